"""Advice rules from the twenty-fifth expert review (docs/advice.md, "Twenty-fifth expert review"): a Dutch
diploma held as a certificate (the SVPB's Beveiliger) leaves short schooling abroad to IDW and EVC; an
ervaringscertificaat held still asked for EVC; Dutch exams (taxi, code 95, security) called a recognition
route; a wish naming the gastouder given the childcare worker's mbo-3 and 3F; a protected
title named among other words not found; a wished business in another trade worded as a restart of the
past one; the certificates step taken from a suggestion neither wished nor done."""

from __future__ import annotations

import pytest

from skilltool.models import Education, Profile
from skilltool.models.profile import Confirmation
from skilltool.suggest import wished_titles
from skilltool.suggest_highest import below_dutch
from tests.test_personas import _ref
from tests.test_personas import persona as _persona
from tests.test_personas import run_suggest as _run
from tests.test_personas import step_texts as _step_texts

GUARD = "afghan_27_beveiliger2_certificate_nine_school_years"
HOME_CARER = "somali_38_dutch_ervaringscertificaat_helpende_wants_ig"
TAXI = "afghan_37_kabul_taxi_dutch_b_licence_wants_taxi"
TEACHER = "iraqi_63_led_a_school_arabic_ma_aow_in_four_years"
MINDER = "iraqi_50_ontheffing_minded_grandchildren_wants_gastouder"
CLEANER = "sudanese_41_cleans_offices_one_client_wants_own_company"
DRIVER = "eritrean_35_dutch_b_licence_haulier_offers_lorry_training"
GARAGE = "syrian_48_own_garage_homs_wants_garage_again"  # twenty-first review: the same business again


def _sure(profile: Profile) -> Profile:
    """``profile`` with its job codes confirmed: a flagged code's recognition waits for that check
    (twenty-eighth review), which these tests are not about."""
    work = [j.model_copy(update={"confirmation": Confirmation(status="confirmed")}) for j in profile.work]
    return profile.model_copy(update={"work": work})


def _actions(result: object) -> list[str]:
    return [n.action for n in result.next_steps]  # type: ignore[attr-defined]


def test_below_dutch_takes_the_level_of_a_diploma_held_as_a_certificate() -> None:
    """Nine school years abroad without a level: covered beside a Dutch mbo-2 held as a certificate, as beside
    one in an education entry; not without it, and not twelve years (a full secondary course) beside mbo-2."""
    nine = Education(country="AF", qualification="negen jaar school in Herat", years=9, completed=False)
    twelve = Education(country="AF", qualification="school klas 12", years=12, completed=True)
    assert below_dutch([nine, twelve]) == []
    assert below_dutch([nine, twelve], held=2) == [nine]


def test_a_beveiliger_certificate_covers_short_schooling_abroad() -> None:
    """The SVPB's diploma Beveiliger is issued only with the mbo-2 diploma (`dutch_diploma_nlqf: 2`): a guard
    holding it is not sent to IDW, paid, nor to EVC towards shelf stacking, for nine school years in Herat.
    Without the certificate both come back."""
    reg = next(p for p in _ref().regulated_nl.professions if p.id == "beveiliger")
    assert reg.dutch_diploma_nlqf == 2 and "portsecuritycenter-svpb" in reg.sources
    actions = _actions(_run(_persona(GUARD)))
    assert "diploma_evaluation" not in actions and "evc" not in actions
    without = _persona(GUARD).model_copy(update={"certificates": ["BHV"]})
    assert {"diploma_evaluation", "evc"} <= set(_actions(_run(without)))


def test_an_ervaringscertificaat_held_asks_no_new_evc() -> None:
    """An ervaringscertificaat is what an EVC procedure gives: a home carer who holds the Dutch one for
    Helpende Zorg en Welzijn is not sent to EVC towards her own work again; without it she is."""
    assert "evc" not in _actions(_run(_persona(HOME_CARER)))
    without = _persona(HOME_CARER).model_copy(update={"certificates": []})
    assert "evc" in _actions(_run(without))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_dutch_exams_are_not_a_recognition(lang: str) -> None:
    """Taxi work asks Dutch exams and papers (chauffeursdiploma, VOG, Kiwa's card), no assessment of foreign
    papers (`by_exam`): the step says to get the Dutch papers, its reason and the gap say no recognition
    counts. A profession whose body assesses foreign papers (DUO for a teacher) keeps the recognition
    route."""
    result = _run(_persona(TAXI), lang)
    text, why = _step_texts(result, "recognition", lang)
    gaps = " | ".join(g.render(lang) for s in result.suggestions for g in s.gaps)
    if lang == "nl":
        assert text.startswith("Haal de Nederlandse papieren voor") and "erkenningsroute" not in text
        assert "geen erkenning van een buitenlands diploma" in why
        own, _ = _step_texts(result, "entrepreneurship")  # his own taxi: the business waits for the papers
        assert "Nederlandse papieren van het beroep" in own and "stap over erkenning" not in own
        assert (
            "Nederlandse examens of papieren nodig" in gaps and "erkenning nodig, gereglementeerd" not in gaps
        )
        assert _step_texts(_run(_sure(_persona(TEACHER))), "recognition")[0].startswith(
            "Start de erkenningsroute"
        )
    else:
        assert text.startswith("Get the Dutch papers for") and "recognition route" not in text
        assert "no recognition of a foreign diploma counts" in why
        assert "Dutch exams or papers needed" in gaps


def test_a_wish_naming_the_gastouder_gets_its_route() -> None:
    """'gastouder worden bij mij thuis', coded to ISCO group 5311, names the gastouder: the wished step
    gives the gastouderbureau's route (mbo-2 Helpende, first aid for children, VOG), not the childcare
    worker's mbo-3 and 3F. The same code with words that name no profession keeps the group's childcare
    worker."""
    text, _ = _step_texts(_run(_persona(MINDER)), "protected_title")
    assert "gastouder (geregistreerde gastouderopvang)" in text and "3F" not in text
    profile = _persona(MINDER)
    wish = profile.wishes.coded[0].model_copy(update={"text": "op kleine kinderen passen"})
    other = profile.model_copy(
        update={"wishes": profile.wishes.model_copy(update={"occupations": [wish.text], "coded": [wish]})}
    )
    text, _ = _step_texts(_run(other), "protected_title")
    assert "gastouder" not in text.split(":")[0] and "3F" in text and "mbo-3" in text


def test_a_protected_title_named_among_other_words() -> None:
    """A wish that says the protected title's wish name among other words ('... worden') names the title;
    the name alone still counts, a word that only starts like it does not (names read from the data)."""
    profile = _persona(HOME_CARER)
    name = next(p for p in _ref().regulated_nl.professions if p.id == "verzorgende_ig").wish_names[0]

    def titles(*wished: str) -> tuple[str, ...]:
        return wished_titles(
            _ref(),
            profile.model_copy(
                update={"wishes": profile.wishes.model_copy(update={"occupations": list(wished)})}
            ),
        )

    assert titles(f"{name} worden") == titles(name) != ()
    assert titles(f"{name}uana") == ()
    text, _ = _step_texts(_run(profile), "protected_title")
    assert "individuele gezondheidszorg" in text


def test_a_wished_business_in_another_trade_leads_the_step() -> None:
    """A man who cleans offices here and wants to clean as a zzp'er heard of restarting his Sudanese
    phone-card shop; the wished business leads, as a start, with the Wet DBA. A wish for the past business's
    own trade, or one the coder read as a manager's, keeps the restart (the garage owner of the twenty-first
    review)."""
    text, why = _step_texts(_run(_persona(CLEANER)), "entrepreneurship")
    assert "opnieuw" not in text and "Wet DBA" in text and "zzp'er kantoren schoonmaken" in why
    again, _ = _step_texts(_run(_persona(GARAGE)), "entrepreneurship")
    assert "opnieuw" in again


def test_the_certificates_step_takes_the_work_in_view() -> None:
    """A driver offered lorry work (C and code 95 through the haulier) read "Haal rijbewijs A" for a motorbike
    courier's job ranked above the lorry he wished: the step now names what the wished lorry asks."""
    result = _run(_persona(DRIVER))
    isco = [s.isco for s in result.suggestions]
    assert isco.index("8321") < isco.index("8332")  # the courier ranks first: the choice matters
    text, _ = _step_texts(result, "certificates")
    assert "rijbewijs C" in text and "code 95" in text and "rijbewijs A" not in text
