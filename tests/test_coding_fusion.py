"""How a flagged title's lexical list and its second opinion become one list
(``occupation_rules.combine``, ``fuse``, ``spread``), on tiny made-up concepts."""

from __future__ import annotations

import pytest

from skilltool.coding_cbs import cbs_elsewhere, cbs_unit
from skilltool.occupation_rules import combine, fuse, spread

# concept -> its ISCO-08 code: 0 and 1 share a unit group, 4 is a group concept
ISCOS = ["2310", "2310", "2330", "2341", "233"]


def test_spread_puts_a_repeated_code_after_every_new_one() -> None:
    """The second occupation of a unit group comes after the other groups' ones, each part in its
    order; a code kept ahead (``taken``) counts as listed."""
    assert spread([0, 1, 2, 3], ISCOS) == [0, 2, 3, 1]
    assert spread([2, 0, 3], ISCOS, taken=["2330"]) == [0, 3, 2]
    assert spread([], ISCOS) == []


def test_combine_adds_the_weighted_cosine_to_the_lexical_score() -> None:
    """A candidate scores lexical / 100 + weight x cosine: a weaker lexical candidate that the
    second opinion likes overtakes a stronger one it does not list."""
    order = combine([(2, 60.0), (3, 50.0)], [(3, 0.5)], ISCOS, weight=0.75, absent=20.0)
    assert order == [3, 2]  # 0.5 + 0.375 = 0.875 against 0.6
    order = combine([(2, 60.0), (3, 50.0)], [(3, 0.1)], ISCOS, weight=0.75, absent=20.0)
    assert order == [2, 3]  # 0.575 against 0.6


def test_combine_scores_a_candidate_only_the_second_opinion_found_as_absent() -> None:
    """An occupation the lexical list lacks counts ``absent`` / 100 plus its cosine: with a high
    cosine it enters the list, with a low one it stays under the lexical candidates."""
    assert combine([(2, 30.0)], [(3, 0.4)], ISCOS, weight=0.75, absent=20.0) == [3, 2]  # 0.5 > 0.3
    assert combine([(2, 50.0)], [(3, 0.2)], ISCOS, weight=0.75, absent=20.0) == [2, 3]  # 0.35 < 0.5


def test_combine_spreads_over_isco_codes() -> None:
    """Two occupations of one unit group: the second comes after the other groups' candidates,
    even when it scored more; a code kept ahead of the list counts as listed."""
    order = combine([(0, 80.0), (1, 79.0), (2, 50.0)], [], ISCOS, weight=0.75, absent=20.0)
    assert order == [0, 2, 1]
    order = combine([(0, 80.0), (2, 50.0)], [], ISCOS, weight=0.75, absent=20.0, taken=["2310"])
    assert order == [2, 0]


def test_combine_with_nothing_to_add_keeps_the_lexical_order() -> None:
    """Without the second opinion's candidates the lexical order (already spread) stands."""
    lexical = [(2, 70.0), (0, 65.0), (3, 64.0), (4, 10.0)]
    assert combine(lexical, [], ISCOS, weight=0.75, absent=20.0) == [2, 0, 3, 4]


@pytest.mark.parametrize("k", [1.0, 10.0])
def test_fuse_sums_reciprocal_ranks(k: float) -> None:
    """Reciprocal-rank fusion: a concept both lists rank well wins; equal sums keep the order in
    which the concepts were first met."""
    order = fuse([([2, 3, 0], 1.0), ([3, 1], 1.0)], k=k)
    assert order[0] == 3
    assert fuse([([2], 1.0), ([3], 1.0)], k=k) == [2, 3]
    assert fuse([([2], 1.0), ([3], 2.0)], k=k) == [3, 2]


def test_keeps_lead_only_a_group_that_matched_well_or_a_family() -> None:
    """In the score fusion the lexical first candidate keeps its place only when it is a unit
    group that matched well (``NGRAM_BELOW`` or more) or a broader group (a family); an
    occupation or a weak group is fused; with the embedding opinion its own rule decides, and a
    broader group always keeps its place. No hits: nothing to keep."""
    from skilltool.coding_weights import NGRAM_BELOW
    from skilltool.occupation_rules import keeps_lead

    n_occ = 4  # concept 4 (code "233") is a group concept; 0-3 are occupations
    iscos = [*ISCOS[:4], "233", "2330"]
    assert keeps_lead([(5, NGRAM_BELOW, 0)], iscos, n_occ, deep_keep=None)
    assert not keeps_lead([(5, NGRAM_BELOW - 1.0, 0)], iscos, n_occ, deep_keep=None)
    assert keeps_lead([(4, 10.0, -1)], iscos, n_occ, deep_keep=None)
    assert not keeps_lead([(0, 100.0, 0)], iscos, n_occ, deep_keep=None)
    assert not keeps_lead([(5, 100.0, 0)], iscos, n_occ, deep_keep=False)
    assert keeps_lead([(4, 10.0, -1)], iscos, n_occ, deep_keep=False)
    assert keeps_lead([(0, 50.0, 0)], iscos, n_occ, deep_keep=True)
    assert not keeps_lead([], iscos, n_occ, deep_keep=None)


@pytest.mark.parametrize(
    ("per_code", "isco", "elsewhere"),
    [
        ({"7223": 3}, "8122", True),  # every CBS title with the head in another group
        ({"3334": 10, "3324": 3}, "3324", True),  # 3.3 times as many elsewhere
        ({"3434": 8, "5120": 6}, "5120", False),  # CBS uses the head in both groups
        ({"7212": 13, "1321": 1}, "7212", False),  # CBS agrees
        ({"7223": 2}, "8122", False),  # too few titles to say
        ({}, "8122", False),
    ],
)
def test_cbs_elsewhere(per_code: dict[str, int], isco: str, elsewhere: bool) -> None:
    assert cbs_elsewhere(per_code, isco) is elsewhere


@pytest.mark.parametrize(
    ("per_code", "unit"),
    [
        ({"2221": 47, "3221": 10, "3222": 5}, "2221"),  # 0.76 of the titles
        ({"8322": 16, "8332": 14, "8331": 4}, None),  # no group holds 0.6
        ({"7223": 2}, None),  # too few titles
        ({}, None),
    ],
)
def test_cbs_unit(per_code: dict[str, int], unit: str | None) -> None:
    assert cbs_unit(per_code) == unit
