"""A professional's level in doubt (``coding_level``): a ranking led by ISCO-08 major group 2 is
flagged when the answer says the work was done without a diploma or training, or (health work)
was traditional or informal. Made-up answers in the intake's style; the coder on the committed data."""

from __future__ import annotations

import functools

import pytest

from skilltool import coding_level
from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData
from tests.test_occupations_props import REPO_DATA


@pytest.mark.parametrize(
    ("normalized", "isco", "doubt"),
    [
        ("verloskundige zonder diploma", "2222", True),
        ("tandarts in het dorp geen diploma", "2261", True),
        ("self taught programmer", "2512", True),
        ("traditionele genezer", "2230", True),
        ("informele taaldocent", "2353", False),  # a kind of teaching, not a level
        ("traditionele dansdocent", "2355", False),
        ("informele genezer", "2230", True),  # health work: traditional or informal is a level
        ("apotheker zonder erkenning in nederland", "2262", True),  # the Dutch recognition not yet had
        ("verloskundige zonder diploma", "3222", False),  # not a professional's group: no doubt to add
        ("lasser zonder diploma", "7212", False),
        ("verloskundige 10 jaar", "2222", False),
        ("diploma verloskunde", "2222", False),  # a diploma said, not its absence
        ("untrained but experienced", "2652", True),  # a word is enough: the safe side is a flag
    ],
)
def test_words_that_put_the_level_in_doubt(normalized: str, isco: str, doubt: bool) -> None:
    assert coding_level.level_in_doubt(normalized, isco) is doubt


@pytest.mark.parametrize(
    ("text", "isco", "doubt"),
    [
        ("verloskundige, 2-jarige opleiding", "2222", True),  # an associate's schooling
        ("nurse (diploma 2 yrs)", "2221", True),
        ("docent, opleiding van een jaar", "2330", True),
        ("apotheker na een cursus van 6 maanden", "2262", True),
        ("two-year nursing course, then the ward", "2221", True),
        ("verpleegkundige 2-jarige verpleegopleiding", "2221", True),  # a compound of a training
        ("ingenieur, 4 jaar studie", "2142", False),  # a degree's length
        ("engineer, 3-year diploma", "2144", False),
        ("verpleegkundige 2 jaar in het ziekenhuis", "2221", False),  # two years of work
        ("docent engels 2 jaar, opleiding in Damascus", "2330", False),  # across a comma
        ("arts, 2 jaar gewerkt na de studie", "2211", False),
        ("lasser, 2-jarige opleiding", "7212", False),  # not a professional's group
    ],
)
def test_a_short_training_puts_the_level_in_doubt(text: str, isco: str, doubt: bool) -> None:
    assert coding_level.level_in_doubt("", isco, text) is doubt


@functools.cache
def _coder() -> OccupationCoder:
    return OccupationCoder.from_reference(ReferenceData(REPO_DATA))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("verloskundige in een dorp, zonder diploma", "nl"),
        ("tandarts, nooit een diploma gehaald", "nl"),
        ("pharmacist without a degree, learned in the family shop", "en"),
    ],
)
def test_a_professional_without_a_diploma_is_flagged(text: str, lang: str) -> None:
    result = _coder().code(text, lang=lang)
    assert result.candidates and result.candidates[0].isco.startswith("2")
    assert result.needs_review  # the level is the caseworker's question


@pytest.mark.parametrize(
    ("text", "lang"), [("verloskundige", "nl"), ("tandarts", "nl"), ("pharmacist", "en")]
)
def test_the_same_title_alone_is_unchanged(text: str, lang: str) -> None:
    result = _coder().code(text, lang=lang)
    assert result.candidates[0].isco.startswith("2") and not result.needs_review
