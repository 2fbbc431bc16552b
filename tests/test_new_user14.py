"""What a new user met (user14): a caseworker, a municipal data team and a researcher, each from a
fresh clone with the README and ``--help`` only. Each test pins one thing that stopped or misled
them (docs/python-api.md, "What a new user met (user14)")."""

from __future__ import annotations

import inspect
import json
import re
import types
import typing
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml
from typer.core import TyperGroup
from typer.testing import CliRunner, Result

import skilltool
from skilltool import messages
from skilltool.cli import COMMANDS, _load_command, app
from skilltool.errors import OutputError, UsageError
from skilltool.models.base import Bilingual
from skilltool.models.regulated import NotPractised, RegulatedFile, RegulatedProfession

from .conftest import REPO

runner = CliRunner()
DOCTOR = REPO / "examples" / "personas" / "afghan_md_big_b1.json"  # a regulated profession, CBGV
WELDER = REPO / "examples" / "answers" / "eritrea-welder.yaml"


def _bilingual(annotation: object) -> bool:
    args = typing.get_args(annotation) if isinstance(annotation, types.UnionType) else (annotation,)
    return Bilingual in args


# Text fields of regulated_nl.yaml that no output shows (the model's own ids, the legal basis kept
# for the curator, the curator's note on what is assumed, ESCO's English label and a period).
NOT_SHOWN = {"id", "assumption", "uri", "label", "period"}


def test_regulated_texts_have_both_languages() -> None:
    """Every text of data/regulated_nl.yaml an output shows is given in Dutch and in English (the
    body that decides was Dutch only: "(CIBG / BIG-register, advies van de CBGV)" in English output);
    a new text field must be bilingual or said here not to be shown."""
    for model in (RegulatedProfession, NotPractised):
        for name, field in model.model_fields.items():
            if field.annotation is str or field.annotation == str | None:
                assert name in NOT_SHOWN, f"{model.__name__}.{name}: a shown text needs nl and en"
    text = (REPO / "data" / "regulated_nl.yaml").read_text("utf-8")
    data = RegulatedFile.model_validate(yaml.safe_load(text))
    items: list[RegulatedProfession | NotPractised] = [*data.professions, *data.not_practised]
    seen = 0
    for item in items:
        for name, field in type(item).model_fields.items():
            value = getattr(item, name)
            if _bilingual(field.annotation) and value is not None:
                assert value.nl.strip() and value.en.strip(), f"{name} of {item}"
                seen += 1
    assert seen > 3 * len(data.professions)  # name, route and authority of each at least


def test_suggest_and_report_name_the_body_in_english() -> None:
    """`suggest --lang en` and `report --lang en` name the deciding body in English (also in a
    stored profile's next steps), and in Dutch with `--lang nl`."""
    en = runner.invoke(app, ["suggest", str(DOCTOR), "--lang", "en", "--top", "3"], env={"COLUMNS": "300"})
    assert en.exit_code == 0, en.output
    assert "advice of the" in en.stdout and "advies van de" not in en.stdout
    nl = runner.invoke(app, ["suggest", str(DOCTOR), "--lang", "nl", "--top", "3"], env={"COLUMNS": "300"})
    assert "advies van de" in nl.stdout
    report = runner.invoke(app, ["report", str(DOCTOR), "--lang", "en", "--format", "md"])
    assert report.exit_code == 0, report.output
    assert "advice of the" in report.stdout and "advies van de" not in report.stdout


def _one_line(r: Result) -> str:
    assert r.exit_code == 1 and "Traceback" not in r.output, r.output
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    return lines[0]


# Each command with an --out FILE, as a user runs it (the {out} is an existing file).
OUT_FILE_COMMANDS = [
    ("occupation", "code", "--input", "{titles}", "--column", "functie", "--out", "{out}.csv"),
    ("skill", "code", "--input", "{titles}", "--column", "functie", "--out", "{out}.csv"),
    ("report", str(DOCTOR), "--out", "{out}.html"),
    (
        "intake",
        "--answers",
        str(REPO / "examples" / "answers" / "eritrea-welder.yaml"),
        "--out",
        "{out}.json",
    ),
    ("intake", "languages", "--export", "ar", "--out", "{out}.xlsx"),
]


@pytest.mark.parametrize("command", OUT_FILE_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_an_existing_out_file_needs_force(command: tuple[str, ...], tmp_path: Path) -> None:
    """`occupation code --out`, `skill code --out`, `report --out`, `intake --out` and `intake
    languages --out` replaced an existing file without a word, where `batch` refuses an --out that
    holds something unless --force: one rule now, refused with one line naming --force (exit 1,
    the file as it was), replaced with --force."""
    titles = tmp_path / "vacatures.csv"
    titles.write_text("id;functie\n1;lasser\n2;kok\n", encoding="utf-8")
    argv = [a.format(titles=titles, out=tmp_path / "mine") for a in command]
    out = Path(argv[-1])
    out.write_text("earlier work", encoding="utf-8")
    r = runner.invoke(app, [*argv, "--lang", "en"])
    assert _one_line(r) == f"error: {out}: already exists; add --force to replace it, or choose another --out"
    assert out.read_text(encoding="utf-8") == "earlier work"
    r = runner.invoke(app, [*argv, "--lang", "nl", "--force"])
    assert r.exit_code == 0, r.output
    assert out.read_bytes()[:12] != b"earlier work"


def test_an_existing_out_is_refused_in_dutch_too(tmp_path: Path) -> None:
    """The refusal speaks the command's language."""
    out = tmp_path / "rapport.md"
    out.write_text("x", encoding="utf-8")
    r = runner.invoke(app, ["report", str(DOCTOR), "--out", str(out)])
    assert (
        _one_line(r)
        == f"fout: {out}: bestaat al; voeg --force toe om het te vervangen, of kies een andere --out"
    )


def test_code_file_refuses_an_existing_out_like_the_command(tmp_path: Path) -> None:
    """The API's ``code_file`` follows the same rule as ``occupation code --out`` (``force=True``
    as ``--force``)."""
    titles = tmp_path / "vacatures.csv"
    titles.write_text("id;functie\n1;lasser\n", encoding="utf-8")
    out = tmp_path / "gecodeerd.csv"
    out.write_text("earlier work", encoding="utf-8")
    with pytest.raises(OutputError, match="give force=True"):
        skilltool.code_file(titles, column="functie", out=out)
    assert skilltool.code_file(titles, column="functie", out=out, force=True).rows == 1


def test_batch_template_replaces_its_files_with_force(tmp_path: Path) -> None:
    """`batch template --out` refused its files already there with no way to replace them; --force
    replaces them, as everywhere."""
    assert runner.invoke(app, ["batch", "template", "--out", str(tmp_path)]).exit_code == 0
    (tmp_path / "mapping.yaml").write_text("mine", encoding="utf-8")
    r = runner.invoke(app, ["batch", "template", "--out", str(tmp_path), "--lang", "en"])
    assert "add --force to replace it" in _one_line(r)
    r = runner.invoke(app, ["batch", "template", "--out", str(tmp_path), "--force"])
    assert r.exit_code == 0 and (tmp_path / "mapping.yaml").read_text(encoding="utf-8") != "mine"


def _commands() -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for name in COMMANDS:
        command = _load_command(name)
        found.append((name,))
        if isinstance(command, TyperGroup):
            ctx = typer.Context(command)
            found.extend((name, sub) for sub in command.list_commands(ctx))
    return found


def _options(path: tuple[str, ...]) -> dict[str, Any]:
    """Every option name of the command at ``path`` -> its option (Typer's own click types)."""
    command = _load_command(path[0])
    if len(path) > 1:
        assert isinstance(command, TyperGroup)
        sub = command.get_command(typer.Context(command), path[1])
        assert sub is not None
        command = sub
    return {o: p for p in command.params if p.param_type_name == "option" for o in p.opts}


@pytest.mark.parametrize("path", _commands(), ids=" ".join)
def test_every_out_says_the_rule(path: tuple[str, ...]) -> None:
    """Every command with --out has --force, and its --help says the rule at --out, in Dutch and
    in English (one rule, said where the option is)."""
    if "--out" not in _options(path):
        return
    assert "--force" in _options(path)
    for lang, words in (("en", "only with --force"), ("nl", "alleen met --force")):
        r = runner.invoke(app, [*path, "--help"], env={"SKILLTOOL_LANG": lang})
        text = r.stdout.split("Options:" if lang == "en" else "Opties:")[1]
        block = re.split(r"\n  (?=-)", text)  # one block per option, its wrapped lines joined
        out_line = " ".join(next(b for b in block if re.match(r"\s*(-o, )?--out", b)).split())
        assert words in out_line, out_line


def test_a_short_option_means_one_thing_in_every_command() -> None:
    """`-c` was --country in `diploma lookup` and --column in `occupation code`; now every short
    option names one long option across the tool (-c is --country; -o --out, -n --top everywhere
    they exist). The old -c of --column is hidden and only kept with a hint."""
    meaning: dict[str, set[str]] = {}
    for path in _commands():
        for option in {id(o): o for o in _options(path).values()}.values():
            if option.hidden:
                continue
            longs = [o for o in option.opts if o.startswith("--")]
            for short in (o for o in option.opts if not o.startswith("--")):
                meaning.setdefault(short, set()).update(longs)
    assert {s: sorted(ls) for s, ls in meaning.items() if len(ls) != 1} == {}
    assert meaning["-c"] == {"--country"} and meaning["-o"] == {"--out"} and meaning["-n"] == {"--top"}
    for path in _commands():  # wherever the long option is, so is its short one
        options = _options(path)
        for short, (long,) in meaning.items():
            if long in options and short != "-h":
                assert short in options[long].opts, (path, long, short)


def test_the_old_c_of_column_still_works_with_a_hint(tmp_path: Path) -> None:
    """A script that wrote `occupation code --input F -c COLUMN` keeps working, and is told once on
    stderr to write --column."""
    titles = tmp_path / "vacatures.csv"
    titles.write_text("id;functie\n1;lasser\n", encoding="utf-8")
    out = tmp_path / "gecodeerd.csv"
    argv = ["--input", str(titles), "-c", "functie", "--out", str(out), "--lang", "en"]
    for command in ("occupation", "skill"):
        r = runner.invoke(app, [command, "code", *argv, "--force"])
        assert r.exit_code == 0, r.output
        assert r.stderr.splitlines()[0] == (
            "warning: -c for --column is going away: -c means --country, as in diploma lookup; write --column"
        )
        assert out.exists()


def test_the_tightness_codes_of_the_parquet_tables_are_explained() -> None:
    """An English Parquet export held `krap`, `vrijwel geen` and `verdere verkrapping` (the sources'
    Dutch codes) where summary.csv said "tight": docs/outputs.md lists every code with the English
    words the other outputs use, and the list is the catalogue's."""
    docs = (REPO / "docs" / "outputs.md").read_text(encoding="utf-8")
    catalogue = messages.catalogue("en")
    for column, kind in (
        ("tightness` (UWV)", "category"),
        ("tightness_forecast` (ROA", "forecast"),
        ("tightness_forecast_direction` (ROA", "direction"),
    ):
        line = next(row for row in docs.splitlines() if row.startswith(f"| `{column}"))
        said = dict(re.findall(r"`([a-z ]+)` ([a-z ]+?)(?:,|\s\|)", line))
        said.pop("unknown", None)
        keys = {
            k.split(".")[-1].replace("_", " "): v
            for k, v in catalogue.items()
            if k.startswith(f"tightness.{kind}.")
        }
        assert said == keys, column


@pytest.mark.parametrize("path", _commands(), ids=" ".join)
def test_no_argument_shows_a_python_type(path: tuple[str, ...]) -> None:
    """The arguments of `occupation code` read `TEXT <list[str]>`, of `report` `PROFILE.json
    <path>`, of `explain` `OCCUPATION <str>`: Python's types, which say nothing to a caseworker.
    The metavar alone names what to give."""
    r = runner.invoke(app, [*path, "--help"], env={"SKILLTOOL_LANG": "en"})
    assert r.exit_code == 0, r.output
    if "Arguments:" in r.stdout:
        arguments = r.stdout.split("Arguments:")[1].split("Options:")[0]
        assert re.findall(r"^  \S+ <[^>]+>", arguments, flags=re.M) == []


# Each --json says what it prints; the keys it names in brackets are the output's own.
JSON_COMMANDS = [
    ("suggest", [str(DOCTOR)]),
    ("explain", [str(DOCTOR), "huisarts"]),
    ("diploma.lookup", ["-c", "SY", "shahada thanawiya"]),
    ("diploma.list", ["-c", "SY"]),
    ("diploma.levels", []),
    ("diploma.coverage", []),
    ("intake.languages", []),
    ("data.info", []),
]


@pytest.mark.parametrize(("command", "args"), JSON_COMMANDS, ids=[c for c, _ in JSON_COMMANDS])
def test_every_json_says_its_keys(command: str, args: list[str]) -> None:
    """`--json` said "Print JSON on stdout instead of a table" for every command, so a data team
    had to run it to see what came out (only `occupation code` named its keys); now each command
    says its shape, and the names it gives are the output's keys."""
    catalogue = messages.catalogue("en")
    said = catalogue[f"help.{command}.opt.json"]
    assert said != catalogue["help.opt.json"]
    r = runner.invoke(app, [*command.split("."), *args, "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    keys = set(data[0] if isinstance(data, list) else data)
    named = re.search(r"\(([a-z_, ]+)\)", said)
    assert named is not None, said
    assert set(named.group(1).split(", ")) <= keys, said


def test_render_report_is_what_report_writes(tmp_path: Path) -> None:
    """The data team found no function for `report`: `render_report` gives the same text, and
    refuses a client language the command refuses."""
    profile = skilltool.read_profile(DOCTOR)
    ref = skilltool.load_reference()
    out = tmp_path / "r.md"
    r = runner.invoke(app, ["report", str(DOCTOR), "--lang", "en", "--client-lang", "ar", "--out", str(out)])
    assert r.exit_code == 0, r.output
    text = skilltool.render_report(profile, ref=ref, format="md", lang="en", client_lang="ar")
    assert text == out.read_text(encoding="utf-8")
    with pytest.raises(UsageError):
        skilltool.render_report(profile, ref=ref, client_lang="de")


def test_a_coding_job_takes_the_delimiter_as_batch_does(tmp_path: Path) -> None:
    """`code_file(delimiter=...)` and `batch --delimiter` existed, `occupation code --input` had no
    --delimiter: a file the sniffer cannot read could not be coded from the command line."""
    src = tmp_path / "vacatures.csv"
    src.write_text("id|functie\n1|lasser\n", encoding="utf-8")
    out = tmp_path / "gecodeerd.csv"
    argv = ["occupation", "code", "--input", str(src), "--column", "functie", "--out", str(out)]
    r = runner.invoke(app, [*argv, "--delimiter", "|"])
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8-sig").splitlines()[1].startswith("1;lasser;")
    r = runner.invoke(app, ["occupation", "code", "lasser", "--delimiter", ";"])
    assert r.exit_code == 2 and "--delimiter" in r.stderr


@pytest.mark.parametrize("path", _commands(), ids=" ".join)
def test_the_usage_line_has_no_braces(path: tuple[str, ...]) -> None:
    """`Usage: skilltool suggest [OPTIONS] {PROFILE.json}`: the braces (Typer's mark of a required
    argument) are explained nowhere and are not typed; the usage line shows the bare name."""
    r = runner.invoke(app, [*path, "--help"], env={"SKILLTOOL_LANG": "en"})
    usage = r.stdout.splitlines()[0]
    assert usage.startswith("Usage:") and "{" not in usage, usage


def test_every_option_of_occupation_code_has_its_api_keyword() -> None:
    """`occupation code --deep` and `--delimiter` had no keyword in `code_occupation` / `code_file`
    (or the other way round): each option of the command is a keyword of one of its functions."""
    keywords = {
        *inspect.signature(skilltool.code_occupation).parameters,
        *inspect.signature(skilltool.code_file).parameters,
    }
    options = {
        name.lstrip("-").replace("-", "_")
        for name in _options(("occupation", "code"))
        if name.startswith("--")
    }
    renamed = {"input": "source", "json": None, "help": None, "workers": "workers"}
    for option in sorted(options):
        want = renamed.get(option, option)
        assert want is None or want in keywords, option


def test_make_demo_runs_twice() -> None:
    """`make demo` writes its profile and reports with --out into build/demo: since an existing
    --out needs --force, a second run would stop at the intake; the script clears build/demo first
    (the demo's own outputs, nothing else)."""
    lines = (REPO / "scripts" / "demo.sh").read_text(encoding="utf-8").splitlines()
    cleared = lines.index("rm -rf build/demo")
    writes = [n for n, line in enumerate(lines) if "--out build/demo" in line]
    assert writes and min(writes) > cleared


def test_every_option_of_batch_has_its_api_keyword() -> None:
    """`batch --chunk-size` had no keyword in `run_batch`; every option of `batch run` that is not
    about the terminal is one (the API's names where they differ: --format is output_format,
    --pseudonymise key_file)."""
    keywords = set(inspect.signature(skilltool.run_batch).parameters)
    renamed = {"format": "output_format", "pseudonymise": "key_file", "mapping": "mapping"}
    terminal = {"json", "help", "fail_on_rejects"}  # printing and the exit code are the command's
    options = {
        name.lstrip("-").replace("-", "_") for name in _options(("batch", "run")) if name.startswith("--")
    }
    assert sorted(renamed.get(o, o) for o in options - terminal if renamed.get(o, o) not in keywords) == []
