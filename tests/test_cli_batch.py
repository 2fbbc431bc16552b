"""``skilltool batch`` and ``skilltool batch template`` through the CLI (stdout and stderr apart).

The per-row code path is replaced by the small fake so these stay fast; the real path runs in
tests/test_batch_real.py.
"""

from __future__ import annotations

import json
import re
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
    assert re.search(r"Rows read +22\n", r.stdout), r.stdout  # labels in --lang (the catalogue)
    assert re.search(r"Rejected \(errors.csv\) +9\n", r.stdout)
    assert "9 row(s) rejected: see" in r.stderr
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
    assert lines[0].startswith("fout: ")
    assert "'klantnummer', 'geboortejaar', 'land_herkomst'" in lines[0]
    assert not (tmp_path / "out" / "profiles.jsonl").exists()


def test_errors_of_options_and_files(tmp_path: Path) -> None:
    """Bad delimiter, missing file, short key: exit 1 and one line each."""
    cases = [
        (["--delimiter", ";;"], "one character"),
        (["--pseudonymise", str(tmp_path / "nokey")], "no such file; check the name and folder of the key"),
    ]
    for extra, message in cases:
        r = invoke(EXAMPLE, "--out", str(tmp_path / "o"), *extra, "--lang", "en")
        assert r.exit_code == 1, r.output
        assert message in r.stderr
    r = invoke(str(tmp_path / "missing.csv"), "--lang", "en")
    assert r.exit_code == 1
    assert "no such file" in r.stderr
    r = invoke(str(tmp_path / "missing.csv"))  # the default language: Dutch, the same error
    assert r.exit_code == 1
    dutch = "bestand bestaat niet; controleer de naam en de map van de export"
    assert r.stderr == f"fout: {tmp_path / 'missing.csv'}: {dutch}\n"


def test_interrupted_work_needs_resume(tmp_path: Path) -> None:
    """A leftover checkpoint is never overwritten silently: the error says to add --resume."""
    out = tmp_path / "out"
    (out / batch.WORK_DIR).mkdir(parents=True)
    (out / batch.WORK_DIR / "state.json").write_text("{}")
    r = invoke(EXAMPLE, "--out", str(out))
    assert r.exit_code == 1
    assert "voeg --resume toe" in r.stderr  # Dutch by default
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
    """Each batch command's help has an example (under "Voorbeelden:" in Dutch, the default)."""
    for args in (["--help"], ["run", "--help"], ["template", "--help"]):
        r = invoke(*args)
        assert r.exit_code == 0
        assert "Voorbeelden:" in r.stdout and "  skilltool batch " in r.stdout
    assert "template" in invoke("--help").stdout


def test_earlier_result_is_not_overwritten_without_force(tmp_path: Path) -> None:
    """A second run into the --out of a complete batch is refused with one line (regression: it
    silently replaced the earlier result); --force replaces it."""
    out = tmp_path / "out"
    assert invoke(EXAMPLE, "--out", str(out)).exit_code == 0
    earlier = (out / "manifest.json").read_bytes()
    for extra in ((), ("--resume",)):
        r = invoke(EXAMPLE, "--out", str(out), *extra, "--lang", "en")
        assert r.exit_code == 1, r.output
        assert r.stderr.startswith(f"error: {out}: holds an earlier batch's result (manifest.json)")
        assert "--force" in r.stderr and len(r.stderr.strip().splitlines()) == 1
        assert (out / "manifest.json").read_bytes() == earlier
    (out / "manifest.json").write_text("{}")  # to see that --force really writes it again
    r = invoke(EXAMPLE, "--out", str(out), "--force")
    assert r.exit_code == 0, r.output
    assert json.loads((out / "manifest.json").read_text())["counts"]["rows_read"] == 22


def test_out_with_other_files_is_refused_without_naming_them(tmp_path: Path) -> None:
    """An --out holding unrelated files is refused too; the message counts them but names none
    (a file name can be a client's reference). An empty existing folder is fine."""
    out = tmp_path / "out"
    out.mkdir()
    assert invoke(EXAMPLE, "--out", str(out)).exit_code == 0  # empty: fine
    other = tmp_path / "other"
    other.mkdir()
    (other / "UTR-0147.json").write_text("{}")
    r = invoke(EXAMPLE, "--out", str(other), "--lang", "en")
    assert r.exit_code == 1
    assert "holds 1 other file(s) or folder(s)" in r.stderr and "UTR-0147" not in r.stderr
    assert not (other / "manifest.json").exists()


def test_force_starts_an_interrupted_batch_again_and_excludes_resume(tmp_path: Path) -> None:
    """--force with a leftover checkpoint starts over; --resume with --force is a usage error."""
    out = tmp_path / "out"
    (out / batch.WORK_DIR).mkdir(parents=True)
    (out / batch.WORK_DIR / "state.json").write_text("{}")
    r = invoke(EXAMPLE, "--out", str(out), "--resume", "--force")
    assert r.exit_code == 2 and "--resume en --force: geef er één" in r.stderr
    r = invoke(EXAMPLE, "--out", str(out), "--force")
    assert r.exit_code == 0, r.output
    assert (out / "manifest.json").exists() and not (out / batch.WORK_DIR).exists()


def test_fail_on_rejects_exit_code(tmp_path: Path) -> None:
    """Rejected rows: exit 0 by default (documented), 3 with --fail-on-rejects, outputs written
    either way and --json still one document; a batch without rejects exits 0 with the flag."""
    r = invoke(EXAMPLE, "--out", str(tmp_path / "a"), "--fail-on-rejects", "--json")
    assert r.exit_code == 3, r.output
    assert json.loads(r.stdout)["counts"]["rows_rejected"] == 9
    assert (tmp_path / "a" / "errors.csv").exists()
    clean = tmp_path / "clean.csv"
    lines = Path(EXAMPLE).read_text(encoding="cp1252").splitlines()  # the example is Windows-1252
    good = tmp_path / "a" / "profiles.jsonl"
    assert good.exists()
    errors = (tmp_path / "a" / "errors.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    bad_rows = {int(e.split(";")[0]) for e in errors}
    clean.write_text(
        "\n".join(line for n, line in enumerate(lines, 1) if n not in bad_rows) + "\n", encoding="cp1252"
    )
    r = invoke(str(clean), "--out", str(tmp_path / "b"), "--fail-on-rejects")
    assert r.exit_code == 0, r.output
    assert re.search(r"Afgewezen \(errors.csv\) +0\n", r.stdout), r.stdout


def test_run_help_documents_exit_codes() -> None:
    """`batch run --help` says rejected rows still exit 0, and what --fail-on-rejects changes."""
    r = invoke("run", "--lang", "en", "--help")
    assert "0  the batch completed, also when rows were rejected" in r.stdout
    assert "3  with --fail-on-rejects" in r.stdout
    assert "--force" in r.stdout
    nl = invoke("run", "--help").stdout
    assert "0  de batch is klaar, ook als er rijen zijn afgewezen" in nl
    assert "3  met --fail-on-rejects" in nl


@pytest.mark.parametrize(("lang", "syria"), [("nl", "Syrië (SY)"), ("en", "Syria (SY)")])
def test_report_names_countries(tmp_path: Path, lang: str, syria: str) -> None:
    """report.html shows countries of origin by name in the report's language, code beside it
    (regression: only the codes, SY and ER); a value that is no code stays as it is."""
    from collections import Counter

    from skilltool import batch_report
    from skilltool.models.batch import BatchManifest

    assert invoke(EXAMPLE, "--out", str(tmp_path / "o")).exit_code == 0
    manifest = BatchManifest.model_validate_json((tmp_path / "o" / "manifest.json").read_text())
    stats = {"country": Counter({"SY": 3, "ER": 2, "unknown": 1})}
    html = batch_report.render(manifest, stats, lang=lang)
    assert f">{syria}<" in html and ">Eritrea (ER)<" in html and ">unknown<" in html
    assert ">SY<" not in html
