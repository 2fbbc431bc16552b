"""Score every candidate occupation for one person at once, with numpy.

``suggest`` ranks about 1,300 candidates per profile. Scoring the few hundred that share
something with the person one by one in Python cost about half a millisecond a profile, most of it
in ``round`` and dictionary lookups; a batch of 100,000 intakes spent a minute there. Here the
same sums run over whole columns.

The two paths must give the same floats: ``suggest_scoring.parts_of`` + ``total`` is the reference
implementation, and tests compare every candidate scored here with it (on the example personas
and on generated profiles). Both therefore round half to even on ``x * 100``
(``suggest_scoring.round2`` in Python, ``round2_array`` here) and add the parts in the same order.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from skilltool.memo import Memo
from skilltool.models.suggest import FitRules

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
CountArray = NDArray[np.integer[Any]]
"""Counts of skills held, per candidate (``CandArrays.count_type``, or int64)."""


def round2_array(x: FloatArray) -> FloatArray:
    """``suggest_scoring.round2`` of every element: rounded to 2 decimals, half to even on ``x * 100``."""
    return np.rint(x * 100) / 100


def best_first(hundredths: FloatArray) -> IntArray:
    """The positions of scores given in whole hundredths, highest score first and, among equal
    scores, in position order: ``np.lexsort((positions, -scores))``, sorted as one integer key
    each (score, then position in the low bits). Unique keys need no stable sort, and numpy sorts
    integers about twice as fast as a stable sort of floats (which took a fifth of
    ``score_touched``, some 800 scores a person)."""
    bits = max(len(hundredths).bit_length(), 1)
    keys = (-hundredths).astype(np.int64) << bits
    keys |= np.arange(len(hundredths), dtype=np.int64)
    keys.sort()
    return keys & ((1 << bits) - 1)


def _arrays(table: Mapping[str, Sequence[int]]) -> dict[str, IntArray]:
    return {k: np.asarray(v, dtype=np.int64) for k, v in table.items()}


@dataclass(frozen=True, slots=True)
class CandArrays:
    """The candidates' columns and inverted tables as arrays (built once per index)."""

    n: int
    group: IntArray
    essential_points: FloatArray
    """Skill points per essential skill held."""
    optional_points: FloatArray
    """Skill points per optional skill held."""
    skills_essential: IntArray
    """Essential skills to hold for the skills fit (``suggest_fit.skills_fit``: the larger of the
    share and the minimum, rounded up, as the counts are whole; never without essential skills).
    The fit rule's thresholds are worked out once per candidate (``build``'s ``fit_rule``) as
    whole numbers, so that ``score_touched`` compares whole columns of counts without converting
    them to floats, one comparison per condition (``thresholds``)."""
    skills_distinctive: IntArray
    """Distinctive skills to hold for the skills fit (``suggest_fit.distinctive_ok``): 0 where
    there are too few to ask."""
    minor_essential: IntArray
    """Essential skills to hold for a shared minor group (``suggest_fit.minor_group_ok``): the
    minimum where there are too few distinctive skills to ask, else 0 (and 0 below the skill
    level from which the minor group asks anything)."""
    minor_distinctive: IntArray
    """Distinctive skills to hold for a shared minor group (``suggest_fit.minor_group_ok``)."""
    regulated: IntArray
    """Regulated profession per candidate as a code (``SuggestIndex.reg_code``), -1 when none."""
    open_to_all: BoolArray
    """No regulated profession (``regulated`` < 0): fits without having worked in one."""
    inv_held: dict[str, IntArray]
    """Per skill, the candidates that list it: as essential (their index), as optional (``n`` +
    index) and as distinctive (``2 n`` + index), so that ``held`` looks each skill up once and
    counts the three at once (three look-ups, joins and counts per skill were a tenth of
    ``score_touched``)."""
    by_prefix: dict[str, IntArray]
    by_uri: Mapping[str, int]
    count_type: type[np.unsignedinteger[Any]] = np.uint16
    """The smallest type that holds any candidate's count of skills held (at most the length of
    its longest skill list): the remembered counts (``counts``) take a quarter of int64's room."""
    by_regulated: dict[int, IntArray] = field(default_factory=dict)
    """The candidates of each regulated profession (by code)."""
    counts_memo: Memo[frozenset[str], SkillCounts] = field(default_factory=lambda: Memo(128))
    """What each skill set gives every candidate (``counts``): people with the same work and skills
    share it, whatever their level, Dutch or wishes. 128 of about 24 KB (3 MB); in a batch 61 % of
    the rankings not remembered whole (``ranked_memo``) find their skill set here (70 % with 256,
    for 3 MB more a process)."""
    past_memo: Memo[tuple[object, ...], PastArrays] = field(default_factory=lambda: Memo(128))
    """What past work gives every candidate (``past_work``), per ISCO prefixes and points: the
    same for everyone with the same jobs. 128 of about 12 KB."""

    @classmethod
    def build(
        cls,
        *,
        group: Sequence[int],
        essential_points: Sequence[float],
        optional_points: Sequence[float],
        n_essential: Sequence[int],
        distinctive: Sequence[Sequence[str]],
        skill_level: Sequence[int],
        regulated: Sequence[int],
        inv_essential: Mapping[str, Sequence[int]],
        inv_optional: Mapping[str, Sequence[int]],
        by_prefix: Mapping[str, Sequence[int]],
        by_uri: Mapping[str, int],
        fit_rule: FitRules,
    ) -> CandArrays:
        n = len(group)
        rule = fit_rule
        n_ess = np.asarray(n_essential, dtype=np.int64)
        n_dist = np.asarray([len(d) for d in distinctive], dtype=np.int64)
        held: dict[str, list[int]] = {}
        for offset, table in ((0, inv_essential), (n, inv_optional)):
            for s, members in table.items():
                held.setdefault(s, []).extend(offset + i for i in members)
        for i, skills in enumerate(distinctive):
            for s in skills:
                held.setdefault(s, []).append(2 * n + i)
        # suggest_fit's rules as whole-number thresholds: a count c of whole skills is at least x
        # exactly when it is at least ceil(x); never = more than any count (no essential skills)
        never = np.int64(1 << 40)
        asked = n_dist >= rule.distinctive_min_count
        essential_need = np.maximum(np.ceil(rule.skills_share * n_ess), rule.skills_min_held)
        share = rule.distinctive_share * n_dist
        distinctive_need = np.where(
            asked, np.ceil(np.maximum(share, np.minimum(rule.distinctive_min_held, n_dist))), 0
        )
        minor_always = np.asarray(skill_level) < rule.distinctive_for_minor_group_from_skill_level
        for minor in rule.distinctive_minor_groups:  # distinct trades (suggest_fit.minor_group_level)
            minor_always[list(by_prefix.get(minor, ()))] = False
        codes = np.asarray(regulated, dtype=np.int64)
        inv_held = _arrays(held)
        # the most any count can be: a person holding every skill of the longest list
        listed = [*inv_held.values(), np.zeros(1, dtype=np.int64)]
        most = int(np.bincount(np.concatenate(listed)).max())
        return cls(
            n=n,
            group=np.asarray(group, dtype=np.int64),
            essential_points=np.asarray(essential_points, dtype=np.float64),
            optional_points=np.asarray(optional_points, dtype=np.float64),
            skills_essential=np.where(n_ess > 0, essential_need, never).astype(np.int64),
            skills_distinctive=distinctive_need.astype(np.int64),
            minor_essential=np.where(minor_always | asked, 0, rule.skills_min_held).astype(np.int64),
            minor_distinctive=np.where(minor_always, 0, distinctive_need).astype(np.int64),
            regulated=codes,
            open_to_all=codes < 0,
            inv_held=inv_held,
            by_prefix=_arrays(by_prefix),
            by_uri=by_uri,
            count_type=np.min_scalar_type(most).type,
            by_regulated={int(code): np.flatnonzero(codes == code) for code in np.unique(codes[codes >= 0])},
        )

    def past_work(
        self,
        past_prefixes: Iterable[str],
        related_by_prefix: Mapping[str, float],
        related_by_uri: Mapping[str, float],
        fit_prefixes: Iterable[str],
    ) -> PastArrays:
        """What a person's past work gives every candidate, remembered per its inputs (read-only,
        shared): the same for everyone with the same jobs, and its fancy-indexed assignments,
        some eight a job, were a fifth of ``score_touched``."""
        key = (
            tuple(sorted(past_prefixes)),
            tuple(sorted(related_by_prefix.items())),
            tuple(sorted(related_by_uri.items())),
            tuple(sorted(fit_prefixes)),
        )
        hit = self.past_memo.get(key)
        if hit is None:
            hit = self.past_memo.put(key, self._past_work(*key))
        return hit

    def _past_work(
        self,
        past_prefixes: tuple[str, ...],
        related_by_prefix: tuple[tuple[str, float], ...],
        related_by_uri: tuple[tuple[str, float], ...],
        fit_prefixes: tuple[str, ...],
    ) -> PastArrays:
        touched = np.zeros(self.n, dtype=np.bool_)
        for prefix in past_prefixes:
            members = self.by_prefix.get(prefix)
            if members is not None:
                touched[members] = True
        # The related-work points as a code per candidate into the few distinct values (3 KB
        # instead of 24 of floats): the best points of the prefixes a candidate is in, set from the
        # fewest points up, so the most stay (points of 0 or less never beat the 0 it starts with)
        values = [0.0]
        code = np.zeros(self.n, dtype=np.int64)
        for points, prefix in sorted((points, prefix) for prefix, points in related_by_prefix):
            members = self.by_prefix.get(prefix)
            if members is not None and points > 0:
                code[members] = _code_of(values, points)
        unit = np.zeros(self.n, dtype=np.bool_)  # past work in the unit group or the occupation
        minor = np.zeros(self.n, dtype=np.bool_)  # in a shorter prefix (the minor group)
        any_minor = False
        for prefix in fit_prefixes:
            members = self.by_prefix.get(prefix)
            if members is not None:
                short = len(prefix) < 4
                any_minor |= short
                (minor if short else unit)[members] = True
        for uri, points in related_by_uri:
            ci = self.by_uri.get(uri)
            if ci is not None:
                if points > values[code[ci]]:  # the best of the prefixes' and the occupation's
                    code[ci] = _code_of(values, points)
                unit[ci] = True
        codes = code.astype(np.min_scalar_type(len(values)))
        points_of = np.asarray(values, dtype=np.float64)
        for column in (touched, codes, points_of, unit, minor):
            column.flags.writeable = False
        return PastArrays(touched, codes, points_of, unit, minor if any_minor else None)

    def counts(self, skills: Iterable[str]) -> SkillCounts:
        """``held``'s counts and what they decide on their own, for every candidate; remembered
        per skill set (``counts_memo``), read-only as they are shared."""
        key = frozenset(skills)
        hit = self.counts_memo.get(key)
        if hit is None:
            ess, opt, distinctive = self.held(key)
            masks = (
                (ess | opt) > 0,
                (ess >= self.skills_essential) & (distinctive >= self.skills_distinctive),
                (distinctive >= self.minor_distinctive) & (ess >= self.minor_essential),
            )
            columns = (ess.astype(self.count_type), opt.astype(self.count_type), *masks)
            for column in columns:
                column.flags.writeable = False
            hit = self.counts_memo.put(key, SkillCounts(*columns))
        return hit

    def held(self, skills: Iterable[str]) -> tuple[IntArray, IntArray, IntArray]:
        """How many of ``skills`` each candidate lists as essential, as optional and as
        distinctive."""
        table = self.inv_held
        found = [a for s in skills if (a := table.get(s)) is not None]
        if not found:
            counts = np.zeros(3 * self.n, dtype=np.int64)
        else:
            counts = np.bincount(np.concatenate(found), minlength=3 * self.n)
        ess, opt, distinctive = counts.reshape(3, self.n)
        return ess, opt, distinctive


@dataclass(frozen=True, slots=True)
class SkillCounts:
    """What one skill set gives every candidate (``CandArrays.counts``)."""

    essential: CountArray
    """Essential skills held, per candidate."""
    optional: CountArray
    touched: BoolArray
    """Sharing a skill (essential or optional)."""
    skills_fit: BoolArray
    """Enough essential and distinctive skills (``suggest_fit.skills_fit``)."""
    minor_ok: BoolArray
    """Past work in the minor group would count (``suggest_fit.minor_group_ok``)."""


def _code_of(values: list[float], points: float) -> int:
    """The place of ``points`` in ``values`` (a few distinct related-work points), added if new."""
    if points not in values:
        values.append(points)
    return values.index(points)


@dataclass(frozen=True, slots=True)
class PastArrays:
    """What one person's past work gives every candidate (``CandArrays.past_work``)."""

    touched: BoolArray
    """In an ISCO prefix (2-4 digits) of past work."""
    related_code: CountArray
    related_points: FloatArray
    """Related-work points (the best of the same occupation and the prefixes) of candidate ``i``:
    ``related_points[related_code[i]]``, the same floats."""
    unit: BoolArray
    """Fit by related work: the same unit group or occupation."""
    minor: BoolArray | None
    """In a shorter fit prefix (the minor group); None when past work gives none."""


@dataclass(frozen=True, slots=True)
class GroupArrays:
    """Per group, for one person signature: what ``suggest_scoring.group_parts`` holds, as columns
    (``GroupTable.columns``); and the candidates whose group is not left out for the sector asked."""

    wish: FloatArray
    """Class wish points, unrounded (an occupation wish is added before rounding)."""
    wish_rounded: FloatArray
    base: FloatArray
    """level + Dutch + tightness + certificates, added in that order."""
    kept: BoolArray
    """Per candidate: its group is neither of another sector than asked nor blocked (regulated,
    no learn-work route). Per candidate, not per group, so that scoring reads it as it is: it is
    memoised with the groups left out, and looking up each candidate's group per person was a
    tenth of the instructions ``score_touched`` spends in numpy."""

    @staticmethod
    def kept_mask(group: IntArray, n: int, left_out: Iterable[int]) -> BoolArray:
        """The candidates (``group``: each one's group number, of ``n``) whose group is not in
        ``left_out``."""
        out = np.ones(n, dtype=np.bool_)
        out[list(left_out)] = False
        return out[group]


Scores = Callable[[IntArray], tuple[FloatArray, IntArray]]
"""Given candidate indexes (ascending), their -scores and indexes in ranking order."""


@dataclass(frozen=True, slots=True)
class Scored:
    """One person's touched candidates, best first, with the skill hits of every candidate."""

    scores: Scores
    kept: BoolArray
    """The touched candidates not left out: the ones ``entries`` ranks."""
    touched_mask: BoolArray
    essential: CountArray
    optional: CountArray
    fit_entries: list[tuple[float, int]]
    """The entries (in ranking order) of candidates with real fit: related work (a fit prefix or
    the same occupation), enough of the essential skills (``suggest_fit.skills_fit``), or a wish.
    Only these are scored and sorted per person (the selection reads nothing else): a few dozen
    instead of some 800 touched candidates (bench/suggest_instructions.py: -8.4 % instructions)."""

    @property
    def neg(self) -> FloatArray:
        """-score of the touched candidates not left out, in ranking order (see ``entries``)."""
        return self.scores(np.flatnonzero(self.kept))[0]

    @property
    def idx(self) -> IntArray:
        """Their candidate indexes, in the same order."""
        return self.scores(np.flatnonzero(self.kept))[1]

    def entries(self) -> list[tuple[float, int]]:
        """(-score, candidate index) of the touched candidates not left out, sorted (built on
        demand: the selection reads only ``fit_entries``)."""
        neg, idx = self.scores(np.flatnonzero(self.kept))
        return list(zip(neg.tolist(), idx.tolist(), strict=True))

    def touched(self) -> set[int]:
        """Candidates that share a skill, an ISCO prefix or a wish with the person."""
        return set(np.flatnonzero(self.touched_mask).tolist())


def score_touched(
    arrays: CandArrays,
    groups: GroupArrays,
    *,
    skills: Iterable[str],
    past_prefixes: Iterable[str],
    related_by_uri: Mapping[str, float],
    related_by_prefix: Mapping[str, float],
    wish_cands: Iterable[int],
    occupation_wish: float,
    fit_prefixes: Iterable[str] = (),
    interim_at: Collection[int] = (),
    regulated_open: Iterable[int] = (),
) -> Scored:
    """Score the candidates that share a skill, an ISCO prefix or a wish with the person.

    The same operations as the reference ``suggest_scoring.total(suggest_scoring.parts_of(...))``
    per candidate: skills = round2(points per essential x essential held + points per optional x
    optional held); related = the best of the person's same-occupation and ISCO-prefix points;
    wish = round2(class wish + occupation wish) for a wished occupation, else the rounded class
    wish; score = round2(skills + related + wish + base). Each candidate's score is worked out
    element by element, so scoring a subset gives the same floats as scoring them all.
    """
    counts = arrays.counts(skills)
    past = arrays.past_work(past_prefixes, related_by_prefix, related_by_uri, fit_prefixes)
    ess, opt = counts.essential, counts.optional
    related_code, related_points = past.related_code, past.related_points
    touched = counts.touched | past.touched
    # (most people wish no occupation by name and have no interim work: those steps are skipped)
    wished = np.fromiter(wish_cands, dtype=np.int64)
    if wished.size:
        touched[wished] = True
    # interim work of the person's regulated profession: fit without a shared skill or prefix
    interim = np.fromiter(interim_at, dtype=np.int64, count=len(interim_at))
    if interim.size:
        touched[interim] = True
    is_wished = np.zeros(arrays.n, dtype=np.bool_)
    if wished.size:
        is_wished[wished] = True

    def scores(idx: IntArray) -> tuple[FloatArray, IntArray]:
        """-score and index of the candidates ``idx``, best first: the same element-wise
        operations whichever candidates are asked for."""
        g = arrays.group[idx]
        wish = groups.wish_rounded[g]
        if wished.size:
            at = is_wished[idx]
            wish[at] = round2_array(groups.wish[g[at]] + occupation_wish)
        e, o = ess[idx], opt[idx]
        skill_points = round2_array(arrays.essential_points[idx] * e + arrays.optional_points[idx] * o)
        related = related_points[related_code[idx]]
        hundredths = np.rint((skill_points + related + wish + groups.base[g]) * 100)
        neg = -(hundredths / 100)  # -round2_array(the sum), its hundredths kept for the order
        order = best_first(hundredths)
        return neg[order], idx[order]

    # Real fit over every candidate at once (whole columns of some 3,000 cost less than gathering
    # each column for the few scored): enough essential and distinctive skills, or related work
    # (the unit group or the occupation, interim work, or the minor group with minor_group_ok)
    fit = counts.skills_fit | past.unit
    if interim.size:
        fit[interim] = True
    if past.minor is not None:
        fit |= past.minor & counts.minor_ok
    # another regulated profession than the person's own fits only as an explicit wish; interim
    # work, a regulated title itself with a learn-work route, does
    open_codes = list(regulated_open)
    if open_codes or interim.size:
        allowed = arrays.open_to_all.copy()
        for code in open_codes:
            members = arrays.by_regulated.get(code)
            if members is not None:
                allowed[members] = True
        if interim.size:
            allowed[interim] = True
        fit &= allowed
    else:
        fit &= arrays.open_to_all
    if wished.size:
        fit |= is_wished
    kept = touched & groups.kept
    neg, ordered = scores(np.flatnonzero(fit & kept))
    fit_entries = list(zip(neg.tolist(), ordered.tolist(), strict=True))
    return Scored(scores, kept, touched, ess, opt, fit_entries)
