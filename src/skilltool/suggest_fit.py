"""Real fit: what makes a candidate worth a slot, beyond its score (docs/advice.md, section 1).

Related work: ISCO-08's residual groups ("Other ...", "n.e.c.") are no shared work; for
professionals a shared minor group counts only with some of the job's distinctive skills (minor
group 263 holds economists and religious professionals, 214 civil and acoustical engineers).

Skills: half of an occupation's essential skills (at least three), and some of its distinctive ones.

ESCO gives many occupations one shared block of essential skills (some 65 research occupations
share "apply scientific methods", "write scientific publications", ...; health professions share
their own). Counting only the share held, a pharmacist "held" 29 of a religion researcher's 35
essential skills and none of the four that make the job (theology, religious texts). A skill that
is essential to few occupations says what the work is; the rule asks for some of those too
(``data/suggest_weights.yaml``, ``routes.fit``; docs/advice.md, section 1).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container, Iterable, Mapping, Sequence

from skilltool.models import IscoGroup, SuggestWeights
from skilltool.models.suggest import FitRules


def distinctive_skills(
    essential: Mapping[str, Sequence[str]], uris: Iterable[str], *, max_occupations: int
) -> dict[str, tuple[str, ...]]:
    """For each of ``uris``: its essential skills that are essential to at most ``max_occupations``
    of all occupations in ``essential`` (URI -> essential skill ids), in the data's order."""
    spread = Counter(s for skills in essential.values() for s in set(skills))
    return {u: tuple(s for s in essential[u] if spread[s] <= max_occupations) for u in uris}


def distinctive_held(distinctive: Sequence[str], held: Container[str]) -> int:
    return sum(1 for s in distinctive if s in held)


def distinctive_ok(rule: FitRules, *, distinctive: int, held_distinctive: int) -> bool:
    """At least ``distinctive_share`` of the distinctive skills held and ``distinctive_min_held`` of
    them (all, when there are fewer), when the occupation has at least ``distinctive_min_count``
    (with fewer there is nothing to ask). One distinctive skill alone is an incidental overlap: a
    midwife shares one of a clinical perfusion scientist's five (the heart-lung machine is not it)."""
    if distinctive < rule.distinctive_min_count:
        return True
    return held_distinctive >= max(
        rule.distinctive_share * distinctive, min(rule.distinctive_min_held, distinctive)
    )


def minor_group_level(rule: FitRules, isco: str, skill_level: int) -> int:
    """The skill level ``minor_group_ok`` reads for an occupation of ``isco``: at least
    ``distinctive_for_minor_group_from_skill_level`` in a minor group of distinct trades
    (``distinctive_minor_groups``: 751 has bakers beside butchers, fish filleters and cheese
    makers, each its own craft; a baker was offered fish trimming for sharing it)."""
    if isco[:3] in rule.distinctive_minor_groups:
        return max(skill_level, rule.distinctive_for_minor_group_from_skill_level)
    return skill_level


def minor_group_ok(
    rule: FitRules, *, skill_level: int, essential_held: int, distinctive: int, held_distinctive: int
) -> bool:
    """Whether past work in the occupation's minor group (not its unit group) counts as fit:
    always below ``distinctive_for_minor_group_from_skill_level``; for professionals with
    ``distinctive_ok``, and where the occupation has too few distinctive skills to ask, with at
    least ``skills_min_held`` of its essential skills (an economist held none of a social worker's
    61, all shared with 20+ occupations, and was sent there for sharing minor group 263)."""
    if skill_level < rule.distinctive_for_minor_group_from_skill_level:
        return True
    if distinctive < rule.distinctive_min_count:
        return essential_held >= rule.skills_min_held
    return distinctive_ok(rule, distinctive=distinctive, held_distinctive=held_distinctive)


def skills_fit(rule: FitRules, *, essential: int, held: int, distinctive: int, held_distinctive: int) -> bool:
    """At least ``skills_share`` of the essential skills and ``skills_min_held`` of them held (one
    of an occupation's two is no evidence), and ``distinctive_ok``."""
    if not essential or held < rule.skills_share * essential or held < rule.skills_min_held:
        return False
    return distinctive_ok(rule, distinctive=distinctive, held_distinctive=held_distinctive)


def residual_groups(groups: Iterable[IscoGroup]) -> frozenset[str]:
    """The minor and unit groups ISCO-08 names as residual: "Other health professionals" (226),
    "Health professionals not elsewhere classified" (2269). They gather occupations by what they are
    not, so a dentist and an animal-assisted therapist share 226 without sharing work."""
    return frozenset(
        g.code
        for g in groups
        if len(g.code) >= 3
        and ((en := g.label.get("en") or "").startswith("Other ") or "not elsewhere classified" in en)
    )


_RELATED_ELSEWHERE = re.compile(
    r"related occupations classified elsewhere:(.*?)(?:\bNotes?\b|\bExcluded\b|$)", re.S
)
_UNIT_CODE = re.compile(r"-\s*(\d{4})\b")


def entry_below(descriptions: Mapping[str, str], weights: SuggestWeights) -> dict[str, frozenset[str]]:
    """ISCO-08 unit group -> the unit groups at a lower skill level that ISCO-08 names beside it
    ("Some related occupations classified elsewhere", in either group's description, ESCO's copy in
    ``data/isco_descriptions.yaml``): a law firm's secretarial group 3342 names 4120, office secretaries; a
    bookkeeper's 3313 names 4311, bookkeeping clerks; a nurse's 2221 names 5321, health care
    assistants. Paid work in the first counts as the experience to enter the second without a
    vocational qualification (docs/advice.md section 27); skill levels by ``level_by_isco_major``; not
    a group of ``routes.entry_below_except`` (kraamzorg: its branch register asks its own diploma)."""
    skill_level = {k: int(band.isco_skill_level[-1]) for k, band in weights.level_by_isco_major.items()}
    pairs: set[tuple[str, str]] = set()
    for code, text in descriptions.items():
        if len(code) != 4 or not (found := _RELATED_ELSEWHERE.search(text)):
            continue
        for other in _UNIT_CODE.findall(found.group(1)):
            if other != code:
                pairs.update({(code, other), (other, code)})
    below: dict[str, set[str]] = {}
    never = weights.routes.entry_below_except
    for past, job in sorted(pairs):
        if skill_level.get(past[:1], 0) > skill_level.get(job[:1], 0) > 0 and not job.startswith(
            tuple(never)
        ):
            below.setdefault(past, set()).add(job)
    return {k: frozenset(v) for k, v in below.items()}
