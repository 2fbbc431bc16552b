"""``pip install .`` gives a working tool: the wheel carries its reference data (issue #14 item 4).

One module-scoped build: the wheel is built offline from this checkout, installed (no deps, no
index) into a fresh venv that borrows this venv's dependencies, and the installed ``skilltool``
is run from a folder outside the checkout, without ``SKILLTOOL_DATA_DIR``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from .conftest import REPO

pytestmark = [
    pytest.mark.skipif(
        not (REPO / "pyproject.toml").is_file(), reason="needs the source checkout to build the wheel"
    ),
    pytest.mark.timeout(900),  # building the wheel and a venv: a few subprocesses of up to 600 s
]


def _run(
    argv: list[str], *, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=600)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel of this checkout, built offline with this venv's setuptools."""
    out = tmp_path_factory.mktemp("wheel")
    build = tmp_path_factory.mktemp("build")
    r = _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-index", "--no-build-isolation",
         "--wheel-dir", str(out), str(REPO)],
        cwd=build,
        env={**os.environ, "PIP_NO_CACHE_DIR": "1", "TMPDIR": str(build)},
    )  # fmt: skip
    assert r.returncode == 0, r.stdout + r.stderr
    (found,) = out.glob("skilltool-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed; its dependencies come from this venv (a .pth line)."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    r = _run(
        [sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "--no-index", str(wheel)],
        cwd=env_dir,
    )
    assert r.returncode == 0, r.stdout + r.stderr
    site = Path(
        _run(
            [str(py), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], cwd=env_dir
        ).stdout.strip()
    )
    # this venv's packages, after the new venv's own: the installed skilltool wins over the editable one
    (site / "zz_deps.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    return env_dir


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SKILLTOOL_")}
    env["SKILLTOOL_CACHE_DIR"] = str(tmp / "cache")
    return env


def test_the_wheel_carries_every_data_file(wheel: Path) -> None:
    """Every file of data/ and every non-Python file under src/skilltool is in the wheel."""
    names = set(zipfile.ZipFile(wheel).namelist())
    data = [p.relative_to(REPO / "data").as_posix() for p in (REPO / "data").rglob("*") if p.is_file()]
    assert data and all(f"skilltool/_data/{name}" in names for name in data)
    src = REPO / "src" / "skilltool"
    extra = [
        p.relative_to(src.parent).as_posix()
        for p in src.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    ]
    assert [name for name in extra if name not in names] == []
    packages = [p.relative_to(src.parent).as_posix() for p in src.rglob("__init__.py")]
    assert [name for name in packages if name not in names] == []


def test_installed_tool_finds_its_data(installed: Path, tmp_path: Path) -> None:
    """``skilltool data info`` and a diploma lookup work from the wheel alone, outside the checkout."""
    env = _env(tmp_path)
    info = _run([str(installed / "bin" / "skilltool"), "data", "info"], cwd=tmp_path, env=env)
    assert info.returncode == 0, info.stderr
    assert f"{installed}/lib/" in info.stdout and "/site-packages/skilltool/_data" in info.stdout
    assert "intake/questionnaire.yaml" in info.stdout
    lookup = _run(
        [str(installed / "bin" / "skilltool"), "diploma", "lookup", "--country", "SY", "shahada thanawiya",
         "--lang", "en"],
        cwd=tmp_path,
        env=env,
    )  # fmt: skip
    assert lookup.returncode == 0, lookup.stderr
    assert "IDW" in lookup.stdout


def test_python_dash_m_runs_the_installed_tool(installed: Path, tmp_path: Path) -> None:
    """``python -m skilltool`` is the same CLI, imported from the installed wheel (not the checkout)."""
    py = str(installed / "bin" / "python")
    env = _env(tmp_path)
    where = _run([py, "-c", "import skilltool; print(skilltool.__file__)"], cwd=tmp_path, env=env)
    assert str(installed) in where.stdout, where.stdout + where.stderr
    r = _run([py, "-m", "skilltool", "--help"], cwd=tmp_path, env=env)
    assert r.returncode == 0, r.stderr
    assert "diploma" in r.stdout
