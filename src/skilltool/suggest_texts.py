"""The texts of suggestions (evidence, reasons, gaps, routes and plan steps): the ``suggest.*``
keys of the message catalogue (``skilltool/messages/{nl,en}.yaml``). ``x`` stores one as a fact
(a ``Text``: key and parameters, rendered in the output's language at the edge); ``t`` words one
in a language now (texts that are not stored, such as empty slots)."""

from __future__ import annotations

from functools import cache

from skilltool import messages
from skilltool.models import Join, Text, Words
from skilltool.models.base import construct


@cache
def _texts(lang: str) -> dict[str, str]:
    """The ``suggest.*`` texts of ``lang`` by their short key (built once per language: ``t`` runs
    some 130 times per profile, and building ``suggest.<key>`` each time showed in bench/suggest)."""
    return messages.section("suggest", messages.lang_of(lang))


@cache
def _key(short: str) -> str:
    return f"suggest.{short}"


def t(key: str, lang: str, **kw: object) -> str:
    """The text ``suggest.<key>`` in ``lang`` (``nl``; anything else is English), its fields filled in."""
    text = _texts(lang)[key]
    return text.format(**kw) if kw else text


_NO_PARAMS: dict[str, object] = {}


def _text(key: str, params: dict[str, object]) -> Text:
    return construct(Text, key=key, params=params, written=None, lang=None)


@cache
def _plain(short: str) -> Text:
    """A text without parameters, built once and shared (suggestions are never changed in place)."""
    return _text(_key(short), _NO_PARAMS)


_shared: dict[tuple[object, ...], Text] = {}
_shared_before: dict[tuple[object, ...], Text] = {}
# per generation (the current one and the one before); 25,000 held 10 MB more in bench/suggest
# (peak while suggesting 141 -> 131 MB) at the same rate: the texts in use fit in far fewer
_SHARED_MAX = 5_000
_SCALARS = (int, str)


def x(key: str, **params: object) -> Text:
    """The text ``suggest.<key>`` as a fact: its key and ``params`` (numbers and codes, ``Words``
    for data words, other ``Text``), rendered in any language by ``Text.render``. Built without
    validation; tests check the keys and fields of every text ``suggest`` makes.

    Texts are never changed in place, so each is built once and shared: ``suggest`` makes some
    150 texts per profile, and as new objects they kept the garbage collector busy (bench/suggest:
    its time in collections went from 0.6 to 4 seconds per 1,500 profiles). The memo's key is the
    text's whole input: the key, each number or code by value (``int`` and ``str`` only, so that
    1, 1.0 and True stay apart) and each other parameter (a ``Words``, a ``Text``, a float) by
    identity. Most of those are themselves shared (a candidate's label and sector name, the level
    basis, ``words`` below); an entry holds its parameters, so an identity in a key cannot be
    reused by another object while the entry exists. A text with a ``Join`` (a list built for it)
    is built anew: kept, such texts filled the memo with entries never met again (50 MB per
    worker). Bounded by generations (``_generation``)."""
    if not params:
        return _plain(key)
    memo: list[object] = [key]
    for name, value in params.items():
        kind = type(value)
        if kind is Join:  # a list made for this text alone: never met again, so not kept
            return _text(_key(key), params)
        memo.append((name, value) if kind in _SCALARS else (name, kind, id(value)))
    found = tuple(memo)
    hit = _shared.get(found)
    if hit is None:
        hit = _shared_before.get(found)
        if hit is None:
            hit = _text(_key(key), params)
        if len(_shared) >= _SHARED_MAX:
            _generation()
        _shared[found] = hit
    return hit


def _generation() -> None:
    """The memos of ``x`` and ``words`` are full: the current generation becomes the one before and
    the one before is dropped. A miss looks in the one before first, so what is in use is carried
    over and never built twice; what was not met for a whole generation goes (instead of emptying
    the memo and building every text in use again). At most two generations are kept."""
    global _shared, _shared_before, _words, _words_before
    if len(_shared) >= _SHARED_MAX:
        _shared_before, _shared = _shared, {}
    if len(_words) >= _SHARED_MAX:
        _words_before, _words = _words, {}


_words: dict[tuple[str, str], Words] = {}
_words_before: dict[tuple[str, str], Words] = {}


def words(nl: str, en: str) -> Words:
    """A data word in both languages (built without validation, like ``x``; one object per pair
    of strings, shared like the texts, so that a text with it as a parameter is shared too).
    Bounded by generations, like ``x``'s memo."""
    hit = _words.get((nl, en))
    if hit is None:
        hit = _words_before.get((nl, en))
        if hit is None:
            hit = construct(Words, nl=nl, en=en)
        if len(_words) >= _SHARED_MAX:
            _generation()
        _words[nl, en] = hit
    return hit


def pair(values: tuple[str, str]) -> Words:
    """``words`` from a (Dutch, English) pair, as the suggest index keeps its names."""
    return words(values[0], values[1])


def then(*items: Text) -> Join:
    """Sentences one after the other (a step and its addition)."""
    return construct(Join, items=list(items), sep="")


def skills_text(key: str, e: int, ne: int, k: int) -> Text:
    """``key`` ('r_skills', 'fit_skills'): ``e`` of ``ne`` essential skills held; when ``k`` of them
    come only from a flagged, unconfirmed code (``Person.likely``), worded as likely (all of them) or
    with how many are (some), never as plainly held (twenty-seventh review)."""
    if not k:
        return x(key, e=e, ne=ne)
    return x(f"{key}_likely", e=e, ne=ne) if k == e else x(f"{key}_partly", e=e, ne=ne, k=k)
