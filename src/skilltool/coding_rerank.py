"""A learned re-ranker for flagged occupation titles: a linear score over the candidates the
lexical search and the n-gram second opinion already found (docs/coding.md, "Learned re-ranker").

The candidates of a flagged title are the lexical list after its rules, the label search's hits
and the n-gram ranking's first ``NGRAM_POOL``; each gets a few cheap features (its lexical score
and rank, its cosine and n-gram rank, the kind and language of the label that matched, whether it
is an ISCO group, how many names it has, how large its unit group is, how much the other
candidates support its unit group) and scores ``weights . features``. The weights are trained by
``scripts/train_coding_reranker.py`` on ESCO's and CBS's own labels as queries (each held out of
the index it is coded against), never on a gold set, and shipped in ``data/coding_reranker.yaml``
with their provenance. Pure Python: a dot product per candidate, no numpy.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import yaml

from skilltool.coding_weights import (
    GROUP_SUPPORT,
    GROUP_WORDS_WEIGHT,
    KIND_ALT,
    KIND_HIDDEN,
    KIND_PREFERRED,
    NGRAM_MIN,
    NGRAM_POOL,
    SKILL_WEIGHT,
)
from skilltool.errors import DataFileError

if TYPE_CHECKING:
    from skilltool.label_index import LabelIndex
    from skilltool.occupation_build import _OccupationTable
    from skilltool.occupation_skills import SkillEvidence

FEATURES = (
    "lexical",  # its score in the lexical list after the rules / 100 (0: not there)
    "in_lexical",  # 1 when the lexical list after the rules has it
    "found",  # its score among the label search's hits / 100 (0: not there)
    "found_rank",  # 1 / (1 + its rank among those hits) (0: not there)
    "cosine",  # its n-gram cosine (0: not in the n-gram list)
    "ngram_rank",  # 1 / (1 + its rank in the n-gram list) (0: not there)
    "in_ngram",  # 1 when the n-gram list has it
    "kind_alt",  # the label that matched is an alternative label
    "kind_hidden",  # ... a hidden label
    "kind_other",  # ... an alias, a CBS title or a group's name (preferred labels: all three 0)
    "lang_match",  # the label that matched is in the requested language
    "group",  # the candidate is an ISCO-08 group, not an occupation
    "names",  # log(1 + its number of labels) (the index's prior)
    "unit_size",  # log(1 + occupations in its ISCO-08 unit group)
    "support_found",  # the other hits' scores / 100 in its unit group
    "support_cosine",  # the other n-gram candidates' cosines in its unit group
    "long_cosine",  # its cosine when the title has three words or more, else 0
    "long_found",  # its hits' score / 100 when the title has three words or more, else 0
    "cosine_share",  # its cosine / the best cosine of the title (0: not in the n-gram list)
    "found_gap",  # (its hits' score - the best hit's score) / 100 (-1: not among the hits)
    "both",  # 1 when the hits and the n-gram list both have it
)
"""The features, in the order of the weights."""


def features(
    lexical: Sequence[tuple[int, float]],
    found: Sequence[tuple[int, float, int]],
    ngram: Sequence[tuple[int, float]],
    *,
    iscos: Sequence[str],
    n_occ: int,
    index: LabelIndex,
    unit_sizes: dict[str, int],
    lang: str,
    words: int,
) -> tuple[list[int], list[list[float]]]:
    """The candidates (the lexical list's, the hits', the n-gram list's, in that order of first
    appearance) and their feature rows (``FEATURES``). ``lexical``: (concept, score 0-100) after
    the rules; ``found``: the label search's hits (concept, score, label id, best first);
    ``ngram``: (concept, cosine) best first; ``words``: the title's number of words."""
    rows: dict[int, list[float]] = {}
    width = len(FEATURES)

    def row(concept: int) -> list[float]:
        r = rows.get(concept)
        if r is None:
            r = rows[concept] = [0.0] * width
        return r

    for concept, score in lexical:
        r = row(concept)
        r[0] = score / 100.0
        r[1] = 1.0
    long = words >= 3
    support_found: dict[str, float] = {}
    for rank, (concept, score, lid) in enumerate(found):
        r = row(concept)
        if r[3]:
            continue  # a concept is listed once; keep its best
        r[2] = score / 100.0
        r[3] = 1.0 / (1.0 + rank)
        if lid >= 0:
            slot = label_slot(index, lid, concept >= n_occ)
            if slot is not None:
                r[slot] = 1.0
            r[10] = float(index.label_lang[lid] == lang)
        if long:
            r[17] = r[2]
        code = iscos[concept]
        support_found[code] = support_found.get(code, 0.0) + r[2]
    support_cosine: dict[str, float] = {}
    for rank, (concept, cosine) in enumerate(ngram):
        r = row(concept)
        r[4] = cosine
        r[5] = 1.0 / (1.0 + rank)
        r[6] = 1.0
        if long:
            r[16] = cosine
        code = iscos[concept]
        support_cosine[code] = support_cosine.get(code, 0.0) + cosine
    prior = index.concept_prior
    best_cosine = ngram[0][1] if ngram else 1.0
    best_found = found[0][1] / 100.0 if found else 0.0
    for concept, r in rows.items():
        code = iscos[concept]
        r[11] = float(concept >= n_occ)
        r[12] = prior[concept] if concept < len(prior) else 0.0
        r[13] = math.log1p(unit_sizes.get(code[:4], 0))
        r[14] = support_found.get(code, 0.0) - r[2]
        r[15] = support_cosine.get(code, 0.0) - r[4]
        r[18] = r[4] / best_cosine if best_cosine > 0 else 0.0
        r[19] = r[2] - best_found if r[3] else -1.0
        r[20] = float(r[3] > 0 and r[6] > 0)
    return list(rows), list(rows.values())


def order(concepts: Sequence[int], rows: Sequence[Sequence[float]], weights: Sequence[float]) -> list[int]:
    """``concepts`` best first by ``weights . row`` (equal scores: their order)."""
    scored = [sum(w * x for w, x in zip(weights, r, strict=True)) for r in rows]
    ranked = sorted(range(len(concepts)), key=lambda i: -scored[i])  # stable
    return [concepts[i] for i in ranked]


RERANKER_FILE = "coding_reranker.yaml"


@dataclass(frozen=True)
class Reranker:
    """The trained weights (``data/coding_reranker.yaml``) and the titles they apply to: flagged
    titles sent to the second opinion whose best lexical score is under ``below`` (an exact but
    contested title keeps the score fusion: the training held every query's own label out)."""

    weights: tuple[float, ...]
    below: float
    pool: int  # the n-gram list it was trained on: its first ``pool`` at cosine >= ``floor``
    floor: float


def load(raw: bytes, where: str) -> Reranker:
    """The re-ranker of a weights file's bytes; ``DataFileError`` naming ``where`` when its
    features are not this version's or a weight is not a number."""
    try:
        doc = yaml.safe_load(raw)
        names = doc["features"]
        weights = tuple(float(w) for w in doc["weights"])
        below = float(doc["meta"]["applies_below"])
        pool = int(doc["meta"]["ngram_pool"])
        floor = float(doc["meta"]["ngram_floor"])
    except (yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"{where}: not a re-ranker weights file ({exc}); rerun {TRAINER}") from exc
    if list(names) != list(FEATURES) or len(weights) != len(FEATURES):
        raise DataFileError(f"{where}: its features are not this version's; rerun {TRAINER}")
    if not all(math.isfinite(w) for w in weights):
        raise DataFileError(f"{where}: a weight is not a finite number; rerun {TRAINER}")
    return Reranker(weights, below, pool, floor)


TRAINER = "scripts/train_coding_reranker.py"


def statics(
    weights: Sequence[float], iscos: Sequence[str], n_occ: int, prior: Sequence[float]
) -> list[float]:
    """Per concept the part of its score that does not depend on the title (``group``, ``names``,
    ``unit_size``), for ``scores``."""
    w = weights
    units = unit_sizes(iscos, n_occ)
    return [
        w[11] * float(c >= n_occ)
        + w[12] * (prior[c] if c < len(prior) else 0.0)
        + w[13] * math.log1p(units.get(iscos[c][:4], 0))
        for c in range(len(iscos))
    ]


def unit_sizes(iscos: Sequence[str], n_occ: int) -> dict[str, int]:
    """ISCO-08 unit group (4 digits) -> how many of the first ``n_occ`` concepts (the
    occupations) are in it (``unit_size``)."""
    units: dict[str, int] = {}
    for c in range(n_occ):
        units[iscos[c][:4]] = units.get(iscos[c][:4], 0) + 1
    return units


def label_slot(index: LabelIndex, lid: int, group: bool) -> int | None:
    """The feature a hit's label sets (``kind_alt`` 7, ``kind_hidden`` 8, ``kind_other`` 9: an
    alias, a CBS title, a group name, or a label in neither language), or None for a preferred
    label; ``group``: the hit is an ISCO-08 group."""
    kind = index.label_kind[lid]
    if kind == KIND_ALT:
        return 7
    if kind == KIND_HIDDEN:
        return 8
    if kind != KIND_PREFERRED or index.label_lang[lid] not in ("nl", "en") or group:
        return 9
    return None


def label_term(weights: Sequence[float], index: LabelIndex, lid: int, group: bool, lang: str) -> float:
    """The part of a hit's score its label gives (``kind_*``, ``lang_match``), for ``scores``;
    ``group``: the hit is an ISCO-08 group."""
    slot = label_slot(index, lid, group)
    term = weights[10] * float(index.label_lang[lid] == lang)
    return term if slot is None else term + weights[slot]


def scores(
    lexical: Sequence[tuple[int, float]],
    found: Sequence[tuple[int, float, int]],
    ngram: Sequence[tuple[int, float]],
    *,
    weights: Sequence[float],
    static: Sequence[float],
    labels: dict[int, float],
    index: LabelIndex,
    n_occ: int,
    lang: str,
    iscos: Sequence[str],
    words: int,
) -> dict[int, float]:
    """``weights . features`` of the candidates of the lexical list and the n-gram list (a hit
    only the label search found is left out: on the tuning halves it changed nothing), up to one
    constant per title (which does not change the order), without building the rows: each
    feature's weight is folded into the pass over the list it comes from (the coder's path;
    ``features``, over the hits too, is the training's).
    ``static``: ``statics``; ``labels``: a cache of ``label_term`` for ``lang`` (key: label id x 2,
    + 1 for a group), filled here."""
    w = weights
    long = words >= 3
    support = w[14] != 0.0 or w[15] != 0.0  # the group support features (0: left out, no pass)
    score: dict[int, float] = {}
    a0, a1 = w[0] / 100.0, w[1]
    for concept, s in lexical:
        score[concept] = static[concept] + a0 * s + a1
    first: dict[int, int] = {}  # a concept's first place among the hits
    for rank, hit in enumerate(found):
        if hit[0] not in first:
            first[hit[0]] = rank
    best = ngram[0][1] if ngram else 1.0
    kc = w[4] - w[15] + (w[16] if long else 0.0) + (w[18] / best if best > 0 else 0.0)
    w5, w6, w20 = w[5], w[6], w[20]
    by_cosine: dict[str, float] = {}
    for rank, (concept, cosine) in enumerate(ngram):
        term = kc * cosine + w5 / (1.0 + rank) + w6
        if concept in first:
            term += w20
        previous = score.get(concept)
        score[concept] = (static[concept] if previous is None else previous) + term
        if support:
            code = iscos[concept]
            by_cosine[code] = by_cosine.get(code, 0.0) + cosine
    # a hit: found, found_rank, its label, long_found, found_gap (relative to the -1 of the
    # others), and its own share of support_found taken back out; every hit supports its group
    kf = (w[2] - w[14] + w[19] + (w[17] if long else 0.0)) / 100.0
    lift = w[19] * (1.0 - (found[0][1] / 100.0 if found else 0.0))
    w3 = w[3]
    by_found: dict[str, float] = {}
    for concept, rank in first.items():
        _, s, lid = found[rank]
        if support:
            code = iscos[concept]
            by_found[code] = by_found.get(code, 0.0) + s / 100.0
        if concept not in score:
            continue  # a hit neither list has is not a candidate (measured: no loss)
        term = kf * s + w3 / (1.0 + rank) + lift
        if lid >= 0:
            key = 2 * lid + (concept >= n_occ)
            by_label = labels.get(key)
            if by_label is None:
                by_label = labels[key] = label_term(w, index, lid, concept >= n_occ, lang)
            term += by_label
        score[concept] += term
    if support:
        w14, w15 = w[14], w[15]
        for concept in score:
            code = iscos[concept]
            score[concept] += w14 * by_found.get(code, 0.0) + w15 * by_cosine.get(code, 0.0)
    return score


@dataclass
class RerankCache:
    """What a coder keeps for the re-ranker: the per-concept part of the score (``statics``) and,
    per language, the per-label part (``label_term``), filled on first use."""

    static: list[float] | None = None
    labels: dict[str, dict[int, float]] = field(default_factory=dict)
    units: list[str] | None = None  # each concept's unit group (4 digits), for ``add_skills``


def rank(
    rr: Reranker,
    cache: RerankCache,
    lexical: Sequence[tuple[int, float]],
    found: Sequence[tuple[int, float, int]],
    ngram: Sequence[tuple[int, float]],
    *,
    table: _OccupationTable,
    words: Sequence[str],
    lang: str,
    skills: SkillEvidence | None = None,
) -> list[int]:
    """The candidates of a flagged title best first by ``rr`` (``scores``; not yet spread); with
    ``skills``, each occupation plus ``SKILL_WEIGHT`` x its unit group's skill cosine to ``words``
    and ``GROUP_WORDS_WEIGHT`` x the cosine with the group's own words (``occupation_skills``), then
    ``GROUP_SUPPORT`` x the other candidates' scores in its unit group (``add_skills``)."""
    if cache.static is None:
        cache.static = statics(rr.weights, table.iscos, table.n_occ, table.index.concept_prior)
    score = scores(
        lexical,
        found,
        ngram,
        weights=rr.weights,
        static=cache.static,
        labels=cache.labels.setdefault(lang, {}),
        index=table.index,
        n_occ=table.n_occ,
        lang=lang,
        iscos=table.iscos,
        words=len(words),
    )
    if skills is not None and (SKILL_WEIGHT or GROUP_WORDS_WEIGHT):
        if cache.units is None:
            cache.units = [code[:4] for code in table.iscos]
        add_skills(
            score,
            skills,
            words,
            iscos=table.iscos,
            n_occ=table.n_occ,
            weight=SKILL_WEIGHT,
            words_weight=GROUP_WORDS_WEIGHT,
            support=GROUP_SUPPORT,
            units=cache.units,
        )
    return sorted(score, key=score.__getitem__, reverse=True)


def add_skills(
    score: dict[int, float],
    skills: SkillEvidence,
    words: Sequence[str],
    *,
    iscos: Sequence[str],
    n_occ: int,
    weight: float,
    words_weight: float = 0.0,
    support: float = 0.0,
    units: Sequence[str] | None = None,
) -> None:
    """Each occupation of ``score`` plus ``weight`` x the skill cosine of its unit group to the
    title's ``words``, plus ``words_weight`` x the cosine with the group's own words
    (``occupation_skills``); an ISCO group concept is left as it is. Then every candidate plus
    ``support`` x the positive scores of the other candidates of its unit group (a group several
    candidates point to is likelier). ``units``: each concept's ``iscos[c][:4]``, when kept."""
    # each candidate's unit group, worked out once (or read from ``units``)
    unit = {c: iscos[c][:4] for c in score} if units is None else {c: units[c] for c in score}
    bonus = skills.groups(words, (unit[c] for c in score if c < n_occ), weight, words_weight)
    for concept in score:
        if concept < n_occ:
            score[concept] += bonus.get(unit[concept], 0.0)
    if support:
        total: dict[str, float] = {}
        for concept, value in score.items():
            if value > 0.0:
                total[unit[concept]] = total.get(unit[concept], 0.0) + value
        for concept, value in score.items():  # (``max(value, 0.0)`` without the call)
            lost = 0.0 if value < 0.0 else value
            score[concept] = value + support * (total.get(unit[concept], 0.0) - lost)


def ngram_depth(rr: Reranker | None) -> tuple[int, float]:
    """How deep the n-gram ranking is asked (length, cosine floor): the score fusion's
    (``NGRAM_POOL``, ``NGRAM_MIN``), deeper when the re-ranker was trained on more."""
    if rr is None:
        return NGRAM_POOL, NGRAM_MIN
    return max(NGRAM_POOL, rr.pool), min(NGRAM_MIN, rr.floor)


def applies(rr: Reranker | None, hits: Sequence[tuple[int, float, int]]) -> Reranker | None:
    """``rr`` when it orders a flagged title with these lexical ``hits`` (best score under
    ``rr.below``: an exact but contested title keeps the score fusion), else None."""
    return rr if rr is not None and (not hits or hits[0][1] < rr.below) else None


def cut(ngram: list[tuple[int, float]], rr: Reranker | None) -> list[tuple[int, float]]:
    """The n-gram ranking (asked to ``ngram_depth``) cut to what ``rr`` was trained on, or to the
    score fusion's (``NGRAM_POOL`` at cosine >= ``NGRAM_MIN``) without it."""
    pool, floor = (rr.pool, rr.floor) if rr is not None else (NGRAM_POOL, NGRAM_MIN)
    if len(ngram) > pool or (ngram and ngram[-1][1] < floor):
        return [(c, v) for c, v in ngram if v >= floor][:pool]
    return ngram
