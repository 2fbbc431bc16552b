"""The plan's steps for papers (``suggest_plan.next_steps``): the diploma evaluation (IDW, the highest
diploma only, with the fee that fits the inburgering status, or the evaluation of studies left
unfinished) and EVC when papers are missing; and what the recognition step, when papers are missing,
says comes first (``after_papers``)."""

from __future__ import annotations

from collections.abc import Callable

from skilltool.models import Profile, Suggestion, Text, Words
from skilltool.suggest_highest import degree_key, known_level
from skilltool.suggest_index import SuggestIndex
from skilltool.suggest_placement import evc_above_idw, evc_aim
from skilltool.suggest_plan_context import PlanContext
from skilltool.suggest_texts import then as _then
from skilltool.suggest_texts import words as _w
from skilltool.suggest_texts import x as _x

Step = tuple[Text, Text]
"""A step's text and reason (``suggest_plan.next_steps`` adds the action)."""


def _idw_fee(profile: Profile, past_pension: bool) -> Text:
    """The fee sentence of the inburgering status (IDW: free once for people obliged to integrate with the
    DUO letter, not after the integration diploma; past the AOW age an unknown status pays)."""
    status = profile.dutch.inburgering
    if past_pension and status in (None, "unknown"):
        return _x("s_idw_fee_pension")
    if status == "obliged":
        return _x("s_idw_fee_free")
    who = {"exempt": "who_exempt", "finished": "who_finished", "temporary_protection": "who_temporary"}
    if status in who:
        return _x("s_idw_fee_paid", who=_x(who[status]))
    return _x("s_idw_fee_unknown")


def idw_step(ctx: PlanContext) -> tuple[str, Step | None]:
    """The diploma evaluation step and its text's key ("" for none). IDW evaluates one diploma per
    application, usually the highest; the free evaluation for people obliged to integrate is spent
    once. Never primary school only, nor when an evaluation is under way."""
    profile, foreign, done = ctx.profile, ctx.foreign, ctx.done
    under_way = any(
        e.idw_nlqf is not None or e.idw_status in ("applied", "evaluated", "indicatie")
        for e in profile.education
    )
    if not foreign or under_way:
        return "", None
    edu = max(done or foreign, key=degree_key)
    left = max((e for e in foreign if e.completed is False), key=degree_key, default=None)
    if edu.idw_status not in (None, "none"):
        return "", None
    # documents not recorded: which IDW route depends on them, so the step asks first
    idw_key = {"no": "s_idw_indicatie", None: "s_idw_documents_unknown"}.get(edu.documents, "s_idw")
    if not done and edu.documents != "no":
        idw_key = "s_idw_opleiding"
    idw_why: Text = _idw_reason(
        ctx.index, ctx.anchor, ctx.label, compared=edu.indication is not None, by_diploma=ctx.on_diploma
    )
    if len(done) > 1:
        # levels the table does not know (both 0): which is the highest is the person's to say
        # (a degree known by its name only, 'MBChB', is no level either: beside a specialist
        # board without one, which is the highest is still the person's to say)
        tied = not known_level(edu) and any(e is not edu and not known_level(e) for e in done)
        # the same known level (a secondary certificate and a post-secondary diploma, both
        # NLQF 4): the order between them is no fact, so the person chooses (tenth review)
        same = [e for e in done if e is not edu and degree_key(e)[:2] == degree_key(edu)[:2]]
        equal = next((e for e in same if known_level(e)), None) if known_level(edu) else None
        if tied:
            idw_why = _x("s_idw_highest_unsure", rest=idw_why)
        elif equal is not None:
            idw_why = _x("s_idw_highest_equal", q=edu.qualification, other=equal.qualification, rest=idw_why)
        else:
            idw_why = _x("s_idw_highest_reason", q=edu.qualification, rest=idw_why)
    if done and left is not None and degree_key(left)[:2] > degree_key(edu)[:2]:
        idw_why = _x("join", items=_then(idw_why, _x("s_idw_unfinished_also", q=left.qualification)))
    fee = _idw_fee(profile, ctx.past_pension)
    return idw_key, (_x("join", items=_then(_x(idw_key, q=edu.qualification), fee)), idw_why)


def evc_step(ctx: PlanContext) -> Step | None:
    """Skills without papers: EVC / ervaringscertificaat, praktijkverklaring, BBL with EVC; only with
    work or skills to recognise (EVC assesses what someone can do), towards work that fits (evc_aim),
    never to work open to Dutch nationals only; the own trade's longest past work first, not one behind a
    recognition (BIG, ...), none to driving work entered by the CBR's exams or whose Dutch papers are
    held. Else, the work's level above IDW's (``evc_above_idw``)."""
    index, person, profile, own = ctx.index, ctx.person, ctx.profile, ctx.own
    evc_to: Suggestion | None = None
    if ctx.no_papers and (profile.work or profile.skills) and ctx.studying is None and not person.evc_done:
        years: dict[str, float] = {}  # the longest time at each own past occupation
        for uri, y in ((j.coded.uri, j.years or 0) for j in profile.work if j.coded):
            years[uri] = max(years.get(uri, 0), y)
        did = sorted((o for o in own if o.uri in years), key=lambda o: -years[o.uri])
        # hbo/wo work above the person's level is no EVC aim (informal interpreting: an hbo EVC)
        pro = {o.uri for o in did if (c := index.compiled(o.uri)) is not None and c.professional}
        own_work = [o for o in did if o.route != "recognition_first" and (o.at_level or o.uri not in pro)]
        aims = (o for o in (*own_work, ctx.anchor, *ctx.suggestions) if o is not None and evc_aim(index, o))
        evc_to = next(aims, None)
    if evc_to is not None and (rid := index.reg_by_uri.get(evc_to.uri)) and index.regulated[rid].by_exam:
        at = index.by_uri.get(evc_to.uri)
        licences = (
            at is not None
            and index.cands[at].cert_rule >= 0
            and index.certs[index.cands[at].cert_rule].licences
        )
        evc_to = None if licences or rid in person.dutch_qualified else evc_to
    if evc_to is not None:
        compiled = index.compiled(evc_to.uri)
        higher = compiled is not None and compiled.professional  # hbo/wo work: no mbo BBL route
        no_bbl = ctx.near_aow or ctx.z_route  # near the AOW, or B1 is no aim
        evc = "s_evc_higher" if higher else "s_evc_short" if no_bbl else "s_evc"
        return _x(evc, job=ctx.label(evc_to)), _x("s_evc_reason")
    if (above := evc_above_idw(index, profile, own)) is not None:  # the work's level above IDW's
        hbo, nlqf = above
        return _x("s_evc_idw", job=ctx.label(hbo)), _x("s_evc_idw_reason", job=ctx.label(hbo), nlqf=nlqf)
    return None


_AFTER_PAPERS = {
    "s_idw_indicatie": "s_recognition_after_papers",
    "s_idw": "s_recognition_after_evaluation",
    "s_idw_opleiding": "s_recognition_after_evaluation",
    "s_idw_documents_unknown": "s_recognition_after_evc",
    "": "s_recognition_after_evc",
}


def after_papers(idw_key: str) -> str:
    """What the recognition step, when papers are missing, says comes first, per IDW step of the plan
    (its text's key; "" for none): an indicatie without documents, the evaluation with part of them,
    else EVC alone (papers not recorded, or IDW under way)."""
    return _AFTER_PAPERS[idw_key]


def _idw_reason(
    index: SuggestIndex,
    anchor: Suggestion | None,
    label: Callable[[Suggestion | None], Words | str],
    *,
    compared: bool,
    by_diploma: Suggestion | None = None,
) -> Text:
    """Why an IDW evaluation. When the first at-level job is a profession the person must be
    recognised for, its route decides what the diploma counts for (BIG's certificate of competence,
    DUO's teaching qualification, the NOvA's Dutch law degree), not IDW; IDW shows the level for
    other work and study. A route of Dutch exams (code 95, the taxi and security diplomas:
    ``by_exam``) judges no diploma at all: the reason says so. When the diploma table has no
    comparison for the diploma (not
    ``compared``), the reason says its level is unknown, not that the level is the table's
    indication (a level from years of work does not hang on the evaluation): the job it names is one at
    level by the diploma (``by_diploma``), and without one it names none."""
    if anchor is None or anchor.route != "recognition_first":
        if not compared:
            return _x("s_idw_reason_unknown")
        return (
            _x("s_idw_reason", job=label(by_diploma)) if by_diploma is not None else _x("s_idw_reason_plain")
        )
    rid = index.reg_by_uri.get(anchor.uri)
    reg = index.regulated.get(rid) if rid is not None else None
    authority = _w(*reg.authority) if reg is not None else "-"
    key = "s_idw_reason_exam" if reg is not None and reg.by_exam else "s_idw_reason_regulated"
    if reg is not None and reg.closed_abroad:  # no recognition: the level counts for a Dutch degree
        key = "s_idw_reason_closed"
    if reg is not None and reg.nationality:  # Dutch nationals only: the level counts for other work
        key = "s_idw_reason_nationality"
    return _x(key, job=label(anchor), authority=authority)
