"""A teacher with the school's level said (``coding_schools.said_level_first``): the level's
teacher leads a flagged ranking. Made-up titles."""

from __future__ import annotations

import pytest

from skilltool.coding_schools import said_level_first
from tests.alias_checks import coder

ISCOS = ["2330", "2310", "2342"]
HITS = [(0, 90.0, 0), (1, 70.0, 0), (2, 50.0, 0)]


@pytest.mark.parametrize(
    ("normalized", "flagged", "first"),
    [
        ("docent wiskunde op de universiteit", True, 1),
        ("leraar op de kleuterschool", True, 2),
        ("docent wiskunde op de universiteit", False, 0),  # unflagged: left as it is
        ("assistent van een docent op de universiteit", True, 0),  # whom they assist, not their level
        ("docent wiskunde", True, 0),  # no level said
        ("docent universiteit en basisschool", True, 0),  # two levels: not one
        ("onderzoeker universiteit", True, 0),  # no teacher
    ],
)
def test_the_level_said_leads_a_flagged_teachers_ranking(normalized: str, flagged: bool, first: int) -> None:
    assert said_level_first(list(HITS), flagged, normalized, ISCOS)[0][0] == first


@pytest.mark.parametrize("text", ["docent geschiedenis universiteit", "docent wiskunde op de universiteit"])
def test_a_teacher_at_a_university_codes_to_higher_education(text: str) -> None:
    """The subject filled a secondary teacher's label (2330) better than the lecturer's."""
    assert coder().code(text, lang="nl").candidates[0].isco == "2310"
