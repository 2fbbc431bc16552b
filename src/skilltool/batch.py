"""Batch: many intakes from a CSV or Excel export to profiles, a summary, errors, a report.

Every input row is accounted for: it ends up as a line of ``profiles.jsonl`` (and of
``summary.csv``) or as a line of ``errors.csv``; ``manifest.json`` says ``rows_read ==
rows_written + rows_rejected``. Lines with no cell filled in are not rows; they are counted
apart (``blank_rows_skipped``).

How it runs:

* ``tabular.inspect`` makes one pass over the file (checksum, encoding, delimiter, header, row
  count for the progress bar); the column mapping is checked against the header before any row.
* The main process streams rows, drops blank ones, rejects repeated client ids, and sends chunks
  to worker processes (forked after the row processor is built once, sharing it copy-on-write;
  ``spawn`` where fork is unavailable, each worker then building it from the compiled-data
  cache). At most two chunks per worker are in flight, so memory does not grow with the input.
* Each row goes through ``batch_answers.row_to_answers`` (mapping and validation), then the row
  processor: by default ``profile_building.build_profile`` and
  ``profile_building.add_suggestions``, the code path of ``skilltool intake``.
  Tests inject a small fake processor instead.
* Results come back in input order and are appended to part files in ``OUT/.batch-work/``; a
  checkpoint (``state.json``: byte offsets of the part files, last row done, counters) is written
  at most every second. ``--resume`` truncates the part files to the checkpoint and continues
  after its last row: no row twice, none lost. At the end the part files are renamed into place.

The code is split by domain: ``batch_input`` (the checked job, reading the rows),
``batch_processor`` (the per-row processor), ``batch_worker`` (a chunk in a worker),
``batch_research`` (``--pseudonymise``), ``batch_summary`` (summary lines, statistics),
``batch_state`` (the work folder, checkpoint and lock), ``batch_output`` (the outputs),
``batch_template`` (``batch template``), ``batch_pool`` (the worker pool). This module runs
them; its names stay the public ones.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from skilltool import (
    batch_input,
    batch_pool,
    batch_processor,
    batch_signals,
    fsio,
    header_cells,
    reader_options,
    tabular,
)
from skilltool.batch_input import (
    FORMATS,
    BatchJob,
    SeenIds,
    check_options,
    check_out_dir,
    check_out_free,
    check_reference_data,
    check_xlsx_room,
    chunks,
    data_versions,
)
from skilltool.batch_mapping import CompiledMapping, compile_mapping, load_mapping
from skilltool.batch_output import finish, local_tables
from skilltool.batch_pool import preloaded
from skilltool.batch_processor import MemoCoder, ProcessorFactory, RowFn, Timer, standard_processor
from skilltool.batch_research import (
    MIN_KEY_BYTES,
    birth_year_band,
    permit_quarter,
    pseudonym,
    read_key,
    research_copy,
)
from skilltool.batch_signals import held_sigint
from skilltool.batch_state import (
    ARROWS_DIR,
    OUTPUTS,
    PART_FILES,
    WORK_DIR,
    State,
    checkpoint,
    created_time,
    open_parts,
    out_locked,
    part_files,
    start_or_resume,
    take_back,
    tally,
    write_part_headers,
)
from skilltool.batch_summary import ERROR_HEADER, SUMMARY_HEADER, review_flags, summary_row
from skilltool.batch_template import check_default_mapping, template_rows, write_template
from skilltool.batch_worker import (
    Chunk,
    ChunkResult,
    Worker,
    WorkerConfig,
    empty_result,
    profile_error,
    worker_config,
)
from skilltool.csv_lines import parse_encoding
from skilltool.errors import InputFileError, OutputError, OutputGoneError, SkilltoolError, UsageError
from skilltool.messages import Say, say
from skilltool.models.batch import BatchManifest, BatchTimings
from skilltool.worker_cap import worker_cap

__all__ = [
    "CHECKPOINT_SECONDS",
    "DEFAULT_CHUNK",
    "ERROR_HEADER",
    "FORMATS",
    "MIN_KEY_BYTES",
    "OUTPUTS",
    "PARQUET_CHUNK",
    "PART_FILES",
    "SUMMARY_HEADER",
    "WORK_DIR",
    "BatchInterruptedError",
    "BatchJob",
    "Chunk",
    "ChunkResult",
    "MemoCoder",
    "ProcessorFactory",
    "ProgressFactory",
    "RowFn",
    "SeenIds",
    "Timer",
    "Worker",
    "WorkerConfig",
    "birth_year_band",
    "check_default_mapping",
    "check_out_dir",
    "check_out_free",
    "check_reference_data",
    "chunk_rows",
    "data_versions",
    "out_locked",
    "part_files",
    "permit_quarter",
    "preloaded",
    "prepare",
    "pseudonym",
    "read_key",
    "research_copy",
    "review_flags",
    "run",
    "standard_processor",
    "summary_row",
    "tally",
    "template_rows",
    "worker_config",
    "write_template",
]

# Private names the run calls through this module, so that a test can replace one here
# (``_open_parts``; ``_profile_error`` is read by tests under this name; the pool's hooks are in
# ``batch_pool``).
_open_parts = open_parts
_profile_error = profile_error

DEFAULT_CHUNK = 20  # rows: ~45 KB of profiles a row, a chunk fits the result pipe (widen_results)
PARQUET_CHUNK = 50
"""A chunk's rows with ``--format parquet`` and no ``--chunk-size``: its frames are some 4.7 KB a
row, so 50 rows still fit the result pipe in one write, and every cost paid once a chunk (the
pool's hand-over, the seven tables' Arrow set-up, the part-file writes, the collection after it)
is paid less often: some 11 % less CPU over 20,000 rows than chunks of 20. Not 100: as much CPU
saved at 20,000 rows, but a million rows peaked at 506 MB summed (over issue #16's 500 MB; the
twenty-third session's run, docs/scale.md)."""


def chunk_rows(output_format: str, chunk_size: int | None = None) -> int:
    """The rows of a chunk: ``chunk_size`` when given, else the output format's default."""
    if chunk_size is not None:
        return chunk_size
    return PARQUET_CHUNK if output_format == "parquet" else DEFAULT_CHUNK


CHECKPOINT_SECONDS = 1.0


class BatchInterruptedError(SkilltoolError):
    """Ctrl-C (exit 130) or SIGTERM (143) during a batch: the checkpoint is kept, ``--resume``
    continues."""

    exit_code = batch_signals.INTERRUPTED

    @classmethod
    def by(cls, interrupt: BaseException, message: Say) -> BatchInterruptedError:
        """The error for ``interrupt`` (Ctrl-C or SIGTERM), with its exit code."""
        error = cls(message)
        error.exit_code = batch_signals.exit_code(interrupt)
        return error


# --- the run ---------------------------------------------------------------------------------


def prepare(
    input_path: Path,
    *,
    out: Path,
    mapping_path: Path | None = None,
    workers: int = 1,
    resume: bool = False,
    force: bool = False,
    delimiter: str | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
    key_file: Path | None = None,
    lang: str = "nl",
    data_dir: Path | None = None,
    chunk_size: int | None = None,
    xlsx: bool = False,
    factory: ProcessorFactory | None = None,
    output_format: str = "jsonl",
) -> BatchJob:
    """Check everything that can be checked before a row is processed; one-line errors.

    Reads the whole input once (checksum, encoding, row count), loads and compiles the mapping
    against the header, reads the pseudonymisation key and refuses to overwrite an interrupted
    batch's work unless ``resume`` is given, or an earlier result unless ``force`` is given.
    """
    t0 = time.perf_counter()
    if resume and force:
        raise UsageError(say("errors.batch.resume_force"))
    check_out_dir(out, input_path, mapping_path, key_file)
    if out.is_dir() and not out.is_symlink():
        with out_locked(out):  # a batch running there: say so now, not after reading the input
            pass
        if not force:
            check_out_free(out, resume=resume)
    chunk_size = chunk_rows(output_format, chunk_size)
    check_options(workers=workers, chunk_size=chunk_size, output_format=output_format)
    reader_options.check(input_path, encoding=encoding, delimiter=delimiter, sheet=sheet)
    workers, too_many = worker_cap(workers)
    mapping, mpath, msha = load_mapping(mapping_path, data_dir=data_dir)
    key = read_key(key_file) if key_file else None
    info = tabular.inspect(
        input_path,
        delimiter=tabular.parse_delimiter(delimiter),
        sheet=sheet,
        encoding=parse_encoding(encoding),
    )
    check_xlsx_room(info, xlsx=xlsx)
    compiled = compile_mapping(
        mapping,
        info.header,
        source=str(input_path),
        mapping_name=str(mpath),
        row_width=info.row_width,
        delimiter=info.delimiter,
        header_row=info.header_row,
    )
    warnings = _warnings(input_path, info, compiled, lang) + ([too_many.render(lang)] if too_many else [])
    job = BatchJob(
        info=info,
        mapping=compiled,
        mapping_path=mpath,
        mapping_sha256=msha,
        out=out,
        workers=workers,
        resume=resume,
        lang=lang,
        key=key,
        data_dir=data_dir,
        chunk_size=chunk_size,
        xlsx=xlsx,
        factory=factory
        or (batch_processor.table_processor if output_format == "parquet" or key else standard_processor),
        prepare_seconds=0.0,
        warnings=warnings,
        format=output_format,
        force=force,
    )
    if job.work_dir.is_symlink() or (job.work_dir.exists() and not job.work_dir.is_dir()):
        raise OutputError(say("errors.batch.work_dir_link", path=job.work_dir))
    if factory is None:
        check_reference_data(data_dir, lang)
    if (job.work_dir / "state.json").exists() and not (resume or force):
        with out_locked(out):  # a batch still running there is another message
            pass
        raise InputFileError(say("errors.batch.interrupted_here", path=job.work_dir))
    job.prepare_seconds = time.perf_counter() - t0
    return job


def _warnings(input_path: Path, info: tabular.TableInfo, compiled: CompiledMapping, lang: str) -> list[str]:
    """What the user should know before the rows are read, in ``lang``: the reader's warnings
    (encodings, unclosed quotes), columns the mapping ignores, mapped columns the file lacks."""
    warnings = list(info.warnings)
    unused = compiled.unused_columns
    shown = header_cells.SHOWN
    names = ", ".join(header_cells.described(c).render(lang) for c in unused[:shown])
    rest = len(unused) - shown
    more: Say | str = say("warnings.batch.more_columns", count=rest) if rest > 0 else ""
    absent = sorted(
        {s.column for s in compiled.fields if s.index is None}
        | {s.column for g in compiled.groups for s in g.entries[0] if s.index is None}
    )
    missing = ", ".join(repr(c) for c in absent[:8])
    missing += say("warnings.batch.more_columns", count=len(absent) - 8).render(lang) if absent[8:] else ""
    if absent and len(absent) <= len(unused):  # a column renamed in the export: one line, what to do
        key = "warnings.batch.renamed_columns"
        warnings.append(say(key, name=input_path.name, absent=missing, names=names, more=more))
    else:  # a file with fewer columns than the mapping names: no renaming
        if unused:
            key = "warnings.batch.unused_columns"
            warnings.append(say(key, name=input_path.name, names=names, more=more))
        if absent:
            warnings.append(say("warnings.batch.absent_columns", name=input_path.name, names=missing))
    if info.row_width == 1 and len(info.header) >= 3:  # a header split by , over rows split by ;
        columns, sep = len(info.header), repr(info.delimiter)
        warnings.append(say("warnings.batch.one_cell_rows", name=input_path.name, columns=columns, sep=sep))
    return [fsio.shown(w.render(lang)) for w in warnings]  # a file name in them may not be UTF-8


ProgressFactory = Callable[[], AbstractContextManager[Callable[[int], None]]]


def run(job: BatchJob, *, progress: ProgressFactory | None = None) -> BatchManifest:
    """Process every row of ``job``; write the outputs in ``job.out``; return the manifest.

    ``progress`` (from the CLI: a progress bar) is entered once the workers exist, so that they
    are forked before any other thread runs; it yields ``advance(rows)``.
    """
    started = time.perf_counter()
    check_out_dir(job.out)
    try:
        fsio.make_folders(job.out, mode=0o700)  # every missing level owner-only, as for a report
    except OSError as exc:
        raise OutputError(fsio.os_error_message(job.out, exc)) from None
    try:
        with batch_input.job_locked(job):
            return _run_locked(job, started, progress)
    except KeyboardInterrupt as exc:  # landed outside the row loop's handler (setting up, finishing)
        raise BatchInterruptedError.by(exc, say("errors.batch.interrupted")) from None
    except OutputGoneError:  # nothing to resume from
        raise
    except OSError as exc:  # a full disk, a folder made read-only meanwhile
        raise OutputError(stopped(fsio.os_error_message(exc.filename or job.out, exc))) from None
    except OutputError as exc:  # the same, met by an atomic write (state.json, the report)
        raise OutputError(stopped(exc.text)) from None


def stopped(message: Say | str) -> Say:
    """``message``, and that the batch stopped at its last checkpoint: run it again with --resume."""
    return say("errors.batch.stopped", message=message)


def _run_locked(job: BatchJob, started: float, progress: ProgressFactory | None) -> BatchManifest:
    work = job.work_dir
    fingerprint = job.fingerprint()
    state = start_or_resume(work, fingerprint, resume=job.resume, what=say("errors.batch.what.run"))
    if state is None:
        state = State(fingerprint=fingerprint, created=created_time())
        state.timings = BatchTimings(total=job.prepare_seconds, prepare=job.prepare_seconds)
        write_part_headers(work, job.format, research=job.key is not None)
        state.offsets = {name: (work / (name + ".part")).stat().st_size for name in part_files(job.format)}
        fsio.write_text(work / "state.json", state.dump())
    prior = state.timings.model_copy()
    take_back(work, job.out, part_files(job.format))
    handles = _open_parts(work, state, part_files(job.format))
    clock = {"reading": 0.0, "writing": 0.0, "coding": 0.0, "suggesting": 0.0}
    seen = SeenIds()
    config = worker_config(job, state.created)
    last_checkpoint = time.monotonic()
    advance: Callable[[int], None] | None = None

    def take(result: ChunkResult, blank: int) -> None:
        nonlocal last_checkpoint
        t = time.perf_counter()
        if result.profiles:
            handles["profiles.jsonl"].write(result.profiles)
        for name, data in result.tables.items():
            handles[f"{ARROWS_DIR}/{name}.arrows"].write(data)
        handles["summary.csv"].write(result.summary)
        handles["errors.csv"].write(result.errors)
        assert state is not None
        state.last_row = max(state.last_row, result.last_row)
        tally(
            state,
            clock,
            written=result.written,
            rejected=result.rejected,
            blank=blank,
            stats=result.stats,
            coding=result.coding,
            suggesting=result.suggesting,
        )
        if time.monotonic() - last_checkpoint >= CHECKPOINT_SECONDS:
            checkpoint(work, state, handles, prior, clock, started)
            last_checkpoint = time.monotonic()
        clock["writing"] += time.perf_counter() - t
        if advance is not None:
            advance(result.written + result.rejected)

    try:
        with batch_pool.workers(job, config) as pool, progress() if progress else nullcontext(None) as tick:
            advance = tick
            rows = chunks(job, state, seen, clock)
            if pool is None:
                process = held_sigint(Worker(config).process)
                for chunk, blank in rows:
                    take(process(chunk) if chunk else empty_result(state.last_row), blank)
            else:
                pool_, here, workers = pool
                in_pool = job.workers - (here is not None)  # this process may be the last worker
                here_ = here and held_sigint(here)
                batch_pool.feed_pool(pool_, 2 * in_pool, rows, take, here=here_, started=workers)
    except KeyboardInterrupt as exc:
        raise BatchInterruptedError.by(
            exc, say("errors.batch.interrupted_rows", rows=state.counts.rows_read)
        ) from None
    finally:
        for fh in handles.values():
            fh.close()
    checkpoint(work, state, None, prior, clock, started)
    if job.format == "parquet":
        t = time.perf_counter()
        local_tables(work, threads=min(job.workers, 2), research=job.key is not None)
        clock["writing"] += time.perf_counter() - t
    return finish(job, state, prior, clock, started)
