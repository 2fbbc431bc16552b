"""What a new user met (user20): a caseworker, a municipal data team and a researcher, each from a
fresh clone with the README and ``--help`` only, and the two things user19 left alone. Each test
pins one thing that stopped or misled them (docs/python-api.md, "What a new user met (user20)")."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import skilltool
from skilltool import messages, profile_building
from skilltool.cli import app
from skilltool.errors import OutputError
from skilltool.occupations import SkillCoder

from .conftest import REPO
from .test_cli_intake import SCRIPT, FakeSkillCoder

runner = CliRunner()
PERSONA = REPO / "examples" / "personas" / "syrian_cook.json"
EXAMPLE = REPO / "examples" / "batch" / "intakes.csv"
TILES = "504d99c7-395b-479c-815b-2f77ef769e75"  # ESCO: lay tiles


@pytest.fixture(scope="module")
def skills() -> SkillCoder:
    """The committed data's skill coder, read from the run's compiled cache (in a run of the suite
    the warm-up built it there, outside coverage's tracer)."""
    return SkillCoder.from_reference(skilltool.load_reference())


@pytest.fixture(scope="module")
def cache_seen_by_a_module_fixture() -> str | None:
    return os.environ.get("SKILLTOOL_CACHE_DIR")


def test_a_module_fixture_uses_the_runs_compiled_cache(
    cache_seen_by_a_module_fixture: str | None, compiled_cache: Path
) -> None:
    """A module-scoped fixture (as ``skills``) is set up before a test's own fixtures: it saw the
    cache folder the run was started with, and built the skill coder under coverage's tracer into
    the user's cache instead of reading the warm-up's (tests29). It sees the run's cache."""
    assert cache_seen_by_a_module_fixture == str(compiled_cache)


# --- user19's leftovers: the API's words, and a skill found by a word's ending alone -------------


def test_write_profile_refusal_names_the_keyword_not_the_option(tmp_path: Path) -> None:
    """`write_profile` over an existing file said "add --force", an option the API has not: it
    names `force=True` and the argument, in both languages; `force=True` still replaces."""
    profile = skilltool.read_profile(PERSONA)
    out = tmp_path / "p.json"
    skilltool.write_profile(out, profile)
    with pytest.raises(OutputError) as caught:
        skilltool.write_profile(out, profile)
    assert "--force" not in str(caught.value) and "force=True" in str(caught.value)
    assert str(caught.value).startswith("path=")
    assert "geef force=True" in caught.value.render("nl")
    skilltool.write_profile(out, profile, force=True)


def test_write_report_and_code_file_refusals_name_the_keyword(tmp_path: Path) -> None:
    """`write_report` and `code_file` over an existing file say `force=True` too (code_file's
    refusal comes from deep in the shared core, reworded at the API's door, class kept)."""
    ref = skilltool.load_reference()
    profile = skilltool.read_profile(PERSONA)
    taken = tmp_path / "r.html"
    taken.write_text("earlier", encoding="utf-8")
    with pytest.raises(OutputError, match=r"force=True") as caught:
        skilltool.write_report(taken, profile, ref=ref)
    assert "--force" not in str(caught.value)
    source = tmp_path / "titels.csv"
    source.write_text("id;functie\n1;bakker\n", encoding="utf-8")
    done = tmp_path / "done.csv"
    done.write_text("x\n", encoding="utf-8")
    with pytest.raises(OutputError) as again:
        skilltool.code_file(source, column="functie", out=done)
    assert str(again.value).startswith("out=") and "force=True" in str(again.value)
    assert "--force" not in str(again.value)


def test_run_batch_into_an_earlier_result_names_the_keywords(tmp_path: Path) -> None:
    """`run_batch` into a folder with an earlier result said "add --force ... choose ... --out":
    it says `force=True` and names `out=`; the error keeps its class (the command's exit 1)."""
    out = tmp_path / "b"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        skilltool.run_batch(EXAMPLE, out=out)
    said = str(caught.value)
    assert said.startswith("out=") and "force=True" in said and "--" not in said


def test_the_command_still_says_its_option(tmp_path: Path) -> None:
    """The command's refusal is unchanged: `report --out` over a file says --force."""
    taken = tmp_path / "r.html"
    taken.write_text("earlier", encoding="utf-8")
    r = runner.invoke(app, ["report", str(PERSONA), "--out", str(taken), "--lang", "en"])
    assert r.exit_code == 1
    assert "--force" in r.stderr and "force=True" not in r.stderr


@pytest.mark.parametrize(
    ("text", "lang", "not_this"),
    [
        ("oma verzorgd", "nl", "planten verzorgen"),
        ("ouderen verzorgend", "nl", "Oud-Grieks"),
        ("kinderen opvangen", "nl", "types of paint"),
        ("schoonmaak en wassen", "nl", "gewassen telen voor biomassa"),
        ("cooking for many people", "en", "coking process"),
        ("sewing", "en", "inspect sewers"),
    ],
)
def test_a_label_found_by_a_word_ending_alone_is_no_candidate(
    skills: SkillCoder, text: str, lang: str, not_this: str
) -> None:
    """A label that shares no word with the text and has a word the text does not reach at all
    was found by one word's ending or stem alone ("verzorgd" -> "planten verzorgen", "kinderen"
    -> "kinds of paint", "wassen" -> "gewassen telen"): it is no candidate."""
    result = skills.code(text, lang=lang, top=5)
    assert not_this not in [c.label for c in result.candidates]


@pytest.mark.parametrize(
    ("text", "lang", "label"),
    [
        ("koken", "nl", "use cooking techniques"),
        ("lassen", "nl", "welding techniques"),
        ("sewing", "en", "dressmaking"),
        ("tuin onderhouden", "nl", "use gardening equipment"),  # a compound said in two words
        ("repairing phones", "en", "repair mobile devices"),  # two words reach it, by their stems
    ],
)
def test_a_label_sharing_a_word_stays(skills: SkillCoder, text: str, lang: str, label: str) -> None:
    """The rule leaves a label that shares a word with the text, that the text says whole, that
    two of the text's words reach, or that scores high (the first try dropped the last two)."""
    assert skills.code(text, lang=lang, top=5).candidates[0].label == label


def test_only_the_guess_goes(skills: SkillCoder) -> None:
    """ "ouderen verzorgend" gave "planten verzorgen" and "Oud-Grieks" beside the skill meant;
    the skill meant stays, first."""
    assert skills.code("ouderen verzorgend", lang="nl").candidates[0].label == "tend to elderly people"


@pytest.mark.parametrize("text", ["tegelwerk", "tegelwerk badkamers"])
def test_laying_tiles_as_a_person_says_it(skills: SkillCoder, text: str) -> None:
    """Laying tiles said in the caseworker's words gave "initiatief aan de dag leggen" and English
    labels with legs; a curated alias (data/skill_aliases.yaml) maps it to ESCO's "lay tiles"."""
    result = skills.code(text, lang="nl")
    assert result.candidates[0].skill_id == TILES


# --- the caseworker ---------------------------------------------------------------------------------


def test_a_word_typed_in_the_occupation_picker_is_asked_again_with_the_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A word typed where the picker asks for a number ("schilder") was refused as "not an ESCO
    URI and not 'free_text'", the answers file's words; it says which numbers to type now."""
    monkeypatch.setattr(profile_building.Coders, "skill", property(lambda self: FakeSkillCoder()))
    at = SCRIPT.index("lasser")
    script = [*SCRIPT[: at + 1], "painter", *SCRIPT[at + 1 :]]
    r = runner.invoke(
        app, ["intake", "--lang", "en", "--out", str(tmp_path / "p.json")], input="\n".join(script) + "\n"
    )
    assert r.exit_code == 0, r.output
    assert "'painter' is not one of the numbers; type 1-" in r.stderr
    assert "0 to keep the free text or - to review later" in r.stderr
    assert "is not an ESCO occupation URI" not in r.stderr
    assert json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))["work"][0]["coded"]["isco"] == "7212"


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "'thuis' is not one of the choices; give its number (1-5), its text (or the start of it)"
            " or its code (",
        ),
        (
            "nl",
            "'thuis' is geen van de keuzes; geef het nummer (1-5), de tekst van een keuze"
            " (of het begin ervan) of de code (",
        ),
    ],
)
def test_a_choice_refused_says_that_its_number_works(tmp_path: Path, lang: str, said: str) -> None:
    """ "family" for the kind of work listed only the codes (employed, self_employed, ...), English
    words in a Dutch interview, where the caseworker sees numbered Dutch choices: the refusal says
    the number and the text work too."""
    welder = REPO / "examples" / "answers" / "eritrea-welder.yaml"
    answers = yaml.safe_load(welder.read_text(encoding="utf-8"))
    answers["work"][0]["kind"] = "thuis"  # "family" is the start of "Family business" (user21)
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    r = runner.invoke(app, ["intake", "--answers", str(path), "--lang", lang])
    assert r.exit_code == 1
    assert said.replace("'thuis'", messages.t("answer.unshown", lang)) in r.stderr
