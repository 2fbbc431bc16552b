"""The Typer app: parse, call the core, render. Only this package imports typer.

Each command group lives in its own module; this module wires them together and turns every
``SkilltoolError`` into one ``error: ...`` line on stderr with the error's exit code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from skilltool import __version__
from skilltool.cli.common import State
from skilltool.errors import SkilltoolError


class _Group(TyperGroup):
    """Root group: the one place where a user's error becomes a line and an exit code."""

    def invoke(self, ctx: Any) -> Any:
        from skilltool import console

        try:
            return super().invoke(ctx)
        except SkilltoolError as exc:
            console.error(exc.message)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            console.note("interrupted")
            raise typer.Exit(130) from None
        except BrokenPipeError:
            raise typer.Exit(0) from None


app = typer.Typer(
    cls=_Group,
    name="skilltool",
    help=(
        "Skills profiles, diploma indications and shortage-sector suggestions for statushouders "
        "(people with a Dutch residence permit after asylum), for municipal caseworkers.\n\n"
        "Every result is an indication for guidance, not an official evaluation.\n\n"
        "This service uses the ESCO classification of the European Commission."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"skilltool {__version__}")
        raise typer.Exit


@app.callback()
def root(
    ctx: typer.Context,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            envvar="SKILLTOOL_DATA_DIR",
            help="Folder with the reference data (default: the data/ folder of this checkout).",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Common options for every command."""
    ctx.obj = State(data_dir=data_dir)


def _register() -> None:
    from skilltool.cli import data, diploma

    app.add_typer(data.app, name="data")
    app.add_typer(diploma.app, name="diploma")
    from skilltool.cli import batch

    app.add_typer(batch.app, name="batch")
    from skilltool.cli import intake, profile, report

    app.add_typer(intake.app, name="intake")
    app.add_typer(profile.app, name="profile")
    app.command("report")(report.report_cmd)
    from skilltool.cli import suggest

    app.command("suggest")(suggest.suggest_cmd)
    app.command("explain")(suggest.explain_cmd)
    from skilltool.cli import occupation, skill

    app.add_typer(occupation.app, name="occupation")
    app.add_typer(skill.app, name="skill")


_register()


def main() -> None:
    """Console-script entry point."""
    app()
