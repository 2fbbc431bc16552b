"""Advice rules from the twenty-sixth expert review (docs/advice.md, "Twenty-sixth expert review"): after an
ontheffing the language step named the NT2 state exam and the integration law's aim; near the state pension
a teacher at A2 was aimed at B2; the placement followed the ranking past work the person wished and did; a
doctor who wants the data work he did read the BIG route as his step and was placed as a GP's
assistant; a wish to work at an airport brought nothing of the AIVD's screening; the care step sent a child
with a disability to the Wmo, which is for adults."""

from __future__ import annotations

import pytest

from skilltool import yamlio
from skilltool.models import Profile
from skilltool.models.profile import Confirmation, WishedOccupation
from skilltool.suggest_screening import screening_step
from tests.conftest import REPO
from tests.test_personas import persona as _persona
from tests.test_personas import run_suggest as _run
from tests.test_personas import step_texts as _step_texts

RELEASED = "iraqi_54_ontheffing_after_effort_kept_books_wants_admin"
TEACHER = "iraqi_63_led_a_school_arabic_ma_aow_in_four_years"  # twenty-fifth review
GREENHOUSE = "syrian_39_wife_also_seeks_work_one_car_greenhouse"  # twenty-fifth review
DOCTOR = "yemeni_41_physician_sanaa_wants_data_work_not_medicine"
AIRPORT = "afghan_30_wants_baggage_work_at_the_airport"
MOTHER = "eritrean_34_mother_of_disabled_son_school_hours"


def _sure(profile: Profile) -> Profile:
    """``profile`` with its job codes confirmed: a flagged code's recognition waits for that check
    (twenty-eighth review), which these tests are not about."""
    work = [j.model_copy(update={"confirmation": Confirmation(status="confirmed")}) for j in profile.work]
    return profile.model_copy(update={"work": work})


def _status(profile: Profile, inburgering: str) -> Profile:
    return profile.model_copy(update={"dutch": profile.dutch.model_copy(update={"inburgering": inburgering})})


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_after_an_ontheffing_the_language_step_is_voluntary(lang: str) -> None:
    """Released from the duty after three failed B1 exams (``exempt``): the step says learning on is
    voluntary, names no state exam as its aim and cites the work's level, not the integration law's;
    obliged on the B1 route, the same person reads the state exams as before."""
    text, why = _step_texts(_run(_persona(RELEASED), lang), "language", lang)
    if lang == "nl":
        assert "vrijwillig" in text and "NT2 I voor B1" not in text and "geen plicht" in text
        assert "inburgering niet meer" in why and "mikt op" not in why
    else:
        assert "voluntarily" in text and "NT2 I for B1" not in text
    obliged, _ = _step_texts(_run(_status(_persona(RELEASED), "obliged"), lang), "language", lang)
    assert ("NT2 I voor B1" if lang == "nl" else "NT2 I for B1") in obliged


def test_an_ontheffing_is_named_in_the_idw_fee() -> None:
    """The IDW step's fee sentence names the released and the exempted both ('vrijgesteld' alone read as if an
    ontheffing were not meant)."""
    text, _ = _step_texts(_run(_persona(RELEASED)), "diploma_evaluation")
    assert "ontheven of vrijgesteld" in text


def test_near_the_pension_the_language_aim_stops_at_b1() -> None:
    """A teacher of 63 at A2 (four years before the AOW) is aimed at B1, the B1 route's level, with a reason
    that the climb to B2 takes the years left; ten years younger, the school's B2 is the aim again."""
    result = _run(_persona(TEACHER))
    text, why = _step_texts(result, "language")
    assert "Nederlands B1" in text and "B2" in why and "AOW" in why
    younger = _persona(TEACHER).model_copy(
        update={"personal": _persona(TEACHER).personal.model_copy(update={"birth_year": 1973})}
    )
    assert "Nederlands B2" in _step_texts(_run(younger), "language")[0]


def test_the_placement_takes_wished_work_done_over_the_ranking() -> None:
    """The grower under glass wished greenhouse work and did it: he is placed there, not in his family's
    farming that ranked first; without the wish the ranking's first related work comes back."""
    placed, _ = _step_texts(_run(_persona(GREENHOUSE)), "work_experience")
    assert "tuinier" in placed and "boerderijmanager" not in placed
    unwished = _persona(GREENHOUSE)
    unwished = unwished.model_copy(
        update={"wishes": unwished.wishes.model_copy(update={"occupations": [], "coded": []})}
    )
    assert "boerderijmanager" in _step_texts(_run(unwished), "work_experience")[0]


def test_wished_work_done_comes_before_an_unwished_recognition() -> None:
    """A doctor who wished the data work he did: the BIG route is still named, after a question whether it is
    still wanted, and the placement is the data work, not the assistant work in a GP's practice meant for the
    wait. Without the wish the step starts the route and the placement is that interim work."""
    result = _run(_persona(DOCTOR))
    text, _ = _step_texts(result, "recognition")
    assert text.startswith("De persoon wenst ander werk, dat nu open is (data-analist)") and "BIG" in text
    assert "data-analist" in _step_texts(result, "work_experience")[0]
    unwished = _sure(_persona(DOCTOR))
    unwished = unwished.model_copy(
        update={"wishes": unwished.wishes.model_copy(update={"occupations": [], "coded": []})}
    )
    plain = _run(unwished)
    assert _step_texts(plain, "recognition")[0].startswith("Start de erkenningsroute")
    placed = _step_texts(plain, "work_experience")[0]
    assert any(s.isco == "3256" and s.label in placed for s in plain.suggestions), (
        placed
    )  # the GP's assistant


@pytest.mark.parametrize(
    ("wish", "airport"),
    [
        ("koffers in vliegtuigen laden op Schiphol", True),
        ("schoonmaken op het vliegveld", True),
        ("werk op een luchthaven", True),
        ("schoonmaken op een school", False),
        ("bij Defensie werken", False),  # Defence's own step
    ],
)
def test_an_airport_wish_brings_the_aivd_screening(wish: str, airport: bool) -> None:
    """A wish naming an airport (by name or word) brings the step on the airport pass's VGB; other wishes do
    not."""
    profile = _persona(AIRPORT)
    profile = profile.model_copy(
        update={"wishes": profile.wishes.model_copy(update={"occupations": [wish], "sectors": []})}
    )
    step = screening_step(profile)
    assert step is not None if airport or "Defensie" in wish else step is None
    if step is not None:
        assert ("AIVD" in step[0].render("nl")) == airport


def test_the_airport_step_comes_before_the_placement() -> None:
    """The Afghan who came through Iran and Turkey reads the screening before a placement, with sources."""
    result = _run(_persona(AIRPORT))
    actions = [n.action for n in result.next_steps]
    assert actions.index("screening") < actions.index("work_experience")
    text, why = _step_texts(result, "screening")
    assert "langer dan een maand" in text and "ECLI:NL:RBAMS:2019:702" in why


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_care_for_a_child_with_a_disability_is_youth_care(lang: str) -> None:
    """The Wmo is for adults; a child with a disability gets youth care through the municipality (Jeugdwet),
    and lasting care around the clock comes from the Wlz: the care step names both."""
    text, _ = _step_texts(_run(_persona(MOTHER), lang), "care", lang)
    assert "Jeugdwet" in text and "CIZ" in text
    assert ("volwassen naaste" if lang == "nl" else "adult relative") in text


def test_a_flagged_wish_still_counts_as_the_persons_word() -> None:
    """The doctor's wish is flagged by the coder (to be checked): it still points away from medicine, through
    its unit group; a wish of the doctor's own profession keeps the plain start."""
    profile = _sure(_persona(DOCTOR))
    assert profile.wishes.coded and profile.wishes.coded[0].needs_review
    coded = profile.wishes.coded[0]
    gp = WishedOccupation(text="weer dokter worden", coded=profile.work[0].coded, needs_review=False)
    both = profile.model_copy(
        update={
            "wishes": profile.wishes.model_copy(
                update={"occupations": [coded.text, gp.text], "coded": [coded, gp]}
            )
        }
    )
    assert _step_texts(_run(both), "recognition")[0].startswith("Start de erkenningsroute")


def test_the_intake_and_the_batch_name_the_ontheffing() -> None:
    """The status ``exempt`` holds an ontheffing and a vrijstelling: the intake's choice says both (a
    caseworker with a released client found only 'Vrijgesteld'), and a batch cell 'ontheven' or 'ontheffing'
    reads as it."""
    questionnaire = (REPO / "data" / "intake" / "questionnaire.yaml").read_text("utf-8")
    assert "Ontheven of vrijgesteld van inburgering" in questionnaire
    mapping = yamlio.loads((REPO / "data" / "batch" / "default_mapping.yaml").read_text("utf-8"))
    values = mapping["fields"]["languages.inburgering"]["values"]
    assert {values[k] for k in ("ontheven", "ontheffing", "vrijgesteld", "vrijstelling")} == {"exempt"}
