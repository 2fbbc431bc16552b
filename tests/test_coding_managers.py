"""A manager only when the title says one (``coding_managers``): a flagged ranking led by a
manager is led by a worker when no word of the title manages, owns or leads. Made-up answers in
the intake's style; the coder on the committed data. And an alias of several occupations or
levels (``ask`` in data/occupation_aliases.yaml) leaves its answer flagged."""

from __future__ import annotations

import functools
import random

import pytest

from skilltool import coding_managers
from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData
from tests.test_occupations_props import REPO_DATA

_ISCOS = ["1420", "5230", "9112", "1120", "1324", "3123", "7112", "2221", "2221"]
"""Two managers, two workers; a managers' group (4), a supervisor (5), a worker (6), a nurse whose
label supervises (7) and one whose label does not (8)."""
_LABELS = ["", "", "", "", "", "", "", "leidinggevend verpleegkundige", "algemeen verpleegkundige"]
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
    hits = coding_managers.unsaid_manager_last(_HITS, True, "kassiere warenhuis", _ISCOS)
    assert hits == [(1, 55.0, 11), (0, 60.0, 10), (2, 50.0, 12)]


def test_a_managers_group_or_a_supervisor_yields_to_the_first_worker() -> None:
    """A managers' group ("Leidinggevende functies ...") and a supervisors' unit group (3123) lead
    no title that says no managing or supervising: the first worker leads."""
    group_first = [(4, 60.0, -1), (5, 58.0, 14), (6, 55.0, 15)]
    assert coding_managers.unsaid_manager_last(group_first, True, "metselwerk huizen", _ISCOS) == [
        (6, 55.0, 15),
        (4, 60.0, -1),
        (5, 58.0, 14),
    ]
    supervisor_first = [(5, 58.0, 14), (6, 55.0, 15)]
    moved = coding_managers.unsaid_manager_last(supervisor_first, True, "metselwerk huizen", _ISCOS)
    assert moved == [(6, 55.0, 15), (5, 58.0, 14)]
    said = coding_managers.unsaid_manager_last(supervisor_first, True, "voorman bouw", _ISCOS)
    assert said == supervisor_first  # the title says the foreman


def test_a_supervising_label_yields_to_its_own_unit_groups_worker() -> None:
    """Only the label supervises (a head nurse, 2221, for a nurse's answer): the first candidate of
    the same unit group whose label does not, before any other group's worker."""
    hits = [(7, 79.0, 17), (1, 70.0, 11), (8, 60.0, 18)]
    moved = coding_managers.unsaid_manager_last(hits, True, "verpleging", _ISCOS, labels=_LABELS)
    assert moved == [(8, 60.0, 18), (7, 79.0, 17), (1, 70.0, 11)]


def test_a_department_chief_is_a_supervisor_not_the_manager() -> None:
    """A compound ending in *chef* supervises without managing: a manager leading gives way to
    the first supervisor; a supervisor leading stays."""
    hits = [(0, 70.0, 10), (1, 60.0, 11), (5, 55.0, 14)]
    moved = coding_managers.unsaid_manager_last(hits, True, "afdelingschef warenhuis", _ISCOS)
    assert moved == [(5, 55.0, 14), (0, 70.0, 10), (1, 60.0, 11)]
    assert coding_managers.supervising("ploegchef") and coding_managers.supervising("voorman bouw")
    assert not coding_managers.supervising("chef")  # alone also an English cook (and managing)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("steigers opbouwen", "7119"),  # was a foreman of scaffolding (3123)
        ("schilderwerk bij woningen", "7131"),  # was a foreman of industrial painters (3123)
        ("sloopwerk woningen", "7119"),  # not the estate agent the place also named (3334)
    ],
)
def test_a_worker_is_not_the_supervisor_of_the_work(text: str, code: str) -> None:
    result = _coder().code(text, lang="nl")
    assert result.candidates[0].isco == code
    assert result.needs_review


@pytest.mark.parametrize(
    ("hits", "flagged", "normalized"),
    [
        (_HITS, False, "kassiere warenhuis"),  # unflagged: a whole label the title said
        (_HITS, True, "chef warenhuis"),  # the title says who leads
        ([(1, 55.0, 11), (0, 60.0, 10)], True, "kassiere warenhuis"),  # a worker leads already
        ([(6, 60.0, -1), (1, 55.0, 11)], True, "kassiere warenhuis"),  # a worker's group leads
        ([(0, 60.0, 10), (3, 50.0, 13)], True, "kassiere warenhuis"),  # no worker to lead
        ([], True, "kassiere warenhuis"),
    ],
)
def test_other_rankings_are_unchanged(
    hits: list[tuple[int, float, int]], flagged: bool, normalized: str
) -> None:
    assert coding_managers.unsaid_manager_last(hits, flagged, normalized, _ISCOS) == hits


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


def test_a_part_looked_for_in_the_text_is_one_looked_for_in_its_words() -> None:
    """``managing``, ``supervising`` and ``said_supervisor_first`` look for a part of a word in the
    title's text at once: the same answer as word by word (no part holds a space), on titles made of
    the parts, joined to made-up words or standing alone."""
    cm = coding_managers
    parts = [*cm._MANAGING_PARTS, *cm._SUPERVISING_SAID, *cm._SUPERVISOR_SAID, *cm._NOT_SUPERVISOR]
    assert not any(any(ch.isspace() for ch in part) for part in parts)
    pool = [*parts, *sorted(cm._MANAGING_WORDS), "chef", "zzchef", "zzwerk", "overdag", "xa", "b"]
    rng = random.Random(3)
    texts = [" ".join(rng.choices(pool, k=rng.randint(1, 3))) for _ in range(3000)]
    texts += [f"zz{a}{b} q" for a in pool for b in ("", "x", "chef")]
    for text in texts:
        words = text.split()
        assert cm.managing(text) == any(
            w in cm._MANAGING_WORDS or any(p in w for p in cm._MANAGING_PARTS) for w in words
        ), text
        assert cm.supervising(text) == any(
            (w.endswith("chef") and w != "chef") or any(p in w for p in cm._SUPERVISING_SAID) for w in words
        ), text
        said = any(p in w for w in words for p in cm._SUPERVISOR_SAID)
        assert any(map(text.__contains__, cm._SUPERVISOR_SAID)) == said, text
        manager = any(p in w for w in words for p in cm._NOT_SUPERVISOR)
        assert any(map(text.__contains__, cm._NOT_SUPERVISOR)) == manager, text
