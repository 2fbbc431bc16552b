"""What a new user met (user16): a caseworker, a municipal data team and a researcher, each from a
fresh clone with the README and ``--help`` only. Each test pins one thing that stopped or misled
them (docs/python-api.md, "What a new user met (user16)")."""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import skilltool
from skilltool import batch_summary, bulk_coding, messages
from skilltool.bulk_output import Block
from skilltool.cli import app
from skilltool.errors import OutputError, UsageError

from .conftest import REPO

runner = CliRunner()
PERSONAS = REPO / "examples" / "personas"
TEACHER = PERSONAS / "afghan_teacher_coded_lecturer.json"  # a level the project inferred
DOCTOR = PERSONAS / "afghan_md_big_b1.json"  # a BIG route that asks Dutch C1


# --- the four things user15 left alone --------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_level_line_holds_no_brackets_in_brackets(lang: str) -> None:
    """`suggest` printed "level: NLQF 6 (diploma indication inferred by the project (The newer page
    ... (nuffic-af-diplomas) ...), not official yet)": three brackets deep. The level line has one
    pair now, and the reason stands on a line of its own (``level_reason`` in --json)."""
    r = runner.invoke(app, ["suggest", str(TEACHER), "--top", "1", "--lang", lang], env={"COLUMNS": "400"})
    assert r.exit_code == 0, r.output
    level = next(line for line in r.stdout.splitlines() if line.startswith(("level:", "niveau:")))
    assert level.count("(") == 1 and level.endswith(")"), level
    why = "why inferred:" if lang == "en" else "waarom afgeleid:"
    reason = next(line for line in r.stdout.splitlines() if why in line)
    assert ("Nuffic" in reason) == (lang == "en")  # the table's note is English: Dutch points to it
    data = json.loads(runner.invoke(app, ["suggest", str(TEACHER), "--json", "--lang", lang]).stdout)
    assert "(" not in data["level_basis"] and data["level_reason"] in reason


def test_a_profile_stored_with_the_older_level_wording_still_reads() -> None:
    """Profiles made before carry ``suggest.basis_inferred`` with its reason and ``db_regulated``
    with the profession's name: they load and render, and no longer send anyone to a data file."""
    path = PERSONAS / "iranian_architect_master.json"
    assert '"key": "suggest.basis_inferred"' in path.read_text("utf-8")
    for lang in ("nl", "en"):
        r = runner.invoke(app, ["report", str(path), "--format", "md", "--lang", lang])
        assert r.exit_code == 0, r.output
    old = messages.t("suggest.db_regulated", "en", name="nurse")
    assert "regulated_nl.yaml" not in old and "nurse" in old


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_dutch_level_of_a_regulated_route_names_who_decides(lang: str) -> None:
    """The Dutch part of `explain huisarts` said "see regulated_nl.yaml", a file a caseworker does
    not have: it says whose reading the level is and which body decides (CIBG / BIG register)."""
    r = runner.invoke(app, ["explain", str(DOCTOR), "2211", "--lang", lang], env={"COLUMNS": "400"})
    assert r.exit_code == 0, r.output
    assert "regulated_nl" not in r.stdout
    dutch = next(line for line in r.stdout.splitlines() if line.startswith(("Dutch ", "Nederlands ")))
    assert "C1" in dutch and "CIBG / BIG" in dutch, dutch


def test_file_coding_takes_partition_rows_like_batch(tmp_path: Path) -> None:
    """`batch --engine dask` has --partition-rows; `occupation code --input` and `skill code
    --input` had none. They have it now, and like `batch` refuse it (and --scheduler) without
    --engine dask instead of ignoring it (the Dask run itself: tests/test_batch_dask.py)."""
    src = tmp_path / "titles.csv"
    src.write_text("id;functie\n1;lasser\n", encoding="utf-8")
    for command in ("occupation", "skill"):
        help_text = runner.invoke(app, [command, "code", "--help", "--lang", "en"]).stdout
        assert "--partition-rows" in help_text
        args = [command, "code", "-i", str(src), "--column", "functie", "-o", str(tmp_path / "o.csv")]
        r = runner.invoke(app, [*args, "--partition-rows", "7", "--lang", "en"])
        assert r.exit_code == 2 and messages.t("usage.dask_only", "en") in r.stderr
        r = runner.invoke(app, [*args, "--scheduler", "tcp://127.0.0.1:1", "--lang", "en"])
        assert r.exit_code == 2 and messages.t("usage.dask_only", "en") in r.stderr
        r = runner.invoke(app, [command, "code", "lasser", "--partition-rows", "7", "--lang", "en"])
        assert r.exit_code == 2 and "--partition-rows" in r.stderr  # a file job's option
    assert not (tmp_path / "o.csv").exists()
    with pytest.raises(UsageError):
        skilltool.code_file(src, column="functie", out=tmp_path / "o.csv", partition_rows=7)


def test_regrouped_keeps_every_row_in_order() -> None:
    """A Dask task's rows are cut across the reader's blocks: none lost, none moved."""
    blocks: list[Block] = [[[1], [2], [3]], [[4]], [], [[5], [6], [7], [8]]]
    assert list(bulk_coding.regrouped(iter(blocks), 3)) == [[[1], [2], [3]], [[4], [5], [6]], [[7], [8]]]


def test_diploma_lookup_takes_the_years_the_intake_asks() -> None:
    """`years` of LookupContext had no option: the intake leaves out an entry whose programme takes
    more than twice the years studied, `diploma lookup` could not, and so showed a two-year
    diploma as the five-year bachelor of its field (NLQF 6). `--years` (and ``years=``) now."""
    ref = skilltool.load_reference()
    text = "diploma architecture"
    known = skilltool.lookup_diploma(text, ref=ref, country="SY", lang="en")
    assert known.matches and known.matches[0].nlqf_min == 6
    short = skilltool.lookup_diploma(text, ref=ref, country="SY", lang="en", years=2)
    assert not short.matches and short.no_comparison is not None
    r = runner.invoke(app, ["diploma", "lookup", "-c", "SY", text, "--years", "2", "--json", "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == json.loads(short.model_dump_json())
    r = runner.invoke(app, ["diploma", "lookup", "-c", "SY", text, "--years", "-1"])
    assert r.exit_code == 2


# --- the data team ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"workers": 0}, "workers"),
        ({"chunk_size": 0}, "chunk_size"),
        ({"partition_rows": 5}, "--partition-rows"),
        ({"scheduler": "tcp://127.0.0.1:1"}, "--scheduler"),
    ],
)
def test_run_batch_refuses_what_the_command_refuses(
    tmp_path: Path, options: dict[str, object], named: str
) -> None:
    """docs/python-api.md promises a ``UsageError`` for ``workers`` below 1: ``run_batch`` raised an
    InputFileError (the command's exit 1), and ran a local batch with ``partition_rows=`` or
    ``scheduler=`` as if a cluster had, where `batch` refuses both without --engine dask."""
    with pytest.raises(UsageError, match=named):
        skilltool.run_batch(REPO / "examples" / "batch" / "intakes.csv", out=tmp_path / "o", **options)  # type: ignore[arg-type]
    assert not (tmp_path / "o").exists()


def test_no_inferred_reason_sends_a_caseworker_to_a_data_file() -> None:
    """The reason for an inferred level, which `suggest`, `diploma lookup` and the report show,
    said "(data/dutch_qualifications.yaml)": it names the command that shows the ladder now."""
    entries = skilltool.load_reference().diplomas.entries
    reasons = [e.inferred_reason for e in entries if e.inferred_reason]
    assert reasons and not [r for r in reasons if ".yaml" in r]
    assert any("skilltool diploma levels" in r for r in reasons)


@pytest.mark.parametrize(
    ("args", "help_key"),
    [
        (["suggest", str(DOCTOR)], "help.suggest.opt.json"),
        (["explain", str(DOCTOR), "2211"], "help.explain.opt.json"),
        (["diploma", "lookup", "-c", "SY", "bachelor"], "help.diploma.lookup.opt.json"),
        (["diploma", "coverage"], "help.diploma.coverage.opt.json"),
        (["diploma", "levels"], "help.diploma.levels.opt.json"),
        (["diploma", "list", "-c", "SY"], "help.diploma.list.opt.json"),
        (["intake", "languages"], "help.intake.languages.opt.json"),
        (["occupation", "code", "lasser"], "help.occupation.code.opt.json"),
    ],
)
def test_json_help_names_every_key_the_command_prints(args: list[str], help_key: str) -> None:
    """`explain --help` named four of the nine keys `explain --json` prints (not legal_basis),
    `suggest`, `diploma lookup`, `coverage` and `levels` left some out too: a data team reads the
    help to find a field. Each list in brackets names every top-level key now, in both languages."""
    r = runner.invoke(app, [*args, "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout.splitlines()[0] if args[0] == "occupation" else r.stdout)
    keys = list((data[0] if isinstance(data, list) else data).keys())
    for lang in ("nl", "en"):
        text = messages.t(help_key, lang)
        named = {k.strip() for k in text[text.index("(") + 1 : text.index(")")].replace(":", ",").split(",")}
        assert [k for k in keys if k not in named] == [], (lang, text)


def test_every_review_flag_is_explained_in_the_outputs_doc() -> None:
    """`summary.csv` and the `people` table carry review flags such as `diploma_no_indication`;
    docs/outputs.md said only "review flags". Each flag the code can write has a line there."""
    flags = re.findall(r'flags\.append\("(\w+)"\)', inspect.getsource(batch_summary.review_flags))
    doc = (REPO / "docs" / "outputs.md").read_text("utf-8")
    assert len(flags) >= 5 and [f for f in flags if f"| `{f}` |" not in doc] == []


def test_write_report_writes_as_the_command_does(tmp_path: Path) -> None:
    """docs/python-api.md wrote `render_report`'s page with ``Path.write_text``: readable by every
    user of the machine, over any file. ``write_report`` writes as `report --out` does: owner-only,
    the format from the ending, an existing file refused without ``force``, `.pdf` a usage error."""
    ref = skilltool.load_reference()
    profile = skilltool.read_profile(DOCTOR)
    out = skilltool.write_report(tmp_path / "r.md", profile, ref=ref, lang="en")
    assert out.stat().st_mode & 0o777 == 0o600
    r = runner.invoke(app, ["report", str(DOCTOR), "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert out.read_text("utf-8") == skilltool.render_report(profile, ref=ref, format="md", lang="en")
    with pytest.raises(OutputError):
        skilltool.write_report(out, profile, ref=ref)
    with pytest.raises(UsageError):
        skilltool.write_report(tmp_path / "r.pdf", profile, ref=ref)
    with pytest.raises(UsageError):
        skilltool.write_report(tmp_path / "r.html", profile, ref=ref, format="md")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.md"]
