"""Hostile input files, fourth round (a red-team review): each case here crashed with a traceback
or mixed data; now it reads right or stops with one line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from skilltool import tabular
from skilltool.cli import app

runner = CliRunner()


# --- .xlsx outputs of values Excel cannot hold as they are -------------------------------------


def test_xlsx_output_writes_zoned_times_nan_and_early_dates_as_text(tmp_path: Path) -> None:
    """A zoned timestamp (a Parquet input's ``timestamp[ms, tz=UTC]``) raised openpyxl's TypeError
    (a traceback from ``occupation code --out X.xlsx``); NaN and infinity became empty cells, a
    year-1 date a negative serial Excel shows as ``####``. Now they are their text; numbers and
    plain dates stay typed."""
    out = tmp_path / "o.xlsx"
    zoned = dt.datetime(2024, 3, 1, 12, 30, tzinfo=dt.UTC)
    values = [zoned, zoned.timetz(), float("nan"), float("inf"), dt.date(1, 1, 1), 2.5, dt.date(2024, 3, 1)]
    tabular.write_xlsx(out, [f"c{i}" for i in range(len(values))], [values], title="t")
    cells = next(openpyxl.load_workbook(out).active.iter_rows(min_row=2, values_only=True))
    assert cells[:5] == ("2024-03-01 12:30:00+00:00", "12:30:00+00:00", "nan", "inf", "0001-01-01")
    assert cells[5:] == (2.5, dt.datetime(2024, 3, 1))


def test_a_parquet_with_a_zoned_timestamp_codes_into_xlsx(tiny_data: Path, tmp_path: Path) -> None:
    """``occupation code --input X.parquet --out Y.xlsx`` with a timestamp column with a time zone
    beside the titles: a traceback; now every row is written, the time as its text."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    src, out = tmp_path / "in.parquet", tmp_path / "o.xlsx"
    when = pa.array([dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC)] * 2, type=pa.timestamp("ms", tz="UTC"))
    pq.write_table(pa.table({"functie": ["lasmedewerker", "kok"], "gezien": when}), src)
    args = [
        "--data-dir",
        str(tiny_data),
        "occupation",
        "code",
        "-i",
        str(src),
        "-c",
        "functie",
        "-o",
        str(out),
    ]
    r = runner.invoke(app, [*args, "--lang", "en"])
    assert r.exit_code == 0, r.output
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert [r[:2] for r in rows[1:]] == [(t, "2024-03-01 09:00:00+00:00") for t in ("lasmedewerker", "kok")]
