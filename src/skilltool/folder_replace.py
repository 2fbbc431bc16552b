"""A data folder's files replaced as a set (``replace_files``: ``data build`` in place) or the
whole folder replaced by a new copy (``replace_folder``: ``data build --out``), neither ever
leaving a half-replaced folder behind. File by file writing, and the lock beside a folder a
writer holds (``folder_lock``), are ``fsio``'s, called through the module (tests stop
``fsio.write_text`` half-way)."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

from skilltool import fsio
from skilltool.errors import OutputError
from skilltool.messages import say

REPLACE_STAGE = ".replacing"
REPLACE_MARK = ".replacing.json"
REPLACE_LOCK = ".replacing.lock"
"""``replace_files``: the folder the new files are written into, the mark that lists them once
all are written and checked (its presence means: move them in), and the lock a writer holds
(``build.locked``); none is copied by ``replace_folder``."""


def replace_files(folder: Path, files: dict[str, str], *, mode: int = 0o644) -> None:
    """Replace ``files`` (name -> text) in ``folder`` as a set: all are written into
    ``REPLACE_STAGE`` and read back, then ``REPLACE_MARK`` names them (renamed into place, the
    commit), then each is moved in and the mark removed (``finish_replace``). A stop before the
    mark leaves the old files as they were; a stop after it leaves a mark that the next
    ``finish_replace`` completes, and that readers refuse meanwhile (``unfinished_replace``).
    Written one by one in place, a kill between two files left old and new ones side by side,
    a folder that looked complete."""
    finish_replace(folder)
    stage = folder / REPLACE_STAGE
    try:
        shutil.rmtree(stage, ignore_errors=True)
        stage.mkdir(mode=0o700)
        for name, text in files.items():
            fsio.write_text(stage / name, text, mode=mode)
        for name, text in files.items():
            if (stage / name).read_text(encoding="utf-8") != text:  # pragma: no cover - a failing disk
                raise OutputError(say("errors.file.not_as_written", path=folder / name))
        fsio.write_text(folder / REPLACE_MARK, json.dumps(sorted(files)) + "\n", mode=mode)
    except BaseException as exc:
        shutil.rmtree(stage, ignore_errors=True)
        if isinstance(exc, OSError):
            raise OutputError(fsio.os_error_message(folder, exc)) from None
        raise
    finish_replace(folder)


def unfinished_replace(folder: Path) -> bool:
    """Whether ``folder`` holds a ``replace_files`` that stopped after its commit: some files new,
    some old, until ``finish_replace`` moves the rest in."""
    return (folder / REPLACE_MARK).exists()


def finish_replace(folder: Path) -> None:
    """Complete a ``replace_files`` of ``folder`` that was stopped: after its mark, move the staged
    files that are left into place (forward: each is complete and checked); before it, drop the
    stage (back: no file was replaced)."""
    mark, stage = folder / REPLACE_MARK, folder / REPLACE_STAGE
    try:
        if mark.exists():
            for name in _marked(mark):
                if (stage / name).exists():
                    (stage / name).replace(folder / name)
            mark.unlink()
        if stage.exists():
            shutil.rmtree(stage)
    except OSError as exc:
        raise OutputError(fsio.os_error_message(folder, exc)) from None


def _marked(mark: Path) -> list[str]:
    """The plain file names ``mark`` lists (none from a mark that is no list: edited by hand)."""
    try:
        names = json.loads(mark.read_text(encoding="utf-8"))
    except (ValueError, RecursionError):
        return []
    if not isinstance(names, list):
        return []
    return [n for n in names if isinstance(n, str) and n == Path(n).name and n[:1] not in ("", ".")]


def replace_folder(source: Path, target: Path, files: dict[str, str], *, mode: int = 0o644) -> None:
    """Atomically make ``target`` a copy of the folder ``source`` with ``files`` (name -> text) written
    over it: everything is written into a temporary sibling first and renamed into place, so a
    reader sees the old folder or the complete new one, never a half-written one. A ``target``
    that exists is replaced (the caller checks it may be)."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    _recover_folder(target)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.{fsio.writer()}-", suffix=".tmp", dir=target.parent))
    old: Path | None = None
    try:
        shutil.copytree(source, tmp, dirs_exist_ok=True, ignore=_not_data)
        for name, text in files.items():
            fsio.write_text(tmp / name, text, mode=mode)
        tmp.chmod(0o755)
        if target.exists():
            old = target.with_name(f".{target.name}.old-{fsio.writer()}")
            target.rename(old)
        tmp.rename(target)
    except BaseException:
        if old is not None and not target.exists():
            old.rename(target)
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _not_data(folder: str, names: list[str]) -> set[str]:
    """What ``replace_folder`` leaves out of its copy: a held lock and a replacement's stage."""
    return {n for n in names if n in {REPLACE_STAGE, REPLACE_MARK, REPLACE_LOCK}}


def _recover_folder(target: Path) -> None:
    """What a ``replace_folder`` of ``target`` killed half-way left (its process gone): the old
    folder moved aside (``.NAME.old-WRITER``) goes back when ``target`` is missing (a kill between the
    two renames left no folder at all), else it is removed; a half-copied new one is removed."""
    old = re.compile(r"old-([0-9a-f]{6}\.\d{1,10})")
    prefix = f".{target.name}."
    for one in sorted(target.parent.iterdir()):
        if not one.name.startswith(prefix) or one.is_symlink() or not one.is_dir():
            continue
        rest = one.name[len(prefix) :]
        found = old.fullmatch(rest) or fsio._TMP_REST.fullmatch(rest)
        if found is None or not fsio.gone(found[1]):
            continue
        if found.re is old and not target.exists():
            one.rename(target)
        else:
            shutil.rmtree(one, ignore_errors=True)
