"""``skilltool diploma coverage``: entries of the equivalence table per country and kind, stated vs
inferred level, and which priority countries have none yet (split from ``diplomas``)."""

from __future__ import annotations

from collections import Counter

from skilltool.countries import country_name
from skilltool.diplomas import PRIORITY_COUNTRIES, DiplomaTable
from skilltool.models.diplomas import Coverage, CoverageRow


def coverage(table: DiplomaTable, *, lang: str = "nl") -> Coverage:
    """Entries per country and kind, stated vs inferred, and which priority countries are missing."""
    rows = []
    for code in sorted(set(table.countries()) | set(PRIORITY_COUNTRIES), key=_priority_order):
        entries = table.for_country(code)
        unlevelled = [u for u in table.without_level if u.country == code]
        rows.append(
            CoverageRow(
                country=code,
                country_name=country_name(code, lang),
                entries=len(entries),
                stated=sum(1 for e in entries if e.basis == "stated"),
                inferred=sum(1 for e in entries if e.basis == "inferred"),
                without_level=len(unlevelled),
                by_kind=dict(sorted(Counter(e.kind for e in entries).items())),
            )
        )
    covered = [c for c in PRIORITY_COUNTRIES if table.for_country(c)]
    return Coverage(
        countries=rows,
        priority_covered=len(covered),
        priority_total=len(PRIORITY_COUNTRIES),
        priority_missing=[c for c in PRIORITY_COUNTRIES if c not in covered],
        entries=len(table.entries),
        stated=sum(1 for e in table.entries if e.basis == "stated"),
        inferred=sum(1 for e in table.entries if e.basis == "inferred"),
    )


def _priority_order(code: str) -> tuple[int, str]:
    return (PRIORITY_COUNTRIES.index(code), code) if code in PRIORITY_COUNTRIES else (99, code)
