"""Batch: Ctrl-C (and SIGTERM, taken as one) around worker processes, the pool's result pipe and
its ending (``end_pool``, the coding stream's too), and short-lived child processes that keep big
models out of the main process."""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from multiprocessing.pool import Pool
    from multiprocessing.process import BaseProcess

if sys.platform == "linux":  # F_SETPIPE_SZ (widen_results) is Linux's
    import fcntl

A = TypeVar("A")
R = TypeVar("R")

RESULT_PIPE_BYTES = 1 << 20
"""The result pipe's capacity asked for: 1 MiB, the most an unprivileged process may ask for
(``/proc/sys/fs/pipe-max-size``), a little more than a chunk of profiles (``batch.DEFAULT_CHUNK``)."""


# The signals that stop a run: Ctrl-C, and SIGTERM (``kill PID``, ``timeout``, a scheduler ending a
# job), which ``terminate_as_interrupt`` makes a Ctrl-C in the main process.
_STOPS = {signal.SIGINT, signal.SIGTERM}


class Terminated(KeyboardInterrupt):
    """SIGTERM, taken as Ctrl-C (the same interrupt line, draft or ``--resume`` hint) but ending
    with exit 143 (128 + 15), the code of a process ended by SIGTERM, where Ctrl-C's is 130: a
    scheduler, ``timeout`` or a script's ``kill`` tells a stop it asked for from a person's Ctrl-C."""


INTERRUPTED, TERMINATED = 130, 143


def exit_code(exc: BaseException) -> int:
    """The exit code of an interrupt: 143 for SIGTERM (``Terminated``), else Ctrl-C's 130."""
    return TERMINATED if isinstance(exc, Terminated) else INTERRUPTED


def _interrupt(signum: int, frame: object) -> None:
    raise Terminated if signum == signal.SIGTERM else KeyboardInterrupt


def terminate_as_interrupt() -> None:
    """In the main process: SIGTERM ends a command as Ctrl-C does (a batch with its ``--resume``
    hint, an interview with its draft saved). By default it killed the process at once, and a
    batch's pool workers, their pipe gone, printed two ``BrokenPipeError`` tracebacks."""
    with suppress(ValueError, OSError):  # not the main thread, or no such signal here
        if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:  # one ignored on purpose stays so
            signal.signal(signal.SIGTERM, _interrupt)


def ignore_sigint() -> None:
    """In a pool worker: leave Ctrl-C to the main process; SIGTERM (``Pool.terminate``) ends the
    worker silently, as it does by default, not as the main process's Ctrl-C."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process handles Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):  # started with them blocked: see sigint_blocked
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)


@contextmanager
def sigint_blocked() -> Iterator[None]:
    """SIGINT and SIGTERM blocked in this thread (and inherited by processes forked meanwhile) for
    the block; one that arrives meanwhile is delivered when it ends."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def held_sigint(process: Callable[[A], R]) -> Callable[[A], R]:
    """``process`` with Ctrl-C held to its end, for a chunk worked in the main process (20 rows,
    a fraction of a second): one that landed inside pydantic's JSON serializer came back wrapped
    as a serialization error, a traceback and exit 1, instead of the batch's interrupt (130).

    A Python-level handler notes the signal and the previous one runs after the chunk. Blocking
    the signal in this thread (``sigint_blocked``) is not enough: a Ctrl-C goes to the whole
    process, the kernel may hand it to another thread (rich's refresh thread, pyarrow's pool), and
    Python then runs the handler in the main thread at once. Outside the main thread, where no
    handler can be set, ``process`` runs as it is."""

    def run(arg: A) -> R:
        if threading.current_thread() is not threading.main_thread():
            return process(arg)
        caught: list[int] = []
        previous = {sig: signal.signal(sig, lambda signum, _frame: caught.append(signum)) for sig in _STOPS}
        try:
            result = process(arg)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        for signum in dict.fromkeys(caught):
            sig = signal.Signals(signum)
            handler = previous[sig]
            if callable(handler):
                handler(sig, None)  # Python's own handler (or _interrupt) raises an interrupt
            elif handler == signal.SIG_DFL and sig == signal.SIGINT:
                raise KeyboardInterrupt
            elif handler == signal.SIG_DFL:
                signal.raise_signal(sig)  # SIGTERM as it was: the end of the process
        return result  # SIG_IGN: the signal was to be ignored anyway

    return run


def run_in_child(fn: Callable[[], str | None]) -> tuple[bool, str]:
    """Run ``fn`` in a forked child that exits afterwards (Ctrl-C ends it silently): whether it
    ended normally, and the text it returned (at most 60,000 bytes; '' for ``None``).

    What ``fn`` loads stays in the child. Needs ``os.fork`` (callers check ``hasattr``).

    Only a single-threaded process forks: a child gets copies of the locks other threads held at
    that moment, never released, and may wait on one forever (a CI run hung so, forking beside
    Dask's IO loop). With another thread alive no child runs and the answer is ``(False, '')``,
    which callers already take as "do it here"."""
    if threading.active_count() > 1:
        return False, ""
    read_end, write_end = os.pipe()
    with sigint_blocked():
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child's coverage is not collected
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends the child, silently
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        code = 0
        try:
            os.close(read_end)
            found = fn()
            os.write(write_end, (found or "").encode("utf-8")[:60_000])
        except BaseException:  # noqa: BLE001 - the parent reports what it can
            code = 1
        os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as fh:
        message = fh.read().decode("utf-8", "replace")
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0, message


def widen_results(pool: object) -> None:
    """Let a pool worker hand a chunk's results over in one write: the capacity of the pool's
    result pipe raised from 64 KiB to ``RESULT_PIPE_BYTES`` (Linux).

    A chunk's profiles are about a megabyte. Through 64 KiB the worker waits while the main
    process's result thread reads them piece by piece, and that thread gets the GIL only between
    the rows the main process works itself: the worker sat idle about 30 % of the time
    (bench/batch.py, 20,000 rows, 2 workers: 1,175 rows/s before, 1,261-1,309 after with
    20-row chunks). Best effort on ``multiprocessing``'s private ``_outqueue``: elsewhere, or
    refused, it stays as is."""
    reader = getattr(getattr(pool, "_outqueue", None), "_reader", None)
    if sys.platform != "linux" or reader is None:
        return
    with suppress(OSError, ValueError, AttributeError):
        fcntl.fcntl(reader.fileno(), fcntl.F_SETPIPE_SZ, RESULT_PIPE_BYTES)


def end_pool(
    pool: Pool, *, lost: bool, seconds: float, spawned: Callable[[], Iterable[BaseProcess]] | None = None
) -> None:
    """Close ``pool`` and join it, each worker ending after the chunk it holds; only when that takes
    longer than ``seconds`` end it with ``terminate``, on a thread of its own as well, so the
    process ends whatever that meets (``terminate`` first takes the task queue's read lock, which a
    worker killed while sending may hold for good). With a worker ``lost`` its chunk never comes
    back: the pool is ended at once. When even ``terminate`` does not return in time, the processes
    ``spawned`` names (the pool's workers and those it started in a lost one's place) are killed,
    so that a caller's process is left with none. The batch's pool (``batch_pool.shut``) and the
    coding stream's (``coding_stream._shut``) end so."""
    pool.close()
    for end in (pool.terminate,) if lost else (pool.join, pool.terminate):
        helper = threading.Thread(target=end, daemon=True)
        helper.start()
        helper.join(seconds)
        if not helper.is_alive():
            return
    for process in spawned() if spawned is not None else ():
        process.kill()
        process.join(1.0)
