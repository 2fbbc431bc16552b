"""Hostile input, fourth review: each case here once printed more than one line, rejected a row
it should not have, or read a file without a limit; now it reads right or stops with one line."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from skilltool import batch_research, batch_state, rust_stderr, table_out, xlsx_checks
from skilltool.cli import app
from skilltool.errors import OutputError

from .conftest import REPO
from .test_hostile_input import export, lines_of, one_error, row

runner = CliRunner()


# --- a Rust panic in calamine: one line, no panic report -----------------------------------------


def _panicking_xlsx(path: Path) -> Path:
    """A workbook whose date cell (-1e308 days) makes calamine's Rust code panic."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["klantnummer", "datum", "beroep"])
    ws.append(["UT-1", -1e308, "broodbakker"])
    ws["B2"].number_format = "dd-mm-yyyy"
    wb.save(path)
    return path


@pytest.mark.parametrize("backtrace", ["0", "1", "full"])
def test_a_calamine_panic_leaves_exactly_one_line_on_stderr(
    tmp_path: Path, compiled_cache: Path, backtrace: str
) -> None:
    """Rust's panic hook wrote "thread '<unnamed>' panicked at ...", the message and (with
    RUST_BACKTRACE) a hundred lines of backtrace to descriptor 2 before our error line. Now the
    real process's stderr is that one line, whatever RUST_BACKTRACE says."""
    src = _panicking_xlsx(tmp_path / "in.xlsx")
    env = {**os.environ, "SKILLTOOL_CACHE_DIR": str(compiled_cache), "RUST_BACKTRACE": backtrace}
    cmd = [sys.executable, "-m", "skilltool", "-q", "batch", str(src), "--out", str(tmp_path / "o")]
    r = subprocess.run(
        [*cmd, "--lang", "en"], capture_output=True, text=True, env=env, cwd=REPO, timeout=120, check=False
    )
    assert r.returncode == 1
    assert r.stderr.splitlines() == [
        f"error: {src}: cannot read sheet 'Sheet' (TimeDelta::milliseconds out of bounds); "
        "save it again in Excel"
    ], r.stderr


def test_what_else_goes_to_stderr_while_calamine_reads_is_kept(capfd: pytest.CaptureFixture[str]) -> None:
    """Descriptor 2 is held only to drop a panic's report: a warning written around it (by C code
    or another thread) reaches stderr, in order, and descriptor 2 is stderr again afterwards."""
    report = (
        b"\nthread '<unnamed>' (4609) panicked at /x/chrono/src/lib.rs:717:17:\n"
        b"TimeDelta::milliseconds out of bounds\nstack backtrace:\n   0: rust_begin_unwind\n"
        b"note: Some details are omitted, run with `RUST_BACKTRACE=full` for a verbose backtrace.\n"
    )
    with rust_stderr.quiet_panics():
        os.write(2, b"warning: before\n")
        os.write(2, report)
        os.write(2, b"warning: after\n")
    os.write(2, b"done\n")
    assert capfd.readouterr().err == "warning: before\nwarning: after\ndone\n"


def test_without_panic_keeps_text_that_only_looks_alike() -> None:
    """Only a report as Rust's hook writes it is dropped, a full backtrace (no note) to the end."""
    text = b"warning: thread 'x' panicked at nothing\n"
    assert rust_stderr.without_panic(text) == text
    full = b"ok\nthread 'main' panicked at src/a.rs:1:1:\nboom\nstack backtrace:\n  0: x\n"
    assert rust_stderr.without_panic(full) == b"ok\n"


# --- a DOS end-of-file mark (Ctrl-Z) at the end of a CSV ---------------------------------------


@pytest.mark.parametrize("tail", ["\x1a", "\x1a\r\n", "\x1a\n", "\x1a\r"])
def test_a_final_dos_end_of_file_mark_is_no_row(tmp_path: Path, tail: str) -> None:
    """``copy /a`` and old DOS tools end a file with Ctrl-Z: it was read as a fourth row, rejected
    as a bad client number. Now it is skipped: two people, two profiles, nothing rejected."""
    src = tmp_path / "in.csv"
    src.write_bytes((export([row("UT-1"), row("UT-2")]) + tail).encode("utf-8"))
    out = tmp_path / "out"
    r = runner.invoke(app, ["-q", "batch", str(src), "--out", str(out), "--lang", "en"])
    assert r.exit_code == 0, r.stderr
    assert "Rows read              2" in r.stdout
    assert len((out / "profiles.jsonl").read_text("utf-8").splitlines()) == 2
    assert (out / "errors.csv").read_text("utf-8-sig").splitlines() == ["row;client_ref;field;reason"]


def test_the_mark_right_after_the_last_value_is_dropped_from_it() -> None:
    """No line end before the mark: the last line keeps its value, without the mark."""
    assert lines_of(b"a;b\r\n1;2\x1a") == ["a;b\r\n", "1;2"]
    assert lines_of(b"a;b\n1;2\n\x1a\n") == ["a;b\n", "1;2\n"]


def test_a_dos_end_of_file_mark_before_the_end_stays() -> None:
    """Anywhere but at the very end, Ctrl-Z is content: its line is read (and judged) as it is."""
    assert lines_of(b"a;b\n\x1a\n1;2\n") == ["a;b\n", "\x1a\n", "1;2\n"]
    assert lines_of(b"a;b\n1\x1a;2\n") == ["a;b\n", "1\x1a;2\n"]
    assert lines_of(b"a;b\n\x1a\n\x1a") == ["a;b\n", "\x1a\n"]


def test_a_byte_order_mark_at_the_start_of_a_later_line_is_dropped(tmp_path: Path) -> None:
    """Two UTF-8 exports pasted together (``cat a.csv b.csv``) put b's byte-order mark before a
    line in the middle: an invisible U+FEFF in front of the client id, and the row rejected for
    a client id that looks right. Now the mark is dropped there as on the first line."""
    assert lines_of(b"\xef\xbb\xbfa;b\n\xef\xbb\xbf1;2\n") == ["a;b\n", "1;2\n"]
    src = tmp_path / "in.csv"
    src.write_bytes(
        ("\ufeff" + export([row("UT-1")]) + "\ufeff" + export([row("UT-2")]).split("\r\n", 1)[1]).encode()
    )
    out = tmp_path / "out"
    r = runner.invoke(app, ["-q", "batch", str(src), "--out", str(out), "--json", "--lang", "en"])
    assert r.exit_code == 0, r.stderr
    counts = json.loads(r.stdout)["counts"]
    assert (counts["rows_read"], counts["rows_written"], counts["rows_rejected"]) == (2, 2, 0)


# --- size limits: the pseudonymisation key, the resume checkpoint ------------------------------


def test_a_key_file_far_too_big_is_refused_unread(tmp_path: Path) -> None:
    """``--pseudonymise`` read any file whole as the key: the export itself given by mistake
    became a key of megabytes. Over 4 KiB is refused in one line that quotes nothing of it, and
    no output is written; a key at the limit still works."""
    src = tmp_path / "in.csv"
    src.write_text(export([row("UT-1")]), encoding="utf-8")
    key = tmp_path / "geheim.key"
    key.write_bytes(b"UT-secret-person " * 1000)
    out = tmp_path / "out"
    args = ["-q", "batch", str(src), "--out", str(out), "--pseudonymise", str(key), "--lang", "en"]
    line = one_error(runner.invoke(app, args))
    assert line.startswith(f"error: {key}: over 4 KiB is too big for a key;")
    assert "secret" not in line
    assert not (out / "manifest.json").exists()
    key.write_bytes(b"k" * batch_research.MAX_KEY_BYTES)
    assert batch_research.read_key(key) == b"k" * batch_research.MAX_KEY_BYTES


def test_a_checkpoint_far_too_big_is_refused_unparsed(tmp_path: Path) -> None:
    """``--resume`` parsed ``state.json`` whole, whatever its size. Over 16 MiB is refused in one
    line that says how to start again; ``--force`` then runs the batch, every row accounted for."""
    src = tmp_path / "in.csv"
    src.write_text(export([row("UT-1"), row("UT-2")]), encoding="utf-8")
    out = tmp_path / "out"
    state = out / ".batch-work" / "state.json"
    state.parent.mkdir(parents=True)
    with state.open("wb") as fh:
        fh.write(b'{"version": 1, "pad": "')
        fh.truncate(batch_state.MAX_STATE_BYTES + 10)
    args = ["-q", "batch", str(src), "--out", str(out), "--lang", "en"]
    line = one_error(runner.invoke(app, [*args, "--resume"]))
    assert line == (
        f"error: {state}: the checkpoint of the interrupted batch is over 16 MiB, far more than "
        "a batch writes; run the same command with --force to start again"
    )
    r = runner.invoke(app, [*args, "--force", "--json"])
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["counts"]["rows_written"] == 2


def test_a_checkpoint_nested_past_the_parsers_depth_or_with_text_counts_is_not_trusted(
    tmp_path: Path,
) -> None:
    """``state.json`` of 100,000 nested brackets (well under the size limit) raised RecursionError
    out of the JSON parser: a traceback on ``--resume``. A count that is text (``"SY": "x"``)
    loaded, and the first ``+= 1`` on it raised TypeError halfway into the run. Both are now a
    damaged checkpoint: not loaded, the batch starts afresh."""
    path = tmp_path / "state.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert batch_state.State.load(path) is None
    good = json.loads(batch_state.State(fingerprint="f", created="2026-01-01T00:00:00+00:00").dump())
    good["stats"]["country"] = {"SY": "x"}
    path.write_text(json.dumps(good), encoding="utf-8")
    assert batch_state.State.load(path) is None
    good["stats"]["country"] = {"SY": 3}
    path.write_text(json.dumps(good), encoding="utf-8")
    loaded = batch_state.State.load(path)
    assert loaded is not None
    assert loaded.stats["country"]["SY"] == 3


# --- calamine's reasons quote cell values ------------------------------------------------------

SECRET = "Jansen-Bakker"


def _workbook_with_cell(path: Path, cell: str) -> Path:
    """A workbook whose cell B2 is ``cell`` (raw sheet XML): what a broken exporter writes."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["klantnummer", "geboortejaar", "land_herkomst"])
    ws.append(["UT-1", 1987, "Syrië"])
    wb.save(path)
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    parts["xl/worksheets/sheet1.xml"] = re.sub(r'<c r="B2".*?</c>', cell, sheet, count=1).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("cell", "why"),
    [
        (f'<c r="B2" t="b"><v>{SECRET}</v></c>', "Unrecognized boolean cell value"),
        (f'<c r="B2" t="e"><v>{SECRET}</v></c>', "Unsupported cell error value …"),
        (f'<c r="B2" t="{SECRET}"><v>1</v></c>', "Unknown cell …"),
        (f'<c r="B2" t="inlineStr"><is><t>&amp;&{SECRET};</t></is></c>', "at 0..0: unrecognized entity …"),
    ],
)
def test_a_damaged_cell_is_not_quoted_in_the_error(tmp_path: Path, cell: str, why: str) -> None:
    """Calamine's reason quoted the cell it could not read ("Unrecognized boolean cell value:
    <the cell>"): a person's data on stderr and in logs. The reason stays, the value does not."""
    src = _workbook_with_cell(tmp_path / "in.xlsx", cell)
    args = ["-q", "batch", str(src), "--out", str(tmp_path / "out"), "--lang", "en"]
    line = one_error(runner.invoke(app, args))
    assert line == f"error: {src}: cannot read sheet 'Sheet' ({why}); save it again in Excel"


@pytest.mark.parametrize(
    ("said", "kept"),
    [
        ("Unknown cell 't' attribute: \"O'Brien\"", "Unknown cell …"),
        ('x "a\\"b Jansen" y', "x … y"),
        ("lone 'Jansen\nand more", "lone …"),
        ("TimeDelta::milliseconds out of bounds", "TimeDelta::milliseconds out of bounds"),
        ("", "ValueError"),
    ],
)
def test_calamine_why_keeps_no_quoted_text(said: str, kept: str) -> None:
    """Everything from the first quote to the last goes (a value may hold a quote of its own);
    a reason without quotes stays as it is."""
    assert xlsx_checks.calamine_why(ValueError(said)) == kept


def test_a_workbook_with_a_part_twice_is_refused(tmp_path: Path) -> None:
    """A zip may hold two entries of one name: the checks read both, calamine took the second
    (a client the first copy did not have), Excel calls the file damaged. Now refused, one line."""
    src = _workbook_with_cell(tmp_path / "in.xlsx", '<c r="B2"><v>1987</v></c>')
    with zipfile.ZipFile(src) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml")
    with pytest.warns(UserWarning, match="Duplicate name"), zipfile.ZipFile(src, "a") as zf:
        zf.writestr("xl/worksheets/sheet1.xml", sheet.replace(b"UT-1", b"UT-9"))
    args = ["-q", "batch", str(src), "--out", str(tmp_path / "out"), "--lang", "en"]
    line = one_error(runner.invoke(app, args))
    assert line == (
        f"error: {src}: part 'xl/worksheets/sheet1.xml' is in the workbook twice (a damaged or "
        "crafted file: which copy is the sheet?); save it again in Excel"
    )


# --- an .xlsx output past Excel's grid ---------------------------------------------------------


def test_an_xlsx_output_wider_than_excel_is_one_line(tmp_path: Path) -> None:
    """``occupation code --out X.xlsx`` from a CSV with 20,000 columns: openpyxl raised ValueError
    ("Invalid column index 16385"), a traceback. Now one line saying to write .csv, nothing
    written; the same file codes into .csv."""
    src = tmp_path / "wide.csv"
    header = ["functie", *(f"x{i}" for i in range(20_000))]
    src.write_text(";".join(header) + "\nlasser" + ";" * 20_000 + "\n", encoding="utf-8")
    out = tmp_path / "o.xlsx"
    args = ["occupation", "code", "-i", str(src), "--column", "functie", "-o", str(out), "--lang", "en"]
    line = one_error(runner.invoke(app, args))
    assert re.match(rf"error: {re.escape(str(out))}: row 1 has 20,\d{{3}} cells, more", line)
    assert line.endswith(
        "more than the 16,384 columns an .xlsx sheet holds; write .csv (or .parquet) instead"
    )
    assert not out.exists()
    r = runner.invoke(app, [*args[:-3], str(tmp_path / "o.csv"), "--lang", "en"])
    assert r.exit_code == 0, r.stderr


def test_an_xlsx_output_past_the_last_row_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past Excel's last row openpyxl wrote on, and Excel cut the sheet when it "repaired" it:
    rows lost without a word. Now the write stops with one line (the limit lowered here)."""
    monkeypatch.setattr(table_out, "XLSX_MAX_ROWS", 3)
    out = tmp_path / "o.xlsx"
    table_out.write_xlsx(out, ["a"], [["1"], ["2"]], title="t")
    with pytest.raises(OutputError, match=r"more than 3 rows, the most an \.xlsx sheet holds"):
        table_out.write_xlsx(tmp_path / "p.xlsx", ["a"], [["1"], ["2"], ["3"]], title="t")
    assert not (tmp_path / "p.xlsx").exists()


# --- a file without its header row ------------------------------------------------------------


def test_a_first_row_of_data_is_not_listed_as_the_columns(tmp_path: Path) -> None:
    """``occupation code`` on an export without its header row listed the first row as "the
    columns": a client id, a birth year, a country of birth, a name on stderr. A first row with a
    number or a date in it is data: the error says so and lists nothing; a real header that
    lacks the column is still listed."""
    src = tmp_path / "in.csv"
    src.write_text(f"UT-1;1987;Syrië;{SECRET};lasser\nUT-2;1990;Eritrea;x;kok\n", encoding="utf-8")
    out = str(tmp_path / "o.csv")
    args = ["occupation", "code", "-i", str(src), "--column", "functie", "-o", out, "--lang", "en"]
    line = one_error(runner.invoke(app, args))
    assert line == (
        f"error: {src}: no column 'functie', and the first row holds numbers, dates or e-mail addresses: "
        "data, not a header? Give the file its header row"
    )
    src.write_text("klantnummer;beroep\nUT-1;lasser\n", encoding="utf-8")
    line = one_error(runner.invoke(app, args))
    assert line.startswith(
        f"error: {src}: no column 'functie', nor one near it among the 2 names of the first row"
    )
