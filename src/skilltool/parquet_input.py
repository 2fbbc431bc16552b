"""The decompression-bomb checks of a Parquet input (``occupation``/``skill code --input X.parquet``).

A Parquet file packs its values twice: pages are compressed (zstd, gzip, ...), and a column's
values may be a dictionary plus indices, so one long text repeated a million times is stored
once. Both can make a file of a few hundred bytes unpack to gigabytes: an 803-byte file (one
1 MB text, 500 rows) became a 500 MB output and 770 MB of memory; with 100,000 rows it would
have filled the disk. The limits mirror the workbook's (``xlsx_checks.XLSX_MAX_RATIO``):

* ``check_packing``, before any value is read: a column chunk over 1 MiB that its metadata says
  unpacks more than ``PARQUET_MAX_RATIO`` times its packed size is refused. The sizes a page
  declares also bound its decompression (a page holding more fails), as a zip part's do.
* ``DecodedBudget``, per batch before its values become Python objects: the bytes the values
  stand for (a dictionary's texts counted once per row that uses them) may exceed
  ``PARQUET_FLOOR`` only up to ``PARQUET_MAX_RATIO`` times the file's size.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from skilltool.errors import InputFileError
from skilltool.messages import say

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.parquet as pq

PARQUET_MAX_RATIO = 200  # unpacked : packed, as an .xlsx part's
PARQUET_FLOOR = 64 << 20  # decoded bytes any file may reach: a small file with much repetition is fine


def check_packing(pf: pq.ParquetFile, path: Path) -> None:
    """Refuse a column chunk that unpacks more than ``PARQUET_MAX_RATIO`` times, from the metadata."""
    meta = pf.metadata
    for g in range(meta.num_row_groups):
        group = meta.row_group(g)
        for c in range(group.num_columns):
            chunk = group.column(c)
            packed, unpacked = max(chunk.total_compressed_size, 1), chunk.total_uncompressed_size
            if unpacked > (1 << 20) and unpacked > PARQUET_MAX_RATIO * packed:
                where = f"{chunk.path_in_schema!r} (row group {g + 1})"
                params = {"ratio": unpacked // packed, "limit": PARQUET_MAX_RATIO}
                raise InputFileError(say("errors.bulk.parquet_packed", path=path, where=where, **params))


def _decoded(column: pa.Array) -> int:
    """The bytes ``column``'s values stand for: a dictionary's text once per row that uses it."""
    import pyarrow as pa  # lazy: pyarrow is the optional [parquet] extra
    import pyarrow.compute as pc  # lazy: as above

    if isinstance(column, pa.DictionaryArray):
        values = column.dictionary
        texts = [pa.types.is_string, pa.types.is_large_string, pa.types.is_binary, pa.types.is_large_binary]
        texts += [pa.types.is_string_view, pa.types.is_binary_view]
        if any(is_text(values.type) for is_text in texts):
            used = pc.sum(pc.take(pc.binary_length(values), column.indices)).as_py() or 0
            return int(used) + int(column.indices.nbytes)
    return int(column.nbytes)


@dataclass
class DecodedBudget:
    """The decoded bytes of the batches read so far, against the file's size."""

    path: Path
    size: int
    decoded: int = 0

    def take(self, batch: pa.RecordBatch) -> None:
        """Count ``batch``; refuse the file when it has unpacked too far (before its values are read)."""
        self.decoded += sum(_decoded(batch.column(i)) for i in range(batch.num_columns))
        if self.decoded > PARQUET_FLOOR and self.decoded > PARQUET_MAX_RATIO * max(self.size, 1):
            params = {"mib": self.decoded >> 20, "size": self.size, "limit": PARQUET_MAX_RATIO}
            raise InputFileError(say("errors.bulk.parquet_decoded", path=self.path, **params))


def python_values(batch: pa.RecordBatch, path: Path) -> list[list[object]]:
    """``batch``'s columns as Python values. A value Python has no type for (a ``date32`` past year
    9999, a nanosecond time that is not whole microseconds) is one line naming its column: it
    raised ``OverflowError`` (a traceback) or was said to be "not a readable Parquet file"."""
    columns = []
    for i in range(batch.num_columns):
        try:
            columns.append(batch.column(i).to_pylist())
        except (ValueError, OverflowError):
            field = batch.schema.field(i)
            params = {"column": repr(field.name), "type": field.type}
            raise InputFileError(say("errors.bulk.parquet_value", path=path, **params)) from None
    return columns
