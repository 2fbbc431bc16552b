"""The eighteenth hostile-input and privacy review: what the seventeenth left alone (an unknown
``--country`` or ``--sector`` repeated, "(a file)" for standard output, a Parquet list copied as
Python writes it, the interview's clock, a NUL byte on stdin coded), and what the attack found."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

import pytest
from typer.testing import CliRunner

import skilltool
from skilltool import messages, profile_building
from skilltool.cli import app
from skilltool.errors import NotFoundError, UsageError
from skilltool.models import Profile

from .test_cli_intake import SCRIPT, FakeSkillCoder
from .test_hostile_input import one_error

runner = CliRunner(env={"SKILLTOOL_LANG": "en"})
REPO = Path(__file__).resolve().parent.parent
ANSWERS = REPO / "examples" / "answers" / "eritrea-welder.yaml"
PERSONA = REPO / "examples" / "personas" / "afghan_grocery_owner.json"
EXAMPLE = REPO / "examples" / "batch" / "intakes.csv"
NAME = "Jan Jansen"
HANG_AFTER = 120
"""Seconds a `skilltool` whose reader stopped reading may take to exit (31 s at load 15)."""


# --- an unknown --country or --sector is not repeated -----------------------------------------------


@pytest.mark.usefixtures("real_data_env")
@pytest.mark.parametrize(
    "command",
    [
        ["diploma", "lookup", "--country", NAME, "secondary school"],
        ["diploma", "list", "--country", NAME],
        ["suggest", str(PERSONA), "--sector", NAME],
    ],
)
def test_an_unknown_country_or_sector_is_not_repeated(command: list[str]) -> None:
    """A value that is no country or sector is named by its option, never repeated: a script passes
    a case file's field to ``--country`` (``Jan Jansen`` in the wrong column) and its stderr goes
    into a log. The sector's choices are still listed; exit 2 as before."""
    r = runner.invoke(app, command)
    line = one_error(r)
    assert r.exit_code == 2
    assert "Jan" not in r.stderr and "Jansen" not in r.stderr
    assert "not repeated" in line
    if "--sector" in command:
        assert "care" in line and "construction" in line


@pytest.mark.usefixtures("real_data_env")
def test_an_unknown_country_is_not_repeated_by_the_api() -> None:
    """``lookup_diploma(country=...)`` raises the same error, without the value."""
    ref = skilltool.load_reference()
    with pytest.raises(NotFoundError) as caught:
        skilltool.lookup_diploma("secondary school", country=NAME, ref=ref)
    assert "Jansen" not in str(caught.value)


def output_rows(out: Path) -> list[list[str]]:
    """The rows of a coding job's CSV (``;``, a byte-order mark) or XLSX output, cells as text."""
    if out.suffix == ".csv":
        return list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(out).active
    return [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)]


# --- an error writing stdout names standard output ------------------------------------------------


def _skilltool(*args: str, stdout: IO[str]) -> subprocess.CompletedProcess[str]:
    """The real program (its own standard streams), stdout at ``stdout``."""
    cmd = [sys.executable, "-m", "skilltool", *args]
    # without the shell-completion variables another test of this worker may have left behind
    # (_SKILLTOOL_COMPLETE set makes the program a completion script: "Shell  not supported.")
    inherited = {k: v for k, v in os.environ.items() if "_COMPLETE" not in k}
    # Typer reads "--show-completion bash" as a flag and detects the shell from the process's
    # ancestors (none under some xdist workers: "Shell  not supported."); without detection the
    # shell is the option's value, the same everywhere
    env = {**inherited, "SKILLTOOL_LANG": "en", "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    return subprocess.run(
        cmd, stdout=stdout, stderr=subprocess.PIPE, text=True, check=False, timeout=60, env=env
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["--help"],
        [],
        ["batch", "--help"],
        ["profile", "schema"],
        ["--show-completion", "bash"],
    ],
)
def test_a_full_stdout_is_named_as_standard_output_in_one_line(args: list[str]) -> None:
    """stdout on a full disk (``> /dev/full``): one line naming standard output and exit 1. A
    command said "(a file): cannot read or write", naming neither; ``--help``, ``--version``,
    bare ``skilltool`` and ``--show-completion`` (written while Click parses, before a command
    runs) ended in Click's ``OSError`` traceback; Python's flush at exit added "Exception ignored"
    and exit 120 once the line was right."""
    with open("/dev/full", "w") as full:  # noqa: PTH123 - a device, opened for the child
        r = _skilltool(*args, stdout=full)
    assert r.returncode == 1, r.stderr
    assert r.stderr.splitlines() == [
        "error: standard output: cannot write (No space left on device); "
        "the disk is full; free some space or write somewhere else"
    ]


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


@pytest.mark.usefixtures("real_data_env")
@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (["profile", "schema"], b""),
        (["occupation", "code", "--json", "--workers", "2"], b"lasser\n" * 3_000),
    ],
    ids=["schema", "occupation-code"],
)
def test_a_reader_that_stops_reading_is_still_no_error(args: list[str], stdin: bytes) -> None:
    """``skilltool ... | head -1``: a closed pipe stays exit 0 without a word. With stdout's own
    raw file (above) what was still buffered met the closed pipe again at exit: "Exception
    ignored ... BrokenPipeError" after ``occupation code --json | head``. A hang (``occupation
    code --workers 2`` once hung so: ``test_hostile_review23.py``) is killed with its workers and
    fails the test instead of holding the run for good."""
    cmd = [sys.executable, "-m", "skilltool", *args]
    pipe = subprocess.PIPE
    with subprocess.Popen(cmd, stdin=pipe, stdout=pipe, stderr=pipe, start_new_session=True) as proc:
        assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
        # A process that hangs once its reader is gone (tests23: 300 s until pytest-timeout, and
        # Popen's exit then waits on it for good) is killed after HANG_AFTER seconds with the
        # workers it started: the blocking reads below end, and the test fails at once with exit
        # code -9 and what stderr held.
        watchdog = threading.Timer(HANG_AFTER, _kill_group, [proc.pid])
        watchdog.start()
        try:
            with contextlib.suppress(BrokenPipeError):
                proc.stdin.write(stdin)
                proc.stdin.close()
            proc.stdout.read(10)
            proc.stdout.close()
            err = proc.stderr.read()
            code = proc.wait()
        finally:
            watchdog.cancel()
        assert code == 0, f"exit {code} (-9: still running after {HANG_AFTER} s, killed): {err!r}"
    assert err == b""


# --- a Parquet list, struct or map copied as JSON; a copied float not rounded ---------------------


@pytest.mark.usefixtures("real_data_env")
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_parquet_list_struct_or_map_is_copied_as_json(tmp_path: Path, suffix: str) -> None:
    """A coding job copies a Parquet list, struct or map column as JSON (``["ar", "nl"]``, a map as
    an object), and a float column as it is. They were copied as Python writes them (``['ar',
    'nl']``, ``[('k', 'v')]``), which no JSON reader parses; and into a CSV every float went
    through the scores' one decimal: hours of 37.75 became 37.8, 0.125 became 0.1."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table(
        {
            "titel": ["kok", "lasser"],
            "talen": pa.array([["ar", "nl"], []], pa.list_(pa.string())),
            "adres": pa.array(
                [{"nr": 1, "plaats": "Zwolle"}, None],
                pa.struct([("nr", pa.int64()), ("plaats", pa.string())]),
            ),
            "kaart": pa.array([[("k", "v")], None], pa.map_(pa.string(), pa.string())),
            "uren": pa.array([37.75, 0.125], pa.float64()),
            "reeks": pa.array([[1.5, float("nan")], None], pa.list_(pa.float64())),
        }
    )
    src = tmp_path / "in.parquet"
    pq.write_table(table, src)
    out = tmp_path / f"out{suffix}"
    r = runner.invoke(
        app, ["occupation", "code", "--input", str(src), "--column", "titel", "--out", str(out)]
    )
    assert r.exit_code == 0, r.output
    rows = output_rows(out)
    head = rows[0]
    first, second = (dict(zip(head, row, strict=False)) for row in rows[1:3])
    assert json.loads(first["talen"]) == ["ar", "nl"] and json.loads(second["talen"]) == []
    assert json.loads(first["adres"]) == {"nr": 1, "plaats": "Zwolle"} and second["adres"] == ""
    assert json.loads(first["kaart"]) == {"k": "v"}
    assert json.loads(first["reeks"]) == [1.5, None]  # NaN: JSON has none
    assert (first["uren"], second["uren"]) == ("37.75", "0.125")
    assert first["occupation_1_score"] in {"100,0", "100"}  # an added score: a decimal comma in CSV


def test_cell_text_of_nested_values() -> None:
    """``xlsx.cell_text`` of a list, struct and map as ``to_pylist`` gives them: JSON, a map with
    a key twice or a key that is no text as a list of pairs, a date inside as its text."""
    from skilltool.xlsx import cell_text

    assert cell_text(["a", 1, None]) == '["a", 1, null]'
    assert cell_text({"a": [dt.date(2024, 1, 2)]}) == '{"a": ["2024-01-02"]}'
    assert cell_text([("k", 1), ("k", 2)]) == '[["k", 1], ["k", 2]]'
    assert cell_text([(1, "x")]) == '[[1, "x"]]'
    assert cell_text([float("inf")]) == "[null]"
    assert cell_text("['a']") == "['a']"  # text stays text


# --- the interview takes SOURCE_DATE_EPOCH ---------------------------------------------------------


@pytest.mark.usefixtures("real_data_env")
def test_the_interview_and_an_answers_file_take_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With ``SOURCE_DATE_EPOCH`` set, the interview's profile is created at that time, as a batch's
    and an ``--answers`` file's are (two runs of a scripted interview give the same file); the
    interview took the clock's time whatever the variable said."""
    monkeypatch.setattr(profile_building.Coders, "skill", property(lambda self: FakeSkillCoder()))
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    want = dt.datetime.fromtimestamp(1_700_000_000, tz=dt.UTC)
    out = tmp_path / "p.json"
    r = runner.invoke(
        app, ["intake", "--lang", "en", "--out", str(out)], input="\n".join(SCRIPT) + "\n", env=env
    )
    assert r.exit_code == 0, r.output
    assert Profile.model_validate_json(out.read_text(encoding="utf-8")).created == want
    r = runner.invoke(app, ["intake", "--answers", str(ANSWERS)], env=env)
    assert r.exit_code == 0, r.output
    assert Profile.model_validate_json(r.stdout).created == want


@pytest.mark.usefixtures("real_data_env")
def test_a_source_date_epoch_that_is_no_time_stops_the_interview_before_its_first_question(
    tmp_path: Path,
) -> None:
    """``SOURCE_DATE_EPOCH=²``: one line before the first question, no draft written (it was ignored,
    and read nowhere in the intake)."""
    out = tmp_path / "p.json"
    for args in (["--out", str(out)], ["--answers", str(ANSWERS)]):
        r = runner.invoke(
            app, ["intake", "--lang", "en", *args], input="T-1\n", env={"SOURCE_DATE_EPOCH": "²"}
        )
        assert "SOURCE_DATE_EPOCH" in one_error(r)
        assert "client" not in r.stdout.lower()
    assert list(tmp_path.iterdir()) == []


# --- a NUL byte in a line on stdin ----------------------------------------------------------------


@pytest.mark.usefixtures("real_data_env")
@pytest.mark.parametrize("kind", ["occupation", "skill"])
@pytest.mark.parametrize("as_json", [True, False])
def test_a_line_with_a_nul_byte_on_stdin_is_not_text(kind: str, as_json: bool) -> None:
    """A line on stdin holding a NUL byte is "not text" for both coders, as a coding job's CSV line
    with one is damaged: ``occupation code`` coded ``lassen en\\0 solderen`` (one NUL in a long line
    is under the coder's tenth of control characters); the lines around it are coded."""
    data = b"lasser\nlassen en\x00 solderen van metalen\nkok\n"
    args = [kind, "code", "--lang", "en", *(["--json"] if as_json else [])]
    r = runner.invoke(app, args, input=data)
    assert r.exit_code == 0, r.output
    # "lasser" and "kok" are occupations' names, which `skill code` says since user19
    note = messages.t("coding.problem.an_occupation", "en")
    warned = [ln for ln in r.stderr.splitlines() if ln.startswith("warning:") and note not in ln]
    assert len(warned) == 1 and "line 2" in warned[0] and "not text" in warned[0]
    if as_json:
        results = [json.loads(line) for line in r.stdout.splitlines()]
        assert [bool(x["candidates"]) for x in results] == [True, False, True]
        assert results[1]["input"] == "lassen en? solderen van metalen"
        assert results[1]["needs_review"] and results[1]["normalized"] == ""


# --- the Python API: an optional text argument that is no text -------------------------------------


@pytest.mark.parametrize("name", ["delimiter", "sheet", "encoding", "scheduler"])
def test_the_api_refuses_an_optional_text_that_is_no_text(tmp_path: Path, name: str) -> None:
    """``run_batch`` and ``code_file`` with ``delimiter=5`` (a number read from a config file) ended
    in an ``AttributeError`` from the CSV reader, ``encoding=5`` in a ``TypeError`` from the
    messages, ``scheduler=5`` in one from distributed (a checkpoint left behind); each is a
    one-line ``UsageError`` naming the argument, before any work."""
    src = tmp_path / "in.csv"
    src.write_text("functie\nlasser\n", encoding="utf-8")
    dask = {"engine": "dask"} if name == "scheduler" else {}
    with pytest.raises(UsageError, match=f"^{name}: give a text"):
        skilltool.run_batch(src, out=tmp_path / "out", **dask, **{name: 5})  # type: ignore[arg-type]
    with pytest.raises(UsageError, match=f"^{name}: give a text"):
        skilltool.code_file(src, column="functie", out=tmp_path / "o.csv", **dask, **{name: 5})  # type: ignore[arg-type]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


# --- a Dask batch whose scheduler cannot be reached leaves no checkpoint ---------------------------


@pytest.mark.usefixtures("real_data_env")
def test_a_dask_batch_that_never_reached_its_scheduler_leaves_no_checkpoint(tmp_path: Path) -> None:
    """``batch --engine dask --scheduler ADDRESS`` that cannot reach the cluster ran no row, and
    said to check the address; but it left ``.batch-work/state.json``, so the next run (with the
    address corrected, or the local engine) was refused: "an interrupted batch is here; add
    --resume". A checkpoint of no partition is removed."""
    pytest.importorskip("distributed")
    src = tmp_path / "in.csv"
    src.write_bytes(b"\n".join(EXAMPLE.read_bytes().splitlines()[:3]) + b"\n")
    out = tmp_path / "out"
    args = ["batch", str(src), "--out", str(out), "--workers", "1"]
    line = one_error(runner.invoke(app, [*args, "--engine", "dask", "--scheduler", "notaurl"]))
    assert "cannot reach the Dask scheduler" in line
    assert not (out / ".batch-work").exists()
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    assert (out / "manifest.json").is_file()
