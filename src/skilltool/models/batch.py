"""Batch processing: the column mapping of an export, a rejected row, a summary row, the manifest."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints

from skilltool.models.base import CefrLevel, CountryCode, Record, Strict, invalid


def _date_format(value: str | None) -> str | None:
    """A ``date_format`` that reads back the date it writes. Refused: a format ``strptime`` cannot
    use (a stray ``%``, an unknown directive: silently skipped before; a repeated one raised
    ``re.error``, a traceback at the first row) and one that holds no whole date (``%H``). An
    empty one is none (the mapping's or the built-in formats apply)."""
    if value:
        sample = dt.datetime(2001, 2, 3, tzinfo=dt.UTC)  # aware: %z and %Z write something
        try:
            ok = dt.datetime.strptime(sample.strftime(value), value).date() == sample.date()
        except (ValueError, re.error):
            ok = False
        if not ok:
            raise invalid("date_format")
    return value


DateFormat = Annotated[str | None, AfterValidator(_date_format)]


class ColumnSource(Strict):
    """Where one answer comes from: a column, and how to read its cell."""

    column: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)] = Field(
        description="Header of the column ('{n}' in a numbered group); not empty or blank."
    )
    split: str | None = Field(
        default=None,
        min_length=1,  # "" split nothing, without a word, as a group's empty split is refused
        description="For list answers: the separator between items inside one cell.",
    )
    values: dict[str, str] = Field(
        default_factory=dict,
        description="Recode cell values (compared case-insensitively), e.g. {ja: 'yes', deels: 'partial'}.",
    )
    date_format: DateFormat = Field(
        default=None, description="strptime format for dates that are not ISO, e.g. '%d-%m-%Y'."
    )


def _plain_column(value: object) -> object:
    """A plain string is a column name: validated as ``ColumnSource`` (an empty one is then named
    as such, not as "is not a mapping" from the first branch of a union)."""
    return {"column": value} if isinstance(value, str) else value


Column = Annotated[ColumnSource, BeforeValidator(_plain_column)]
"""A mapping's entry for one answer: a column name, or a ``ColumnSource``."""


class GroupMapping(Strict):
    """A repeating group (several jobs, diplomas or languages per person).

    Either numbered columns (``beroep_1``, ``beroep_2``: give ``numbered`` and put ``{n}`` in each
    column name; with ``numbered: 1`` a column may be named without it: one entry, as an export
    with one diploma column has) or delimited cells (``split``: one column holds all entries).
    """

    numbered: int | None = Field(default=None, ge=1, le=50, description="Highest n of the numbered columns.")
    split: str | None = Field(default=None, min_length=1, description="Separator between entries in a cell.")
    fields: dict[str, Column] = Field(min_length=1)


class ColumnMapping(Strict):
    """How the columns of an export map onto ``IntakeAnswers``: ``skilltool batch --mapping``.

    Keys of ``fields`` are dotted answer paths (``personal.birth_year``); keys of ``groups`` are
    list answers (``work``, ``education``, ``languages.other``). A plain string is a column name.
    """

    version: Literal[1] = 1
    description: str | None = None
    required: list[str] = Field(
        default_factory=list, description="Columns that must be in the header (the id column always is)."
    )
    null_values: list[str] = Field(
        default_factory=lambda: ["", "-", "n.v.t.", "nvt", "onbekend", "unknown", "n/a"],
        description="Cell values that mean 'no answer' (case-insensitive).",
    )
    date_format: DateFormat = Field(default=None, description="Default strptime format for non-ISO dates.")
    fields: dict[str, Column]
    groups: dict[str, GroupMapping] = Field(default_factory=dict)


class ErrorRow(Record):
    """One rejected input row: where, whose (pseudonymous id, if readable), which field, why."""

    row: int = Field(ge=1, description="Line in the CSV file (where the record starts) or row in the sheet.")
    client_ref: str = ""
    field: str = ""
    reason: str


class SummaryRow(Record):
    """One line of ``summary.csv``: the person at a glance."""

    row: int
    client_ref: str
    highest_nlqf: str = ""
    level_basis: str = Field(
        default="",
        description="Where highest_nlqf comes from: idw (evaluated), stated (the source prints it), "
        "inferred (the project derived it; see the profile's reason), or empty when not recorded.",
    )
    coded_occupations: str = ""
    top_suggestions: str = ""
    review_flags: str = ""


class BatchCounts(Record):
    """Every input row accounted for: ``rows_read == rows_written + rows_rejected``."""

    rows_read: int = 0
    rows_written: int = 0
    rows_rejected: int = 0
    blank_rows_skipped: int = Field(
        default=0, description="Lines with no cell filled in; not rows, listed here so nothing is hidden."
    )
    rows_unclosed_quote: int = Field(
        default=0,
        description="Rejected rows (part of rows_rejected) caught in a quote running over following records.",
    )


class BatchTimings(Record):
    """Seconds. Coding and suggesting are summed over the workers (CPU time spent in them)."""

    total: float = 0.0
    prepare: float = 0.0
    reading: float = 0.0
    coding: float = 0.0
    suggesting: float = 0.0
    writing: float = 0.0
    report: float = 0.0


class BatchInput(Record):
    path: str
    sha256: str
    kind: Literal["csv", "xlsx"]
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None


class BatchManifest(Record):
    """``manifest.json``: what ran on what, with which data, and where every row went."""

    tool: str = "skilltool"
    tool_version: str
    created: str
    input: BatchInput
    mapping: str
    mapping_sha256: str
    data_dir: str
    data_versions: dict[str, str]
    options: dict[str, str | int | bool | None]
    counts: BatchCounts
    timings: BatchTimings
    resumed: bool = False
    warnings: list[str] = Field(default_factory=list)
    outputs: list[str] = Field(default_factory=list)


# --- the research export (--pseudonymise) ----------------------------------------------------


class ResearchLanguage(Record):
    language: str = Field(description="ISO 639 code (names the tool does not know are dropped).")
    cefr: CefrLevel | None = None
    mother_tongue: bool = False


class ResearchEducation(Record):
    """An education entry by its codes only: no qualification name, no field of study."""

    country: CountryCode | None = None
    years: float | None = None
    completed: bool | None = None
    documents: Literal["yes", "no", "partial"] | None = None
    idw_status: Literal["none", "applied", "evaluated", "indicatie"] | None = None
    idw_nlqf: int | None = None
    nlqf_min: int | None = Field(default=None, description="The diploma table's indication, if any.")
    nlqf_max: int | None = None
    eqf_min: int | None = None
    eqf_max: int | None = None
    table_entry: str | None = Field(default=None, description="Id of the diploma-table entry that matched.")


class ResearchWork(Record):
    """A job by its ESCO and ISCO-08 codes only: no title, no tasks."""

    esco_uri: str | None = None
    isco: str | None = None
    country: CountryCode | None = None
    years: float | None = None
    kind: str | None
    needs_review: bool = False


class ResearchWish(Record):
    """A wished occupation by its codes only (``wishes.coded``): no text."""

    esco_uri: str = Field(description="The ESCO occupation (or ISCO group) the wish was coded to.")
    isco: str
    needs_review: bool = False


class ResearchSuggestion(Record):
    esco_uri: str
    isco: str
    sector: str
    score: float
    route: str
    at_level: bool
    regulated: bool = False
    tightness: str


class ResearchProfile(Record):
    """One line of ``profiles.jsonl`` in a research export (``batch --pseudonymise``).

    Only coded values (ESCO URI, ISCO-08, NLQF/EQF, CEFR, ISO country and language codes,
    closed-list answers) and generalised quasi-identifiers: the birth year as a 5-year band,
    the permit date as a quarter; the municipality is dropped. No free text at all.
    """

    kind: Literal["skilltool-research-profile"] = "skilltool-research-profile"
    schema_version: Literal[1] = 1
    client_ref: str = Field(description="Keyed HMAC-SHA256 pseudonym of the client id.")
    birth_years: str | None = Field(default=None, description="5-year band, e.g. '1985-1989'.")
    permit_quarter: str | None = Field(default=None, description="e.g. '2024-Q1'.")
    country_of_origin: CountryCode | None = None
    languages: list[ResearchLanguage] = Field(default_factory=list)
    dutch_cefr: CefrLevel | None = None
    integration_route: str | None = None
    education: list[ResearchEducation] = Field(default_factory=list)
    work: list[ResearchWork] = Field(default_factory=list)
    esco_skills: list[str] = Field(default_factory=list, description="ESCO skill ids.")
    digital_skills: str | None = None
    driving_licences: list[str] = Field(default_factory=list)
    wished_sectors: list[str] = Field(default_factory=list, description="Sector ids of the reference data.")
    wished_occupations: list[ResearchWish] = Field(
        default_factory=list, description="The coded wished occupations (codes only, not the wish's words)."
    )
    hours_per_week: int | None = None
    max_travel_minutes: int | None = None
    willing_to_train: bool | None = None
    suggestions: list[ResearchSuggestion] = Field(default_factory=list)
