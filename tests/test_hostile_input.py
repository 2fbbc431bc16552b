"""Hostile input files, as an outside tester brings them: each case here once crashed, lost a
row or read the wrong data; now it reads right or stops with one line naming the file."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner, Result

from skilltool import (
    answer_parsing,
    batch_mapping,
    batch_state,
    build_sources,
    csv_lines,
    fsio,
    header_cells,
    table_out,
    tabular,
    xlsx,
    yamlio,
)
from skilltool.cli import app
from skilltool.errors import InputFileError, OutputError, SourceError
from skilltool.models import SourceFile

from .conftest import REPO

runner = CliRunner()
EXAMPLE = REPO / "examples" / "batch" / "intakes.csv"
HEADER = tabular.inspect(EXAMPLE).header


def row(cid: str) -> list[str]:
    """A valid person in the example export's layout."""
    base = {"klantnummer": cid, "geboortejaar": "1987", "land_herkomst": "Syrië", "beroep_1": "lasser"}
    return [base.get(h, "") for h in HEADER]


def export(rows: list[list[str]], *, eol: str = "\r\n") -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator=eol).writerows([HEADER, *rows])
    return buf.getvalue()


def assert_batch_hides_bsn(tmp_path: Path, cid: str, number: str) -> None:
    """A batch row whose client id ``cid`` is a BSN is rejected as one, and no output file nor the
    terminal holds ``number`` (the hostile reviews' rule for every way a BSN comes in)."""
    src = tmp_path / "in.csv"
    src.write_text(export([row(cid), row("UT-2")]), encoding="utf-8")
    out = tmp_path / "out"
    r = runner.invoke(app, ["batch", str(src), "--out", str(out), "--json", "--lang", "en"])
    assert r.exit_code == 0, r.output
    counts = json.loads(r.stdout)["counts"]
    assert (counts["rows_read"], counts["rows_written"], counts["rows_rejected"]) == (2, 1, 1)
    assert "looks like a BSN" in (out / "errors.csv").read_text(encoding="utf-8-sig")
    for path in out.iterdir():
        assert number not in path.read_text(encoding="utf-8", errors="replace"), path.name
    assert number not in r.stderr + r.stdout


def one_error(r: Result) -> str:
    """The single ``error:`` line on stderr (no traceback), with a non-zero exit."""
    assert r.exit_code != 0
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    lines = [ln for ln in r.stderr.splitlines() if ln.startswith("error:")]
    assert len(lines) == 1, r.stderr
    return lines[0]


def lines_of(data: bytes) -> list[str]:
    return list(csv_lines.lines(io.BytesIO(data), csv_lines.Decoder(Path("x.csv"))))


# --- CSV line ends -----------------------------------------------------------------------------


def test_a_lone_cr_ends_a_line_like_lf_and_crlf() -> None:
    """Old Mac exports end lines with a lone CR; a pasted file mixes them in. Each ends a line
    (a CR before LF does not); a CR inside quotes stays in the cell."""
    assert lines_of(b"a;b\rc;d\r") == ["a;b\r", "c;d\r"]
    assert lines_of(b"a\nb\rc\r\nd") == ["a\n", "b\r", "c\r\n", "d"]
    assert lines_of(b"a\r\n\r\n") == ["a\r\n", "\r\n"]
    assert lines_of(b"\r\r") == ["\r", "\r"]  # two blank lines (one was lost: CPython shares b"\r")
    path = Path("x.csv")
    records = list(
        tabular._csv_records(path, io.BytesIO(b'h1;h2\rx;"a\rb"\ry;z\r'), csv_lines.Decoder(path), None)
    )
    assert [(n, cells) for n, cells, _ in records] == [(1, ["h1", "h2"]), (2, ["x", "a\rb"]), (4, ["y", "z"])]


def test_lone_cr_lines_cut_at_the_size_limit_join_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file of lone-CR lines is read in pieces of the line limit; a line cut at a piece's end is
    joined to its rest; a line over the limit stands as an empty line (its row is rejected as too
    long) and the next line is read whole; over the limit on line 1 it is refused with its number."""
    monkeypatch.setattr(csv_lines, "MAX_LINE_BYTES", 6)
    assert lines_of(b"ab\rcd\refgh\rij\r\n") == ["ab\r", "cd\r", "efgh\r", "ij\r\n"]
    assert lines_of(b"ab\rcdefghij\rnext\n") == ["ab\r", "\n", "next\n"]
    with pytest.raises(InputFileError, match=r"x\.csv:1: "):
        lines_of(b"abcdefghij\rnext\n")


@pytest.mark.usefixtures("real_data_env")
def test_a_batch_of_mixed_line_ends_accounts_for_every_row(tmp_path: Path) -> None:
    """LF, lone CR and CRLF in one export: three rows, three profiles (this stopped the batch
    with Python's 'new-line character seen in unquoted field')."""
    text = export([row("C-1")], eol="\n") + ";".join(row("C-2")) + "\r" + ";".join(row("C-3")) + "\r\n"
    src = tmp_path / "mixed.csv"
    src.write_text(text, encoding="utf-8")
    r = runner.invoke(app, ["batch", str(src), "--out", str(tmp_path / "out"), "--json", "--lang", "en"])
    assert r.exit_code == 0, r.output
    counts = json.loads(r.stdout)["counts"]
    assert (counts["rows_read"], counts["rows_written"], counts["rows_rejected"]) == (3, 3, 0)


def test_excels_sep_line_names_the_delimiter_and_is_no_header(tmp_path: Path) -> None:
    """A ``sep=;`` first line (Excel writes and reads it) was taken for the header, so every
    column was 'missing'; it names the delimiter and the header is the line after it."""
    path = tmp_path / "x.csv"
    for data, delim in ((b"\xef\xbb\xbfsep=;\r\na;b\r\n1;2\r\n", ";"), (b"SEP=\t\na\tb\n1\t2\n", "\t")):
        path.write_bytes(data)
        info = tabular.inspect(path)
        assert (info.header, info.header_row, info.delimiter, info.rows) == (["a", "b"], 2, delim, 1)
        assert list(tabular.iter_rows(info)) == [(3, ["1", "2"])]


def test_an_empty_delimiter_option_is_refused_not_ignored(tmp_path: Path) -> None:
    """``--delimiter ''`` is a mistake to name, not 'no option' (it was silently sniffed)."""
    src = tmp_path / "x.csv"
    src.write_text(export([row("C-1")]), encoding="utf-8")
    r = runner.invoke(
        app, ["batch", str(src), "--out", str(tmp_path / "o"), "--delimiter", "", "--lang", "en"]
    )
    assert "--delimiter ''" in one_error(r)


# --- resume ------------------------------------------------------------------------------------


def test_a_checkpoint_that_is_no_checkpoint_is_not_trusted(tmp_path: Path) -> None:
    """``state.json`` as a list, with a negative row or a part name that would be a path
    elsewhere: not loaded (the batch starts afresh) instead of a traceback or a stray file."""
    path = tmp_path / "state.json"
    good = batch_state.State(fingerprint="f", created="2026-01-01T00:00:00+00:00")
    for data in ([1, 2], "x", {**json.loads(good.dump()), "last_row": -1}):
        path.write_text(json.dumps(data), encoding="utf-8")
        assert batch_state.State.load(path) is None
    tampered = json.loads(good.dump())
    tampered["offsets"] = {"../../elsewhere": 0}
    path.write_text(json.dumps(tampered), encoding="utf-8")
    assert batch_state.State.load(path) is None
    path.write_text(good.dump(), encoding="utf-8")
    assert batch_state.State.load(path) is not None


def test_a_checkpoint_past_the_end_of_its_part_files_is_refused(tmp_path: Path) -> None:
    """An offset beyond a part file's size would pad the output with NUL bytes: one line instead."""
    state = batch_state.State(fingerprint="f", created="c")
    batch_state.write_part_headers(tmp_path, "jsonl")
    state.offsets["errors.csv"] = 10**6
    with pytest.raises(InputFileError, match="does not match its part files"):
        batch_state.open_parts(tmp_path, state, batch_state.part_files("jsonl"))


@pytest.mark.usefixtures("real_data_env")
def test_resume_over_a_damaged_checkpoint_still_accounts_for_every_row(tmp_path: Path) -> None:
    """``--resume`` with a ``state.json`` that is a JSON list (a traceback before) runs the batch
    from the start: every row is in the outputs."""
    src = tmp_path / "x.csv"
    src.write_text(export([row("C-1"), row("C-2")]), encoding="utf-8")
    out = tmp_path / "out"
    (out / ".batch-work").mkdir(parents=True)
    (out / ".batch-work" / "state.json").write_text("[1, 2]", encoding="utf-8")
    r = runner.invoke(app, ["batch", str(src), "--out", str(out), "--resume", "--json", "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["counts"]["rows_written"] == 2


# --- YAML --------------------------------------------------------------------------------------


def test_an_impossible_date_in_yaml_stays_text() -> None:
    """``2025-13-45`` looks like a YAML date and is none, a 5,000-digit integer is more than Python
    makes from text: both stay text (the model then names the field) instead of a ValueError
    escaping the parser; real dates and numbers still load as such."""
    data = yamlio.loads(
        "a: 2025-13-45\nb: 2025-02-28\nc: 2025-02-30 10:00:00\nd: " + "9" * 5000 + "\ne: 0x1F\nf: 31\n"
    )
    assert data["a"] == "2025-13-45"
    assert data["d"] == "9" * 5000  # over Python's 4,300-digit limit for int(): text, not a ValueError
    assert data["e"] == "0x1F"  # YAML 1.1's hex is no number a person means: text (test_odd_values)
    assert data["f"] == 31
    assert data["b"].isoformat() == "2025-02-28"
    assert data["c"] == "2025-02-30 10:00:00"


@pytest.mark.usefixtures("real_data_env")
def test_intake_answers_with_an_impossible_date_name_the_field(tmp_path: Path) -> None:
    """``intake --answers`` with ``permit_date: 2025-13-45``: one line naming the answer."""
    text = (REPO / "examples" / "answers" / "eritrea-welder.yaml").read_text(encoding="utf-8")
    answers = tmp_path / "a.yaml"
    answers.write_text(re.sub(r"permit_date: .*", "permit_date: 2025-13-45", text), encoding="utf-8")
    r = runner.invoke(
        app, ["intake", "--answers", str(answers), "--out", str(tmp_path / "p.json"), "--lang", "en"]
    )
    assert "personal.permit_date" in one_error(r)


# --- XLSX --------------------------------------------------------------------------------------


def _workbook(path: Path, *, hidden_first: bool = False, chart_first: bool = False) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Data"
    ws.append(["id", "title"])
    ws.append(["C-1", "lasser"])
    ws.append([0, False])
    ws.append(["", ""])
    ws.append(["C-2", "kok"])
    if hidden_first:
        lists = wb.create_sheet("Lijsten", 0)
        lists.append(["code", "naam"])
        lists.sheet_state = "hidden"
        wb.active = 1
    if chart_first:
        wb.create_chartsheet("Grafiek", 0)
    wb.save(path)
    return path


@pytest.mark.parametrize("kind", ["hidden_first", "chart_first"])
def test_the_default_sheet_is_the_first_visible_worksheet(tmp_path: Path, kind: str) -> None:
    """A hidden sheet of lookup lists or a chart sheet before the data: the default is the sheet
    a person sees (the hidden one was read, so every column was 'missing')."""
    path = _workbook(tmp_path / "w.xlsx", **{kind: True})
    info = tabular.inspect(path)
    assert (info.sheet, info.header) == ("Data", ["id", "title"])


def test_sheet_cells_keep_falsy_values_and_empty_rows_stay_blank(tmp_path: Path) -> None:
    """The empty-row shortcut (a sheet formatted to its last row has a million) only takes rows of
    empty text: a 0 or FALSE is still read."""
    path = _workbook(tmp_path / "w.xlsx")
    rows = [(n, cells) for n, cells, _ in xlsx.rows(path, None)]
    assert rows[2] == (3, ["0", "false"])
    assert rows[3] == (4, ["", ""])
    assert tabular.is_blank(rows[3][1]) and not tabular.is_blank(rows[2][1])


def test_a_workbook_without_sheets_is_one_line(tmp_path: Path) -> None:
    """A workbook whose sheet list is empty (an IndexError before) says so."""
    good = _workbook(tmp_path / "w.xlsx")
    bad = tmp_path / "none.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "xl/workbook.xml":
                data = re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", data)
            dst.writestr(name, data)
    with pytest.raises(InputFileError, match="no sheets"):
        tabular.inspect(bad)


# --- other readers -----------------------------------------------------------------------------


def test_a_parquet_file_that_is_not_parquet_is_one_line(tmp_path: Path) -> None:
    """``occupation code --input X.parquet`` on garbage (pyarrow's ArrowInvalid escaped) and on a
    folder: one line each."""
    pytest.importorskip("pyarrow")
    garbage = tmp_path / "in.parquet"
    garbage.write_bytes(b"PAR1 not really")
    folder = tmp_path / "dir.parquet"
    folder.mkdir()
    for src in (garbage, folder):
        r = runner.invoke(
            app,
            [
                "occupation",
                "code",
                "--input",
                str(src),
                "--column",
                "t",
                "--out",
                str(tmp_path / "o.csv"),
                "--lang",
                "en",
            ],
        )
        assert str(src) in one_error(r)


def test_a_build_source_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    """A damaged source (an invalid byte after the header) stops ``data build`` with the file and
    the byte; the header was read outside the error handling (a traceback)."""
    (tmp_path / "s.csv").write_bytes(b"a,b\n" + b"x,y\n" * 100 + b"\xff,z\n")
    source = SourceFile(path="s.csv", sha256="0" * 64)
    with pytest.raises(SourceError, match=r"byte 0xff is not UTF-8"):
        list(build_sources.read_csv(tmp_path, source, {"a"}))


@pytest.mark.usefixtures("real_data_env")
def test_a_coding_job_codes_lines_of_an_unclosed_quote_on_their_own(tmp_path: Path) -> None:
    """``occupation code --input`` with a stray quote: each line is coded from its own text (the
    first was 'not text' for the line end the quote kept), and the warning does not send the
    user to an errors.csv that a coding job does not write."""
    src = tmp_path / "in.csv"
    src.write_text('id;title\n1;"lasser\n2;kok\n', encoding="utf-8")
    out = tmp_path / "out.csv"
    r = runner.invoke(
        app,
        ["occupation", "code", "--input", str(src), "--column", "title", "--out", str(out), "--lang", "en"],
    )
    assert r.exit_code == 0, r.output
    assert "errors.csv" not in r.stderr and "line 2 (through 3)" in r.stderr
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))[1:]
    assert [(r[1], r[-1]) for r in rows] == [("lasser", ""), ("kok", "")]


def test_a_file_without_header_does_not_echo_a_bsn(tmp_path: Path) -> None:
    """A coding job on a file whose first line is data: the 'no column' error lists the first
    line's cells, but never a long number (a BSN, a phone number)."""
    src = tmp_path / "in.csv"
    src.write_text("123456782;lasser\n", encoding="utf-8")
    r = runner.invoke(
        app,
        [
            "occupation",
            "code",
            "--input",
            str(src),
            "--column",
            "title",
            "--out",
            str(tmp_path / "o.csv"),
            "--lang",
            "en",
        ],
    )
    assert "123456782" not in r.output
    assert "no column 'title'" in one_error(r)


@pytest.mark.usefixtures("real_data_env")
@pytest.mark.parametrize("year", ["9" * 5000, "123456782"])
def test_an_answers_file_error_never_repeats_a_bsn_or_a_pasted_document(tmp_path: Path, year: str) -> None:
    """``birth_year`` of 5,000 digits (a traceback: int() refuses over 4,300) or a BSN typed in
    the wrong field: one line naming the field, the number not repeated (sixteenth review: not
    even masked), the line short."""
    answers = tmp_path / "a.yaml"
    answers.write_text(f"personal:\n  client_ref: X-1\n  birth_year: {year}\n", encoding="utf-8")
    r = runner.invoke(app, ["intake", "--answers", str(answers), "--lang", "en"])
    line = one_error(r)
    assert "personal.birth_year: the answer is not a year" in line
    assert "123456782" not in r.output and len(line) < 300


def test_a_refused_answer_is_shown_short_and_without_long_numbers() -> None:
    """``answer_parsing.shown``: ordinary values unchanged (ints stay ints), long numbers masked,
    long texts cut."""
    assert answer_parsing.shown(1996) == 1996
    assert answer_parsing.shown("Syrie") == "Syrie"
    assert answer_parsing.shown("BSN 123456782!") == "BSN ########!"
    assert answer_parsing.shown("x" * 500) == "x" * 59 + "…"
    assert (
        answer_parsing.AnswerError("year", value=123456782, low=1930, high=2026).params["value"] == "########"
    )


@pytest.mark.usefixtures("real_data_env")
def test_an_output_that_is_a_pipe_or_device_is_refused_not_replaced(tmp_path: Path) -> None:
    """``--out`` at a FIFO (or ``/dev/stdout``, ``/dev/full``): the atomic rename replaced the
    node itself with a regular file (as root, a device in /dev); now one line and it stays."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    answers = REPO / "examples" / "answers" / "eritrea-welder.yaml"
    r = runner.invoke(app, ["intake", "--answers", str(answers), "--out", str(fifo), "--lang", "en"])
    assert "is a pipe (FIFO)" in one_error(r)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    with pytest.raises(OutputError, match="is a device"):
        fsio.check_output_file(Path("/dev/null"))


@pytest.mark.usefixtures("real_data_env")
@pytest.mark.parametrize(
    ("where", "reason"),
    [("skills:\n  free_text:\n", "not a list"), ("notes:\n", "not a list")],
)
def test_a_yaml_bomb_in_an_answers_file_is_refused_before_it_is_expanded(
    tmp_path: Path, where: str, reason: str
) -> None:
    """Billion laughs inside an answer (anchors nesting a list in a list nine times a level):
    ``str()`` of eight levels wrote a 250 MB profile with 1 GB of memory; now the shape is refused
    first. Four levels here, so that a regression fails instead of filling the machine."""
    levels = ["  - &a [x, x, x, x, x, x, x, x, x]"]
    levels += [f"  - &{n} [" + ", ".join([f"*{p}"] * 9) + "]" for p, n in zip("abc", "bcd", strict=True)]
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "personal:\n  client_ref: X-1\n  birth_year: 1990\n  country_of_origin: Syria\n"
        + where
        + "\n".join(levels),
        encoding="utf-8",
    )
    r = runner.invoke(
        app, ["intake", "--answers", str(answers), "--out", str(tmp_path / "p.json"), "--lang", "en"]
    )
    assert reason in one_error(r)
    assert not (tmp_path / "p.json").exists()


def test_titles_on_stdin_end_at_a_lone_cr_and_lose_a_leading_bom(tiny_data: Path) -> None:
    """``occupation code`` on a file saved with old Mac line ends (and a BOM): one JSON line per
    line, as a text viewer shows them; all titles were one line before."""
    args = ["--data-dir", str(tiny_data), "occupation", "code", "--json", "--lang", "en"]
    r = runner.invoke(app, args, input=b"\xef\xbb\xbflasser\rkapster\r\nlasser\n")
    assert r.exit_code == 0, r.output
    assert [json.loads(line)["input"] for line in r.stdout.splitlines()] == ["lasser", "kapster", "lasser"]


def test_xlsx_output_cells_drop_control_characters_and_stop_at_excels_limit(tmp_path: Path) -> None:
    """A title with an escape sequence copied to ``occupation code --out X.xlsx`` (and any text
    ``write_xlsx`` writes): openpyxl raised IllegalCharacterError, a traceback after the coding;
    a cell over 32,767 characters made Excel repair the file. Formulas stay neutralised."""
    assert table_out.xlsx_text("las\x01ser\x1b[2J\tx\n") == "lasser[2J\tx\n"
    assert table_out.xlsx_text("=1+1") == "'=1+1"
    assert len(table_out.xlsx_text("x" * 40_000)) == table_out.XLSX_MAX_CELL
    out = tmp_path / "o.xlsx"
    table_out.write_xlsx(out, ["t"], [["a\x00b"], ["x" * 40_000]], title="t")
    cells = [c for _, c, _ in xlsx.rows(out, None)]
    assert cells[1] == ["ab"] and len(cells[2][0]) == table_out.XLSX_MAX_CELL


def test_xlsx_output_writes_a_list_or_bytes_as_text(tmp_path: Path) -> None:
    """A Parquet input whose column holds lists or bytes, coded to ``--out X.xlsx``: openpyxl
    raised a bare ValueError after the job; such a value is written as its text."""
    out = tmp_path / "o.xlsx"
    table_out.write_xlsx(out, ["a", "b", "c"], [[["x", "y"], b"z", 1.5]], title="t")
    # a list as JSON since the eighteenth review (it was Python's ``['x', 'y']``), bytes as DuckDB's
    # BLOB text since the nineteenth (it was ``b'z'``)
    assert [c for _, c, _ in xlsx.rows(out, None)][1] == ['["x", "y"]', "z", "1.5"]


@pytest.mark.parametrize("name", ["x.csv", "x.xlsx"])
def test_an_unreadable_export_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """chmod 000 (simulated: tests may run as root, who reads anything): reading the export fails
    with EACCES; one line naming the file, no traceback."""
    path = tmp_path / name
    path.write_bytes(b"a;b\n1;2\n")
    real_open = io.open

    def deny(file: object, *args: object, **kwargs: object) -> object:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(io, "open", deny)
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: deny(self, *a, **k))
    with pytest.raises(InputFileError, match=r"cannot read \(Permission denied\)"):
        tabular.inspect(path)


def test_an_unused_header_cell_is_named_short(tmp_path: Path) -> None:
    """A header cell of 200,000 characters (a pasted text) made the 'columns not in the mapping'
    warning one line of 200,000 characters; it is named by its column now (sixteenth review)."""
    mapping, _, _ = batch_mapping.load_mapping(None, data_dir=REPO / "data")
    header = [*HEADER, "x" * 200_000]
    compiled = batch_mapping.compile_mapping(mapping, header, source="in.csv", mapping_name="m.yaml")
    assert compiled.unused_columns == (header_cells.Unused(position=len(header)),)
