"""Terminal output: the only module that imports rich.

stdout is for data (tables, JSON); stderr is for people (errors, warnings, progress).
Both consoles soft-wrap so output never depends on the terminal's width.
"""

from __future__ import annotations

import json
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


def error(message: str) -> None:
    """``error: <message>`` on stderr, one line, no markup interpretation."""
    err.print(f"[bold red]error:[/] {escape(message)}")


def warn(message: str) -> None:
    err.print(f"[yellow]warning:[/] {escape(message)}")


def note(message: str) -> None:
    """A line for people, on stderr."""
    err.print(escape(message))


def line(text: str = "", *, style: str | None = None) -> None:
    """A line of data on stdout."""
    out.print(escape(text), style=style)


def markup(text: str) -> None:
    """A line with rich markup on stdout (for headings in human output)."""
    out.print(text)


def heading(text: str) -> None:
    out.print(f"[bold]{escape(text)}[/]")


def to_jsonable(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    return value


def print_json(value: Any) -> None:
    """Exactly one JSON document on stdout (no markup, no wrapping)."""
    sys.stdout.write(json.dumps(to_jsonable(value), ensure_ascii=False, indent=2) + "\n")


def print_json_line(value: Any) -> None:
    """One compact JSON object on one line (JSON Lines), flushed for pipelines."""
    sys.stdout.write(json.dumps(to_jsonable(value), ensure_ascii=False) + "\n")
    sys.stdout.flush()


def table(columns: Sequence[str], rows: Iterable[Sequence[object]], *, title: str | None = None) -> None:
    """A plain table on stdout."""
    t = Table(title=title, show_edge=False, header_style="bold")
    for col in columns:
        t.add_column(col, overflow="fold")
    for row in rows:
        t.add_row(*(escape("" if v is None else str(v)) for v in row))
    out.print(t)


def key_values(pairs: Iterable[tuple[str, object]]) -> None:
    """``key: value`` lines on stdout, keys aligned."""
    items = list(pairs)
    width = max((len(k) for k, _ in items), default=0)
    for key, value in items:
        out.print(f"[bold]{escape(key.ljust(width))}[/]  {escape(str(value))}")


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
        err.print(f"\n[bold cyan]{escape(header)}[/]")
    err.print(f"[bold]{escape(text)}[/]")
    if client is not None:
        note_text = f"  [dim]({escape(client_note)})[/]" if client_note else ""
        err.print(f"  {escape(client)}{note_text}")
    for n, choice in enumerate(choices, 1):
        err.print(f"  [cyan]{n}[/] {escape(choice)}")
    if help_text:
        err.print(f"  [green]{escape(help_text)}[/]")
    if error_text:
        err.print(f"  [red]{escape(error_text)}[/]")
    if hint:
        err.print(f"  [dim]{escape(hint)}[/]")
    if default is not None and default != "":
        return Prompt.ask(">", console=err, default=default)
    return Prompt.ask(">", console=err, default="", show_default=False)


def write_text(text: str) -> None:
    """Raw text (a report, a document) on stdout, unchanged: no markup, no wrapping."""
    sys.stdout.write(text)
    sys.stdout.flush()
