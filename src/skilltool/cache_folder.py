"""The folder of the compiled-data cache: the one configured, or a private one when that cannot
be written.

``$SKILLTOOL_CACHE_DIR`` (or the platform's user cache) pointing at a file, a read-only or
unwritable folder, or one on a full disk, was bypassed without a word (the twenty-fourth review's
item 2): every command then compiled the data anew, about 30 s against 3.5 s warm (measured,
load 7), and nothing said why. The folder is now tried once per process (a temporary file made,
a byte written, removed); when it cannot be used the cache goes to ``skilltool-cache-UID`` in the
system's temporary folder, made owner-only and used only when it is this user's own and no one
else may write it, and the CLI says so in one warning line (``problem``), given to the listener
the CLI sets (``tell``) when a command first uses the cache: a command that loads no data
(``profile schema``, ``batch template``, ``data sources``) says nothing and makes no folder. Stdlib
only (and the message catalogue): the root command imports it before any data are loaded.
"""

from __future__ import annotations

import functools
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from skilltool.messages import Say, say

CACHE_DIR_ENV = "SKILLTOOL_CACHE_DIR"

_listener: list[Callable[[Say], None]] = []
"""Who hears ``problem`` at the cache's first use in this command (``tell``); empty: no one."""


def configured() -> Path | None:
    """``$SKILLTOOL_CACHE_DIR`` or the platform's user cache; ``None`` when the variable is set
    empty (the cache switched off)."""
    env = os.environ.get(CACHE_DIR_ENV)
    if env is not None:
        return Path(env) if env else None
    import platformdirs  # lazy: 4-50 ms (measured), only where no folder is given

    return Path(platformdirs.user_cache_dir("skilltool", appauthor=False))


def cache_dir() -> Path | None:
    """The folder to cache compiled data in: the configured one when it can be written, else the
    private fallback (``fallback``), else ``None`` (no cache)."""
    where = configured()
    if where is None:
        return None
    used, reason = _usable(str(where))
    if reason is not None and _listener and (said := problem()) is not None:
        _listener.pop()(said)  # once per command
    return used


def tell(listener: Callable[[Say], None] | None) -> None:
    """Give ``problem`` to ``listener`` when the cache is first used (the CLI's warning line, set
    by the root command and taken back at its end); ``None``: to no one (the Python API, workers).
    It was warned before every command, also one that loads no data (the twenty-fifth review's
    item 3), and the folder was made and probed for it."""
    _listener[:] = [] if listener is None else [listener]


def problem() -> Say | None:
    """The warning line when the configured cache folder cannot be used (what it is, where the
    cache goes instead, what to do); ``None`` when it can, or the cache is switched off."""
    where = configured()
    if where is None:
        return None
    used, reason = _usable(str(where))
    if reason is None:
        return None
    env = os.environ.get(CACHE_DIR_ENV)
    given = f"{CACHE_DIR_ENV}={where}" if env else str(where)
    if used is None:
        return say("warnings.cache.unusable_none", given=given, reason=reason)
    return say("warnings.cache.unusable", given=given, reason=reason, used=used)


def fallback() -> Path:
    """``skilltool-cache-UID`` in the system's temporary folder (``$TMPDIR``): one per user, so a
    second command finds what the first compiled."""
    # Windows has no user ids, and its temporary folder is the user's own already
    owner = f"-{os.getuid()}" if hasattr(os, "getuid") else ""
    return Path(tempfile.gettempdir()) / f"skilltool-cache{owner}"


@functools.cache
def _usable(where: str) -> tuple[Path | None, str | None]:
    """(the folder to use, why ``where`` cannot be used or ``None``): tried once per process."""
    reason = _writable(Path(where))
    if reason is None:
        return Path(where), None
    private = fallback()
    if _private(private) and _writable(private) is None:
        return private, reason
    return None, reason


def _writable(folder: Path) -> str | None:
    """``None`` when a file can be made and written in ``folder`` (made owner-only when missing),
    else why not (a file, read-only, no permission, a full disk)."""
    try:
        _make_folders(folder)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".probe-")
        try:
            os.write(fd, b"\0")  # a full disk still makes an empty file, but takes no byte
        finally:
            os.close(fd)
            Path(tmp).unlink()
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    return None


def _make_folders(folder: Path) -> None:
    """``folder`` and every missing folder above it, each owner-only, as ``fsio.make_folders``
    makes them (not imported: fsio's ``filelock`` costs the root command 40-280 ms, measured)."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for one in reversed(missing):
        one.mkdir(mode=0o700, exist_ok=True)


def _private(folder: Path) -> bool:
    """``folder`` exists (made owner-only if missing), is no link, and is this user's own with no
    one else allowed in: in a shared temporary folder another user could make it first and plant
    cache files (pickles: loading one runs code)."""
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        st = folder.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode):
        return False
    return not hasattr(os, "getuid") or (st.st_uid == os.getuid() and not st.st_mode & 0o077)
