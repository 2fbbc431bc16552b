"""Advice rules from the twenty-seventh expert review (docs/advice.md, "Twenty-seventh expert review"): the
essential skills of a job code the coder flagged and nobody confirmed were said to be held ("62 of 62"); the
coding question's order note was the coder's jargon; an engineer who tutored and wants to teach was sent to
DUO with nothing to recognise, and a Bachelor of Education who never taught got no DUO step at all; a welder's
placement said nothing of the qualification test; the health step never named the wage cost subsidy; the
client-language drafts of the released-or-exempted choice still said "exempt" only."""

from __future__ import annotations

import pytest

from skilltool import messages, yamlio
from skilltool.models import Education, Profile, Suggestion, say
from skilltool.models.profile import Confirmation
from skilltool.suggest_texts import skills_text
from skilltool.suggest_titles import teaching_diploma
from tests.conftest import REPO
from tests.test_personas import persona as _persona
from tests.test_personas import run_suggest as _run
from tests.test_personas import step_texts as _step_texts

FLAGGED = "eritrean_29_casual_work_factory_khartoum_flagged_code"
ENGINEER = "syrian_61_built_roads_and_sewers_wants_to_teach_maths"  # twenty-sixth review
MBO = "iranian_58_plant_upkeep_engineer_wants_to_teach_at_mbo"
BED = "somali_34_bachelor_of_education_never_taught_wants_basisschool"
TUTOR = "eritrean_32_maths_bsc_paid_tutoring_wants_secondary_teaching"
WELDER = "afghan_33_welded_steel_frames_kabul_no_certificate"
POLIO = "syrian_44_polio_leg_phones_fixed_at_a_stall_wants_assembly"
PROTECTED = "ukrainian_47_pipe_welder_temporary_protection_knees"


def _confirmed(profile: Profile) -> Profile:
    """``profile`` with every job code confirmed by the caseworker (flag and all, as `review` leaves it)."""
    work = [j.model_copy(update={"confirmation": Confirmation(status="confirmed")}) for j in profile.work]
    return profile.model_copy(update={"work": work})


def _own(profile: Profile, lang: str = "nl") -> Suggestion:
    return next(s for s in _run(profile, lang).own_trade if s.isco.startswith("9622"))


def _words(s: Suggestion, lang: str) -> str:
    return " | ".join(say(t, lang) for t in (*s.fit, *s.reasons, *(p.evidence for p in s.parts)))


@pytest.mark.parametrize(("lang", "likely"), [("nl", "waarschijnlijk"), ("en", "likely")])
def test_skills_of_a_flagged_code_are_worded_as_likely(lang: str, likely: str) -> None:
    """The only job of a worker of casual jobs was coded to a handyman and flagged: its essential skills are
    likely, from a code not yet confirmed, in the fit, the reasons and the evidence; once the caseworker
    confirms the code they are held, plainly. The score is the same either way: the related-work part rests on
    the same code at full weight, and the ranking is what to check, not a verdict."""
    profile = _persona(FLAGGED)
    assert all(j.needs_review for j in profile.work)
    flagged, confirmed = _own(profile, lang), _own(_confirmed(profile), lang)
    said = _words(flagged, lang)
    assert said.count(likely) >= 3, said  # fit, reason and evidence
    assert ("nog niet bevestigd" if lang == "nl" else "not yet confirmed") in said
    assert likely not in _words(confirmed, lang)
    assert flagged.score == confirmed.score
    assert [s.uri for s in _run(profile).suggestions] == [
        s.uri for s in _run(_confirmed(profile)).suggestions
    ]


def test_the_skills_text_says_how_many_are_likely() -> None:
    """None likely: the plain text; all likely: 'likely held'; some: how many held are only likely."""
    assert say(skills_text("r_skills", 3, 5, 0), "en") == "3 of 5 essential skills held"
    assert say(skills_text("r_skills", 3, 5, 3), "en").startswith("3 of 5 essential skills likely held")
    some = say(skills_text("fit_skills", 3, 5, 2), "nl")
    assert some.startswith("3 van 5 kernvaardigheden aanwezig, 2 daarvan alleen waarschijnlijk")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_order_note_is_plain_words(lang: str) -> None:
    """The coding question's note on the order no longer speaks of 'the coder's best guess'."""
    note = messages.t("code.order_note", lang)
    assert "gok" not in note and "codeur" not in note and "guess" not in note and "coder" not in note
    assert ("samen met de klant" if lang == "nl" else "together with the client") in note


def test_teaching_without_training_is_no_recognition() -> None:
    """The engineer of 61 who tutored neighbours' children has no teacher training: the step names the way
    in (zij-instroom, or the mbo with the PDG), with a reason that says so, not DUO's recognition; with a
    teacher training recorded, DUO's recognition is the step again."""
    text, why = _step_texts(_run(_persona(ENGINEER)), "recognition")
    assert "niets te erkennen" in text and "zij-instroom" in text and "PDG" in text
    assert not text.startswith("Start de erkenningsroute") and "lerarenopleiding" in why
    trained = _persona(ENGINEER)
    course = Education(country="SY", qualification="Diploma in education (teacher training)", completed=True)
    trained = trained.model_copy(update={"education": [*trained.education, course]})
    assert _step_texts(_run(trained), "recognition")[0].startswith("Start de erkenningsroute")


def test_mbo_teaching_without_training_names_the_pdg() -> None:
    """The engineer of plant upkeep who wants to teach at an mbo (his wish coded, to be checked, to the
    vocational teachers' group): the plan names the mbo's way in, the PDG within two years, though no
    suggestion's route is recognition first."""
    text, _ = _step_texts(_run(_persona(MBO)), "recognition")
    assert text.startswith("De weg naar werk als docent mbo") and "PDG" in text


def test_a_teaching_diploma_brings_duos_recognition() -> None:
    """The Somali with a Bachelor of Education who never taught: DUO's recognition of her diploma is a step
    (before, only a part-time programme's dual route); without the diploma, the way in (pabo, zij-instroom)
    is the step, not DUO."""
    result = _run(_persona(BED))
    assert "Vraag bij DUO erkenning" in _step_texts(result, "recognition")[0]
    other = _persona(BED)
    shop = Education(country="SO", qualification="Secondary School Certificate", completed=True)
    other = other.model_copy(update={"education": [shop]})
    text, _ = _step_texts(_run(other), "recognition")
    assert text.startswith("De weg naar werk als leraar basisonderwijs") and "pabo" in text


@pytest.mark.parametrize(
    ("qualification", "field", "teaching"),
    [
        ("Bachelor of Education Somali National University", None, True),
        ("Diploma", "primary education", True),
        ("Eritrean Secondary Education Certificate Examination (ESECE)", "general", False),
        ("Uganda Certificate of Education", None, False),
        ("Basic Education Certificate", "general", False),
    ],
)
def test_a_school_certificate_is_no_teaching_diploma(
    qualification: str, field: str | None, teaching: bool
) -> None:
    """A teacher's diploma by its name or field; a school certificate whose name holds 'Education' is none."""
    profile = _persona(BED)
    edu = Education(country="SO", qualification=qualification, field=field, completed=True)
    assert teaching_diploma(profile.model_copy(update={"education": [edu]})) is teaching


def test_paid_tutoring_is_no_teaching_qualification() -> None:
    """Five years of paid private tutoring (ISCO 2359) and a BSc in mathematics: zij-instroom is the way, not
    DUO; paid work as a teacher at a secondary school instead is a qualification DUO assesses."""
    text, _ = _step_texts(_run(_persona(TUTOR)), "recognition")
    assert "niets te erkennen" in text and "zij-instroom" in text
    taught = _persona(TUTOR)
    job = taught.work[0]
    assert job.coded is not None
    code = job.coded.model_copy(update={"isco": "2330"})
    sure = Confirmation(status="confirmed")  # a flagged code waits for the check first (twenty-eighth review)
    job = job.model_copy(update={"coded": code, "kind": "employed", "confirmation": sure})
    taught = taught.model_copy(update={"work": [job]})
    assert _step_texts(_run(taught), "recognition")[0].startswith("Start de erkenningsroute")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_welders_placement_names_the_qualification_test(lang: str) -> None:
    """A welder's placement names the NEN-EN-ISO 9606-1 qualification taken with the employer after a test
    weld; a held 9606 certificate is checked against the employer's work instead of a new test."""
    text, _ = _step_texts(_run(_persona(WELDER), lang), "work_experience", lang)
    assert "NEN-EN-ISO 9606-1" in text and ("proeflas" if lang == "nl" else "test weld") in text
    held = _persona(WELDER).model_copy(update={"certificates": ["lascertificaat ISO 9606-1 uit Kabul"]})
    text, _ = _step_texts(_run(held, lang), "work_experience", lang)
    assert ("dat de persoon heeft" if lang == "nl" else "the person holds") in text


def test_the_health_step_names_the_wage_cost_subsidy() -> None:
    """Health limits work: the step names the wage-value assessment and the wage cost subsidy of the
    Participatiewet, not for someone under temporary protection, who lives on the Rvo's allowance."""
    text, _ = _step_texts(_run(_persona(POLIO)), "health")
    assert "loonkostensubsidie" in text and "artikel 10d Participatiewet" in text
    text, _ = _step_texts(_run(_persona(PROTECTED)), "health")
    assert text.startswith("Bespreek eerst welk werk past") and "loonkostensubsidie" not in text


def test_the_released_or_exempted_drafts_stay_unreviewed() -> None:
    """Each client-language text of the choice 'released or exempted' (the Dutch changed in the
    twenty-sixth review) is a draft naming both Dutch terms; a reviewed one must name its reviewer and a
    date on or after the change."""
    seen = 0
    for path in sorted((REPO / "data" / "intake" / "i18n").glob("*.yaml")):
        entry = yamlio.loads(path.read_text("utf-8"))["texts"].get("languages.inburgering/choice/exempt")
        if entry is None:
            continue
        seen += 1
        assert "ontheffing" in entry["text"] and "vrijstelling" in entry["text"], path.name
        if entry.get("reviewed"):
            assert entry.get("reviewer") and str(entry.get("reviewed_on")) >= "2026-12-07", path.name
    assert seen >= 5
