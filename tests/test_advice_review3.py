"""Advice rules from the third expert review (docs/advice.md): a Ukrainian licence under temporary
protection counts without exchange or exams; a route of Dutch exams is not said to judge a diploma;
work coded to an ISCO group of a regulated profession still gets that profession's route."""

from __future__ import annotations

from skilltool import profile_files, suggest
from skilltool.models import Profile, say
from tests.test_personas import PERSONAS, _ref

UA_DRIVER = "ukrainian_lorry_driver_temporary_protection"


def _plan(profile: Profile, lang: str = "nl", top: int = 5) -> dict[str, tuple[str, str]]:
    result = suggest.suggest(profile, ref=_ref(), top=top, lang=lang)  # type: ignore[arg-type]
    return {n.action: (say(n.text, lang), say(n.reason, lang)) for n in result.next_steps}


def _with_status(name: str, status: str | None) -> Profile:
    profile = profile_files.read_profile(PERSONAS / f"{name}.json")
    return profile.model_copy(update={"dutch": profile.dutch.model_copy(update={"inburgering": status})})


def test_ukrainian_licence_counts_under_temporary_protection() -> None:
    """Regulation (EU) 2022/1280: a Ukrainian C/CE licence counts while its holder is under temporary
    protection, so it is no gap and the plan sends him to no CBR exam (with that status the CBR
    issues no Dutch licence at all); code 95 stays a gap, with the short training and test."""
    profile = _with_status(UA_DRIVER, "temporary_protection")
    result = suggest.suggest(profile, ref=_ref(), top=5, lang="en")
    lorry = next(s for s in result.own_trade if s.isco == "8332")
    assert lorry.certificates_missing == ["code 95"], lorry.certificates_missing
    text, reason = _plan(profile, "en")["driving_licence"]
    assert "without exchange or exams" in text and "2022/1280" in text, text
    assert "short training course and a test" in text, text
    assert "theory and practical exams at the CBR" not in text
    assert "temporary protection" in reason


def test_ukrainian_licence_without_temporary_protection_needs_the_exams() -> None:
    """A Ukrainian who holds an asylum permit (obliged to integrate) has no temporary protection:
    the licence does not count and the plan names the CBR exams; when the status is not known,
    the plan asks for it before sending anyone to an exam."""
    text, _ = _plan(_with_status(UA_DRIVER, "obliged"), "en")["driving_licence"]
    assert "theory and practical exams at the CBR" in text and "2022/1280" not in text, text
    text, _ = _plan(_with_status(UA_DRIVER, None), "en")["driving_licence"]
    assert text.startswith("Ask whether the person is under temporary protection"), text


def test_idw_reason_of_an_exam_route_says_no_diploma_counts() -> None:
    """Code 95 is Dutch exams: the IDW step's reason does not say the CBR decides what the
    person's vocational diploma is worth (it judges no diploma)."""
    _, reason = _plan(_with_status(UA_DRIVER, "temporary_protection"), "en")["diploma_evaluation"]
    assert "no diploma counts but Dutch exams" in reason, reason
    assert "decides what the diploma counts for" not in reason


def test_work_coded_to_a_regulated_isco_group_gets_the_route() -> None:
    """The intake codes 'verpleegkundige' to ISCO group 3221, which has no ESCO occupation: the
    six-year nurse got no suggestion and no step at all. The group's profession (BIG nurse) now
    gives the recognition step and its interim work (nurse assistant, 5321) as fit."""
    profile = profile_files.read_profile(PERSONAS / "somali_nurse_bachelor_not_in_table.json")
    assert profile.work[0].coded is not None and profile.work[0].coded.uri.endswith("/isco/C3221")
    result = suggest.suggest(profile, ref=_ref(), top=5, lang="en")
    steps = {n.action: say(n.text, "en") for n in result.next_steps}
    assert "certificate of competence" in steps["recognition"] and "BIG register" in steps["recognition"]
    assert any(s.isco == "5321" for s in result.suggestions)
    assert not result.own_trade  # a group is no occupation: nothing invented for it


MINOR = "syrian_17_kwalificatieplicht"


def test_under_18_school_comes_first_and_work_only_within_it() -> None:
    """Under 18 without a startkwalificatie the qualification duty applies (Leerplichtwet 1969):
    the education step comes first and says so, and the placement is an internship or BBL place
    within school, not a trial placement in a job; the route of his wish leads the dual step."""
    profile = profile_files.read_profile(PERSONAS / f"{MINOR}.json")
    result = suggest.suggest(profile, ref=_ref(), top=5, lang="en")
    actions = [n.action for n in result.next_steps]
    assert actions[0] == "education" and actions.count("education") == 1, actions
    plan = _plan(profile, "en")
    assert "qualification duty" in plan["education"][0]
    assert "within the education" in plan["work_experience"][0], plan["work_experience"]
    assert "trial placement" not in plan["work_experience"][0]
    assert "vehicle technician" in plan["dual_route"][0], plan["dual_route"]  # ISCO 7231, his wish


def test_a_dutch_startkwalificatie_or_age_18_ends_the_qualification_duty() -> None:
    """With a Dutch mbo-2 diploma, or at 18, the plan has the ordinary education step (under 28)."""
    profile = profile_files.read_profile(PERSONAS / f"{MINOR}.json")
    mbo2 = profile.education[0].model_copy(update={"country": "NL", "qualification": "mbo-2 Logistiek"})
    for changed in (
        profile.model_copy(update={"education": [mbo2]}),
        profile.model_copy(update={"personal": profile.personal.model_copy(update={"birth_year": 2008})}),
    ):
        text, _ = _plan(changed, "en")["education"]
        assert "qualification duty" not in text and text.startswith("Discuss an education route"), text


def test_a_dutch_diploma_has_the_ladders_level_and_no_idw_route() -> None:
    """An mbo-2 diploma earned in the Netherlands was ignored: no level (the person's level was
    NLQF 1, from order picking) and IDW as its official route. It now has the ladder's NLQF 2 from
    the Nuffic, no IDW or translation step, and the level says it is a Dutch diploma."""
    from skilltool.diploma_dutch import dutch_indication

    ladder = _ref().dutch_qualifications
    found = dutch_indication(ladder, "mbo-2 Logistiek medewerker")
    assert found is not None and (found.nlqf_min, found.nlqf_max, found.basis) == (2, 2, "stated")
    assert dutch_indication(ladder, "Havo-diploma") is not None
    assert dutch_indication(ladder, "bachelor bedrijfskunde") is None  # hbo or wo: unknown, no guess
    profile = profile_files.read_profile(PERSONAS / "eritrean_dutch_mbo2_order_picker.json")
    assert profile.education[0].route_steps == []
    result = suggest.suggest(profile, ref=_ref(), top=5, lang="en")
    assert result.person_level == 2 and "Dutch diploma" in (result.level_basis or ""), result.level_basis


def test_no_learn_work_route_towards_a_job_that_waits_only_for_a_licence() -> None:
    """A private chauffeur's job (8322) was the dual step for a taxi driver with an Iraqi licence:
    'a learn-work route (BBL) ... still missing: a driving licence'. A licence comes from the CBR
    exams (the licence step), so the dual step goes to a job a learn-work route leads into, or is
    left out when no job of the person's own line has one (fourteenth review)."""
    profile = profile_files.read_profile(PERSONAS / "iraqi_cook_and_taxi_driver.json")
    result = suggest.suggest(profile, ref=_ref(), top=10, lang="en")
    assert any(s.isco == "8322" and s.route == "dual" for s in result.suggestions)  # licence only
    text, reason = _plan(profile, "en", top=10).get("dual_route", ("", ""))
    assert "private chauffeur" not in text and "driving licence" not in reason, (text, reason)


def test_a_wished_protected_title_gets_its_route() -> None:
    """A wish for 'verzorgende IG' matched ESCO's home care aide (whose Dutch names include it) and
    was shown as a direct start, 'wished occupation', with nothing about the title: a Wet BIG art.
    34 training title, only with a recognised or Dutch diploma. The plan now names the title's
    route; without the wish, no such step."""
    profile = profile_files.read_profile(PERSONAS / "syrian_informal_carer_health_limits.json")
    assert suggest.wished_titles(_ref(), profile) == ("verzorgende_ig",)
    text, reason = _plan(profile, "en")["protected_title"]
    assert "protected title" in text and "CIBG" in text and "diploma" in reason, (text, reason)
    unwished = profile.model_copy(update={"wishes": profile.wishes.model_copy(update={"occupations": []})})
    assert "protected_title" not in _plan(unwished, "en")


def test_only_the_big_psychologist_titles_are_regulated() -> None:
    """gz_psycholoog covered all of ISCO 2634, so a school counsellor's psychology work, and a
    polygraph examiner, were 'recognition first' at the BIG register. Only ESCO's health
    psychologist, psychotherapist and clinical psychologist are BIG titles now."""
    index = _ref().suggest_index
    by_label = {occ.label.get("en"): occ.uri for occ in _ref().occupations.occupations if occ.isco == "2634"}
    regulated = {label for label, uri in by_label.items() if index.reg_by_uri.get(uri) == "gz_psycholoog"}
    assert regulated == {"health psychologist", "psychotherapist", "clinical psychologist"}, regulated
