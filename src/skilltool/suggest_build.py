"""Building one suggestion: its nine parts with evidence, reasons, gaps, route and fit, in words;
the empty-slot texts; and the candidate record of an occupation outside the shortage sectors."""

from __future__ import annotations

from itertools import islice

from skilltool import tightness
from skilltool.models import CEFR_ORDER, EmptySlot, Lang, ScorePart, Suggestion
from skilltool.models.base import construct
from skilltool.reference import ReferenceData
from skilltool.suggest_index import Candidate, SuggestIndex, candidate_of
from skilltool.suggest_person import Past, Person, level_basis
from skilltool.suggest_scoring import (
    PART_NAMES,
    ClassParts,
    best_related,
    cert_status,
    class_parts,
    combine,
    is_at_level,
    occupation_wish_points,
    round2,
    route_for,
    skill_points,
    total,
)
from skilltool.suggest_texts import t as _t

CEFR_NAMES = list(CEFR_ORDER)


def dutch_basis_text(index: SuggestIndex, basis: str, lang: Lang) -> str:
    """Where the Dutch level of a job comes from, in words."""
    kind, _, key = basis.partition(":")
    if kind == "regulated":
        reg = index.regulated[key]
        return _t("db_regulated", lang, name=reg.name_nl if lang == "nl" else reg.name_en)
    return _t("db_isco" if kind == "isco" else "db_level", lang, code=key)


def _tightness_texts(c: Candidate, lang: Lang) -> tuple[str, str, str]:
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


def _static_texts(index: SuggestIndex, c: Candidate, lang: Lang) -> tuple[str, ...]:
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
        dutch_basis_text(index, c.dutch_basis, lang),
        ev_tight,
        _t("r_sector", lang, name=sector_name) if c.sector else "",
        r_tight,
        recognition,
        name,
        ev_forecast,
    )
    return index.text_memo.put(key, hit)


def build_suggestion(
    index: SuggestIndex,
    p: Person,
    c: Candidate,
    e: int,
    o: int,
    *,
    class_points: ClassParts | None = None,
) -> Suggestion:
    """The full suggestion with parts, evidence, reasons, gaps and route (``e``, ``o``: essential
    and optional skills held; ``class_points``: the class parts of its group for this person, when
    the caller has them). Built in full each time: a memo keyed on every person-dependent input
    was measured a net loss (suggest 700 -> 1,000 profiles per CPU second without it, batch
    suggesting time unchanged, 70 MB less memory), since the key needs most of the work done."""
    lang = p.lang
    w = index.weights
    related = best_related(index, p, c)
    if class_points is None:
        class_points = class_parts(index, p, c)
    route, why = route_for(index, p, c, e, digits=related.digits)
    held, missing_certs = cert_status(index, p, c)
    fit = fit_texts(index, p, c, e, job=related.job, digits=related.digits)
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
    job, digits = related.job, related.digits
    parts = combine(skill_points(c, e, o), related.points, class_points, occupation_wish_points(index, p, c))
    at_level = is_at_level(p, c)
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
        parts.wishes
        and p.hours is not None
        and c.sector in w.wishes.part_time_sectors
        and p.hours <= w.wishes.part_time_max_hours
    ):
        wish_ev.append(_t("ev_wish_part_time", lang, hours=p.hours))
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
    shown = (
        parts.skills,
        parts.related_work,
        parts.level,
        parts.dutch,
        round2(c.tight_now),
        round2(c.tight_fc),
        parts.wishes,
        parts.certificates,
        parts.sector,
    )
    score_parts = [
        construct(ScorePart, name=name, points=pts, evidence=ev)
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
    return construct(
        Suggestion,
        uri=c.uri,
        isco=c.isco,
        label=label,
        sector=c.sector,
        score=total(parts),
        fit=fit,
        parts=score_parts,
        route=route,
        at_level=at_level,
        tightness=c.tight,  # shared: built once per index, never changed
        reasons=reasons,
        gaps=gaps,
        regulated=c.regulated is not None,
        dutch_needed=need,
        missing_skills=missing_skills,
        certificates_missing=missing_certs,
        recognition=recognition,
        caveat=_t("caveat", lang),
    )


def fit_texts(
    index: SuggestIndex, p: Person, c: Candidate, e: int, *, job: Past | None, digits: int
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


def empty_slot(index: SuggestIndex, p: Person, slot: str, detail: str) -> EmptySlot:
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
    return construct(EmptySlot, slot=slot, reason=reason)


def outside_candidate(ref: ReferenceData, index: SuggestIndex, uri: str) -> Candidate:
    """A candidate record for an occupation outside the sectors (for ``explain`` only)."""
    occ = ref.occupation_by_uri[uri]
    return candidate_of(
        ref,
        index.weights,
        occ,
        sector="",
        dutch_by_prefix=index.dutch_by_prefix,
        regulated=None,
        regulated_dutch=None,
        cert_rule=-1,
    )
