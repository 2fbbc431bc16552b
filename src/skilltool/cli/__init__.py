"""The Typer app: parse, call the core, render. Only this package imports typer.

Each command group lives in its own module; this module wires them together and turns every
``SkilltoolError`` into one ``error: ...`` line on stderr with the error's exit code.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer
from typer.core import TyperGroup

from skilltool import __version__, batch_signals
from skilltool.batch_signals import terminate_as_interrupt
from skilltool.cli.common import ARGS, LANG_META, HelpCommand, HelpGroup, State, lang_in, output_lang
from skilltool.cli.streams import STDOUT, discard_stdout, lenient_stdin, reopen_closed, utf8_stdout
from skilltool.errors import SkilltoolError, UsageError

if TYPE_CHECKING:  # typer vendors Click as typer._click; its classes type the overridden methods
    from typer._click import Command, Context

# name -> (module under skilltool.cli, attribute). Modules are imported only when their command
# runs, so `skilltool --help` and a quick command do not pay for the whole CLI; the root's help
# lists them by their catalogue texts (help.<name>.short), without importing them.
COMMANDS: dict[str, tuple[str, str]] = {
    "intake": ("intake", "app"),
    "report": ("report", "report_cmd"),
    "profile": ("profile", "app"),
    "suggest": ("suggest", "suggest_cmd"),
    "explain": ("suggest", "explain_cmd"),
    "occupation": ("occupation", "app"),
    "skill": ("skill", "app"),
    "diploma": ("diploma", "app"),
    "batch": ("batch", "app"),
    "data": ("data", "app"),
}


@cache
def _load_command(name: str) -> Command:
    """Import the module of command ``name`` and turn its Typer app or function into a command,
    once per process: Typer builds a command from every parameter's signature and type hints (1 to
    4 ms of CPU, and the garbage of it), which a process that runs many commands in turn (the
    tests' ``CliRunner``, thousands of times) paid on every run. A Click command keeps no state of a
    run (that lives in its ``Context``); the help texts its parameters show are set at each help."""
    module_name, attr = COMMANDS[name]
    target = getattr(importlib.import_module(f"skilltool.cli.{module_name}"), attr)
    if isinstance(target, typer.Typer):
        command = typer.main.get_command(target)
        if not isinstance(command, TyperGroup):
            # Typer flattens an app with one command; keep `skilltool skill code` a group
            help_text = target.info.help if isinstance(target.info.help, str) else None
            command = HelpGroup(
                name=name, commands={command.name or "": command}, help=help_text, rich_markup_mode=None
            )
    else:
        single = typer.Typer(rich_markup_mode=None, add_completion=False)
        single.command(name, cls=HelpCommand)(target)
        command = typer.main.get_command(single)
    command.name = name
    return command


_ARGS_LANG = "skilltool.args_lang"  # ctx.meta key: --lang among all the arguments, before parsing


class _Group(HelpGroup):
    """Root group: commands load lazily, and a user's error becomes one line and an exit code.

    Bare ``skilltool`` prints this help and exits 0 (see ``HelpGroup``)."""

    def list_commands(self, ctx: Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        if cmd_name not in COMMANDS:
            return super().get_command(ctx, cmd_name)
        return _load_command(cmd_name)

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        # The command's --lang is parsed after this group's options are checked: kept for an
        # error of theirs (``root``), not for help (``--help --lang en`` stays documented as late)
        ctx.meta[_ARGS_LANG] = lang_in(args)
        ctx.meta[ARGS] = list(args)  # what an error line may repeat (``messages.without_long_args``)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Context) -> object:
        # lazy: rich (via console) adds ~60 ms to `skilltool --help`, yaml (messages) ~10 ms to --version
        from skilltool import console, messages

        try:
            return super().invoke(ctx)
        except SkilltoolError as exc:
            lang = output_lang(ctx)
            console.error(messages.without_long_args(exc.render(lang), ctx.meta.get(ARGS, ())), lang)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt as exc:
            console.note(messages.t("status.interrupted", output_lang(ctx)), always=True)
            raise typer.Exit(batch_signals.exit_code(exc)) from None
        except BrokenPipeError:  # the reader stopped (``| head``): what is still buffered goes nowhere
            discard_stdout()
            raise typer.Exit(0) from None
        except OSError as exc:  # a disk or permission problem the command did not name itself
            _os_error(exc, output_lang(ctx), ctx.meta.get(ARGS, ()))
            raise typer.Exit(1) from None


def _os_error(exc: OSError, lang: Literal["nl", "en"], args: Iterable[str]) -> None:
    """The one error line of an ``OSError`` no command named itself: its file, or standard output
    (``streams.STDOUT``), or "(a file)"."""
    from skilltool import console, messages  # lazy: rich (via console) ~60 ms, only on a disk error
    from skilltool.fsio import os_error_message  # lazy: only on a disk error; ~20 ms (measured)

    if exc.filename == STDOUT:
        discard_stdout()  # Python's flush at exit would meet the same error, a second traceback
        text = os_error_message(messages.say("errors.os.stdout"), exc).render(lang)
    else:
        where = exc.filename or messages.say("errors.os.a_file")
        text = os_error_message(where, exc, action="read_write").render(lang)
    console.error(messages.without_long_args(text, args), lang)


app = typer.Typer(
    cls=_Group,
    name="skilltool",
    help="skilltool: the help text is help.root in skilltool/messages/{nl,en}.yaml.",
    add_completion=True,
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
            show_default=False,
            metavar="DIR",
        ),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True),
    ] = False,
) -> None:
    """Common options for every command."""
    # lazy: rich (via console) adds ~60 ms to `skilltool --help`, yaml (messages) ~10 ms to --version
    from skilltool import console, messages

    console.set_quiet(quiet)
    if data_dir is not None and not data_dir.is_dir():
        # lazy: the reference module loads pydantic and every data model, hundreds of ms (measured)
        from skilltool.reference import DATA_DIR_ENV

        source = ctx.get_parameter_source("data_dir")  # typer's Click: ParameterSource
        from_env = source is not None and source.name == "ENVIRONMENT"
        given = f"{DATA_DIR_ENV}={data_dir}" if from_env else f"--data-dir {data_dir}"
        problem = "usage.data_dir_file" if data_dir.exists() else "usage.data_dir_missing"
        if ctx.meta.get(_ARGS_LANG) is not None:  # the error in the command's --lang
            ctx.meta[LANG_META] = ctx.meta[_ARGS_LANG]
        raise UsageError(messages.say(problem, given=given))
    ctx.obj = State(data_dir=data_dir)
    _warn_unusable_cache(ctx)


def _warn_unusable_cache(ctx: typer.Context) -> None:
    """One warning line when the compiled-data cache folder cannot be written (``cache_folder``):
    every command then compiled the data anew (about 30 s against 3.5 s), without a word. Given
    when the command first uses the cache (``cache_folder.tell``): not for help, nor for a command
    that loads no data."""
    if ctx.resilient_parsing or any(arg in ("--help", "-h") for arg in ctx.meta.get(ARGS, ())):
        return
    from skilltool import cache_folder, console  # lazy: as in root

    lang = ctx.meta.get(_ARGS_LANG) or output_lang(ctx)
    cache_folder.tell(lambda problem: console.warn(problem.render(lang), lang))
    ctx.call_on_close(lambda: cache_folder.tell(None))


def main() -> None:
    """Console-script entry point."""
    reopen_closed()
    utf8_stdout()
    lenient_stdin()
    terminate_as_interrupt()
    try:
        app()
    except OSError as exc:
        # outside a command's run: --help, --version or --show-completion into a full stdout
        # (``> /dev/full``) ended in Click's traceback
        if isinstance(exc, BrokenPipeError):
            discard_stdout()
            raise SystemExit(0) from None
        lang: Literal["nl", "en"] = "en" if os.environ.get("SKILLTOOL_LANG") == "en" else "nl"
        _os_error(exc, lang, sys.argv[1:])
        raise SystemExit(1) from None
