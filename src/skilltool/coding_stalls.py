"""Selling from a stall, a stand or a cart ("eigen falafelkraam", "groentekraam op de markt", "tea
stall", "juice cart"): the unit group ISCO-08 gives that work, named by what was sold.

ISCO-08 has two groups for it: stall and market salespersons (5211) sell goods from a stall, and
street food salespersons (5212) prepare or sell food to eat on the spot. The lexical search read
the Dutch *kraam* as the one CBS title that has the word (maternity home care, "kraamzorg") and
the English *stand* as a stand-in actor. A stall word is read only as a compound's head in Dutch
("falafelkraam") or after the thing sold ("kebab stand"), or with "met"/"with" and the thing
after it; an English "stand" only with a food before it. Not when another word names a role
("kok bij een falafelkraam" is a cook): the title is coded as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from operator import methodcaller
from typing import TYPE_CHECKING

from skilltool.occupation_rules import group_to_front
from skilltool.word_lists import word_set

if TYPE_CHECKING:
    from skilltool.label_index import Hit

_HEADS_NL = ("kraampje", "kraamje", "kraam", "karretje", "stalletje", "kiosk")
"""Dutch words for a stall, a kiosk or a cart, as a compound's head (groente*kraam*, ijs*karretje*,
kranten*kiosk*) or alone: CBS names the unit group of both "Markt- en kioskverkopers" (5211)."""
_STALLS_EN = word_set("stall stalls cart kiosk")
_STAND_EN = word_set("stand stands")
""""stand" opens and ends many other English words and titles ("stand-in", "stand-up"): food only."""
_WITH = word_set("met with")
_KEEPERS = word_set(
    "eigenaar eigenares owner verkoper verkoopster handelaar koopman seller vendor trader salesman saleswoman"
)
"""Who kept the stall or sold from it: its own seller, not a second role ("verkoper in een kiosk")."""
_BETWEEN = word_set("in bij op aan van at from of een de het a an the mijn my eigen own")
"""Words between a seller and the stall ("verkoper *in een* kiosk")."""

STREET_FOOD = word_set(
    """
    falafel shoarma shawarma kebab doner broodjes broodje sandwich sandwiches friet frites patat
    ijs ijsjes icecream cream thee tea chai koffie coffee sap sappen juice juices mais corn
    snack snacks soep soup burger burgers hotdog hotdogs popcorn taco tacos arepa arepas empanada
    empanadas pizza ful foul hummus noodles samosa samosas sambusa pannenkoeken pancakes
    poffertjes oliebollen wafels waffles suikerspin kastanjes chestnuts pinda pindas peanuts
    noten nuts food eten voedsel chestnut peanut
    """
)
"""Food sold to eat on the spot (5212); anything else from a stall is a stall's goods (5211)."""

_ANY_STALL = re.compile(r"kraam|kraampje|karretje|stalletje|kiosk|\b(?:stalls?|cart|stands?)\b")
"""A word ``_stall`` may read (``_HEADS_NL`` inside a word, the English ones whole)."""


def has_stall(normalized: str) -> bool:
    """Whether a title says a stall, a kiosk or a cart (a word ``at_a_stall`` may read)."""
    if (  # most titles: every match of ``_ANY_STALL`` holds one of these ("stalletje" holds "stall")
        "kraam" not in normalized
        and "karretje" not in normalized
        and "kiosk" not in normalized
        and "stall" not in normalized
        and "cart" not in normalized
        and "stand" not in normalized
    ):
        return False  # (six substring tests cost a tenth of the search, which tries every position)
    return _ANY_STALL.search(normalized) is not None


_STREET_FOOD_NAME = "streetfoodverkoper"
_STALL_NAME = "marktverkoper"


def at_a_stall(normalized: str, is_role: Callable[[str], bool]) -> str:
    """``normalized`` with the stall and what it sold said as the seller's own name (``STREET_FOOD``
    -> streetfoodverkoper, 5212; other goods -> marktverkoper, 5211), the rest kept as context;
    ``normalized`` itself when no stall is said or another word names a role (``is_role``)."""
    if not has_stall(normalized):  # most titles
        return normalized
    words = normalized.split()
    found = _stall(words)
    if found is None:
        return normalized
    start, end, thing = found
    before = start
    while before > 0 and words[before - 1] in _BETWEEN:
        before -= 1
    if before > 0 and words[before - 1] in _KEEPERS:  # "verkoper in een kiosk": the seller is said once
        start = before - 1
    if any(is_role(w) and w not in _KEEPERS for i, w in enumerate(words) if not start <= i < end):
        return normalized
    seller = _STREET_FOOD_NAME if thing in STREET_FOOD else _STALL_NAME
    return " ".join([*words[:start], seller, *words[end:]])


def _stall(words: list[str]) -> tuple[int, int, str] | None:
    """(start, end, thing sold) of the first stall said in ``words`` (``end`` after its last word);
    the thing is "" when the stall alone is said."""
    for i, word in enumerate(words):
        head = next((h for h in _HEADS_NL if word.endswith(h)), None)
        english = word in _STALLS_EN or word in _STAND_EN
        if head is None and not english:
            continue
        before = words[i - 1] if i > 0 else ""
        after = words[i + 2] if i + 2 < len(words) and words[i + 1] in _WITH else ""
        if head is not None and len(word) - len(head) >= 3:  # "falafelkraam", "ijskarretje"
            return i, i + 1, word[: -len(head)]
        if english and before and (word in _STALLS_EN or before in STREET_FOOD):  # "tea stall"
            return i - 1, i + 1, before
        if word == head and before in STREET_FOOD:  # the compound written apart: "falafel kraam"
            return i - 1, i + 1, before
        if after and (head is not None or word in _STALLS_EN or after in STREET_FOOD):  # "kraam met mais"
            return i, i + 3, after
        if head is not None and word == head:  # "kraam op de markt"
            return i, i + 1, ""
    return None


STREET_FOOD_GROUP = "5212"
_STREET_VENDORS = "9520"
"""ISCO-08 9520: street vendors of anything but food; food sold in the street is 5212."""
_COUNTER_FOOD = "5246"
"""ISCO-08 5246: food service counter attendants (a snack bar's, a fast-food restaurant's)."""
_OUTDOORS = word_set("straat strand stoep weg street streets beach road roadside sidewalk")
_STREET_FOOD_WORDS = STREET_FOOD | word_set("ijsverkoper theeverkoper koffieverkoper maisverkoper")


def street_food_first(
    hits: list[Hit], flagged: bool, normalized: str, iscos: Sequence[str], group_of: Mapping[str, int] | None
) -> list[Hit]:
    """``hits`` led by the street food sellers (5212: their first candidate, else the group) when
    they are flagged, the title names a food (``STREET_FOOD``) and a seller of other goods in the
    street (9520) leads, or a counter attendant (5246) leads and the title says the street or the
    beach (``_OUTDOORS``): "koffie verkocht langs de weg", ice cream on the beach. Else unchanged."""
    if not flagged or not hits or not group_of or STREET_FOOD_GROUP not in group_of:
        return hits
    isco = iscos[hits[0][0]]
    if isco not in (_STREET_VENDORS, _COUNTER_FOOD):
        return hits
    words = normalized.split()
    if _STREET_FOOD_WORDS.isdisjoint(words) or (isco == _COUNTER_FOOD and _OUTDOORS.isdisjoint(words)):
        return hits
    return group_to_front(hits, STREET_FOOD_GROUP, iscos, group_of)


FAST_FOOD_LABEL = "fastfoodbereider"
"""A Dutch name of fast food preparers (9411; CBS calls the group *Fastfoodbereiders*), which the coder
reads as the group's ESCO occupation."""
FAST_FOOD_PLACE = "in de fastfood"
"""A fast-food place said alone, as a workplace is said: its crew first, flagged (``coding_places``)."""
_FAST_FOODS = (
    "shoarma", "shawarma", "shwarma", "doner", "kebab", "kebap", "falafel", "friet", "patat",
    "hamburger", "gyros", "durum", "lahmacun", "snackbar", "cafetaria", "fastfood",
)  # fmt: skip
"""Food a fast-food place prepares to order, and such places by name; also as a compound's first
part ("shoarmazaak", "kebabmaker", with the Turkish agent ending *-ci*)."""
_STARTS_FAST_FOOD = methodcaller("startswith", _FAST_FOODS)
"""Whether a word starts with a fast food: ``fast_food`` reads no answer without one."""
_FAST_FOOD_ENDS = ("maker", "makers", "bakker", "bakkers", "zaak", "zaken", "tent", "bar", "ci", "cu")
_MAKERS = word_set(
    "maker makers kok koks cook cooks bakker bakkers griller medewerker medewerkster worker bereider"
)
_MAKING = word_set(
    """
    maken maakte maakten bakken bakte bakten grillen grilde bereiden bereidde making made make cooking
    cooked grilling grilled preparing prepared
    """
)
_FAST_PLACES = word_set("restaurant restaurants zaak zaken tent shop shops place imbiss")


def fast_food(words: Sequence[str], known_place: Callable[[str], bool]) -> tuple[str, bool] | None:
    """``FAST_FOOD_LABEL`` and whether a verb said it, for an answer of a fast food, one who makes
    or cooks it or a verb, and the place ("kok bij een kebabzaak", "falafel maker in a restaurant",
    "döner bakken"): ISCO-08 puts those who prepare a limited range of food to order in 9411, apart
    from cooks (5120), and the labels had read the food's word as nothing or a model maker. Only
    such words and place names (``known_place``); a stall is ``at_a_stall``'s. The place alone
    ("eigenaar shoarmazaak", "kebab restaurant") is ``FAST_FOOD_PLACE``: a waiter or its manager
    may be meant. None otherwise."""
    if not any(map(_STARTS_FAST_FOOD, words)):  # most titles: no food to read, no place name looked up
        return None
    food = maker = verb = place = False
    for word in words:
        if word in _FAST_FOODS:
            food = True
        elif word.startswith(_FAST_FOODS) and word.endswith(_FAST_FOOD_ENDS):
            rest = next(word[len(f) :] for f in _FAST_FOODS if word.startswith(f))
            if rest not in _FAST_FOOD_ENDS:
                return None
            shop = rest in ("zaak", "zaken", "tent", "bar")
            food, maker, place = True, maker or not shop, place or shop
        elif word in _MAKERS:
            maker = True
        elif word in _MAKING:
            maker = verb = True
        elif word in _FAST_PLACES:
            place = True
        elif not known_place(word):
            return None
    if not food or not (maker or place):
        return None
    return (FAST_FOOD_LABEL, verb) if maker else (FAST_FOOD_PLACE, False)
