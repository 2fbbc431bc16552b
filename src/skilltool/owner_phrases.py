"""An owner's phrase as the word the coder reads: an owner of a small business named by the
business ("eigen winkel" -> "winkeleigenaar"), an own business named by its trade ("eigen
tandartspraktijk" -> "tandarts"), an own shop of goods ("eigen kledingwinkel" -> "winkeleigenaar
kleding") and an own vehicle ("eigen taxi" -> "taxichauffeur"). Part of ``textnorm.normalize``,
before the filler rules drop "eigen"/"own"; after them, a vehicle named alone is its driver's
(``vehicle_alone``)."""

from __future__ import annotations

import re
from collections.abc import Callable

from skilltool.word_lists import one_vowel_closed, word_list
from skilltool.word_lists import word_set as _words

# An owner of a small business named by the business ("eigen winkel", "own shop"): the filler
# rules drop "eigen winkel" as said around a title ("kapper met eigen zaak"), but said alone it
# is the title. The phrase becomes the owner word that the aliases file codes (winkeleigenaar,
# shop owner: a shop keeper; restauranteigenaar, restaurant owner: the manager of a restaurant).
_OWNERS = {
    "eigen winkel": "winkeleigenaar",
    "eigen winkeltje": "winkeleigenaar",
    "eigenaar van een winkel": "winkeleigenaar",
    "eigenaar van een winkeltje": "winkeleigenaar",
    "eigenaar winkel": "winkeleigenaar",
    "eigen supermarkt": "winkeleigenaar supermarkt",
    "eigen restaurant": "restauranteigenaar",
    "eigenaar van een restaurant": "restauranteigenaar",
    "eigenaar restaurant": "restauranteigenaar",
    "eigen kapsalon": "kapsalon",
    "eigenaar van een kapsalon": "kapsalon",
    "eigenaar kapsalon": "kapsalon",
    "own shop": "shop owner",
    "own store": "shop owner",
    "store owner": "shop owner",
    "owner of a shop": "shop owner",
    "owner of a store": "shop owner",
    "own supermarket": "shop owner supermarket",
    "own restaurant": "restaurant owner",
    "owner of a restaurant": "restaurant owner",
}
# the whole answer, after "ik had (een)", "i ran (my)" and the like, and before a place of origin
_SMALL = r"(?:(?:klein|kleine|small|little) )?"  # "een klein winkeltje", "a small shop"
_WITH = re.compile(r"^ (?:met|with) [^,]*?(?=$| (?:in|uit|from) )")
"""What a shop sold, after its owner phrase ("eigen winkeltje met groente en fruit"): dropped, as
the goods read as a wholesaler's (the shop's keeper is 5221 whatever it sold)."""
_OWNER = re.compile(
    r"^(?:(?:ik|i) (?:had|heb|have|ran|run|owned|own|was|ben|am) )?(?:een |a |an |mijn |my |de |the )?"
    + _SMALL
    + r"("
    + "|".join(sorted(map(re.escape, _OWNERS), key=len, reverse=True))
    + r")(?=$| (?:in|uit|from|met|with) )"
)
_HAD_SHOP = re.compile(
    r"^(?:ik |i )?(?:had|heb|have|ran|run|owned) (?:een |a |an |mijn |my )?"
    + _SMALL
    + r"(winkel|winkeltje|shop|store|supermarkt|supermarket)(?=$| (?:in|uit|from|met|with) )"
)
"""A shop had or run, without "eigen"/"own" ("ik had een winkel", "I ran a small shop"): its keeper."""
_HAD_SHOP_AS = {
    "winkel": "winkeleigenaar",
    "winkeltje": "winkeleigenaar",
    "shop": "shop owner",
    "store": "shop owner",
    "supermarkt": "winkeleigenaar supermarkt",
    "supermarket": "shop owner supermarket",
}


# An own business named by its trade is that trade's worker's: "eigen tandartspraktijk" ->
# "tandarts", "eigen bakkerswinkel" -> "bakker", "my own barber shop" -> "barber" (the trade a
# whole label, ``is_label``; Dutch joins it with a linking s). An own shop of goods is a shop
# keeper's (ISCO-08 5221), not a shop manager's (1420): "eigen kledingwinkel" -> "winkeleigenaar
# kleding", "my own grocery store" -> "shop owner grocery". An own vehicle is driven by its owner:
# "eigen taxi" -> "taxichauffeur", "own bus" -> "bus driver".
_VEHICLES = "taxi|vrachtwagen|truck|lorry|bus|busje|bestelbus|bestelwagen|van|minibus"
_DUTCH_PLACES = (
    "winkel|winkeltje|zaak|zaakje|bedrijf|praktijk|kliniek|salon|atelier|werkplaats|kantoor|bureau"
)
_ENGLISH_PLACES = "shop|store|business|company|practice|clinic|salon|workshop"
_KIND = (
    rf"(?:(\w+?)({_DUTCH_PLACES})|(\w+) ({_ENGLISH_PLACES})|({_VEHICLES}))(?=$| (?:in|uit|from|met|with) )"
)
_OWN_KIND = re.compile(
    r"^(?:(?:ik |i )?(?:had|heb|have|ran|run|owned|own) )?(?:een |a |an |mijn |my )?"
    + _SMALL
    + r"(?:eigen|own) "
    + _KIND
)
_HAD_KIND = re.compile(
    r"^(?:ik |i )?(?:had|heb|have|ran|run|owned) (?:een |a |an |mijn |my )?" + _SMALL + _KIND
)
"""A business of a trade or a shop of goods had or run, without "eigen"/"own" ("I had a small
grocery shop", "ik had een bakkerij"): read as an own one."""
_SHOPS = _words("winkel winkeltje shop store")


def _own_kind(match: re.Match[str], is_label: Callable[[str], bool] | None) -> str | None:
    """What ``_OWN_KIND``'s match says the owner did, or None (the text is left as it is)."""
    dutch_thing, dutch_place, english_thing, english_place, vehicle = match.groups()
    if vehicle:
        dutch = match.group(0).startswith(("ik ", "een ", "mijn ", "eigen ", "had ", "heb ")) or (
            vehicle in _DUTCH_VEHICLES
        )
        return f"{vehicle}{DRIVERS[0]}" if dutch else f"{vehicle} {DRIVERS[1]}"
    thing, place = (dutch_thing, dutch_place) if dutch_thing else (english_thing, english_place)
    # the trade, with or without a Dutch linking s or plural (bakkerswinkel: bakker; advocatenkantoor:
    # advocaat)
    trades = [*_singulars(thing), thing] if dutch_thing else [thing]
    trade = next((word for word in trades if is_label is not None and is_label(word)), None)
    if trade is not None:
        return trade
    if place in _SHOPS:
        return f"winkeleigenaar {thing}" if dutch_thing else f"shop owner {thing}"
    return None


def _singulars(word: str) -> list[str]:
    """A Dutch first part without its linking s or plural -en, by the spelling rules (bakkers ->
    bakker; advocaten -> advocaat: an open syllable's vowel written twice; architecten -> architect)."""
    if word.endswith("s"):
        return [word[:-1]]
    if not word.endswith("en") or len(word) < 6:
        return []
    base = word[:-2]
    if one_vowel_closed(base):
        return [base[:-1] + base[-2] + base[-1], base]
    return [base]


_DUTCH_VEHICLES = _words("vrachtwagen busje bestelbus bestelwagen")
DRIVERS = word_list("chauffeur driver")  # who drives a vehicle: Dutch (one word with it), English


_HAD = re.compile(r" gehad(?=$| (?:in|uit) )")
_HAD_STARTS = ("ik ", "i ", "had ", "heb ", "have ", "ran ", "run ", "owned ")
"""How ``_HAD_SHOP`` and ``_HAD_KIND`` start; every other pattern of ``owner`` needs "eigen" or "own"."""
_OWNER_NOUN = re.compile(
    r"^(?:(?:ik |i )?(?:was|ben|am|werd|became) )?(?:de |the |an? )?(eigenaar|owner)"
    r"(?: van| of)?(?: een| de| het| mijn| an?| the| my)?(?: klein| kleine| small| little)? (?=\w)"
)
"""The owner named as a noun ("eigenaar van een kapperszaak", "owner of a small grocery shop",
"ik was eigenaar van een taxi"): read as the own business or vehicle ("eigen kapperszaak"), which
the rules below know in all its forms."""


_BUSINESS_ALONE = re.compile(r"^\w+(?: \w+)?(?=$| (?:in|uit|from|met|with) )")
"""A business named in one or two words after its owner ("eigenaar bakkerij in homs", "owner of a
grocery store"): read as an own one even where no rule below names its keeper (more words may
say the staff or the years: "eigenaar restaurant, 15 man personeel" stays as it is)."""


def owner(cleaned: str, is_label: Callable[[str], bool] | None = None) -> str:
    """ "eigen winkel in syrie" -> "winkeleigenaar in syrie"; "i ran my own restaurant" ->
    "restaurant owner"; an own business of a trade or of goods, or an own vehicle (``_OWN_KIND``);
    the owner named as a noun as an own one (``_OWNER_NOUN``) when that reads; text with more than
    an owner phrase is left alone."""
    may_own = "eigen" in cleaned or "own" in cleaned or " gehad" in cleaned
    if not may_own and not cleaned.startswith(_HAD_STARTS):  # most titles: no pattern below can match
        return cleaned
    cleaned = _HAD.sub("", cleaned)  # "eigen garage gehad": the Dutch perfect of "had"
    noun = _OWNER_NOUN.match(cleaned)
    if noun is not None:
        own = "eigen " if noun.group(1) == "eigenaar" else "own "
        rest = cleaned[noun.end() :]
        said = _owner_said(own + rest, is_label)
        if said is not None or _BUSINESS_ALONE.match(rest):
            return said or own + rest  # "eigen bakkerij": the filler rules read it
    said = _owner_said(cleaned, is_label)
    return cleaned if said is None else said


def _owner_said(cleaned: str, is_label: Callable[[str], bool] | None) -> str | None:
    """``owner``'s reading of an owner phrase at the start of ``cleaned``; None without one."""
    match = _OWNER.match(cleaned)
    if match is not None:
        return _OWNERS[match.group(1)] + _without_goods(cleaned[match.end() :])
    shop = _HAD_SHOP.match(cleaned)
    if shop is not None:
        return _HAD_SHOP_AS[shop.group(1)] + _without_goods(cleaned[shop.end() :])
    kind = _OWN_KIND.match(cleaned) or _HAD_KIND.match(cleaned)
    said = _own_kind(kind, is_label) if kind is not None else None
    return None if said is None or kind is None else said + _without_goods(cleaned[kind.end() :])


def _without_goods(rest: str) -> str:
    """``rest`` of an answer after its owner phrase, without what the shop sold (``_WITH``)."""
    return _WITH.sub("", rest, count=1) if rest.startswith((" met ", " with ")) else rest


_VEHICLE_ALONE = re.compile(rf"^({_VEHICLES.replace('|van', '')})(?=$| (?:in|uit|from) )")


def vehicle_alone(text: str) -> str:
    """A vehicle named alone as the job ("taxi", "vrachtwagen in syrie"; "van" is also a Dutch
    word) is its driver's: "taxi driver", "vrachtwagenchauffeur". The label search read the bare
    word as any job with the vehicle in its name (a taxi dispatcher)."""
    match = _VEHICLE_ALONE.match(text)
    if match is None:
        return text
    vehicle = match.group(1)
    driver = f"{vehicle}{DRIVERS[0]}" if vehicle in _DUTCH_VEHICLES else f"{vehicle} {DRIVERS[1]}"
    return driver + text[match.end() :]
