"""Advice rules from the twelfth expert review (docs/advice.md, "Twelfth expert review"): work on
refrigeration and air-conditioning equipment with F-gases, which Dutch rules reserve for certified
technicians, was a direct start; so was killing animals in a slaughterhouse, which the EU asks a
certificate of competence for; a client exempt from integration was sent to the onderwijsroute's
taalschakeltraject first, and an Entree diploma was not read as the way into mbo level 2; a motorcycle
courier needed no licence; aircraft electronics was open work."""

from __future__ import annotations

from typer.testing import CliRunner

from skilltool.cli import app
from skilltool.models import say
from skilltool.models.regulated import RegulatedProfession
from skilltool.suggest_explain import explain
from tests.test_personas import PERSONAS, _ref
from tests.test_personas import persona as _persona
from tests.test_personas import run_suggest as _run
from tests.test_personas import step_texts as _step

AIRCO = "libyan_airco_technician_no_documents"
SLAUGHTER = "pakistani_abattoir_slaughterman_matric"
ENTREE = "guinean_20_former_minor_entree_diploma"
COURIER = "congolese_motorbike_taxi_and_barber_resettled"
CABLES = "stateless_kuwaiti_telecom_line_installer_knee"

ESCO = "http://data.europa.eu/esco/occupation/"
BUTCHER = ESCO + "37c7880e-cfee-4c41-a41b-061682fefde3"
SLAUGHTERERS = (
    ESCO + "34ec79d0-85fb-445a-a5f2-df51b70c6375",
    ESCO + "d47d495f-159b-40c9-b3d2-6b651c903e28",
    ESCO + "f1783e61-38b7-468e-b495-9c3c92f5ab0d",
)
AVIONICS = ESCO + "d9ab0f3d-078d-42a7-a502-3e739e0aeff6"


def _profession(pid: str) -> RegulatedProfession:
    return next(p for p in _ref().regulated_nl.professions if p.id == pid)


def test_refrigeration_work_needs_the_f_gas_certificate() -> None:
    """Eighteen years of installing air conditioning and filling refrigerant were a direct start "soon".
    Work on such equipment with F-gases is reserved for certified companies whose technicians hold the
    F-gas personal certificate (InfoMil, RVO): the own trade is recognition first, and the step names the
    certificate."""
    prof = _profession("koeltechniek_fgassen")
    assert prof.sources and prof.by_exam and prof.learn_work and not prof.isco
    result = _run(_persona(AIRCO))
    own = [s for s in result.own_trade if s.isco == "3115"]
    assert own and all(s.route == "recognition_first" for s in own)
    assert "F-gassen" in _step(result, "recognition")[0]
    en = _run(_persona(AIRCO), "en")
    assert "F-gas personal certificate" in _step(en, "recognition", "en")[0]
    placement, _ = _step(result, "work_experience")
    assert not any(s.label in placement for s in own), placement


def test_killing_animals_needs_the_certificate_of_competence_and_cutting_meat_does_not() -> None:
    """The slaughterman of twenty years was a direct start with HACCP only. Handling, stunning and
    killing animals needs the certificate of competence of Regulation (EC) No 1099/2009 art. 7: ESCO's
    slaughterer and the two ritual slaughterers are matched, the butcher (who does not kill) is not."""
    prof = _profession("slachter_vakbekwaamheid")
    assert prof.sources and prof.by_exam and prof.learn_work
    index = _ref().suggest_index
    assert all(index.reg_by_uri.get(uri) == "slachter_vakbekwaamheid" for uri in SLAUGHTERERS)
    assert BUTCHER not in index.reg_by_uri
    result = _run(_persona(SLAUGHTER))
    own = [s for s in result.own_trade if s.isco == "7511"]
    assert own and all(s.route == "recognition_first" for s in own)
    assert "1099/2009" in " ".join(g.render("nl") for g in own[0].gaps)
    text, _ = _step(result, "recognition")
    assert "getuigschrift van vakbekwaamheid" in text, text


def test_an_exempt_client_is_not_sent_to_the_taalschakeltraject() -> None:
    """A former minor with a Dutch Entree diploma and Dutch B1, exempt from integration, had the
    onderwijsroute's taalschakeltraject as his first step because the intake still named that route. A
    leerroute is the route of someone obliged to integrate: exempt (or finished) takes none. Obliged, the
    step stays."""
    profile = _persona(ENTREE)
    assert profile.dutch.inburgering == "exempt" and profile.dutch.integration_route == "onderwijs"
    texts = [say(n.text, "nl") for n in _run(profile).next_steps]
    assert not any("taalschakeltraject" in t for t in texts), texts
    dutch = profile.dutch.model_copy(update={"inburgering": "obliged"})
    obliged = profile.model_copy(update={"dutch": dutch})
    first, _ = _step(_run(obliged), "education")
    assert "taalschakeltraject" in first, first


def test_an_entree_diploma_leads_to_mbo_level_2() -> None:
    """The education step's reason named no diploma for the holder of an Entree diploma (not a
    startkwalificatie); it now says the diploma gives access to mbo level 2, the startkwalificatie."""
    _, why = _step(_run(_persona(ENTREE)), "education")
    assert "entreediploma" in why and "niveau 2" in why and "startkwalificatie" in why, why
    _, why_en = _step(_run(_persona(ENTREE), "en"), "education", "en")
    assert "level 2" in why_en, why_en


def test_a_motorcycle_courier_needs_licence_a() -> None:
    """The motorcycle taxi rider with a Ugandan licence A had motorcycle courier work as a direct start
    "soon" and his placement there, while the licence step said his licence is not valid here. The work
    asks licence A: a route with the licence, and the placement elsewhere. With an EU licence A2 it is a
    direct start."""
    result = _run(_persona(COURIER))
    own = [s for s in result.own_trade if s.isco == "8321"]
    assert own and all(s.route == "dual" for s in own)
    assert "rijbewijs A" in " ".join(g.render("nl") for g in own[0].gaps)
    placement, _ = _step(result, "work_experience")
    assert all(s.label not in placement for s in own), placement
    profile = _persona(COURIER)
    eu = profile.model_copy(update={"driving_licences": ["A2"], "driving_licence_country": "NL"})
    assert all(s.route == "direct" for s in _run(eu).own_trade if s.isco == "8321")


def test_aircraft_electronics_is_part_66_work() -> None:
    """The telecom cable installer got the avionics technician as a direct start. Maintenance of an
    aircraft's electronics falls under Part-66 (ILT) like the rest of its maintenance: matched to that
    profession, never direct."""
    assert _ref().suggest_index.reg_by_uri.get(AVIONICS) == "vliegtuigonderhoud"
    explained = explain(_persona(CABLES), ref=_ref(), occupation=AVIONICS)
    assert explained.suggestion.regulated and explained.suggestion.route != "direct"


def test_the_report_without_sensitive_details_leaves_out_the_knee_and_the_children() -> None:
    """The cable installer's intake holds health limits, care duties and a caseworker's note about his knee
    and his children. The printable report without ``--include-sensitive`` (the one an employer may see)
    shows none of them, in either language and format; the plan's health talk and care steps stay out too."""
    path = str(PERSONAS / f"{CABLES}.json")
    for fmt in ("md", "html"):
        for lang in ("nl", "en"):
            r = CliRunner().invoke(app, ["report", path, "--format", fmt, "--lang", lang])
            assert r.exit_code == 0, r.output
            low = r.output.lower()
            for word in ("knie", "knee", "kinderen", "partner", "bedrijfsarts", "kinderopvang", "childcare"):
                assert word not in low, (fmt, lang, word)
