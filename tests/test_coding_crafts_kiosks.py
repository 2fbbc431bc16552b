"""A craft done in a factory is its machine's operator's (``coding_settings``); a kiosk is a stall
(``coding_stalls``); an apprentice is coded in the trade learnt (``coding_helpers``); an asylum
seekers' centre is a situation (``coding_situations``); a label that adds a word the title did
not say does not move one said whole (``occupation_rules.head_kept``); fast food made to order is
9411 (``coding_stalls.fast_food``); a nurse's or midwife's vocational level or degree said puts
that level first (``coding_level``). Made-up answers in the intake's style."""

from __future__ import annotations

import pytest

from skilltool import coding_places, coding_settings, coding_stalls, coding_support, coding_vehicles
from skilltool.coding_helpers import apprentice_of
from skilltool.coding_level import level_in_doubt
from skilltool.coding_situations import situation
from tests.alias_checks import coder
from tests.test_coding_settings import _read  # the rule on its own, as there


@pytest.mark.parametrize(
    ("text", "code", "activity"),
    [
        ("wever in een tapijtfabriek", "8152", False),
        ("weaver in a carpet factory", "8152", False),
        ("breister in de fabriek", "8152", False),
        ("tapijtwever in de weverij", "8152", False),  # a weaver by what they weave
        ("knitting in a textile mill", "8152", True),
        ("schoenmaker in een schoenfabriek", "8156", False),
        ("naaister bij een fabriek van een neef", "8153", False),  # the owner's name after "van"
        ("sewing in a factory of my uncle", "8153", True),
    ],
)
def test_a_craft_in_a_factory_is_its_machines(text: str, code: str, activity: bool) -> None:
    assert _read(text) == (coding_settings.LABELS[code], activity)


@pytest.mark.parametrize(
    "text", ["wever", "weaver at home", "knitting at home", "schoenmaker", "wever en naaister in de fabriek"]
)
def test_a_craft_without_a_factory_is_the_labels(text: str) -> None:
    assert _read(text) is None  # a hand craft (7318, 7536, 7533), or two crafts: as the labels read it


@pytest.mark.parametrize(
    ("text", "isco"),
    [
        ("wever in een tapijtfabriek", "8152"),
        ("schoenen maken in de fabriek", "8156"),  # an activity, then the craft's setting
        ("krantenkiosk", "5211"),
        ("verkoper in een kiosk", "5211"),
        ("eigen kiosk", "5211"),
        ("verkoper bij een groentekraam", "5211"),  # the seller is the stall's, said once
        ("leerling bij een kleermaker", "7531"),
        ("stagiair schilder", "7131"),
        ("kok bij een kiosk", "5120"),  # another role: the cook
    ],
)
def test_the_coder_reads_them(text: str, isco: str) -> None:
    assert coder().code(text, lang="nl").candidates[0].isco == isco


def test_a_kiosk_seller_is_a_stall_seller_in_english_too() -> None:
    # CBS names 5211 "Markt- en kioskverkopers"; ESCO's kiosk seller is a newsagent's (5223)
    assert coder().code("kiosk", lang="en").candidates[0].isco == "5211"


def test_an_apprentice_is_coded_in_the_trade_unflagged() -> None:
    result = coder().code("leerling bij een kleermaker", lang="nl")
    assert result.normalized == "kleermaker"
    assert not result.needs_review  # ISCO-08 codes an apprentice in the trade learnt


@pytest.mark.parametrize(
    ("words", "trade"),
    [
        (["leerling", "kleermaker"], "kleermaker"),
        (["schilder", "stagiair"], "schilder"),
        (["apprentice", "plumber"], "plumber"),
        (["leerling", "wiskunde"], None),  # a pupil of a subject: no trade
        (["leerling"], None),
        (["leerling", "stagiair"], None),
        (["leerling", "kleermaker", "istanbul"], None),  # more said: the search reads it
        (["kleermakersleerling"], "kleermaker"),  # one Dutch compound, a linking s
        (["schilderstagiair"], "schilder"),
        (["leerlingschilder"], "schilder"),
        (["leerlingbegeleider"], None),  # a whole label itself: a pupil's mentor
        (["wiskundeleerling"], None),  # no trade before it
    ],
)
def test_an_apprentice_names_the_trade(words: list[str], trade: str | None) -> None:
    labels = {"kleermaker", "schilder", "plumber", "leerling", "stagiair", "leerlingbegeleider"}
    assert apprentice_of(words, labels.__contains__) == trade


@pytest.mark.parametrize(
    "words",
    [["asielzoekers", "opvang"], ["woonde", "noodopvang"], ["asylum", "seeker", "centre"]],
)
def test_an_asylum_seekers_centre_is_a_situation(words: list[str]) -> None:
    assert situation(words) == "not_work"


def test_a_cook_in_the_reception_centre_is_coded() -> None:
    assert situation(["kok", "noodopvang"]) is None


def test_a_surgeon_of_a_body_part_is_no_tree_surgeon() -> None:
    result = coder().code("knee surgeon", lang="en")
    assert result.candidates[0].isco == "2212"
    assert result.needs_review  # the speciality is the caseworker's to ask


@pytest.mark.parametrize(
    ("words", "read"),
    [
        (["kebabmaker", "amsterdam"], (coding_stalls.FAST_FOOD_LABEL, False)),
        (["kok", "kebabzaak"], (coding_stalls.FAST_FOOD_LABEL, False)),
        (["doner", "bakken"], (coding_stalls.FAST_FOOD_LABEL, True)),  # a verb: an activity
        (["gyros", "griller"], (coding_stalls.FAST_FOOD_LABEL, False)),
        (["friettent"], (coding_stalls.FAST_FOOD_PLACE, False)),  # the place alone: flagged as a place
        (["kebab", "restaurant"], (coding_stalls.FAST_FOOD_PLACE, False)),
        (["burgerzaken"], None),  # civil affairs, no burger
        (["kebab"], None),  # the food alone
        (["kok", "restaurant"], None),  # no fast food said: a cook
        (["kebab", "kok", "ober"], None),  # another role
    ],
)
def test_fast_food(words: list[str], read: tuple[str, bool] | None) -> None:
    assert coding_stalls.fast_food(words, lambda word: word == "amsterdam") == read


@pytest.mark.parametrize(
    ("text", "isco", "flag"),
    [
        ("kok bij een kebabzaak", "9411", False),
        ("falafel maker", "9411", False),
        ("eigen shoarmazaak", "9411", True),
        ("kebab stand", "5212", False),  # a stall's: street food
        ("verpleegkundige mbo niveau 4", "3221", True),
        ("verloskundige mbo", "3222", True),  # a midwife of mbo level: in doubt, the associate first
        ("verpleegkundige met hbo diploma", "2221", True),
    ],
)
def test_the_coder_reads_fast_food_and_a_nurses_level(text: str, isco: str, flag: bool) -> None:
    result = coder().code(text, lang="nl")
    assert (result.candidates[0].isco, result.needs_review) == (isco, flag)


def test_a_teacher_at_an_mbo_school_is_no_nurse_in_doubt() -> None:
    assert not level_in_doubt("docent mbo", "2320")
    assert level_in_doubt("verloskundige mbo", "2222")


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("monteur bij een autogarage", coding_vehicles.GARAGE_LABEL),
        ("monteur bij de fiat dealer", coding_vehicles.GARAGE_LABEL),
        ("mechanic at a garage in basra", coding_vehicles.GARAGE_LABEL),
        ("garagemonteur", coding_vehicles.GARAGE_LABEL),  # the compound of both
        ("manager garage", None),  # another role
        ("receptionist bij een garage", None),
        ("monteur", None),  # no garage said
        ("parkeergarage beheerder", None),  # no mechanic
    ],
)
def test_a_mechanic_at_a_garage_repairs_cars(text: str, read: str | None) -> None:
    _, words, _ = coding_support.prepare(text)
    index = coder()._table.index
    assert coding_vehicles.at_a_garage(words, text, lambda word: word in index.exact) == read


def test_the_coder_reads_a_garages_mechanic_as_one_of_motor_vehicles() -> None:
    assert coder().code("monteur bij een autogarage", lang="nl").candidates[0].isco == "7231"


_EXACT = {"zeepmedewerker", "kaasmedewerker", "zoutsmedewerker"}  # made-up labels: the rule only joins


@pytest.mark.parametrize(
    ("normalized", "said"),
    [
        ("medewerker zeep", "zeepmedewerker"),
        ("medewerker bij de kaas", "kaasmedewerker"),
        ("zeep medewerker", "zeepmedewerker"),
        ("medewerker in het zout", "zoutsmedewerker"),  # with a linking s
        ("zeepwerk", "zeepmedewerker"),  # the field's work
        ("kaaswerk", "kaaswerk"),  # a word the labels know: as they read it
        ("licht zeepwerk", "licht zeepwerk"),  # more said: the search reads it
        ("medewerker bouw", "medewerker bouw"),  # no such label
        ("medewerker", "medewerker"),
    ],
)
def test_a_worker_of_a_field_is_the_compound(normalized: str, said: str) -> None:
    assert coding_places.worker_at(normalized, _EXACT, {"kaaswerk"}) == said


@pytest.mark.parametrize(
    ("text", "isco", "flag"),
    [
        ("medewerker productie", "9329", False),  # not an engineer of production (2141)
        ("kantoorwerk", "4110", False),  # not a cleaner of a household (9111)
        ("helpende in een verpleeghuis", "5321", False),
        ("helpende bij mensen thuis", "5322", False),
        ("helpende", "5321", True),  # either setting: the trained carer, flagged
    ],
)
def test_the_coder_reads_a_fields_worker_and_a_helpende(text: str, isco: str, flag: bool) -> None:
    result = coder().code(text, lang="nl")
    assert (result.candidates[0].isco, result.needs_review) == (isco, flag)
