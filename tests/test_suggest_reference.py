"""The numpy scoring path (``suggest_arrays.score_touched``) against the one reference
implementation of the score (``suggest_scoring.parts_of`` + ``total``), on every example persona.

The reference scores one candidate at a time from first principles; the numpy path scores all the
candidates a person touches at once, from per-group class parts (``group_parts``). Both must give
the very same floats, skill counts and fit decisions, or the ranking would differ from what
``explain`` shows. ``tests/test_suggest_property.py`` checks the merged ranking on generated
profiles; this file pins the numpy path itself, candidate by candidate, on the curated personas.
"""

from __future__ import annotations

from functools import cache

import pytest

from skilltool import profile_files, suggest_select
from skilltool.models import Profile
from skilltool.reference import ReferenceData
from skilltool.suggest_person import Person, person_of
from skilltool.suggest_scoring import (
    ClassParts,
    Parts,
    class_parts,
    combine,
    group_parts,
    has_fit,
    is_blocked,
    parts_of,
    total,
)

from .conftest import REPO
from .tracing import every_nth_traced

PERSONAS = REPO / "examples" / "personas"
NAMES = sorted(p.stem for p in PERSONAS.glob("*.json"))


@cache
def _ref() -> ReferenceData:
    return ReferenceData(REPO / "data")


@cache
def _profile(name: str) -> Profile:
    """The persona's profile, read once per process: its three tests here read the same file (a
    read is 4 ms of CPU, most of it pydantic's validation; 809 reads a run). Nothing here changes
    it: a wish is added to a copy (``model_copy``)."""
    return profile_files.read_profile(PERSONAS / f"{name}.json")


def _person(name: str, *, wish: bool = False) -> Person:
    """The persona as the ranking sees it; with ``wish``, also wishing two occupations by name
    (one in a regulated profession), so the occupation-wish and wished-fit paths are compared
    too (the personas themselves seldom wish an occupation)."""
    profile = _profile(name)
    index = _ref().suggest_index
    if wish:
        plain = next(c for c in index.cands[len(name) * 7 :] if c.regulated is None)
        regulated = next(c for c in index.cands if c.regulated is not None)
        wishes = profile.wishes.model_copy(update={"occupations": [plain.label("nl"), regulated.label("en")]})
        profile = profile.model_copy(update={"wishes": wishes})
    person = person_of(profile, index, "nl")
    assert not wish or len(person.wish_cands) >= 2
    return person


def test_there_are_personas() -> None:
    """The comparison below runs on a real set of personas, not on an empty list."""
    assert len(NAMES) >= 10


@pytest.mark.parametrize("wish", [False, True], ids=["as_is", "with_wishes"])
@pytest.mark.parametrize("name", every_nth_traced(NAMES))
def test_numpy_scores_equal_the_reference(name: str, wish: bool) -> None:
    """For every candidate the persona touches (a shared skill, ISCO prefix or wish) and that is
    not left out, the numpy score is exactly ``total(parts_of(...))``; the skill counts are the
    reference's; the candidates left out are exactly the blocked ones; the real-fit entries are
    exactly the candidates ``has_fit`` accepts, in score order."""
    index = _ref().suggest_index
    p = _person(name, wish=wish)
    ess, opt, touched = suggest_select.touched_counts(index, p)
    scored = suggest_select.rank(index, p, sector=None).scored
    assert [int(x) for x in scored.essential] == [ess.get(n, 0) for n in range(len(index.cands))]
    assert [int(x) for x in scored.optional] == [opt.get(n, 0) for n in range(len(index.cands))]
    assert scored.touched() == touched
    numpy_scores = dict(zip(scored.idx.tolist(), (-scored.neg).tolist(), strict=True))
    expected = {
        n: total(parts_of(index, p, index.cands[n], ess.get(n, 0), opt.get(n, 0)))
        for n in sorted(touched)
        if not is_blocked(index, p, index.cands[n])
    }
    assert numpy_scores == expected
    assert scored.entries() == sorted((-score, n) for n, score in expected.items())
    fit = [(neg, n) for neg, n in scored.entries() if has_fit(index, p, index.cands[n], ess.get(n, 0))]
    assert scored.fit_entries == fit


@pytest.mark.parametrize("name", every_nth_traced(NAMES))
def test_group_parts_equal_the_reference(name: str) -> None:
    """The class parts the fast path reads per group are, for every candidate, exactly the
    reference's ``class_parts``; so an untouched candidate's score (its group's) is its
    reference score with no skills, related work or occupation wish."""
    index = _ref().suggest_index
    p = _person(name)
    by_group = group_parts(index, p)
    _, _, touched = suggest_select.touched_counts(index, p)
    untouched = 0
    for n, c in enumerate(index.cands):
        group = by_group[c.group]
        assert group.parts == class_parts(index, p, c), c.uri
        if n in touched:
            continue
        untouched += 1
        as_group = combine(0.0, 0.0, group.parts, 0.0)
        assert group.wish_rounded == as_group.wishes
        assert as_group == parts_of(index, p, c, 0, 0), c.uri
    assert untouched > 0


def test_parts_are_named() -> None:
    """``Parts`` and ``ClassParts`` are named, so a part is read by name, not by position; the
    score is their sum rounded to 2 decimals."""
    parts = combine(10.004, 5.0, ClassParts(1.0, 2.0, 3.0, 4.0, 5.0, 0.5), 0.25)
    assert isinstance(parts, Parts)
    assert parts.skills == 10.0 and parts.related_work == 5.0 and parts.wishes == 0.75
    assert (parts.level, parts.dutch, parts.tightness, parts.certificates, parts.sector) == (1, 2, 3, 5, 4)
    assert total(parts) == 30.75
