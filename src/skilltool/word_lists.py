"""Word lists written as one string (easier to read and extend than a list literal): the
normaliser's stopwords and places, the coder's words for a worker, the irregular verbs."""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """The words of ``text``, as a set."""
    return frozenset(text.split())


def word_list(text: str) -> tuple[str, ...]:
    """The words of ``text`` in order (where the order is a preference on a tie)."""
    return tuple(text.split())
