"""Hostile input, seventh review: each case here once ended in a traceback, exited as a data error
for a reader that stopped reading, let a labelled BSN through as a client id, or called a wrapped
job title "not text"; now it does not."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import pickle
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from skilltool import batch_state, coding_support, console_base, datafiles
from skilltool.cli import app
from skilltool.errors import InputFileError
from skilltool.models.client_ref import client_ref_problem

from .conftest import _read_from_disk
from .test_hostile_input import assert_batch_hides_bsn, export, one_error, row

runner = CliRunner()


def _skilltool(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """The real program (its own standard streams), with the test's environment."""
    cmd = [sys.executable, "-m", "skilltool", *args]
    return subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=60, **kwargs)  # type: ignore[call-overload, no-any-return]


# --- a Parquet value Python has no type for -------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        ("date32", "date32[day]"),  # a date far past year 9999 (a sentinel such as 31-12-99999)
        ("timestamp", "timestamp[ns]"),  # nanoseconds that are no whole microsecond
    ],
)
def test_a_parquet_value_python_cannot_hold_is_one_line(
    tiny_data: Path, tmp_path: Path, values: str, kind: str
) -> None:
    """A Parquet input with a ``date32`` column holding a date past year 9999 ended in an
    ``OverflowError`` traceback; a ``timestamp[ns]`` with nanoseconds was "not a readable Parquet
    file (... Install pandas ...)". Now both are one line naming the column and what to do, and
    nothing is written."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    other = (
        pa.array([0, 3_000_000], type=pa.date32())
        if values == "date32"
        else pa.array([0, 1], type=pa.timestamp("ns"))
    )
    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"functie": ["lasser", "kapster"], "ingevoerd": other}), src)
    out = tmp_path / "out.csv"
    args = ["--data-dir", str(tiny_data), "occupation", "code", "--input", str(src), "--column", "functie"]
    line = one_error(runner.invoke(app, [*args, "--out", str(out), "--lang", "en"]))
    assert line == (
        f"error: {src}: column 'ingevoerd' holds a {kind} value that cannot be read as it is (a date "
        "before year 1 or after 9999, or a time finer than a microsecond); write that column as text, "
        "or leave it out, and run again"
    )
    assert not out.exists()


def test_a_parquet_with_ordinary_dates_and_times_still_codes(tiny_data: Path, tmp_path: Path) -> None:
    """The check is in the conversion, not the type: dates in range and whole-microsecond times
    in nanosecond columns (as pandas writes them) are read and written as before."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    src = tmp_path / "in.parquet"
    when = pa.array([dt.datetime(2024, 3, 1, 9, 30)], type=pa.timestamp("ns"))
    pq.write_table(pa.table({"functie": ["lasser"], "op": [dt.date(2024, 3, 1)], "om": when}), src)
    out = tmp_path / "out.csv"
    args = ["--data-dir", str(tiny_data), "occupation", "code", "--input", str(src), "--column", "functie"]
    r = runner.invoke(app, [*args, "--out", str(out), "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert "lasser;2024-03-01;2024-03-01 09:30:00;" in out.read_text(encoding="utf-8-sig")


# --- standard streams the caller closed ---------------------------------------------------------


def test_a_closed_stdin_reads_as_empty() -> None:
    """``skilltool occupation code --json <&-``: Python has no ``sys.stdin`` then, and the command
    ended in an ``AttributeError`` traceback. Now it is the line an empty stdin gives (exit 2)."""
    done = _skilltool("occupation", "code", "--json", "--lang", "en", preexec_fn=lambda: os.close(0))
    assert done.returncode == 2, done.stderr
    assert done.stderr == "error: no title given: pass TEXT or pipe one title per line on stdin\n"


def test_a_closed_stdout_is_one_line() -> None:
    """``skilltool intake languages >&-`` (or any command's output into a closed stdout) ended in
    an ``AttributeError`` traceback. Now it is one line saying where to send the output, exit 1."""
    done = _skilltool("intake", "languages", "--lang", "en", preexec_fn=lambda: os.close(1))
    assert done.returncode == 1
    assert done.stderr == (
        "error: stdout is closed (>&-), so the output has nowhere to go; send it to a file "
        "(> output.txt) or, where the command has it, use --out\n"
    )


# --- a reader that stops reading ----------------------------------------------------------------


def test_a_table_into_a_pipe_closed_early_exits_0_as_json_does() -> None:
    """``skilltool intake languages | head -1`` exited 1, a data error, without a word (rich's
    console ends a broken pipe with ``SystemExit(1)``), while JSON output into the same pipe
    exited 0. The console now raises the ``BrokenPipeError`` the CLI ends with exit 0."""
    cmd = [sys.executable, "-m", "skilltool", "intake", "languages", "--lang", "en"]
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()  # the reader is gone before the first table row is written
        err = proc.stderr.read()
    assert proc.returncode == 0
    assert err == b""


def test_the_console_raises_broken_pipe_instead_of_exiting() -> None:
    """The console's own rule, without a process: a broken pipe is ``BrokenPipeError``."""

    class Gone(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

    printer = console_base._console()
    assert isinstance(printer, Console)
    printer.file = Gone()
    with pytest.raises(BrokenPipeError):
        printer.print("a row")


def test_a_closed_pipe_on_stderr_lets_the_command_go_on() -> None:
    """On stderr (``skilltool batch run x.csv 2>&1 | head -1``) the same ``BrokenPipeError`` would
    end a batch with exit 0 at its first warning, before its first row: the stderr console goes
    quiet instead, and the command's exit code says how its work went."""

    class Gone(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

    notes = console_base._console(stderr=True)
    notes.file = Gone()
    notes.print("warning: a column not in the mapping")
    notes.print("Rows read 5")
    assert notes.quiet


# --- a BSN labelled as one, as the client id ----------------------------------------------------


def test_a_bsn_labelled_as_one_is_no_client_id() -> None:
    """``BSN-123456782`` or ``bsn123456782`` (a data team filling the case-number column from the
    BSN) passed the client-id rule, which caught eight or nine digits only alone or in groups; the
    BSN went into every output. The word BSN (or SoFi) before eight or nine digits is refused as a
    BSN; case numbers stay valid, also with nine digits and no such word."""
    for bsn in ("BSN-111222333", "bsn123456782", "BSN_111.222.333", "NL-BSN-111222333-A", "sofi.12345678"):
        assert client_ref_problem(bsn) == "bsn", bsn
    refs = ("UT-111222333", "UT-2024-0001", "bsn1234567890", "BSN-1234567", "XBSN12345678", "SOFIA12345678")
    for ref in refs:
        assert client_ref_problem(ref) is None, ref


def test_a_batch_row_with_a_labelled_bsn_is_rejected_without_showing_it(tmp_path: Path) -> None:
    """A batch row with such an id is rejected as a BSN; no output file nor the terminal holds it."""
    assert_batch_hides_bsn(tmp_path, "BSN-111222333", "111222333")


# --- a job title with a line break in its cell ---------------------------------------------------


@pytest.mark.parametrize("title", ["kapster\n", "kapster\r\n", "kok\nchef", "lasser\r\nmonteur"])
def test_a_title_with_a_line_break_is_text(title: str) -> None:
    """A cell wrapped in Excel (Alt+Enter) or ending in a line break counted its line breaks as
    control characters: a short title was "not text (binary data or a wrong encoding)". Line
    breaks are now words' separators; binary data is still not text."""
    _normalized, words, problem = coding_support.prepare_title(title)
    assert problem is None and words, (title, problem)
    assert coding_support.prepare_title("\x00\x01\x02ab")[2] == "binary"


def test_a_coding_job_codes_a_title_cell_with_a_line_break(tiny_data: Path, tmp_path: Path) -> None:
    """End to end: the wrapped cell of a CSV is coded, no problem written."""
    src = tmp_path / "in.csv"
    src.write_text('functie;id\n"kapster\n";1\n', encoding="utf-8")
    args = ["--data-dir", str(tiny_data), "occupation", "code", "--input", str(src), "--column", "functie"]
    out = tmp_path / "out.csv"
    r = runner.invoke(app, [*args, "--out", str(out), "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert ": 1 coded (" in r.stderr and ", 0 with a problem)" in r.stderr
    text = out.read_text(encoding="utf-8-sig")
    assert "not text" not in text
    assert "http://" in text


# --- a compiled-data cache someone else could write -----------------------------------------------


class _Planted:
    """A pickle that, unpickled, creates a file: code run from the cache."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (Path.write_text, (str(self.marker), "ran"))


def test_a_cache_file_someone_else_may_write_is_not_unpickled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unpickling runs code, and a cache file's name follows from the public data and source: with
    ``SKILLTOOL_CACHE_DIR`` in a shared folder (``/tmp/skilltool-cache``) another user could plant
    one. A file that others may write, or that another user owns, is now rebuilt, never loaded; a
    cache folder skilltool makes is owner-only. The owner's own file still loads."""
    cache = tmp_path / "new" / "cache"
    path = cache / "Model-0.pickle"
    datafiles.cache_write(path, {"labels": 3})
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert _read_from_disk(path) == {"labels": 3}
    marker = tmp_path / "ran.txt"
    path.write_bytes(pickle.dumps(_Planted(marker)))
    path.chmod(0o666)
    assert _read_from_disk(path) is None
    path.chmod(0o600)
    someone_else = path.stat().st_uid + 1
    monkeypatch.setattr(os, "getuid", lambda: someone_else)
    assert _read_from_disk(path) is None
    assert not marker.exists()


# --- a link planted among a batch's part files ----------------------------------------------------


def test_a_link_planted_as_a_part_file_is_never_written_through(tmp_path: Path) -> None:
    """``--resume`` cut each part file back to its checkpoint offset and appended to it, following
    a link: ``.batch-work/errors.csv.part`` made a link to another file cut that file to 32 bytes
    (the rest lost) and put its start into ``errors.csv``. A part that is no regular file is now
    one line naming it, the other file untouched; a fresh start removes such a link and writes a
    file of its own."""
    work = tmp_path / ".batch-work"
    work.mkdir()
    names = batch_state.part_files("jsonl")
    batch_state.write_part_headers(work, "jsonl")
    state = batch_state.State(fingerprint="f", created="c")
    state.offsets = {name: (work / f"{name}.part").stat().st_size for name in names}
    victim = tmp_path / "notes.txt"
    victim.write_text("a caseworker's notes\n" * 10, encoding="utf-8")
    part = work / "errors.csv.part"
    part.unlink()
    part.symlink_to(victim)
    with pytest.raises(InputFileError) as caught:
        batch_state.open_parts(work, state, names)
    assert caught.value.render("en") == (
        f"{part}: a part file of the interrupted batch is not a regular file (a link, or something else "
        "put there), and is not written through; run the same command with --force to start again"
    )
    assert victim.read_text(encoding="utf-8") == "a caseworker's notes\n" * 10
    batch_state.write_part_headers(work, "jsonl")
    assert not part.is_symlink() and part.read_bytes().startswith(b"\xef\xbb\xbfrow;")
    assert victim.read_text(encoding="utf-8") == "a caseworker's notes\n" * 10
    handles = batch_state.open_parts(work, state, names)
    for fh in handles.values():
        fh.close()


def test_an_arrows_folder_that_is_a_link_is_never_written_through(tmp_path: Path) -> None:
    """The same for ``--format parquet``'s ``arrows/`` folder of part files: a link to a folder
    elsewhere put the profiles' parts there. ``--resume`` refuses it; a fresh start replaces it."""
    work = tmp_path / ".batch-work"
    work.mkdir()
    names = batch_state.part_files("parquet")
    batch_state.write_part_headers(work, "parquet")
    state = batch_state.State(fingerprint="f", created="c")
    state.offsets = {name: (work / f"{name}.part").stat().st_size for name in names}
    elsewhere = tmp_path / "shared"
    (work / "arrows").rename(elsewhere)
    (work / "arrows").symlink_to(elsewhere)
    with pytest.raises(InputFileError, match="is not a regular file"):
        batch_state.open_parts(work, state, names)
    batch_state.write_part_headers(work, "parquet")
    assert (work / "arrows").is_dir() and not (work / "arrows").is_symlink()


# --- stdout under a locale of another code page --------------------------------------------------


@pytest.mark.parametrize("encoding", ["cp1252", "ascii", "latin-1"])
def test_json_on_stdout_is_utf8_under_any_locale(tiny_data: Path, encoding: str) -> None:
    """With stdout in another code page (Windows redirecting to a file: cp1252; ``LANG=en_US``:
    ISO-8859-1) a title in Arabic ended ``--json`` in a ``UnicodeEncodeError`` traceback. Into a
    file or pipe stdout is now UTF-8, as JSON must be."""
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    args = ["--data-dir", str(tiny_data), "occupation", "code", "kapster مرحبا", "--json", "--lang", "en"]
    cmd = [sys.executable, "-m", "skilltool", *args]
    done = subprocess.run(cmd, capture_output=True, check=False, timeout=60, env=env)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert json.loads(done.stdout.decode("utf-8"))["input"] == "kapster مرحبا"


# --- file names in a research export ------------------------------------------------------------


def test_a_research_export_withholds_the_names_of_its_files(tmp_path: Path) -> None:
    """A research export (``--pseudonymise``) drops every free text and the municipality, yet its
    ``manifest.json`` and ``report.html`` ("counts only, no personal data") named the input file,
    the mapping and the data folder as typed: ``intakes_Zwolle.csv`` named the municipality, a
    one-person export the person, the folder the caseworker's account. They are now withheld (the
    SHA-256s remain); an export that is not for research keeps them."""
    folder = tmp_path / "Zwolle_team_jdevries"
    folder.mkdir()
    src = folder / "intake_Zwolle_Haddad.csv"
    src.write_text(export([row("UT-1")]), encoding="utf-8")
    mapping = folder / "mapping_Zwolle.yaml"
    mapping.write_bytes((Path(__file__).parents[1] / "data/batch/default_mapping.yaml").read_bytes())
    key = tmp_path / "key"
    key.write_bytes(b"0123456789abcdef0123456789abcdef\n")
    out = tmp_path / "out"
    args = ["batch", str(src), "--mapping", str(mapping), "--out", str(out), "--lang", "en"]
    r = runner.invoke(app, [*args, "--pseudonymise", str(key)])
    assert r.exit_code == 0, r.output
    for path in out.iterdir():
        text = path.read_text(encoding="utf-8", errors="replace")
        assert "Zwolle" not in text and "Haddad" not in text and "jdevries" not in text, path
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["input"]["path"] == manifest["mapping"] == "(withheld: research export)"
    assert len(manifest["input"]["sha256"]) == 64
    r = runner.invoke(app, [*args, "--force"])
    assert r.exit_code == 0, r.output
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["input"]["path"] == src.name


# --- a long whole number into an .xlsx output ----------------------------------------------------


def test_a_whole_number_of_more_than_15_digits_goes_into_xlsx_as_text(
    tiny_data: Path, tmp_path: Path
) -> None:
    """A Parquet ``int64`` id coded into ``--out X.xlsx`` was written as a number, and Excel keeps
    15 significant digits: ``1234567890123456789`` showed as ``1.23457E+18`` and lost its last
    digits once saved. Such a number is now written as its text; shorter numbers and booleans stay
    numbers and booleans."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    openpyxl = pytest.importorskip("openpyxl")
    src = tmp_path / "in.parquet"
    ids = pa.array([1234567890123456789, -(10**15), 10**15 - 1], type=pa.int64())
    pq.write_table(pa.table({"functie": ["lasser", "kapster", "lasser"], "id": ids}), src)
    out = tmp_path / "out.xlsx"
    args = ["--data-dir", str(tiny_data), "occupation", "code", "--input", str(src), "--column", "functie"]
    r = runner.invoke(app, [*args, "--out", str(out), "--lang", "en"])
    assert r.exit_code == 0, r.output
    sheet = openpyxl.load_workbook(out).active
    assert [sheet.cell(row, 2).value for row in (2, 3, 4)] == [
        "1234567890123456789",
        "-1000000000000000",  # as text; a plain signed number runs nothing (seventeenth review)
        10**15 - 1,
    ]


# --- a file of many distinct titles --------------------------------------------------------------


def test_the_word_cache_filling_up_keeps_the_words_a_batch_asks_for(monkeypatch: pytest.MonkeyPatch) -> None:
    """``occupation code --input`` on 200,000 distinct titles (``lasser 1``, ``lasser 2``, ...) ended
    in a ``KeyError: 'lasser'`` traceback once the n-gram scorer's word cache filled up: it was
    cleared for the new words, and the words of the same batch it already held were gone. A
    batch now gets every word it asks for, and the same rankings as one query at a time."""
    from skilltool import ngram_scorer

    monkeypatch.setattr(ngram_scorer, "WORD_CACHE", 4)
    scorer = ngram_scorer.NgramScorer([["lasser", "welder"], ["kapper"], ["kapster"], ["leraar wiskunde"]])
    scorer._fill(["lasser", "kapper"])
    queries = [["lasser", str(n)] for n in range(5)]
    fresh = ngram_scorer.NgramScorer([["lasser", "welder"], ["kapper"], ["kapster"], ["leraar wiskunde"]])
    assert scorer.rank_many(queries, 3, 0.1) == [fresh.rank(q, 3, 0.1) for q in queries]


# --- a --scheduler that is no address --------------------------------------------------------------


@pytest.mark.parametrize("address", ["notaurl", "tcp://[::1"])
def test_a_scheduler_that_is_no_address_is_one_line(tiny_data: Path, tmp_path: Path, address: str) -> None:
    """``--engine dask --scheduler notaurl`` (no port) ended in distributed's ``ValueError``
    traceback; an address that cannot be reached was already one line. Now both are."""
    pytest.importorskip("distributed")
    src = tmp_path / "in.csv"
    src.write_text("functie\nlasser\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    args = ["--data-dir", str(tiny_data), "occupation", "code", "--input", str(src), "--column", "functie"]
    r = runner.invoke(
        app, [*args, "--out", str(out), "--engine", "dask", "--scheduler", address, "--lang", "en"]
    )
    line = one_error(r)
    assert line.startswith(f"error: --scheduler {address}: cannot reach the Dask scheduler (")
    assert line.endswith("); check the address (tcp://HOST:8786) and that it is running")
    assert not out.exists()
