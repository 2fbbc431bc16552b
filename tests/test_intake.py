"""The intake engine: typed answers, back/skip/help, conditions, repeats, resume, config, files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltool import answer_parsing, intake, intake_engine, intake_script
from skilltool.errors import DataFileError, InputFileError
from skilltool.intake_engine import Nav, Prompt
from skilltool.models.intake import IntakeConfig, Questionnaire
from skilltool.reference import ReferenceData

TODAY = dt.date(2026, 11, 28)
COUNTRIES = {"syria": "SY", "syrië": "SY", "sy": "SY", "eritrea": "ER", "turkije": "TR", "afghanistan": "AF"}


def resolve(text: str) -> str | None:
    return COUNTRIES.get(text.strip().casefold())


@pytest.fixture(scope="module")
def questionnaire() -> Questionnaire:
    return intake_script.load_questionnaire(ReferenceData())


class Script:
    """An ``ask`` that answers by key from a dict, records every prompt, and can play a sequence."""

    def __init__(self, answers: dict[str, Any], sequence: Iterable[tuple[str, Any]] = ()) -> None:
        self.answers = answers
        self.sequence = list(sequence)
        self.prompts: list[Prompt] = []

    def __call__(self, prompt: Prompt) -> Any:
        self.prompts.append(prompt)
        if self.sequence and self.sequence[0][0] == prompt.key:
            return self.sequence.pop(0)[1]
        if prompt.is_more:
            return self.answers.get(prompt.key, "no")
        return self.answers.get(prompt.key, Nav.SKIP)

    def asked(self) -> list[str]:
        return [p.key for p in self.prompts]


FULL: dict[str, Any] = {
    "personal.client_ref": "ZW-2026-0031",
    "personal.birth_year": "1994",
    "personal.country_of_origin": "Eritrea",
    "personal.permit_date": "12-02-2025",
    "personal.municipality": "Zwolle",
    "languages.mother_tongues": "Tigrinya, Arabic",
    "languages.other.+0": "yes",
    "languages.other.0.language": "English",
    "languages.other.0.cefr": "b1",
    "languages.dutch_cefr": "A2",
    "languages.integration_route": "1",
    "education.+0": "ja",
    "education.0.country": "Eritrea",
    "education.0.qualification": "Eritrean Secondary Education Certificate",
    "education.0.years": "12",
    "education.0.completed": "yes",
    "education.0.documents": "no",
    "education.0.idw_status": "indicatie",
    "education.0.idw_nlqf": "3",
    "work.+0": "yes",
    "work.0.title": "lasser",
    "work.0.tasks": "welding gates",
    "work.0.country": "Eritrea",
    "work.0.years": "4,5",
    "work.0.kind": "informal",
    "work.+1": "yes",
    "work.1.title": "kapper",
    "work.1.confirmed_uri": intake.FREE_TEXT,
    "skills.free_text": "koken, naaien",
    "skills.confirmed": {"koken": "f3934441-4bff-4076-9945-e6c51a01c467", "naaien": intake.FREE_TEXT},
    "skills.digital": "basic",
    "skills.driving_licences": "b, c",
    "skills.certificates": "VCA",
    "wishes.sectors": "techniek",
    "wishes.hours_per_week": "32",
    "wishes.willing_to_train": "ja",
    "circumstances.care_duties": "nee",
    "circumstances.health_limits_work": "rather_not_say",
    "notes.notes": "eerste gesprek",
    "notes.agreed_next_steps": "IDW aanvragen; proefplaatsing",
}


def _run(q: Questionnaire, ask: Callable[[Prompt], Any], **kw: Any) -> dict[str, Any]:
    return intake_engine.run(q, ask, resolve_country=resolve, today=TODAY, **kw)


def test_questionnaire_has_eight_sections_that_map_onto_the_answers(questionnaire: Questionnaire) -> None:
    """The shipped script loads, has the 8 sections of the issue, and every field exists in IntakeAnswers."""
    assert [s.id for s in questionnaire.sections] == [
        "personal",
        "languages",
        "education",
        "work",
        "skills",
        "wishes",
        "circumstances",
        "notes",
    ]
    for q in questionnaire.all_questions():
        assert q.help.nl and q.help.en, q.id


def test_a_full_run_gives_valid_answers(questionnaire: Questionnaire) -> None:
    """Typed answers are normalised (CEFR case, decimal comma, choice number, ja/nee) into IntakeAnswers."""
    script = Script(FULL)
    answers = answer_parsing.answers_from_mapping(_run(questionnaire, script))
    assert answers.personal.country_of_origin == "ER"
    assert answers.personal.permit_date == dt.date(2025, 2, 12)
    assert answers.languages.mother_tongues == ["ti", "ar"]
    assert answers.languages.other[0].language == "en"
    assert answers.languages.other[0].cefr == "B1"
    assert answers.languages.integration_route == "b1"
    assert answers.education[0].idw_nlqf == 3
    assert answers.work[0].years == 4.5
    assert answers.work[1].keep_free_text is True
    assert answers.skills.driving_licences == ["B", "C"]
    assert answers.skills.confirmed == {
        "koken": "f3934441-4bff-4076-9945-e6c51a01c467",
        "naaien": "free_text",
    }
    assert answers.agreed_next_steps == ["IDW aanvragen", "proefplaatsing"]
    assert answers.circumstances.health_limits_work == "rather_not_say"
    assert script.prompts[0].section_number == 1
    assert {p.section_count for p in script.prompts} == {8}


@pytest.mark.parametrize(
    ("key", "bad", "reason"),
    [
        ("personal.birth_year", "3024", "3024 is not a year between 1930 and 2026"),
        ("languages.dutch_cefr", "B3", "'B3' is not a CEFR level"),
        ("personal.country_of_origin", "Atlantis", "'Atlantis' is not a country we know"),
        ("personal.permit_date", "2027-01-01", "is in the future"),
        ("personal.client_ref", "123456789", "looks like a BSN"),
        ("skills.driving_licences", "B, X", "'X' is not an EU driving licence category"),
        ("skills.confirmed", {"koken": "two words"}, "'koken': 'two words' is not an ESCO skill id"),
    ],
)
def test_a_bad_answer_is_asked_again_with_the_reason(
    questionnaire: Questionnaire, key: str, bad: str, reason: str
) -> None:
    """A refused answer comes back to ``ask`` with ``prompt.error``; the next good one is kept."""
    script = Script(FULL, sequence=[(key, bad)])
    answers = _run(questionnaire, script)
    asked = [p for p in script.prompts if p.key == key]
    assert len(asked) == 2
    assert asked[0].error is None
    assert asked[1].error is not None and reason in asked[1].error
    assert answers["personal"]["client_ref"] == "ZW-2026-0031"


def test_back_returns_to_the_previous_question_with_its_answer_as_default(
    questionnaire: Questionnaire,
) -> None:
    """``Nav.BACK`` removes the last answer and asks that question again, offering the old value."""
    script = Script(
        FULL, sequence=[("personal.permit_date", Nav.BACK), ("personal.country_of_origin", "Syria")]
    )
    answers = _run(questionnaire, script)
    again = [p for p in script.prompts if p.key == "personal.country_of_origin"]
    assert again[-1].default == "ER"
    assert answers["personal"]["country_of_origin"] == "SY"


def test_back_on_the_first_question_is_refused(questionnaire: Questionnaire) -> None:
    """There is nothing before the first question: going back says so and asks again."""
    script = Script(FULL, sequence=[("personal.client_ref", Nav.BACK)])
    _run(questionnaire, script)
    assert "nothing to go back to" in (script.prompts[1].error or "")


def test_skip_leaves_optional_questions_empty_and_refuses_required_ones(questionnaire: Questionnaire) -> None:
    """Skipping the client reference is refused (it is required); a skipped birth year stays unknown."""
    script = Script(
        {**FULL, "personal.birth_year": Nav.SKIP},
        sequence=[("personal.client_ref", Nav.SKIP)],
    )
    answers = _run(questionnaire, script)
    assert script.prompts[1].error == "this question needs an answer"
    assert "birth_year" not in answers["personal"]


def test_help_asks_again_with_the_help_text_flag(questionnaire: Questionnaire) -> None:
    """``Nav.HELP`` re-asks the same question with ``show_help`` set, without storing anything."""
    script = Script(FULL, sequence=[("personal.birth_year", Nav.HELP)])
    _run(questionnaire, script)
    asked = [p for p in script.prompts if p.key == "personal.birth_year"]
    assert [p.show_help for p in asked] == [False, True]


def test_a_condition_hides_a_question(questionnaire: Questionnaire) -> None:
    """The IDW level is only asked for an evaluated diploma, per entry."""
    script = Script({**FULL, "education.0.idw_status": "none"})
    answers = _run(questionnaire, script)
    assert "education.0.idw_nlqf" not in script.asked()
    assert "idw_nlqf" not in answers["education"][0]


def test_the_occupation_pick_is_asked_only_after_a_title(questionnaire: Questionnaire) -> None:
    """The code question sees the entry's title in ``prompt.context``."""
    script = Script(FULL)
    _run(questionnaire, script)
    pick = next(p for p in script.prompts if p.key == "work.0.confirmed_uri")
    assert pick.context["title"] == "lasser"


def test_resume_asks_only_what_is_left(questionnaire: Questionnaire) -> None:
    """Resuming from a draft's state asks none of the answered questions again and loses nothing."""
    saved: list[dict[str, Any]] = []
    first = Script(FULL)
    _run(questionnaire, first, on_change=saved.append)
    draft = saved[12]  # interrupted somewhere in the education section
    second = Script(FULL)
    answers = _run(questionnaire, second, answers=draft)
    assert not set(second.asked()) & set(draft)
    assert answers == _run(questionnaire, Script(FULL))


@settings(max_examples=25, deadline=None)
@given(cut=st.integers(min_value=0, max_value=60))
def test_resuming_from_any_draft_gives_the_same_answers(questionnaire: Questionnaire, cut: int) -> None:
    """Property: stopping after any number of answers and resuming yields exactly the uninterrupted result."""
    saved: list[dict[str, Any]] = []
    whole = _run(questionnaire, Script(FULL), on_change=saved.append)
    draft = saved[min(cut, len(saved) - 1)]
    assert _run(questionnaire, Script(FULL), answers=draft) == whole


def test_config_switches_sections_off(questionnaire: Questionnaire) -> None:
    """A switched-off section is not asked; personal details cannot be switched off; typos fail."""
    q = intake_script.apply_config(
        questionnaire, IntakeConfig(disabled_sections=["circumstances"]), path="c.yaml"
    )
    script = Script(FULL)
    answers = intake_engine.run(q, script, resolve_country=resolve, today=TODAY)
    assert "circumstances" not in answers
    assert {p.section_count for p in script.prompts} == {7}
    with pytest.raises(DataFileError, match=r"c.yaml: disabled_sections: section 'personal' cannot"):
        intake_script.apply_config(questionnaire, IntakeConfig(disabled_sections=["personal"]), path="c.yaml")
    with pytest.raises(DataFileError, match="unknown section 'wensen'"):
        intake_script.apply_config(questionnaire, IntakeConfig(disabled_sections=["wensen"]), path="c.yaml")


def test_config_file_is_read(tmp_path: Path) -> None:
    """``load_questionnaire(config=...)`` applies a config file; a missing one is an error."""
    cfg = tmp_path / "cfg.yaml"
    cfg.write_text("disabled_sections: [wishes, notes]\n", encoding="utf-8")
    q = intake_script.load_questionnaire(ReferenceData(), config=cfg)
    assert [s.id for s in q.sections][-1] == "circumstances"
    with pytest.raises(InputFileError, match="no such file; check the name and folder of the config file"):
        intake_script.load_questionnaire(ReferenceData(), config=tmp_path / "nope.yaml")


ANSWERS_FILE: dict[str, Any] = {
    "personal": {"client_ref": "AF-1", "birth_year": 1990, "country_of_origin": "Afghanistan"},
    "languages": {"mother_tongues": ["Dari"], "dutch_cefr": "B1", "other": [{"language": "Pashto"}]},
    "education": [{"country": "Afghanistan", "qualification": "Baccalaureate", "completed": True}],
    "work": [{"title": "kapper", "years": 3, "confirmed_uri": "http://data.europa.eu/esco/occupation/x"}],
    "agreed_next_steps": ["taalcursus"],
}


def test_answers_file_runs_through_the_same_checks(questionnaire: Questionnaire) -> None:
    """``run_from_file`` reads a nested YAML mapping, question by question."""
    answers = intake_engine.run_from_file(
        questionnaire, ANSWERS_FILE, source="a.yaml", resolve_country=resolve, today=TODAY
    )
    assert answers.personal.country_of_origin == "AF"
    assert answers.languages.mother_tongues == ["prs"]
    assert answers.languages.other[0].language == "ps"
    assert answers.work[0].confirmed_uri == "http://data.europa.eu/esco/occupation/x"
    assert answers.agreed_next_steps == ["taalcursus"]


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (
            ("personal", "birth_year"),
            3024,
            "a.yaml: personal.birth_year: the answer is not a year between 1930 and 2026",
        ),
        (("languages", "dutch_cefr"), "B3", "a.yaml: languages.dutch_cefr: the answer is not a CEFR level"),
        (
            ("personal", "country_of_origin"),
            "Atlantis",
            "a.yaml: personal.country_of_origin: the answer is not",
        ),
        (("personal", "shoe_size"), 44, "a.yaml: personal: a key that is no question of this intake"),
    ],
)
def test_a_bad_answer_in_a_file_names_file_question_and_reason(
    questionnaire: Questionnaire, path: tuple[str, str], value: Any, message: str
) -> None:
    """In ``--answers`` mode the first bad answer stops the run with one line."""
    data = {k: (dict(v) if isinstance(v, dict) else v) for k, v in ANSWERS_FILE.items()}
    data[path[0]][path[1]] = value
    with pytest.raises(InputFileError) as exc:
        intake_engine.run_from_file(
            questionnaire, data, source="a.yaml", resolve_country=resolve, today=TODAY
        )
    assert str(exc.value).startswith(message)
    assert "\n" not in str(exc.value)


def test_a_bad_entry_in_a_list_names_its_index(questionnaire: Questionnaire) -> None:
    """Errors inside repeated entries name the entry: ``education.1.country``."""
    data = dict(ANSWERS_FILE)
    data["education"] = [*ANSWERS_FILE["education"], {"country": "Narnia", "qualification": "x"}]
    with pytest.raises(InputFileError, match=r"^a.yaml: education.1.country: the answer is not"):
        intake_engine.run_from_file(
            questionnaire, data, source="a.yaml", resolve_country=resolve, today=TODAY
        )


@pytest.mark.parametrize("level", ["pre-A1", "A1", "A2", "B1", "B2", "C1", "C2"])
def test_cefr_levels_parse_in_any_case(level: str) -> None:
    """Every CEFR level is accepted as written, lower-cased or without the hyphen."""
    assert answer_parsing.parse_cefr(level) == level
    assert answer_parsing.parse_cefr(level.lower()) == level
    assert answer_parsing.parse_cefr(level.replace("-", " ")) == level


def test_questionnaire_validation_catches_a_bad_condition() -> None:
    """A condition on a question that is not asked before it fails on load, naming the question."""
    data = {
        "version": 1,
        "sections": [
            {
                "id": "personal",
                "title": {"nl": "P", "en": "P"},
                "questions": [
                    {
                        "id": "personal.birth_year",
                        "type": "year",
                        "text": {"nl": "j", "en": "y"},
                        "help": {"nl": "j", "en": "y"},
                        "when": {"question": "personal.client_ref", "answered": True},
                    }
                ],
            }
        ],
    }
    with pytest.raises(ValueError, match=r"personal\.birth_year: condition refers to personal\.client_ref"):
        Questionnaire.model_validate(data)


def test_reasons_are_given_in_dutch_with_lang_nl(questionnaire: Questionnaire) -> None:
    """``run(lang="nl")`` refuses a bad answer with a Dutch reason."""
    script = Script(FULL, sequence=[("personal.birth_year", "3024"), ("languages.dutch_cefr", "B3")])
    intake_engine.run(questionnaire, script, resolve_country=resolve, today=TODAY, lang="nl")
    errors = [p.error for p in script.prompts if p.error]
    assert errors == [
        "3024 is geen jaartal tussen 1930 en 2026",
        "'B3' is geen ERK-niveau; kies uit pre-A1, A1, A2, B1, B2, C1, C2",
    ]
