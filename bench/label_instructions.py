"""Instructions of the label search alone, counted by callgrind: the calls of ``LabelIndex.search``
(``code``) or ``search_many`` (``many``) that coding ``bench/coding_instructions.py``'s titles
makes, replayed on a fresh coder with the counting on around the replay only.

    PYTHONHASHSEED=0 valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/tmp/cg.out \\
        .venv/bin/python bench/label_instructions.py many [--titles 2000] [--lang nl]

A first coder codes the titles (the same every k-th of the distinct gold titles as
``coding_instructions.py``, read at run time) and records each call its occupation index gets;
a second coder, loaded (and ``preload``-ed) like the first, replays them: its per-word caches
start empty, as the first's did. Compare another checkout with ``PYTHONPATH=OTHER/src``.
Without valgrind it prints the CPU seconds instead.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from callgrind import instrument
from coding_instructions import arguments, code_all, gold_titles, loaded_coder

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    args = arguments(__doc__)
    from skilltool.label_index import LabelIndex
    from skilltool.reference import ReferenceData

    titles = gold_titles(ReferenceData(REPO / "data"), args.titles)
    recorder = loaded_coder()
    index = recorder._table.index
    calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
    search, search_many = LabelIndex.search, LabelIndex.search_many

    def recorded(name: str, method: Any) -> Any:
        def call(self: LabelIndex, *a: Any, **k: Any) -> Any:
            if self is index:
                calls.append((name, a, k))
            return method(self, *a, **k)

        return call

    LabelIndex.search = recorded("search", search)  # type: ignore[method-assign]
    LabelIndex.search_many = recorded("search_many", search_many)  # type: ignore[method-assign]
    code_all(recorder, titles, args.how, args.lang)
    LabelIndex.search, LabelIndex.search_many = search, search_many  # type: ignore[method-assign]

    coder = loaded_coder()  # its own caches
    fresh = coder._table.index
    if fresh is index:
        sys.exit("the second coder shares the first one's index: its caches are warm")
    if args.how == "many":
        fresh.prepare_batches()  # as the first batch of a run does, before the counting
    counted = instrument(True)
    started = time.process_time()
    for name, a, k in calls:
        getattr(fresh, name)(*a, **k)
    cpu = time.process_time() - started
    what = f"{len(calls):,} label searches of {len(titles):,} titles ({args.how})"
    if counted:
        instrument(False)
        print(f"{what}; valgrind's I refs are theirs")
    else:
        print(f"{what}: {cpu:.3f} CPU s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
