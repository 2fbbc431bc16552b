"""Advice rules from the tenth expert review (docs/advice.md, "Tenth expert review"): work that Dutch rules
reserve for holders of a certificate or licence was a direct start "soon" and the trial placement: a crane on
a building site (TCVT certificate, Arbobesluit art. 7.32), a train (the ILT's licence, Dutch B1), an
ambulance (the sector's CZO training; the ambulance nurse is a BIG nurse), advice on financial products (a Wft
diploma), an officer's post at sea (a Dutch certificate of competency or recognition, Kiwa Register) and gas
appliances (a CO-certified company, the technician's Bewijs van Vakmanschap CO). And
the plan called a secondary certificate "the highest diploma" beside a post-secondary diploma of the same
level in the table."""

from __future__ import annotations

import pytest

from skilltool import profile_files, suggest
from skilltool.models import SuggestionResult, say
from skilltool.models.base import Lang
from skilltool.models.regulated import RegulatedProfession
from tests.test_personas import PERSONAS, _ref
from tests.test_personas import persona as _persona

MOBILE_CRANE = "http://data.europa.eu/esco/occupation/1f2b8092-1787-4ef4-9282-cf81ce4b4d76"
TOWER_CRANE = "http://data.europa.eu/esco/occupation/0ea5fdff-074c-4094-98b9-04432361e4d9"
TRAIN_DRIVER = "http://data.europa.eu/esco/occupation/81f6a814-1f4e-47d4-9c75-47977c7267ee"
PARAMEDIC = "http://data.europa.eu/esco/occupation/0b5dfc02-b825-4445-811d-d39ed442657e"
GAS_APPLIANCES = "http://data.europa.eu/esco/occupation/97b3cab1-f4f0-41ed-8c80-e65e6c067e95"  # gasmonteur
HEATING = "http://data.europa.eu/esco/occupation/7259dc48-004a-4ceb-aa4e-5bbd548c2397"
PLUMBER = "http://data.europa.eu/esco/occupation/ed3cf43d-c2c1-4c46-82fc-1375e27e0290"


def _run(name: str, lang: Lang = "nl") -> SuggestionResult:
    return suggest.suggest(_persona(name), ref=_ref(), top=10, lang=lang)


def _profession(rid: str) -> RegulatedProfession:
    return next(p for p in _ref().regulated_nl.professions if p.id == rid)


def _placement(result: SuggestionResult, lang: str = "nl") -> str:
    return say(next(n for n in result.next_steps if n.action == "work_experience").text, lang)


@pytest.mark.parametrize(
    ("persona", "rid", "isco", "word"),
    [
        ("turkish_crane_man_no_papers", "kraanmachinist", "8343", "TCVT"),
        ("ukrainian_train_driver_temporary_protection", "treinmachinist", "8311", "VVRV"),
        ("syrian_ambulance_paramedic_technical_diploma", "ambulancezorg", "3258", "CZO"),
        ("iraqi_insurance_adviser_wishes_mortgage_advice", "financieel_adviseur", "3321", "Wft"),
        ("sudanese_ship_engine_officer_stcw", "koopvaardij_officier", "3151", "STCW"),
        ("yemeni_heating_installer_a2", "co_gastoestellen", "7126", "CO"),
    ],
)
def test_certified_work_is_never_a_direct_start_nor_the_placement(
    persona: str, rid: str, isco: str, word: str
) -> None:
    """Each client's own work was a direct start "soon" and the trial placement. Now it belongs to its
    profession (with sources), is recognition first for the person who did it, the recognition step names
    the route, and the placement is elsewhere or a shadowing placement."""
    index = _ref().suggest_index
    prof = _profession(rid)
    assert prof.sources, rid
    result = _run(persona)
    own = [s for s in result.suggestions if s.isco.startswith(isco) and index.reg_by_uri.get(s.uri) == rid]
    assert own, [(s.label, s.isco) for s in result.suggestions]
    assert all(s.route != "direct" for s in own), [(s.label, s.route) for s in own]
    step = next(n for n in result.next_steps if n.action == "recognition")
    assert word in say(step.text, "nl") + say(step.text, "en")
    placement = _placement(result)
    direct_named = [s.label for s in own if s.label in placement and "meeloopstage" not in placement]
    assert not direct_named, placement


def test_crane_certificate_is_the_law_for_mobile_and_tower_cranes_only() -> None:
    """Art. 7.32 names tower cranes, mobile cranes and foundation machines on a building site; the operators
    of a harbour or factory crane (same ISCO group 8343) are not matched: their rules were not read."""
    index = _ref().suggest_index
    assert index.reg_by_uri.get(MOBILE_CRANE) == "kraanmachinist"
    result = _run("turkish_crane_man_no_papers", "en")
    crane = [s for s in result.suggestions if s.uri in {MOBILE_CRANE, TOWER_CRANE}]
    assert crane and all(s.route == "recognition_first" for s in crane)
    assert "arbobesluit-7-32" in _profession("kraanmachinist").sources


def test_train_driving_asks_dutch_at_b1() -> None:
    """ilent.nl: a train driver masters Dutch at B1. The Ukrainian train driver at A2 sees the B1 gap and a
    B1 language step; the licence is not his papers' (by exam: training and VVRV exams here)."""
    prof = _profession("treinmachinist")
    assert prof.dutch_needed == "B1" and prof.by_exam
    result = _run("ukrainian_train_driver_temporary_protection")
    driver = next(s for s in result.suggestions if s.uri == TRAIN_DRIVER)
    assert driver.route == "recognition_first" and driver.dutch_needed == "B1"
    assert "als treinmachinist" not in _placement(result)


def test_the_dutch_ambulance_nurse_is_a_big_nurse() -> None:
    """ESCO's paramedic carries the Dutch label ambulanceverpleegkundige: a nurse on the BIG register with
    the sector's CZO training (Ambulancezorg Nederland). The route says so and names the BIG register."""
    index = _ref().suggest_index
    assert index.reg_by_uri.get(PARAMEDIC) == "ambulancezorg"
    route = _profession("ambulancezorg").route
    assert "BIG" in route.nl and "CZO" in route.nl and "BIG" in route.en


def test_equal_table_levels_are_chosen_with_the_person() -> None:
    """The Syrian secondary certificate and the two-year technical diploma after it both have NLQF 4 in the
    table; the plan called the certificate "the highest diploma" (its 12 school years won the tie). With the
    same known level the reason names both and asks to choose with the person."""
    result = _run("syrian_ambulance_paramedic_technical_diploma")
    step = next(n for n in result.next_steps if n.action == "diploma_evaluation")
    why = say(step.reason, "nl") if step.reason is not None else ""
    assert "hetzelfde niveau" in why and "Technical Diploma" in why and "Secondary School Certificate" in why
    assert "is het hoogste diploma" not in why
    why_en = say(step.reason, "en") if step.reason is not None else ""
    assert "the same level" in why_en


def test_gas_appliances_need_the_co_competence_certificate() -> None:
    """Since 1 April 2023 only a CO-certified company may install, service or repair gas appliances, with
    technicians who hold the Bewijs van Vakmanschap CO; work without gas appliances is not covered. ESCO's
    occupations for heating and for servicing gas appliances carry that route; a plumber (same unit group
    7126) does not."""
    index = _ref().suggest_index
    assert index.reg_by_uri.get(HEATING) == "co_gastoestellen"
    assert index.reg_by_uri.get(GAS_APPLIANCES) == "co_gastoestellen"
    assert index.reg_by_uri.get(PLUMBER) is None
    route = _profession("co_gastoestellen").route
    assert "2023" in route.nl and "warmtepomp" in route.nl


def test_licence_b_comes_before_a_bus_or_lorry_licence() -> None:
    """The cleaner without any licence who wishes bus driving was told to obtain licence D and code 95;
    every C and D category asks for B first (the sources in suggest_weights.yaml). B is named; someone who
    holds C or D holds B (suggest_scoring._LICENCE_IMPLIED) and is not told to get it."""
    rules = {tuple(r.isco): r.driving_licences for r in _ref().suggest_weights.certificate_rules}
    assert rules[("8331",)][0] == "B" and rules[("8332",)][0] == "B"
    result = _run("somali_cleaner_wishes_bus_driving")
    step = next(n for n in result.next_steps if n.action == "certificates")
    assert "rijbewijs B" in say(step.text, "nl") and "rijbewijs D" in say(step.text, "nl")
    bus = profile_files.read_profile(PERSONAS / "syrian_bus_driver.json")  # holds B, a Dutch licence
    gaps = " ".join(
        g.render("nl") for s in suggest.suggest(bus, ref=_ref(), lang="nl").suggestions for g in s.gaps
    )
    assert "rijbewijs B" not in gaps
