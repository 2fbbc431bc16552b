"""Scoring one candidate occupation for one person: the nine visible parts, the route and the
real-fit rule.

``parts_of`` + ``total`` is the one reference implementation of the score: ``suggest_arrays``
computes the same floats over whole columns (tests compare the two on the example personas), and
``group_parts`` the class parts of every group at once for the ranking.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from skilltool.models import SuggestWeights
from skilltool.models.profile import Route
from skilltool.models.suggest import FitRules
from skilltool.suggest_arrays import FloatArray, round2_array
from skilltool.suggest_fit import distinctive_held, minor_group_level, minor_group_ok, skills_fit
from skilltool.suggest_index import Candidate, SuggestIndex, norm
from skilltool.suggest_rules import hot_rules
from skilltool.suggest_texts import t as _t

if TYPE_CHECKING:
    from skilltool.suggest_person import Past, Person

PART_NAMES = (
    "skills",
    "related_work",
    "level",
    "dutch",
    "tightness",
    "tightness_forecast",
    "wishes",
    "certificates",
    "sector",
)
"""The parts a suggestion shows. The ranking adds tightness now and its 2030 forecast as one class
part (both depend only on the occupation's BRC group); ``build_suggestion`` shows them apart."""
_LICENCE_IMPLIED = {
    "A": {"A", "A1", "A2"},  # a courier's motorcycle is light (data/suggest_weights.yaml, rule 8321)
    "B": {"B", "C", "CE", "C1", "C1E", "D", "DE", "D1", "BE"},
    "C": {"C", "CE"},
    "D": {"D", "DE"},
    "T": {"T", "C", "CE"},  # licence C gives the right to drive a tractor (suggest_weights.yaml, 8341)
}


def round2(x: float) -> float:
    """``x`` rounded to 2 decimals: half to even on ``x * 100`` as a float, exactly what
    ``suggest_arrays.round2_array`` does with numpy over whole columns (so both give the same
    floats)."""
    return round(x * 100) / 100


class Parts(NamedTuple):
    """The eight ranking parts of one candidate for one person, each rounded to 2 decimals: the
    nine shown parts with tightness now and its 2030 forecast added as one (``build_suggestion``
    shows them apart)."""

    skills: float
    related_work: float
    level: float
    dutch: float
    tightness: float
    wishes: float
    certificates: float
    sector: float


class ClassParts(NamedTuple):
    """The points that depend only on the candidate's group (its class: sector, level band, Dutch
    needed, tightness, regulation, certificates) for one person, rounded to 2 decimals except
    ``wish`` (an occupation wish is added to it before rounding)."""

    level: float
    dutch: float
    tightness: float
    sector: float
    certificates: float
    wish: float


class GroupParts(NamedTuple):
    """A group's class parts for one person, with what the fast path adds per candidate."""

    parts: ClassParts
    wish_rounded: float
    """``round2(parts.wish)``: the wishes part of a member nobody wished by name."""
    base: float
    """level + Dutch + tightness + certificates + sector, added in that order (as ``total``)."""


class GroupTable:
    """Every group's class parts for one person signature (``group_parts``): one float per group
    for each part, the lists shared by every signature with the same value of that part. A group's
    ``GroupParts`` is put together when read (a profile reads about ten), and the columns the
    ranking adds (``columns``) once per table, with numpy: building 111 ``GroupParts`` for every
    signature showed in bench/suggest and made each memoised table ~30 KB instead of ~3 KB."""

    __slots__ = ("_columns", "certificates", "dutch", "level", "sector", "tightness", "wish")

    def __init__(
        self,
        *,
        level: list[float],
        dutch: list[float],
        tightness: list[float],
        sector: list[float],
        certificates: list[float],
        wish: list[float],
    ) -> None:
        self.level, self.dutch, self.tightness = level, dutch, tightness
        self.sector, self.certificates, self.wish = sector, certificates, wish
        self._columns: tuple[FloatArray, FloatArray, FloatArray] | None = None

    def __len__(self) -> int:
        return len(self.level)

    def __getitem__(self, g: int) -> GroupParts:
        lv, du, ti, se, ce, wi = (
            self.level[g],
            self.dutch[g],
            self.tightness[g],
            self.sector[g],
            self.certificates[g],
            self.wish[g],
        )
        return GroupParts(ClassParts(lv, du, ti, se, ce, wi), round2(wi), lv + du + ti + ce + se)

    def class_parts(self, g: int) -> ClassParts:
        """``self[g].parts`` alone: what a suggestion is built from (without the rounded wish and
        the base ``self[g]`` adds, once per suggestion)."""
        level, dutch, tight, sector, certs, wish = (
            self.level,
            self.dutch,
            self.tightness,
            self.sector,
            self.certificates,
            self.wish,
        )
        return ClassParts(level[g], dutch[g], tight[g], sector[g], certs[g], wish[g])

    def __iter__(self) -> Iterator[GroupParts]:
        return (self[g] for g in range(len(self)))

    def columns(self) -> tuple[FloatArray, FloatArray, FloatArray]:
        """(wish, rounded wish, base) of every group as arrays: the same floats as ``self[g]``'s
        (``round2_array`` rounds as ``round2``; the base is added in the same order)."""
        if self._columns is None:
            wish = np.asarray(self.wish, dtype=np.float64)
            base = np.asarray(self.level, dtype=np.float64) + np.asarray(self.dutch, dtype=np.float64)
            base = base + np.asarray(self.tightness, dtype=np.float64)
            base = base + np.asarray(self.certificates, dtype=np.float64)
            base = base + np.asarray(self.sector, dtype=np.float64)
            self._columns = (wish, round2_array(wish), base)
        return self._columns


class Related(NamedTuple):
    """The best related-work points for a candidate, the past job behind them and the ISCO digits
    it shares with the candidate (5: the same occupation; 0: none)."""

    points: float
    job: Past | None
    digits: int


# --- scoring -----------------------------------------------------------------------------------


def cert_status(index: SuggestIndex, p: Person, c: Candidate) -> tuple[list[str], list[str]]:
    """(held, missing) licences and certificates for ``c``; both empty when none are needed."""
    if c.cert_rule < 0:
        return [], []
    rule = index.certs[c.cert_rule]
    held: list[str] = []
    missing: list[str] = []
    for lic in rule.licences:
        ok = bool(_LICENCE_IMPLIED.get(lic, {lic}) & p.licences)
        (held if ok else missing).append(_t("licence", p.lang, x=lic))
    for cert in rule.certificates:
        (held if norm(cert) in p.certificates else missing).append(cert)
    return held, missing


def licences_held(needed: Iterable[str], held: set[str]) -> bool:
    """Every licence of ``needed`` is in ``held`` or implied by one there (C counts as B)."""
    return all(_LICENCE_IMPLIED.get(x, {x}) & held for x in needed)


def level_points(w: SuggestWeights, level: int | None, c: Candidate) -> float:
    if level is None:
        return 0.0
    if c.nlqf_min <= level <= c.nlqf_max:
        return w.level.in_range
    if level > c.nlqf_max:
        return w.level.above_by[min(level - c.nlqf_max, len(w.level.above_by)) - 1]
    return w.level.below_by[min(c.nlqf_min - level, len(w.level.below_by)) - 1]


def dutch_points(w: SuggestWeights, dutch: int, c: Candidate) -> float:
    gap = max(0, c.dutch_needed - dutch)
    return w.dutch.by_gap[min(gap, len(w.dutch.by_gap) - 1)]


def is_part_time(w: SuggestWeights, p: Person) -> bool:
    return p.hours is not None and p.hours <= w.wishes.part_time_max_hours


def wish_points(w: SuggestWeights, wish_sectors: Iterable[str], part_time: bool, c: Candidate) -> float:
    wish = 0.0
    if c.sector in wish_sectors:
        wish += w.wishes.sector
    if part_time and c.sector in w.wishes.part_time_sectors:
        wish += w.wishes.part_time
    return wish


def cert_points(index: SuggestIndex, p: Person, c: Candidate) -> float:
    if c.cert_rule >= 0 and not cert_status(index, p, c)[1]:
        return index.weights.certificates.all_held
    return 0.0


def sector_points(w: SuggestWeights, c: Candidate) -> float:
    """The shortage-sector boost (a boost, never a filter)."""
    return w.sectors.shortage if c.sector else 0.0


def class_parts(index: SuggestIndex, p: Person, c: Candidate) -> ClassParts:
    """The points of ``c`` that depend only on its class (``group_parts`` holds the same for every
    group at once)."""
    w = index.weights
    return ClassParts(
        level=round2(level_points(w, p.level, c)),
        dutch=round2(dutch_points(w, p.dutch, c)),
        tightness=round2(c.tight_points),
        sector=round2(sector_points(w, c)),
        certificates=round2(cert_points(index, p, c)),
        wish=wish_points(w, p.wish_sectors, is_part_time(w, p), c),
    )


def best_related(index: SuggestIndex, p: Person, c: Candidate) -> Related:
    """Best related-work points for ``c`` (rounded), the past job behind them and the shared ISCO
    digits (5 = the same occupation): the best of every past job's same-occupation and prefix
    points; on equal points the closer relation (more digits) wins."""
    best, best_job, best_digits = 0.0, None, 0
    isco = c.isco
    for job in p.past:
        if job.uri == c.uri:  # the same occupation first, then the prefixes (ties: more digits)
            pts = job.same
            if pts > best or (pts == best and pts > 0 and best_digits < 5):
                best, best_job, best_digits = pts, job, 5
        for prefix, pts, digits in job.prefixes:
            if isco.startswith(prefix) and (pts > best or (pts == best and pts > 0 and digits > best_digits)):
                best, best_job, best_digits = pts, job, digits
    return Related(best, best_job, best_digits)


def related_fast(p: Person, c: Candidate) -> tuple[float, int]:
    """``best_related``'s points and digits from the person's precomputed tables (the fast path)."""
    best, digits = p.rel_uri.get(c.uri, 0.0), 5
    isco = c.isco
    for n in (4, 3, 2):
        value = p.rel_prefix.get(isco[:n], 0.0)
        if value > best:
            best, digits = value, n
    return best, (digits if best > 0 else 0)


def skill_points(c: Candidate, essential: int, optional: int) -> float:
    """essential weight x share of essential skills held + optional weight x share of optional
    (``essential``, ``optional``: how many of each the person holds)."""
    return c.essential_points * essential + c.optional_points * optional


def occupation_wish_points(index: SuggestIndex, p: Person, c: Candidate) -> float:
    """The points for wishing this very occupation (0 when not wished)."""
    return index.weights.wishes.occupation if index.by_uri.get(c.uri, -1) in p.wish_cands else 0.0


def combine(skills: float, related: float, class_points: ClassParts, occupation_wish: float) -> Parts:
    """The eight ranking parts from the unrounded skill and related-work points, the class parts
    and the occupation wish points."""
    level, dutch, tightness, sector, certificates, wish = class_points
    # positional: a NamedTuple built by keyword costs some 60% more (timeit), and this runs per suggestion
    return Parts(
        round2(skills),
        round2(related),
        level,
        dutch,
        tightness,
        round2(wish + occupation_wish),
        certificates,
        sector,
    )


def parts_of(index: SuggestIndex, p: Person, c: Candidate, essential: int, optional: int) -> Parts:
    """The reference implementation of the score: the eight parts of ``c`` for ``p``, computed
    for this one candidate from first principles (``suggest_arrays.score_touched`` must give the
    same ``total`` for every candidate it scores)."""
    return combine(
        skill_points(c, essential, optional),
        best_related(index, p, c).points,
        class_parts(index, p, c),
        occupation_wish_points(index, p, c),
    )


def total(parts: Parts) -> float:
    """The score: the sum of the parts, rounded to 2 decimals (added in a fixed order the fast
    path repeats)."""
    class_sum = parts.level + parts.dutch + parts.tightness + parts.certificates + parts.sector
    return round2(parts.skills + parts.related_work + parts.wishes + class_sum)


def is_at_level(p: Person, c: Candidate) -> bool:
    """The person's education or experience level in the job's range (each spelled out, not a
    generator over the two: this runs for every suggestion and slot check)."""
    lo, hi, edu, exp = c.nlqf_min, c.nlqf_max, p.edu_level, p.exp_level
    return (edu is not None and lo <= edu <= hi) or (exp is not None and lo <= exp <= hi)


def missing_licences(index: SuggestIndex, p: Person, c: Candidate) -> list[str]:
    return [x for x in index.certs[c.cert_rule].licences if not _LICENCE_IMPLIED.get(x, {x}) & p.licences]


def _core_held(index: SuggestIndex, p: Person, c: Candidate) -> bool:
    """Whether the person holds the same share of the job's distinctive skills as of all its
    essential ones (``skills_share_for_entry``), for a job from ``distinctive_for_entry_from_skill_level``
    with enough distinctive skills to ask: entering a profession without its qualification takes
    what makes the job, not only the block of skills it shares with its neighbours (past work in
    ISCO 2631 held three quarters of the essential skills of a 2511 occupation, 2 of its 10
    distinctive ones, and was offered it as a direct start at level)."""
    n = len(c.distinctive)
    rules = hot_rules(index)
    if n < rules.distinctive_min_count or c.skill_level < rules.distinctive_for_entry_from_skill_level:
        return True
    return distinctive_held(c.distinctive, p.skills) >= rules.skills_share_for_entry * n


def reason_keys(c: Candidate, why: list[str]) -> list[str]:
    """``route_for``'s reasons as their texts' keys: a missing qualification is an hbo/wo one for
    professional work (``Candidate.professional``), not a vocational one."""
    return [f"{k}_higher" if k == "what_qualification" and c.professional else k for k in why]


def what_keys(index: SuggestIndex, p: Person, c: Candidate, keys: list[str]) -> list[str]:
    """What a learn-work step says is missing (eleventh expert review): towards a route of Dutch exams
    (``by_exam``: asbestos, crane, security) its certificate or exam, not a vocational qualification; towards
    a regulated profession with a degree at its level in hand (a history graduate towards secondary
    teaching) the profession's own qualification or recognition, not "an hbo or wo diploma"."""
    reg = index.regulated.get(c.regulated) if c.regulated else None
    held = p.edu_level is not None and c.nlqf_min <= p.edu_level <= c.nlqf_max
    swap = {"what_qualification": "what_exam"} if reg is not None and reg.by_exam else {}
    if reg is not None and held and not reg.by_exam:
        swap = {"what_qualification_higher": "what_title"}
    return [swap.get(k, k) for k in keys]


def route_for(
    index: SuggestIndex, p: Person, c: Candidate, e: int, *, digits: int | None = None
) -> tuple[Route, list[str]]:
    """The route and why: ('direct'|'dual'|'recognition_first', reasons as keys). ``digits``:
    the ISCO digits shared with past work, when already known (the rules' values read from
    ``suggest_rules``' plain copy: this runs some 15 times a batch row)."""
    rules = hot_rules(index)
    if digits is None:
        digits = related_fast(p, c)[1]
    # worked in it: recognition first, unless there is nothing to recognise (volunteer work, no
    # diploma) and the qualification can be earned in a learn-work route (docs/advice.md section 3)
    own_regulated = c.regulated is not None and c.regulated in p.regulated
    if own_regulated and (p.to_recognise or not index.regulated[c.regulated or ""].learn_work):
        return "recognition_first", ["regulated"]
    why: list[str] = []
    if c.dutch_needed - p.dutch > rules.direct_max_dutch_gap:
        why.append("what_dutch")
    related = digits >= rules.related_digits_for_entry.get(c.skill_level, 4) or (
        bool(c.essential) and e >= rules.skills_share_for_entry * len(c.essential) and _core_held(index, p, c)
    )
    # a Dutch diploma of the field (an mbo-4 nurse's) is the qualification of its interim jobs
    related = related or (bool(p.dutch_qualified) and p.interim.get(c.uri) in p.dutch_qualified)
    # paid work a skill level up in a group ISCO-08 names beside the job's (a law firm's secretarial
    # work for 4120, nursing for 5321) is the experience to enter it (section 27)
    related = related or c.isco[:4] in p.entry
    # a job entered with its certificate rule's short course (the forklift), without related work, waits
    # for that certificate as for a licence, not for a vocational qualification (twenty-first review)
    by_course = not related and c.isco[:4] in rules.certificate_entry_isco and c.cert_rule >= 0
    if (
        c.regulated
        or (c.skill_level >= rules.qualification_needed_from_isco_skill_level and not (related or by_course))
        or c.isco[:4] in rules.training_first_isco
    ):
        why.append("what_qualification")
    # work applying the Dutch state's rules (tax, permits) done abroad: related, not the entry (section 29)
    abroad = c.isco[:4] in rules.dutch_rules_isco and c.isco[:4] not in p.worked_here
    if abroad and "what_qualification" not in why:
        why.append("what_rules")
    course = by_course and any(norm(x) not in p.certificates for x in index.certs[c.cert_rule].certificates)
    if c.cert_rule >= 0 and (missing_licences(index, p, c) or course):
        why.append("what_licence")
    return ("dual" if why else "direct"), why


def group_parts(index: SuggestIndex, p: Person) -> GroupTable:
    """``class_parts`` of every group for this person, with the rounded class wish and the base
    (level + Dutch + tightness + certificates + sector). Memoised per person signature and, inside,
    per part, so that a batch pays for each level, Dutch level, wish and licence set once."""
    w = index.weights
    part_time = is_part_time(w, p)
    wishes = tuple(sorted(p.wish_sectors))
    certs = (tuple(sorted(p.licences)), tuple(sorted(p.certificates)))
    key = (p.level, p.dutch, wishes, part_time, certs)
    memo = index.group_parts_memo
    hit = memo.get(key)
    if hit is not None:
        return hit
    firsts = [index.cands[members[0]] for members in index.groups]
    part = index.part_memo

    def table(name: str, value: object, make: Callable[[], list[float]]) -> list[float]:
        found = part.get((name, value))
        if found is None:
            found = part.put((name, value), make())
        return found

    level = table("level", p.level, lambda: [round2(level_points(w, p.level, c)) for c in firsts])
    dutch = table("dutch", p.dutch, lambda: [round2(dutch_points(w, p.dutch, c)) for c in firsts])
    tight = table("tight", None, lambda: [round2(c.tight_points) for c in firsts])
    wish = table("wish", (wishes, part_time), lambda: [wish_points(w, wishes, part_time, c) for c in firsts])
    cert = table("cert", certs, lambda: [round2(cert_points(index, p, c)) for c in firsts])
    sector = table("sector", None, lambda: [round2(sector_points(w, c)) for c in firsts])
    return memo.put(
        key,
        GroupTable(level=level, dutch=dutch, tightness=tight, sector=sector, certificates=cert, wish=wish),
    )


def is_blocked(index: SuggestIndex, p: Person, c: Candidate) -> bool:
    """A regulated profession without a learn-work route, for someone who never worked in it."""
    return (
        c.regulated is not None
        and not index.regulated[c.regulated].learn_work
        and c.regulated not in p.regulated
    )


class SkillFit(NamedTuple):
    """What the person's skills say about one candidate's fit (``skill_fit``)."""

    skills: bool
    """Enough of its essential and distinctive skills (``suggest_fit.skills_fit``)."""
    minor_group: bool
    """Past work in its minor group (not its unit group) counts: always below
    ``distinctive_for_minor_group_from_skill_level``, else ``suggest_fit.minor_group_ok``."""


def skill_fit(rule: FitRules, p: Person, c: Candidate, e: int) -> SkillFit:
    """``SkillFit`` of ``c`` for ``p``, holding ``e`` of its essential skills: the distinctive
    skills held are counted once for both answers."""
    held = distinctive_held(c.distinctive, p.skills)
    n = len(c.distinctive)
    level = minor_group_level(rule, c.isco, c.skill_level)
    minor = minor_group_ok(rule, skill_level=level, essential_held=e, distinctive=n, held_distinctive=held)
    skills = skills_fit(rule, essential=len(c.essential), held=e, distinctive=n, held_distinctive=held)
    return SkillFit(skills, minor)


def has_fit(index: SuggestIndex, p: Person, c: Candidate, e: int) -> bool:
    """Real fit: past work in the same ISCO unit group or occupation, or in the same minor group
    (``SkillFit.minor_group``; not a residual group), interim work of the person's regulated
    profession (``Person.interim``), enough of the essential skills
    (``SkillFit.skills``), or a wish for this very occupation (suggest_weights.yaml ``routes.fit``).
    ``suggest_arrays.score_touched`` computes the same over all candidates."""
    rule = index.weights.routes.fit
    if index.by_uri.get(c.uri, -1) in p.wish_cands or c.uri in p.interim:
        return True  # interim work: also a regulated title with a learn-work route (is_blocked decides)
    if c.regulated is not None and c.regulated not in p.regulated:
        return False  # another regulated profession than the person's own: only as an explicit wish
    fit = skill_fit(rule, p, c, e)
    if fit.skills or c.uri in p.rel_uri or c.isco[:4] in p.fit_prefixes:
        return True
    shorter = any(c.isco[:n] in p.fit_prefixes for n in range(rule.related_digits, 4))
    return shorter and fit.minor_group
