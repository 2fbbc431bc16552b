"""A trade said with the armed forces: a cook "voor het leger", a driver "during military service".
ISCO-08 codes every member of the armed forces, conscripts included, in major group 0 whatever the
trade they did there (its definition of major group 0; civilians employed by a defence ministry are
coded by their own work). The coder codes the trade, which is what a caseworker matches on, but an
answer that places it in an army is then a choice a person makes: the trade's group or 0310
(other ranks). So such an answer is flagged (``in_armed_forces``); the ranking is not changed
(docs/coding.md, "A trade in the armed forces").
"""

from __future__ import annotations

import re

ARMED_FORCES_GROUP = "0"
"""ISCO-08 major group 0: armed forces occupations."""

_ARMED_FORCES = re.compile(
    r"""\b(?:leger|army|militair|militaire|military|dienstplicht|dienstplichtig|dienstplichtige
    |krijgsmacht|luchtmacht|air\s+force|conscript|conscription|soldaat|soldier|peshmerga)\b""",
    re.VERBOSE,
)
"""Words that place the work in the armed forces (Dutch and English). Not "defensie" (a ministry
employs civilians too), not "marine" (in English also the sea's), not national service (in
some countries civilian in part)."""
_NOT_ARMED = re.compile(
    r"""\b(?:leger\s+des\s+heils|salvation\s+army
    |(?:us|u\s+s|american|amerikaanse|british|britse|nato|isaf|coalition|coalitie)\s+(?:army|leger|military|troops)
    |nato|isaf)\b""",
    re.VERBOSE,
)
"""The Salvation Army is a church, not an army (its officers are religious workers, 3413); a
foreign army or an alliance's mission (the US army, NATO, ISAF) employed local people as
civilians (interpreters, cooks, guards on its bases), coded by their own work."""


def in_armed_forces(normalized: str, isco: str) -> bool:
    """Whether the normalised answer places the work in the armed forces while the coded group
    ``isco`` is a civilian one."""
    if isco.startswith(ARMED_FORCES_GROUP) or _ARMED_FORCES.search(normalized) is None:
        return False
    return _NOT_ARMED.search(normalized) is None
