"""``models.values.today``: ``date.today()`` read once per local day (scale29)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

import pytest

from skilltool.models import values


@pytest.fixture
def kept_day() -> Iterator[list[tuple[dt.date, float]]]:
    """``values._DAY`` to set, as it was afterwards."""
    before = list(values._DAY)
    yield values._DAY
    values._DAY[:] = before


def test_today_is_the_system_day() -> None:
    """The day it gives is ``date.today()``'s, and the day ends at the next local midnight."""
    day = values.today()
    assert day == dt.date.today()
    ends = values._DAY[0][1]
    assert ends == dt.datetime.combine(day + dt.timedelta(days=1), dt.time()).timestamp()
    assert time.time() < ends <= time.time() + 86_400 + 3_600


def test_today_read_again_once_the_day_has_ended(kept_day: list[tuple[dt.date, float]]) -> None:
    """Before the day's end the kept day is given without asking the system; at its end the
    system's day is read again (a batch running past midnight uses the new day)."""
    kept = dt.date(2001, 2, 3)
    kept_day[0] = (kept, time.time() + 60)
    assert values.today() == kept
    kept_day[0] = (kept, time.time() - 1)
    assert values.today() == dt.date.today()
    assert values._DAY[0][0] == dt.date.today()


def test_future_birth_year_refused_with_the_kept_day(kept_day: list[tuple[dt.date, float]]) -> None:
    """The answers' rules read the day through ``today``: a birth year after its year is refused."""
    from pydantic import ValidationError

    from skilltool.models.answers import PersonalAnswers

    kept_day[0] = (dt.date(2001, 2, 3), time.time() + 60)
    assert PersonalAnswers(client_ref="A-1", birth_year=2001).birth_year == 2001
    with pytest.raises(ValidationError, match="future"):
        PersonalAnswers(client_ref="A-1", birth_year=2002)
