"""Code free text to ESCO occupations (and ISCO-08) or to ESCO skills.

How it works (docs/coding.md has the method in full and the measured figures):

1. ``textnorm.normalize`` folds case, accents and Arabic/Persian letter variants and drops what
   people say around a title ("ik werkte 10 jaar als", "in Syrië", "(m/v)").
2. Every ESCO label (preferred, alternative, hidden; Dutch and English) and every curated alias
   is normalised the same way and put in a ``LabelIndex``: an exact dictionary of whole labels
   and an inverted index from words to labels, with an IDF weight per word.
3. Each word of the query is expanded to index words: itself, words with the same stem
   (*kapster* ~ *kapper*), words of the same family (*farmacie* ~ *farmacoloog*), close
   spellings of an unknown word (*electrition* ~ *electrician*), the parts of an unknown
   compound (*afrokapper* -> *kapper*) and compounds with the word as their head
   (*chauffeur* -> *vrachtwagenchauffeur*). Expansions are cached per word.
4. Rare words generate candidate labels through the inverted index (no full scan); the best
   candidates get an IDF-weighted coverage score of query and label, blended with rapidfuzz's
   token-sort ratio; an exact normalised label scores 100.
5. Label scores aggregate to occupations; the list is spread over ISCO-08 unit groups, a close
   call goes to the group the candidates support most.
6. ISCO-08 groups are concepts too: ESCO's group labels and CBS's Dutch title index
   (``data/cbs_title_index.yaml``). A matched unit group resolves to its best-matching ESCO
   occupation (or stays the group); a one-word title that spreads over several unit groups
   ("leraar", "verkoper") gets the group they share first. A word of the requested language
   outranks the same spelling in the other (``LANG_OTHER``).
7. ``needs_review`` is calibrated on measured error rates: only an exact, uncontested label
   goes unchecked. A flagged list is fused with a character n-gram second opinion
   (``ngram_scorer``, numpy), loaded on the first flagged title.

The compiled index holds plain lists and dicts and is pickled in the user's cache, keyed by the
data files' SHA-256, so a warm ``occupation code`` starts in a fraction of a second.
"""

from __future__ import annotations

import bisect
import gc
import heapq
import math
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from skilltool import textnorm
from skilltool.errors import DataFileError, NotFoundError
from skilltool.models import (
    Candidate,
    CodingResult,
    IscoGroupDetails,
    OccupationAliasesFile,
    OccupationDetails,
    OccupationSummary,
    SkillCandidate,
    SkillCodingResult,
    SkillRef,
    Tightness,
)

if TYPE_CHECKING:
    from skilltool.ngram_scorer import NgramScorer
    from skilltool.reference import ReferenceData

INDEX_VERSION = 12
"""Part of the cache key, with this module's source: an edit here rebuilds the compiled index."""

# Weights of the kinds of label. Hidden labels are often misspellings ESCO keeps on purpose.
KIND_PREFERRED = 1.0
KIND_ALT = 0.96
KIND_HIDDEN = 0.95
KIND_ALIAS = 1.0
# CBS's Dutch unit-group title, as a name of the group's best-known occupation only (on every
# occupation of the group the members tie and crowd the top five). MELO Dutch ISCO-4 went from
# 0.570/0.748 to 0.578/0.766, the Belgian-Dutch set from 0.640/0.777 to 0.649/0.787.
KIND_CBS = 0.9
# CBS's Dutch title index (data/cbs_title_index.yaml): each title is a label of its ISCO-08 unit group,
# which is then resolved to the group's best-matching ESCO occupation (or kept as the group).
KIND_CBS_TITLE = 1.0
# ESCO's own ISCO-08 group labels (1-4 digits, Dutch and English): a title that names a group
# ("artsen", "teaching professionals") finds the group itself.
KIND_GROUP = 0.9

# Strength of a match between a query word and an index word.
S_EXACT = 1.0
S_STEM = 0.92
S_HEAD = 0.6  # the query word is the head of a compound in the label (chauffeur ~ vrachtwagenchauffeur)
COMPOUNDS_LIMIT = 80  # compounds with a query word as their head, at most
S_PREFIX = 0.75  # the query word and an index word share most of their beginning
PREFIX_MIN_WORD = 7  # only words this long get prefix matches
PREFIX_MIN_SHARED = 6
PREFIX_SHARE = 0.7  # share of the query word that must be the shared beginning
S_SPLIT = 0.85  # a fuzzy match weaker than this loses to a split into known parts
FUZZY_CUTOFF = 80.0  # rapidfuzz ratio for a misspelt word
FUZZY_LENGTH = 3  # a misspelling is at most this many letters longer or shorter

NOISE_FACTOR = 0.25  # weight of seniority and vacancy words (senior, medewerker)
UNKNOWN_WEIGHT = 1.0  # weight of a query word no label has (a place, a company name)
POSTINGS_LIMIT = 600  # a word with more labels than this is frequent (medewerker, manager)
GENERATE_MIN = 0.7  # expansions weaker than this do not generate candidates (when a stronger one does)
# A role word that takes a subject ("docent wiskunde", "X teacher") names the occupation;
# its IDF is low (many teacher occupations) and the subject's high, so without help the subject's
# own occupation (wiskundige) wins. 1.5, not more: at 2.5 any "leraar X" label beats the
# subject (tried: "leraar wiskunde" -> leraar drama).
ROLE_FACTOR = 1.5
ROLE_WORDS = textnorm.ROLE_WORDS
CONTEXT_FACTOR = 0.4  # weight of the words naming a workplace (after bij/op/at)
CANDIDATE_LABELS = 60  # labels scored in full per query, at most
NLARGEST_FROM = 1_000  # rough lists longer than this are cut with a heap, not sorted whole
ROUGH_FLOOR = 0.4  # candidates under this share of the best rough score are not scored in full
Q_EXP = 1.0  # how much an unexplained query word costs
L_EXP = 0.5  # how much an unmatched label word costs
FUZZ_BLEND = 0.15  # share of the rapidfuzz string score in a label's score
PRIOR = 1.5  # points per log(label count): common occupations (many names) win close calls
AGGREGATE = 0.05  # share of an occupation's second-best label added to its best
EXACT_STEM_SCORE = 95.0  # a whole label equal up to word endings (below an exact alternative label)
LANG_BONUS = 0.5  # points for a label in the requested language (a tie-breaker)
# When every query word is a word of the requested language's labels ("arts" is Dutch for doctor),
# a label in the other language counts this share of its score: the same spelling in English
# (*arts worker*) must not win. --lang stays a prior: a word only the other language has is
# matched at full strength.
LANG_OTHER = 0.9
LANG_BITS = {"nl": 1, "en": 2}

POOL = 12  # occupations considered for the final ranking
GROUP_EXTRA = 8  # more hits asked of the index, so a matched group finds its occupations
GROUP_FIT = 100.0  # a group's occupation this far below the group's title still stands for it
# A one-word title whose close candidates (within GENERIC_WINDOW of the best) spread over
# GENERIC_UNITS or more ISCO-08 unit groups names a family (leraar, verkoper, monteur): the
# group their scores mostly share (GENERIC_SHARE, 3 digits, else 2) comes first, flagged.
GENERIC_WINDOW = 35.0
GENERIC_UNITS = 3
GENERIC_SHARE = 0.6
FAMILY_TITLES = 10  # CBS titles with one head word needed to call it a family's name
ISCO_URI = "http://data.europa.eu/esco/isco/C"
# The second opinion (ngram_scorer) for a title that would be flagged: reciprocal-rank fusion of
# the lexical list and the character n-gram ranking, 1 / (RRF_K + rank) each, the second
# weighted NGRAM_WEIGHT. Tuned on the JobBERT validation half and the MELO titles in CBS's index.
RRF_K = 10.0
NGRAM_WEIGHT = 1.0  # 0 turns the second opinion off
NGRAM_POOL = 20
# A flagged list whose best score is at least NGRAM_BELOW (but not exact) skips the second
# opinion: there it changed nothing on the tuning halves (top-5 the same from 70 to 80), and it
# saves its cost on a fifth of vacancy titles. Exact but contested answers (a CBS title ESCO
# disagrees with) still get it: they gained 0.017 at top-5.
NGRAM_BELOW = 70.0
SPECIALISATIONS = 3  # occupations of a leading ISCO group listed right after it
NGRAM_MIN = 0.1  # cosine under this: nothing to say ("juf"); 0.3 lost most of the top-5 gain
# The lexical first candidate keeps its place: fusing it too lowered top-1 (MELO titles in CBS's
# index 0.788 -> 0.707, JobBERT validation 0.311 -> 0.308) for no top-5 gain worth it.
FUSE_KEEP_FIRST = True
CLOSE_CALL = 1.0  # candidates this close to the best may overtake it on their ISCO group's support
DIVERSITY = 15.0  # points off per occupation already listed from the same ISCO group

REVIEW_BELOW = 75.0  # skills: best score under this, a person should check
# Occupations: calibrated on measured error rates (docs/coding.md, "needs_review"). Only an exact
# whole label (score 100: an ESCO label, an alias, a CBS title) was right often enough to go
# unchecked; under it the top-1 ISCO-4 precision was 0.75 or less on the tuning halves.
REVIEW_EXACT = 99.95
REVIEW_MARGIN = 2.5  # a runner-up this close with another ISCO code: a person should check
MEMO_SIZE = 100_000  # ranked hits per query (a few small tuples each)
WORD_CACHE_SIZE = 50_000  # words whose expansions are kept
CONTRIB_CACHE_SIZE = 400_000
"""Rough label scores kept across the cached words, at most (about 36 MB). Each word keeps one per
label it generates (thousands for a common word): 30,000 distinct titles filled 2.3 million
(214 MB) under the word bound alone. At 200,000 the 18,000 distinct gold titles coded 4-5%
slower (the cache cleared mid-run); from 400,000 up no difference was measured."""


def _build_key() -> bytes:
    """What the compiled index depends on besides the data: this module's and the normaliser's
    source (weights, rules, layout), so any change to them rebuilds the index."""
    weights = (KIND_PREFERRED, KIND_ALT, KIND_HIDDEN, KIND_ALIAS, KIND_CBS, NOISE_FACTOR)
    return (
        b"%d\0%s\0%s\0%s"
        % (
            INDEX_VERSION,
            repr(weights).encode(),
            Path(__file__).read_bytes(),
            Path(textnorm.__file__).read_bytes(),
        )
        + Path(__file__).with_name("ngram_scorer.py").read_bytes()
    )


def _read_without_gc(path: Path | None) -> object:
    """``reference.cache_read`` with the garbage collector paused: unpickling a hundred thousand
    small lists is three times faster when the collector does not scan them half-way."""
    from skilltool import reference

    enabled = gc.isenabled()
    gc.disable()
    try:
        return reference.cache_read(path)
    finally:
        if enabled:
            gc.enable()


def _add(index: dict[str, int | tuple[int, ...]], key: str, lid: int) -> None:
    found = index.get(key)
    index[key] = lid if found is None else (*_ids(found), lid)


def _ids(found: int | tuple[int, ...] | None) -> set[int]:
    if found is None:
        return set()
    return {found} if isinstance(found, int) else set(found)


def _compact(words: Iterable[str]) -> str:
    return "".join(words)


@dataclass(slots=True)
class _Term:
    """One word of a query: its weight, the index words it may stand for (with a strength), how
    many labels those have, and (once computed) the rough score it gives each label."""

    weight: float
    expansions: list[tuple[int, float]]
    size: int
    contrib: dict[int, float] | None = None


class LabelIndex:
    """Labels of concepts, compiled for fast lookup. Plain lists and dicts only (pickled)."""

    def __init__(self, entries: Iterable[tuple[int, str, float, str]]) -> None:
        """``entries``: (concept index, label text, kind weight, language)."""
        best: dict[tuple[int, str], tuple[float, str, str]] = {}
        for concept, text, kind, lang in entries:
            norm = textnorm.clean(text)
            if not norm:
                continue
            key = (concept, norm)
            if key not in best or kind > best[key][0]:
                best[key] = (kind, text, lang)
        self.label_text: list[str] = []
        label_norm: list[str] = []
        label_concept: list[int] = []
        label_kind: list[float] = []
        self.label_lang: list[str] = []
        label_tokens: list[tuple[int, ...]] = []
        self.vocab: dict[str, int] = {}
        self.words: list[str] = []
        self.word_langs: list[int] = []  # per word: bit 1 a Dutch label has it, bit 2 an English one
        concept_sets: list[set[int]] = []
        for (concept, norm), (kind, text, lang) in sorted(best.items()):
            ids = []
            for word in textnorm.tokens(norm, lang if lang in ("nl", "en") else None):
                tid = self.vocab.get(word)
                if tid is None:
                    tid = self.vocab[word] = len(self.words)
                    self.words.append(word)
                    self.word_langs.append(0)
                    concept_sets.append(set())
                self.word_langs[tid] |= LANG_BITS.get(lang, 0)
                concept_sets[tid].add(concept)
                if tid not in ids:
                    ids.append(tid)
            self.label_text.append(text)
            label_norm.append(norm)
            label_concept.append(concept)
            label_kind.append(kind)
            self.label_lang.append(lang)
            label_tokens.append(tuple(ids))
        n_concepts = max(len({c for c, _ in best}), 1)
        idf: list[float] = []
        for word, concepts in zip(self.words, concept_sets, strict=True):
            weight = math.log(1.0 + n_concepts / len(concepts))
            if word in textnorm.NOISE:
                weight *= NOISE_FACTOR
            idf.append(weight)
        postings: list[list[int]] = [[] for _ in self.words]
        for lid, token_ids in enumerate(label_tokens):
            for tid in token_ids:
                postings[tid].append(lid)
        label_weight = [sum(idf[t] for t in tids) or 1.0 for tids in label_tokens]
        # The bulky per-label numbers and the postings live in typed arrays, not lists of Python
        # objects: a third of the memory, and a forked batch worker that reads them does not
        # write to the shared pages (reading a list item writes its reference count), so it does
        # not copy them. Per-word tables and the label tokens stay lists/tuples: they are read in
        # every inner loop, and as arrays they cost a few percent of the throughput.
        self.idf: Sequence[float] = idf
        self.label_concept: Sequence[int] = array("i", label_concept)
        self.label_kind: Sequence[float] = label_kind
        self.label_tokens: list[Sequence[int]] = list(label_tokens)
        self.postings: list[Sequence[int]] = [array("i", p) for p in postings]
        self.label_weight: Sequence[float] = array("d", label_weight)
        self.label_inv_sqrt: Sequence[float] = array("d", [1.0 / math.sqrt(w) for w in label_weight])
        # each label's words sorted, for rapidfuzz's token_sort_ratio without re-sorting per query
        self.label_sorted: list[str] = [" ".join(sorted(norm.split())) for norm in label_norm]
        # whole labels (and their stems) without spaces -> label id, or a tuple of ids when
        # several labels share the key (plain ints keep the cache small and quick to load)
        self.exact: dict[str, int | tuple[int, ...]] = {}
        self.exact_stem: dict[str, int | tuple[int, ...]] = {}
        for lid, token_ids in enumerate(label_tokens):
            words = [self.words[t] for t in token_ids]
            _add(self.exact, _compact(words), lid)
            _add(self.exact_stem, _compact(textnorm.stem(w) for w in words), lid)
        self.by_stem: dict[str, list[int]] = {}
        for tid, word in enumerate(self.words):
            self.by_stem.setdefault(textnorm.stem(word), []).append(tid)
        # compounds by their head word: vrachtwagenchauffeur -> chauffeur
        self.compounds: dict[int, list[int]] = {}
        for tid, word in enumerate(self.words):
            head = self._head(word, exclude_self=True)
            if head is not None:
                self.compounds.setdefault(head, []).append(tid)
        # words by their reversed spelling, to find the compounds an unknown word is the head of
        self.reversed_words: list[str] = sorted(word[::-1] for word in self.words)
        self.sorted_words: list[str] = sorted(self.words)
        # how common an occupation is, judged by how many names it has (log of its label count)
        counts: dict[int, int] = {}
        for concept in label_concept:
            counts[concept] = counts.get(concept, 0) + 1
        size = max(counts, default=-1) + 1
        self.concept_prior: Sequence[float] = [math.log1p(counts.get(c, 0)) for c in range(size)]
        # words by first letter and length, for close spellings (a ratio of 80 allows a length
        # difference of a few letters only)
        self.buckets: dict[tuple[str, int], list[str]] = {}
        for word in self.words:
            if len(word) >= 4:
                self.buckets.setdefault((word[0], len(word)), []).append(word)

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

    def _split(self, word: str) -> list[str]:
        """An unknown compound split into known parts (modifier, head), or [] if it does not split."""
        for start in range(3, len(word) - 2):
            head = word[start:]
            if len(head) == 3 and head not in self.exact:
                continue  # a three-letter head only when it is a whole label (kok, vet)
            if head in self.vocab or textnorm.stem(head) in self.by_stem:
                modifier = word[:start]
                return [modifier, head]
        return []

    def _expand(self, word: str) -> list[tuple[int, float]]:
        """Index words that ``word`` may stand for, with a match strength 0-1."""
        found: dict[int, float] = {}
        tid = self.vocab.get(word)
        if tid is not None:
            found[tid] = S_EXACT
            for comp in self.compounds.get(tid, ())[:COMPOUNDS_LIMIT]:
                found.setdefault(comp, S_HEAD)
        key = textnorm.stem(word)
        for other in (*self.by_stem.get(key, ()), *self.by_stem.get(word, ())):  # and arts ~ artsen
            if found.get(other, 0.0) < S_STEM:
                found[other] = S_STEM
        if len(word) >= PREFIX_MIN_WORD and word.isalpha() and S_PREFIX > 0:
            for other in self._sharing_prefix(word):
                found.setdefault(other, S_PREFIX)
        if not found and len(word) >= 5 and word.isalpha():
            for comp in self._ending_with(word):
                found[comp] = S_HEAD
        if not found and len(word) >= 5 and word.isalpha():
            bucket = [
                w
                for size in range(len(word) - FUZZY_LENGTH, len(word) + FUZZY_LENGTH + 1)
                for w in self.buckets.get((word[0], size), ())
            ]
            for match, score, _ in process.extract(
                word, bucket, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=3
            ):
                mid = self.vocab[match]
                strength = 0.95 * score / 100.0
                for other in [mid, *self.by_stem.get(textnorm.stem(match), ())]:
                    if found.get(other, 0.0) < strength:
                        found[other] = strength
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
            terms.extend((term, factor) for term in found)
        return terms

    def _stem(self, word: str) -> str:
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
        """Pickle the index without the per-word caches."""
        return {k: v for k, v in self.__dict__.items() if k not in ("_cache", "_stems", "_contribs")}

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
        known = [tid for tid in map(self.vocab.get, words) if tid is not None]
        if known and all(self.word_langs[tid] & bit for tid in known):
            return LANG_OTHER
        return 1.0

    def _weight(self, expansions: list[tuple[int, float]]) -> float:
        return max(self.idf[t] * s for t, s in expansions)

    def search(
        self, words: Sequence[str], *, lang: str, limit: int, context_from: int | None = None
    ) -> list[tuple[int, float, int]]:
        """Best labels for query words: (concept, score 0-100, label id), best concept first.

        Words from index ``context_from`` on name the workplace ("kok in restaurant"): they
        count ``CONTEXT_FACTOR`` of their weight and generate no candidates of their own.
        """
        if not words:
            return []
        weighted = self._query_terms(words, context_from)
        terms = [term for term, _ in weighted]
        weights_q = [term.weight * factor for term, factor in weighted]
        total = sum(weights_q) or 1.0
        # pass 1: rough score from the rarer words; a frequent word (more than POSTINGS_LIMIT
        # labels) generates nothing, unless it is all there is; pass 2 still counts it
        rare = [0 < t.size <= POSTINGS_LIMIT and f >= 1.0 for t, (_, f) in zip(terms, weighted, strict=True)]
        if not any(rare):
            live = [i for i, t in enumerate(terms) if t.size > 0]
            if not live:
                return []
            rare[min(live, key=lambda i: terms[i].size)] = True
        # merging the words' cached contributions runs in C but for the labels they share
        rough: dict[int, float] = {}
        for term, generating in zip(terms, rare, strict=True):
            if not generating:
                continue
            contrib = self._contributions(term)
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
        label_weight = self.label_weight
        # pass 2: full score of the candidates, every query word counted
        qmap: dict[int, list[tuple[int, float]]] = {}
        for pos, term in enumerate(terms):
            for tid, strength in term.expansions:
                qmap.setdefault(tid, []).append((pos, strength))
        compact = _compact(words)
        exact = _ids(self.exact.get(compact))
        exact_stem = _ids(self.exact_stem.get(_compact(self._stem(w) for w in words)))
        exact_stem |= _ids(self.exact_stem.get(compact))  # the text is a label's stem (arts ~ artsen)
        top_labels.extend((exact | exact_stem).difference(top_labels))  # a whole label always competes
        query_sorted = " ".join(sorted(words))
        label_sorted = self.label_sorted
        string_scores = [0.0] * len(top_labels)
        for _, string_score, i in process.extract(  # one C loop: faster than a call per label
            query_sorted, [label_sorted[lid] for lid in top_labels], scorer=fuzz.ratio, limit=None
        ):
            string_scores[i] = string_score
        scored: dict[int, tuple[float, int, float]] = {}
        label_tokens, idf, qget = self.label_tokens, self.idf, qmap.get
        kinds, langs, concepts = self.label_kind, self.label_lang, self.label_concept
        other_factor = self._other_language_factor(words, lang)
        other_langs = {x for x in LANG_BITS if x != lang} if lang in LANG_BITS else set()
        token_share, string_share = 100.0 * (1.0 - FUZZ_BLEND), FUZZ_BLEND
        for lid, string_score in zip(top_labels, string_scores, strict=True):
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
                    if strength > top_strength:  # noqa: PLR1730 (hot loop: a call to min/max costs)
                        top_strength = strength
                matched_label += idf[tid] * top_strength
            matched_query = 0.0
            for pos, strength in best_pos.items():
                matched_query += weights_q[pos] * strength
            q_cover = matched_query / total
            if q_cover > 1.0:  # noqa: PLR1730 (hot loop: a call to min/max costs)
                q_cover = 1.0
            l_cover = matched_label / label_weight[lid]
            if l_cover > 1.0:  # noqa: PLR1730 (hot loop: a call to min/max costs)
                l_cover = 1.0
            score = token_share * q_cover**Q_EXP * l_cover**L_EXP + string_share * string_score
            if lid in exact:
                score = 100.0
            elif lid in exact_stem and score < EXACT_STEM_SCORE and langs[lid] not in other_langs:
                # equal up to word endings: the stem rules are Dutch and English at once, so
                # only a label in the requested language (Dutch *lassen*, to weld, is not
                # English *lasers*)
                score = EXACT_STEM_SCORE
            score *= kinds[lid]
            if langs[lid] == lang:
                score += LANG_BONUS
            elif other_factor < 1.0 and langs[lid] in LANG_BITS:
                score *= other_factor
            score = min(score, 100.0)
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


# --- occupations ---------------------------------------------------------------------------


@dataclass
class _OccupationTable:
    """What the coder needs of each occupation, as plain lists (pickled with the index)."""

    uris: list[str]
    iscos: list[str]
    label_nl: list[str]
    label_en: list[str]
    index: LabelIndex
    n_occ: int = 0  # concepts from this index on are ISCO-08 groups, not occupations
    group_of: dict[str, int] | None = None  # ISCO-08 code -> its group concept
    documents: list[list[str]] | None = None  # per occupation its normalised labels (second opinion)
    # stem of a Dutch head word -> the ISCO-08 group most CBS titles with that head share
    # (monteur: gasmonteur, automonteur, ... -> 7), see ``cbs_families``
    families: dict[str, str] | None = None


def _problem_result(text: str, normalized: str, problem: str) -> CodingResult:
    return CodingResult(
        input=_echo(text), normalized=normalized, needs_review=True, candidates=[], problem=problem
    )


def _echo(text: str) -> str:
    """The input as shown back: control characters as '?', cut when absurdly long, so one bad
    line can neither flood nor garble the output."""
    text = text[: textnorm.MAX_CHARS + 1]
    if not text.isprintable() or "\ufffd" in text:
        text = "".join("?" if textnorm.is_control(ch) else ch for ch in text)
    return text if len(text) <= textnorm.MAX_CHARS else text[: textnorm.MAX_CHARS] + "..."


def _prepare(text: str) -> tuple[str, list[str], str | None]:
    """Normalised text, its words, and a problem to report (or None)."""
    if not text.strip():
        return "", [], "empty: nothing to code"
    if textnorm.looks_binary(text):
        return "", [], "not text (binary data or a wrong encoding); save the input as UTF-8 text"
    normalized = textnorm.normalize(text)
    words = list(dict.fromkeys(textnorm.tokens(normalized)))  # a repeated word counts once
    if not words:
        return normalized, [], "no letters or digits to code; check the text"
    if len(text) > textnorm.MAX_CHARS:
        return normalized, words, f"longer than {textnorm.MAX_CHARS} characters: coded the start only"
    return normalized, words, None


def _context_from(normalized: str, words: list[str]) -> int | None:
    start = textnorm.context_start(normalized) if CONTEXT_FACTOR < 1.0 else None
    return start if start is not None and start < len(words) else None


class OccupationCoder:
    """Free text (a job title as a person says it) to ranked ESCO occupations with ISCO-08."""

    def __init__(self, table: _OccupationTable, ngram_key: bytes | None = None) -> None:
        self._table = table
        self._ngram_key = ngram_key  # cache key of the second opinion (None: build, do not cache)
        self._ngram_scorer: NgramScorer | None = None
        self._memo: dict[tuple[str, str, int, int | None], tuple[list[tuple[int, float, int]], bool]] = {}
        self._group_members: dict[str, list[int]] = {}

    @classmethod
    def from_reference(cls, ref: ReferenceData) -> OccupationCoder:
        """The coder for a data folder: from the compiled cache when warm, else built and cached."""
        from skilltool import reference

        raw = reference.read_data_bytes(ref.path("occupations.yaml"))
        alias_path = ref.path(ALIASES_FILE)
        raw_aliases = reference.read_data_bytes(alias_path) if alias_path.exists() else b""
        cbs_path = ref.path(CBS_TITLES_FILE)
        raw_cbs = reference.read_data_bytes(cbs_path) if cbs_path.exists() else b""
        key = b"%s\0%s\0%s\0%s" % (_build_key(), raw, raw_aliases, raw_cbs)
        cached_at = reference.cache_path(key, _OccupationTable)
        table = _read_without_gc(cached_at)
        if not isinstance(table, _OccupationTable):
            table = build_occupation_table(ref)
            reference.cache_write(cached_at, table)
        return cls(table, ngram_key=key + b"\0ngrams")

    @property
    def ngrams(self) -> NgramScorer | None:
        """The second opinion, loaded (or built) on first use: a title coded without review never
        needs it, so a warm ``occupation code lasser`` does not load numpy or its arrays."""
        if self._ngram_scorer is None and self._table.documents is not None:
            from skilltool import reference
            from skilltool.ngram_scorer import NgramScorer

            cached_at = reference.cache_path(self._ngram_key, NgramScorer) if self._ngram_key else None
            scorer = reference.cache_read(cached_at)
            if not isinstance(scorer, NgramScorer):
                scorer = NgramScorer(self._table.documents)
                reference.cache_write(cached_at, scorer)
            self._ngram_scorer = scorer
        return self._ngram_scorer

    def preload(self) -> None:
        """Load the second opinion now (a batch does, before its workers fork and share it)."""
        _ = self.ngrams

    @property
    def size(self) -> tuple[int, int]:
        """(occupations, labels) in the index."""
        return len(self._table.uris), len(self._table.index.label_text)

    def code(self, text: str, *, lang: str = "nl", top: int = 5) -> CodingResult:
        """Rank ESCO occupations for ``text``; never raises on odd input (see ``problem``)."""
        normalized, words, problem = _prepare(text)
        if not words:
            return _problem_result(text, normalized, problem or "nothing to code")
        context = _context_from(normalized, words)
        key = (" ".join(words), lang, top, context)
        memo = self._memo.get(key)
        if memo is None:
            memo = self._rank(words, lang=lang, top=max(top, 5), context=context)
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = memo
        hits, review = memo
        candidates = self._candidates(hits, lang)
        if not candidates:
            problem = problem or "no ESCO label or alias shares a word with this text; check the spelling"
        return CodingResult.model_construct(
            input=_echo(text),
            normalized=normalized,
            needs_review=review,
            candidates=candidates[:top],
            problem=problem,
        )

    def _rank(
        self, words: list[str], *, lang: str, top: int, context: int | None
    ) -> tuple[list[tuple[int, float, int]], bool]:
        """(concept, score, label id) best first, and whether a person should check. A weak
        (flagged) list is fused with the character n-gram second opinion; label id -1 marks a
        candidate no single label matched (a family's group, or found by the second opinion only)."""
        t = self._table
        found = t.index.search(words, lang=lang, limit=POOL + GROUP_EXTRA, context_from=context)
        esco_isco = next((t.iscos[c] for c, _, _ in found if c < t.n_occ), "")
        found = self._resolve_groups(found)
        hits = _rerank(found, t.iscos, top=top)
        family = self._family(words[0], lang, found) if len(words) == 1 and found else None
        if family is not None:
            # no one label matched the group: it shows its own name as `matched` (label id -1)
            hits = [(family, found[0][1], -1), *(h for h in hits if h[0] != family)]
        via_group = bool(hits) and hits[0][2] >= 0 and t.index.label_concept[hits[0][2]] >= t.n_occ
        review = _review(
            [(t.iscos[c], score, c >= t.n_occ) for c, score, _ in hits], esco_isco if via_group else None
        )
        weak = not hits or not NGRAM_BELOW <= hits[0][1] < REVIEW_EXACT
        if review and weak and NGRAM_WEIGHT > 0 and self.ngrams is not None:
            hits = self._second_opinion(words, hits, top=top)
        if hits and hits[0][0] >= t.n_occ and self.ngrams is not None:
            hits = self._specialisations(words, hits, top=top)
        return hits, review

    def _specialisations(
        self, words: list[str], hits: list[tuple[int, float, int]], *, top: int
    ) -> list[tuple[int, float, int]]:
        """A leading ISCO group followed by its ``SPECIALISATIONS`` occupations most like the text
        (the n-gram second opinion, restricted to the group; lexical matches first), then the rest."""
        t = self._table
        ngrams = self.ngrams
        assert ngrams is not None
        code = t.iscos[hits[0][0]]
        # a unit group's members share its code: one is enough, the other places go to other groups
        wanted = 1 if len(code) == 4 else SPECIALISATIONS
        lexical = [h for h in hits[1:] if h[0] < t.n_occ and t.iscos[h[0]].startswith(code)][:wanted]
        chosen = {c for c, _, _ in lexical}
        members = [c for c in self._members(code) if c not in chosen]
        if len(lexical) < wanted and members:
            scores = ngrams.scores(words)
            prior = t.index.concept_prior  # ties (no shared n-gram): the occupation with most names
            best = sorted(members, key=lambda c: (-float(scores[c]), -prior[c]))[: wanted - len(lexical)]
            lexical += [(c, 100.0 * float(scores[c]), -1) for c in best]
        chosen = {c for c, _, _ in lexical}
        rest = [h for h in hits[1:] if h[0] not in chosen]
        if len(code) == 4:  # the unit group is already the answer at ISCO-4: a member only in a free place
            return [hits[0], *rest, *lexical][: max(top, len(hits))]
        return [hits[0], *lexical, *rest][: max(top, 1 + wanted)]

    def _members(self, code: str) -> list[int]:
        """The occupations of ISCO-08 group ``code`` (any length), computed once per group."""
        found = self._group_members.get(code)
        if found is None:
            t = self._table
            found = self._group_members[code] = [c for c in range(t.n_occ) if t.iscos[c].startswith(code)]
        return found

    def _second_opinion(
        self, words: list[str], hits: list[tuple[int, float, int]], *, top: int
    ) -> list[tuple[int, float, int]]:
        """``hits`` fused with the character n-gram ranking (reciprocal ranks); a leading broader
        ISCO group (a family title) keeps its place."""
        t = self._table
        ngrams = self.ngrams
        assert ngrams is not None
        broad = bool(hits) and hits[0][0] >= t.n_occ and len(t.iscos[hits[0][0]]) < 4
        lead = hits[:1] if hits and (FUSE_KEEP_FIRST or broad) else []
        rest = hits[len(lead) :]
        fused: dict[int, float] = {}
        shown: dict[int, tuple[float, int]] = {}
        for rank, (c, score, lid) in enumerate(rest):
            fused[c] = 1.0 / (RRF_K + rank)
            shown[c] = (score, lid)
        for rank, (c, cosine) in enumerate(ngrams.rank(words, NGRAM_POOL)):
            if cosine < NGRAM_MIN:
                break
            fused[c] = fused.get(c, 0.0) + NGRAM_WEIGHT / (RRF_K + rank)
            shown.setdefault(c, (100.0 * cosine, -1))
        order = sorted(fused, key=lambda c: -fused[c])[: top - len(lead)]
        return lead + [(c, *shown[c]) for c in order]

    def _candidates(self, hits: list[tuple[int, float, int]], lang: str) -> list[Candidate]:
        t = self._table
        labels = t.label_nl if lang == "nl" else t.label_en
        others = t.label_en if lang == "nl" else t.label_nl
        return [  # built without validation: the values come from the validated data
            Candidate.model_construct(
                uri=t.uris[c],
                isco=t.iscos[c],
                label=labels[c] or others[c],
                matched=t.index.label_text[lid] if lid >= 0 else labels[c] or others[c],
                score=round(score, 1),
                kind="isco_group" if c >= t.n_occ else "occupation",
            )
            for c, score, lid in hits
        ]

    def _resolve_groups(self, found: list[tuple[int, float, int]]) -> list[tuple[int, float, int]]:
        """Hits with each matched ISCO-08 unit group (a CBS title, a group label) replaced by the
        group's best ESCO occupation among the hits, when one fits (``GROUP_FIT``)."""
        t = self._table
        n, iscos = t.n_occ, t.iscos
        if n and any(c >= n for c, _, _ in found):
            first_occ: dict[str, tuple[int, float, int]] = {}
            for hit in found:
                if hit[0] < n:
                    first_occ.setdefault(iscos[hit[0]], hit)
            merged: dict[int, tuple[float, int]] = {}
            position: dict[int, int] = {}
            for i, (c, score, lid) in enumerate(found):
                target = c
                if c >= n:
                    occ = first_occ.get(iscos[c])
                    if occ is not None and occ[1] >= score - GROUP_FIT:
                        target = occ[0]
                previous = merged.get(target)
                if previous is None:
                    merged[target] = (score, lid)
                    position[target] = i
                elif score > previous[0]:
                    merged[target] = (score, lid)
            found = [(c, *merged[c]) for c in sorted(merged, key=position.__getitem__)]
            # a broader group (1-3 digits) leads when it matched best, else it takes no place
            # from the occupations (a family title gets its group from ``_family``)
            found = [h for i, h in enumerate(found) if h[0] < n or not i or len(iscos[h[0]]) == 4]
        return found

    def _family(self, word: str, lang: str, found: list[tuple[int, float, int]]) -> int | None:
        """The group concept a one-word title names when its close candidates spread over
        several unit groups (``GENERIC_UNITS``), or None. An exact preferred label is trusted."""
        t = self._table
        best = found[0][1]
        if best >= 100.0 or t.group_of is None or found[0][0] >= t.n_occ:
            return None
        close = [(t.iscos[c], score) for c, score, _ in found if score >= best - GENERIC_WINDOW]
        if len({code for code, _ in close if len(code) == 4}) < GENERIC_UNITS:
            return None
        total = sum(score for _, score in close)
        for digits in (3, 2):
            mass: dict[str, float] = {}
            for code, score in close:
                if len(code) >= digits:
                    mass[code[:digits]] = mass.get(code[:digits], 0.0) + score
            prefix, share = max(mass.items(), key=lambda kv: kv[1], default=("", 0.0))
            if share >= GENERIC_SHARE * total and prefix in t.group_of:
                return t.group_of[prefix]
        # the candidates share no group ("monteur": a film editor, a forestry mechanic, ...):
        # the group CBS's titles with this head word share, when they share one
        family = (t.families or {}).get(textnorm.stem(word)) if lang == "nl" else None  # CBS is Dutch
        return t.group_of.get(family) if family else None


def _rerank(
    found: list[tuple[int, float, int]], iscos: list[str], *, top: int
) -> list[tuple[int, float, int]]:
    """The best ``top`` of ``found`` (best first), spread over ISCO-08 unit groups.

    The k-th occupation of a group (k = 0, 1, ...) competes with ``score - DIVERSITY * k``, so
    the alternatives shown are real alternatives, not five variants of one group.
    """
    seen: dict[str, int] = {}
    keyed = []
    for order, hit in enumerate(found):
        group = iscos[hit[0]]
        rank = seen.get(group, 0)
        seen[group] = rank + 1
        keyed.append((hit[1] - DIVERSITY * rank, -order, hit))
    chosen = [hit for _, _, hit in heapq.nlargest(top, keyed)]
    if CLOSE_CALL > 0 and len(chosen) > 1:
        # a close call goes to the candidate whose ISCO group the pool supports most
        votes: dict[str, float] = {}
        for concept, score, _ in found:
            votes[iscos[concept]] = votes.get(iscos[concept], 0.0) + score
        best_score = chosen[0][1]
        close = [i for i, hit in enumerate(chosen) if hit[1] >= best_score - CLOSE_CALL]
        winner = max(close, key=lambda i: (votes[iscos[chosen[i][0]]], -i))
        if winner:
            chosen.insert(0, chosen.pop(winner))
    return chosen


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
    return _review([(c.isco, c.score, c.kind == "isco_group") for c in candidates], esco_isco)


def _review(ranked: Sequence[tuple[str, float, bool]], esco_isco: str | None) -> bool:
    """``needs_review`` on (ISCO code, score, is a group) tuples, best first."""
    if not ranked:
        return True
    isco, score, group = ranked[0]
    if (group and len(isco) < 4) or score < REVIEW_EXACT:
        return True
    if any(other != isco and s >= score - REVIEW_MARGIN for other, s, _ in ranked[1:]):
        return True
    return esco_isco is not None and esco_isco != isco


def build_occupation_table(ref: ReferenceData) -> _OccupationTable:
    """Compile ESCO labels (both languages, all kinds) and the curated aliases."""
    occupations = ref.occupations.occupations
    position = {o.uri: i for i, o in enumerate(occupations)}
    entries: list[tuple[int, str, float, str]] = []
    for i, occ in enumerate(occupations):
        for lang in ("nl", "en"):
            pref = getattr(occ.label, lang)
            if pref:
                entries.append((i, pref, KIND_PREFERRED, lang))
            entries.extend((i, alt, KIND_ALT, lang) for alt in getattr(occ.alt, lang))
            entries.extend((i, hidden, KIND_HIDDEN, lang) for hidden in getattr(occ.hidden, lang))
    for alias in load_aliases(ref).aliases:
        if alias.uri in position:
            lang = alias.language if alias.language in ("nl", "en") else "alias"
            entries.append((position[alias.uri], alias.alias, KIND_ALIAS, lang))
    best_known: dict[str, int] = {}  # unit group -> its occupation with the most names
    names = [1 + len(o.alt.nl) + len(o.alt.en) for o in occupations]
    for i, occ in enumerate(occupations):
        if occ.isco not in best_known or names[i] > names[best_known[occ.isco]]:
            best_known[occ.isco] = i
    for group in ref.occupations.isco_groups:
        if group.label_cbs and group.code in best_known:
            entries.append((best_known[group.code], group.label_cbs, KIND_CBS, "nl"))
    # ISCO-08 groups are concepts too, after the occupations: their ESCO labels and CBS's titles
    groups = ref.occupations.isco_groups
    n = len(occupations)
    group_of = {g.code: n + k for k, g in enumerate(groups)}
    for k, group in enumerate(groups):
        for lang in ("nl", "en"):
            text = getattr(group.label, lang)
            if text:
                entries.append((n + k, text, KIND_GROUP, lang))
    for code, titles in load_cbs_titles(ref).items():
        if code in group_of:
            entries.extend((group_of[code], title, KIND_CBS_TITLE, "nl") for title in titles)
    index = LabelIndex(entries)
    families = cbs_families(index, load_cbs_titles(ref), set(group_of))
    documents: list[list[str]] = [[] for _ in occupations]
    for lid, concept in enumerate(index.label_concept):
        if concept < n:
            documents[concept].append(textnorm.clean(index.label_text[lid]))
    prior = list(index.concept_prior)
    prior.extend([0.0] * (n + len(groups) - len(prior)))
    for c in range(n, len(prior)):
        prior[c] = 0.0  # a group's many CBS titles are not a sign that it is common
    index.concept_prior = prior
    return _OccupationTable(
        uris=[o.uri for o in occupations] + [ISCO_URI + g.code for g in groups],
        iscos=[o.isco for o in occupations] + [g.code for g in groups],
        label_nl=[o.label.nl or "" for o in occupations] + [g.label.get("nl") or "" for g in groups],
        label_en=[o.label.en or "" for o in occupations] + [g.label.get("en") or "" for g in groups],
        index=index,
        n_occ=n,
        group_of=group_of,
        documents=documents,
        families=families,
    )


def cbs_families(index: LabelIndex, by_isco: dict[str, list[str]], groups: set[str]) -> dict[str, str]:
    """Head words of CBS's Dutch titles and the ISCO-08 group they share: for each word that is
    the head of at least ``FAMILY_TITLES`` CBS titles (the word itself or a compound ending in it:
    *monteur*, *gasmonteur*, *monteur elektro*), the longest group code (3, 2, then 1 digits) that
    holds ``GENERIC_SHARE`` of those titles. Keyed by the word's stem."""
    counts: dict[str, dict[str, int]] = {}
    for code, titles in by_isco.items():
        for title in titles:
            heads = set()
            for word in textnorm.tokens(textnorm.clean(title), "nl"):
                heads.add(textnorm.stem(word))
                head_id = index._head(word, exclude_self=True)
                if head_id is not None:
                    heads.add(textnorm.stem(index.words[head_id]))
            for head in heads:
                per_code = counts.setdefault(head, {})
                per_code[code] = per_code.get(code, 0) + 1
    families: dict[str, str] = {}
    for stem, per_code in counts.items():
        total = sum(per_code.values())
        if total < FAMILY_TITLES:
            continue
        for digits in (3, 2, 1):
            mass: dict[str, int] = {}
            for code, k in per_code.items():
                mass[code[:digits]] = mass.get(code[:digits], 0) + k
            prefix, share = max(mass.items(), key=lambda kv: kv[1])
            if share >= GENERIC_SHARE * total and prefix in groups:
                families[stem] = prefix
                break
    return families


def load_cbs_titles(ref: ReferenceData) -> dict[str, list[str]]:
    """CBS's Dutch title index as ``data build`` carried it (``cbs_title_index.yaml``): ISCO-08
    unit group -> titles; empty when the data folder has none."""
    if not ref.path(CBS_TITLES_FILE).exists():
        return {}
    return dict(ref.cbs_title_index.by_isco)


# --- aliases -----------------------------------------------------------------------------------

ALIASES_FILE = "occupation_aliases.yaml"
CBS_TITLES_FILE = "cbs_title_index.yaml"


def load_aliases(ref: ReferenceData) -> OccupationAliasesFile:
    """The curated aliases (validated); an empty list when the file is absent."""
    if not ref.path(ALIASES_FILE).exists():
        return OccupationAliasesFile(version=1, aliases=[])
    return ref.occupation_aliases


def check_aliases(ref: ReferenceData) -> int:
    """Load the aliases and cross-check them against ``occupations.yaml``; return their count.

    Each URI must be an occupation and ``esco_label`` its English preferred label. Two spellings
    that normalise alike (Arabic and Persian yeh, with and without ZWNJ) may both be listed, but
    must then mean the same occupation.
    """
    path = ref.path(ALIASES_FILE)
    aliases = ref.occupation_aliases.aliases
    by_uri = ref.occupation_by_uri
    seen: dict[str, int] = {}
    for i, alias in enumerate(aliases):
        occ = by_uri.get(alias.uri)
        if occ is None:
            raise DataFileError(
                f"{path}: aliases.{i}.uri: {alias.uri} is not an occupation in occupations.yaml; fix the URI"
            )
        if occ.label.en != alias.esco_label:
            raise DataFileError(
                f"{path}: aliases.{i}.esco_label: {alias.esco_label!r} is not the English label of "
                f"its URI ({occ.label.en!r}); fix one of them"
            )
        key = textnorm.clean(alias.alias)
        first = seen.setdefault(key, i)
        if aliases[first].uri != alias.uri:
            raise DataFileError(
                f"{path}: aliases.{i}.alias: {alias.alias!r} is aliases.{first} after normalisation "
                "but maps to another occupation; keep one meaning"
            )
    return len(aliases)


# --- skills --------------------------------------------------------------------------------------


@dataclass
class _SkillTable:
    ids: list[str]
    label_nl: list[str]
    label_en: list[str]
    index: LabelIndex


class SkillCoder:
    """Free text (a skill as a person says it) to ranked ESCO skills."""

    def __init__(self, table: _SkillTable) -> None:
        self._table = table

    @classmethod
    def from_reference(cls, ref: ReferenceData) -> SkillCoder:
        """The coder for a data folder: from the compiled cache when warm, else built and cached."""
        from skilltool import reference

        raw = reference.read_data_bytes(ref.path("skills.yaml"))
        cached_at = reference.cache_path(b"%s\0%s" % (_build_key(), raw), _SkillTable)
        table = _read_without_gc(cached_at)
        if not isinstance(table, _SkillTable):
            table = build_skill_table(ref)
            reference.cache_write(cached_at, table)
        return cls(table)

    def code(self, text: str, *, lang: str = "nl", top: int = 5) -> SkillCodingResult:
        """Rank ESCO skills for ``text``; never raises on odd input (see ``problem``)."""
        normalized, words, problem = _prepare(text)
        t = self._table
        context = _context_from(normalized, words)
        hits = t.index.search(words, lang=lang, limit=max(top, 5), context_from=context) if words else []
        labels = t.label_nl if lang == "nl" else t.label_en
        candidates = [
            SkillCandidate(
                skill_id=t.ids[c],
                label=labels[c] or t.label_en[c],
                matched=t.index.label_text[lid],
                score=round(score, 1),
            )
            for c, score, lid in hits
        ]
        if words and not candidates:
            problem = problem or "no ESCO skill label shares a word with this text; check the spelling"
        # a match through a label in the other language is checked unless the label has the
        # text's words as written: a word ending may mean something else there (Dutch *lassen*,
        # to weld, met English *lasers*)
        review = (
            not candidates
            or candidates[0].score < REVIEW_BELOW
            or (
                t.index.label_lang[hits[0][2]] not in (lang, "alias")
                and not set(words) <= set(t.index.label_sorted[hits[0][2]].split())
            )
        )
        return SkillCodingResult(
            input=_echo(text),
            normalized=normalized,
            needs_review=review,
            candidates=candidates[:top],
            problem=problem,
        )


def build_skill_table(ref: ReferenceData) -> _SkillTable:
    """Compile ESCO skill labels: English preferred and alternative, Dutch where ESCO has them."""
    skills = ref.skills.skills
    entries: list[tuple[int, str, float, str]] = []
    for i, skill in enumerate(skills):
        entries.append((i, skill.en, KIND_PREFERRED, "en"))
        entries.extend((i, alt, KIND_ALT, "en") for alt in skill.alt_en)
        if skill.nl:
            entries.append((i, skill.nl, KIND_PREFERRED, "nl"))
        entries.extend((i, alt, KIND_ALT, "nl") for alt in skill.alt_nl)
    return _SkillTable(
        ids=[s.id for s in skills],
        label_nl=[s.nl or "" for s in skills],
        label_en=[s.en for s in skills],
        index=LabelIndex(entries),
    )


# --- show ----------------------------------------------------------------------------------------


def describe(ref: ReferenceData, key: str, *, lang: str = "nl") -> OccupationDetails | IscoGroupDetails:
    """An occupation by ESCO URI, its UUID or ESCO code (``7212.1``), or an ISCO-08 group by code.

    Raises ``NotFoundError`` (one line, with what to try) when nothing matches.
    """
    key = key.strip()
    occupations = ref.occupations.occupations
    occ = ref.occupation_by_uri.get(key)
    if occ is None:
        occ = next((o for o in occupations if o.uri.rsplit("/", 1)[-1] == key or o.code == key), None)
    if occ is not None:
        skills = ref.skill_by_id

        def skill_refs(ids: list[str]) -> list[SkillRef]:
            return [SkillRef(id=i, label=skills[i].label(lang) if i in skills else i) for i in ids]

        from skilltool.tightness import text as tightness_text

        group = ref.isco_by_code.get(occ.isco)
        brc = ref.brc_by_code.get(occ.brc or "")
        other = "en" if lang == "nl" else "nl"
        return OccupationDetails(
            uri=occ.uri,
            code=occ.code,
            isco=occ.isco,
            isco_label=group.label.get(lang) if group else "",
            label=occ.label.get(lang),
            label_other=occ.label.get(other),
            alt=list(getattr(occ.alt, lang)),
            regulated=occ.regulated,
            essential=skill_refs(occ.essential),
            optional=skill_refs(occ.optional),
            brc=occ.brc,
            brc_label=brc.label if brc else None,
            tightness=ref.tightness(occ),
            tightness_text=tightness_text(ref.tightness(occ), lang),
        )
    if key.isdigit() and 1 <= len(key) <= 4:
        members = [o for o in occupations if o.isco.startswith(key)]
        group = ref.isco_by_code.get(key)
        if group is not None or members:
            brcs: dict[str, tuple[str, Tightness]] = {}
            for o in members:
                if o.brc and o.brc not in brcs:
                    found = ref.brc_by_code.get(o.brc)
                    brcs[o.brc] = (f"{o.brc} {found.label}" if found else o.brc, ref.tightness(o))
            return IscoGroupDetails(
                isco=key,
                label=group.label.get(lang) if group else "",
                occupations=[
                    OccupationSummary(uri=o.uri, isco=o.isco, label=o.label.get(lang))
                    for o in sorted(members, key=lambda o: (o.isco, o.label.get(lang)))
                ],
                tightness=[brcs[code] for code in sorted(brcs)],
            )
    raise NotFoundError(
        f"{key!r} is not an ESCO occupation URI or code, nor an ISCO-08 group; "
        "to search by name run `skilltool occupation code TEXT`"
    )
