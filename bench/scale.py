"""Scale benchmark: the batch at growing sizes, local engine vs Dask, JSON Lines vs Parquet.

    .venv/bin/python bench/scale.py                       # 10,000 and 100,000 rows
    .venv/bin/python bench/scale.py 10000 100000 1000000  # the issue's three sizes (~20 min more)
    .venv/bin/python bench/scale.py 10000 --engines local --keep /tmp/scale

For each size it generates the synthetic export of ``bench/batch.py`` (same seed, so the same
rows), then runs ``skilltool batch --format parquet --workers W`` with ``--engine local`` and with
``--engine dask`` (a LocalCluster of W workers on 127.0.0.1), and once with the default JSON
Lines at the smallest size. It prints per run: wall time, rows per second, peak memory (PSS, which
counts pages shared between processes once, summed over the run's processes; and the largest
single worker process; then each process's peak PSS and private memory, from
/proc/PID/smaps_rollup), the bytes per person of the outputs, and the time split from
``manifest.json``. Last it checks the two engines wrote the same tables (order aside).

Memory is sampled from /proc every 0.5 s (Linux), so a short peak can be missed. On a shared
machine wall times are noisy: run it more than once and say what else was running.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _bench_batch() -> Any:
    spec = importlib.util.spec_from_file_location("bench_batch", HERE / "batch.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BENCH_BATCH = _bench_batch()  # the generator and the memory sampler of bench/batch.py


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def run_once(src: Path, out: Path, *, engine: str, fmt: str, workers: int) -> dict[str, Any]:
    shutil.rmtree(out, ignore_errors=True)
    exe = Path(sys.executable).with_name("skilltool")
    cmd = [str(exe), "batch", str(src), "--out", str(out), "--workers", str(workers), "--format", fmt]
    cmd += ["--engine", engine]
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764288000"}  # the same 'created' in every run
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    sampler = BENCH_BATCH.MemorySampler(proc.pid)
    sampler.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the run's processes, reaped: all its CPU
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    sampler.stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{stdout}\n{stderr}")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    c = manifest["counts"]
    profiles = out / ("profiles.jsonl" if fmt == "jsonl" else "tables")
    return {
        "engine": engine,
        "format": fmt,
        "rows": c["rows_read"],
        "people": c["rows_written"],
        "wall": wall,
        "rows_s": c["rows_read"] / wall,
        "cpu": cpu,
        "pss_total": sampler.peak_pss,
        "pss_worker": sampler.largest_worker(),
        "pss_driver": sampler.peak_by_pid.get(proc.pid, 0),
        "per_process": sampler.per_process(),
        "over_time": sampler.over_time(),
        "bytes_person": _size(profiles) / max(1, c["rows_written"]),
        "timings": manifest["timings"],
    }


def same_tables(a: Path, b: Path) -> bool:
    """Both runs' tables hold the same rows (sorted by row, then position)."""
    import pyarrow.dataset as ds

    for table in sorted(p.name for p in (a / "tables").iterdir()):
        ta = ds.dataset(a / "tables" / table).to_table()
        tb = ds.dataset(b / "tables" / table).to_table()
        keys = [(n, "ascending") for n in ("row", "position", "rank") if n in ta.column_names]
        if not ta.sort_by(keys).equals(tb.sort_by(keys)):  # content, whatever the chunking
            print(f"  tables/{table}: DIFFERENT")
            return False
    return True


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--engines", default="local,dask")
    parser.add_argument("--keep", type=Path, help="keep inputs and outputs in this folder")
    parser.add_argument("--no-jsonl", action="store_true", help="skip the JSON Lines run")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="skilltool-scale-"))
    root.mkdir(parents=True, exist_ok=True)
    engines = args.engines.split(",")
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} cores, load average {load:.1f} at start; workers {args.workers}")
    results: list[dict[str, Any]] = []
    try:
        for i, n in enumerate(sorted(args.sizes)):
            src = root / f"intakes-{n}.csv"
            if not src.exists():
                BENCH_BATCH.generate(src, n)
            runs = [(e, "parquet") for e in engines]
            if i == 0 and not args.no_jsonl:
                runs.append(("local", "jsonl"))
            outs: dict[str, Path] = {}
            for engine, fmt in runs:
                out = root / f"out-{n}-{engine}-{fmt}"
                r = run_once(src, out, engine=engine, fmt=fmt, workers=args.workers)
                r["load"] = os.getloadavg()[0]
                results.append(r)
                outs[f"{engine}-{fmt}"] = out
                tm = r["timings"]
                print(
                    f"{n:>9,} {engine:<5} {fmt:<7} wall {r['wall']:7.1f} s  {r['rows_s']:6,.0f} rows/s  "
                    f"CPU {r['cpu']:7.1f} s ({r['rows'] / r['cpu']:5,.0f} rows per CPU s)  "
                    f"PSS {r['pss_total'] / 2**20:5,.0f} MB total, "
                    f"{r['pss_worker'] / 2**20:4,.0f} MB largest worker, "
                    f"{r['pss_driver'] / 2**20:4,.0f} MB driver  {r['bytes_person']:7,.0f} B/person  "
                    f"(coding {tm['coding']:.0f} s*, suggesting {tm['suggesting']:.0f} s*, reading "
                    f"{tm['reading']:.0f} s, writing {tm['writing']:.0f} s; load {r['load']:.1f})",
                    flush=True,
                )
                for line in r["per_process"]:  # where the memory is: shared (PSS) vs copied (private)
                    print(f"{'':>10}{line}", flush=True)
                print(f"{'':>10}{r['over_time']}", flush=True)  # when: from the start, or growing
            if "local-parquet" in outs and "dask-parquet" in outs:
                same = same_tables(outs["local-parquet"], outs["dask-parquet"])
                print(f"{n:>9,} local and dask tables identical (order aside): {'yes' if same else 'NO'}")
            if not args.keep:
                for out in outs.values():
                    shutil.rmtree(out, ignore_errors=True)
        print("* worker seconds summed over the workers (include waiting for a core)")
        for engine in engines:
            rates = [
                (r["rows"], r["rows"] / r["cpu"])
                for r in results
                if r["engine"] == engine and r["format"] == "parquet"
            ]
            if len(rates) > 1:
                first = rates[0][1]
                print(
                    f"{engine}: rows per CPU second relative to {rates[0][0]:,} rows: "
                    + ", ".join(f"{n:,}: {v / first:.2f}" for n, v in rates)
                )
        local = {r["rows"]: r["wall"] for r in results if r["engine"] == "local" and r["format"] == "parquet"}
        for r in results:
            if r["engine"] == "dask" and r["rows"] in local:
                print(f"dask / local wall time at {r['rows']:,} rows: {r['wall'] / local[r['rows']]:.2f}")
        cpu = {r["rows"]: r["cpu"] for r in results if r["engine"] == "local" and r["format"] == "parquet"}
        for r in results:
            if r["engine"] == "dask" and r["rows"] in cpu:
                print(f"dask / local CPU seconds at {r['rows']:,} rows: {r['cpu'] / cpu[r['rows']]:.2f}")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
