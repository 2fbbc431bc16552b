"""The local engine's worker pool: forked from a process that built the row processor once
(sharing it copy-on-write) or spawned where fork is unavailable, and fed chunks in input order
with at most a window of them in flight, so memory does not grow with the input.

The hooks a test replaces live here (``_ignore_sigint``, ``_init_worker_body``,
``_sigint_blocked``, ``init_spawned``).
"""

from __future__ import annotations

import gc
import multiprocessing
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from multiprocessing.pool import AsyncResult, Pool
from multiprocessing.process import BaseProcess

from skilltool import countries, languages, model_reads
from skilltool.batch_input import BatchJob, run_in_child_once
from skilltool.batch_processor import standard_processor, table_processor
from skilltool.batch_signals import end_pool, ignore_sigint, sigint_blocked, widen_results
from skilltool.batch_worker import (
    Chunk,
    ChunkResult,
    WorkerConfig,
    clear_worker,
    empty_result,
    init_worker,
    release_freed,
    run_chunk,
)
from skilltool.datafiles import done_marker
from skilltool.errors import SkilltoolError
from skilltool.messages import say

_ignore_sigint = ignore_sigint
_sigint_blocked = sigint_blocked
_init_worker_body = init_worker
OWN_PROCESSORS = (standard_processor, table_processor)
"""The batch's own row processors: a worker forked for one of them runs nothing else."""


def init_forked(ours: bool) -> None:
    """The pool initializer where workers are forked: Ctrl-C left to the main process; with the
    batch's own row processor (``ours``), model attributes read without pydantic's hook
    (``model_reads``): nothing but that processor runs in this process."""
    _ignore_sigint()
    if ours:
        model_reads.drop_hook()


def init_spawned(config: WorkerConfig) -> None:
    """The pool initializer where workers are spawned: Ctrl-C left to this process, the worker built."""
    _ignore_sigint()
    _init_worker_body(config)


@contextmanager
def workers(
    job: BatchJob, config: WorkerConfig
) -> Iterator[tuple[Pool, Callable[[Chunk], ChunkResult] | None, list[BaseProcess]] | None]:
    """The worker pool, when this process is one of the ``job.workers`` row processes its row
    function (``None`` for one worker: rows are processed in this process), and the worker
    processes the pool started (``started_by``).

    Where ``fork`` exists and no other thread runs, the row processor is built here once and
    ``job.workers - 1`` workers are forked from this process: they share the reference data
    copy-on-write (frozen out of the garbage collector's reach so that it stays shared), and this
    process is the last worker, processing a chunk whenever the pool has its fill (``feed_pool``).
    Every page of the reference data a worker writes to (reference counts of what it reads) is
    copied for that worker; a process that only held the originals kept a third copy of each
    page both workers had written to (measured: 2 workers and an idle main process 602 MB PSS at
    20,000 rows). Elsewhere ``job.workers`` ``spawn`` workers each build it from the cache.
    """
    if job.workers == 1:
        yield None
        return
    fork = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    built = preloaded(config, install=lambda: _init_worker_body(config), clear=clear_worker)
    with built if fork else nullcontext():
        # Ctrl-C is blocked while the workers start: a worker forked with Python's SIGINT handler
        # would otherwise die with a KeyboardInterrupt traceback before its initializer ignores
        # SIGINT. A Ctrl-C meanwhile waits and is delivered here when unblocked, as a
        # KeyboardInterrupt inside the batch's handler.
        with _sigint_blocked():
            if fork:
                forked = multiprocessing.get_context("fork")
                own = config.factory in OWN_PROCESSORS
                pool, started = started_by(
                    lambda: forked.Pool(job.workers - 1, initializer=init_forked, initargs=(own,))
                )
            else:
                spawned = multiprocessing.get_context("spawn")
                pool, started = started_by(
                    lambda: spawned.Pool(job.workers, initializer=init_spawned, initargs=(config,))
                )
        widen_results(pool)
        try:
            yield pool, run_chunk if fork else None, started
        except WorkerLostError:
            shut(pool, lost=True)
            raise
        except BaseException:
            shut(pool)
            raise
        shut(pool)


@contextmanager
def preloaded(
    config: WorkerConfig, *, install: Callable[[], None], clear: Callable[[], None]
) -> Iterator[None]:
    """The row processor built in this process before worker processes are forked from it (the
    local engine's pool, a Dask ``LocalCluster``): ``install`` builds it here and it is frozen out
    of the garbage collector's reach, so that the forked workers keep sharing its pages; ``clear``
    drops it at the end. A cold cache (first run after an install or upgrade) is compiled first in
    a short-lived child: compiling parses the occupation and skill files (about 110 MB of models)
    that this process would otherwise keep and share with every worker (``datafiles.done_marker``
    says when it was). Errors are left to this process, which meets them next and reports them."""
    factory, data_dir, lang = config.factory, config.data_dir, config.lang
    built = done_marker(data_dir, f"built:{factory.__module__}.{factory.__qualname__}:{lang}")
    run_in_child_once(lambda: factory(data_dir, lang), built)
    countries.preload()  # (imported on first use elsewhere: here before the fork, not in a worker)
    languages.preload()
    install()
    gc.freeze()
    try:
        yield
    finally:
        clear()
        # the processor's objects were frozen: those in reference cycles are freed only by a
        # collection after the unfreeze, then their pages can be given back (``release_freed``).
        # Without it the main process wrote the Parquet tables with them still resident
        # (docs/scale.md, mem22: 20,000 rows, 234 -> 219 MB RSS before the conversion).
        gc.unfreeze()
        release_freed()


Pending = deque[tuple[AsyncResult[ChunkResult] | ChunkResult | None, int]]
WAIT_SECONDS = 0.5
"""How often a wait for a chunk looks whether a worker is gone (``_wait``)."""


class WorkerLostError(SkilltoolError):
    """A pool worker ended before its chunk was done (killed by a signal, by the system's
    out-of-memory killer): ``multiprocessing.Pool`` starts another worker but never gives the
    chunk's result, so the batch waited for it for good, without a word (a worker sent SIGHUP
    hung a batch of 920 rows). The batch stops at its last checkpoint; ``--resume`` goes on."""


SHUTDOWN_SECONDS = 10.0
"""How long the pool's workers may take to finish the chunks they hold before they are ended."""


def shut(pool: Pool, *, lost: bool = False) -> None:
    """End the pool without ``Pool.terminate`` waiting for a lock a worker holds.

    ``with pool`` ended every batch, and every Ctrl-C or SIGTERM, with ``terminate``, which first
    takes the task queue's read lock (``Pool._help_stuff_finish``): a batch of ``--workers 2``
    finishing normally waited there for good at its end, nothing on stderr (once in 34 stress
    runs, 15 of them normal ends, at a load of 13-24; faulthandler's dump showed the main thread
    in ``_help_stuff_finish``; ``bench/interrupt_stress.py``). The pool is now closed and joined,
    each worker ending after the chunk it holds (a second or so); only after ``SHUTDOWN_SECONDS``
    is it ended, on a thread of its own, so the process ends whatever that meets. With a worker
    ``lost`` its chunk never comes back: the pool is ended at once. As ``coding_stream`` ends its
    pool."""
    end_pool(pool, lost=lost, seconds=SHUTDOWN_SECONDS)


def started_by(start: Callable[[], Pool]) -> tuple[Pool, list[BaseProcess]]:
    """The pool ``start`` makes and the worker processes it started (the ``multiprocessing``
    children that were not there before: ``active_children``, public, as ``coding_stream`` finds
    its workers). A worker of them no longer alive is a worker gone, which the pool replaces
    without a word. The batch read the pool's private ``_pool`` list (the twenty-fourth review);
    a pool without it never saw a worker go and waited for its chunk for good."""
    before = set(multiprocessing.active_children())
    pool = start()
    return pool, [p for p in multiprocessing.active_children() if p not in before]


def feed_pool(
    pool: Pool,
    window: int,
    chunks: Iterable[tuple[Chunk, int]],
    take: Callable[[ChunkResult, int], None],
    *,
    here: Callable[[Chunk], ChunkResult] | None = None,
    started: list[BaseProcess] | None = None,
) -> None:
    """At most ``window`` chunks in flight in the pool; results taken in input order.
    ``started``: the pool's workers (``started_by``); by default every ``multiprocessing`` child
    alive now.

    With ``here`` (this process is a worker too): a chunk that comes while the pool has its
    fill is processed here instead of waiting for the pool, and results are taken as soon as
    they are back. At most ``3 * window`` more chunks wait for an earlier one still in the pool.
    """
    pending: Pending = deque()
    in_pool = 0
    started = multiprocessing.active_children() if started is None else started

    def take_next() -> int:
        return _take_next(pending, take, lambda handle: _wait(handle, started))

    for chunk, blank in chunks:
        if not chunk:
            pending.append((None, blank))
        elif here is None or in_pool < window:
            pending.append((pool.apply_async(run_chunk, (chunk,)), blank))
            in_pool += 1
        else:
            pending.append((here(chunk), blank))
        if here is None:
            while len(pending) >= window:
                in_pool -= take_next()
            continue
        while pending and (len(pending) >= 4 * window or _is_back(pending[0][0])):
            in_pool -= take_next()
    while pending:
        take_next()


def _is_back(handle: AsyncResult[ChunkResult] | ChunkResult | None) -> bool:
    return not isinstance(handle, AsyncResult) or handle.ready()


def _wait(handle: AsyncResult[ChunkResult], started: list[BaseProcess]) -> ChunkResult:
    """``handle``'s result, once it is back; ``WorkerLostError`` once a worker of ``started`` is gone."""
    while True:
        try:
            return handle.get(WAIT_SECONDS)
        except multiprocessing.TimeoutError:
            if not all(worker.is_alive() for worker in started):
                raise WorkerLostError(
                    say("errors.batch.stopped", message=say("errors.batch.worker_lost"))
                ) from None


def _take_next(
    pending: Pending,
    take: Callable[[ChunkResult, int], None],
    wait: Callable[[AsyncResult[ChunkResult]], ChunkResult],
) -> int:
    """Take the oldest result (waiting for it with ``wait``); 1 if it came from the pool."""
    handle, blank = pending.popleft()
    if isinstance(handle, AsyncResult):
        take(wait(handle), blank)
        return 1
    take(handle if handle is not None else empty_result(0), blank)
    return 0
