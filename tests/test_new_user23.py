"""What a new user met (user23): a caseworker, a municipal data team and a researcher, each from
the README and ``--help`` only, and the things user22 left. Each test pins one thing that stopped
or misled them (docs/python-api.md, "What a new user met (user23)")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

import skilltool
from skilltool import datafiles, messages, tightness
from skilltool.answer_parsing import AnswerError, parse_answer
from skilltool.cli import app
from skilltool.models.answers import IntakeAnswers
from skilltool.models.base import about_number
from skilltool.models.intake import Question
from skilltool.models.profile import TightnessRef

runner = CliRunner()
PERSONA = Path(__file__).parent.parent / "examples" / "personas" / "yemeni_fisherman_own_boat.json"

# a made-up client: Syria, Arabic, A2, no school, one job said in her own words
UP_TO_THE_JOB = [
    *["ZZ-23", "1985", "Syrië", "-", "-", "Arabisch", "nee", "A2", "-", "-"],
    *["nee", "ja", "brood en taarten bakken in de zaak van mijn oom"],
]


def _intake(tmp_path: Path, lang: str, answers: list[str]) -> tuple[str, dict[str, object]]:
    out = tmp_path / "p.json"
    r = runner.invoke(app, ["intake", "--lang", lang, "--out", str(out)], input="\n".join(answers) + "\n")
    draft = json.loads((tmp_path / "p.json.draft.json").read_text(encoding="utf-8"))
    return r.stdout + r.stderr, draft["state"]


# --- the caseworker: the picker's "keep the free text" said once -----------------------------------


@pytest.mark.parametrize(
    ("lang", "keep", "hint", "said_twice"),
    [
        (
            "nl",
            "  0 eigen omschrijving houden (geen code)",
            "nummer kiezen; Enter of - = later beoordelen",
            "0 = eigen",
        ),
        ("en", "  0 keep the free text (no code)", "pick a number; Enter or - = review later", "0 = keep"),
    ],
)
def test_the_picker_offers_the_free_text_once_as_0(
    tmp_path: Path, lang: str, keep: str, hint: str, said_twice: str
) -> None:
    """The picker listed "6 eigen omschrijving houden" and then "0 = eigen omschrijving" under it:
    one choice under two numbers. It is the row numbered 0, and the hint names only Enter and ``-``."""
    shown, state = _intake(tmp_path, lang, [*UP_TO_THE_JOB, "0"])
    assert keep in shown.splitlines(), shown
    assert hint in shown
    assert said_twice not in shown
    assert state["work.0.confirmed_uri"] == "free_text"


def test_the_number_after_the_candidates_is_no_longer_the_free_text(tmp_path: Path) -> None:
    """With the free text as 0, the number after the last candidate is not a hidden second way to
    it: it is refused, and the line says which numbers there are."""
    shown, state = _intake(tmp_path, "nl", [*UP_TO_THE_JOB, "6", "1"])
    assert "'6' is geen van de nummers; typ 1-5, 0 voor de eigen omschrijving" in shown, shown
    assert str(state["work.0.confirmed_uri"]).startswith("http://data.europa.eu/esco/")


# --- the caseworker and the data team: "circa 10" years -----------------------------------------------


@pytest.mark.parametrize(
    ("said", "number"),
    [
        ("circa 10", "10"),
        ("Ca. 2,5", "2,5"),
        ("ongeveer 8 jaar", "8"),
        ("about 10 years", "10"),
        ("~6", "6"),
        ("10+", "10"),
        ("12 jr", "12"),
        ("± 4", "4"),
    ],
)
def test_a_hedged_number_of_years_is_its_number(said: str, number: str) -> None:
    """Years of work are said as estimates ("circa 10"); the number said is the answer."""
    assert about_number(said) == number


@pytest.mark.parametrize("said", ["8-10", "tien", "circa", "10 kinderen", "circa 10 circa", "1e3"])
def test_what_is_no_single_number_is_left_as_it_is(said: str) -> None:
    """A range, a word or another unit is not made into a number: the parser refuses it as before."""
    assert about_number(said) == said


WORK_YEARS = Question.model_validate(
    {
        "id": "work.years",
        "type": "number",
        "text": {"nl": "Hoeveel jaar?", "en": "How many years?"},
        "help": {"nl": "Schatting mag.", "en": "An estimate is fine."},
        "min": 0,
        "max": 70,
    }
)


def test_the_intake_takes_circa_10_years_and_says_what_to_type_otherwise() -> None:
    """ "circa 10" was refused as "is geen getal", with nothing said about what to type."""
    assert parse_answer(WORK_YEARS, "circa 10", resolve_country=lambda _: None) == 10
    assert parse_answer(WORK_YEARS, "ongeveer 2,5 jaar", resolve_country=lambda _: None) == 2.5
    with pytest.raises(AnswerError) as refused:
        parse_answer(WORK_YEARS, "8 à 10", resolve_country=lambda _: None)
    assert refused.value.text("nl") == "'8 à 10' is geen getal; typ één getal, zoals 10 of 2,5"
    assert refused.value.text("en") == "'8 à 10' is not a number; type one number, such as 10 or 2.5"


def test_an_answers_file_and_a_batch_cell_take_circa_10_years() -> None:
    """The answer model (``--answers`` and every batch row) reads the same: ``years: circa 10``."""
    base = {"personal": {"client_ref": "ZZ-23"}}
    answers = IntakeAnswers.model_validate({**base, "work": [{"title": "bakker", "years": "circa 10"}]})
    assert answers.work[0].years == 10
    with pytest.raises(ValidationError) as refused:
        IntakeAnswers.model_validate({**base, "work": [{"title": "bakker", "years": "8 a 10"}]})
    reason = datafiles.validation_reason(refused.value.errors()[0])
    assert reason.render("nl") == "is geen getal; geef één getal, zoals 10 of 2,5"
    assert reason.render("en") == "is not a number; give one number, such as 10 or 2.5"


# --- several jobs in one answer: one list for all, said so ------------------------------------------


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "nl",
            "'schoenmaker, tuinman' lijkt 2 beroepen te noemen, gecodeerd als één antwoord. "
            "Eén lijst per beroep: skilltool occupation code schoenmaker tuinman",
        ),
        (
            "en",
            "'schoenmaker, tuinman' seems to name 2 occupations, coded as one answer. "
            "One list per occupation: skilltool occupation code schoenmaker tuinman",
        ),
    ],
)
def test_occupation_code_says_when_one_answer_names_several_jobs(lang: str, said: str) -> None:
    """Two jobs on one line gave one mixed list (or, among several titles, one best occupation)
    with nothing said; stderr now names the command that codes each on its own. stdout stays
    the candidates (one JSON document with ``--json``)."""
    for args in (
        ["schoenmaker, tuinman"],
        ["schoenmaker, tuinman", "kapper"],
        ["schoenmaker, tuinman", "--json"],
    ):
        r = runner.invoke(app, ["occupation", "code", *args, "--lang", lang])
        assert r.exit_code == 0, r.output
        assert said in r.stderr.splitlines(), r.stderr
        assert "schoenmaker" not in r.stderr.replace(said, "")
    r = runner.invoke(app, ["occupation", "code", "schoenmaker, tuinman", "--json"])
    assert json.loads(r.stdout)["input"] == "schoenmaker, tuinman"


@pytest.mark.parametrize("title", ["kok", "zagen, schuren, lakken en ophangen"])
def test_one_job_or_a_sentence_gets_no_several_jobs_note(title: str) -> None:
    """An exact name, or a list of tasks (more than three parts), is not said to name jobs."""
    r = runner.invoke(app, ["occupation", "code", title])
    assert r.exit_code == 0, r.output
    assert "beroepen te noemen" not in r.stderr


def test_the_intake_picker_asks_for_one_work_entry_per_job(tmp_path: Path) -> None:
    """In the intake the caseworker is told to pick the first job's code and add the other as the
    next work experience, before the list."""
    shown, _ = _intake(tmp_path, "nl", [*UP_TO_THE_JOB[:-1], "schoenmaker, tuinman", "0"])
    note = (
        "'schoenmaker, tuinman' lijkt 2 beroepen te noemen (schoenmaker · tuinman): kies hier de code"
        " van het eerste, en voeg elk ander toe als volgende werkervaring"
    )
    assert note in shown
    assert shown.index(note) < shown.index("  0 eigen omschrijving houden (geen code)")


# --- the wording of a tightness nobody published, and of a build that is current ---------------------


@pytest.mark.parametrize(
    ("lang", "full", "short"),
    [
        ("nl", "onbekend, nu en tot 2030", "krapte onbekend"),
        ("en", "unknown, now and to 2030", "tightness unknown"),
    ],
)
def test_a_tightness_unknown_now_and_to_2030_is_said_once(lang: str, full: str, short: str) -> None:
    """ "onbekend; tot 2030: onbekend" (and "lasser (onbekend, 2030: onbekend)" in summary.csv)
    said unknown twice, the first without saying what; a half that is known keeps its form."""
    assert tightness.text(TightnessRef(category="unknown"), lang) == full
    assert tightness.text(TightnessRef(category="unknown"), lang, short=True) == short
    half = TightnessRef(category="unknown", forecast="groot")
    assert tightness.text(half, "nl") == "onbekend; tot 2030: grote knelpunten (ROA)"
    assert tightness.text(half, "nl", short=True) == "onbekend, 2030: grote knelpunten"


def test_data_build_check_says_nothing_was_written_in_dutch() -> None:
    """ "data is bijgewerkt met de bronnen" after ``--check`` read as "has been updated", while
    ``--check`` writes nothing."""
    said = messages.t("data.up_to_date", "nl", target="data")
    assert said == "data is actueel: een nieuwe bouw uit de bronnen geeft dezelfde bestanden"
    assert "bijgewerkt" not in said


# --- a client language named in the caseworker's language ------------------------------------------


@pytest.mark.parametrize(("lang", "name"), [("nl", "Arabisch (العربية)"), ("en", "Arabic (العربية)")])
def test_intake_languages_names_a_language_in_the_caseworkers_language(lang: str, name: str) -> None:
    """The Dutch table listed "Arabic (العربية)", "Somali (Soomaali)": English in a Dutch page."""
    r = runner.invoke(app, ["intake", "languages", "--lang", lang], env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.output
    assert any(line.split()[0] == "ar" and name in line for line in r.stdout.splitlines()), r.stdout
    if lang == "nl":
        assert "Arabic" not in r.stdout and "Somali " not in r.stdout


@pytest.mark.parametrize(
    ("lang", "said"), [("nl", "Teksten in Arabisch (العربية)"), ("en", "in Arabic (العربية)")]
)
def test_the_reports_client_language_note_names_it_in_the_reports_language(
    lang: Literal["nl", "en"], said: str
) -> None:
    """A Dutch report's closing note said "Teksten in Arabic (العربية) zijn machinevertaald of ...":
    the language's English name in a Dutch sentence, and a machine translation the English note
    and the README do not claim (every draft was written by the developers)."""
    ref = skilltool.load_reference()
    profile = skilltool.read_profile(PERSONA)
    page = skilltool.render_report(profile, ref=ref, format="md", lang=lang, client_lang="ar")
    assert said in page
    assert "machinevertaald" not in page  # the English note, and the README, say who wrote them


# --- the data team: `batch template --out mapping.yaml` -------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("nl", "mapping.yaml: --out is de map waarin mapping.yaml, intakes.csv en intakes.xlsx komen, geen"),
        ("en", "mapping.yaml: --out is the folder that gets mapping.yaml, intakes.csv and intakes.xlsx, not"),
    ],
)
def test_batch_template_out_named_like_a_file_is_refused(tmp_path: Path, lang: str, said: str) -> None:
    """The batch's missing-column error says "`skilltool batch template --out MAP` writes one";
    ``--out mapping.yaml`` made a folder ``mapping.yaml/`` holding ``mapping.yaml``. It is one line
    naming the folder to give instead, and nothing is made."""
    out = tmp_path / "mapping.yaml"
    r = runner.invoke(app, ["batch", "template", "--out", str(out), "--lang", lang])
    assert r.exit_code == 2, r.output
    assert said in r.stderr and f"--out {tmp_path / 'mapping'}" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_batch_template_into_an_existing_folder_with_an_ending_still_works(tmp_path: Path) -> None:
    """Only a name not there yet is taken for a file meant: a folder that exists is written into."""
    out = tmp_path / "export.2026.csv"
    out.mkdir()
    r = runner.invoke(app, ["batch", "template", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert (out / "mapping.yaml").is_file()


def test_several_titles_show_top_candidates_each_when_top_is_given() -> None:
    """With several titles the table showed the best of each "whatever --top says"; given
    ``--top``, each title gets that many numbered rows. Without it: the best of each, as before."""
    r = runner.invoke(
        app, ["occupation", "code", "schoenmaker", "tuinman", "--top", "3"], env={"COLUMNS": "200"}
    )
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0].split()[:3] == ["invoer", "#", "beroep"]
    numbers = [
        line.split()[1] if line.startswith(("schoenmaker", "tuinman")) else line.split()[0]
        for line in lines[2:]
    ]
    assert numbers == ["1", "2", "3", "1", "2", "3"]
    plain = runner.invoke(app, ["occupation", "code", "schoenmaker", "tuinman"], env={"COLUMNS": "200"})
    assert plain.stdout.splitlines()[0].split()[:3] == ["invoer", "beste", "beroep"]
    assert len(plain.stdout.splitlines()) == 4  # header, rule, one row per title
