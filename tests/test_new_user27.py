"""What a new user met (user27): a caseworker, a municipal data team and a researcher, each from
the README and ``--help`` only, and what user26 left. Each test pins one thing that stopped or
misled them (docs/python-api.md, "What a new user met (user27)")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import skilltool
from skilltool import console, intake_engine, intake_script, intake_session, messages, profile_answers
from skilltool.cli import app
from skilltool.models import Profile
from skilltool.models.intake import CLIENT_LANGS

from .conftest import REPO

runner = CliRunner()
WELDER = REPO / "examples" / "answers" / "eritrea-welder.yaml"
PERSONAS = sorted((REPO / "examples" / "personas").glob("*.json"))
ENTER = "\n" * 200  # more than the questions: an Enter keeps each earlier answer


def _answers(profile: Profile) -> dict[str, object]:
    """A profile's answers as the reopened interview offers them, without what only differs by run."""
    return profile_answers.answers_of(profile)


def _finished(tmp_path: Path) -> Path:
    out = tmp_path / "ZW.json"
    r = runner.invoke(app, ["intake", "--answers", str(WELDER), "--out", str(out)])
    assert r.exit_code == 0, r.output
    return out


# --- the caseworker: a finished intake reopened to correct an answer -------------------------------


def test_every_example_profile_gives_answers_the_questionnaire_takes() -> None:
    """``answers_of`` turns a profile back into answers; every example persona's pass the
    questionnaire's checks as an answers file's would (a value the profile holds in another form
    than the question takes, a country code, a sector id, a language code, failed here)."""
    ref = skilltool.load_reference()
    questionnaire = intake_script.load_questionnaire(ref)
    for path in PERSONAS:
        profile = skilltool.read_profile(path)
        flat = intake_session.earlier_answers(questionnaire, profile, source=str(path))
        assert flat["personal.client_ref"] == profile.personal.client_ref
        assert sum(1 for k in flat if k.endswith(".title")) == len(profile.work), path.name


@pytest.mark.parametrize("path", PERSONAS[::40], ids=lambda p: p.stem)
def test_a_profile_made_again_from_its_answers_gives_the_same_answers(path: Path) -> None:
    """Profile -> answers -> profile -> answers is a fixed point: nothing the caseworker typed is
    lost or changed by reopening (codes the tool chose itself are made again, not kept as
    confirmed). From the second round: an example made by an older version holds a sector as
    typed ('bouw') where a profile made now holds its id."""
    ref = skilltool.load_reference()
    questionnaire = intake_script.load_questionnaire(ref)

    def again(profile: Profile) -> Profile:
        answers = intake_engine.run_from_file(
            questionnaire, profile_answers.answers_of(profile), source=path.name
        )
        return skilltool.complete_profile(answers, ref=ref, lang=profile.texts_lang or "nl")

    first = again(skilltool.read_profile(path))
    assert _answers(again(first)) == _answers(first)


def test_resume_of_a_finished_profile_reopens_it_with_every_answer_as_the_default(tmp_path: Path) -> None:
    """A finished intake could not be reopened (``--resume PROFILE.json``: "is dit wel een
    intakeconcept?"), so one wrong answer meant the whole interview again. Now each question
    shows the answer given then; Enter keeps it, a new one corrects it; the profile is written
    again over the old one and the reopening's draft is removed."""
    out = _finished(tmp_path)
    before = Profile.model_validate_json(out.read_text(encoding="utf-8"))
    r = runner.invoke(app, ["intake", "--resume", str(out)], input="\n1990" + ENTER)
    assert r.exit_code == 0, r.output
    assert messages.t("intake.reopened", "nl", path=out, out=out) in r.stderr
    assert "> (1996): " in r.stderr  # the birth year offered as it was
    after = Profile.model_validate_json(out.read_text(encoding="utf-8"))
    assert after.personal.birth_year == 1990
    want = _answers(before)
    want["personal"]["birth_year"] = 1990  # type: ignore[index]
    got = _answers(after)
    # an Enter on a code the tool was sure of confirms it, as in a first interview
    for w in got["work"]:  # type: ignore[attr-defined]
        w["confirmed_uri"] = None
    assert got == want
    assert not out.with_name(out.name + ".draft.json").exists()


def test_a_choice_offered_again_is_offered_by_its_number(tmp_path: Path) -> None:
    """A choice given before was offered as its value, ``(no)`` under "1 Ja / 2 Nee / 3 Zeg ik
    liever niet": the number the list shows is offered instead."""
    out = _finished(tmp_path)
    r = runner.invoke(app, ["intake", "--resume", str(out)], input=ENTER)
    assert r.exit_code == 0, r.output
    assert "3 Zeg ik liever niet" in r.stderr
    assert "> (2): " in r.stderr and "> (no): " not in r.stderr


def test_a_reopening_interrupted_keeps_the_earlier_answers_for_its_resume(tmp_path: Path) -> None:
    """Ctrl-C (here: the input ending) in the middle of a reopened intake saves its draft; resuming
    that draft still offers the answers of the profile for the questions not yet passed."""
    out = _finished(tmp_path)
    titles = [w.title for w in Profile.model_validate_json(out.read_text(encoding="utf-8")).work]
    r = runner.invoke(app, ["intake", "--resume", str(out)], input="\n\n\n")
    assert r.exit_code == 130, r.output
    draft = out.with_name(out.name + ".draft.json")
    saved = json.loads(draft.read_text(encoding="utf-8"))
    assert saved["earlier"]["personal.municipality"] == "Zwolle"
    again = runner.invoke(app, ["intake", "--resume", str(out)], input=ENTER)
    assert again.exit_code == 1 and str(draft) in again.stderr  # the unfinished reopening, named
    r = runner.invoke(app, ["intake", "--resume", str(draft)], input=ENTER)
    assert r.exit_code == 0, r.output
    after = Profile.model_validate_json(out.read_text(encoding="utf-8"))
    assert after.personal.municipality == "Zwolle"
    assert [w.title for w in after.work] == titles and len(titles) == 3  # the example's three jobs, kept
    assert not draft.exists()


def test_a_file_neither_draft_nor_profile_still_says_so(tmp_path: Path) -> None:
    """Only a valid profile is reopened: another JSON file keeps the draft's error."""
    other = tmp_path / "x.json"
    other.write_text('{"a": 1}', encoding="utf-8")
    r = runner.invoke(app, ["intake", "--resume", str(other)], input=ENTER)
    assert r.exit_code == 1
    assert "intakeconcept" in r.stderr and len(r.stderr.strip().splitlines()) == 1


# --- intake languages: the table; the ids on request -----------------------------------------------


def test_intake_languages_prints_the_table_and_names_the_ids_on_request() -> None:
    """``intake languages`` printed every missing and unreviewed id of every language under its
    table, 386 lines; now the table and one line saying how to list one language's ids."""
    r = runner.invoke(app, ["intake", "languages"], env={"COLUMNS": "120"})
    assert r.exit_code == 0, r.output
    assert len(r.stdout.splitlines()) < 20
    assert "niet nagekeken (" not in r.stdout
    assert "skilltool intake languages LANG" in r.stdout
    one = runner.invoke(app, ["intake", "languages", "ti", "--lang", "en"], env={"COLUMNS": "120"})
    assert one.exit_code == 0, one.output
    assert "ti missing (" in one.stdout and "ar missing (" not in one.stdout
    every = runner.invoke(app, ["intake", "languages", "all", "--lang", "en"], env={"COLUMNS": "120"})
    assert all(f"{code} unreviewed (" in every.stdout for code in CLIENT_LANGS)
    js = runner.invoke(app, ["intake", "languages", "so", "--json"])
    assert [s["lang"] for s in json.loads(js.stdout)] == ["so"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_intake_languages_refuses_an_unknown_language_in_one_line(lang: str) -> None:
    """A language that is not a client language is a usage error (exit 2) naming the ones there are."""
    r = runner.invoke(app, ["intake", "languages", "xx", "--lang", lang])
    assert r.exit_code == 2
    assert r.stderr.strip() == "{}: {}".format(
        "fout" if lang == "nl" else "error",
        messages.t("usage.languages_lang", lang, given="'xx'", choices=", ".join(CLIENT_LANGS)),
    )


# --- --lang as people write it ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "want"),
    [
        ("NL", "nl"),
        ("nl-NL", "nl"),
        ("dutch", "nl"),
        ("Nederlands", "nl"),
        ("EN", "en"),
        ("en_GB.UTF-8", "en"),
        ("Engels", "en"),
        ("english", "en"),
    ],
)
def test_lang_is_read_as_people_spell_it(given: str, want: str) -> None:
    """``--lang NL``, ``nl-NL`` or ``dutch`` was a usage error ("'NL' is geen van 'nl', 'en'"),
    and ``SKILLTOOL_LANG=EN`` spoke Dutch: a language code in capitals, with its country, or the
    language's name in Dutch or English is the language."""
    head = "qualification" if want == "en" else "diploma"
    r = runner.invoke(app, ["diploma", "levels", "--lang", given])
    assert r.exit_code == 0, r.output
    assert r.stdout.split()[1] == head
    r = runner.invoke(app, ["diploma", "levels", f"--lang={given}"])
    assert r.exit_code == 0, r.output
    assert r.stdout.split()[1] == head
    r = runner.invoke(app, ["diploma", "levels"], env={"SKILLTOOL_LANG": given})
    assert r.exit_code == 0, r.output
    assert r.stdout.split()[1] == head
    r = runner.invoke(app, ["suggest", "--lang", given, "--help"])
    assert r.stdout.startswith("Usage:" if want == "en" else "Gebruik:")


def test_a_language_the_tool_does_not_speak_is_still_a_usage_error() -> None:
    """``--lang fr`` stays a usage error (exit 2); only spellings of nl and en are read."""
    r = runner.invoke(app, ["diploma", "levels", "--lang", "fr"])
    assert r.exit_code == 2
    assert "'fr'" in r.stderr


# --- the data team: the summary of a large batch -----------------------------------------------------


@pytest.mark.parametrize(("lang", "want"), [("nl", ("3.000", "29,5")), ("en", ("3,000", "29.5"))])
def test_number_is_written_as_the_reader_writes_it(lang: str, want: tuple[str, str]) -> None:
    """``messages.number``: Dutch groups thousands with a point and uses a decimal comma."""
    assert (messages.number(3000, lang), messages.number(29.49, lang, digits=1)) == want
    assert messages.number(999, lang) == "999"
    assert messages.number(1_234_567, lang) == ("1.234.567" if lang == "nl" else "1,234,567")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_large_batchs_counts_read_in_the_readers_language(
    tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 3,000-row batch ended with "Rijen gelezen 3,000" and "Seconden 29.5" in Dutch (read as
    three rows and 295 seconds), and report.html showed the same: both write the counts as the
    reader's language does."""
    from collections import Counter

    from skilltool import batch_report
    from skilltool.cli.batch import _show_run
    from skilltool.models.batch import BatchManifest

    out = tmp_path / "o"
    r = runner.invoke(app, ["batch", str(REPO / "examples" / "batch" / "intakes.csv"), "--out", str(out)])
    assert r.exit_code == 0, r.output
    manifest = BatchManifest.model_validate_json((out / "manifest.json").read_text(encoding="utf-8"))
    counts = manifest.counts.model_copy(
        update={"rows_read": 3000, "rows_written": 2048, "rows_rejected": 952}
    )
    manifest = manifest.model_copy(
        update={"counts": counts, "timings": manifest.timings.model_copy(update={"total": 29.5})}
    )
    html = batch_report.render(manifest, {"review": Counter()}, lang=lang)
    read, seconds = ("3.000", "29,5") if lang == "nl" else ("3,000", "29.5")
    assert f">{read}<" in html
    lines: list[str] = []
    monkeypatch.setattr(console, "key_values", lambda rows: lines.extend(f"{k} {v}" for k, v in rows))
    _show_run(out, manifest, as_json=False, lang=lang)
    assert f"{messages.t('batch.rows_read', lang)} {read}" in lines
    assert f"{messages.t('batch.seconds', lang)} {seconds}" in lines


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_root_help_names_the_exit_codes_and_where_the_data_versions_are(lang: str) -> None:
    """Only ``batch`` and ``data diff`` named their exit codes; a caseworker or a script writer
    reading ``skilltool --help`` had no word of 1, 2 or 130. The root help names those of the
    README's table ("Output and exit codes") and where to see the data versions."""
    r = runner.invoke(app, ["--help"], env={"SKILLTOOL_LANG": lang, "COLUMNS": "400"})
    assert r.exit_code == 0, r.output
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Output and exit codes") :].split("\n\n")[2]
    codes = [line.split("|")[1].strip() for line in table.splitlines()[2:]]
    assert codes[:5] == ["0", "1", "2", "3", "130"]
    text = " ".join(r.stdout.split())  # the help is wrapped at the terminal's width
    said = text[text.index("Afsluitcodes:" if lang == "nl" else "Exit codes:") :]
    said = said[: said.index("skilltool data info")]
    assert all(f" {code} " in said for code in codes[:5])


@pytest.mark.parametrize(("lang", "shown"), [("nl", "1.500 (100%)"), ("en", "1,500 (100%)")])
def test_report_html_bars_and_print_fit_an_a4_page(tmp_path: Path, lang: str, shown: str) -> None:
    """report.html's bars wrote 1,500 in a Dutch page, and its print styles set no page size and
    kept each chart 700 px wide: on A4 with 15 mm margins (about 680 px) the counts at the bars'
    right end were cut. The counts follow the page's language; printed, the page is A4 and a
    chart scales to the page's width (it has a viewBox)."""
    from collections import Counter

    from skilltool import batch_report
    from skilltool.models.batch import BatchManifest

    out = tmp_path / "o"
    r = runner.invoke(app, ["batch", str(REPO / "examples" / "batch" / "intakes.csv"), "--out", str(out)])
    assert r.exit_code == 0, r.output
    manifest = BatchManifest.model_validate_json((out / "manifest.json").read_text(encoding="utf-8"))
    html = batch_report.render(manifest, {"country": Counter({"SY": 1500})}, lang=lang)
    assert f">{shown}</text>" in html and f"<td>{shown}</td>" in html
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "@page{size:A4;margin:15mm}" in style
    printed = style.split("@media print{", 1)[1]
    assert "svg{max-width:100%;height:auto}" in printed
    assert 'viewBox="0 0 700 ' in html
