"""Advice rules from the twenty-second expert review (docs/advice.md, "Twenty-second expert review"): a
guard of a port warehouse was placed as a guard in a prison, a direct start, while DJI takes its executive
staff through its own selection and basic training; a Syrian tax official and a Turkish permits officer
were direct starts in work that applies Dutch tax law and Dutch permit rules; the childcare step promised
the childcare allowance without its conditions."""

from __future__ import annotations

from pathlib import Path

import pytest

from skilltool import suggest_checks
from skilltool.errors import DataFileError
from skilltool.models import say
from skilltool.reference import ReferenceData
from tests.test_personas import _ref
from tests.test_personas import persona as _persona
from tests.test_personas import run_suggest as _run
from tests.test_personas import step_texts as _step_texts
from tests.test_suggest import _rewrite

GUARD = "somali_39_port_warehouse_nights_wants_security"
NIGHT_PORTER = "iraqi_47_hotel_night_porter_days_only_wants_security"  # twenty-first review
PLACED_IN_PRISON = (  # placed as prison guards before this review, with the night porter
    "eritrean_guard_at_offices",
    "iraqi_guarded_ministry_wishes_beveiliging",
    "syrian_policeman_in_traffic",
)
TAX = "syrian_45_law_licence_tax_office_b1_finished"
PERMITS = "turkish_39_municipal_permits_officer_wants_gemeente"
MOTHER = "eritrean_33_single_mother_two_toddlers_wants_care_32h"
CUSTOMS = "syrian_36_customs_declarant_latakia_b1_finished"  # fifteenth review: 3331, not a rules group


def _routes(name: str, isco: str) -> set[str]:
    """The routes of persona ``name``'s suggestions and own-trade entries in ISCO unit group ``isco``."""
    result = _run(_persona(name))
    return {s.route for s in (*result.suggestions, *result.own_trade) if s.isco == isco}


@pytest.mark.parametrize("name", [GUARD, NIGHT_PORTER, *PLACED_IN_PRISON])
def test_prison_work_goes_through_dji_training(name: str) -> None:
    """Prison guards (ISCO 5413) hold DJI's executive posts, taken on through its selection (a selection
    day, a psychologist, a medical check, a VOG) and its basic training, with or without experience: never
    a direct start and no work-experience placement there, which five guards and policemen were given."""
    assert "5413" in _ref().suggest_weights.routes.training_first_isco
    result = _run(_persona(name))
    prison = [s for s in result.suggestions if s.isco == "5413"]
    assert all(s.route == "dual" for s in prison)
    text, _ = _step_texts(result, "work_experience")
    assert "gevangenis" not in text and "jeugdinrichting" not in text


@pytest.mark.parametrize(("name", "isco"), [(TAX, "3352"), (PERMITS, "3354")])
def test_work_under_dutch_rules_done_abroad_is_not_the_entry(name: str, isco: str) -> None:
    """Tax inspection and permits apply the Dutch state's own rules: the same work done in Syria or Turkey
    is related work (its fit stays), not the entry. The route is dual, the gap names the Dutch rules and not a
    vocational qualification, and the learn-work step is a course in those rules, not a BBL."""
    result = _run(_persona(name))
    assert _routes(name, isco) == {"dual"}
    own = next(s for s in result.own_trade if s.isco == isco)
    gaps = " | ".join(g.render("nl") for g in own.gaps)
    assert "Nederlandse regels van het vak" in gaps and "vakopleiding" not in gaps
    text, reason = _step_texts(result, "dual_route")
    assert "Nederlandse regels" in text and "BBL" not in text
    assert "kennis van de Nederlandse regels" in reason
    en = next(say(n.text, "en") for n in result.next_steps if n.action == "dual_route")
    assert "Dutch rules" in en


def test_the_same_work_done_here_is_the_entry() -> None:
    """The tax official had he done the same work in the Netherlands: the Dutch rules are what he did, so
    his own work is open at once."""
    profile = _persona(TAX)
    here = profile.model_copy(update={"work": [w.model_copy(update={"country": "NL"}) for w in profile.work]})
    result = _run(here)
    assert {s.route for s in result.own_trade if s.isco == "3352"} == {"direct"}
    assert "dual_route" not in [n.action for n in result.next_steps]


def test_work_outside_the_rules_groups_keeps_its_entry() -> None:
    """A customs declarant's work (3331, declarations for traders) is no group of the rule: his Syrian
    experience still opens it at once (fifteenth review)."""
    assert _routes(CUSTOMS, "3331") == {"direct"}


def test_a_dutch_rules_group_must_exist(tiny_data: Path) -> None:
    """``routes.dutch_rules_isco`` names ISCO groups that exist, as ``training_first_isco`` does."""

    def bad(d: dict[str, object]) -> None:
        routes = d["routes"]
        assert isinstance(routes, dict)
        routes["dutch_rules_isco"] = ["9999"]

    _rewrite(tiny_data / "suggest_weights.yaml", bad)
    with pytest.raises(DataFileError, match=r"routes\.dutch_rules_isco: ISCO-08 code '9999'"):
        suggest_checks.check_weights(ReferenceData(tiny_data))


def test_the_childcare_allowance_names_its_conditions() -> None:
    """Kinderopvangtoeslag is paid while the parent, and a partner too, works, follows a route to work or the
    compulsory integration, or studies (handboek.toeslagen.nl, chapter 22): the care step no longer
    promises it unconditionally, in either language."""
    result = _run(_persona(MOTHER))
    nl = next(say(n.text, "nl") for n in result.next_steps if n.action == "care")
    en = next(say(n.text, "en") for n in result.next_steps if n.action == "care")
    assert "met kinderopvangtoeslag" not in nl
    assert all(x in nl for x in ("werkt", "traject naar werk", "verplichte inburgering", "partner"))
    assert all(x in en for x in ("works", "route to work", "compulsory integration", "partner"))
