"""``skilltool report``: a profile as a printable report (HTML or Markdown)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from skilltool import console, fsio, intake_script, messages, profile_files, report
from skilltool.cli.common import LangOpt, state
from skilltool.models.intake import CLIENT_LANGS


def report_cmd(  # noqa: PLR0917 - a command's options
    ctx: typer.Context,
    path: Annotated[
        Path,
        typer.Argument(help="A profile JSON file written by `skilltool intake`.", metavar="PROFILE.json"),
    ],
    fmt: Annotated[
        Literal["html", "md"],
        typer.Option("--format", help="html: self-contained, printable; md: Markdown."),
    ] = "html",
    lang: LangOpt = "nl",
    client_lang: Annotated[
        str | None,
        typer.Option(
            "--client-lang",
            help=f"Show headings also in the client's language: {', '.join(CLIENT_LANGS)}.",
            metavar="LANG",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", metavar="FILE", help="Write the report here (owner-only); default: stdout."),
    ] = None,
    include_sensitive: Annotated[
        bool,
        typer.Option("--include-sensitive", help="Also show health, care duties and caseworker notes."),
    ] = False,
) -> None:
    """Turn a profile into a report to print and discuss with the client.

    Languages, education with the diploma indication, its caveat and the official route, coded
    work experience with what still needs review, skills by origin, suggestions and next steps.
    Health, family and notes are left out unless --include-sensitive.

    Example: skilltool report build/demo/profile.json --lang nl --client-lang ar --out report.html
    """
    intake_script.check_client_lang(client_lang, lang)
    profile = profile_files.read_profile(path)
    text = report.render(
        profile,
        fmt=fmt,
        lang=lang,
        client_lang=client_lang,
        include_sensitive=include_sensitive,
        ref=state(ctx).ref,
    )
    if out is None:
        console.write_text(text)
        return
    fsio.write_text(out, text)
    console.note(messages.t("status.report_written", lang, path=out))
