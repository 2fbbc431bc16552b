"""Hostile input files, third round (a red-team review): each case here crashed with a traceback,
read the wrong data or said something misleading; now it reads right or stops with one line."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import threading
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference
from typer.testing import CliRunner

from skilltool import batch_state, fsio, intake_session, profile_files, reference, report, tabular
from skilltool.cli import app
from skilltool.errors import DataFileError, InputFileError
from skilltool.models import SectorsFile, SourceManifest
from skilltool.reference import ReferenceData

from .conftest import REPO
from .test_bulk_coding import code, read_csv
from .test_hostile_input import HEADER, export, one_error, row

runner = CliRunner()


# --- symbolic link loops -----------------------------------------------------------------------


def _loop(tmp_path: Path) -> Path:
    """``a -> b -> a``: opening, stat-ing or resolving either raises ELOOP (3.11's
    ``Path.resolve`` a ``RuntimeError``)."""
    a, b = tmp_path / "a", tmp_path / "b"
    a.symlink_to(b)
    b.symlink_to(a)
    return a


def test_a_link_loop_is_no_file_and_not_the_same_file(tmp_path: Path) -> None:
    """``fsio.same_file`` fell back to ``Path.resolve``, which raises ``RuntimeError`` on a link
    loop: every command that checks its --out against its inputs crashed with a traceback."""
    loop = _loop(tmp_path)
    other = tmp_path / "other.csv"
    assert not fsio.same_file(loop, other)
    assert not fsio.same_file(other, loop)
    assert fsio.same_file(loop, loop)


def test_a_link_loop_as_input_or_out_is_one_line(tmp_path: Path) -> None:
    """``occupation code --input LOOP`` and ``intake --answers LOOP`` printed a traceback; now one
    line naming the file and the loop."""
    loop = _loop(tmp_path)
    out = tmp_path / "coded.csv"
    args = ["occupation", "code", "--input", str(loop), "--column", "functie", "--out", str(out)]
    line = one_error(runner.invoke(app, [*args, "--lang", "en"]))
    assert line.startswith(f"error: {loop}: cannot read the export (")
    args = ["intake", "--answers", str(loop), "--out", str(out), "--lang", "en"]
    line = one_error(runner.invoke(app, args))
    assert line.startswith(f"error: {loop}: cannot read the answers file (")


def test_a_draft_keeps_the_path_of_an_out_that_is_a_link_loop(tmp_path: Path) -> None:
    """``intake --out LOOP`` crashed with a traceback before the first question (the draft stores
    --out as an absolute path, from ``Path.resolve``); now the draft is made, the path kept."""
    loop = _loop(tmp_path)
    session = intake_session.open_session(ReferenceData(), lang="en", out=loop)
    assert session.draft.out == str(loop.parent.resolve() / loop.name)


# --- mapping files -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "field"),
    [
        ('personal.municipality: ""', "personal.municipality"),
        ('personal.municipality: "   "', "personal.municipality"),
        ('languages.mother_tongues: {column: "", split: ","}', "languages.mother_tongues"),
    ],
)
def test_an_empty_column_name_in_a_mapping_is_one_line(tmp_path: Path, entry: str, field: str) -> None:
    """``personal.municipality: ""`` passed the mapping model (a plain string could be empty) and
    crashed when compiled (a pydantic traceback); a blank one matched a header cell left empty.
    Now the mapping is refused in one line naming the field."""
    mapping = tmp_path / "m.yaml"
    mapping.write_text(f"fields:\n  personal.client_ref: id\n  {entry}\n", encoding="utf-8")
    export = tmp_path / "in.csv"
    export.write_text("id;;gemeente\nUT-1;x;Utrecht\n", encoding="utf-8")
    args = ["batch", str(export), "--mapping", str(mapping), "--out", str(tmp_path / "out"), "--lang", "en"]
    assert one_error(runner.invoke(app, args)) == f"error: {mapping}: fields.{field}.column: is empty"


# --- a header repeated inside the file (two exports pasted into one) --------------------------


def test_a_row_that_repeats_the_header_is_marked(tmp_path: Path) -> None:
    """A row equal to the header (case, spaces and trailing empty cells aside) comes as
    ``HeaderAgain``, also through a worker process (pickled); other rows stay plain lists."""
    src = tmp_path / "t.csv"
    src.write_text("id;Functie\n1;a\n ID ;functie;;\nid;b\n", encoding="utf-8")
    rows = list(tabular.iter_rows(tabular.inspect(src)))
    assert [(n, type(cells).__name__) for n, cells in rows] == [(2, "list"), (3, "HeaderAgain"), (4, "list")]
    again = pickle.loads(pickle.dumps(rows[1][1]))
    assert type(again) is tabular.HeaderAgain and again == [" ID ", "functie", "", ""]


def test_a_batch_rejects_a_repeated_header_saying_so(tmp_path: Path) -> None:
    """A header line in the middle of an export was read as a person and rejected as 'is not a
    whole number (+31 more)'; now its reason says the row repeats the header. Every row is still
    accounted for."""
    src = tmp_path / "two.csv"
    first, second = export([row("C-1")]), export([row("C-2")])
    src.write_text(first + second, encoding="utf-8")
    out = tmp_path / "out"
    r = runner.invoke(app, ["batch", str(src), "--out", str(out), "--json", "--lang", "en"])
    assert r.exit_code == 0, r.output
    counts = json.loads(r.stdout)["counts"]
    assert (counts["rows_read"], counts["rows_written"], counts["rows_rejected"]) == (3, 2, 1)
    errors = (out / "errors.csv").read_text(encoding="utf-8-sig").splitlines()
    assert errors[1].startswith("3;") and "the row repeats the header" in errors[1]


def test_a_coding_job_does_not_code_a_repeated_header(tiny_data: Path, tmp_path: Path) -> None:
    """The coding job coded the word of a repeated header ('functie') as a job title; now that
    row is written uncoded with the reason, and the warning names it."""
    src, out = tmp_path / "t.csv", tmp_path / "o.csv"
    src.write_text("id;functie\n1;lasmedewerker\nid;functie\n2;lasmedewerker\n", encoding="utf-8")
    r = code(
        tiny_data, "occupation", "code", "-i", str(src), "--column", "functie", "-o", str(out), "--lang", "en"
    )
    assert r.exit_code == 0, r.output
    rows = read_csv(out)
    col = {name: i for i, name in enumerate(rows[0])}
    assert [bool(line[col["occupation_1_isco"]]) for line in rows[1:]] == [True, False, True]
    assert rows[2][col["occupation_problem"]].startswith("the row repeats the header")
    assert "t.csv: row(s) 3 have more cells than the header" in r.stderr


# --- files named .xlsx that are no workbook ---------------------------------------------------


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "a password-protected workbook (or an old .xls"),
        (b"id;functie\r\n1;x\r\n", "this is a text file (a CSV named .xlsx?), not a workbook; name it .csv"),
        (b"\x00\x01garbage", "not a readable .xlsx workbook (File is not a zip file)"),
    ],
    ids=["password", "csv", "damaged"],
)
def test_a_workbook_that_is_no_zip_says_what_it_is(tmp_path: Path, data: bytes, said: str) -> None:
    """An .xlsx with a password is a compound (OLE) file, and a CSV may be named .xlsx: both were
    'not a readable .xlsx workbook (File is not a zip file); save it again in Excel', which helps
    neither. Now the line says what the file is; other damage keeps the general line."""
    path = tmp_path / "export.xlsx"
    path.write_bytes(data)
    with pytest.raises(InputFileError) as exc:
        tabular.inspect(path)
    assert str(exc.value.message).startswith(f"{path}: {said}")


# --- UTF-16 without a byte-order mark, UTF-32 ------------------------------------------------


@pytest.mark.parametrize(
    ("codec", "bom", "encoding"),
    [
        ("utf-16-le", b"", "utf-16-le"),
        ("utf-16-be", b"", "utf-16-be"),
        ("utf-32-le", b"\xff\xfe\x00\x00", "utf-32"),
        ("utf-32-be", b"\x00\x00\xfe\xff", "utf-32"),
        ("utf-32-le", b"", "utf-32-le"),
        ("utf-32-be", b"", "utf-32-be"),
    ],
)
def test_utf16_without_a_mark_and_utf32_are_read(
    tmp_path: Path, codec: str, bom: bytes, encoding: str
) -> None:
    """UTF-16 without its byte-order mark and UTF-32 (with or without one) were refused as 'contains
    NUL bytes, so it is not a CSV text file' (UTF-32 LE with its mark was even read as UTF-16);
    they are text exports and are now read, with their line numbers, non-ASCII kept, the checksum
    that of the file's own bytes and the encoding in the manifest."""
    path = tmp_path / "wide.csv"
    path.write_bytes(bom + "id;land\r\n1;Syrië\r\n\r\n2;Eritrea\r\n".encode(codec))
    info = tabular.inspect(path)
    assert (info.encoding, info.delimiter, info.header, info.rows) == (encoding, ";", ["id", "land"], 2)
    assert info.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert [(n, cells) for n, cells in tabular.iter_rows(info) if cells] == [
        (2, ["1", "Syrië"]),
        (4, ["2", "Eritrea"]),
    ]


def test_a_broken_utf32_file_is_one_line_naming_utf32(tmp_path: Path) -> None:
    """A UTF-32 file that breaks off mid-character: one line naming UTF-32 (not UTF-16)."""
    path = tmp_path / "wide.csv"
    path.write_bytes("id;land\n1;SY\n".encode("utf-32") + b"\x00\x01")
    with pytest.raises(
        InputFileError, match=r"wide\.csv:3: the file starts as UTF-32 but is not valid UTF-32"
    ):
        tabular.inspect(path)


def test_a_chart_sheet_is_named_as_such_not_as_empty(tmp_path: Path) -> None:
    """``--sheet CHART``, or a workbook whose only visible sheet is a chart (the data sheet
    hidden), was 'the sheet is empty; put a header row in row 1': wrong advice. Now one line says
    it is a sheet without rows and names the worksheets to give to --sheet."""
    wb = openpyxl.Workbook()
    data = wb.active
    data.title = "data"
    data.append(["id", "functie"])
    data.append(["1", "x"])
    chart = BarChart()
    chart.add_data(Reference(data, min_col=1, min_row=1, max_row=2))
    wb.create_chartsheet("grafiek", 0).add_chart(chart)
    path = tmp_path / "export.xlsx"
    wb.save(path)
    said = f"{path}: sheet 'grafiek' is a chart or other sheet without rows, not a table; give --sheet"
    with pytest.raises(InputFileError, match=re.escape(said) + " with a worksheet: data$"):
        tabular.inspect(path, sheet="grafiek")
    assert tabular.inspect(path).header == ["id", "functie"]  # the first visible worksheet
    data.sheet_state = "hidden"
    wb.save(path)
    with pytest.raises(InputFileError, match=re.escape(said)):
        tabular.inspect(path)


# --- a batch's outputs over its own inputs ------------------------------------------------------


@pytest.mark.parametrize(
    "where", ["summary.csv", "errors.csv", "tables/export.csv", ".batch-work/export.csv"]
)
def test_force_never_replaces_the_batchs_own_input(tmp_path: Path, where: str) -> None:
    """``batch OUT/summary.csv --out OUT --force`` read the export and then replaced it with the
    summary (exit 0, the export gone); an input in a folder the batch replaces whole went the
    same way. Now one line before anything is written, the input intact."""
    out = tmp_path / "out"
    src = out / where
    src.parent.mkdir(parents=True)
    src.write_text(export([row("C-1")]), encoding="utf-8")
    before = src.read_bytes()
    r = runner.invoke(app, ["batch", str(src), "--out", str(out), "--force", "--lang", "en"])
    said = f"error: {src}: this input is where the batch writes an output in --out {out}, so it would be"
    assert one_error(r).startswith(said)
    assert src.read_bytes() == before


def test_a_key_file_in_out_under_an_output_name_is_refused(tmp_path: Path) -> None:
    """The same for the pseudonymisation key (a key lost is every pseudonym unlinkable)."""
    out = tmp_path / "out"
    out.mkdir()
    key = out / "manifest.json"
    key.write_bytes(b"k" * 32)
    src = tmp_path / "in.csv"
    src.write_text(export([row("C-1")]), encoding="utf-8")
    args = ["batch", str(src), "--out", str(out), "--force", "--pseudonymise", str(key), "--lang", "en"]
    r = runner.invoke(app, args)
    assert "manifest.json" in one_error(r) and key.read_bytes() == b"k" * 32


def test_batch_template_never_overwrites_a_mapping(tmp_path: Path) -> None:
    """``batch template --out DIR`` replaced a mapping.yaml already there (a caseworker's own,
    made from an earlier template) without a word; now one line, the file intact; a new folder
    still gets all three files."""
    own = tmp_path / "mapping.yaml"
    own.write_text("fields: {personal.client_ref: nummer}\n", encoding="utf-8")
    r = runner.invoke(app, ["batch", "template", "--out", str(tmp_path), "--lang", "en"])
    assert one_error(r).startswith(f"error: {own}: already exists (it may be your own mapping); add --force")
    assert own.read_text(encoding="utf-8") == "fields: {personal.client_ref: nummer}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mapping.yaml"]
    r = runner.invoke(app, ["batch", "template", "--out", str(tmp_path / "new"), "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == [
        "intakes.csv",
        "intakes.xlsx",
        "mapping.yaml",
    ]


# --- the compiled-data cache --------------------------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [b"\x80\x09rest", b"c__builtin__\nint\n(S'x'\ntR.", b"\x80\x05h\x05."],
    ids=["newer-protocol", "bad-value", "bad-memo"],
)
def test_any_damaged_cache_entry_is_rebuilt(
    tiny_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes
) -> None:
    """A cache entry of a newer pickle protocol (a cache folder shared with another Python) or a
    damaged one that fails with ValueError stopped every command with a traceback until the
    cache was deleted by hand (only pickle's own errors, EOF and a few others were caught). Now
    any unreadable entry is rebuilt."""
    cache = tmp_path / "c"
    monkeypatch.setenv("SKILLTOOL_CACHE_DIR", str(cache))
    reference.load_model(tiny_data / "sources.yaml", SourceManifest)
    for entry in cache.iterdir():
        entry.write_bytes(damage)
    assert reference.load_model(tiny_data / "sources.yaml", SourceManifest).esco_version == "9.9.9"


def test_a_device_or_pipe_in_place_of_a_data_file_is_one_line(tiny_data: Path) -> None:
    """A FIFO in the data folder (or a link to ``/dev/zero``) made every command that reads that
    file hang for ever (or fill memory); a link to ``/dev/null`` read as an empty file. Now one
    line names the file and says what it is (a character device here: never read at all)."""
    sectors = tiny_data / "sectors.yaml"
    sectors.unlink()
    sectors.symlink_to(os.devnull)
    with pytest.raises(DataFileError, match=r"sectors\.yaml: a pipe, device or socket, not a regular file"):
        reference.load_model(sectors, SectorsFile)


def test_a_pipe_as_checkpoint_is_not_read(tmp_path: Path) -> None:
    """A FIFO planted as ``.batch-work/state.json`` made ``batch --resume`` wait for ever on it;
    now it is no checkpoint (the batch starts afresh, as for any other damaged one). A thread
    reads it so that a regression fails instead of hanging the suite."""
    path = tmp_path / "state.json"
    os.mkfifo(path)
    loaded: list[object] = []
    reader = threading.Thread(target=lambda: loaded.append(batch_state.State.load(path)), daemon=True)
    reader.start()
    reader.join(3)
    blocked = reader.is_alive()
    if blocked:  # unblock the reader: open the other end and close it
        with path.open("wb"):
            pass
        reader.join(3)
    assert not blocked and loaded == [None]


# --- the Markdown report -----------------------------------------------------------------------


def test_a_markdown_report_carries_no_terminal_control_characters() -> None:
    """An answer holding ``ESC]0;...BEL`` or ``ESC[2J`` (a pasted terminal line) went into the .md
    report as it was, and ran in the terminal of whoever printed the file (``cat``); the text
    around it stays, the control characters go (tab and line breaks are handled as before)."""
    path = REPO / "examples" / "personas" / "yemeni_driver_of_lorries.json"
    profile = profile_files.read_profile(path)
    evil = "\x1b]0;title\x07\x1b[2Jdriver\x9b31m\x00"
    profile.work[0] = profile.work[0].model_copy(update={"title": evil})
    md = report.render(profile, fmt="md", lang="en")
    assert "]0;title" in md and "[2Jdriver" in md.replace("\\", "")
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", md)


# --- invisible characters in a header --------------------------------------------------------


def test_a_header_with_invisible_characters_still_names_its_column(tiny_data: Path, tmp_path: Path) -> None:
    """A header cell pasted with a zero-width space, a no-break space or a bidi mark looks like
    'klantnummer' in Excel, but the batch said 'missing required column(s) 'klantnummer'' and the
    coding job 'no column'; now both find it, as they already ignored case and spaces."""
    header = [f"{HEADER[0]}\u200b", f"\u00a0{HEADER[1]}\u200e", *HEADER[2:]]
    src = tmp_path / "in.csv"
    src.write_text(";".join(header) + "\n" + ";".join(row("C-1")) + "\n", encoding="utf-8")
    r = runner.invoke(app, ["batch", str(src), "--out", str(tmp_path / "out"), "--json", "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["counts"]["rows_written"] == 1
    coded, out = tmp_path / "t.csv", tmp_path / "o.csv"
    coded.write_text("id;\u2060Functie\u200b\n1;lasmedewerker\n", encoding="utf-8")
    args = ["occupation", "code", "-i", str(coded), "--column", "functie", "-o", str(out), "--lang", "en"]
    r = code(tiny_data, *args)
    assert r.exit_code == 0, r.output
    assert read_csv(out)[1][:2] == ["1", "lasmedewerker"]


# --- file names that are not UTF-8 -----------------------------------------------------------


def _not_utf8(folder: Path, name: bytes) -> Path:
    """A path whose name is bytes that are not UTF-8 (a latin-1 share, an old zip): Python holds
    them as lone surrogates, which a UTF-8 writer refuses."""
    return folder / os.fsdecode(name)


def test_a_batch_of_an_export_whose_name_is_not_utf8_completes(tmp_path: Path) -> None:
    """``Intakes Zo\\xeb.csv`` from a latin-1 share: every row was processed, then the report and
    the manifest (which name the input) failed with UnicodeEncodeError: a traceback, no outputs.
    Now the name is written as a file manager shows it (U+FFFD for the byte)."""
    src = _not_utf8(tmp_path, b"Intakes Zo\xeb.csv")
    src.write_text(export([row("C-1")]), encoding="utf-8")
    out = tmp_path / "out"
    r = runner.invoke(app, ["batch", str(src), "--out", str(out), "--json", "--lang", "en"])
    assert r.exit_code == 0, r.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["input"]["path"] == "Intakes Zo\ufffd.csv" and manifest["counts"]["rows_written"] == 1
    assert "Intakes Zo\ufffd.csv" in (out / "report.html").read_text(encoding="utf-8")


def test_an_intake_out_whose_name_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    """The interview's draft records --out to resume; a name that is not UTF-8 crashed it with a
    pydantic serialisation traceback before the first question. Now one line, nothing written."""
    out = _not_utf8(tmp_path, b"Zo\xeb.json")
    with pytest.raises(InputFileError, match=re.escape("Zo\ufffd.json: the name is not valid UTF-8")):
        intake_session.open_session(ReferenceData(), lang="en", out=out)
    assert list(tmp_path.iterdir()) == []


# --- a profile that is not JSON --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line"),
    [("", 1), ('{"schema_version": 4,\n "personal": {,}}', 2), ("[" * 300, 1)],
    ids=["empty", "syntax", "too-deep"],
)
def test_a_profile_that_is_not_json_names_the_line(tmp_path: Path, text: str, line: int) -> None:
    """'not valid JSON' named the file only, whatever its size; now also the line where the
    parser stopped (its own words are English, so they are not shown)."""
    path = tmp_path / "p.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputFileError) as exc:
        profile_files.read_profile(path)
    assert exc.value.render("en") == f"{path}:{line}: not valid JSON; is this really the profile?"
    path.write_text("{}\n\n{}", encoding="utf-8")  # two documents: since the twelfth review, said so
    with pytest.raises(InputFileError) as exc:
        profile_files.read_profile(path)
    assert exc.value.render("en").startswith(f"{path}:3: another JSON value begins here")
