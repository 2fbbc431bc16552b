"""The table width follows ``$COLUMNS`` at print time, whenever the console module was imported
(regression: imported first inside an invocation with ``COLUMNS=80``, rich fixed the console at 80
columns and every later table was squeezed, so the width tests depended on test order)."""

from __future__ import annotations

import subprocess
import sys

from .conftest import REPO

SCRIPT = """
from typer.testing import CliRunner
from skilltool.cli import app
for columns in ("80", "120"):
    r = CliRunner().invoke(app, ["diploma", "coverage", "--lang", "en"], env={"COLUMNS": columns})
    print(",".join(r.stdout.splitlines()[0].split()))
"""


def test_width_follows_columns_after_a_narrow_first_import() -> None:
    """In a fresh process whose first table is drawn at 80 columns, the next one at 120 columns
    shows every coverage column with its full heading (at 80 the per-kind columns are hidden)."""
    r = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=REPO, check=True)
    narrow, wide = (line.split(",") for line in r.stdout.split())
    assert narrow[:2] == ["country", "name"] and "bach" not in narrow
    assert wide[:2] == ["country", "name"] and "bach" in wide  # not squeezed to "coun", "ba"
