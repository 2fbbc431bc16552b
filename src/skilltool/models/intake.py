"""Schema of the intake script: ``data/intake/questionnaire.yaml``, its config and translations.

The questionnaire is data: sections of typed questions with help texts in Dutch and English,
conditions, and repeatable groups. ``intake_engine.run`` walks it; ``intake_script.load_questionnaire``
checks on load that every question lands on a field of ``IntakeAnswers``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import Field, field_validator, model_validator

from skilltool.models.base import Bilingual, Record, Strict, invalid

QuestionType = Literal[
    "text",  # one line of free text
    "client_ref",  # pseudonymous reference: no name, no BSN
    "int",
    "number",
    "year",
    "date",
    "cefr",
    "country",
    "language",
    "languages",
    "choice",
    "multichoice",
    "bool",
    "list",
    "licences",
    "occupation",  # the caseworker's pick among coded candidates, or "free_text"
    "skill_review",  # per free-text skill: the caseworker's pick of an ESCO skill, or "free_text"
]
ClientLang = Literal["ar", "fa", "prs", "ti", "so", "tr", "uk"]
CLIENT_LANGS: tuple[str, ...] = ("ar", "fa", "prs", "ti", "so", "tr", "uk")


class Choice(Strict):
    value: str = Field(min_length=1)
    text: Bilingual


class Condition(Strict):
    """Ask a question only when an earlier answer (in the same entry, for repeated groups) fits."""

    question: str
    equals: str | int | bool | None = None
    one_of: list[str | int | bool] = Field(default_factory=list)
    answered: bool | None = None

    @model_validator(mode="after")
    def _one_test(self) -> Condition:
        tests = sum(x is not None for x in (self.equals, self.answered)) + bool(self.one_of)
        if tests != 1:
            raise invalid("condition_tests")
        return self


class Question(Strict):
    """A typed question, or (type ``group``) a repeatable group of questions."""

    id: str = Field(pattern=r"^[a-z_]+(\.[a-z_]+)+$")
    type: QuestionType | Literal["group"]
    text: Bilingual
    help: Bilingual
    required: bool = False
    sensitive: bool = False
    choices: list[Choice] = Field(default_factory=list)
    min: float | None = None
    max: float | None = None
    not_after_today: bool = False
    separator: str = ","
    when: Condition | None = None
    questions: list[Question] = Field(default_factory=list, description="Only for type group.")
    max_items: int = Field(default=20, ge=1, le=100)
    again: Bilingual | None = Field(
        default=None,
        description="For a group (and the 'add an entry?' of a repeated section): the question for "
        "a second entry and later ('another one?'); without it the question is asked again with "
        "the entry's number.",
    )

    @property
    def field(self) -> str:
        """The answers field this question fills: the last part of its id."""
        return self.id.rsplit(".", 1)[1]

    @model_validator(mode="after")
    def _shape(self) -> Question:
        if self.type in ("choice", "multichoice") and not self.choices:
            raise invalid("question_no_choices", id=self.id, kind=self.type)
        if self.type not in ("choice", "multichoice") and self.choices:
            raise invalid("question_choices", id=self.id)
        if (self.type == "group") != bool(self.questions):
            raise invalid("question_group", id=self.id)
        for sub in self.questions:
            if sub.type == "group":
                raise invalid("group_nested", id=sub.id)
            if not sub.id.startswith(self.id + "."):
                raise invalid("group_prefix", id=sub.id, group=self.id)
        return self


class Section(Strict):
    """A part of the interview; ``repeat`` makes the whole section a list of entries."""

    id: str = Field(pattern=r"^[a-z_]+$")
    title: Bilingual
    intro: Bilingual | None = None
    repeat: bool = False
    more: Bilingual | None = Field(default=None, description="For repeat: 'add an entry?'")
    more_help: Bilingual | None = None
    more_again: Bilingual | None = Field(
        default=None, description="For repeat: the 'add an entry?' for a second entry and later ('another?')."
    )
    store: Literal["nested", "top"] = Field(
        default="nested", description="top: the fields sit at the top of the answers, not under the id."
    )
    can_disable: bool = True
    questions: list[Question] = Field(min_length=1)

    @model_validator(mode="after")
    def _shape(self) -> Section:
        if self.repeat != (self.more is not None) or (self.more_again is not None and not self.repeat):
            raise invalid("section_more", id=self.id)
        for q in self.questions:
            if not q.id.startswith(self.id + "."):
                raise invalid("section_prefix", id=q.id, section=self.id)
            if self.repeat and q.type == "group":
                raise invalid("section_group", id=q.id)
        return self


class Questionnaire(Strict):
    """``data/intake/questionnaire.yaml``: the intake script."""

    version: int = Field(ge=1)
    sections: list[Section] = Field(min_length=1)
    texts: dict[str, Bilingual] = Field(
        default_factory=dict, description="Other texts shown to people (report headings, hints)."
    )

    def all_questions(self) -> list[Question]:
        """Every question and group, depth first, in interview order."""
        out: list[Question] = []
        for section in self.sections:
            for q in section.questions:
                out.append(q)
                out.extend(q.questions)
        return out

    @model_validator(mode="after")
    def _unique(self) -> Questionnaire:
        seen: set[str] = set()
        ids = [s.id for s in self.sections] + [q.id for q in self.all_questions()]
        for qid in ids:
            if qid in seen:
                raise invalid("id_twice", id=qid)
            seen.add(qid)
        asked_before: set[str] = set()
        for q in self.all_questions():
            if q.when is not None and q.when.question not in asked_before:
                raise invalid("condition_order", id=q.id, question=q.when.question)
            asked_before.add(q.id)
        return self


class IntakeConfig(Strict):
    """``data/intake/config.yaml`` (or ``--config``): what an organisation switches off."""

    disabled_sections: list[str] = Field(default_factory=list)


class TranslatedText(Strict):
    """One text in the client's language; ``reviewed`` only when a fluent person checked it."""

    text: str = Field(min_length=1)
    reviewed: bool
    reviewer: str | None = Field(
        default=None, description="Role or initials of the reviewer, never a client."
    )
    reviewed_on: date | None = Field(default=None, description="When the reviewer checked the text.")


class TranslationFile(Strict):
    """``data/intake/i18n/<lang>.yaml``: question texts in a client language."""

    lang: ClientLang
    name: str = Field(description="The language's own name, e.g. العربية.")
    name_en: str
    direction: Literal["ltr", "rtl"]
    note: str | None = None
    texts: dict[str, TranslatedText]


class LanguageStatus(Strict):
    """``intake languages``: how complete and how checked one client language is."""

    lang: str
    name: str
    name_en: str
    direction: Literal["ltr", "rtl"]
    texts: int
    total: int
    reviewed: int
    missing: list[str]
    unreviewed: list[str]
    unknown: list[str] = Field(description="Ids in the file that the questionnaire does not have.")


class Draft(Record):
    """An unfinished intake, saved after every answer (owner-only) and resumed with ``--resume``."""

    kind: Literal["skilltool-intake-draft"] = "skilltool-intake-draft"
    version: Literal[1] = 1
    lang: Literal["nl", "en"] = "nl"
    client_lang: ClientLang | None = None
    # a path holds no NUL byte: one from a damaged draft made every path call raise ValueError
    out: str | None = Field(
        default=None, pattern=r"^[^\x00]*$", description="Where the profile goes when the intake is done."
    )
    config: str | None = Field(default=None, pattern=r"^[^\x00]*$")
    questionnaire_version: int | None = Field(default=None, description="To warn when the script changed.")
    started: datetime
    # object: any JSON value; the engine checks each answer with check_draft before resuming
    state: dict[str, object] = Field(description="The engine's flat answers, in the order given.")
    earlier: dict[str, object] = Field(
        default_factory=dict,
        description="A reopened profile's answers (flat), offered as each question's default.",
    )

    @field_validator("version", mode="before")
    @classmethod
    def _readable_version(cls, value: object) -> object:
        """A newer skilltool's draft says so (it was "must be one of 1; is this an intake draft?");
        a long number is never echoed (a BSN)."""
        if type(value) is int and 1 < value < 100:  # 1 is the one version read; never a BSN
            raise invalid("draft_newer", version=value)
        return value
