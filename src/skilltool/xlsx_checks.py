"""The checks an .xlsx passes before calamine reads it: decompression bombs, parts that hold more
than they declare, grids too big to hold, and what calamine would read without a word.

``check_xlsx_size`` refuses a bomb from the zip directory, before any part is unpacked;
``check_xlsx_parts`` then inflates every part once, bounded by its declared size (a MiB at a
time), and looks at the worksheets' XML. ``unreadable`` says what a file that is no workbook is.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from skilltool.csv_lines import JSON, MARKUP, zip_kind
from skilltool.errors import InputFileError
from skilltool.messages import Say, say

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
        raise InputFileError(unreadable(path, exc)) from None
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


def unreadable(path: Path, exc: BaseException) -> Say:
    """Why a workbook is no zip, said as what it is when its first bytes tell: a password-protected
    workbook (or an old .xls) or a text file named .xlsx ("save it again in Excel" helps neither)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        head = b""
    if head.startswith(_OLE):
        return say("errors.xlsx.encrypted", path=path)
    if head.startswith(b"PK") and (kind := zip_kind(path)):
        return say(kind, path=path)
    if head.startswith(b"\x1f\x8b"):
        return say("errors.file.is_gzip", path=path)
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
        raise InputFileError(unreadable(path, exc)) from None
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
# a row past Excel's 1,048,576 (rows 1,000,000 to 1,048,576 are no further: a sheet formatted
# down to its end has cells there, and measuring its grid cost 13 of 20 s, load 16)
_PAST_HEIGHT = (
    rb"(?:\d{8,}|(?:[2-9]\d|1[1-9])\d{5}|10[5-9]\d{4}|1049\d{3}|1048[6-9]\d\d|10485[89]\d|104857[7-9])"
)
_FAR = re.compile(rb'r="(?:[C-Z][A-Z]|B[M-Z]|[A-Z]{3}|[A-Z]{1,2}' + _PAST_HEIGHT + rb'")')
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
