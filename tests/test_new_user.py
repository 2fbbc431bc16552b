"""What a new user met (user13): a caseworker, a municipal data team and a researcher, each from a
fresh clone with the README and ``--help`` only. Each test pins one thing that stopped or misled
them (docs/python-api.md, "What a new user met")."""

from __future__ import annotations

import importlib.util
import json
import re
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from typer.core import TyperGroup
from typer.testing import CliRunner

import skilltool
from skilltool import batch, messages, table_out
from skilltool.cli import COMMANDS, _load_command, app
from skilltool.cli.common import examples

from .conftest import REPO

runner = CliRunner()
PERSONA = sorted((REPO / "examples" / "personas").glob("*.json"))[0]  # any profile will do


def _tree() -> list[tuple[tuple[str, ...], str | None]]:
    """Every command path with its docstring (where its help examples live), in the app's order."""
    found: list[tuple[tuple[str, ...], str | None]] = []
    for name in COMMANDS:
        command = _load_command(name)
        found.append(((name,), command.help))
        if isinstance(command, TyperGroup):
            ctx = typer.Context(command)
            for sub in command.list_commands(ctx):
                found.append(((name, sub), command.get_command(ctx, sub).help))  # type: ignore[union-attr]
    return found


TREE = _tree()


def _leaf(path: tuple[str, ...]) -> bool:
    """A command that runs (not a group of commands; `intake` is both)."""
    return path == ("intake",) or not any(other[: len(path)] == path and other != path for other, _ in TREE)


EXAMPLES = list(dict.fromkeys(line for _, doc in TREE for line in examples(doc)))

# Examples that are not run here, each with the reason; every other example runs with exit 0.
NOT_RUN = {
    "skilltool intake --lang nl --client-lang ar --out UTR-0147.json": "interactive",
    "skilltool intake --resume UTR-0147.json.draft.json": "interactive",
    "skilltool data build --sources ../shared/data --check": "needs the ESCO sources (tests/test_build.py)",
    "skilltool data build --sources ../shared/data --out /tmp/data-new": "needs the ESCO sources",
    "skilltool data diff data /tmp/data-new": "needs a built data folder (tests/test_cli_data.py)",
    "skilltool data diff old/occupations.yaml data/occupations.yaml --json": "needs an older data file",
    "printf 'lasser\\nelectrition\\nkapster\\n' | skilltool occupation code --json": "a pipe",
}


def _scratch(tmp_path: Path, line: str) -> Path:
    """A folder holding the files the examples name (a profile, an export, a mapping, a key, a file of
    vacancy titles), as a user would have them; the checkout's examples/ linked in."""
    (tmp_path / "examples").symlink_to(REPO / "examples")
    for target in (tmp_path / "profile.json", tmp_path / "build" / "demo" / "profile.json"):
        if f"--out {target.relative_to(tmp_path)}" in line:  # the example writes it (without --force)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(PERSONA, target)
    shutil.copy(REPO / "examples" / "batch" / "intakes.csv", tmp_path / "intakes.csv")
    template = batch.write_template(tmp_path / "template", lang="nl")
    by_name = {path.name: path for path in template}
    shutil.copy(by_name["intakes.xlsx"], tmp_path / "intakes.xlsx")
    shutil.copy(by_name["mapping.yaml"], tmp_path / "mijn_mapping.yaml")
    if "batch template" not in line:  # the template's own example writes my-batch itself
        shutil.copytree(tmp_path / "template", tmp_path / "my-batch")
    (tmp_path / "geheim.key").write_text("k3y-" + "x" * 40 + "\n", encoding="utf-8")
    titles = [["1", "lasser"], ["2", "kok"]]
    table_out.write_xlsx(tmp_path / "vacatures.xlsx", ["id", "functie"], titles, title="v")
    (tmp_path / "cv-regels.csv").write_text("id;vaardigheid\n1;lassen\n2;koken\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("line", EXAMPLES)
def test_every_help_example_runs(line: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each command line under "Examples:" in a --help works as written, with the files it names
    (the examples of `explain` and `occupation show` named an occupation and a URI the data do not
    have, and failed for whoever copied them)."""
    if line in NOT_RUN:
        pytest.skip(NOT_RUN[line])
    if "parquet" in line and importlib.util.find_spec("pyarrow") is None:
        pytest.skip("needs skilltool[parquet]")
    monkeypatch.chdir(_scratch(tmp_path, line))
    monkeypatch.delenv("SKILLTOOL_DATA_DIR", raising=False)
    argv = shlex.split(line.split(" > ", maxsplit=1)[0])[1:]
    r = runner.invoke(app, argv)
    assert r.exit_code == 0, f"{line}\n{r.output}"


def test_no_example_left_out_silently() -> None:
    """Every example that is not run is a real example of today's help (the list only shrinks)."""
    assert set(NOT_RUN) <= set(EXAMPLES)


@pytest.mark.parametrize("path", [path for path, _ in TREE], ids=" ".join)
def test_no_option_shows_a_bare_type(path: tuple[str, ...]) -> None:
    """No option of any command shows ``<str>``, ``<path>``, ``<dir>`` or ``<int range>`` as its value:
    `batch run` showed `--format <str>`, `--engine <str>`, `--mapping <path>`; `suggest`, `--top
    <int range>`; `data build`, `--sources <dir>`."""
    r = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "200", "SKILLTOOL_LANG": "en"})
    assert r.exit_code == 0, r.output
    options = [line for line in r.stdout.splitlines() if line.lstrip().startswith("-")]
    assert [line for line in options if re.search(r"<(str|path|dir|file|int|int range|float)>", line)] == []


def test_batch_format_and_engine_are_usage_errors(tmp_path: Path) -> None:
    """`batch --format csv` exited 1 (a data error) where `--engine spark` exits 2; both are usage
    errors now, and the help names the choices (`--format jsonl|parquet`)."""
    example = str(REPO / "examples" / "batch" / "intakes.csv")
    for option, value in (("--format", "csv"), ("--engine", "spark")):
        args = ["batch", example, "--out", str(tmp_path / "o"), option, value, "--lang", "en"]
        r = runner.invoke(app, args)
        assert r.exit_code == 2, r.output
        assert r.stderr.count("\n") == 1 and r.stderr.startswith(f"error: {option} '{value}'")
    assert not (tmp_path / "o").exists()
    r = runner.invoke(app, ["batch", "run", "--help"], env={"COLUMNS": "200", "SKILLTOOL_LANG": "en"})
    assert "--format jsonl|parquet" in r.stdout and "--engine local|dask" in r.stdout


@pytest.mark.parametrize(
    ("option", "dutch_what"), [("--mapping", "de kolomindeling"), ("--pseudonymise", "het sleutelbestand")]
)
def test_a_missing_mapping_or_key_is_said_in_the_users_language(
    tmp_path: Path, option: str, dutch_what: str
) -> None:
    """A missing mapping or key file said "kan ... niet lezen (No such file or directory)": the OS's
    English inside a Dutch line. Now as for a missing export: the file does not exist, in Dutch."""
    example = str(REPO / "examples" / "batch" / "intakes.csv")
    missing = tmp_path / "missing.yaml"
    r = runner.invoke(app, ["batch", example, "--out", str(tmp_path / "o"), option, str(missing)])
    assert r.exit_code == 1, r.output
    said = f"fout: {missing}: bestand bestaat niet; controleer de naam en de map van {dutch_what}"
    assert r.stderr.startswith(said)  # a missing key also says how to make one (user29)
    assert r.stderr.count("\n") == 1


def test_explain_says_where_to_find_a_label() -> None:
    """`explain PROFILE WORD` with a word that is no exact label said to give an exact label, not
    how to find one; it now names `skilltool occupation code`."""
    r = runner.invoke(app, ["explain", str(PERSONA), "bouwvakker-timmerman-metselaar", "--lang", "en"])
    assert r.exit_code == 1, r.output
    assert "`skilltool occupation code TEXT`" in r.stderr and r.stderr.count("\n") == 1
    r = runner.invoke(app, ["explain", str(PERSONA), "http://data.europa.eu/esco/occupation/nope"])
    assert r.exit_code == 1, r.output
    assert "`skilltool occupation code TEKST`" in r.stderr


def test_run_batch_takes_the_options_of_the_command(tmp_path: Path) -> None:
    """`skilltool batch` has --sheet, --delimiter and --xlsx; `run_batch` had no way to say them, so
    a data team with a workbook whose intakes are not on the first sheet could not use the API."""
    template = {path.name: path for path in batch.write_template(tmp_path / "t", lang="en")}
    manifest = skilltool.run_batch(
        template["intakes.xlsx"],
        out=tmp_path / "out",
        mapping=template["mapping.yaml"],
        sheet="intakes",
        xlsx=True,
        lang="en",
    )
    assert "summary.xlsx" in manifest.outputs and (tmp_path / "out" / "summary.xlsx").is_file()
    assert manifest.counts.rows_read == manifest.counts.rows_written + manifest.counts.rows_rejected
    manifest = skilltool.run_batch(
        template["intakes.csv"], out=tmp_path / "csv", mapping=template["mapping.yaml"], delimiter=";"
    )
    assert manifest.counts.rows_written > 0


def test_code_file_is_the_cli_file_job(tmp_path: Path) -> None:
    """`occupation code --input` had no Python function; `skilltool.code_file` writes the same file."""
    src = tmp_path / "titels.csv"
    src.write_text("id;functie\n1;lasser\n2;\n3;kapper\n", encoding="utf-8")
    summary = skilltool.code_file(src, column="functie", out=tmp_path / "api.csv", top=2)
    assert (summary.rows, summary.coded, summary.empty) == (3, 2, 1)
    args = ["--input", str(src), "--column", "functie", "--out", str(tmp_path / "cli.csv"), "--top", "2"]
    r = runner.invoke(app, ["occupation", "code", *args])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "api.csv").read_bytes() == (tmp_path / "cli.csv").read_bytes()
    assert (tmp_path / "api.csv").stat().st_mode & 0o077 == 0


@pytest.mark.parametrize("subject", ["Petroleum", "Chemical"])
def test_an_engineering_degree_is_not_shown_as_veterinary_medicine(subject: str) -> None:
    """The report of the bundled engineer said "Match: Bachelor in Veterinary Medicine": a Syrian
    "Bachelor of X Engineering" with the field "X engineering" matched the right entry (the five-year
    professional bachelor's) but was shown by the name closest to name and field together, where the
    repeated words make every name score alike. The name shown is now the one closest to the name
    given, or to name and field, whichever is closer."""
    args = ["diploma", "lookup", f"Bachelor of {subject} Engineering", "-c", "SY", "--json"]
    r = runner.invoke(app, [*args, "--field", f"{subject.lower()} engineering"])
    assert r.exit_code == 0, r.output
    first = json.loads(r.stdout)["matches"][0]
    assert first["entry_id"] == "sy-bachelor-5yr-professional"
    assert first["qualification"] == "Bachelor in Engineering"


def test_the_readme_shows_what_batch_prints() -> None:
    """The README's batch session showed labels the command no longer printed ("rows read",
    "seconds": English words for a Dutch run); now its labels, capitalised alike in both languages
    (the English run printed "Rows read" above "seconds"), are the command's own."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    keys = ["rows_read", "rows_written", "rows_rejected", "blank", "seconds", "outputs"]
    for key in keys:
        assert messages.t(f"batch.{key}", "nl") in readme, key
        for lang in messages.LANGS:
            label = messages.t(f"batch.{key}", lang)
            assert label[0].isupper(), (lang, label)


def test_the_readme_counts_the_personas() -> None:
    """The README said the examples hold 77 personas; they hold more (the count is now checked)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    said = {int(n) for n in re.findall(r"(\d+) (?:profiles \(|in all\), each)", readme)}
    assert said == {len(list((REPO / "examples" / "personas").glob("*.json")))}


def test_occupation_show_of_a_group_names_its_tightness_fields() -> None:
    """`occupation show ISCO --json` gave the tightness per BRC group as `[label, {...}]` pairs, to be
    taken apart by position, where `occupation show URI` names `brc`, `brc_label`, `tightness` and
    `tightness_text`; a group's list now holds objects with those names."""
    r = runner.invoke(app, ["occupation", "show", "7212", "--json", "--lang", "en"])
    assert r.exit_code == 0, r.output
    groups = json.loads(r.stdout)["tightness"]
    assert groups and all(isinstance(group, dict) for group in groups)
    one = json.loads(runner.invoke(app, ["occupation", "show", "7212.1", "--json"]).stdout)
    names = {"brc", "brc_label", "tightness", "tightness_text"}
    assert set(groups[0]) == names and names <= set(one)
    assert groups[0]["tightness_text"].startswith("very tight")  # in --lang, as the table says it


@pytest.mark.parametrize("path", [path for path, doc in TREE if _leaf(path)], ids=" ".join)
def test_every_command_takes_lang(path: tuple[str, ...]) -> None:
    """`--lang` is an option of every command (`profile schema` had none), so the hint below is true."""
    r = runner.invoke(app, [*path, "--lang", "en", "--help"])
    assert r.exit_code == 0, r.output
    assert "Show this help and exit." in r.stdout


LANG_FIRST = [["--lang", "en", "data", "info"], ["occupation", "--lang", "en", "code", "a"]]


@pytest.mark.parametrize("args", LANG_FIRST)
def test_lang_before_the_command_says_where_it_goes(args: list[str]) -> None:
    """`skilltool --lang en data info` said only "No such option: --lang"; now it says to put it
    after the command or to set SKILLTOOL_LANG (exit 2, in the language asked for)."""
    r = runner.invoke(app, args)
    assert r.exit_code == 2, r.output
    assert "--lang goes after the command" in r.stderr and "SKILLTOOL_LANG=en" in r.stderr


def test_report_writes_what_its_out_name_says(tmp_path: Path) -> None:
    """`report P --out r.md` wrote HTML into r.md and `--out r.pdf` HTML into a .pdf, without a word.
    Now the ending chooses the format when --format is not given; an ending that is neither, or one
    that contradicts --format, is a usage error (exit 2) and nothing is written."""
    r = runner.invoke(app, ["report", str(PERSONA), "--out", str(tmp_path / "r.md")])
    assert r.exit_code == 0, r.output
    assert not (tmp_path / "r.md").read_text(encoding="utf-8").lstrip().startswith("<")
    r = runner.invoke(app, ["report", str(PERSONA), "--out", str(tmp_path / "r.html")])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    for args in (["--out", str(tmp_path / "r.pdf")], ["--format", "md", "--out", str(tmp_path / "x.html")]):
        r = runner.invoke(app, ["report", str(PERSONA), *args, "--lang", "en"])
        assert r.exit_code == 2, r.output
        assert r.stderr.startswith("error: --out ") and r.stderr.count("\n") == 1
    assert not (tmp_path / "r.pdf").exists() and not (tmp_path / "x.html").exists()


def test_an_export_with_other_columns_is_told_how_to_map_them(tmp_path: Path) -> None:
    """A municipality's own export (other column names) was told to "point --mapping at a mapping",
    not where to get one; the line now names `skilltool batch template`."""
    export = tmp_path / "export.csv"
    export.write_text("ref;jaar;herkomst\nA-1;1990;Syrië\n", encoding="utf-8")
    r = runner.invoke(app, ["batch", str(export), "--out", str(tmp_path / "o"), "--lang", "en"])
    assert r.exit_code == 1, r.output
    assert "`skilltool batch template --out DIR`" in r.stderr and r.stderr.count("\n") == 1


def test_the_api_refuses_what_the_cli_refuses() -> None:
    """`code_occupation(..., lang="de")` answered in English and `top=0` with nothing, where the
    command line refuses both (exit 2); the API raises `UsageError` with the same kind of line."""
    from skilltool.errors import UsageError

    ref = skilltool.load_reference()
    profile = skilltool.read_profile(PERSONA)
    calls: list[Callable[[], object]] = [
        lambda: skilltool.code_occupation("lasser", ref=ref, lang="de"),  # type: ignore[arg-type]
        lambda: skilltool.code_occupation("lasser", ref=ref, top=0),
        lambda: skilltool.code_skill("lassen", ref=ref, top=0),
        lambda: skilltool.lookup_diploma("ijaza", ref=ref, lang="EN"),  # type: ignore[arg-type]
        lambda: skilltool.suggest_occupations(profile, ref=ref, top=0),
        lambda: skilltool.explain_occupation(profile, ref=ref, occupation="lasser", lang="fr"),  # type: ignore[arg-type]
    ]
    for call in calls:
        with pytest.raises(UsageError) as caught:
            call()
        assert caught.value.exit_code == 2 and "\n" not in caught.value.message
    assert skilltool.code_occupation("lasser", ref=ref, lang="en", top=1).candidates


GROUPS = [(), *(path for path, _ in TREE if not _leaf(path) or path == ("intake",))]


@pytest.mark.parametrize("lang", messages.LANGS)
@pytest.mark.parametrize("path", GROUPS, ids=lambda p: " ".join(p) or "skilltool")
def test_a_group_says_what_each_command_does(path: tuple[str, ...], lang: str) -> None:
    """A group's list of commands cut each line at one line's width, mid-phrase ("List per client
    language the texts that are missing and..."); now each says a whole first sentence (or its
    `.short` text), at 80 columns too."""
    r = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "80", "SKILLTOOL_LANG": lang})
    assert r.exit_code == 0, r.output
    listed = r.stdout.split(messages.t("help.commands", lang), 1)[1]
    assert "..." not in listed, listed


@pytest.mark.parametrize(("command", "text"), [("occupation", "lasser"), ("skill", "lassen")])
def test_code_json_help_names_the_lines_it_prints(command: str, text: str) -> None:
    """`occupation code --json` prints JSON Lines, one object per text, where its option said only
    "Print JSON on stdout instead of a table"; the help now says so and names the keys printed."""
    r = runner.invoke(app, [command, "code", text, "--json"])
    assert r.exit_code == 0, r.output
    keys = list(json.loads(r.stdout.splitlines()[0]))
    said = messages.t(f"help.{command}.code.opt.json", "en")
    assert "JSON Lines: " + ", ".join(keys) + ")" in said
