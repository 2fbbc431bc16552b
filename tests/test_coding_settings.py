"""Cleaning and care said with the setting (``coding_settings``): the setting names the ISCO-08 unit
group (a household 9111 or 5322, an establishment 9112, an institution 5321); the word alone, or
any other word, leaves the answer to the labels. The rule on its own, then through the coder."""

from __future__ import annotations

import functools

import pytest

from skilltool import coding_settings, coding_support
from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData
from tests.test_occupations_props import REPO_DATA


def _read(text: str) -> tuple[str, bool] | None:
    normalized, words, _ = coding_support.prepare(text)
    return coding_settings.as_title(words, normalized)


@pytest.mark.parametrize(
    ("text", "code", "activity"),
    [
        ("schoonmaakster in een kantoor", "9112", False),
        ("cleaner at the airport", "9112", False),
        ("schoonmaker in een ziekenhuis", "9112", False),  # a hospital is an establishment to clean
        ("poetsvrouw bij gezinnen", "9111", False),
        ("cleaning private homes", "9111", True),  # the verb: an activity, flagged
        ("verzorgende in een verpleeghuis", "5321", False),
        ("care worker in a care home", "5321", False),  # a care *home* is an institution
        ("caregiver at an old people's home in herat", "5321", False),  # "people's" as "peoples"
        ("cleaner in people's homes", "9111", False),
        ("verzorgster bij ouderen thuis", "5322", False),
        ("home carer", "5322", False),
        ("zieken verzorgen in een kliniek", "5321", True),
        ("schoonmaker in een hotel in kandahar", "9112", False),  # a place name is no other word
        ("security bij een supermarkt", "5414", False),  # a guard, not ICT security
        ("security at the airport", "5414", False),
        ("security in de haven", "5414", False),  # every setting the rule names is a word it takes
        ("verzorgde een oude dame bij haar thuis, betaald", "5322", True),  # whom, where, paid
        ("paid carer for an old woman at her home", "5322", False),
        ("naaister in een textielfabriek", "8153", False),  # machine sewing in a factory
        ("naaier bij een confectiebedrijf", "8153", False),
        ("seamstress at a clothing factory in izmir", "8153", False),
        ("sewing clothes in a factory", "8153", True),
    ],
)
def test_the_setting_names_the_unit_group(text: str, code: str, activity: bool) -> None:
    assert _read(text) == (coding_settings.LABELS[code], activity)


def test_every_building_the_rule_names_is_a_word_it_takes() -> None:
    """A word of ``_BUILDING`` that the word check refused made its setting unreachable ("haven")."""
    for word in ("parkeergarage", "haven", "port", "festivals", "stadions", "mall", "moskee"):
        assert coding_settings._BUILDING.search(word), word
        assert _read(f"security {word}") == (coding_settings.LABELS["5414"], False), word


@pytest.mark.parametrize(
    "text",
    [
        "schoonmaker",  # no setting: the family rule flags it
        "zorgmedewerker",  # a care worker: the labels (5321)
        "schoonmaker ramen",  # windows: another unit group (9123), the labels'
        "kok in een ziekenhuis",  # no cleaner or carer
        "manager schoonmaak in een hotel",
        "car cleaner",
        "verzorgende en schoonmaker in een hotel",  # both: the labels'
        "security",  # alone: a guard or ICT security
        "ict security",
        "carer",  # English, alone: the labels (a carer at home, 5322)
        "naaister",  # a seamstress alone: the labels (7533)
        "naaister thuis",  # at home, not in a factory
        "naaister en kok in een fabriek",  # another word: the labels'
        "oppas",  # a babysitter (5311), the labels'
        "oppas bij een gezin met kinderen",
    ],
)
def test_other_answers_are_left_to_the_labels(text: str) -> None:
    assert _read(text) is None


@pytest.mark.parametrize(
    "text",
    ["verzorgster van zieken", "caregiver for the elderly", "verzorgende", "oppas voor een oudere buurman"],
)
def test_a_carer_without_a_setting_is_the_trained_carer(text: str) -> None:
    assert _read(text) == (coding_settings.CARE_UNSET, False)
    result = _coder().code(text, lang="nl")
    assert result.candidates[0].isco == "5321" and result.needs_review  # 5321 or 5322: flagged


@functools.cache
def _coder() -> OccupationCoder:
    return OccupationCoder.from_reference(ReferenceData(REPO_DATA))


@pytest.mark.parametrize(("code", "title"), coding_settings.LABELS.items())
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_each_label_is_coded_as_its_unit_group(code: str, title: str, lang: str) -> None:
    result = _coder().code(title, lang=lang)
    assert result.candidates[0].isco == code and not result.needs_review


@pytest.mark.parametrize(
    ("text", "lang", "code", "flagged"),
    [
        ("cleaner at the airport", "en", "9112", False),
        ("schoonmaakster in een kantoor", "nl", "9112", False),
        ("verzorgende in een verpleeghuis", "nl", "5321", False),
        ("cleaning private homes", "en", "9111", True),
    ],
)
def test_the_coder_codes_them(text: str, lang: str, code: str, flagged: bool) -> None:
    result = _coder().code(text, lang=lang)
    assert (result.candidates[0].isco, result.needs_review) == (code, flagged)
    assert _coder().code_many([text, "lasser"], lang=lang)[0] == result
