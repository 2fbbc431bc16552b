"""Hostile input, twelfth review: each case here once put a phone number or an Excel date into
every output as a client id, read a JSON export as CSV and echoed its first record, named a
client's sheet in a research export, left an old manifest over new outputs, coded a formula as a
skill, misnamed a file of profiles or a profile given as answers, or ended ``data build`` in a
traceback; now it does not.
"""

from __future__ import annotations

import datetime
import errno
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skilltool import batch, batch_output
from skilltool.cli import app
from skilltool.errors import OutputError
from skilltool.models.client_ref import client_ref_problem

from .batch_fakes import fake_processor
from .test_hostile_input import export, one_error, row

runner = CliRunner()

Sources = tuple[Path, object]


# --- a phone number as client id ------------------------------------------------------------------

PHONES = [
    "0612345678",
    "06-12345678",
    "06.12.34.56.78",
    "06-12-34-56-78",
    "030-1234567",
    "0201234567",
    "0031612345678",
    "tel-0612345678",
    "MOBIEL_06-12345678",
]
CASE_NUMBERS = [
    "UT-1",
    "01-2024-0001",
    "0000012345",
    "2024-0001",
    "20240101-0001",
    "UT-0612345678",
    "1012345678",
]


@pytest.mark.parametrize("cid", PHONES)
def test_a_phone_number_is_no_client_id(cid: str) -> None:
    """A Dutch phone number as people write it, alone or labelled, is refused as a client id by the
    one rule every way in uses; it was a valid id."""
    assert client_ref_problem(cid) == "phone"


@pytest.mark.parametrize("cid", CASE_NUMBERS)
def test_case_numbers_of_ten_digits_stay_valid(cid: str) -> None:
    """Case numbers with ten digits in other groups, zero-padded or after a letter stay valid."""
    assert client_ref_problem(cid) is None


def test_a_batch_row_with_a_phone_as_id_is_rejected_without_showing_it(tmp_path: Path) -> None:
    """An export whose id column holds the phone (or a mapping naming that column): the row is
    rejected as a phone number, and no output file nor the terminal holds the number."""
    src = tmp_path / "in.csv"
    src.write_text(export([row("06-12345678"), row("UT-2")]), encoding="utf-8")
    out = tmp_path / "out"
    r = runner.invoke(app, ["batch", str(src), "--out", str(out), "--json", "--lang", "en"])
    assert r.exit_code == 0, r.output
    counts = json.loads(r.stdout)["counts"]
    assert (counts["rows_read"], counts["rows_written"], counts["rows_rejected"]) == (2, 1, 1)
    assert "looks like a phone number" in (out / "errors.csv").read_text(encoding="utf-8-sig")
    for path in out.iterdir():
        assert "12345678" not in path.read_text(encoding="utf-8", errors="replace"), path.name
    assert "12345678" not in r.stderr + r.stdout


# --- a JSON or JSON Lines export given as a table ---------------------------------------------------

_RECORD = '{"naam": "Fatima Haddad", "title": "lasser"}\n'


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("x.jsonl", _RECORD * 2),
        ("x.json", "[" + _RECORD.strip() + "]"),
        ("x.json", "{\n  " + _RECORD[1:]),
        ("x.csv", "\ufeff" + _RECORD),
        ("x.xlsx", _RECORD),
    ],
)
def test_a_json_export_is_named_as_such_and_never_echoed(tmp_path: Path, name: str, text: str) -> None:
    """A JSON Lines dump (an API, pandas' ``to_json``) given to a batch was read as CSV: its first
    record was the header ("missing required columns"), and a coding job's "no column" error listed
    it, the name in it too. Now it is one line saying what it is and what to export."""
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    for args in (
        ["batch", str(src), "--out", str(tmp_path / "out")],
        ["occupation", "code", "--input", str(src), "--column", "beroep", "--out", str(tmp_path / "o.csv")],
    ):
        r = runner.invoke(app, [*args, "--lang", "en"])
        line = one_error(r)
        assert line == (
            f"error: {src}: this is JSON (or JSON Lines), not CSV text nor an .xlsx workbook; "
            "export the data as 'CSV UTF-8' or .xlsx"
        )
        assert "Fatima" not in r.stderr + r.stdout
    assert not (tmp_path / "o.csv").exists()


def test_a_csv_whose_first_cell_has_a_brace_is_still_csv(tmp_path: Path) -> None:
    """Only JSON's shape is refused: a header cell that starts with a brace or a bracket but no
    JSON after it is a header cell."""
    src = tmp_path / "in.csv"
    src.write_text("[id];{functie}\n1;lasser\n", encoding="utf-8")
    r = runner.invoke(
        app,
        [
            "occupation",
            "code",
            "--input",
            str(src),
            "--column",
            "beroep",
            "--out",
            str(tmp_path / "o.csv"),
            "--lang",
            "en",
        ],
    )
    assert "no column 'beroep'" in one_error(r)


# --- data build on a damaged source -------------------------------------------------------------------


def test_a_source_cut_short_in_its_last_line_is_one_line(tiny_data: Path, tiny_sources: Sources) -> None:
    """A source whose download broke off inside its last record (fewer cells than the header), or a
    record with a cell too many, accepted with ``--update-manifest``: the build ended in an
    ``AttributeError`` traceback on the missing cell. Now one line names the file and the line."""
    root, _ = tiny_sources
    path = root / "shortage/tightness.csv"
    whole = path.read_text(encoding="utf-8")
    header = whole.splitlines()[0]
    for damaged, cells in (
        (whole.rstrip("\n").rsplit(",", 3)[0] + "\n", "3"),
        (whole + "a,b,c,d,e,f,g\n", "7"),
    ):
        path.write_text(damaged, encoding="utf-8")
        args = ["--data-dir", str(tiny_data), "data", "build", "--sources", str(root), "--update-manifest"]
        r = runner.invoke(app, [*args, "--out", str(tiny_data.parent / "rebuilt"), "--lang", "en"])
        line = one_error(r)
        assert line.startswith(f"error: {path}:"), line
        assert f"the record has {cells} cell(s) where the header has {header.count(',') + 1}" in line
        assert line.endswith("the file is cut short or damaged: download it again")
        assert not (tiny_data.parent / "rebuilt").exists()


# --- a research export of a workbook whose sheet names the client ---------------------------------------


def test_a_research_export_withholds_the_sheet_name(tmp_path: Path) -> None:
    """A workbook kept as a sheet per client (the sheet named after the person) in a research
    export: ``manifest.json`` withheld the file's name since the seventh review but wrote the
    sheet's as it was, the name of the person. Now it is withheld as the file's; an export that is
    not for research keeps it."""
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Fatima Haddad"
    for cells in export([row("UT-1")]).splitlines():
        ws.append(cells.split(";"))
    src = tmp_path / "in.xlsx"
    wb.save(src)
    key = tmp_path / "key"
    key.write_bytes(b"0123456789abcdef0123456789abcdef\n")
    out = tmp_path / "out"
    args = ["batch", str(src), "--out", str(out), "--lang", "en", "--xlsx"]
    r = runner.invoke(app, [*args, "--pseudonymise", str(key)])
    assert r.exit_code == 0, r.output
    for path in out.iterdir():
        if path.suffix != ".xlsx":
            assert "Haddad" not in path.read_text(encoding="utf-8", errors="replace"), path
    assert "Haddad" not in r.stdout + r.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["input"]["sheet"] == "(withheld: research export)"
    r = runner.invoke(app, [*args, "--force"])
    assert r.exit_code == 0, r.output
    assert (
        json.loads((out / "manifest.json").read_text(encoding="utf-8"))["input"]["sheet"] == "Fatima Haddad"
    )


def test_a_source_with_a_nul_byte_is_one_line(tiny_data: Path, tiny_sources: Sources) -> None:
    """A source damaged with NUL bytes, accepted with ``--update-manifest``, was built: a tightness
    row's code ``\\x000742`` joined no group, so the group's value was dropped as a gap without a
    word on the terminal. Now one line names the file and the line, and nothing is written."""
    root, _ = tiny_sources
    path = root / "shortage/tightness.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(lines[0] + "\0" + "".join(lines[1:]), encoding="utf-8")
    args = ["--data-dir", str(tiny_data), "data", "build", "--sources", str(root), "--update-manifest"]
    r = runner.invoke(app, [*args, "--out", str(tiny_data.parent / "rebuilt"), "--lang", "en"])
    assert (
        one_error(r)
        == f"error: {path}:2: the record holds a NUL byte; the file is damaged: download it again"
    )
    assert not (tiny_data.parent / "rebuilt").exists()


# --- a coding job on a file whose first row is a person's data ---------------------------------------


def test_a_first_row_with_an_email_address_is_data_and_not_listed(tmp_path: Path) -> None:
    """A coding job on a file without a header: a first row with a number or a date was already
    data, not listed; a row of a name, an e-mail address and a title was listed whole as "the
    columns", the name and the address on stderr. An e-mail address now makes the row data."""
    src = tmp_path / "in.csv"
    src.write_text("Fatima Haddad;f.haddad@example.org;lasser\nJan;j@example.org;kok\n", encoding="utf-8")
    args = [
        "occupation",
        "code",
        "-i",
        str(src),
        "--column",
        "functie",
        "-o",
        str(tmp_path / "o.csv"),
        "--lang",
        "en",
    ]
    r = runner.invoke(app, args)
    assert one_error(r) == (
        f"error: {src}: no column 'functie', and the first row holds numbers, dates or e-mail addresses: "
        "data, not a header? Give the file its header row"
    )
    assert "Haddad" not in r.stderr + r.stdout
    src.write_text("klantnummer;e-mail;beroep\nUT-1;;lasser\n", encoding="utf-8")
    assert "nor one near it among the 3 names of the first row" in one_error(runner.invoke(app, args))


# --- a batch replacing an earlier result -------------------------------------------------------------


def test_an_earlier_results_manifest_never_vouches_for_a_half_replaced_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--force`` over an earlier result kept its ``manifest.json`` while the new outputs were put
    in place one by one (the old Parquet tables removed first, which takes a while for a big
    batch): a stop there left the old manifest saying "complete" over new profiles and no tables.
    The old manifest now goes before anything is replaced; ``--resume`` finishes the new result."""
    pytest.importorskip("pyarrow")
    src = tmp_path / "in.csv"
    src.write_text(export([row("UT-1"), row("UT-2")]), encoding="utf-8")
    out = tmp_path / "out"

    def job(*, force: bool = False, resume: bool = False) -> batch.BatchJob:
        return batch.prepare(
            src,
            out=out,
            workers=1,
            factory=fake_processor,
            output_format="parquet",
            force=force,
            resume=resume,
        )

    batch.run(job())
    assert (out / "manifest.json").exists() and (out / "tables").is_dir()
    src.write_text(export([row("UT-1"), row("UT-2"), row("UT-3")]), encoding="utf-8")

    def stopped(job: object) -> None:
        shutil.rmtree(out / "tables")  # the old tables gone, the new ones not yet moved in
        raise OSError(errno.EIO, "Input/output error")

    with monkeypatch.context() as m:
        m.setattr(batch_output, "_replace_tables", stopped)
        with pytest.raises(OutputError, match="run the same command with --resume"):
            batch.run(job(force=True))
    assert not (out / "manifest.json").exists()
    manifest = batch.run(job(resume=True))
    assert manifest.counts.rows_read == manifest.counts.rows_written == 3
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["counts"]["rows_read"] == 3


# --- a formula or markup as a skill ---------------------------------------------------------------------


def test_a_formula_url_or_markup_is_not_coded_as_a_skill(tiny_data: Path) -> None:
    """The occupation coder has not coded a formula, a web address or markup since the sixth
    review; the skill coder still coded their words: ``=HYPERLINK("http://x")`` came back as "perform
    wagon coupling", a cell planted with a tag as whatever shared its letters. Now each is not coded,
    with a problem that says to type the skill; a skill with punctuation is still coded."""
    lines = [
        '=HYPERLINK("http://x/use welding equipment")',
        "#REF!",
        "<b>cut hair</b>",
        "http://cut.hair",
        "cut hair!",
    ]
    r = runner.invoke(
        app,
        ["--data-dir", str(tiny_data), "skill", "code", "--json", "--lang", "en"],
        input="\n".join(lines) + "\n",
    )
    assert r.exit_code == 0, r.output
    results = [json.loads(line) for line in r.stdout.splitlines()]
    assert [bool(x["candidates"]) for x in results] == [False, False, False, False, True]
    for result in results[:4]:
        assert result["problem"].startswith(
            "a formula (or its error value, #REF!), web address or markup, not a skill"
        )
    assert results[4]["problem"] is None


# --- a client id Excel holds as a date or TRUE ------------------------------------------------------------


def test_a_client_id_excel_holds_as_a_date_or_true_is_rejected(tmp_path: Path) -> None:
    """Excel makes a case number typed as ``3-12`` a date and ``waar`` a TRUE: the batch read the
    cells' text, ``2024-12-03`` and ``true``, as valid ids naming no client, in every output. Such
    a cell is now rejected, saying why and what to do; a number or a text cell is still an id."""
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["klantnummer", "geboortejaar", "land_herkomst", "beroep_1"])
    for cid in (datetime.datetime(2024, 12, 3), True, 1234567, "UT-4"):
        ws.append([cid, 1990, "Syrië", "lasser"])
    src = tmp_path / "in.xlsx"
    wb.save(src)
    out = tmp_path / "out"
    r = runner.invoke(app, ["batch", str(src), "--out", str(out), "--json", "--lang", "en"])
    assert r.exit_code == 0, r.output
    counts = json.loads(r.stdout)["counts"]
    assert (counts["rows_read"], counts["rows_written"], counts["rows_rejected"]) == (4, 2, 2)
    errors = (out / "errors.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    assert [line.split(";")[:3] for line in errors] == [["2", "", "klantnummer"], ["3", "", "klantnummer"]]
    assert "is a date, a time or TRUE/FALSE in the workbook, not the id as typed" in errors[0]
    ids = [
        json.loads(line)["personal"]["client_ref"]
        for line in (out / "profiles.jsonl").read_text().splitlines()
    ]
    assert ids == ["1234567", "UT-4"]


# --- a batch's profiles.jsonl given as a profile ------------------------------------------------------


def test_a_file_of_profiles_one_a_line_says_to_give_one(tmp_path: Path) -> None:
    """A caseworker gives a batch's ``profiles.jsonl`` to ``report``, ``profile show`` or
    ``suggest``: "profiles.jsonl:2: not valid JSON; is this really the profile?", where line 2 is
    valid JSON, one more profile. Now the line says another value begins there, and what to do."""
    src = tmp_path / "profiles.jsonl"
    src.write_text('{"schema_version": 4}\n{"schema_version": 4}\n', encoding="utf-8")
    for command in (["report"], ["profile", "show"], ["suggest"]):
        line = one_error(runner.invoke(app, [*command, str(src), "--lang", "en"]))
        assert line == (
            f"error: {src}:2: another JSON value begins here, and a file holds one, the profile (a batch's "
            "profiles.jsonl holds one profile a line: save that line as a file of its own)"
        )


def test_a_profile_given_as_answers_says_what_it_is(tmp_path: Path) -> None:
    """``intake --answers profile.json`` (the profile of an earlier intake, given to do it again)
    said "schema_version: not a question of this intake (typo, or a switched-off section?)"; now
    it says the file is a profile and which commands read it."""
    src = tmp_path / "p.json"
    src.write_text('{"schema_version": 4, "personal": {"client_ref": "UT-1"}}\n', encoding="utf-8")
    r = runner.invoke(
        app, ["intake", "--answers", str(src), "--out", str(tmp_path / "o.json"), "--lang", "en"]
    )
    assert one_error(r) == (
        f"error: {src}: this is a profile (skilltool wrote it), not an answers file; report, suggest and "
        "profile show read it, intake --answers takes the YAML answers"
    )
    assert not (tmp_path / "o.json").exists()
