"""Model attribute reads without pydantic's ``__getattr__`` hook, in processes only the batch runs in.

``pydantic.BaseModel`` defines ``__getattr__`` (for private attributes and extra fields, neither of
which any skilltool model has). A class with ``__getattr__`` anywhere in its bases gets CPython's
generic attribute hook, and Python 3.11 never specialises an attribute read through it: a batch
row reads model attributes some 700 times, 38 ns each with the hook against 10 ns without
(docs/scale.md, scale24; a worker's row 3-7 % less CPU without it, scale25).

The hook is taken away only for as long as a batch runs, in a process where nothing but the
batch's own code runs (the ``skilltool batch`` command, a pool worker the batch forked for its own
row processor), never in a library caller's process, whose own models (defined later, with private
attributes) would need it; and only while no model class loaded in the process needs it
(``hook_needed``). For a model without private attributes or extra fields the hook only ever
raised the same ``AttributeError`` that a plain read raises, so every answer stays the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from pydantic import BaseModel

_HOOK: Callable[[Any, str], Any] | None = BaseModel.__dict__.get("__getattr__")
"""pydantic's own ``BaseModel.__getattr__`` (None in a pydantic without one)."""


def _model_classes(root: type[BaseModel] = BaseModel) -> Iterator[type[BaseModel]]:
    for cls in root.__subclasses__():
        yield cls
        yield from _model_classes(cls)


def hook_needed() -> bool:
    """Whether a model class loaded in this process reads through the hook: one with private
    attributes (``PrivateAttr``, ``_name`` fields) or one that keeps extra fields."""
    return any(
        cls.__private_attributes__ or cls.model_config.get("extra") == "allow" for cls in _model_classes()
    )


def drop_hook() -> bool:
    """Take ``BaseModel.__getattr__`` away in this process when no loaded model needs it; whether
    it is gone now. Setting or deleting an attribute of a class updates the attribute slots of
    every class below it, so every model class reads plainly from here on."""
    if "__getattr__" not in BaseModel.__dict__:
        return True
    if hook_needed():
        return False
    delattr(BaseModel, "__getattr__")
    return True


def restore_hook() -> None:
    """Put pydantic's ``BaseModel.__getattr__`` back (``drop_hook`` undone)."""
    if _HOOK is not None and "__getattr__" not in BaseModel.__dict__:
        BaseModel.__getattr__ = _HOOK  # type: ignore[attr-defined]


@contextmanager
def plain_reads() -> Iterator[bool]:
    """Model attributes read without the hook inside the block (when ``drop_hook`` can), the hook
    back afterwards when this block took it away; yields whether reads are plain inside."""
    had = "__getattr__" in BaseModel.__dict__
    dropped = drop_hook()
    try:
        yield dropped
    finally:
        if had and dropped:
            restore_hook()
