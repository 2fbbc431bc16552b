"""A title that opens with a whole label and says only circumstances after it (``coding_head``),
and the answers of the fourteenth session that say no work was had, a wish, or a field alone.
Made-up answers in the intake's style; the coder on the committed data."""

from __future__ import annotations

import functools

import pytest

from skilltool import coding_head, coding_support, textnorm
from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData
from tests.test_occupations_props import REPO_DATA


class _Index:
    """The parts of ``LabelIndex`` the opening-label rule reads."""

    def __init__(self, labels: list[str]) -> None:
        self.exact = {label.replace(" ", "") for label in labels}
        self.vocab = {word for label in labels for word in label.split()}

    def knows(self, word: str) -> bool:
        return word in self.vocab


_LABELS = ["metselaar", "vrachtwagenchauffeur", "bus driver", "kok", "stukadoor"]


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("metselaar nieuwbouw utrecht", ["metselaar"]),
        ("vrachtwagenchauffeur, internationaal 2010-2015", ["vrachtwagenchauffeur"]),
        ("bus driver city lines", ["bus", "driver"]),
        ("metselaar", None),  # nothing said after it
        ("metselaar en later stukadoor", None),  # a second role joined by a word
        ("metselaar/stukadoor", None),  # or by a slash
        ("kok opzichter keuken", None),  # a role word after it (in English, the head of a title)
        ("metselaar helpen", None),  # helping the label's worker is not the label's work
        ("stukadoor, leerling 2 jaar", None),  # nor learning it
        ("tegels zetten badkamers", None),  # no label opens it
    ],
)
def test_the_opening_label(text: str, head: list[str] | None) -> None:
    index = _Index(_LABELS)
    normalized = textnorm.normalize(text)
    assert coding_head.opening_label(index, text, normalized) == head  # type: ignore[arg-type]


@functools.cache
def _coder() -> OccupationCoder:
    return OccupationCoder.from_reference(ReferenceData(REPO_DATA))


@pytest.mark.parametrize(
    ("text", "lang", "code"),
    [
        ("metselaar nieuwbouw utrecht", "nl", "7112"),
        ("vrachtwagenchauffeur, internationaal transport 2010-2015", "nl", "8332"),
        ("kapper, eigen zaak damascus", "nl", "5141"),
        ("bus driver, city lines 2012", "en", "8331"),
    ],
)
def test_a_label_with_circumstances_after_it_goes_unflagged(text: str, lang: str, code: str) -> None:
    """The label alone goes unchecked and the whole title leads with the same occupation: what
    follows (a specialism, a place, years) did not change what the person did."""
    result = _coder().code(text, lang=lang)
    assert result.candidates[0].isco == code
    assert not result.needs_review


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("kapper en later taxichauffeur", "nl"),  # two roles
        ("metselaar/stukadoor nieuwbouw", "nl"),
        ("chauffeur, internationaal", "nl"),  # the label alone is a family: checked
    ],
)
def test_a_second_role_or_a_family_stays_flagged(text: str, lang: str) -> None:
    assert _coder().code(text, lang=lang).needs_review


def test_the_head_ranking_is_the_titles_own() -> None:
    """Regression: the head's ranking was kept in the memo at the caller's depth under the key a
    title of the same words uses at depth five, so a later ``code`` of that word alone showed the
    shorter list (``code_many`` and ``code`` disagreed)."""
    coder = OccupationCoder(_coder()._table, ngram_key=_coder()._ngram_key)
    coder.code("operator, ploegendienst", lang="en", top=3)  # a flagged head: fused, depth matters
    fresh = OccupationCoder(_coder()._table, ngram_key=_coder()._ngram_key)
    assert coder.code("operator", lang="en", top=3) == fresh.code("operator", lang="en", top=3)


def _problem(text: str, lang: str = "nl") -> str | None:
    return coding_support.prepare_title(text, _coder()._table.index, lang)[2]


@pytest.mark.parametrize(
    ("text", "lang", "problem"),
    [
        ("biologie gestudeerd, nooit gewerkt", "nl", "not_work"),
        ("studied law 3 years, never worked", "en", "not_work"),
        ("master economie, geen baan gevonden", "nl", "not_work"),
        ("wil graag buschauffeur worden", "nl", "wish"),
        ("she wants to become a nurse", "en", "wish"),
        ("arbeidsongeschikt na een ongeluk", "nl", "health"),
        ("twee jaar asielprocedure in italie", "nl", "not_work"),
        ("scholier bij vertrek, 15 jr", "nl", "not_work"),
    ],
)
def test_no_work_had_a_wish_or_a_status(text: str, lang: str, problem: str) -> None:
    assert _problem(text, lang) == problem


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("kapper, in nederland nooit gewerkt", "nl"),  # was a hairdresser
        ("lasser, wil graag weer lassen", "nl"),  # a role first, then the wish
        ("geen ervaring als lasser", "nl"),  # a role named: coded, for the caseworker to read
    ],
)
def test_a_role_said_is_still_coded(text: str, lang: str) -> None:
    assert _problem(text, lang) is None


def test_a_wish_has_its_own_sentence() -> None:
    assert "wens" in coding_support.problem_text("wish", "nl")  # type: ignore[operator]
    assert "wish" in coding_support.problem_text("wish", "en")  # type: ignore[operator]


@pytest.mark.parametrize("text", ["werkte in restaurant", "in marketing", "op kantoor"])
def test_a_preposition_and_one_word_is_flagged(text: str) -> None:
    """Regression: "werkte in restaurant" led unchecked with a restaurant's manager."""
    assert textnorm.field_only(textnorm.normalize(text))
    assert _coder().code(text, lang="nl").needs_review


def test_the_opening_label_leads_a_title_that_matched_no_label_nearly() -> None:
    """The words after the label pulled the ranking to a place's manager ("kok turks restaurant"
    led with a restaurant's manager); the label alone is sure, so its occupation leads, flagged."""
    result = _coder().code("kok turks restaurant", lang="nl")
    assert result.candidates[0].isco == "5120"
    assert result.needs_review


@pytest.mark.parametrize(
    ("hits", "lead", "first"),
    [
        ([(1, 60.0, 10), (2, 50.0, 20)], (2, 100.0, 21), (2, 50.0, 20)),  # its own entry
        ([(1, 60.0, 10), (2, 50.0, 20)], (3, 100.0, 30), (3, 60.0, 30)),  # the first one's score
        ([(1, 95.0, 10), (2, 50.0, 20)], (2, 100.0, 21), (1, 95.0, 10)),  # a near label: kept
    ],
)
def test_head_first(
    hits: list[tuple[int, float, int]], lead: tuple[int, float, int], first: tuple[int, float, int]
) -> None:
    ranked = coding_head.head_first(hits, lead)
    assert ranked[0] == first
    assert len(ranked) == len(hits)
    assert len({c for c, _, _ in ranked}) == len(ranked)


def test_another_occupation_of_the_same_unit_group_goes_unflagged_led_by_the_label() -> None:
    """The label alone is sure of one occupation and the whole title leads with another of the same
    ISCO-08 unit group: the code is the same either way; the label's own occupation leads,
    unflagged (the fifteenth session)."""
    result = _coder().code("beveiliger nachtdienst haven", lang="nl")
    assert result.candidates[0].matched == "beveiliger" and result.candidates[0].isco == "5414"
    assert not result.needs_review


def test_the_same_unit_group_rule_needs_two_occupations() -> None:
    iscos = ["5414", "5414", "7411", "54"]
    assert coding_head.same_unit_group(iscos, 3, (0, 100.0, 1), (1, 60.0, 2))
    assert not coding_head.same_unit_group(iscos, 3, (0, 100.0, 1), (2, 60.0, 2))  # another group
    assert not coding_head.same_unit_group(iscos, 3, (3, 100.0, -1), (1, 60.0, 2))  # a group concept


def test_the_same_work_in_the_clients_language_beside_the_label() -> None:
    """A label and the client's own word for the same work, in brackets or after a comma ("bakker
    (khabbaz)"), is one role: the label alone is sure, the answer goes unflagged, and the Dutch label
    is shown as matched (an alias said beside more words would be checked). A word naming other
    work stays a second role."""
    for text in ("bakker (khabbaz), 8 jaar", "bakker, khabbaz"):
        result = _coder().code(text, lang="nl")
        assert (result.candidates[0].isco, result.needs_review) == ("7512", False)
        assert result.candidates[0].matched == "bakker"
    assert _coder().code("bakker (hallaq)", lang="nl").needs_review  # a barber's word beside it


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("usta (metselaar) in Bursa", ["metselaar"]),
        ("usta (bus driver)", ["bus", "driver"]),
        ("kok (metselaar)", None),  # a known word before the brackets: not a translation
        ("usta (metselaar) en later kok", None),  # a second role after it
        ("(metselaar) usta", None),  # nothing before the brackets
        ("usta (tegels zetten)", None),  # no whole label in the brackets
    ],
)
def test_a_label_in_brackets_after_the_clients_own_word(text: str, head: list[str] | None) -> None:
    assert coding_head.bracketed_label(_Index(_LABELS), text) == head  # type: ignore[arg-type]


def test_the_coder_reads_a_label_in_brackets_as_the_title() -> None:
    """The client's own word unknown to the coder, the caseworker's Dutch label in brackets: the
    label alone is sure, so is the answer."""
    result = _coder().code("usta (automonteur) in Bursa", lang="nl")
    assert (result.candidates[0].isco, result.needs_review) == ("7231", False)
