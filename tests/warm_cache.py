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


def _later(ref: ReferenceData) -> None:
    """The committed data's other cache entries, which some test or ``skilltool`` process of every
    run compiles: the diploma tables, the source manifest, the questionnaire with its config and
    translations, the batch's column mapping, the coder's skill evidence, the offered languages'
    names. Compiled here, outside the tracer, they are read by the first test that needs one,
    which compiled them before: a worker's test under the tracer, or a ``skilltool`` it starts,
    often both workers' at the same time (tests27)."""
    from skilltool import intake_script, languages
    from skilltool.models import ColumnMapping
    from skilltool.models.intake import CLIENT_LANGS

    _ = ref.diplomas, ref.dutch_qualifications, ref.manifest
    intake_script.load_questionnaire(ref)
    for lang in CLIENT_LANGS:
        intake_script.load_translation(ref, lang)
    ref.file("batch/default_mapping.yaml", ColumnMapping)
    _ = OccupationCoder.from_reference(ref).skills
    languages._offered()


LATER = (("later", _later),)
"""Built by the child alone (``warm``): a worker reads these entries from the disk cache when a
test asks for them, as the program does, without holding them for the whole run."""


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
    """Build each artefact of the committed data but the ``TRACED`` ones into ``cache``, then the
    ``LATER`` ones (which need the suggestion index of neither)."""
    os.environ["SKILLTOOL_CACHE_DIR"] = str(cache)
    os.environ.pop("SKILLTOOL_DATA_DIR", None)
    ref = ReferenceData(REPO / "data")
    for name, step in steps(shift):
        if name not in TRACED:
            build(cache, ref, name, step)
    for name, step in LATER:
        build(cache, ref, name, step)


if __name__ == "__main__":
    warm(Path(sys.argv[1]), int(sys.argv[2]))
