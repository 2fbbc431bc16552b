"""Read spreadsheet exports as they come (CSV as Excel writes it, .xlsx); ``table_out`` writes.

Reading streams: one row at a time, each with the number a person sees (the line where a CSV
record starts, the row in the sheet). CSV: ``,`` ``;`` or tab, sniffed from the header line;
UTF-8, UTF-8 with BOM or Windows-1252, decided per line so that a file where someone pasted a
few Windows-1252 lines into a UTF-8 export still reads (and says so); UTF-16 with a byte-order mark
(Excel's "Unicode text") is transcoded as it is read (``csv_lines``). XLSX through python-calamine
(``skilltool.xlsx``, with the decompression-bomb checks); merged cells repeat their value over the
merged range, dates become ISO dates.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from skilltool import codepages, fsio, header_rows, reader_options, xlsx, xlsx_checks
from skilltool.csv_lines import (
    MAX_LINE_BYTES,
    Decoder,
    Digest,
    and_more,
    guess_codepage,
    open_csv,
)
from skilltool.csv_lines import lines as physical_lines
from skilltool.errors import InputFileError
from skilltool.messages import Say, say

DELIMITERS = (";", ",", "\t")
# Far above any real answer, far below a runaway unclosed quote eating the rest of the file.
CSV_FIELD_LIMIT = 64 * 1024 * 1024
# A quoted field may run over line breaks (a note with paragraphs), but not over this many lines:
# beyond it, it is a runaway quote and its lines are rejected one by one (memory stays bounded).
MAX_RECORD_LINES = 200
_DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "semicolon": ";", "comma": ",", "puntkomma": ";"}


def parse_delimiter(text: str | None) -> str | None:
    """``;`` ``,`` ``\\t`` or a name (``tab``, ``semicolon``, ``comma``) -> the one character; ``None``
    (no option) -> ``None``, sniffed from the header. An empty ``--delimiter ''`` is refused."""
    if text is None:
        return None
    value = _DELIMITER_NAMES.get(text.lower(), text)
    if len(value) != 1 or value in "\"'\r\n":
        raise InputFileError(say("errors.csv.delimiter", given=repr(text)))
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
    codepage: str = codepages.DEFAULT
    given_encoding: str | None = None  # --encoding (``csv_lines.parse_encoding``): nothing guessed
    delimiter: str | None = None
    sheet: str | None = None
    warnings: list[Say] = field(default_factory=list)
    quote_spans: list[tuple[int, int]] = field(default_factory=list)
    row_width: int = 0
    """The cells most data rows of a CSV have (of two as common: the header's width, else the
    wider); 0 for an .xlsx."""


def ragged(cells: Sequence[str], width: int, row_width: int) -> bool:
    """A row with more cells than the ``width`` of the header: something in the cells past it, or
    more cells than most rows have (``row_width``, 0: not known) even when they are empty. A
    delimiter without quotes in a cell (a hand-made export) moves every later answer one column
    to the right, into another question (a care duty's yes into the health column), and the last
    cells of most rows are empty: only their number tells."""
    if len(cells) <= width:
        return False
    return any(c.strip() for c in cells[width:]) or bool(row_width and len(cells) > row_width)


# --- CSV (its physical lines: ``csv_lines``) -------------------------------------------------


_SEP_LINE = re.compile(r'"?sep=([;,\t|])"?', re.IGNORECASE)  # quoted by a program that quotes every cell


def _sniff(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])  # ties: ; before , before tab (Excel NL)
    return best if counts[best] else ","


def _is_blank(cells: Sequence[str]) -> bool:
    if type(cells) is BadBytes:  # an over-long line stands as an empty one: a row, not a blank
        return False
    return not any(cells) or all(not c.strip() for c in cells)  # any: C speed for empty rows


class SpanRecord(list[str]):
    """The cells of one physical line that belongs to a span of lines (``first`` to ``last``)
    read wrongly as a whole; the row is rejected, naming the span (``BrokenRecord``,
    ``SplitRecord``)."""

    first: int
    last: int

    def __init__(self, cells: Iterable[str], *, first: int, last: int) -> None:
        super().__init__(cells)
        self.first = first
        self.last = last

    def __reduce__(self) -> tuple[Callable[..., SpanRecord], tuple[type[SpanRecord], list[str], int, int]]:
        # pickled to worker processes
        return (_span, (type(self), list(self), self.first, self.last))


def _span(kind: type[SpanRecord], cells: list[str], first: int, last: int) -> SpanRecord:
    return kind(cells, first=first, last=last)


class BrokenRecord(SpanRecord):
    """A physical line caught in a quoted field that swallowed following records: ``first`` the
    line where the quote opened, ``last`` where the swallowed span ended. The cells are that one
    line read on its own (so the row's id can be shown), never the text the runaway quote joined
    to it."""


class BadBytes(list[str]):
    """A record on a line with NUL bytes or a byte that is neither UTF-8 nor Windows-1252 (a
    damaged line, a binary paste): its cells as read without those bytes, never trusted; the row
    is rejected (a batch) or not coded (a coding job) with ``reason``, ``reason.row.bad_<what>``."""

    what: str
    byte: str

    def __init__(self, cells: Iterable[str], *, what: str, byte: str) -> None:
        super().__init__(cells)
        self.what = what
        self.byte = byte

    def __reduce__(self) -> tuple[Callable[[list[str], str, str], BadBytes], tuple[list[str], str, str]]:
        # pickled to worker processes
        return (_bad_bytes, (list(self), self.what, self.byte))


def _bad_bytes(cells: list[str], what: str, byte: str) -> BadBytes:
    return BadBytes(cells, what=what, byte=byte)


class SplitRecord(SpanRecord):
    """One of two or more consecutive lines that each hold fewer cells than the header and
    together exactly the header's number (each break costing one): a cell with a line break and
    no quotes around it cut one person's answers in parts (lines ``first`` to ``last``). Read as
    rows, the first part would be written with its later answers silently empty."""


MAX_SPLIT_LINES = 5  # parts of one record looked for; more line breaks in one cell are rare


def _find_splits(records: Iterable[tuple[int, list[str]]], width: int) -> Iterator[tuple[int, list[str]]]:
    """``records`` with the parts of a record that an unquoted line break cut marked as
    ``SplitRecord``: consecutive lines, each short of the header's ``width``, whose cells add up
    to ``width`` plus one for each break. Other short lines pass unchanged (a writer may leave
    out trailing empty cells)."""
    held: list[tuple[int, list[str]]] = []
    for start, cells in records:
        part = type(cells) is list and 0 < len(cells) < width and not _is_blank(cells)
        if not part or (held and start != held[-1][0] + 1):
            yield from held
            held = []
        if not part:
            yield start, cells
            continue
        held.append((start, cells))
        while held and sum(len(c) for _, c in held) - (len(held) - 1) > width:
            yield held.pop(0)  # too many cells with the first: it is no part of this record
        if held and sum(len(c) for _, c in held) - (len(held) - 1) == width and len(held) > 1:
            first, last = held[0][0], held[-1][0]
            yield from ((n, SplitRecord(c, first=first, last=last)) for n, c in held)
            held = []
        elif len(held) >= MAX_SPLIT_LINES:
            yield held.pop(0)
    yield from held


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
    decoder: Decoder,
    delimiter: str | None,
    digest: Digest | None = None,
    spans: list[tuple[int, int]] | None = None,
) -> Iterator[tuple[int, list[str], str]]:
    """(start line, cells, delimiter) for each record, blank lines included.

    Every physical line is accounted for: a record whose quoted field swallowed following
    records (see ``_swallows``) comes back as one ``BrokenRecord`` per physical line it spans,
    and its span (first, last line) is appended to ``spans``.
    """
    csv.field_size_limit(CSV_FIELD_LIMIT)
    lines = physical_lines(fh, decoder, digest)
    head: list[str] = []
    filled: list[str] = []
    for line in lines:  # sniff on the first line with content (leading blank lines happen)
        head.append(line)
        if line.strip():
            filled.append(line)  # a title without a delimiter above the header: sniff the next one
            if len(filled) > 1 or any(d in line for d in DELIMITERS) or _SEP_LINE.fullmatch(line.strip()):
                break
    if not head:
        return
    sep = (
        _SEP_LINE.fullmatch(filled[0].rstrip("\r\n").strip(" ")) if filled else None
    )  # Excel's "sep=;": no header
    delim = delimiter or (sep[1] if sep else _sniff(head[-1]))
    line_no = len(head) if sep else 0  # after a "sep=" line, read on from the next line
    for n in range(1, line_no + 1):
        yield n, [], delim
    taken: list[str] = []  # the physical lines of the record being read
    taken_chars = 0
    too_long = False
    source = itertools.chain([] if sep else head, lines)

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
                raise InputFileError(say("errors.csv.record", path=path, line=start, why=exc)) from None
            line_no += len(taken)
            if width and len(taken) > 1 and (too_long or _swallows(taken, cells, width, delim)):
                last = start + len(taken) - 1
                if spans is not None:
                    spans.append((start, last))
                for n, line in enumerate(taken):
                    alone = next(csv.reader([line.rstrip("\r\n")], delimiter=delim), [])  # no stray end
                    if _is_blank(alone):
                        yield start + n, alone, delim
                    else:
                        yield start + n, BrokenRecord(alone, first=start, last=last), delim
                if too_long:  # read on from the next line with a fresh reader
                    too_long = False
                    taken.clear()
                    break
                continue
            if width < 2 and not _is_blank(cells) and line_no < 10:  # a title's one cell is no width
                width = len(cells)
            if decoder.bad:
                bad = next((decoder.bad[n] for n in range(start, line_no + 1) if n in decoder.bad), None)
                if bad is not None:
                    cells = BadBytes(cells, what=bad[0], byte=bad[1])
            yield start, cells, delim


def _inspect_csv(path: Path, delimiter: str | None, encoding: str | None) -> TableInfo:
    decoder = Decoder(path, guess=codepages.Guess() if encoding else guess_codepage(path), forced=encoding)
    digest = hashlib.sha256()
    rows = 0
    delim = delimiter
    spans: list[tuple[int, int]] = []
    widths: dict[int, int] = {}
    fh, feed = open_csv(path, decoder, digest)
    top: list[tuple[int, list[str]]] = []  # the first rows with content: title rows, the header
    with fh:
        for start, cells, used in _csv_records(path, fh, decoder, delimiter, feed, spans):
            delim = used
            if not _is_blank(cells):
                if len(top) < header_rows.LOOK_AHEAD:
                    top.append((start, cells))
                rows += 1
                widths[len(cells)] = widths.get(len(cells), 0) + 1
        rest = fh.read()  # nothing left, but keep the checksum honest
        if feed is not None:
            feed.update(rest)
    if not top:
        raise InputFileError(say("errors.csv.empty", path=path))
    found = header_rows.find_header(top)
    header, header_row, rows = found.cells, found.row, rows - found.taken
    for _, cells in top[: found.taken]:  # the header's rows are no data rows
        widths[len(cells)] -= 1
    width = len(header)
    return TableInfo(
        path=path,
        kind="csv",
        sha256=digest.hexdigest(),
        header=header,
        header_row=header_row,
        rows=rows,
        encoding=decoder.encoding,
        codepage=decoder.guess.codepage,
        given_encoding=encoding,
        delimiter=delim,
        warnings=found.warnings + decoder.warnings() + _quote_warnings(path, spans),
        quote_spans=spans,
        row_width=max(widths, key=lambda w: (widths[w], w == width, w), default=0),
    )


QUOTE_WARNING = "warnings.csv.unclosed_quote"


def _quote_warnings(path: Path, spans: list[tuple[int, int]]) -> list[Say]:
    if not spans:
        return []
    lines = sum(b - a + 1 for a, b in spans)
    shown = [say("warnings.csv.span", first=a, last=b) for a, b in spans[:5]]
    where = shown[-1]
    for span in reversed(shown[:-1]):  # "line 3 (through 5), line 9 (through 12)" in either language
        where = say("warnings.csv.spans", span=span, rest=where)
    more = and_more(len(spans) - 5)
    return [say(QUOTE_WARNING, name=path.name, where=where, more=more, lines=lines)]


def _iter_csv(info: TableInfo) -> Iterator[tuple[int, list[str]]]:
    # as inspect read it
    decoder = Decoder(info.path, guess=codepages.Guess(info.codepage), forced=info.given_encoding)
    digest = hashlib.sha256()
    fh, feed = open_csv(info.path, decoder, digest)
    with fh:
        records = _csv_records(info.path, fh, decoder, info.delimiter, feed)
        rows = ((start, cells) for start, cells, _ in records if start > info.header_row)
        yield from _find_splits(rows, len(info.header))
        rest = fh.read()  # as inspect does: the checksum covers the whole file
        if feed is not None:
            feed.update(rest)
    _check_unchanged(info, digest.hexdigest())


def _check_unchanged(info: TableInfo, sha256: str) -> None:
    """The rows just read came from the file ``inspect`` read: an export still being written, or
    replaced meanwhile, gave rows the checksum in ``manifest.json`` does not describe, read
    through another file's header (its columns in other places)."""
    if sha256 != info.sha256:
        raise InputFileError(say("errors.csv.changed", path=info.path))


# --- XLSX (read by skilltool.xlsx) ----------------------------------------------------------


def _inspect_xlsx(path: Path, sheet: str | None) -> TableInfo:
    sha = fsio.sha256_file(path)
    top: list[tuple[int, list[str]]] = []  # the first rows with content: title rows, the header
    rows = 0
    title = sheet
    for rowno, cells, name in xlsx.rows(path, sheet):
        title = name
        if not _is_blank(cells):
            if len(top) < header_rows.LOOK_AHEAD:
                top.append((rowno, cells))
            rows += 1
    if not top:
        raise InputFileError(say("errors.xlsx.empty", path=path))
    found = header_rows.find_header(top, workbook=True)
    header = found.cells
    while header and not header[-1].strip():
        header.pop()
    return TableInfo(
        path=path,
        kind="xlsx",
        sha256=sha,
        header=header,
        header_row=found.row,
        rows=rows - found.taken,
        sheet=title,
        warnings=found.warnings,
    )


def _iter_xlsx(info: TableInfo) -> Iterator[tuple[int, list[str]]]:
    width = len(info.header)
    _check_unchanged(info, fsio.sha256_file(info.path))  # the workbook the checks passed
    for rowno, cells, _ in xlsx.rows(info.path, info.sheet):
        if rowno > info.header_row:
            # a sheet pads every row to its widest used column: trailing empties are not 'ragged'
            while len(cells) > width and not cells[-1]:
                cells.pop()
            yield rowno, cells
    _check_unchanged(info, fsio.sha256_file(info.path))


# --- public ----------------------------------------------------------------------------------


def inspect(
    path: Path, *, delimiter: str | None = None, sheet: str | None = None, encoding: str | None = None
) -> TableInfo:
    """One pass over the file: checksum, encoding, delimiter, header and the number of data rows.
    ``encoding`` (``parse_encoding``'s): the CSV's, as given; an .xlsx has none
    (``reader_options`` refuses it there).

    Raises ``InputFileError`` (one line, with the line number) for a missing, empty,
    undecodable or unparsable file.
    """
    fsio.check_input_file(path, say("errors.what.export"))
    if path.suffix.lower() == ".xls":
        raise InputFileError(say("errors.xlsx.old_xls", path=path))
    try:
        if path.suffix.lower() in reader_options.WORKBOOK:
            xlsx_checks.check_xlsx_size(path)
            seen = xlsx_checks.check_xlsx_parts(path)
            info = _inspect_xlsx(path, sheet)
            if seen.unsaved:
                info.warnings.append(
                    say("warnings.xlsx.unsaved_formulas", name=path.name, count=seen.unsaved)
                )
            if seen.errors:
                cells, more = ", ".join(seen.errors[:10]), and_more(len(seen.errors) - 10)
                info.warnings.append(
                    say(
                        "warnings.xlsx.error_cells",
                        name=path.name,
                        count=len(seen.errors),
                        cells=cells,
                        more=more,
                    )
                )
            return info
        return _inspect_csv(path, delimiter, encoding)
    except OSError as exc:
        raise InputFileError(say("errors.csv.unreadable", path=path, why=exc.strerror or exc)) from None


class HeaderAgain(list[str]):
    """A row repeating the header (two exports pasted into one): rejected in a batch, not coded."""


def _key(cells: Sequence[str]) -> str:  # a row as it compares with the header
    return "\0".join(c.replace("\ufeff", "").strip().casefold() for c in cells).rstrip("\0")


def iter_rows(info: TableInfo) -> Iterator[tuple[int, list[str]]]:
    """The data rows after the header, each as (row number, cells); blank rows included; a row
    that repeats the header comes as ``HeaderAgain``."""
    header, first = _key(info.header), _key(info.header[:1])
    try:
        for rowno, cells in _iter_xlsx(info) if info.kind == "xlsx" else _iter_csv(info):
            again = type(cells) is list and _key(cells[:1]) == first and _key(cells) == header
            yield rowno, HeaderAgain(cells) if again else cells
    except OSError as exc:  # moved or deleted since inspect: a batch said "cannot write" it
        raise InputFileError(say("errors.csv.unreadable", path=info.path, why=exc.strerror or exc)) from None


def is_blank(cells: Sequence[str]) -> bool:
    """True when no cell holds anything but whitespace."""
    return _is_blank(cells)
