"""Advice rules from the ninth expert review (docs/advice.md, "Ninth expert review"): security at events
is Wpbr security work, so ESCO's occupation for security at events (ISCO 5419) falls under the
Wpbr's security rules: never a direct start and never the trial placement. Enforcement in public space with
investigative powers is a boa's work: a training with the boa exam, then a deed from Justis requested by
the employer, with a VOG."""

from __future__ import annotations

from skilltool import suggest
from skilltool.models import Suggestion, say
from tests.test_personas import NAMES, _ref
from tests.test_personas import persona as _persona

STREET_ENFORCEMENT = "http://data.europa.eu/esco/occupation/4cbe5a17-056c-489a-9f10-f9d816905000"
SECURITY_ID = "beveiliger"  # the Wpbr profession in data/regulated_nl.yaml
EVENT_GUARD = "http://data.europa.eu/esco/occupation/8fc3d559-d61c-418c-ad4a-bf4c6b2909e3"


def _in_security(s: Suggestion) -> bool:
    return _ref().suggest_index.reg_by_uri.get(s.uri) == SECURITY_ID


def test_security_at_events_needs_the_svpb_diploma() -> None:
    """The Iraqi who guarded a ministry got security work at events as a direct start and as his
    trial placement. Justis (opleidingseisen) names security at events and in stadiums among the
    Wpbr's trades, and the politie.nl page on the Wpbr names security at events: the Beveiliger
    diploma (SVPB) and the police chief's consent. Now recognition first, and the placement is
    outside security work."""
    prof = next(p for p in _ref().regulated_nl.professions if p.id == SECURITY_ID)
    assert "justis-opleidingseisen" in prof.sources
    assert _ref().suggest_index.reg_by_uri.get(EVENT_GUARD) == SECURITY_ID
    profile = _persona("iraqi_guarded_ministry_wishes_beveiliging")
    result = suggest.suggest(profile, ref=_ref(), top=10, lang="nl")
    event = [s for s in result.suggestions if s.uri == EVENT_GUARD]
    assert event and all(s.route == "recognition_first" for s in event), [(s.label, s.route) for s in event]
    assert not [s.label for s in result.suggestions if _in_security(s) and s.route == "direct"]
    placement = next(n for n in result.next_steps if n.action == "work_experience")
    text = say(placement.text, "nl")
    assert not [s.label for s in result.suggestions if _in_security(s) and s.label in text], text


def test_enforcement_with_investigative_powers_is_a_boa_route() -> None:
    """ESCO's street enforcement occupation (5419) was a direct start "soon" and the kind of trial
    placement the ministry guard got before the fix above. Justis ("Boa worden"): a boa first
    follows a training ending in the boa exam (certificate); the future employer then applies for
    the deed of investigative powers, with a VOG at most three months old. Now it is regulated as
    the boa, by exam, with that route, and never a direct start for anyone."""
    boa = next(p for p in _ref().regulated_nl.professions if p.id == "boa")
    assert boa.by_exam and boa.sources == ["justis-boa-worden"]
    assert "Justis" in boa.route.en and "VOG" in boa.route.en
    assert _ref().suggest_index.reg_by_uri.get(STREET_ENFORCEMENT) == "boa"
    profile = _persona("iraqi_guarded_ministry_wishes_beveiliging")
    job = profile.work[0]
    assert job.coded is not None
    coded = job.coded.model_copy(update={"uri": STREET_ENFORCEMENT, "isco": "5419"})
    profile.work[0] = job.model_copy(update={"coded": coded})
    result = suggest.suggest(profile, ref=_ref(), top=10, lang="en")
    own = [s for s in result.own_trade if s.uri == STREET_ENFORCEMENT]
    assert own and all(s.route != "direct" for s in own), [(s.label, s.route) for s in own]
    steps = {n.action: say(n.text, "en") for n in result.next_steps}
    assert "boa exam" in steps.get("recognition", ""), steps
    for name in NAMES:
        result = suggest.suggest(_persona(name), ref=_ref(), top=10, lang="en")
        for s in (*result.own_trade, *result.suggestions):
            if s.uri == STREET_ENFORCEMENT:
                assert s.route != "direct", (name, s.route)
