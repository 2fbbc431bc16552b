"""Selling from a stall, a stand or a cart (``coding_stalls``): street food (5212) or a stall's
goods (5211), named by what was sold. Made-up answers in the intake's style."""

from __future__ import annotations

import functools
import random

import pytest

from skilltool import coding_stalls, textnorm
from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData
from tests.test_occupations_props import REPO_DATA


def _roles(word: str) -> bool:
    return word in ("kok", "cook", "eigenaar")


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("poffertjeskraam op de kermis", "streetfoodverkoper op de kermis"),
        ("bloemenkraam", "marktverkoper"),
        ("kraam met kastanjes", "streetfoodverkoper"),
        ("kastanjes kraam", "streetfoodverkoper"),  # the compound written apart
        ("kraam op de zaterdagmarkt", "marktverkoper op de zaterdagmarkt"),
        ("chestnut cart in the old town", "streetfoodverkoper in the old town"),
        ("peanuts stand", "streetfoodverkoper"),
        ("kok bij een poffertjeskraam", "kok bij een poffertjeskraam"),  # a role: as it is
        ("kraamverzorgende", "kraamverzorgende"),  # maternity care: kraam is no head there
        ("stand in", "stand in"),  # an English stand without food
        ("newspaper stand", "newspaper stand"),
    ],
)
def test_a_stall_is_its_seller(text: str, read: str) -> None:
    assert coding_stalls.at_a_stall(textnorm.normalize(text), _roles) == read


@functools.cache
def _coder() -> OccupationCoder:
    return OccupationCoder.from_reference(ReferenceData(REPO_DATA))


@pytest.mark.parametrize(
    ("text", "lang", "code"),
    [
        ("poffertjeskraam", "nl", "5212"),
        ("bloemenkraam op de zaterdagmarkt", "nl", "5211"),
        ("chestnut cart in the old town", "en", "5212"),
    ],
)
def test_the_coder_reads_a_stall_as_its_seller(text: str, lang: str, code: str) -> None:
    """The search read *kraam* as maternity home care (5322) and *stand* as a stand-in actor."""
    assert _coder().code(text, lang=lang).candidates[0].isco == code


def test_fast_food_reads_no_answer_without_a_food(monkeypatch: pytest.MonkeyPatch) -> None:
    """``fast_food`` returns at once when no word starts with a fast food (no place name looked
    up): the same answer as reading every word, on 6,000 seeded answers of its own words, the foods'
    compounds, a place name and other words."""
    from operator import methodcaller

    foods = list(coding_stalls._FAST_FOODS)
    pool = [
        *foods[:8],
        *(f + end for f in foods[:4] for end in ("zaak", "maker", "ci", "s")),
        *sorted(coding_stalls._MAKERS)[:5],
        *sorted(coding_stalls._MAKING)[:5],
        *sorted(coding_stalls._FAST_PLACES)[:4],
        *["amsterdam", "kok", "lasser", "bakkerij", "restaurantje"],
    ]
    rng = random.Random(26)
    answers = [rng.choices(pool, k=rng.randint(1, 4)) for _ in range(6000)]
    known = "amsterdam".__eq__
    gated = [coding_stalls.fast_food(words, known) for words in answers]
    monkeypatch.setattr(coding_stalls, "_STARTS_FAST_FOOD", methodcaller("startswith", ""))  # no gate
    plain = [coding_stalls.fast_food(words, known) for words in answers]
    assert sum(read is not None for read in plain) > 500
    assert gated == plain
