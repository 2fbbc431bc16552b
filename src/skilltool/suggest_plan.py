"""The action plan (next steps) for one profile and its suggestions: suitable work when health
limits work, diploma evaluation, EVC, recognition, driving licence, language, education route,
dual route, certificates, care arrangements, work-experience place and network, each with its
reason. The health and care steps are sensitive (``SENSITIVE_STEPS``)."""

from __future__ import annotations

from skilltool.models import CEFR_ORDER, Join, NextStep, Profile, Suggestion, Text
from skilltool.models.base import construct
from skilltool.suggest_build import occupation_label
from skilltool.suggest_business import business_in_view, business_step, freelancer
from skilltool.suggest_index import SuggestIndex
from skilltool.suggest_language import language_step, unsettled
from skilltool.suggest_learnwork import dual_key, learn_work_candidates
from skilltool.suggest_licence import driving_work, licence_named, licence_step
from skilltool.suggest_papers import after_papers, evc_step, idw_step
from skilltool.suggest_person import Person
from skilltool.suggest_placement import ask_first, certificate_job, placement_step
from skilltool.suggest_plan_context import dutch_diploma, plan_context, startkwalificatie
from skilltool.suggest_qualified import big_registered
from skilltool.suggest_scoring import reason_keys, route_for, what_keys
from skilltool.suggest_screening import screening_step
from skilltool.suggest_texts import then as _then
from skilltool.suggest_texts import words as _w
from skilltool.suggest_texts import x as _x
from skilltool.suggest_titles import carried_routes, health_text, recognition_start, route_words


def next_steps(
    profile: Profile,
    suggestions: list[Suggestion],
    *,
    index: SuggestIndex,
    person: Person,
    own: list[Suggestion] | None = None,
    titles: tuple[str, ...] = (),
    group_titles: tuple[str, ...] = (),
) -> list[NextStep]:
    """The ordered action plan: suitable work first when health limits work, diploma evaluation
    (IDW, the highest diploma only, with the fee that fits the inburgering status), EVC when papers
    are missing, recognition (after the papers), driving licence, language, education route, dual
    route, certificates, care arrangements when there are care duties, work-experience place or
    trial placement, network; each with its reason."""
    steps: list[NextStep] = []
    own = own or []

    def add(action: str, text: Text, reason: Text) -> None:
        steps.append(construct(NextStep, action=action, text=text, reason=reason, agreed=False))

    ctx = plan_context(profile, suggestions, index=index, person=person, own=own)
    label, sector_name = ctx.label, ctx.sector_name
    anchor, no_papers, health, years_old = ctx.anchor, ctx.no_papers, ctx.health, ctx.years_old
    minor, studying, onderwijs, z_route = ctx.minor, ctx.studying, ctx.onderwijs, ctx.z_route
    # 0. health limits work: suitable work first (a sensitive step: SENSITIVE_STEPS)
    if health:
        add("health", health_text(profile), _x("s_health_reason"))
    # 0b. under 18 without a startkwalificatie: the qualification duty, school first and work only
    # within it (Leerplichtwet 1969 art. 4a; rijksoverheid.nl, startkwalificatie)
    if minor:
        add("education", _x("s_education_minor"), _x("s_education_minor_reason"))
    # 0b'. a Dutch programme in progress: finishing it gives the Dutch diploma (suggest_plan_context)
    if studying is not None and not minor:
        finish = _x("s_education_current", q=studying.qualification)
        add("education", finish, _x("s_education_current_reason"))
    # 0b''. the onderwijsroute: the full-time taalschakeltraject towards mbo, hbo or wo comes first
    if onderwijs:
        add("education", _x("s_education_onderwijsroute"), _x("s_education_onderwijsroute_reason"))
    # 0c. at or near the state pension age (AOW): no multi-year training route (BBL, education)
    pension, near_aow = ctx.pension, ctx.near_aow
    # 1. diploma evaluation (IDW) and 1b. EVC when papers are missing (suggest_papers)
    idw_key, idw = idw_step(ctx)
    if idw is not None:
        add("diploma_evaluation", *idw)
    if (evc := evc_step(ctx)) is not None:
        add("evc", *evc)
    # 2. recognition of a regulated profession (the own trade first); after the papers when missing.
    # Past work coded to an ISCO group only (no ESCO occupation: 'verpleegkundige' -> 3221) has no
    # suggestion to carry its profession's route: the plan names it all the same, after those.
    # After the own trade's step a second comes from the own trade too (past work, a wish), not from a
    # suggestion: a secondary teacher's plan had a second DUO route, for mbo, neither done nor wished (15th)
    carried = carried_routes(index, person, profile, own, suggestions, label=label)
    grouped = [
        (rid, _w(index.regulated[rid].name_nl, index.regulated[rid].name_en), True)
        for rid in sorted(person.group_regulated)
    ]
    seen: set[str] = set()
    first_mine = bool(carried or grouped) and (carried or grouped)[0][2]
    for regulated, job, mine in (*carried, *grouped):
        if regulated in seen or len(seen) >= 2 or (seen and first_mine and not mine):
            continue  # the own trade's and at most one more: a plan, not a list of every body
        seen.add(regulated)
        reg = index.regulated[regulated]
        name = _w(reg.name_nl, reg.name_en)
        reg_route = _w(reg.route_nl, reg.route_en)
        who = _w(*reg.authority)
        if reg.closed_abroad:  # no recognition to start: a Dutch degree is the way (NOvA, judiciary)
            add("recognition", _x("s_recognition_closed", name=name, route=reg_route),
                _x("s_recognition_reason_closed", authority=who, label=job))  # fmt: skip
            continue
        if reg.nationality:  # Dutch nationals only (the armed forces): nothing to recognise or train
            add("recognition", _x("s_recognition_nationality", name=name, route=reg_route),
                _x("s_recognition_reason_nationality", authority=who, label=job))  # fmt: skip
            continue
        if (q := person.dutch_qualified.get(regulated)) is not None:  # a Dutch diploma: registration,
            k = "s_registration_dutch" + ("_exam" if reg.by_exam else "")  # none for an exam's (SVPB)
            big = {"route": _w(*reg.dutch_route)} if not big_registered(q) else {}  # registered: none to do
            k = k if big else "s_registered_big"
            add("recognition", _x(k, name=name, q=q, **big),
                _x(f"{k}_reason", name=name, authority=who, label=job))  # fmt: skip
            continue
        start, said = recognition_start(index, profile, regulated, name, reg_route, who=who, job=job)
        if (
            mine and not reg.by_exam
        ):  # a wish of other work done first (twenty-sixth review; suggest_placement)
            start = ask_first(index, person, regulated, (*own, *suggestions), start, label=label)
        # the Z-route is for people for whom B1 is not feasible in the integration term (section 10e):
        # a route asking B1 or more is said to be so, to weigh with the person
        if z_route and reg.dutch_needed and CEFR_ORDER[reg.dutch_needed] >= CEFR_ORDER["B1"]:
            start = _x("join", items=_then(start, _x("s_recognition_z", need=reg.dutch_needed)))
        add(
            "recognition",
            _x("join", items=_then(start, _x(after_papers(idw_key))))
            if no_papers and not reg.by_exam  # Dutch exams (CBR, SVPB) need no foreign papers
            else start,
            said,  # a protected title only (architect): the work is open; teaching without training: no DUO
        )
    # 2a. a protected title the person wishes by name (``titles``: 'verzorgende IG'), whose route no
    # suggestion carries: the ESCO occupation with that name is work open without the title
    # (``group_titles``: a wish coded to the profession's ISCO group, which no suggestion has)
    for rid, title_why in (
        # a title only (sworn interpreter): registration, not a diploma, and the work is open without it
        *(
            (
                r,
                "s_wished_title_reason_register"
                if index.regulated[r].title_only
                else "s_wished_title_reason",
            )
            for r in titles
        ),
        *((r, "s_wished_group_reason") for r in group_titles),
    ):
        if rid not in seen:
            seen.add(rid)
            reg = index.regulated[rid]
            name = _w(reg.name_nl, reg.name_en)
            nat = reg.nationality  # open to Dutch nationals only (the armed forces): no title to earn
            # nothing from abroad to recognise (no finished foreign diploma, no work in it): a Dutch
            # programme; an unfinished study is no diploma (fifth and eighth expert reviews), also when it
            # is the highest beside a finished school certificate (thirteenth review: two years of nursing)
            dutch = (not ctx.done or ctx.unfinished_highest) and rid not in person.regulated
            # a wish coded to the group is the regulated profession, not always a protected title
            # (the childcare worker's qualification requirement protects no title)
            group = title_why == "s_wished_group_reason"
            key = ("s_wished_group" if group else "s_wished_title") + ("_dutch" if dutch else "")
            reg_route = route_words(index, profile, rid)  # teaching without a teacher's training: no DUO
            add(
                "protected_title",
                _x("s_recognition_nationality" if nat else key, name=name, route=reg_route),
                _x(
                    "s_wished_nationality_reason" if nat else title_why,
                    name=name,
                    authority=_w(*reg.authority),
                ),
            )
    # 2b. driving licence from outside the EU/EEA: exchange or CBR exams, code 95 for C/D; here
    # when the work in view is driving work, else after the work-experience step (useful, not first)
    licence = licence_step(index, person, profile.dutch.inburgering)
    driving = licence is not None and driving_work(index, person, (*own, *suggestions))
    if licence is not None and driving:
        add("driving_licence", *licence)
    # 3. language route: its aim follows the route and the work in view (suggest_language)
    language = language_step(
        index,
        person,
        suggestions,
        anchor=anchor,
        job=label,
        z_route=z_route,
        onderwijs=onderwijs,
        wishes=profile.wishes,
        status=profile.dutch,
    )
    if language is not None:
        add("language", *language)
    # 3b. education route: under 28, or integrating through the education route (onderwijsroute)
    young = years_old is not None and years_old < 28
    if young and not onderwijs and not minor and not near_aow and studying is None:
        held = startkwalificatie(profile)  # a Dutch diploma in hand: a further programme, not a first
        further = _x("s_education_reason_further", why=_x("why_young"), q=held) if held else None
        if not held and (entree := dutch_diploma(profile, frozenset({"mbo-1"}))):  # kiesmbo.nl, niveaus
            further = _x("s_education_reason_entree", why=_x("why_young"), q=entree)
        if (years_old or 27) < 27 and profile.wishes.willing_to_train is False:  # Participatiewet 13(2)(c)
            further = _x("s_education_reason_no_school")
        add("education", _x("s_education"), further or _x("s_education_reason", why=_x("why_young")))
    # 4. dual or learn-work route: a wished occupation's first; not a job that waits only for a
    # driving licence (CBR exams, the licence step), which no learn-work route gives
    # (suggest_learnwork: a wish first, then work of the person's own line, then shared skills alone)
    shared = unsettled(index, profile.wishes, other_coded=True)
    dual = learn_work_candidates(index, person, suggestions, own, shared)
    wished_dual = person.wish_cands - shared

    def route_why(s: Suggestion) -> list[str]:
        c = index.cands[index.by_uri[s.uri]]
        return route_for(index, person, c, sum(1 for x in c.essential if x in person.skills))[1]

    learn = next(((s, why) for s in dual if (why := route_why(s)) != ["what_licence"]), None)
    if learn is not None:
        s, why = learn
        c = index.cands[index.by_uri[s.uri]]
        higher = c.professional  # an hbo/wo programme alongside work, not BBL (mbo)
        exam = bool(c.regulated) and index.regulated[c.regulated or ""].by_exam  # certificate, not BBL
        items = [_x(k) for k in what_keys(index, person, c, reason_keys(c, why))]
        what = construct(Join, items=items, sep=", ") if why else _x("what_qualification")
        # near the pension age a route of years would end at or after it: training on the job
        # in the Z-route B1 is no aim, and an mbo-2/3 diploma asks for 2F, close to B1: no BBL either
        z_dual = z_route and not higher
        route = "s_dual_short" if near_aow or z_dual else "s_dual_higher" if higher else "s_dual"
        route = dual_key(route, exam=exam, why=why, isco=c.isco, index=index)
        add(
            "dual_route",
            _x(route, job=label(s), sector=sector_name(s.sector)),
            _x("s_dual_pension_reason", job=label(s), what=what, age=years_old, pension=pension)
            if near_aow
            else _x("s_dual_z_reason", job=label(s), what=what)
            if z_dual
            else _x("s_dual_reason", job=label(s), what=what),
        )
    # 4b. an own business before, or one wished: the official routes to start (Bbz, KVK), as an indication
    protected = profile.dutch.inburgering == "temporary_protection"
    business, new = business_in_view(profile, protected=protected)  # a wished one in another trade first
    if business is not None and not minor:
        add(
            "entrepreneurship",
            *business_step(index, business, protected=protected, wish=new, freelance=freelancer(profile)),
        )
    # 5. certificates and licences (without what the licence step names: a foreign licence, code 95)
    named = licence_named(person) if licence is not None else frozenset()
    for s in certificate_job(index, person, suggestions[:5], own):  # the work in view first (25th review)
        rule = index.certs[index.cands[index.by_uri[s.uri]].cert_rule]
        if still := [x for x in s.certificates_missing if x not in named]:
            add(
                "certificates",
                _x("s_certs", items=", ".join(still)),
                _x("s_certs_reason", job=label(s), note=_w(rule.note_nl, rule.note_en)),
            )
    # 5b. care duties: childcare or other arrangements before a placement (sensitive: SENSITIVE_STEPS); under
    if profile.circumstances.care_duties:  # temporary protection the allowance follows paid employment only
        add("care", _x("s_care_temporary" if protected else "s_care"), _x("s_care_reason"))
    # 6. work-experience place or trial placement (suggest_placement); within school, the wished
    # job of the learn-work step is the programme's workplace
    # (a regulated one only when it has a learn-work route: a pharmacist's is no student's workplace)
    school = learn[0] if learn is not None and index.by_uri.get(learn[0].uri) in wished_dual else None
    school_rid = index.reg_by_uri.get(school.uri) if school is not None else None
    school = school if school_rid is None or index.regulated[school_rid].learn_work else None
    placement = placement_step(
        index,
        person,
        suggestions,
        school=school,
        minor=minor,
        studying=studying is not None,
        onderwijs=onderwijs,
        work=ctx.work,
        placed=ctx.placed,
        health=health,
        label=label,
        sector_name=sector_name,
        here={
            j.coded.uri: occupation_label(index, j.coded.uri, j.coded.label)
            for j in profile.work
            if j.coded and j.country == "NL"
        },
    )
    if (screening := screening_step(profile)) is not None:  # Defence: the MIVD's screening before a post
        add("screening", *screening)
    if placement is not None:
        add("work_experience", *placement)
    if licence is not None and not driving:
        add("driving_licence", *licence)
    add("not_asked", _x("s_not_asked"), _x("s_not_asked_reason"))  # no field: debts, day hours, literacy
    # 7. network or buddy
    high = (person.level or 0) >= 6
    add("network", _x("s_network_high" if high else "s_network"), _x("s_network_reason"))
    return steps
