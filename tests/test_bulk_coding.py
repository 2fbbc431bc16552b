"""`occupation code --input FILE --column NAME --out FILE` and `skill code --input ...` (tiny data)."""

from __future__ import annotations

import csv
import stat
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner, Result

from skilltool import bulk_coding
from skilltool.cli import app

runner = CliRunner()
TITLES = ["lasser", "electrition", "", "=kapster", "lasser"]


def titles_csv(path: Path) -> Path:
    lines = ["id;functie;plaats"] + [f"{i};{t};Utrecht" for i, t in enumerate(TITLES, start=1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh, delimiter=";"))


def code(data: Path, *args: str) -> Result:
    return runner.invoke(app, ["--data-dir", str(data), *args])


def test_csv_in_csv_out_every_row_with_candidates_as_columns(tiny_data: Path, tmp_path: Path) -> None:
    """Each input row comes out once, in order, with its columns and the candidates after them;
    empty cells are not coded; cells that look like formulas stay neutralised; owner-only."""
    out = tmp_path / "coded.csv"
    r = code(
        tiny_data,
        "occupation",
        "code",
        "-i",
        str(titles_csv(tmp_path / "t.csv")),
        "--column",
        "functie",
        "-o",
        str(out),
        "--top",
        "2",
    )
    assert r.exit_code == 0, r.output
    rows = read_csv(out)
    assert rows[0] == ["id", "functie", "plaats", *bulk_coding.candidate_columns("occupation", 2)]
    body = rows[1:]
    assert [row[0] for row in body] == ["1", "2", "3", "4", "5"]
    col = {name: i for i, name in enumerate(rows[0])}
    assert [row[col["occupation_1_isco"]] for row in body] == ["7212", "7411", "", "5141", "7212"]
    assert body[2][3:] == [""] * (len(rows[0]) - 3)
    assert body[3][1] == "'=kapster"
    assert body[1][col["occupation_needs_review"]] in ("yes", "no")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "5 rijen geschreven" in r.stderr and "1 leeg" in r.stderr


def test_parquet_and_xlsx_round_trip(tiny_data: Path, tmp_path: Path) -> None:
    """Parquet in (typed columns kept) -> Parquet out with typed candidate columns; XLSX in -> XLSX out."""
    src = tmp_path / "in.parquet"
    pq.write_table(
        pa.table({"n": pa.array([1, 2, 3], pa.int64()), "skill": ["welding", None, "cut hair"]}), src
    )
    out = tmp_path / "out.parquet"
    r = code(
        tiny_data,
        "skill",
        "code",
        "--input",
        str(src),
        "--column",
        "skill",
        "-o",
        str(out),
        "--top",
        "1",
        "--lang",
        "en",
    )
    assert r.exit_code == 0, r.output
    t = pq.read_table(out)
    assert t.schema.field("n").type == pa.int64()
    assert t.schema.field("skill_1_score").type == pa.float64()
    assert t.schema.field("skill_needs_review").type == pa.bool_()
    rows = t.to_pylist()
    assert [row["n"] for row in rows] == [1, 2, 3]
    assert [row["skill_1_id"] for row in rows] == ["weld", None, "cut"]
    xlsx = tmp_path / "in.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["functie"])
    for title in TITLES:
        ws.append([title.lstrip("=") or None])  # a "=..." cell would be a formula
    wb.save(xlsx)
    out_x = tmp_path / "out.xlsx"
    r = code(
        tiny_data, "occupation", "code", "--input", str(xlsx), "--column", "FUNCTIE", "--out", str(out_x)
    )
    assert r.exit_code == 0, r.output
    book = openpyxl.load_workbook(out_x, read_only=True)  # read-only keeps the file open: close it
    try:
        got = [[*row, None, None, None] for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()
    assert got[0][:2] == ["functie", "occupation_1_uri"]
    assert [row[2] or None for row in got[1:]] == ["7212", "7411", None, "5141", "7212"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--column", "nope", "-o", "x.csv"],
            "geen kolom 'nope', en ook geen die erop lijkt onder de 3 namen van de eerste rij",
        ),
        (["--column", "functie", "-o", "x.json"], "geef een bestand dat eindigt op .csv, .xlsx, .parquet"),
        (["--column", "functie"], "--input vraagt om --column NAAM"),
        (["--column", "functie", "-o", "x.csv", "--engine", "spark"], "--engine 'spark': geef local of dask"),
    ],
)
def test_bad_options_are_one_line(tiny_data: Path, tmp_path: Path, args: list[str], message: str) -> None:
    """A missing column, an unknown output kind or engine: one line naming the fix, exit non-zero."""
    src = titles_csv(tmp_path / "t.csv")
    args = [a if a != "x.csv" and a != "x.json" else str(tmp_path / a) for a in args]
    r = code(tiny_data, "occupation", "code", "--input", str(src), *args)
    assert r.exit_code != 0
    assert message in r.stderr
    assert "Traceback" not in r.output and len(r.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.csv").exists()


def test_the_input_is_never_overwritten(tiny_data: Path, tmp_path: Path) -> None:
    """--out equal to --input is refused with one line."""
    src = titles_csv(tmp_path / "t.csv")
    r = code(tiny_data, "occupation", "code", "-i", str(src), "--column", "functie", "-o", str(src))
    assert r.exit_code != 0 and "dat is het invoerbestand" in r.stderr


@pytest.mark.parametrize(("kind", "text"), [("occupation", "lasser"), ("skill", "welding")])
def test_a_ragged_row_is_kept_uncoded_with_its_problem_and_the_job_goes_on(
    tiny_data: Path, tmp_path: Path, kind: str, text: str
) -> None:
    """A row with more cells than the header (its columns may be shifted) no longer stops the job:
    it is written in its place with its first cells, not coded, the reason in ``{kind}_problem``;
    the rows after it are coded; one warning names its row number (never its cells); exit 0."""
    src = tmp_path / "t.csv"
    src.write_text(f"id;functie\n1;{text}\n2;{text};123456789\n3;{text}\n", encoding="utf-8")
    out = tmp_path / "o.csv"
    r = code(tiny_data, kind, "code", "-i", str(src), "--column", "functie", "-o", str(out), "--lang", "en")
    assert r.exit_code == 0, r.output
    rows = read_csv(out)
    col = {name: i for i, name in enumerate(rows[0])}
    assert [row[:2] for row in rows[1:]] == [["1", text], ["2", text], ["3", text]]
    first = f"{kind}_1_label"
    assert rows[1][col[first]] and rows[3][col[first]] and not rows[2][col[first]]
    problem = rows[2][col[f"{kind}_problem"]]
    assert problem.startswith("3 cells but the header has 2: not coded")
    assert not rows[1][col[f"{kind}_problem"]]
    warnings = [ln for ln in r.stderr.splitlines() if ln.startswith("warning:")]
    assert len(warnings) == 1 and "t.csv: row(s) 3 have more cells than the header" in warnings[0]
    assert f"{kind}_problem" in warnings[0] and "123456789" not in r.stderr
    assert "1 with a problem" in r.stderr


def _coded_file(
    tiny_data: Path, tmp_path: Path, data: bytes
) -> tuple[Result, list[list[str]], dict[str, int]]:
    """``occupation code`` of the column ``functie`` of a file holding ``data`` (exit 0): the run,
    the output's rows and each output column's position."""
    src, out = tmp_path / "t.csv", tmp_path / "o.csv"
    src.write_bytes(data)
    r = code(
        tiny_data, "occupation", "code", "-i", str(src), "--column", "functie", "-o", str(out), "--lang", "en"
    )
    assert r.exit_code == 0, r.output
    rows = read_csv(out)
    return r, rows, {name: i for i, name in enumerate(rows[0])}


def test_a_row_with_damaged_bytes_is_kept_uncoded_and_the_job_goes_on(
    tiny_data: Path, tmp_path: Path
) -> None:
    """A line with NUL bytes or a byte neither UTF-8 nor Windows-1252 stopped the coding job;
    now its row is written uncoded with the reason in ``occupation_problem``, one warning names it."""
    r, rows, col = _coded_file(tiny_data, tmp_path, b"id;functie\n1;lasser\n2;k\x00ok\n3;\x81\n4;lasser\n")
    assert [row[0] for row in rows[1:]] == ["1", "2", "3", "4"]
    assert [bool(row[col["occupation_1_isco"]]) for row in rows[1:]] == [True, False, False, True]
    assert rows[2][col["occupation_problem"]].startswith("the line holds NUL bytes")
    assert rows[3][col["occupation_problem"]].startswith("the line holds byte 0x81")
    assert "t.csv: row(s) 3, 4 have more cells than the header, damaged bytes" in r.stderr


@pytest.mark.parametrize("suffix", [".xlsx", ".parquet"])
def test_a_ragged_row_is_kept_in_xlsx_and_parquet_output(
    tiny_data: Path, tmp_path: Path, suffix: str
) -> None:
    """The same ragged row in an .xlsx or Parquet output: every input row written, the ragged one
    with its problem and no candidates (the typed Parquet columns take the empty values)."""
    src = tmp_path / "t.csv"
    src.write_text("id;functie\n1;lasser\n2;kok;extra;more\n", encoding="utf-8")
    out = tmp_path / f"o{suffix}"
    r = code(
        tiny_data, "occupation", "code", "-i", str(src), "--column", "functie", "-o", str(out), "--lang", "en"
    )
    assert r.exit_code == 0, r.output
    if suffix == ".parquet":
        table = pq.read_table(out).to_pylist()
    else:
        ws = openpyxl.load_workbook(out, read_only=True).active
        assert ws is not None
        head, *body = [list(v) for v in ws.iter_rows(values_only=True)]
        table = [dict(zip(head, [*v, *[None] * len(head)], strict=False)) for v in body]  # short rows
    assert [t["id"] for t in table] == ["1", "2"]
    assert table[0]["occupation_1_isco"] and table[0]["occupation_problem"] is None
    assert table[1]["occupation_1_isco"] is None
    assert str(table[1]["occupation_problem"]).startswith("4 cells but the header has 2")


def test_texts_and_input_together_are_refused(tiny_data: Path, tmp_path: Path) -> None:
    """Titles on the command line and --input at once: one line, nothing coded."""
    src = titles_csv(tmp_path / "t.csv")
    r = code(
        tiny_data,
        "skill",
        "code",
        "lassen",
        "-i",
        str(src),
        "--column",
        "functie",
        "-o",
        str(tmp_path / "o.csv"),
    )
    assert r.exit_code != 0 and "niet allebei" in r.stderr


def test_streams_in_blocks(tiny_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows are read, coded and written a block at a time (here 2 rows), in input order."""
    monkeypatch.setattr(bulk_coding, "BLOCK", 2)
    seen: list[int] = []
    real = bulk_coding.code_block

    def spy(spec: bulk_coding.CodingSpec, texts: list[str | None]) -> list[list[object]]:
        seen.append(len(texts))
        return real(spec, texts)

    monkeypatch.setattr(bulk_coding, "code_block", spy)
    spec = bulk_coding.CodingSpec(kind="occupation", data_dir=tiny_data, lang="nl", top=1)
    summary = bulk_coding.code_file(titles_csv(tmp_path / "t.csv"), "functie", tmp_path / "o.parquet", spec)
    assert seen == [2, 2, 1]
    assert (summary.rows, summary.coded, summary.empty) == (5, 4, 1)
    assert pq.read_table(tmp_path / "o.parquet").column("id").to_pylist() == ["1", "2", "3", "4", "5"]


def test_a_row_cut_by_a_line_break_is_kept_uncoded_with_its_problem(tiny_data: Path, tmp_path: Path) -> None:
    """A cell with an unquoted line break cuts a row into two short lines whose cells add up to
    the header's: both are written uncoded with the reason, not coded as two half rows."""
    _, rows, col = _coded_file(
        tiny_data, tmp_path, b"id;functie;notitie\n1;lasser;a\n2;las\nser;b\n3;lasser;c\n"
    )
    assert [row[0] for row in rows[1:]] == ["1", "2", "ser", "3"]
    assert [bool(row[col["occupation_1_isco"]]) for row in rows[1:]] == [True, False, False, True]
    assert all(rows[i][col["occupation_problem"]].startswith("lines 3 to 4 each hold fewer") for i in (2, 3))
