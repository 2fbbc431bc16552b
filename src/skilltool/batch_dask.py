"""``batch --engine dask``: the same per-row function on a dask.distributed cluster.

How it runs:

* The main process (the *driver*) reads the input once, as the local engine does
  (``batch_input.chunks``: blank lines dropped, repeated client ids marked, so both engines reject the
  same rows), and cuts it into *partitions* of ``partition_rows`` non-blank rows. Partition ``k``
  is always the same rows for the same input, which is what makes ``--resume`` work per partition.
* Each partition is one task. A worker process builds the row processor (reference data, coders,
  memos) once, on its first task, and keeps it for every later task of the same batch
  (``_worker_for``): the reference data is never pickled or sent, only the rows and the small,
  picklable ``WorkerConfig``.
* The task runs ``Worker.process`` (the local engine's per-row code, unchanged) over the
  partition in chunks and writes its own outputs into ``OUT/.batch-work/``: Parquet files
  ``tables/NAME/part-NNNNN.parquet`` (or ``parts/profiles-NNNNN.jsonl``), its lines of the summary
  and the errors, and last ``parts/done-NNNNN.json`` with its counts. Only that small record goes
  back to the driver. At most two partitions per worker are in flight, so the driver's memory
  does not grow with the input.
* At the end the driver merges summary, errors (and JSON Lines) in partition order, adds up the
  counts and the report's statistics, and finishes exactly like the local engine (report,
  manifest last, rename into place). ``--resume`` skips every partition with a ``done`` record.

The output folder must be reachable by the workers under the same path (a shared file system
for a real cluster; always true for the ``LocalCluster`` started without ``--scheduler``).
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import json
import logging
import multiprocessing
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict, cast

from skilltool import batch, batch_order, fsio
from skilltool import batch_parquet as bp
from skilltool.batch_input import BatchJob, SeenIds, chunks, job_locked
from skilltool.batch_output import finish
from skilltool.batch_state import (
    State,
    created_time,
    csv_bytes,
    start_or_resume,
    still_there,
    take_back,
    tally,
)
from skilltool.batch_summary import ERROR_HEADER, new_stats, summary_header
from skilltool.batch_worker import Chunk, ChunkResult, Worker, WorkerConfig, worker_config
from skilltool.errors import InputFileError, OutputError, OutputGoneError, SkilltoolError, UsageError
from skilltool.messages import say
from skilltool.models.batch import BatchManifest, BatchTimings

PARTS_DIR = "parts"
MIN_PARTITION, MAX_PARTITION = 1_000, 20_000


def require_dask() -> None:
    """One line, not a traceback, when the optional extra is not installed."""
    try:
        import cryptography  # noqa: F401  # lazy: optional extra (the local cluster's TLS), checked here
        import distributed  # noqa: F401  # lazy: optional extra, checked here
        import pyarrow  # noqa: F401  # lazy: optional extra, checked here
    except ImportError:
        raise UsageError(say("errors.batch.needs_dask")) from None


def default_partition_rows(total: int) -> int:
    """About 16 partitions, each 1,000 to 20,000 rows; depends only on the input (for --resume)."""
    return max(MIN_PARTITION, min(MAX_PARTITION, -(-total // 16)))


# --- in the worker ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PartitionTask:
    """What every task of one batch shares; small and picklable (no reference data in it)."""

    config: WorkerConfig
    token: str
    work: str
    chunk_size: int


_CACHE: dict[str, Worker] = {}


def _worker_for(task: PartitionTask) -> Worker:
    """The row processor of this batch in this worker process: built on the first task, then kept."""
    worker = _CACHE.get(task.token)
    if worker is None:
        _CACHE.clear()  # another batch's data may go
        worker = _CACHE[task.token] = Worker(task.config)
    return worker


class DoneRecord(TypedDict):
    """A partition's ``done-NNNNN.json``: its counts, statistics and seconds (the checkpoint)."""

    index: int
    written: int
    rejected: int
    blank: int
    stats: dict[str, dict[str, int]]
    coding: float
    suggesting: float
    writing: float
    pid: int


@dataclass(frozen=True)
class PartitionFailed:
    """A partition stopped by a problem the user can fix (a full disk): returned, not raised, so that
    distributed's worker does not log it ("Compute Failed", the task and a traceback on stderr before
    the one line); the driver raises it."""

    error: SkilltoolError


def partition_outcome(
    task: PartitionTask, index: int, chunk: Chunk, blank: int
) -> DoneRecord | PartitionFailed:
    """``run_partition`` as the driver submits it: skilltool's own error comes back as a value."""
    try:
        return run_partition(task, index, chunk, blank)
    except SkilltoolError as exc:
        return PartitionFailed(exc)


def run_partition(task: PartitionTask, index: int, chunk: Chunk, blank: int) -> DoneRecord:
    """Process one partition in a worker; write its outputs; return (and write) its done record."""
    worker = _worker_for(task)
    work = Path(task.work)
    parts = work / PARTS_DIR
    results: list[ChunkResult] = []
    for i in range(0, len(chunk), task.chunk_size):
        # as batch_worker.run_chunk: ``after_chunk`` (memos out of the collector's way, heap
        # trimmed) before the collector is on again
        results.append(worker.process(chunk[i : i + task.chunk_size], collect=True))
    t = time.perf_counter()
    still_there(work)  # a vanished --out is not made again by a worker's write
    fsio.write_bytes(parts / f"summary-{index:05d}.csv", b"".join(r.summary for r in results))
    errors = b"".join(r.errors for r in results)
    fsio.write_bytes(parts / f"errors-{index:05d}.csv", errors)
    if task.config.format == "parquet":
        tables = work / bp.TABLES_DIR
        for name in bp.PROFILE_TABLES:
            batches = bp.read_messages([r.tables[name] for r in results if name in r.tables], name)
            # a research export's partition is merged in pseudonym order at the end (``_merge``)
            folder = parts / bp.TABLES_DIR if task.config.key else tables
            bp.write_parquet(folder / name / bp.part_name(index), name, batches)
        bp.write_parquet(
            tables / "errors" / bp.part_name(index), "errors", bp.error_batches(errors.decode("utf-8"))
        )
    else:
        fsio.write_bytes(parts / f"profiles-{index:05d}.jsonl", b"".join(r.profiles for r in results))
    stats = new_stats()
    for r in results:
        for k, v in r.stats.items():
            stats[k].update(v)
    record: DoneRecord = {
        "index": index,
        "written": sum(r.written for r in results),
        "rejected": sum(r.rejected for r in results),
        "blank": blank,
        "stats": {k: dict(v) for k, v in stats.items()},
        "coding": sum(r.coding for r in results),
        "suggesting": sum(r.suggesting for r in results),
        "writing": time.perf_counter() - t,
        "pid": os.getpid(),
    }
    fsio.write_text(parts / f"done-{index:05d}.json", json.dumps(record, sort_keys=True))  # last
    return record


# --- in the driver ---------------------------------------------------------------------------


class SchedulerUnreachableError(InputFileError):
    """The cluster at ``--scheduler`` could not be reached: no row has run."""


@contextmanager
def client_for(scheduler: str | None, workers: int) -> Iterator[Any]:  # distributed is untyped
    """A client of the cluster at ``scheduler``, or of a new loopback-only ``LocalCluster``."""
    require_dask()
    import distributed  # lazy: optional extra [dask]

    dd: Any = distributed  # untyped package
    Client, LocalCluster = dd.Client, dd.LocalCluster  # noqa: N806 - the package's names
    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError, ValueError) as exc:  # ValueError: no address (``host`` without a port)
            raise SchedulerUnreachableError(
                say("errors.batch.scheduler", address=scheduler, why=exc)
            ) from None
        with client:
            yield client
        return
    with local_cluster(LocalCluster, workers) as cluster, Client(cluster) as client:
        yield client


def local_cluster(cls: Any, workers: int, *, secure: bool = True) -> Any:  # distributed is untyped
    """A ``LocalCluster`` on loopback only: ``workers`` single-threaded processes, no dashboard, and
    the scheduler's HTTP endpoint (health, metrics) on a free port of 127.0.0.1, not on 8787.

    Its connections are mutual TLS with a certificate made for this run and held in memory
    (``Security.temporary``): loopback alone let any other user of the machine connect to the
    scheduler while a batch ran and run code as the caseworker (thirteenth hostile review); a
    client without this run's certificate is refused (tested). ``secure=False``: plain TCP, for a
    test's stand-in of an existing cluster, which a client reaches by its address alone (a real
    cluster's TLS comes from the Dask configuration, which ``Client`` reads)."""
    from distributed import security  # lazy: optional extra [dask]; needs cryptography

    temporary: Any = security.Security.temporary  # untyped package

    return cls(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        worker_dashboard_address=None,
        scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"},
        silence_logs=logging.ERROR,
        security=temporary() if secure else None,
    )


@contextmanager
def preloaded_workers(task: PartitionTask, scheduler: str | None) -> Iterator[None]:
    """For a ``LocalCluster`` where ``fork`` exists: build the row processor here, once, and have
    Dask fork the cluster's worker processes from this process (its ``fork`` method), so that
    they start with it, shared copy-on-write as the local engine's workers share it, instead of
    each importing skilltool and loading the reference data again after a spawn (measured: 5-6 s
    per worker on the busy 2-core machine, the largest part of the Dask engine's fixed cost at
    10,000 rows). An external cluster (``scheduler``) builds it on each worker's first task.
    As in the local engine a cold compiled-data cache is compiled in a short-lived child first,
    and the processor is frozen out of the garbage collector's reach before forking."""
    if scheduler is not None or "fork" not in multiprocessing.get_all_start_methods():
        yield
        return
    import dask  # lazy: optional extra [dask]

    def install() -> None:
        _worker_for(task)
        gc.collect()

    with (
        batch.preloaded(task.config, install=install, clear=_CACHE.clear),
        dask.config.set({"distributed.worker.multiprocessing-method": "fork"}),
    ):
        yield


@dataclass
class DaskOptions:
    """``--engine dask``: where (``None``: a LocalCluster of ``job.workers``) and how big a partition."""

    scheduler: str | None = None
    partition_rows: int | None = None


def _fingerprint(job: BatchJob, partition_rows: int) -> str:
    return hashlib.sha256(f"{job.fingerprint()}\0dask\0{partition_rows}".encode()).hexdigest()


def run(
    job: BatchJob, options: DaskOptions | None = None, *, progress: batch.ProgressFactory | None = None
) -> BatchManifest:
    """Process every row of ``job`` on Dask; the same outputs as ``batch.run`` (order aside: none)."""
    require_dask()
    opts = options or DaskOptions()
    partition_rows = opts.partition_rows or default_partition_rows(job.total)
    if partition_rows < 1:
        raise InputFileError(say("errors.batch.at_least_one", option="--partition-rows"))
    started = time.perf_counter()
    try:
        fsio.make_folders(job.out, mode=0o700)  # every missing level owner-only, as for a report
    except OSError as exc:
        raise OutputError(fsio.os_error_message(job.out, exc)) from None
    try:
        with job_locked(job):
            return _run_locked(job, opts, partition_rows, started, progress)
    except OutputGoneError:  # nothing to resume from
        raise
    except OSError as exc:  # as batch.run: a full disk, a folder made read-only meanwhile
        raise OutputError(batch.stopped(fsio.os_error_message(exc.filename or job.out, exc))) from None
    except OutputError as exc:  # the same, met by an atomic write (a partition's part, the report)
        raise OutputError(batch.stopped(exc.text)) from None


def _start(job: BatchJob, fingerprint: str) -> tuple[State, dict[int, DoneRecord]]:
    """The checkpoint and the partitions done before (on ``--resume``), or a fresh work folder."""
    work = job.work_dir
    state = start_or_resume(work, fingerprint, resume=job.resume, what=say("errors.batch.what.run_dask"))
    done: dict[int, DoneRecord] = {}
    if state is None:
        (work / PARTS_DIR).mkdir(mode=0o700)
        state = State(fingerprint=fingerprint, created=created_time(), offsets={})
        fsio.write_text(work / "state.json", state.dump())
        return state, done
    for path in sorted((work / PARTS_DIR).glob("done-*.json")):
        if (record := _done_record(path)) is not None:
            done[record["index"]] = record
    take_back(work, job.out, ("summary.csv", "errors.csv", "profiles.jsonl"))
    return state, done


def _done_record(path: Path) -> DoneRecord | None:
    """A partition's done record, or ``None`` when it is none (damaged, edited, another file's
    name): that partition is run again, as a damaged ``state.json`` starts afresh. It ended the
    resumed batch in a traceback (``JSONDecodeError``, ``KeyError``, ``TypeError``)."""
    try:
        record = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(record, dict):
        return None
    counts = [record.get(k) for k in ("index", "written", "rejected", "blank")]
    seconds = [record.get(k) for k in ("coding", "suggesting", "writing")]
    stats = record.get("stats")
    if not (
        all(type(n) is int and n >= 0 for n in counts)
        and all(type(n) in (int, float) for n in seconds)
        and isinstance(stats, dict)
        and all(isinstance(v, dict) and all(type(n) is int for n in v.values()) for v in stats.values())
    ):
        return None
    return cast(DoneRecord, record) if path.name == f"done-{record['index']:05d}.json" else None


def _holds(record: DoneRecord | None, chunk: Chunk, blank: int) -> bool:
    """Whether ``record`` accounts for the partition's rows: else it is run again."""
    return record is not None and (record["written"] + record["rejected"], record["blank"]) == (
        len(chunk),
        blank,
    )


def _task(job: BatchJob, state: State) -> PartitionTask:
    return PartitionTask(
        config=worker_config(job, state.created),
        token=state.fingerprint,
        work=str(job.work_dir),
        chunk_size=job.chunk_size,
    )


def partitions(
    job: BatchJob, partition_rows: int, clock: dict[str, float] | None = None
) -> Iterator[tuple[Chunk, int]]:
    """The input cut into partitions: (rows, blank lines skipped before them), always the same cut.

    The local engine's reader (``batch_input.chunks``) with a chunk of ``partition_rows``: blank lines
    and repeated client ids are handled exactly as there.
    """
    reader = dataclasses.replace(job, chunk_size=partition_rows)
    fresh = State(fingerprint="", created="")
    return chunks(reader, fresh, SeenIds(), clock if clock is not None else dict.fromkeys(("reading",), 0.0))


def _run_locked(
    job: BatchJob,
    opts: DaskOptions,
    partition_rows: int,
    started: float,
    progress: batch.ProgressFactory | None,
) -> BatchManifest:
    import distributed  # lazy: optional extra [dask]

    wait: Any = distributed.wait  # untyped
    state, done = _start(job, _fingerprint(job, partition_rows))
    clock = {"reading": 0.0, "writing": 0.0, "coding": 0.0, "suggesting": 0.0}
    task = _task(job, state)
    records = dict(done)
    workers = job.workers
    try:
        with (
            preloaded_workers(task, opts.scheduler),
            client_for(opts.scheduler, job.workers) as client,
            progress() if progress else nullcontext(None) as advance,
        ):
            workers = max(1, len(client.scheduler_info()["workers"]))
            window = 2 * workers
            pending: set[Any] = set()  # distributed's futures (untyped)

            def take(futures: set[Any]) -> None:
                for future in futures:
                    record = future.result()
                    if isinstance(record, PartitionFailed):
                        raise record.error
                    records[record["index"]] = record
                    if advance is not None:
                        advance(record["written"] + record["rejected"])

            for index, (chunk, blank) in enumerate(partitions(job, partition_rows, clock)):
                if _holds(done.get(index), chunk, blank):
                    if advance is not None:
                        advance(len(chunk))
                    continue
                records.pop(index, None)  # its counts are not its rows': run it again
                pending.add(client.submit(partition_outcome, task, index, chunk, blank, pure=False))
                while len(pending) >= window:
                    finished, pending = wait(pending, return_when="FIRST_COMPLETED")
                    take(finished)
            finished, _ = wait(pending)
            take(finished)
    except SchedulerUnreachableError:
        # a checkpoint of no partition holds nothing to resume: left, it refused the next run
        # ("an interrupted batch is here") where the error had said to check the address
        if not records and not any((job.work_dir / PARTS_DIR).glob("*")):
            shutil.rmtree(job.work_dir, ignore_errors=True)
        raise
    except KeyboardInterrupt as exc:
        rows = sum(r["written"] + r["rejected"] for r in records.values())
        raise batch.BatchInterruptedError.by(exc, say("errors.batch.interrupted_rows", rows=rows)) from None
    t = time.perf_counter()
    _merge(job, state, [records[i] for i in sorted(records)], clock)
    clock["writing"] += time.perf_counter() - t
    prior = BatchTimings(total=job.prepare_seconds, prepare=job.prepare_seconds)
    job.workers = workers
    return finish(
        job,
        state,
        prior,
        clock,
        started,
        options={
            "engine": "dask",
            "scheduler": "external" if opts.scheduler else "LocalCluster",
            "partition_rows": partition_rows,
            "partitions": len(records),
        },
    )


def _merge(job: BatchJob, state: State, records: list[DoneRecord], clock: dict[str, float]) -> None:
    """The partitions' summary, errors (and profiles) in input order; their counts and statistics."""
    work = job.work_dir
    parts = work / PARTS_DIR
    still_there(work)
    research = job.key is not None
    names: list[tuple[str, list[str] | None]] = [
        ("summary.csv", summary_header(research)),
        ("errors.csv", ERROR_HEADER),
    ]
    if job.format != "parquet":
        names.append(("profiles.jsonl", None))
    for name, header in names:
        stem, ext = name.split(".")
        with fsio.atomic_writer(work / (name + ".part"), binary=True) as fh:
            if header is not None:
                fh.write(csv_bytes(header, bom=True))
            for r in records:
                with (parts / f"{stem}-{r['index']:05d}.{ext}").open("rb") as src:
                    shutil.copyfileobj(src, fh, 1 << 20)
    if research and job.format == "parquet":  # the workers left them in parts/tables
        indexes = [r["index"] for r in records]
        batch_order.merge_partitions(parts / bp.TABLES_DIR, work / bp.TABLES_DIR, indexes)
    for r in records:  # the state holds no counts yet: a Dask run checkpoints only its partitions
        tally(
            state,
            clock,
            written=r["written"],
            rejected=r["rejected"],
            blank=r["blank"],
            stats=r["stats"],
            coding=r["coding"],
            suggesting=r["suggesting"],
        )
        clock["writing"] += r["writing"]
