"""The report's own labels (headings come from the questionnaire's texts): the message
catalogue's ``report.<key>`` texts (skilltool/messages/{nl,en}.yaml), by language."""

from __future__ import annotations

from skilltool import messages

_PREFIX = "report."

L: dict[str, dict[str, str]] = {
    lang: {k.removeprefix(_PREFIX): v for k, v in messages.catalogue(lang).items() if k.startswith(_PREFIX)}
    for lang in messages.LANGS
}
