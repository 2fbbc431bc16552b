"""The twenty-third hostile-input and privacy review: what the twenty-second review left alone (a
source link loop, a title cell of a byte-order mark only, a stream's shutdown) and the Python API,
coding jobs and batches attacked anew."""

from __future__ import annotations

import json
import multiprocessing
import multiprocessing.pool
import os
import signal
import threading
import time
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest

import skilltool
from skilltool import build, coding_stream
from skilltool.api_checks import AnswersRefusedError
from skilltool.errors import SourceError, UsageError
from skilltool.header_cells import blank
from skilltool.models import SourceManifest
from skilltool.models.answers import IntakeAnswers, PersonalAnswers
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
    before = set(multiprocessing.active_children())  # another test's processes in this one
    stream = coding_stream.json_stream(coder, iter(["lasser"] * 50_000), lang="nl", top=1, workers=2)
    assert [json.loads(next(stream)[1])["input"] for _ in range(3)] == ["lasser"] * 3
    assert isinstance(stream, Generator)
    started = time.monotonic()
    stream.close()
    assert time.monotonic() - started < coding_stream.SHUTDOWN_SECONDS
    assert ended == []
    assert set(multiprocessing.active_children()) <= before
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


@pytest.fixture(scope="module")
def ref() -> ReferenceData:
    return skilltool.load_reference()


@pytest.mark.usefixtures("real_data_env")
def test_the_api_holds_each_text_answer_to_an_answers_files_limit(ref: ReferenceData) -> None:
    """``complete_profile`` refuses a text over 2,000 characters anywhere in its answers (a mapping
    or a model made by hand), at its place and without the value, as an answers file and the
    interview do: a 20 MB note and 100 skills of 100,000 characters took 147 s and made a 29 MiB
    profile that ``write_profile`` wrote and ``read_profile`` then refused as too big. A text of
    2,000 characters still reads."""
    long = "lassen " * 300
    for answers in (
        {"personal": {"client_ref": "AB-1"}, "notes": long},
        {"personal": {"client_ref": "AB-1"}, "skills": {"free_text": ["kok", long]}},
        {"personal": {"client_ref": "AB-1"}, "skills": {"confirmed": {long: "free_text"}}},
    ):
        with pytest.raises(AnswersRefusedError) as caught:
            skilltool.complete_profile(answers, ref=ref)
        assert "longer than 2000 characters" in caught.value.message
        assert "lassen" not in caught.value.message
    assert "notes: is longer than 2000" in _refused(ref, {"personal": {"client_ref": "AB-1"}, "notes": long})
    model = IntakeAnswers(personal=PersonalAnswers(client_ref="AB-1"), notes=long)
    with pytest.raises(AnswersRefusedError, match=r"notes: is longer than 2000 characters"):
        skilltool.complete_profile(model, ref=ref)
    fits = skilltool.complete_profile({"personal": {"client_ref": "AB-1"}, "notes": "x" * 2000}, ref=ref)
    assert fits.notes == "x" * 2000


def _refused(ref: ReferenceData, answers: dict[str, object]) -> str:
    with pytest.raises(AnswersRefusedError) as caught:
        skilltool.complete_profile(answers, ref=ref)
    return caught.value.message


def test_blank_is_white_space_and_invisible_characters_only() -> None:
    """``header_cells.blank``: a cell of a byte-order mark, zero-width spaces or direction marks
    (with spaces) is blank; one with a letter or a digit beside them is not."""
    assert all(blank(text) for text in ["", " ", "\ufeff", "\u200b \u200e", "\t\u00ad\u2060\n"])
    assert not any(blank(text) for text in ["\ufeffkok", "\u200f\u0643\u0627\u062a\u0628", "0", "-"])


@pytest.mark.usefixtures("real_data_env")
def test_a_cell_of_a_byte_order_mark_only_is_an_empty_cell(tmp_path: Path) -> None:
    """A cell that holds only a byte-order mark or a zero-width space (a second export pasted
    below the first, a copied cell) is empty, as Excel shows it. In a batch it made a job with an
    invisible title, a municipality and a skill of a zero-width space; a coding job counted it
    as coded, with "no letters or digits" to review (the twenty-second review left it alone)."""
    header = ["klantnummer", "geboortejaar", "land_herkomst", "gemeente", "beroep_1", "vaardigheden"]
    src = tmp_path / "in.csv"
    src.write_text(";".join(header) + "\nAB-1;1990;Eritrea;\u200b;\ufeff;\u200b|lassen\n", encoding="utf-8")
    manifest = skilltool.run_batch(src, out=tmp_path / "out", workers=1)
    assert (manifest.counts.rows_written, manifest.counts.rows_rejected) == (1, 0)
    profile = json.loads((tmp_path / "out/profiles.jsonl").read_text(encoding="utf-8"))
    assert profile["work"] == []
    assert profile["personal"].get("municipality") is None
    assert [s["label"] for s in profile["skills"]] == ["lassen"]
    titles = tmp_path / "titles.csv"
    titles.write_text("id;titel\n1;\ufeff\n2;\u200b \u200e\n3;kok\n", encoding="utf-8")
    summary = skilltool.code_file(titles, column="titel", out=tmp_path / "coded.csv")
    assert (summary.rows, summary.coded, summary.empty, summary.problems) == (3, 1, 2, 0)


@pytest.mark.usefixtures("real_data_env")
def test_lookup_diploma_refuses_years_that_are_no_number(ref: ReferenceData) -> None:
    """``years=True`` (a form's "finished: yes" in the wrong field) was one year studied, which
    left out every programme of more than two years without a word, and ``years="3"`` was read
    as 3; both are a ``UsageError`` naming the argument, as ``top`` is. Numbers still read."""
    for given, kind in [(True, "bool"), ("3", "str"), ([3], "list")]:
        with pytest.raises(UsageError, match=rf"^years: give a number \(int or float\), not {kind}$"):
            skilltool.lookup_diploma("bachelor", ref=ref, country="SY", years=given)  # type: ignore[arg-type]
    assert skilltool.lookup_diploma("bachelor", ref=ref, country="SY", years=4).matches
    assert skilltool.lookup_diploma("bachelor", ref=ref, country="SY", years=4.0).matches


def test_a_worker_killed_under_a_stream_stops_it_instead_of_hanging(tiny_data: Path) -> None:
    """``occupation code --workers 2`` on stdin with a worker killed (``kill -9``, the
    out-of-memory killer) stops with one line saying how many lines were coded; it waited for the
    lost chunk for good, idle (seen: 4,096 lines out, then nothing for 90 s), as the batch did
    before the twenty-second review. The pool is ended, no worker left behind."""
    coder = OccupationCoder.from_reference(ReferenceData(tiny_data))
    more = threading.Event()

    def lines() -> Iterator[str]:
        yield from ["lasser"] * 3_000
        more.wait(60)  # a program that sends more later: the stream waits for it, not for a lost chunk

    before = set(multiprocessing.active_children())  # another test's processes in this one
    stream = coding_stream.json_stream(coder, lines(), lang="nl", top=1, workers=2)
    try:
        next(stream)
        worker = next(p for p in multiprocessing.active_children() if p not in before).pid
        assert worker is not None
        os.kill(worker, signal.SIGKILL)
        started = time.monotonic()
        with pytest.raises(coding_stream.WorkerLostError, match=r"\d+ line\(s\) were coded, the rest not"):
            for _ in stream:
                pass
        assert time.monotonic() - started < 30
    finally:
        more.set()
    deadline = time.monotonic() + 30
    while set(multiprocessing.active_children()) - before and time.monotonic() < deadline:
        time.sleep(0.1)
    assert set(multiprocessing.active_children()) <= before
