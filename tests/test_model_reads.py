"""pydantic's ``__getattr__`` hook taken away while a batch runs in a process of its own
(``model_reads``): only when no loaded model needs it, and back afterwards."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, PrivateAttr
from typer.testing import CliRunner

import skilltool
from skilltool import batch_pool, model_reads
from skilltool.cli import app
from skilltool.models import Profile


@pytest.fixture(autouse=True)
def _hook_back() -> Iterator[None]:
    yield
    model_reads.restore_hook()
    assert "__getattr__" in BaseModel.__dict__


def test_no_skilltool_model_needs_the_hook() -> None:
    """Every model class of skilltool's modules has no private attributes and keeps no extra
    fields: the hook would only ever raise the AttributeError a plain read raises."""
    for info in pkgutil.walk_packages(skilltool.__path__, "skilltool."):
        try:
            importlib.import_module(info.name)
        except ImportError:  # an optional extra (dask) not installed
            continue
    ours = [c for c in model_reads._model_classes() if c.__module__.startswith("skilltool.")]
    assert Profile in ours
    needing = [c for c in ours if c.__private_attributes__ or c.model_config.get("extra") == "allow"]
    assert needing == []


def test_plain_reads_drop_the_hook_and_put_it_back() -> None:
    """Inside the block a model reads plainly and a missing attribute is the same error; after it
    pydantic's hook is back."""

    class Job(BaseModel):
        title: str

    profile = Job(title="baker of flat bread")
    with pytest.raises(AttributeError) as hooked:
        _ = profile.nothing_here  # type: ignore[attr-defined]
    with model_reads.plain_reads() as plain:
        assert plain
        assert "__getattr__" not in BaseModel.__dict__
        assert profile.title == "baker of flat bread"
        with pytest.raises(AttributeError) as unhooked:
            _ = profile.nothing_here  # type: ignore[attr-defined]
    assert str(unhooked.value) == str(hooked.value)
    assert "__getattr__" in BaseModel.__dict__


def test_a_model_with_a_private_attribute_keeps_the_hook() -> None:
    """A loaded model that reads a private attribute through the hook: the hook stays."""

    class Counted(BaseModel):
        _seen: int = PrivateAttr(default=3)

    try:
        with model_reads.plain_reads() as plain:
            assert not plain
            assert Counted()._seen == 3
        assert not model_reads.drop_hook()
        assert "__getattr__" in BaseModel.__dict__
    finally:
        del Counted
        import gc

        gc.collect()  # the class gone, so that other tests' blocks may drop the hook again


def test_forked_worker_drops_the_hook_only_for_the_batchs_own_processor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The forked pool's initializer: with the batch's own processor the worker reads plainly;
    with another (a library caller's, which may define models of its own) the hook stays."""
    monkeypatch.setattr(batch_pool, "_ignore_sigint", lambda: None)
    batch_pool.init_forked(False)
    assert "__getattr__" in BaseModel.__dict__
    batch_pool.init_forked(True)
    assert "__getattr__" not in BaseModel.__dict__


def test_the_batch_command_runs_with_plain_reads_and_puts_the_hook_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``skilltool batch`` runs its rows with plain reads and leaves pydantic as it found it."""
    from skilltool import batch

    real, hooked = batch.run, []

    def spy(*args: Any, **kwargs: Any) -> Any:
        hooked.append("__getattr__" in BaseModel.__dict__)
        return real(*args, **kwargs)

    monkeypatch.setattr(batch, "run", spy)
    src = Path(__file__).resolve().parents[1] / "examples" / "batch" / "intakes.csv"
    r = CliRunner().invoke(app, ["batch", str(src), "--out", str(tmp_path / "out"), "--workers", "1"])
    assert r.exit_code == 0, r.output
    assert hooked == [False]
    assert "__getattr__" in BaseModel.__dict__
