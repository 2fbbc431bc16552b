"""How many worker processes a job may start: a batch, the file coding job and titles on stdin.
Its own small module so that ``occupation code --workers`` does not load the batch's modules
(``batch_input`` pulled in the whole suggest stack: 175 ms and 259 modules at start-up)."""

from __future__ import annotations

import os

from skilltool.messages import Say, say

MAX_WORKERS_PER_CORE = 4


def worker_cap(workers: int) -> tuple[int, Say | None]:
    """The worker processes a job starts: ``--workers``, at most ``MAX_WORKERS_PER_CORE`` per
    processor core (``--workers 100000`` on a one-row file started a hundred thousand processes;
    more only wait for a core), and the warning that says so when it cut."""
    cores = os.cpu_count() or 1
    most = MAX_WORKERS_PER_CORE * cores
    if workers <= most:
        return workers, None
    return most, say("warnings.batch.workers_capped", asked=workers, used=most, cores=cores)
