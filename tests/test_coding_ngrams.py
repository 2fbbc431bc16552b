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
