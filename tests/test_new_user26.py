"""What a new user met (user26): a caseworker, a municipal data team and a researcher, each from
the README and ``--help`` only, and what user25 left. Each test pins one thing that stopped or
misled them (docs/python-api.md, "What a new user met (user26)")."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Literal

import pytest
from typer.testing import CliRunner

import skilltool
from skilltool import batch_state, batch_summary, messages
from skilltool.cli import app
from skilltool.languages import language_name

from .conftest import REPO

runner = CliRunner()
PERSONAS = REPO / "examples" / "personas"
FLAGGED = PERSONAS / "afghan_18_onderwijsroute_labourer_iran.json"  # its one job's code needs review
CONFIRMED = PERSONAS / "afghan_19_no_school_herding.json"  # nothing to review
DOCTOR = PERSONAS / "afghan_md_big_b1.json"


# --- the caseworker: a code the tool was not sure of, in plain words ----------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_report_says_what_an_unconfirmed_code_means_and_what_to_do(lang: Literal["nl", "en"]) -> None:
    """The printed report said "Nog te beoordelen: <title> - Andere mogelijkheden:" and then based
    the own trade, the suggestions and the steps on that code without a word. It now says, beside
    the job, that the tool chose the code and is not sure, and to ask the client and pick one; and
    above the plan, that the plan rests on a code nobody confirmed."""
    ref = skilltool.load_reference()
    profile = skilltool.read_profile(FLAGGED)
    page = skilltool.render_report(profile, ref=ref, format="md", lang=lang)
    code = messages.t("report.review_code", lang)
    plan = messages.t("report.review_plan", lang, n=1)
    assert f"— {code} {messages.t('report.alternatives', lang)}:" in page
    assert plan in page
    own_trade = page.index("\n## ", page.index(plan))
    work = page.index("## Werkervaring" if lang == "nl" else "## Work experience")
    assert work < page.index(plan) < own_trade
    calm = skilltool.render_report(skilltool.read_profile(CONFIRMED), ref=ref, format="md", lang=lang)
    assert code not in calm and messages.t("report.review_plan", lang, n=1)[:20] not in calm


def test_a_flagged_code_without_alternatives_still_says_what_to_do() -> None:
    """The note was written only when the coder had alternatives: a flagged code without any had
    "Nog te beoordelen" in the table and nothing to say what it meant."""
    ref = skilltool.load_reference()
    profile = skilltool.read_profile(FLAGGED)
    profile.work[0].alternatives = []
    page = skilltool.render_report(profile, ref=ref, format="html", lang="nl")
    assert messages.t("report.review_code", "nl") in page
    assert messages.t("report.alternatives", "nl") not in page


ANSWERS = """\
personal:
  client_ref: U26-T-0001
  birth_year: 1988
  country_of_origin: SY
languages:
  dutch_cefr: A2
work:
  - title: ik hielp in de zaak van mijn oom met van alles
    years: 5
"""


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("nl", "met een beroepscode die de tool niet zeker wist en die nog niet is bevestigd"),
        ("en", "with an occupation code the tool was not sure of and nobody has confirmed"),
    ],
)
def test_the_intake_says_what_a_code_to_review_means(tmp_path: Path, lang: str, said: str) -> None:
    """The intake ended with "1 werkervaring(en) nog te beoordelen": what that meant and what to do
    about it was nowhere. It says that the plan rests on the code and to discuss it first."""
    answers = tmp_path / "a.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    out = tmp_path / "p.json"
    r = runner.invoke(app, ["intake", "--answers", str(answers), "--out", str(out), "--lang", lang])
    assert r.exit_code == 0, r.output
    if not any(w.needs_review for w in skilltool.read_profile(out).work):
        pytest.skip("the coder is sure of this title now; the line is shown for a code to review only")
    assert said in r.stderr and "skilltool report" in r.stderr


def test_whole_number_errors_say_geheel_getal() -> None:
    """The Dutch catalogue said "geen geheel getal" in a batch and "geen heel getal" in the intake
    for the same mistake; "geheel getal" is the term."""
    catalogue = (REPO / "src" / "skilltool" / "messages" / "nl.yaml").read_text("utf-8")
    assert "geheel getal" in catalogue and re.findall(r".*(?<!ge)heel getal.*", catalogue) == []
    assert messages.t("answer.whole", "nl", value="nee") == "'nee' is geen geheel getal"


# --- every --json: the keys its help names are the keys it prints -----------------------------------


def _groups(text: str) -> list[str]:
    """The top-level parenthesised groups of a help text, in order."""
    groups, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
            if depth == 1:
                start = i + 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                groups.append(text[start:i])
    return groups


def documented_keys(text: str, group: int = 0) -> list[str]:
    """The keys a help text names in its ``group``-th brackets: ``a, b: what b is, c (x, y)``."""
    parts, depth, current = [], 0, ""
    for ch in _groups(text)[group].removeprefix("JSON Lines: "):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    keys = [re.split(r"[:(]", p, maxsplit=1)[0].strip() for p in [*parts, current]]
    assert all(re.fullmatch(r"[a-z_0-9]+", k) for k in keys), keys
    return keys


def _batch_input(tmp_path: Path) -> Path:
    lines = (REPO / "examples" / "batch" / "intakes.csv").read_bytes().splitlines(keepends=True)
    path = tmp_path / "two.csv"
    path.write_bytes(b"".join(lines[:3]))
    return path


CASES = [
    ("suggest", lambda _: ["suggest", str(DOCTOR)], 0),
    ("explain", lambda _: ["explain", str(DOCTOR), "2211"], 0),
    ("diploma.lookup", lambda _: ["diploma", "lookup", "-c", "SY", "bachelor"], 0),
    ("diploma.coverage", lambda _: ["diploma", "coverage"], 0),
    ("diploma.levels", lambda _: ["diploma", "levels"], 0),
    ("diploma.list", lambda _: ["diploma", "list", "-c", "SY"], 0),
    ("intake.languages", lambda _: ["intake", "languages"], 0),
    ("occupation.code", lambda _: ["occupation", "code", "lasser"], 0),
    ("skill.code", lambda _: ["skill", "code", "lassen"], 0),
    ("occupation.show", lambda _: ["occupation", "show", "7212", "--lang", "en"], 1),
    ("data.info", lambda _: ["data", "info"], 0),
    ("data.validate", lambda _: ["data", "validate"], 0),
    ("data.diff", lambda _: ["data", "diff", str(REPO / "data"), str(REPO / "data")], 0),
    ("batch.run", lambda tmp: ["batch", str(_batch_input(tmp)), "--out", str(tmp / "out")], 0),
]


@pytest.mark.parametrize(("command", "args", "group"), CASES, ids=[c[0] for c in CASES])
def test_every_json_output_prints_exactly_the_keys_its_help_names(
    tmp_path: Path, command: str, args: object, group: int
) -> None:
    """`data info --json` printed thirteen keys and its help named five, `data diff --json` seven
    and one, `batch --json` fourteen and four: a team that reads --help to build on the JSON met
    keys nobody described. For every command with --json the help's list (in both languages) is
    the object's keys, no more and no fewer (user16's test asked only that none was left out)."""
    r = runner.invoke(app, [*args(tmp_path), "--json"])  # type: ignore[operator]
    assert r.exit_code == 0, r.output
    first = r.stdout.splitlines()[0] if command.endswith(".code") else r.stdout
    data = json.loads(first)
    printed = list((data[0] if isinstance(data, list) else data).keys())
    for lang in ("nl", "en"):
        said = documented_keys(messages.t(f"help.{command}.opt.json", lang), group)
        assert sorted(said) == sorted(printed), (lang, command)


def test_an_occupation_show_names_an_occupations_keys_too() -> None:
    """`occupation show` prints one of two shapes; the first bracket of its help is an occupation's."""
    uri = skilltool.code_occupation("lasser", ref=skilltool.load_reference()).candidates[0].uri
    r = runner.invoke(app, ["occupation", "show", uri, "--json"])
    assert r.exit_code == 0, r.output
    said = documented_keys(messages.t("help.occupation.show.opt.json", "en"), 0)
    assert sorted(said) == sorted(json.loads(r.stdout))


@pytest.mark.parametrize("command", ["occupation", "skill"])
def test_a_file_jobs_json_prints_the_keys_its_help_names(tmp_path: Path, command: str) -> None:
    """`code --input ... --json` prints one object of counts; its keys are the second bracket."""
    src = tmp_path / "t.csv"
    src.write_text("titel\nlasser\n\n", encoding="utf-8")
    out = tmp_path / "o.csv"
    args = [command, "code", "--input", str(src), "--column", "titel", "--out", str(out), "--json"]
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    for lang in ("nl", "en"):
        said = documented_keys(messages.t(f"help.{command}.code.opt.json", lang), 1)
        assert sorted(said) == sorted(json.loads(r.stdout)), lang


# --- the data team's manager: report.html says what each number means and why rows were refused -------


CSV = (
    "klantnummer;geboortejaar;land_herkomst;beroep_1;beroep_1_jaren\n"
    "U26-1;1990;Syrië;lasser;6\n"
    "U26-2;negentien;Eritrea;kok;2\n"
    "U26-3;1850;Iran;kapper;3\n"
    "U26-4;1880;Iran;kapper;3\n"
)


def _run(tmp_path: Path, text: str, *extra: str) -> tuple[object, Path]:
    tmp_path.mkdir(exist_ok=True)
    src = tmp_path / "export.csv"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    return runner.invoke(app, [*extra, "batch", str(src), "--out", str(out)]), out


def test_the_batch_report_says_what_each_number_means_and_why_rows_were_rejected(tmp_path: Path) -> None:
    """A manager who never ran the tool read "Te controleren 54%" and "Afgewezen 9" with nothing to
    say what either counted, and a chart of columns without the reasons. report.html now explains
    each count and lists the reasons with how many rows each, as errors.csv words them."""
    r, out = _run(tmp_path, CSV, "--quiet")
    assert r.exit_code == 0, r.output  # type: ignore[attr-defined]
    page = (out / "report.html").read_text("utf-8")
    for key in ("rows_read", "rows_written", "rows_rejected", "blank", "review_rate"):
        assert messages.t(f"batch.meaning.{key}", "nl").replace("'", "&#39;") in page
    assert messages.t("batch.reasons", "nl") in page
    rows = re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td><td>(\d+)</td></tr>", page)
    assert ("geboortejaar", "moet minstens 1900 zijn", "2") in rows
    assert ("geboortejaar", messages.t("reason.value.int_parsing", "nl"), "1") in rows
    reasons_in_errors = (out / "errors.csv").read_text("utf-8-sig").count("\n") - 1
    assert sum(int(n) for *_, n in rows) == reasons_in_errors == 3


def test_a_batch_without_rejections_has_no_reasons_table(tmp_path: Path) -> None:
    """The reasons table is there only when a row was rejected."""
    r, out = _run(tmp_path, "\n".join(CSV.splitlines()[:2]) + "\n", "--quiet")
    assert r.exit_code == 0, r.output  # type: ignore[attr-defined]
    assert messages.t("batch.reasons", "nl") not in (out / "report.html").read_text("utf-8")


def test_a_batch_that_rejects_every_row_says_so_as_a_warning(tmp_path: Path) -> None:
    """Next month's export with a column renamed rejected every row, and the run ended "3 rij(en)
    afgewezen" with exit 0, a status line that --quiet hides. Exit 0 stays (a completed batch;
    --fail-on-rejects is the switch for a scheduled run), but not one profile made is a warning,
    shown with --quiet, that names the likely cause and the switch."""
    bad = "klantnummer;geboortejaar;land_herkomst\nU26-1;1850;Syrië\nU26-2;1860;Iran\n"
    r, _ = _run(tmp_path, bad, "--quiet")
    assert r.exit_code == 0, r.output  # type: ignore[attr-defined]
    assert "alle 2 rij(en) afgewezen, geen enkel profiel gemaakt" in r.stderr  # type: ignore[attr-defined]
    assert "--fail-on-rejects" in r.stderr  # type: ignore[attr-defined]
    r, _ = _run(tmp_path / "again", "\n".join(CSV.splitlines()[:3]) + "\n")
    assert "geen enkel profiel" not in r.stderr  # type: ignore[attr-defined]
    assert "1 rij(en) afgewezen" in r.stderr  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("key", ["help.intake.opt.client_lang", "help.report.opt.client_lang"])
def test_client_lang_help_names_each_language_a_caseworker_can_choose(lang: str, key: str) -> None:
    """`intake --help` listed "ar, fa, prs, ti, so, tr, uk": a caseworker does not know that prs is
    Dari or so Somali. Each client language with a script file is named beside its code, as
    `intake languages` names it."""
    said = messages.t(key, lang)
    codes = sorted(p.stem for p in (REPO / "data" / "intake" / "i18n").glob("*.yaml"))
    assert codes and [c for c in codes if f"{c} ({language_name(c, lang)}" not in said] == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_level_chart_says_a_range_counts_at_its_top(lang: str) -> None:
    """A researcher found a person at NLQF "2-3" in the `people` table and at "3" in report.html's
    level chart: the chart counts a range at its top, and its heading now says so."""
    profile = skilltool.read_profile(PERSONAS / "afghan_car_mechanic.json")
    level, top, _ = batch_summary.highest_nlqf(profile)
    assert top == 4
    assert level == "2-4" and ("nlqf", "4") in batch_summary.profile_counts(profile, lang)
    assert "2-3" in messages.t("batch.nlqf", lang)


def test_a_checkpoint_keeps_the_reasons_and_an_older_one_loads_without_them(tmp_path: Path) -> None:
    """The reasons table is counted as the run goes, so ``--resume`` must keep it: the checkpoint
    carries the counter, and one written before this session (no ``reasons``) still loads, with
    the table empty rather than the batch started afresh."""
    state = batch_state.State(fingerprint="f", created="2026-01-05T10:00:00+00:00")
    state.stats["reasons"]["geboortejaar\tmoet minstens 1900 zijn"] += 2
    path = tmp_path / "state.json"
    path.write_text(state.dump(), encoding="utf-8")
    loaded = batch_state.State.load(path)
    assert loaded is not None and loaded.stats["reasons"] == state.stats["reasons"]
    older = json.loads(state.dump())
    del older["stats"]["reasons"]
    path.write_text(json.dumps(older), encoding="utf-8")
    loaded = batch_state.State.load(path)
    assert loaded is not None and loaded.stats["reasons"] == {}
