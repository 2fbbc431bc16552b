"""Pass 1 of the label search (``LabelIndex.search`` and ``search_many``): a query's terms and
the candidate labels to score in full (the rarer words' cached rough scores merged, the best
``CANDIDATE_LABELS`` kept, whole labels the text equals added), with the string scores and the
language factor pass 2 needs."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from skilltool.coding_weights import CANDIDATE_LABELS, NLARGEST_FROM, POSTINGS_LIMIT, ROUGH_FLOOR

if TYPE_CHECKING:
    from skilltool.label_index import LabelIndex, _Term


def _ids(found: int | tuple[int, ...] | None) -> set[int]:
    if found is None:
        return set()
    return {found} if isinstance(found, int) else set(found)


_NO_IDS: frozenset[int] = frozenset()  # a whole-label look-up that found nothing (most titles)


def _compact(words: Iterable[str]) -> str:
    return "".join(words)


@dataclass(slots=True)
class Shortlist:
    """What pass 1 of a search hands to pass 2 (the full score): the query's terms and weights, the
    candidate labels, the whole labels the text equals, the string scores and the language factor."""

    terms: list[_Term]
    weights_q: list[float]
    total: float
    top_labels: list[int]
    exact: set[int] | frozenset[int]
    exact_stem: set[int] | frozenset[int]
    string_scores: list[float]  # per candidate label ([]: left to ``search_many``)
    other_factor: float
    query_sorted: str  # the query's words sorted, for the string score


@dataclass(slots=True)
class _Query:
    """A query's terms, their weights and which of them generate candidates (pass 1's start)."""

    terms: list[_Term]
    weights_q: list[float]
    total: float
    generating: list[_Term]


def _query(index: LabelIndex, words: Sequence[str], context_from: int | None) -> _Query | None:
    """The query's terms and weights, and the terms that generate candidates (None: none does)."""
    weighted = index._query_terms(words, context_from)
    # pass 1: rough score from the rarer words; a frequent word (more than POSTINGS_LIMIT
    # labels) generates nothing, unless it is all there is; pass 2 still counts it. A workplace
    # word (factor under 1) generates only when the title has no word the index knows: else a
    # saleswoman's title that named her shop after it was searched among the shop's labels alone.
    # (One loop instead of five comprehensions, each a call of its own.)
    terms: list[_Term] = []
    weights_q: list[float] = []
    generating: list[_Term] = []
    for term, factor in weighted:
        terms.append(term)
        weights_q.append(term.weight * factor)
        if factor >= 1.0 and 0 < term.size <= POSTINGS_LIMIT:
            generating.append(term)
    total = sum(weights_q) or 1.0
    if not generating:  # the least frequent word the index knows, a said one if there is one
        live = [i for i, t in enumerate(terms) if t.size > 0]
        if not live:
            return None
        live = [i for i in live if weighted[i][1] >= 1.0] or live
        generating = [terms[min(live, key=lambda i: terms[i].size)]]
    return _Query(terms, weights_q, total, generating)


def _finish(
    index: LabelIndex,
    words: Sequence[str],
    lang: str,
    query: _Query,
    top_labels: list[int],
    *,
    strings: bool,
) -> Shortlist:
    """The shortlist from pass 1's best candidates: whole labels the text equals added, the
    string scores (``strings``) and the language factor."""
    compact = _compact(words)
    # (most titles equal no label: the look-ups that miss build no set)
    found = index.exact.get(compact)
    exact: set[int] | frozenset[int] = _NO_IDS if found is None else _ids(found)
    by_stem = index.exact_stem.get("".join(map(index.stem, words)))
    by_text = index.exact_stem.get(compact)  # the text is a label's stem (arts ~ artsen)
    exact_stem: set[int] | frozenset[int] = _NO_IDS
    if by_stem is not None or by_text is not None:
        stems = _ids(by_stem)
        stems |= _ids(by_text)
        exact_stem = stems
    if exact or exact_stem:  # a whole label always competes (most titles equal none)
        top_labels.extend((exact | exact_stem).difference(top_labels))
    query_sorted = " ".join(sorted(words))
    string_scores = [0.0] * len(top_labels) if strings else []
    if strings and top_labels:
        # the labels' strings in one C call (``itemgetter`` of one id gives the string alone)
        chosen = itemgetter(*top_labels)(index.label_sorted)
        for _, string_score, i in process.extract(  # one C loop: faster than a call per label
            query_sorted, (chosen,) if len(top_labels) == 1 else chosen, scorer=fuzz.ratio, limit=None
        ):
            string_scores[i] = string_score
    other_factor = index._other_language_factor(words, lang)
    return Shortlist(
        query.terms,
        query.weights_q,
        query.total,
        top_labels,
        exact,
        exact_stem,
        string_scores,
        other_factor,
        query_sorted,
    )


def _best(rough: dict[int, float], at_least: float = 0.0, peak: float | None = None) -> list[int]:
    """The labels to score in full: the best ``CANDIDATE_LABELS`` by rough score (the first of
    equals first: the dict's order) of those with at least ``ROUGH_FLOOR`` of the best score.
    Only the labels above the floor are sorted (most are under it): they are a prefix of the
    whole list sorted, in the same order, so the cut is the same. ``at_least``: a score that
    ``CANDIDATE_LABELS`` labels of ``rough`` are known to reach (``_kth``), a higher floor with
    the same cut; ``peak``: the best score of ``rough`` when the caller knows it (``shortlist``)."""
    if not rough:
        return []
    floor = max((max(rough.values()) if peak is None else peak) * ROUGH_FLOOR, at_least)
    # rough >= floor: a comprehension over the items (measured 25 % faster than compress(map(
    # floor.__le__, ...)), whose method-wrapper call per label costs more than the comparison)
    above = [lid for lid, score in rough.items() if score >= floor]
    if len(above) > NLARGEST_FROM:  # a heap wins over a full sort only for long lists
        return heapq.nlargest(CANDIDATE_LABELS, above, key=rough.__getitem__)
    return sorted(above, key=rough.__getitem__, reverse=True)[:CANDIDATE_LABELS]  # in C


def _kth(index: LabelIndex, term: _Term) -> float:
    """The term's ``CANDIDATE_LABELS``-th best rough score (0.0 when it has fewer labels), kept on
    the term: in a merge the other words only add to a label's score, so at least that many labels
    reach it, and ``_best`` need not sort the labels under it (a third of those over the floor)."""
    if term.kth is None:
        contrib = index._contributions(term)
        term.kth = 0.0
        if len(contrib) >= CANDIDATE_LABELS:
            term.kth = sorted(contrib.values(), reverse=True)[CANDIDATE_LABELS - 1]
    return term.kth


def _merge(index: LabelIndex, generating: Sequence[_Term]) -> tuple[dict[int, float], float]:
    """The generating words' rough scores summed per label (in the words' order: a label's place is
    where it first appears) and the best of them. The merge runs in C but for the labels the words
    share; the best score without a pass over the merged dict: the words' own best scores (kept
    on the terms) and the shared labels' sums. Rough scores are never negative, so a shared label's
    sum is at least each of its parts, and the largest of these is the merged dict's maximum."""
    rough: dict[int, float] = {}
    peak = 0.0
    for term in generating:
        contrib = index._contributions(term)
        if term.peak is None:
            term.peak = max(contrib.values(), default=0.0)
        if term.peak > peak:  # noqa: PLR1730 (a call to max costs)
            peak = term.peak
        if rough:
            both = rough.keys() & contrib.keys()
            merged = {**rough, **contrib}
            for lid in both:
                total = merged[lid] = rough[lid] + contrib[lid]
                if total > peak:  # noqa: PLR1730 (hot loop: a call to max costs)
                    peak = total
            rough = merged
        else:
            rough = contrib
    return rough, peak


def shortlist(
    index: LabelIndex, words: Sequence[str], lang: str, context_from: int | None, *, strings: bool = True
) -> Shortlist | None:
    """Pass 1 of ``search``: the query's terms and the candidate labels to score in full, with
    what their full score needs of the query (None: no query word generates a candidate).
    ``strings=False`` leaves the string scores to the caller (``search_many`` takes them for
    the whole batch in one ``rapidfuzz.process.cpdist`` call: the same scores)."""
    query = _query(index, words, context_from)
    if query is None:
        return None
    if len(query.generating) == 1:  # the word's own best labels, kept on the (cached) term
        term = query.generating[0]
        if term.top is None:
            term.top = _best(index._contributions(term))
        return _finish(index, words, lang, query, list(term.top), strings=strings)
    rough, peak = _merge(index, query.generating)
    at_least = 0.0  # the largest of the words' ``_kth`` (a loop: a generator in ``max`` costs)
    for term in query.generating:
        kth = term.kth if term.kth is not None else _kth(index, term)
        if kth > at_least:  # noqa: PLR1730 (a call to max costs)
            at_least = kth
    top_labels = _best(rough, at_least, peak)
    return _finish(index, words, lang, query, top_labels, strings=strings)
