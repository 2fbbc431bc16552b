"""A motorcycle rider named by what they carry and a tractor driven (``coding_vehicles``); farming
on one's own or a relative's land, with a count (``coding_farming``); animals cared for are farm
work, not family care, and a child's or a housewife's answer is a situation
(``coding_situations``); a head of a place led by its manager from second place, and an owner
with staff flagged (``coding_managers``). Made-up answers in the intake's style; the coder on
the committed data."""

from __future__ import annotations

import functools

import pytest

from skilltool import coding_managers, coding_vehicles
from skilltool.coding_situations import not_an_occupation, situation
from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData
from tests.test_occupations_props import REPO_DATA


@functools.cache
def _coder() -> OccupationCoder:
    return OccupationCoder.from_reference(ReferenceData(REPO_DATA))


def _no_role(word: str) -> bool:
    return word in {"monteur", "verkoper"}


@pytest.mark.parametrize(
    ("words", "label"),
    [
        (["pakketbezorger", "brommer"], coding_vehicles.LABEL),  # a rider's compound
        (["pizzakoerier", "scooter"], coding_vehicles.LABEL),
        (["trekker", "rijden", "boerderij"], coding_vehicles.TRACTOR_LABEL),
        (["drove", "tractor"], coding_vehicles.TRACTOR_LABEL),
        (["trekkerchauffeur"], None),  # a title: its own ranking
        (["driver", "for", "tractors"], None),  # no verb: a tractor unit of a lorry as often
        (["reed", "trekker", "oplegger"], None),  # a lorry's tractor unit: 8332
        (["monteur", "scooter"], None),  # another role said
        (["scooter", "verkoper"], None),
        (["brommer"], None),  # nobody rides it
    ],
)
def test_a_vehicle_and_its_driver(words: list[str], label: str | None) -> None:
    assert coding_vehicles.as_title(words, _no_role) == label


@pytest.mark.parametrize(
    ("text", "lang", "group"),
    [
        ("boodschappenbezorger op een scooter", "nl", "8321"),
        ("trekker rijden in de oogsttijd", "nl", "8341"),
        ("mais en rijst verbouwen op ons land", "nl", "6111"),
        ("geiten melken, 40 geiten van mijn oom", "nl", "6121"),
        ("zorgde voor de kippen van mijn moeder", "nl", "6122"),
        ("looked after the goats of my father", "en", "6121"),
    ],
)
def test_riders_and_farmers_are_coded_so(text: str, lang: str, group: str) -> None:
    result = _coder().code(text, lang=lang)
    assert result.candidates[0].isco == group


@pytest.mark.parametrize(
    "text",
    [
        "ik zorgde voor mijn oude vader",
        "huisvrouw, zorgde voor vier kinderen",
        "housewife, took care of 3 kids",
    ],
)
def test_family_and_home_are_not_coded(text: str) -> None:
    result = _coder().code(text, lang="nl")
    assert not result.candidates
    assert result.problem


@pytest.mark.parametrize(
    ("words", "told"),
    [
        (["nog", "kind"], "not_work"),  # "was nog een kind": too young to work
        (["still", "child", "when", "we", "left"], "not_work"),
        (["worked", "child"], None),  # work with a child said
        (["nog", "kind", "kapper"], None),  # a role said beside it is coded
        (["housewife", "took", "care", "children"], "not_work"),
    ],
)
def test_a_child_or_a_housewife_is_a_situation(words: list[str], told: str | None) -> None:
    assert situation(words) == told


def test_animals_cared_for_are_not_family_care() -> None:
    assert (
        not_an_occupation("ik zorgde voor de schapen van mijn broer", ["zorgde", "schapen", "broer"]) is None
    )
    assert not_an_occupation("ik zorgde voor mijn broer", ["zorgde", "broer"]) == "family_care"


_ISCOS = ["3343", "1345", "5414", "1349", "3115"]
_LABELS = ["klerk", "directeur", "wachter", "bestuurder", "voorman onderhoud"]


@pytest.mark.parametrize(
    ("hits", "normalized", "first"),
    [
        ([(0, 60.0, 10), (1, 58.0, 11)], "hoofd van een middelbare school", 1),  # a manager second
        ([(2, 60.0, 12), (0, 55.0, 10), (3, 50.0, 13)], "hoofd bewaking", 2),  # the manager not second
        ([(4, 60.0, 14), (1, 58.0, 11)], "hoofd technische dienst", 4),  # a supervisor leads
        ([(0, 60.0, 10), (1, 58.0, 11)], "medewerker administratie", 0),  # no head said
    ],
)
def test_a_head_of_a_place_is_its_manager_from_second_place(
    hits: list[tuple[int, float, int]], normalized: str, first: int
) -> None:
    moved = coding_managers.said_manager_first(hits, True, normalized, _ISCOS, 5, labels=_LABELS)
    assert moved[0][0] == first
    assert coding_managers.said_manager_first(hits, False, normalized, _ISCOS, 5, labels=_LABELS) == hits


@pytest.mark.parametrize(
    ("text", "isco", "flag"),
    [
        ("eigenaar slagerij, 5 man personeel", "7511", True),
        ("owned a tailor's shop with two staff", "7531", True),
        ("eigen slagerij", "7511", False),  # no staff said: the trade
        ("eigenaar slagerij, 5 man personeel", "1420", False),  # a manager already
        ("personeel van een slagerij", "7511", False),  # no owner said
    ],
)
def test_an_owner_with_staff_is_asked(text: str, isco: str, flag: bool) -> None:
    assert coding_managers.owner_with_staff(text, isco) is flag


def test_an_owner_with_staff_is_flagged_by_the_coder() -> None:
    result = _coder().code("eigenaar van een slagerij met personeel", lang="nl")
    assert result.candidates
    assert result.needs_review
