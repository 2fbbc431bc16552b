"""Load-time benchmark: cold and warm load of the reference data, `--help` wall time, memory.

Compares against a plain `yaml.safe_load` of the same files in the same run.
Run: .venv/bin/python bench/load.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PY = sys.executable
SKILLTOOL = [PY, "-m", "skilltool"]


def wall(argv: list[str], env: dict[str, str], runs: int = 5) -> float:
    """Median wall time of a command, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def child_peak_mib(argv: list[str], env: dict[str, str]) -> float:
    """Peak RSS of one run of a command, in MiB (via `resource` in a wrapper)."""
    code = (
        "import resource,subprocess,sys;"
        f"subprocess.run({argv!r},stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL,check=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([PY, "-c", code], env=env, check=True, capture_output=True, text=True)
    return int(out.stdout.strip()) / 1024


def main() -> None:
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as cache:
        env["SKILLTOOL_CACHE_DIR"] = cache
        load = (
            "from skilltool.reference import ReferenceData as R;r=R();"
            "r.occupations;r.skills;r.occupation_by_uri;r.skill_by_id"
        )
        bare = wall([PY, "-c", "pass"], env)
        helptime = wall([*SKILLTOOL, "--help"], env)
        start = time.perf_counter()
        subprocess.run([PY, "-c", load], env=env, check=True)
        cold = time.perf_counter() - start
        warm = wall([PY, "-c", load], env)
        info_warm = wall([*SKILLTOOL, "data", "info"], env)
        peak = child_peak_mib([PY, "-c", load], env)
        plain = (
            "import yaml;[yaml.safe_load(open(f,encoding='utf-8')) for f in "
            f"({str(REPO / 'data/occupations.yaml')!r},{str(REPO / 'data/skills.yaml')!r})]"
        )
        start = time.perf_counter()
        subprocess.run([PY, "-c", plain], env=env, check=True)
        plain_time = time.perf_counter() - start
        plain_peak = child_peak_mib([PY, "-c", plain], env)
    print("reference data load (occupations.yaml + skills.yaml)")
    print(f"  python -c pass                    {bare * 1000:8.0f} ms")
    print(
        f"  skilltool --help                  {helptime * 1000:8.0f} ms  (+{(helptime - bare) * 1000:.0f} ms)"
    )
    print(f"  cold load (parse + validate)      {cold * 1000:8.0f} ms  (incl. interpreter start)")
    print(f"  warm load (compiled cache)        {warm * 1000:8.0f} ms")
    print(f"  skilltool data info, warm         {info_warm * 1000:8.0f} ms")
    print(f"  peak memory, load                 {peak:8.0f} MiB")
    print(f"  baseline: plain yaml.safe_load    {plain_time * 1000:8.0f} ms, {plain_peak:.0f} MiB peak")


if __name__ == "__main__":
    main()
