"""Errors of the reference data, the data build and the commands reading them, in the command's
language (#15): one rule for a pydantic error's reason, Dutch and English through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from typer.testing import CliRunner

from skilltool import batch_mapping, datafiles, messages
from skilltool.cli import app
from skilltool.errors import DataFileError

runner = CliRunner()


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: str = "a"
    hours: int = Field(default=0, ge=0)


def _error(data: object) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        _Strict.model_validate(data)
    return info.value


def test_validation_error_is_one_catalogue_line_in_either_language() -> None:
    """``format_validation_error`` is unrendered: the field, the catalogue's reason and the count
    of further errors, in Dutch or English; never pydantic's English message."""
    exc = _error({"hours": -1, "shoe": 1})
    text = datafiles.format_validation_error("x.yaml", exc)
    assert text.render("nl") == "x.yaml: hours: moet minstens 0 zijn (+1 meer)"
    assert text.render("en") == "x.yaml: hours: must be at least 0 (+1 more)"
    assert str(text) == text.render("en")
    typo = datafiles.format_validation_error("x.yaml", _error({"shoe": 1}))
    assert typo.render("en") == "x.yaml: shoe: unknown key (typo?)"
    assert typo.render("nl") == "x.yaml: shoe: onbekende sleutel (tikfout?)"
    top = datafiles.format_validation_error("x.yaml", _error([1]))
    assert top.render("nl").startswith("x.yaml: (hoogste niveau): ")


def test_a_rule_without_a_text_is_named_never_worded_by_pydantic() -> None:
    """A pydantic type the catalogue has no text for (or whose context lacks a field of the
    text) is ``reason.invalid_value`` with the rule's name; a literal's choices are joined with
    the language's "or"; the batch's reasons are the same rule (one function, not two)."""
    assert datafiles.validation_reason({"type": "no_such_rule"}).render("nl") == "ongeldige waarde (no_such_rule)"
    assert datafiles.validation_reason({"type": "greater_than_equal"}).render("en") == "invalid value (greater_than_equal)"
    literal = {"type": "literal_error", "ctx": {"expected": "'nl', 'en' or 'ar'"}}
    assert datafiles.validation_reason(literal).render("nl") == "moet een van deze zijn: 'nl', 'en' of 'ar'"
    assert datafiles.validation_reason(literal).render("en") == "must be one of 'nl', 'en' or 'ar'"
    for lang in messages.LANGS:
        assert batch_mapping.validation_reason(literal, lang) == datafiles.validation_reason(literal).render(lang)


def test_a_bad_profile_field_in_dutch_and_english_through_suggest_and_report(tmp_path: Path) -> None:
    """A hand-edited profile with a field out of range: ``suggest`` and ``report`` name the file
    and field with the reason in the command's --lang (Dutch by default)."""
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"personal": {"client_ref": "x"}, "wishes": {"hours_per_week": -3}}), "utf-8")
    for command in ("suggest", "report"):
        nl = runner.invoke(app, [command, str(bad)])
        assert nl.exit_code == 1
        assert nl.stderr.strip() == f"error: {bad}: wishes.hours_per_week: moet minstens 0 zijn"
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
    assert info.value.render("nl") == f"{path}: esco_versoin: onbekende sleutel (tikfout?)"
    assert str(info.value) == f"{path}: esco_versoin: unknown key (typo?)"
    nl = runner.invoke(app, ["--data-dir", str(tiny_data), "data", "validate"])
    assert nl.exit_code == 1 and "esco_versoin: onbekende sleutel (tikfout?)" in nl.stderr
    en = runner.invoke(app, ["--data-dir", str(tiny_data), "data", "validate"], env={"SKILLTOOL_LANG": "en"})
    assert en.exit_code == 1 and "esco_versoin: unknown key (typo?)" in en.stderr
