"""``skilltool batch`` and ``skilltool batch template`` through the CLI (stdout and stderr apart).

The per-row code path is replaced by the small fake so these stay fast; the real path runs in
tests/test_batch_real.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from skilltool import batch
from skilltool.cli import app

from .batch_fakes import fake_processor
from .conftest import REPO

runner = CliRunner()
EXAMPLE = str(REPO / "examples" / "batch" / "intakes.csv")


@pytest.fixture(autouse=True)
def _fake(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "standard_processor", fake_processor)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764288000")


def invoke(*args: str) -> Result:
    return runner.invoke(app, ["batch", *args])


def test_batch_input_runs_the_default_subcommand(tmp_path: Path) -> None:
    """`batch INPUT` means `batch run INPUT`: counts on stdout, the rejection note on stderr."""
    r = invoke(EXAMPLE, "--out", str(tmp_path / "out"), "--lang", "en")
    assert r.exit_code == 0, r.output
    assert "rows read    22" in r.stdout
    assert "rejected     8" in r.stdout
    assert "8 row(s) rejected: see" in r.stderr
    assert (tmp_path / "out" / "manifest.json").exists()
    again = invoke("run", EXAMPLE, "--out", str(tmp_path / "out2"))
    assert again.exit_code == 0, again.output


def test_json_prints_the_manifest_only(tmp_path: Path) -> None:
    """--json: exactly one JSON document on stdout, the manifest, rows accounted for."""
    r = invoke("--out", str(tmp_path / "out"), EXAMPLE, "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    c = doc["counts"]
    assert c["rows_read"] == c["rows_written"] + c["rows_rejected"] == 22
    assert doc["input"]["sha256"] and doc["tool_version"]
    assert doc == json.loads((tmp_path / "out" / "manifest.json").read_text())


def test_missing_required_columns_is_one_error_line(tmp_path: Path) -> None:
    """A header without the mapped id and required columns: exit 1, one line naming them all."""
    src = tmp_path / "x.csv"
    src.write_text("client;jaar\n1;1980\n", encoding="utf-8")
    r = invoke(str(src), "--out", str(tmp_path / "out"))
    assert r.exit_code == 1
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: ")
    assert "'klantnummer', 'geboortejaar', 'land_herkomst'" in lines[0]
    assert not (tmp_path / "out" / "profiles.jsonl").exists()


def test_errors_of_options_and_files(tmp_path: Path) -> None:
    """Bad delimiter, missing file, short key: exit 1 and one line each."""
    cases = [
        (["--delimiter", ";;"], "one character"),
        (["--pseudonymise", str(tmp_path / "nokey")], "cannot read the key file"),
    ]
    for extra, message in cases:
        r = invoke(EXAMPLE, "--out", str(tmp_path / "o"), *extra)
        assert r.exit_code == 1, r.output
        assert message in r.stderr
    r = invoke(str(tmp_path / "missing.csv"))
    assert r.exit_code == 1
    assert "no such file" in r.stderr


def test_interrupted_work_needs_resume(tmp_path: Path) -> None:
    """A leftover checkpoint is never overwritten silently: the error says to add --resume."""
    out = tmp_path / "out"
    (out / batch.WORK_DIR).mkdir(parents=True)
    (out / batch.WORK_DIR / "state.json").write_text("{}")
    r = invoke(EXAMPLE, "--out", str(out))
    assert r.exit_code == 1
    assert "add --resume" in r.stderr
    r = invoke(EXAMPLE, "--out", str(out), "--resume")  # unreadable checkpoint: starts over
    assert r.exit_code == 0, r.output


def test_template_writes_a_starting_point(tmp_path: Path) -> None:
    """`batch template --out DIR` lists the mapping, CSV and XLSX it wrote."""
    r = invoke("template", "--out", str(tmp_path / "t"))
    assert r.exit_code == 0, r.output
    assert [Path(p).name for p in r.stdout.split()] == ["mapping.yaml", "intakes.csv", "intakes.xlsx"]
    run = invoke(
        str(tmp_path / "t" / "intakes.xlsx"),
        "--mapping",
        str(tmp_path / "t" / "mapping.yaml"),
        "-o",
        str(tmp_path / "o"),
    )
    assert run.exit_code == 0, run.output


def test_help_teaches_with_examples() -> None:
    """Each batch command's help has an example."""
    for args in (["--help"], ["run", "--help"], ["template", "--help"]):
        r = invoke(*args)
        assert r.exit_code == 0
        assert "Example" in r.stdout
    assert "template" in invoke("--help").stdout
