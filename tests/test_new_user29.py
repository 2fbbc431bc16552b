"""What a new user met (user29): a caseworker, a municipal data team and a researcher, each from
the README and ``--help`` only. Each test pins one thing that stopped or misled them
(docs/python-api.md, "What a new user met (user29)")."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

from skilltool import batch, header_rows
from skilltool.batch_answers import RowError, row_to_answers
from skilltool.batch_mapping import compile_mapping
from skilltool.cli import app
from skilltool.models.batch import ColumnMapping

from .conftest import REPO

runner = CliRunner()

FIELDS = {
    "personal.client_ref": "Klant nr",
    "personal.birth_year": "Geboortedatum",
    "personal.country_of_origin": "Herkomst",
    "languages.dutch_cefr": "Taal NL",
}
MAPPING = {
    "version": 1,
    "required": ["Klant nr", "Herkomst"],
    "fields": FIELDS,
    "groups": {"work": {"numbered": 1, "fields": {"title": "Beroep", "years": "Jaren"}}},
}
HEADER = ["Klant nr", "Geboortedatum", "Herkomst", "Taal NL", "Beroep", "Jaren"]
ROWS = [
    ["ZZ-291", dt.datetime(1988, 5, 12), "Syrië", "A2", "lasser", 6],
    ["ZZ-292", 1995, "Eritrea", "A1", "kok", 4],
]


def _grouped_workbook(path: Path, groups: list[str | None], merges: list[tuple[int, int]]) -> Path:
    """A sheet as a case system exports it: a title merged over the width, a row of group names
    merged over their columns, the names under them, then the rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Intakes regio, december"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.append(groups)
    for first, last in merges:
        ws.merge_cells(start_row=2, start_column=first, end_row=2, end_column=last)
    ws.append(HEADER)
    for row in ROWS:
        ws.append(row)
    wb.save(path)
    return path


def _mapping(tmp_path: Path, **changes: object) -> Path:
    path = tmp_path / "map.yaml"
    path.write_text(yaml.safe_dump({**MAPPING, **changes}, allow_unicode=True), encoding="utf-8")
    return path


# --- the data team: a header over two rows, under merged group cells ---------------------------------


def test_a_column_named_as_its_group_is_still_a_name() -> None:
    """Every column under a group, and one of them named as its group ("Opleiding" under
    "Opleiding"): that cell counted as the name above merged down, so the lower row named one
    column too few, was not taken as the header's second row, and every required column was
    "missing" (the README says such a header is read)."""
    upper = ["Persoon", "Persoon", "Persoon", "Opleiding", "Opleiding"]
    lower = ["Klant nr", "Geboortedatum", "Herkomst", "Opleiding", "Land"]
    found = header_rows.find_header([(1, upper), (2, lower), (3, ["ZZ-1", "1990", "Syrië", "", ""])])
    assert found.cells == lower
    assert found.row == 2


@pytest.mark.parametrize(
    ("groups", "merges"),
    [
        # a one-column group ("Taal" over "Taal NL") beside the merged ones
        (["Persoon", None, None, "Taal", "Werk", None], [(1, 3), (5, 6)]),
        # every column under a merged group, one named as its group ("Beroep" under "Beroep")
        (["Persoon", None, None, "Beroep", None, None], [(1, 3), (4, 6)]),
    ],
)
def test_an_export_with_groups_merged_over_the_names_goes_through(
    tmp_path: Path, groups: list[str | None], merges: list[tuple[int, int]]
) -> None:
    """A title row, then group names merged over their columns, then the names: the batch read
    the group row as the header and stopped, saying 'Klant nr' and 'Herkomst' were missing."""
    export = _grouped_workbook(tmp_path / "export.xlsx", groups, merges)
    out = tmp_path / "out"
    r = runner.invoke(
        app,
        [
            "--quiet",
            "batch",
            str(export),
            "--mapping",
            str(_mapping(tmp_path)),
            "--out",
            str(out),
            "--lang",
            "en",
        ],
    )
    assert r.exit_code == 0, r.output
    assert "two rows (2 and 3)" in r.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["rows_written"] == len(ROWS)


def test_missing_columns_name_the_row_read_as_the_header(tmp_path: Path) -> None:
    """A required column missing below a title row: the error said the column was missing, while
    the warning that named the title row as skipped comes only after that check, so nothing said
    which row had been read as the header. The error names it."""
    export = _grouped_workbook(
        tmp_path / "export.xlsx", ["Persoon", None, None, "Taal", "Werk", None], [(1, 3), (5, 6)]
    )
    fields = {**FIELDS, "personal.client_ref": "Klantnummer"}
    mapping = _mapping(tmp_path, required=["Klantnummer"], fields=fields)
    r = runner.invoke(
        app, ["batch", str(export), "--mapping", str(mapping), "--out", str(tmp_path / "o"), "--lang", "en"]
    )
    assert r.exit_code == 1, r.output
    assert "missing required column(s) 'Klantnummer' from the header on row 3 (the rows above it" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_a_header_on_the_first_row_is_not_named() -> None:
    """The row is named only when rows above the header were passed over."""
    mapping = ColumnMapping.model_validate(MAPPING)
    with pytest.raises(Exception, match="'Herkomst'; rename") as caught:
        compile_mapping(mapping, ["Klant nr", "Land"], source="x.csv", mapping_name="m.yaml")
    assert "row" not in str(caught.value)


# --- the data team: an Excel day number in a date column ---------------------------------------------


@pytest.mark.parametrize(("cell", "serial"), [("45365", True), ("2024-03-14", False), ("14-3-2024", False)])
def test_an_excel_day_number_in_a_date_column_says_so(cell: str, serial: bool) -> None:
    """A CSV saved from a date column formatted as General holds 45365 for 14 March 2024. It was
    "is not a date (use dd-mm-yyyy)", which sent the team looking for a typo; it says what it is
    and what to do in Excel. It is never turned into a date (1900 or 1904 system: unknown)."""
    mapping = compile_mapping(
        ColumnMapping.model_validate(
            {"version": 1, "fields": {"personal.client_ref": "id", "personal.permit_date": "vergunning"}}
        ),
        ["id", "vergunning"],
        source="x.csv",
        mapping_name="m.yaml",
    )
    if not serial:
        assert row_to_answers(["ZZ-1", cell], mapping).personal.permit_date == dt.date(2024, 3, 14)
        return
    with pytest.raises(RowError) as caught:
        row_to_answers(["ZZ-1", cell], mapping, lang="nl")
    assert "getal waar een datum hoort" in str(caught.value)
    assert "Datum (dd-mm-jjjj)" in str(caught.value)
    assert cell not in str(caught.value)


# --- the researcher: a first pseudonymised export, without a key yet ---------------------------------


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "no such file; check the name and folder of the key file, or for a first export make a key"),
        ("nl", "bestand bestaat niet; controleer de naam en de map van het sleutelbestand, of maak voor een"),
    ],
)
def test_a_missing_key_file_says_how_to_make_one(tmp_path: Path, lang: str, said: str) -> None:
    """``--pseudonymise KEYFILE`` with no such file said only to check its name: a researcher's
    first export has no key yet. It says how to make one and why to keep it."""
    export = REPO / "examples" / "batch" / "intakes.csv"
    key = tmp_path / "geheim.key"
    r = runner.invoke(
        app, ["batch", str(export), "--pseudonymise", str(key), "--out", str(tmp_path / "o"), "--lang", lang]
    )
    assert r.exit_code == 1, r.output
    assert said in r.stderr
    assert "head -c 32 /dev/urandom | base64 > KEYFILE" in r.stderr
    assert not (tmp_path / "o" / "manifest.json").exists()


# --- the caseworker: a "yes" typed by mistake, and the picker's Enter ----------------------------------

BEFORE_EDUCATION = ["ZZ-29", "1985", "Syrië", "-", "-", "Arabisch", "nee", "A2", "-", "-"]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "nl",
            "deze vraag moet beantwoord worden; toch niets toevoegen? Typ < tot de vraag of er een bij komt",
        ),
        ("en", "this question needs an answer; nothing to add after all? Type < until the question whether"),
    ],
)
def test_a_required_question_of_an_entry_says_how_to_add_none(tmp_path: Path, lang: str, said: str) -> None:
    """ "Een opleiding toevoegen?" answered yes by mistake: the diploma's name is required, ``-``
    (offered under every question) was refused with "deze vraag moet beantwoord worden", again
    and again. The refusal now says the way out: back to the question that added the entry."""
    answers = [*BEFORE_EDUCATION, "ja", "-", "-"]
    r = runner.invoke(
        app, ["intake", "--lang", lang, "--out", str(tmp_path / "p.json")], input="\n".join(answers) + "\n"
    )
    assert said in r.stdout + r.stderr


def test_the_first_question_is_refused_without_a_way_back(tmp_path: Path) -> None:
    """The client reference is required but in no entry: no "<" to type, the plain refusal."""
    r = runner.invoke(app, ["intake", "--lang", "en", "--out", str(tmp_path / "p.json")], input="-\n")
    shown = r.stdout + r.stderr
    assert "this question needs an answer" in shown
    assert "nothing to add" not in shown


def test_the_picker_says_what_enter_does(tmp_path: Path) -> None:
    """The picker's last line said "- = later beoordelen"; with a code the tool is sure of, Enter
    takes candidate 1 (shown as the default), and without one, Enter leaves the code to review,
    which no line said. The hint names Enter where Enter does what ``-`` does."""
    answers = [*BEFORE_EDUCATION, "nee", "ja", "lasser"]
    r = runner.invoke(
        app, ["intake", "--lang", "nl", "--out", str(tmp_path / "p.json")], input="\n".join(answers) + "\n"
    )
    shown = r.stdout + r.stderr
    assert "nummer kiezen; - = later beoordelen" in shown  # a sure code: Enter is 1, shown as (1)
    assert "Enter of -" not in shown


# --- the caseworker: a skipped question printed as "none" --------------------------------------------


@pytest.mark.parametrize(("lang", "said"), [("nl", "geen opgegeven"), ("en", "none given")])
def test_no_licences_given_is_not_said_as_none_held(tmp_path: Path, lang: str, said: str) -> None:
    """Driving licences and certificates skipped in the intake were printed as "Rijbewijzen: geen",
    a fact nobody had given (the profile holds an empty list for a skip and for none alike, and
    the wishes beside them said "onbekend"). The report says none were given."""
    persona = json.loads((REPO / "examples" / "personas" / "iraqi_midwife.json").read_text(encoding="utf-8"))
    persona["driving_licences"], persona["driving_licence_country"], persona["certificates"] = [], None, []
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(persona), encoding="utf-8")
    r = runner.invoke(app, ["report", str(profile), "--format", "md", "--lang", lang])
    assert r.exit_code == 0, r.output
    lines = [line for line in r.stdout.splitlines() if said in line]
    assert len(lines) == 2, r.stdout  # licences and certificates


# --- the researcher: the Parquet chunk the README names ----------------------------------------------


def test_the_readme_names_the_parquet_chunk_in_use() -> None:
    """The README said a Parquet chunk was 100 rows; it has been 50 since scale24."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"chunks are {batch.DEFAULT_CHUNK} rows, {batch.PARQUET_CHUNK} with `--format parquet`" in readme
