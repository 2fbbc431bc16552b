"""The standard streams as the commands need them, set once before a command runs.

stdout's encoding (``utf8_stdout``): what goes into a file or a pipe is UTF-8, whatever the
locale says, as JSON must be and as every file skilltool writes is; on a terminal that cannot show
a character it is escaped, as Python does on stderr. Under a locale of another code page (Windows
redirecting to a file: cp1252; ``LANG=en_US`` on Linux: ISO-8859-1; ``PYTHONIOENCODING``) a title
or answer in Arabic ended ``--json`` or a report on stdout in a ``UnicodeEncodeError`` traceback.

Standard streams a caller closed (``skilltool occupation code <&-``, ``... >&-``):

Python has ``None`` for a stream whose descriptor is closed at start, and the first use of it was
an ``AttributeError`` traceback. Each closed descriptor is held by ``/dev/null`` (so no file this
run opens becomes descriptor 0, 1 or 2, where a worker's or calamine's output would land in it);
a closed stdin reads as empty (as ``< /dev/null``), a closed stdout is one error line at the first
write (the output has nowhere to go), a closed stderr stays silent.
"""

from __future__ import annotations

import io
import os
import sys
from typing import TYPE_CHECKING

from skilltool.errors import OutputError

if TYPE_CHECKING:
    from typing_extensions import Buffer

STDOUT = "<stdout>"
"""The ``filename`` of an ``OSError`` from writing stdout (``_StdoutFile``): the error line names
standard output, not "(a file)"."""


class _StdoutFile(io.FileIO):
    """Descriptor 1 as the raw file under ``sys.stdout``: a write it cannot make (``> /dev/full``,
    a full disk under ``> out.json``) raises an ``OSError`` whose ``filename`` is ``STDOUT``. The
    error had no file name, and its line said "(a file): cannot read or write", which named neither
    the output nor what to do with the redirection."""

    def write(self, data: Buffer, /) -> int:
        try:
            return super().write(data)
        except OSError as exc:
            if exc.filename is None and not isinstance(exc, BrokenPipeError):
                exc.filename = STDOUT
            raise


class _ClosedStdout(io.TextIOBase):
    """stdout when the caller closed it: writing is the error that says so."""

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        # lazy: only when the output has nowhere to go; the catalogue (yaml) 4-20 ms on top of
        # cli.streams (-X importtime, load 18), kept off `skilltool --version` as in cli.common
        from skilltool.messages import say

        raise OutputError(say("errors.stdout_closed"))


def discard_stdout() -> None:
    """What stdout still buffers goes nowhere (``/dev/null`` on descriptor 1), once writing it has
    failed and been said: Python's flush at exit raised the error again, as "Exception ignored"
    and a traceback, and the exit code became 120."""
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 1)
    finally:
        os.close(null)


def _hold(fd: int) -> None:
    """Put ``/dev/null`` on descriptor ``fd``, which is closed."""
    null = os.open(os.devnull, os.O_RDWR)
    if null != fd:
        os.dup2(null, fd)
        os.close(null)


def reopen_closed() -> None:
    """Give each standard stream the caller closed a stand-in (see the module's docstring)."""
    if sys.stdin is None:
        _hold(0)
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115  # lives as long as the process
    if sys.stdout is None:
        _hold(1)
        sys.stdout = _ClosedStdout()
    if sys.stderr is None:
        _hold(2)
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115  # as above


def lenient_stdin() -> None:
    """stdin that reads any byte: one that is not in the locale's encoding (an answer typed on a
    terminal in Windows-1252 or latin-1, a script piping such a file) comes as a lone surrogate
    (``surrogateescape``), which the console turns back into text (``console.typed``). Under a
    UTF-8 locale ``input()`` ended the interview in a ``UnicodeDecodeError`` traceback; under a C
    locale the answer went into the draft and writing it ended in a traceback."""
    if isinstance(sys.stdin, io.TextIOWrapper) and sys.stdin.errors == "strict":
        sys.stdin.reconfigure(errors="surrogateescape")


def utf8_stdout() -> None:
    """stdout as UTF-8 into a file or pipe, escaping what a terminal cannot show (see above).

    A file name that is not UTF-8 (a latin-1 share, an old zip) comes from the OS with lone
    surrogates, which no encoding takes: under a UTF-8 locale (``errors="strict"``) the batch's
    summary naming ``--out`` ended, after the work was done, in a ``UnicodeEncodeError`` traceback
    and exit 1. Such a character is escaped (``\\udce9``), as Python does on stderr.

    Into a file or pipe, stdout is rebuilt on ``_StdoutFile`` (a write error names standard
    output); a terminal keeps its own stream (Windows' console stream writes Unicode itself)."""
    out = sys.stdout
    if not isinstance(out, io.TextIOWrapper):
        return
    errors = "backslashreplace" if out.errors == "strict" else out.errors  # (surrogateescape: C locale)
    if out.isatty():
        utf8 = out.encoding.replace("-", "").lower() == "utf8"
        out.reconfigure(errors=errors if utf8 else "backslashreplace")
        return
    encoding = "utf-8"
    try:
        fd = out.fileno()
    except (OSError, ValueError):  # no descriptor (a test's captured output): reconfigured in place
        out.reconfigure(encoding=encoding, errors=errors)
        return
    out.flush()
    raw = _StdoutFile(fd, "w", closefd=False)
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(raw), encoding=encoding, errors=errors, line_buffering=out.line_buffering
    )
