"""Advice rules from the sixteenth expert review (docs/advice.md, "Sixteenth expert review"): underground
mining was a direct start and a placement though no Dutch workplace exists; a babysitter had the
childcare worker's B2 and diploma; EVC aimed at work the person never did, or at bus driving, which
the CBR's exams enter; a learn-work step went to unwished work beside a wished job open now; foreign
schooling below a Dutch diploma was sent to IDW and EVC; an own-business wish the coder did not settle
became a receptionist's BBL; a placement was proposed for work the person does here already."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from skilltool.cli import app
from skilltool.models import say
from skilltool.suggest_highest import below_dutch
from skilltool.suggest_person import business_wish
from tests.test_personas import PERSONAS, _ref
from tests.test_personas import education as _edu
from tests.test_personas import persona as _persona
from tests.test_personas import run_suggest as _run
from tests.test_personas import steps as _steps

MINER = "turkish_45_coal_miner_lives_in_heerlen"  # fifteenth review
GREENHOUSE = "sudanese_22_westland_greenhouse_agency_wants_diploma"  # fifteenth review
BUS = "afghan_64_kabul_city_bus_driver_near_aow"  # fifteenth review
BANK = "iraqi_47_ran_a_bank_branch_wife_works"  # fifteenth review
CHILDCARE = "afghan_18_onderwijsroute_minded_siblings_wants_childcare"  # fifteenth review
IT_MBO = "eritrean_27_dutch_mbo4_it_wants_servicedesk"
HBO = "syrian_30_dutch_hbo_electrical_wants_grid"
GARAGE = "syrian_48_own_garage_homs_wants_garage_again"
CLEANER = "somali_35_hospital_cleaner_12h_wants_more_hours"
OCC = "http://data.europa.eu/esco/occupation/"


def test_underground_mining_is_not_practised_here() -> None:
    """The coal miner's own trade, ESCO's ondergronds mijnwerker, was a direct start with "zeer krap"
    from its BRC group and his placement; the last Dutch coal mine closed on 31 December 1974 and salt
    is won through wells. It is listed as not practised: the first gap says so and names related
    work, it is no suggestion, and the placement names other work."""
    result = _run(_persona(MINER))
    own = next(s for s in result.own_trade if s.uri == OCC + "4cdfac8c-b000-4279-985e-31bc1fbe2447")
    first = own.gaps[0].render("nl")
    assert "niet uitgeoefend" in first and "1974" in first and "operator tunnelboormachine" in first, first
    assert "1974" in own.gaps[0].render("en")
    assert all("ondergronds" not in s.label and "ondergrondse" not in s.label for s in result.suggestions)
    assert "ondergronds" not in _steps(MINER)["work_experience"]


def test_a_babysitter_has_no_childcare_workers_level_or_diploma() -> None:
    """ESCO's babysitter and nanny carry the gastouder's route, but ISCO 5311's prefix rules gave them
    the pedagogisch medewerker's B2 (3F) and "kwalificerend diploma kinderopvang". A gastouder speaks
    Dutch at work (no level stated): the skill level's A2 stands; the certificates are the
    gastouder's (mbo-2 Helpende Z&W, first aid for children). The childcare worker keeps
    B2 and the qualifying diploma."""
    own = {s.label: s for s in _run(_persona(CHILDCARE)).own_trade}
    sitter, worker = own["oppas"], own["medewerker kinderdagverblijf"]
    assert sitter.dutch_needed == "A2" and worker.dutch_needed == "B2"
    sitter_gaps = " ".join(g.render("nl") for g in sitter.gaps)
    assert "Helpende Z&W" in sitter_gaps and "kwalificerend diploma" not in sitter_gaps
    assert "kwalificerend diploma kinderopvang" in " ".join(g.render("nl") for g in worker.gaps)
    assert "Nederlands B2" not in _steps(CHILDCARE)["language"]


def test_evc_aims_at_the_own_past_work() -> None:
    """The greenhouse worker's EVC step aimed at ESCO's landbouwer gemengd bedrijf, the first job at his
    level, which he never did; an ervaringscertificaat certifies what the person did."""
    evc = _steps(GREENHOUSE)["evc"]
    assert "tuinbouwmedewerker" in evc and "landbouwer" not in evc, evc


def test_no_evc_towards_driving_work_entered_by_exams() -> None:
    """The bus driver of 64 had an EVC step towards bus driving, whose entry is licence D and code 95
    at the CBR: an ervaringscertificaat is no licence. Work entered by other exams whose papers an
    EVC may still give (the F-gas technician of the twelfth review) keeps the step."""
    assert "evc" not in _steps(BUS)
    assert "evc" in _steps("libyan_airco_technician_no_documents")


def test_no_learn_work_detour_beside_a_wished_job_open_now() -> None:
    """The man who ran a bank's branch wishes credit analysis, open to him, and was sent to a
    financial broker's BBL through his ISCO group's skills. Beside a wished direct start the
    learn-work step names only wished work or work the person did (the cheese maker keeps hers)."""
    assert "dual_route" not in _steps(BANK)
    assert "zuivelbereider" in _steps("iraqi_41_cheese_for_market_family_business_z_route")["dual_route"]


def test_a_dutch_diploma_covers_lower_foreign_schooling() -> None:
    """An mbo-4 graduate was sent to IDW (paid after integration) and to EVC for the papers of her
    school years in Eritrea; an hbo graduate to IDW for his Syrian secondary certificate. A finished
    Dutch diploma covers foreign schooling at or below its level; a foreign degree above it, or a
    degree without a known level beside mbo-4, is still evaluated."""
    for name in (IT_MBO, HBO):
        steps = _steps(name)
        assert "diploma_evaluation" not in steps and "evc" not in steps, (name, list(steps))
    mbo4, school = (
        _edu("NL", "mbo-4 diploma", 4),
        _edu("ER", "secondary school grade 10", None, completed=False),
    )
    degree, master = _edu("SY", "Bachelor of Law", None), _edu("SY", "Master of Science", 7)
    assert below_dutch([mbo4, school, degree, master]) == [school]
    assert below_dutch([school, degree]) == []  # no Dutch diploma
    assert below_dutch([_edu("NL", "hbo bachelor", 6), master]) == []


@pytest.mark.parametrize(
    ("text", "isco", "unsure", "expected"),
    [
        ("eigen garagebedrijf", "4226", True, True),  # a receptionists' group, to be checked
        ("eigen garagebedrijf", "4226", False, False),  # a settled coding stays the wish
        ("eigen cateringbedrijf", "1412", False, True),  # a manager (fourteenth review)
        ("automonteur", "7231", True, False),  # no business named
    ],
)
def test_business_wish(text: str, isco: str, unsure: bool, expected: bool) -> None:
    """A wish that names an own business is no job wish when the coder read it as a manager or did
    not settle its code."""
    assert business_wish(text, isco, unsure) is expected


def test_an_unsettled_own_business_wish_leads_no_receptionists_route() -> None:
    """The garage owner's wish 'eigen garagebedrijf', coded (to be checked) to receptionists' group
    4226, made his learn-work step a receptionist's BBL and put a receptionist among his suggestions.
    It is a wish to be self-employed: the own-business step takes it up."""
    result = _run(_persona(GARAGE))
    assert not any(s.isco == "4226" for s in result.suggestions)
    steps = {n.action: say(n.text, "nl") for n in result.next_steps}
    assert "receptionist" not in steps.get("dual_route", "") and "Bbz" in steps["entrepreneurship"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_work_done_here_is_applied_for_not_placed(lang: str) -> None:
    """A hospital cleaner of two years who wants more hours was sent to a trial placement as
    schoonmaker gebouwen. Work the person did in the Netherlands needs no placement: apply, or ask the
    employer for more hours; within a Dutch programme the workplace stays the programme's. Through
    the CLI, and the report without ``--include-sensitive`` keeps the care duties and notes out."""
    r = CliRunner().invoke(app, ["suggest", str(PERSONAS / f"{CLEANER}.json"), "--lang", lang])
    assert r.exit_code == 0, r.output
    assert ("meer uren" if lang == "nl" else "more hours") in r.output
    assert (
        "proefplaatsing, bijvoorbeeld als schoonmaker" if lang == "nl" else "placement, for example"
    ) not in r.output
    assert "BBL-werkplek" in _steps("eritrean_mbo3_bbl_in_progress")["work_experience"]
    rep = CliRunner().invoke(
        app, ["report", str(PERSONAS / f"{CLEANER}.json"), "--format", "md", "--lang", lang]
    )
    assert rep.exit_code == 0, rep.output
    low = rep.output.lower()
    assert not [w for w in ("ploegendienst", "basisschool", "kinderopvang", "childcare") if w in low]


def test_the_babysitters_certificate_rule_names_occupations_of_its_group() -> None:
    """A certificate rule by ESCO labels (``esco_en``) names occupations of its ISCO groups; the data
    check holds for the committed file."""
    weights = _ref().suggest_weights
    rule = next(r for r in weights.certificate_rules if r.esco_en)
    by_en = {o.label.get("en"): o.isco for o in _ref().occupations.occupations}
    assert all(any(by_en[label].startswith(code) for code in rule.isco) for label in rule.esco_en)


@pytest.mark.parametrize(("lang", "words"), [("nl", "niet uitgeoefend"), ("en", "not practised")])
def test_explain_says_not_practised_not_regulated(lang: str, words: str) -> None:
    """``explain`` of the miner's own trade said "not suggested (regulated)": underground mining is not
    regulated here, it is not practised."""
    r = CliRunner().invoke(
        app, ["explain", str(PERSONAS / f"{MINER}.json"), "ondergronds mijnwerker", "--lang", lang]
    )
    assert r.exit_code == 0, r.output
    rank = next(line for line in r.output.splitlines() if line.startswith(("positie", "rank")))
    assert words in rank and "regul" not in rank and "geregl" not in rank, rank
