"""Reading exports as Excel and case systems write them, and writing cells that cannot run."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from skilltool import csv_lines, table_out, tabular
from skilltool.errors import InputFileError


def _rows(path: Path, **kw: str) -> tuple[tabular.TableInfo, list[tuple[int, list[str]]]]:
    info = tabular.inspect(path, **kw)
    return info, list(tabular.iter_rows(info))


@pytest.mark.parametrize("delim", [";", ",", "\t"])
def test_sniffs_the_delimiter_from_the_header(tmp_path: Path, delim: str) -> None:
    """Semicolon, comma and tab exports are recognised without being told."""
    path = tmp_path / "x.csv"
    path.write_text(delim.join(["id", "naam", "land"]) + "\n" + delim.join(["1", "a", "SY"]) + "\n")
    info, rows = _rows(path)
    assert info.delimiter == delim
    assert info.header == ["id", "naam", "land"]
    assert rows == [(2, ["1", "a", "SY"])]


def test_forced_delimiter_wins(tmp_path: Path) -> None:
    """--delimiter overrides the sniffing (a header with more commas than semicolons)."""
    path = tmp_path / "x.csv"
    path.write_text("id;note\n1;a,b,c\n")
    info, rows = _rows(path, delimiter=",")
    assert info.delimiter == ","
    assert rows[0][1] == ["1;a", "b", "c"]
    assert tabular.parse_delimiter("tab") == "\t"
    with pytest.raises(InputFileError, match="one character"):
        tabular.parse_delimiter(";;")


def test_encodings_utf8_bom_and_windows_1252(tmp_path: Path) -> None:
    """UTF-8, UTF-8 with BOM and Windows-1252 all give the same text, and say which they were."""
    text = "id;land\r\n1;Syrië\r\n2;Oekraïne\r\n"
    for name, data, enc in [
        ("u.csv", text.encode("utf-8"), "utf-8"),
        ("b.csv", b"\xef\xbb\xbf" + text.encode("utf-8"), "utf-8-sig"),
        ("w.csv", text.encode("cp1252"), "windows-1252"),
    ]:
        path = tmp_path / name
        path.write_bytes(data)
        info, rows = _rows(path)
        assert info.encoding == enc
        assert info.header == ["id", "land"]
        assert [r[1][1] for r in rows] == ["Syrië", "Oekraïne"]
        assert not info.warnings


def test_mixed_encodings_are_read_and_reported(tmp_path: Path) -> None:
    """A UTF-8 file with one pasted Windows-1252 line reads; a warning names that line."""
    path = tmp_path / "m.csv"
    path.write_bytes("id;land\n1;Syrië\n".encode() + "2;Oekraïne\n".encode("cp1252") + b"3;Irak\n")
    info, rows = _rows(path)
    assert info.encoding == "mixed utf-8/windows-1252"
    assert [r[1][1] for r in rows] == ["Syrië", "Oekraïne", "Irak"]
    assert "line(s) 3 hold Windows-1252" in str(info.warnings[0])


def test_undecodable_file_is_one_error_with_the_line(tmp_path: Path) -> None:
    """A byte that is neither UTF-8 nor Windows-1252 on a data line makes that row a
    ``BadBytes`` row (rejected downstream); on the first line, or on more than ``MAX_BAD_LINES``
    lines (a binary file), it stops with the file and line named."""
    path = tmp_path / "bad.csv"
    path.write_bytes(b"id;land\n1;SY\n2;\x81\x81\n3;IQ\n")
    rows = list(tabular.iter_rows(tabular.inspect(path)))
    assert [(n, list(cells), type(cells).__name__) for n, cells in rows] == [
        (2, ["1", "SY"], "list"),
        (3, ["2", "\ufffd\ufffd"], "BadBytes"),
        (4, ["3", "IQ"], "list"),
    ]
    assert isinstance(rows[1][1], tabular.BadBytes) and (rows[1][1].what, rows[1][1].byte) == ("byte", "81")
    many = b"id;land\n" + b"".join(b"%d;\x81\n" % n for n in range(csv_lines.MAX_BAD_LINES + 1))
    path.write_bytes(many)
    with pytest.raises(InputFileError) as exc:
        tabular.inspect(path)
    assert exc.value.message.startswith(f"{path}:{csv_lines.MAX_BAD_LINES + 2}: byte 0x81")
    utf16 = tmp_path / "u16.csv"
    utf16.write_bytes("id;land\n1;SY\n".encode("utf-16") + "\ud800".encode("utf-16-le", "surrogatepass"))
    with pytest.raises(InputFileError) as exc:
        tabular.inspect(utf16)
    assert exc.value.message.startswith(f"{utf16}:3: the file starts as UTF-16 but is not valid UTF-16")


def test_quoted_newlines_keep_the_start_line(tmp_path: Path) -> None:
    """A quoted cell with line breaks is one cell; the next record has its real line number."""
    path = tmp_path / "q.csv"
    path.write_text('id;note\n1;"twee\nregels; en ""quotes"""\n2;x\n')
    _, rows = _rows(path)
    assert rows == [(2, ["1", 'twee\nregels; en "quotes"']), (4, ["2", "x"])]


def test_a_one_megabyte_cell_is_read(tmp_path: Path) -> None:
    """Cells beyond the csv module's default limit (128 KB) are read, not a crash."""
    path = tmp_path / "big.csv"
    path.write_text("id;note\n1;" + "x" * 1_048_576 + "\n2;y\n")
    info, rows = _rows(path)
    assert info.rows == 2
    assert len(rows[0][1][1]) == 1_048_576


def test_empty_file_and_blank_lines(tmp_path: Path) -> None:
    """An empty file is an error; blank lines are returned so the caller can count them."""
    empty = tmp_path / "e.csv"
    empty.write_bytes(b"")
    with pytest.raises(InputFileError, match="empty"):
        tabular.inspect(empty)
    path = tmp_path / "b.csv"
    path.write_text("\nid;x\n1;a\n\n;\n2;b\n")
    info, rows = _rows(path)
    assert info.header_row == 2
    assert info.rows == 2
    assert [r for r in rows if not tabular.is_blank(r[1])] == [(3, ["1", "a"]), (6, ["2", "b"])]


def test_missing_file_and_old_xls(tmp_path: Path) -> None:
    """Files that cannot be read at all give one line that says what to do."""
    with pytest.raises(InputFileError, match="no such file"):
        tabular.inspect(tmp_path / "nope.csv")
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputFileError, match=r"save it as \.xlsx"):
        tabular.inspect(xls)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(InputFileError, match=r"not a readable \.xlsx"):
        tabular.inspect(bad)


def write_merged_xlsx(path: Path) -> None:
    """A sheet as people make them: a merged municipality over three rows, real date cells."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "intakes"
    ws.append(["klantnummer", "gemeente", "datum", "geboortejaar", "uren"])
    ws.append(["A1", "Utrecht", dt.datetime(2023, 3, 14), 1988, 32.0])
    ws.append(["A2", None, dt.date(2024, 1, 2), 1990, 24.5])
    ws.append(["A3", None, dt.datetime(2022, 5, 6, 10, 30), 1979, None])
    ws.append([None, None, None, None, None])
    ws.append(["A4", "Zeist", None, True, None])
    ws.merge_cells("B2:B4")
    wb.save(path)


def test_xlsx_merged_cells_and_dates(tmp_path: Path) -> None:
    """Merged cells repeat their value over the range; dates are ISO; 32.0 reads as 32."""
    path = tmp_path / "m.xlsx"
    write_merged_xlsx(path)
    info, rows = _rows(path)
    assert info.kind == "xlsx"
    assert info.sheet == "intakes"
    assert info.rows == 4
    assert rows[0] == (2, ["A1", "Utrecht", "2023-03-14", "1988", "32"])
    assert rows[1] == (3, ["A2", "Utrecht", "2024-01-02", "1990", "24.5"])
    assert rows[2][1][:3] == ["A3", "Utrecht", "2022-05-06 10:30:00"]
    assert tabular.is_blank(rows[3][1])
    assert rows[4] == (6, ["A4", "Zeist", "", "true", ""])
    with pytest.raises(InputFileError, match="no sheet 'other'"):
        tabular.inspect(path, sheet="other")


@given(st.text(max_size=20))
def test_neutralise_leaves_no_formula_start(value: str) -> None:
    """No neutralised cell starts with a formula character but a plain signed number (which runs
    nothing); safe cells are unchanged."""
    out = table_out.neutralise(value)
    assert not out.startswith(table_out.FORMULA_START) or table_out._PLAIN_NUMBER.fullmatch(out)
    if not value.startswith(table_out.FORMULA_START):
        assert out == value


def test_xlsx_output_has_no_formulas(tmp_path: Path) -> None:
    """A formula-looking text is written as a string cell, never as a formula."""
    path = tmp_path / "o.xlsx"
    payload = '=HYPERLINK("http://x","y")'
    table_out.write_xlsx(path, ["id", "n"], [[payload, 3], ["@SUM(A1)", "-1+2"]], title="t")
    assert path.stat().st_mode & 0o777 == 0o600
    with zipfile.ZipFile(path) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws["A2"].value == "'" + payload
    assert ws["A2"].data_type == "s"
    assert ws["B2"].value == 3
    wb.close()


def test_a_part_that_holds_more_than_it_declares_is_refused(tmp_path: Path) -> None:
    """A crafted part declares 1,000 bytes (with the checksum of its first 1,000) but inflates to
    4 MiB: the zip directory looks harmless, so ``check_xlsx_size`` passes, and the real size check
    refuses it before calamine (which reads parts itself) could unpack it."""
    import struct
    import zlib

    from skilltool import xlsx_checks

    path = tmp_path / "liar.xlsx"
    content = b"0" * (4 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", content)
    data = bytearray(path.read_bytes())
    crc, size = zlib.crc32(content[:1000]), 1000
    local = data.index(b"PK\x03\x04")
    struct.pack_into("<L", data, local + 14, crc)
    struct.pack_into("<L", data, local + 22, size)
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<L", data, central + 16, crc)
    struct.pack_into("<L", data, central + 24, size)
    path.write_bytes(bytes(data))
    xlsx_checks.check_xlsx_size(path)  # the directory alone does not show it
    with pytest.raises(InputFileError, match="unpacks to more than the 1,000 bytes it declares"):
        xlsx_checks.check_xlsx_parts(path)
    with pytest.raises(InputFileError, match="decompression bomb"):
        tabular.inspect(path)


def test_xlsx_cells_keep_their_columns_when_the_sheet_starts_further_in(tmp_path: Path) -> None:
    """A header that starts in column C and row 3 keeps its column and row numbers (calamine
    starts its rows at the first used column; the reader pads them back)."""
    path = tmp_path / "offset.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "s"
    ws["C3"], ws["D3"], ws["C4"], ws["D5"] = "klantnummer", "gemeente", "K-1", "Zeist"
    ws.merge_cells("D5:E6")
    wb.save(path)
    info, rows = _rows(path)
    assert info.header_row == 3 and info.header == ["", "", "klantnummer", "gemeente"]
    assert rows[0] == (4, ["", "", "K-1", ""])
    assert rows[1] == (5, ["", "", "", "Zeist", "Zeist"])
    assert rows[2] == (6, ["", "", "", "Zeist", "Zeist"])


def _sheet_workbook(path: Path, rows_xml: bytes) -> Path:
    """A workbook of one sheet whose sheetData is ``rows_xml`` (inline strings), written by hand."""
    ns = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    pkg = b"http://schemas.openxmlformats.org/package/2006"
    doc = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            b'<Types xmlns="' + pkg + b'/content-types"><Default Extension="rels" ContentType='
            b'"application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            b'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
            b'"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
            b'PartName="/xl/worksheets/sheet1.xml" ContentType='
            b'"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
        zf.writestr(
            "_rels/.rels",
            b'<Relationships xmlns="'
            + pkg
            + b'/relationships"><Relationship Id="rId1" Type="'
            + doc
            + b'/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        zf.writestr(
            "xl/workbook.xml",
            b"<workbook " + ns + b" " + rel + b'><sheets><sheet name="s" sheetId="1" r:id="rId1"/>'
            b"</sheets></workbook>",
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            b'<Relationships xmlns="'
            + pkg
            + b'/relationships"><Relationship Id="rId1" Type="'
            + doc
            + b'/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        zf.writestr(
            "xl/worksheets/sheet1.xml",
            b"<worksheet " + ns + b"><sheetData>" + rows_xml + b"</sheetData></worksheet>",
        )
    return path


def _row(n: int | None, text: str) -> bytes:
    r = b"" if n is None else b' r="%d"' % n
    return b'<row spans="1:1"' + r + b'><c t="inlineStr"><is><t>' + text.encode() + b"</t></is></c></row>"


def test_rows_repeated_or_out_of_order_are_refused_not_overwritten(tmp_path: Path) -> None:
    """Calamine places a row by its number, so rows numbered 2-3 twice read as two rows, the first
    two overwritten without a word. Excel calls such a workbook damaged: refused in one line,
    also when the repeat comes after the first MiB of the sheet (read in pieces)."""
    rows = _row(1, "kolom") + _row(2, "waarde a") + _row(3, "waarde b")
    path = _sheet_workbook(tmp_path / "twice.xlsx", rows + _row(2, "waarde c") + _row(3, "waarde d"))
    with pytest.raises(InputFileError, match="has row 2 after row 3: rows repeated or out of order"):
        tabular.inspect(path)
    many = b"".join(_row(n, f"titel {n}") for n in range(1, 40_000))
    assert len(many) > 2 << 20  # several pieces of the inflated part
    path = _sheet_workbook(tmp_path / "late.xlsx", many + _row(39_000, "waarde b"))
    with pytest.raises(InputFileError, match="has row 39000 after row 39999"):
        tabular.inspect(path)
    ok = _sheet_workbook(tmp_path / "ok.xlsx", many)  # in order, a tag cut between pieces read once
    assert tabular.inspect(ok).header == ["titel 1"]
    plain = _sheet_workbook(
        tmp_path / "plain.xlsx", _row(None, "kolom") + _row(None, "waarde a") + _row(None, "waarde b")
    )
    info = tabular.inspect(plain)  # rows without numbers follow one another
    assert [cells for _, cells in tabular.iter_rows(info)] == [["waarde a"], ["waarde b"]]


def test_find_splits_marks_only_the_parts_of_one_record() -> None:
    """Consecutive short lines whose cells add up to the header's width (plus one a break) are the
    parts of one record; a short line alone (a writer leaving out trailing empties), short lines
    that do not add up, or lines not next to each other pass unchanged."""
    from skilltool.tabular import SplitRecord, _find_splits

    def run(rows: list[tuple[int, list[str]]]) -> list[tuple[int, bool]]:
        return [(n, isinstance(c, SplitRecord)) for n, c in _find_splits(rows, 5)]

    full = ["a", "b", "c", "d", "e"]
    assert run([(2, full), (3, ["a", "b"]), (4, full)]) == [(2, False), (3, False), (4, False)]
    assert run([(2, ["a", "b"]), (3, ["c", "d", "e", "f"])]) == [(2, True), (3, True)]
    three = [(2, ["a", "b"]), (3, ["c", "d", "e"]), (4, ["f", "g"])]  # two breaks: 7 - 2 cells
    assert run(three) == [(2, True), (3, True), (4, True)]
    assert run([(2, ["a", "b"]), (3, ["c", "d"])]) == [(2, False), (3, False)]  # 3 cells: no record
    assert run([(2, ["a", "b"]), (4, ["c", "d", "e", "f"])]) == [(2, False), (4, False)]  # not adjacent
    # a short line before a record's parts is no part of it
    assert run([(2, ["a", "b", "c"]), (3, ["x", "y", "z", "w"]), (4, ["1", "2"])]) == [
        (2, False),
        (3, True),
        (4, True),
    ]
    splits = [c for _, c in _find_splits([(7, ["a", "b"]), (8, ["c", "d", "e", "f"])], 5)]
    assert all(isinstance(c, SplitRecord) and (c.first, c.last) == (7, 8) for c in splits)
