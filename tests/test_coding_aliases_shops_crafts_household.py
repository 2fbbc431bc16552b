"""Client-language words for shops and trade, food crafts and service, workshops, office work,
health support and household work (data/occupation_aliases.yaml, added by aliases17): romanised or
in their own script, each codes to its occupation's ISCO-08 unit group; a word that leaves the
occupation or the level open (``ask``) stays flagged. The words are everyday job words chosen from
knowledge of the languages, none from a gold or bench set.
"""

from __future__ import annotations

import pytest

from skilltool import textnorm
from tests.alias_checks import aliases_of, assert_codes_to, coder

_SINGLE = [
    ("sahib mahal", "5221"),  # owner of a shop, Arabic
    ("tajir jumla", "3324"),  # wholesaler
    ("toptancı", "3324"),
    ("khudari", "5223"),  # greengrocer
    ("manav", "5223"),
    ("sabzi forush", "5223"),
    ("tezgahtar", "5223"),  # behind a shop's counter
    ("dövizci", "4312"),  # money changer
    ("nanwa", "7512"),  # flatbread baker, Dari
    ("qannad", "7512"),  # confectioner
    ("shirini paz", "7512"),
    ("pastacı", "7512"),
    ("goştfiroş", "7511"),  # butcher, Kurmanji
    ("garsoon", "5131"),  # waiter, Egyptian
    ("pishkhedmat", "5131"),
    ("zarfshur", "9412"),  # dishwasher
    ("komak ashpaz", "9412"),  # cook's helper
    ("aşçı yardımcısı", "9412"),
    ("помощник повара", "9412"),
    ("bergdru", "7531"),  # tailor, Sorani
    ("iskafi", "7536"),  # shoemaker
    ("kundarji", "7536"),
    ("mochi", "7536"),
    ("pînedoz", "7536"),
    ("kunduracı", "7536"),
    ("сапожник", "7536"),
    ("чоботар", "7536"),
    ("qalibaf", "7318"),  # carpet weaver
    ("halı dokumacısı", "7318"),
    ("коваль", "7221"),  # blacksmith
    ("sayegh", "7313"),  # goldsmith
    ("zargar", "7313"),
    ("ювелир", "7313"),
    ("tarkan", "7115"),  # carpenter, Pashto
    ("anatsi", "7115"),  # Amharic
    ("munajjid", "7534"),  # upholsterer
    ("döşemeci", "7534"),
    ("оббивник", "7534"),
    ("sikirtira", "4120"),  # secretary
    ("monshi", "4120"),
    ("sekreter", "4120"),
    ("karraani", "4110"),  # clerk, Somali
    ("kashier", "5230"),  # cashier
    ("kasiyer", "5230"),
    ("sanduqdar", "5230"),
    ("tahvildar", "4211"),  # bank teller
    ("veznedar", "4211"),
    ("behyar", "5321"),  # Iran's practical nurse
    ("санитар", "5321"),  # hospital orderly
    ("musaid saydali", "3213"),  # apothekersassistent
    ("dastyar dandanpezeshk", "3251"),  # tandartsassistent
    ("khadima", "9111"),  # housemaid
    ("adeegto", "9111"),
    ("yebet serategna", "9111"),
    ("домработница", "9111"),
    ("murabbiya", "5311"),  # nanny
    ("parastar bache", "5311"),  # a child's carer, though parastar alone is a nurse
    ("mogzit", "5311"),
    ("çocuk bakıcısı", "5311"),
    ("yaşlı bakıcısı", "5322"),  # carer of an elderly person at home
]

_ASKED = [
    ("baqqal", "5221"),  # a grocer who ran the shop or served in it
    ("dokandar", "5221"),
    ("bakkal", "5221"),
    ("esnaf", "5221"),  # a shopkeeper or a craftsman with his own business
    ("dukaanle", "5221"),
    ("negade", "5221"),  # a trader of any size
    ("forushande", "5223"),  # a seller in a shop or on the road
    ("halawani", "7512"),  # who made the sweets or sold them
    ("tatlıcı", "7512"),
    ("lahham", "7511"),  # a butcher in the Levant, a welder elsewhere
    ("komi", "5131"),  # a waiter's help, at times in the kitchen
    ("kuyumcu", "7313"),  # a goldsmith or a jeweller's salesman
    ("ayakkabıcı", "7536"),  # a shoemaker or a shoe seller
    ("muwazzaf", "4110"),  # an employee or civil servant of any office
    ("karmand", "4110"),
    ("memur", "4110"),
    ("госслужащий", "4110"),
    ("fanni mukhtabar", "3212"),  # a laboratory of any kind
    ("лаборант", "3212"),
    ("ambulans şoförü", "3258"),  # a driver or one of the ambulance team
    ("gündelikçi", "9111"),  # who cleans houses by the day, or any day labourer
]


@pytest.mark.parametrize(("text", "isco"), _SINGLE)
def test_client_words_code_to_their_unit_group(text: str, isco: str) -> None:
    """A word for a single occupation leads with that occupation's unit group, asked in Dutch or in
    English."""
    assert_codes_to(text, isco)


@pytest.mark.parametrize(("text", "isco"), _ASKED)
def test_client_words_of_several_occupations_stay_flagged(text: str, isco: str) -> None:
    """A word that leaves the occupation or the level open (``ask: true``) leads with its mapped
    occupation but leaves the answer for the caseworker to ask what the note says."""
    assert_codes_to(text, isco, flagged=True)


def test_the_sample_words_are_curated_aliases_marked_as_the_tests_expect() -> None:
    """Each word above is an alias of the file (so the tests measure the aliases, not the coder's
    luck), and exactly the words of the second list are marked ``ask``. (That no alias equals an
    ESCO label is checked for every alias in test_coding_aliases_security_faith_trades.)"""
    asked = {textnorm.clean(alias.alias): alias.ask for alias in aliases_of(lambda alias: True)}
    assert [t for t, _ in _SINGLE if asked.get(textnorm.clean(t)) is not False] == []
    assert [t for t, _ in _ASKED if asked.get(textnorm.clean(t)) is not True] == []


def test_a_nurse_stays_a_nurse_beside_the_child_carer() -> None:
    """Persian parastar is a nurse; parastar bache, a nanny, must not pull it away."""
    assert coder().code("parastar", lang="nl").candidates[0].isco == "2221"
