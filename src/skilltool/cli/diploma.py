"""``skilltool diploma ...``: foreign qualifications compared with Dutch levels, with source and route."""

from __future__ import annotations

import math
from typing import Annotated, Literal

import typer

from skilltool import console, diploma_coverage, diplomas, messages
from skilltool.cli.common import JsonOpt, LangOpt, group, state
from skilltool.errors import UsageError
from skilltool.formats import level_range
from skilltool.messages import t
from skilltool.models.diplomas import DIPLOMA_KINDS, DiplomaLookup, LookupContext

app = group(
    help=(
        "``skilltool diploma`` (its --help text: catalogue key ``help.diploma``). Examples:\n"
        'skilltool diploma lookup --country SY "shahada thanawiya"\n'
        "skilltool diploma list --country Eritrea\n"
        "skilltool diploma levels --lang en\n"
    ),
)

CountryOpt = Annotated[
    str | None,
    typer.Option(
        "--country",
        "-c",
        metavar="COUNTRY",
        show_default=False,
    ),
]


@app.command()
def lookup(
    ctx: typer.Context,
    *,
    text: Annotated[
        str,
        typer.Argument(
            metavar="TEXT",
        ),
    ],
    country: CountryOpt = None,
    top: Annotated[int, typer.Option("--top", "-n", min=1, max=50, metavar="N")] = 5,
    documents: Annotated[
        Literal["yes", "no", "partial"] | None,
        typer.Option("--documents", metavar="yes|no|partial"),
    ] = None,
    unfinished: Annotated[bool, typer.Option("--unfinished")] = False,
    years: Annotated[float | None, typer.Option("--years", min=0, metavar="N")] = None,
    field: Annotated[
        str | None,
        typer.Option(
            "--field",
            metavar="FIELD",
        ),
    ] = None,
    json: JsonOpt = False,
    lang: LangOpt = "nl",
) -> None:
    """``skilltool diploma lookup`` (its --help text: catalogue key ``help.diploma.lookup``). Examples:

    skilltool diploma lookup --country SY "shahada thanawiya"
    skilltool diploma lookup --country Syrië "الشهادة الثانوية العامة" --json
    skilltool diploma lookup -c IR "karshenasi" --documents no --lang en
    skilltool diploma lookup -c SY "diploma architectuur" --years 2
    """
    if not text.strip():  # "no comparison found" for nothing typed read as a finding (exit 0)
        raise UsageError(t("usage.no_diploma", lang))
    if years is not None and not math.isfinite(years):  # --years inf: a pydantic traceback
        raise UsageError(t("usage.years_finite", lang))
    context = LookupContext(
        documents=documents, completed=False if unfinished else None, years=years, field=field
    )
    result = diplomas.lookup(
        state(ctx).ref.diplomas,
        country=country,
        text=console.typed(text),
        top=top,
        lang=lang,
        context=context,
    )
    if json:
        console.print_json(result)
        return
    _render_lookup(result, lang)


def _render_lookup(result: object, lang: str) -> None:
    assert isinstance(result, DiplomaLookup)
    where = (
        f"{result.country_name} ({result.country})"
        if result.country
        else t("cli.diploma.all_countries", lang)
    )
    console.heading(f"{result.query!r} - {where}")
    for i, m in enumerate(result.matches, 1):
        eqf = level_range(m.eqf_min, m.eqf_max)
        basis = t(f"cli.diploma.basis.{m.basis}", lang)
        console.line(
            f"{i}. [{m.score:.0f}] {m.qualification} -> {m.dutch_equivalent} "
            f"(NLQF {m.nlqf_text}, EQF {eqf}; {basis}; {m.source.key})"
        )
        if m.matched != m.qualification:
            console.line(f"   {t('cli.diploma.matched', lang)}: {m.matched}")
        if m.conditions:
            console.line(f"   {t('cli.diploma.conditions', lang)}: {'; '.join(m.conditions)}")
        if m.basis == "inferred" and m.inferred_reason:
            why = messages.data_text(m.inferred_reason, "en", lang, instead="diploma.inferred_reason")
            console.line(f"   {t('cli.diploma.inferred', lang)}: {why}")
    for key, url in dict.fromkeys((m.source.key, m.source.url) for m in result.matches):
        console.line(f"   {key}: {url}")
    for u in result.without_level:
        label = t("cli.diploma.without_level", lang)
        console.line(f"{label} ({u.score:.0f}): {u.qualification} -> {u.dutch_comparison} [{u.source.url}]")
    if result.no_comparison is not None:
        console.line(result.no_comparison.get(lang))
    console.line()
    console.heading(t("cli.diploma.official_route", lang))
    for i, step in enumerate(result.official_route, 1):
        console.line(f"{i}. {step.text.get(lang)} ({step.url})")
    console.line()
    console.line(result.caveat, style="italic")


@app.command("list")
def list_(
    ctx: typer.Context,
    country: CountryOpt = None,
    json: JsonOpt = False,
    lang: LangOpt = "nl",
) -> None:
    """``skilltool diploma list`` (its --help text: catalogue key ``help.diploma.list``). Examples:

    skilltool diploma list --country Eritrea
    """
    table = state(ctx).ref.diplomas
    code = diplomas.resolve_country_or_fail(country) if country else None
    entries = table.for_country(code)
    unlevelled = [u for u in table.without_level if code is None or u.country == code]
    if json:
        console.print_json({"entries": entries, "without_level": unlevelled})
        return
    col = console.Column

    def head(name: str) -> str:
        return t(f"cli.diploma.col.{name}", lang)

    console.table(
        [
            col(head("id"), no_wrap=True, drop=2),
            col(head("country"), no_wrap=True),
            col(head("qualification"), min_width=14),
            col(head("kind"), min_width=10, drop=3),
            col(head("comparison"), min_width=14),
            col("NLQF", no_wrap=True),
            col(head("basis"), no_wrap=True, drop=4),
            col(head("source"), no_wrap=True, drop=1),
        ],
        [
            (
                e.id,
                e.country,
                e.names.display,
                messages.name("diploma.kind", e.kind, lang),
                e.dutch_equivalent,  # the source's own wording (Dutch or English), shown as the source says
                e.nlqf.text(),
                messages.name("cli.diploma.basis_short", e.basis, lang),
                e.source,
            )
            for e in entries
        ],
        lang=lang,
    )
    for u in unlevelled:
        console.line(
            t(
                "cli.diploma.no_level",
                lang,
                id=u.id,
                country=u.country,
                name=u.names.display,
                comparison=u.dutch_comparison,
            )
        )
    console.note(t("cli.diploma.list_count", lang, entries=len(entries), unlevelled=len(unlevelled)))


@app.command()
def levels(ctx: typer.Context, json: JsonOpt = False, lang: LangOpt = "nl") -> None:
    """``skilltool diploma levels`` (its --help text: catalogue key ``help.diploma.levels``). Examples:

    skilltool diploma levels --lang en
    """
    ladder = diplomas.dutch_levels(state(ctx).ref)
    if json:
        console.print_json(ladder)
        return
    console.table(
        [t("cli.diploma.col.id", lang), t("cli.diploma.col.qualification", lang), "NLQF", "EQF"],
        [(lv.id, lv.name_nl if lang == "nl" else lv.name_en, lv.nlqf_label, lv.eqf) for lv in ladder],
        lang=lang,
    )


@app.command()
def coverage(ctx: typer.Context, json: JsonOpt = False, lang: LangOpt = "nl") -> None:
    """``skilltool diploma coverage`` (its --help text: catalogue key ``help.diploma.coverage``). Examples:

    skilltool diploma coverage
    """
    result = diploma_coverage.coverage(state(ctx).ref.diplomas, lang=lang)
    if json:
        console.print_json(result)
        return
    col = console.Column

    def head(name: str) -> str:
        return t(f"cli.diploma.col.{name}", lang)

    console.table(
        [
            col(head("country"), no_wrap=True),
            col(head("name"), min_width=8, drop=2),
            *(col(head(h), no_wrap=True, justify="right") for h in ("entries", "stated", "inferred")),
            col(head("no_level"), no_wrap=True, justify="right"),
            *(
                col(t(f"diploma.kind_short.{k}", lang), no_wrap=True, justify="right", drop=1)
                for k in DIPLOMA_KINDS
            ),
        ],
        [
            (
                r.country,
                r.country_name,
                r.entries,
                r.stated,
                r.inferred,
                r.without_level,
                *(r.by_kind.get(k, "") for k in DIPLOMA_KINDS),
            )
            for r in result.countries
        ],
        lang=lang,
    )
    missing = ", ".join(result.priority_missing) or t("cli.diploma.none_missing", lang)
    console.note(
        t(
            "cli.diploma.coverage_note",
            lang,
            covered=result.priority_covered,
            total=result.priority_total,
            missing=missing,
            entries=result.entries,
            stated=result.stated,
            inferred=result.inferred,
        )
    )
