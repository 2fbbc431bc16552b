"""What each module of the occupation coder costs a title: cProfile's cumulative time per module.

    .venv/bin/python bench/rule_profile.py [--titles 4000] [--made 3000] [--how code|many|both]
        [--top 40] [--functions 25]
    py-spy record -r 500 -f raw -o /tmp/spy.txt -- .venv/bin/python bench/rule_profile.py --plain --how code
    .venv/bin/python bench/rule_profile.py --spied /tmp/spy.txt

Codes an even sample of the distinct gold titles ``bench/coding.py`` streams (its gold sets, read
at run time) and titles made from the committed data in a client's words (``made_titles``: a
label inside a sentence, after a workplace, with a helper, an owner, a past tense; no gold-set
title) with a fresh, preloaded coder under ``cProfile`` with a CPU clock, then prints per module
of ``skilltool``: the CPU microseconds a title of its calls from other modules (a module's
inclusive cost: what it and whatever it calls took, counted once per entry from outside), its
own self time, and the calls a title made into it; then the costliest functions alike.
cProfile weighs call-heavy code more than the run does: shares, not absolute times.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import time
from collections import defaultdict
from pathlib import Path

from coding_instructions import code_all, gold_titles, loaded_coder

REPO = Path(__file__).resolve().parents[1]

# a client's words around a label (no gold-set title: the labels come from the committed data)
FRAMES = (
    "{}",
    "ik werkte als {}",
    "ik heb 5 jaar als {} gewerkt",
    "{} in een restaurant",
    "{} bij een fabriek",
    "{} in het ziekenhuis",
    "{} in syrie",
    "hulp van de {}",
    "eigen zaak als {}",
    "{} (vrijwilliger)",
    "{} en daarna in de keuken",
    "assistent {}",
    "leidinggevende {}",
    "{}, 3 jaar",
    "I worked as {}",
    "{} at a hotel",
)


def made_titles(ref: object, count: int, seed: int = 26) -> list[str]:
    """``count`` intake-like titles: the data's Dutch and English labels and CBS's titles in a
    client's words (``FRAMES``), deterministic."""
    labels: list[str] = []
    for occ in ref.occupations.occupations:  # type: ignore[attr-defined]
        labels.extend(t for t in (occ.label.nl, *occ.alt.nl[:2], occ.label.en) if t)
    labels = sorted(set(labels))
    rng = random.Random(seed)
    return [rng.choice(FRAMES).format(rng.choice(labels).lower()) for _ in range(count)]


def module_of(func: tuple[str, int, str]) -> str:
    path = func[0]
    if "skilltool" in path and path.endswith(".py"):
        return "skilltool." + Path(path).stem
    return "(other)"


def per_module(stats: pstats.Stats, titles: int) -> None:
    entered: dict[str, float] = defaultdict(float)
    own: dict[str, float] = defaultdict(float)
    calls: dict[str, int] = defaultdict(int)
    funcs: list[tuple[float, float, int, str]] = []
    for func, (_, nc, tt, ct, callers) in stats.stats.items():  # type: ignore[attr-defined]
        mod = module_of(func)
        own[mod] += tt
        for caller, (_, cnc, _, cct) in callers.items():
            if module_of(caller) != mod:
                entered[mod] += cct
                calls[mod] += cnc
        if mod != "(other)":
            funcs.append((ct, tt, nc, f"{mod[10:]}:{func[2]}"))
    total = sum(own.values())
    print(f"{titles:,} titles, {total / titles * 1e6:.0f} profiled CPU us a title")
    print(f"{'module':32s} {'incl us':>8s} {'self us':>8s} {'calls':>7s}   (a title)")
    for mod in sorted(entered, key=entered.__getitem__, reverse=True)[: ARGS.top]:
        print(
            f"{mod:32s} {entered[mod] / titles * 1e6:8.1f} {own[mod] / titles * 1e6:8.1f}"
            f" {calls[mod] / titles:7.2f}"
        )
    print(f"\n{'function':48s} {'cum us':>8s} {'self us':>8s} {'calls':>7s}   (a title)")
    for ct, tt, nc, name in sorted(funcs, reverse=True)[: ARGS.functions]:
        print(f"{name:48s} {ct / titles * 1e6:8.1f} {tt / titles * 1e6:8.1f} {nc / titles:7.2f}")


def spied(path: Path, titles: int) -> None:
    """Module shares from ``py-spy record -f raw`` of ``--plain``: a sample counts for every module
    on its stack once (inclusive) and for the module of its innermost skilltool frame (self)."""
    incl: dict[str, int] = defaultdict(int)
    leaf: dict[str, int] = defaultdict(int)
    fincl: dict[str, int] = defaultdict(int)
    total = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        if "code_all" not in stack:
            continue
        n = int(count)
        total += n
        mods, names = [], []
        for frame in stack.split(";"):
            name, _, where = frame.partition(" (")
            if "skilltool/" in where:
                mod = Path(where.split(":")[0]).stem
                mods.append(mod)
                names.append(f"{mod}:{name}")
        for mod in set(mods):
            incl[mod] += n
        for name in set(names):
            fincl[name] += n
        leaf[mods[-1] if mods else "(none)"] += n
    print(f"{titles:,} titles, {total:,} samples; shares of the coding")
    print(f"{'module':28s} {'incl %':>7s} {'self %':>7s}")
    for mod in sorted(incl, key=incl.__getitem__, reverse=True)[: ARGS.top]:
        print(f"{mod:28s} {incl[mod] / total * 100:7.2f} {leaf[mod] / total * 100:7.2f}")
    print(f"\n{'function (inclusive)':48s} {'%':>7s}")
    for name in sorted(fincl, key=fincl.__getitem__, reverse=True)[: ARGS.functions]:
        print(f"{name:48s} {fincl[name] / total * 100:7.2f}")


def main() -> int:
    from skilltool.reference import ReferenceData

    ref = ReferenceData(REPO / "data")
    titles = gold_titles(ref, ARGS.titles) + made_titles(ref, ARGS.made)
    titles = list(dict.fromkeys(titles))
    if ARGS.spied:
        spied(ARGS.spied, len(titles))
        return 0
    for how in ("code", "many") if ARGS.how == "both" else (ARGS.how,):
        coder = loaded_coder()
        if ARGS.plain:  # for a sampling profiler: no cProfile, the CPU time printed
            started = time.process_time()
            code_all(coder, titles, how, "nl")
            used = time.process_time() - started
            print(f"{how}: {len(titles):,} titles, {used / len(titles) * 1e6:.0f} CPU us a title")
            continue
        prof = cProfile.Profile(time.process_time)
        prof.enable()
        code_all(coder, titles, how, "nl")
        prof.disable()
        print(f"== {how}")
        per_module(pstats.Stats(prof), len(titles))
        print()
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--titles", type=int, default=4000)
    parser.add_argument("--made", type=int, default=3000)
    parser.add_argument("--how", choices=["code", "many", "both"], default="both")
    parser.add_argument("--top", type=int, default=45)
    parser.add_argument("--functions", type=int, default=40)
    parser.add_argument("--plain", action="store_true", help="code without cProfile (for py-spy)")
    parser.add_argument("--spied", type=Path, help="read py-spy's raw output of --plain instead")
    ARGS = parser.parse_args()
    raise SystemExit(main())
