"""What a new user met (user19): a caseworker, a municipal data team and a researcher, each from a
fresh clone with the README and ``--help`` only. Each test pins one thing that stopped or misled
them (docs/python-api.md, "What a new user met (user19)")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skilltool import messages, profile_building
from skilltool.cli import app

from .conftest import REPO
from .test_cli_intake import SCRIPT, FakeSkillCoder

runner = CliRunner()
PERSONAS = REPO / "examples" / "personas"
BOOKKEEPER = PERSONAS / "iraqi_44_bookkeeper_then_taxi_wants_office.json"


# --- the four things user18 left alone ------------------------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [("Verzorgende IG", "nl"), ("kapper", "nl"), ("tolk", "en")])
def test_skill_code_says_an_occupation_title_is_one(text: str, lang: str) -> None:
    """`skill code "Verzorgende IG"` gave only "planten verzorgen" (the title's *verzorgende* read as
    the verb *verzorgen*), and "kapper" only "no skill label shares a word": a title is coded by
    the occupation coder. The result says so, naming the two commands, in --lang."""
    r = runner.invoke(app, ["skill", "code", text, "--json", "--lang", lang])
    assert r.exit_code == 0, r.output
    result = json.loads(r.stdout)
    assert result["problem"] == messages.t("coding.problem.an_occupation", lang)
    assert result["needs_review"] is True
    assert "skilltool occupation code" in r.stderr and "skilltool occupation show" in r.stderr


@pytest.mark.parametrize("text", ["koken", "haar knippen", "lassen"])
def test_a_skill_is_not_taken_for_an_occupation(text: str) -> None:
    """A skill as a person says it, also one whose word is near an occupation's, keeps no note."""
    r = runner.invoke(app, ["skill", "code", text, "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["problem"] is None


def test_the_intake_skill_picker_says_english_labels_are_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The picker showed ESCO's English labels in a Dutch session without a word, where `suggest`
    adds "(in het Engels waar ESCO geen Nederlandse term heeft)" to its missing skills. The question
    says it now in Dutch; in English there is nothing to say."""
    monkeypatch.setattr(profile_building.Coders, "skill", property(lambda self: FakeSkillCoder()))
    for lang, said in (("nl", "in het Engels waar ESCO geen Nederlandse term heeft"), ("en", None)):
        r = runner.invoke(
            app,
            ["intake", "--lang", lang, "--out", str(tmp_path / f"{lang}.json")],
            input="\n".join(SCRIPT) + "\n",
        )
        assert r.exit_code == 0, r.output
        asked = [line for line in r.stderr.splitlines() if "'cooking for groups'" in line]
        assert asked, r.stderr
        if said is None:
            assert not [line for line in asked if "English where ESCO" in line]
        else:
            assert [line for line in asked if said in line], asked


def test_the_skill_coder_knows_which_labels_are_english() -> None:
    """``english_only`` is what the picker asks: a skill with a Dutch ESCO label is not English only."""
    from skilltool.reference import ReferenceData
    from skilltool.skill_coding import SkillCoder

    coder = SkillCoder.from_reference(ReferenceData(REPO / "data"))
    dutch = coder.code("planten verzorgen", lang="nl").candidates[0]  # a Dutch ESCO label
    english = coder.code("koken", lang="nl").candidates[0]  # an alias of an English-only skill
    assert not coder.english_only(dutch.skill_id) and coder.english_only(english.skill_id)
    assert not coder.english_only("no-such-skill")


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("nl", "als in het profiel: geen rangorde"), ("en", "as in the profile: not ranked")],
)
def test_the_own_trade_heading_says_its_order(lang: str, heading: str) -> None:
    """`suggest`'s own trade is in the profile's order (past work as entered, then wishes), so its
    score column went 74, 78, 29, 41 under a heading that did not say why. The order stays (the
    person's story, not a ranking); the heading says it, and that the score there is no rank."""
    r = runner.invoke(app, ["suggest", str(BOOKKEEPER), "--top", "2", "--lang", lang])
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    at = next(n for n, line in enumerate(lines) if heading in line)
    scores = [float(line.split()[0]) for line in lines[at + 3 : at + 12] if line[:1].isdigit()]
    assert len(scores) >= 2 and scores != sorted(scores, reverse=True), lines[at : at + 12]


def test_a_brc_name_in_english_output_says_it_is_dutch() -> None:
    """`occupation show 7212 --lang en` said "tightness 0742 Lassers en plaatwerkers: ...", Dutch
    in an English line: the CBS code list the data use names BRC groups in Dutch only, and no
    sourced English name exists in the sources. The English line says the name is CBS's Dutch one;
    the Dutch line is as before; `--json` keeps the name as it is, and its help says so."""
    en = runner.invoke(app, ["occupation", "show", "7212", "--lang", "en"])
    assert en.exit_code == 0, en.output
    assert "0742 Lassers en plaatwerkers (CBS's Dutch name" in " ".join(en.stdout.split())
    nl = runner.invoke(app, ["occupation", "show", "7212.1"])
    assert nl.exit_code == 0, nl.output
    assert "0742 Lassers en plaatwerkers" in nl.stdout and "CBS" not in nl.stdout
    assert "brc_label is CBS's Dutch name" in messages.t("help.occupation.show.opt.json", "en")


@pytest.mark.parametrize("key", ["7212", "7212.1"])
def test_occupation_show_json_help_names_every_key(key: str) -> None:
    """`occupation show --json`'s help named five of the fourteen keys of an occupation (not
    `brc_label`, `tightness_text`): each bracket names every key the command prints now."""
    r = runner.invoke(app, ["occupation", "show", key, "--json"])
    assert r.exit_code == 0, r.output
    keys = list(json.loads(r.stdout))
    for lang in ("nl", "en"):
        text = messages.t("help.occupation.show.opt.json", lang)
        bracket = 0 if "." in key else 1
        part = text.split("(")[bracket + 1].split(")")[0]
        named = {k.strip() for k in part.replace(":", ",").split(",")}
        assert [k for k in keys if k not in named] == [], (lang, part)


# --- what the walk-through found -------------------------------------------------------------------


def test_write_profile_refuses_an_existing_file_unless_forced(tmp_path: Path) -> None:
    """`write_profile` replaced an existing profile without a word, where `intake --out`,
    `write_report`, `code_file` and `run_batch` refuse without force (user14's one rule for
    `--out`). It refuses with `OutputError` now, keeps the old file, and `force=True` replaces it."""
    import skilltool
    from skilltool.errors import OutputError, UsageError

    profile = skilltool.read_profile(BOOKKEEPER)
    out = tmp_path / "p.json"
    out.write_text("{}", encoding="utf-8")
    with pytest.raises(OutputError, match="force=True"):
        skilltool.write_profile(out, profile)
    assert out.read_text(encoding="utf-8") == "{}"
    skilltool.write_profile(out, profile, force=True)
    assert skilltool.read_profile(out) == profile
    with pytest.raises(UsageError):
        skilltool.write_profile(out, profile, force="yes")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("args", "group"),
    [
        (["diploma", "--lang", "en", "--help"], "skilltool diploma"),
        (["--lang", "en", "data", "info"], "skilltool"),
    ],
)
def test_lang_given_to_a_group_says_how_to_read_its_help(args: list[str], group: str) -> None:
    """`skilltool diploma --lang en --help` (the README: "a command's --lang en before --help")
    said only "--lang goes after the command (skilltool suggest PROFILE.json --lang en)": a group
    takes no --lang, and its help page is read in English with SKILLTOOL_LANG. The line says both,
    naming the group."""
    r = runner.invoke(app, args)
    assert r.exit_code == 2, r.output
    assert "--lang goes after the command" in r.stderr
    assert f"SKILLTOOL_LANG=en {group} --help" in r.stderr, r.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["occupation", "code", ""], "no title given"),
        (["occupation", "code", " ", ""], "no title given"),
        (["skill", "code", ""], "no skill given"),
    ],
)
def test_only_blank_text_arguments_are_a_usage_error(args: list[str], said: str) -> None:
    """`occupation code ""` (an empty shell variable) printed "empty: nothing to code" and exited
    0, where `diploma lookup ""` and no TEXT at all exit 2: the README's "missing or empty
    argument". A blank text beside a real one, and a blank line on stdin, are still coded."""
    r = runner.invoke(app, [*args, "--lang", "en"])
    assert r.exit_code == 2, r.output
    assert said in r.stderr
    mixed = runner.invoke(app, ["skill", "code", "", "koken", "--json"])
    assert mixed.exit_code == 0, mixed.output
    assert [json.loads(line)["input"] for line in mixed.stdout.splitlines()] == ["", "koken"]
    piped = runner.invoke(app, ["skill", "code", "--json"], input="\n")
    assert piped.exit_code == 0, piped.output
