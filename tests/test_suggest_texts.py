"""The shared suggestion texts (``suggest_texts.x`` and ``words``): a memoised text is the one its
whole input gives, never another's."""

from __future__ import annotations

import gc

import pytest

from skilltool import suggest_texts
from skilltool.models import Text
from skilltool.suggest_texts import words, x


def _json(text: Text) -> bytes:
    return Text.__pydantic_serializer__.to_json(text, exclude_none=True)


def test_numbers_of_another_type_are_other_texts() -> None:
    """1, 1.0 and True compare equal (and hash alike) but serialise differently: the memo keeps
    them apart, so a stored count never turns into a float or a boolean."""
    as_int, as_float, as_bool = (
        x("r_skills", e=1, ne=2),
        x("r_skills", e=1.0, ne=2),
        x("r_skills", e=True, ne=2),
    )
    assert _json(as_int) == b'{"key":"suggest.r_skills","params":{"e":1,"ne":2}}'
    assert _json(as_float) == b'{"key":"suggest.r_skills","params":{"e":1.0,"ne":2}}'
    assert _json(as_bool) == b'{"key":"suggest.r_skills","params":{"e":true,"ne":2}}'
    assert x("r_skills", e=1, ne=2) is as_int  # the same input: the same shared object


def test_texts_with_words_follow_the_words_content() -> None:
    """A text with a data word as parameter is shared only with the same word: another word (in
    either language) gives another text, also after the memos were emptied and objects freed."""
    first = x("r_related", label=words("lasser", "welder"))
    assert x("r_related", label=words("lasser", "welder")) is first
    other = x("r_related", label=words("lasser", "welder (EN)"))
    assert other is not first
    assert other.render("en").count("welder (EN)") == 1
    assert first.render("en").count("welder (EN)") == 0
    for memo in (suggest_texts._shared, suggest_texts._shared_before):
        memo.clear()
    for words_memo in (suggest_texts._words, suggest_texts._words_before):
        words_memo.clear()
    del first, other
    gc.collect()
    for n in range(50):  # new objects may now reuse freed ids: the texts must still be their own
        label = words(f"beroep {n}", f"occupation {n}")
        assert x("r_related", label=label).render("nl").count(f"beroep {n}") == 1
        assert x("r_related", label=label).render("en").count(f"occupation {n}") == 1


def test_nested_texts_and_languages() -> None:
    """A text holding another text renders each in the asked language, memoised or not."""
    inner = x("ev_direction", direction="richting krapte")
    outer = x("ev_forecast", text=words("tot 2030: groot", "to 2030: large"), direction=inner)
    assert x("ev_forecast", text=words("tot 2030: groot", "to 2030: large"), direction=inner) is outer
    assert "tot 2030: groot" in outer.render("nl")
    assert "to 2030: large" in outer.render("en")
    assert "tot 2030" not in outer.render("en")


def test_texts_with_a_join_are_not_kept() -> None:
    """A ``Join`` is a list built for one text: such texts are built anew, not kept in the memo
    (kept, they filled it with entries never met again: 50 MB per batch worker), and still render."""
    from skilltool.models import Join
    from skilltool.models.base import construct

    before = len(suggest_texts._shared)
    items = construct(Join, items=[x("ev_wish_occ"), x("r_wish")], sep="; ")
    text = x("join", items=items)
    assert len(suggest_texts._shared) == before
    assert text.render("en") == f"{x('ev_wish_occ').render('en')}; {x('r_wish').render('en')}"


def test_a_full_memo_keeps_the_texts_in_use(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bounded by generations, not emptied: when the memo is full the texts met again in the next
    generation are the same objects (not built again), the rest goes, and at most two
    generations are kept."""
    monkeypatch.setattr(suggest_texts, "_SHARED_MAX", 4)
    monkeypatch.setattr(suggest_texts, "_shared", {})
    monkeypatch.setattr(suggest_texts, "_shared_before", {})
    monkeypatch.setattr(suggest_texts, "_words", {})
    monkeypatch.setattr(suggest_texts, "_words_before", {})
    hot_word = words("lasser", "welder")
    hot = x("r_related", label=hot_word)
    once = x("r_skills", e=0, ne=1)
    for n in range(30):  # many texts met once, the hot one met all along
        assert words("lasser", "welder") is hot_word
        x("r_skills", e=n, ne=n + 1)
        words(f"beroep {n}", f"occupation {n}")
        assert x("r_related", label=hot_word) is hot
        assert len(suggest_texts._shared) + len(suggest_texts._shared_before) <= 8
        assert len(suggest_texts._words) + len(suggest_texts._words_before) <= 8
    again = x("r_skills", e=0, ne=1)  # not met for generations: dropped, built again, the same text
    assert again is not once and _json(again) == _json(once)
