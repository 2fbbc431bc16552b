"""``skilltool intake languages``: how much of each client language is translated and reviewed
(a table), one language's missing and unreviewed texts on request, and the review workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from skilltool import console, intake_script, messages
from skilltool.cli.common import ForceOpt, JsonOpt, LangOpt, state
from skilltool.errors import UsageError
from skilltool.languages import language_name
from skilltool.models.intake import CLIENT_LANGS


def languages_cmd(  # noqa: PLR0917 - a Typer command: its options are its parameters
    ctx: typer.Context,
    language: Annotated[str | None, typer.Argument(metavar="LANG")] = None,
    json_out: JsonOpt = False,
    export: Annotated[
        str | None,
        typer.Option(
            "--export",
            metavar="LANG",
        ),
    ] = None,
    import_file: Annotated[
        Path | None,
        typer.Option(
            "--import",
            metavar="FILE.xlsx",
        ),
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", metavar="FILE.xlsx")] = None,
    reviewer: Annotated[
        str | None,
        typer.Option("--reviewer", metavar="INITIALS"),
    ] = None,
    lang: LangOpt = "nl",
    force: ForceOpt = False,
) -> None:
    """``skilltool intake languages`` (its --help text: catalogue key ``help.intake.languages``). Examples:

    skilltool intake languages
    skilltool intake languages ti
    skilltool intake languages --export ar --out ar.xlsx
    """
    if export is not None or import_file is not None:
        # lazy: the review workbook needs openpyxl (slow to import); only --export/--import load it
        from skilltool.cli import translation_review

        if export is not None and import_file is not None:
            raise UsageError(messages.t("usage.one_of", lang, first="--export", second="--import"))
        if import_file is not None:
            translation_review.import_(state(ctx).ref, import_file, reviewer, ui_lang=lang)
        else:
            translation_review.export(state(ctx).ref, export or "", out, ui_lang=lang, force=force)
        return
    wanted = language.strip().casefold() if language is not None else None
    if wanted is not None and wanted not in (*CLIENT_LANGS, "all"):
        # one line, as --client-lang says it: what was given and what can be
        raise UsageError(
            messages.t("usage.languages_lang", lang, given=repr(language), choices=", ".join(CLIENT_LANGS))
        )
    statuses = intake_script.languages_report(state(ctx).ref)
    if json_out:
        console.print_json(statuses if wanted in (None, "all") else [s for s in statuses if s.lang == wanted])
        return
    console.table(
        [
            messages.t(f"translation.col.{c}", lang)
            for c in ("lang", "name", "dir", "texts", "reviewed", "missing", "unreviewed")
        ],
        [
            (
                s.lang,
                f"{language_name(s.lang, lang)} ({s.name})",  # in --lang: "Arabisch", "Arabic"
                s.direction,
                f"{s.texts}/{s.total}",
                s.reviewed,
                len(s.missing),
                len(s.unreviewed),
            )
            for s in statuses
        ],
    )
    if wanted is None:
        # every id of every language was 386 lines under the table: the ids on request
        unknown = [s.lang for s in statuses if s.unknown]
        if unknown:  # an id the questionnaire no longer has is a data problem: always said
            console.wrapped(messages.t("translation.unknown_langs", lang, langs=", ".join(unknown)))
        console.wrapped(messages.t("translation.ids_hint", lang))
        return
    for s in statuses:
        if wanted not in (s.lang, "all"):
            continue
        for key, ids in (("missing", s.missing), ("unreviewed", s.unreviewed), ("unknown", s.unknown)):
            if ids or key != "unknown":
                text = messages.t(
                    f"translation.{key}_ids", lang, language=s.lang, n=len(ids), ids=", ".join(ids) or "-"
                )
                console.wrapped(text)
