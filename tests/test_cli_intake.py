"""``skilltool intake``, ``intake languages``, ``profile`` and ``report`` through the CLI.

These run on the repository's own ``data/`` (no shared sources needed) with one compiled-data
cache for the module, so ESCO is parsed once.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from skilltool import intake_script, messages, profile_building, profile_files, translations
from skilltool.cli import app
from skilltool.models import Profile
from skilltool.reference import ReferenceData

from .conftest import REPO

runner = CliRunner()
EXAMPLES = sorted((REPO / "examples" / "answers").glob("*.yaml"))


# One line per prompt, in interview order (lang en). Bad answers come first where noted.
SCRIPT = [
    "T-0001",  # client ref
    "3024",  # birth year: refused
    "1990",
    "Atlantis",  # country: refused
    "Eritrea",
    "?",  # help for the permit date
    "2024-05-01",
    "Zwolle",
    "Tigrinya",  # mother tongues
    "yes",  # another language?
    "English",
    "B3",  # refused
    "B1",
    "no",
    "A2",  # Dutch
    "1",  # integration route: B1
    "1",  # inburgering status: obliged (issue 13)
    "yes",  # education entry?
    "Eritrea",
    "Secondary School Leaving Certificate",
    "-",  # field: skip
    "12",
    "yes",
    "no",  # documents
    "1",  # IDW: not applied
    "no",  # another education entry?
    "yes",  # work?
    "lasser",
    "1",  # pick the first occupation code
    "welding gates and fences",
    "Eritrea",
    "4",
    "1",  # employed
    "no",
    "cooking for groups, sewing",
    "9",  # 'cooking for groups' needs review: not a number on the list, asked again
    "2",  # ... then 'use cooking techniques'
    "basic",
    "B",
    "Eritrea",  # licence issued in Eritrea (issue 13)
    "VCA",
    "techniek",
    "lasser",
    "32",
    "45",
    "yes",
    "no",  # care duties
    "3",  # rather not say
    "-",  # notes
    "apply to IDW; welding course",
]


COOKING = "f3934441-4bff-4076-9945-e6c51a01c467"  # ESCO: use cooking techniques


@dataclass
class _SkillCand:
    skill_id: str
    label: str
    matched: str
    score: float


@dataclass
class _SkillResult:
    input: str
    needs_review: bool
    candidates: list[_SkillCand] = field(default_factory=list)
    problem: str | None = None


class FakeSkillCoder:
    """Unsure about 'cooking for groups' (two candidates), sure about anything else."""

    def code(self, text: str, *, lang: str = "nl", top: int = 5) -> _SkillResult:
        if text == "cooking for groups":
            cands = [
                _SkillCand("x", "coking process", "coking", 47),
                _SkillCand(COOKING, "use cooking techniques", "", 45),
            ]
            return _SkillResult(text, True, cands)
        return _SkillResult(
            text, False, [_SkillCand("533b3f0b-c8f8-4668-95ef-69011bb081d7", "dressmaking", "", 96)]
        )

    def english_only(self, skill_id: str) -> bool:
        """Its labels are English: ESCO has no Dutch one for ``COOKING`` (``x`` is made up)."""
        return skill_id != "x"


def test_full_interactive_intake_gives_a_profile_that_validates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Scripted terminal input: bad answers are re-asked with the reason, the profile fits the schema."""
    monkeypatch.setattr(profile_building.Coders, "skill", property(lambda self: FakeSkillCoder()))
    out = tmp_path / "p.json"
    r = runner.invoke(
        app,
        ["intake", "--lang", "en", "--client-lang", "ar", "--out", str(out)],
        input="\n".join(SCRIPT) + "\n",
    )
    assert r.exit_code == 0, r.output
    assert "3024 is not a year between 1930 and 2026" in r.stderr
    assert "'Atlantis' is not a country we know" in r.stderr
    assert "'B3' is not a CEFR level" in r.stderr
    assert "Section 3 of 8 · Education" in r.stderr
    assert "(ar, not reviewed)" in r.stderr
    assert "The date the permit took effect" in r.stderr  # the help text after '?'
    # issue 15: a choice shows the client's draft label beside it, marked unreviewed
    assert (
        "Obliged to integrate (letter from DUO) · ملزم بالاندماج (رسالة من DUO) (ar, not reviewed)"
        in r.stderr
    )
    assert r.stdout == ""
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert not out.with_name(out.name + ".draft.json").exists()
    data = json.loads(out.read_text(encoding="utf-8"))
    profile = Profile.model_validate(data)
    schema = profile_files.profile_schema()
    assert set(data) <= set(schema["properties"])
    assert set(schema.get("required", [])) <= set(data)
    assert profile.personal.birth_year == 1990
    assert profile.personal.country_of_origin == "ER"
    assert profile.languages[1].cefr == "B1"
    assert profile.dutch.inburgering == "obliged"  # issue 13: inburgering status asked
    assert profile.driving_licence_country == "ER"  # issue 13: the licence's issuing country
    assert profile.schema_version == 4
    assert profile.work[0].confirmation.status == "confirmed"
    assert profile.work[0].coded is not None and profile.work[0].coded.isco == "7212"
    assert {s.origin for s in profile.skills} == {
        "self_reported",
        "derived_from_occupation",
        "evidenced_by_document",
    }
    assert profile.next_steps[0].text == "apply to IDW" and profile.next_steps[0].agreed
    assert "'9' is not one of the numbers" in r.stderr
    cooking = next(s for s in profile.skills if s.label == "cooking for groups")
    assert cooking.skill_id == COOKING
    assert cooking.confirmation.status == "confirmed" and cooking.confirmation.by == "caseworker"
    sewing = next(s for s in profile.skills if s.label == "sewing")
    assert sewing.confirmation.status == "suggested"


def _draft_keys(path: Path) -> int:
    try:
        return len(json.loads(path.read_text(encoding="utf-8"))["state"])
    except (OSError, ValueError, KeyError):
        return -1


def test_killed_mid_intake_resumes_without_losing_an_answer(tmp_path: Path, compiled_cache: Path) -> None:
    """SIGKILL after some answers; ``--resume DRAFT`` asks only the rest; the profile has every answer."""
    out = tmp_path / "killed.json"
    draft = out.with_name(out.name + ".draft.json")
    env = {**os.environ, "SKILLTOOL_CACHE_DIR": str(compiled_cache), "COLUMNS": "120"}
    cmd = [sys.executable, "-m", "skilltool", "intake", "--lang", "en", "--out", str(out)]
    proc = subprocess.Popen(
        cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=REPO
    )
    assert proc.stdin is not None
    answers = ["T-0002", "1985", "Syria", "2023-09-01", "Tilburg", "Arabic", "no", "B1"]
    try:
        for n, line in enumerate(answers, 1):
            proc.stdin.write((line + "\n").encode())
            proc.stdin.flush()
            deadline = time.monotonic() + 60
            while _draft_keys(draft) < n:
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
                assert time.monotonic() < deadline, f"draft did not reach {n} answers"
                time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
    assert proc.returncode == -signal.SIGKILL
    assert not out.exists()
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600
    assert _draft_keys(draft) == len(answers)

    rest = ["2", "-", "no", "no", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-"]
    resumed = subprocess.run(
        [sys.executable, "-m", "skilltool", "intake", "--resume", str(draft)],
        input="\n".join(rest) + "\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert resumed.returncode == 0, resumed.stderr
    assert "Client reference" not in resumed.stderr  # answered before the kill: not asked again
    profile = Profile.model_validate_json(out.read_text(encoding="utf-8"))
    assert profile.personal.client_ref == "T-0002"
    assert profile.personal.birth_year == 1985
    assert profile.personal.country_of_origin == "SY"
    assert str(profile.personal.permit_date) == "2023-09-01"
    assert profile.personal.municipality == "Tilburg"
    assert [s.language for s in profile.languages] == ["ar"]
    assert profile.dutch.cefr == "B1"
    assert profile.dutch.integration_route == "onderwijs"  # answered after the resume
    assert not draft.exists()


def test_interrupt_saves_and_prints_the_resume_command(tmp_path: Path) -> None:
    """End of input (like Ctrl-C) keeps the draft and says how to resume; exit 130."""
    out = tmp_path / "p.json"
    r = runner.invoke(app, ["intake", "--out", str(out)], input="T-9\n1977\n")
    assert r.exit_code == 130, r.output
    draft = out.with_name(out.name + ".draft.json")
    assert f"skilltool intake --resume {draft}" in r.stderr
    assert json.loads(draft.read_text(encoding="utf-8"))["state"] == {
        "personal.client_ref": "T-9",
        "personal.birth_year": 1977,
    }


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_examples_run_through_answers_mode(example: Path, tmp_path: Path) -> None:
    """Every shipped example answers file gives a valid profile without a terminal."""
    out = tmp_path / "p.json"
    r = runner.invoke(app, ["intake", "--answers", str(example), "--out", str(out)])
    assert r.exit_code == 0, r.output
    profile = profile_files.read_profile(out)
    assert profile.personal.client_ref
    assert profile.work and profile.education


def test_answers_to_stdout_is_one_json_document(tmp_path: Path) -> None:
    """Without --out the profile is printed on stdout as one JSON document."""
    r = runner.invoke(app, ["intake", "--answers", str(EXAMPLES[0])])
    assert r.exit_code == 0, r.output
    Profile.model_validate_json(r.stdout)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"birth_year": 3024}, "personal.birth_year: the answer is not a year between 1930 and 2026"),
        (
            {"country_of_origin": "Atlantis"},
            "personal.country_of_origin: the answer is not a country we know; "
            "type the name in Dutch or English, or the two-letter code",
        ),
    ],
)
def test_bad_answers_file_is_one_error_line(tmp_path: Path, change: dict[str, Any], expected: str) -> None:
    """``--answers`` with a bad answer: exit 1, one line naming file, question and reason."""
    bad = tmp_path / "bad.yaml"
    personal = {"client_ref": "X-1", **change}
    bad.write_text(json.dumps({"personal": personal, "languages": {"dutch_cefr": "A1"}}), encoding="utf-8")
    r = runner.invoke(app, ["intake", "--lang", "en", "--answers", str(bad)])
    assert r.exit_code == 1
    assert r.stderr.strip() == f"error: {bad}: {expected}"
    assert r.stdout == ""


def test_bad_cefr_in_answers_file(tmp_path: Path) -> None:
    """'B3' as Dutch level is refused with the file and the question."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("personal: {client_ref: X-1}\nlanguages: {dutch_cefr: B3}\n", encoding="utf-8")
    r = runner.invoke(app, ["intake", "--answers", str(bad)])
    assert r.exit_code == 1
    assert r.stderr.strip().startswith(f"fout: {bad}: languages.dutch_cefr: het antwoord is geen ERK-niveau")
    assert len(r.stderr.strip().splitlines()) == 1


def test_usage_errors(tmp_path: Path) -> None:
    """An unknown client language, or --resume with --answers, is a usage error (exit 2)."""
    r = runner.invoke(app, ["intake", "--client-lang", "xx"])
    assert r.exit_code == 2 and "--client-lang: 'xx'" in r.stderr
    r = runner.invoke(app, ["intake", "--resume", "a", "--answers", "b"])
    assert r.exit_code == 2


def test_resume_of_a_missing_draft_is_one_line(tmp_path: Path) -> None:
    """A wrong draft path: exit 1 and a line naming it, in the intake's language."""
    r = runner.invoke(app, ["intake", "--lang", "en", "--resume", str(tmp_path / "nope.json")])
    assert r.exit_code == 1
    assert r.stderr.strip() == (
        f"error: {tmp_path / 'nope.json'}: no such file; check the name and folder of the intake draft"
    )
    r = runner.invoke(app, ["intake", "--resume", str(tmp_path / "nope.json")])
    dutch = "bestand bestaat niet; controleer de naam en de map van het intakeconcept"
    assert r.stderr.strip() == f"fout: {tmp_path / 'nope.json'}: {dutch}"


def test_languages_lists_missing_and_unreviewed_per_language(tmp_path: Path) -> None:
    """Every question id has a text in every shipped file or is listed missing; unreviewed are listed."""
    r = runner.invoke(app, ["intake", "languages", "--json"])
    assert r.exit_code == 0, r.output
    statuses = json.loads(r.stdout)
    assert {s["lang"] for s in statuses} == {"ar", "fa", "prs", "ti", "so", "tr", "uk"}
    ref = ReferenceData()
    ids = translations.text_ids(intake_script.load_questionnaire(ref))
    for status in statuses:
        translation = intake_script.load_translation(ref, status["lang"])
        for text_id in ids:
            assert text_id in translation.texts or text_id in status["missing"], (status["lang"], text_id)
        assert status["unreviewed"] == [
            i for i in ids if i in translation.texts and not translation.texts[i].reviewed
        ]
        assert not status["unknown"]
    human = runner.invoke(app, ["intake", "languages", "ar", "--lang", "en"])
    assert human.exit_code == 0
    unreviewed = statuses[0]["unreviewed"]
    assert f"ar unreviewed ({len(unreviewed)}): personal, personal.client_ref" in human.stdout


def test_languages_reports_a_missing_text(tmp_path: Path) -> None:
    """A text removed from a language file is listed as missing, never filled from another language."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data, ignore=shutil.ignore_patterns("occupations.yaml", "skills.yaml"))
    ar = data / "intake" / "i18n" / "ar.yaml"
    ar.write_text(
        "\n".join(line for line in ar.read_text(encoding="utf-8").splitlines() if "work.tasks:" not in line)
        + "\n",
        encoding="utf-8",
    )
    r = runner.invoke(app, ["--data-dir", str(data), "intake", "languages", "--json"])
    assert r.exit_code == 0, r.output
    statuses = {s["lang"]: s for s in json.loads(r.stdout)}
    # ar and fa have drafts for the same texts; ar now lacks work.tasks as well
    assert set(statuses["ar"]["missing"]) - set(statuses["fa"]["missing"]) == {"work.tasks"}
    assert "work.tasks" not in statuses["fa"]["missing"]
    human = runner.invoke(app, ["--data-dir", str(data), "intake", "languages", "ar", "--lang", "en"])
    assert "work.tasks" in next(ln for ln in human.stdout.splitlines() if ln.startswith("ar missing"))


def test_profile_schema_and_show(tmp_path: Path) -> None:
    """``profile schema`` prints the JSON Schema; ``profile show`` reads a profile, --json round-trips it."""
    r = runner.invoke(app, ["profile", "schema"])
    assert r.exit_code == 0, r.output
    schema = json.loads(r.stdout)
    assert schema["properties"]["schema_version"]["const"] == 4
    out = tmp_path / "p.json"
    assert runner.invoke(app, ["intake", "--answers", str(EXAMPLES[0]), "--out", str(out)]).exit_code == 0
    shown = runner.invoke(app, ["profile", "show", str(out)])
    assert shown.exit_code == 0, shown.output
    loaded = profile_files.read_profile(out)
    assert loaded.personal.client_ref in shown.stdout
    flat = " ".join(shown.stdout.split())  # table cells may wrap
    for work in loaded.work:
        assert work.title.split()[0] in flat
    review = messages.t("review.needs_review", "nl")  # profile show speaks --lang (default nl)
    assert (review in flat) == any(w.needs_review for w in loaded.work)
    as_json = runner.invoke(app, ["profile", "show", str(out), "--json"])
    assert Profile.model_validate_json(as_json.stdout) == profile_files.read_profile(out)


def test_profile_show_rejects_a_bad_file(tmp_path: Path) -> None:
    """A profile with a wrong field is one line naming the file and field, in the command's
    language (Dutch by default)."""
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"personal": {"client_ref": "x"}, "shoe": 1}), encoding="utf-8")
    r = runner.invoke(app, ["profile", "show", str(bad)])
    assert r.exit_code == 1
    assert r.stderr.strip().startswith(f"fout: {bad}: (hoogste niveau): onbekende sleutel (niet getoond")
    r = runner.invoke(app, ["profile", "show", str(bad), "--lang", "en"])
    assert r.exit_code == 1
    assert r.stderr.strip().startswith(f"error: {bad}: (top level): unknown key (not shown")
    assert "shoe" not in r.stderr  # the key is never shown (test_hostile_review15)


def test_report_command_writes_html_and_markdown(tmp_path: Path) -> None:
    """``report`` writes an owner-only HTML file, or Markdown on stdout; sensitive parts only on request."""
    profile = tmp_path / "p.json"
    assert runner.invoke(app, ["intake", "--answers", str(EXAMPLES[0]), "--out", str(profile)]).exit_code == 0
    html_out = tmp_path / "r.html"
    r = runner.invoke(app, ["report", str(profile), "--client-lang", "ar", "--out", str(html_out)])
    assert r.exit_code == 0, r.output
    assert stat.S_IMODE(html_out.stat().st_mode) == 0o600
    assert 'dir="rtl"' in html_out.read_text(encoding="utf-8")
    md = runner.invoke(app, ["report", str(profile), "--format", "md", "--lang", "en"])
    assert md.exit_code == 0, md.output
    assert md.stdout.startswith("# Skills profile")
    assert "Sensitive details" not in md.stdout
    md = runner.invoke(app, ["report", str(profile), "--format", "md", "--lang", "en", "--include-sensitive"])
    assert "## Sensitive details" in md.stdout
    bad = runner.invoke(app, ["report", str(profile), "--client-lang", "de"])
    assert bad.exit_code == 2


def interrupted_intake(tmp_path: Path, compiled_cache: Path, sig: signal.Signals) -> tuple[int, str, Path]:
    """An interview in a child process, stopped with ``sig`` once two answers are in its draft:
    (exit code, stderr, the draft's path)."""
    out = tmp_path / "p.json"
    draft = out.with_name(out.name + ".draft.json")
    env = {**os.environ, "SKILLTOOL_CACHE_DIR": str(compiled_cache)}
    cmd = [sys.executable, "-m", "skilltool", "intake", "--lang", "en", "--out", str(out)]
    proc = subprocess.Popen(
        cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=REPO
    )
    assert proc.stdin is not None
    try:
        proc.stdin.write(b"T-0003\n1999\n")
        proc.stdin.flush()
        deadline = time.monotonic() + 60
        while _draft_keys(draft) < 2:
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    return proc.returncode, err.decode(), draft


def test_ctrl_c_saves_and_prints_the_resume_command(tmp_path: Path, compiled_cache: Path) -> None:
    """SIGINT (Ctrl-C) at a prompt: exit 130, the draft holds every answer, the resume command is printed."""
    code, err, draft = interrupted_intake(tmp_path, compiled_cache, signal.SIGINT)
    assert code == 130, err
    assert f"resume with: skilltool intake --resume {draft}" in err
    assert "Traceback" not in err
    assert json.loads(draft.read_text(encoding="utf-8"))["state"] == {
        "personal.client_ref": "T-0003",
        "personal.birth_year": 1999,
    }


class NoCandidates:
    """An occupation coder that finds nothing: the code question has nothing to ask."""

    def code(self, text: str, *, lang: str = "nl", top: int = 5) -> _SkillResult:
        return _SkillResult(text, True, [])


def test_back_passes_over_a_code_question_with_nothing_to_choose(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'<' after a title without candidates goes back to the title, not into an endless skip."""
    monkeypatch.setattr(profile_building.Coders, "occupation", property(lambda self: NoCandidates()))
    lines = ["T-0004", "-", "-", "-", "-"]  # personal
    lines += ["-", "no", "-", "-", "-"]  # languages
    lines += ["no"]  # education
    lines += ["yes", "bakker", "<", "kok", "-", "-", "-", "-", "no"]  # work: back from tasks to the title
    lines += (
        ["-", "-", "-", "-"] + ["-"] * 5 + ["-", "-"] + ["-", "-"]
    )  # skills, wishes, circumstances, notes
    out = tmp_path / "p.json"
    r = runner.invoke(app, ["intake", "--lang", "en", "--out", str(out)], input="\n".join(lines) + "\n")
    assert r.exit_code == 0, r.output
    profile = profile_files.read_profile(out)
    assert [w.title for w in profile.work] == ["kok"]
    assert profile.work[0].needs_review and profile.work[0].coded is None
    assert r.stderr.count("'bakker': no occupation code found") == 1


def test_without_out_the_profile_goes_to_stdout_and_no_draft_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No --out: the draft lives in the user data folder while asking, the profile is stdout's one JSON
    document, and the draft (personal data) is removed at the end."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(profile_building.Coders, "skill", property(lambda self: FakeSkillCoder()))
    r = runner.invoke(app, ["intake", "--lang", "en"], input="\n".join(SCRIPT) + "\n")
    assert r.exit_code == 0, r.output
    assert Profile.model_validate_json(r.stdout).personal.client_ref == "T-0001"
    drafts = tmp_path / "xdg" / "skilltool" / "drafts"
    assert "draft saved: " + str(drafts) in r.stderr
    assert drafts.is_dir() and not list(drafts.iterdir())


def test_config_switches_a_section_off(tmp_path: Path) -> None:
    """--config: a switched-off section is not part of the intake; answers for it are refused."""
    cfg = tmp_path / "cfg.yaml"
    cfg.write_text("disabled_sections: [circumstances]\n", encoding="utf-8")
    answers = tmp_path / "a.yaml"
    answers.write_text("personal: {client_ref: C-1}\ncircumstances: {care_duties: true}\n", encoding="utf-8")
    r = runner.invoke(app, ["intake", "--lang", "en", "--config", str(cfg), "--answers", str(answers)])
    assert r.exit_code == 1
    assert r.stderr.strip() == (
        f"error: {answers}: circumstances: not a question of this intake (typo, or a switched-off section?)"
    )
    answers.write_text("personal: {client_ref: C-1}\n", encoding="utf-8")
    r = runner.invoke(app, ["intake", "--config", str(cfg), "--answers", str(answers)])
    assert r.exit_code == 0, r.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("disabled_sections: [personal]\n", encoding="utf-8")
    r = runner.invoke(app, ["intake", "--config", str(bad), "--answers", str(answers)])
    assert r.exit_code == 1
    assert (
        r.stderr.strip() == f"fout: {bad}: disabled_sections: onderdeel 'personal' kan niet worden uitgezet"
    )
    r = runner.invoke(app, ["intake", "--lang", "en", "--config", str(bad), "--answers", str(answers)])
    assert r.stderr.strip() == f"error: {bad}: disabled_sections: section 'personal' cannot be switched off"


def test_resume_warns_when_the_questionnaire_changed(tmp_path: Path) -> None:
    """A draft made with another questionnaire version is resumed with a warning, not silently."""
    out = tmp_path / "p.json"
    runner.invoke(app, ["intake", "--out", str(out)], input="T-9\n")
    draft = out.with_name(out.name + ".draft.json")
    data = json.loads(draft.read_text(encoding="utf-8"))
    assert data["questionnaire_version"] == 1
    data["questionnaire_version"] = 99
    draft.write_text(json.dumps(data), encoding="utf-8")
    r = runner.invoke(app, ["intake", "--resume", str(draft)], input="")
    assert r.exit_code == 130
    assert "gemaakt met versie 99 van de vragenlijst, dit is versie 1" in r.stderr  # the draft's lang: nl
    assert "Klantreferentie" not in r.stderr  # the answered question is not asked again


def test_languages_speaks_the_chosen_language() -> None:
    """Issue 15: `intake languages` labels its table and lists in --lang (catalogue
    ``translation.*``): Dutch by default, English with --lang en, never both."""
    nl = runner.invoke(app, ["intake", "languages", "all"], env={"COLUMNS": "120"})
    en = runner.invoke(app, ["intake", "languages", "all", "--lang", "en"], env={"COLUMNS": "120"})
    assert nl.exit_code == 0 and en.exit_code == 0, nl.output + en.output
    assert "ar niet nagekeken (" in nl.stdout and "unreviewed (" not in nl.stdout
    assert "ar unreviewed (" in en.stdout and "niet nagekeken" not in en.stdout


def test_an_activity_as_the_job_title_says_what_to_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A client who answers the work question with what they did ("I welded gates") gets the
    occupation it reads as among the choices, with the note that it is an activity to check
    with the client (``coding_activity``), and no default choice (it is flagged)."""
    monkeypatch.setattr(profile_building.Coders, "skill", property(lambda self: FakeSkillCoder()))
    script = list(SCRIPT)
    script[script.index("lasser")] = "I welded gates"
    out = tmp_path / "p.json"
    r = runner.invoke(app, ["intake", "--lang", "en", "--out", str(out)], input="\n".join(script) + "\n")
    assert r.exit_code == 0, r.output
    assert "an activity, not a job title" in r.stderr
    profile = Profile.model_validate(json.loads(out.read_text(encoding="utf-8")))
    assert profile.work[0].coded is not None and profile.work[0].coded.isco == "7212"
