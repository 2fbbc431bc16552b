"""The missing skills a suggestion shows: their labels and the gap that lists them, remembered per
index and skill ids."""

from __future__ import annotations

from skilltool.models import Text
from skilltool.suggest_index import SuggestIndex
from skilltool.suggest_texts import words as _w
from skilltool.suggest_texts import x as _x

Labels = tuple[str, ...]


def missing_texts(index: SuggestIndex, lacking: tuple[str, ...]) -> tuple[Labels, Labels, Text]:
    """The Dutch and English labels of the missing skills ``lacking`` (ids) and the gap that lists
    them, remembered per index and ids (``missing_memo``): many people lack the same few skills of a
    job, and joining the labels and looking the text up again was a tenth of a suggestion's time."""
    hit = index.missing_memo.get(lacking)
    if hit is None:
        labels_of = index.skill_labels
        missing = [labels_of.get(s, (s, s)) for s in lacking]
        items = _w(", ".join(x[0] for x in missing), ", ".join(x[1] for x in missing))
        # ESCO v1.1.1 has Dutch labels for a sixth of the skills: the rest show in English, said so
        untranslated = any(nl == en for nl, en in missing)
        gap = _x("g_skills_en" if untranslated else "g_skills", items=items)
        nl, en = tuple(x[0] for x in missing), tuple(x[1] for x in missing)
        hit = index.missing_memo.put(lacking, (nl, en, gap))
    return hit


def first_lacking(essential_first: tuple[str, ...], held: set[str] | frozenset[str], most: int) -> list[str]:
    """The first ``most`` skills of ``essential_first`` (a job's essential skills in the order the
    missing are shown) not in ``held``: the missing skills a suggestion names, and part of what a
    shared suggestion is keyed on (``suggest_reuse``). A loop: a generator with islice cost twice
    as much."""
    lacking: list[str] = []
    for s in essential_first:
        if s not in held:
            lacking.append(s)
            if len(lacking) >= most:
                break
    return lacking
