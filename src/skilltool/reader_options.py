"""The reading options that hold for one kind of input file only, refused where they do not.

``--encoding`` and ``--delimiter`` say how a CSV's bytes are text and cells; an .xlsx workbook and
a Parquet file carry both themselves (UTF-8 XML, typed columns). ``--sheet`` names a workbook's
sheet; a CSV or a Parquet file has none. Given for the other kind they were ignored without a
word: ``--encoding iso-8859-15`` with a workbook whose letters looked wrong said nothing, and the
reader took it that the option had been applied. As an option of a file job without ``--input``
(``usage.file_job_only``) and ``--scheduler`` without Dask (``engine_options.dask_only``), each
is a one-line usage error (exit 2) naming the option and the file.
"""

from __future__ import annotations

from pathlib import Path

from skilltool.errors import UsageError
from skilltool.messages import say

WORKBOOK = (".xlsx", ".xlsm")


def check(path: Path, *, encoding: str | None, delimiter: str | None, sheet: str | None) -> None:
    """Refuse ``--encoding``/``--delimiter`` for a workbook or a Parquet file and ``--sheet`` for
    anything but a workbook (by the name's suffix, as the readers choose). A CSV without ``.csv``
    (``.txt``, none) counts as a CSV: that is how it is read."""
    suffix = path.suffix.lower()
    if suffix in WORKBOOK or suffix == ".parquet":
        pairs = (("--encoding", encoding), ("--delimiter", delimiter))
        given = [flag for flag, value in pairs if value is not None]
        if given:
            kind = "workbook" if suffix in WORKBOOK else "parquet"
            raise UsageError(say(f"usage.csv_only_{kind}", options=", ".join(given), name=path.name))
    if sheet is not None and suffix not in WORKBOOK:
        raise UsageError(say("usage.sheet_only", name=path.name))
