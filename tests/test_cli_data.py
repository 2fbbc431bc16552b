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
from .tracing import untraced

# these tests pin the English texts; tests/test_errors_data.py pins the Dutch ones (the default)
runner = CliRunner(env={"SKILLTOOL_LANG": "en"})
Sources = tuple[Path, SourceManifest]


def test_info_json(tiny_data: Path) -> None:
    """``data info --json`` is one JSON document with versions, counts and coverage."""
    r = runner.invoke(app, ["--data-dir", str(tiny_data), "data", "info", "--json"])
    assert r.exit_code == 0, r.output
    info = json.loads(r.stdout)
    assert info["esco_version"] == "9.9.9"
    assert info["occupations"] == 4
    kinds = {k["kind"]: k for k in info["tightness"]["kinds"]}
    assert (kinds["current"]["brc_groups"], kinds["current"]["occupations"]) == (2, 2)
    assert kinds["current"]["periods"] == {"2026Q1": 2}
    assert (kinds["forecast"]["brc_groups"], kinds["forecast"]["isco_units_without"]) == (3, 1)
    assert kinds["history"]["flags"]["stale"] == 1
    assert info["tightness"]["reference_period"] == "2026Q1"
    assert info["cbs_titles"] == 4


def test_info_table(tiny_data: Path) -> None:
    """The human form names the coverage in words."""
    r = runner.invoke(app, ["--data-dir", str(tiny_data), "data", "info"])
    assert r.exit_code == 0, r.output
    assert "2 of 4 BRC groups, 2 of 4 occupations; 2026Q1 2" in r.stdout


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
    assert (
        "1 occupations label.nl changed (http://data.europa.eu/esco/occupation/welder welder: "
        "'lasser' -> 'lasser x')" in r.stderr
    )
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
    """``data diff`` on two files reports each field change by kind; differences exit 1."""
    old = tiny_data / "occupations.yaml"
    new = tmp_path / "new.yaml"
    text = old.read_text().replace("nl: kapper", "nl: kapper-barbier").replace("isco: '7212'", "isco: '7213'")
    new.write_text(text.replace("category: zeer krap", "category: krap"))
    r = runner.invoke(app, ["data", "diff", str(old), str(new), "--json"])
    assert r.exit_code == 1, r.output
    d = json.loads(r.stdout)
    by_kind: dict[str, list[dict[str, str]]] = {}
    for c in d["changes"]:
        by_kind.setdefault(c["kind"], []).append(c)
    assert [c["new"] for c in by_kind["occupations label.nl changed"]] == ["kapper-barbier"]
    assert [(c["old"], c["new"]) for c in by_kind["occupations isco changed"]] == [("7212", "7213")]
    assert {c["key"] for c in by_kind["brc_groups tightness.current.category changed"]} == {"0742"}
    assert [c["key"] for c in by_kind["brc_groups tightness.history.0.category changed"]] == ["0761"]
    r = runner.invoke(app, ["data", "diff", str(old), str(new)])
    assert r.exit_code == 1 and "label.nl changed" in r.stdout


def _copy_data(tiny_data: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "copy"
    shutil.copytree(tiny_data, copy)
    return copy


def test_diff_identical_folders_exit_0(tiny_data: Path, tmp_path: Path) -> None:
    """Two identical data folders: no differences, exit 0."""
    r = runner.invoke(app, ["data", "diff", str(tiny_data), str(_copy_data(tiny_data, tmp_path))])
    assert r.exit_code == 0, r.output
    assert "0 difference(s) in occupations.yaml, skills.yaml, cbs_title_index.yaml" in r.stderr


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (
            "0742,Metaalbewerkers,groot,",
            "0742,Metaalbewerkers,zeer groot,",
            [("0742", "brc_groups tightness.forecast.category changed", "groot", "zeer groot")],
        ),
        (
            ",krap,5.2,",
            ",krap,3.1,",
            [
                ("0742", "brc_groups tightness.current.category changed", "zeer krap", "krap"),
                ("0742", "brc_groups tightness.current.value changed", "5.2", "3.1"),
            ],
        ),
    ],
)
def test_diff_names_group_and_kind_of_one_roa_change(
    tiny_data: Path,
    tiny_sources: Sources,
    tmp_path: Path,
    before: str,
    after: str,
    expected: list[tuple[str, str, str, str]],
) -> None:
    """Two builds that differ in one ROA value (the welders' 2030 forecast, or their 2026Q1 value
    with the category derived from it): the diff names that group and that kind, and exits 1."""
    root, _ = tiny_sources
    path = root / "shortage/roa.csv"
    assert path.read_text().count(before) == 1
    path.write_text(path.read_text().replace(before, after))
    out = tmp_path / "rebuilt"
    args = ["--data-dir", str(tiny_data), "data", "build", "--sources", str(root), "--update-manifest"]
    r = runner.invoke(app, [*args, "--out", str(out)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["data", "diff", str(tiny_data), str(out), "--json"])
    assert r.exit_code == 1, r.output
    d = json.loads(r.stdout)
    tightness = [c for c in d["changes"] if c["kind"].startswith("brc_groups tightness")]
    assert sorted((c["key"], c["kind"], c["old"], c["new"]) for c in tightness) == expected
    # the only other differences are the new checksum of the ROA table
    assert {c["kind"] for c in d["changes"]} - {c["kind"] for c in tightness} == {
        "meta sources.shortage/roa.csv changed"
    }
    r = runner.invoke(app, ["data", "diff", str(tiny_data), str(out)])
    key, kind, old, new = expected[0]
    assert (
        r.exit_code == 1
        and f"1 x {kind}" in r.stdout
        and f"{key} Metaalbewerkers: {old!r} -> {new!r}" in r.stdout
    )


def test_diff_detects_isco_label_only_change(tiny_data: Path, tmp_path: Path) -> None:
    """A version of data/ whose only change is an ISCO group label is a difference (exit 1)."""
    copy = _copy_data(tiny_data, tmp_path)
    path = copy / "occupations.yaml"
    text = path.read_text()
    assert "{nl: Lassers, en: Welders}" in text
    path.write_text(text.replace("{nl: Lassers, en: Welders}", "{nl: Lassers en snijders, en: Welders}"))
    r = runner.invoke(app, ["data", "diff", str(tiny_data), str(copy), "--json"])
    assert r.exit_code == 1, r.output
    [change] = json.loads(r.stdout)["changes"]
    assert (change["kind"], change["key"], change["new"]) == (
        "isco_groups label.nl changed",
        "7212",
        "Lassers en snijders",
    )


def test_diff_error_exits_2(tiny_data: Path, tmp_path: Path) -> None:
    """A side that is missing or invalid is one error line and exit 2, like diff."""
    r = runner.invoke(app, ["data", "diff", str(tiny_data), str(tmp_path / "nope")])
    assert r.exit_code == 2 and r.stderr.startswith("error: ")
    bad = _copy_data(tiny_data, tmp_path)
    (bad / "skills.yaml").write_text("meta: [")
    r = runner.invoke(app, ["data", "diff", str(tiny_data), str(bad)])
    assert r.exit_code == 2 and "skills.yaml" in r.stderr and "Traceback" not in r.output


def test_build_out_writes_a_complete_folder(tiny_data: Path, tiny_sources: Sources, tmp_path: Path) -> None:
    """--out writes a complete data folder elsewhere (curated files too), leaves data/ alone, and
    --data-dir then uses it; an existing folder that is not a data folder is refused."""
    root, _ = tiny_sources
    before = {p.name: p.read_bytes() for p in tiny_data.glob("*.yaml")}
    out = tmp_path / "elsewhere" / "data"
    args = ["--data-dir", str(tiny_data), "data", "build", "--sources", str(root)]
    r = runner.invoke(app, [*args, "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert {p.name: p.read_bytes() for p in tiny_data.glob("*.yaml")} == before
    assert {p.name for p in out.glob("*.yaml")} == set(before)
    r = runner.invoke(app, ["--data-dir", str(out), "data", "validate"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, [*args, "--out", str(out), "--check"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, [*args, "--out", str(out)])  # a rebuild replaces it only with --force
    assert r.exit_code == 1 and "add --force" in r.stderr
    r = runner.invoke(app, [*args, "--out", str(out), "--force"])  # then whole
    assert r.exit_code == 0, r.output
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    r = runner.invoke(app, [*args, "--out", str(other), "--force"])  # never, also with --force
    assert r.exit_code == 2 and "not a data folder" in r.stderr
    assert (other / "notes.txt").read_text() == "mine"
    for inside in (tiny_data / "sub", tiny_data.parent):
        r = runner.invoke(app, [*args, "--out", str(inside)])
        assert r.exit_code == 2 and "must not be inside the data folder" in r.stderr


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


def test_data_file_missing_names_the_option_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder given with --data-dir that lacks a data file: the hint names --data-dir, not the
    environment variable (regression: it said "set SKILLTOOL_DATA_DIR")."""
    monkeypatch.delenv("SKILLTOOL_DATA_DIR", raising=False)
    r = runner.invoke(app, ["--data-dir", str(tmp_path), "data", "info"])
    assert r.exit_code == 1
    assert "check --data-dir" in r.stderr and "SKILLTOOL_DATA_DIR" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_data_file_missing_names_the_environment_when_it_was_the_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same folder set through SKILLTOOL_DATA_DIR: the hint names the variable and its value."""
    monkeypatch.setenv("SKILLTOOL_DATA_DIR", str(tmp_path))
    r = runner.invoke(app, ["data", "info"])
    assert r.exit_code == 1
    assert f"check SKILLTOOL_DATA_DIR (now {tmp_path})" in r.stderr and "--data-dir" not in r.stderr


@pytest.mark.parametrize("from_env", [False, True], ids=["option", "environment"])
def test_data_dir_that_is_no_folder_names_its_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, from_env: bool
) -> None:
    """--data-dir (or SKILLTOOL_DATA_DIR) naming no folder, or a file: one line, exit 2, naming
    the option or the variable, whichever was the source; before any data is read."""
    monkeypatch.delenv("SKILLTOOL_DATA_DIR", raising=False)
    for target, problem in ((tmp_path / "nope", "no such folder"), (tmp_path / "f.txt", "is a file")):
        if problem == "is a file":
            target.write_text("x", encoding="utf-8")
        if from_env:
            monkeypatch.setenv("SKILLTOOL_DATA_DIR", str(target))
            r = runner.invoke(app, ["diploma", "list"])
            expected = f"error: SKILLTOOL_DATA_DIR={target}: {problem}"
        else:
            r = runner.invoke(app, ["--data-dir", str(target), "diploma", "list"])
            expected = f"error: --data-dir {target}: {problem}"
        assert r.exit_code == 2, r.output
        assert r.stderr.startswith(expected), r.stderr
        assert len(r.stderr.strip().splitlines()) == 1


def test_usage_error_exit_2() -> None:
    """An unknown option is a usage error, exit 2."""
    r = runner.invoke(app, ["data", "info", "--nope"])
    assert r.exit_code == 2


@requires_shared
def test_committed_data_is_current_with_shared_sources() -> None:
    """`data build --sources ../shared/data --check` passes on the committed data.

    The build from the real sources runs with coverage's tracer paused (``tests.tracing``; some
    2.3 times its CPU traced): the tests on the tiny sources above reach the same code."""
    with untraced():
        r = runner.invoke(app, ["data", "build", "--sources", str(SHARED_DATA), "--check"])
    assert r.exit_code == 0, r.output


@requires_shared
def test_shared_label_change_is_detected(tmp_path: Path) -> None:
    """A copy of the real sources with one label changed fails --check and names the occupation."""
    copy = tmp_path / "shared"
    shutil.copytree(SHARED_DATA / "esco", copy / "esco")
    shutil.copytree(SHARED_DATA / "shortage", copy / "shortage")
    shutil.copytree(SHARED_DATA / "cbs", copy / "cbs")
    path = copy / "esco/v1.1.1/nl/occupations_nl.csv"
    path.chmod(0o644)
    text = path.read_text(encoding="utf-8")
    assert ",lasser," in text
    path.write_text(text.replace(",lasser,", ",lasser-monteur,", 1), encoding="utf-8")
    args = ["data", "build", "--sources", str(copy), "--check"]
    r = runner.invoke(app, args)
    assert r.exit_code == 1 and "occupations_nl.csv: SHA-256" in r.stderr
    with untraced():  # the whole build from the real sources, as in the test above
        r = runner.invoke(app, [*args, "--update-manifest"])
    assert r.exit_code == 1 and "'lasser' -> 'lasser-monteur'" in r.stderr


@requires_shared
def test_real_data_tightness_coverage() -> None:
    """The committed data: UWV 2026Q1 for at least 85 of the 114 groups, ROA's 2030 forecast for at
    least 105, counted per kind for groups and for the 3,007 occupations."""
    r = runner.invoke(app, ["data", "info", "--json"])
    assert r.exit_code == 0, r.output
    t = json.loads(r.stdout)["tightness"]
    kinds = {k["kind"]: k for k in t["kinds"]}
    assert (t["brc_groups"], t["occupations"]) == (114, 3007)
    assert kinds["current"]["brc_groups"] >= 85 and kinds["current"]["periods"] == {
        "2026Q1": kinds["current"]["brc_groups"]
    }
    assert kinds["forecast"]["brc_groups"] >= 105
    assert 0 < kinds["current"]["occupations"] < 3007


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


def test_validate_checks_the_title_index(tiny_data: Path) -> None:
    """`data validate` loads cbs_title_index.yaml and refuses an ISCO unit the occupations lack."""
    path = tiny_data / "cbs_title_index.yaml"
    path.write_text(path.read_text().replace("'7212':", "'7299':"))
    r = runner.invoke(app, ["--data-dir", str(tiny_data), "data", "validate"])
    assert r.exit_code == 1
    assert "cbs_title_index.yaml: by_isco.7299: ISCO-08 unit group not in occupations.yaml" in r.stderr


def test_missing_file_in_the_checkout_offers_both_ways(monkeypatch: pytest.MonkeyPatch) -> None:
    """A data file missing from the checkout's own data/ folder: the hint offers both the option
    and the variable (nothing was given, so either is the way out)."""
    from skilltool.reference import default_data_dir, missing_data_hint

    monkeypatch.delenv("SKILLTOOL_DATA_DIR", raising=False)
    hint = str(missing_data_hint(default_data_dir() / "nope.yaml"))
    assert "--data-dir" in hint and "SKILLTOOL_DATA_DIR" in hint
