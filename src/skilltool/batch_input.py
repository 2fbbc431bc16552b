"""Batch: reading the input. The checked job (input inspected, mapping compiled, options fixed),
the checks on ``--out`` and the reference data, and the stream of row chunks for the workers."""

from __future__ import annotations

import bisect
import hashlib
import hmac
import json
import os
import time
import unicodedata
from array import array
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from skilltool import __version__, datafiles, datatools, fsio, tabular
from skilltool.batch_answers import CompiledMapping
from skilltool.batch_parquet import PART_FORMAT, TABLES_DIR, require_pyarrow
from skilltool.batch_processor import ProcessorFactory
from skilltool.batch_signals import run_in_child
from skilltool.batch_state import LOCK_FILE, OUTPUTS, WORK_DIR, State, out_locked
from skilltool.batch_worker import Chunk
from skilltool.datafiles import done_marker, is_done, mark_done
from skilltool.errors import DataFileError, InputFileError, OutputError, SkilltoolError
from skilltool.messages import say
from skilltool.reference import ReferenceData, default_data_dir
from skilltool.table_out import XLSX_MAX_ROWS


@dataclass
class BatchJob:
    """A checked batch, ready to run: input inspected, mapping compiled, options fixed."""

    info: tabular.TableInfo
    mapping: CompiledMapping
    mapping_path: Path
    mapping_sha256: str
    out: Path
    workers: int
    resume: bool
    lang: str
    key: bytes | None
    data_dir: Path | None
    chunk_size: int
    xlsx: bool
    factory: ProcessorFactory
    prepare_seconds: float
    warnings: list[str] = field(default_factory=list)
    format: str = "jsonl"
    force: bool = False

    @property
    def total(self) -> int:
        """Data rows in the input (blank lines included for XLSX padding; for the progress bar)."""
        return self.info.rows

    @property
    def work_dir(self) -> Path:
        return self.out / WORK_DIR

    @cached_property
    def reference_versions(self) -> dict[str, str]:
        """``data_versions`` of the run's data, read once: the checkpoint's fingerprint and the
        manifest name the same data (hashing the 13 MB takes about 20 ms)."""
        return data_versions(self.data_dir)

    def fingerprint(self) -> str:
        """What must not change between a run and its ``--resume``."""
        key_id = hmac.new(self.key, b"skilltool-key-check", hashlib.sha256).hexdigest() if self.key else ""
        parts = [
            __version__,
            # the code too: a version number stays while the code changes (a checkout pulled, a
            # build installed), and a resume coded the rest of the rows by other rules
            datafiles.code_fingerprint(),
            datafiles.library_fingerprint(),  # and the stemmer's: the stems the coder compares
            self.info.sha256,
            self.mapping_sha256,
            self.lang,
            key_id,
            str(self.chunk_size),
            str(self.info.delimiter),
            str(self.info.sheet),
            # a resume must read the rest as the start was read (absent without --encoding: the
            # fingerprints of runs before the option stay as they were)
            *([f"encoding={self.info.given_encoding}"] if self.info.given_encoding else []),
            self.factory.__module__ + "." + self.factory.__qualname__,
            self.format if self.format != "parquet" else f"parquet/{PART_FORMAT}",  # the part files' layout
            json.dumps(self.reference_versions, sort_keys=True),  # a resume coding with other data mixes them
        ]
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def data_versions(data_dir: Path | None) -> dict[str, str]:
    """ESCO version and the SHA-256 (first 16 hex) of every data file, for the manifest.

    Reads ``sources.yaml`` for the ESCO version: the batch's main process never loads ESCO.
    """
    root = (data_dir or default_data_dir()).resolve()
    versions: dict[str, str] = {}
    try:
        versions["esco"] = ReferenceData(root).manifest.esco_version
    except SkilltoolError:
        versions["esco"] = "unknown"
    for path in sorted(root.glob("*.yaml")):
        versions[path.name] = fsio.sha256_file(path)[:16]
    return versions


# what a batch writes in --out, replacing what is there: files (``--xlsx`` adds summary.xlsx),
# and folders replaced whole
_WRITTEN = (*OUTPUTS, "summary.xlsx")
_REPLACED = (TABLES_DIR, WORK_DIR)
FORMATS = ("jsonl", "parquet")


def check_options(*, workers: int, chunk_size: int, output_format: str) -> None:
    """The numbers and the output format a batch is given (pyarrow present for Parquet)."""
    for option, value in (("--workers", workers), ("--chunk-size", chunk_size)):
        if value < 1:
            raise InputFileError(say("errors.batch.at_least_one", option=option))
    if output_format not in FORMATS:
        raise InputFileError(
            say("errors.batch.format", given=repr(output_format), choices=", ".join(FORMATS))
        )
    if output_format == "parquet":
        require_pyarrow()


def check_xlsx_room(info: tabular.TableInfo, *, xlsx: bool) -> None:
    """``--xlsx`` on an input with more data rows than an .xlsx sheet holds: said before the first
    row, not after the last one, when ``summary.xlsx`` is written (a summary row per profile, so
    the input's non-blank data rows are the most it can need)."""
    if xlsx and info.rows > XLSX_MAX_ROWS - 1:  # (the sheet's first row is the header)
        raise InputFileError(
            say("errors.batch.xlsx_rows", path=info.path, rows=info.rows, limit=XLSX_MAX_ROWS - 1)
        )


def check_out_dir(out: Path, *inputs: Path | None) -> None:
    """``--out`` must be a folder or not exist yet: one line for a file, a link to a file or a
    dangling link in the way (a batch never writes through a link). None of ``inputs`` (the
    export, mapping, key file) may be where the batch writes an output: ``--force`` replaced an
    export named ``summary.csv`` in --out with the summary."""
    fsio.check_out_folder(out)
    for given in filter(None, inputs):
        real = Path(os.path.realpath(given))
        if any(fsio.same_file(out / name, given) for name in _WRITTEN) or any(
            real.is_relative_to(os.path.realpath(out / name)) for name in _REPLACED
        ):
            raise OutputError(say("errors.batch.out_holds_input", path=given, out=out))


def check_out_free(out: Path, *, resume: bool) -> None:
    """An earlier result is never overwritten silently: ``--out`` must be empty or hold an
    interrupted batch (which needs ``--resume``, checked in ``prepare``); else ``--force``.

    The message counts the entries but names none (a file name may be a client's reference).
    """
    if (out / WORK_DIR / "state.json").exists():
        return
    try:
        entries = sorted(
            p.name for p in out.iterdir() if p.name not in (WORK_DIR, LOCK_FILE)
        )  # checked in prepare
    except OSError as exc:
        raise OutputError(fsio.os_error_message(out, exc)) from None
    if not entries:
        return
    what = (
        say("errors.batch.what.earlier_result")
        if "manifest.json" in entries
        else say("errors.batch.what.entries", count=len(entries))
    )
    key = "errors.batch.out_taken_resume" if resume else "errors.batch.out_taken"
    raise OutputError(say(key, path=out, what=what))


@contextmanager
def job_locked(job: BatchJob) -> Iterator[None]:
    """The lock on ``job.out`` (``out_locked``), and ``prepare``'s checks of it again under it:
    another batch started at the same time may have finished there since, or been interrupted,
    and its result or its checkpoint is still never replaced without ``--force``."""
    with out_locked(job.out):
        if not job.force:
            try:
                check_out_free(job.out, resume=job.resume)
            except OutputError as exc:  # no write failed: ``batch.run`` would add "--resume" to it
                raise InputFileError(exc.text) from None
            if not job.resume and (job.work_dir / "state.json").exists():
                raise InputFileError(say("errors.batch.interrupted_here", path=job.work_dir))
        yield


def check_reference_data(data_dir: Path | None, lang: str) -> None:
    """Validate the reference data before the first row, as ``data validate`` does; raises
    ``DataFileError`` naming the file and field. Runs in a short-lived child process where fork
    exists (the big models it loads stay out of this process, which never needs them). Data
    this code has found valid before (``datafiles.done_marker``) is not checked again."""
    ref = ReferenceData(data_dir)
    marker = done_marker(data_dir, "validated")
    if is_done(marker):
        return

    def check() -> str | None:
        problems = datatools.validate_all(ref)
        return datatools.render(problems[0], lang) if problems else None

    if not hasattr(os, "fork"):  # pragma: no cover - Windows
        problem = check()
    else:
        ok, message = run_in_child(check)
        # the child failed unexpectedly: find out here, in this process
        problem = check() if not ok else message or None
    if problem:
        raise DataFileError(say("errors.batch.data_invalid", problem=problem))
    mark_done(marker)


def run_in_child_once(fn: Callable[[], object], marker: Path | None) -> None:
    """``fn()`` in a short-lived child (``run_in_child``; what it returns is dropped) unless
    ``marker`` (``datafiles.done_marker``) says it was done before; leaves the marker when the
    child ended normally (``check_reference_data`` does the same around its check, which also has
    a message to hand back)."""
    if is_done(marker):
        return

    def call() -> None:
        fn()

    if run_in_child(call)[0]:
        mark_done(marker)


class SeenIds:
    """Client ids seen so far, as 64-bit hashes: 8 bytes per id in a sorted array, not a set of str.

    New hashes go to a small set; every 65,536 they are appended to the array and it is sorted in
    place (numpy's view of it): the array is the only copy, 8 MB at a million ids. Merging into a
    new array, then copying that into the next ``array``, held three copies at once (24 MB of the
    main process's peak at a million rows; through a Python list of ints it was 62 MB). A
    collision of two different ids needs about 4 billion ids; this process's ``hash`` is enough
    because the set never leaves it (a resumed run rebuilds it from the rows already done).
    """

    def __init__(self) -> None:
        self.sorted: array[int] = array("q")
        self.recent: set[int] = set()

    def add(self, value: str) -> bool:
        """Remember ``value``; True when it was seen before."""
        h = hash(value)
        if h in self.recent:
            return True
        i = bisect.bisect_left(self.sorted, h)
        if i < len(self.sorted) and self.sorted[i] == h:
            return True
        self.recent.add(h)
        if len(self.recent) >= 65_536:
            self._merge()
        return False

    def _merge(self) -> None:
        self.sorted.extend(array("q", self.recent))  # no duplicates: add() checked
        view = np.frombuffer(self.sorted, dtype=np.int64)  # writable: the array's own memory
        view.sort(kind="stable")  # a sorted run and a short tail: merged in a linear pass
        del view  # the view must go before the array can grow again
        self.recent = set()


def same_client(raw_id: str) -> str:
    """What two id cells of one person share: ``UT-1``, ``ut-1``, `` UT-1 `` (also a no-break space
    around it) and ``ＵＴ-1`` (full-width, Unicode's compatibility form) are one client typed twice,
    so the second row is a duplicate, not a second person (who got a profile and a pseudonym of
    their own, counted twice in every table). One number typed once in capitals and once not is
    far likelier than two clients whose numbers differ in case alone, and the rejected row is seen
    (a real second client can be given another number) where a person counted twice was not.
    The local and the Dask engine and ``--resume`` read every id through this one key."""
    key = raw_id.strip()
    return key.lower() if key.isascii() else unicodedata.normalize("NFKC", key).strip().casefold()


def chunks(
    job: BatchJob, state: State, seen: SeenIds, clock: dict[str, float]
) -> Iterator[tuple[Chunk, int]]:
    """Chunks of non-blank rows after the checkpoint, and blank lines skipped in each.

    The rows up to the checkpoint's last row must be as many as it counts read: a checkpoint
    whose last row lies past them would skip rows without a word (or end in a traceback)."""
    idx = job.mapping.id_index
    chunk: Chunk = []
    blank = 0
    done: int | None = 0  # rows up to the checkpoint; None once checked
    t = time.perf_counter()
    for rowno, cells in tabular.iter_rows(job.info):
        if tabular.is_blank(cells):
            if rowno > state.last_row:
                blank += 1
            continue
        raw_id = cells[idx] if idx < len(cells) else ""
        duplicate = seen.add(same_client(raw_id)) if raw_id.strip() else False
        if rowno <= state.last_row:
            done = (done or 0) + 1
            continue  # done before the interruption: only its id is remembered
        if done is not None:
            _check_done(job, state, done)
            done = None
        chunk.append((rowno, cells, duplicate))
        if len(chunk) >= job.chunk_size:
            clock["reading"] += time.perf_counter() - t
            yield chunk, blank
            t = time.perf_counter()
            chunk, blank = [], 0
    clock["reading"] += time.perf_counter() - t
    if done is not None:
        _check_done(job, state, done)
    if chunk or blank:
        yield chunk, blank


def _check_done(job: BatchJob, state: State, done: int) -> None:
    if done != state.counts.rows_read:
        found = {"counted": state.counts.rows_read, "found": done, "last": state.last_row}
        raise InputFileError(say("errors.batch.state_rows", path=job.work_dir, **found))
