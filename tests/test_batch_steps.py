"""A worker does its chunk one step at a time (every row read, then coded, then given its
suggestions, then written: ``batch_worker.Worker._process``) and its outputs are those of doing
each row whole: the error lines in row order, each in its own step's words."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from skilltool import batch
from skilltool.batch_processor import Timer, TwoSteps
from skilltool.errors import SkilltoolError
from skilltool.models import Profile
from skilltool.models.answers import IntakeAnswers

from .batch_fakes import fake_processor
from .test_batch import MAPPING, person, read_csv, write_csv

TIME = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[^<\"]*")
"""The run's time in ``report.html`` (as ``bench/batch_equal.py`` leaves it out)."""

CALLS: list[str] = []
"""What the processors below were asked, in order (each test empties it)."""


def _code(answers: IntakeAnswers, timer: Timer, now: dt.datetime) -> Profile:
    ref = answers.personal.client_ref
    CALLS.append(f"code {ref}")
    if ref == "C2":  # a rule broken while coding: errors.csv names the answer's column
        raise SkilltoolError("no", rule="reason.unprocessable", field="work.0.title")
    if ref == "C4":
        raise RuntimeError("a bug while coding")
    return fake_processor(None, "nl")(answers, timer, now)


def _finish(profile: Profile, timer: Timer) -> Profile:
    ref = profile.personal.client_ref
    CALLS.append(f"finish {ref}")
    if ref == "C3":  # a rule broken while suggesting
        raise SkilltoolError("no", rule="reason.unprocessable")
    if ref == "C5":
        raise RuntimeError("a bug while suggesting")
    return profile


def two_steps(data_dir: Path | None, lang: str) -> TwoSteps:
    """A processor in two steps: the worker runs each over the chunk in turn."""
    return TwoSteps(_code, _finish)


def one_step(data_dir: Path | None, lang: str) -> batch.RowFn:
    """The same two steps as one function: the worker runs it row by row."""
    return lambda answers, timer, now: _finish(_code(answers, timer, now), timer)


def _rows() -> list[list[str]]:
    """A bad cell (read), a rule and a bug while coding, a rule and a bug while suggesting, in an
    order that puts a later step's rejection before an earlier step's in the same chunk."""
    return [
        person("C1"),
        person("C3"),
        person("C2"),
        person("C0", jaren_1="many"),  # refused while reading the row
        person("C5"),
        person("C4"),
        person("C6"),
    ]


def _run(tmp_path: Path, name: str, factory: object) -> tuple[Path, dict[str, object]]:
    """The batch of ``_rows`` in one chunk with ``factory``: its output folder and manifest."""
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    src = write_csv(tmp_path / "in.csv", _rows())
    out = tmp_path / name
    job = batch.prepare(src, out=out, mapping_path=mapping, workers=1, factory=factory, chunk_size=7)  # type: ignore[arg-type]
    batch.run(job)
    return out, json.loads((out / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764288000")


def test_each_step_runs_over_the_chunk_before_the_next(tmp_path: Path) -> None:
    """Every row of the chunk is coded before any gets its suggestions, and a row that failed
    coding gets none."""
    CALLS.clear()
    _run(tmp_path, "out", two_steps)
    codes = [c for c in CALLS if c.startswith("code")]
    assert CALLS[: len(codes)] == codes == ["code C1", "code C3", "code C2", "code C5", "code C4", "code C6"]
    assert CALLS[len(codes) :] == ["finish C1", "finish C3", "finish C5", "finish C6"]


def test_step_by_step_gives_the_outputs_of_rows_done_whole(tmp_path: Path) -> None:
    """The same files as the processor run as one function row by row: profiles, summary, the
    error lines in row order (each in its own step's words), the counts and the report."""
    whole, whole_manifest = _run(tmp_path, "whole", one_step)
    steps, steps_manifest = _run(tmp_path, "steps", two_steps)
    for name in ("profiles.jsonl", "summary.csv", "errors.csv"):
        assert (steps / name).read_bytes() == (whole / name).read_bytes(), name
    errors = read_csv(steps / "errors.csv")[1:]
    assert [e[0] for e in errors] == ["3", "4", "5", "6", "7"]  # rows 3-7: C3, C2, C0, C5, C4
    assert whole_manifest["counts"] == steps_manifest["counts"]
    report = [TIME.sub(b"", (out / "report.html").read_bytes()) for out in (whole, steps)]
    assert report[0] == report[1]


def _rule_stage(profile: Profile, timer: Timer) -> Profile:
    CALLS.append(f"rule {profile.personal.client_ref}")
    if profile.personal.client_ref == "C3":
        raise SkilltoolError("no", rule="reason.unprocessable")
    return profile


def _bug_stage(profile: Profile, timer: Timer) -> Profile:
    CALLS.append(f"bug {profile.personal.client_ref}")
    if profile.personal.client_ref == "C5":
        raise RuntimeError("a bug while suggesting")
    return profile


def staged(data_dir: Path | None, lang: str) -> TwoSteps:
    """``two_steps`` with its second step in two stages (``TwoSteps.stages``): ``_finish``'s rule
    broken in the first, its bug in the second."""
    return TwoSteps(_code, _finish, [_rule_stage, _bug_stage])


def test_each_stage_of_the_second_step_runs_over_the_chunk_before_the_next(tmp_path: Path) -> None:
    """A second step in stages: every row coded, then the first stage over every coded row, then
    the second over the rows the first left; a row one stage rejects meets no later stage. The
    outputs are those of the processor run row by row (``finish``, whose rows fail alike)."""
    CALLS.clear()
    steps, steps_manifest = _run(tmp_path, "staged", staged)
    later = [c for c in CALLS if not c.startswith("code")]
    assert later == ["rule C1", "rule C3", "rule C5", "rule C6", "bug C1", "bug C5", "bug C6"]
    whole, whole_manifest = _run(tmp_path, "whole", one_step)
    for name in ("profiles.jsonl", "summary.csv", "errors.csv"):
        assert (steps / name).read_bytes() == (whole / name).read_bytes(), name
    assert whole_manifest["counts"] == steps_manifest["counts"]
