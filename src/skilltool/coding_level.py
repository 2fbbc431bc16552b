"""A professional's level in doubt: a midwife "in the village, without a diploma", a teacher
"self-taught", a healer "traditional". ISCO-08 major group 2 (professionals) holds the work that
asks a degree; the same work done without one is often coded a level lower (a traditional
midwife is an associate professional, 3222, not a midwife, 2222). The answer says the work, and
the words after it say the level is not the title's: the coded group may be a level too high.

So a ranking led by a professional is flagged when the answer says there was no diploma or no
training, a training of a year or two (a bachelor takes three or more), or, for health work,
that it was traditional or informal (``level_in_doubt``). The ranking is not
changed: which level is right is the caseworker's question to ask (docs/coding.md, "A
professional without a diploma").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from skilltool.occupation_rules import group_to_front

if TYPE_CHECKING:
    from skilltool.label_index import Hit

MAX_READ = 400  # the start of an answer read for a training's length
PROFESSIONAL_GROUP = "2"
"""ISCO-08 major group 2: professionals (doctors, midwives, teachers, engineers, lawyers...)."""

_DOUBT = re.compile(
    r"""\b(?:geen|zonder|without|no|not|niet|nooit|never)\s+(?:a\s+|een\s+)?(?:diploma|diplomas|degree|certificaat
    |certificate|certificates|papieren|papers|opleiding|training|erkenning|licence|license|qualification)\b
    |\b(?:ongediplomeerd|ongeschoold|untrained|unqualified|uncertified|unlicensed|autodidact
    |self\s+taught|zelf\s+geleerd)\b""",
    re.VERBOSE,
)
"""Words that say the level was not a professional's: no diploma or training, self-taught (Dutch
and English)."""
HEALTH_GROUP = "22"
"""ISCO-08 sub-major group 22: health professionals."""
_TRADITIONAL = re.compile(
    r"\b(?:traditioneel|traditionele|traditional|informeel|informele|informal|informally)\b"
)
"""Traditional or informal care (a birth attendant, a healer): a level in doubt for health work
only; elsewhere the word says a kind ("traditional music", "traditional dishes"), not a level."""


_DURATION = (
    r"(?:(?:[12]|een|twee|one|two|half|anderhalf)[\s-]*(?:jarige?|jaars|jaar|jr|years?|yrs?)"
    r"|\d+\s*(?:maanden|mnd|months?))"
)
_SCHOOLING = (
    r"\w*(?:opleiding|training|cursus|course|diploma|instituut|institute|studie|study|programme|program)"
)
_SHORT_TRAINING = re.compile(
    rf"\b{_DURATION}[\s-]+(?:\w+[\s-]+)?{_SCHOOLING}\b|\b{_SCHOOLING}[\s(-]+(?:\w+[\s-]+)?{_DURATION}\b"
)
"""A training of a year or two, or of months, said next to its length ("2-jarige opleiding",
"diploma 2 yrs", "opleiding van twee jaar", "two-year nursing course"; not across a comma: "2
jaar, opleiding in Damascus" may be two years of work): an associate professional's schooling, not
a degree. Read on the answer as typed, as ``textnorm.normalize`` drops durations."""


def level_in_doubt(normalized: str, isco: str, text: str = "") -> bool:
    """Whether a professional (``isco`` in ``PROFESSIONAL_GROUP``) leads and the normalised answer
    says the work was done without a professional's diploma or training (``_DOUBT``) or after a
    short training (``_SHORT_TRAINING``, on ``text``, the answer as typed), or, for a health
    professional, that it was traditional or informal (``_TRADITIONAL``) or of a vocational level
    (``_VOCATIONAL``: "verloskundige mbo")."""
    if not isco.startswith(PROFESSIONAL_GROUP):
        return False
    if _DOUBT.search(normalized) is not None or _SHORT_TRAINING.search(text[:MAX_READ].lower()) is not None:
        return True
    health = isco.startswith(HEALTH_GROUP)  # (a teacher "op het mbo" teaches there)
    return health and (_TRADITIONAL.search(normalized) or _VOCATIONAL.search(normalized)) is not None


_ASSOCIATES = {"2221": "3221", "2222": "3222"}
"""Nursing and midwifery professionals and their associate professionals (ISCO-08: the same work
after a vocational training, *mbo* in the Netherlands)."""
_VOCATIONAL = re.compile(r"\b(?:mbo|niveau\s*[1-4]|level\s*[1-4]|middelbare|vocational)\b")
"""A vocational level said: *mbo*, its levels (a professional's work is of a degree's level)."""
_DEGREE = re.compile(r"\b(?:hbo|wo|bachelor|bachelors|master|masters|bsc|msc|universiteit\w*|university)\b")
"""A degree said: *hbo*, a bachelor's or a master's, a university."""


def care_level_first(
    hits: list[Hit],
    flagged: bool,
    normalized: str,
    iscos: Sequence[str],
    group_of: Mapping[str, int] | None,
    *,
    text: str = "",
) -> list[Hit]:
    """``hits`` led by the associate professionals' group (3221, 3222) when a nursing or midwifery
    professional leads a flagged answer that says a vocational level ("verpleegkundige mbo niveau")
    or a training of a year or two (``_SHORT_TRAINING`` on ``text``, the answer as typed: "nurse,
    2-year diploma"), and by the professionals' when their associates lead one that says a degree;
    CBS codes a nurse of *mbo* level in 3221. Else unchanged."""
    if not flagged or not hits or not group_of:
        return hits
    isco = iscos[hits[0][0]]
    short = isco in _ASSOCIATES and _SHORT_TRAINING.search(text[:MAX_READ].lower()) is not None
    if isco in _ASSOCIATES and (short or _VOCATIONAL.search(normalized)):
        wanted = _ASSOCIATES[isco]
    elif isco in _ASSOCIATES.values() and _DEGREE.search(normalized):
        wanted = next(pro for pro, associate in _ASSOCIATES.items() if associate == isco)
    else:
        return hits
    return group_to_front(hits, wanted, iscos, group_of) if wanted in group_of else hits
