"""The batch path of the occupation coder (``code_many``, ``LabelIndex.search_many``) gives the
same answers as coding one title at a time, to the last digit of every score."""

from __future__ import annotations

import functools
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skilltool.coding_support import context_from, prepare
from skilltool.models import CodingResult
from skilltool.ngram_scorer import NgramScorer
from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData
from tests.test_coding_real import _coder
from tests.test_occupations_props import _tiny_coder

ODD = [
    "",
    "   ",
    "\x00\x01\x02",
    "x" * 400,
    "senior",
    "ik werkte als lasser in Syrië",
    "!!!",
    "bij de gemeente",
]


def _answer(r: CodingResult) -> tuple[object, ...]:
    cands = [(c.uri, c.isco, c.kind, c.label, c.matched, c.score) for c in r.candidates]
    return (r.input, r.normalized, r.needs_review, r.problem, cands)


@functools.cache
def _labels() -> list[str]:
    ref = ReferenceData(Path(__file__).resolve().parents[1] / "data")
    return sorted({t for o in ref.occupations.occupations for t in (o.label.nl, o.label.en, *o.alt.nl) if t})


def _titles(n: int, seed: int) -> list[str]:
    """Titles made from the committed data's labels: whole labels, words dropped, swapped or
    mixed between two labels, misspelt (no gold-set title)."""
    labels = _labels()
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        words = rng.choice(labels).split()
        how = rng.randrange(5)
        if how == 1 and len(words) > 1:
            rng.shuffle(words)
        elif how == 2:
            words = words[: max(1, len(words) // 2)] + rng.choice(labels).split()[1:]
        elif how == 3:
            i = rng.randrange(len(words))
            if len(words[i]) > 4:
                words[i] = words[i][:2] + words[i][3:]
        out.append(" ".join(words))
    return out


def test_code_many_answers_as_code_on_the_committed_data() -> None:
    """Titles made from the data (and odd lines, and repeats) in both languages: ``code_many``
    returns exactly ``code``'s answers, in input order, one per text."""
    texts = [*_titles(400, seed=3), *ODD, "lasser", "lasser", "arts", "leraar"]
    for lang, top in (("nl", 5), ("en", 3)):
        single = [_answer(_coder().code(t, lang=lang, top=top)) for t in texts]
        batch = OccupationCoder(_coder()._table, ngram_key=_coder()._ngram_key)  # its own memo
        many = [_answer(r) for r in batch.code_many(texts, lang=lang, top=top)]
        assert many == single
        again = [_answer(r) for r in batch.code_many(texts[::-1], lang=lang, top=top)]  # now memoised
        assert again == single[::-1]


def test_search_many_equals_search_on_the_committed_data() -> None:
    """The label search in a batch ranks every query as ``search`` does: same concepts, label ids
    and scores (float equality, not approximate)."""
    index = _coder()._table.index
    queries = []
    for text in _titles(300, seed=8):
        normalized, words, _ = prepare(text)
        queries.append((words, context_from(normalized, words)))
    queries.append(([], None))
    for lang in ("nl", "en", "de"):
        expected = [index.search(w, lang=lang, limit=20, context_from=c) for w, c in queries]
        assert index.search_many(queries, lang=lang, limit=20) == expected


def test_code_many_of_nothing() -> None:
    """An empty batch gives an empty list; a batch of lines with nothing to code gives their problems."""
    coder = _coder()
    assert coder.code_many([]) == []
    results = coder.code_many(["", "   "])
    assert [r.problem for r in results] == [coder.code("").problem, coder.code("   ").problem]


def test_property_tests_have_no_deadline() -> None:
    """The suite's Hypothesis profile (conftest) sets no deadline, which a test's own ``settings``
    inherits: the property test below failed at load 18 for an example's 312 ms alone (tests28)."""
    assert settings().deadline is None
    assert settings(max_examples=40).deadline is None


@given(st.lists(st.text(max_size=60), max_size=8))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], max_examples=40)
def test_code_many_equals_code_on_any_text(tiny_data: Path, texts: list[str]) -> None:
    """Any texts (any script, controls, symbols) on the tiny fixture: the batch answers as ``code``."""
    coder = _tiny_coder(tiny_data)
    assert [_answer(r) for r in coder.code_many(texts)] == [_answer(coder.code(t)) for t in texts]


def test_ngram_rank_many_equals_rank() -> None:
    """The second opinion in a batch ranks each query as ``rank`` does (same occupations, same
    cosines), for queries of one and several words, words met before and new ones."""
    ngrams = _coder().ngrams
    assert ngrams is not None
    queries = [prepare(t)[1] for t in _titles(200, seed=21)]
    queries += [["zzzz"], [], ["lasser"], ["lasser"]]
    expected = [ngrams.rank(words, 20, floor=0.1) for words in queries]
    fresh = NgramScorer.__new__(NgramScorer)
    fresh.__dict__.update(ngrams.__getstate__())  # no word cache: every word new to the batch
    assert fresh.rank_many(queries, 20, floor=0.1) == expected
    assert ngrams.rank_many(queries, 20, floor=0.1) == expected


def test_ngram_rank_many_with_tied_scores() -> None:
    """Occupations with the same labels tie: the batch leaves those queries to ``rank`` (whose
    order among equals is numpy's partition's), so the answers stay the same."""
    docs = [["lasser"], ["lasser"], ["kapper"], ["kapster"], ["bakker"], ["bakker"], ["schilder"]]
    scorer = NgramScorer(docs)
    queries = [["lasser"], ["bakker"], ["kapper"], ["las", "bak"], ["schilder", "kap"]]
    for limit in (1, 2, 3):
        assert scorer.rank_many(queries, limit, floor=0.05) == [
            scorer.rank(q, limit, floor=0.05) for q in queries
        ]


@given(
    st.lists(st.one_of(st.floats(0.0, 1.0), st.sampled_from([0.0, 1.0])), max_size=60),
    st.sampled_from([0.5, 1.0, 0.25, 2.0, 0.75, 3.0]),
)
def test_power_is_pythons_pow_to_the_last_bit(values: list[float], exponent: float) -> None:
    """``coding_batch._power`` (which skips the call for its exact cases: exponent 1, values 0
    and 1) gives Python's ``pow`` of every value, bit for bit, as the per-title loop computes it."""
    import numpy as np

    from skilltool.coding_batch import _power

    got = _power(np.asarray(values, dtype=np.float64), exponent)
    assert got.tobytes() == np.asarray([pow(v, exponent) for v in values], dtype=np.float64).tobytes()


def test_gc_paused_restores_the_collector_as_it_was() -> None:
    """``gc_paused`` stops the cyclic collector inside the block only: enabled again after it (also
    when the block raises), and left off when it was off before."""
    import gc

    import pytest

    from skilltool.coding_support import gc_paused

    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), gc_paused():
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_code_many_leaves_the_collector_on() -> None:
    """``code_many`` pauses the garbage collector for its batch (docs/coding.md, seventh round)
    and turns it back on, so a caller's process is not left without it."""
    import gc

    coder = _coder()
    assert gc.isenabled()
    assert coder.code_many(["lasser", "kok"])[0].candidates
    assert gc.isenabled()


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 6)), max_size=12))
def test_spans_expands_each_start_and_length(pairs: list[tuple[int, int]]) -> None:
    """``coding_batch.spans`` (the span expansion every numpy batch of the coders shares) gives
    start, ..., start + length - 1 of each pair in order; a length of 0 gives nothing."""
    import numpy as np

    from skilltool.coding_batch import spans

    starts = np.asarray([s for s, _ in pairs], dtype=np.int64)
    lengths = np.asarray([n for _, n in pairs], dtype=np.int64)
    expected = [i for s, n in pairs for i in range(s, s + n)]
    got = spans(starts, lengths)
    assert got.dtype == np.int64
    assert got.tolist() == expected


@given(
    st.lists(
        st.tuples(
            st.integers(0, 4),
            st.sampled_from([0.0, -0.0, 1.5, -2.25, 100.0, -100.0, 3.0]),
            st.sampled_from([0.0, -0.0, 0.5, 2.0, 7.0]),
        ),
        max_size=40,
    )
)
def test_lexsort3_is_numpys_lexsort(rows: list[tuple[int, float, float]]) -> None:
    """``coding_batch.lexsort3`` (the ranking's order from dense ranks and one integer sort) gives
    ``np.lexsort``'s order, ties (also 0.0 against -0.0) in the rows' order, on keys full of ties."""
    import numpy as np

    from skilltool.coding_batch import lexsort3

    first = np.asarray([r[0] for r in rows], dtype=np.int64)
    second = np.asarray([r[1] for r in rows], dtype=np.float64)
    third = np.asarray([r[2] for r in rows], dtype=np.float64)
    assert lexsort3(third, second, first).tolist() == np.lexsort((third, second, first)).tolist()


@given(st.sets(st.integers(0, 199), max_size=120), st.randoms(use_true_random=False))
def test_argsort_distinct_is_numpys_argsort(values: set[int], rng: random.Random) -> None:
    """``coding_batch.argsort_distinct`` (the full score's groups put in the order of their first
    pair without a sort) is ``np.argsort`` of distinct integers, in any order given."""
    import numpy as np

    from skilltool.coding_batch import argsort_distinct

    shuffled = sorted(values)
    rng.shuffle(shuffled)
    array = np.asarray(shuffled, dtype=np.int64)
    got = argsort_distinct(array, 200)
    assert got.dtype == np.int64
    assert got.tolist() == np.argsort(array).tolist()


@given(
    st.lists(st.lists(st.sampled_from([0.9, 0.7, 0.5, 0.3, 0.2]), max_size=8), min_size=1, max_size=6),
    st.integers(1, 6),
)
def test_first_tied_flags_rows_whose_head_has_equal_values(rows: list[list[float]], head: int) -> None:
    """``ngram_scorer.first_tied`` (which sends a query whose first scores tie to ``rank``) flags
    exactly the rows with two equal values among their first ``head``, as the plain loop does."""
    import numpy as np

    from skilltool.ngram_scorer import first_tied

    rows = [sorted(r, reverse=True) for r in rows]
    values = np.asarray([v for r in rows for v in r], dtype=np.float64)
    bounds = np.cumsum([0, *map(len, rows)])
    expected = [any(r[j] <= r[j + 1] for j in range(min(len(r), head) - 1)) for r in rows]
    assert first_tied(values, bounds, head) == expected


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_code_many_ranks_the_words_said_alone_as_a_batch(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """``code_many`` ranks what its flagged titles ask about alone as batches too
    (``occupation_batch``): the title without the workplace said after it (``_title_alone``) and
    the whole label a title opens with (``_opening``). No title is ranked alone by ``_rank`` (one
    ``search`` each), and the answers are ``code``'s."""
    labels = _labels()
    rng = random.Random(11)
    tails = ("in een zagerij", "bij een bedrijf", "werkplaats", "zzqx", "at the port")
    texts = [f"{rng.choice(labels)} {tail}" for tail in tails for _ in range(25)]
    single = [_answer(_coder().code(t, lang=lang)) for t in texts]
    batch = OccupationCoder(_coder()._table, ngram_key=_coder()._ngram_key)  # its own memo
    ranked: list[list[str]] = []
    alone: list[list[str]] = []
    rank, asked = batch._rank, batch._alone

    def counted_rank(words: list[str], **kw: Any) -> Any:
        ranked.append(words)
        return rank(words, **kw)

    def counted_alone(said: list[str], *args: Any) -> Any:
        alone.append(said)
        return asked(said, *args)

    monkeypatch.setattr(batch, "_rank", counted_rank)
    monkeypatch.setattr(batch, "_alone", counted_alone)
    assert [_answer(r) for r in batch.code_many(texts, lang=lang)] == single
    assert len(alone) > 10  # the titles do ask about words said alone
    assert ranked == []
