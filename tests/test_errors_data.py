"""Errors of the reference data, the data build and the commands reading them, in the command's
language (#15): one rule for a pydantic error's reason, Dutch and English through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from typer.testing import CliRunner

from skilltool import batch_mapping, datafiles, messages
from skilltool.cli import app
from skilltool.errors import DataFileError

runner = CliRunner()


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: str = "a"
    hours: int = Field(default=0, ge=0)


class _Checked(BaseModel):
    code: str

    @field_validator("code")
    @classmethod
    def _no_x(cls, value: str) -> str:
        if "x" in value:
            raise ValueError(f"code {value!r} holds an x")
        return value


def _error(data: object) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        _Strict.model_validate(data)
    return info.value


def test_validation_error_is_one_catalogue_line_in_either_language() -> None:
    """``format_validation_error`` is unrendered: the field, the catalogue's reason and the count
    of further errors, in Dutch or English; never pydantic's English message."""
    exc = _error({"hours": -1, "municipality": 1})
    text = datafiles.format_validation_error("x.yaml", exc)
    assert text.render("nl") == "x.yaml: hours: moet minstens 0 zijn (+1 meer)"
    assert text.render("en") == "x.yaml: hours: must be at least 0 (+1 more)"
    assert str(text) == text.render("en")
    typo = datafiles.format_validation_error("x.yaml", _error({"municipality": 1}))  # a field name: shown
    assert typo.render("en") == "x.yaml: municipality: unknown key (typo?)"
    assert typo.render("nl") == "x.yaml: municipality: onbekende sleutel (tikfout?)"
    other = datafiles.format_validation_error("x.yaml", _error({"shoe": 1}))  # any other key: not shown
    assert other.render("en") == "x.yaml: (top level): unknown key (not shown: it may hold personal data)"
    top = datafiles.format_validation_error("x.yaml", _error([1]))
    assert top.render("nl").startswith("x.yaml: (hoogste niveau): ")


def test_a_rule_without_a_text_is_named_never_worded_by_pydantic() -> None:
    """A pydantic type the catalogue has no text for (or whose context lacks a field of the
    text) is ``reason.invalid_value`` with the rule's name; a literal's choices are joined with
    the language's "or"; the batch's reasons are the same rule (one function, not two)."""
    reason = datafiles.validation_reason
    assert reason({"type": "no_such_rule"}).render("nl") == "ongeldige waarde (no_such_rule)"
    assert reason({"type": "greater_than_equal"}).render("en") == "invalid value (greater_than_equal)"
    literal = {"type": "literal_error", "ctx": {"expected": "'nl', 'en' or 'ar'"}}
    assert reason(literal).render("nl") == "moet een van deze zijn: 'nl', 'en' of 'ar'"
    assert reason(literal).render("en") == "must be one of 'nl', 'en' or 'ar'"
    for lang in messages.LANGS:
        assert batch_mapping.validation_reason(literal, lang) == reason(literal).render(lang)


def test_a_bad_profile_field_in_dutch_and_english_through_suggest_and_report(tmp_path: Path) -> None:
    """A hand-edited profile with a field out of range: ``suggest`` and ``report`` name the file
    and field with the reason in the command's --lang (Dutch by default)."""
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"personal": {"client_ref": "x"}, "wishes": {"hours_per_week": -3}}), "utf-8")
    for command in ("suggest", "report"):
        nl = runner.invoke(app, [command, str(bad)])
        assert nl.exit_code == 1
        assert nl.stderr.strip() == f"fout: {bad}: wishes.hours_per_week: moet minstens 0 zijn"
        en = runner.invoke(app, [command, str(bad), "--lang", "en"])
        assert en.exit_code == 1
        assert en.stderr.strip() == f"error: {bad}: wishes.hours_per_week: must be at least 0"


def test_a_bad_reference_data_file_in_dutch_and_english(tiny_data: Path) -> None:
    """A data file with a misspelt key is one ``DataFileError`` line naming file and key, in
    either language; ``data validate`` lists it in the command's --lang."""
    path = tiny_data / "sources.yaml"
    path.write_text(path.read_text("utf-8").replace("esco_version:", "esco_versoin: x\nesco_version:", 1))
    from skilltool.models import SourceManifest

    with pytest.raises(DataFileError) as info:
        datafiles.load_model(path, SourceManifest, use_cache=False)
    # a key that is no field name is not shown (the fifteenth review); the field it is near is
    nl_text = f"{path}: (hoogste niveau): onbekende sleutel (niet getoond: hij kan persoonsgegevens bevatten)"
    en_text = f"{path}: (top level): unknown key (not shown: it may hold personal data)"
    assert info.value.render("nl") == f"{nl_text}; bedoelt u esco_version?"
    assert str(info.value) == f"{en_text}; is it esco_version?"
    nl = runner.invoke(app, ["--data-dir", str(tiny_data), "data", "validate"])
    assert nl.exit_code == 1 and "bedoelt u esco_version?" in nl.stderr
    en = runner.invoke(app, ["--data-dir", str(tiny_data), "data", "validate", "--lang", "en"])
    assert (
        en.exit_code == 1
        and "unknown key (not shown: it may hold personal data); is it esco_version?" in en.stderr
    )


def test_data_build_check_says_what_is_stale_in_dutch_and_english(
    tiny_data: Path, tiny_sources: tuple[Path, object]
) -> None:
    """`data build --check` after an upstream label change: the warning, the stale files, the
    change (its kind worded, the section and field as the file spells them) and what to do, in
    the command's language; the data and the labels themselves stay as they are."""
    root, _ = tiny_sources
    args = ["--data-dir", str(tiny_data), "data", "build", "--sources", str(root), "--check"]
    assert runner.invoke(app, args).exit_code == 0
    path = root / "esco/nl/occupations_nl.csv"
    path.write_text(path.read_text().replace("lasser,", "lasser x,"))
    nl = runner.invoke(app, [*args, "--update-manifest"])
    assert nl.exit_code == 1
    assert "waarschuwing: esco/nl/occupations_nl.csv: SHA-256 gewijzigd in " in nl.stderr
    assert "sources.yaml wijkt/wijken af van wat de bronnen opleveren" in nl.stderr
    welder = "(http://data.europa.eu/esco/occupation/welder welder: "
    assert f"1 occupations label.nl gewijzigd {welder}" in nl.stderr
    assert "voer `skilltool data build --sources MAP` uit" in nl.stderr
    en = runner.invoke(app, [*args, "--update-manifest", "--lang", "en"])
    assert f"1 occupations label.nl changed {welder}" in en.stderr
    assert "run `skilltool data build --sources DIR`" in en.stderr
    nl = runner.invoke(app, args)
    assert nl.exit_code == 1
    assert "occupations_nl.csv: SHA-256 " in nl.stderr and "geef --update-manifest" in nl.stderr


def test_data_info_diff_and_validate_speak_dutch_by_default(tiny_data: Path, tmp_path: Path) -> None:
    """`data info` labels and counts, `data diff` status line and kinds, `data validate`'s all-clear
    and a refused `--out` are Dutch without --lang."""
    info = runner.invoke(app, ["--data-dir", str(tiny_data), "data", "info"])
    assert info.exit_code == 0, info.output
    assert "2 van 4 BRC-groepen, 2 van 4 beroepen; 2026Q1 2" in info.stdout
    assert "krapte historie" in info.stdout and "kenmerken " in info.stdout
    assert "Deze dienst gebruikt de ESCO-classificatie" in info.stderr
    old = tiny_data / "occupations.yaml"
    new = tmp_path / "new.yaml"
    new.write_text(old.read_text().replace("isco: '7212'", "isco: '7213'"))
    diff = runner.invoke(app, ["data", "diff", str(old), str(new)])
    assert diff.exit_code == 1
    assert "1 verschil(len) in new.yaml" in diff.stderr
    assert "new.yaml: 1 x occupations isco gewijzigd" in diff.stdout
    valid = runner.invoke(app, ["--data-dir", str(tiny_data), "data", "validate"])
    assert valid.exit_code == 0 and "alle gegevensbestanden zijn geldig" in valid.stderr
    mixed = runner.invoke(app, ["data", "diff", str(tiny_data), str(old)])
    assert mixed.exit_code == 2
    assert "vergelijk twee gegevensmappen of twee bestanden" in mixed.stderr


def test_a_validators_own_sentence_shows_in_a_file_never_in_a_batch_row() -> None:
    """A data file's model check written as a plain ValueError is shown as its validator words
    it (the file's maintainer needs the detail); a batch row's reason never shows it, since it
    may quote the cell: there it is "invalid value (value_error)"."""
    with pytest.raises(ValidationError) as info:
        _Checked.model_validate({"code": "axb"})
    text = datafiles.format_validation_error("f.yaml", info.value)
    assert text.render("nl") == "f.yaml: code: code 'axb' holds an x"
    first = info.value.errors()[0]
    for lang in messages.LANGS:
        assert "axb" not in batch_mapping.validation_reason(first, lang)
    assert batch_mapping.validation_reason(first, "nl") == "ongeldige waarde (value_error)"


def test_explain_names_the_matching_occupations_in_the_command_language() -> None:
    """`explain` with a word that matches many occupations names a few of them, by their label in
    the command's language, with the advice in that language."""
    from .conftest import REPO

    persona = str(REPO / "examples" / "personas" / "afghan_car_mechanic.json")
    nl = runner.invoke(app, ["explain", persona, "monteur"])
    assert nl.exit_code == 1
    assert "beroepen passen bij wat gegeven is (" in nl.stderr and "automonteur" in nl.stderr
    assert "geef de URI, een exact label of de ESCO-code" in nl.stderr
    en = runner.invoke(app, ["explain", persona, "monteur", "--lang", "en"])
    assert (
        "occupations match what was given (" in en.stderr
        and "technician" in en.stderr
        and "automonteur" not in en.stderr
    )
