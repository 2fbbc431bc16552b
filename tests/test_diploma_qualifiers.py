"""Degree qualifiers in the diploma matcher (issue 13): a qualifier that raises the degree (yüksek
lisans, master, magistr, arshad / ارشد, doktora, PhD, specialist) never matches the lower degree,
in the scripts and spellings of every covered country; when no entry carries the qualifier there is
no match (no level rather than a wrong one). On the real data/diploma_equivalences.yaml."""

from __future__ import annotations

from functools import cache

import pytest

from skilltool import diplomas
from skilltool.models.diplomas import LookupContext

from .conftest import REPO


@cache
def _table() -> diplomas.DiplomaTable:
    return diplomas.DiplomaTable.load(REPO / "data" / "diploma_equivalences.yaml")


def _ids(country: str, text: str, field: str | None = None) -> list[str]:
    ctx = LookupContext(field=field) if field else None
    result = diplomas.lookup(_table(), country=country, text=text, top=10, context=ctx)
    return [m.entry_id for m in result.matches]


# (country, what the person calls the diploma, the entry it must be, or None: no level at all)
CASES = [
    ("TR", "Yüksek Lisans Diploması", None),
    ("TR", "Yuksek Lisans Diplomasi", None),
    ("TR", "yüksek lisans", None),
    ("TR", "Doktora Diploması", None),
    ("TR", "Lisans Diploması", "tr-lisans-4yr"),
    ("TR", "Ön Lisans Diploması", "tr-on-lisans"),
    ("IR", "کارشناسی ارشد", "ir-karshenasi-arshad"),
    ("IR", "karshenasi arshad", "ir-karshenasi-arshad"),
    ("IR", "کارشناسی", "ir-karshenasi"),
    ("IR", "PhD in chemistry", None),
    ("SY", "الماجستير", "sy-master"),
    ("SY", "majistir", "sy-master"),
    ("SY", "دكتوراه في الكيمياء", None),
    ("SY", "PhD", None),
    ("EG", "ماجستير", "eg-master"),
    ("EG", "دكتوراه", None),
    ("UA", "Диплом магістра", "ua-master"),
    ("UA", "Dyplom mahistra", "ua-master"),
    ("UA", "Диплом спеціаліста", "ua-specialist"),
    ("UA", "Диплом молодшого спеціаліста", "ua-junior-specialist"),
    ("UA", "Диплом бакалавра", "ua-bachelor"),
    ("RU", "Диплом магистра", "ru-master"),
    ("RU", "Диплом специалиста", "ru-specialist"),
    ("RU", "кандидат наук", None),
    ("AF", "Master's degree in economics", "af-master"),
    ("AF", "PhD", None),
    ("ET", "MSc in Civil Engineering", "et-master-after-3-4yr"),
    ("ER", "Master of Science", None),
    ("MA", "Master en droit", None),
    ("PK", "Master of Science", None),
    ("NG", "MSc Accounting", None),
]


@pytest.mark.parametrize(("country", "text", "entry"), CASES)
def test_qualifier_decides_the_degree(country: str, text: str, entry: str | None) -> None:
    """The best match is the entry with the same degree; a higher degree the table lacks gives
    no match at all (never the bachelor)."""
    found = _ids(country, text)
    if entry is None:
        assert found == [], found
    else:
        assert found and found[0] == entry, found


def test_a_raising_qualifier_never_matches_the_lower_degree_anywhere() -> None:
    """For every entry of every country without a qualifier in its names: its own English names
    with 'Master', 'PhD' or 'Doktora' in front never match it."""
    checked = 0
    for entry in _table().entries:
        if any(diplomas.qualifiers(n) for n in entry.names.all()):
            continue
        for name in entry.names.english[:1]:
            for prefix in ("Master", "PhD", "Doktora", "Specialist"):
                assert entry.id not in _ids(entry.country, f"{prefix} {name}"), (prefix, entry.id)
                checked += 1
    assert checked > 150


def test_qualifiers_in_every_script() -> None:
    """The qualifier words are found in Latin, Turkish, Arabic, Persian and Cyrillic spelling."""
    assert diplomas.qualifiers("Yüksek Lisans") == {"master"}
    assert diplomas.qualifiers("کارشناسی ارشد") == {"master"}
    assert diplomas.qualifiers("الماجستير") == {"master"}
    assert diplomas.qualifiers("Диплом магістра") == {"master"}
    assert diplomas.qualifiers("Диплом магистра") == {"master"}
    assert diplomas.qualifiers("Doktora") == {"doctorate"}
    assert diplomas.qualifiers("Ph.D.") == {"doctorate"}
    assert diplomas.qualifiers("Диплом спеціаліста") == {"specialist"}
    assert diplomas.qualifiers("Ön Lisans") == {"junior"}
    assert diplomas.qualifiers("Lisans Diploması") == frozenset()
    assert diplomas.qualifiers("Bachelor of Science") == frozenset()


def test_the_match_shows_the_name_of_the_field() -> None:
    """Regression: a Syrian pharmacy degree showed 'Match: Bachelor in Architecture' (the entry's
    first English name); the match now shows the entry's name closest to the query and field."""
    result = diplomas.lookup(_table(), country="SY", text="Bachelor of Pharmacy", top=3)
    five = next(m for m in result.matches if m.entry_id == "sy-bachelor-5yr-professional")
    assert five.qualification == "Bachelor in Pharmacy"
