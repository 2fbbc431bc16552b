"""The twenty-third hostile-input and privacy review: what the twenty-second review left alone (a
source link loop, a title cell of a byte-order mark only, a stream's shutdown) and the Python API,
coding jobs and batches attacked anew."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from skilltool import build
from skilltool.errors import SourceError
from skilltool.models import SourceManifest

Sources = tuple[Path, SourceManifest]


def test_a_source_that_is_a_link_loop_a_folder_or_a_pipe_is_named_as_such(tiny_sources: Sources) -> None:
    """``data build`` names a source that is there but is no file for what it is: a link loop, a
    dangling link, a folder, a pipe (never opened). Each was "source file not found; check
    --sources", which sent the user looking for a file that was there. A missing one still says
    where sources come from."""
    root, manifest = tiny_sources
    path = root / "shortage/tightness.csv"
    path.unlink()
    path.symlink_to(path)
    with pytest.raises(SourceError) as caught:
        build.build(manifest, root)
    assert caught.value.message.startswith(f"{path}: cannot read the source file (")
    assert "not found" not in caught.value.message
    path.unlink()
    path.symlink_to(root / "gone.csv")
    with pytest.raises(SourceError, match=r"a symbolic link to a file that does not exist; give the source"):
        build.build(manifest, root)
    path.unlink()
    path.mkdir()
    with pytest.raises(SourceError, match=r"tightness\.csv: is a folder, not a file; give the source file"):
        build.build(manifest, root)
    path.rmdir()
    os.mkfifo(path)
    with pytest.raises(SourceError, match=r"tightness\.csv: is a pipe \(FIFO\), not a regular file"):
        build.build(manifest, root)
    path.unlink()
    with pytest.raises(SourceError, match=r"tightness\.csv: source file not found; check --sources"):
        build.build(manifest, root)
