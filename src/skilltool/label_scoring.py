"""Pass 2 of the label search: the full score of each candidate label.

``reference_scores`` scores the candidate labels one at a time, a token at a time, and returns
one score per label in the order given; ``LabelIndex.search`` aggregates them to concepts. A
numpy version of this step (all candidates at once: tokens gathered from a flat array, a
strength table per query, ``reduceat``, one ``rapidfuzz.process.cdist``) gave the same answers
on 18,194 titles and took as long (about 105 us per title either way: numpy's per-call cost
eats the gain on ~50 labels), so it was not kept; docs/coding.md has the figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from skilltool.coding_weights import EXACT_STEM_SCORE, FUZZ_BLEND, L_EXP, LANG_BITS, LANG_BONUS, Q_EXP

if TYPE_CHECKING:
    from skilltool.label_index import LabelIndex


@dataclass(slots=True)
class Query:
    """What pass 2 needs of a query, computed once by ``LabelIndex.search``."""

    qmap: dict[int, list[tuple[int, float]]]  # index word -> (query position, strength)
    weights: list[float]  # weight of each query position
    total: float  # their sum
    sorted_text: str  # the query's words sorted, for rapidfuzz's ratio
    exact: set[int]  # labels equal to the whole text
    exact_stem: set[int]  # labels equal up to word endings
    lang: str
    other_factor: float  # ``LANG_OTHER`` or 1.0


def string_scores(index: LabelIndex, query: Query, labels: Sequence[int]) -> list[float]:
    """rapidfuzz ratio of the sorted query words to each label's sorted words (0-100)."""
    out = [0.0] * len(labels)
    label_sorted = index.label_sorted
    for _, score, i in process.extract(  # one C loop: faster than a call per label
        query.sorted_text, [label_sorted[lid] for lid in labels], scorer=fuzz.ratio, limit=None
    ):
        out[i] = score
    return out


def fast_scores(index: LabelIndex, query: Query, labels: Sequence[int]) -> list[float]:
    """``reference_scores``, the same numbers in the same order of additions, with what depends
    on the query only computed once: per matched index word its label share (idf x strongest
    strength) and its (position, strength) hits; a one-position query keeps no dict per label."""
    label_tokens, idf = index.label_tokens, index.idf
    kinds, langs, label_weight = index.label_kind, index.label_lang, index.label_weight
    lang, other_factor, total, weights = query.lang, query.other_factor, query.total, query.weights
    exact, exact_stem = query.exact, query.exact_stem
    other_langs = {x for x in LANG_BITS if x != lang} if lang in LANG_BITS else set()
    token_share, string_share = 100.0 * (1.0 - FUZZ_BLEND), FUZZ_BLEND
    info: dict[int, tuple[float, float, list[tuple[int, float]]]] = {}
    for tid, hits in query.qmap.items():
        top = max(strength for _, strength in hits)
        info[tid] = (idf[tid] * top, top, hits)
    get = info.get
    single = len(weights) == 1
    weight0 = weights[0] if weights else 0.0
    out = []
    for lid, string_score in zip(labels, string_scores(index, query, labels), strict=True):
        matched_label = 0.0
        if single:  # every hit is at position 0: its best strength is the label's strongest word
            best = 0.0
            for tid in label_tokens[lid]:
                found = get(tid)
                if found is not None:
                    matched_label += found[0]
                    if found[1] > best:  # noqa: PLR1730 (hot loop: a call to max costs)
                        best = found[1]
            matched_query = 0.0 + weight0 * best if best > 0.0 else 0.0
        else:
            best_pos: dict[int, float] = {}
            for tid in label_tokens[lid]:
                found = get(tid)
                if found is None:
                    continue
                matched_label += found[0]
                for pos, strength in found[2]:
                    if strength > best_pos.get(pos, 0.0):
                        best_pos[pos] = strength
            matched_query = 0.0
            for pos, strength in best_pos.items():
                matched_query += weights[pos] * strength
        q_cover = matched_query / total
        if q_cover > 1.0:  # noqa: PLR1730
            q_cover = 1.0
        l_cover = matched_label / label_weight[lid]
        if l_cover > 1.0:  # noqa: PLR1730
            l_cover = 1.0
        score = token_share * q_cover**Q_EXP * l_cover**L_EXP + string_share * string_score
        label_lang = langs[lid]
        if lid in exact:
            score = 100.0
        elif lid in exact_stem and score < EXACT_STEM_SCORE and label_lang not in other_langs:
            score = EXACT_STEM_SCORE
        score *= kinds[lid]
        if label_lang == lang:
            score += LANG_BONUS
        elif other_factor < 1.0 and label_lang in LANG_BITS:
            score *= other_factor
        out.append(score if score < 100.0 else 100.0)
    return out


def reference_scores(index: LabelIndex, query: Query, labels: Sequence[int]) -> list[float]:
    """The full score of each label, one label and one token at a time (the reference path)."""
    label_tokens, idf, qget, weights = index.label_tokens, index.idf, query.qmap.get, query.weights
    kinds, langs, label_weight = index.label_kind, index.label_lang, index.label_weight
    other_langs = {x for x in LANG_BITS if x != query.lang} if query.lang in LANG_BITS else set()
    token_share, string_share = 100.0 * (1.0 - FUZZ_BLEND), FUZZ_BLEND
    out = []
    for lid, string_score in zip(labels, string_scores(index, query, labels), strict=True):
        best_pos: dict[int, float] = {}
        matched_label = 0.0
        for tid in label_tokens[lid]:
            hits = qget(tid)
            if hits is None:
                continue
            top_strength = 0.0
            for pos, strength in hits:  # plain comparisons: min/max calls cost here
                if strength > best_pos.get(pos, 0.0):
                    best_pos[pos] = strength
                if strength > top_strength:  # noqa: PLR1730
                    top_strength = strength
            matched_label += idf[tid] * top_strength
        matched_query = 0.0
        for pos, strength in best_pos.items():
            matched_query += weights[pos] * strength
        q_cover = matched_query / query.total
        if q_cover > 1.0:  # noqa: PLR1730
            q_cover = 1.0
        l_cover = matched_label / label_weight[lid]
        if l_cover > 1.0:  # noqa: PLR1730
            l_cover = 1.0
        score = token_share * q_cover**Q_EXP * l_cover**L_EXP + string_share * string_score
        if lid in query.exact:
            score = 100.0
        elif lid in query.exact_stem and score < EXACT_STEM_SCORE and langs[lid] not in other_langs:
            # equal up to word endings: the stem rules are Dutch and English at once, so only a
            # label in the requested language (Dutch *lassen*, to weld, is not English *lasers*)
            score = EXACT_STEM_SCORE
        score *= kinds[lid]
        if langs[lid] == query.lang:
            score += LANG_BONUS
        elif query.other_factor < 1.0 and langs[lid] in LANG_BITS:
            score *= query.other_factor
        out.append(min(score, 100.0))
    return out
