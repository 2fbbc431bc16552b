"""CBS's titles read against an ESCO label (``coding_cbs.label_heads``): a Dutch label whose words
CBS's titles put mostly in another unit group is a disagreement between the two sources, and a
title it matched is flagged, also with words around it. Made-up titles; tiny data, then the coder
on the committed data."""

from __future__ import annotations

import functools

import pytest

from skilltool.coding_cbs import label_heads, title_heads
from skilltool.coding_weights import KIND_ALT, KIND_PREFERRED
from skilltool.label_index import LabelIndex
from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData
from tests.test_occupations_props import REPO_DATA


def _index() -> tuple[LabelIndex, list[str]]:
    entries = [
        (0, "havenloods", KIND_PREFERRED, "nl"),  # concept 0 in 3000, CBS's titles in 7000
        (0, "loods binnenhaven", KIND_ALT, "nl"),
        (1, "sluiswachter", KIND_PREFERRED, "nl"),  # concept 1 in 8000, and so are CBS's
        (1, "sluiswachter", KIND_PREFERRED, "en"),
    ]
    return LabelIndex(entries), ["3000", "8000"]


def test_a_label_cbs_reads_elsewhere_is_kept_with_its_counts() -> None:
    index, iscos = _index()
    by_isco = {
        "7000": ["havenloods noord", "havenloods zuid", "havenloods binnenvaart"],
        "8000": ["sluiswachter", "sluiswachter nacht", "sluiswachter kanaal"],
    }
    found = label_heads(index, iscos, 2, title_heads(index, by_isco))
    texts = {index.label_text[lid]: counts for lid, counts in found.items()}
    assert texts == {"havenloods": {"7000": 3}}  # the agreeing label and the English one are left out


def test_every_word_of_the_label_must_be_in_the_title() -> None:
    index, iscos = _index()
    # three titles share "loods", none also has "binnenhaven": no reading of the two-word label
    by_isco = {"7000": ["loods noord", "loods zuid", "loods west"]}
    assert label_heads(index, iscos, 2, title_heads(index, by_isco)) == {}


@functools.cache
def _coder() -> OccupationCoder:
    return OccupationCoder.from_reference(ReferenceData(REPO_DATA))


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("uitvoerend producent bij de omroep", "2654"),  # ESCO's label in 1431, CBS's titles in 2654
        ("administratief medewerkster op een school", None),  # CBS's titles spread: flagged only
        ("maatschappelijk werkster in een wijkcentrum", "2635"),
    ],
)
def test_a_title_matched_by_a_label_cbs_reads_elsewhere_is_flagged(text: str, first: str | None) -> None:
    result = _coder().code(text, lang="nl")
    assert result.needs_review
    if first is not None:
        assert result.candidates[0].isco == first


@pytest.mark.parametrize("text", ["tig lasser", "autogeen lasser", "elektrodelasser"])
def test_a_cbs_title_said_without_its_level_note_leads(text: str) -> None:
    """CBS's "tig-lasser (niveau 1&2)" is also read as "tig-lasser": the welders' group (7212)
    leads, above ESCO's Dutch alternative labels of the inspector of welds (3115), which name the
    welders it inspects."""
    result = _coder().code(text, lang="nl")
    assert result.candidates[0].isco == "7212"
