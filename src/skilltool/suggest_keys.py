"""Two small keys of the suggest index: an ISCO code's longest listed prefix (regulated professions,
certificate rules, Dutch levels) and the candidates' order among equal scores."""

from __future__ import annotations

from typing import TypeVar

from skilltool.models import Occupation

V = TypeVar("V")


def longest_prefix(prefixes: dict[str, V], isco: str) -> tuple[str, V] | None:
    """The longest prefix of ``isco`` in ``prefixes`` and its value."""
    for n in range(len(isco), 0, -1):
        if isco[:n] in prefixes:
            return isco[:n], prefixes[isco[:n]]
    return None


def order_key(occ: Occupation) -> tuple[int, ...]:
    """Order among equal scores: better-known occupations (more alternative labels) first, then the
    ESCO code. A plain, visible tie-break; it never changes a score."""
    parts = occ.code.split(".")
    return (-(len(occ.alt.nl) + len(occ.alt.en)), *(int(p) if p.isdigit() else 0 for p in parts))
