"""One batch row's cells -> validated ``IntakeAnswers`` (``row_to_answers``), by the compiled
mapping every row is read with (``CompiledMapping``; ``batch_mapping.compile_mapping`` makes it
from a mapping file and the export's header).

Cell types follow the answer model: numbers with a decimal comma, Dutch yes/no words, d-m-Y
dates, list cells split on a separator, repeating groups as numbered columns or delimited cells.
A ``RowError`` names the column and why, never the cell's content.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import ValidationError

from skilltool import datafiles, header_cells, messages
from skilltool.models.answers import IntakeAnswers, check_together
from skilltool.models.values import answer_date, birth_date_year, yes_no
from skilltool.tabular import ragged
from skilltool.xlsx import ValueCell

_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")
_DECIMAL = re.compile(r"^-?\d+\.\d+$")
MAX_CELL = 100_000


# --- messages --------------------------------------------------------------------------------


def reason_text(key: str, lang: str, **kwargs: object) -> str:
    """A row's reason for errors.csv: catalogue key ``reason.row.<key>`` in ``lang``."""
    return messages.t(f"reason.row.{key}", lang, **kwargs)


# --- the compiled mapping ----------------------------------------------------------------

Kind = Literal["text", "int", "float", "date", "bool", "list", "choice"]


@dataclass(frozen=True)
class _Slot:
    """One compiled mapping entry: answer path, column index and how to read the cell."""

    path: tuple[str, ...]
    column: str
    index: int | None
    kind: Kind
    choices: tuple[str, ...] = ()
    split: str | None = None
    values: dict[str, str] = field(default_factory=dict)
    date_format: str | None = None


@dataclass(frozen=True)
class _Group:
    path: tuple[str, ...]
    split: str | None
    entries: tuple[tuple[_Slot, ...], ...]  # numbered: one tuple per n; split: one tuple


@dataclass(frozen=True)
class CompiledMapping:
    """A column mapping checked against one header: everything a worker needs per row."""

    id_index: int
    id_column: str
    width: int
    fields: tuple[_Slot, ...]
    groups: tuple[_Group, ...]
    null_values: frozenset[str]
    unused_columns: tuple[header_cells.Unused, ...]
    """Header cells the mapping does not read: by column, named only near a mapped column's name."""
    row_width: int = 0
    """The cells most rows of the CSV have (``tabular.TableInfo.row_width``; 0: not known)."""

    @functools.cached_property
    def field_columns(self) -> dict[tuple[str | int, ...], str]:
        """The column of each single answer (answer path -> column name): the same for every row."""
        return {slot.path: slot.column for slot in self.fields}


# --- one row -> answers ----------------------------------------------------------------------


class RowError(Exception):
    """A row that cannot become answers: the column (or field) and the reason."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


@functools.lru_cache(maxsize=4096)
def _date(text: str, extra_format: str | None) -> dt.date:
    """``answer_date`` of a cell's text, memoised: an export repeats its dates (a few thousand
    permit dates a year), and each one tried ``strptime`` format by format (~30 us). Dates are
    immutable, so sharing them is safe; a text that is not a date raises each time (not cached)."""
    return answer_date(text, extra_format=extra_format)


_SERIAL_DATE = re.compile(r"[1-9]\d{4}")
"""Five digits where a date belongs: Excel's day number of a date (45365 is 2024-03-14) in a CSV
saved from a column formatted as General or Number. Never turned into a date: a workbook may
count from 1900 or from 1904, and the CSV does not say which."""


def _number_cell(slot: _Slot, raw: str, text: str, lang: str) -> str:
    """A number cell's text as the model reads it (``2,5`` as ``2.5``, ``32.0`` as a whole ``32``),
    or a ``RowError`` that says what it is, not "not a whole number": a workbook's date, time or
    TRUE/FALSE (``xlsx.ValueCell``: a birth year typed into a date column is day 1987 since 1900),
    or a fraction in a whole-number field (``32,5`` hours: never rounded; give whole hours)."""
    what = "fraction" if slot.kind == "int" else ""
    if isinstance(raw, ValueCell):
        what = "excel_bool_not_number" if raw in ("true", "false") else "excel_date_not_number"
    text = text.replace(",", ".") if _DECIMAL_COMMA.match(text) else text
    if isinstance(raw, ValueCell) or (what and _DECIMAL.match(text) and text.split(".")[1].strip("0")):
        raise RowError(slot.column, messages.t(f"reason.value.{what}", lang))
    return text.split(".")[0] if what and _DECIMAL.match(text) else text


def _convert(
    slot: _Slot, raw: str, nulls: frozenset[str], lang: str = "en"
) -> str | bool | dt.date | list[str] | None:
    """A cell's text -> the value to validate (None: no answer)."""
    if not raw and "" in nulls and "" not in slot.values:  # most cells of a wide export: the rule below
        return None
    text = "" if header_cells.blank(raw) else raw.strip()  # a byte-order mark only too: empty
    low = text.casefold()
    if low in slot.values:
        text = slot.values[low].strip()
        low = text.casefold()
    if low in nulls:
        return None
    if slot.kind == "list":
        parts = text.split(slot.split) if slot.split else [text]
        return [p.strip() for p in parts if not header_cells.blank(p) and p.strip().casefold() not in nulls]
    if slot.kind == "bool":
        try:
            return yes_no(text)
        except ValueError:
            return text  # the model refuses it, naming the rule
    if slot.kind in ("int", "float"):
        if slot.path == ("personal", "birth_year") and (year := birth_date_year(raw, slot.date_format)):
            return year  # a case system's "Geboortedatum": the profile keeps the year only
        return _number_cell(slot, raw, text, lang)
    if slot.kind == "date":
        try:  # the date itself: the model's rule takes it as it is (the text would be parsed twice)
            return _date(text, slot.date_format)
        except ValueError:
            if _SERIAL_DATE.fullmatch(text):  # 45365: a date column Excel saved as its day number
                raise RowError(slot.column, messages.t("reason.value.excel_serial_date", lang)) from None
            return text  # the model refuses it, naming the rule
    if slot.kind == "choice":
        for choice in slot.choices:
            if choice.casefold() == low:
                return choice
        return text
    return text


# dynamic: the answers mapping is nested by each slot's path; IntakeAnswers validates its shape
def _put(target: dict[str, Any], path: tuple[str, ...], value: object) -> None:
    for part in path[:-1]:
        target = target.setdefault(part, {})
    target[path[-1]] = value


# Unicode's other line breaks, as the line break they are: left in an answer they went raw into
# a line of profiles.jsonl (JSON escapes only C0), which str.splitlines() and JavaScript readers
# cut in two, so that one profile read as two broken lines
_LINE_BREAKS = str.maketrans(dict.fromkeys("\u2028\u2029\x85", "\n"))


def _cell(cells: list[str], slot: _Slot) -> str:
    if slot.index is None or slot.index >= len(cells):
        return ""
    cell = cells[slot.index]
    return cell if cell.isascii() else cell.translate(_LINE_BREAKS)


def row_to_answers(
    cells: list[str], mapping: CompiledMapping, *, lang: str = "en", client_ref: str | None = None
) -> IntakeAnswers:
    """One row's cells -> validated ``IntakeAnswers``; a ``RowError`` names the column and why.

    ``client_ref`` replaces the id cell (pseudonymisation). Error messages never repeat a
    cell's content, only its column.
    """
    return row_answers_and_columns(cells, mapping, lang=lang, client_ref=client_ref)[0]


def row_answers_and_columns(
    cells: list[str], mapping: CompiledMapping, *, lang: str, client_ref: str | None
) -> tuple[IntakeAnswers, dict[tuple[str | int, ...], str]]:
    """``row_to_answers``, and the column each answer came from (answer path -> column name), so
    that an error found later, while building the profile, can name its column."""
    if ragged(cells, mapping.width, mapping.row_width):
        raise RowError("", reason_text("ragged", lang, n=len(cells), m=mapping.width))
    if max(map(len, cells), default=0) > MAX_CELL:  # rare: find which cell, only then
        for i, cell in enumerate(cells):
            if len(cell) > MAX_CELL:
                slots = (*mapping.fields, *(s for g in mapping.groups for e in g.entries for s in e))
                column = next(
                    (s.column for s in slots if s.index == i),
                    messages.t("errors.batch.column_n", lang, n=i + 1),
                )
                raise RowError(column, reason_text("too_long", lang, n=len(cell), limit=MAX_CELL))
    data: dict[str, Any] = {}
    columns = dict(mapping.field_columns)
    nulls = mapping.null_values
    # an empty cell that is no answer (``_convert``'s first rule) is passed over without its two
    # calls: most cells of a row are empty (32 of 48 a row in bench/batch.py's rows)
    n_cells, empty_null = len(cells), "" in nulls
    for slot in mapping.fields:
        at = slot.index
        if empty_null and (at is None or at >= n_cells or not cells[at]) and "" not in slot.values:
            continue
        value = _convert(slot, _cell(cells, slot), nulls, lang)
        if value is not None and value != []:
            _put(data, slot.path, value)
    if client_ref is not None:
        _put(data, ("personal", "client_ref"), client_ref)
    for group in mapping.groups:
        items: list[dict[str, Any]] = []
        if group.split is None:
            for entry in group.entries:
                item: dict[str, Any] = {}
                for slot in entry:
                    at = slot.index
                    if not empty_null or (at is not None and at < n_cells and cells[at]) or "" in slot.values:
                        value = _convert(slot, _cell(cells, slot), nulls, lang)
                        if value is not None and value != []:
                            _put(item, slot.path, value)
                    columns[(*group.path, len(items), *slot.path)] = slot.column
                if item:
                    items.append(item)
        else:
            entry = group.entries[0]
            for slot in entry:  # the split parts are plain text: a date cell is found whole
                _ = slot.kind in ("int", "float") and _number_cell(slot, _cell(cells, slot), "", lang)
            split_cells = [
                (slot, _cell(cells, slot).split(group.split) if _cell(cells, slot).strip() else [])
                for slot in entry
            ]
            lengths = {len(v) for _, v in split_cells if v}
            if len(lengths) > 1:
                counts = " / ".join(f"{s.column}: {len(v)}" for s, v in split_cells if v)
                raise RowError(entry[0].column, reason_text("group_mismatch", lang, counts=counts))
            for k in range(max(lengths, default=0)):
                item = {}
                for slot, parts in split_cells:
                    value = _convert(slot, parts[k], nulls, lang) if parts else None
                    if value is not None and value != []:
                        _put(item, slot.path, value)
                    columns[(*group.path, len(items), *slot.path)] = slot.column
                if item:
                    items.append(item)
        if items:
            _put(data, group.path, items)
    if "personal" not in data or "client_ref" not in data["personal"]:
        raise RowError(mapping.id_column, reason_text("no_id", lang))
    try:
        return check_together(IntakeAnswers.model_validate(data)), columns  # and together
    except ValidationError as exc:
        errors = exc.errors()
        first = errors[0]
        column = _column_of(tuple(first["loc"]), columns)
        # the other problems' columns too: "(+2 more)" left the row to be fixed one run at a time
        others = dict.fromkeys(_column_of(tuple(e["loc"]), columns) for e in errors[1:])
        more = (
            messages.t("errors.row_more", lang, n=len(errors) - 1, columns=", ".join(others))
            if others
            else ""
        )
        raise RowError(column, f"{validation_reason(first, lang)}{more}") from None


def _column_of(loc: tuple[str | int, ...], columns: dict[tuple[str | int, ...], str]) -> str:
    """The column of the answer at ``loc``; an item of a list from one cell (``skills.free_text.1``
    of ``vaardigheden``, split by ``|``) is its list's column, else the answer's path."""
    for end in range(len(loc), 0, -1):
        if (column := columns.get(loc[:end])) is not None:
            return column
    return ".".join(map(str, loc))


def validation_reason(error: Mapping[str, object], lang: str) -> str:
    """One pydantic error as a short reason in ``lang``; never the input value itself (the rule
    is ``datafiles.validation_reason``'s, shared with data files and profiles)."""
    return datafiles.validation_reason(error).render(lang)
