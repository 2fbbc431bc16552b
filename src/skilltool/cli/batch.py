"""``skilltool batch``: a CSV or Excel export of many intakes -> profiles, summary, errors, report.

``batch INPUT`` runs a batch (the default subcommand ``run``); ``batch template`` writes an
example export and mapping to start from.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from skilltool import console, engine_options, messages
from skilltool.cli.common import ForceOpt, HelpGroup, JsonOpt, LangOpt, group, state
from skilltool.errors import EXIT_REJECTS, UsageError

if TYPE_CHECKING:
    from typer._click import Context  # typer vendors Click; its Context types the override

    from skilltool.models.batch import BatchManifest

AUTO_PARALLEL_ROWS = 2000


class _DefaultRun(HelpGroup):
    """``batch INPUT ...`` means ``batch run INPUT ...``; ``batch template`` stays a command."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


app = group(
    cls=_DefaultRun,
    help=(
        "``skilltool batch`` (its --help text: catalogue key ``help.batch``). Examples:\n"
        "skilltool batch examples/batch/intakes.csv --out build/batch\n"
        "skilltool batch template --out my-batch\n"
    ),
)


@app.command("run")
def run_cmd(  # noqa: PLR0917 - a command's options
    ctx: typer.Context,
    input: Annotated[
        Path,
        typer.Argument(metavar="INPUT"),
    ],
    mapping: Annotated[
        Path | None,
        typer.Option("--mapping", "-m", metavar="MAPPING.yaml"),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="FOLDER"),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", min=1, metavar="N"),
    ] = None,
    resume: Annotated[bool, typer.Option("--resume")] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
        ),
    ] = False,
    fail_on_rejects: Annotated[
        bool,
        typer.Option(
            "--fail-on-rejects",
        ),
    ] = False,
    delimiter: Annotated[str | None, typer.Option("--delimiter", metavar="CHAR|tab")] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", metavar="SHEET")] = None,
    encoding: Annotated[str | None, typer.Option("--encoding", metavar="ENCODING")] = None,
    pseudonymise: Annotated[
        Path | None,
        typer.Option(
            "--pseudonymise",
            metavar="KEYFILE",
        ),
    ] = None,
    xlsx: Annotated[bool, typer.Option("--xlsx")] = False,
    output_format: Annotated[str, typer.Option("--format", metavar="jsonl|parquet")] = "jsonl",
    engine: Annotated[str, typer.Option("--engine", metavar="local|dask")] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
        ),
    ] = None,
    partition_rows: Annotated[
        int | None,
        typer.Option("--partition-rows", min=1, metavar="ROWS"),
    ] = None,
    # None: the format's default (batch.chunk_rows: 20 rows, 50 with --format parquet)
    chunk_size: Annotated[int | None, typer.Option("--chunk-size", min=1, metavar="ROWS")] = None,
    lang: LangOpt = "nl",
    as_json: JsonOpt = False,
) -> None:
    """``skilltool batch run`` (its --help text: catalogue key ``help.batch.run``). Examples:

    skilltool batch intakes.csv --out resultaat --workers 2
    skilltool batch intakes.xlsx --mapping mijn_mapping.yaml --pseudonymise geheim.key
    """
    # lazy: batch (readers, workers, the profile pipeline) adds ~0.65 s to `batch --help` (measured)
    from skilltool import batch, model_reads
    from skilltool.tabular import QUOTE_WARNING  # lazy: as batch, the readers (openpyxl, calamine)

    if output_format not in batch.FORMATS:  # a usage error (exit 2), as a bad --engine or --top
        choices = ", ".join(batch.FORMATS)
        raise UsageError(messages.t("errors.batch.format", lang, given=repr(output_format), choices=choices))
    if engine not in ("local", "dask"):
        raise UsageError(messages.t("usage.engine", lang, given=repr(engine)))
    engine_options.dask_only(engine, scheduler, partition_rows)
    if engine == "dask":
        from skilltool.batch_dask import require_dask  # lazy: dask is the optional [dask] extra

        require_dask()
    job = batch.prepare(
        input,
        out=out or Path(f"{input.stem}-batch"),
        mapping_path=mapping,
        workers=workers or 1,
        resume=resume,
        force=force,
        delimiter=delimiter,
        sheet=sheet,
        encoding=encoding,
        key_file=pseudonymise,
        lang=lang,
        data_dir=state(ctx).data_dir,
        chunk_size=chunk_size,
        xlsx=xlsx,
        output_format=output_format,
    )
    if workers is None and job.total >= AUTO_PARALLEL_ROWS:
        job.workers = max(1, os.cpu_count() or 1)
    for warning in job.warnings:
        console.warn(warning, lang)
    if engine == "dask":
        from skilltool import batch_dask  # lazy: dask is the optional [dask] extra

        if workers is None:
            job.workers = max(1, os.cpu_count() or 1)
        manifest = batch_dask.run(
            job,
            batch_dask.DaskOptions(scheduler=scheduler, partition_rows=partition_rows),
            progress=lambda: console.progress(job.total, "batch"),
        )
    else:
        # this process runs nothing but the batch: model reads without pydantic's hook meanwhile
        with model_reads.plain_reads():
            manifest = batch.run(job, progress=lambda: console.progress(job.total, "batch"))
    quote = [w.render(job.lang) for w in job.info.warnings if w.key == QUOTE_WARNING]
    _show_run(job.out, manifest, as_json=as_json, lang=job.lang, quote_warnings=quote)
    if fail_on_rejects and manifest.counts.rows_rejected:
        raise typer.Exit(EXIT_REJECTS)


def _show_run(
    out: Path,
    manifest: BatchManifest,
    *,
    as_json: bool,
    lang: str = "nl",
    quote_warnings: list[str] | None = None,
) -> None:
    """The manifest as JSON, or its counts and where the outputs are; after them again the
    unclosed-quote warnings (``quote_warnings``) when rows were rejected for one."""
    if as_json:
        console.print_json(manifest)
        return
    c = manifest.counts
    console.key_values(
        [
            (messages.t("batch.rows_read", lang), messages.number(c.rows_read, lang)),
            (messages.t("batch.rows_written", lang), messages.number(c.rows_written, lang)),
            (messages.t("batch.rows_rejected", lang), messages.number(c.rows_rejected, lang)),
            (messages.t("batch.blank", lang), messages.number(c.blank_rows_skipped, lang)),
            *(
                [(messages.t("batch.quote", lang), messages.number(c.rows_unclosed_quote, lang))]
                if c.rows_unclosed_quote
                else []
            ),
            (messages.t("batch.seconds", lang), messages.number(manifest.timings.total, lang, digits=1)),
            (messages.t("batch.outputs", lang), ", ".join(str(out / name) for name in manifest.outputs)),
        ]
    )
    if c.rows_rejected and not c.rows_written:  # not one profile: a warning, shown with --quiet too
        console.warn(
            messages.t("status.all_rejected", lang, n=c.rows_rejected, path=out / "errors.csv"), lang
        )
    elif c.rows_rejected:
        console.note(messages.t("status.rows_rejected", lang, n=c.rows_rejected, path=out / "errors.csv"))
    if c.rows_unclosed_quote:
        for warning in quote_warnings or []:
            console.warn(warning, lang)


@app.command("template")
def template_cmd(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", "-o", metavar="FOLDER")],
    lang: LangOpt = "nl",
    force: ForceOpt = False,
) -> None:
    """``skilltool batch template`` (its --help text: catalogue key ``help.batch.template``). Examples:

    skilltool batch template --out my-batch
    skilltool batch my-batch/intakes.csv --mapping my-batch/mapping.yaml --out my-batch/out
    """
    from skilltool import batch  # lazy: as in run_cmd, ~0.65 s on `batch template --help` (measured)

    for path in batch.write_template(out, lang=lang, data_dir=state(ctx).data_dir, force=force):
        console.line(str(path))
