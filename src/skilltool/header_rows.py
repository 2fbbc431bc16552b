"""Which of an export's first rows is its header: title rows above it, a header over two rows.

A case system's export often starts with a title (``Export klantvolgsysteem, 01-12-2026``) in
one cell or merged over the width of the sheet, and groups columns under a merged cell
(``Werkervaring`` over ``functie``, ``jaren``, ``land``), the other names merged down over both
rows. The batch asked to remove the title by hand, and a two-row header could not be mapped.

- **Title rows**: leading rows that hold one text only (in one cell, or the same text in every
  cell of a merged range) above a row of two or more names are skipped; a one-column file keeps
  its first row as its header.
- **A header over two rows**: the row right under the header is the header's second row when it
  names two or more columns under a group (a text merged over several cells, or a text followed
  by empty cells as a CSV saved from such a sheet has it), none a number, and holds, outside the
  groups, nothing but empty cells or the name above (a name merged down). A data row does not:
  its client id is not the name above it. When every column is under a group, the upper row
  cannot be the header alone (its names repeat): the lower one is its names when it names every
  column, each once, none a number; so too when a workbook (not a CSV) merged a group over its
  cells and a one-column group stands beside it (``Taal`` over ``Taal NL``: no column of its own either).
  Each column's name is then the lower row's cell, or the upper one's where the lower is empty.

The rows skipped are named by number only in the warning (a title may name a person).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from skilltool.messages import Say, say

_OTHER_DELIMITERS = (";", "\t", "|")  # a comma is common in a title ("Intakes, december")
_NUMBER = re.compile(r"[\d\s.,:/-]+")  # a count, a year, a date: no column name
LOOK_AHEAD = 6
"""The first non-blank rows looked at: up to four title rows, a header and its second row."""


@dataclass(frozen=True)
class Header:
    """The header found: its cells, the row (line) it ends on, how many of the rows looked at
    lie at or above it (not data rows), and what the reader is told."""

    cells: list[str]
    row: int
    taken: int
    warnings: list[Say] = field(default_factory=list)


def _texts(cells: Sequence[str]) -> set[str]:
    return {c.strip() for c in cells if c.strip()}


def _title(cells: Sequence[str]) -> bool:
    """One text only, and no header read with the wrong delimiter (``id;note`` as one cell)."""
    texts = _texts(cells)
    return len(texts) == 1 and not any(d in next(iter(texts)) for d in _OTHER_DELIMITERS)


def _groups(upper: Sequence[str]) -> list[bool]:
    """For each column, whether it belongs to a group: a name repeated over adjacent cells (an
    Excel merge) or followed by empty cells (the same merge saved as CSV)."""
    cells = [c.strip() for c in upper]
    grouped = [False] * len(cells)
    start = 0
    while start < len(cells):
        end = start + 1
        if cells[start]:
            while end < len(cells) and cells[end] in ("", cells[start]):
                end += 1
        if end - start > 1:
            grouped[start:end] = [True] * (end - start)
        start = end
    return grouped


def _merged(upper: Sequence[str]) -> bool:
    """A name repeated over adjacent cells: a workbook's merged group cell, so the row cannot be a
    header by itself (its names repeat), whatever stands beside the groups."""
    cells = [c.strip() for c in upper]
    return any(a and a == b for a, b in itertools.pairwise(cells))


def _names_every_column(upper: Sequence[str], lower: Sequence[str]) -> bool:
    """``lower`` names every column of ``upper``'s width, each once, none a number."""
    names = [c.strip() for c in lower]
    names += [""] * (len(upper) - len(names))
    return all(n and not _NUMBER.fullmatch(n) for n in names) and len(set(names)) == len(names)


def _second_row(upper: Sequence[str], lower: Sequence[str], *, workbook: bool = False) -> bool:
    if workbook and _merged(upper) and len(_texts(upper)) >= 2 and _names_every_column(upper, lower):
        return True  # groups merged over their columns, a one-column group ("Taal" over "Taal NL") beside
    grouped = _groups(upper)
    named: list[str] = []
    for i, cell in enumerate(lower):
        text = cell.strip()
        above = upper[i].strip() if i < len(upper) else ""
        in_group = i < len(grouped) and grouped[i]
        # the name above merged down; under a group, its own name is a column's name too
        # ("Opleiding" under "Opleiding" was skipped, so a sheet of groups only was one name short)
        if not text or (text == above and not in_group):
            continue
        if not in_group or _NUMBER.fullmatch(text):
            return False  # a value under a column of its own, or a number: a data row
        named.append(text)
    if all(grouped):
        # no column of its own to tell a data row (its id) from names; but the groups alone repeat
        # their names, no header to read, so names are under every cell, each once
        return len(named) == len(grouped) == len(set(named)) and len(_texts(upper)) >= 2
    return len(set(named)) >= 2  # a group names two columns or more


def find_header(top: Sequence[tuple[int, Sequence[str]]], *, workbook: bool = False) -> Header:
    """The header among ``top``, the file's first non-blank rows as (row or line number, cells);
    ``workbook``: a sheet's rows, where a name repeated over adjacent cells is a merge (a CSV
    saved from one has the name then empty cells; two equal names there are two columns)."""
    first, cells = top[0]
    at = next((i for i, (_, row) in enumerate(top) if len(_texts(row)) >= 2), None)
    if at is None or not all(_title(row) for _, row in top[:at]):
        return Header(cells=list(cells), row=first, taken=1)
    warnings: list[Say] = []
    if at:
        rows = ", ".join(str(n) for n, _ in top[:at])
        warnings.append(say("warnings.table.title_rows", rows=rows, header=top[at][0]))
    row, upper = top[at]
    header, taken = list(upper), at + 1
    below = top[at + 1] if at + 1 < len(top) else None
    if below is not None and below[0] == row + 1 and _second_row(upper, below[1], workbook=workbook):
        row, lower = top[at + 1]
        width = max(len(upper), len(lower))
        header = [
            (lower[i].strip() if i < len(lower) else "") or (upper[i] if i < len(upper) else "")
            for i in range(width)
        ]
        taken += 1
        warnings.append(say("warnings.table.two_rows", upper=row - 1, lower=row))
    return Header(cells=header, row=row, taken=taken, warnings=warnings)
