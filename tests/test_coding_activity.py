"""An activity said instead of a title ("ik repareerde fietsen", "I painted houses"): the verb as
the worker who does it, after its object, flagged for review (``coding_activity``). The word rules
on a tiny vocabulary, then the coder on the committed data with phrases of our own."""

from __future__ import annotations

import functools
from collections.abc import Container
from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skilltool import coding_activity, messages, textnorm
from skilltool.coding_activity import agent, as_title
from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData
from tests.test_occupations_props import REPO_DATA

WORDS = {
    "lasser", "bakker", "maker", "reparateur", "programmeur", "metselaar", "schilder", "verkoper",
    "chauffeur", "cleaner", "baker", "driver", "plasterer", "translator", "leger", "werker", "worker",
    "tegellegger", "busmonteur",
}  # fmt: skip


def known(word: str) -> bool:
    return word in WORDS


@dataclass
class FakeIndex:
    """``coding_activity.Words`` over a set of label words (no whole labels, no compounds)."""

    vocab: Container[str]
    exact: Container[str] = field(default_factory=set)

    def knows(self, word: str) -> bool:
        return word in self.vocab


INDEX = FakeIndex(WORDS)


@pytest.mark.parametrize(
    ("verb", "dutch", "worker"),
    [
        ("laste", True, "lasser"),  # a short vowel: the consonant doubles
        ("bakte", True, "bakker"),
        ("maakte", True, "maker"),  # a long vowel: written once before -er
        ("repareerde", True, "reparateur"),  # -eren verbs of French origin
        ("programmeerde", True, "programmeur"),
        ("metselde", True, "metselaar"),
        ("schilderde", True, "schilder"),  # the stem is the worker
        ("verkocht", True, "verkoper"),  # irregular
        ("reed", True, "chauffeur"),
        ("cleaned", False, "cleaner"),
        ("baked", False, "baker"),  # bake-d
        ("plastered", False, "plasterer"),
        ("translated", False, "translator"),
        ("drove", False, "driver"),  # irregular
    ],
)
def test_the_worker_of_a_verb(verb: str, dutch: bool, worker: str) -> None:
    assert agent(verb, dutch=dutch, known=known) == worker


def test_no_worker_the_index_lacks_and_none_for_the_filler_verbs() -> None:
    assert agent("zwom", dutch=True, known=known) is None  # nothing derived is known
    assert agent("legde", dutch=True, known=known) is None  # legger unknown; never leger (an army)
    for verb in ("werkte", "worked", "was", "had"):
        assert agent(verb, dutch=verb != "worked", known=lambda _: True) is None, verb


def test_said_as_a_title_only_after_a_subject() -> None:
    assert as_title("ik repareerde fietsen", INDEX) == "fietsen reparateur"
    assert as_title("hij laste pijpen bij een werf", INDEX) == "pijpen lasser bij een werf"
    assert as_title("i drove a taxi in aleppo", INDEX) == "a taxi driver in aleppo"
    assert as_title("we cleaned", INDEX) == "cleaner"
    # a Dutch past without its subject opens no title: read as after one (``_regular_past``)
    assert as_title("repareerde bussen", INDEX) == "busmonteur"
    assert as_title("repaired bikes and cars", INDEX, "en") is None  # English: no object read so
    assert as_title("ik", INDEX) is None
    # one Dutch object: the compound a label has, plural or singular, with the worker or its synonym
    assert as_title("ik legde tegels bij een aannemer", FakeIndex(WORDS | {"legger", "tegellegger"})) == (
        "tegellegger bij een aannemer"
    )
    assert as_title("ik repareerde bussen", INDEX) == "busmonteur"
    assert as_title("ik repareerde fietsen", INDEX) == "fietsen reparateur"  # no such compound: two words
    assert as_title("ik zwom", INDEX) is None
    assert {"ik", "i"} <= coding_activity.SUBJECTS


@pytest.mark.parametrize(
    ("infinitive", "stems"),
    [
        ("leggen", ["leg"]),  # a doubled consonant written once
        ("knippen", ["knip"]),
        ("verkopen", ["verkoop", "verkop"]),  # an open syllable: the vowel is long
        ("telen", ["teel", "tel"]),
        ("repareren", ["repareer", "reparer"]),
        ("schilderen", ["schildeer", "schilder"]),  # an unstressed -er: the second
        ("verzorgen", ["verzorg"]),
    ],
)
def test_the_stems_of_a_dutch_infinitive(infinitive: str, stems: list[str]) -> None:
    assert coding_activity._stems_of(infinitive) == stems


def test_a_dutch_object_and_infinitive_without_a_subject() -> None:
    """ "tegels leggen", "groente verkopen op de markt": the worker after the object (or their
    compound), only when the worker is a label word; a title that names its role first ("docent
    talen": a whole label) or a plural noun whose worker is no label word stays as it is."""
    index = FakeIndex(WORDS | {"legger", "tegellegger", "taler"}, exact={"docent"})
    assert as_title("tegels leggen", index) == "tegellegger"
    assert as_title("groente verkopen op de markt", index) == "groente verkoper op de markt"
    assert as_title("docent talen", index) is None  # the role first: a title, not an activity
    assert as_title("docent lassen", index) is None  # a role word (a welding teacher)
    assert as_title("opzichter grondwerken", FakeIndex({"grondwerker"})) is None  # an agent ending
    assert as_title("tegels leggen", index, "en") is None  # Dutch titles only
    assert as_title("oude rode tegels leggen", index) is None  # three object words: not an activity
    assert as_title("oude huizen", index) is None  # no worker of "huiz" is known
    assert as_title("leggen", index) is None  # no object
    # two objects joined by "en" are read as two object words
    assert as_title("tegels en stenen leggen", index) == "tegels stenen legger"
    assert as_title("oude en nieuwe rode tegels leggen", index) is None  # still at most two


def test_an_idiom_names_its_worker_not_the_verbs_agent() -> None:
    """Who cuts hair is a hairdresser, not a cutter; who gives lessons is a teacher: the idiom's
    worker (``IDIOMS``), after a subject, as an object and infinitive, or as an English gerund;
    the object is not said again, the rest is."""
    index = FakeIndex(WORDS | {"kapper", "leraar", "verzorgende", "ig", "hairdresser", "teacher", "knipper"})
    assert as_title("ik knipte haar", index) == "kapper"
    assert as_title("haren knippen", index) == "kapper"
    assert as_title("ik gaf les op een basisschool", index) == "leraar op een basisschool"
    assert as_title("les geven aan volwassenen", index) == "leraar aan volwassenen"
    assert as_title("zij verzorgde ouderen", index) == "verzorgende ig"
    assert as_title("cutting hair", index, "en") == "hairdresser"
    assert as_title("i cut hair in a salon", index, "en") == "hairdresser in a salon"
    assert as_title("ik knipte haar", FakeIndex(WORDS)) is None  # the index lacks the worker


def test_lessons_of_a_kind_take_that_kinds_teacher() -> None:
    """ "rijlessen geven" is a driving instructor's work, "zwemles" a swimming teacher's: the
    compound the labels have; a kind without one is said after "leraar"; "gaf" alone is no
    activity (a Dutch past tense that once formed an English word, a lighting gaffer)."""
    index = FakeIndex(WORDS | {"leraar", "rijinstructeur", "zwemleraar", "taal", "gaffer"})
    assert as_title("ik gaf rijlessen", index) == "rijinstructeur"
    assert as_title("zwemles geven aan kinderen", index) == "zwemleraar aan kinderen"
    assert as_title("ik gaf taallessen", index) == "leraar taal"
    assert as_title("ik gaf bijles", index) == "leraar"
    assert as_title("ik gaf adviezen", index) is None


def test_an_english_gerund_only_when_its_object_cannot_be_a_title() -> None:
    """English titles open with gerunds ("marketing", "cleaning", "shipping" + a role), so a gerund
    is an activity only with an article ("driving a taxi") or a plural said with a place
    ("selling vegetables at the market"), and never before a role word."""
    index = FakeIndex(WORDS | {"seller", "repairer", "manager"})
    assert as_title("driving a taxi", index, "en") == "a taxi driver"
    assert as_title("selling vegetables at the market", index, "en") == "vegetables seller at the market"
    assert as_title("fixing cars in a garage", index, "en") == "cars repairer in a garage"
    assert as_title("fixing cars", index, "en") is None  # a plural alone may be a title's word
    assert as_title("selling managers at the market", index, "en") is None  # a role
    assert as_title("washing inspectors at schools", index, "en") is None  # a role's plural
    assert as_title("driving a taxi", index, "nl") is None  # a Dutch title has no gerunds


def test_an_english_past_without_a_subject_as_a_volunteer_notes_it() -> None:
    """A past form opens no English title but as an adjective ("licensed electrician"), so a past
    without a subject is an activity with any one or two objects that name no role, or none."""
    index = FakeIndex(WORDS | {"seller", "repairer", "cook", "helper", "electrician"})
    assert as_title("sold bread at the station", index, "en") == "bread seller at the station"
    assert as_title("repaired radios", index, "en") == "radios repairer"
    assert as_title("cooked for parties", index, "en") == "cook for parties"
    assert as_title("licensed electrician", index, "en") is None  # an adjective
    assert as_title("helped in a bakery", index, "en") is None  # helping names no work
    assert as_title("cook at a guesthouse", index, "en") is None  # a present form opens titles
    assert as_title("sold managers", index, "en") is None  # a role
    assert as_title("repaired radios", index, "nl") is None  # Dutch titles: their own rules


def test_a_dutch_past_participle_or_a_past_without_its_subject() -> None:
    """ "tegels gelegd", "bus gereden": an object and the work done, read as its past tense; a
    strong verb's participle by its table. A Dutch past of ``IRREGULAR`` opening the answer is an
    activity with its subject left out ("reed bus in Herat"); a present form opens titles."""
    index = FakeIndex(WORDS | {"legger", "tegellegger", "buschauffeur"})
    assert as_title("tegels gelegd", index) == "tegellegger"
    assert as_title("bus gereden in herat", index) == "buschauffeur in herat"
    assert as_title("brood gebakken", index) == "brood bakker"
    assert as_title("reed bus in herat", index) == "buschauffeur in herat"
    assert as_title("verkoop medewerker", index) is None  # a present form: a title
    assert as_title("docent gelast", index) is None  # a role first
    assert as_title("oude zieke gezondheid", index) is None  # three words, no known worker
    assert as_title("tegels gelegd", index, "en") is None  # Dutch titles only
    assert coding_activity._participle("gerepareerd") == "repareerde"
    assert coding_activity._participle("gepoetst") == "poetste"
    assert coding_activity._participle("gereden") == "reed"
    assert coding_activity._participle("gebouw") is None and coding_activity._participle("geld") is None


@functools.cache
def _coder() -> OccupationCoder:
    return OccupationCoder.from_reference(ReferenceData(REPO_DATA))


@pytest.mark.parametrize(
    ("text", "lang", "group"),
    [
        ("ik repareerde fietsen", "nl", "7234"),
        ("ik repareerde auto's", "nl", "7231"),  # automonteur: the compound with its synonym
        ("ik metselde huizen", "nl", "7112"),
        ("wij plukten tomaten", "nl", "9211"),
        ("ik bakte brood", "nl", "7512"),
        ("ik reed bus", "nl", "8331"),
        ("I painted houses", "en", "7131"),
        ("I plastered walls", "en", "7123"),
        ("I drove trucks in Iraq", "en", "8332"),
        ("tegels leggen", "nl", "7122"),  # an object and an infinitive: tegellegger
        ("brood bakken", "nl", "7512"),
        ("muren metselen", "nl", "7112"),
        ("haren knippen", "nl", "5141"),  # an idiom: kapper
        ("ik verzorgde zieken", "nl", "5321"),  # verzorgende IG
        ("selling vegetables at the market", "en", "5211"),  # a gerund, then the seller at a market
        ("ik verkocht groente op de markt", "nl", "5211"),
        ("driving a taxi", "en", "8322"),
        ("muren verven", "nl", "7131"),  # a painter, not a dyer (verver)
        ("kleren vermaken", "nl", "7531"),
        ("ik gaf rijles", "nl", "5165"),
        ("sold shoes at a bazaar", "en", "5211"),  # a past without a subject (the fifteenth session)
        ("welded pipes at a refinery", "en", "7212"),
        ("vrachtwagen gereden in Syrië", "nl", "8332"),  # a participle (the sixteenth session)
        ("tegels gelegd in badkamers", "nl", "7122"),
        ("reed heftruck bij een bouwmarkt", "nl", "8344"),  # a past without its subject
    ],
)
def test_an_activity_codes_as_its_worker_flagged(text: str, lang: str, group: str) -> None:
    """A title the client did not say: a person checks it, unless the worker it names is an
    occupation's own label matched at 95 or more (``activity_named``), and the problem says which."""
    result = _coder().code(text, lang=lang)
    assert result.candidates[0].isco == group
    named = result.problem == messages.t("coding.problem.activity_named", lang)
    assert named or result.problem == messages.t("coding.problem.activity", lang)
    assert result.needs_review is not named
    assert not named or result.candidates[0].score >= 95


def test_a_title_after_the_filler_words_is_no_activity() -> None:
    for text, lang in (("ik werkte als kok", "nl"), ("I worked as a cook", "en"), ("ik was kapper", "nl")):
        result = _coder().code(text, lang=lang)
        assert result.problem is None and not result.needs_review, text


def test_the_same_in_a_batch_of_titles() -> None:
    coder = _coder()
    texts = ["ik repareerde fietsen", "I painted houses", "lasser", "ik werkte als kok"]
    assert coder.code_many(texts, lang="nl") == [coder.code(text, lang="nl") for text in texts]


class _EvenWords:
    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and len(word) % 2 == 0


@given(st.sampled_from(sorted(coding_activity.SUBJECTS)), st.text(max_size=40), st.text(max_size=40))
def test_any_activity_reads_as_a_title_or_stays(subject: str, verb: str, rest: str) -> None:
    """Whatever follows a subject, the rewrite never raises, and it only replaces the subject and
    the verb by one worker word (or joins that word to a one-word object): no other word is lost."""
    text = textnorm.normalize(f"{subject} {verb} {rest}")
    said = as_title(text, FakeIndex(_EvenWords()))  # a vocabulary of even-length words
    if said is None:
        return
    after = text.split()[2:]
    words = said.split()
    assert len(words) in (len(after), len(after) + 1)
    assert all(word in words for word in after[1:])
