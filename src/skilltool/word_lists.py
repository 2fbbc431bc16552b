"""Word lists written as one string (easier to read and extend than a list literal): the
normaliser's stopwords and places, the coder's words for a worker, the irregular verbs; and the
one Dutch spelling test the word rules share (``one_vowel_closed``)."""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """The words of ``text``, as a set."""
    return frozenset(text.split())


def word_list(text: str) -> tuple[str, ...]:
    """The words of ``text`` in order (where the order is a preference on a tie)."""
    return tuple(text.split())


VOWELS = frozenset("aeiou")


def one_vowel_closed(stem: str) -> bool:
    """Whether a Dutch stem ends in one vowel and one consonant after a consonant (las, leg,
    verkop, advocat): spelling doubles that consonant after a short vowel (lasser) and writes the
    vowel twice when the syllable is open and long (verkopen -> verkoop, advocaten -> advocaat)."""
    return len(stem) >= 3 and stem[-1] not in VOWELS and stem[-2] in VOWELS and stem[-3] not in VOWELS
