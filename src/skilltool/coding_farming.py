"""Farming said by what was grown or kept: "kippenboer", "olijven telen", "farmer with sheep and
goats", "I grew wheat and barley", "eigen boerderij met koeien".

Many clients farmed before they fled, and they name the crop or the animals, not a title. The
labels have few such words (ESCO's Dutch has *pluimveehouder*, not *kippenboer*; its English no
*wheat farmer*), so the lexical search found the manager of a farm, a cashier at a bank (*teler*
folds to the stem of the English *teller*) or an inspector of buildings (*verbouwen*). ISCO-08
sorts farmers by what they produce, so the produce names the unit group: field crops and
vegetables 6111, tree and shrub crops (olives, fruit, dates, grapes, nuts, tea) 6112, flowers and
nursery plants 6113, crops of more than one of these kinds 6114, livestock (cattle, sheep, goats,
camels, horses, pigs) 6121, poultry 6122, bees 6123, crops and animals together 6130 (ILO,
ISCO-08 Part III, sub-major groups 61 and 62). The answer is coded as a Dutch label of that group,
which the coder ranks first in either language.

Only an answer made of farming words: a farm word (a farmer, a farming verb, a farm, an orchard)
and a produce word, or their compound (*kippenboer*, *olijventeler*, *olijfboomgaard*), and
nothing else but a few modifiers (eigen, small, family). A whole label is left to the labels
(*groenteboer* is a greengrocer, *eierboer* a poultry farmer, *schapenhouder* one already), and
so is any other word: "manager akkerbouw", "verkoper groente" and "tractoren repareren" are not
farmers. An answer with a farming verb is an activity and is flagged like one.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Container

from skilltool import place_names
from skilltool.word_lists import word_set as _words


def _produce(text: str) -> dict[str, dict[str, str]]:
    """``language unit-group : words`` a line, as a table per language from word to unit group."""
    tables: dict[str, dict[str, str]] = {"nl": {}, "en": {}}
    for line in text.strip().splitlines():
        head, words = line.split(":")
        lang, code = head.split()
        tables[lang].update(dict.fromkeys(words.split(), code))
    return tables


_BY_LANG = _produce(
    """
    nl 6111: tarwe graan granen gerst mais rijst katoen aardappel aardappelen aardappels groente
    nl 6111: groenten groentes bonen linzen kikkererwten erwten uien tomaten komkommers paprikas
    nl 6111: aubergines bieten suikerbieten zonnebloemen sesam tabak saffraan meloenen
    nl 6111: watermeloenen pindas gierst sorghum teff gewassen akkerbouw tomaat komkommer ui boon
    en 6111: wheat grain grains barley corn maize rice cotton potato potatoes vegetable vegetables
    en 6111: beans lentils chickpeas peas onions tomatoes cucumbers peppers eggplants beets
    en 6111: sunflowers sesame tobacco saffron melons watermelons peanuts millet sorghum teff crop crops
    nl 6112: olijf olijven olijfbomen fruit fruitbomen appel appels appelen peren sinaasappels
    nl 6112: citrus dadel dadels dadelpalmen pistache pistaches pistachenoten noten walnoten
    nl 6112: amandel amandelen druiven vijgen granaatappels abrikozen perziken kersen thee koffie
    nl 6112: druif peer sinaasappel dadelpalm olijfboom
    en 6112: olive olives fruit apples pears oranges citrus dates pistachios nuts walnuts almonds
    en 6112: grapes figs pomegranates apricots peaches cherries tea coffee
    nl 6113: bloemen bloem planten rozen zaailingen
    en 6113: flowers plants roses seedlings
    nl 6121: koe koeien vee rundvee runderen kalveren schapen schaap lammeren geiten geit kamelen
    nl 6121: paarden ezels varkens melkvee buffels
    en 6121: cow cows cattle livestock sheep lambs goat goats camels horses horse donkeys pigs dairy
    en 6121: buffalo
    nl 6122: kip kippen pluimvee eenden ganzen kalkoenen eieren hennen kuikens
    en 6122: chicken chickens hens poultry ducks geese turkeys eggs chicks
    nl 6123: bijen honing
    en 6123: bees honey
    """
)
PRODUCE = _BY_LANG["nl"] | _BY_LANG["en"]
"""What was grown or kept, by the ISCO-08 unit group of its grower or keeper (Dutch and English;
Dutch forms that open a compound too: *olijf*-, *kippen*-). No fish: *vissen* is also fishing."""

_ORCHARDS = {"boomgaard": "6112", "wijngaard": "6112", "orchard": "6112", "vineyard": "6112"}
"""Farm places that name the crop themselves: an orchard or a vineyard grows tree and shrub crops."""

_GARDENS = _words("kas kassen tuin greenhouse greenhouses garden")
"""Vegetables grown under glass or in a garden are intensive cultivation: ISCO-08 puts their
growers with the horticultural growers (6113), not with the field crop growers (6111), and their
hands with the garden and horticultural labourers (9214)."""

_SHOPS = _words("groente groenten groentes fruit kaas melk aardappel aardappelen")
"""Compounds with *boer* that are shopkeepers: a *groenteboer* sells vegetables (a label), and so
may a *fruitboer* or *aardappelboer*: not read as farmers."""

_FARMERS = _words(
    """
    boer boerin boeren teler telers kweker kwekers houder houders fokker fokkers landbouwer herder
    farmer farmers grower growers breeder breeders rancher producer herder
    """
)
_VERBS = _words(
    """
    teelde teelden teel teelt telen kweekte kweekten kweek kweekt kweken verbouwde verbouwden
    verbouw verbouwt verbouwen fokte fokten fokken hoedde hoedden hoeden hield hielden houden
    oogstte oogstten oogsten molk melkte melkten melken zorgde zorgden verzorgde verzorgden verzorgen
    grew grow grows growing grown farmed farming raised raise raising bred breed breeding kept keep
    keeping herded herd herding cultivated cultivate cultivating harvested harvesting milked milking
    tended tending looked
    """
)
_PLACES = _words(
    "boerderij boerderijtje akker akkers veld velden kas kassen plantage stal tuin land grond farm farms "
    "field fields greenhouse greenhouses plantation ranch garden"
)
_ASIDE = _words(
    """
    eigen klein kleine groot grote familie bedrijf bedrijfje zaak verkopen verkocht own small big
    large family business sold selling ik wij we hij zij ze i he she they vader moeder oom tante
    opa oma ouders broer zus father mother uncle aunt grandfather grandmother parents brother sister
    hectare hectares ha acre acres dunam stuks after
    """
)
"""Words a farming answer may hold besides the farming: who, whose farm (a relative's), its size,
selling the crop (and a number, "20 koeien", and the name of a place: ``place_names``)."""

_HANDS = _words(
    """
    arbeider arbeiders werker medewerker hulp hulpje knecht helper baas eigenaar landeigenaar
    worker workers labourer labourers laborer laborers hand farmhand boss owner landowner
    melker melkers milker milkers employed loondienst
    """
)
_PICKING = _words("plukken plukte plukten pluk picking picked pick")
"""Picking is a hired hand's work (a farmer harvests: ``_VERBS``)."""
_FOR_OTHERS = re.compile(
    r"""\b(?:bij|voor|for)\s+(?:(?:de|een|het|a|the)\s+(?:\w+\s+)?)?(?:boer|boeren|baas|eigenaar
        |landeigenaar|farmer|boss|owner|landowner)\b
    | (?:^|\b(?:werkte|werkten|werk|gewerkt|worked|work|working)\s+)(?:op|bij|in|on|at)\s+(?:de|een
        |het|a|the)\s+(?:\w+\s+)?(?:boerderij\w*|farms?|plantage|plantation|ranch|kas|kassen
        |greenhouses?|akkers?|velden|veld|fields?)\b""",
    re.VERBOSE,
)
"""Farm work done for someone else: a hand, a picker, work at a farmer's or on a farm. ISCO-08
codes the hired hand as a labourer in agriculture (unit groups 9211-9214), not as a farmer (61)."""

_HEADS = tuple(sorted(_FARMERS | _PLACES | _ORCHARDS.keys() | {"bedrijf", "houderij"}, key=len, reverse=True))
"""Heads of a compound of produce and its farmer or farm ("kippenboer", "melkveebedrijf"); a
firm or a husbandry (*bedrijf*, *houderij*) only after produce (``_compound``)."""
_LINKS = ("en", "s", "e", "")  # kipp-en-boer, olijf-boomgaard

_TITLES = {
    "6111": "akkerbouwer",
    "6112": "fruitkweker",
    "6113": "bloemenkweker",
    "6114": "teler van diverse gewassen",
    "6121": "veehouder",
    "6122": "pluimveehouder",
    "6123": "imker",
    "6130": "landbouwer gemengd bedrijf",
}
"""A label of each unit group that the coder ranks first for it, in Dutch and in English (CBS's
index or ESCO; a test checks): the answer is coded as this label. Livestock by its animal where
a label names it (``_ANIMALS``)."""

_ANIMAL_WORDS = {
    "schapenfokker": "schapen schaap geiten geit sheep goats goat",
    "varkenshouder": "varkens pigs",
    "paardenfokker": "paarden horses horse",
    "veefokker": "koeien koe vee cattle cows cow",
}
_ANIMALS = {word: title for title, words in _ANIMAL_WORDS.items() for word in words.split()}
"""ESCO's sheep breeder has the goat breeder among its labels; its cattle breeder is *veefokker*."""


_FARMING = PRODUCE.keys() | _PICKING | _VERBS | _FARMERS | _PLACES | _ORCHARDS.keys()
"""The words one of which a farming answer holds (or a compound: ``_HEADS``); a hand's words
("worker", "hulp") open many other titles."""


_ENDS_IN_HEAD = operator.methodcaller("endswith", _HEADS)
"""``word.endswith(_HEADS)`` as one callable in C, for ``map`` over a title's words."""


def as_title(words: list[str], normalized: str, exact: Container[str]) -> tuple[str, bool] | None:
    """The label a farming answer is coded as (see the module's docstring) and whether it said
    an activity (a farming verb: flagged), or None when ``words`` (``prepare``'s content words of
    ``normalized``) are not only farming words or are a whole label (``exact``: labels without
    spaces)."""
    if _FARMING.isdisjoint(words) and not any(map(_ENDS_IN_HEAD, words)):
        return None  # most titles: no farming word, in two passes in C over their words
    if "".join(words) in exact:
        return None
    said: list[str] = []  # the produce, as said or as the first part of a compound
    farming = verb = glass = hand = False
    for word in words:
        glass = glass or word in _GARDENS
        if word in PRODUCE:
            said.append(word)
        elif word in _HANDS:
            hand = True
        elif word in _PICKING:
            hand = farming = verb = True
        elif word in _VERBS:
            farming = verb = True
        elif word in _FARMERS or word in _PLACES:
            farming = True
        elif word in _ORCHARDS:
            farming = True
            said.append(word)
        elif word in _ASIDE or word.isdigit():
            continue
        elif (compound := _compound(word)) is not None:
            farming = True
            said.extend(compound)
        elif not place_names.known(word):
            return None
    hand = hand or _FOR_OTHERS.search(normalized) is not None
    groups = [PRODUCE.get(thing) or _ORCHARDS[thing] for thing in said]
    if hand and farming and glass and not groups:  # "greenhouse worker", "hulp in de tuin"
        groups = ["6113"]  # a hand on a farm without its produce may be any of 9211-9213: the labels'
    if not farming or not groups:
        return None
    if glass:
        groups = ["6113" if group == "6111" else group for group in groups]
    return (_labourer(groups) if hand else _title(groups, said)), verb


def _compound(word: str) -> list[str] | None:
    """The produce of a Dutch compound of produce and farmer or farm (*kippenboer*, *olijventeler*;
    and the orchard of *olijfboomgaard*), or None when ``word`` is none."""
    for head in _HEADS:
        if word.endswith(head) and len(word) > len(head) + 2:
            first = word[: -len(head)]
            links = (first[: -len(link)] if link else first for link in _LINKS if first.endswith(link))
            thing = next((form for form in links if form in _BY_LANG["nl"]), None)
            if thing is None or (head == "boer" and thing in _SHOPS):
                return None
            return [thing, *([head] if head in _ORCHARDS else [])]
    return None


def _title(groups: list[str], said: list[str]) -> str:
    """The label for the unit groups said: crops and animals together are mixed farming (6130),
    crops of more than one kind mixed crops (6114), else the first group (livestock by its animal
    where a label names it)."""
    kinds = set(groups)
    if any(g.startswith("611") for g in kinds) and any(g.startswith("612") for g in kinds):
        return _TITLES["6130"]
    crops = {g for g in kinds if g.startswith("611")}
    if len(crops) > 1:
        return _TITLES["6114"]
    if groups[0] == "6121":
        animal = next((_ANIMALS[w] for w in said if w in _ANIMALS), None)
        if animal is not None:
            return animal
    return _TITLES[groups[0]]


_LABOURERS = {
    "9211": "hulparbeider akkerbouw",
    "9212": "stalmedewerker",
    "9213": "hulpkracht landbouw",
    "9214": "hulparbeider tuinbouw",
}
"""A label of each agricultural labourers' unit group that the coder ranks first for it, in Dutch
and in English (a test checks)."""


def _labourer(groups: list[str]) -> str:
    """The agricultural labourers' label for the produce: crops 9211, animals 9212, both 9213, flowers,
    nursery plants and anything under glass 9214."""
    crops = any(g.startswith("611") for g in groups)
    animals = any(g.startswith("612") for g in groups)
    if crops and animals:
        code = "9213"
    elif animals:
        code = "9212"
    else:
        code = "9214" if "6113" in groups else "9211"
    return _LABOURERS[code]
