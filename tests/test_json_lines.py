"""Bulk JSON output: one line per value, flushed per line, also into a pipe.

A program that writes one title into ``occupation code --json`` and waits for its line must get
it without closing the pipe (batching the flushes was tried and measured no faster).
"""

from __future__ import annotations

import io
import sys

import pytest

from skilltool import console


class _Pipe(io.StringIO):
    """A non-terminal stdout that counts flushes."""

    flushes = 0

    def flush(self) -> None:
        self.flushes += 1
        super().flush()

    def isatty(self) -> bool:
        return False


def test_json_lines_into_a_pipe_are_flushed_per_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """Into a pipe each JSON line is written whole and flushed at once."""
    pipe = _Pipe()
    monkeypatch.setattr(sys, "stdout", pipe)
    for i in range(3):
        console.print_json_line({"i": i})
        assert pipe.flushes == i + 1
    assert pipe.getvalue() == '{"i": 0}\n{"i": 1}\n{"i": 2}\n'
