"""A research export (``--pseudonymise``) cannot be joined back to the input by row: no ``row`` in
its summary or tables, its profiles in the order of the pseudonyms (``batch_order``), the same
people as the input's written rows; a batch that is no research export stays in the input's order."""

from __future__ import annotations

import json
import stat
import tempfile
from pathlib import Path
from typing import Any

import openpyxl
import pyarrow.dataset as ds
import pytest

from skilltool import batch, batch_order, batch_parquet
from skilltool.batch_summary import RESEARCH_SUMMARY_HEADER, SUMMARY_HEADER
from skilltool.models.batch import ResearchProfile

from . import batch_fakes
from .test_batch import mapping, person, read_csv, run, write_csv

__all__ = ["mapping"]  # the fixture, imported for these tests

KEY = b"0123456789abcdef0123456789abcdef"


@pytest.fixture(autouse=True)
def _fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764288000")


@pytest.fixture
def key(tmp_path: Path) -> Path:
    path = tmp_path / "key"
    path.write_bytes(KEY + b"\n")
    return path


def _input(tmp_path: Path, n: int = 60) -> Path:
    """``n`` people A0.. with a few rows rejected (a birth year out of range, a repeated id)."""
    rows = [person(f"A{i}", beroep_2="kok" if i % 3 else "") for i in range(n)]
    rows[4][1] = "1850"
    rows[17][0] = "A9"  # a repeated id
    rows[n - 20][1] = "1850"
    return write_csv(tmp_path / "in.csv", rows)


def _table(out: Path, name: str) -> list[dict[str, object]]:
    """A table's rows in the order of its files."""
    rows: list[dict[str, object]] = ds.dataset(out / "tables" / name, format="parquet").to_table().to_pylist()
    return rows


def _refs(out: Path) -> list[str]:
    return [
        json.loads(line)["client_ref"] for line in (out / "profiles.jsonl").read_text("utf-8").splitlines()
    ]


def test_every_research_line_starts_with_its_pseudonym() -> None:
    """``batch_order`` sorts a research export's JSON Lines by their bytes and deals them by the
    digits after ``PROFILE_START``: that holds only while every line starts so."""
    line = ResearchProfile(client_ref=batch.pseudonym(KEY, "A1"), dutch_cefr="A2").model_dump_json(
        exclude_none=True
    )
    assert line.encode().startswith(
        batch_order.PROFILE_START + batch.pseudonym(KEY, "A1")[3:].encode() + b'"'
    )


@pytest.mark.parametrize("small", [False, True], ids=["in-memory", "bucketed"])
def test_a_research_export_is_in_pseudonym_order_without_rows(
    tmp_path: Path, mapping: Path, key: Path, monkeypatch: pytest.MonkeyPatch, small: bool
) -> None:
    """JSON Lines: line *n* is not the input's *n*-th written row (the order is the pseudonyms',
    which differs from the input's for this input), the summary (and its .xlsx) has no ``row``
    column, ``errors.csv`` keeps its rows, and the people are those of the batch without a key.
    ``small``: sorted in buckets of a few hundred bytes (dealt several digits deep)."""
    if small:
        monkeypatch.setattr(batch_order, "SORT_BYTES", 300)
    src = _input(tmp_path)
    plain, research = tmp_path / "plain", tmp_path / "research"
    run(src, plain, mapping)
    m = run(src, research, mapping, key_file=key, xlsx=True)
    assert m.counts.rows_written == 57 and m.counts.rows_rejected == 3
    summary = read_csv(plain / "summary.csv")
    assert summary[0] == SUMMARY_HEADER  # no research export: the input's order, with rows
    rows = [int(r[0]) for r in summary[1:]]
    assert rows == sorted(rows) and len(rows) == 57
    in_input_order = [batch.pseudonym(KEY, r[1]) for r in summary[1:]]
    refs = _refs(research)
    assert refs == sorted(refs)
    assert refs != in_input_order  # counting lines gives no row
    assert sorted(in_input_order) == refs  # the same people
    research_summary = read_csv(research / "summary.csv")
    assert research_summary[0] == RESEARCH_SUMMARY_HEADER and "row" not in research_summary[0]
    assert [r[0] for r in research_summary[1:]] == refs
    assert all(len(r) == len(RESEARCH_SUMMARY_HEADER) for r in research_summary[1:])
    book = openpyxl.load_workbook(research / "summary.xlsx", read_only=True)
    cells = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    book.close()  # a read-only workbook keeps its file open until closed (a ResourceWarning elsewhere)
    assert list(cells[0]) == RESEARCH_SUMMARY_HEADER and [r[0] for r in cells[1:]] == refs
    errors = read_csv(research / "errors.csv")
    assert [r[0] for r in errors[1:]] == ["6", "19", "42"]  # the data owner fixes these rows
    assert [r[0] for r in errors[1:]] == [r[0] for r in read_csv(plain / "errors.csv")[1:]]
    for name in ("profiles.jsonl", "summary.csv", "summary.xlsx"):
        assert stat.S_IMODE((research / name).stat().st_mode) == 0o600, name
    assert not [p for p in research.iterdir() if p.name.startswith(".")]  # no bucket left


@pytest.mark.parametrize("small", [False, True], ids=["in-memory", "bucketed"])
def test_a_research_export_s_tables_hold_no_row(
    tmp_path: Path, mapping: Path, key: Path, monkeypatch: pytest.MonkeyPatch, small: bool
) -> None:
    """Parquet: every profile table's ``row`` is empty (NULL) and its rows are in the order of
    the pseudonyms (then of position or rank); the ``errors`` table keeps its rows; the rows are
    the same whether sorted in memory or dealt into buckets first."""
    made: list[object] = []
    if small:  # a person's rows (some hundreds of bytes a table) fit; the 57 people do not
        monkeypatch.setattr(batch_order, "TABLE_BYTES", 4000)
        real = tempfile.TemporaryFile

        def counted(**kw: Any) -> Any:
            made.append(kw)
            return real(**kw)

        monkeypatch.setattr(tempfile, "TemporaryFile", counted)
    src = _input(tmp_path)
    out, jsonl = tmp_path / "research", tmp_path / "jsonl"
    run(src, out, mapping, key_file=key, output_format="parquet")
    run(src, jsonl, mapping, key_file=key)
    refs = _refs(jsonl)
    assert (len(made) > 16) is small  # dealt into buckets, some twice
    for name in batch_parquet.PROFILE_TABLES:
        rows = _table(out, name)
        assert rows or name not in ("people", "work", "suggestions"), name
        assert all(r["row"] is None for r in rows), name
        order = [(r["client_ref"], r.get("position") or r.get("rank") or 0) for r in rows]
        assert order == sorted(order), name
        assert {r["client_ref"] for r in rows} <= set(refs), name
        assert len(list((out / "tables" / name).iterdir())) == 1
    assert [r["client_ref"] for r in _table(out, "people")] == refs
    assert [r["row"] for r in _table(out, "errors")] == [6, 19, 42]
    assert read_csv(out / "summary.csv") == read_csv(jsonl / "summary.csv")
    if small:
        monkeypatch.setattr(batch_order, "TABLE_BYTES", 16 << 20)
        whole = tmp_path / "whole"
        run(src, whole, mapping, key_file=key, output_format="parquet")
        for name in batch_parquet.TABLE_NAMES:
            assert _table(out, name) == _table(whole, name), name


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_a_research_export_resumed_equals_one_not_interrupted(
    tmp_path: Path, mapping: Path, key: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """Ctrl-C mid-run, then ``--resume``: the order is made at the end, so the outputs are the
    same bytes as an uninterrupted run's (its part files grew in the input's order meanwhile)."""
    src = _input(tmp_path, 30)
    whole, out = tmp_path / "whole", tmp_path / "out"
    run(src, whole, mapping, key_file=key, output_format=fmt)
    monkeypatch.setattr(batch, "CHECKPOINT_SECONDS", 0.0)
    monkeypatch.setattr(batch_fakes, "INTERRUPT_AT", batch.pseudonym(KEY, "A21"))  # the id it is given
    with pytest.raises(batch.BatchInterruptedError):
        run(src, out, mapping, key_file=key, output_format=fmt)
    monkeypatch.setattr(batch_fakes, "INTERRUPT_AT", None)
    m = run(src, out, mapping, key_file=key, output_format=fmt, resume=True)
    assert m.resumed and m.counts.rows_read == 30
    names = ["summary.csv", "errors.csv", "report.html"] + (["profiles.jsonl"] if fmt == "jsonl" else [])
    for name in names:
        assert (out / name).read_bytes() == (whole / name).read_bytes(), name
    for name in batch_parquet.TABLE_NAMES if fmt == "parquet" else ():
        assert _table(out, name) == _table(whole, name), name


def test_sort_lines_keeps_a_record_s_continuation_and_the_header(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A physical line that does not start with a pseudonym (a CSV cell with a line break) stays
    with its record; the header stays first; in memory and in buckets give the same bytes."""
    refs = [batch.pseudonym(KEY, f"P{i}") for i in range(200)]
    lines = [f'{r};"two\nlines";{i}\r\n' if i % 7 == 0 else f"{r};x;{i}\r\n" for i, r in enumerate(refs)]
    text = "\ufeffclient_ref;a;b\r\n" + "".join(lines)
    expected = "\ufeffclient_ref;a;b\r\n" + "".join(sorted(lines))
    for limit in (1 << 20, 200):
        monkeypatch.setattr(batch_order, "SORT_BYTES", limit)
        path = tmp_path / f"s{limit}.csv"
        path.write_text(text, encoding="utf-8", newline="")
        batch_order.sort_lines(path, batch_order.SUMMARY_START, header=True)
        assert path.read_bytes().decode("utf-8") == expected
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s1048576.csv", "s200.csv"]  # no bucket left
