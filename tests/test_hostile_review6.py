"""Hostile input, sixth review: each case here once turned a person's text into other characters,
ignored an option without a word, wrote an output its readers cannot open, or said the wrong thing
to do; now it does not."""

from __future__ import annotations

import codecs
import io
import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from skilltool import batch_research, coding_support, csv_lines, tabular
from skilltool.cli import app
from skilltool.coding_stream import stdin_lines
from skilltool.errors import InputFileError
from skilltool.models.client_ref import client_ref_problem

from .test_hostile_input import HEADER, assert_batch_hides_bsn, export, one_error, row
from .test_tabular import _sheet_workbook

runner = CliRunner()


# --- a line that mixes UTF-8 and Windows-1252 ----------------------------------------------------


def test_a_mixed_line_keeps_its_utf8_and_its_windows_1252() -> None:
    """A UTF-8 line with one cell pasted from a Windows-1252 export (``Syri\\xeb``) was read as
    Windows-1252 as a whole: its Arabic in UTF-8 became ``Ù…Ø±Ø­Ø¨Ø§``. Now each valid UTF-8
    sequence is read as UTF-8 and every other byte as Windows-1252; a plain Windows-1252 line reads
    as before, and a byte in neither is still an error naming it."""
    mixed = "UT-1;Syrië;مرحبا".encode().replace("ë".encode(), b"\xeb")
    assert csv_lines.utf8_or_cp1252(mixed) == ("UT-1;Syrië;مرحبا", True)
    assert csv_lines.utf8_or_cp1252("café;Zoë".encode("cp1252")) == ("café;Zoë", False)
    for raw, at in ((b"a\x81b", 1), ("é".encode() + b"a\x81b", 3)):
        with pytest.raises(UnicodeDecodeError) as caught:
            csv_lines.utf8_or_cp1252(raw)
        assert caught.value.start == at


def test_a_batch_row_with_mixed_encodings_keeps_its_text_and_is_named(tmp_path: Path) -> None:
    """The only non-ASCII line of an export mixed UTF-8 (a note in Arabic) with a Windows-1252
    ``ë``: the profile held mojibake and nothing said so (the file counted as Windows-1252). Now
    the note is kept as written and the warning names the line."""
    cells = row("C-1")
    cells[HEADER.index("notities")] = "مرحبا"
    data = export([cells]).encode("utf-8").replace("Syrië".encode(), b"Syri\xeb")
    src = tmp_path / "mixed.csv"
    src.write_bytes(data)
    out = tmp_path / "out"
    r = runner.invoke(app, ["batch", str(src), "--out", str(out), "--json", "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert "mixed encodings: line(s) 2 " in r.stderr
    profile = json.loads((out / "profiles.jsonl").read_text(encoding="utf-8"))
    assert profile["notes"] == "مرحبا" and profile["personal"]["country_of_origin"] == "SY"


# --- titles on stdin: the encodings a file of titles is read in ----------------------------------


@pytest.mark.parametrize(
    "data",
    [
        "lasser\r\nkapster\r\ncafé\r\n".encode("utf-16"),  # Notepad's "Unicode": UTF-16 LE with its mark
        "lasser\nkapster\ncafé\n".encode("utf-16-le"),  # the same without the mark
        "lasser\nkapster\ncafé\n".encode("utf-32"),
        "lasser\nkapster\ncafé\n".encode("cp1252"),  # Notepad's "ANSI"
    ],
)
def test_titles_on_stdin_are_read_in_the_encodings_a_csv_is(data: bytes) -> None:
    """Titles piped from a file saved as UTF-16 (every title was "not text"), UTF-32 or
    Windows-1252 (``café`` was "not text"): read as a CSV file's lines are."""
    assert list(stdin_lines(io.BytesIO(data))) == ["lasser", "kapster", "café"]


def test_titles_on_stdin_that_are_neither_keep_their_problem() -> None:
    """A byte in neither UTF-8 nor Windows-1252, or a UTF-16 stream cut in a character: that line
    has replacement characters (coded as "not text"), the others are read."""
    assert list(stdin_lines(io.BytesIO(b"ok\na\x81b\n"))) == ["ok", "a\ufffdb"]
    assert list(stdin_lines(io.BytesIO("ok\nxy".encode("utf-16")[:-1]))) == ["ok", "x\ufffd"]


def test_occupation_code_reads_a_utf16_file_of_titles(tiny_data: Path) -> None:
    """The command end to end: one JSON line per title, none "not text"."""
    args = ["--data-dir", str(tiny_data), "occupation", "code", "--json", "--lang", "en"]
    r = runner.invoke(app, args, input="lasser\r\nkapster\r\n".encode("utf-16"))
    assert r.exit_code == 0, r.output
    results = [json.loads(line) for line in r.stdout.splitlines()]
    assert [x["input"] for x in results] == ["lasser", "kapster"]
    assert all(x["problem"] is None for x in results)


# --- an option of a file job without --input -----------------------------------------------------


@pytest.mark.parametrize(
    ("command", "options", "named"),
    [
        ("occupation", ["--out", "coded.csv"], "--out"),
        ("occupation", ["--column", "functie", "--sheet", "Blad1"], "--column, --sheet"),
        ("skill", ["--out", "coded.parquet", "--engine", "dask"], "--out, --engine"),
        ("skill", ["--scheduler", "tcp://127.0.0.1:1"], "--scheduler"),
    ],
)
def test_a_file_job_option_without_input_is_refused_not_ignored(
    tiny_data: Path, tmp_path: Path, command: str, options: list[str], named: str
) -> None:
    """``occupation code lasser --out coded.csv`` printed a table and exit 0, and no file was
    written: the option was ignored without a word. Each file-job option without ``--input`` is
    now a usage error (exit 2) naming the options; nothing is written."""
    options = [str(tmp_path / x) if x.startswith("coded.") else x for x in options]
    args = ["--data-dir", str(tiny_data), command, "code", "lasser", *options, "--lang", "en"]
    before = sorted(tmp_path.iterdir())
    r = runner.invoke(app, args)
    assert r.exit_code == 2
    assert one_error(r) == f"error: {named}: only with --input FILE (a file job); " + (
        "leave it out for texts given here or on stdin, or add --input"
    )
    assert sorted(tmp_path.iterdir()) == before


# --- an output column twice ----------------------------------------------------------------------


def _code_file(tiny_data: Path, src: Path, out: Path) -> Result:
    args = ["--data-dir", str(tiny_data), "occupation", "code", "--input", str(src), "--column", "functie"]
    return runner.invoke(app, [*args, "--out", str(out), "--lang", "en"])


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".xlsx"])
def test_coding_a_coded_file_again_is_refused_not_written_with_columns_twice(
    tiny_data: Path, tmp_path: Path, suffix: str
) -> None:
    """An output of ``occupation code --input`` coded again (or an export that has a column of
    that name) got a second ``occupation_1_uri`` and so on: a CSV whose columns no one tells apart,
    a Parquet file pyarrow, pandas and DuckDB cannot read ("Multiple matches for FieldRef"). Now it
    is one line naming the column, before anything is written."""
    src = tmp_path / "in.csv"
    src.write_text("functie;x\nlasser;1\n", encoding="utf-8")
    first = tmp_path / "coded.csv"
    assert _code_file(tiny_data, src, first).exit_code == 0
    again = tmp_path / f"again{suffix}"
    line = one_error(_code_file(tiny_data, first, again))
    assert line == (
        f"error: {first}: already has a column 'occupation_1_uri', which the output adds (a file coded "
        "before?); code the original file, or rename or remove that column"
    )
    assert not again.exists()


def test_a_parquet_output_of_a_header_with_a_name_twice_is_refused(tiny_data: Path, tmp_path: Path) -> None:
    """A CSV header with a name twice (or a blank cell that is named ``column_N`` next to a real
    ``column_N``) made a Parquet output that cannot be read back; a .csv output keeps the header as
    it is."""
    pytest.importorskip("pyarrow")
    for header, twice in (("functie;x;x", "x"), ("functie;;column_2", "column_2")):
        src = tmp_path / "in.csv"
        src.write_text(f"{header}\nlasser;1;2\n", encoding="utf-8")
        out = tmp_path / "o.parquet"
        line = one_error(_code_file(tiny_data, src, out))
        assert f"column '{twice}' is in the header more than once" in line
        assert not out.exists()
    r = _code_file(tiny_data, src, tmp_path / "o.csv")
    assert r.exit_code == 0, r.output


# --- a profile of another version ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("version", "said"),
    [
        (5, "is 5: a profile of a newer skilltool (this one reads versions 1 to 4); update skilltool"),
        (None, "is not a profile version (this skilltool reads the whole numbers 1 to 4); make the profile "),
        ("4", "is not a profile version"),
        (0, "is not a profile version"),
        (123456789, "is not a profile version"),
    ],
)
def test_a_profile_of_another_version_says_what_to_do(tmp_path: Path, version: object, said: str) -> None:
    """A profile written by a newer skilltool (or a version edited by hand) was refused with
    "schema_version: must be one of 4", which reads as a count and names no way out. Now a newer
    version says to update skilltool, anything else that it is no version; a long number is not
    repeated (a BSN typed in the wrong place). Versions 1 to 4 still read."""
    persona = json.loads((Path(__file__).parents[1] / "examples/personas/turkish_welder.json").read_text())
    path = tmp_path / "p.json"
    for readable in (1, 2, 3, 4):
        path.write_text(json.dumps({**persona, "schema_version": readable}), encoding="utf-8")
        r = runner.invoke(app, ["profile", "show", str(path), "--json", "--lang", "en"])
        assert r.exit_code == 0, r.output
    path.write_text(json.dumps({**persona, "schema_version": version}), encoding="utf-8")
    line = one_error(runner.invoke(app, ["profile", "show", str(path), "--lang", "en"]))
    assert line.startswith(f"error: {path}: schema_version: {said}")
    assert "123456789" not in line


# --- an answers file of the wrong shape ----------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (("work:\n", "work: lasser\nx_work:\n"), "work: expected a list of entries"),
        (
            ("work:\n", "work:\n  - null\n"),
            "work.0: expected its answers under it as key: value lines, not one value",
        ),
        (("personal:\n", "personal: UT-1\nx_personal:\n"), "personal: expected its answers under it as key"),
        (
            ("sectors: [techniek, bouw]", "sectors: {techniek: 1}"),
            "wishes.sectors: expected a list of texts, not key",
        ),
        (
            ("municipality: Zwolle", "municipality: {a: b}"),
            "personal.municipality: expected one line of text, not key",
        ),
    ],
)
def test_an_answers_file_of_the_wrong_shape_says_so(
    tmp_path: Path, change: tuple[str, str], said: str
) -> None:
    """``work: lasser`` (one value where a list of entries belongs), a ``null`` entry or
    ``personal: UT-1`` were "not a question of this intake (typo, or a switched-off section?)", and
    a mapping where a list belongs was "expected one line of text, not a list": each sent the
    reader after the wrong mistake. Now each says what shape the answer needs."""
    text = (Path(__file__).parents[1] / "examples/answers/eritrea-welder.yaml").read_text(encoding="utf-8")
    old, new = change
    assert old in text
    src = tmp_path / "a.yaml"
    src.write_text(text.replace(old, new, 1), encoding="utf-8")
    r = runner.invoke(
        app, ["intake", "--answers", str(src), "--out", str(tmp_path / "p.json"), "--lang", "en"]
    )
    assert one_error(r).startswith(f"error: {src}: {said}")
    assert not (tmp_path / "p.json").exists()


# --- a header cell wrapped in Excel --------------------------------------------------------------


def _mapped_batch(tmp_path: Path, mapping: str, rows: str) -> Result:
    """``batch`` of ``rows`` (``in.csv``) with the mapping ``mapping`` (``m.yaml``), into ``out``."""
    (tmp_path / "m.yaml").write_text(mapping, encoding="utf-8")
    src = tmp_path / "in.csv"
    src.write_text(rows, encoding="utf-8", newline="")
    args = ["batch", str(src), "--mapping", str(tmp_path / "m.yaml"), "--out", str(tmp_path / "out")]
    return runner.invoke(app, [*args, "--lang", "en"])


def test_a_header_cell_wrapped_or_with_two_spaces_is_the_mapped_column(tmp_path: Path) -> None:
    """A header cell wrapped with Alt+Enter in Excel (``Datum\\nvergunning``, a quoted line break in
    the CSV) or typed with two spaces shows as the mapping's ``datum vergunning`` and was
    "missing"; white space between words now compares as one space, for a batch and a coding job."""
    r = _mapped_batch(
        tmp_path,
        "required: [klant nummer]\nfields:\n  personal.client_ref: klant nummer\n"
        "  personal.permit_date: {column: datum  vergunning, date_format: '%d-%m-%Y'}\n",
        '"Klant  nummer";"Datum\r\nvergunning"\r\nUT-1;14-03-2023\r\n',
    )
    out = tmp_path / "out"
    assert r.exit_code == 0, r.output
    assert "not in the file" not in r.stderr
    profile = json.loads((out / "profiles.jsonl").read_text(encoding="utf-8"))
    assert (profile["personal"]["client_ref"], profile["personal"]["permit_date"]) == ("UT-1", "2023-03-14")


# --- a shared-text reference that is no number ---------------------------------------------------


def _shared_text_workbook(path: Path, value: bytes) -> Path:
    """Header ``klantnummer;beroep_1`` and one row, every cell a shared text; B2's reference ``value``."""
    rows = b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
    rows += b'<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>' + value + b"</v></c></row>"
    plain = _sheet_workbook(tmp := path.with_suffix(".tmp.xlsx"), rows)
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            zout.writestr(name, zin.read(name))
        texts = "".join(f"<si><t>{x}</t></si>" for x in ("klantnummer", "beroep_1", "UT-1", "lasser"))
        zout.writestr(
            "xl/sharedStrings.xml",
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" '
            f'uniqueCount="4">{texts}</sst>',
        )
    tmp.unlink()
    return path


@pytest.mark.parametrize("value", [b"-1", b"1.5", b" 3 ", b"+3", b"99999999999999999999"])
def test_a_shared_text_reference_that_is_no_number_is_refused(tmp_path: Path, value: bytes) -> None:
    """Calamine reads a shared-text cell whose reference is no plain number (``-1``, ``1.5``,
    `` 3 ``, 20 digits) as text 0, the table's first, mostly a header cell: the job title became
    "klantnummer" without a word. Refused in one line naming the cell; plain references and an
    empty value still read."""
    path = _shared_text_workbook(tmp_path / "x.xlsx", value)
    with pytest.raises(
        InputFileError, match="cell B2 refers to a shared text by something that is no number"
    ):
        list(tabular.iter_rows(tabular.inspect(path)))
    for fine, cell in ((b"3", "lasser"), (b"", "")):
        info = tabular.inspect(_shared_text_workbook(tmp_path / "ok.xlsx", fine))
        assert info.header == ["klantnummer", "beroep_1"]
        assert [cells[:2] for _, cells in tabular.iter_rows(info)] == [["UT-1", cell]]


# --- yes, no and numbers where a mapping or a profile wants text ---------------------------------


def test_an_unquoted_yes_or_number_where_text_belongs_says_to_quote_it(tmp_path: Path) -> None:
    """A mapping copied from the default one with the quotes dropped, ``values: {ja: yes, nee: no}``,
    reads as True and False in YAML; a profile edited by hand may hold ``"title": 5``. Both were
    "is not text", which a caseworker looking at ``yes`` cannot act on; now it says to quote it."""
    said = 'is a number or yes/no, not text; put it in quotes ("yes", "40")'
    r = _mapped_batch(
        tmp_path,
        "fields:\n  personal.client_ref: klantnummer\n"
        "  circumstances.care_duties: {column: zorg, values: {ja: yes, nee: no}}\n",
        "klantnummer;zorg\nUT-1;ja\n",
    )
    mapping = tmp_path / "m.yaml"
    assert one_error(r) == f"error: {mapping}: fields.circumstances.care_duties.values.ja: {said} (+1 more)"
    persona = json.loads((Path(__file__).parents[1] / "examples/personas/turkish_welder.json").read_text())
    persona["work"][0]["title"] = 5
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(persona), encoding="utf-8")
    r = runner.invoke(app, ["profile", "show", str(profile), "--lang", "en"])
    assert one_error(r) == f"error: {profile}: work.0.title: {said}"


# --- a review workbook that is a CSV -------------------------------------------------------------


@pytest.mark.parametrize("name", ["review.csv", "review.xlsx"])
def test_a_review_workbook_that_is_text_says_to_give_the_exported_workbook(
    tiny_data: Path, tmp_path: Path, name: str
) -> None:
    """``intake languages --import`` on a CSV (the review sheet saved as CSV by mistake) said "a CSV
    named .xlsx? name it .csv and run again": advice for a batch, wrong for an import that reads
    only the workbook --export wrote (and wrong for a file already named .csv)."""
    src = tmp_path / name
    src.write_text("id;kind;nl;en;translation\nq1;text;a;b;c\n", encoding="utf-8")
    data = ["--data-dir", str(tiny_data)]
    r = runner.invoke(
        app, [*data, "intake", "languages", "--import", str(src), "--reviewer", "AB", "--lang", "en"]
    )
    assert one_error(r) == (
        f"error: {src}: a text file (a CSV?), not a review workbook; give the .xlsx that --export "
        "wrote, reviewed and saved in Excel"
    )


# --- a BSN written in groups as the client id ----------------------------------------------------


def test_a_bsn_written_in_groups_is_no_client_id() -> None:
    """A BSN as letters print it (``1112.22.333``, ``111-222-333``) passed the client-id rule (only
    eight or nine digits in a row were caught) and went into every profile, summary and error
    line. Nine grouped digits that pass the BSN's eleven test are refused as a BSN; grouped case
    numbers that are no BSN stay valid."""
    for bsn in ("1112.22.333", "111-222-333", "111/222/333", "11.12.22.333"):
        assert client_ref_problem(bsn) == "bsn", bsn
    for ref in ("1112.22.334", "2024-0001", "2024-00-123", "UT-2024-0001", "UT-111222333"):
        assert client_ref_problem(ref) is None, ref


def test_a_batch_row_with_a_grouped_bsn_is_rejected_without_showing_it(tmp_path: Path) -> None:
    """The same rule for every way in: a batch row is rejected as a BSN, and no output file nor the
    terminal holds the number."""
    assert_batch_hides_bsn(tmp_path, "1112.22.333", "1112.22.333")


# --- --sheet as Excel finds a sheet --------------------------------------------------------------


def test_sheet_is_found_as_excel_finds_it_and_a_long_one_is_clipped(tmp_path: Path) -> None:
    """``--sheet blad1`` for a sheet named ``Blad1`` (Excel allows no two names that differ only in
    case) was "no sheet"; now case and surrounding spaces aside it is that sheet. A ``--sheet``
    that names none is still one line, cut to 60 characters (a pasted text was echoed whole)."""
    rows = b'<row r="1"><c r="A1" t="inlineStr"><is><t>functie</t></is></c></row>'
    path = _sheet_workbook(tmp_path / "w.xlsx", rows)  # its one sheet is named "s"
    for given in ("S", " s "):
        assert tabular.inspect(path, sheet=given).header == ["functie"]
    with pytest.raises(InputFileError) as caught:
        tabular.inspect(path, sheet="x" * 100_000)
    assert caught.value.message == f"{path}: no sheet '{'x' * 59}…'; sheets: s"


# --- folders made for owner-only files -----------------------------------------------------------


def test_folders_made_for_an_owner_only_output_are_owner_only(tiny_data: Path, tmp_path: Path) -> None:
    """``report --out new/sub/r.html``, ``intake --answers --out``, ``occupation code --out``: the
    missing folders were made as ``mkdir -p`` makes them, world-readable (0755), while a batch's
    ``--out`` is 0700 and the names in them tell whose files they are. Each folder made is 0700
    now; an existing folder is left as it is."""
    src = tmp_path / "in.csv"
    src.write_text("functie\nlasser\n", encoding="utf-8")
    out = tmp_path / "new" / "sub" / "coded.csv"
    before = tmp_path.stat().st_mode
    args = ["--data-dir", str(tiny_data), "occupation", "code", "--input", str(src), "--column", "functie"]
    r = runner.invoke(app, [*args, "--out", str(out), "--lang", "en"])
    assert r.exit_code == 0, r.output
    for folder in (tmp_path / "new", tmp_path / "new" / "sub"):
        assert folder.stat().st_mode & 0o777 == 0o700, folder
    assert out.stat().st_mode & 0o777 == 0o600
    assert tmp_path.stat().st_mode == before


# --- a header of one column ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "klantnummer|geboortejaar|land_herkomst\nUT-1|1987|Syrië\n",  # pipes: not sniffed
    ],
)
def test_a_header_of_one_column_says_why_columns_may_be_missing(tmp_path: Path, text: str) -> None:
    """A pipe-separated export or a CSV pasted into one Excel column: every required column was
    "missing", with advice to rename columns that are there. Now the error says the header holds
    one column only and what may cause it. (A title line above the header is skipped since user22:
    tests/test_new_user22.py.)"""
    src = tmp_path / "in.csv"
    src.write_text(text, encoding="utf-8")
    r = runner.invoke(app, ["batch", str(src), "--out", str(tmp_path / "o"), "--lang", "en"])
    line = one_error(r)
    assert "and the header holds one column only: a title line above the header? remove it;" in line
    assert "give --delimiter;" in line


def test_a_quoted_sep_line_names_the_delimiter(tmp_path: Path) -> None:
    """``"sep=;"`` (written by a program that quotes every cell) was taken for the header; it names
    the delimiter as Excel's unquoted ``sep=;`` does."""
    path = tmp_path / "x.csv"
    path.write_bytes(b'"sep=;"\r\na;b\r\n1;2\r\n')
    info = tabular.inspect(path)
    assert (info.header, info.header_row, info.delimiter, info.rows) == (["a", "b"], 2, ";", 1)


# --- YAML's yes and no where an answer is text (the Norway problem) ------------------------------


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (("country_of_origin: Eritrea", "country_of_origin: NO"), "personal.country_of_origin"),
        (("municipality: Zwolle", "municipality: yes"), "personal.municipality"),
        (("title: lasser", "title: on"), "work.0.title"),
        (("mother_tongues: [Tigrinya]", "mother_tongues: [no, Tigrinya]"), "languages.mother_tongues"),
    ],
)
def test_yaml_yes_and_no_in_a_text_answer_say_to_quote_them(
    tmp_path: Path, change: tuple[str, str], where: str
) -> None:
    """YAML 1.1 reads ``NO`` (Norway), ``no`` (Norwegian), ``yes`` and ``on`` as booleans: an answers
    file stored the mother tongue "false", the municipality "True", or said "'False' is not a
    country we know". Now a boolean where an answer is text is one line saying to quote it; a
    yes/no question still takes ``yes``."""
    text = (Path(__file__).parents[1] / "examples/answers/eritrea-welder.yaml").read_text(encoding="utf-8")
    old, new = change
    assert old in text and "willing_to_train: true" in text
    src = tmp_path / "a.yaml"
    src.write_text(
        text.replace(old, new, 1).replace("willing_to_train: true", "willing_to_train: yes"), "utf-8"
    )
    out = tmp_path / "p.json"
    r = runner.invoke(app, ["intake", "--answers", str(src), "--out", str(out), "--lang", "en"])
    assert one_error(r) == (
        f"error: {src}: {where}: YAML reads this as yes/no (true/false), not as text; "
        'put it in quotes ("NO", "no", "yes")'
    )
    assert not out.exists()
    src.write_text(text.replace("willing_to_train: true", "willing_to_train: yes"), encoding="utf-8")
    r = runner.invoke(app, ["intake", "--answers", str(src), "--out", str(out), "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert json.loads(out.read_text(encoding="utf-8"))["wishes"]["willing_to_train"] is True


# --- a formula's error value, and a Parquet NaN, as a job title ----------------------------------


@pytest.mark.parametrize("text", ["#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", " #REF! "])
def test_a_formulas_error_value_is_not_coded_as_a_title(text: str) -> None:
    """Excel writes an error cell into a CSV as its text: ``#REF!`` was coded as "ref" (a sports
    official), ``#VALUE!`` as a business valuer, flagged for review only. Now it is "not a title",
    as a formula is; titles with a ``#`` stay titles."""
    assert coding_support.prepare_title(text)[1:] == ([], "not_a_title")
    for title in ("F# ontwikkelaar", "#1 kapper", "referent"):
        assert coding_support.prepare_title(title)[2] is None, title


def test_a_parquet_nan_is_an_empty_cell_not_the_title_nan(tiny_data: Path, tmp_path: Path) -> None:
    """A float column's NaN (a missing value, as pandas writes one) was coded as the title "nan"
    (a nanoengineer, to review); now it is an empty cell, counted as one."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"functie": [float("nan"), 1.0]}), src)
    out = tmp_path / "o.csv"
    r = _code_file(tiny_data, src, out)
    assert r.exit_code == 0, r.output
    assert "2 rows written" in r.stderr and "1 empty" in r.stderr
    first = out.read_text(encoding="utf-8-sig").splitlines()[1].split(";")
    assert first[0] == "nan" and not any(first[1:-2])  # the cell kept as it was, nothing coded


# --- a pseudonymisation key saved again by Notepad -----------------------------------------------


def test_a_key_file_saved_with_a_mark_or_as_utf16_is_the_same_key(tmp_path: Path) -> None:
    """A key file opened and saved again in Notepad (UTF-8 with a byte-order mark, or "Unicode":
    UTF-16) gave other bytes, so every pseudonym changed and the export no longer linked to the
    earlier ones, without a word. The same text is the same key now; a key of random bytes stays
    as it is."""
    text = "q2Zk8vQ0mY3xT1bN7rL5wC9hJ4dF6gS2aE0uI8oP=\r\n"
    plain = tmp_path / "plain.key"
    plain.write_bytes(text.encode("ascii"))
    key = batch_research.read_key(plain)
    for name, data in (
        ("bom.key", codecs.BOM_UTF8 + text.encode("ascii")),
        ("utf16.key", text.encode("utf-16")),
        ("utf16le.key", text.encode("utf-16-le")),
    ):
        (tmp_path / name).write_bytes(data)
        assert batch_research.read_key(tmp_path / name) == key, name
    random_key = bytes(range(256))[::-1] * 2
    (tmp_path / "random.key").write_bytes(random_key)
    assert batch_research.read_key(tmp_path / "random.key") == random_key.strip()


# --- an "Excel" export that is XML or HTML -------------------------------------------------------

_XML_2003 = (
    '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">\n'
    '<Worksheet><Table><Row><Cell><Data ss:Type="String">klantnummer</Data></Cell></Row></Table>'
    "</Worksheet></Workbook>\n"
)
_HTML = "\ufeff<!DOCTYPE html>\n<html><body><table><tr><td>klantnummer</td></tr></table></body></html>\n"


@pytest.mark.parametrize("name", ["export.csv", "export.xlsx"])
@pytest.mark.parametrize("text", [_XML_2003, _HTML])
def test_an_xml_or_html_excel_export_says_what_it_is(tmp_path: Path, name: str, text: str) -> None:
    """An older case system's "Excel" export is an XML spreadsheet (Excel 2003) or an HTML table,
    named .xls, .xlsx or .csv. As .xlsx it was "a CSV named .xlsx? name it .csv", and as .csv
    every required column was "missing". Now one line says what it is and how to save it."""
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    r = runner.invoke(app, ["batch", str(src), "--out", str(tmp_path / "o"), "--lang", "en"])
    assert one_error(r) == (
        f'error: {src}: this is XML or HTML (an "Excel" export of an older system?), not CSV text nor an '
        ".xlsx workbook; open it in Excel and save it as 'CSV UTF-8' or .xlsx"
    )


# --- a workbook, a PDF or a Parquet file where a text file belongs --------------------------------


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00", "a zip file (an .xlsx workbook?)"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "a PDF"),
        (b"PAR1\x15\x04\x15", "a Parquet file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Office file (an old .xls or a workbook with a password?)"),
    ],
)
def test_a_binary_file_given_as_answers_profile_or_mapping_says_what_it_is(
    tmp_path: Path, data: bytes, kind: str
) -> None:
    """The export or a PDF given by mistake as ``--answers``, a profile or ``--mapping`` was "not
    UTF-8 (byte 12); save it as UTF-8", advice no one can follow for a workbook. Now one line says
    what the file is."""
    src = tmp_path / "given.yaml"
    src.write_bytes(data + b"\x00" * 64)
    said = (
        f"error: {src}: this is {kind}, not a text file (YAML or JSON); check that this is the file you meant"
    )
    intakes = tmp_path / "in.csv"
    intakes.write_text(export([row("C-1")]), encoding="utf-8")
    for args in (
        ["intake", "--answers", str(src), "--out", str(tmp_path / "p.json")],
        ["profile", "show", str(src)],
        ["batch", str(intakes), "--mapping", str(src), "--out", str(tmp_path / "o")],
    ):
        assert one_error(runner.invoke(app, [*args, "--lang", "en"])) == said, args


# --- --workers on the bulk coding path -----------------------------------------------------------


def test_workers_for_titles_on_stdin_are_capped_with_a_warning(
    tiny_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``occupation code --workers 100000`` with titles on stdin forked a hundred thousand worker
    processes (the batch's cap of four per core did not apply here). Now it starts at most four
    per core and the warning says so, as a batch does."""
    from skilltool import coding_stream

    started: list[int] = []

    def fake_stream(coder, lines, *, lang, top, workers):  # type: ignore[no-untyped-def]
        started.append(workers)  # --json: the workers write the JSON lines (``json_stream``)
        return ((r.problem, r.model_dump_json()) for r in (coder.code(x, lang=lang, top=top) for x in lines))

    monkeypatch.setattr(coding_stream, "json_stream", fake_stream)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    args = [
        "--data-dir",
        str(tiny_data),
        "occupation",
        "code",
        "--workers",
        "100000",
        "--json",
        "--lang",
        "en",
    ]
    r = runner.invoke(app, args, input=b"lasser\nkok\n")
    assert r.exit_code == 0, r.output
    assert started == [8]
    assert "warning: --workers 100000: 8 used, at most four per processor core (2)" in r.stderr
    assert len(r.stdout.splitlines()) == 2
