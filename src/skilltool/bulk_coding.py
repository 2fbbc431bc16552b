"""Bulk coding as a file job: ``occupation code --input FILE --column NAME --out FILE`` (and ``skill``).

Reads a CSV, XLSX or Parquet file row by row, codes one text column with the occupation or the
skill coder and writes every input row again, with its original columns and the candidates as
extra columns (``occupation_1_uri``, ``occupation_1_isco``, ... up to ``--top``). The output kind
follows the ``--out`` suffix (``.csv``, ``.xlsx``, ``.parquet``); it is written to a temporary file
next to it, owner-only, and renamed into place at the end (``fsio``), so a crash leaves no half file.

Streaming: rows are read, coded and written in blocks of ``BLOCK`` rows; memory does not grow with
the file. Repeated texts are coded once (a bounded memo). With ``engine="dask"`` the blocks are
coded on a dask.distributed cluster (each worker builds the coder once, on its first block) and
written here in input order (``bulk_output``).

Every input row gives one output row, blank ones included, so the output lines up with the input.
A row with more cells than the header (an unquoted separator in a cell shifts its columns) or with
damaged bytes (NUL, a byte neither UTF-8 nor Windows-1252) is written with its first cells, not
coded, with the reason in ``{kind}_problem``; the job goes on and names those rows in one warning.
"""

from __future__ import annotations

import difflib
import itertools
import math
import re
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from skilltool import csv_lines, engine_options, fsio, messages, reader_options, tabular
from skilltool.batch_processor import MemoCoder
from skilltool.bulk_output import Block, Row, arrow_schema, check_names, write
from skilltool.errors import InputFileError, UsageError
from skilltool.header_cells import blank, header_key, other_script
from skilltool.messages import Say, say, t
from skilltool.occupations import OccupationCoder, SkillCoder
from skilltool.parquet_input import DecodedBudget, check_packing, python_values
from skilltool.reference import ReferenceData

if TYPE_CHECKING:
    from concurrent.futures import Future

    import pyarrow as pa

    from skilltool.models import CodingResult, SkillCodingResult


class Unread(list[object]):
    """A row that cannot be trusted as read: more cells than the header (its columns may be
    shifted) or damaged bytes (``tabular.BadBytes``). Written with its first cells, not coded (its
    text is not sent to the coder); ``problem`` is the catalogue key and fields of the reason."""

    def __init__(self, cells: list[object], *, rowno: int, problem: tuple[str, dict[str, object]]) -> None:
        super().__init__(cells)
        self.rowno = rowno
        self.problem = problem


def _texts(block: Block, column: int) -> list[object]:
    """The cells to code: an unread row's is ``None`` (not coded)."""
    return [None if isinstance(row, Unread) else _missing_as_none(row[column]) for row in block]


def _missing_as_none(value: object) -> object:
    """A Parquet float column's NaN is a missing value, as pandas writes one: it was coded as the
    title "nan" (a nanoengineer, to review); now it is an empty cell, counted as such."""
    return None if isinstance(value, float) and math.isnan(value) else value


class TextCoder(Protocol):
    """What a file job needs of a coder: ``OccupationCoder``, ``SkillCoder`` or a ``MemoCoder`` of one."""

    def code(self, text: str, *, lang: str = ..., top: int = ...) -> CodingResult | SkillCodingResult: ...


Kind = Literal["occupation", "skill"]
BLOCK = 2_000
KINDS = (".csv", ".xlsx", ".parquet")
FIELDS: dict[str, tuple[str, ...]] = {
    "occupation": ("uri", "isco", "label", "matched", "score"),
    "skill": ("id", "label", "matched", "score"),
}


def candidate_columns(kind: Kind, top: int) -> list[str]:
    """The columns added to every row: candidates best first, then review and problem."""
    cols = [f"{kind}_{n}_{f}" for n in range(1, top + 1) for f in FIELDS[kind]]
    return [*cols, f"{kind}_needs_review", f"{kind}_problem"]


@dataclass(frozen=True)
class CodingSpec:
    """What to code and how; small and picklable (sent to Dask workers)."""

    kind: Kind
    data_dir: Path | None
    lang: str
    top: int
    deep: bool = False  # occupations: the embedding opinion for flagged English titles (`embed` extra)


def _build_coder(spec: CodingSpec) -> TextCoder:
    ref = ReferenceData(spec.data_dir)
    if spec.kind == "occupation":
        return OccupationCoder.from_reference(
            ref, deep=spec.deep
        )  # memoises its rankings; codes a block at once
    return MemoCoder(SkillCoder.from_reference(ref), size=16_384)


def _values(kind: Kind, result: CodingResult | SkillCodingResult, top: int) -> Row:
    values: Row = []
    for n in range(top):
        c = result.candidates[n] if n < len(result.candidates) else None
        if c is None:
            values += [None] * len(FIELDS[kind])
        elif kind == "occupation":
            values += [c.uri, c.isco, c.label, c.matched, round(c.score, 1)]  # type: ignore[union-attr]
        else:
            values += [c.skill_id, c.label, c.matched, round(c.score, 1)]  # type: ignore[union-attr]
    return [*values, result.needs_review, result.problem]


def code_block(spec: CodingSpec, texts: Sequence[object]) -> Block:
    """The candidate columns for each cell (``None`` or blank: an empty cell, not coded). Job
    titles are coded as one batch (``OccupationCoder.code_many``: the same answers, faster)."""
    coder = _coder_for(spec)
    empty: Row = [None] * (len(FIELDS[spec.kind]) * spec.top + 2)
    filled = list(dict.fromkeys(str(text) for text in texts if text is not None and not blank(str(text))))
    if isinstance(coder, OccupationCoder):  # each distinct text once
        values = [
            _values(spec.kind, r, spec.top) for r in coder.code_many(filled, lang=spec.lang, top=spec.top)
        ]
    else:
        values = [
            _values(spec.kind, coder.code(text, lang=spec.lang, top=spec.top), spec.top) for text in filled
        ]
    of_text = dict(zip(filled, values, strict=True))
    return [empty if text is None or blank(str(text)) else of_text[str(text)] for text in texts]


_CODERS: dict[CodingSpec, TextCoder] = {}


def _coder_for(spec: CodingSpec) -> TextCoder:
    """The coder for ``spec`` in this process: built once, then kept (also in a Dask worker)."""
    coder = _CODERS.get(spec)
    if coder is None:
        _CODERS.clear()
        coder = _CODERS[spec] = _build_coder(spec)
    return coder


# --- reading ---------------------------------------------------------------------------------


@dataclass
class Source:
    """An input file: its header, row count, the text column and its blocks of rows."""

    path: Path
    header: list[str]
    rows: int
    column: int
    blocks: Callable[[], Iterator[Block]]
    arrow_schema: pa.Schema | None = None
    warnings: list[Say] = field(default_factory=list)


def _open_source(
    path: Path, column: str, *, sheet: str | None, delimiter: str | None, encoding: str | None = None
) -> Source:
    given = csv_lines.parse_encoding(encoding)  # a bad name is said for a Parquet file too
    reader_options.check(path, encoding=encoding, delimiter=delimiter, sheet=sheet)
    if path.suffix.lower() == ".parquet":
        return _parquet_source(path, column)
    info = tabular.inspect(path, delimiter=tabular.parse_delimiter(delimiter), sheet=sheet, encoding=given)
    index = _column_index(path, info.header, column)
    width = len(info.header)

    def blocks() -> Iterator[Block]:
        block: Block = []
        for rowno, cells in tabular.iter_rows(info):
            row: Row = [*cells[:width], *[""] * (width - len(cells))]
            if isinstance(cells, tabular.BadBytes):
                row = Unread(row, rowno=rowno, problem=(f"reason.row.bad_{cells.what}", {"byte": cells.byte}))
            elif isinstance(cells, tabular.HeaderAgain):  # two exports pasted together: no title
                row = Unread(row, rowno=rowno, problem=("reason.row.header_again", {}))
            elif isinstance(cells, tabular.SplitRecord):  # a line break cut the row: its title may be cut
                cut: dict[str, object] = {"first": cells.first, "last": cells.last}
                row = Unread(row, rowno=rowno, problem=("reason.row.split_line", cut))
            elif tabular.ragged(cells, width, info.row_width):
                fields: dict[str, object] = {"count": len(cells), "width": width}
                row = Unread(row, rowno=rowno, problem=("coding.problem.ragged", fields))
            block.append(row)
            if len(block) >= BLOCK:
                yield block
                block = []
        if block:
            yield block

    return Source(
        path=path,
        header=info.header,
        rows=info.rows,
        column=index,
        blocks=blocks,
        warnings=_coding(info.warnings),
    )


def _coding(warnings: list[Say]) -> list[Say]:
    """The reader's warnings as they hold for a coding job: a line caught in an unclosed quote is
    coded on its own (a batch rejects it; the reader's text says so)."""
    return [
        say("warnings.csv.unclosed_quote_coded", **w.params) if w.key == tabular.QUOTE_WARNING else w
        for w in warnings
    ]


def _column_index(path: Path, header: list[str], column: str) -> int:
    """The column named ``column`` (exactly, else ignoring case and invisible characters, as a
    batch's mapping does: ``header_cells.header_key``); two such columns are refused
    (which one to code would be a guess)."""
    for same in (str.strip, header_key):
        found = [i for i, name in enumerate(header) if same(name) == same(column)]
        if len(found) > 1:
            where = ", ".join(str(i + 1) for i in found)
            raise InputFileError(say("errors.bulk.column_twice", path=path, column=repr(column), where=where))
        if found:
            return found[0]
    # a file without a header has a data row here: when a cell is a number or a date (a birth year,
    # a BSN) or an e-mail address the row is data, and said so
    if any(_DATA_CELL.fullmatch(h.strip()) or _EMAIL.search(h) for h in header):
        raise InputFileError(say("errors.bulk.no_column_data", path=path, column=repr(column)))
    if len({h.strip() for h in header if h.strip()}) == 1:
        # one name only: a title line above the header (merged over the columns in a workbook, it
        # was listed once per column) or a file of one column; the batch says so too
        raise InputFileError(say("errors.bulk.one_name", path=path, column=repr(column)))
    # a first row of data without numbers (``Jan Jansen;Syrië;diabetes``) was listed whole: only the
    # names near the one asked for are shown (a typo of a header's name), never the row
    names = {header_key(h): h.strip() for h in header if h.strip()}
    near = difflib.get_close_matches(header_key(column), list(names), n=3, cutoff=0.6)
    if near:
        shown = ", ".join(repr(_named(names[k])) for k in near)
        script = other_script(header_key(column), [header_key(h) for h in header])
        params = {"column": repr(column), "names": shown, "script": script}
        raise InputFileError(say("errors.bulk.no_column_near", path=path, **params))
    raise InputFileError(say("errors.bulk.no_column", path=path, column=repr(column), n=len(names)))


def _named(cell: str) -> str:
    """A header cell as the "no column" error lists it: cut to 40, long numbers as ``#``, a phone
    number or BSN in groups and an e-mail address masked (``tel 06 1234 5678`` in a first row that
    is data was listed as it was)."""
    return messages.masked(re.sub(r"\d{5,}", "#", cell))[:40]


_DATA_CELL = re.compile(r"[\d.,:/ +-]*\d[\d.,:/ +-]*")  # a number, a date or a time: no column name
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")  # a person's e-mail address: no column name either


def _parquet_source(path: Path, column: str) -> Source:
    _require_pyarrow()
    import pyarrow.parquet as pq  # lazy: pyarrow is the optional [parquet] extra

    fsio.check_input_file(path, say("errors.what.file"))  # missing, a folder, a pipe: said as such
    try:
        pf = pq.ParquetFile(path)
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid (not a Parquet file) is a ValueError
        raise InputFileError(say("errors.bulk.not_parquet", path=path, why=exc)) from None
    check_packing(pf, path)
    header = list(pf.schema_arrow.names)
    index = _column_index(path, header, column)
    kind = pf.schema_arrow.field(index).type
    if not _texty(kind):  # a list or struct would be coded as its Python repr: nonsense, not text
        raise InputFileError(say("errors.bulk.column_type", path=path, column=repr(header[index]), type=kind))

    def blocks() -> Iterator[Block]:
        budget = DecodedBudget(path, path.stat().st_size)
        try:
            for batch in pf.iter_batches(batch_size=BLOCK):
                budget.take(batch)
                cols = python_values(batch, path)
                yield [list(r) for r in zip(*cols, strict=True)]
        except (OSError, ValueError) as exc:  # a damaged row group, found while reading
            raise InputFileError(say("errors.bulk.not_parquet", path=path, why=exc)) from None

    return Source(
        path=path,
        header=header,
        rows=pf.metadata.num_rows,
        column=index,
        blocks=blocks,
        arrow_schema=pf.schema_arrow,
    )


def _texty(kind: pa.DataType) -> bool:
    """A Parquet column type whose values read as text: strings (``string_view`` too, Arrow's
    newer layout of text, which pyarrow restores from a file's schema: it was "not text"),
    numbers, all-null; the same as categories (a dictionary)."""
    import pyarrow as pa  # lazy: pyarrow is the optional [parquet] extra

    if pa.types.is_dictionary(kind):
        return _texty(kind.value_type)
    checks = [pa.types.is_string, pa.types.is_large_string, pa.types.is_string_view, pa.types.is_null]
    checks += [pa.types.is_integer, pa.types.is_floating, pa.types.is_decimal]
    return any(check(kind) for check in checks)


def _require_pyarrow() -> None:
    try:
        import pyarrow.parquet  # noqa: F401  # lazy: pyarrow is the optional [parquet] extra
    except ImportError:
        raise UsageError(say("errors.bulk.needs_pyarrow")) from None


# --- the job ---------------------------------------------------------------------------------


@dataclass
class Summary:
    """What a file job did."""

    rows: int = 0
    coded: int = 0
    empty: int = 0
    problems: int = 0
    review: int = 0
    unread: int = 0
    """Rows with more cells than the header or damaged bytes (written, not coded); the first ten
    in ``unread_rows``."""
    unread_rows: list[int] = field(default_factory=list)
    warnings: list[Say] = field(default_factory=list)
    """The reader's warnings about the input (mixed encodings, unclosed quotes, unread rows), for
    the CLI."""


ProgressFactory = Callable[[int], AbstractContextManager[Callable[[int], None]]]


def code_file(
    input_path: Path,
    column: str,
    out: Path,
    spec: CodingSpec,
    *,
    sheet: str | None = None,
    delimiter: str | None = None,
    encoding: str | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int = 2,
    progress: ProgressFactory | None = None,
    force: bool = False,
    partition_rows: int | None = None,
) -> Summary:
    """Code ``column`` of every row of ``input_path`` into ``out``; returns the counts. An existing
    ``out`` is replaced only with ``force`` (``fsio.check_not_taken``). ``partition_rows``: rows per
    Dask task (default ``BLOCK``), as ``batch --partition-rows``; with ``engine="dask"`` only."""
    engine_options.dask_only(engine, scheduler, partition_rows)
    if out.suffix.lower() not in KINDS:
        raise UsageError(say("errors.bulk.out_kind", path=out, kinds=", ".join(KINDS)))
    parquet = out.suffix.lower() == ".parquet"
    if parquet:
        _require_pyarrow()
    if fsio.same_file(out, input_path):  # a link or hard link too: the input would be replaced
        raise UsageError(say("errors.bulk.out_is_input", path=out))
    if out.is_dir():
        raise UsageError(say("errors.bulk.out_folder", path=out))
    fsio.check_not_taken(out, force=force)
    source = _open_source(input_path, column, sheet=sheet, delimiter=delimiter, encoding=encoding)
    added = candidate_columns(spec.kind, spec.top)
    check_names(input_path, source.header, added, parquet=parquet)
    schema = arrow_schema(source.header, added, source.arrow_schema) if parquet else None
    summary = Summary(warnings=list(source.warnings))
    review_at, problem_at = len(added) - 2, len(added) - 1

    def blocks(advance: Callable[[int], None] | None) -> Iterator[Block]:
        coded_blocks = _coded_blocks(source, spec, engine, scheduler, workers, partition_rows=partition_rows)
        for block, coded in coded_blocks:
            for i, row in enumerate(block):
                summary.rows += 1
                if isinstance(row, Unread):
                    summary.unread += 1
                    if len(summary.unread_rows) < 10:
                        summary.unread_rows.append(row.rowno)
                    summary.problems += 1
                    key, params = row.problem
                    coded[i] = [*coded[i][:problem_at], t(key, spec.lang, **params)]
                    continue
                values = coded[i]
                text = _missing_as_none(row[source.column])
                if text is None or blank(str(text)):  # a byte-order mark only too, as Excel shows it
                    summary.empty += 1
                    continue
                summary.coded += 1
                summary.review += bool(values[review_at])
                summary.problems += values[problem_at] is not None
            yield [[*row, *values] for row, values in zip(block, coded, strict=True)]
            if advance is not None:
                advance(len(block))

    # one job per --out at a time (as a batch per folder), the check above asked again under the lock
    busy = InputFileError(say("errors.bulk.out_busy", path=out))
    with (
        fsio.claimed(out, force=force, busy=busy),
        progress(source.rows) if progress else nullcontext(None) as tick,
    ):
        write(out, [*source.header, *added], schema, blocks(tick), copied=len(source.header))
    if summary.unread:
        rows = ", ".join(str(n) for n in summary.unread_rows)
        more = csv_lines.and_more(summary.unread - len(summary.unread_rows))
        warning = say(
            "warnings.bulk.unread", name=input_path.name, rows=rows, more=more, column=f"{spec.kind}_problem"
        )
        summary.warnings.append(warning)
    return summary


def _coded_blocks(
    source: Source,
    spec: CodingSpec,
    engine: str,
    scheduler: str | None,
    workers: int,
    *,
    partition_rows: int | None = None,
) -> Iterator[tuple[Block, Block]]:
    """(rows, their candidate columns) per block, in input order."""
    if engine != "dask":
        for block in source.blocks():
            yield block, code_block(spec, _texts(block, source.column))
        return
    yield from _dask_blocks(source, spec, scheduler, workers, partition_rows or BLOCK)


def regrouped(blocks: Iterator[Block], size: int) -> Iterator[Block]:
    """The same rows in the same order, in blocks of ``size`` (the last one shorter): a Dask task's
    rows (``--partition-rows``), whatever block size the reader uses."""
    rows = itertools.chain.from_iterable(blocks)
    while block := list(itertools.islice(rows, size)):
        yield block


def _dask_blocks(
    source: Source, spec: CodingSpec, scheduler: str | None, workers: int, size: int
) -> Iterator[tuple[Block, Block]]:
    from skilltool.batch_dask import client_for  # lazy: dask is the optional [dask] extra

    with client_for(scheduler, workers) as client:
        window = 2 * max(1, len(client.scheduler_info()["workers"]))
        pending: deque[tuple[Block, Future[list[Row]]]] = deque()
        for block in regrouped(source.blocks(), size):
            texts = _texts(block, source.column)
            pending.append((block, client.submit(code_block, spec, texts, pure=False)))
            while len(pending) >= window:
                rows, future = pending.popleft()
                yield rows, future.result()
        while pending:
            rows, future = pending.popleft()
            yield rows, future.result()
