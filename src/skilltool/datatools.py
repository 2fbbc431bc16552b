"""What researchers ask of the reference data: its provenance and coverage, and what changed."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, Field

from skilltool.errors import SkilltoolError
from skilltool.models import OccupationsFile, Strict
from skilltool.reference import ReferenceData


class TightnessCoverage(Strict):
    """How much of the labour market has a sourced tightness value."""

    brc_groups: int
    brc_groups_known: int
    brc_groups_lower_bound: int
    occupations_known: int
    periods: list[str]


class DataInfo(Strict):
    """``data info``: versions, counts, sources and coverage."""

    data_dir: str
    esco_version: str
    acknowledgement: str
    occupations: int
    isco_unit_groups: int
    skills: int
    occupations_with_dutch_label: int
    skills_with_dutch_label: int
    regulated_occupations: int
    tightness: TightnessCoverage
    sources: dict[str, str]
    files: dict[str, int] = Field(description="Other data files and their entry counts.")


def tightness_coverage(occupations: OccupationsFile) -> TightnessCoverage:
    """Count BRC groups and occupations with a known tightness, and the periods they cover."""
    known = {g.code for g in occupations.brc_groups if g.tightness.known}
    bounded = {g.code for g in occupations.brc_groups if not g.tightness.known and g.tightness.at_least}
    periods = sorted({g.tightness.period for g in occupations.brc_groups if g.tightness.period})
    return TightnessCoverage(
        brc_groups=len(occupations.brc_groups),
        brc_groups_known=len(known),
        brc_groups_lower_bound=len(bounded),
        occupations_known=sum(1 for o in occupations.occupations if o.brc in known),
        periods=periods,
    )


CountFn = Callable[[ReferenceData], int]


def curated_files() -> dict[str, CountFn]:
    """The curated data files besides ESCO: name -> a function that loads, checks and counts it.

    Each function raises ``DataFileError`` (one line) when the file or a cross-reference in it
    is invalid. Imported here, lazily, so that ``data info`` needs no other module at start-up.
    """
    files: dict[str, CountFn] = {}
    files["diploma_equivalences.yaml"] = lambda ref: len(ref.diplomas.entries)
    files["dutch_qualifications.yaml"] = lambda ref: len(ref.dutch_qualifications.levels)
    from skilltool import suggest_index

    files["sectors.yaml"] = suggest_index.check_sectors
    files["suggest_weights.yaml"] = suggest_index.check_weights
    files["regulated_nl.yaml"] = suggest_index.check_regulated
    from skilltool import occupations

    files["occupation_aliases.yaml"] = occupations.check_aliases
    from skilltool import intake

    files["intake/questionnaire.yaml"] = intake.check_intake_files
    from skilltool import batch

    files["batch/default_mapping.yaml"] = batch.check_default_mapping
    return files


def entry_counts(ref: ReferenceData) -> dict[str, int]:
    """Entry counts of the curated files for ``data info``, read through their models only.

    The cross-checks live in ``curated_files()`` and run in ``data validate``; ``data info``
    stays fast because it imports none of the modules that own those checks.
    """
    from skilltool.models import (
        ColumnMapping,
        DiplomaEquivalencesFile,
        DutchQualificationsFile,
    )

    counts: dict[str, Callable[[], int]] = {
        "diploma_equivalences.yaml": lambda: len(
            ref.file("diploma_equivalences.yaml", DiplomaEquivalencesFile).entries
        ),
        "dutch_qualifications.yaml": lambda: len(
            ref.file("dutch_qualifications.yaml", DutchQualificationsFile).levels
        ),
        "sectors.yaml": lambda: len(ref.sectors.sectors),
        "suggest_weights.yaml": lambda: (
            len(ref.suggest_weights.dutch_needed.by_isco) + len(ref.suggest_weights.certificate_rules)
        ),
        "regulated_nl.yaml": lambda: len(ref.regulated_nl.professions),
        "occupation_aliases.yaml": lambda: len(ref.occupation_aliases.aliases),
        "intake/questionnaire.yaml": lambda: len(ref.intake_questionnaire.all_questions()),
        "batch/default_mapping.yaml": lambda: len(
            ref.file("batch/default_mapping.yaml", ColumnMapping).fields
        ),
    }
    return {name: count() for name, count in counts.items() if ref.path(name).exists()}


def info(ref: ReferenceData) -> DataInfo:
    """Collect ``data info`` from the loaded reference data."""
    occ = ref.occupations
    files = entry_counts(ref)
    return DataInfo(
        data_dir=str(ref.data_dir),
        esco_version=occ.meta.esco_version,
        acknowledgement=occ.meta.acknowledgement,
        occupations=len(occ.occupations),
        isco_unit_groups=sum(1 for g in occ.isco_groups if len(g.code) == 4),
        skills=occ.meta.counts.get("skills", 0),
        occupations_with_dutch_label=sum(1 for o in occ.occupations if o.label.nl),
        skills_with_dutch_label=occ.meta.counts.get("skills_with_dutch_label", 0),
        regulated_occupations=sum(1 for o in occ.occupations if o.regulated),
        tightness=tightness_coverage(occ),
        sources=dict(occ.meta.sources),
        files=files,
    )


class Change(Strict):
    """One changed occupation or BRC group: what it is and the old and new values."""

    key: str
    label: str
    old: str | None = None
    new: str | None = None


class DataDiff(BaseModel):
    """``data diff OLD NEW``: what a rebuild changed."""

    old_version: str
    new_version: str
    added: list[Change] = Field(default_factory=list)
    removed: list[Change] = Field(default_factory=list)
    relabelled: list[Change] = Field(default_factory=list)
    recoded: list[Change] = Field(default_factory=list)
    tightness: list[Change] = Field(default_factory=list)
    skills_changed: int = 0

    @property
    def empty(self) -> bool:
        return (
            not (self.added or self.removed or self.relabelled or self.recoded or self.tightness)
            and not self.skills_changed
        )

    def summary(self) -> str:
        """One line, e.g. ``1 relabelled (welder: 'lasser' -> 'lasser x')``."""
        parts = []
        for name in ("added", "removed", "relabelled", "recoded", "tightness"):
            changes: list[Change] = getattr(self, name)
            if changes:
                first = changes[0]
                detail = first.label
                if first.old is not None or first.new is not None:
                    detail += f": {first.old!r} -> {first.new!r}"
                more = f", +{len(changes) - 1} more" if len(changes) > 1 else ""
                parts.append(f"{len(changes)} {name} ({detail}{more})")
        if self.skills_changed:
            parts.append(f"{self.skills_changed} occupations with changed skills")
        return "; ".join(parts) or "no changes"


def diff(old: OccupationsFile, new: OccupationsFile) -> DataDiff:
    """Compare two occupations files by ESCO URI and BRC group."""
    old_by = {o.uri: o for o in old.occupations}
    new_by = {o.uri: o for o in new.occupations}
    result = DataDiff(old_version=old.meta.esco_version, new_version=new.meta.esco_version)
    for uri in sorted(new_by.keys() - old_by.keys()):
        result.added.append(Change(key=uri, label=new_by[uri].label.get("en"), new=new_by[uri].isco))
    for uri in sorted(old_by.keys() - new_by.keys()):
        result.removed.append(Change(key=uri, label=old_by[uri].label.get("en"), old=old_by[uri].isco))
    for uri in sorted(old_by.keys() & new_by.keys()):
        a, b = old_by[uri], new_by[uri]
        for lang in ("en", "nl"):
            before, after = getattr(a.label, lang), getattr(b.label, lang)
            if before != after:
                result.relabelled.append(
                    Change(key=f"{uri}#{lang}", label=b.label.get("en"), old=before, new=after)
                )
        if a.isco != b.isco:
            result.recoded.append(Change(key=uri, label=b.label.get("en"), old=a.isco, new=b.isco))
        if (a.essential, a.optional, a.alt, a.hidden) != (b.essential, b.optional, b.alt, b.hidden):
            result.skills_changed += 1
    old_t = {g.code: g for g in old.brc_groups}
    for group in new.brc_groups:
        before = old_t.get(group.code)
        was = _tightness_text(before.tightness) if before else None
        now = _tightness_text(group.tightness)
        if was != now:
            result.tightness.append(Change(key=group.code, label=group.label, old=was, new=now))
    return result


def _tightness_text(t: object) -> str:
    category = getattr(t, "category", "unknown")
    period = getattr(t, "period", None)
    return f"{category} ({period})" if period else str(category)


def validate_all(ref: ReferenceData) -> list[str]:
    """Load every data file through its model; return one line per problem (empty: all valid)."""
    problems = []
    checks: list[tuple[str, Callable[[], object]]] = [
        ("sources.yaml", lambda: ref.manifest),
        ("occupations.yaml", lambda: ref.occupations),
        ("skills.yaml", lambda: ref.skills),
    ]
    curated = curated_files()
    checks += [(name, functools.partial(count, ref)) for name, count in curated.items()]
    for name, check in checks:
        if name in curated and not ref.path(name).exists():
            problems.append(f"{ref.path(name)}: data file not found")
            continue
        try:
            check()
        except SkilltoolError as exc:
            problems.append(exc.message)
    return problems


def load_occupations_file(path: Path) -> OccupationsFile:
    """An occupations file at any path (for ``data diff``), validated."""
    from skilltool.reference import load_model

    return load_model(path, OccupationsFile)
