"""The cross-checks ``data validate`` runs on the sector, weight and regulation files (and the
suggest index build, which relies on the same rules): every ISCO code and ESCO label they name
exists, and a unit group belongs to at most one sector."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skilltool import suggest_not_practised
from skilltool.errors import DataFileError
from skilltool.messages import say

if TYPE_CHECKING:
    from pathlib import Path

    from skilltool.reference import ReferenceData


def _no_isco(path: Path, field: str, code: str) -> DataFileError:
    return DataFileError(say("errors.data.isco_missing", path=path, field=field, code=repr(code)))


def check_sectors(ref: ReferenceData) -> int:
    """Every ISCO code in sectors.yaml exists, and a unit group belongs to at most one sector."""
    sectors = ref.sectors
    groups = ref.isco_by_code
    path = ref.path("sectors.yaml")
    for n, sector in enumerate(sectors.sectors):
        for key in ("isco", "exclude_isco"):
            for code in getattr(sector, key):
                if code not in groups:
                    raise _no_isco(path, f"sectors.{n}.{key}", code)
    for code in groups:
        if len(code) == 4:
            hits = [s.id for s in sectors.sectors if s.contains(code)]
            if len(hits) > 1:
                raise DataFileError(
                    say("errors.data.sector_twice", path=path, code=code, first=hits[0], second=hits[1])
                )
    return len(sectors.sectors)


def check_weights(ref: ReferenceData) -> int:
    """Sector ids and ISCO prefixes named in suggest_weights.yaml exist."""
    weights = ref.suggest_weights
    path = ref.path("suggest_weights.yaml")
    ids = {s.id for s in ref.sectors.sectors}
    for sid in weights.wishes.part_time_sectors:
        if sid not in ids:
            raise DataFileError(say("errors.data.unknown_sector", path=path, sector=repr(sid)))
    groups = ref.isco_by_code
    for code in weights.dutch_needed.by_isco:
        if code not in groups:
            raise _no_isco(path, "dutch_needed.by_isco", code)
    isco_by_label = {occ.label.get("en"): occ.isco for occ in ref.occupations.occupations}
    for n, rule in enumerate(weights.certificate_rules):
        for code in rule.isco:
            if code not in groups:
                raise _no_isco(path, f"certificate_rules.{n}.isco", code)
        for label in rule.esco_en:  # an ESCO occupation of the rule's groups
            if not any(isco_by_label.get(label, "-").startswith(code) for code in rule.isco):
                where = f"certificate_rules.{n}.esco_en"
                raise DataFileError(
                    say("errors.data.no_esco_label", path=path, field=where, label=repr(label))
                )
    isco_by_uri = {occ.uri: occ.isco for occ in ref.occupations.occupations}
    for n, rule in enumerate(weights.certificate_rules):
        for uri in rule.esco_uri:  # an ESCO occupation of the rule's groups
            if not any(isco_by_uri.get(uri, "-").startswith(code) for code in rule.isco):
                where = f"certificate_rules.{n}.esco_uri"
                raise DataFileError(say("errors.data.no_esco_uri", path=path, field=where, uri=uri))
    for field in ("training_first_isco", "entry_below_except", "certificate_entry_isco", "dutch_rules_isco"):
        for code in getattr(weights.routes, field):
            if code not in groups:
                raise _no_isco(path, f"routes.{field}", code)
    return len(weights.dutch_needed.by_isco) + len(weights.certificate_rules)


def check_regulated(ref: ReferenceData) -> int:
    """Every ISCO code and ESCO label in regulated_nl.yaml exists (``not_practised`` too)."""
    regulated = ref.regulated_nl
    path = ref.path("regulated_nl.yaml")
    groups = ref.isco_by_code
    labels = {occ.label.get("en") for occ in ref.occupations.occupations}
    for n, prof in enumerate(regulated.professions):
        for key in ("isco", "related_isco"):
            for code in getattr(prof, key):
                if code not in groups:
                    raise _no_isco(path, f"professions.{n}.{key}", code)
        for key in ("esco_en", "interim_esco_en"):
            for label in getattr(prof, key):
                if label not in labels:
                    raise DataFileError(
                        say(
                            "errors.data.no_esco_label",
                            path=path,
                            field=f"professions.{n}.{key}",
                            label=repr(label),
                        )
                    )
    return len(regulated.professions) + suggest_not_practised.check_not_practised(ref, labels)
