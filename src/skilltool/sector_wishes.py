"""How a wished sector, as the caseworker typed it, is understood: the rule of
``suggest_person.match_sector`` over the sector file alone, for outputs that show a wish without
building the suggest index (the report). A test keeps the two in step."""

from __future__ import annotations

import re

from skilltool.models.suggest import SectorsFile
from skilltool.suggest_index import norm


def wished_sector(sectors: SectorsFile, text: str) -> str | None:
    """The sector id ``text`` names: an id, a whole Dutch or English name, or one word of either
    ('zorg', 'care', 'ICT'); the session's language does not matter. None when it names none."""
    wanted = norm(text)
    if not wanted:
        return None
    for s in sectors.sectors:
        if wanted in {norm(s.id), norm(s.name.nl), norm(s.name.en)}:
            return s.id
    for s in sectors.sectors:
        if text.strip().lower() in set(re.split(r"[^0-9a-zà-ÿ]+", f"{s.name.nl} {s.name.en}".lower())):
            return s.id
    return None
