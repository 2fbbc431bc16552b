"""How a ``LabelIndex`` is pickled: its id tables as flat typed arrays, one int object per id
when loaded.

Pickle writes every number out on its own, so a loaded index held a fresh int object (32 bytes)
for each of the ~1.5 million ids in its token tuples and lookup tables, where the index as built
shares one per id. A batch loads both coders' indexes before forking its workers, and a worker
copies every page of objects it reads (a read writes the object's reference count). Here the
tables travel as ``array('i')`` (flat ids and offsets) and are rebuilt on load from one shared
int object per id, so no per-occurrence int is ever made; the word -> id dict is rebuilt from the
word list; the per-label float lists become ``array('d')``. The index answers the same.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from typing import Any

_TABLES = ("exact", "exact_stem", "by_stem", "compounds")
"""Dicts of ids (an id or a tuple of ids, or lists of ids), stored as keys plus flat ids."""
_FLOATS = ("label_kind", "concept_prior")
"""Per-label and per-concept floats with a few distinct values: a float object each as lists."""


def _flat(groups: Iterable[Sequence[int]]) -> tuple[array[int], array[int]]:
    ids: array[int] = array("i")
    lengths: array[int] = array("i")
    for group in groups:
        ids.extend(group)
        lengths.append(len(group))
    return ids, lengths


def _groups(flat: tuple[array[int], array[int]], get: Callable[[int], int]) -> list[tuple[int, ...]]:
    ids, lengths = flat
    it = map(get, ids)
    return [tuple(islice(it, n)) for n in lengths]


def pack(state: dict[str, Any]) -> dict[str, Any]:
    """``state`` (a copy of the index's attributes) with its id tables flattened."""
    state.pop("vocab", None)  # word -> its place in ``words``: rebuilt on load
    state["label_tokens"] = _flat(state["label_tokens"])
    for name in _TABLES:
        table = state[name]
        keys = _flat([k] for k in table) if name == "compounds" else list(table)
        state[name] = (keys, _flat((v,) if isinstance(v, int) else v for v in table.values()))
    for name in _FLOATS:
        state[name] = array("d", state[name])
    return state


def unpack(state: dict[str, Any]) -> dict[str, Any]:
    """``pack``'s output back to the index's attributes, one int object per id."""
    shared = list(range(max(len(state["label_text"]), len(state["words"]))))
    get = shared.__getitem__
    state["vocab"] = {w: get(i) for i, w in enumerate(state["words"])}
    state["label_tokens"] = _groups(state["label_tokens"], get)
    for name in ("exact", "exact_stem"):  # an id, or a tuple of the ids sharing the key
        keys, flat = state[name]
        state[name] = {k: v[0] if len(v) == 1 else v for k, v in zip(keys, _groups(flat, get), strict=True)}
    for name in ("by_stem", "compounds"):
        keys, flat = state[name]
        if name == "compounds":
            keys = [k for (k,) in _groups(keys, get)]
        state[name] = {k: list(v) for k, v in zip(keys, _groups(flat, get), strict=True)}
    return state
