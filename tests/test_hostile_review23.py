"""The twenty-third hostile-input and privacy review: what the twenty-second review left alone (a
source link loop, a title cell of a byte-order mark only, a stream's shutdown) and the Python API,
coding jobs and batches attacked anew."""

from __future__ import annotations

import json
import multiprocessing
import multiprocessing.pool
import os
import threading
import time
from collections.abc import Generator
from pathlib import Path

import pytest

from skilltool import build, coding_stream
from skilltool.errors import SourceError
from skilltool.models import SourceManifest
from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData

Sources = tuple[Path, SourceManifest]


def test_a_source_that_is_a_link_loop_a_folder_or_a_pipe_is_named_as_such(tiny_sources: Sources) -> None:
    """``data build`` names a source that is there but is no file for what it is: a link loop, a
    dangling link, a folder, a pipe (never opened). Each was "source file not found; check
    --sources", which sent the user looking for a file that was there. A missing one still says
    where sources come from."""
    root, manifest = tiny_sources
    path = root / "shortage/tightness.csv"
    path.unlink()
    path.symlink_to(path)
    with pytest.raises(SourceError) as caught:
        build.build(manifest, root)
    assert caught.value.message.startswith(f"{path}: cannot read the source file (")
    assert "not found" not in caught.value.message
    path.unlink()
    path.symlink_to(root / "gone.csv")
    with pytest.raises(SourceError, match=r"a symbolic link to a file that does not exist; give the source"):
        build.build(manifest, root)
    path.unlink()
    path.mkdir()
    with pytest.raises(SourceError, match=r"tightness\.csv: is a folder, not a file; give the source file"):
        build.build(manifest, root)
    path.rmdir()
    os.mkfifo(path)
    with pytest.raises(SourceError, match=r"tightness\.csv: is a pipe \(FIFO\), not a regular file"):
        build.build(manifest, root)
    path.unlink()
    with pytest.raises(SourceError, match=r"tightness\.csv: source file not found; check --sources"):
        build.build(manifest, root)


def test_a_stream_closed_early_ends_its_workers_without_killing_them(
    tiny_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader that stops (``occupation code --workers 2 | head``) closes the stream while lines
    wait: the workers skip the chunks left and end after the one each holds, the pool closed and
    joined, never terminated, and the reading thread ends. ``Pool.terminate`` killed a worker
    while it sent a chunk's results, holding the results pipe's lock for good; the pool's feeder,
    still iterating the lines, waited for that lock and ``terminate`` for the feeder: the command
    hung with its workers zombies (1 run in 100, four side by side)."""
    coder = OccupationCoder.from_reference(ReferenceData(tiny_data))
    ended: list[str] = []
    real_terminate = multiprocessing.pool.Pool.terminate

    def terminate(pool: multiprocessing.pool.Pool) -> None:
        ended.append("terminate")
        real_terminate(pool)

    monkeypatch.setattr(multiprocessing.pool.Pool, "terminate", terminate)
    stream = coding_stream.json_stream(coder, iter(["lasser"] * 50_000), lang="nl", top=1, workers=2)
    assert [json.loads(next(stream)[1])["input"] for _ in range(3)] == ["lasser"] * 3
    assert isinstance(stream, Generator)
    started = time.monotonic()
    stream.close()
    assert time.monotonic() - started < coding_stream.SHUTDOWN_SECONDS
    assert ended == []
    assert not multiprocessing.active_children()
    for thread in threading.enumerate():
        if thread.name == coding_stream.READER_THREAD:
            thread.join(5)
            assert not thread.is_alive()


def test_the_chunks_of_a_stopped_stream_end_at_once(tiny_data: Path) -> None:
    """The pool's feeder iterates ``_waiting_chunks``: once the stream stops it ends at the next
    chunk even while lines wait (it went on while any line waited, so the feeder was still inside
    it when the workers were ended), and a worker given a chunk after the stop codes nothing."""
    stop = threading.Event()
    chunks = coding_stream._waiting_chunks(iter(["a"] * 10_000), 10, stop)
    assert next(chunks) == ["a"] * 10
    stop.set()
    assert list(chunks) == []
