"""``suggest.planned`` cut into stages (``suggest.Planning``, ``PLAN_STAGES``, ``plan_steps``), which a
batch worker runs over a whole chunk one stage at a time: each profile gets what ``planned`` gives it
alone, whatever the other profiles of the chunk did in between (the memos are caches only)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel

from skilltool import answer_parsing, batch_processor, profile_building, profile_files, suggest
from skilltool.batch_processor import Timer
from skilltool.models import Lang, Profile
from skilltool.reference import ReferenceData

from .conftest import REPO
from .test_batch_table_processor import INTAKE
from .test_suggest_shared_parts import PERSONAS, _ref


def _dump(model: BaseModel) -> bytes:
    return model.__pydantic_serializer__.to_json(model)


def _planned_json(result: suggest.Planned) -> list[list[bytes]]:
    return [[_dump(s) for s in part] for part in (result.suggestions, result.own_trade, result.next_steps)]


def test_stage_by_stage_over_many_profiles_gives_what_each_gets_alone() -> None:
    """Every stage over the personas before the next (on a reference of its own, its memos filled
    in that order) gives each persona the suggestions, own trade, plan and empty slots that
    ``planned`` gives it called alone, in both languages, with and without ``fit``."""
    profiles = [profile_files.read_profile(path) for path in PERSONAS[::10]]
    staged_ref = ReferenceData(REPO / "data")
    combinations: list[tuple[Lang, bool]] = [("nl", True), ("nl", False), ("en", True)]
    for lang, fit in combinations:
        alone = [suggest.planned(p, ref=_ref(), lang=lang, fit=fit) for p in profiles]
        states = [
            suggest.Planning(p, ref=staged_ref, top=10, sector=None, lang=lang, fit=fit) for p in profiles
        ]
        for stage in suggest.PLAN_STAGES:
            states = [stage(st) for st in states]
        staged = [suggest.plan_steps(st) for st in states]
        for one, other in zip(alone, staged, strict=True):
            assert _planned_json(other) == _planned_json(one)
            assert other.empty == one.empty


def test_the_processor_stages_give_add_suggestions(tiny_data: Path) -> None:
    """The standard processor's stages one after the other (what the worker runs over a chunk, each
    stage over every row before the next) give the profile its ``finish`` and ``add_suggestions``
    give, in the intake command's path and in the Parquet one (no ``fit``)."""
    answers = answer_parsing.answers_from_mapping(INTAKE)
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    for fit in (True, False):
        run = batch_processor.standard_processor(tiny_data, "nl", fit=fit)
        assert isinstance(run, batch_processor.TwoSteps)
        assert len(run.stages) == len(suggest.PLAN_STAGES) + 2
        profile = run.code(answers, Timer(), now)
        staged: object = profile
        for stage in run.stages:
            staged = stage(staged, Timer())
        assert isinstance(staged, Profile)
        expected = profile_building.add_suggestions(profile, ref=ReferenceData(tiny_data), fit=fit)
        assert _dump(staged) == _dump(expected) == _dump(run.finish(profile, Timer()))
        assert staged.suggestions and staged.next_steps
