"""Advice rules from the eighth expert review (docs/advice.md, "Eighth expert review"): flying needs a
Part-FCL licence and giving driving lessons a WRM certificate, so neither is a direct start; under
temporary protection an own business is no Bbz restart; an unfinished foreign school is nothing to
recognise for a wished title; the Dutch nursing diploma exists at mbo-4 as BBL, so the learn-work step
names BBL for a nurse."""

from __future__ import annotations

from skilltool import suggest
from skilltool.models import Education, Profile, RegulatedProfession, Suggestion, say
from tests.test_personas import NAMES, _ref
from tests.test_personas import persona as _persona


def _plan(profile: Profile, lang: str = "en") -> dict[str, tuple[str, str]]:
    result = suggest.suggest(profile, ref=_ref(), top=10, lang=lang)  # type: ignore[arg-type]
    return {n.action: (say(n.text, lang), say(n.reason, lang)) for n in result.next_steps}


def _regulated(rid: str) -> RegulatedProfession:
    return next(p for p in _ref().regulated_nl.professions if p.id == rid)


def _in(rid: str, s: Suggestion) -> bool:
    """Whether suggestion ``s`` is work in the regulated profession ``rid``."""
    return _ref().suggest_index.reg_by_uri.get(s.uri) == rid


def test_flying_needs_a_part_fcl_licence() -> None:
    """A Belarusian who flew airliners for eighteen years got his own work and 'aircraft pilot' as
    direct starts 'soon' and a trial placement as a pilot. Flying needs a Part-FCL licence from Kiwa
    Register (for the ILT) after training and exams at an approved organisation, and a class 1 medical
    certificate (ilent.nl); a licence from outside the EU only under Part-FCL Annex III
    (kiwaregister.nl). Now recognition first, the step names the route, and the placement is not in
    flying."""
    pilot = _regulated("piloot")
    assert not pilot.learn_work and {"ilt-piloten-documenten", "kiwa-part-fcl"} <= set(pilot.sources)
    assert "drone pilot" not in pilot.esco_en  # its own EU rules were not read
    profile = _persona("belarusian_flew_airliners_asylum_a2")
    result = suggest.suggest(profile, ref=_ref(), top=10, lang="en")
    flying = [s for s in (*result.own_trade, *result.suggestions) if _in("piloot", s)]
    routes = [(s.label, s.route) for s in flying]
    assert flying and all(s.route == "recognition_first" for s in flying), routes
    plan = _plan(profile)
    assert "Part-FCL" in plan["recognition"][0] and "Annex III" in plan["recognition"][0], plan["recognition"]
    assert "as aircraft pilot" not in plan["work_experience"][0], plan["work_experience"]


def test_flying_is_not_suggested_to_someone_who_never_flew() -> None:
    """No learn-work route leads into flying (a paid flight school): the profession is suggested only
    to people who worked in it."""
    for name in NAMES:
        profile = _persona(name)
        if any(job.coded is not None and job.coded.isco == "3153" for job in profile.work):
            continue
        result = suggest.suggest(profile, ref=_ref(), top=10, lang="en")
        assert not [s.label for s in result.suggestions if _in("piloot", s)], name


def test_driving_lessons_need_a_wrm_certificate() -> None:
    """A Syrian who taught driving at his own school was a direct start 'soon' and his school a Bbz
    restart. Giving driving lessons needs a WRM certificate from IBKI; teaching without one is an
    offence (ilent.nl); the training asks for vmbo level or an aptitude test, IBKI's exams and an
    internship with a VOG (ibki.nl). Now recognition first with that route, and the school only after
    it."""
    instructor = _regulated("rijinstructeur")
    assert instructor.by_exam and instructor.learn_work
    assert {"ilt-wrm-rijinstructeurs", "ibki-wrm-opleiders"} <= set(instructor.sources)
    profile = _persona("syrian_driving_school_owner_wrm")
    result = suggest.suggest(profile, ref=_ref(), top=10, lang="en")
    own = [s for s in result.own_trade if s.isco == "5165"]
    assert own and all(s.route == "recognition_first" for s in own), [(s.label, s.route) for s in own]
    assert all(s.route != "direct" for s in result.suggestions if _in("rijinstructeur", s))
    plan = _plan(profile)
    assert "WRM certificate" in plan["recognition"][0] and "IBKI" in plan["recognition"][0]
    # the school only after the WRM certificate (advice25 words a profession entered by Dutch exams so)
    assert "only with the profession's Dutch papers" in plan["entrepreneurship"][0]
    assert "not even self-employed" in plan["entrepreneurship"][0]


def test_temporary_protection_gets_no_bbz_restart() -> None:
    """A Ukrainian owner of a kapsalon under temporary protection was told to ask the municipality about the
    Bbz (bijstand for the self-employed) to restart her salon. Displaced persons from Ukraine live on
    leefgeld, and their work-permit exemption covers paid employment only (ABU, kvk.nl): the step says
    so. The same person on the asylum route keeps the Bbz text."""
    profile = _persona("ukrainian_kapsalon_owner_temporary_protection")
    assert profile.dutch.inburgering == "temporary_protection"
    text, reason = _plan(profile)["entrepreneurship"]
    assert "not a route under temporary protection" in text and "paid employment" in text, text
    assert "Bbz" in text and "social assistance (bijstand) can ask" not in text, text
    assert "ABU" in reason, reason
    asylum = profile.model_copy(update={"dutch": profile.dutch.model_copy(update={"inburgering": "obliged"})})
    assert "social assistance (bijstand) can ask" in _plan(asylum)["entrepreneurship"][0]
    nl = _plan(profile, "nl")["entrepreneurship"][0]
    assert "tijdelijke bescherming" in nl and "loondienst" in nl, nl


def test_an_unfinished_foreign_school_is_nothing_to_recognise() -> None:
    """The wished title's step gave the route for a qualification from outside the EU to someone
    whose only foreign education is a secondary school left after grade 10. An unfinished study is no
    diploma (fifth review): the step names the Dutch programme. A finished foreign diploma keeps the
    foreign route."""
    profile = _persona("eritrean_dutch_mbo2_helper_wishes_nursing")
    left = Education(country="ER", qualification="Secondary school (grade 10)", completed=False)
    text = _plan(profile.model_copy(update={"education": [*profile.education, left]}))["protected_title"][0]
    assert (
        "No finished foreign diploma in the field is recorded" in text and "nothing to recognise" in text
    ), text
    done = left.model_copy(update={"completed": True})
    other = _plan(profile.model_copy(update={"education": [*profile.education, done]}))["protected_title"][0]
    assert "nothing to recognise" not in other and "certificate of competence" in other, other


def test_the_dutch_nursing_diploma_exists_at_mbo_level() -> None:
    """ESCO files the nurse under professionals (ISCO 2221), so the learn-work step for a young woman
    who wishes nursing said 'a part-time or shortened hbo/wo programme (not BBL, an mbo route)',
    against the data's own note that the mbo-4 nursing programme runs as BBL (Nova College: BOL and
    BBL, level 4, 4 years). With ``mbo_bbl`` the step names BBL; a profession without it (the
    psychologist's) keeps the hbo/wo text."""
    nurse = _regulated("verpleegkundige")
    assert nurse.mbo_bbl and "novacollege-mbo-verpleegkundige" in nurse.sources
    index = _ref().suggest_index
    by_isco = {c.isco: c for c in index.cands if c.isco in ("2221", "2211")}
    assert not by_isco["2221"].professional and by_isco["2211"].professional
    young = _persona("eritrean_22_onderwijsroute_unfinished_school_wishes_nursing")
    text, reason = _plan(young)["dual_route"]
    assert "learn-work route (BBL)" in text and "not BBL" not in text, text
    assert "a vocational qualification" in reason, reason
    psych = _plan(_persona("iranian_psychology_master_clinic_health_limits"))["dual_route"][0]
    assert "not BBL" in psych, psych
