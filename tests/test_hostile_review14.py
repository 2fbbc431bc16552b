"""Hostile input, fourteenth review: each case here once stopped a batch or left a row in some of
its outputs and not in others, left a mix of old and new reference data, left a temporary file of
a killed run beside its outputs, or counted one client typed twice as two people; now it does not.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skilltool import batch, batch_research, batch_summary, batch_worker
from skilltool.models import Profile

from . import batch_fakes
from .test_batch import assert_accounted, mapping, person, read_csv, run, write_csv

__all__ = ["mapping"]  # the fixture, used by name

# --- a row whose outputs meet a bug after its profile was built ------------------------------------


def _failing_for(client: str, real: object) -> object:
    """``real``, raising for the profile of ``client`` (a bug met after the profile was built)."""

    def call(row: int, profile: Profile, *args: object, **kw: object) -> object:
        if profile.personal.client_ref == client:
            raise RuntimeError("Jansen 06 1234 5678")  # text that must never reach an output
        return real(row, profile, *args, **kw)  # type: ignore[operator]

    return call


def test_a_row_whose_summary_line_fails_is_rejected_alone(
    tmp_path: Path, mapping: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug met while a built profile's summary line was made (or its research copy, or its
    statistics) raised out of the chunk: the batch stopped with a traceback. Now that row is in
    ``errors.csv`` as an internal error (the kind, never the text), in no other output, and every
    other row of its chunk is written."""
    monkeypatch.setattr(batch_worker, "summary_row", _failing_for("A2", batch_summary.summary_row))
    src = write_csv(tmp_path / "in.csv", [person(f"A{i}") for i in range(6)])
    out = tmp_path / "out"
    m = run(src, out, mapping, lang="en")
    assert_accounted(out, m, data_rows=6)
    assert (m.counts.rows_written, m.counts.rows_rejected) == (5, 1)
    errors = read_csv(out / "errors.csv")[1:]
    assert errors == [["4", "A2", "", errors[0][3]]]
    assert "RuntimeError" in errors[0][3]
    assert '"client_ref":"A2"' not in (out / "profiles.jsonl").read_text(encoding="utf-8")
    assert "1234" not in "".join(p.read_text(encoding="utf-8") for p in out.iterdir() if p.is_file())


def test_a_research_row_whose_copy_fails_is_rejected_alone(
    tmp_path: Path, mapping: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same in a research export: the research copy is made after the profile was built."""

    def broken(profile: Profile, **kw: object) -> object:
        if profile.personal.birth_year == 1950:
            raise ValueError("kapot")
        return real(profile, **kw)  # type: ignore[arg-type]

    real = batch_research.research_copy
    monkeypatch.setattr(batch_worker, "research_copy", broken)
    key = tmp_path / "key.txt"
    key.write_text("k" * 32, encoding="utf-8")
    rows = [person(f"A{i}") for i in range(4)]
    rows[1] = person("A1", jaar="1950")
    src = write_csv(tmp_path / "in.csv", rows)
    out = tmp_path / "out"
    m = run(src, out, mapping, key_file=key, lang="en")
    assert_accounted(out, m, data_rows=4)
    assert m.counts.rows_rejected == 1
    assert "ValueError" in read_csv(out / "errors.csv")[1][3]


def _tables(out: Path) -> dict[str, list[int]]:
    pq = pytest.importorskip("pyarrow.parquet")
    return {d.name: sorted(pq.read_table(d).column("row").to_pylist()) for d in (out / "tables").iterdir()}


def test_a_row_whose_table_rows_fail_half_way_is_in_no_table(
    tmp_path: Path, mapping: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--format parquet``: a profile's rows go into six tables one after the other; a bug past
    the first left the row in ``people`` (and whatever came before) while the batch stopped. Now
    the rows added are taken back: the row is in ``errors`` and in no profile table."""
    pytest.importorskip("pyarrow")
    from skilltool.batch_rows import TableRows

    real = TableRows.add_profile

    def half_way(self: TableRows, row: int, profile: Profile, **kw: object) -> None:
        real(self, row, profile, **kw)  # type: ignore[arg-type]
        if profile.personal.client_ref == "A1":
            raise KeyError("next_steps")

    monkeypatch.setattr(TableRows, "add_profile", half_way)
    src = write_csv(tmp_path / "in.csv", [person(f"A{i}") for i in range(4)])
    out = tmp_path / "out"
    m = run(src, out, mapping, output_format="parquet")
    assert (m.counts.rows_written, m.counts.rows_rejected) == (3, 1)
    tables = _tables(out)
    assert tables["people"] == tables["work"] == [2, 4, 5]
    assert tables["errors"] == [3]


def test_a_row_arrow_cannot_take_is_rejected_not_its_chunk(
    tmp_path: Path, mapping: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A chunk's table rows become Arrow columns at once, so one row's value that does not fit its
    column's type failed every row of the chunk (the batch stopped). Now each row is tried alone
    after such a failure: that row is rejected, the others are written."""
    pytest.importorskip("pyarrow")
    from skilltool.batch_rows import TableRows

    real = TableRows.add_profile

    def bad_value(self: TableRows, row: int, profile: Profile, **kw: object) -> None:
        real(self, row, profile, **kw)  # type: ignore[arg-type]
        if profile.personal.client_ref == "A2":
            people = self.rows["people"]
            people[-1] = (*people[-1][:3], "no year", *people[-1][4:])

    monkeypatch.setattr(TableRows, "add_profile", bad_value)
    src = write_csv(tmp_path / "in.csv", [person(f"A{i}") for i in range(4)])
    out = tmp_path / "out"
    m = run(src, out, mapping, output_format="parquet")
    assert (m.counts.rows_written, m.counts.rows_rejected) == (3, 1)
    summary = [int(r[0]) for r in read_csv(out / "summary.csv")[1:]]
    tables = _tables(out)
    assert tables["people"] == summary == [2, 3, 5]
    assert tables["errors"] == [4]


# --- one client typed twice, in another case -------------------------------------------------------

SAME_CLIENT = ["UT-7", "ut-7", " UT-7 ", "UT-7\u00a0", "\uff35\uff34-7"]


@pytest.mark.parametrize("again", SAME_CLIENT[1:])
def test_one_client_id_in_another_case_or_form_is_a_duplicate(
    tmp_path: Path, mapping: Path, again: str
) -> None:
    """``UT-7`` and ``ut-7`` (or the id with spaces around it, or in full-width letters) were two
    people: two profiles, two pseudonyms, counted twice in every table. The second is now the
    duplicate it is, in ``errors.csv``."""
    src = write_csv(tmp_path / "in.csv", [person("UT-7"), person("A1"), person(again)])
    out = tmp_path / "out"
    m = run(src, out, mapping, lang="en")
    assert (m.counts.rows_written, m.counts.rows_rejected) == (2, 1)
    error = read_csv(out / "errors.csv")[1]
    assert error[0] == "4" and "duplicate" in error[3]


def test_a_resumed_batch_finds_the_same_duplicates(
    tmp_path: Path, mapping: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch interrupted after ``UT-7`` and resumed still rejects ``ut-7`` further on: the
    resumed run reads the ids before its checkpoint through the same key."""
    rows = [person(f"A{i}") for i in range(10)]
    rows[1] = person("UT-7")
    rows[8] = person("ut-7")
    src = write_csv(tmp_path / "in.csv", rows)
    whole = tmp_path / "whole"
    run(src, whole, mapping)
    out = tmp_path / "out"
    monkeypatch.setattr(batch, "CHECKPOINT_SECONDS", 0.0)
    monkeypatch.setattr(batch_fakes, "INTERRUPT_AT", "A6")
    with pytest.raises(batch.BatchInterruptedError):
        run(src, out, mapping)
    assert json.loads((out / batch.WORK_DIR / "state.json").read_text())["last_row"] >= 3
    monkeypatch.setattr(batch_fakes, "INTERRUPT_AT", None)
    m = run(src, out, mapping, resume=True)
    assert m.resumed and m.counts.rows_rejected == 1
    for name in ("profiles.jsonl", "summary.csv", "errors.csv"):
        assert (out / name).read_bytes() == (whole / name).read_bytes(), name
