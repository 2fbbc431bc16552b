"""Base classes and shared field types of the schema."""

from __future__ import annotations

import re
from typing import Annotated, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from skilltool import messages


class Strict(BaseModel):
    """Base for reference-data models: unknown keys are an error, instances are immutable; a
    number is finite (NaN and infinity are refused as "not a number", not as out of range)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Record(BaseModel):
    """Base for records people build up (profiles, answers): unknown keys are an error; a number
    is finite (``NaN`` in a profile, ``nan`` or ``inf`` in a batch cell failed a bound: "must be
    at most 70.0"; now "not a number")."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)


class Bilingual(Strict):
    """A text in Dutch and in English, both required: curated data (the questionnaire, sectors,
    regulated professions) are written in both."""

    nl: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


IscoCode = Annotated[str, StringConstraints(pattern=r"^\d{1,4}$")]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
Lang = Literal["nl", "en"]
CefrLevel = Literal["pre-A1", "A1", "A2", "B1", "B2", "C1", "C2"]
CEFR_ORDER: dict[str, int] = {"pre-A1": 0, "A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6}


def invalid(kind: str, /, **context: str | int) -> PydanticCustomError:
    """A validator's error of type ``kind``, to raise: its text is the catalogue's
    ``reason.value.<kind>`` with ``context`` as its fields (English in the error; the validation
    message of a file and a batch row's reason show it in the user's language from the type).

    A kind without a catalogue text, or other fields than the text's, is a bug: ``KeyError`` /
    ``TypeError`` (``messages.say`` checks them)."""
    text = messages.say(f"reason.value.{kind}", **context).render("en")
    return PydanticCustomError(kind, text, dict(context) if context else None)


# --- numbers people type or files hold -----------------------------------------------------------

OUT_OF_RANGE = 10**18
"""What a number no integer can hold stands for in a bounded field: out of every field's range, so
that the field's own ``ge``/``le`` says what is allowed (``must be at most 60``) where pydantic
said ``int_parsing_size``."""
_LONG_DIGITS = re.compile(r"[+-]?\d{19,}")


def _whole_field(value: object) -> object:
    """A whole-number field's value before pydantic parses it: a number too large for any integer
    (thousands of digits in a cell, ``1e400`` in JSON) becomes one just as far out of range; digits
    grouped with ``_`` (which ``int()`` and pydantic read: ``1_0`` was 10) are not a number."""
    if isinstance(value, str):
        text = value.strip()
        if "_" in text:
            raise invalid("digit_groups")
        if _LONG_DIGITS.fullmatch(text):
            return -OUT_OF_RANGE if text.startswith("-") else OUT_OF_RANGE
    elif isinstance(value, float) and abs(value) >= OUT_OF_RANGE:  # NaN compares false: refused as such
        return OUT_OF_RANGE if value > 0 else -OUT_OF_RANGE
    return value


_ABOUT = re.compile(
    r"(?:(?:circa|ca\.?|ong\.|ongeveer|zo'n|rond|bijna|ruim|about|around|approx\.?|approximately"
    r"|roughly|nearly|almost)\s+|[~±≈]\s*)?(?P<n>\d+(?:[.,]\d+)?)\s*\+?\s*(?:jaar|jr\.?|years?|yrs\.?)?",
    re.IGNORECASE,
)
"""A number of years as people say it: ``circa 10``, ``ca. 2,5``, ``ongeveer 8 jaar``, ``about 10
years``, ``~6``, ``10+``. Years of work or schooling are estimates anyway; the number said is
kept (``ruim 10`` is 10), a range (``8-10``) or words (``tien``) are still refused."""


def about_number(text: str) -> str:
    """The number in a hedged answer (``circa 10`` -> ``10``, ``ca. 2,5`` -> ``2,5``), or the text
    as given when it is not one: the caller's parser then accepts or refuses it as before."""
    found = _ABOUT.fullmatch(text.strip())
    return found["n"] if found else text


def _number_field(value: object) -> object:
    """A number field's text before pydantic parses it: digits grouped with ``_`` (``5_0`` was
    read as 50 years) are not a number; a hedged number (``circa 10``) is its number."""
    if isinstance(value, str) and "_" in value:
        raise invalid("digit_groups")
    if isinstance(value, str) and (number := about_number(value)) != value:
        return number.replace(",", ".")
    return value


Number = Annotated[float | None, BeforeValidator(_number_field)]
"""A number a person gives, or None (years of work or education): as pydantic reads a float,
without the digit-group underscores Python allows; finite (``Record``). Bounds go in the field's
``Field(ge=..., le=...)``: outside the ``Annotated`` they stay the JSON Schema's ``minimum`` and
``maximum`` (inside a union member with a validator they were written as ``ge``/``le``)."""

BoundedWhole = Annotated[int | None, BeforeValidator(_whole_field)]
"""A whole number, or None, in a field with ``Field(ge=..., le=...)`` (year of birth, hours,
levels): one too large to hold is refused by the bound, which names the range. Only for bounded
fields: without a bound the stand-in would be accepted. Digit groups (``1_0``) are refused
(``digit_groups``). As ``Number``, the bounds stay in the field for the JSON Schema."""


M = TypeVar("M", bound=BaseModel)
_object_setattr = object.__setattr__
_fields_set: dict[type[BaseModel], set[str]] = {}
"""Every field is given, so the set of fields set is the same for every object of a model: shared
(fewer objects for the garbage collector; an assignment adds a name already in it, a copy copies
it)."""


def construct(model: type[M], **values: object) -> M:
    """``model_construct`` without its per-field default handling, for models built by hand from
    validated data with every field given (always the same ones per model), in declaration order
    (the coders' results, the suggestions; checked by tests that validate what was built). About
    three times faster, which matters with ten suggestions of seven parts per profile and with
    every title a bulk coding run codes."""
    return built(model, values)


def built(model: type[M], values: dict[str, object]) -> M:
    """``construct`` of a dict the caller made (its own from then on: it becomes the object's
    ``__dict__``), without packing it into keyword arguments and out again: the coder's five
    candidates a title (``_OccupationTable.candidates``)."""
    fields = _fields_set.get(model)
    if fields is None:
        fields = _fields_set[model] = set(values)
    return _new(model, values, fields)


def updated(model: M, update: dict[str, object]) -> M:
    """``model.model_copy(update=update)`` of a model with no extra and no private fields (ours:
    ``extra="forbid"``, no ``PrivateAttr``): the same shallow copy, the fields ``update`` names
    replaced unvalidated and added to the fields set, without ``copy.copy``'s three dispatches
    (``with_planned``, once a batch row; ``tests/test_models_updated.py``)."""
    return _new(type(model), {**model.__dict__, **update}, model.__pydantic_fields_set__ | update.keys())


def _new(model: type[M], values: dict[str, object], fields: set[str]) -> M:
    """An object of ``model`` holding ``values`` as they are (no validation), ``fields`` its fields
    set, no extra and no private fields: what ``built`` and ``updated`` make."""
    obj = model.__new__(model)
    _object_setattr(obj, "__dict__", values)
    _object_setattr(obj, "__pydantic_fields_set__", fields)
    _object_setattr(obj, "__pydantic_extra__", None)
    _object_setattr(obj, "__pydantic_private__", None)
    return obj
