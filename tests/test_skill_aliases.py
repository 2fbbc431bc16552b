"""Curated Dutch skill aliases (data/skill_aliases.yaml): checked against skills.yaml on load, and
found by the skill coder as labels of their skill."""

from __future__ import annotations

from pathlib import Path

import pytest

from skilltool import datatools, skill_coding
from skilltool.errors import DataFileError
from skilltool.reference import ReferenceData
from skilltool.skill_coding import SkillCoder

from .conftest import REPO


def _first_skill(data: Path) -> tuple[str, str]:
    skill = ReferenceData(data).skills.skills[0]
    return skill.id, skill.en


def _write(data: Path, alias: str, skill_id: str, label: str) -> None:
    body = (
        f'version: 1\naliases:\n  - alias: "{alias}"\n    language: nl\n'
        f'    skill_id: {skill_id}\n    esco_label: "{label}"\n    note: "test"\n'
    )
    (data / "skill_aliases.yaml").write_text(body, "utf-8")


def test_an_alias_codes_to_its_skill(tiny_data: Path) -> None:
    skill_id, label = _first_skill(tiny_data)
    _write(tiny_data, "gewoonwoord", skill_id, label)
    ref = ReferenceData(tiny_data)
    assert skill_coding.check_skill_aliases(ref) == 1
    best = SkillCoder.from_reference(ref).code("gewoonwoord", lang="nl").candidates[0]
    assert best.skill_id == skill_id and best.matched == "gewoonwoord"


def test_wrong_label_and_taken_alias_are_one_line_errors(tiny_data: Path) -> None:
    skill_id, label = _first_skill(tiny_data)
    _write(tiny_data, "gewoonwoord", skill_id, label + " (not it)")
    with pytest.raises(DataFileError) as info:
        skill_coding.check_skill_aliases(ReferenceData(tiny_data))
    assert "English label" in info.value.message and "\n" not in info.value.message
    _write(tiny_data, label.upper(), skill_id, label)  # already the skill's own label
    with pytest.raises(DataFileError) as info:
        skill_coding.check_skill_aliases(ReferenceData(tiny_data))
    assert "already a skill label" in info.value.message


def test_registered_as_curated_file() -> None:
    assert datatools.curated_files()["skill_aliases.yaml"] is skill_coding.check_skill_aliases


def test_committed_skill_aliases_are_valid() -> None:
    """The repository's file loads and every id and English label matches skills.yaml."""
    assert skill_coding.check_skill_aliases(ReferenceData(REPO / "data")) >= 40
