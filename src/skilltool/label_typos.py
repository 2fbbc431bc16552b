"""Misspelt query words for ``LabelIndex._expand``: the index words one edit or a close spelling
away, found in the buckets of words of the same first letter and about the same length."""

from __future__ import annotations

from itertools import chain
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from skilltool.coding_weights import FUZZY_CUTOFF, FUZZY_LENGTH, S_PREFIX, S_STEM, S_TYPO

if TYPE_CHECKING:
    from skilltool.label_index import LabelIndex


def bucket(index: LabelIndex, word: str) -> list[str]:
    """Index words that may be a misspelling of ``word``: the same first letter, at most
    ``FUZZY_LENGTH`` letters longer or shorter."""
    buckets, first = index.buckets, word[0]
    return list(  # the buckets joined in C, in the same order
        chain.from_iterable(
            buckets.get((first, size), ())
            for size in range(len(word) - FUZZY_LENGTH, len(word) + FUZZY_LENGTH + 1)
        )
    )


def one_edit(index: LabelIndex, word: str) -> list[str]:
    """Index words one edit from ``word`` (a letter added, dropped, changed, or two swapped)."""
    return [
        m
        for m, _, _ in process.extract(
            word, bucket(index, word), scorer=OSA.distance, score_cutoff=1, limit=3
        )
    ]


def within_one_edit(word: str, other: str) -> bool:
    """``other`` is ``word`` with one letter added, dropped or changed, or two swapped (OSA)."""
    return OSA.distance(word, other, score_cutoff=1) <= 1


def add_family(index: LabelIndex, found: dict[int, float], match: str, strength: float) -> None:
    """``match`` and the index words of its stem into ``found`` at ``strength`` at least."""
    for other in [index.vocab[match], *index.by_stem.get(index.stem(match), ())]:
        if found.get(other, 0.0) < strength:
            found[other] = strength


def misspelt(index: LabelIndex, word: str, found: dict[int, float]) -> None:
    """A word nothing else matched: the close spellings' families at 0.95 x the ratio; one edit is
    a typo (*carpinter*) at the typo path's strength (weaker, the fuzzy match lost to a split into
    known parts: carp + inter)."""
    for match, score, _ in process.extract(
        word, bucket(index, word), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=3
    ):
        typo = S_TYPO if within_one_edit(word, match) else 0.0
        add_family(index, found, match, max(0.95 * score / 100.0, typo))


def typo_of_prefix(index: LabelIndex, word: str, found: dict[int, float]) -> None:
    """Only words sharing the beginning matched: a typo of one of them is what was meant
    (*schilderr*, not *schil* + *derr*, the split ``_word_terms`` tries for a weak match); one
    edit, so a compound of known parts keeps its split (*bestuurs* + *secretaris*)."""
    for match in one_edit(index, word):
        add_family(index, found, match, S_TYPO)


def typo_over_stem(index: LabelIndex, word: str, found: dict[int, float]) -> None:
    """An unknown word one edit from an index word, and not one edit from any word its stem
    matched, is a typo of that word (*beveliger* ~ beveiliger, *techer* ~ teacher), not an
    inflection of the crude stem's family (*bevel*, *tech*): the typo's family at ``S_STEM``, the
    stem's at ``S_PREFIX``. An inflection is one edit from a word of its family (*bakkers* ~
    bakker) and keeps it."""
    words = index.words
    if any(within_one_edit(word, words[t]) for t in found):
        return
    typos = one_edit(index, word)
    if not typos:
        return
    for t, strength in found.items():
        found[t] = min(strength, S_PREFIX)
    for match in typos:
        add_family(index, found, match, S_STEM)
