"""Shared texts written one way: level ranges (NLQF/EQF) and the highest level of a person.

Tightness has its own formatter, ``skilltool.tightness.text``; everything that shows a level range
or a person's highest level goes through here, so the report, ``profile show``, the batch summary
and the diploma lookup can never disagree.
"""

from __future__ import annotations


def level_range(low: int, high: int) -> str:
    """``4`` when both ends agree, else ``4-6`` (a hyphen-minus, the same in CSV, terminal and report)."""
    return str(low) if low == high else f"{low}-{high}"
