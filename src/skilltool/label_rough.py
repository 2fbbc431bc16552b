"""Pass 1's rough scores in numpy (``label_shortlist``): each generating word's rough score per
label as two arrays (label ids in the order the plain loop meets them, and their scores), and the
cut of the labels to score in full, for one word or the merge of several.

The plain definition (``LabelIndex._contributions``, a dict per word; merged in word order, the
first of equals first) took a dict merge of ~340 labels and a Python pass over them per title.
Here the merge adds each word's scores into a dense array of all labels (one fancy-index add per
word) and the cut is one stable sort of the labels over the floor: the same labels in the same
order, to the last bit (every sum is taken in word order starting from the first word's score,
as the dict merge takes it; the stable sort keeps the first met of equals first, as ``sorted``
and ``heapq.nlargest`` do). ``tests/test_label_shortlist.py`` pins it against the definition on
inputs full of ties.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from skilltool.coding_weights import CANDIDATE_LABELS, GENERATE_MIN, ROUGH_FLOOR

if TYPE_CHECKING:
    from skilltool.label_index import LabelIndex, _Term

Rough = tuple[np.ndarray, np.ndarray]  # label ids (int64), their rough scores (float64)


class _Tables:
    """What the arrays need of an index (kept on it, not pickled): the labels' 1/sqrt(weight) as
    numpy, and per thread a dense scratch of one score per label (all zero between merges)."""

    def __init__(self, index: LabelIndex) -> None:
        self.inv_sqrt = np.asarray(index.label_inv_sqrt, dtype=np.float64)
        self.size = len(self.inv_sqrt)
        self.local = threading.local()  # a coder shared by threads gets a scratch per thread

    def scratch(self) -> np.ndarray:
        """This thread's zeroed scratch; a new one if the last merge did not finish (an
        exception or an interrupt left it dirty)."""
        local = self.local
        acc: np.ndarray | None = getattr(local, "acc", None)
        if acc is None or local.busy:
            acc = local.acc = np.zeros(self.size, dtype=np.float64)
        local.busy = True
        return acc


def _tables(index: LabelIndex) -> _Tables:
    found: _Tables | None = index.__dict__.get("_rough")
    if found is None:
        found = index.__dict__["_rough"] = _Tables(index)
    return found


def rough(index: LabelIndex, term: _Term) -> Rough:
    """The rough score ``term`` gives each label it generates (``LabelIndex._contributions`` as
    arrays, the labels in the same order): weight x strength / sqrt(label weight), the strongest
    expansion per label, the expansions under ``GENERATE_MIN`` left out when a stronger one
    generates. Computed once per word and kept on the (cached) term. Every score is over 0 (an
    IDF, a strength and a label weight are), which ``merged_top`` relies on."""
    found: Rough | None = term.rough
    if found is not None:
        return found
    tables = _tables(index)
    strongest = max(strength for _, strength in term.expansions)
    parts: list[np.ndarray] = []
    incs: list[float] = []
    lengths: list[int] = []
    for tid, strength in sorted(term.expansions, key=lambda e: -e[1]):
        if strength < GENERATE_MIN <= strongest:
            break  # weak expansions (compounds with this head) only count in pass 2
        posting = index.postings[tid]
        if len(posting):
            parts.append(np.asarray(posting, dtype=np.int64))
            incs.append(term.weight * strength)
            lengths.append(len(posting))
    if len(parts) == 1:  # a word's postings hold each label once
        lids = parts[0]
        inc = np.full(len(lids), incs[0], dtype=np.float64)
    elif parts:
        lids = np.concatenate(parts)
        inc = np.repeat(np.asarray(incs, dtype=np.float64), lengths)
        _, first = np.unique(lids, return_index=True)  # the first (strongest) expansion of each label
        first.sort()  # in the order the loop meets them
        lids, inc = lids[first], inc[first]
    else:
        lids, inc = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    found = term.rough = (lids, inc * tables.inv_sqrt[lids])
    index.__dict__["_contribs"] = index.__dict__.get("_contribs", 0) + len(lids)
    return found


def _cut(lids: np.ndarray, values: np.ndarray, at_least: float) -> list[int]:
    """The best ``CANDIDATE_LABELS`` of the labels with at least ``ROUGH_FLOOR`` of the best
    score (and ``at_least``), best first, the first of equals first."""
    if not len(values):
        return []
    floor = max(float(values.max()) * ROUGH_FLOOR, at_least)
    keep = np.flatnonzero(values >= floor)
    order = np.argsort(-values[keep], kind="stable")[:CANDIDATE_LABELS]
    found: list[int] = lids[keep[order]].tolist()
    return found


def single_top(index: LabelIndex, term: _Term) -> list[int]:
    """The labels pass 1 keeps when ``term`` is the only generating word."""
    lids, values = rough(index, term)
    return _cut(lids, values, 0.0)


def kth(index: LabelIndex, term: _Term) -> float:
    """The term's ``CANDIDATE_LABELS``-th best rough score (0.0 when it has fewer labels), kept on
    the term: in a merge the other words only add to a label's score, so at least that many labels
    reach it, a floor that cuts nothing the plain cut keeps."""
    if term.kth is None:
        _, values = rough(index, term)
        at = len(values) - CANDIDATE_LABELS  # the place of the kth best in ascending order
        term.kth = float(np.partition(values, at)[at]) if at >= 0 else 0.0
    return term.kth


def merged_top(index: LabelIndex, terms: Sequence[_Term]) -> list[int]:
    """The labels pass 1 keeps for several generating words: their rough scores summed in word
    order, the labels in the order the words meet them, cut as ``single_top``."""
    at_least = max(kth(index, term) for term in terms)
    tables = _tables(index)
    acc = tables.scratch()
    lids, values = rough(index, terms[0])
    acc[lids] = values
    met = [lids]
    for term in terms[1:]:
        lids, values = rough(index, term)
        before = acc[lids]
        met.append(lids[before == 0.0])  # scores are over 0: zero is a label not met yet
        acc[lids] = before + values
    union = np.concatenate(met)
    summed = acc[union]
    acc[union] = 0.0
    tables.local.busy = False
    return _cut(union, summed, at_least)
