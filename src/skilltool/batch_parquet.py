"""``batch --format parquet``: a profile as rows of a few tables, joined by ``row`` and ``client_ref``.

The tables and their columns are documented in ``docs/outputs.md``; ``TABLES`` below is the one
definition of them. A table row is built from the finished profile, after pseudonymisation
(``batch.research_copy``), so the rules that decide what a research export may hold apply to
these tables exactly as to ``profiles.jsonl``.

How the engines use this module:

* in each worker a ``batch_rows.TableRows`` collects the rows of one chunk and hands them out as
  frames (``pack_batch``: an Arrow IPC record-batch message, no schema, LZ4-compressed whole); the
  local engine appends those to one ``.arrows`` part file per table, so that ``--resume`` can cut
  them back to a checkpoint like the other part files;
* at the end ``arrows_to_parquet`` turns each part file into ``tables/NAME/part-00000.parquet``;
* the Dask engine writes ``tables/NAME/part-NNNNN.parquet`` per partition straight from the workers.

pyarrow is an optional extra (``pip install 'skilltool[parquet]'``); ``require_pyarrow`` turns its
absence into one line.
"""

from __future__ import annotations

import csv
import io
import os
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from skilltool.errors import UsageError
from skilltool.messages import say
from skilltool.table_out import unneutralise

if TYPE_CHECKING:
    import pyarrow as pa


TABLE_NAMES = (
    "people",
    "work",
    "education",
    "languages",
    "skills",
    "suggestions",
    "next_steps",
    "errors",
)
"""Every table; all but ``errors`` are built from profiles (``errors`` from ``errors.csv``)."""
PROFILE_TABLES = TABLE_NAMES[:-1]
TABLES_DIR = "tables"
ROW_GROUP_ROWS = 64 * 1024
ROW_GROUP_BYTES = 24 * 1024 * 1024  # Arrow bytes held before a row group is written
COMPRESSION = "zstd"
PART_FORMAT = "lz4-frames-1"
"""The ``.arrows`` part files' layout (``pack_batch``), part of a run's checkpoint fingerprint: a
``--resume`` never reads part files of another layout."""
_FRAME = struct.Struct("<QQ")  # a frame's header: compressed size, IPC message size


def require_pyarrow() -> None:
    """One line, not a traceback, when the optional extra is not installed."""
    try:
        import pyarrow  # lazy: optional extra [parquet]
        import pyarrow.parquet  # noqa: F401  # lazy: optional extra, checked here
    except ImportError:
        raise UsageError(say("errors.batch.needs_pyarrow")) from None


def _schemas() -> dict[str, pa.Schema]:
    import pyarrow as pa  # lazy: optional extra [parquet]

    s, i8, i16, i32, f32, b = pa.string(), pa.int8(), pa.int16(), pa.int32(), pa.float32(), pa.bool_()
    key = [("row", i32), ("client_ref", s)]
    ls = pa.list_(s)
    part = pa.struct([("name", s), ("points", f32), ("evidence", s)])
    return {
        "people": pa.schema(
            [
                *key,
                ("created", pa.timestamp("ms", tz="UTC")),  # what Parquet stores
                ("birth_year", i16),
                ("birth_years", s),
                ("country_of_origin", s),
                ("permit_date", pa.date32()),
                ("permit_quarter", s),
                ("municipality", s),
                ("dutch_cefr", s),
                ("integration_route", s),
                ("highest_nlqf", s),
                ("highest_nlqf_max", i8),
                ("highest_nlqf_basis", s),
                ("digital_skills", s),
                ("driving_licences", ls),
                ("certificates", ls),
                ("wish_sectors", ls),
                ("wish_occupations", ls),
                ("wish_uris", ls),
                ("wish_iscos", ls),
                ("hours_per_week", i16),
                ("max_travel_minutes", i16),
                ("willing_to_train", b),
                ("care_duties", b),
                ("health_limits_work", s),
                ("notes", s),
                ("review_flags", ls),
            ]
        ),
        "work": pa.schema(
            [
                *key,
                ("position", i16),
                ("title", s),
                ("tasks", s),
                ("country", s),
                ("years", f32),
                ("kind", s),
                ("uri", s),
                ("isco", s),
                ("label", s),
                ("score", f32),
                ("matched", s),
                ("needs_review", b),
                ("confirmation", s),
                ("alternative_uris", ls),
            ]
        ),
        "education": pa.schema(
            [
                *key,
                ("position", i16),
                ("country", s),
                ("qualification", s),
                ("field", s),
                ("years", f32),
                ("completed", b),
                ("documents", s),
                ("idw_status", s),
                ("idw_nlqf", i8),
                ("entry_id", s),
                ("dutch_equivalent", s),
                ("nlqf_min", i8),
                ("nlqf_max", i8),
                ("eqf_min", i8),
                ("eqf_max", i8),
                ("indication_score", f32),
                ("indication_source", s),
                ("alternative_entry_ids", ls),
                ("confirmation", s),
            ]
        ),
        "languages": pa.schema([*key, ("position", i16), ("language", s), ("cefr", s), ("mother_tongue", b)]),
        "skills": pa.schema(
            [
                *key,
                ("position", i16),
                ("skill_id", s),
                ("label", s),
                ("origin", s),
                ("source_ref", s),
                ("confirmation", s),
            ]
        ),
        "suggestions": pa.schema(
            [
                *key,
                ("rank", i16),
                ("uri", s),
                ("isco", s),
                ("label", s),
                ("sector", s),
                ("score", f32),
                ("route", s),
                ("at_level", b),
                ("tightness", s),
                ("tightness_period", s),
                ("tightness_source", s),
                ("tightness_at_least", s),
                ("tightness_kind", s),
                ("tightness_value", f32),
                ("tightness_flags", ls),
                ("tightness_forecast", s),
                ("tightness_forecast_period", s),
                ("tightness_forecast_direction", s),
                ("tightness_forecast_source", s),
                ("regulated", b),
                ("dutch_needed", s),
                ("recognition", s),
                ("reasons", ls),
                ("gaps", ls),
                ("missing_skills", ls),
                ("certificates_missing", ls),
                ("parts", pa.list_(part)),
            ]
        ),
        "next_steps": pa.schema(
            [*key, ("position", i16), ("action", s), ("text", s), ("reason", s), ("agreed", b)]
        ),
        "errors": pa.schema([*key, ("field", s), ("reason", s)]),
    }


_SCHEMAS: dict[str, pa.Schema] = {}


def schema(name: str) -> pa.Schema:
    """The Arrow schema of table ``name`` (built once per process)."""
    if not _SCHEMAS:
        _SCHEMAS.update(_schemas())
    return _SCHEMAS[name]


def pack_batch(batch: pa.RecordBatch) -> bytes:
    """One record batch as a part file's frame: its IPC message (no schema) compressed whole with
    LZ4, after a header of the two sizes. Arrow's own IPC compression compresses every buffer of
    every column on its own, each an LZ4 frame with its own set-up: 2.5-3 ms for a 20-row chunk's
    seven tables (some 400 buffers) against 0.35 ms for seven whole messages, about a tenth of a
    worker's CPU a row, and the frames are smaller (94 against 117 KB for 20 generated people)."""
    import pyarrow as pa  # lazy: optional extra [parquet]

    raw = batch.serialize()
    data: bytes = pa.compress(raw, codec="lz4", asbytes=True)
    return _FRAME.pack(len(data), raw.size) + data


def _unpacked(header: bytes, data: bytes, name: str) -> pa.RecordBatch:
    import pyarrow as pa  # lazy: optional extra [parquet]

    size, raw_size = _FRAME.unpack(header)
    if len(data) != size:
        raise ValueError(f"{name}: a part file's frame is cut short")
    message = pa.decompress(data, decompressed_size=raw_size, codec="lz4")
    return pa.ipc.read_record_batch(message, schema(name))


def batches_of(path: Path, name: str) -> Iterator[pa.RecordBatch]:
    """The record batches of a ``.arrows`` part file, one frame at a time."""
    with path.open("rb") as fh:
        yield from frames(fh, name)


def frames(fh: BinaryIO, name: str) -> Iterator[pa.RecordBatch]:
    """The record batches of table ``name`` in an open file of ``pack_batch`` frames, from where it is."""
    while header := fh.read(_FRAME.size):
        if len(header) != _FRAME.size:
            raise ValueError(f"{name}: a part file's frame is cut short")
        yield _unpacked(header, fh.read(_FRAME.unpack(header)[0]), name)


def write_parquet(target: Path, name: str, batches: Iterator[pa.RecordBatch] | list[pa.RecordBatch]) -> int:
    """Write ``batches`` to ``target``, owner-only; returns the rows written.

    A row group is written once ``ROW_GROUP_ROWS`` rows or ``ROW_GROUP_BYTES`` of Arrow data are
    pending, whichever comes first: memory stays bounded however long the table."""
    import pyarrow as pa  # lazy: optional extra [parquet]
    import pyarrow.parquet as pq  # lazy: optional extra [parquet]

    for folder in (target.parent.parent, target.parent):  # owner-only like every other output
        folder.mkdir(exist_ok=True, mode=0o700)
    tmp = target.with_name(f".{target.name}.tmp")
    rows = 0
    # a file of its own, owner-only: one left there (a link, a file others may read) is not reused
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            with pq.ParquetWriter(fh, schema(name), compression=COMPRESSION) as writer:
                pending: list[pa.RecordBatch] = []
                size = nbytes = 0
                for batch in batches:
                    pending.append(batch)
                    size += batch.num_rows
                    nbytes += batch.nbytes
                    if size >= ROW_GROUP_ROWS or nbytes >= ROW_GROUP_BYTES:
                        writer.write_table(pa.Table.from_batches(pending, schema(name)))
                        rows += size
                        pending, size, nbytes = [], 0, 0
                if pending or rows == 0:
                    writer.write_table(pa.Table.from_batches(pending, schema(name)))
                    rows += size
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return rows


def part_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


def read_messages(messages: list[bytes], name: str) -> list[pa.RecordBatch]:
    """Record batches back from ``TableRows.ipc_messages`` output (each a ``pack_batch`` frame)."""
    head = _FRAME.size
    return [_unpacked(m[:head], m[head:], name) for m in messages]


def arrows_to_parquet(arrows: Path, target: Path, name: str) -> int:
    """A ``.arrows`` part file (``pack_batch`` frames) -> one Parquet file."""
    return write_parquet(target, name, batches_of(arrows, name))


def error_batches(errors_csv: str) -> list[pa.RecordBatch]:
    """The text of ``errors.csv`` (or a part of it, with or without header) as the ``errors`` table.

    The CSV's formula guard (a leading ``'``) is taken off again: Parquet cells are not formulas.
    """
    import pyarrow as pa  # lazy: optional extra [parquet]

    cols: dict[str, list[object]] = {"row": [], "client_ref": [], "field": [], "reason": []}
    for cells in csv.reader(io.StringIO(errors_csv, newline=""), delimiter=";"):
        if not cells or not cells[0].isdigit():
            continue  # the header
        cols["row"].append(int(cells[0]))
        cols["client_ref"].append(unneutralise(cells[1]) or None)
        cols["field"].append(unneutralise(cells[2]) or None)
        cols["reason"].append(unneutralise(cells[3]))
    return [pa.RecordBatch.from_pydict(cols, schema=schema("errors"))]
