"""A motorcycle repaired is a motor vehicle mechanic's work (``coding_vehicles.mechanic_of_motorcycles``,
7231); a Dutch perfect says an activity as the past does (``coding_activity._perfect``); an idiom's
two objects and its article (``coding_idioms.IDIOMS``); whom one helped at their work names the
assistant (``coding_places.assistant_of``). Made-up answers in the intake's style."""

from __future__ import annotations

import pytest

from skilltool import coding_activity, coding_places, coding_vehicles, textnorm
from tests.alias_checks import coder


def _role(word: str) -> bool:
    return word in {"verkoper", "instructeur"}


@pytest.mark.parametrize(
    ("words", "read"),
    [
        (["repareerde", "brommers"], (coding_vehicles.GARAGE_LABEL, True)),
        (["scooter", "monteur"], (coding_vehicles.GARAGE_LABEL, False)),
        (["fixed", "motorbikes", "jalalabad"], (coding_vehicles.GARAGE_LABEL, True)),
        (["motoren", "gerepareerd"], (coding_vehicles.GARAGE_LABEL, True)),  # engines or motorcycles
        (["monteur", "motoren"], None),  # an engine fitter's title: the labels weigh it
        (["verkoper", "scooters", "reparatie"], None),  # a seller's role said
        (["bezorger", "scooter"], None),  # a rider (``as_title``)
        (["monteur", "fietsen"], None),  # no motorcycle
    ],
)
def test_a_motorcycle_repaired_is_a_motor_vehicle_mechanics_work(
    words: list[str], read: tuple[str, bool] | None
) -> None:
    assert coding_vehicles.mechanic_of_motorcycles(words, _role) == read


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("ik repareerde brommers in Kandahar", "nl"),
        ("ik heb jaren scooters gerepareerd", "nl"),
        ("fixed motorbikes in Jalalabad", "en"),
    ],
)
def test_motorcycle_repairers_code_to_motor_vehicle_mechanics(text: str, lang: str) -> None:
    """ESCO files the scooter's mechanic under the bicycle's (7234); a rider or an assembler came first."""
    assert coder().code(text, lang=lang).candidates[0].isco == "7231"


@pytest.mark.parametrize(
    ("words", "read"),
    [
        ("ik heb tegels gelegd", ["tegels", "gelegd"]),
        ("ik heb jaren tegels gelegd", ["tegels", "gelegd"]),
        ("heb daar schoenen gerepareerd in aleppo", ["schoenen", "gerepareerd", "in", "aleppo"]),
        ("wij hebben muren geverfd", ["muren", "geverfd"]),
        ("ik heb een winkel", None),  # no participle: the owner's words are read elsewhere
        ("ik heb tegels", None),
        ("tegels gelegd", None),  # no auxiliary: ``_infinitive`` reads it
    ],
)
def test_a_dutch_perfect_leaves_its_object_and_participle(words: str, read: list[str] | None) -> None:
    assert coding_activity._perfect(words.split()) == read


@pytest.mark.parametrize(
    ("word", "past"),
    [
        ("gelegd", "legde"),
        ("verzorgd", "verzorgde"),
        ("behandeld", "behandelde"),
        ("gegeven", "gaf"),
        ("tegels", None),
    ],
)
def test_participles_give_their_past(word: str, past: str | None) -> None:
    assert coding_activity._participle(word) == past


@pytest.mark.parametrize(
    ("text", "isco"),
    [
        ("ik heb daar tegels gelegd", "7122"),
        ("wij hebben muren geverfd", "7131"),
        ("knipte haar en baarden", "5141"),  # two objects: the idiom's worker does both
        ("leidde het gebed in een moskee in Herat", "2636"),  # an article before the object
        ("schreef nieuwsberichten voor een radiozender", "2642"),
        ("ik hielp de tandarts in een kliniek", "3251"),
    ],
)
def test_perfects_idioms_and_assistants_code_to_their_workers(text: str, isco: str) -> None:
    result = coder().code(text, lang="nl")
    assert result.candidates[0].isco == isco, result.candidates[:3]


def test_english_news_written_and_a_doctor_helped() -> None:
    assert coder().code("wrote articles for a newspaper", lang="en").candidates[0].isco == "2642"
    assert coder().code("helped the doctor at a clinic", lang="en").candidates[0].isco == "3256"


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("hielp de bakker", "bakkersassistent"),
        ("ik hielp de tandarts in homs", "tandartsassistent in homs"),
        ("assisteerde een notaris", "notarisassistent"),
        ("assisted the surveyor at a mine", "surveyors assistant at a mine"),
        ("hielp mensen", None),  # no assistant of people
        ("hielp de smid", None),  # the labels have no smith's assistant
        ("hielp mijn oom in de bakkerij", None),  # a place: ``helped_at``
    ],
)
def test_whom_one_helped_names_the_assistant(text: str, read: str | None) -> None:
    exact = {"bakkersassistent", "tandartsassistent", "notarisassistent", "surveyorsassistant"}
    assert coding_places.assistant_of(text, exact) == read


def test_words_of_time_between_the_auxiliary_and_the_workplace_are_filler() -> None:
    assert textnorm.normalize("ik heb daar jaren in een zagerij gewerkt") == "in een zagerij"


@pytest.mark.parametrize(
    ("text", "isco"),
    [
        ("hij laste hekken en poorten in Mosul", "7212"),  # the second object read as its own worker's
        ("ik maakte bedden en stoelen", "7522"),  # the object whose compound a label has (stoelenmaker)
    ],
)
def test_two_objects_keep_the_worker_of_their_activity(text: str, isco: str) -> None:
    assert coder().code(text, lang="nl").candidates[0].isco == isco


def test_people_carried_are_a_drivers_work_with_the_vehicle_left_to_ask() -> None:
    """Without the vehicle, the drivers' group comes first and the answer is flagged."""
    result = coder().code("ik vervoerde passagiers naar het vliegveld", lang="nl")
    assert result.needs_review
    assert all(c.isco.startswith("83") for c in result.candidates[:1]), result.candidates[:3]


@pytest.mark.parametrize(
    ("text", "lang"), [("waste de overledenen in Kabul", "nl"), ("washed the dead", "en")]
)
def test_the_dead_washed_are_a_funeral_workers_work(text: str, lang: str) -> None:
    assert coder().code(text, lang=lang).candidates[0].isco == "5163"


@pytest.mark.parametrize(
    ("text", "isco"),
    [
        ("ik schoenen repareren markt", "7536"),
        ("ik bus rijden kinderen school", "8331"),
        ("ik brood bakken nacht", "7512"),
    ],
)
def test_an_activity_in_beginners_dutch_is_read_as_its_worker(text: str, isco: str) -> None:
    """The object before an infinitive, more words after it (``coding_activity._broken``): a seller at a
    filling station, a shoe designer, a school bus escort came first. Flagged: an activity."""
    result = coder().code(text, lang="nl")
    assert result.candidates[0].isco == isco
    assert result.needs_review


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("ik hekken lassen fabriek", "hekken lasser fabriek"),  # the words after it kept
        ("ik muren metselen", "muren metselaar"),
        ("ik werken fabriek", None),  # a verb that says nothing of the work
        ("ik kinderen thuis", None),  # no infinitive
    ],
)
def test_beginners_dutch_is_read_only_around_an_infinitive(text: str, read: str | None) -> None:
    from tests.test_coding_activity import INDEX

    assert coding_activity.as_title(textnorm.normalize(text), INDEX) == read
