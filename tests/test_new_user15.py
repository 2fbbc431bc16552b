"""What a new user met (user15): a caseworker, a municipal data team and a researcher, each from a
fresh clone with the README and ``--help`` only. Each test pins one thing that stopped or misled
them (docs/python-api.md, "What a new user met (user15)")."""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
import warnings
from pathlib import Path

import pytest
from filelock import FileLock
from typer.testing import CliRunner

import skilltool
from skilltool import console
from skilltool.cli import app
from skilltool.errors import UsageError
from skilltool.models.diplomas import LookupContext

from .conftest import REPO

runner = CliRunner()
README = REPO / "README.md"
JOURNALIST = REPO / "examples" / "personas" / "turkish_journalist.json"  # integration route: b1
DOCTOR = REPO / "examples" / "personas" / "afghan_md_big_b1.json"
WIDE = {"COLUMNS": "160"}  # the width the README's sessions are shown at


# --- the five things user14 left alone ---------------------------------------------------------


def test_data_validate_has_json_like_info_and_diff(tiny_data: Path) -> None:
    """`data info --json` and `data diff --json` existed, `data validate --json` did not: a pipeline
    could only read the lines. One object now, with the same exit code (1 when a file is invalid)."""
    args = ["--data-dir", str(tiny_data), "data", "validate", "--json", "--lang", "en"]
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    good = json.loads(r.stdout)
    assert good["valid"] is True and good["problems"] == []
    assert "occupations.yaml" in good["files"] and "regulated_nl.yaml" in good["files"]
    path = tiny_data / "occupations.yaml"
    path.write_text(path.read_text().replace("isco: '7212'", "isco: '72x2'"))
    r = runner.invoke(app, args)
    assert r.exit_code == 1 and "Traceback" not in r.output
    bad = json.loads(r.stdout)
    assert bad["valid"] is False and any("occupations.yaml" in p for p in bad["problems"])


def test_lookup_diploma_takes_the_commands_options_as_keywords() -> None:
    """`diploma lookup --documents no --unfinished --field X` had to be written as
    `context=LookupContext(documents="no", completed=False, field=X)` in Python; the options are
    keywords now, with the same result, and the old form warns."""
    ref = skilltool.load_reference()
    new = skilltool.lookup_diploma(
        "karshenasi", ref=ref, country="IR", lang="en", documents="no", unfinished=True, field="nursing"
    )
    known = LookupContext(documents="no", completed=False, field="nursing")
    with pytest.warns(DeprecationWarning, match="documents=, unfinished=, field= and years="):
        old = skilltool.lookup_diploma("karshenasi", ref=ref, country="IR", lang="en", context=known)
    assert new == old
    r = runner.invoke(
        app,
        [
            *("diploma", "lookup", "-c", "IR", "karshenasi", "--documents", "no", "--unfinished"),
            *("--field", "nursing", "--json", "--lang", "en"),
        ],
    )
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == json.loads(new.model_dump_json())
    with pytest.raises(UsageError):
        skilltool.lookup_diploma("x", ref=ref, documents="no", context=known)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        skilltool.lookup_diploma("karshenasi", ref=ref, country="IR")  # no warning without context


def test_explain_shows_the_legal_basis_in_the_output_language() -> None:
    """`registry` of data/regulated_nl.yaml (the register or law behind a regulated profession) was
    Dutch only and shown nowhere; `explain` shows it as the legal basis, in `--lang`."""
    en = runner.invoke(app, ["explain", str(DOCTOR), "general practitioner", "--lang", "en"], env=WIDE)
    assert en.exit_code == 0, en.output
    assert "legal basis   BIG register (Wet BIG, article 3)" in en.stdout
    nl = runner.invoke(app, ["explain", str(DOCTOR), "huisarts", "--json"])
    assert json.loads(nl.stdout)["legal_basis"] == "BIG-register (Wet BIG, artikel 3)"
    free = runner.invoke(app, ["explain", str(DOCTOR), "lasser", "--json"])
    assert json.loads(free.stdout)["legal_basis"] is None


def test_force_starts_an_intake_afresh_over_its_draft(tmp_path: Path) -> None:
    """`intake --out X --force` said "Replace what is already at --out" but an unfinished draft for X
    still stopped it ("remove that draft"): --force now starts afresh, with a warning that the old
    answers are gone; without it the refusal names --force."""
    out = tmp_path / "UTR-1.json"
    r = runner.invoke(app, ["intake", "--lang", "en", "--out", str(out)], input="UT-1\n1990\n")
    assert r.exit_code == 130, r.output
    draft = out.with_name(out.name + ".draft.json")
    r = runner.invoke(app, ["intake", "--lang", "en", "--out", str(out)], input="UT-2\n")
    assert r.exit_code == 1 and "start again with --force" in r.stderr
    r = runner.invoke(app, ["intake", "--lang", "en", "--out", str(out), "--force"], input="UT-2\n")
    assert r.exit_code == 130, r.output
    assert "is replaced (--force); its answers are gone" in r.stderr
    state = json.loads(draft.read_text(encoding="utf-8"))["state"]
    assert state == {"personal.client_ref": "UT-2"}
    help_text = runner.invoke(app, ["intake", "--lang", "en", "--help"]).stdout
    assert "start afresh over an unfinished intake" in " ".join(help_text.split())


def test_force_leaves_an_intake_going_on_alone(tmp_path: Path) -> None:
    """--force never replaces the draft of an interview going on in another window (its lock)."""
    out = tmp_path / "UTR-2.json"
    r = runner.invoke(app, ["intake", "--lang", "en", "--out", str(out)], input="UT-1\n")
    draft = out.with_name(out.name + ".draft.json")
    kept = draft.read_bytes()
    with FileLock(draft.with_name(draft.name + ".lock")):
        r = runner.invoke(app, ["intake", "--lang", "en", "--out", str(out), "--force"], input="UT-2\n")
    assert r.exit_code == 1 and "going on in another window" in r.stderr
    assert draft.read_bytes() == kept


# --- the README's sessions, run as written -----------------------------------------------------


def _sessions() -> list[tuple[str, list[str]]]:
    """Each `$ command` of the README's console blocks with the lines shown under it."""
    text = README.read_text(encoding="utf-8")
    found: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", text, flags=re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                found.append((line[2:], []))
            elif found and block.startswith("$ "):  # a block of commands without `$` shows no output
                found[-1][1].append(line)
    return found


SESSIONS = _sessions()


def _expect(actual: str, shown: list[str]) -> None:
    """Every shown line is in the output, in order; `...` stands for what the README leaves out."""
    text = "\n" + "\n".join(line.rstrip() for line in actual.splitlines()) + "\n"
    text = re.sub(r"^>: (?=\S)", ">: \n", text, flags=re.M)  # the typed answer and Enter, not echoed
    at = 0
    for said in shown:
        line = said.rstrip()
        if line.startswith(("Seconden ", "Seconds ")):  # the run's own time
            line = line.split()[0] + " ..."
        if line.startswith(">: "):  # the answer typed
            line = ">: ..."
        pieces = [p for p in line.split("...") if p.strip()] if "..." in line else [f"\n{line}\n"]
        for piece in pieces:
            where = text.find(piece, at)
            assert where >= 0, f"README shows {line!r}; the command printed:\n{actual}"
            at = where + len(piece) - (1 if piece.endswith("\n") else 0)


@pytest.mark.parametrize("command", [c for c, _ in SESSIONS])
def test_the_readme_shows_what_the_commands_print(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's sessions had drifted from the commands (`suggest` a table style and codes it no
    longer prints, `occupation code` English headers in a Dutch run, `diploma lookup` "stated"):
    each command now runs as written, at the width the README shows, and prints what it shows."""
    shown = dict(SESSIONS)[command]
    (tmp_path / "examples").symlink_to(REPO / "examples")
    monkeypatch.chdir(tmp_path)
    if command.startswith("head "):
        _, count, name = command.split()
        runner.invoke(app, ["batch", "examples/batch/intakes.csv", "--out", str(Path(name).parent)])
        lines = Path(name).read_text(encoding="utf-8-sig").splitlines()[: int(count.lstrip("-"))]
        assert lines == shown
        return
    cut = None
    stdin = "".join(a[3:] + "\n" for a in shown if a.startswith(">: ")) or None
    if command.startswith("printf "):
        printed, command, cut_with = (part.strip() for part in command.split("|"))
        stdin = shlex.split(printed)[1].replace("\\n", "\n")
        cut = int(cut_with.rsplit("-", 1)[1])
    args = shlex.split(command, comments=True)
    assert args[0] == "skilltool"
    r = runner.invoke(app, args[1:], input=stdin, env=WIDE)
    assert r.exit_code == (130 if args[1] == "intake" else 0), r.output  # the intake: input ends
    output = r.output
    if cut is not None:
        output = "\n".join([line[:cut] for line in r.stdout.splitlines()] + r.stderr.splitlines())
    output = output.replace(str(skilltool.load_reference().data_dir), "/path/to/skilltool/data")
    year = str(dt.date.today().year)
    _expect(output, [line.replace("1930 en 2026", f"1930 en {year}") for line in shown])


def test_a_reason_under_a_step_keeps_its_indent_when_it_wraps(capsys: pytest.CaptureFixture[str]) -> None:
    """`suggest`'s next steps printed a long reason at the left margin, under its own step's
    number ("professional bus ... cannot be practised" below "1. Start the recognition route"):
    the wrapping dropped the reason's indent on its first line."""
    console.line("   " + "word " * 40)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 1 and all(line.startswith("   word") for line in lines)


def test_explain_takes_the_isco_code_suggest_shows() -> None:
    """`explain PROFILE 2211` (the ISCO column of `suggest`) named 18 unrelated occupations (ICT
    and management occupations of other groups: "2211" is inside their ESCO codes once the dots
    are dropped); a code counts whole now, and a unit of one occupation is that occupation."""
    r = runner.invoke(app, ["explain", str(DOCTOR), "2211", "--lang", "en"], env=WIDE)
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("occupation    general practitioner (2211)")
    group = runner.invoke(app, ["explain", str(DOCTOR), "7212", "--lang", "en"])
    assert group.exit_code == 1 and "welder" in group.stderr and "ICT" not in group.stderr
    assert "`occupation show ISCO` lists the group with its URIs" in group.stderr


def test_data_info_says_whose_regulated_count_it_is() -> None:
    """`data info` said "regulated occupations 15" above "regulated_nl.yaml 55 entries": the 15 are
    ESCO's own flag, not the Dutch list `suggest` uses; the label says so."""
    r = runner.invoke(app, ["data", "info", "--lang", "en"], env=WIDE)
    assert r.exit_code == 0, r.output
    assert "regulated (ESCO's flag)" in r.stdout and "regulated occupations" not in r.stdout


# --- what the walk-through found -----------------------------------------------------------------


def test_profile_show_names_the_integration_route() -> None:
    """`profile show` printed "Dutch A2 (route b1)", the stored code; now the intake's own words."""
    en = runner.invoke(app, ["profile", "show", str(JOURNALIST), "--lang", "en"], env=WIDE)
    assert en.exit_code == 0, en.output
    assert "(B1 route)" in en.stdout and "route b1" not in en.stdout
    nl = runner.invoke(app, ["profile", "show", str(JOURNALIST)], env=WIDE)
    assert "(B1-route)" in nl.stdout


def test_a_file_job_prints_its_counts_with_json(tmp_path: Path) -> None:
    """`occupation code --input F --column C --out O --json` printed nothing and ignored --json (as did
    `skill code`); it prints the counts `code_file` returns, as `batch --json` prints its manifest."""
    source = tmp_path / "vacatures.csv"
    source.write_text("id;functie\n1;lasser\n2;\n3;kapper\n", encoding="utf-8")
    for kind, column in (("occupation", "functie"), ("skill", "functie")):
        out = tmp_path / f"{kind}.csv"
        args = [kind, "code", "--input", str(source), "--column", column, "--out", str(out), "--json"]
        r = runner.invoke(app, args)
        assert r.exit_code == 0, r.output
        counts = json.loads(r.stdout)
        assert counts["rows"] == 3 and counts["empty"] == 1 and counts["out"] == str(out), kind


def test_an_old_profile_is_shown_in_the_reports_language() -> None:
    """A profile made before `texts_lang` (60 of the example personas) kept its Dutch skill labels in
    `report --lang en` ("textielontwerpen maken"): they are labelled
    again by their ESCO id whatever language they were stored in."""
    persona = REPO / "examples" / "personas" / "afghan_carpet_weaver_health_limits.json"
    assert '"texts_lang"' not in persona.read_text(encoding="utf-8")
    r = runner.invoke(app, ["report", str(persona), "--format", "md", "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert "produce textile designs" in r.stdout and "textielontwerpen maken" not in r.stdout


def test_no_example_profile_names_an_authority_in_dutch_only() -> None:
    """Three example personas stored the body that decides as a Dutch string ("CIBG / BIG-register,
    advies van de CBGV"), shown so in their English reports; every stored one is bilingual now."""
    for path in sorted((REPO / "examples" / "personas").glob("*.json")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r'"authority": "', text), path.name


def test_a_missing_source_says_where_sources_come_from(tmp_path: Path) -> None:
    """`data build --sources DIR` in a fresh clone (no sources) said "check --sources and
    data/sources.yaml"; it names the page that says where each source is downloaded."""
    r = runner.invoke(app, ["data", "build", "--sources", str(tmp_path), "--check", "--lang", "en"])
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert 'docs/data.md, "Get the new source files"' in r.stderr


def test_diploma_lookup_help_says_what_no_documents_option_means() -> None:
    """`--documents` listed yes, no, partial but not what happens without it (the route as with
    documents), where the caseworker often does not know yet."""
    r = runner.invoke(app, ["diploma", "lookup", "--lang", "en", "--help"])
    assert "Not given: the route as with documents" in " ".join(r.stdout.split())
