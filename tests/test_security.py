"""Issue #17: nothing lost, nothing leaked. One regression test per case of the break-in test.

The CSV cases go through the real ``skilltool batch`` command (the real per-row code path on the
repository's data, one compiled-data cache for the module); the OS-error cases use a read-only
folder and a full disk (a tiny tmpfs where the tests run as root, fault injection everywhere).
docs/security.md lists the promises these tests pin.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import json
import os
import re
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from skilltool import (
    batch,
    batch_pool,
    csv_lines,
    diplomas,
    fsio,
    messages,
    profile_building,
    profile_files,
    report,
    table_out,
    tabular,
    xlsx_checks,
)
from skilltool.cli import app
from skilltool.models import Profile

from .conftest import REPO

runner = CliRunner()
EXAMPLE = REPO / "examples" / "batch" / "intakes.csv"
ANSWERS = REPO / "examples" / "answers" / "eritrea-welder.yaml"
HEADER = tabular.inspect(EXAMPLE).header


pytestmark = pytest.mark.usefixtures("real_data_env")


def row(cid: str, **cells: str) -> list[str]:
    """A row of the example export's layout: a valid person unless ``cells`` say otherwise."""
    base = {
        "klantnummer": cid,
        "geboortejaar": "1987",
        "land_herkomst": "Syrië",
        "niveau_nederlands": "A2",
        "beroep_1": "lasser",
        "beroep_1_jaren": "5",
    }
    base.update(cells)
    return [base.get(h, "") for h in HEADER]


def write_rows(path: Path, rows: list[list[str]], *, header: list[str] = HEADER) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def batch_cmd(*args: str) -> Result:
    return runner.invoke(app, ["batch", *args, "--workers", "1", "--lang", "en"])


def error_line(r: Result) -> str:
    """The one ``error:`` line on stderr (and no traceback)."""
    assert "Traceback" not in r.output
    found = ((ln, "error:" if "error:" in ln else "fout:") for ln in r.stderr.splitlines())
    lines = [ln[ln.index(tag) :] for ln, tag in found if tag in ln]
    assert len(lines) == 1, r.stderr
    return lines[0]


def read_errors(out: Path) -> list[list[str]]:
    with (out / "errors.csv").open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh, delimiter=";"))[1:]


def profile_lines(out: Path) -> list[str]:
    return (out / "profiles.jsonl").read_text(encoding="utf-8").splitlines()


# --- 1. unclosed quotes ------------------------------------------------------------------------


def _batch_of_lines(tmp_path: Path, lines: list[str]) -> tuple[Path, Result, dict[str, int]]:
    """Run ``batch --json`` on a CSV of these lines (CRLF): the output folder, the result and the
    manifest's counts; the run itself must succeed."""
    src = tmp_path / "lines.csv"
    src.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    out = tmp_path / "out"
    r = batch_cmd(str(src), "--out", str(out), "--json")
    assert r.exit_code == 0, r.output
    return out, r, json.loads(r.stdout)["counts"]


def test_unclosed_quote_stops_the_rows_it_swallows_and_says_where(tmp_path: Path) -> None:
    """#17.1: a quote opened in a job title (line 4) and never closed: every line accounted for,
    the affected rows rejected naming line 4, the other rows intact, the summary says so."""
    lines = [";".join(HEADER)]
    lines += [";".join(row(f"K-{i}")) for i in range(1, 3)]
    lines.append(";".join(row("K-3", beroep_1='"lasser van de beste soort')))
    lines += [";".join(row(f"K-{i}", geboortejaar=str(1980 + i))) for i in range(4, 7)]
    out, r, counts = _batch_of_lines(tmp_path, lines)
    assert counts["rows_read"] == 6 == counts["rows_written"] + counts["rows_rejected"]
    assert counts["rows_unclosed_quote"] == 4
    errors = read_errors(out)
    assert [int(e[0]) for e in errors] == [4, 5, 6, 7]
    assert all("line 4" in e[3] for e in errors)
    assert "unclosed quote" in r.stderr and "line 4" in r.stderr
    profiles = [json.loads(p) for p in profile_lines(out)]
    assert [p["personal"]["client_ref"] for p in profiles] == ["K-1", "K-2"]
    assert all(len(w["title"]) < 50 for p in profiles for w in p["work"])
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "unclosed quote" in html


def test_three_rows_and_one_quote_put_no_birth_year_in_another_profile(tmp_path: Path) -> None:
    """#17.1: the issue's three-row case: the quote closes on a later row; nobody's answers end
    up in another person's profile, all three rows are accounted for."""
    lines = [";".join(HEADER)]
    lines.append(";".join(row("K-1", beroep_1='"kok')))
    lines.append(";".join(row("K-2", geboortejaar="1991")))
    lines.append(";".join(row("K-3", geboortejaar="1992", beroep_1='bakker"')))
    out, _, counts = _batch_of_lines(tmp_path, lines)
    assert counts["rows_read"] == 3 == counts["rows_rejected"]
    assert profile_lines(out) == []
    assert [int(e[0]) for e in read_errors(out)] == [2, 3, 4]


def test_a_line_without_end_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    """A 'CSV' whose first line never ends (lost line breaks, a binary dump) stops at
    MAX_LINE_BYTES with one line, instead of being read into memory whole; such a line further
    down (a 50 MB pasted cell) rejects its row only, and the rows after it are read."""
    src = tmp_path / "one-line.csv"
    with src.open("wb") as fh:
        fh.write(b"x" * (csv_lines.MAX_LINE_BYTES + 10))
    r = batch_cmd(str(src), "--out", str(tmp_path / "out"))
    assert r.exit_code == 1
    assert f"{src}:1: the line is longer than 16 MiB" in error_line(r)
    with src.open("wb") as fh:
        fh.write(b"id;note\n1;")
        fh.write(b"x" * (csv_lines.MAX_LINE_BYTES * 2 + 10))
        fh.write(b"\n2;kort\n")
    info = tabular.inspect(src)
    rows = list(tabular.iter_rows(info))
    assert info.rows == 2 and [(n, list(c), type(c).__name__) for n, c in rows] == [
        (2, [], "BadBytes"),
        (3, ["2", "kort"], "list"),
    ]


def test_a_legal_multi_line_note_is_still_one_row(tmp_path: Path) -> None:
    """A quoted note with line breaks (legal CSV) is not mistaken for a runaway quote."""
    src = write_rows(tmp_path / "ok.csv", [row("K-1", notities="eerste regel\ntweede; regel"), row("K-2")])
    info = tabular.inspect(src)
    assert info.rows == 2 and not info.quote_spans and not info.warnings


def test_a_quote_running_past_the_line_limit_is_cut_there(tmp_path: Path) -> None:
    """A quote that never closes on a narrow file stops at MAX_RECORD_LINES lines: those lines are
    rejected one by one, and the rest is read as records again (memory stays bounded)."""
    n = tabular.MAX_RECORD_LINES + 50
    text = 'id;note\n1;"open\n' + "".join(f"{i};x\n" for i in range(2, n + 2))
    src = tmp_path / "long.csv"
    src.write_text(text, encoding="utf-8")
    info = tabular.inspect(src)
    rows = list(tabular.iter_rows(info))
    assert len(rows) == info.rows == n + 1
    assert info.quote_spans == [(2, tabular.MAX_RECORD_LINES + 1)]
    broken = [r for r in rows if isinstance(r[1], tabular.BrokenRecord)]
    assert len(broken) == tabular.MAX_RECORD_LINES
    assert rows[-1] == (n + 2, [str(n + 1), "x"])


# --- 2. the research export --------------------------------------------------------------------

TOKEN_CELLS = {
    "gemeente": "Zqxgemeente",
    "moedertaal": "Zqxmoedertaal",
    "andere_talen": "Zqxandertaal",
    "beroep_1": "lasser bij Zqxbedrijf",
    "beroep_2": "eigen zaak Zqxwinkel",
    "opleiding_1": "Technical Baccalaureate Zqxschool",
    "opleiding_1_land": "Syrië",
    "opleiding_1_richting": "Zqxrichting",
    "vaardigheden": "lassen Zqxvaardig",
    "certificaten": "eigen zaak Zqxcertificaat",
    "wens_sectoren": "Zqxsector",
    "wens_beroepen": "Zqxwensberoep",
    "notities": "Zqxnotitie",
}
CLOSED_CELLS = {  # tokens in columns with closed values: the row is rejected, the token never shown
    "geboortejaar": "Zqxjaar",
    "land_herkomst": "Zqxland",
    "datum_verblijfsvergunning": "Zqxdatum",
    "niveau_nederlands": "Zqxniveau",
    "beroep_1_jaren": "Zqxjaren",
    "uren_per_week": "Zqxuren",
}


def test_research_export_keeps_codes_only(tmp_path: Path) -> None:
    """#17.2: tokens in every column; no output file of a --pseudonymise batch holds any of them;
    birth year as a 5-year band, permit date as a quarter, municipality dropped (manifest says so)."""
    key = tmp_path / "key"
    key.write_bytes(b"0123456789abcdef0123456789abcdef\n")
    rows = [row("K-Zqxid1", datum_verblijfsvergunning="14-03-2024", **TOKEN_CELLS)]
    rows += [row(f"K-Zqxid{i + 2}", **{col: tok}) for i, (col, tok) in enumerate(CLOSED_CELLS.items())]
    rows.append(row("Zqx Naam"))  # a name as client id: refused, never shown
    src = write_rows(tmp_path / "tokens.csv", rows)
    out = tmp_path / "out"
    r = batch_cmd(str(src), "--out", str(out), "--pseudonymise", str(key), "--xlsx")
    assert r.exit_code == 0, r.output
    files = sorted(out.iterdir())
    assert {p.name for p in files} >= {"profiles.jsonl", "summary.csv", "errors.csv", "report.html"}
    for path in files:
        data = path.read_bytes()
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as zf:
                data = b"".join(zf.read(n) for n in zf.namelist())
        text = data.decode("utf-8", "replace").casefold()
        assert "zqx" not in text, (path.name, re.findall(r".{30}zqx.{30}", text))
    assert "zqx" not in (r.stdout + r.stderr).casefold()
    profiles = [json.loads(p) for p in profile_lines(out)]
    assert len(profiles) == 1
    p = profiles[0]
    assert p["kind"] == "skilltool-research-profile"
    assert p["birth_years"] == "1985-1989"
    assert p["permit_quarter"] == "2024-Q1"
    assert p["country_of_origin"] == "SY"
    assert "municipality" not in json.dumps(p)
    assert p["work"][0]["isco"] and p["work"][0]["esco_uri"].startswith("http://data.europa.eu/esco/")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert "municipality dropped" in manifest["options"]["research_export"]
    assert len(read_errors(out)) == len(CLOSED_CELLS) + 1


# --- 3. Markdown report ----------------------------------------------------------------------------


def test_markdown_report_escapes_html_and_markdown(tmp_path: Path) -> None:
    """#17.3: a job title with an <img onerror> tag and Markdown renders as text (markdown-it, the
    CommonMark renderer rich ships with); Latin values carry no bidi isolates, Arabic ones do."""
    from markdown_it import MarkdownIt

    profile = profile_files.read_profile(_profile_file(tmp_path))
    evil = "<img src=x onerror=alert(1)> **vet** [klik](javascript:alert(1)) <script>x</script>"
    work = profile.work[0].model_copy(update={"title": evil, "tasks": "# kop\n1. lijst"})
    profile = profile.model_copy(update={"work": [work, *profile.work[1:]]})
    profile.education[0].qualification = "شهادة الثانوية"
    md = report.render(profile, fmt="md", lang="en")
    rendered = MarkdownIt("commonmark").render(md)
    assert "<img" not in rendered and "<script" not in rendered and "<strong>vet" not in rendered
    assert 'href="javascript' not in rendered and "<h1>kop" not in rendered
    assert "&lt;img src=x onerror=alert(1)&gt;" in rendered
    assert f"{report.FSI}lasser" not in md and f"{report.FSI}شهادة" in md
    out = tmp_path / "r.md"
    r = runner.invoke(
        app, ["report", str(_write_profile(tmp_path, profile)), "--format", "md", "--out", str(out)]
    )
    assert r.exit_code == 0, r.output
    assert "<img" not in MarkdownIt("commonmark").render(out.read_text(encoding="utf-8"))


def _profile_file(tmp_path: Path) -> Path:
    out = tmp_path / "p.json"
    r = runner.invoke(app, ["intake", "--answers", str(ANSWERS), "--out", str(out)])
    assert r.exit_code == 0, r.output
    return out


def _write_profile(tmp_path: Path, profile: Profile) -> Path:
    path = tmp_path / "evil.json"
    profile_files.write_profile(path, profile)
    return path


# --- 4. XLSX decompression bomb ------------------------------------------------------------------


def test_xlsx_bomb_is_refused_before_it_is_unpacked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """#17.4: a 64 MiB sheet of zeros packed to ~64 KiB: refused from the zip directory alone (no
    part is opened), one line naming the limit; a normal workbook still reads."""
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("xl/worksheets/sheet1.xml", "w") as fh:
            chunk = b"0" * (1 << 20)
            for _ in range(64):
                fh.write(chunk)
    assert bomb.stat().st_size < 1 << 20
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(self: zipfile.ZipFile, name: object, *a: object, **k: object) -> object:
        opened.append(str(name))
        return real_open(self, name, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    r = batch_cmd(str(bomb), "--out", str(tmp_path / "out"))
    assert r.exit_code == 1
    assert "decompression bomb" in error_line(r) and "200:1" in error_line(r)
    assert opened == []
    assert not (tmp_path / "out").exists()
    monkeypatch.setattr(xlsx_checks, "XLSX_MAX_UNPACKED", 1 << 20)
    big = tmp_path / "big.xlsx"
    table_out.write_xlsx(big, ["a"], [[str(i) * 40] for i in range(20_000)], title="s")
    with pytest.raises(Exception, match=r"unpacks to .* MiB"):
        tabular.inspect(big)


# --- 5. broken reference data --------------------------------------------------------------------


@pytest.mark.parametrize("content", ["", "sectors: [\n", "version: 1\nsectors: [{id: x}]\n"])
def test_broken_reference_data_stops_the_batch_before_the_first_row(tmp_path: Path, content: str) -> None:
    """#17.5: an empty or malformed sectors.yaml: exit 1 naming the file, no output written."""
    data = tmp_path / "data"
    _copy_data(data)
    (data / "sectors.yaml").write_text(content, encoding="utf-8")
    src = write_rows(tmp_path / "in.csv", [row("K-1")])
    out = tmp_path / "out"
    r = runner.invoke(app, ["--data-dir", str(data), "batch", str(src), "--out", str(out), "--workers", "1"])
    assert r.exit_code == 1, r.output
    assert "sectors.yaml" in error_line(r)
    assert not out.exists()


def _copy_data(target: Path) -> None:
    import shutil

    shutil.copytree(REPO / "data", target)


# --- 6. one set of validators ------------------------------------------------------------------

BAD_IDS = ["Fatima Zahrawi", "<b>K1</b>", "123456782", "K 1", "K1\u200b", "K\u200e1"]


@pytest.mark.parametrize("bad", BAD_IDS)
def test_the_same_client_id_rule_in_intake_answers_and_batch(tmp_path: Path, bad: str) -> None:
    """#17.6: a name, markup, a BSN or an invisible character in a client id: refused by the
    interactive intake, by --answers and by batch, with the same rule (never shown in errors.csv)."""
    rules = ("bsn", "ref_chars", "invisible")
    reasons = {messages.t(f"reason.value.client_ref_{rule}", "en") for rule in rules}
    # interactive: the answer is refused with the reason and asked again
    out = tmp_path / "i.json"
    r = runner.invoke(app, ["intake", "--lang", "en", "--out", str(out)], input=f"{bad}\n")
    assert any(reason in r.stderr for reason in reasons), r.stderr
    # --answers
    answers = tmp_path / "a.yaml"
    text = ANSWERS.read_text(encoding="utf-8")
    text = re.sub(r"client_ref: .*", lambda _: f"client_ref: {json.dumps(bad)}", text)
    answers.write_text(text, encoding="utf-8")
    r = runner.invoke(app, ["intake", "--lang", "en", "--answers", str(answers)])
    assert r.exit_code == 1
    assert any(reason in error_line(r) for reason in reasons)
    # batch
    src = write_rows(tmp_path / "in.csv", [row(bad)])
    r = batch_cmd(str(src), "--out", str(tmp_path / "out"))
    assert r.exit_code == 0, r.output
    errors = read_errors(tmp_path / "out")
    assert errors[0][1:3] == ["", "klantnummer"] and errors[0][3] in reasons
    assert profile_lines(tmp_path / "out") == []


def test_an_invisible_character_in_a_client_id_is_named_as_such() -> None:
    """A zero-width space, a direction mark or a control character pasted along with an id gets
    a reason a caseworker can act on, not "letters and digits only" for an id that shows none else."""
    from skilltool.models.client_ref import client_ref_problem

    for bad in ("K1\u200b", "K\u200e1", "\u2060K1", "K1\x07"):
        assert client_ref_problem(bad) == "invisible"
    assert client_ref_problem("K 1") == "ref_chars"
    assert client_ref_problem("K-1") is None


@pytest.mark.parametrize("bad", BAD_IDS)
def test_a_stored_profile_with_a_bad_client_id_is_refused_by_every_reader(tmp_path: Path, bad: str) -> None:
    """A profile file edited by hand (or written by another tool) with a name, markup or a BSN as
    client id is refused by every command that reads a profile, with the same rule as the intake
    and batch (``models.client_ref.client_ref_problem``, a validator on ``Personal``), one line
    naming the file and the field, never the id itself."""
    persona = REPO / "examples" / "personas" / "turkish_welder.json"
    data = json.loads(persona.read_text(encoding="utf-8"))
    data["personal"]["client_ref"] = bad
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    rules = ("bsn", "ref_chars", "invisible")
    reasons = {messages.t(f"reason.value.client_ref_{rule}", lang) for rule in rules for lang in ("nl", "en")}
    commands = [
        ["profile", "show", str(path)],
        ["report", str(path), "--out", str(tmp_path / "r.html")],
        ["suggest", str(path)],
        ["explain", str(path), "welder"],
    ]
    for args in commands:
        r = runner.invoke(app, args)
        assert r.exit_code == 1, (args, r.output)
        line = error_line(r)
        assert "personal.client_ref" in line and any(reason in line for reason in reasons), line
        assert bad not in r.output, args
    with pytest.raises(ValueError, match="client_ref"):
        Profile.model_validate(data)
    data["personal"]["client_ref"] = "K-2024/01.a_b"
    assert Profile.model_validate(data).personal.client_ref == "K-2024/01.a_b"


@pytest.mark.parametrize(
    ("column", "answer_key", "value", "batch_reason"),
    [
        ("geboortejaar", "birth_year", "2099", "is in the future"),
        ("rijbewijs", "driving_licences", "X", "is not an EU driving licence category"),
    ],
)
def test_the_same_answer_rules_in_answers_files_and_batch(
    tmp_path: Path, column: str, answer_key: str, value: str, batch_reason: str
) -> None:
    """#17.6: a birth year in the future and a driving licence that is no EU category: refused
    by --answers (as by the interview) and by a batch row, through the model's validators."""
    from skilltool.models.answers import IntakeAnswers

    data: dict[str, dict[str, object]] = {"personal": {"client_ref": "K-1"}, "skills": {}}
    if answer_key == "birth_year":
        data["personal"]["birth_year"] = int(value)
    else:
        data["skills"]["driving_licences"] = [value]
    with pytest.raises(ValueError, match=batch_reason):
        IntakeAnswers.model_validate(data)
    answers = tmp_path / "a.yaml"
    text = ANSWERS.read_text(encoding="utf-8")
    if answer_key == "birth_year":
        text = re.sub(r"birth_year: .*", f"birth_year: {value}", text)
    else:
        text = re.sub(r"driving_licences: .*", f"driving_licences: [{value}]", text)
    answers.write_text(text, encoding="utf-8")
    r = runner.invoke(app, ["intake", "--lang", "en", "--answers", str(answers)])
    assert r.exit_code == 1 and answer_key in error_line(r)
    src = write_rows(tmp_path / "in.csv", [row("K-1", **{column: value})])
    r = batch_cmd(str(src), "--out", str(tmp_path / "out"))
    assert r.exit_code == 0, r.output
    errors = read_errors(tmp_path / "out")
    assert errors[0][2] == column and errors[0][3].startswith(batch_reason)


# --- 7. errors.csv quotes no cell -----------------------------------------------------------------


def test_error_reasons_never_quote_a_cell(tmp_path: Path) -> None:
    """#17.7: bad values in many columns: errors.csv names the column and the rule only."""
    bad = {
        "land_herkomst": "Fatima Zahrawi",
        "geboortejaar": "Fatima1",
        "niveau_nederlands": "Fatima2",
        "datum_verblijfsvergunning": "Fatima3",
        "beroep_1_land": "Fatima4",
        "opleiding_1_land": "Fatima5",
        "uren_per_week": "Fatima6",
        "leerroute": "Fatima7",
        "opleiding_1_afgerond": "Fatima8",
    }
    rows = [row(f"K-{i}", **{col: value}) for i, (col, value) in enumerate(bad.items())]
    src = write_rows(tmp_path / "in.csv", rows)
    r = batch_cmd(str(src), "--out", str(tmp_path / "out"))
    assert r.exit_code == 0, r.output
    errors = read_errors(tmp_path / "out")
    assert len(errors) == len(bad)
    assert "fatima" not in (tmp_path / "out" / "errors.csv").read_text(encoding="utf-8-sig").casefold()
    # each names a column (an education entry without its name: the name's column, unless the
    # schema refuses a value before it, as the unknown country) and a rule
    named = {"opleiding_1_land"}
    expected = [c if not c.startswith("opleiding") or c in named else "opleiding_1" for c in bad]
    assert [e[2] for e in errors] == expected


# --- 8. OS errors ------------------------------------------------------------------------------


@contextlib.contextmanager
def _mount(path: Path, options: str) -> Iterator[bool]:
    """A tmpfs at ``path`` (root only); yields False where mounting is not possible."""
    path.mkdir(exist_ok=True)
    if os.geteuid() != 0:
        yield False
        return
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True, check=False
    )
    try:
        yield done.returncode == 0
    finally:
        if done.returncode == 0:
            subprocess.run(["umount", str(path)], check=False)


@pytest.fixture
def readonly_dir(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody can write to: chmod 555 (not root) or a read-only tmpfs (root)."""
    path = tmp_path / "ro"
    if os.geteuid() != 0:
        path.mkdir()
        path.chmod(0o555)
        yield path
        path.chmod(0o755)
        return
    with _mount(path, "ro,size=64k") as ok:
        if not ok:
            pytest.skip("running as root without mount: a read-only folder cannot be made")
        yield path


def _enospc(monkeypatch: pytest.MonkeyPatch, *, after: int = 0) -> None:
    """Fault injection: every fsync after the first ``after`` fails as on a full disk."""
    calls = {"n": 0}
    real = os.fsync

    def full(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] > after:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd)

    monkeypatch.setattr(os, "fsync", full)


def test_batch_out_that_is_not_a_folder(tmp_path: Path) -> None:
    """#17.8: --out at a file, at a link to a file, at a dangling link: one line, exit 1, the
    file untouched."""
    src = write_rows(tmp_path / "in.csv", [row("K-1")])
    a_file = tmp_path / "file"
    a_file.write_text("keep")
    link = tmp_path / "link"
    link.symlink_to(a_file)
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nowhere")
    for out, expected in (
        (a_file, "is a file, not a folder"),
        (link, "is a file"),
        (dangling, "link to nothing"),
    ):
        r = batch_cmd(str(src), "--out", str(out))
        assert r.exit_code == 1
        assert str(out) in error_line(r) and expected in error_line(r)
    assert a_file.read_text() == "keep" and not (tmp_path / "nowhere").exists()


def test_planted_batch_work_link_is_refused_not_followed(tmp_path: Path) -> None:
    """#17.8: OUT/.batch-work as a link to another folder: refused, the other folder untouched."""
    src = write_rows(tmp_path / "in.csv", [row("K-1")])
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "precious.txt").write_text("keep")
    out = tmp_path / "out"
    out.mkdir()
    (out / batch.WORK_DIR).symlink_to(victim)
    for extra in ((), ("--resume",)):
        r = batch_cmd(str(src), "--out", str(out), *extra)
        assert r.exit_code == 1
        assert ".batch-work" in error_line(r) and "link" in error_line(r)
    assert (victim / "precious.txt").read_text() == "keep" and len(list(victim.iterdir())) == 1


def test_report_and_intake_out_at_a_folder(tmp_path: Path) -> None:
    """#17.8: --out DIR for report, intake --answers and the interactive intake (before the first
    question): one line naming the folder."""
    profile = _profile_file(tmp_path)
    folder = tmp_path / "folder"
    folder.mkdir()
    cases = [
        ["report", str(profile), "--out", str(folder)],
        ["intake", "--answers", str(ANSWERS), "--out", str(folder)],
        ["intake", "--out", str(folder)],
    ]
    for args in cases:
        r = runner.invoke(app, args, input="K-1\n")
        assert r.exit_code == 1, (args, r.output)
        assert f"{folder}: is een map; geef een bestandsnaam" in error_line(r)  # Dutch by default
    assert list(folder.iterdir()) == []


def test_read_only_targets(tmp_path: Path, readonly_dir: Path) -> None:
    """#17.8: batch, report and intake --answers into a read-only folder: one line naming the
    path, exit 1."""
    src = write_rows(tmp_path / "in.csv", [row("K-1")])
    profile = _profile_file(tmp_path)
    cases = [
        ["batch", str(src), "--out", str(readonly_dir / "out"), "--workers", "1"],
        ["report", str(profile), "--out", str(readonly_dir / "r.html")],
        ["intake", "--answers", str(ANSWERS), "--out", str(readonly_dir / "p.json")],
    ]
    for args in cases:
        r = runner.invoke(app, args, env={"SKILLTOOL_LANG": "en"})
        assert r.exit_code == 1, (args, r.output)
        line = error_line(r)
        assert str(readonly_dir) in line and ("read-only" in line or "permission" in line), line


def test_full_disk_batch_report_and_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """#17.8: a full disk (fault injection: fsync fails with ENOSPC) for batch, report and intake
    --answers: one line naming the path and 'the disk is full', no complete-looking output."""
    src = write_rows(tmp_path / "in.csv", [row("K-1")])
    profile = _profile_file(tmp_path)
    _enospc(monkeypatch)
    out = tmp_path / "out"
    cases = [
        (["batch", str(src), "--out", str(out), "--workers", "1"], out / "manifest.json"),
        (["report", str(profile), "--out", str(tmp_path / "r.html")], tmp_path / "r.html"),
        (["intake", "--answers", str(ANSWERS), "--out", str(tmp_path / "p2.json")], tmp_path / "p2.json"),
    ]
    for args, target in cases:
        r = runner.invoke(app, args)
        assert r.exit_code == 1, (args, r.output)
        assert "de schijf is vol" in error_line(r)  # Dutch by default
        assert not target.exists()


def test_full_disk_during_a_batch_then_resume(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compiled_cache: Path
) -> None:
    """#17.8: the disk fills after the first checkpoints: one line with the --resume hint; after
    space is freed, --resume finishes with every row accounted for."""
    src = write_rows(tmp_path / "in.csv", [row(f"K-{i}") for i in range(1, 13)])
    out = tmp_path / "out"
    monkeypatch.setattr(batch, "CHECKPOINT_SECONDS", 0.0)
    _enospc(monkeypatch, after=8)  # the first state, one whole checkpoint, then the disk is full
    r = batch_cmd(str(src), "--out", str(out), "--chunk-size", "3")
    assert r.exit_code == 1, r.output
    line = error_line(r)
    assert "the disk is full" in line and "--resume" in line
    assert not (out / "manifest.json").exists()
    monkeypatch.undo()  # the disk is free again; undo also dropped the environment: set it again
    monkeypatch.setenv("SKILLTOOL_CACHE_DIR", str(compiled_cache))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764288000")
    state = json.loads((out / batch.WORK_DIR / "state.json").read_text(encoding="utf-8"))
    assert state["last_row"] == 4  # the checkpoint before the disk filled: rows 1-3 (lines 2-4)
    r = batch_cmd(str(src), "--out", str(out), "--chunk-size", "3", "--resume", "--json")
    assert r.exit_code == 0, r.output
    manifest = json.loads(r.stdout)
    assert manifest["resumed"]
    counts = manifest["counts"]
    assert counts["rows_read"] == 12 == counts["rows_written"] + counts["rows_rejected"]


def test_full_small_filesystem_for_a_real_batch(tmp_path: Path) -> None:
    """#17.8: a real 256 KiB tmpfs (root only) filled by the profiles: one line, exit 1."""
    src = write_rows(tmp_path / "in.csv", [row(f"K-{i}") for i in range(1, 41)])
    with _mount(tmp_path / "small", "size=256k") as ok:
        if not ok:
            pytest.skip("a tiny tmpfs needs root and mount")
        r = batch_cmd(str(src), "--out", str(tmp_path / "small" / "out"), "--chunk-size", "5")
        assert r.exit_code == 1, r.output
        assert "the disk is full" in error_line(r)
        assert not (tmp_path / "small" / "out" / "manifest.json").exists()


def test_full_disk_in_the_interactive_intake_prints_the_resume_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """#17.8: the disk fills during the interview: one error line naming the draft, then the
    resume command; the draft keeps every answer saved before."""
    out = tmp_path / "p.json"
    _enospc(monkeypatch, after=2)  # the empty draft and the first answer are saved
    r = runner.invoke(app, ["intake", "--lang", "en", "--out", str(out)], input="T-9\n1977\nEritrea\n")
    assert r.exit_code == 1, r.output
    draft = out.with_name(out.name + ".draft.json")
    assert str(draft) in error_line(r) and "the disk is full" in error_line(r)
    assert f"skilltool intake --resume {draft}" in r.stderr
    assert json.loads(draft.read_text(encoding="utf-8"))["state"] == {"personal.client_ref": "T-9"}


# --- 9. misleading messages --------------------------------------------------------------------


def test_folder_device_and_fifo_as_input_say_what_they_are(tmp_path: Path) -> None:
    """#17.9: a folder, /dev/null and a FIFO as the export: each named for what it is, exit 1,
    never 'no such file' (and the FIFO is not opened, so nothing blocks)."""
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    cases = [(tmp_path, "is a folder"), (Path("/dev/null"), "is a device"), (fifo, "is a pipe")]
    for path, expected in cases:
        r = batch_cmd(str(path), "--out", str(tmp_path / "out"))
        assert r.exit_code == 1
        assert expected in error_line(r) and "no such file" not in error_line(r)
    for option in ("--answers", "--resume"):
        r = runner.invoke(app, ["intake", "--lang", "en", option, str(tmp_path)])
        assert r.exit_code == 1 and "is a folder" in error_line(r)
    r = runner.invoke(app, ["report", "--lang", "en", str(fifo)])
    assert r.exit_code == 1 and "is a pipe" in error_line(r)
    r = runner.invoke(app, ["report", str(fifo)])  # the default language names it in Dutch
    assert r.exit_code == 1 and "is een pipe (FIFO), geen gewoon bestand" in error_line(r)


def test_duplicate_header_names_are_named(tmp_path: Path) -> None:
    """#17.9: a mapped column twice in the header: one line naming it and both positions; an
    unmapped column twice: the warning says which copy is the extra one (by column: a header cell
    that is no mapped column's name is not shown, sixteenth review)."""
    header = [*HEADER, "beroep_1"]
    src = write_rows(tmp_path / "dup.csv", [[*row("K-1"), "kok"]], header=header)
    r = batch_cmd(str(src), "--out", str(tmp_path / "out"))
    assert r.exit_code == 1
    first = HEADER.index("beroep_1") + 1  # its place in the example export's header
    assert f"'beroep_1' 2 times (columns {first} and {len(header)})" in error_line(r)
    header = [*HEADER, "extra", "extra"]
    src = write_rows(tmp_path / "dup2.csv", [[*row("K-1"), "a", "b"]], header=header)
    r = batch_cmd(str(src), "--out", str(tmp_path / "out2"))
    assert r.exit_code == 0, r.output
    assert f"column {len(header)} (a second copy of column {len(header) - 1})" in r.stderr
    assert "extra" not in r.stderr


# --- 10. terminal escapes ------------------------------------------------------------------------


def test_escape_sequences_in_a_header_are_not_echoed(tmp_path: Path) -> None:
    """#17.10: a header cell with OSC/CSI sequences is shown without its control characters (and,
    since the sixteenth review, by its column only: no mapped column's name)."""
    evil = "\x1b]0;owned\x07\x1b[2J\x9b31mkolom"
    src = write_rows(tmp_path / "esc.csv", [[*row("K-1"), "x"]], header=[*HEADER, evil])
    r = batch_cmd(str(src), "--out", str(tmp_path / "out"))
    assert r.exit_code == 0, r.output
    assert f"ignored: column {len(HEADER) + 1}" in r.stderr and "owned" not in r.stderr
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", r.stdout + r.stderr)


def test_one_clean_function_for_every_command() -> None:
    """#17.10: console.clean drops C0/C1 controls and bidi overrides, keeps text and newlines."""
    from skilltool import console, json_text

    assert console.clean("a\x1b[2Jb\x9bc\u202ed\ne\tf") == "a[2Jbcd\ne\tf"
    assert json.loads(json_text.dumps({"x": "\x1b\x9b"})) == {"x": "\x1b\x9b"}
    assert "\x9b" not in json_text.dumps({"x": "\x9b"})


# --- 11. tampered draft ----------------------------------------------------------------------------


def test_tampered_draft_is_refused_before_the_first_question(tmp_path: Path) -> None:
    """#17.11: a draft with an impossible birth year and a bad client id: one line naming the
    answer, exit 1, no question asked."""
    out = tmp_path / "p.json"
    r = runner.invoke(app, ["intake", "--lang", "en", "--out", str(out)], input="T-9\n1977\n")
    assert r.exit_code == 130
    draft = out.with_name(out.name + ".draft.json")
    data = json.loads(draft.read_text(encoding="utf-8"))
    for key, value, expected in (
        ("personal.birth_year", 3024, "answer personal.birth_year: the answer is not a year"),
        ("personal.client_ref", "Fatima Zahrawi", "answer personal.client_ref: use letters"),
        ("personal.birth_year", {"$ne": 1}, "answer personal.birth_year:"),
    ):
        tampered = json.loads(json.dumps(data))
        tampered["state"][key] = value
        draft.write_text(json.dumps(tampered), encoding="utf-8")
        r = runner.invoke(app, ["intake", "--lang", "en", "--resume", str(draft)], input="")
        assert r.exit_code == 1, r.output
        assert expected in error_line(r)
        assert "Section" not in r.stderr  # no question was asked
    draft.write_text(json.dumps(data), encoding="utf-8")
    r = runner.invoke(app, ["intake", "--resume", str(draft)], input="")
    assert r.exit_code == 130  # the untouched draft resumes (then end of input)


# --- the diploma-name cap ------------------------------------------------------------------------


def test_a_pasted_document_as_diploma_name_is_matched_on_its_start(tmp_path: Path) -> None:
    """A 126 KB diploma name without --country is cut to diplomas.MAX_NAME_CHARS before matching:
    the same result as the first MAX_NAME_CHARS characters (and so the same cost)."""
    from skilltool.reference import ReferenceData

    table = profile_building.Coders(ReferenceData()).diplomas
    assert table is not None
    name = "Technical Baccalaureate "
    long = name + "x" * 126_000
    got = diplomas.lookup(table, country=None, text=long)
    want = diplomas.lookup(table, country=None, text=long[: diplomas.MAX_NAME_CHARS])
    assert [m.entry_id for m in got.matches] == [m.entry_id for m in want.matches]
    r = runner.invoke(app, ["diploma", "lookup", long[:20_000]])
    assert "Traceback" not in r.output


def test_fsio_check_input_file_names_the_kind(tmp_path: Path) -> None:
    """fsio.check_input_file: missing, dangling link, folder, device each say what they are."""
    link = tmp_path / "l"
    link.symlink_to(tmp_path / "nowhere")
    for path, expected in (
        (tmp_path / "none.csv", "no such file"),
        (link, "link to a file that does not exist"),
        (tmp_path, "is a folder"),
        (Path("/dev/null"), "is a device"),
    ):
        with pytest.raises(Exception, match=re.escape(expected)):
            fsio.check_input_file(path)


# --- 12. Ctrl-C outside the row loop -------------------------------------------------------------


def test_ctrl_c_before_the_row_loop_still_gives_the_resume_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """#17.12: a Ctrl-C that lands while the part files are opened (before the row loop's own
    handler) ends with exit 130 and the --resume hint as the last line, not 'interrupted'."""
    from .batch_fakes import fake_processor

    monkeypatch.setattr(batch, "standard_processor", fake_processor)

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(batch, "_open_parts", interrupted)
    src = write_rows(tmp_path / "in.csv", [row("K-1")])
    r = batch_cmd(str(src), "--out", str(tmp_path / "out"))
    assert r.exit_code == 130, r.output
    assert r.stderr.strip().splitlines()[-1].endswith("Run the same command with --resume to continue")


@pytest.mark.timeout(120)
def test_sigint_while_workers_start_does_not_kill_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """#17.12, the flaky test's cause: a SIGINT that reached a pool worker before its initializer
    ignored SIGINT killed it with a KeyboardInterrupt traceback. Workers now start with SIGINT
    blocked: here each worker gets a SIGINT as its very first act and still runs its rows."""
    import signal

    from .batch_fakes import fake_processor

    real = batch_pool._ignore_sigint

    def first_a_sigint() -> None:
        os.kill(os.getpid(), signal.SIGINT)
        real()

    monkeypatch.setattr(batch_pool, "_ignore_sigint", first_a_sigint)

    def init_worker(config: batch.WorkerConfig) -> None:
        first_a_sigint()
        batch_pool._init_worker_body(config)

    monkeypatch.setattr(batch_pool, "init_spawned", init_worker)
    src = write_rows(tmp_path / "in.csv", [row(f"K-{i}") for i in range(1, 21)])
    job = batch.prepare(src, out=tmp_path / "out", workers=2, chunk_size=3, factory=fake_processor)

    m = batch.run(job)  # before the fix the pool replaced dying workers forever (the timeout mark)
    assert m.counts.rows_read == 20 == m.counts.rows_written


def test_sigint_blocked_is_delivered_afterwards() -> None:
    """``_sigint_blocked``: a SIGINT inside the block waits, and arrives as KeyboardInterrupt after.

    Sent to this thread: a process-wide SIGINT may go to any thread that does not block it, and
    pyarrow (imported by other test modules) runs native threads of its own."""
    import signal
    import threading

    reached = False
    # Python's own handler: pytest started in the background by a shell without job control
    # inherits SIGINT ignored, Python then installs no handler, and the test failed there
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt), batch_pool._sigint_blocked():
            signal.pthread_kill(threading.get_ident(), signal.SIGINT)
            reached = True
    finally:
        signal.signal(signal.SIGINT, previous)
    assert reached


# --- property: random quoting faults lose nothing and mix nothing ----------------------------------

PROP_MAPPING = """\
version: 1
fields:
  personal.client_ref: id
  personal.municipality: gemeente
  notes: notitie
groups:
  work:
    numbered: 1
    fields: {title: "beroep_{n}"}
"""


@st.composite
def faulty_csv(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    """A CSV of n records (cells hold tokens ``r<i>c<j>``), some notes legally quoted over
    several lines, some cells with a stray quote at their start, middle or end. Returns the text
    and each record's (first line, last line) as written."""
    n = draw(st.integers(min_value=1, max_value=12))
    lines = ["id;gemeente;beroep_1;notitie"]
    spans: list[tuple[int, int]] = []
    for i in range(n):
        cells = [f"K-{i}", f"r{i}c1", f"r{i}c2", f"r{i}c3"]
        for j in range(4):
            fault = draw(st.sampled_from(["", "", "", "start", "middle", "end"]))
            if fault == "start":
                cells[j] = '"' + cells[j]
            elif fault == "middle":
                cells[j] = cells[j][:2] + '"' + cells[j][2:]
            elif fault == "end":
                cells[j] += '"'
        if draw(st.booleans()) and '"' not in cells[3]:
            cells[3] = f'"r{i}c3 een;\nr{i}c3 twee"'  # legal: a quoted note over two lines
        first = len(lines) + 1
        lines.extend(";".join(cells).split("\n"))
        spans.append((first, len(lines)))
    return "\n".join(lines) + "\n", spans


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=faulty_csv())
def test_random_quoting_faults_account_for_every_record(
    tmp_path: Path, case: tuple[str, list[tuple[int, int]]]
) -> None:
    """#17.1 property: for a CSV with random quoting faults, every record the file holds is a
    profile (from its own first line) or is covered by an errors.csv row within its lines, and no
    profile holds a token of another row."""
    from .batch_fakes import fake_processor

    text, spans = case
    work = Path(tempfile.mkdtemp(dir=tmp_path))
    src = work / "in.csv"
    src.write_text(text, encoding="utf-8")
    mapping = work / "m.yaml"
    mapping.write_text(PROP_MAPPING, encoding="utf-8")
    job = batch.prepare(src, out=work / "out", mapping_path=mapping, workers=1, factory=fake_processor)
    m = batch.run(job)
    assert m.counts.rows_read == m.counts.rows_written + m.counts.rows_rejected
    error_rows = {int(e[0]) for e in read_errors(work / "out")}
    with (work / "out" / "summary.csv").open(encoding="utf-8-sig", newline="") as fh:
        summary_rows = [int(r[0]) for r in list(csv.reader(fh, delimiter=";"))[1:]]
    profiles = [json.loads(p) for p in profile_lines(work / "out")]
    done = dict(zip(summary_rows, profiles, strict=True))
    for i, (first, last) in enumerate(spans):
        if first in done:
            profile = done[first]
            assert profile["personal"]["client_ref"] == f"K-{i}"
            found = set(re.findall(r"r(\d+)c\d", json.dumps(profile)))
            assert found <= {str(i)}, (i, found, text)
        else:
            assert any(first <= r <= last for r in error_rows), (i, text)


def test_yaml_tags_are_refused_in_answers_and_mappings(tmp_path: Path) -> None:
    """Kept from before #17: a YAML tag that would build a Python object is refused (safe
    loader), in an answers file and in a column mapping, with one line."""
    payload = 'personal: !!python/object/apply:os.system ["touch PWNED"]\n'
    answers = tmp_path / "a.yaml"
    answers.write_text(payload, encoding="utf-8")
    r = runner.invoke(app, ["intake", "--answers", str(answers)])
    assert r.exit_code == 1 and str(answers) in error_line(r)
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "version: 1\nfields: !!python/object/apply:os.system ['touch PWNED']\n", encoding="utf-8"
    )
    src = write_rows(tmp_path / "in.csv", [row("K-1")])
    r = batch_cmd(str(src), "--mapping", str(mapping), "--out", str(tmp_path / "out"))
    assert r.exit_code == 1 and str(mapping) in error_line(r)
    assert not (tmp_path / "PWNED").exists() and not Path("PWNED").exists()
