"""The twenty-sixth hostile-input and privacy review: what the twenty-fifth review left alone (the
cache key without the libraries' versions, the cache warning on commands that load no data, a
dangling link as an output "already exists") and new ground attacked (see docs/security.md,
"Twenty-sixth review")."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pydantic_core
import pytest
import Stemmer  # type: ignore[import-not-found]  # PyStemmer ships no type hints
from typer.testing import CliRunner

from skilltool import cache_folder, datafiles
from skilltool.cli import app
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
