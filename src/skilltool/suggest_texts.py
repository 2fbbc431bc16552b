"""The texts of suggestions (evidence, reasons, gaps, routes and plan steps): the ``suggest.*``
keys of the message catalogue (``skilltool/messages/{nl,en}.yaml``). ``x`` stores one as a fact
(a ``Text``: key and parameters, rendered in the output's language at the edge); ``t`` words one
in a language now (texts that are not stored, such as empty slots)."""

from __future__ import annotations

from functools import cache
from typing import TypeVar

from pydantic import BaseModel

from skilltool import messages
from skilltool.models import Text, Words

M = TypeVar("M", bound=BaseModel)
_object_setattr = object.__setattr__


def construct(model: type[M], **values: object) -> M:
    """``model_construct`` without its per-field default handling, for models built here by hand
    with every field given, in declaration order (checked by test_constructed_models_are_valid).
    About three times faster, which matters with ten suggestions of seven parts per profile."""
    obj = model.__new__(model)
    _object_setattr(obj, "__dict__", values)
    _object_setattr(obj, "__pydantic_fields_set__", set(values))
    _object_setattr(obj, "__pydantic_extra__", None)
    _object_setattr(obj, "__pydantic_private__", None)
    return obj


@cache
def _texts(lang: str) -> dict[str, str]:
    """The ``suggest.*`` texts of ``lang`` by their short key (built once per language: ``t`` runs
    some 130 times per profile, and building ``suggest.<key>`` each time showed in bench/suggest)."""
    return {
        k.removeprefix("suggest."): v
        for k, v in messages.catalogue(messages.lang_of(lang)).items()
        if k.startswith("suggest.")
    }


@cache
def _key(short: str) -> str:
    return f"suggest.{short}"


def t(key: str, lang: str, **kw: object) -> str:
    """The text ``suggest.<key>`` in ``lang`` (``nl``; anything else is English), its fields filled in."""
    text = _texts(lang)[key]
    return text.format(**kw) if kw else text


def x(key: str, **params: object) -> Text:
    """The text ``suggest.<key>`` as a fact: its key and ``params`` (numbers and codes, ``Words``
    for data words, other ``Text``), rendered in any language by ``Text.render``. Built without
    validation (``construct``): tests check the keys and fields of every text ``suggest`` makes."""
    return construct(Text, key=_key(key), params=params, written=None, lang=None)


def words(nl: str, en: str) -> Words:
    """A data word in both languages (built without validation, like ``x``)."""
    return construct(Words, nl=nl, en=en)


def pair(values: tuple[str, str]) -> Words:
    """``words`` from a (Dutch, English) pair, as the suggest index keeps its names."""
    return construct(Words, nl=values[0], en=values[1])
