"""The qualification gap fits the job's level: hbo/wo for professionals, BBL (mbo) below, on the
repository's data (docs/advice.md, "Qualification gaps by skill level")."""

from __future__ import annotations

from functools import cache

import pytest

from skilltool import messages, suggest
from skilltool.models import Profile, SuggestionResult
from skilltool.reference import ReferenceData

from .conftest import REPO

pytestmark = pytest.mark.usefixtures("real_data_env")


@cache
def _ref() -> ReferenceData:
    return ReferenceData(REPO / "data")


def _wishing(occupation: str) -> SuggestionResult:
    profile = Profile.model_validate(
        {"personal": {"client_ref": "T-1"}, "dutch": {"cefr": "B2"}, "wishes": {"occupations": [occupation]}}
    )
    return suggest.suggest(profile, ref=_ref(), lang="en")


def _gap_keys(result: SuggestionResult, isco: str) -> list[str]:
    found = [s for s in result.own_trade if s.isco == isco]
    assert found, [s.isco for s in result.own_trade]
    return [g.key or "" for g in found[0].gaps]


def test_a_professional_job_without_related_work_asks_for_hbo_or_wo_not_bbl() -> None:
    """ISCO major groups 1-2 (skill level 4) without related work or skills: the gap names a
    shortened or part-time hbo/wo programme or recognition, never BBL (an mbo route)."""
    result = _wishing("softwareontwikkelaar")
    keys = _gap_keys(result, "2512")
    assert "suggest.g_qualification_higher" in keys and "suggest.g_qualification" not in keys
    own = next(s for s in result.own_trade if s.isco == "2512")
    text = next(g for g in own.gaps if g.key == "suggest.g_qualification_higher")
    for lang in ("nl", "en"):
        rendered = text.render(lang)
        assert "hbo" in rendered and "IDW" in rendered, rendered
        assert rendered != messages.t("suggest.g_qualification", lang)
    manager = _wishing("accountant")  # ISCO 1211 accounting manager: skill level 3-4, counted as 4
    assert "suggest.g_qualification_higher" in _gap_keys(manager, "1211")


def test_a_trade_or_technician_job_keeps_the_learn_work_gap() -> None:
    """Skill levels 2-3 (a welder 7212, a welding inspector 3115): the learn-work (BBL) text."""
    result = _wishing("lasser")
    for isco in ("7212", "3115"):
        keys = _gap_keys(result, isco)
        assert "suggest.g_qualification" in keys and "suggest.g_qualification_higher" not in keys
    assert "BBL" in messages.t("suggest.g_qualification", "nl")


def test_the_dual_route_step_for_a_professional_names_hbo_or_wo_not_bbl() -> None:
    """The plan's dual-route step towards a professional job (skill level 4) offers a part-time or
    shortened hbo/wo programme alongside work and says what is missing in those words; towards a
    trade it keeps the learn-work route (BBL)."""
    steps = {s.action: s for s in _wishing("softwareontwikkelaar").next_steps}
    step = steps["dual_route"]
    assert not isinstance(step.text, str) and step.text.key == "suggest.s_dual_higher"
    for lang in ("nl", "en"):
        assert "hbo" in step.text.render(lang) and "BBL" in step.text.render(lang)  # "not BBL"
        assert step.reason is not None and not isinstance(step.reason, str)
        assert messages.t("suggest.what_qualification_higher", lang) in step.reason.render(lang)
    trade = {s.action: s for s in _wishing("lasser").next_steps}["dual_route"]
    assert not isinstance(trade.text, str) and trade.text.key == "suggest.s_dual"
