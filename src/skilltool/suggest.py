"""Shortage-sector suggestions: ranking, routes, gaps and the action plan for one profile.

Every ESCO occupation is a candidate; one in a shortage sector of ``data/sectors.yaml`` gets a
boost (the sector is never a filter). Its score is the plain sum of nine visible parts (skills,
related work, level, Dutch, tightness now, tightness forecast to 2030, wishes, certificates,
sector), each weighted by ``data/suggest_weights.yaml`` so that the maxima add up to at most 100
(a 0-100 scale); ``explain`` shows them with their evidence. Only a candidate with real fit
(related past work in the same ISCO minor group, at least half of its essential skills, or the
person's own wish) fills a slot; a slot nobody fits stays empty and says why. The person's own
trade (every coded past occupation and wished occupation) is always shown, with tightness, route
and gaps. Deterministic.

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
from datetime import UTC, datetime
from itertools import chain, islice
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from pydantic import BaseModel

from skilltool import messages, tightness
from skilltool.errors import NotFoundError, UsageError
from skilltool.models import (
    CEFR_ORDER,
    EmptySlot,
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
    norm,
)
from skilltool.suggest_texts import t as _t

if TYPE_CHECKING:
    from skilltool.suggest_arrays import GroupArrays, IntArray, Scored

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
    "sector",
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
    """Licences that count here: issued in the EU/EEA (regulated_nl.yaml ``licence_exchange``)."""
    licences_held: set[str]
    """Every licence the person holds, wherever issued."""
    licence_country: str | None
    certificates: set[str]
    edu_reason: str
    """Why an inferred diploma level was inferred (empty otherwise)."""
    fit_prefixes: set[str]
    """ISCO prefixes (related_digits and longer) of past work: a candidate there has related-work fit."""

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
    """A sector id from an id, or a Dutch or English name or part of one ('zorg', 'ICT', 'bouw');
    memoised per text (a batch repeats the same few wishes)."""
    memo = index.text_memo
    key = ("sector", text)
    if key in memo:
        return memo[key][0] or None
    found = _match_sector(index, text)
    memo[key] = (found or "",)
    return found


def _match_sector(index: SuggestIndex, text: str) -> str | None:
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
    edu_reason = ""
    unofficial = False
    for edu in profile.education:
        level, basis, reason = None, "", ""
        if edu.idw_nlqf is not None:
            level, basis = edu.idw_nlqf, "basis_idw"
        elif edu.indication is not None and edu.completed is not False:
            level = edu.indication.nlqf_min
            basis = {"stated": "basis_stated", "inferred": "basis_inferred"}.get(
                edu.indication.basis or "", "basis_indication"
            )
            reason = edu.indication.inferred_reason or "?"
        if level is not None and (edu_level is None or level > edu_level):
            edu_level, edu_basis, unofficial = level, basis, basis != "basis_idw"
            edu_reason = reason if basis == "basis_inferred" else ""
    rel_prefix: dict[str, float] = {}
    rel_uri: dict[str, float] = {}
    for pj in past:
        same = w.related_work.same_occupation * pj.factor
        rel_uri[pj.uri] = max(rel_uri.get(pj.uri, 0.0), r2(same))
        for n, pts in w.related_work.by_isco_digits.items():
            if len(pj.isco) >= n:
                key = pj.isco[:n]
                rel_prefix[key] = max(rel_prefix.get(key, 0.0), r2(pts * pj.factor))
    regulated = {rid for pj in past if (rid := index.reg_by_uri.get(pj.uri))}
    for pj in past:  # past work that counts for a profession's recognition (a teacher coded as lecturer)
        for n in range(len(pj.isco), 0, -1):
            regulated.update(index.reg_related.get(pj.isco[:n], ()))
    fit_digits = w.routes.fit.related_digits
    fit_prefixes = {pj.isco[:n] for pj in past for n in range(fit_digits, 5) if len(pj.isco) >= n}
    cefr = _dutch_of(profile)
    dutch = CEFR_ORDER[cefr or w.dutch.unknown_counts_as]
    wish_sectors = {sid for text in profile.wishes.sectors if (sid := match_sector(index, text))}
    wish_cands: set[int] = set()
    for text in profile.wishes.occupations:
        wish_cands.update(index.by_label.get(norm(text), ()))
    held = {x.strip().upper() for x in profile.driving_licences if x.strip()}
    country = profile.driving_licence_country
    licences = held if country is not None and country in index.licences.eu_eea else set()
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
        licences_held=held,
        licence_country=country,
        certificates=certificates,
        edu_reason=edu_reason,
        fit_prefixes=fit_prefixes,
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


def _sector_points(w: SuggestWeights, c: Cand) -> float:
    """The shortage-sector boost (a boost, never a filter)."""
    return w.sectors.shortage if c.sector else 0.0


def _class_parts(index: SuggestIndex, p: Person, c: Cand) -> tuple[float, float, float, float, float, float]:
    """Points that depend only on the candidate's class: level, dutch, tightness, sector/hours wish,
    certs, shortage sector."""
    w = index.weights
    return (
        _level_points(w, p.level, c),
        _dutch_points(w, p.dutch, c),
        c.tight_points,
        _wish_points(w, p.wish_sectors, _part_time(w, p), c),
        _cert_points(index, p, c),
        _sector_points(w, c),
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
) -> tuple[float, float, float, float, float, float, float, float]:
    """The eight ranking parts (tightness now and forecast as one), each rounded to 2 decimals
    (``cp``: the rounded class parts level, Dutch, tightness, sector, certificates, with the
    unrounded class wish points last)."""
    level, dutch, tight, sector, cert, wish = cp[:6]
    return (r2(skills), r2(related), level, dutch, tight, r2(wish + occ_wish), cert, sector)


def _class_cp(index: SuggestIndex, p: Person, c: Cand) -> tuple[float, ...]:
    level, dutch, tight, wish, cert, sector = _class_parts(index, p, c)
    return (r2(level), r2(dutch), r2(tight), r2(sector), r2(cert), wish)


def _parts(index: SuggestIndex, p: Person, c: Cand, e: int, o: int) -> tuple[float, ...]:
    """The eight score parts of ``c`` (rounded to 2 decimals), in PART_NAMES order."""
    occ_wish = index.weights.wishes.occupation if index.by_uri.get(c.uri, -1) in p.wish_cands else 0.0
    return _combine(_skill_points(index, c, e, o), _related(index, p, c)[0], _class_cp(index, p, c), occ_wish)


def _score(parts: tuple[float, ...]) -> float:
    """The sum of the parts, rounded to 2 decimals (added in a fixed order the fast path repeats)."""
    skills, related, level, dutch, tight, wish, cert, sector = parts
    return r2(skills + related + wish + (level + dutch + tight + cert + sector))


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
    of its group for this person, when the caller has them), memoised in ``index.build_memo`` on
    ``_build_key``: everything about the person that the suggestion's texts and numbers read.

    A batch builds the same suggestion for many alike people (the same job at the same level and
    Dutch), and the words and nine score parts are most of a suggestion's cost. The built
    suggestion is frozen and shared; ``_build_full`` is the one implementation, called on a miss
    (and by the test that checks the memo changes no answer)."""
    related = _related(index, p, c)
    if cp is None:
        cp = _class_cp(index, p, c)
    route = _route(index, p, c, e, digits=related[2])
    certs = _cert_status(index, p, c)
    fit = _fit_texts(index, p, c, e, job=related[1], digits=related[2])
    worked = Worked(related, cp, route, certs, fit)
    key = _build_key(index, p, c, e, o, worked=worked)
    hit = index.build_memo.get(key)
    if hit is None:
        hit = index.build_memo.put(key, _build_full(index, p, c, e, o, worked=worked))
    return hit


class Worked(NamedTuple):
    """What ``_build`` works out about a person and a candidate before looking in the memo."""

    related: tuple[float, Past | None, int]
    """Related-work points, the past job behind them and the shared ISCO digits (``_related``)."""
    cp: tuple[float, ...]
    """The class parts (``_class_cp``)."""
    route: tuple[Route, list[str]]
    """The route and why (``_route``)."""
    certs: tuple[list[str], list[str]]
    """Licences and certificates held and missing (``_cert_status``)."""
    fit: list[str]
    """Why it fits, in words (``_fit_texts``)."""


def _build_key(
    index: SuggestIndex, p: Person, c: Cand, e: int, o: int, *, worked: Worked
) -> tuple[object, ...]:
    """Every input of ``_build_full`` that is not the candidate's own data: what two people must
    share for their suggestion of ``c`` to be the same, word for word."""
    w = index.weights
    related, cp, route, certs, fit = worked
    pts, job, digits = related
    wished = index.by_uri.get(c.uri, -1) in p.wish_cands
    hours = (
        p.hours
        if p.hours is not None
        and c.sector in w.wishes.part_time_sectors
        and p.hours <= w.wishes.part_time_max_hours
        else None
    )
    unofficial = p.edu_unofficial and c.skill_level >= 3 and not c.regulated
    return (
        c.uri,
        p.lang,
        e,
        o,
        pts,
        None if job is None else (job.label, job.factor < 1),
        digits,
        cp,
        wished,
        route[0],
        tuple(route[1]),
        _at_level(p, c),
        p.level,
        level_basis(p),
        p.dutch,
        p.dutch_known,
        c.sector in p.wish_sectors,
        hours,
        tuple(certs[0]),
        tuple(certs[1]),
        tuple(islice((s for s in c.essential if s not in p.skills), w.skills.max_missing_shown)),
        unofficial,
        tuple(fit),
    )


def _build_full(index: SuggestIndex, p: Person, c: Cand, e: int, o: int, *, worked: Worked) -> Suggestion:
    """``_build`` without the memo: the suggestion from the person, the candidate and what
    ``_build`` worked out (related work, class parts, route, certificates, fit texts)."""
    related, cp, route_why, certs, fit = worked
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
    _related_pts, job, digits = related
    occ_wish = w.wishes.occupation if index.by_uri.get(c.uri, -1) in p.wish_cands else 0.0
    parts = _combine(_skill_points(index, c, e, o), _related_pts, cp, occ_wish)
    route, why = route_why
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
        basis = level_basis(p)
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
    held, missing_certs = certs
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
        _t("ev_sector_yes", lang, name=sector_name) if c.sector else _t("ev_sector_no", lang),
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
            gaps.append(_t("g_regulated_body", lang, name=reg_name, route=recognition_text))
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
        fit=fit,
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
    something with the person (each scored), ``runs_of`` every other candidate by group (a group's
    untouched members all score exactly its class parts). The selection reads only
    ``fit_entries``; the full ranking (``stream``) is built on demand, for ``explain`` and tests."""

    scored: Scored
    runs_of: Callable[[], list[tuple[float, int]]]
    ess: IntArray
    """Essential skills held, per candidate."""
    opt: IntArray
    fit_entries: list[Entry]
    """The scored entries with real fit (``_has_fit``), best first: only these fill slots."""

    def stream(self, index: SuggestIndex) -> Iterator[Entry]:
        """Every candidate, best first: a lazy merge of the scored list and the group runs, where
        a group run joins only once the best entry left is no better than its score."""
        heap: list[tuple[Entry, int, Iterator[Entry]]] = []
        sources: list[Iterator[Entry]] = [iter(self.scored.entries())]
        runs = self.runs_of()
        touched = self.scored.touched()
        first = next(sources[0], None)
        if first is not None:
            heap.append((first, 0, sources[0]))
        r = 0
        while True:
            while r < len(runs) and (not heap or runs[r][0] <= heap[0][0][0]):
                neg, g = runs[r]
                run = _run(index.cands, index.groups[g], touched, neg)
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


def _rank(index: SuggestIndex, p: Person, *, sector: str | None) -> Ranking:
    """Score the touched candidates (all at once, ``suggest_arrays``) and every group once."""
    from skilltool import suggest_arrays

    cps = _group_parts(index, p)
    skip, groups = _group_arrays(index, p, cps, sector)
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
        fit_prefixes=p.fit_prefixes,
        skills_share=index.weights.routes.fit.skills_share,
        regulated_open=[index.reg_code(rid) for rid in p.regulated],
    )

    def runs() -> list[tuple[float, int]]:
        """The groups' (-score, group), best first, without the groups left out."""
        return sorted((-_score(_combine(0.0, 0.0, cps[g], 0.0)), g) for g in range(len(cps)) if g not in skip)

    return Ranking(scored, runs, scored.essential, scored.optional, scored.fit_entries)


def _group_arrays(
    index: SuggestIndex, p: Person, cps: list[tuple[float, ...]], sector: str | None
) -> tuple[set[int], GroupArrays]:
    """The groups left out (another sector than asked, or blocked: regulated without a learn-work
    route for someone who never worked in it) and the class parts as columns (memoised)."""
    from skilltool import suggest_arrays

    key = (id(cps), sector, tuple(sorted(p.regulated)))
    memo = index.runs_memo
    hit = memo.get(key)
    if hit is None or hit[0] is not cps:
        cands = index.cands
        blocked = {rid for rid, info in index.regulated.items() if not info.learn_work} - p.regulated
        skip = {
            g
            for g, members in enumerate(index.groups)
            if (sector is not None and cands[members[0]].sector != sector)
            or cands[members[0]].regulated in blocked
        }
        hit = memo.put(key, (cps, skip, suggest_arrays.GroupArrays.build(cps, skip)))
    return hit[1], hit[2]


def _group_parts(index: SuggestIndex, p: Person) -> list[tuple[float, ...]]:
    """``_class_cp`` of every group for this person, plus the rounded class wish and the base
    (level + Dutch + tightness + certificates + sector). Memoised per person signature and, inside, per
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
    sector = table("sector", None, lambda: [r2(_sector_points(w, c)) for c in firsts])
    return memo.put(
        key,
        [
            (lv, du, ti, se, ce, wi, r2(wi), lv + du + ti + ce + se)
            for lv, du, ti, ce, wi, se in zip(level, dutch, tight, cert, wish, sector, strict=True)
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


def _has_fit(index: SuggestIndex, p: Person, c: Cand, e: int) -> bool:
    """Real fit: past work in the same ISCO minor group (or closer, or the same occupation), at
    least half of the essential skills, or a wish for this very occupation (suggest_weights.yaml
    ``routes.fit``). ``suggest_arrays.score_touched`` computes the same over all candidates."""
    rule = index.weights.routes.fit
    if index.by_uri.get(c.uri, -1) in p.wish_cands:
        return True
    if c.regulated is not None and c.regulated not in p.regulated:
        return False  # another regulated profession than the person's own: only as an explicit wish
    if c.essential and e >= rule.skills_share * len(c.essential):
        return True
    return c.uri in p.rel_uri or any(c.isco[:n] in p.fit_prefixes for n in range(rule.related_digits, 5))


def _fit_texts(
    index: SuggestIndex, p: Person, c: Cand, e: int, *, job: Past | None, digits: int
) -> list[str]:
    """Why ``c`` fits, in words (empty: no real fit)."""
    lang = p.lang
    rule = index.weights.routes.fit
    out: list[str] = []
    if c.regulated is not None and c.regulated not in p.regulated:
        return [_t("fit_wish", lang)] if index.by_uri.get(c.uri, -1) in p.wish_cands else []
    if job is not None and digits == 5:
        out.append(_t("fit_same", lang, label=job.label))
    else:
        for pj in p.past:
            n = next((n for n in (4, 3) if n >= rule.related_digits and pj.isco[:n] == c.isco[:n]), 0)
            if n:
                out.append(_t("fit_related", lang, label=pj.label, prefix=c.isco[:n]))
                break
    if c.essential and e >= rule.skills_share * len(c.essential):
        out.append(_t("fit_skills", lang, e=e, ne=len(c.essential)))
    if index.by_uri.get(c.uri, -1) in p.wish_cands:
        out.append(_t("fit_wish", lang))
    return out


Need = Callable[[int], bool]


def _select(
    index: SuggestIndex, p: Person, ranking: Ranking, top: int
) -> tuple[list[int], list[tuple[str, str]]]:
    """Top ``top`` among the candidates with real fit, at most N per ISCO unit group; then make
    sure each slot shows when a fitting candidate holds it: one suggestion at the person's level,
    one direct start, one dual route, each wished sector (each swaps out the lowest-ranked
    suggestion that no earlier slot depends on). Returns the chosen candidates and the empty slots
    as (slot, reason key or detail) for the caller to word."""
    cap = index.weights.selection.max_per_isco_unit
    cands = index.cands
    fitting = ranking.fit_entries
    chosen: list[Entry] = []
    per_unit: dict[str, int] = {}
    for entry in fitting:
        unit = cands[entry[1]].isco
        if per_unit.get(unit, 0) >= cap:
            continue
        per_unit[unit] = per_unit.get(unit, 0) + 1
        chosen.append(entry)
        if len(chosen) >= top:
            break
    if not fitting:
        unknown = [("at_level", "unknown")] if p.edu_level is None and p.exp_level is None else []
        return [], [("suggestions", ""), *unknown]
    ess = ranking.ess
    routes: dict[int, tuple[Route, list[str]]] = {}

    def route_of(ci: int) -> tuple[Route, list[str]]:
        hit = routes.get(ci)
        if hit is None:
            hit = routes[ci] = _route(index, p, cands[ci], int(ess[ci]))
        return hit

    needs: list[tuple[str, Need]] = []
    if p.edu_level is not None or p.exp_level is not None:
        needs.append(("at_level", lambda ci: _at_level(p, cands[ci])))
    gap = index.weights.routes.direct_max_dutch_gap

    def direct(ci: int) -> bool:
        c = cands[ci]  # cheap checks first: a regulated job or a Dutch gap is never direct
        if c.regulated is not None or c.dutch_needed - p.dutch > gap:
            return False
        return route_of(ci)[0] == "direct"

    needs.append(("direct", direct))
    needs.append(("dual", lambda ci: route_of(ci)[0] == "dual"))
    for sid in sorted(p.wish_sectors):
        needs.append((f"sector:{sid}", lambda ci, sid=sid: cands[ci].sector == sid))  # type: ignore[misc]
    empty: list[tuple[str, str]] = []
    if p.edu_level is None and p.exp_level is None:
        empty.append(("at_level", "unknown"))
    for n, (slot, need) in enumerate(needs):
        if any(need(e[1]) for e in chosen):
            continue
        taken = {e[1] for e in chosen}
        extra = next((e for e in fitting if e[1] not in taken and need(e[1])), None)
        if extra is None:
            detail = ""
            if slot == "direct":  # the commonest reason the fitting candidates cannot start directly
                why = Counter(k for e in fitting[:5] for k in route_of(e[1])[1])
                detail = why.most_common(1)[0][0] if why else ""
            empty.append((slot, detail))
            continue
        keep = [k for _, k in needs[:n]]
        for victim in sorted(chosen, reverse=True):
            held = [k for k in keep if k(victim[1])]
            if not any(sum(1 for e in chosen if k(e[1])) == 1 for k in held):
                chosen.remove(victim)
                chosen.append(extra)
                chosen.sort()
                break
    return [e[1] for e in chosen], empty


def _ranked(
    index: SuggestIndex, p: Person, sector: str | None, top: int
) -> tuple[list[int], dict[int, int], dict[int, int], list[tuple[str, str]]]:
    """The chosen candidates, their skill hits and the empty slots: ``_rank`` + ``_select``,
    memoised on every input they read, so that a batch with many alike intakes (same job, level,
    Dutch, wishes) ranks each combination once. Bounded; the result is the same with or without
    the memo."""
    key = _ranking_key(index, p, sector, top)
    memo = index.ranked_memo
    hit = memo.get(key)
    if hit is None:
        ranking = _rank(index, p, sector=sector)
        chosen, empty = _select(index, p, ranking, top)
        ess, opt = ranking.ess, ranking.opt
        hit = memo.put(
            key,
            (
                chosen,
                {ci: int(ess[ci]) for ci in chosen if ess[ci]},
                {ci: int(opt[ci]) for ci in chosen if opt[ci]},
                empty,
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
        sorted(p.regulated),
        sector,
        top,
    )
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).digest()


def _empty_slot_text(index: SuggestIndex, p: Person, slot: str, detail: str) -> EmptySlot:
    lang = p.lang
    if slot == "suggestions":
        reason = _t("slot_none_fit", lang)
    elif slot == "at_level":
        reason = (
            _t("slot_at_level_unknown", lang)
            if detail == "unknown"
            else _t("slot_at_level", lang, level=p.level)
        )
    elif slot == "direct":
        why = _t("why_regulated", lang) if detail in ("", "regulated") else _t(detail, lang)
        reason = _t("slot_direct", lang, why=why)
    elif slot == "dual":
        reason = _t("slot_dual", lang)
    elif slot == "work_experience":
        reason = _t("slot_work", lang)
    else:
        sid = slot.partition(":")[2]
        reason = _t(
            "slot_sector", lang, name=index.sector_names.get(sid, (sid, sid))[0 if lang == "nl" else 1]
        )
    return _construct(EmptySlot, slot=slot, reason=reason)


def _own_trade(
    profile: Profile,
    index: SuggestIndex,
    ref: ReferenceData,
    p: Person,
    built: dict[str, Suggestion] | None = None,
) -> list[Suggestion]:
    """Every coded past occupation and wished occupation, in or outside the shortage sectors, with
    tightness, route and gaps, whatever its score (``built``: suggestions already made, by URI)."""
    built = built or {}
    uris: list[str] = []
    for job in profile.work:
        if job.coded is not None and job.coded.uri not in uris:
            uris.append(job.coded.uri)
    for ci in sorted(p.wish_cands):
        if index.cands[ci].uri not in uris:
            uris.append(index.cands[ci].uri)
    out: list[Suggestion] = []
    for uri in uris:
        if uri in built:
            out.append(built[uri])
            continue
        at = index.by_uri.get(uri)
        if at is not None:
            c = index.cands[at]
        elif uri in ref.occupation_by_uri:
            c = _outside_cand(ref, index, uri)
        else:
            continue  # a URI the data no longer has: the profile check reports it
        e = sum(1 for s in c.essential if s in p.skills)
        o = sum(1 for s in ref.occupation_by_uri[uri].optional if _skill_id(s) in p.skills)
        out.append(_build(index, p, c, e, o))
    return out


def level_basis(p: Person) -> str | None:
    """Where the person's level comes from, in words: never a work level shown as a diploma level."""
    if p.level is None:
        return None
    if p.edu_level is not None and p.edu_level >= (p.exp_level or 0):
        if p.edu_basis == "basis_inferred":
            # the diploma table's reasons are English: Dutch output gets the catalogue's instead
            why = messages.data_text(p.edu_reason, "en", p.lang, instead="diploma.inferred_reason")
            return _t("basis_inferred", p.lang, reason=why)
        return _t(p.edu_basis, p.lang)
    return _t("basis_work_level", p.lang)


def suggest(
    profile: Profile,
    *,
    ref: ReferenceData,
    top: int = 10,
    sector: str | None = None,
    lang: Lang = "nl",
) -> SuggestionResult:
    """The client's own trade, suggestions with real fit (sector as a boost), the empty slots and
    the ordered action plan for ``profile``."""
    if top < 1:
        raise UsageError(f"--top: must be at least 1, got {top}")
    index: SuggestIndex = ref.suggest_index
    sid = _resolve_sector(index, sector)
    p = _person(profile, index, lang)
    chosen, ess, opt, empty = _ranked(index, p, sid, top)
    cps = _group_parts(index, p)
    suggestions = [
        _build(index, p, (c := index.cands[ci]), ess.get(ci, 0), opt.get(ci, 0), cp=cps[c.group][:6])
        for ci in chosen
    ]
    own = _own_trade(profile, index, ref, p, {s.uri: s for s in suggestions})
    slots = [_empty_slot_text(index, p, slot, detail) for slot, detail in empty]
    if not suggestions:
        slots.append(_empty_slot_text(index, p, "work_experience", ""))
    return SuggestionResult.model_construct(
        client_ref=profile.personal.client_ref,
        lang=lang,
        person_level=p.level,
        level_basis=level_basis(p),
        dutch=CEFR_NAMES[p.dutch] if p.dutch_known else None,
        score_scale=_t("score_scale", lang),
        own_trade=own,
        suggestions=suggestions,
        empty_slots=slots,
        next_steps=next_steps(profile, suggestions, index=index, person=p, own=own),
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
    rank = 0  # not in the data's candidates, or a regulated profession never suggested to this person
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
        in_sector=bool(c.sector),
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


_PRIMARY_WORDS = (
    "primary", "elementary", "basisschool", "basisonderwijs", "ibtidai", "ibtidaiya", "ابتدائي", "ابتدایی",
    "ilkokul", "ilkogretim", "nachalnaya", "початков", "начальн", "dugsi hoose", "elementary school",
)  # fmt: skip


def _is_primary(edu: Any) -> bool:
    """Primary school only: not something IDW evaluates (it evaluates regular education of at least
    a school year towards a diploma, usually the highest one), so never the IDW step."""
    if edu.indication is not None and edu.indication.nlqf_max <= 1:
        return True
    text = edu.qualification.casefold()
    return any(word in text for word in _PRIMARY_WORDS)


_QUALIFIER_RANK = {"doctorate": 8, "master": 7, "specialist": 7}


def _degree_key(edu: Any) -> tuple[int, int, bool, float]:
    """Which diploma is the highest: the table's indication, or a degree qualifier in its name
    (a 'Yüksek Lisans' without an indication still outranks the 'Lisans' with one)."""
    from skilltool.diplomas import qualifiers

    named = max((_QUALIFIER_RANK.get(q, 0) for q in qualifiers(edu.qualification)), default=0)
    hi = edu.indication.nlqf_max if edu.indication else 0
    lo = edu.indication.nlqf_min if edu.indication else 0
    return (max(hi, named), max(lo, named), edu.completed is not False, edu.years or 0)


def _idw_fee(profile: Profile, lang: Lang) -> str:
    """The fee sentence that fits the inburgering status (IDW: free once for people obliged to
    integrate with the DUO letter, not after the integration diploma)."""
    status = profile.dutch.inburgering
    if status == "obliged":
        return _t("s_idw_fee_free", lang)
    who = {"exempt": "who_exempt", "finished": "who_finished", "temporary_protection": "who_temporary"}
    if status in who:
        return _t("s_idw_fee_paid", lang, who=_t(who[status], lang))
    return _t("s_idw_fee_unknown", lang)


def _age(profile: Profile) -> int | None:
    if profile.personal.birth_year is None:
        return None
    year = profile.created.year if profile.created else datetime.now(tz=UTC).year
    return year - profile.personal.birth_year


def _licence_step(index: SuggestIndex, person: Person, lang: Lang) -> tuple[str, str] | None:
    """Exchange (RDW) or CBR exams for licences issued outside the EU/EEA, or the question which
    country issued them; code 95 for C/D."""
    foreign = sorted(person.licences_held - person.licences)
    if not foreign:
        return None
    pro = any(x[:1] in ("C", "D") for x in foreign) or any(
        j.isco[:4] in ("8331", "8332") for j in person.past
    )
    code95 = _t("s_code95", lang) if pro else ""
    items = ", ".join(foreign)
    country = person.licence_country
    if country is None:
        return _t("s_licence_unknown", lang, items=items, code95=code95), _t("s_licence_reason", lang)
    from skilltool.countries import country_name

    name = country_name(country, lang)
    allowed = index.licences.agreements.get(country)
    if allowed:
        ok = [x for x in foreign if x[:1] in allowed and len(x) == 1]
        rest = [x for x in foreign if x not in ok]
        if ok:
            more = _t("s_licence_exchange_rest", lang, items=", ".join(rest)) if rest else ""
            text = _t("s_licence_exchange", lang, items=", ".join(ok), country=name, rest=more, code95=code95)
            return text, _t("s_licence_reason", lang)
    return _t("s_licence_exam", lang, items=items, country=name, code95=code95), _t("s_licence_reason", lang)


def next_steps(
    profile: Profile,
    suggestions: list[Suggestion],
    *,
    index: SuggestIndex,
    person: Person,
    own: list[Suggestion] | None = None,
) -> list[NextStep]:
    """The ordered action plan: diploma evaluation (IDW, the highest diploma only, with the fee that
    fits the inburgering status), EVC when papers are missing, recognition (after the papers),
    driving licence, language, education route, dual route, certificates, work-experience place
    or trial placement, network; each with its reason."""
    lang = person.lang
    steps: list[NextStep] = []
    own = own or []

    def add(action: str, text: str, reason: str) -> None:
        steps.append(_construct(NextStep, action=action, text=text, reason=reason, agreed=False))

    def sector_name(sid: str) -> str:
        name = index.sector_names.get(sid, ("", ""))[0 if lang == "nl" else 1]
        return f" ({name})" if name else ""

    at_level = [s for s in suggestions if s.at_level]
    anchor = at_level[0] if at_level else (suggestions[0] if suggestions else (own[0] if own else None))
    no_papers = any(e.documents in ("no", "partial") for e in profile.education if e.country != "NL")
    # 1. diploma evaluation: IDW evaluates one diploma per application, usually the highest; the
    # free evaluation for people obliged to integrate is spent once. Never primary school only.
    under_way = any(
        e.idw_nlqf is not None or e.idw_status in ("applied", "evaluated", "indicatie")
        for e in profile.education
    )
    foreign = [e for e in profile.education if e.country != "NL" and not _is_primary(e)]
    if foreign and not under_way:
        edu = max(foreign, key=_degree_key)
        if edu.idw_status in (None, "none"):
            key = "s_idw_indicatie" if edu.documents == "no" else "s_idw"
            job = anchor.label if anchor else "-"
            add(
                "diploma_evaluation",
                _t(key, lang, q=edu.qualification) + _idw_fee(profile, lang),
                _t("s_idw_highest_reason", lang, q=edu.qualification, rest=_t("s_idw_reason", lang, job=job))
                if len(foreign) > 1
                else _t("s_idw_reason", lang, job=job),
            )
    # 1b. skills without papers: EVC / ervaringscertificaat, praktijkverklaring, BBL with EVC
    if no_papers or (not profile.education and person.past):
        towards = anchor.label if anchor else "-"
        if no_papers:
            add("evc", _t("s_evc", lang, job=towards), _t("s_evc_reason", lang))
    # 2. recognition of a regulated profession (the own trade first); after the papers when missing
    seen: set[str] = set()
    for s in (*own, *suggestions):
        if s.route != "recognition_first":
            continue
        ci = index.by_uri.get(s.uri)
        regulated = index.cands[ci].regulated if ci is not None else index.reg_by_uri.get(s.uri)
        if regulated is None or regulated in seen or len(seen) >= 2:
            continue  # the own trade's and at most one more: a plan, not a list of every body
        seen.add(regulated)
        reg = index.regulated[regulated]
        name = reg.name_nl if lang == "nl" else reg.name_en
        first = _t("s_recognition_after_papers", lang) if no_papers else ""
        add(
            "recognition",
            _t("s_recognition", lang, name=name, route=reg.route_nl if lang == "nl" else reg.route_en)
            + first,
            _t("s_recognition_reason", lang, name=name, authority=reg.authority, label=s.label),
        )
    # 2b. driving licence from outside the EU/EEA: exchange or CBR exams, code 95 for C/D
    licence = _licence_step(index, person, lang)
    if licence is not None:
        add("driving_licence", *licence)
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
    # 3b. education route: under 28, or integrating through the education route (onderwijsroute)
    years_old = _age(profile)
    young = years_old is not None and years_old < 28
    if young or profile.dutch.integration_route == "onderwijs":
        because = _t("why_young" if young else "why_onderwijsroute", lang)
        add("education", _t("s_education", lang), _t("s_education_reason", lang, why=because))
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
    fit_digits = index.weights.routes.fit.related_digits

    def related(s: Suggestion) -> bool:
        ci = index.by_uri.get(s.uri)
        return ci is not None and _related_fast(person, index.cands[ci])[1] >= fit_digits

    # related past work first: a placement in the person's own line of work, not a skills echo
    direct = sorted((s for s in suggestions if s.route == "direct"), key=lambda s: not related(s))
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
            _t("s_work_reason_none" if not person.past else "s_work_reason_route", lang, job=s.label),
        )
    # 7. network or buddy
    high = (person.level or 0) >= 6
    add("network", _t("s_network_high" if high else "s_network", lang), _t("s_network_reason", lang))
    return steps
