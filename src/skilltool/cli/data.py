"""``skilltool data ...``: build, check, compare and describe the reference data."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Annotated

import typer

from skilltool import console, folder_replace
from skilltool.cli.common import ForceOpt, JsonOpt, LangOpt, group, state
from skilltool.errors import CompareError, DataFileError, SkilltoolError
from skilltool.messages import data_text, name, t

app = group(
    help=(
        "``skilltool data`` (its --help text: catalogue key ``help.data``). Examples:\n"
        "skilltool data info --lang en\n"
        "skilltool data validate\n"
        "skilltool data build --sources ../shared/data --check\n"
    ),
)


@app.command()
def build(  # noqa: PLR0917 - a command's options
    ctx: typer.Context,
    sources: Annotated[
        Path,
        typer.Option("--sources", file_okay=False, metavar="DIR"),
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
        typer.Option("--out", "-o", file_okay=False, metavar="DIR"),
    ] = None,
    lang: LangOpt = "nl",
    force: ForceOpt = False,
) -> None:
    """``skilltool data build`` (its --help text: catalogue key ``help.data.build``). Examples:

    skilltool data build --sources ../shared/data --check
    skilltool data build --sources ../shared/data --out /tmp/data-new
    skilltool data diff data /tmp/data-new
    """
    # lazy: build loads pydantic and every data model, ~450 ms on `data --help` (measured)
    from skilltool import build as builder

    ref = state(ctx).ref
    with contextlib.ExitStack() as held:
        if not check:  # one build at a time; an earlier one that stopped half-way is finished first
            held.enter_context(builder.locked(ref.data_dir, out.resolve() if out is not None else None))
            folder_replace.finish_replace(ref.data_dir)
        if out is not None and not check:  # before the build, which takes a while
            builder.check_out(ref.data_dir, out.resolve(), force=force)
        result = builder.build(ref.manifest, sources, accept_new_checksums=update_manifest)
        for m in result.mismatches:
            console.warn(
                t("data.sha_changed", lang, path=m.path, actual=m.actual[:12], expected=m.expected[:12]), lang
            )
        target = out.resolve() if out is not None else ref.data_dir
        if check:
            builder.check_current(result, target)
            console.note(t("data.up_to_date", lang, target=target))
            return
        written = builder.write(result, ref.data_dir, target)
    if target == ref.data_dir:
        console.note(t("data.wrote", lang, files=", ".join(str(p) for p in written)))
    else:
        console.note(t("data.wrote_folder", lang, target=target))


@app.command()
def info(ctx: typer.Context, json: JsonOpt = False, lang: LangOpt = "nl") -> None:
    """``skilltool data info`` (its --help text: catalogue key ``help.data.info``). Examples:

    skilltool data info --lang en
    skilltool data info --json
    """
    # lazy: datatools loads pydantic and every data model, ~450 ms on `data --help` (measured)
    from skilltool import datatools

    data = datatools.info(state(ctx).ref)
    if json:
        console.print_json(data)
        return
    tight = data.tightness
    coverage = [
        (
            t("data.info.tightness_kind", lang, kind=t(f"data.info.kind.{k.kind}", lang)),
            t(
                "data.info.tightness_cover",
                lang,
                groups=k.brc_groups,
                all_groups=tight.brc_groups,
                occupations=k.occupations,
                all_occupations=tight.occupations,
            )
            + ", ".join(f"{p} {n}" for p, n in k.periods.items())
            + (
                t(
                    "data.info.flags",
                    lang,
                    flags=", ".join(f"{name('data.info.flag', f, lang)} {n}" for f, n in k.flags.items()),
                )
                if k.flags
                else ""
            )
            + (t("data.info.isco_without", lang, n=k.isco_units_without) if k.isco_units_without else ""),
        )
        for k in tight.kinds
    ]
    console.key_values(
        [
            (t("data.info.data", lang), data.data_dir),
            (t("data.info.esco_version", lang), data.esco_version),
            (
                t("data.info.occupations", lang),
                t("data.info.with_dutch", lang, n=data.occupations, dutch=data.occupations_with_dutch_label),
            ),
            (t("data.info.isco_units", lang), data.isco_unit_groups),
            (
                t("data.info.skills", lang),
                t("data.info.with_dutch", lang, n=data.skills, dutch=data.skills_with_dutch_label),
            ),
            (t("data.info.regulated", lang), data.regulated_occupations),
            (t("data.info.reference_quarter", lang), tight.reference_period or "-"),
            *coverage,
            (t("data.info.cbs_titles", lang), data.cbs_titles),
            *((file, t("data.info.entries", lang, n=count)) for file, count in data.files.items()),
        ]
    )
    console.note(data_text(data.acknowledgement, "en", lang, instead="report.esco"))


@app.command()
def validate(ctx: typer.Context, json: JsonOpt = False, lang: LangOpt = "nl") -> None:
    """``skilltool data validate`` (its --help text: catalogue key ``help.data.validate``). Examples:

    skilltool data validate
    skilltool data validate --json --lang en
    """
    # lazy: datatools loads pydantic and every data model, ~450 ms on `data --help` (measured)
    from skilltool import datatools

    ref = state(ctx).ref
    problems = datatools.validate_all(ref)
    if json:  # the same exit code as the lines: 1 when a file is invalid
        console.print_json(
            {
                "data_dir": str(ref.data_dir),
                "valid": not problems,
                "files": [*datatools.GENERATED, *datatools.curated_files()],
                "problems": [datatools.render(problem, lang) for problem in problems],
            }
        )
        if problems:
            raise typer.Exit(1)
        return
    if problems:
        for problem in problems[1:]:
            console.error(datatools.render(problem, lang), lang)
        raise DataFileError(problems[0])
    console.note(t("data.all_valid", lang))


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(metavar="OLD")],
    new: Annotated[Path, typer.Argument(metavar="NEW")],
    json: JsonOpt = False,
    examples: Annotated[int, typer.Option("--examples", min=0, metavar="N")] = 3,
    lang: LangOpt = "nl",
) -> None:
    """``skilltool data diff`` (its --help text: catalogue key ``help.data.diff``). Examples:

    skilltool data diff data /tmp/data-new
    skilltool data diff old/occupations.yaml data/occupations.yaml --json
    """
    # lazy: data_diff loads pydantic and every data model, as datatools above (measured there)
    from skilltool import data_diff

    try:
        result = data_diff.diff_paths(old, new)
    except SkilltoolError as exc:
        raise CompareError(exc.text) from None
    if json:
        console.print_json(result)
    else:
        versions = (
            t("data.diff.versions", lang, old=result.old_version, new=result.new_version)
            if result.old_version
            else ""
        )
        console.note(
            t(
                "data.diff.differences",
                lang,
                versions=versions,
                n=len(result.changes),
                files=", ".join(result.files),
            )
        )
        for k in result.kinds:
            console.line(f"{k.file}: {k.count} x {data_diff.kind_text(k.kind).render(lang)}")
            for c in k.examples[:examples]:
                console.line(f"    {data_diff.example_text(c)}")
    if not result.empty:
        raise typer.Exit(1)
