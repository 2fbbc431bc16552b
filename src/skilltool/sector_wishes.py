"""How a wished sector, as the caseworker typed it, is understood: one rule for ``suggest``
(``wish_coding.match_sector``, over the suggest index's names), the batch's research export
(``wish_coding.sector_ids``) and the report (``wished_sector``, over the sector file alone)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from skilltool.models.suggest import SectorsFile
from skilltool.suggest_index import norm


def sector_named(names: Sequence[tuple[str, str, str]], text: str) -> str | None:
    """The sector id ``text`` names, of ``names`` (id, Dutch name, English name) in their order: an
    id, a whole Dutch or English name, or one word of either ('zorg', 'care', 'ICT'); the
    session's language does not matter. None when it names none."""
    wanted = norm(text)
    if not wanted:
        return None
    for sid, nl, en in names:
        if wanted in {norm(sid), norm(nl), norm(en)}:
            return sid
    said = text.strip().lower()
    for sid, nl, en in names:
        if said in set(re.split(r"[^0-9a-zà-ÿ]+", f"{nl} {en}".lower())):
            return sid
    return None


def wished_sector(sectors: SectorsFile, text: str) -> str | None:
    """``sector_named`` over the sector file (the report reads a wish without the suggest index)."""
    return sector_named([(s.id, s.name.nl, s.name.en) for s in sectors.sectors], text)


def unread_wishes(sectors: SectorsFile, wishes: Sequence[str]) -> list[str]:
    """The wishes ``suggest`` cannot read (no sector id, name or word of a name), in order: the
    intake says so when they are typed, where before only the report did."""
    return [w for w in wishes if w.strip() and wished_sector(sectors, w) is None]
