"""Advice rules from the twenty-first expert review (docs/advice.md, "Twenty-first expert review"): a
worker in a warehouse who drove the forklift was sent on a BBL towards forklift work, which asks a
certificate course, not a vocational qualification; an A2 aim on the B1 route read as if A2 were the
integration duty's end; a year of hbo studies stopped was "the Dutch programme in progress" to finish; a
tiler whose knees no longer let him kneel was placed as a tiler beside his own wish for shop work."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from skilltool import suggest_checks
from skilltool.errors import DataFileError
from skilltool.models import SuggestionResult, say
from skilltool.reference import ReferenceData
from tests.test_personas import persona as _persona
from tests.test_personas import run_suggest as _run
from tests.test_personas import step_texts as _step_texts
from tests.test_personas import steps as _steps
from tests.test_suggest import _rewrite

FORKLIFT = "afghan_26_iran_warehouse_a2_b1_route_wants_forklift"
LOADER = "sudanese_21_market_loader_and_bike_delivery"  # thirteenth review: forklift, onderwijsroute
COOK = "eritrean_30_couple_wife_injera_cook"
STOPPED = "iranian_27_one_year_hbo_in_nl_stopped"
IN_BBL = "eritrean_mbo3_bbl_in_progress"  # fifth review: a Dutch programme under way
ONDERWIJSROUTE = "syrian_19_onderwijsroute"
TILER = "syrian_50_tiler_knees_wants_lighter_work"
PROTECTED = "ukrainian_lorry_driver_temporary_protection"
MASON = "turkish_mason_back_problems"


def _route(name: str, isco: str) -> set[str]:
    """The routes of persona ``name``'s suggestions and own-trade entries in ISCO unit group ``isco``."""
    result = _run(_persona(name))
    return {s.route for s in (*result.suggestions, *result.own_trade) if s.isco == isco}


@pytest.mark.parametrize("name", [FORKLIFT, LOADER])
def test_forklift_work_waits_for_its_certificate_not_a_bbl(name: str) -> None:
    """Forklift work (ISCO 8344, ``routes.certificate_entry_isco``) asks the instruction the Arbowet names, in
    practice a certificate course of days: without related work it waits for that certificate, as a licence
    is waited for (never direct, no "vocational qualification needed"), and is no learn-work (BBL) step."""
    result = _run(_persona(name))
    forklift = [s for s in (*result.suggestions, *result.own_trade) if s.isco == "8344"]
    assert forklift and {s.route for s in forklift} == {"dual"}
    gaps = " | ".join(g.render("nl") for s in forklift for g in s.gaps)
    assert "heftruckcertificaat" in gaps and "vakopleiding" not in gaps
    assert "dual_route" not in _steps(name)


def test_forklift_with_its_certificate_is_open() -> None:
    """The same worker in a warehouse holding the forklift certificate may start at once: the
    certificate was all that stood between him and the work."""
    profile = _persona(FORKLIFT)
    held = profile.model_copy(update={"certificates": ["heftruckcertificaat"]})
    assert _route(FORKLIFT, "8344") == {"dual"}
    result = _run(held)
    assert {s.route for s in result.suggestions if s.isco == "8344"} == {"direct"}


def test_a_certificate_entry_group_must_exist(tiny_data: Path) -> None:
    """``routes.certificate_entry_isco`` names ISCO groups that exist, as ``training_first_isco`` does."""

    def bad(d: dict[str, object]) -> None:
        routes = d["routes"]
        assert isinstance(routes, dict)
        routes["certificate_entry_isco"] = ["9999"]

    _rewrite(tiny_data / "suggest_weights.yaml", bad)
    with pytest.raises(DataFileError, match=r"routes\.certificate_entry_isco: ISCO-08 code '9999'"):
        suggest_checks.check_weights(ReferenceData(tiny_data))


def test_an_a2_aim_on_the_b1_route_says_the_duty_asks_b1() -> None:
    """The cook at A1 on the B1 route reads an A2 aim from the kitchen work in view; the step's reason now
    says that the integration duty still asks the B1 exams within three years and that only the municipality
    can scale down to A2 after considerable effort (Wet inburgering 2021, art. 17(3))."""
    text, reason = _step_texts(_run(_persona(COOK)), "language")
    assert "Nederlands A2" in text
    assert "B1 binnen de inburgeringstermijn van drie jaar" in reason and "art. 17 lid 3" in reason
    _, reason_en = _step_texts(_run(_persona(COOK), "en"), "language", "en")
    assert "still asks the language exams at B1" in reason_en


def test_the_b1_duty_sentence_only_binds_the_obliged() -> None:
    """The same A2 aim for someone not obliged (temporary protection, finished, exempt) cites no duty."""
    profile = _persona(COOK)
    for status in ("temporary_protection", "finished", "exempt"):
        free = profile.model_copy(update={"dutch": profile.dutch.model_copy(update={"inburgering": status})})
        step = next((n for n in _run(free).next_steps if n.action == "language"), None)
        assert step is None or "inburgeringstermijn" not in say(step.reason, "nl"), status


def test_a_dutch_programme_not_finished_may_have_stopped() -> None:
    """The intake's "completed with a diploma? no" for a Dutch programme is read as a programme under way;
    the step and the placement now also say what to do when the person stopped (the Iranian left hbo after
    a year)."""
    plan = _steps(STOPPED)
    assert plan["education"].startswith("Maak de lopende Nederlandse opleiding af ('propedeuse hbo bouw")
    assert "is de persoon gestopt, vraag dan een cijferlijst" in plan["education"]
    assert "Is de persoon gestopt, dan een werkervaringsplaats" in plan["work_experience"]
    assert "Is de persoon gestopt" in _steps(IN_BBL)["work_experience"]


def test_the_onderwijsroute_placement_has_no_stopped_programme() -> None:
    """The onderwijsroute's workplace within school is no Dutch programme that may have stopped."""
    assert "gestopt" not in _steps(ONDERWIJSROUTE).get("work_experience", "")


def _placed_isco(result: SuggestionResult) -> set[str]:
    """The ISCO unit groups of the suggestions the work-experience step names (by label, as a word)."""
    text, _ = _step_texts(result, "work_experience")
    everything = (*result.suggestions, *result.own_trade)
    return {s.isco for s in everything if re.search(rf"(?<!\w){re.escape(s.label)}(?!\w)", text)}


def test_with_health_limits_the_wished_new_work_is_placed_first() -> None:
    """The tiler whose knees no longer let him kneel wishes shop work in tiles: with health limits the
    placement names that wish (5223) before his past trade (7122), still after the talk about suitable work;
    without the limits it names his trade."""
    result = _run(_persona(TILER))
    assert _placed_isco(result) == {"5223"}
    assert "gesprek over passend werk" in _step_texts(result, "work_experience")[0]
    well = _persona(TILER)
    well = well.model_copy(
        update={"circumstances": well.circumstances.model_copy(update={"health_limits_work": "no"})}
    )
    assert _placed_isco(_run(well)) == {"7122"}


def test_a_wish_of_the_own_line_keeps_the_placement() -> None:
    """A mason with back problems who wishes his own trade again keeps the placement in it: a wish of one's
    own line says nothing of work no longer possible."""
    assert _placed_isco(_run(_persona(MASON))) <= {"7112"}


def test_protected_aim_reason_names_no_duty() -> None:
    """Under temporary protection the language reason still names no integration duty (nineteenth review)."""
    step = next((n for n in _run(_persona(PROTECTED)).next_steps if n.action == "language"), None)
    assert step is not None and "inburgeringstermijn" not in say(step.reason, "nl")
