"""The second opinion fused into a weak title's ranking: the character n-gram scorer's list (and,
with ``--deep``, the embedding's) merged with the lexical hits by the learned re-ranker, by
reciprocal ranks or by score (docs/coding.md, "Learned re-ranker for flagged titles")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from skilltool.coding_rerank import RerankCache, applies, cut, ngram_depth, rank
from skilltool.coding_weights import EXACT_STEM_SCORE, FUSE_ABSENT, NGRAM_WEIGHT, RRF_K
from skilltool.occupation_rules import combine, fuse, head_kept, keeps_lead, said_first, spread

if TYPE_CHECKING:
    from skilltool.ngram_scorer import NgramScorer
    from skilltool.occupation_build import _OccupationTable
    from skilltool.occupation_skills import SkillEvidence


class Coder(Protocol):
    """What the fusion reads of the occupation coder (``OccupationCoder``)."""

    @property
    def table(self) -> _OccupationTable: ...

    @property
    def ngrams(self) -> NgramScorer | None: ...

    @property
    def skills(self) -> SkillEvidence | None: ...

    @property
    def rerank_cache(self) -> RerankCache: ...


@dataclass
class Lexical:
    """A title's lexical ranking after the rules, review flag, embedding opinion, whether to fuse."""

    hits: list[tuple[int, float, int]]
    flagged: bool
    deep: list[tuple[int, float]]
    second: bool
    found: list[tuple[int, float, int]]  # the label search's hits, groups resolved (the re-ranker's)
    lang: str
    said: list[str]  # the title's words, without a workplace said after it


def second_opinion(
    coder: Coder,
    words: list[str],
    lexical: Lexical,
    *,
    top: int,
    ngram_ranked: list[tuple[int, float]] | None = None,
) -> list[tuple[int, float, int]]:
    """The lexical hits fused with the n-gram ranking (``ngram_ranked``: computed in a batch): by
    score, spread over ISCO-08 codes (``combine``); with ``deep``, by reciprocal ranks (``fuse``);
    a non-exact title by the learned re-ranker (``coding_rerank``; an English one with the skills
    as evidence). Whether the first candidate keeps its place: ``keeps_lead``."""
    t = coder.table
    ngrams = coder.ngrams
    assert ngrams is not None
    hits, deep, found, lang = lexical.hits, lexical.deep, lexical.found, lexical.lang
    deep_keep = None
    if deep:
        from skilltool import embedding_scorer as es  # lazy: only with --deep (the extra)

        deep_keep = es.KEEP_FIRST
    # an English title that matched a whole label (or its plural) keeps it first: the re-ranker
    # put a street food vendor before the street vendor the title was
    named = lang == "en" and bool(hits) and hits[0][1] >= EXACT_STEM_SCORE
    keep = (
        keeps_lead(hits, t.iscos, t.n_occ, deep_keep=deep_keep) or said_first(t.index, words, hits) or named
    )
    lead = hits[:1] if keep else []
    rest = hits[len(lead) :]
    shown: dict[int, tuple[float, int]] = {c: (score, lid) for c, score, lid in rest}
    if ngram_ranked is None:
        ngram_ranked = ngrams.rank(words, *ngram_depth(t.reranker))
    rr = applies(t.reranker, hits) if not deep else None
    ngram_ranked = cut(ngram_ranked, rr)
    for c, cosine in (*ngram_ranked, *(deep or ())):
        shown.setdefault(c, (100.0 * cosine, -1))
    taken = [t.iscos[c] for c, _, _ in lead]
    if deep:  # the embedding opinion's reciprocal-rank fusion, as measured for it (8a)
        lists = [
            ([c for c, _, _ in rest], 1.0),
            ([c for c, _ in ngram_ranked], 1.0),
            ([c for c, _ in deep], es.WEIGHT),
        ]
        ranked = fuse(lists, k=RRF_K)
    elif rr is not None:  # the learned re-ranker (the label search's hits: features only)
        scored = [(c, x) for c, x, _ in rest]
        sk = coder.skills if lang == "en" else None  # the skills' labels are English
        order = rank(
            rr, coder.rerank_cache, scored, found, ngram_ranked, table=t, words=words, lang=lang, skills=sk
        )
        ranked = spread(order, t.iscos, taken)
    else:  # the lexical score plus the n-gram cosine, spread over ISCO-08 codes
        ranked = combine(
            [(c, score) for c, score, _ in rest],
            ngram_ranked,
            t.iscos,
            weight=NGRAM_WEIGHT,
            absent=FUSE_ABSENT,
            taken=taken,
        )
    fused = lead + [(c, *shown[c]) for c in ranked[: top - len(lead)]]
    return head_kept(t.index, lexical.said, hits, fused)
