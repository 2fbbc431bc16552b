"""Same answers before and after a speed change: two ``skilltool batch run`` output folders compared.

Speed work on the batch must not change a single answer. Run the batch on a fixed input with the
code before the change (e.g. ``bench/batch.py 3000 --keep D`` keeps its generated input) and again
with the code after it, then compare the two output folders:

    .venv/bin/skilltool -q batch run D/intakes-3000.csv --out /tmp/before --workers 2   # old code
    .venv/bin/skilltool -q batch run D/intakes-3000.csv --out /tmp/after --workers 2    # new code
    .venv/bin/python bench/batch_equal.py /tmp/before /tmp/after

Compared: ``profiles.jsonl`` line by line, byte for byte except the run's ``created`` time;
``summary.csv`` and ``errors.csv`` byte for byte; ``report.html`` except the run's time; with
``--format parquet`` every table under ``tables/`` (schema and values; the people table's
``created`` column excepted). ``manifest.json`` holds the run's times and paths and is not
compared. Prints what differs
(the first few lines) and exits 1 when anything does.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

CREATED = re.compile(rb'"created":"[^"]*"')
TIMESTAMP = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[^<\"]*")
"""The run's time in ``report.html``."""


def _lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines() if path.exists() else []


def compare_jsonl(a: Path, b: Path, show: int) -> int:
    """Differing profile lines (the ``created`` time blanked out on both sides)."""
    la, lb = _lines(a), _lines(b)
    diffs = 0
    if len(la) != len(lb):
        print(f"{a.name}: {len(la)} vs {len(lb)} lines")
        diffs += 1
    for n, (x, y) in enumerate(zip(la, lb, strict=False), start=1):
        if CREATED.sub(b'"created":""', x, count=1) != CREATED.sub(b'"created":""', y, count=1):
            diffs += 1
            if diffs <= show:
                i = next(
                    (k for k, (p, q) in enumerate(zip(x, y, strict=False)) if p != q), min(len(x), len(y))
                )
                lo = max(0, i - 80)
                print(f"{a.name} line {n} differs at byte {i}:\n  {x[lo : i + 80]!r}\n  {y[lo : i + 80]!r}")
    return diffs


def compare_bytes(a: Path, b: Path, show: int, *, blank: re.Pattern[bytes] | None = None) -> int:
    """Differing lines of a file that must be identical (what ``blank`` matches blanked out)."""
    la, lb = _lines(a), _lines(b)
    if blank is not None:
        la, lb = [blank.sub(b"", x) for x in la], [blank.sub(b"", y) for y in lb]
    diffs = int(len(la) != len(lb))
    if diffs:
        print(f"{a.name}: {len(la)} vs {len(lb)} lines")
    for n, (x, y) in enumerate(zip(la, lb, strict=False), start=1):
        if x != y:
            diffs += 1
            if diffs <= show:
                print(f"{a.name} line {n}:\n  {x[:200]!r}\n  {y[:200]!r}")
    return diffs


def compare_tables(a: Path, b: Path, show: int) -> int:
    """Tables whose schema or values differ (``created`` dropped from both)."""
    import pyarrow.parquet as pq

    names = sorted({p.name for p in a.iterdir()} | {p.name for p in b.iterdir()})
    diffs = 0
    for name in names:
        if not (a / name).is_dir() or not (b / name).is_dir():
            print(f"tables/{name}: only in one folder")
            diffs += 1
            continue
        ta, tb = pq.read_table(a / name), pq.read_table(b / name)
        if "created" in ta.column_names and "created" in tb.column_names:
            ta, tb = ta.drop_columns(["created"]), tb.drop_columns(["created"])
        if not ta.schema.equals(tb.schema) or ta.num_rows != tb.num_rows:
            print(f"tables/{name}: schema or row count differs ({ta.num_rows} vs {tb.num_rows} rows)")
            diffs += 1
            continue
        for col in ta.column_names:
            if not ta.column(col).equals(tb.column(col)):
                diffs += 1
                if diffs <= show:
                    xa, xb = ta.column(col).to_pylist(), tb.column(col).to_pylist()
                    k = next(i for i, (p, q) in enumerate(zip(xa, xb, strict=True)) if p != q)
                    print(f"tables/{name}.{col} row {k}:\n  {xa[k]!r}\n  {xb[k]!r}")
    return diffs


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("before", type=Path, help="output folder of the code before the change")
    parser.add_argument("after", type=Path, help="output folder of the code after it")
    parser.add_argument("--show", type=int, default=5, help="differences shown per file")
    args = parser.parse_args()
    a, b = args.before, args.after
    for folder in (a, b):  # two missing folders would otherwise compare equal
        if not (folder / "manifest.json").is_file():
            sys.exit(f"{folder}: no batch output here (no manifest.json)")
    diffs = 0
    checked = []
    if (a / "profiles.jsonl").exists() or (b / "profiles.jsonl").exists():
        diffs += compare_jsonl(a / "profiles.jsonl", b / "profiles.jsonl", args.show)
        checked.append("profiles.jsonl")
    for name in ("summary.csv", "errors.csv"):
        diffs += compare_bytes(a / name, b / name, args.show)
        checked.append(name)
    diffs += compare_bytes(a / "report.html", b / "report.html", args.show, blank=TIMESTAMP)
    checked.append("report.html")
    if (a / "tables").is_dir() or (b / "tables").is_dir():
        diffs += compare_tables(a / "tables", b / "tables", args.show)
        checked.append("tables/")
    print(f"{'DIFFERENT' if diffs else 'equal'}: {', '.join(checked)} ({diffs} differences)")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
