"""A file without a name until it is whole (Linux's ``O_TMPFILE``), for ``fsio.atomic_writer``: a
process killed while it writes (``kill -9``, the OOM killer, a power cut) leaves nothing, as the
system frees a file no name holds. A named temporary file stayed beside its target with the
personal data it held (a profile, a coded file) until a later write of that target removed it
(``fsio.remove_dead_temporaries``, still there for the systems and file systems without it)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

_FDS = Path("/proc/self/fd")  # the link to an open file that gives it a name (``give_name``)


def open_unnamed(folder: Path, mode: int) -> int | None:
    """A descriptor of a new file in ``folder`` that has no name, for writing; ``None`` where the
    system or the file system has none (not Linux, no ``/proc``, NFS, FAT): make a named one."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not _FDS.is_dir():
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY | os.O_CLOEXEC, mode)
    except OSError:
        return None


def give_name(fd: int, folder: Path, prefix: str) -> Path:
    """Give the unnamed file ``fd`` a name in ``folder``: ``prefix`` + eight random characters +
    ``.tmp``, the name of ``atomic_writer``'s temporary files, to be renamed over its target next."""
    folder_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for _ in range(100):
            name = f"{prefix}{secrets.token_hex(4)}.tmp"
            try:  # linkat(AT_SYMLINK_FOLLOW) through /proc, as open(2) says: a folder fd forces linkat
                os.link(f"{_FDS}/{fd}", name, dst_dir_fd=folder_fd, follow_symlinks=True)
            except FileExistsError:
                continue
            return folder / name
        raise FileExistsError(folder / f"{prefix}XXXXXXXX.tmp")
    finally:
        os.close(folder_fd)
