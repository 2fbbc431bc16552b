"""Whole suggestions shared between people (``SuggestIndex.built_memo``, ``suggest_reuse``): a
shared suggestion is exactly the one its person's inputs give when built anew, whatever the memo
held before; and the two-generation memo it lives in (``memo.Generations``)."""

from __future__ import annotations

import pytest

from skilltool import profile_files, suggest
from skilltool.memo import Generations
from skilltool.models import Profile
from skilltool.reference import ReferenceData

from .test_suggest_shared_parts import PERSONAS, _json, _ref
from .tracing import untraced


def _forget(ref: ReferenceData) -> None:
    """Empty the memos a suggestion is built from, so the next one is built anew."""
    index = ref.suggest_index
    index.built_memo.data.clear()
    index.built_memo.before.clear()
    index.score_part_memo.data.clear()


def _variants(profile: Profile) -> list[Profile]:
    """``profile`` and people alike but for one input a built suggestion reads: the Dutch level,
    the hours, the wished sectors, the driving licences (with an EU country), the certificates."""
    out = [profile]
    for cefr in ("A1", "B1", "C1", None):
        out.append(profile.model_copy(update={"dutch": profile.dutch.model_copy(update={"cefr": cefr})}))
    for hours in (12, 24, 40, None):
        out.append(
            profile.model_copy(update={"wishes": profile.wishes.model_copy(update={"hours_per_week": hours})})
        )
    for sectors in (["zorg"], ["bouw", "techniek"], []):
        out.append(
            profile.model_copy(update={"wishes": profile.wishes.model_copy(update={"sectors": sectors})})
        )
    out.append(profile.model_copy(update={"driving_licences": ["B", "C"], "driving_licence_country": "NL"}))
    out.append(profile.model_copy(update={"certificates": ["VCA"]}))
    return out


@pytest.mark.timeout(900)  # 27-32 s of CPU; at load 15-20 on 2 cores it passed 300 s of wall (tests24)
def test_personas_alike_share_only_what_building_anew_gives() -> None:
    """Every persona and its variants, suggested after all the others filled the memo, serialise to
    the same bytes as when built with empty memos (both languages, with and without ``fit``)."""
    ref = _ref()
    groups = [_variants(profile_files.read_profile(path)) for path in PERSONAS[::3]]
    people = [v for group in groups for v in group]
    assert len(people) >= 50
    traced = len(groups[0])  # the first persona's variants run traced, the others not (tests.tracing)
    for lang in ("nl", "en"):
        for fit in (True, False):
            warm = [_json(suggest.suggest(p, ref=ref, lang=lang, fit=fit)) for p in people[:traced]]
            with untraced():
                warm += [_json(suggest.suggest(p, ref=ref, lang=lang, fit=fit)) for p in people[traced:]]
            assert len(ref.suggest_index.built_memo) > 0
            for n, (person, shared) in enumerate(zip(people, warm, strict=True)):
                _forget(ref)
                with untraced(n >= traced):
                    again = _json(suggest.suggest(person, ref=ref, lang=lang, fit=fit))
                assert again == shared, person.personal


def test_people_alike_share_the_very_suggestion() -> None:
    """Two people with the same inputs get the same suggestion object (it is built once); a person
    with another Dutch level gets other objects where the Dutch part differs."""
    ref = _ref()
    profile = next(p for path in PERSONAS if (p := profile_files.read_profile(path)).work)
    first = suggest.suggest(profile, ref=ref, lang="en")
    again = suggest.suggest(profile.model_copy(deep=True), ref=ref, lang="en")
    assert first.suggestions
    for a, b in zip(first.suggestions, again.suggestions, strict=True):
        assert a is b
    low = profile.model_copy(update={"dutch": profile.dutch.model_copy(update={"cefr": "A1"})})
    high = profile.model_copy(update={"dutch": profile.dutch.model_copy(update={"cefr": "C2"})})
    lows = {s.uri: s for s in suggest.suggest(low, ref=ref, lang="en").own_trade}
    highs = {s.uri: s for s in suggest.suggest(high, ref=ref, lang="en").own_trade}
    assert lows and lows.keys() == highs.keys()
    for uri, s in lows.items():
        assert s is not highs[uri]
        assert "A1" in next(p for p in s.parts if p.name == "dutch").evidence.render("en")


@pytest.mark.parametrize("size", [1, 3])
def test_generations_keep_what_is_in_use(size: int) -> None:
    """A full generation becomes the one before; a hit there is carried into the current one, so an
    entry read in every generation is never lost; at most two generations are held."""
    memo: Generations[int, str] = Generations(size)
    memo.put(0, "kept")
    for n in range(1, 20):
        assert memo.get(0) == "kept"
        memo.put(n, str(n))
        assert len(memo.data) <= size
        assert len(memo) <= 2 * size
    assert memo.get(1) is None  # not read since: dropped with its generation


def test_parquet_rows_of_a_shared_suggestion_are_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """The suggestions table's columns are kept per suggestion object and language
    (``batch_rows.Rendered.suggestions``, bounded by ``SUGGESTIONS_MAX``): a profile's rows are the
    same whether its suggestions' columns come from the memo or are read anew, in each language."""
    from skilltool import batch_rows, profile_building

    monkeypatch.setattr(batch_rows, "SUGGESTIONS_MAX", 4)
    ref = _ref()
    profiles = [
        profile_building.add_suggestions(profile_files.read_profile(path), ref=ref, lang=lang, fit=False)
        for path in PERSONAS[:6]
        for lang in ("nl", "en")
    ]
    assert any(p.suggestions for p in profiles)
    most = max(len(p.suggestions) for p in profiles)
    kept = batch_rows.TableRows()
    for n, profile in enumerate(profiles * 2):
        fresh = batch_rows.TableRows()
        fresh.add_profile(n, profile, highest=("", None, ""), flags=[])
        before = len(kept.rows["suggestions"])
        kept.add_profile(n, profile, highest=("", None, ""), flags=[])
        assert kept.rows["suggestions"][before:] == fresh.rows["suggestions"]
        # emptied when full before a profile, so at most one profile's suggestions over the bound
        # (per language: the other language's dict last grew with another profile)
        assert all(len(memo) <= 4 + most for memo in kept.rendered.suggestions.values())
