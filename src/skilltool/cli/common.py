"""Shared bits of the command modules: the per-invocation state and common options."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer
from typer.core import TyperGroup

if TYPE_CHECKING:
    from typer._click import Context  # typer vendors Click; its Context types the override

    from skilltool.reference import ReferenceData


@dataclass
class State:
    """What the root callback learned: where the data are. Reference data load lazily."""

    data_dir: Path | None = None
    _ref: ReferenceData | None = field(default=None, repr=False)

    @property
    def ref(self) -> ReferenceData:
        if self._ref is None:
            # lazy: the reference module loads pydantic and every data model, hundreds of ms (measured)
            from skilltool.reference import ReferenceData

            self._ref = ReferenceData(self.data_dir)
        return self._ref


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    if not isinstance(obj, State):  # a sub-app invoked on its own (tests)
        obj = State()
        ctx.find_root().obj = obj
    return obj


class HelpGroup(TyperGroup):
    """A command group that, called without a command, prints its help on stdout and exits 0.

    (Click's ``no_args_is_help`` exits 2, as for a usage error; asking a group what it does is
    not an error.) Every group of the CLI uses this class, the root included.
    """

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        if not args and not ctx.resilient_parsing:
            typer.echo(ctx.get_help())
            ctx.exit(0)
        return super().parse_args(ctx, args)


def group(help: str, *, cls: type[HelpGroup] = HelpGroup) -> typer.Typer:
    """A sub-app (``skilltool diploma`` ...) in the CLI's one help style: plain text help (no rich
    boxes, flags without a ``<bool>`` metavar), help on a bare call, completion only at the top."""
    return typer.Typer(help=help, cls=cls, rich_markup_mode=None, add_completion=False)


LANG_META = "skilltool.lang"  # ctx.meta key (shared by all contexts of one invocation)


def _remember_lang(ctx: typer.Context, value: str) -> str:
    ctx.meta[LANG_META] = value
    return value


def output_lang(ctx: Context) -> Literal["nl", "en"]:
    """The language the command speaks: its ``--lang`` once parsed, else ``SKILLTOOL_LANG``, else
    Dutch (the root group renders a core error in it, whatever command raised it)."""
    lang = ctx.meta.get(LANG_META) or os.environ.get("SKILLTOOL_LANG")
    return "en" if lang == "en" else "nl"


JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead of a table.")]
LangOpt = Annotated[
    Literal["nl", "en"],
    typer.Option(
        "--lang",
        envvar="SKILLTOOL_LANG",
        callback=_remember_lang,
        help="Language of labels, texts and errors: nl or en (default nl, or SKILLTOOL_LANG).",
    ),
]
