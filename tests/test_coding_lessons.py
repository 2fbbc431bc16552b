"""Lessons given outside a school's subjects are taught by their own unit groups (2353-2356,
2359: ``coding_lessons``); a supervisor said in Dutch leads with the supervisors of the worker's
group (``coding_managers.said_supervisor_first``); a student named by the field in one Dutch word
is studying (``coding_studies.study_compound``); food sold in the street is street food (5212,
``coding_stalls.street_food_first``). Made-up answers in the intake's style; the coder on
the committed data."""

from __future__ import annotations

import functools

import pytest

from skilltool import coding_lessons, coding_managers, coding_stalls, coding_studies, textnorm
from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData
from tests.test_occupations_props import REPO_DATA


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("gaf koerdische les aan vrouwen", "2353"),
        ("pianoles gegeven", "2354"),
        ("dansles voor meisjes", "2355"),
        ("taught excel classes to adults", "2356"),
        ("bijles natuurkunde", "2359"),  # tutoring in a school subject: a tutor of their own
        ("tutoring chemistry", "2359"),
        ("leraar perzisch", None),  # a teacher's title names no lesson: at a school as often
        ("les", None),  # lessons of no subject
        ("gitaarbouwer", None),  # a subject without lessons
    ],
)
def test_the_group_of_the_lessons(text: str, group: str | None) -> None:
    assert coding_lessons.lesson_group(text.split()) == group


_ISCOS = ["7312", "2354", "2330", "2353"]
_GROUP_OF = {"2353": 3, "2354": 1}


def test_a_flagged_ranking_is_led_by_the_lessons_group() -> None:
    hits = [(0, 60.0, 10), (2, 50.0, 12), (1, 40.0, 11)]
    assert coding_lessons.lessons_first(hits, True, "vioolles gegeven", _ISCOS, _GROUP_OF) == [
        (1, 40.0, 11),
        (0, 60.0, 10),
        (2, 50.0, 12),
    ]
    moved = coding_lessons.lessons_first(hits, True, "Perzische les op een instituut", _ISCOS, _GROUP_OF)
    assert moved[0] == (3, 60.0, -1)  # not among the candidates: the group itself
    assert coding_lessons.lessons_first(hits, False, "vioolles gegeven", _ISCOS, _GROUP_OF) == hits


@functools.cache
def _coder() -> OccupationCoder:
    return OccupationCoder.from_reference(ReferenceData(REPO_DATA))


@pytest.mark.parametrize(
    ("text", "lang", "group"),
    [
        ("gaf turkse les op een instituut in izmir", "nl", "2353"),
        ("vioolles geven aan kinderen", "nl", "2354"),
        ("gave drawing lessons at a community centre", "en", "2355"),
    ],
)
def test_lessons_are_coded_to_their_teachers(text: str, lang: str, group: str) -> None:
    result = _coder().code(text, lang=lang)
    assert result.candidates[0].isco == group
    assert result.needs_review  # given or taken, and where: asked


_SUPERVISED = ["9112", "8160", "3122", "5151", "6113", "1420"]
_SUPERVISORS = {"3122": 2, "5151": 3}


@pytest.mark.parametrize(
    ("hits", "normalized", "first"),
    [
        ([(0, 50.0, 10), (4, 40.0, 14)], "ploegleider schoonmaak", (3, 50.0, -1)),
        ([(1, 50.0, 11), (2, 45.0, 12)], "teamleider productielijn", (2, 45.0, 12)),
        ([(1, 50.0, 11)], "leidinggevende inpakafdeling", (2, 50.0, -1)),
        ([(1, 50.0, 11)], "productiemedewerker", (1, 50.0, 11)),  # no supervisor said
        ([(1, 50.0, 11)], "teamleider en bedrijfsleider", (1, 50.0, 11)),  # a manager said too
        ([(1, 50.0, 11)], "supervisor of the packing line", (1, 50.0, 11)),  # English: ESCO's own groups
        ([(4, 50.0, 14)], "voorman kwekerij", (4, 50.0, 14)),  # no supervisors' group of growers
        ([(5, 50.0, 15)], "teamleider winkel", (5, 50.0, 15)),  # a manager leads: unchanged
    ],
)
def test_a_said_supervisor_leads_the_workers(
    hits: list[tuple[int, float, int]], normalized: str, first: tuple[int, float, int]
) -> None:
    moved = coding_managers.said_supervisor_first(hits, True, normalized, _SUPERVISED, _SUPERVISORS)
    assert moved[0] == first
    assert coding_managers.said_supervisor_first(hits, False, normalized, _SUPERVISED, _SUPERVISORS) == hits


def test_a_said_supervisor_of_cleaners_is_coded_so() -> None:
    result = _coder().code("leidinggevende van de schoonmakers in een ziekenhuis", lang="nl")
    assert result.candidates[0].isco == "5151"


@pytest.mark.parametrize(
    ("word", "study"),
    [
        ("economiestudent", True),
        ("biologiestudente", True),
        ("werkstudent", False),  # a student's job
        ("student", False),  # the bare word: read elsewhere
        ("ictstudent", False),  # too short a field to tell
        ("studentenbegeleider", False),
    ],
)
def test_a_student_named_by_the_field(word: str, study: bool) -> None:
    assert coding_studies.study_compound(word) is study


@pytest.mark.parametrize("text", ["economiestudent", "farmaciestudente in Herat", "masterstudent"])
def test_a_student_is_not_coded(text: str) -> None:
    result = _coder().code(text, lang="nl")
    assert not result.candidates
    assert result.problem


_STREET = ["9520", "5212", "5246", "7512"]


@pytest.mark.parametrize(
    ("hits", "normalized", "first"),
    [
        ([(0, 50.0, 10), (1, 40.0, 11)], "samosa straatverkoper", (1, 40.0, 11)),
        ([(2, 50.0, 12)], "icecream seller at the beach", (4, 50.0, -1)),  # the group itself
        ([(2, 50.0, 12)], "icecream seller at the mall", (2, 50.0, 12)),  # a counter, indoors
        ([(0, 50.0, 10)], "sokken straatverkoper", (0, 50.0, 10)),  # no food: 9520's own
        ([(3, 50.0, 13)], "koffie bakker", (3, 50.0, 13)),  # no seller in the street leads
    ],
)
def test_food_sold_in_the_street(
    hits: list[tuple[int, float, int]], normalized: str, first: tuple[int, float, int]
) -> None:
    moved = coding_stalls.street_food_first(hits, True, normalized, _STREET, {"5212": 4})
    assert moved[0] == first
    assert coding_stalls.street_food_first(hits, False, normalized, _STREET, {"5212": 4}) == hits


def test_tea_sold_in_the_street_is_street_food() -> None:
    assert _coder().code("chai verkocht op straat in Kabul", lang="nl").candidates[0].isco == "5212"


@pytest.mark.parametrize(
    ("text", "group"),
    [("timmerman via een uitzendbureau", "7115"), ("stukadoor via tempo team", "7123")],
)
def test_a_job_had_via_an_agency_is_the_job(text: str, group: str) -> None:
    """How the job was had ("via een uitzendbureau") is context, as a workplace after "bij" is: the
    agency's own worker (an employment agent, 3333) led."""
    assert textnorm.context_start(textnorm.normalize(text)) == 1
    assert _coder().code(text, lang="nl").candidates[0].isco == group
