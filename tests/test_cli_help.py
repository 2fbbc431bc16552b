"""Every command teaches: it has help text, and the README names it."""

from __future__ import annotations

import re

import pytest
import typer
from typer.core import TyperGroup
from typer.testing import CliRunner

from skilltool.cli import COMMANDS, _load_command, app

from .conftest import REPO

runner = CliRunner()
README = (REPO / "README.md").read_text(encoding="utf-8")


def _all_commands() -> list[tuple[str, ...]]:
    paths: list[tuple[str, ...]] = []
    for name in COMMANDS:
        command = _load_command(name)
        paths.append((name,))
        if isinstance(command, TyperGroup):
            paths.extend((name, sub) for sub in command.list_commands(typer.Context(command)))
    return paths


@pytest.mark.parametrize("path", _all_commands(), ids=" ".join)
def test_command_has_help_and_readme_entry(path: tuple[str, ...]) -> None:
    """`skilltool ... --help` works and says something, and the README mentions the command."""
    r = runner.invoke(app, [*path, "--help"])
    assert r.exit_code == 0, r.output
    assert len(r.stdout.strip().splitlines()) >= 3
    assert _mentioned(path), f"README does not mention `skilltool {' '.join(path)}`"


def _mentioned(path: tuple[str, ...]) -> bool:
    """`skilltool a b` literally, or a README line naming `skilltool a` and the word `b`."""
    if f"skilltool {' '.join(path)}" in README:
        return True
    group, *sub = path
    return bool(sub) and any(
        f"skilltool {group}" in line and re.search(rf"\b{re.escape(sub[0])}\b", line)
        for line in README.splitlines()
    )


@pytest.mark.parametrize("name", list(COMMANDS))
def test_static_help_line_is_filled(name: str) -> None:
    """The one-line help shown by `skilltool --help` (kept in COMMANDS) is there for every command."""
    assert COMMANDS[name][2].strip()


def test_root_help_lists_every_command() -> None:
    """`skilltool --help` lists all commands without importing their modules."""
    r = runner.invoke(app, ["--help"])
    assert r.exit_code == 0, r.output
    for name in COMMANDS:
        assert f"  {name} " in r.stdout
