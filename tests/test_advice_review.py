"""Advice rules from an expert's review (docs/advice.md): ISCO-08's residual groups are no related
work; the language step follows the integration route and the level aimed at; the diploma
evaluation's reason does not tie a recognised profession to IDW."""

from __future__ import annotations

from skilltool import profile_files, suggest
from skilltool.models import IscoGroup, say
from skilltool.suggest_fit import residual_groups
from skilltool.suggest_language import language_key as _language_key
from tests.test_personas import PERSONAS, _ref


def _group(code: str, en: str) -> IscoGroup:
    return IscoGroup.model_validate({"code": code, "label": {"nl": en, "en": en}})


def test_residual_groups_are_the_other_and_nec_groups() -> None:
    """ "Other ..." minor groups and "... not elsewhere classified" unit groups are residual; a
    named group, and a major or sub-major group that starts with "Other", are not."""
    groups = [
        _group("22", "Health professionals"),
        _group("226", "Other health professionals"),
        _group("2261", "Dentists"),
        _group("2269", "Health professionals not elsewhere classified"),
        _group("263", "Social and religious professionals"),
        _group("96", "Other elementary occupations"),
    ]
    assert residual_groups(groups) == frozenset({"226", "2269"})


def test_language_step_names_the_state_exams_only_for_b1_and_up() -> None:
    """The NT2 state exams start at B1 and stop at B2: an A1 or A2 aim gets the integration
    route's lessons, a C1 aim a route beyond the exams."""
    assert _language_key("A2") == "s_language_basic"
    assert _language_key("A1") == "s_language_basic"
    assert _language_key("B1") == "s_language"
    assert _language_key("B2") == "s_language"
    assert _language_key("C1") == "s_language_c"  # the state exams stop at B2


def test_idw_reason_of_a_recognised_profession_names_its_route() -> None:
    """A nurse's first at-level job is nursing (BIG): the IDW step's reason says the recognition
    route decides what the diploma counts for, not that nursing depends on the IDW evaluation."""
    profile = profile_files.read_profile(PERSONAS / "iranian_nurse.json")
    result = suggest.suggest(profile, ref=_ref(), top=5, lang="en")
    step = next(n for n in result.next_steps if n.action == "diploma_evaluation")
    reason = say(step.reason, "en")
    assert "recognition route (CIBG" in reason, reason
    assert "depend on it" not in reason


def _actions(profile: object) -> list[str]:
    result = suggest.suggest(profile, ref=_ref(), top=5, lang="en")  # type: ignore[arg-type]
    return [n.action for n in result.next_steps]


def test_a_foreign_licence_is_not_the_first_step_for_work_without_driving() -> None:
    """A cook with a licence from outside the EU: the exchange/exam step comes after the
    work-experience step (useful, not first); for a driver it comes before the language step."""
    cook = profile_files.read_profile(PERSONAS / "syrian_cook.json")
    cook = cook.model_copy(update={"driving_licences": ["B"], "driving_licence_country": "SY"})
    actions = _actions(cook)
    assert actions.index("driving_licence") > actions.index("work_experience"), actions
    driver = profile_files.read_profile(PERSONAS / "yemeni_driver_of_lorries.json")
    driver = driver.model_copy(update={"driving_licence_country": "YE"})
    actions = _actions(driver)
    assert actions.index("driving_licence") < actions.index("language"), actions


def test_an_unrecorded_dutch_level_is_said_in_words_not_question_marks() -> None:
    """Regression: with the Dutch level unknown and nothing suggested, the language step's reason
    read "needs Dutch ?; now ?."."""
    profile = profile_files.read_profile(PERSONAS / "eritrean_no_work_no_dutch.json")
    assert profile.dutch.cefr is None and not profile.work
    result = suggest.suggest(profile, ref=_ref(), lang="en")
    step = next(n for n in result.next_steps if n.action == "language")
    for lang in ("nl", "en"):
        reason = say(step.reason, lang)
        assert "?" not in reason and "B1" in reason, reason


def test_missing_skills_shown_name_what_makes_the_job_first() -> None:
    """The few missing skills shown start with the occupation's distinctive ones (essential to
    few occupations): "support nurses" before "inform policy makers on health-related challenges"."""
    index = _ref().suggest_index
    profile = profile_files.read_profile(PERSONAS / "somali_woman_care_experience.json")
    result = suggest.suggest(profile, ref=_ref(), lang="en")
    checked = 0
    for s in result.suggestions:
        c = index.cands[index.by_uri[s.uri]]
        core = {index.skill_labels[sid][1] for sid in c.distinctive}
        flags = [label in core for label in s.missing_skills]
        assert flags == sorted(flags, reverse=True), (s.label, s.missing_skills)
        checked += any(flags)
    assert checked >= 2


def test_no_placement_in_the_own_regulated_profession_before_recognition() -> None:
    """A midwife awaiting BIG recognition may not practise, not in a work-experience place either:
    with nothing else open to her (her interim work, maternity support, left out of a top 1 since the
    seventh review made it interim work) the placement step proposes a shadowing placement
    (meeloopstage) there, never "a work-experience place as midwife"; with a job open now (for a nurse,
    the assisting work of ISCO 5321), that job is the placement."""
    midwife = profile_files.read_profile(PERSONAS / "iraqi_midwife.json")
    result = suggest.suggest(midwife, ref=_ref(), top=1, lang="en")
    assert all(s.route == "recognition_first" for s in result.suggestions)
    step = next(n for n in result.next_steps if n.action == "work_experience")
    text, reason = say(step.text, "en"), say(step.reason, "en")
    assert "shadowing placement (meeloopstage)" in text and "not practising" in text, text
    assert "regulated profession" in reason and "work-experience place or trial" not in text
    assert "meeloopstage" in say(step.text, "nl")
    nurse = profile_files.read_profile(PERSONAS / "iranian_nurse.json")
    result = suggest.suggest(nurse, ref=_ref(), top=5, lang="en")
    step = next(n for n in result.next_steps if n.action == "work_experience")
    placed = next(s for s in result.suggestions if s.route != "recognition_first")
    assert "meeloopstage" not in say(step.text, "en")
    assert placed.label in say(step.text, "en")


def test_a_doctor_gets_interim_work_in_the_field() -> None:
    """ESCO gives a doctor none of a doctor's assistant's skills and ISCO puts them in different
    groups (2211, 3256), so nothing tied them: regulated_nl.yaml's ``interim_esco_en`` makes the
    assistant's job fit as interim work while the BIG route runs, with its own fit text, a
    learn-work route, and the placement step there instead of a shadowing placement."""
    doctor = profile_files.read_profile(PERSONAS / "syrian_doctor.json")
    result = suggest.suggest(doctor, ref=_ref(), top=5, lang="en")
    interim = next(s for s in result.suggestions if s.isco == "3256")
    assert interim.route == "dual"
    assert any("interim work in the field of medical doctor" in say(t, "en") for t in interim.fit)
    step = next(n for n in result.next_steps if n.action == "work_experience")
    assert interim.label in say(step.text, "en") and "meeloopstage" not in say(step.text, "en")


def test_police_and_fire_service_start_with_their_own_training() -> None:
    """A security guard shares ISCO minor group 541 with police officers and firefighters, which
    made them direct starts; both are entered only through the service's training (Politieacademie,
    the fire service's diploma): ``routes.training_first_isco`` makes them learn-work, never direct."""
    from skilltool.suggest_person import person_of
    from skilltool.suggest_scoring import route_for

    index = _ref().suggest_index
    guard = person_of(profile_files.read_profile(PERSONAS / "eritrean_guard_at_offices.json"), index, "en")
    for isco in ("5412", "5411"):
        c = next(c for c in index.cands if c.isco == isco)
        route, why = route_for(index, guard, c, 0)
        assert route == "dual" and "what_qualification" in why, (isco, route, why)
    door = next(c for c in index.cands if c.isco == "5414" and c.regulated is None)
    assert route_for(index, guard, door, 0)[0] == "direct"  # a neighbour without such training


def test_a_regulated_interim_job_with_a_learn_work_route_is_open() -> None:
    """A pharmacist's interim job (3213, assisting in a pharmacy) is a regulated title itself
    (Wet BIG art. 34) with a learn-work route: open as interim work (another regulated profession is otherwise
    only a wish), on a learn-work route, and the placement there rather than in work that fits on
    skills alone."""
    pharmacist = profile_files.read_profile(PERSONAS / "syrian_pharmacist.json")
    result = suggest.suggest(pharmacist, ref=_ref(), top=5, lang="en")
    interim = next(s for s in result.suggestions if s.isco == "3213")
    assert interim.route == "dual" and interim.regulated
    step = next(n for n in result.next_steps if n.action == "work_experience")
    assert interim.label in say(step.text, "en")


def test_interim_work_keeps_its_place_in_a_full_unit_group_and_gets_the_placement() -> None:
    """A vet fits two other jobs of animal care's unit group (5164) on skills; the cap of
    two a unit group left the interim job out. It takes the place of the group's lower-ranked other
    member, and the placement goes there rather than to a direct start that fits on skills alone."""
    vet = profile_files.read_profile(PERSONAS / "syrian_veterinarian.json")
    result = suggest.suggest(vet, ref=_ref(), top=10, lang="en")
    unit = [s for s in result.suggestions if s.isco == "5164"]
    assert len(unit) == 2
    interim = next(s for s in unit if any("interim work" in say(t, "en") for t in s.fit))
    step = next(n for n in result.next_steps if n.action == "work_experience")
    assert interim.label in say(step.text, "en")
    assert all(s.label not in say(step.text, "en") for s in unit if s is not interim)


# --- expert review of 2026-12-05 (ten new personas) -----------------------------------------------


def test_a_plan_without_work_experience_loads_again() -> None:
    """Regression: for someone without work experience the placement step's reason was built with a
    parameter its text does not take, so the profile ``intake`` wrote could not be read again
    ("next_steps.5.reason: ... takes the parameters -, not job")."""
    from skilltool.models import NextStep, Profile

    profile = profile_files.read_profile(PERSONAS / "afghan_young_no_work_wants_ict.json")
    assert not profile.work and profile.wishes.occupations
    result = suggest.suggest(profile, ref=_ref(), top=5, lang="en")
    assert "work_experience" in [n.action for n in result.next_steps]
    for step in result.next_steps:
        NextStep.model_validate(step.model_dump(mode="json"))
    stored = profile.model_copy(update={"next_steps": result.next_steps})
    Profile.model_validate_json(stored.model_dump_json())


def test_no_evc_step_without_work_or_skills_to_recognise() -> None:
    """EVC assesses what someone learned in work: a school leaver without papers, work or recorded
    skills gets IDW's indicatie onderwijsniveau, not an EVC procedure; with a coded job recorded, EVC is
    back (towards work that fits by that job: an uncoded one gives no aim, twenty-third review)."""
    from skilltool.models import WorkExperience
    from skilltool.models.profile import OccupationCode

    young = profile_files.read_profile(PERSONAS / "afghan_young_no_work_wants_ict.json")
    actions = _actions(young)
    assert "evc" not in actions and "diploma_evaluation" in actions, actions
    shop = OccupationCode(
        uri="http://data.europa.eu/esco/occupation/9ba74e8a-c40c-4228-9998-eb3c7a5c11df",
        isco="5223",
        label="shop work",
        score=100.0,
    )
    worked = young.model_copy(update={"work": [WorkExperience(title="shop help", years=2, coded=shop)]})
    assert "evc" in _actions(worked)


def test_idw_reason_without_a_table_comparison_says_the_level_is_unknown() -> None:
    """A diploma the table has no entry for (a Yemeni bachelor): the IDW step's reason no longer says
    the level is "only an indication from the diploma table" (the level is a work level there); a
    diploma with an entry keeps that reason."""
    engineer = profile_files.read_profile(PERSONAS / "yemeni_mechanical_engineer_docs_unknown.json")
    assert engineer.education[0].indication is None
    result = suggest.suggest(engineer, ref=_ref(), top=5, lang="en")
    reason = say(next(n for n in result.next_steps if n.action == "diploma_evaluation").reason, "en")
    assert "no comparison for this diploma" in reason and "indication from the diploma table" not in reason
    compared = profile_files.read_profile(PERSONAS / "turkish_journalist.json")
    assert compared.education[0].indication is not None
    result = suggest.suggest(compared, ref=_ref(), top=5, lang="en")
    reason = say(next(n for n in result.next_steps if n.action == "diploma_evaluation").reason, "en")
    assert "indication from the diploma table" in reason


def test_a_two_year_diploma_does_not_match_a_five_year_degree() -> None:
    """A two-year intermediate-institute diploma matched Syria's five-year professional bachelor of
    the same field on the field's name and got NLQF 6. A finished programme less than half as long as an
    entry's typical duration is not that entry's diploma; without the years, or unfinished, the name
    decides as before."""
    from skilltool.diploma_names import min_years
    from skilltool.diplomas import lookup
    from skilltool.models.diplomas import LookupContext

    assert [min_years(t) for t in ("5 years", "2-3 years", "3 or 4 years", "usually 4 years")] == [5, 2, 3, 4]
    assert min_years("at most 1 year") is None and min_years(None) is None
    table = _ref().diplomas
    text = "Intermediate Institute diploma, pharmacy"

    def ids(**ctx: object) -> list[str]:
        found = lookup(table, country="SY", text=text, context=LookupContext.model_validate(ctx))
        return [m.entry_id for m in found.matches]

    assert "sy-bachelor-5yr-professional" in ids()
    assert "sy-bachelor-5yr-professional" not in ids(years=2, completed=True)
    assert "sy-bachelor-5yr-professional" in ids(years=2, completed=False)  # the programme, not finished
    assert "sy-bachelor-5yr-professional" in ids(years=5, completed=True)


def test_an_associate_professionals_minor_group_needs_the_jobs_own_skills() -> None:
    """ISCO minor groups of associate professionals (skill level 3) mix work that needs its own
    training (321: from 3213 to 3211 or 3214): past work there fits another unit
    group only with some of its distinctive skills, as for professionals; below level 3 it stays fit."""
    from skilltool.suggest_fit import minor_group_ok

    rule = _ref().suggest_weights.routes.fit
    assert not minor_group_ok(rule, skill_level=3, essential_held=7, distinctive=5, held_distinctive=0)
    assert minor_group_ok(rule, skill_level=3, essential_held=7, distinctive=5, held_distinctive=2)
    assert minor_group_ok(rule, skill_level=2, essential_held=0, distinctive=5, held_distinctive=0)
    assistant = profile_files.read_profile(PERSONAS / "syrian_pharmacy_assistant_partial_docs.json")
    result = suggest.suggest(assistant, ref=_ref(), top=10, lang="en")
    assert not [s.label for s in result.suggestions if s.isco[:3] == "321" and s.isco != "3213"]


def test_a_profession_is_no_direct_start_on_a_shared_block_of_skills() -> None:
    """Past work in ISCO 2631 held three quarters of the essential skills of a 2511 occupation (the
    research block) but 2 of its 10 distinctive ones, and it was a direct start at level. Entering a
    profession (skill level 4) on skills now also takes three quarters of its distinctive skills;
    without them the route is a learn-work one with the qualification named."""
    from skilltool.suggest_person import person_of
    from skilltool.suggest_scoring import route_for

    index = _ref().suggest_index
    profile = profile_files.read_profile(PERSONAS / "ukrainian_economist_temporary_protection.json")
    p = person_of(profile, index, "en")
    c = index.cands[
        index.by_uri["http://data.europa.eu/esco/occupation/e3229e40-f571-4b26-baca-29edc8fe313e"]
    ]
    assert c.isco == "2511"
    held = sum(1 for s in c.essential if s in p.skills)
    assert held >= 0.75 * len(c.essential)  # the old rule's entry on skills
    route, why = route_for(index, p, c, held)
    assert route == "dual" and "what_qualification" in why, (route, why)
    result = suggest.suggest(profile, ref=_ref(), top=10, lang="en")
    assert not [s.label for s in result.suggestions if s.isco in ("2511", "2632") and s.route == "direct"]


def test_an_empty_direct_slot_names_an_hbo_qualification_for_professional_work() -> None:
    """Nothing could start directly because an hbo/wo qualification is missing (ISCO 25 work for a
    school leaver): the empty slot said "a vocational qualification", the mbo word, while the gaps
    and the plan say hbo/wo."""
    young = profile_files.read_profile(PERSONAS / "afghan_young_no_work_wants_ict.json")
    result = suggest.suggest(young, ref=_ref(), top=5, lang="en")
    slot = next(e for e in result.empty_slots if e.slot == "direct")
    assert "hbo/wo qualification" in slot.reason and "vocational" not in slot.reason, slot.reason


def test_informal_work_sets_no_level_above_a_skill_level_2_job() -> None:
    """Four years of informal interpreting (ISCO 2643, no contract) with primary school unfinished
    were shown as NLQF 6, a bachelor's level, and the EVC step was one "at hbo level". Informal or
    volunteer work sets a work level of at most NLQF 2 (``level.informal_work_max_nlqf``); the same
    years employed still set the professional's level."""
    from skilltool.suggest_person import person_of

    index = _ref().suggest_index
    profile = profile_files.read_profile(PERSONAS / "somali_four_languages_interpreting.json")
    assert person_of(profile, index, "en").level == 2
    employed = profile.model_copy(update={"work": [profile.work[0].model_copy(update={"kind": "employed"})]})
    assert person_of(employed, index, "en").level == 6
    result = suggest.suggest(profile, ref=_ref(), top=5, lang="en")
    evc = next(n for n in result.next_steps if n.action == "evc")
    assert "hbo level" not in say(evc.text, "en"), say(evc.text, "en")


def test_an_exam_route_is_not_held_up_by_missing_papers() -> None:
    """The route of ISCO 8332 work (CBR exams and code 95) assesses no foreign papers, yet the recognition
    step said "First: EVC (the recognition procedure asks for documents)". Professions whose route is
    Dutch exams (``by_exam`` in regulated_nl.yaml) are started at once; a BIG route still waits."""
    c_ce = profile_files.read_profile(PERSONAS / "iraqi_c_ce_licence_58.json")
    step = next(
        n for n in suggest.suggest(c_ce, ref=_ref(), lang="en").next_steps if n.action == "recognition"
    )
    assert "CBR" in say(step.text, "en") and "First:" not in say(step.text, "en"), say(step.text, "en")
    big = profile_files.read_profile(PERSONAS / "afghan_md_big_b1.json")  # ISCO 2211, papers missing
    big = big.model_copy(
        update={"education": [e.model_copy(update={"documents": "no"}) for e in big.education]}
    )
    step = next(
        n for n in suggest.suggest(big, ref=_ref(), lang="en").next_steps if n.action == "recognition"
    )
    assert "First:" in say(step.text, "en")
    exam = [p for p in _ref().regulated_nl.professions if p.by_exam]
    # code 95, taxi, security; since the fifth review the seafarer's certificate (Dutch courses), since the
    # eighth the rijinstructeur's WRM certificate (IBKI's exams), since the ninth the boa (the boa exam),
    # since the tenth the operator of a crane (TCVT), the train driver (VVRV), the Wft adviser, the CO
    # technician, since the eleventh the asbestos removal worker (DAV), since the twelfth the F-gas
    # technician and the slaughterer (certificate of competence), since the eighteenth the inland matroos
    # (SAB's certificate of qualification)
    assert len(exam) == 14 and "8332" in {code for p in exam for code in p.isco}


def test_no_evc_step_without_a_job_to_aim_at() -> None:
    """Skills from home (cooking, cleaning, sewing) and no papers, but no occupation fits: the EVC
    step read "EVC ... towards -". EVC works towards a qualification; with no job in view, no step."""
    mother = profile_files.read_profile(PERSONAS / "eritrean_mother_school_hours.json")
    result = suggest.suggest(mother, ref=_ref(), lang="en")
    assert not result.suggestions and not result.own_trade
    assert "evc" not in [n.action for n in result.next_steps]
    assert not any(" -." in say(n.text, "en") for n in result.next_steps)


def test_a_placement_waits_for_the_talk_about_suitable_work() -> None:
    """Health limits work: the first step said "the suggestions and steps assume work the person can
    do", which the tool cannot know (the intake records no details), and someone in ISCO 7112 with
    back problems was placed in that work "soon". The health step now says the suggestions do not know
    the limits, and the placement is only in work that talk finds fitting."""
    mason = profile_files.read_profile(PERSONAS / "turkish_mason_back_problems.json")
    steps = {n.action: n for n in suggest.suggest(mason, ref=_ref(), lang="en").next_steps}
    assert "do not take this into account" in say(steps["health"].reason, "en")
    assert "talk about suitable work" in say(steps["work_experience"].text, "en")
    other = profile_files.read_profile(PERSONAS / "syrian_haccp_a2.json")  # health not limiting
    plain = {n.action: n for n in suggest.suggest(other, ref=_ref(), lang="en").next_steps}
    assert "talk about suitable work" not in say(plain["work_experience"].text, "en")
