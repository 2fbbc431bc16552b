"""Properties of normalisation and coding (Hypothesis): a preferred label codes to its own occupation."""

from __future__ import annotations

import functools
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skilltool import textnorm
from skilltool.models import Occupation
from skilltool.occupations import OccupationCoder, build_occupation_table
from skilltool.reference import ReferenceData

REPO_DATA = Path(__file__).resolve().parents[1] / "data"


@given(st.text(max_size=80))
def test_clean_is_idempotent(text: str) -> None:
    """Cleaning twice is cleaning once, for any text (any script, controls, symbols)."""
    once = textnorm.clean(text)
    assert textnorm.clean(once) == once


@given(st.text(max_size=80))
def test_normalize_is_short_and_clean(text: str) -> None:
    """Normalised text is cleaned text (no capitals, single spaces) and never over the limit."""
    result = textnorm.normalize(text)
    assert result == textnorm.clean(result)
    assert len(result) <= textnorm.MAX_CHARS


@given(st.text(min_size=1, max_size=400))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], max_examples=60)
def test_code_never_raises(tiny_data: Path, text: str) -> None:
    """Any text gives a result (maybe with a problem), never an exception; candidates are sorted."""
    coder = _tiny_coder(tiny_data)
    result = coder.code(text)
    scores = [c.score for c in result.candidates]
    assert all(0 <= s <= 100 for s in scores)
    assert result.candidates or result.problem


@functools.cache
def _tiny_coder(data: Path) -> OccupationCoder:
    return OccupationCoder(build_occupation_table(ReferenceData(data)))


@given(st.data())
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_tiny_preferred_labels_code_to_themselves(tiny_data: Path, data: st.DataObject) -> None:
    """Every preferred label of the tiny fixture, in either language, codes to its occupation first."""
    ref = ReferenceData(tiny_data)
    occ = data.draw(st.sampled_from(ref.occupations.occupations))
    lang = data.draw(st.sampled_from(["nl", "en"]))
    label = occ.label.get(lang)
    best = _tiny_coder(tiny_data).code(label, lang=lang).candidates[0]
    assert best.uri == occ.uri
    assert best.score == 100.0


def _key(label: str) -> str:
    """A label as the coder's exact dictionary sees it: its words, without spaces."""
    return "".join(textnorm.tokens(textnorm.normalize(label)))


@functools.cache
def _real() -> tuple[OccupationCoder, list[tuple[Occupation, str]]]:
    """The repository's data and its unambiguous preferred labels.

    A preferred label is unambiguous when no other occupation has the same label (preferred,
    alternative or hidden, either language, after normalisation and without spaces): ESCO has a
    few duplicates, such as 'portier' or 'child care worker' ~ 'childcare worker', and those
    cannot code to one occupation. The data and the coder come from the run's compiled cache
    (``conftest.compiled_cache``, content-addressed, compiled once per run): built here without
    it, they cost about 6 s of CPU, three times that under coverage.
    """
    ref = ReferenceData(REPO_DATA)
    occupations = ref.occupations
    owners: dict[str, set[str]] = {}
    for occ in occupations.occupations:
        for lang in ("nl", "en"):
            labels = [getattr(occ.label, lang), *getattr(occ.alt, lang), *getattr(occ.hidden, lang)]
            for label in labels:
                if label:
                    owners.setdefault(_key(label), set()).add(occ.uri)
    unique = [
        (occ, lang)
        for occ in occupations.occupations
        for lang in ("nl", "en")
        if getattr(occ.label, lang) and owners[_key(getattr(occ.label, lang))] == {occ.uri}
    ]
    return OccupationCoder.from_reference(ref), unique


@given(st.data())
@settings(max_examples=150, deadline=None)
def test_real_preferred_labels_code_to_themselves(data: st.DataObject) -> None:
    """A sample of ESCO v1.1.1 preferred labels (nl and en) each codes to its own occupation first,
    unless another source disagrees (CBS's index files the same title under another ISCO-08 unit
    group): then the answer is flagged for review and the label's own occupation is still offered.
    """
    coder, unique = _real()
    occ, lang = data.draw(st.sampled_from(unique))
    label = getattr(occ.label, lang)
    result = coder.code(label, lang=lang)
    if result.candidates[0].uri != occ.uri:
        assert result.needs_review, (label, result.candidates[:2])
        assert occ.uri in {c.uri for c in result.candidates}, (label, result.candidates[:3])
