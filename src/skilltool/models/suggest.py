"""Schema of the suggestion data files and of ``suggest`` / ``explain`` output.

- ``data/sectors.yaml``: the project's own classification of Dutch shortage sectors by ISCO-08.
- ``data/suggest_weights.yaml``: every weight and threshold of the ranking, and the project's
  assumptions on the Dutch level and the certificates a job needs.
- ``data/regulated_nl.yaml``: in ``models.regulated``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from skilltool.models.base import Bilingual, CefrLevel, IscoCode, Record, Strict, invalid
from skilltool.models.profile import NextStep, Suggestion


def _check_unique_ids(where: str, ids: Sequence[str]) -> None:
    """An error naming the first id (sorted) that ``ids`` holds twice."""
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise invalid("data_id_twice", where=where, id=repr(dupes[0]))


def _check_sources(where: str, sources: Sequence[str], known: Collection[str]) -> None:
    """An error naming the first of ``sources`` that is not a source id of the file."""
    for source in sources:
        if source not in known:
            raise invalid("unknown_source", where=where, source=repr(source))


# --- data/sectors.yaml ------------------------------------------------------------------------


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
        _check_unique_ids("sectors", [s.id for s in self.sectors])
        for n, sector in enumerate(self.sectors):
            _check_sources(f"sectors.{n}.sources", sector.sources, self.sources)
        return self

    def sector_of(self, isco: str) -> Sector | None:
        """The sector an ISCO code belongs to, or None."""
        for sector in self.sectors:
            if sector.contains(isco):
                return sector
        return None


# --- data/regulated_nl.yaml: in ``models.regulated`` ---------------------------------------------


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
    informal_work_max_nlqf: int = Field(
        default=2,
        ge=1,
        le=8,
        description="The highest work level informal or volunteer work sets (docs/advice.md section 4).",
    )


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


class SectorWeights(Strict):
    shortage: float = Field(
        ge=0, description="Boost for an occupation in a shortage sector (never a filter)."
    )


class FitRules(Strict):
    """What counts as real fit: only such a candidate fills a slot."""

    related_digits: int = Field(ge=2, le=4, description="Shared ISCO digits with past work (5 = same job).")
    skills_share: float = Field(gt=0, le=1, description="Share of the essential skills held.")
    skills_min_held: int = Field(ge=1, description="And at least this many of them.")
    distinctive_max_occupations: int = Field(
        ge=1, description="A skill essential to at most this many occupations is distinctive."
    )
    distinctive_min_count: int = Field(
        ge=1, description="The distinctive share is asked only of occupations with this many."
    )
    distinctive_share: float = Field(ge=0, le=1, description="Share of the distinctive skills held.")
    distinctive_min_held: int = Field(
        ge=1, description="And at least this many of them (all, when the occupation has fewer)."
    )
    distinctive_for_minor_group_from_skill_level: int = Field(
        ge=1, le=5, description="From this ISCO skill level a shared minor group also needs them."
    )
    distinctive_minor_groups: list[Annotated[str, StringConstraints(pattern=r"^[0-9]{3}$")]] = Field(
        default_factory=list,
        description="Minor groups (3 digits) of distinct trades: a shared one needs them at any skill level.",
    )


class RouteRules(Strict):
    direct_max_dutch_gap: int = Field(ge=0)
    qualification_needed_from_isco_skill_level: int = Field(ge=1, le=4)
    related_digits_for_entry: dict[int, int] = Field(description="ISCO skill level -> shared ISCO digits.")
    skills_share_for_entry: float = Field(ge=0, le=1)
    distinctive_for_entry_from_skill_level: int = Field(
        default=5,
        ge=1,
        le=5,
        description="From this ISCO skill level, entry on skills also needs that share of the job's "
        "distinctive skills (5: never).",
    )
    training_first_isco: list[IscoCode] = Field(
        default_factory=list,
        description="ISCO groups entered in the Netherlands only through their own training "
        "(police, fire service): never direct, whatever the related work.",
    )
    dutch_rules_isco: list[IscoCode] = Field(
        default_factory=list,
        description="ISCO groups whose work applies the Dutch state's own rules (tax, licences): the "
        "same work done abroad is related work, not the entry; without it done here, a dual route "
        "that teaches the Dutch rules.",
    )
    certificate_entry_isco: list[IscoCode] = Field(
        default_factory=list,
        description="ISCO groups entered with the certificate their certificate rule names, not a "
        "vocational qualification (the forklift: instruction the Arbowet asks, a short course): "
        "without related work they wait for that certificate only.",
    )
    work_in_training: list[str] = Field(
        default_factory=list,
        description="Regulated professions (ids in regulated_nl.yaml) whose work may be done while "
        "training for their diploma: beside such past work the learn-work step names no other "
        "work that only shares skills.",
    )
    entry_below_except: list[IscoCode] = Field(
        default_factory=list,
        description="ISCO groups that past work a skill level up never enters without their own "
        "diploma, though ISCO-08 names them beside it (kraamzorg's branch register).",
    )
    fit: FitRules


class SelectionRules(Strict):
    max_per_isco_unit: int = Field(ge=1)


class PlanRules(Strict):
    language_target: CefrLevel
    pension_age: int = Field(default=67, ge=60, le=75)
    """The state pension age (AOW-leeftijd) in the years the data is for (67 in 2026 and 2027)."""
    long_training_years: int = Field(default=5, ge=0, le=15)
    """From this many years before the pension age, a multi-year learn-work route (BBL) is not the
    plan's route: training on the job or a short course is."""


class DutchNeeded(Strict):
    by_isco_skill_level: dict[str, CefrLevel]
    by_isco: dict[IscoCode, CefrLevel] = Field(description="ISCO prefix -> level; the longest prefix wins.")


class CertificateRule(Strict):
    """Licences or certificates a job in these ISCO groups needs (a project assumption)."""

    isco: list[IscoCode] = Field(min_length=1)
    esco_en: list[str] = Field(
        default_factory=list,
        description="ESCO English preferred labels (in the isco groups): the rule is for these occupations "
        "only and wins over a rule by ISCO prefix (the gastouder's babysitter and nanny in ISCO 5311).",
    )
    esco_uri: list[str] = Field(
        default_factory=list,
        description="ESCO occupation URIs (in the isco groups), as esco_en: where the label is better not "
        "written out (ISCO 7412's vehicle electrics).",
    )
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
    sectors: SectorWeights
    routes: RouteRules
    selection: SelectionRules
    plan: PlanRules
    dutch_needed: DutchNeeded
    certificate_rules: list[CertificateRule] = Field(default_factory=list)
    certificate_names: dict[str, list[str]] = Field(
        default_factory=dict,
        description="A certificate a rule names -> other names a held certificate may carry "
        "('VCA basis', 'B-VCA' for VCA): an intake records the name on the paper.",
    )

    @model_validator(mode="after")
    def _check(self) -> SuggestWeights:
        for major in "0123456789":
            if major not in self.level_by_isco_major:
                raise invalid("isco_major_missing", major=repr(major))
        for band in self.level_by_isco_major.values():
            if band.nlqf_min > band.nlqf_max:
                raise invalid("nlqf_band_order")
        for level in ("1", "2", "3", "4"):
            if level not in self.dutch_needed.by_isco_skill_level:
                raise invalid("skill_level_missing", level=level)
        if not set(self.related_work.by_isco_digits) <= {2, 3, 4}:
            raise invalid("related_digits")
        for key in ("zeer krap", "krap", "gemiddeld", "ruim", "zeer ruim", "unknown"):
            if key not in self.tightness:
                raise invalid("tightness_missing", category=repr(key))
        if self.tightness["unknown"] != 0:
            raise invalid("tightness_unknown")
        for key in ("zeer groot", "groot", "enige", "vrijwel geen", "geen", "unknown"):
            if key not in self.tightness_forecast:
                raise invalid("forecast_missing", category=repr(key))
        if self.tightness_forecast["unknown"] != 0:
            raise invalid("forecast_unknown")
        if max(self.tightness_forecast.values()) >= max(self.tightness.values()):
            raise invalid("forecast_weight")
        if self.max_score() > 100 + 1e-9:
            raise invalid("max_score", total=f"{self.max_score():g}")
        return self

    def max_score(self) -> float:
        """The highest score any candidate can reach: the sum of every part's maximum."""
        return (
            self.skills.essential
            + self.skills.optional
            + max([self.related_work.same_occupation, *self.related_work.by_isco_digits.values()])
            + max([self.level.in_range, *self.level.above_by, *self.level.below_by])
            + max(self.dutch.by_gap)
            + max(self.tightness.values())
            + max(self.tightness_forecast.values())
            + self.wishes.sector
            + self.wishes.occupation
            + self.wishes.part_time
            + self.certificates.all_held
            + self.sectors.shortage
        )


# --- output ------------------------------------------------------------------------------------


class EmptySlot(Record):
    """A slot of the selection no candidate with real fit could fill, and why."""

    slot: str = Field(description="at_level, direct, dual, sector:<id>, work_experience or suggestions.")
    reason: str


class SuggestionResult(Record):
    """``suggest``: the client's own trade, ranked suggestions with fit, empty slots and the plan."""

    client_ref: str
    lang: Literal["nl", "en"]
    person_level: int | None = Field(default=None, description="NLQF used for level fit (education or work).")
    level_basis: str | None = Field(
        default=None,
        description="Where person_level comes from: IDW evaluation, diploma table (stated or inferred) or "
        "work level (from years of skilled work, never a diploma level).",
    )
    level_reason: str | None = Field(
        default=None,
        description="When level_basis says the project inferred the level: why (the diploma table's note, "
        "English only; in Dutch a pointer to `diploma lookup --lang en`).",
    )
    dutch: str | None = None
    unconfirmed_work: int = Field(
        default=0,
        description="Past jobs coded automatically and not yet confirmed (needs_review): the own trade "
        "and related work rest on these codes until a caseworker checks them with the client.",
    )
    score_scale: str = Field(default="", description="What the 0-100 score means.")
    own_trade: list[Suggestion] = Field(
        default_factory=list,
        description="Every coded past occupation and wished occupation, in or outside the shortage sectors, "
        "with tightness, route and gaps.",
    )
    suggestions: list[Suggestion] = Field(default_factory=list)
    empty_slots: list[EmptySlot] = Field(default_factory=list)
    next_steps: list[NextStep] = Field(default_factory=list)
    caveat: str


class Explanation(Record):
    """``explain``: every score part of one occupation for one profile, with its evidence."""

    client_ref: str
    lang: Literal["nl", "en"]
    in_sector: bool = Field(description="In one of the shortage sectors (which gives a boost).")
    sector_name: str | None = None
    rank: int = Field(
        description="Position among all candidates by score (1 = first; a shortage sector is a boost); "
        "0 for a regulated profession that is not suggested to this person."
    )
    candidates: int
    suggestion: Suggestion
    legal_basis: str | None = Field(
        default=None,
        description="For a regulated profession: its register or legal basis (regulated_nl.yaml "
        "`registry`, e.g. 'Wet BIG, article 34 (protected training title)'), in `lang`.",
    )
    caveat: str
