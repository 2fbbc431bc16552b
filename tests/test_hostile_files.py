"""Hostile input files, second round: UTF-16 exports, lone CRs and endless lines on stdin,
duplicate YAML keys. Each case once stopped a job, lost data silently or could fill memory."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skilltool import coding_stream, csv_lines, tabular, yamlio
from skilltool.cli import app
from skilltool.datafiles import parse_model
from skilltool.errors import DataFileError, InputFileError
from skilltool.models import SectorsFile

from .conftest import REPO
from .test_hostile_input import HEADER, one_error, row

runner = CliRunner()


# --- UTF-16 CSV (Excel's "Unicode text") -------------------------------------------------------


def _unicode_text(rows: list[list[str]]) -> bytes:
    """What Excel writes for "Unicode text": UTF-16 LE with a BOM, tab-separated, CRLF."""
    return "".join("\t".join(cells) + "\r\n" for cells in rows).encode("utf-16")


def test_a_utf16_export_is_read_with_its_line_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A UTF-16 LE file with BOM reads as text (tab sniffed), with the line numbers an editor shows
    and non-ASCII kept, also when a character or a CRLF is cut between two reads (tiny chunks);
    the checksum is that of the file's own bytes. It was refused before."""
    monkeypatch.setattr(csv_lines, "_CHUNK", 3)
    path = tmp_path / "u16.csv"
    path.write_bytes(_unicode_text([["id", "land"], ["1", "Syrië"], [], ["2", "Eritrea 🇪🇷"]]))
    info = tabular.inspect(path)
    assert (info.encoding, info.delimiter, info.header, info.rows) == ("utf-16", "\t", ["id", "land"], 2)
    assert info.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    rows = [(n, cells) for n, cells in tabular.iter_rows(info) if cells]
    assert rows == [(2, ["1", "Syrië"]), (4, ["2", "Eritrea 🇪🇷"])]
    path.write_bytes(_unicode_text([["id", "land"], ["1", "SY"]]).replace(b"\r\x00\n\x00", b"\r\x00"))
    assert [cells for _, cells in tabular.iter_rows(tabular.inspect(path))] == [["1", "SY"]]  # lone CRs
    big_endian = "id;land\n1;SY\n".encode("utf-16-be")
    path.write_bytes(b"\xfe\xff" + big_endian)
    assert list(tabular.iter_rows(tabular.inspect(path))) == [(2, ["1", "SY"])]


def test_undecodable_utf16_is_one_line_naming_the_line(tmp_path: Path) -> None:
    """A UTF-16 file that breaks off (odd byte count) or holds a lone surrogate: one error naming
    the file and the line where it stops being UTF-16."""
    path = tmp_path / "u16.csv"
    path.write_bytes(_unicode_text([["id", "land"], ["1", "SY"]]) + b"x")
    with pytest.raises(InputFileError, match=r"u16\.csv:3: the file starts as UTF-16"):
        tabular.inspect(path)


@pytest.mark.usefixtures("real_data_env")
def test_a_batch_reads_a_utf16_export_and_accounts_for_every_row(tmp_path: Path) -> None:
    """``batch`` on Excel's "Unicode text" export: every row read and written."""
    src = tmp_path / "intakes.txt.csv"
    src.write_bytes(_unicode_text([HEADER, row("C-1"), row("C-2")]))
    r = runner.invoke(app, ["batch", str(src), "--out", str(tmp_path / "out"), "--json", "--lang", "en"])
    assert r.exit_code == 0, r.output
    counts = json.loads(r.stdout)["counts"]
    assert (counts["rows_read"], counts["rows_written"], counts["rows_rejected"]) == (2, 2, 0)


# --- titles on stdin ---------------------------------------------------------------------------


def _stdin(data: bytes, limit: int = 8) -> list[str]:
    return list(coding_stream.stdin_lines(io.BytesIO(data), limit=limit))


def test_stdin_lines_end_at_lone_cr_and_stay_bounded() -> None:
    """Lines end at LF, CRLF or a lone CR, also when a read stops between a CR and its LF; a line
    longer than the limit is cut there (the rest read and dropped), never held whole; a leading
    BOM goes; invalid UTF-8 becomes replacement characters."""
    assert _stdin(b"\xef\xbb\xbfab\rcd\r\nef\ngh") == ["ab", "cd", "ef", "gh"]
    assert _stdin(b"abcdefg\r\nh\r") == ["abcdefg", "h"]  # the CR ends the first read of 8 bytes
    assert _stdin(b"a\r\r\nb\n\n") == ["a", "", "b", ""]
    assert _stdin(b"x" * 50 + b"\ry\r") == ["x" * 8, "y"]
    assert _stdin(b"x" * 50) == ["x" * 8]
    assert _stdin(b"\x81\x90\r") == ["\ufffd\ufffd"]  # neither UTF-8 nor Windows-1252


def test_a_lone_cr_file_of_titles_is_not_one_line(tiny_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``occupation code --json`` reads stdin through the bounded reader: on old-Mac line ends one
    result per title, and an endless line is cut at the line limit (here 16 bytes) instead of read
    whole; the titles after it still come."""
    monkeypatch.setattr(coding_stream, "MAX_LINE_BYTES", 16)
    args = ["--data-dir", str(tiny_data), "occupation", "code", "--json", "--lang", "en", "--workers", "1"]
    r = runner.invoke(app, args, input=b"lasser\rkapster\r" + b"lasser " * 1000 + b"\rlasser\r")
    assert r.exit_code == 0, r.output
    results = [json.loads(line)["input"] for line in r.stdout.splitlines()]
    assert results == ["lasser", "kapster", "lasser lasser la", "lasser"]


# --- duplicate YAML keys -----------------------------------------------------------------------


def test_a_duplicate_yaml_key_is_refused_with_its_lines() -> None:
    """YAML forbids a key twice in one mapping; PyYAML let the last one win silently. Now the
    loader refuses it with the key and both lines; a ``<<`` merge may still override."""
    with pytest.raises(yamlio.DuplicateKeyError) as exc:
        yamlio.loads("a: 1\nb:\n  c: 2\n  d: 3\n  c: 4\n")
    assert (exc.value.key, exc.value.line, exc.value.first) == ("c", 5, 3)
    assert yamlio.loads("base: &b {x: 1}\nd:\n  <<: *b\n  x: 2\n")["d"] == {"x": 2}
    assert yamlio.loads("- {a: 1}\n- {a: 2}\n") == [{"a": 1}, {"a": 2}]  # the same key in two maps


def test_binary_yaml_is_refused_not_taken_as_its_repr() -> None:
    """``title: !!binary aGVsbG8=`` made the title ``"b'hello'"`` (exit 0); now a YAML error at
    its line."""
    with pytest.raises(yamlio.YAMLError) as exc:
        yamlio.loads("work:\n  - title: !!binary aGVsbG8=\n")
    assert getattr(exc.value, "problem", "") == "binary data (!!binary) is not text"
    assert exc.value.problem_mark.line + 1 == 2  # type: ignore[attr-defined]


def test_a_data_file_with_a_duplicate_key_is_one_line() -> None:
    """A data file (here a sectors file) that gives a key twice: one line with file, line and key."""
    with pytest.raises(DataFileError) as exc:
        parse_model("sectors.yaml", "version: 1\nversion: 2\nsectors: []\n", SectorsFile)
    assert str(exc.value) == (
        "sectors.yaml:2: the key 'version' is given twice (first on line 1); keep one of them"
    )


@pytest.mark.usefixtures("real_data_env")
def test_intake_answers_with_a_duplicate_key_name_it_without_values(tmp_path: Path) -> None:
    """``intake --answers`` with ``birth_year`` twice: one line naming the file, the key and its
    lines, no value from the file; no profile written."""
    text = (REPO / "examples" / "answers" / "eritrea-welder.yaml").read_text(encoding="utf-8")
    answers = tmp_path / "a.yaml"
    answers.write_text(
        text.replace("  birth_year:", "  birth_year: 1912\n  birth_year:", 1), encoding="utf-8"
    )
    r = runner.invoke(
        app, ["intake", "--answers", str(answers), "--out", str(tmp_path / "p.json"), "--lang", "en"]
    )
    line = one_error(r)
    assert f"{answers}:" in line and "the key 'birth_year' is given twice" in line and "1912" not in line
    assert not (tmp_path / "p.json").exists()


# --- found in the adversarial pass ----------------------------------------------------------------


def test_a_library_reason_with_line_breaks_still_gives_one_error_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """pyarrow's reason for a damaged Parquet file ends in a newline; an error or warning that
    carries such a text is printed as one line (it was two)."""
    from skilltool import console

    console.error("x.parquet: not readable (Couldn't deserialize thrift.\n); write it again", "en")
    console.warn("a\r\nb\u2028c", "en")
    lines = capsys.readouterr().err.splitlines()
    assert lines == [
        "error: x.parquet: not readable (Couldn't deserialize thrift. ); write it again",
        "warning: a b c",
    ]


@pytest.mark.parametrize(
    ("values", "shown"), [([["a", "b"], None], "list<element: string>"), ([{"x": 1}], "struct<x: int64>")]
)
def test_a_parquet_column_of_lists_or_structs_is_refused_not_coded_as_its_repr(
    tiny_data: Path, tmp_path: Path, values: list[object], shown: str
) -> None:
    """A Parquet text column that holds lists or structs was coded as Python's repr
    (``"['a', 'b']"``) into nonsense candidates; now one line names the column and its type."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    src = tmp_path / "t.parquet"
    pq.write_table(pa.table({"functie": values}), src)
    out = tmp_path / "o.csv"
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
    line = one_error(runner.invoke(app, [*args, "--lang", "en"]))
    assert line.startswith(f"error: {src}: column 'functie' holds {shown} values, not text; give a column")
    assert not out.exists()


def test_a_coding_job_refuses_a_column_named_twice(tiny_data: Path, tmp_path: Path) -> None:
    """``--column functie`` with two columns of that name coded the first silently; now it is one
    line naming both columns, as the batch does for a mapped column."""
    src = tmp_path / "t.csv"
    src.write_text("functie;Functie;functie\nlasser;kok;kapper\n", encoding="utf-8")
    out = tmp_path / "o.csv"
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
    line = one_error(runner.invoke(app, [*args, "--lang", "en"]))
    assert "the header has column 'functie' more than once (columns 1, 3)" in line
    assert not out.exists()


@pytest.mark.parametrize(
    ("head", "said"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00", "this is a zip file (an .xlsx workbook with another name?)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "this is a PDF, not CSV text"),
        (b"PAR1\x15\x04\x15\x00", "this is a Parquet file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old .xls workbooks are not supported"),
    ],
)
def test_a_csv_that_is_really_a_workbook_pdf_or_parquet_says_what_it_is(
    tmp_path: Path, head: bytes, said: str
) -> None:
    """A .csv (or a Parquet file given to ``batch``) that is a zip/.xlsx, a PDF, Parquet or an old
    .xls is named as such; it was "line 1: contains NUL bytes" or "byte 0x81 on line 8"."""
    path = tmp_path / "export.csv"
    path.write_bytes(head + bytes(range(256)) * 4)
    with pytest.raises(InputFileError) as exc:
        tabular.inspect(path)
    assert exc.value.message.startswith(f"{path}: {said}")


@pytest.mark.usefixtures("real_data_env")
def test_report_and_intake_refuse_an_out_that_is_their_input(tmp_path: Path) -> None:
    """``report P --out P`` replaced the profile with its HTML report and ``intake --answers A
    --out A`` the answers with the profile (exit 0 both); now one line each, the input intact
    (also when --out is a link to the input)."""
    answers = tmp_path / "a.yaml"
    answers.write_bytes((REPO / "examples" / "answers" / "eritrea-welder.yaml").read_bytes())
    before = answers.read_bytes()
    r = runner.invoke(app, ["intake", "--answers", str(answers), "--out", str(answers), "--lang", "en"])
    assert (
        one_error(r) == f"error: --out {answers}: that is an input file of this command; choose another name"
    )
    assert answers.read_bytes() == before
    profile = tmp_path / "p.json"
    r = runner.invoke(app, ["intake", "--answers", str(answers), "--out", str(profile), "--lang", "en"])
    assert r.exit_code == 0, r.output
    text = profile.read_bytes()
    link = tmp_path / "report.html"
    link.symlink_to(profile)
    for out in (profile, link):
        r = runner.invoke(app, ["report", str(profile), "--out", str(out), "--lang", "en"])
        assert "that is an input file of this command" in one_error(r)
        assert profile.read_bytes() == text


@pytest.mark.usefixtures("real_data_env")
def test_explain_does_not_echo_a_pasted_document_or_a_bsn(tmp_path: Path) -> None:
    """``explain P TEXT`` with no such occupation repeated all of TEXT (80 KB on one line) and any
    long number in it; then its start, long numbers masked; since the seventeenth review none of
    it (``OCCUPATION: ... the label given``)."""
    profile = tmp_path / "p.json"
    answers = REPO / "examples" / "answers" / "eritrea-welder.yaml"
    assert runner.invoke(app, ["intake", "--answers", str(answers), "--out", str(profile)]).exit_code == 0
    r = runner.invoke(app, ["explain", str(profile), "123456782 " + "zzz " * 20_000, "--lang", "en"])
    line = one_error(r)
    assert len(line) < 300 and "123456782" not in line and "zzz" not in line
    assert "OCCUPATION: no ESCO occupation has the label given" in line


def test_formula_cells_without_a_saved_value_are_named_in_a_warning(tmp_path: Path) -> None:
    """A workbook written by a program (openpyxl here) holds formulas without saved values;
    calamine reads them as empty, so a birth year ``=1980+7`` vanished without a word. Now a
    warning counts them; the same workbook with the value saved (as Excel saves it) has none."""
    import zipfile

    import openpyxl

    path = tmp_path / "f.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["id", "jaar"])
    ws.append(["C-1", "=1980+7"])
    ws.append(["C-2", 1990])
    wb.save(path)
    info = tabular.inspect(path)
    assert [w.key for w in info.warnings] == ["warnings.xlsx.unsaved_formulas"]
    assert str(info.warnings[0]).startswith("f.xlsx: 1 formula cell(s) have no saved value")
    saved = tmp_path / "saved.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(saved, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                assert b"<v />" in data or b"<v/>" in data or b"</f></c>" in data
                data = data.replace(b"<v />", b"<v>1987</v>").replace(b"<v/>", b"<v>1987</v>")
                data = data.replace(b"</f></c>", b"</f><v>1987</v></c>")
            dst.writestr(item, data)
    assert tabular.inspect(saved).warnings == []
    assert next(cells for _, cells in tabular.iter_rows(tabular.inspect(saved))) == ["C-1", "1987"]


def test_a_profile_json_with_a_key_twice_is_refused(tmp_path: Path) -> None:
    """A stored profile with ``client_ref`` twice in one object: the JSON parser let the last one
    win silently (a second person's reference could slip in); now one line names the key."""
    from skilltool import profile_files

    text = (REPO / "examples" / "personas" / "syrian_cook.json").read_text(encoding="utf-8")
    path = tmp_path / "p.json"
    path.write_text(text, encoding="utf-8")
    profile_files.read_profile(path)  # as it is: fine
    path.write_text(text.replace('"client_ref": "P-SY-012"', '"client_ref": "P-SY-012", "client_ref": "X-1"'))
    with pytest.raises(InputFileError) as exc:
        profile_files.read_profile(path)
    assert str(exc.value) == f"{path}: the key 'client_ref' is given twice in one object; keep one of them"


def test_a_profile_with_an_unknown_key_does_not_show_it(tmp_path: Path) -> None:
    """An unknown key is not echoed in the error (a person's text or a BSN may have landed there):
    the error names where it is (the fifteenth review; it was shown cut, long numbers hidden)."""
    from skilltool import profile_files

    text = (REPO / "examples" / "personas" / "syrian_cook.json").read_text(encoding="utf-8")
    key = "notitie 123456782 " + "x" * 80
    path = tmp_path / "p.json"
    path.write_text(text.replace('"client_ref": "P-SY-012"', f'"client_ref": "P-SY-012", "{key}": 1'))
    with pytest.raises(InputFileError) as exc:
        profile_files.read_profile(path)
    message = str(exc.value)
    assert "123456782" not in message and "notitie" not in message and "xx" not in message
    assert ": personal: " in message and "\n" not in message


def test_a_profile_file_over_the_limit_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Profiles, drafts and answers files are read whole: one over ``MAX_FILE_BYTES`` is refused
    with one line, through the CLI too."""
    from skilltool import profile_files

    path = tmp_path / "p.json"
    path.write_bytes(b'{"a": "' + b"x" * 4096 + b'"}')
    monkeypatch.setattr(profile_files, "MAX_FILE_BYTES", 1024)
    with pytest.raises(InputFileError, match=r"p\.json: 0 MiB is too big for the profile \(limit 0 MiB\)"):
        profile_files.read_profile(path)
    result = runner.invoke(app, ["profile", "show", str(path), "--lang", "en"])
    assert result.exit_code != 0
    assert len(result.stderr.strip().splitlines()) == 1 and "too big" in result.stderr
