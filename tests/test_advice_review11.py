"""Advice rules from the eleventh expert review (docs/advice.md, "Eleventh expert review"): a wish for the
sworn title of interpreter or translator (Wbtv: registration in the Rbtv, the oath at the court) brought no
word of its route; asbestos removal, which Dutch rules reserve for holders of the DAV certificate in a
certified company, was open work, and the learn-work step passed over the wish for it because the wish ranked
below the top list; and the diploma evaluation's reason said that a history degree's evaluation decided an
embroidery machine job, which was at level by years of work, not by the degree."""

from __future__ import annotations

from skilltool.models import say
from skilltool.suggest_papers import _idw_reason
from tests.test_personas import _ref
from tests.test_personas import persona as _persona
from tests.test_personas import run_suggest as _run
from tests.test_personas import step_texts as _step

ASBESTOS = "http://data.europa.eu/esco/occupation/990bfa45-5001-4365-93b6-daf01a03b4cd"
INTERPRETER = "afghan_court_and_embassy_interpreting_wishes_sworn_title"
ASBESTOS_ROOFS = "iraqi_demolition_and_asbestos_roofs_no_papers"
HISTORY = "turkish_history_degree_only_factory_and_site_work"


def test_a_wished_sworn_title_names_the_rbtv_route_and_leaves_the_work_open() -> None:
    """The wish 'beëdigd tolk' was coded to ESCO's translator, a direct start, with nothing about the Rbtv.
    Interpreting and translating stay open work (Bureau BTV: a free profession); the wished sworn title gets
    its route (VOG, C1 or B2, the oath at the court) and a reason that says registration, not a diploma."""
    prof = next(p for p in _ref().regulated_nl.professions if p.id == "beedigd_tolk_vertaler")
    assert prof.sources and prof.title_only and not prof.isco and not prof.esco_en
    result = _run(_persona(INTERPRETER))
    assert all(s.route == "direct" for s in result.own_trade if s.isco == "2643")
    for lang in ("nl", "en"):
        text, why = _step(result, "protected_title", lang)
        level = "C1 of B2" if lang == "nl" else "C1 or B2"
        assert "Rbtv" in text and "VOG" in text and level in text, text
        assert "regist" in why and "diploma" not in why, why


def test_the_sworn_title_is_not_named_without_the_wish() -> None:
    """The same interpreter wishing translation work only: no protected-title step (the work is open)."""
    profile = _persona(INTERPRETER)
    profile = profile.model_copy(
        update={"wishes": profile.wishes.model_copy(update={"occupations": ["vertaler"], "coded": []})}
    )
    assert "protected_title" not in [n.action for n in _run(profile).next_steps]


def test_asbestos_removal_needs_the_dav_certificate_and_demolition_does_not() -> None:
    """ESCO's asbestos abatement worker belongs to the DAV profession (sourced, by exam, learn-work); the
    demolition worker (same work site, ISCO 7119) is not matched."""
    index = _ref().suggest_index
    prof = next(p for p in _ref().regulated_nl.professions if p.id == "asbestverwijderaar")
    assert prof.sources and prof.by_exam and prof.learn_work
    assert index.reg_by_uri.get(ASBESTOS) == "asbestverwijderaar"
    result = _run(_persona(ASBESTOS_ROOFS))
    own = {s.isco: s for s in result.own_trade}
    assert own["7133"].route == "dual" and own["7119"].route == "direct"
    assert "DAV" in " ".join(g.render("nl") for g in own["7133"].gaps)


def test_the_learn_work_step_goes_to_a_wish_below_the_top_list() -> None:
    """The wish (asbestos removal, his own past work) ranked below the tenth suggestion, and the learn-work
    step went to a road roller. A wished occupation in the own trade with a learn-work route comes first."""
    result = _run(_persona(ASBESTOS_ROOFS))
    assert ASBESTOS not in {s.uri for s in result.suggestions}
    text, _ = _step(result, "dual_route")
    assert "asbestverwijderaar" in text, text


def test_the_idw_reason_names_a_job_at_level_by_the_diploma() -> None:
    """The history graduate's first job at level was the operator of an embroidery machine, at
    level by six years at sewing machines; the IDW reason said that job depended on the evaluation
    of his degree. It now names a job whose level band holds the degree's level, or none."""
    result = _run(_persona(HISTORY))
    index = _ref().suggest_index
    _, why = _step(result, "diploma_evaluation")
    named = [s for s in result.suggestions if s.label in why]
    assert named, why
    for s in named:
        c = index.compiled(s.uri)
        assert c is not None and c.nlqf_min <= 6 <= c.nlqf_max, (s.label, c and (c.nlqf_min, c.nlqf_max))


def test_without_a_job_at_level_by_the_diploma_the_reason_names_none() -> None:
    """When no suggestion is at level by the diploma (only by years of work), the reason says the level is an
    indication and names no job."""
    result = _run(_persona(HISTORY))
    anchor = result.suggestions[0]  # the operator of an embroidery machine: at level by years of work
    assert anchor.route == "direct"
    why = _idw_reason(_ref().suggest_index, anchor, lambda s: s.label if s else "-", compared=True)
    assert why.key == "suggest.s_idw_reason_plain" and anchor.label not in say(why, "nl")


AIRLINERS = "afghan_maintained_airliners_in_kabul"
GRILL = "syrian_grill_restaurant_owner_wants_own_place"


def test_aircraft_maintenance_needs_the_part_66_licence() -> None:
    """The mechanic who signed off checks on airliners had his own work as a direct start "soon" with no gap.
    Maintenance of aircraft is done only by or under the supervision of a holder of the EASA Part-66 licence
    (ILT): his own work is recognition first and the recognition step names the licence; the placement is not
    certifying work on aircraft."""
    index = _ref().suggest_index
    prof = next(p for p in _ref().regulated_nl.professions if p.id == "vliegtuigonderhoud")
    assert prof.sources and prof.learn_work and not prof.by_exam
    result = _run(_persona(AIRLINERS))
    own = [s for s in result.own_trade if index.reg_by_uri.get(s.uri) == "vliegtuigonderhoud"]
    assert own and all(s.route == "recognition_first" for s in own)
    text, _ = _step(result, "recognition")
    assert "Part-66" in text and "supervisie" in text
    placement, _ = _step(result, "work_experience")
    assert not any(s.label in placement for s in own), placement


def test_an_own_restaurant_names_the_permits_and_social_hygiene() -> None:
    """The grill restaurant's owner got Bbz and KVK only. A restaurant needs the municipality's operating
    permit and, for alcohol, the Alcoholwet's licence with managers who hold the Verklaring Sociale Hygiëne;
    a shop that is not in hospitality gets no such sentence."""
    result = _run(_persona(GRILL))
    for lang in ("nl", "en"):
        text, _ = _step(result, "entrepreneurship", lang)
        assert "Sociale Hygiëne" in text and "Alcoholwet" in text, text
    shop = _run(_persona("afghan_grocery_owner"))
    text, _ = _step(shop, "entrepreneurship")
    assert "Sociale Hygiëne" not in text


def test_a_learn_work_step_towards_an_exam_route_names_its_exam_not_bbl() -> None:
    """Towards asbestos removal (DAV) and bus driving (licence D, code 95) the learn-work step read "or a
    learn-work route (BBL)" and "still missing: a vocational qualification". Those routes are Dutch exams
    and training (``by_exam``): the step names the profession's training and exam, and BBL is not offered."""
    for name, job in (
        (ASBESTOS_ROOFS, "asbestverwijderaar"),
        ("somali_cleaner_wishes_bus_driving", "buschauffeur"),
    ):
        text, why = _step(_run(_persona(name)), "dual_route")
        assert job in text and "BBL" not in text and "examen" in text, text
        assert "vakopleiding" not in why and "examen" in why, why
    en, _ = _step(_run(_persona(ASBESTOS_ROOFS), "en"), "dual_route", "en")
    assert "BBL" not in en and "exam" in en, en


def test_a_degree_in_hand_is_not_said_to_be_missing_for_a_regulated_profession() -> None:
    """The history graduate's learn-work step towards secondary teaching said "still missing: Dutch, an hbo or
    wo diploma"; he has a bachelor at the job's level (NLQF 6, Nuffic). What is missing is the teaching
    qualification (DUO, zij-instroom): the step says so. Without a degree the text stays."""
    why_nl = _step(_run(_persona(HISTORY)), "dual_route")[1]
    assert "een hbo- of wo-diploma" not in why_nl and "bevoegdheid" in why_nl, why_nl
    why_en = _step(_run(_persona(HISTORY), "en"), "dual_route", "en")[1]
    assert "hbo or wo" not in why_en and "recognition" in why_en, why_en
    profile = _persona(HISTORY)
    no_degree = profile.model_copy(update={"education": []})
    why = _step(_run(no_degree), "dual_route")[1]
    assert "bevoegdheid" not in why, why
