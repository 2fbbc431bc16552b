"""The rules on top of the lexical ranking of occupations: spreading the list over ISCO-08 groups,
the calibrated review flag, and the families CBS's Dutch titles name (``coding_cbs``; docs/coding.md)."""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from skilltool.coding_cbs import cbs_unit
from skilltool.coding_weights import (
    CLOSE_CALL,
    DIVERSITY,
    EXACT_STEM_SCORE,
    FUSE_KEEP_FIRST,
    GENERIC_SHARE,
    GENERIC_UNITS,
    GENERIC_WINDOW,
    GROUP_FIT,
    KIND_GROUP,
    KIND_PREFERRED,
    NGRAM_BELOW,
    SPECIALISATIONS,
)
from skilltool.label_typos import within_one_edit
from skilltool.occupation_said import said_whole

"""A candidate: (concept, score, label id; -1 for a group shown by its own name)."""

if TYPE_CHECKING:
    from collections.abc import Callable

    from skilltool.label_index import Hit, LabelIndex
    from skilltool.ngram_scorer import NgramScorer
    from skilltool.occupation_build import _OccupationTable


_concept = operator.itemgetter(0)
_score = operator.itemgetter(1)


def rerank(
    found: list[tuple[int, float, int]], iscos: list[str], *, top: int
) -> list[tuple[int, float, int]]:
    """The best ``top`` of ``found`` (best first), spread over ISCO-08 unit groups.

    The k-th occupation of a group (k = 0, 1, ...) competes with ``score - DIVERSITY * k``, so
    the alternatives shown are real alternatives, not five variants of one group.
    """
    seen: dict[str, int] = {}
    keyed = []
    for order, hit in enumerate(found):
        group = iscos[hit[0]]
        rank = seen.get(group, 0)
        seen[group] = rank + 1
        keyed.append((hit[1] - DIVERSITY * rank, -order, hit))
    keyed.sort(reverse=True)  # the keys differ (their order part): as heapq.nlargest, in C
    chosen = [hit for _, _, hit in keyed[:top]]
    if CLOSE_CALL > 0 and len(chosen) > 1:
        best_score = chosen[0][1]
        close = [i for i, hit in enumerate(chosen) if hit[1] >= best_score - CLOSE_CALL]
        if len(close) > 1:
            # a close call goes to the candidate whose ISCO group the pool supports most
            votes: dict[str, float] = {}
            for concept, score, _ in found:
                votes[iscos[concept]] = votes.get(iscos[concept], 0.0) + score
            winner = max(close, key=lambda i: (votes[iscos[chosen[i][0]]], -i))
            if winner:
                chosen.insert(0, chosen.pop(winner))
    return chosen


def spread(order: Sequence[int], iscos: Sequence[str], taken: Sequence[str] = ()) -> list[int]:
    """``order`` spread over ISCO-08 codes as the lexical ranking is (``rerank``): a concept whose
    code is already listed (or among ``taken``: the codes of the candidates kept ahead of these)
    comes after every concept of a new code, each part in its order. Two variants of one unit
    group add nothing at ISCO-4."""
    seen = set(taken)
    new: list[int] = []
    again: list[int] = []
    for concept in order:
        code = iscos[concept]
        (again if code in seen else new).append(concept)
        seen.add(code)
    return new + again


def keeps_lead(
    hits: Sequence[tuple[int, float, int]], iscos: Sequence[str], n_occ: int, *, deep_keep: bool | None
) -> bool:
    """Whether the lexical first candidate keeps its place in a flagged title's fused list
    (``deep_keep``: the embedding opinion's rule, None without it). The n-gram opinion knows
    occupations only: it cannot judge a leading group that matched well (an exact CBS title); a
    weak one (a stray word of a CBS title) is fused like any lexical candidate. With the
    embedding opinion only a broader group (a family) keeps it."""
    if not hits:
        return False
    group = hits[0][0] >= n_occ
    broad = group and len(iscos[hits[0][0]]) < 4
    if deep_keep is not None:
        return deep_keep or broad
    return FUSE_KEEP_FIRST or broad or (group and hits[0][1] >= NGRAM_BELOW)


def group_members(iscos: Sequence[str]) -> dict[str, list[int]]:
    """Each ISCO-08 group code of any length (and "" for all) -> the occupations in it, in
    ``iscos`` order (an occupation's index is its place there)."""
    members: dict[str, list[int]] = {}
    for c, isco in enumerate(iscos):
        for digits in range(len(isco) + 1):
            members.setdefault(isco[:digits], []).append(c)
    return members


def combine(
    lexical: Sequence[tuple[int, float]],
    similar: Sequence[tuple[int, float]],
    iscos: Sequence[str],
    *,
    weight: float,
    absent: float,
    taken: Sequence[str] = (),
) -> list[int]:
    """The lexical list (concept, score 0-100) and the second opinion (concept, cosine 0-1) as one
    ranking: a concept scores its lexical score / 100 (``absent`` / 100 when the lexical list does
    not have it) plus ``weight`` x its cosine (0 when the second opinion does not list it); best
    first (equal sums: the lexical list's order, then the second opinion's), spread over ISCO-08
    codes (``spread``)."""
    total: dict[int, float] = {}
    for concept, score in lexical:
        total.setdefault(concept, score / 100.0)
    for concept, cosine in similar:
        total[concept] = total.get(concept, absent / 100.0) + weight * cosine
    order = sorted(total, key=lambda c: -total[c])  # stable
    return spread(order, iscos, taken)


def fuse(lists: Sequence[tuple[Sequence[int], float]], *, k: float) -> list[int]:
    """Reciprocal-rank fusion of ranked concept lists: ``lists`` holds (concepts best first, weight);
    a concept scores the sum of ``weight / (k + rank)`` over the lists; best first (equal sums: the
    order the concepts were first met)."""
    fused: dict[int, float] = {}
    for ranked, weight in lists:
        for rank, concept in enumerate(ranked):
            fused[concept] = fused.get(concept, 0.0) + weight / (k + rank)
    return sorted(fused, key=lambda c: -fused[c])


def one_unit_group(
    iscos: Sequence[str],
    n_occ: int,
    found: Sequence[tuple[int, float, int]],
    whole: frozenset[int] = frozenset(),
) -> bool:
    """A family word both sources read as one unit group: ESCO's best occupation among the label
    search's ``found`` matched the word itself (an exact label or its stem, ``EXACT_STEM_SCORE``;
    or its label is in ``whole``, the labels equal to the word up to endings: ``said_whole``, as
    an alternative label's plural, which scores under that) and the best CBS title or ISCO-08
    group name is in its unit group ("receptioniste": ESCO's label and CBS's title are both in
    4226). The title then gets the ranking, not the broader group, and stays flagged."""
    esco = next(((iscos[c], score, lid) for c, score, lid in found if c < n_occ), None)
    cbs = next((iscos[c] for c, _, _ in found if c >= n_occ), None)
    return esco is not None and (esco[1] >= EXACT_STEM_SCORE or esco[2] in whole) and esco[0] == cbs


def family_concept(
    t: _OccupationTable, word: str, lang: str, found: Sequence[tuple[int, float, int]], heads: dict[str, int]
) -> int | None:
    """The group concept a one-word title names when its close candidates spread over
    several unit groups (``GENERIC_UNITS``), or None; ``t`` is the coder's table. An exact label
    is trusted (a CBS title too, when an occupation's alternative label ranks before it:
    "visser"), and so is an exact preferred label's plural or gender form ("lassers", equal up
    to word endings) and a compound that ends in one ("dameskapper": a kind of the 5141 occupation).
    ``heads``: ``head_counts`` of the title. An own name (a preferred label, alias or CBS title)
    the word is up to its ending (``said_whole``) is trusted as an exact one is ("vissers")."""
    family = _family(t, word, lang, found, heads)
    if family is not None and any(
        t.index.label_kind[lid] >= KIND_PREFERRED for lid in said_whole(t.index, word, lang)
    ):
        return None  # asked only for a family (rare): the lookups cost every other title nothing
    return family


def _family(
    t: _OccupationTable, word: str, lang: str, found: Sequence[tuple[int, float, int]], heads: dict[str, int]
) -> int | None:
    """``family_concept`` without the own names up to their endings."""
    ix = t.index
    best, lid = found[0][1], found[0][2]
    preferred = ix.label_kind[lid] >= KIND_PREFERRED
    inflected = best >= EXACT_STEM_SCORE and preferred
    head = preferred and len(ix.label_tokens[lid]) == 1 and word.endswith(ix.words[ix.label_tokens[lid][0]])
    exact = any(score >= 100.0 for _, score, _ in found)
    if exact or inflected or head or _misspelt(ix, word, lid) or t.group_of is None or found[0][0] >= t.n_occ:
        return None
    if cbs_unit(heads) == t.iscos[found[0][0]]:
        return None  # CBS's titles with this head word are mostly in the first candidate's group
    family = (t.families or {}).get(ix.stem(word)) if lang == "nl" else None  # CBS is Dutch
    if family and not preferred and not t.iscos[found[0][0]].startswith(family):
        # another group's alternative label ("manager": the leader of a fast food crew) where CBS's
        # titles with the word name a family (managers, 1): the family, as for spread candidates
        return t.group_of.get(family)
    close = [(t.iscos[c], score) for c, score, _ in found if score >= best - GENERIC_WINDOW]
    units = {code for code, _ in close if len(code) == 4}
    said = {t.iscos[c] for c, score, _ in found if score >= EXACT_STEM_SCORE}
    if len(said) == 1:  # one unit group's whole label was said: the others must spread without it
        units -= said
    if len(units) < GENERIC_UNITS:
        return None
    total = sum(score for _, score in close)
    for digits in (4, 3, 2):
        mass: dict[str, float] = {}
        for code, score in close:
            if len(code) >= digits:
                mass[code[:digits]] = mass.get(code[:digits], 0.0) + score
        prefix, share = max(mass.items(), key=lambda kv: kv[1], default=("", 0.0))
        if share >= GENERIC_SHARE * total and (digits == 4 or prefix in t.group_of):
            return None if digits == 4 else t.group_of[prefix]  # one unit group: no family
    # the candidates share no group ("monteur": a film editor, a forestry mechanic, ...):
    # the group CBS's titles with this head word share, when they share one
    return t.group_of.get(family) if family else None


def _misspelt(ix: LabelIndex, word: str, lid: int) -> bool:
    """The best label is one word, and the title, a word of no label, is one edit from it
    ("wealder", "advokaat"; ``label_typos.within_one_edit``, as the typo path reads one): a typo of
    a whole label, trusted as the label said exactly would be.
    Its close candidates spread only because the typo's score is below an exact one's."""
    tokens = ix.label_tokens[lid]
    if len(tokens) != 1 or word in ix.vocab:
        return False
    return within_one_edit(word, ix.words[tokens[0]])


def said_first(index: LabelIndex, words: Sequence[str], hits: Sequence[tuple[int, float, int]]) -> bool:
    """Whether the lexical first candidate's label is the title's opening words exactly, with more
    said after it ("afwasser restaurant", "lasser scheepswerf"): the title named it, and what
    follows is where or what it was done on; the second opinion, which reads every word alike,
    does not move it (it put the restaurant's manager first)."""
    if not hits or hits[0][2] < 0:
        return False
    label = index.label_tokens[hits[0][2]]
    said = [index.vocab.get(word) for word in words[: len(label)]]
    return 0 < len(label) < len(words) and list(label) == said


def cbs_first(
    t: _OccupationTable,
    heads: dict[str, int],
    found: Sequence[tuple[int, float, int]],
    hits: list[tuple[int, float, int]],
) -> list[tuple[int, float, int]]:
    """``hits`` with the best candidate of ``cbs_unit``'s group first when the first candidate, an
    occupation, is elsewhere: CBS's titles with the title's head word (``heads``: ``head_counts``)
    name the group ("draaier": ESCO's Dutch label is in 8122, CBS's titles are turners', 7223,
    and ESCO has a turner among the candidates). Unchanged when no candidate is there."""
    unit = cbs_unit(heads)
    if unit is None or not hits or hits[0][0] >= t.n_occ or t.iscos[hits[0][0]] == unit:
        return hits
    return first_to_front((h for h in found if t.iscos[h[0]] == unit), hits)


def own_name_first(
    index: LabelIndex,
    iscos: Sequence[str],
    found: Sequence[tuple[int, float, int]],
    hits: list[tuple[int, float, int]],
    *,
    words: Sequence[str] = (),
    lang: str = "nl",
) -> list[tuple[int, float, int]]:
    """``hits`` with a candidate whose own name (a preferred label, an alias, a CBS title) the
    title matches whole, up to word endings, put first when the first candidate matched only an
    alternative or hidden label, in another unit group: ESCO hangs a female form on a neighbour
    now and then (the female bookkeeper's word is an alternative label of a head of accounting,
    1211, while the bookkeeper's own name matches by its stem). A one-word title (``words``, in
    ``lang``) that is the Dutch or English name of an ISCO-08 group up to its ending
    (``said_whole``: ESCO's or CBS's group label, whatever it scored) counts as an own name too:
    the Dutch word of 9321 is an alternative label of an 8183 occupation, and ISCO-08's own
    Dutch name of 9321."""
    if not hits or hits[0][2] < 0 or index.label_kind[hits[0][2]] >= KIND_PREFERRED:
        return hits
    named = said_whole(index, words[0], lang) if len(words) == 1 else frozenset()
    if not named and max(map(_score, found), default=0.0) < EXACT_STEM_SCORE:
        return hits  # most titles: no hit scores enough to be an own name (one pass in C)
    first, kind = iscos[hits[0][0]], index.label_kind
    own = (
        h
        for h in found
        if h[2] >= 0
        and (
            (h[1] >= EXACT_STEM_SCORE and kind[h[2]] >= KIND_PREFERRED)
            or (h[2] in named and kind[h[2]] <= KIND_GROUP)
        )
    )
    return first_to_front((h for h in own if iscos[h[0]] != first), hits)


def first_to_front(
    wanted: Iterable[tuple[int, float, int]], hits: list[tuple[int, float, int]]
) -> list[tuple[int, float, int]]:
    """``hits`` with the first of ``wanted`` (candidates of the label search) put first
    (``to_front``); unchanged when there is none."""
    best = next(iter(wanted), None)
    return hits if best is None else to_front(best, hits)


def to_front(hit: tuple[int, float, int], hits: list[tuple[int, float, int]]) -> list[tuple[int, float, int]]:
    """``hit`` first, then ``hits`` without its concept; as long as ``hits``."""
    return [hit, *(h for h in hits if h[0] != hit[0])][: len(hits)]


def group_to_front(
    hits: list[Hit], group: str, iscos: Sequence[str], group_of: Mapping[str, int]
) -> list[Hit]:
    """``hits`` led by their first candidate of the ISCO-08 unit group ``group``, else by the
    group's own concept (``group_of``) shown with the leader's score: the rules that know the
    group but not which of its occupations (a trade's helper, lessons, a supervisor, street food)."""
    lead = next((h for h in hits if iscos[h[0]] == group), None)
    return to_front(lead or (group_of[group], hits[0][1], -1), hits)


def head_kept(
    index: LabelIndex,
    said: Sequence[str],
    hits: Sequence[tuple[int, float, int]],
    fused: list[tuple[int, float, int]],
) -> list[tuple[int, float, int]]:
    """``fused`` with the lexical first candidate put back first when the fusion put a label
    first that has the title's head word (its last) only as a modifier, while the lexical one
    ends in it: the English plural for nurses names 2221's occupation, and the 5321 label that
    starts with that word is an assistant's."""
    if not said or not hits or not fused or fused[0][0] == hits[0][0] or hits[0][2] < 0 or fused[0][2] < 0:
        return fused
    stem, words = index.stem, index.words  # the index's per-word cache of ``textnorm.stem``
    head, lead = stem(said[-1]), index.label_tokens[hits[0][2]]
    if not lead or stem(words[lead[-1]]) != head:
        return fused
    first = [stem(words[tid]) for tid in index.label_tokens[fused[0][2]]]
    if first and first[-1] != head and head in first[:-1]:
        return to_front(hits[0], fused)
    # both end in the head word, but the fused one adds a word the title did not say and says no
    # word of it that the lexical one, said whole, lacks: a surgeon of the heart is no tree surgeon
    told, kept = {stem(word) for word in said}, {stem(words[tid]) for tid in lead}
    if first and first[-1] == head and not told.issuperset(first) and told.issuperset(kept):
        return to_front(hits[0], fused) if told.intersection(first) <= kept else fused
    return fused


def resolve_groups(t: _OccupationTable, found: list[tuple[int, float, int]]) -> list[tuple[int, float, int]]:
    """Hits with each matched ISCO-08 unit group (a CBS title, a group label) replaced by the
    group's best ESCO occupation among the hits, when one fits (``GROUP_FIT``); ``t`` is the coder's table."""
    n, iscos = t.n_occ, t.iscos
    if n and max(map(_concept, found), default=-1) >= n:  # a group among the hits (a pass in C)
        first_occ: dict[str, tuple[int, float, int]] = {}
        for hit in found:
            if hit[0] < n:
                first_occ.setdefault(iscos[hit[0]], hit)
        # each target at its first place: the dict's order (a later, better hit updates the value
        # only), so no sort by first position
        merged: dict[int, tuple[float, int]] = {}
        for c, score, lid in found:
            target = c
            if c >= n:
                occ = first_occ.get(iscos[c])
                if occ is not None and occ[1] >= score - GROUP_FIT:
                    target = occ[0]
            previous = merged.get(target)
            if previous is None or score > previous[0]:
                merged[target] = (score, lid)
        found = [(c, score, lid) for c, (score, lid) in merged.items()]
        # a broader group (1-3 digits) leads when it matched best, else it takes no place
        # from the occupations (a family title gets its group from ``family_concept``)
        found = [h for i, h in enumerate(found) if h[0] < n or not i or len(iscos[h[0]]) == 4]
    return found


def specialisations(
    t: _OccupationTable,
    members_of: Callable[[str], list[int]],
    ngrams: NgramScorer,
    words: list[str],
    hits: list[tuple[int, float, int]],
    *,
    top: int,
) -> list[tuple[int, float, int]]:
    """A leading ISCO group followed by its ``SPECIALISATIONS`` occupations most like the text
    (the n-gram second opinion, restricted to the group; lexical matches first), then the rest;
    ``members_of(code)``: the occupations of a group."""
    code = t.iscos[hits[0][0]]
    # a unit group's members share its code: one is enough, the other places go to other groups
    wanted = 1 if len(code) == 4 else SPECIALISATIONS
    lexical = [h for h in hits[1:] if h[0] < t.n_occ and t.iscos[h[0]].startswith(code)][:wanted]
    chosen = {c for c, _, _ in lexical}
    members = [c for c in members_of(code) if c not in chosen]
    if len(lexical) < wanted and members:
        scores = ngrams.scores(words)
        prior = t.index.concept_prior  # ties (no shared n-gram): the occupation with most names
        best = sorted(members, key=lambda c: (-float(scores[c]), -prior[c]))[: wanted - len(lexical)]
        lexical += [(c, 100.0 * float(scores[c]), -1) for c in best]
    chosen = {c for c, _, _ in lexical}
    rest = [h for h in hits[1:] if h[0] not in chosen]
    if len(code) == 4:  # the unit group is already the answer at ISCO-4: a member only in a free place
        return [hits[0], *rest, *lexical][: max(top, len(hits))]
    return [hits[0], *lexical, *rest][: max(top, 1 + wanted)]
