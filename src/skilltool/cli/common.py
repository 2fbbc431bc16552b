"""Shared bits of the command modules: the per-invocation state and common options."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

if TYPE_CHECKING:
    from skilltool.reference import ReferenceData


@dataclass
class State:
    """What the root callback learned: where the data are. Reference data load lazily."""

    data_dir: Path | None = None
    _ref: ReferenceData | None = field(default=None, repr=False)

    @property
    def ref(self) -> ReferenceData:
        if self._ref is None:
            from skilltool.reference import ReferenceData

            self._ref = ReferenceData(self.data_dir)
        return self._ref


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    if not isinstance(obj, State):  # a sub-app invoked on its own (tests)
        obj = State()
        ctx.find_root().obj = obj
    return obj


JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead of a table.")]
LangOpt = Annotated[
    Literal["nl", "en"],
    typer.Option("--lang", help="Language of labels and texts: nl or en."),
]
