"""What each rule of the occupation coder costs a title, this checkout against another, on the
same calls: the rules' calls are captured while ``code`` and ``code_many`` code an even sample of
the gold titles (``coding_instructions.gold_titles``; ``--made``: and titles in a client's words,
``rule_profile.made_titles``), then replayed alone, the other checkout's
version of the module and this one's taking turns; every replayed answer is compared.

    .venv/bin/python bench/rule_costs.py --against /tmp/base/src [--titles 2000] [--rounds 5]
        [--made 1500] [coding_studies:studying ...]

Without functions it replays the rules the coder runs on every title (``RULES``). Prints, per
function, its calls, the fastest round's CPU microseconds a call on each side and the number of
calls whose answers differ (0 expected for a speed change), and this side's microseconds a title
(``code`` and ``code_many`` together: a ranking rule runs once a title, the memo answers the
second; preparing the title and the result's rules run in both). A function called inside another one
listed is captured once, by the outer one; list it alone to measure it. The other checkout's
module is loaded from its file beside this checkout's package, so it runs against this checkout's
other modules (fine for a rule module changed alone).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from coding_instructions import gold_titles, loaded_coder
from rule_profile import made_titles

REPO = Path(__file__).resolve().parents[1]
RULES = (
    "textnorm:normalize",
    "coding_support:_query_words",
    "coding_situations:not_an_occupation",
    "coding_studies:studying",
    "coding_situations:situation",
    "coding_farming:as_title",
    "coding_activity:as_title",
    "textnorm:context_start",
    "occupation_rules:resolve_groups",
    "occupation_rules:rerank",
    "occupation_review:review_title",
    "occupation_rules:own_name_first",
    "coding_parts:answer_parts",
    "coding_places:placed",
    "coding_head:opening_label",
    "coding_head:bracketed_label",
    "coding_managers:unsaid_manager_last",
    "coding_managers:said_supervisor_first",
    "coding_lessons:lessons_first",
    "coding_fields:field_first",
)

Call = tuple[tuple[Any, ...], dict[str, Any]]


def capture(
    specs: list[str], titles: list[str]
) -> tuple[dict[str, list[Call]], dict[str, Callable[..., Any]]]:
    """The calls of each ``module:function`` while a fresh coder codes ``titles`` (``code``, then
    ``code_many`` in batches of 512), and the functions themselves."""
    calls: dict[str, list[Call]] = defaultdict(list)
    funcs: dict[str, Callable[..., Any]] = {}
    busy: set[str] = set()  # a listed function inside another listed one is not captured
    patched: list[tuple[ModuleType, str, Callable[..., Any]]] = []
    for spec in specs:
        name, attr = spec.split(":")
        func: Callable[..., Any] = getattr(importlib.import_module(f"skilltool.{name}"), attr)
        funcs[spec] = func

        def wrapped(*args: Any, _spec: str = spec, _func: Callable[..., Any] = func, **kwargs: Any) -> Any:
            if not busy:
                calls[_spec].append((args, kwargs))
            busy.add(_spec)
            try:
                return _func(*args, **kwargs)
            finally:
                busy.discard(_spec)

        for module in list(sys.modules.values()):  # every module that imported it by name
            if (
                getattr(module, "__name__", "").startswith("skilltool")
                and getattr(module, attr, None) is func
            ):
                setattr(module, attr, wrapped)
                patched.append((module, attr, func))
    coder = loaded_coder()
    for title in titles:
        coder.code(title, lang="nl")
    for i in range(0, len(titles), 512):
        coder.code_many(titles[i : i + 512], lang="nl")
    for module, attr, func in patched:  # the replay times the functions alone
        setattr(module, attr, func)
    return calls, funcs


def other_module(src: Path, name: str) -> ModuleType:
    """``skilltool.<name>`` as the other checkout's ``src`` has it, loaded under another name."""
    spec = importlib.util.spec_from_file_location(
        f"skilltool._other_{name}", src / "skilltool" / f"{name}.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def replay(func: Callable[..., Any], calls: list[Call]) -> float:
    """CPU seconds of ``func`` over ``calls``."""
    started = time.process_time()
    for args, kwargs in calls:
        func(*args, **kwargs)
    return time.process_time() - started


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("functions", nargs="*", help="module:function (default: RULES)")
    parser.add_argument("--against", type=Path, required=True, help="the other checkout's src")
    parser.add_argument("--titles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--made", type=int, default=0, help="and titles in a client's words (rule_profile)")
    args = parser.parse_args()
    from skilltool.reference import ReferenceData

    specs = args.functions or list(RULES)
    ref = ReferenceData(REPO / "data")
    titles = gold_titles(ref, args.titles) + made_titles(ref, args.made)
    calls, funcs = capture(specs, titles)
    print(f"{len(titles):,} titles, each coded by code and by code_many; us a call: other -> this")
    for spec in specs:
        seen = calls.get(spec, [])
        if not seen:
            print(f"{spec:42s} no calls")
            continue
        other = getattr(other_module(args.against, spec.split(":")[0]), spec.split(":")[1])
        differ = sum(other(*a, **k) != funcs[spec](*a, **k) for a, k in seen)
        times: dict[str, list[float]] = {"other": [], "this": []}
        for _ in range(args.rounds):
            times["other"].append(replay(other, seen))
            times["this"].append(replay(funcs[spec], seen))
        a, b = (min(times[side]) / len(seen) * 1e6 for side in ("other", "this"))
        per = len(seen) / len(titles)  # calls a title, code and code_many together
        print(
            f"{spec:42s} {len(seen):6,} calls {a:7.2f} -> {b:7.2f}  differ {differ}  {per * b:6.2f} a title"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
