"""Advice rules from the seventh expert review (docs/advice.md, "Seventh expert review"): a Dutch diploma
of a BIG profession is registered, not recognised, and counts as the qualification of the field's interim
jobs; the armed forces are open to Dutch nationals only (no recognition, EVC or placement there); a wish
the coder is unsure of does not take an exact label that ESCO gives to other work; the route into
secondary teaching names the career-changer route (zij-instroom); the Afghan engineering bachelor is
for engineering only."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from skilltool import diplomas, suggest
from skilltool.cli import app
from skilltool.models import Education, Profile, RegulatedProfession, say
from skilltool.suggest_person import wished_candidates
from skilltool.suggest_qualified import dutch_qualified
from tests.test_personas import NAMES, PERSONAS, _ref
from tests.test_personas import persona as _persona


def _plan(profile: Profile, lang: str = "en") -> dict[str, tuple[str, str]]:
    result = suggest.suggest(profile, ref=_ref(), top=10, lang=lang)  # type: ignore[arg-type]
    return {n.action: (say(n.text, lang), say(n.reason, lang)) for n in result.next_steps}


def _with_education(profile: Profile, *entries: Education) -> Profile:
    return profile.model_copy(update={"education": list(entries)})


def test_a_dutch_nursing_diploma_names_the_profession_it_qualifies_for() -> None:
    """A completed Dutch education entry whose name or field starts a word with one of the
    profession's ``dutch_diploma`` words qualifies; an unfinished one, a foreign one, or another
    Dutch diploma does not."""
    index = _ref().suggest_index
    base = _persona("syrian_25_dutch_mbo4_nursing_diploma")
    done = Education(country="NL", qualification="mbo-4 Verpleegkundige", completed=True)
    assert dutch_qualified(_with_education(base, done), index) == {"verpleegkundige": "mbo-4 Verpleegkundige"}
    hbo = Education(country="NL", qualification="Bachelor of Nursing (hbo-v)", completed=True)
    assert set(dutch_qualified(_with_education(base, hbo), index)) == {"verpleegkundige"}
    studying = done.model_copy(update={"completed": False})
    abroad = done.model_copy(update={"country": "SY"})
    logistics = Education(country="NL", qualification="mbo-2 Logistiek", completed=True)
    for other in (studying, abroad, logistics):
        assert dutch_qualified(_with_education(base, other), index) == {}, other


def test_a_dutch_nursing_diploma_is_registered_not_recognised() -> None:
    """The nurse with a Dutch mbo-4 diploma was sent to the BIG register's route for a qualification
    from outside the EU, and her field's assistant jobs asked for a vocational qualification through
    BBL. Now the step is registration with the Dutch diploma (bigregister.nl), first, with no IDW
    step, and the assistant jobs are direct starts. The same person with the diploma from Syria
    keeps the foreign route."""
    profile = _persona("syrian_25_dutch_mbo4_nursing_diploma")
    result = suggest.suggest(profile, ref=_ref(), top=10, lang="en")
    plan = _plan(profile)
    text, reason = plan["recognition"]
    assert "with the Dutch diploma 'mbo-4 Verpleegkundige'" in text and "BIG register" in text, text
    assert "certificate of competence" not in text and "needs no recognition" in reason, (text, reason)
    assert next(iter(plan)) == "recognition" and "diploma_evaluation" not in plan, list(plan)
    assistants = [s for s in result.suggestions if s.isco == "5321"]
    routes = [(s.label, s.route) for s in assistants]
    assert assistants and all(s.route == "direct" for s in assistants), routes
    gaps = " | ".join(say(g, "en") for s in result.suggestions for g in s.gaps)
    assert "learn-work (BBL)" not in gaps, gaps
    foreign = _with_education(profile, profile.education[0].model_copy(update={"country": "SY"}))
    assert "certificate of competence" in _plan(foreign)["recognition"][0]


def test_a_dutch_diploma_comes_with_its_route_in_the_data() -> None:
    """``dutch_diploma`` words without the route they give (or the other way round) are refused on
    load: the plan would have nothing to say."""
    base = {
        "id": "x",
        "name": {"nl": "x", "en": "x"},
        "isco": ["2221"],
        "registry": {"nl": "r", "en": "r"},
        "authority": {"nl": "a", "en": "a"},
        "route": {"nl": "r", "en": "r"},
        "learn_work": False,
        "sources": ["s"],
    }
    with pytest.raises(ValidationError, match="dutch_diploma and dutch_route go together"):
        RegulatedProfession.model_validate({**base, "dutch_diploma": ["verpleegkund"]})
    with pytest.raises(ValidationError, match="dutch_diploma and dutch_route go together"):
        RegulatedProfession.model_validate({**base, "dutch_route": {"nl": "r", "en": "r"}})
    regulated = {p.id: p for p in _ref().regulated_nl.professions}
    for rid in ("verpleegkundige", "verloskundige", "fysiotherapeut"):
        assert "bigregister-nederlands-diploma" in regulated[rid].sources, rid


def test_the_armed_forces_are_open_to_dutch_nationals_only() -> None:
    """An Afghan officer got the armed forces' work as a direct start 'soon', EVC towards it and a
    trial placement as an officer. An appointment as a member of the armed forces requires Dutch
    nationality (AMAR art. 4a, in parliamentary questions 2019Z23967): never direct, no EVC and no
    shadowing there, and the plan and the IDW reason say so."""
    regulated = {p.id: p for p in _ref().regulated_nl.professions}
    assert regulated["krijgsmacht"].nationality and regulated["krijgsmacht"].isco == ["0"]
    assert not regulated["krijgsmacht"].learn_work
    profile = _persona("afghan_army_officer_military_bachelor")
    result = suggest.suggest(profile, ref=_ref(), top=10, lang="en")
    military = [s for s in (*result.own_trade, *result.suggestions) if s.isco.startswith("0")]
    assert military and all(s.route == "recognition_first" for s in military)
    assert all("Dutch nationality needed" in say(s.gaps[-1], "en") for s in military)
    plan = _plan(profile)
    assert plan["recognition"][0].startswith("For member of the armed forces Dutch nationality is required")
    assert "Dutch nationality is required" in plan["diploma_evaluation"][1], plan["diploma_evaluation"]
    assert "evc" not in plan, list(plan)
    assert "shadowing" not in plan["work_experience"][0] and "outside the work" in plan["work_experience"][0]


def test_the_armed_forces_are_not_suggested_to_someone_who_did_not_serve() -> None:
    """Without a learn-work route, a profession is suggested only to people who worked in it: no
    persona but the officer is sent to the armed forces (ISCO-08 major group 0)."""
    for name in NAMES:
        profile = _persona(name)
        if any(job.coded is not None and job.coded.isco.startswith("0") for job in profile.work):
            continue
        result = suggest.suggest(profile, ref=_ref(), top=10, lang="en")
        assert not [s.label for s in result.suggestions if s.isco.startswith("0")], name


def test_an_unsure_wish_does_not_take_an_exact_label_of_other_work() -> None:
    """ESCO gives 'dierenarts' (veterinarian) as an alternative label of two veterinary
    technicians' occupations only (ISCO 3240: insemination, horses' teeth); the coder, unsure, put
    the specialised veterinarian first, and both were listed as the vet's own wished occupation. Now
    the code counts: the veterinarians' unit group, to be checked. A sure code is the wish even when
    the exact label names other work; without a coding the exact label names as before."""
    index = _ref().suggest_index
    profile = _persona("turkish_veterinarian_twenty_hours_care")
    (wish,) = profile.wishes.coded
    assert wish.needs_review and wish.coded is not None and wish.coded.isco == "2250"
    named = set(index.by_label["dierenarts"])
    assert named and all(index.cands[i].isco == "3240" for i in named)
    cands, listed, review = wished_candidates(profile, index)
    assert not listed and not (cands & named), sorted(index.cands[i].label_en for i in cands & named)
    assert review and all(index.cands[i].isco == "2250" for i in review)
    result = suggest.suggest(profile, ref=_ref(), top=10, lang="en")
    assert [s.isco for s in result.own_trade] == ["2250"], [s.label for s in result.own_trade]
    sure = wish.model_copy(update={"needs_review": False})
    sure_profile = profile.model_copy(update={"wishes": profile.wishes.model_copy(update={"coded": [sure]})})
    _, listed, _ = wished_candidates(sure_profile, index)
    assert {index.cands[i].uri for i in listed} == {wish.coded.uri}
    old = profile.model_copy(update={"wishes": profile.wishes.model_copy(update={"coded": []})})
    assert wished_candidates(old, index)[1] == frozenset(named)


def test_the_route_into_secondary_teaching_names_the_career_changer_route() -> None:
    """A physics PhD who lectured at a university has no foreign teacher training for DUO to
    recognise: the route named only that. It now names zij-instroom (a suitability assessment,
    teaching while qualifying within 2 years: rijksoverheid.nl), with its sources."""
    leraar_vo = next(p for p in _ref().regulated_nl.professions if p.id == "leraar_vo")
    assert "zij-instroom" in leraar_vo.route.nl and "career-changer route" in leraar_vo.route.en
    assert "rijksoverheid-zij-instroom" in leraar_vo.sources
    text, _ = _plan(_persona("iranian_physics_phd_lecturer"))["recognition"]
    assert "secondary-school teacher" in text and "zij-instroom" in text, text


def test_a_bachelor_in_another_field_is_not_the_afghan_engineering_degree() -> None:
    """'Bachelor in Military Science' matched the Afghan five-year engineering bachelor ('een
    wo-bachelor'); that entry is for engineering only, and the general bachelor (hbo or two years of
    wo) applies."""
    table = _ref().diplomas
    military = diplomas.lookup(table, country="AF", text="Bachelor in Military Science", lang="en")
    assert military.matches and military.matches[0].entry_id == "af-bachelor-arts-science"
    assert all(m.entry_id != "af-bachelor-engineering" for m in military.matches)
    civil = diplomas.lookup(table, country="AF", text="Bachelor of Engineering (Civil)", lang="en")
    assert civil.matches[0].entry_id == "af-bachelor-engineering"


def test_an_empty_wished_sector_slot_is_named_not_coded() -> None:
    """`suggest` printed an empty wished-sector slot as its code ('sector:transport_logistics'), the
    officer's wish; it is named in the output's language now."""
    path = PERSONAS / "afghan_army_officer_military_bachelor.json"
    r = CliRunner().invoke(app, ["suggest", str(path), "--lang", "nl"])
    assert r.exit_code == 0, r.output
    assert "- sector: Transport en logistiek:" in r.stdout and "transport_logistics" not in r.stdout


def test_the_education_step_knows_a_dutch_diploma_in_hand() -> None:
    """The nurse of 25 with a Dutch mbo-4 diploma was told that 'a Dutch qualification gives a
    recognised diploma', which she has: the reason now names her diploma and a further programme.
    Without a Dutch diploma the reason stays."""
    reason = _plan(_persona("syrian_25_dutch_mbo4_nursing_diploma"))["education"][1]
    assert "with the Dutch diploma 'mbo-4 Verpleegkundige' in hand" in reason, reason
    other = _plan(_persona("syrian_26_law_degree_wants_study"))["education"][1]
    assert "a Dutch qualification gives a recognised diploma" in other, other


def test_a_wish_for_the_armed_forces_says_why_it_is_not_suggested() -> None:
    """A wish coded to the armed forces by someone who did not serve brought nothing and no word:
    the work is never suggested to a newcomer. The plan now says that it is open to Dutch nationals
    only; for the officer, who served, the recognition step says it once."""
    officer = _persona("afghan_army_officer_military_bachelor")
    (wish,) = officer.wishes.coded
    assert wish.coded is not None and wish.coded.isco.startswith("0")
    base = _persona("somali_house_cleaning_z_route_sixteen_hours")
    wishes = base.wishes.model_copy(
        update={"occupations": [*base.wishes.occupations, wish.text], "coded": [*base.wishes.coded, wish]}
    )
    plan = _plan(base.model_copy(update={"wishes": wishes}))
    text, reason = plan["protected_title"]
    assert "Dutch nationality is required" in text and "not suggested" in reason, (text, reason)
    assert "protected_title" not in _plan(officer)


def test_maternity_support_work_is_no_big_profession() -> None:
    """ESCO's maternity support worker (ISCO 3222, the kraamverzorgende) was under the midwife's
    prefixes and 'recognition first' at the BIG register; the Wet BIG lists it neither in article 3
    nor 34 (the branch register asks for its own diploma: KCKZ). It is a midwife's interim work now,
    on a learn-work route."""
    midwife = next(p for p in _ref().regulated_nl.professions if p.id == "verloskundige")
    assert midwife.isco == ["2222"] and "maternity support worker" in midwife.interim_esco_en
    assert "kckz-registratie-eisen" in midwife.sources
    result = suggest.suggest(_persona("afghan_midwife_z_route_no_documents"), ref=_ref(), top=10, lang="en")
    support = [s for s in result.suggestions if s.isco == "3222"]
    assert support and all(s.route == "dual" and not s.regulated for s in support), support


def test_a_recognition_route_beyond_the_z_route_says_so() -> None:
    """The Z-route is for people for whom B1 is not feasible in the integration term (section 10e);
    the midwife's BIG route asks for B2. The recognition step says so, to weigh with the person; on
    the B1 route it does not."""
    profile = _persona("afghan_midwife_z_route_no_documents")
    text, _ = _plan(profile)["recognition"]
    assert "This route asks for Dutch at B2, and the Z-route" in text, text
    b1 = profile.model_copy(update={"dutch": profile.dutch.model_copy(update={"integration_route": "b1"})})
    assert "Z-route" not in _plan(b1)["recognition"][0]


def test_a_wished_title_without_anything_foreign_to_recognise_names_the_dutch_programme() -> None:
    """A woman with a Dutch mbo-2 diploma who wishes to become a nurse got only the route for a
    qualification from outside the EU. With no foreign diploma and no work in the profession there is
    nothing to recognise: the step names the Dutch programme, the foreign route for reference. With a
    foreign diploma recorded the step is as before."""
    profile = _persona("eritrean_dutch_mbo2_helper_wishes_nursing")
    text, _ = _plan(profile)["protected_title"]
    assert "nothing to recognise: the way in is the Dutch programme" in text, text
    abroad = Education(country="SY", qualification="Shahadat al-Thanawiya al-Amma", completed=True)
    other = _plan(_with_education(profile, *profile.education, abroad))["protected_title"][0]
    assert "nothing to recognise" not in other and "certificate of competence" in other, other
