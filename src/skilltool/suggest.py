"""Shortage-sector suggestions: ranking, routes, gaps and the action plan for one profile.

Every candidate is an ESCO occupation whose ISCO-08 code falls in a sector of
``data/sectors.yaml``. Its score is the plain sum of eight visible parts (skills, related work,
level, Dutch, tightness now, tightness forecast to 2030, wishes, certificates), each weighted by
``data/suggest_weights.yaml``;
``explain`` shows them with their evidence. Nothing else counts, and the result is deterministic.

Speed: the per-occupation data are compiled once into a ``SuggestIndex`` (``suggest_index``;
cached on disk, keyed by the data files' content). Per profile, only occupations that share a
skill, an ISCO prefix or a wish with the person are scored (all at once, ``suggest_arrays``);
all others score exactly their group's class parts (sector, level band, Dutch needed,
tightness, regulation, certificates), so each group is a ready-sorted run merged in lazily.
Candidates are numbered in tie-break order, so a ranking entry is just (-score, index). Tests
check this fast path against scoring every candidate. The texts are in ``suggest_texts``.
"""

from __future__ import annotations

import hashlib
import heapq
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from skilltool import tightness
from skilltool.errors import InputFileError, NotFoundError, UsageError
from skilltool.models import (
    CEFR_ORDER,
    Explanation,
    Lang,
    NextStep,
    Profile,
    ScorePart,
    Suggestion,
    SuggestionResult,
    SuggestWeights,
    TightnessRef,
)
from skilltool.models.profile import Route
from skilltool.reference import ReferenceData
from skilltool.suggest_index import (
    Cand,
    SuggestIndex,
    cand_of,
    longest_prefix,
    norm,
)
from skilltool.suggest_texts import t as _t

if TYPE_CHECKING:
    from skilltool.suggest_arrays import GroupArrays, IntArray

CEFR_NAMES = list(CEFR_ORDER)
V = TypeVar("V")
PART_NAMES = (
    "skills",
    "related_work",
    "level",
    "dutch",
    "tightness",
    "tightness_forecast",
    "wishes",
    "certificates",
)
"""The parts a suggestion shows. The ranking adds tightness now and its 2030 forecast as one class
part (both depend only on the occupation's BRC group); ``_build`` shows them apart."""
_LICENCE_IMPLIED = {
    "B": {"B", "C", "CE", "C1", "C1E", "D", "DE", "D1", "BE"},
    "C": {"C", "CE"},
    "D": {"D", "DE"},
}


def r2(x: float) -> float:
    """``x`` rounded to 2 decimals: half to even on ``x * 100`` as a float, exactly what
    ``suggest_arrays`` does with numpy over whole columns (so both give the same floats)."""
    return round(x * 100) / 100


# --- the person, once per profile --------------------------------------------------------------


@dataclass(slots=True)
class Past:
    uri: str
    isco: str
    label: str
    factor: float
    band_nlqf: int | None


@dataclass(slots=True)
class Person:
    """What the ranking needs to know about one profile, computed once."""

    lang: Lang
    skills: set[str]
    past: list[Past]
    edu_level: int | None
    edu_basis: str
    edu_unofficial: bool
    exp_level: int | None
    dutch: int
    dutch_known: bool
    wish_sectors: set[str]
    wish_cands: set[int]
    hours: int | None
    licences: set[str]
    certificates: set[str]

    level: int | None
    """The higher of the education and the experience level: what level fit compares."""
    rel_prefix: dict[str, float]
    """ISCO prefix (2-4 digits) of past work -> related-work points it gives (the best job)."""
    rel_uri: dict[str, float]
    """Past occupation URI -> same-occupation points."""
    regulated: set[str]
    """Regulated professions (regulated_nl.yaml ids) the person worked in."""


def _skill_id(value: str) -> str:
    return value.rsplit("/", 1)[-1]


def _dutch_of(profile: Profile) -> str | None:
    if profile.dutch.cefr:
        return profile.dutch.cefr
    for lang in profile.languages:
        if lang.language.lower() in {"nl", "nld", "dut", "dutch", "nederlands"} and lang.cefr:
            return lang.cefr
    return None


def match_sector(index: SuggestIndex, text: str) -> str | None:
    """A sector id from an id, or a Dutch or English name or part of one ('zorg', 'ICT', 'bouw')."""
    wanted = norm(text)
    if not wanted:
        return None
    for sid in index.sector_order:
        nl, en = index.sector_names[sid]
        if wanted in {norm(sid), norm(nl), norm(en)}:
            return sid
    for sid in index.sector_order:
        nl, en = index.sector_names[sid]
        words = set(re.split(r"[^0-9a-zà-ÿ]+", f"{nl} {en}".lower()))
        if text.strip().lower() in words:
            return sid
    return None


def _person(profile: Profile, index: SuggestIndex, lang: Lang) -> Person:
    w = index.weights
    skills = {_skill_id(s.skill_id) for s in profile.skills if s.skill_id}
    past: list[Past] = []
    exp_level: int | None = None
    for job in profile.work:
        if job.coded is None:
            continue
        uri, isco = job.coded.uri, job.coded.isco or index.occ_isco.get(job.coded.uri, "")
        skills.update(index.occ_essential.get(uri, ()))
        years = job.years
        factor = 1.0
        if years is not None and years < w.related_work.min_years_full:
            factor = w.related_work.short_experience_factor
        band_nlqf = None
        if isco and isco[:1] in w.level_by_isco_major:
            band = w.level_by_isco_major[isco[:1]]
            if years is None or years >= w.level.min_years_experience:
                band_nlqf = band.nlqf_min
                exp_level = max(exp_level or 0, band.nlqf_min)
        past.append(Past(uri, isco, job.coded.label, factor, band_nlqf))
    edu_level: int | None = None
    edu_basis = ""
    unofficial = False
    for edu in profile.education:
        level, basis = None, ""
        if edu.idw_nlqf is not None:
            level, basis = edu.idw_nlqf, "basis_idw"
        elif edu.indication is not None and edu.completed is not False:
            level, basis = edu.indication.nlqf_min, "basis_indication"
        if level is not None and (edu_level is None or level > edu_level):
            edu_level, edu_basis, unofficial = level, basis, basis == "basis_indication"
    rel_prefix: dict[str, float] = {}
    rel_uri: dict[str, float] = {}
    for pj in past:
        same = w.related_work.same_occupation * pj.factor
        rel_uri[pj.uri] = max(rel_uri.get(pj.uri, 0.0), r2(same))
        for n, pts in w.related_work.by_isco_digits.items():
            if len(pj.isco) >= n:
                key = pj.isco[:n]
                rel_prefix[key] = max(rel_prefix.get(key, 0.0), r2(pts * pj.factor))
    regulated = {
        rid for pj in past if (hit := longest_prefix(index.reg_by_prefix, pj.isco)) for rid in [hit[1]]
    }
    cefr = _dutch_of(profile)
    dutch = CEFR_ORDER[cefr or w.dutch.unknown_counts_as]
    wish_sectors = {sid for text in profile.wishes.sectors if (sid := match_sector(index, text))}
    wish_cands: set[int] = set()
    for text in profile.wishes.occupations:
        wish_cands.update(index.by_label.get(norm(text), ()))
    licences = {x.strip().upper() for x in profile.driving_licences}
    certificates = {norm(x) for x in profile.certificates}
    return Person(
        lang=lang,
        skills=skills,
        past=past,
        edu_level=edu_level,
        edu_basis=edu_basis,
        edu_unofficial=unofficial,
        exp_level=exp_level,
        level=max((x for x in (edu_level, exp_level) if x is not None), default=None),
        rel_prefix=rel_prefix,
        rel_uri=rel_uri,
        regulated=regulated,
        dutch=dutch,
        dutch_known=cefr is not None,
        wish_sectors=wish_sectors,
        wish_cands=wish_cands,
        hours=profile.wishes.hours_per_week,
        licences=licences,
        certificates=certificates,
    )


# --- scoring -----------------------------------------------------------------------------------


def _cert_status(index: SuggestIndex, p: Person, c: Cand) -> tuple[list[str], list[str]]:
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


def _level_points(w: SuggestWeights, level: int | None, c: Cand) -> float:
    if level is None:
        return 0.0
    if c.nlqf_min <= level <= c.nlqf_max:
        return w.level.in_range
    if level > c.nlqf_max:
        return w.level.above_by[min(level - c.nlqf_max, len(w.level.above_by)) - 1]
    return w.level.below_by[min(c.nlqf_min - level, len(w.level.below_by)) - 1]


def _dutch_points(w: SuggestWeights, dutch: int, c: Cand) -> float:
    gap = max(0, c.dutch_needed - dutch)
    return w.dutch.by_gap[min(gap, len(w.dutch.by_gap) - 1)]


def _part_time(w: SuggestWeights, p: Person) -> bool:
    return p.hours is not None and p.hours <= w.wishes.part_time_max_hours


def _wish_points(w: SuggestWeights, wish_sectors: Iterable[str], part_time: bool, c: Cand) -> float:
    wish = 0.0
    if c.sector in wish_sectors:
        wish += w.wishes.sector
    if part_time and c.sector in w.wishes.part_time_sectors:
        wish += w.wishes.part_time
    return wish


def _cert_points(index: SuggestIndex, p: Person, c: Cand) -> float:
    if c.cert_rule >= 0 and not _cert_status(index, p, c)[1]:
        return index.weights.certificates.all_held
    return 0.0


def _class_parts(index: SuggestIndex, p: Person, c: Cand) -> tuple[float, float, float, float, float]:
    """Points that depend only on the candidate's class: level, dutch, tightness, sector/hours wish, certs."""
    w = index.weights
    return (
        _level_points(w, p.level, c),
        _dutch_points(w, p.dutch, c),
        c.tight_points,
        _wish_points(w, p.wish_sectors, _part_time(w, p), c),
        _cert_points(index, p, c),
    )


def _related(index: SuggestIndex, p: Person, c: Cand) -> tuple[float, Past | None, int]:
    """Best related-work points for ``c`` (rounded), the past job behind them and the shared ISCO
    digits (5 = the same occupation): the best of every past job's same-occupation and prefix
    points; on equal points the closer relation (more digits) wins."""
    w = index.weights.related_work
    best, best_job, best_digits = 0.0, None, 0
    for job in p.past:
        options = [(r2(w.same_occupation * job.factor), 5)] if job.uri == c.uri else []
        options += [
            (r2(pts * job.factor), n)
            for n, pts in w.by_isco_digits.items()
            if len(job.isco) >= n and job.isco[:n] == c.isco[:n]
        ]
        for pts, digits in options:
            if pts > best or (pts == best and pts > 0 and digits > best_digits):
                best, best_job, best_digits = pts, job, digits
    return best, best_job, best_digits


def _related_fast(p: Person, c: Cand) -> tuple[float, int]:
    """``_related``'s points and digits from the person's precomputed tables (the fast path)."""
    best, digits = p.rel_uri.get(c.uri, 0.0), 5
    isco = c.isco
    for n in (4, 3, 2):
        value = p.rel_prefix.get(isco[:n], 0.0)
        if value > best:
            best, digits = value, n
    return best, (digits if best > 0 else 0)


def _skill_points(index: SuggestIndex, c: Cand, e: int, o: int) -> float:
    """essential weight x share of essential skills held + optional weight x share of optional."""
    return c.fe * e + c.fo * o


def _combine(
    skills: float, related: float, cp: tuple[float, ...], occ_wish: float
) -> tuple[float, float, float, float, float, float, float]:
    """The seven parts in PART_NAMES order, each rounded to 2 decimals (``cp``: the rounded class
    parts, with the unrounded class wish points last)."""
    level, dutch, tight, _, cert, wish = cp[:6]
    return (r2(skills), r2(related), level, dutch, tight, r2(wish + occ_wish), cert)


def _class_cp(index: SuggestIndex, p: Person, c: Cand) -> tuple[float, ...]:
    level, dutch, tight, wish, cert = _class_parts(index, p, c)
    return (r2(level), r2(dutch), r2(tight), 0.0, r2(cert), wish)


def _parts(index: SuggestIndex, p: Person, c: Cand, e: int, o: int) -> tuple[float, ...]:
    """The seven score parts of ``c`` (rounded to 2 decimals), in PART_NAMES order."""
    occ_wish = index.weights.wishes.occupation if index.by_uri.get(c.uri, -1) in p.wish_cands else 0.0
    return _combine(_skill_points(index, c, e, o), _related(index, p, c)[0], _class_cp(index, p, c), occ_wish)


def _score(parts: tuple[float, ...]) -> float:
    """The sum of the parts, rounded to 2 decimals (added in a fixed order the fast path repeats)."""
    skills, related, level, dutch, tight, wish, cert = parts
    return r2(skills + related + wish + (level + dutch + tight + cert))


def _at_level(p: Person, c: Cand) -> bool:
    return any(x is not None and c.nlqf_min <= x <= c.nlqf_max for x in (p.edu_level, p.exp_level))


def _missing_licences(index: SuggestIndex, p: Person, c: Cand) -> list[str]:
    return [x for x in index.certs[c.cert_rule].licences if not _LICENCE_IMPLIED.get(x, {x}) & p.licences]


def _route(
    index: SuggestIndex, p: Person, c: Cand, e: int, *, digits: int | None = None
) -> tuple[Route, list[str]]:
    """The route and why: ('direct'|'dual'|'recognition_first', reasons as keys). ``digits``:
    the ISCO digits shared with past work, when already known."""
    rules = index.weights.routes
    if digits is None:
        digits = _related_fast(p, c)[1]
    if c.regulated and c.regulated in p.regulated:
        return "recognition_first", ["regulated"]
    why: list[str] = []
    if c.dutch_needed - p.dutch > rules.direct_max_dutch_gap:
        why.append("what_dutch")
    related = digits >= rules.related_digits_for_entry.get(c.skill_level, 4) or (
        bool(c.essential) and e >= rules.skills_share_for_entry * len(c.essential)
    )
    if c.regulated or (c.skill_level >= rules.qualification_needed_from_isco_skill_level and not related):
        why.append("what_qualification")
    if c.cert_rule >= 0 and _missing_licences(index, p, c):
        why.append("what_licence")
    return ("dual" if why else "direct"), why


# --- building suggestions ----------------------------------------------------------------------


def _dutch_basis(index: SuggestIndex, basis: str, lang: Lang) -> str:
    """Where the Dutch level of a job comes from, in words."""
    kind, _, key = basis.partition(":")
    if kind == "regulated":
        reg = index.regulated[key]
        return _t("db_regulated", lang, name=reg.name_nl if lang == "nl" else reg.name_en)
    return _t("db_isco" if kind == "isco" else "db_level", lang, code=key)


M = TypeVar("M", bound=BaseModel)
_object_setattr = object.__setattr__


def _construct(model: type[M], **values: Any) -> M:
    """``model_construct`` without its per-field default handling, for models built here by hand
    with every field given, in declaration order (checked by test_constructed_models_are_valid).
    About three times faster, which matters with ten suggestions of seven parts per profile."""
    obj = model.__new__(model)
    _object_setattr(obj, "__dict__", values)
    _object_setattr(obj, "__pydantic_fields_set__", set(values))
    _object_setattr(obj, "__pydantic_extra__", None)
    _object_setattr(obj, "__pydantic_private__", None)
    return obj


def _tightness_ref(c: Cand) -> TightnessRef:
    """The candidate's tightness record, shared (built once per index, never changed)."""
    return c.tight


def _tightness_texts(c: Cand, lang: Lang) -> tuple[str, str, str]:
    """Evidence of tightness now, evidence of the 2030 forecast, and the reason line (the one
    formatter's text, current and forecast side by side; empty when neither counts)."""
    ref = c.tight
    if ref.category == "unknown" and not ref.at_least:
        ev_now = _t("ev_tight_unknown", lang)
    elif "stale" in ref.flags:
        ev_now = _t("ev_tight_stale", lang, text=tightness.now_text(ref, lang))
    else:
        ev_now = _t("ev_tight", lang, text=tightness.now_text(ref, lang), source=ref.source or "?")
    if ref.forecast:
        direction = (
            _t("ev_direction", lang, direction=ref.forecast_direction) if ref.forecast_direction else ""
        )
        ev_fc = _t("ev_forecast", lang, text=tightness.future_text(ref, lang), direction=direction)
    else:
        ev_fc = _t("ev_forecast_unknown", lang)
    reason = _t("r_tight", lang, text=tightness.text(ref, lang)) if c.tight_points > 0 else ""
    return ev_now, ev_fc, reason


def _static_texts(index: SuggestIndex, c: Cand, lang: Lang) -> tuple[str, ...]:
    """label, sector name, Dutch basis, tightness evidence, sector reason, tightness reason,
    recognition route, regulated name and forecast evidence of ``c`` in ``lang`` (memoised per
    candidate)."""
    key = (c.uri, lang)
    hit = index.text_memo.get(key)
    if hit is not None:
        return hit
    sector_name = index.sector_names.get(c.sector, ("", ""))[0 if lang == "nl" else 1]
    ev_tight, ev_forecast, r_tight = _tightness_texts(c, lang)
    recognition = name = ""
    if c.regulated:
        reg = index.regulated[c.regulated]
        name = reg.name_nl if lang == "nl" else reg.name_en
        recognition = f"{reg.route_nl if lang == 'nl' else reg.route_en} ({reg.authority})"
    hit = (
        c.label(lang),
        sector_name,
        _dutch_basis(index, c.dutch_basis, lang),
        ev_tight,
        _t("r_sector", lang, name=sector_name) if c.sector else "",
        r_tight,
        recognition,
        name,
        ev_forecast,
    )
    if len(index.text_memo) > 20_000:
        index.text_memo.clear()
    index.text_memo[key] = hit
    return hit


def _build(
    index: SuggestIndex, p: Person, c: Cand, e: int, o: int, *, cp: tuple[float, ...] | None = None
) -> Suggestion:
    """The full suggestion with parts, evidence, reasons, gaps and route (``cp``: the class parts
    of its group for this person, when the caller has them)."""
    lang = p.lang
    w = index.weights
    (
        label,
        sector_name,
        dutch_basis,
        ev_tight,
        r_sector,
        r_tight,
        recognition_text,
        reg_name,
        ev_forecast,
    ) = _static_texts(index, c, lang)
    _related_pts, job, digits = _related(index, p, c)
    if cp is None:
        cp = _class_cp(index, p, c)
    occ_wish = w.wishes.occupation if index.by_uri.get(c.uri, -1) in p.wish_cands else 0.0
    parts = _combine(_skill_points(index, c, e, o), _related_pts, cp, occ_wish)
    route, why = _route(index, p, c, e, digits=digits)
    at_level = _at_level(p, c)
    short = ""
    if job is not None and job.factor < 1:
        short = _t("short", lang)
    if job is None:
        ev_related = _t("ev_related_none", lang)
    elif digits == 5:
        ev_related = _t("ev_related_same", lang, label=job.label, short=short)
    else:
        ev_related = _t("ev_related_isco", lang, label=job.label, prefix=c.isco[:digits], short=short)
    if p.level is None:
        ev_level = _t("ev_level_unknown", lang)
    else:
        basis = (
            _t(p.edu_basis, lang)
            if p.edu_level is not None and p.edu_level >= (p.exp_level or 0)
            else _t("basis_work", lang)
        )
        ev_level = _t("ev_level", lang, level=p.level, basis=basis, lo=c.nlqf_min, hi=c.nlqf_max, band=c.band)
    need = CEFR_NAMES[c.dutch_needed]
    have = CEFR_NAMES[p.dutch]
    ev_dutch = _t(
        "ev_dutch",
        lang,
        have=have,
        unknown="" if p.dutch_known else _t("unknown_dutch", lang),
        need=need,
        basis=dutch_basis,
    )
    wish_ev: list[str] = []
    if c.sector in p.wish_sectors:
        wish_ev.append(_t("ev_wish_sector", lang, name=sector_name))
    if index.by_uri.get(c.uri, -1) in p.wish_cands:
        wish_ev.append(_t("ev_wish_occ", lang))
    if (
        parts[5]
        and p.hours is not None
        and c.sector in w.wishes.part_time_sectors
        and p.hours <= w.wishes.part_time_max_hours
    ):
        wish_ev.append(_t("ev_wish_part_time", lang, hours=p.hours))
    held, missing_certs = _cert_status(index, p, c)
    if c.cert_rule < 0:
        ev_cert = _t("ev_cert_none", lang)
    elif missing_certs:
        ev_cert = _t("ev_cert_missing", lang, items=", ".join(missing_certs))
    else:
        ev_cert = _t("ev_cert_all", lang, items=", ".join(held))
    evidence = (
        _t("ev_skills", lang, e=e, ne=len(c.essential), o=o, no=c.n_optional),
        ev_related,
        ev_level,
        ev_dutch,
        ev_tight,
        ev_forecast,
        "; ".join(wish_ev) or _t("ev_wish_none", lang),
        ev_cert,
    )
    shown = (*parts[:4], r2(c.tight_now), r2(c.tight_fc), *parts[5:])
    score_parts = [
        _construct(ScorePart, name=name, points=pts, evidence=ev)
        for name, pts, ev in zip(PART_NAMES, shown, evidence, strict=True)
    ]
    reasons = [r_sector] if r_sector else []
    if e:
        reasons.append(_t("r_skills", lang, e=e, ne=len(c.essential)))
    if job is not None:
        reasons.append(_t("r_related", lang, label=job.label))
    if at_level:
        reasons.append(_t("r_at_level", lang, lo=c.nlqf_min, hi=c.nlqf_max))
    if r_tight:
        reasons.append(r_tight)
    if wish_ev:
        reasons.append(_t("r_wish", lang))
    gaps: list[str] = []
    li = 0 if lang == "nl" else 1
    missing_skills = [
        index.skill_labels.get(s, (s, s))[li]
        for s in islice((s for s in c.essential if s not in p.skills), w.skills.max_missing_shown)
    ]
    if missing_skills:
        gaps.append(_t("g_skills", lang, items=", ".join(missing_skills)))
    if c.dutch_needed > p.dutch:
        gaps.append(_t("g_dutch", lang, need=need, have=have))
    recognition = recognition_text or None
    if c.regulated:
        if route == "recognition_first":
            gaps.append(_t("g_recognition", lang, name=reg_name, route=recognition_text))
        else:
            gaps.append(_t("g_regulated_training", lang, name=reg_name))
    elif "what_qualification" in why:
        gaps.append(_t("g_qualification", lang))
    if at_level and p.edu_unofficial and c.skill_level >= 3 and not c.regulated:
        gaps.append(_t("g_idw", lang))
    if missing_certs:
        gaps.append(_t("g_certs", lang, items=", ".join(missing_certs)))
    return _construct(
        Suggestion,
        uri=c.uri,
        isco=c.isco,
        label=label,
        sector=c.sector,
        score=_score(parts),
        parts=score_parts,
        route=route,
        at_level=at_level,
        tightness=_tightness_ref(c),
        reasons=reasons,
        gaps=gaps,
        regulated=c.regulated is not None,
        dutch_needed=need,
        missing_skills=missing_skills,
        certificates_missing=missing_certs,
        recognition=recognition,
        caveat=_t("caveat", lang),
    )


# --- ranking -----------------------------------------------------------------------------------


def _touched(index: SuggestIndex, p: Person) -> tuple[dict[int, int], dict[int, int], set[int]]:
    """Candidates that share a skill, an ISCO prefix or a wish with the person."""
    inv_e, inv_o = index.inv_essential, index.inv_optional
    ess: Counter[int] = Counter(chain.from_iterable(inv_e.get(s, ()) for s in p.skills))
    opt: Counter[int] = Counter(chain.from_iterable(inv_o.get(s, ()) for s in p.skills))
    touched = set(ess) | set(opt) | p.wish_cands
    for job in p.past:
        for n in (4, 3, 2):
            touched.update(index.by_prefix.get(job.isco[:n], ()) if len(job.isco) >= n else ())
    return ess, opt, touched


def _resolve_sector(index: SuggestIndex, sector: str | None) -> str | None:
    if sector is None:
        return None
    sid = match_sector(index, sector)
    if sid is None:
        raise UsageError(f"--sector: unknown sector {sector!r}; use one of {', '.join(index.sector_order)}")
    return sid


Entry = tuple[float, int]
"""(-score, candidate index): candidates are numbered in tie-break order, so entries sort right."""


@dataclass(slots=True)
class Ranking:
    """All candidates of one profile, best first: ``scored`` holds the candidates that share
    something with the person (each scored), ``runs`` every other candidate by group (a group's
    untouched members all score exactly its class parts)."""

    scored: list[Entry]
    runs: list[tuple[float, int]]
    touched: set[int]
    ess: IntArray
    """Essential skills held, per candidate."""
    opt: IntArray

    def stream(self, index: SuggestIndex) -> Iterator[Entry]:
        """Every candidate, best first: a lazy merge of the scored list and the group runs, where
        a group run joins only once the best entry left is no better than its score."""
        heap: list[tuple[Entry, int, Iterator[Entry]]] = []
        sources: list[Iterator[Entry]] = [iter(self.scored)]
        runs = self.runs
        first = next(sources[0], None)
        if first is not None:
            heap.append((first, 0, sources[0]))
        r = 0
        while True:
            while r < len(runs) and (not heap or runs[r][0] <= heap[0][0][0]):
                neg, g = runs[r]
                run = _run(index.cands, index.groups[g], self.touched, neg)
                head = next(run, None)
                if head is not None:
                    heapq.heappush(heap, (head, r + 1, run))
                r += 1
            if not heap:
                return
            entry, tag, source = heap[0]
            yield entry
            following = next(source, None)
            if following is None:
                heapq.heappop(heap)
            else:
                heapq.heapreplace(heap, (following, tag, source))

    def best(
        self,
        index: SuggestIndex,
        need: Callable[[int, bool], bool],
        exclude: set[int],
        gate: Callable[[int], bool] | None = None,
    ) -> Entry | None:
        """The best candidate outside ``exclude`` for which ``need(ci, touched)`` holds. For an
        untouched candidate the need is asked of its group's first member (it holds group-wide).
        ``gate(group)``, when given, is a cheap group-wide condition the need implies."""
        found: Entry | None = None
        cands = index.cands
        for neg, g in self.runs:  # best first: the first group that holds the need wins the groups
            members = index.groups[g]
            if not need(members[0], False):
                continue
            for ci in members:
                if ci not in self.touched and ci not in exclude:
                    entry = (neg, ci)
                    if found is None or entry < found:
                        found = entry
                    break
            if found is not None and found[0] == neg:
                break
        for entry in self.scored:  # a scored candidate wins only when it ranks before that one
            if found is not None and entry >= found:
                break
            ci = entry[1]
            if (gate is None or gate(cands[ci].group)) and ci not in exclude and need(ci, True):
                return entry
        return found


def _rank(index: SuggestIndex, p: Person, *, sector: str | None) -> Ranking:
    """Score the touched candidates (all at once, ``suggest_arrays``) and every group once."""
    from skilltool import suggest_arrays

    cps = _group_parts(index, p)
    runs, groups = _group_runs(index, p, cps, sector)
    prefixes = {job.isco[:n] for job in p.past for n in (4, 3, 2) if len(job.isco) >= n}
    scored = suggest_arrays.score_touched(
        index.cand_arrays(),
        groups,
        skills=p.skills,
        past_prefixes=prefixes,
        related_by_uri=p.rel_uri,
        related_by_prefix=p.rel_prefix,
        wish_cands=p.wish_cands,
        occupation_wish=index.weights.wishes.occupation,
    )
    return Ranking(scored.entries, runs, scored.touched, scored.essential, scored.optional)


def _group_runs(
    index: SuggestIndex, p: Person, cps: list[tuple[float, ...]], sector: str | None
) -> tuple[list[tuple[float, int]], GroupArrays]:
    """The groups' (-score, group), best first, without the groups left out (another sector,
    blocked), and the class parts as columns (memoised)."""
    from skilltool import suggest_arrays

    key = (id(cps), sector, tuple(sorted(p.regulated)))
    memo = index.runs_memo
    hit = memo.get(key)
    if hit is None or hit[0] is not cps:
        cands = index.cands
        skip = {
            g
            for g, members in enumerate(index.groups)
            if (sector is not None and cands[members[0]].sector != sector)
            or _blocked(index, p, cands[members[0]])
        }
        runs = sorted((-_score(_combine(0.0, 0.0, cps[g], 0.0)), g) for g in range(len(cps)) if g not in skip)
        hit = memo.put(key, (cps, runs, suggest_arrays.GroupArrays.build(cps, skip)))
    return hit[1], hit[2]


def _group_parts(index: SuggestIndex, p: Person) -> list[tuple[float, ...]]:
    """``_class_cp`` of every group for this person, plus the rounded class wish and the base
    (level + Dutch + tightness + certificates). Memoised per person signature and, inside, per
    part, so that a batch pays for each level, Dutch level, wish and licence set once."""
    w = index.weights
    part_time = _part_time(w, p)
    wishes = tuple(sorted(p.wish_sectors))
    certs = (tuple(sorted(p.licences)), tuple(sorted(p.certificates)))
    key = (p.level, p.dutch, wishes, part_time, certs)
    memo = index.cp_memo
    hit = memo.get(key)
    if hit is not None:
        return hit
    if len(index.part_memo) > 10_000:
        index.part_memo.clear()
    firsts = [index.cands[members[0]] for members in index.groups]
    part = index.part_memo

    def table(name: str, value: object, make: Callable[[], list[float]]) -> list[float]:
        found = part.get((name, value))
        if found is None:
            found = part[(name, value)] = make()
        return found

    level = table("level", p.level, lambda: [r2(_level_points(w, p.level, c)) for c in firsts])
    dutch = table("dutch", p.dutch, lambda: [r2(_dutch_points(w, p.dutch, c)) for c in firsts])
    tight = table("tight", None, lambda: [r2(c.tight_points) for c in firsts])
    wish = table("wish", (wishes, part_time), lambda: [_wish_points(w, wishes, part_time, c) for c in firsts])
    cert = table("cert", certs, lambda: [r2(_cert_points(index, p, c)) for c in firsts])
    return memo.put(
        key,
        [
            (lv, du, ti, 0.0, ce, wi, r2(wi), lv + du + ti + ce)
            for lv, du, ti, ce, wi in zip(level, dutch, tight, cert, wish, strict=True)
        ],
    )


def _stream(
    index: SuggestIndex, p: Person, *, sector: str | None
) -> tuple[Iterator[Entry], IntArray, IntArray]:
    """Every candidate as (-score, index), best first, produced lazily; and the essential and
    optional skills held per candidate."""
    ranking = _rank(index, p, sector=sector)
    return ranking.stream(index), ranking.ess, ranking.opt


def _blocked(index: SuggestIndex, p: Person, c: Cand) -> bool:
    """A regulated profession without a learn-work route, for someone who never worked in it."""
    return (
        c.regulated is not None
        and not index.regulated[c.regulated].learn_work
        and c.regulated not in p.regulated
    )


def _run(cands: list[Cand], members: tuple[int, ...], touched: set[int], neg: float) -> Iterator[Entry]:
    for ci in members:
        if ci not in touched:
            yield (neg, ci)


def _select(index: SuggestIndex, p: Person, ranking: Ranking, top: int) -> list[int]:
    """Top ``top`` with at most N per ISCO unit group; then make sure both horizons show: one
    suggestion at the person's level, one direct start and one dual route, and each wished
    sector, whenever the sectors hold one (each swaps out the lowest-ranked suggestion that no
    earlier need depends on)."""
    cap = index.weights.selection.max_per_isco_unit
    cands = index.cands
    chosen: list[Entry] = []
    per_unit: dict[str, int] = {}
    for entry in ranking.stream(index):
        unit = cands[entry[1]].isco
        if per_unit.get(unit, 0) >= cap:
            continue
        per_unit[unit] = per_unit.get(unit, 0) + 1
        chosen.append(entry)
        if len(chosen) >= top:
            break
    if not chosen:
        return []
    ess = ranking.ess
    routes: dict[int, str] = {}

    def route_of(ci: int, touched: bool) -> str:
        route = routes.get(ci)
        if route is None:
            if touched:
                route = routes[ci] = _route(index, p, cands[ci], int(ess[ci]))[0]
            else:
                route = routes[ci] = _route(index, p, cands[ci], 0, digits=0)[0]
        return route

    def at_level(ci: int, touched: bool) -> bool:
        return _at_level(p, cands[ci])

    may_direct: dict[int, bool] = {}
    gap = index.weights.routes.direct_max_dutch_gap

    def may_direct_group(g: int) -> bool:
        ok = may_direct.get(g)
        if ok is None:  # what holds group-wide: Dutch close enough, not regulated, licences held
            c = cands[index.groups[g][0]]
            ok = may_direct[g] = (
                c.dutch_needed - p.dutch <= gap
                and c.regulated is None
                and not (c.cert_rule >= 0 and _missing_licences(index, p, c))
            )
        return ok

    def direct(ci: int, touched: bool) -> bool:
        return may_direct_group(cands[ci].group) and route_of(ci, touched) == "direct"

    def dual(ci: int, touched: bool) -> bool:
        return route_of(ci, touched) == "dual"

    needs: list[Callable[[int, bool], bool]] = []
    if p.edu_level is not None or p.exp_level is not None:
        needs.append(at_level)  # nobody is "at level" when their level is unknown
    needs += [direct, dual]
    for sid in sorted(p.wish_sectors):
        needs.append(lambda ci, touched, sid=sid: cands[ci].sector == sid)  # type: ignore[misc]
    for n, need in enumerate(needs):
        if any(need(e[1], e[1] in ranking.touched) for e in chosen):
            continue
        extra = ranking.best(
            index, need, {e[1] for e in chosen}, gate=may_direct_group if need is direct else None
        )
        if extra is None:
            continue
        keep = needs[:n]
        for victim in sorted(chosen, reverse=True):
            held = [k for k in keep if k(victim[1], victim[1] in ranking.touched)]
            if not any(sum(1 for e in chosen if k(e[1], e[1] in ranking.touched)) == 1 for k in held):
                chosen.remove(victim)
                chosen.append(extra)
                chosen.sort()
                break
    return [e[1] for e in chosen]


def _ranked(
    index: SuggestIndex, p: Person, sector: str | None, top: int
) -> tuple[list[int], dict[int, int], dict[int, int]]:
    """The chosen candidates and their skill hits: ``_rank`` + ``_select``, memoised on every
    input they read, so that a batch with many alike intakes (same job, level, Dutch, wishes)
    ranks each combination once. Bounded; the result is the same with or without the memo."""
    key = _ranking_key(index, p, sector, top)
    memo = index.ranked_memo
    hit = memo.get(key)
    if hit is None:
        ranking = _rank(index, p, sector=sector)
        chosen = _select(index, p, ranking, top)
        ess, opt = ranking.ess, ranking.opt
        hit = memo.put(
            key,
            (
                chosen,
                {ci: int(ess[ci]) for ci in chosen if ess[ci]},
                {ci: int(opt[ci]) for ci in chosen if opt[ci]},
            ),
        )
    return hit


def _ranking_key(index: SuggestIndex, p: Person, sector: str | None, top: int) -> bytes:
    """A 16-byte digest of every input the ranking reads (a person's skills alone are some 60
    ids; a digest keeps 8,000 memoised rankings in a few MB)."""
    parts = (
        sorted(p.skills),
        # sorted: the ranking reads past work through order-free tables (best points per URI and
        # ISCO prefix, a set of prefixes), so the same jobs in another order rank the same
        sorted((j.uri, j.isco, j.factor, j.band_nlqf or 0, j.band_nlqf is None) for j in p.past),
        p.level,
        p.edu_level,
        p.exp_level,
        p.dutch,
        sorted(p.wish_sectors),
        sorted(p.wish_cands),
        _part_time(index.weights, p),
        sorted(p.licences),
        sorted(p.certificates),
        sector,
        top,
    )
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).digest()


def suggest(
    profile: Profile,
    *,
    ref: ReferenceData,
    top: int = 10,
    sector: str | None = None,
    lang: Lang = "nl",
) -> SuggestionResult:
    """Ranked shortage-sector suggestions for ``profile`` and its ordered action plan."""
    if top < 1:
        raise UsageError(f"--top: must be at least 1, got {top}")
    index: SuggestIndex = ref.suggest_index
    sid = _resolve_sector(index, sector)
    p = _person(profile, index, lang)
    chosen, ess, opt = _ranked(index, p, sid, top)
    cps = _group_parts(index, p)
    suggestions = [
        _build(index, p, (c := index.cands[ci]), ess.get(ci, 0), opt.get(ci, 0), cp=cps[c.group][:6])
        for ci in chosen
    ]
    return SuggestionResult.model_construct(
        client_ref=profile.personal.client_ref,
        lang=lang,
        person_level=p.level,
        dutch=CEFR_NAMES[p.dutch] if p.dutch_known else None,
        suggestions=suggestions,
        next_steps=next_steps(profile, suggestions, index=index, person=p),
        caveat=_t("caveat", lang),
    )


def _find_occupation(ref: ReferenceData, occupation: str) -> str:
    """A URI from a URI, an ESCO code or a (Dutch or English, preferred or alternative) label."""
    text = occupation.strip()
    by_uri = ref.occupation_by_uri
    if text in by_uri:
        return text
    if text.startswith("http") or "/" in text:
        raise NotFoundError(f"occupation {text!r}: no ESCO occupation with this URI in the data")
    key = norm(text)
    exact: list[str] = []
    partial: list[str] = []
    for occ in ref.occupations.occupations:
        labels = [occ.label.nl, occ.label.en, occ.code]
        alts = [*occ.alt.nl, *occ.alt.en]
        if any(lbl and norm(lbl) == key for lbl in labels):
            exact.append(occ.uri)
        elif any(norm(a) == key for a in alts) or (
            len(key) >= 4 and any(lbl and key in norm(lbl) for lbl in labels)
        ):
            partial.append(occ.uri)
    found = sorted(set(exact)) or sorted(set(partial))
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFoundError(
            f"occupation {text!r}: no ESCO occupation with this label; give its URI or an exact label"
        )
    names = ", ".join(sorted(by_uri[u].label.get("en") for u in found)[:4])
    raise NotFoundError(
        f"occupation {text!r}: {len(found)} occupations match ({names}, ...); give the URI or an exact label"
    )


def explain(profile: Profile, *, ref: ReferenceData, occupation: str, lang: Lang = "nl") -> Explanation:
    """Every score part of one occupation (URI or label) for ``profile``, with its evidence and rank."""
    index: SuggestIndex = ref.suggest_index
    uri = _find_occupation(ref, occupation)
    p = _person(profile, index, lang)
    ess, opt, _ = _touched(index, p)
    ci = index.by_uri.get(uri)
    if ci is not None:
        c = index.cands[ci]
        e, o = ess.get(ci, 0), opt.get(ci, 0)
    else:
        c = _outside_cand(ref, index, uri)
        e = sum(1 for s in c.essential if s in p.skills)
        o = sum(1 for s in ref.occupation_by_uri[uri].optional if _skill_id(s) in p.skills)
    suggestion = _build(index, p, c, e, o)
    rank = 0  # outside the sectors, or a regulated profession never suggested to this person
    if ci is not None and not _blocked(index, p, c):
        mine = (-suggestion.score, ci)
        rank = 1 + sum(
            1
            for n, other in enumerate(index.cands)
            if not _blocked(index, p, other)
            and (-_score(_parts(index, p, other, ess.get(n, 0), opt.get(n, 0))), n) < mine
        )
    sector_name = None
    if c.sector:
        sector_name = index.sector_names[c.sector][0 if lang == "nl" else 1]
    return Explanation.model_construct(
        client_ref=profile.personal.client_ref,
        lang=lang,
        in_sector=ci is not None,
        sector_name=sector_name,
        rank=rank,
        candidates=len(index.cands),
        suggestion=suggestion,
        caveat=_t("caveat", lang),
    )


def _outside_cand(ref: ReferenceData, index: SuggestIndex, uri: str) -> Cand:
    """A candidate record for an occupation outside the sectors (for ``explain`` only)."""
    occ = ref.occupation_by_uri[uri]
    return cand_of(
        ref,
        index.weights,
        occ,
        sector="",
        dutch_by_prefix=index.dutch_by_prefix,
        regulated=None,
        regulated_dutch=None,
        cert_rule=-1,
    )


# --- the action plan ---------------------------------------------------------------------------


def next_steps(
    profile: Profile, suggestions: list[Suggestion], *, index: SuggestIndex, person: Person
) -> list[NextStep]:
    """The ordered action plan: diploma evaluation, recognition, language, dual route,
    certificates, work-experience place or trial placement, network; each with its reason."""
    lang = person.lang
    steps: list[NextStep] = []

    def add(action: str, text: str, reason: str) -> None:
        steps.append(_construct(NextStep, action=action, text=text, reason=reason, agreed=False))

    def sector_name(sid: str) -> str:
        return index.sector_names.get(sid, ("", ""))[0 if lang == "nl" else 1]

    at_level = [s for s in suggestions if s.at_level]
    anchor = at_level[0] if at_level else (suggestions[0] if suggestions else None)
    # 1. diploma evaluation
    # IDW evaluates one diploma for free: the highest one, unless an evaluation is already under way
    under_way = any(
        e.idw_nlqf is not None or e.idw_status in ("applied", "evaluated", "indicatie")
        for e in profile.education
    )
    open_ = [
        e
        for e in profile.education
        if e.country != "NL" and e.idw_nlqf is None and e.idw_status in (None, "none")
    ]
    if open_ and not under_way:
        edu = max(open_, key=lambda e: (e.indication.nlqf_max if e.indication else 0, e.years or 0))
        key = "s_idw_indicatie" if edu.documents == "no" else "s_idw"
        job = anchor.label if anchor else "-"
        add("diploma_evaluation", _t(key, lang, q=edu.qualification), _t("s_idw_reason", lang, job=job))
    # 2. recognition of a regulated profession
    seen: set[str] = set()
    for s in suggestions:
        if s.route != "recognition_first":
            continue
        c = index.cands[index.by_uri[s.uri]]
        if c.regulated is None or c.regulated in seen:
            continue
        seen.add(c.regulated)
        reg = index.regulated[c.regulated]
        name = reg.name_nl if lang == "nl" else reg.name_en
        add(
            "recognition",
            _t("s_recognition", lang, name=name, route=reg.route_nl if lang == "nl" else reg.route_en),
            _t("s_recognition_reason", lang, name=name, authority=reg.authority, label=s.label),
        )
    # 3. language route
    if not person.dutch_known:
        add(
            "language",
            _t("s_language_unknown", lang),
            _t(
                "s_language_reason",
                lang,
                job=anchor.label if anchor else "-",
                need=anchor.dutch_needed if anchor else "?",
                have="?",
            ),
        )
    else:
        target = CEFR_ORDER[index.weights.plan.language_target]
        short = [
            s for s in (*at_level, *suggestions) if CEFR_ORDER[s.dutch_needed or "pre-A1"] > person.dutch
        ]
        have = CEFR_NAMES[person.dutch]
        if short:
            s = short[0]
            add(
                "language",
                _t("s_language", lang, need=s.dutch_needed),
                _t("s_language_reason", lang, job=s.label, need=s.dutch_needed, have=have),
            )
        elif person.dutch < target:
            need = CEFR_NAMES[target]
            add(
                "language",
                _t("s_language", lang, need=need),
                _t("s_language_target", lang, need=need, have=have),
            )
    # 4. dual or learn-work route
    dual = [s for s in suggestions if s.route == "dual"]
    if dual:
        s = dual[0]
        c = index.cands[index.by_uri[s.uri]]
        _, why = _route(index, person, c, sum(1 for x in c.essential if x in person.skills))
        what = ", ".join(_t(k, lang) for k in why) or _t("what_qualification", lang)
        add(
            "dual_route",
            _t("s_dual", lang, job=s.label, sector=sector_name(s.sector)),
            _t("s_dual_reason", lang, job=s.label, what=what),
        )
    # 5. certificates and licences
    for s in suggestions[:5]:
        if s.certificates_missing:
            c = index.cands[index.by_uri[s.uri]]
            rule = index.certs[c.cert_rule]
            add(
                "certificates",
                _t("s_certs", lang, items=", ".join(s.certificates_missing)),
                _t("s_certs_reason", lang, job=s.label, note=rule.note_nl if lang == "nl" else rule.note_en),
            )
            break
    # 6. work-experience place or trial placement
    direct = [s for s in suggestions if s.route == "direct"]
    if direct:
        s = direct[0]
        add(
            "work_experience",
            _t("s_work", lang, job=s.label, sector=sector_name(s.sector)),
            _t("s_work_reason_direct", lang, job=s.label),
        )
    elif suggestions:
        s = suggestions[0]
        add(
            "work_experience",
            _t("s_work", lang, job=s.label, sector=sector_name(s.sector)),
            _t("s_work_reason_none", lang),
        )
    # 7. network or buddy
    high = (person.level or 0) >= 6
    add("network", _t("s_network_high" if high else "s_network", lang), _t("s_network_reason", lang))
    return steps


# --- profile files -----------------------------------------------------------------------------


def read_profile(path: Path) -> Profile:
    """A profile JSON file, validated; any problem is one line naming the file and field."""
    from skilltool.reference import format_validation_error

    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise InputFileError(f"{path}: file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFileError(f"{path}: cannot read as UTF-8 text ({exc})") from exc
    try:
        return Profile.model_validate_json(text)
    except ValidationError as exc:
        if exc.errors()[0]["type"] == "json_invalid":
            raise InputFileError(f"{path}: not valid JSON; is this a profile file?") from exc
        raise InputFileError(format_validation_error(path, exc)) from exc
