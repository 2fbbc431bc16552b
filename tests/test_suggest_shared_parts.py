"""The shown score parts shared between suggestions (``SuggestIndex.score_part_memo``, filled by
``suggest_build``): a shared part is exactly the part its inputs give, never another person's or
another candidate's, whatever the memo held before."""

from __future__ import annotations

from functools import cache

from skilltool import profile_files, suggest
from skilltool.models import Profile, ScorePart, SuggestionResult
from skilltool.reference import ReferenceData

from .conftest import REPO
from .tracing import TRACED_EVERY, untraced

PERSONAS = sorted((REPO / "examples" / "personas").glob("*.json"))


@cache
def _ref() -> ReferenceData:
    return ReferenceData(REPO / "data")


def _json(result: SuggestionResult) -> bytes:
    return SuggestionResult.__pydantic_serializer__.to_json(result)


def _profiles() -> list[Profile]:
    return [profile_files.read_profile(path) for path in PERSONAS]


def test_shared_parts_are_the_ones_built_fresh() -> None:
    """Every persona's suggestions, made after all the others filled the memo, serialise to the
    same bytes as when made with an empty memo (in both languages)."""
    ref = _ref()
    memo = ref.suggest_index.score_part_memo
    profiles = _profiles()
    assert len(profiles) >= 10
    traced = len(profiles) // TRACED_EVERY  # the first ones run traced, the others not (tests.tracing)
    for lang in ("nl", "en"):
        warm = [_json(suggest.suggest(p, ref=ref, lang=lang)) for p in profiles[:traced]]
        with untraced():
            warm += [_json(suggest.suggest(p, ref=ref, lang=lang)) for p in profiles[traced:]]
        assert len(memo.data) > 0
        for n, (profile, shared) in enumerate(zip(profiles, warm, strict=True)):
            memo.data.clear()
            with untraced(n >= traced):
                again = _json(suggest.suggest(profile, ref=ref, lang=lang))
            assert again == shared


def test_a_part_follows_the_persons_dutch_level() -> None:
    """Two people alike but for their Dutch level get other Dutch parts for the same occupation
    (each naming its own level); two people alike in every input share the very same part."""
    ref = _ref()
    profile = next(p for p in _profiles() if p.work)
    low = profile.model_copy(update={"dutch": profile.dutch.model_copy(update={"cefr": "A1"})})
    high = profile.model_copy(update={"dutch": profile.dutch.model_copy(update={"cefr": "C1"})})

    def dutch_parts(p: Profile) -> dict[str, ScorePart]:
        result = suggest.suggest(p, ref=ref, lang="en")
        return {s.uri: next(x for x in s.parts if x.name == "dutch") for s in result.own_trade}

    first, again, other = dutch_parts(low), dutch_parts(low), dutch_parts(high)
    assert first and first.keys() == other.keys()
    for uri, part in first.items():
        assert again[uri] is part
        assert other[uri] is not part
        assert "A1" in part.evidence.render("en")
        assert "C1" in other[uri].evidence.render("en")
