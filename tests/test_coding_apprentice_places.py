"""An apprentice with a workplace (``coding_helpers.apprentice_at``): the place's work, not a
pupil's mentor. Made-up titles."""

from __future__ import annotations

import pytest

from skilltool.coding_helpers import apprentice_at
from tests.alias_checks import coder


@pytest.mark.parametrize(
    ("normalized", "rest"),
    [
        ("leerling in een autogarage", "in een autogarage"),
        ("apprentice at a garage", "at a garage"),
        ("stagiair in een ziekenhuis", None),  # an intern: part of a study
        ("leerling bij een kleermaker", None),  # whom they learnt with: ``apprentice_of``
        ("leerling", None),
        ("monteur in een garage", None),
    ],
)
def test_an_apprentice_at_a_workplace_is_read_as_the_place(normalized: str, rest: str | None) -> None:
    assert apprentice_at(normalized) == rest


def test_an_apprentice_in_a_garage_codes_to_a_mechanic_not_a_mentor() -> None:
    result = coder().code("leerling in een autogarage", lang="nl")
    assert result.candidates[0].isco == "7231"
    assert result.needs_review  # the trade's level is the caseworker's question
