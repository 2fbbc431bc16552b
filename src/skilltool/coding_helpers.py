"""The helper of a building trade: "hulp bij de timmerman", "helper to a plumber", "stukadoorshulp".
ISCO-08 puts those who assist the building trades (fetching, carrying, mixing, cleaning up) in
9313, building construction labourers, not in the trade they help (71, and the building
electricians of 7411): the search read the trade's own label. So a title that is a helper word
and the trade, and whose ranking a building trade leads, is led by 9313; the answer stays
flagged (a helper may have been an apprentice of the trade: the caseworker asks). An apprentice
(*leerling*, *çırak*) is the trade's own worker and keeps it."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from skilltool.occupation_rules import group_to_front
from skilltool.word_lists import word_set

if TYPE_CHECKING:
    from skilltool.label_index import Hit

LABOURERS = "9313"
"""ISCO-08 9313: building construction labourers."""
_BUILDING_TRADES = ("71", "7411")
"""ISCO-08 71 (building and related trades) and 7411 (building and related electricians)."""
_HELPER = re.compile(r"^(?:(?:hulp|hulpje|helper)\s+\w+|\w+\s+(?:hulp|hulpje|helper)|\w{4,}s?hulp)$")
"""A helper word and one word beside it, or a Dutch compound ending in *hulp*, as ``textnorm``
says a helper named with the one helped ("hulp bij de timmerman" -> "hulp timmerman")."""


def helper_of_a_trade(
    hits: list[Hit], flagged: bool, normalized: str, iscos: Sequence[str], group_of: Mapping[str, int] | None
) -> list[Hit]:
    """``hits`` led by ``LABOURERS`` (its group concept, ``group_of``) when they are flagged, the
    title is a helper and one trade (``_HELPER``) and a building trade leads; else unchanged."""
    if not flagged or not hits or not iscos[hits[0][0]].startswith(_BUILDING_TRADES):
        return hits
    if _HELPER.match(normalized) is None or not group_of or LABOURERS not in group_of:
        return hits
    return group_to_front(hits, LABOURERS, iscos, group_of)


_APPRENTICES = word_set("leerling leerjongen leermeisje stagiair stagiaire apprentice trainee cirak")
"""An apprentice or trainee of a trade (Turkish *çırak*, as normalised)."""


def apprentice_of(words: Sequence[str], is_label: Callable[[str], bool]) -> str | None:
    """The trade an apprentice names with one word beside the apprentice's ("leerling kleermaker",
    "kapper stagiair", "apprentice electrician"), when that word is a whole label (``is_label``):
    ISCO-08 codes an apprentice in the trade learnt. The search read the apprentice word too, and
    a pupil's mentor (*leerling*begeleider) came first; the Dutch compound of both too
    ("kappersleerling", "leerlingkok": ``_joined_apprentice``). None for any other title."""
    if len(words) == 1:
        return _joined_apprentice(words[0], is_label)
    if len(words) != 2:
        return None
    first, second = words
    trade = second if first in _APPRENTICES else first if second in _APPRENTICES else None
    return trade if trade is not None and trade not in _APPRENTICES and is_label(trade) else None


def apprentice_at(normalized: str) -> str | None:
    """What follows an apprentice word that opens the title with a workplace ("leerling in de
    garage", "apprentice at a print shop"): read as work at that place is ("in de garage"), the
    trade learnt there; the apprentice word led the search to a pupil's mentor. None otherwise."""
    first, _, rest = normalized.partition(" ")
    if first not in _LEARNING_A_TRADE or not rest.startswith(_AT):
        return None
    return rest


_AT = ("in ", "op ", "at ")
"""A workplace's prepositions ("bij" names whom they learnt with as often: ``apprentice_of``)."""
_LEARNING_A_TRADE = _APPRENTICES - word_set("stagiair stagiaire trainee")
"""An apprentice of a trade; not an intern (*stagiair*, trainee), whose placement is part of a study."""


_JOINED = ("leerling", "stagiair", "stagiaire")
"""The apprentice words a Dutch compound joins to the trade, before or after it."""


def _joined_apprentice(word: str, is_label: Callable[[str], bool]) -> str | None:
    """The trade of one Dutch compound of an apprentice word and a whole label, with or without a
    linking *s* ("slagersleerling", "leerlingmetselaar"); None for a compound that is a whole label
    itself (*leerling*begeleider, *leerling*verpleegkundige) or any other word."""
    if len(word) < 10 or is_label(word):
        return None
    for part in _JOINED:
        if word.startswith(part) and is_label(word[len(part) :]):
            return word[len(part) :]
        if word.endswith(part):
            trade = word[: -len(part)]
            for candidate in (trade[:-1] if trade.endswith("s") else "", trade):  # "kappers-": kapper
                if len(candidate) > 2 and is_label(candidate):
                    return candidate
    return None
