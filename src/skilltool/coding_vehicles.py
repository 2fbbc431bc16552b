"""A rider of a motorcycle or a motorised tricycle, for delivery or as a taxi: "bezorger op de
motor", "delivered food by motorbike", "boda-boda rijder", "tuk-tuk driver".

ISCO-08 puts the drivers of motorcycles and motorised tricycles that carry passengers or goods in
8321 (ILO, ISCO-08 Part III), apart from car and taxi drivers (8322) and from messengers on foot or
by bicycle (9621, 9331). The words alone did not get there: "op de motor" was read as a workplace
after "op", and a motorbike taxi's local name is in no label. So a rider's word with a motorcycle's
is coded as ESCO's Dutch label of the unit group (``LABEL``).

Only answers whose other words name no role (``is_role``): "monteur motoren" repairs them.
"""

from __future__ import annotations

from collections.abc import Callable

from skilltool.coding_disciplines import said_with
from skilltool.word_lists import word_set

LABEL = "motorkoerier"
"""ESCO's Dutch preferred label of the unit group's occupation (8321)."""

_RIDERS = word_set(
    """
    bezorger bezorgers bezorgde bezorgd bezorgt bezorgen bezorging koerier koeriers rijder rijders
    reed chauffeur taxi delivery deliveries delivered delivering deliverer courier couriers driver
    drivers rider riders drove rode riding
    """
)
_MOTORCYCLES = word_set(
    """
    motor motorfiets motorfietsen motorbike motorbikes motorcycle motorcycles scooter scooters
    brommer brommers bromfiets moped mopeds motortaxi bajaj tuktuk tuk boda okada
    """
)
"""A motorcycle or a motorised tricycle, by its common or local name (boda-boda, tuk-tuk, bajaj)."""


def as_title(words: list[str], is_role: Callable[[str], bool]) -> str | None:
    """``LABEL`` for a rider's answer with a motorcycle (see the module's docstring), else None."""
    return LABEL if said_with(words, _RIDERS, _MOTORCYCLES, is_role) else None
