"""skilltool: skills profiles, diploma indications and shortage-sector suggestions.

A command-line tool for Dutch municipal caseworkers, and a Python library for data teams.
The library, in the style of sqlite-utils (every argument after the first keyword-only)::

    import skilltool

    ref = skilltool.load_reference()
    skilltool.code_occupation("lasser", ref=ref).candidates[0].label
    skilltool.lookup_diploma("shahada thanawiya", country="SY", ref=ref)
    profile = skilltool.complete_profile(skilltool.read_answers("answers.yaml", ref=ref), ref=ref)
    skilltool.suggest_occupations(profile, ref=ref, top=5)
    skilltool.explain_occupation(profile, ref=ref, occupation="lasser")
    skilltool.render_report(profile, ref=ref, format="md", lang="en")
    skilltool.write_report("report.html", profile, ref=ref, client_lang="ar")
    skilltool.run_batch("export.csv", out="out/")
    skilltool.code_file("vacatures.csv", column="functie", out="gecodeerd.csv")

Results are the pydantic models of ``skilltool.models`` (``.model_dump()`` gives plain data).
See docs/python-api.md for worked examples.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

ESCO_ACKNOWLEDGEMENT = "This service uses the ESCO classification of the European Commission."

__all__ = [
    "ESCO_ACKNOWLEDGEMENT",
    "__version__",
    "code_file",
    "code_occupation",
    "code_skill",
    "complete_profile",
    "explain_occupation",
    "load_reference",
    "lookup_diploma",
    "occupation_coder",
    "read_answers",
    "read_profile",
    "render_report",
    "run_batch",
    "suggest_occupations",
    "write_profile",
    "write_report",
]

_API = frozenset(__all__) - {"ESCO_ACKNOWLEDGEMENT", "__version__"}

if TYPE_CHECKING:
    from skilltool.api import (
        code_file,
        code_occupation,
        code_skill,
        complete_profile,
        explain_occupation,
        load_reference,
        lookup_diploma,
        occupation_coder,
        read_answers,
        read_profile,
        render_report,
        run_batch,
        suggest_occupations,
        write_profile,
        write_report,
    )


def __getattr__(name: str) -> object:
    """The API functions load on first use: the CLI imports this package on every start and must
    not pay for ESCO, numpy and the batch machinery (tests/test_api.py measures the imports)."""
    if name in _API:
        value = getattr(importlib.import_module("skilltool.api"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'skilltool' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
