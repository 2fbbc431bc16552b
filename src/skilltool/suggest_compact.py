"""Compact shapes for the suggestion index's tables (``suggest_index``), which every suggesting
process holds whole and loads from a pickle.

Pickle stores a tuple or a model once for every reference to it, but an int once per place: a
tuple of candidate numbers loads as a tuple slot and an int object (36 bytes) per number. So the
large inverted tables are flat typed arrays (4 bytes a number), equal tuples are one object, and
equal tightness records are one record (bench/suggest: 94 distinct among 3,005 candidates).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from skilltool.models import TightnessRef
    from skilltool.suggest_index import Candidate


def rows(table: Mapping[str, Iterable[int]]) -> dict[str, array[int]]:
    """Each key's candidate numbers as a flat unsigned array, in the order given."""
    return {key: array("I", numbers) for key, numbers in table.items()}


def shared(table: Mapping[str, Iterable[int]]) -> dict[str, tuple[int, ...]]:
    """Each key's candidate numbers as a tuple, equal tuples one object (most of ``by_label``'s
    labels name one candidate, so a few thousand tuples serve some 50,000 labels)."""
    seen: dict[tuple[int, ...], tuple[int, ...]] = {}
    out: dict[str, tuple[int, ...]] = {}
    for key, numbers in table.items():
        row = tuple(numbers)
        out[key] = seen.setdefault(row, row)
    return out


def share_tightness(cands: Iterable[Candidate]) -> None:
    """Give candidates with equal tightness records one record (read, never changed)."""
    seen: dict[str, TightnessRef] = {}
    for c in cands:
        c.tight = seen.setdefault(c.tight.model_dump_json(), c.tight)
