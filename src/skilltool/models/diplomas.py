"""Schema of the diploma data (``data/diploma_equivalences.yaml``, ``data/dutch_qualifications.yaml``)
and of what ``diploma lookup`` returns.

The per-entry rules (NLQF min <= max, EQF equal to NLQF, an inferred level needs its reason) are
checked here, so a broken entry fails on load with one line naming ``entries.N.field``. The
checks that need the whole file (the source key exists, ids are unique, the country is an ISO
code) are in ``skilltool.diplomas.check_equivalences``.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import Field, StringConstraints, model_validator

from skilltool.formats import level_range
from skilltool.models.base import CountryCode, Lang, Strict, invalid
from skilltool.models.profile import DiplomaIndication

DiplomaKind = Literal[
    "general_secondary",
    "vocational_secondary",
    "post_secondary_vocational",
    "associate",  # short-cycle higher education (associate degree, 2-3 year diplomas)
    "bachelor",
    "master",
    "doctorate",
    "professional",  # long professional degrees such as medicine
]
DIPLOMA_KINDS: tuple[str, ...] = get_args(DiplomaKind)
Basis = Literal["stated", "inferred"]
EntryId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
Level = Annotated[int, Field(ge=1, le=8)]


class BilingualText(Strict):
    """A text in Dutch and English."""

    nl: str
    en: str

    def get(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


class DiplomaSource(Strict):
    """Where a comparison was read: title, publisher, address and the date it was read."""

    title: str
    publisher: str
    url: str = Field(pattern=r"^https?://")
    published: str | None = None
    read_on: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")


class LevelRange(Strict):
    """An NLQF or EQF level, or a range where the source gives alternatives ("2 of 3")."""

    min: Level
    max: Level

    @model_validator(mode="after")
    def _ordered(self) -> LevelRange:
        if self.min > self.max:
            raise invalid("level_order", min=self.min, max=self.max)
        return self

    def text(self) -> str:
        return str(self.min) if self.min == self.max else f"{self.min}-{self.max}"


class DiplomaNames(Strict):
    """The names a qualification goes by: original script, transliterations, English."""

    original: list[str] = Field(default_factory=list)
    transliterations: list[str] = Field(default_factory=list)
    english: list[str] = Field(default_factory=list)

    def all(self) -> list[str]:
        return [*self.original, *self.transliterations, *self.english]

    @property
    def display(self) -> str:
        """The English name where there is one, else the first name."""
        names = self.english or self.transliterations or self.original
        return names[0] if names else ""

    @model_validator(mode="after")
    def _not_empty(self) -> DiplomaNames:
        if not self.all():
            raise invalid("diploma_no_name")
        return self


class DiplomaEntry(Strict):
    """One foreign qualification with the Dutch qualification a source compares it to."""

    id: EntryId
    country: CountryCode
    names: DiplomaNames
    kind: DiplomaKind
    typical_duration: str | None = None
    dutch_equivalent: str = Field(min_length=1, description="The Dutch comparison as the source words it.")
    nlqf: LevelRange
    eqf: LevelRange
    conditions: list[str] = Field(default_factory=list)
    fields: list[str] = Field(
        default_factory=list,
        description="Word starts of the only fields the entry is for (its source's condition): a "
        "diploma whose name and field name none of them is not this entry.",
    )
    source: str = Field(min_length=1, description="A key of `sources`.")
    basis: Basis = Field(
        description="stated: the source gives the NLQF level; inferred: the level comes from the "
        "Dutch ladder for the Dutch qualification the source names (see inferred_reason)."
    )
    inferred_reason: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> DiplomaEntry:
        if (self.eqf.min, self.eqf.max) != (self.nlqf.min, self.nlqf.max):
            raise invalid("diploma_eqf", eqf=self.eqf.text(), nlqf=self.nlqf.text())
        if self.basis == "inferred" and not (self.inferred_reason or "").strip():
            raise invalid("inferred_reason")
        return self


class UnlevelledComparison(Strict):
    """A comparison a source states without a level on the Dutch ladder.

    For example Nuffic compares Syria's 6-year Bachelor in Medicine to "1 year of a 3-year WO
    master's degree in medicine": a real statement, but not an NLQF level. The tool shows these
    as text with the official route and never turns them into a level.
    """

    id: EntryId
    country: CountryCode
    names: DiplomaNames
    kind: DiplomaKind
    typical_duration: str | None = None
    dutch_comparison: str = Field(min_length=1)
    source: str = Field(min_length=1)
    note: str | None = None


class DiplomaEquivalencesFile(Strict):
    """``data/diploma_equivalences.yaml``."""

    version: Literal[1]
    sources: dict[str, DiplomaSource]
    entries: list[DiplomaEntry]
    without_level: list[UnlevelledComparison] = Field(default_factory=list)


class DutchLevel(Strict):
    """One rung of the Dutch qualification ladder."""

    id: EntryId
    name_nl: str
    name_en: str
    nlqf: Level
    nlqf_label: str = Field(description="As Nuffic prints it, e.g. '4+' for vwo.")
    eqf: Level
    source: str
    note: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> DutchLevel:
        if self.eqf != self.nlqf:
            raise invalid("level_eqf", eqf=self.eqf, nlqf=self.nlqf)
        return self


class DutchQualificationsFile(Strict):
    """``data/dutch_qualifications.yaml``: the Dutch ladder."""

    version: Literal[1]
    sources: dict[str, DiplomaSource]
    levels: list[DutchLevel]


# --- lookup results ----------------------------------------------------------------------------

RouteWhen = Literal["always", "documents_missing", "unfinished", "regulated_care", "no_comparison"]


class RouteStep(Strict):
    """One step of the official route, with when it applies and its source."""

    id: str
    text: BilingualText
    when: RouteWhen
    url: str


class LookupContext(Strict):
    """What the caseworker knows about the education, to choose the route steps."""

    documents: Literal["yes", "no", "partial"] | None = None
    completed: bool | None = None
    years: float | None = Field(default=None, ge=0)
    field: str | None = None


class MatchedSource(Strict):
    """The source of a match as shown in output: its key, title, publisher and address."""

    key: str
    title: str
    publisher: str
    url: str
    read_on: str


def citation(source: DiplomaSource | MatchedSource) -> str:
    """A diploma source as a profile's indication cites it: publisher, title and address."""
    return f"{source.publisher}, {source.title}: {source.url}"


class UnlevelledMatch(Strict):
    """A stated comparison without a ladder level that matched the query."""

    id: str
    country: CountryCode
    qualification: str
    matched: str
    kind: DiplomaKind
    dutch_comparison: str
    source: MatchedSource
    score: float
    note: str | None = None


class DiplomaMatch(Strict):
    """A table entry that matched the query, with its score (0-100) and what it compares to."""

    entry_id: str
    country: CountryCode
    qualification: str = Field(description="The entry's display name (English where known).")
    matched: str = Field(description="The name of the entry that matched the query best.")
    kind: DiplomaKind
    typical_duration: str | None = None
    dutch_equivalent: str
    nlqf_min: int
    nlqf_max: int
    eqf_min: int
    eqf_max: int
    conditions: list[str] = Field(default_factory=list)
    basis: Basis
    inferred_reason: str | None = None
    note: str | None = None
    source: MatchedSource
    score: float

    @property
    def nlqf_text(self) -> str:
        return level_range(self.nlqf_min, self.nlqf_max)

    def to_indication(self) -> DiplomaIndication:
        """The match as a profile's ``Education.indication``."""
        return DiplomaIndication(
            entry_id=self.entry_id,
            qualification=self.qualification,
            dutch_equivalent=self.dutch_equivalent,
            nlqf_min=self.nlqf_min,
            nlqf_max=self.nlqf_max,
            eqf_min=self.eqf_min,
            eqf_max=self.eqf_max,
            source=citation(self.source),
            score=max(0.0, min(100.0, self.score)),
            basis=self.basis,
            inferred_reason=self.inferred_reason,
        )


class DiplomaLookup(Strict):
    """``diploma lookup``: ranked matches, the official route and the caveat."""

    query: str
    country: CountryCode | None
    country_name: str | None
    lang: Lang
    matches: list[DiplomaMatch]
    without_level: list[UnlevelledMatch] = Field(
        default_factory=list,
        description="Stated comparisons that have no level on the Dutch ladder (e.g. partial medicine).",
    )
    no_comparison: BilingualText | None = Field(
        default=None, description="Set when no sourced comparison matched: what to do instead."
    )
    official_route: list[RouteStep]
    caveat: str = Field(description="The caveat in `lang`.")
    caveats: BilingualText


class CoverageRow(Strict):
    """``diploma coverage``: entries of one country, by kind and by basis."""

    country: str
    country_name: str
    entries: int
    stated: int
    inferred: int
    without_level: int
    by_kind: dict[str, int]


class Coverage(Strict):
    """Coverage of the equivalence table over the priority countries and beyond."""

    countries: list[CoverageRow]
    priority_covered: int
    priority_total: int
    priority_missing: list[str]
    entries: int
    stated: int
    inferred: int
