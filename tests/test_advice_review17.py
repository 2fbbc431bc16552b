"""Advice rules from the seventeenth expert review (docs/advice.md, "Seventeenth expert review"): the police
was a learn-work route for a refugee though it appoints Dutch nationals only; a griffier at a Dutch court
was a direct start for a foreign law graduate; a garage owner heard nothing of the RDW's APK erkenning;
a tram driver was told to get the bus's licence D and code 95."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from skilltool.cli import app
from tests.test_personas import PERSONAS
from tests.test_personas import persona as _persona
from tests.test_personas import run_suggest as _run
from tests.test_personas import steps as _steps

POLICE = "afghan_38_herat_policeman_papers_lost"  # sixteenth review
CLERK = "afghan_36_court_clerk_law_degree_b1_finished"  # sixteenth review
GARAGE = "syrian_48_own_garage_homs_wants_garage_again"  # sixteenth review
TRAM = "turkish_45_taught_geography_wants_tram"
BUS = "somali_cleaner_wishes_bus_driving"  # tenth review
MECHANIC = "syrian_50_excavator_mechanic_health_24h"
OCC = "http://data.europa.eu/esco/occupation/"


def test_the_police_appoints_dutch_nationals_only() -> None:
    """The policeman's wish was a learn-work route into the police; basic grade police officers must hold
    Dutch citizenship (GRECO's evaluation report on the Netherlands, par. 176). His police work is
    recognition first with the nationality rule as its step, and no placement at the police."""
    result = _run(_persona(POLICE))
    police = next(s for s in result.own_trade if s.isco == "5412")
    assert police.route == "recognition_first"
    steps = _steps(POLICE)
    assert "Nederlanderschap" in steps["recognition"], steps["recognition"]
    assert "politieagent" not in steps["work_experience"]
    assert "Dutch nationality" in _steps(POLICE, "en")["recognition"]


def test_a_griffier_asks_a_dutch_law_degree() -> None:
    """The Afghan law graduate was a direct start as griffier at B1; the Rechtspraak asks an hbo or wo
    degree in Dutch law, or the SSR's course for its own registry staff. The griffier is recognition
    first with that route; juridisch assistent work stays open and is the placement."""
    result = _run(_persona(CLERK))
    own = {s.uri: s for s in result.own_trade}
    griffier = own[OCC + "a7f63810-a21a-4e7e-8aa2-6637d14ea3c1"]
    assert griffier.route == "recognition_first"
    steps = _steps(CLERK)
    assert "Nederlands recht" in steps["recognition"] and "SSR" in steps["recognition"]
    assert "juridisch assistent" in steps["work_experience"]
    assert any(s.label == "juridisch assistent" and s.route == "direct" for s in result.own_trade)


@pytest.mark.parametrize(("lang", "words"), [("nl", ("APK", "RDW", "IBKI")), ("en", ("APK", "RDW", "IBKI"))])
def test_a_garage_owner_hears_of_the_apk_erkenning(lang: str, words: tuple[str, ...]) -> None:
    """A garage's periodic inspections (APK) need the RDW's erkenning and an APK keurmeester, whose IBKI
    exam asks a level-3 car technology diploma and a VOG; the own-business step of the former garage
    owner said nothing of it. A butcher's shop is not told."""
    text = _steps(GARAGE, lang)["entrepreneurship"]
    assert all(w in text for w in words), text
    assert "APK" not in _steps("iraqi_own_meat_shop_fifteen_years", lang).get("entrepreneurship", "")


def test_a_tram_driver_needs_no_bus_licence() -> None:
    """The teacher of geography who wants to drive trams was told to get licences B and D and code 95 and
    that tram driving is a regulated profession (code 95): a tram drives no vehicle of licence C or D and
    the operator trains its drivers. The tram stays a learn-work route (the operator's course); the bus
    keeps licence D and code 95."""
    result = _run(_persona(TRAM))
    tram = next(s for s in result.own_trade if s.isco == "8331")
    gaps = " ".join(g.render("nl") for g in tram.gaps)
    assert tram.route == "dual" and not tram.regulated
    assert "code 95" not in gaps and "rijbewijs D" not in gaps, gaps
    bus = _steps(BUS)
    assert "rijbewijs D" in bus["certificates"] and "code 95" in bus["certificates"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_health_stays_out_of_what_an_employer_sees(lang: str) -> None:
    """The mechanic whose health limits his work (a heart condition in the notes) has the talk about
    suitable work first in the plan; the report without ``--include-sensitive`` names neither the
    health step nor the notes."""
    assert next(iter(_steps(MECHANIC))) == "health"
    rep = CliRunner().invoke(
        app, ["report", str(PERSONAS / f"{MECHANIC}.json"), "--format", "md", "--lang", lang]
    )
    assert rep.exit_code == 0, rep.output
    low = rep.output.lower()
    assert not [w for w in ("hart", "heart", "cardio", "gezondheid", "health limits", "tillen") if w in low]


def test_no_placement_in_work_entered_by_the_employers_own_course() -> None:
    """With the tram no longer a regulated bus job, drivers with licence C waiting for the CBR's exams were
    placed as tram drivers; a tram, like the police and the fire service, is entered only through the
    employer's own course (``routes.training_first_isco``), so no placement there: the shadowing
    placement in their own trade stays."""
    for name in ("iraqi_c_ce_licence_58", "srilankan_49_own_lorries_wants_transport_firm"):
        step = _steps(name)["work_experience"]
        assert "trambestuurder" not in step and "vrachtwagenchauffeur" in step, step


def test_no_learn_work_detour_beside_a_wished_bbl_profession() -> None:
    """The woman who wished childcare, whose recognition step names the BBL into it, had a learn-work
    step towards home support for disabled adults through shared skills only. Beside a wished regulated
    job below hbo level with a BBL route, work that only shares skills is no learn-work step; the bus
    driver's car stays. (The ergotherapist's assistant work, kept here as a learn-work step, is her
    placement since the twentieth review: an hbo programme towards it beside her own profession's
    recognition was a detour, section 27.)"""
    assert "dual_route" not in _steps("afghan_29_home_daycare_payroll_substitute_wants_childcare")
    assert "ergotherapieassistent" in _steps("nigerian_ergotherapeut_bsc")["work_experience"]
    assert "privéchauffeur" in _steps("eritrean_bus_driver_eritrean_d_licence")["dual_route"]
