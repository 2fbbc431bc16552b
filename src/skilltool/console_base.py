"""The two rich consoles (stdout for data, stderr for people) and how a line reaches them:
control characters taken off (``clean``), the plain write that skips rich's rendering where the
characters are certain to be the same (``_plain``), ``--quiet``, the width tables and lines are
laid out for. ``console`` builds what the commands print on these; only the two import rich.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator, Mapping

from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape


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


# ``skilltool --quiet``: status lines (``note``) and progress bars are not shown; results (stdout),
# warnings and errors still are. Set once per invocation by the root command.
_quiet: list[bool] = [False]


def set_quiet(quiet: bool) -> None:
    """Silence (or restore) status lines and progress bars for this invocation."""
    _quiet[0] = quiet


def width() -> int:
    """The width tables are laid out for: ``$COLUMNS`` when set (read now, not at import), else
    the terminal's, else 80 (rich's default when stdout is not a terminal)."""
    return size_number(os.environ.get("COLUMNS")) or out.width


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
