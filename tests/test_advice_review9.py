"""Advice rules from the ninth expert review (docs/advice.md, "Ninth expert review"): security at events
is Wpbr security work, so ESCO's occupation for security at events (ISCO 5419) falls under the
beveiliger's rules: never a direct start and never the trial placement."""

from __future__ import annotations

from skilltool import profile_files, suggest
from skilltool.models import Profile, Suggestion, say
from tests.test_personas import PERSONAS, _ref

EVENT_GUARD = "http://data.europa.eu/esco/occupation/8fc3d559-d61c-418c-ad4a-bf4c6b2909e3"


def _persona(name: str) -> Profile:
    return profile_files.read_profile(PERSONAS / f"{name}.json")


def _in_security(s: Suggestion) -> bool:
    return _ref().suggest_index.reg_by_uri.get(s.uri) == "beveiliger"


def test_security_at_events_needs_the_beveiliger_diploma() -> None:
    """The Iraqi who guarded a ministry got security work at events as a direct start and as his
    trial placement. Justis (opleidingseisen) names security at events and in stadiums among the
    Wpbr's trades, and the politie.nl page on the Wpbr names security at events: the Beveiliger
    diploma (SVPB) and the police chief's consent. Now recognition first, and the placement is
    outside security work."""
    prof = next(p for p in _ref().regulated_nl.professions if p.id == "beveiliger")
    assert "justis-opleidingseisen" in prof.sources
    assert _ref().suggest_index.reg_by_uri.get(EVENT_GUARD) == "beveiliger"
    profile = _persona("iraqi_guarded_ministry_wishes_beveiliging")
    result = suggest.suggest(profile, ref=_ref(), top=10, lang="nl")
    event = [s for s in result.suggestions if s.uri == EVENT_GUARD]
    assert event and all(s.route == "recognition_first" for s in event), [(s.label, s.route) for s in event]
    assert not [s.label for s in result.suggestions if _in_security(s) and s.route == "direct"]
    placement = next(n for n in result.next_steps if n.action == "work_experience")
    text = say(placement.text, "nl")
    assert not [s.label for s in result.suggestions if _in_security(s) and s.label in text], text
