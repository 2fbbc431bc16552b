"""A title that names only a workplace ("werken in een fabriek", "in de bouw gewerkt", "at a
warehouse": ``textnorm.place_only``): the place's own workers first, its managers and
professionals last, and always flagged (docs/coding.md, "A workplace named alone").

Someone who describes the work by its place most often did the work of that place; the lexical
list put whatever short label the place word fills first ("schilder bouw", "kraanbestuurder
fabriek", "projectleider bouw"). The place's own worker is read from the names themselves:
CBS's titles and ESCO's labels that join the place word and a word for a worker
("fabrieksarbeider", "havenmedewerker", "bouwvakhulp", "warehouse worker"). No place is listed
by hand; a place no such name joins keeps the lexical order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container, Sequence
from typing import TYPE_CHECKING

from skilltool import textnorm
from skilltool.coding_activity import ROLE_ENDINGS
from skilltool.word_lists import word_list, word_set

if TYPE_CHECKING:
    from skilltool.label_index import Hit, LabelIndex
    from skilltool.occupation_build import _OccupationTable

NAMED_ROLES = ("1", "2")
"""ISCO-08 major groups whose work a person names by its role: managers and professionals."""

WORKERS_NL = word_list("medewerker arbeider werker hulp helper bediende knecht vakhulp vakhelper")
"""Dutch words for a worker that join a place into one word, with or without a linking *s*
(*magazijn*medewerker, *fabriek*s*arbeider*, *bouw*vakhulp), in order of preference on a tie."""
WORKERS_EN = word_list("worker labourer laborer hand operative assistant")
"""English words for a worker after a place (*kitchen* hand, *warehouse* operative)."""


def worker_labels(index: LabelIndex, place: str) -> list[int]:
    """The label ids of the names that join ``place`` and a word for a worker, in the order of
    ``WORKERS_NL`` then ``WORKERS_EN`` (each label once)."""
    # (the index keys a whole label by its words without spaces: "kitchen hand" as "kitchenhand")
    names = [place + link + word for word in WORKERS_NL for link in ("", "s")]
    names += [place + word for word in WORKERS_EN]
    found: list[int] = []
    for name in names:
        ids = index.exact.get(name)
        for lid in (ids,) if isinstance(ids, int) else ids or ():
            if lid not in found:
                found.append(lid)
    return found


def workers_of(index: LabelIndex, normalized: str) -> list[tuple[int, int]]:
    """(concept, label id) of the worker names of the place a title names alone (``place_first``'s
    ``workers``); [] when the title is not a workplace alone."""
    if not textnorm.place_only(normalized):
        return []
    place = normalized.rsplit(maxsplit=1)[-1]
    return [(index.label_concept[lid], lid) for lid in worker_labels(index, place)]


def placed(t: _OccupationTable, normalized: str, ranked: tuple[list[Hit], bool]) -> tuple[list[Hit], bool]:
    """``place_first`` of a ranking with the worker names of ``t``, the coder's table; flagged too
    when the title is a preposition and one word ("in restaurant", "op kantoor": a field or a place
    said without an article, no role; it led unchecked with a restaurant's manager)."""
    if not textnorm.place_only(normalized):  # most titles: ``place_first`` and ``workers_of`` change nothing
        return ranked[0], ranked[1] or textnorm.field_only(normalized)
    hits, flagged = place_first(t.iscos, normalized, ranked, workers_of(t.index, normalized))
    return hits, flagged or textnorm.field_only(normalized)


def place_first(
    iscos: Sequence[str],
    normalized: str,
    ranked: tuple[list[Hit], bool],
    workers: Sequence[tuple[int, int]] = (),
) -> tuple[list[Hit], bool]:
    """A title's ranking and review flag: unchanged unless the title names only a workplace.
    Then the place's own workers come first, the candidates of ``NAMED_ROLES`` last (each
    part in its order), and the answer is flagged. ``workers``: the (concept, label id) of the
    place's worker names (``worker_labels``); their unit groups lead, the one most names give
    first (on a tie, the one the list has higher). A group already in the list leads with its
    own candidate; one that is not joins with the concept of its name, at the first candidate's score."""
    hits, flagged = ranked
    if not textnorm.place_only(normalized):
        return hits, flagged
    named = [h for h in hits if iscos[h[0]].startswith(NAMED_ROLES)]
    rest = [h for h in hits if not iscos[h[0]].startswith(NAMED_ROLES)]
    votes = Counter(iscos[c] for c, _ in workers)
    listed: dict[str, int] = {}  # each unit group's first place in the list
    for i, h in enumerate(rest):
        listed.setdefault(iscos[h[0]], i)
    lead: list[Hit] = []
    # most names first; on a tie, the one the list has higher, then the order of ``workers``
    for code in sorted(votes, key=lambda code: (-votes[code], listed.get(code, len(rest)))):
        own = next((h for h in rest if iscos[h[0]] == code), None)
        if own is None:
            concept, lid = next((c, lid) for c, lid in workers if iscos[c] == code)
            own = (concept, hits[0][1] if hits else 0.0, lid)
        lead.append(own)
    taken = {h[0] for h in lead}
    return lead + [h for h in rest if h[0] not in taken] + [h for h in named if h[0] not in taken], True


SELLERS_NL = word_set("verkoper verkoopster verkopers handelaar koopman venter")
SELLERS_EN = word_set("seller vendor trader salesman saleswoman salesperson hawker")
_SELLING_PLACES = {
    "markt": "markt", "market": "markt", "bazaar": "markt", "bazar": "markt", "souk": "markt",
    "souq": "markt", "suq": "markt", "suuq": "markt", "pazar": "markt", "rynok": "markt",
    "straat": "straat", "street": "straat", "streets": "straat",
}  # fmt: skip
"""A market by its Dutch and English names and those of the clients' languages (Arabic and Somali
*sūq*, Turkish *pazar*, Russian and Ukrainian *rynok*), or the street."""
_SELLER_AT = {"markt": ("markt", "market"), "straat": ("straat", "street")}  # the place, Dutch and English
_SOLD_AT = re.compile(
    # (a Dutch seller word may end a compound: "sigarettenverkoper op straat")
    # and the goods may follow it: "verkoper tassen op de markt"
    rf"\b(\w*?)({'|'.join(sorted(SELLERS_NL | SELLERS_EN))})((?:\s+\w+){{0,3}}?)\s+(?:op|at|on|in|aan)\s+"
    rf"(?:(?:de|het|een|the|a)\s+)?({'|'.join(_SELLING_PLACES)})\b"
)


def seller_at_market(normalized: str, exact: Container[str]) -> str:
    """A seller at a market or in the street said as the one title ISCO-08 gives that work
    ("verkoper op de markt" -> "marktverkoper", "seller at the bazaar" -> the market's vendor,
    "verkoper op straat" -> "straatverkoper"): stall and market salespersons (5211) and street
    vendors (5212, 9520) are unit groups of their own, named by the place, and the lexical search
    read the place as a workplace of any seller ("technisch verkoper"). The goods may follow the
    seller ("verkoopster tassen op de markt" -> "marktverkoper": what a specialised seller in a shop
    would say, 5223, came first), up to three words that name no role; in the street they stay
    (street food is 5212, other goods 9520). Only these selling
    places and seller words; the name only when it is a whole label (``exact``, written without
    spaces)."""
    if _SELLING_PLACES.keys().isdisjoint(normalized.split()):  # most titles: no regex search
        return normalized
    found = _SOLD_AT.search(normalized)
    if found is None:
        return normalized
    modifier, seller, goods, place = found.groups()
    nl, en = _SELLER_AT[_SELLING_PLACES[place]]
    if seller in SELLERS_EN and modifier:  # English words do not join
        return normalized
    things = goods.split()
    if things and (modifier or any(word in exact or word.endswith(ROLE_ENDINGS) for word in things)):
        return normalized  # "verkoper en kok op de markt": another role said
    name = f"{nl}verkoper" if seller in SELLERS_NL else f"{en} vendor"  # the names ISCO-08's groups have
    if name.replace(" ", "") not in exact:
        return normalized
    if nl == "markt":
        things = []  # whatever is sold there: 5211
    said = " ".join([modifier, name] if modifier else [*things, name])  # in the street, food or not
    return normalized[: found.start()] + said + normalized[found.end() :]


def joined(part: str, head: str, exact: Container[str]) -> str | None:
    """The Dutch compound of ``part`` and ``head``, with or without a linking *s* ("keukenhulp",
    "fabrieksmedewerker"), when it is a whole label (``exact``), else None."""
    return next((f"{part}{link}{head}" for link in ("", "s") if f"{part}{link}{head}" in exact), None)


HELPERS_NL = word_set("hulp hulpje helper assistent assistente")
_HELPER_STARTS = tuple(HELPERS_NL)  # one startswith in C for every title, before the regex
_HELPED_AT = re.compile(
    rf"^({'|'.join(sorted(HELPERS_NL))})\s+(?:in|bij|op)\s+(?:(?:de|het|een|mijn)\s+)?(\w+)(?=$|\s)"
)


def helper_at(normalized: str, exact: Container[str]) -> str:
    """A helper named by where or whom they helped, said as the compound title the labels have
    ("hulp in de keuken" -> "keukenhulp", "assistent bij de kapper" -> "kappersassistent",
    "hulp in de bakkerij" -> "bakkerijhulp"): the search read the helper word alone and the place as
    context (a mine worker came first). Dutch only, at the start of a title, and only when the
    compound is a whole label (``exact``, written without spaces); else ``normalized``."""
    found = _HELPED_AT.match(normalized) if normalized.startswith(_HELPER_STARTS) else None
    if found is None:
        return normalized
    helper, place = found.groups()
    head = "hulp" if helper in ("hulp", "hulpje", "helper") else "assistent"
    said = joined(place, head, exact)
    return normalized if said is None else said + normalized[found.end() :]


_WORKER_OF = re.compile(
    r"^(?:medewerker|medewerkster)\s+(?:(?:in|bij|op|van)\s+)?(?:(?:de|het|een)\s+)?(\w+)$|^(\w+)\s+(?:medewerker|medewerkster)$"
)
_WORK_OF = re.compile(r"^(\w{4,}?)(s?)werk$")


def worker_at(normalized: str, exact: Container[str], vocab: Container[str]) -> str:
    """A worker named by a field or place in two words, or the field's work in one ("medewerker
    productie", "winkel medewerker", "medewerker in de keuken", "productiewerk"), said as the
    compound title the labels have (the field joined to *medewerker*): the search read *medewerker* as noise
    and the field as its engineer's or manager's label (an engineer of production, 2141), and *werk*
    as a household cleaner's. Only a whole answer that is no whole label itself (*medewerker
    raffinaderij* is one, of 8160; *raffinaderijmedewerker* another's, of 8131), only when the
    compound is a whole label (``exact``, written without spaces), and a one-word *werk* only when
    the labels do not know the word (``vocab``: *metselwerk*, *netwerk*). Else ``normalized``."""
    if "werk" not in normalized:  # most titles
        return normalized
    found = _WORKER_OF.match(normalized)
    if found is not None:
        field = found.group(1) or found.group(2)
    else:
        work = _WORK_OF.match(normalized)
        if work is None or normalized in vocab:
            return normalized
        field = work.group(1)
    compound = joined(field, "medewerker", exact)
    said = normalized.replace(" ", "")  # "medewerker raffinaderij" is a label itself, of another group
    if compound is None or (said in exact and not said.endswith(("medewerker", "medewerkster"))):
        return normalized
    return compound


_SHOP_SELLERS = word_set(
    """
    verkoper verkoopster verkoopmedewerker verkoopmedewerkster winkelbediende seller salesman
    saleswoman salesperson salesgirl
    """
)
_SELLER = rf"(?:{'|'.join(sorted(_SHOP_SELLERS))})"
_SHOP = r"(?:(\w+?)winkel|(?:(\w+)\s+)?(?:shop|store)|supermarkt|supermarket)"
"""A shop, its kind in a Dutch compound or an English word before it (the two groups), or a
supermarket (no kind); ``_IN_SHOP`` and ``_SHOP_FIRST`` read it before and after the seller."""
_IN_SHOP = re.compile(rf"\b{_SELLER}\s+(?:(?:in|at|bij|op|of)\s+)?(?:(?:de|het|een|the|a|an)\s+)?{_SHOP}\b")

_SHOP_FIRST = re.compile(rf"\b{_SHOP}\s+{_SELLER}\b")
"""The shop said before its seller, as a compound's parts ("lampenwinkel verkoopster", "lamp shop
seller")."""


_SHOP_WORDS = ("winkel", "shop", "store", "supermark")
"""What a title with a shop holds (a supermarket is a shop: its seller was read as a petrol
station's), a cheap first test."""


def seller_in_shop(normalized: str, exact: Container[str]) -> str:
    """A seller in a shop said as ESCO's Dutch label of a specialised seller of what the shop sells,
    or the unit group's plain one (5223): a seller in a clothes shop, said either way round ("winkel"
    before or after the seller), -> "verkoopspecialist kleding",
    "salesman in an electronics shop" -> "verkoopmedewerker" (a Dutch label: the coder ranks it
    first in English too). The search read the shop as its manager's label ("manager
    kledingwinkel", 1420) or a seller of anything ("technisch verkoper"). The specialised seller
    only when it is a whole label (``exact``, written without spaces)."""
    if not any(map(normalized.__contains__, _SHOP_WORDS)):
        return normalized  # most titles: no regex search
    found = _IN_SHOP.search(normalized) or _SHOP_FIRST.search(normalized)
    if found is None:
        return normalized
    kind_nl, kind_en = found.groups()
    kind = kind_nl or kind_en
    specialised = kind is not None and f"verkoopspecialist{kind}" in exact
    name = f"verkoopspecialist {kind}" if specialised else "verkoopmedewerker"
    return normalized[: found.start()] + name + normalized[found.end() :]


_KINSFOLK = word_list(
    """
    vader moeder ouders oom ooms tante broer broers zus zussen neef neven nicht opa oma grootvader
    familie schoonvader zwager man vrouw echtgenoot zoon father mother parents uncle uncles aunt
    brother brothers sister sisters cousin cousins grandfather family dad husband wife son
    """
)
_JOINING = word_list("meewerkend meewerkende meewerkte meewerkten meegewerkt")
"""*Meewerken*: to work along in a family's business, as its unpaid or paid member."""
_KIN_WORDS = frozenset(_KINSFOLK)
"""The last word of an answer that says whose the place was (``_OWNED``): a cheap test first."""
_KIN = rf"(?:(?:mijn|m'n|my|onze|our|zijn|his|haar|her|de|the)\s+)?(?:{'|'.join(_KINSFOLK)})"
"""One's kin, with a possessive or an article or neither ("mijn oom", "his brother", "vader")."""
_OWNED = re.compile(rf"(?P<place>\b(?:in|op|bij|at|on)\s.+?)\s+(?:van|of)\s+{_KIN}$")
"""A place and whose it was after it ("in de winkel van mijn vader", "in winkel van neef")."""
_HELPED_THERE = re.compile(
    rf"""^(?:ik\s+|i\s+)?(?:hielp|hielpen|geholpen|helped|helping|{"|".join(_JOINING)})\s+(?:{_KIN}\s+)?
    (?P<at>in|op|at|on|bij)\s+(?:(?P<article>de|het|een|the|a|an)\s+
    |(?:mijn|my|zijn|his|haar|her|hun|their|onze|our)\s+(?:(?:{"|".join(_KINSFOLK)})s\s+)?)?(?P<place>\w+)$""",
    re.VERBOSE,
)
"""Help said at a place: a helping verb (or *meewerkend*, working along in a family's business),
perhaps whom one helped, and one place with an article, a possessive (and one's kin's: "in my
uncles garage", as ``prepare`` writes the English genitive) or neither."""
_ENGLISH_AT = frozenset(("at", "on"))


def helped_at(normalized: str) -> str | None:
    """The workplace of an answer that says one helped there, or whose it was ("hielp mijn oom in
    de bakkerij" -> "in de bakkerij", "helped in my uncles garage" -> "in the garage", "verkoper in
    winkel van neef" -> "verkoper in winkel"), else None: the place names the work, as "werkte in de
    winkel" does, where the verb read as a home help (*hulp*, 3412) and the owner's kin as words of
    the work. "hielp mijn moeder thuis" and "in het huishouden" are housework (``coding_situations``
    reads them first)."""
    owned = _OWNED.search(normalized) if normalized.rsplit(" ", 1)[-1] in _KIN_WORDS else None
    said = normalized[: owned.start()] + owned["place"] if owned is not None else normalized
    helping = owned is not None or "hielp" in said or "helped" in said or "mee" in said  # most: neither
    helped = _HELPED_THERE.match(said) if helping else None
    if helped is None:
        return said if owned is not None else None
    english = helped["at"] in _ENGLISH_AT or said.startswith(("helped", "helping", "i "))
    article = helped["article"] or ("the" if english else "de")
    return f"{helped['at']} {article} {helped['place']}"


_ASSISTED = re.compile(
    r"""^(?:(?:ik|i|hij|he|zij|she)\s+)?(?:hielp|hielpen|geholpen|assisteerde|assisteerden|geassisteerd
    |helped|helping|assisted|assisting)\s+(?:(?:de|het|een|the|a|an|mijn|my|onze|our)\s+)?(?P<role>\w{4,})
    (?P<rest>\s+(?:in|op|bij|at|on)\s.*)?$""",
    re.VERBOSE,
)
"""Help said to a professional ("hielp de tandarts", "assisted the doctor in a clinic"): the helping
verb, perhaps an article or a possessive, one word, and perhaps where."""


def assistant_of(normalized: str, exact: Container[str]) -> str | None:
    """The assistant's title of an answer that says whom one helped at their work ("hielp de
    tandarts" -> "tandartsassistent", "assisted the doctor in a clinic" -> the assistant of a doctor in
    a clinic), when the labels have that assistant as a whole label (``exact``, written without
    spaces), else None: the search read the professional's own label (a dentist, 2261) where the
    helper is the assistant (3251), and the verb as a home help's (3412)."""
    if "hielp" not in normalized and "assist" not in normalized and "help" not in normalized:
        return None  # most titles
    helped = _ASSISTED.match(normalized)
    if helped is None:
        return None
    role, rest = helped["role"], helped["rest"] or ""
    dutch = next((word for word in (role + "sassistent", role + "assistent") if word in exact), None)
    if dutch is not None:
        return dutch + rest
    english = next((role + link for link in ("s", "") if role + link + "assistant" in exact), None)
    return None if english is None else f"{english} assistant{rest}"
