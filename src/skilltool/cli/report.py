"""``skilltool report``: a profile as a printable report (HTML or Markdown)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from skilltool import console, fsio, intake_script, messages, profile_files, report
from skilltool.cli.common import ClientLangOpt, ForceOpt, LangOpt, state
from skilltool.errors import OutputError
from skilltool.report_doc import report_format


def report_cmd(  # noqa: PLR0917 - a command's options
    ctx: typer.Context,
    path: Annotated[
        Path,
        typer.Argument(metavar="PROFILE.json"),
    ],
    fmt: Annotated[
        Literal["html", "md"] | None,
        typer.Option("--format", show_default=False, metavar="html|md"),
    ] = None,
    lang: LangOpt = "nl",
    client_lang: ClientLangOpt = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="FILE"),
    ] = None,
    include_sensitive: Annotated[
        bool,
        typer.Option("--include-sensitive"),
    ] = False,
    force: ForceOpt = False,
) -> None:
    """``skilltool report`` (its --help text: catalogue key ``help.report``). Examples:

    skilltool report build/demo/profile.json --lang nl --client-lang ar --out report.html
    """
    intake_script.check_client_lang(client_lang)
    if out is not None:
        fsio.check_not_input(out, path)
        fsio.check_not_taken(out, force=force)
    fmt = report_format(fmt, out)
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
    with fsio.claimed(out, force=force, busy=OutputError(messages.say("errors.file.out_busy", path=out))):
        fsio.write_text(out, text)
    console.note(messages.t("status.report_written", lang, path=out))
