"""``--engine dask`` on a LocalCluster of 2 workers (loopback only): same answers as the local engine.

One cluster serves the module (started once, about two seconds). Its workers get this module's
compiled-data cache and a build log through their environment. The real per-row code path runs
on the bundled example export; a generated export (bench/batch.py's generator) runs with the
fake processor, for speed.
"""

from __future__ import annotations

import dataclasses
import gc
import importlib.util
import json
import os
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from skilltool import batch, batch_dask, batch_parquet, bulk_coding, messages
from skilltool.bulk_output import Block
from skilltool.cli import app
from skilltool.datafiles import done_marker
from skilltool.models import BatchManifest

from .batch_fakes import fake_processor, recording_processor
from .conftest import REPO
from .test_batch_parquet import table

EXAMPLE = REPO / "examples" / "batch" / "intakes.csv"
COMPARED = ("summary.csv", "errors.csv", "report.html")


def _stop_dask_threads() -> list[str]:
    """Stop distributed's offload thread, which it keeps after every cluster closes (a fresh
    executor starts its thread on first use), and wait for closed clusters' threads to end; the
    names of the threads left."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    import distributed.utils

    old = distributed.utils._offload_executor
    distributed.utils._offload_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="Dask-Offload")
    old.shutdown(wait=True)
    deadline = time.monotonic() + 30
    while threading.active_count() > 1 and time.monotonic() < deadline:
        time.sleep(0.1)
    return [t.name for t in threading.enumerate()]


@pytest.fixture(scope="module", autouse=True)
def _no_thread_left_behind() -> Iterator[None]:
    """The local engine forks its workers only when no other thread runs (tests/test_security.py
    relies on that): no Dask thread outlives this module."""
    yield
    assert _stop_dask_threads() == ["MainThread"]


@pytest.fixture(scope="module")
def shared_env(tmp_path_factory: pytest.TempPathFactory, compiled_cache: Path) -> dict[str, str]:
    """The environment of this process and of the Dask workers: the run's shared compiled cache
    (content-addressed, safe to share; a cache of its own cost a cold compile of the real data)."""
    root = tmp_path_factory.mktemp("dask-env")
    return {"SKILLTOOL_CACHE_DIR": str(compiled_cache), "SKILLTOOL_TEST_BUILD_LOG": str(root / "builds.log")}


@pytest.fixture(scope="module")
def cluster(shared_env: dict[str, str]) -> Iterator[str]:
    """A LocalCluster of 2 single-threaded worker processes on 127.0.0.1; yields its address."""
    from distributed import LocalCluster

    with pytest.MonkeyPatch.context() as mp:
        for k, v in shared_env.items():
            mp.setenv(k, v)
        mp.delenv("SKILLTOOL_DATA_DIR", raising=False)
        with batch_dask.local_cluster(LocalCluster, 2, secure=False) as lc:  # an existing cluster's stand-in
            yield lc.scheduler_address


@pytest.fixture(autouse=True)
def _env(shared_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKILLTOOL_CACHE_DIR", shared_env["SKILLTOOL_CACHE_DIR"])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764288000")
    monkeypatch.delenv("SKILLTOOL_DATA_DIR", raising=False)


def run_local(src: Path, out: Path, **kw: Any) -> BatchManifest:
    job = batch.prepare(src, out=out, workers=1, **kw)
    return batch.run(job)


def run_dask(src: Path, out: Path, scheduler: str, partition_rows: int, **kw: Any) -> BatchManifest:
    job = batch.prepare(src, out=out, workers=2, **kw)
    return batch_dask.run(job, batch_dask.DaskOptions(scheduler=scheduler, partition_rows=partition_rows))


def assert_same_outputs(a: Path, b: Path, fmt: str) -> None:
    for name in COMPARED:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    if fmt == "jsonl":
        assert (a / "profiles.jsonl").read_bytes() == (b / "profiles.jsonl").read_bytes()
        return
    for name in batch_parquet.TABLE_NAMES:
        assert table(a, name) == table(b, name), name


@pytest.fixture(scope="module")
def example_local(tmp_path_factory: pytest.TempPathFactory, shared_env: dict[str, str]) -> Path:
    """The example export through the local engine and the real code path, as Parquet (this also
    compiles the module's data cache before the Dask workers need it)."""
    out = tmp_path_factory.mktemp("example") / "local"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SKILLTOOL_CACHE_DIR", shared_env["SKILLTOOL_CACHE_DIR"])
        mp.setenv("SOURCE_DATE_EPOCH", "1764288000")
        mp.delenv("SKILLTOOL_DATA_DIR", raising=False)
        run_local(EXAMPLE, out, output_format="parquet", lang="en")
    return out


# --- a LocalCluster of the run's own, first: a fork beside another cluster's threads may hang ----


def test_local_cluster_workers_are_forked_with_the_processor(
    tmp_path: Path, shared_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --scheduler the row processor is built here (and once in the cache warm-up child)
    and the LocalCluster's workers are forked with it: no worker builds its own; same outputs.

    Runs before the module's cluster starts: a process forks only with no other thread alive (a
    fork beside another thread's lock once hung CI), and then the warm-up child runs."""
    assert _stop_dask_threads() == ["MainThread"], "runs before any test that starts `cluster`"
    log = Path(shared_env["SKILLTOOL_TEST_BUILD_LOG"])
    log.unlink(missing_ok=True)
    monkeypatch.setenv("SKILLTOOL_TEST_BUILD_LOG", str(log))
    src = generated(tmp_path, 80)
    job = batch.prepare(src, out=tmp_path / "dask", workers=2, factory=recording_processor)
    built = f"built:{recording_processor.__module__}.{recording_processor.__qualname__}:{job.lang}"
    marker = done_marker(job.data_dir, built)
    assert marker is not None
    marker.unlink(missing_ok=True)  # the warm-up child runs once for this data and code
    m = batch_dask.run(job, batch_dask.DaskOptions(partition_rows=20))
    assert m.options["scheduler"] == "LocalCluster" and m.options["partitions"] == 4
    pids = log.read_text().split()
    assert len(pids) == 2 and str(os.getpid()) in pids  # here and the warm-up child only
    assert marker.exists()  # the next run needs no warm-up child
    assert not batch_dask._CACHE  # dropped after the run
    run_local(src, tmp_path / "local", factory=fake_processor)
    assert_same_outputs(tmp_path / "local", tmp_path / "dask", "jsonl")


def test_cli_dask_without_scheduler_starts_a_local_cluster(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`batch --engine dask` without --scheduler starts its own LocalCluster; the manifest says so."""
    monkeypatch.setattr(batch, "standard_processor", fake_processor)
    out = tmp_path / "out"
    r = CliRunner().invoke(
        app, ["batch", str(EXAMPLE), "--out", str(out), "--engine", "dask", "--workers", "1", "--json"]
    )
    assert r.exit_code == 0, r.output
    manifest = json.loads(r.stdout)
    assert manifest["options"]["engine"] == "dask" and manifest["options"]["scheduler"] == "LocalCluster"
    assert manifest["counts"]["rows_read"] == 22


# --- on the module's cluster ------------------------------------------------------------------


def test_example_export_same_rows_on_both_engines(example_local: Path, cluster: str, tmp_path: Path) -> None:
    """The acceptance case: the real per-row path on the example export gives the same tables,
    summary, errors and report on Dask (5 partitions) as on the local engine."""
    out = tmp_path / "dask"
    m = run_dask(EXAMPLE, out, cluster, 5, output_format="parquet", lang="en", chunk_size=2)
    assert (m.counts.rows_read, m.counts.rows_written, m.counts.rows_rejected) == (22, 13, 9)
    assert m.options["engine"] == "dask" and m.options["partitions"] == 5
    assert len(list((out / "tables" / "people").iterdir())) == 5  # written per partition by the workers
    assert_same_outputs(example_local, out, "parquet")
    local = json.loads((example_local / "manifest.json").read_text())
    assert json.loads((out / "manifest.json").read_text())["counts"] == local["counts"]


def test_the_duckdb_query_in_the_docs(example_local: Path) -> None:
    """The query in docs/outputs.md runs on the tables and gives, per country, the people and
    those with an at-level suggestion, as counted directly from the tables."""
    doc = (REPO / "docs" / "outputs.md").read_text(encoding="utf-8")
    match = re.search(r"```sql\n(-- at-level share per country of origin\n.*?)```", doc, re.S)
    assert match, "the query is not in docs/outputs.md"
    query = match.group(1).replace("OUT/", f"{example_local}/")
    with duckdb.connect() as con:
        result = con.sql(query).fetchall()
    people = table(example_local, "people")
    at_level = {s["client_ref"] for s in table(example_local, "suggestions") if s["at_level"]}
    expected: dict[str, list[int]] = {}
    for p in people:
        counts = expected.setdefault(p["country_of_origin"] or "unknown", [0, 0])
        counts[0] += 1
        counts[1] += p["client_ref"] in at_level
    assert {r[0]: [r[1], r[2]] for r in result} == expected
    assert sum(r[1] for r in result) == 13
    assert all(r[3] == round(100 * r[2] / r[1], 1) for r in result)
    assert [r[1] for r in result] == sorted((r[1] for r in result), reverse=True)


def generated(tmp_path: Path, n: int) -> Path:
    spec = importlib.util.spec_from_file_location("bench_batch", REPO / "bench" / "batch.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    src = tmp_path / "generated.csv"
    module.generate(src, n, seed=11)
    return src


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_generated_export_same_rows_on_both_engines(cluster: str, tmp_path: Path, fmt: str) -> None:
    """A generated export (bad rows, repeated ids, ragged rows) with the fake processor: byte-equal
    JSON Lines, summary, errors and report, and equal tables, over 7 partitions."""
    src = generated(tmp_path, 300)
    local = tmp_path / "local"
    run_local(src, local, factory=fake_processor, output_format=fmt, chunk_size=7)
    out = tmp_path / "dask"
    m = run_dask(src, out, cluster, 45, factory=fake_processor, output_format=fmt, chunk_size=10)
    assert m.counts.rows_read == 300 and m.counts.rows_rejected > 0
    assert m.options["partitions"] == 7
    assert_same_outputs(local, out, fmt)


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_a_research_export_same_rows_on_both_engines(cluster: str, tmp_path: Path, fmt: str) -> None:
    """``--pseudonymise`` on Dask: the same bytes and tables as the local engine, in the order of
    the pseudonyms, one file a table with no ``row`` (the partitions' files merged: kept as they
    were, they gave the input's order in blocks)."""
    key = tmp_path / "key"
    key.write_bytes(b"k" * 32)
    src = generated(tmp_path, 300)
    local = tmp_path / "local"
    run_local(src, local, factory=fake_processor, output_format=fmt, chunk_size=7, key_file=key)
    out = tmp_path / "dask"
    m = run_dask(
        src, out, cluster, 45, factory=fake_processor, output_format=fmt, chunk_size=10, key_file=key
    )
    assert m.options["partitions"] == 7 and m.counts.rows_rejected > 0
    assert_same_outputs(local, out, fmt)
    if fmt == "jsonl":
        refs = [json.loads(line)["client_ref"] for line in (out / "profiles.jsonl").read_text().splitlines()]
        assert refs == sorted(refs) and len(refs) == m.counts.rows_written
        return
    for name in batch_parquet.PROFILE_TABLES:
        files = list((out / "tables" / name).iterdir())
        assert [f.name for f in files] == ["part-00000.parquet"], name
        rows = pq.read_table(files[0])
        assert rows.column("row").null_count == rows.num_rows, name
        refs = rows.column("client_ref").to_pylist()
        assert refs == sorted(refs), name
    assert not (out / batch.WORK_DIR).exists()  # the partitions' files went with the work folder


def test_processor_built_once_per_worker(cluster: str, tmp_path: Path, shared_env: dict[str, str]) -> None:
    """Eight partitions on two workers: the row processor (the reference data) is built at most once
    in each worker process, never per task."""
    log = Path(shared_env["SKILLTOOL_TEST_BUILD_LOG"])
    log.unlink(missing_ok=True)
    src = generated(tmp_path, 160)
    run_dask(src, tmp_path / "out", cluster, 20, factory=recording_processor)
    pids = log.read_text().split()
    assert 1 <= len(pids) <= 2
    assert len(set(pids)) == len(pids)
    assert str(os.getpid()) not in pids  # built in the workers, not here


@pytest.mark.parametrize("research", [False, True], ids=["plain", "research"])
def test_resume_skips_the_partitions_done(cluster: str, tmp_path: Path, research: bool) -> None:
    """After an interruption, --resume runs only the partitions without a done record; the outputs
    equal an uninterrupted run's (a research export's tables merged again from every partition)."""
    src = generated(tmp_path, 100)
    key = tmp_path / "key"
    key.write_bytes(b"k" * 32)
    keyed: dict[str, Any] = {"key_file": key} if research else {}
    whole = tmp_path / "whole"
    run_dask(src, whole, cluster, 30, factory=fake_processor, output_format="parquet", **keyed)
    out = tmp_path / "out"
    job = batch.prepare(src, out=out, workers=2, factory=fake_processor, output_format="parquet", **keyed)
    out.mkdir()
    state, _ = batch_dask._start(job, batch_dask._fingerprint(job, 30))
    task = batch_dask._task(job, state)
    parts = list(batch_dask.partitions(job, 30))
    record = batch_dask.run_partition(task, 1, *parts[1])  # as if the run stopped after partition 1
    gc.unfreeze()  # run_partition freezes what is alive, as in a worker; not in this test process
    record["coding"] = 1000.0  # a marker: a partition run again would not carry it
    done = out / batch.WORK_DIR / batch_dask.PARTS_DIR / "done-00001.json"
    done.write_text(json.dumps(record))
    with pytest.raises(Exception, match="add --resume"):
        batch.prepare(src, out=out, workers=2, factory=fake_processor, output_format="parquet", **keyed)
    if research:  # a merge of the tables cut short: made again from the partitions
        cut = out / batch.WORK_DIR / "tables" / "people"
        cut.mkdir(parents=True)
        (cut / "part-00000.parquet").write_bytes(b"cut short")
    job = dataclasses.replace(job, resume=True)
    m = batch_dask.run(job, batch_dask.DaskOptions(scheduler=cluster, partition_rows=30))
    assert m.timings.coding >= 1000.0
    assert m.counts.model_dump() == json.loads((whole / "manifest.json").read_text())["counts"]
    assert_same_outputs(whole, out, "parquet")
    other = tmp_path / "other"
    other.mkdir()
    job = batch.prepare(src, out=other, workers=2, factory=fake_processor)
    batch_dask._start(job, batch_dask._fingerprint(job, 30))
    with pytest.raises(Exception, match="another input"):  # resumed with another partition size
        batch_dask._start(dataclasses.replace(job, resume=True), batch_dask._fingerprint(job, 31))


def test_file_coding_on_dask_equals_local(cluster: str, tiny_data: Path, tmp_path: Path) -> None:
    """occupation code --input on Dask gives the same file as locally, rows in input order."""
    src = tmp_path / "titles.csv"
    titles = ["lasser", "electrition", "", "kapster", "lasser"] * 9
    src.write_text("id;functie\n" + "".join(f"{i};{t}\n" for i, t in enumerate(titles)), encoding="utf-8")
    spec = bulk_coding.CodingSpec(kind="occupation", data_dir=tiny_data, lang="nl", top=2)
    monkey = pytest.MonkeyPatch()
    monkey.setattr(bulk_coding, "BLOCK", 10)
    try:
        a = bulk_coding.code_file(src, "functie", tmp_path / "local.csv", spec)
        b = bulk_coding.code_file(
            src, "functie", tmp_path / "dask.csv", spec, engine="dask", scheduler=cluster
        )
    finally:
        monkey.undo()
    assert a == b and a.rows == 45 and a.empty == 9
    assert (tmp_path / "local.csv").read_bytes() == (tmp_path / "dask.csv").read_bytes()


def test_file_coding_on_dask_takes_partition_rows(cluster: str, tiny_data: Path, tmp_path: Path) -> None:
    """user16: `occupation code --engine dask` had no --partition-rows where `batch` has one; the
    tasks are that many rows now (7 here, across the reader's blocks of 10), same file as locally."""
    src = tmp_path / "titles.csv"
    titles = ["lasser", "electrition", "", "kapster", "lasser"] * 5
    src.write_text("id;functie\n" + "".join(f"{i};{t}\n" for i, t in enumerate(titles)), encoding="utf-8")
    sizes: list[int] = []
    real = bulk_coding.regrouped

    def seen(blocks: Iterator[Block], size: int) -> Iterator[Block]:
        for block in real(blocks, size):
            sizes.append(len(block))
            yield block

    base = ["--data-dir", str(tiny_data), "occupation", "code", "-i", str(src), "--column", "functie"]
    local = CliRunner().invoke(app, [*base, "-o", str(tmp_path / "l.csv")])
    assert local.exit_code == 0, local.output
    monkey = pytest.MonkeyPatch()
    monkey.setattr(bulk_coding, "BLOCK", 10)
    monkey.setattr(bulk_coding, "regrouped", seen)
    try:
        dask_args = ["--engine", "dask", "--scheduler", cluster, "--partition-rows", "7"]
        r = CliRunner().invoke(app, [*base, "-o", str(tmp_path / "d.csv"), *dask_args])
    finally:
        monkey.undo()
    assert r.exit_code == 0, r.output
    assert sizes == [7, 7, 7, 4]
    assert (tmp_path / "l.csv").read_bytes() == (tmp_path / "d.csv").read_bytes()


def test_missing_dask_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the optional extra, --engine dask says how to install it, in one line, exit 2."""
    monkeypatch.setitem(sys.modules, "distributed", None)
    r = CliRunner().invoke(app, ["batch", str(EXAMPLE), "--out", str(tmp_path / "o"), "--engine", "dask"])
    assert r.exit_code != 0
    assert "pip install 'skilltool[dask]'" in r.stderr
    assert "Traceback" not in r.output and len(r.stderr.strip().splitlines()) == 1
    r = CliRunner().invoke(
        app,
        [
            "occupation",
            "code",
            "--input",
            str(EXAMPLE),
            "--column",
            "beroep_1",
            "-o",
            "x.csv",
            "--engine",
            "dask",
        ],
    )
    assert "pip install 'skilltool[dask]'" in r.stderr


def test_engine_options_are_checked_first(tmp_path: Path) -> None:
    """An unknown engine, or --scheduler without --engine dask: one line, exit 2, nothing written."""
    out = tmp_path / "o"
    r = CliRunner().invoke(app, ["batch", str(EXAMPLE), "--out", str(out), "--engine", "spark"])
    assert r.exit_code == 2 and messages.t("usage.engine", "nl", given="'spark'") in r.stderr
    r = CliRunner().invoke(
        app, ["batch", str(EXAMPLE), "--out", str(out), "--scheduler", "tcp://127.0.0.1:1"]
    )
    assert r.exit_code == 2 and messages.t("usage.dask_only", "nl") in r.stderr
    assert not out.exists()


def test_the_local_cluster_refuses_a_client_without_its_certificate() -> None:
    """The cluster ``batch --engine dask`` starts without ``--scheduler`` speaks mutual TLS with a
    certificate made for the run: on loopback alone another user of the machine could connect
    while a batch ran and run code as the caseworker (thirteenth hostile review)."""
    import asyncio

    import distributed.comm
    from distributed import Client, LocalCluster, security

    client: Any = Client  # untyped package
    temporary: Any = security.Security.temporary
    connect: Any = distributed.comm.connect  # type: ignore[attr-defined]

    async def knock(address: str, args: dict[str, Any]) -> None:
        reached = await connect(address, timeout=3, **args)
        await reached.write({"op": "identity"})
        await reached.read()

    with batch_dask.local_cluster(LocalCluster, 1) as lc, client(lc) as own:
        assert lc.scheduler_address.startswith("tls://127.0.0.1:")
        assert own.submit(sum, [1, 2]).result() == 3  # its own client: the run's certificate
        other = temporary().get_connection_args("client")  # another run's certificate
        plain = lc.scheduler_address.replace("tls", "tcp")  # no certificate at all
        for address, args in ((lc.scheduler_address, other), (plain, {})):
            with pytest.raises(OSError):
                asyncio.run(knock(address, args))
