"""Where a batch row's CPU goes, step by step, as one pool worker runs it.

    .venv/bin/python bench/row_steps.py INPUT.csv [--warm 2000] [--rows 3000] [--format jsonl]

Runs the rows of INPUT (e.g. made by ``bench/batch.py N --keep D``) through ONE batch worker in
this process, chunk by chunk as a pool worker does (``batch_worker.run_chunk``), and times each
step with the CPU clock of this thread around it (``time.thread_time``): the steps are wrapped
where their callers look them up, and a step's time excludes the steps inside it, so the shares
add up to the whole. A wrapper costs about a microsecond a call, which the steps called many
times a row (``build_suggestion``, about ten) carry. cProfile inflates small Python calls far
more (it made reading a row 12 % of it; timed here it is about 4 %). Only the memos' first
``--warm`` rows are left out (they fill the memos).
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from one_worker import worker_chunks
from skilltool import batch_worker, profile_building, suggest, suggest_arrays, suggest_select

SPENT: defaultdict[str, float] = defaultdict(float)
CALLS: defaultdict[str, int] = defaultdict(int)
_STACK: list[list[float]] = []  # per open step: the time its inner steps took


def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn``, its own CPU time (without the timed steps it calls) added to ``SPENT[name]``."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _STACK.append([0.0])
        start = time.thread_time()
        try:
            return fn(*args, **kwargs)
        finally:
            took = time.thread_time() - start
            inner = _STACK.pop()[0]
            SPENT[name] += took - inner
            CALLS[name] += 1
            if _STACK:
                _STACK[-1][0] += took

    return wrapper


STEPS: list[tuple[object, str, str]] = [
    (batch_worker, "row_answers_and_columns", "reading the row: mapping the cells, validating the answers"),
    (batch_worker.Worker, "_outputs", "summary line, statistics, review flags (outputs but the two below)"),
    (profile_building, "build_profile", "coding and the profile's models (build_profile)"),
    (profile_building, "add_suggestions", "suggest's own: the result, the profile copy"),
    (suggest, "person_of", "the person (person_of)"),
    (suggest, "ranked", "ranking: the memo and its own (ranked)"),
    (suggest_select, "ranking_key", "ranking: the key (ranking_key)"),
    (suggest_arrays, "score_touched", "ranking a miss: scoring the touched (score_touched)"),
    (suggest_select, "rank", "ranking a miss: the groups (rank's own, group_arrays)"),
    (suggest_select, "select", "ranking a miss: the slots (select)"),
    (suggest, "build_suggestion", "building the chosen suggestions (build_suggestion)"),
    (suggest, "_own_trade", "the own trade (its list; its suggestions mostly reused)"),
    (suggest, "next_steps", "the plan (next_steps)"),
]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("input", type=Path)
    parser.add_argument("--warm", type=int, default=2000)
    parser.add_argument("--rows", type=int, default=3000)
    parser.add_argument("--format", default="parquet", choices=["parquet", "jsonl"])
    args = parser.parse_args()
    for owner, attr, label in STEPS:
        setattr(owner, attr, timed(label, getattr(owner, attr)))
    if args.format == "parquet":
        from skilltool import batch_rows  # lazy: pyarrow, --format parquet only

        batch_rows.TableRows.add_profile = timed(  # type: ignore[method-assign]
            "Parquet table rows (TableRows.add_profile)", batch_rows.TableRows.add_profile
        )
        batch_worker._table_messages = timed(
            "Arrow arrays and frames of the chunk (ipc_messages)", batch_worker._table_messages
        )
    else:
        from skilltool import profile_json

        profile_json.ProfileJson.line = timed(  # type: ignore[method-assign]
            "profile JSON line (ProfileJson.line)", profile_json.ProfileJson.line
        )
    batch_worker.after_chunk = timed("collection and trim after each chunk", batch_worker.after_chunk)
    done, total, start = 0, 0.0, 0.0
    with worker_chunks(args.input, output_format=args.format) as chunks:
        for chunk in chunks:
            if done == args.warm or (done > args.warm and not start):
                SPENT.clear()
                CALLS.clear()
                start = time.thread_time()
            run = timed("the chunk loop (ids, error rows, CSV lines)", batch_worker.run_chunk)
            run(chunk)
            done += len(chunk)
            if done >= args.warm + args.rows:
                break
    total = time.thread_time() - start
    rows = done - args.warm
    print(f"{rows:,} rows after {args.warm:,}, {args.format}: {1000 * total / rows:.3f} ms CPU a row")
    for name, spent in sorted(SPENT.items(), key=lambda kv: -kv[1]):
        share, each = 100 * spent / total, 1e6 * spent / rows
        print(f"{share:5.1f} %  {each:7.1f} us  {CALLS[name] / rows:5.2f}/row  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
