"""Why a regulated profession's recognition comes first, by what the law protects: the work (Wet BIG
article 3, ...), a title only (the architect's, a sworn interpreter's), or a training title (Wet BIG
article 34: the pharmacy's assistant, the dietitian), whose work is open under supervision without it;
which recognitions the plan names, and the way in for the untrained (teaching without a teacher's
training); and the health step's words, which depend on the person's status."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from skilltool.models import Profile, Suggestion, Text, Words
from skilltool.suggest_index import RegInfo, SuggestIndex
from skilltool.suggest_person import EARNING_KINDS, Person, group_profession
from skilltool.suggest_texts import then
from skilltool.suggest_texts import words as _w
from skilltool.suggest_texts import x as _x


def recognition_reason(reg: RegInfo, name: Words, who: Words, job: Words | str) -> Text:
    """The recognition step's reason. A protected title only: the work is open, not "cannot be
    practised". A training title (art. 34): the person may not use the title without recognition, the
    work is not reserved to it (twenty-third review: the plan of an assistant in a pharmacy said the
    work "mag niet zelfstandig worden uitgeoefend")."""
    if reg.title_only:
        return _x("s_recognition_reason_title", authority=who, label=job)
    if reg.by_exam:  # Dutch exams (CBR, SVPB, Kiwa), no foreign papers assessed (twenty-fifth review)
        return _x("s_recognition_reason_exam", name=name, authority=who, label=job)
    if reg.training_title:
        return _x("s_recognition_reason_training", name=name, authority=who, label=job)
    return _x("s_recognition_reason", name=name, authority=who, label=job)


# a diploma for teaching, by its name ('lerarenopleiding', 'B.Ed', 'Bachelor of Education', 'tarbiya') or its
# field ('primary education', 'pedagogiek'): a qualification DUO can assess. A school certificate's name
# ('Secondary Education Certificate') is no teaching diploma.
_TEACHING_NAME = re.compile(
    r"leraar|lerares|lerarenopl|docent|pabo|pedago|didact|teacher|teaching|\bb\.?\s?ed\b|"
    r"\b(?:bachelor|master|faculty|college|diploma|institute)\s+(?:of|in)\s+education\b|"
    r"tarbiya|تربية|öğretmen|eğitim fakültesi",
    re.IGNORECASE,
)
_TEACHING_FIELD = re.compile(r"education|onderwijs|pedago|didact|teach|leraar|lerares", re.IGNORECASE)
_PAID = (None, *EARNING_KINDS)  # work whose kind was not said counts as paid
_NOT_SCHOOL = "2359"  # teaching professionals n.e.c. (tutors, religious and language-course teachers): no
# school's teaching qualification behind it, though it counts as related work for the profession's own trade


def recognition_start(
    index: SuggestIndex,
    profile: Profile,
    rid: str,
    name: Words,
    route: Words,
    *,
    who: Words,
    job: Words | str,
) -> tuple[Text, Text]:
    """The recognition step's first sentence and its reason for regulated profession ``rid``. A profession
    with a way in for the untrained (``untrained_route``: teaching) whose qualification the person shows
    nothing of (no paid work coded to it or a group that counts for it, no diploma named or studied in
    teaching) gets that way, not "start the recognition route" with DUO first (twenty-seventh review: an
    engineer of 61 who tutored neighbours' children and wants to teach mathematics was sent to DUO with
    nothing to recognise). A route only a flagged, unconfirmed job code opens waits for that code
    (``unconfirmed_only``, twenty-eighth review)."""
    reg = index.regulated[rid]
    why = recognition_reason(reg, name, who, job)
    if reg.by_exam or not reg.untrained[0] or _qualified_in(index, profile, rid):
        start = _x("s_recognition_exam" if reg.by_exam else "s_recognition", name=name, route=route)
        if (title := unconfirmed_only(index, profile, rid)) is not None:  # the code first
            start = _x("join", items=then(_x("s_recognition_unconfirmed", title=title), start))
        return start, why
    untrained = _x("s_recognition_untrained", name=name, route=_w(*reg.untrained))
    return untrained, _x("s_recognition_reason_untrained", authority=who, label=job)


def _qualified_in(index: SuggestIndex, profile: Profile, rid: str) -> bool:
    """Whether ``profile`` shows something of profession ``rid`` to recognise: paid work coded to its ISCO
    prefixes or to a group that counts for it, or a teaching diploma (``teaching_diploma``)."""
    for job in profile.work:
        isco = job.coded.isco if job.coded is not None else ""
        if (
            job.kind in _PAID
            and isco
            and not isco.startswith(_NOT_SCHOOL)
            and any(
                index.reg_by_prefix.get(isco[:n]) == rid or rid in index.reg_related.get(isco[:n], ())
                for n in range(1, len(isco) + 1)
            )
        ):
            return True
    return teaching_diploma(profile)


def unconfirmed_only(index: SuggestIndex, profile: Profile, rid: str) -> str | None:
    """The title of a job that puts regulated profession ``rid`` in the plan (coded to its occupation, to its
    ISCO group, or to work that counts for it) whose code the coder flagged and nobody confirmed, when no
    other job does so with a sure code; else None. The recognition step waits for that code (twenty-eighth
    review: a flagged code opened BIG's or DUO's route before anyone asked what the work was). A teaching
    diploma opens a teaching profession's recognition by itself (``teaching_diploma``)."""
    if index.regulated[rid].untrained[0] and teaching_diploma(profile):
        return None
    sure, unsure = False, None
    for job in profile.work:
        if (code := job.coded) is None:
            continue
        isco = code.isco or index.occ_isco.get(code.uri, "")
        if (
            index.reg_by_uri.get(code.uri) == rid
            or group_profession(index, code.uri, isco) == rid
            or any(rid in index.reg_related.get(isco[:n], ()) for n in range(1, len(isco) + 1))
        ):
            if job.unconfirmed:
                unsure = unsure or job.title
            else:
                sure = True
    return None if sure else unsure


def teaching_diploma(profile: Profile) -> bool:
    """Whether a finished (or not said) diploma of ``profile`` is one for teaching (``_TEACHING_NAME``,
    ``_TEACHING_FIELD``)."""
    return any(
        e.completed is not False
        and (_TEACHING_NAME.search(e.qualification) or _TEACHING_FIELD.search(e.field or ""))
        for e in profile.education
    )


def route_words(index: SuggestIndex, profile: Profile, rid: str) -> Words:
    """Profession ``rid``'s route as the plan names it: the way in for the untrained (``untrained_route``)
    when the person shows nothing of the profession to recognise, else its route."""
    reg = index.regulated[rid]
    if reg.untrained[0] and not _qualified_in(index, profile, rid):
        return _w(*reg.untrained)
    return _w(reg.route_nl, reg.route_en)


def health_text(profile: Profile) -> Text:
    """The health step: which work fits, and, outside temporary protection (whose holders live on the
    Rvo's allowance, not the Participatiewet), the wage-value assessment and wage cost subsidy for work
    below the minimum wage's productivity (Participatiewet art. 10d; twenty-seventh review)."""
    if profile.dutch.inburgering == "temporary_protection":
        return _x("s_health")
    return _x("join", items=then(_x("s_health"), _x("s_health_subsidy")))


def carried_routes(
    index: SuggestIndex,
    person: Person,
    profile: Profile,
    own: Sequence[Suggestion],
    suggestions: Sequence[Suggestion],
    *,
    label: Callable[[Suggestion], Words | str],
) -> list[tuple[str, Words | str, bool]]:
    """(regulated profession, the job's label, from the own trade) of each suggestion whose route the plan
    names, the own trade's first, then the wished: those whose route is recognition first, and work of a
    profession with a way in for the untrained (``untrained_route``: teaching) that is wished or in the own
    trade, though its route is dual: DUO's recognition when the person holds a teaching diploma, the way in
    otherwise (twenty-seventh review: a Somali with a Bachelor of Education who wants to teach at a primary
    school, and an engineer who wants to teach technics at an mbo, read a part-time programme only)."""

    def wished(s: Suggestion) -> bool:
        return index.by_uri.get(s.uri) in person.wish_cands

    def named(s: Suggestion, rid: str) -> bool:
        return s.route == "recognition_first" or (
            bool(index.regulated[rid].untrained[0]) and (s in own or wished(s))
        )

    found = [(rid, s) for s in (*own, *suggestions) if (rid := index.reg_by_uri.get(s.uri)) and named(s, rid)]
    found.sort(key=lambda hit: (hit[1] not in own, not wished(hit[1])))  # stable: the ranking's order within
    return [(rid, label(s), s in own) for rid, s in found]
