"""The options that go with an engine: ``--scheduler`` and ``--partition-rows`` only with ``--engine
dask``, for a batch, a file job and their Python API alike (one rule, one message)."""

from __future__ import annotations

from skilltool.errors import UsageError
from skilltool.messages import say


def dask_only(engine: str, scheduler: str | None, partition_rows: int | None) -> None:
    """Refuse a scheduler or a partition size without the Dask engine: ignored, they would say a
    cluster ran the job; and a partition of no rows (the command's option has ``min=1``, the
    Python API's argument is checked here)."""
    if engine != "dask" and (scheduler or partition_rows):
        raise UsageError(say("usage.dask_only"))
    if partition_rows is not None and partition_rows < 1:
        raise UsageError(say("errors.batch.at_least_one", option="--partition-rows"))
