"""What a new user met (user18): a caseworker, a municipal data team and a researcher, each from a
fresh clone with the README and ``--help`` only. Each test pins one thing that stopped or misled
them (docs/python-api.md, "What a new user met (user18)")."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import skilltool
from skilltool import batch, profile_building
from skilltool.cli import app
from skilltool.errors import UsageError

from .conftest import REPO
from .test_cli_intake import SCRIPT, FakeSkillCoder
from .test_new_user14 import _options

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
