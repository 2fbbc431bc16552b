"""Farming said by what was grown or kept (``coding_farming``): the produce names the ISCO-08 unit
group, a hand working for someone else is a labourer in agriculture, and any other word leaves the answer to
the labels. The rule on a tiny set of labels, then through the coder on the committed data."""

from __future__ import annotations

import functools

import pytest

from skilltool import coding_farming, coding_support
from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData
from tests.test_occupations_props import REPO_DATA


def _read(text: str, exact: frozenset[str] = frozenset()) -> tuple[str, bool] | None:
    normalized, words, _ = coding_support.prepare(text)
    return coding_farming.as_title(words, normalized, exact)


@pytest.mark.parametrize(
    ("text", "title", "activity"),
    [
        ("geitenboer", "schapenfokker", False),  # a compound: produce + farmer
        ("eendenboer", "pluimveehouder", False),
        ("pistache telen", "fruitkweker", True),  # a farming verb: an activity, flagged
        ("linzen en tarwe verbouwen", "akkerbouwer", True),
        ("we grew cotton and rice", "akkerbouwer", True),  # Dutch labels, coded first in English too
        ("farmer with camels", "veehouder", False),  # livestock, no label of its own
        ("eigen amandelboomgaard", "fruitkweker", False),  # an orchard grows tree crops
        ("boer met koeien en linzen", "landbouwer gemengd bedrijf", False),  # crops and animals: 6130
        ("dadels en tarwe verbouwen", "teler van diverse gewassen", True),  # two kinds of crop: 6114
        ("rozen kweken in een kas", "bloemenkweker", True),
        ("komkommers telen in kassen", "bloemenkweker", True),  # vegetables under glass: 6113
        ("bijen houden", "imker", True),
        ("geiten hoeden voor een boer", "stalmedewerker", True),  # for someone else: a labourer
        ("picked olives for a landowner", "hulparbeider akkerbouw", True),
        ("hand on a cattle farm", "stalmedewerker", False),
        ("werkte op een boerderij met schapen", "stalmedewerker", False),
        ("greenhouse worker", "hulparbeider tuinbouw", False),
        ("pistacheboer in aleppo", "fruitkweker", False),  # the place is dropped before
        ("pistacheboer kahramanmaras", "fruitkweker", False),  # a place name is no other word
    ],
)
def test_farming_answers_are_read_as_their_unit_groups_label(text: str, title: str, activity: bool) -> None:
    assert _read(text) == (title, activity)


@pytest.mark.parametrize(
    "text",
    [
        "groentenboer",  # a greengrocer (a shop), as groenteboer is
        "fruitboer",  # a grower or a seller: left to the labels
        "verkoper groente",  # a seller
        "manager akkerbouw",  # a role word
        "tractoren repareren",  # no produce
        "boer",  # a farmer of what: the family rule flags it
        "werkte op een boerderij",  # a hand, but of crops or animals: the labels, flagged
        "dadels",  # produce, but no farming
        "kippen slachten",  # another verb: a butcher's work
        "bloemen verkopen op de markt",
    ],
)
def test_other_answers_are_left_to_the_labels(text: str) -> None:
    assert _read(text) is None


def test_a_whole_label_is_left_to_the_labels() -> None:
    assert _read("kippenboer") == ("pluimveehouder", False)
    assert _read("kippenboer", frozenset({"kippenboer"})) is None


@functools.cache
def _coder() -> OccupationCoder:
    return OccupationCoder.from_reference(ReferenceData(REPO_DATA))


def _first(text: str, lang: str) -> tuple[str, bool]:
    result = _coder().code(text, lang=lang, top=3)
    return result.candidates[0].isco, result.needs_review


@pytest.mark.parametrize(
    ("code", "title"),
    [
        *coding_farming._TITLES.items(),
        *coding_farming._LABOURERS.items(),
        *(("6121", title) for title in sorted(set(coding_farming._ANIMALS.values()))),
    ],
)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_each_label_the_rule_names_is_coded_as_its_unit_group(code: str, title: str, lang: str) -> None:
    """The promise of ``_TITLES``, ``_LABOURERS`` and ``_ANIMALS``: the coder ranks the label's
    unit group first (a data update that moved one would code every such answer wrongly)."""
    assert _first(title, lang)[0] == code


@pytest.mark.parametrize(
    ("text", "lang", "code", "flagged"),
    [
        ("geitenboer", "nl", "6121", False),
        ("pistache telen", "nl", "6112", True),
        ("we grew cotton and rice", "en", "6111", True),
        ("geitenboer", "en", "6121", False),
        ("boer met koeien en linzen", "nl", "6130", False),
        ("geiten hoeden voor een boer", "nl", "9212", True),
        ("farmer with camels", "en", "6121", True),  # livestock without an animal's label: flagged
        ("geiten hoeden voor landeigenaar", "nl", "9212", True),  # for the owner, no article
        ("milker on a goat farm, employed", "en", "9212", False),  # a milker is a hand
        ("eigen geitenbedrijf", "nl", "6121", False),  # a firm of its produce (a dairy firm led with a GP)
    ],
)
def test_the_coder_codes_farming_answers(text: str, lang: str, code: str, flagged: bool) -> None:
    assert _first(text, lang) == (code, flagged)
    assert _coder().code_many([text, "lasser"], lang=lang)[0] == _coder().code(text, lang=lang)
