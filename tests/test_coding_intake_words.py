"""Intake-style titles (what clients and caseworkers type): a workplace after "in een", a subject
teacher, a plural that names one occupation, and everyday words ESCO and CBS lack (aliases), on
the committed data.

The words are written for these rules (bench/data/intake_titles.csv holds more, scored by
bench/coding_intake.py); none is taken from the gold sets.
"""

from __future__ import annotations

import functools

import pytest

from skilltool import textnorm
from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData
from tests.test_occupations_props import REPO_DATA


@functools.cache
def _coder() -> OccupationCoder:
    return OccupationCoder.from_reference(ReferenceData(REPO_DATA))


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("kok in een restaurant", 1),
        ("nurse in the hospital", 1),
        ("schoonmaakster in het ziekenhuis", 1),
        ("kok bij een restaurant", 1),
        ("manager in meat products", None),
        ("in een restaurant", None),
        ("metselaar on a building site", 1),  # "on" and an article: a workplace too
        ("specialist on call", None),
        ("kok in mijn restaurant", 1),  # a possessive too
        ("cook in my restaurant", 1),
    ],
)
def test_in_with_an_article_starts_a_workplace(text: str, start: int | None) -> None:
    """ "in" (or "on") followed by an article names the workplace, as "bij" does; "in" alone stays
    part of the title (ESCO's field: *manager in meat products*), and nothing before it, no
    workplace."""
    assert textnorm.context_start(textnorm.normalize(text)) == start


def test_on_a_place_alone_is_a_workplace() -> None:
    assert textnorm.place_only("on a farm")
    assert not textnorm.place_only("on call")


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("werken in een magazijn", "in een magazijn"),
        ("ik werk bij een bakkerij", "bij een bakkerij"),
        ("openbare werken", "openbare werken"),
        ("ik werkte als kok", "kok"),
        ("ik heb 10 jaar als kok gewerkt", "kok"),  # the Dutch perfect: the participle last
        ("ik heb in een hotel gewerkt", "in een hotel"),
        ("gewerkt bij een bakkerij", "bij een bakkerij"),
        ("ik ben kapper geweest", "kapper"),
        ("i have worked in a hotel", "in a hotel"),
        # the place said first, the role after "als"/"as": the role first, the place as context
        ("ik heb in het ziekenhuis als arts gewerkt", "arts in het ziekenhuis"),
        ("bij defensie als officier", "officier bij defensie"),
        ("at a hospital as a doctor", "doctor at a hospital"),
        # a form's or a sentence's lead-in, and years said with the title
        ("mijn beroep is bakker", "bakker"),
        ("functie: vrachtwagenchauffeur", "vrachtwagenchauffeur"),
        ("my job was electrician", "electrician"),
        ("work experience as a plumber", "plumber"),
        ("van 2012 tot 2018 bakker", "bakker"),
        ("loodgieter sinds 2019", "loodgieter"),
        ("job developer", "job developer"),  # "job" alone is part of a title
        ("i used to be a tailor", "tailor"),
        ("ik werk nu als glazenwasser", "glazenwasser"),
        ("i was working in a bakery as a baker", "baker in a bakery"),
        ("beroepsmilitair", "beroepsmilitair"),
    ],
)
def test_working_somewhere_keeps_the_place(text: str, normalized: str) -> None:
    """ "werken in/bij ..." at the start drops the verb (the place is what was said); "werken" as a
    noun (*openbare werken*) stays."""
    assert textnorm.normalize(text) == normalized


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("leraar natuurkunde", "leraar natuurkunde voortgezet onderwijs"),
        ("aardrijkskundeleraar", "aardrijkskunde leraar voortgezet onderwijs"),
        ("lerares duits", "lerares duits moderne talen voortgezet onderwijs"),
        ("leraar middelbare school", "leraar voortgezet onderwijs"),
        ("leraar biologie mbo", "leraar biologie mbo"),
        ("docent scheikunde", "docent scheikunde"),
        ("leraar", "leraar"),
    ],
)
def test_a_dutch_subject_teacher_without_a_school_is_secondary(text: str, normalized: str) -> None:
    """A Dutch subject teacher with no school named gets "voortgezet onderwijs" (ESCO's words for
    the secondary school); a named school is kept, and "docent <subject>" (CBS's own titles) is
    left alone."""
    assert textnorm.normalize(text) == normalized


@pytest.mark.parametrize(
    ("text", "lang", "isco"),
    [
        ("kok in een restaurant", "nl", "5120"),
        ("ik werkte als kok in een hotel", "nl", "5120"),
        ("lasser in een fabriek", "nl", "7212"),
        ("schoonmaakster in een hotel", "nl", "9112"),
        ("verpleegster in het ziekenhuis", "nl", "2221"),
    ],
)
def test_the_workplace_does_not_outweigh_the_title(text: str, lang: str, isco: str) -> None:
    """A workplace after "in een"/"bij een" weighs little: the title's own occupation comes first,
    not one whose label names the place (*chef-kok klein restaurant*, *manager zorginstelling*)."""
    result = _coder().code(text, lang=lang)
    assert result.candidates[0].isco == isco, result.candidates[:3]


@pytest.mark.parametrize("text", ["leraar natuurkunde", "wiskundeleraar", "lerares engels"])
def test_subject_teachers_code_to_secondary_teachers(text: str) -> None:
    """A Dutch subject teacher codes to the secondary-school teachers (2330), not to the subject's
    own occupation (natuurkundige, wiskundige) or a university lecturer."""
    assert _coder().code(text, lang="nl").candidates[0].isco == "2330"


@pytest.mark.parametrize(
    ("text", "lang", "isco"),
    [
        ("slagers", "nl", "7511"),
        ("kraanmachinist", "nl", "8343"),
        ("cooks", "en", "5120"),
        ("lassers", "nl", "7212"),
        ("electricians", "en", "7411"),
    ],
)
def test_one_unit_group_is_no_family(text: str, lang: str, isco: str) -> None:
    """A one-word title whose close candidates mostly share one unit group, or that is a plural of
    a preferred label ("lassers" of *lasser*), gets that occupation, not the broader group (751,
    834, 512, 721, 741) that the family rule gives "leraar"; "monteur" keeps its family (7)."""
    first = _coder().code(text, lang=lang).candidates[0]
    assert (first.kind, first.isco) == ("occupation", isco)
    assert _coder().code("monteur", lang="nl").candidates[0].isco == "7"


def test_a_whole_label_among_partial_matches_is_no_family() -> None:
    """A one-word title that is one occupation's whole label, where the other close candidates
    only contain the word inside longer names (a tree surgeon, 6113; a veterinary surgeon, 2250),
    gets that occupation (2212), flagged, not the broad group 22 the three groups share. A word
    that is a whole label in several unit groups keeps its family ("monteur": 7)."""
    result = _coder().code("surgeon", lang="en")
    first = result.candidates[0]
    assert (first.kind, first.isco) == ("occupation", "2212") and result.needs_review
    assert _coder().code("monteur", lang="nl").candidates[0].isco == "7"


@pytest.mark.parametrize(("text", "isco"), [("siersmiden", "2651"), ("procestechnologen", "2145")])
def test_a_plural_of_an_own_name_is_no_family(text: str, isco: str) -> None:
    """A one-word title that is an own name (a CBS title, a preferred label) up to its ending is no
    family, as the name itself is not: the plural of CBS's ornamental smith (2651; the family rule
    gave the broad 72, metal workers) and of CBS's process title (2145, not 214)."""
    first = _coder().code(text, lang="nl").candidates[0]
    assert first.isco == isco


def test_said_whole_finds_a_label_up_to_its_ending() -> None:
    """``said_whole``: the labels a one-word title is, exactly or up to word endings, in its own
    language only."""
    from skilltool.occupation_said import said_whole

    index = _coder()._table.index
    texts = {index.label_text[lid] for lid in said_whole(index, "glasschilders", "nl")}
    assert "glasschilder" in texts
    assert not said_whole(index, "glasschilders", "en")
    assert not said_whole(index, "glasschilderswerkplaats", "nl")


@pytest.mark.parametrize(
    ("text", "isco"), [("importeur in een winkel", "3324"), ("exporteur in een winkel", "3322")]
)
def test_a_workplace_word_does_not_generate_the_candidates(text: str, isco: str) -> None:
    """When every word of the title is frequent, the rarest title word generates the candidates,
    not the workplace after it: the shop's labels alone put a 5414 occupation first."""
    assert _coder().code(text, lang="nl").candidates[0].isco == isco


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("tandarts met eigen praktijk", "tandarts"),
        ("dentist in my own clinic", "dentist"),
        ("automonteur met eigen garage", "automonteur"),
        ("huisartsenpraktijk", "huisartsenpraktijk"),
    ],
)
def test_an_own_practice_is_filler(text: str, normalized: str) -> None:
    """ "met eigen praktijk", "my own clinic", "eigen garage" after a title is said around it, like
    "met eigen zaak"; a word that contains "praktijk" stays."""
    assert textnorm.normalize(text) == normalized


@pytest.mark.parametrize(
    ("text", "normalized", "isco"),
    [
        ("slager met eigen slagerij", "slager bij slagerij", "7511"),
        ("butcher with my own butchery", "butcher at butchery", "7511"),
    ],
)
def test_an_own_place_named_by_its_kind_is_the_workplace(text: str, normalized: str, isco: str) -> None:
    """An own place that is not a business word ("met eigen slagerij", "my own butchery") is where
    the title was done: it reads as a workplace ("bij", "at"), so the title alone, unchecked with
    the same answer, keeps the answer unchecked (``OccupationCoder._title_alone``); "eigen" was
    dropped and the place counted as a second title word."""
    assert textnorm.normalize(text) == normalized
    result = _coder().code(text, lang="nl" if "eigen" in text else "en")
    assert (result.candidates[0].isco, result.needs_review) == (isco, False), result.candidates


@pytest.mark.parametrize(
    ("text", "lang", "isco"),
    [
        ("bestelbuschauffeur", "nl", "8322"),
        ("kleuterjuf", "nl", "2342"),
        ("handelsreiziger", "nl", "3322"),
        ("vrachtwagenmonteur", "nl", "7231"),
        ("barbershop", "en", "5141"),
        ("dienstplicht", "nl", "0310"),
        ("military service", "en", "0310"),
        ("fysio", "nl", "2264"),
        ("vet", "en", "2250"),
        ("gp", "en", "2211"),
    ],
)
def test_everyday_words_esco_lacks_code_through_aliases(text: str, lang: str, isco: str) -> None:
    """Curated aliases (data/occupation_aliases.yaml) for everyday words ESCO and CBS lack: a van
    driver, not a bus driver; a kindergarten teacher, not a primary one; a sales rep, not a train
    driver; a truck mechanic, not a forestry one; a barber, not the manager of a shop; conscription, which
    ISCO-08 counts as armed forces work (0310), not a stage technician; a physiotherapist and a
    veterinarian by their everyday short names, not a masseur and a technician for animals; a
    doctor by the English abbreviation, not a receptionist."""
    result = _coder().code(text, lang=lang)
    assert (result.candidates[0].kind, result.candidates[0].isco) == ("occupation", isco), result.candidates[
        :3
    ]
    assert not result.needs_review


@pytest.mark.parametrize(("text", "isco"), [("boekhoudster", "3313"), ("thuiszorgmedewerkster", "5322")])
def test_an_own_name_by_its_stem_beats_a_borrowed_alternative_label(text: str, isco: str) -> None:
    """ESCO hangs a female form on a neighbour now and then (an alternative label of a head of
    accounting, 1211; of a home help, 3412): the occupation whose own name the word is, up to its
    ending, comes first, still flagged."""
    result = _coder().code(text, lang="nl")
    assert result.candidates[0].isco == isco and result.needs_review


@pytest.mark.parametrize(("text", "isco"), [("vliegtuigmonteurs", "7232"), ("bosbouwtechnici", "3143")])
def test_the_unit_groups_own_dutch_name_beats_a_borrowed_alternative_label(text: str, isco: str) -> None:
    """A flagged one-word title that is, up to its ending, the Dutch name of an ISCO-08 unit group
    (ESCO's or CBS's group label) puts that group's candidate first when the first candidate
    matched only an alternative label elsewhere (ESCO hangs these words on occupations in 3153
    and 9215). Still flagged."""
    result = _coder().code(text, lang="nl")
    assert result.candidates[0].isco == isco and result.needs_review


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("ik werkte in een hotel", True),
        ("in de horeca gewerkt", True),
        ("bij defensie", True),
        ("op een boerderij", True),
        ("at a hotel", True),
        ("kok in een restaurant", False),  # a role, then its workplace
        ("op afroep kok", False),  # "op" without an article: not a place (on call)
        ("in de zorg als verpleegkundige", False),  # a role after the place
        ("bij de gemeente beleidsmedewerker", False),  # more than the place: maybe a role
        ("in een ziekenhuis verpleegkundige", False),
        ("bij albert heijn", False),
        ("at a hospital as a doctor", False),
        ("in marketing", False),  # "in" alone names a field, as in ESCO's labels
        ("bij", False),
    ],
)
def test_a_title_that_names_only_a_workplace(text: str, place: bool) -> None:
    assert textnorm.place_only(textnorm.normalize(text)) is place


def test_a_workplace_alone_puts_its_workers_before_its_managers() -> None:
    """Someone who says only where they worked most often did the work of that place: the
    lexical list put the place's manager first (a hotel's accommodation manager, a catering
    supervisor: short labels the place word fills); managers and professionals now come after
    the others, and the answer is flagged."""
    from skilltool.coding_places import NAMED_ROLES, place_first

    for text in ("ik werkte in een hotel", "in de horeca gewerkt", "at a hotel"):
        result = _coder().code(text, lang="en" if text.startswith("at") else "nl", top=5)
        assert result.needs_review
        codes = [c.isco for c in result.candidates]
        assert not codes[0].startswith(NAMED_ROLES), (text, codes)
        assert any(code.startswith(NAMED_ROLES) for code in codes), (text, codes)  # kept, after
    # a role said after the place keeps its professionals first (a doctor, not a hospital porter)
    for text in ("in het ziekenhuis als arts", "at a hospital as a doctor"):
        first = _coder().code(text, lang="en" if text.startswith("at") else "nl", top=5).candidates[0]
        assert first.isco.startswith("22"), (text, first)
    # the rule itself: each side keeps its order; a title with a role is left alone
    iscos = ["1411", "4224", "2262", "5131"]
    hits = [(0, 90.0, 0), (1, 80.0, 1), (2, 70.0, 2), (3, 60.0, 3)]
    assert place_first(iscos, "in een hotel", (hits, False)) == ([hits[1], hits[3], hits[0], hits[2]], True)
    assert place_first(iscos, "receptionist in een hotel", (hits, False)) == (hits, False)


def test_asking_for_more_candidates_never_changes_the_first_ones() -> None:
    """The fusion and the spread over groups depend on the places there are: ranked for ten,
    these titles (two-word mixes of ESCO's words) had another first candidate than ranked for
    five. More than five candidates now extend the five (``coding_support.deeper``), in ``code``
    and ``code_many`` alike."""
    coder = _coder()
    titles = ["receptionist housekeeper", "paint machinist", "nature employee", "store infrastructure"]
    many = coder.code_many(titles, lang="en", top=10)
    for title, batched in zip(titles, many, strict=True):
        five, ten = coder.code(title, lang="en", top=5), coder.code(title, lang="en", top=10)
        assert ten.candidates[:5] == five.candidates and ten.needs_review == five.needs_review
        assert len(ten.candidates) == 10 and len({c.uri for c in ten.candidates}) == 10
        assert batched == ten
        assert coder.code(title, lang="en", top=3).candidates == five.candidates[:3]


def test_mijn_is_my_before_a_word_and_a_mine_at_the_end() -> None:
    """Dutch *mijn* is "my" and "a mine": before another word it is the possessive and no query
    word ("met mijn vader in zijn winkel" coded a mine's foreman); at the end it stays."""
    assert textnorm.tokens(textnorm.normalize("met mijn vader in zijn winkel")) == ["vader", "winkel"]
    assert textnorm.tokens(textnorm.normalize("werkte in de mijn")) == ["mijn"]
    assert textnorm.tokens("opzichter mijn", "nl") == ["opzichter", "mijn"]  # a label keeps it


@pytest.mark.parametrize(
    ("text", "lang", "isco"), [("kok in restaurant", "nl", "5120"), ("cook in hotel", "en", "5120")]
)
def test_a_workplace_without_an_article_is_a_workplace_after_a_whole_label(
    text: str, lang: str, isco: str
) -> None:
    """A workplace said without its article counts as one said with it ("kok in een restaurant"):
    the restaurant pulled a head chef first, flagged."""
    result = _coder().code(text, lang=lang)
    assert (result.candidates[0].isco, result.needs_review) == (isco, False), result.candidates[:3]


def test_a_label_that_says_in_without_an_article_stays_one_title() -> None:
    """ESCO names shop salespersons "verkopers in winkels": that title is a label, not a
    salesperson somewhere, so the shop still counts."""
    from skilltool.coding_support import bare_workplace

    ix = _coder()._table.index
    assert bare_workplace("verkoper in winkel", ["verkoper", "winkel"], ix) is None
    assert bare_workplace("kok in restaurant", ["kok", "restaurant"], ix) == 1
    assert bare_workplace("bediening in restaurant", ["bediening", "restaurant"], ix) is None  # no label


def test_another_groups_alternative_label_yields_to_the_family_cbs_names() -> None:
    """ESCO's Dutch "manager" is an alternative label of the leader of a fast food crew (5246) alone;
    CBS's titles with the word are managers' (1): the word alone is that family, flagged. A
    preferred label is kept ("lasser"), as is a family of spread candidates ("monteur")."""
    result = _coder().code("manager", lang="nl")
    first = result.candidates[0]
    assert (first.kind, first.isco) == ("isco_group", "1") and result.needs_review
    assert _coder().code("lasser", lang="nl").candidates[0].isco == "7212"
