"""``textnorm``: the stemmer (Snowball's Dutch stemmer, then the project's agent endings)."""

from __future__ import annotations

import pytest

from skilltool import textnorm


@pytest.mark.parametrize(
    ("word", "key"),
    [("arts", "arts"), ("artsen", "arts"), ("kunst", "kunst"), ("kapster", "kap"), ("kappers", "kap")],
)
def test_stem_keeps_arts_a_doctor(word: str, key: str) -> None:
    """*arts* (doctor) keeps its s and shares its key with *artsen* (regression: the hand-written
    stemmer cut every final s, so *arts* became *art*)."""
    assert textnorm.stem(word) == key


def test_stem_keeps_digits_and_short_words() -> None:
    """Words with digits and words of three letters or fewer are their own key."""
    assert textnorm.stem("c1") == "c1" and textnorm.stem("bus") == "bus"
    assert textnorm.stem("mbo4") == "mbo4"
