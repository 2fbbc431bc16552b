"""An alias's note and its ``ask`` mark agree (data/occupation_aliases.yaml): a word whose note says
its level or diploma must be checked (an accountant or a bookkeeper, a nurse or an assistant) is
marked ``ask``, so a title it leads stays flagged for the caseworker's question."""

from __future__ import annotations

import re

import pytest

from skilltool.occupation_data import load_aliases
from skilltool.reference import ReferenceData
from tests.alias_checks import coder
from tests.test_occupations_props import REPO_DATA

_CHECK_LEVEL = re.compile(r"check (?:the )?(?:level|diploma)|level varies|check level", re.IGNORECASE)


def test_an_alias_whose_level_must_be_checked_is_asked() -> None:
    aliases = load_aliases(ReferenceData(REPO_DATA)).aliases
    said = [a for a in aliases if _CHECK_LEVEL.search(a.note or "")]
    assert len(said) >= 7  # the rule has something to hold on
    assert [a.alias for a in said if not a.ask] == []


def test_a_word_of_several_levels_leads_flagged() -> None:
    for text in ("hesabdar", "muhasebeci", "umuliso"):
        result = coder().code(text, lang="nl")
        assert result.candidates and result.needs_review, text


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("chowkidar", False),  # the client's word alone, or with a place or years: its occupation
        ("chowkidar in Kabul", False),
        ("booliis 2015-2019 Mogadishu", False),
        ("chowkidar bij een fabriek", True),  # more said beside it: which kind of the work
        ("booliis verkeer", True),
    ],
)
def test_a_client_language_word_with_more_said_beside_it_is_flagged(text: str, flagged: bool) -> None:
    result = coder().code(text, lang="nl")
    assert result.candidates and result.needs_review is flagged


_ASK_WHERE = re.compile(r"\bask where\b", re.IGNORECASE)


def test_a_cleaner_of_any_place_is_asked_where() -> None:
    """The clients' words for a cleaner say no place, as the Dutch *schoonmaker* (which leads with
    the cleaners' group, flagged): offices and buildings (9112) or private homes (9111) is asked."""
    aliases = load_aliases(ReferenceData(REPO_DATA)).aliases
    said = [a for a in aliases if _ASK_WHERE.search(a.note or "")]
    assert len(said) >= 7
    assert [a.alias for a in said if not a.ask] == []
    for text in ("nezafatchi", "uborshchitsa", "prybyralnytsia"):
        assert coder().code(text, lang="nl").needs_review, text
