"""French and Spanish occupation words, and more Somali, Tigrinya, Amharic, Pashto, Urdu and Kurdish
Sorani ones (data/occupation_aliases.yaml, added by aliases18): as caseworkers type them, with or
without accents, each codes to its occupation's ISCO-08 unit group; a word that leaves the
occupation or the level open (``ask``) stays flagged. The words are everyday job words chosen from
knowledge of the languages, none from a gold or bench set.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from skilltool import textnorm
from skilltool.cli import app
from skilltool.reference import ReferenceData
from tests.alias_checks import aliases_of, assert_codes_to, coder
from tests.test_occupations_props import REPO_DATA

runner = CliRunner()

_SINGLE = [
    ("maçon", "7112"),  # mason, French
    ("macon", "7112"),  # typed without the cedilla
    ("carreleur", "7122"),  # tiler
    ("platrier", "7123"),  # plasterer, without the accent
    ("charpentier", "7115"),
    ("plombier", "7126"),
    ("frigoriste", "3115"),  # refrigeration and air conditioning (ESCO puts it in 3115)
    ("vulcanisateur", "7231"),  # roadside tyre repairer
    ("taximan", "8322"),
    ("camionneur", "8332"),
    ("conducteur poids lourd", "8332"),
    ("agriculteur", "6130"),
    ("couturière", "7531"),
    ("cordonnier", "7536"),
    ("forgeron", "7221"),
    ("soudeur", "7212"),
    ("grossiste", "3324"),
    ("boulanger", "7512"),
    ("aide-soignante", "5321"),  # helps the nurses with basic care
    ("aide soignante", "5321"),  # typed without the hyphen
    ("sage-femme", "2222"),
    ("institutrice", "2341"),
    ("vigile", "5414"),
    ("policier", "5412"),
    ("coiffeuse", "5141"),
    ("femme de ménage", "9111"),
    ("nounou", "5311"),
    ("albañil", "7112"),  # mason, Spanish
    ("albanil", "7112"),  # typed without the tilde
    ("electricista", "7411"),
    ("plomero", "7126"),
    ("latonero", "7231"),  # panel work on car bodies, Colombia
    ("taxista", "8322"),
    ("camionero", "8332"),
    ("ganadero", "6121"),
    ("costurera", "7531"),
    ("zapatero", "7536"),
    ("soldador", "7212"),
    ("buhonero", "9520"),  # street vendor, Venezuela
    ("panadero", "7512"),
    ("mesonero", "5131"),  # waiter, Venezuela
    ("mesero", "5131"),  # waiter, Colombia
    ("auxiliar de enfermería", "5321"),
    ("farmaceuta", "2262"),
    ("maestra", "2341"),
    ("secretaria", "4120"),
    ("peluquera", "5141"),
    ("ninera", "5311"),  # nanny, typed without the tilde
    ("bawarchi", "5120"),  # cook, Urdu
    ("dhobi", "8157"),  # laundry worker
    ("raj mistri", "7112"),
    ("bazgar", "6130"),  # farmer, Pashto
    ("gebere", "6130"),  # farmer, Amharic
    ("tebaqi", "5414"),  # guard, Amharic
    ("halawi", "5414"),  # guard, Tigrinya
    ("cûtyar", "6130"),  # farmer, Sorani
    ("shwan", "6121"),  # shepherd, Sorani
    ("پاسەوان", "5414"),  # guard, Sorani in Arabic script
    ("karebachi", "7411"),  # electrician, Sorani
]

_ASKED = [
    ("menuisier", "7115"),  # a joiner of buildings or a maker of furniture
    ("ferrailleur", "7214"),  # a steel fixer or a scrap dealer
    ("mécanicien", "7231"),  # a mechanic of cars or of machines
    ("mecanicien", "7231"),
    ("benskineur", "8321"),  # motorbike taxi, Cameroon: no such ESCO occupation
    ("commerçant", "5221"),  # a trader of any size
    ("infirmière", "2221"),  # a nurse of secondary or higher training
    ("médecin", "2211"),  # a doctor of any speciality
    ("medecin", "2211"),
    ("professeur", "2310"),  # a secondary school or a university
    ("comptable", "2411"),  # an accountant or a bookkeeper
    ("gardien", "5414"),  # a guard, a caretaker, a prison warder
    ("militaire", "0310"),  # any rank
    ("carpintero", "7115"),
    ("chofer", "8322"),  # a driver of any vehicle
    ("mecánico", "7231"),
    ("enfermera", "2221"),
    ("médico", "2211"),
    ("contador", "2411"),
    ("celador", "5414"),  # a guard in Colombia, a hospital porter in Spain
    ("vendedor", "5223"),  # a seller in a shop, a market or on the road
    ("pescador", "6222"),
    ("dareewal", "8322"),  # driver, Somali
    ("xisaabiye", "2411"),  # accountant or bookkeeper, Somali
    ("shufer", "8322"),  # driver, Amharic and Tigrinya
    ("fauji", "0310"),  # soldier, Urdu
    ("pizîşk", "2211"),  # doctor, Sorani
]


@pytest.mark.parametrize(("text", "isco"), _SINGLE)
def test_client_words_code_to_their_unit_group(text: str, isco: str) -> None:
    """A word for a single occupation leads with that occupation's unit group, asked in Dutch or in
    English, with or without its accents."""
    assert_codes_to(text, isco)


@pytest.mark.parametrize(("text", "isco"), _ASKED)
def test_client_words_of_several_occupations_stay_flagged(text: str, isco: str) -> None:
    """A word that leaves the occupation or the level open (``ask: true``) leads with its mapped
    occupation but leaves the answer for the caseworker to ask what the note says."""
    assert_codes_to(text, isco, flagged=True)


def test_the_sample_words_are_curated_aliases_marked_as_the_tests_expect() -> None:
    """Each word above is an alias of the file, after the coder's folding of accents (so the tests
    measure the aliases, not the coder's luck), and exactly the words of the second list are
    marked ``ask``."""
    asked = {textnorm.clean(alias.alias): alias.ask for alias in aliases_of(lambda alias: True)}
    assert [t for t, _ in _SINGLE if asked.get(textnorm.clean(t)) is not False] == []
    assert [t for t, _ in _ASKED if asked.get(textnorm.clean(t)) is not True] == []


def test_french_and_spanish_aliases_say_their_language_and_are_no_esco_label() -> None:
    """Each French and Spanish alias's note names its language, and none equals, after the coder's
    folding, an ESCO label (Dutch or English) of any occupation: Dutch-like French words such as
    chauffeur, monteur or caissière are ESCO labels already and stay out."""
    aliases = aliases_of(lambda alias: alias.language in ("fr", "es"))
    assert len(aliases) >= 150
    for alias in aliases:
        assert alias.note.startswith("French" if alias.language == "fr" else "Spanish"), alias.alias
    labels = set()
    for occ in ReferenceData(REPO_DATA).occupations.occupations:
        for text in (occ.label.nl, occ.label.en, *occ.alt.nl, *occ.alt.en, *occ.hidden.nl, *occ.hidden.en):
            if text:
                labels.add(textnorm.clean(text))
    assert [alias.alias for alias in aliases if textnorm.clean(alias.alias) in labels] == []


def test_a_french_bus_driver_is_not_coded_a_train_guard() -> None:
    """Regression: "conducteur de bus" (a bus driver) led, unflagged, with the train guard, whose
    Dutch label is conducteur; it now leads with the bus driver (CLI, one title, --json)."""
    args = ["--data-dir", str(REPO_DATA), "occupation", "code", "conducteur de bus", "--json"]
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["candidates"][0]["isco"] == "8331"
    assert coder().code("conducteur de camion", lang="nl").candidates[0].isco == "8332"
