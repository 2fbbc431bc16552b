"""A manager only when the title says one (``coding_managers``): a flagged ranking led by a
manager is led by a worker when no word of the title manages, owns or leads. Made-up answers in
the intake's style; the coder on the committed data. And an alias of several occupations or
levels (``ask`` in data/occupation_aliases.yaml) leaves its answer flagged."""

from __future__ import annotations

import functools

import pytest

from skilltool import coding_managers
from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData
from tests.test_occupations_props import REPO_DATA

_ISCOS = ["1420", "5230", "9112", "1120"]  # two managers, two workers; concept 4 is a group
_HITS = [(0, 60.0, 10), (1, 55.0, 11), (2, 50.0, 12)]


@pytest.mark.parametrize(
    ("normalized", "manages"),
    [
        ("kassiere warenhuis", False),
        ("bedrijfsleider warenhuis", True),  # inside a compound
        ("afdelingshoofd warenhuis", True),
        ("ran a small shop", True),
        ("eigenaar van een winkel", True),  # owning keeps the lexical order
        ("winkel manger", True),  # a common misspelling
        ("town cleaner", False),  # "own" only as a whole word
    ],
)
def test_managing_words(normalized: str, manages: bool) -> None:
    assert coding_managers.managing(normalized) is manages


def test_a_flagged_manager_yields_to_the_first_worker() -> None:
    hits = coding_managers.unsaid_manager_last(_HITS, True, "kassiere warenhuis", _ISCOS, 4)
    assert hits == [(1, 55.0, 11), (0, 60.0, 10), (2, 50.0, 12)]


@pytest.mark.parametrize(
    ("hits", "flagged", "normalized"),
    [
        (_HITS, False, "kassiere warenhuis"),  # unflagged: a whole label the title said
        (_HITS, True, "chef warenhuis"),  # the title says who leads
        ([(1, 55.0, 11), (0, 60.0, 10)], True, "kassiere warenhuis"),  # a worker leads already
        ([(4, 60.0, -1), (1, 55.0, 11)], True, "kassiere warenhuis"),  # a group leads
        ([(0, 60.0, 10), (3, 50.0, 13)], True, "kassiere warenhuis"),  # no worker to lead
        ([], True, "kassiere warenhuis"),
    ],
)
def test_other_rankings_are_unchanged(
    hits: list[tuple[int, float, int]], flagged: bool, normalized: str
) -> None:
    assert coding_managers.unsaid_manager_last(hits, flagged, normalized, _ISCOS, 4) == hits


@functools.cache
def _coder() -> OccupationCoder:
    return OccupationCoder.from_reference(ReferenceData(REPO_DATA))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("kassière warenhuis", "5230"),  # was the department store's manager (1420)
        ("portier warenhuis", "5414"),
        ("schoonmaakster warenhuis", "9112"),
    ],
)
def test_a_worker_at_a_place_is_not_its_manager(text: str, code: str) -> None:
    result = _coder().code(text, lang="nl")
    assert result.candidates[0].isco == code
    assert result.needs_review  # still checked: the place pulled the search elsewhere


def test_a_director_said_leads_with_the_first_manager() -> None:
    """The title opens with a directing word and a worker leads (the place filled a worker's label):
    the first manager among the candidates leads, the answer stays flagged."""
    workers_first = [(1, 55.0, 11), (2, 50.0, 12), (0, 40.0, 10)]
    hits = coding_managers.said_manager_first(workers_first, True, "directeur kledingfabriek", _ISCOS, 4)
    assert hits == [(0, 40.0, 10), (1, 55.0, 11), (2, 50.0, 12)]
    for flagged, normalized in ((False, "directeur kledingfabriek"), (True, "kassiere kledingfabriek")):
        unchanged = coding_managers.said_manager_first(workers_first, flagged, normalized, _ISCOS, 4)
        assert unchanged == workers_first
    result = _coder().code("directeur kledingfabriek", lang="nl")
    assert result.candidates[0].isco.startswith("1") and result.needs_review


def test_a_manager_said_stays_first() -> None:
    assert _coder().code("bedrijfsleider warenhuis", lang="nl").candidates[0].isco.startswith("1")


@pytest.mark.parametrize(
    ("text", "lang"), [("moallem", "nl"), ("doktor", "nl"), ("kurye", "nl"), ("macallin", "en")]
)
def test_an_alias_of_several_occupations_stays_flagged(text: str, lang: str) -> None:
    """An alias marked ``ask`` (a teacher of any school, a doctor of any speciality, a courier of
    any vehicle) leads its answer but leaves it for the caseworker to ask."""
    result = _coder().code(text, lang=lang)
    assert result.candidates and result.candidates[0].matched.casefold() == text
    assert result.needs_review


def test_an_alias_of_one_occupation_goes_unflagged() -> None:
    result = _coder().code("najjar", lang="nl")
    assert result.candidates[0].isco == "7115" and not result.needs_review


def test_the_aliases_to_ask_say_what_to_ask() -> None:
    """Each alias marked ``ask`` names in its note what is ambiguous; the marks are read into the
    table by (occupation, alias)."""
    from skilltool.occupation_data import load_aliases

    ref = ReferenceData(REPO_DATA)
    asked = [a for a in load_aliases(ref).aliases if a.ask]
    assert len(asked) >= 20
    assert all(any(w in a.note.lower() for w in ("ask", "generic", "level", "ambiguous")) for a in asked)
    assert len(_coder().table.ask_aliases) == len(asked)
