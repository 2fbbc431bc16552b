"""An unknown key in a file, named without showing it: where it is and which field was meant.

A hand-edited profile, draft or answers file may hold a person's name, a phone number or a note
typed as a key (``"Jansen": ...``): an error line that repeated the key repeated that (the
fourteenth review masked only long numbers). A key that is no field name of ours is not shown;
the error names the place it is in (``personal``) and the field nearest to it, or the fields that
may stand there.
"""

from __future__ import annotations

import difflib
import functools
import types
from collections.abc import Iterator, Sequence
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

_CLOSE = 0.75
"""``difflib`` ratio from which a key is read as a typo of a field (``clinet_id``, ``birthyear``);
below it the fields are listed instead. A name is not that close to a field name."""
MAX_LISTED = 10


def _models(root: type[BaseModel] = BaseModel) -> Iterator[type[BaseModel]]:
    for sub in root.__subclasses__():
        if sub.__module__.startswith("skilltool."):
            yield sub
        yield from _models(sub)


def _inner(annotation: Any, part: int | str) -> Any:
    """The type one step of a location further in (``part`` a field, a list index or a dict key)."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        for arg in get_args(annotation):
            if (found := _inner(arg, part)) is not None:
                return found
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(part))
        return None if field is None else field.annotation
    args = get_args(annotation)
    if origin in (list, tuple, set, frozenset, Sequence) and isinstance(part, int) and args:
        return args[0]
    if origin is dict and len(args) == 2 and isinstance(part, str):
        return args[1]
    return None


def _fields(annotation: Any) -> list[str]:
    if get_origin(annotation) in (Union, types.UnionType):
        return next((f for a in get_args(annotation) if (f := _fields(a))), [])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [f.alias or name for name, f in annotation.model_fields.items()]
    return []


def fields_at(title: str, loc: Sequence[int | str]) -> list[str]:
    """The fields of the model named ``title`` (a ``ValidationError``'s) at location ``loc``; none
    when the location does not lead to a model (a union's tag, a model of another name)."""
    for model in _models():
        if model.__name__ != title:
            continue
        annotation: Any = model
        for part in loc:
            if (annotation := _inner(annotation, part)) is None:
                break
        else:
            if found := _fields(annotation):
                return found
    return []


@functools.cache
def _every_field() -> frozenset[str]:
    return frozenset(f.alias or name for model in _models() for name, f in model.model_fields.items())


def is_field(key: str) -> bool:
    """Whether ``key`` is the name of a field somewhere in skilltool's models (``circumstances``
    in an intake that switched that section off; a field in the wrong place): a name of ours,
    shown as it is, where any other key is not."""
    return key in _every_field()


def nearest(key: str, fields: Sequence[str]) -> str | None:
    """The field ``key`` is a typo of, if one is that close (case and dashes aside)."""
    typed = key.strip().lower().replace("-", "_").replace(" ", "_")
    close = difflib.get_close_matches(typed, list(fields), n=1, cutoff=_CLOSE)
    return close[0] if close else None
