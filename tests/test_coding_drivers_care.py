"""A driver said in the client's language beside the vehicle is that vehicle's driver
(``coding_vehicles.driver_of``); a workplace phrase right after "en" opens the next job, not the
first one's workplace (``textnorm.context_start``); English care said with a phrasal verb is care
(``coding_settings``), and the sick whom one cared for are no health detail of one's own
(``coding_situations``); a sportsman without the professional's prefix is the professional
athlete (``coding_disciplines.professional``). Made-up answers in the intake's style."""

from __future__ import annotations

import functools

import pytest

from skilltool import (
    coding_activity,
    coding_disciplines,
    coding_places,
    coding_schools,
    coding_settings,
    coding_support,
    coding_vehicles,
    textnorm,
)
from skilltool.coding_situations import situation
from tests.alias_checks import coder
from tests.test_coding_settings import _read


def _driver(text: str) -> str | None:
    _, words, _ = coding_support.prepare(text)
    return coding_vehicles.driver_of(words, lambda word: word.endswith("monteur"))


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("şoför, otobüs in Izmir", "buschauffeur"),
        ("водитель грузовика", "vrachtwagenchauffeur"),
        ("ranande (kamyon)", "vrachtwagenchauffeur"),
        ("chofer de camión", "vrachtwagenchauffeur"),
        ("dareewal taksi", "taxibestuurder"),
    ],
)
def test_a_driver_with_the_vehicle_is_its_driver(text: str, label: str) -> None:
    assert _driver(text) == label


@pytest.mark.parametrize(
    "text",
    [
        "şoför",  # which vehicle: the caseworker asks
        "vrachtwagen",  # no driver said
        "şoför bus en vrachtwagen",  # two vehicles: the labels weigh them
        "vrachtwagen monteur şoför",  # another role
    ],
)
def test_no_driver_or_no_one_vehicle_is_the_labels(text: str) -> None:
    assert _driver(text) is None


@pytest.mark.parametrize(
    ("text", "isco"),
    [("voditel gruzovika v Odesi", "8332"), ("şoför otobüs", "8331"), ("dareewal taksi", "8322")],
)
def test_the_coder_reads_a_drivers_vehicle(text: str, isco: str) -> None:
    result = coder().code(text, lang="nl")
    assert result.candidates[0].isco == isco
    assert not result.needs_review  # the vehicle answers what the driver's word alone asks


def test_a_phrase_after_and_opens_the_next_job() -> None:
    assert textnorm.context_start("kok bij een hotel") == 1
    assert textnorm.context_start("bakker en in het weekend bewaker") is None
    assert textnorm.context_start("bakker en op zaterdag bewaker") is None
    result = coder().code("bakker en in het weekend bewaker", lang="nl")
    assert result.needs_review  # two jobs: before, the baker alone went unchecked
    assert {c.isco for c in result.candidates} >= {"7512", "5414"}  # both jobs shown


@pytest.mark.parametrize(
    ("text", "code", "activity"),
    [
        ("I looked after old people in their homes", "5322", True),
        ("taking care of elderly in a nursing home", "5321", True),
    ],
)
def test_english_care_said_with_a_phrasal_verb(text: str, code: str, activity: bool) -> None:
    assert _read(text) == (coding_settings.LABELS[code], activity)


@pytest.mark.parametrize(
    "text", ["looked after sick people", "I took care of sick patients", "zorgde voor zieke mensen"]
)
def test_the_sick_cared_for_are_whom_one_cared_for(text: str) -> None:
    result = coder().code(text, lang="en")
    assert result.candidates and result.candidates[0].isco.startswith("532")  # a carer, flagged
    assert result.needs_review


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("ik was ziek", "health"),
        ("ziek, zorgde voor de kinderen", "health"),  # one's own health, the children one's own
        ("zorgde voor mijn zieke vader", "health"),  # one's own family: kept out of the history
    ],
)
def test_ones_own_sickness_stays_a_situation(text: str, told: str) -> None:
    _, words, _ = coding_support.prepare(text)
    assert situation(words) == told


@pytest.mark.parametrize(
    ("words", "said"),
    [
        (["wielrenner"], "beroepswielrenner"),
        (["bokser", "nationaal", "team"], "profbokser nationaal team"),
        (["kok"], None),  # a label itself
        (["schaakmeester"], None),  # no professional's label
        (["consulent"], None),  # *beroepsconsulent* is a career adviser, not an athlete
    ],
)
def test_a_sportsman_without_the_professionals_prefix(words: list[str], said: str | None) -> None:
    table = coder()._table

    def athlete(label: str) -> bool:
        return coding_support._label_of(table.index, table.iscos, label, coding_disciplines.ATHLETES)

    assert coding_disciplines.professional(words, athlete) == said


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("ik hielp mijn neef in de slagerij", "in de slagerij"),
        ("helped my cousin at the garage", "at the garage"),
        ("hielp op de boerderij", "op de boerderij"),
        ("werkte in de kapsalon van mijn tante", "in de kapsalon"),  # the owner's kin is no word of the work
        ("hielp mijn moeder thuis", None),  # housework: a situation
        ("in de slagerij", None),  # nothing to drop
        ("verkoper in de winkel van Ahmed", None),  # a role said, and an owner by name
        ("hielp in slagerij van oom", "in de slagerij"),  # no article, no possessive
        ("helped in my uncles garage", "in the garage"),  # the English genitive, as normalised
        ("kapper in salon van mijn zus", "kapper in salon"),  # a role keeps itself, the owner goes
        ("meewerkende in de slagerij", "in de slagerij"),  # working along in a family's business
        ("meegewerkt op de boerderij van mijn schoonvader", "op de boerderij"),
    ],
)
def test_helping_at_a_place_is_the_places_work(text: str, place: str | None) -> None:
    normalized, _, _ = coding_support.prepare(text)
    assert coding_places.helped_at(normalized) == place


def test_the_coder_reads_helping_as_working_there() -> None:
    helped = coder().code("ik hielp mijn neef in de slagerij", lang="nl")
    worked = coder().code("werkte in de slagerij", lang="nl")
    assert [c.isco for c in helped.candidates] == [c.isco for c in worked.candidates]
    assert helped.needs_review  # a workplace alone: always checked
    assert helped.candidates[0].isco != "3412"  # not a home help, as the verb alone read


@pytest.mark.parametrize(
    ("text", "isco"),
    [
        ("verpleegster, 2 jaar opleiding, in Homs", "3221"),
        ("vroedvrouw met een opleiding van twee jaar", "3222"),
    ],
)
def test_a_nurse_after_a_short_training_is_an_associate(text: str, isco: str) -> None:
    result = coder().code(text, lang="nl")
    assert result.candidates[0].isco == isco  # CBS codes a nurse of mbo level in 3221
    assert result.needs_review


@pytest.mark.parametrize(
    ("text", "isco"),
    [
        ("moallem op een middelbare school in Kabul", "2330"),
        ("öğretmen, ilkokul", "2341"),
        ("macallin at a kindergarten", "2342"),
        ("professeur à l'université de Goma", "2310"),
    ],
)
def test_a_teachers_word_with_the_schools_level(text: str, isco: str) -> None:
    assert coder().code(text, lang="nl").candidates[0].isco == isco


@pytest.mark.parametrize(
    "text",
    [
        "moallem",
        "moallem en directeur op een basisschool",
        "öğretmen lise en universiteit",
        "meester op de lagere school",  # no teacher word of the clients: the labels read it
    ],
)
def test_no_level_or_another_role_is_the_labels(text: str) -> None:
    table = coder()._table
    normalized, words, _ = coding_support.prepare(text)
    role = functools.partial(coding_activity.role_word, index=table.index)
    assert coding_schools.teacher_of(words, normalized, role) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("verzorgde een oude meneer thuis, douchen en aankleden", "5322"),
        ("cared for old people in a nursing home, washing and feeding", "5321"),
    ],
)
def test_a_carers_tasks_said_beside_are_care(text: str, code: str) -> None:
    assert _read(text) == (coding_settings.LABELS[code], True)


def test_tasks_without_a_carer_are_the_labels() -> None:
    assert _read("wassen en strijken") is None  # laundry: no carer said


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("wij werkten met jonge kinderen", "kinderverzorger"),
        ("working with the elderly", coding_settings.CARE_UNSET),
        ("met dieren", "medewerker dierverzorging"),
        ("werken met computers", None),  # not whom one looks after: the labels
        ("leraar met kinderen", None),  # a role said
    ],
)
def test_whom_one_worked_with_is_who_looks_after_them(text: str, label: str | None) -> None:
    normalized, _, _ = coding_support.prepare(text)
    assert coding_settings.worked_with(normalized) == label


def test_the_coder_flags_whom_one_worked_with() -> None:
    result = coder().code("wij werkten met jonge kinderen", lang="nl")
    assert result.candidates[0].isco == "5311"  # before: a children's tailor
    assert result.needs_review  # a teacher or a nanny may be meant


def test_a_worker_said_by_the_field_that_is_a_label_itself_keeps_it() -> None:
    # ESCO's *medewerker raffinaderij* (8160) is a whole label; worker_at joined it into
    # *raffinaderijmedewerker*, another occupation's (8131), and the label's own was lost.
    exact = coder()._table.index.exact
    assert coding_places.worker_at("medewerker raffinaderij", exact, ()) == "medewerker raffinaderij"
    assert coder().code("medewerker raffinaderij", lang="nl").candidates[0].isco == "8160"
