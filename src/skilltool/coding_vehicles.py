"""A rider of a motorcycle or a motorised tricycle, for delivery or as a taxi: "bezorger op de
motor", "delivered food by motorbike", "boda-boda rijder", a tuk-tuk's; and the one who drives a
tractor ("trekker rijden", "drove the tractor").

ISCO-08 puts the drivers of motorcycles and motorised tricycles that carry passengers or goods in
8321 (ILO, ISCO-08 Part III), apart from car and taxi drivers (8322) and from messengers on foot or
by bicycle (9621, 9331). The words alone did not get there: "op de motor" was read as a workplace
after "op", and a motorbike taxi's local name is in no label. So a rider's word with a motorcycle's
is coded as ESCO's Dutch label of the unit group (``LABEL``).

A tractor driven ("trekker rijden", "drove the tractor") is a mobile farm machine's: its driver is
in 8341 with the other operators of mobile farm and forestry plant, which "trekker" (also a puller
of wire, *draadtrekker*) did not find. Said as a verb only: it is an activity, flagged like one
(``coding_support``), and a tractor is also a lorry's or a yard's tractor unit (8332), so a title that
names the tractor and its driver keeps its own ranking and flag.

A driver said in the client's language beside the vehicle ("şoför, otobüs", "voditel gruzovika",
"ranande (bus)") is the vehicle's driver: ESCO has the driver's word of these languages as
an alias of the private chauffeur (8322), to ask which vehicle; a bus (8331) or a lorry (8332) said
answers that (``driver_of``), and a taxi names the driver of a taxi.

A rider's word may open a compound ("pakketbezorger", "pizzakoerier": ``_RIDER_ENDS``). Only
answers whose other words name no role (``is_role``): "monteur motoren" repairs them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from skilltool.coding_disciplines import said_with
from skilltool.word_lists import word_list, word_set

LABEL = "motorkoerier"
"""ESCO's Dutch preferred label of the unit group's occupation (8321)."""

_RIDERS = word_set(
    """
    bezorger bezorgers bezorgde bezorgd bezorgt bezorgen bezorging koerier koeriers rijder rijders
    reed chauffeur taxi delivery deliveries delivered delivering deliverer courier couriers driver
    drivers rider riders drove rode riding rijden rijdt reden bestuurder bestuurde drive drives
    """
)
_RIDER_ENDS = word_list("bezorger bezorgers koerier koeriers")
"""The ends of Dutch compounds that name a rider by what they carry ("maaltijdbezorger")."""
_MOTORCYCLES = word_set(
    """
    motor motorfiets motorfietsen motorbike motorbikes motorcycle motorcycles scooter scooters
    brommer brommers bromfiets moped mopeds motortaxi bajaj tuktuk tuk boda okada
    """
)
"""A motorcycle or a motorised tricycle, by its common or local name (boda-boda, tuk-tuk, bajaj)."""


TRACTOR_LABEL = "tractorbestuurder"
"""CBS's Dutch title of the operator of mobile farm plant (8341), which the coder reads as that group."""
_TRACTORS = word_set("trekker trekkers tractor tractoren tractors maaidorser")
_DRIVING = word_set("rijden rijdt reed reden drove drive drives driving")
_ON_THE_ROAD = word_set("oplegger opleggers trailer trailers semi vrachtwagen vrachtwagens truck trucks lzv")
"""A tractor unit of a lorry ("trekker met oplegger", "tractor-trailer"): heavy goods, 8332."""


def as_title(words: list[str], is_role: Callable[[str], bool]) -> str | None:
    """``LABEL`` for a rider's answer with a motorcycle, ``TRACTOR_LABEL`` for a tractor driven
    (see the module's docstring), else None."""
    if _MOTORCYCLES.isdisjoint(words) and _TRACTORS.isdisjoint(words):  # most titles
        return None
    things = _MOTORCYCLES if not _MOTORCYCLES.isdisjoint(words) else _TRACTORS
    if things is _TRACTORS and (_DRIVING.isdisjoint(words) or not _ON_THE_ROAD.isdisjoint(words)):
        return None
    riders = _RIDERS | {w for w in words if w.endswith(_RIDER_ENDS) and len(w) > 8}  # "maaltijdbezorger"
    if not said_with(words, riders, things, is_role):  # no rider, or another role ("monteur motoren")
        return None
    return LABEL if things is _MOTORCYCLES else TRACTOR_LABEL


GARAGE_LABEL = "voertuigtechnicus"
"""A Dutch name of motor vehicle mechanics (7231) that the coder reads as the group's occupation."""
_MECHANICS = word_set("monteur monteurs mechanic mechanics mechanicien reparateur repairman")
_MECHANIC_ENDS = ("monteur", "mechanic")
_GARAGE = re.compile(r"\b(?:\w*garage\w*|\w*dealer\w*|autobedrijf\w*)\b")
"""A car's workshop or dealer ("bij een garage", "autogarage", "at the Toyota dealer")."""


def at_a_garage(words: Sequence[str], normalized: str, is_role: Callable[[str], bool]) -> str | None:
    """``GARAGE_LABEL`` for a mechanic said with a garage or a car dealer ("monteur bij een autogarage",
    "mechanic at a garage in Basra"): ISCO-08 puts those who repair motor vehicles in 7231, and the
    mechanic's word alone leads to the mechanics of machinery (7233), the garage read as where, not
    what; a compound of both ("garagemonteur") too. Not when another word names a role ("manager
    garage", "receptionist bij een garage")."""
    if "garage" not in normalized and "dealer" not in normalized and "autobedrijf" not in normalized:
        return None  # most titles: every match of ``_GARAGE`` holds one of these (the search costs 3-6 us)
    if _GARAGE.search(normalized) is None:
        return None
    joined = any(
        word.endswith(_MECHANIC_ENDS) and _GARAGE.fullmatch(word) for word in words
    )  # "garagemonteur"
    if _MECHANICS.isdisjoint(words) and not joined:
        return None
    if any(is_role(word) for word in words if word not in _MECHANICS and _GARAGE.fullmatch(word) is None):
        return None
    return GARAGE_LABEL


_DRIVERS = word_set(
    """
    sofor soforu darawal dareewal shofer shufer chofer voditel vodii vodiy ranande saiq sayiq saeq
    sawwaq sawaq водитель водій шофер راننده سائق سواق
    """
)
"""A driver's word of the clients' languages (folded as ``prepare`` folds them: Turkish *şoför*,
Somali, Spanish, Russian and Ukrainian, Persian/Dari *rānande*, Arabic *sā'iq* and the Levantine
*sawwāq*). Not the Dutch and English words: their labels say the vehicle already, and an English
*truck* may be a forklift's or a crane's."""
_VEHICLES = {
    "buschauffeur": word_set(
        "bus bussen autobus autobussen avtobus avtobusa otobus otobusu автобус автобуса باص حافلة"
    ),
    "vrachtwagenchauffeur": word_set(
        """
        vrachtwagen vrachtwagens truck trucks lorry lorries kamion kamyon kamyonu camion shahina
        gruzovik gruzovika vantazhivka vantazhivky вантажівка вантажівки грузовик грузовика شاحنة
        """
    ),
    "taxibestuurder": word_set("taxi taxis taksi такси تاكسي"),
}
"""A vehicle by its names, under an ESCO Dutch label of its driver (8331, 8332, 8322: the preferred
labels, the taxi driver's alternative one)."""


_REPAIRS = word_set(
    """
    repareren repareer repareert repareerde repareerden gerepareerd reparatie reparaties herstellen
    herstelde hersteld repair repairs repaired repairing fix fixed fixing tamir tamirat
    """
)
"""Repairing said as a verb or its noun (Turkish and Persian *tamir*): the answer says an activity."""
_REPAIRERS = word_set(
    """
    reparateur reparateurs hersteller monteur monteurs technicus mecanicien mechanic mechanics
    repairer repairers repairman technician tamirci tamirkar mekanik mechanik mikaniki
    """
)
_ENGINES = word_set("motoren motors engines")
"""Engines, which Dutch also says of motorcycles: repaired, a motor vehicle mechanic's work too."""
_MENDED = _MOTORCYCLES | _ENGINES
_REPAIR_WORDS = _REPAIRS | _REPAIRERS
_SAID_OF_REPAIR = _MENDED | _REPAIR_WORDS
"""The words ``mechanic_of_motorcycles`` reads; any other is checked for a role (built once)."""


def mechanic_of_motorcycles(words: Sequence[str], is_role: Callable[[str], bool]) -> tuple[str, bool] | None:
    """``GARAGE_LABEL`` for a motorcycle or a motorised tricycle repaired ("repareerde brommers",
    "scooter monteur", "I fixed motorcycles"), and whether it was said as an activity (flagged like
    one): ISCO-08 puts motorcycle mechanics in 7231 with the car's, where ESCO files the scooter's
    and the motorcycle's mechanic under the bicycle's (7234) and the words alone led to a rider or
    an assembler. Engines repaired are a motor vehicle's too ("motoren gerepareerd"). Not when
    another word names a role ("verkoper scooters en reparatie")."""
    if _MENDED.isdisjoint(words) or _REPAIR_WORDS.isdisjoint(words):
        return None  # most titles
    repaired = not _REPAIRS.isdisjoint(words)  # a verb or its noun: said as an activity
    if not repaired and _MOTORCYCLES.isdisjoint(words):
        return None  # "monteur motoren": an engine fitter's title, the labels' to weigh
    if any(is_role(word) for word in words if word not in _SAID_OF_REPAIR):
        return None
    return GARAGE_LABEL, repaired


def driver_of(words: list[str], is_role: Callable[[str], bool]) -> str | None:
    """The driver's label of the one vehicle (``_VEHICLES``) said with a driver's word and no other
    role (see the module's docstring: "şoför otobüs", "ranande (bus)"), else
    None; an instructor or a mechanic of lorries is someone else's work, a bus and a lorry both
    the labels' to weigh."""
    if _DRIVERS.isdisjoint(words):  # most titles: no driver's word, which ``said_with`` needs
        return None
    said = [label for label, names in _VEHICLES.items() if not names.isdisjoint(words)]
    if len(said) != 1 or not said_with(words, _DRIVERS, _VEHICLES[said[0]], is_role):
        return None  # most titles name no vehicle
    return said[0]
