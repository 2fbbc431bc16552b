"""ESCO's skills and each unit group's own words (its description, its occupations' English labels)
as evidence for flagged English titles (``occupation_skills``): the unit-group cosines on made-up
occupations and skills, the group support, and where the coder uses them on the committed data."""

from __future__ import annotations

import math
from types import SimpleNamespace
from typing import Any, cast

import pytest

from skilltool import coding_rerank, occupation_skills
from tests.test_coding_real import _coder

# two unit groups: 7212 (two occupations, both with the brazing skill), 6121 (one occupation)
SKILLS = {
    "s1": SimpleNamespace(en="use brazing equipment", alt_en=["operate brazing tools"]),
    "s2": SimpleNamespace(en="shear sheep", alt_en=[]),
    "s3": SimpleNamespace(en="use equipment", alt_en=[]),
}


def _occupation(isco: str, essential: list[str], label: str, alt: list[str]) -> SimpleNamespace:
    return SimpleNamespace(
        isco=isco,
        essential=essential,
        label=SimpleNamespace(en=label),
        alt=SimpleNamespace(en=alt),
        hidden=SimpleNamespace(en=[]),
    )


OCCUPATIONS = [
    _occupation("7212", ["s1", "s3"], "welder", ["tack welder"]),
    _occupation("7212", ["s1", "missing"], "brazier", []),
    _occupation("6121", ["s2", "s3"], "sheep farmer", []),
]
DESCRIPTIONS = {
    "7212": "Welders join metal parts.",
    "6121": "Livestock farmers raise sheep.",
    "9999": "None.",
}


def _evidence() -> occupation_skills.SkillEvidence:
    return occupation_skills.build(cast(Any, OCCUPATIONS), cast(Any, SKILLS), DESCRIPTIONS)


def test_groups_score_the_unit_group_whose_skills_name_the_words() -> None:
    """A word of one group's skills scores that group only; a word both groups' skills have
    (equipment) scores both; scores are cosines (at most 1) times the weight."""
    ev = _evidence()
    got = ev.groups(["brazing"], ["7212", "6121"])
    assert got["7212"] > 0.0
    assert got["6121"] == 0.0
    both = ev.groups(["equipment"], ["7212", "6121"])
    assert both["7212"] > 0.0
    assert both["6121"] > 0.0
    assert all(0.0 < v <= 1.0 + 1e-9 for v in both.values())
    doubled = ev.groups(["brazing"], ["7212"], 2.0)
    assert math.isclose(doubled["7212"], 2.0 * got["7212"])


def test_groups_only_for_the_asked_units_and_nothing_for_unknown_words() -> None:
    """Only the unit groups asked for are scored; a title none of whose words is a skill word
    gets no evidence at all (an empty dict, not zeros for every group)."""
    ev = _evidence()
    assert set(ev.groups(["sheep"], ["6121"])) == {"6121"}
    assert ev.groups(["xyzzy"], ["7212", "6121"]) == {}
    assert ev.groups([], ["7212"]) == {}


def test_an_unknown_skill_id_is_skipped_and_words_meet_by_stem() -> None:
    """A skill id the skills file lacks is skipped (the second occupation still counts its
    other skill); a word meets the skill words through the stem, as in the label index."""
    ev = _evidence()
    assert ev.groups(["brazing"], ["7212"])["7212"] > 0.0
    assert ev.groups(["sheep"], ["6121"]) == ev.groups(["sheeps"], ["6121"])


def test_add_skills_lifts_occupations_of_the_group_not_group_concepts() -> None:
    """``coding_rerank.add_skills`` adds the group's cosine to each occupation candidate of it;
    an ISCO group concept (index >= n_occ) and an occupation of another group keep their score."""
    ev = _evidence()
    iscos = ["7212", "6121", "7212"]  # concept 2 is the group concept 7212
    score = {0: 1.0, 1: 1.0, 2: 1.0}
    coding_rerank.add_skills(score, ev, ["brazing"], iscos=iscos, n_occ=2, weight=1.5)
    assert score[0] > 1.0
    assert score[1] == 1.0
    assert score[2] == 1.0


def test_the_coder_loads_the_skills_of_its_data_once() -> None:
    """The committed data's coder has the evidence (ESCO's essential skills per unit group): the
    brazing skills' words point to a metal trade (ISCO 721x) first."""
    coder = _coder()
    ev = coder.skills
    assert ev is not None
    assert coder.skills is ev  # loaded once per table
    units = {code[:4] for code in coder._table.iscos[: coder._table.n_occ]}
    got = ev.groups(["brazing"], units)
    assert max(got, key=got.__getitem__).startswith("721")


@pytest.mark.parametrize("title", ["productie medewerker", "administratief ondersteuning"])
def test_dutch_titles_do_not_use_the_english_skills(monkeypatch: pytest.MonkeyPatch, title: str) -> None:
    """The skills' labels are English: a flagged Dutch title is coded the same with the evidence
    turned off (``SKILL_WEIGHT`` 0)."""
    with_skills = _coder().code(title, lang="nl")
    monkeypatch.setattr(coding_rerank, "SKILL_WEIGHT", 0.0)
    monkeypatch.setattr(coding_rerank, "GROUP_WORDS_WEIGHT", 0.0)
    monkeypatch.setattr(coding_rerank, "GROUP_SUPPORT", 0.0)
    fresh = type(_coder())(_coder()._table, ngram_key=_coder()._ngram_key)  # its own memo
    assert fresh.code(title, lang="nl") == with_skills


def test_english_flagged_titles_use_the_skills(monkeypatch: pytest.MonkeyPatch) -> None:
    """Turning the evidence off changes the order of some flagged English titles (those ordered
    by the re-ranker) and of no unflagged one."""
    titles = ["irrigation coordinator", "scaffolding lead", "bookkeeping support", "crane coordinator"]
    on = [_coder().code(t, lang="en") for t in titles]
    monkeypatch.setattr(coding_rerank, "SKILL_WEIGHT", 0.0)
    fresh = type(_coder())(_coder()._table, ngram_key=_coder()._ngram_key)
    off = [fresh.code(t, lang="en") for t in titles]
    assert all(a.needs_review == b.needs_review for a, b in zip(on, off, strict=True))
    assert any(a.candidates != b.candidates for a, b in zip(on, off, strict=True))
    assert all(a == b for a, b in zip(on, off, strict=True) if not a.needs_review)


def test_group_words_score_the_group_whose_description_or_labels_name_the_word() -> None:
    """A word of one group's description (livestock) or of its occupations' labels (tack) scores
    that group only with ``words_weight``; the skills' weight does not reach these words, and a
    described group with no occupation (9999) is never scored."""
    ev = _evidence()
    assert ev.groups(["livestock"], ["7212", "6121"]) == {}  # words_weight 0: the skills only
    got = ev.groups(["livestock"], ["7212", "6121", "9999"], 0.0, 1.0)
    assert got["6121"] > 0.0 and got.get("7212", 0.0) == 0.0 and got.get("9999", 0.0) == 0.0
    tack = ev.groups(["tack"], ["7212", "6121"], 1.0, 2.0)
    assert tack["7212"] > 0.0 and tack.get("6121", 0.0) == 0.0
    assert math.isclose(tack["7212"], 2.0 * ev.groups(["tack"], ["7212"], 0.0, 1.0)["7212"])


def test_skills_and_group_words_add_up() -> None:
    """A word both documents know (sheep: a skill and a description word) scores the sum of the
    two weighted cosines; without descriptions the labels still make the group words."""
    ev = _evidence()
    skills = ev.groups(["sheep"], ["6121"], 1.0, 0.0)["6121"]
    words = ev.groups(["sheep"], ["6121"], 0.0, 1.0)["6121"]
    assert math.isclose(ev.groups(["sheep"], ["6121"], 1.0, 1.0)["6121"], skills + words)
    bare = occupation_skills.build(cast(Any, OCCUPATIONS), cast(Any, SKILLS))
    assert bare.groups(["livestock"], ["6121"], 0.0, 1.0) == {}
    assert bare.groups(["welder"], ["7212"], 0.0, 1.0)["7212"] > 0.0


def test_group_support_lifts_a_candidate_whose_unit_group_others_share() -> None:
    """With ``support``, each candidate gains that share of the positive scores of the other
    candidates of its unit group: of two equal candidates, the one with a same-group neighbour
    comes first; a negative neighbour gives nothing; support 0 changes nothing."""
    ev = _evidence()
    iscos = ["7212", "6121", "7212", "6121"]
    score = {0: 1.0, 1: 1.0, 2: 0.5, 3: -0.5}
    coding_rerank.add_skills(score, ev, ["xyzzy"], iscos=iscos, n_occ=4, weight=1.5, support=0.1)
    assert math.isclose(score[0], 1.05) and math.isclose(score[1], 1.0)
    assert math.isclose(score[2], 0.6) and math.isclose(score[3], -0.4)
    plain = {0: 1.0, 1: 1.0}
    coding_rerank.add_skills(plain, ev, ["xyzzy"], iscos=iscos, n_occ=4, weight=1.5)
    assert plain == {0: 1.0, 1: 1.0}


def test_the_coder_reads_the_committed_descriptions() -> None:
    """The committed data's evidence has ESCO's unit-group descriptions: a word only the
    description of shop sales assistants (5223) has among its words, with the labels, points
    there first among the retail groups."""
    coder = _coder()
    ev = coder.skills
    assert ev is not None
    got = ev.groups(["warranties"], ["5223", "5221", "1420", "3322"], 0.0, 1.0)
    assert max(got, key=got.__getitem__) == "5223"


@pytest.mark.parametrize("weight", ["GROUP_WORDS_WEIGHT", "GROUP_SUPPORT"])
def test_english_flagged_titles_use_the_group_words_and_support(
    monkeypatch: pytest.MonkeyPatch, weight: str
) -> None:
    """Turning the group words (or the group support) off changes the order of some flagged
    English titles and of no unflagged one."""
    titles = ["warranty desk helper", "livestock yard hand", "warehouse team hand", "sales counter helper"]
    on = [_coder().code(t, lang="en") for t in titles]
    monkeypatch.setattr(coding_rerank, weight, 0.0)
    fresh = type(_coder())(_coder()._table, ngram_key=_coder()._ngram_key)
    off = [fresh.code(t, lang="en") for t in titles]
    assert all(a.needs_review == b.needs_review for a, b in zip(on, off, strict=True))
    assert any(a.candidates != b.candidates for a, b in zip(on, off, strict=True))
    assert all(a == b for a, b in zip(on, off, strict=True) if not a.needs_review)


def _bisected(
    docs: occupation_skills.Documents, stems: set[str], units: set[str], weight: float
) -> dict[str, float]:
    """The cosines as the rows themselves give them (a bisection per group, as before ``met``)."""
    from bisect import bisect_left

    known = [s for s in sorted(stems) if s in docs.idf]
    if not known or not weight:
        return {}
    scale = weight / math.sqrt(sum(docs.idf[s] ** 2 for s in known))
    sums = dict.fromkeys(units, 0.0)
    for s in known:
        groups, values = docs.postings[s]
        for g in sums:
            i = bisect_left(groups, g)
            if i < len(groups) and groups[i] == g:
                sums[g] += values[i]
    return {g: scale * total for g, total in sums.items()}


def test_the_rows_met_as_dicts_give_the_rows_own_cosines_and_are_not_pickled() -> None:
    """``Documents.cosines`` reads a word's row through a dict made once (``met``): the same sums,
    bit for bit, as a bisection in the row, for every word alone and together, asked twice (the
    second time from ``met``); a pickled evidence (the cache) holds no rows met and gives the
    same cosines."""
    import pickle

    ev = _evidence()
    docs = ev.skills
    words = sorted(docs.idf)
    asks = [{w} for w in words] + [set(words), {words[0], "nowhere"}]
    units = {"7212", "6121", "9999"}
    for _ in range(2):
        for stems in asks:
            out: dict[str, float] = {}
            docs.cosines(stems, units, 0.7, out)
            assert out == _bisected(docs, stems, units, 0.7)
    assert set(docs.met) == set(words)
    again = pickle.loads(pickle.dumps(ev))
    assert again.skills.met == {}
    assert again.skills.postings == docs.postings
    assert again.groups(["brazing", "sheep"], units, 1.0, 0.5) == ev.groups(
        ["brazing", "sheep"], units, 1.0, 0.5
    )
