"""``datafiles.load_yaml``: the one reading of YAML text for data files (``parse_model``) and
``--answers`` files (``profile_files.load_answers_file``), and their one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from skilltool.datafiles import load_yaml, parse_model
from skilltool.errors import DataFileError, InputFileError
from skilltool.messages import Say, say
from skilltool.models import SectorsFile
from skilltool.profile_files import load_answers_file

BROKEN = "work:\n  - title: [lasser\n"  # a flow sequence never closed
SECOND = "version: 1\n---\nversion: 2\n"
TWICE = "version: 1\nversion: 2\n"


def _both_errors(tmp_path: Path, text: str) -> tuple[str, Path, str]:
    """The error line of ``text`` read as a data file (``f.yaml``), the answers file written, and
    the error line of it read as that answers file."""
    with pytest.raises(DataFileError) as data_exc:
        parse_model("f.yaml", text, SectorsFile)
    answers = tmp_path / "f.yaml"
    answers.write_text(text, encoding="utf-8")
    with pytest.raises(InputFileError) as answers_exc:
        load_answers_file(answers)
    return str(data_exc.value), answers, str(answers_exc.value)


def test_load_yaml_returns_the_data_and_hands_a_syntax_error_its_line_and_problem() -> None:
    """Good text is its data; broken text reaches ``not_yaml`` with ``:LINE`` and PyYAML's own
    problem, and the error class the caller named carries that line."""
    seen: list[tuple[str, str | None]] = []

    def not_yaml(where: str, problem: str | None) -> Say:
        seen.append((where, problem))
        return say("errors.file.not_yaml", path=f"x.yaml{where}")

    assert load_yaml("x.yaml", "a: [1, 2]\n", InputFileError, not_yaml) == {"a": [1, 2]}
    with pytest.raises(InputFileError) as exc:
        load_yaml("x.yaml", BROKEN, InputFileError, not_yaml)
    assert seen and seen[0][0] == ":3" and seen[0][1]
    assert str(exc.value) == "x.yaml:3: not valid YAML; fix the syntax"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (TWICE, "f.yaml:2: the key 'version' is given twice (first on line 1); keep one of them"),
        (SECOND, "f.yaml:2: a second YAML document begins here (`---`)"),
    ],
)
def test_a_key_twice_or_a_second_document_is_the_same_line_for_data_and_answers(
    tmp_path: Path, text: str, line: str
) -> None:
    """A data file and an answers file with the same fault give the same line, each as its own
    error class (a data file's exit and an input file's)."""
    data_line, answers, answers_line = _both_errors(tmp_path, text)
    assert data_line.startswith(line)
    assert answers_line.startswith(line.replace("f.yaml", str(answers)))


def test_broken_yaml_is_said_as_each_kind_of_file_says_it(tmp_path: Path) -> None:
    """Broken YAML: a data file's line names PyYAML's problem, an answers file's only the place."""
    data_line, answers, answers_line = _both_errors(tmp_path, BROKEN)
    assert data_line.startswith("f.yaml:3: ")
    assert data_line.endswith("; fix the YAML syntax")
    assert answers_line == f"{answers}:3: not valid YAML; fix the syntax"
