"""``skilltool data ...`` through the CLI: happy paths, --json, and each error line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skilltool.cli import app
from skilltool.models import SourceManifest

from .conftest import SHARED_DATA, requires_shared

runner = CliRunner()
Sources = tuple[Path, SourceManifest]


def test_info_json(tiny_data: Path) -> None:
    """``data info --json`` is one JSON document with versions, counts and coverage."""
    r = runner.invoke(app, ["--data-dir", str(tiny_data), "data", "info", "--json"])
    assert r.exit_code == 0, r.output
    info = json.loads(r.stdout)
    assert info["esco_version"] == "9.9.9"
    assert info["occupations"] == 4
    assert info["tightness"]["brc_groups_known"] == 1


def test_info_table(tiny_data: Path) -> None:
    """The human form names the coverage in words."""
    r = runner.invoke(app, ["--data-dir", str(tiny_data), "data", "info"])
    assert r.exit_code == 0, r.output
    assert "known for 1 of 4 BRC groups" in r.stdout


def test_build_check_ok_then_stale(tiny_data: Path, tiny_sources: Sources) -> None:
    """--check passes on fresh data and fails, saying why, after a label changes upstream."""
    root, _ = tiny_sources
    args = ["--data-dir", str(tiny_data), "data", "build", "--sources", str(root)]
    r = runner.invoke(app, [*args, "--check"])
    assert r.exit_code == 0, r.output
    path = root / "esco/nl/occupations_nl.csv"
    path.write_text(path.read_text().replace("lasser,", "lasser x,"))
    r = runner.invoke(app, [*args, "--check"])
    assert r.exit_code == 1
    assert "occupations_nl.csv: SHA-256" in r.stderr and "--update-manifest" in r.stderr
    r = runner.invoke(app, [*args, "--check", "--update-manifest"])
    assert r.exit_code == 1
    assert "1 relabelled (welder: 'lasser' -> 'lasser x')" in r.stderr
    assert r.stderr.count("error:") == 1


def test_build_writes_and_updates_manifest(tiny_data: Path, tiny_sources: Sources) -> None:
    """A real build after a source update writes the data and the new checksums."""
    root, _ = tiny_sources
    path = root / "esco/nl/occupations_nl.csv"
    path.write_text(path.read_text().replace("kapper,", "kapper (m/v),"))
    args = [
        "--data-dir",
        str(tiny_data),
        "data",
        "build",
        "--sources",
        str(root),
        "--update-manifest",
    ]
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    assert "kapper (m/v)" in (tiny_data / "occupations.yaml").read_text()
    r = runner.invoke(app, [*args[:-1], "--check"])
    assert r.exit_code == 0, r.output


def test_diff_json(tiny_data: Path, tmp_path: Path) -> None:
    """``data diff`` reports relabelled, re-coded and tightness changes."""
    old = tiny_data / "occupations.yaml"
    new = tmp_path / "new.yaml"
    text = old.read_text().replace("nl: kapper", "nl: kapper-barbier").replace("isco: '7212'", "isco: '7213'")
    new.write_text(text.replace("category: zeer krap", "category: krap"))
    r = runner.invoke(app, ["data", "diff", str(old), str(new), "--json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert [c["new"] for c in d["relabelled"]] == ["kapper-barbier"]
    assert [(c["old"], c["new"]) for c in d["recoded"]] == [("7212", "7213")]
    assert [c["new"] for c in d["tightness"]] == ["krap (2022Q2)"]
    r = runner.invoke(app, ["data", "diff", str(old), str(new)])
    assert r.exit_code == 0 and "relabelled" in r.stdout


def test_validate_reports_one_line(tiny_data: Path) -> None:
    """A corrupt data file makes ``data validate`` exit 1 with one line naming file and field."""
    r = runner.invoke(app, ["--data-dir", str(tiny_data), "data", "validate"])
    assert r.exit_code == 0, r.output
    path = tiny_data / "occupations.yaml"
    path.write_text(path.read_text().replace("isco: '7212'", "isco: '72x2'"))
    r = runner.invoke(app, ["--data-dir", str(tiny_data), "data", "validate"])
    assert r.exit_code == 1
    assert r.stderr.startswith("error: ") and "occupations.yaml: occupations." in r.stderr
    assert "Traceback" not in r.output


def test_missing_data_dir_is_an_error(tmp_path: Path) -> None:
    """Pointing at a folder without data is one line and exit 1, not a traceback."""
    r = runner.invoke(app, ["--data-dir", str(tmp_path), "data", "info"])
    assert r.exit_code == 1
    assert "occupations.yaml: data file not found" in r.stderr


def test_usage_error_exit_2() -> None:
    """An unknown option is a usage error, exit 2."""
    r = runner.invoke(app, ["data", "info", "--nope"])
    assert r.exit_code == 2


@requires_shared
def test_committed_data_is_current_with_shared_sources() -> None:
    """`data build --sources ../shared/data --check` passes on the committed data."""
    r = runner.invoke(app, ["data", "build", "--sources", str(SHARED_DATA), "--check"])
    assert r.exit_code == 0, r.output


@requires_shared
def test_shared_label_change_is_detected(tmp_path: Path) -> None:
    """A copy of the real sources with one label changed fails --check and names the occupation."""
    copy = tmp_path / "shared"
    shutil.copytree(SHARED_DATA / "esco", copy / "esco")
    shutil.copytree(SHARED_DATA / "shortage", copy / "shortage")
    path = copy / "esco/v1.1.1/nl/occupations_nl.csv"
    path.chmod(0o644)
    text = path.read_text(encoding="utf-8")
    assert ",lasser," in text
    path.write_text(text.replace(",lasser,", ",lasser-monteur,", 1), encoding="utf-8")
    args = ["data", "build", "--sources", str(copy), "--check"]
    r = runner.invoke(app, args)
    assert r.exit_code == 1 and "occupations_nl.csv: SHA-256" in r.stderr
    r = runner.invoke(app, [*args, "--update-manifest"])
    assert r.exit_code == 1 and "'lasser' -> 'lasser-monteur'" in r.stderr


def test_real_data_info() -> None:
    """The committed data: 3,007 occupations of ESCO 1.1.1."""
    r = runner.invoke(app, ["data", "info", "--json"])
    assert r.exit_code == 0, r.output
    info = json.loads(r.stdout)
    assert (info["occupations"], info["esco_version"]) == (3007, "1.1.1")


@pytest.mark.parametrize("argv", [["--help"], ["data", "--help"], ["--version"]])
def test_help_and_version(argv: list[str]) -> None:
    """Help and version work without loading data."""
    r = runner.invoke(app, argv)
    assert r.exit_code == 0, r.output


def test_info_counts_the_same_files_that_validate_checks() -> None:
    """`data info` counts (entry_counts) and `data validate` checks (curated_files) name the same
    curated files, so a new data file cannot be added to one list and forgotten in the other."""
    from skilltool import datatools
    from skilltool.reference import ReferenceData

    assert set(datatools.entry_counts(ReferenceData())) == set(datatools.curated_files())
