"""The batch's per-row shortcuts give the answers the plain rules give, and its worker pool works
(tiny data, no timing)."""

from __future__ import annotations

import inspect
import multiprocessing
import sys
from pathlib import Path

import pytest

from skilltool import api, batch, batch_mapping, batch_parquet, batch_signals, countries
from skilltool.cli import batch as batch_cli
from skilltool.models import ColumnMapping

from . import test_batch
from .batch_fakes import fake_processor

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "batch" / "intakes.csv"

HEADER = ["id", "datum", "gezondheid", "jaar"]


def _compiled(mapping: dict[str, object]) -> batch_mapping.CompiledMapping:
    m = ColumnMapping.model_validate(mapping)
    return batch_mapping.compile_mapping(m, HEADER, source="x.csv", mapping_name="m.yaml")


def test_repeated_dates_read_alike_and_bad_dates_stay_refused() -> None:
    """The memo of parsed dates: the same cell gives the same date each time (day-first and ISO),
    and a cell that is no date is refused every time it occurs (a refusal is not remembered)."""
    compiled = _compiled({"fields": {"personal.client_ref": "id", "personal.permit_date": "datum"}})
    for _ in range(2):
        first = batch_mapping.row_to_answers(["A1", "14-3-2023", "", ""], compiled)
        iso = batch_mapping.row_to_answers(["A2", "2023-03-14", "", ""], compiled)
        assert str(first.personal.permit_date) == str(iso.personal.permit_date) == "2023-03-14"
    for _ in range(2):
        with pytest.raises(batch_mapping.RowError) as exc:
            batch_mapping.row_to_answers(["A3", "14-13-2023", "", ""], compiled)
        assert exc.value.field == "datum"


def test_empty_cell_shortcut_keeps_a_recoded_empty_value() -> None:
    """An empty cell is no answer, unless the mapping recodes the empty text to a value (then that
    value is the answer), or the empty text is not among the null values."""
    plain = _compiled(
        {"fields": {"personal.client_ref": "id", "circumstances.health_limits_work": "gezondheid"}}
    )
    assert batch_mapping.row_to_answers(["A1", "", "", ""], plain).circumstances.health_limits_work is None
    recoded = _compiled(
        {
            "fields": {
                "personal.client_ref": "id",
                "circumstances.health_limits_work": {"column": "gezondheid", "values": {"": "no"}},
            }
        }
    )
    assert batch_mapping.row_to_answers(["A1", "", "", ""], recoded).circumstances.health_limits_work == "no"
    strict = _compiled(
        {"null_values": ["-"], "fields": {"personal.client_ref": "id", "personal.birth_year": "jaar"}}
    )
    with pytest.raises(batch_mapping.RowError) as exc:  # "" is not a null value here: a bad year
        batch_mapping.row_to_answers(["A1", "", "", ""], strict)
    assert exc.value.field == "jaar"


def test_country_memo_gives_the_same_code_every_time() -> None:
    """``resolve_country`` memoised: exact names, close spellings and unknown names give the same
    answer on a second call as on the first."""
    for text, want in (("Syrië", "SY"), ("Afganistan", "AF"), ("IR", "IR"), ("Atlantis", None), ("", None)):
        assert countries.resolve_country(text) == want
        assert countries.resolve_country(text) == want
    assert countries.resolve_country(None) is None


def test_the_commands_chunk_size_is_the_libraries() -> None:
    """``skilltool batch``, ``run_batch`` and ``batch.prepare`` leave the chunk size to the format
    alike (``batch.chunk_rows``): 20 rows for JSON Lines, 50 for Parquet, a given size as given."""
    for fn in (batch_cli.run_cmd, batch.prepare, api.run_batch):
        assert inspect.signature(fn).parameters["chunk_size"].default is None, fn
    assert batch.chunk_rows("jsonl") == batch.DEFAULT_CHUNK == 20
    assert batch.chunk_rows("parquet") == batch.PARQUET_CHUNK == 50
    assert batch.chunk_rows("parquet", 7) == batch.chunk_rows("jsonl", 7) == 7


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_a_run_records_its_formats_chunk_size(tmp_path: Path, fmt: str) -> None:
    """Without a chunk size a run takes its format's (the manifest and the checkpoint's fingerprint
    hold the size used, so a ``--resume`` without the option takes the same one)."""
    job = batch.prepare(EXAMPLE, out=tmp_path / "out", factory=fake_processor, output_format=fmt)
    assert job.chunk_size == batch.chunk_rows(fmt)
    manifest = batch.run(job)
    assert manifest.options["chunk_size"] == batch.chunk_rows(fmt)


def test_parquet_tables_hold_the_same_rows_whatever_the_chunk_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Parquet default of 100 rows a chunk changes no row: 250 rows (a repeated id, a bad
    year) in chunks of 3 and of the default give the same summary and errors and the same rows in
    every table (only the row groups' boundaries follow the chunks)."""
    import pyarrow.parquet as pq

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764288000")  # the people table's ``created``

    rows = [test_batch.person(f"K{i}", jaar=str(1960 + i % 50)) for i in range(248)]
    rows += [test_batch.person("K7"), test_batch.person("K999", jaar="1812")]
    src = test_batch.write_csv(tmp_path / "in.csv", rows)
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(test_batch.MAPPING, encoding="utf-8")
    outs = []
    for name, size in (("small", 3), ("default", None)):
        out = tmp_path / name
        options = {"factory": fake_processor, "output_format": "parquet", "chunk_size": size}
        batch.run(batch.prepare(src, out=out, mapping_path=mapping, **options))  # type: ignore[arg-type]
        outs.append(out)
    small, default = outs
    for name in ("summary.csv", "errors.csv"):
        assert (small / name).read_bytes() == (default / name).read_bytes(), name
    assert (default / "errors.csv").read_text(encoding="utf-8-sig").count("\n") == 3  # header + two
    for table in batch_parquet.TABLE_NAMES:
        a = pq.read_table(small / batch_parquet.TABLES_DIR / table)
        b = pq.read_table(default / batch_parquet.TABLES_DIR / table)
        assert a.schema == b.schema and a.to_pylist() == b.to_pylist(), table


@pytest.mark.skipif(sys.platform != "linux", reason="the pipe's capacity is set on Linux only")
def test_the_result_pipe_holds_a_chunk_of_profiles() -> None:
    """``widen_results``: the pool's result pipe takes about a chunk of profiles in one write
    (64 KiB before), so a worker does not wait for the main process's result thread."""
    import fcntl

    with multiprocessing.get_context("fork").Pool(1) as pool:
        reader = pool._outqueue._reader  # type: ignore[attr-defined]
        before = fcntl.fcntl(reader.fileno(), fcntl.F_GETPIPE_SZ)
        batch_signals.widen_results(pool)
        after = fcntl.fcntl(reader.fileno(), fcntl.F_GETPIPE_SZ)
        assert pool.apply(len, ("x" * 300_000,)) == 300_000  # and it still carries results
    assert before < after == batch_signals.RESULT_PIPE_BYTES


def test_widen_results_leaves_what_it_does_not_know() -> None:
    """Best effort: an object without multiprocessing's result queue is left alone."""
    batch_signals.widen_results(object())
