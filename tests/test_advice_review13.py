"""Advice rules from the thirteenth expert review (docs/advice.md, "Thirteenth expert review"): the
language aim came from a suggestion neither wished nor at the person's level, and ignored a wish
below the person's level; a wish coded to a regulated profession's group was called a protected title;
an unfinished nursing study beside a finished school certificate was sent to BIG's procedure for a
foreign diploma; a wish coded with doubt made every occupation of its group equally wished; a
landbouwmachinist was a direct start without licence T."""

from __future__ import annotations

from typer.testing import CliRunner

from skilltool.cli import app
from skilltool.suggest_explain import explain
from skilltool.suggest_language import in_view
from skilltool.suggest_person import person_of
from tests.test_personas import PERSONAS, _ref
from tests.test_personas import persona as _persona
from tests.test_personas import run_suggest as _run
from tests.test_personas import step_texts as _step

TEACHER = "syrian_56_taught_lower_grades_wants_onderwijsassistent_24h"
HOUSEKEEPING = "yemeni_50_led_hotel_huishouding_knee_24h"
NURSING = "somali_23_unfinished_nursing_two_years"
FARMHAND = "eritrean_28_greenhouse_and_dairy_israel_informal"
SHOP = "ethiopian_55_school_cleaner_kiosk_long_gap_z_route"

ESCO = "http://data.europa.eu/esco/occupation/"
TRACTOR = ESCO + "1b8c75a9-407b-4554-a7d6-df391672c6b1"  # landbouwmachinist (8341)


def test_the_language_aim_follows_a_wish_below_the_persons_level() -> None:
    """A teacher of the lower grades who wants work as an onderwijsassistent for now had a C1 aim
    from the teacher's job at her level; the wished occupation comes first: B1, as the
    onderwijsassistent asks."""
    text, why = _step(_run(_persona(TEACHER)), "language")
    assert "Nederlands B1" in text and "onderwijsassistent" in why, (text, why)
    assert "C1" not in text


def test_a_suggestion_neither_wished_nor_at_level_sets_no_language_aim() -> None:
    """A woman who led a hotel's room cleaning got a B2 aim from a reservations manager ranked
    tenth, neither wished nor at her level. The aim comes from the wished work and work at level;
    none of it asks more than she has, so the integration law's B1 is the aim."""
    profile = _persona(HOUSEKEEPING)
    result = _run(profile)
    index = _ref().suggest_index
    person = person_of(profile, index, "nl")
    view = in_view(index, person, result.suggestions)
    assert all(s.at_level or index.by_uri.get(s.uri) in person.wish_cands for s in view)
    assert any(s.dutch_needed == "B2" and not s.at_level for s in result.suggestions)  # still shown
    text, why = _step(result, "language")
    assert "Nederlands B1" in text and "Wet inburgering" in why, (text, why)
    _, why_en = _step(_run(profile, "en"), "language", "en")
    assert "B2" not in why_en, why_en


def test_a_wish_that_several_occupations_share_sets_no_language_aim() -> None:
    """'machinist', which the coder did not settle, is the exact label of a stage machinist and three
    others besides the train driver's work: it sets no aim, the train driver's work at level does. A
    wish the coder settled ('onderwijsassistent', whose label a university assistant shares) does."""
    _, why = _step(_run(_persona("ukrainian_train_driver_temporary_protection")), "language")
    assert "treinmachinist" in why and "podiummachinist" not in why, why
    teacher = next(PERSONAS.glob("eritrean_*_teacher_certificate_no_documents.json")).stem  # seventh review
    _, why_teacher = _step(_run(_persona(teacher)), "language")
    assert "onderwijsassistent" in why_teacher and "C1" not in why_teacher, why_teacher


def test_a_wish_coded_to_a_regulated_group_is_no_protected_title() -> None:
    """The teacher's wish 'overblijfmoeder' is coded to the childcare group, whose regulated profession
    (the childcare worker's qualification requirement) protects no title: the step says a regulated
    profession, in both languages."""
    text, _ = _step(_run(_persona(TEACHER)), "protected_title")
    assert "gereglementeerd beroep" in text and "beschermde titel" not in text, text
    en, _ = _step(_run(_persona(TEACHER), "en"), "protected_title", "en")
    assert "regulated profession" in en and "protected title" not in en, en


def test_an_unfinished_nursing_study_is_not_sent_to_the_foreign_diploma_procedure() -> None:
    """Two of four years of a nursing bachelor beside a finished school certificate: the wished nursing
    has no finished diploma to recognise, so the way in is the Dutch programme. With the study
    finished, the step gives the route for a foreign diploma."""
    profile = _persona(NURSING)
    text, _ = _step(_run(profile), "protected_title")
    assert "Nederlandse opleiding die het diploma geeft" in text, text
    finished = [
        e.model_copy(update={"completed": True}) if e.completed is False else e for e in profile.education
    ]
    done = profile.model_copy(update={"education": finished})
    text_done, _ = _step(_run(done), "protected_title")
    assert "Nederlandse opleiding die het diploma geeft" not in text_done
    assert "verklaring van vakbekwaamheid" in text_done, text_done


def test_a_wish_that_names_its_coded_occupation_leads_the_learn_work_step() -> None:
    """'winkelmedewerker supermarkt', coded with doubt to ESCO's winkelmedewerker, made every occupation of
    its unit group equally wished, and the Z-route client's learn-work step went to a dealer in
    antiques. The wish holds the coded occupation's preferred label: it names that occupation, whose
    step comes before the group's. A wish in other words stays a group wish."""
    profile = _persona(SHOP)
    index = _ref().suggest_index
    named = person_of(profile, index, "nl").wish_listed
    assert [index.cands[i].label_nl for i in named] == ["winkelmedewerker"]
    text, _ = _step(_run(profile), "dual_route")
    assert "winkelmedewerker" in text and "antiquair" not in text, text
    other = profile.model_copy(
        update={
            "wishes": profile.wishes.model_copy(
                update={
                    "occupations": ["werken in de supermarkt"],
                    "coded": [
                        w.model_copy(update={"text": "werken in de supermarkt"}) for w in profile.wishes.coded
                    ],
                }
            )
        }
    )
    assert not person_of(other, index, "nl").wish_listed


def test_a_tractor_on_the_public_road_needs_licence_t() -> None:
    """A crane man whose licences do not count here had the landbouwmachinist as a
    direct start, and a farm hand without a licence had it without naming one. Licence T is needed on
    the public road since 1 July 2015; a Dutch licence C gives the right too."""
    profile = _persona(FARMHAND)
    explained = explain(profile, ref=_ref(), occupation=TRACTOR)
    assert explained.suggestion.route != "direct"
    assert "rijbewijs T" in " ".join(g.render("nl") for g in explained.suggestion.gaps)
    with_c = profile.model_copy(update={"driving_licences": ["C"], "driving_licence_country": "NL"})
    gaps = " ".join(g.render("nl") for g in explain(with_c, ref=_ref(), occupation=TRACTOR).suggestion.gaps)
    assert "rijbewijs T" not in gaps, gaps
    # the crane man of the tenth review, licences B and C from a country not recorded, had it direct
    crane = explain(_persona("turkish_crane_man_no_papers"), ref=_ref(), occupation=TRACTOR).suggestion
    assert crane.route != "direct" and "rijbewijs T" in " ".join(g.render("nl") for g in crane.gaps)


def test_the_report_without_sensitive_details_leaves_out_the_knee_and_the_grandchild() -> None:
    """The intake of the woman who led a hotel's room cleaning holds health limits and a note about
    a knee operation; the teacher's, care duties and a note about a grandchild. The report without
    ``--include-sensitive`` shows none of them, nor the plan's health talk or care step."""
    words = {
        HOUSEKEEPING: ("knie", "knee", "lang staan", "bedrijfsarts", "occupational physician"),
        TEACHER: ("kleinkind", "grandchild", "kinderopvangtoeslag", "childcare benefit"),
    }
    for name, banned in words.items():
        for lang in ("nl", "en"):
            path = str(PERSONAS / f"{name}.json")
            r = CliRunner().invoke(app, ["report", path, "--format", "md", "--lang", lang])
            assert r.exit_code == 0, r.output
            low = r.output.lower()
            for word in banned:
                assert word not in low, (name, lang, word)
