"""The action plan (next steps) for one profile and its suggestions: suitable work when health
limits work, diploma evaluation, EVC, recognition, driving licence, language, education route,
dual route, certificates, care arrangements, work-experience place and network, each with its
reason. The health and care steps are sensitive (``SENSITIVE_STEPS``)."""

from __future__ import annotations

from collections.abc import Callable

from skilltool.diploma_dutch import STARTKWALIFICATIE, names_rung
from skilltool.models import CEFR_ORDER, Education, Join, NextStep, Profile, Suggestion, Text, Words
from skilltool.models.base import construct
from skilltool.suggest_build import occupation_label
from skilltool.suggest_business import business_in_view, business_step, freelancer
from skilltool.suggest_highest import below_dutch, degree_key, known_level, newcomers_class
from skilltool.suggest_index import SuggestIndex
from skilltool.suggest_language import language_step, unsettled
from skilltool.suggest_learnwork import dual_key, learn_work_candidates
from skilltool.suggest_licence import driving_work, licence_named, licence_step
from skilltool.suggest_person import Person, age_of
from skilltool.suggest_placement import ask_first, certificate_job, evc_above_idw, evc_aim, placement_step
from skilltool.suggest_qualified import big_registered
from skilltool.suggest_scoring import reason_keys, route_for, what_keys
from skilltool.suggest_screening import screening_step
from skilltool.suggest_texts import then as _then
from skilltool.suggest_texts import words as _w
from skilltool.suggest_texts import x as _x
from skilltool.suggest_titles import carried_routes, health_text, recognition_start, route_words

_PRIMARY_WORDS = (
    "primary", "elementary", "basisschool", "basisonderwijs", "ibtidai", "ibtidaiya", "ابتدائي", "ابتدایی",
    "ilkokul", "ilkogretim", "nachalnaya", "початков", "начальн", "dugsi hoose", "elementary school",
    "lagere school",  # the primary school's Dutch name before the basisschool of 1985 (nineteenth review)
)  # fmt: skip


def _is_primary(edu: Education) -> bool:
    """Primary school only: IDW evaluates education towards a diploma (the highest): no IDW step."""
    if edu.indication is not None and edu.indication.nlqf_max <= 1:
        return True
    text = edu.qualification.casefold()
    return any(word in text for word in _PRIMARY_WORDS)


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


def _startkwalificatie(profile: Profile) -> str | None:
    """The name of a Dutch havo, vwo or mbo level 2-4 diploma, read as the diploma's level is
    (``diploma_dutch``): the startkwalificatie that ends the qualification duty; None without one."""
    return _dutch_diploma(profile, STARTKWALIFICATIE)


def _dutch_diploma(profile: Profile, rungs: frozenset[str]) -> str | None:
    dutch = (e.qualification for e in profile.education if e.country == "NL" and e.completed is not False)
    return next((q for q in dutch if names_rung(q, rungs)), None)


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

    def sector_name(sid: str) -> Words | str:
        nl, en = index.sector_names.get(sid, ("", ""))
        return _w(f" ({nl})", f" ({en})") if nl or en else ""

    def label(s: Suggestion | None) -> Words | str:
        return "-" if s is None else occupation_label(index, s.uri, s.label)

    at_level = [s for s in suggestions if s.at_level]
    anchor = at_level[0] if at_level else (suggestions[0] if suggestions else (own[0] if own else None))
    # the first job at level by the diploma itself: one at level by years of work does not hang on the
    # evaluation (eleventh review: a history degree's evaluation "decided" an embroidery machine job)
    edu_level = person.edu_level
    on_diploma = next(
        (
            s
            for s in at_level
            if (c := index.compiled(s.uri)) and edu_level and c.nlqf_min <= edu_level <= c.nlqf_max
        ),
        None,
    )
    # foreign schooling a finished Dutch diploma covers needs neither IDW nor EVC for its papers
    covered = {id(e) for e in below_dutch(profile.education, person.dutch_level)}
    no_papers = any(
        e.documents in ("no", "partial")
        for e in profile.education
        if e.country != "NL" and id(e) not in covered
    )
    # 0. health limits work: suitable work first (a sensitive step: SENSITIVE_STEPS)
    health = profile.circumstances.health_limits_work == "yes"

    def placed(text: Text) -> Text:  # the suggestions do not know the limits: a placement waits for the talk
        return _x("join", items=_then(text, _x("s_work_health"))) if health else text

    if health:
        add("health", health_text(profile), _x("s_health_reason"))
    # 0b. under 18 without a startkwalificatie: the qualification duty, school first and work only
    # within it (Leerplichtwet 1969 art. 4a; rijksoverheid.nl, startkwalificatie)
    years_old = age_of(profile)
    minor = years_old is not None and years_old < 18 and not _startkwalificatie(profile)
    if minor:
        add("education", _x("s_education_minor"), _x("s_education_minor_reason"))
    # 0b'. a Dutch programme in progress: finishing it gives the Dutch diploma, which no other route
    # gives sooner; EVC, a new education route or a placement outside it would cut across it
    running = (e for e in profile.education if e.country == "NL" and e.completed is False)
    studying = next((e for e in running if not newcomers_class(e, years_old)), None)  # no ISK past 18
    if studying is not None and not minor:
        finish = _x("s_education_current", q=studying.qualification)
        add("education", finish, _x("s_education_current_reason"))
    # 0b''. the onderwijsroute: the full-time taalschakeltraject towards mbo, hbo or wo comes first
    # (Divosa, Wet inburgering in vraag en antwoord; Schulinck): work and EVC come within it or after
    # a leerroute belongs to the integration duty: exempt or finished takes none (twelfth review)
    obliged = profile.dutch.inburgering not in ("exempt", "finished")
    onderwijs = profile.dutch.integration_route == "onderwijs" and obliged and not minor and studying is None
    z_route = profile.dutch.integration_route == "z"  # no exam, no B1 aim: as far as feasible
    if onderwijs:
        add("education", _x("s_education_onderwijsroute"), _x("s_education_onderwijsroute_reason"))

    # 0c. at or near the state pension age (AOW): no multi-year training route (BBL, education)
    pension = index.weights.plan.pension_age
    past_pension = years_old is not None and years_old >= pension
    near_aow = person.near_pension

    def work(s: Suggestion) -> Text:  # a minor's or a student's work experience is part of school
        key = "s_work_dutch" if studying is not None else "s_work_study" if onderwijs else "s_work"
        return _x("s_work_minor" if minor else key, job=label(s), sector=sector_name(s.sector))

    # 1. diploma evaluation: IDW evaluates one diploma per application, usually the highest; the
    # free evaluation for people obliged to integrate is spent once. Never primary school only.
    under_way = any(
        e.idw_nlqf is not None or e.idw_status in ("applied", "evaluated", "indicatie")
        for e in profile.education
    )
    foreign = [
        e for e in profile.education if e.country != "NL" and not _is_primary(e) and id(e) not in covered
    ]
    idw_key = ""  # the IDW step's text, when the plan has one
    # An unfinished programme is no diploma: the highest finished one is evaluated, and studies left
    # unfinished get IDW's opleidingswaardering (at least a school year done), named beside it or alone
    done = [e for e in foreign if e.completed is not False]
    unfinished = [e for e in foreign if e.completed is False]
    unfinished_highest = bool(unfinished) and max(map(degree_key, unfinished))[:2] > max(
        (degree_key(e)[:2] for e in done), default=(-1, -1)
    )
    if foreign and not under_way:
        edu = max(done or foreign, key=degree_key)
        left = max((e for e in foreign if e.completed is False), key=degree_key, default=None)
        if edu.idw_status in (None, "none"):
            # documents not recorded: which IDW route depends on them, so the step asks first
            idw_key = {"no": "s_idw_indicatie", None: "s_idw_documents_unknown"}.get(edu.documents, "s_idw")
            if not done and edu.documents != "no":
                idw_key = "s_idw_opleiding"
            idw_why: Text = _idw_reason(
                index, anchor, label, compared=edu.indication is not None, by_diploma=on_diploma
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
                    idw_why = _x(
                        "s_idw_highest_equal", q=edu.qualification, other=equal.qualification, rest=idw_why
                    )
                else:
                    idw_why = _x("s_idw_highest_reason", q=edu.qualification, rest=idw_why)
            if done and left is not None and degree_key(left)[:2] > degree_key(edu)[:2]:
                idw_why = _x("join", items=_then(idw_why, _x("s_idw_unfinished_also", q=left.qualification)))
            add(
                "diploma_evaluation",
                _x("join", items=_then(_x(idw_key, q=edu.qualification), _idw_fee(profile, past_pension))),
                idw_why,
            )
    # 1b. skills without papers: EVC / ervaringscertificaat, praktijkverklaring, BBL with EVC; only with
    # work or skills to recognise (EVC assesses what someone can do), towards work that fits (evc_aim),
    # never to work open to Dutch nationals only; the own trade's longest past work first, not one behind a
    # recognition (BIG, ...), none to driving work entered by the CBR's exams or whose Dutch papers are held
    evc_to: Suggestion | None = None
    if no_papers and (profile.work or profile.skills) and studying is None and not person.evc_done:
        years: dict[str, float] = {}  # the longest time at each own past occupation
        for uri, y in ((j.coded.uri, j.years or 0) for j in profile.work if j.coded):
            years[uri] = max(years.get(uri, 0), y)
        did = sorted((o for o in own if o.uri in years), key=lambda o: -years[o.uri])
        # hbo/wo work above the person's level is no EVC aim (informal interpreting: an hbo EVC)
        pro = {o.uri for o in did if (c := index.compiled(o.uri)) is not None and c.professional}
        own_work = [o for o in did if o.route != "recognition_first" and (o.at_level or o.uri not in pro)]
        aims = (o for o in (*own_work, anchor, *suggestions) if o is not None and evc_aim(index, o))
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
        no_bbl = near_aow or z_route  # near the AOW, or B1 is no aim
        evc = "s_evc_higher" if higher else "s_evc_short" if no_bbl else "s_evc"
        add("evc", _x(evc, job=label(evc_to)), _x("s_evc_reason"))
    elif (above := evc_above_idw(index, profile, own)) is not None:  # the work's level above IDW's
        hbo, nlqf = above
        add("evc", _x("s_evc_idw", job=label(hbo)), _x("s_evc_idw_reason", job=label(hbo), nlqf=nlqf))
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
            _x("join", items=_then(start, _x(_AFTER_PAPERS[idw_key])))
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
            dutch = (not done or unfinished_highest) and rid not in person.regulated
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
        held = _startkwalificatie(profile)  # a Dutch diploma in hand: a further programme, not a first
        further = _x("s_education_reason_further", why=_x("why_young"), q=held) if held else None
        if not held and (entree := _dutch_diploma(profile, frozenset({"mbo-1"}))):  # kiesmbo.nl, niveaus
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
    rid = index.reg_by_uri.get(school.uri) if school is not None else None
    school = school if rid is None or index.regulated[rid].learn_work else None
    placement = placement_step(
        index,
        person,
        suggestions,
        school=school,
        minor=minor,
        studying=studying is not None,
        onderwijs=onderwijs,
        work=work,
        placed=placed,
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


_AFTER_PAPERS = {
    "s_idw_indicatie": "s_recognition_after_papers",
    "s_idw": "s_recognition_after_evaluation",
    "s_idw_opleiding": "s_recognition_after_evaluation",
    "s_idw_documents_unknown": "s_recognition_after_evc",
    "": "s_recognition_after_evc",
}
"""What the recognition step, when papers are missing, says comes first, per IDW step of the plan
(its text's key; "" for none): an indicatie without documents, the evaluation with part of them,
else EVC alone (papers not recorded, or IDW under way)."""


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
    level by the diploma (``by_diploma``), and without one no job is named."""
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
