"""A company named by its trade in one Dutch word ("bouwbedrijf", "schoonmaakbedrijven") as the
trade's field: "medewerker bouwbedrijf" -> "medewerker bouw", "bij een schoonmaakbedrijf" ->
"bij een schoonmaak". A Dutch compound is what its head names, and *bedrijf* names a company,
not a role; the label search split the unknown compound and read its head as the labels it opens
(*bedrijfs*analist, *bedrijfs*autotechnicus, an ICT firm's manager), so a construction firm's
worker was coded as an analyst of businesses or an ICT manager. The field then reads as a place or a
field does (``coding_places``). Only compounds no label holds: a company word the labels know
("transportbedrijf", "hoveniersbedrijf") is read as they read it. For queries only. What it costs:
a title that names who ran the company loses the company word's pull toward a manager (one
Flemish gold title, docs/coding.md, "A nineteenth blind set")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from skilltool.label_index import LabelIndex

_COMPANY = re.compile(r"\b(\w{3,}?)(bedrijf|bedrijfje|bedrijven)\b")
MIN_FIELD = 4
"""The shortest field kept (bouw, zorg): a shorter modifier is no field of work."""


def field_of_company(normalized: str, index: LabelIndex) -> str:
    """``normalized`` with each company word the labels do not know said as its field (see the
    module's docstring); unchanged when there is none."""
    if "bedrij" not in normalized:  # most titles
        return normalized
    return _COMPANY.sub(lambda m: _field(m, index), normalized)


def _field(match: re.Match[str], index: LabelIndex) -> str:
    word, field = match.group(0), match.group(1)
    if word in index.vocab:  # a company the labels name ("transportbedrijf")
        return word
    if field.endswith("s") and field[:-1] in index.vocab:  # a linking s: "verhuurs" -> "verhuur"
        field = field[:-1]
    return field if len(field) >= MIN_FIELD and field in index.vocab else word
