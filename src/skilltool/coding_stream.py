"""``occupation code`` on a stream of titles (stdin): the lines coded on worker processes, in order.

A bulk run is CPU-bound in the coder (about 200-300 microseconds a title); one process uses one
core. ``code_stream`` codes whatever lines are waiting as one batch (``OccupationCoder.code_many``)
and, with more workers, forks worker processes from the one that loaded the coder, so they share
its compiled index, and hands each whatever lines are waiting (up to ``STREAM_CHUNK``). A program
that sends one title and waits for the answer still gets it at once: a chunk never waits to fill.
"""

from __future__ import annotations

import codecs
import ctypes
import json
import multiprocessing
import queue
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.pool import Pool
from multiprocessing.process import BaseProcess
from typing import IO, Literal, TypeVar

from skilltool import csv_lines, json_text
from skilltool.batch_signals import end_pool, ignore_sigint, sigint_blocked
from skilltool.errors import SkilltoolError
from skilltool.messages import say
from skilltool.models import Candidate, CodingResult
from skilltool.models.base import construct
from skilltool.occupations import OccupationCoder

STREAM_CHUNK = 512
"""Lines coded as one batch at a time, at most (fewer when fewer are waiting), here or sent to a
worker process: ``code_many``'s numpy work per batch is spread over more titles (128 a batch cost
6 % more CPU a title than 512, docs/coding.md "Thirteenth round")."""

_Cand = tuple[str, str, str, str, float, Literal["occupation", "isco_group"]]
_Packed = tuple[str, str, bool, "str | None", list[_Cand]]
_T = TypeVar("_T")
_STREAM_CODER: list[OccupationCoder] = []  # the coder a forked worker inherits from its parent
_CANCELLED: list[ctypes.c_bool] = []  # set when the reader stops: a worker skips the chunks left
SHUTDOWN_SECONDS = 10.0
"""How long the end of a stream waits for its workers to finish the chunk each holds (a chunk is
coded in well under a second) before it ends them: a worker killed under its chunk never ends it."""
_END = object()

MAX_LINE_BYTES = 64 * 1024
"""A title on stdin is kept up to this many bytes (the coder reads 300 characters of it and says a
longer one is too long); the rest of a longer line is read and dropped, so memory stays bounded."""
READER_THREAD = "skilltool-stream-reader"
_BREAK = re.compile(rb"\r\n|\r|\n")


def stdin_lines(stream: IO[bytes], *, limit: int | None = None) -> Iterator[str]:
    """The lines of a byte stream, decoded as a CSV file's lines are (UTF-8, Windows-1252 or both in
    a line; UTF-16 or UTF-32 transcoded: ``_reads``, ``_decoded``), a leading BOM dropped.

    A line ends at LF, CRLF or a lone CR (old Mac files), as in a CSV; it is read at most ``limit``
    bytes (default ``MAX_LINE_BYTES``) at a time and cut at ``limit`` bytes (the coder flags it as
    too long), so a file of one endless line or of lone CRs never sits in memory whole. A line
    waits for its end only: a program that sends one title and its newline gets the answer at once.
    """
    limit = limit or MAX_LINE_BYTES
    line = bytearray()
    skip_lf = False  # the last read ended on a CR: an LF starting the next one belongs to it
    first = True
    for read in _reads(stream, limit):
        raw = read[1:] if skip_lf and read.startswith(b"\n") else read
        skip_lf = raw.endswith(b"\r")
        *ended, rest = _BREAK.split(raw)  # ``rest``: the start of a line its next read goes on with
        for piece in [*ended, None]:
            part = rest if piece is None else piece
            line += part[: max(0, limit - len(line))]
            if piece is None:
                break
            yield _decoded(line, first)
            first = False
            line.clear()
    if line:
        yield _decoded(line, first)


def _reads(stream: IO[bytes], limit: int) -> Iterator[bytes]:
    """The stream's bytes, a line (at most ``limit`` bytes) at a time; a stream that starts as UTF-16
    or UTF-32 (Notepad's "Unicode", with or without its byte-order mark: ``csv_lines.wide_encoding``)
    transcoded to UTF-8 as it is read, as a CSV file is. Every title of such a file was "not text"."""
    first = stream.readline(limit)
    wide = csv_lines.wide_encoding(first[:8]) if first else None
    if wide is None:
        raw = first
        while raw:
            yield raw
            raw = stream.readline(limit)
        return
    decoder = codecs.getincrementaldecoder(wide)("replace")  # a broken character: that line's problem
    raw = first
    while raw:
        if text := decoder.decode(raw):
            yield text.encode("utf-8", "replace")
        raw = stream.readline(limit)
    if rest := decoder.decode(b"", final=True):
        yield rest.encode("utf-8", "replace")


def _decoded(line: bytearray, first: bool) -> str:
    """A line as text: UTF-8, else the rule for a CSV line (``csv_lines.utf8_or_cp1252``: a title
    saved as Windows-1252, ``café``, was "not text"); bytes that are neither are replacement
    characters (a line of binary garbage is a line with a problem, never a crash)."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = csv_lines.utf8_or_cp1252(bytes(line))[0]
        except UnicodeDecodeError:
            text = line.decode("utf-8", errors="replace")
    return text.removeprefix("\ufeff") if first else text  # a file saved by Windows Notepad or Excel


def _pack(result: CodingResult) -> _Packed:
    """A result as plain tuples: a third of the cost of pickling the models."""
    cands = [(c.uri, c.isco, c.label, c.matched, c.score, c.kind) for c in result.candidates]
    return result.input, result.normalized, result.needs_review, result.problem, cands


def _unpack(packed: _Packed) -> CodingResult:
    text, normalized, flagged, problem, cands = packed
    candidates = [
        construct(Candidate, uri=u, isco=i, label=la, matched=m, score=sc, kind=k)
        for u, i, la, m, sc, k in cands
    ]
    return construct(
        CodingResult,
        input=text,
        normalized=normalized,
        needs_review=flagged,
        candidates=candidates,
        problem=problem,
    )


_STR = json.encoder.encode_basestring  # a text as ``json.JSONEncoder(ensure_ascii=False)`` writes it


def _json_line(result: CodingResult) -> tuple[str | None, str]:
    """A result as ``json_stream`` gives it: its problem and its JSON line, ``json_text.dumps`` of
    it. The line is written by hand from its fields, in the models' order, as
    ``json.dumps(model_dump(mode="json"), ensure_ascii=False)`` writes them (each text by the
    encoder's own ``encode_basestring``, a finite float score by its ``repr``); a line with a
    character outside ASCII, or DEL, is made by ``json_text.dumps`` itself (its C1 escape), as is
    a model of another class, a score not a finite float or a field of another type. 11-13
    against 18-25 microseconds a line (a dict per candidate and the encoder before)."""
    cands = result.candidates
    if (
        type(result) is CodingResult
        and type(result.needs_review) is bool
        and all(type(c) is Candidate and type(c.score) is float and c.score - c.score == 0.0 for c in cands)
    ):
        try:
            listed = ", ".join(
                [
                    f'{{"uri": {_STR(c.uri)}, "isco": {_STR(c.isco)}, "label": {_STR(c.label)}, "matched": '
                    f'{_STR(c.matched)}, "score": {float.__repr__(c.score)}, "kind": {_STR(c.kind)}}}'
                    for c in cands
                ]
            )
            problem = "null" if result.problem is None else _STR(result.problem)
            review = "true" if result.needs_review else "false"
            text = (
                f'{{"input": {_STR(result.input)}, "normalized": {_STR(result.normalized)}, "needs_review": '
                f'{review}, "candidates": [{listed}], "problem": {problem}}}'
            )
        except TypeError:  # a field that is not a text: the encoder's own way
            return result.problem, json_text.dumps(result)
        if text.isascii() and "\x7f" not in text:  # nothing for the C1 escape to change
            return result.problem, text
    return result.problem, json_text.dumps(result)


def _code_chunk(args: tuple[list[str], str, int, Callable[[CodingResult], _T]]) -> list[_T]:
    """In a worker: code one chunk of lines with the coder inherited from the parent, each result
    as ``encode`` makes it (a module-level function: it is pickled by name)."""
    texts, lang, top, encode = args
    if _CANCELLED and _CANCELLED[0].value:  # the reader has stopped: nobody reads this chunk
        return []
    coder = _STREAM_CODER[0]
    return [encode(result) for result in coder.code_many(texts, lang=lang, top=top)]


def _waiting_chunks(lines: Iterable[str], size: int, stop: threading.Event) -> Iterator[list[str]]:
    """``lines`` in chunks of whatever is waiting (at most ``size``), read on a thread: a chunk
    never waits to fill, so a program that sends one line and waits gets its answer at once."""
    waiting: queue.Queue[object] = queue.Queue(maxsize=size * 4)  # reading waits for coding

    def offer(item: object) -> bool:  # False once the stream has stopped: nobody takes it
        while not stop.is_set():
            try:
                waiting.put(item, timeout=0.1)
            except queue.Full:
                continue
            return True
        return False

    def read() -> None:  # ends when the stream stops too, not blocked for good on a full queue
        try:
            for text in lines:
                if not offer(text):
                    return
        finally:
            offer(_END)

    threading.Thread(target=read, name=READER_THREAD, daemon=True).start()
    while not stop.is_set():  # checked before each chunk, not only when no line waits: the
        # pool's feeder thread iterates this and must reach its end at once when the reader stops
        try:
            first = waiting.get(timeout=0.1)
        except queue.Empty:
            if stop.is_set():
                return
            continue
        if first is _END:
            return
        chunk = [str(first)]
        while len(chunk) < size:
            try:
                more = waiting.get_nowait()
            except queue.Empty:
                break
            if more is _END:
                yield chunk
                return
            chunk.append(str(more))
        yield chunk


def code_stream(
    coder: OccupationCoder, lines: Iterable[str], *, lang: str, top: int, workers: int
) -> Iterator[CodingResult]:
    """``coder.code`` of each line, in input order, on ``workers`` processes.

    The lines are read on a thread and whatever is waiting (up to ``STREAM_CHUNK`` lines per
    worker) is coded at once with ``coder.code_many`` (the same answers as ``code``, scored as one
    numpy batch), so a program that sends one title and waits gets its answer without more input.
    With one worker (or where processes cannot be forked) the chunks are coded here. Otherwise
    worker processes are forked from this one, so they share the loaded coder, its second opinion
    and its batch arrays (loaded first). Results come back in input order. Each worker keeps its
    own word caches, so a word two workers meet is expanded twice: the workers together spend
    more CPU per title than one process (measured in docs/coding.md).
    """
    if _here(workers):  # no processes: the results as they are, no packing
        return _stream(coder, lines, lang=lang, top=top, workers=workers, encode=_same)
    return map(_unpack, _stream(coder, lines, lang=lang, top=top, workers=workers, encode=_pack))


def json_stream(
    coder: OccupationCoder, lines: Iterable[str], *, lang: str, top: int, workers: int
) -> Iterator[tuple[str | None, str]]:
    """(problem, JSON line) of each line, as ``code_stream`` codes it: the JSON line is
    ``json_text.dumps`` of its result, made by the worker that coded it. Made here, in the
    process that reads and writes the lines, turning the results back into models and then into
    JSON took 40 microseconds a line, a fifth of a worker's coding, on a core the workers need."""
    return _stream(coder, lines, lang=lang, top=top, workers=workers, encode=_json_line)


def _same(result: CodingResult) -> CodingResult:
    return result


def _here(workers: int) -> bool:
    """Code in this process: one worker, or a platform that cannot fork."""
    return workers <= 1 or "fork" not in multiprocessing.get_all_start_methods()


def _stream(
    coder: OccupationCoder,
    lines: Iterable[str],
    *,
    lang: str,
    top: int,
    workers: int,
    encode: Callable[[CodingResult], _T],
) -> Iterator[_T]:
    """``encode`` of each line's result, in input order, as ``code_stream`` describes."""
    stop = threading.Event()
    if _here(workers):
        try:
            for chunk in _waiting_chunks(lines, STREAM_CHUNK, stop):
                yield from map(encode, coder.code_many(chunk, lang=lang, top=top))
        finally:
            stop.set()
        return
    coder.preload()  # the second opinion and the batch arrays loaded once, shared, not once per worker
    fork = multiprocessing.get_context("fork")
    _STREAM_CODER[:] = [coder]
    _CANCELLED[:] = [fork.RawValue(ctypes.c_bool, False)]
    # forked before the reader thread starts; Ctrl-C is the parent's to handle (no traceback per
    # worker), blocked while they start as in the batch's pool (``batch_signals``)
    before = set(multiprocessing.active_children())
    with sigint_blocked():
        pool = fork.Pool(workers, initializer=ignore_sigint)
    started = [p for p in multiprocessing.active_children() if p not in before]  # the pool's workers
    chunks = ((chunk, lang, top, encode) for chunk in _waiting_chunks(lines, STREAM_CHUNK, stop))
    lost = False
    try:
        results = pool.imap(_code_chunk, chunks)
        done = 0
        while True:
            try:
                coded = results.next(WAIT_SECONDS)
            except StopIteration:
                break
            except multiprocessing.TimeoutError:
                lost = not all(worker.is_alive() for worker in started)
                if lost:
                    raise WorkerLostError(say("errors.code.worker_lost", done=done)) from None
                continue
            yield from coded
            done += len(coded)
    finally:
        stop.set()  # the pool's feeder may be waiting for a line: let it go
        _CANCELLED[0].value = True
        _shut(pool, lost=lost, spawned=lambda: set(multiprocessing.active_children()) - before)
        _STREAM_CODER.clear()
        _CANCELLED.clear()


WAIT_SECONDS = 0.5
"""How often a wait for a chunk's results looks whether a worker is gone."""


class WorkerLostError(SkilltoolError):
    """A worker process ended before its chunk was coded (killed by a signal, by the system's
    out-of-memory killer): ``multiprocessing.Pool`` starts another worker but never gives that
    chunk's results, and ``occupation code --workers 2`` on stdin waited for them for good, idle,
    as the batch did before ``batch_pool.WorkerLostError``. The stream stops saying how many lines
    were coded (their results are out already); the rest are not."""


def _shut(
    pool: Pool, *, lost: bool = False, spawned: Callable[[], Iterable[BaseProcess]] | None = None
) -> None:
    """End the stream's pool without killing a worker in the middle of sending its results.

    ``Pool.terminate`` killed the workers while the pool's feeder thread was still iterating the
    lines (a reader that stops, ``| head``, ends the stream while lines wait): a worker killed
    while it sent a chunk's results held the results pipe's lock for good, the feeder waited for
    that lock to send its end mark and ``terminate`` waited for the feeder: ``occupation code
    --workers 2 | head`` hung, its workers zombies (seen under load in
    ``test_hostile_review18.py``; 1 run in 100 with 4 such runs side by side). The workers now
    skip the chunks left (``_CANCELLED``), the pool is closed and joined, each worker ending after
    the chunk it holds; only when that takes longer than ``SHUTDOWN_SECONDS`` (a worker killed
    under its chunk: that chunk never comes back) are they ended, on a thread of its own as well
    (the process is ending: its exit ends the workers, a daemon's, if that hangs too). With a
    worker ``lost`` its chunk never comes back: they are ended at once."""
    end_pool(pool, lost=lost, seconds=SHUTDOWN_SECONDS, spawned=spawned)
