"""``skilltool suggest`` and ``skilltool explain`` through the CLI: output, --json, and error lines."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from skilltool import messages
from skilltool.cli import app

from .conftest import REPO, SHARED_DATA, requires_shared

runner = CliRunner()
ENGINEER = REPO / "examples" / "personas" / "syrian_civil_engineer.json"
DOCTOR = REPO / "examples" / "personas" / "syrian_doctor.json"


def test_suggest_table_and_next_steps() -> None:
    """The human form: a table, the gaps, the numbered next steps on stdout; the caveat on stderr."""
    r = runner.invoke(app, ["suggest", str(ENGINEER), "--top", "5", "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert "civil engineer" in r.stdout and "Next steps" in r.stdout and "What is missing" in r.stdout
    assert "1. Apply for an IDW credential evaluation" in r.stdout
    assert "Indication for guidance" in r.stderr and "Indication for guidance" not in r.stdout


def test_suggest_json_is_one_document() -> None:
    """--json prints one object with suggestions (the agreed fields) and next_steps, nothing else."""
    r = runner.invoke(app, ["suggest", str(ENGINEER), "--json", "--top", "3"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert len(data["suggestions"]) == 3 and data["next_steps"]
    keys = {"uri", "isco", "label", "sector", "score", "route", "at_level", "tightness", "reasons", "gaps"}
    assert keys <= set(data["suggestions"][0])
    assert data["suggestions"][0]["score"] == round(
        sum(p["points"] for p in data["suggestions"][0]["parts"]), 2
    )


def test_suggest_sector_filter_by_dutch_name() -> None:
    """--sector accepts a Dutch sector name and keeps only that sector."""
    r = runner.invoke(app, ["suggest", str(DOCTOR), "--sector", "zorg", "--json"])
    assert r.exit_code == 0, r.output
    assert {s["sector"] for s in json.loads(r.stdout)["suggestions"]} == {"care"}


def test_suggest_unknown_sector_is_usage_error() -> None:
    """An unknown sector exits 2 with one error line listing the sector ids."""
    r = runner.invoke(app, ["suggest", str(ENGINEER), "--sector", "mining", "--lang", "en"])
    assert r.exit_code == 2
    assert r.stderr.count("error:") == 1 and "use one of care," in r.stderr
    assert r.stdout == ""


def test_suggest_bad_profile_is_one_line(tmp_path: Path) -> None:
    """A profile with a wrong field exits 1 with one line naming file and field; no traceback."""
    bad = tmp_path / "p.json"
    bad.write_text('{"personal": {"client_ref": "x"}, "wishes": {"hours_per_week": 99}}')
    r = runner.invoke(app, ["suggest", str(bad)])
    assert r.exit_code == 1
    assert "p.json: wishes.hours_per_week:" in r.stderr and "Traceback" not in r.output
    missing = runner.invoke(app, ["suggest", str(tmp_path / "none.json")])
    assert missing.exit_code == 1 and "bestand bestaat niet" in missing.stderr


def test_explain_shows_every_part() -> None:
    """explain lists the seven parts with evidence, the rank and the route."""
    r = runner.invoke(app, ["explain", str(DOCTOR), "huisarts", "--lang", "en"])
    assert r.exit_code == 0, r.output
    for part in ("skills", "related_work", "level", "dutch", "tightness", "wishes", "certificates"):
        assert messages.name("part", part, "en") in r.stdout  # by its name, not its code
    assert "related_work" not in r.stdout
    assert "recognition first" in r.stdout and "rank" in r.stdout and "BIG" in r.stdout


def test_explain_json_and_not_found() -> None:
    """explain --json is one document; an unknown occupation exits 1 with one line."""
    r = runner.invoke(app, ["explain", str(ENGINEER), "lasser", "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["suggestion"]["isco"] == "7212" and data["in_sector"] and data["rank"] >= 1
    r = runner.invoke(app, ["explain", str(ENGINEER), "astronaut of the deep sea"])
    assert r.exit_code == 1 and r.stderr.count("fout:") == 1


def test_help_teaches_with_examples() -> None:
    """Both commands have help text with an example."""
    for cmd in ("suggest", "explain"):
        r = runner.invoke(app, [cmd, "--help"])
        assert r.exit_code == 0 and "skilltool " + cmd in r.stdout


@requires_shared
def test_shown_tightness_matches_the_source_csv_by_hand() -> None:
    """Read the welders' BRC group by hand from the source tables (ISCO 7212 -> BRC group in the
    crosswalk -> its row in ROA's AIS table) and check the value the tool shows for a welder, in
    `occupation show --json` and in `suggest --json`: UWV's 2026Q1 value, the category derived by
    UWV's thresholds, ROA's typering as published, and ROA's 2030 forecast."""
    with (SHARED_DATA / "shortage/isco_brc_crosswalk.csv").open(encoding="utf-8") as fh:
        group = next(r["brc_group"] for r in csv.DictReader(fh) if r["isco08_unit"] == "7212")
    with (SHARED_DATA / "shortage/roa_ais2030_editie2026.csv").open(encoding="utf-8") as fh:
        row = next(r for r in csv.DictReader(fh) if r["brc_group"] == group)
    value = float(row["current_2026q1_indicator"])
    # UWV's thresholds, written out here: < 0.25 zeer ruim, < 0.67 ruim, < 1.5 gemiddeld, <= 4 krap
    derived = "zeer krap"
    for limit, category in ((0.25, "zeer ruim"), (0.67, "ruim"), (1.5, "gemiddeld")):
        if value < limit:
            derived = category
            break
    else:
        derived = "krap" if value <= 4 else "zeer krap"
    r = runner.invoke(app, ["occupation", "show", "7212.1", "--json", "--lang", "en"])
    assert r.exit_code == 0, r.output
    shown = json.loads(r.stdout)
    assert shown["brc"] == group
    current, forecast = shown["tightness"]["current"], shown["tightness"]["forecast"]
    assert (current["value"], current["period"], current["published"]) == (
        value,
        "2026Q1",
        row["current_2026q1_typering"],
    )
    assert current["category"] == derived and "derived" in current["flags"]
    assert (forecast["category"], forecast["direction"]) == (
        row["itkb_2030_typering"],
        row["direction_2025_2030"],
    )
    assert forecast["job_openings"] == int(row["job_openings_n"])
    r = runner.invoke(app, ["suggest", str(REPO / "examples/personas/turkish_welder.json"), "--json"])
    assert r.exit_code == 0, r.output
    welder = next(s for s in json.loads(r.stdout)["suggestions"] if s["isco"] == "7212")
    t = welder["tightness"]
    assert (t["value"], t["category"], t["period"], t["forecast"]) == (
        value,
        derived,
        "2026Q1",
        row["itkb_2030_typering"],
    )


def test_suggest_says_when_past_work_codes_are_not_confirmed(tmp_path: Path) -> None:
    """A past job coded automatically and flagged for review, not yet confirmed: the text output
    says to check it first and --json counts it; once confirmed, neither."""
    profile = json.loads(ENGINEER.read_text(encoding="utf-8"))
    profile["work"][0]["needs_review"] = True
    profile["work"][0]["confirmation"] = {"status": "suggested", "by": None, "on": None}
    path = tmp_path / "p.json"
    path.write_text(json.dumps(profile), encoding="utf-8")
    r = runner.invoke(app, ["suggest", str(path), "--top", "2", "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert "check first: 1 past job(s) coded automatically" in r.stdout
    r = runner.invoke(app, ["suggest", str(path), "--top", "2", "--json"])
    assert json.loads(r.stdout)["unconfirmed_work"] == 1
    profile["work"][0]["confirmation"]["status"] = "confirmed"
    path.write_text(json.dumps(profile), encoding="utf-8")
    r = runner.invoke(app, ["suggest", str(path), "--top", "2", "--lang", "en", "--json"])
    assert json.loads(r.stdout)["unconfirmed_work"] == 0
