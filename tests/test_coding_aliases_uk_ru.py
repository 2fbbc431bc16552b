"""Ukrainian and Russian occupation words (data/occupation_aliases.yaml, languages uk, ru, uk-Latn,
ru-Latn): in Cyrillic and in the Latin transliterations caseworkers type, each codes to its
occupation's ISCO-08 unit group; a word of several occupations or levels (``ask``) stays flagged.
The words are everyday titles chosen from knowledge of the languages, none from a gold or bench set.
"""

from __future__ import annotations

import pytest

from tests.alias_checks import aliases_of, assert_codes_to, miscoded

_LANGUAGES = ("uk", "ru", "uk-Latn", "ru-Latn")


@pytest.mark.parametrize(
    ("text", "isco"),
    [
        ("зварник", "7212"),  # welder
        ("svarshchik", "7212"),
        ("сантехник", "7126"),  # plumber
        ("santekhnik", "7126"),
        ("кухар", "5120"),  # cook
        ("povar", "5120"),
        ("перукар", "5141"),  # hairdresser
        ("parikmakher", "5141"),
        ("prodavets", "5223"),  # salesperson in a shop
        ("продавщица", "5223"),
        ("охоронець", "5414"),  # guard
        ("prohramist", "2512"),  # programmer
        ("далекобійник", "8332"),  # long-haul trucker
        ("avtoslesar", "7231"),  # mechanic of cars
        ("шахтёр", "8111"),  # miner, with ё as typed (folded to е)
        ("ПЕРЕКЛАДАЧ", "2643"),  # translator, in capitals
    ],
)
def test_ukrainian_and_russian_words_code_to_their_unit_group(text: str, isco: str) -> None:
    """A Cyrillic or transliterated word for a single occupation leads with that occupation's
    unit group, asked in Dutch or in English."""
    assert_codes_to(text, isco)


@pytest.mark.parametrize(
    ("text", "isco"),
    [
        ("лікар", "2211"),  # a doctor of any speciality
        ("vrach", "2211"),
        ("vodiy", "8322"),  # a driver of any vehicle
        ("водитель", "8322"),
        ("вчитель", "2330"),  # a schoolteacher of grades 1-11
        ("uchitel", "2330"),
        ("bukhhalter", "2411"),  # accountant or bookkeeper
        ("buhgalter", "2411"),
        ("medsestra", "2221"),  # a nurse of college or bachelor level
        ("будівельник", "9313"),  # a builder of any trade
        ("юрист", "2611"),  # any lawyer
    ],
)
def test_ukrainian_and_russian_words_of_several_occupations_stay_flagged(text: str, isco: str) -> None:
    """A word that leaves the occupation or level open (``ask: true``) leads with its mapped
    occupation but leaves the answer for the caseworker to ask what the note says."""
    assert_codes_to(text, isco, flagged=True)


def test_every_ukrainian_and_russian_alias_codes_to_its_occupation() -> None:
    """Each alias in these four languages, coded alone, leads with its own occupation's unit group,
    and each marked ``ask`` is flagged; each note names the word in Cyrillic."""
    aliases = aliases_of(lambda alias: alias.language in _LANGUAGES)
    assert len(aliases) >= 150
    for alias in aliases:
        assert any("\u0400" <= ch <= "\u04ff" for ch in alias.note), alias.alias
    assert not miscoded(aliases)
