"""Hostile input, fifth review: each case here once told what a sensitive answer holds, rejected
every row for a reason that was not theirs, or did work no one asked for; now it does not."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skilltool import report, suggest
from skilltool.cli import app
from skilltool.messages import t
from skilltool.reference import ReferenceData

from .test_hostile_input import one_error
from .test_suggest_circumstances import _welder

runner = CliRunner()


@pytest.fixture
def ref(tiny_data: Path) -> ReferenceData:
    return ReferenceData(tiny_data)


# --- health limits work: not told by the work-experience step ------------------------------------


def test_the_work_experience_step_does_not_tell_that_health_limits_work(ref: ReferenceData) -> None:
    """With ``health_limits_work: yes`` the plan's work-experience step (not a sensitive step) ends
    "Only in work that the talk about suitable work (step 1) finds fits the person's health": the
    report without ``--include-sensitive`` and ``Profile.public()`` (employer and research use)
    kept it, so they told what the left-out health answer holds. Now both drop that addition and
    keep the step; the caseworker's full report still has it."""
    real = ReferenceData()  # the report's questionnaire and labels
    for lang in ("nl", "en"):
        person = _welder(health_limits_work="yes")
        steps = suggest.suggest(person, ref=ref, lang=lang).next_steps
        profile = person.model_copy(update={"next_steps": steps})
        addition = t("suggest.s_work_health", lang).strip()
        step = next(s for s in profile.next_steps if s.action == "work_experience")
        assert addition in step.text.render(lang)  # type: ignore[union-attr]
        public = next(s for s in profile.public().next_steps if s.action == "work_experience")
        shown = public.text.render(lang)  # type: ignore[union-attr]
        assert addition not in shown and shown == step.text.render(lang).replace(addition, "").strip()  # type: ignore[union-attr]
        for fmt in ("md", "html"):
            plain = report.render(profile, fmt=fmt, lang=lang, ref=real)
            assert addition.split("(")[0].strip() not in plain, (lang, fmt)
        full = report.render(profile, fmt="md", lang=lang, include_sensitive=True, ref=real)
        assert addition in full


# --- a mapping that names a section, not an answer -----------------------------------------------


@pytest.mark.parametrize(
    ("entry", "said"),
    [
        ("personal: gemeente", "'personal' is a section of answers, not one answer"),
        ("wishes: gemeente", "'wishes' is a section of answers, not one answer"),
        ("work: gemeente", "'work' is a list of entries, not one answer; map it under groups:"),
    ],
)
def test_a_mapping_that_maps_a_section_to_a_column_is_one_line(tmp_path: Path, entry: str, said: str) -> None:
    """``personal: gemeente`` in ``fields`` was taken as a text answer: the cell replaced the whole
    section, so every row was rejected as "the client id is empty" (or, with the entry first, as
    "internal error (TypeError)"), whatever the row held. Now the mapping is refused before the
    first row, naming the key and saying what to map instead."""
    for first in (True, False):
        mapping = tmp_path / "m.yaml"
        lines = ["personal.client_ref: klantnummer", entry]
        mapping.write_text(
            "fields:\n" + "".join(f"  {x}\n" for x in lines[:: -1 if first else 1]), encoding="utf-8"
        )
        src = tmp_path / "in.csv"
        src.write_text("klantnummer;gemeente\nUT-1;Utrecht\n", encoding="utf-8")
        args = ["batch", str(src), "--mapping", str(mapping), "--out", str(tmp_path / "out"), "--lang", "en"]
        line = one_error(runner.invoke(app, args))
        assert line.startswith(f"error: {mapping}: fields: {said}"), line
        assert not (tmp_path / "out").exists()


# --- a header written in another Unicode form ---------------------------------------------------


def test_a_header_in_another_unicode_form_is_the_same_column(tmp_path: Path) -> None:
    """A Mac export writes ``ë`` as ``e`` + a combining diaeresis (NFD): the mapping's ``cliënt``
    was "missing" (batch) or "no column 'cliënt'; the columns are: cliënt, ..." (a coding job)
    while the sheet showed it. Header cells and column names are now compared in NFKC (also
    full-width letters), and two cells that are then the same mapped column are named as such."""
    nfd = unicodedata.normalize("NFD", "cliënt")
    assert nfd != "cliënt"
    mapping = tmp_path / "m.yaml"
    fields = "  personal.client_ref: cliënt\n  personal.country_of_origin: ｌａｎｄ\n"
    mapping.write_text(f"required: [cliënt]\nfields:\n{fields}", encoding="utf-8")
    src = tmp_path / "in.csv"
    src.write_text(f"{nfd};land;beroep\nUT-1;Syrië;lasser\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["batch", str(src), "--mapping", str(mapping), "--out", str(out), "--lang", "en"]
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.stderr
    profile = json.loads((out / "profiles.jsonl").read_text(encoding="utf-8"))
    assert profile["personal"]["client_ref"] == "UT-1" and profile["personal"]["country_of_origin"] == "SY"
    coded = tmp_path / "coded.csv"
    r = runner.invoke(
        app, ["occupation", "code", "-i", str(src), "--column", "cliënt", "-o", str(coded), "--lang", "en"]
    )
    assert r.exit_code == 0, r.stderr
    twice = tmp_path / "twice.csv"
    twice.write_text(f"{nfd};land;cliënt\nUT-1;Syrië;UT-2\n", encoding="utf-8")
    args = ["batch", str(twice), "--mapping", str(mapping), "--out", str(tmp_path / "o2"), "--lang", "en"]
    assert "2 times (columns 1 and 3)" in one_error(runner.invoke(app, args))


# --- batch template --out at a file ------------------------------------------------------------


def test_batch_template_out_at_a_file_or_a_dangling_link_is_named_as_such(tmp_path: Path) -> None:
    """``batch template --out FILE`` said "FILE/mapping.yaml: cannot write (File exists)": a path
    that is not there, and a reason that is not the problem. Now it is the line a batch gives."""
    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    line = one_error(runner.invoke(app, ["batch", "template", "--out", str(afile), "--lang", "en"]))
    assert line == f"error: {afile}: is a file, not a folder; --out needs a folder (it is created if missing)"
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nowhere" / "x")
    line = one_error(runner.invoke(app, ["batch", "template", "--out", str(dangling), "--lang", "en"]))
    assert line == f"error: {dangling}: a symbolic link to nothing; remove it or choose another --out folder"
    assert afile.read_text(encoding="utf-8") == "x" and not (tmp_path / "nowhere").exists()
