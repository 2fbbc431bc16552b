"""Loading data files: one-line errors for every corruption kind, and the compiled cache."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from skilltool import cache_folder, datafiles, reference
from skilltool.errors import DataFileError
from skilltool.models import OccupationsFile, SourceManifest


def _corrupt(data: Path, old: str, new: str) -> Path:
    path = data / "sources.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return path


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("esco_version:", "esco_version: [\n", r"sources\.yaml:\d+: .*fix the YAML syntax"),
        ("esco_version: 9.9.9\n", "", r"sources\.yaml: esco_version: is required"),
        (
            "esco_version: 9.9.9",
            "esco_version: {a: 1}",
            r"sources\.yaml: esco_version: is not text",
        ),
        (
            "esco_version:",
            "esco_versoin: x\nesco_version:",
            r"sources\.yaml: \(top level\): unknown key .*is it esco_version\?",
        ),
        ("sha256: ", "sha256: xyz", r"sources\.yaml: occupations\.en\.sha256: does not have the expected"),
    ],
    ids=["bad-yaml", "missing-key", "wrong-type", "unknown-key", "bad-checksum"],
)
def test_corrupt_file_is_one_line(tiny_data: Path, old: str, new: str, expected: str) -> None:
    """Each corruption kind gives one line naming the file and the field."""
    path = _corrupt(tiny_data, old, new)
    with pytest.raises(DataFileError, match=expected) as info:
        reference.load_model(path, SourceManifest)
    assert "\n" not in info.value.message


def test_missing_and_empty_files(tmp_path: Path) -> None:
    """A missing or empty data file says so."""
    with pytest.raises(DataFileError, match="data file not found"):
        reference.load_model(tmp_path / "nope.yaml", SourceManifest)
    (tmp_path / "empty.yaml").write_text("")
    with pytest.raises(DataFileError, match=r"empty\.yaml: file is empty"):
        reference.load_model(tmp_path / "empty.yaml", SourceManifest)


def test_warm_load_uses_cache(tiny_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second load comes from the compiled cache and does not parse YAML."""
    path = tiny_data / "occupations.yaml"
    first = reference.load_model(path, OccupationsFile)

    def boom(*_: object) -> None:
        raise AssertionError("YAML parsed on a warm load")

    monkeypatch.setattr(datafiles, "parse_model", boom)
    assert reference.load_model(path, OccupationsFile) == first


def test_cache_follows_content(tiny_data: Path) -> None:
    """Editing a data file invalidates its cache entry (the key is the content hash)."""
    path = tiny_data / "sources.yaml"
    reference.load_model(path, SourceManifest)
    _corrupt(tiny_data, "esco_version: 9.9.9", "esco_version: 1.0.0")
    assert reference.load_model(path, SourceManifest).esco_version == "1.0.0"


def test_unwritable_cache_is_bypassed(
    tiny_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache folder that cannot be created does not stop a load: the core says nothing (the CLI
    warns, ``cache_folder.problem``) and caches in the private folder in the temporary folder."""
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("SKILLTOOL_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the private folder in the test's own
    assert reference.load_model(tiny_data / "sources.yaml", SourceManifest).esco_version == "9.9.9"
    assert list(cache_folder.fallback().glob("SourceManifest-*.pickle"))


def test_corrupt_cache_entry_is_rebuilt(
    tiny_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A truncated cache file (e.g. a crash) is ignored and rewritten."""
    cache = tmp_path / "c"
    monkeypatch.setenv("SKILLTOOL_CACHE_DIR", str(cache))
    reference.load_model(tiny_data / "sources.yaml", SourceManifest)
    for entry in cache.iterdir():
        entry.write_bytes(b"\x80\x05trunc")
    assert reference.load_model(tiny_data / "sources.yaml", SourceManifest).esco_version == "9.9.9"


def test_reference_data_lookups(tiny_data: Path) -> None:
    """ReferenceData indexes occupations by URI and ISCO and resolves tightness per BRC group."""
    ref = reference.ReferenceData(tiny_data)
    electrician = ref.occupation_by_uri["http://data.europa.eu/esco/occupation/electrician"]
    t = ref.tightness(electrician)
    assert t.current is None and t.forecast is not None and t.forecast.category == "zeer groot"
    assert t.now is not None and (t.now.category, t.now.period) == ("zeer krap", "2022Q2")
    assert ref.cbs_titles("7212") == ["booglasser", "lasser"] and ref.cbs_titles("9999") == []
    assert ref.cbs_title_index.meta.titles == 4
    assert [o.label.en for o in ref.occupations_by_isco["7212"]] == ["welder"]
    assert ref.isco_by_code["7212"].label.get("nl") == "Lassers"
    assert ref.skill_by_id["cut"].label("nl") == "haar knippen"
    assert ref.skill_by_id["weld"].label("nl") == "use welding equipment"


def test_two_processes_starting_at_once(tiny_data: Path, tmp_path: Path) -> None:
    """Two cold starts racing on an empty cache both load correctly and leave a usable cache."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "SKILLTOOL_CACHE_DIR": str(tmp_path / "race")}
    code = (
        "import sys;from pathlib import Path;from skilltool.reference import load_model;"
        "from skilltool.models import OccupationsFile as M;"
        "print(len(load_model(Path(sys.argv[1]), M).occupations))"
    )
    argv = [sys.executable, "-c", code, str(tiny_data / "occupations.yaml")]
    procs = [subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, text=True) for _ in range(4)]
    assert [p.communicate()[0].strip() for p in procs] == ["4"] * 4
    assert [p.returncode for p in procs] == [0] * 4
    entries = [p for p in (tmp_path / "race").iterdir() if not p.name.startswith(".")]
    assert len(entries) == 1
    out = subprocess.run(argv, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "4"


def test_cache_key_changes_with_the_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: a compiled index pickled by older code is never read by newer code."""
    before = reference.cache_path(b"same data", SourceManifest)
    monkeypatch.setattr(datafiles, "code_fingerprint", lambda: "other-code")
    after = reference.cache_path(b"same data", SourceManifest)
    assert before is not None and after is not None and before != after
