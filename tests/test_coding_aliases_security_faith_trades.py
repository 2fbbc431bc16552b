"""Client-language words for police, army and security work, religion, street and load work, the
old trades, the law, the press and teaching (data/occupation_aliases.yaml, added by aliases16):
romanised or in their own script, each codes to its occupation's ISCO-08 unit group; a word of
several occupations or levels (``ask``) stays flagged. The words are everyday job words chosen from
knowledge of the languages, none from a gold or bench set.
"""

from __future__ import annotations

import pytest

from skilltool import textnorm
from skilltool.occupation_data import load_aliases
from skilltool.reference import ReferenceData
from tests.alias_checks import aliases_of, assert_codes_to, miscoded
from tests.test_occupations_props import REPO_DATA


@pytest.mark.parametrize(
    ("text", "isco"),
    [
        ("shurti", "5412"),  # police officer, Arabic
        ("شرطي", "5412"),
        ("polis memuru", "5412"),  # Turkish
        ("booliis", "5412"),  # Somali
        ("поліцейський", "5412"),
        ("militsioner", "5412"),
        ("haris", "5414"),  # guard, Arabic
        ("chowkidar", "5414"),  # watchman, Dari and Pashto
        ("Bekçi", "5414"),  # Turkish, capitalised as typed
        ("zebegna", "5414"),  # Amharic
        ("bawwab", "5153"),  # doorkeeper of a building
        ("kapıcı", "5153"),
        ("astsubay", "0210"),  # non-commissioned officer
        ("askerlik", "0310"),  # military service
        ("pishnamaz", "2636"),  # prayer leader
        ("papaz", "2636"),  # priest
        ("peyk motori", "8321"),  # motorbike courier
        ("dastforush", "9520"),  # street vendor
        ("işportacı", "9520"),
        ("çoban", "6121"),  # shepherd
        ("shpun", "6121"),  # Pashto
        ("nahhal", "6123"),  # beekeeper
        ("arici", "6123"),  # Turkish arıcı without its dotless i
        ("tahhan", "8160"),  # miller
        ("değirmenci", "8160"),
        ("ketabdar", "2622"),  # librarian
        ("бібліотекар", "2622"),
        ("sahafi", "2642"),  # journalist
        ("gazeteci", "2642"),
        ("wariye", "2642"),
        ("журналист", "2642"),
        ("tercüman", "2643"),  # interpreter
        ("turjumaan", "2643"),
        ("qadi", "2612"),  # judge
        ("yargıç", "2612"),
        ("dadwer", "2612"),
        ("muhami", "2611"),  # lawyer
        ("avukat", "2611"),
        ("qareen", "2611"),
        ("noter", "2619"),  # notary
        ("sardaftar", "2619"),
    ],
)
def test_client_words_code_to_their_unit_group(text: str, isco: str) -> None:
    """A word for a single occupation leads with that occupation's unit group, asked in Dutch or in
    English."""
    assert_codes_to(text, isco)


@pytest.mark.parametrize(
    ("text", "isco"),
    [
        ("jundi", "0310"),  # a soldier of any rank
        ("asker", "0310"),
        ("солдат", "0310"),
        ("pêşmerge", "0310"),
        ("wetehader", "0310"),
        ("dabit", "0110"),  # an officer of the army or the police
        ("subay", "0110"),
        ("marzban", "3351"),  # a border guard: police, military or customs
        ("sarraf", "4312"),  # a money changer, a hawala agent or a dealer of gold
        ("hammal", "9333"),  # a porter of a market, a depot or a removal
        ("balıkçı", "6222"),  # a fisherman or a fishmonger
        ("rozmozd", "9313"),  # a day labourer of any work
        ("mazdoor", "9313"),
        ("daya", "2222"),  # a traditional or a trained midwife
        ("öğretmen", "2341"),  # a teacher of any school
        ("xowunkay", "2341"),
        ("astemari", "2341"),
        ("кур'єр", "8322"),  # a courier of any vehicle
        ("kurier", "8322"),
        ("mullah", "2636"),  # a cleric who may as well teach the Quran
        ("muhaffiz", "2330"),  # a Quran teacher outside a school
    ],
)
def test_client_words_of_several_occupations_stay_flagged(text: str, isco: str) -> None:
    """A word that leaves the occupation or level open (``ask: true``) leads with its mapped
    occupation but leaves the answer for the caseworker to ask what the note says."""
    assert_codes_to(text, isco, flagged=True)


def test_every_client_language_alias_codes_to_its_occupation() -> None:
    """Each alias in a language other than Dutch and English, coded alone, leads with its own
    occupation's unit group, and each marked ``ask`` is flagged."""
    aliases = aliases_of(lambda alias: alias.language not in ("nl", "en"))
    assert {"am-Latn", "ps-Latn"} <= {alias.language for alias in aliases}
    assert not miscoded(aliases)


def test_no_alias_is_an_esco_label() -> None:
    """An alias is a word ESCO lacks: none equals, after the coder's folding, a preferred,
    alternative or hidden label (Dutch or English) of any occupation."""
    ref = ReferenceData(REPO_DATA)
    labels = set()
    for occ in ref.occupations.occupations:
        for text in (occ.label.nl, occ.label.en, *occ.alt.nl, *occ.alt.en, *occ.hidden.nl, *occ.hidden.en):
            if text:
                labels.add(textnorm.clean(text))
    clashes = [a.alias for a in load_aliases(ref).aliases if textnorm.clean(a.alias) in labels]
    assert not clashes
