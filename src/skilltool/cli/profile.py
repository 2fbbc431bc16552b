"""``skilltool profile``: the profile's JSON Schema, and a profile shown for people or as JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from skilltool import console, profile_files
from skilltool.cli.common import JsonOpt, group
from skilltool.formats import level_range

app = group(
    help=(
        "Profiles: the JSON Schema every profile follows, and a profile file shown.\n\n"
        "Examples:\n\n"
        "  skilltool profile schema > profile.schema.json\n\n"
        "  skilltool profile show build/demo/profile.json"
    ),
)


@app.command("schema")
def schema_cmd() -> None:
    """Print the profile's JSON Schema (versioned by schema_version) on stdout.

    Example: skilltool profile schema > profile.schema.json
    """
    console.print_json(profile_files.profile_schema())


@app.command("show")
def show_cmd(
    path: Annotated[Path, typer.Argument(help="A profile JSON file written by `skilltool intake`.")],
    json_out: JsonOpt = False,
) -> None:
    """Check a profile file against the schema and show it (or print it as JSON with --json).

    Example: skilltool profile show build/demo/profile.json
    """
    profile = profile_files.read_profile(path)
    if json_out:
        console.print_json(profile)
        return
    p = profile.personal
    console.key_values(
        [
            ("client", p.client_ref),
            ("schema", f"v{profile.schema_version}"),
            ("created", profile.created.isoformat() if profile.created else "-"),
            ("country of origin", p.country_of_origin or "unknown"),
            ("birth year", p.birth_year or "unknown"),
            (
                "dutch",
                f"{profile.dutch.cefr or 'unknown'} (route {profile.dutch.integration_route or 'unknown'})",
            ),
            (
                "languages",
                ", ".join(f"{s.language} {s.cefr or ''}".strip() for s in profile.languages) or "-",
            ),
        ]
    )
    if profile.education:
        console.table(
            ["education", "country", "indication", "NLQF", "status"],
            [
                (
                    e.qualification,
                    e.country,
                    e.indication.dutch_equivalent if e.indication else "no comparison",
                    level_range(e.indication.nlqf_min, e.indication.nlqf_max) if e.indication else "",
                    e.confirmation.status,
                )
                for e in profile.education
            ],
        )
    if profile.work:
        console.table(
            ["work", "years", "coded as", "ISCO", "score", "status"],
            [
                (
                    w.title,
                    f"{w.years:g}" if w.years is not None else "",
                    w.coded.label if w.coded else "(free text)",
                    w.coded.isco if w.coded else "",
                    f"{w.coded.score:.0f}" if w.coded else "",
                    "needs review" if w.needs_review else w.confirmation.status,
                )
                for w in profile.work
            ],
        )
    counts: dict[str, int] = {}
    for skill in profile.skills:
        counts[skill.origin] = counts.get(skill.origin, 0) + 1
    console.key_values(
        [
            ("skills", ", ".join(f"{n} {origin}" for origin, n in counts.items()) or "-"),
            ("suggestions", len(profile.suggestions)),
            ("next steps", len(profile.next_steps)),
        ]
    )
