"""Hostile workbooks, third round: a few KB of crafted XML that made calamine ask for hundreds of
GiB (the process aborted, no message), an hour of merged-cell filling, rows lost without a word,
error cells read as empty without a word."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skilltool import tabular, xlsx_checks
from skilltool.cli import app
from skilltool.errors import InputFileError

from .test_hostile_input import one_error
from .test_tabular import _sheet_workbook

runner = CliRunner()


def _cell(ref: str, text: str) -> bytes:
    return b'<c r="' + ref.encode() + b'" t="inlineStr"><is><t>' + text.encode() + b"</t></is></c>"


def _stored(src: Path, dst: Path) -> Path:
    """The same workbook with every part stored, not deflated (a zip may hold either)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_STORED) as zout:
        for name in zin.namelist():
            zout.writestr(name, zin.read(name))
    return dst


def test_a_value_far_right_and_far_down_is_refused_before_calamine_holds_the_grid(tmp_path: Path) -> None:
    """Calamine holds a sheet as one dense grid: a value in XFD1 and one in A1048576 asked for
    512 GiB and aborted the process (SIGABRT, a Rust backtrace). Refused in one line, deflated or
    stored, with cell references or without (a row of cells without ``r`` reaches as far as it is
    long); a wide sheet of a few rows still reads."""
    far = b'<row r="1">' + _cell("A1", "klantnummer") + _cell("XFD1", "x") + b"</row>"
    far += b'<row r="1048576">' + _cell("A1048576", "K-1") + b"</row>"
    deflated = _sheet_workbook(tmp_path / "far.xlsx", far)
    refless = b"<row>" + b'<c t="inlineStr"><is><t>x</t></is></c>' * 16_384 + b"</row>"
    refless += b'<row r="5000">' + _cell("A5000", "K-1") + b"</row>"
    for path in (
        deflated,
        _stored(deflated, tmp_path / "stored.xlsx"),
        _sheet_workbook(tmp_path / "r.xlsx", refless),
    ):
        with pytest.raises(InputFileError, match=r"cells, more than the 67,108,864 this tool can hold"):
            tabular.inspect(path)
    r = runner.invoke(app, ["batch", "run", str(deflated), "--out", str(tmp_path / "out"), "--lang", "en"])
    assert "a grid of 1,048,576 x 16,384 cells" in one_error(r)
    wide = b'<row r="1">' + _cell("A1", "klantnummer") + _cell("XFD1", "x") + b"</row>"
    wide += b'<row r="2">' + _cell("A2", "K-1") + b"</row>"
    info = tabular.inspect(_sheet_workbook(tmp_path / "wide.xlsx", wide))
    assert info.header[0] == "klantnummer" and len(info.header) == 16_384 and info.rows == 1


def test_a_shared_strings_count_beyond_its_size_is_refused(tmp_path: Path) -> None:
    """Calamine reserves room for the ``uniqueCount`` a shared-strings table declares: 4 billion
    in a 200-byte part asked for 96 GB and aborted the process. Refused as a damaged workbook."""
    good = _sheet_workbook(tmp_path / "g.xlsx", b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>')
    bad = tmp_path / "sst.xlsx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            zout.writestr(name, zin.read(name))
        zout.writestr(
            "xl/sharedStrings.xml",
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
            'uniqueCount="4000000000"><si><t>klantnummer</t></si></sst>',
        )
    with pytest.raises(InputFileError, match="declares 4,000,000,000 texts, more than it can hold"):
        xlsx_checks.check_xlsx_parts(bad)


def test_merged_cells_over_the_whole_sheet_are_refused_not_filled_for_hours(tmp_path: Path) -> None:
    """A 5 KB workbook merging A2:XFD1048576 made the reader fill 17 billion cells (a batch hung);
    merged cells together are held to the grid's limit. A small merge still fills in."""
    rows = b'<row r="1">' + _cell("A1", "klantnummer") + b"</row>"
    # the helper wraps its bytes in sheetData: close it, add the merge, open an empty one again
    rows += b'<row r="2">' + _cell("A2", "K-1") + b'</row></sheetData><mergeCells count="1">'
    path = _sheet_workbook(
        tmp_path / "m.xlsx", rows + b'<mergeCell ref="A2:XFD1048576"/></mergeCells><sheetData>'
    )
    with pytest.raises(InputFileError, match=r"merged cells cover 17,179,852,800 cells"):
        tabular.inspect(path)


def test_a_row_without_a_number_after_numbered_rows_is_not_overwritten(tmp_path: Path) -> None:
    """A row without ``r`` follows the one before (row 4 after row 3); a row numbered 4 after it
    overwrote it in calamine, one person lost without a word. Refused like other repeated rows."""
    rows = b'<row r="1">' + _cell("A1", "klantnummer") + b"</row>"
    rows += b'<row r="3">' + _cell("A3", "K-1") + b"</row>"
    rows += b'<row><c t="inlineStr"><is><t>K-2</t></is></c></row>'
    rows += b'<row r="4">' + _cell("A4", "K-3") + b"</row>"
    with pytest.raises(InputFileError, match="has row 4 after row 4"):
        tabular.inspect(_sheet_workbook(tmp_path / "w.xlsx", rows))


def test_error_cells_are_named_in_a_warning(tmp_path: Path) -> None:
    """An error value (#N/A from a lookup, #REF!) reads as empty in calamine: an answer lost without
    a word. The warning counts them and names their cells (references, never content)."""
    rows = b'<row r="1">' + _cell("A1", "klantnummer") + _cell("B1", "geboortejaar") + b"</row>"
    rows += b'<row r="2">' + _cell("A2", "K-1") + b'<c r="B2" t="e"><v>#N/A</v></c></row>'
    rows += b'<row r="3"><c r="A3" t="e"><v>#REF!</v></c>' + _cell("B3", "1990") + b"</row>"
    info = tabular.inspect(_sheet_workbook(tmp_path / "e.xlsx", rows))
    assert [w.key for w in info.warnings] == ["warnings.xlsx.error_cells"]
    assert str(info.warnings[0]).startswith(
        "e.xlsx: 2 cell(s) hold an error value such as #N/A or #REF! (B2, A3)"
    )
