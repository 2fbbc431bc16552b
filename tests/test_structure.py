"""Guards on the shape of ``src/skilltool``: no import cycle, no module over 500 lines, no
unexplained import inside a function.

Each guard reads the source with ``ast`` (nothing is imported or run) and has an explicit
allowlist of today's known offenders. The lists may only shrink:

- a NEW offender (a module not on the list, a cycle that is not a part of a listed one, an
  unexplained lazy import not on the list) fails the test;
- a listed entry that no longer offends also fails the test, with the line to delete, so the
  list always says exactly what is left to do.

When a split lands, delete its entries here. All three lists are empty now: keep them so.

How a lazy import is explained: a comment on the import's line, or in the comment lines right
above it, of the form ``# lazy: <why>``, e.g. ``# lazy: pyarrow adds 180 ms to every start (measured)``.
Imports under ``if TYPE_CHECKING:`` are not run and do not count anywhere here.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "src" / "skilltool"
PACKAGE = "skilltool"
MAX_LINES = 500

# Import cycles of today, each the set of modules of one strongly connected component of the
# runtime import graph. A cycle that shrinks or breaks up must be written smaller here.
KNOWN_CYCLES: list[frozenset[str]] = []

# Modules over MAX_LINES lines today (path under src/skilltool). Delete a line when its module
# is split below the limit.
KNOWN_LONG_MODULES: set[str] = set()

# Imports inside functions without a ``# lazy: <why>`` comment, as
# ``path::enclosing.function -> imported.module``. Move each to the top of its module, or, where
# start-up time is measured to need it, keep it with the comment; then delete its line here.
KNOWN_UNEXPLAINED_LAZY_IMPORTS: set[str] = set()

LAZY_COMMENT = re.compile(r"#\s*lazy:\s*\S")


@dataclass(frozen=True)
class Source:
    """One module of the package: its dotted name, path under the package and parsed tree."""

    name: str
    rel: str
    lines: list[str]
    tree: ast.Module

    @property
    def is_package(self) -> bool:
        return self.rel.endswith("__init__.py")


@functools.cache
def _sources() -> tuple[Source, ...]:
    out = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        rel = path.relative_to(PACKAGE_DIR)
        parts = [PACKAGE, *rel.with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        text = path.read_text("utf-8")
        out.append(Source(".".join(parts), rel.as_posix(), text.splitlines(), ast.parse(text, str(path))))
    return tuple(out)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_imports(
    node: ast.AST, scope: tuple[str, ...] = (), in_function: bool = False
) -> Iterator[tuple[ast.stmt, tuple[str, ...], bool]]:
    """Every import statement that can run, with the names of the functions/classes around it and
    whether one of them is a function (``if TYPE_CHECKING:`` bodies are skipped, not their ``else``)."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child, scope, in_function
        elif isinstance(child, ast.If) and _is_type_checking(child.test):
            for stmt in child.orelse:
                yield from _runtime_imports(ast.Module(body=[stmt], type_ignores=[]), scope, in_function)
        elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            yield from _runtime_imports(child, (*scope, child.name), True)
        elif isinstance(child, ast.ClassDef):
            yield from _runtime_imports(child, (*scope, child.name), in_function)
        else:
            yield from _runtime_imports(child, scope, in_function)


def _targets(source: Source, stmt: ast.stmt, modules: set[str]) -> set[str]:
    """The package's own modules that ``stmt`` loads (``from pkg import sub`` loads ``pkg.sub``)."""
    found: set[str] = set()
    if isinstance(stmt, ast.Import):
        for alias in stmt.names:
            if alias.name in modules:
                found.add(alias.name)
        return found
    assert isinstance(stmt, ast.ImportFrom)
    if stmt.level:
        base = source.name.split(".")
        if not source.is_package:
            base = base[:-1]
        base = base[: len(base) - (stmt.level - 1)]
        module = ".".join([*base, stmt.module] if stmt.module else base)
    else:
        module = stmt.module or ""
    if module not in modules:
        return found
    found.add(module)
    for alias in stmt.names:
        if f"{module}.{alias.name}" in modules:
            found.add(f"{module}.{alias.name}")
    return found


def import_graph(sources: Sequence[Source]) -> dict[str, set[str]]:
    """Module -> the package modules it imports at run time, at the top or inside functions.

    An edge to one of the module's own parent packages is left out: Python runs a package's
    ``__init__`` before any of its submodules anyway, so ``from skilltool import __version__``
    adds no ordering that could cycle.
    """
    modules = {s.name for s in sources}
    graph: dict[str, set[str]] = {s.name: set() for s in sources}
    for source in sources:
        parents = {".".join(source.name.split(".")[:i]) for i in range(1, source.name.count(".") + 1)}
        for stmt, _scope, _in_function in _runtime_imports(source.tree):
            graph[source.name] |= _targets(source, stmt, modules) - parents - {source.name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _show(cycle: frozenset[str]) -> str:
    return "{" + ", ".join(sorted(cycle)) + "}"


def test_no_new_import_cycle() -> None:
    """The import graph of src/skilltool (imports inside functions included) has no cycle beyond
    the allowlisted ones, and every allowlisted cycle still exists exactly as written."""
    found = cycles(import_graph(_sources()))
    new = [c for c in found if not any(c <= known for known in KNOWN_CYCLES)]
    stale = [known for known in KNOWN_CYCLES if known not in found]
    assert not new, f"new import cycle(s): {[_show(c) for c in new]}; break them (see docstring)"
    assert not stale, (
        f"allowlisted cycle(s) {[_show(c) for c in stale]} no longer exist as written; "
        f"today's cycles are {[_show(c) for c in found]}: update KNOWN_CYCLES"
    )


def test_cycle_finder_sees_imports_inside_functions() -> None:
    """The graph walker finds an import inside a function, skips TYPE_CHECKING ones, resolves
    relative imports and ``from pkg import submodule``, and the cycle finder reports a loop."""
    a = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import skilltool.c\n")
    b = ast.parse("def f():\n    from . import a\n")
    c = ast.parse("from skilltool import b\n")
    pkg = ast.parse("")
    sources = [
        Source("skilltool", "__init__.py", [], pkg),
        Source("skilltool.a", "a.py", [], ast.parse("from skilltool.b import x\n")),
        Source("skilltool.b", "b.py", [], b),
        Source("skilltool.c", "c.py", [], c),
        Source("skilltool.d", "d.py", [], a),
    ]
    graph = import_graph(sources)
    assert graph == {
        "skilltool": set(),
        "skilltool.a": {"skilltool.b"},
        "skilltool.b": {"skilltool.a"},
        "skilltool.c": {"skilltool.b"},
        "skilltool.d": set(),
    }
    assert cycles(graph) == [frozenset({"skilltool.a", "skilltool.b"})]


def test_no_new_module_over_500_lines() -> None:
    """No module in src/skilltool is over 500 lines, except the allowlisted ones, and every
    allowlisted module is still over the limit (else its entry must go)."""
    lengths = {s.rel: len(s.lines) for s in _sources()}
    long = {rel for rel, n in lengths.items() if n > MAX_LINES}
    new = sorted(long - KNOWN_LONG_MODULES)
    stale = sorted(KNOWN_LONG_MODULES - long)
    assert not new, f"over {MAX_LINES} lines: {[f'{r} ({lengths[r]})' for r in new]}; split by domain"
    assert not stale, f"no longer over {MAX_LINES} lines (or gone): {stale}; delete from KNOWN_LONG_MODULES"


def _explained(source: Source, stmt: ast.stmt) -> bool:
    """Has the import a ``# lazy: <why>`` comment on its own line(s) or in the comment block
    right above it (a reason may wrap over several comment lines)?"""
    own = source.lines[stmt.lineno - 1 : stmt.end_lineno or stmt.lineno]
    above = []
    for line in reversed(source.lines[: stmt.lineno - 1]):
        if not line.strip().startswith("#"):
            break
        above.append(line)
    return any(LAZY_COMMENT.search(line) for line in [*own, *above])


def _imported(stmt: ast.stmt) -> str:
    if isinstance(stmt, ast.ImportFrom):
        module = "." * stmt.level + (stmt.module or "")
        if module == PACKAGE:  # from skilltool import fsio, yamlio: name what is taken
            return ",".join(f"{module}.{alias.name}" for alias in stmt.names)
        return module
    assert isinstance(stmt, ast.Import)
    return ",".join(alias.name for alias in stmt.names)


def unexplained_lazy_imports(sources: Sequence[Source]) -> set[str]:
    """``path::function -> module`` for every import inside a function with no lazy comment."""
    found = set()
    for source in sources:
        for stmt, scope, in_function in _runtime_imports(source.tree):
            if in_function and not _explained(source, stmt):
                found.add(f"{source.rel}::{'.'.join(scope)} -> {_imported(stmt)}")
    return found


def test_no_new_unexplained_import_inside_a_function() -> None:
    """Every import inside a function says why it is lazy (``# lazy: <why>``), except the
    allowlisted ones, and every allowlisted one is still there without a reason."""
    found = unexplained_lazy_imports(_sources())
    new = sorted(found - KNOWN_UNEXPLAINED_LAZY_IMPORTS)
    stale = sorted(KNOWN_UNEXPLAINED_LAZY_IMPORTS - found)
    assert not new, (
        "import(s) inside a function without a '# lazy: <why>' comment (move to the top, or say "
        "why start-up time needs it):\n" + "\n".join(new)
    )
    assert not stale, "gone or explained now; delete from KNOWN_UNEXPLAINED_LAZY_IMPORTS:\n" + "\n".join(
        stale
    )


def test_lazy_import_check_reads_the_comment() -> None:
    """An import inside a function counts as explained only with ``# lazy: <why>`` on its line or
    the comment lines above; a bare ``# lazy`` or an import at the top does not count as lazy at all."""
    text = (
        "import os\n"
        "def f():\n"
        "    # lazy: numpy costs 90 ms at start-up (measured)\n"
        "    import numpy\n"
        "    import json  # lazy: x\n"
        "    import csv  # lazy\n"
        "class K:\n"
        "    def m(self):\n"
        "        from skilltool import errors\n"
    )
    source = Source("skilltool.x", "x.py", text.splitlines(), ast.parse(text))
    assert unexplained_lazy_imports([source]) == {"x.py::f -> csv", "x.py::K.m -> skilltool.errors"}


def test_lazy_comment_may_wrap_over_comment_lines_above() -> None:
    """A reason that wraps over several comment lines right above the import explains it; a code
    line between the comment and the import breaks the link."""
    text = (
        "def f():\n"
        "    # lazy: numpy and its arrays load on first use only\n"
        "    # (measured in docs/coding.md)\n"
        "    import numpy\n"
        "    # lazy: pyarrow is optional\n"
        "    x = 1\n"
        "    import pyarrow\n"
    )
    source = Source("skilltool.x", "x.py", text.splitlines(), ast.parse(text))
    assert unexplained_lazy_imports([source]) == {"x.py::f -> pyarrow"}
