"""Code free text to ESCO occupations (and ISCO-08) or to ESCO skills.

How it works (docs/coding.md has the method in full and the measured figures):

1. ``textnorm.normalize`` folds case, accents, letter variants and drops what people say around
   a title ("ik werkte 10 jaar als", "in Syrië", "(m/v)").
2. Every ESCO label (all kinds, Dutch and English) and curated alias is normalised alike into a
   ``LabelIndex``: a dictionary of whole labels and an inverted index with IDF word weights.
3. Each word of the query is expanded to index words (its stem, its word family, a typo's word,
   a compound's parts, compounds it is the head of), cached per word.
4. Rare words generate candidate labels through the inverted index (no full scan), scored by
   IDF-weighted coverage blended with rapidfuzz's token-sort ratio (an exact label scores 100),
   aggregated to occupations and spread over ISCO-08 unit groups.
5. ISCO-08 groups are concepts too (ESCO's group labels, CBS's Dutch title index): a matched
   unit group resolves to its best-matching ESCO occupation (or stays the group); a one-word
   family title ("leraar") gets its group first. A word of the requested language outranks the
   same spelling in the other (``LANG_OTHER``).
6. ``needs_review`` is calibrated on measured error rates (``occupation_review``). A flagged
   list is fused with a character n-gram second opinion (``ngram_scorer``) and ordered by the
   learned re-ranker (``coding_rerank``; an English one with ESCO's essential skills as evidence).
7. ``code_many`` gives ``code``'s answers, faster: one numpy / rapidfuzz batch (``coding_batch``)
   for many titles, every sum in the same order, so every score is the same float.
8. A workplace named alone leads with the place's own worker (``coding_places``); an
   answer that names several jobs ("kok en schoonmaker") leads with each job's own first
   candidate (``coding_parts``). Both are flagged.

The compiled index is pickled in the user's cache, keyed by the data files' SHA-256.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from skilltool import occupation_skills, reference
from skilltool.api_checks import coder_arguments
from skilltool.coding_cbs import cbs_disagrees, head_counts, label_counts
from skilltool.coding_fusion import Lexical, second_opinion
from skilltool.coding_head import (
    bracketed_label,
    head_first,
    led_by,
    opening_label,
    own_label_shown,
    same_unit_group,
)
from skilltool.coding_parts import answer_parts, parts_first
from skilltool.coding_places import placed
from skilltool.coding_rerank import RerankCache, ngram_depth
from skilltool.coding_support import (
    ACTIVITY,
    ACTIVITY_NAMED,
    FARM_ACTIVITY,
    RANK_DEPTH,
    deeper,
    echo,
    gc_paused,
    prepare_key,
    problem_result,
    problem_text,
)
from skilltool.coding_weights import (
    GROUP_EXTRA,
    ISCO_URI,
    MEMO_SIZE,
    NGRAM_BELOW,
    NGRAM_BELOW_EN,
    NGRAM_WEIGHT,
    POOL,
    REVIEW_EXACT,
)
from skilltool.errors import UsageError
from skilltool.label_index import LabelIndex
from skilltool.messages import say
from skilltool.models import CodingResult
from skilltool.models.base import construct
from skilltool.occupation_answer import answer_rules
from skilltool.occupation_batch import Opened, Prepared, Todo, openings, titles_alone
from skilltool.occupation_build import _OccupationTable, build_occupation_table, load_table
from skilltool.occupation_data import check_aliases, describe
from skilltool.occupation_review import needs_review, review_title
from skilltool.occupation_rules import (
    cbs_first,
    family_concept,
    group_members,
    one_unit_group,
    own_name_first,
    rerank,
    resolve_groups,
    specialisations,
)
from skilltool.occupation_said import said_whole
from skilltool.skill_coding import SkillCoder, build_skill_table

# the coder's public names; SkillCoder, build_skill_table, check_aliases, describe and needs_review
# are only re-exported (callers and tests take them from here since the split)
__all__ = [
    "ISCO_URI",
    "LabelIndex",
    "OccupationCoder",
    "SkillCoder",
    "build_occupation_table",
    "build_skill_table",
    "check_aliases",
    "describe",
    "needs_review",
]

if TYPE_CHECKING:
    from skilltool.embedding_scorer import EmbeddingScorer
    from skilltool.ngram_scorer import NgramScorer
    from skilltool.occupation_skills import SkillEvidence
    from skilltool.reference import ReferenceData


_MemoKey = tuple[str, str, int, "int | None"]  # words, language, top, where the workplace starts
_Memo = tuple[list[tuple[int, float, int]], bool]  # ranked (concept, score, label id), flagged


class OccupationCoder:
    """Free text (a job title as a person says it) to ranked ESCO occupations with ISCO-08."""

    def __init__(
        self, table: _OccupationTable, ngram_key: bytes | None = None, *, deep: bool = False
    ) -> None:
        self._table = table
        self._ngram_key = ngram_key  # cache key of the second opinion (None: build, do not cache)
        self.deep = deep  # opted in to the embedding opinion (``--deep``; needs the `embed` extra)
        self._ngram_scorer: NgramScorer | None = None
        self._embedding: EmbeddingScorer | None = None  # the optional `embed` extra's opinion
        self._memo: dict[_MemoKey, _Memo] = {}
        self._group_members: dict[str, list[int]] = {}
        self._rerank = RerankCache()  # the learned re-ranker's per-concept and per-label parts

    @classmethod
    def from_reference(cls, ref: ReferenceData, *, deep: bool = False) -> OccupationCoder:
        """The coder for a data folder: from the compiled cache when warm, else built and cached.
        ``deep``: the opt-in embedding opinion for flagged English titles (8a in docs/coding.md;
        slower; ``UsageError`` without the ``embed`` extra)."""
        if deep:
            from skilltool import embedding_scorer  # lazy: only asked for with --deep

            embedding_scorer.require()
        table, key = load_table(ref)
        return cls(table, ngram_key=key + b"\0ngrams", deep=deep)

    @property
    def ngrams(self) -> NgramScorer | None:
        """The second opinion, loaded (or built) on first use: a title coded without review never
        needs it, so a warm ``occupation code lasser`` does not load numpy or its arrays."""
        if self._ngram_scorer is None:
            # lazy: numpy and the scorer's arrays load on the first flagged title only (a warm
            # `occupation code lasser` does not pay for them; measured in docs/coding.md)
            from skilltool.ngram_scorer import NgramScorer

            cached_at = reference.cache_path(self._ngram_key, NgramScorer) if self._ngram_key else None
            scorer = reference.cache_read(cached_at)
            if not isinstance(scorer, NgramScorer):
                scorer = NgramScorer(self._table.documents())
                reference.cache_write(cached_at, scorer)
            self._ngram_scorer = scorer
        return self._ngram_scorer

    @property
    def skills(self) -> SkillEvidence | None:
        """ESCO's essential skills per unit group (``occupation_skills``), loaded on first use."""
        t = self._table
        if t.skills_dir is not None:  # once per table (then None: loaded, or the data has no skills)
            t.skills, t.skills_dir = occupation_skills.load(t.skills_dir, self._ngram_key), None
        return t.skills

    @property
    def embedding(self) -> EmbeddingScorer | None:
        """The English sentence-embedding opinion of the optional ``embed`` extra, loaded (or
        built and cached) on the first flagged English title; None when the extra is absent or
        the coder was not made with ``deep``."""
        if self._embedding is None and self.deep:
            from skilltool import embedding_scorer  # lazy: numpy and the optional extra, when flagged

            if embedding_scorer.available():
                ix = self._table.index
                self._embedding = embedding_scorer.load(
                    self._ngram_key, ix.label_concept, ix.label_lang, ix.label_text, self._table.n_occ
                )
        return self._embedding

    def preload(self) -> None:
        """Load the second opinion, the skills and ``code_many``'s arrays now (before a batch forks)."""
        _ = self.ngrams, self.skills
        self._table.index.prepare_batches()

    @property
    def table(self) -> _OccupationTable:
        """The compiled occupation table (labels, ISCO-08 codes, the re-ranker)."""
        return self._table

    @property
    def rerank_cache(self) -> RerankCache:
        """The learned re-ranker's per-concept and per-label parts, filled as titles are coded."""
        return self._rerank

    @property
    def size(self) -> tuple[int, int]:
        """(occupations, labels) in the index."""
        return len(self._table.uris), len(self._table.index.label_text)

    def code(self, text: str, *, lang: str = "nl", top: int = 5) -> CodingResult:
        """Rank ESCO occupations for ``text``; never raises on odd input (see ``problem``). More
        than ``RANK_DEPTH`` candidates extend the first ones (``deeper``), never change them."""
        coder_arguments((text,), lang, top)
        if top > RANK_DEPTH:
            return deeper(self._code(text, lang, RANK_DEPTH), self._code(text, lang, top), top)
        return self._code(text, lang, top)

    def _code(self, text: str, lang: str, top: int) -> CodingResult:
        normalized, problem, memo = self._ranking(text, lang, top)
        if memo is None:
            return problem_result(text, normalized, problem, lang)
        return self._result(text, normalized, problem, memo, lang=lang, top=top)

    def _ranking(self, text: str, lang: str, top: int) -> tuple[str, str | None, _Memo | None]:
        """The normalised text, its problem, and its ranking (from the memo or computed; None
        when the text has no words to code)."""
        normalized, problem, words, context, key = prepare_key(
            text, self._table.index, lang, top, self._table.iscos
        )
        if key is None:
            return normalized, problem, None
        memo = self._memo.get(key)
        if memo is None:
            memo = self._remember(key, self._rank(words, lang=lang, top=max(top, 5), context=context))
        return normalized, problem, memo

    def _remember(self, key: _MemoKey, memo: _Memo) -> _Memo:
        """``memo`` kept for ``key`` (the memo is emptied when full: ``MEMO_SIZE``)."""
        if len(self._memo) >= MEMO_SIZE:
            self._memo.clear()
        self._memo[key] = memo
        return memo

    def _alone(self, said: list[str], lang: str, top: int) -> _Memo:
        """The ranking and flag of ``said``, words of a title coded alone (kept in the memo under
        the key a title of these words has, at the depth ``_ranking`` ranks it)."""
        key = (" ".join(said), lang, top, None)
        alone = self._memo.get(key)
        if alone is None:
            alone = self._remember(key, self._rank(said, lang=lang, top=max(top, 5), context=None))
        return alone

    def _title_alone(self, said: list[str], lang: str, top: int, first: int) -> bool:
        """Whether the title without the workplace said after it ("lasser bij een jachtwerf")
        goes unchecked with ``first`` as its first candidate: then the place did not change what
        the person did, and the title alone was sure."""
        hits, flagged = self._alone(said, lang, top)
        return not flagged and bool(hits) and hits[0][0] == first

    def _opening(
        self, head: list[str] | None, hits: list[tuple[int, float, int]], lang: str, top: int
    ) -> _Memo:
        """A flagged ranking and its flag, read with ``head``, the whole label the title opens with
        (``coding_head``, ``_head``): unflagged when the label alone is sure of the same occupation, or of
        another of the same ISCO-08 unit group (then that one leads: the label's own); led by
        the label's occupation, still flagged, when it is sure of another and the whole title
        matched no label nearly (``head_first``: a cook at a restaurant named by its cuisine was a
        head chef). A label in brackets after the client's own word is read alike
        (``bracketed_label``)."""
        if head is None:
            return hits, True
        alone, flagged = self._alone(head, lang, top)
        if flagged or not alone:
            return hits, True
        if alone[0][0] == hits[0][0]:
            return own_label_shown(self._table.index, hits, alone[0]), False
        if same_unit_group(self._table.iscos, self._table.n_occ, alone[0], hits[0]):
            return led_by(hits, alone[0]), False  # "beveiliger nachtdienst haven": its own label first
        return head_first(hits, alone[0]), True

    def _head(self, text: str, normalized: str) -> list[str] | None:
        t = self._table  # the whole label a title opens with, or says in brackets after a word of its own
        return opening_label(t.index, text, normalized, t.iscos) or bracketed_label(t.index, text, t.iscos)

    def _result(
        self,
        text: str,
        normalized: str,
        problem: str | None,
        memo: _Memo,
        *,
        lang: str,
        top: int,
        parts: list[str] | None = None,
        opened: dict[str, Opened] | None = None,
    ) -> CodingResult:
        """``parts``: ``answer_parts`` of the text, when already known; ``opened``: a batch's ``openings``."""
        t = self._table
        if parts is None:  # "kok en schoonmaker"
            parts = answer_parts(t, text, memo[0]) if memo[1] else []
        seen = opened.get(text) if opened is not None else None  # ``placed`` and ``_head``, read before
        hits, flagged = seen[:2] if seen is not None else placed(t, normalized, memo)
        if parts:
            hits = parts_first(hits, [self._first(part, lang) for part in parts], t.iscos, t.n_occ) or hits
        elif flagged and problem is None and hits and hits[0][0] < t.n_occ:
            head = seen[2] if seen is not None else self._head(text, normalized)
            hits, flagged = self._opening(head, hits, lang, top)  # "tegelzetter toiletten"
        hits, flagged = answer_rules(
            t, hits, flagged, normalized=normalized, text=text, members=self._members
        )
        if not hits:
            problem = problem or "no_occupation"
        elif problem == ACTIVITY and not flagged and t.named(hits[0]):
            problem = ACTIVITY_NAMED  # "ik reed taxi" -> taxichauffeur, the worker's own label
        return construct(
            CodingResult,
            input=echo(text),
            normalized=normalized,
            needs_review=flagged or problem in (ACTIVITY, FARM_ACTIVITY),  # read as a title
            candidates=t.candidates(hits[:top], lang),  # only the ones shown
            problem=problem_text(problem, lang),
        )

    def _first(self, text: str, lang: str) -> tuple[int, float, int] | None:
        """The first candidate of one part of an answer that names several jobs (``coding_parts``)."""
        normalized, _, memo = self._ranking(text, lang, RANK_DEPTH)
        if memo is None:
            return None
        hits, _ = placed(self._table, normalized, memo)
        return hits[0] if hits else None

    def code_many(self, texts: Iterable[str], *, lang: str = "nl", top: int = 5) -> list[CodingResult]:
        """``code`` of each text, the same answers, faster for many: the texts not coded before
        as one numpy batch (``LabelIndex.search_many``), the garbage collector paused meanwhile
        (``gc_paused``: the batch's lists live to its end, make no cycles, and cost 16-21 % to scan)."""
        if isinstance(texts, str):  # a title given where its column belongs: coded letter by letter
            raise UsageError(say("errors.api.texts", name="texts"))
        texts = list(texts)
        coder_arguments(texts, lang, top)
        with gc_paused():
            if top <= RANK_DEPTH:
                return self._code_many(texts, lang=lang, top=top)
            first, deep = (self._code_many(texts, lang=lang, top=k) for k in (RANK_DEPTH, top))
            return [deeper(a, b, top) for a, b in zip(first, deep, strict=True)]

    def _code_many(self, texts: Sequence[str], *, lang: str, top: int) -> list[CodingResult]:
        prepared, known = self._rank_many(texts, lang=lang, top=top)
        t = self._table
        split = [  # the jobs of answers that name several, ranked as one batch too (``_first``)
            answer_parts(t, text, known[key][0]) if key is not None and known[key][1] else []
            for text, _, _, key in prepared
        ]
        if any(split):
            self._rank_many([part for parts in split for part in parts], lang=lang, top=RANK_DEPTH)
        opened, heads = openings(
            t, prepared, known, split, head=self._head, memo=self._memo, lang=lang, top=top
        )
        if heads:  # the labels flagged titles open with, ranked alone as one batch too (``_opening``)
            self._batch(heads, {}, lang=lang, top=top)
        return [
            self._result(
                text, normalized, problem, known[key], lang=lang, top=top, parts=parts, opened=opened
            )
            if key is not None
            else problem_result(text, normalized, problem, lang)
            for (text, normalized, problem, key), parts in zip(prepared, split, strict=True)
        ]

    def _rank_many(
        self, texts: Sequence[str], *, lang: str, top: int
    ) -> tuple[list[Prepared], dict[_MemoKey, _Memo]]:
        """Each text prepared (text, normalised, problem, memo key) and the rankings of their keys:
        from the memo, or computed as one batch and remembered."""
        prepared: list[Prepared] = []
        known: dict[_MemoKey, _Memo] = {}  # this batch's rankings, from the memo or computed here
        todo: Todo = {}
        for text in texts:
            normalized, problem, words, context, key = prepare_key(
                text, self._table.index, lang, top, self._table.iscos
            )
            if key is not None and key not in known and key not in todo:
                memo = self._memo.get(key)
                if memo is None:
                    todo[key] = (words, context)
                else:
                    known[key] = memo
            prepared.append((text, normalized, problem, key))
        if todo:
            self._batch(todo, known, lang=lang, top=top)
        return prepared, known

    def _batch(self, todo: Todo, known: dict[_MemoKey, _Memo], *, lang: str, top: int) -> None:
        """The rankings of ``todo``'s queries as one batch, into ``known`` and the memo; first, as a
        batch too, the titles alone their rankings ask about (``occupation_batch.titles_alone``)."""
        queries = list(todo.values())
        found = self._table.index.search_many(queries, lang=lang, limit=POOL + GROUP_EXTRA)
        lexical = [
            self._lexical(words, hits, lang=lang, top=max(top, 5), context=context)
            for (words, context), hits in zip(queries, found, strict=True)
        ]
        alone = titles_alone(
            queries, lexical, lang, max(top, 5), lambda key: key in self._memo or key in todo
        )
        if alone:  # (``_opinions`` asks ``_title_alone`` at this depth)
            self._batch(alone, {}, lang=lang, top=max(top, 5))
        asked = [(words, lex) for (words, _), lex in zip(queries, lexical, strict=True) if lex.second]
        opinions = iter(
            self.ngrams.rank_many([words for words, _ in asked], *ngram_depth(self._table.reranker))
            if asked and self.ngrams is not None
            else ()
        )
        for key, (words, _), lex in zip(todo, queries, lexical, strict=True):
            ranked = next(opinions) if lex.second else None
            known[key] = self._remember(key, self._opinions(words, lex, top=max(top, 5), ngram_ranked=ranked))

    def _rank(
        self, words: list[str], *, lang: str, top: int, context: int | None
    ) -> tuple[list[tuple[int, float, int]], bool]:
        """(concept, score, label id) best first, and whether a person should check. A weak
        (flagged) list is fused with the character n-gram second opinion; label id -1 marks a
        candidate no single label matched (a family's group, or found by the second opinion only)."""
        found = self._table.index.search(words, lang=lang, limit=POOL + GROUP_EXTRA, context_from=context)
        lexical = self._lexical(words, found, lang=lang, top=top, context=context)
        return self._opinions(words, lexical, top=top)

    def _lexical(
        self,
        words: list[str],
        found: list[tuple[int, float, int]],
        *,
        lang: str,
        top: int,
        context: int | None = None,
    ) -> Lexical:
        """The lexical ranking's groups and rules, the review flag, and whether the second opinion
        is to be asked (``_opinions`` asks it)."""
        t = self._table
        raw, found = found, resolve_groups(t, found)
        hits = rerank(found, t.iscos, top=top)
        heads = head_counts(t, words, lang)
        family = family_concept(t, words[0], lang, found, heads) if len(words) == 1 and found else None
        # no family: flagged (``said_whole``: an alternative label's plural is the word itself)
        one = family is not None and one_unit_group(
            t.iscos, t.n_occ, raw, said_whole(t.index, words[0], lang)
        )
        if family is not None and not one:
            # no one label matched the group: it shows its own name as `matched` (label id -1)
            hits = [(family, found[0][1], -1), *(h for h in hits if h[0] != family)]
        # a longer title matched by a label CBS reads elsewhere gets the one-word title's check
        heads = heads or label_counts(t, hits, lang)
        flagged = (
            one
            or review_title(
                t.index, t.iscos, t.n_occ, raw, hits, lang=lang, words=words, ngrams=lambda: self.ngrams
            )
            or cbs_disagrees(t, heads, hits)
        )
        if flagged and family is None:
            hits = cbs_first(
                t, heads, found, own_name_first(t.index, t.iscos, found, hits, words=words, lang=lang)
            )
        weak = not hits or not (NGRAM_BELOW_EN if lang == "en" else NGRAM_BELOW) <= hits[0][1] < REVIEW_EXACT
        deep = self._deep_opinion(words, lang, weak) if flagged else []
        second = flagged and (weak or bool(deep)) and NGRAM_WEIGHT > 0 and self.ngrams is not None
        return Lexical(hits, flagged, deep, second, found, lang, words[:context] if context else words)

    def _opinions(
        self,
        words: list[str],
        lexical: Lexical,
        *,
        top: int,
        ngram_ranked: list[tuple[int, float]] | None = None,
    ) -> tuple[list[tuple[int, float, int]], bool]:
        """The lexical ranking fused with the second opinion when it is asked (``ngram_ranked``:
        its ranking, when already computed in a batch), and a leading group's specialisations."""
        t = self._table
        hits = lexical.hits
        if lexical.second:
            hits = second_opinion(self, words, lexical, top=top, ngram_ranked=ngram_ranked)
        if hits and hits[0][0] >= t.n_occ and self.ngrams is not None:
            hits = specialisations(self._table, self._members, self.ngrams, words, hits, top=top)
        flagged = lexical.flagged
        if flagged and hits and len(lexical.said) < len(words):  # a workplace after the title
            flagged = not self._title_alone(lexical.said, lexical.lang, top, hits[0][0])
        return hits, flagged

    def _members(self, code: str) -> list[int]:
        """The occupations of ISCO-08 group ``code`` (any length), in index order (listed once)."""
        if not self._group_members:
            self._group_members = group_members(self._table.iscos[: self._table.n_occ])
        return self._group_members.get(code, [])

    def _deep_opinion(self, words: list[str], lang: str, weak: bool) -> list[tuple[int, float]]:
        """The optional embedding ranking of a flagged English title ([] without ``deep``)."""
        if not self.deep:
            return []
        from skilltool import embedding_scorer  # lazy: only for flagged titles

        return embedding_scorer.opinion(self._table.index, lambda: self.embedding, words, lang, weak)
