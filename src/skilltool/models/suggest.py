"""Schema of the suggestion data files and of ``suggest`` / ``explain`` output.

- ``data/sectors.yaml``: the project's own classification of Dutch shortage sectors by ISCO-08.
- ``data/suggest_weights.yaml``: every weight and threshold of the ranking, and the project's
  assumptions on the Dutch level and the certificates a job needs.
- ``data/regulated_nl.yaml``: Dutch regulated professions with their competent authority.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from skilltool.models.base import CefrLevel, IscoCode, Record, Strict
from skilltool.models.profile import NextStep, Suggestion

# --- data/sectors.yaml ------------------------------------------------------------------------


class Bilingual(Strict):
    """A text in Dutch and in English (both required: curated data are written in both)."""

    nl: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


class DataSource(Strict):
    """A source a curated file cites: what it is, who published it, where, when it was read."""

    title: str
    publisher: str
    url: str
    published: str | None = None
    read_on: str


class Sector(Strict):
    """One shortage sector: ISCO-08 prefixes that belong to it, minus exclusions."""

    id: str = Field(pattern=r"^[a-z_]+$")
    name: Bilingual
    reason: Bilingual
    sources: list[str] = Field(min_length=1)
    isco: list[IscoCode] = Field(min_length=1)
    exclude_isco: list[IscoCode] = Field(default_factory=list)

    def contains(self, isco: str) -> bool:
        """Whether an ISCO code (any length) falls in this sector."""
        return any(isco.startswith(p) for p in self.isco) and not any(
            isco.startswith(p) for p in self.exclude_isco
        )


class SectorsFile(Strict):
    """``data/sectors.yaml``."""

    version: Literal[1]
    sources: dict[str, DataSource]
    sectors: list[Sector] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> SectorsFile:
        ids = [s.id for s in self.sectors]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"sector id {dupes[0]!r} appears twice")
        for n, sector in enumerate(self.sectors):
            for source in sector.sources:
                if source not in self.sources:
                    raise ValueError(f"sectors.{n}.sources: unknown source id {source!r}")
        return self

    def sector_of(self, isco: str) -> Sector | None:
        """The sector an ISCO code belongs to, or None."""
        for sector in self.sectors:
            if sector.contains(isco):
                return sector
        return None


# --- data/regulated_nl.yaml ---------------------------------------------------------------------


class RegulatedProfession(Strict):
    """A Dutch regulated profession (or protected title) and the official recognition route."""

    id: str = Field(pattern=r"^[a-z_]+$")
    name: Bilingual
    isco: list[IscoCode] = Field(min_length=1, description="ISCO-08 prefixes of the profession.")
    registry: str = Field(description="The register or legal basis, e.g. 'BIG-register (Wet BIG art. 3)'.")
    authority: str = Field(description="The competent authority that recognises a foreign qualification.")
    route: Bilingual = Field(description="The official route in one or two sentences.")
    dutch_needed: CefrLevel | None = Field(
        default=None, description="Dutch level the recognition route asks for, where a source states it."
    )
    learn_work: bool = Field(
        description="A Dutch learn-work route (BBL, zij-instroom) leads into it without a foreign "
        "qualification in the profession; when false, the profession is only suggested to people "
        "who worked in it (recognition first)."
    )
    sources: list[str] = Field(default_factory=list)
    assumption: str | None = Field(
        default=None, description="What the project assumes without a source; null when fully sourced."
    )

    @model_validator(mode="after")
    def _sourced(self) -> RegulatedProfession:
        if not self.sources and not self.assumption:
            raise ValueError("give sources, or say in 'assumption' what is assumed")
        return self


class RegulatedFile(Strict):
    """``data/regulated_nl.yaml``."""

    version: Literal[1]
    sources: dict[str, DataSource]
    professions: list[RegulatedProfession] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> RegulatedFile:
        for n, prof in enumerate(self.professions):
            for source in prof.sources:
                if source not in self.sources:
                    raise ValueError(f"professions.{n}.sources: unknown source id {source!r}")
        return self

    def find(self, isco: str) -> RegulatedProfession | None:
        """The regulated profession whose longest ISCO prefix matches, or None."""
        best: tuple[int, RegulatedProfession] | None = None
        for prof in self.professions:
            for prefix in prof.isco:
                if isco.startswith(prefix) and (best is None or len(prefix) > best[0]):
                    best = (len(prefix), prof)
        return best[1] if best else None


# --- data/suggest_weights.yaml -----------------------------------------------------------------


class LevelBand(Strict):
    """The NLQF range an ISCO-08 major group's skill level corresponds to."""

    isco_skill_level: str
    nlqf_min: int = Field(ge=1, le=8)
    nlqf_max: int = Field(ge=1, le=8)


class SkillWeights(Strict):
    essential: float = Field(ge=0, description="Points when every essential skill is held.")
    optional: float = Field(ge=0, description="Points when every optional skill is held.")
    max_missing_shown: int = Field(ge=0)


class RelatedWeights(Strict):
    same_occupation: float = Field(ge=0)
    by_isco_digits: dict[int, float] = Field(description="Shared ISCO prefix length -> points.")
    min_years_full: float = Field(ge=0)
    short_experience_factor: float = Field(ge=0, le=1)


class LevelWeights(Strict):
    in_range: float = Field(ge=0)
    above_by: list[float] = Field(description="Points when the person is 1, 2, 3+ NLQF steps above.")
    below_by: list[float] = Field(description="Points when the person is 1, 2, 3+ NLQF steps below.")
    min_years_experience: float = Field(ge=0)
    skilled_from_isco_skill_level: int = Field(ge=1, le=4)


class DutchWeights(Strict):
    by_gap: list[float] = Field(min_length=1, description="Points for 0, 1, 2, ... CEFR steps short.")
    unknown_counts_as: CefrLevel


class WishWeights(Strict):
    sector: float = Field(ge=0)
    occupation: float = Field(ge=0)
    part_time_max_hours: int = Field(ge=0, le=60)
    part_time_sectors: list[str]
    part_time: float = Field(ge=0)


class CertificateWeights(Strict):
    all_held: float = Field(ge=0)


class RouteRules(Strict):
    direct_max_dutch_gap: int = Field(ge=0)
    qualification_needed_from_isco_skill_level: int = Field(ge=1, le=4)
    related_digits_for_entry: dict[int, int] = Field(description="ISCO skill level -> shared ISCO digits.")
    skills_share_for_entry: float = Field(ge=0, le=1)


class SelectionRules(Strict):
    max_per_isco_unit: int = Field(ge=1)


class PlanRules(Strict):
    language_target: CefrLevel


class DutchNeeded(Strict):
    by_isco_skill_level: dict[str, CefrLevel]
    by_isco: dict[IscoCode, CefrLevel] = Field(description="ISCO prefix -> level; the longest prefix wins.")


class CertificateRule(Strict):
    """Licences or certificates a job in these ISCO groups needs (a project assumption)."""

    isco: list[IscoCode] = Field(min_length=1)
    driving_licences: list[str] = Field(default_factory=list)
    certificates: list[str] = Field(default_factory=list)
    note: Bilingual


class SuggestWeights(Strict):
    """``data/suggest_weights.yaml``: every weight and threshold of the ranking."""

    version: Literal[1]
    level_by_isco_major: dict[str, LevelBand]
    skills: SkillWeights
    related_work: RelatedWeights
    level: LevelWeights
    dutch: DutchWeights
    tightness: dict[str, float]
    tightness_forecast: dict[str, float] = Field(
        description="Points per ROA ITKB typering by 2030: a smaller part, separate from tightness now."
    )
    wishes: WishWeights
    certificates: CertificateWeights
    routes: RouteRules
    selection: SelectionRules
    plan: PlanRules
    dutch_needed: DutchNeeded
    certificate_rules: list[CertificateRule] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self) -> SuggestWeights:
        for major in "0123456789":
            if major not in self.level_by_isco_major:
                raise ValueError(f"level_by_isco_major: ISCO major group {major!r} is missing")
        for band in self.level_by_isco_major.values():
            if band.nlqf_min > band.nlqf_max:
                raise ValueError("level_by_isco_major: nlqf_min is above nlqf_max")
        for level in ("1", "2", "3", "4"):
            if level not in self.dutch_needed.by_isco_skill_level:
                raise ValueError(f"dutch_needed.by_isco_skill_level: skill level {level} is missing")
        if not set(self.related_work.by_isco_digits) <= {2, 3, 4}:
            raise ValueError("related_work.by_isco_digits: keys must be 2, 3 or 4 (shared ISCO digits)")
        for key in ("zeer krap", "krap", "gemiddeld", "ruim", "zeer ruim", "unknown"):
            if key not in self.tightness:
                raise ValueError(f"tightness: category {key!r} is missing")
        if self.tightness["unknown"] != 0:
            raise ValueError("tightness.unknown: must be 0 (unknown is neutral, never a penalty)")
        for key in ("zeer groot", "groot", "enige", "vrijwel geen", "geen", "unknown"):
            if key not in self.tightness_forecast:
                raise ValueError(f"tightness_forecast: typering {key!r} is missing")
        if self.tightness_forecast["unknown"] != 0:
            raise ValueError("tightness_forecast.unknown: must be 0 (unknown is neutral, never a penalty)")
        if max(self.tightness_forecast.values()) >= max(self.tightness.values()):
            raise ValueError(
                "tightness_forecast: must weigh less than the current tightness (a forecast is less certain)"
            )
        return self


# --- output ------------------------------------------------------------------------------------


class SuggestionResult(Record):
    """``suggest``: ranked suggestions and the ordered action plan for one profile."""

    client_ref: str
    lang: Literal["nl", "en"]
    person_level: int | None = Field(default=None, description="NLQF used for level fit (education or work).")
    dutch: str | None = None
    suggestions: list[Suggestion] = Field(default_factory=list)
    next_steps: list[NextStep] = Field(default_factory=list)
    caveat: str


class Explanation(Record):
    """``explain``: every score part of one occupation for one profile, with its evidence."""

    client_ref: str
    lang: Literal["nl", "en"]
    in_sector: bool
    sector_name: str | None = None
    rank: int = Field(
        description="Position among the shortage-sector candidates (1 = first); 0 outside the sectors "
        "or for a regulated profession that is not suggested to this person."
    )
    candidates: int
    suggestion: Suggestion
    caveat: str
