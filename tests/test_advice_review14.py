"""Advice rules from the fourteenth expert review (docs/advice.md, "Fourteenth expert review"): the
learn-work step went to work that only shares ESCO skills beside the person's own work open to
them, and to an occupation that merely shares the wish's label; ESCO's babysitter and nanny carried
the childcare worker's qualification route; a goods transport business was offered a restart with
nothing about the NIWO's licence; a wish for an own business coded to a manager set a B2 aim and an
hbo route."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from skilltool.cli import app
from skilltool.models import WorkExperience, say
from skilltool.suggest_explain import explain
from skilltool.suggest_person import business_wish, person_of
from tests.test_personas import PERSONAS, _ref
from tests.test_personas import persona as _persona
from tests.test_personas import run_suggest as _run
from tests.test_personas import step_texts as _step

DAIRY = "turkish_57_own_dairy_farm_agricultural_engineer"  # thirteenth review
TRANSPORT = "srilankan_49_own_lorries_wants_transport_firm"
CATERING = "sudanese_39_cooked_for_weddings_at_home_wants_own_business"
CNC = "yemeni_31_moroccan_dts_draaien_en_frezen"
PIANO = "belarusian_44_taught_piano_twenty_hours_health"

ESCO = "http://data.europa.eu/esco/occupation/"


def _actions(name: str) -> dict[str, str]:
    return {n.action: say(n.text, "nl") for n in _run(_persona(name)).next_steps}


def test_no_learn_work_step_on_shared_skills_beside_own_open_work() -> None:
    """The dairy farmer of 24 years was sent to a zoo keeper's BBL, the barista and the woman who led
    a hotel's room cleaning to a flight attendant's, a baker to a sauce line's: each fit on
    shared ESCO skills alone, beside their own work open to them. No learn-work step names such work
    now; the suggestions still show it."""
    for name, job in (
        (DAIRY, "dierenverzorger dierentuin"),
        ("eritrean_21_left_school_at_16_barista", "steward/stewardess"),
        ("yemeni_50_led_hotel_huishouding_knee_24h", "steward/stewardess"),
        ("syrian_24_family_bakery_basic_education", "sausbereider"),
    ):
        steps = _actions(name)
        assert job not in steps.get("dual_route", ""), (name, steps.get("dual_route"))
    assert any(s.label == "dierenverzorger dierentuin" for s in _run(_persona(DAIRY)).suggestions)


def test_the_learn_work_step_prefers_interim_work_of_the_field_to_shared_skills() -> None:
    """A man who taught mathematics at a secondary school had his learn-work step towards a
    university lecturer (shared skills, a route of years at hbo/wo) while the onderwijsassistent,
    interim work of his field, was also on a learn-work route: the field's work comes first."""
    text, _ = _step(_run(_persona("turkish_teacher")), "dual_route")
    assert "onderwijsassistent" in text and "hoger onderwijs" not in text, text


def test_a_wish_label_another_occupation_shares_leads_no_learn_work_step() -> None:
    """A machining wish coded (unsure) to ESCO's operator CNC-machine is also the exact label of an
    ISCO 2514 occupation: the learn-work step sent a machinist whose own work is a direct start to an
    hbo programme in software. Now there is no learn-work step; the 2514 occupation is still in the
    own trade as a wish to talk over."""
    result = _run(_persona(CNC))
    assert "dual_route" not in [n.action for n in result.next_steps]
    assert any(s.isco == "2514" for s in result.own_trade)


def test_a_babysitter_has_the_gastouder_route_not_the_childcare_workers() -> None:
    """ESCO's babysitter and nanny (ISCO 5311) fell under the pedagogisch medewerker's route by
    prefix (a qualifying mbo-3 diploma, 3F). Minding children needs no diploma; registered childminding
    (gastouder, for the parents' childcare benefit) asks an mbo-2 diploma or an ervaringscertificaat,
    first aid for children, a VOG and the persons register, through a gastouderbureau (section 21).
    ESCO's medewerker kinderdagverblijf keeps the pedagogisch medewerker's route."""
    index = _ref().suggest_index
    by_label = {c.label_nl: c.uri for c in index.cands if c.isco == "5311"}
    assert index.reg_by_uri[by_label["oppas"]] == "gastouder"
    assert index.reg_by_uri[by_label["nanny"]] == "gastouder"
    assert index.reg_by_uri[by_label["medewerker kinderdagverblijf"]] == "kinderopvang"
    profile = _persona("yemeni_minded_neighbours_children_wishes_gastouder")
    gaps = " ".join(
        g.render("nl") for g in explain(profile, ref=_ref(), occupation=by_label["oppas"]).suggestion.gaps
    )
    assert "gastouderbureau" in gaps and "Landelijk Register Kinderopvang" in gaps, gaps
    assert "pedagogisch medewerker" not in gaps


def test_a_goods_transport_business_needs_the_niwo_licence() -> None:
    """A man who ran three lorries for fifteen years was offered a restart through the Bbz and the
    KVK only. Carrying goods for others with more than 500 kg payload needs the NIWO's Eurovergunning
    with a vervoersmanager's vakdiploma (niwo.nl); a shoe repair workshop's restart does not."""
    text, _ = _step(_run(_persona(TRANSPORT)), "entrepreneurship")
    assert "Eurovergunning" in text and "NIWO" in text, text
    en, _ = _step(_run(_persona(TRANSPORT), "en"), "entrepreneurship", "en")
    assert "Eurovergunning" in en and "vervoersmanager" in en, en
    shoes, _ = _step(_run(_persona("chinese_52_own_shoe_workshop_wants_key_shop")), "entrepreneurship")
    assert "NIWO" not in shoes and "exploitatievergunning" not in shoes, shoes


def test_a_wish_for_an_own_business_coded_to_a_manager_is_no_job_wish() -> None:
    """'eigen cateringbedrijf' is coded to ESCO's restaurantmanager: the home caterer's language step aimed
    at B2 for that manager, her learn-work step was an hbo programme, and the manager stood in her
    own trade. The wish is to run a business: the own-business step takes it up, the cook's B1 sets
    the aim."""
    profile = _persona(CATERING)
    result = _run(profile)
    assert not any(s.isco.startswith("1412") for s in (*result.suggestions, *result.own_trade))
    actions = [n.action for n in result.next_steps]
    assert "entrepreneurship" in actions and "dual_route" not in actions, actions
    text, why = _step(result, "language")
    assert "Nederlands B1" in text and "restaurantmanager" not in why, (text, why)
    assert not person_of(profile, _ref().suggest_index, "nl").wish_listed & {
        i for i, c in enumerate(_ref().suggest_index.cands) if c.isco == "1412"
    }


@pytest.mark.parametrize(
    ("text", "isco", "expected"),
    [
        ("eigen cateringbedrijf", "1412", True),
        ("eigen transportbedrijf", "1324", True),
        ("own company", "1324", True),
        ("eigen kapsalon", "5141", False),  # the hairdresser's trade is the wish
        ("restaurantmanager", "1412", False),  # a job wish
        ("eigen bedrijf", None, False),
    ],
)
def test_business_wish(text: str, isco: str | None, expected: bool) -> None:
    """A wish counts as a wish to run an own business only when it says so and the coder read it as
    a manager (ISCO major group 1): 'eigen kapsalon' stays the hairdresser's wish."""
    assert business_wish(text, isco) is expected


def test_two_jobs_at_once_recorded_apart_are_both_in_the_own_trade() -> None:
    """Offices at night and a wasstraat by day in one answer were coded to one occupation (the coder's
    input, reported); the intake's help now says to record two jobs apart. Recorded apart, both are
    in the own trade."""
    profile = _persona("iraqi_47_night_offices_and_wasstraat")
    night = profile.work[0]
    wash = night.alternatives[0]  # autopoetser, the coder's second reading
    day = WorkExperience.model_validate(
        night.model_dump()
        | {"title": "autowassen bij een wasstraat", "coded": wash.model_dump(), "alternatives": []}
    )
    apart = profile.model_copy(update={"work": [night, day, *profile.work[1:]]})
    own = {s.isco for s in _run(apart).own_trade}
    assert {"9112", "9122"} <= own, own


def test_the_report_without_sensitive_details_leaves_out_the_health_limit_and_care() -> None:
    """The piano teacher's intake holds a health limit and a note about rheumatism; the home caterer's,
    care duties. The report without ``--include-sensitive`` shows none of them."""
    words = {
        PIANO: ("reuma", "rheumat", "bedrijfsarts", "occupational physician", "20 uur"),
        CATERING: ("kinderopvangtoeslag", "childcare benefit", "zorgtaken", "care duties"),
    }
    for name, banned in words.items():
        for lang in ("nl", "en"):
            r = CliRunner().invoke(
                app, ["report", str(PERSONAS / f"{name}.json"), "--format", "md", "--lang", lang]
            )
            assert r.exit_code == 0, r.output
            low = r.output.lower()
            for word in banned:
                assert word not in low, (name, lang, word)


def test_a_wished_business_without_one_before_gets_the_start_routes() -> None:
    """The own-business step read past work only: a client who had worked for others and wants her
    own catering business here got nothing on the KVK or the Bbz. The wish now leads the step, worded
    as a start, not a restart; with an own business before, the restart's wording stays."""
    profile = _persona(CATERING)
    employed = [
        w.model_copy(update={"kind": "employed", "title": "koken in loondienst"}) for w in profile.work
    ]
    result = _run(profile.model_copy(update={"work": employed}))
    text, why = _step(result, "entrepreneurship")
    assert "KVK" in text and "opnieuw" not in text and "eigen cateringbedrijf" in why, (text, why)
    again, _ = _step(_run(profile), "entrepreneurship")
    assert "opnieuw" in again, again
    en, _ = _step(_run(profile.model_copy(update={"work": employed}), "en"), "entrepreneurship", "en")
    assert "again" not in en and "Bbz" in en, en
