"""Batch: the per-row processor, the code path of ``skilltool intake`` with memoised coders.

Each worker builds it once (``ProcessorFactory``); tests inject a small fake processor instead.
"""

from __future__ import annotations

import datetime as dt
import functools
import time
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar, cast

from skilltool import answer_parsing, diplomas, profile_building, suggest
from skilltool.diplomas import DiplomaTable
from skilltool.errors import SkilltoolError
from skilltool.models import Lang, Profile
from skilltool.models.answers import IntakeAnswers
from skilltool.models.diplomas import DiplomaLookup, LookupContext
from skilltool.reference import ReferenceData


@dataclass
class Timer:
    """Seconds a worker spent per stage; the processor adds to ``coding`` and ``suggesting``."""

    coding: float = 0.0
    suggesting: float = 0.0


class RowFn(Protocol):
    """Answers -> the finished profile (coded, with suggestions), dated ``now``."""

    def __call__(self, answers: IntakeAnswers, timer: Timer, now: dt.datetime) -> Profile: ...


ProcessorFactory = Callable[[Path | None, str], RowFn]
"""(data dir, lang) -> the per-row function. Called once per worker; must be picklable."""


Stage = Callable[[Any, Timer], Any]
"""One stage of ``TwoSteps.finish``: the value the stage before gave -> the next one."""


class TwoSteps:
    """A ``RowFn`` made of two steps, coding (answers -> the coded profile) and then the
    suggestions (the coded profile -> the finished one), which the worker runs over a whole chunk
    one step at a time (``batch_worker.Worker``): called as a ``RowFn``, the two one after the other.
    ``stages``: ``finish`` cut into stages (the first takes the coded profile, the last gives the
    finished one), which the worker runs over the chunk one at a time as well; ``finish`` must be
    the same as the stages one after the other (default: ``finish`` alone)."""

    def __init__(
        self,
        code: Callable[[IntakeAnswers, Timer, dt.datetime], Profile],
        finish: Callable[[Profile, Timer], Profile],
        stages: Sequence[Stage] = (),
    ) -> None:
        self.code = code
        self.finish = finish
        self.stages: tuple[Stage, ...] = tuple(stages) or (finish,)

    def __call__(self, answers: IntakeAnswers, timer: Timer, now: dt.datetime) -> Profile:
        return self.finish(self.code(answers, timer, now), timer)


class _MemoDiplomas:
    """``diplomas.lookup`` on one table, memoised (bounded, least recently used first out):
    exports repeat the same diploma names a lot.

    ``profile_building.build_profile`` accepts a callable in place of the table; the lookup itself is the
    one in ``skilltool.diplomas``. Results are read, never changed, so sharing them is safe.
    """

    def __init__(self, table: DiplomaTable, size: int = 4096) -> None:
        def lookup(
            country: str | None, text: str, top: int, lang: str, context: LookupContext | None
        ) -> DiplomaLookup:
            return diplomas.lookup(table, country=country, text=text, top=top, lang=lang, context=context)

        self._lookup = functools.lru_cache(maxsize=size)(lookup)

    def __call__(
        self, *, country: str | None, text: str, top: int, lang: str, context: LookupContext | None
    ) -> DiplomaLookup:
        return self._lookup(country, text, top, lang, context)


_Result_co = TypeVar("_Result_co", covariant=True)
_Result = TypeVar("_Result")


class _Codes(Protocol[_Result_co]):
    """What ``MemoCoder`` wraps: the occupation or the skill coder."""

    def code(self, text: str, *, lang: str = ..., top: int = ...) -> _Result_co: ...


class MemoCoder(Generic[_Result]):
    """``coder.code`` memoised on its inputs (bounded, least recently used first out): exports
    repeat the same job titles and skills a lot. Results are read, never changed."""

    def __init__(self, coder: _Codes[_Result], size: int = 4096) -> None:
        def code(text: str, lang: str, top: int) -> _Result:
            return coder.code(text, lang=lang, top=top)

        self._code = functools.lru_cache(maxsize=size)(code)

    def code(self, text: str, *, lang: str = "nl", top: int = 5) -> _Result:
        return self._code(text, lang, top)


WARM_UP = {
    "personal": {"client_ref": "warm-up", "country_of_origin": "SY"},
    "languages": {"mother_tongues": ["Arabisch"], "dutch_cefr": "A2"},
    "education": [{"qualification": "Baccalaureate", "country": "SY", "completed": True}],
    "work": [{"title": "lasser", "country": "SY", "years": 6}],
    "skills": {"free_text": ["lassen"]},
    "wishes": {"hours_per_week": 24, "sectors": ["techniek"]},
}
"""One made-up intake run before the workers fork, so that the data every row needs (suggestion
index, skills, both coders, country names...) is loaded once and shared, not loaded again in each
worker. It has a free-text skill so that the skill coder (~130 MB) is among them."""


def standard_processor(data_dir: Path | None, lang: str, *, fit: bool = True) -> RowFn:
    """The intake command's code path: ``profile_building.build_profile``, then ``add_suggestions``.

    These are the two steps of ``profile_building.complete_profile`` (what ``skilltool intake`` runs),
    called one by one so the time of each can be measured. The coders and tables are built once
    per worker from the compiled-data cache; repeated titles and skills hit ``MemoCoder`` and
    repeated diploma names ``_MemoDiplomas``. ``fit=False``: the suggestions' ``fit`` sentences
    are not worded (``table_processor``).
    """
    ref = ReferenceData(data_dir)
    coders = profile_building.Coders(ref)
    coders.occupation.preload()  # before the workers fork, so that they share it
    # ESCO's occupation records are not loaded: a row needs only the suggestion index (the own
    # trade's optional skills are in it), so neither the parent nor a worker holds them (~30 MB)
    occupation, skill = MemoCoder(coders.occupation), MemoCoder(coders.skill)
    diplomas = _MemoDiplomas(coders.diplomas) if coders.diplomas is not None else None

    def code(answers: IntakeAnswers, timer: Timer, now: dt.datetime) -> Profile:
        t0 = time.perf_counter()
        profile = profile_building.build_profile(
            answers,
            ref=ref,
            coder=occupation,
            diplomas=diplomas,
            skill_coder=skill,
            lang=lang,
            now=now,
            today=now.date(),
        )
        timer.coding += time.perf_counter() - t0
        return profile

    # ``add_suggestions`` in the stages of ``suggest.planned`` (the person, the ranking, the
    # suggestions, the own trade, the plan), which the worker runs over a chunk one at a time
    # (docs/scale.md, scale27); ``finish`` runs them one after the other
    texts: Lang = "en" if lang == "en" else "nl"

    def person(profile: Profile) -> suggest.Planning:
        return suggest.Planning(profile, ref=ref, top=10, sector=None, lang=texts, fit=fit)

    def last(st: suggest.Planning) -> Profile:
        return profile_building.with_planned(st.profile, suggest.plan_steps(st), lang)

    stages = [_timed(stage) for stage in (person, *suggest.PLAN_STAGES, last)]

    def finish(profile: Profile, timer: Timer) -> Profile:
        value: Any = profile
        for stage in stages:
            value = stage(value, timer)
        return cast(Profile, value)

    run = TwoSteps(code, finish, stages)
    with suppress(SkilltoolError, ValueError):  # dropped; it only loads what a row needs
        run(answer_parsing.answers_from_mapping(WARM_UP), Timer(), dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    return run


def _timed(stage: Callable[[Any], Any]) -> Stage:
    """``stage`` with its time added to the worker's suggesting seconds."""

    def run(value: Any, timer: Timer) -> Any:
        t = time.perf_counter()
        out = stage(value)
        timer.suggesting += time.perf_counter() - t
        return out

    return run


def table_processor(data_dir: Path | None, lang: str) -> RowFn:
    """``standard_processor`` for ``--format parquet`` and for a research export (``--pseudonymise``):
    the same profiles except the suggestions' ``fit`` sentences, which neither stores (no table
    has them, ``batch_rows``; a research copy keeps codes only, ``batch_research``;
    ``Suggestion.fit`` is read by the ``suggest`` command and whole profiles in JSON Lines).
    Wording them was some 4% of a row's CPU."""
    return standard_processor(data_dir, lang, fit=False)
