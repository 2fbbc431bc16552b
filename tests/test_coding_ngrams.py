"""``ngram_scorer.NgramScorer.rank`` with a cosine floor: the full ranking cut at the floor."""

from __future__ import annotations

import pytest

from skilltool.ngram_scorer import NgramScorer

DOCUMENTS = [
    ["lasser", "welder"],
    ["kapper", "hairdresser"],
    ["kapster"],
    ["lasser"],  # the same n-grams as part of the first: ties with the fifth
    ["lasser"],
    ["onderwaterlasser"],
    ["leraar wiskunde", "wiskundeleraar"],
    [],
]


@pytest.mark.parametrize("words", [["lasser"], ["kapper"], ["wiskunde", "leraar"], ["laser", "kap"], ["zzz"]])
@pytest.mark.parametrize(("limit", "floor"), [(20, 0.1), (3, 0.1), (2, 0.0), (20, 0.5), (1, 0.3)])
def test_rank_with_a_floor_is_the_full_ranking_cut_there(words: list[str], limit: int, floor: float) -> None:
    """The fast path (only the occupations at or above the floor sorted) and the tie fallback (two
    identical documents) give exactly the full ranking, in its order, cut at the floor."""
    scorer = NgramScorer(DOCUMENTS)
    full = [(c, cosine) for c, cosine in scorer.rank(words, limit) if cosine >= floor]
    assert scorer.rank(words, limit, floor=floor) == full
    assert all(cosine >= floor for _, cosine in full)


def test_a_words_row_is_the_same_alone_and_in_a_batch() -> None:
    """A word's n-gram row (occupations, summed weights, squared norm) comes from one code path:
    asked alone (``_word``) or filled with other words (``_fill``), the same arrays bit for bit,
    and equal to the sum over its n-grams computed by hand from the scorer's CSR layout."""
    import numpy as np

    from skilltool.ngram_scorer import grams

    words = ["lasser", "kap", "wiskundeleraar", "zzz", "laser"]
    alone, batched = NgramScorer(DOCUMENTS), NgramScorer(DOCUMENTS)
    cache = batched._fill([*words, "lasser"])  # a repeat is filled once
    assert list(cache) == words
    for word in words:
        occ, vals, sqnorm = alone._word(word)
        b_occ, b_vals, b_sqnorm = cache[word]
        assert occ.tobytes() == b_occ.tobytes() and vals.tobytes() == b_vals.tobytes()
        assert sqnorm == b_sqnorm
        by_hand = np.zeros(alone.size)
        for key, tf in grams(word).items():
            if not alone.skip[key]:
                w = (1.0 + np.log(np.float32(tf))) * alone.idf[key]
                for j in range(alone.indptr[key], alone.indptr[key + 1]):
                    by_hand[alone.occ[j]] += alone.weight[j] * w
        assert occ.tolist() == np.flatnonzero(by_hand).tolist()
        assert np.allclose(vals, by_hand[occ], rtol=1e-6)


def test_a_words_row_skips_the_too_common_grams_bit_for_bit() -> None:
    """``_csr_rows`` gives a too-common n-gram (``skip``) a row of length 0, so a word's row is the
    one the masked arrays give (the n-grams cut first, then their rows summed by one
    ``bincount``), bit for bit, for one word and several; the rows are not pickled."""
    import pickle

    import numpy as np

    from skilltool.coding_batch import spans
    from skilltool.ngram_scorer import grams

    scorer = NgramScorer(DOCUMENTS)
    assert scorer.skip.any()  # " la", "ser ": in more than one document
    starts, lengths = scorer._csr_rows()
    assert (lengths == np.where(scorer.skip, 0, np.diff(scorer.indptr))).all()
    assert (starts == scorer.indptr[:-1]).all()

    def masked(words: list[str]) -> np.ndarray:
        counted = [grams(word) for word in words]
        keys = np.fromiter((k for c in counted for k in c), dtype=np.int64)
        tf = np.fromiter((t for c in counted for t in c.values()), dtype=np.float32)
        w = (1.0 + np.log(tf)) * scorer.idf[keys]
        word_of = np.repeat(np.arange(len(words), dtype=np.int64), [len(c) for c in counted])
        keep = ~scorer.skip[keys]
        keys, w, word_of = keys[keep], w[keep], word_of[keep]
        first = scorer.indptr[keys].astype(np.int64)
        size = scorer.indptr[keys + 1].astype(np.int64) - first
        positions = spans(first, size)
        column = np.repeat(word_of, size) * scorer.size + scorer.occ[positions]
        weights = scorer.weight[positions] * np.repeat(w, size)
        summed: np.ndarray = np.bincount(column, weights=weights, minlength=len(words) * scorer.size)
        return summed

    for words in (["lasser"], ["kapster"], ["lasser", "wiskundeleraar", "zzz", "laser"]):
        cache: dict[str, tuple[np.ndarray, np.ndarray, float]] = {}
        scorer._fill_words(words, cache)
        expected = masked(words)
        for i, word in enumerate(words):
            row = expected[i * scorer.size : (i + 1) * scorer.size]
            occ, vals, _ = cache[word]
            assert occ.tolist() == np.flatnonzero(row).tolist()
            assert vals.tobytes() == row[occ].astype(np.float32).tobytes()
    assert "_rows" not in pickle.loads(pickle.dumps(scorer)).__dict__
