"""The fast scoring path of the label search gives the same answers as the plain reference loop.

Queries are made from the committed data only: ESCO occupation labels (preferred, alternative,
both languages) and CBS's Dutch title index, whole and cut down to one or two of their words, so
that exact, near-exact and partial matches are all exercised. No gold-set title is used.
"""

from __future__ import annotations

import io
import random
import sys

import pytest

from skilltool import console
from skilltool.coding_support import context_from, prepare
from skilltool.coding_weights import CANDIDATE_LABELS
from skilltool.label_index import LabelIndex
from skilltool.label_scoring import Query, fast_scores, reference_scores
from skilltool.occupations import load_cbs_titles
from skilltool.reference import ReferenceData
from tests.test_occupations_props import REPO_DATA, _real


def _sample_texts(n: int = 300) -> list[str]:
    """A fixed random sample of ESCO labels and CBS titles, each also cut to its first word and to
    its last two words (a partial title)."""
    coder, _ = _real()
    labels = coder._table.index.label_text
    cbs = [title for titles in load_cbs_titles(ReferenceData(REPO_DATA)).values() for title in titles]
    rng = random.Random(12)
    texts = rng.sample(list(labels), n) + rng.sample(cbs, min(n, len(cbs)))
    out: list[str] = []
    for text in texts:
        words = text.split()
        out.extend([text, words[0], " ".join(words[-2:])])
    return list(dict.fromkeys(out))


def _words(text: str) -> tuple[list[str], int | None]:
    normalized, words, _ = prepare(text)
    return words, context_from(normalized, words) if words else None


def _index() -> LabelIndex:
    return _real()[0]._table.index


def test_fast_search_equals_reference_search() -> None:
    """For every sample query and both languages, ``search(fast=True)`` returns exactly the same
    (concept, score, label) list as the reference loop (``fast=False``)."""
    index = _index()
    compared = 0
    for text in _sample_texts():
        words, context = _words(text)
        if not words:
            continue
        for lang in ("nl", "en"):
            fast = index.search(words, lang=lang, limit=20, context_from=context, fast=True)
            slow = index.search(words, lang=lang, limit=20, context_from=context, fast=False)
            assert fast == slow, (text, lang)
            compared += 1
    assert compared > 1_000


def test_fast_scores_equal_reference_scores_label_by_label() -> None:
    """Pass 2 on its own: the same score for every candidate label, for one- and many-word
    queries, with and without exact and exact-stem labels among the candidates."""
    index = _index()
    seen_single = seen_multi = 0
    for text in _sample_texts(120):
        words, _ = _words(text)
        if not words:
            continue
        terms = index._query_terms(words, None)
        qmap: dict[int, list[tuple[int, float]]] = {}
        for pos, (term, _) in enumerate(terms):
            for tid, strength in term.expansions:
                qmap.setdefault(tid, []).append((pos, strength))
        labels = sorted({lid for tid in qmap for lid in index.postings[tid][:40]})[:80]
        if not labels:
            continue
        weights = [term.weight * factor for term, factor in terms]
        query = Query(
            qmap=qmap,
            weights=weights,
            total=sum(weights) or 1.0,
            sorted_text=" ".join(sorted(words)),
            exact=set(labels[:1]),
            exact_stem=set(labels[1:3]),
            lang="nl",
            other_factor=0.9,
        )
        assert fast_scores(index, query, labels) == reference_scores(index, query, labels), text
        if len(weights) == 1:
            seen_single += 1
        else:
            seen_multi += 1
    assert seen_single and seen_multi


def test_kept_best_labels_of_a_word_are_its_full_ranking() -> None:
    """The best labels kept per generating word (``_Term.top``) are the first ``CANDIDATE_LABELS``
    of a full sort of its rough scores, ties in first-seen order, as the merge path computes."""
    index = _index()
    for text in _sample_texts(60):
        words, context = _words(text)
        if words:
            index.search(words, lang="nl", limit=20, context_from=context)
    checked = 0
    for terms in index._terms_cache().values():
        for term in terms:
            if term.top is not None and term.contrib:
                rough = term.contrib
                assert term.top == sorted(rough, key=rough.__getitem__, reverse=True)[:CANDIDATE_LABELS]
                checked += 1
    assert checked > 10


class _Pipe(io.StringIO):
    """A non-terminal stdout that counts flushes."""

    flushes = 0

    def flush(self) -> None:
        self.flushes += 1
        super().flush()

    def isatty(self) -> bool:
        return False


def test_json_lines_into_a_pipe_are_not_flushed_per_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bulk output into a pipe: one JSON line per value, flushed every ``JSON_FLUSH_EVERY`` lines
    rather than after each (a flush per line cost as much as coding the title)."""
    pipe = _Pipe()
    monkeypatch.setattr(sys, "stdout", pipe)
    monkeypatch.setattr(console, "_json_lines", [0])
    n = console.JSON_FLUSH_EVERY * 2 + 3
    for i in range(n):
        console.print_json_line({"i": i})
    assert pipe.getvalue().count("\n") == n
    assert pipe.flushes == 2


def test_json_lines_on_a_terminal_are_flushed_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal each JSON line shows at once (flushed per line)."""

    class _Tty(_Pipe):
        def isatty(self) -> bool:
            return True

    tty = _Tty()
    monkeypatch.setattr(sys, "stdout", tty)
    console.print_json_line({"a": 1})
    console.print_json_line({"a": 2})
    assert tty.flushes == 2
    assert tty.getvalue() == '{"a": 1}\n{"a": 2}\n'
