"""Bulk JSON output: one line per value, flushed per line on a terminal only.

Into a pipe or a file the lines are flushed every ``console.JSON_FLUSH_EVERY`` lines (and at exit),
not after each line.
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


def test_json_lines_into_a_pipe_are_not_flushed_per_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bulk output into a pipe: one JSON line per value, flushed every ``JSON_FLUSH_EVERY`` lines
    rather than after each."""
    pipe = _Pipe()
    monkeypatch.setattr(sys, "stdout", pipe)
    monkeypatch.setattr(console, "_json_lines", [0])
    n = console.JSON_FLUSH_EVERY * 2 + 3
    for i in range(n):
        console.print_json_line({"i": i})
    assert pipe.getvalue().count("\n") == n
    assert pipe.flushes == 2


def test_json_lines_on_a_terminal_are_flushed_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal each JSON line shows at once (flushed per line)."""

    class _Tty(_Pipe):
        def isatty(self) -> bool:
            return True

    tty = _Tty()
    monkeypatch.setattr(sys, "stdout", tty)
    console.print_json_line({"a": 1})
    console.print_json_line({"a": 2})
    assert tty.flushes == 2
    assert tty.getvalue() == '{"a": 1}\n{"a": 2}\n'
