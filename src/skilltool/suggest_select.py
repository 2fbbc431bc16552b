"""Ranking and selection: every candidate of one profile best first (the touched ones scored at
once by ``suggest_arrays``, every other one at its group's class parts), and the choice of the
suggestions with real fit that fill the slots (at the person's level, direct, dual, wished
sectors), memoised per ranking input."""

from __future__ import annotations

import hashlib
import heapq
from array import array
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain

from skilltool import suggest_arrays
from skilltool.errors import UsageError
from skilltool.messages import say
from skilltool.models.profile import Route
from skilltool.suggest_arrays import CountArray, GroupArrays, Scored
from skilltool.suggest_index import SuggestIndex
from skilltool.suggest_person import Person
from skilltool.suggest_rules import hot_rules
from skilltool.suggest_scoring import (
    GroupTable,
    combine,
    group_parts,
    is_at_level,
    is_part_time,
    reason_keys,
    route_for,
    total,
)
from skilltool.wish_coding import match_sector


def touched_counts(index: SuggestIndex, p: Person) -> tuple[dict[int, int], dict[int, int], set[int]]:
    """Candidates that share a skill, an ISCO prefix or a wish with the person, or are interim work
    of their regulated profession."""
    inv_e, inv_o = index.inv_essential, index.inv_optional
    ess: Counter[int] = Counter(chain.from_iterable(inv_e.get(s, ()) for s in p.skills))
    opt: Counter[int] = Counter(chain.from_iterable(inv_o.get(s, ()) for s in p.skills))
    touched = set(ess) | set(opt) | p.wish_cands | p.interim_at
    for job in p.past:
        for n in (4, 3, 2):
            touched.update(index.by_prefix.get(job.isco[:n], ()) if len(job.isco) >= n else ())
    return ess, opt, touched


def resolve_sector(index: SuggestIndex, sector: str | None) -> str | None:
    if sector is None:
        return None
    sid = match_sector(index, sector)
    if sid is None:
        choices = ", ".join(index.sector_order)
        # not repeated (a value from a case file may be a name): the choices say what to give
        raise UsageError(say("errors.suggest.sector", choices=choices))
    return sid


Entry = tuple[float, int]
"""(-score, candidate index): candidates are numbered in tie-break order, so entries sort right."""


@dataclass(slots=True)
class Ranking:
    """All candidates of one profile, best first: ``scored`` holds the candidates that share
    something with the person (each scored), ``runs_of`` every other candidate by group (a group's
    untouched members all score exactly its class parts). The selection reads only
    ``fit_entries``; the full ranking (``stream``) is built on demand, for ``explain`` and tests."""

    scored: Scored
    runs_of: Callable[[], list[tuple[float, int]]]
    ess: CountArray
    """Essential skills held, per candidate."""
    opt: CountArray
    fit_entries: list[Entry]
    """The scored entries with real fit (``has_fit``), best first: only these fill slots."""

    def stream(self, index: SuggestIndex) -> Iterator[Entry]:
        """Every candidate, best first: a lazy merge of the scored list and the group runs, where
        a group run joins only once the best entry left is no better than its score."""
        heap: list[tuple[Entry, int, Iterator[Entry]]] = []
        sources: list[Iterator[Entry]] = [iter(self.scored.entries())]
        runs = self.runs_of()
        touched = self.scored.touched()
        first = next(sources[0], None)
        if first is not None:
            heap.append((first, 0, sources[0]))
        r = 0
        while True:
            while r < len(runs) and (not heap or runs[r][0] <= heap[0][0][0]):
                neg, g = runs[r]
                run = group_run(index.groups[g], touched, neg)
                head = next(run, None)
                if head is not None:
                    heapq.heappush(heap, (head, r + 1, run))
                r += 1
            if not heap:
                return
            entry, tag, source = heap[0]
            yield entry
            following = next(source, None)
            if following is None:
                heapq.heappop(heap)
            else:
                heapq.heapreplace(heap, (following, tag, source))


def rank(index: SuggestIndex, p: Person, *, sector: str | None) -> Ranking:
    """Score the touched candidates (all at once, ``suggest_arrays``) and every group once."""
    by_group = group_parts(index, p)
    skip, groups = group_arrays(index, p, by_group, sector)
    prefixes = {job.isco[:n] for job in p.past for n in (4, 3, 2) if len(job.isco) >= n}
    scored = suggest_arrays.score_touched(
        index.cand_arrays(),
        groups,
        skills=p.skills,
        past_prefixes=prefixes,
        related_by_uri=p.rel_uri,
        related_by_prefix=p.rel_prefix,
        wish_cands=p.wish_cands,
        occupation_wish=index.weights.wishes.occupation,
        fit_prefixes=p.fit_prefixes,
        interim_at=p.interim_at,
        regulated_open=[index.reg_code(rid) for rid in p.regulated],
    )

    def runs() -> list[tuple[float, int]]:
        """The groups' (-score, group), best first, without the groups left out."""
        return sorted(
            (-total(combine(0.0, 0.0, parts.parts, 0.0)), g)
            for g, parts in enumerate(by_group)
            if g not in skip
        )

    return Ranking(scored, runs, scored.essential, scored.optional, scored.fit_entries)


def group_arrays(
    index: SuggestIndex, p: Person, by_group: GroupTable, sector: str | None
) -> tuple[set[int], GroupArrays]:
    """The groups left out (another sector than asked, or blocked: regulated without a learn-work
    route for someone who never worked in it; memoised per sector and regulated professions) and
    the class parts as columns (kept with the table)."""
    key = (sector, tuple(sorted(p.regulated)))
    memo = index.left_out_memo
    hit = memo.get(key)
    if hit is None:
        cands = index.cands
        blocked = {rid for rid, info in index.regulated.items() if not info.learn_work} - p.regulated
        skip = {
            g
            for g, members in enumerate(index.groups)
            if (sector is not None and cands[members[0]].sector != sector)
            or cands[members[0]].regulated in blocked
        }
        kept = GroupArrays.kept_mask(index.cand_arrays().group, len(index.groups), skip)
        hit = memo.put(key, (skip, kept))
    skip, kept = hit
    return skip, GroupArrays(*by_group.columns(), kept=kept)


def stream(
    index: SuggestIndex, p: Person, *, sector: str | None
) -> tuple[Iterator[Entry], CountArray, CountArray]:
    """Every candidate as (-score, index), best first, produced lazily; and the essential and
    optional skills held per candidate."""
    ranking = rank(index, p, sector=sector)
    return ranking.stream(index), ranking.ess, ranking.opt


def group_run(members: tuple[int, ...], touched: set[int], neg: float) -> Iterator[Entry]:
    """The group's members that were not scored one by one, all at the group's score."""
    for ci in members:
        if ci not in touched:
            yield (neg, ci)


Need = Callable[[int], bool]


def select(
    index: SuggestIndex, p: Person, ranking: Ranking, top: int
) -> tuple[list[int], list[tuple[str, str]]]:
    """Top ``top`` among the candidates with real fit, at most N per ISCO unit group; then make
    sure each slot shows when a fitting candidate holds it: one suggestion at the person's level,
    one direct start, one dual route, each wished sector (each swaps out the lowest-ranked
    suggestion that no earlier slot depends on). Returns the chosen candidates and the empty slots
    as (slot, reason key or detail) for the caller to word."""
    hot = hot_rules(index)
    cap = hot.max_per_isco_unit
    cands = index.cands
    fitting = ranking.fit_entries
    chosen: list[Entry] = []
    per_unit: dict[str, int] = {}
    for entry in fitting:
        unit = cands[entry[1]].isco
        if per_unit.get(unit, 0) >= cap:
            continue
        per_unit[unit] = per_unit.get(unit, 0) + 1
        chosen.append(entry)
        if len(chosen) >= top:
            break
    if p.interim_at:
        _interim_first(index, p, fitting, chosen)
    if not fitting:
        unknown = [("at_level", "unknown")] if p.edu_level is None and p.exp_level is None else []
        return [], [("suggestions", ""), *unknown]
    ess = ranking.ess
    routes: dict[int, tuple[Route, list[str]]] = {}

    def route_of(ci: int) -> tuple[Route, list[str]]:
        hit = routes.get(ci)
        if hit is None:
            hit = routes[ci] = route_for(index, p, cands[ci], int(ess[ci]))
        return hit

    needs: list[tuple[str, Need]] = []
    if p.edu_level is not None or p.exp_level is not None:
        needs.append(("at_level", lambda ci: is_at_level(p, cands[ci])))
    gap = hot.direct_max_dutch_gap

    def direct(ci: int) -> bool:
        c = cands[ci]  # cheap checks first: a regulated job or a Dutch gap is never direct
        if c.regulated is not None or c.dutch_needed - p.dutch > gap:
            return False
        return route_of(ci)[0] == "direct"

    needs.append(("direct", direct))
    needs.append(("dual", lambda ci: route_of(ci)[0] == "dual"))
    for sid in sorted(p.wish_sectors):
        needs.append((f"sector:{sid}", lambda ci, sid=sid: cands[ci].sector == sid))  # type: ignore[misc]
    empty: list[tuple[str, str]] = []
    if p.edu_level is None and p.exp_level is None:
        empty.append(("at_level", "unknown"))
    for n, (slot, need) in enumerate(needs):
        if any(need(e[1]) for e in chosen):
            continue
        taken = {e[1] for e in chosen}
        extra = next((e for e in fitting if e[1] not in taken and need(e[1])), None)
        if extra is None:
            detail = ""
            if slot == "direct":  # the commonest reason the fitting candidates cannot start directly
                why = Counter(k for e in fitting[:5] for k in reason_keys(cands[e[1]], route_of(e[1])[1]))
                detail = why.most_common(1)[0][0] if why else ""
            empty.append((slot, detail))
            continue
        keep = [k for _, k in needs[:n]]
        for victim in sorted(chosen, reverse=True):
            held = [k for k in keep if k(victim[1])]
            if not any(sum(1 for e in chosen if k(e[1])) == 1 for k in held):
                chosen.remove(victim)
                chosen.append(extra)
                chosen.sort()
                break
    return [e[1] for e in chosen], empty


def _interim_first(index: SuggestIndex, p: Person, fitting: list[Entry], chosen: list[Entry]) -> None:
    """Interim work of the person's own field that its unit group's cap left out takes the place
    of the group's lowest-ranked other member (a vet's animal care attendant before a
    second animal handler): it is the work the plan proposes meanwhile."""
    cands, interim_at = index.cands, p.interim_at
    taken = {e[1] for e in chosen}
    for entry in fitting:
        if entry[1] not in interim_at or entry[1] in taken:
            continue
        unit = cands[entry[1]].isco
        others = [e for e in chosen if cands[e[1]].isco == unit and e[1] not in interim_at]
        if others:
            chosen.remove(others[-1])
            chosen.append(entry)
            chosen.sort()
            taken.add(entry[1])


def ranked(
    index: SuggestIndex, p: Person, sector: str | None, top: int
) -> tuple[list[int], dict[int, int], dict[int, int], list[tuple[str, str]]]:
    """The chosen candidates, their skill hits and the empty slots: ``rank`` + ``select``,
    memoised on every input they read, so that a batch with many alike intakes (same job, level,
    Dutch, wishes) ranks each combination once. Bounded; the result is the same with or without
    the memo."""
    key = ranking_key(index, p, sector, top)
    memo = index.ranked_memo
    hit = memo.get(key)
    if hit is None:
        ranking = rank(index, p, sector=sector)
        chosen, empty = select(index, p, ranking, top)
        ess, opt = ranking.ess, ranking.opt
        # kept as flat arrays (chosen, and their skill counts in the same order): some 500 bytes an
        # entry instead of 1.3 KB of lists, dicts and int objects (8,192 entries: 6 MB a process)
        held = (array("I", [int(ess[ci]) for ci in chosen]), array("I", [int(opt[ci]) for ci in chosen]))
        hit = memo.put(key, (array("I", chosen), *held, empty))
    kept, ess_kept, opt_kept, empty = hit
    chosen = list(kept)
    return (
        chosen,
        {ci: e for ci, e in zip(chosen, ess_kept, strict=True) if e},
        {ci: o for ci, o in zip(chosen, opt_kept, strict=True) if o},
        empty,
    )


def ranking_key(index: SuggestIndex, p: Person, sector: str | None, top: int) -> bytes:
    """A 16-byte digest of every input the ranking reads (a person's skills alone are some 60
    ids; a digest keeps 8,000 memoised rankings in a few MB)."""
    parts = (
        # sorted: the ranking reads past work through order-free tables (best points per URI and
        # ISCO prefix, a set of prefixes), so the same jobs in another order rank the same
        sorted((j.uri, j.isco, j.factor, j.band_nlqf or 0, j.band_nlqf is None) for j in p.past),
        p.level,
        p.edu_level,
        p.exp_level,
        p.dutch,
        sorted(p.wish_sectors),
        sorted(p.wish_cands),
        is_part_time(index.weights, p),
        sorted(p.licences),
        sorted(p.certificates),
        sorted(p.regulated),
        p.to_recognise,
        sector,
        top,
    )
    # The skills joined by newlines, not in the repr: repr escapes every character and was two
    # percent of a row. Unambiguous when no id holds a newline (counted); else their repr.
    skills = sorted(p.skills)
    joined = "\n".join(skills)
    said = "j" + joined if joined.count("\n") == max(len(skills) - 1, 0) else "r" + repr(skills)
    data = f"{parts!r}\0{said}".encode()
    return hashlib.blake2b(data, digest_size=16).digest()
