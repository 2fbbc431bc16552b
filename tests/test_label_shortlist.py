"""Pass 1 of the label search (``label_shortlist``): the labels it keeps for full scoring are
exactly those of the plain definition (merge the generating words' rough scores in word order,
sort the whole list with the first of equals first, keep the best ``CANDIDATE_LABELS`` that
reach ``ROUGH_FLOOR`` of the best), whichever shortcut computes them (the floor applied before
the sort, a word's own list kept on its cached term)."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from typing import cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltool import label_shortlist
from skilltool.coding_weights import CANDIDATE_LABELS, ROUGH_FLOOR
from skilltool.label_index import LabelIndex, _Term
from skilltool.label_shortlist import _best, _merge, _query, shortlist

# few distinct values so that ties are common: the order among equals is what can go wrong
_SCORES = st.sampled_from([0.1, 0.25, 0.4, 0.5, 1.0, 1.0 / 3.0, 2.0 / 3.0, 0.7, 0.9, 1.2])


def _plain_best(rough: dict[int, float], cut: int = CANDIDATE_LABELS) -> list[int]:
    """The definition ``_best`` must keep: the whole dict sorted (stable), cut, then the floor."""
    ordered = sorted(rough, key=rough.__getitem__, reverse=True)
    floor = rough[ordered[0]] * ROUGH_FLOOR if ordered else 0.0
    return [lid for lid in ordered[:cut] if rough[lid] >= floor]


@given(st.dictionaries(st.integers(0, 5_000), _SCORES, max_size=1_500))
@settings(max_examples=200, deadline=None)
def test_best_is_the_whole_sort_cut_and_floored(rough: dict[int, float]) -> None:
    """``_best`` (floor first, then a sort or a heap of what is left) keeps the same labels in
    the same order as sorting the whole rough list, for any scores and ties."""
    assert _best(rough) == _plain_best(rough)
    # the heap (long lists) agrees with the sort on ties too, as ``heapq.nlargest`` is documented to
    assert heapq.nlargest(CANDIDATE_LABELS, rough, key=rough.__getitem__) == _plain_best_uncut(rough)


@given(st.dictionaries(st.integers(0, 5_000), _SCORES, max_size=300), st.integers(0, 400))
@settings(max_examples=200, deadline=None)
def test_best_with_a_known_least_score_is_the_same(rough: dict[int, float], below: int) -> None:
    """``_best(rough, at_least)`` with any ``at_least`` that ``CANDIDATE_LABELS`` labels reach (the
    merge's ``_kth``: the best term's own cut) keeps the same labels in the same order."""
    ordered = sorted(rough.values(), reverse=True)
    if len(ordered) >= CANDIDATE_LABELS:
        reached = ordered[CANDIDATE_LABELS - 1 + min(below, len(ordered) - CANDIDATE_LABELS)]
        assert _best(rough, reached) == _plain_best(rough)
    assert _best(rough, 0.0) == _plain_best(rough)


def _plain_best_uncut(rough: dict[int, float]) -> list[int]:
    return sorted(rough, key=rough.__getitem__, reverse=True)[:CANDIDATE_LABELS]


_WORDS = [
    "las",
    "lasser",
    "bank",
    "bakker",
    "brood",
    "kok",
    "hulp",
    "chef",
    "zorg",
    "monteur",
    "auto",
    "fiets",
]


def _index() -> LabelIndex:
    """A small index whose labels share words a lot (many equal rough scores)."""
    labels = [
        "lasser",
        "hulp lasser",
        "bakker",
        "brood bakker",
        "bakker hulp",
        "kok",
        "hulp kok",
        "chef kok",
        "zorg hulp",
        "auto monteur",
        "fiets monteur",
        "monteur",
        "bank medewerker",
        "brood",
        "zorg chef",
        "las monteur",
    ]
    entries = [(i % 9, text, 1.0, "nl" if i % 3 else "en") for i, text in enumerate(labels)]
    entries += [
        (9 + i, f"{a} {b}", 1.0, "nl") for i, (a, b) in enumerate(zip(_WORDS, _WORDS[3:], strict=False))
    ]
    return LabelIndex(entries)


def _plain_shortlist(
    index: LabelIndex, words: Sequence[str], cut: int = CANDIDATE_LABELS
) -> list[int] | None:
    """Pass 1's candidates as the loop before the shortcuts computed them (without whole labels)."""
    query = _query(index, words, None)
    if query is None:
        return None
    rough: dict[int, float] = {}
    for term in query.generating:
        for lid, value in index._contributions(term).items():
            rough[lid] = rough[lid] + value if lid in rough else value
    return _plain_best(rough, cut)


@given(
    st.lists(st.lists(st.sampled_from([*_WORDS, "onbekend", "lassers"]), min_size=1, max_size=4), max_size=30)
)
@settings(max_examples=100, deadline=None)
def test_shortlist_candidates_match_the_plain_merge(queries: list[list[str]]) -> None:
    """Over one index (so the per-word caches, the kept lists included, are reused between
    queries), every query's candidates are the plain merge's, in the same order, then the whole
    labels the text equals."""
    index = _index()
    for words in queries:
        plain = _plain_shortlist(index, words)
        short = shortlist(index, words, "nl", None)
        if plain is None:
            assert short is None
            continue
        assert short is not None
        assert short.top_labels[: len(plain)] == plain
        assert set(short.top_labels[len(plain) :]) == (short.exact | short.exact_stem) - set(plain)


@given(
    st.lists(st.lists(st.sampled_from([*_WORDS, "onbekend", "lassers"]), min_size=1, max_size=4), max_size=30)
)
@settings(max_examples=100, deadline=None)
def test_shortlist_with_a_short_cut_matches_the_plain_merge(queries: list[list[str]]) -> None:
    """With a cut of two labels (so a word has more labels than the cut and a merge's floor is
    raised to the best word's own second score, ``_kth``), every query's candidates are still
    the plain merge's, in the same order."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(label_shortlist, "CANDIDATE_LABELS", 2)
        index = _index()
        for words in queries:
            plain = _plain_shortlist(index, words, cut=2)
            short = shortlist(index, words, "nl", None)
            assert (short is None) == (plain is None)
            if short is not None and plain is not None:
                assert short.top_labels[: len(plain)] == plain


class _Contributions:
    """An index stand-in whose terms carry their rough scores already (``_merge`` asks for them)."""

    def _contributions(self, term: _Term) -> dict[int, float]:
        assert term.contrib is not None
        return term.contrib


@given(
    st.lists(st.dictionaries(st.integers(0, 300), _SCORES, min_size=1, max_size=120), min_size=2, max_size=4),
    st.booleans(),
)
@settings(max_examples=200, deadline=None)
def test_merge_keeps_the_plain_sums_order_and_best_score(words: list[dict[int, float]], twice: bool) -> None:
    """``_merge`` sums the words' rough scores in the plain loop's order (a label where it first
    appears) and returns their maximum without a pass over the merged dict (each word's own best,
    kept on its term, and the shared labels' sums), also for a word given twice."""
    terms = [_Term(1.0, [], 1, contrib=dict(scores)) for scores in words]
    if twice:
        terms.append(terms[0])
    plain: dict[int, float] = {}
    for term in terms:
        assert term.contrib is not None
        for lid, value in term.contrib.items():
            plain[lid] = plain[lid] + value if lid in plain else value
    rough, peak = _merge(cast(LabelIndex, _Contributions()), terms)
    assert list(rough.items()) == list(plain.items())
    assert peak == max(plain.values())
    assert _best(rough, 0.0, peak) == _plain_best(plain)
