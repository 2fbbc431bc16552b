"""Pass 1 of the label search (``LabelIndex.search`` and ``search_many``): a query's terms and
the candidate labels to score in full (the rarer words' cached rough scores merged, the best
``CANDIDATE_LABELS`` kept, whole labels the text equals added), with the string scores and the
language factor pass 2 needs."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from skilltool.coding_weights import CANDIDATE_LABELS, NLARGEST_FROM, POSTINGS_LIMIT, ROUGH_FLOOR

if TYPE_CHECKING:
    from skilltool.label_index import LabelIndex, _Term


def _ids(found: int | tuple[int, ...] | None) -> set[int]:
    if found is None:
        return set()
    return {found} if isinstance(found, int) else set(found)


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
    exact: set[int]
    exact_stem: set[int]
    string_scores: list[float]  # per candidate label ([]: left to ``search_many``)
    other_factor: float
    query_sorted: str  # the query's words sorted, for the string score


def shortlist(
    index: LabelIndex, words: Sequence[str], lang: str, context_from: int | None, *, strings: bool = True
) -> Shortlist | None:
    """Pass 1 of ``search``: the query's terms and the candidate labels to score in full, with
    what their full score needs of the query (None: no query word generates a candidate).
    ``strings=False`` leaves the string scores to the caller (``search_many`` takes them for
    the whole batch in one ``rapidfuzz.process.cpdist`` call: the same scores)."""
    weighted = index._query_terms(words, context_from)
    terms = [term for term, _ in weighted]
    weights_q = [term.weight * factor for term, factor in weighted]
    total = sum(weights_q) or 1.0
    # pass 1: rough score from the rarer words; a frequent word (more than POSTINGS_LIMIT
    # labels) generates nothing, unless it is all there is; pass 2 still counts it
    rare = [0 < t.size <= POSTINGS_LIMIT and f >= 1.0 for t, (_, f) in zip(terms, weighted, strict=True)]
    if not any(rare):
        live = [i for i, t in enumerate(terms) if t.size > 0]
        if not live:
            return None
        rare[min(live, key=lambda i: terms[i].size)] = True
    # merging the words' cached contributions runs in C but for the labels they share
    rough: dict[int, float] = {}
    for term, generating in zip(terms, rare, strict=True):
        if not generating:
            continue
        contrib = index._contributions(term)
        if rough:
            both = rough.keys() & contrib.keys()
            merged = {**rough, **contrib}
            for lid in both:
                merged[lid] = rough[lid] + contrib[lid]
            rough = merged
        else:
            rough = contrib
    if len(rough) > NLARGEST_FROM:  # a heap wins over a full sort only for long lists
        ordered = heapq.nlargest(CANDIDATE_LABELS, rough, key=rough.__getitem__)
    else:
        ordered = sorted(rough, key=rough.__getitem__, reverse=True)  # in C
    floor = rough[ordered[0]] * ROUGH_FLOOR if ordered else 0.0
    top_labels = [lid for lid in ordered[:CANDIDATE_LABELS] if rough[lid] >= floor]
    compact = _compact(words)
    exact = _ids(index.exact.get(compact))
    exact_stem = _ids(index.exact_stem.get(_compact(index._stem(w) for w in words)))
    exact_stem |= _ids(index.exact_stem.get(compact))  # the text is a label's stem (arts ~ artsen)
    top_labels.extend((exact | exact_stem).difference(top_labels))  # a whole label always competes
    query_sorted = " ".join(sorted(words))
    string_scores = [0.0] * len(top_labels) if strings else []
    if strings:
        label_sorted = index.label_sorted
        for _, string_score, i in process.extract(  # one C loop: faster than a call per label
            query_sorted, [label_sorted[lid] for lid in top_labels], scorer=fuzz.ratio, limit=None
        ):
            string_scores[i] = string_score
    other_factor = index._other_language_factor(words, lang)
    return Shortlist(
        terms, weights_q, total, top_labels, exact, exact_stem, string_scores, other_factor, query_sorted
    )
