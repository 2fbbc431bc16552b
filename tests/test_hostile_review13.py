"""Hostile input, thirteenth review: each case here once repeated a BSN, a phone number or an
e-mail address in an error or a warning, told a LibreOffice sheet or a packed export to be renamed
.xlsx, or left the folders above a batch's output world-readable; now it does not.
"""

from __future__ import annotations

import gzip
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skilltool import answer_parsing, batch, messages, table_out
from skilltool.cli import app

from .batch_fakes import fake_processor
from .test_hostile_input import export, one_error, row

runner = CliRunner()


# --- a grouped BSN, a phone number or an e-mail address in a refused answer ----------------------

IDENTIFIERS = [
    ("123 456 782", "123 456"),
    ("1234.56.782", "1234.56"),
    ("06 1234 5678", "1234 5678"),
    ("+31 6 1234 5678", "1234 5678"),
    ("j.jansen@voorbeeld.nl", "jansen@"),
]


@pytest.mark.parametrize(("typed", "part"), IDENTIFIERS)
def test_an_answers_file_error_never_repeats_a_grouped_number_or_an_address(
    tmp_path: Path, typed: str, part: str
) -> None:
    """A BSN or a phone number written in groups, or an e-mail address, typed in the wrong field of
    an answers file was repeated whole in the error line (only eight digits in a row were
    masked); now (sixteenth review) no answer is repeated at all, and the field is still named."""
    answers = tmp_path / "a.yaml"
    answers.write_text(f'personal:\n  client_ref: X-1\n  birth_year: "{typed}"\n', encoding="utf-8")
    r = runner.invoke(app, ["intake", "--answers", str(answers), "--lang", "en"])
    line = one_error(r)
    assert "personal.birth_year: the answer is not a whole number" in line
    assert part not in r.output


def test_a_refused_date_or_word_is_still_shown() -> None:
    """What a person needs to see to correct an answer stays: a date (eight digits with marks), a
    word, a short number."""
    assert answer_parsing.shown("14-03-1987") == "14-03-1987"
    assert answer_parsing.shown("zeventig") == "zeventig"
    assert answer_parsing.shown("2025-13-45") == "2025-13-45"
    assert answer_parsing.shown("mail: a@b.nl of 06 1234 5678") == "mail: ###@### of ########"


# --- a LibreOffice sheet, a zip archive or a gzip file given as the export -----------------------


def _ods(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content/>")
    return path


def _zip_of_a_csv(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Jansen_intake.csv", "klantnummer;geboortejaar\nUT-1;1990\n")
    return path


def _gzip_of_a_csv(path: Path) -> Path:
    path.write_bytes(gzip.compress(b"klantnummer;geboortejaar\nUT-1;1990\n"))
    return path


PACKED = [
    ("x.ods", _ods, "OpenDocument spreadsheet"),
    ("x.xlsx", _ods, "OpenDocument spreadsheet"),
    ("x.csv", _ods, "OpenDocument spreadsheet"),
    ("x.zip", _zip_of_a_csv, "zip archive of other files"),
    ("x.csv", _zip_of_a_csv, "zip archive of other files"),
    ("x.xlsx", _zip_of_a_csv, "zip archive of other files"),
    ("x.csv.gz", _gzip_of_a_csv, "gzip-compressed"),
    ("x.xlsx", _gzip_of_a_csv, "gzip-compressed"),
]


@pytest.mark.parametrize(("name", "make", "said"), PACKED)
def test_an_ods_a_zip_archive_or_a_gzip_export_says_what_it_is(
    tmp_path: Path, name: str, make: Callable[[Path], Path], said: str
) -> None:
    """A LibreOffice Calc sheet (.ods) or a zip archive holding the CSV was told "a zip file (an
    .xlsx workbook with another name?) ... name it .xlsx", which then said "not a readable .xlsx
    workbook (File not found)"; a gzip file was "contains NUL bytes". Each now says what it is and
    what to do, for a batch and a coding job, and never the names inside the archive."""
    path = make(tmp_path / name)
    for args in (
        ["batch", str(path), "--out", str(tmp_path / "out")],
        ["occupation", "code", "--input", str(path), "--column", "titel", "--out", str(tmp_path / "c.csv")],
    ):
        r = runner.invoke(app, [*args, "--lang", "en"])
        line = one_error(r)
        assert said in line and "Jansen" not in r.output, line
    assert not (tmp_path / "out").exists() and not (tmp_path / "c.csv").exists()


def test_a_workbook_named_csv_is_still_told_to_be_named_xlsx(tmp_path: Path) -> None:
    """A real workbook named .csv keeps its advice: name it .xlsx."""
    path = tmp_path / "x.csv"
    table_out.write_xlsx(path.with_suffix(".xlsx"), ["klantnummer"], [["UT-1"]], title="s")
    path.with_suffix(".xlsx").rename(path)
    r = runner.invoke(app, ["batch", str(path), "--out", str(tmp_path / "out"), "--lang", "en"])
    assert "name it .xlsx" in one_error(r)


# --- the folders a batch makes for its --out -------------------------------------------------------


def test_every_folder_a_batch_makes_for_its_out_is_owner_only(tmp_path: Path) -> None:
    """``batch --out clients/team/out``: only the last level was owner-only (``mkdir -p`` with a
    mode sets it on the last folder alone), the levels above it world-readable, where their names
    tell whose outputs they are; each missing level is ``0700`` now, as for a report's ``--out``."""
    src = tmp_path / "in.csv"
    src.write_text(export([row("UT-1")]), encoding="utf-8")
    out = tmp_path / "clients" / "team" / "out"
    job = batch.prepare(src, out=out, factory=fake_processor)
    manifest = batch.run(job)
    assert manifest.counts.rows_written == 1
    for folder in (tmp_path / "clients", tmp_path / "clients" / "team", out):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_a_header_cell_with_a_number_or_an_address_is_named_masked(tmp_path: Path) -> None:
    """A note typed into the header row (``Bellen: 06 1234 5678``) is a column the mapping does not
    read: the warning named it as it was, on stderr and in ``manifest.json``; a phone number, a
    grouped BSN or an e-mail address in it was masked, and since the sixteenth review the cell is
    named by its column only."""
    src = tmp_path / "in.csv"
    note = "bellen 06 1234 5678 of j.jansen@voorbeeld.nl, bsn 123.456.782"
    lines = export([row("UT-1")]).split("\r\n", 1)
    src.write_text(f"{lines[0]};{note}\r\n{lines[1]}", encoding="utf-8")
    job = batch.prepare(src, out=tmp_path / "out", factory=fake_processor)
    batch.run(job)
    shown = " ".join(job.warnings) + (tmp_path / "out" / "manifest.json").read_text(encoding="utf-8")
    assert "genegeerd: kolom " in shown  # the default language
    for part in ("bellen", "1234 5678", "jansen@", "456.782"):
        assert part not in shown


def test_a_coding_jobs_no_column_error_masks_a_grouped_phone_number(tmp_path: Path) -> None:
    """A file without a header whose first row holds a phone number in groups beside a word
    (``tel 06 1234 5678``) had that row listed as the columns on stderr (only five digits in a row
    were hidden); it was masked, and since the fifteenth review the row is not listed at all."""
    src = tmp_path / "in.csv"
    src.write_text("Piet;tel 06 1234 5678;kok\nKees;tel 0;lasser\n", encoding="utf-8")
    out = tmp_path / "o.csv"
    args = ["occupation", "code", "--input", str(src), "--column", "titel", "--out", str(out)]
    r = runner.invoke(app, [*args, "--lang", "en"])
    line = one_error(r)
    assert "nor one near it among the 3 names of the first row" in line
    assert "1234 5678" not in r.output and "Piet" not in r.output


def test_masking_a_long_cell_takes_linear_time() -> None:
    """``messages.masked`` reads a 200,000-character header cell or answer at once: the address
    pattern tried from every position of a run without an ``@`` backtracked for minutes (the
    suite's timeout caught it on a header cell of a pasted text)."""
    assert messages.masked("x" * 200_000) == "x" * 200_000
    assert messages.masked("x" * 100_000 + "@" + "y" * 100_000) == "###@###"
    assert messages.masked("1 " * 100_000).strip() == "########"
