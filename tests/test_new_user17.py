"""What a new user met (user17): a caseworker, a municipal data team and a researcher, each from a
fresh clone with the README and ``--help`` only. Each test pins one thing that stopped or misled
them (docs/python-api.md, "What a new user met (user17)")."""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter

import pytest
from typer.testing import CliRunner

import skilltool
from skilltool import batch_report, bulk_coding, messages
from skilltool.bulk_coding import Kind
from skilltool.cli import app
from skilltool.errors import NotFoundError, UsageError
from skilltool.models.base import Lang
from skilltool.sector_wishes import wished_sector
from skilltool.suggest_index_build import load_index
from skilltool.wish_coding import match_sector
from tests.test_report import tiny_manifest

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
    assert r.stderr.startswith("error: no country we know has the name given")


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
    text = skilltool.render_report(profile, ref=ref, format="md", lang=lang)
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


# --- the caseworker's report, printed and read aloud --------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_html_report_is_navigable_by_headings_and_headers(lang: str) -> None:
    """The suggestions' details were h4 straight under an h2 (a screen reader's outline skipped a
    level), the languages table had an empty header cell, and no header said what it heads."""
    r = runner.invoke(app, ["report", str(DOCTOR), "--lang", lang])
    assert r.exit_code == 0, r.output
    page = r.stdout
    assert f'<html lang="{lang}"' in page
    levels = [int(n) for n in re.findall(r"<h([1-6])[ >]", page)]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    headers = re.findall(r"<th([^>]*)>([^<]*)</th>", page)
    assert headers and all(attrs == ' scope="col"' and text.strip() for attrs, text in headers), headers


def test_the_batch_report_gives_its_charts_numbers_as_text() -> None:
    """Each chart is an svg with role img, which a screen reader reads as its title alone: the bars'
    names and counts are in a table beside it (visually hidden), the manifest's keys are row headers."""
    manifest = tiny_manifest()
    page = batch_report.render(manifest, {"occupations": Counter({"lasser": 2, "kapper": 1})}, lang="en")
    assert '<th scope="row">lasser</th><td>2 (67%)</td>' in page
    assert '<table class="sr-only">' in page and ".sr-only{" in page and "@media print" in page


# --- the researcher's coded file ------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["occupation", "skill"])
def test_every_column_of_a_coded_file_is_explained(kind: Kind) -> None:
    """`occupation code --input` added `occupation_1_uri` ... `occupation_problem`, explained
    nowhere (an ISCO group's URI looked like an occupation's, the score's scale was not said):
    docs/outputs.md names each added column."""
    doc = (REPO / "docs" / "outputs.md").read_text("utf-8")
    section = doc.split("## Coded files", 1)[1]
    for column in bulk_coding.candidate_columns(kind, 1):
        assert f"`{column.replace('_1_', '_N_')}`" in section, column


def test_an_empty_diploma_name_is_a_usage_error() -> None:
    """`diploma lookup ""` answered "no sourced comparison found" with exit 0, as if a diploma had
    been looked up; like `occupation code` with no title it is a usage error now."""
    r = runner.invoke(app, ["diploma", "lookup", " ", "--lang", "en"])
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.startswith("error: no diploma given")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_help_says_what_no_country_and_years_mean(lang: str) -> None:
    """`diploma list --help` did not say what happens without --country (every country), nor
    `diploma lookup --help` that --years can leave every match out."""
    shown = runner.invoke(app, ["diploma", "list", "--lang", lang, "--help"]).stdout
    assert ("Not given: every country" if lang == "en" else "Niet gegeven: alle landen") in " ".join(
        shown.split()
    )
    shown = runner.invoke(app, ["diploma", "lookup", "--lang", lang, "--help"]).stdout
    words = "names the entry left out" if lang == "en" else "noemt het antwoord de vermelding"
    assert words in " ".join(shown.split())


def test_render_report_refuses_a_client_language_in_english() -> None:
    """`render_report(client_lang="xx")` raised a UsageError whose ``.message`` was Dutch ("is geen
    van"); errors' messages are English for Python callers, the CLI says them in --lang."""
    ref = skilltool.load_reference()
    with pytest.raises(UsageError) as caught:
        skilltool.render_report(skilltool.read_profile(DOCTOR), ref=ref, client_lang="xx")
    assert caught.value.message == "--client-lang: 'xx' is not one of ar, fa, prs, ti, so, tr, uk"
    assert caught.value.render("nl").endswith("is geen van ar, fa, prs, ti, so, tr, uk")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_occupation_code_help_says_lang_is_also_the_reading_language(lang: str) -> None:
    """`occupation code --lang` said "language of the output" only, yet the coder reads a title in
    that language first (docs/coding.md): the same vacancy file gave other codes with --lang en."""
    shown = runner.invoke(app, ["occupation", "code", "--lang", lang, "--help"]).stdout
    words = "the language a title is read in first" if lang == "en" else "de taal waarin een titel eerst"
    assert words in " ".join(shown.split())
