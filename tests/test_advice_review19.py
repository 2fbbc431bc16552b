"""Advice rules from the nineteenth expert review (docs/advice.md, "Nineteenth expert review"): a
certificates step asked for the licences the licence step had just sent to the CBR's exams; a young man told
that the police asks Dutch nationality was then sent on a learn-work route towards it; "lagere school"
(primary school) got an IDW step; a wish for work at Defence said nothing of the MIVD's screening; the
employer's report of a driver with health limits was checked; a Ukrainian under temporary protection read
that the integration law aims at B1."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from skilltool.cli import app
from skilltool.models import say
from tests.test_personas import PERSONAS
from tests.test_personas import persona as _persona
from tests.test_personas import run_suggest as _run
from tests.test_personas import steps as _steps

TAXI = "iraqi_44_bookkeeper_then_taxi_wants_office"  # eighteenth review
LORRY = "iraqi_45_haulier_partly_disabled_wants_planning"
BUS = "eritrean_32_cashier_wants_public_transport"
POLICE = "syrian_22_no_start_qualification_wants_police"
CARETAKER = "afghan_59_school_caretaker_z_route_wants_school_again"
RADIO = "syrian_37_army_radio_technician_wants_defence"  # eighteenth review
CONDUCTOR = "syrian_42_train_conductor"
UKRAINIAN = "ukrainian_51_road_haulage_planner_temporary_protection"


@pytest.mark.parametrize("name", [TAXI, LORRY])
def test_the_licence_step_is_not_repeated_as_a_certificate(name: str) -> None:
    """The taxi driver read "get licence B" beside the step that sends his Iraqi licence B to the CBR's
    exams, and the haulier "get licence B, C, CE, code 95" beside the step that names all four. A
    foreign licence that does not count here, and code 95 with it, belong to the licence step alone."""
    steps = _steps(name)
    assert "certificates" not in steps, steps.get("certificates")
    assert "CBR" in steps["driving_licence"]


def test_a_licence_the_person_lacks_is_still_a_certificate() -> None:
    """With a Dutch licence B, the bus needs licence D and code 95: the certificates step keeps them, and
    there is no licence step."""
    steps = _steps(BUS)
    assert "rijbewijs D" in steps["certificates"] and "code 95" in steps["certificates"]
    assert "driving_licence" not in steps


def test_no_learn_work_step_towards_work_for_dutch_nationals() -> None:
    """The Syrian of 22 who wished the police read that an appointment asks Dutch nationality, and then "a
    learn-work route (BBL) towards politieagent". Work open to Dutch nationals only is no learn-work step;
    the nationality step and the education step stay, through the CLI in both languages."""
    steps = _steps(POLICE)
    assert "dual_route" not in steps, steps.get("dual_route")
    assert "Nederlandse nationaliteit" in steps["protected_title"] and "education" in steps
    for lang, said in (("nl", "Nederlandse nationaliteit"), ("en", "Dutch nationality")):
        r = CliRunner().invoke(app, ["suggest", str(PERSONAS / f"{POLICE}.json"), "--lang", lang])
        assert r.exit_code == 0, r.output
        flat = " ".join(r.output.split())
        assert said in flat and "BBL) richting politieagent" not in flat, flat


def test_lagere_school_is_primary_school() -> None:
    """Six years of "lagere school" (the primary school's Dutch name before the basisschool) got an IDW
    step; primary school is nothing IDW evaluates, whatever it is called."""
    assert _persona(CARETAKER).education[0].qualification.startswith("lagere school")
    assert "diploma_evaluation" not in _steps(CARETAKER)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_defence_wish_names_the_security_screening(lang: str) -> None:
    """Almost every post at Defence, civilian ones too, is a vertrouwensfunctie: the work starts only after
    the MIVD's screening and a VGB, which may be refused when years abroad cannot be checked (defensie.nl).
    The radio technician who wishes telecom work at Defence is told before the placement; a wish without
    Defence gets no such step."""
    steps = _steps(RADIO, lang)
    actions = list(steps)
    assert actions.index("screening") < actions.index("work_experience"), actions
    assert "verklaring van geen bezwaar" in steps["screening"] and "MIVD" in steps["screening"]
    assert "screening" not in _steps(CONDUCTOR)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_health_stays_out_of_the_drivers_report(lang: str) -> None:
    """The haulier's plan starts with the talk about suitable work (the caseworker noted health limits
    and the company doctor's findings); the report without ``--include-sensitive`` names neither that step,
    nor the limit the placement step adds, nor the notes."""
    assert next(iter(_steps(LORRY))) == "health"
    rep = CliRunner().invoke(
        app, ["report", str(PERSONAS / f"{LORRY}.json"), "--format", "md", "--lang", lang]
    )
    assert rep.exit_code == 0, rep.output
    low = rep.output.lower()
    words = ("hernia", "arbeidsongeschikt", "bedrijfsarts", "gezondheid", "health", "occupational physician")
    assert not [w for w in words if w in low]


def test_temporary_protection_is_no_integration_duty() -> None:
    """The Ukrainian planner under temporary protection read that "the 2021 integration law aims at B1",
    a law that does not apply to him; the reason now says so and names the level of mbo-2 and mbo-3 work."""
    result = _run(_persona(UKRAINIAN), "en")
    step = next(n for n in result.next_steps if n.action == "language")
    why = say(step.reason, "en") if step.reason is not None else ""
    assert "not obliged to integrate" in why and "integration law" not in why, why
