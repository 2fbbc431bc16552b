"""Read spreadsheet exports as they come (CSV as Excel writes it, .xlsx) and write safe ones.

Reading streams: one row at a time, each with the number a person sees (the line where a CSV
record starts, the row in the sheet). CSV: ``,`` ``;`` or tab, sniffed from the header line;
UTF-8, UTF-8 with BOM or Windows-1252, decided per line so that a file where someone pasted a
few Windows-1252 lines into a UTF-8 export still reads (and says so). XLSX through openpyxl in
read-only mode; merged cells repeat their value over the merged range, dates become ISO dates.

Writing neutralises cells a spreadsheet would run as a formula (leading ``= + - @``, tab, CR).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import itertools
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import iterparse

from skilltool import fsio
from skilltool.errors import InputFileError

DELIMITERS = (";", ",", "\t")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Far above any real answer, far below a runaway unclosed quote eating the rest of the file.
CSV_FIELD_LIMIT = 64 * 1024 * 1024
# A quoted field may run over line breaks (a note with paragraphs), but not over this many lines:
# beyond it, it is a runaway quote and its lines are rejected one by one (memory stays bounded).
MAX_RECORD_LINES = 200
# A line of 60 cells at the 100,000-character cell limit is under 8 MiB (UTF-8, mostly 1-2 bytes a
# character); a longer line is no export, and reading it would hold it all in memory.
MAX_LINE_BYTES = 16 << 20
_DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "semicolon": ";", "comma": ",", "puntkomma": ";"}


def neutralise(value: str) -> str:
    """Prefix ``'`` to a cell that a spreadsheet would otherwise run as a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def parse_delimiter(text: str) -> str:
    """``;`` ``,`` ``\\t`` or a name (``tab``, ``semicolon``, ``comma``) -> the one character."""
    value = _DELIMITER_NAMES.get(text.lower(), text)
    if len(value) != 1 or value in "\"'\r\n":
        raise InputFileError(f"--delimiter {text!r}: give one character such as ';' ',' or 'tab'")
    return value


@dataclass
class TableInfo:
    """What a pass over the file learned: kind, checksum, encoding, delimiter, header, row count."""

    path: Path
    kind: str
    sha256: str
    header: list[str]
    header_row: int
    rows: int = 0
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    warnings: list[str] = field(default_factory=list)
    quote_spans: list[tuple[int, int]] = field(default_factory=list)


# --- CSV -------------------------------------------------------------------------------------


@dataclass
class _Decoder:
    """Decodes one physical line at a time: UTF-8 first, Windows-1252 for lines that are not."""

    path: Path
    bom: bool = False
    utf8_non_ascii: int = 0
    cp1252_lines: list[int] = field(default_factory=list)

    def decode(self, raw: bytes, lineno: int) -> str:
        if lineno == 1:
            if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                raise InputFileError(
                    f"{self.path}: the file is UTF-16; save it as 'CSV UTF-8' or 'CSV (puntkomma)'"
                )
            if raw.startswith(codecs.BOM_UTF8):
                self.bom = True
                raw = raw[len(codecs.BOM_UTF8) :]
        if b"\x00" in raw:
            raise InputFileError(
                f"{self.path}:{lineno}: contains NUL bytes, so it is not a CSV text file; "
                "export it again as CSV"
            )
        if raw.isascii():
            return raw.decode("ascii")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = raw.decode("cp1252")
            except UnicodeDecodeError as exc:
                raise InputFileError(
                    f"{self.path}:{lineno}: byte 0x{raw[exc.start]:02x} is neither UTF-8 nor "
                    "Windows-1252; save the file as 'CSV UTF-8'"
                ) from None
            self.cp1252_lines.append(lineno)
            return text
        self.utf8_non_ascii += 1
        return text

    @property
    def encoding(self) -> str:
        if self.cp1252_lines and (self.utf8_non_ascii or self.bom):
            return "mixed utf-8/windows-1252"
        if self.cp1252_lines:
            return "windows-1252"
        return "utf-8-sig" if self.bom else "utf-8"

    def warnings(self) -> list[str]:
        if not self.cp1252_lines or self.encoding == "windows-1252":
            return []
        lines = ", ".join(str(n) for n in self.cp1252_lines[:10])
        more = f" and {len(self.cp1252_lines) - 10} more" if len(self.cp1252_lines) > 10 else ""
        return [
            f"{self.path.name}: mixed encodings: line(s) {lines}{more} are Windows-1252 in a UTF-8 file; "
            "read as Windows-1252, check those rows"
        ]


def _lines(fh: IO[bytes], decoder: _Decoder, digest: Any = None) -> Iterator[str]:
    lineno = 0
    while raw := fh.readline(MAX_LINE_BYTES + 1):  # never more than a line's limit in memory
        lineno += 1
        if len(raw) > MAX_LINE_BYTES:
            raise InputFileError(
                f"{decoder.path}:{lineno}: the line is longer than {MAX_LINE_BYTES >> 20} MiB; this "
                "is not a spreadsheet export (or its line breaks were lost); export it again"
            )
        if digest is not None:
            digest.update(raw)
        yield decoder.decode(raw, lineno)


def _sniff(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])  # ties: ; before , before tab (Excel NL)
    return best if counts[best] else ","


def _is_blank(cells: Sequence[str]) -> bool:
    return all(not c.strip() for c in cells)


class BrokenRecord(list[str]):
    """A physical line caught in a quoted field that swallowed following records.

    The cells are that one line read on its own (so the row's id can be shown), never the text
    the runaway quote joined to it; the row is rejected, naming ``opened`` (the line where the
    quote opened) and ``last`` (the line where the swallowed span ended).
    """

    opened: int
    last: int

    def __init__(self, cells: Iterable[str], *, opened: int, last: int) -> None:
        super().__init__(cells)
        self.opened = opened
        self.last = last

    def __reduce__(self) -> Any:  # pickled to worker processes
        return (_broken, (list(self), self.opened, self.last))


def _broken(cells: list[str], opened: int, last: int) -> BrokenRecord:
    return BrokenRecord(cells, opened=opened, last=last)


def _swallows(lines: Sequence[str], cells: Sequence[str], width: int, delim: str) -> bool:
    """Did the quoted field of a record spanning ``lines`` run over following records?

    A quoted field may hold line breaks (legal CSV). It is a runaway quote when the record
    spans more than ``MAX_RECORD_LINES`` lines, ends with more cells than the header has, has a
    quote that closes inside a cell (strict CSV refuses the record), or when one of its
    continuation lines holds as many delimiters as a full record (with three or more columns):
    a line of a note rarely has, in an export, a delimiter for every column.
    """
    if len(lines) > MAX_RECORD_LINES:
        return True
    if len(cells) > width and any(c.strip() for c in cells[width:]):
        return True
    try:  # a quote that closes in the middle of a cell ('"a\nb"c'): not what a writer of CSV makes
        list(csv.reader(lines, delimiter=delim, strict=True))
    except csv.Error:
        return True
    if width < 3:  # with one or two columns, any line with a delimiter would look like a record
        return False
    return any(line.count(delim) >= width - 1 for line in lines[1:])


def _csv_records(  # noqa: PLR0917 - private, called with the reading state
    path: Path,
    fh: IO[bytes],
    decoder: _Decoder,
    delimiter: str | None,
    digest: Any = None,
    spans: list[tuple[int, int]] | None = None,
) -> Iterator[tuple[int, list[str], str]]:
    """(start line, cells, delimiter) for each record, blank lines included.

    Every physical line is accounted for: a record whose quoted field swallowed following
    records (see ``_swallows``) comes back as one ``BrokenRecord`` per physical line it spans,
    and its span (first, last line) is appended to ``spans``.
    """
    csv.field_size_limit(CSV_FIELD_LIMIT)
    lines = _lines(fh, decoder, digest)
    head: list[str] = []
    for line in lines:  # sniff on the first line with content (leading blank lines happen)
        head.append(line)
        if line.strip():
            break
    if not head:
        return
    delim = delimiter or _sniff(head[-1])
    taken: list[str] = []  # the physical lines of the record being read
    taken_chars = 0
    too_long = False
    source = itertools.chain(head, lines)

    def all_lines() -> Iterator[str]:
        nonlocal too_long, taken_chars
        while True:
            if len(taken) >= MAX_RECORD_LINES or (len(taken) > 1 and taken_chars > MAX_LINE_BYTES):
                too_long = True  # a runaway quote: stop it here, memory stays bounded
                return
            line = next(source, None)
            if line is None:
                return
            if not taken:
                taken_chars = 0
            taken.append(line)
            taken_chars += len(line)
            yield line

    width = 0
    line_no = 0
    while True:
        reader = csv.reader(all_lines(), delimiter=delim, strict=False)
        while True:
            start = line_no + 1
            taken.clear()
            try:
                cells = next(reader)
            except StopIteration:
                if not too_long or not taken:
                    return
                cells = []
            except csv.Error as exc:
                raise InputFileError(
                    f"{path}:{start}: cannot read this CSV record ({exc}); check the quotes on that line"
                ) from None
            line_no += len(taken)
            if width and len(taken) > 1 and (too_long or _swallows(taken, cells, width, delim)):
                last = start + len(taken) - 1
                if spans is not None:
                    spans.append((start, last))
                for n, line in enumerate(taken):
                    alone = next(csv.reader([line], delimiter=delim), [])
                    if _is_blank(alone):
                        yield start + n, alone, delim
                    else:
                        yield start + n, BrokenRecord(alone, opened=start, last=last), delim
                if too_long:  # read on from the next line with a fresh reader
                    too_long = False
                    taken.clear()
                    break
                continue
            if not width and not _is_blank(cells):
                width = len(cells)
            yield start, cells, delim


def _inspect_csv(path: Path, delimiter: str | None) -> TableInfo:
    decoder = _Decoder(path)
    digest = hashlib.sha256()
    header: list[str] | None = None
    header_row = 0
    rows = 0
    delim = delimiter
    spans: list[tuple[int, int]] = []
    with path.open("rb") as fh:
        for start, cells, used in _csv_records(path, fh, decoder, delimiter, digest, spans):
            delim = used
            if header is None:
                if _is_blank(cells):
                    continue
                header, header_row = cells, start
            elif not _is_blank(cells):
                rows += 1
        digest.update(fh.read())  # nothing left, but keep the checksum honest
    if header is None:
        raise InputFileError(f"{path}: the file is empty; export it again with a header row")
    return TableInfo(
        path=path,
        kind="csv",
        sha256=digest.hexdigest(),
        header=header,
        header_row=header_row,
        rows=rows,
        encoding=decoder.encoding,
        delimiter=delim,
        warnings=decoder.warnings() + _quote_warnings(path, spans),
        quote_spans=spans,
    )


def _quote_warnings(path: Path, spans: list[tuple[int, int]]) -> list[str]:
    if not spans:
        return []
    lines = sum(b - a + 1 for a, b in spans)
    where = ", ".join(f"line {a} (through {b})" for a, b in spans[:5])
    more = f" and {len(spans) - 5} more" if len(spans) > 5 else ""
    return [
        f"{path.name}: unclosed quote: a quote opened on {where}{more} runs over the following "
        f"records; those {lines} line(s) are rejected one by one (see errors.csv); fix the quote "
        "and run them again"
    ]


def _iter_csv(info: TableInfo) -> Iterator[tuple[int, list[str]]]:
    decoder = _Decoder(info.path)
    with info.path.open("rb") as fh:
        for start, cells, _ in _csv_records(info.path, fh, decoder, info.delimiter):
            if start > info.header_row:
                yield start, cells


# --- XLSX ------------------------------------------------------------------------------------

_CELL_REF = re.compile(r"^([A-Z]+)(\d+)$")


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


@dataclass(frozen=True)
class _Merge:
    min_row: int
    max_row: int
    min_col: int
    max_col: int


def _merged_ranges(path: Path, worksheet_path: str | None) -> list[_Merge]:
    """The merged ranges of a sheet, read from its XML (read-only openpyxl does not expose them)."""
    if not worksheet_path:
        return []
    merges: list[_Merge] = []
    with zipfile.ZipFile(path) as zf, zf.open(worksheet_path.lstrip("/")) as src:
        for _, elem in iterparse(src, events=("end",)):  # noqa: S314 - a local file the user chose
            tag = elem.tag.rsplit("}", 1)[-1]
            if tag == "mergeCell":
                ref = elem.get("ref", "")
                if ":" in ref:
                    a, b = ref.split(":", 1)
                    ma, mb = _CELL_REF.match(a), _CELL_REF.match(b)
                    if ma and mb:
                        merges.append(_Merge(int(ma[2]), int(mb[2]), _col_index(ma[1]), _col_index(mb[1])))
            elif tag in ("row", "c", "v", "is", "t"):
                elem.clear()
    return merges


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
        raise InputFileError(
            f"{path}: not a readable .xlsx workbook ({exc}); save it again in Excel"
        ) from None
    if len(infos) > XLSX_MAX_PARTS:
        raise InputFileError(
            f"{path}: the workbook has {len(infos):,} parts (limit {XLSX_MAX_PARTS:,}); "
            "not a spreadsheet export we can read safely; save it again or export CSV"
        )
    total = sum(i.file_size for i in infos)
    if total > XLSX_MAX_UNPACKED:
        raise InputFileError(
            f"{path}: the workbook unpacks to {total / (1 << 20):,.0f} MiB (limit "
            f"{XLSX_MAX_UNPACKED >> 20:,} MiB); split it, or export CSV, which is read as a stream"
        )
    for info in infos:
        if info.filename.endswith("sharedStrings.xml") and info.file_size > XLSX_MAX_SHARED_STRINGS:
            raise InputFileError(
                f"{path}: the shared-strings part unpacks to {info.file_size >> 20:,} MiB (limit "
                f"{XLSX_MAX_SHARED_STRINGS >> 20} MiB; it is held in memory); split it, or export CSV"
            )
        if info.file_size > (1 << 20) and info.file_size > XLSX_MAX_RATIO * max(info.compress_size, 1):
            raise InputFileError(
                f"{path}: part {info.filename!r} unpacks {info.file_size // max(info.compress_size, 1):,} "
                f"times its packed size (limit {XLSX_MAX_RATIO}:1): a decompression bomb, not an "
                "export; refused unread"
            )


def _open_xlsx(path: Path) -> Any:
    import openpyxl

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputFileError(
            f"{path}: not a readable .xlsx workbook ({exc}); save it again in Excel"
        ) from None


def _xlsx_rows(path: Path, sheet: str | None) -> Iterator[tuple[int, list[str], str]]:
    wb = _open_xlsx(path)
    try:
        if sheet is not None and sheet not in wb.sheetnames:
            raise InputFileError(f"{path}: no sheet {sheet!r}; sheets: {', '.join(wb.sheetnames)}")
        ws = wb[sheet] if sheet is not None else wb.worksheets[0]
        merges = _merged_ranges(path, getattr(ws, "_worksheet_path", None))
        by_anchor_row: dict[int, list[_Merge]] = {}
        for m in merges:
            by_anchor_row.setdefault(m.min_row, []).append(m)
        active: list[tuple[_Merge, str]] = []
        for rowno, values in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1):
            cells = [cell_text(v) for v in values]
            for m in by_anchor_row.pop(rowno, []):
                anchor = cells[m.min_col - 1] if m.min_col <= len(cells) else ""
                active.append((m, anchor))
            if active:
                for m, anchor in active:
                    if len(cells) < m.max_col:
                        cells.extend([""] * (m.max_col - len(cells)))
                    for c in range(m.min_col, m.max_col + 1):
                        if not cells[c - 1]:
                            cells[c - 1] = anchor
                active = [(m, a) for m, a in active if m.max_row > rowno]
            yield rowno, cells, ws.title
    finally:
        wb.close()


def _inspect_xlsx(path: Path, sheet: str | None) -> TableInfo:
    sha = fsio.sha256_file(path)
    header: list[str] | None = None
    header_row = 0
    rows = 0
    title = sheet
    for rowno, cells, name in _xlsx_rows(path, sheet):
        title = name
        if header is None:
            if not _is_blank(cells):
                header, header_row = cells, rowno
        elif not _is_blank(cells):
            rows += 1
    if header is None:
        raise InputFileError(f"{path}: the sheet is empty; put a header row in row 1")
    while header and not header[-1].strip():
        header.pop()
    return TableInfo(
        path=path, kind="xlsx", sha256=sha, header=header, header_row=header_row, rows=rows, sheet=title
    )


def _iter_xlsx(info: TableInfo) -> Iterator[tuple[int, list[str]]]:
    width = len(info.header)
    for rowno, cells, _ in _xlsx_rows(info.path, info.sheet):
        if rowno > info.header_row:
            # a sheet pads every row to its widest used column: trailing empties are not 'ragged'
            while len(cells) > width and not cells[-1]:
                cells.pop()
            yield rowno, cells


# --- public ----------------------------------------------------------------------------------


def inspect(path: Path, *, delimiter: str | None = None, sheet: str | None = None) -> TableInfo:
    """One pass over the file: checksum, encoding, delimiter, header and the number of data rows.

    Raises ``InputFileError`` (one line, with the line number) for a missing, empty,
    undecodable or unparsable file.
    """
    fsio.check_input_file(path, "the export")
    if path.suffix.lower() == ".xls":
        raise InputFileError(f"{path}: old .xls workbooks are not supported; save it as .xlsx or CSV")
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            check_xlsx_size(path)
            return _inspect_xlsx(path, sheet)
        return _inspect_csv(path, delimiter)
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read ({exc.strerror or exc}); check the file") from None


def iter_rows(info: TableInfo) -> Iterator[tuple[int, list[str]]]:
    """The data rows after the header, each as (row number, cells); blank rows included."""
    return _iter_xlsx(info) if info.kind == "xlsx" else _iter_csv(info)


def is_blank(cells: Sequence[str]) -> bool:
    """True when no cell holds anything but whitespace."""
    return _is_blank(cells)


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


def write_xlsx(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]], *, title: str) -> None:
    """Atomically write a one-sheet .xlsx (streaming), owner-only, text cells neutralised."""
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet(title=title)
    ws.append([neutralise(h) for h in header])
    for row in rows:
        ws.append([neutralise(c) if isinstance(c, str) else c for c in row])
    with fsio.atomic_writer(path, binary=True) as fh:
        wb.save(fh)
