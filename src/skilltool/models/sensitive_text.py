"""Whether words a caseworker typed tell a health or family detail: an agreed next step is kept as
written ("afspraak bedrijfsarts over rugklachten", "eerst kinderopvang regelen"), and such a step
must not reach employer-facing or research output (``NextStep.public``). Dutch and English word
parts, matched inside a word too (compounds: *rugklachten*, *kinderopvang*); a word list finds what
it knows, so the report's default is to hold back what it finds and to show the rest, as the
caseworker wrote it for the talk the report is printed for."""

from __future__ import annotations

from skilltool.textnorm import clean

_PARTS = (
    # health: illness, care of the body or the mind, the professions and places of care
    "ziek",
    "klacht",
    "pijn",
    "huisarts",
    "bedrijfsarts",
    "dokter",
    "doctor",
    "medisch",
    "medical",
    "medicijn",
    "medicatie",
    "medication",
    "therap",
    "psycho",
    "psychi",
    "ggz",
    "trauma",
    "ptss",
    "ptsd",
    "depress",
    "angst",
    "anxiety",
    "burnout",
    "burn-out",
    "zwanger",
    "pregnan",
    "handicap",
    "beperking",
    "disab",
    "invalid",
    "operatie",
    "surgery",
    "hernia",
    "diabet",
    "epilep",
    "revalid",
    "rehabil",
    "fysio",
    "physio",
    "verslav",
    "addict",
    "health",
    "gezondheid",
    "sick",
    "illness",
    "injur",
    "letsel",
    "blessure",
    "ziekenhuis",
    "hospital",
    "kliniek",
    "clinic",
    "wao",
    "wia",
    "arbeidsongeschikt",
    "keuring",
    # family: children and their care, partners, relatives, family reunion
    "kinder",
    "child",
    "opvang",
    "childcare",
    "baby",
    "zoon",
    "dochter",
    "daughter",
    "partner",
    "echtgeno",
    "husband",
    "wife",
    "scheiding",
    "divorce",
    "gezin",
    "familie",
    "family",
    "mantelzorg",
    "moeder",
    "vader",
    "mother",
    "father",
    "parent",
    "hereniging",
    "reunion",
    "weduw",
    "widow",
)
_WHOLE = frozenset(
    ("arts", "kind", "ouder", "ouders", "son", "sons", "mum", "mom", "dad", "kid", "kids", "care", "zorg")
)
"""Short words that are parts of too many others ("starts", "kinds", "ouderen", "person", "careful",
"zorgvuldig") to match inside."""


def tells_health_or_family(text: str) -> bool:
    """Whether ``text`` holds a word of health or family (``_PARTS`` inside a word, ``_WHOLE`` whole)."""
    words = clean(text).split()
    return any(w in _WHOLE or any(part in w for part in _PARTS) for w in words)
