"""File writing that never leaves a half-written file behind and keeps personal data private."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

OWNER_ONLY = 0o600


@contextlib.contextmanager
def atomic_writer(
    path: Path, *, mode: int = OWNER_ONLY, binary: bool = False, newline: str | None = None
) -> Iterator[IO[Any]]:
    """Open a temporary file next to ``path``; on success fsync and rename it over ``path``.

    On any exception the temporary file is removed and ``path`` is left as it was. The file is
    created with ``mode`` (owner-only by default), never world-readable, even for a moment.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        fh: IO[Any] = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline=newline)
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).unlink()
        raise


def write_text(path: Path, text: str, *, mode: int = OWNER_ONLY) -> None:
    """Atomically write ``text`` (UTF-8) to ``path`` with permission ``mode``."""
    with atomic_writer(path, mode=mode) as fh:
        fh.write(text)


def write_bytes(path: Path, data: bytes, *, mode: int = OWNER_ONLY) -> None:
    """Atomically write ``data`` to ``path`` with permission ``mode``."""
    with atomic_writer(path, mode=mode, binary=True) as fh:
        fh.write(data)


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def replace_folder(source: Path, target: Path, files: dict[str, str], *, mode: int = 0o644) -> None:
    """Atomically make ``target`` a copy of the folder ``source`` with ``files`` (name -> text) written
    over it: everything is written into a temporary sibling first and renamed into place, so a
    reader sees the old folder or the complete new one, never a half-written one. A ``target``
    that exists is replaced (the caller checks it may be)."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    old: Path | None = None
    try:
        shutil.copytree(source, tmp, dirs_exist_ok=True)
        for name, text in files.items():
            write_text(tmp / name, text, mode=mode)
        tmp.chmod(0o755)
        if target.exists():
            old = target.with_name(f".{target.name}.old-{os.getpid()}")
            target.rename(old)
        tmp.rename(target)
    except BaseException:
        if old is not None and not target.exists():
            old.rename(target)
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
