"""How often a batch's people repeat, by what each per-person memo would be keyed on: the ceiling of
the hit rate any memo keyed that way can reach, before building one.

    .venv/bin/python bench/memo_ceiling.py INPUT.csv [--rows 4000]

Runs the first ``--rows`` rows of INPUT through ONE batch worker in this process (Parquet) and
counts, over the rows that got suggestions, the different values of:

- the ranking's key (``suggest_select.ranking_key``: skills, past work, levels, Dutch, wishes,
  licences, certificates, sector, top), which the ranking memo is keyed on;
- the whole person as ``suggest`` sees them (every field of ``suggest_person.Person`` but its
  cached words, sets sorted): a memo of a person's chosen suggestions, or of anything else made of
  the person alone, needs at least this;
- the plan's output (``next_steps``, as its JSON): what a plan memo would share; and the plan's
  output with the whole person beside it, the least a plan memo keyed on its inputs must tell
  apart (the plan also reads the profile and the suggestions);
- the chosen suggestions' output (their JSON, in order).

A value seen for the first time is a miss however large the memo, so ``1 - different / rows`` is
the best hit rate (an unbounded memo over these rows); a bounded one does worse.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import Any

from one_worker import worker_chunks
from skilltool import batch_worker, profile_building, suggest, suggest_select
from skilltool.suggest_person import Person

SEEN: dict[str, list[object]] = {
    "ranking key": [],
    "whole person": [],
    "plan (its JSON)": [],
    "plan and whole person": [],
    "chosen suggestions (their JSON)": [],
}


def person_key(p: Person) -> tuple[object, ...]:
    """Every field of ``p`` but ``texts``, sets and dicts sorted (equal sets may iterate apart)."""
    out: list[object] = []
    for f in dataclasses.fields(p):
        if f.name == "texts":
            continue
        value = getattr(p, f.name)
        if isinstance(value, set | frozenset):
            value = tuple(sorted(value))
        elif isinstance(value, dict):
            value = tuple(sorted(value.items()))
        elif f.name == "past":
            value = tuple(dataclasses.astuple(j) for j in value)
        out.append(value)
    return tuple(out)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("input", type=Path)
    parser.add_argument("--rows", type=int, default=4000)
    args = parser.parse_args()
    persons: list[tuple[object, ...]] = []
    inner_key, inner_suggest = suggest_select.ranking_key, suggest.planned

    def ranking_key(*a: Any, **k: Any) -> bytes:
        key = inner_key(*a, **k)
        SEEN["ranking key"].append(key)
        persons.append(person_key(a[1]))
        return key

    def suggest_(*a: Any, **k: Any) -> Any:
        result = inner_suggest(*a, **k)
        plan = tuple(s.model_dump_json() for s in result.next_steps)
        SEEN["plan (its JSON)"].append(plan)
        SEEN["whole person"].append(persons[-1])
        SEEN["plan and whole person"].append((plan, persons[-1]))
        SEEN["chosen suggestions (their JSON)"].append(tuple(s.model_dump_json() for s in result.suggestions))
        return result

    setattr(profile_building, "planned", suggest_)  # noqa: B010 - where add_suggestions looks
    setattr(suggest_select, "ranking_key", ranking_key)  # noqa: B010 - where ranked looks it up
    done = 0
    with worker_chunks(args.input) as chunks:
        for chunk in chunks:
            batch_worker.run_chunk(chunk)
            done += len(chunk)
            if done >= args.rows:
                break
    rows = len(SEEN["plan (its JSON)"])
    print(f"{rows:,} people with suggestions in the first {done:,} rows")
    for name, values in SEEN.items():
        n = len(values)
        different = len(set(values))
        print(f"{name:34} {different:6,} different of {n:6,}: best hit rate {1 - different / max(1, n):6.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
