"""Batch: a research export's outputs in the order of the pseudonyms, never in the input's.

A research export (``--pseudonymise``) in the input's order gave each pseudonym away to whoever
holds the input but not the key: line *n* of ``profiles.jsonl`` or ``summary.csv`` is the input's
*n*-th row that ``errors.csv`` does not name, and every table row said its ``row``. At the end of
the batch (``batch_output.finish``; the Parquet tables as they are converted, ``batch_output``
and ``batch_dask``) each profile output is put in the order of its pseudonyms (``client_ref``: an
HMAC of the id, an order no one without the key can relate to the input's) and the tables' ``row``
is emptied (NULL). ``errors.csv`` and the ``errors`` table keep their rows: the data owner fixes
those rows in the input, and they hold no coded values.

Memory stays bounded however long the output: what is bigger than ``SORT_BYTES`` (text) or
``TABLE_BYTES`` (a table's part data) is first dealt into sixteen unnamed temporary files by the
pseudonym's next hex digit (an HMAC spreads them evenly), and each is sorted on its own (dealt
again if it is still too big) in the digits' order. Sorting at the end leaves ``--resume`` as it
was: the part files grow in the input's order until every row is done.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO, TYPE_CHECKING

from skilltool import batch_parquet as bp
from skilltool import fsio

if TYPE_CHECKING:
    import pyarrow as pa

SORT_BYTES = 64 << 20
"""The most JSON Lines or summary text sorted in memory at once."""
TABLE_BYTES = 2 << 20
"""The most part data of one table (LZ4 frames or Parquet) sorted in memory at once: it packs a
pseudonym repeated on each of a person's rows and the few codes some ten times, so 16 MB held
over 100 MB of Arrow, twice while sorted, and two tables are sorted at once (the main process
peaked at 546 MB, not 319 MB, on 20,000 rows)."""
PROFILE_START = b'{"kind":"skilltool-research-profile","schema_version":1,"client_ref":"ps-'
"""How every line of a research export's ``profiles.jsonl`` starts: the pseudonym's hex digits
follow (``ResearchProfile``'s first fields; ``tests/test_batch_order.py`` pins it)."""
SUMMARY_START = b"ps-"
"""How every record of a research export's ``summary.csv`` starts (it has no ``row``)."""
_HEX = 40  # the hex digits of a pseudonym (``batch_research.pseudonym``)
_DIGIT = {ord(c): i for i, c in enumerate("0123456789abcdef")}


def sort_lines(path: Path, start: bytes, *, header: bool = False) -> None:
    """Rewrite ``path`` (atomically, owner-only) with its records in the order of their
    pseudonyms. Every record starts with ``start`` and the pseudonym's 40 hex digits; a physical
    line that does not continues the record before it (a CSV cell with a line break). ``header``:
    the first line stays first."""
    size = path.stat().st_size
    with path.open("rb") as src, fsio.atomic_writer(path, binary=True) as out:
        if header:
            out.write(src.readline())
        _sort_into(out, _records(src, start), size, start, scratch=path.parent, depth=0)


def _records(lines: Iterable[bytes], start: bytes) -> Iterator[bytes]:
    """The records of ``lines``, each whole (its continuation lines joined to it)."""
    pattern = re.compile(re.escape(start) + b"[0-9a-f]{%d}" % _HEX)
    record = b""
    for line in lines:
        if pattern.match(line):
            if record:
                yield record
            record = line
        elif record:
            record += line
        else:  # pragma: no cover - a bug: every record is written with its pseudonym first
            raise AssertionError("a research export's record without its pseudonym first")
    if record:
        yield record


def _sort_into(
    out: IO[bytes],
    records: Iterator[bytes],
    size: int,
    start: bytes,
    *,
    scratch: Path,
    depth: int,
    many: bool = True,
) -> None:
    """``records`` (``size`` bytes) to ``out`` in order: sorted in memory when small enough (or a
    single record, ``many`` false), else dealt by the hex digit ``depth`` of their pseudonyms and
    each bucket sorted in turn. Plain byte order is the pseudonyms' order: every record starts
    with the same ``start``."""
    if size <= SORT_BYTES or not many or depth >= _HEX:
        out.writelines(sorted(records))
        return
    at = len(start) + depth
    with ExitStack() as stack:
        buckets = [stack.enter_context(tempfile.TemporaryFile(dir=scratch)) for _ in _DIGIT]
        counts = [0] * len(buckets)
        for record in records:
            digit = _DIGIT[record[at]]
            buckets[digit].write(record)
            counts[digit] += 1
        for bucket, count in zip(buckets, counts, strict=True):
            held = bucket.tell()
            bucket.seek(0)
            records = _records(bucket, start)
            _sort_into(out, records, held, start, scratch=scratch, depth=depth + 1, many=count > 1)
            bucket.close()  # its disk space back before the next is read


def sort_table(target: Path, name: str, batches: Iterable[pa.RecordBatch], size: int, scratch: Path) -> int:
    """Table ``name``'s ``batches`` (about ``size`` bytes of part data) to the Parquet file
    ``target``, in the order of the pseudonyms and then of ``position`` or ``rank``, ``row`` empty
    (NULL); returns the rows written (``batch_parquet.write_parquet``: owner-only, atomic)."""
    return bp.write_parquet(target, name, _sorted_batches(name, iter(batches), size, scratch, 0))


def _sorted_batches(
    name: str, batches: Iterator[pa.RecordBatch], size: int, scratch: Path, depth: int, *, many: bool = True
) -> Iterator[pa.RecordBatch]:
    """As ``_sort_into``; ``many`` false: the rows are one person's, whom no digit parts."""
    import pyarrow as pa  # lazy: optional extra [parquet]
    import pyarrow.compute as pc  # lazy: optional extra [parquet]

    if size <= TABLE_BYTES or not many or depth >= _HEX:
        table = pa.Table.from_batches(list(batches), bp.schema(name))
        keys = [(k, "ascending") for k in ("client_ref", "position", "rank") if k in table.column_names]
        table = table.sort_by(keys)
        at = table.schema.get_field_index("row")
        table = table.set_column(at, "row", pa.nulls(table.num_rows, pa.int32()))
        yield from table.to_batches(max_chunksize=bp.ROW_GROUP_ROWS)
        return
    with ExitStack() as stack:
        buckets = [stack.enter_context(tempfile.TemporaryFile(dir=scratch)) for _ in _DIGIT]
        seen: list[set[str]] = [set() for _ in buckets]  # a bucket's least and greatest pseudonym
        for batch in _combined(batches):
            refs = batch.column("client_ref")
            if refs.null_count:  # pragma: no cover - a bug: every profile has its pseudonym
                raise AssertionError(f"{name}: a research export's row without its pseudonym")
            digits = pc.utf8_slice_codeunits(refs, 3 + depth, 4 + depth)
            for digit in pc.unique(digits).to_pylist():
                part = batch.filter(pc.equal(digits, digit))
                buckets[index := _DIGIT[ord(digit)]].write(bp.pack_batch(part))
                bounds = seen[index] | {v.as_py() for v in pc.min_max(part.column("client_ref")).values()}
                seen[index] = {min(bounds), max(bounds)}
        for bucket, bounds in zip(buckets, seen, strict=True):
            held = bucket.tell()
            bucket.seek(0)
            many = len(bounds) > 1
            yield from _sorted_batches(name, bp.frames(bucket, name), held, scratch, depth + 1, many=many)
            bucket.close()


def merge_partitions(parts: Path, tables: Path, indexes: list[int]) -> None:
    """``--engine dask``: a research export's profile tables, written by partition in ``parts``
    (kept until the batch is done, so that a ``--resume`` merges them again), merged into one
    file a table in ``tables``, in the order of the pseudonyms (``sort_table``): the partitions
    as they were gave the input's order in blocks."""
    for name in bp.PROFILE_TABLES:
        sources = [parts / name / bp.part_name(i) for i in indexes]
        target = tables / name
        shutil.rmtree(target, ignore_errors=True)  # a merge cut short before a --resume
        size = sum(path.stat().st_size for path in sources)
        sort_table(target / bp.part_name(0), name, _parquet_batches(sources), size, tables.parent)


def _parquet_batches(paths: list[Path]) -> Iterator[pa.RecordBatch]:
    import pyarrow.parquet as pq  # lazy: optional extra [parquet]

    for path in paths:
        with pq.ParquetFile(path) as source:
            yield from source.iter_batches(bp.ROW_GROUP_ROWS)


def _combined(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """``batches`` joined into batches of some ``ROW_GROUP_ROWS`` rows: a chunk's are tens of rows,
    and each dealt into sixteen tiny frames cost the main process 17 s more CPU on 20,000 rows."""
    import pyarrow as pa  # lazy: optional extra [parquet]

    pending: list[pa.RecordBatch] = []
    rows = 0
    for batch in batches:
        pending.append(batch)
        rows += batch.num_rows
        if rows >= bp.ROW_GROUP_ROWS:
            yield from pa.Table.from_batches(pending).combine_chunks().to_batches()
            pending, rows = [], 0
    if pending:
        yield from pa.Table.from_batches(pending).combine_chunks().to_batches()
