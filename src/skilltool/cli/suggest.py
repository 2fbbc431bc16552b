"""``skilltool suggest`` and ``skilltool explain``: shortage-sector suggestions for one profile."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from skilltool.cli.common import JsonOpt, LangOpt, state

if TYPE_CHECKING:
    from skilltool.models import TightnessRef

ProfileArg = Annotated[
    Path,
    typer.Argument(help="A profile JSON file, as `skilltool intake` or `batch` writes it.", dir_okay=False),
]

_HEAD = {
    "nl": ("#", "score", "beroep", "ISCO", "sector", "route", "op niveau", "krapte"),
    "en": ("#", "score", "occupation", "ISCO", "sector", "route", "at level", "tightness"),
}
_YES = {"nl": ("ja", "nee"), "en": ("yes", "no")}


def _tightness(t: TightnessRef, lang: str) -> str:
    """Tightness now and to 2030, through the one formatter."""
    from skilltool import tightness

    return tightness.text(t, lang)


def suggest_cmd(
    ctx: typer.Context,
    *,
    profile: ProfileArg,
    top: Annotated[
        int, typer.Option("--top", "-n", min=1, max=100, help="At most this many suggestions.")
    ] = 10,
    sector: Annotated[
        str | None,
        typer.Option(
            "--sector",
            "-s",
            help="Only this sector: care, education_childcare, ict, technology_installation, "
            "construction, transport_logistics, hospitality_food (or a Dutch/English name: zorg, bouw).",
            show_default=False,
        ),
    ] = None,
    json: JsonOpt = False,
    lang: LangOpt = "nl",
) -> None:
    """Suggest occupations in Dutch shortage sectors for a profile, with reasons, gaps, route and next steps.

    Each suggestion has a score that is the sum of visible parts (see `skilltool explain`), a route
    (direct, dual, recognition_first), whether it is at the person's own level, the tightness with
    its period, and what is missing. An indication for guidance, never an official assessment.
    Examples:

        skilltool suggest examples/personas/syrian_civil_engineer.json

        skilltool suggest profile.json --top 5 --sector zorg --lang en --json
    """
    from skilltool import console
    from skilltool import suggest as core

    result = core.suggest(core.read_profile(profile), ref=state(ctx).ref, top=top, sector=sector, lang=lang)
    if json:
        console.print_json(result)
        return
    yes, no = _YES[lang]
    rows = [
        (
            str(n),
            f"{s.score:.1f}",
            s.label,
            s.isco,
            s.sector,
            s.route,
            yes if s.at_level else no,
            _tightness(s.tightness, lang),
        )
        for n, s in enumerate(result.suggestions, 1)
    ]
    console.table(_HEAD[lang], rows)
    console.heading("Wat ontbreekt" if lang == "nl" else "What is missing")
    for n, s in enumerate(result.suggestions, 1):
        console.line(f"{n}. {s.label}: {'; '.join(s.gaps) or '-'}")
    title = "Volgende stappen" if lang == "nl" else "Next steps"
    console.heading(title)
    for n, step in enumerate(result.next_steps, 1):
        console.line(f"{n}. {step.text}")
        if step.reason:
            console.line(f"   {step.reason}")
    console.note(result.caveat)


def explain_cmd(
    ctx: typer.Context,
    *,
    profile: ProfileArg,
    occupation: Annotated[
        str,
        typer.Argument(help="An ESCO occupation URI, or its exact Dutch or English label (e.g. 'lasser')."),
    ],
    json: JsonOpt = False,
    lang: LangOpt = "nl",
) -> None:
    """Show every score part of one occupation for a profile, with its evidence, route and gaps.

    Works for any ESCO occupation; outside the shortage sectors it says so. Examples:

        skilltool explain profile.json "installatie-elektricien"

        skilltool explain profile.json http://data.europa.eu/esco/occupation/... --json
    """
    from skilltool import console
    from skilltool import suggest as core

    result = core.explain(core.read_profile(profile), ref=state(ctx).ref, occupation=occupation, lang=lang)
    if json:
        console.print_json(result)
        return
    s = result.suggestion
    nl = lang == "nl"
    rank = (
        (f"{result.rank} van {result.candidates}" if nl else f"{result.rank} of {result.candidates}")
        if result.in_sector
        else ("buiten de tekortsectoren" if nl else "outside the shortage sectors")
    )
    console.key_values(
        [
            ("beroep" if nl else "occupation", f"{s.label} ({s.isco})"),
            ("uri", s.uri),
            ("sector", result.sector_name or "-"),
            ("positie" if nl else "rank", rank),
            ("score", f"{s.score:.2f}"),
            ("route", s.route),
            ("op niveau" if nl else "at level", _YES[lang][0] if s.at_level else _YES[lang][1]),
            ("krapte" if nl else "tightness", _tightness(s.tightness, lang)),
        ]
    )
    console.table(
        ["deel" if nl else "part", "punten" if nl else "points", "bewijs" if nl else "evidence"],
        [(part.name, f"{part.points:.2f}", part.evidence) for part in s.parts],
    )
    if s.gaps:
        console.heading("Wat ontbreekt" if nl else "What is missing")
        for gap in s.gaps:
            console.line(f"- {gap}")
    console.note(result.caveat)
