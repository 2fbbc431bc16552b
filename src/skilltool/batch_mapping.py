"""Batch column mappings: an export's header -> ``IntakeAnswers``, one row at a time.

A ``ColumnMapping`` (YAML, ``skilltool batch --mapping``) names the column of each answer; it is
checked against the file's header once (``compile_mapping``: every missing required column in
one error, a key that is no answer field in one line), then each row's cells become validated
answers (``batch_answers.row_to_answers``, re-exported here).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from skilltool import header_cells
from skilltool.batch_answers import (
    CompiledMapping,
    Kind,
    RowError,
    _Group,
    _Slot,
    row_to_answers,
    validation_reason,
)
from skilltool.csv_lines import whole_text
from skilltool.errors import InputFileError, SkilltoolError
from skilltool.fsio import read_input
from skilltool.header_cells import header_key
from skilltool.messages import say
from skilltool.models.answers import IntakeAnswers
from skilltool.models.batch import ColumnMapping, ColumnSource, GroupMapping
from skilltool.reference import default_data_dir, parse_model

# reading a row is batch_answers' since the split: RowError, row_to_answers and validation_reason
# are only re-exported here (tests and callers took them from batch_mapping)
__all__ = [
    "DEFAULT_MAPPING",
    "MAX_MAPPING_BYTES",
    "CompiledMapping",
    "RowError",
    "compile_mapping",
    "load_mapping",
    "row_to_answers",
    "validation_reason",
]

DEFAULT_MAPPING = Path("batch") / "default_mapping.yaml"  # inside the data folder


# --- column mapping --------------------------------------------------------------------------


def _strip_optional(annotation: object) -> object:
    """``X | None`` and ``Annotated[X, validator]`` -> ``X`` (the answer rules ride on Annotated)."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return _strip_optional(args[0])
    if typing.get_origin(annotation) is typing.Annotated:
        return _strip_optional(typing.get_args(annotation)[0])
    return annotation


def _resolve(model: type[BaseModel], path: tuple[str, ...], where: str) -> object:
    """The annotation of a dotted path inside ``model``; a one-line error for a typo."""
    current: object = model
    for i, part in enumerate(path):
        fields = current.model_fields if isinstance(current, type) and issubclass(current, BaseModel) else {}
        if part not in fields:
            known = ", ".join(sorted(fields)) or say("errors.mapping.none_known")
            raise InputFileError(
                say("errors.mapping.not_field", where=where, field=repr(".".join(path[: i + 1])), known=known)
            )
        current = _strip_optional(fields[part].annotation)
    return current


def _one_answer(annotation: object, path: tuple[str, ...], where: str) -> None:
    """A column fills one answer: a section (``personal``) or a list of entries (``work``) is
    refused by name. Taken as text, ``personal: gemeente`` replaced the whole section, so every row
    was rejected as having no client id (or met a TypeError), whatever its cells held."""
    name = ".".join(path)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        example = repr(f"{name}.{next(iter(annotation.model_fields))}")
        raise InputFileError(say("errors.mapping.section", where=where, field=repr(name), example=example))
    args = typing.get_args(annotation)
    if (
        typing.get_origin(annotation) is list
        and args
        and isinstance(args[0], type)
        and issubclass(args[0], BaseModel)
    ):
        raise InputFileError(say("errors.mapping.entries", where=where, field=repr(name)))


def _kind(annotation: object) -> tuple[Kind, tuple[str, ...]]:
    origin = typing.get_origin(annotation)
    if origin is list:
        return "list", ()
    if origin is Literal:
        return "choice", tuple(str(a) for a in typing.get_args(annotation))
    if annotation is bool:
        return "bool", ()
    if annotation is int:
        return "int", ()
    if annotation is float:
        return "float", ()
    if annotation is dt.date:
        return "date", ()
    return "text", ()


MAX_MAPPING_BYTES = 1 << 20
"""A mapping names a few dozen columns (the default one is 3 KB): a file this big is another file,
and YAML would parse it whole first (a 50 MB one took 6 s and 385 MB before it was refused)."""


def load_mapping(path: Path | None, *, data_dir: Path | None = None) -> tuple[ColumnMapping, Path, str]:
    """The mapping file (default: ``DATA/batch/default_mapping.yaml``), its path and SHA-256."""
    chosen = path or (data_dir or default_data_dir()) / DEFAULT_MAPPING
    raw = read_input(chosen, say("errors.what.mapping"), limit=MAX_MAPPING_BYTES)
    try:
        text = whole_text(raw, chosen)  # UTF-8, or UTF-16 as Notepad saves it
    except UnicodeDecodeError:
        raise InputFileError(say("errors.mapping.not_utf8", path=chosen)) from None
    try:
        mapping = parse_model(chosen, text, ColumnMapping)
    except SkilltoolError as exc:
        raise InputFileError(exc.text) from None
    return mapping, chosen, hashlib.sha256(raw).hexdigest()


def compile_mapping(
    mapping: ColumnMapping,
    header: list[str],
    *,
    source: str,
    mapping_name: str,
    row_width: int = 0,
    delimiter: str | None = None,
    header_row: int = 1,
) -> CompiledMapping:
    """Check ``mapping`` against ``header`` and compile it (``row_width``: the cells most rows have;
    ``header_row``: the row or line the header was read from, named when it is not the first).

    Raises ``InputFileError`` naming every missing required column at once, or the mapping key
    that is not an answer field.
    """
    columns: dict[str, int] = {}
    copies: dict[str, list[int]] = {}
    keys = [header_key(name) for name in header]
    for i, key in enumerate(keys):
        columns.setdefault(key, i)
        if key:
            copies.setdefault(key, []).append(i)
    twice = {name: positions for name, positions in copies.items() if len(positions) > 1}

    def slot(
        path: tuple[str, ...], src: ColumnSource, model: type[BaseModel], where: str, n: int | None
    ) -> _Slot:
        annotation = _resolve(model, path, where)
        _one_answer(annotation, path, where)
        kind, choices = _kind(annotation)
        column = src.column.replace("{n}", str(n)) if n is not None else src.column
        return _Slot(
            path=path,
            column=column,
            index=columns.get(header_key(column)),
            kind=kind,
            choices=choices,
            split=src.split,
            values={k.casefold(): v for k, v in src.values.items()},
            date_format=src.date_format or mapping.date_format,
        )

    id_src = mapping.fields.get("personal.client_ref")
    if id_src is None:
        raise InputFileError(say("errors.mapping.no_id", path=mapping_name))
    fields = tuple(
        slot(tuple(key.split(".")), src, IntakeAnswers, f"{mapping_name}: fields", None)
        for key, src in mapping.fields.items()
    )
    groups: list[_Group] = []
    for key, group in mapping.groups.items():
        where = f"{mapping_name}: groups.{key}"
        groups.append(_compile_group(key, group, where, slot))

    required = [id_src.column, *mapping.required]
    missing = [c for c in dict.fromkeys(required) if header_key(c) not in columns]
    if missing:
        names = ", ".join(repr(c) for c in missing)
        if len(copies) == 1:  # one column only: a pipe-separated file, or a CSV pasted into column A
            raise InputFileError(say("errors.mapping.one_column", source=source, names=names))
        note = header_cells.missing_note([header_key(c) for c in missing], keys, delimiter)
        # the warning naming title rows comes after this check: the error says which row it read
        row = say("errors.header.row", row=header_row) if header_row > 1 else ""
        raise InputFileError(
            say("errors.mapping.missing_columns", source=source, names=names, row=row, script=note)
        )
    sources = [*fields, *(s for g in groups for e in g.entries for s in e)]  # every slot that reads a column
    _one_column_one_answer(fields, groups, mapping_name)
    used = {s.index for s in sources}
    for positions in twice.values():
        if positions[0] in used:
            *first, last = (str(i + 1) for i in positions)
            numbers = say("errors.mapping.and", first=", ".join(first), last=last)
            raise InputFileError(
                say(
                    "errors.mapping.twice",
                    source=source,
                    column=repr(header[positions[0]].strip()),
                    count=len(positions),
                    numbers=numbers,
                )
            )
    unused = header_cells.unused_columns(header, keys, used, columns, [header_key(s.column) for s in sources])
    id_slot = next(s for s in fields if s.path == ("personal", "client_ref"))
    assert id_slot.index is not None
    return CompiledMapping(
        id_index=id_slot.index,
        id_column=id_slot.column,
        width=len(header),
        fields=fields,
        groups=tuple(groups),
        null_values=frozenset(v.casefold() for v in mapping.null_values),
        unused_columns=unused,
        row_width=row_width,
    )


def _one_column_one_answer(fields: tuple[_Slot, ...], groups: list[_Group], mapping_name: str) -> None:
    """Two answers on one column (a line copied, its column unchanged): each cell went into both."""
    named = [(".".join(s.path), s) for s in fields]
    named += [(".".join((*g.path, *s.path)), s) for g in groups for e in g.entries for s in e]
    readers: dict[int, str] = {}
    for name, s in named:
        if s.index is not None and (first := readers.setdefault(s.index, name)) != name:
            where = {"path": mapping_name, "column": repr(s.column)}
            raise InputFileError(say("errors.mapping.column_twice", **where, first=first, second=name))


def _compile_group(key: str, group: GroupMapping, where: str, slot: Callable[..., _Slot]) -> _Group:
    path = tuple(key.split("."))
    annotation = _resolve(IntakeAnswers, path, where)
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is not list or not args or not issubclass(args[0], BaseModel):
        raise InputFileError(say("errors.mapping.not_list", where=where, key=repr(key)))
    item: type[BaseModel] = args[0]
    if (group.numbered is None) == (group.split is None):
        raise InputFileError(say("errors.mapping.numbered_or_split", where=where))
    if group.numbered is not None:
        for name, src in group.fields.items():
            if "{n}" not in src.column and group.numbered > 1:  # numbered: 1 may name its columns
                raise InputFileError(say("errors.mapping.needs_n", where=f"{where}.fields.{name}"))
        entries = tuple(
            tuple(
                slot(tuple(name.split(".")), src, item, f"{where}.fields", n)
                for name, src in group.fields.items()
            )
            for n in range(1, group.numbered + 1)
        )
    else:
        entries = (
            tuple(
                slot(tuple(name.split(".")), src, item, f"{where}.fields", None)
                for name, src in group.fields.items()
            ),
        )
    return _Group(path=path, split=group.split, entries=entries)
