"""An answer that names several jobs ("kok en schoonmaker"): each job's own first candidate leads,
in the order said, and the answer is flagged (``coding_parts``). The rule on tiny data, then on
the committed data with answers of our own."""

from __future__ import annotations

import functools

import pytest

from skilltool.coding_parts import parts_first, parts_of
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


@pytest.mark.parametrize(
    ("text", "lang", "first", "second"),
    [
        ("kok en schoonmaker", "nl", "91", "5120"),  # the whole list's cleaner, then the cook
        ("kapper, verkoper", "nl", "5141", "52"),
        ("baker and butcher", "en", "7512", "7511"),
        ("bakker en verkoper", "nl", "7512", "52"),
    ],
)
def test_two_jobs_in_one_answer(text: str, lang: str, first: str, second: str) -> None:
    """The whole text matched no label well, and the jobs said were not both among the first
    candidates (no cook near the cleaner of buildings); now each job said leads, flagged, and
    ``code_many`` (which ranks the parts as one batch) gives the same answer as ``code``."""
    result = _coder().code(text, lang=lang, top=5)
    assert result.needs_review
    codes = [c.isco for c in result.candidates]
    assert codes[0].startswith(first) and codes[1].startswith(second), codes
    assert OccupationCoder.from_reference(ReferenceData(REPO_DATA)).code_many([text], lang=lang)[0] == result


def test_a_name_with_a_conjunction_in_it_is_not_split() -> None:
    for text in ("dames- en kinderkleermaker", "schoonmaker van gordijnen en tapijten"):
        result = _coder().code(text, lang="nl", top=5)
        assert not result.needs_review and result.candidates[0].matched == text
