"""Building one suggestion: its nine parts with evidence, reasons, gaps, route and fit, in words;
the empty-slot texts."""

from __future__ import annotations

from typing import NamedTuple, cast

from skilltool import tightness
from skilltool.coding_weights import ISCO_URI
from skilltool.models import EmptySlot, Join, ScorePart, Suggestion, Text, Words
from skilltool.models.base import construct
from skilltool.suggest_index import Candidate, SuggestIndex
from skilltool.suggest_missing import first_lacking, missing_texts
from skilltool.suggest_person import CEFR_NAMES, Past, Person, level_basis_text
from skilltool.suggest_qualified import big_registered
from skilltool.suggest_reuse import built_key
from skilltool.suggest_reuse import new_part as _new_part
from skilltool.suggest_rules import hot_rules
from skilltool.suggest_scoring import (
    ClassParts,
    best_related,
    cert_status,
    class_parts,
    combine,
    is_at_level,
    occupation_wish_points,
    round2,
    route_for,
    sector_points,
    skill_fit,
    skill_points,
    total,
)
from skilltool.suggest_texts import pair as _pair
from skilltool.suggest_texts import skills_text
from skilltool.suggest_texts import t as _t
from skilltool.suggest_texts import words as _w
from skilltool.suggest_texts import x as _x

__all__ = [
    "build_suggestion",
    "dutch_basis_text",
    "empty_slot",
    "fit_texts",
    "occupation_label",
]

_CAVEAT = _x("caveat")
"""Shared by every suggestion: never changed."""


def _join(items: list[Text], sep: str) -> Join:
    return construct(Join, items=items, sep=sep)


def dutch_basis_text(index: SuggestIndex, basis: str) -> Text:
    """Where the Dutch level of a job comes from."""
    kind, _, key = basis.partition(":")
    if kind == "regulated":
        reg = index.regulated[key]
        # the body that decides, not the data file: a caseworker has no regulated_nl.yaml
        return _x("db_regulated_body", authority=_w(*reg.authority))
    return _x("db_isco" if kind == "isco" else "db_level", code=key)


def _tightness_texts(c: Candidate) -> tuple[Text, Text, Text | None]:
    """Evidence of tightness now, evidence of the 2030 forecast, and the reason line (the one
    formatter's text, current and forecast side by side; None when neither counts)."""
    ref = c.tight
    if ref.category == "unknown" and not ref.at_least:
        ev_now = _x("ev_tight_unknown")
    elif "stale" in ref.flags:
        ev_now = _x("ev_tight_stale", text=_w(tightness.now_text(ref, "nl"), tightness.now_text(ref, "en")))
    else:
        now = _w(tightness.now_text(ref, "nl"), tightness.now_text(ref, "en"))
        ev_now = _x("ev_tight", text=now, source=ref.source or "?")
    if ref.forecast:
        direction: Text | str = ""
        if ref.forecast_direction:  # the source's Dutch phrase, in either language
            said = ref.forecast_direction
            named = _w(tightness.direction_text(said, "nl"), tightness.direction_text(said, "en"))
            direction = _x("ev_direction", direction=named)
        future = _w(tightness.future_text(ref, "nl"), tightness.future_text(ref, "en"))
        ev_fc = _x("ev_forecast", text=future, direction=direction)
    else:
        ev_fc = _x("ev_forecast_unknown")
    reason = None
    if c.tight_points > 0:
        reason = _x("r_tight", text=_w(tightness.text(ref, "nl"), tightness.text(ref, "en")))
    return ev_now, ev_fc, reason


class StaticTexts(NamedTuple):
    """The texts of a candidate that depend on it alone (memoised per candidate)."""

    sector_name: Words
    dutch_basis: Text
    ev_tight: Text
    r_sector: Text | None
    r_tight: Text | None
    recognition: Text | None
    reg_name: Words
    ev_forecast: Text
    ev_sector: Text
    r_at_level: Text
    label: Words
    tight_part: ScorePart
    """The parts the same for everyone, built once and shared by every suggestion of ``c`` (like
    its ``tight``; read, never changed): tightness now, its forecast, sector, and certificates
    when none are needed."""
    forecast_part: ScorePart
    sector_part: ScorePart
    no_cert_part: ScorePart
    essential_first: tuple[str, ...]
    """The essential skill ids in the order the missing ones are shown: what makes the job first
    (its distinctive skills, suggest_fit), then the others, each in the data's order (ordered once
    per candidate instead of sorted per suggestion; the shown few's labels looked up then, not a
    pair per skill kept: 3 MB in bench/suggest)."""


def _static_texts(index: SuggestIndex, c: Candidate) -> StaticTexts:
    """Sector name, Dutch basis, tightness evidence, sector reason, tightness reason, recognition
    route, regulated name, forecast evidence and essential skills' labels of ``c`` (memoised per
    candidate: the same in every language, each text renders in the output's)."""
    hit = index.static_texts.get(c.uri)
    if hit is not None:
        return hit
    sector_name = _pair(index.sector_names.get(c.sector, ("", "")))
    ev_tight, ev_forecast, r_tight = _tightness_texts(c)
    recognition = None
    name = _w("", "")
    if c.regulated:
        reg = index.regulated[c.regulated]
        name = _w(reg.name_nl, reg.name_en)
        recognition = _x("recognition", route=_w(reg.route_nl, reg.route_en), authority=_w(*reg.authority))
    ev_sector = _x("ev_sector_yes", name=sector_name) if c.sector else _x("ev_sector_no")
    hit = StaticTexts(
        sector_name,
        dutch_basis_text(index, c.dutch_basis),
        ev_tight,
        _x("r_sector", name=sector_name) if c.sector else None,
        r_tight,
        recognition,
        name,
        ev_forecast,
        ev_sector,
        _x("r_at_level", lo=c.nlqf_min, hi=c.nlqf_max),
        _w(c.label("nl"), c.label("en")),
        construct(ScorePart, name="tightness", points=round2(c.tight_now), evidence=ev_tight),
        construct(ScorePart, name="tightness_forecast", points=round2(c.tight_fc), evidence=ev_forecast),
        construct(
            ScorePart, name="sector", points=round2(sector_points(index.weights, c)), evidence=ev_sector
        ),
        construct(ScorePart, name="certificates", points=0.0, evidence=_x("ev_cert_none")),
        tuple(sorted(c.essential, key=lambda sid: sid not in c.distinctive)),  # stable
    )
    index.static_texts[c.uri] = hit
    return hit


class _PersonTexts(NamedTuple):
    """What every suggestion for one person words alike (worked out once per person)."""

    basis: Text | None
    basis_key: str
    """Everything ``basis`` and the level part read of the person."""


def _person_texts(index: SuggestIndex, p: Person) -> _PersonTexts:
    """The person's texts, worked out by their first suggestion and kept on ``p``; the level basis
    (``level_basis_text``) memoised on everything it reads, so people alike share one text."""
    if p.texts is not None:
        return cast(_PersonTexts, p.texts)
    key = ("basis", f"{p.level}|{p.edu_level}|{p.exp_level}|{p.edu_basis}|{p.edu_reason}")
    hit = index.text_memo.get(key)
    if hit is None:
        hit = index.text_memo.put(key, (level_basis_text(p),))
    texts = _PersonTexts(cast("Text | None", hit[0]), key[1])
    p.texts = texts
    return texts


def occupation_label(index: SuggestIndex, uri: str, label: str) -> Words:
    """An occupation's label in both languages by its URI (a candidate's), or an ISCO-08 group's
    (work coded to a group: ``ISCO_URI`` and its code); ``label`` (the stored one, in the language the
    profile was made in) for both when the index does not have it."""
    at = index.by_uri.get(uri)
    if at is not None:
        return _static_texts(index, index.cands[at]).label
    group = group_names(index, uri)
    return _w(*group) if group is not None else _w(label, label)


def group_names(index: SuggestIndex, uri: str) -> tuple[str, str] | None:
    """An ISCO-08 group's names (Dutch, English) by its ESCO URI (``ISCO_URI`` and the code: work coded
    to a group); None for any other URI."""
    return index.group_labels.get(uri.removeprefix(ISCO_URI)) if uri.startswith(ISCO_URI) else None


def _dutch_evidence(have: str, need: str, known: bool, basis: Text) -> Text:
    """The Dutch part's evidence: the person's level (or that it is unknown) against the job's."""
    return _x("ev_dutch", have=have, unknown="" if known else _x("unknown_dutch"), need=need, basis=basis)


def build_suggestion(
    index: SuggestIndex,
    p: Person,
    c: Candidate,
    e: int,
    o: int,
    *,
    class_points: ClassParts | None = None,
    fit: bool = True,
) -> Suggestion:
    """The full suggestion with parts, evidence, reasons, gaps and route (``e``, ``o``: essential
    and optional skills held; ``class_points``: the class parts of its group for this person, when
    the caller has them). Its sentences are stored as facts (``Text``: catalogue key and
    parameters), so every output words them in its own language; the label and missing skills are
    in ``p.lang``. Shared whole by everyone with the same inputs (``suggest_reuse``: looked up once
    the route and related work are known); its skills, related-work, level and Dutch parts per set
    of their few inputs (``SuggestIndex.score_part_memo``), like the parts the same for everyone.
    ``fit=False``: ``fit`` left empty, for outputs that do not store it (the batch's Parquet
    tables); the ranking's own fit rule (``has_fit``) is not this text and is unaffected."""
    lang = p.lang
    related = best_related(index, p, c)
    if class_points is None:
        class_points = class_parts(index, p, c)
    route, why = route_for(index, p, c, e, digits=related.digits)
    # fresh lists either way (the suggestion keeps one); no call when no certificates are needed
    held, missing_certs = cert_status(index, p, c) if c.cert_rule >= 0 else ([], [])
    k = sum(1 for sid in c.essential if sid in p.likely) if p.likely else 0  # held by a guess: Person.likely
    fit_words = fit_texts(index, p, c, e, job=related.job, digits=related.digits, likely=k) if fit else []
    st = _static_texts(index, c)
    person = _person_texts(index, p)
    made = (e, o, related, class_points, route, why, held, missing_certs, fit_words)
    hot = hot_rules(index)
    lacking = first_lacking(st.essential_first, p.skills, hot.max_missing_shown)  # the missing named
    at_level = is_at_level(p, c)
    built = built_key(index, p, c, made, lacking=lacking, at_level=at_level, basis=person.basis_key, likely=k)
    if (hit := index.built_memo.get(built)) is not None:
        return hit
    job, digits = related.job, related.digits
    job_label = occupation_label(index, job.uri, job.label) if job is not None else None
    parts = combine(skill_points(c, e, o), related.points, class_points, occupation_wish_points(index, p, c))
    need = CEFR_NAMES[c.dutch_needed]
    have = CEFR_NAMES[p.dutch]
    # The skills, related-work, level and Dutch parts are each made of a few inputs (counts, a
    # past job, a level, a Dutch level): built once per set of inputs and shared (bench/suggest);
    # ``_new_part`` builds the evidence on a miss only (no closure per part: that made every
    # local of this function a cell).
    memo = index.score_part_memo
    ne = len(c.essential)
    key: tuple[object, ...] = ("skills", parts.skills, e, ne, o, c.n_optional, k)  # all the part is made of
    if (skills_part := memo.get(key)) is None:
        no = c.n_optional
        ev, likely = ("ev_skills_likely", {"k": k}) if k else ("ev_skills", {})
        skills_part = _new_part(memo, key, "skills", parts.skills, _x, ev, e=e, ne=ne, o=o, no=no, **likely)
    if job is None:
        key = ("related", parts.related_work)
    else:
        prefix = "" if digits == 5 else c.isco[:digits]
        key = ("related", parts.related_work, job.uri, job.label, job.factor < 1, digits, prefix)
    if (related_part := memo.get(key)) is None:
        related_part = _new_part(
            memo, key, "related_work", parts.related_work, _related_evidence, c, job, job_label, digits
        )
    key = ("level", person.basis_key, parts.level, c.nlqf_min, c.nlqf_max, c.band)
    if (level_part := memo.get(key)) is None:
        level_part = _new_part(memo, key, "level", parts.level, _level_evidence, p, c, person.basis)
    key = ("dutch", parts.dutch, p.dutch, p.dutch_known, c.dutch_needed, c.dutch_basis)
    if (dutch_part := memo.get(key)) is None:
        dutch_part = _new_part(
            memo, key, "dutch", parts.dutch, _dutch_evidence, have, need, p.dutch_known, st.dutch_basis
        )
    wish_ev: list[Text] = []
    if c.sector in p.wish_sectors:
        wish_ev.append(_x("ev_wish_sector", name=st.sector_name))
    if (wished := _wish_key(index, p, c.uri, "ev_wish_occ")) is not None:
        wish_ev.append(_x(wished))
    if (
        parts.wishes
        and p.hours is not None
        and c.sector in hot.part_time_sectors
        and p.hours <= hot.part_time_max_hours
    ):
        wish_ev.append(_x("ev_wish_part_time", hours=p.hours))
    # The certificates and wishes parts are shared too (a fresh object per suggestion was most of
    # what profile_json serialised anew); a wish's evidence lists them in a Join: built anew.
    if c.cert_rule < 0:  # the parts that are the same for everyone are built once per candidate
        cert_part = st.no_cert_part
    else:
        listed = ", ".join(missing_certs or held)
        ev_key = "ev_cert_missing" if missing_certs else "ev_cert_all"
        key = ("certificates", parts.certificates, ev_key, listed)
        found = memo.get(key)
        if found is None:
            found = _new_part(memo, key, "certificates", parts.certificates, _x, ev_key, items=listed)
        cert_part = found
    if wish_ev:
        ev_wish = _x("join", items=_join(wish_ev, "; "))
        wishes_part = construct(ScorePart, name="wishes", points=parts.wishes, evidence=ev_wish)
    else:
        key = ("wishes", parts.wishes)
        found = memo.get(key)
        if found is None:
            found = _new_part(memo, key, "wishes", parts.wishes, _x, "ev_wish_none")
        wishes_part = found
    score_parts = [
        skills_part,
        related_part,
        level_part,
        dutch_part,
        st.tight_part,
        st.forecast_part,
        wishes_part,
        cert_part,
        st.sector_part,
    ]
    reasons = [st.r_sector] if st.r_sector is not None else []
    if e:
        reasons.append(skills_text("r_skills", e, len(c.essential), k))
    if job_label is not None:
        reasons.append(_x("r_related", label=job_label))
    elif route == "direct" and c.isco[:4] in p.entry:  # why it is direct without related work (section 27)
        reasons.append(_x("r_entry_below"))
    if at_level:
        reasons.append(st.r_at_level)
    if st.r_tight is not None:
        reasons.append(st.r_tight)
    if wish_ev:
        reasons.append(_x("r_wish"))
    gaps: list[Text] = []
    missing_skills: list[str] = []
    if lacking:
        nl, en, missing_gap = missing_texts(index, tuple(lacking))
        missing_skills = list(nl if lang == "nl" else en)
        gaps.append(missing_gap)
    if c.dutch_needed > p.dutch:
        gaps.append(_x("g_dutch", need=need, have=have))
    if c.regulated and st.recognition is not None:
        reg = index.regulated[c.regulated]
        if c.regulated in p.dutch_qualified and reg.by_exam and missing_certs:
            pass  # the Dutch papers held are another job's (a lorry's C for a bus): g_certs names the rest
        elif c.regulated in p.dutch_qualified:  # a Dutch diploma is registered, not recognised
            if big_registered(p.dutch_qualified[c.regulated]):  # registered already: nothing to apply for
                gaps.append(_x("g_registered_big", name=st.reg_name))
            else:
                gap = "g_registration_dutch_exam" if reg.by_exam else "g_registration_dutch"  # no register
                gaps.append(_x(gap, name=st.reg_name, route=_w(*reg.dutch_route)))
        elif reg.nationality:  # nothing to recognise: Dutch nationals only (the armed forces)
            gaps.append(_x("g_nationality", name=st.reg_name, route=st.recognition))
        elif reg.closed_abroad:  # nothing to recognise either: a Dutch degree (a griffier's is no law's)
            gaps.append(_x("g_dutch_degree", name=st.reg_name, route=st.recognition))
        elif reg.by_exam:  # Dutch exams (CBR, SVPB, Kiwa): nothing foreign recognised (twenty-fifth review)
            gaps.append(_x("g_exam", name=st.reg_name, route=st.recognition))
        elif route == "recognition_first":
            gaps.append(_x("g_recognition", name=st.reg_name, route=st.recognition))
        else:
            gaps.append(_x("g_regulated_body", name=st.reg_name, route=st.recognition))
    elif "what_qualification" in why:
        # near the pension age (AOW) a route of years would end at or after it: the plan's short routes
        short = "g_qualification_short" if p.near_pension else "g_qualification"
        gaps.append(_x("g_qualification_higher" if c.professional else short))
    if "what_rules" in why:
        gaps.append(_x("g_dutch_rules"))
    if at_level and p.edu_unofficial and c.skill_level >= 3 and not c.regulated:
        gaps.append(_x("g_idw"))
    if missing_certs:
        gaps.append(_x("g_certs", items=", ".join(missing_certs)))
    suggestion = construct(
        Suggestion,
        uri=c.uri,
        isco=c.isco,
        label=c.label(lang),
        sector=c.sector,
        score=total(parts),
        fit=fit_words,
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
        recognition=st.recognition,
        caveat=_CAVEAT,
    )
    return index.built_memo.put(built, suggestion)


def _related_evidence(c: Candidate, job: Past | None, label: Words | None, digits: int) -> Text:
    """The related-work part's evidence: the past job behind the points, if any."""
    if job is None:
        return _x("ev_related_none")
    short: Text | str = _x("short") if job.factor < 1 else ""
    if digits == 5:
        return _x("ev_related_same", label=label, short=short)
    return _x("ev_related_isco", label=label, prefix=c.isco[:digits], short=short)


def _level_evidence(p: Person, c: Candidate, basis: Text | None) -> Text:
    """The level part's evidence: the person's level and where it comes from, the job's range."""
    if p.level is None or basis is None:
        return _x("ev_level_unknown")
    return _x("ev_level", level=p.level, basis=basis, lo=c.nlqf_min, hi=c.nlqf_max, band=c.band)


def _wish_key(index: SuggestIndex, p: Person, uri: str, key: str) -> str | None:
    """``key`` for a wished candidate, ``key`` + ``_review`` when only a coded wish's unit group
    found it (``Person.wish_review``); None when the occupation is not wished."""
    ci = index.by_uri.get(uri, -1)
    if ci not in p.wish_cands:
        return None
    return f"{key}_review" if ci in p.wish_review else key


def fit_texts(
    index: SuggestIndex, p: Person, c: Candidate, e: int, *, job: Past | None, digits: int, likely: int = 0
) -> list[Text]:
    """Why ``c`` fits (empty: no real fit); ``likely``: of the ``e`` essential skills held, those
    only a flagged, unconfirmed code gives."""
    rule = index.weights.routes.fit
    out: list[Text] = []
    if c.regulated is not None and c.regulated not in p.regulated and c.uri not in p.interim:
        wished = _wish_key(index, p, c.uri, "fit_wish")
        return [_x(wished)] if wished is not None else []
    fit = skill_fit(rule, p, c, e)
    if job is not None and digits == 5:
        out.append(_x("fit_same", label=occupation_label(index, job.uri, job.label)))
    else:
        least = rule.related_digits if fit.minor_group else 4
        related = _related_fit(index, p, c.isco, least)
        if related is not None:
            out.append(related)
    if fit.skills:
        out.append(skills_text("fit_skills", e, len(c.essential), likely))
    if (rid := p.interim.get(c.uri)) is not None:
        info = index.regulated[rid]
        out.append(_x("fit_interim", profession=_w(info.name_nl, info.name_en)))
    if (wished := _wish_key(index, p, c.uri, "fit_wish")) is not None:
        out.append(_x(wished))
    return out


def _related_fit(index: SuggestIndex, p: Person, isco: str, least: int) -> Text | None:
    """The related-work fit text of the first past job sharing 4, else 3, ISCO digits (at least
    ``least``) with ``isco``; None when none does."""
    for pj in p.past:
        for n in (4, 3):
            if n >= least and (prefix := index.named_prefix(pj.isco, n)) and isco.startswith(prefix):
                return _x("fit_related", label=occupation_label(index, pj.uri, pj.label), prefix=isco[:n])
    return None


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
