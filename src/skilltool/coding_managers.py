"""A manager or a supervisor only when the title says one: "kassière warenhuis" led with the
department store's manager, "laborant ziekenhuis" with the manager of a care institution, and
demolition or scaffolding work with its foreman (3123). The place or the work said fills a
leader's label ("manager warenhuis", a foreman of the work) as well as the worker's, but nobody
leads whose title names no managing, owning, leading or supervising.

So a flagged ranking led by a manager (ISCO-08 major group 1, an occupation or a group), a
supervisors' unit group (``SUPERVISED``) or an occupation whose label supervises ("leidinggevend
verpleegkundige") is led by a worker when no word of the title manages (``managing``): for a
supervisors' group, the first worker of the groups it supervises; for a supervising label, the
first of its own unit group; else unchanged. A title that says a supervisor without a manager
("afdelingschef", ``supervising``) leads with the first supervisor instead of a manager. Flagged
only: an unchecked leader is a whole label the title said ("burgemeester", a foreman
of a trade); the answer stays flagged (docs/coding.md, "A manager only when said", "A
supervisor only when said").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from skilltool.occupation_rules import group_to_front, to_front
from skilltool.word_lists import word_list, word_set

if TYPE_CHECKING:
    from skilltool.label_index import Hit

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
    ondernem command commissar officier verantwoordelijk captain kapitein president voorzitter rector
    principal superintend treasur secretaris producent producer chancellor vice
    """
)
"""Parts of words that manage, also inside a compound (bedrijfsleider, afdelingshoofd) and a
common misspelling (manger, cheif). A word read as managing too often only keeps the lexical
order (the rule does not apply), the safe side."""


def managing(normalized: str) -> bool:
    """Whether a word of the normalised title says managing, owning or leading. A part (no space
    in it) is in a word exactly when it is in the text, so the parts are looked for in the text,
    each by one call in C."""
    return not _MANAGING_WORDS.isdisjoint(normalized.split()) or any(
        map(normalized.__contains__, _MANAGING_PARTS)
    )


SUPERVISED = {
    "3121": ("81", "93"),
    "3122": ("7", "8", "93"),
    "3123": ("71", "93"),
    "3341": ("41", "42", "43", "44"),
    "5151": ("51", "91"),
    "5222": ("52",),
}
"""ISCO-08 unit groups of supervisors (of mining, manufacturing, construction, office work, cleaning
and housekeeping, shops) and the groups of the workers they supervise, as ISCO-08's definitions
of 3121-3123, 3341, 5151 and 5222 name them."""
SUPERVISOR_GROUPS = frozenset(SUPERVISED)
_SUPERVISING = word_list(
    "voorman voorvrouw supervisor teamleider ploegleider hoofd leidinggevend opzichter foreman"
)
"""Parts of a label that say its worker supervises others ("voorman" of a trade, "supervisor
weven", "leidinggevend verpleegkundige"), in whichever unit group ESCO puts it. Not "chef" (an
English cook) nor "manager" ("boerderijmanager" is a farmer, 6130)."""


_SUPERVISING_SAID = word_list("voorman voorvrouw opzichter foreman ploegbaas uitvoerder senior")


def supervising(normalized: str) -> bool:
    """Whether a word of the normalised title says supervising without managing: a foreman, an
    overseer, a works supervisor (*uitvoerder*), a senior, or a compound ending in *chef*
    (afdelingschef, ploegchef; "chef" alone is also an English cook, and a managing word)."""
    if any(map(normalized.__contains__, _SUPERVISING_SAID)):  # a part is in a word or not in the text
        return True
    return any(word.endswith("chef") and word != "chef" for word in normalized.split())


def leading(concept: int, iscos: Sequence[str], labels: Sequence[str]) -> bool:
    """Whether a concept manages or supervises: a manager (``MANAGER_GROUP``, an occupation or a
    group), a supervisors' unit group (``SUPERVISOR_GROUPS``), or a label with a supervising
    part (``_SUPERVISING``)."""
    isco = iscos[concept]
    if isco.startswith(MANAGER_GROUP) or isco in SUPERVISOR_GROUPS:
        return True
    label = labels[concept] if concept < len(labels) else ""
    return any(map(label.__contains__, _SUPERVISING))


def unsaid_manager_last(
    hits: list[Hit],
    flagged: bool,
    normalized: str,
    iscos: Sequence[str],
    *,
    labels: Sequence[str] = (),
) -> list[Hit]:
    """``hits`` led by a worker (the module's rule; ``leading`` on the Dutch ``labels``) when they
    are flagged, a manager or supervisor leads and the title says no managing (``managing``); by
    a supervisor when it says one (``supervising``) and a manager leads; else unchanged."""
    if not flagged or not hits or not leading(hits[0][0], iscos, labels):
        return hits
    if managing(normalized):
        return hits
    if supervising(normalized):  # "afdelingschef warenhuis": a supervisor, not the store's manager
        if not iscos[hits[0][0]].startswith(MANAGER_GROUP):
            return hits
        chief = next(
            (h for h in hits if leading(h[0], iscos, labels) and not iscos[h[0]].startswith(MANAGER_GROUP)),
            None,
        )
        if chief is not None:
            return to_front(chief, hits)
    workers = [h for h in hits if not leading(h[0], iscos, labels)]
    if not workers:
        return hits
    isco = iscos[hits[0][0]]
    if isco in SUPERVISED:  # a foreman for demolition work: a worker of the trade
        workers = [h for h in workers if iscos[h[0]].startswith(SUPERVISED[isco])]
    elif not isco.startswith(MANAGER_GROUP):  # only the label supervises: its unit group's worker
        workers = [h for h in workers if iscos[h[0]] == isco]
    return to_front(workers[0], hits) if workers else hits


_DIRECTING_FIRST = word_set("directeur directrice bedrijfsleider")
"""Dutch words that open the title of one who directs a whole place ("directeur textielfabriek"):
the director of the place, not one of its workers. Not "manager", nor the English words: an
English "manager, brand" or "director of revenue" is as often a professional (2431, measured on
JobBERT), and "general" opens the titles of all-round workers too."""


_HEAD_FIRST = word_set("hoofd")
"""The Dutch word for a head that opens a title ("hoofd van het depot"): CBS codes its titles in
many major groups (a head cook is a chef, 3434; a head of security a supervisor), so a manager is
brought forward only from second place, over a worker who leads (``said_manager_first``)."""


def said_manager_first(
    hits: list[Hit],
    flagged: bool,
    normalized: str,
    iscos: Sequence[str],
    n_occ: int,
    *,
    labels: Sequence[str] = (),
) -> list[Hit]:
    """``hits`` led by their first occupation of ``MANAGER_GROUP`` when they are flagged, the title
    opens with a directing word (``_DIRECTING_FIRST``) and an occupation of another group leads:
    the place after it ("directeur tapijtfabriek") filled a worker's label (a carpet weaver) better
    than the director's. Flagged answers only; unchanged when a group leads or no manager is among
    the candidates. A title that opens with a head (``_HEAD_FIRST``) is led by a manager in second
    place when a worker (not ``leading`` on the Dutch ``labels``) is first."""
    if not flagged or not hits:
        return hits
    first = normalized.split(maxsplit=1)[0]
    if first not in _DIRECTING_FIRST and first not in _HEAD_FIRST:
        return hits
    if hits[0][0] >= n_occ or iscos[hits[0][0]].startswith(MANAGER_GROUP):
        return hits  # a group leads (a family's, or a unit group CBS names) or a manager does
    if first in _HEAD_FIRST:
        if len(hits) < 2 or leading(hits[0][0], iscos, labels):
            return hits
        second = hits[1]
        manager = second[0] < n_occ and iscos[second[0]].startswith(MANAGER_GROUP)
        return to_front(second, hits) if manager else hits
    director = next((h for h in hits if h[0] < n_occ and iscos[h[0]].startswith(MANAGER_GROUP)), None)
    return hits if director is None else to_front(director, hits)


_SUPERVISOR_SAID = word_list("leidinggevend ploegleider teamleider voorman voorvrouw opzichter ploegbaas")
"""Parts of Dutch words that say a supervisor of workers, not a manager of a place. Not the English
"supervisor" and "foreman": ESCO files its English "... supervisor" labels in the supervised
workers' own groups as often as not (a supervisor of lifting work with the riggers, 7215), and
the rule read with them lost 23 titles of the English gold set for 4 won (measured)."""
_NOT_SUPERVISOR = word_list("manag manger direct bedrijfsleid eigenaar owner ondernem")
"""Parts of words that say a manager or an owner: then the ranking is left as it was."""
_SUPERVISOR_OF = (
    ("811", "3121"),
    ("9311", "3121"),
    ("71", "3123"),
    ("9312", "3123"),
    ("9313", "3123"),
    ("4", "3341"),
    ("911", "5151"),
    ("5152", "5151"),
    ("52", "5222"),
    ("5120", "3434"),
    ("9412", "3434"),
    ("7", "3122"),
    ("81", "3122"),
    ("82", "3122"),
    ("932", "3122"),
)
"""The supervisors' unit group of a worker's group (first match): ISCO-08's definitions of the
supervisors of mining (3121), manufacturing (3122), construction (3123), office work (3341),
cleaning and housekeeping (5151) and shops (5222), and the chefs who lead a kitchen (3434)."""


def said_supervisor_first(
    hits: list[Hit], flagged: bool, normalized: str, iscos: Sequence[str], group_of: Mapping[str, int] | None
) -> list[Hit]:
    """``hits`` led by the supervisors of the leading worker's group (``_SUPERVISOR_OF``: its first
    candidate, else the group itself) when they are flagged, the title says a supervisor
    (``_SUPERVISOR_SAID``) and no manager, and a worker leads ("ploegleider in een conservenfabriek":
    the factory's worker filled the label better than its supervisor); else unchanged."""
    if not flagged or not hits or not group_of:
        return hits
    # a part (no space in it) is in a word of the title exactly when it is in the text
    if not any(map(normalized.__contains__, _SUPERVISOR_SAID)):
        return hits
    if any(map(normalized.__contains__, _NOT_SUPERVISOR)):
        return hits
    isco = iscos[hits[0][0]]
    group = next((s for worker, s in _SUPERVISOR_OF if isco.startswith(worker)), None)
    if group is None or group not in group_of:
        return hits
    return group_to_front(hits, group, iscos, group_of)


_WORDS = re.compile(r"\w+")
_OWNER = word_set("eigenaar eigenares eigen owner own owned baas boss")
_STAFF = word_set("personeel personeelsleden werknemers employees staff")
"""Staff said beside an owner ("eigenaar bakkerij met personeel", "owned a shop with 4 staff")."""
_HEADCOUNT = re.compile(r"\b\d+\s*(?:man|mensen|medewerkers|arbeiders|people|men|workers)\b")
"""Staff said as a headcount ("eigenaar slagerij, 6 man", "owned a workshop, 6 workers")."""
_STAFF_HINTS = (*_STAFF, *"0123456789")
"""What an answer with staff must hold (a staff word or a digit): a cheap first test."""


def owner_with_staff(text: str, isco: str) -> bool:
    """Whether an owner who says they had staff (in the answer ``text`` as typed: the own business
    is read as its trade) is coded as a worker of the trade (not a manager): ISCO-08 codes a
    working owner by the main tasks, which the title does not tell (baking, or managing the
    bakers), so the answer is flagged for a person to ask."""
    said = text[:200].lower()
    if isco.startswith(MANAGER_GROUP) or not any(map(said.__contains__, _STAFF_HINTS)):  # most titles
        return False
    words = _WORDS.findall(said)
    staff = not _STAFF.isdisjoint(words) or _HEADCOUNT.search(said) is not None
    return staff and not _OWNER.isdisjoint(words)
