"""A teacher said in the client's language with the school's level: "moallem op de middelbare
school", "öğretmen, lise", "astemari at a high school".

ISCO-08 sorts teachers by the level they teach: secondary (2330), primary (2341), early childhood
(2342), higher education (2310) (ILO, ISCO-08 Part III). The teacher's word of the clients'
languages (Arabic *mu'allim*, Persian *moallem*, Turkish *öğretmen*, Somali *macallin*, Tigrinya
*memhir*, Amharic *astemari*, Ukrainian and Russian *vchytel*, *uchitel*) is an alias of one
level's teacher, to ask which (``ask``), and led to that level whatever the school said. So the
word with one level's school is coded as ESCO's Dutch label of that level's teacher; only when
no other word names a role (a head teacher, a school's cook).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from skilltool.occupation_rules import to_front
from skilltool.word_lists import word_set

if TYPE_CHECKING:
    from skilltool.label_index import Hit

_TEACHERS = word_set(
    """
    moallem moalem mualim muallim mualem mudarris ogretmen ogretmeni mamoste mamosta macallin
    macalin macallimad memhir astemari xowunkay showunkai vchytel vchytelka uchitel uchitelnitsa
    enseignant enseignante professeur professeure ustani ustad вчитель вчителька учитель учительница
    """
)
"""A teacher's word of the clients' languages (folded as ``prepare`` folds them)."""
_LEVELS = {
    "leerkracht voortgezet onderwijs": re.compile(
        r"\b(?:voortgezet\s+onderwijs|secundair\w*|secondary|high\s*school|sec\s+school|lise\w*"
        r"|lyce\w*|lyceum|dabirestan|gymnasium|середн\w*)\b"
    ),
    "leraar basisonderwijs": re.compile(
        r"\b(?:basisonderwijs|basisschool|lagere\s+school|primary|elementary|ilkokul\w*|dabestan|ecole\s+primaire)\b"
    ),
    "leraar kleuteronderwijs": re.compile(
        r"\b(?:kleuter\w*|kindergarten|kindergartens|anaokul\w*|preschool)\b"
    ),
    "docent hoger onderwijs": re.compile(r"\b(?:l?universit\w*|faculteit|faculty)\b"),
}
"""A school's level by its names, under ESCO's Dutch preferred label of its teacher (2330, 2341,
2342, 2310)."""


def teacher_of(words: list[str], normalized: str, is_role: Callable[[str], bool]) -> str | None:
    """The label of the teacher of the one school level said with a teacher's word of the clients'
    languages and no other role (see the module's docstring), else None."""
    if _TEACHERS.isdisjoint(words):  # most titles
        return None
    said = [(label, level) for label, level in _LEVELS.items() if level.search(normalized)]
    if len(said) != 1:
        return None
    label, level = said[0]
    rest = set(level.sub(" ", normalized).split())  # the words besides the school's
    if any(is_role(w) for w in words if w in rest and w not in _TEACHERS):
        return None  # "moallem en directeur", a school's cook
    return label


_LEVEL_GROUPS = dict(zip(_LEVELS, ("2330", "2341", "2342", "2310"), strict=True))
"""The ISCO-08 unit group of each level's teachers."""
_TEACHING = word_set("docent docente leraar lerares leerkracht onderwijzer onderwijzeres teacher lecturer")
"""A teacher's word of Dutch or English (the clients' languages' are ``_TEACHERS``)."""
_ASSISTING = word_set("assistant assistent assistente hulp helper aide onderwijsassistent klassenassistent")
"""Who helps a teacher (5312): the teacher's word names whom they assist, not their level."""


def said_level_first(hits: list[Hit], flagged: bool, normalized: str, iscos: Sequence[str]) -> list[Hit]:
    """``hits`` led by their first teacher of the one school level the title says ("docent
    scheikunde op de universiteit": 2310) when they are flagged, a teacher's word is said and
    another unit group leads; the subject filled a secondary teacher's label (2330) better than
    the lecturer's, whose label also names the subject. Unchanged when no candidate is of that
    level or the title says an assistant (``_ASSISTING``)."""
    if not flagged or not hits:
        return hits
    words = normalized.split()
    if _TEACHING.isdisjoint(words) and _TEACHERS.isdisjoint(words):  # most titles
        return hits
    if not _ASSISTING.isdisjoint(words):  # one who assists the teacher of a class
        return hits
    said = [group for label, group in _LEVEL_GROUPS.items() if _LEVELS[label].search(normalized)]
    if len(said) != 1 or iscos[hits[0][0]] == said[0]:
        return hits
    lead = next((h for h in hits if iscos[h[0]] == said[0]), None)
    return hits if lead is None else to_front(lead, hits)
