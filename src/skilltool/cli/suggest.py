"""``skilltool suggest`` and ``skilltool explain``: shortage-sector suggestions for one profile."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from skilltool import console, messages, profile_files, tightness
from skilltool import suggest as core
from skilltool.cli.common import JsonOpt, LangOpt, state
from skilltool.models import Suggestion, Text, say

ProfileArg = Annotated[
    Path,
    typer.Argument(
        dir_okay=False,
        metavar="PROFILE.json",
    ),
]

_COLUMNS = ("rank", "score", "occupation", "isco", "sector", "route", "at_level", "tightness")


def _head(lang: str) -> tuple[str, ...]:
    """The suggestion table's column headings in ``lang`` (catalogue ``cli.suggest.col.*``)."""
    return tuple(messages.t(f"cli.suggest.col.{c}", lang) for c in _COLUMNS)


def _texts(texts: list[Text], lang: str) -> str:
    """Stored sentences (reasons, gaps, fit) in ``lang``, one after the other."""
    return "; ".join(x.render(lang) for x in texts)


def _yes_no(value: bool, lang: str) -> str:
    return messages.t("value.yes" if value else "value.no", lang)


def _row(s: Suggestion, lang: str) -> tuple[str, ...]:
    """A suggestion's cells under ``_head`` after the rank (the own trade's table has no rank)."""
    return (
        f"{s.score:.1f}",
        s.label,
        s.isco,
        messages.name("sector", s.sector or "none", lang),
        messages.name("route", s.route, lang),
        _yes_no(s.at_level, lang),
        tightness.text(s.tightness, lang),
    )


def suggest_cmd(
    ctx: typer.Context,
    *,
    profile: ProfileArg,
    top: Annotated[int, typer.Option("--top", "-n", min=1, max=100, metavar="N")] = 10,
    sector: Annotated[
        str | None,
        typer.Option(
            "--sector",
            "-s",
            metavar="SECTOR",
            show_default=False,
        ),
    ] = None,
    json: JsonOpt = False,
    lang: LangOpt = "nl",
) -> None:
    """``skilltool suggest`` (its --help text: catalogue key ``help.suggest``). Examples:

    skilltool suggest examples/personas/syrian_civil_engineer.json
    skilltool suggest profile.json --top 5 --sector zorg --lang en --json
    """
    person = profile_files.read_profile(profile)
    result = core.suggest(person, ref=state(ctx).ref, top=top, sector=sector, lang=lang)
    if json:
        console.print_json(result)
        return
    console.line(result.score_scale)
    if result.person_level is not None:
        console.line(
            messages.t("cli.suggest.level", lang, level=result.person_level, basis=result.level_basis)
        )
    if result.level_reason:
        console.line("  " + messages.t("cli.suggest.level_reason", lang, reason=result.level_reason))
    if result.unconfirmed_work:
        console.line(messages.t("cli.suggest.unconfirmed", lang, n=result.unconfirmed_work))
    if result.own_trade:
        console.heading(messages.t("cli.suggest.own_trade", lang))
        console.table(
            _head(lang)[1:],
            [_row(s, lang) for s in result.own_trade],
            lang=lang,
        )
        for s in result.own_trade:
            console.line(f"- {s.label}: {_texts(s.gaps, lang) or '-'}")
    console.heading(messages.t("cli.suggest.suggestions", lang))
    rows = [(str(n), *_row(s, lang)) for n, s in enumerate(result.suggestions, 1)]
    console.table(_head(lang), rows, lang=lang)
    if result.suggestions:
        console.heading(messages.t("cli.suggest.why", lang))
        for n, s in enumerate(result.suggestions, 1):
            console.line(f"{n}. {s.label}: {_texts(s.fit, lang)}")
        console.heading(messages.t("cli.suggest.missing", lang))
        for n, s in enumerate(result.suggestions, 1):
            console.line(f"{n}. {s.label}: {_texts(s.gaps, lang) or '-'}")
    if result.empty_slots:
        console.heading(messages.t("cli.suggest.empty_slots", lang))
        for slot in result.empty_slots:
            kind, _, code = slot.slot.partition(":")  # a wished sector's slot by its name, not its code
            name = f"{kind}: {messages.t(f'sector.{code}', lang)}" if kind == "sector" and code else slot.slot
            console.line(f"- {name}: {slot.reason}")
    # what the caseworker and the client already agreed (a signed contract, a course booked) comes before the
    # tool's proposals, which know nothing of it (twenty-third review: a man with a kitchen job offer read
    # only a trial placement in that kitchen work)
    if agreed := [step for step in person.next_steps if step.agreed]:
        console.heading(messages.t("cli.suggest.agreed", lang))
        for step in agreed:
            console.line(f"- {say(step.text, lang)}")
    console.heading(messages.t("cli.suggest.next_steps", lang))
    for n, step in enumerate(result.next_steps, 1):
        console.line(f"{n}. {say(step.text, lang)}")
        if step.reason:
            console.line(f"   {say(step.reason, lang)}")
    console.note(result.caveat)


def explain_cmd(
    ctx: typer.Context,
    *,
    profile: ProfileArg,
    occupation: Annotated[
        str,
        typer.Argument(
            metavar="OCCUPATION",
        ),
    ],
    json: JsonOpt = False,
    lang: LangOpt = "nl",
) -> None:
    """``skilltool explain`` (its --help text: catalogue key ``help.explain``). Examples:

    skilltool explain profile.json "monteur elektrische installaties gebouwen"
    skilltool explain profile.json lasser --json --lang en
    """
    result = core.explain(
        profile_files.read_profile(profile), ref=state(ctx).ref, occupation=occupation, lang=lang
    )
    if json:
        console.print_json(result)
        return
    s = result.suggestion
    rank = (
        messages.t("cli.explain.rank", lang, rank=result.rank, total=result.candidates)
        if result.rank
        # not practised here (a coal miner's underground work; sixteenth review) is not "regulated"
        else messages.t("cli.explain.not_practised", lang)
        if any(g.key == "suggest.g_not_practised" for g in s.gaps)
        else messages.t("cli.explain.not_suggested", lang)
    )
    col = messages.t
    sector = result.sector_name or messages.t("sector.none", lang)
    console.key_values(
        [
            (col("cli.suggest.col.occupation", lang), f"{s.label} ({s.isco})"),
            ("uri", s.uri),
            (col("cli.suggest.col.sector", lang), sector),
            (col("cli.explain.position", lang), rank),
            (col("cli.suggest.col.score", lang), f"{s.score:.2f} / 100"),
            (col("cli.explain.fit", lang), _texts(s.fit, lang) or col("cli.explain.no_fit", lang)),
            (col("cli.suggest.col.route", lang), messages.name("route", s.route, lang)),
            *([(col("cli.explain.legal_basis", lang), result.legal_basis)] if result.legal_basis else []),
            (col("cli.suggest.col.at_level", lang), _yes_no(s.at_level, lang)),
            (col("cli.suggest.col.tightness", lang), tightness.text(s.tightness, lang)),
        ]
    )
    console.table(
        [col("cli.explain.part", lang), col("cli.explain.points", lang), col("cli.explain.evidence", lang)],
        [
            (messages.name("part", part.name, lang), f"{part.points:.2f}", part.evidence.render(lang))
            for part in s.parts
        ],
        lang=lang,
    )
    if s.gaps:
        console.heading(messages.t("cli.suggest.missing", lang))
        for gap in s.gaps:
            console.line(f"- {gap.render(lang)}")
    console.note(result.caveat)
