"""An answer that names several jobs ("kok en schoonmaker"): each job's own first candidate leads,
in the order said, and the answer is flagged (``coding_parts``). The rule on tiny data, then on
the committed data with answers of our own."""

from __future__ import annotations

import functools

import pytest

from skilltool.coding_parts import answer_parts, parts_first, parts_of
from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData
from tests.test_occupations_props import REPO_DATA


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("kok en schoonmaker", ["kok", "schoonmaker"]),
        ("lasser/monteur", ["lasser", "monteur"]),
        ("kapper, verkoper", ["kapper", "verkoper"]),
        ("welder and painter", ["welder", "painter"]),
        ("bakker & slager + visser", ["bakker", "slager", "visser"]),
        ("kok", []),
        ("taxi- en vrachtwagenchauffeur", []),  # the first part borrows a head no one gave here
        ("lecturer of chemistry", []),  # "of" is not split on: English has it inside titles
        ("a, b, c, d", []),  # more than three: a list, not jobs side by side
        ("kok en", []),
    ],
)
def test_the_parts_of_an_answer(text: str, parts: list[str]) -> None:
    assert parts_of(text) == parts


def test_a_part_ending_in_a_hyphen_borrows_the_next_parts_head() -> None:
    """Dutch leaves out a head the parts share: "taxi- en vrachtwagenchauffeur" names a
    *taxichauffeur* and a *vrachtwagenchauffeur*."""
    heads = {"vrachtwagenchauffeur": "chauffeur", "fruitteler": "teler"}
    assert parts_of("taxi- en vrachtwagenchauffeur", heads.get) == ["taxichauffeur", "vrachtwagenchauffeur"]
    three = ["groenteteler", "bloemteler", "fruitteler"]
    assert parts_of("groente-, bloem- en fruitteler", heads.get) == three
    assert parts_of("taxi- en kok", heads.get) == []  # no head to borrow: not split


N_OCC = 10  # concepts from 10 on are ISCO-08 groups
ISCOS = ["0110", "9112", "9129", "5120", "7512", "5223", "7511", "0310", "0210", "0110", "91", "75", "52"]
WHOLE = [(1, 60.0, 5), (2, 50.0, 6)]  # a cleaner of buildings, of carpets: half-matches


def _first(whole: list[tuple[int, float, int]], firsts: list[tuple[int, float, int] | None]) -> object:
    return parts_first(whole, firsts, ISCOS, N_OCC)


def test_each_part_leads_in_the_order_said() -> None:
    cook, baker = (3, 100.0, 7), (4, 96.5, 8)
    assert _first(WHOLE, [cook, baker]) == [cook, baker, *WHOLE]
    # a part's first that the whole list has too is listed once
    assert _first(WHOLE, [cook, (2, 90.0, 6)]) == [cook, (2, 90.0, 6), WHOLE[0]]


def test_the_whole_lists_first_stays_when_it_is_one_of_the_jobs() -> None:
    """ "kok en schoonmaker": the whole list's cleaner of buildings is within the cleaners' family the
    second part named, so it stays first and the cook follows."""
    cook, cleaners = (3, 100.0, 7), (10, 96.5, -1)
    assert _first(WHOLE, [cook, cleaners]) == [WHOLE[0], cook, WHOLE[1]]


def test_a_family_part_counts_as_named_whatever_its_score() -> None:
    family = (12, 66.5, -1)  # a group first: "verkoper"
    assert _first(WHOLE, [family, (3, 100.0, 7)]) == [family, (3, 100.0, 7), *WHOLE]
    weak_occupation = (5, 66.5, -1)  # an occupation the second opinion found: no family
    assert _first(WHOLE, [weak_occupation, (3, 100.0, 7)]) is None


def test_no_split_when_a_part_is_unclear_or_the_whole_is_a_name() -> None:
    assert _first(WHOLE, [(3, 100.0, 7), None]) is None  # a part named nothing
    assert _first(WHOLE, [(3, 100.0, 7), (4, 70.0, 8)]) is None  # a weak part
    assert _first([(1, 96.5, 5)], [(3, 100.0, 7), (4, 100.0, 8)]) is None  # the whole is a name


@functools.cache
def _coder() -> OccupationCoder:
    return OccupationCoder.from_reference(ReferenceData(REPO_DATA))


def test_a_job_said_but_missing_from_the_list_joins_the_first_candidates() -> None:
    """ "kapper, verkoper": the whole text's list held the hairdresser and a beauty salon's
    manager, but no seller; the sellers' family now follows the hairdresser, flagged, and
    ``code_many`` (which ranks the parts as one batch) gives the same answer as ``code``."""
    text = "kapper, verkoper"
    assert answer_parts(_coder()._table, text, _whole(text)) == ["kapper", "verkoper"]
    result = _coder().code(text, lang="nl", top=5)
    assert result.needs_review
    assert [c.isco for c in result.candidates[:2]] == ["5141", "52"]
    assert OccupationCoder.from_reference(ReferenceData(REPO_DATA)).code_many([text], lang="nl")[0] == result


def test_jobs_already_among_the_candidates_are_not_split() -> None:
    """ "kok en schoonmaker": the cleaners and the cook are both among the first five already;
    the list stays as the whole text ranked it (no part is coded again)."""
    text = "kok en schoonmaker"
    assert answer_parts(_coder()._table, text, _whole(text)) == []
    codes = [c.isco for c in _coder().code(text, lang="nl", top=5).candidates]
    assert "5120" in codes and any(code.startswith("91") for code in codes), codes


def _whole(text: str) -> list[tuple[int, float, int]]:
    """The whole text's ranking, as the coder keeps it."""
    *_, memo = _coder()._ranking(text, "nl", 5)
    assert memo is not None
    return memo[0]


def test_a_name_with_a_conjunction_in_it_is_not_split() -> None:
    for text in ("dames- en kinderkleermaker", "schoonmaker van gordijnen en tapijten"):
        result = _coder().code(text, lang="nl", top=5)
        assert not result.needs_review and result.candidates[0].matched == text
