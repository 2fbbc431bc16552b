"""Advice rules from the eighteenth expert review (docs/advice.md, "Eighteenth expert review"): a reach truck
driver was told to get a forklift certificate for the work he did; beveiligers were sent to the fire
service's course; a griffier's gap said "recognition needed, regulated profession" for a job no recognition
opens; a cook with Dutch kitchen work was sent to look for a placement elsewhere; an inland deckhand was a
direct start as matroos; a diplomat was suggested a senator's seat; a Dutch mbo-2 did not cover eight school
years abroad; a placeholder for a lost word of a Nuffic page stood in a diploma's comparison."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from skilltool.cli import app
from skilltool.suggest_highest import below_dutch
from tests.test_personas import PERSONAS, _ref
from tests.test_personas import education as _edu
from tests.test_personas import persona as _persona
from tests.test_personas import run_suggest as _run
from tests.test_personas import steps as _steps

REACH = "eritrean_27_agency_reach_truck_wants_shift_leader"  # seventeenth review
GUARDS = tuple(sorted(p.stem for p in PERSONAS.glob("*_guard*.json")))  # two, and the Schiphol guard (27th)
CLERK = "afghan_36_court_clerk_law_degree_b1_finished"  # sixteenth review
COOK = next(p.stem for p in PERSONAS.glob("afghan_60_kabul_cook_*.json"))  # seventeenth review
DAYCARE = "afghan_29_home_daycare_payroll_substitute_wants_childcare"  # seventeenth review
DECKHAND = "eritrean_36_cargo_ship_deckhand_wants_inland_shipping"
GARDENER = "eritrean_26_dutch_mbo2_green_vca_wants_gardener"
DIPLOMAT = "afghan_52_diplomat_moscow_master"
RETURNING = "syrian_48_court_secretary_16_years_home_returns"


def test_a_reach_truck_certificate_meets_the_forklift_rule() -> None:
    """ESCO's heftruckchauffeur also covers the reachtruckchauffeur, and a reach truck is a type of
    forklift: the Eritrean with a reach truck certificate and four years of that work here was told
    to get a forklift certificate for it. His certificate meets the rule; the note says the employer
    instructs on another type of truck."""
    result = _run(_persona(REACH))
    own = next(s for s in result.own_trade if s.isco == "8344")
    assert not own.certificates_missing, own.certificates_missing
    assert "certificates" not in _steps(REACH)
    rule = next(r for r in _ref().suggest_weights.certificate_rules if r.isco == ["8344"])
    assert "reachtruck" in rule.note.nl and "reach truck" in rule.note.en


@pytest.mark.parametrize("name", GUARDS)
def test_security_work_is_learnt_in_the_own_trade(name: str) -> None:
    """Security work may be done up to 12 months while training for the Beveiliger diploma (Rpbr), so a
    guard's own trade is his learn-work route: the step towards the fire service (a group neighbour,
    entered through its own selection) is gone; his recognition step names the diploma."""
    assert len(GUARDS) == 3, GUARDS
    steps = _steps(name)
    assert "brandweerman" not in steps.get("dual_route", ""), steps.get("dual_route")
    assert "Beveiliger" in steps["recognition"]


@pytest.mark.parametrize(
    ("lang", "said", "unsaid"),
    [
        ("nl", "Nederlandse opleiding nodig", ("erkenning nodig", "gereglementeerd")),
        ("en", "a Dutch degree needed", ("recognition needed", "regulated profession")),
    ],
)
def test_a_closed_profession_needs_a_dutch_degree_not_recognition(
    lang: str, said: str, unsaid: tuple[str, ...]
) -> None:
    """A griffier's gap read "recognition needed, regulated profession" while its route says a foreign law
    degree gives no access and the Rechtspraak's requirement is no law's. A profession closed to foreign
    degrees (the griffier, the advocaat, the judiciary) names the Dutch degree, through ``explain``."""
    r = CliRunner().invoke(app, ["explain", str(PERSONAS / f"{CLERK}.json"), "griffier", "--lang", lang])
    assert r.exit_code == 0, r.output
    flat = " ".join(r.output.split())
    assert said in flat and not [w for w in unsaid if w in flat], flat


def test_ask_the_employer_for_the_step_up() -> None:
    """The cook of 60 with two years of agency kitchen work in a Dutch hotel was sent to look for a placement
    as a cook; a trial placement is possible with the same employer in another function (UWV), so his
    employer or agency comes first. Work of the same level elsewhere in a sector is no step up there: the
    daycare substitute is not sent to her daycare for a school's assistant work."""
    step = _steps(COOK)["work_experience"]
    assert "keukenhulp" in step and "uitzendbureau" in step and "kok" in step, step
    assert "uitzendbureau" not in _steps(DAYCARE)["work_experience"]
    assert "agency" in _steps(COOK, "en")["work_experience"]


def test_an_inland_deckhand_needs_the_qualification_certificate() -> None:
    """Six years on cargo ships abroad made the Eritrean a direct start as ESCO's matroos; a matroos on inland
    waterways needs the certificate of qualification (SAB), which a career changer gets after a practical
    training. The matroos is recognition first and the placement is the deckhand's."""
    result = _run(_persona(DECKHAND))
    matroos = next(s for s in result.own_trade if s.isco == "8350")
    assert matroos.route == "recognition_first" and matroos.regulated
    steps = _steps(DECKHAND)
    assert "kwalificatiecertificaat" in steps["recognition"]
    assert "deksman" in steps["work_experience"]


def test_the_diplomatic_service_and_parliament_ask_dutch_nationality() -> None:
    """The Afghan diplomat was suggested ESCO's diplomat and ambassador as learn-work routes and a senator's
    seat. The Dutch diplomatic service asks Dutch nationality (the ministry's traineeship), a seat in
    parliament too (Constitution, Article 56): the recognition step says so, no placement names them and
    no member of parliament is suggested."""
    result = _run(_persona(DIPLOMAT))
    assert not [s.label for s in result.suggestions if s.isco == "1111"]
    assert all(s.route == "recognition_first" for s in result.suggestions if s.isco == "1112")
    steps = _steps(DIPLOMAT)
    assert "Nederlandse nationaliteit" in steps["recognition"]
    assert "diplomaat" not in steps["work_experience"] and "ambassadeur" not in steps["work_experience"]
    assert "Dutch nationality" in _steps(DIPLOMAT, "en")["recognition"]


def test_a_dutch_mbo2_covers_short_foreign_schooling() -> None:
    """The gardener with a Dutch mbo-2 (a startkwalificatie) was sent to a paid IDW indicatie for eight
    school years in Eritrea and to EVC for his goat herding. Beside an mbo-2 or mbo-3, schooling without a
    level or a degree word of at most ten years is covered; twelve years (a full secondary course) and an
    entree diploma (mbo-1, no startkwalificatie) are not."""
    steps = _steps(GARDENER)
    assert "diploma_evaluation" not in steps and "evc" not in steps, list(steps)
    mbo2, short = _edu("NL", "mbo-2", 2), _edu("ER", "grade 8", None, 8)
    full = _edu("ER", "grade 12", None, 12)
    assert below_dutch([mbo2, short, full]) == [short]
    assert below_dutch([_edu("NL", "entree", 1), short]) == []
    assert below_dutch([mbo2, _edu("ER", "grade 8", None)]) == []  # years not known


def test_no_placeholder_in_a_diploma_comparison() -> None:
    """The Nuffic page for Iran lost a linked word (HBO or WO) in the stored copy; the table carried
    "[word missing in stored copy]" into the comparison a caseworker reads. It names both now."""
    entries = {e.id: e for e in _ref().diplomas.entries}
    for key in ("ir-kardani", "ir-karshenasi"):
        text = entries[key].dutch_equivalent
        assert "[" not in text and "HBO or WO" in text, text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_care_stays_out_of_the_returning_womans_report(lang: str) -> None:
    """The woman returning after sixteen years at home has the care step in her plan (before the placement);
    the report without ``--include-sensitive`` names neither the step nor the notes about her children."""
    steps = list(_steps(RETURNING))
    assert steps.index("care") < steps.index("work_experience")
    rep = CliRunner().invoke(
        app, ["report", str(PERSONAS / f"{RETURNING}.json"), "--format", "md", "--lang", lang]
    )
    assert rep.exit_code == 0, rep.output
    low = rep.output.lower()
    assert not [w for w in ("kinderen", "children", "kinderopvang", "childcare", "2008") if w in low]
