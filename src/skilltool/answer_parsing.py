"""Typed answers of the interview: each question type's parser, and the reasons a bad answer is refused.

The rules themselves (yes/no words, dates, CEFR spellings, client references, licences) live in
``skilltool.models.values``, ``skilltool.models.answers`` and, for client references (the rule a
stored profile is held to as well), ``skilltool.models.profile``; this module applies them to what
a caseworker types and says what is wrong in Dutch or English."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping

from skilltool import messages
from skilltool.languages import resolve_language
from skilltool.models import (
    CEFR_ORDER,
    values,
)
from skilltool.models.answers import (
    FREE_TEXT,
    LICENCES,
    NO_LICENCE,
    IntakeAnswers,
    licence_code,
)
from skilltool.models.base import OUT_OF_RANGE, about_number
from skilltool.models.client_ref import client_ref_problem, holds_bsn
from skilltool.models.intake import (
    Question,
)

CountryResolver = Callable[[str], str | None]
# What ``parse_answer`` stores for one question: a JSON value the engine's state and drafts hold.
Answer = str | int | float | bool | list[str] | dict[str, str]


# --- typed answers ---------------------------------------------------------------------------------


def reason(key: str, **params: object) -> messages.Say:
    """A reason, unrendered: catalogue key ``answer.<key>``, or ``reason.value.client_ref_<problem>``
    for the client reference rules (shared with batch rows)."""
    full = f"reason.value.{key}" if key.startswith("client_ref_") else f"answer.{key}"
    return messages.say(full, **params)


_ECHOED = ("value", "pick")  # the parameters that repeat what was typed or written in a file
SHOWN_CHARS = 60


def shown(value: object) -> object:
    """A refused answer as an error may repeat it: a long number (a BSN, a phone number typed in
    the wrong place, grouped or not) as ``########``, an e-mail address as ``###@###``, a long
    text cut to its start; else the value itself."""
    text = str(value)
    hidden = messages.masked(text)
    if len(text) <= SHOWN_CHARS and hidden == text:
        return value
    return messages.clip(hidden, SHOWN_CHARS)


class AnswerError(ValueError):
    """Why a typed answer was refused: ``say`` (unrendered; it repeats the answer, for the
    interview's prompt, where it was just typed), ``unshown`` (the same without the answer, for an
    error of a file: ``the answer``, or ``item N`` of a list, in its place) or ``text(lang)``;
    ``str`` is English. ``item``: the refused part's place (from 1) in a list or mapping answer."""

    def __init__(self, key: str, *, item: int | None = None, **params: object) -> None:
        self.key = key
        self.params = params = {k: shown(v) if k in _ECHOED else v for k, v in params.items()}
        self.say = reason(key, **params)
        # a file's error names the file and the field, never what was typed there: a name in a
        # free-text skill or typed into a number field went to stderr and into logs
        unshown = messages.Stand("answer.unshown")
        instead = messages.Stand("answer.unshown_item", {"n": item}) if item else unshown
        if key == "skill_pick":  # the skill's text is the key of its pick: name its place instead
            self.unshown = reason(key, value=instead, pick=unshown)
        else:
            self.unshown = reason(key, **{k: instead if k in _ECHOED else v for k, v in params.items()})
        super().__init__(self.say.render("en"))

    def text(self, lang: str) -> str:
        return self.say.render(lang)


def parse_cefr(raw: str) -> str:
    try:
        return values.cefr_level(raw)
    except ValueError:
        raise AnswerError("cefr", value=raw.strip(), levels=", ".join(CEFR_ORDER)) from None


MAX_TEXT = 2000
"""The most characters of a text answer, and of each item of a list answer (a skill, a
certificate, a wished occupation): an answers file's list item was not held to it (a 5 MB skill
went into the profile and every report)."""


def _as_list(raw: object, separator: str) -> list[str]:
    if isinstance(raw, list | tuple):
        items = [str(v).strip() for v in raw]
    else:
        items = [part.strip() for part in str(raw).split(separator)]
    items = [i for i in items if i]
    for n, item in enumerate(items, 1):
        if len(item) > MAX_TEXT:
            raise AnswerError("item_too_long", item=n, n=n, limit=MAX_TEXT)
    return items


def _bounds(q: Question, value: float, text: str | None = None) -> None:
    """The question's range; ``text``: the answer as typed, to show instead of ``value``."""
    if q.min is not None and value < q.min:
        raise AnswerError("below", value=text or f"{value:g}", low=f"{q.min:g}")
    if q.max is not None and value > q.max:
        raise AnswerError("above", value=text or f"{value:g}", high=f"{q.max:g}")


def _parse_date(raw: object) -> dt.date:
    try:
        return values.answer_date(raw)
    except ValueError:
        raise AnswerError("date", value=str(raw).strip()) from None


_CONTAINERS = (list, tuple, dict, set, frozenset)
_LIST_KINDS = frozenset({"language", "languages", "multichoice", "list", "licences"})
# Kinds whose answer is text: YAML 1.1 reads ``NO`` (Norway), ``no`` (Norwegian), ``yes``, ``on`` as
# booleans, which became the text "False" or "True" (a mother tongue "false", a municipality
# "True") or an error about 'False'. Refused with the advice to quote it; yes/no and choice
# questions still take a boolean.
_TEXT_KINDS = frozenset({
    "text", "client_ref", "country", "language", "languages", "cefr", "date", "list", "licences",
    "occupation",
})  # fmt: skip


def _check_shape(kind: str, raw: object) -> None:
    """A YAML answer of the wrong shape is refused before ``str()`` touches it: a list where one
    value belongs, a list inside a list (YAML anchors nest one list in another nine times a level:
    ``str()`` of eight levels made a 250 MB profile)."""
    if kind == "skill_review":
        if isinstance(raw, Mapping) and any(isinstance(v, _CONTAINERS) for v in raw.values()):
            raise AnswerError("skill_review")
        return
    if isinstance(raw, Mapping):  # ``sectors: {a: 1}`` was "expected one line of text, not a list"
        raise AnswerError("mapping_list" if kind in _LIST_KINDS else "mapping_text")
    if kind in _LIST_KINDS and isinstance(raw, list | tuple):
        if any(isinstance(v, _CONTAINERS) for v in raw):
            raise AnswerError("list_item")
        if kind in _TEXT_KINDS and any(isinstance(v, bool) for v in raw):
            raise AnswerError("yaml_bool")
        return
    if kind in _TEXT_KINDS and isinstance(raw, bool):
        raise AnswerError("yaml_bool")
    if isinstance(raw, _CONTAINERS):
        raise AnswerError("not_list")


def parse_answer(
    q: Question, raw: object, *, resolve_country: CountryResolver, today: dt.date | None = None
) -> Answer:
    """Turn a raw answer (typed text, or a YAML value: anything until checked here) into the stored
    value; ValueError says why not."""
    day = today or dt.date.today()
    kind = q.type
    _check_shape(kind, raw)
    if kind in ("text", "client_ref"):
        text = str(raw).strip()
        if len(text) > MAX_TEXT:
            raise AnswerError("too_long")
        if kind == "client_ref" and (problem := client_ref_problem(text)) is not None:
            raise AnswerError(f"client_ref_{problem}")
        return text
    if kind in ("int", "year"):
        text = str(raw).strip()
        whole = re.fullmatch(r"[+-]?\d{1,18}", text)  # int() refuses over 4,300 digits
        if not whole and not re.fullmatch(r"[+-]?\d+", text):
            raise AnswerError("whole", value=text)
        # a whole number too long for any field is out of its range: said as such, the range named
        value = int(text) if whole else (-OUT_OF_RANGE if text.startswith("-") else OUT_OF_RANGE)
        if kind == "year":
            low = int(q.min) if q.min is not None else values.EARLIEST_YEAR
            high = int(q.max) if q.max is not None else day.year
            if not low <= value <= high:
                raise AnswerError("year", value=value if whole else text, low=low, high=high)
            return value
        _bounds(q, value, None if whole else text)
        if not whole:  # no bounds: still no integer we could store
            raise AnswerError("whole", value=text)
        return value
    if kind == "number":
        text = about_number(str(raw)).strip().replace(",", ".")
        try:
            if "_" in text:  # float() reads digit groups: "5_0" is 50
                raise ValueError(text)
            number = float(text)
        except ValueError:
            raise AnswerError("number", value=text) from None
        if not math.isfinite(number):  # float() reads "nan", "inf", "1e999"
            raise AnswerError("not_finite", value=text)
        _bounds(q, number)
        return int(number) if number.is_integer() else number
    if kind == "date":
        date = _parse_date(raw)
        if q.not_after_today and date > day:
            raise AnswerError("future", value=date.isoformat())
        if date.year < values.EARLIEST_YEAR:
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
        for n, name in enumerate(names, 1):
            code = resolve_language(name)
            if code is None and not re.fullmatch(r"[^\W\d_][^\W\d_ '-]*(?:[ '-][^\W\d_]+)*", name):
                raise AnswerError("language", value=name, item=n if kind == "languages" else None)
            codes.append(code or name.casefold())
        return codes[0] if kind == "language" else codes
    if kind == "bool":
        try:
            return values.yes_no(raw)
        except ValueError:
            raise AnswerError("bool", value=str(raw).strip()) from None
    if kind == "choice":
        return _choice(q, raw)
    if kind == "multichoice":
        return [_choice(q, part, item=n) for n, part in enumerate(_as_list(raw, q.separator), 1)]
    if kind == "list":
        items = _as_list(raw, q.separator)
        for n, item in enumerate(items if q.id == "skills.free_text" else [], 1):
            if holds_bsn(item):  # asked again now, not refused at the interview's end (models.answers)
                raise AnswerError("likely_bsn", n=n)
        return items
    if kind == "licences":
        out: list[str] = []
        parts = _as_list(raw, ",")
        if len(parts) == 1 and parts[0].strip().casefold() in NO_LICENCE:
            return out
        for n, part in enumerate(parts, 1):
            cat = licence_code(part)
            if cat is None:
                raise AnswerError("licence", value=part, cats=", ".join(LICENCES), item=n)
            if cat not in out:
                out.append(cat)
        return out
    if kind == "skill_review":
        if not isinstance(raw, Mapping):
            raise AnswerError("skill_review")
        picks: dict[str, str] = {}
        for n, (skill_text, pick) in enumerate(raw.items(), 1):
            chosen = str(pick).strip()
            if not chosen or re.search(r"\s", chosen):
                raise AnswerError("skill_pick", value=str(skill_text), pick=chosen, item=n)
            picks[str(skill_text)] = chosen
        return picks
    if kind == "occupation":
        text = str(raw).strip()
        if text == FREE_TEXT or text.startswith("http://data.europa.eu/esco/occupation/"):
            return text
        raise AnswerError("occupation", value=text, free=FREE_TEXT)
    raise AssertionError(f"{q.id}: cannot parse a question of type {kind}")  # pragma: no cover


def _choice(q: Question, raw: object, *, item: int | None = None) -> str:
    text = str(raw).strip()
    key = text.casefold()
    if isinstance(raw, bool):
        key = "yes" if raw else "no"
    for n, choice in enumerate(q.choices, 1):
        if key in (choice.value.casefold(), choice.text.nl.casefold(), choice.text.en.casefold(), str(n)):
            return choice.value
    # the start of one choice's text ("familie", "informeel": the caseworker's word; user21)
    begun = {c.value for c in q.choices for t in (c.text.nl, c.text.en) if t.casefold().startswith(key)}
    if len(key) >= 3 and len(begun) == 1:
        return begun.pop()
    options = ", ".join(c.value for c in q.choices)
    raise AnswerError("choice", value=text, options=options, n=len(q.choices), item=item)


# --- answers from a file ---------------------------------------------------------------------------


def answers_from_mapping(data: Mapping[str, object]) -> IntakeAnswers:
    """Validate a nested mapping (``run``'s result, a YAML file, a batch row) as ``IntakeAnswers``.

    Raises ``pydantic.ValidationError``; callers turn it into one line with the file's name.
    """
    return IntakeAnswers.model_validate(dict(data))
