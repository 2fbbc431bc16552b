"""A diploma earned in the Netherlands: its level is the Dutch ladder's
(``data/dutch_qualifications.yaml``), read from the name a caseworker writes ('mbo-2 Logistiek',
'havo-diploma'), not looked up in the foreign-diploma table, and IDW does not evaluate it. A name
that does not say which rung (a bare 'bachelor' may be hbo or wo) gets no level: unknown, never a
guess."""

from __future__ import annotations

import re

from skilltool.models import DiplomaIndication, DutchQualificationsFile
from skilltool.models.base import construct
from skilltool.models.diplomas import citation

_RUNGS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), rung)
    for pattern, rung in (
        (r"\b(entree(opleiding)?|mbo[- ]?(niveau )?1)\b", "mbo-1"),
        (r"\bmbo[- ]?(niveau )?2\b", "mbo-2"),
        (r"\bmbo[- ]?(niveau )?3\b", "mbo-3"),
        (r"\bmbo[- ]?(niveau )?4\b", "mbo-4"),
        (r"\bvmbo[- ]?(bb|basis)", "vmbo-bb"),
        (r"\bvmbo[- ]?(kb|kader)", "vmbo-kb"),
        (r"\bvmbo[- ]?(gl|tl|t|gemengde|theoretische)\b", "vmbo-gl-tl"),
        (r"\bhavo\b", "havo"),
        (r"\bvwo\b", "vwo"),
        (r"\bassociate degree\b", "associate-degree"),
        (r"\bhbo[- ]?master\b", "hbo-master"),
        (r"\bwo[- ]?master\b", "wo-master"),
        (r"\bhbo[- ]?bachelor\b", "hbo-bachelor"),
        (r"\bwo[- ]?bachelor\b", "wo-bachelor"),
    )
)


STARTKWALIFICATIE = frozenset({"havo", "vwo", "mbo-2", "mbo-3", "mbo-4"})
"""The rungs whose diploma is a startkwalificatie, which ends the qualification duty
(rijksoverheid.nl)."""


def names_rung(qualification: str, rungs: frozenset[str]) -> bool:
    """Whether the name of a Dutch diploma says one of ``rungs`` (anywhere in it)."""
    text = qualification.casefold()
    return any(rung in rungs and pattern.search(text) for pattern, rung in _RUNGS)


def dutch_indication(ladder: DutchQualificationsFile, qualification: str) -> DiplomaIndication | None:
    """The ladder's level of a Dutch diploma named ``qualification`` (``basis`` stated: the
    Nuffic prints it), or None when the name does not say which rung."""
    text = qualification.casefold()
    rung = next((r for pattern, r in _RUNGS if pattern.search(text)), None)
    level = next((lv for lv in ladder.levels if lv.id == rung), None)
    if level is None:
        return None
    return construct(
        DiplomaIndication,
        entry_id=f"nl-{level.id}",
        qualification=level.name_en,
        dutch_equivalent=level.name_nl,
        nlqf_min=level.nlqf,
        nlqf_max=level.nlqf,
        eqf_min=level.eqf,
        eqf_max=level.eqf,
        source=citation(ladder.sources[level.source]),
        score=100.0,
        basis="stated",
        inferred_reason=None,
    )
