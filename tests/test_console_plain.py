"""Lines printed without rich's rendering (``console_base._plain``) are the characters rich printed.

Into a pipe, a file or a test's captured output (no colours), ``line``, ``heading``,
``key_values``, ``wrapped``, ``note``, ``warn`` and ``error`` write their text themselves; rich
laid out every such line (tests23: half of a ``suggest``'s CPU). Each text below goes through both
ways into a console like ``console.out`` (no colours) and must come out the same, or go to rich.
"""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from rich.markup import escape

from skilltool import console_base

TEXTS = [
    "",
    "plain words",
    "key: value, and 10:30 ",
    "an emoji code :thumbs_up: or :smile:",
    "a:b:c",
    "::",
    "brackets [bold]not markup[/] and [link=x]y[/link]",
    "a backslash \\[bold] and \\\\ two",
    "a tab\there",
    "trailing spaces   ",
    "  leading spaces",
    "wide 中文 and عربي and ትግርኛ",
    "x" * 130,
    "y " * 70,
]


def _rich(text: str, *, markup: bool = False) -> str:
    file = io.StringIO()
    rich = Console(file=file, soft_wrap=True, highlight=False, width=80)
    rich.print(f"[bold]{escape(text)}[/]" if markup else escape(text))
    return file.getvalue()


@pytest.mark.parametrize("text", TEXTS)
def test_plain_line_is_what_rich_prints(text: str) -> None:
    """Either ``_plain`` writes what rich writes for the text (plain and in bold), or it leaves the
    text to rich (a tab, a line break, a possible emoji code)."""
    file = io.StringIO()
    plain = Console(file=file, soft_wrap=True, highlight=False, width=80)
    assert plain.color_system is None  # as console.out into a pipe or a test's captured output
    if console_base._plain(plain, text):
        assert file.getvalue() == _rich(text) == _rich(text, markup=True)
    else:
        assert "\t" in text or ":" in text


def test_plain_leaves_a_console_with_colours_to_rich() -> None:
    """A console with colours (a terminal, ``FORCE_COLOR``) prints styles: rich does it."""
    file = io.StringIO()
    coloured = Console(file=file, soft_wrap=True, force_terminal=True, color_system="standard")
    assert not console_base._plain(coloured, "plain words") and file.getvalue() == ""


def test_plain_writes_nothing_after_the_reader_stopped() -> None:
    """A quiet console (``on_broken_pipe``) takes the line and writes nothing, as rich does."""
    file = io.StringIO()
    quiet = Console(file=file, soft_wrap=True, quiet=True)
    assert console_base._plain(quiet, "plain words") and file.getvalue() == ""


class _Closed(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError


def test_plain_ends_as_rich_does_when_the_reader_stops() -> None:
    """A stdout whose reader went away: the console's own ``on_broken_pipe`` (quiet, and
    ``BrokenPipeError`` for the CLI to end with exit 0), as when rich writes."""
    out = console_base._Console(file=_Closed(), soft_wrap=True)
    with pytest.raises(BrokenPipeError):
        console_base._plain(out, "plain words")
    assert out.quiet
