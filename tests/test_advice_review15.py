"""Advice rules from the fifteenth expert review (docs/advice.md, "Fifteenth expert review"): a
manager's job nobody wished was the placement and the learn-work step; within school the placement
named a side job instead of the wished trade; a teacher's plan had a second DUO route for work she
neither did nor wished; the care step spoke of childcare only; a caterer from home was told a
restaurant's permits; the VCA note did not say the exam can be read aloud."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from skilltool.cli import app
from skilltool.models import say
from skilltool.suggest_person import person_of
from skilltool.suggest_placement import unwished_manager
from tests.test_personas import PERSONAS, _ref
from tests.test_personas import persona as _persona
from tests.test_personas import run_suggest as _run
from tests.test_personas import step_texts as _step
from tests.test_personas import steps as _steps

PRINCIPAL = "syrian_59_led_a_secondary_school_taught_arabic_a2"
BANK = "iraqi_47_ran_a_bank_branch_wife_works"
OWN_LORRIES = "srilankan_49_own_lorries_wants_transport_firm"  # fourteenth review
ENTREE = "eritrean_19_entree_diploma_wants_heating_bbl"
CHILDCARE = "afghan_18_onderwijsroute_minded_siblings_wants_childcare"
TAILOR = "somali_44_market_tailor_cares_for_mother_16h_z_route"
CATERING = "sudanese_39_cooked_for_weddings_at_home_wants_own_business"  # fourteenth review


def test_a_managers_job_nobody_wished_is_no_placement_or_learn_work_step() -> None:
    """A school principal of 59 at A2 had his placement and an hbo learn-work route as a school's
    director, the man who ran a bank's branch a route as bank director, the transport owner of the
    fourteenth review a placement as manager wegtransport. Management is reached through work in
    the field: neither step names a manager's job (ISCO major group 1) nobody wished; the own trade
    still shows it."""
    for name, manager in (
        (PRINCIPAL, "directeur"),
        (BANK, "bankdirecteur"),
        (OWN_LORRIES, "manager wegtransport"),
    ):
        result = _run(_persona(name))
        steps = {n.action: say(n.text, "nl") for n in result.next_steps}
        assert manager not in steps.get("dual_route", ""), (name, steps.get("dual_route"))
        assert manager not in steps.get("work_experience", ""), (name, steps.get("work_experience"))
        assert any(s.isco.startswith("1") for s in result.own_trade), name


@pytest.mark.parametrize(
    ("isco", "wished", "expected"),
    [
        ("1345", False, True),  # a school's director nobody wished
        ("1345", True, False),  # a wished manager's job stays open to the steps
        ("2330", False, False),  # a teacher is no manager
    ],
)
def test_unwished_manager(isco: str, wished: bool, expected: bool) -> None:
    """Only ISCO major group 1, and only when the person did not wish it."""
    index = _ref().suggest_index
    profile = _persona(PRINCIPAL)
    s = next(o for o in _run(profile).own_trade if o.isco == isco)
    ci = index.by_uri[s.uri]
    person = person_of(profile, index, "nl")
    person.wish_cands = {*person.wish_cands, ci} if wished else person.wish_cands - {ci}
    assert unwished_manager(index, person, s) is expected


def test_within_school_the_placement_is_the_wished_trades_workplace() -> None:
    """On the onderwijsroute an entree graduate who wished heating work had his BBL workplace named
    as a shelf stacker's, his side job; a young woman who wished childcare, as a teaching
    assistant's. The workplace within school is the wished trade of the learn-work step; a regulated
    wish without a learn-work route (a pharmacist's) is no student's workplace."""
    heating = _steps(ENTREE)["work_experience"]
    assert "verwarmingsmonteur" in heating and "schappenvuller" not in heating, heating
    care = _steps(CHILDCARE)["work_experience"]
    assert "medewerker kinderdagverblijf" in care and "onderwijsassistent" not in care, care
    assert "BBL workplace" in _steps(ENTREE, "en")["work_experience"]
    pharmacy = _steps("syrian_22_unfinished_pharmacy_studies")["work_experience"]
    assert "apotheker" not in pharmacy, pharmacy


def test_a_second_recognition_step_comes_from_the_own_trade() -> None:
    """Teachers' plans had a second DUO route, for mbo teaching (ESCO's vakdocent beroepsonderwijs,
    counted through `related_isco`), which they neither did nor wished. After the own trade's step a
    second comes from the own trade only; a teacher the coder read as a lecturer, with no regulated
    own trade, keeps both routes the suggestions carry."""
    for name in (PRINCIPAL, "turkish_teacher", "pakistani_38_taught_lower_grades_ba_bed"):
        result = _run(_persona(name))
        routes = [say(n.text, "nl") for n in result.next_steps if n.action == "recognition"]
        assert len(routes) == 1 and "docent mbo" not in routes[0], (name, routes)
    lecturer = _run(_persona("afghan_teacher_coded_lecturer"))
    assert sum(n.action == "recognition" for n in lecturer.next_steps) == 2


def test_the_care_step_names_support_for_a_relative_not_childcare_only() -> None:
    """A tailor who cares for her mother at home was told to arrange childcare. The care step names
    childcare for children and the municipality's Wmo support (day care, respite care) for a
    relative; the report without ``--include-sensitive`` shows neither the step nor the note."""
    text, _ = _step(_run(_persona(TAILOR)), "care")
    assert "kinderopvang" in text and "Wmo-loket" in text and "respijtzorg" in text, text
    en, _ = _step(_run(_persona(TAILOR), "en"), "care", "en")
    assert "Wmo desk" in en and "respite care" in en, en
    banned = ("dementie", "dementia", "wmo", "respijtzorg", "respite", "echtgenote", "catharina")
    for name in (TAILOR, BANK):
        for lang in ("nl", "en"):
            r = CliRunner().invoke(
                app, ["report", str(PERSONAS / f"{name}.json"), "--format", "md", "--lang", lang]
            )
            assert r.exit_code == 0, r.output
            low = r.output.lower()
            assert not [w for w in banned if w in low], (name, lang)


def test_a_caterer_from_home_is_not_told_a_restaurants_permits() -> None:
    """The home caterer's own-business step named the exploitatievergunning with a Bibob check and the
    Verklaring Sociale Hygiëne, written for a restaurant. Food made at home: NVWA registration, a
    hygiene code and the municipality's word on a business at home (KVK; NVWA); a restaurant owner
    keeps the restaurant's permits."""
    text, _ = _step(_run(_persona(CATERING)), "entrepreneurship")
    assert "NVWA" in text and "omgevingsplan" in text and "Bibob" not in text, text
    en, _ = _step(_run(_persona(CATERING), "en"), "entrepreneurship", "en")
    assert "NVWA" in en and "from home" in en, en
    grill, _ = _step(_run(_persona("syrian_grill_restaurant_owner_wants_own_place")), "entrepreneurship")
    assert "Bibob" in grill and "NVWA" not in grill, grill


def test_the_vca_note_names_the_read_aloud_exam() -> None:
    """For someone who cannot read, the VCA note said only that the exam exists in other languages.
    B-VCA is also given as a read-aloud exam (voorleesexamen: the computer reads the questions out;
    VCA Infra); an interpreter may not read it out. No oral exam is named (none found for the
    Netherlands)."""
    _, why = _step(_run(_persona("myanmar_35_camp_shelters_never_schooled_z_route")), "certificates")
    assert "voorleesexamen" in why and "mondeling" not in why, why
    _, en = _step(
        _run(_persona("myanmar_35_camp_shelters_never_schooled_z_route"), "en"), "certificates", "en"
    )
    assert "read-aloud" in en, en
