"""Answers that tell a situation, not an occupation (``coding_situations``), and the readings of the
thirteenth session: an activity named by its worker's own label goes unflagged, a seller in a shop,
a teacher of a primary school or a kindergarten, a software stack after the role, a place after a
workplace. Made-up answers in the intake's style; the coder on the committed data."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from skilltool import coding_situations, coding_support, textnorm
from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData
from tests.test_occupations_props import REPO_DATA


@functools.cache
def _coder() -> OccupationCoder:
    return OccupationCoder.from_reference(ReferenceData(REPO_DATA))


def _problem(text: str, lang: str = "nl") -> str | None:
    coder = _coder()
    return coding_support.prepare_title(text, coder._table.index, lang)[2]


@pytest.mark.parametrize(
    ("text", "lang", "problem"),
    [
        ("lange tijd ziek, geen werk", "nl", "health"),
        ("badly injured in the war, no work since", "en", "health"),
        ("drie jaar in de gevangenis", "nl", "detained"),
        ("prisoner 2015-2018", "en", "detained"),
        ("mantelzorg voor oma", "nl", "family_care"),  # informal care, without a possessive
        ("in het kamp, mocht niet werken", "nl", "not_work"),
        ("te jong om te werken", "nl", "not_work"),
        ("ondergedoken voor het leger", "nl", "not_work"),
        ("thuis", "nl", "not_work"),
        ("student farmacie, derde jaar", "nl", "not_work"),
        ("rechten gestudeerd, niet afgemaakt", "nl", "not_work"),  # the study word after its field
        ("pharmacy student in year 3", "en", "not_work"),
        ("taalcursus en inburgering", "nl", "not_work"),
        # the fifteenth session: no work told another way, a training begun, a wish to find work
        ("didn't work, her husband said no", "en", "not_work"),
        ("no job, stayed in the camp for years", "en", "says_none"),
        ("werkte niet, zorgde voor de kinderen", "nl", "not_work"),
        ("opleiding verpleegkunde gestart in NL", "nl", "not_work"),
        ("hbo-opleiding bedrijfskunde, eerste jaar", "nl", "not_work"),
        ("met pensioen sinds 2019, AOW", "nl", "not_work"),
        ("scholier toen hij vluchtte (16 jr)", "nl", "not_work"),
        ("ondergedoken om de dienstplicht te ontlopen", "nl", "not_work"),
        ("zoekt werk als schilder", "nl", "wish"),
        ("looking for work as a driver", "en", "wish"),
        ("alleen school, tot klas 10", "nl", "not_work"),  # schooling only, and its last grade
        ("came as a minor, only school here", "en", "not_work"),
        ("amv, naar school geweest", "nl", "not_work"),  # an unaccompanied minor
        ("mbo-opleiding logistiek, nog geen werk", "nl", "not_work"),
        ("wants any job, no experience yet", "en", "not_work"),
        ("hielp mijn moeder in het huishouden", "nl", "not_work"),
        ("unemployed, lived from money of family", "en", "not_work"),
        # the seventeenth session: short words that end like a role, unpaid work, a detention in
        # other words, a licence or a religious school as all that was done
        ("no job, an uncle sent some money", "en", "says_none"),  # "sent" ends like "docent"
        ("wiskunde gestudeerd, gestopt door de oorlog", "nl", "not_work"),  # "door" ends like "doctor"
        ("nooit een betaalde baan gehad", "nl", "not_work"),
        ("never had a paid job", "en", "not_work"),
        ("opgesloten in Libië, geen werk", "nl", "detained"),
        ("rijbewijs C gehaald in Syrië", "nl", "not_work"),
        ("alleen de koranschool gevolgd", "nl", "not_work"),
        ("asielprocedure, wachtte in het azc", "nl", "not_work"),
        # the eighteenth session: why and since when, a diploma beside the status, no job after
        # a study, the home in English, a former occupation not known
        ("werkloos geworden door de crisis", "nl", "not_work"),
        ("middelbare school diploma, daarna gevlucht", "nl", "not_work"),
        ("studied economics, no work afterwards", "en", "not_work"),
        ("economie gestudeerd, daarna geen werk", "nl", "not_work"),
        ("stayed at home with the younger siblings", "en", "not_work"),
        ("met pensioen, vorige beroep onbekend", "nl", "not_work"),
        # the nineteenth session: the way here, a permit, a school-leaving diploma by its own name,
        # a master's student, a status in brackets beside the client's own words for it
        ("onderweg naar Europa, 2 jaar", "nl", "not_work"),
        ("werkzoekend, geen werkvergunning", "nl", "not_work"),
        ("bachillerato, geen werk gevonden", "nl", "not_work"),
        ("tawjihi, no job afterwards", "en", "not_work"),
        ("masterstudent natuurkunde", "nl", "not_work"),
        ("master student in physics", "en", "not_work"),
        ("khanadar (huisvrouw)", "nl", "not_work"),
        ("in detention for a year", "en", "detained"),
        # the twentieth session: never worked with words between, a degree and its field alone
        ("nooit buiten de deur gewerkt", "nl", "not_work"),
        ("never really worked", "en", "not_work"),
        ("hbo bouwkunde, nog bezig", "nl", "not_work"),
        ("bachelor economie universiteit Aleppo", "nl", "not_work"),
        ("bsc civil engineering, Kabul university", "en", "not_work"),
    ],
)
def test_a_situation_is_no_occupation(text: str, lang: str, problem: str) -> None:
    assert _problem(text, lang) == problem
    result = _coder().code(text, lang=lang)
    assert not result.candidates and result.needs_review
    assert _coder().code_many([text, "lasser"], lang=lang)[0] == result


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("bewaker in de gevangenis", "nl"),  # a role in a prison: coded
        ("verpleegkundige, ziek geworden", "nl"),  # a title is always read
        ("Engelse les gegeven op een taalschool", "nl"),  # a course given is teaching
        ("stagiair, student bouwkunde", "nl"),  # a placement: coded
        ("internship for a finance student", "en"),
        ("student assistent", "nl"),
        ("dienstplicht", "nl"),  # conscription is armed forces work
        ("verpleegkundige, 3 jaar opleiding", "nl"),  # a title's schooling after it: coded
        ("no job title given, worked as a welder", "en"),  # a role after "no job": coded
        ("schoolconciërge", "nl"),  # a school's worker, not schooling
        ("leraar op een school", "nl"),
        ("kapper, in NL nog geen werk", "nl"),  # a role before "no work yet"
        ("docent op een koranschool", "nl"),  # a role at a school of any kind
        ("rijbewijs C, vrachtwagen gereden", "nl"),  # a licence and the work done with it
        ("docent, 3 jaar gewerkt", "nl"),  # an agent ending after a stem of three letters
        ("metselaar, werkloos door de oorlog", "nl"),  # a role beside the why
        ("worked from home as a tailor", "en"),  # the home as the workplace of a role
        ("kapper, daarna geen werk", "nl"),  # a role before "no work after"
        ("kok (werkloos)", "nl"),  # a role beside a status in brackets
        ("master electrician", "en"),  # a master of a trade is no master's degree
        ("bachelor verpleegkunde, werkte in een kliniek", "nl"),  # work beside the study
        ("hbo verpleegkundige", "nl"),  # a degree before a role: the role's level
        ("bsc verpleegkunde, ervaring op de IC", "nl"),  # experience beside the degree
        ("master data analist", "nl"),  # "master" opens roles too
        ("nooit als kok gewerkt, wel als schoonmaker", "nl"),  # a role beside "never"
    ],
)
def test_a_role_beside_the_situation_is_coded(text: str, lang: str) -> None:
    assert _problem(text, lang) not in ("health", "detained", "not_work", "says_none", "family_care")
    assert _coder().code(text, lang=lang).candidates


@pytest.mark.parametrize(
    ("title", "private"),
    [
        ("lange tijd ziek, geen werk", True),
        ("drie jaar in de gevangenis", True),
        ("mantelzorg voor oma", True),
        ("ik zorgde voor mijn moeder", True),
        ("student farmacie", False),  # a status, no special category
        ("bewaker in de gevangenis", False),
        ("verpleegkundige", False),
        ("", False),
    ],
)
def test_private_situations_are_known(title: str, private: bool) -> None:
    assert coding_situations.private_situation(title) is private


@pytest.mark.parametrize(
    ("text", "lang", "code"),
    [
        ("ik reed taxi", "nl", "8322"),  # the worker's own label: not flagged
        ("ik repareerde schoenen", "nl", "7536"),
        ("ik legde tegels", "nl", "7122"),
    ],
)
def test_an_activity_named_by_its_worker_goes_unflagged(text: str, lang: str, code: str) -> None:
    result = _coder().code(text, lang=lang)
    assert result.candidates[0].isco == code and not result.needs_review
    assert result.problem is not None and "activit" in result.problem  # still said to be a reading
    assert _coder().code_many([text, "lasser"], lang=lang)[0] == result


def test_a_weak_activity_reading_stays_flagged() -> None:
    result = _coder().code("ik maakte dingen van hout", lang="nl")
    assert result.needs_review


def test_a_farming_activity_stays_flagged() -> None:
    """The farming rule chose between the grower and the hired hand, not the client."""
    assert _problem("olijven telen") == "farm_activity"
    assert _coder().code("olijven telen", lang="nl").needs_review


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("basisschoolleraar", "2341"),  # Snowball read *schoolleraar* as an -er word
        ("lerares op een basisschool", "2341"),
        ("leerkracht op de kleuterschool", "2342"),
        ("kleuterschooljuf", "2342"),
    ],
)
def test_a_teacher_of_the_early_school(text: str, code: str) -> None:
    result = _coder().code(text, lang="nl")
    assert result.candidates[0].isco == code and not result.needs_review


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("verkoper in een schoenenwinkel", "nl"),  # was the shop's manager (1420)
        ("verkoopster kledingwinkel", "nl"),
        ("verkoper bij een telefoonwinkel", "nl"),  # no specialised seller: the plain label
        ("salesman in a phone shop", "en"),
        ("saleswoman at a shoe store", "en"),
    ],
)
def test_a_seller_in_a_shop_is_a_shop_seller(text: str, lang: str) -> None:
    assert _coder().code(text, lang=lang).candidates[0].isco == "5223"


def test_the_manager_of_a_shop_stays_a_manager() -> None:
    assert _coder().code("bedrijfsleider kledingwinkel", lang="nl").candidates[0].isco == "1420"


def test_the_stack_after_the_role_is_software_work() -> None:
    assert textnorm.normalize("programmeur java", lambda w: False) == "java software programmeur"
    assert _coder().code("ontwikkelaar python", lang="nl").candidates[0].isco.startswith("251")


def test_a_place_after_a_workplace_is_dropped() -> None:
    """ "in restaurant in" was one place match, and the city after it stayed in the title."""
    assert textnorm.normalize("kok in restaurant in aleppo") == "kok in restaurant"
    assert textnorm.normalize("cook at hotel in mosul") == "cook at hotel"


def test_own_health_and_a_detention_stay_out_of_a_batchs_outputs(tmp_path: Path) -> None:
    """A work title of one's own health or a detention is not coded (``health``, ``detained``) and,
    like family care, is no work experience: the words never reach the batch's outputs."""
    from typer.testing import CliRunner

    from skilltool.cli import app
    from tests.test_hostile_input import HEADER, export, row

    ill, held = row("UT-1"), row("UT-2")
    ill[HEADER.index("beroep_1")] = "lange tijd ziek met hernia, geen werk"
    held[HEADER.index("beroep_1")] = "twee jaar in de gevangenis"
    src = tmp_path / "in.csv"
    src.write_text(export([ill, held, row("UT-3")]), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["batch", str(src), "--out", str(out), "--json", "--lang", "en"])
    assert result.exit_code == 0, result.output
    profiles = [json.loads(line) for line in (out / "profiles.jsonl").read_text().splitlines()]
    assert [p["work"] for p in profiles[:2]] == [[], []] and profiles[2]["work"]
    for path in out.iterdir():
        text = path.read_text(encoding="utf-8", errors="replace")
        assert "hernia" not in text and "gevangenis" not in text, path.name
