"""Answers that are not an occupation ("geen", "n.v.t.", "huisvrouw", "student", "retired"): no
code, a flag, and a per-answer problem saying what to ask instead, on every path that codes a
title (one title, stdin, the file job, an intake and a batch)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from typer.testing import CliRunner

from skilltool import batch, coding_situations, console, messages, profile_building, textnorm
from skilltool.cli import app
from skilltool.cli import intake as cli_intake
from skilltool.models.answers import IntakeAnswers
from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData
from tests.test_occupations_props import REPO_DATA

runner = CliRunner()

SAYS_NONE = ["geen", "Nee", "n.v.t.", "nvt", "niets", "None", "n/a", "no", "-", "--", "Niet van toepassing"]
NOT_WORK = ["huisvrouw", "Huisman", "student", "scholier", "werkloos", "gepensioneerd", "housewife"]
NOT_WORK += ["unemployed", "retired", "ik ben huisvrouw", "Ik ben met pensioen", "University student"]
FAMILY_CARE = ["ik zorgde voor mijn zieke vader", "voor onze kinderen gezorgd", "I looked after my kids"]
FAMILY_CARE += ["took care of my grandmother", "mijn kinderen opgevoed"]
NO_TITLE = ["ik werkte in Syrië", "gewerkt", "I worked in Iraq", "ervaring"]
# a study with its field: a status too (a medical student is no doctor; the field is education)
STUDYING = ["student geneeskunde", "studente rechten 3e jaar", "studying engineering at university"]
STUDYING += ["ik studeerde economie", "I studied law"]
# a situation: a status or "no work" with only its circumstances (who with, where, since when)
SITUATIONS = ["huisvrouw, drie kinderen", "jobless since the war", "secondary school student"]
SITUATIONS += ["vluchteling", "twee jaar in een kamp", "nooit gewerkt, na school gevlucht"]
SITUATIONS += ["twee jaar in een kamp, geen werk"]  # a status and "no work": the status
NO_WORK_SAID = ["no job since the war"]


@pytest.fixture
def coder(tiny_data: Path) -> OccupationCoder:
    return OccupationCoder.from_reference(ReferenceData(tiny_data))


@pytest.mark.parametrize(
    ("text", "code"),
    [(t, "says_none") for t in SAYS_NONE]
    + [(t, "not_work") for t in NOT_WORK + STUDYING + SITUATIONS]
    + [(t, "says_none") for t in NO_WORK_SAID]
    + [(t, "family_care") for t in FAMILY_CARE]
    + [(t, "no_title") for t in NO_TITLE],
)
def test_the_answer_is_not_coded_and_says_why(coder: OccupationCoder, text: str, code: str) -> None:
    """No candidate at all (nothing a caseworker could accept unchecked), flagged, and the problem
    in the coding language; ``code`` and ``code_many`` agree."""
    for lang in ("nl", "en"):
        result = coder.code(text, lang=lang)
        assert result.candidates == [] and result.needs_review, result
        assert result.problem == messages.t(f"coding.problem.{code}", lang)
        assert coder.code_many([text, "lasser"], lang=lang)[0] == result


@pytest.mark.parametrize(
    "text",
    [
        "student tutor",  # a role after the study: a job, coded (flagged)
        "student-assistent",
        "gepensioneerd lasser",
        "lasser, geen diploma",
        "nee lasser",
        "zorgde voor kinderen bij mij thuis",  # no possessive: may be a childminder's paid work
        "I cared for elderly people",
        "kok in het kamp",  # paid work in a camp is work
        "teacher in a refugee camp",
        "werkloos, was lasser",
        "camp security",
    ],
)
def test_a_title_that_contains_such_a_word_is_still_coded(coder: OccupationCoder, text: str) -> None:
    """Whole answers only: a title with a job next to the word is coded as a title."""
    assert coding_situations.not_an_occupation(text, textnorm.tokens(textnorm.normalize(text))) is None
    problems = {messages.t(f"coding.problem.{c}", "nl") for c in ("says_none", "not_work", "family_care")}
    assert coder.code(text, lang="nl").problem not in problems


def test_the_problems_say_what_to_do_in_both_languages() -> None:
    """Each problem tells the caseworker to ask for the last paid job or to record no work experience."""
    assert "last paid job" in messages.t("coding.problem.says_none", "en")
    assert "no work experience" in messages.t("coding.problem.not_work", "en")
    assert "laatste betaalde werk" in messages.t("coding.problem.says_none", "nl")
    assert "geen werkervaring" in messages.t("coding.problem.not_work", "nl")
    assert "last paid job" in messages.t("coding.problem.family_care", "en")
    assert "laatste betaalde werk" in messages.t("coding.problem.family_care", "nl")
    assert "what the job was" in messages.t("coding.problem.no_title", "en")


def _index_phrases(ref: ReferenceData) -> set[str]:
    """Every ESCO label, alias and CBS title of the committed data as the coder's words."""
    names = [
        name
        for occ in ref.occupations.occupations
        for lang in ("nl", "en")
        for name in (occ.label.get(lang), *getattr(occ.alt, lang), *getattr(occ.hidden, lang))
    ]
    names += [alias.alias for alias in ref.occupation_aliases.aliases]
    names += [title for isco in ref.cbs_title_index.by_isco for title in ref.cbs_title_index.titles(isco)]
    return {" ".join(textnorm.tokens(textnorm.normalize(name))) for name in names if name}


def test_no_listed_answer_is_a_title_the_coder_knows() -> None:
    """A word in SAYS_NONE or NOT_WORK must not be an occupation's name in ESCO, the aliases or CBS's
    index (CBS codes "mantelzorger", for instance, so it is not listed): the lists only catch
    answers that no source calls an occupation."""
    known = _index_phrases(ReferenceData(REPO_DATA))
    assert not (coding_situations.SAYS_NONE | coding_situations.NOT_WORK) & known
    assert not coding_situations.SAYS_NONE & coding_situations.NOT_WORK


def test_cli_one_title_json_and_stdin_one_line_each(tiny_data: Path) -> None:
    """`occupation code geen --json` gives a JSON line without candidates and the warning; on stdin
    each input line keeps its own JSON line and problem, and the real title between them codes."""
    r = runner.invoke(app, ["--data-dir", str(tiny_data), "occupation", "code", "geen", "--json"])
    assert r.exit_code == 0, r.output
    line = json.loads(r.stdout)
    assert line["candidates"] == [] and line["needs_review"]
    assert line["problem"] == messages.t("coding.problem.says_none", "nl")
    stdin = "huisvrouw\nlasser\n-\nretired\n"
    args = ["--data-dir", str(tiny_data), "occupation", "code", "--json", "--lang", "en", "--workers", "1"]
    r = runner.invoke(app, args, input=stdin)
    assert r.exit_code == 0, r.output
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert len(lines) == 4
    not_work, says_none = (messages.t(f"coding.problem.{c}", "en") for c in ("not_work", "says_none"))
    assert [x["problem"] for x in lines] == [not_work, None, says_none, not_work]
    assert [bool(x["candidates"]) for x in lines] == [False, True, False, False]
    assert lines[1]["candidates"][0]["isco"] == "7212"


def test_file_job_leaves_the_cells_empty_with_the_problem(tiny_data: Path, tmp_path: Path) -> None:
    """The file coding job: no candidate columns for these answers, review yes and the problem."""
    src = tmp_path / "t.csv"
    src.write_text("id;functie\n1;lasser\n2;n.v.t.\n3;huisvrouw\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    args = [
        "--data-dir",
        str(tiny_data),
        "occupation",
        "code",
        "-i",
        str(src),
        "--column",
        "functie",
        "-o",
        str(out),
    ]
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert rows[0]["occupation_1_isco"] == "7212"
    for row, code in zip(rows[1:], ("says_none", "not_work"), strict=True):
        assert row["occupation_1_isco"] == "" and row["occupation_1_uri"] == ""
        assert row["occupation_needs_review"] in ("true", "True", "ja", "yes", "1")
        assert row["occupation_problem"] == messages.t(f"coding.problem.{code}", "nl")


def test_intake_profile_keeps_no_occupation_for_such_answers() -> None:
    """An intake's work entry "huisvrouw" or "geen" gets no occupation code, and is flagged."""
    answers = IntakeAnswers.model_validate(
        {
            "personal": {"client_ref": "t-1", "country_of_origin": "SY"},
            "work": [{"title": "huisvrouw", "country": "SY"}, {"title": "geen"}, {"title": "lasser"}],
        }
    )
    profile = profile_building.complete_profile(answers, ref=ReferenceData(REPO_DATA), lang="nl")
    home, none, welder = profile.work
    for entry in (home, none):
        assert entry.coded is None and entry.alternatives == [] and entry.needs_review
    assert welder.coded is not None and welder.coded.isco == "7212"


EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "batch" / "intakes.csv"


@pytest.mark.usefixtures("real_data_env")
def test_batch_row_with_a_status_for_a_job_has_no_occupation(tmp_path: Path) -> None:
    """A batch row whose first job is "huisvrouw" and second "geen": neither becomes an occupation."""
    with EXAMPLE.open(encoding="cp1252", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    row = rows[0] | {"beroep_1": "huisvrouw", "beroep_2": "geen"}
    src = tmp_path / "in.csv"
    with src.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(row), delimiter=";")
        writer.writeheader()
        writer.writerow(row)
    job = batch.prepare(src, out=tmp_path / "out", workers=1, lang="nl")
    batch.run(job)
    profile = json.loads((tmp_path / "out" / "profiles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    titles = {work["title"]: work for work in profile["work"]}
    for title in ("huisvrouw", "geen"):
        assert titles[title].get("coded") is None and titles[title]["needs_review"], titles[title]


def test_the_interactive_intake_shows_the_problem(tiny_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The intake's occupation step: no candidates to pick from, and the caseworker reads what to
    ask instead (not only "no code found")."""
    shown: list[str] = []
    monkeypatch.setattr(console, "note", lambda message, **_: shown.append(message))
    prompt = cast(Any, SimpleNamespace(context={"title": "huisvrouw"}))
    coders = profile_building.Coders(ReferenceData(tiny_data))
    answer = cli_intake._pick_occupation(prompt, lang="en", coders=coders, header=None)
    assert answer is cli_intake._NOTHING_TO_ASK
    assert shown[-1] == messages.t("coding.problem.not_work", "en")
    shown.clear()
    cli_intake._pick_occupation(prompt, lang="en", coders=coders, header=None, quiet=True)
    assert shown == []
