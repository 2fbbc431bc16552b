"""One schema, one reader: every way in applies the same answer rules, every command reads profiles alike.

Pins issue #14 item 1: the interactive intake, ``--answers`` and a batch row refuse the same bad
answer (a BSN as client reference, a word that is not yes or no) and accept the same good one;
a profile saved with a byte-order mark is read by every command that reads profiles.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from skilltool import answer_parsing, batch_mapping, intake_engine, intake_script, profile_files
from skilltool.cli import app
from skilltool.errors import InputFileError
from skilltool.intake_engine import Nav, Prompt
from skilltool.models import values
from skilltool.models.intake import Questionnaire
from skilltool.reference import ReferenceData

from .conftest import REPO

runner = CliRunner()
ENGINEER = REPO / "examples" / "personas" / "syrian_civil_engineer.json"


@pytest.fixture(scope="module")
def questionnaire() -> Questionnaire:
    return intake_script.load_questionnaire(ReferenceData())


@pytest.fixture(scope="module")
def mapping() -> batch_mapping.CompiledMapping:
    cols, _, _ = batch_mapping.load_mapping(None)
    header = ["klantnummer", "geboortejaar", "land_herkomst", "bereid_tot_scholing"]
    return batch_mapping.compile_mapping(cols, header, source="in.csv", mapping_name="default")


# --- the three ways in ------------------------------------------------------------------------------


def interactive(questionnaire: Questionnaire, key: str, value: str) -> str | None:
    """Type ``value`` at question ``key`` in the interview: the reason it was refused, or None."""
    refused: list[str] = []

    def ask(prompt: Prompt) -> Any:
        if prompt.key == "personal.client_ref" and key != prompt.key:
            return "K-1"
        if prompt.key == key:
            if prompt.error is not None:
                refused.append(prompt.error)
                return "K-1" if key == "personal.client_ref" else "ja"
            return value
        return "no" if prompt.is_more else Nav.SKIP

    intake_engine.run(questionnaire, ask)
    return refused[0] if refused else None


def from_file(questionnaire: Questionnaire, key: str, value: str) -> str | None:
    """``--answers`` with ``value`` at ``key``: the error line, or None when accepted."""
    section, field = key.split(".")
    data: dict[str, Any] = {"personal": {"client_ref": "K-1"}}
    data.setdefault(section, {})[field] = value
    try:
        intake_engine.run_from_file(questionnaire, data, source="a.yaml")
    except InputFileError as exc:
        return exc.message
    return None


def from_batch(mapping: batch_mapping.CompiledMapping, key: str, value: str) -> str | None:
    """A batch row with ``value`` in the column mapped to ``key``: the row's reason, or None."""
    cells = ["K-1", "1990", "Syrië", ""]
    cells[0 if key == "personal.client_ref" else 3] = value
    try:
        batch_mapping.row_to_answers(cells, mapping)
    except batch_mapping.RowError as exc:
        return exc.reason
    return None


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("personal.client_ref", "123456789"),  # a BSN-like number
        ("personal.client_ref", "Fatima Z"),  # a name, spaces
        ("wishes.willing_to_train", "misschien"),
        ("wishes.willing_to_train", "on"),  # pydantic's own bool parsing took this in batch
    ],
)
def test_the_same_bad_answer_is_refused_by_intake_answers_file_and_batch(
    questionnaire: Questionnaire, mapping: batch_mapping.CompiledMapping, key: str, value: str
) -> None:
    """Intake, ``--answers`` and batch refuse the same answer, each with a reason."""
    assert interactive(questionnaire, key, value) is not None
    assert from_file(questionnaire, key, value) is not None
    assert from_batch(mapping, key, value) is not None


@pytest.mark.parametrize("word", sorted(values.YES_WORDS | values.NO_WORDS))
def test_every_yes_no_word_is_taken_by_all_three(
    questionnaire: Questionnaire, mapping: batch_mapping.CompiledMapping, word: str
) -> None:
    """One word list: "waar" and "x" (once batch only) now work in the intake too, and vice versa."""
    key = "wishes.willing_to_train"
    assert interactive(questionnaire, key, word) is None
    assert from_file(questionnaire, key, word) is None
    assert from_batch(mapping, key, word) is None


def test_the_bsn_reason_is_the_same_text_everywhere(
    questionnaire: Questionnaire, mapping: batch_mapping.CompiledMapping
) -> None:
    """The BSN refusal says the same thing in the interview, the answers file and the batch row."""
    key, bsn = "personal.client_ref", "123456789"
    text = "this looks like a BSN"
    assert text in (interactive(questionnaire, key, bsn) or "")
    assert text in (from_file(questionnaire, key, bsn) or "")
    assert text in (from_batch(mapping, key, bsn) or "")
    assert bsn not in (from_batch(mapping, key, bsn) or "")


def test_dates_cefr_and_countries_are_model_rules() -> None:
    """The schema itself reads day-first dates, loose CEFR spellings and country names."""
    answers = answer_parsing.answers_from_mapping(
        {
            "personal": {"client_ref": "K-1", "permit_date": "12-02-2025", "country_of_origin": "Eritrea"},
            "languages": {"dutch_cefr": "pre a1", "other": [{"language": "en", "cefr": "b2"}]},
        }
    )
    assert str(answers.personal.permit_date) == "2025-02-12"
    assert answers.personal.country_of_origin == "ER"
    assert (answers.languages.dutch_cefr, answers.languages.other[0].cefr) == ("pre-A1", "B2")


# --- one profile reader -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bom_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A persona profile saved as UTF-8 with a byte-order mark (as Windows Notepad does)."""
    path = tmp_path_factory.mktemp("bom") / "profile.json"
    path.write_bytes(b"\xef\xbb\xbf" + ENGINEER.read_bytes())
    return path


def test_read_profile_takes_a_byte_order_mark(bom_profile: Path) -> None:
    """The one reader gives the same profile with and without a BOM."""
    assert profile_files.read_profile(bom_profile) == profile_files.read_profile(ENGINEER)


@pytest.mark.parametrize(
    "argv",
    [
        ["suggest", "{p}", "--top", "3"],
        ["explain", "{p}", "lasser"],
        ["report", "{p}", "--format", "md", "--out", "{out}"],
        ["profile", "show", "{p}"],
    ],
    ids=lambda argv: " ".join(argv[:2]),
)
def test_every_command_reads_a_profile_with_a_bom(bom_profile: Path, tmp_path: Path, argv: list[str]) -> None:
    """suggest, explain, report and profile show all read the BOM profile (one reader)."""
    args = [a.format(p=bom_profile, out=tmp_path / "r.md") for a in argv]
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    assert "Traceback" not in r.output


def test_answers_file_with_a_bom_is_read(tmp_path: Path, questionnaire: Questionnaire) -> None:
    """An ``--answers`` file saved with a BOM is read like one without."""
    example = REPO / "examples" / "answers" / "syria-civil-engineer.yaml"
    copy = tmp_path / "a.yaml"
    copy.write_bytes(b"\xef\xbb\xbf" + example.read_bytes())
    assert profile_files.load_answers_file(copy) == profile_files.load_answers_file(example)
