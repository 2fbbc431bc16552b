"""``build_profile``: coding, review flags, derived skills, diploma indications, confirmation status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from skilltool import messages, profile_building
from skilltool.errors import InputFileError
from skilltool.models import DiplomaIndication, Profile
from skilltool.models.answers import IntakeAnswers
from skilltool.reference import ReferenceData
from tests.conftest import OCC

TODAY = dt.date(2026, 11, 28)
NOW = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)


@dataclass
class Cand:
    uri: str
    isco: str
    label: str
    matched: str
    score: float


@dataclass
class Result:
    input: str
    needs_review: bool
    candidates: list[Any] = field(default_factory=list)


class FakeCoder:
    """Occupation coder fake: 'lasser' is sure, 'monteur' is doubtful, anything else finds nothing."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def code(self, text: str, *, lang: str = "nl", top: int = 5) -> Result:
        self.calls.append(text)
        welder = Cand(OCC + "welder", "7212", "lasser", "lasser", 100)
        electrician = Cand(OCC + "electrician", "7411", "installatie-elektricien", "elektricien", 55)
        if text == "lasser":
            return Result(text, False, [welder, electrician])
        if text == "monteur":
            return Result(text, True, [electrician, welder])
        return Result(text, True, [])


@dataclass
class SkillCand:
    skill_id: str
    label: str
    matched: str
    score: float


class FakeSkillCoder:
    def code(self, text: str, *, lang: str = "nl", top: int = 5) -> Result:
        if text == "haar knippen":
            return Result(text, False, [SkillCand("cut", "haar knippen", "haar knippen", 100)])
        return Result(text, True, [])


@dataclass
class Match:
    indication: DiplomaIndication

    def to_indication(self) -> DiplomaIndication:
        return self.indication


@dataclass
class Step:
    text: str
    id: str = ""


@dataclass
class Lookup:
    matches: list[Match]
    official_route: list[Step]
    caveat: str


def fake_diplomas(*, country: str, text: str, top: int, lang: str, context: Any) -> Lookup:
    """Diploma lookup fake: one match for a Syrian bachelor, nothing else."""
    if country == "SY" and "bachelor" in text.lower():
        ind = DiplomaIndication(
            entry_id="sy-bachelor",
            qualification="Bachelor",
            dutch_equivalent="hbo-bachelor",
            nlqf_min=6,
            nlqf_max=6,
            eqf_min=6,
            eqf_max=6,
            source="Nuffic",
            score=90,
        )
        route = [Step("Vraag diplomawaardering aan bij IDW", "idw-diplomawaardering")]
        if context.documents == "no":
            route.append(Step("Indicatie onderwijsniveau", "idw-indicatie-onderwijsniveau"))
        return Lookup([Match(ind)], route, messages.t("diploma.caveat", lang))
    return Lookup([], [Step("IDW")], "Geen vergelijking")


ANSWERS: dict[str, Any] = {
    "personal": {"client_ref": "T-1", "birth_year": 1990, "country_of_origin": "Syria"},
    "languages": {
        "mother_tongues": ["Arabisch"],
        "other": [{"language": "en", "cefr": "B2"}],
        "dutch_cefr": "A2",
    },
    "education": [
        {"country": "Syria", "qualification": "Bachelor civil engineering", "documents": "no"},
        {"country": "ER", "qualification": "Matriculation"},
    ],
    "work": [
        {"title": "lasser", "years": 5, "country": "Syria"},
        {"title": "monteur"},
        {"title": "iets vaags"},
        {"title": "kapper", "confirmed_uri": OCC + "hairdresser"},
        {"title": "schoonmaker", "keep_free_text": True},
    ],
    "skills": {
        "free_text": ["haar knippen", "geduld", "lassen", "tolken"],
        "confirmed": {"lassen": "weld", "tolken": "free_text"},
        "certificates": ["VCA"],
        "driving_licences": ["B"],
    },
    "circumstances": {"care_duties": True, "health_limits_work": "rather_not_say"},
    "notes": "gevoelig",
    "agreed_next_steps": ["IDW aanvragen"],
}


@pytest.fixture
def profile(tiny_data: Path) -> Profile:
    answers = IntakeAnswers.model_validate(ANSWERS)
    return profile_building.build_profile(
        answers,
        ref=ReferenceData(tiny_data),
        coder=FakeCoder(),
        diplomas=fake_diplomas,
        skill_coder=FakeSkillCoder(),
        today=TODAY,
        now=NOW,
    )


def test_work_titles_are_coded_with_alternatives_and_review_flags(profile: Profile) -> None:
    """A sure code is a suggestion without review; a doubtful one keeps alternatives and needs review."""
    sure, doubtful, nothing, confirmed, free = profile.work
    assert sure.coded is not None and sure.coded.uri == OCC + "welder"
    assert not sure.needs_review
    assert sure.confirmation.status == "suggested" and sure.confirmation.by is None
    assert [a.uri for a in sure.alternatives] == [OCC + "electrician"]
    assert doubtful.needs_review and doubtful.coded is not None
    assert nothing.needs_review and nothing.coded is None
    assert confirmed.coded is not None and confirmed.coded.label == "kapper"
    assert confirmed.confirmation.status == "confirmed" and confirmed.confirmation.by == "caseworker"
    assert confirmed.confirmation.on == TODAY
    assert free.coded is None and free.confirmation.status == "free_text"
    assert free.confirmation.by == "caseworker"


def test_skills_carry_their_origin(profile: Profile) -> None:
    """Self-reported (coded or free), derived from sure or confirmed occupations, or from a document."""
    by_origin: dict[str, list[Any]] = {}
    for s in profile.skills:
        by_origin.setdefault(s.origin, []).append(s)
    reported = {s.label: s for s in by_origin["self_reported"]}
    assert reported["haar knippen"].skill_id == "cut"
    assert reported["geduld"].skill_id is None and reported["geduld"].confirmation.status == "free_text"
    # welder (sure) -> weld and hairdresser (confirmed) -> cut: both already self-reported, not repeated;
    # the electrician code needs review, so its skills are not derived
    assert "derived_from_occupation" not in by_origin
    assert reported["lassen"].skill_id == "weld"
    assert reported["lassen"].confirmation.status == "confirmed"
    assert reported["lassen"].confirmation.by == "caseworker"
    assert reported["tolken"].skill_id is None
    assert reported["tolken"].confirmation.status == "free_text"
    assert reported["tolken"].confirmation.by == "caseworker"
    assert [s.label for s in by_origin["evidenced_by_document"]] == ["VCA"]
    assert by_origin["evidenced_by_document"][0].source_ref == "certificate: VCA"


def test_education_gets_the_indication_caveat_and_route(profile: Profile) -> None:
    """The lookup's first match is the indication; the caveat and route steps are stored as facts
    (catalogue key, step ids: schema v3), not as sentences in the intake's language; a step or
    caveat the catalogue does not know is kept as text."""
    bachelor, matric = profile.education
    assert bachelor.country == "SY"
    assert bachelor.indication is not None and bachelor.indication.nlqf_min == 6
    assert bachelor.caveat_key == "diploma.caveat" and bachelor.caveat is None
    assert bachelor.route_steps == ["idw-diplomawaardering", "idw-indicatie-onderwijsniveau"]
    assert bachelor.official_route == []
    assert matric.indication is None and matric.caveat == "Geen vergelijking"
    assert matric.official_route == ["IDW"] and matric.route_steps == []


def test_the_rest_of_the_profile(profile: Profile) -> None:
    """Languages with codes, Dutch level, agreed steps, sensitive fields kept (and dropped by public())."""
    assert [(s.language, s.mother_tongue, s.cefr) for s in profile.languages] == [
        ("ar", True, None),
        ("en", False, "B2"),
    ]
    assert profile.dutch.cefr == "A2"
    assert profile.next_steps[0].agreed and profile.next_steps[0].text == "IDW aanvragen"
    assert profile.circumstances.care_duties is True
    assert profile.public().circumstances.care_duties is None
    assert profile.created == NOW
    assert Profile.model_validate_json(profile.model_dump_json()) == profile


def test_unknown_country_in_answers_is_an_error() -> None:
    """Answers with an unknown country are refused by the schema, naming the field and the rule
    (not silently stored as unknown); a known name is stored as its ISO code."""
    data = {**ANSWERS, "personal": {"client_ref": "T-2", "country_of_origin": "Narnia"}}
    with pytest.raises(ValidationError) as exc:
        IntakeAnswers.model_validate(data)
    first = exc.value.errors()[0]
    assert (first["loc"], first["type"]) == (("personal", "country_of_origin"), "country")
    named = {**ANSWERS, "personal": {"client_ref": "T-2", "country_of_origin": "Syrië"}}
    assert IntakeAnswers.model_validate(named).personal.country_of_origin == "SY"


def test_derived_skills_name_their_occupation(tiny_data: Path) -> None:
    """Without self-reported skills, a sure occupation adds its essential skills with its URI."""
    data = {"personal": {"client_ref": "T-3"}, "work": [{"title": "lasser"}, {"title": "monteur"}]}
    profile = profile_building.build_profile(
        IntakeAnswers.model_validate(data), ref=ReferenceData(tiny_data), coder=FakeCoder(), diplomas=None
    )
    assert [(s.skill_id, s.origin, s.source_ref) for s in profile.skills] == [
        ("weld", "derived_from_occupation", OCC + "welder")
    ]


def test_a_picked_skill_must_exist(tiny_data: Path) -> None:
    """A caseworker's skill pick that is not in the data is an error naming it."""
    data = {"personal": {"client_ref": "T-4"}, "skills": {"free_text": ["x"], "confirmed": {"x": "nope"}}}
    with pytest.raises(InputFileError, match=r"^skills.confirmed.0: nope is not an ESCO skill id"):
        profile_building.build_profile(
            IntakeAnswers.model_validate(data), ref=ReferenceData(tiny_data), coder=None, diplomas=None
        )


def test_a_confirmed_uri_must_exist(tiny_data: Path) -> None:
    """A picked occupation that is not in the data is an error naming the entry."""
    data = {**ANSWERS, "work": [{"title": "x", "confirmed_uri": OCC + "astronaut"}]}
    with pytest.raises(InputFileError, match=r"^work.0.confirmed_uri: .*astronaut is not an ESCO occupation"):
        profile_building.build_profile(
            IntakeAnswers.model_validate(data),
            ref=ReferenceData(tiny_data),
            coder=FakeCoder(),
            diplomas=None,
        )


def test_one_diploma_lookup_for_answers_and_profiles() -> None:
    """``diplomas.lookup_education`` serves both an intake answer and a profile entry (the intake
    once had its own copy): same matches, same route, as ``lookup`` with the entry's context."""
    from skilltool import diplomas
    from skilltool.models import Education
    from skilltool.models.answers import EducationAnswer

    table = ReferenceData().diplomas
    answer = EducationAnswer(
        country="Syrië", qualification="shahada thanawiya", documents="no", completed=True
    )
    entry = Education(country="SY", qualification="shahada thanawiya", documents="no", completed=True)
    by_answer = diplomas.lookup_education(table, answer, lang="en")
    by_entry = diplomas.lookup_education(table, entry, lang="en")
    direct = diplomas.lookup(
        table, country="SY", text="shahada thanawiya", lang="en", context=diplomas.education_context(answer)
    )
    assert by_answer == by_entry == direct
    assert by_answer.matches
