"""Terminal output: the only module that imports rich.

stdout is for data (tables, JSON); stderr is for people (errors, warnings, progress).
Both consoles soft-wrap so output never depends on the terminal's width.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

# No file given: rich writes to whatever sys.stdout/sys.stderr is at print time (CliRunner swaps them).
out = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True, soft_wrap=True, highlight=False)


# C0 controls but tab and newline, DEL, C1 controls (U+009B is a one-byte CSI in some
# terminals), and the bidi embeddings, overrides and isolates that can reorder what is shown.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_C1 = re.compile("[\x7f-\x9f]")


def clean(text: str) -> str:
    """``text`` without terminal control characters (escape sequences, bidi overrides).

    Everything the commands show on the terminal goes through here (one function), so a cell,
    file name or answer holding ``ESC]0;...`` or ``ESC[2J`` is shown, never obeyed.
    """
    return _CONTROL.sub("", text)


def _safe(text: object) -> str:
    return escape(clean(str(text)))


def error(message: str) -> None:
    """``error: <message>`` on stderr, one line, no markup interpretation."""
    err.print(f"[bold red]error:[/] {_safe(message)}")


def warn(message: str) -> None:
    err.print(f"[yellow]warning:[/] {_safe(message)}")


# ``skilltool --quiet``: status lines (``note``) and progress bars are not shown; results (stdout),
# warnings and errors still are. Set once per invocation by the root command.
_quiet: list[bool] = [False]


def set_quiet(quiet: bool) -> None:
    """Silence (or restore) status lines and progress bars for this invocation."""
    _quiet[0] = quiet


def note(message: str, *, always: bool = False) -> None:
    """A status line for people, on stderr; not shown under ``--quiet`` unless ``always`` (a line
    the user needs to act on, such as how to resume an interrupted intake)."""
    if _quiet[0] and not always:
        return
    err.print(_safe(message))


_MARKER = re.compile(r"^\s*(?:\d+\.\s|-\s|[^\s:]{1,24}:\s)?")


def line(text: str = "", *, style: str | None = None) -> None:
    """A line of data on stdout, wrapped at spaces to ``width()`` when longer; the following
    lines are indented under the text after its list marker (``1. ``, ``- ``, ``key: ``)."""
    text = clean(text)
    room = width()
    if "\n" in text or cell_len(text) <= room:
        out.print(escape(text), style=style)
        return
    indent = " " * min(len(_MARKER.match(text)[0]), room // 3)  # type: ignore[index]
    first, *rest = _wrap(text, room)
    rest = _wrap(" ".join(rest), room - len(indent)) if rest else []
    out.print(escape(first), style=style)
    for more in rest:
        out.print(indent + escape(more), style=style)


def markup(text: str) -> None:
    """A line with rich markup on stdout (for headings in human output)."""
    out.print(text)


def heading(text: str) -> None:
    out.print(f"[bold]{_safe(text)}[/]")


def to_jsonable(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    return value


def _json(value: Any, indent: int | None) -> str:
    """JSON as UTF-8 text; C1 controls escaped too (json escapes only C0), so still valid JSON."""
    text = json.dumps(to_jsonable(value), ensure_ascii=False, indent=indent)
    return _C1.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def print_json(value: Any) -> None:
    """Exactly one JSON document on stdout (no markup, no wrapping)."""
    sys.stdout.write(_json(value, 2) + "\n")


def print_json_line(value: Any) -> None:
    """One compact JSON object on one line (JSON Lines), flushed at once: a program that sends one
    title and waits for its answer gets it (batching the flushes measured no faster)."""
    sys.stdout.write(_json(value, None) + "\n")
    sys.stdout.flush()


def write_text(text: str) -> None:
    """Raw text (a report, a document) on stdout: no markup, no wrapping; unchanged into a pipe
    or file, without control characters when stdout is a terminal."""
    sys.stdout.write(clean(text) if sys.stdout.isatty() else text)
    sys.stdout.flush()
