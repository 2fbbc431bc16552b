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
check this fast path against scoring every candidate.

The work is split by domain: ``suggest_person`` (the profile as the ranking sees it),
``suggest_scoring`` (the parts, the route and the fit rule: the reference implementation),
``suggest_select`` (ranking and slots), ``suggest_build`` (one suggestion in words),
``suggest_plan`` (next steps), ``suggest_explain`` (one occupation's parts and rank); the texts
are in ``suggest_texts``. This module puts them together and keeps the names callers use.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from skilltool.errors import UsageError
from skilltool.messages import say
from skilltool.models import Lang, NextStep, Profile, Suggestion, SuggestionResult
from skilltool.models.base import construct
from skilltool.reference import ReferenceData
from skilltool.suggest_build import build_suggestion, empty_slot
from skilltool.suggest_explain import explain
from skilltool.suggest_index import SuggestIndex, norm
from skilltool.suggest_index_build import outside_candidate
from skilltool.suggest_not_practised import said_first
from skilltool.suggest_person import (
    CEFR_NAMES,
    Person,
    group_profession,
    level_basis,
    level_reason,
    person_of,
)
from skilltool.suggest_plan import next_steps
from skilltool.suggest_scoring import (
    PART_NAMES,
    GroupTable,
    best_related,
    group_parts,
    has_fit,
    is_blocked,
    parts_of,
    related_fast,
    total,
)
from skilltool.suggest_select import Entry, rank, ranked, resolve_sector, stream, touched_counts
from skilltool.suggest_texts import t as _t
from skilltool.textnorm import clean

__all__ = [
    "PART_NAMES",
    "PLAN_STAGES",
    "Entry",
    "Person",
    "Planning",
    "explain",
    "level_basis",
    "next_steps",
    "plan_steps",
    "planned",
    "suggest",
]

# The internals' former names, read by the tests of the fast path (tests/test_suggest_property.py,
# tests/test_personas.py).
_person = person_of
_touched = touched_counts
_stream = stream
_rank = rank
_parts = parts_of
_score = total
_blocked = is_blocked
_has_fit = has_fit
_related = best_related
_related_fast = related_fast


def _own_trade(
    profile: Profile,
    index: SuggestIndex,
    ref: ReferenceData,
    p: Person,
    built: dict[str, Suggestion] | None = None,
    *,
    fit: bool = True,
) -> list[Suggestion]:
    """Every coded past occupation and wished occupation, in or outside the shortage sectors, with
    tightness, route and gaps, whatever its score (``built``: suggestions already made, by URI)."""
    built = built or {}
    uris: list[str] = []
    for job in profile.work:
        if job.coded is not None and job.coded.uri not in uris:
            uris.append(job.coded.uri)
    for ci in sorted(p.wish_listed):
        if index.cands[ci].uri not in uris:
            uris.append(index.cands[ci].uri)
    not_practised = index.not_practised  # never candidates: a wish for one is found by its labels
    wishes = (norm(text) for text in profile.wishes.occupations)
    uris.extend(uri for uri in not_practised.wished(wishes) if uri not in uris)
    out: list[Suggestion] = []
    for uri in uris:
        if uri in built:
            out.append(built[uri])
            continue
        c = index.compiled(uri)
        if c is None and uri in index.occ_isco:  # every occupation's URI: no records loaded to ask
            c = outside_candidate(ref, index, uri)
        if c is None:
            continue  # a URI the data no longer has: the profile check reports it
        held = c.skills_held(p.skills, index.optional_of(uri, ref))
        out.append(build_suggestion(index, p, c, *held, fit=fit))
    # not practised in the Netherlands: said first, with related work that has a route here
    return [said_first(not_practised, s) for s in out]


def wished_titles(ref: ReferenceData, profile: Profile) -> tuple[str, ...]:
    """The regulated professions (ids) whose protected title the person wishes by name
    (``wish_names``): ESCO gives 'verzorgende IG' as a name of the home care aide, whose work is
    open without the title, so the wish alone does not show that the title needs its diploma. A name among
    other words counts too (twenty-fifth review: the title's name followed by 'worden' found no title)."""
    wished = {norm(text) for text in profile.wishes.occupations}
    if not wished:
        return ()
    said = [f" {clean(text)} " for text in profile.wishes.occupations]
    names = _wish_names(tuple((p.id, tuple(p.wish_names)) for p in ref.regulated_nl.professions))
    return tuple(
        rid
        for rid, normed, cleaned in names
        if wished & normed or any(n in text for n in cleaned for text in said)
    )


@functools.lru_cache(maxsize=4)
def _wish_names(
    names: tuple[tuple[str, tuple[str, ...]], ...],
) -> tuple[tuple[str, frozenset[str], tuple[str, ...]], ...]:
    """Each regulated profession's id with its wish names normalised (``norm``) and cleaned with a
    space on each side (``clean``), for the professions that have any: worked out once a data folder,
    not for every profile with a wish (some 40 us a profile: 13 names cleaned and normalised)."""
    return tuple(
        (rid, frozenset(norm(n) for n in wish), tuple(f" {clean(n)} " for n in wish))
        for rid, wish in names
        if wish
    )


def wished_group_titles(index: SuggestIndex, profile: Profile) -> tuple[str, ...]:
    """The regulated professions of wishes coded to an ISCO group rather than an occupation (an
    everyday word for a nurse codes to 3221, which no candidate has): the plan names the title's
    route, as it does for past work coded to such a group (``group_profession``)."""
    coded = [w.coded for w in profile.wishes.coded if w.coded]
    found = [
        _named(index, w.text, w.coded.isco, rid)
        for w in profile.wishes.coded
        if w.coded and (rid := group_profession(index, w.coded.uri, w.coded.isco)) is not None
    ]
    # a wish for work open to Dutch nationals only (the armed forces) is never suggested to a
    # newcomer: the plan says why, whatever the code (seventh expert review)
    closed = (index.reg_by_uri.get(c.uri) for c in coded)
    found += [r for r in closed if r is not None and index.regulated[r].nationality]
    return tuple(dict.fromkeys(rid for rid in found if rid is not None))


def _named(index: SuggestIndex, text: str, isco: str, rid: str) -> str:
    """The regulated profession a wish coded to ISCO group ``isco`` names in its own words (the name before
    any bracket, 'gastouder'), when one of that profession's occupations is in the group; else ``rid``, the
    group's (twenty-fifth review: 'gastouder worden bij mij thuis', coded to 5311, was given the childcare
    worker's mbo-3 and 3F instead of the gastouder's route)."""
    said = f" {clean(text)} "
    for other, reg in index.regulated.items():
        head = clean(reg.name_nl.split(" (")[0])
        if other != rid and head and f" {head} " in said:
            inside = (u for u, r in index.reg_by_uri.items() if r == other)
            if any(index.occ_isco.get(u, "").startswith(isco) for u in inside):
                return other
    return rid


class Planned(NamedTuple):
    """What a profile keeps of ``suggest`` (``profile_building.add_suggestions``): the own trade, the
    suggestions and the plan; and the person and the empty slots that ``suggest`` words besides."""

    person: Person
    own_trade: list[Suggestion]
    suggestions: list[Suggestion]
    empty: list[tuple[str, str]]
    next_steps: list[NextStep]


class Planning:
    """One profile's ``planned`` part way through (``plan_stages``): what each stage has worked out
    for the next. A batch worker runs each stage over its whole chunk before the next, so that a
    stage's code and data (the ranking's arrays, the suggestions' memos, the plan's rules) stay in
    the CPU's caches from one row to the next (docs/scale.md, scale27)."""

    __slots__ = (
        "by_group",
        "chosen",
        "empty",
        "ess",
        "fit",
        "index",
        "opt",
        "own",
        "p",
        "profile",
        "ref",
        "sid",
        "suggestions",
        "top",
    )

    def __init__(
        self, profile: Profile, *, ref: ReferenceData, top: int, sector: str | None, lang: Lang, fit: bool
    ) -> None:
        if top < 1:
            raise UsageError(say("errors.suggest.top", top=top))
        self.profile, self.ref, self.top, self.fit = profile, ref, top, fit
        self.index: SuggestIndex = ref.suggest_index
        self.sid = resolve_sector(self.index, sector)
        self.p = person_of(profile, self.index, lang)
        self.chosen: list[int] = []
        self.ess: dict[int, int] = {}
        self.opt: dict[int, int] = {}
        self.empty: list[tuple[str, str]] = []
        self.by_group: GroupTable | None = None
        self.suggestions: list[Suggestion] = []
        self.own: list[Suggestion] = []


def plan_ranking(st: Planning) -> Planning:
    """The second stage: the chosen candidates (``ranked``) and the person's class parts."""
    st.chosen, st.ess, st.opt, st.empty = ranked(st.index, st.p, st.sid, st.top)
    st.by_group = group_parts(st.index, st.p)
    return st


def plan_suggestions(st: Planning) -> Planning:
    """The third stage: the chosen suggestions, in words."""
    index, p, by_group = st.index, st.p, st.by_group
    assert by_group is not None, "plan_ranking first"
    st.suggestions = [
        build_suggestion(
            index,
            p,
            (c := index.cands[ci]),
            st.ess.get(ci, 0),
            st.opt.get(ci, 0),
            class_points=by_group.class_parts(c.group),
            fit=st.fit,
        )
        for ci in st.chosen
    ]
    return st


def plan_own(st: Planning) -> Planning:
    """The fourth stage: the own trade, reusing the suggestions of the same occupations."""
    index = st.index
    # by the candidates' URIs (a suggestion's own ``uri``; a model's attribute read is slow)
    by_uri = {index.cands[ci].uri: s for ci, s in zip(st.chosen, st.suggestions, strict=True)}
    st.own = _own_trade(st.profile, index, st.ref, st.p, by_uri, fit=st.fit)
    return st


def plan_steps(st: Planning) -> Planned:
    """The last stage: the action plan; ``planned``'s result."""
    profile, index = st.profile, st.index
    steps = next_steps(
        profile,
        st.suggestions,
        index=index,
        person=st.p,
        own=st.own,
        titles=wished_titles(st.ref, profile),
        group_titles=wished_group_titles(index, profile),
    )
    return Planned(st.p, st.own, st.suggestions, st.empty, steps)


PLAN_STAGES = (plan_ranking, plan_suggestions, plan_own)
"""``planned``'s stages between ``Planning`` (the person) and ``plan_steps`` (the plan), in order."""


def planned(
    profile: Profile,
    *,
    ref: ReferenceData,
    top: int = 10,
    sector: str | None = None,
    lang: Lang = "nl",
    fit: bool = True,
) -> Planned:
    """``suggest``'s own trade, suggestions and action plan for ``profile``, without what only its
    result shows (the empty slots' and the level's sentences, the score scale, the caveat): a
    profile keeps the three, so a batch row made the rest for nothing (some 1% of its CPU;
    docs/scale.md, scale26). The same objects ``suggest`` returns, made in the same order: the
    stages of ``Planning`` one after the other (a batch worker runs each over its chunk)."""
    st = Planning(profile, ref=ref, top=top, sector=sector, lang=lang, fit=fit)
    for stage in PLAN_STAGES:
        st = stage(st)
    return plan_steps(st)


def suggest(
    profile: Profile,
    *,
    ref: ReferenceData,
    top: int = 10,
    sector: str | None = None,
    lang: Lang = "nl",
    fit: bool = True,
) -> SuggestionResult:
    """The client's own trade, suggestions with real fit (sector as a boost), the empty slots and
    the ordered action plan for ``profile``. ``fit=False``: the suggestions' ``fit`` sentences are
    not worded (left empty), for outputs that do not store them; everything else is the same."""
    p, own, suggestions, empty, steps = planned(profile, ref=ref, top=top, sector=sector, lang=lang, fit=fit)
    index: SuggestIndex = ref.suggest_index
    slots = [empty_slot(index, p, slot, detail) for slot, detail in empty]
    if not suggestions:
        slots.append(empty_slot(index, p, "work_experience", ""))
    return construct(  # every field, in order: the models.base.construct fast path
        SuggestionResult,
        client_ref=profile.personal.client_ref,
        lang=lang,
        person_level=p.level,
        level_basis=level_basis(p),
        level_reason=level_reason(p),
        dutch=CEFR_NAMES[p.dutch] if p.dutch_known else None,
        unconfirmed_work=sum(1 for w in profile.work if w.unconfirmed),
        score_scale=_t("score_scale", lang),
        own_trade=own,
        suggestions=suggestions,
        empty_slots=slots,
        next_steps=steps,
        caveat=_t("caveat", lang),
    )
