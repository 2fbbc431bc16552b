"""Pass 2 of the label search for many queries at once: ``LabelIndex.search_many`` (numpy).

``LabelIndex.search`` scores a query's ~50 candidate labels in a Python loop (about a third of
the time of coding a title). Here the candidate labels of a whole batch of queries are scored
with a few dozen numpy calls for the batch, not per title: numpy's cost per call is paid once
per batch. The answers are the same as ``search``'s, to the last bit: every sum is taken in the
order the loop takes it (``np.bincount`` adds its weights in input order, starting from 0.0, as
the loop does), the maxima are exact, the two powers are Python's own, and the ranking sorts on
the same keys. ``tests/test_coding_batch.py`` pins that on generated titles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz, process

from skilltool.coding_weights import (
    AGGREGATE,
    EXACT_STEM_SCORE,
    FUZZ_BLEND,
    L_EXP,
    LANG_BITS,
    LANG_BONUS,
    PRIOR,
    Q_EXP,
)

if TYPE_CHECKING:
    from skilltool.label_index import Hit, LabelIndex, _Term
    from skilltool.label_shortlist import Shortlist


@dataclass
class IndexArrays:
    """The label index as numpy arrays (built once per process, on the first batch)."""

    tok_ptr: np.ndarray  # label id -> start of its words in tok_flat (CSR)
    tok_flat: np.ndarray  # the labels' word ids, label after label
    idf: np.ndarray
    label_weight: np.ndarray
    kind: np.ndarray
    concept: np.ndarray
    lang_id: np.ndarray  # per label: its language's number in ``langs``
    langs: dict[str, int]
    prior: np.ndarray
    vocab_size: int


def index_arrays(index: LabelIndex) -> IndexArrays:
    """``index``'s lists as numpy arrays, for ``full_scores``."""
    lengths = np.fromiter((len(t) for t in index.label_tokens), dtype=np.int64, count=len(index.label_tokens))
    tok_ptr = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=tok_ptr[1:])
    tok_flat = np.fromiter(chain.from_iterable(index.label_tokens), dtype=np.int64, count=int(tok_ptr[-1]))
    langs: dict[str, int] = {}
    lang_id = np.fromiter(
        (langs.setdefault(x, len(langs)) for x in index.label_lang),
        dtype=np.int64,
        count=len(index.label_lang),
    )
    return IndexArrays(
        tok_ptr=tok_ptr,
        tok_flat=tok_flat,
        idf=np.asarray(index.idf, dtype=np.float64),
        label_weight=np.asarray(index.label_weight, dtype=np.float64),
        kind=np.asarray(index.label_kind, dtype=np.float64),
        concept=np.asarray(index.label_concept, dtype=np.int64),
        lang_id=lang_id,
        langs=langs,
        prior=np.asarray(index.concept_prior, dtype=np.float64),
        vocab_size=max(len(index.words), 1),
    )


def _term_arrays(term: _Term) -> tuple[np.ndarray, np.ndarray]:
    """A query term's expansions as (word ids, strengths), kept on the (cached) term."""
    if term.arrays is None:
        term.arrays = (
            np.array([t for t, _ in term.expansions], dtype=np.int64),
            np.array([s for _, s in term.expansions], dtype=np.float64),
        )
    return term.arrays


def spans(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The indices start, start+1, ..., start+length-1 of each (start, length) span, the spans
    one after another (a length of 0 gives nothing): the rows of a CSR layout's entries, as
    ``np.concatenate([np.arange(s, s + n) for s, n in zip(starts, lengths)])`` without the loop.
    Every numpy batch of the coders expands its spans with it (the label search's words and
    matches here, the n-gram rows of ``ngram_scorer``, the label rows of ``embedding_scorer``)."""
    ends = lengths.cumsum()
    total = int(ends[-1]) if len(ends) else 0
    out: np.ndarray = (starts - (ends - lengths)).repeat(lengths) + np.arange(total, dtype=np.int64)
    return out


def _power(values: np.ndarray, exponent: float) -> np.ndarray:
    """``pow(v, exponent)`` of each value (0 to 1) by Python's own power, the loop's. Its exact
    cases need no call: ``pow(v, 1.0)`` is ``v``, ``pow(1.0, y)`` is 1.0 and ``pow(0.0, y)`` is
    0.0 for a positive ``y`` (a fully matched label, a word nobody matched)."""
    if exponent == 1.0:
        return values
    if exponent <= 0.0:
        return np.array(list(map(pow, values.tolist(), repeat(exponent, len(values)))), dtype=np.float64)
    out = values.copy()
    inner = np.flatnonzero((values > 0.0) & (values < 1.0))
    out[inner] = list(map(pow, values[inner].tolist(), repeat(exponent, len(inner))))
    return out


def _dense_rank(values: np.ndarray) -> np.ndarray:
    """Each value's place among the distinct values (equal values, also 0.0 and -0.0, one place)."""
    order = np.argsort(values)  # unstable is enough: equal values get one rank
    ranks = np.empty(len(values), dtype=np.int64)
    ranks[order] = np.cumsum(np.concatenate(([0], values[order][1:] != values[order][:-1])))
    return ranks


def argsort_distinct(values: np.ndarray, size: int) -> np.ndarray:
    """``np.argsort(values)`` for distinct integers ``0 <= v < size``: each index put at its value's
    place, then read in order (linear, no sort: 0.5 against 5.3 ms for 100,000 of 120,000)."""
    at = np.full(size, -1, dtype=np.int64)
    at[values] = np.arange(len(values), dtype=np.int64)
    return at[at >= 0]


def lexsort3(third: np.ndarray, second: np.ndarray, first: np.ndarray) -> np.ndarray:
    """``np.lexsort((third, second, first))`` (``first`` integers 0 and up): the two float keys as
    dense ranks and one stable sort of one integer key, 5.5 against 3.9 ms for 25,000 rows."""
    if not len(first):
        return np.zeros(0, dtype=np.int64)
    r2, r3 = _dense_rank(second), _dense_rank(third)
    n2, n3 = int(r2.max()) + 1, int(r3.max()) + 1
    if (int(first.max()) + 1) * n2 * n3 >= 1 << 62:  # (a key this wide would not fit in 64 bits)
        return np.lexsort((third, second, first))
    return np.argsort((first.astype(np.int64) * n2 + r2) * n3 + r3, kind="stable")


def full_scores(
    arrays: IndexArrays,
    shortlists: Sequence[Shortlist],
    label_sorted: Sequence[str],
    *,
    lang: str,
    limit: int,
) -> list[list[Hit]]:
    """``LabelIndex.search``'s pass 2 and ranking for each shortlist, in one batch. The string
    scores of all candidates come from one ``rapidfuzz.process.cpdist`` call (the same
    ``fuzz.ratio`` values that ``search`` takes from ``process.extract``, as float64)."""
    n = len(shortlists)
    if not n:
        return []
    label_counts = [len(s.top_labels) for s in shortlists]
    slots = sum(label_counts)
    if not slots:
        return [[] for _ in shortlists]
    lids: list[int] = []
    query_strings: list[str] = []
    for short, count in zip(shortlists, label_counts, strict=True):
        lids += short.top_labels
        query_strings += [short.query_sorted] * count
    slot_lid = np.array(lids, dtype=np.int64)
    strings = process.cpdist(  # (the labels gathered by ``map`` in C: a third faster than a comprehension)
        query_strings, list(map(label_sorted.__getitem__, lids)), scorer=fuzz.ratio, dtype=np.float64
    )
    slot_title = np.repeat(np.arange(n, dtype=np.int64), label_counts)

    # the query side: each title's terms (expansions) as (title, word, position, strength)
    q_tid_parts: list[np.ndarray] = []
    q_str_parts: list[np.ndarray] = []
    part_len: list[int] = []
    part_title: list[int] = []
    part_pos: list[int] = []
    weights: list[float] = []
    for k, short in enumerate(shortlists):
        for pos, term in enumerate(short.terms):
            tids, strengths = _term_arrays(term)
            q_tid_parts.append(tids)
            q_str_parts.append(strengths)
            part_len.append(len(tids))
            part_title.append(k)
            part_pos.append(pos)
        weights.extend(short.weights_q)
    n_pos = max((len(s.terms) for s in shortlists), default=0) + 1
    vocab = arrays.vocab_size
    q_key = np.repeat(np.asarray(part_title, dtype=np.int64), part_len) * vocab + np.concatenate(q_tid_parts)
    q_pos = np.repeat(np.asarray(part_pos, dtype=np.int64), part_len)
    q_str = np.concatenate(q_str_parts)
    order = np.argsort(q_key, kind="stable")  # by title and word, positions in query order
    q_key, q_pos, q_str = q_key[order], q_pos[order], q_str[order]
    q_offsets = np.zeros(n, dtype=np.int64)
    np.cumsum([len(s.terms) for s in shortlists[:-1]], out=q_offsets[1:])
    weights_q = np.asarray(weights, dtype=np.float64)

    # the labels' words, label after label, each with the query positions that match it
    starts = arrays.tok_ptr[slot_lid]
    entry_slot = np.repeat(np.arange(slots, dtype=np.int64), arrays.tok_ptr[slot_lid + 1] - starts)
    entry_tid = arrays.tok_flat[spans(starts, arrays.tok_ptr[slot_lid + 1] - starts)]
    entry_key = slot_title[entry_slot] * vocab + entry_tid
    lo = np.searchsorted(q_key, entry_key, "left")
    # the query entries with the same key follow each other: the end of each one's run
    run_end = np.flatnonzero(np.concatenate((q_key[1:] != q_key[:-1], [True]))) + 1
    run_of = np.repeat(run_end, np.diff(np.concatenate(([0], run_end))))
    found = lo < len(q_key)
    found[found] = q_key[lo[found]] == entry_key[found]
    hits = np.where(found, run_of[np.minimum(lo, len(q_key) - 1)] - lo, 0)
    pair_q = spans(lo, hits)
    pair_str = q_str[pair_q]
    matched = hits > 0
    first_pair = (np.cumsum(hits) - hits)[matched]
    # per label word its best strength; the label's share: IDF x that, summed in the label's order
    matched_label: np.ndarray
    matched_query: np.ndarray
    if len(pair_q):
        top = np.maximum.reduceat(pair_str, first_pair)
        matched_label = np.bincount(
            entry_slot[matched], weights=arrays.idf[entry_tid[matched]] * top, minlength=slots
        )
        # per (label, query position) the best strength, summed in the order the loop meets them
        pair_slot = np.repeat(entry_slot, hits)
        group_key = pair_slot * n_pos + q_pos[pair_q]
        by_group = np.argsort(group_key, kind="stable")
        keys = group_key[by_group]
        bounds = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
        best = np.maximum.reduceat(pair_str[by_group], bounds)
        met = argsort_distinct(by_group[bounds], len(pair_q))  # groups in the order of their first pair
        g_slot = keys[bounds] // n_pos
        g_pos = keys[bounds] % n_pos
        contrib = weights_q[q_offsets[slot_title[g_slot]] + g_pos] * best
        matched_query = np.bincount(g_slot[met], weights=contrib[met], minlength=slots)
    else:
        matched_label = np.zeros(slots)
        matched_query = np.zeros(slots)
    totals = np.asarray([s.total for s in shortlists], dtype=np.float64)
    q_cover = np.minimum(matched_query / totals[slot_title], 1.0)
    l_cover = np.minimum(matched_label / arrays.label_weight[slot_lid], 1.0)
    # Python's own power (the loop's), not numpy's (which may take a square root for 0.5)
    q_power = _power(q_cover, Q_EXP)
    l_power = _power(l_cover, L_EXP)
    token_share, string_share = 100.0 * (1.0 - FUZZ_BLEND), FUZZ_BLEND
    score = token_share * q_power * l_power + string_share * strings

    # whole labels: exact 100, equal up to word endings EXACT_STEM_SCORE (requested language only)
    is_exact = np.zeros(slots, dtype=bool)
    is_stem = np.zeros(slots, dtype=bool)
    offset = 0
    for short, count in zip(shortlists, label_counts, strict=True):
        for lid in short.exact:  # each is among the candidates (``label_shortlist`` adds it)
            is_exact[offset + short.top_labels.index(lid)] = True
        for lid in short.exact_stem:
            is_stem[offset + short.top_labels.index(lid)] = True
        offset += count
    label_lang = arrays.lang_id[slot_lid]
    other_ids = [arrays.langs[x] for x in LANG_BITS if x != lang and x in arrays.langs]
    bit_ids = [arrays.langs[x] for x in LANG_BITS if x in arrays.langs]
    in_other = np.isin(label_lang, other_ids) if lang in LANG_BITS else np.zeros(slots, dtype=bool)
    stem_case = ~is_exact & is_stem & (score < EXACT_STEM_SCORE) & ~in_other
    score = np.where(is_exact, 100.0, np.where(stem_case, EXACT_STEM_SCORE, score))
    score = score * arrays.kind[slot_lid]
    same = label_lang == arrays.langs.get(lang, -1)
    factors = np.asarray([s.other_factor for s in shortlists], dtype=np.float64)[slot_title]
    scaled = ~same & (factors < 1.0) & np.isin(label_lang, bit_ids)
    score = np.where(same, score + LANG_BONUS, np.where(scaled, score * factors, score))
    score = np.minimum(score, 100.0)

    # per (title, occupation): its best label (the first of equals) and the second-best score; the
    # groups by one stable sort of an integer key (each group's slots in the candidates' order),
    # the maxima by ``reduceat`` (a lexsort on the score too took 4.5 against 0.6 ms a batch)
    concept = arrays.concept[slot_lid]
    by = np.argsort(slot_title * (int(arrays.concept.max()) + 1) + concept, kind="stable")
    title_s, concept_s, score_s = slot_title[by], concept[by], score[by]
    new = np.concatenate(([True], (title_s[1:] != title_s[:-1]) | (concept_s[1:] != concept_s[:-1])))
    bounds = np.flatnonzero(new)
    sizes = np.diff(np.append(bounds, slots))
    at_top = np.flatnonzero(score_s == np.repeat(np.maximum.reduceat(score_s, bounds), sizes))
    top_group = np.repeat(np.arange(len(bounds), dtype=np.int64), sizes)[at_top]
    first = at_top[np.concatenate(([True], top_group[1:] != top_group[:-1]))]  # each group's best
    best_score = score_s[first]
    best_lid = slot_lid[by[first]]
    others = score_s.copy()
    others[first] = -np.inf  # a group of one has no second
    second = np.maximum.reduceat(others, bounds)
    second = np.where(second > 0.0, second, 0.0)  # the loop's second starts at 0.0
    g_concept = concept_s[bounds]
    g_title = title_s[bounds]
    # rank as ``search``: -(best + AGGREGATE x second + PRIOR x prior), the shorter label, the concept
    key = -(best_score + AGGREGATE * second + PRIOR * arrays.prior[g_concept])
    # (the groups come sorted by concept within a title, and lexsort is stable: the concept last)
    ranked = lexsort3(arrays.label_weight[best_lid], key, g_title)
    r_title = g_title[ranked]
    title_start = np.searchsorted(r_title, np.arange(n + 1, dtype=np.int64), "left")
    keep = np.arange(len(ranked)) - title_start[r_title] < limit
    ranked = ranked[keep]
    found = list(
        zip(g_concept[ranked].tolist(), best_score[ranked].tolist(), best_lid[ranked].tolist(), strict=True)
    )
    ends = np.minimum(np.diff(title_start), limit).cumsum().tolist()
    return [found[start:end] for start, end in zip([0, *ends[:-1]], ends, strict=True)]
