"""The eighteenth hostile-input and privacy review: what the seventeenth left alone (an unknown
``--country`` or ``--sector`` repeated, "(a file)" for standard output, a Parquet list copied as
Python writes it, the interview's clock, a NUL byte on stdin coded), and what the attack found."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import IO

import pytest
from typer.testing import CliRunner

from skilltool.cli import app

runner = CliRunner(env={"SKILLTOOL_LANG": "en"})
REPO = Path(__file__).resolve().parent.parent
ANSWERS = REPO / "examples" / "answers" / "eritrea-welder.yaml"
ENGINEER = REPO / "examples" / "personas" / "syrian_civil_engineer.json"
NAME = "Jan Jansen"


# --- an error writing stdout names standard output ------------------------------------------------


def _skilltool(*args: str, stdout: IO[str]) -> subprocess.CompletedProcess[str]:
    """The real program (its own standard streams), stdout at ``stdout``."""
    cmd = [sys.executable, "-m", "skilltool", *args]
    env = {**os.environ, "SKILLTOOL_LANG": "en"}
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


def test_a_reader_that_stops_reading_is_still_no_error() -> None:
    """``skilltool --help | head -1``: a closed pipe stays exit 0 without a word."""
    cmd = [sys.executable, "-m", "skilltool", "profile", "schema"]
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.read(10)
        proc.stdout.close()
        err = proc.stderr.read()
        assert proc.wait(timeout=60) == 0, err
    assert err == b""


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
    warned = [ln for ln in r.stderr.splitlines() if ln.startswith("warning:")]
    assert len(warned) == 1 and "line 2" in warned[0] and "not text" in warned[0]
    if as_json:
        results = [json.loads(line) for line in r.stdout.splitlines()]
        assert [bool(x["candidates"]) for x in results] == [True, False, True]
        assert results[1]["input"] == "lassen en? solderen van metalen"
        assert results[1]["needs_review"] and results[1]["normalized"] == ""
