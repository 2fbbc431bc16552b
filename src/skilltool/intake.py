"""The intake: a pure questionnaire engine, and the one path from answers to a coded profile.

``run(questionnaire, ask)`` walks the script and calls ``ask(prompt)`` for each question; the CLI
passes a terminal prompt, ``--answers`` passes a file reader, tests pass a dict. ``ask`` returns
the raw answer or a ``Nav`` (back, skip, help). Answers are checked by type (CEFR level, year
range, country, ...) and a bad one is asked again with the reason in ``prompt.error``.

The engine's state is a flat, ordered mapping ``key -> value`` (``personal.birth_year``,
``education.0.country``, ``education.+1`` for "add a second entry?"): the draft the CLI saves
after every answer, and what ``answers=`` resumes from. Going back removes the last answer.

``build_profile(answers, ref=, coder=, diplomas=)`` codes work titles and skills, looks up
diplomas, derives skills from coded occupations and records what is confirmed and by whom.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import ValidationError

from skilltool import __version__
from skilltool.errors import DataFileError, InputFileError, NotFoundError
from skilltool.models import (
    CEFR_ORDER,
    Circumstances,
    Confirmation,
    DiplomaIndication,
    DutchLanguage,
    Education,
    LanguageSkill,
    NextStep,
    OccupationCode,
    Personal,
    Profile,
    SkillEntry,
    Wishes,
    WorkExperience,
)
from skilltool.models.answers import (
    CLIENT_REF_MESSAGES,
    LICENCES,
    IntakeAnswers,
    client_ref_problem,
    licence_code,
)
from skilltool.models.intake import (
    CLIENT_LANGS,
    Draft,
    IntakeConfig,
    LanguageStatus,
    Question,
    Questionnaire,
    Section,
    Texts,
    TranslationFile,
)

if TYPE_CHECKING:
    from skilltool.reference import ReferenceData

FREE_TEXT = "free_text"
"""The answer to an ``occupation`` question that keeps the title uncoded."""


# Languages a caseworker will meet most: ISO 639 code -> names in Dutch and English (and own name).
LANGUAGES: dict[str, tuple[str, ...]] = {
    "ar": ("Arabisch", "Arabic", "العربية"),
    "fa": ("Perzisch", "Farsi", "Persian", "فارسی"),
    "prs": ("Dari", "دری"),
    "ps": ("Pasjtoe", "Pashto", "پښتو"),
    "ti": ("Tigrinya", "Tigrinya", "ትግርኛ"),
    "am": ("Amhaars", "Amharic", "አማርኛ"),
    "so": ("Somalisch", "Somali", "Soomaali"),
    "tr": ("Turks", "Turkish", "Türkçe"),
    "uk": ("Oekraïens", "Ukrainian", "українська"),
    "ru": ("Russisch", "Russian", "русский"),
    "ku": ("Koerdisch", "Kurdish", "Kurdî"),
    "kmr": ("Kurmanji", "Kurmanji"),
    "ckb": ("Sorani", "Sorani", "کوردی"),
    "en": ("Engels", "English"),
    "fr": ("Frans", "French", "français"),
    "de": ("Duits", "German", "Deutsch"),
    "nl": ("Nederlands", "Dutch"),
    "es": ("Spaans", "Spanish", "español"),
    "it": ("Italiaans", "Italian", "italiano"),
    "ur": ("Urdu", "Urdu", "اردو"),
    "hi": ("Hindi", "Hindi"),
    "sw": ("Swahili", "Swahili", "Kiswahili"),
    "om": ("Oromo", "Oromo", "Afaan Oromoo"),
    "tig": ("Tigre", "Tigre"),
    "aii": ("Assyrisch", "Assyrian", "Neo-Aramaic"),
    "hy": ("Armeens", "Armenian"),
    "az": ("Azerbeidzjaans", "Azerbaijani"),
    "uz": ("Oezbeeks", "Uzbek"),
    "pt": ("Portugees", "Portuguese", "português"),
    "zh": ("Chinees", "Chinese", "中文"),
    "ka": ("Georgisch", "Georgian"),
    "sq": ("Albanees", "Albanian", "shqip"),
    "bs": ("Bosnisch", "Bosnian"),
    "sr": ("Servisch", "Serbian"),
    "ha": ("Hausa", "Hausa"),
    "ln": ("Lingala", "Lingala"),
}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().casefold())


_LANGUAGE_INDEX: dict[str, str] = {
    _norm(name): code for code, names in LANGUAGES.items() for name in (code, *names)
}


def resolve_language(text: str) -> str | None:
    """ISO 639 code for a code or a Dutch, English or own-script language name; None when unknown."""
    return _LANGUAGE_INDEX.get(_norm(text))


def language_name(code: str, lang: str = "nl") -> str:
    """The language's name in Dutch or English; the code itself when unknown."""
    names = LANGUAGES.get(code)
    if not names:
        return code
    return names[0] if lang == "nl" or len(names) == 1 else names[1]


# --- loading ---------------------------------------------------------------------------------------


def intake_dir(ref: ReferenceData) -> Path:
    return ref.data_dir / "intake"


def load_questionnaire(ref: ReferenceData, *, config: Path | None = None) -> Questionnaire:
    """The questionnaire of ``data/intake/``, with the sections the config switches off removed.

    ``config`` defaults to ``data/intake/config.yaml`` (absent: nothing switched off).
    """
    from skilltool.reference import load_model

    path = intake_dir(ref) / "questionnaire.yaml"
    questionnaire = ref.intake_questionnaire
    check_questionnaire(questionnaire, path=path)
    cfg_path = config if config is not None else intake_dir(ref) / "config.yaml"
    if config is None and not cfg_path.exists():
        return questionnaire
    if config is not None and not config.exists():
        raise InputFileError(f"{config}: config file not found")
    return apply_config(questionnaire, load_model(cfg_path, IntakeConfig), path=cfg_path)


def apply_config(questionnaire: Questionnaire, config: IntakeConfig, *, path: Path | str) -> Questionnaire:
    """The questionnaire without the sections ``config`` switches off."""
    ids = {s.id: s for s in questionnaire.sections}
    for sid in config.disabled_sections:
        if sid not in ids:
            raise DataFileError(
                f"{path}: disabled_sections: unknown section {sid!r} (known: {', '.join(ids)})"
            )
        if not ids[sid].can_disable:
            raise DataFileError(f"{path}: disabled_sections: section {sid!r} cannot be switched off")
    off = set(config.disabled_sections)
    return questionnaire.model_copy(
        update={"sections": [s for s in questionnaire.sections if s.id not in off]}
    )


def check_questionnaire(questionnaire: Questionnaire, *, path: Path | str) -> None:
    """Every question must land on a field of ``IntakeAnswers``: a typo fails on load, not at the end."""
    from skilltool.models.answers import (
        CircumstanceAnswers,
        EducationAnswer,
        LanguageAnswer,
        LanguageAnswers,
        PersonalAnswers,
        SkillAnswers,
        WishAnswers,
        WorkAnswer,
    )

    models: dict[str, Any] = {
        "personal": PersonalAnswers,
        "languages": LanguageAnswers,
        "languages.other": LanguageAnswer,
        "education": EducationAnswer,
        "work": WorkAnswer,
        "skills": SkillAnswers,
        "wishes": WishAnswers,
        "circumstances": CircumstanceAnswers,
    }
    for section in questionnaire.sections:
        for q in section.questions:
            if section.store == "top":
                fields = IntakeAnswers.model_fields
            elif section.id in models:
                fields = models[section.id].model_fields
            else:
                raise DataFileError(f"{path}: sections: {section.id!r} is not a part of the intake answers")
            if q.field not in fields:
                raise DataFileError(f"{path}: {q.id}: {q.field!r} is not a field of the answers")
            for sub in q.questions:
                if sub.field not in models[q.id].model_fields:
                    raise DataFileError(f"{path}: {sub.id}: {sub.field!r} is not a field of the answers")


def load_translation(ref: ReferenceData, lang: str) -> TranslationFile:
    """``data/intake/i18n/<lang>.yaml``."""
    from skilltool.reference import load_model

    if lang not in CLIENT_LANGS:
        raise NotFoundError(f"--client-lang: {lang!r} is not a client language ({', '.join(CLIENT_LANGS)})")
    path = intake_dir(ref) / "i18n" / f"{lang}.yaml"
    translation = load_model(path, TranslationFile)
    if translation.lang != lang:
        raise DataFileError(f"{path}: lang: says {translation.lang!r}, expected {lang!r}")
    return translation


def language_status(questionnaire: Questionnaire, translation: TranslationFile) -> LanguageStatus:
    """What a client-language file lacks (missing ids) and what nobody checked (unreviewed ids)."""
    ids = questionnaire.text_ids()
    known = set(ids)
    texts = translation.texts
    return LanguageStatus(
        lang=translation.lang,
        name=translation.name,
        name_en=translation.name_en,
        direction=translation.direction,
        texts=sum(1 for i in ids if i in texts),
        total=len(ids),
        reviewed=sum(1 for i in ids if i in texts and texts[i].reviewed),
        missing=[i for i in ids if i not in texts],
        unreviewed=[i for i in ids if i in texts and not texts[i].reviewed],
        unknown=sorted(set(texts) - known),
    )


def languages_report(ref: ReferenceData) -> list[LanguageStatus]:
    """``intake languages``: the status of every shipped client language (the full script, no config)."""
    questionnaire = ref.intake_questionnaire
    return [language_status(questionnaire, load_translation(ref, lang)) for lang in CLIENT_LANGS]


@dataclass(frozen=True)
class ClientText:
    """A text in the client's language, or the fact that there is none (never a silent fallback)."""

    lang: str
    text: str | None
    reviewed: bool
    direction: str


def client_text(translation: TranslationFile | None, text_id: str) -> ClientText | None:
    """The client-language text for ``text_id``; ``text=None`` when the file lacks it."""
    if translation is None:
        return None
    entry = translation.texts.get(text_id)
    return ClientText(
        lang=translation.lang,
        text=entry.text if entry else None,
        reviewed=bool(entry and entry.reviewed),
        direction=translation.direction,
    )


# --- the engine ------------------------------------------------------------------------------------


class Nav(enum.Enum):
    """What ``ask`` returns instead of an answer: go back, skip the question, show its help."""

    BACK = "back"
    SKIP = "skip"
    HELP = "help"


@dataclass(frozen=True)
class Prompt:
    """Everything ``ask`` needs to put one question to a person (or to a file)."""

    key: str
    question: Question
    section: Section
    section_number: int
    section_count: int
    item: int | None = None
    is_more: bool = False
    default: Any = None
    error: str | None = None
    show_help: bool = False
    can_go_back: bool = False
    context: Mapping[str, Any] = field(default_factory=dict)
    state: Mapping[str, Any] = field(default_factory=dict)

    @property
    def text_id(self) -> str:
        """The id of the shown text in translation files (``education.more`` for "add an entry?")."""
        return self.question.id


Ask = Callable[[Prompt], Any]
CountryResolver = Callable[[str], str | None]


def _resolver() -> CountryResolver:
    from skilltool.countries import resolve_country

    return resolve_country


@dataclass(frozen=True)
class _Step:
    key: str
    question: Question
    section: Section
    number: int
    item: int | None
    is_more: bool
    context: dict[str, Any]


def _more_question(section: Section, group: Question | None) -> Question:
    if group is not None:
        return Question(id=group.id, type="bool", text=group.text, help=group.help)
    assert section.more is not None
    return Question(
        id=f"{section.id}.more", type="bool", text=section.more, help=section.more_help or section.more
    )


def _visible(q: Question, state: Mapping[str, Any], prefix: str, item_prefix: str | None) -> bool:
    if q.when is None:
        return True
    ref = q.when.question
    key = ref
    if item_prefix is not None and ref.startswith(prefix + "."):
        key = item_prefix + ref[len(prefix) :]
    value = state.get(key)
    if q.when.answered is not None:
        return (value is not None and value not in ([], "")) == q.when.answered
    if q.when.one_of:
        return value in q.when.one_of
    return bool(value == q.when.equals)


def _walk(questionnaire: Questionnaire, state: Mapping[str, Any]) -> list[_Step]:
    """The steps the current answers lead to, in order; answered or not. Pure."""
    steps: list[_Step] = []
    for number, section in enumerate(questionnaire.sections, 1):
        if section.repeat:
            _walk_group(steps, section, None, section.id, section.questions, state, number)
            continue
        for q in section.questions:
            if q.type == "group":
                _walk_group(steps, section, q, q.id, q.questions, state, number)
            elif _visible(q, state, section.id, None):
                steps.append(_Step(q.id, q, section, number, None, False, {}))
    return steps


def _walk_group(  # noqa: PLR0917 - a private helper of _walk
    steps: list[_Step],
    section: Section,
    group: Question | None,
    gid: str,
    questions: Sequence[Question],
    state: Mapping[str, Any],
    number: int,
) -> None:
    limit = group.max_items if group is not None else 50
    more = _more_question(section, group)
    for i in range(limit):
        add_key = f"{gid}.+{i}"
        steps.append(_Step(add_key, more, section, number, i, True, {}))
        if state.get(add_key) is not True:
            return
        item_prefix = f"{gid}.{i}"
        context = {
            q.field: state[f"{item_prefix}.{q.field}"]
            for q in questions
            if f"{item_prefix}.{q.field}" in state
        }
        for q in questions:
            if _visible(q, state, gid, item_prefix):
                steps.append(_Step(f"{item_prefix}.{q.field}", q, section, number, i, False, context))


def pending(questionnaire: Questionnaire, state: Mapping[str, Any]) -> _Step | None:
    """The first step without an answer, or None when the intake is complete."""
    return next((s for s in _walk(questionnaire, state) if s.key not in state), None)


def run(
    questionnaire: Questionnaire,
    ask: Ask,
    *,
    answers: Mapping[str, Any] | None = None,
    on_change: Callable[[dict[str, Any]], None] | None = None,
    resolve_country: CountryResolver | None = None,
    today: dt.date | None = None,
    lang: str = "en",
) -> dict[str, Any]:
    """Ask every (visible, unanswered) question; return the answers as a nested mapping.

    ``lang`` (nl or en) is the language of the reasons in ``prompt.error``.
    ``answers`` is the flat state of a draft to resume from; ``on_change(state)`` is called
    after every change (an answer, or going back) so the caller can save a draft. The result
    goes through ``answers_from_mapping``.
    """
    state: dict[str, Any] = dict(answers or {})
    resolve = resolve_country or _resolver()
    day = today or dt.date.today()
    previous: dict[str, Any] = {}
    count = len(questionnaire.sections)
    while (step := pending(questionnaire, state)) is not None:
        error: str | None = None
        show_help = False
        while True:
            prompt = Prompt(
                key=step.key,
                question=step.question,
                section=step.section,
                section_number=step.number,
                section_count=count,
                item=step.item,
                is_more=step.is_more,
                default=previous.get(step.key),
                error=error,
                show_help=show_help,
                can_go_back=bool(state),
                context=step.context,
                state=dict(state),
            )
            reply = ask(prompt)
            if reply is Nav.HELP:
                show_help = True
                continue
            if reply is Nav.BACK:
                if not state:
                    error = message("first", lang)
                    continue
                key, value = state.popitem()
                previous[key] = value
                if on_change is not None:
                    on_change(dict(state))
                break
            if reply is Nav.SKIP or reply is None or (isinstance(reply, str) and not reply.strip()):
                if step.question.required and not step.is_more:
                    error = message("required", lang)
                    continue
                value = False if step.is_more else None
            else:
                try:
                    value = parse_answer(step.question, reply, resolve_country=resolve, today=day)
                except AnswerError as exc:
                    error = exc.text(lang)
                    continue
            state[step.key] = value
            previous.pop(step.key, None)
            if on_change is not None:
                on_change(dict(state))
            break
    return to_nested(questionnaire, state)


def to_nested(questionnaire: Questionnaire, state: Mapping[str, Any]) -> dict[str, Any]:
    """The flat state as the nested mapping of ``IntakeAnswers`` (visible, answered questions only)."""
    out: dict[str, Any] = {}
    for step in _walk(questionnaire, state):
        if step.is_more or state.get(step.key) is None:
            continue
        value = state[step.key]
        section = step.section
        q = step.question
        target: Any = (
            out if section.store == "top" else out.setdefault(section.id, [] if section.repeat else {})
        )
        if step.item is not None:  # an entry of a repeated section or group
            if section.repeat:
                items: list[dict[str, Any]] = target
            else:
                gid = q.id.rsplit(".", 1)[0]
                items = target.setdefault(gid.rsplit(".", 1)[1], [])
            assert step.item is not None
            while len(items) <= step.item:
                items.append({})
            target = items[step.item]
        if q.type == "occupation" and value == FREE_TEXT:
            target["keep_free_text"] = True
        else:
            target[q.field] = value
    return out


# --- typed answers ---------------------------------------------------------------------------------

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "cefr": "{value!r} is not a CEFR level; use one of {levels}",
        "below": "{value} is below the lowest allowed, {low}",
        "above": "{value} is above the highest allowed, {high}",
        "date": "{value!r} is not a date; write it as YYYY-MM-DD or DD-MM-YYYY",
        "not_list": "expected one line of text, not a list",
        "too_long": "the text is too long (over 2000 characters); shorten it",
        "bsn": CLIENT_REF_MESSAGES["bsn"]["en"],
        "ref_chars": CLIENT_REF_MESSAGES["ref_chars"]["en"],
        "whole": "{value!r} is not a whole number",
        "year": "{value} is not a year between {low} and {high}",
        "number": "{value!r} is not a number",
        "future": "{value} is in the future",
        "too_old": "{value} is too long ago",
        "country": (
            "{value!r} is not a country we know; type the name in Dutch or English, or the two-letter code"
        ),
        "one_language": "give one language",
        "language": "{value!r} is not a language name",
        "bool": "{value!r} is not yes or no (ja/nee)",
        "licence": "{value!r} is not an EU driving licence category ({cats})",
        "occupation": "{value!r} is not an ESCO occupation URI or {free!r}",
        "choice": "{value!r} is not one of the choices ({options})",
        "skill_review": "expected a mapping of skill -> ESCO skill id or 'free_text'",
        "skill_pick": "{value!r}: {pick!r} is not an ESCO skill id or 'free_text'",
        "first": "this is the first question: there is nothing to go back to",
        "required": "this question needs an answer",
    },
    "nl": {
        "cefr": "{value!r} is geen ERK-niveau; kies uit {levels}",
        "below": "{value} is lager dan het minimum, {low}",
        "above": "{value} is hoger dan het maximum, {high}",
        "date": "{value!r} is geen datum; schrijf JJJJ-MM-DD of DD-MM-JJJJ",
        "not_list": "verwacht één regel tekst, geen lijst",
        "too_long": "de tekst is te lang (meer dan 2000 tekens); kort hem in",
        "bsn": CLIENT_REF_MESSAGES["bsn"]["nl"],
        "ref_chars": CLIENT_REF_MESSAGES["ref_chars"]["nl"],
        "whole": "{value!r} is geen heel getal",
        "year": "{value} is geen jaartal tussen {low} en {high}",
        "number": "{value!r} is geen getal",
        "future": "{value} ligt in de toekomst",
        "too_old": "{value} is te lang geleden",
        "country": (
            "{value!r} is geen bekend land; typ de naam in het Nederlands of Engels, of de tweeletterige code"
        ),
        "one_language": "geef één taal",
        "language": "{value!r} is geen taalnaam",
        "bool": "{value!r} is geen ja of nee (yes/no)",
        "licence": "{value!r} is geen EU-rijbewijscategorie ({cats})",
        "occupation": "{value!r} is geen ESCO-beroeps-URI en geen {free!r}",
        "choice": "{value!r} is geen van de keuzes ({options})",
        "skill_review": "verwacht een lijst vaardigheid -> ESCO-vaardigheids-id of 'free_text'",
        "skill_pick": "{value!r}: {pick!r} is geen ESCO-vaardigheids-id en geen 'free_text'",
        "first": "dit is de eerste vraag: terug kan niet",
        "required": "deze vraag moet beantwoord worden",
    },
}


def message(key: str, lang: str = "en", params: Mapping[str, object] | None = None) -> str:
    """A reason in Dutch (``nl``) or English (anything else)."""
    return MESSAGES["nl" if lang == "nl" else "en"][key].format(**(params or {}))


class AnswerError(ValueError):
    """Why a typed answer was refused; ``text(lang)`` says it in Dutch or English."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(message(key, "en", params))

    def text(self, lang: str) -> str:
        return message(self.key, lang, self.params)


_YES = {"yes", "y", "ja", "j", "true", "1"}
_NO = {"no", "n", "nee", "false", "0"}
CEFR_LEVELS = tuple(CEFR_ORDER)


def parse_cefr(raw: str) -> str:
    key = re.sub(r"[\s_]+", "-", raw.strip()).casefold()
    for level in CEFR_LEVELS:
        if key in (level.casefold(), level.casefold().replace("-", "")):
            return level
    raise AnswerError("cefr", value=raw.strip(), levels=", ".join(CEFR_LEVELS))


def _as_list(raw: Any, separator: str) -> list[str]:
    if isinstance(raw, list | tuple):
        items = [str(v).strip() for v in raw]
    else:
        items = [part.strip() for part in str(raw).split(separator)]
    return [i for i in items if i]


def _bounds(q: Question, value: float, *, what: str) -> None:
    if q.min is not None and value < q.min:
        raise AnswerError("below", value=f"{value:g}", low=f"{q.min:g}")
    if q.max is not None and value > q.max:
        raise AnswerError("above", value=f"{value:g}", high=f"{q.max:g}")


def _parse_date(raw: Any) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = str(raw).strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise AnswerError("date", value=text)


def parse_answer(
    q: Question, raw: Any, *, resolve_country: CountryResolver, today: dt.date | None = None
) -> Any:
    """Turn a raw answer (typed text, or a YAML value) into the stored value; ValueError says why not."""
    day = today or dt.date.today()
    kind = q.type
    if kind in ("text", "client_ref"):
        if isinstance(raw, list | dict):
            raise AnswerError("not_list")
        text = str(raw).strip()
        if len(text) > 2000:
            raise AnswerError("too_long")
        if kind == "client_ref" and (problem := client_ref_problem(text)) is not None:
            raise AnswerError(problem)
        return text
    if kind in ("int", "year"):
        text = str(raw).strip()
        if not re.fullmatch(r"[+-]?\d+", text):
            raise AnswerError("whole", value=text)
        value = int(text)
        if kind == "year":
            low = int(q.min) if q.min is not None else 1900
            high = int(q.max) if q.max is not None else day.year
            if not low <= value <= high:
                raise AnswerError("year", value=value, low=low, high=high)
            return value
        _bounds(q, value, what="number")
        return value
    if kind == "number":
        text = str(raw).strip().replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            raise AnswerError("number", value=text) from None
        _bounds(q, number, what="number")
        return int(number) if number.is_integer() else number
    if kind == "date":
        date = _parse_date(raw)
        if q.not_after_today and date > day:
            raise AnswerError("future", value=date.isoformat())
        if date.year < 1900:
            raise AnswerError("too_old", value=date.isoformat())
        return date.isoformat()
    if kind == "cefr":
        return parse_cefr(str(raw))
    if kind == "country":
        text = str(raw).strip()
        code = resolve_country(text)
        if code is None:
            raise AnswerError("country", value=text)
        return code
    if kind in ("language", "languages"):
        names = _as_list(raw, ",")
        if kind == "language" and len(names) != 1:
            raise AnswerError("one_language")
        codes = []
        for name in names:
            code = resolve_language(name)
            if code is None and not re.fullmatch(r"[^\W\d_][^\W\d_ '-]*(?:[ '-][^\W\d_]+)*", name):
                raise AnswerError("language", value=name)
            codes.append(code or name.casefold())
        return codes[0] if kind == "language" else codes
    if kind == "bool":
        key = str(raw).strip().casefold() if not isinstance(raw, bool) else str(raw).casefold()
        if key in _YES:
            return True
        if key in _NO:
            return False
        raise AnswerError("bool", value=str(raw).strip())
    if kind == "choice":
        return _choice(q, raw)
    if kind == "multichoice":
        return [_choice(q, part) for part in _as_list(raw, q.separator)]
    if kind == "list":
        return _as_list(raw, q.separator)
    if kind == "licences":
        out = []
        for part in _as_list(raw, ","):
            cat = licence_code(part)
            if cat is None:
                raise AnswerError("licence", value=part, cats=", ".join(LICENCES))
            if cat not in out:
                out.append(cat)
        return out
    if kind == "skill_review":
        if not isinstance(raw, Mapping):
            raise AnswerError("skill_review")
        picks: dict[str, str] = {}
        for skill_text, pick in raw.items():
            chosen = str(pick).strip()
            if not chosen or re.search(r"\s", chosen):
                raise AnswerError("skill_pick", value=str(skill_text), pick=chosen)
            picks[str(skill_text)] = chosen
        return picks
    if kind == "occupation":
        text = str(raw).strip()
        if text == FREE_TEXT or text.startswith("http://data.europa.eu/esco/occupation/"):
            return text
        raise AnswerError("occupation", value=text, free=FREE_TEXT)
    raise AssertionError(f"{q.id}: cannot parse a question of type {kind}")  # pragma: no cover


def _choice(q: Question, raw: Any) -> str:
    text = str(raw).strip()
    key = text.casefold()
    if isinstance(raw, bool):
        key = "yes" if raw else "no"
    for n, choice in enumerate(q.choices, 1):
        if key in (choice.value.casefold(), choice.text.nl.casefold(), choice.text.en.casefold(), str(n)):
            return choice.value
    options = ", ".join(c.value for c in q.choices)
    raise AnswerError("choice", value=text, options=options)


# --- answers from a file ---------------------------------------------------------------------------


def answers_from_mapping(data: Mapping[str, Any]) -> IntakeAnswers:
    """Validate a nested mapping (``run``'s result, a YAML file, a batch row) as ``IntakeAnswers``.

    Raises ``pydantic.ValidationError``; callers turn it into one line with the file's name.
    """
    return IntakeAnswers.model_validate(dict(data))


def file_asker(data: Mapping[str, Any], *, source: str) -> Ask:
    """An ``ask`` that answers from a nested answers mapping (``--answers FILE.yaml``).

    A missing answer is a skip; a bad one raises ``InputFileError`` naming the file, the
    question and the reason. Keys the questionnaire does not ask are reported too.
    """

    def lookup(key: str) -> tuple[bool, Any]:
        node: Any = data
        parts = key.split(".")
        for part in parts:
            if isinstance(node, Mapping) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                return False, None
        return True, node

    def ask(prompt: Prompt) -> Any:
        if prompt.error is not None:
            raise InputFileError(f"{source}: {prompt.key}: {prompt.error}")
        key = prompt.key
        if prompt.is_more:
            gid, index = key.rsplit(".+", 1)
            found, items = lookup(gid)
            if found and not isinstance(items, list):
                raise InputFileError(f"{source}: {gid}: expected a list of entries")
            return "yes" if found and int(index) < len(items) else "no"
        if prompt.section.store == "top":
            key = key.split(".", 1)[1]
        if prompt.question.type == "occupation":
            item = key.rsplit(".", 1)[0]
            found, uri = lookup(f"{item}.confirmed_uri")
            if found and uri:
                return uri
            found, keep = lookup(f"{item}.keep_free_text")
            return FREE_TEXT if found and keep is True else Nav.SKIP
        found, value = lookup(key)
        return value if found and value is not None else Nav.SKIP

    return ask


def unknown_keys(questionnaire: Questionnaire, data: Mapping[str, Any]) -> list[str]:
    """Keys of an answers file that no question of the (configured) questionnaire reads."""
    known: dict[str, set[str]] = {}
    top: set[str] = set()
    for section in questionnaire.sections:
        for q in section.questions:
            if section.store == "top":
                top.add(q.field)
                continue
            fields = known.setdefault(section.id, set())
            fields.add(q.field)
            if q.type == "occupation":
                fields.add("keep_free_text")
            if q.questions:
                known[q.id] = {sub.field for sub in q.questions}
    out = []
    for key, value in data.items():
        if key in top:
            continue
        if key not in known:
            out.append(key)
            continue
        entries = value if isinstance(value, list) else [value]
        for n, entry in enumerate(entries):
            if not isinstance(entry, Mapping):
                out.append(f"{key}.{n}" if isinstance(value, list) else key)
                continue
            where = f"{key}.{n}" if isinstance(value, list) else key
            for sub, subval in entry.items():
                if sub not in known[key]:
                    out.append(f"{where}.{sub}")
                elif f"{key}.{sub}" in known and isinstance(subval, list):
                    for m, item in enumerate(subval):
                        extra = set(item) - known[f"{key}.{sub}"] if isinstance(item, Mapping) else {"?"}
                        out.extend(f"{where}.{sub}.{m}.{e}" for e in sorted(extra))
    return out


def run_from_file(
    questionnaire: Questionnaire,
    data: Any,
    *,
    source: str,
    resolve_country: CountryResolver | None = None,
    today: dt.date | None = None,
    lang: str = "en",
) -> IntakeAnswers:
    """``--answers FILE``: every answer checked as in the interview; the first bad one is an error."""
    if not isinstance(data, Mapping):
        raise InputFileError(f"{source}: expected a mapping of sections (personal:, languages:, ...)")
    extra = unknown_keys(questionnaire, data)
    if extra:
        raise InputFileError(
            f"{source}: {extra[0]}: not a question of this intake (typo, or a switched-off section?)"
        )
    nested = run(
        questionnaire,
        file_asker(data, source=source),
        resolve_country=resolve_country,
        today=today,
        lang=lang,
    )
    try:
        return answers_from_mapping(nested)
    except ValidationError as exc:
        from skilltool.reference import format_validation_error

        raise InputFileError(format_validation_error(source, exc)) from exc


def check_draft(
    questionnaire: Questionnaire,
    state: Mapping[str, Any],
    *,
    source: str,
    resolve_country: CountryResolver | None = None,
    today: dt.date | None = None,
    lang: str = "en",
) -> None:
    """``--resume``: every saved answer checked as if typed again, before the first question.

    A draft is a file anyone can edit; an invalid answer is one ``InputFileError`` line naming
    the draft and the answer, instead of an interview that runs to the end and then fails.
    """
    resolve = resolve_country or _resolver()
    day = today or dt.date.today()
    for step in _walk(questionnaire, state):
        if step.key not in state or state[step.key] is None:
            continue
        value = state[step.key]
        try:
            if step.is_more:
                if not isinstance(value, bool):
                    raise AnswerError("bool", value=str(value))
            else:
                parse_answer(step.question, value, resolve_country=resolve, today=day)
        except AnswerError as exc:
            raise InputFileError(
                f"{source}: answer {step.key}: {exc.text(lang)}; correct or remove it in the draft"
            ) from None
    try:
        answers_from_mapping(to_nested(questionnaire, state))
    except ValidationError as exc:
        from skilltool.reference import format_validation_error

        raise InputFileError(
            format_validation_error(source, exc) + "; correct or remove that answer in the draft"
        ) from None


# --- answers -> profile ----------------------------------------------------------------------------


class _Coder(Protocol):
    def code(self, text: str, *, lang: str = ..., top: int = ...) -> Any: ...


def _country(text: str | None, *, field_name: str, resolve: CountryResolver) -> str | None:
    if not text:
        return None
    code = resolve(text)
    if code is None:
        rule = "is not a country we know; use a Dutch or English name or the ISO code"
        raise InputFileError(f"{field_name}: {text!r} {rule}", rule=rule)
    return code


def _occupation_code(candidate: Any) -> OccupationCode:
    return OccupationCode(
        uri=candidate.uri,
        isco=candidate.isco,
        label=candidate.label,
        score=float(candidate.score),
        matched=candidate.matched,
    )


def _lookup_diploma(diplomas: Any, *, country: str, answer: Any, lang: str) -> Any:
    """Call the diploma lookup: a callable (tests, batch) or a ``DiplomaTable`` for ``diplomas.lookup``."""
    from skilltool.models.diplomas import LookupContext

    context = LookupContext(
        documents=answer.documents, completed=answer.completed, years=answer.years, field=answer.field
    )
    if callable(diplomas):
        return diplomas(country=country, text=answer.qualification, top=3, lang=lang, context=context)
    from skilltool import diplomas as diploma_module

    return diploma_module.lookup(
        diplomas, country=country, text=answer.qualification, top=3, lang=lang, context=context
    )


def _route_text(step: Any, lang: str) -> str:
    text = getattr(step, "text", step)
    if hasattr(text, "nl") and hasattr(text, "en"):
        return str(text.nl if lang == "nl" else text.en)
    return str(text)


_DERIVED: weakref.WeakKeyDictionary[Any, dict[tuple[str, str], tuple[tuple[str, SkillEntry], ...]]] = (
    weakref.WeakKeyDictionary()
)


def _derived_skills(ref: ReferenceData, uri: str, lang: str) -> tuple[tuple[str, SkillEntry], ...]:
    """(skill id, entry) for each essential skill of occupation ``uri``, origin
    ``derived_from_occupation``. Memoised per reference data (a batch codes the same occupations
    over and over); the entries are shared between profiles and never changed."""
    memo = _DERIVED.setdefault(ref, {})
    found = memo.get((uri, lang))
    if found is None:
        # from the compiled suggestion index, not the occupation and skill models: a batch then
        # never loads those (68 MB that every worker would share and partly copy)
        index = ref.suggest_index
        li = 0 if lang == "nl" else 1
        entries: list[tuple[str, SkillEntry]] = []
        for sid in index.occ_essential.get(uri, ()):
            label = index.skill_labels.get(sid, (sid, sid))[li]
            entries.append(
                (sid, SkillEntry(label=label, skill_id=sid, origin="derived_from_occupation", source_ref=uri))
            )
        if len(memo) >= 1_000:  # bounded: a few hundred occupations cover a whole caseload
            memo.clear()
        found = memo[(uri, lang)] = tuple(entries)
    return found


def build_profile(
    answers: IntakeAnswers,
    *,
    ref: ReferenceData,
    coder: _Coder | None,
    diplomas: Any,
    skill_coder: _Coder | None = None,
    lang: str = "nl",
    resolve_country: CountryResolver | None = None,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Profile:
    """Turn intake answers into a coded profile: THE path for the intake CLI and for batch rows.

    - work titles are coded by ``coder`` (best candidate, alternatives, ``needs_review``), unless
      the caseworker confirmed a code (``confirmed_uri``) or kept the free text;
    - free-text skills are coded by ``skill_coder`` when given, else kept as free text;
    - each coded occupation that needs no review adds its essential ESCO skills
      (origin ``derived_from_occupation``, ``source_ref`` the occupation URI);
    - certificates become skills evidenced by a document;
    - education entries get the diploma table's indication, its caveat and the official route.
    """
    resolve = resolve_country or _resolver()
    day = today or dt.date.today()
    confirmed = Confirmation(status="confirmed", by="caseworker", on=day)
    p = answers.personal
    personal = Personal(
        client_ref=p.client_ref,
        birth_year=p.birth_year,
        country_of_origin=_country(
            p.country_of_origin, field_name="personal.country_of_origin", resolve=resolve
        ),
        permit_date=p.permit_date,
        municipality=p.municipality,
    )

    languages: list[LanguageSkill] = []
    for name in answers.languages.mother_tongues:
        code = resolve_language(name) or name
        languages.append(LanguageSkill(language=code, mother_tongue=True))
    for other in answers.languages.other:
        languages.append(
            LanguageSkill(language=resolve_language(other.language) or other.language, cefr=other.cefr)
        )

    education: list[Education] = []
    for n, e in enumerate(answers.education):
        country = _country(e.country, field_name=f"education.{n}.country", resolve=resolve)
        indication: DiplomaIndication | None = None
        alternatives: list[DiplomaIndication] = []
        caveat: str | None = None
        route: list[str] = []
        if country is not None and diplomas is not None:
            try:
                found = _lookup_diploma(diplomas, country=country, answer=e, lang=lang)
            except NotFoundError:
                found = None
            if found is not None:
                matches = [m.to_indication() for m in found.matches]
                indication = matches[0] if matches else None
                alternatives = matches[1:]
                caveat = found.caveat or None
                route = [_route_text(step, lang) for step in found.official_route]
        education.append(
            Education(
                country=country,
                qualification=e.qualification,
                field=e.field,
                years=e.years,
                completed=e.completed,
                documents=e.documents,
                idw_status=e.idw_status,
                idw_nlqf=e.idw_nlqf,
                indication=indication,
                alternatives=alternatives,
                caveat=caveat,
                official_route=route,
            )
        )

    work: list[WorkExperience] = []
    for n, w in enumerate(answers.work):
        country = _country(w.country, field_name=f"work.{n}.country", resolve=resolve)
        coded: OccupationCode | None = None
        alternatives_w: list[OccupationCode] = []
        needs_review = False
        confirmation = Confirmation()
        if w.confirmed_uri:
            occ = ref.occupation_by_uri.get(w.confirmed_uri)
            if occ is None:
                rule = "is not an ESCO occupation in the data"
                raise InputFileError(f"work.{n}.confirmed_uri: {w.confirmed_uri} {rule}", rule=rule)
            coded = OccupationCode(
                uri=occ.uri, isco=occ.isco, label=occ.label.get(lang), score=100.0, matched=None
            )
            confirmation = confirmed
        else:
            result = coder.code(w.title, lang=lang, top=5) if coder is not None else None
            candidates = [_occupation_code(c) for c in result.candidates] if result is not None else []
            if w.keep_free_text:
                alternatives_w = candidates
                confirmation = Confirmation(status="free_text", by="caseworker", on=day)
            else:
                coded = candidates[0] if candidates else None
                alternatives_w = candidates[1:]
                needs_review = bool(result is None or result.needs_review or coded is None)
        work.append(
            WorkExperience(
                title=w.title,
                tasks=w.tasks,
                country=country,
                years=w.years,
                kind=w.kind,
                coded=coded,
                alternatives=alternatives_w,
                needs_review=needs_review,
                confirmation=confirmation,
            )
        )

    skills: list[SkillEntry] = []
    seen: set[str] = set()
    for n, text in enumerate(answers.skills.free_text):
        pick = answers.skills.confirmed.get(text)
        if pick == FREE_TEXT:
            skills.append(
                SkillEntry(
                    label=text,
                    origin="self_reported",
                    confirmation=Confirmation(status="free_text", by="caseworker", on=day),
                )
            )
            continue
        if pick is not None:
            picked = ref.skill_by_id.get(pick)
            if picked is None:
                rule = "is not an ESCO skill id in the data"
                raise InputFileError(f"skills.confirmed.{n}: {pick} {rule}", rule=rule)
            skills.append(
                SkillEntry(label=text, skill_id=pick, origin="self_reported", confirmation=confirmed)
            )
            seen.add(pick)
            continue
        result = skill_coder.code(text, lang=lang, top=3) if skill_coder is not None else None
        best = result.candidates[0] if result is not None and result.candidates else None
        if result is not None and best is not None and not result.needs_review:
            skills.append(SkillEntry(label=text, skill_id=best.skill_id, origin="self_reported"))
            seen.add(best.skill_id)
        else:
            skills.append(
                SkillEntry(label=text, origin="self_reported", confirmation=Confirmation(status="free_text"))
            )
    for cert in answers.skills.certificates:
        skills.append(
            SkillEntry(label=cert, origin="evidenced_by_document", source_ref=f"certificate: {cert}")
        )
    for job in work:
        if job.coded is None or job.needs_review:
            continue
        for sid, entry in _derived_skills(ref, job.coded.uri, lang):
            if sid not in seen:
                seen.add(sid)
                skills.append(entry)

    # proposals (IDW, language, routes) come from suggest.suggest; here only what was agreed
    steps = [NextStep(action="agreed", text=text, agreed=True) for text in answers.agreed_next_steps]

    return Profile(
        created=now or dt.datetime.now(dt.UTC).replace(microsecond=0),
        tool_version=__version__,
        personal=personal,
        languages=languages,
        dutch=DutchLanguage(
            cefr=answers.languages.dutch_cefr,
            integration_route=answers.languages.integration_route,
            inburgering=answers.languages.inburgering,
        ),
        education=education,
        work=work,
        skills=skills,
        digital_skills=answers.skills.digital,
        driving_licences=list(answers.skills.driving_licences),
        driving_licence_country=_country(
            answers.skills.driving_licence_country,
            field_name="skills.driving_licence_country",
            resolve=resolve,
        ),
        certificates=list(answers.skills.certificates),
        wishes=Wishes(**answers.wishes.model_dump()),
        circumstances=Circumstances(**answers.circumstances.model_dump()),
        notes=answers.notes,
        next_steps=steps,
    )


def texts_for(questionnaire: Questionnaire, text_id: str) -> Texts | None:
    """The caseworker-language texts for any translatable id (section, question, group, text)."""
    for section in questionnaire.sections:
        if section.id == text_id:
            return section.title
        if text_id == f"{section.id}.more":
            return section.more
    for q in questionnaire.all_questions():
        if q.id == text_id:
            return q.text
    return questionnaire.texts.get(text_id)


# --- drafts and profile files ----------------------------------------------------------------------


def _check_file(path: Path, what: str) -> None:
    """A folder, device or pipe given as a file: say so (a missing file keeps its own message)."""
    from skilltool import fsio

    if path.exists() or path.is_symlink():
        fsio.check_input_file(path, what)


def save_draft(path: Path, draft: Draft) -> None:
    """Write the draft atomically, readable by the owner only (it holds personal answers)."""
    from skilltool import fsio

    fsio.write_text(path, draft.model_dump_json(indent=1) + "\n")


def load_draft(path: Path) -> Draft:
    """Read a draft saved by ``save_draft``; a problem is one line naming the file."""
    _check_file(path, "the draft")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputFileError(f"{path}: draft not found") from None
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read the draft ({exc.strerror})") from exc
    try:
        return Draft.model_validate_json(text)
    except ValidationError as exc:
        from skilltool.reference import format_validation_error

        raise InputFileError(format_validation_error(path, exc) + "; is this an intake draft?") from exc


def load_answers_file(path: Path) -> Any:
    """The parsed YAML of an ``--answers`` file (checked later, question by question)."""
    from skilltool import yamlio

    _check_file(path, "the answers file")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputFileError(f"{path}: answers file not found") from None
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read the answers file ({exc.strerror})") from None
    except UnicodeDecodeError as exc:
        raise InputFileError(f"{path}: not UTF-8 (byte {exc.start}); save it as UTF-8") from exc
    try:
        return yamlio.loads(text)
    except yamlio.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise InputFileError(f"{path}{where}: not valid YAML; fix the syntax") from exc


def write_profile(path: Path, profile: Profile) -> None:
    """Write a profile as JSON, atomically, owner-only."""
    from skilltool import fsio

    fsio.write_text(path, profile.model_dump_json(indent=2, exclude_none=False) + "\n")


def load_profile(path: Path) -> Profile:
    """Read and validate a profile JSON file; a problem is one line naming the file and field."""
    _check_file(path, "the profile")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputFileError(f"{path}: profile not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFileError(f"{path}: cannot read the profile ({exc})") from exc
    try:
        return Profile.model_validate_json(text)
    except ValidationError as exc:
        from skilltool.reference import format_validation_error

        raise InputFileError(format_validation_error(path, exc)) from exc


def profile_schema() -> dict[str, Any]:
    """The JSON Schema of the profile (``profile schema``)."""
    schema = Profile.model_json_schema()
    schema["$id"] = (
        f"https://skilltool.invalid/profile-v{Profile.model_fields['schema_version'].default}.json"
    )
    return schema


@dataclass
class Coders:
    """The coders and tables an intake needs, built on first use (loading ESCO takes a moment)."""

    ref: ReferenceData
    _occupation: Any = None
    _skill: Any = None
    _diplomas: Any = None

    @property
    def occupation(self) -> Any:
        if self._occupation is None:
            from skilltool.occupations import OccupationCoder

            self._occupation = OccupationCoder.from_reference(self.ref)
        return self._occupation

    @property
    def skill(self) -> Any:
        if self._skill is None:
            from skilltool.occupations import SkillCoder

            self._skill = SkillCoder.from_reference(self.ref)
        return self._skill

    @property
    def diplomas(self) -> Any:
        if self._diplomas is None:
            self._diplomas = getattr(self.ref, "diplomas", None)
        return self._diplomas


def complete_profile(
    answers: IntakeAnswers, *, ref: ReferenceData, coders: Coders | None = None, lang: str = "nl"
) -> Profile:
    """The intake CLI's last step: ``build_profile`` with the real coders, then the suggestions."""
    tools = coders or Coders(ref)
    profile = build_profile(
        answers, ref=ref, coder=tools.occupation, diplomas=tools.diplomas, skill_coder=tools.skill, lang=lang
    )
    return add_suggestions(profile, ref=ref, lang=lang)


def add_suggestions(profile: Profile, *, ref: ReferenceData, lang: str = "nl") -> Profile:
    """The profile with ``suggest.suggest``'s suggestions and its next steps (not duplicating ours)."""
    from skilltool import suggest  # here like the module's other imports of heavier modules

    result = suggest.suggest(profile, ref=ref, lang="en" if lang == "en" else "nl")
    actions = {(s.action, s.text) for s in profile.next_steps}
    steps = list(profile.next_steps) + [s for s in result.next_steps if (s.action, s.text) not in actions]
    return profile.model_copy(
        update={
            "own_trade": list(result.own_trade),
            "suggestions": list(result.suggestions),
            "next_steps": steps,
        }
    )


def check_intake_files(ref: ReferenceData) -> int:
    """``data validate``: the questionnaire, its config and every client-language file; counts questions.

    A language file may lack texts (``intake languages`` lists them) but must not carry ids the
    questionnaire does not have: that is a typo or a stale text.
    """
    questionnaire = load_questionnaire(ref)
    for lang in CLIENT_LANGS:
        status = language_status(questionnaire, load_translation(ref, lang))
        if status.unknown:
            path = intake_dir(ref) / "i18n" / f"{lang}.yaml"
            raise DataFileError(f"{path}: texts.{status.unknown[0]}: not an id of the questionnaire (typo?)")
    return len(questionnaire.all_questions())
