"""The twentieth hostile-input and privacy review: what the nineteenth left alone (a killed job's
temporary file and lock, SIGTERM's exit code, ``report``/``intake --out`` without a lock, direction
marks raw in JSON), and what the attack found."""

from __future__ import annotations

import fcntl
import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import skilltool
from skilltool import batch_signals, bulk_output, fsio, intake_session, json_text, table_out, unnamed
from skilltool.batch import BatchInterruptedError
from skilltool.cli import app
from skilltool.errors import OutputError
from skilltool.messages import say
from skilltool.models import Profile

from .test_cli_intake import interrupted_intake
from .test_hostile_input import one_error

runner = CliRunner(env={"SKILLTOOL_LANG": "en"})

REPO = Path(__file__).resolve().parent.parent
SRC = REPO / "src"
PERSONA = REPO / "examples" / "personas" / "afghan_grocery_owner.json"

# A child that writes an .xlsx of 2,000 rows of a name; at row 1,000 it lists the folder (and with
# a second argument kills itself there, as ``kill -9`` would).
_WRITE_XLSX = """
import os, signal, sys
from pathlib import Path
from skilltool import table_out
from skilltool.errors import OutputError
out = Path(sys.argv[1])
def rows():
    for i in range(2000):
        if i == 1000:
            print(sorted(p.name for p in out.parent.iterdir()), flush=True)
            if len(sys.argv) > 2:
                os.kill(os.getpid(), signal.SIGKILL)
        yield [str(i), "Jan Jansen", "x" * 20]
try:
    table_out.write_xlsx(out, ["a", "b", "c"], rows(), title="t")
except OutputError as exc:
    print("error:", exc.render("en"))
"""


def _write_xlsx_child(
    out: Path, tmpdir: Path, *more: str, fsize: int | None = None
) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        if fsize is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    env = {**os.environ, "PYTHONPATH": str(SRC), "TMPDIR": str(tmpdir)}
    cmd = [sys.executable, "-c", _WRITE_XLSX, str(out), *more]
    return subprocess.run(
        cmd, check=False, env=env, capture_output=True, text=True, timeout=120, preexec_fn=limit
    )


# --- an .xlsx output's rows are written beside it, not in $TMPDIR --------------------------------


def test_an_xlsx_outputs_rows_are_written_beside_it_not_in_tmpdir(tmp_path: Path) -> None:
    """openpyxl's write-only sheet wrote every row to ``$TMPDIR/openpyxl.XXXX.xml`` before the
    workbook was zipped: a coding job's copied columns or a batch summary's client ids outside the
    output's folder (another disk, perhaps shared), left there for good by ``kill -9``, where no
    later write looks. The rows' file is now a temporary file beside the output
    (``fsio.part_file``), owner-only, named as the atomic writer's are, so the next write of that
    output removes it once its writer is gone; ``$TMPDIR`` stays empty."""
    tmpdir, folder = tmp_path / "tmp", tmp_path / "out"
    tmpdir.mkdir()
    out = folder / "coded.xlsx"
    killed = _write_xlsx_child(out, tmpdir, "kill")
    assert killed.returncode == -9, killed.stderr
    assert list(tmpdir.iterdir()) == []
    (left,) = folder.iterdir()
    assert left.name.startswith(".coded.xlsx.") and left.name.endswith(".tmp")
    assert left.stat().st_mode & 0o777 == 0o600
    assert b"Jan Jansen" in left.read_bytes()  # what a kill leaves: the reason it must not stay
    table_out.write_xlsx(out, ["a"], [["b"]], title="t")  # the next write of that output
    assert [p.name for p in folder.iterdir()] == ["coded.xlsx"]


def test_an_xlsx_output_whose_rows_fill_the_disk_names_the_output(tmp_path: Path) -> None:
    """A full disk while the rows were written said "(a file): cannot read or write (File too
    large)": the file was openpyxl's own in ``$TMPDIR``, which the caseworker never named. It names
    the output now, and nothing is left beside it."""
    tmpdir, folder = tmp_path / "tmp", tmp_path / "out"
    tmpdir.mkdir()
    out = folder / "coded.xlsx"
    full = _write_xlsx_child(out, tmpdir, fsize=20_000)
    assert f"error: {out}: cannot write (File too large)" in full.stdout, full.stdout + full.stderr
    assert list(tmpdir.iterdir()) == []
    assert list(folder.iterdir()) == []


def test_part_file_is_owner_only_beside_its_output(tmp_path: Path) -> None:
    """``fsio.part_file``: an empty ``0600`` file beside the output, in a folder made owner-only,
    that ``remove_dead_temporaries`` takes for the atomic writer's (and keeps while its writer lives)."""
    out = tmp_path / "new" / "coded.xlsx"
    part = fsio.part_file(out)
    assert part.parent == out.parent and part.read_bytes() == b""
    assert part.stat().st_mode & 0o777 == 0o600 and out.parent.stat().st_mode & 0o777 == 0o700
    assert fsio.remove_dead_temporaries(out) == [] and part.exists()  # this process still lives


# --- SIGTERM exits 143, Ctrl-C 130 -----------------------------------------------------------------


def test_sigterm_ends_an_interview_with_143(tmp_path: Path, compiled_cache: Path) -> None:
    """SIGTERM (``kill PID``, ``timeout``, a scheduler ending a job) is still taken as Ctrl-C (the
    draft kept, the resume command printed) but exits 143, 128 + SIGTERM, as a process ended by it
    does; it exited 130, Ctrl-C's code, so a script or a scheduler could not tell a stop it asked
    for from a person's. Ctrl-C still exits 130 (``test_cli_intake``)."""
    code, err, draft = interrupted_intake(tmp_path, compiled_cache, signal.SIGTERM)
    assert code == 143, err
    assert f"resume with: skilltool intake --resume {draft}" in err
    assert "Traceback" not in err


def test_a_batch_interrupt_carries_the_signals_exit_code() -> None:
    """The batch's interrupt error (local and Dask engine, ``run_batch`` too) exits 143 for SIGTERM
    (``batch_signals.Terminated``, which SIGTERM's handler raises) and 130 for Ctrl-C; ``kill``ed
    while a chunk is worked, the signal held to the chunk's end still raises ``Terminated``."""
    message = say("errors.batch.interrupted")
    assert BatchInterruptedError.by(KeyboardInterrupt(), message).exit_code == 130
    assert BatchInterruptedError.by(batch_signals.Terminated(), message).exit_code == 143
    assert BatchInterruptedError(message).exit_code == 130
    previous = signal.signal(signal.SIGTERM, batch_signals._interrupt)
    try:

        def chunk(n: int) -> int:
            os.kill(os.getpid(), signal.SIGTERM)  # held until the chunk ends
            return n + 1

        with pytest.raises(batch_signals.Terminated):
            batch_signals.held_sigint(chunk)(1)
    finally:
        signal.signal(signal.SIGTERM, previous)


# --- a Parquet output of a million columns ----------------------------------------------------------


def test_a_parquet_output_wider_than_a_sheet_is_one_line(tiny_data: Path, tmp_path: Path) -> None:
    """A coding job's Parquet output of a CSV with 1,000,000 (empty) columns, 10 MB, took 150 s and
    5.4 GB of memory and wrote 230 MB for two rows: Parquet's metadata grows with every column. A
    Parquet output takes at most 16,384 columns (Excel's, as an .xlsx output), the input's and the
    added together: more is one line before the first row is coded, nothing written."""
    src = tmp_path / "wide.csv"
    width = bulk_output.PARQUET_MAX_COLUMNS
    header = "functie;" + ";".join(f"x{i}" for i in range(width))
    src.write_text(f"{header}\ndakgootreiniger{';' * width}\n")
    out = tmp_path / "coded.parquet"
    args = ["--data-dir", str(tiny_data), "occupation", "code", "--input", str(src), "--column", "functie"]
    r = runner.invoke(app, [*args, "--out", str(out), "--lang", "en"])
    assert one_error(r) == (
        f"error: {src}: 16,412 columns with the ones added, more than the 16,384 a Parquet output "
        "takes (its metadata grows with every column); write --out as .csv"
    )
    assert not out.exists()
    added = [f"occupation_{i}" for i in range(5)]
    bulk_output.check_names(src, [f"x{i}" for i in range(width - 5)], added, parquet=True)  # at the limit
    bulk_output.check_names(
        src, [f"x{i}" for i in range(width)], added, parquet=False
    )  # a CSV is not held to it


# --- direction marks in --json ----------------------------------------------------------------------


def test_json_escapes_direction_marks(tiny_data: Path) -> None:
    """The left-to-right, right-to-left and Arabic letter marks (U+200E, U+200F, U+061C) are escaped
    in ``--json`` and the JSON Lines of the coding jobs (``json_text.dumps``), as the bidi overrides
    and isolates are since the nineteenth review: invisible and raw, a mark pasted along with a
    title drew the JSON's quotes and commas beside it into a right-to-left run on the terminal,
    and nobody could see it was there. The value read back is the same."""
    assert json_text.dumps(["\u200edakgoot\u200f", "\u061c"]) == '["\\u200edakgoot\\u200f", "\\u061c"]'
    args = ["--data-dir", str(tiny_data), "occupation", "code", "--json", "--lang", "en"]
    r = runner.invoke(app, args, input="\u200fdakgootreiniger\u200e\n")
    assert r.exit_code == 0, r.output
    assert not {"\u200e", "\u200f"} & set(r.stdout)
    assert json.loads(r.stdout.splitlines()[0])["input"] == "\u200fdakgootreiniger\u200e"


# --- intake --answers and report --out: the "taken" check asked again under a lock ----------------

ANSWERS = REPO / "examples" / "answers" / "eritrea-welder.yaml"


@pytest.mark.usefixtures("real_data_env")
def test_an_intake_whose_out_was_written_meanwhile_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``intake --answers A --out p.json`` checked that ``p.json`` was free before coding the
    answers (seconds: the coders load) and wrote it after: a script's second intake on the same
    ``--out`` (two clients, one name) that ended meanwhile had its profile replaced without
    ``--force``, both exiting 0, one client's profile lost. The check is asked again under the
    file's lock (``fsio.claimed``): the second is refused and the first's profile kept."""
    out = tmp_path / "p.json"
    built = intake_session.from_answers_file

    def other_intake_ends(*args: Any, **kwargs: Any) -> Profile:
        out.write_text('{"the other client": true}\n', encoding="utf-8")
        return built(*args, **kwargs)

    monkeypatch.setattr(intake_session, "from_answers_file", other_intake_ends)
    line = one_error(runner.invoke(app, ["intake", "--answers", str(ANSWERS), "--out", str(out)]))
    assert line == f"error: {out}: already exists; add --force to replace it, or choose another --out"
    assert out.read_text(encoding="utf-8") == '{"the other client": true}\n'
    r = runner.invoke(app, ["intake", "--answers", str(ANSWERS), "--out", str(out), "--force"])
    assert r.exit_code == 0, r.output


@pytest.mark.usefixtures("real_data_env")
def test_an_intake_or_report_while_another_writes_its_out_is_refused(tmp_path: Path) -> None:
    """While another command holds an ``--out``'s lock (``.NAME.lock``, as a coding job's), an
    ``intake --answers`` or a ``report`` on it is one line, ``--force`` too, and writes nothing;
    released, both run and leave no lock file."""
    profile = tmp_path / "p.json"
    profile.write_bytes(PERSONA.read_bytes())
    out = tmp_path / "new.json"
    report = tmp_path / "r.html"
    commands = (
        (["intake", "--answers", str(ANSWERS), "--out", str(out)], [["--force"]]),
        (["report", str(profile), "--out", str(report)], [[], ["--force"]]),
    )
    for command, tries in commands:
        target = Path(command[-1])
        with fsio.folder_lock(target).open("w") as held:
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # another command, mid-write
            for more in tries:
                line = one_error(runner.invoke(app, [*command, *more]))
                assert line == (
                    f"error: {target}: another skilltool command is writing this file; wait for it "
                    "to end, or choose another --out"
                )
        assert not target.exists()
        r = runner.invoke(app, command)
        assert r.exit_code == 0, r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.json", "p.json", "r.html"]


def test_write_profile_and_write_report_ask_again_under_the_lock(tmp_path: Path) -> None:
    """The API's ``write_profile`` and ``write_report`` hold the same rule as the commands."""
    profile = Profile.model_validate_json(PERSONA.read_text(encoding="utf-8"))
    out = tmp_path / "p.json"
    with fsio.folder_lock(out).open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(OutputError, match="another skilltool command is writing this file"):
            skilltool.write_profile(out, profile, force=True)
    assert not out.exists()
    skilltool.write_profile(out, profile)
    assert Profile.model_validate_json(out.read_text(encoding="utf-8")) == profile


# --- a file being written has no name until it is whole -------------------------------------------

_KILLED_MID_WRITE = """
import os, signal, sys
from pathlib import Path
from skilltool import fsio
out = Path(sys.argv[1])
with fsio.atomic_writer(out) as fh:
    fh.write('{"personal": {"client_ref": "UT-1", "notes": "Jan Jansen"')
    fh.flush()
    print(sorted(p.name for p in out.parent.iterdir()), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
"""


def _unnamed_files_here(folder: Path) -> bool:
    try:
        os.close(os.open(folder, os.O_TMPFILE | os.O_WRONLY, 0o600))
    except (AttributeError, OSError):
        return False
    return Path("/proc/self/fd").is_dir()


def test_a_writer_killed_mid_write_leaves_nothing(tmp_path: Path) -> None:
    """``kill -9`` while a profile, a report or a coded file was written left its temporary file
    (``.NAME.WRITER-XXXXXXXX.tmp``, the personal data written so far) beside the target until a
    later write of that same target removed it, for good when none came. ``atomic_writer`` now
    writes into a file without a name (``O_TMPFILE``, ``skilltool.unnamed``), named only when it
    is whole and renamed over the target at once: the killed writer leaves nothing, and no name
    shows the file meanwhile."""
    if not _unnamed_files_here(tmp_path):
        pytest.skip("no O_TMPFILE on this system or file system (the named temporary file is used)")
    out = tmp_path / "out" / "p.json"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    cmd = [sys.executable, "-c", _KILLED_MID_WRITE, str(out)]
    killed = subprocess.run(cmd, check=False, env=env, capture_output=True, text=True, timeout=60)
    assert killed.returncode == -9, killed.stderr
    assert killed.stdout == "[]\n"  # nothing named while it was written
    assert list(out.parent.iterdir()) == []


def test_where_no_unnamed_file_can_be_made_a_named_one_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a system or file system without ``O_TMPFILE`` (NFS, FAT, macOS) ``atomic_writer`` writes
    the named temporary file as before, owner-only, and leaves only the target."""
    monkeypatch.setattr(fsio, "open_unnamed", lambda folder, mode: None)
    out = tmp_path / "p.json"
    with fsio.atomic_writer(out) as fh:
        fh.write("{}")
        (named,) = tmp_path.iterdir()
        assert named.name.startswith(".p.json.") and named.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["p.json"] and out.read_text(encoding="utf-8") == "{}"
    with pytest.raises(ValueError, match="stopped"), fsio.atomic_writer(out) as fh:
        fh.write("half")
        raise ValueError("stopped")
    assert [p.name for p in tmp_path.iterdir()] == ["p.json"] and out.read_text(encoding="utf-8") == "{}"


def test_an_unnamed_file_is_named_as_a_temporary_file_is(tmp_path: Path) -> None:
    """Given a name only to be renamed over its target, an unnamed file takes the name of the
    writer's temporary files (``remove_dead_temporaries`` knows it, were a kill to land between)."""
    if not _unnamed_files_here(tmp_path):
        pytest.skip("no O_TMPFILE on this system or file system")
    fd = unnamed.open_unnamed(tmp_path, 0o600)
    assert fd is not None
    try:
        os.write(fd, b"x")
        prefix = f".p.json.{fsio.writer()}-"
        named = unnamed.give_name(fd, tmp_path, prefix)
    finally:
        os.close(fd)
    assert named.read_bytes() == b"x"
    assert fsio._TMP_REST.fullmatch(named.name[len(".p.json.") :])
