"""Instructions per title of the occupation coder, counted by callgrind: deterministic, so an
old/new comparison holds on a machine shared with other work (CPU seconds there move by 20 %).

    PYTHONHASHSEED=0 valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/tmp/cg.out \\
        .venv/bin/python bench/coding_instructions.py code [--titles 2000] [--lang nl]

Codes an even sample (every k-th) of the distinct titles ``bench/coding.py`` streams (its gold
sets, read at run time) with a fresh coder, ``code`` one title at a time or ``code_many`` in
batches of 512 (``many``). The coder is loaded (and ``preload``-ed) with the instrumentation
off; it is switched on around the coding only (``callgrind_control -i on``), so valgrind's ``I
refs`` are the coding's instructions. Compare another checkout with ``PYTHONPATH=OTHER/src``.
Without valgrind it prints the CPU seconds instead.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from callgrind import instrument

REPO = Path(__file__).resolve().parents[1]


def arguments(doc: str | None) -> argparse.Namespace:
    """The options this script and ``label_instructions.py`` share: how to code, how many titles."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("how", choices=["code", "many"])
    parser.add_argument("--titles", type=int, default=2000)
    parser.add_argument("--lang", default="nl", choices=["nl", "en"])
    return parser.parse_args()


def gold_titles(ref: Any, count: int) -> list[str]:
    """An even sample (every k-th) of ``count`` of the distinct titles ``bench/coding.py`` streams
    (its gold sets, read at run time); exits when the gold sets are not there."""
    sys.path.insert(0, str(REPO / "bench"))
    import coding  # bench/coding.py: its loaders and its gold folder

    if not coding.GOLD.is_dir():
        sys.exit(f"needs the gold sets in {coding.GOLD}")
    isco_of, uri_of_label = coding.gold_maps(ref)
    sets = [coding.load_melo(coding.GOLD / "melo" / n, isco_of) for n in ("nld_q_nl_c_nl", "bel_q_nl_c_nl")]
    sets.append(
        coding.load_jobbert(coding.GOLD / "jobbert_v1/jobbert_v1_titles.test.csv", uri_of_label, isco_of)
    )
    distinct = sorted({item.title for gold in sets for item in gold.items})
    return distinct[:: max(1, len(distinct) // count)][:count]


def code_all(coder: Any, titles: list[str], how: str, lang: str) -> None:
    """Code ``titles`` one at a time (``code``) or in batches of 512 (``many``), as a run does."""
    if how == "code":
        for title in titles:
            coder.code(title, lang=lang)
    else:
        for i in range(0, len(titles), 512):
            coder.code_many(titles[i : i + 512], lang=lang)


def loaded_coder() -> Any:
    """A coder on the committed data, loaded and ``preload``-ed as a run's is (its own caches)."""
    from skilltool.occupations import OccupationCoder
    from skilltool.reference import ReferenceData

    coder = OccupationCoder.from_reference(ReferenceData(REPO / "data"))
    coder.preload()
    return coder


def main() -> int:
    args = arguments(__doc__)
    from skilltool.reference import ReferenceData

    titles = gold_titles(ReferenceData(REPO / "data"), args.titles)
    coder = loaded_coder()
    counted = instrument(True)
    started = time.process_time()
    code_all(coder, titles, args.how, args.lang)
    cpu = time.process_time() - started
    if counted:
        instrument(False)
        print(f"{len(titles):,} titles coded ({args.how}); valgrind's I refs are theirs")
    else:
        print(f"{len(titles):,} titles ({args.how}): {cpu / len(titles) * 1e6:.0f} CPU microseconds a title")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
