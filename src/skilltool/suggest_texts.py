"""The texts of suggestions (evidence, reasons, gaps, routes and plan steps): the ``suggest.*``
keys of the message catalogue (``skilltool/messages/{nl,en}.yaml``); ``t`` picks the language."""

from __future__ import annotations

from skilltool import messages


def t(key: str, lang: str, **kw: object) -> str:
    """The text ``suggest.<key>`` in ``lang`` (``nl``; anything else is English), its fields filled in."""
    return messages.t(f"suggest.{key}", lang, **kw)
