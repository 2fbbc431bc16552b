"""Terminal output: the only module that imports rich.

stdout is for data (tables, JSON); stderr is for people (errors, warnings, progress).
Both consoles soft-wrap so output never depends on the terminal's width.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from pydantic import BaseModel
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


def note(message: str) -> None:
    """A line for people, on stderr."""
    err.print(_safe(message))


def line(text: str = "", *, style: str | None = None) -> None:
    """A line of data on stdout."""
    out.print(_safe(text), style=style)


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
    """One compact JSON object on one line (JSON Lines), flushed for pipelines."""
    sys.stdout.write(_json(value, None) + "\n")
    sys.stdout.flush()


def table(columns: Sequence[str], rows: Iterable[Sequence[object]], *, title: str | None = None) -> None:
    """A plain table on stdout."""
    t = Table(title=title, show_edge=False, header_style="bold")
    for col in columns:
        t.add_column(col, overflow="fold")
    for row in rows:
        t.add_row(*(_safe("" if v is None else v) for v in row))
    out.print(t)


def key_values(pairs: Iterable[tuple[str, object]]) -> None:
    """``key: value`` lines on stdout, keys aligned."""
    items = list(pairs)
    width = max((len(k) for k, _ in items), default=0)
    for key, value in items:
        out.print(f"[bold]{_safe(key.ljust(width))}[/]  {_safe(value)}")


class _RateColumn(ProgressColumn):
    """Items per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f}/s" if speed else "", style="cyan")


@contextmanager
def progress(total: int | None, description: str) -> Iterator[Any]:
    """A progress bar with rate and ETA on stderr; yields ``advance(n)``."""
    columns = [
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        _RateColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    ]
    with Progress(*columns, console=err, transient=False, disable=not err.is_terminal) as bar:
        task = bar.add_task(description, total=total)

        def advance(n: int = 1) -> None:
            bar.advance(task, n)

        yield advance


def ask(prompt: str, *, default: str | None = None) -> str:
    """Ask a question on the terminal (used by the intake)."""
    from rich.prompt import Prompt

    prompt = _safe(prompt)
    return (
        Prompt.ask(prompt, default=default, console=err)
        if default is not None
        else Prompt.ask(prompt, console=err)
    )


def intake_question(
    *,
    header: str | None,
    text: str,
    client: str | None = None,
    client_note: str | None = None,
    choices: Sequence[str] = (),
    help_text: str | None = None,
    error_text: str | None = None,
    hint: str | None = None,
    default: str | None = None,
) -> str:
    """Put one intake question on stderr and read the answer from the terminal.

    ``header`` is the progress line ("Section 3 of 8 · Education"); ``client`` the question in the
    client's language, shown under the caseworker's text with ``client_note`` (e.g. "not
    reviewed"); ``choices`` numbered options; ``error_text`` why the last answer was refused.
    """
    from rich.prompt import Prompt

    if header:
        err.print(f"\n[bold cyan]{_safe(header)}[/]")
    err.print(f"[bold]{_safe(text)}[/]")
    if client is not None:
        note_text = f"  [dim]({_safe(client_note)})[/]" if client_note else ""
        err.print(f"  {_safe(client)}{note_text}")
    for n, choice in enumerate(choices, 1):
        err.print(f"  [cyan]{n}[/] {_safe(choice)}")
    if help_text:
        err.print(f"  [green]{_safe(help_text)}[/]")
    if error_text:
        err.print(f"  [red]{_safe(error_text)}[/]")
    if hint:
        err.print(f"  [dim]{_safe(hint)}[/]")
    if default is not None and default != "":
        return Prompt.ask(">", console=err, default=clean(default))
    return Prompt.ask(">", console=err, default="", show_default=False)


def write_text(text: str) -> None:
    """Raw text (a report, a document) on stdout: no markup, no wrapping; unchanged into a pipe
    or file, without control characters when stdout is a terminal."""
    sys.stdout.write(clean(text) if sys.stdout.isatty() else text)
    sys.stdout.flush()
