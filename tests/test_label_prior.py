"""The label search's prior (``LabelIndex.concept_prior``): how common an occupation is, read from
how many Dutch and English names it has. Curated words in clients' languages name an occupation
too, but do not make it more likely for every other title (seventeenth session: three sellers at
a market had gone to the street vendor, whose client-language words had raised its prior)."""

from __future__ import annotations

import math

from skilltool.coding_weights import KIND_ALIAS, KIND_ALT, KIND_PREFERRED
from skilltool.label_index import LabelIndex


def test_only_dutch_and_english_names_count_for_the_prior() -> None:
    index = LabelIndex(
        [
            (0, "marktkoopman", KIND_PREFERRED, "nl"),
            (0, "stallholder", KIND_PREFERRED, "en"),
            (1, "straatverkoper", KIND_PREFERRED, "nl"),
            (1, "dastforush", KIND_ALIAS, "fa-Latn"),
            (1, "seyyar satici", KIND_ALIAS, "tr"),
            (1, "bayi", KIND_ALT, "tr"),
            (2, "baqqal", KIND_ALIAS, "ar-Latn"),  # only a client-language name: no prior, a slot
        ]
    )
    assert list(index.concept_prior) == [math.log1p(2), math.log1p(1), 0.0]
