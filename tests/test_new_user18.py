"""What a new user met (user18): a caseworker, a municipal data team and a researcher, each from a
fresh clone with the README and ``--help`` only. Each test pins one thing that stopped or misled
them (docs/python-api.md, "What a new user met (user18)")."""

from __future__ import annotations

import inspect
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

import skilltool
from skilltool import batch, batch_report, profile_building
from skilltool.cli import app
from skilltool.cli.batch import AUTO_PARALLEL_ROWS
from skilltool.errors import InputFileError, UsageError
from skilltool.models.batch import BatchManifest
from tests.test_report import tiny_manifest

from .conftest import REPO
from .test_cli_intake import SCRIPT, FakeSkillCoder
from .test_new_user14 import _commands, _options

runner = CliRunner()
PERSONAS = REPO / "examples" / "personas"
DOCTOR = PERSONAS / "afghan_md_big_b1.json"
WELDER_ANSWERS = REPO / "examples" / "answers" / "eritrea-welder.yaml"


# --- the intake: a sector wish it cannot read -----------------------------------------------------


def test_the_intake_says_at_once_that_it_cannot_read_a_sector_wish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The interview took "healthcare" as a sector wish without a word; only the report said later
    that suggest reads no sector in it. A warning follows the answer now, naming the wish and how
    to go back; a wish it reads ("techniek") gets none."""
    monkeypatch.setattr(profile_building.Coders, "skill", property(lambda self: FakeSkillCoder()))
    at = SCRIPT.index("techniek")
    script = [*SCRIPT[:at], "techniek, healthcare", *SCRIPT[at + 1 :]]
    r = runner.invoke(
        app, ["intake", "--lang", "en", "--out", str(tmp_path / "p.json")], input="\n".join(script) + "\n"
    )
    assert r.exit_code == 0, r.output
    warned = [line for line in r.stderr.splitlines() if "suggest does not use this wish" in line]
    assert len(warned) == 1 and "'healthcare'" in warned[0] and "type <" in warned[0], warned
    assert "none of the shortage sectors suggest knows" in warned[0]


@pytest.mark.parametrize(
    ("lang", "said"), [("nl", "suggest gebruikt deze wens niet"), ("en", "does not use")]
)
def test_an_answers_file_with_an_unread_sector_wish_is_warned_of(
    tmp_path: Path, lang: str, said: str
) -> None:
    """The same from --answers: one warning line on stderr naming the file, the field and the
    wish (in --lang); the profile is still written, with the wish as typed."""
    answers = tmp_path / "a.yaml"
    text = WELDER_ANSWERS.read_text(encoding="utf-8")
    answers.write_text(
        text.replace("sectors: [techniek, bouw]", "sectors: [techniek, openbaar vervoer]"), "utf-8"
    )
    out = tmp_path / "p.json"
    r = runner.invoke(app, ["intake", "--answers", str(answers), "--out", str(out), "--lang", lang])
    assert r.exit_code == 0, r.output
    warned = [line for line in r.stderr.splitlines() if said in line]
    assert len(warned) == 1 and "a.yaml: wishes.sectors: 'openbaar vervoer'" in warned[0], r.stderr
    assert json.loads(out.read_text("utf-8"))["wishes"]["sectors"][1] == "openbaar vervoer"
    plain = runner.invoke(app, ["intake", "--answers", str(WELDER_ANSWERS), "--lang", lang])
    assert plain.exit_code == 0 and said not in plain.stderr


# --- the API speaks the command's names ----------------------------------------------------------------


def test_every_option_of_batch_is_a_keyword_of_run_batch_by_the_same_name() -> None:
    """`run_batch` called --format `output_format=` and --pseudonymise `key_file=`; a data team
    reading `skilltool batch --help` guessed wrong. Every option is a keyword by its own name now."""
    keywords = set(inspect.signature(skilltool.run_batch).parameters)
    terminal = {"json", "help", "fail_on_rejects"}  # printing and the exit code are the command's
    options = {
        name.lstrip("-").replace("-", "_") for name in _options(("batch", "run")) if name.startswith("--")
    }
    assert sorted(options - terminal - keywords) == []
    report_keywords = set(inspect.signature(skilltool.render_report).parameters)
    assert "format" in report_keywords and "format" in set(
        inspect.signature(skilltool.write_report).parameters
    )


class _PreparedError(Exception):
    """Raised by the fake ``batch.prepare`` with what it was given."""


@pytest.fixture
def prepared(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    seen: dict[str, object] = {}

    def fake(source: Path, **kw: object) -> None:
        seen.update(kw)
        raise _PreparedError

    monkeypatch.setattr(batch, "prepare", fake)
    return seen


def test_run_batch_takes_format_and_pseudonymise(prepared: dict[str, object], tmp_path: Path) -> None:
    """The new names reach the batch as the command's options do, without a warning."""
    with pytest.raises(_PreparedError):
        skilltool.run_batch("in.csv", out=tmp_path / "o", format="parquet", pseudonymise="k.key")
    assert prepared["output_format"] == "parquet" and prepared["key_file"] == Path("k.key")


@pytest.mark.parametrize(
    ("old", "value", "seen_as"),
    [("output_format", "parquet", "output_format"), ("key_file", "k.key", "key_file")],
)
def test_run_batchs_old_names_still_work_with_a_deprecation_warning(
    prepared: dict[str, object], tmp_path: Path, old: str, value: str, seen_as: str
) -> None:
    """The names docs/python-api.md showed until user18 keep working, with a DeprecationWarning
    that names the new keyword."""
    with pytest.warns(DeprecationWarning, match="deprecated; give"), pytest.raises(_PreparedError):
        skilltool.run_batch("in.csv", out=tmp_path / "o", **{old: value})  # type: ignore[arg-type]
    assert str(prepared[seen_as]) == value


def test_an_old_and_a_new_name_that_disagree_are_refused(tmp_path: Path) -> None:
    """`format="jsonl"` is the default, so `output_format="parquet"` with it is the old name alone;
    `format="parquet", output_format="jsonl"` says two things: a UsageError naming both."""
    with pytest.raises(UsageError, match="output_format= is the older name of format="):
        skilltool.run_batch("in.csv", out=tmp_path / "o", format="parquet", output_format="jsonl")


def test_render_and_write_report_take_format(tmp_path: Path) -> None:
    """`render_report(fmt="md")` is `render_report(format="md")` (as `report --format md`), the old
    keyword with a DeprecationWarning; `write_report(format=)` likewise."""
    ref = skilltool.load_reference()
    profile = skilltool.read_profile(DOCTOR)
    page = skilltool.render_report(profile, ref=ref, format="md", lang="en")
    assert not page.startswith("<!DOCTYPE")
    with pytest.warns(DeprecationWarning, match=r"render_report\(fmt=\.\.\.\) is deprecated; give format="):
        assert skilltool.render_report(profile, ref=ref, fmt="md", lang="en") == page
    out = skilltool.write_report(tmp_path / "r.md", profile, ref=ref, format="md", lang="en")
    assert out.read_text("utf-8") == page
    with pytest.warns(DeprecationWarning, match="write_report"):
        skilltool.write_report(tmp_path / "r2.md", profile, ref=ref, fmt="md", lang="en")


# --- the skill coder: a welding title --------------------------------------------------------------


@pytest.mark.parametrize("title", ["TIG lasser", "Lasser MIG/MAG", "ervaren lasser"])
def test_a_welding_title_codes_to_welding_not_lasers(title: str) -> None:
    """`skill code "TIG lasser"` ranked the skill "lasers" first (its eight English labels count
    in the index's ranking; the Dutch "lasser" matches "lasers" up to its ending) above "welding
    techniques", found through the Dutch label "lassen" at a higher score. A match through a label
    in the other language that shares no word with the text now comes after the others."""
    r = runner.invoke(app, ["skill", "code", title, "--json"])
    assert r.exit_code == 0, r.output
    first = json.loads(r.stdout)["candidates"][0]
    assert first["label"] == "welding techniques", first


# --- the data team ----------------------------------------------------------------------------------


def test_read_answers_takes_the_config_of_intake_config(tmp_path: Path) -> None:
    """`intake --answers A --config C` switches sections off; `read_answers` had no `config=`, so
    the same file was read against every section in Python (answers for a switched-off section
    passed). It takes `config=` now and refuses them as the command does."""
    ref = skilltool.load_reference()
    cfg = tmp_path / "cfg.yaml"
    cfg.write_text("disabled_sections: [circumstances]\n", encoding="utf-8")
    answers = tmp_path / "a.yaml"
    answers.write_text("personal: {client_ref: C-1}\ncircumstances: {care_duties: true}\n", encoding="utf-8")
    assert skilltool.read_answers(answers, ref=ref).personal.client_ref == "C-1"
    with pytest.raises(InputFileError, match="circumstances: not a question of this intake"):
        skilltool.read_answers(answers, ref=ref, config=cfg)
    r = runner.invoke(app, ["intake", "--lang", "en", "--config", str(cfg), "--answers", str(answers)])
    assert r.exit_code == 1 and "circumstances: not a question of this intake" in r.stderr


def _manifest() -> BatchManifest:
    return tiny_manifest()


@pytest.mark.parametrize(("lang", "none"), [("en", "not a shortage sector"), ("nl", "geen tekortsector")])
def test_the_batch_reports_bars_read_as_the_outputs_say_them(lang: str, none: str) -> None:
    """report.html's "Coded occupations" showed "7212_welder" (the catalogue key
    looked up for a label, not the label), and "Suggested sectors" a bar with no
    name for the suggestions outside the shortage sectors. The bars say "7212 welder" and "not a
    shortage sector"; codes (unknown, not coded) are still named in --lang."""
    stats = {
        "occupations": Counter({"7212 welder": 2, "(not coded)": 1}),
        "sectors": Counter({"": 2, "care": 1}),
    }
    page = batch_report.render(_manifest(), stats, lang=lang, sector_names={"care": "Zorg"})
    assert '<th scope="row">7212 welder</th>' in page and "7212_welder" not in page
    assert f'<th scope="row">{none}</th><td>2' in page and '<th scope="row"></th>' not in page
    assert "Manifest (manifest.json)" in page or "Verantwoording (manifest.json)" in page


# --- help pages -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [(), *_commands()], ids=lambda p: " ".join(p) or "skilltool")
def test_every_option_names_its_value_in_one_style(path: tuple[str, ...]) -> None:
    """`skilltool --help` showed `--data-dir <path>` (Python's type) and `report --format
    <html|md>`, `diploma lookup --documents <yes|no|partial>` and every `--lang <nl|en>` in angle
    brackets, where `batch --format jsonl|parquet` and `--engine local|dask` had none: one style,
    the value's name (DIR) or its choices."""
    r = runner.invoke(app, [*path, "--help"], env={"SKILLTOOL_LANG": "en"})
    assert r.exit_code == 0, r.output
    assert re.findall(r"<[a-z|]+>", r.stdout) == [], r.stdout


def test_batch_workers_help_says_when_every_core_is_used() -> None:
    """`--workers`: "default: all cores for big files" did not say how big; it is 2,000 rows
    (cli.batch.AUTO_PARALLEL_ROWS), as the README says."""
    r = runner.invoke(app, ["batch", "run", "--help"], env={"SKILLTOOL_LANG": "en"})
    assert "all cores from 2,000 rows on" in " ".join(r.stdout.split())
    assert AUTO_PARALLEL_ROWS == 2000


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["data", "validate", "--data-dir", "x", "--lang", "en"], "--data-dir goes before the command"),
        (["data", "validate", "--data-dir", "x"], "zet het vóór de opdracht"),
        (["suggest", "p.json", "-q", "--lang", "en"], "--quiet (-q) goes before the command"),
    ],
)
def test_a_root_option_after_the_command_says_where_it_goes(args: list[str], said: str) -> None:
    """`skilltool data validate --data-dir DIR` said only "No such option: --data-dir" (as `-q`
    after a command), where `--lang` before the command says where it goes: the root's options
    say it too (exit 2, a usage error)."""
    r = runner.invoke(app, args)
    assert r.exit_code == 2
    assert said in " ".join(r.stderr.split()), r.stderr


def test_run_batch_refuses_an_unknown_format_as_the_command_does(tmp_path: Path) -> None:
    """`batch --format csv` is a usage error (exit 2); `run_batch(format="csv")` raised an
    InputFileError (the command's exit 1), against this page's promise."""
    with pytest.raises(UsageError, match="format"):
        skilltool.run_batch("in.csv", out=tmp_path / "o", format="csv")  # type: ignore[arg-type]
    r = runner.invoke(app, ["batch", "in.csv", "--out", str(tmp_path / "o"), "--format", "csv"])
    assert r.exit_code == 2


def test_help_skilltool_shows_the_new_names() -> None:
    """`help(skilltool)`'s own examples used `fmt=`, which now warns: they show `format=`."""
    doc = skilltool.__doc__ or ""
    assert 'format="md"' in doc and "fmt=" not in doc


@pytest.mark.parametrize(("lang", "route"), [("nl", "eerst erkenning"), ("en", "recognition first")])
def test_suggest_help_names_the_routes_as_the_table_shows_them(lang: str, route: str) -> None:
    """`suggest --help` named the routes by their codes ("recognition_first", and "dual" in the
    Dutch help) where the table says "eerst erkenning" / "recognition first"."""
    r = runner.invoke(app, ["suggest", "--help"], env={"SKILLTOOL_LANG": lang})
    text = " ".join(r.stdout.split())
    assert route in text and "recognition_first" not in text


@pytest.mark.parametrize("path", [(), *_commands()], ids=lambda p: " ".join(p) or "skilltool")
def test_every_help_page_has_an_example(path: tuple[str, ...]) -> None:
    """`skilltool occupation`, `skill`, `diploma` and `data` (what a bare group prints) had no
    example where `batch`, `profile` and `intake` had; every page has one now, and each runs in
    tests/test_new_user.py (the lines are those of their commands)."""
    if not path:
        return  # the root lists the commands; each command's page has the examples
    for lang, word in (("en", "Examples:"), ("nl", "Voorbeelden:")):
        r = runner.invoke(app, [*path, "--help"], env={"SKILLTOOL_LANG": lang})
        assert word in r.stdout, r.stdout
