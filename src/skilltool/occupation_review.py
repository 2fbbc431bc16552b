"""The review flag of occupation coding (``needs_review``): when a person should check a coded
title, calibrated on measured error rates (docs/coding.md, "The review flag")."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from skilltool.coding_weights import (
    KIND_CBS_TITLE,
    KIND_PREFERRED,
    NGRAM_CLEAR,
    REVIEW_AGREE,
    REVIEW_EXACT,
    REVIEW_MARGIN,
    REVIEW_NEAR,
)

if TYPE_CHECKING:
    from skilltool.label_index import Hit, LabelIndex
    from skilltool.models import Candidate
    from skilltool.ngram_scorer import NgramScorer


def needs_review(candidates: Sequence[Candidate], *, esco_isco: str | None = None) -> bool:
    """True when a person should check the coding; the rule is calibrated on measured error rates
    (docs/coding.md).

    Unchecked only when the best candidate matched a whole label exactly (score 100, above
    ``REVIEW_EXACT``), is an occupation or a 4-digit unit group, no candidate of another ISCO-08
    group scores within ``REVIEW_MARGIN`` of it, and, when the label was a CBS title or an ISCO
    group's name, ESCO's own labels agree: ``esco_isco`` (the unit group of the best occupation
    on ESCO's labels alone) is its group. Where CBS and ESCO disagreed, CBS was right 64 % of the
    time; where they agreed, 95 %.
    """
    return review([(c.isco, c.score, c.kind == "isco_group") for c in candidates], esco_isco)


def review(
    ranked: Sequence[tuple[str, float, bool]], esco_isco: str | None, *, floor: float = REVIEW_EXACT
) -> bool:
    """``needs_review`` on (ISCO code, score, is a group) tuples, best first; ``floor`` the score
    the best one needs."""
    if not ranked:
        return True
    isco, score, group = ranked[0]
    if (group and len(isco) < 4) or score < floor or contested(ranked, REVIEW_MARGIN):
        return True
    return esco_isco is not None and esco_isco != isco


def contested(ranked: Sequence[tuple[str, float, bool]], margin: float) -> bool:
    """A candidate of another ISCO-08 code scores within ``margin`` of the best one."""
    isco, score, _ = ranked[0]
    return any(other != isco and s >= score - margin for other, s, _ in ranked[1:])


def review_title(
    index: LabelIndex,
    iscos: Sequence[str],
    n_occ: int,
    found: Sequence[Hit],
    hits: Sequence[Hit],
    *,
    lang: str,
    words: Sequence[str] = (),
    ngrams: Callable[[], NgramScorer | None] = lambda: None,
) -> bool:
    """``needs_review`` of a title's lexical ranking: ``found`` the label search's hits (groups
    not resolved), ``hits`` the ranking after the rules, as (concept, score, label id).

    ``review``'s rule, where ESCO's own best occupation (the first of ``found``) must agree with
    a CBS title or group name that matched best; and, for a Dutch title, the same agreement the
    other way round: a near-exact Dutch ESCO label (``REVIEW_AGREE``), uncontested by another
    unit group, is unchecked when the best CBS title or ISCO-08 group name among ``found`` is in
    its unit group (``sources_agree``), or, when none matched at all, when the n-gram opinion
    of ``words`` agrees in its place (``clear_label``, ``ngrams()`` loading the scorer when
    asked). An occupation's own preferred label (or a curated alias) matched all but
    exactly, as a plural or a female form ("kapsters", "cooks"), needs only ``REVIEW_NEAR``:
    unlike an alternative label, ESCO gives that name to this occupation alone. A Dutch CBS title
    matched near-exactly (``REVIEW_AGREE``: its plural or female form, a word more) needs no more
    than a Dutch ESCO label does the other way round: ESCO's own best occupation in its unit
    group (``score_floor``)."""
    if len(words) == 1 and len(words[0]) <= 3 and words[0] not in index.exact:
        return True  # a short word alone that no label is matched by its stem only ("car" ~ "carer")
    lid = hits[0][2] if hits else -1
    via_group = lid >= 0 and index.label_concept[lid] >= n_occ
    # ESCO's own best occupation's group, only asked of a label of a group
    esco_isco = next((iscos[c] for c, _, _ in found if c < n_occ), "") if via_group else None
    ranked = [(iscos[c], score, c >= n_occ) for c, score, _ in hits]
    if not review(ranked, esco_isco, floor=score_floor(index, lid, via_group, lang)):
        return False
    if lang != "nl" or lid < 0 or via_group or index.label_lang[lid] != lang:
        return True
    cbs_isco = next((iscos[c] for c, _, _ in found if c >= n_occ), None)
    if cbs_isco is None:  # no CBS title or group name matched: nothing a second source could contradict
        return not clear_label(ranked, iscos, words, ngrams)
    return not sources_agree(ranked, cbs_isco)


def score_floor(index: LabelIndex, lid: int, via_group: bool, lang: str) -> float:
    """The score the best label ``lid`` needs to go unchecked: ``REVIEW_EXACT``; ``REVIEW_NEAR``
    for an occupation's own preferred label or alias (its plural or female form names this
    occupation alone); ``REVIEW_AGREE`` for a Dutch CBS title in a Dutch title, whose unit group
    ESCO's own best occupation must then share (``review``): the two-source agreement of
    ``sources_agree`` seen from CBS's side."""
    if lid < 0 or index.label_kind[lid] < KIND_PREFERRED:
        return REVIEW_EXACT
    if not via_group:
        return REVIEW_NEAR
    cbs_title = index.label_kind[lid] >= KIND_CBS_TITLE and index.label_lang[lid] == "nl"
    return REVIEW_AGREE if cbs_title and lang == "nl" else REVIEW_EXACT


def clear_label(
    ranked: Sequence[tuple[str, float, bool]],
    iscos: Sequence[str],
    words: Sequence[str],
    ngrams: Callable[[], NgramScorer | None],
) -> bool:
    """For a Dutch ESCO label no CBS title or ISCO-08 group name matched: ``sources_agree`` with
    the n-gram opinion as the second source. The best candidate is an occupation scoring at
    least ``REVIEW_AGREE``, no candidate of another unit group within ``REVIEW_MARGIN``, and the
    n-gram opinion's best occupation (``ngrams()`` loads the scorer when asked), at a cosine of
    ``NGRAM_CLEAR`` or more, is in the same unit group: the title is like the occupation's names
    as a whole (*barbier*, *stucadoor*), not one generic alternative label ESCO gave it among
    many (the everyday word for a doctor, n-gram best elsewhere)."""
    isco, score, group = ranked[0]
    if group or score < REVIEW_AGREE or contested(ranked, REVIEW_MARGIN):
        return False
    scorer = ngrams()  # loaded on first use
    best = scorer.rank(words, 1, NGRAM_CLEAR) if scorer is not None else []
    return bool(best) and iscos[best[0][0]] == isco


def sources_agree(ranked: Sequence[tuple[str, float, bool]], cbs_isco: str | None) -> bool:
    """The best candidate (an occupation, scoring at least ``REVIEW_AGREE``, no candidate of
    another unit group within ``REVIEW_MARGIN``) is in ``cbs_isco``, the unit group of the best
    CBS title or ISCO-08 group name that matched the title."""
    isco, score, group = ranked[0]
    return not group and score >= REVIEW_AGREE and isco == cbs_isco and not contested(ranked, REVIEW_MARGIN)
