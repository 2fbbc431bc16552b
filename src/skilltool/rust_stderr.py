"""Rust's panic report kept off stderr: a panic in python-calamine is turned into one error line.

A panic of a Rust extension's code (pyo3's ``PanicException``) is written to file descriptor 2 by
Rust's panic hook, before Python sees the exception: "thread '<unnamed>' panicked at ...", the
panic's message and, with ``RUST_BACKTRACE`` set, a backtrace of a hundred lines, all ahead of
our one error line. ``quiet_panics`` points descriptor 2 at a temporary file around a call into
the extension; afterwards everything written there goes on to stderr, all but a panic's report.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from typing import IO

# From the empty line the hook writes first and "thread '<unnamed>' (4609) panicked at src/x.rs:1:2:"
# to the "note: ..." line that ends the report (none with RUST_BACKTRACE=full: then to the end)
_PANIC = re.compile(
    rb"^\n?thread '[^'\n]*'[^\n]* panicked at .*?(?:^note: [^\n]*\n?|\Z)", re.DOTALL | re.MULTILINE
)


def is_panic(exc: BaseException) -> bool:
    """True for pyo3's ``PanicException`` (a ``BaseException``, not importable by name)."""
    return type(exc).__name__ == "PanicException"


def without_panic(text: bytes) -> bytes:
    """``text`` without the panic reports Rust's hook wrote into it."""
    return _PANIC.sub(b"", text)


def _flush_stderr() -> None:
    """Python's ``sys.stderr`` out to its descriptor (none, or a closed one: nothing to do)."""
    with suppress(AttributeError, OSError, ValueError):
        sys.stderr.flush()


def _held_stderr(buf: IO[bytes]) -> int:
    """Descriptor 2 pointed at ``buf``; returns a copy of the real one (-1: left as it is)."""
    try:
        saved = os.dup(2)
    except OSError:  # no descriptor 2
        return -1
    os.dup2(buf.fileno(), 2)
    return saved


@contextmanager
def quiet_panics() -> Iterator[None]:
    """Descriptor 2 into a temporary file for the block; then what was written there to stderr,
    without a Rust panic's report. Without a temporary file or a descriptor 2, the block runs as
    it is. Python's own ``sys.stderr`` is flushed first, so what it holds goes where it was meant.
    """
    _flush_stderr()
    with ExitStack() as stack:
        try:
            buf = stack.enter_context(tempfile.TemporaryFile())
        except OSError:  # no temporary folder to write to
            buf = None
        saved = _held_stderr(buf) if buf is not None else -1
        try:
            yield
        finally:
            if buf is not None and saved >= 0:
                _flush_stderr()
                os.dup2(saved, 2)
                os.close(saved)
                buf.seek(0)
                _write_all(without_panic(buf.read()))


def _write_all(data: bytes) -> None:
    """``data`` to descriptor 2, all of it (a pipe may take less at a time)."""
    view = memoryview(data)
    while view:
        try:
            n = os.write(2, view)
        except OSError:  # stderr gone: nothing more to tell
            return
        view = view[n:]
