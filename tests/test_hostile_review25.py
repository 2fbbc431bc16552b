"""The twenty-fifth hostile-input and privacy review: what the twenty-fourth review left alone (an
unwritable cache folder bypassed without a word, a UTF-16 line's numbering, the pool's private
result pipe) and a full disk, a checkpoint of another input, links as outputs and odd CSV bytes
attacked anew."""

from __future__ import annotations

import contextlib
import csv
import io
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skilltool import build, cache_folder, reference, table_out
from skilltool.cli import app
from skilltool.errors import SourceError
from skilltool.models import SourceManifest
from tests.test_security import _mount

runner = CliRunner(env={"SKILLTOOL_LANG": "en"})
REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "batch" / "intakes.csv"


# --- a cache folder that cannot be written: one warning, a private cache instead ------------------


@pytest.fixture
def temp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system's temporary folder, as ``tempfile`` finds it, moved into the test's own."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _pickles(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle")) if folder.is_dir() else []


def test_a_cache_folder_that_is_a_file_warns_once_and_caches_in_a_private_folder(
    tiny_data: Path, tmp_path: Path, temp_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``SKILLTOOL_CACHE_DIR`` at a file (or an unwritable folder) was bypassed without a word:
    every command compiled the data anew, about 30 s against 3.5 s warm. The command now says so
    in one warning line (the variable, why, where the cache goes, what to do) and the compiled
    data go to ``skilltool-cache-UID`` in the temporary folder, owner-only, where the next command
    finds them."""
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("SKILLTOOL_CACHE_DIR", str(blocker))
    r = runner.invoke(app, ["--data-dir", str(tiny_data), "data", "validate"])
    assert r.exit_code == 0, r.output
    private = cache_folder.fallback()
    assert private.parent == temp_folder
    lines = [line for line in r.stderr.splitlines() if line.startswith("warning:")]
    assert lines == [
        f"warning: cache folder SKILLTOOL_CACHE_DIR={blocker} cannot be used (Not a directory): "
        f"compiled data are kept in {private} instead; set SKILLTOOL_CACHE_DIR to a folder you may "
        "write (an empty value switches the cache off)"
    ]
    assert _pickles(private), "the compiled data were not cached"
    assert private.stat().st_mode & 0o777 == 0o700
    assert blocker.read_text() == "not a folder"
    # the core (the Python API, a batch's workers) uses the same private folder
    assert reference.load_model(tiny_data / "sources.yaml", SourceManifest).esco_version == "9.9.9"
    assert reference.cache_dir() == private


def test_a_private_cache_folder_someone_else_may_write_is_not_used(
    tmp_path: Path, temp_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The private folder's name is known to every local user: one made first by someone else, or
    open to others (a pickle planted in it would run as the caseworker), is not used. No cache
    then, and the warning says that every command compiles the data anew."""
    private = cache_folder.fallback()
    private.mkdir(mode=0o777)
    private.chmod(0o777)
    monkeypatch.setenv("SKILLTOOL_CACHE_DIR", str(tmp_path / "file" / "below"))
    (tmp_path / "file").write_text("x")
    assert reference.cache_dir() is None
    problem = cache_folder.problem()
    assert problem is not None
    assert "every command compiles the data anew" in problem.render("en")
    assert not list(private.iterdir())


def test_a_usable_or_switched_off_cache_folder_gives_no_warning(
    tiny_data: Path, tmp_path: Path, temp_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder that can be written (made owner-only when missing) and an empty
    ``SKILLTOOL_CACHE_DIR`` (the cache switched off on purpose) give no warning; nor does help,
    which uses no data."""
    for value in (str(tmp_path / "new" / "cache"), ""):
        monkeypatch.setenv("SKILLTOOL_CACHE_DIR", value)
        r = runner.invoke(app, ["--data-dir", str(tiny_data), "data", "validate"])
        assert r.exit_code == 0, r.output
        assert "warning" not in r.stderr
    assert (tmp_path / "new" / "cache").stat().st_mode & 0o777 == 0o700
    monkeypatch.setenv("SKILLTOOL_CACHE_DIR", str(tmp_path / "file"))
    (tmp_path / "file").write_text("x")
    r = runner.invoke(app, ["data", "validate", "--help"])
    assert r.exit_code == 0, r.output
    assert "warning" not in r.stderr
    assert not cache_folder.fallback().exists()


@pytest.mark.parametrize("kind", ["read-only", "full"])
def test_a_read_only_or_full_cache_folder_warns_and_caches_in_a_private_folder(
    kind: str, tmp_path: Path, temp_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache folder on a read-only file system, or on a full disk (where an empty file can still
    be made, but no byte written), is no cache either: the warning names why, and the private
    folder takes the cache."""
    options = "ro,size=64k" if kind == "read-only" else "size=4k"
    with _mount(tmp_path / "mnt", options) as mounted:  # a tmpfs, as test_security mounts one
        if not mounted:
            pytest.skip("a tmpfs needs root and mount")
        if kind == "full":
            with contextlib.suppress(OSError), (tmp_path / "mnt" / "filler").open("wb") as fh:
                fh.write(b"x" * 65536)
        monkeypatch.setenv("SKILLTOOL_CACHE_DIR", str(tmp_path / "mnt"))
        assert reference.cache_dir() == cache_folder.fallback()
        problem = cache_folder.problem()
        assert problem is not None
        reason = "Read-only file system" if kind == "read-only" else "No space left on device"
        assert f"cannot be used ({reason})" in problem.render("en")
        assert [p.name for p in (tmp_path / "mnt").iterdir()] == ([] if kind == "read-only" else ["filler"])


# --- formula starts: a signed "number" in another script's digits ---------------------------------


@pytest.mark.parametrize("value", ["-\u0663", "+\uff11\uff12", "-\U0001d7d3", "-\u0661,\u0665"])
def test_a_signed_number_in_another_scripts_digits_is_neutralised(value: str, tmp_path: Path) -> None:
    """A plain signed number is kept as it is (it runs nothing), but ``\\d`` took any script's
    digits: an Arabic-Indic ``-٣``, full-width ``+１２`` or a mathematical ``-𝟓`` is no number to a
    spreadsheet, so Excel ran the cell as a formula and showed ``#NAME?`` instead of the text. Such
    a cell now gets the ``'`` every other formula start gets; ASCII numbers are still kept."""
    assert table_out.neutralise(value) == "'" + value
    assert table_out.neutralise("-3,5") == "-3,5"
    path = tmp_path / "t.csv"
    table_out.write_csv(path, ["a"], [[value]])
    assert path.read_text("utf-8-sig").splitlines()[1] == "'" + value


# --- a UTF-16 line's numbering: the rows after it keep the numbers a spreadsheet shows -------------


def _errors(out: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO((out / "errors.csv").read_text("utf-8-sig")), delimiter=";"))


def test_the_rows_after_a_utf16_line_keep_the_numbers_a_spreadsheet_shows(tmp_path: Path) -> None:
    """The twenty-fourth review left alone that a UTF-16 line's ``\\r\\0\\n\\0`` counts as two
    lines (the CR, then a NUL line), so the rows after it are numbered one further than a reader
    that counts line feeds only (``grep -n``, ``wc -l``). Judged and kept: a lone CR ends a line
    in Excel, LibreOffice and every editor that reads old Mac exports, as it does in Python's
    universal newlines, so they show the same numbers as ``errors.csv``; counting LFs only would
    misnumber every lone-CR export. This pins it: each rejected row's number is its line as
    ``str.splitlines`` counts the file read byte for byte."""
    header = b"klantnummer;geboortejaar;land_herkomst;beroep_1\r\n"
    data = (
        header
        + b"AB-1;1990;SY;hekken lassen\r\n"
        + "AB-2;1991;SY;soep koken\r\n".encode("utf-16-le")
        + b"AB-3;1992;SY;vloeren leggen;extra\r\n"
        + b"AB-4;1993;SY;ramen zetten\rAB-5;1994;SY;dak;extra\r\n"
    )
    src = tmp_path / "in.csv"
    src.write_bytes(data)
    r = runner.invoke(app, ["batch", str(src), "--out", str(tmp_path / "o"), "--workers", "1"])
    assert r.exit_code == 0, r.output
    lines = data.decode("latin-1").splitlines()
    rejected = {e[1]: int(e[0]) for e in _errors(tmp_path / "o")[1:]}
    assert set(rejected) == {"AB-2", "AB-3", "AB-5"}
    for ref, row in rejected.items():
        assert lines[row - 1].replace("\0", "").startswith(ref), (ref, row)


# --- data build: a code twice in a shortage source -------------------------------------------------


@pytest.mark.parametrize(
    ("name", "column", "change"),
    [
        ("shortage/tightness.csv", "brc_group", "tightness"),
        ("shortage/roa.csv", "brc_group", "current_2026q1_typering"),
        ("shortage/crosswalk.csv", "isco08_unit", "brc_group"),
    ],
)
def test_a_shortage_source_with_a_code_twice_is_refused_naming_both_records(
    tiny_sources: tuple[Path, SourceManifest], name: str, column: str, change: str
) -> None:
    """A tightness table, the ROA forecast or the ISCO-BRC crosswalk with one code twice (a row
    copied to change a value, two downloads pasted together) was built without a word: the later
    record replaced the earlier (a group's tightness, an ISCO unit's group, the unit then listed
    under both groups). The twenty-fourth review refused an ESCO ``conceptUri`` twice; the shortage
    sources now stop the build the same way, naming the file, the code (public) and both records.
    The real sources hold no code twice (``data build --check`` still exits 0)."""
    root, manifest = tiny_sources
    path = root / name
    original = path.read_bytes()
    rows = list(csv.reader(io.StringIO(original.decode("utf-8-sig"))))
    copy = rows[1][:]
    copy[rows[0].index(change)] = "0999" if change == "brc_group" else "zeer krap"
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows([*rows, copy])
    path.write_text(text.getvalue(), encoding="utf-8")
    code = rows[1][rows[0].index(column)]
    with pytest.raises(SourceError) as caught:
        build.build(manifest, root, accept_new_checksums=True)
    assert caught.value.message == (
        f"{path}: {column} {code} is there twice (records 1 and {len(rows)} under the header), so one"
        " would replace the other; keep one of them and run again"
    )
    path.write_bytes(original)
    build.build(manifest, root)
