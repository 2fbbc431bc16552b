"""Shared texts written one way: level ranges, and the one rule for a person's highest level."""

from __future__ import annotations

import pytest

from skilltool import batch, diplomas
from skilltool.formats import level_range
from skilltool.models import Education, Personal, Profile

from .test_diplomas import _edu


@pytest.mark.parametrize(("low", "high", "text"), [(4, 4, "4"), (4, 6, "4-6"), (1, 8, "1-8")])
def test_level_range(low: int, high: int, text: str) -> None:
    """One level is one number; a range is written with a hyphen-minus, everywhere."""
    assert level_range(low, high) == text


@pytest.mark.parametrize(
    ("education", "expected"),
    [
        ([_edu((4, 6)), _edu((5, 5))], ("5", 5, "stated")),  # the guaranteed level first (was 4-6 in batch)
        (
            [_edu((6, 6), idw=5)],
            ("5", 5, "idw"),
        ),  # IDW evaluated this diploma: its level wins (was 6 in plan)
        ([_edu((7, 7), completed=False)], ("", None, "")),  # unfinished: not a level
        ([_edu((7, 7), completed=False, idw=6)], ("6", 6, "idw")),  # unless IDW evaluated it
        ([], ("", None, "")),
    ],
)
def test_one_rule_for_the_highest_level(
    education: list[Education], expected: tuple[str, int | None, str]
) -> None:
    """The batch summary and the plan's level (``highest_nlqf``) use the same rule, so they never
    disagree (regression: the summary ranked by the upper bound and the plan took any IDW level
    beside the table's, even for the same diploma)."""
    level = diplomas.highest_level(education)
    text = level.text if level else ""
    assert (text, level.high if level else None, level.basis if level else "") == expected
    profile = Profile(personal=Personal(client_ref="A"), education=education)
    row = batch.summary_row(2, profile)
    assert (row.highest_nlqf, row.level_basis) == (expected[0], expected[2])
    assert diplomas.highest_nlqf(education) == (level.low if level else None)
