"""`skilltool occupation code|show` and `skilltool skill code` through the CLI (tiny data)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from skilltool import messages
from skilltool.cli import app

runner = CliRunner()


def test_code_json_lines_from_stdin(tiny_data: Path) -> None:
    """The acceptance case: three titles on stdin give three JSON lines with the right ISCO first."""
    r = runner.invoke(
        app,
        ["--data-dir", str(tiny_data), "occupation", "code", "--json"],
        input="lasser\nelectrition\nkapster\n",
    )
    assert r.exit_code == 0, r.output
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert [line["candidates"][0]["isco"] for line in lines] == ["7212", "7411", "5141"]
    for line in lines:
        assert {"input", "needs_review", "candidates", "normalized"} <= line.keys()
        assert {"uri", "isco", "label", "score", "matched"} <= line["candidates"][0].keys()
    assert messages.t("code.done", "nl", count=3, problems=0) in r.stderr


def test_code_bulk_keeps_going_after_bad_lines(tiny_data: Path) -> None:
    """Blank, binary and 10,000-character lines each get a JSON line with a problem; the rest codes."""
    garbage = bytes(b for b in range(32) if b not in (10, 13)) + b"\xff\xfe\x00\x81"
    stdin = b"\n   \n" + garbage + b"\n" + b"lasser " * 1500 + b"\nkapper\n"
    args = ["--data-dir", str(tiny_data), "occupation", "code", "--json", "--lang", "en"]
    r = runner.invoke(app, args, input=stdin)
    assert r.exit_code == 0, r.output
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(lines) == 5
    assert [bool(line["problem"]) for line in lines] == [True, True, True, True, False]
    assert lines[2]["problem"].startswith("not text")
    assert lines[3]["candidates"][0]["isco"] == "7212"
    assert lines[4]["candidates"][0]["isco"] == "5141"
    assert "line 3: not text" in r.stderr
    assert "Traceback" not in r.output


def test_code_stdin_on_worker_processes_gives_the_same_lines(tiny_data: Path) -> None:
    """--workers 2 on stdin: the same JSON lines, in input order, and the same per-line problems
    (line numbers included) as one process."""
    titles = ["lasser", "", "electrition", "kapster", "zzqx", "hair stylist", "onderwaterlasser"] * 60
    stdin = "\n".join(titles) + "\n"
    args = ["occupation", "code", "--json", "--top", "3"]
    one = runner.invoke(app, ["--data-dir", str(tiny_data), *args, "--workers", "1"], input=stdin)
    two = runner.invoke(app, ["--data-dir", str(tiny_data), *args, "--workers", "2"], input=stdin)
    assert one.exit_code == 0, one.output
    assert two.exit_code == 0, two.output
    assert two.stdout == one.stdout
    assert two.stderr == one.stderr
    assert len(two.stdout.splitlines()) == len(titles)
    assert (
        "regel 2: leeg: niets te coderen" in two.stderr
    )  # the line in the command's language (Dutch by default)


def test_code_empty_stdin_is_a_usage_error(tiny_data: Path) -> None:
    """No title at all is one error line with exit 2, not a traceback and not silence."""
    r = runner.invoke(app, ["--data-dir", str(tiny_data), "occupation", "code"], input="")
    assert r.exit_code == 2
    assert r.stdout == ""
    assert messages.t("usage.no_title", "nl") in r.stderr
    en = runner.invoke(app, ["--data-dir", str(tiny_data), "occupation", "code", "--lang", "en"], input="")
    assert en.exit_code == 2 and messages.t("usage.no_title", "en") in en.stderr


def test_code_one_title_table(tiny_data: Path) -> None:
    """One TEXT argument prints a table of candidates on stdout."""
    r = runner.invoke(
        app, ["--data-dir", str(tiny_data), "occupation", "code", "ik was lasser", "--lang", "en"]
    )
    assert r.exit_code == 0, r.output
    assert "welder" in r.stdout
    assert "7212" in r.stdout
    assert "error" not in r.stderr


def test_code_several_titles_one_row_each(tiny_data: Path) -> None:
    """Several TEXT arguments print one row per title."""
    r = runner.invoke(
        app, ["--data-dir", str(tiny_data), "occupation", "code", "lasser", "kapster", "--top", "1"]
    )
    assert r.exit_code == 0, r.output
    assert "lasser" in r.stdout and "kapper" in r.stdout


def test_code_bad_top_is_usage_error(tiny_data: Path) -> None:
    """--top out of range is a usage error (exit 2)."""
    r = runner.invoke(app, ["--data-dir", str(tiny_data), "occupation", "code", "lasser", "--top", "0"])
    assert r.exit_code == 2


def test_show_uri_json(tiny_data: Path) -> None:
    """`occupation show URI --json` gives labels, skills and tightness with period and source."""
    uri = "http://data.europa.eu/esco/occupation/electrician"
    r = runner.invoke(
        app, ["--data-dir", str(tiny_data), "occupation", "show", uri, "--json", "--lang", "en"]
    )
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["isco"] == "7411"
    assert data["essential"] == [{"id": "wire", "label": "install electric wiring"}]
    assert data["tightness"]["current"] is None
    assert data["tightness"]["history"][0]["category"] == "zeer krap"
    assert data["tightness"]["history"][0]["period"] == "2022Q2"
    assert data["tightness"]["forecast"]["category"] == "zeer groot"
    assert data["tightness_text"].startswith("very tight (UWV, 2022Q2")


def test_show_text_output(tiny_data: Path) -> None:
    """`occupation show` in text form names skills and tightness; an ISCO code lists occupations."""
    args = ["--data-dir", str(tiny_data), "occupation", "show", "electrician"]
    r = runner.invoke(app, args, env={"COLUMNS": "200"})  # wide: values are not wrapped
    assert r.exit_code == 0, r.output
    assert (
        "zeer krap (UWV, 2022Q2, uit tweede hand, ouder dan 8 kwartalen); "
        "tot 2030: zeer grote knelpunten (ROA)" in r.stdout
    )
    assert f"{messages.t('code.essential', 'nl')} (1)" in r.stdout
    assert "essential skills" not in r.stdout and "regulated in" not in r.stdout
    # why not, in the output's language (issue 15: was the build's English note in Dutch output)
    assert f"[{messages.t('tightness.gap.current', 'nl')}]" in r.stdout
    r = runner.invoke(app, ["--data-dir", str(tiny_data), "occupation", "show", "5141"])
    assert r.exit_code == 0, r.output
    assert "kapper" in r.stdout


def test_show_unknown_is_one_error_line(tiny_data: Path) -> None:
    """An unknown key: exit 1 and one line on stderr that says how to search by name."""
    r = runner.invoke(app, ["--data-dir", str(tiny_data), "occupation", "show", "nonsense"])
    assert r.exit_code == 1
    assert r.stderr.count("\n") == 1
    assert "occupation code" in r.stderr


def test_skill_code_json(tiny_data: Path) -> None:
    """`skill code --json` prints one JSON line per skill with ESCO skill ids."""
    r = runner.invoke(
        app, ["--data-dir", str(tiny_data), "skill", "code", "--json", "--lang", "en", "cut hair", "welding"]
    )
    assert r.exit_code == 0, r.output
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert lines[0]["candidates"][0]["skill_id"] == "cut"
    assert lines[1]["candidates"][0]["skill_id"] == "weld"


def test_commands_have_help_with_example() -> None:
    """Each command's help teaches with an example."""
    for args in (["occupation", "code"], ["occupation", "show"], ["skill", "code"]):
        r = runner.invoke(app, [*args, "--help"])
        assert r.exit_code == 0, r.output
        assert "skilltool " + " ".join(args) in r.stdout


def test_code_and_show_speak_the_chosen_language(tiny_data: Path) -> None:
    """Issue 15: `occupation code`/`show` and `skill code` headings, notes and yes/no come from the
    catalogue: Dutch by default, English with --lang en, no text of the other language."""
    base = ["--data-dir", str(tiny_data)]
    for lang, other in (("nl", "en"), ("en", "nl")):
        code = runner.invoke(app, [*base, "occupation", "code", "--lang", lang, "lasser", "kapster"])
        show = runner.invoke(app, [*base, "occupation", "show", "--lang", lang, "electrician"])
        skill = runner.invoke(app, [*base, "skill", "code", "--lang", lang, "lassen"])
        for r in (code, show, skill):
            assert r.exit_code == 0, r.output
        wide = {"COLUMNS": "200"}
        code = runner.invoke(
            app, [*base, "occupation", "code", "--lang", lang, "lasser", "kapster"], env=wide
        )
        show = runner.invoke(app, [*base, "occupation", "show", "--lang", lang, "electrician"], env=wide)
        assert messages.t("code.best_occupation", lang) in code.stdout
        assert messages.t("code.best_occupation", other) not in code.stdout
        for key in ("code.essential", "code.optional", "code.other_labels", "report.esco"):
            assert messages.t(key, lang) in show.output
            assert messages.t(key, other) not in show.output
