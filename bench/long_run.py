"""A batch worker's CPU a row and its memos' hit rates, window by window over a long run: does a
row get dearer as the run goes on, and do the memos hold up past the few thousand rows the row
benches read?

    .venv/bin/python bench/long_run.py INPUT.csv [--rows 100000] [--window 5000] [--every 2] [--memos]

Runs the rows of INPUT (e.g. made by ``bench/batch.py N --keep D``) through ONE batch worker in
this process, chunk by chunk as a pool worker does (``batch_worker.run_chunk``, Parquet). With
``--every 2`` it takes every other chunk, as one of the two row processes of a 2-worker batch
does. Every ``--window`` rows it prints the CPU seconds a row and the process's peak RSS; with
``--memos`` also each bounded memo's gets, hit rate, entries forgotten and time inside it a row,
the memo named by where it is first used from and its size (``suggest_select.ranked(8192)`` is
the ranking memo). The time inside is this thread's CPU clock (a wall clock there
counts the time the process waited for a core, large on a busy machine). The counters cost about
a microsecond a call: compare CPU with ``--memos`` only to CPU with it.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from one_worker import worker_chunks
from skilltool import batch_worker, memo

NAMES: dict[int, str] = {}
COUNTS: defaultdict[str, list[float]] = defaultdict(lambda: [0, 0, 0, 0, 0.0])
"""Per memo: gets, hits, puts, entries forgotten, seconds inside ``get`` and ``put``."""


def _name(m: Any) -> str:
    """A memo's name: where it was first used from, and its size (``ranked(8192)``). Named on first
    use, because most are made before this script could watch (unpickled with the suggestion index,
    or made when their module is imported)."""
    name = NAMES.get(id(m))
    if name is None:
        caller = sys._getframe(2).f_code  # the memo's user, past the counter
        name = f"{Path(caller.co_filename).stem}.{caller.co_name}({m.size})"
        if name in NAMES.values():  # two memos used from one function (_per_result)
            name += f" #{sum(n.startswith(name) for n in NAMES.values()) + 1}"
        NAMES[id(m)] = name
    return name


def count_memos() -> None:
    """Wrap ``Memo.get``/``put`` and ``Generations.get``/``put`` with counters per memo."""
    for cls in (memo.Memo, memo.Generations):
        get, put = cls.get, cls.put

        def counted_get(self: Any, key: Any, _get: Any = get) -> Any:
            c = COUNTS[_name(self)]
            t = time.thread_time()
            hit = _get(self, key)
            c[4] += time.thread_time() - t
            c[0] += 1
            c[1] += hit is not None
            return hit

        def counted_put(self: Any, key: Any, value: Any, _put: Any = put) -> Any:
            c = COUNTS[_name(self)]
            c[2] += 1
            c[3] += len(self.data) >= self.size  # a full memo forgets (Generations: turns over)
            t = time.thread_time()
            kept = _put(self, key, value)
            c[4] += time.thread_time() - t
            return kept

        setattr(cls, "get", counted_get)  # noqa: B010 - a bench's instrumentation
        setattr(cls, "put", counted_put)  # noqa: B010


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("input", type=Path)
    parser.add_argument("--rows", type=int, default=100_000, help="rows this process runs")
    parser.add_argument("--window", type=int, default=5_000)
    parser.add_argument("--every", type=int, default=1, help="take one chunk in every N")
    parser.add_argument("--memos", action="store_true", help="count the memos' gets and hits")
    args = parser.parse_args()
    if args.memos:
        count_memos()
    done = in_window = seen = 0
    started = time.process_time()
    with worker_chunks(args.input) as chunks:
        for chunk in chunks:
            seen += 1
            if (seen - 1) % args.every:
                continue
            batch_worker.run_chunk(chunk)
            done += len(chunk)
            in_window += len(chunk)
            if in_window >= args.window or done >= args.rows:
                cpu = time.process_time() - started
                peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
                print(
                    f"rows {done - in_window + 1:>7,}-{done:<7,} {1000 * cpu / in_window:.3f} ms CPU a row, "
                    f"peak RSS {peak} MB",
                    flush=True,
                )
                for name, (gets, hits, puts, gone, inside) in sorted(COUNTS.items()):
                    print(
                        f"    {name:42} gets {gets:7,.0f} hits {hits / max(1, gets):6.1%} "
                        f"new {puts:6,.0f} forgotten {gone / in_window:.2f} a row, "
                        f"{1e6 * inside / in_window:5.1f} us a row inside get and put"
                    )
                COUNTS.clear()
                started, in_window = time.process_time(), 0
            if done >= args.rows:
                break
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
