"""``skilltool data ...``: build, check, compare and describe the reference data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from skilltool import console
from skilltool.cli.common import JsonOpt, group, state
from skilltool.errors import CompareError, DataFileError, SkilltoolError

app = group(
    help="``skilltool data`` (its --help text: catalogue key ``help.data``).",
)


@app.command()
def build(
    ctx: typer.Context,
    sources: Annotated[
        Path,
        typer.Option(
            "--sources",
            file_okay=False,
        ),
    ],
    check: Annotated[
        bool,
        typer.Option(
            "--check",
        ),
    ] = False,
    update_manifest: Annotated[
        bool,
        typer.Option(
            "--update-manifest",
        ),
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            file_okay=False,
        ),
    ] = None,
) -> None:
    """``skilltool data build`` (its --help text: catalogue key ``help.data.build``). Examples:

    skilltool data build --sources ../shared/data --check
    skilltool data build --sources ../shared/data --out /tmp/data-new
    skilltool data diff data /tmp/data-new
    """
    # lazy: build loads pydantic and every data model, ~450 ms on `data --help` (measured)
    from skilltool import build as builder

    ref = state(ctx).ref
    result = builder.build(ref.manifest, sources, accept_new_checksums=update_manifest)
    for m in result.mismatches:
        console.warn(f"{m.path}: SHA-256 changed to {m.actual[:12]}... (was {m.expected[:12]}...)")
    target = out.resolve() if out is not None else ref.data_dir
    if check:
        builder.check_current(result, target)
        console.note(f"{target} is up to date with its sources")
        return
    written = builder.write(result, ref.data_dir, target)
    if target == ref.data_dir:
        console.note(f"wrote {', '.join(str(p) for p in written)}")
    else:
        console.note(f"wrote a complete data folder to {target}; use it with --data-dir {target}")


@app.command()
def info(ctx: typer.Context, json: JsonOpt = False) -> None:
    """``skilltool data info`` (its --help text: catalogue key ``help.data.info``)."""
    # lazy: datatools loads pydantic and every data model, ~450 ms on `data --help` (measured)
    from skilltool import datatools

    data = datatools.info(state(ctx).ref)
    if json:
        console.print_json(data)
        return
    t = data.tightness
    coverage = [
        (
            f"tightness {k.kind}",
            f"{k.brc_groups} of {t.brc_groups} BRC groups, {k.occupations} of {t.occupations} occupations; "
            + ", ".join(f"{p} {n}" for p, n in k.periods.items())
            + (f"; flags {', '.join(f'{f} {n}' for f, n in k.flags.items())}" if k.flags else "")
            + (f"; {k.isco_units_without} ISCO units without" if k.isco_units_without else ""),
        )
        for k in t.kinds
    ]
    console.key_values(
        [
            ("data", data.data_dir),
            ("ESCO version", data.esco_version),
            (
                "occupations",
                f"{data.occupations} ({data.occupations_with_dutch_label} with a Dutch label)",
            ),
            ("ISCO-08 unit groups", data.isco_unit_groups),
            ("skills", f"{data.skills} ({data.skills_with_dutch_label} with a Dutch label)"),
            ("regulated occupations", data.regulated_occupations),
            ("tightness reference quarter", t.reference_period or "-"),
            *coverage,
            ("CBS title index", data.cbs_titles),
            *((name, f"{count} entries") for name, count in data.files.items()),
        ]
    )
    console.note(data.acknowledgement)


@app.command()
def validate(ctx: typer.Context) -> None:
    """``skilltool data validate`` (its --help text: catalogue key ``help.data.validate``)."""
    # lazy: datatools loads pydantic and every data model, ~450 ms on `data --help` (measured)
    from skilltool import datatools

    problems = datatools.validate_all(state(ctx).ref)
    if problems:
        for problem in problems[1:]:
            console.error(problem)
        raise DataFileError(problems[0])
    console.note("all data files are valid")


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(metavar="OLD")],
    new: Annotated[Path, typer.Argument(metavar="NEW")],
    json: JsonOpt = False,
    examples: Annotated[int, typer.Option("--examples", min=0)] = 3,
) -> None:
    """``skilltool data diff`` (its --help text: catalogue key ``help.data.diff``). Examples:

    skilltool data diff data /tmp/data-new
    skilltool data diff old/occupations.yaml data/occupations.yaml --json
    """
    # lazy: datatools loads pydantic and every data model, ~450 ms on `data --help` (measured)
    from skilltool import datatools

    try:
        result = datatools.diff_paths(old, new)
    except SkilltoolError as exc:
        raise CompareError(exc.message) from None
    if json:
        console.print_json(result)
    else:
        versions = f"ESCO {result.old_version} -> {result.new_version}: " if result.old_version else ""
        console.note(f"{versions}{len(result.changes)} difference(s) in {', '.join(result.files)}")
        for k in result.kinds:
            console.line(f"{k.file}: {k.count} x {k.kind}")
            for c in k.examples[:examples]:
                console.line(f"    {datatools.example_text(c)}")
    if not result.empty:
        raise typer.Exit(1)
