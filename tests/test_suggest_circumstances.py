"""Circumstances in the plan: a health step first when health limits work, a care step before the
work-experience step when there are care duties, and both kept out of employer-facing and research
output like the circumstances themselves (``SENSITIVE_STEPS``; docs/security.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from skilltool import report, suggest
from skilltool.batch_research import research_copy
from skilltool.messages import t
from skilltool.models import SENSITIVE_STEPS, NextStep, Profile
from skilltool.reference import ReferenceData

OCC = "http://data.europa.eu/esco/occupation/"


def _welder(**circumstances: Any) -> Profile:
    """A welder with Dutch B1 (a direct start, so the plan has a work-experience step)."""
    return Profile.model_validate(
        {
            "personal": {"client_ref": "T-1"},
            "dutch": {"cefr": "B1"},
            "work": [
                {
                    "title": "lasser",
                    "years": 6,
                    "coded": {"uri": OCC + "welder", "isco": "7212", "label": "lasser", "score": 95},
                }
            ],
            "circumstances": circumstances,
        }
    )


@pytest.fixture
def ref(tiny_data: Path) -> ReferenceData:
    return ReferenceData(tiny_data)


def _actions(profile: Profile, ref: ReferenceData) -> list[str]:
    return [s.action for s in suggest.suggest(profile, ref=ref).next_steps]


def test_health_that_limits_work_puts_suitable_work_first(ref: ReferenceData) -> None:
    """``health_limits_work: yes``: the first step is about suitable work (occupational physician),
    in the output's language; 'no', 'rather not say' and unknown add no health step."""
    for lang in ("nl", "en"):
        steps = suggest.suggest(_welder(health_limits_work="yes"), ref=ref, lang=lang).next_steps
        assert steps[0].action == "health"
        said = steps[0].text.render(lang)  # type: ignore[union-attr]
        # the talk on suitable work, then the wage cost subsidy (twenty-seventh review)
        assert said == t("suggest.s_health", lang) + t("suggest.s_health_subsidy", lang)
        assert steps[0].reason is not None
    assert "bedrijfsarts" in t("suggest.s_health", "nl")
    for answer in ("no", "rather_not_say", None):
        assert "health" not in _actions(_welder(health_limits_work=answer), ref)


def test_care_duties_put_the_care_step_before_the_work_experience_step(ref: ReferenceData) -> None:
    """``care_duties: true``: a care step (childcare or other arrangements) right before the
    work-experience step; without care duties there is none and the plan is otherwise the same."""
    with_care = _actions(_welder(care_duties=True), ref)
    without = _actions(_welder(care_duties=False), ref)
    assert "care" in with_care and "work_experience" in with_care
    assert with_care.index("care") == with_care.index("work_experience") - 1
    assert "care" not in without and "care" not in _actions(_welder(), ref)
    assert [a for a in with_care if a != "care"] == without
    assert "kinderopvang" in t("suggest.s_care", "nl")
    both = _actions(_welder(care_duties=True, health_limits_work="yes"), ref)
    assert both[0] == "health" and both.index("care") < both.index("work_experience")


def test_sensitive_steps_are_the_health_and_care_steps(ref: ReferenceData) -> None:
    """``SENSITIVE_STEPS`` names exactly the steps that come from the circumstances."""
    plain = set(_actions(_welder(), ref))
    full = set(_actions(_welder(care_duties=True, health_limits_work="yes"), ref))
    assert full - plain == SENSITIVE_STEPS == {"health", "care"}


def _with_plan(ref: ReferenceData) -> Profile:
    profile = _welder(care_duties=True, health_limits_work="yes")
    result = suggest.suggest(profile, ref=ref)
    agreed = NextStep(action="agreed", text="Taalcafé op dinsdag", agreed=True)
    return profile.model_copy(update={"next_steps": [*result.next_steps, agreed]})


def test_public_copy_and_report_leave_the_sensitive_steps_out(ref: ReferenceData) -> None:
    """``Profile.public()`` (employer and research use) drops the health and care steps with the
    circumstances and keeps the others; the report shows them only with ``include_sensitive``."""
    profile = _with_plan(ref)
    public = profile.public()
    assert [s.action for s in public.next_steps] == [
        s.action for s in profile.next_steps if s.action not in SENSITIVE_STEPS
    ]
    assert "agreed" in [s.action for s in public.next_steps]
    assert public.circumstances.care_duties is None
    real = ReferenceData()  # the report's questionnaire and labels
    health, care = t("suggest.s_health", "nl"), t("suggest.s_care", "nl")
    plain = report.render(profile, fmt="md", lang="nl", ref=real)
    assert health not in plain and care not in plain
    assert "Taalcafé op dinsdag" in plain and t("suggest.s_network", "nl").split(":")[0] in plain
    full = report.render(profile, fmt="md", lang="nl", include_sensitive=True, ref=real)
    assert health in full and care in full


def test_the_research_export_holds_no_sensitive_step(ref: ReferenceData) -> None:
    """The pseudonymised research copy keeps no next steps at all, so neither step's action nor
    text can reach it."""
    exported = json.dumps(research_copy(_with_plan(ref)).model_dump(mode="json"))
    for lang in ("nl", "en"):
        assert t("suggest.s_health", lang) not in exported and t("suggest.s_care", lang) not in exported
    assert '"health"' not in exported and '"care"' not in exported
