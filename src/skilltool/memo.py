"""A bounded least-recently-used memo, shared by the suggestion index and profile building."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Memo(Generic[K, V]):
    """A bounded memo that forgets the least recently used entry first (an ``OrderedDict`` keeps
    the order of use; a hit moves to the end). Bounded so that a batch's workers stay small however
    long the input: the results are the same with or without it.

    Not a plain dict: a full one forgot its oldest entry with ``del d[next(iter(d))]``, and a dict
    leaves a deleted entry's slot in place until it is resized, so finding the first live entry
    walked every slot deleted since (a hit's move to the end deletes one too): some 2.5 us a call
    on a full memo of 8,192 against 0.5 (docs/scale.md, scale20). A memo fills only in a long
    batch (the ranking memo after some 13,000 rows a worker), which the row benches never reached."""

    __slots__ = ("data", "size")

    def __init__(self, size: int) -> None:
        self.data: OrderedDict[K, V] = OrderedDict()
        self.size = size

    def get(self, key: K) -> V | None:
        hit = self.data.get(key)
        if hit is not None:
            self.data.move_to_end(key)
        return hit

    def put(self, key: K, value: V) -> V:
        if len(self.data) >= self.size:
            self.data.popitem(last=False)
        self.data[key] = value
        return value


class Generations(Generic[K, V]):
    """A bounded memo of two generations: a full one becomes the one before (the one before that is
    dropped), and a miss looks there first, so entries in use are carried over. A hit is one dict
    read, without ``Memo``'s least-recently-used move (which cost about a third of a cheap hit)."""

    __slots__ = ("before", "data", "size")

    def __init__(self, size: int) -> None:
        self.data: dict[K, V] = {}
        self.before: dict[K, V] = {}
        self.size = size

    def get(self, key: K) -> V | None:
        hit = self.data.get(key)
        if hit is None and (hit := self.before.get(key)) is not None:
            self.put(key, hit)
        return hit

    def put(self, key: K, value: V) -> V:
        if len(self.data) >= self.size:
            self.before, self.data = self.data, {}
        self.data[key] = value
        return value

    def __len__(self) -> int:
        return len(self.data) + len(self.before)


RUN_MEMOS: list[Memo[Any, Any]] = []
"""Module-level memos of a batch's rows (``per_run``), emptied by ``forget_runs`` once its rows are
done: they hold the models they made for the rows (occupation codes, diploma indications, short
tightness texts), which the main process would otherwise keep while it writes the Parquet tables."""


def per_run(memo: Memo[K, V]) -> Memo[K, V]:
    """``memo``, emptied by ``forget_runs`` (a module-level memo of the rows' results)."""
    RUN_MEMOS.append(memo)
    return memo


def forget_runs() -> None:
    """Empty every ``per_run`` memo: the answers stay the same, the next rows fill them again."""
    for memo in RUN_MEMOS:
        memo.data.clear()
