"""Compile the committed data into a test run's shared compiled-data cache (``conftest``).

Run as ``python -m tests.warm_cache CACHE_DIR SHIFT`` by ``conftest._warm_compiled_cache``, once
per xdist worker, in a child process: coverage's tracer, which multiplies the CPU of the code it
traces by about 2.3, is not in it (compiling the real data cost some 24 s of CPU a run under it).
The code that compiles is covered by the tests that build from cold (tiny data, ``isolated_cache``).
"""

from __future__ import annotations

import fcntl
import os
import sys
from collections.abc import Callable
from pathlib import Path

from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData
from skilltool.skill_coding import SkillCoder

REPO = Path(__file__).resolve().parents[1]

STAGES: tuple[tuple[tuple[str, Callable[[ReferenceData], object]], ...], ...] = (
    (("occupations", lambda ref: ref.occupations), ("skills", lambda ref: ref.skills)),
    (
        ("occupation-coder", lambda ref: OccupationCoder.from_reference(ref).ngrams),
        ("skill-coder", SkillCoder.from_reference),
        ("suggest-index", lambda ref: ref.suggest_index),
    ),
)
"""What a run of the suite needs compiled, in stages (the second reads what the first made)."""


def steps(shift: int) -> list[tuple[str, Callable[[ReferenceData], object]]]:
    """Every artefact, each stage's rotated by ``shift`` (the worker's number): the workers take
    them in a different order and so build different ones side by side."""
    return [step for stage in STAGES for step in stage[shift % len(stage) :] + stage[: shift % len(stage)]]


TRACED = frozenset({"suggest-index"})
"""Built in the test process, under coverage: parts of building the suggestion index (the
regulated professions' prefixes and labels) run on the committed data only, not on the tiny data."""


def build(cache: Path, ref: ReferenceData, name: str, step: Callable[[ReferenceData], object]) -> None:
    """Build one artefact under its own file lock: a worker that comes second to an artefact waits
    for it and then reads it."""
    with (cache / f".warm-{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        step(ref)


def warm(cache: Path, shift: int) -> None:
    """Build each artefact of the committed data but the ``TRACED`` ones into ``cache``."""
    os.environ["SKILLTOOL_CACHE_DIR"] = str(cache)
    os.environ.pop("SKILLTOOL_DATA_DIR", None)
    ref = ReferenceData(REPO / "data")
    for name, step in steps(shift):
        if name not in TRACED:
            build(cache, ref, name, step)


if __name__ == "__main__":
    warm(Path(sys.argv[1]), int(sys.argv[2]))
