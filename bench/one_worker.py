"""One batch worker in this process, fed chunk by chunk as a pool worker is fed: the set-up that
``bench/linearity.py`` and ``bench/row_instructions.py`` share."""

from __future__ import annotations

import gc
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from skilltool import batch, batch_input, batch_worker
from skilltool.batch_state import State
from skilltool.batch_worker import Chunk


@contextmanager
def worker_chunks(
    source: Path, *, output_format: str = "parquet", lang: str = "nl", prefix: str = "skilltool-bench-"
) -> Iterator[Iterator[Chunk]]:
    """The non-empty chunks of ``source``, with this process's worker built (``init_worker``) and
    frozen out of the garbage collector's reach as before forking; the outputs' folder is a
    temporary one, removed afterwards."""
    out = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        job = batch.prepare(source, out=out / "out", output_format=output_format, lang=lang)
        state = State(fingerprint="", created="2026-01-01T00:00:00+00:00")
        batch_worker.init_worker(batch.worker_config(job, state.created))
        gc.collect()
        gc.freeze()  # as before forking the workers
        chunks = batch_input.chunks(job, state, batch_input.SeenIds(), {"reading": 0.0})
        yield (chunk for chunk, _blank in chunks if chunk)
    finally:
        shutil.rmtree(out, ignore_errors=True)
