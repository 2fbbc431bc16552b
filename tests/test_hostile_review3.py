"""Hostile input files, fourth round (a red-team review): each case here crashed with a traceback
or mixed data; now it reads right or stops with one line."""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from skilltool import batch, batch_answers, batch_mapping, table_out
from skilltool.cli import app
from skilltool.errors import InputFileError
from skilltool.models.batch import ColumnSource

from . import batch_fakes
from .test_batch import MAPPING, interrupted_at_a4, person, read_csv, run, write_csv
from .test_hostile_input import one_error

runner = CliRunner()


# --- .xlsx outputs of values Excel cannot hold as they are -------------------------------------


def test_xlsx_output_writes_zoned_times_nan_and_early_dates_as_text(tmp_path: Path) -> None:
    """A zoned timestamp (a Parquet input's ``timestamp[ms, tz=UTC]``) raised openpyxl's TypeError
    (a traceback from ``occupation code --out X.xlsx``); NaN and infinity became empty cells, a
    year-1 date a negative serial Excel shows as ``####``. Now they are their text; numbers and
    plain dates stay typed."""
    out = tmp_path / "o.xlsx"
    zoned = dt.datetime(2024, 3, 1, 12, 30, tzinfo=dt.UTC)
    values = [zoned, zoned.timetz(), float("nan"), float("inf"), dt.date(1, 1, 1), 2.5, dt.date(2024, 3, 1)]
    table_out.write_xlsx(out, [f"c{i}" for i in range(len(values))], [values], title="t")
    cells = next(openpyxl.load_workbook(out).active.iter_rows(min_row=2, values_only=True))
    assert cells[:5] == ("2024-03-01 12:30:00+00:00", "12:30:00+00:00", "nan", "inf", "0001-01-01")
    assert cells[5:] == (2.5, dt.datetime(2024, 3, 1))


def test_a_parquet_with_a_zoned_timestamp_codes_into_xlsx(tiny_data: Path, tmp_path: Path) -> None:
    """``occupation code --input X.parquet --out Y.xlsx`` with a timestamp column with a time zone
    beside the titles: a traceback; now every row is written, the time as its text."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    src, out = tmp_path / "in.parquet", tmp_path / "o.xlsx"
    when = pa.array([dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC)] * 2, type=pa.timestamp("ms", tz="UTC"))
    pq.write_table(pa.table({"functie": ["lasmedewerker", "broodbakker"], "gezien": when}), src)
    args = [
        "--data-dir",
        str(tiny_data),
        "occupation",
        "code",
        "-i",
        str(src),
        "--column",
        "functie",
        "-o",
        str(out),
    ]
    r = runner.invoke(app, [*args, "--lang", "en"])
    assert r.exit_code == 0, r.output
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert [r[:2] for r in rows[1:]] == [
        (t, "2024-03-01 09:00:00+00:00") for t in ("lasmedewerker", "broodbakker")
    ]


def _code_parquet_error(data: Path, src: Path, out: Path) -> str:
    """The one error line of ``occupation code --input SRC --out OUT``."""
    args = [
        "--data-dir",
        str(data),
        "occupation",
        "code",
        "-i",
        str(src),
        "--column",
        "functie",
        "-o",
        str(out),
    ]
    return one_error(runner.invoke(app, [*args, "--lang", "en"]))


def test_a_parquet_whose_dictionary_repeats_a_long_text_is_refused_unwritten(
    tiny_data: Path, tmp_path: Path
) -> None:
    """A Parquet file stores a dictionary's text once for every row using it: an 803-byte file
    (one 1 MB text, 500 rows) became a 500 MB output and 770 MB of memory, and with more rows
    would have filled the disk. Now the values are counted before they are read: past 64 MiB
    and 200 times the file's size, one line, and no output."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    src, out = tmp_path / "in.parquet", tmp_path / "o.csv"
    notes = pa.DictionaryArray.from_arrays(pa.array([0] * 100, pa.int32()), pa.array(["x" * 1_000_000]))
    pq.write_table(pa.table({"functie": ["broodbakker"] * 100, "notes": notes}), src, compression="zstd")
    line = _code_parquet_error(tiny_data, src, out)
    assert line.startswith(f"error: {src}: its values unpack to more than 95 MiB from a file of ")
    assert "a decompression bomb" in line
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".o.csv")] == []


def test_a_parquet_page_that_unpacks_far_beyond_its_size_is_refused_unread(
    tiny_data: Path, tmp_path: Path
) -> None:
    """The same through compression: zstd packs 2 MB of one letter into a few hundred bytes. The
    column chunk's metadata says so, and the file is refused before a value is read."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    src, out = tmp_path / "in.parquet", tmp_path / "o.xlsx"
    table = pa.table({"functie": ["broodbakker", "lasser"], "notes": ["x" * 2_000_000] * 2})
    pq.write_table(table, src, compression="zstd", use_dictionary=False)
    line = _code_parquet_error(tiny_data, src, out)
    assert line.startswith(f"error: {src}: column 'notes' (row group 1) unpacks ")
    assert not out.exists()


def test_a_date_cell_far_before_the_epoch_is_one_line(tmp_path: Path) -> None:
    """A date-formatted cell holding -1e308 made calamine's Rust code panic (chrono: "TimeDelta
    out of bounds"); pyo3 raises that as ``PanicException``, a ``BaseException``: a traceback from
    ``batch`` and ``occupation code``. Now the sheet is unreadable, in one line."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["klantnummer", "datum", "beroep"])
    ws.append(["UT-1", -1e308, "broodbakker"])
    ws["B2"].number_format = "dd-mm-yyyy"
    src = tmp_path / "in.xlsx"
    wb.save(src)
    said = f"error: {src}: cannot read sheet 'Sheet' (TimeDelta::milliseconds out of bounds)"
    args = [
        "occupation",
        "code",
        "-i",
        str(src),
        "--column",
        "beroep",
        "-o",
        str(tmp_path / "o.csv"),
        "--lang",
        "en",
    ]
    assert one_error(runner.invoke(app, args)).startswith(said)
    args = ["batch", str(src), "--out", str(tmp_path / "out"), "--lang", "en"]
    assert one_error(runner.invoke(app, args)).startswith(said)


# --- a mapping's date_format -------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["%d-%m-%Y %d", "%d-%Q-%Y", "%d-%m-%Y %", "%H:%M"])
def test_a_date_format_strptime_cannot_use_is_one_line(tmp_path: Path, fmt: str) -> None:
    """``date_format: "%d-%m-%Y %d"`` (a directive twice) raised ``re.error`` at the first row: a
    traceback halfway into the batch. An unknown directive or a stray ``%`` was skipped without a
    word (the built-in formats read the dates instead), a format without a whole date (``%H:%M``)
    made every date 1900-01-01. Now the mapping is refused before the first row, naming the field."""
    mapping = tmp_path / "m.yaml"
    entry = f'personal.permit_date: {{column: datum, date_format: "{fmt}"}}'
    mapping.write_text(f"fields:\n  personal.client_ref: klantnummer\n  {entry}\n", encoding="utf-8")
    src = tmp_path / "in.csv"
    src.write_text("klantnummer;datum\nUT-1;14-03-2023\n", encoding="utf-8")
    args = ["batch", str(src), "--mapping", str(mapping), "--out", str(tmp_path / "out"), "--lang", "en"]
    line = one_error(runner.invoke(app, args))
    assert line.startswith(f"error: {mapping}: fields.personal.permit_date.date_format: is not a date format")
    assert not (tmp_path / "out" / "manifest.json").exists()


def test_a_usable_date_format_still_reads_its_dates(tmp_path: Path) -> None:
    """The check refuses no format that reads its dates: day-first with dots, a two-digit year, a
    time zone, and an empty one (none given)."""
    for fmt in ("%d.%m.%Y", "%d/%m/%y", "%Y%m%d %z", ""):
        assert ColumnSource(column="d", date_format=fmt).date_format == fmt


def test_an_empty_split_in_a_mapping_is_one_line(tmp_path: Path) -> None:
    """``split: ""`` on a list answer split nothing, without a word: the whole cell became one
    item (a group's empty split was refused already). Now it is refused the same way."""
    mapping = tmp_path / "m.yaml"
    entry = 'languages.mother_tongues: {column: talen, split: ""}'
    mapping.write_text(f"fields:\n  personal.client_ref: klantnummer\n  {entry}\n", encoding="utf-8")
    src = tmp_path / "in.csv"
    src.write_text("klantnummer;talen\nUT-1;Arabisch,Koerdisch\n", encoding="utf-8")
    args = ["batch", str(src), "--mapping", str(mapping), "--out", str(tmp_path / "out"), "--lang", "en"]
    line = one_error(runner.invoke(app, args))
    assert line == f"error: {mapping}: fields.languages.mother_tongues.split: is empty"


def test_a_row_that_meets_a_bug_while_its_cells_are_read_is_rejected_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unexpected exception while a row's cells became answers (as ``re.error`` from a
    date format did) stopped the whole batch with a traceback; now that row is in errors.csv with
    the kind of error only, never its text, and every other row is written."""
    mapping = tmp_path / "m.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    real = batch_answers._convert

    def convert(slot: batch_answers._Slot, raw: str, nulls: frozenset[str], lang: str = "en") -> object:
        if raw == "1999":
            raise re.error("secret cell text")
        return real(slot, raw, nulls, lang)

    monkeypatch.setattr(batch_answers, "_convert", convert)
    src = write_csv(tmp_path / "in.csv", [person("A1"), person("A2", jaar="1999"), person("A3")])
    manifest = run(src, tmp_path / "out", mapping, lang="en")
    counts = manifest.counts
    assert (counts.rows_read, counts.rows_written, counts.rows_rejected) == (3, 2, 1)
    errors = read_csv(tmp_path / "out" / "errors.csv")
    assert errors[1] == ["3", "A2", "", "internal error (error); please report this row"]
    assert "secret" not in (tmp_path / "out" / "errors.csv").read_text(encoding="utf-8")


# --- the translation review workbook (intake languages --import) -------------------------------


def _damaged(src: Path, out: Path, part: str, change: tuple[bytes, bytes] | None) -> Path:
    """``src`` with ``part`` cut short (``change`` None) or with one substitution."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == part:
                data = data[:-100] if change is None else re.sub(change[0], change[1], data, count=1)
            zout.writestr(info.filename, data)
    return out


@pytest.mark.parametrize(
    ("part", "change", "said"),
    [
        ("xl/worksheets/sheet1.xml", None, "unclosed token"),
        ("xl/worksheets/sheet2.xml", None, "unclosed token"),
        ("xl/workbook.xml", None, "unclosed token"),
        ("xl/styles.xml", None, "unclosed token"),
        (
            "xl/worksheets/sheet1.xml",
            (rb'<c r="A2"[^>]*>.*?</c>', b'<c r="A2" t="n"><v>x</v></c>'),
            "invalid",
        ),
        (
            "xl/worksheets/sheet1.xml",
            (rb'<c r="A2"[^>]*>.*?</c>', b'<c r="A2" t="d"><v>x</v></c>'),
            "Invalid",
        ),
        ("xl/worksheets/sheet1.xml", (rb'<c r="A2"', b'<c r="ZZZZZZ2"'), "ZZZZZZ"),
    ],
)
def test_a_damaged_review_workbook_is_one_line(
    tiny_data: Path, tmp_path: Path, part: str, change: tuple[bytes, bytes] | None, said: str
) -> None:
    """A review workbook comes back from an interpreter: broken XML in a sheet, the workbook or
    the styles, or a cell whose value does not fit its type, raised from openpyxl's read-only
    reader (``ParseError``, ``ValueError``) as a traceback, partly while the rows were read, after
    the load. Now one line naming the file; the translation file is not touched."""
    data = ["--data-dir", str(tiny_data)]
    good = tmp_path / "ar.xlsx"
    r = runner.invoke(
        app, [*data, "intake", "languages", "--export", "ar", "--out", str(good), "--lang", "en"]
    )
    assert r.exit_code == 0, r.output
    texts = tiny_data / "intake" / "i18n" / "ar.yaml"
    before = texts.read_bytes()
    bad = _damaged(good, tmp_path / "bad.xlsx", part, change)
    line = one_error(runner.invoke(app, [*data, "intake", "languages", "--import", str(bad), "--lang", "en"]))
    assert line.startswith(f"error: {bad}: not a readable .xlsx workbook (")
    assert said in line
    assert texts.read_bytes() == before


def test_a_review_workbook_with_a_far_row_and_a_lying_dimension_is_one_line(
    tiny_data: Path, tmp_path: Path
) -> None:
    """A 5 KB review workbook declaring the whole sheet (``<dimension ref="A1:XFD1048576">``) with
    one cell at row 99,999,999 ran for minutes: openpyxl's read-only reader padded every row to
    16,384 columns and yielded each empty row up to the far one. Now the columns read stop at the
    workbook's nine and the rows at 100,000: one line, within a second."""
    data = ["--data-dir", str(tiny_data)]
    good, bad = tmp_path / "ar.xlsx", tmp_path / "bad.xlsx"
    r = runner.invoke(
        app, [*data, "intake", "languages", "--export", "ar", "--out", str(good), "--lang", "en"]
    )
    assert r.exit_code == 0, r.output
    far = b'<row r="99999999"><c r="A99999999" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            part = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                part = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', part)
                part = part.replace(b"</sheetData>", far)
            zout.writestr(info.filename, part)
    line = one_error(runner.invoke(app, [*data, "intake", "languages", "--import", str(bad), "--lang", "en"]))
    assert line.startswith(f"error: {bad}: sheet 'texts' goes on past row 100,000")


# --- --resume with other reference data --------------------------------------------------------


def test_resume_with_other_reference_data_is_refused(
    tiny_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checkpoint's fingerprint left out the reference data: after ``data build`` (or with
    another ``--data-dir``) a ``--resume`` coded the rest of the rows with other data, and the
    manifest named only the new versions. Now it is refused like another input."""
    mapping = tmp_path / "m.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    src, out = interrupted_at_a4(tmp_path, mapping, monkeypatch, data_dir=tiny_data)
    sectors = tiny_data / "sectors.yaml"
    sectors.write_text(sectors.read_text(encoding="utf-8") + "# rebuilt\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="reference data"):
        run(src, out, mapping, data_dir=tiny_data, resume=True)
    sectors.write_text(sectors.read_text(encoding="utf-8").removesuffix("# rebuilt\n"), encoding="utf-8")
    manifest = run(src, out, mapping, data_dir=tiny_data, resume=True)
    assert manifest.resumed
    assert manifest.counts.rows_read == 6


# --- an intake draft with a NUL byte in a path --------------------------------------------------


@pytest.mark.parametrize("field", ["out", "config"])
def test_a_draft_whose_path_holds_a_nul_byte_is_refused(tmp_path: Path, field: str) -> None:
    """A damaged draft (``intake --resume``) whose ``out`` held a NUL byte made ``Path.stat``
    raise ``ValueError: embedded null byte``: a traceback before the first question. Now the
    draft is refused in one line naming the field."""
    draft = tmp_path / "draft.json"
    data = {"kind": "skilltool-intake-draft", "started": "2026-01-01T00:00:00Z", "state": {}}
    draft.write_text(json.dumps({**data, field: "profile\u0000.json"}), encoding="utf-8")
    line = one_error(runner.invoke(app, ["intake", "--resume", str(draft), "--lang", "en"], input=""))
    assert line == f"error: {draft}: {field}: does not have the expected form; is this an intake draft?"


# --- a checkpoint that does not hold together --------------------------------------------------


def _interrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Path, Path, dict[str, object]]:
    """A batch of eight rows interrupted at the sixth: (input, mapping, out, its state.json)."""
    mapping = tmp_path / "m.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    src = write_csv(tmp_path / "in.csv", [person(f"A{i}") for i in range(8)])
    out = tmp_path / "out"
    monkeypatch.setattr(batch, "CHECKPOINT_SECONDS", 0.0)
    monkeypatch.setattr(batch_fakes, "INTERRUPT_AT", "A5")
    with pytest.raises(batch.BatchInterruptedError):
        run(src, out, mapping)
    monkeypatch.setattr(batch_fakes, "INTERRUPT_AT", None)
    return src, mapping, out, json.loads((out / batch.WORK_DIR / "state.json").read_text(encoding="utf-8"))


def _save(out: Path, state: dict[str, object]) -> None:
    (out / batch.WORK_DIR / "state.json").write_text(json.dumps(state), encoding="utf-8")


def test_a_checkpoint_without_a_part_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A ``state.json`` whose offsets leave out ``profiles.jsonl`` ended the resumed run in
    ``KeyError: 'profiles.jsonl'``; now it is refused in one line like any damaged checkpoint."""
    src, mapping, out, state = _interrupted(tmp_path, monkeypatch)
    offsets = state["offsets"]
    assert isinstance(offsets, dict)
    _save(out, {**state, "offsets": {k: v for k, v in offsets.items() if k != "profiles.jsonl"}})
    with pytest.raises(InputFileError, match="does not match its part files"):
        run(src, out, mapping, resume=True)


def test_a_checkpoint_whose_last_row_lies_past_its_count_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ``last_row`` past the rows the checkpoint counts made ``--resume`` skip every row up to
    it without a word: eight rows in, three accounted for, a manifest that looked complete. Now
    the rows up to the last row are counted against the checkpoint: one line, and ``--force``
    starts again with every row."""
    src, mapping, out, state = _interrupted(tmp_path, monkeypatch)
    _save(out, {**state, "last_row": 10**6})
    with pytest.raises(
        InputFileError, match=r"counts 3 row\(s\) read, but the input has 8 up to its last row"
    ):
        run(src, out, mapping, resume=True)
    assert run(src, out, mapping, force=True).counts.rows_read == 8


def test_a_checkpoint_whose_counts_do_not_add_up_is_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counts where rows read are not rows written plus rejected ended the resumed run in
    ``AssertionError: batch lost track of a row``; now such a checkpoint is not trusted: the
    batch starts afresh and accounts for every row."""
    src, mapping, out, state = _interrupted(tmp_path, monkeypatch)
    counts = state["counts"]
    assert isinstance(counts, dict)
    _save(out, {**state, "counts": {**counts, "rows_written": 0}})
    manifest = run(src, out, mapping, resume=True)
    c = manifest.counts
    assert (c.rows_read, c.rows_written + c.rows_rejected) == (8, 8)


def test_openpyxl_warnings_do_not_reach_the_user(
    tiny_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """openpyxl warns on stderr (a date-formatted cell out of range: two lines of a Python warning
    beside the import's own output); the import reads the workbook without showing them."""
    import warnings

    data = ["--data-dir", str(tiny_data)]
    good = tmp_path / "ar.xlsx"
    r = runner.invoke(
        app, [*data, "intake", "languages", "--export", "ar", "--out", str(good), "--lang", "en"]
    )
    assert r.exit_code == 0, r.output
    load = openpyxl.load_workbook

    def warning_load(*args: object, **kwargs: object) -> object:
        warnings.warn("Cell A9 is marked as a date but its serial value is out of range", stacklevel=1)
        return load(*args, **kwargs)

    monkeypatch.setattr(openpyxl, "load_workbook", warning_load)
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always")
        r = runner.invoke(app, [*data, "intake", "languages", "--import", str(good), "--lang", "en"])
    assert r.exit_code == 0, r.output  # read in full: the warning came from the load
    assert [str(w.message) for w in shown] == []


@pytest.mark.parametrize(
    "args",
    [["occupation", "show", "x" * 100_000], ["diploma", "lookup", "--country", "y" * 100_000, "Bachelor"]],
)
def test_a_long_argument_is_clipped_in_its_error(tiny_data: Path, args: list[str]) -> None:
    """``occupation show`` and ``--country`` repeated the user's argument whole: a 100,000-character
    argument made a 100 KB error line. The argument is shown cut, with an ellipsis (``occupation
    show`` shows it no more since the seventeenth review, ``--country`` since the eighteenth)."""
    line = one_error(runner.invoke(app, ["--data-dir", str(tiny_data), *args, "--lang", "en"]))
    assert len(line) < 300
    # ``occupation show`` (seventeenth review) and ``--country`` (eighteenth) no longer repeat it
    assert "…" in line or ("xxx" not in line and "yyy" not in line)


@pytest.mark.parametrize(
    ("lang", "start"), [(["--lang", "en"], "error: --data-dir "), ([], "fout: --data-dir ")]
)
def test_a_missing_data_dir_is_reported_in_the_commands_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: list[str], start: str
) -> None:
    """``--data-dir`` is checked before the command's ``--lang`` is parsed: its error was Dutch
    under ``--lang en``. It now speaks the command's language (Dutch by default)."""
    monkeypatch.delenv("SKILLTOOL_LANG", raising=False)
    r = runner.invoke(app, ["--data-dir", str(tmp_path / "none"), "occupation", "code", "broodbakker", *lang])
    assert r.exit_code == 2
    assert r.stderr.splitlines()[0].startswith(start), r.stderr


def test_a_mapping_far_too_big_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    """The mapping was read and parsed whole, whatever its size (50 MB: 6 s, 385 MB, then a YAML
    error). A file over 1 MiB is refused by its size, in one line, before YAML reads it."""
    big = tmp_path / "mapping.yaml"
    big.write_text("columns:\n" + "  # " + "x" * (2 << 20) + "\n", encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        batch_mapping.load_mapping(big)
    assert "too big for the mapping (limit 1 MiB)" in caught.value.render("en")
