"""``skilltool data ...``: build, check, compare and describe the reference data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from skilltool.cli.common import JsonOpt, state

app = typer.Typer(
    help=(
        "Reference data: rebuild data/occupations.yaml from ESCO and UWV sources, check it is "
        "current, compare versions, validate every data file, show coverage."
    ),
    no_args_is_help=True,
)


@app.command()
def build(
    ctx: typer.Context,
    sources: Annotated[
        Path,
        typer.Option(
            "--sources",
            help="Folder holding the source files named in data/sources.yaml (e.g. ../shared/data).",
            file_okay=False,
        ),
    ],
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Write nothing; exit 1 with a summary if the committed files differ from a rebuild.",
        ),
    ] = False,
    update_manifest: Annotated[
        bool,
        typer.Option(
            "--update-manifest",
            help="Accept sources whose SHA-256 differs from data/sources.yaml and record the new sums.",
        ),
    ] = False,
) -> None:
    """Regenerate data/occupations.yaml and data/skills.yaml from the source taxonomies.

    Same sources give byte-identical files. Example:

        skilltool data build --sources ../shared/data --check
    """
    from skilltool import build as builder
    from skilltool import console, datatools, fsio
    from skilltool.errors import StaleDataError
    from skilltool.models import OccupationsFile
    from skilltool.reference import parse_model

    ref = state(ctx).ref
    result = builder.build(ref.manifest, sources, accept_new_checksums=update_manifest)
    for m in result.mismatches:
        console.warn(f"{m.path}: SHA-256 changed to {m.actual[:12]}... (was {m.expected[:12]}...)")
    targets = {
        ref.path("occupations.yaml"): result.occupations_yaml,
        ref.path("skills.yaml"): result.skills_yaml,
    }
    cbs_titles = builder.cbs_titles_yaml(sources)  # None when the sources have no CBS title index
    if cbs_titles is not None:
        targets[ref.path(builder.CBS_TITLES_FILE)] = cbs_titles
    if check:
        stale = [p.name for p, text in targets.items() if not p.exists() or p.read_text("utf-8") != text]
        if result.mismatches:
            stale.append("sources.yaml")
        if not stale:
            console.note("data is up to date with its sources")
            return
        detail = ""
        occ_path = ref.path("occupations.yaml")
        if "occupations.yaml" in stale and occ_path.exists():
            new = parse_model("(rebuilt)", result.occupations_yaml, OccupationsFile)
            detail = "; " + datatools.diff(ref.occupations, new).summary()
        raise StaleDataError(
            f"{', '.join(sorted(set(stale)))} differ(s) from what the sources produce{detail}; "
            "run `skilltool data build --sources DIR` and commit the result"
        )
    for path, text in targets.items():
        fsio.write_text(path, text, mode=0o644)
    if result.mismatches:
        fsio.write_text(ref.path("sources.yaml"), builder.manifest_yaml(result.manifest), mode=0o644)
    console.note(f"wrote {', '.join(str(p) for p in targets)}")


@app.command()
def info(ctx: typer.Context, json: JsonOpt = False) -> None:
    """Versions, counts, sources and coverage of the reference data."""
    from skilltool import console, datatools

    data = datatools.info(state(ctx).ref)
    if json:
        console.print_json(data)
        return
    t = data.tightness
    periods = f"{t.periods[0]}-{t.periods[-1]}" if t.periods else "none"
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
            (
                "tightness",
                f"known for {t.brc_groups_known} of {t.brc_groups} BRC groups "
                f"({t.occupations_known} occupations), lower bound only for "
                f"{t.brc_groups_lower_bound}; period {periods}",
            ),
            *((name, f"{count} entries") for name, count in data.files.items()),
        ]
    )
    console.note(data.acknowledgement)


@app.command()
def validate(ctx: typer.Context) -> None:
    """Load every data file through its schema; exit 1 with one line per problem."""
    from skilltool import console, datatools
    from skilltool.errors import DataFileError

    problems = datatools.validate_all(state(ctx).ref)
    if problems:
        for problem in problems[1:]:
            console.error(problem)
        raise DataFileError(problems[0])
    console.note("all data files are valid")


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="The older occupations.yaml.", dir_okay=False)],
    new: Annotated[Path, typer.Argument(help="The newer occupations.yaml.", dir_okay=False)],
    json: JsonOpt = False,
) -> None:
    """What changed between two occupations files: added, removed, relabelled, re-coded, tightness."""
    from skilltool import console, datatools

    result = datatools.diff(datatools.load_occupations_file(old), datatools.load_occupations_file(new))
    if json:
        console.print_json(result)
        return
    console.note(f"ESCO {result.old_version} -> {result.new_version}: {result.summary()}")
    rows = [
        (kind, c.key, c.label, c.old or "", c.new or "")
        for kind in ("added", "removed", "relabelled", "recoded", "tightness")
        for c in getattr(result, kind)
    ]
    if rows:
        console.table(["change", "key", "label", "old", "new"], rows)
