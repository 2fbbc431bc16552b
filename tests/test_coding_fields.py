"""A secretary said in a legal or a medical workplace codes to ISCO-08's specialised
secretaries (3342, 3344), on the committed data (``coding_fields``). The wording is this test's
own, none taken from the gold sets."""

from __future__ import annotations

import functools

import pytest

from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData
from tests.test_occupations_props import REPO_DATA


@functools.cache
def _coder() -> OccupationCoder:
    return OccupationCoder.from_reference(ReferenceData(REPO_DATA))


@pytest.mark.parametrize(
    ("text", "lang", "isco"),
    [
        ("secretaresse bij een notaris", "nl", "3342"),
        ("secretaresse op de rechtbank", "nl", "3342"),
        ("secretary at an attorney's office", "en", "3342"),
        ("secretaresse in het ziekenhuis", "nl", "3344"),
        ("secretaresse tandartspraktijk", "nl", "3344"),
        ("secretary at a medical clinic", "en", "3344"),
        ("secretaresse bij een bouwbedrijf", "nl", "4120"),  # no field said: the general group
        ("secretaresse", "nl", "4120"),
    ],
)
def test_a_secretary_in_a_legal_or_medical_workplace(text: str, lang: str, isco: str) -> None:
    result = _coder().code(text, lang=lang)
    assert result.candidates[0].isco == isco, result.candidates[:3]
    assert _coder().code_many([text, "lasser"], lang=lang)[0] == result
