"""Coverage's tracer paused for the repeats of a sweep: a test that runs the same code over many
inputs (every example persona, its variants, both languages) and compares what comes out.

Under ``--cov`` the tracer multiplies the CPU of the code it traces by about 2.3 (tests21). A
sweep's first inputs run traced, so the lines and branches they reach are measured as before; the
rest run with the tracer paused. They run all the same and every assertion on them holds as
before: only coverage's record of them is left out. Without ``--cov`` nothing changes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import coverage
import pytest

TRACED_EVERY = 8
"""A parametrized sweep traces one case in this many (``every_nth_traced``)."""


@contextmanager
def untraced(pause: bool = True) -> Iterator[None]:
    """Coverage's tracer (this process's, when there is one) paused for the ``with`` block, or
    left on when ``pause`` is false (a sweep's first inputs)."""
    cov = coverage.Coverage.current()
    if cov is None or not pause:
        yield
        return
    cov.stop()
    try:
        yield
    finally:
        cov.start()


def every_nth_traced(values: Sequence[Any], every: int = TRACED_EVERY) -> list[Any]:
    """``values`` as parameters of a sweep: the first and then every ``every``-th traced, the
    others marked ``no_cover`` (pytest-cov pauses the tracer for the test's call)."""
    return [
        value if n % every == 0 else pytest.param(value, marks=pytest.mark.no_cover)
        for n, value in enumerate(values)
    ]
