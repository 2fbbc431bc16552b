"""skilltool's message catalogue: every user-facing text, one YAML file per language.

``nl.yaml`` and ``en.yaml`` (package data next to this module) map a dotted key to a text with
``str.format`` fields (``{name}``). ``t(key, lang, **params)`` picks the text and fills it in;
``name(kind, code, lang)`` shows a code (a sector, a score part, a route) by its name.

Why YAML and not gettext: the catalogue has two languages that are both written by the project
(there is no source language to extract from), tests must be able to compare keys and fields
between the two files, and a municipality reviewer can read and diff a YAML file; gettext's
``.po``/``.mo`` tooling would add a compile step and an extraction step for no gain here.

Rules (pinned by tests/test_messages.py): every key exists in both languages, with the same
fields; a key is lowercase, dotted, ``[a-z0-9_.-]``.

``nl.json`` and ``en.json`` next to them are the same texts compiled (``make messages``), with
the CRC-32 of the YAML they came from: every help page and error reads the catalogue, and the
JSON is read in about a millisecond where importing and parsing YAML took 17 ms of a 90 ms
``skilltool --help``. A JSON file that does not match its YAML (an edit not yet compiled) is
ignored and the YAML read instead, so the texts never depend on it; a test keeps them in step.
"""

from __future__ import annotations

import json
import re
import string
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

_FOLDER = Path(__file__).parent  # the catalogues are package data next to this module
Lang = Literal["nl", "en"]
LANGS: tuple[Lang, ...] = ("nl", "en")

__all__ = [
    "LANGS",
    "Lang",
    "Say",
    "Stand",
    "catalogue",
    "compiled",
    "data_text",
    "fields",
    "key_fields",
    "lang_of",
    "name",
    "say",
    "section",
    "t",
    "write_compiled",
]


def lang_of(lang: str | None) -> Lang:
    """``nl`` for Dutch, ``en`` for anything else (the tool's two output languages)."""
    return "nl" if lang == "nl" else "en"


@cache
def catalogue(lang: Lang) -> dict[str, str]:
    """All texts of ``lang``, by key (read once from the package data): the compiled JSON when
    it matches the YAML, else the YAML itself."""
    raw = (_FOLDER / f"{lang}.yaml").read_bytes()
    try:
        stored = json.loads((_FOLDER / f"{lang}.json").read_bytes())
    except (OSError, ValueError):  # not there (an edited checkout) or damaged: the YAML decides
        stored = None
    if isinstance(stored, dict) and stored.get("source_crc32") == zlib.crc32(raw):
        texts = stored.get("texts")
        if isinstance(texts, dict):
            return texts
    return _parse(raw, lang)


def _parse(raw: bytes, lang: Lang) -> dict[str, str]:
    # lazy: yaml costs 9 ms to import, and only a catalogue edited but not compiled needs it
    import yaml

    # libyaml's loader when PyYAML has it: the same result, ~20x faster than the pure-Python one
    data = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):  # pragma: no cover - the files are checked by the tests
        raise ValueError(f"skilltool/messages/{lang}.yaml: expected a mapping of key to text")
    return data


def compiled(lang: Lang) -> str:
    """The JSON ``catalogue`` reads for ``lang``: its YAML's texts and CRC-32 (``make messages``
    writes it next to the YAML; tests/test_messages.py checks that it is current)."""
    raw = (_FOLDER / f"{lang}.yaml").read_bytes()
    body = {"source_crc32": zlib.crc32(raw), "texts": _parse(raw, lang)}
    return json.dumps(body, ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def write_compiled(folder: Path | None = None) -> list[Path]:
    """``compiled`` of every language written to ``folder`` (default: next to the YAML)."""
    written = []
    for lang in LANGS:
        target = (folder or _FOLDER) / f"{lang}.json"
        target.write_text(compiled(lang), encoding="utf-8")
        written.append(target)
    return written


@cache
def section(prefix: str, lang: Lang) -> dict[str, str]:
    """The texts of ``lang`` whose key starts with ``<prefix>.``, by the rest of the key (for code
    that looks up many texts of one section, such as the report's labels)."""
    dot = f"{prefix}."
    return {k.removeprefix(dot): v for k, v in catalogue(lang).items() if k.startswith(dot)}


def fields(text: str) -> set[str]:
    """The ``str.format`` field names in ``text``."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@cache
def key_fields(key: str) -> frozenset[str] | None:
    """The field names of ``key`` (the same in both languages, pinned by the tests); None when
    the catalogue has no such key."""
    text = catalogue("en").get(key)
    return None if text is None else frozenset(fields(text))


_DUTCH_MARKS = str.maketrans(",.", ".,")
"""A thousands comma and a decimal point swapped, as Dutch writes them (made once)."""


def number(value: float, lang: str, /, *, digits: int = 0) -> str:
    """``value`` as a reader of ``lang`` writes it: ``3.000`` and ``29,5`` in Dutch, ``3,000`` and
    ``29.5`` in English (a Dutch summary said "Rijen gelezen 3,000", which reads as three)."""
    text = f"{value:,.{digits}f}"
    return text.translate(_DUTCH_MARKS) if lang == "nl" else text


def t(key: str, lang: str, /, **params: object) -> str:
    """The text ``key`` in ``lang`` (``nl``; anything else is English), its fields filled in.

    A missing key is a bug (``KeyError``), never a silent fallback to the other language.
    ``key`` and ``lang`` are positional-only: a text may have fields called ``key`` or ``lang``."""
    text = catalogue(lang_of(lang))[key]
    return text.format(**params) if params else text


def name(kind: str, code: str, lang: str) -> str:
    """The display name of a code (``kind`` ``sector``, ``part``, ``route``, ``flag``, ...):
    catalogue key ``<kind>.<code>``; a code without one is shown as is (a test pins that every
    code the tool emits has one)."""
    return catalogue(lang_of(lang)).get(f"{kind}.{code}", code)


def data_text(text: str | None, text_lang: Lang, lang: str, *, instead: str) -> str:
    """A text the data holds in one language only (``text_lang``, e.g. the diploma table's
    English ``inferred_reason``): as written when the output is in that language, else the
    catalogue text ``instead`` in ``lang``; never a sentence in the other language."""
    if lang_of(lang) == text_lang and text:
        for old, new in RETIRED_POINTERS:
            text = text.replace(old, new)
        return text
    return t(instead, lang)


RETIRED_POINTERS = (("(data/dutch_qualifications.yaml)", "(shown by skilltool diploma levels)"),)
"""Pointers the diploma table's texts held before user16, still in the copies older profiles
store: a caseworker reading a report has no data folder, so they read as the table reads now."""


@dataclass(frozen=True)
class Say:
    """A text not yet rendered: a catalogue key and its parameters, for a message made where the
    output language is unknown (an error raised by the core, rendered by the CLI in the command's
    ``--lang``). A parameter may itself be a ``Say`` (rendered in the same language) or any value
    shown with ``str`` (a path, a row number, a column name)."""

    key: str
    params: dict[str, object] = field(default_factory=dict)

    def render(self, lang: str) -> str:
        """The text in ``lang`` (``nl``; anything else is English), nested ``Say`` rendered too."""
        params = {k: v.render(lang) if isinstance(v, Say) else v for k, v in self.params.items()}
        return t(self.key, lang, **params)

    def __str__(self) -> str:
        return self.render("en")


class _Bare(str):
    """A text that ``!r`` shows as it is, without quotes (``Stand``)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return str.__str__(self)


class Stand(Say):
    """A ``Say`` that stands in a message for what a person typed (``the answer``, ``item 3``):
    rendered without the quotes a ``{value!r}`` field puts around the text it would have shown,
    so one catalogue text serves the interview (which repeats the answer just typed) and a file's
    error (which does not)."""

    def render(self, lang: str) -> str:
        return _Bare(super().render(lang))


def clip(text: str, limit: int) -> str:
    """``text`` as a message may show it: cut to ``limit`` characters, the last one an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


_LONG_NUMBER = re.compile(r"\d{8,}")
# A number as people write a BSN or a phone number: eight digits in a row, or nine and more with a
# space, a dot, a dash or a slash between groups (``123 456 782``, ``06 1234 5678``, ``+31 6 ...``);
# a date (``14-03-1987``, eight digits) stays as it is. And an e-mail address.
_IDENTIFYING_NUMBER = re.compile(r"\d{8,}|\d(?:[ ./-]?\d){8,}")
# An address starts where a run of its characters starts (the look-behind): tried from every
# position, a 200,000-character cell without an ``@`` took minutes (quadratic backtracking).
_EMAIL = re.compile(r"(?<![^\s@'\"<>])[^\s@'\"<>]+@[^\s@'\"<>]+")


def masked(text: str) -> str:
    """``text`` as an error or a warning may repeat it: a BSN or a phone number, grouped or not, as
    ``########``, an e-mail address as ``###@###``."""
    return _IDENTIFYING_NUMBER.sub("########", _EMAIL.sub("###@###", text))


_NAME_MAX = 255  # no file or folder name is longer: an argument with a longer part names no file


def without_long_args(text: str, args: Iterable[str], limit: int = 60) -> str:
    """``text`` (an error line) with every command-line argument it repeats that names no file (a
    part between slashes longer than any file name) cut to ``limit`` characters, long numbers in it
    as ``########``. A text pasted as an option's value (``--client-lang``, ``--delimiter``,
    ``--column``, a choice Click checks) was repeated whole: a 100 KB line holding whatever was
    pasted, a BSN too. Paths stay whole: an error names its file."""
    values = {a.partition("=")[2] if a.startswith("--") and "=" in a else a for a in args}
    long = (v for v in values if len(v) > limit and max(map(len, re.split(r"[/\\]", v))) > _NAME_MAX)
    for value in sorted(long, key=len, reverse=True):
        if value in text:
            text = text.replace(value, clip(_LONG_NUMBER.sub("########", value), limit))
    return text


def say(key: str, /, **params: object) -> Say:
    """``Say(key, params)``: the text ``key`` with its fields, to be rendered later.

    A key the catalogue lacks, or fields that differ from the key's, is a bug: raised here, at
    the place that made the message, not later when an error is shown (``KeyError``/``TypeError``).
    """
    want = key_fields(key)
    if want is None:
        raise KeyError(f"{key!r} is not a message catalogue key")
    if set(params) != want:
        raise TypeError(f"{key!r} takes the fields {sorted(want)}, not {sorted(params)}")
    return Say(key, params)
