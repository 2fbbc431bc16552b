"""The label index both coders search: labels of concepts (ESCO occupations, ISCO-08 groups, ESCO
skills), compiled for fast lookup, and the lexical search over them.

A query word is expanded to index words (itself, its stem, its word family, compounds it heads,
close spellings, the parts of an unknown compound); rare words generate candidate labels through
the inverted index (no full scan); the best candidates get an IDF-weighted coverage score of
query and label, blended with rapidfuzz's token-sort ratio. docs/coding.md has the method and
the figures; the tuned numbers are in ``coding_weights``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from skilltool import label_build, label_pickle, label_typos, textnorm
from skilltool.coding_weights import (
    AGGREGATE,
    COMPOUNDS_LIMIT,
    CONTEXT_FACTOR,
    CONTRIB_CACHE_SIZE,
    EXACT_STEM_SCORE,
    FUZZ_BLEND,
    GENERATE_MIN,
    L_EXP,
    LANG_BITS,
    LANG_BONUS,
    LANG_OTHER,
    PREFIX_MIN_SHARED,
    PREFIX_MIN_WORD,
    PREFIX_SHARE,
    PRIOR,
    Q_EXP,
    ROLE_FACTOR,
    ROLE_WORDS,
    S_EXACT,
    S_HEAD,
    S_PREFIX,
    S_SPLIT,
    S_STEM,
    UNKNOWN_WEIGHT,
    WORD_CACHE_SIZE,
)
from skilltool.label_cover import coverage
from skilltool.label_shortlist import shortlist

if TYPE_CHECKING:
    import numpy as np

Hit = tuple[int, float, int]
"""One answer of the label search (``search``) and the coder's candidate made of it: (concept,
score 0-100, label id; -1 for a group shown by its own name). The one definition: the coder's
rule modules import it (for their annotations only)."""

_OTHER_LANGS = {lang: frozenset(x for x in LANG_BITS if x != lang) for lang in LANG_BITS}
"""Per requested language, the other languages of ``LANG_BITS`` (``search``'s exact-stem rule)."""

HEAD_BY_STEM_MIN = 5
"""With ``heads_alike`` (both coders), the letters a compound's head needs to stand for any
index word of its stem (``LabelIndex._stem_head``); a shorter one stands for Dutch words only."""


@dataclass(slots=True)
class _Term:
    """One word of a query: its weight, the index words it may stand for (with a strength), how
    many labels those have, and (once computed) the rough score it gives each label."""

    weight: float
    expansions: list[tuple[int, float]]
    size: int
    contrib: dict[int, float] | None = None
    arrays: tuple[np.ndarray, np.ndarray] | None = None  # the expansions as numpy arrays (``coding_batch``)
    top: list[int] | None = None  # the labels pass 1 keeps when this term generates alone
    kth: float | None = None  # its ``CANDIDATE_LABELS``-th best rough score (``label_shortlist``)
    peak: float | None = None  # its best rough score (``label_shortlist``)


class LabelIndex:
    """Labels of concepts, compiled for fast lookup. Plain lists and dicts only (pickled).
    ``label_build.fill`` makes the tables below; the methods search them."""

    heads_alike: bool
    label_text: list[str]  # per label id: its text, its language, its concept, its kind weight
    label_lang: list[str]
    label_concept: Sequence[int]  # (the bulky per-label numbers and the postings: typed arrays)
    label_kind: Sequence[float]
    label_tokens: list[Sequence[int]]  # its word ids, each once
    label_weight: Sequence[float]  # the sum of its words' idf
    label_inv_sqrt: Sequence[float]  # 1 / sqrt(label_weight)
    label_sorted: list[str]  # its words sorted (rapidfuzz's token_sort_ratio)
    vocab: dict[str, int]  # word -> word id
    words: list[str]  # per word id: the word, its languages (bit 1 Dutch, bit 2 English), its idf
    word_langs: list[int]
    idf: Sequence[float]
    postings: list[Sequence[int]]  # per word id: the labels that have it
    exact: dict[str, int | tuple[int, ...]]  # a whole label without spaces -> its label id(s)
    exact_stem: dict[str, int | tuple[int, ...]]  # the same of its words' stems
    asked: frozenset[str]  # the ``exact`` keys of ``ask`` aliases (occupation_build)
    by_stem: dict[str, list[int]]  # stem -> word ids
    compounds: dict[int, list[int]]  # head word id -> ids of the compounds it heads
    reversed_words: list[str]  # the words spelled backwards, sorted (``_ending_with``)
    sorted_words: list[str]  # the words sorted (``_sharing_prefix``)
    concept_prior: Sequence[float]  # per concept: how common, log1p of its Dutch and English names
    buckets: dict[tuple[str, int], list[str]]  # (first letter, length) -> words of 4+ letters

    def __init__(self, entries: Iterable[tuple[int, str, float, str]], *, heads_alike: bool = False) -> None:
        """``entries``: (concept index, label text, kind weight, language). ``heads_alike``: a
        compound's head found by its stem alone is checked (``_stem_head``; both coders' indexes,
        the occupation coder's since user22)."""
        self.heads_alike = heads_alike
        label_build.fill(self, entries)

    # --- query side -------------------------------------------------------------------

    def _head(self, word: str, *, exclude_self: bool) -> int | None:
        """The longest index word (4+ letters) that ``word`` ends with, leaving 3+ letters before it."""
        for start in range(3, len(word) - 3):
            tid = self.vocab.get(word[start:])
            if tid is not None:
                return tid
        if not exclude_self:
            return self.vocab.get(word)
        return None

    def _sharing_prefix(self, word: str, limit: int = 20) -> list[int]:
        """Index words that share most of ``word``'s beginning: *farmacie* ~ *farmacoloog*,
        *planologie* ~ *planoloog* (word families that stemming misses)."""
        prefix = word[: max(PREFIX_MIN_SHARED, int(len(word) * PREFIX_SHARE))]
        start = bisect.bisect_left(self.sorted_words, prefix)
        found = []
        for candidate in self.sorted_words[start : start + limit]:
            if not candidate.startswith(prefix):
                break
            if candidate != word:
                found.append(self.vocab[candidate])
        return found

    def _ending_with(self, word: str, limit: int = 40) -> list[int]:
        """Index words that end with ``word`` (straler -> gritstraler), at most ``limit``."""
        rev = word[::-1]
        start = bisect.bisect_left(self.reversed_words, rev)
        found = []
        for candidate in self.reversed_words[start : start + limit]:
            if not candidate.startswith(rev):
                break
            if len(candidate) - len(rev) >= 3:
                found.append(self.vocab[candidate[::-1]])
        return found

    def knows(self, word: str) -> bool:
        """Whether ``word`` is an index word or the head of compound ones (lasser: onderwaterlasser)."""
        return word in self.vocab or bool(self._ending_with(word, 10))

    def _split(self, word: str) -> list[str]:
        """An unknown compound split into known parts (modifier, head), or [] if it does not split."""
        for start in range(3, len(word) - 2):
            head = word[start:]
            if len(head) == 3 and head not in self.exact:
                continue  # a three-letter head only when it is a whole label (kok, vet)
            if head in self.vocab or self._stem_head(head):
                modifier = word[:start]
                return [modifier, head]
        return []

    def _stem_head(self, head: str) -> bool:
        """Whether ``head`` stands for an index word by its stem. With ``heads_alike``, a head of
        four letters only for a Dutch word that begins as it does (*ziekenhuis*: *huizen*): the
        stem takes a prefix *ge-* off (*german* -> ``rman``), so *timmerman* split into *timme* +
        *rman* and a carpenter was offered German (user21); *-noom* reached *genome*, *-laar*
        *larder*, *-unde* *under*."""
        found = self.by_stem.get(textnorm.stem(head))
        if not found or not self.heads_alike or len(head) >= HEAD_BY_STEM_MIN:
            return bool(found)
        dutch = LANG_BITS["nl"]
        return any(self.word_langs[t] & dutch and self.words[t][:2] == head[:2] for t in found)

    def _expand(self, word: str) -> list[tuple[int, float]]:
        """Index words that ``word`` may stand for, with a match strength 0-1."""
        found: dict[int, float] = {}
        tid = self.vocab.get(word)
        if tid is not None:
            found[tid] = S_EXACT
            for comp in self.compounds.get(tid, ())[:COMPOUNDS_LIMIT]:
                found.setdefault(comp, S_HEAD)
        key = self.stem(word)  # (the same stem the exact-stem lookup takes: computed once)
        for other in (*self.by_stem.get(key, ()), *self.by_stem.get(word, ())):  # and arts ~ artsen
            if found.get(other, 0.0) < S_STEM:
                found[other] = S_STEM
        if tid is None and found and len(word) >= 6 and word.isalpha():
            label_typos.typo_over_stem(self, word, found)
        if len(word) >= PREFIX_MIN_WORD and word.isalpha() and S_PREFIX > 0:
            for other in self._sharing_prefix(word):
                found.setdefault(other, S_PREFIX)
        if not found and len(word) >= 5 and word.isalpha():
            for comp in self._ending_with(word):
                found[comp] = S_HEAD
        if not found and len(word) >= 5 and word.isalpha():
            label_typos.misspelt(self, word, found)
        elif tid is None and found and max(found.values()) == S_PREFIX:
            label_typos.typo_of_prefix(self, word, found)
        return list(found.items())

    def _query_terms(self, words: Sequence[str], context_from: int | None) -> list[tuple[_Term, float]]:
        """The terms of a query with their weight factor, after joining split compounds
        (vrachtwagen chauffeur); words from ``context_from`` on (the workplace) count less."""
        merged: list[tuple[str, int]] = []
        i = 0
        while i < len(words):
            if i + 1 < len(words) and words[i] + words[i + 1] in self.vocab:
                merged.append((words[i] + words[i + 1], i))
                i += 2
                continue
            merged.append((words[i], i))
            i += 1
        cache = self._terms_cache()
        terms: list[tuple[_Term, float]] = []
        for word, index in merged:
            found = cache.get(word)
            if found is None:
                if len(cache) >= WORD_CACHE_SIZE or self.__dict__.get("_contribs", 0) >= CONTRIB_CACHE_SIZE:
                    cache.clear()
                    self.__dict__["_contribs"] = 0
                found = cache[word] = self._word_terms(word)
            factor = CONTEXT_FACTOR if context_from is not None and index >= context_from else 1.0
            if word in ROLE_WORDS and len(words) > 1:
                factor *= ROLE_FACTOR
            if len(found) == 1:  # (most words: no generator for one term)
                terms.append((found[0], factor))
            else:
                terms.extend((term, factor) for term in found)
        return terms

    def reached(self, words: Sequence[str]) -> set[int]:
        """The index words that ``words`` reach as ``search`` reads them (each word, its stem,
        prefix and ending relatives, a compound's parts): which words of a label the text says."""
        return {tid for term, _ in self._query_terms(words, None) for tid, _ in term.expansions}

    def stem(self, word: str) -> str:
        """``textnorm.stem``, remembered in the per-word cache."""
        stems: dict[str, str] | None = self.__dict__.get("_stems")
        if stems is None:
            stems = self.__dict__["_stems"] = {}
        found = stems.get(word)
        if found is None:
            if len(stems) >= WORD_CACHE_SIZE:
                stems.clear()
            found = stems[word] = textnorm.stem(word)
        return found

    def _terms_cache(self) -> dict[str, list[_Term]]:
        """Terms per query word, kept between queries (words repeat far more than titles)."""
        cache: dict[str, list[_Term]] | None = self.__dict__.get("_cache")
        if cache is None:
            cache = self.__dict__["_cache"] = {}
        return cache

    def __getstate__(self) -> dict[str, object]:
        """Pickle the index without the per-word caches, its id tables flat (``label_pickle``)."""
        return label_pickle.pack(
            {k: v for k, v in self.__dict__.items() if k not in ("_cache", "_stems", "_contribs", "_arrays")}
        )

    def __setstate__(self, state: dict[str, object]) -> None:
        """A loaded index, one int object per id (``label_pickle``)."""
        self.__dict__.update(label_pickle.unpack(state))

    def _word_terms(self, word: str) -> list[_Term]:
        """One query word as terms: itself with its expansions, or the parts of a compound."""
        expansions = self._expand(word)
        fuzzy_only = bool(expansions) and word not in self.vocab and max(s for _, s in expansions) < S_SPLIT
        if (not expansions or fuzzy_only) and len(word) >= 7 and word.isalpha():
            parts = self._split(word)
            if parts:
                modifier, head = parts
                head_exp = self._expand(head)
                mod_exp = self._expand(modifier) if len(modifier) >= 3 else []
                terms = []
                if head_exp:
                    terms.append(self._term(self._weight(head_exp), head_exp))
                if mod_exp:
                    terms.append(self._term(0.5 * self._weight(mod_exp), mod_exp))
                if terms:
                    return terms
        if expansions:
            return [self._term(self._weight(expansions), expansions)]
        return [_Term(UNKNOWN_WEIGHT, [], 0)]

    def _term(self, weight: float, expansions: list[tuple[int, float]]) -> _Term:
        return _Term(weight, expansions, sum(len(self.postings[t]) for t, _ in expansions))

    def _contributions(self, term: _Term) -> dict[int, float]:
        """Rough score a term gives each label it generates: weight x strength / sqrt(label
        weight), the strongest expansion per label; computed once per word and kept."""
        if term.contrib is None:
            strongest = max(strength for _, strength in term.expansions)
            contrib: dict[int, float] = {}
            inv_sqrt = self.label_inv_sqrt
            for tid, strength in sorted(term.expansions, key=lambda e: -e[1]):
                if strength < GENERATE_MIN <= strongest:
                    break  # weak expansions (compounds with this head) only count in pass 2
                inc = term.weight * strength
                for lid in self.postings[tid]:
                    if lid not in contrib:
                        contrib[lid] = inc * inv_sqrt[lid]
            term.contrib = contrib
            self.__dict__["_contribs"] = self.__dict__.get("_contribs", 0) + len(contrib)
        return term.contrib

    def _other_language_factor(self, words: Sequence[str], lang: str) -> float:
        """``LANG_OTHER`` when every query word the index knows is a word of a label in ``lang``
        (and at least one is), else 1.0: the requested language is a prior, not a filter."""
        bit = LANG_BITS.get(lang, 0)
        if not bit:
            return 1.0
        vocab, word_langs = self.vocab, self.word_langs
        known = False
        for word in words:  # (one loop: a list and ``all`` over it cost a fifth more)
            tid = vocab.get(word)
            if tid is not None:
                if not word_langs[tid] & bit:
                    return 1.0
                known = True
        return LANG_OTHER if known else 1.0

    def _weight(self, expansions: list[tuple[int, float]]) -> float:
        return max(self.idf[t] * s for t, s in expansions)

    def search(
        self, words: Sequence[str], *, lang: str, limit: int, context_from: int | None = None
    ) -> list[Hit]:
        """Best labels for query words: (concept, score 0-100, label id), best concept first.

        Words from index ``context_from`` on name the workplace ("kok in restaurant"): they
        count ``CONTEXT_FACTOR`` of their weight and generate no candidates of their own.
        ``search_many`` gives the same answers for many queries at once (numpy).
        """
        if not words:
            return []
        short = shortlist(self, words, lang, context_from)
        if short is None:
            return []
        terms, weights_q, total, top_labels = short.terms, short.weights_q, short.total, short.top_labels
        exact, exact_stem, other_factor = short.exact, short.exact_stem, short.other_factor
        label_weight = self.label_weight
        # pass 2: full score of the candidates, every query word counted (``label_cover``)
        scored: dict[int, tuple[float, int, float]] = {}
        kinds, langs, concepts = self.label_kind, self.label_lang, self.label_concept
        other_langs = _OTHER_LANGS.get(lang, frozenset())
        token_share, string_share = 100.0 * (1.0 - FUZZ_BLEND), FUZZ_BLEND
        covered = coverage(terms, weights_q, top_labels, self.label_tokens, self.idf)
        q_plain = Q_EXP == 1.0  # pow(v, 1.0) is v (``coding_batch._power``): no call per label
        whole = bool(exact or exact_stem)
        for lid, string_score, (matched_query, matched_label) in zip(
            top_labels, short.string_scores, covered, strict=True
        ):
            q_cover = matched_query / total
            if q_cover > 1.0:  # noqa: PLR1730 (hot loop: a call to min/max costs)
                q_cover = 1.0
            l_cover = matched_label / label_weight[lid]
            if l_cover > 1.0:  # noqa: PLR1730 (hot loop: a call to min/max costs)
                l_cover = 1.0
            q_power = q_cover if q_plain else q_cover**Q_EXP
            score = token_share * q_power * l_cover**L_EXP + string_share * string_score
            label_lang = langs[lid]
            if whole:  # (most titles equal no label: no set look-up per label then)
                if lid in exact:
                    score = 100.0
                elif lid in exact_stem and score < EXACT_STEM_SCORE and label_lang not in other_langs:
                    # equal up to word endings: the stem rules are Dutch and English at once, so
                    # only a label in the requested language (Dutch *lassen*, to weld, is not
                    # English *lasers*)
                    score = EXACT_STEM_SCORE
            score *= kinds[lid]
            if label_lang == lang:
                score += LANG_BONUS
            elif other_factor < 1.0 and label_lang in LANG_BITS:
                score *= other_factor
            if score > 100.0:  # noqa: PLR1730 (hot loop: a call to min costs)
                score = 100.0
            concept = concepts[lid]
            previous = scored.get(concept)
            if previous is None:
                scored[concept] = (score, lid, 0.0)
            elif score > previous[0]:
                scored[concept] = (score, lid, previous[0])
            elif score > previous[2]:
                scored[concept] = (previous[0], previous[1], score)
        # rank: an occupation several of whose labels match is a safer answer than one lucky
        # label; the score shown is that of its best label
        prior = self.concept_prior
        ranked = [
            (-(best + AGGREGATE * second + PRIOR * prior[concept]), label_weight[lid], concept, best, lid)
            for concept, (best, lid, second) in scored.items()
        ]
        ranked.sort()  # ties: the shorter label, then the lower index
        return [(concept, best, lid) for _, _, concept, best, lid in ranked[:limit]]

    def search_many(
        self, queries: Sequence[tuple[Sequence[str], int | None]], *, lang: str, limit: int
    ) -> list[list[Hit]]:
        """``search`` for many queries (words, ``context_from``) at once, the same answers: pass 1
        per query, pass 2 and the ranking for all of them in one numpy batch (``coding_batch``)."""
        from skilltool import coding_batch  # lazy: numpy, for batches only

        self.prepare_batches()
        arrays = self.__dict__["_arrays"]
        shortlists = [
            shortlist(self, words, lang, context, strings=False) if words else None
            for words, context in queries
        ]
        live = [short for short in shortlists if short is not None]
        scored = iter(coding_batch.full_scores(arrays, live, self.label_sorted, lang=lang, limit=limit))
        return [next(scored) if short is not None else [] for short in shortlists]

    def prepare_batches(self) -> None:
        """Build ``search_many``'s arrays now (before worker processes fork and share them)."""
        from skilltool import coding_batch  # lazy: numpy, for batches only

        if "_arrays" not in self.__dict__:
            self.__dict__["_arrays"] = coding_batch.index_arrays(self)
