"""Which single-byte code page a CSV that is not UTF-8 was saved in: Windows-1252, or an old DOS
(code page 850, Excel's "CSV (MS-DOS)") or Mac (Mac Roman) export.

All three read every byte (Windows-1252 all but five), so no decoding error tells them apart: a
DOS export read as Windows-1252 turned ``café`` into ``caf‚`` and ``Müller`` into a rejected row,
without a word. What tells is where the bytes stand: a byte after a lower-case letter is, in the
code page it was written in, a lower-case letter (``é``, ``ü``, ``ë``); the others mostly read it
as punctuation or a capital. Switched only when one code page reads nearly all such bytes as
lower-case letters, and the letters of Dutch words best (``sniff``); a file that is then still odd gets a
warning, and a switch is always said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT = "cp1252"
OTHERS = ("cp850", "mac_roman")
SHOWN = {"cp1252": "windows-1252", "cp850": "cp850", "mac_roman": "mac-roman"}
SAMPLE_BYTES = 1 << 20
"""How much of a file ``sniff`` reads (about 5,000 rows of an export)."""
SURE = 0.8
"""The share of the telling bytes another code page must read as lower-case letters to be taken."""

# A byte after an ASCII letter, and what follows it: after a lower-case letter, or between a capital
# and a lower-case one (``Müller``; ``MÜLLER`` tells nothing of case)
_AFTER_LETTER = re.compile(rb"(?<=([A-Za-z]))([\x80-\xff])([a-z]?)")
# Windows-1252 punctuation that follows a word as it is (``it’s``, ``enz…``, ``Excel™``, ``zo”``,
# ``a–b``): no evidence at a word's end; ``’`` none even inside a word
_AFTER_WORD = frozenset(b"\x80\x85\x92\x94\x96\x97\x99")


@dataclass(frozen=True)
class Guess:
    """The code page to read a file's non-UTF-8 lines in, and the first line whose bytes no code
    page read well (``None``: none, or the file is UTF-8)."""

    codepage: str = DEFAULT
    odd_line: int | None = None


def _telling(line: bytes) -> list[int]:
    out = []
    for found in _AFTER_LETTER.finditer(line):
        byte, before_capital, word_goes_on = found[2][0], found[1].isupper(), bool(found[3])
        if byte == 0x92 or (not word_goes_on and (before_capital or byte in _AFTER_WORD)):
            continue
        out.append(byte)
    return out


_DUTCH = frozenset("éëïöüè")
"""The accented letters of Dutch words and of the country names a caseworker types (``Syrië``,
``Oekraïne``): two code pages that both read a byte as a lower-case letter are told apart by
which reads it as one of these (0x89 is ``ë`` in code page 850, ``â`` in Mac Roman)."""


_CHARS = {cp: bytes(range(256)).decode(cp, "replace") for cp in (DEFAULT, *OTHERS)}
"""Each byte as each code page reads it (an undefined byte as U+FFFD): decoded once, not per byte."""


def _lower(byte: int, codepage: str) -> bool:
    return _CHARS[codepage][byte].islower()


def _weight(byte: int, codepage: str) -> int:
    char = _CHARS[codepage][byte]
    return 3 if char in _DUTCH else int(char.islower())


def sniff(sample: bytes, *, cut: bool) -> Guess:
    """The code page of a CSV from its first bytes (``cut``: the file goes on past them, so the last
    line may be cut in a character). A sample with a UTF-8 line that is not ASCII is a UTF-8 file
    (its other lines stay Windows-1252, as they were)."""
    lines = sample.splitlines()
    if cut and lines:
        lines.pop()
    telling: list[int] = []
    first: int | None = None
    for lineno, line in enumerate(lines, 1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            found = _telling(line)
            telling += found
            if first is None and any(not _lower(b, DEFAULT) for b in found):
                first = lineno
            continue
        return Guess()
    if not telling:
        return Guess()
    score = {cp: sum(_weight(b, cp) for b in telling) for cp in (DEFAULT, *OTHERS)}
    best = max(OTHERS, key=lambda cp: score[cp])
    rival = next(cp for cp in OTHERS if cp != best)
    letters = sum(_lower(b, best) for b in telling)
    if score[best] > max(score[DEFAULT], score[rival]) and letters >= SURE * len(telling):
        return Guess(best)
    return Guess(DEFAULT, first)
