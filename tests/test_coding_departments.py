"""A department said with its head (``title_departments``), a volunteer's role (``textnorm``'s
filler rules), integration courses, benefits and volunteering as situations
(``coding_situations``), a shop said before its seller (``coding_places``), a Dutch object
made into the compound a label has and an English plural object into a compound's singular
(``coding_activity``), and a caseworker's translation in brackets (``coding_head.glossed``).
Made-up answers in the intake's style; the coder on the committed data."""

from __future__ import annotations

import functools

import pytest

from skilltool import coding_activity, coding_head, coding_places, textnorm, title_departments
from skilltool.coding_situations import situation
from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData
from tests.test_occupations_props import REPO_DATA


@functools.cache
def _coder() -> OccupationCoder:
    return OccupationCoder.from_reference(ReferenceData(REPO_DATA))


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("hoofd van de afdeling boekhouding", "hoofd boekhouding"),
        ("hoofd it afdeling gemeente", "hoofd ict gemeente"),
        ("afdelingshoofd logistiek", "hoofd logistiek"),
        ("chef van de afdeling zuivel", "afdelingschef zuivel"),  # a supervisor, not a cook
        ("head of the department of purchasing", "head of purchasing"),
        ("hoofd afdeling", "hoofd afdeling"),  # the department was all the work said
        ("afdelingsmanager zuivel", "afdelingsmanager zuivel"),  # a manager's label: left alone
        ("manager of the department for shoes", "manager of the department for shoes"),
        ("boss at a department stores chain", "boss at a department stores chain"),  # a kind of shop
        ("medewerker afdeling boekhouding", "medewerker afdeling boekhouding"),  # no head said
        ("kok", "kok"),
    ],
)
def test_a_department_beside_its_head_is_dropped(text: str, said: str) -> None:
    assert title_departments.head_of_work(text) == said


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("vrijwilliger als chauffeur", "chauffeur"),
        ("ik was vrijwilligster als kapster", "kapster"),
        ("bakker als vrijwilliger", "bakker"),
        ("volunteer as a nurse", "nurse"),
        ("vrijwilliger", "vrijwilliger"),  # nothing else said: kept for the situation rule
    ],
)
def test_a_volunteers_role_is_the_title(text: str, said: str) -> None:
    assert textnorm.strip_filler(textnorm.clean(text)) == said


@pytest.mark.parametrize(
    ("words", "told"),
    [
        (["inburgeringsexamen"], "not_work"),
        (["inburgeringscursus", "2022"], "not_work"),
        (["bijstandsuitkering", "sinds", "2021"], "not_work"),
        (["vrijwilliger", "kerk", "twee", "jaar"], "not_work"),
        (["volunteer", "camp"], "not_work"),
        (["vrijwilliger", "kapper"], None),  # a role said beside it is coded
    ],
)
def test_courses_benefits_and_volunteering_are_situations(words: list[str], told: str | None) -> None:
    assert situation(words) == told


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("lampenwinkel verkoopster", "verkoopspecialist lampen"),
        ("lamp shop salesman", "verkoopspecialist lamp"),
        ("fietsenwinkel verkoper", "verkoopmedewerker"),  # no specialised seller's label: the plain one
        ("verkoper", "verkoper"),
    ],
)
def test_a_shop_said_before_its_seller(text: str, said: str) -> None:
    assert coding_places.seller_in_shop(text, {"verkoopspecialistlampen", "verkoopspecialistlamp"}) == said


@pytest.mark.parametrize(
    ("text", "lang", "group"),
    [
        ("hoofd van de ict afdeling in een ziekenhuis", "nl", "1330"),
        ("wij maakten schoenen", "nl", "7536"),  # the singular compound a label has
        ("vrijwilliger als tolk bij de gemeente", "nl", "2643"),
    ],
)
def test_the_coder_reads_them_so(text: str, lang: str, group: str) -> None:
    assert _coder().code(text, lang=lang).candidates[0].isco == group


@pytest.mark.parametrize(
    "text", ["inburgeringscursus gevolgd", "vrijwilliger in de kerk", "bijstandsuitkering sinds 2020"]
)
def test_situations_are_not_coded(text: str) -> None:
    result = _coder().code(text, lang="nl")
    assert not result.candidates
    assert result.problem


@pytest.mark.parametrize(
    ("text", "lang", "group"),
    [
        ("bazaari (marktverkoper) in Aleppo", "nl", "5211"),  # the translation, then the place
        ("nanwa (bakker) in het dorp", "nl", "7512"),
    ],
)
def test_a_translation_in_brackets_is_coded(text: str, lang: str, group: str) -> None:
    result = _coder().code(text, lang=lang)
    assert result.candidates[0].isco == group
    assert not result.normalized.startswith(text.split(maxsplit=1)[0])  # the client's word went


@pytest.mark.parametrize(
    "text",
    [
        "eigenaar (kapper)",  # an owner of the work: not its worker
        "hulpje (metselaar)",  # a helper
        "kok (restaurant)",  # a place in brackets: no translation
        "webdesigner (junior)",  # a level in brackets
        "schoonmaker (assistent)",  # a helper's word in brackets
        "(kapper) in Homs",  # nothing before the brackets
    ],
)
def test_no_translation_is_read_where_none_was_written(text: str) -> None:
    assert coding_head.glossed(_coder()._table.index, text) is None


def test_a_status_in_brackets_leaves_the_title_coded() -> None:
    result = _coder().code("kapper (vrijwilliger)", lang="nl")
    assert result.candidates[0].isco == "5141"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("repaired bikes at home", "bike repairer at home"),
        ("built boats", "boat builder"),
        ("repaired at home", "repairer at home"),  # no object at all (a regression: it raised)
        ("fixed fridges in the village", "fridges repairer in the village"),  # the labels lack "fridge"
    ],
)
def test_an_english_plural_object_is_said_as_a_compound_says_it(text: str, said: str) -> None:
    assert coding_activity.as_title(text, _coder()._table.index, "en") == said


def test_an_alias_of_other_work_keeps_the_clients_word() -> None:
    table = _coder()._table
    assert (
        coding_head.glossed(table.index, "terzi (kleermaker) in Bursa", table.iscos) == "kleermaker in bursa"
    )
    assert coding_head.glossed(table.index, "terzi (lasser) in Bursa", table.iscos) is None  # a tailor's word


def test_the_translation_answers_what_an_asked_alias_leaves_open() -> None:
    """An alias marked ``ask`` (a word of several occupations or levels: *bukhgalter* is an
    accountant or a bookkeeper) leaves the question to the caseworker; their translation in
    brackets answers it, where the alias led to the accountant."""
    table = _coder()._table
    assert "bukhgalter" in table.index.asked and "terzi" not in table.index.asked
    said = coding_head.glossed(table.index, "bukhgalter (boekhouder) bij een fabriek", table.iscos)
    assert said == "boekhouder bij een fabriek"
    result = _coder().code("bukhgalter (boekhouder) bij een fabriek", lang="nl")
    assert result.candidates[0].isco == "3313"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("verkoopster bij de supermarkt", "verkoopmedewerker"),
        ("supermarkt verkoper", "verkoopmedewerker"),
        ("saleswoman in a supermarket", "verkoopmedewerker"),
        ("supermarktmanager", "supermarktmanager"),  # no seller said
    ],
)
def test_a_seller_in_a_supermarket_is_a_shops(text: str, said: str) -> None:
    # (a supermarket's seller was read as a petrol station's)
    assert coding_places.seller_in_shop(text, set()) == said


def test_the_words_in_brackets_read_again_are_the_same() -> None:
    """``coding_head._bracketed`` keeps the words of what brackets hold (``glossed`` and
    ``bracketed_label`` read the same brackets of a title): a second reading gives the same
    words, also after a caller changed the lists of the first."""
    index = _coder()._table.index
    first = coding_head._bracketed(index, "terzi (kleermaker) in Bursa")
    assert first == (["terzi"], ["kleermaker"], ["in", "bursa"])
    first[1].append("in")
    assert coding_head._bracketed(index, "terzi (kleermaker) in Bursa") == (
        ["terzi"],
        ["kleermaker"],
        ["in", "bursa"],
    )
    assert coding_head._inside(" kleermaker ") == tuple(coding_head._words(" kleermaker "))
