"""Advice rules from the twentieth expert review (docs/advice.md, "Twentieth expert review"): a law firm's
secretary and nurses were sent on a BBL towards work a skill level below their own; engineers with their own
profession open, and physiotherapists awaiting the BIG register, on hbo routes towards a neighbour's work; an
inspector who wished enforcement on the fire service's course; a car electrician told the standard for
electrical installations; a painter who wished to work as a zzp'er heard nothing of the Wet DBA; an IDW
evaluation below the work level was not said; a man of 23 who wants work, not school, was not told why the
education talk stays."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from skilltool import suggest_checks
from skilltool.cli import app
from skilltool.errors import DataFileError
from skilltool.models import say
from skilltool.reference import ReferenceData
from skilltool.suggest_fit import entry_below
from tests.test_personas import PERSONAS, _ref
from tests.test_personas import persona as _persona
from tests.test_personas import run_suggest as _run
from tests.test_personas import steps as _steps
from tests.test_suggest import _rewrite

NURSE = "syrian_38_nursing_institute_evaluated_mbo4_wants_nurse"
SECRETARY = "syrian_46_secretary_chronic_illness_20h"
BOOKKEEPER = "iraqi_62_accountant_thirty_years_b1_wants_admin_24h"
ENGINEER = "iranian_41_concrete_design_master_shelf_stacker_16h"
INSPECTOR = "syrian_40_market_inspector_wants_handhaving"
ELECTRICS = "sudanese_37_car_electrician_no_papers"
PAINTER = "syrian_33_house_painter_wants_zzp"
ESTATE = "turkish_44_licensed_estate_agent_wants_makelaar"
YOUNG = "syrian_23_a1_obliged_wants_full_time_now"
MIDWIFE = "iraqi_midwife"  # README's example
PHYSIOS = [
    "sudanese_40_physiotherapist_diploma_copy_only",
    "syrian_physiotherapist_care_duties",
    "turkish_physiotherapist_eleven_care_years",
]
LORRY = "iraqi_c_ce_licence_58"  # seventeenth review: the tram while the CBR's exams wait


def _routes(name: str) -> dict[str, set[str]]:
    """ISCO unit group -> the routes its suggestions and own-trade entries have, for persona ``name``."""
    result = _run(_persona(name))
    out: dict[str, set[str]] = {}
    for s in (*result.suggestions, *result.own_trade):
        out.setdefault(s.isco, set()).add(s.route)
    return out


def test_isco_names_the_related_groups_a_skill_level_down() -> None:
    """``entry_below`` reads ISCO-08's "Some related occupations classified elsewhere" in either group's
    description and keeps the pairs whose first group has the higher skill level, leaving out the groups
    of ``routes.entry_below_except``."""
    weights = _ref().suggest_weights
    texts = {
        "3342": "Secretaries at law firms ... Some related occupations classified elsewhere: - Typist - 4120",
        "2222": "Midwives ... Some related occupations classified elsewhere: - Maternity aide - 3222 Notes x",
        "4120": "Secretaries (general) ... Examples of the occupations classified here: - Secretary",
        "7131": "Painters ... Some related occupations classified elsewhere: - Varnishing worker - 7132",
    }
    below = entry_below(texts, weights)
    assert below == {"3342": frozenset({"4120"})}  # 3222 is excepted; 7131 and 7132 share a skill level
    real = _ref().suggest_index.entry_below
    assert "4120" in real["3342"] and "5321" in real["2221"] and "3222" not in real.get("2222", ())


def test_experience_a_skill_level_up_enters_the_related_group() -> None:
    """The law firm's secretary of twelve years was sent on a BBL towards office secretarial work (4120),
    and the nurse whom IDW evaluated at mbo-4 on one towards a helper's work in care (5321): ISCO-08 names
    those groups beside their own, and paid work a skill level up is the experience to enter them. The
    nurse's helper's work in care is her placement now; neither has a learn-work step. The suggestion's
    reasons say why it is direct with no related-work points (the report shows them)."""
    assert _routes(SECRETARY)["4120"] == {"direct"}
    office = next(s for s in _run(_persona(SECRETARY), "en").suggestions if s.isco == "4120")
    assert any("ISCO-08 names this group" in r.render("en") for r in office.reasons)
    assert _routes(NURSE)["5321"] == {"direct"}
    for name in (SECRETARY, NURSE):
        assert "dual_route" not in _steps(name), _steps(name).get("dual_route")


def test_the_branch_register_of_kraamzorg_keeps_its_diploma() -> None:
    """ISCO-08 names maternity aides (3222) beside the midwives, but the Kwaliteitsregister Kraamverzorgenden
    registers nurses and midwives only after the branch diploma (kckz.nl): the midwife's kraamzorg stays a
    learn-work route, as README shows."""
    assert _routes(MIDWIFE)["3222"] == {"dual"}
    assert "dual_route" in _steps(MIDWIFE)


def test_the_bookkeepers_office_work_is_no_related_group() -> None:
    """Advice19's leftover: the bookkeeper's wished office work (3343) keeps its qualification gap; ISCO-08
    names bookkeeping clerks (4311-4313) beside bookkeepers, not administrative secretaries. Near the AOW
    the step says a short route, never a BBL of years."""
    routes = _routes(BOOKKEEPER)
    assert routes["3313"] == {"direct"} and routes["3343"] == {"dual"}
    assert "geen leerwerktraject (BBL) van meerdere jaren" in _steps(BOOKKEEPER)["dual_route"]


def test_no_learn_work_detour_beside_the_own_occupation_open_at_level() -> None:
    """The engineer with an evaluated master, civil engineering open to him at his level, was sent to a
    part-time hbo/wo programme towards industrial engineering, a minor-group neighbour; so were five earlier
    engineers. Beside the own occupation open at level the learn-work step names only wished or done work."""
    for name in (ENGINEER, "sudanese_agricultural_engineer", "turkish_yuksek_lisans_engineer"):
        assert "dual_route" not in _steps(name), (name, _steps(name).get("dual_route"))
    assert "ingenieur civiele bouwkunde" in _steps(ENGINEER)["work_experience"]


@pytest.mark.parametrize("name", PHYSIOS)
def test_no_learn_work_detour_beside_a_profession_awaiting_recognition(name: str) -> None:
    """Advice19's leftover: three physiotherapists waiting for the BIG register had a learn-work step towards
    a specialist chiropractic programme (shared skills only). Beside the own profession awaiting its
    recognition the step names only wished, done or interim work of the field; here none is left."""
    result = _run(_persona(name))
    assert not any(n.action == "dual_route" for n in result.next_steps)
    assert any(n.action == "recognition" for n in result.next_steps)


def test_a_route_of_dutch_exams_keeps_its_neighbours() -> None:
    """The code 95 of a man who drove lorries is a route of CBR exams, not a recognition to wait for:
    his learn-work step towards the tram (ISCO 8331), kept by the seventeenth review, stays."""
    result = _run(_persona(LORRY))
    step = next(say(n.text, "nl") for n in result.next_steps if n.action == "dual_route")
    assert any(s.isco == "8331" and s.label in step for s in result.suggestions), step


def test_enforcement_is_learnt_in_the_trade() -> None:
    """The inspector who wished enforcement work had the boa route and then a learn-work step to the fire
    service's pump work, a group neighbour. A municipality's team has toezichthouders without the boa
    powers, and mbo students work as handhavers in their internships: ``boa`` is in
    ``routes.work_in_training``, so no detour."""
    steps = _steps(INSPECTOR)
    assert "Justis" in steps["recognition"] and "dual_route" not in steps
    assert "boa" in _ref().suggest_weights.routes.work_in_training


def test_vehicle_electrics_ask_nen_9140_not_nen_3140() -> None:
    """The car electrician was told VCA and NEN 3140, the standard for electrical installations; work on
    hybrid and electric cars has NEN 9140. An installation electrician keeps VCA and NEN 3140."""
    assert _steps(ELECTRICS)["certificates"] == "Haal NEN 9140."
    assert "NEN 3140" in _steps("iraqi_electrician")["certificates"]


def test_a_certificate_rules_uri_must_lie_in_its_groups(tiny_data: Path) -> None:
    """A certificate rule names an ESCO occupation by URI only inside its ISCO groups: any other fails
    the cross-check with the field named."""

    def bad(d: dict[str, object]) -> None:
        rules = d["certificate_rules"]
        assert isinstance(rules, list)
        rules[0]["esco_uri"] = ["http://data.europa.eu/esco/occupation/not-there"]

    _rewrite(tiny_data / "suggest_weights.yaml", bad)
    with pytest.raises(DataFileError, match=r"certificate_rules\.0\.esco_uri: .*not-there"):
        suggest_checks.check_weights(ReferenceData(tiny_data))


@pytest.mark.parametrize(("lang", "said"), [("nl", "schijnzelfstandigheid"), ("en", "bogus self-employment")])
def test_a_zzp_wish_hears_of_the_wet_dba(lang: str, said: str) -> None:
    """The painter who wished to work as a zzp'er for contractors heard only of the Bbz and the KVK; since
    1 January 2025 the Belastingdienst enforces the rules on bogus self-employment again. The estate agent,
    who had his own office but wishes employment, is not told."""
    step = _steps(PAINTER, lang)["entrepreneurship"]
    assert "Wet DBA" in step and said in step, step
    assert "Wet DBA" not in _steps(ESTATE, lang)["entrepreneurship"]


@pytest.mark.parametrize(
    ("lang", "said"), [("nl", "IDW waardeerde het diploma op NLQF 4"), ("en", "IDW evaluated")]
)
def test_an_idw_evaluation_below_the_work_level_is_said(lang: str, said: str) -> None:
    """The nurse's level is her work's (NLQF 6); IDW evaluated her diploma at mbo-4, and the level line said
    only "work level". It names IDW's level beside it now."""
    basis = _run(_persona(NURSE), lang).level_basis or ""
    assert basis.startswith(("werkniveau", "work level")) and said in basis, basis


def test_idw_wins_a_tie_with_an_indication() -> None:
    """Her secondary certificate's table indication and IDW's evaluation are both NLQF 4: the evaluation is
    the official one and is named, not the indication read first."""
    profile = _persona(NURSE).model_copy(update={"work": []})
    assert _run(profile).level_basis == "IDW-waardering"


def test_under_27_the_education_talk_says_why() -> None:
    """The man of 23 who wants full-time work now and no school keeps the education step: under 27 there
    is no right to social assistance while a programme with student finance, a paid BBL too, is possible
    (Participatiewet art. 13(2)(c)). The reason says so; one willing to train reads the usual reason."""
    profile = _persona(YOUNG)
    step = next(n for n in _run(profile).next_steps if n.action == "education")
    assert "Participatiewet" in say(step.reason, "nl") and "BBL" in say(step.reason, "nl")
    willing = profile.model_copy(
        update={"wishes": profile.wishes.model_copy(update={"willing_to_train": True})}
    )
    step = next(n for n in _run(willing).next_steps if n.action == "education")
    assert "Participatiewet" not in say(step.reason, "nl")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_health_stays_out_of_the_secretarys_report(lang: str) -> None:
    """The secretary's plan starts with the talk about suitable work (a chronic illness, 20 hours); the report
    without ``--include-sensitive`` names neither that step nor the notes."""
    assert next(iter(_steps(SECRETARY))) == "health"
    rep = CliRunner().invoke(
        app, ["report", str(PERSONAS / f"{SECRETARY}.json"), "--format", "md", "--lang", lang]
    )
    assert rep.exit_code == 0, rep.output
    low = rep.output.lower()
    assert not [w for w in ("ms;", "zittend", "ploegendienst", "gezondheid", "health") if w in low]
