"""Benchmark ``skilltool.suggest``: profiles per second after load, and peak memory.

Generates N varied profiles (seeded): 0-2 past jobs drawn from all ESCO occupations, a Dutch
level, an education level or none, sometimes a wished sector, hours and licences. The reference
data and the compiled index are loaded first (timed apart); then every profile is ranked with
the default top 10 and its action plan built. Run from the repository root:

    .venv/bin/python bench/suggest.py            # 10,000 profiles
    .venv/bin/python bench/suggest.py --n 2000 --top 5
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from skilltool import suggest  # noqa: E402
from skilltool.models import CEFR_ORDER, Profile  # noqa: E402
from skilltool.reference import ReferenceData  # noqa: E402


def make_profiles(ref: ReferenceData, n: int, seed: int) -> list[Profile]:
    rng = random.Random(seed)
    occs = ref.occupations.occupations
    levels = list(CEFR_ORDER)
    sectors = ["zorg", "ICT", "bouw", "horeca", "techniek", "transport", "onderwijs"]
    out = []
    for i in range(n):
        jobs = []
        for _ in range(rng.choice([0, 1, 1, 1, 2])):
            occ = rng.choice(occs)
            jobs.append(
                {
                    "title": occ.label.get("nl"),
                    "years": rng.choice([None, 0.5, 2, 5, 12]),
                    "coded": {"uri": occ.uri, "isco": occ.isco, "label": occ.label.get("nl"), "score": 85},
                }
            )
        level = rng.choice([None, None, 2, 3, 4, 6, 7])
        education = (
            [{"qualification": "x", "country": "SY", "idw_status": "evaluated", "idw_nlqf": level}]
            if level
            else []
        )
        out.append(
            Profile.model_validate(
                {
                    "personal": {"client_ref": f"B-{i}"},
                    "dutch": {"cefr": rng.choice([None, *levels[:5]])},
                    "education": education,
                    "work": jobs,
                    "driving_licences": rng.choice([[], ["B"], ["B", "C"]]),
                    "wishes": {
                        "sectors": rng.sample(sectors, rng.choice([0, 0, 1, 2])),
                        "hours_per_week": rng.choice([None, 16, 24, 32, 40]),
                    },
                }
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="number of profiles (default 10,000)")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    t0 = time.perf_counter()
    ref = ReferenceData(ROOT / "data")
    ref.suggest_index  # noqa: B018 - load the compiled index (from the cache when warm)
    load = time.perf_counter() - t0
    loaded_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    profiles = make_profiles(ref, args.n, args.seed)
    # the generator's ESCO occupation records are dropped (suggest loads them again if it needs
    # them) and the peak counted from here: the figure is what suggesting N profiles holds
    ref.__dict__.pop("occupations", None)
    gc.collect()
    held_mb = _resident_mb("VmRSS")
    peak_reset = _reset_peak()

    t1 = time.perf_counter()
    c1 = time.process_time()
    count = 0
    for profile in profiles:
        result = suggest.suggest(profile, ref=ref, top=args.top)
        count += len(result.suggestions)
    elapsed = time.perf_counter() - t1
    cpu = time.process_time() - c1
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    suggest_peak = _resident_mb("VmHWM") if peak_reset else None

    print(f"load (index, warm or cold)  {load:.2f} s")
    print(f"profiles                    {len(profiles):,}")
    print(f"suggestions                 {count:,}")
    print(f"time                        {elapsed:.2f} s")
    print(f"profiles per second         {len(profiles) / elapsed:,.0f}  (wall clock)")
    print(f"profiles per CPU second     {len(profiles) / cpu:,.0f}  (less sensitive to a busy machine)")
    print(f"peak memory (max RSS)       {peak_mb:.0f} MB (after load {loaded_mb:.0f} MB; generator too)")
    if suggest_peak is not None:
        print(
            f"peak while suggesting       {suggest_peak:.0f} MB (the index and the profiles, {held_mb:.0f} MB"
            " before the first; the generator's ESCO records dropped)"
        )


def _resident_mb(field: str) -> float:
    """``VmRSS`` (now) or ``VmHWM`` (peak since the last reset) of this process, in MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _reset_peak() -> bool:
    """Start counting this process's peak resident memory afresh (Linux: ``clear_refs`` 5)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


if __name__ == "__main__":
    main()
