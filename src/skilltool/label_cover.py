"""Pass 2 of ``LabelIndex.search`` (one title at a time): how much of the query and of each
candidate label the other covers, IDF-weighted. ``coding_batch.full_scores`` is the numpy twin
for ``search_many``; both must give the same floats, bit for bit.

A third of the benchmark's titles have one or two query terms. For them the strongest
strength of each position is kept in plain locals instead of a dict per label, and what an index
word adds to a label's coverage (its IDF times its strongest strength) is computed once per query,
not per label: those queries' pass 2 measured 25-30 % faster, all of pass 2 about 7 % (replayed on
the benchmark's 16,353 shortlists, ``docs/coding.md``, tenth speed round). The floats stay the
same: a sum of at most two terms is the same in either order, adding 0.0 changes nothing, and each
product is the one the plain loop computes (``tests/test_label_cover.py`` pins it).

With three or more terms, 84 % of the candidate labels share exactly one index word with the
query; such a label's coverage depends on that word alone, so it is computed (by the plain loop)
once per query and word and reused: those queries' pass 2 measured a quarter faster (sixteenth
speed round).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from skilltool.label_index import _Term


def coverage(
    terms: Sequence[_Term],
    weights_q: Sequence[float],
    labels: Sequence[int],
    label_tokens: Sequence[Sequence[int]],
    idf: Sequence[float],
) -> list[tuple[float, float]]:
    """Per label of ``labels``: (the weight of the query it matches, the IDF weight of the label
    the query matches). A query word counts its best strength on the label's words; a label word
    the strongest of the query words that may stand for it."""
    if len(terms) == 1:
        return _one(terms[0], weights_q[0], labels, label_tokens, idf)
    if len(terms) == 2:
        return _two(terms, weights_q, labels, label_tokens, idf)
    return _many(terms, weights_q, labels, label_tokens, idf)


_NONE = (0.0, 0.0)  # a label no query word matches


def _one(
    term: _Term,
    weight: float,
    labels: Sequence[int],
    label_tokens: Sequence[Sequence[int]],
    idf: Sequence[float],
) -> list[tuple[float, float]]:
    strongest: dict[int, float] = {}  # index word -> its strongest strength (at least 0.0)
    for tid, strength in term.expansions:
        if strength > strongest.get(tid, 0.0):
            strongest[tid] = strength
        else:
            strongest.setdefault(tid, 0.0)
    share = {tid: (top, idf[tid] * top) for tid, top in strongest.items()}
    get = share.get
    out = []
    for lid in labels:
        best = matched_label = 0.0
        for tid in label_tokens[lid]:
            found = get(tid)
            if found is not None:
                top, add = found
                if top > best:  # noqa: PLR1730 (hot loop: a call to max costs)
                    best = top
                matched_label += add
        out.append((weight * best, matched_label))
    return out


def _two(
    terms: Sequence[_Term],
    weights_q: Sequence[float],
    labels: Sequence[int],
    label_tokens: Sequence[Sequence[int]],
    idf: Sequence[float],
) -> list[tuple[float, float]]:
    strongest: dict[int, list[float]] = {}  # index word -> strongest strength at position 0 and 1
    for pos, term in enumerate(terms):
        for tid, strength in term.expansions:
            tops = strongest.get(tid)
            if tops is None:
                tops = strongest[tid] = [0.0, 0.0]
            if strength > tops[pos]:  # noqa: PLR1730 (hot loop: a call to max costs)
                tops[pos] = strength
    share = {}
    for tid, (first, second) in strongest.items():
        top = second if second > first else first
        share[tid] = (first, second, idf[tid] * top)
    get = share.get
    w0, w1 = weights_q
    out = []
    for lid in labels:
        best0 = best1 = matched_label = 0.0
        for tid in label_tokens[lid]:
            found = get(tid)
            if found is not None:
                first, second, add = found
                if first > best0:  # noqa: PLR1730 (hot loop: a call to max costs)
                    best0 = first
                if second > best1:  # noqa: PLR1730
                    best1 = second
                matched_label += add
        out.append((w0 * best0 + w1 * best1, matched_label))
    return out


def _many(
    terms: Sequence[_Term],
    weights_q: Sequence[float],
    labels: Sequence[int],
    label_tokens: Sequence[Sequence[int]],
    idf: Sequence[float],
) -> list[tuple[float, float]]:
    qmap: dict[int, list[tuple[int, float]]] = {}
    for pos, term in enumerate(terms):
        for tid, strength in term.expansions:
            qmap.setdefault(tid, []).append((pos, strength))
    solo: dict[int, tuple[float, float]] = {}  # a label with one of the query's index words only
    out = []
    for lid in labels:
        hit = -1
        tokens = label_tokens[lid]
        for tid in tokens:
            if tid in qmap:
                if hit >= 0:
                    out.append(_many_label(tokens, qmap, weights_q, idf))
                    break
                hit = tid
        else:
            if hit < 0:
                out.append(_NONE)
            else:
                found = solo.get(hit)
                if found is None:
                    found = solo[hit] = _many_label((hit,), qmap, weights_q, idf)
                out.append(found)
    return out


def _many_label(
    tokens: Sequence[int],
    qmap: dict[int, list[tuple[int, float]]],
    weights_q: Sequence[float],
    idf: Sequence[float],
) -> tuple[float, float]:
    # three or more positions: summed in the order they were first matched (the floats depend on
    # it); the plain loop: a table of strengths per position as for two measured 30 % slower here,
    # the index words' shares alone the same
    best_pos: dict[int, float] = {}
    matched_label = 0.0
    for tid in tokens:
        hits = qmap.get(tid)
        if hits is None:
            continue
        top_strength = 0.0
        for pos, strength in hits:  # plain comparisons: min/max calls cost here
            if strength > best_pos.get(pos, 0.0):
                best_pos[pos] = strength
            if strength > top_strength:  # noqa: PLR1730 (hot loop: a call to min/max costs)
                top_strength = strength
        matched_label += idf[tid] * top_strength
    matched_query = 0.0
    for pos, strength in best_pos.items():
        matched_query += weights_q[pos] * strength
    return (matched_query, matched_label)
