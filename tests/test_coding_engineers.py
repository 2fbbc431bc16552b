"""An engineer named in a client's language with the field (``coding_engineers``): the field's
engineer, in either word order. Made-up pairs, not titles of any measuring set."""

from __future__ import annotations

import pytest

from skilltool import coding_engineers, textnorm
from tests.alias_checks import coder


@pytest.mark.parametrize(
    ("text", "lang", "read"),
    [
        ("mohandes shimi", "nl", "chemisch ingenieur"),
        ("kimya mühendisi", "nl", "chemisch ingenieur"),
        ("inzhener-elektrik", "nl", "ingenieur elektriciteit"),
        ("muhandis mokhaberat", "en", "telecommunications engineer"),
        ("mohandes", "nl", None),  # no field: the labels weigh it
        ("mohandes onbekend", "nl", None),  # a field word not listed
        ("shimi", "nl", None),  # a field without an engineer
        ("mohandes shimi keshavarzi", "nl", None),  # more than the pair
    ],
)
def test_an_engineer_word_and_a_field_word_read_as_the_fields_engineer(
    text: str, lang: str, read: str | None
) -> None:
    words = textnorm.tokens(textnorm.normalize(text))
    assert coding_engineers.as_title(words, lang) == read


@pytest.mark.parametrize(
    ("text", "lang", "isco"),
    [
        ("mohandes keshavarzi", "nl", "2144"),
        ("petrol mühendisi", "en", "2146"),
        ("inzhener-khimik", "nl", "2145"),
    ],
)
def test_client_language_engineers_code_to_their_fields_unit_group(text: str, lang: str, isco: str) -> None:
    """Without the rule the engineer's word alone led: an engineer of civil works (2142) for every field."""
    assert coder().code(text, lang=lang).candidates[0].isco == isco
