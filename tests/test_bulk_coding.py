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
        "-c",
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
        "-c",
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
        (["-c", "nope", "-o", "x.csv"], "geen kolom 'nope'; de kolommen zijn: id, functie, plaats"),
        (["-c", "functie", "-o", "x.json"], "geef een bestand dat eindigt op .csv, .xlsx, .parquet"),
        (["-c", "functie"], "--input vraagt om --column NAAM"),
        (["-c", "functie", "-o", "x.csv", "--engine", "spark"], "--engine 'spark': geef local of dask"),
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


def test_input_is_never_overwritten_and_a_ragged_row_stops_cleanly(tiny_data: Path, tmp_path: Path) -> None:
    """--out equal to --input is refused; a row with more cells than the header stops with its line
    number and leaves no output file behind."""
    src = titles_csv(tmp_path / "t.csv")
    r = code(tiny_data, "occupation", "code", "-i", str(src), "-c", "functie", "-o", str(src))
    assert r.exit_code != 0 and "dat is het invoerbestand" in r.stderr
    src.write_text("id;functie\n1;lasser\n2;kok;extra\n", encoding="utf-8")
    out = tmp_path / "o.csv"
    r = code(tiny_data, "occupation", "code", "-i", str(src), "-c", "functie", "-o", str(out))
    assert r.exit_code != 0 and "t.csv:3: 3 cellen maar de kopregel heeft er 2" in r.stderr
    assert not out.exists() and not list(tmp_path.glob(".o.csv*"))


def test_texts_and_input_together_are_refused(tiny_data: Path, tmp_path: Path) -> None:
    """Titles on the command line and --input at once: one line, nothing coded."""
    src = titles_csv(tmp_path / "t.csv")
    r = code(
        tiny_data, "skill", "code", "lassen", "-i", str(src), "-c", "functie", "-o", str(tmp_path / "o.csv")
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
