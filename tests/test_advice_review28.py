"""Advice rules from the twenty-eighth expert review (docs/advice.md, "Twenty-eighth expert review"): a job
code the coder flagged and nobody confirmed opened a regulated profession's recognition (BIG, DUO) at once; no
rule named the crop-protection licence (spuitlicentie); the plan never said what the intake does not ask
(debts, the hours of the day, reading and writing); a phone repairer's own work is no electrical installation
work (no NEN 3140)."""

from __future__ import annotations

import pytest

from skilltool.models import Profile, Suggestion, say
from skilltool.suggest_person import person_of
from skilltool.suggest_titles import unconfirmed_only
from tests.test_advice_review27 import _confirmed
from tests.test_personas import NAMES, _ref
from tests.test_personas import persona as _persona
from tests.test_personas import run_suggest as _run
from tests.test_personas import step_texts as _step_texts

DOCTOR = "sudanese_doctor_no_documents_group_coded"  # sixth review: 'arts', coded to ISCO group 221, flagged
TEACHER = "turkish_45_taught_geography_wants_tram"  # a flagged 'leraar aardrijkskunde', no teaching diploma
# flagged, with a teaching certificate (the one Eritrean persona whose name ends so)
TRAINED = next(n for n in NAMES if n.startswith("eritrean_") and n.endswith("_certificate_no_documents"))
SPRAYER = "syrian_34_sprayed_crops_daraa_wants_field_work"
PEST = "afghan_24_fumigated_houses_kabul_wants_pest_control"
PHONES = "syrian_37_fixed_phones_and_tablets_wants_electrician_bbl"
DEBTS = "iraqi_38_debts_from_the_journey_wants_full_time_fast"
CONFIRMED_GP = "yemeni_39_health_centre_doctor_taiz_code_confirmed"


def _own(profile: Profile, isco: str) -> Suggestion:
    return next(s for s in _run(profile).own_trade if s.isco.startswith(isco))


def _gaps(s: Suggestion) -> str:
    return " | ".join(g.render("nl") for g in s.gaps)


@pytest.mark.parametrize(
    ("lang", "first", "then"),
    [
        ("nl", "De beroepscode van 'arts' is nog niet bevestigd", "Start de erkenningsroute voor arts"),
        ("en", "The job code of 'arts' is not confirmed yet", "Start the recognition route for"),
    ],
)
def test_a_flagged_code_opens_no_recognition_before_it_is_confirmed(lang: str, first: str, then: str) -> None:
    """A doctor's job coded to the doctors' ISCO group and flagged: the recognition step first asks to check
    the code with the client, then names BIG's route; once the caseworker confirms the code, the route starts
    plainly. The ranking is the same either way (the own trade still shows the route that applies if the code
    holds)."""
    profile = _persona(DOCTOR)
    assert all(j.needs_review for j in profile.work)
    text = _step_texts(_run(profile, lang), "recognition", lang)[0]
    assert text.startswith(first) and then in text, text
    sure = _step_texts(_run(_confirmed(profile), lang), "recognition", lang)[0]
    assert sure.startswith(then) and first not in sure, sure
    ranked = [s.uri for s in _run(profile).suggestions]
    assert ranked == [s.uri for s in _run(_confirmed(profile)).suggestions]


def test_a_confirmed_code_or_a_teaching_diploma_needs_no_check() -> None:
    """The check is for a profession only a flagged, unconfirmed code gives: not after confirmation, and not
    for teaching when a teaching diploma is recorded (DUO recognises the diploma, whatever the job's code)."""
    index = _ref().suggest_index
    flagged = _persona(TEACHER)
    assert unconfirmed_only(index, flagged, "leraar_vo") == "leraar aardrijkskunde"
    assert unconfirmed_only(index, _confirmed(flagged), "leraar_vo") is None
    trained = _persona(TRAINED)
    assert any(j.needs_review for j in trained.work)
    assert unconfirmed_only(index, trained, "leraar_po") is None
    assert _step_texts(_run(trained), "recognition")[0].startswith("Start de erkenningsroute")
    gp = _persona(CONFIRMED_GP)
    assert unconfirmed_only(index, gp, "arts") is None
    assert "nog niet bevestigd" not in _step_texts(_run(gp), "recognition")[0]
    assert person_of(gp, index, "nl").regulated >= {"arts"}


def test_the_crop_sprayer_needs_the_licence_and_a_held_one_counts() -> None:
    """ESCO's pesticides sprayer asks the bewijs van vakbekwaamheid gewasbescherming (Wet
    gewasbeschermingsmiddelen en biociden art. 71): his own work says so and the plan's certificate step names
    it; held under its everyday name, 'spuitlicentie', it is no longer missing."""
    profile = _persona(SPRAYER)
    assert "vakbekwaamheid gewasbescherming" in _gaps(_own(profile, "7544"))
    text, why = _step_texts(_run(profile), "certificates")
    assert "gewasbescherming" in text and "Bureau Erkenningen" in why and "art. 71" in why
    held = profile.model_copy(update={"certificates": ["Spuitlicentie"]})
    assert "gewasbescherming" not in _gaps(_own(held, "7544"))


def test_pest_control_in_buildings_is_not_told_the_crop_licence() -> None:
    """The licence is for plant protection products on crops: a pest controller in houses and shops (biocides)
    is not told to get it for his own work, though the crop sprayer suggested beside it is."""
    own = _own(_persona(PEST), "7544")
    assert own.uri.endswith("21cba86a-68c5-456c-aec2-cc04840b3c0e")  # ESCO's pest management worker
    assert "gewasbescherming" not in _gaps(own)


def test_fixing_phones_is_no_electrical_installation_work() -> None:
    """NEN 3140 is about work on electrical installations: a phone repairer's own work asks no NEN 3140
    training, the electrician's work he wishes does."""
    profile = _persona(PHONES)
    assert "NEN 3140" not in _gaps(_own(profile, "7422"))
    assert "NEN 3140" in _gaps(_own(profile, "7411"))


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("nl", ("schulden", "beslagvrije voet", "schuldhulpverlening", "uren van de dag", "in welk schrift")),
        ("en", ("debts", "beslagvrije voet", "debt help", "hours of the day", "which script")),
    ],
)
def test_the_plan_says_what_the_intake_does_not_ask(lang: str, words: tuple[str, ...]) -> None:
    """No field holds debts, the hours of the day one can work, or reading and writing: the plan asks about
    them before work is agreed, says the suggestions do not weigh them, and comes before the network step (the
    last)."""
    result = _run(_persona(DEBTS), lang)
    actions = [n.action for n in result.next_steps]
    assert actions[-2:] == ["not_asked", "network"], actions
    text, why = _step_texts(result, "not_asked", lang)
    assert all(w in text for w in words), text
    assert ("geen veld" if lang == "nl" else "no field") in why
    assert say(next(n.text for n in result.next_steps if n.action == "not_asked"), lang) == text
