"""``SOURCE_DATE_EPOCH``: the one time every output's ``created`` takes when it is set, so two runs
on the same input give identical files (https://reproducible-builds.org/specs/source-date-epoch/).
One reading of it for a batch (``batch_state.created_time``) and the intake (``--answers`` and the
interview): the interview took the clock's time whatever the variable said."""

from __future__ import annotations

import datetime as dt
import os

from skilltool.errors import SkilltoolError
from skilltool.messages import say

LAST_EPOCH = 253_402_300_799  # 9999-12-31 23:59:59 UTC, the last second Python's dates hold


def fixed_now() -> dt.datetime | None:
    """``$SOURCE_DATE_EPOCH`` as a time in UTC, or None when it is unset or empty (use the clock).

    A value that is no number of seconds from 0 to ``LAST_EPOCH`` in ASCII digits is refused,
    as the reproducible-builds rule asks: ``²`` passed ``isdigit`` and ended in a ``ValueError``
    traceback, a far future in "cannot write OUT (Value too large ...)" with a --resume hint."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not epoch:
        return None
    if not (epoch.isascii() and epoch.isdigit() and len(epoch) <= 12 and int(epoch) <= LAST_EPOCH):
        raise SkilltoolError(say("errors.env.source_date_epoch", last=LAST_EPOCH))
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
