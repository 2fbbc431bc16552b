"""A title that names only a workplace: the place's own worker first, read from the names
that join the place word and a word for a worker (``coding_places``). The rule on tiny data, then
on the committed data with places of our own."""

from __future__ import annotations

import functools

import pytest

from skilltool import textnorm
from skilltool.coding_places import (
    NAMED_ROLES,
    helper_at,
    place_first,
    seller_at_market,
    worker_labels,
    workers_of,
)
from skilltool.label_index import LabelIndex
from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData
from tests.test_occupations_props import REPO_DATA

ISCOS = ["1321", "7131", "9313", "8343", "9329"]
HITS = [(0, 90.0, 0), (1, 80.0, 1), (2, 70.0, 2), (3, 60.0, 3)]


def test_the_unit_group_most_worker_names_give_leads() -> None:
    workers = [(4, 10), (2, 11), (2, 12)]  # two names in 9313, one in 9329
    hits, flagged = place_first(ISCOS, "in de bouw", (HITS, False), workers)
    assert flagged
    # 9313 is in the list: its own candidate leads; 9329 is not: its name's concept joins, at
    # the first candidate's score; the manager (major group 1) goes last
    assert hits == [HITS[2], (4, 90.0, 10), HITS[1], HITS[3], HITS[0]]


def test_on_a_tie_the_group_the_list_has_higher_leads() -> None:
    workers = [(2, 11), (3, 12)]  # one name each; the list has 9313 above 8343
    hits, _ = place_first(ISCOS, "in de bouw", (HITS, False), workers)
    assert [h[0] for h in hits[:2]] == [2, 3]
    swapped = [HITS[0], HITS[1], HITS[3], HITS[2]]  # now 8343 comes before 9313
    hits, _ = place_first(ISCOS, "in de bouw", (swapped, False), workers)
    assert [h[0] for h in hits[:2]] == [3, 2]


def test_a_title_with_a_role_is_left_alone() -> None:
    workers = [(2, 11)]
    assert place_first(ISCOS, "schilder in de bouw", (HITS, False), workers) == (HITS, False)
    # no worker names: only the managers move (the earlier rule)
    hits, flagged = place_first(ISCOS, "in de bouw", (HITS, False), [])
    assert flagged and hits == [*HITS[1:], HITS[0]]


def test_the_names_join_the_place_with_or_without_a_linking_s() -> None:
    index = LabelIndex(
        [
            (0, "fabrieksarbeider", 1.0, "nl"),
            (1, "fabriekmedewerker", 1.0, "nl"),
            (2, "quarry hand", 1.0, "en"),
            (3, "fabrieksdirecteur", 1.0, "nl"),  # no word for a worker
            (4, "fabriek", 1.0, "nl"),
        ]
    )
    found = {index.label_text[lid] for lid in worker_labels(index, "fabriek")}
    assert found == {"fabrieksarbeider", "fabriekmedewerker"}
    assert {index.label_text[lid] for lid in worker_labels(index, "quarry")} == {"quarry hand"}
    assert workers_of(index, textnorm.normalize("directeur van een fabriek")) == []


@functools.cache
def _coder() -> OccupationCoder:
    return OccupationCoder.from_reference(ReferenceData(REPO_DATA))


@pytest.mark.parametrize(
    ("text", "lang", "group"),
    [
        ("ik werkte in de haven", "nl", "9333"),  # havenarbeider, havenmedewerker, havenwerker
        ("in een fabriek gewerkt", "nl", "9329"),  # fabrieksarbeider
        ("in de keuken gewerkt", "nl", "9412"),  # keukenhulp, keukenmedewerker
        ("at the warehouse", "en", "9333"),  # warehouse worker, warehouse operative
    ],
)
def test_a_workplace_alone_is_coded_as_its_own_worker(text: str, lang: str, group: str) -> None:
    """The lexical list put whatever short label the place word fills first (a port's traffic
    controller, the operator of a factory's crane, a kitchen's manager); the place's own worker
    leads now, and the answer stays flagged: the caseworker asks what the work was."""
    result = _coder().code(text, lang=lang, top=5)
    assert result.needs_review
    assert result.candidates[0].isco == group, [c.isco for c in result.candidates]
    assert not any(c.isco.startswith(NAMED_ROLES) for c in result.candidates[:2])


def test_a_seller_at_a_market_or_in_the_street_is_that_seller() -> None:
    """ISCO-08 names market and street selling by the place (5211, 5212, 9520): a seller said with
    such a place is that seller's title, when the index has it as a whole label."""
    exact = {"marktverkoper", "marketvendor", "straatverkoper", "streetvendor"}
    assert seller_at_market("verkoper op de markt", exact) == "marktverkoper"
    assert seller_at_market("verkoopster op straat in kabul", exact) == "straatverkoper in kabul"
    assert seller_at_market("groenteverkoper op de markt", exact) == "groente marktverkoper"
    assert set(seller_at_market("spice seller at the bazaar", exact).split()) == {"vendor", "spice", "market"}
    assert set(seller_at_market("the vendor on the street", exact).split()) == {"the", "vendor", "street"}
    assert seller_at_market("slager op de markt", exact) == "slager op de markt"  # no seller word
    assert seller_at_market("verkoper bij een supermarkt", exact) == "verkoper bij een supermarkt"
    assert seller_at_market("verkoper op de markt", set()) == "verkoper op de markt"  # no such label
    # the goods after the seller: a market's seller whatever is sold; in the street they decide
    assert seller_at_market("verkoopster dekens en tapijten op de pazar", exact) == "marktverkoper"
    assert seller_at_market("verkoper speelgoed op straat", exact) == "speelgoed straatverkoper"
    said = "verkoper en kapper op de markt"  # two roles: the search weighs them
    assert seller_at_market(said, exact | {"kapper"}) == said
    assert seller_at_market("handelaar tapijtwever op de markt", exact) == "handelaar tapijtwever op de markt"


@pytest.mark.parametrize(
    ("text", "lang", "group"),
    [
        ("verkoper op de markt", "nl", "5211"),
        ("verkoopster op de markt in homs", "nl", "5211"),
        ("seller at the bazaar", "en", "5211"),
        ("verkoper op straat", "nl", "9520"),
        ("verkoper dekens op de suq", "nl", "5211"),  # the goods and the market's Arabic name
        ("verkoopster horloges op de rynok", "nl", "5211"),
    ],
)
def test_a_market_seller_codes_to_the_sellers_group(text: str, lang: str, group: str) -> None:
    """The place read as any seller's workplace gave a technical salesperson."""
    assert _coder().code(text, lang=lang).candidates[0].isco == group


def test_a_helper_named_by_the_place_or_the_trade_is_the_compound_label() -> None:
    """ "hulp in de keuken" put a mine worker first (the helper word alone, the kitchen as
    context); the labels say it as one word, with or without a linking s."""
    exact = {"keukenhulp", "kappersassistent", "bakkerijhulp"}
    assert helper_at("hulp in de keuken", exact) == "keukenhulp"
    assert helper_at("assistente bij de kapper", exact) == "kappersassistent"
    assert helper_at("hulpje in een bakkerij in homs", exact) == "bakkerijhulp in homs"
    assert helper_at("hulp bij de metselaar", exact) == "hulp bij de metselaar"  # no such label
    assert helper_at("kok in de keuken", exact) == "kok in de keuken"  # no helper word
    assert helper_at("hulp in de keuken", set()) == "hulp in de keuken"


def test_a_helper_in_the_kitchen_codes_to_unit_group_9412() -> None:
    assert _coder().code("hulp in de keuken", lang="nl").candidates[0].isco == "9412"
