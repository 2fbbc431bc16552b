"""The bounded memos (``skilltool.memo``): which entry a full memo forgets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from skilltool.memo import Memo

_OPS = st.lists(st.tuples(st.booleans(), st.integers(0, 12)), max_size=200)


@given(size=st.integers(1, 6), ops=_OPS)
def test_memo_forgets_the_least_recently_used_entry(size: int, ops: list[tuple[bool, int]]) -> None:
    """Gets and puts in any order keep what a plain least-recently-used list keeps, in its order:
    a hit moves its entry to the end, a put on a full memo forgets the first, a put of a key held
    keeps its place (the eviction order the memo had as a plain dict, scale20)."""
    memo: Memo[int, int] = Memo(size)
    model: list[tuple[int, int]] = []  # (key, value), least recently used first
    for step, (is_get, key) in enumerate(ops):
        held = [k for k, _ in model]
        if is_get:
            want = dict(model).get(key)
            assert memo.get(key) == want
            if want is not None:
                model.append(model.pop(held.index(key)))
        else:
            assert memo.put(key, step) == step
            if len(model) >= size:
                model.pop(0)
                held = held[1:]
            if key in held:
                model[held.index(key)] = (key, step)
            else:
                model.append((key, step))
        assert list(memo.data.items()) == model


def test_a_full_memo_keeps_its_bound_through_many_turns() -> None:
    """A full memo of 1,000 taking 50,000 new keys holds the last 1,000, oldest first, and answers
    each of them: what a batch's ranking memo does after some 13,000 rows a worker."""
    memo: Memo[int, int] = Memo(1_000)
    for i in range(50_000):
        memo.put(i, i)
    assert list(memo.data) == list(range(49_000, 50_000))
    assert all(memo.get(k) == k for k in range(49_000, 50_000))
