"""Batch: the default column mapping checked against the template it describes, and ``batch
template`` (the mapping with an example CSV and XLSX that it reads)."""

from __future__ import annotations

from pathlib import Path

from skilltool import fsio, table_out
from skilltool.batch_mapping import DEFAULT_MAPPING, compile_mapping, load_mapping
from skilltool.errors import DataFileError, InputFileError, OutputError, UsageError
from skilltool.messages import say
from skilltool.models.batch import ColumnMapping
from skilltool.reference import ReferenceData, load_model

FILE_ENDINGS = (".yaml", ".yml", ".csv", ".xlsx", ".json")
"""What ``batch template --out`` is given when a mapping file is meant: it takes a folder."""


def check_default_mapping(ref: ReferenceData) -> int:
    """``data validate``: the default mapping loads and every key is an answer field; counts columns."""
    path = ref.path(str(DEFAULT_MAPPING))
    mapping = load_model(path, ColumnMapping)
    header, _ = template_rows(mapping)
    try:
        compiled = compile_mapping(mapping, header, source=str(path), mapping_name=str(path))
    except InputFileError as exc:
        raise DataFileError(exc.text) from None
    return len(compiled.fields) + sum(len(e) for g in compiled.groups for e in g.entries)


def write_template(
    out: Path, *, lang: str = "nl", data_dir: Path | None = None, force: bool = False
) -> list[Path]:
    """``batch template``: the default mapping and an example CSV and XLSX that it reads. A file
    of those names already in ``out`` (a mapping made from an earlier template) is refused, and
    replaced only with ``force`` (the rule of every ``--out``). An ``out`` that is a file or a
    dangling link is one line, as for a batch (it was "OUT/mapping.yaml: cannot write (File
    exists)": ``fsio.check_out_folder``). A new ``out`` named like a file (``mapping.yaml``) is
    refused before a folder of that name is made: the three files would land inside it."""
    fsio.check_out_folder(out)
    if not out.exists() and out.suffix.casefold() in FILE_ENDINGS:
        raise UsageError(say("errors.batch.template_out_named_file", path=out, folder=out.with_suffix("")))
    mapping, mpath, _ = load_mapping(None, data_dir=data_dir)
    header, rows = template_rows(mapping)
    paths = [out / "mapping.yaml", out / "intakes.csv", out / "intakes.xlsx"]
    if not force and (taken := [p for p in paths if p.exists() or p.is_symlink()]):
        raise OutputError(say("errors.batch.template_taken", path=taken[0]))
    fsio.write_bytes(paths[0], mpath.read_bytes())
    table_out.write_csv(paths[1], header, rows)
    table_out.write_xlsx(paths[2], header, rows, title="intakes")
    return paths


TEMPLATE_EXAMPLES: list[dict[str, str]] = [
    {
        "personal.client_ref": "K-0001",
        "personal.birth_year": "1988",
        "personal.country_of_origin": "Syrië",
        "personal.permit_date": "14-03-2024",
        "personal.municipality": "Utrecht",
        "languages.mother_tongues": "Arabisch",
        "languages.dutch_cefr": "A2",
        "work.title": "lasser",
        "work.years": "6",
        "work.country": "Syrië",
        "education.qualification": "Secondary Vocational Certificate",
        "education.country": "Syrië",
        "education.years": "3",
        "education.completed": "ja",
    },
    {
        "personal.client_ref": "K-0002",
        "personal.birth_year": "1995",
        "personal.country_of_origin": "Eritrea",
        "personal.permit_date": "2023-11-02",
        "personal.municipality": "Utrecht",
        "languages.mother_tongues": "Tigrinya",
        "languages.dutch_cefr": "A1",
        "work.title": "kapster",
        "work.years": "4",
        "work.country": "Eritrea",
    },
]


def template_rows(mapping: ColumnMapping) -> tuple[list[str], list[list[str]]]:
    """The header a mapping reads (numbered groups up to 2) and two example people."""
    header: list[str] = []
    keys: list[str] = []
    for key, src in mapping.fields.items():
        header.append(src.column)
        keys.append(key)
    for gkey, group in mapping.groups.items():
        top = min(group.numbered or 1, 2)
        for n in range(1, top + 1):
            for fkey, src in group.fields.items():
                header.append(src.column.replace("{n}", str(n)))
                keys.append(f"{gkey}.{fkey}" if n == 1 else "")
    rows = [[example.get(k, "") if k else "" for k in keys] for example in TEMPLATE_EXAMPLES]
    return header, rows
