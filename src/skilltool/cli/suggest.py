"""``skilltool suggest`` and ``skilltool explain``: shortage-sector suggestions for one profile."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from skilltool import messages
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
    """Suggest occupations for a profile: own trade, suggestions with real fit, empty slots, next steps.

    The own trade (every coded past and wished occupation) is always shown, in or outside the
    shortage sectors. A suggestion needs real fit (related past work, half the essential skills,
    or a wish); a shortage sector is a boost, not a filter. Each score is 0-100, the sum of visible
    parts (see `skilltool explain`), with a route (direct, dual, recognition_first; a regulated
    profession is never direct), the tightness and what is missing. An indication for guidance,
    never an official assessment.
    Examples:

        skilltool suggest examples/personas/syrian_civil_engineer.json

        skilltool suggest profile.json --top 5 --sector zorg --lang en --json
    """
    from skilltool import console, profile_files
    from skilltool import suggest as core

    result = core.suggest(
        profile_files.read_profile(profile), ref=state(ctx).ref, top=top, sector=sector, lang=lang
    )
    if json:
        console.print_json(result)
        return
    yes, no = _YES[lang]
    nl = lang == "nl"
    console.line(result.score_scale)
    if result.person_level is not None:
        console.line(f"{'niveau' if nl else 'level'}: NLQF {result.person_level} ({result.level_basis})")
    if result.own_trade:
        console.heading("Eigen vak" if nl else "Own trade")
        console.table(
            _HEAD[lang][1:],
            [
                (
                    f"{s.score:.1f}",
                    s.label,
                    s.isco,
                    messages.name("sector", s.sector or "none", lang),
                    messages.name("route", s.route, lang),
                    yes if s.at_level else no,
                    _tightness(s.tightness, lang),
                )
                for s in result.own_trade
            ],
        )
        for s in result.own_trade:
            console.line(f"- {s.label}: {'; '.join(s.gaps) or '-'}")
    console.heading("Suggesties" if nl else "Suggestions")
    rows = [
        (
            str(n),
            f"{s.score:.1f}",
            s.label,
            s.isco,
            messages.name("sector", s.sector or "none", lang),
            messages.name("route", s.route, lang),
            yes if s.at_level else no,
            _tightness(s.tightness, lang),
        )
        for n, s in enumerate(result.suggestions, 1)
    ]
    console.table(_HEAD[lang], rows)
    if result.suggestions:
        console.heading("Waarom het past" if nl else "Why it fits")
        for n, s in enumerate(result.suggestions, 1):
            console.line(f"{n}. {s.label}: {'; '.join(s.fit)}")
        console.heading("Wat ontbreekt" if nl else "What is missing")
        for n, s in enumerate(result.suggestions, 1):
            console.line(f"{n}. {s.label}: {'; '.join(s.gaps) or '-'}")
    if result.empty_slots:
        console.heading("Lege plekken" if nl else "Empty slots")
        for slot in result.empty_slots:
            console.line(f"- {slot.slot}: {slot.reason}")
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

    Works for any ESCO occupation; outside the shortage sectors it says so (no sector boost).
    The score is 0-100, the sum of the parts shown. Examples:

        skilltool explain profile.json "installatie-elektricien"

        skilltool explain profile.json http://data.europa.eu/esco/occupation/... --json
    """
    from skilltool import console, profile_files
    from skilltool import suggest as core

    result = core.explain(
        profile_files.read_profile(profile), ref=state(ctx).ref, occupation=occupation, lang=lang
    )
    if json:
        console.print_json(result)
        return
    s = result.suggestion
    nl = lang == "nl"
    rank = (
        (f"{result.rank} van {result.candidates}" if nl else f"{result.rank} of {result.candidates}")
        if result.rank
        else ("niet voorgesteld (gereglementeerd)" if nl else "not suggested (regulated)")
    )
    sector = result.sector_name or messages.t("sector.none", lang)
    console.key_values(
        [
            ("beroep" if nl else "occupation", f"{s.label} ({s.isco})"),
            ("uri", s.uri),
            ("sector", sector),
            ("positie" if nl else "rank", rank),
            ("score", f"{s.score:.2f} / 100"),
            ("fit", "; ".join(s.fit) or ("geen aantoonbare fit" if nl else "no real fit")),
            ("route", messages.name("route", s.route, lang)),
            ("op niveau" if nl else "at level", _YES[lang][0] if s.at_level else _YES[lang][1]),
            ("krapte" if nl else "tightness", _tightness(s.tightness, lang)),
        ]
    )
    console.table(
        ["deel" if nl else "part", "punten" if nl else "points", "bewijs" if nl else "evidence"],
        [(messages.name("part", part.name, lang), f"{part.points:.2f}", part.evidence) for part in s.parts],
    )
    if s.gaps:
        console.heading("Wat ontbreekt" if nl else "What is missing")
        for gap in s.gaps:
            console.line(f"- {gap}")
    console.note(result.caveat)
