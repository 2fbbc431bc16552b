"""Shorthand of a hurried case file, written out before a title is normalised: "mdw schoonmaak",
"heftr.ch. magazijn", "admin. mdw ministerie", "maatsch. werker". Abbreviations a Dutch
caseworker writes with a full stop (and a few that need none) become the words the labels use.

Only forms that are no word of their own with the stop: "ass." (assistent), not "ass"; a word
that ends in one of them is left alone ("pakketbez."), and so are abbreviations of words that
the coder would then take for a whole label by themselves (a title is for the labels to read).
"""

from __future__ import annotations

import re

_WITH_STOP = {
    "ass": "assistent",
    "assist": "assistent",
    "admin": "administratief",
    "adm": "administratief",
    "maatsch": "maatschappelijk",
    "tel": "telefoon",
    "heftr": "heftruck",
    "ch": "chauffeur",
    "chauf": "chauffeur",
    "chauff": "chauffeur",
    "vrachtw": "vrachtwagen",
    "rest": "restaurant",
    "techn": "technisch",
    "med": "medisch",
    "ing": "ingenieur",
    "ir": "ingenieur",
    "bez": "bezorger",
    "trad": "traditioneel",
    "opl": "opleiding",
    "internat": "internationaal",
    "zelfst": "zelfstandig",
    "medew": "medewerker",
}
"""Written with a full stop (or a hyphen or a slash after it, as in "heftr.ch.")."""
_ALONE = {"mdw": "medewerker", "mdwr": "medewerker", "mdwst": "medewerkster", "mnd": "maanden"}
"""Written without one too: no word of Dutch or English."""

_SHORT = re.compile(
    r"(?<!\w)(?:(?P<stop>" + "|".join(sorted(_WITH_STOP, key=len, reverse=True)) + r")\."
    r"|(?P<alone>" + "|".join(sorted(_ALONE, key=len, reverse=True)) + r")\b\.?)",
    re.IGNORECASE,
)
_NEEDS = re.compile(r"\.|\b(?:" + "|".join(_ALONE) + r")\b", re.IGNORECASE)


def written_out(text: str) -> str:
    """``text`` with the shorthand of ``_WITH_STOP`` and ``_ALONE`` written out."""
    if "." not in text and "md" not in (low := text.lower()) and "mn" not in low:
        return text  # most titles: every match of ``_NEEDS`` holds one of these (a search tries each place)
    if not _NEEDS.search(text):  # no full stop and no shorthand word
        return text
    return _SHORT.sub(_word, text)


def _word(found: re.Match[str]) -> str:
    stop, alone = found.group("stop"), found.group("alone")
    return (_WITH_STOP[stop.lower()] if stop else _ALONE[alone.lower()]) + " "
