"""The twenty-seventh hostile-input and privacy review: what the twenty-sixth review left alone (a
file name that is not UTF-8 shown two ways, a compiled-data cache that only grows) and new ground
attacked (see docs/security.md, "Twenty-seventh review")."""

from __future__ import annotations

import gc
import os
import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skilltool import batch, batch_state, console, datafiles
from skilltool.cli import app
from skilltool.errors import OutputGoneError
from skilltool.models import SourceManifest

from .test_security import batch_cmd, error_line, row, write_rows

runner = CliRunner(env={"SKILLTOOL_LANG": "en"})

# --- a file name that is not UTF-8: one way on the terminal, as in the tables --------------------


def test_a_name_that_is_not_utf8_is_shown_as_the_tables_show_it(tmp_path: Path) -> None:
    """A path whose bytes are not UTF-8 (``out\\xe9``: Python holds the byte as the lone surrogate
    U+DCE9) is shown with U+FFFD in an error or closing line, as the summary table and the
    manifest show it (``fsio.shown``); the line said ``out\\udce9`` and the table ``out\ufffd``."""
    assert console.clean("out\udce9/errors.csv") == "out\ufffd/errors.csv"
    assert console.clean("a\x1b[2Jb\u202ec\ud800") == "a[2Jbc\ufffd"  # controls still dropped
    missing = tmp_path / "profiel\udce9.json"
    r = runner.invoke(app, ["profile", "show", str(missing)])
    assert r.exit_code == 1
    assert "profiel\ufffd.json" in r.stderr and "udce9" not in r.stderr


# --- the compiled cache: entries no command used for a month are removed -------------------------


def _aged(path: Path, days: float) -> Path:
    then = time.time() - days * 86400
    os.utime(path, (then, then))
    return path


def test_cache_entries_unused_for_a_month_are_pruned_and_nothing_else(
    tiny_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every code or library change compiles a new set of cache entries (some 70 MB) and none was
    ever removed (1.7 GB in a month). When something new is written, entries of the cache's own
    names that no command used for ``CACHE_KEEP_DAYS`` days go, and a killed writer's temporary
    file after a day; an entry used now, another user's kind of file, a link and a file of
    another name stay."""
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    monkeypatch.setenv("SKILLTOOL_CACHE_DIR", str(cache))
    old = cache / f"OccupationsFile-{'a' * 32}.pickle"
    old.write_bytes(b"stale")
    _aged(old, 40)
    marker = cache / f"done-{'b' * 32}"
    marker.touch()
    _aged(marker, 40)
    tmp = cache / ".tmp-x1y2z3.pickle"
    tmp.write_bytes(b"cut")
    _aged(tmp, 2)
    recent = cache / f"SkillsFile-{'c' * 32}.pickle"
    recent.write_bytes(b"recent")
    _aged(recent, 10)
    fresh_tmp = cache / ".tmp-q1w2e3.pickle"  # a writer at work now
    fresh_tmp.write_bytes(b"writing")
    other = cache / "notes.txt"  # not a name of the cache's
    other.write_text("mine")
    _aged(other, 400)
    target = tmp_path / f"Kept-{'d' * 32}.pickle"
    target.write_bytes(b"kept")
    _aged(target, 400)
    link = cache / f"Linked-{'e' * 32}.pickle"
    link.symlink_to(target)
    os.utime(link, (time.time() - 400 * 86400,) * 2, follow_symlinks=False)
    datafiles.prune_cache.cache_clear()
    try:
        source = tiny_data / "sources.yaml"
        datafiles.load_model(source, SourceManifest)  # compiles and writes: prunes first
    finally:
        datafiles.prune_cache.cache_clear()
    assert not old.exists() and not marker.exists() and not tmp.exists()
    assert recent.exists() and fresh_tmp.exists() and other.exists() and link.is_symlink()
    assert target.exists()
    assert len(list(cache.glob("SourceManifest-*.pickle"))) == 1


def test_a_cache_entry_in_use_is_kept_fresh_by_reading_it(
    tiny_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry read today gets today's time, so an install used every day for months keeps its
    entries; the time is written at most once a day (not a write per command)."""
    monkeypatch.setenv("SKILLTOOL_CACHE_DIR", str(tmp_path / "cache"))
    source = tiny_data / "sources.yaml"
    datafiles.load_model(source, SourceManifest)
    entry = datafiles.cache_path(source.read_bytes(), SourceManifest)
    assert entry is not None
    _aged(entry, 45)
    assert isinstance(datafiles.cache_read(entry), SourceManifest)
    assert time.time() - entry.stat().st_mtime < 60
    _aged(entry, 0.5)
    before = entry.stat().st_mtime
    datafiles.cache_read(entry)
    assert entry.stat().st_mtime == before
    datafiles.prune_cache.cache_clear()
    try:
        assert datafiles.prune_cache(entry.parent) == 0
    finally:
        datafiles.prune_cache.cache_clear()
    assert entry.exists()


# --- a batch whose output folder goes away while it runs ------------------------------------------


@pytest.mark.usefixtures("real_data_env")
def test_an_output_folder_removed_midway_is_said_and_not_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--out`` on a share that goes away (here: the folder removed) during a batch: one line
    saying so, without the ``--resume`` hint, and no folder made again. The part files were
    written on into files no folder held, the next checkpoint made ``OUT/.batch-work`` again
    holding only ``state.json``, the line said to ``--resume``, and ``--resume`` was refused
    ("does not fit its part files"); under a share's mount point that folder lands on the local
    disk."""
    src = write_rows(tmp_path / "in.csv", [row(f"K-{i}") for i in range(1, 13)])
    out = tmp_path / "share" / "out"
    monkeypatch.setattr(batch, "CHECKPOINT_SECONDS", 0.0)
    calls = []

    def then_gone(*args: object, **kwargs: object) -> None:
        calls.append(1)
        if len(calls) == 2:
            shutil.rmtree(tmp_path / "share")
        batch_state.checkpoint(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "checkpoint", then_gone)
    r = batch_cmd(str(src), "--out", str(out), "--chunk-size", "3")
    assert r.exit_code == 1, r.output
    line = error_line(r)
    assert "removed or replaced while the batch ran" in line and "--resume" not in line
    assert not (tmp_path / "share").exists()


def test_a_done_marker_in_use_is_kept_fresh(tmp_path: Path) -> None:
    """A marker that spares a batch's start its checks (``done_marker``) is refreshed when it is
    found, as an entry is when it is read, so that pruning keeps it while it is in use."""
    marker = tmp_path / f"done-{'f' * 32}"
    assert not datafiles.is_done(marker) and not datafiles.is_done(None)
    marker.touch()
    _aged(marker, 45)
    assert datafiles.is_done(marker)
    assert time.time() - marker.stat().st_mtime < 60


def test_a_dask_batch_whose_output_folder_goes_away_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same with ``--engine dask``: a worker's next partition does not make the folders again
    (each wrote its files through ``fsio``, which makes missing folders), and the driver's line is
    the local engine's, without the ``--resume`` hint."""
    distributed = pytest.importorskip("distributed")
    from skilltool import batch_dask

    from .batch_fakes import fake_processor
    from .test_hostile_review11 import in_process_dask

    real = batch_dask.run_partition

    def then_gone(task: batch_dask.PartitionTask, index: int, chunk: object, blank: int) -> object:
        if index == 1:
            shutil.rmtree(tmp_path / "share")
        return real(task, index, chunk, blank)  # type: ignore[arg-type]

    monkeypatch.setattr(batch_dask, "run_partition", then_gone)
    in_process_dask(monkeypatch, distributed)
    src = tmp_path / "in.csv"
    src.write_text(
        "klantnummer;geboortejaar;land_herkomst\nUT-1;1990;Syrië\nUT-2;1985;Eritrea\nUT-3;1980;Irak\n",
        encoding="utf-8",
    )
    job = batch.prepare(src, out=tmp_path / "share" / "out", workers=1, factory=fake_processor)
    try:
        with pytest.raises(OutputGoneError) as caught:
            batch_dask.run(job, batch_dask.DaskOptions(partition_rows=1))
    finally:
        gc.unfreeze()  # run_partition freezes what is alive, as in a worker; not in this test process
    text = caught.value.render("en")
    assert "removed or replaced while the batch ran" in text and "--resume" not in text
    assert not (tmp_path / "share").exists()
