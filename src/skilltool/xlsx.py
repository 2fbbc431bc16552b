"""Reading .xlsx workbooks with python-calamine, with the decompression-bomb checks.

Reading: ``check_xlsx_size`` refuses a decompression bomb from the zip directory, before any part
is unpacked; ``check_xlsx_parts`` then inflates every part once, bounded by its declared size, so
a part that holds more than it declares is refused too; then calamine (Rust) reads the sheet,
its merged ranges included: about 30 times faster than openpyxl's read-only mode plus our own
XML scan for the merged ranges (measured in the commit that made this change). Merged cells
repeat their value over the merged range; dates become ISO dates. Rows are numbered as a person
sees them in Excel.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from skilltool import messages
from skilltool.csv_lines import JSON, MARKUP
from skilltool.errors import InputFileError
from skilltool.messages import Say, say
from skilltool.rust_stderr import is_panic, quiet_panics


def cell_text(value: object) -> str:
    """A spreadsheet cell as text: dates as ISO dates, whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class ValueCell(str):
    """A cell Excel holds as a date, a time or TRUE/FALSE, as its text (``cell_text``): a batch
    refuses it as a client id (Excel makes a case number ``3-12`` the date ``2024-12-03``)."""

    __slots__ = ()


def _sheet_text(value: object) -> str:
    return ValueCell(cell_text(value)) if isinstance(value, bool | dt.date | dt.time) else cell_text(value)


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


# An .xlsx is a zip of XML parts. The biggest real export we plan for (100,000 rows x 60 columns
# of short answers) unpacks to well under 1 GiB of XML; a part that packs more than 200:1 is not
# spreadsheet text but a decompression bomb. Measured with zipfile's deflate: 20,000 rows x 46
# shared-string cells pack 7:1, a million styled blank rows (formatting to the sheet's end) 21:1.
XLSX_MAX_UNPACKED = 1 << 30  # bytes, all parts together, as the zip directory declares them
XLSX_MAX_RATIO = 200  # unpacked : packed, per part above 1 MiB
XLSX_MAX_PARTS = 10_000
XLSX_MAX_SHARED_STRINGS = 256 << 20  # openpyxl holds the shared-strings table in memory


def check_xlsx_size(path: Path) -> None:
    """Refuse a workbook whose zip directory declares a decompression bomb, before unpacking it.

    Reads only the central directory (names and declared sizes). The declared sizes are also
    what ``zipfile`` enforces while reading: a part that unpacks to more than it declared
    fails with an error instead of growing, so the limits hold for the real content too.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError) as exc:
        raise InputFileError(_unreadable(path, exc)) from None
    if len(infos) > XLSX_MAX_PARTS:
        raise InputFileError(say("errors.xlsx.parts", path=path, count=len(infos), limit=XLSX_MAX_PARTS))
    names = [i.filename for i in infos]
    if len(set(names)) < len(names):  # which copy a reader takes is its own choice: refuse
        twice = next(n for n in names if names.count(n) > 1)
        raise InputFileError(say("errors.xlsx.part_twice", path=path, part=repr(twice)))
    total = sum(i.file_size for i in infos)
    if total > XLSX_MAX_UNPACKED:
        raise InputFileError(
            say("errors.xlsx.too_big", path=path, mib=total / (1 << 20), limit=XLSX_MAX_UNPACKED >> 20)
        )
    for info in infos:
        if info.filename.endswith("sharedStrings.xml") and info.file_size > XLSX_MAX_SHARED_STRINGS:
            raise InputFileError(
                say(
                    "errors.xlsx.shared_strings",
                    path=path,
                    mib=info.file_size >> 20,
                    limit=XLSX_MAX_SHARED_STRINGS >> 20,
                )
            )
        if info.file_size > (1 << 20) and info.file_size > XLSX_MAX_RATIO * max(info.compress_size, 1):
            raise InputFileError(
                say(
                    "errors.xlsx.bomb_ratio",
                    path=path,
                    part=repr(info.filename),
                    ratio=info.file_size // max(info.compress_size, 1),
                    limit=XLSX_MAX_RATIO,
                )
            )


_OLE = (
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: what Excel writes for a workbook with a password
)


# Calamine's (and quick-xml's) messages quote a value from the workbook: "Unsupported cell error
# value '<the cell>'", "unrecognized entity `&<text>;`", or put it after the colon: "Unrecognized
# boolean cell value: <the cell>". All from the first quote to the last one (a value may hold a
# quote of its own) becomes "…"; an unquoted value goes.
_QUOTED = re.compile(r"['\"`].*['\"`]|['\"`].*", re.DOTALL)
_UNQUOTED_VALUE = re.compile(r"(Unrecognized [^:]*): .*", re.DOTALL)


def calamine_why(exc: BaseException) -> str:
    """Calamine's reason for an error, without the cell value it may quote: a workbook's cells are
    personal data, and an error message goes to stderr and into logs."""
    why = _UNQUOTED_VALUE.sub(r"\1", _QUOTED.sub("…", str(exc), count=1))
    return " ".join(why.split()).rstrip(".:") or type(exc).__name__


def _unreadable(path: Path, exc: BaseException) -> Say:
    """Why a workbook is no zip, said as what it is when its first bytes tell: a password-protected
    workbook (or an old .xls) or a text file named .xlsx ("save it again in Excel" helps neither)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        head = b""
    if head.startswith(_OLE):
        return say("errors.xlsx.encrypted", path=path)
    if MARKUP.match(head):
        return say("errors.csv.is_markup", path=path)
    if JSON.match(head):
        return say("errors.csv.is_json", path=path)
    if (
        head
        and not head.startswith((b"PK", b"%PDF"))
        and b"\0" not in head
        and (b"\n" in head or b"\r" in head)
    ):
        return say("errors.xlsx.is_text", path=path)
    why = (
        exc if isinstance(exc, zipfile.BadZipFile | zipfile.LargeZipFile | ValueError) else calamine_why(exc)
    )
    return say("errors.xlsx.unreadable", path=path, why=why)


_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # a zip local file header, as zipfile reads it
_CHUNK = 1 << 20


@dataclass
class PartsReport:
    """What ``check_xlsx_parts`` saw in the worksheets that calamine reads without a word."""

    unsaved: int = 0
    """Formula cells without a saved value (``_NO_VALUE``): they read as empty."""
    errors: list[str] = field(default_factory=list)
    """References of error cells (``#N/A``, ``#REF!``: ``t="e"``): calamine reads them as empty."""


def check_xlsx_parts(path: Path) -> PartsReport:
    """Inflate every part once and refuse one that unpacks to more than its declared size, a sheet
    whose rows go back, one whose grid is too big to hold (``XLSX_MAX_CELLS``) and a shared-strings
    table that declares more strings than it can hold; report what reads as empty.

    ``check_xlsx_size`` trusts the declared sizes; a crafted part can declare a small size and
    hold far more. Python's ``zipfile`` stops at the declared size, but calamine reads the part
    itself, so the real size is checked here, with bounded memory (1 MiB at a time).
    """
    report = PartsReport()
    try:
        with zipfile.ZipFile(path) as zf, path.open("rb") as fh:
            for info in zf.infolist():
                _seek_data(fh, info)
                _check_part(fh, info, path, report)
    except (zipfile.BadZipFile, struct.error, zlib.error, ValueError) as exc:
        raise InputFileError(_unreadable(path, exc)) from None
    return report


# A formula cell without a cached value (``<f>A1+1</f></c>``, ``<f t="shared" si="0"/><v/></c>``):
# a workbook written by a program and never saved in Excel. Calamine reads only values, so the
# cell reads as empty; the count goes into a warning.
_NO_VALUE = re.compile(rb"(?:</f>|<f\b[^>]*/>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>")
_TAIL = 256  # bytes kept between two inflated pieces, so that a match cut in two is still found
_NS = rb"<(?:[A-Za-z_][\w.-]*:)?"  # a tag, with or without a namespace prefix (``<x:row``)
# A row's number (``r`` is optional; rows without it follow the one before). Calamine places a row
# by its number, so a number repeated or going back overwrites rows read before: 300,000 rows
# numbered 2-2001 over and over read as 2,000, the rest gone without a word. Excel never writes
# that; it calls such a file damaged.
_ROW = re.compile(rb"<row\b([^>]*)>")
_ROW_NS = re.compile(_NS + rb"row\b([^>]*)>")  # slower: tried at every tag; only for ``<x:row``
_ROW_NUMBER = re.compile(rb'\sr="(\d+)"')
# Calamine holds a sheet as one dense grid of 32 bytes a cell, from the first to the last cell with
# a value, so one value in XFD1048576 asks for 512 GiB and aborts the process (no Python exception).
# 2^26 cells: Excel's full height (1,048,576 rows) by 64 columns, 2 GiB; the biggest export we plan
# for (100,000 rows x 60 columns) is 6 million. Any sheet within 64 columns and Excel's height fits,
# so a first, cheap look only asks whether a cell lies further (``_FAR``) or has no reference
# (then it follows the one before); only then is the grid measured (``_grid``).
XLSX_MAX_CELLS = 1 << 26
_FAR = re.compile(rb'r="(?:[C-Z][A-Z]|B[M-Z]|[A-Z]{3}|[A-Z]{1,2}\d{7})')
_NOT_EXCEL_CELL = re.compile(rb"<c(?: (?=[a-qs-zA-Z_])|>)")  # no reference, or not first
_VALUED = re.compile(  # a cell with a value (what calamine keeps): column letters and row, or none
    _NS + rb'c\b(?:[^>]*?\sr="([A-Z]+)(\d+)")?[^>]*?(?<!/)>\s*' + _NS + rb"(?:v|is|f)\b"
)
_ANY_CELL = re.compile(_NS + rb"c[\s>/]")
# An error value (``#N/A``, ``#REF!``): calamine reads it as empty; its reference goes into a warning.
_ERROR_CELL = re.compile(_NS + rb'c\b[^>]*?\st="e"')
_ERROR_REF = re.compile(rb'\sr="([A-Z]{1,3}\d{1,7})"')
_SST = re.compile(_NS + rb"sst\b[^>]*?\suniqueCount=\"(\d+)\"")
# A shared-text cell's value is the text's number. Calamine reads any other (``-1``, ``1.5``, `` 3 ``,
# 20 digits) as 0, the table's first text, mostly a header cell: the job title became
# "klantnummer" without a word. Such a cell is a damaged or crafted workbook (Excel refuses it).
_SST_REF_NOT_NUMBER = re.compile(rb't="s"[^>]*>\s*' + _NS + rb"v>(?!\d{1,18}<|</)")  # empty reads as empty


def _pieces(fh: IO[bytes], info: zipfile.ZipInfo, path: Path) -> Iterator[bytes]:
    """The part's bytes, unpacked a MiB at a time; refused when it holds more than it declares."""
    left, produced = info.compress_size, 0
    if info.compress_type == zipfile.ZIP_STORED:  # stored: as long as its declared size
        while left > 0 and (data := fh.read(min(_CHUNK, left))):
            left -= len(data)
            yield data
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise InputFileError(say("errors.xlsx.compression", path=path, part=repr(info.filename)))
    inflate = zlib.decompressobj(-zlib.MAX_WBITS)
    while left > 0 and not inflate.eof:
        data = fh.read(min(_CHUNK, left))
        if not data:
            break
        left -= len(data)
        while data:
            out = inflate.decompress(data, _CHUNK)
            produced += len(out)
            if produced > info.file_size:
                raise InputFileError(
                    say("errors.xlsx.bomb", path=path, part=repr(info.filename), size=info.file_size)
                )
            if out:
                yield out
            data = inflate.unconsumed_tail


def _check_part(fh: IO[bytes], info: zipfile.ZipInfo, path: Path, report: PartsReport) -> None:
    part = repr(info.filename)
    if info.filename.endswith("sharedStrings.xml"):
        for n, out in enumerate(_pieces(fh, info, path)):
            if n == 0 and (m := _SST.search(out)) and int(m[1]) > info.file_size // 5:  # the tag is first
                raise InputFileError(say("errors.xlsx.sst_count", path=path, part=part, count=int(m[1])))
        return
    if not info.filename.startswith("xl/worksheets/"):
        for _ in _pieces(fh, info, path):
            pass  # inflated once, to check it holds no more than it declares
        return
    tail, last_row, far = b"", 0, False
    for out in _pieces(fh, info, path):
        text = tail + out
        if b"<f" in out or b"<f" in tail[-2:] + out[:2]:  # most sheets hold no formula
            ends = [m.end() for m in _NO_VALUE.finditer(text)]
            report.unsaved += sum(end > len(tail) for end in ends)  # one ending in the tail was counted
        if (bad := _SST_REF_NOT_NUMBER.search(text)) is not None:
            ref = _ERROR_REF.search(text, text.rfind(b"<", 0, text.rfind(b't="s"', 0, bad.end())))
            cell = ref[1].decode() if ref is not None and ref.start() < bad.start() else "?"
            raise InputFileError(say("errors.xlsx.sst_ref", path=path, part=part, cell=cell))
        if b't="e"' in text:
            for m in _ERROR_CELL.finditer(text):
                if m.end() > len(tail) and (ref := _ERROR_REF.search(m[0])):
                    report.errors.append(ref[1].decode())
        for m in (_ROW_NS if b":row" in text else _ROW).finditer(text):
            if m.end() <= len(tail):
                continue  # read with the previous piece
            number = _ROW_NUMBER.search(m[1])
            row = int(number[1]) if number else last_row + 1
            if row <= last_row:
                raise InputFileError(
                    say("errors.xlsx.row_order", path=path, part=part, row=row, last=last_row)
                )
            last_row = row
        if not far:  # Excel writes ``<c r="B7"``: a cell that starts otherwise is measured
            far = bool(_FAR.search(text) or _NOT_EXCEL_CELL.search(text)) or b":c " in text
        tail = out[-_TAIL:] if len(out) >= _TAIL else (tail + out)[-_TAIL:]
    if far:
        rows, cols = _grid(fh, info, path, last_row)
        if rows * cols > XLSX_MAX_CELLS:
            raise InputFileError(
                say("errors.xlsx.grid", path=path, part=part, rows=rows, cols=cols, limit=XLSX_MAX_CELLS)
            )


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _seek_data(fh: IO[bytes], info: zipfile.ZipInfo) -> None:
    """``fh`` at the first byte of the part's (compressed) data: past its local header, name and
    extra field."""
    fh.seek(info.header_offset)
    header = _LOCAL_HEADER.unpack(fh.read(_LOCAL_HEADER.size))
    fh.seek(header[10] + header[11], 1)


def _grid(fh: IO[bytes], info: zipfile.ZipInfo, path: Path, last_row: int) -> tuple[int, int]:
    """(rows, columns) of the grid calamine would hold for the part, at most: the last row and
    column of a cell with a value; a cell without a reference may reach as far as its row is long."""
    _seek_data(fh, info)
    rows = cols = widest = current = 0
    refless = False
    tail = b""
    for out in _pieces(fh, info, path):
        text = tail + out  # a cell cut between two pieces is read whole in the second
        for letters, number in _VALUED.findall(text):
            if letters:
                rows, cols = max(rows, int(number)), max(cols, _column(letters))
            else:
                refless = True
        first, *rest = _ROW_NS.split(out)[::2]  # the text before the first row tag, then each row's
        current += len(_ANY_CELL.findall(first))
        for segment in rest:
            widest, current = max(widest, current), len(_ANY_CELL.findall(segment))
        tail = out[-_TAIL:]
    if refless:
        rows, cols = max(rows, last_row), cols + max(widest, current)
    return rows, cols


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
    with _calamine(lambda exc: _unreadable(path, exc)):
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
