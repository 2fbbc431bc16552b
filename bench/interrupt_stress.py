"""Stress a batch's end: many ``skilltool batch --workers 2|3`` runs side by side, each sent one
SIGINT or SIGTERM at a random moment; a run still there ``--hang`` seconds after its signal counts
as hung (its threads' kernel stacks and faulthandler's Python stacks are printed, then it is
killed). The twenty-fourth review's measure of ``batch_pool.shut`` (docs/security.md).

Run (an export of a few thousand rows, e.g. examples/batch/intakes.csv's good rows repeated):
    PYTHONPATH=src SKILLTOOL_CACHE_DIR=/tmp/stc python bench/interrupt_stress.py BIG.csv --runs 90
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path


def _stacks(pid: int) -> None:
    for task in sorted(Path(f"/proc/{pid}/task").glob("*")):
        try:
            print(
                "task", task.name, (task / "stat").read_text()[:60], (task / "stack").read_text(), flush=True
            )
        except OSError as exc:
            print("task", task.name, exc, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("input", type=Path)
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--parallel", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--earliest", type=float, default=0.5, help="seconds after the start")
    parser.add_argument("--latest", type=float, default=24.0)
    parser.add_argument("--hang", type=float, default=90.0)
    args = parser.parse_args()
    # a shell starts a background job (``&``) with Ctrl-C ignored, and the batches would inherit it:
    # their SIGINT then did nothing, and a run "ended normally" though it was sent one
    signal.signal(signal.SIGINT, signal.default_int_handler)
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="interrupt-stress-"))
    env = dict(os.environ, PYTHONFAULTHANDLER="1")
    results: Counter[tuple[str, str]] = Counter()
    active: list[tuple[subprocess.Popen[bytes], float, signal.Signals, int, list[float]]] = []
    started = 0
    while started < args.runs or active:
        while len(active) < args.parallel and started < args.runs:
            err = (work / f"{started}.err").open("wb")
            cmd = [
                sys.executable,
                "-m",
                "skilltool",
                "batch",
                str(args.input),
                "--out",
                str(work / str(started)),
            ]
            cmd += ["--workers", rng.choice(["2", "3"])]
            proc = subprocess.Popen(
                cmd, env=env, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True
            )
            when = time.monotonic() + rng.uniform(args.earliest, args.latest)
            active.append((proc, when, rng.choice([signal.SIGINT, signal.SIGTERM]), started, []))
            started += 1
        time.sleep(0.05)
        for run in list(active):
            proc, when, sig, n, sent = run
            if not sent and time.monotonic() >= when:
                proc.send_signal(sig)
                sent.append(time.monotonic())
            code = proc.poll()
            if code is not None:
                results[(sig.name, str(code))] += 1
                print(n, sig.name, "exit", code, flush=True)
                active.remove(run)
            elif sent and time.monotonic() - sent[0] > args.hang:
                print(n, sig.name, "HUNG", proc.pid, flush=True)
                _stacks(proc.pid)
                os.kill(proc.pid, signal.SIGABRT)  # faulthandler writes the Python stacks to its .err
                time.sleep(2)
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                print((work / f"{n}.err").read_text(errors="replace")[:4000], flush=True)
                results[(sig.name, "hung")] += 1
                active.remove(run)
            if proc.poll() is not None and run not in active:
                shutil.rmtree(work / str(n), ignore_errors=True)
    print("summary", dict(sorted(results.items())), f"(outputs and stderr under {work})")


if __name__ == "__main__":
    main()
