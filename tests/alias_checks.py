"""Checks shared by the tests of the curated client-language aliases (tests/test_coding_aliases_*.py):
a word codes to its occupation's unit group asked in Dutch or in English, a word to ask stays
flagged, and every alias of a set of languages, coded alone, leads with its own occupation."""

from __future__ import annotations

import functools
from collections.abc import Callable

from skilltool.models.coding import OccupationAlias
from skilltool.occupation_data import load_aliases
from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData
from tests.test_occupations_props import REPO_DATA


@functools.cache
def coder() -> OccupationCoder:
    return OccupationCoder.from_reference(ReferenceData(REPO_DATA))


def assert_codes_to(text: str, isco: str, *, flagged: bool = False) -> None:
    """``text`` leads with unit group ``isco`` in Dutch and in English; flagged too when asked."""
    for lang in ("nl", "en"):
        result = coder().code(text, lang=lang)
        assert result.candidates[0].isco == isco, (lang, result.candidates[:3])
        assert result.needs_review or not flagged, lang


def aliases_of(keep: Callable[[OccupationAlias], bool]) -> list[OccupationAlias]:
    """The curated aliases ``keep`` selects."""
    return [alias for alias in load_aliases(ReferenceData(REPO_DATA)).aliases if keep(alias)]


def miscoded(aliases: list[OccupationAlias]) -> list[tuple[str, str, bool]]:
    """Those of ``aliases`` that, coded alone (Dutch), do not lead with their own occupation's unit
    group, or are marked ``ask`` and go unflagged: (alias, the group it led with, flagged)."""
    isco_of = {o.uri: o.isco for o in ReferenceData(REPO_DATA).occupations.occupations}
    wrong = []
    for alias in aliases:
        result = coder().code(alias.alias, lang="nl")
        if result.candidates[0].isco != isco_of[alias.uri] or (alias.ask and not result.needs_review):
            wrong.append((alias.alias, result.candidates[0].isco, result.needs_review))
    return wrong
