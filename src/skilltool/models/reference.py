"""Schema of the generated reference data: the build manifest, occupations, skills, tightness."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, PlainSerializer, model_validator

from skilltool.models.base import IscoCode, Lang, Sha256, Strict


def _split_joined(value: object, sep: str) -> object:
    if isinstance(value, str):
        return [part for part in value.split(sep) if part]
    return value


# Long lists in the generated files are stored as one joined string: libyaml parses one scalar
# far faster than forty, which keeps a cold load of the ESCO data to a couple of seconds.
SpaceList = Annotated[
    list[str],
    BeforeValidator(lambda v: _split_joined(v, " ")),
    PlainSerializer(lambda v: " ".join(v), return_type=str),
]
PipeList = Annotated[
    list[str],
    BeforeValidator(lambda v: _split_joined(v, "|")),
    PlainSerializer(lambda v: "|".join(v), return_type=str),
]

TightnessCategory = Literal["zeer ruim", "ruim", "gemiddeld", "krap", "zeer krap", "unknown"]
TIGHTNESS_ORDER: dict[str, int] = {
    "zeer ruim": 0,
    "ruim": 1,
    "gemiddeld": 2,
    "krap": 3,
    "zeer krap": 4,
}
# ROA's ITKB typering: bottlenecks in staffing expected by 2030 (knelpunten in de personeelsvoorziening)
FORECAST_ORDER: dict[str, int] = {"geen": 0, "vrijwel geen": 1, "enige": 2, "groot": 3, "zeer groot": 4}
TightnessKind = Literal["current", "forecast", "history"]
TightnessFlag = Literal["derived", "second_hand", "lower_bound", "stale"]
Confidence = Literal["high", "medium", "low"]


# --- build manifest (data/sources.yaml) ------------------------------------------------------


class SourceFile(Strict):
    """One source file, relative to ``--sources``, with the checksum the build expects."""

    path: str
    sha256: Sha256


class SourceManifest(Strict):
    """``data/sources.yaml``: which source files ``data build`` reads."""

    esco_version: str
    occupations: dict[Lang, SourceFile]
    skills_en: SourceFile
    skills_nl: list[SourceFile] = Field(
        default_factory=list,
        description="Files with Dutch skill labels (ESCO's skills_nl.csv or its collections).",
    )
    isco_groups: dict[Lang, SourceFile]
    occupation_skill_relations: SourceFile
    isco_brc_crosswalk: SourceFile
    tightness: SourceFile
    roa_ais: SourceFile = Field(
        description="ROA AIS tot 2030, editie 2026: UWV's 2026Q1 value and ROA's 2030 forecast per BRC group."
    )
    cbs_title_index: SourceFile = Field(
        description="CBS's Dutch example titles with their ISCO-08 unit group."
    )

    def all_files(self) -> list[SourceFile]:
        """Every file the manifest names, in a stable order."""
        return [
            *(self.occupations[k] for k in sorted(self.occupations)),
            self.skills_en,
            *self.skills_nl,
            *(self.isco_groups[k] for k in sorted(self.isco_groups)),
            self.occupation_skill_relations,
            self.isco_brc_crosswalk,
            self.tightness,
            self.roa_ais,
            self.cbs_title_index,
        ]


# --- generated reference data (data/occupations.yaml, data/skills.yaml) ---------------------


class Labels(Strict):
    """A text in Dutch and English; either may be missing where the source lacks it."""

    nl: str | None = None
    en: str | None = None

    def get(self, lang: str) -> str:
        """The text in ``lang``, falling back to the other language, or '' when both are missing."""
        first, second = (self.nl, self.en) if lang == "nl" else (self.en, self.nl)
        return first or second or ""


class LabelLists(Strict):
    """Alternative or hidden labels per language."""

    nl: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)


class TightnessValue(Strict):
    """One sourced tightness value of a BRC group: what kind it is, for when, from whom, how sure.

    ``current``: UWV's spanningsindicator of the newest quarter (via ROA); ``category`` is derived
    from ``value`` by UWV's published thresholds (flag ``derived``), ``published`` is ROA's own
    typering as published. ``forecast``: ROA's ITKB bottleneck typering by 2030 (``category``), its
    indicator (``value``), the expected direction 2025-2030 and job openings 2025-2030.
    ``history``: an older UWV category from ``tightness_nl.csv`` (press-sourced, often stale).
    """

    kind: TightnessKind
    period: str = Field(description="The quarter (2026Q1) or year (2030) the value describes.")
    source: str
    confidence: Confidence
    flags: list[TightnessFlag] = Field(default_factory=list)
    category: str | None = Field(
        default=None, description="UWV category (current, history) or ITKB typering (forecast)."
    )
    value: float | None = Field(default=None, description="Spanning (current) or ITKB indicator (forecast).")
    published: str | None = Field(
        default=None, description="ROA's typering of the current value, as published."
    )
    at_least: TightnessCategory | None = Field(
        default=None, description="A lower bound when the exact category is not published."
    )
    direction: str | None = Field(default=None, description="Forecast: expected development 2025-2030.")
    job_openings: int | None = Field(default=None, description="Forecast: expected job openings 2025-2030.")
    job_openings_pct: int | None = Field(
        default=None, description="Forecast: job openings as % of employment over the six years."
    )
    job_openings_typering: str | None = None
    note: str | None = None


class Tightness(Strict):
    """Tightness of one BRC group: the current value, the 2030 forecast and older values."""

    current: TightnessValue | None = None
    forecast: TightnessValue | None = None
    history: list[TightnessValue] = Field(default_factory=list, description="Newest first.")
    note: str | None = Field(default=None, description="Why a kind has no value, when one is missing.")

    @property
    def now(self) -> TightnessValue | None:
        """The value a reader should take as 'now': the current one, else the newest history value."""
        return self.current or (self.history[0] if self.history else None)


class BrcGroup(Strict):
    """A CBS BRC 2014 beroepsgroep with its tightness."""

    code: str
    label: str
    tightness: Tightness


class IscoGroup(Strict):
    """An ISCO-08 group (1 to 4 digits) with its labels."""

    code: IscoCode
    label: Labels
    label_cbs: str | None = None
    """CBS's own Dutch title of a unit group (ISCO-08 -> BRC 2014 crosswalk); the occupation
    coder reads it as a name of the group's best-known occupation."""


class Occupation(Strict):
    """One ESCO occupation as the tool uses it."""

    uri: str
    code: str
    isco: IscoCode
    label: Labels
    alt: LabelLists = Field(default_factory=LabelLists)
    hidden: LabelLists = Field(default_factory=LabelLists)
    regulated: bool = False
    essential: SpaceList = Field(default_factory=list, description="Skill ids (see skills.yaml).")
    optional: SpaceList = Field(default_factory=list)
    brc: str | None = None


class OccupationsMeta(Strict):
    """Provenance of the generated occupations file."""

    generated_by: str
    esco_version: str
    acknowledgement: str
    sources: dict[str, Sha256]
    tightness_note: str
    tightness_reference_period: str | None = Field(
        default=None,
        description="The newest quarter in the tightness data; a value more than 8 quarters older is stale.",
    )
    counts: dict[str, int] = Field(
        default_factory=dict, description="Entry counts, so `data info` need not load every file."
    )


class TightnessGap(Strict):
    """An ISCO-08 unit (or a source row) that gets no value of some kind, and why."""

    isco: str | None = None
    brc: str
    kinds: list[TightnessKind]
    reason: str


class OccupationsFile(Strict):
    """``data/occupations.yaml``."""

    meta: OccupationsMeta
    isco_groups: list[IscoGroup]
    brc_groups: list[BrcGroup]
    tightness_gaps: list[TightnessGap] = Field(default_factory=list)
    occupations: list[Occupation]

    @model_validator(mode="after")
    def _one_string_per_skill_id(self) -> OccupationsFile:
        """One string object per skill id across the occupations (123,788 mentions of 13,123
        ids): the compiled cache's pickle stores each once, so loading the occupations costs 25
        instead of 39 MB resident."""
        ids: dict[str, str] = {}
        for occ in self.occupations:
            occ.essential[:] = [ids.setdefault(s, s) for s in occ.essential]
            occ.optional[:] = [ids.setdefault(s, s) for s in occ.optional]
        return self


class Skill(Strict):
    """One ESCO skill or knowledge concept. Flat, because there are fourteen thousand of them."""

    id: str
    type: str
    reuse: str | None = None
    en: str
    nl: str | None = None
    alt_en: PipeList = Field(default_factory=list)
    alt_nl: PipeList = Field(default_factory=list)

    def label(self, lang: str) -> str:
        """The preferred label in ``lang``; English where ESCO has no Dutch label yet."""
        return (self.nl or self.en) if lang == "nl" else self.en


class SkillsFile(Strict):
    """``data/skills.yaml``."""

    meta: OccupationsMeta
    skills: list[Skill]


class TitleIndexMeta(Strict):
    """Provenance of ``data/cbs_title_index.yaml``."""

    generated_by: str
    source: str
    licence: str
    path: str
    sha256: Sha256
    titles: int
    unit_groups: int


class TitleIndexFile(Strict):
    """``data/cbs_title_index.yaml``: CBS's Dutch example titles per ISCO-08 unit group."""

    meta: TitleIndexMeta
    by_isco: dict[IscoCode, PipeList]

    def titles(self, isco: str) -> list[str]:
        """CBS's example titles of one unit group (empty when it has none)."""
        return self.by_isco.get(isco, [])

    def pairs(self) -> list[tuple[str, str]]:
        """Every (title, ISCO-08 unit) pair, in the file's order."""
        return [(title, code) for code, titles in self.by_isco.items() for title in titles]


class IscoDescriptionsMeta(Strict):
    """Provenance of ``data/isco_descriptions.yaml``."""

    generated_by: str
    acknowledgement: str
    path: str
    sha256: Sha256
    unit_groups: int


class IscoDescriptionsFile(Strict):
    """``data/isco_descriptions.yaml``: ESCO's English description of each ISCO-08 unit group (what
    its workers do), read by the occupation coder as evidence for flagged English titles."""

    meta: IscoDescriptionsMeta
    by_isco: dict[IscoCode, str]
