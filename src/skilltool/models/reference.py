"""Schema of the generated reference data: the build manifest, occupations, skills, tightness."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, PlainSerializer

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


class Tightness(Strict):
    """Dutch labour-market tightness of a BRC group, with its period and source, or unknown."""

    category: TightnessCategory
    period: str | None = None
    source: str | None = None
    at_least: TightnessCategory | None = Field(
        default=None, description="A lower bound when the exact category is not published."
    )
    note: str | None = None

    @property
    def known(self) -> bool:
        return self.category != "unknown"


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
    counts: dict[str, int] = Field(
        default_factory=dict, description="Entry counts, so `data info` need not load every file."
    )


class OccupationsFile(Strict):
    """``data/occupations.yaml``."""

    meta: OccupationsMeta
    isco_groups: list[IscoGroup]
    brc_groups: list[BrcGroup]
    occupations: list[Occupation]


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
