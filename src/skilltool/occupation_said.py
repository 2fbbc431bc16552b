"""What a title said, as the rules read it: the labels a one-word title is up to word endings
(``said_whole``; docs/coding.md, "Fourth round")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skilltool.label_shortlist import _compact, _ids

if TYPE_CHECKING:
    from skilltool.label_index import LabelIndex


def said_whole(index: LabelIndex, word: str, lang: str) -> frozenset[int]:
    """The labels in ``lang`` that a one-word title is, exactly or up to word endings (the label
    search's exact and exact-stem matches): "schilders" is ESCO's alternative label *schilder*,
    "vissers" CBS's title *visser*, "architecte" the preferred label of 2161 without its -e."""
    compact = _compact([word])
    ids = _ids(index.exact.get(compact)) | _ids(index.exact_stem.get(compact))
    ids |= _ids(index.exact_stem.get(_compact([index.stem(word)])))
    return frozenset(lid for lid in ids if index.label_lang[lid] == lang)
