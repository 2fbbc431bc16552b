"""``--help`` speaks the user's language (issue 15): every help text comes from the message
catalogue (keys ``help.*``), in the language of ``--lang`` when it comes before ``--help``, else
``SKILLTOOL_LANG``, else Dutch; the root's help still imports no command module and no rich."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from typing import Any

import pytest
import typer
from typer.core import TyperGroup
from typer.testing import CliRunner

from skilltool import messages
from skilltool.cli import COMMANDS, _load_command, app
from skilltool.cli.common import examples, help_key, param_help_keys
from skilltool.models.intake import CLIENT_LANGS

from .test_language_purity import foreign_pieces

runner = CliRunner()
HELP_KEY = re.compile(r"^help\.")


def _tree(*, fresh: bool = False) -> list[tuple[tuple[str, ...], Any]]:
    """(path, Click command) for the root, every command and every sub-command; ``fresh``: built
    anew, not the process's own (``_load_command`` keeps one per command, and a help page shown
    sets its parameters' texts)."""
    load = _load_command.__wrapped__ if fresh else _load_command
    found: list[tuple[tuple[str, ...], Any]] = [((), typer.main.get_command(app))]
    for name in COMMANDS:
        command = load(name)
        found.append(((name,), command))
        if isinstance(command, TyperGroup):
            found.extend(
                ((name, sub), command.commands[sub]) for sub in command.list_commands(typer.Context(command))
            )
    return found


TREE = _tree()
PATHS = [path for path, _ in TREE]


def _help(path: tuple[str, ...], *, lang: str | None = None, env_lang: str | None = None) -> str:
    args = [*path, *(["--lang", lang] if lang else []), "--help"]
    env = {"SKILLTOOL_LANG": env_lang} if env_lang else {}
    r = runner.invoke(app, args, env=env)
    assert r.exit_code == 0, r.output
    return r.stdout


def _flat(text: str) -> str:
    """Help text with its wrapping undone (a catalogue sentence may be cut over lines, also after
    a hyphen: ``ESCO-`` / ``vaardigheden``)."""
    return re.sub(r"\s+", " ", re.sub(r"-\n\s+", "-", text))


@pytest.mark.parametrize("lang", messages.LANGS)
def test_every_command_and_parameter_has_a_help_text(lang: str) -> None:
    """Each command, group and parameter (the root's, --help and the completion options included)
    has a catalogue help text in both languages: its own key or the shared ``help.opt.<name>``."""
    texts = messages.catalogue(lang)
    missing = []
    for path, command in TREE:
        if help_key(path) not in texts:
            missing.append(help_key(path))
        ctx = typer.Context(command)
        for param in command.get_params(ctx):
            if not any(key in texts for key in param_help_keys(path, param)):
                missing.append(param_help_keys(path, param)[0])
    assert not missing, missing


def test_no_help_text_in_the_code() -> None:
    """The texts live in the catalogue only: no ``help=`` is left on a parameter (the catalogue's
    text is set when help is shown; a second copy in the code would go stale). Typer's own
    completion options are the exception: their texts come from Typer (and are shown from the
    catalogue all the same). The commands are built anew: those the tool keeps carry the texts of
    the last help page shown."""
    for path, command in _tree(fresh=True):
        for param in command.params:
            if param.name not in ("install_completion", "show_completion"):
                assert not getattr(param, "help", None), (path, param.name)


def test_every_help_key_belongs_to_a_command() -> None:
    """No orphan: each ``help.<path>...`` key names a command of the CLI (a renamed command or
    option must take its texts along)."""
    known = {help_key(path) for path in PATHS}
    for path, command in TREE:
        known |= {
            key
            for param in command.get_params(typer.Context(command))
            for key in param_help_keys(path, param)
        }
    general = {"help.usage", "help.arguments", "help.options", "help.commands", "help.examples"}
    general |= {"help.default", "help.required", "help.envvar"}
    for key in messages.catalogue("en"):
        if not HELP_KEY.match(key) or key in general:
            continue
        assert key.removesuffix(".short") in known, key


@pytest.mark.parametrize(
    "path", [(), ("batch",), ("batch", "run"), ("intake",), ("diploma", "lookup")], ids=str
)
def test_help_in_dutch_and_in_english(path: tuple[str, ...]) -> None:
    """The root, a group and a command: Dutch by default, English with SKILLTOOL_LANG=en, and a
    command's ``--lang en`` before ``--help`` wins over the variable."""
    nl = _flat(_help(path))
    en = _flat(_help(path, env_lang="en"))
    assert nl.startswith("Gebruik: skilltool") and "Opties:" in nl
    assert en.startswith("Usage: skilltool") and "Options:" in en
    assert _flat(messages.t(help_key(path), "nl"))[:60] in nl
    assert _flat(messages.t(help_key(path), "en"))[:60] in en
    if path and path[-1] in ("run", "lookup", "intake"):  # these have --lang
        assert _flat(_help(path, lang="en", env_lang="nl")) == en
        assert _flat(_help(path, lang="nl", env_lang="en")) == nl


def test_lang_after_help_comes_too_late() -> None:
    """``--help --lang en``: help is shown when --help is read, so the language is the variable's
    or Dutch (documented; put --lang first)."""
    r = runner.invoke(app, ["report", "--help", "--lang", "en"])
    assert r.stdout.startswith("Gebruik: skilltool report")


@pytest.mark.parametrize("lang", messages.LANGS)
@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "skilltool")
def test_help_speaks_one_language(path: tuple[str, ...], lang: str) -> None:
    """No help page shows a catalogue text of the other language (the language-purity rule of
    tests/test_language_purity.py), and the option markers are in the page's language."""
    page = _flat(_help(path, env_lang=lang))
    assert [p for p in foreign_pieces(lang) if p in page] == []
    if lang == "nl":
        assert "[default: " not in page and "required]" not in page and "env var:" not in page
        assert "Show this help" not in page


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "skilltool")
def test_dutch_texts_are_translated(path: tuple[str, ...]) -> None:
    """A command's Dutch text and its parameters' differ from the English (nothing left
    untranslated), apart from lists of codes that read the same in both languages."""
    same = [
        key
        for key in messages.catalogue("en")
        if key.startswith(help_key(path) + ".") or key == help_key(path)
        if messages.t(key, "nl") == messages.t(key, "en")
    ]
    assert same == []


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "skilltool")
def test_examples_are_shown_in_both_languages(path: tuple[str, ...]) -> None:
    """The examples stay in the docstring (command lines read the same in both languages) and are
    shown under the heading of the page's language."""
    command = dict(TREE)[path]
    found = examples(command.help)
    for lang in messages.LANGS:
        page = _help(path, env_lang=lang)
        for line in found:
            assert line in page
        assert (messages.t("help.examples", lang) in page) == bool(found)


@pytest.mark.parametrize("key", ["help.intake.opt.client_lang", "help.report.opt.client_lang"])
def test_client_languages_listed_in_help_are_the_real_ones(key: str) -> None:
    """The client languages named in the help are exactly the questionnaire's (CLIENT_LANGS), each
    code with its name beside it (user26: ``prs (Dari)``)."""
    for lang in messages.LANGS:
        listed = re.findall(r"(?:: |, )([a-z]{2,3}) \(", messages.t(key, lang))
        assert listed == list(CLIENT_LANGS)


def test_root_help_loads_no_command_module_and_no_rich() -> None:
    """`skilltool --help` (in either language) imports no command module, no rich and no pydantic:
    the list of commands comes from the catalogue (start-up time, issue 15)."""
    code = (
        "import sys\n"
        "from skilltool.cli import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
        "mods = sorted(m for m in sys.modules if m.startswith(('skilltool', 'rich', 'pydantic')))\n"
        "print(mods, file=sys.stderr)"
    )
    for lang in messages.LANGS:
        env = {"SKILLTOOL_LANG": lang, "PATH": "/usr/bin:/bin"}
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
        assert messages.t("help.intake.short", lang) in _flat(r.stdout)
        loaded = ast.literal_eval(r.stderr.strip().splitlines()[-1])
        assert loaded == [
            "skilltool",
            "skilltool.batch_signals",  # SIGTERM taken as Ctrl-C before any command runs (stdlib only)
            "skilltool.cli",
            "skilltool.cli.common",
            "skilltool.cli.streams",  # closed or non-UTF-8 standard streams, set right first
            "skilltool.errors",
            "skilltool.messages",
        ]


@pytest.mark.parametrize("lang", messages.LANGS)
def test_completion_describes_commands_and_options_in_the_language(lang: str) -> None:
    """zsh/fish completion shows each command's line and each option's text from the catalogue
    (not the docstring, which only holds examples), in SKILLTOOL_LANG."""
    base = {"_SKILLTOOL_COMPLETE": "complete_zsh", "SKILLTOOL_LANG": lang}
    r = runner.invoke(app, [], env={**base, "_TYPER_COMPLETE_ARGS": "skilltool dip"})
    shown = _flat(r.stdout)  # zsh quoting doubles ' and escapes :, so compare up to the first
    assert re.split("[':]", messages.t("help.diploma.short", lang))[0] in shown
    r = runner.invoke(app, [], env={**base, "_TYPER_COMPLETE_ARGS": "skilltool batch run --fail"})
    assert re.split("[':]", messages.t("help.batch.run.opt.fail_on_rejects", lang))[0] in _flat(r.stdout)
    assert "catalogue key" not in r.stdout
