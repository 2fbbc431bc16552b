"""Intake answers: what a caseworker records, before any coding or lookup.

The same model comes from the interactive intake, from ``--answers FILE.yaml`` and from one
row of a batch export (through a column mapping). ``intake.build_profile`` turns it into a
``Profile``; that function is the one code path for single intakes and batch rows.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from skilltool.models.base import CefrLevel, Record
from skilltool.models.profile import InburgeringStatus, IntegrationRoute, WorkKind


class PersonalAnswers(Record):
    client_ref: str = Field(min_length=1, max_length=64)
    birth_year: int | None = Field(default=None, ge=1900, le=2100)
    country_of_origin: str | None = Field(
        default=None, description="ISO code or a country name in Dutch or English."
    )
    permit_date: date | None = None
    municipality: str | None = None


class LanguageAnswer(Record):
    language: str = Field(description="ISO 639 code or a language name in Dutch or English.")
    cefr: CefrLevel | None = None


class LanguageAnswers(Record):
    mother_tongues: list[str] = Field(default_factory=list)
    other: list[LanguageAnswer] = Field(default_factory=list)
    dutch_cefr: CefrLevel | None = None
    integration_route: IntegrationRoute | None = None
    inburgering: InburgeringStatus | None = None


class EducationAnswer(Record):
    country: str | None = None
    qualification: str = Field(min_length=1)
    field: str | None = None
    years: float | None = Field(default=None, ge=0, le=30)
    completed: bool | None = None
    documents: Literal["yes", "no", "partial"] | None = None
    idw_status: Literal["none", "applied", "evaluated", "indicatie"] | None = None
    idw_nlqf: int | None = Field(default=None, ge=1, le=8)


class WorkAnswer(Record):
    title: str = Field(min_length=1)
    tasks: str | None = None
    country: str | None = None
    years: float | None = Field(default=None, ge=0, le=70)
    kind: WorkKind = "employed"
    confirmed_uri: str | None = Field(
        default=None, description="An ESCO occupation the caseworker picked; skips automatic coding."
    )
    keep_free_text: bool = Field(
        default=False, description="The caseworker chose to keep the title uncoded (no fitting code)."
    )


class SkillAnswers(Record):
    free_text: list[str] = Field(default_factory=list)
    confirmed: dict[str, str] = Field(
        default_factory=dict,
        description="Free-text skill -> the ESCO skill id the caseworker picked, or 'free_text'.",
    )
    digital: Literal["none", "basic", "good", "advanced"] | None = None
    driving_licences: list[str] = Field(default_factory=list)
    driving_licence_country: str | None = Field(
        default=None, description="Country that issued the licence: a code or a Dutch or English name."
    )
    certificates: list[str] = Field(default_factory=list)


class WishAnswers(Record):
    sectors: list[str] = Field(default_factory=list)
    occupations: list[str] = Field(default_factory=list)
    hours_per_week: int | None = Field(default=None, ge=0, le=60)
    max_travel_minutes: int | None = Field(default=None, ge=0, le=240)
    willing_to_train: bool | None = None


class CircumstanceAnswers(Record):
    care_duties: bool | None = None
    health_limits_work: Literal["yes", "no", "rather_not_say"] | None = None


class IntakeAnswers(Record):
    """All answers of one intake, grouped by questionnaire section."""

    personal: PersonalAnswers
    languages: LanguageAnswers = Field(default_factory=LanguageAnswers)
    education: list[EducationAnswer] = Field(default_factory=list)
    work: list[WorkAnswer] = Field(default_factory=list)
    skills: SkillAnswers = Field(default_factory=SkillAnswers)
    wishes: WishAnswers = Field(default_factory=WishAnswers)
    circumstances: CircumstanceAnswers = Field(default_factory=CircumstanceAnswers)
    notes: str | None = None
    agreed_next_steps: list[str] = Field(default_factory=list)
