"""Hostile input, eighth review: each case here once ended in a traceback, a misleading line or a
lost or leaked value; now it does not."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skilltool import batch_state, console, datafiles, profile_building, profile_files
from skilltool.cli import app

from .conftest import _read_from_disk
from .test_hostile_input import export, one_error, row

runner = CliRunner()


def _skilltool(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The real program (its own consoles, made at import), with ``env`` added to the test's."""
    cmd = [sys.executable, "-m", "skilltool", *args]
    return subprocess.run(
        cmd, capture_output=True, text=True, check=False, timeout=60, env={**os.environ, **env}
    )


# --- a candidate number the interview cannot read ------------------------------------------------


ESCO = "http://data.europa.eu/esco/occupation/"
SECOND = f"{ESCO}f7ddb68a-beba-4aa9-b5cb-d174d70ea724"


@dataclass
class _Cand:
    uri: str
    isco: str
    label: str
    score: float
    matched: str = ""
    kind: str = "occupation"


@dataclass
class _Coded:
    input: str
    needs_review: bool
    candidates: list[_Cand] = field(default_factory=list)
    problem: str | None = None


class _TwoCandidates:
    """An occupation coder unsure between two codes: the interview asks for a number."""

    def code(self, text: str, *, lang: str = "nl", top: int = 5) -> _Coded:
        cands = [
            _Cand(f"{ESCO}7aedaa07-3884-4c5b-88f9-80997b2aa54b", "7212", "a", 80),
            _Cand(SECOND, "3115", "b", 70),
        ]
        return _Coded(text, True, cands)


@pytest.mark.parametrize("typed", ["²", "9" * 5000], ids=["superscript", "5000-digits"])
def test_a_pick_typed_as_no_number_int_reads_is_asked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed: str
) -> None:
    """At "which code?" a superscript ``²`` (``str.isdigit`` passes it, ``int()`` does not) or 5,000
    digits (over ``int()``'s limit) ended the interview in a ``ValueError`` traceback. They are no
    pick now: the question is asked again, and a digit of another script (``٢``) is a number."""
    monkeypatch.setattr(profile_building.Coders, "occupation", property(lambda self: _TwoCandidates()))
    lines = ["T-0004", "-", "-", "-", "-"]  # personal
    lines += ["-", "no", "-", "-", "-"]  # languages
    lines += ["no"]  # education
    lines += ["yes", "dakgootreiniger", typed, "٢", "-", "-", "-", "-", "no"]  # work: a bad pick, then 2
    lines += ["-", "-", "-", "-"] + ["-"] * 5 + ["-", "-"] + ["-", "-"]  # the rest skipped
    out = tmp_path / "p.json"
    r = runner.invoke(app, ["intake", "--lang", "en", "--out", str(out)], input="\n".join(lines) + "\n")
    assert r.exit_code == 0, r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)
    work = profile_files.read_profile(out).work
    assert [w.coded.uri if w.coded else None for w in work] == [SECOND]


# --- a terminal size that is no number --------------------------------------------------------------


@pytest.mark.parametrize("name", ["COLUMNS", "LINES"])
def test_a_terminal_size_that_is_no_number_is_no_size(name: str) -> None:
    """``COLUMNS=²`` or ``LINES=²`` (rich tests sizes with ``str.isdigit``, then calls ``int()``)
    ended every command in a ``ValueError`` traceback, ``LINES`` already at import. A size that is
    no number in ASCII digits is left out, as an unset one is."""
    done = _skilltool("intake", "languages", "--lang", "en", env={name: "²"})
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.startswith("lang")
    assert console.size_number("²") is None and console.size_number("1" * 30) is None
    assert console.size_number("120") == 120


# --- SOURCE_DATE_EPOCH that is no time ------------------------------------------------------------


@pytest.mark.parametrize("epoch", ["²", "99999999999999999", "253402300800", "yesterday"])
def test_a_source_date_epoch_that_is_no_time_is_one_line(tmp_path: Path, epoch: str) -> None:
    """``SOURCE_DATE_EPOCH=²`` ended a batch in a ``ValueError`` traceback; a time past year 9999
    said "cannot write OUT (Value too large for defined data type)" and to run with --resume; a
    word was ignored, so the outputs were not reproducible without a word. Each is now one line
    saying what the variable must hold, before the first row; the last second of 9999 is a time."""
    src = tmp_path / "in.csv"
    src.write_text(export([row("UT-1")]), encoding="utf-8")
    out = tmp_path / "out"
    args = ["batch", str(src), "--out", str(out), "--lang", "en"]
    line = one_error(runner.invoke(app, args, env={"SOURCE_DATE_EPOCH": epoch}))
    assert line == (
        "error: SOURCE_DATE_EPOCH is set but is no time: give the seconds since 1970 in digits "
        "(0 to 253402300799), or unset it"
    )
    assert not (out / "manifest.json").exists()
    r = runner.invoke(app, args, env={"SOURCE_DATE_EPOCH": "253402300799"})
    assert r.exit_code == 0, r.output
    assert '"created": "9999-12-31T23:59:59+00:00"' in (out / "manifest.json").read_text(encoding="utf-8")


# --- SIGTERM to a batch --------------------------------------------------------------------------


def test_sigterm_ends_a_batch_as_ctrl_c_does(tmp_path: Path) -> None:
    """``kill PID`` or ``timeout`` (SIGTERM) killed a batch at once: no ``--resume`` hint, exit 143,
    and its pool worker, the pipe gone, printed two ``BrokenPipeError`` tracebacks. SIGTERM is now
    the batch's Ctrl-C: one line with the hint, the workers ended silently, and the checkpoint
    resumes; the exit is 143 (128 + SIGTERM) since the twentieth review, Ctrl-C's 130 before."""
    src = tmp_path / "in.csv"
    src.write_text(export([row(f"UT-{i}") for i in range(20_000)]), encoding="utf-8")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "skilltool", "batch", str(src), "--out", str(out), "--lang", "en"]
    proc = subprocess.Popen([*cmd, "--workers", "2", "--chunk-size", "40"], stderr=subprocess.PIPE, text=True)
    state = out / ".batch-work" / "state.json"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and not state.exists():
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].endswith("Run the same command with --resume to continue")
    assert state.exists() and not (out / "manifest.json").exists()


# --- the temporary file beside an output -----------------------------------------------------------


def test_an_output_name_at_the_file_systems_limit_is_written(tiny_data: Path, tmp_path: Path) -> None:
    """An output name of 254 characters is a valid name (255 bytes is the limit), but the temporary
    file written beside it, ``.NAME.XXXXXXXX.tmp``, was 14 longer: "cannot write (File name too
    long); choose a shorter one" for a name the caseworker could use. The temporary name now holds
    at most the first 100 characters of the target's."""
    src = tmp_path / "in.csv"
    src.write_text("functie\ndakgootreiniger\n", encoding="utf-8")
    out = tmp_path / ("a" * 250 + ".csv")
    args = ["--data-dir", str(tiny_data), "occupation", "code", "--input", str(src), "--column", "functie"]
    r = runner.invoke(app, [*args, "--out", str(out), "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8-sig").startswith("functie;")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_link_left_as_a_parquet_tables_temporary_file_is_not_written_through(tmp_path: Path) -> None:
    """A batch's Parquet table was written into ``.NAME.tmp`` beside it, opened with ``O_TRUNC`` and
    no ``O_NOFOLLOW``: a link left there (in ``.batch-work/tables/``, as review seven found for the
    part files) cut the file it pointed to and wrote the table into it; a temporary file left
    readable by others kept its mode. The table now goes into a file of its own, owner-only."""
    pytest.importorskip("pyarrow")
    from skilltool import batch_parquet as bp

    target = tmp_path / "tables" / "errors" / bp.part_name(0)
    target.parent.mkdir(parents=True)
    victim = tmp_path / "notes.txt"
    victim.write_text("a caseworker's notes\n", encoding="utf-8")
    (target.parent / f".{target.name}.tmp").symlink_to(victim)
    assert (
        bp.write_parquet(target, "errors", bp.error_batches("row;client_ref;field;reason\n2;UT-1;;x\n")) == 1
    )
    assert victim.read_text(encoding="utf-8") == "a caseworker's notes\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not (target.parent / f".{target.name}.tmp").exists()


# --- a file name that is not UTF-8, on stdout -------------------------------------------------------


def test_a_folder_name_that_is_not_utf8_ends_the_batch_summary_without_a_traceback(tmp_path: Path) -> None:
    """``--out`` named in latin-1 bytes (``o`` + byte E9, from an old share or zip) reaches Python as
    a lone surrogate; under a UTF-8 locale stdout is strict, and the batch's summary table naming
    the outputs ended, after the work was done, in a ``UnicodeEncodeError`` traceback and exit 1.
    The character is now escaped on stdout, as on stderr; since the twenty-seventh review as
    U+FFFD, as the summary's tables show it (it was ``o\\udce9`` on the terminal)."""
    src = tmp_path / "in.csv"
    src.write_text(export([row("UT-1")]), encoding="utf-8")
    out = tmp_path / os.fsdecode(b"o\xe9")
    done = _skilltool("batch", str(src), "--out", str(out), "--lang", "en", env={"PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "o\ufffd" in done.stdout and "udce9" not in done.stdout


# --- an answer typed in another code page ----------------------------------------------------------


def test_an_answer_typed_in_windows_1252_is_read_not_a_traceback(tmp_path: Path) -> None:
    """An answer with a byte that is not UTF-8 (``Zwéolle`` typed on a terminal in Windows-1252, or
    a script piping such a file into the interview) ended the interview in a ``UnicodeDecodeError``
    traceback under a UTF-8 locale (under a C locale, in one when the draft was written). It is
    read as a CSV line is: UTF-8, else Windows-1252, a byte in neither as U+FFFD."""
    out = tmp_path / "p.json"
    typed = b"T-1\n1990\nEritrea\n-\nZw\xe9olle \xe2\x82\xac \x81\n"  # cp1252, UTF-8 and 0x81 mixed
    cmd = [sys.executable, "-m", "skilltool", "intake", "--lang", "en", "--out", str(out)]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(cmd, input=typed, capture_output=True, check=False, timeout=60, env=env)
    assert b"Traceback" not in done.stderr, done.stderr.decode(errors="replace")
    assert b"resume with: skilltool intake --resume" in done.stderr
    draft = json.loads(out.with_name("p.json.draft.json").read_text(encoding="utf-8"))
    assert draft["state"]["personal.municipality"] == "Zwéolle € \ufffd"
    assert console.typed("caf\udce9") == "café" and console.typed("plain") == "plain"


# --- a checkpoint whose time is none ---------------------------------------------------------------


@pytest.mark.parametrize("created", ["garbage", "2026-13-01T00:00:00+00:00", "2026-01-01T00:00:00", 5])
def test_a_checkpoint_whose_time_is_none_is_not_trusted(tmp_path: Path, created: object) -> None:
    """``--resume`` over a ``state.json`` whose ``created`` is no time with a zone (damaged, or edited)
    ended in a ``ValueError`` traceback once the first worker read it (every profile's timestamp).
    Such a checkpoint is damaged like the others: not loaded, the batch starts afresh."""
    path = tmp_path / "state.json"
    good = json.loads(batch_state.State(fingerprint="f", created="2026-01-01T00:00:00+00:00").dump())
    path.write_text(json.dumps(good), encoding="utf-8")
    assert batch_state.State.load(path) is not None
    path.write_text(json.dumps({**good, "created": created}), encoding="utf-8")
    assert batch_state.State.load(path) is None


# --- a pipe planted as a cache file ------------------------------------------------------------------


def test_a_pipe_or_link_planted_as_a_cache_file_is_not_waited_on(tmp_path: Path) -> None:
    """With ``SKILLTOOL_CACHE_DIR`` in a shared folder another user could plant a pipe under a cache
    file's name (it follows from the public data and source): opening it waited for a writer, and
    every command hung at its first data file, for good. A pipe, or a link, is now no cache: it
    is rebuilt, at once."""
    pipe = tmp_path / "Model-0.pickle"
    os.mkfifo(pipe)
    found: list[object] = ["still waiting"]
    reader = threading.Thread(target=lambda: found.__setitem__(0, _read_from_disk(pipe)), daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert not reader.is_alive() and found == [None]
    real = tmp_path / "Other-0.pickle"
    datafiles.cache_write(real, {"labels": 3})
    link = tmp_path / "Link-0.pickle"
    link.symlink_to(real)
    assert _read_from_disk(real) == {"labels": 3}
    assert _read_from_disk(link) is None


def test_a_title_argument_typed_in_latin_1_keeps_its_letter(tiny_data: Path) -> None:
    """``skilltool occupation code café`` from a terminal in latin-1 or Windows-1252 gives Python a
    lone surrogate for the byte E9: the title was coded as ``caf``, and ``--json`` wrote the byte
    as it came (no UTF-8) or ended in a traceback. A text argument is now read as a line on stdin
    is: ``café``."""
    args = ["--data-dir", str(tiny_data), "occupation", "code", "caf\udce9", "--json", "--lang", "en"]
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["input"] == "café"
