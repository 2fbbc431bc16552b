"""Issue 15: the intake's, the answers' and the schema's errors in the user's language.

A refused answer in the interview, a bad answers file, a tampered draft, a file that is no
draft and a curated data file that breaks a schema rule: each is one catalogue text, Dutch
under ``--lang nl`` and English under ``--lang en``, never a sentence of the other language.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from skilltool import batch_mapping, intake_session, messages, profile_building, profile_files
from skilltool.cli import app
from skilltool.errors import InputFileError
from skilltool.models import Profile
from skilltool.models.answers import IntakeAnswers
from skilltool.models.diplomas import LevelRange
from skilltool.models.intake import Question
from skilltool.models.texts import Text
from skilltool.reference import ReferenceData

from .conftest import REPO

runner = CliRunner()
SRC = REPO / "src" / "skilltool"


def _line(result: object) -> str:
    stderr = str(getattr(result, "stderr", ""))
    return next((line for line in stderr.splitlines() if line.startswith(("error: ", "fout: "))), "")


@pytest.mark.parametrize(
    ("lang", "want", "other"),
    [
        ("nl", "'1,5' is geen geheel getal", "is not a whole number"),
        ("en", "'1,5' is not a whole number", "is geen geheel getal"),
    ],
)
def test_a_refused_answer_in_the_interview_is_told_in_the_intake_language(
    tmp_path: Path, lang: str, want: str, other: str
) -> None:
    """answer_parsing.AnswerError reaches the caseworker (the prompt's error line) in --lang:
    the birth year '1,5' is refused and asked again, in Dutch or in English only."""
    out = tmp_path / "p.json"
    r = runner.invoke(app, ["intake", "--lang", lang, "--out", str(out)], input="T-9\n1,5\n")
    assert r.exit_code == 130, r.output  # end of input after the refused answer: draft kept
    assert want in r.stderr
    assert other not in r.stderr


@pytest.mark.parametrize(
    ("lang", "want"),
    [
        ("nl", "personal.birth_year: het antwoord is geen jaartal tussen 1930 en "),
        ("en", "personal.birth_year: the answer is not a year between 1930 and "),
    ],
)
def test_a_bad_answer_in_an_answers_file_is_one_line_in_the_language(
    tmp_path: Path, lang: str, want: str
) -> None:
    """``intake --answers``: the file, the question and the interview's own reason, in --lang."""
    bad = tmp_path / "a.yaml"
    bad.write_text("personal: {client_ref: X-1, birth_year: 3024}\n", encoding="utf-8")
    r = runner.invoke(app, ["intake", "--lang", lang, "--answers", str(bad)])
    assert r.exit_code == 1
    assert _line(r).startswith(f"{messages.t('console.error', lang)} {bad}: {want}")
    assert len(r.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("body", "nl", "en"),
    [
        (
            "personal: {client_ref: X-1}\nshoe_size: 44\n",
            "(hoogste niveau): een sleutel die geen vraag van deze intake is (niet getoond: hij kan"
            " persoonsgegevens bevatten); een typfout, of een uitgezet onderdeel?",
            "(top level): a key that is no question of this intake (not shown: it may hold personal"
            " data); a typo, or a switched-off section?",
        ),
        (
            "- just a list\n",
            "verwacht de onderdelen met hun antwoorden (personal:, languages:, ...)",
            "expected a mapping of sections (personal:, languages:, ...)",
        ),
        (
            "personal: {client_ref: X-1}\neducation: {country: SY}\n",
            "education: verwacht een lijst met items",
            "education: expected a list of entries",
        ),
    ],
)
def test_the_shape_of_an_answers_file_is_checked_in_either_language(
    tmp_path: Path, body: str, nl: str, en: str
) -> None:
    """A key no question reads, a file that is no mapping, one entry where a list belongs."""
    bad = tmp_path / "a.yaml"
    bad.write_text(body, encoding="utf-8")
    for lang, want in (("nl", nl), ("en", en)):
        r = runner.invoke(app, ["intake", "--lang", lang, "--answers", str(bad)])
        assert r.exit_code == 1
        assert _line(r) == f"{messages.t('console.error', lang)} {bad}: {want}"


def _draft(tmp_path: Path) -> Path:
    out = tmp_path / "p.json"
    r = runner.invoke(app, ["intake", "--lang", "en", "--out", str(out)], input="T-9\n1977\n")
    assert r.exit_code == 130, r.output
    return out.with_name(out.name + ".draft.json")


def test_a_tampered_draft_is_refused_in_the_command_language(tmp_path: Path) -> None:
    """--resume checks every saved answer first; the line names the draft and the answer and
    says what to do, in the command's --lang (SKILLTOOL_LANG, else Dutch)."""
    draft = _draft(tmp_path)
    data = json.loads(draft.read_text(encoding="utf-8"))
    data["state"]["personal.birth_year"] = 3024
    draft.write_text(json.dumps(data), encoding="utf-8")
    nl = runner.invoke(app, ["intake", "--resume", str(draft)], input="")
    en = runner.invoke(app, ["intake", "--resume", str(draft)], input="", env={"SKILLTOOL_LANG": "en"})
    assert nl.exit_code == en.exit_code == 1
    assert _line(nl).startswith(f"fout: {draft}: antwoord personal.birth_year: het antwoord is geen jaartal")
    assert _line(nl).endswith("; verbeter of verwijder het in het concept")
    assert _line(en).startswith(f"error: {draft}: answer personal.birth_year: the answer is not a year")
    assert _line(en).endswith("; correct or remove it in the draft")


def test_a_file_that_is_no_draft_says_so_in_either_language(tmp_path: Path) -> None:
    """load_draft: the validation problem with "is this an intake draft?" after it, in --lang."""
    other = tmp_path / "profile.json"
    other.write_text(json.dumps({"kind": "something else"}), encoding="utf-8")
    nl = runner.invoke(app, ["intake", "--lang", "nl", "--resume", str(other)])
    en = runner.invoke(app, ["intake", "--lang", "en", "--resume", str(other)])
    assert nl.exit_code == en.exit_code == 1
    assert _line(nl).startswith(f"fout: {other}: ") and _line(nl).endswith("; is dit wel een intakeconcept?")
    assert _line(en).startswith(f"error: {other}: ") and _line(en).endswith("; is this an intake draft?")
    with pytest.raises(InputFileError, match=r"; is this an intake draft\?$"):
        profile_files.load_draft(other)


def test_a_changed_questionnaire_warns_in_the_draft_language(tmp_path: Path) -> None:
    """open_session's warning is a catalogue text: rendered by the CLI in the intake's language."""
    ref = ReferenceData()
    session = intake_session.open_session(ref, out=tmp_path / "p.json", lang="en")
    old = session.draft.model_copy(update={"questionnaire_version": session.questionnaire.version + 1})
    profile_files.save_draft(session.draft_path, old)
    (warning,) = intake_session.open_session(ref, resume=session.draft_path).warnings
    assert "gemaakt met versie 2 van de vragenlijst, dit is versie 1" in warning.render("nl")
    r = runner.invoke(app, ["intake", "--resume", str(session.draft_path)], input="")
    assert r.exit_code == 130
    assert "the draft was made with questionnaire version 2, this is version 1" in r.stderr


def test_an_unknown_confirmed_code_keeps_its_field_first_and_its_rule() -> None:
    """profile_building: the error names its field (batch's errors.csv finds the column by it),
    starts with it, keeps the value-free rule, and renders in either language."""
    ref = ReferenceData()
    answers = IntakeAnswers.model_validate(
        {
            "personal": {"client_ref": "X-1"},
            "work": [{"title": "lasser", "confirmed_uri": "http://data.europa.eu/esco/occupation/none"}],
        }
    )
    with pytest.raises(InputFileError) as caught:
        profile_building.build_profile(answers, ref=ref, coder=None, diplomas=None)
    assert str(caught.value).startswith("work.0.confirmed_uri: http://data.europa.eu/esco/occupation/none ")
    assert caught.value.rule == "reason.unknown_occupation"
    assert caught.value.field == "work.0.confirmed_uri"
    assert caught.value.render("nl").endswith(messages.t("reason.unknown_occupation", "nl"))
    assert caught.value.render("en").endswith(messages.t("reason.unknown_occupation", "en"))


def _first_error(model: type[object], data: dict[str, object]) -> dict[str, object]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)  # type: ignore[attr-defined]
    return dict(caught.value.errors()[0])


@pytest.mark.parametrize(
    ("model", "data", "nl", "en"),
    [
        (
            Question,
            {"id": "a.b", "type": "choice", "text": {"nl": "x", "en": "x"}, "help": {"nl": "x", "en": "x"}},
            "a.b: een vraag van type choice heeft keuzes nodig",
            "a.b: a choice question needs choices",
        ),
        (LevelRange, {"min": 5, "max": 3}, "min 5 is hoger dan max 3", "min 5 is above max 3"),
        (
            Text,
            {"key": "no.such.key"},
            "'no.such.key' is geen sleutel van de berichtencatalogus",
            "'no.such.key' is not a message catalogue key",
        ),
        (
            IntakeAnswers,
            {"personal": {"client_ref": "X-1"}, "skills": {"driving_licences": ["Z"]}},
            "is geen EU-rijbewijscategorie",
            "is not an EU driving licence category",
        ),
    ],
)
def test_a_validator_error_is_typed_with_a_catalogue_text(
    model: type[object], data: dict[str, object], nl: str, en: str
) -> None:
    """A schema rule's error has a type with a ``reason.value.<type>`` text and its fields in
    ``ctx``: the message is the English text, and a file's or a batch row's reason shows it in
    nl or en (batch_mapping.validation_reason, and format_validation_error from the type)."""
    error = _first_error(model, data)
    assert f"reason.value.{error['type']}" in messages.catalogue("nl")
    assert en in str(error["msg"])
    assert nl in batch_mapping.validation_reason(error, "nl")
    assert en in batch_mapping.validation_reason(error, "en")


def test_every_validator_type_has_a_text_in_both_languages() -> None:
    """Each ``invalid("<type>", ...)`` in the models names a ``reason.value.<type>`` that both
    catalogues have, with exactly the fields the call passes (say checks them when raised; this
    finds one no test triggers). No plain ``ValueError`` is left in the models but the answer
    rules' signals in values.py (caught by their callers, never shown)."""
    found = 0
    for path in sorted((SRC / "models").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert path.name == "values.py" or not re.search(r"raise ValueError\(", source), path.name
        for kind, args in re.findall(r'invalid\(\s*"([a-z_]+)"((?:[^()]|\([^()]*\))*)\)', source):
            found += 1
            given = set(re.findall(r"\b([a-z_]+)=", args))
            for lang in messages.LANGS:
                text = messages.catalogue(lang).get(f"reason.value.{kind}")
                assert text is not None, (path.name, kind, lang)
                assert messages.fields(text) == given, (path.name, kind, lang)
    assert found >= 39  # the validators converted for issue 15 (and the answer rules before them)


def test_a_text_may_have_a_field_called_key_or_lang() -> None:
    """``t(key, lang, /, **fields)``: an error text with a field called ``key`` (the batch
    mapping's "not a list" error has one) renders instead of raising a TypeError when shown."""
    texts = {k: v for k, v in messages.catalogue("en").items() if messages.fields(v) & {"key", "lang"}}
    assert texts  # the case exists (errors.mapping.not_list)
    for key, text in texts.items():
        params = {name: f"<{name}>" for name in messages.fields(text)}
        for lang in messages.LANGS:
            shown = messages.say(key, **params).render(lang)
            assert all(value in shown for value in params.values()), (key, lang)


def test_the_profile_schema_still_reads_a_profile() -> None:
    """The models' typed errors change no valid data: an example persona still validates."""
    persona = sorted((REPO / "examples" / "personas").glob("*.json"))[0]
    Profile.model_validate_json(persona.read_text(encoding="utf-8"))
