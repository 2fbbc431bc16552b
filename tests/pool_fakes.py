"""Chunk functions for tests of ``batch_pool``'s wait on its workers: a worker killed under its
chunk, a live worker's echo, and the alarm that says the wait hung. Only the standard library:
importing this module loads nothing of the batch, so a test of the pool sees it as it is."""

from __future__ import annotations

import os
import signal


def killed_chunk(chunk: object) -> object:
    """A chunk whose worker is killed under it (the out-of-memory killer, a stray ``kill -HUP``)."""
    os.kill(os.getpid(), signal.SIGKILL)
    return chunk  # pragma: no cover - never reached


def echo_chunk(chunk: object) -> object:
    """A chunk handed back as it came: a live worker's result."""
    return chunk


def waited_for_the_killed(signum: int, frame: object) -> None:
    """A SIGALRM handler: the alarm rang while the batch still waited for a killed worker's chunk."""
    raise AssertionError("the batch waited for a killed worker's chunk")
