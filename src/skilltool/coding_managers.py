"""A manager only when the title says one: "kassière warenhuis" led with the department store's
manager, "portier warenhuis" too, and "laborant ziekenhuis" with the manager of a care
institution. The place said after the work fills a manager's label ("manager warenhuis",
"manager zorginstelling") better than the work fills its own, but nobody is a manager whose title
names no managing, owning or leading.

So a flagged ranking led by an occupation of ISCO-08 major group 1 (managers) is led by its first
occupation of another group when no word of the title manages (``managing``). Flagged only: an
unchecked manager is a whole label the title said ("burgemeester", "ambassadeur"); the answer
stays flagged (docs/coding.md, "A manager only when said").
"""

from __future__ import annotations

from collections.abc import Sequence

from skilltool.occupation_rules import to_front
from skilltool.word_lists import word_list, word_set

Hit = tuple[int, float, int]  # (concept, score, label id)

MANAGER_GROUP = "1"
"""ISCO-08 major group 1: managers (chief executives, directors, shop and hotel managers...)."""

_MANAGING_WORDS = word_set(
    """
    own owned owner owns ran run runs running eigen head boss baas chef ceo cfo coo cto vp svp mgr
    gm dg mudir mudira
    """
)
"""Whole words that say the person owned, ran or led the place ("eigenaar", "ran a shop")."""
_MANAGING_PARTS = word_list(
    """
    manag manger leid lead hoofd direct chief cheif eigenaar supervis beheer exec coordin coördin
    ondernem command officier verantwoordelijk captain kapitein president voorzitter rector
    principal superintend treasur secretaris producent producer chancellor vice
    """
)
"""Parts of words that manage, also inside a compound (bedrijfsleider, afdelingshoofd) and a
common misspelling (manger, cheif). A word read as managing too often only keeps the lexical
order (the rule does not apply), the safe side."""


def managing(normalized: str) -> bool:
    """Whether a word of the normalised title says managing, owning or leading."""
    for word in normalized.split():
        if word in _MANAGING_WORDS or any(part in word for part in _MANAGING_PARTS):
            return True
    return False


def unsaid_manager_last(
    hits: list[Hit], flagged: bool, normalized: str, iscos: Sequence[str], n_occ: int
) -> list[Hit]:
    """``hits`` led by their first occupation outside ``MANAGER_GROUP`` when they are flagged, a
    manager leads, and the title says no managing (``managing``); else unchanged."""
    if not flagged or not hits or hits[0][0] >= n_occ or not iscos[hits[0][0]].startswith(MANAGER_GROUP):
        return hits
    if managing(normalized):
        return hits
    worker = next((h for h in hits if h[0] < n_occ and not iscos[h[0]].startswith(MANAGER_GROUP)), None)
    return hits if worker is None else to_front(worker, hits)


_DIRECTING_FIRST = word_set("directeur directrice bedrijfsleider")
"""Dutch words that open the title of one who directs a whole place ("directeur textielfabriek"):
the director of the place, not one of its workers. Not "manager", nor the English words: an
English "manager, brand" or "director of revenue" is as often a professional (2431, measured on
JobBERT), and "general" opens the titles of all-round workers too."""


def said_manager_first(
    hits: list[Hit], flagged: bool, normalized: str, iscos: Sequence[str], n_occ: int
) -> list[Hit]:
    """``hits`` led by their first occupation of ``MANAGER_GROUP`` when they are flagged, the title
    opens with a directing word (``_DIRECTING_FIRST``) and an occupation of another group leads:
    the place after it ("directeur tapijtfabriek") filled a worker's label (a carpet weaver) better
    than the director's. Flagged answers only; unchanged when a group leads or no manager is among
    the candidates."""
    if not flagged or not hits or normalized.split(maxsplit=1)[0] not in _DIRECTING_FIRST:
        return hits
    if hits[0][0] >= n_occ or iscos[hits[0][0]].startswith(MANAGER_GROUP):
        return hits  # a group leads (a family's, or a unit group CBS names) or a manager does
    director = next((h for h in hits if h[0] < n_occ and iscos[h[0]].startswith(MANAGER_GROUP)), None)
    return hits if director is None else to_front(director, hits)
