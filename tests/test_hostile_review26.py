"""The twenty-sixth hostile-input and privacy review: what the twenty-fifth review left alone (the
cache key without the libraries' versions, the cache warning on commands that load no data, a
dangling link as an output "already exists") and new ground attacked (see docs/security.md,
"Twenty-sixth review")."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pydantic_core
import pytest
import Stemmer  # type: ignore[import-not-found]  # PyStemmer ships no type hints
from typer.testing import CliRunner

from skilltool import api, cache_folder, datafiles, xlsx_checks
from skilltool.cli import app
from skilltool.errors import OutputError
from skilltool.models import SourceManifest

runner = CliRunner(env={"SKILLTOOL_LANG": "en"})

# --- the compiled cache: keyed by the libraries whose output it holds ----------------------------


@pytest.mark.parametrize("library", ["pystemmer", "pydantic-core"])
def test_a_cache_compiled_under_another_library_release_is_not_loaded(
    library: str, tiny_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A compiled form made under another release of the stemmer (whose stems the indexes hold)
    or of pydantic-core (whose validation the cached models passed) is not loaded: the cache is
    one folder per user, shared by every environment, and an index compiled under PyStemmer 2
    (its Dutch stemmer replaced in 3.0) was loaded as valid under 3, its stems missing the query's
    (a title scored 41 where a fresh index gave 52). The key held skilltool's version and code only."""
    monkeypatch.setenv("SKILLTOOL_CACHE_DIR", str(tmp_path / "cache"))
    source = tiny_data / "sources.yaml"
    datafiles.load_model(source, SourceManifest)
    first = datafiles.cache_path(source.read_bytes(), SourceManifest)
    assert first is not None and first.is_file()
    try:
        with monkeypatch.context() as patched:
            if library == "pystemmer":
                patched.setattr(Stemmer, "version", lambda: "2.2.0.3")
            else:
                patched.setattr(pydantic_core, "__version__", "2.0.0")
            datafiles.library_fingerprint.cache_clear()
            assert datafiles.cache_path(source.read_bytes(), SourceManifest) != first
            datafiles.load_model(source, SourceManifest)  # compiled anew, beside the other release's
    finally:
        datafiles.library_fingerprint.cache_clear()  # read again with the real versions
    assert len(list((tmp_path / "cache").glob("SourceManifest-*.pickle"))) == 2
    assert datafiles.cache_path(source.read_bytes(), SourceManifest) == first


def test_the_library_fingerprint_names_python_unicode_pydantic_core_and_the_stemmer() -> None:
    """What the cache key holds besides the code: read from modules loaded already (no
    ``importlib.metadata``, which costs tens of milliseconds per command)."""
    text = datafiles.library_fingerprint()
    for part in (
        "python 3.",
        "unicode ",
        f"pydantic-core {pydantic_core.__version__}",
        f"pystemmer {Stemmer.version()}",
    ):
        assert part in text


def test_the_cache_warning_comes_with_the_first_use_of_the_cache_only(
    tiny_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unusable cache folder is warned about when a command first uses the cache, once: a
    command that loads no data (``profile schema``, ``batch template``) says nothing and makes no
    private folder (the twenty-fifth review's item 3: every command but help warned, and made and
    probed the folders for it). The Python API hears no warning line."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    (tmp_path / "file").write_text("x")
    monkeypatch.setenv("SKILLTOOL_CACHE_DIR", str(tmp_path / "file"))
    for args in (["profile", "schema"], ["batch", "template", "--out", str(tmp_path / "tpl")]):
        r = runner.invoke(app, args)
        assert r.exit_code == 0, r.output
        assert "warning" not in r.stderr, args
    assert not cache_folder.fallback().exists()
    r = runner.invoke(app, ["--data-dir", str(tiny_data), "data", "validate"])
    assert r.exit_code == 0, r.output
    assert [line for line in r.stderr.splitlines() if line.startswith("warning:")] == [
        "warning: " + cache_folder.problem().render("en")  # type: ignore[union-attr]
    ]
    # taken back at the command's end: a later use outside a command tells no one
    assert datafiles.cache_dir() == cache_folder.fallback()


# --- a dangling link as an output file ------------------------------------------------------------

PROFILE = Path(__file__).resolve().parents[1] / "examples" / "personas" / "syrian_cook.json"


def test_a_dangling_link_as_an_output_is_said_to_be_one(tmp_path: Path) -> None:
    """``--out`` at a symbolic link to nothing said "already exists" (the twenty-fifth review's
    item 4), and ``ls`` of where it points found nothing: it says it is a link to nothing, as a
    batch's ``--out`` does, and that ``--force`` replaces the link; with it the link becomes an
    owner-only file and nothing is written where it pointed. The API words it in its keywords."""
    link = tmp_path / "plan.html"
    link.symlink_to(tmp_path / "elsewhere" / "plan.html")
    r = runner.invoke(app, ["report", str(PROFILE), "--out", str(link)])
    assert r.exit_code == 1
    assert r.stderr == (
        f"error: {link}: a symbolic link to nothing; add --force to replace the link (nothing is "
        "written where it points), or choose another --out\n"
    )
    with pytest.raises(OutputError, match=r"path='.*plan.html': a symbolic link to nothing; give force=True"):
        api.write_report(link, api.read_profile(PROFILE), ref=api.load_reference(), lang="en")
    r = runner.invoke(app, ["report", str(PROFILE), "--out", str(link), "--force"])
    assert r.exit_code == 0, r.output
    assert not link.is_symlink() and link.stat().st_mode & 0o777 == 0o600
    assert not (tmp_path / "elsewhere").exists()
    (tmp_path / "taken.html").write_text("mine")
    r = runner.invoke(app, ["report", str(PROFILE), "--out", str(tmp_path / "taken.html")])
    assert "already exists; add --force" in r.stderr  # a real file is still "already exists"


# --- a coding job on a Parquet column of Arrow's newer text layout --------------------------------


@pytest.mark.parametrize("ending", ["csv", "parquet"])
def test_a_parquet_string_view_column_is_coded_as_text(ending: str, tmp_path: Path) -> None:
    """A Parquet title column that pyarrow reads as ``string_view`` (Arrow's newer layout of
    text, restored from the schema a writer stored) is text: it was refused as "holds string_view
    values, not text". A Parquet output keeps the column's type, as for every input column."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    source = tmp_path / "titels.parquet"
    titles = ["fietsen repareren op de markt", None, "brood bakken in de keuken thuis"]
    pq.write_table(pa.table({"functie": pa.array(titles, pa.string_view())}), source)
    assert pq.read_table(source).schema.field("functie").type == pa.string_view()
    out = tmp_path / f"gecodeerd.{ending}"
    r = runner.invoke(
        app, ["occupation", "code", "--input", str(source), "--column", "functie", "--out", str(out)]
    )
    assert r.exit_code == 0, r.output
    assert "3 rows written" in r.stderr and "2 coded" in r.stderr and "1 empty" in r.stderr
    if ending == "parquet":
        table = pq.read_table(out)
        assert table.column("functie").to_pylist() == titles
        assert table.column("occupation_1_isco")[0].as_py()


# --- a workbook formatted down to the sheet's last row ----------------------------------------------


def _workbook_with_a_styled_cell_in_row(path: Path, row: int) -> None:
    """A small workbook of titles with one formatted, empty cell in ``row`` (as Excel writes a
    sheet whose formatting reaches down to its end)."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["functie"])
    sheet.append(["fietsen repareren op de markt"])
    plain = path.with_suffix(".plain.xlsx")
    book.save(plain)
    with zipfile.ZipFile(plain) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                styled = f'<row r="{row}" s="1" customFormat="1"><c r="A{row}" s="1"/></row></sheetData>'
                data = data.replace(b"</sheetData>", styled.encode())
            new.writestr(item, data)


@pytest.mark.parametrize(("row", "measured"), [(1_000_000, False), (1_048_576, False), (1_048_577, True)])
def test_a_sheet_formatted_down_to_excels_last_row_is_not_measured_cell_by_cell(
    row: int, measured: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cell in rows 1,000,000 to 1,048,576 lies within Excel's height, which the grid limit
    (``XLSX_MAX_CELLS``, 64 columns of it) holds by construction: it no longer makes the checks
    measure the sheet's grid cell by cell, only a row past Excel's does. A sheet formatted down to
    its end (a million styled empty rows after 20 titles) spent 13 of its 20 s of checks there
    (load 16), the coding job 25 s more than the same titles without the formatting."""
    path = tmp_path / "opgemaakt.xlsx"
    _workbook_with_a_styled_cell_in_row(path, row)
    calls: list[int] = []
    real_grid = xlsx_checks._grid

    def grid(*args: Any) -> tuple[int, int]:
        calls.append(1)
        return real_grid(*args)

    monkeypatch.setattr(xlsx_checks, "_grid", grid)
    xlsx_checks.check_xlsx_parts(path)
    assert bool(calls) == measured
