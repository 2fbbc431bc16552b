"""The one set of answer rules: yes/no words, dates, CEFR levels and countries.

Every way an answer comes in goes through these: the answer models (``models.answers``) use
them as pydantic validators, so ``IntakeAnswers.model_validate`` applies them to an
``--answers`` file and to a batch row; the interactive intake's parser calls the same
functions to say what is wrong while the caseworker can still retype. A word accepted in one
place is accepted in all of them.

The plain functions' ``ValueError`` is a signal to their callers, never shown: the interview
turns it into an ``AnswerError`` and the validators into a typed error (``models.base.invalid``),
both worded in the user's language from the message catalogue.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Annotated

from pydantic import BeforeValidator

from skilltool.countries import resolve_country
from skilltool.models.base import CEFR_ORDER, CefrLevel, invalid

YES_WORDS = frozenset({"ja", "j", "yes", "y", "true", "waar", "1", "x"})
"""Words read as "yes" (Dutch and English, as caseworkers and exports write them)."""
NO_WORDS = frozenset({"nee", "n", "no", "false", "onwaar", "0"})
"""Words read as "no"."""

DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S")
"""Date spellings accepted for an answer: ISO first, then the Dutch day-first forms."""
EARLIEST_YEAR = 1900

_DAY: list[tuple[dt.date, float]] = [(dt.date.min, 0.0)]
"""``today``'s day and the clock time (``time.time``) at which it ends: the next local midnight."""


def today() -> dt.date:
    """``date.today()``, read from the system once per local day: a batch row asks it four times
    (the answers' rules: a birth year or permit date not in the future, the years lived; the
    profile's confirmation day), and each ``date.today()`` converts the clock to local time (some
    1-3 us); ``time.time()`` against the day's end is some 0.05 us. The same day as
    ``date.today()`` at every call: a new one is read as soon as the clock reaches the next local
    midnight (``tests/test_today.py``)."""
    day, ends = _DAY[0]
    if time.time() < ends:
        return day
    day = dt.date.today()
    _DAY[0] = (day, dt.datetime.combine(day + dt.timedelta(days=1), dt.time()).timestamp())
    return day


def yes_no(value: object) -> bool:
    """``'ja'`` -> True, ``'nee'`` -> False (a bool stays as it is); ValueError for anything else."""
    if isinstance(value, bool):
        return value
    key = str(value).strip().casefold()
    if key in YES_WORDS:
        return True
    if key in NO_WORDS:
        return False
    raise ValueError(f"{str(value).strip()!r} is not yes or no")


def answer_date(value: object, *, extra_format: str | None = None) -> dt.date:
    """A date answer from a date or its text in one of ``DATE_FORMATS``; ValueError when not."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    formats = (extra_format, *DATE_FORMATS) if extra_format else DATE_FORMATS
    for fmt in formats:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a date")


def birth_date_year(text: str, extra_format: str | None = None) -> str | None:
    """The year of a birth date's text (``1986-04-02``, ``2-4-1986``), or None: a batch's birth-year
    column may hold the date (a case system's "Geboortedatum"; user21), and the profile keeps the
    year only. A date before 1906 is a year typed into a workbook's date column (day 1986 since
    1900 is in 1905), not a birth date: None, and the batch says what happened."""
    if len(text.strip()) < 8 or text.strip().isdigit():
        return None
    try:
        day = answer_date(text.strip()[:10], extra_format=extra_format)
    except ValueError:
        return None
    return str(day.year) if day.year >= 1906 else None


def cefr_level(text: str) -> str:
    """``'b1'``, ``'pre a1'``, ``'PreA1'`` -> the CEFR level's own spelling; ValueError when none."""
    key = re.sub(r"[\s_]+", "-", text.strip()).casefold()
    for level in CEFR_ORDER:
        if key in (level.casefold(), level.casefold().replace("-", "")):
            return level
    raise ValueError(f"{text.strip()!r} is not a CEFR level")


def country_code(text: str) -> str:
    """A country's ISO 3166-1 alpha-2 code from its code or Dutch or English name; ValueError when unknown."""
    code = resolve_country(text)
    if code is None:
        raise ValueError(f"{text.strip()!r} is not a country")
    return code


# --- the same rules as pydantic validators -------------------------------------------------------


def _yes_no_field(value: object) -> object:
    if value is None:
        return None
    try:
        return yes_no(value)
    except ValueError:
        raise invalid("bool_parsing") from None


def _date_field(value: object) -> object:
    if value is None:
        return None
    try:
        day = answer_date(value)
    except ValueError:
        raise invalid("date_parsing") from None
    if day.year < EARLIEST_YEAR:
        raise invalid("too_old")
    return day


def _cefr_field(value: object) -> object:
    if not isinstance(value, str):
        return value
    try:
        return cefr_level(value)
    except ValueError:
        return value  # the Literal refuses it and lists the levels


def _country_field(value: object) -> object:
    if not isinstance(value, str) or not value.strip():
        return None if isinstance(value, str) else value
    try:
        return country_code(value)
    except ValueError:
        raise invalid("country") from None


YesNo = Annotated[bool, BeforeValidator(_yes_no_field)]
"""A yes/no answer: ``YES_WORDS`` / ``NO_WORDS`` and nothing else (no "on", "t")."""
AnswerDate = Annotated[dt.date, BeforeValidator(_date_field)]
"""A date answer in one of ``DATE_FORMATS``, not before 1900."""
AnswerCefr = Annotated[CefrLevel, BeforeValidator(_cefr_field)]
"""A CEFR level, written loosely (``b1``, ``pre a1``)."""
AnswerCountry = Annotated[str, BeforeValidator(_country_field)]
"""A country given by code or name, stored as its ISO 3166-1 alpha-2 code."""
