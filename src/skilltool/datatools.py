"""What researchers ask of the reference data: its provenance and coverage, and whether the curated
files hold together (``data info``, ``data validate``); what changed between two versions is ``data_diff``."""

from __future__ import annotations

import functools
import os
from collections import Counter
from collections.abc import Callable

from pydantic import Field

from skilltool.errors import DataFileError, SkilltoolError
from skilltool.messages import Say, say
from skilltool.models import (
    ColumnMapping,
    DiplomaEquivalencesFile,
    DutchQualificationsFile,
    OccupationsFile,
    Strict,
    Tightness,
    TightnessValue,
)
from skilltool.reference import ReferenceData


class KindCoverage(Strict):
    """How many groups and occupations have a tightness value of one kind, and for which periods."""

    kind: str = Field(
        description="current, forecast, history, or now (current else history: what scoring uses)."
    )
    brc_groups: int
    occupations: int
    periods: dict[str, int] = Field(description="Period -> number of groups with a value for it.")
    flags: dict[str, int] = Field(default_factory=dict, description="Flag -> number of groups.")
    isco_units_without: int = Field(
        default=0, description="ISCO-08 unit groups of the crosswalk that get no value of this kind."
    )


class TightnessCoverage(Strict):
    """How much of the labour market has a sourced tightness value, per kind."""

    brc_groups: int
    occupations: int
    reference_period: str | None = Field(
        description="The newest quarter in the data; values more than 8 quarters older are stale."
    )
    kinds: list[KindCoverage]


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
    cbs_titles: int | None = Field(
        default=None, description="Titles in cbs_title_index.yaml (CBS's Dutch example titles), if present."
    )
    sources: dict[str, str]
    files: dict[str, int] = Field(description="Other data files and their entry counts.")


def tightness_coverage(occupations: OccupationsFile) -> TightnessCoverage:
    """Count, per kind, the BRC groups and occupations with a tightness value and their periods."""
    per_group = Counter(o.brc for o in occupations.occupations if o.brc)
    kinds = []
    pick: dict[str, Callable[[Tightness], list[TightnessValue]]] = {
        "current": lambda t: [t.current] if t.current else [],
        "forecast": lambda t: [t.forecast] if t.forecast else [],
        "history": lambda t: t.history,
        "now": lambda t: [t.now] if t.now else [],
    }
    for name, values_of in pick.items():
        with_value = {
            g.code: values_of(g.tightness) for g in occupations.brc_groups if values_of(g.tightness)
        }
        periods: Counter[str] = Counter()
        flags: Counter[str] = Counter()
        for values in with_value.values():
            periods.update({v.period for v in values})
            flags.update({f for v in values for f in v.flags})
        units_without = {gap.isco for gap in occupations.tightness_gaps if gap.isco and name in gap.kinds}
        kinds.append(
            KindCoverage(
                kind=name,
                brc_groups=len(with_value),
                occupations=sum(per_group[code] for code in with_value),
                periods=dict(sorted(periods.items())),
                flags=dict(sorted(flags.items())),
                isco_units_without=len(units_without) if name in ("current", "forecast") else 0,
            )
        )
    return TightnessCoverage(
        brc_groups=len(occupations.brc_groups),
        occupations=len(occupations.occupations),
        reference_period=occupations.meta.tightness_reference_period,
        kinds=kinds,
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
    # lazy: `data info` imports this module and needs none of the checkers (see above)
    from skilltool import suggest_checks

    files["sectors.yaml"] = suggest_checks.check_sectors
    files["suggest_weights.yaml"] = suggest_checks.check_weights
    files["regulated_nl.yaml"] = suggest_checks.check_regulated
    from skilltool import occupations  # lazy: as suggest_checks above

    files["occupation_aliases.yaml"] = occupations.check_aliases
    from skilltool import skill_coding  # lazy: as suggest_checks above

    files["skill_aliases.yaml"] = skill_coding.check_skill_aliases
    from skilltool import intake_script  # lazy: as suggest_checks above

    files["intake/questionnaire.yaml"] = intake_script.check_intake_files
    from skilltool import batch_template  # lazy: as suggest_checks above

    files["batch/default_mapping.yaml"] = batch_template.check_default_mapping
    return files


def entry_counts(ref: ReferenceData) -> dict[str, int]:
    """Entry counts of the curated files for ``data info``, read through their models only.

    The cross-checks live in ``curated_files()`` and run in ``data validate``; ``data info``
    stays fast because it imports none of the modules that own those checks.
    """
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
        "skill_aliases.yaml": lambda: len(ref.skill_aliases.aliases),
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
        cbs_titles=ref.cbs_title_index.meta.titles if ref.path("cbs_title_index.yaml").exists() else None,
        sources=dict(occ.meta.sources),
        files=files,
    )


def check_title_index(ref: ReferenceData) -> int:
    """``cbs_title_index.yaml`` loads and names only ISCO-08 unit groups the occupations file has."""
    index = ref.cbs_title_index
    unknown = sorted(code for code in index.by_isco if code not in ref.isco_by_code)
    if unknown:
        raise DataFileError(
            say(
                "errors.data.title_index_isco",
                path=ref.path("cbs_title_index.yaml"),
                code=unknown[0],
                more=len(unknown) - 1,
            )
        )
    return index.meta.titles


# The files `data validate` checks before the curated ones (``curated_files``), in its order.
GENERATED = ("sources.yaml", "occupations.yaml", "skills.yaml", "cbs_title_index.yaml")


def validate_all(ref: ReferenceData) -> list[str | Say]:
    """Load every data file through its model; return one line per problem (empty: all valid),
    unrendered where it can be (``render``)."""
    problems: list[str | Say] = []
    loads = [lambda: ref.manifest, lambda: ref.occupations, lambda: ref.skills]
    checks: list[tuple[str, Callable[[], object]]] = list(
        zip(GENERATED, [*loads, functools.partial(check_title_index, ref)], strict=True)
    )
    curated = curated_files()
    checks += [(name, functools.partial(count, ref)) for name, count in curated.items()]
    paths, said = [str(ref.path(name)) for name, _ in checks], set()
    for name, check in checks:
        try:  # a link is there (lexists): a link loop is "cannot read (Too many levels of links)"
            if name in curated and not os.path.lexists(ref.path(name)):
                raise DataFileError(say("errors.data.not_found_curated", path=ref.path(name)))
            check()
        except SkilltoolError as exc:
            # one damaged file fails every check that reads it (sectors.yaml: its own and the
            # suggestions'): said once, by its first problem (a missing one was "not found" twice)
            text = render(exc.text, "en")
            if (file := next((p for p in paths if text.startswith(f"{p}:")), text)) not in said:
                said.add(file)
                problems.append(exc.text)
    return problems


def render(text: str | Say, lang: str) -> str:
    """A problem of ``validate_all`` (or any error's ``text``) in ``lang``."""
    return text.render(lang) if isinstance(text, Say) else text
