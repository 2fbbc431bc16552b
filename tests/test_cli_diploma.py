"""``skilltool diploma ...`` through the CLI, against the real data folder (acceptance cases included)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner, Result

from skilltool.cli import app

from .conftest import REPO

runner = CliRunner()
DATA = str(REPO / "data")


def invoke(*args: str) -> Result:
    return runner.invoke(app, ["--data-dir", DATA, "diploma", *args])


@pytest.mark.parametrize(
    ("country", "text"),
    [
        ("SY", "shahada thanawiya"),
        ("SY", "الشهادة الثانوية العامة"),
        ("Syrië", "shahada thanawiya"),
        ("Syrië", "الشهادة الثانوية العامة"),
    ],
)
def test_acceptance_lookup_json_finds_havo(country: str, text: str) -> None:
    """lookup --json: one object; the General Secondary Education Certificate, NLQF 4-4, havo, route."""
    r = runner.invoke(app, ["--data-dir", DATA, "diploma", "lookup", "--country", country, text, "--json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["country"] == "SY"
    best = doc["matches"][0]
    assert best["qualification"] == "General Secondary Education Certificate"
    assert (best["nlqf_min"], best["nlqf_max"], best["eqf_min"], best["eqf_max"]) == (4, 4, 4, 4)
    assert "havo" in best["dutch_equivalent"]
    assert best["source"]["url"].startswith("https://www.nuffic.nl/")
    assert best["score"] == 100.0
    for key in (
        "qualification",
        "dutch_equivalent",
        "nlqf_min",
        "nlqf_max",
        "eqf_min",
        "eqf_max",
        "source",
        "score",
    ):
        assert key in best
    assert doc["official_route"] and doc["official_route"][0]["id"] == "idw-diplomawaardering"
    assert "caveat" in doc and doc["caveats"]["en"]
    assert r.stderr == ""


def test_unknown_qualification_json_has_empty_matches_and_route() -> None:
    """An unknown qualification gives matches: [] and still the official route."""
    r = invoke("lookup", "--country", "SY", "forklift course", "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["matches"] == []
    assert doc["official_route"]
    assert doc["no_comparison"]["en"].startswith("No sourced comparison")


def test_country_without_entries_names_the_route() -> None:
    """Somalia has no sourced comparison: the text says so and names IDW."""
    r = invoke("lookup", "--country", "Somalië", "Shahaadada Dugsiga Sare", "--lang", "en")
    assert r.exit_code == 0, r.output
    assert "No sourced comparison found for this diploma from Somalia" in r.stdout
    assert "IDW" in r.stdout
    assert "An indication, not an evaluation" in r.stdout


def test_lookup_human_output_in_dutch() -> None:
    """The table names the match, the level and the source; route and caveat follow."""
    r = invoke("lookup", "-c", "SY", "shahada thanawiya")
    assert r.exit_code == 0, r.output
    assert "General Secondary Education Certificate" in r.stdout
    assert "havodiploma" in r.stdout
    assert "Officiële route" in r.stdout
    assert "Indicatie, geen officiële waardering" in r.stdout


def test_lookup_context_options_choose_the_route() -> None:
    """--documents no gives the indicatie onderwijsniveau; --field nursing adds the BIG route."""
    r = invoke("lookup", "-c", "ER", "Diploma", "--documents", "no", "--field", "nursing", "--json")
    assert r.exit_code == 0, r.output
    ids = [s["id"] for s in json.loads(r.stdout)["official_route"]]
    assert ids[:2] == ["big-verklaring-vakbekwaamheid", "idw-indicatie-onderwijsniveau"]


def test_unknown_country_is_one_error_line() -> None:
    """An unknown country exits 2 (a usage error, as `--sector` and `--lang`) with one error line
    on stderr and nothing on stdout, in the command's language (Dutch by default)."""
    r = invoke("lookup", "--country", "Atlantis", "bachelor", "--json")
    assert r.exit_code == 2
    assert r.stdout == ""
    assert r.stderr.strip().startswith("fout: geen land dat we kennen heeft de gegeven naam")
    assert len(r.stderr.strip().splitlines()) == 1
    r = invoke("lookup", "--country", "Atlantis", "bachelor", "--json", "--lang", "en")
    assert r.stderr.strip().startswith("error: no country we know has the name given")
    assert "Atlantis" not in r.stderr


def test_bad_documents_value_is_a_usage_error() -> None:
    """--documents maybe is not one of yes/no/partial: exit 2."""
    r = invoke("lookup", "-c", "SY", "ijaza", "--documents", "maybe")
    assert r.exit_code == 2


def test_list_json_for_one_country() -> None:
    """list --country Eritrea --json gives Eritrea's entries only."""
    r = invoke("list", "--country", "Eritrea", "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["entries"] and {e["country"] for e in doc["entries"]} == {"ER"}


def test_list_table() -> None:
    """list shows ids and counts (at 120 columns, where the id column fits)."""
    r = runner.invoke(
        app, ["--data-dir", DATA, "diploma", "list", "-c", "TR", "--lang", "en"], env={"COLUMNS": "120"}
    )
    assert r.exit_code == 0, r.output
    assert "tr-lise" in r.stdout
    assert "entries" in r.stderr


def test_levels_json_and_table() -> None:
    """levels: the ladder from vmbo-bb to doctorate with NLQF and EQF."""
    r = invoke("levels", "--json")
    assert r.exit_code == 0, r.output
    ladder = json.loads(r.stdout)
    assert ladder[0]["id"] == "vmbo-bb"
    assert {lv["id"]: lv["nlqf"] for lv in ladder}["havo"] == 4
    r = invoke("levels", "--lang", "en")
    assert r.exit_code == 0, r.output
    assert "HAVO" in r.stdout


def test_coverage_json_and_table() -> None:
    """coverage: at least 12 of the 16 priority countries, stated vs inferred per country."""
    r = invoke("coverage", "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["priority_covered"] >= 12
    sy = next(c for c in doc["countries"] if c["country"] == "SY")
    assert sy["stated"] + sy["inferred"] == sy["entries"] > 0
    r = invoke("coverage", "--lang", "en")
    assert r.exit_code == 0, r.output
    assert "priority countries with entries" in r.stderr


def test_corrupt_table_fails_lookup_with_one_line(tmp_path: Path) -> None:
    """A corrupt diploma file stops lookup with one line naming file and field, exit 1."""
    data = yaml.safe_load((REPO / "data" / "diploma_equivalences.yaml").read_text("utf-8"))
    data["entries"][3]["nlqf"] = {"min": 5, "max": 4}
    (tmp_path / "diploma_equivalences.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    r = runner.invoke(app, ["--data-dir", str(tmp_path), "diploma", "lookup", "-c", "SY", "ijaza"])
    assert r.exit_code == 1
    assert "diploma_equivalences.yaml: entries.3.nlqf" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_every_command_has_help_with_an_example() -> None:
    """Each diploma command teaches: help text with an example."""
    for command in ("lookup", "list", "levels", "coverage"):
        r = invoke(command, "--help")
        assert r.exit_code == 0, r.output
        assert "skilltool diploma" in r.stdout, command


def _words(text: str) -> set[str]:
    return set(text.split())


@pytest.mark.parametrize("columns", [80, 120])
def test_list_fits_the_width_without_cutting_words(columns: int) -> None:
    """`diploma list` at 80 and 120 columns (regression: at 80 it wrapped letter by letter): no
    line wider than the terminal, every word of the qualification and Dutch comparison intact
    on one line, and the hidden columns named on stderr."""
    r = runner.invoke(
        app, ["--data-dir", DATA, "diploma", "list", "--lang", "en"], env={"COLUMNS": str(columns)}
    )
    assert r.exit_code == 0, r.output
    table = [line for line in r.stdout.splitlines() if not line.endswith("(no level)")]  # table rows
    assert max(len(line.rstrip()) for line in table) <= columns
    entries = json.loads(invoke("list", "--json").stdout)["entries"]
    shown = _words(r.stdout)
    for e in entries:
        assert _words(e["dutch_equivalent"]) <= shown, e["id"]
        assert e["country"] in shown
    if columns == 80:
        assert "id, kind, source not shown" in r.stderr
    else:
        assert "sy-basic-education" in shown and "source not shown" in r.stderr


@pytest.mark.parametrize("columns", [80, 120])
def test_coverage_fits_the_width(columns: int) -> None:
    """`diploma coverage` at 80 columns keeps country, name and the counts (per-kind columns
    hidden together, said on stderr); at 120 every column is shown. No line is wider."""
    r = runner.invoke(
        app, ["--data-dir", DATA, "diploma", "coverage", "--lang", "en"], env={"COLUMNS": str(columns)}
    )
    assert r.exit_code == 0, r.output
    assert max(len(line.rstrip()) for line in r.stdout.splitlines()) <= columns
    assert "Afghanistan" in _words(r.stdout) and "Syria" in _words(r.stdout)
    header = r.stdout.splitlines()[0].split()
    assert header[:6] == ["country", "name", "entries", "stated", "inferred", "no"]
    assert ("bach" in header) == (columns == 120)
    assert ("not shown" in r.stderr) == (columns == 80)


def test_table_switches_to_records_when_too_narrow() -> None:
    """Narrower than the required columns (40): each entry as `header  value` lines, nothing lost."""
    r = runner.invoke(
        app, ["--data-dir", DATA, "diploma", "list", "-c", "ER", "--lang", "en"], env={"COLUMNS": "40"}
    )
    assert r.exit_code == 0, r.output
    records = r.stdout.strip().split("\n\n")
    entries = json.loads(invoke("list", "-c", "ER", "--json").stdout)["entries"]
    assert len(records) == len(entries)
    assert records[0].splitlines()[0].split() == ["id", entries[0]["id"]]
