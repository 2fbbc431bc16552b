"""What a new user met (user21): a caseworker, a municipal data team and a researcher, each from a
fresh clone with the README and ``--help`` only, and the two things user20 left alone. Each test
pins one thing that stopped or misled them (docs/python-api.md, "What a new user met (user21)")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

import skilltool
from skilltool import answer_parsing, batch_mapping, messages
from skilltool.cli import app
from skilltool.errors import SkilltoolError
from skilltool.label_index import LabelIndex
from skilltool.models import Profile, Text
from skilltool.models.answers import IntakeAnswers
from skilltool.models.batch import ColumnMapping
from skilltool.models.intake import Question
from skilltool.occupations import SkillCoder
from skilltool.reference import ReferenceData

runner = CliRunner()
GERMAN = "4812a4ea-dc55-4dc6-b9b0-4a59bba2c647"  # ESCO: German (the language)
SEW = "a3ef84f9-c436-437a-bc6f-4956ae13e1eb"  # ESCO: sew pieces of fabric (English label only)


@pytest.fixture(scope="module")
def ref() -> ReferenceData:
    return skilltool.load_reference()


@pytest.fixture(scope="module")
def skills(ref: ReferenceData) -> SkillCoder:
    return SkillCoder.from_reference(ref)


def _work_step_reason(profile: Profile) -> Text:
    step = next(s for s in profile.next_steps if s.action == "work_experience")
    assert isinstance(step.reason, Text)
    return step.reason


# --- user20's leftovers: work kept as free text, and a word's tail read as a language -------------

WISHES = {"occupations": ["helpende in een verpleeghuis"], "sectors": ["zorg"], "hours_per_week": 32}


def _answers(work: list[dict[str, object]]) -> dict[str, object]:
    return {
        "personal": {"client_ref": "TST-21", "birth_year": 1990, "country_of_origin": "SY"},
        "languages": {"mother_tongues": ["Arabisch"], "dutch_cefr": "A1"},
        "work": work,
        "wishes": WISHES,
    }


def test_work_kept_as_free_text_is_not_called_no_work_experience(ref: ReferenceData) -> None:
    """Six years of work the caseworker kept as free text (no code) made the plan's work-experience
    step say "No work experience is recorded yet": it says the recorded work has no code yet, so the
    suggestions do not build on it; with no work at all the old sentence stays."""
    said = [{"title": "hielp de buren met van alles", "keep_free_text": True, "years": 6, "kind": "informal"}]
    kept = skilltool.complete_profile(_answers(said), ref=ref, lang="nl")
    assert kept.work and kept.work[0].coded is None
    reason = _work_step_reason(kept)
    assert reason.key == "suggest.s_work_reason_uncoded"
    assert "geen beroepscode" in reason.render("nl") and "no occupation code" in reason.render("en")
    assert "nog geen werkervaring" not in reason.render("nl")
    nothing = skilltool.complete_profile(_answers([]), ref=ref, lang="nl")
    assert _work_step_reason(nothing).key == "suggest.s_work_reason_none"


@pytest.mark.parametrize("text", ["zelfstandig timmerman", "brandweerman", "bouwtimmerman"])
def test_a_word_ending_in_a_language_tail_is_no_language(skills: SkillCoder, text: str) -> None:
    """*timmerman* was split into *timme* + *rman*, and *rman* is the stem of *german* (the stem
    takes a prefix *ge-* off): a carpenter was offered the skill German (57), a fire fighter German
    at 83. A head of four letters found by its stem alone now stands for Dutch words that begin as
    it does only."""
    found = [c.skill_id for c in skills.code(text, lang="nl").candidates]
    assert GERMAN not in found


def test_the_carpenter_keeps_carpentry(skills: SkillCoder) -> None:
    """What the carpenter said is still found: carpentry, now first and alone."""
    first = skills.code("zelfstandig timmerman", lang="nl").candidates[0]
    assert first.label == "carpentry"


def test_a_short_head_stands_for_a_dutch_word_that_begins_alike() -> None:
    """The rule in a tiny index: *ziekenhuis* still splits into *zieken* + *huis* (a Dutch word of
    that stem, *huizen*), but *handelaar* no longer reaches the English *larder* through *laar*;
    the occupation coder's index (``heads_alike`` off) splits as before."""
    entries = [(0, "huizen schoonmaken", 1.0, "nl"), (1, "larder", 1.0, "en"), (2, "german", 1.0, "en")]
    skill_index = LabelIndex(entries, heads_alike=True)
    assert skill_index._split("ziekenhuis") == ["zieken", "huis"]
    assert skill_index._split("handelaar") == []
    assert skill_index._split("timmerman") == []
    assert LabelIndex(entries)._split("timmerman") == ["timme", "rman"]


@pytest.mark.parametrize(("lang", "words"), [("nl", "zeg het in het Engels"), ("en", "say it in English")])
def test_no_skill_found_does_not_only_blame_the_spelling(skills: SkillCoder, lang: str, words: str) -> None:
    """A Dutch skill spelt right ("deeg kneden") found nothing, and the coder said "check the
    spelling": most ESCO skills have an English name only, so it says to try English too."""
    result = skills.code("deeg kneden", lang=lang)
    assert not result.candidates
    assert result.problem is not None and words in result.problem


# --- the data team's own export --------------------------------------------------------------------


def _mapping(groups: dict[str, object] | None = None) -> ColumnMapping:
    return ColumnMapping.model_validate(
        {
            "version": 1,
            "required": ["Klant ID"],
            "fields": {
                "personal.client_ref": "Klant ID",
                "personal.birth_year": "Geboortedatum",
                "languages.dutch_cefr": "NT2",
                "wishes.hours_per_week": "Uren",
                "skills.driving_licences": {"column": "Rijbewijs", "split": ","},
            },
            "groups": groups or {},
        }
    )


HEADER = ["Klant ID", "Geboortedatum", "NT2", "Uren", "Rijbewijs", "Opleiding", "Land opleiding"]


def _compiled(groups: dict[str, object] | None = None) -> batch_mapping.CompiledMapping:
    return batch_mapping.compile_mapping(
        _mapping(groups), HEADER, source="export.xlsx", mapping_name="m.yaml"
    )


@pytest.mark.parametrize("cell", ["1986-04-02", "02-04-1986", "2-4-1986", "1986-04-02 00:00:00", "1986"])
def test_a_birth_date_gives_its_year(cell: str) -> None:
    """A case system exports "Geboortedatum": every row was refused ("not a whole number", or for a
    workbook's date "a year typed into a date column"). The birth-year column takes a date and
    keeps its year only, as the profile does."""
    answers = batch_mapping.row_to_answers(["K-1", cell, "", "", "", "", ""], _compiled())
    assert answers.personal.birth_year == 1986


def test_a_year_typed_into_a_date_column_is_still_said() -> None:
    """A year typed into a workbook column formatted as a date is day 1986 since 1900 (in 1905):
    no birth date, and the refusal still says what happened."""
    from skilltool.xlsx import ValueCell

    with pytest.raises(batch_mapping.RowError) as caught:
        batch_mapping.row_to_answers(["K-1", ValueCell("1905-06-08"), "", "", "", "", ""], _compiled())
    assert "1905" in caught.value.reason


def test_a_birth_date_in_a_workbook_goes_through(tmp_path: Path) -> None:
    """End to end: an .xlsx whose birth column holds real dates gives profiles with the year."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    sheet.append(["K-000101", dt.datetime(1986, 4, 2), "A2", 32, "B", None, None])
    book.save(tmp_path / "export.xlsx")
    (tmp_path / "m.yaml").write_text(
        yaml.safe_dump(_mapping().model_dump(exclude_defaults=True)), encoding="utf-8"
    )
    r = runner.invoke(
        app,
        [
            "-q",
            "batch",
            str(tmp_path / "export.xlsx"),
            "--mapping",
            str(tmp_path / "m.yaml"),
            "--out",
            str(tmp_path / "o"),
        ],
    )
    assert r.exit_code == 0, r.output
    assert '"birth_year":1986' in (tmp_path / "o" / "profiles.jsonl").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_row_with_several_problems_names_every_column(lang: str) -> None:
    """errors.csv said "(+2 more)" after the first problem: which columns, the data team had to find
    out one run at a time. The reason names the other problems' columns (names, never values)."""
    with pytest.raises(batch_mapping.RowError) as caught:
        batch_mapping.row_to_answers(
            ["K-1", "", "B1 (lezen A2)", "circa 30", "BX", "", ""], _compiled(), lang=lang
        )
    reason = caught.value.reason
    assert caught.value.field in ("NT2", "Uren", "Rijbewijs")
    others = {"NT2", "Uren", "Rijbewijs"} - {caught.value.field}
    assert all(column in reason for column in others)
    assert ("+2 meer, in " if lang == "nl" else "+2 more, in ") in reason
    assert "circa" not in reason and "lezen" not in reason


@pytest.mark.parametrize("said", ["geen", "Geen", "none", "nee"])
def test_no_driving_licence_said_in_words(said: str) -> None:
    """ "geen" in a licence column (and typed in the interview) was refused as no EU category:
    it is no licence."""
    answers = batch_mapping.row_to_answers(["K-1", "", "", "", said, "", ""], _compiled())
    assert answers.skills.driving_licences == []
    assert (
        IntakeAnswers.model_validate(
            {"personal": {"client_ref": "x"}, "skills": {"driving_licences": [said]}}
        ).skills.driving_licences
        == []
    )


def test_a_licence_list_with_none_in_it_is_still_refused() -> None:
    """Only the answer that is "none" as a whole: "B, geen" is still a mistake to correct."""
    with pytest.raises(ValueError, match="EU driving licence"):
        IntakeAnswers.model_validate(
            {"personal": {"client_ref": "x"}, "skills": {"driving_licences": ["B", "geen"]}}
        )


def test_one_numbered_entry_takes_its_columns_by_their_names() -> None:
    """An export with one diploma column ("Opleiding", "Land opleiding") could not be mapped: a
    numbered group asked for '{n}' in every column. ``numbered: 1`` takes the names as they are."""
    groups: dict[str, object] = {
        "education": {"numbered": 1, "fields": {"qualification": "Opleiding", "country": "Land opleiding"}}
    }
    answers = batch_mapping.row_to_answers(
        ["K-1", "", "", "", "", "Baccalaureate", "Syrië"], _compiled(groups)
    )
    assert [(e.qualification, e.country) for e in answers.education] == [("Baccalaureate", "SY")]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_two_numbered_entries_still_need_n_and_the_refusal_says_the_way_out(lang: str) -> None:
    """With ``numbered: 2`` a column without '{n}' is still refused, and the line says how to map one."""
    groups: dict[str, object] = {"education": {"numbered": 2, "fields": {"qualification": "Opleiding"}}}
    with pytest.raises(SkilltoolError) as caught:
        _compiled(groups)
    assert "numbered: 1" in caught.value.render(lang)


def test_the_messages_are_in_both_languages() -> None:
    """Every key this review added has its Dutch and its English text."""
    for key in ("suggest.s_work_reason_uncoded", "errors.row_more"):
        nl, en = messages.catalogue("nl")[key], messages.catalogue("en")[key]
        assert nl and en and nl != en


# --- the caseworker's report ------------------------------------------------------------------------


def _baker(ref: ReferenceData) -> Profile:
    answers = {
        "personal": {"client_ref": "TST-21B"},
        "work": [{"title": "bakker", "years": 3, "kind": "family_business"}],
        "skills": {"free_text": ["kleding naaien"], "confirmed": {"kleding naaien": SEW}},
    }
    return skilltool.complete_profile(answers, ref=ref, lang="nl")


def test_a_confirmed_skill_shows_the_skill_picked(ref: ReferenceData) -> None:
    """The caseworker picked "sew pieces of fabric" for "kleding naaien" in the interview; the
    report said only "kleding naaien (bevestigd door klantmanager)", not what it was coded to."""
    md = skilltool.render_report(_baker(ref), ref=ref, lang="nl", format="md")
    assert "kleding naaien (bevestigd door klantmanager: sew pieces of fabric)" in md
    en = skilltool.render_report(_baker(ref), ref=ref, lang="en", format="md")
    assert "kleding naaien (confirmed by caseworker: sew pieces of fabric)" in en


def test_english_skill_names_in_a_dutch_report_are_said_to_be_english(ref: ReferenceData) -> None:
    """A baker's derived skills are English in ESCO ("bake goods"): the Dutch report listed them
    without a word, where suggest's gaps say "in het Engels waar ESCO geen Nederlandse term heeft"."""
    md = skilltool.render_report(_baker(ref), ref=ref, lang="nl", format="md")
    derived = md.split("### Afgeleid uit werkervaring", 1)[1]
    assert derived.lstrip().startswith("_In het Engels waar ESCO geen Nederlandse term heeft._")
    en = skilltool.render_report(_baker(ref), ref=ref, lang="en", format="md")
    assert "In English where ESCO" not in en


# --- the caseworker's interview --------------------------------------------------------------------


def _kind_question(ref: ReferenceData) -> Question:
    return next(q for q in ref.intake_questionnaire.all_questions() if q.id == "work.kind")


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("familie", "family_business"),
        ("informeel", "informal"),
        ("Eigen", "self_employed"),
        ("vrijwillig", "volunteer"),
    ],
)
def test_the_start_of_a_choice_is_that_choice(ref: ReferenceData, typed: str, value: str) -> None:
    """ "familie" typed for "Familiebedrijf" was refused ("geen van de keuzes"), as was "informeel"
    for "Informeel werk": the start of one choice's text (three letters or more) is that choice."""
    assert answer_parsing.parse_answer(_kind_question(ref), typed, resolve_country=lambda _: None) == value


@pytest.mark.parametrize("typed", ["fa", "werk", "thuis"])
def test_a_start_that_is_short_or_fits_no_choice_is_still_refused(ref: ReferenceData, typed: str) -> None:
    """Two letters, or a word that begins no choice's text ("werk" ends two of them), is refused,
    and the refusal says that the start of a text works."""
    with pytest.raises(ValueError, match=r"\(or the start of it\)"):
        answer_parsing.parse_answer(_kind_question(ref), typed, resolve_country=lambda _: None)


def test_a_start_shared_by_two_choices_is_refused(ref: ReferenceData) -> None:
    """ "inburgering" begins two of the integration status's choices: no guess between them."""
    q = next(q for q in ref.intake_questionnaire.all_questions() if q.id == "languages.inburgering")
    with pytest.raises(ValueError):
        answer_parsing.parse_answer(q, "inburgering", resolve_country=lambda _: None)
    assert answer_parsing.parse_answer(q, "inburgeringsplichtig", resolve_country=lambda _: None) == "obliged"
