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
