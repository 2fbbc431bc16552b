"""Advice rules from the twenty-third expert review (docs/advice.md, "Twenty-third expert review"): a
driver of lorries with a Dutch licence C and code 95 read "rijbewijs CE" as a gap and was sent to the
recognition route and the CBR's exams; a guard with the Dutch Beveiliger diploma was sent to the
recognition route too; a training title of Wet BIG art. 34 (the pharmacy's assistant) read as if the work
were reserved; a conscript was sent to an EVC towards nursing she never did; the childcare sentence under
temporary protection named conditions that are not hers; ``suggest`` did not print the steps the
caseworker and the client had agreed."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from skilltool import yamlio
from skilltool.cli import app
from skilltool.models import say
from skilltool.models.regulated import RegulatedProfession
from tests.test_personas import PERSONAS, _ref
from tests.test_personas import persona as _persona
from tests.test_personas import run_suggest as _run
from tests.test_personas import step_texts as _step_texts

from .conftest import REPO

LORRY = "syrian_47_dutch_c_code95_wants_distribution"
LORRY_B_ONLY = "yemeni_driver_of_lorries"  # a Dutch B only: C and code 95 are gaps
GUARD = "eritrean_35_dutch_beveiliger_diploma_wants_parking_control"
PHARMACY = "iraqi_34_medicines_institute_mosul_wants_apotheek"
RADIOGRAPHER = "iranian_radiographer_kardani"  # art. 34 too, not marked: radiation rules not read
CONSCRIPT = "eritrean_24_grade12_certificate_held_at_sawa"
HOUSEHOLD = "eritrean_44_husband_on_wia_household_work_dubai"
PROTECTED_MOTHER = "ukrainian_33_temporary_protection_two_children_supermarket"
OBLIGED_MOTHER = "eritrean_33_single_mother_two_toddlers_wants_care_32h"  # twenty-second review
KITCHEN_OFFER = "turkish_38_lokanta_kitchen_offer_agreed"


def test_a_lorry_needs_licence_c_not_ce() -> None:
    """Licence C drives a lorry; CE is for a lorry with a trailer over 750 kg (rijnberg-opleidingen.nl): the
    certificate rule of 8332 asks B, C and code 95, and names CE in its note only."""
    rule = next(r for r in _ref().suggest_weights.certificate_rules if r.isco == ["8332"])
    assert rule.driving_licences == ["B", "C"] and "CE" in rule.note.nl
    gaps = " | ".join(g.render("nl") for s in _run(_persona(LORRY_B_ONLY)).suggestions for g in s.gaps)
    assert "rijbewijs C" in gaps and "rijbewijs CE" not in gaps


def test_dutch_licence_and_code95_leave_nothing_to_recognise() -> None:
    """A driver who took licence C and code 95 here has passed the profession's Dutch exams: the step says no
    recognition is needed and sends him to apply, without the CBR's exams for a foreign licence or a shadowing
    placement. Without code 95 the recognition route is back."""
    result = _run(_persona(LORRY))
    text, why = _step_texts(result, "recognition")
    assert "geen erkenning nodig" in text and "rijbewijs C, code 95" in text
    assert "theorie- en praktijkexamen" not in text and "niet zelfstandig" not in why
    assert "Solliciteer als vrachtwagenchauffeur" in _step_texts(result, "work_experience")[0]
    without = _persona(LORRY).model_copy(update={"certificates": []})
    assert _step_texts(_run(without), "recognition")[0].startswith("Haal de Nederlandse papieren")


def test_a_dutch_guard_diploma_leaves_nothing_to_recognise() -> None:
    """The Dutch diploma Beveiliger is what the Wpbr asks; the police chief's consent is the employer's part
    when hiring. With it no recognition route and no unpaid placement in his own work; the same diploma from
    abroad keeps the route (without the SVPB's certificate Beveiliger 2, which the twenty-fourth review reads
    as the Dutch diploma too)."""
    result = _run(_persona(GUARD))
    text, _ = _step_texts(result, "recognition")
    assert "geen erkenning nodig" in text and "korpschef" in text
    assert "Solliciteer als beveiliger" in _step_texts(result, "work_experience")[0]
    profile = _persona(GUARD)
    abroad = profile.model_copy(
        update={
            "education": [e.model_copy(update={"country": "ER"}) for e in profile.education],
            "certificates": ["BHV"],
        }
    )
    assert _step_texts(_run(abroad), "recognition")[0].startswith("Haal de Nederlandse papieren")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_training_title_protects_the_title_not_the_work(lang: str) -> None:
    """Wet BIG article 34 protects the pharmacy's assistant's training title (dekroon-zorgverlener.nl): the
    recognition step's reason says the person may not use the title, not that the work may not be done, and
    the placement is work under supervision without the title, not shadowing only."""
    result = _run(_persona(PHARMACY))
    _, why = _step_texts(result, "recognition", lang)
    assert ("artikel 34" if lang == "nl" else "article 34") in why
    assert ("niet zelfstandig" if lang == "nl" else "independently") not in why
    placement, _ = _step_texts(result, "work_experience", lang)
    assert ("zonder de titel" if lang == "nl" else "without using the title") in placement


def test_training_titles_are_marked_where_read() -> None:
    """The flag is set on the article-34 titles whose work was read as open under supervision; the
    radiographers (radiation protection rules) are not marked and keep shadowing until recognition."""
    data = yamlio.loads((REPO / "data" / "regulated_nl.yaml").read_text("utf-8"))
    article_34 = {p["id"] for p in data["professions"] if "artikel 34" in p["registry"]["nl"]}
    regulated = _ref().suggest_index.regulated
    marked = {rid for rid, reg in regulated.items() if reg.training_title}
    assert marked < article_34 and len(marked) == 10  # no article 3 profession, no other law's
    own = _run(_persona(PHARMACY)).own_trade[0]
    assert _ref().suggest_index.reg_by_uri[own.uri] in marked
    assert "radiodiagnostisch_laborant" in article_34 - marked
    assert "meekijken" in _step_texts(_run(_persona(RADIOGRAPHER)), "work_experience")[0]


def test_no_evc_towards_work_never_done() -> None:
    """An ervaringscertificaat assesses what someone did: a conscript without papers who wishes nursing got an
    EVC step towards a head nurse's work, which fits her by a wish only. Household work done abroad keeps its
    EVC towards cleaning."""
    assert "evc" not in [n.action for n in _run(_persona(CONSCRIPT)).next_steps]
    assert "evc" in [n.action for n in _run(_persona(HOUSEHOLD)).next_steps]


def test_childcare_under_temporary_protection_follows_paid_work() -> None:
    """Under temporary protection the childcare allowance is there for a parent in paid employment, also with
    a partner outside the EU (Kamerstuk 36241, nr. 6; rijksoverheid.nl 2024-11-19); a route to work or the
    compulsory integration is not named. Someone obliged to integrate keeps the general sentence."""
    result = _run(_persona(PROTECTED_MOTHER))
    nl = next(say(n.text, "nl") for n in result.next_steps if n.action == "care")
    en = next(say(n.text, "en") for n in result.next_steps if n.action == "care")
    assert "in loondienst" in nl and "verplichte inburgering" not in nl
    assert "paid employment" in en and "compulsory integration" not in en
    obliged = next(say(n.text, "nl") for n in _run(_persona(OBLIGED_MOTHER)).next_steps if n.action == "care")
    assert "verplichte inburgering" in obliged


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_suggest_prints_the_agreed_steps(lang: str) -> None:
    """A man with a kitchen job offer agreed to sign the contract; ``suggest`` printed only its own proposals,
    a trial placement among them. The agreed steps from the profile come first, under their own heading."""
    r = CliRunner().invoke(app, ["suggest", str(PERSONAS / f"{KITCHEN_OFFER}.json"), "--lang", lang])
    assert r.exit_code == 0, r.output
    heading = "Afgesproken stappen" if lang == "nl" else "Agreed steps"
    nxt = "Volgende stappen" if lang == "nl" else "Next steps"
    assert heading in r.stdout and "Arbeidscontract" in r.stdout
    assert r.stdout.index(heading) < r.stdout.index("Arbeidscontract") < r.stdout.index(nxt)
    other = CliRunner().invoke(app, ["suggest", str(PERSONAS / f"{PHARMACY}.json"), "--lang", lang])
    assert other.exit_code == 0, other.output
    assert heading not in other.stdout


def test_a_dutch_route_without_diploma_words_is_for_exams_only() -> None:
    """``dutch_route`` without ``dutch_diploma`` is allowed for a profession of Dutch exams (code 95: the
    licences and certificates are the papers), not for one whose Dutch diploma must be named."""
    data = yamlio.loads((REPO / "data" / "regulated_nl.yaml").read_text("utf-8"))
    entry = next(p for p in data["professions"] if p["id"] == "beroepschauffeur")
    RegulatedProfession.model_validate(entry)
    with pytest.raises(ValidationError, match="dutch_diploma"):
        RegulatedProfession.model_validate({**entry, "by_exam": False})
