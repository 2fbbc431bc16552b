"""``textnorm``: the stemmer (Snowball's Dutch stemmer, then the project's agent endings)."""

from __future__ import annotations

import pytest

from skilltool import textnorm


@pytest.mark.parametrize(
    ("word", "key"),
    [("arts", "arts"), ("artsen", "arts"), ("kunst", "kunst"), ("kapster", "kap"), ("kappers", "kap")],
)
def test_stem_keeps_arts_a_doctor(word: str, key: str) -> None:
    """*arts* (doctor) keeps its s and shares its key with *artsen* (regression: the hand-written
    stemmer cut every final s, so *arts* became *art*)."""
    assert textnorm.stem(word) == key


def test_stem_keeps_digits_and_short_words() -> None:
    """Words with digits and words of three letters or fewer are their own key."""
    assert textnorm.stem("c1") == "c1" and textnorm.stem("bus") == "bus"
    assert textnorm.stem("mbo4") == "mbo4"


def test_one_folding_for_every_normaliser() -> None:
    """Coding, diploma names, countries and languages fold Arabic and Persian letter variants,
    digits, joiners and apostrophes alike (regression: two different Arabic letter maps, so a
    Persian yeh or a zero-width non-joiner matched in one place and not in the other)."""
    from skilltool import countries, diplomas, languages

    arabic = "شهادة الثانوية ٣"
    persian = "شهاده\u200c الثانویه ۳"  # heh for teh marbuta, Persian yeh, a ZWNJ, Persian digit
    assert textnorm.clean(arabic) == textnorm.clean(persian) == "شهاده الثانويه 3"
    assert diplomas.normalize("الشهادة الثانوية") == diplomas.normalize("الشهاده الثانویه")
    assert countries.normalize_name("Côte d’Ivoire") == textnorm.clean("Cote d'Ivoire") == "cote divoire"
    assert languages.resolve_language("فارسى") == "fa"  # alef maksura typed for the final yeh
    assert textnorm.fold("ZZP'er") == "zzper" and textnorm.fold("Straße") == "strasse"
