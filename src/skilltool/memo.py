"""A bounded least-recently-used memo, shared by the suggestion index and profile building."""

from __future__ import annotations

from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Memo(Generic[K, V]):
    """A bounded memo that forgets the least recently used entry first (a dict keeps insertion
    order; a hit moves to the end). Bounded so that a batch's workers stay small however long the
    input: the results are the same with or without it."""

    __slots__ = ("data", "size")

    def __init__(self, size: int) -> None:
        self.data: dict[K, V] = {}
        self.size = size

    def get(self, key: K) -> V | None:
        hit = self.data.pop(key, None)
        if hit is not None:
            self.data[key] = hit
        return hit

    def put(self, key: K, value: V) -> V:
        if len(self.data) >= self.size:
            del self.data[next(iter(self.data))]
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
