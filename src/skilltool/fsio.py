"""File writing that never leaves a half-written file behind and keeps personal data private."""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import os
import re
import socket
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, Literal

from filelock import FileLock, Timeout

from skilltool.errors import InputFileError, OutputError
from skilltool.messages import Say, say
from skilltool.unnamed import give_name, open_unnamed

OWNER_ONLY = 0o600
TMP_NAME_CHARS = 100
"""A temporary file's name holds at most this much of its target's: the target's own name may take
all of a file system's 255 bytes, and ``.NAME.XXXXXXXX.tmp`` was 14 more ("File name too long")."""


def check_input_file(path: Path, what: Say | None = None) -> os.stat_result:
    """Raise a one-line ``InputFileError`` unless ``path`` is a regular file (after symlinks);
    its ``stat`` (the size, for a caller with a limit).

    Says what is really wrong: missing, a dangling link, a folder, or a device, pipe or socket
    (reading ``/dev/null`` or a FIFO would give nothing or block forever). ``what`` names the file
    in the message: a ``say("errors.what.<thing>")`` so that it is in the user's language.
    """
    what = what or say("errors.what.file")
    try:
        found = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise InputFileError(say("errors.file.dangling_link", path=path, what=what)) from None
        raise InputFileError(say("errors.file.missing", path=path, what=what)) from None
    except OSError as exc:
        raise InputFileError(say("errors.file.unreadable", path=path, what=what, why=exc.strerror)) from None
    mode = found.st_mode
    if stat.S_ISDIR(mode):
        raise InputFileError(say("errors.file.folder", path=path, what=what))
    if not stat.S_ISREG(mode):
        raise InputFileError(
            say("errors.file.special", path=path, what=what, kind=say(f"errors.file.kind.{_kind(mode)}"))
        )
    return found


def read_input(path: Path, what: Say, *, limit: int, too_big: Say | None = None) -> bytes:
    """The bytes of a small input file read whole (a mapping, a key, a profile), or one line in the
    user's language: missing, a folder, a device (``check_input_file``), over ``limit`` bytes
    (``too_big``, else the size in MiB), or unreadable. Never more than ``limit + 1`` bytes are read.

    (The mapping and key readers read a missing file straight away and showed the OS's English
    "No such file or directory" inside a Dutch line.)"""
    size = check_input_file(path, what).st_size
    big = too_big or say("errors.file.too_big", path=path, what=what, mib=size / 2**20, limit=limit >> 20)
    if size > limit:
        raise InputFileError(big)
    try:
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:  # removed after the check
        raise InputFileError(say("errors.file.missing", path=path, what=what)) from None
    except OSError as exc:
        raise InputFileError(say("errors.file.unreadable", path=path, what=what, why=exc.strerror)) from None
    if len(data) > limit:  # grew after the check
        raise InputFileError(big)
    return data


def _kind(mode: int) -> str:
    """What a file that is no regular file or folder is: catalogue key ``errors.file.kind.<kind>``."""
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "socket" if stat.S_ISSOCK(mode) else "other"


# what to do about an OS error, by errno: catalogue key ``errors.os.advice.<name>``
_ADVICE = {
    errno.ENOSPC: "full",
    errno.EDQUOT: "quota",
    errno.EROFS: "read_only",
    errno.EACCES: "permission",
    errno.EPERM: "permission",
    errno.EISDIR: "folder",
    errno.ENOTDIR: "not_folder",
    errno.EEXIST: "exists",
    errno.ENAMETOOLONG: "name_too_long",
}


def os_error_message(
    path: Path | str | Say, exc: OSError, *, action: Literal["write", "read_write"] = "write"
) -> Say:
    """One line for an OS error on ``path``: what happened (the OS's own words, as it gives
    them) and what to do; ``action`` is what failed: ``write``, or ``read_write`` when unknown."""
    advice = say(f"errors.os.advice.{_ADVICE.get(exc.errno or 0, 'other')}")
    reason = exc.strerror or type(exc).__name__
    return say(f"errors.os.{action}", path=path, why=reason, advice=advice)


def shown(text: str | Path) -> str:
    """A file name (or text holding one) as it can be written into a UTF-8 output: bytes of a name
    that is not UTF-8 (a latin-1 share, an old zip) come from the OS as lone surrogates, which no
    JSON or HTML writer takes; they become U+FFFD, as a file manager shows them."""
    return str(text).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def check_output_file(path: Path) -> None:
    """Refuse, before any work, an output path that is a folder (a file name is needed), or a
    device, pipe or socket (``/dev/stdout``, ``/dev/full``): the atomic rename would replace the
    device node itself (as root), not write to it. Nor is a read-only file replaced."""
    if path.is_dir():
        raise OutputError(say("errors.file.out_folder", path=path, example=path / "report.html"))
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # missing (the usual case) or a dangling link: written as a new file
    if not stat.S_ISREG(mode):
        raise OutputError(
            say("errors.file.out_special", path=path, kind=say(f"errors.file.kind.{_kind(mode)}"))
        )
    if not path.is_symlink() and not mode & 0o222:  # (a link is replaced, its file left as it is)
        # chmod a-w on a profile whose codes a caseworker confirmed: the rename ignored it (the
        # folder is writable), so the file it was to keep was replaced without a word
        raise OutputError(say("errors.file.out_read_only", path=path))


def check_not_taken(path: Path, *, force: bool) -> None:
    """The one rule of every ``--out``: what is there is replaced only with ``--force``, as ``batch``
    does (``occupation code --out``, ``report --out`` and ``intake --out`` replaced a file without a
    word). A dangling link is a taken name too, said as one ("already exists" sent people looking
    for a file). A folder, a device or a read-only file is said as such first, also with ``force``."""
    check_output_file(path)
    if not force and (path.exists() or path.is_symlink()):
        raise OutputError(say(f"errors.file.out_{'exists' if path.exists() else 'dangling'}", path=path))


@contextlib.contextmanager
def claimed(out: Path, *, force: bool, busy: Exception) -> Iterator[None]:
    """One writer of the output file ``out`` at a time (``exclusive`` on ``folder_lock(out)``; a
    second raises ``busy``), and ``check_not_taken`` asked again under the lock: two commands
    started at once (coding jobs, a script's ``intake --answers``) both passed the first check and
    the second replaced the first's file without ``--force``."""
    with contextlib.suppress(OSError):  # the lock lies beside ``out`` (not made: the write says why)
        make_folders(out.parent, mode=0o700)
    with exclusive(folder_lock(out), busy):
        check_not_taken(out, force=force)
        yield


def check_out_folder(out: Path) -> None:
    """An output folder (``batch --out``, ``batch template --out``) must be a folder or not exist
    yet: one line for a file, a link to a file or a dangling link in the way (never written
    through a link)."""
    if out.is_symlink() and not out.exists():
        raise OutputError(say("errors.batch.out_dangling", path=out))
    if out.exists() and not out.is_dir():
        raise OutputError(say("errors.batch.out_file", path=out))


def check_not_input(out: Path, *inputs: Path | None) -> None:
    """Refuse an output that is one of the command's input files (the same file by another name
    or through a link too): the input would be replaced by the output."""
    if any(given is not None and same_file(out, given) for given in inputs):
        raise OutputError(say("errors.file.out_is_input", path=out))


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` are one file: by another name, through a link, or a hard link."""
    try:
        return a.samefile(b)
    except OSError:  # one of them does not exist (yet), or is a link loop: compare the names
        return os.path.realpath(a) == os.path.realpath(b)  # never raises on a loop (Path.resolve did)


def make_folders(folder: Path, *, mode: int) -> None:
    """``folder`` and every missing folder above it, each with ``mode``: a folder made for an
    owner-only file (a profile, a report, a coded file) is owner-only too, as a batch's ``--out``
    is, since the names in it tell whose files they are; ``mkdir -p`` left them world-readable."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for one in reversed(missing):
        one.mkdir(mode=mode, exist_ok=True)


@contextlib.contextmanager
def exclusive(
    path: Path, busy: Exception, *, unlockable: Callable[[OSError], Exception] | None = None
) -> Iterator[None]:
    """An exclusive ``filelock`` on ``path`` for as long as the block runs: a batch's output folder,
    a draft, a data build (flock on Unix, a byte-range lock on Windows, released by the system when
    the process dies). ``busy`` is raised at once when another process holds it (nobody waits:
    ``timeout=0``). Where no lock can be made (a read-only folder) ``unlockable(exc)`` is raised, or
    without it the block runs unlocked and its own writes say what is wrong. On Unix the file is
    removed while still held, so nothing is left behind and nobody waits on the old inode
    (filelock refuses one that was unlinked before it was locked); Windows cannot remove an open
    file, and filelock removes it on release."""
    lock = FileLock(path, mode=0o600)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise busy from None
    except OSError as exc:
        if unlockable is not None:
            raise unlockable(exc) from None
        yield
        return
    try:
        yield
    finally:
        with contextlib.suppress(OSError):  # Windows (the file is open), or a folder made read-only
            path.unlink()
        lock.release()


@contextlib.contextmanager
def atomic_writer(
    path: Path, *, mode: int = OWNER_ONLY, binary: bool = False, newline: str | None = None
) -> Iterator[IO[Any]]:
    """Open a temporary file next to ``path``; on success fsync and rename it over ``path``.

    On any exception the temporary file is removed and ``path`` is left as it was; an OS error
    (full disk, no permission, a folder in the way) becomes a one-line ``OutputError`` naming
    ``path``. The file is created with ``mode`` (owner-only by default), never world-readable,
    even for a moment. A symbolic link at ``path`` is replaced, never written through. Where the
    system allows (``unnamed``) the file has no name until it is whole: a kill leaves nothing.
    """
    fd, tmp = _temporary(path, mode, unnamed=True)
    try:
        os.fchmod(fd, mode)
        fh: IO[Any] = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline=newline)
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
            if tmp is None:
                tmp = str(give_name(fh.fileno(), path.parent, f"{_tmp_prefix(path)}{writer()}-"))
        Path(tmp).replace(path)
    except BaseException as exc:
        if tmp is not None:  # (None: still unnamed, nothing to remove)
            Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(os_error_message(path, exc)) from None
        raise


def _temporary(path: Path, mode: int, *, unnamed: bool = False) -> tuple[int, str | None]:
    """A new temporary file beside ``path`` (its folders made), named for ``remove_dead_temporaries``
    (or with ``unnamed`` none, where the system allows): its descriptor and name; an OS error is
    ``path``'s one-line ``OutputError``."""
    check_output_file(path)
    try:
        make_folders(path.parent, mode=0o700 if mode & 0o077 == 0 else 0o777)
        remove_dead_temporaries(path)
        if unnamed and (fd := open_unnamed(path.parent, mode)) is not None:
            return fd, None
        prefix = f"{_tmp_prefix(path)}{writer()}-"  # whose it is: ``remove_dead_temporaries``
        return tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(os_error_message(path, exc)) from None


def part_file(path: Path) -> Path:
    """An empty owner-only temporary file beside ``path``, named as ``atomic_writer``'s are, for a
    part of ``path`` that a library writes to a file of its own before ``path`` is written
    (openpyxl's rows of a sheet). Beside its output, not in ``$TMPDIR``: a kill leaves it where
    the next write of ``path`` removes it, and a full disk is said of ``path``. The caller removes it."""
    fd, tmp = _temporary(path, OWNER_ONLY)
    os.close(fd)
    return Path(str(tmp))


def _tmp_prefix(path: Path) -> str:
    return f".{path.name[:TMP_NAME_CHARS]}."


_TMP_REST = re.compile(r"([0-9a-f]{6}\.\d{1,10})-[a-z0-9_]{8}\.tmp")
"""After ``_tmp_prefix``: the writer (``writer``), ``mkstemp``'s eight characters."""


@functools.cache
def _host() -> str:
    return hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:6]


def writer() -> str:
    """This process as a temporary name holds it: its machine (a hash of the host name: a folder on
    a network share is written from several) and its process id."""
    return f"{_host()}.{os.getpid()}"


def gone(who: str) -> bool:
    """Whether the writer ``who`` (``writer``) is a process of this machine that has ended; one of
    another machine is never judged."""
    host, _, pid = who.partition(".")
    return host == _host() and pid.isdigit() and not alive(int(pid))


def alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this machine (another user's counts, and so does an id the
    system reused: a file is then kept, never removed under a live writer)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):  # gone, or no process id at all
        return False
    except OSError:  # PermissionError: someone else's process
        return True
    return pid > 0


def remove_dead_temporaries(path: Path) -> list[Path]:
    """Remove the temporary files ``atomic_writer`` left beside ``path`` when its process was killed
    (``kill -9``, a power cut) before the rename: ``.NAME.WRITER-XXXXXXXX.tmp`` whose process is gone.
    Each held what was being written (a profile, a coded file, a report: personal data, owner-only)
    and stayed for good, one more at every killed run; a live writer's file is left alone. Returns
    the files removed."""
    prefix = _tmp_prefix(path)
    try:
        names = [p.name for p in path.parent.iterdir() if p.name.startswith(prefix)]
    except OSError:
        return []
    removed = []
    for name in names:
        found = _TMP_REST.fullmatch(name[len(prefix) :])
        if found is None or not gone(found[1]):
            continue
        one = path.parent / name
        with contextlib.suppress(OSError):
            if stat.S_ISREG(one.lstat().st_mode):
                one.unlink()
                removed.append(one)
    return removed


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


def folder_lock(target: Path) -> Path:
    """The lock a writer of the whole folder ``target`` holds (``build.locked``): beside it, not in
    it, as ``folder_replace.replace_folder`` renames the folder, which leaves it alone. A coding
    job's output file has its lock there too (``bulk_coding.code_file``)."""
    return target.parent / f".{target.name}.lock"
