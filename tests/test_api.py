"""The public Python API (issue #14 item 2): ``__all__``, keyword-only signatures, help(), cheap
import, and the examples of docs/python-api.md, which run here block by block."""

from __future__ import annotations

import inspect
import pydoc
import re
import subprocess
import sys
from pathlib import Path

import pytest

import skilltool

from .conftest import REPO

DOC = REPO / "docs" / "python-api.md"
FUNCTIONS = sorted(set(skilltool.__all__) - {"ESCO_ACKNOWLEDGEMENT", "__version__"})


def test_every_name_in_all_resolves_and_is_documented() -> None:
    """Each exported name exists, has a docstring and appears in docs/python-api.md."""
    text = DOC.read_text(encoding="utf-8")
    for name in FUNCTIONS:
        func = getattr(skilltool, name)
        assert inspect.getdoc(func), name
        assert f"`{name}(" in text, name


def test_options_are_keyword_only_and_typed() -> None:
    """After the thing worked on, every argument is keyword-only; every parameter and result is typed."""
    for name in FUNCTIONS:
        params = list(inspect.signature(getattr(skilltool, name)).parameters.values())
        positional = [p for p in params if p.kind is not inspect.Parameter.KEYWORD_ONLY]
        assert len(positional) <= (2 if name in ("write_profile", "write_report") else 1), name
        assert all(p.annotation is not inspect.Parameter.empty for p in params), name
        assert inspect.signature(getattr(skilltool, name)).return_annotation is not inspect.Signature.empty
        assert "Any" not in str(inspect.signature(getattr(skilltool, name))), name


def test_no_api_name_is_a_submodule() -> None:
    """``skilltool.suggest`` would turn into the module once anything imports ``skilltool.suggest``."""
    package = REPO / "src" / "skilltool"
    assert [n for n in FUNCTIONS if (package / f"{n}.py").exists() or (package / n).is_dir()] == []


def test_help_lists_the_api() -> None:
    """``help(skilltool)`` shows every function of the API with its signature."""
    text = pydoc.plain(pydoc.render_doc(skilltool))
    for name in FUNCTIONS:
        assert re.search(rf"^    {name}\(", text, re.MULTILINE), name


def test_import_skilltool_loads_none_of_the_api() -> None:
    """``import skilltool`` (done by every CLI start) does not import the API's modules."""
    heavy = "('skilltool.', 'numpy', 'rapidfuzz', 'pydantic')"
    code = f"import sys, skilltool; print(sorted(m for m in sys.modules if m.startswith({heavy})))"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "[]"


def _blocks() -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", DOC.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)


def test_the_docs_have_examples() -> None:
    """The page is not empty of code: the examples below are real."""
    assert len(_blocks()) >= 5


@pytest.fixture
def in_scratch_checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with the checkout's examples/, so the docs' relative paths hold and
    files the examples write (profile.json, batch-out/) land in a temporary folder."""
    (tmp_path / "examples").symlink_to(REPO / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SKILLTOOL_DATA_DIR", raising=False)
    return tmp_path


def test_the_examples_run(in_scratch_checkout: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every ```python block of docs/python-api.md runs, in order, in one namespace."""
    namespace: dict[str, object] = {}
    for n, block in enumerate(_blocks(), 1):  # a failure's traceback names "python-api.md block n"
        exec(compile(block, f"python-api.md block {n}", "exec"), namespace)
    out = capsys.readouterr().out
    assert "refused: client_ref_bsn" in out
    assert (in_scratch_checkout / "batch-out" / "manifest.json").is_file()
    assert (in_scratch_checkout / "profile.json").stat().st_mode & 0o077 == 0
