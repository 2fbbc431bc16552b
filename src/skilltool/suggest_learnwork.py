"""Which job the plan's learn-work step (dual route, BBL) names: a route of years, so it goes to work
the person wished or work of their own line before work that only shares ESCO skills
(docs/advice.md sections 20 and 21)."""

from __future__ import annotations

from collections.abc import Sequence

from skilltool.models import Suggestion
from skilltool.suggest_index import SuggestIndex
from skilltool.suggest_person import Person
from skilltool.suggest_placement import unwished_manager
from skilltool.suggest_rules import hot_rules

# fit that rests on the person's own line: past work in the occupation or its ISCO group, interim
# work of their regulated field, a wish (suggest_build.fit_texts)
_OWN_LINE = frozenset(
    {"fit_same", "fit_related", "fit_interim", "fit_wish", "fit_wish_review"}
)  # fmt: skip


def own_line(s: Suggestion, *, wish_counts: bool = True) -> bool:
    """Whether ``s`` fits by more than shared skills: the person's past work, interim work of
    their regulated field, or (``wish_counts``) a wish."""
    keys = _OWN_LINE if wish_counts else _OWN_LINE - {"fit_wish", "fit_wish_review"}
    return any((f.key or "").removeprefix("suggest.") in keys for f in s.fit)


def learn_work_candidates(
    index: SuggestIndex,
    person: Person,
    suggestions: Sequence[Suggestion],
    own: Sequence[Suggestion],
    unsettled: frozenset[int] = frozenset(),
) -> list[Suggestion]:
    """The `dual` suggestions the learn-work step may name, best first: a wish the person named, a
    wish found through its group (an unsure coding: 'winkelmedewerker supermarkt' is ESCO's
    winkelmedewerker, not the dealer in antiques of the same group; thirteenth review), work of the
    person's own line, then work that fits on shared skills alone. A wished occupation below the top
    list counts too: it is always in the own trade (eleventh review).

    Work that fits on shared skills alone is left out when the own trade holds a direct start
    (fourteenth review): a dairy farmer of 24 years was sent to a zoo keeper's BBL, a barista and
    the woman who led a hotel's room cleaning to a flight attendant's, a slaughterman and a baker to
    a sauce production line's, each beside their own work open to them. The suggestions still show
    such work for the caseworker to raise; a plan step of years needs more than ESCO's shared skills.

    A wish named by an exact label several occupations share, which the coder did not settle
    (``unsettled``, as for the language aim), is no wish here: a machining wish coded to ESCO's
    operator CNC-machine also names an ISCO 2514 occupation (software for such machines), and the
    step sent a machinist whose own work was open to him to an hbo programme in software.

    A manager's job nobody wished (ISCO major group 1, ``unwished_manager``) is no learn-work step:
    a school principal of 59 at A2 was sent on an hbo route towards a school's director (fifteenth
    review).

    Work open to Dutch nationals only (``nationality``: the police, the armed forces) is no learn-work
    step either: a Syrian of 21 who wished the police read that it asks Dutch nationality, and then a
    BBL towards it (nineteenth review)."""

    def wished(s: Suggestion, among: frozenset[int] | set[int]) -> bool:
        ci = index.by_uri.get(s.uri)
        return ci in among and ci not in unsettled

    def line(s: Suggestion) -> bool:
        return own_line(s, wish_counts=index.by_uri.get(s.uri) not in unsettled)

    listed = {s.uri for s in suggestions}
    wished_own = [o for o in own if o.uri not in listed and index.by_uri.get(o.uri) in person.wish_cands]
    dual = [
        s
        for s in (*suggestions, *wished_own)
        if s.route == "dual" and not unwished_manager(index, person, s) and not _nationals_only(index, s)
    ]
    # so beside a wished regulated job below hbo level whose recognition step names a BBL into it
    # (seventeenth review: the woman who wished childcare was sent to a disabled adults' home support
    # BBL through shared skills); not beside exams (a bus driver's short route to a car) or a degree
    if any(o.route == "direct" or (_learns(index, o) and wished(o, person.wish_listed)) for o in own):
        dual = [s for s in dual if line(s)]
    # a wished job open now: a route of years towards work neither wished nor done is a detour
    # (sixteenth review: the man who ran a bank's branch, wishing credit analysis, open to him, was
    # sent to a financial broker's BBL through his ISCO group's skills)
    # The same beside the person's own past work when its regulation lets it be done while training
    # for its diploma (eighteenth review: security guards, who may work up to 12 months towards the
    # Beveiliger diploma, were sent to the fire service's course, a group neighbour)
    # And beside the person's own past occupation open now at their level (twentieth review: an
    # engineer with an evaluated master, his civil engineering open to him, was sent to a part-time
    # hbo/wo programme towards industrial engineering, a minor-group neighbour), and beside the own
    # profession awaiting its recognition (nineteenth review: three physiotherapists were sent to a
    # specialist chiropractor's programme); a route of Dutch exams (code 95) keeps its neighbours (the
    # tram while the CBR's exams wait, seventeenth review), unless its Dutch papers are held: then the
    # own work is open (twenty-fourth review: a driver with a Dutch C and code 95 was sent to the tram)
    if any(
        (o.route == "direct" and (wished(o, person.wish_listed) or (o.at_level and _done(o))))
        or (o.route == "recognition_first" and _done(o) and (_in_training(index, o) or _awaited(index, o)))
        or (o.route == "recognition_first" and _done(o) and _held(index, person, o))
        for o in own
    ):
        dual = [s for s in dual if wished(s, person.wish_cands) or _done(s) or _interim(s)]
    dual.sort(
        key=lambda s: (not wished(s, person.wish_listed), not wished(s, person.wish_cands), not line(s))
    )
    return dual


def _done(s: Suggestion) -> bool:
    """The person worked in ``s`` itself (``fit_same``)."""
    return any(f.key == "suggest.fit_same" for f in s.fit)


def _awaited(index: SuggestIndex, s: Suggestion) -> bool:
    """``s`` is a regulated profession whose recognition the person can wait for: not one entered by
    Dutch exams (``by_exam``: code 95, the crane), closed to foreign degrees (``closed_abroad``: the
    advocaat) or to foreigners (``nationality``: the police), whose neighbours are the way in."""
    rid = index.reg_by_uri.get(s.uri)
    reg = index.regulated[rid] if rid is not None else None
    return reg is not None and not (reg.by_exam or reg.closed_abroad or reg.nationality)


def _interim(s: Suggestion) -> bool:
    """``s`` is interim work of the person's regulated field (``fit_interim``, section 1)."""
    return any(f.key == "suggest.fit_interim" for f in s.fit)


def _learns(index: SuggestIndex, s: Suggestion) -> bool:
    """``s`` waits for a regulated profession below professionals' level (ISCO major groups 3-9) that
    a Dutch learn-work route leads into, not exams (its recognition step names the BBL)."""
    rid = index.reg_by_uri.get(s.uri)
    if s.route != "recognition_first" or rid is None or s.isco[:1] in ("0", "1", "2"):
        return False
    reg = index.regulated[rid]
    return reg.learn_work and not reg.by_exam


def _in_training(index: SuggestIndex, s: Suggestion) -> bool:
    """``s`` waits for a regulated profession whose work may be done while training for its diploma
    (``routes.work_in_training`` in suggest_weights.yaml: the Beveiliger, up to 12 months)."""
    rid = index.reg_by_uri.get(s.uri)
    return s.route == "recognition_first" and rid in index.weights.routes.work_in_training


def _nationals_only(index: SuggestIndex, s: Suggestion) -> bool:
    """``s`` is a profession open to Dutch nationals only (``nationality`` in regulated_nl.yaml)."""
    rid = index.reg_by_uri.get(s.uri)
    return rid is not None and index.regulated[rid].nationality


def _held(index: SuggestIndex, person: Person, s: Suggestion) -> bool:
    """Whether the person holds the Dutch papers of ``s``'s regulated profession (suggest_qualified)."""
    return index.reg_by_uri.get(s.uri) in person.dutch_qualified


def dual_key(
    route: str, *, exam: bool, why: list[str], isco: str = "", index: SuggestIndex | None = None
) -> str:
    """The learn-work step's text key: towards a route of Dutch exams its training and exam, not a BBL;
    towards work whose only want is its Dutch rules (``routes.dutch_rules_isco``: the same work done
    abroad, twenty-second review) a course in those rules, not a BBL; towards work entered through the
    employer's own selection and course (``isco`` in ``routes.training_first_isco``: the tram, a prison,
    the fire service) that course, not a BBL (twenty-fourth review: "leerwerktraject (BBL) richting
    trambestuurder", whose operator trains its drivers in weeks); else ``route`` as chosen."""
    if "what_rules" in why and set(why) <= {"what_rules", "what_dutch"}:
        return "s_dual_rules"
    course = index is not None and isco[:4] in hot_rules(index).training_first_isco  # not a bus: exams
    if course and not exam and route in ("s_dual", "s_dual_short"):
        return "s_dual_own_course"
    return "s_dual_exam" if exam and route == "s_dual" else route
