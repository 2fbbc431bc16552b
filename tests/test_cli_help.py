"""Every command teaches: it has help text, and the README names it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.core import TyperGroup
from typer.testing import CliRunner

from skilltool import messages
from skilltool.cli import COMMANDS, _load_command, app
from skilltool.models.intake import CLIENT_LANGS

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


@pytest.mark.parametrize("lang", messages.LANGS)
@pytest.mark.parametrize("name", list(COMMANDS))
def test_static_help_line_is_filled(name: str, lang: str) -> None:
    """The one-line help shown by `skilltool --help` (catalogue ``help.<name>.short``, so the root's
    help imports no command module) is there for every command, in both languages."""
    assert messages.t(f"help.{name}.short", lang).strip()


def test_root_help_lists_every_command() -> None:
    """`skilltool --help` lists all commands without importing their modules."""
    r = runner.invoke(app, ["--help"])
    assert r.exit_code == 0, r.output
    for name in COMMANDS:
        assert f"  {name} " in r.stdout


def _groups() -> list[str]:
    return [name for name in COMMANDS if isinstance(_load_command(name), TyperGroup) and name != "intake"]


@pytest.mark.parametrize("path", [(), *_all_commands()], ids=lambda p: " ".join(p) or "skilltool")
def test_one_plain_help_style(path: tuple[str, ...]) -> None:
    """Every help page (top level, groups, commands) is plain Click text: no rich boxes, no
    `<bool>` metavar on a flag, and the completion options only at the top level."""
    r = runner.invoke(app, [*path, "--help"])
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("Gebruik: skilltool"), r.stdout[:200]  # Dutch unless asked otherwise
    for box in ("╭", "│", "─"):
        assert box not in r.stdout, f"rich box in `skilltool {' '.join(path)} --help`"
    assert "<bool>" not in r.stdout
    assert ("--install-completion" in r.stdout) == (path == ())


def test_bare_skilltool_prints_help_and_exits_0() -> None:
    """`skilltool` without arguments is a question, not a mistake: full help on stdout, exit 0."""
    r = runner.invoke(app, [])
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("Gebruik: skilltool [OPTIONS] COMMAND")
    assert "Opdrachten:" in r.stdout and "  diploma " in r.stdout
    assert r.stderr == ""


@pytest.mark.parametrize("name", _groups())
def test_bare_group_prints_help_and_exits_0(name: str) -> None:
    """`skilltool diploma` (any command group) prints the group's help and exits 0, like the root."""
    r = runner.invoke(app, [name])
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith(f"Gebruik: skilltool {name} [OPTIONS] COMMAND")


def test_unknown_command_is_still_a_usage_error() -> None:
    """The exit-0 rule is for a bare call only: a wrong command name still exits 2."""
    r = runner.invoke(app, ["diplom"])
    assert r.exit_code == 2


def test_show_completion_at_top_level(monkeypatch: pytest.MonkeyPatch) -> None:
    """`skilltool --show-completion bash` prints the completion script for the whole tool."""
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    r = runner.invoke(app, ["--show-completion", "bash"])
    assert r.exit_code == 0, r.output
    assert "_SKILLTOOL_COMPLETE=complete_bash" in r.stdout


def test_install_completion_at_top_level(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """`skilltool --install-completion bash` installs the script (here into a temporary HOME)."""
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    monkeypatch.setenv("HOME", str(tmp_path))
    r = runner.invoke(app, ["--install-completion", "bash"])
    assert r.exit_code == 0, r.output
    assert "_SKILLTOOL_COMPLETE" in (tmp_path / ".bash_completions" / "skilltool.sh").read_text()


def test_completion_reaches_lazily_loaded_commands() -> None:
    """Completion works through the lazy root: command names, sub-commands and their options."""
    env = {"_SKILLTOOL_COMPLETE": "complete_bash", "COMP_WORDS": "skilltool dip", "COMP_CWORD": "1"}
    r = runner.invoke(app, [], env=env)
    assert r.stdout.split() == ["diploma"]
    env |= {"COMP_WORDS": "skilltool diploma l", "COMP_CWORD": "2"}
    assert runner.invoke(app, [], env=env).stdout.split() == ["lookup", "list", "levels"]


def test_quiet_silences_status_lines_not_results_or_errors() -> None:
    """`--quiet` drops status lines on stderr (here "all data files are valid" and the note naming
    the columns a narrow table hides), keeps the result on stdout, and still shows an error."""
    from skilltool import console

    try:
        loud = runner.invoke(app, ["data", "validate"])
        assert loud.exit_code == 0 and loud.stderr.strip(), loud.output
        quiet = runner.invoke(app, ["--quiet", "data", "validate"])
        assert quiet.exit_code == 0 and quiet.stderr == "", quiet.stderr
        narrow = runner.invoke(app, ["-q", "diploma", "list"], env={"COLUMNS": "80"})
        assert narrow.exit_code == 0 and narrow.stderr == "", narrow.stderr
        assert "SY" in narrow.stdout  # the table itself is a result
        failing = runner.invoke(app, ["--quiet", "diploma", "list", "-c", "XX"])
        assert failing.exit_code != 0 and failing.stderr.startswith("fout:"), failing.stderr
    finally:
        console.set_quiet(False)


PERSONA = str(REPO / "examples" / "personas" / "afghan_car_mechanic.json")


@pytest.mark.parametrize(
    "args",
    [
        ["diploma", "list"],
        ["diploma", "coverage"],
        ["diploma", "levels"],
        ["intake", "languages"],
        ["data", "info"],
        ["diploma", "lookup", "-c", "SY", "Bachelor"],
        ["profile", "show", PERSONA],
        ["suggest", PERSONA, "--top", "3"],
        ["explain", PERSONA, "automonteur"],
        ["occupation", "code", "lasser"],
        ["skill", "code", "lassen"],
        ["occupation", "show", "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1"],
    ],
    ids=" ".join,
)
def test_tables_and_records_fit_80_columns(args: list[str]) -> None:
    """At COLUMNS=80 every table and `key  value` record fits: a line is longer than 80 cells only
    when it is one word that cannot be broken (a URI), never because a column or value overflows."""
    from rich.cells import cell_len

    r = runner.invoke(app, args, env={"COLUMNS": "80"})
    assert r.exit_code == 0, r.output
    assert r.stdout.strip()
    for line in r.stdout.splitlines():
        if cell_len(line) > 80:
            assert max(cell_len(w) for w in line.split()) >= 40, line  # an unbreakable URI


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_unknown_client_language_is_one_usage_line(lang: str) -> None:
    """`intake` and `report` refuse an unknown --client-lang the same way: exit 2, one line in the
    command's --lang naming the client languages (one check, intake_script.check_client_lang)."""
    want = messages.t("usage.client_lang", lang, given="'xx'", choices=", ".join(CLIENT_LANGS))
    for args in (["intake"], ["report", str(PERSONA)]):
        r = runner.invoke(app, [*args, "--lang", lang, "--client-lang", "xx"])
        assert r.exit_code == 2, r.output
        assert r.stderr.strip() == f"{messages.t('console.error', lang)} {want}"
