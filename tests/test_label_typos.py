"""A word that only shares its beginning with index words is read as a typo of one of them when
it is one edit away (``LabelIndex._expand``): *schilderr* is *schilder*, not the split *schil* +
*derr*; a compound of known parts several edits from any word keeps its split."""

from __future__ import annotations

from skilltool.coding_weights import S_PREFIX, S_TYPO
from skilltool.label_index import LabelIndex


def _index() -> LabelIndex:
    labels = ["schilder", "schilderes", "schip", "schipper", "derde", "secretaris", "bestuurssecretaresse"]
    return LabelIndex([(i, text, 1.0, "nl") for i, text in enumerate(labels)])


def _strengths(index: LabelIndex, word: str) -> dict[str, float]:
    return {index.words[tid]: strength for tid, strength in index._expand(word)}


def test_one_edit_from_an_index_word_is_a_typo_of_it() -> None:
    index = _index()
    for typo in ("schilderr", "schildre", "schildar"):  # a letter added; two swapped; one changed
        found = _strengths(index, typo)
        assert found.get("schilder", 0.0) >= S_TYPO, (typo, found)
    # the search puts the painter first, where the split put the ship's captain
    assert index.search(["schilderr"], lang="nl", limit=3)[0][0] == 0


def test_more_edits_leave_the_beginning_match_and_the_split() -> None:
    index = _index()
    found = _strengths(index, "bestuurssecretaris")  # three edits from the only close word
    assert max(found.values()) <= S_PREFIX
    terms = index._word_terms("bestuurssecretaris")
    assert any(index.words[tid] == "secretaris" for term in terms for tid, _ in term.expansions)


def test_a_known_word_gets_no_typo_reading() -> None:
    """*schilder* is a word of the index: no word one edit from it (*schilders* would be) is
    added as a typo reading."""
    index = LabelIndex([(0, "schilder", 1.0, "nl"), (1, "schilders", 1.0, "nl")])
    assert S_TYPO not in _strengths(index, "schilder").values()


def test_one_edit_with_no_shared_beginning_beats_a_split() -> None:
    """A word that shares no beginning with an index word, one letter changed from one
    (*carpinter*), was a fuzzy match at 0.95 x its ratio, under the split threshold: the split
    into two known parts (*carp* + *inter*) won. One edit is now the typo path's strength, and
    no split."""
    labels = ["carpenter", "carp", "inter governmental officer"]
    index = LabelIndex([(i, text, 1.0, "en") for i, text in enumerate(labels)])
    assert _strengths(index, "carpinter").get("carpenter", 0.0) >= S_TYPO
    terms = index._word_terms("carpinter")
    assert len(terms) == 1 and max(s for _, s in terms[0].expansions) >= S_TYPO
    assert index.search(["carpinter"], lang="en", limit=2)[0][0] == 0


def test_one_edit_from_a_word_outweighs_a_crude_stem() -> None:
    """The stemmer cuts *beveliger* (a typo of *beveiliger*, a guard) to the family of
    *bevel*: one edit from an index word, and not one edit from any word of that family, the typo's
    family leads and the stem's falls back to a shared beginning."""
    labels = ["beveiliger", "bevel cutter", "teacher", "tech support"]
    index = LabelIndex([(i, text, 1.0, "nl" if i == 0 else "en") for i, text in enumerate(labels)])
    for typo, meant, stem_word in (("beveliger", "beveiliger", "bevel"), ("techer", "teacher", "tech")):
        found = _strengths(index, typo)
        assert found[meant] > found.get(stem_word, 0.0), (typo, found)
        assert found.get(stem_word, 0.0) <= S_PREFIX
    assert index.search(["beveliger"], lang="nl", limit=2)[0][0] == 0


def test_an_inflection_keeps_its_stem_family() -> None:
    """*bakkers* (not an index word here) is one edit from *bakker*, a word of its stem's family:
    an inflection, not a typo of *bankers*."""
    index = LabelIndex([(0, "bakker", 1.0, "nl"), (1, "bankers", 1.0, "en")])
    found = _strengths(index, "bakkers")
    assert found["bakker"] >= found.get("bankers", 0.0)
