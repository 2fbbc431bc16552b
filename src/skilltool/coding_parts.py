"""Two or three occupations said in one answer ("kapper, verkoper", "lasser/monteur", "cook or
cleaner"): a form's field holds what the person said, and people name the jobs they did
together. The whole text then matches no label well (each part's words dilute the other's), and
a job said can be missing from the candidates (a hairdresser and a beauty salon's manager, no
seller). When one is (``answer_parts``), each part is coded on its own; when every part names an
occupation clearly, better than the whole text does, every job said is put among the first
candidates (``parts_first``), then the rest of the whole text's list; the answer is flagged
(docs/coding.md, "Two jobs in one answer")."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from skilltool import textnorm
from skilltool.coding_weights import REVIEW_AGREE, REVIEW_NEAR

if TYPE_CHECKING:
    from skilltool.label_index import Hit, LabelIndex
    from skilltool.occupation_build import _OccupationTable


SHOWN = 5
"""The candidates a caseworker sees by default: a job said among them needs no split."""
PARTS_MAX = 3
"""More parts than this are a list of tasks or a sentence, not jobs named side by side."""
_SPLIT = re.compile(r"\s*(?:/|,|;|&|\+)\s*|\s+(?:en|and|or|en/of)\s+", re.IGNORECASE)
"""Where one job ends and the next begins: a slash, comma, semicolon, ampersand or plus, or
"en", "and", "or" between words ("of" is left out: English uses it inside a title)."""
_JOINERS = frozenset(("en", "and", "or"))  # ``_SPLIT``'s words ("en/of" holds a slash)


_WHEN = re.compile(
    r"""^(?:(?:in\s+(?:het|de)\s+)?(?:weekend|weekenden|weekends|zomer|winter|vakantie|vakanties)
    |'?s\s*(?:avonds|nachts|zomers|winters|ochtends|middags)|op\s+(?:zaterdag|zondag)(?:en)?|soms|ook|daarnaast
    |daarna|later|(?:at|on|in\s+the)\s+(?:weekends?|summer|nights?|evenings?)|sometimes|also|then)\s+""",
    re.IGNORECASE | re.VERBOSE,
)
"""When a second job was done, said before it ("kok en in het weekend schoonmaker", "cook, at
weekends cleaner"): not part of its title."""


def parts_of(text: str, head: Callable[[str], str | None] = lambda word: None) -> list[str]:
    """The jobs of an answer that names several, as said; [] for one job. A part ending in a
    hyphen borrows the head word of the next part's first word, as Dutch leaves it out ("taxi-
    en vrachtwagenchauffeur": *taxichauffeur*); ``head(word)``: the index word a compound ends
    with, or None (then the answer is not split)."""
    seps = "/" in text or "," in text or ";" in text or "&" in text or "+" in text
    if not seps and _JOINERS.isdisjoint(text.lower().split()):  # every match of ``_SPLIT`` holds one
        return []  # most answers: one job (two tests where the search tries every place)
    if _SPLIT.search(text) is None:  # one job (a search is cheaper than a split)
        return []
    parts = [_WHEN.sub("", part.strip()) for part in _SPLIT.split(text)]
    if not 2 <= len(parts) <= PARTS_MAX or not all(parts):
        return []
    if not any(part.endswith("-") for part in parts):  # most answers: no part borrows a head word
        return parts
    shared = None  # the head the parts after this one give ("groente-, bloem- en fruitteler")
    for i in range(len(parts) - 1, -1, -1):
        if not parts[i].endswith("-"):
            shared = head(textnorm.clean(parts[i].split()[0]))
        elif shared is None:
            return []
        else:
            parts[i] = parts[i][:-1] + shared
    return parts


def answer_parts(t: _OccupationTable, text: str, whole: Sequence[Hit]) -> list[str]:
    """The parts of ``text`` to code on their own, or []: each names a label or a family of
    occupations (``part_codes``), the whole text is no name itself (its best candidate under
    ``REVIEW_NEAR``), and a job said is missing from the whole text's first ``SHOWN``
    candidates. ``t``: the coder's table."""
    if not whole or whole[0][1] >= REVIEW_NEAR:
        return []
    parts = parts_of(text, lambda word: _head_word(t.index, word))
    named: list[set[str]] = []
    for part in parts:  # each part's codes until one names nothing (then none is split)
        codes = part_codes(t, part)
        if codes is None:
            return []
        named.append(codes)
    if not parts:
        return []
    listed = {t.iscos[hit[0]] for hit in whole[:SHOWN]}
    missing = any(not any(same_code(a, b) for a in codes or () for b in listed) for codes in named)
    return parts if missing else []


def same_code(a: str, b: str) -> bool:
    """Two ISCO-08 codes of one job: equal, or one a group of the other."""
    return a.startswith(b) or b.startswith(a)


def _head_word(index: LabelIndex, word: str) -> str | None:
    found = index._head(word, exclude_self=True)  # the index's compound split
    return None if found is None else index.words[found]


def part_codes(t: _OccupationTable, part: str) -> set[str] | None:
    """The ISCO-08 codes of the whole labels ``part`` is (exactly, or up to word endings), or of
    the family one word names ("leraar", "monteur"); None when it names neither. The cheap test
    (dictionary look-ups) before a part is coded on its own: a fifth of the benchmark's vacancy
    titles hold a slash, a comma or an "and", and coding their parts cost ``code_many`` 5 %."""
    index = t.index
    words = textnorm.tokens(textnorm.clean(part))
    if not words:
        return None
    stems = [index.stem(word) for word in words]
    ids = index.exact.get("".join(words)) or index.exact_stem.get("".join(stems))
    if ids is not None:
        return {t.iscos[index.label_concept[lid]] for lid in ((ids,) if isinstance(ids, int) else ids)}
    family = (t.families or {}).get(stems[0])
    return None if family is None else {family}


def parts_first(
    whole: Sequence[Hit], firsts: Sequence[Hit | None], iscos: Sequence[str], n_occ: int
) -> list[Hit] | None:
    """The list with every job said among the first candidates: the whole text's first when it
    is one of them (its code within a part's first's, or the other way round: a job's female
    and male names with a workplace keep it), then the other parts' first candidates
    in the order said, then the rest of ``whole`` (each concept once). None when a part named no
    occupation clearly or no better than the whole text's best, or when the whole text is itself
    a name (a label matched at ``REVIEW_NEAR`` or more: "schoonmaker van gordijnen en tapijten").
    Clearly: a label matched at ``REVIEW_AGREE`` or more, or a family of occupations ("verkoper":
    the coder put its ISCO-08 group first; a group's score is that of its best label, not of the
    word). ``iscos``: each concept's code; ``n_occ``: the first group concept."""
    best = whole[0][1] if whole else 0.0

    def clear(hit: Hit | None) -> bool:
        family = hit is not None and hit[0] >= n_occ
        return hit is not None and (family or (hit[1] >= REVIEW_AGREE and hit[1] > best))

    def same_job(a: Hit, b: Hit) -> bool:
        return same_code(iscos[a[0]], iscos[b[0]])

    if best >= REVIEW_NEAR or not firsts or not all(map(clear, firsts)):
        return None
    said = [hit for hit in firsts if hit is not None]
    lead = [whole[0]] if any(same_job(whole[0], hit) for hit in said) else []
    for hit in said:
        if not any(same_job(hit, h) for h in lead):
            lead.append(hit)
    return lead + [h for h in whole if all(h[0] != x[0] for x in lead)]
