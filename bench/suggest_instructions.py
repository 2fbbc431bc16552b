"""Instructions (or CPU) per row of the batch's suggesting step alone, on real batch profiles.

    valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/tmp/cg.out \\
        .venv/bin/python bench/suggest_instructions.py INPUT.csv [--warm 2000] [--rows 500]

Runs the rows of INPUT (e.g. made by ``bench/batch.py N --keep D``) through ONE batch worker in
this process, as ``bench/row_instructions.py`` does, but counts only
``profile_building.add_suggestions`` (what the manifest's "suggesting" seconds time): the first
``--warm`` rows run in full (memos filled), the next ``--rows`` rows' profiles are built and kept,
and then only their suggestions are made, in input order, with callgrind's instrumentation on
(``callgrind_control -i on``). Deterministic, so an old/new comparison of ``suggest`` holds on a
busy machine; ``bench/suggest.py``'s random profiles miss the batch's memos far more often.
Without valgrind it prints the CPU milliseconds a row of the same step instead (one run: a
second run of the same rows would find every ranking memoised).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from callgrind import instrument
from one_worker import worker_chunks
from skilltool import batch_worker, profile_building
from skilltool.models import Profile


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("input", type=Path)
    parser.add_argument("--warm", type=int, default=2000)
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--format", default="parquet", choices=["parquet", "jsonl"])
    parser.add_argument("--lang", default="nl", choices=["nl", "en"])
    args = parser.parse_args()
    real = profile_building.add_suggestions
    kept: list[tuple[Profile, dict[str, Any]]] = []
    capture = False

    def add_suggestions(profile: Profile, **kwargs: Any) -> Profile:
        if not capture:
            return real(profile, **kwargs)
        kept.append((profile, kwargs))
        return profile

    profile_building.add_suggestions = add_suggestions
    done = 0
    with worker_chunks(
        args.input, output_format=args.format, lang=args.lang, prefix="skilltool-suggest-instructions-"
    ) as chunks:
        for chunk in chunks:
            capture = done >= args.warm
            batch_worker.run_chunk(chunk)
            done += len(chunk)
            if done >= args.warm + args.rows:
                break
    kept = kept[: args.rows]
    counted = instrument(True)
    started = time.process_time()
    for profile, kwargs in kept:
        real(profile, **kwargs)
    cpu = time.process_time() - started
    if counted:
        instrument(False)
    how = "see valgrind's 'I refs'" if counted else f"{1000 * cpu / max(1, len(kept)):.3f} ms CPU a row"
    print(f"suggestions of {len(kept):,} profiles after {done - len(kept):,} rows: {how}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
