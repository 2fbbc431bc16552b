"""Instructions per row of the batch's row processor, counted by callgrind: deterministic, so an
old/new comparison holds on a machine shared with other work (CPU seconds there move by 20%).

    valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/tmp/cg.out \\
        .venv/bin/python bench/row_instructions.py INPUT.csv [--warm 500] [--rows 300]

Runs the rows of INPUT (e.g. made by ``bench/batch.py N --keep D``) through ONE batch worker in
this process, chunk by chunk as a pool worker does (``batch_worker.run_chunk``), ``--format
parquet`` unless ``--format jsonl``. Valgrind starts with instrumentation off (fast); after
``--warm`` rows (memos filled) it is switched on with ``callgrind_control -i on``, and off again
after ``--rows`` more. Valgrind prints ``I refs``: the instructions of the measured rows only.
Compare the code before a change with ``PYTHONPATH=OTHER_WORKTREE/src`` (about a minute each).
Without valgrind it runs the same rows and prints the CPU seconds a row instead.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from callgrind import instrument
from one_worker import worker_chunks
from skilltool import batch_worker


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("input", type=Path)
    parser.add_argument("--warm", type=int, default=500)
    parser.add_argument("--rows", type=int, default=300)
    parser.add_argument("--format", default="parquet", choices=["parquet", "jsonl"])
    parser.add_argument("--lang", default="nl", choices=["nl", "en"])
    args = parser.parse_args()
    done, started, counted = 0, 0.0, False
    with worker_chunks(
        args.input, output_format=args.format, lang=args.lang, prefix="skilltool-instructions-"
    ) as chunks:
        for chunk in chunks:
            if done >= args.warm and not started:
                counted = instrument(True)
                started = time.process_time()
            batch_worker.run_chunk(chunk)
            done += len(chunk)
            if done >= args.warm + args.rows:
                break
    cpu = time.process_time() - started
    if counted:
        instrument(False)
    measured = done - args.warm
    how = "see valgrind's 'I refs'" if counted else f"{1000 * cpu / max(1, measured):.3f} ms CPU a row"
    print(f"measured {measured:,} rows after {args.warm:,} warm-up: {how}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
