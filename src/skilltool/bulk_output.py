"""Writing a coding job's output (``occupation code --input ... --out FILE``): every input row
with the candidate columns added, as CSV, XLSX or Parquet by the suffix of ``--out``; atomically
and owner-only (``fsio``, ``table_out``), streaming block by block.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from skilltool import fsio, messages, table_out, xlsx
from skilltool.errors import InputFileError
from skilltool.messages import say

if TYPE_CHECKING:
    import pyarrow as pa

Row = list[object]  # one row: the input's cells (text, or Parquet's typed values) and the added columns
Block = list[Row]


PARQUET_MAX_COLUMNS = 16_384
"""The most columns a Parquet output takes: Excel's (``table_out.XLSX_MAX_COLUMNS``), wider than any
export. Its metadata grows with every column of every row group: a 10 MB CSV of 1,000,000 empty
columns took 150 s and 5.4 GB of memory for a 230 MB file of two rows (measured)."""


def check_names(path: Path, header: list[str], added: list[str], *, parquet: bool) -> None:
    """The output's columns have distinct names: a file coded before (an output coded again) made
    a second ``occupation_1_uri`` and so on, which no reader tells apart, and a Parquet output with
    a name twice (also from a header with one) could not be read back (pyarrow, pandas and DuckDB
    refuse it); a Parquet output has at most ``PARQUET_MAX_COLUMNS``. Checked once, before the
    first row."""
    taken = {name.strip().casefold(): name for name in header}
    if clash := next((taken[name] for name in added if name in taken), None):
        raise InputFileError(
            say("errors.bulk.column_taken", path=path, column=repr(messages.clip(clash, 60)))
        )
    if parquet and len(header) + len(added) > PARQUET_MAX_COLUMNS:
        columns, most = len(header) + len(added), PARQUET_MAX_COLUMNS
        raise InputFileError(say("errors.bulk.parquet_too_wide", path=path, columns=columns, most=most))
    if parquet:
        seen: set[str] = set()
        for name in _parquet_names(header):
            if name in seen:
                raise InputFileError(
                    say("errors.bulk.parquet_name_twice", path=path, column=repr(messages.clip(name, 60)))
                )
            seen.add(name)


def _parquet_names(header: list[str]) -> list[str]:
    """The input's column names in a Parquet output: a blank header cell as ``column_N``."""
    return [h or f"column_{i + 1}" for i, h in enumerate(header)]


def arrow_schema(header: list[str], added: list[str], source: pa.Schema | None) -> pa.Schema:
    """The input's columns (all text unless the input is Parquet) and the typed candidate columns."""
    import pyarrow as pa  # lazy: pyarrow is the optional [parquet] extra

    base = (
        list(source)
        if source is not None
        else [pa.field(name, pa.string()) for name in _parquet_names(header)]
    )
    extra = []
    for name in added:
        if name.endswith("_score"):
            extra.append(pa.field(name, pa.float64()))
        elif name.endswith("_needs_review"):
            extra.append(pa.field(name, pa.bool_()))
        else:
            extra.append(pa.field(name, pa.string()))
    return pa.schema([*base, *extra])


def _write_parquet(out: Path, schema: pa.Schema, blocks: Iterator[Block]) -> None:
    import pyarrow as pa  # lazy: pyarrow is the optional [parquet] extra
    import pyarrow.parquet as pq  # lazy: pyarrow is the optional [parquet] extra

    with fsio.atomic_writer(out, binary=True) as fh, pq.ParquetWriter(fh, schema, compression="zstd") as pw:
        for rows in blocks:
            cols = list(zip(*rows, strict=True))
            arrays = [pa.array(list(c), type=f.type) for c, f in zip(cols, schema, strict=True)]
            pw.write_table(pa.Table.from_arrays(arrays, schema=schema))


def _text(value: object, *, copied: bool) -> str:
    """A cell for CSV: booleans as yes/no; a score (an added column) with one decimal, after a
    comma as the ``;`` of this CSV's dialect has it (Dutch Excel read ``67.4`` as text or a date,
    so a column of scores could not be sorted or summed); a number copied from the input as it is
    (``xlsx.cell_text``): an input's float went through the scores' rounding, so a Parquet
    ``hours`` of 37.75 was written as 37.8 and 0.125 as 0.1."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and not copied:
        return f"{value:.1f}".replace(".", ",")
    return xlsx.cell_text(value)


def write(
    out: Path, header: list[str], schema: pa.Schema | None, blocks: Iterator[Block], *, copied: int
) -> None:
    """Atomically, owner-only, streaming: ``tabular``'s writers for CSV and XLSX, pyarrow's for
    Parquet. ``copied``: how many of the first columns are the input's (the rest are added)."""
    suffix = out.suffix.lower()
    if suffix == ".parquet":
        _write_parquet(out, schema, blocks)
    elif suffix == ".xlsx":
        table_out.write_xlsx(out, header, (row for rows in blocks for row in rows), title="coded")
    else:
        rows = (
            ["" if v is None else _text(v, copied=i < copied) for i, v in enumerate(row)]
            for rows in blocks
            for row in rows
        )
        table_out.write_csv(out, header, rows)
