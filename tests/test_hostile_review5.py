"""Hostile input, fifth review: each case here once told what a sensitive answer holds, rejected
every row for a reason that was not theirs, or did work no one asked for; now it does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from skilltool import report, suggest
from skilltool.messages import t
from skilltool.reference import ReferenceData

from .test_suggest_circumstances import _welder


@pytest.fixture
def ref(tiny_data: Path) -> ReferenceData:
    return ReferenceData(tiny_data)


# --- health limits work: not told by the work-experience step ------------------------------------


def test_the_work_experience_step_does_not_tell_that_health_limits_work(ref: ReferenceData) -> None:
    """With ``health_limits_work: yes`` the plan's work-experience step (not a sensitive step) ends
    "Only in work that the talk about suitable work (step 1) finds fits the person's health": the
    report without ``--include-sensitive`` and ``Profile.public()`` (employer and research use)
    kept it, so they told what the left-out health answer holds. Now both drop that addition and
    keep the step; the caseworker's full report still has it."""
    real = ReferenceData()  # the report's questionnaire and labels
    for lang in ("nl", "en"):
        person = _welder(health_limits_work="yes")
        steps = suggest.suggest(person, ref=ref, lang=lang).next_steps
        profile = person.model_copy(update={"next_steps": steps})
        addition = t("suggest.s_work_health", lang).strip()
        step = next(s for s in profile.next_steps if s.action == "work_experience")
        assert addition in step.text.render(lang)  # type: ignore[union-attr]
        public = next(s for s in profile.public().next_steps if s.action == "work_experience")
        shown = public.text.render(lang)  # type: ignore[union-attr]
        assert addition not in shown and shown == step.text.render(lang).replace(addition, "").strip()  # type: ignore[union-attr]
        for fmt in ("md", "html"):
            plain = report.render(profile, fmt=fmt, lang=lang, ref=real)
            assert addition.split("(")[0].strip() not in plain, (lang, fmt)
        full = report.render(profile, fmt="md", lang=lang, include_sensitive=True, ref=real)
        assert addition in full
