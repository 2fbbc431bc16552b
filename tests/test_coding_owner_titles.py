"""Owners of a small business ("eigen winkel", "restauranteigenaar", "kapsalon", "shop owner"):
the owner phrase in ``textnorm`` and the aliases code them to the shop keepers (5221), the
restaurant managers (1412) and the hairdressers (5141), on the committed data.

The words are everyday ways of saying it, chosen for this rule; none is taken from the gold sets.
"""

from __future__ import annotations

import functools

import pytest

from skilltool import textnorm
from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData
from tests.test_occupations_props import REPO_DATA


@functools.cache
def _coder() -> OccupationCoder:
    return OccupationCoder.from_reference(ReferenceData(REPO_DATA))


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("eigen winkel", "winkeleigenaar"),
        ("Eigenaar van een winkel", "winkeleigenaar"),
        ("ik had een eigen winkel in Syrië", "winkeleigenaar"),
        ("eigen restaurant", "restauranteigenaar"),
        ("eigenaar van een kapsalon", "kapsalon"),
        ("own shop", "shop owner"),
        ("store owner", "shop owner"),
        ("I ran my own restaurant", "restaurant owner"),
        ("een klein eigen winkeltje", "winkeleigenaar"),  # its size said
        ("eigen winkel met tassen en schoenen", "winkeleigenaar"),  # what it sold: dropped
        ("ik had een winkel in Homs", "winkeleigenaar"),  # had, without "eigen"
        ("ik had een klein winkeltje met telefoons", "winkeleigenaar"),
        ("I ran a little store", "shop owner"),
        ("i had a supermarket", "shop owner supermarket"),
        # the owner named as a noun (the eighteenth session): read as an own business
        ("eigenaar van een kleine kledingwinkel", "winkeleigenaar kleding"),
        ("ik was eigenaar van een taxi", "taxichauffeur"),
        ("owner of a little shoe store", "shop owner shoe"),
        ("eigenaar van een supermarkt", "winkeleigenaar supermarkt"),
        ("eigenaar restaurant met 12 man personeel", "restauranteigenaar"),
    ],
)
def test_an_owner_phrase_becomes_the_owner_word(text: str, normalized: str) -> None:
    assert textnorm.normalize(text) == normalized


@pytest.mark.parametrize(
    ("text", "isco"),
    [
        ("ik had een winkel", "5221"),
        ("I ran a little store", "5221"),
        ("i had a small barber shop", "5141"),
        ("eigenaar van een kapperszaak", "5141"),  # the owner as a noun, of a trade's business
        ("eigenaar van een bakkerij in Homs", "7512"),
    ],
)
def test_a_shop_had_or_run_is_its_keepers_or_its_trades(text: str, isco: str) -> None:
    assert _coder().code(text, lang="nl").candidates[0].isco == isco


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("bakker met eigen winkel", "bakker"),
        ("timmerman met eigen zaak", "timmerman"),
        ("eigen zaak", "eigen zaak"),
    ],
)
def test_after_a_title_the_phrase_stays_filler(text: str, normalized: str) -> None:
    """Only a whole answer is an owner: "bakker met eigen winkel" is a baker, as before."""
    assert textnorm.normalize(text) == normalized


NL = [
    ("eigen winkel", "5221"),
    ("eigenaar van een winkel", "5221"),
    ("winkeleigenaar", "5221"),
    ("kruidenier", "5221"),
    ("eigen restaurant", "1412"),
    ("restauranteigenaar", "1412"),
    ("kapsalon", "5141"),
    ("ik had een kapsalon", "5141"),
]
EN = [
    ("own shop", "5221"),
    ("shop owner", "5221"),
    ("store owner", "5221"),
    ("grocer", "5221"),
    ("restaurant owner", "1412"),
    ("own restaurant", "1412"),
    ("hair salon owner", "5141"),
]


@pytest.mark.parametrize(("text", "isco", "lang"), [(*c, "nl") for c in NL] + [(*c, "en") for c in EN])
def test_owners_code_to_the_business_they_ran(text: str, isco: str, lang: str) -> None:
    """The owner's ISCO group first; the other language's coder agrees (the aliases are words, not
    a filter)."""
    for asked in (lang, "en" if lang == "nl" else "nl"):
        result = _coder().code(text, lang=asked)
        assert result.candidates and result.candidates[0].isco == isco, (asked, result.candidates[:3])
    assert result.candidates[0].kind == "occupation"


def test_a_title_with_the_business_word_is_not_an_owner() -> None:
    """The aliases name the owner: a shop's assistant or a salon's manager still codes as such."""
    assert _coder().code("winkelbediende", lang="nl").candidates[0].isco == "5223"
    assert _coder().code("manager van een schoonheidssalon", lang="nl").candidates[0].isco == "1431"


@pytest.mark.parametrize(
    ("text", "normalized", "group"),
    [
        # an own shop of a kind: a shop keeper (5221), not the manager of such a shop (1420)
        ("ik had een eigen telefoonwinkeltje", "winkeleigenaar telefoon", "5221"),
        ("eigen schoenenwinkel in Homs", "winkeleigenaar schoenen", "5221"),
        ("my own shoe store", "shop owner shoe", "5221"),
        # an own business named by its trade (a whole label; Dutch joins it with a linking s)
        ("eigen loodgietersbedrijf", "loodgieter", "7126"),
        ("had een eigen tandartspraktijk", "tandarts", "2261"),
        ("my own butcher shop", "butcher", "7511"),
        ("eigen advocatenkantoor in Bagdad", "advocaat", "2611"),  # a plural first part: advocaten
        ("ik heb een eigen architectenbureau gehad", "architect", "2161"),  # the perfect of "had"
        ("eigen accountantskantoor", "accountant", "2411"),
        # an own vehicle: its driver
        ("ik had een eigen bus", "buschauffeur", "8331"),
        ("eigen bestelbus", "bestelbuschauffeur", "8322"),
        ("I had my own bus", "bus driver", "8331"),
    ],
)
def test_an_own_shop_of_a_kind_or_an_own_vehicle(text: str, normalized: str, group: str) -> None:
    assert textnorm.normalize(text, _coder()._table.index.exact.__contains__) == normalized
    lang = "nl" if "eigen" in text else "en"
    assert _coder().code(text, lang=lang).candidates[0].isco == group


def test_without_the_coder_an_own_business_of_a_trade_is_left_to_the_filler() -> None:
    """``textnorm.normalize`` alone cannot tell a trade from goods: a shop is a shop keeper's, any
    other business is left to the filler rules (which drop "eigen"), as before."""
    assert textnorm.normalize("my own butcher shop") == "shop owner butcher"
    assert textnorm.normalize("eigen loodgietersbedrijf") == "loodgietersbedrijf"


@pytest.mark.parametrize(
    ("text", "normalized", "group"),
    [
        ("taxi", "taxi driver", "8322"),
        ("vrachtwagen", "vrachtwagenchauffeur", "8332"),
        ("ik was bus", "bus driver", "8331"),
        ("Bestelbus in Irak", "bestelbuschauffeur", "8322"),
    ],
)
def test_a_vehicle_named_alone_is_its_drivers(text: str, normalized: str, group: str) -> None:
    """A bare vehicle as the answer to "what was your work" is its driver's; the label search
    read "taxi" as a taxi dispatcher. Only for a query (with the coder's labels): a label is not
    rewritten."""
    result = _coder().code(text, lang="nl")
    assert result.normalized == normalized
    assert result.candidates[0].isco == group
    assert "driver" not in textnorm.normalize(text)  # without the coder's labels: not rewritten


def test_a_vehicle_in_a_title_is_left_alone() -> None:
    for text in ("taxibedrijf", "bus chauffeur", "taxi centrale medewerker", "van der berg"):
        assert "driver" not in _coder().code(text, lang="nl").normalized, text


def test_an_own_business_in_general_words_is_not_dropped_to_nothing() -> None:
    """The filler rules drop an own business named in general words ("eigen garage", "eigen
    bedrijf") after a title; said alone with "ik heb een ... gehad" nothing was left to code."""
    for text in ("ik heb een eigen garage gehad", "eigen garage gehad in Kabul", "ik had een eigen bedrijf"):
        result = _coder().code(text, lang="nl")
        assert result.candidates and result.needs_review, text
