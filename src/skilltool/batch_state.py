"""Batch: resume. The work folder, its part files and the checkpoint (``state.json``: byte offsets
of the part files, last row done, counters); ``--resume`` cuts the part files back to it."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import stat
import time
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from skilltool import fsio, source_date, table_out
from skilltool.batch_parquet import PROFILE_TABLES
from skilltool.batch_summary import ERROR_HEADER, new_stats, summary_header
from skilltool.errors import InputFileError, OutputError, OutputGoneError
from skilltool.messages import Say, say
from skilltool.models.batch import BatchCounts, BatchTimings

WORK_DIR = ".batch-work"
STATE_VERSION = 1
OUTPUTS = ("profiles.jsonl", "summary.csv", "errors.csv", "report.html", "manifest.json")
"""The files a batch writes in ``--out`` (with ``--format parquet`` ``tables/`` instead of the first)."""
PART_FILES = ("profiles.jsonl", "summary.csv", "errors.csv")
ARROWS_DIR = "arrows"
LOCK_FILE = ".batch-work.lock"
MAX_STATE_BYTES = 16 << 20
"""A checkpoint holds offsets, counters and the report's tallies (a few KB, bounded by the
reference data's codes): one this big was not written by a batch, and is refused unparsed."""


@contextmanager
def out_locked(out: Path) -> Iterator[None]:
    """An exclusive lock on the output folder for as long as the batch runs (one batch per folder):
    ``fsio.exclusive`` on ``OUT/.batch-work.lock``; a folder where none can be made is refused."""
    with fsio.exclusive(
        out / LOCK_FILE,
        InputFileError(say("errors.batch.locked", path=out)),
        unlockable=lambda exc: OutputError(fsio.os_error_message(out, exc)),  # a read-only folder
    ):
        yield


def part_files(fmt: str) -> tuple[str, ...]:
    """The part files a run appends to: profiles as JSON Lines, or one Arrow stream per table."""
    if fmt != "parquet":
        return PART_FILES
    return ("summary.csv", "errors.csv", *(f"{ARROWS_DIR}/{name}.arrows" for name in PROFILE_TABLES))


_KNOWN_PARTS = frozenset(PART_FILES + part_files("parquet"))


@dataclass
class State:
    """The checkpoint in ``.batch-work/state.json``."""

    fingerprint: str
    created: str
    last_row: int = 0
    offsets: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PART_FILES, 0))
    counts: BatchCounts = field(default_factory=BatchCounts)
    stats: dict[str, Counter[str]] = field(default_factory=new_stats)
    timings: BatchTimings = field(default_factory=BatchTimings)
    resumed: bool = False

    def dump(self) -> str:
        return json.dumps(
            {
                "version": STATE_VERSION,
                "fingerprint": self.fingerprint,
                "created": self.created,
                "last_row": self.last_row,
                "offsets": self.offsets,
                "counts": self.counts.model_dump(),
                "stats": {k: dict(v) for k, v in self.stats.items()},
                "timings": self.timings.model_dump(),
            },
            sort_keys=True,
        )

    @classmethod
    def load(cls, path: Path) -> State | None:
        """The checkpoint at ``path``; ``None`` when there is none or it is damaged (the batch then
        starts afresh). One over ``MAX_STATE_BYTES`` is refused, unread."""
        try:
            if not path.is_file():  # a pipe planted there would block the read for ever
                return None
            with path.open("rb") as fh:
                raw = fh.read(MAX_STATE_BYTES + 1)
            if len(raw) > MAX_STATE_BYTES:
                raise InputFileError(
                    say("errors.batch.state_too_big", path=path, limit=MAX_STATE_BYTES >> 20)
                )
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
                return None
            stats = new_stats()
            for k, v in data["stats"].items():  # counts, or a later += fails halfway into the run
                stats[str(k)] = Counter({str(name): int(n) for name, n in v.items()})
            last_row = int(data["last_row"])
            offsets = {str(k): int(v) for k, v in data["offsets"].items()}
            if last_row < 0 or min(offsets.values(), default=0) < 0 or not offsets.keys() <= _KNOWN_PARTS:
                return None  # a part name from the file must never become a path elsewhere
            counts = BatchCounts.model_validate(data["counts"])
            if counts.rows_read != counts.rows_written + counts.rows_rejected:
                return None  # the run would end in "lost track of a row"
            created = str(data["created"])
            if dt.datetime.fromisoformat(created).tzinfo is None:  # every profile's timestamp: a
                return None  # time that is none ended the resumed batch in a ValueError traceback
            return cls(
                fingerprint=str(data["fingerprint"]),
                created=created,
                last_row=last_row,
                offsets=offsets,
                counts=counts,
                stats=stats,
                timings=BatchTimings.model_validate(data["timings"]),
                resumed=True,
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None  # tampered (or nested past the parser's depth): start afresh


def start_or_resume(work: Path, fingerprint: str, *, resume: bool, what: Say) -> State | None:
    """The checkpoint to continue from (``--resume``), refused when made by another run (``what``
    names what may differ); else ``None`` and an empty work folder, made afresh."""
    state = State.load(work / "state.json") if resume else None
    if state is not None and state.fingerprint != fingerprint:
        raise InputFileError(say("errors.batch.other_run", path=work, what=what))
    if state is None:
        if work.exists():
            shutil.rmtree(work)
        work.mkdir(mode=0o700)
    else:
        remove_temporaries(work)
    return state


def remove_temporaries(work: Path) -> None:
    """The temporary files a killed run left in its work folder (``.NAME...tmp``: a checkpoint, a
    report, a Parquet table or a partition being written when ``kill -9`` came), removed when the
    run is resumed: they held rows' outputs and stayed until the batch finished, for good when it
    never did. Called under the folder's lock, so no other run is writing them."""
    for folder, _, names in os.walk(work):  # (a link to a folder elsewhere is not followed)
        for name in names:
            path = Path(folder) / name
            if name.startswith(".") and name.endswith(".tmp"):
                with suppress(OSError):
                    if stat.S_ISREG(path.lstat().st_mode):
                        path.unlink()


def take_back(work: Path, out: Path, names: tuple[str, ...]) -> None:
    """After a crash while renaming the outputs into place: the renamed ones back to part files."""
    for name in names:
        part, final = work / (name + ".part"), out / name
        if not part.exists() and final.exists():
            final.replace(part)


def created_time() -> str:
    """Now, or ``$SOURCE_DATE_EPOCH`` (``source_date.fixed_now``: reproducible output, two runs
    give identical files; a value that is no time is refused)."""
    fixed = source_date.fixed_now()
    return (fixed or dt.datetime.now(tz=dt.UTC).replace(microsecond=0)).isoformat()


def tally(
    state: State,
    clock: dict[str, float],
    *,
    written: int,
    rejected: int,
    blank: int,
    stats: Mapping[str, Mapping[str, int]],
    coding: float,
    suggesting: float,
) -> None:
    """Add one chunk's (local) or partition's (Dask) counts, statistics and worker seconds to
    the run's: the manifest's counts and the summary's statistics come from here alone."""
    c = state.counts
    c.rows_written += written
    c.rows_rejected += rejected
    c.rows_read += written + rejected
    c.blank_rows_skipped += blank
    for k, v in stats.items():
        state.stats[k].update(v)
    clock["coding"] += coding
    clock["suggesting"] += suggesting


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # POSIX: a link planted after the check is not followed either


def write_part_headers(work: Path, fmt: str, *, research: bool = False) -> None:
    arrows = work / ARROWS_DIR
    if arrows.is_symlink():  # a link to a folder elsewhere would put the profiles' parts there
        arrows.unlink()
    arrows.mkdir(mode=0o700, exist_ok=True)
    for name in part_files(fmt):
        path = work / (name + ".part")
        path.unlink(missing_ok=True)  # a link planted there is removed, never written through
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as fh:
            if name == "summary.csv":
                fh.write(csv_bytes(summary_header(research), bom=True))
            elif name == "errors.csv":
                fh.write(csv_bytes(ERROR_HEADER, bom=True))
            # a table's .arrows part starts empty: its frames carry no schema (batch_parquet.pack_batch)


def csv_bytes(header: list[str], *, bom: bool) -> bytes:
    buf = io.StringIO()
    if bom:
        buf.write("\ufeff")
    table_out.CsvSink(buf).row(header)
    return buf.getvalue().encode("utf-8")


def open_parts(work: Path, state: State, names: tuple[str, ...]) -> dict[str, IO[bytes]]:
    """Open the part files ``names`` for appending, cut back to the checkpoint (drops a
    half-written chunk). A checkpoint that names other part files is refused (a run missing one
    ended in a traceback)."""
    if set(state.offsets) != set(names):
        raise InputFileError(say("errors.batch.state_damaged", path=work))
    for name, offset in state.offsets.items():  # truncate would pad a shorter file with NUL bytes
        path = work / (name + ".part")
        if path.parent.is_symlink():  # arrows/ a link to a folder elsewhere
            raise InputFileError(say("errors.batch.part_not_file", path=path))
        try:
            mode, size = (st := path.lstat()).st_mode, st.st_size
        except FileNotFoundError:
            mode, size = stat.S_IFREG, 0
        if not stat.S_ISREG(mode):  # a link was cut back and written through: another file lost
            raise InputFileError(say("errors.batch.part_not_file", path=path))
        if offset > size:
            raise InputFileError(say("errors.batch.state_damaged", path=work))
    handles: dict[str, IO[bytes]] = {}
    for name in state.offsets:
        path = work / (name + ".part")
        fd = os.open(path, os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o600)
        fh = os.fdopen(fd, "r+b")
        fh.truncate(state.offsets[name])
        fh.seek(state.offsets[name])
        handles[name] = fh
    return handles


def timings_now(prior: BatchTimings, clock: dict[str, float], started: float) -> BatchTimings:
    return BatchTimings(
        total=prior.total + time.perf_counter() - started,
        prepare=prior.prepare,
        reading=prior.reading + clock["reading"],
        coding=prior.coding + clock["coding"],
        suggesting=prior.suggesting + clock["suggesting"],
        writing=prior.writing + clock["writing"],
        report=prior.report,
    )


def still_there(work: Path) -> None:
    """Raise ``OutputGoneError`` unless the checkpoint written at the start is in ``work``: when
    the output folder was removed (or a network share under it went away) the part files were
    written on without a word into files no folder held, the next write made the folders again
    (an empty ``.batch-work`` whose ``--resume`` was refused), and the line said ``--resume``."""
    if not (work / "state.json").is_file():
        raise OutputGoneError(say("errors.batch.out_gone", path=work.parent))


def checkpoint(  # noqa: PLR0917 - called twice, by the run
    work: Path,
    state: State,
    handles: dict[str, IO[bytes]] | None,
    prior: BatchTimings,
    clock: dict[str, float],
    started: float,
) -> None:
    """The part files' offsets and the counters -> ``state.json`` (``still_there`` first)."""
    still_there(work)
    if handles is not None:
        for name, fh in handles.items():
            fh.flush()
            os.fsync(fh.fileno())
            state.offsets[name] = fh.tell()
    else:
        state.offsets = {name: (work / (name + ".part")).stat().st_size for name in state.offsets}
    state.timings = timings_now(prior, clock, started)
    fsio.write_text(work / "state.json", state.dump())
