"""Write safe spreadsheet files: CSV as Excel opens it, and one-sheet .xlsx workbooks.

Every cell a spreadsheet would run as a formula (leading ``= + - @``, tab, CR) is neutralised
with a leading ``'``; writes are atomic and owner-only (``fsio.atomic_writer``). ``tabular``
reads, and names these for its callers.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Iterable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import IO, Any

import openpyxl
from openpyxl.worksheet._writer import WorksheetWriter

from skilltool import fsio, xlsx
from skilltool.errors import OutputError
from skilltool.messages import say

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)(?:[eE][+-]?\d+)?", re.ASCII)
"""A signed number and nothing else: a spreadsheet reads it as that number, never a formula. ASCII
digits only: the digit class took any script's (``-٣``, ``+１２``, ``-𝟓``), which a spreadsheet reads as no
number, so the cell ran as a formula and showed ``#NAME?`` instead of its text."""


def neutralise(value: str) -> str:
    """Prefix ``'`` to a cell that a spreadsheet would otherwise run as a formula. A plain signed
    number (``-5``, ``-0,5``, ``+1e3``) is left as it is: it runs nothing, and the ``'`` is no
    quote prefix in a CSV or an .xlsx's text, so ``'-5`` was what the reader saw and summed as text
    (a negative amount or a Parquet decimal copied through a coding job)."""
    if value.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def unneutralise(value: str) -> str:
    """Undo ``neutralise``: a cell read back from a CSV this tool wrote, as it was."""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_START) else value


class CsvSink:
    """CSV rows to an open text file, every cell neutralised; ``;`` so Dutch Excel opens it."""

    def __init__(self, fh: IO[str], *, delimiter: str = ";") -> None:
        self._writer = csv.writer(fh, delimiter=delimiter, lineterminator="\r\n")

    def row(self, cells: Iterable[object]) -> None:
        self._writer.writerow([neutralise("" if c is None else str(c)) for c in cells])


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Atomically write a UTF-8 (with BOM, for Excel) CSV, owner-only, cells neutralised."""
    with fsio.atomic_writer(path, newline="") as fh:
        fh.write("\ufeff")
        sink = CsvSink(fh)
        sink.row(header)
        for row in rows:
            sink.row(row)


XLSX_MAX_CELL = 32_767  # Excel's limit for the text of a cell; a longer one makes Excel "repair" the file
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters XML 1.0 cannot hold


def _xlsx_cell(value: object) -> object:
    """A cell: what Excel holds as it is (``xlsx.excel_native``) as it is; anything else (text, a list
    or bytes or a zoned time from a Parquet input: openpyxl raised on them) as ``xlsx_text``."""
    return value if xlsx.excel_native(value) else xlsx_text(xlsx.cell_text(value))


def xlsx_text(value: str) -> str:
    """A text cell as an .xlsx can hold it: neutralised, control characters other than tab and
    line breaks dropped (openpyxl raised IllegalCharacterError on them), cut to Excel's limit."""
    value = _XML_ILLEGAL.sub("", value)
    if len(value) > XLSX_MAX_CELL:
        value = value[: XLSX_MAX_CELL - 1] + "…"
    return neutralise(value)


XLSX_MAX_ROWS, XLSX_MAX_COLUMNS = 1_048_576, 16_384  # an Excel sheet's grid; openpyxl raised past it


def write_xlsx(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]], *, title: str) -> None:
    """Atomically write a one-sheet .xlsx (streaming), owner-only, text cells as ``xlsx_text``;
    more rows or cells than a sheet holds is one line, nothing written (``.csv`` holds them)."""
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet(title=title)
    ws._writer = _SheetBeside(ws, out=str(fsio.part_file(path)))
    try:
        ws._writer.write_top()
        for n, row in enumerate(itertools.chain([header], rows), 1):
            if n > XLSX_MAX_ROWS:
                raise OutputError(say("errors.xlsx.out_rows", path=path, rows=XLSX_MAX_ROWS))
            if len(row) > XLSX_MAX_COLUMNS:
                cells, most = len(row), XLSX_MAX_COLUMNS
                raise OutputError(say("errors.xlsx.out_columns", path=path, row=n, cells=cells, columns=most))
            ws.append([_xlsx_cell(c) for c in row])
    except BaseException as exc:
        _discard(ws)
        if isinstance(exc, OSError):  # the rows' file beside it: a full disk is said of ``path``
            raise OutputError(fsio.os_error_message(path, exc)) from None
        raise
    sink: _Droppable | None = None
    try:
        with fsio.atomic_writer(path, binary=True) as fh:
            sink = _Droppable(fh)
            wb.save(sink)
    except BaseException:
        if sink is not None:
            sink.drop()
        _discard(ws)
        raise


class _SheetBeside(WorksheetWriter):  # type: ignore[misc]  # openpyxl has no type hints
    """openpyxl's row writer of a write-only sheet, writing the rows to ``out`` (``fsio.part_file``,
    beside the workbook) instead of a file of its own in ``$TMPDIR`` (``openpyxl.XXXX.xml``): that
    file held every row (a coding job's copied columns, a batch summary's client ids) outside the
    output's folder, stayed for good after ``kill -9`` where no later write looked for it, and a
    full ``/tmp`` was said as "(a file): cannot read or write"."""

    def cleanup(self) -> None:
        Path(self.out).unlink(missing_ok=True)


class _Droppable:
    """The file openpyxl's zip writes to, for a save that may fail (a full disk). The zip outlives
    the failure (the traceback holds it) and, collected later, wrote its end to the file the atomic
    writer had closed: two "Exception ignored ... I/O operation on closed file" tracebacks after the
    one error line. Dropped, what it still writes goes nowhere."""

    def __init__(self, fh: IO[bytes]) -> None:
        self._fh: IO[bytes] | None = fh
        self._at = 0  # once dropped: the position the zip thinks it writes at (its end record adds up)

    def drop(self) -> None:
        with suppress(OSError, ValueError):
            self._at = self._fh.tell() if self._fh is not None else self._at
        self._fh = None

    def write(self, data: bytes) -> int:
        if self._fh is not None:
            return self._fh.write(data)
        self._at += len(data)
        return len(data)

    def tell(self) -> int:
        return self._at if self._fh is None else self._fh.tell()

    def seek(self, offset: int, whence: int = 0) -> int:
        if self._fh is not None:
            return self._fh.seek(offset, whence)
        self._at = offset if whence == 0 else self._at + offset
        return self._at

    def flush(self) -> None:
        if self._fh is not None:
            self._fh.flush()


def _discard(ws: Any) -> None:
    """A write-only sheet given up half-way: its row writer closed (left open, Python reported
    "Exception ignored in: <generator ...>" on stderr when it was collected) and its temporary
    file, which holds the rows so far, removed now rather than when the process ends."""
    with suppress(Exception):
        ws.close()
    writer = getattr(ws, "_writer", None)
    if writer is not None:
        with suppress(Exception):
            writer.cleanup()
