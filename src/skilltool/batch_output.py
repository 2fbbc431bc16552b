"""Batch: writing the outputs. The summary, the report and the manifest (last: its presence says
the rest is complete), the Parquet tables, and the move of the part files into place."""

from __future__ import annotations

import csv
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from skilltool import __version__, batch_order, batch_report, fsio, messages, table_out
from skilltool import batch_parquet as bp
from skilltool.batch_input import BatchJob
from skilltool.batch_state import ARROWS_DIR, OUTPUTS, State, timings_now
from skilltool.errors import SkilltoolError
from skilltool.models.batch import BatchInput, BatchManifest, BatchTimings
from skilltool.reference import ReferenceData, default_data_dir


def local_tables(work: Path, *, threads: int = 1, research: bool = False) -> None:
    """``--format parquet``: the Arrow part files and ``errors.csv`` -> ``.batch-work/tables/``;
    in a research export (``research``) each profile table in the order of the pseudonyms, its
    ``row`` empty (``batch_order.sort_table``).

    With ``threads`` > 1 that many tables are converted at once, the largest part files first:
    each table is its own file, written by its own ``ParquetWriter`` whose encoding and
    compression run in Arrow's C++ without the GIL, so two tables take two cores where the rows'
    workers left them after the last row (the suggestions table alone is half of this phase, some
    50 s of one core at a million rows before: docs/scale.md, scale25). The files are the same
    bytes in either way. A failure or a Ctrl-C is raised once the tables being converted are done;
    the tables not begun are left (a ``--resume`` converts them all again)."""
    tables = work / bp.TABLES_DIR
    shutil.rmtree(tables, ignore_errors=True)  # a conversion cut short before a --resume

    def convert(name: str) -> None:
        source, target = work / f"{ARROWS_DIR}/{name}.arrows.part", tables / name / bp.part_name(0)
        if research:
            batch_order.sort_table(target, name, bp.batches_of(source, name), source.stat().st_size, work)
        else:
            bp.arrows_to_parquet(source, target, name)

    names = sorted(bp.PROFILE_TABLES, key=lambda n: -(work / f"{ARROWS_DIR}/{n}.arrows.part").stat().st_size)
    if threads > 1:
        with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="skilltool-parquet") as pool:
            try:
                for done in [pool.submit(convert, name) for name in names]:
                    done.result()
            except BaseException:  # a failure or Ctrl-C: the tables not begun are not begun
                pool.shutdown(cancel_futures=True)
                raise
    else:
        for name in names:
            convert(name)
    errors = (work / "errors.csv.part").read_text(encoding="utf-8-sig")
    bp.write_parquet(tables / "errors" / bp.part_name(0), "errors", bp.error_batches(errors))


def _names(job: BatchJob) -> dict[str, str]:
    """The input's, its sheet's, the mapping's and the data folder's names for the manifest and the
    report; in a research export (``--pseudonymise``) withheld, as every free text is: a file name
    is typed by a person (``intakes_Utrecht.csv`` names the municipality the export drops, a
    one-person export names the person), so is a sheet's (a workbook of a sheet per client names
    them), and a folder names the caseworker's account. The SHA-256s still tell the data owner
    which files they were."""
    if job.key is not None:
        withheld = messages.t("batch.withheld", job.lang)
        sheet = withheld if job.info.sheet is not None else ""
        return {"input": withheld, "sheet": sheet, "mapping": withheld, "data_dir": withheld}
    return {
        "input": fsio.shown(job.info.path.name),
        "sheet": job.info.sheet or "",
        "mapping": fsio.shown(job.mapping_path.name),
        "data_dir": fsio.shown((job.data_dir or default_data_dir()).resolve()),
    }


def finish(
    job: BatchJob,
    state: State,
    prior: BatchTimings,
    clock: dict[str, float],
    started: float,
    *,
    options: dict[str, str | int | bool | None] | None = None,
) -> BatchManifest:
    """Summary and report, manifest last; ``.batch-work`` -> the outputs. ``options``: the engine's."""
    work = job.work_dir
    if job.key is not None:  # a research export: no line in the input's order (``batch_order``)
        t = time.perf_counter()
        if job.format != "parquet":
            batch_order.sort_lines(work / "profiles.jsonl.part", batch_order.PROFILE_START)
        batch_order.sort_lines(work / "summary.csv.part", batch_order.SUMMARY_START, header=True)
        clock["writing"] += time.perf_counter() - t
    t = time.perf_counter()
    counts = state.counts
    if counts.rows_read != counts.rows_written + counts.rows_rejected:  # pragma: no cover - a bug
        raise AssertionError("batch lost track of a row")
    counts.rows_unclosed_quote = state.stats["rejected"].get("(unclosed quote)", 0)
    parquet = job.format == "parquet"
    outputs = [name for name in OUTPUTS if not (parquet and name == "profiles.jsonl")]
    if job.xlsx:
        _summary_xlsx(work / "summary.csv.part", work / "summary.xlsx.part")
        outputs.insert(2, "summary.xlsx")
    names = _names(job)
    manifest = BatchManifest(
        tool_version=__version__,
        created=state.created,
        input=BatchInput(
            path=names["input"],
            sha256=job.info.sha256,
            kind="xlsx" if job.info.kind == "xlsx" else "csv",
            encoding=job.info.encoding,
            delimiter=job.info.delimiter,
            sheet=names["sheet"] or None,
        ),
        mapping=names["mapping"],
        mapping_sha256=job.mapping_sha256,
        data_dir=names["data_dir"],
        data_versions=job.reference_versions,
        options={
            "workers": job.workers,
            "chunk_size": job.chunk_size,
            "lang": job.lang,
            "pseudonymised": job.key is not None,
            "research_export": (
                "coded values only; birth year as 5-year band, permit date as quarter, "
                "municipality dropped, free text dropped"
                if job.key is not None
                else None
            ),
            "xlsx": job.xlsx,
            "format": job.format,
            **({"encoding": job.info.given_encoding} if job.info.given_encoding else {}),
            **(options or {}),
        },
        counts=counts,
        timings=timings_now(prior, clock, started),
        resumed=state.resumed,
        # as the warnings show it (``fsio.shown``: a name that is not UTF-8 was missed as typed)
        warnings=[w.replace(fsio.shown(job.info.path.name), names["input"]) for w in job.warnings],
        outputs=outputs[:-1] + _table_outputs(job) + outputs[-1:],
    )
    html = batch_report.render(manifest, state.stats, lang=job.lang, sector_names=_sector_names(job))
    fsio.write_text(work / "report.html.part", html)
    manifest.timings.report = prior.report + time.perf_counter() - t
    manifest.timings.total = prior.total + time.perf_counter() - started
    fsio.write_text(work / "manifest.json.part", manifest.model_dump_json(indent=2) + "\n")
    # an earlier result's manifest (``--force``) goes first: kept while the outputs were replaced
    # one by one (the old Parquet tables removed, then the new ones moved in), it said "complete"
    # over a mix of two runs, or over no tables at all, to whoever read the folder meanwhile
    (job.out / "manifest.json").unlink(missing_ok=True)
    if not job.xlsx:
        (job.out / "summary.xlsx").unlink(missing_ok=True)  # a stale one from an earlier run
    _replace_tables(job)
    for name in outputs:  # manifest last: its presence says the rest is complete
        (work / (name + ".part")).replace(job.out / name)
    shutil.rmtree(work)
    return manifest


def _table_outputs(job: BatchJob) -> list[str]:
    if job.format != "parquet":
        return []
    return [f"{bp.TABLES_DIR}/{name}/" for name in bp.TABLE_NAMES]


def _replace_tables(job: BatchJob) -> None:
    """Parquet: ``.batch-work/tables`` -> ``OUT/tables``; stale outputs of the other format go."""
    final = job.out / bp.TABLES_DIR
    ours = final.is_dir() and all(p.name in bp.TABLE_NAMES for p in final.iterdir())
    if job.format != "parquet":
        if ours:
            shutil.rmtree(final)
        return
    (job.out / "profiles.jsonl").unlink(missing_ok=True)
    staged = job.work_dir / bp.TABLES_DIR
    if staged.exists():
        if ours:
            shutil.rmtree(final)
        staged.replace(final)


def _sector_names(job: BatchJob) -> dict[str, str]:
    """Sector id -> its name in the report's language (``sectors.yaml`` only, a small file)."""
    try:
        return {s.id: s.name.get(job.lang) for s in ReferenceData(job.data_dir).sectors.sectors}
    except SkilltoolError:
        return {}


def _summary_xlsx(csv_part: Path, target: Path) -> None:
    with csv_part.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter=";")
        header = next(reader)
        # the CSV's formula guard off again; ``write_xlsx`` puts it back (one rule, one place)
        rows = ([table_out.unneutralise(c) for c in row] for row in reader)
        table_out.write_xlsx(target, [table_out.unneutralise(h) for h in header], rows, title="summary")
