"""Advice rules from the sixth expert review (docs/advice.md, "Sixth expert review"): work or a wish
coded to an ISCO group broader than a regulated profession's prefixes (a doctor: 221) counts for that
profession; a degree named as one outranks a secondary certificate when the plan picks the diploma to
evaluate; an own practice in a regulated profession waits for its route; a profession closed to
qualifications from outside the EU (advocaat, judge, notary) gets no "start the recognition route"; the
onderwijsroute comes first on its own terms; the Z-route gets no BBL step."""

from __future__ import annotations

from typer.testing import CliRunner

from skilltool import suggest
from skilltool.cli import app
from skilltool.diploma_names import names_a_degree
from skilltool.models import Education, Profile, say
from skilltool.suggest_highest import degree_key, known_level
from skilltool.suggest_person import group_profession
from tests.test_personas import PERSONAS, _ref
from tests.test_personas import persona as _persona

GROUP = "http://data.europa.eu/esco/isco/C"


def _plan(profile: Profile, lang: str = "nl") -> dict[str, tuple[str, str]]:
    result = suggest.suggest(profile, ref=_ref(), top=10, lang=lang)  # type: ignore[arg-type]
    return {n.action: (say(n.text, lang), say(n.reason, lang)) for n in result.next_steps}


def _route(profile: Profile, lang: str = "nl") -> dict[str, str]:
    return {n.action: say(n.text, lang) for n in suggest.suggest(profile, ref=_ref(), lang=lang).next_steps}  # type: ignore[arg-type]


def test_a_group_broader_than_the_profession_counts_when_it_holds_only_that_profession() -> None:
    """'arts' codes to ISCO minor group 221, broader than the doctors' prefixes 2211 and 2212: every
    occupation in it is a doctor's, so it is the doctor's profession. A group that mixes professions
    and open work (22, health professionals) is none; an occupation's URI is never a group."""
    index = _ref().suggest_index
    assert group_profession(index, f"{GROUP}221", "221") == "arts"
    assert group_profession(index, f"{GROUP}3221", "3221") == "verpleegkundige"
    assert group_profession(index, f"{GROUP}22", "22") is None
    assert group_profession(index, f"{GROUP}93", "93") is None


def test_a_doctor_coded_to_the_group_gets_the_big_route_and_the_doctors_work() -> None:
    """The Sudanese doctor (work and wish coded to 221) got no suggestion, no BIG step and no interim
    work. Now the wish names the doctors' occupations (recognition first, never direct), the plan has
    the BIG route and the placement is the doctor's assistant's."""
    profile = _persona("sudanese_doctor_no_documents_group_coded")
    result = suggest.suggest(profile, ref=_ref(), top=10, lang="en")
    doctors = [s for s in result.suggestions if s.isco in ("2211", "2212")]
    assert doctors and all(s.route == "recognition_first" for s in doctors), [
        (s.label, s.route) for s in doctors
    ]
    assert any(s.isco == "3256" for s in result.suggestions)
    steps = _route(profile, "en")
    assert "BIG register" in steps["recognition"], steps
    assert "doctors' surgery assistant" in steps["work_experience"], steps


def test_a_degree_by_its_name_outranks_a_secondary_certificate_with_a_level() -> None:
    """IDW evaluates the highest diploma: a 'Doctor of Dental Surgery' outside the table beside an
    Iranian pre-university certificate (NLQF 4) was not it. A degree word gives an order, never a level:
    beside another diploma without a level (a specialist board) the plan still says it does not know."""
    assert names_a_degree("Doctor of Dental Surgery (DDS)") and names_a_degree("MBBS")
    assert names_a_degree("Hukuk Fakültesi Lisans Diploması") and names_a_degree("Bachelor in Pharmacy")
    assert not names_a_degree("Pre-university Certificate") and not names_a_degree("Lise Diplomasi")
    assert not names_a_degree("Sudan School Certificate")
    dds = Education(country="IR", qualification="Doctor of Dental Surgery (DDS)", completed=True)
    assert not known_level(dds)
    profile = _persona("iranian_dentist_own_practice_dds")
    school = next(e for e in profile.education if e.indication is not None)
    assert degree_key(dds) > degree_key(school)
    text, reason = _plan(profile, "en")["diploma_evaluation"]
    assert "Doctor of Dental Surgery" in text and "Pre-university" not in text, text
    assert "is the highest diploma" in reason, reason


def test_an_own_practice_in_a_regulated_profession_waits_for_its_route() -> None:
    """The dentist's own practice: the entrepreneurship step offered a restart (Bbz, KVK) with nothing
    about BIG. It now says the practice starts only after the profession's route; an own shop in open
    work (a grocery) gets the step without that sentence."""
    text, _ = _plan(_persona("iranian_dentist_own_practice_dds"), "en")["entrepreneurship"]
    assert "only after the profession's route" in text and "dentist" in text, text
    shop, _ = _plan(_persona("afghan_grocery_owner"), "en")["entrepreneurship"]
    assert "profession's route" not in shop, shop


def test_a_profession_closed_to_qualifications_from_outside_the_eu_has_no_recognition_to_start() -> None:
    """A foreign law degree gives no access to the bar, the judiciary or the notariat (NOvA, the
    judiciary's rules, Wet op het notarisambt): the plan said 'start the recognition route'. It now
    says there is none; the IDW reason says what the evaluation is for; a judge's interim work is
    legal assistant work, as the route text says."""
    regulated = {p.id: p for p in _ref().regulated_nl.professions}
    closed = {rid for rid, p in regulated.items() if p.closed_abroad}
    # the griffier since the seventeenth review: the Rechtspraak asks a Dutch law degree
    assert closed == {"advocaat", "rechterlijke_macht", "notaris", "griffier"}, closed
    for rid in closed:  # the route texts (and their sources) say so; no learn-work route leads in
        route = regulated[rid].route.en
        assert not regulated[rid].learn_work and ("outside the EU" in route or "foreign" in route), rid
    plan = _plan(_persona("turkish_judge_law_degree_b1"), "en")
    assert plan["recognition"][0].startswith("For judge or public prosecutor there is no recognition"), plan
    assert "Start the recognition route" not in plan["recognition"][0]
    assert "gives no access" in plan["diploma_evaluation"][1], plan["diploma_evaluation"]
    assert "legal assistant" in plan["work_experience"][0], plan["work_experience"]
    lawyer = _plan(_persona("iraqi_lawyer"), "en")
    assert lawyer["recognition"][0].startswith("For lawyer (advocaat) there is no recognition"), lawyer[
        "recognition"
    ]


def test_the_onderwijsroute_comes_first_and_is_the_language_route() -> None:
    """An 18-year-old on the onderwijsroute got EVC towards construction labouring and a B1 course
    'beside work' before the education step. The taalschakeltraject (full-time, towards mbo/hbo/wo,
    B1 at least: Divosa, Schulinck) is now the first step, there is no separate B1 course, and work
    experience is within the programme. On the B1 route the same person keeps the old order."""
    profile = _persona("afghan_18_onderwijsroute_labourer_iran")
    plan = _plan(profile)
    assert next(iter(plan)) == "education" and "taalschakeltraject" in plan["education"][0], list(plan)
    assert "language" not in plan
    assert plan["work_experience"][0].startswith("Werkervaring binnen de opleiding"), plan["work_experience"]
    b1 = profile.model_copy(update={"dutch": profile.dutch.model_copy(update={"integration_route": "b1"})})
    other = _plan(b1)
    assert next(iter(other)) != "education" and "language" in other, list(other)
    assert "taalschakeltraject" not in other["education"][0]


def test_the_z_route_gets_training_on_the_job_not_bbl() -> None:
    """In the Z-route B1 is no aim, and an mbo-2 or 3 diploma asks for Dutch at 2F, close to B1
    (staatsexamensnt2.nl): the learn-work step proposed BBL to a low-literate woman at A1. Now it is
    work with training on the job; on the B1 route the BBL step is back. (The home baker of this
    review now has no learn-work step: the sauce line it named fit on shared skills alone beside her
    own work, fourteenth review; the Z-route client who wishes supermarket work shows the rule.)"""
    profile = _persona("ethiopian_55_school_cleaner_kiosk_long_gap_z_route")
    text, reason = _plan(profile, "en")["dual_route"]
    assert "not a learn-work route (BBL)" in text and "2F" in reason, (text, reason)
    b1 = profile.model_copy(update={"dutch": profile.dutch.model_copy(update={"integration_route": "b1"})})
    assert "learn-work route (BBL) towards" in _plan(b1, "en")["dual_route"][0]


def test_the_big_advisory_committee_is_spelled_right() -> None:
    """The doctors' authority read 'Commissie Buitenslands Gediplomeerden': a text error in every
    doctor's plan."""
    arts = next(p for p in _ref().regulated_nl.professions if p.id == "arts")
    assert "Buitenlands Gediplomeerden" in arts.authority.nl and "Buitenslands" not in arts.authority.nl


def test_a_wished_sector_given_as_its_code_is_named_in_the_report() -> None:
    """The courier's wished sector was recorded as the code the CLI help lists
    ('transport_logistics'), and the printable report showed the code. It now shows the sector's name
    in the report's language; a sector said in words stays as said."""
    path = str(PERSONAS / "turkish_parcel_courier_turkish_licence.json")
    for lang, name in (("nl", "Transport en logistiek"), ("en", "Transport and logistics")):
        r = CliRunner().invoke(app, ["report", path, "--format", "html", "--lang", lang])
        assert r.exit_code == 0, r.output
        assert name in r.output and "transport_logistics" not in r.output, lang
    r = CliRunner().invoke(
        app, ["report", str(PERSONAS / "eritrean_home_baker_z_route_health.json"), "--format", "md"]
    )
    assert "horeca" in r.output, r.output


def test_a_justice_of_the_peace_is_not_suggested() -> None:
    """ESCO's justice of the peace (vrederechter, 3411) was suggested to the judge as learn-work: the
    Netherlands had the office only from 1811 to 1838 (recht.nl; von Bóné); small cases go to the
    kantonrechter, a professional judge. It is under ``not_practised`` now, like the jury coordinator."""
    labels = {n.label for n in _ref().regulated_nl.not_practised}
    assert "justice of the peace" in labels
    result = suggest.suggest(_persona("turkish_judge_law_degree_b1"), ref=_ref(), top=10, lang="en")
    assert "justice of the peace" not in {s.label for s in result.suggestions}
    assert "legal assistant" in {s.label for s in result.suggestions}
