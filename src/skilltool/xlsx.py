"""Reading .xlsx workbooks with python-calamine, after the decompression-bomb checks.

Reading: the checks of ``xlsx_checks`` come first (``check_xlsx_size`` refuses a decompression
bomb from the zip directory, before any part is unpacked; ``check_xlsx_parts`` then inflates every
part once, bounded by its declared size); then calamine (Rust) reads the sheet,
its merged ranges included: about 30 times faster than openpyxl's read-only mode plus our own
XML scan for the merged ranges (measured in the commit that made this change). Merged cells
repeat their value over the merged range; dates become ISO dates. Rows are numbered as a person
sees them in Excel.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from skilltool import messages
from skilltool.errors import InputFileError
from skilltool.messages import Say, say
from skilltool.rust_stderr import is_panic, quiet_panics
from skilltool.xlsx_checks import XLSX_MAX_CELLS, calamine_why, unreadable


def cell_text(value: object) -> str:
    """A spreadsheet cell as text: dates as ISO dates, whole numbers without '.0'; a list, struct
    or map (a Parquet input's column copied into a CSV or .xlsx) as JSON (``_structured``)."""
    if value is None:
        return ""
    if isinstance(value, list | tuple | dict):
        return json.dumps(_structured(value), ensure_ascii=False, allow_nan=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return duration_text(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bytes | bytearray | memoryview):
        return blob_text(bytes(value))
    return str(value)


def duration_text(value: dt.timedelta) -> str:
    """A duration as Excel shows a ``[h]:mm:ss`` cell: ``30:00:00``, ``-0:15:00``. A workbook's
    time over 24 hours (calamine) or a Parquet ``duration`` was Python's ``1 day, 6:00:00``, which
    no spreadsheet reads, and a coding job coded it as a job title (a worker in child care, for the
    "day")."""
    micros = value // dt.timedelta(microseconds=1)
    seconds, micro = divmod(abs(micros), 1_000_000)
    minutes, second = divmod(seconds, 60)
    hours, minute = divmod(minutes, 60)
    text = f"{'-' if micros < 0 else ''}{hours}:{minute:02}:{second:02}"
    return f"{text}.{micro:06}" if micro else text


# printable ASCII but the backslash and both quotes, as DuckDB writes a BLOB as text
_BLOB_PLAIN = frozenset(range(0x20, 0x7F)) - {ord("\\"), ord("'"), ord('"')}


def blob_text(value: bytes) -> str:
    """A Parquet ``binary`` value as text the way DuckDB casts a BLOB to VARCHAR: printable ASCII
    as it is, every other byte as ``\\xAB`` (``CAST(text AS BLOB)`` gives the bytes back). It was
    Python's ``b'\\x00\\x01'``, which no reader parses, quotes and ``b`` included. Not decoded as
    UTF-8: a column of bytes may hold anything, and a value must not change form with its content."""
    return "".join(chr(b) if b in _BLOB_PLAIN else f"\\x{b:02X}" for b in value)


def _structured(value: object) -> object:
    """A Parquet list, struct or map value (``to_pylist``: a list, a dict, a list of key-value
    tuples) as JSON holds it, for a reader's ``json.loads``: they were copied as Python writes them
    (``['a', 'b']``, ``{'a': 1}``, ``[('k', 'v')]``), which no JSON reader, spreadsheet or DuckDB
    parses. A map is an object when its keys are distinct texts; a value JSON has no type for (a
    date, a decimal, bytes) is its cell text; NaN and infinity, which JSON lacks, are null."""
    if isinstance(value, dict):
        return {str(k): _structured(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        pairs = isinstance(value, list) and value and all(isinstance(p, tuple) and len(p) == 2 for p in value)
        keys = [p[0] for p in value] if pairs else []
        if pairs and all(isinstance(k, str) for k in keys) and len(set(keys)) == len(keys):
            return {k: _structured(v) for k, v in value}
        return [_structured(v) for v in value]
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return cell_text(value)


class ValueCell(str):
    """A cell Excel holds as a date, a time (a duration too) or TRUE/FALSE, as its text
    (``cell_text``): a batch refuses it as a client id (Excel makes a case number ``3-12`` the
    date ``2024-12-03``) and as a number."""

    __slots__ = ()


def _sheet_text(value: object) -> str:
    held = isinstance(value, bool | dt.date | dt.time | dt.timedelta)
    return ValueCell(cell_text(value)) if held else cell_text(value)


EXCEL_DIGITS = 10**15  # Excel holds a number to 15 significant digits


def excel_native(value: object) -> bool:
    """True when a cell keeps ``value`` as it is in Excel: None, a finite number, a date or time
    from 1900 on without a time zone. Else it goes in as its text (``cell_text``): openpyxl raised
    TypeError on a zoned time, wrote NaN and infinity as an empty number and a year-1 date as a
    negative serial Excel shows as ``####``. A whole number of more than 15 digits (a Parquet
    ``int64`` id) goes in as text too: Excel keeps 15 significant digits and showed
    ``9223372036854775807`` as ``9.22337E+18``, its last digits lost for good once saved."""
    if value is None or isinstance(value, bool):
        return True
    if isinstance(value, int):
        return abs(value) < EXCEL_DIGITS
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dt.datetime | dt.time) and value.tzinfo is not None:
        return False
    return isinstance(value, dt.time) or (isinstance(value, dt.date) and value.year >= 1900)


def _padded(
    values: Iterator[Sequence[object]], merges: dict[int, list[tuple[int, int, int]]]
) -> Iterator[Sequence[object] | None]:
    """The sheet's rows, then empty rows (None) down to the last row a merged range covers:
    calamine ends at the last cell with a value, a merged range may reach further."""
    last = max((r1 for anchored in merges.values() for _, r1, _ in anchored), default=-1)
    index = -1
    for index, row in enumerate(values):  # noqa: B007 - index is read after the loop
        yield row
    for _ in range(index + 1, last + 1):
        yield None


@contextmanager
def _calamine(
    error: Callable[[BaseException], Say], *, errors: tuple[type[BaseException], ...] = (CalamineError,)
) -> Iterator[None]:
    """A call into calamine with stderr held (``quiet_panics``): one of its ``errors``, or a panic
    of its Rust code (pyo3's ``PanicException``, a ``BaseException``), is ``InputFileError(error(exc))``."""
    with quiet_panics():
        try:
            yield
        except BaseException as exc:
            if not (isinstance(exc, errors) or is_panic(exc)):
                raise
            raise InputFileError(error(exc)) from None


def _sheet_unreadable(path: Path, name: str, exc: BaseException) -> Say:
    return say("errors.xlsx.sheet_unreadable", path=path, sheet=repr(name), why=calamine_why(exc))


_ROWS_AT_ONCE = 1000  # rows read from calamine with stderr held (``quiet_panics``)


def _unpanicked(values: Iterator[Sequence[object]], path: Path, name: str) -> Iterator[Sequence[object]]:
    """Calamine's rows; a panic of its Rust code (a date cell of -1e12 days: chrono's "TimeDelta
    out of bounds") is pyo3's ``PanicException``, a ``BaseException`` that ended the run in a
    traceback: now the sheet is unreadable, in one line, the panic's report kept off stderr
    (rows are read a thousand at a time with it held, ``quiet_panics``)."""
    while True:
        with _calamine(lambda exc: _sheet_unreadable(path, name, exc), errors=()):
            chunk = list(itertools.islice(values, _ROWS_AT_ONCE))
        yield from chunk
        if len(chunk) < _ROWS_AT_ONCE:
            return


def default_sheet(wb: CalamineWorkbook, path: Path) -> str:
    """The sheet a person sees on opening the workbook: the first visible worksheet, not a hidden
    sheet of lookup lists or a chart sheet placed before it (else the first sheet)."""
    for meta in wb.sheets_metadata:
        if meta.typ == SheetTypeEnum.WorkSheet and meta.visible == SheetVisibleEnum.Visible:
            return str(meta.name)
    if not wb.sheet_names:
        raise InputFileError(say("errors.xlsx.no_sheets", path=path))
    return str(wb.sheet_names[0])


def _sheet_named(names: list[str], sheet: str, path: Path) -> str:
    """The sheet ``--sheet`` names, as Excel finds one: case and surrounding spaces aside (Excel
    allows no two sheet names that differ only so); ``--sheet blad1`` for ``Blad1`` was "no sheet"."""
    if sheet in names:
        return sheet
    found = [n for n in names if n.strip().casefold() == sheet.strip().casefold()]
    if len(found) == 1:
        return found[0]
    shown = repr(messages.clip(sheet, 60))  # a pasted text as --sheet made an error line of any length
    raise InputFileError(say("errors.xlsx.no_sheet", path=path, sheet=shown, sheets=", ".join(names)))


def _check_worksheet(wb: CalamineWorkbook, path: Path, name: str) -> None:
    """A chart sheet (or a dialog or macro sheet) holds no rows: named as such, with the sheets
    that do, not read as "the sheet is empty" (``--sheet chart``, or no visible worksheet)."""
    kinds = {str(meta.name): meta.typ for meta in wb.sheets_metadata}
    if kinds.get(name, SheetTypeEnum.WorkSheet) != SheetTypeEnum.WorkSheet:
        tables = ", ".join(n for n, typ in kinds.items() if typ == SheetTypeEnum.WorkSheet) or "-"
        raise InputFileError(say("errors.xlsx.not_worksheet", path=path, sheet=repr(name), sheets=tables))


def _check_merged(path: Path, sheet: str, merged: list[tuple[tuple[int, int], tuple[int, int]]]) -> None:
    """Merged cells are filled in cell by cell (``rows``) and a range may reach past the last value:
    one ``A2:XFD1048576`` made 17 billion cells to fill, hours of work. Their cells together are
    held to the grid's limit."""
    cells = sum((r1 - r0 + 1) * (c1 - c0 + 1) for (r0, c0), (r1, c1) in merged)
    if cells > XLSX_MAX_CELLS:
        raise InputFileError(
            say("errors.xlsx.merged", path=path, sheet=repr(sheet), cells=cells, limit=XLSX_MAX_CELLS)
        )


def rows(path: Path, sheet: str | None) -> Iterator[tuple[int, list[str], str]]:
    """(row number, cells from column A, sheet name) for every row, merged cells filled in."""
    with _calamine(lambda exc: unreadable(path, exc)):
        wb = CalamineWorkbook.from_path(str(path))
    try:
        name = default_sheet(wb, path) if sheet is None else _sheet_named(wb.sheet_names, sheet, path)
        _check_worksheet(wb, path, name)
        with _calamine(lambda exc: _sheet_unreadable(path, name, exc)):
            ws = wb.get_sheet_by_name(name)
            merged = ws.merged_cell_ranges or []
        first_col = (
            ws.start[1] if ws.start is not None else 0
        )  # calamine's rows start at the first used column
        # merged ranges, 0-based (first row, first col), (last row, last col) -> the anchor's value
        by_anchor_row: dict[int, list[tuple[int, int, int]]] = {}
        _check_merged(path, name, merged)  # before indexing a list that may be refused
        for (r0, c0), (r1, c1) in merged:
            by_anchor_row.setdefault(r0, []).append((c0, r1, c1))
        active: list[tuple[int, int, int, str]] = []
        width = 0
        for index, values in enumerate(_padded(_unpanicked(ws.iter_rows(), path, name), by_anchor_row)):
            if not values:
                cells = [""] * width
            elif values.count("") == len(values):  # an empty row (a sheet formatted to its end has 1M)
                cells = [""] * (first_col + len(values))
            else:
                cells = [""] * first_col + [v if v.__class__ is str else _sheet_text(v) for v in values]
            width = max(width, len(cells))
            for c0, r1, c1 in by_anchor_row.pop(index, []):
                active.append((c0, r1, c1, cells[c0] if c0 < len(cells) else ""))
            if active:
                for c0, _, c1, anchor in active:
                    if len(cells) <= c1:
                        cells.extend([""] * (c1 + 1 - len(cells)))
                    for c in range(c0, c1 + 1):
                        if not cells[c]:
                            cells[c] = anchor
                active = [m for m in active if m[1] > index]
            yield index + 1, cells, name
    finally:
        wb.close()
