"""Advice rules from the twenty-fourth expert review (docs/advice.md, "Twenty-fourth expert review"): a
teacher college's "grade 14" diploma read as the 12th grade certificate; zij-instroom named for the pabo
without its degree; Dutch papers held as certificates (the SVPB's Beveiliger 2, a BIG registration) sent to
the recognition route; the Z-route's lessons after an ontheffing; an ISK to "finish" at 20; an hbo work level
above IDW's evaluation said as open without a word; a tram operator's own course called a BBL, and a lorry
driver with his Dutch papers sent towards it."""

from __future__ import annotations

import pytest

from skilltool import yamlio
from skilltool.diploma_names import grade_numbers
from skilltool.diplomas import lookup
from skilltool.models import say
from tests.test_personas import _ref
from tests.test_personas import persona as _persona
from tests.test_personas import run_suggest as _run
from tests.test_personas import step_texts as _step_texts

from .conftest import REPO

TEACHER = "afghan_34_teacher_college_grade14_wants_basisschool"
GUARD = "somali_32_beveiliger2_certificate_shop_security"
NURSE = "syrian_38_nurse_in_the_big_register_works_as_helper"
EXEMPT = "syrian_46_ontheffing_taaleis_home_nursery_wants_kinderopvang"
ISK = "syrian_20_left_isk_wants_work_now_onderwijsroute"
ENGINEER = "syrian_33_institute_diploma_idw_mbo4_calls_himself_engineer"
LORRY = "syrian_47_dutch_c_code95_wants_distribution"  # twenty-third review
BUS = "syrian_45_dutch_c_code95_wants_bus"
TRAM = "turkish_45_taught_geography_wants_tram"  # seventeenth review: wishes the tram
BUS_WISH = "somali_cleaner_wishes_bus_driving"  # a bus: code 95's exams, not the operator's course


def _actions(name: str) -> list[str]:
    return [n.action for n in _run(_persona(name)).next_steps]


def test_a_school_year_named_by_number_is_that_year() -> None:
    """'grade 14' is two years after the 12th grade certificate: it no longer matches the Afghan 12th grade
    entry (it did at 78), the names keep their numbers, and the IDW step takes it for the highest diploma."""
    assert grade_numbers("12th Grade Graduation Certificate") == {12}
    assert grade_numbers("Teacher Training College (grade 14)") == {14}
    assert grade_numbers("Bachelor of Education") == frozenset()
    table = _ref().diplomas
    found = lookup(table, country="AF", text="Teacher Training College (grade 14)").matches
    assert all(m.entry_id != "af-12th-grade" for m in found)
    assert lookup(table, country="AF", text="12th grade").matches[0].entry_id == "af-12th-grade"
    text, why = _step_texts(_run(_persona(TEACHER)), "diploma_evaluation")
    assert "Teacher Training College" in text and "hetzelfde niveau" not in why


def test_zij_instroom_for_the_pabo_asks_a_degree() -> None:
    """Zij-instroom takes an hbo or wo degree (rijksoverheid.nl, "Hoe word ik zij-instromer in het
    onderwijs?"): the primary teacher's route names it with the degree, in both languages."""
    data = yamlio.loads((REPO / "data" / "regulated_nl.yaml").read_text("utf-8"))
    po = next(p for p in data["professions"] if p["id"] == "leraar_po")
    assert "met een hbo- of wo-diploma als zij-instromer" in po["route"]["nl"]
    assert "with an hbo or wo degree as a career changer" in po["route"]["en"]
    assert "rijksoverheid-zij-instroom" in po["sources"]


def test_a_beveiliger_certificate_is_the_dutch_diploma() -> None:
    """The SVPB's diploma Beveiliger, listed among the certificates, is what the Wpbr asks: no recognition
    route, no EVC towards the guard's work, apply. Without it the recognition route is back."""
    result = _run(_persona(GUARD))
    text, _ = _step_texts(result, "recognition")
    assert "geen erkenning nodig" in text and "Beveiliger 2" in text
    assert "evc" not in [n.action for n in result.next_steps]
    assert "Solliciteer als" in _step_texts(result, "work_experience")[0]
    without = _persona(GUARD).model_copy(update={"certificates": ["BHV"]})
    assert _step_texts(_run(without), "recognition")[0].startswith("Haal de Nederlandse papieren")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_big_registration_leaves_nothing_to_register(lang: str) -> None:
    """A nurse registered in the BIG register is neither sent to the CIBG's route for a diploma from outside
    the EU nor told to apply for a registration: check it and keep it valid. A certificate without the word
    BIG, or naming no profession, is no registration."""
    result = _run(_persona(NURSE), lang)
    text, _ = _step_texts(result, "recognition", lang)
    assert (
        "staat al in het BIG-register" if lang == "nl" else "registered in the BIG register already"
    ) in text
    assert ("buiten de EU" if lang == "nl" else "outside the EU") not in text
    gaps = " | ".join(g.render(lang) for s in result.own_trade for g in s.gaps)
    assert (
        "al ingeschreven in het BIG-register" if lang == "nl" else "registered in the BIG register already"
    ) in gaps
    for other in (["registratie verpleegkundige"], ["BIG-registratie"], ["bigger nursing course"]):
        profile = _persona(NURSE).model_copy(update={"certificates": other})
        assert "staat al in het BIG-register" not in _step_texts(_run(profile), "recognition")[0], other


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_ontheffing_ends_the_z_routes_lessons(lang: str) -> None:
    """The Z-route's 800 hours of lessons belong to the integration duty: with an ontheffing (exempt) or the
    integration finished the language step names the municipality's offer, no exam; still obliged, the
    Z-route's lessons."""
    text, _ = _step_texts(_run(_persona(EXEMPT), lang), "language", lang)
    assert "800" not in text and ("geen examen" if lang == "nl" else "no exam") in text
    profile = _persona(EXEMPT)
    for status, lessons in (("finished", False), ("obliged", True)):
        dutch = profile.dutch.model_copy(update={"inburgering": status})
        text, _ = _step_texts(_run(profile.model_copy(update={"dutch": dutch}), lang), "language", lang)
        assert ("800" in text) == lessons, status


def test_an_isk_past_18_is_no_programme_to_finish() -> None:
    """An ISK is school for newcomers of 12 to 18 and gives no diploma: a man of 20 who left it is not told to
    finish it; the onderwijsroute's step comes first. Another unfinished Dutch programme keeps its step."""
    result = _run(_persona(ISK))
    text, _ = _step_texts(result, "education")
    assert result.next_steps[0].action == "education"
    assert "onderwijsroute" in text and "Maak de lopende" not in text
    profile = _persona(ISK)
    mbo = [e.model_copy(update={"qualification": "mbo-2 Logistiek medewerker"}) if e.country == "NL" else e
           for e in profile.education]  # fmt: skip
    text, _ = _step_texts(_run(profile.model_copy(update={"education": mbo})), "education")
    assert "Maak de lopende" in text


def test_hbo_work_above_idws_evaluation_asks_an_evc() -> None:
    """IDW evaluated the institute diploma at NLQF 4, and the engineer's hbo level rests on his years of work:
    an EVC at hbo level makes it visible (it said "kan op korte termijn" and nothing else). With an
    evaluation at bachelor level there is no such step."""
    result = _run(_persona(ENGINEER))
    text, why = _step_texts(result, "evc")
    assert "op hbo-niveau" in text and "NLQF 4" in why
    actions = [n.action for n in result.next_steps]
    assert actions.index("evc") < actions.index("work_experience")
    profile = _persona(ENGINEER)
    bachelor = [e.model_copy(update={"idw_nlqf": 6}) for e in profile.education]
    assert "evc" not in [
        n.action for n in _run(profile.model_copy(update={"education": bachelor})).next_steps
    ]


def test_held_dutch_papers_leave_no_detour_and_no_bus_without_d() -> None:
    """A driver with a Dutch C and code 95 is not sent to the tram (his own work is open), and a bus, which
    asks licence D, does not read "geen erkenning nodig" beside the licence it lacks."""
    assert "dual_route" not in _actions(LORRY)
    for name in (LORRY, BUS):
        bus = [s for s in _run(_persona(name)).suggestions if s.isco == "8331" and s.regulated]
        assert bus, name
        for s in bus:
            gaps = " | ".join(g.render("nl") for g in s.gaps)
            assert "rijbewijs D" in gaps and "geen erkenning nodig" not in gaps


def test_the_tram_is_the_operators_course_not_a_bbl() -> None:
    """Tram drivers are trained by the operator (training_first_isco): the learn-work step names the
    employer's selection and course, not a BBL; a bus keeps code 95's training and exams."""
    text, _ = _step_texts(_run(_persona(TRAM)), "dual_route")
    assert "werkgever die zelf opleidt" in text and "(BBL) richting" not in text
    text, _ = _step_texts(_run(_persona(BUS_WISH)), "dual_route")
    assert "examen" in text and "zelf opleidt" not in text
    en = next(say(n.text, "en") for n in _run(_persona(TRAM), "en").next_steps if n.action == "dual_route")
    assert "trains its own staff" in en


def test_no_placement_in_driving_work_without_a_valid_licence() -> None:
    """No placement skips a driving licence: the Iraqi of 61 whose licence waits for the CBR's exams was
    placed as a private chauffeur (interim work of his taxi's field); he now shadows taxi work until its
    route is done, and the driver of vans with an Afghan licence is placed in work without driving."""
    taxi_result = _run(_persona("iraqi_61_drove_taxis_baghdad_iraqi_licence"))
    taxi, _ = _step_texts(taxi_result, "work_experience")
    driving = [s for s in taxi_result.suggestions if s.isco[:4] == "8322" and s.route == "dual"]
    assert driving and not [s for s in driving if s.label in taxi]  # shadowing the taxi, no placement driving
    assert "meeloopstage" in taxi
    result = _run(_persona("afghan_35_kabul_driver_of_vans_afghan_licence_wants_parcels"))
    van, _ = _step_texts(result, "work_experience")
    placed = [s for s in result.suggestions if s.label in van]
    assert placed and all(not s.isco.startswith("83") for s in placed)
