"""What a new user met (user24): a caseworker, a municipal data team and a researcher, each from
the README and ``--help`` only, and the things user23 left. Each test pins one thing that stopped
or misled them (docs/python-api.md, "What a new user met (user24)")."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

import skilltool
from skilltool import batch_report
from skilltool.cli import app
from skilltool.models import SuggestWeights
from skilltool.models.suggest import FitRules
from skilltool.suggest_fit import minor_group_level, minor_group_ok
from tests.test_report import tiny_manifest

runner = CliRunner()
PERSONAS = Path(__file__).parent.parent / "examples" / "personas"
BAKER = PERSONAS / "syrian_24_family_bakery_basic_education.json"


# --- user23's leftover: a baker offered fish trimming and milk reception ----------------------------


def _fit(**changes: object) -> FitRules:
    rule: dict[str, object] = {
        "related_digits": 3,
        "skills_share": 0.5,
        "skills_min_held": 3,
        "distinctive_max_occupations": 20,
        "distinctive_min_count": 2,
        "distinctive_share": 0.2,
        "distinctive_min_held": 2,
        "distinctive_for_minor_group_from_skill_level": 3,
    }
    rule.update(changes)
    return FitRules.model_validate(rule)


def test_a_minor_group_of_distinct_trades_asks_the_distinctive_skills_at_every_level() -> None:
    """Past work in 751 (food processing trades) made a baker fit for any of its occupations at
    skill level 2; a minor group listed in ``distinctive_minor_groups`` reads as the level from
    which the distinctive skills are asked, and another minor group keeps its own level."""
    rule = _fit(distinctive_minor_groups=["751"])
    assert minor_group_level(rule, "7511", 2) == 3
    assert minor_group_level(rule, "7512", 4) == 4
    assert minor_group_level(rule, "7212", 2) == 2
    held_none = {"essential_held": 0, "distinctive": 5, "held_distinctive": 0}
    assert not minor_group_ok(rule, skill_level=minor_group_level(rule, "7511", 2), **held_none)
    assert minor_group_ok(rule, skill_level=minor_group_level(rule, "7212", 2), **held_none)


def test_the_distinct_trades_are_three_digit_groups() -> None:
    """A unit group or a major group in ``distinctive_minor_groups`` would never match a minor
    group's three digits: it is refused when the weights are read."""
    with pytest.raises(ValidationError):
        _fit(distinctive_minor_groups=["7511"])
    weights = SuggestWeights.model_validate_json(skilltool.load_reference().suggest_weights.model_dump_json())
    assert weights.routes.fit.distinctive_minor_groups == ["751", "712"]  # 712: user25


@pytest.mark.skipif(not BAKER.exists(), reason="example persona absent")
def test_a_baker_is_not_sent_to_cheese_or_preserves_for_sharing_minor_group_751() -> None:
    """A baker (7512) was offered fish trimming (7511), a dairy products maker and a milk
    reception operator (7513) and a fruit preserver and an oilseed presser (7514) as direct
    starts, for past work in the same minor group, above the operator of a bakery's machines ISCO-08
    names as the baker's related work. Only those whose essential skills the baker holds stay."""
    ref = skilltool.load_reference()
    profile = skilltool.read_profile(BAKER)
    result = skilltool.suggest_occupations(profile, ref=ref, top=10)
    iscos = [s.isco for s in result.suggestions]
    assert iscos[:2] == ["7512", "7512"], iscos
    assert not {"7513", "7514"} & set(iscos), iscos
    assert "8160" in iscos, iscos  # the operator of a bakery's machines, ISCO-08's related work


# --- user23's leftover: English "brood stock" for Dutch "brood" -------------------------------------


@pytest.mark.parametrize("said", ["brood bakken", "brood en gebak bakken"])
def test_dutch_bread_baking_finds_no_broodstock(said: str) -> None:
    """ "brood bakken" (bread baking) listed "manage capture broodstock operations" through the
    English label "collect brood stock": no Dutch skill label has "brood", so the index took it
    for English and the language prior did not apply. A Dutch session leaves out an English
    label that shares only Dutch words with the text and reaches one of its words alone."""
    result = skilltool.code_skill(said, ref=skilltool.load_reference(), lang="nl", top=5)
    labels = [c.label for c in result.candidates]
    assert labels, result
    assert not any("broodstock" in label for label in labels), labels
    assert any("bake" in label or "bak" in label for label in labels), labels


def test_an_english_word_in_a_dutch_session_still_finds_its_english_label() -> None:
    """The rule is for words that are Dutch: an English word said in a Dutch session ("excel")
    still reaches its English label."""
    result = skilltool.code_skill("excel gebruiken", ref=skilltool.load_reference(), lang="nl", top=5)
    assert any("Excel" in c.label or "spreadsheet" in c.label for c in result.candidates), result


# --- the caseworker: a help text without the client's translation -----------------------------------


@pytest.mark.parametrize(
    ("lang", "marked"),
    [
        ("nl", "Alleen het jaar, bijvoorbeeld 1991. (geen so-vertaling)"),
        ("en", "The year only, e.g. 1991. (no so translation)"),
    ],
)
def test_a_help_text_without_a_client_translation_says_so(tmp_path: Path, lang: str, marked: str) -> None:
    """Somali has no text for the birth year's help: ``?`` showed the Dutch help alone, as if the
    client could read it, where a question or a choice without one says so (user22)."""
    r = runner.invoke(
        app,
        ["intake", "--lang", lang, "--client-lang", "so", "--out", str(tmp_path / "p.json")],
        input="ZZ-24\n?\n",
    )
    assert marked in r.stdout + r.stderr, r.stdout + r.stderr


def test_a_help_text_with_a_client_translation_is_not_marked(tmp_path: Path) -> None:
    """Arabic has the birth year's help (not yet reviewed): it stands beside the Dutch, marked as
    not reviewed, and not as missing."""
    r = runner.invoke(
        app,
        ["intake", "--client-lang", "ar", "--out", str(tmp_path / "p.json")],
        input="ZZ-24\n?\n",
    )
    shown = r.stdout + r.stderr
    assert "Alleen het jaar, bijvoorbeeld 1991. · " in shown, shown
    assert "geen ar-vertaling" not in shown


# --- the researcher: report.html's shares against the Parquet tables --------------------------------


def test_a_share_in_the_batch_report_is_of_the_people_where_a_person_counts_twice() -> None:
    """13 people, 16 sector bars (a person counts once in each sector of her top 3): "geen
    tekortsector 4 (25%)" was 4 of 16 bars, where DuckDB on the suggestions table gives 4 of the
    13 people (31%); "beroepscode controleren 7 (78%)" was 7 of 9 reasons, 54% of the people."""
    stats = {
        "sectors": Counter({"": 4, "care": 3, "ict": 3, "construction": 3, "transport_logistics": 3}),
        "flags": Counter({"occupation_needs_review": 7, "no_diploma_indication": 2}),
    }
    page = batch_report.render(tiny_manifest(rows=13), stats, lang="en", sector_names={"care": "Care"})
    assert '<th scope="row">not a shortage sector</th><td>4 (31%)</td>' in page, page
    assert "<td>7 (54%)</td>" in page and "(78%)" not in page
    assert "Reasons for review (people)" in page


def test_a_share_in_a_top_list_is_of_everything_counted() -> None:
    """Of eleven countries (twelve people), the report shows ten: each share was of the people
    shown (Syria 2 of 11, 18%), not of the twelve that the people table holds (17%)."""
    countries = Counter(
        {"SY": 2, **dict.fromkeys(["ER", "AF", "IR", "IQ", "TR", "SO", "SD", "YE", "ET", "UA"], 1)}
    )
    page = batch_report.render(tiny_manifest(rows=12), {"country": countries}, lang="en")
    assert "<td>2 (17%)</td>" in page, page
