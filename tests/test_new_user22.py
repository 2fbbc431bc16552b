"""What a new user met (user22): a caseworker, a municipal data team and a researcher, each from a
fresh clone with the README and ``--help`` only, and the things user21 left alone. Each test pins
one thing that stopped or misled them (docs/python-api.md, "What a new user met (user22)")."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

import skilltool
from skilltool import header_rows, tabular
from skilltool.cli import app
from skilltool.cli.common import out_of_score_order
from skilltool.models import Candidate

runner = CliRunner()

# --- the data team: a title row above the header, a header over two rows (merged cells) -----------

MAPPING = {
    "version": 1,
    "required": ["Klantnr"],
    "fields": {
        "personal.client_ref": "Klantnr",
        "personal.birth_year": "Geboorte jaar",
        "personal.country_of_origin": "Land van herkomst",
    },
    "groups": {"work": {"numbered": 1, "fields": {"title": "functie", "years": "jaren"}}},
}
ROWS = [
    ["ZZ-001", 1985, "Syrië", "brood bakken en verkopen in het dorp", 12],
    ["ZZ-002", 1999, "Eritrea", "", None],
]


def _workbook(path: Path, *, title: bool, two_rows: bool) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    row = 1
    if title:
        ws.cell(row=1, column=1, value="Export klantvolgsysteem, 1 december")
        ws.merge_cells("A1:E1")  # merged over the sheet's width: the same text in every cell
        row = 2
    if two_rows:
        for col, name in enumerate(["Klantnr", "Geboorte jaar", "Land van herkomst", "Werkervaring"], 1):
            ws.cell(row=row, column=col, value=name)
        ws.cell(row=row + 1, column=4, value="functie")
        ws.cell(row=row + 1, column=5, value="jaren")
        ws.merge_cells(start_row=row, start_column=4, end_row=row, end_column=5)
        for col in (1, 2, 3):  # merged down over both header rows
            ws.merge_cells(start_row=row, start_column=col, end_row=row + 1, end_column=col)
        row += 2
    else:
        for col, name in enumerate(["Klantnr", "Geboorte jaar", "Land van herkomst", "functie", "jaren"], 1):
            ws.cell(row=row, column=col, value=name)
        row += 1
    for values in ROWS:
        for col, value in enumerate(values, 1):
            ws.cell(row=row, column=col, value=value)
        row += 1
    wb.save(path)
    return path


@pytest.mark.parametrize(("title", "two_rows"), [(True, False), (False, True), (True, True), (False, False)])
def test_an_export_with_a_title_row_or_a_two_row_header_goes_through(
    tmp_path: Path, title: bool, two_rows: bool
) -> None:
    """A title row above the header was refused ("remove it"), and columns under a merged group
    cell could not be mapped; both go through, every data row accounted for, the rows above the
    header named by number in a warning (never their text)."""
    export = _workbook(tmp_path / "export.xlsx", title=title, two_rows=two_rows)
    info = tabular.inspect(export)
    assert info.rows == len(ROWS)
    assert [c.strip() for c in info.header] == [
        "Klantnr",
        "Geboorte jaar",
        "Land van herkomst",
        "functie",
        "jaren",
    ]
    said = " ".join(w.render("en") for w in info.warnings)
    assert ("above the header" in said) == title
    assert ("two rows" in said) == two_rows
    assert "klantvolgsysteem" not in said
    mapping = tmp_path / "map.yaml"
    mapping.write_text(yaml.safe_dump(MAPPING), encoding="utf-8")
    result = skilltool.run_batch(export, mapping=mapping, out=tmp_path / "out")
    counts = result.counts
    assert (counts.rows_read, counts.rows_written, counts.rows_rejected) == (2, 2, 0)
    first = 2 + title + two_rows  # the sheet's row of the first data row
    summary = (tmp_path / "out" / "summary.csv").read_text(encoding="utf-8-sig").splitlines()
    assert [line.split(";")[:2] for line in summary[1:]] == [
        [str(first), "ZZ-001"],
        [str(first + 1), "ZZ-002"],
    ]


def test_a_csv_with_a_title_line_without_delimiters(tmp_path: Path) -> None:
    """A title line with no delimiter (typed above the header in a text editor) made the file read
    as comma-separated, one column: the delimiter is sniffed from the header below it."""
    export = tmp_path / "export.csv"
    export.write_text(
        "Intakes gemeente Voorbeeld\n\nKlantnr;Geboorte jaar;Land van herkomst\nZZ-001;1985;Syrië\n",
        encoding="utf-8",
    )
    info = tabular.inspect(export)
    assert (info.delimiter, info.header, info.header_row, info.rows) == (
        ";",
        ["Klantnr", "Geboorte jaar", "Land van herkomst"],
        3,
        1,
    )


def test_a_csv_saved_from_merged_cells_has_a_two_row_header(tmp_path: Path) -> None:
    """Excel saves a merged group cell as its text followed by empty cells."""
    export = tmp_path / "export.csv"
    export.write_text("Klantnr;Werkervaring;\n;functie;jaren\nZZ-001;kok;3\n", encoding="utf-8")
    info = tabular.inspect(export)
    assert (info.header, info.header_row, info.rows) == (["Klantnr", "functie", "jaren"], 2, 1)


@pytest.mark.parametrize(
    "lines",
    [
        [["Klantnr", "functie"], ["ZZ-001", "kok"]],  # an ordinary header and a data row
        [["functie"], ["kok"], ["bakker"]],  # one column: its first row is its header
        [["Klantnr", "Werkervaring", ""], ["ZZ-001", "kok", "3"]],  # a data row under a group: its id
        [["Klantnr", "functie"], ["Klantnr", "functie"]],  # the header twice: a repeat, not a second row
    ],
)
def test_a_plain_header_stays_the_first_row(lines: list[list[str]]) -> None:
    """What is no title and no second header row is read as before."""
    found = header_rows.find_header([(n, cells) for n, cells in enumerate(lines, 1)])
    assert (found.cells, found.row, found.taken, found.warnings) == (lines[0], 1, 1, [])


def test_a_data_row_under_a_sparse_header_is_no_second_header_row() -> None:
    """A header with a name far right (empty cells between) and a short data row under it: the
    row's one value under the first name is data, not a column name."""
    upper = ["klantnummer", *[""] * 10, "x"]
    found = header_rows.find_header([(1, upper), (2, ["K-1"]), (3, ["K-2", "", "3"])])
    assert (found.cells, found.row, found.taken) == (upper, 1, 1)


# --- the caseworker: a second entry asked as "another", not "(item 2)" -----------------------------

# a made-up client: Eritrea, one other language, two schools, then stop (end of input)
TWO_SCHOOLS = [
    *["ZZ-22", "1990", "Eritrea", "2025-03-01", "Amersfoort", "Tigrinya"],
    *["ja", "Engels", "A2", "nee", "A1", "1", "1"],
    *["ja", "Eritrea", "lagere school", "algemeen", "6", "ja", "nee", "1"],
    *["ja", "Eritrea", "vakschool", "naaien", "2", "nee", "nee", "1"],
    "nee",
]


@pytest.mark.parametrize(
    ("lang", "again", "language_again", "old"),
    [
        ("nl", "Nog een opleiding toevoegen?", "Spreekt de persoon nog een taal?", "(item 2)"),
        ("en", "Add another education entry?", "Does the person speak one more language?", "(entry 2)"),
    ],
)
def test_a_second_entry_is_asked_as_another_one(
    tmp_path: Path, lang: str, again: str, language_again: str, old: str
) -> None:
    """The second school was asked as "Een opleiding toevoegen? (item 2)"; it is asked as "Nog een
    opleiding toevoegen?" (``more_again`` of a repeated section, ``again`` of a group)."""
    r = runner.invoke(
        app,
        ["intake", "--lang", lang, "--client-lang", "ti", "--out", str(tmp_path / "p.json")],
        input="\n".join(TWO_SCHOOLS) + "\n",
    )
    shown = r.stdout + r.stderr
    assert shown.count(again) == 2, shown  # after the first school and after the second
    assert language_again in shown
    assert old not in shown


@pytest.mark.parametrize(
    ("client", "lang", "marked"),
    [
        ("ti", "nl", "Gedeeltelijk (geen ti-vertaling)"),
        ("ti", "en", "Partly (no ti translation)"),
        ("ar", "nl", None),
    ],
)
def test_a_choice_without_a_client_translation_says_so(
    tmp_path: Path, client: str, lang: str, marked: str | None
) -> None:
    """In Tigrinya, "Ja" and "Nee" stood beside their translation and "Gedeeltelijk" alone, as if
    the client could read it: a choice without a translation in the client's language says so, as
    a question without one does. Arabic has every choice (none reviewed yet): nothing is marked."""
    r = runner.invoke(
        app,
        ["intake", "--lang", lang, "--client-lang", client, "--out", str(tmp_path / "p.json")],
        input="\n".join(TWO_SCHOOLS) + "\n",
    )
    shown = r.stdout + r.stderr
    if marked is None:
        assert "vertaling)" not in shown.split("Onderdeel 3")[1].split("Onderdeel 4")[0]
    else:
        assert marked in shown, shown


# --- the caseworker: candidates out of score order --------------------------------------------------


def _candidates(*scores: float) -> list[Candidate]:
    return [
        Candidate(
            uri=f"http://data.europa.eu/esco/occupation/x{i}", isco="7115", label="x", matched="x", score=s
        )
        for i, s in enumerate(scores)
    ]


@pytest.mark.parametrize(
    ("scores", "out"),
    [
        ((100, 56, 68, 51), True),
        ((100, 68, 56), False),
        ((28.0, 28.4), False),
        ((27.0, 28.4), True),
        ((), False),
    ],
)
def test_out_of_score_order(scores: tuple[float, ...], out: bool) -> None:
    """A candidate scoring visibly (half a point) above one listed before it."""
    assert out_of_score_order(_candidates(*scores)) is out


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_list_out_of_score_order_says_why(lang: str) -> None:
    """A carpenter's candidates came as 100, 56, 68, 51, 48 without a word: the coder spreads its
    list over ISCO groups and orders an uncertain title by a second opinion. When the list is out
    of score order, ``occupation code`` (and the intake's picker) says so; when it is not, it
    says nothing."""
    title = "timmerman op de bouwplaats"
    coded = json.loads(runner.invoke(app, ["occupation", "code", title, "--json", "--lang", lang]).stdout)
    scores = [c["score"] for c in coded["candidates"]]
    out = any(b > a + 0.5 for a, b in itertools.pairwise(scores))
    r = runner.invoke(app, ["occupation", "code", title, "--lang", lang])
    note = {"nl": "volgorde: het beroep dat het programma", "en": "order: the occupation the program"}[lang]
    assert (note in r.stderr) is out, (scores, r.stderr)


# --- every new user: where to start ------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "start"), [("nl", "Waar begin je?"), ("en", "Where to start?")])
def test_the_root_help_says_where_to_start(lang: str, start: str, tmp_path: Path) -> None:
    """`skilltool --help` listed ten commands and no first step; it names one for each of the three
    users, and the example it gives runs from a checkout."""
    r = runner.invoke(app, ["--help"], env={"SKILLTOOL_LANG": lang})
    assert r.exit_code == 0, r.output
    said = " ".join(r.stdout.split())
    assert start in said
    for step in (
        "skilltool intake --answers examples/answers/eritrea-welder.yaml --out p.json",
        "skilltool batch template",
    ):
        assert step in said
    out = tmp_path / "p.json"
    answers = Path(__file__).resolve().parents[1] / "examples" / "answers" / "eritrea-welder.yaml"
    done = runner.invoke(app, ["intake", "--answers", str(answers), "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert runner.invoke(app, ["suggest", str(out)]).exit_code == 0
