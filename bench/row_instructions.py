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
import gc
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from skilltool import batch, batch_input, batch_worker
from skilltool.batch_state import State


def _instrument(on: bool) -> bool:
    """Switch callgrind's instrumentation of this process; False when not under callgrind."""
    cmd = ["callgrind_control", "-i", "on" if on else "off", str(os.getpid())]
    try:
        return subprocess.run(cmd, check=False, capture_output=True).returncode == 0
    except OSError:
        return False


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
    out = Path(tempfile.mkdtemp(prefix="skilltool-instructions-"))
    try:
        job = batch.prepare(args.input, out=out / "out", output_format=args.format, lang=args.lang)
        state = State(fingerprint="", created="2026-01-01T00:00:00+00:00")
        batch_worker.init_worker(batch.worker_config(job, state.created))
        gc.collect()
        gc.freeze()  # as before forking the workers
        done, started, counted = 0, 0.0, False
        for chunk, _blank in batch_input.chunks(job, state, batch_input.SeenIds(), {"reading": 0.0}):
            if not chunk:
                continue
            if done >= args.warm and not started:
                counted = _instrument(True)
                started = time.process_time()
            batch_worker.run_chunk(chunk)
            done += len(chunk)
            if done >= args.warm + args.rows:
                break
        cpu = time.process_time() - started
        if counted:
            _instrument(False)
        measured = done - args.warm
        how = "see valgrind's 'I refs'" if counted else f"{1000 * cpu / max(1, measured):.3f} ms CPU a row"
        print(f"measured {measured:,} rows after {args.warm:,} warm-up: {how}")
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
