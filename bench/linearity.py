"""Per-chunk CPU of the batch's row processor over a long run, and what its memos do meanwhile.

    .venv/bin/python bench/linearity.py INPUT.csv [--rows 300000] [--block 10000]

Runs the rows of INPUT (e.g. made by ``bench/batch.py N --keep D``) through ONE batch worker in
this process, chunk by chunk exactly as a pool worker does (``batch_worker.run_chunk``: the
chunk, then one collection and ``gc.freeze``), with ``--format parquet``. Every ``--block`` rows
it prints the CPU time per row of that block (``time.process_time``, coding and suggesting
split), the process's RSS, and per memo: its size, how often it was emptied (size dropped) and
its hit rate in the block. One worker here sees every row; in a 2-worker batch each sees half,
so ``--rows 300000`` is what a worker sees in a 600,000-row batch.

A flat ms/row column is linear cost; a column that climbs with the rows is the thing to find.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import gc
import os
import pstats
import resource
import time
from collections import Counter
from pathlib import Path
from typing import Any

from one_worker import worker_chunks
from skilltool import batch_worker, suggest_texts
from skilltool.memo import Memo
from skilltool.models import Words
from skilltool.models import base as models_base


def _rss_mb() -> float:
    with Path(f"/proc/{os.getpid()}/status").open(encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class MemoCounts:
    """Hits and misses of every ``Memo`` (patched in on the class)."""

    def __init__(self) -> None:
        self.hits: Counter[int] = Counter()
        self.misses: Counter[int] = Counter()
        get = Memo.get
        counts = self

        def counted(memo: Any, key: Any) -> Any:
            hit = get(memo, key)
            (counts.hits if hit is not None else counts.misses)[id(memo)] += 1
            return hit

        Memo.get = counted  # type: ignore[method-assign,assignment]


class TextCounts:
    """Calls of ``suggest_texts.x``/``words`` that built a new object (misses) vs all calls."""

    def __init__(self) -> None:
        self.built = Counter[str]()
        text, construct = suggest_texts._text, models_base.construct

        def counted_text(key: str, params: dict[str, object]) -> Any:
            self.built["x"] += 1
            return text(key, params)

        def counted_construct(cls: Any, **kw: Any) -> Any:
            if cls is Words:
                self.built["words"] += 1
            return construct(cls, **kw)

        suggest_texts._text = counted_text
        suggest_texts.construct = counted_construct  # type: ignore[attr-defined,assignment]


def _closure(fn: Any) -> dict[str, Any]:
    return dict(zip(fn.__code__.co_freevars, (c.cell_contents for c in fn.__closure__ or ()), strict=True))


def memos(worker: batch_worker.Worker) -> dict[str, Any]:
    """name -> a memo object (dict, Memo or an lru_cache function)."""
    env = _closure(worker.fn)
    found: dict[str, Any] = {}
    ref = env["ref"]
    index = ref.suggest_index
    names = ("text_memo", "score_part_memo", "group_parts_memo", "part_memo", "ranked_memo", "left_out_memo")
    for name in names:
        found[name] = getattr(index, name)
    found["texts._shared"] = suggest_texts._shared
    found["texts._words"] = suggest_texts._words
    from skilltool import profile_sources

    found["profile._DERIVED"] = profile_sources._DERIVED.get(ref, {})
    for label in ("occupation", "skill"):
        memo_coder = env[label]
        found[f"{label}.MemoCoder"] = memo_coder._code
        coder = _closure(memo_coder._code.__wrapped__)["coder"]
        if isinstance(getattr(coder, "_memo", None), dict):
            found[f"{label}._memo"] = coder._memo
        for attr, value in vars(coder).items():
            d = getattr(value, "__dict__", None)
            if isinstance(d, dict):
                for k in ("_cache", "_stems"):
                    if isinstance(d.get(k), dict):
                        found[f"{label}.{attr}.{k}"] = d[k]
    if env.get("diplomas") is not None:
        found["diplomas.lru"] = env["diplomas"]._lookup
    return found


def size(memo: Any) -> int:
    if isinstance(memo, Memo):
        return len(memo.data)
    if isinstance(memo, dict):
        return len(memo)
    return int(memo.cache_info().currsize)


def _calls(profiler: cProfile.Profile, rows: int, done: int) -> Counter[str]:
    """Calls per 1,000 rows of each function in a profiled block; prints the totals and the top."""
    st = pstats.Stats(profiler)
    per: Counter[str] = Counter()
    tot: dict[str, float] = {}
    for (file, line, name), (_cc, nc, tt, _ct, _callers) in st.stats.items():  # type: ignore[attr-defined]
        key = f"{Path(file).name}:{line}:{name}"
        per[key] = round(1000 * nc / rows)
        tot[key] = tt
    total_calls = sum(per.values())
    print(f"  profiled {rows:,} rows ending at {done:,}: {total_calls / 1000:,.1f} calls per row")
    for key in sorted(tot, key=lambda k: -tot[k])[:12]:
        print(f"    {1000 * tot[key] / rows:7.4f} ms/row  {per[key] / 1000:9.3f} calls/row  {key}")
    return per


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("input", type=Path)
    parser.add_argument("--rows", type=int, default=300_000)
    parser.add_argument("--block", type=int, default=10_000)
    parser.add_argument(
        "--profile-at",
        default="",
        help="comma-separated row counts: profile the next --profile-rows rows there (calls per row)",
    )
    parser.add_argument("--profile-rows", type=int, default=3_000)
    args = parser.parse_args()
    counts = MemoCounts()
    texts = TextCounts()
    with worker_chunks(args.input, prefix="skilltool-linearity-") as chunks:
        worker = batch_worker._WORKER
        assert worker is not None
        found = memos(worker)
        prev_size = {n: size(m) for n, m in found.items()}
        emptied: Counter[str] = Counter()
        lru_prev = {
            n: m.cache_info() for n, m in found.items() if isinstance(m, functools._lru_cache_wrapper)
        }
        done = block_rows = 0
        t_cpu = time.process_time()
        coding = suggesting = 0.0
        print(f"load average {os.getloadavg()[0]:.1f} at start; rows per block {args.block:,}")
        profile_at = sorted(int(v) for v in args.profile_at.split(",") if v)
        profiler: cProfile.Profile | None = None
        profiled = 0
        calls: list[Counter[str]] = []
        for chunk in chunks:
            if profiler is None and profile_at and done >= profile_at[0]:
                profile_at.pop(0)
                profiler, profiled = cProfile.Profile(), 0
                profiler.enable()
            result = batch_worker.run_chunk(chunk)
            if profiler is not None:
                profiled += len(chunk)
                if profiled >= args.profile_rows:
                    profiler.disable()
                    calls.append(_calls(profiler, profiled, done))
                    profiler = None
            coding += result.coding
            suggesting += result.suggesting
            done += len(chunk)
            block_rows += len(chunk)
            for n, m in found.items():
                s = size(m)
                if s < prev_size[n]:
                    emptied[n] += 1
                prev_size[n] = s
            if block_rows >= args.block or done >= args.rows:
                cpu = time.process_time() - t_cpu
                parts = []
                for n, m in found.items():
                    if isinstance(m, Memo):
                        h, mi = counts.hits[id(m)], counts.misses[id(m)]
                        rate = f"{h / max(1, h + mi):.0%}"
                    elif n in lru_prev:
                        info, old = m.cache_info(), lru_prev[n]
                        h, mi = info.hits - old.hits, info.misses - old.misses
                        rate = f"{h / max(1, h + mi):.0%}"
                        lru_prev[n] = info
                    else:
                        rate = "-"
                    parts.append(f"{n}={size(m)}/{emptied[n]}x/{rate}")
                print(
                    f"{done:>8,} rows  {1000 * cpu / block_rows:5.3f} ms/row CPU "
                    f"(coding {1000 * coding / block_rows:5.3f}, "
                    f"suggesting {1000 * suggesting / block_rows:5.3f} wall)  RSS {_rss_mb():5.0f} MB  "
                    f"frozen {gc.get_freeze_count():,}  built x {texts.built['x']:,} "
                    f"words {texts.built['words']:,}  load {os.getloadavg()[0]:.1f}",
                    flush=True,
                )
                print("    " + "  ".join(parts), flush=True)
                counts.hits.clear()
                counts.misses.clear()
                texts.built.clear()
                emptied.clear()
                block_rows = 0
                coding = suggesting = 0.0
                t_cpu = time.process_time()
            if done >= args.rows:
                break
        if len(calls) > 1:
            first, last = calls[0], calls[-1]
            print("function calls per row, first profiled block vs last (largest differences):")
            keys = sorted(set(first) | set(last), key=lambda k: -abs(last[k] - first[k]))
            for k in keys[:25]:
                print(f"  {first[k] / 1000:10.3f} {last[k] / 1000:10.3f}  {k}")
        print(f"max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
