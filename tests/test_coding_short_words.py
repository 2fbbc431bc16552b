"""A short word said alone that no label is (``occupation_review.review_title``): matched by its
stem only ("car" shares one with "carer", a carer at home came first, unchecked), it is flagged;
a short label or alias itself ("kok", "vet") is not."""

from __future__ import annotations

import functools

import pytest

from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData
from tests.test_occupations_props import REPO_DATA


@functools.cache
def _coder() -> OccupationCoder:
    return OccupationCoder.from_reference(ReferenceData(REPO_DATA))


@pytest.mark.parametrize(("text", "lang"), [("car", "en"), ("cab", "en"), ("car", "nl")])
def test_a_short_word_matched_by_its_stem_is_flagged(text: str, lang: str) -> None:
    assert _coder().code(text, lang=lang).needs_review


@pytest.mark.parametrize(("text", "lang", "isco"), [("kok", "nl", "5120"), ("vet", "en", "2250")])
def test_a_short_label_or_alias_is_not(text: str, lang: str, isco: str) -> None:
    result = _coder().code(text, lang=lang)
    assert result.candidates[0].isco == isco and not result.needs_review
