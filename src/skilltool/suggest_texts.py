"""The texts of suggestions (evidence, reasons, gaps, routes and plan steps): the ``suggest.*``
keys of the message catalogue (``skilltool/messages/{nl,en}.yaml``); ``t`` picks the language."""

from __future__ import annotations

from functools import cache

from skilltool import messages


@cache
def _texts(lang: str) -> dict[str, str]:
    """The ``suggest.*`` texts of ``lang`` by their short key (built once per language: ``t`` runs
    some 130 times per profile, and building ``suggest.<key>`` each time showed in bench/suggest)."""
    return {
        k.removeprefix("suggest."): v
        for k, v in messages.catalogue(messages.lang_of(lang)).items()
        if k.startswith("suggest.")
    }


def t(key: str, lang: str, **kw: object) -> str:
    """The text ``suggest.<key>`` in ``lang`` (``nl``; anything else is English), its fields filled in."""
    text = _texts(lang)[key]
    return text.format(**kw) if kw else text
