"""Intake answers: what a caseworker records, before any coding or lookup.

The same model comes from the interactive intake, from ``--answers FILE.yaml`` and from one
row of a batch export (through a column mapping). ``profile_building.build_profile`` turns it into a
``Profile``; that function is the one code path for single intakes and batch rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, ValidationError, field_validator
from pydantic_core import InitErrorDetails

from skilltool.models.base import BoundedWhole, Number, Record, invalid
from skilltool.models.client_ref import check_client_ref, holds_bsn
from skilltool.models.profile import InburgeringStatus, IntegrationRoute, WorkKind
from skilltool.models.values import AnswerCefr, AnswerCountry, AnswerDate, YesNo, today

FREE_TEXT = "free_text"
"""The answer that keeps a work title or a skill uncoded: an ``occupation`` question's answer
(stored as ``keep_free_text``) and a pick in ``SkillAnswers.confirmed``."""

LICENCES = ("AM", "A1", "A2", "A", "B", "BE", "C1", "C1E", "C", "CE", "D1", "D1E", "D", "DE", "T")
"""EU driving licence categories (Directive 2006/126/EC) and the Dutch T (tractor)."""


MAX_ENTRIES = 100
"""The most entries of one list answer (skills, languages, jobs, ...): no intake holds more. An
answers file of 500,000 skills (12 MB) took 85 s and 1 GB and wrote a 111 MiB profile that
``profile show``, ``report`` and ``suggest`` then refused as too big to be a profile."""


NO_LICENCE = frozenset({"geen", "none", "nee", "no"})
"""A licence answer that says there is none, in words (a batch cell, the interview): it was
refused as no EU category (user21). The answer is then no licence, as an empty one."""


def licence_code(text: str) -> str | None:
    """``'b'`` ``'C+E'`` -> ``'B'`` ``'CE'``; None when it is not an EU category (one rule for
    the intake and batch rows)."""
    code = text.upper().replace(" ", "").replace("+", "")
    return code if code in LICENCES else None


class PersonalAnswers(Record):
    client_ref: str = Field(min_length=1, max_length=64)
    birth_year: BoundedWhole = Field(default=None, ge=1900, le=2100)
    country_of_origin: AnswerCountry | None = Field(
        default=None, description="ISO code or a country name in Dutch or English."
    )
    permit_date: AnswerDate | None = None
    municipality: str | None = None

    @field_validator("client_ref")
    @classmethod
    def _client_ref(cls, value: str) -> str:
        return check_client_ref(value)  # the one rule (models.profile), as on a stored profile

    @field_validator("birth_year")
    @classmethod
    def _born(cls, value: int | None) -> int | None:
        if value is not None and value > today().year:
            raise invalid("future_year")
        return value

    @field_validator("permit_date")
    @classmethod
    def _permit(cls, value: date | None) -> date | None:
        if value is not None and value > today():
            raise invalid("future_date")
        return value


class LanguageAnswer(Record):
    language: str = Field(description="ISO 639 code or a language name in Dutch or English.")
    cefr: AnswerCefr | None = None


class LanguageAnswers(Record):
    mother_tongues: list[str] = Field(default_factory=list, max_length=MAX_ENTRIES)
    other: list[LanguageAnswer] = Field(default_factory=list, max_length=MAX_ENTRIES)
    dutch_cefr: AnswerCefr | None = None
    integration_route: IntegrationRoute | None = None
    inburgering: InburgeringStatus | None = None


class EducationAnswer(Record):
    country: AnswerCountry | None = None
    qualification: str = Field(min_length=1)
    field: str | None = None
    years: Number = Field(default=None, ge=0, le=30)
    completed: YesNo | None = None
    documents: Literal["yes", "no", "partial"] | None = None
    idw_status: Literal["none", "applied", "evaluated", "indicatie"] | None = None
    idw_nlqf: BoundedWhole = Field(default=None, ge=1, le=8)


class WorkAnswer(Record):
    title: str = Field(min_length=1)
    tasks: str | None = None
    country: AnswerCountry | None = None
    years: Number = Field(default=None, ge=0, le=70)
    kind: WorkKind | None = None
    confirmed_uri: str | None = Field(
        default=None, description="An ESCO occupation the caseworker picked; skips automatic coding."
    )
    keep_free_text: YesNo = Field(
        default=False, description="The caseworker chose to keep the title uncoded (no fitting code)."
    )


def _no_bsn(text: str) -> str:
    """A free-text skill holding a number that passes the BSN's eleven test is refused as a BSN
    typed in the wrong field (the error names the field, never the number): it went into the
    profile, the report and every output that shows skills (twenty-seventh review)."""
    if holds_bsn(text):
        raise invalid("likely_bsn")
    return text


class SkillAnswers(Record):
    free_text: list[Annotated[str, AfterValidator(_no_bsn)]] = Field(
        default_factory=list, max_length=MAX_ENTRIES
    )
    confirmed: dict[str, str] = Field(
        default_factory=dict,
        description="Free-text skill -> the ESCO skill id the caseworker picked, or 'free_text'.",
    )
    digital: Literal["none", "basic", "good", "advanced"] | None = None
    driving_licences: list[str] = Field(default_factory=list, max_length=MAX_ENTRIES)
    driving_licence_country: AnswerCountry | None = Field(
        default=None, description="Country that issued the licence: a code or a Dutch or English name."
    )
    certificates: list[str] = Field(default_factory=list, max_length=MAX_ENTRIES)

    @field_validator("driving_licences")
    @classmethod
    def _licences(cls, value: list[str]) -> list[str]:
        if len(value) == 1 and value[0].strip().casefold() in NO_LICENCE:
            return []
        codes: list[str] = []
        for text in value:
            code = licence_code(text)
            if code is None:
                raise invalid("licence", categories=", ".join(LICENCES))
            if code not in codes:
                codes.append(code)
        return codes


class WishAnswers(Record):
    sectors: list[str] = Field(default_factory=list, max_length=MAX_ENTRIES)
    occupations: list[str] = Field(default_factory=list, max_length=MAX_ENTRIES)
    hours_per_week: BoundedWhole = Field(default=None, ge=0, le=60)
    max_travel_minutes: BoundedWhole = Field(default=None, ge=0, le=240)
    willing_to_train: YesNo | None = None


class CircumstanceAnswers(Record):
    care_duties: YesNo | None = None
    health_limits_work: Literal["yes", "no", "rather_not_say"] | None = None


class IntakeAnswers(Record):
    """All answers of one intake, grouped by questionnaire section."""

    personal: PersonalAnswers
    languages: LanguageAnswers = Field(default_factory=LanguageAnswers)
    education: list[EducationAnswer] = Field(default_factory=list, max_length=MAX_ENTRIES)
    work: list[WorkAnswer] = Field(default_factory=list, max_length=MAX_ENTRIES)
    skills: SkillAnswers = Field(default_factory=SkillAnswers)
    wishes: WishAnswers = Field(default_factory=WishAnswers)
    circumstances: CircumstanceAnswers = Field(default_factory=CircumstanceAnswers)
    notes: str | None = None
    agreed_next_steps: list[str] = Field(default_factory=list, max_length=MAX_ENTRIES)


def check_together(answers: IntakeAnswers) -> IntakeAnswers:
    """``answers``, unless two of them cannot both be true: a permit dated before the birth year,
    or one job or one education of more years than the person has lived (a birth year and a
    number of years swapped between columns, a year typed for a number of years). Each answer on
    its own passed its rule; together they were a profile of a child with 60 years of work.
    Raises ``ValidationError`` at the later answer (``work.0.years``), as a field's own rule does;
    years spread over several jobs are not added up (jobs may overlap)."""
    personal = answers.personal
    years = {"education": [e.years for e in answers.education], "work": [w.years for w in answers.work]}
    problems = [_problem(*found) for found in _conflicts(personal.birth_year, personal.permit_date, years)]
    if problems:
        raise ValidationError.from_exception_data("IntakeAnswers", problems)
    return answers


def conflicts(nested: Mapping[str, object]) -> set[tuple[str, tuple[str | int, ...]]]:
    """``check_together``'s rules over answers not yet validated as a whole (the interview's, as it
    goes: ``intake_engine.run``): each problem's kind and place. A value of another kind than its
    question stores (none, after ``parse_answer``) is passed over."""
    personal = nested.get("personal")
    person = personal if isinstance(personal, Mapping) else {}
    born, permit = person.get("birth_year"), person.get("permit_date")
    try:
        day = date.fromisoformat(permit) if isinstance(permit, str) else None
    except ValueError:
        day = None
    years: dict[str, list[float | None]] = {}
    for part in ("education", "work"):
        entries = nested.get(part)
        items = entries if isinstance(entries, list) else []
        given = [e.get("years") if isinstance(e, Mapping) else None for e in items]
        years[part] = [n if isinstance(n, int | float) and not isinstance(n, bool) else None for n in given]
    whole = born if isinstance(born, int) and not isinstance(born, bool) else None
    return {(kind, loc) for kind, loc, _ in _conflicts(whole, day, years)}


def _conflicts(
    born: int | None, permit: date | None, years: Mapping[str, list[float | None]]
) -> list[tuple[str, tuple[str | int, ...], object]]:
    if born is None:
        return []
    found: list[tuple[str, tuple[str | int, ...], object]] = []
    if permit is not None and permit.year < born:
        found.append(("before_birth", ("personal", "permit_date"), permit.isoformat()))
    lived = today().year - born
    for part, entries in years.items():
        for n, given in enumerate(entries):
            if given is not None and given > lived:
                found.append(("over_lived", (part, n, "years"), given))
    return found


def _problem(kind: str, loc: tuple[str | int, ...], value: object) -> InitErrorDetails:
    return InitErrorDetails(type=invalid(kind), loc=loc, input=value)
