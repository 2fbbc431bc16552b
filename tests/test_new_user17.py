"""What a new user met (user17): a caseworker, a municipal data team and a researcher, each from a
fresh clone with the README and ``--help`` only. Each test pins one thing that stopped or misled
them (docs/python-api.md, "What a new user met (user17)")."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import skilltool
from skilltool import messages
from skilltool.cli import app
from skilltool.errors import NotFoundError, UsageError
from skilltool.models.base import Lang
from skilltool.sector_wishes import wished_sector
from skilltool.suggest_index import load_index
from skilltool.suggest_person import match_sector

from .conftest import REPO

runner = CliRunner()
PERSONAS = REPO / "examples" / "personas"
DOCTOR = PERSONAS / "afghan_md_big_b1.json"  # documents "yes", IDW not applied for
ARCHITECT = PERSONAS / "iranian_architect_master.json"  # stored before user16's wording


# --- the five things user16 left alone ---------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_years_that_leave_every_entry_out_say_so(lang: str) -> None:
    """`diploma lookup -c SY architecture --years 2` said only "no sourced comparison found": the
    name matched the five-year bachelor, which two years cannot be. The answer names the entry,
    its length and the years given, so a wrong duration can be seen; without --years it matches."""
    args = ["diploma", "lookup", "-c", "SY", "architecture", "--lang", lang]
    r = runner.invoke(app, [*args, "--years", "2", "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["matches"] == []
    said = data["no_comparison"][lang]
    assert "Bachelor in Architecture" in said and "5" in said and "2" in said, said
    found = json.loads(runner.invoke(app, [*args, "--json"]).stdout)
    assert found["matches"] and found["no_comparison"] is None


def test_no_match_by_name_says_nothing_of_the_years() -> None:
    """A name that matches nothing is not blamed on --years."""
    r = runner.invoke(app, ["diploma", "lookup", "-c", "SY", "zzqx", "--years", "2", "--json"])
    assert r.exit_code == 0, r.output
    assert "2 jaar" not in json.loads(r.stdout)["no_comparison"]["nl"]


@pytest.mark.parametrize(("lang", "row"), [("en", "**Documents**: yes"), ("nl", "**Documenten**: ja")])
def test_report_choice_labels_are_lower_case_like_yes_no(lang: str, row: str) -> None:
    """The report showed "Documents: Yes" (the prompt's option) beside "Completed with a diploma:
    yes"; a choice label reads as a value now, acronyms ("B1 route") keep their capital."""
    r = runner.invoke(app, ["report", str(DOCTOR), "--format", "md", "--lang", lang])
    assert r.exit_code == 0, r.output
    assert row in r.stdout
    assert ("B1 route" if lang == "en" else "B1-route") in r.stdout


@pytest.mark.parametrize(
    "command", [["diploma", "lookup", "-c", "XX", "architecture"], ["diploma", "list", "-c", "XX"]]
)
def test_an_unknown_country_is_a_usage_error(command: list[str]) -> None:
    """`diploma lookup -c XX` exited 1 where `suggest --sector nonsense`, `--client-lang xx` and
    `--lang de` exit 2: a value that is none of an option's choices is a usage error everywhere."""
    r = runner.invoke(app, [*command, "--lang", "en"])
    assert r.exit_code == 2, r.output
    assert r.stderr.startswith("error: unknown country 'XX'")


def test_an_unknown_country_is_still_a_not_found_error_in_python() -> None:
    """Python callers that caught ``NotFoundError`` still do; it is a ``UsageError`` too."""
    ref = skilltool.load_reference()
    with pytest.raises(NotFoundError) as caught:
        skilltool.lookup_diploma("architecture", country="XX", ref=ref)
    assert isinstance(caught.value, UsageError) and caught.value.exit_code == 2


def test_usage_errors_show_the_usage_line_without_braces() -> None:
    """`--help` showed "suggest [OPTIONS] PROFILE.json" but a usage error "{PROFILE.json}"."""
    r = runner.invoke(app, ["suggest", "--lang", "en"])
    assert r.exit_code == 2
    assert "PROFILE.json" in r.stderr and "{" not in r.stderr


WISHES = [
    "zorg", "care", "Care and welfare", "ICT", "ict", "techniek", "technology", "bouw", "construction",
    "logistiek", "logistics", "horeca", "hospitality", "onderwijs", "education", "kinderopvang",
    "childcare", "transport_logistics", "healthcare", "installatietechniek", "detailhandel", "",
]  # fmt: skip


def test_the_report_reads_sector_wishes_as_suggest_does() -> None:
    """The report reads a wish without the suggest index; it must read every wish as `suggest`
    does (either language; "healthcare" is no sector name's word)."""
    ref = skilltool.load_reference()
    index = load_index(ref)
    for wish in WISHES:
        assert wished_sector(ref.sectors, wish) == match_sector(index, wish), wish


@pytest.mark.parametrize(
    ("lang", "said", "shown"),
    [
        ("nl", "logistics", "logistics (Transport en logistiek)"),
        ("en", "zorg", "zorg (Care and welfare)"),
        ("en", "healthcare", "healthcare (none of the shortage sectors suggest knows"),
        ("nl", "Bouw", "Bouw"),
    ],
)
def test_a_sector_wish_shows_how_suggest_reads_it(lang: Lang, said: str, shown: str) -> None:
    """A wish typed in the other language was shown as typed, and one suggest does not read
    ("healthcare") as if it counted: the report names the sector it is read as, or says none."""
    ref = skilltool.load_reference()
    profile = skilltool.read_profile(DOCTOR)
    profile.wishes.sectors = [said]
    text = skilltool.render_report(profile, ref=ref, fmt="md", lang=lang)
    line = next(line for line in text.splitlines() if line.startswith(("- **Sectors**", "- **Sectoren**")))
    assert line.split(": ", 1)[1].startswith(shown), line


def test_an_older_profile_no_longer_points_at_a_data_file() -> None:
    """Profiles stored before user16 keep the diploma table's old reason, which named
    data/dutch_qualifications.yaml (a file a caseworker does not have): the level and "inferred by
    the project" were right, the pointer is shown as the table words it now."""
    assert "data/dutch_qualifications.yaml" in ARCHITECT.read_text("utf-8")
    for command in (["report", str(ARCHITECT), "--format", "md"], ["suggest", str(ARCHITECT)]):
        r = runner.invoke(app, [*command, "--lang", "en"], env={"COLUMNS": "400"})
        assert r.exit_code == 0, r.output
        assert "dutch_qualifications" not in r.stdout
        assert "skilltool diploma levels" in r.stdout
    assert messages.data_text("x (data/dutch_qualifications.yaml)", "en", "en", instead="x") == (
        "x (shown by skilltool diploma levels)"
    )
