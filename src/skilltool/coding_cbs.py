"""What CBS's Dutch title index says about a title: the head words of its 4,715 titles per ISCO-08
unit group, the families they name, and where they disagree with ESCO (docs/coding.md)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from skilltool import textnorm
from skilltool.coding_weights import FAMILY_TITLES, GENERIC_SHARE, HEAD_RATIO, HEAD_TITLES

if TYPE_CHECKING:
    from skilltool.label_index import LabelIndex
    from skilltool.occupation_build import _OccupationTable


def title_heads(index: LabelIndex, by_isco: dict[str, list[str]]) -> list[tuple[str, frozenset[str]]]:
    """Each CBS title's unit group and head words: the stem of each of its words and of the head of
    each (the word itself or a compound ending in it: *monteur*, *gasmonteur*, *monteur elektro*)."""
    titles = []
    for code, names in by_isco.items():
        for title in names:
            heads = set()
            for word in textnorm.tokens(textnorm.clean(title), "nl"):
                heads.add(textnorm.stem(word))
                head_id = index._head(word, exclude_self=True)
                if head_id is not None:
                    heads.add(textnorm.stem(index.words[head_id]))
            titles.append((code, frozenset(heads)))
    return titles


def cbs_heads(titles: Sequence[tuple[str, frozenset[str]]]) -> dict[str, dict[str, int]]:
    """Head words of CBS's Dutch titles (``title_heads``): for each, how many titles of each unit
    group have it. Keyed by the word's stem."""
    counts: dict[str, dict[str, int]] = {}
    for code, heads in titles:
        for head in heads:
            per_code = counts.setdefault(head, {})
            per_code[code] = per_code.get(code, 0) + 1
    return counts


def label_heads(
    index: LabelIndex, iscos: Sequence[str], n_occ: int, titles: Sequence[tuple[str, frozenset[str]]]
) -> dict[int, dict[str, int]]:
    """Dutch labels of occupations that CBS reads elsewhere: label id -> unit group -> CBS titles
    (``title_heads``) that have every word of the label as a word or head, for the labels whose
    titles are mostly in another unit group than the occupation's (``cbs_elsewhere``). ESCO's
    Dutch label for a social worker is in 3412, CBS's seven titles with both its words are in
    2635; the same for the Dutch label for administrative work (3343 against 11 titles in 4110) and a
    head cook's (5120 against 4 in 3434). A title matched by such a label, with words around it
    that no CBS title has, gets the same check a one-word title gets from ``head_counts``."""
    by_head: dict[str, set[int]] = {}
    for k, (_, heads) in enumerate(titles):
        for head in heads:
            by_head.setdefault(head, set()).add(k)
    found: dict[int, dict[str, int]] = {}
    for lid, tokens in enumerate(index.label_tokens):
        concept = index.label_concept[lid]
        if concept >= n_occ or index.label_lang[lid] != "nl" or not tokens:
            continue
        common = set.intersection(*(by_head.get(textnorm.stem(index.words[t]), set()) for t in tokens))
        per_code: dict[str, int] = {}
        for k in common:
            per_code[titles[k][0]] = per_code.get(titles[k][0], 0) + 1
        if per_code and cbs_elsewhere(per_code, iscos[concept]):
            found[lid] = per_code
    return found


def cbs_families(counts: dict[str, dict[str, int]], groups: set[str]) -> dict[str, str]:
    """Head words (``cbs_heads``) of at least ``FAMILY_TITLES`` CBS titles -> the longest group code
    (3, 2, then 1 digits) that holds ``GENERIC_SHARE`` of those titles."""
    families: dict[str, str] = {}
    for stem, per_code in counts.items():
        total = sum(per_code.values())
        if total < FAMILY_TITLES:
            continue
        for digits in (3, 2, 1):
            mass: dict[str, int] = {}
            for code, k in per_code.items():
                mass[code[:digits]] = mass.get(code[:digits], 0) + k
            prefix, share = max(mass.items(), key=lambda kv: kv[1])
            if share >= GENERIC_SHARE * total and prefix in groups:
                families[stem] = prefix
                break
    return families


def cbs_unit(per_code: dict[str, int]) -> str | None:
    """The unit group that holds ``GENERIC_SHARE`` of the CBS titles with a head word
    (``per_code``: unit group -> titles, ``cbs_heads``), when they are at least ``HEAD_TITLES``
    (the Dutch head word for nurses: 47 of 62 titles in 2221), else None."""
    total = sum(per_code.values())
    code, k = max(per_code.items(), key=lambda kv: (kv[1], kv[0]), default=("", 0))
    return code if total >= HEAD_TITLES and k >= GENERIC_SHARE * total else None


def cbs_elsewhere(per_code: dict[str, int], isco: str) -> bool:
    """Whether CBS's titles with a head word (``per_code``: unit group -> titles, ``cbs_heads``) are
    mostly in another unit group than ``isco``: one group holds at least ``HEAD_TITLES`` of them
    and ``HEAD_RATIO`` times as many as ``isco`` ("draaier": 3 turner titles in 7223, none in
    ESCO's 8122; "makelaar": 10 in 3334, 3 in 3324; not the Dutch word for cooks: 8 titles of
    head chefs, 6 of cooks)."""
    major = max((k for code, k in per_code.items() if code != isco), default=0)
    return major >= HEAD_TITLES and major >= HEAD_RATIO * per_code.get(isco, 0)


def head_counts(t: _OccupationTable, words: Sequence[str], lang: str) -> dict[str, int]:
    """CBS's titles per unit group with a one-word Dutch title's word as head (``cbs_heads``);
    empty for other titles (CBS's index is Dutch) and words no CBS title has. ``t`` is the
    coder's table."""
    if lang != "nl" or len(words) != 1 or not t.heads:
        return {}
    return t.heads.get(t.index.stem(words[0]), {})


def label_counts(t: _OccupationTable, hits: Sequence[tuple[int, float, int]], lang: str) -> dict[str, int]:
    """CBS's titles per unit group with every word of the label that matched the first candidate
    (``label_heads``), when CBS reads that label elsewhere; empty otherwise and for English."""
    if lang != "nl" or not hits or not t.label_heads:
        return {}
    return t.label_heads.get(hits[0][2], {})


def cbs_disagrees(t: _OccupationTable, heads: dict[str, int], hits: Sequence[tuple[int, float, int]]) -> bool:
    """The first candidate, an occupation, is not in the unit group CBS's titles with the title's
    head word (``heads``: ``head_counts``) are mostly in (``cbs_elsewhere``): the sources disagree."""
    return bool(heads) and bool(hits) and hits[0][0] < t.n_occ and cbs_elsewhere(heads, t.iscos[hits[0][0]])
