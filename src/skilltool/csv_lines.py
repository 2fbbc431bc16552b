"""The physical lines of a CSV file, decoded: the line ends a spreadsheet writes, the encodings.

UTF-8 (with or without BOM) or Windows-1252, decided per line (``Decoder``); a UTF-16 file with a
byte-order mark (Excel's "Unicode text"), or a UTF-16 or UTF-32 file with or without one, is
transcoded to UTF-8 as it is read (``open_csv``), so line numbers stay those a text editor shows.
Lines end at LF, CRLF or a lone CR, and no line is held in memory beyond ``MAX_LINE_BYTES``.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Protocol

from skilltool import codepages
from skilltool.errors import InputFileError
from skilltool.messages import Say, clip, say

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

# A line of 60 cells at the 100,000-character cell limit is under 8 MiB (UTF-8, mostly 1-2 bytes a
# character); a longer line is no export, and reading it would hold it all in memory.
MAX_LINE_BYTES = 16 << 20
# UTF-32's marks first: UTF-32 LE's starts with UTF-16 LE's
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# without a mark, the NUL bytes of the header's first two (ASCII) characters show the encoding
_NO_BOM = (
    (re.compile(rb"[^\0]\0\0\0[^\0]\0\0\0"), "utf-32-le"),
    (re.compile(rb"\0\0\0[^\0]\0\0\0[^\0]"), "utf-32-be"),
    (re.compile(rb"[^\0]\0[^\0]\0"), "utf-16-le"),
    (re.compile(rb"\0[^\0]\0[^\0]"), "utf-16-be"),
)
_CHUNK = 1 << 16
# A line with NUL bytes or undecodable bytes is one bad row; this many such lines make a file that
# is no text export (a binary file): refused as a whole.
MAX_BAD_LINES = 100
# What a file given as CSV may really be, by its first bytes: said as such, not as "NUL bytes on line 1"
_NOT_CSV = (
    (b"PK\x03\x04", "errors.csv.is_zip"),
    (b"%PDF-", "errors.csv.is_pdf"),
    (b"PAR1", "errors.csv.is_parquet"),
    (b"\xd0\xcf\x11\xe0", "errors.xlsx.old_xls"),
    (b"\x1f\x8b", "errors.file.is_gzip"),
)


def zip_kind(path: Path) -> str | None:
    """What a zip file given as a table is when it is no workbook, as the key of its error: an
    OpenDocument spreadsheet (LibreOffice Calc's own format, which many municipalities use) or a
    zip archive of other files (an export sent packed); None for a workbook (or a zip that cannot
    be read). Both were told to name the file .xlsx, which then said "not a readable .xlsx workbook
    (File not found)". Reads the zip's directory and at most 100 bytes of ``mimetype``; the names
    in it are never shown (a packed export may be named after a person)."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist()[:NAMES_READ])
            mimetype = b""
            if "mimetype" in names:
                with zf.open("mimetype") as fh:
                    mimetype = fh.read(100)
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        return None
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        return "errors.file.is_ods"
    if "[Content_Types].xml" not in names:
        return "errors.file.is_zip_archive"
    return None


NAMES_READ = 10_000  # as many part names as a workbook may hold (``xlsx_checks.XLSX_MAX_PARTS``)
# An "Excel" export of an older system: an XML spreadsheet (Excel 2003) or an HTML table, named .xls,
# .xlsx or .csv. Read as CSV its first line became the one column of the header ("missing required
# columns"); as a workbook, "a CSV named .xlsx? name it .csv", which then said the same.
MARKUP = re.compile(rb"(?:\xef\xbb\xbf)?\s*<(?:\?xml|!doctype\s+html|html|table|workbook)\b", re.IGNORECASE)
# A JSON or JSON Lines export (an API dump, pandas' to_json) by its first line: `{"`, a `{` or `[`
# alone, or `[` before an object, a list or a text. Read as CSV its first record was the header:
# "missing required columns", and a coding job's "no column" error listed the record's name.
JSON = re.compile(rb'(?:\xef\xbb\xbf)?\s*(?:\{\s*(?:"|$)|\[\s*(?:[{\["]|$))')


@dataclass
class Decoder:
    """Decodes one physical line at a time: UTF-8 first, Windows-1252 for lines that are not."""

    path: Path
    wide: str | None = None  # the bytes are a UTF-16 or UTF-32 file transcoded to UTF-8 (``open_csv``)
    guess: codepages.Guess = field(default_factory=codepages.Guess)
    """The code page of lines that are not UTF-8 (``guess_codepage``), and a line it left odd."""
    forced: str | None = None
    """``--encoding`` (``parse_encoding``): every line read in it, nothing guessed; a UTF-16 or
    UTF-32 one is the transcoder's (``open_csv``)."""
    bom: bool = False
    utf8_non_ascii: int = 0
    cp1252_lines: list[int] = field(default_factory=list)
    bad: dict[int, tuple[str, str]] = field(default_factory=dict)
    """Lines after the first with NUL bytes, a byte neither UTF-8 nor Windows-1252, or over
    ``MAX_LINE_BYTES``: line -> (``nul``, ``utf16`` (NUL bytes as UTF-16 holds them), ``byte`` or
    ``long``; the byte in hex, or the limit in MiB); their rows are rejected, one by one
    (``tabular.BadBytes``)."""
    nul_line: int = 0
    """The last line with NUL bytes: a UTF-16 line pasted into this file ends in ``\\n\\0``, so the
    next line starts with its NUL, and a good row was rejected for it."""

    def decode(self, raw: bytes, lineno: int) -> str:
        if lineno == 1:
            for magic, key in _NOT_CSV:
                if raw.startswith(magic):
                    kind = zip_kind(self.path) if key == "errors.csv.is_zip" else None
                    raise InputFileError(say(kind or key, path=self.path))
            if MARKUP.match(raw):
                raise InputFileError(say("errors.csv.is_markup", path=self.path))
            if JSON.match(raw):
                raise InputFileError(say("errors.csv.is_json", path=self.path))
            self.bom = raw.startswith(codecs.BOM_UTF8)
            if self.bom and self.forced not in (None, "utf-8") and not self.wide:
                given = self.forced
                raise InputFileError(say("errors.csv.encoding_given_bom", path=self.path, encoding=given))
        if raw.startswith(codecs.BOM_UTF8):  # on a later line: exports pasted together (``cat``)
            raw = raw[len(codecs.BOM_UTF8) :]
        if raw[:1] == b"\x00" and self.nul_line == lineno - 1 and b"\x00" not in raw[1:]:
            raw = raw[1:]  # the UTF-16 line end's second byte (``\\r\\0\\n\\0``: two lines on)
            self.nul_line = lineno
        if b"\x00" in raw:
            self.nul_line = lineno
            if lineno == 1 or len(self.bad) >= MAX_BAD_LINES:  # not a text file: say so once
                raise InputFileError(say("errors.csv.nul", path=self.path, line=lineno))
            self.bad[lineno] = ("utf16" if utf16_like(raw) else "nul", "00")
            raw = raw.replace(b"\x00", b"")
        if raw.isascii():
            return raw.decode("ascii")
        if self.forced is not None and not self.wide:
            return self._given(raw, lineno, self.forced)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            if self.guess.codepage != codepages.DEFAULT:  # reads every byte
                self.cp1252_lines.append(lineno)
                return raw.decode(self.guess.codepage)
            try:
                text, mixed = utf8_or_cp1252(raw)
            except UnicodeDecodeError as exc:
                byte = f"{raw[exc.start]:02x}"
                if lineno == 1 or len(self.bad) >= MAX_BAD_LINES:
                    raise InputFileError(
                        say("errors.csv.encoding", path=self.path, line=lineno, byte=byte)
                    ) from None
                self.bad.setdefault(lineno, ("byte", byte))
                return raw.decode("cp1252", errors="replace")
            self.cp1252_lines.append(lineno)
            if mixed:  # UTF-8 in it: a UTF-8 file, so the warning names the line
                self.utf8_non_ascii += 1
            return text
        self.utf8_non_ascii += 1
        return text

    def _given(self, raw: bytes, lineno: int, encoding: str) -> str:
        """A line in the ``--encoding`` given: a byte it cannot read rejects the row (the file, on
        the first line or past ``MAX_BAD_LINES``), as a byte neither UTF-8 nor Windows-1252 does."""
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as exc:
            byte = f"{raw[exc.start]:02x}"
            if lineno == 1 or len(self.bad) >= MAX_BAD_LINES:
                where = {"path": self.path, "line": lineno}
                raise InputFileError(
                    say("errors.csv.encoding_given", **where, byte=byte, encoding=encoding)
                ) from None
            self.bad.setdefault(lineno, ("given", byte))
            return raw.decode(encoding, errors="replace")

    @property
    def encoding(self) -> str:
        if self.wide:
            return self.wide
        if self.forced is not None:
            return codepages.SHOWN.get(self.forced, self.forced)
        if self.cp1252_lines and (self.utf8_non_ascii or self.bom):
            return "mixed utf-8/windows-1252"
        if self.cp1252_lines:
            return codepages.SHOWN[self.guess.codepage]
        return "utf-8-sig" if self.bom else "utf-8"

    def warnings(self) -> list[Say]:
        if self.forced is not None:  # nothing guessed: nothing to warn of
            return []
        if self.cp1252_lines and self.guess.codepage != codepages.DEFAULT:
            return [say("warnings.csv.codepage", name=self.path.name, encoding=self.encoding)]
        if self.cp1252_lines and self.guess.odd_line is not None:
            return [say("warnings.csv.codepage_odd", name=self.path.name, line=self.guess.odd_line)]
        if not self.cp1252_lines or self.encoding == "windows-1252":
            return []
        lines = ", ".join(str(n) for n in self.cp1252_lines[:10])
        more = and_more(len(self.cp1252_lines) - 10)
        return [say("warnings.csv.mixed_encoding", name=self.path.name, lines=lines, more=more)]


# A line that is not UTF-8 as a whole but holds a valid UTF-8 sequence is a UTF-8 line with a cell
# pasted in from a Windows-1252 export (or a damaged byte): read as Windows-1252 as a whole, its
# Arabic, Tigrinya or ``ë`` in UTF-8 became ``Ù…Ø±Ø``, without a word when no other line of the
# file held UTF-8.


def utf16_like(raw: bytes) -> bool:
    """A line that looks saved as UTF-16 (a row copied from a "Unicode text" export into this one):
    nine in ten of the bytes at even or at odd places are NUL, and few of the others. Its row was
    rejected for "NUL bytes (a damaged or binary line)", which did not say what to do about it."""
    if len(raw) < 4:
        return False
    halves = raw[0::2], raw[1::2]
    zeros = [half.count(0) / len(half) for half in halves]
    return max(zeros) >= 0.9 and min(zeros) <= 0.1


def _cp1252_bytes(exc: UnicodeError) -> tuple[str, int]:
    """A codecs error handler: the bytes UTF-8 cannot read, read as Windows-1252."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    try:
        return bytes(bad).decode("cp1252"), exc.end
    except UnicodeDecodeError as inner:  # 0x81, 0x8d, 0x8f, 0x90, 0x9d: in neither encoding
        at = exc.start + inner.start
        raise UnicodeDecodeError("cp1252", exc.object, at, at + 1, "neither UTF-8 nor Windows-1252") from None


codecs.register_error("skilltool-utf8-cp1252", _cp1252_bytes)


def utf8_or_cp1252(raw: bytes) -> tuple[str, bool]:
    """A line that is not UTF-8 as a whole: Windows-1252, but the valid UTF-8 sequences in it (a
    mixed line) as UTF-8, every other byte as Windows-1252; and whether it was mixed. The one rule
    for CSV lines and titles on stdin. ``UnicodeDecodeError`` (its ``start`` the byte) for a byte
    that is neither."""
    if raw.decode("utf-8", "replace").replace("\ufffd", "").isascii():  # in C: no UTF-8 in it
        return raw.decode("cp1252"), False  # the usual Windows-1252 line
    return raw.decode("utf-8", "skilltool-utf8-cp1252"), True


def and_more(count: int) -> Say | str:
    """`` and N more`` after a list cut short (nothing when ``count`` is not positive)."""
    return say("warnings.csv.and_more", count=count) if count > 0 else ""


class Digest(Protocol):
    """What reading feeds the raw bytes to as it goes (``hashlib.sha256()``)."""

    def update(self, data: bytes, /) -> None: ...


# A CR that no LF follows ends a line too (old Mac exports, "CSV (Macintosh)"; or mixed in by pasting
# exports together); not a CR at the end of a read: its LF may come with the next one.
_LONE_CR = re.compile(rb"(?<=\r)(?!\n|\Z)")


def _too_long(decoder: Decoder, lineno: int) -> InputFileError:
    """The whole file refused for line ``lineno`` over ``MAX_LINE_BYTES``."""
    return InputFileError(
        say("errors.csv.line_too_long", path=decoder.path, line=lineno, mib=MAX_LINE_BYTES >> 20)
    )


_DOS_EOF = "\x1a"  # Ctrl-Z: the end-of-file mark DOS tools (``copy /a``, old exports) append
_EOLS = "\r\n"


def lines(fh: IO[bytes], decoder: Decoder, digest: Digest | None = None) -> Iterator[str]:
    """Physical lines, decoded: ended by LF, CRLF or a lone CR; each under ``MAX_LINE_BYTES``.

    A DOS end-of-file mark (Ctrl-Z) as the file's very last character, a line end after it at
    most, is no content: dropped, a line of its own with it. Anywhere else it stays (and its row
    is read as it is). Only a line that ends in the mark waits for the next one to be known."""
    held: str | None = None
    for line in _lines(fh, decoder, digest):
        if held is not None:
            yield held
            held = None
        if line.rstrip(_EOLS).endswith(_DOS_EOF):
            held = line
            continue
        yield line
    if held is not None:
        body = held.rstrip(_EOLS)[:-1]
        if body:  # the mark right after the last value, no line end before it
            yield body


def _lines(fh: IO[bytes], decoder: Decoder, digest: Digest | None) -> Iterator[str]:
    """``lines`` without the end-of-file mark's handling."""
    lineno = 0
    while raw := fh.readline(MAX_LINE_BYTES):  # never more than a line's limit in memory
        if digest is not None:
            digest.update(raw)
        if raw.endswith(b"\n") and raw.find(b"\r", 0, -2) < 0:  # the usual line: LF or CRLF
            lineno += 1
            yield decoder.decode(raw, lineno)
            continue
        while True:  # lone CRs, or a read cut at the size limit or at the end of the file
            pieces = _LONE_CR.split(raw)
            rest = b"" if raw.endswith(b"\n") else pieces.pop()  # its end may come with the next read
            if max(map(len, pieces), default=0) > MAX_LINE_BYTES:
                raise _too_long(decoder, lineno + 1)
            for piece in pieces:
                lineno += 1
                yield decoder.decode(piece, lineno)
            if len(rest) >= MAX_LINE_BYTES:  # a line at the limit: not held, its row is rejected
                if lineno == 0 or len(decoder.bad) >= MAX_BAD_LINES:
                    raise _too_long(decoder, lineno + 1)
                lineno += 1
                decoder.bad[lineno] = ("long", str(MAX_LINE_BYTES >> 20))
                yield "\n"  # an empty record in its place (``BadBytes``, not a blank line)
                # the rest of the line, unless a CR ended it; what follows has at most one line
                # end, at its end (readline), as ``raw`` has
                raw = b"" if rest.endswith(b"\r") else _past_line_end(fh, digest)
                if not raw:
                    break
                continue
            if not rest:
                break
            more = fh.readline(MAX_LINE_BYTES)
            if not more:
                lineno += 1
                yield decoder.decode(rest, lineno)
                break
            if digest is not None:
                digest.update(more)
            raw = rest + more


_BREAK = re.compile(rb"\r\n?|\n")


def _past_line_end(fh: IO[bytes], digest: Digest | None) -> bytes:
    """Read on to the end of an over-long line, ``MAX_LINE_BYTES`` at a time, dropping it; return
    what the last read holds after the line's end (b"" at the end of the file)."""
    while more := fh.readline(MAX_LINE_BYTES):
        if digest is not None:
            digest.update(more)
        if end := _BREAK.search(more):
            return more[end.end() :]
    return b""


class _WideAsUtf8(io.RawIOBase):
    """A UTF-16 or UTF-32 file (``encoding``) read as UTF-8 bytes, a chunk at a time; the raw
    bytes go to ``digest`` (the checksum is the file's own). Undecodable input is one line."""

    def __init__(self, raw: IO[bytes], path: Path, digest: Digest | None, encoding: str) -> None:
        super().__init__()
        self._raw = raw
        self._path = path
        self._digest = digest
        self._encoding = encoding
        self._decoder = codecs.getincrementaldecoder(encoding)("strict")
        self._buf = memoryview(b"")
        self._eof = False
        self._line = 1  # the line the next decoded text starts on, for a message

    def readable(self) -> bool:
        return True

    def readinto(self, b: WriteableBuffer, /) -> int:
        while not self._buf and not self._eof:
            chunk = self._raw.read(_CHUNK)
            if self._digest is not None:
                self._digest.update(chunk)
            self._eof = not chunk
            try:
                data = self._decoder.decode(chunk, final=self._eof).encode("utf-8")
            except (UnicodeDecodeError, UnicodeEncodeError) as exc:  # odd length, a lone surrogate
                start = exc.start if isinstance(exc, UnicodeDecodeError) else 0
                unit = self._encoding[:6]  # utf-16 or utf-32: the byte order of a marked file is a guess here
                line = self._line + chunk[:start].decode(f"{unit}-le", "replace").count("\n")
                raise InputFileError(
                    say("errors.csv.utf16_invalid", path=self._path, line=line, encoding=unit.upper())
                ) from None
            self._line += data.count(b"\n")
            self._buf = memoryview(data)
        out = memoryview(b).cast("B")
        n = min(len(out), len(self._buf))
        out[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()


def wide_encoding(head: bytes) -> str | None:
    """The UTF-16 or UTF-32 encoding a file's first eight bytes show (a byte-order mark, or the NUL
    bytes of two ASCII characters without one: Notepad's and Excel's "Unicode"), else None."""
    wide = next((enc for bom, enc in _BOMS if head.startswith(bom)), None)
    return wide or next((enc for shape, enc in _NO_BOM if shape.match(head)), None)


# A workbook, a PDF or a Parquet file given where a text file (answers, a profile, a draft, a mapping)
# belongs: said as such, not as "not UTF-8 (byte 12); save it as UTF-8"
_BINARY_KINDS = (
    (b"PK\x03\x04", "zip"),
    (b"%PDF-", "pdf"),
    (b"PAR1", "parquet"),
    (b"\xd0\xcf\x11\xe0", "ole"),
)


def whole_text(raw: bytes, path: Path) -> str:
    """A small text file's bytes (an answers file, a profile, a mapping) as text: UTF-8, a byte-order
    mark dropped, or UTF-16 or UTF-32 as ``open_csv`` detects them. ``UnicodeDecodeError`` when it
    is none of these; a file that starts as UTF-16 and breaks off is an ``InputFileError``."""
    if kind := next((kind for magic, kind in _BINARY_KINDS if raw.startswith(magic)), None):
        raise InputFileError(say("errors.file.binary", path=path, kind=say(f"errors.file.kind_{kind}")))
    wide = wide_encoding(raw[:8])
    if wide is None:
        return raw.decode("utf-8-sig")
    try:
        return raw.decode(wide).removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise InputFileError(say("errors.file.wide_invalid", path=path, encoding=wide[:6].upper())) from None


WIDE = frozenset({"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"})
"""The ``--encoding`` values read through the transcoder (``open_csv``), as Python names them."""
# The characters a CSV's structure is made of: an encoding that writes them as ASCII does can be
# read a line at a time (single-byte code pages, UTF-8, the East Asian multi-byte ones); another
# (EBCDIC's cp500, UTF-7) cannot.
_STRUCTURE = "\t\r\n \"';,|abcxyzABCXYZ0189"


def parse_encoding(text: str | None) -> str | None:
    """``--encoding``: a name Python knows for a text encoding (``windows-1252``, ``cp850``,
    ``mac-roman``, ``iso-8859-15``, ``utf-8``, ``utf-16``...) as Python names it, else one line;
    ``None`` (no option): the encoding is found from the file (``Decoder``). ``utf-8-sig`` is
    ``utf-8``: a byte-order mark is dropped either way."""
    if text is None:
        return None
    given = repr(clip(text, 60))
    try:
        info = codecs.lookup(text.strip())
    except (LookupError, ValueError):
        raise InputFileError(say("errors.csv.encoding_unknown", given=given)) from None
    name = "utf-8" if info.name == "utf-8-sig" else info.name
    if name in WIDE:
        return name
    try:
        readable = getattr(info, "_is_text_encoding", True) and _STRUCTURE.encode(name) == _STRUCTURE.encode()
    except (UnicodeError, LookupError, TypeError):
        readable = False
    if not readable:
        raise InputFileError(say("errors.csv.encoding_unreadable", given=given))
    return name


def guess_codepage(path: Path) -> codepages.Guess:
    """The code page of ``path``'s lines that are not UTF-8, from its first MiB (``codepages``);
    the default for a UTF-16 or UTF-32 file."""
    with path.open("rb") as fh:
        sample = fh.read(codepages.SAMPLE_BYTES + 1)
    if wide_encoding(sample[:8]) is not None:
        return codepages.Guess()
    return codepages.sniff(sample[: codepages.SAMPLE_BYTES], cut=len(sample) > codepages.SAMPLE_BYTES)


def open_csv(path: Path, decoder: Decoder, digest: Digest | None = None) -> tuple[IO[bytes], Digest | None]:
    """``path`` opened for ``lines``: as it is, or transcoded to UTF-8 when it starts with a UTF-16
    or UTF-32 byte-order mark, or with the NUL bytes of one without (``decoder`` then names the
    encoding). Returns the file and the digest ``lines`` should feed (``None`` when the
    transcoder feeds it the file's own bytes). Close the file."""
    fh = path.open("rb")
    wide = wide_encoding(fh.peek(8)[:8])
    if decoder.forced in WIDE:
        wide = decoder.forced
    elif decoder.forced is not None and wide is not None:  # its first bytes say otherwise
        fh.close()
        raise InputFileError(say("errors.csv.encoding_given_wide", path=path, found=wide[:6].upper()))
    if wide is None:
        return fh, digest
    decoder.wide = wide
    return io.BufferedReader(_WideAsUtf8(fh, path, digest, wide), buffer_size=_CHUNK), None
