"""The coder's cheap tests before a regular expression (codespeed27): a rule that searches every
title for a pattern first asks whether the text holds a piece every match of the pattern holds
(a few substring tests in C), and returns at once when it does not. Each test here lets a pattern
record the texts it is asked about and checks that every text the pattern matches still reaches
it, on texts made of the pattern's own words (said alone, inside a compound, in capitals for a
pattern that ignores case) among other words: a gate that left out one of its words fails."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skilltool import (
    coding_disciplines,
    coding_parts,
    coding_settings,
    coding_stalls,
    coding_support,
    coding_vehicles,
    owner_phrases,
    textnorm,
    title_shorthand,
)
from skilltool.coding_situations import not_an_occupation
from tests.alias_checks import coder


class _Recorder:
    """A compiled pattern that notes each text it is asked to search or match."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.asked: set[str] = set()

    def search(self, text: str, *args: Any) -> re.Match[str] | None:
        self.asked.add(text)
        return self.pattern.search(text, *args)

    def match(self, text: str, *args: Any) -> re.Match[str] | None:
        self.asked.add(text)
        return self.pattern.match(text, *args)

    def sub(self, repl: str, text: str, *args: Any) -> str:
        self.asked.add(text)
        return self.pattern.sub(repl, text, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.pattern, name)


_OTHER = [
    "soepkoker",
    "lasser",
    "in",
    "de",
    "bij",
    "een",
    "at",
    "the",
    "fabriek",
    "markt",
    "3",
    "jaar",
    "en",
    "x",
]


def _texts(pieces: list[str], seed: int, *, capitals: bool = False, count: int = 3000) -> list[str]:
    """``count`` seeded texts of ``pieces`` (alone, glued to a word before or after) among other words."""
    rng = random.Random(seed)
    pool = [*pieces, *(p + "zaak" for p in pieces), *("auto" + p for p in pieces), *_OTHER]
    if capitals:
        pool += [p.upper() for p in pieces] + [p.title() for p in pieces]
    texts = [" ".join(rng.choices(pool, k=rng.randint(1, 5))) for _ in range(count)]
    joined = [rng.choice(pieces) + rng.choice(",/;&+.-") + rng.choice(_OTHER) for _ in range(200)]
    return texts + joined + pieces


def _reaches(
    monkeypatch: pytest.MonkeyPatch,
    module: object,
    name: str,
    call: Callable[[str], object],
    texts: list[str],
) -> list[str]:
    """The texts the pattern ``module.name`` matches that the rule ``call`` did not ask it about
    (an empty list when every match still reaches the pattern)."""
    pattern: re.Pattern[str] = getattr(module, name)
    recorder = _Recorder(pattern)
    monkeypatch.setattr(module, name, recorder)
    matched = [text for text in texts if pattern.search(text) is not None]
    assert len(matched) > 100  # the texts do reach the pattern
    for text in matched:
        call(text)
    return [text for text in matched if text not in recorder.asked]


def test_every_stall_reaches_the_stall_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """``has_stall`` (and ``at_a_stall`` through it) tests six pieces before ``_ANY_STALL``."""
    pieces = [
        "kraam",
        "kraampje",
        "karretje",
        "stalletje",
        "kiosk",
        "stall",
        "stalls",
        "cart",
        "stand",
        "stands",
    ]
    texts = _texts(pieces, 1)
    assert _reaches(monkeypatch, coding_stalls, "_ANY_STALL", coding_stalls.has_stall, texts) == []
    assert [
        t for t in texts if coding_stalls.has_stall(t) != (coding_stalls._ANY_STALL.search(t) is not None)
    ] == []


def test_every_garage_reaches_the_garage_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """``at_a_garage`` tests three pieces before ``_GARAGE``."""
    texts = _texts(["garage", "garages", "dealer", "dealers", "autobedrijf", "monteur"], 2)
    assert (
        _reaches(
            monkeypatch,
            coding_vehicles,
            "_GARAGE",
            lambda t: coding_vehicles.at_a_garage(t.split(), t, lambda w: False),
            texts,
        )
        == []
    )


def test_every_minding_reaches_the_minding_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """``coding_settings.as_title`` tests for "op" and "pas" before ``_MINDED`` (every form of
    *passen* it reads holds "pas"), oppassen split as Dutch splits it."""
    pieces = ["pas op", "past op", "paste op", "pasten op", "passen op", "op", "passen", "gepast", "kinderen"]
    texts = _texts(pieces, 8)
    call = lambda t: coding_settings.as_title(t.split(), t)  # noqa: E731
    assert _reaches(monkeypatch, coding_settings, "_MINDED", call, texts) == []


def test_every_shorthand_reaches_its_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """``written_out`` tests for a full stop and the shorthand words' first letters (in any case)
    before ``_NEEDS``; what it writes out is what the search and the substitution give."""
    texts = _texts([*title_shorthand._ALONE, "heftr.", "ch.", "mdw.", "Mnd"], 3, capitals=True)
    assert _reaches(monkeypatch, title_shorthand, "_NEEDS", title_shorthand.written_out, texts) == []
    monkeypatch.undo()
    plain = {t: title_shorthand._SHORT.sub(title_shorthand._word, t) for t in texts}
    assert [t for t in texts if title_shorthand.written_out(t) != plain[t]] == []


def test_every_joined_answer_reaches_the_split(monkeypatch: pytest.MonkeyPatch) -> None:
    """``parts_of`` tests for a separator or a joining word (any case, between spaces) before ``_SPLIT``."""
    texts = _texts(["en", "and", "or", "En", "AND", "en/of", "soepkoker", "ramenlapper"], 4, capitals=True)
    texts += [
        f"soepkoker{space}{word}{space}baardscheerder"
        for space in (" ", "\t", "\u00a0", "  ")
        for word in ("en", "Or")
    ]
    assert _reaches(monkeypatch, coding_parts, "_SPLIT", coding_parts.parts_of, texts) == []


def test_every_place_reaches_the_place_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """``strip_filler`` tests for the place words before ``_PLACE`` (on clean text without filler,
    which reaches the place search as it is)."""
    texts = [textnorm.clean(t) for t in _texts(["in", "uit", "from", "bij", "at", "amsterdam", "syrie"], 5)]
    texts = [
        t
        for t in texts
        if not textnorm._ANY_FILLER_START.match(t) and not textnorm._ANY_FILLER_INSIDE.search(t)
    ]
    assert _reaches(monkeypatch, textnorm, "_PLACE", textnorm.strip_filler, texts) == []


def test_a_formula_or_markup_is_no_title_as_the_search_says() -> None:
    """``prepare_title`` tries ``_NOT_A_TITLE`` at the start and searches further only when the
    text holds a "<" (the one branch not anchored at the start): the same answer as ``no_answer``'s
    search, on formulas, addresses, markup and error values said before, inside and after a title."""
    shapes = [
        "=HYPERLINK(x)",
        "@SUM(a)",
        "=1+1",
        "www.x.nl",
        "http://x",
        "#REF!",
        "<b>",
        "</i>",
        "<!-- -->",
        "<",
    ]
    rng = random.Random(6)
    texts = [
        " ".join(rng.choices([*shapes, *_OTHER, " ", "-soepkoker"], k=rng.randint(1, 4))) for _ in range(3000)
    ]
    said = [t for t in texts if coding_support.prepare_title(t)[2] == "not_a_title"]
    assert len(said) > 300
    words = {t for t in texts if coding_support.prepare(t)[1]}
    assert said == [
        t
        for t in texts
        if t in words
        and not not_an_occupation(t, coding_support.prepare(t)[1])
        and coding_support.no_answer(t)
    ]


def _clean_with_substitutions(text: str) -> str:
    """``clean`` as it was: every text through both substitutions."""
    folded = textnorm.fold(text)
    return textnorm._SPACES.sub(" ", textnorm._NON_WORD.sub(" ", folded).replace("_", " ")).strip()


@given(st.text(alphabet=st.sampled_from(list("ab1 _-.\t\u00a0\u2028\u0663éŞİß,'\u200b")), max_size=20))
def test_clean_of_words_and_spaces_is_what_the_substitutions_give(text: str) -> None:
    """``clean`` joins the words of a text of letters, digits and spaces without its two
    substitutions: the same text as with them, for any mix of word characters, spaces, other
    white space, an underscore and punctuation."""
    assert textnorm.clean(text) == _clean_with_substitutions(text)


def test_clean_of_titles_is_what_the_substitutions_give() -> None:
    """The same on titles as clients write them."""
    for text in [
        "Soepkoker",
        "  soepkoker   in  restaurant ",
        "soepkoker_in",
        "Côte d'Ivoire",
        "soepkoker\tin",
        "şoför",
        "",
        " ",
        "3",
    ]:
        assert textnorm.clean(text) == _clean_with_substitutions(text), text


def test_every_sportsman_reaches_the_professionals_rule() -> None:
    """``prepare_title`` asks ``professional`` only of a title with a word that follows a
    professional's prefix in a whole label (``_after_a_prefix``, built once per index): every word
    of the index that ``professional`` reads as an athlete's label is one of them."""
    table = coder()._table

    def athlete(label: str) -> bool:
        return coding_support._label_of(table.index, table.iscos, label, coding_disciplines.ATHLETES)

    read = [w for w in table.index.words if coding_disciplines.professional([w], athlete) is not None]
    assert len(read) > 5
    assert [w for w in read if w not in coding_support._after_a_prefix(table.index)] == []
    prepared = coding_support.prepare_title("wielrenner", table.index, "nl", table.iscos)
    assert prepared[0] == "beroepswielrenner"


def test_every_owners_phrase_reaches_the_owners_patterns(monkeypatch: pytest.MonkeyPatch) -> None:
    """``owner`` returns a text at once that holds neither "eigen", "own" nor " gehad" and starts
    with none of ``_HAD_STARTS``: every text that one of its patterns matches (after " gehad" is
    dropped) still reaches them (``_HAD`` is the first)."""
    o = owner_phrases
    patterns = [o._OWNER, o._OWNER_NOUN, o._HAD_SHOP, o._OWN_KIND, o._HAD_KIND]
    pieces = [*o._OWNERS, "ik had een", "i ran my", "eigen", "own", "gehad", "winkel", "taxi", "bakkerij"]
    pieces += ["eigenaar", "owner of", "heb", "have a", "run", "owned", "kleine", "small", "grocery shop"]
    texts = [textnorm.clean(t) for t in _texts(pieces, 7)]
    hit = {t for t in texts if any(p.match(o._HAD.sub("", t)) for p in patterns) or " gehad" in t}
    assert len(hit) > 300
    recorder = _Recorder(o._HAD)
    monkeypatch.setattr(o, "_HAD", recorder)
    read = {t: o.owner(t, lambda w: w in {"bakker", "baardscheerder"}) for t in texts}
    assert [t for t in hit if t not in recorder.asked] == []
    assert sum(read[t] != t for t in texts) > 100
