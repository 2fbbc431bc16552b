"""Stored sentences as facts: a message catalogue key with its parameters (``Text``), rendered in
the output's language at the edge (``Text.render``, ``say``). A profile's suggestions and next
steps store them (schema version 4), so a profile made in Dutch reports in English with no
derivation again, whatever the reference data say by then."""

from __future__ import annotations

from pydantic import Field, SerializeAsAny, model_validator

from skilltool import messages
from skilltool.models.base import Lang, Record, invalid


def _none(value: object) -> bool:
    return value is None


def _empty(value: object) -> bool:
    return not value


class Words(Record):
    """A word or phrase from the reference data (an ESCO label, a sector or profession name, a
    tightness text) in both output languages, as a parameter of a ``Text``."""

    nl: str
    en: str


class Join(Record):
    """Parameters shown one after the other, ``sep`` between them (a list of wishes, a sentence
    and its addition)."""

    items: SerializeAsAny[list[TextParam]]
    sep: str = ", "


class Text(Record):
    """A sentence stored as a fact: a message catalogue key with its parameters, rendered in the
    output's language by ``render``; or, from an older profile, a sentence that matched no catalogue
    text, kept ``written`` as it was in ``lang`` (marked when shown in the other language)."""

    key: str | None = Field(default=None, description="Message catalogue key, e.g. 'suggest.r_skills'.")
    params: SerializeAsAny[dict[str, TextParam]] = Field(default_factory=dict, exclude_if=_empty)
    written: str | None = Field(
        default=None, exclude_if=_none, description="Legacy: the sentence as written (no key)."
    )
    lang: Lang | None = Field(
        default=None, exclude_if=_none, description="Legacy: the language ``written`` is in."
    )

    @model_validator(mode="after")
    def _known(self) -> Text:
        """A key the catalogue has, with exactly its fields (a profile from a newer tool, or edited
        by hand, fails on load with the key named instead of later in a report)."""
        if self.key is None:
            if self.written is None:
                raise invalid("text_empty")
            return self
        want = messages.key_fields(self.key)
        if want is None:
            raise invalid("text_key", name=repr(self.key))
        if set(self.params) != want:
            raise invalid(
                "text_fields",
                name=repr(self.key),
                want=", ".join(sorted(want)) or "-",
                given=", ".join(sorted(self.params)) or "-",
            )
        return self

    def render(self, lang: str) -> str:
        """The sentence in ``lang`` (``nl``; anything else is English)."""
        if self.key is None:
            text = self.written or ""
            if self.lang is not None and self.lang != messages.lang_of(lang):
                text += f" ({messages.t('profile.legacy_text', lang)})"
            return text
        text = messages.catalogue(messages.lang_of(lang))[self.key]
        if not self.params:
            return text
        return text.format(**{k: _value(v, lang) for k, v in self.params.items()})


TextParam = int | float | str | Words | Text | Join
"""A parameter of a ``Text``: a number or code (the same in every language), a data word in both
languages, or another text."""


def _value(value: TextParam, lang: str) -> object:
    if isinstance(value, Text):
        return value.render(lang)
    if isinstance(value, Words):
        return value.nl if messages.lang_of(lang) == "nl" else value.en
    if isinstance(value, Join):
        return value.sep.join(str(_value(v, lang)) for v in value.items)
    return value


Join.model_rebuild()
Text.model_rebuild()


def say(text: str | Text | None, lang: str) -> str:
    """A stored text in ``lang``: a ``Text`` rendered, a plain string (the caseworker's own words)
    as written, nothing as ''."""
    if text is None:
        return ""
    return text if isinstance(text, str) else text.render(lang)
