"""Hostile input, ninth review: each case here once took minutes, or leaked a family's health
detail into a report; now it does not."""

from __future__ import annotations

import json
import time
from pathlib import Path

from typer.testing import CliRunner

from skilltool import coding_situations, coding_support
from skilltool.cli import app

from .test_hostile_input import HEADER, export, row

runner = CliRunner()


def test_a_long_answer_of_care_words_is_read_in_linear_time() -> None:
    """The family-care check (``_FAMILY_CARE``: a care word, ``.*``, a possessive and a family word)
    searched the whole answer: a 120 KB cell of "ik zorgde mijn " repeated (a batch cell may hold
    100,000 characters) took 20 s, every care word scanning to the end and back. It reads the start
    ``normalize`` reads now."""
    started = time.perf_counter()
    _, _, problem = coding_support.prepare_title("ik zorgde mijn " * 8000)
    assert time.perf_counter() - started < 2.0
    assert problem == "too_long"
    assert coding_situations.family_care("ik zorgde voor mijn zieke moeder " + "x" * 100_000)


def test_a_family_care_answer_stays_out_of_the_work_history_and_the_report(tmp_path: Path) -> None:
    """A work title of care for one's own family was not coded (``family_care``, whose message says
    "kept out of the work history"), but a batch still wrote it as the title of a work experience:
    ``skilltool report`` showed "ik zorgde voor mijn zieke moeder met dementie" in the employer-facing
    work history. It is left out now, and no care duty is inferred from a past answer (unknown stays
    unknown: the intake's question records care duties); a coded title stays."""
    care = row("UT-1")
    care[HEADER.index("beroep_1")] = "ik zorgde voor mijn zieke moeder met dementie"
    src = tmp_path / "in.csv"
    src.write_text(export([care, row("UT-2")]), encoding="utf-8")
    out = tmp_path / "out"
    r = runner.invoke(app, ["batch", str(src), "--out", str(out), "--json", "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["counts"]["rows_written"] == 2
    first, second = (json.loads(line) for line in (out / "profiles.jsonl").read_text().splitlines())
    assert first["work"] == [] and first["circumstances"].get("care_duties") is None
    assert second["work"][0]["coded"]["isco"] == "7212"
    for path in out.iterdir():
        assert "moeder" not in path.read_text(encoding="utf-8", errors="replace"), path.name
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(first), encoding="utf-8")
    report = tmp_path / "r.html"
    r = runner.invoke(app, ["report", str(profile), "--out", str(report)])
    assert r.exit_code == 0, r.output
    assert "moeder" not in report.read_text(encoding="utf-8")


def test_a_wish_of_family_care_stays_out_of_the_wishes_and_the_report(tmp_path: Path) -> None:
    """A wished occupation of own family care ("voor mijn zieke vader zorgen") was kept as said
    and shown under the report's wished occupations, a family's health detail; it is left out of
    the wishes now (no care duty inferred). A wish of work beside it stays."""
    care = row("UT-1")
    care[HEADER.index("wens_beroepen")] = "voor mijn zieke vader zorgen|iets met fietsen"
    src = tmp_path / "in.csv"
    src.write_text(export([care]), encoding="utf-8")
    out = tmp_path / "out"
    r = runner.invoke(app, ["batch", str(src), "--out", str(out), "--json", "--lang", "en"])
    assert r.exit_code == 0, r.output
    profile = json.loads((out / "profiles.jsonl").read_text())
    assert profile["wishes"]["occupations"] == ["iets met fietsen"]
    assert profile["circumstances"].get("care_duties") is None
    path = tmp_path / "p.json"
    path.write_text(json.dumps(profile), encoding="utf-8")
    report = tmp_path / "r.html"
    assert runner.invoke(app, ["report", str(path), "--out", str(report)]).exit_code == 0
    assert "vader" not in report.read_text(encoding="utf-8")
