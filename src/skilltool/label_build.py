"""Compiling a ``LabelIndex`` from its entries (concept, label text, kind weight, language): the
labels cleaned and deduplicated per concept (the highest kind weight kept), their words numbered,
each word's idf, the postings, the exact and exact-stem keys, words by stem, compounds by their
head, the sorted and reversed word lists, each concept's prior and the close-spelling buckets.
``LabelIndex`` names each table; its methods search them."""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable
from typing import TYPE_CHECKING

from skilltool import textnorm
from skilltool.coding_weights import LANG_BITS, NOISE_FACTOR
from skilltool.label_shortlist import _compact, _ids

if TYPE_CHECKING:
    from skilltool.label_index import LabelIndex


def _add(index: dict[str, int | tuple[int, ...]], key: str, lid: int) -> None:
    found = index.get(key)
    index[key] = lid if found is None else (*_ids(found), lid)


def fill(index: LabelIndex, entries: Iterable[tuple[int, str, float, str]]) -> None:
    """Set every table of ``index`` from ``entries`` (``LabelIndex.__init__``)."""
    best: dict[tuple[int, str], tuple[float, str, str]] = {}
    for concept, text, kind, lang in entries:
        norm = textnorm.clean(text)
        if not norm:
            continue
        key = (concept, norm)
        if key not in best or kind > best[key][0]:
            best[key] = (kind, text, lang)
    index.label_text = []
    label_norm: list[str] = []
    label_concept: list[int] = []
    label_kind: list[float] = []
    index.label_lang = []
    label_tokens: list[tuple[int, ...]] = []
    index.vocab = {}
    index.words = []
    index.word_langs = []  # per word: bit 1 a Dutch label has it, bit 2 an English one
    concept_sets: list[set[int]] = []
    for (concept, norm), (kind, text, lang) in sorted(best.items()):
        ids = []
        for word in textnorm.tokens(norm, lang if lang in ("nl", "en") else None):
            tid = index.vocab.get(word)
            if tid is None:
                tid = index.vocab[word] = len(index.words)
                index.words.append(word)
                index.word_langs.append(0)
                concept_sets.append(set())
            index.word_langs[tid] |= LANG_BITS.get(lang, 0)
            concept_sets[tid].add(concept)
            if tid not in ids:
                ids.append(tid)
        index.label_text.append(text)
        label_norm.append(norm)
        label_concept.append(concept)
        label_kind.append(kind)
        index.label_lang.append(lang)
        label_tokens.append(tuple(ids))
    n_concepts = max(len({c for c, _ in best}), 1)
    idf: list[float] = []
    for word, concepts in zip(index.words, concept_sets, strict=True):
        weight = math.log(1.0 + n_concepts / len(concepts))
        if word in textnorm.NOISE:
            weight *= NOISE_FACTOR
        idf.append(weight)
    postings: list[list[int]] = [[] for _ in index.words]
    for lid, token_ids in enumerate(label_tokens):
        for tid in token_ids:
            postings[tid].append(lid)
    label_weight = [sum(idf[t] for t in tids) or 1.0 for tids in label_tokens]
    # The bulky per-label numbers and the postings live in typed arrays, not lists of Python
    # objects: a third of the memory, and a forked batch worker that reads them does not
    # write to the shared pages (reading a list item writes its reference count), so it does
    # not copy them. Per-word tables and the label tokens stay lists/tuples: they are read in
    # every inner loop, and as arrays they cost a few percent of the throughput.
    index.idf = idf
    index.label_concept = array("i", label_concept)
    index.label_kind = label_kind
    index.label_tokens = list(label_tokens)
    index.postings = [array("i", p) for p in postings]
    index.label_weight = array("d", label_weight)
    index.label_inv_sqrt = array("d", [1.0 / math.sqrt(w) for w in label_weight])
    # each label's words sorted, for rapidfuzz's token_sort_ratio without re-sorting per query
    index.label_sorted = [" ".join(sorted(norm.split())) for norm in label_norm]
    # whole labels (and their stems) without spaces -> label id, or a tuple of ids when
    # several labels share the key (plain ints keep the cache small and quick to load)
    index.exact = {}
    index.exact_stem = {}
    index.asked = frozenset()  # the ``exact`` keys of ``ask`` aliases (occupation_build)
    for lid, token_ids in enumerate(label_tokens):
        words = [index.words[t] for t in token_ids]
        _add(index.exact, _compact(words), lid)
        _add(index.exact_stem, _compact(textnorm.stem(w) for w in words), lid)
    index.by_stem = {}
    for tid, word in enumerate(index.words):
        index.by_stem.setdefault(textnorm.stem(word), []).append(tid)
    # compounds by their head word: vrachtwagenchauffeur -> chauffeur
    index.compounds = {}
    for tid, word in enumerate(index.words):
        head = index._head(word, exclude_self=True)
        if head is not None:
            index.compounds.setdefault(head, []).append(tid)
    # words by their reversed spelling, to find the compounds an unknown word is the head of
    index.reversed_words = sorted(word[::-1] for word in index.words)
    index.sorted_words = sorted(index.words)
    # how common an occupation is, judged by how many Dutch and English names it has (log of
    # their count): the curated words in clients' languages name it too, but a word in Tigrinya
    # or Dari says nothing of how common the work is here, and more of them pulled every title
    # toward the occupation they name (three market sellers went to the one occupation those words named)
    counts: dict[int, int] = {}
    for concept, lang in zip(label_concept, index.label_lang, strict=True):
        if lang in LANG_BITS:
            counts[concept] = counts.get(concept, 0) + 1
    size = max(label_concept, default=-1) + 1
    index.concept_prior = [math.log1p(counts.get(c, 0)) for c in range(size)]
    # words by first letter and length, for close spellings (a ratio of 80 allows a length
    # difference of a few letters only)
    index.buckets = {}
    for word in index.words:
        if len(word) >= 4:
            index.buckets.setdefault((word[0], len(word)), []).append(word)
