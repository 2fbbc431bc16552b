"""Which job the plan's work-experience step (a work-experience place or trial placement) names
(docs/advice.md, section 6 and the expert reviews): interim work of the own regulated field, then
work open now in the person's own line, then work on a route; never the own regulated profession
before its recognition except as shadowing; within school, the workplace of the programme the
person chose; never a manager's job nobody wished (fifteenth review)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from skilltool.models import Profile, Suggestion, Text, Words
from skilltool.suggest_index import SuggestIndex
from skilltool.suggest_person import Person
from skilltool.suggest_scoring import licences_held, related_fast
from skilltool.suggest_texts import then
from skilltool.suggest_texts import x as _x


def nationals(index: SuggestIndex, s: Suggestion) -> bool:
    """Work open to Dutch nationals only (``nationality`` in regulated_nl.yaml: the armed forces)."""
    rid = index.reg_by_uri.get(s.uri)
    return rid is not None and index.regulated[rid].nationality


_EXPERIENCE_FIT = frozenset(
    {"suggest.fit_same", "suggest.fit_related", "suggest.fit_skills", "suggest.fit_skills_likely"}
    | {"suggest.fit_skills_partly"}
)


def evc_aim(index: SuggestIndex, s: Suggestion) -> bool:
    """The suggestion may be an EVC aim: it fits by what the person did (past work of its group, its
    essential skills), not by a wish or as interim work alone, since an ervaringscertificaat assesses
    what someone can do (a conscript who wishes nursing was sent to an EVC towards a head nurse's work,
    twenty-third review); and it is not work open to Dutch nationals only."""
    return any(f.key in _EXPERIENCE_FIT for f in s.fit) and not nationals(index, s)


_BACHELOR_NLQF = 6  # hbo and wo work (ISCO skill level 4) asks NLQF 6-8 (docs/advice.md, section 11)


def evc_above_idw(
    index: SuggestIndex, profile: Profile, own: Sequence[Suggestion]
) -> tuple[Suggestion, int] | None:
    """The person's own past hbo/wo work (not regulated) whose level rests on the years of work alone, with
    IDW's evaluation of the highest diploma below it, and that evaluation's NLQF. A man who calls himself an
    engineer, whose institute diploma IDW evaluated at NLQF 4, read "onderhoudsingenieur: kan op korte
    termijn" (twenty-fourth review): an ervaringscertificaat at hbo level shows an employer what the work
    taught, where the evaluation says mbo."""
    idw = [e.idw_nlqf for e in profile.education if e.idw_status == "evaluated" and e.idw_nlqf is not None]
    if not idw or max(idw) >= _BACHELOR_NLQF:
        return None
    done = {j.coded.uri for j in profile.work if j.coded}
    for s in own:
        c = index.compiled(s.uri)
        if (
            s.uri in done
            and s.at_level
            and s.uri not in index.reg_by_uri
            and c is not None
            and c.professional
        ):
            return s, max(idw)
    return None


def _drives(index: SuggestIndex, person: Person, s: Suggestion) -> bool:
    """Work whose certificate rule asks a driving licence the person does not hold validly here: no placement
    can skip the licence (twenty-fourth review: an Iraqi of 61 whose licence waits for the CBR's exams was
    placed as a private chauffeur, interim work of his taxi's field)."""
    ci = index.by_uri.get(s.uri)
    rule = index.cands[ci].cert_rule if ci is not None else -1
    return rule >= 0 and not licences_held(index.certs[rule].licences, person.licences)


def unwished_manager(index: SuggestIndex, person: Person, s: Suggestion) -> bool:
    """A manager's job (ISCO-08 major group 1) the person did not wish. Management here is reached
    through work in the field, not through a placement or a learn-work route (project assumption,
    fifteenth review): a school principal of 59 at A2 was offered a placement and an hbo route as a
    school's director, the man who ran a bank's branch a route as bank director, a transport owner a
    placement as manager wegtransport."""
    return s.isco.startswith("1") and index.by_uri.get(s.uri) not in person.wish_cands


_WELDERS = "7212"
"""ISCO-08 welders and flame cutters: load-bearing steel and aluminium work asks a qualification to
NEN-EN-ISO 9606-1 for the process, material and position, taken at the employer after a test weld
(docs/advice.md, twenty-seventh review)."""


def _with_test_weld(work: Callable[[Suggestion], Text], *, held: bool) -> Callable[[Suggestion], Text]:
    """``work`` with, for a welder's placement, the qualification test agreed with the employer, or
    (``held``: a 9606 certificate is held) whether the one held covers the employer's work."""
    note = _x("s_work_welder_held" if held else "s_work_welder")

    def worded(s: Suggestion) -> Text:
        text = work(s)
        return _x("join", items=then(text, note)) if s.isco.startswith(_WELDERS) else text

    return worded


def placement_step(
    index: SuggestIndex,
    person: Person,
    suggestions: Sequence[Suggestion],
    *,
    school: Suggestion | None,
    minor: bool,
    studying: bool,
    onderwijs: bool,
    work: Callable[[Suggestion], Text],
    placed: Callable[[Text], Text],
    health: bool = False,
    label: Callable[[Suggestion], Words | str],
    sector_name: Callable[[str], Words | str],
    here: Mapping[str, Words | str] | None = None,
) -> tuple[Text, Text] | None:
    """The step's text and reason, or None without suggestions. ``school``: the wished job of the
    learn-work step, named as the workplace within school (a minor, a programme under way, the
    onderwijsroute): an entree graduate who wished heating work had his BBL workplace named as a
    shelf stacker's (fifteenth review). ``work`` words a placement (within school or not),
    ``placed`` adds the health talk's proviso; ``here``: occupations the person worked in in the
    Netherlands, which need no placement (sixteenth review: a hospital cleaner of two years who wants
    more hours was sent to a trial placement as ESCO's schoonmaker gebouwen), each with its label.
    Other work of the same sector done here makes that employer the first to ask (eighteenth review:
    a cook of 60 with two years of agency kitchen work in a hotel was sent to find a placement as
    cook; a trial placement with the same employer is possible in another function, UWV).
    ``health``: health limits work; then work the person wished and never did comes before past work
    when no wish is of the person's own line (twenty-first review: a tiler whose knees no longer let him
    kneel, wishing shop work in tiles, was placed as a tiler; such a wish is the person's own word on what is
    still possible). Work the person wished by name and did comes before the ranking's first related work, and
    wished work done, open now, before interim work of a regulated field (twenty-sixth review)."""
    here = here or {}
    fit_digits = index.weights.routes.fit.related_digits
    work = _with_test_weld(work, held=any("9606" in c for c in person.certificates))

    def related(s: Suggestion) -> bool:
        ci = index.by_uri.get(s.uri)
        return ci is not None and related_fast(person, index.cands[ci])[1] >= fit_digits

    def school_reason() -> Text | None:
        if minor:
            return _x("s_work_minor_reason")
        if studying:
            return _x("s_work_study_reason")
        return _x("s_work_onderwijsroute_reason") if onderwijs else None

    if school is not None and (minor or studying or onderwijs):
        return placed(work(school)), school_reason() or _x("s_work_onderwijsroute_reason")
    open_to = [s for s in suggestions if not unwished_manager(index, person, s)] or list(suggestions)
    # interim work of the own regulated field first (the work meant for the wait: a vet's
    # animal care attendant, not a pet sitter), then related past work: a placement in the
    # person's own line of work, not a skills echo
    interim = [
        s
        for s in open_to
        if s.uri in person.interim and s.route != "recognition_first" and not _drives(index, person, s)
    ]
    if interim and (chosen := wished_elsewhere(index, person, None, open_to)) is not None:
        interim = [chosen]  # wished work of the own line open now, not the wait for a recognition not wished
    # a wish of the own line (the mason who wished bricklaying) says nothing of what is no longer possible
    own_line = any(related_fast(person, index.cands[ci])[1] >= fit_digits for ci in person.wish_listed)
    if health and not interim and not own_line:
        first = index.weights.routes.training_first_isco
        interim = [
            s
            for s in open_to
            if index.by_uri.get(s.uri) in person.wish_listed
            and not related(s)
            and s.route != "recognition_first"
            and s.isco[:4] not in first
        ]
    direct = [s for s in open_to if s.route == "direct"]
    # the own regulated work whose Dutch diploma or exams the person holds (suggest_qualified): apply there
    # once that step is done, no unpaid placement (twenty-third review: a guard with the Dutch diploma)
    held = person.dutch_qualified
    mine = (
        s
        for s in open_to
        if s.route == "recognition_first" and index.reg_by_uri.get(s.uri) in held
        and related(s) and not s.certificates_missing
    )  # fmt: skip
    if (s := next(mine, None)) is not None and school_reason() is None:
        return placed(_x("s_work_qualified", job=label(s))), _x("s_work_qualified_reason", job=label(s))
    if interim or direct:
        # the first with related work, else the first (a stable sort on "not related", taken first); unless
        # that is work done here (apply there), work the person wished by name and did comes before it: the
        # ranking alone put a grower under glass who wished greenhouse work in his family's kind of farming
        # (twenty-sixth review)
        s = interim[0] if interim else next((x for x in direct if related(x)), direct[0])
        wished = (x for x in direct if index.by_uri.get(x.uri) in person.wish_listed and related(x))
        if not interim and s.uri not in here and index.by_uri.get(s.uri) not in person.wish_listed:
            s = next(wished, s)
        if s.uri in here and school_reason() is None:  # done here already: apply, or more hours there
            return placed(_x("s_work_done_here", job=label(s))), _x("s_work_done_here_reason", job=label(s))
        placement_why = "s_work_reason_direct" if s.route == "direct" else "s_work_reason_route"
        if school_reason() is None and (done := _same_sector(index, s, here)) is not None:
            text = _x("s_work_ask_employer", job=label(s), done=done, sector=sector_name(s.sector))
            return placed(text), _x(placement_why, job=label(s))
        return placed(work(s)), school_reason() or _x(placement_why, job=label(s))
    if not open_to:
        return None
    # not the own regulated profession while its recognition is pending: it may not be practised
    # before, in a placement neither; only when nothing else fits, a shadowing placement there.
    # Related work first (interim work open to a placement was taken above). Nor work entered only
    # through the employer's own course (``training_first_isco``: police, fire service, tram): a
    # driver with licence C waiting for the CBR's exams was placed as a tram driver (seventeenth review)
    first = index.weights.routes.training_first_isco
    # nor driving work without a licence valid here (_drives)
    others = [
        x
        for x in open_to
        if x.route != "recognition_first" and x.isco[:4] not in first and not _drives(index, person, x)
    ]
    s = next((x for x in others if related(x)), others[0]) if others else open_to[0]
    if s.route == "recognition_first":
        only = nationals(index, s)  # no shadowing until a recognition that never comes
        # a training title (Wet BIG art. 34): work under supervision without the title, not shadowing only
        rid = index.reg_by_uri.get(s.uri)
        kind = "nationals" if only else "title" if rid and index.regulated[rid].training_title else "shadow"
        text = _x(f"s_work_{kind}", job=label(s), **({} if only else {"sector": sector_name(s.sector)}))
        return placed(text), _x(f"s_work_{kind}_reason", job=label(s))
    reason = school_reason() if minor or onderwijs else None  # as before: a study's reason not here
    if reason is None:
        # work kept as free text is recorded, only not coded: "no work experience" was untrue (user21)
        none = "s_work_reason_uncoded" if person.uncoded_work else "s_work_reason_none"
        reason = _x("s_work_reason_route", job=label(s)) if person.past else _x(none)
    return placed(work(s)), reason


def wished_elsewhere(
    index: SuggestIndex, person: Person, regulated: str | None, shown: Sequence[Suggestion]
) -> Suggestion | None:
    """The first shown job the person wished (by name or through a flagged wish's unit group), open now
    (direct) and of their own line, when no wish is of the regulated profession ``regulated`` (None: any
    such job): the person's word points away from the profession, to work they did."""
    if regulated is not None and any(
        index.reg_by_uri.get(index.cands[c].uri) == regulated for c in person.wish_cands
    ):
        return None
    fit = index.weights.routes.fit.related_digits
    return next(
        (
            s
            for s in shown
            if (ci := index.by_uri.get(s.uri)) in person.wish_cands
            and s.route == "direct"
            and related_fast(person, index.cands[ci])[1] >= fit
        ),
        None,
    )


def ask_first(
    index: SuggestIndex,
    person: Person,
    regulated: str,
    shown: Sequence[Suggestion],
    start: Text,
    *,
    label: Callable[[Suggestion], Words | str],
) -> Text:
    """The recognition step's ``start`` of the own regulated profession, after a question whether the route is
    still wanted when the person wished other work they did, open now (``wished_elsewhere``). Twenty-sixth
    review: a doctor who wants the data work he did read "Start de erkenningsroute voor arts" as his step.
    The plan asks it for recognitions of foreign diplomas only: Dutch exams are short and often asked of
    the wished work too."""
    if (elsewhere := wished_elsewhere(index, person, regulated, shown)) is None:
        return start
    return _x("join", items=then(_x("s_recognition_wish_elsewhere", job=label(elsewhere)), start))


def _same_sector(index: SuggestIndex, s: Suggestion, here: Mapping[str, Words | str]) -> Words | str | None:
    """The label of other work the person did in the Netherlands in the sector of ``s`` (a
    shortage sector) at a lower ISCO skill level, a step up where the person works (keukenhulp to
    kok, orderpicker to dispatcher), or None. Work at the same level is no step up there: a
    daycare's substitute is no school's onderwijsassistent."""
    to = index.compiled(s.uri)
    for uri, done in here.items():
        at, was = index.by_uri.get(uri), index.compiled(uri)
        if at is None or was is None or to is None or not s.sector:
            continue
        if index.cands[at].sector == s.sector and was.skill_level < to.skill_level:
            return done
    return None


def certificate_job(
    index: SuggestIndex, person: Person, suggestions: Sequence[Suggestion], own: Sequence[Suggestion]
) -> list[Suggestion]:
    """The suggestion whose missing certificates or licences the plan's certificates step names (none or
    one): work the person did (the own trade) or wished first, else the first that misses any.
    Twenty-fifth review: a driver offered lorry work by a haulier read "Haal rijbewijs A" for a motorbike
    courier's job ranked above the lorry he wished."""
    needs = [s for s in suggestions if s.certificates_missing]
    mine = {o.uri for o in own}
    return sorted(
        needs, key=lambda s: s.uri not in mine and index.by_uri.get(s.uri) not in person.wish_cands
    )[:1]
