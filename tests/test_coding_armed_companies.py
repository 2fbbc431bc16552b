"""A trade said with the armed forces is flagged: ISCO-08 codes members of the armed forces in
major group 0 whatever their trade, so the trade's group or 0310 is a person's choice
(``coding_armed_forces``); a company named by its trade in one word is read as its field
(``title_companies``); an owner's staff said as a headcount (``coding_managers``); waiting for a
house and a country named by a label's word are situations (``coding_situations``). Made-up
answers in the intake's style."""

from __future__ import annotations

import pytest

from skilltool import coding_managers, countries, title_companies
from skilltool.coding_armed_forces import in_armed_forces
from skilltool.coding_situations import situation
from tests.alias_checks import coder


@pytest.mark.parametrize(
    ("normalized", "isco"),
    [
        ("bakker voor het leger", "7512"),
        ("kapper leger", "5141"),
        ("army cook", "5120"),
        ("barber during conscription", "5141"),
        ("monteur tijdens dienstplicht", "7231"),
        ("kok luchtmacht", "5120"),
        ("driver for the military", "8322"),
    ],
)
def test_a_civilian_trade_in_the_armed_forces_is_in_doubt(normalized: str, isco: str) -> None:
    assert in_armed_forces(normalized, isco)


@pytest.mark.parametrize(
    ("normalized", "isco"),
    [
        ("kapper leger", "0310"),  # coded in the armed forces already
        ("officier leger des heils", "3413"),  # a church
        ("salvation army shop", "5223"),
        ("lasser defensie", "7212"),  # a ministry employs civilians too
        ("kapper militairen", "5141"),  # a barber whose customers were soldiers
        ("legerkoker", "5120"),  # no word of its own
        ("interpreter for the american army", "2643"),  # a foreign army's local civilian staff
        ("cook at a nato base", "5120"),
    ],
)
def test_other_answers_are_not(normalized: str, isco: str) -> None:
    assert not in_armed_forces(normalized, isco)


def test_the_coder_flags_a_cook_of_the_armed_forces() -> None:
    result = coder().code("kok voor het leger", lang="nl", top=5)
    assert result.needs_review
    assert result.candidates[0].isco == "5120"  # the trade still leads: what the caseworker matches on


@pytest.mark.parametrize(
    ("normalized", "read"),
    [
        ("medewerker bouwbedrijf", "medewerker bouw"),
        ("bij een schoonmaakbedrijf", "bij een schoonmaak"),
        ("administratie bouwbedrijven", "administratie bouw"),
        ("chauffeur schoonmaakbedrijfje", "chauffeur schoonmaak"),
        ("transportbedrijf", "transportbedrijf"),  # a company the labels name: as they read it
        ("kok", "kok"),
        ("abcbedrijf", "abcbedrijf"),  # no field the labels know
    ],
)
def test_a_company_named_by_its_trade_is_its_field(normalized: str, read: str) -> None:
    assert title_companies.field_of_company(normalized, coder()._table.index) == read


def test_a_construction_firms_worker_is_not_an_analyst_of_businesses() -> None:
    result = coder().code("planner bij bouwbedrijf", lang="nl")
    assert result.normalized == "planner bij bouw"
    assert not result.candidates[0].isco.startswith(("1330", "2421"))


@pytest.mark.parametrize(
    ("text", "isco", "flag"),
    [
        ("eigenaar slagerij, 6 man", "7511", True),
        ("owner of a print shop, 9 people", "7322", True),
        ("owned a workshop, 6 workers", "7522", True),
        ("eigenaar slagerij", "7511", False),  # no staff said
        ("slager 6 jaar", "7511", False),  # a number of years, no owner
        ("metselaar, 4 man ploeg", "7112", False),  # a crew, no owner
        ("eigenaar slagerij, 6 man", "1420", False),  # a manager already
    ],
)
def test_an_owners_headcount_is_staff(text: str, isco: str, flag: bool) -> None:
    assert coding_managers.owner_with_staff(text, isco) is flag


@pytest.mark.parametrize(
    "words",
    [
        ["azc", "wacht", "woning"],
        ["azc", "wachtend", "huis"],
        ["camp", "waiting", "housing"],
    ],
)
def test_waiting_for_a_house_is_a_situation(words: list[str]) -> None:
    assert situation(words) == "not_work"


def test_a_cook_in_a_camp_waiting_is_still_coded() -> None:
    assert situation(["kok", "azc", "wacht", "woning"]) is None


def test_a_country_whose_name_is_a_labels_word_is_a_circumstance() -> None:
    # "turkey" is no place name of the coder's list (a turkey farmer's word), but a country
    assert situation(["asylum", "seeker", "turkey", "waiting"]) == "not_work"
    assert situation(["turkey", "farmer", "refugee"]) is None  # a role said: coded


@pytest.mark.parametrize(
    ("word", "known"), [("turkey", True), ("turkije", True), ("no", False), ("it", False)]
)
def test_a_country_name_is_known_exactly(word: str, known: bool) -> None:
    assert countries.is_country_name(word) is known
