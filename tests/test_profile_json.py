"""``profile_json.ProfileJson`` writes exactly pydantic's JSON of a profile (the batch's
``profiles.jsonl`` lines), on the real data's suggestions and on hand-made edge cases."""

from __future__ import annotations

from functools import cache

import pytest

from skilltool import profile_files, profile_json
from skilltool.models import Profile, Suggestion
from skilltool.profile_building import add_suggestions
from skilltool.reference import ReferenceData

from .conftest import REPO
from .tracing import TRACED_EVERY, untraced

PERSONAS = REPO / "examples" / "personas"
NAMES = sorted(p.stem for p in PERSONAS.glob("*.json"))


@cache
def _ref() -> ReferenceData:
    return ReferenceData(REPO / "data")


def _pydantic(profile: Profile) -> bytes:
    return Profile.__pydantic_serializer__.to_json(profile, exclude_none=True) + b"\n"


def test_the_suggestion_model_is_the_one_written() -> None:
    """``FIELDS`` is ``Suggestion``'s fields in order and its lists end ``Profile``: a schema change
    fails here (the module then falls back to pydantic for every profile, correct but slower)."""
    assert tuple(Suggestion.model_fields) == profile_json.FIELDS
    assert profile_json.MATCHES


@pytest.mark.usefixtures("real_data_env")
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_persona_with_suggestions_is_written_as_pydantic_writes_it(lang: str) -> None:
    """Each persona's profile with its suggestions and own trade (with and without ``fit``), written
    twice by one writer (its memo filled the second time), equals pydantic's JSON byte for byte."""
    writer = profile_json.ProfileJson()
    for n, name in enumerate(NAMES):
        profile = profile_files.read_profile(PERSONAS / f"{name}.json")
        for fit in (True, False):
            with untraced(n % TRACED_EVERY != 0):  # every eighth persona traced (tests.tracing)
                full = add_suggestions(profile, ref=_ref(), lang=lang, fit=fit)
                first, second, expected = writer.line(full), writer.line(full), _pydantic(full)
            assert first == expected, name
            assert second == expected, name


@pytest.mark.usefixtures("real_data_env")
def test_edge_values_are_written_as_pydantic_writes_them() -> None:
    """None left out (Dutch level, recognition), empty lists, quotes, control characters and
    non-ASCII in labels, a float score with many digits, and a profile without suggestions."""
    profile = profile_files.read_profile(PERSONAS / f"{NAMES[0]}.json")
    full = add_suggestions(profile, ref=_ref(), lang="nl")
    assert full.suggestions
    first = full.suggestions[0]
    odd = first.model_copy(
        update={
            "label": 'kok "chef" \\ \t\n\x01 café – 職',
            "score": 12.345678901234567,
            "dutch_needed": None,
            "recognition": None,
            "fit": [],
            "missing_skills": [],
            "certificates_missing": ["VCA", "ü"],
        }
    )
    edited = full.model_copy(update={"suggestions": [odd, *full.suggestions[1:]], "own_trade": []})
    writer = profile_json.ProfileJson()
    assert writer.line(edited) == _pydantic(edited)
    assert writer.line(profile) == _pydantic(profile)


@pytest.mark.usefixtures("real_data_env")
def test_the_memo_starts_again_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """The memo of serialised objects is bounded (``SHARED_MAX``) and the output is the same across
    a restart."""
    monkeypatch.setattr(profile_json, "SHARED_MAX", 3)
    profile = profile_files.read_profile(PERSONAS / f"{NAMES[0]}.json")
    full = add_suggestions(profile, ref=_ref(), lang="nl")
    writer = profile_json.ProfileJson()
    for _ in range(3):
        assert writer.line(full) == _pydantic(full)
        assert len(writer._shared) <= 3
