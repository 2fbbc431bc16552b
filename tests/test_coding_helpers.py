"""The helper of a building trade is a building construction labourer (ISCO-08 9313), not the
trade (``coding_helpers``). Made-up answers in the intake's style; the coder on the committed data."""

from __future__ import annotations

import functools

import pytest

from skilltool import coding_helpers
from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData
from tests.test_occupations_props import REPO_DATA

_ISCOS = ["7115", "9311", "9412", "9313"]  # a carpenter, a miner's labourer, a kitchen's, a group
_GROUP_OF = {"9313": 3}


def test_a_trade_led_by_its_helper_yields_to_the_labourers() -> None:
    hits = [(0, 56.0, 10), (1, 39.0, 11)]
    moved = coding_helpers.helper_of_a_trade(hits, True, "hulp timmerman", _ISCOS, _GROUP_OF)
    assert moved == [(3, 56.0, -1), (0, 56.0, 10)]  # the group's concept, as long as the list


@pytest.mark.parametrize(
    ("hits", "flagged", "normalized"),
    [
        ([(0, 56.0, 10)], False, "hulp timmerman"),  # unflagged: a whole label said
        ([(0, 56.0, 10)], True, "leerling timmerman"),  # an apprentice is the trade's own
        ([(0, 56.0, 10)], True, "timmerman"),
        ([(0, 56.0, 10)], True, "hulp timmerman bij een aannemer in de stad"),  # more than the trade
        ([(2, 60.0, 12)], True, "hulp keuken"),  # no building trade leads
        ([], True, "hulp timmerman"),
    ],
)
def test_other_rankings_are_unchanged(
    hits: list[tuple[int, float, int]], flagged: bool, normalized: str
) -> None:
    assert coding_helpers.helper_of_a_trade(hits, flagged, normalized, _ISCOS, _GROUP_OF) == hits


@functools.cache
def _coder() -> OccupationCoder:
    return OccupationCoder.from_reference(ReferenceData(REPO_DATA))


@pytest.mark.parametrize(
    ("text", "lang"),
    [("hulp bij de timmerman", "nl"), ("stukadoorshulp", "nl"), ("helper to a tiler", "en")],
)
def test_a_helper_of_a_building_trade_is_a_labourer(text: str, lang: str) -> None:
    result = _coder().code(text, lang=lang)
    assert result.candidates[0].isco == "9313"
    assert result.needs_review  # a helper may have been an apprentice: asked


def test_an_apprentice_keeps_the_trade() -> None:
    assert _coder().code("leerling timmerman", lang="nl").candidates[0].isco == "7115"
