"""Batch: processing rows in a worker: mapping, validation, the row processor, the outputs of one
chunk (profile lines or Arrow messages, summary and error lines, statistics) in input order."""

from __future__ import annotations

import ctypes
import datetime as dt
import gc
import io
from collections import Counter
from contextlib import suppress
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, cast

from skilltool import memo, messages, table_out, tabular, xlsx
from skilltool.batch_answers import CompiledMapping, RowError, reason_text, row_answers_and_columns
from skilltool.batch_processor import ProcessorFactory, Timer, TwoSteps
from skilltool.batch_research import pseudonym, research_copy
from skilltool.batch_summary import highest_nlqf, new_stats, profile_counts, review_flags, summary_row
from skilltool.coding_support import gc_paused
from skilltool.errors import SkilltoolError
from skilltool.models.batch import ErrorRow
from skilltool.models.client_ref import client_ref_problem
from skilltool.profile_json import ProfileJson
from skilltool.reference import ReferenceData

if TYPE_CHECKING:
    from collections.abc import Callable

    from skilltool.batch_input import BatchJob
    from skilltool.batch_rows import Rendered, TableRows
    from skilltool.models import Profile
    from skilltool.models.answers import IntakeAnswers


@dataclass(frozen=True)
class WorkerConfig:
    """What a worker needs to process rows; picklable (sent once to each worker)."""

    mapping: CompiledMapping
    data_dir: Path | None
    lang: str
    key: bytes | None
    created: str
    factory: ProcessorFactory
    format: str = "jsonl"


@dataclass
class ChunkResult:
    """One chunk's output, in input order, ready to append."""

    last_row: int
    profiles: bytes
    summary: bytes
    errors: bytes
    written: int
    rejected: int
    stats: dict[str, Counter[str]]
    coding: float
    suggesting: float
    tables: dict[str, bytes] = field(default_factory=dict)
    """``--format parquet``: each profile table's rows as an Arrow IPC message."""


Chunk = list[tuple[int, list[str], bool]]  # (row number, cells, is a repeated id)


class Worker:
    """A worker process's row processor (built once) and what it turns a chunk into."""

    def __init__(self, config: WorkerConfig) -> None:
        self.config = config
        if config.format == "parquet":
            system_allocator()
        self.fn = config.factory(config.data_dir, config.lang)
        self.created = dt.datetime.fromisoformat(config.created)
        self.sector_ids: frozenset[str] = frozenset()
        self.rendered: Rendered | None = None  # --format parquet: kept across chunks, see TableRows
        self.json = ProfileJson()  # --format jsonl: kept across chunks, see ProfileJson
        if config.key:  # wished sectors survive the research export only as known sector ids
            with suppress(SkilltoolError):
                self.sector_ids = frozenset(s.id for s in ReferenceData(config.data_dir).sectors.sectors)

    def process(self, chunk: Chunk, *, collect: bool = False) -> ChunkResult:
        """The chunk's outputs, with the cyclic garbage collector paused (``gc_paused``).

        A chunk's rows make no reference cycles (measured: a collection after a chunk processed
        without the collector finds nothing unreachable), and the batch's own processes collect
        once after each chunk anyway (``run_chunk``, the Dask partition: ``collect=True``). Left
        on, the collector ran some 30 times per 100 rows with ``--format parquet``, each time
        scanning the table rows the chunk keeps until its end: 0.11 ms a row, 7% of the row's CPU
        (jsonl: next to none).

        ``collect``: ``after_chunk`` runs before the collector is switched on again. Switched on
        first, it met the thousands of objects the chunk had made with its count far over the
        threshold, and collected them at once (on the next allocation); ``after_chunk`` then
        collected them again as the older generation they had been moved to: some 1 ms a chunk of
        50 rows, 2% of a row's CPU (docs/scale.md, scale26)."""
        with gc_paused():
            result = self._process(chunk)
            if collect:
                after_chunk()
        return result

    def _process(self, chunk: Chunk) -> ChunkResult:
        """The chunk one step at a time: every row read, then every profile coded, then given its
        suggestions (``TwoSteps``), then every row's outputs, each step over the whole chunk
        before the next, so that a step's code and data stay in the CPU's caches from one row to
        the next (done row by row, each step started cold after the others had run:
        docs/scale.md, suggest19). The outputs are those of rows done whole: written in row order,
        the error lines sorted by row, a rejection counted when its row meets it (the report
        orders the counts by number and name, not by when they were met)."""
        cfg = self.config
        timer = Timer()
        stats = new_stats()
        errors: list[list[object]] = []  # errors.csv's lines, put in row order at the end
        written_rows: list[Written] = []  # added to the outputs once the chunk's tables are made
        tables = None
        if cfg.format == "parquet":
            # lazy: batch_rows imports pyarrow (optional; ~0.2 s), only --format parquet needs it
            from skilltool.batch_rows import Rendered, TableRows

            if self.rendered is None:
                self.rendered = Rendered()
            tables = TableRows(self.rendered)
        read: list[Pending] = []
        for rowno, cells, duplicate in chunk:
            id_cell = cells[cfg.mapping.id_index] if cfg.mapping.id_index < len(cells) else ""
            raw_id = id_cell.strip()
            problem = client_ref_problem(raw_id) if raw_id else None
            if raw_id and isinstance(id_cell, xlsx.ValueCell):  # a date or TRUE, not the id as typed
                problem = "excel_value"
            shown_id = ""  # an id that is not a valid reference (a name, a BSN) is never shown
            if raw_id and (cfg.key or problem is None):
                shown_id = pseudonym(cfg.key, raw_id) if cfg.key else raw_id
            try:
                if isinstance(cells, tabular.BrokenRecord):
                    stats["rejected"]["(unclosed quote)"] += 1
                    key = "quote_opened" if cells.first == rowno else "quote_swallowed"
                    raise RowError("", reason_text(key, cfg.lang, opened=cells.first, last=cells.last))
                if isinstance(cells, tabular.SplitRecord):
                    raise RowError(
                        "", reason_text("split_line", cfg.lang, first=cells.first, last=cells.last)
                    )
                if isinstance(cells, tabular.BadBytes):
                    raise RowError("", reason_text(f"bad_{cells.what}", cfg.lang, byte=cells.byte))
                if isinstance(cells, tabular.HeaderAgain):
                    raise RowError("", reason_text("header_again", cfg.lang))
                if duplicate:
                    raise RowError(cfg.mapping.id_column, reason_text("duplicate_id", cfg.lang))
                if problem is not None:  # also when hashed
                    raise RowError(
                        cfg.mapping.id_column, messages.t(f"reason.value.client_ref_{problem}", cfg.lang)
                    )
                answers, columns = row_answers_and_columns(
                    cells, cfg.mapping, lang=cfg.lang, client_ref=shown_id if cfg.key else None
                )
            except RowError as exc:
                if not isinstance(cells, tabular.BrokenRecord):
                    stats["rejected"][exc.field or "(row)"] += 1
                    stats["reasons"][f"{exc.field or '(row)'}\t{exc.reason}"] += 1  # the rule, as errors.csv
                err = ErrorRow(row=rowno, client_ref=shown_id, field=exc.field, reason=exc.reason)
                errors.append([err.row, err.client_ref, err.field, err.reason])
                continue
            except Exception as exc:  # noqa: BLE001 - one row's bug must not sink 100,000 others
                errors.append(_internal_error(stats, rowno, shown_id, exc, cfg.lang))
                continue
            read.append(Pending(rowno, shown_id, answers, columns, None))
        # a processor in two steps (the standard one: coding, then the suggestions) has each step
        # run over the chunk in turn; any other is one step
        fn, created = self.fn, self.created
        steps: list[Callable[[Pending], object]] = [lambda r: fn(r.answers, timer, created)]
        if isinstance(fn, TwoSteps):  # and each stage of its second step (``TwoSteps.stages``)
            code = fn.code
            steps = [lambda r: code(r.answers, timer, created)]
            steps += [lambda r, stage=stage: stage(_made(r), timer) for stage in fn.stages]  # type: ignore[misc]
        for step in steps:
            todo, read = read, []
            for r in todo:
                try:
                    # made anew, not ``_replace``: its keyword call was 1-2 us a row and step
                    read.append(Pending(r.row, r.shown_id, r.answers, r.columns, step(r)))
                except SkilltoolError as exc:
                    column, reason = profile_error(exc, r.columns, cfg.lang)
                    stats["rejected"][column or "(profile)"] += 1
                    stats["reasons"][f"{column or '(profile)'}\t{reason}"] += 1
                    errors.append([r.row, r.shown_id, column, reason])
                except Exception as exc:  # noqa: BLE001 - as above
                    errors.append(_internal_error(stats, r.row, r.shown_id, exc, cfg.lang))
            del todo
        built = [(r.row, r.shown_id, cast("Profile", r.profile)) for r in read if r.profile is not None]
        del read
        for rowno, shown_id, profile in built:
            mark = tables.mark() if tables is not None else ()
            try:  # everything of the row first, then all of it or none (``_outputs``)
                line, summary_cells, counts = self._outputs(rowno, profile, tables)
            except Exception as exc:  # noqa: BLE001 - as above: a bug of one row stops no other
                if tables is not None:
                    tables.undo(mark)
                errors.append(_internal_error(stats, rowno, shown_id, exc, cfg.lang))
                continue
            written_rows.append(Written(rowno, shown_id, line, summary_cells, counts))
        del built
        ipc: dict[str, bytes] = {}
        if tables is not None:
            ipc, failed = _table_messages(tables)
            for w in written_rows:
                if w.row in failed:
                    errors.append(_internal_error(stats, w.row, w.shown_id, failed[w.row], cfg.lang))
            written_rows = [w for w in written_rows if w.row not in failed]
        summary, error_text = io.StringIO(), io.StringIO()
        ssink, esink = table_out.CsvSink(summary), table_out.CsvSink(error_text)
        for w in written_rows:
            ssink.row(w.summary)
            for table, key in w.counts:
                stats[table][key] += 1
        errors.sort(key=itemgetter(0))  # in row order: a row Arrow refused was added after the loop
        for err_line in errors:
            esink.row(err_line)
        return ChunkResult(
            last_row=chunk[-1][0],
            profiles=b"".join(w.line for w in written_rows),
            summary=summary.getvalue().encode("utf-8"),
            errors=error_text.getvalue().encode("utf-8"),
            written=len(written_rows),
            rejected=len(errors),
            stats=stats,
            coding=timer.coding,
            suggesting=timer.suggesting,
            tables=ipc,
        )

    def _outputs(
        self, rowno: int, profile: Profile, tables: TableRows | None
    ) -> tuple[bytes, list[object], list[tuple[str, str]]]:
        """What a built profile adds to the chunk's outputs, worked out whole before any is added:
        its ``profiles.jsonl`` line (``b""`` when its rows went into ``tables``), its summary cells
        and its statistics. A bug met here (a research copy, a summary line, a table row) raised
        out of the chunk: the batch stopped, or, past the first table, left the row in some
        outputs and not in others; the caller now undoes the table rows and rejects the row."""
        cfg = self.config
        highest, flags = highest_nlqf(profile), review_flags(profile)  # once: three uses below
        line = b""
        if cfg.key:  # the research export: codes only; the tables get exactly what it keeps
            research = research_copy(profile, sector_ids=self.sector_ids)
            if tables is not None:
                tables.add_research(rowno, research, highest=highest, flags=flags)
            else:
                line = research.model_dump_json(exclude_none=True).encode() + b"\n"
        elif tables is not None:
            tables.add_profile(rowno, profile, highest=highest, flags=flags)
        else:
            line = self.json.line(profile)
        s = summary_row(rowno, profile, cfg.lang, highest=highest, flags=flags)
        cells: list[object] = [
            s.row,
            s.client_ref,
            s.highest_nlqf,
            s.level_basis,
            s.coded_occupations,
            s.top_suggestions,
            s.review_flags,
        ]
        if cfg.key:  # a research export's summary has no row (``batch_summary.RESEARCH_SUMMARY_HEADER``)
            del cells[0]
        return line, cells, profile_counts(profile, cfg.lang, highest=highest, flags=flags)


def _internal_error(
    stats: dict[str, Counter[str]], rowno: int, shown_id: str, exc: Exception, lang: str
) -> list[object]:
    """A row that met a bug (reading its cells, building its profile or its outputs) as its
    errors.csv line: the kind of error only, never its text (which may quote a cell)."""
    stats["rejected"]["(internal error)"] += 1
    reason = messages.t("errors.batch.internal_error", lang, kind=type(exc).__name__)
    return [rowno, shown_id, "", reason]


def _table_messages(tables: TableRows) -> tuple[dict[str, bytes], dict[int, Exception]]:
    """The chunk's table rows as Arrow messages (``TableRows.ipc_messages``), and the rows Arrow
    could not take, each with its error: those are dropped and the rest made again. Arrow turns a
    chunk's rows into columns at once, so one row's bad value failed the whole chunk."""
    try:
        return tables.ipc_messages(), {}
    except Exception:  # which row? each is tried alone (only after a failure), else it is raised
        failed = tables.failing_rows()
        if not failed:
            raise
        tables.drop(set(failed))
        return tables.ipc_messages(), failed


class Pending(NamedTuple):
    """A row read whose profile is being made (``Worker._process``): ``profile`` is None until its
    first step, then what the last step gave (a stage's value between the first and the last:
    ``TwoSteps.stages``; the finished profile after the last)."""

    row: int
    shown_id: str
    answers: IntakeAnswers
    columns: dict[tuple[str | int, ...], str]
    profile: object


def _made(pending: Pending) -> object:
    """What the step before made of ``pending``."""
    assert pending.profile is not None, "a later step before the first"
    return pending.profile


class Written(NamedTuple):
    """A row whose profile and outputs were made, waiting to be added with its chunk's (a tuple:
    a frozen dataclass cost some 2 microseconds a row to make)."""

    row: int
    shown_id: str
    line: bytes
    summary: list[object]
    counts: list[tuple[str, str]]


def profile_error(
    exc: SkilltoolError, columns: dict[tuple[str | int, ...], str], lang: str = "nl"
) -> tuple[str, str]:
    """An error about ``work.1.country`` -> (the column of work 1's country, the rule).

    The reason is the error's value-free ``rule``, never its message (which may quote the
    cell): errors.csv names the column and the rule, not what the person answered. The column
    comes from the answer the error names (``exc.field``); an error about no answer names none.
    """
    column = ""
    if exc.field:
        loc = tuple(int(p) if p.isdigit() else p for p in exc.field.split("."))
        column = columns.get(loc, exc.field)
    rule = exc.rule or "reason.unprocessable"
    # a rule is a message catalogue key (in the batch's language) or, from older code, a text
    return column, messages.t(rule, lang) if rule in messages.catalogue(messages.lang_of(lang)) else rule


def system_allocator() -> None:
    """Arrow's buffers in this process from the C library's malloc, not the bundled allocator.

    pyarrow's wheels default to mimalloc (or jemalloc), which keeps the pages of freed buffers
    for reuse, per process: each worker held about 42 MB of them after its chunks' small,
    short-lived tables were sent off (bench/scale.py, /proc/PID/smaps_rollup). The system
    allocator gives them back; the tables are a few hundred rows, so speed is the same."""
    import pyarrow as pa  # lazy: optional extra [parquet], only this format needs it

    pa.set_memory_pool(pa.system_memory_pool())


_WORKER: Worker | None = None
TRIM_CHUNKS = 50
"""Chunks (of 20 rows by default) between two ``trim_freed`` calls: a trim costs a few ms."""


def init_worker(config: WorkerConfig) -> None:
    """This process's worker (a pool initializer, or before forking the pool), and the memory its
    loading freed given back (``release_freed``)."""
    global _WORKER  # noqa: PLW0603 - one per worker process, set once by the pool initializer
    _WORKER = Worker(config)
    release_freed()


def release_freed() -> None:
    """Collect, then have the C allocator return its free pages to the system (glibc's
    ``malloc_trim``; nothing elsewhere). Unpickling the reference data leaves the read buffers and
    temporaries freed but resident, about 30 MB that a forked worker would share and every
    process would carry (measured: 279 -> 250 MB RSS, batch PSS 460-468 -> 450-455 MB)."""
    gc.collect()
    trim_freed()


def trim_freed() -> None:
    """Have glibc return the free pages of its heaps to the system (``malloc_trim``; nothing
    elsewhere). glibc gives memory back on ``free`` only from the top of a heap: the pages freed
    below it (a row's numpy arrays, Arrow buffers, the results' bytes) stay resident. A worker
    held about 40 MB of them after 20,000 rows (gdb calling ``malloc_trim(0)`` in a running batch:
    Private_Dirty 214 -> 173 MB in the main process, 193 -> 150 MB in the forked worker)."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError, TypeError):  # pragma: no cover - not glibc (macOS, musl, Windows)
        return


def clear_worker() -> None:
    """Drop this process's worker (after the forked pool is done with it) and the module-level
    memos of its rows (``memo.forget_runs``); ``preloaded`` then collects and gives the freed pages
    back, so that the main process turns the part files into Parquet with the reference data gone
    (3,000 rows: 258 -> 207 MB RSS before the conversion, 293 -> 256 MB after it)."""
    global _WORKER  # noqa: PLW0603 - see init_worker
    _WORKER = None
    memo.forget_runs()


def run_chunk(chunk: Chunk) -> ChunkResult:
    """One chunk in a pool worker. Afterwards what is still alive (mostly the memos of repeated
    titles, diplomas and suggestions) is frozen out of the garbage collector's reach, after one
    collection of what the chunk left: otherwise every full collection walks all memoised
    objects again (seconds per 10,000 rows) and touches their pages."""
    assert _WORKER is not None
    return _WORKER.process(chunk, collect=True)


_CHUNKS = [0]  # chunks this process has done since it last trimmed (``after_chunk``)


def after_chunk() -> None:
    """After each chunk (either engine): collect and freeze what it left (``run_chunk``), and
    every ``TRIM_CHUNKS`` chunks give the C heap's free pages back (``trim_freed``)."""
    gc.collect(unfrozen_generation())
    gc.freeze()
    _CHUNKS[0] += 1
    if _CHUNKS[0] >= TRIM_CHUNKS:
        _CHUNKS[0] = 0
        trim_freed()


def unfrozen_generation() -> int:
    """The oldest of the collector's generations that holds an object not yet frozen: a
    collection of it (and so of every younger one) looks at everything the next ``gc.freeze``
    would hide, so no cycle of garbage is frozen with the rest.

    After the last chunk's freeze every generation is empty; a chunk runs with the collector
    paused (``Worker.process``), so its leftovers are all in the youngest, and only what was made
    between two chunks (a pool worker's task and result, the main process's reading and writing)
    can have been moved to an older one by an automatic collection. A full collection
    (``gc.collect()``) looks at no more objects than this one but also empties the interpreter's
    free lists of tuples, lists, dicts and floats, which the next chunk then allocates again:
    docs/scale.md, scale24 (about 25 us a row)."""
    for generation in (2, 1):
        if gc.get_objects(generation):
            return generation
    return 0


def worker_config(job: BatchJob, created: str) -> WorkerConfig:
    """What every worker of ``job`` needs (either engine), with the run's ``created`` time."""
    return WorkerConfig(
        mapping=job.mapping,
        data_dir=job.data_dir,
        lang=job.lang,
        key=job.key,
        created=created,
        factory=job.factory,
        format=job.format,
    )


def empty_result(last_row: int) -> ChunkResult:
    """A chunk with no rows (only blank lines), ending at ``last_row``."""
    return ChunkResult(last_row, b"", b"", b"", 0, 0, new_stats(), 0.0, 0.0)
