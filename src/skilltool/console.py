"""Terminal output: the only module that imports rich.

stdout is for data (tables, JSON); stderr is for people (errors, warnings, progress).
Both consoles soft-wrap so output never depends on the terminal's width.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

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
from rich.prompt import Prompt
from rich.table import Table
from rich.text import Text

from skilltool import json_text, messages
from skilltool.typed_text import typed as typed  # noqa: PLC0414 - re-exported: console.typed in the cli


class _Console(Console):
    """rich's console, but a reader that stops reading is no "data error": rich exited 1 without a
    word. On stdout (``skilltool data info | head -1``) it is the ``BrokenPipeError`` the CLI ends
    with exit 0, as for JSON output; on stderr (``2>&1 | head -1``) the command goes on unheard and
    its exit code says how its work went (a batch stopped before its first row with exit 0)."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        # what is still buffered goes nowhere, so later writes and Python's flush at exit raise
        # nothing; a file without a descriptor (a test's captured output) has nothing to redirect
        with contextlib.suppress(OSError, ValueError):
            null = os.open(os.devnull, os.O_WRONLY)
            try:
                os.dup2(null, self.file.fileno())
            finally:
                os.close(null)
        if not self.stderr:
            raise BrokenPipeError


_SIZES = ("COLUMNS", "LINES", "JUPYTER_COLUMNS", "JUPYTER_LINES")


def size_number(value: str | None) -> int | None:
    """A terminal size from the environment: ASCII digits only, else None. ``str.isdigit`` (rich's
    test) passes ``²``, which ``int()`` refuses: ``COLUMNS=²`` or ``LINES=²`` ended every command in
    a ``ValueError`` traceback."""
    if value is None or not (value.isascii() and value.isdigit()) or len(value) > 6:
        return None
    return int(value)


class _Environ(Mapping[str, str]):
    """``os.environ`` as rich reads it (at print time too), without a size that is no number."""

    def __getitem__(self, key: str) -> str:
        value = os.environ[key]
        if key in _SIZES and size_number(value) is None:
            raise KeyError(key)
        return value

    def __iter__(self) -> Iterator[str]:
        return (key for key in os.environ if key in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _console(*, stderr: bool = False) -> Console:
    """A console whose width follows ``$COLUMNS`` at print time. rich fixes a console's width for
    good when ``COLUMNS`` is set while it is made (as when this module is first imported inside a
    test's ``CliRunner.invoke(..., env={"COLUMNS": "80"})``), which capped every later table."""
    columns = os.environ.pop("COLUMNS", None)
    try:
        # no file given: rich writes to whatever sys.stdout/sys.stderr is at print time (CliRunner swaps them)
        return _Console(stderr=stderr, soft_wrap=True, highlight=False, _environ=_Environ())
    finally:
        if columns is not None:
            os.environ["COLUMNS"] = columns


out = _console()
err = _console(stderr=True)


# C0 controls but tab and newline, DEL, C1 controls (U+009B is a one-byte CSI in some
# terminals), bidi embeddings, overrides and isolates; lone surrogates (a name not UTF-8)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def clean(text: str) -> str:
    """``text`` without terminal control characters (escape sequences, bidi overrides).

    Everything the commands show on the terminal goes through here (one function), so a cell,
    file name or answer holding ``ESC]0;...`` or ``ESC[2J`` is shown, never obeyed; a lone
    surrogate is U+FFFD as in the tables (a closing line showed ``out\\udce9``, a table ``out\\ufffd``)."""
    return _CONTROL.sub(lambda m: "\ufffd" if m[0] >= "\ud800" else "", text)


_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029]+\s*")


def _safe(text: object) -> str:
    return escape(clean(str(text)))


def _one_line(text: object) -> str:
    """``_safe``, with line breaks inside (a library's own multi-line reason) as one space: an
    error or a warning is always one line."""
    return _safe(_BREAKS.sub(" ", str(text)).strip())


# rich replaces ``:name:`` by an emoji (its ``_emoji_replace``); this finds every text it could
# replace in (and more: ``10:30:``), which ``_plain`` leaves to rich
_EMOJI_CODE = re.compile(r":\S*?:")


def _plain(console: Console, text: str) -> bool:
    """Write ``text`` and a line break to ``console`` as rich's ``print`` would, without rich's
    rendering, where the characters are certain to be the same: a console without colours (not a
    terminal: a pipe, a file, a test's captured output), so that styles add nothing, and a
    ``text`` (without markup) holding no tab (rich expands it), no line break and nothing rich
    could take for an emoji code. False when rich has to print it.

    rich lays out every line it prints (segments, styles, wrapping with ``soft_wrap`` off): a
    ``suggest`` into a pipe spent half its CPU there (tests23's cProfile of the persona checks)."""
    if console.color_system is not None or console.record or console.is_jupyter:
        return False
    if "\t" in text or "\n" in text or _EMOJI_CODE.search(text):
        return False
    if console.quiet:  # as rich: nothing more after a reader stopped reading (``on_broken_pipe``)
        return True
    file = console.file
    try:
        file.write(text + "\n")
        file.flush()  # rich flushes every print too: stdout and stderr interleave as before
    except UnicodeEncodeError:  # nothing written: rich raises its own error (with its hint)
        return False
    except BrokenPipeError:
        console.on_broken_pipe()
    return True


def error(message: str, lang: str) -> None:
    """``fout: <message>`` (``error:`` in English) on stderr, one line, no markup interpretation."""
    label, text = messages.t("console.error", lang), _BREAKS.sub(" ", str(message)).strip()
    if not _plain(err, f"{label} {clean(text)}"):
        err.print(f"[bold red]{label}[/] {_one_line(message)}")


def warn(message: str, lang: str) -> None:
    """``waarschuwing: <message>`` (``warning:`` in English) on stderr, one line."""
    label, text = messages.t("console.warning", lang), _BREAKS.sub(" ", str(message)).strip()
    if not _plain(err, f"{label} {clean(text)}"):
        err.print(f"[yellow]{label}[/] {_one_line(message)}")


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
    if not _plain(err, clean(message)):
        err.print(_safe(message))


_MARKER = re.compile(r"^\s*(?:\d+\.\s|-\s|[^\s:]{1,24}:\s)?")


def line(text: str = "", *, style: str | None = None) -> None:
    """A line of data on stdout, wrapped at spaces to ``width()`` when longer; the following
    lines are indented under the text after its list marker (``1. ``, ``- ``, ``key: ``)."""
    text = clean(text)
    room = width()
    if "\n" in text or cell_len(text) <= room:
        if not _plain(out, text):  # without colours ``style`` adds nothing
            out.print(escape(text), style=style)
        return
    indent = " " * min(len(_MARKER.match(text)[0]), room // 3)  # type: ignore[index]
    # the text's own indent (a step's reason under its step) is kept on its first line too: _wrap
    # splits at spaces, which dropped it
    lead = text[: len(text) - len(text.lstrip(" "))][: len(indent)]
    first, *rest = _wrap(text[len(lead) :], room - len(lead))
    rest = _wrap(" ".join(rest), room - len(indent)) if rest else []
    for shown in (lead + first, *(indent + more for more in rest)):
        if not _plain(out, shown):
            out.print(escape(shown), style=style)


def markup(text: str) -> None:
    """A line with rich markup on stdout (for headings in human output)."""
    out.print(text)


def heading(text: str) -> None:
    if not _plain(out, clean(text)):
        out.print(f"[bold]{_safe(text)}[/]")


def print_json(value: object) -> None:
    """Exactly one JSON document on stdout (no markup, no wrapping)."""
    sys.stdout.write(json_text.dumps(value, 2) + "\n")


def print_json_line(value: object) -> None:
    """One compact JSON object on one line (JSON Lines), flushed at once: a program that sends one
    title and waits for its answer gets it (batching the flushes measured no faster)."""
    print_line(json_text.dumps(value))


def print_line(text: str) -> None:
    """A line already made (a JSON line a worker process wrote: ``coding_stream.json_stream``) on
    stdout, flushed at once, as ``print_json_line`` does."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


@dataclass(frozen=True)
class Column:
    """A table column. ``min_width``: a text column wraps at spaces but never gets narrower (so a
    word is not cut letter by letter); ``no_wrap``: codes and numbers stay on one line; ``drop``:
    the column may be hidden when the terminal is too narrow for all (lowest first; columns with
    the same value go together)."""

    header: str
    min_width: int | None = None
    no_wrap: bool = False
    drop: int | None = None
    justify: Literal["left", "right"] = "left"


def width() -> int:
    """The width tables are laid out for: ``$COLUMNS`` when set (read now, not at import), else
    the terminal's, else 80 (rich's default when stdout is not a terminal)."""
    return size_number(os.environ.get("COLUMNS")) or out.width


_GAP = 2  # between two columns: one space of padding and the box's blank rule
_SHORT = 16  # a column whose widest cell is this narrow is kept on one line when there is room


def _span(text: str, *, wrap: bool) -> tuple[int, int]:
    """(narrowest, widest) a cell can be: its longest word when it may wrap, else all of it."""
    lines = text.splitlines() or [""]
    widest = max(cell_len(ln) for ln in lines)
    if not wrap:
        return widest, widest
    return max((cell_len(word) for ln in lines for word in ln.split()), default=0), widest


def _widths(cols: Sequence[Column], cells: Sequence[Sequence[str]], width: int) -> list[int] | None:
    """Column widths that fit ``width`` without breaking a word, or None when none do.

    Every column starts at its narrowest (longest word, header included; at least ``min_width``
    when its text is that long); the room left goes to the wrapping columns in proportion to
    what they lack, after short columns got their full width. (rich's own layout squeezes
    columns below their longest word: letter by letter wrapping at 80 columns.)"""
    spans = []
    for i, col in enumerate(cols):
        parts = [_span(col.header, wrap=True), *(_span(row[i], wrap=not col.no_wrap) for row in cells)]
        lo, hi = max(p[0] for p in parts), max(p[1] for p in parts)
        if col.min_width is not None:
            lo = max(lo, min(col.min_width, hi))
        spans.append((lo, hi))
    room = width - sum(lo for lo, _ in spans) - _GAP * (len(cols) - 1)
    if room < 0:
        return None
    widths = [lo for lo, _ in spans]
    # short cells ("needs review", "2 of 3") stay on one line first, the shortest first
    for i in sorted((i for i, (_, hi) in enumerate(spans) if hi <= _SHORT), key=lambda i: spans[i][1]):
        if spans[i][1] - widths[i] <= room:
            room -= spans[i][1] - widths[i]
            widths[i] = spans[i][1]
    lack = [hi - w for w, (_, hi) in zip(widths, spans, strict=True)]
    total = sum(lack)
    if total <= room:
        return [hi for _, hi in spans]
    give = [room * n // total for n in lack]
    for i in sorted(range(len(cols)), key=lambda i: -lack[i])[: room - sum(give)]:
        give[i] += 1
    return [w + g for w, g in zip(widths, give, strict=True)]


def table(
    columns: Sequence[str | Column],
    rows: Iterable[Sequence[object]],
    *,
    title: str | None = None,
    lang: str = "en",
) -> None:
    """A table on stdout laid out for the terminal's width (``width()``), never cutting a word:
    when it is too narrow, droppable columns are hidden (a note on stderr names them, in
    ``lang``), and if the rest still does not fit, each row is shown as ``header  value`` lines
    (a record view)."""
    cols = [c if isinstance(c, Column) else Column(c) for c in columns]
    cells = [[clean("" if v is None else str(v)) for v in row] for row in rows]
    w = width()
    shown = list(range(len(cols)))
    droppable = sorted((i for i, c in enumerate(cols) if c.drop is not None), key=lambda i: cols[i].drop or 0)
    while (widths := _widths([cols[i] for i in shown], [[r[i] for i in shown] for r in cells], w)) is None:
        if not droppable:
            _records([c.header for c in cols], cells, title)
            return
        level = cols[droppable[0]].drop  # columns with the same ``drop`` go together
        while droppable and cols[droppable[0]].drop == level:
            shown.remove(droppable.pop(0))
    t = Table(
        title=title,
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1, 0, 0),
        header_style="bold",
    )
    for i, col_width in zip(shown, widths, strict=True):
        col = cols[i]
        t.add_column(
            escape(col.header), overflow="fold", no_wrap=col.no_wrap, width=col_width, justify=col.justify
        )
    for row in cells:
        t.add_row(*(escape(row[i]) for i in shown))
    out.print(t, width=w)
    hidden = [cols[i].header for i in range(len(cols)) if i not in shown]
    if hidden and not _quiet[0]:
        err.print(escape(messages.t("cli.table.hidden", lang, width=w, columns=", ".join(hidden))))


def _records(headers: Sequence[str], cells: Sequence[Sequence[str]], title: str | None) -> None:
    """Each row as aligned ``header  value`` lines, a blank line between rows (narrow terminals)."""
    if title:
        heading(title)
    pad = max((len(h) for h in headers), default=0)
    room = max(width() - pad - 2, 20)
    for n, row in enumerate(cells):
        if n and not _plain(out, ""):
            out.print()
        for header, value in zip(headers, row, strict=True):
            if value:
                _key_value(header.ljust(pad), value, room)


def _wrap(text: str, room: int) -> list[str]:
    """``text`` in lines of at most ``room`` cells, broken at spaces only (a longer word, such as
    a URI, keeps its own line whole); its own line breaks are kept."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        current = ""
        for word in paragraph.split(" "):
            if current and cell_len(current) + 1 + cell_len(word) > room:
                lines.append(current)
                current = word
            else:
                current = f"{current} {word}" if current else word
        lines.append(current)
    return lines


def key_values(pairs: Iterable[tuple[str, object]]) -> None:
    """``key  value`` lines on stdout, keys aligned; a long value wraps at spaces under itself
    (hanging indent) to the table width (``width()``), so the keys stay readable at 80 columns."""
    items = list(pairs)
    pad = max((len(k) for k, _ in items), default=0)
    room = max(width() - pad - 2, 20)
    for key, value in items:
        _key_value(key.ljust(pad), clean(str(value)), room)


def _key_value(key: str, value: str, room: int) -> None:
    """``key  value`` (``key`` in bold), the value wrapped at spaces to ``room`` under itself."""
    first, *rest = _wrap(value, room)
    if not _plain(out, f"{clean(key)}  {first}"):
        out.print(f"[bold]{_safe(key)}[/]  {escape(first)}")
    for more in rest:
        if not _plain(out, f"{' ' * (len(key) + 2)}{more}"):
            out.print(f"{' ' * (len(key) + 2)}{escape(more)}")


def wrapped(text: str, *, indent: int = 2) -> None:
    """A long line of data on stdout (a list of ids), wrapped at spaces to ``width()``; the
    following lines indented by ``indent``."""
    first, *rest = _wrap(clean(text), max(width() - indent, 20))
    for shown in (first, *(" " * indent + more for more in rest)):
        if not _plain(out, shown):
            out.print(escape(shown))


class _RateColumn(ProgressColumn):
    """Items per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f}/s" if speed else "", style="cyan")


@contextmanager
def progress(total: int | None, description: str) -> Iterator[Callable[[int], None]]:
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
    with Progress(*columns, console=err, transient=False, disable=_quiet[0] or not err.is_terminal) as bar:
        task = bar.add_task(description, total=total)

        def advance(n: int = 1) -> None:
            bar.advance(task, n)

        yield advance


def ask(prompt: str, *, default: str | None = None) -> str:
    """Ask a question on the terminal (used by the intake)."""
    prompt = _safe(prompt)
    return typed(
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
    zero: str | None = None,
) -> str:
    """Put one intake question on stderr and read the answer from the terminal.

    ``header`` is the progress line ("Section 3 of 8 · Education"); ``client`` the question in the
    client's language, shown under the caseworker's text with ``client_note`` (e.g. "not
    reviewed"); ``choices`` numbered from 1, ``zero`` an option numbered 0 after them (the picker's
    "keep the free text"); ``error_text`` why the last answer was refused."""
    if header:
        err.print(f"\n[bold cyan]{_safe(header)}[/]")
    err.print(f"[bold]{_safe(text)}[/]")
    if client is not None:
        note_text = f"  [dim]({_safe(client_note)})[/]" if client_note else ""
        err.print(f"  {_safe(client)}{note_text}")
    for n, choice in enumerate(choices, 1):
        err.print(f"  [cyan]{n}[/] {_safe(choice)}")
    if zero is not None:
        err.print(f"  [cyan]0[/] {_safe(zero)}")
    if help_text:
        err.print(f"  [green]{_safe(help_text)}[/]")
    if error_text:
        err.print(f"  [red]{_safe(error_text)}[/]")
    if hint:
        err.print(f"  [dim]{_safe(hint)}[/]")
    if default is not None and default != "":
        return typed(Prompt.ask(">", console=err, default=clean(default)))
    return typed(Prompt.ask(">", console=err, default="", show_default=False))


def write_text(text: str) -> None:
    """Raw text (a report, a document) on stdout: no markup, no wrapping; unchanged into a pipe
    or file, without control characters when stdout is a terminal."""
    sys.stdout.write(clean(text) if sys.stdout.isatty() else text)
    sys.stdout.flush()
