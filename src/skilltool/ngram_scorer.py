"""A second opinion for weak occupation titles: character n-gram TF-IDF over ESCO's own labels.

Each occupation is one document made of all its labels (Dutch and English preferred, alternative
and hidden labels, the curated aliases), normalised like a query and cut into character 3-, 4-
and 5-grams of the padded text (" lasser " -> " la", "las", ..., "ser "). An n-gram is hashed
(CRC-32, so the index is the same in every process) into ``DIM`` buckets; each occupation keeps
TF-IDF weights (1 + log tf, smooth IDF), L2-normalised. A query is scored against every
occupation at once with numpy (cosine similarity), through a compressed-sparse-row layout
(bucket -> occupations) so only the occupations sharing an n-gram are touched.

It knows nothing of word boundaries, stems or compounds, so it sees what the lexical coder
misses (*wiskundeleraar* shares most n-grams with *leraar wiskunde*) and is fused with the
lexical list only when that list would be flagged for review (``OccupationCoder``). numpy only;
built with the coder's compiled index and cached with it.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import accumulate, chain

import numpy as np

from skilltool.coding_batch import spans

DIM = 1 << 18  # hash buckets (262,144): few collisions for the ~250,000 distinct n-grams
GRAMS = (3, 4, 5)
WORD_CACHE = 20_000  # words whose contributions are kept (a few KB each)
BATCH_WORDS = 64  # new words whose n-gram sums are taken in one bincount (``_fill``)
BATCH_QUERIES = 32
"""Queries ranked in one bincount (``rank_many``): their rows of scores stay in the CPU cache
(19 microseconds a query, against 26-28 at 128, 48-51 at 512 and 30-43 one by one with ``rank``)."""
DF_SHARE = 0.15  # n-grams in more than this share of occupations are skipped in a query (speed)


def hashes(text: str) -> list[int]:
    """Hashed character n-grams of a normalised text (with repeats)."""
    padded = f" {text} ".encode()
    crc, mask = zlib.crc32, DIM - 1
    return [crc(padded[i : i + n]) & mask for n in GRAMS for i in range(len(padded) - n + 1)]


def grams(text: str) -> Counter[int]:
    """Hashed character n-grams of a normalised text, with their counts."""
    return Counter(hashes(text))


def first_tied(values: np.ndarray, bounds: np.ndarray, head: int) -> list[bool]:
    """Per row (``values[bounds[i]:bounds[i + 1]]``, best first) whether two of its first ``head``
    values are equal: ``any(v[j] <= v[j + 1] for j in range(lo, min(hi, lo + head) - 1))`` for all
    rows in a few numpy calls."""
    equal = np.append(np.flatnonzero(values[:-1] <= values[1:]), len(values))
    ends = np.minimum(bounds[1:], bounds[:-1] + head)
    found: list[bool] = (equal[np.searchsorted(equal, bounds[:-1])] < ends - 1).tolist()
    return found


class NgramScorer:
    """Cosine similarity of a text's character n-grams to each occupation's labels."""

    def __init__(self, documents: Sequence[Iterable[str]]) -> None:
        """``documents[c]``: the normalised labels of occupation ``c``."""
        counts = [Counter(h for text in texts for h in hashes(text)) for texts in documents]
        df = np.zeros(DIM, dtype=np.int32)
        for found in counts:
            df[np.fromiter(found.keys(), dtype=np.int64, count=len(found))] += 1
        n = max(len(documents), 1)
        self.idf = (np.log((n + 1) / (df + 1.0)) + 1.0).astype(np.float32)
        self.skip = df > max(DF_SHARE * n, 1.0)  # too common to be worth the time in a query
        rows: list[np.ndarray] = []
        # occupation numbers in 16 bits while they fit (3,000 occupations: 2.7 of 5.3 MB saved in
        # every coding process; bincount widens them), 32 beyond
        small = np.uint16 if n <= np.iinfo(np.uint16).max + 1 else np.int32
        cols: list[np.ndarray] = []
        vals: list[np.ndarray] = []
        for c, found in enumerate(counts):
            if not found:
                continue
            keys = np.fromiter(found.keys(), dtype=np.int64, count=len(found))
            tf = np.fromiter(found.values(), dtype=np.float32, count=len(found))
            w = (1.0 + np.log(tf)) * self.idf[keys]
            w /= float(np.sqrt(np.dot(w, w))) or 1.0
            rows.append(keys)
            cols.append(np.full(len(keys), c, dtype=small))
            vals.append(w.astype(np.float32))
        key = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
        order = np.argsort(key, kind="stable")
        self.occ = (np.concatenate(cols) if cols else np.zeros(0, dtype=small))[order]
        self.weight = (np.concatenate(vals) if vals else np.zeros(0, dtype=np.float32))[order]
        self.indptr = np.searchsorted(key[order], np.arange(DIM + 1)).astype(np.int32)
        self.size = len(documents)

    def _word(self, word: str) -> tuple[np.ndarray, np.ndarray, float]:
        """One query word's row: (occupations, summed weights, squared norm), cached (words repeat
        across titles far more than titles do); computed by ``_fill`` (one code path)."""
        found = self._words().get(word)
        return found if found is not None else self._fill((word,))[word]

    def _words(self) -> dict[str, tuple[np.ndarray, np.ndarray, float]]:
        """The rows of the words met so far (not pickled)."""
        cache: dict[str, tuple[np.ndarray, np.ndarray, float]] | None = self.__dict__.get("_cache")
        if cache is None:
            cache = self.__dict__["_cache"] = {}
        return cache

    def _fill(self, words: Sequence[str]) -> dict[str, tuple[np.ndarray, np.ndarray, float]]:
        """The row (``_word``) of every word of ``words`` not in the cache, in one batch (one
        ``bincount`` for all of them; a word's sums are taken in the same order whatever the
        batch, so the same values); the cache."""
        cache = self._words()
        asked = list(dict.fromkeys(words))
        missing = [word for word in asked if word not in cache]
        if not missing:
            return cache
        if len(cache) + len(missing) > WORD_CACHE:
            # a full cache starts afresh with all the words asked: those it held are needed too (a
            # file of 200,000 distinct titles ended in KeyError once the cache first filled up)
            cache.clear()
            missing = asked
        for start in range(0, len(missing), BATCH_WORDS):  # bounded memory: a few MB a chunk
            self._fill_words(missing[start : start + BATCH_WORDS], cache)
        return cache

    def _fill_words(self, missing: list[str], cache: dict[str, tuple[np.ndarray, np.ndarray, float]]) -> None:
        """The rows of ``missing`` into ``cache``, in one ``bincount``: a word's n-grams' TF-IDF
        weights (its squared norm over all of them), the too-common ones skipped, times each
        occupation's weights of those n-grams (the CSR rows, ``coding_batch.spans``), summed per
        occupation; the occupations with a non-zero sum kept."""
        counted = [grams(word) for word in missing]
        sizes = [len(counts) for counts in counted]
        total = sum(sizes)
        # every word's n-grams in one array (each word's in its Counter's order): the weights are
        # elementwise, so each is the value a word's own array gives; the squared norm is still
        # one ``np.dot`` per word, on its slice (the same floats, summed in the same order)
        keys = np.fromiter(chain.from_iterable(counted), dtype=np.int64, count=total)
        tf = np.fromiter(chain.from_iterable(c.values() for c in counted), dtype=np.float32, count=total)
        w = (1.0 + np.log(tf)) * self.idf[keys]
        rows = [w[end - size : end] for size, end in zip(sizes, accumulate(sizes), strict=True)]
        sqnorms = [float(np.dot(row, row)) for row in rows]
        keep = ~self.skip[keys]
        keys, w = keys[keep], w[keep]
        word_of = np.arange(len(missing), dtype=np.int64).repeat(sizes)[keep]  # each kept n-gram's word
        starts = self.indptr[keys].astype(np.int64)
        lengths = self.indptr[keys + 1].astype(np.int64) - starts
        positions = spans(starts, lengths)
        column = self.occ[positions]  # each word's occupations in a row of its own
        if len(missing) > 1:
            column = word_of.repeat(lengths) * self.size + column
        summed = np.bincount(
            column,
            weights=self.weight[positions] * w.repeat(lengths),
            minlength=len(missing) * self.size,
        )
        # (the mask first: numpy finds the True of a bool array several times faster than the
        # non-zero floats of a sparse row, 0.11 against 0.6 ms for 64 words' rows)
        nonzero = (summed != 0.0).nonzero()[0]
        values = summed[nonzero].astype(np.float32)
        if len(missing) == 1:  # (one word: its row is the whole result)
            cache[missing[0]] = (nonzero.astype(np.int32), values, sqnorms[0])
            return
        bounds = np.searchsorted(nonzero, np.arange(len(missing) + 1, dtype=np.int64) * self.size).tolist()
        for i, word in enumerate(missing):
            lo, hi = bounds[i], bounds[i + 1]
            occ = (nonzero[lo:hi] - i * self.size).astype(np.int32)
            cache[word] = (occ, values[lo:hi].copy(), sqnorms[i])

    def rank_many(
        self, queries: Sequence[Sequence[str]], limit: int, floor: float
    ) -> list[list[tuple[int, float]]]:
        """``rank`` of each query's words, the same answers, for many queries at once: the new
        words' n-gram sums in one batch (``_fill``), the scores of all queries in one ``bincount``,
        those at or above ``floor`` sorted together. A query whose best scores tie (where ``rank``'s
        order among equals is numpy's partition's) is ranked by ``rank`` itself."""
        if not queries:
            return []
        if floor <= 0.0 or limit >= self.size:
            return [self.rank(words, limit, floor) for words in queries]
        if len(queries) > BATCH_QUERIES:  # bounded memory: a dense row of scores per query
            return [
                ranked
                for start in range(0, len(queries), BATCH_QUERIES)
                for ranked in self.rank_many(queries[start : start + BATCH_QUERIES], limit, floor)
            ]
        cache = self._fill([word for words in queries for word in words])
        parts = [[cache[word] for word in words] for words in queries]
        norms = [math.sqrt(sum(p[2] for p in found)) for found in parts]
        live = [k for k, norm in enumerate(norms) if norm]
        out: list[list[tuple[int, float]]] = [[] for _ in queries]
        if not live:
            return out
        occ = np.concatenate([p[0] for k in live for p in parts[k]])  # int32: the key below is int64
        vals = np.concatenate([p[1] for k in live for p in parts[k]])
        row = np.repeat(
            np.arange(len(live), dtype=np.int64), [sum(len(p[0]) for p in parts[k]) for k in live]
        )
        scores = np.bincount(row * self.size + occ, weights=vals, minlength=len(live) * self.size)
        inv = np.asarray([1.0 / norms[k] for k in live])
        # (each row's scores times its own 1 / norm: the products ``rank`` takes)
        above = np.flatnonzero(scores.reshape(len(live), self.size) * inv[:, None] >= floor)
        a_row = above // self.size
        a_vals = scores[above]
        # best first within each row; equal scores in any order: a query whose first limit + 1
        # scores tie is ranked by ``rank`` (below), and the others' first limit all differ
        by_value = np.argsort(-a_vals)
        order = by_value[np.argsort(a_row[by_value], kind="stable")]
        above, a_row, a_vals = above[order], a_row[order], a_vals[order]
        bounds = np.searchsorted(a_row, np.arange(len(live) + 1, dtype=np.int64))
        starts = bounds.tolist()
        tied = first_tied(a_vals, bounds, limit + 1)
        cols = (above - a_row * self.size).tolist()
        values = a_vals.tolist()
        for i, k in enumerate(live):
            lo, hi = starts[i], starts[i + 1]
            if tied[i]:
                out[k] = self.rank(queries[k], limit, floor)
                continue
            scale = 1.0 / norms[k]
            out[k] = [(cols[j], values[j] * scale) for j in range(lo, min(hi, lo + limit))]
        return out

    def __getstate__(self) -> dict[str, object]:
        """Pickle without the per-word cache."""
        return {k: v for k, v in self.__dict__.items() if k != "_cache"}

    def scores(self, words: Sequence[str]) -> np.ndarray:
        """Cosine similarity (0-1) of the text's ``words`` to every occupation."""
        parts = [self._word(word) for word in words]
        norm = math.sqrt(sum(p[2] for p in parts))
        if not norm:
            return np.zeros(self.size, dtype=np.float32)
        occ = np.concatenate([p[0] for p in parts])
        vals = np.concatenate([p[1] for p in parts])
        return (np.bincount(occ, weights=vals, minlength=self.size) / norm).astype(np.float32)

    def rank(self, words: Sequence[str], limit: int, floor: float = 0.0) -> list[tuple[int, float]]:
        """The ``limit`` occupations most similar to a text's ``words`` (normalised): (index,
        cosine 0-1), best first, those under ``floor`` left out. Each word's n-grams (padded, so
        word edges count) are scored once and cached; a query sums its words' contributions with
        one ``np.bincount``.

        With a ``floor`` only the few occupations at or above it are sorted; when two of them tie
        (then the order among them is the partition's of the full vector) the full ranking is
        taken, so the answer is always the full ranking cut at ``floor``."""
        cache = self._fill(words)  # the title's new words in one ``bincount`` (the same rows)
        parts = [cache[word] for word in words]
        norm = math.sqrt(sum(p[2] for p in parts))
        if not norm:
            return []
        scores: np.ndarray
        if len(parts) == 1:
            scores = np.zeros(self.size)
            scores[parts[0][0]] = parts[0][1]
        else:
            occ = np.concatenate([p[0] for p in parts])
            scores = np.bincount(occ, weights=np.concatenate([p[1] for p in parts]), minlength=self.size)
        inv = 1.0 / norm
        if floor > 0.0:
            # only the scores at or above the floor sorted; when the first limit + 1 of them all
            # differ, the full ranking's first ``limit`` are these in this order (60 % of the
            # benchmark's calls have more than ``limit`` above the floor: they skipped the
            # partition of the whole vector, 22 against 33 microseconds a call, replayed)
            above = (scores * inv >= floor).nonzero()[0]
            top = above[scores[above].argsort()[::-1]]
            first = top[: limit + 1]
            head, values = first.tolist(), scores[first].tolist()  # (Python's: the same values)
            if all(map(float.__gt__, values, values[1:])):  # no tie: the order is the values'
                return [(c, v * inv) for c, v in zip(head[:limit], values[:limit], strict=True)]
        k = min(limit, self.size)
        cut = self.size - k
        top = scores.argpartition(cut)[cut:] if k < self.size else np.arange(self.size)
        top = top[scores[top].argsort(kind="stable")[::-1]]
        return [
            (c, v * inv)
            for c, v in zip(top.tolist(), scores[top].tolist(), strict=True)
            if v > 0.0 and v * inv >= floor
        ]
