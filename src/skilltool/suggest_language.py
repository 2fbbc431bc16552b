"""The plan's language step (docs/advice.md sections 10e and 20): its aim follows the integration
route (the Z-route aims at no exam) and the work in view, a wished occupation before work at the
person's level; its text names the NT2 state exams only for a B1 or B2 aim. Split from
``suggest_plan``."""

from __future__ import annotations

from collections.abc import Callable

from skilltool.models import CEFR_ORDER, DutchLanguage, Suggestion, Text, Wishes, Words
from skilltool.suggest_index import SuggestIndex, norm
from skilltool.suggest_person import CEFR_NAMES, Person
from skilltool.suggest_texts import x as _x


def language_key(need: str) -> str:
    """The language step's text: the NT2 state exams (B1, B2) for a B1 or B2 aim; beyond them for
    C1 or C2 (the state exams stop at B2); for A1 or A2 the language lessons of the integration
    route, which lead to no state exam at that level."""
    if CEFR_ORDER[need] >= CEFR_ORDER["C1"]:
        return "s_language_c"
    return "s_language" if CEFR_ORDER[need] >= CEFR_ORDER["B1"] else "s_language_basic"


def unsettled(index: SuggestIndex, wishes: Wishes | None, *, other_coded: bool = False) -> frozenset[int]:
    """The candidates a wish names by an exact label several occupations share, when the coder did
    not settle which ('machinist': a stage machinist's too): which one is meant is known only after
    a talk with the person. ``other_coded``: only those beside the one the coder, unsure, put first
    (fourteenth review: a machining wish coded to ESCO's operator CNC-machine names an ISCO 2514
    occupation too, not the one it was coded to)."""
    if not wishes:
        return frozenset()
    sure = {norm(w.text) for w in wishes.coded if w.coded is not None and not w.needs_review}
    first = {norm(w.text): index.by_uri.get(w.coded.uri) for w in wishes.coded if w.coded is not None}
    out: set[int] = set()
    for text in {norm(text) for text in wishes.occupations} - sure:
        named = index.by_label.get(text, ())
        if len(named) > 1 and (not other_coded or first.get(text) in named):
            out.update(ci for ci in named if not other_coded or ci != first.get(text))
    return frozenset(out)


def in_view(
    index: SuggestIndex, person: Person, suggestions: list[Suggestion], wishes: Wishes | None = None
) -> list[Suggestion]:
    """The work whose Dutch sets the aim: the occupations wished by name (``wish_listed``; one found
    only through a wish's group is to be checked) first, then work at the person's level; only
    without either, every suggestion. A suggestion neither wished nor at level sets no
    aim (thirteenth review: a woman who led a hotel's room cleaning got a B2 aim from a reservations
    manager ranked tenth, and a teacher who wants work as an onderwijsassistent for now a C1 aim)."""
    # a wish the coder did not settle that is the exact label of several occupations ('machinist': a
    # stage machinist's too) says which one only after a talk: it sets no aim (the Ukrainian train
    # driver of the tenth review)
    shared = unsettled(index, wishes)
    wished = [
        s for s in suggestions if (ci := index.by_uri.get(s.uri)) in person.wish_listed and ci not in shared
    ]
    taken = {id(s) for s in wished}  # by identity: a model's == compares every field
    at_level = [s for s in suggestions if s.at_level and id(s) not in taken]
    return [*wished, *at_level] if wished or at_level else list(suggestions)


def language_step(
    index: SuggestIndex,
    person: Person,
    suggestions: list[Suggestion],
    *,
    anchor: Suggestion | None,
    job: Callable[[Suggestion | None], Words | str],
    z_route: bool,
    onderwijs: bool,
    wishes: Wishes | None = None,
    status: DutchLanguage | None = None,
) -> tuple[Text, Text] | None:
    """The language step's text and reason, or None when no step is needed (``job``: a suggestion's
    label as the plan shows it). Under temporary protection (``status``) the aim's reason is not the
    integration law, which does not apply (nineteenth review), but the level of mbo-2 and mbo-3 work.
    An aim below B1 for someone obliged to integrate on the B1 route says that the duty still asks the
    B1 exams (twenty-first review: the work in view set A2 and the plan read as if that were enough)."""
    protected = status is not None and status.inburgering == "temporary_protection"
    # the Z-route's lessons belong to the duty: released, exempted or finished, none are left (twenty-fourth
    # review: a woman with an ontheffing of the duty read the Z-route's 800 hours of lessons as her step)
    z_done = z_route and status is not None and status.inburgering in ("exempt", "finished")
    z_key = "s_language_z_done" if z_done else "s_language_z"
    b1_duty = status is not None and status.integration_route == "b1" and status.inburgering == "obliged"
    # released or exempted (the profile's "exempt" holds an ontheffing and a vrijstelling alike): no exam
    # of the duty is asked, so the step names no state exam as its aim and cites no integration law
    # (twenty-sixth review: after an ontheffing following three failed B1 exams the step read
    # "staatsexamen NT2" and "de Wet inburgering 2021 mikt op B1")
    free = status is not None and status.inburgering == "exempt" and not z_route
    if not person.dutch_known:
        return (
            _x("s_language_unknown"),
            _x("s_language_unknown_reason_job", job=job(anchor), need=anchor.dutch_needed)
            if anchor is not None and anchor.dutch_needed
            else _x("s_language_unknown_reason", need=index.weights.plan.language_target),
        )
    target = CEFR_ORDER[index.weights.plan.language_target]
    short = [
        s
        for s in in_view(index, person, suggestions, wishes)
        if CEFR_ORDER[s.dutch_needed or "pre-A1"] > person.dutch
    ]
    have = CEFR_NAMES[person.dutch]
    if short:
        s = short[0]
        need = s.dutch_needed or "?"
        why = "s_language_reason_b1_route" if b1_duty and CEFR_ORDER.get(need, 0) < CEFR_ORDER["B1"] else ""
        if person.near_pension and CEFR_ORDER.get(need, 0) > target > person.dutch:
            # near the state pension a climb above B1 takes the years that are left (twenty-sixth review: a
            # teacher of 63 at A2 got a B2 aim for a school's director): the aim is B1, the higher one a talk
            aim = CEFR_NAMES[target]
            text = _x("s_language_free", need=aim) if free else _x(language_key(aim), need=aim)
            return text, _x("s_language_reason_pension", job=job(s), need=need, have=have, aim=aim)
        if free and CEFR_ORDER.get(need, 0) < CEFR_ORDER["C1"]:
            return _x("s_language_free", need=need), _x(
                "s_language_reason_free", job=job(s), need=need, have=have
            )
        return (
            _x(z_key) if z_route else _x(language_key(need), need=need),
            _x(why or "s_language_reason", job=job(s), need=need, have=have),
        )
    if z_done:
        return _x("s_language_z_done"), _x("s_language_z_done_reason", have=have)
    if z_route:
        return _x("s_language_z"), _x("s_language_z_reason", have=have)
    if person.dutch < target and not onderwijs:  # the taalschakeltraject aims at B1 already
        need = CEFR_NAMES[target]
        if free:
            return _x("s_language_free", need=need), _x("s_language_target_free", need=need, have=have)
        why = "s_language_target_protected" if protected else "s_language_target"
        return _x("s_language", need=need), _x(why, need=need, have=have)
    return None
