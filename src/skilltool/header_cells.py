"""The header cells a batch's mapping does not read, as its warning may name them.

A header cell is what someone typed into the export's first row: mostly a column name, but a
note typed there (``Jan Jansen belt terug``) went into the warning on the terminal and into
``manifest.json`` as it was (the thirteenth review masked only numbers and e-mail addresses). A
cell is named by its place (``column 7``); its text is shown only when it is near a column the
mapping names (``Beroep1`` for ``beroep_1``: a typo the reader wants to see, and no note).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from skilltool import messages
from skilltool.messages import Say, say

# invisible in a spreadsheet, so never part of a column's name as a person sees it: a soft hyphen,
# zero-width spaces and joiners, bidi marks, a byte-order mark (pasted headers bring them along)
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def blank(text: str) -> bool:
    """Nothing a person sees: white space and the invisible characters above only (a byte-order
    mark pasted in with a second export, a zero-width space). A cell of them is an empty cell,
    as Excel shows it: it became a job with an invisible title, a municipality or a skill of a
    zero-width space in a batch's profile, and a coding job's "no letters or digits" to review.
    ``isprintable`` first: a cell of letters costs no regex."""
    return not text.strip() or (not text.isprintable() and not _INVISIBLE.sub("", text).strip())


def header_key(text: str) -> str:
    """A header cell or a mapping's column name as they are compared: case, surrounding spaces and
    invisible characters aside (``klantnummer\u200b`` was 'missing' while the sheet showed it), and
    Unicode's ways of writing the same letters (NFKC: a Mac export's decomposed ``e`` + ``\u0308``
    was not the mapping's ``ë``, nor full-width ``ｋｌａｎｔ`` ``klant``), and the white space between
    words as one space: a header cell wrapped in Excel (Alt+Enter: ``Datum\nvergunning``) or with
    two spaces looks like the mapping's ``Datum vergunning`` and was "missing"."""
    return " ".join(unicodedata.normalize("NFKC", _INVISIBLE.sub("", text)).split()).casefold()


SHOWN = 8
"""How many unused columns the warning names; the rest are counted."""
NEAR = 0.75
"""``difflib`` ratio from which a cell is taken to be a mapped column's name mistyped (as an
unknown key is taken for a field's, ``field_names``)."""
_LONGEST = 60  # a longer cell is no column name: never shown


@dataclass(frozen=True)
class Unused:
    """A header cell the mapping does not read: its column (from 1), its text when it may be
    shown (else ``None``), and for a second copy of a header cell the column of the first."""

    position: int
    name: str | None = None
    copy_of: int | None = None


def _near(key: str, mapped: Sequence[str]) -> bool:
    return (
        bool(key) and len(key) <= _LONGEST and bool(difflib.get_close_matches(key, mapped, n=1, cutoff=NEAR))
    )


def unused_columns(
    header: Sequence[str],
    keys: Sequence[str],
    used: set[int | None],
    first: dict[str, int],
    mapped: Iterable[str],
) -> tuple[Unused, ...]:
    """The header's cells that are not blank and not in ``used`` (indexes), each as an ``Unused``.

    ``keys``: each cell as the mapping compares it (``header_key``); ``first``: the
    index of a key's first cell; ``mapped``: the keys of every column the mapping names. Only the
    first ``SHOWN`` are compared with the mapping's names: the others are counted, not named."""
    names = sorted(set(mapped))
    out: list[Unused] = []
    for i, cell in enumerate(header):
        if i in used or not cell.strip():
            continue
        key = keys[i]
        copy_of = first[key] + 1 if first.get(key, i) != i else None
        # a second copy is named by the first's column, never its text again: "Beroep1 (column 48),
        # Beroep1 (column 49, a second copy)" did not say which column it copied
        near = copy_of is None and len(out) < SHOWN and _near(key, names)
        shown = messages.clip(cell.strip(), _LONGEST) if near else None
        out.append(Unused(position=i + 1, name=shown, copy_of=copy_of))
    return tuple(out)


def described(column: Unused) -> Say:
    """An unused column as the warning names it: ``column 7``, ``Beroep1 (column 7)``, or a
    second copy (``column 9 (a second copy of column 4)``)."""
    if column.copy_of is not None:
        return say("warnings.batch.second_copy_at", n=column.position, first=column.copy_of)
    if column.name is not None:
        return say("warnings.batch.column_named", column=column.name, n=column.position)
    return say("warnings.batch.column_at", n=column.position)


def other_script(want: str, keys: Sequence[str]) -> Say | str:
    """A header cell that is the column ``want`` but for a letter of another script, as the
    "missing column" error's note (else ""): ``klаntnummer``, its ``а`` Cyrillic, looks the same in
    every font, and the error named the column missing beside a cell that showed it. ``want`` and
    ``keys`` as compared (``header_key``); at most a third of the letters differ (a
    word pasted from a text in another script, not a header in that language)."""
    for i, key in enumerate(keys):
        if len(key) != len(want):
            continue
        diff = [(a, b) for a, b in zip(want, key, strict=True) if a != b]
        if diff and 3 * len(diff) <= len(want) and all("" != _script(a) != _script(b) != "" for a, b in diff):
            (latin, letter), name = diff[0], repr(messages.clip(want, _LONGEST))
            shown = f"U+{ord(letter):04X} {unicodedata.name(letter)}"
            return say("errors.header.other_script", n=i + 1, letter=shown, name=name, latin=repr(latin))
    return ""


def missing_note(missing: Sequence[str], keys: Sequence[str], delimiter: str | None) -> Say | str:
    """The "missing column" error's note on the header (else ""): a cell that is a missing column
    but for a letter of another script, or one that joins missing columns by another separator.
    ``missing`` and ``keys`` as compared (``header_key``); ``delimiter``: the CSV's (None: a
    workbook's)."""
    for want in missing:
        if script := other_script(want, keys):
            return script
    return joined_columns(missing, keys, delimiter)


_SEPARATORS = (",", ";", "\t", "|")


def joined_columns(missing: Sequence[str], keys: Sequence[str], delimiter: str | None) -> Say | str:
    """A header cell that holds missing columns joined by another separator than the file's
    ``delimiter`` (None: a workbook's), as the "missing column" error's note (else ""): a header
    typed with ``,`` in a file of ``;`` (``klantnummer,geboortejaar;gemeente``) is read with one
    cell ``klantnummer,geboortejaar``, and the error named those columns missing without a word on
    why. ``missing`` and ``keys`` as compared (``header_key``); the cell is named by its place."""
    wanted = set(missing)
    for i, key in enumerate(keys):
        for sep in _SEPARATORS:
            if sep == delimiter or sep not in key:
                continue
            found = [part for part in (header_key(p) for p in key.split(sep)) if part in wanted]
            if found:
                names = ", ".join(repr(messages.clip(n, _LONGEST)) for n in found)
                return say("errors.header.joined", n=i + 1, names=names, sep=repr(sep))
    return ""


def _script(char: str) -> str:
    """A letter's script as Unicode names it (``LATIN``, ``CYRILLIC``); "" for no letter."""
    return unicodedata.name(char, "").split(" ")[0] if char.isalpha() else ""
