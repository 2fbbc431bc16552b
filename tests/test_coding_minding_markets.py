"""Children minded or cared for are the work of child care workers (``coding_settings``, 5311), with
*oppassen* split as Dutch splits it; clothes made are a tailor's (``coding_activity.IDIOMS``); a
seller with the goods before the market is a market seller (``coding_places.seller_at_market``);
an apprentice's Dutch compound is the trade learnt (``coding_helpers.apprentice_of``); a volunteer's
word before a role leaves the role (``coding_situations.volunteered_as``). Made-up answers in the
intake's style."""

from __future__ import annotations

import pytest

from skilltool import coding_activity, coding_settings
from skilltool.coding_situations import volunteered_as
from tests.alias_checks import coder
from tests.test_coding_settings import _read


@pytest.mark.parametrize(
    ("text", "activity"),
    [
        ("ik paste op de baby van de buren", True),  # *oppassen*, split
        ("op peuters passen", True),
        ("ik zorgde voor kinderen in Mosul", True),
        ("I looked after the children", True),
        ("took care of the neighbors kids for money", True),
        ("oppas voor de kinderen", False),  # the minder's word: no verb
        ("verzorgster van kinderen", False),
    ],
)
def test_children_cared_for_are_a_child_care_workers_work(text: str, activity: bool) -> None:
    """A health carer's label (5321, 5322), a riveter (*passer*) or a children's tailor came first."""
    assert _read(text) == (coding_settings.CHILD_CARE, activity)


@pytest.mark.parametrize(
    "text",
    [
        "verzorgde ouderen en kinderen",  # the elderly too: the carer's own rule or the labels
        "zorgde voor zieke kinderen in het ziekenhuis",  # a hospital: the labels weigh a nurse
        "kinderen en schoonmaken",  # no care said
        "care worker for the children",  # a carer's noun, as the labels say it: their own answer
        "ik paste de kleren",  # *passen* without *op*: trying on
    ],
)
def test_children_are_not_read_as_minded_otherwise(text: str) -> None:
    read = _read(text)
    assert read is None or read[0] != coding_settings.CHILD_CARE


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("ik paste op de kinderen van mijn buurvrouw", "nl"),
        ("I looked after children at their homes", "en"),
    ],
)
def test_a_child_minder_codes_to_child_care_workers_flagged(text: str, lang: str) -> None:
    result = coder().code(text, lang=lang)
    assert result.candidates[0].isco == "5311", result.candidates[:3]
    assert result.needs_review  # an activity: a nanny, a childminder or a teacher may be meant


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("wij maakten kleren voor de familie", "nl"),
        ("jurken naaien", "nl"),
        ("kleren maken voor vrouwen", "nl"),
    ],
)
def test_clothes_made_are_a_tailors_work(text: str, lang: str) -> None:
    """*Kleren maken* read as a maker of something else (a feather maker, a pattern cutter)."""
    assert coder().code(text, lang=lang).candidates[0].isco == "7531"


@pytest.mark.parametrize(
    ("text", "lang", "group"),
    [
        ("verkoopster tassen en riemen op de bazaar", "nl", "5211"),
        ("verkoper dekens op de pazar in Gaziantep", "nl", "5211"),
        ("verkoper speelgoed op straat", "nl", "9520"),  # in the street the goods stay: not food
    ],
)
def test_goods_before_the_market_make_a_market_seller(text: str, lang: str, group: str) -> None:
    """A specialised seller in a shop (5223) or a maker of the goods came first."""
    assert coder().code(text, lang=lang).candidates[0].isco == group


@pytest.mark.parametrize(
    ("text", "group"),
    [("kleermakersleerling", "7531"), ("leerlingschilder", "7131"), ("lasserstagiair", "7212")],
)
def test_an_apprentices_compound_is_the_trade_learnt(text: str, group: str) -> None:
    """A pupil's mentor (*leerling*begeleider, 2359) came first."""
    assert coder().code(text, lang="nl").candidates[0].isco == group


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("vissen schoonmaken in de haven", "nl"),
        ("ik fileerde vis bij een visboer", "nl"),
        ("gutting fish on a boat", "en"),
    ],
)
def test_fish_cleaned_is_prepared(text: str, lang: str) -> None:
    """Who cleans or fillets fish prepares it (7511): a cleaner of buildings (9112) came first."""
    assert coder().code(text, lang=lang).candidates[0].isco == "7511"


@pytest.mark.parametrize(
    ("text", "lang", "group"),
    [("vrijwilliger kapper in het azc", "nl", "5141"), ("vrijwillige chauffeur voor de kerk", "nl", "8322")],
)
def test_a_volunteers_word_before_a_role_leaves_the_role(text: str, lang: str, group: str) -> None:
    """As "vrijwilliger als ..." does: the volunteers' own labels (a mentor of volunteers) came first."""
    assert coder().code(text, lang=lang).candidates[0].isco == group


@pytest.mark.parametrize("words", [["vrijwilliger", "kerk"], ["volunteer", "manager"], ["vrijwilliger"]])
def test_a_volunteer_before_no_role_stays_a_volunteer(words: list[str]) -> None:
    """Unpaid work at a place is a situation; who leads volunteers is a role of its own."""
    assert not volunteered_as(words, lambda word: word in {"manager", "kapper"})


@pytest.mark.parametrize(
    ("text", "group"),
    [("de boeken bijhouden voor een garage", "3313"), ("administratie bijhouden", "3343")],
)
def test_books_kept_are_a_bookkeepers_work(text: str, group: str) -> None:
    """*Boeken bijhouden* read as a restorer of books (7323); the Dutch article before the object too."""
    assert coder().code(text, lang="nl").candidates[0].isco == group


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("laste hekken in een werkplaats", "7212"),
        ("repareerde fietsen voor de buurt", "7234"),
        ("knipte haren thuis", "5141"),
    ],
)
def test_a_regular_past_without_its_subject_is_an_activity(text: str, group: str) -> None:
    """As "ik laste ..." is; the irregular pasts ("reed", "verkocht") were read so already."""
    result = coder().code(text, lang="nl")
    assert result.candidates[0].isco == group, result.candidates[:3]


def test_an_adjective_opening_a_title_is_no_past() -> None:
    index = coder()._table.index
    assert coding_activity.as_title("gediplomeerde verpleegkundige", index, "nl") is None
    assert coding_activity.as_title("erkende installateur", index, "nl") is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [("ik maakte websites voor een reisbureau", "nl"), ("building websites for restaurants", "en")],
)
def test_websites_made_are_a_web_developers_work(text: str, lang: str) -> None:
    """Who makes websites develops them (2513): a webmaster (3514), who runs one, came first."""
    assert coder().code(text, lang=lang).candidates[0].isco == "2513"
