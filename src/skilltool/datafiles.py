"""Data files on disk: where they are, reading them as pydantic models, and the compiled cache.

The layer below ``reference`` (which gathers the files of one ``data/`` folder) and below the
modules that compile their own tables (``diplomas``, ``suggest_index_build``, ``occupations``): they
import from here, so nothing imports ``reference`` back and the import graph has no cycle.

Each data file goes through exactly one function, ``load_model``, which parses the YAML with
libyaml, validates it with the file's pydantic model and turns any failure into one line that
names the file and the field. The validated model is pickled into the user's cache directory,
keyed by the file's SHA-256, the code's fingerprint and the libraries' (``library_fingerprint``),
so a warm start does not parse YAML at all.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import re
import stat
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Mapping
from contextlib import suppress
from pathlib import Path
from typing import Any, TypeVar

import pydantic_core
import Stemmer  # type: ignore[import-not-found]  # PyStemmer ships no type hints
from pydantic import BaseModel, ValidationError

from skilltool import __version__, cache_folder, field_names, fsio, messages, yamlio
from skilltool.csv_lines import wide_encoding
from skilltool.errors import DataFileError, SkilltoolError
from skilltool.messages import Say, say

M = TypeVar("M", bound=BaseModel)

DATA_DIR_ENV = "SKILLTOOL_DATA_DIR"
CACHE_DIR_ENV = cache_folder.CACHE_DIR_ENV


PACKAGED_DATA = Path(__file__).resolve().parent / "_data"
"""Where an installed wheel carries the reference data (``data/`` of the checkout, see pyproject)."""
CHECKOUT_DATA = Path(__file__).resolve().parents[2] / "data"
"""The ``data/`` folder of a source checkout (editable installs, ``make install``)."""


def default_data_dir() -> Path:
    """``$SKILLTOOL_DATA_DIR``, else the data the wheel carries, else the checkout's ``data/``."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env)
    if PACKAGED_DATA.is_dir():
        return PACKAGED_DATA
    return CHECKOUT_DATA


def missing_data_hint(path: Path) -> Say:
    """What to check when data file ``path`` is missing, naming where its folder came from:
    ``$SKILLTOOL_DATA_DIR`` when the path lies under it, the checkout's ``data/`` folder, or
    else a folder the caller gave (``--data-dir``)."""
    where = path.resolve()
    env = os.environ.get(DATA_DIR_ENV)
    if env and where.is_relative_to(Path(env).resolve()):
        return say("errors.data.hint_env", env=env)
    if where.is_relative_to(PACKAGED_DATA) or where.is_relative_to(CHECKOUT_DATA.resolve()):
        return say("errors.data.hint_reinstall")
    return say("errors.data.hint_data_dir")


def cache_dir() -> Path | None:
    """Where compiled data are cached: ``$SKILLTOOL_CACHE_DIR`` or the platform's user cache, or a
    private folder when that cannot be written (``cache_folder``). An empty ``$SKILLTOOL_CACHE_DIR``
    switches the cache off.
    """
    return cache_folder.cache_dir()


def validation_reason(error: Mapping[str, Any], *, in_file: bool = False) -> Say:
    """One pydantic error as a short reason, unrendered; never the input value itself.

    The text is the catalogue's ``reason.value.<pydantic error type>`` filled with the error's
    ``ctx``; a type without a text (or whose ``ctx`` lacks a field of it) is
    ``reason.invalid_value`` with the rule's name, never pydantic's English message. The one rule
    for data files, profiles, drafts and batch rows (``batch_answers.validation_reason``).

    ``in_file``: a check written as a plain ``ValueError`` in a data file's model (``eqf 3
    contradicts nlqf 4``) is shown as its validator words it (English: the reference data's
    maintainers read it); a batch row never shows it, as it may quote the cell."""
    kind = str(error["type"])
    invalid = say("reason.invalid_value", rule=kind)
    if kind == "value_error" and in_file and (error.get("ctx") or {}).get("error") is not None:
        return say("reason.validator", error=error["ctx"]["error"])
    if kind == "string_type" and in_file and isinstance(error.get("input"), bool | int | float):
        return say("reason.value.string_type_scalar")  # YAML `ja: yes` is True: say to quote it
    want = messages.key_fields(f"reason.value.{kind}")
    if want is None:
        return invalid
    ctx: dict[str, object] = dict(error.get("ctx") or {})
    if kind == "licence":
        # lazy: only a licence error needs the answer models; 0.76-0.97 s on top of datafiles
        # (-X importtime, load 18)
        from skilltool.models.answers import LICENCES

        ctx["categories"] = ", ".join(LICENCES)
    expected = ctx.get("expected")
    if isinstance(expected, str) and " or " in expected:  # literal_error: 'a', 'b' or 'c'
        first, _, last = expected.rpartition(" or ")
        ctx["expected"] = say("reason.either", first=first, last=last)
    if not want <= set(ctx):
        return invalid
    return say(f"reason.value.{kind}", **{name: ctx[name] for name in want})


def format_validation_error(path: Path | str, exc: ValidationError) -> Say:
    """One line: ``file: loc.of.field: reason (+N more)``, rendered in the caller's language.

    Nest it (``say("...", error=format_validation_error(...))``) to add to it."""
    errors = exc.errors()
    first = errors[0]
    more = say("errors.validation_more", n=len(errors) - 1) if len(errors) > 1 else ""
    if (
        first["type"] == "extra_forbidden"
        and first["loc"]
        and not field_names.is_field(str(first["loc"][-1]))
    ):
        return _unknown_key(path, exc.title, first["loc"], more)
    loc = ".".join(_shown_key(part) for part in first["loc"])
    return say(
        "errors.validation",
        path=path,
        field=loc or say("errors.validation_top"),
        reason=validation_reason(first, in_file=True),
        more=more,
    )


def _unknown_key(path: Path | str, title: str, loc: tuple[int | str, ...], more: str | Say) -> Say:
    """An unknown key that is no field name of ours, not shown (a hand-edited profile may hold a
    name or a note as a key): the place it is in, and the field it is a typo of or the fields that
    may stand there."""
    key, parent = str(loc[-1]), loc[:-1]
    fields = field_names.fields_at(title, parent)
    if (close := field_names.nearest(key, fields)) is not None:
        reason = say("reason.unknown_key_near", field=close)
    elif fields:
        listed = ", ".join(fields[: field_names.MAX_LISTED]) + (
            ", ..." if len(fields) > field_names.MAX_LISTED else ""
        )
        reason = say("reason.unknown_key_fields", fields=listed)
    else:
        reason = say("reason.unknown_key")
    field = ".".join(_shown_key(part) for part in parent) or say("errors.validation_top")
    return say("errors.validation", path=path, field=field, reason=reason, more=more)


def _shown_key(key: object) -> str:
    """A key as an error shows it: a long one cut, long numbers in it hidden (a key is a field
    name, unless a person's text or a number such as a BSN landed there)."""
    if isinstance(key, int):
        return str(key)  # a list index
    return messages.clip(re.sub(r"\d{5,}", "#", str(key)), 40)


def duplicate_key(path: Path | str, exc: yamlio.DuplicateKeyError) -> Say:
    """``file:line: the key 'x' is given twice (first on line N)``, the key as ``_shown_key``."""
    return say(
        "errors.yaml.duplicate_key", path=path, line=exc.line, key=repr(_shown_key(exc.key)), first=exc.first
    )


def load_yaml(
    path: Path | str,
    text: str,
    error: type[SkilltoolError],
    not_yaml: Callable[[str, str | None], Say],
) -> object:
    """Parse YAML ``text`` (from ``path``): a key given twice or a second document is ``error``
    with its ``errors.yaml.*`` line; other text that is not YAML is ``error(not_yaml(where,
    problem))``, ``where`` ``":LINE"`` (or empty when PyYAML names no line) and ``problem`` PyYAML's
    own words (or None). The one reading of both data files and ``--answers`` files."""
    try:
        return yamlio.loads(text)
    except yamlio.DuplicateKeyError as exc:
        raise error(duplicate_key(path, exc)) from exc
    except yamlio.YAMLError as exc:
        if (line := yamlio.second_document(exc)) is not None:
            raise error(say("errors.yaml.second_document", path=path, line=line)) from exc
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise error(not_yaml(where, getattr(exc, "problem", None))) from exc


def parse_model(path: Path | str, text: str, model: type[M]) -> M:
    """Parse YAML ``text`` (from ``path``) into ``model``; any problem is a one-line error."""

    def not_yaml(where: str, problem: str | None) -> Say:
        return say("errors.data.yaml", path=path, where=where, problem=problem or say("errors.data.not_yaml"))

    data = load_yaml(path, text, DataFileError, not_yaml)
    if data is None:
        raise DataFileError(say("errors.data.empty", path=path))
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise DataFileError(format_validation_error(path, exc)) from exc


def read_data_bytes(path: Path) -> bytes:
    """The bytes of a data file; a missing or unreadable file is a one-line ``DataFileError``, and
    so is a pipe or device in its place (reading one blocked, or never ended: ``/dev/zero``)."""
    try:
        if not stat.S_ISREG(mode := path.stat().st_mode) and not stat.S_ISDIR(mode):  # a folder: EISDIR
            raise DataFileError(say("errors.data.not_regular", path=path))
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise DataFileError(say("errors.data.not_found", path=path, hint=missing_data_hint(path))) from exc
    except OSError as exc:
        raise DataFileError(say("errors.data.unreadable", path=path, why=exc.strerror)) from exc


def read_optional_bytes(path: Path) -> bytes:
    """``read_data_bytes`` for a data file the data may lack: ``b""`` when it does not exist."""
    return read_data_bytes(path) if path.exists() else b""


def cache_path(raw: bytes, model: type) -> Path | None:
    """Cache file for ``raw`` compiled as ``model`` (a pydantic model or a compiled index class)."""
    base = cache_dir()
    if base is None:
        return None
    key = hashlib.sha256(raw)
    key.update(f"{__version__}:{code_fingerprint()}:{library_fingerprint()}".encode())
    key.update(f":{model.__module__}.{model.__qualname__}".encode())
    return base / f"{model.__name__}-{key.hexdigest()[:32]}.pickle"


@functools.cache
def code_fingerprint() -> str:
    """SHA-256 over the package's own source files (and the word lists kept next to them).

    Part of every cache key: a pickled model or index is only valid for the code that made it,
    and a changed class (a field added, a normalisation rule changed) must never be unpickled.
    """
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted([*package.rglob("*.py"), *package.rglob("*.txt")]):  # with the place names
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@functools.cache
def library_fingerprint() -> str:
    """The versions of what a compiled form depends on besides skilltool's code and data: part of
    every cache key (and of a batch checkpoint's fingerprint).

    The indexes hold Dutch stems made by Snowball's stemmer (PyStemmer), and a query is stemmed
    by the stemmer installed now: an index compiled under another release (its Dutch stemmer was
    replaced in 3.0: *metselaars* ``metselar`` then, ``metsel`` now) was loaded as valid, and its
    stems missed the query's, so titles scored lower (52 -> 41), without a word. The cache folder
    is one per user, shared by every environment. Python's version and its Unicode tables (the
    normaliser's NFKC and casefold) and pydantic-core's (the validation a cached model passed) are
    in too: read from modules loaded already, at no cost. Not numpy's, which costs 25-140 ms per
    command through ``importlib.metadata``: an array pickled under another numpy either fails to
    load (numpy 1 reading numpy 2's: caught, rebuilt) or loads equal (measured)."""
    parts = (
        f"python {sys.version_info.major}.{sys.version_info.minor}",
        f"unicode {unicodedata.unidata_version}",
        f"pydantic-core {pydantic_core.__version__}",
        f"pystemmer {Stemmer.version()}",
    )
    return ", ".join(parts)


def cache_read(path: Path | None) -> object:
    """The object pickled at ``path``, or None when there is none (callers check its type).

    Unpickling runs code, and a cache name can be worked out from the public data and source: a
    file someone else owns, or may write, is never loaded (a ``$SKILLTOOL_CACHE_DIR`` in a shared
    folder such as ``/tmp``, where another user could plant it); it is rebuilt instead. So is
    anything that is no regular file, and a link."""
    if path is None:
        return None
    try:
        # opened without following a link or waiting for a writer: a pipe planted under the
        # cache's name hung every command at its first data file, for good
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode) or not _own_file(st):
                return None
            value = pickle.load(fh)
            if st.st_mtime < time.time() - _DAY:  # in use: kept from ``prune_cache``
                with suppress(OSError):
                    os.utime(fd if os.utime in os.supports_fd else path)
            return value
    except Exception:  # noqa: BLE001 - a cache is a shortcut: missing, damaged or from another build
        return None  # (ValueError "unsupported pickle protocol", IndexError, ...): rebuild silently


def _own_file(st: os.stat_result) -> bool:
    """A file of this user that no one else may write (where the OS has owners: not on Windows)."""
    uid = getattr(os, "getuid", None)
    return uid is None or (st.st_uid == uid() and not st.st_mode & 0o022)


CACHE_KEEP_DAYS = 30
"""A compiled-data cache entry not used for this many days is removed (``prune_cache``)."""
_DAY = 86400.0
_CACHE_NAME = re.compile(r"\w+-[0-9a-f]{32}\.pickle|done-[0-9a-f]{32}|(?P<tmp>\.tmp-\w+\.pickle)")


@functools.cache
def prune_cache(base: Path) -> int:
    """Remove the cache entries in ``base`` that no command used for ``CACHE_KEEP_DAYS`` days (a
    hit refreshes an entry's time, ``cache_read``), and a killed writer's temporary file after a
    day; once per process, when something new is written. Every code or library change writes a
    new set of entries (some 70 MB) and none was ever removed: 1.7 GB in a month of development.
    Only files of the cache's own names that are this user's regular files (not links, not
    folders, not another user's in a shared folder); one removed under a reader is read through
    the reader's open file, or compiled again. Returns how many were removed."""
    now, removed = time.time(), 0
    try:
        entries = list(os.scandir(base))
    except OSError:
        return 0
    for entry in entries:
        if (name := _CACHE_NAME.fullmatch(entry.name)) is None:
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        age = _DAY if name["tmp"] else CACHE_KEEP_DAYS * _DAY
        if stat.S_ISREG(st.st_mode) and _own_file(st) and st.st_mtime < now - age:
            with suppress(OSError):
                Path(entry.path).unlink()
                removed += 1
    return removed


def cache_write(path: Path | None, value: object) -> None:
    if path is None:
        return
    prune_cache(path.parent)
    try:
        fsio.make_folders(path.parent, mode=0o700)  # every folder it makes owner-only
        # temp file + rename: a concurrent reader sees the old file or the whole new one
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
    except OSError:
        return  # an unwritable cache is bypassed silently
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        Path(tmp).replace(path)
    except BaseException as exc:
        # a full disk (or Ctrl-C) left the part written: tens of MB that kept the disk full for
        # every later write, profiles and batch outputs on it too, and more at every run
        with suppress(OSError):
            Path(tmp).unlink()
        if not isinstance(exc, OSError):
            raise


def done_marker(data_dir: Path | None, what: str) -> Path | None:
    """A file in the cache saying that ``what`` (validating the data, compiling a batch's caches)
    was done on exactly the files under ``data_dir`` (default: the bundled data) by this code:
    when it exists, that work need not be done again. ``None`` when there is no cache or a data
    file cannot be read (do the work). Hashing the data (13 MB) takes about 20 ms; the work it
    spares, a second or two of each batch's start."""
    base = cache_dir()
    if base is None:
        return None
    key = hashlib.sha256(f"{__version__}:{code_fingerprint()}:{library_fingerprint()}:{what}".encode())
    root = (data_dir or default_data_dir()).resolve()
    try:
        # the data are YAML files, at most two folders down (a --data-dir pointed at a big folder
        # by mistake is not walked in full before the validation that refuses it)
        found = {p for pattern in ("*.yaml", "*/*.yaml", "*/*/*.yaml") for p in root.glob(pattern)}
        for path in sorted(p for p in found if p.is_file()):
            key.update(path.relative_to(root).as_posix().encode() + b"\0")
            key.update(hashlib.sha256(path.read_bytes()).digest())
    except OSError:
        return None
    return base / f"done-{key.hexdigest()[:32]}"


def is_done(marker: Path | None) -> bool:
    """``marker`` (from ``done_marker``) is there: the work was done. Its time is refreshed, at
    most once a day, so that ``prune_cache`` keeps a marker in use, as ``cache_read`` keeps an
    entry."""
    if marker is None:
        return False
    try:
        st = marker.stat()
    except OSError:
        return False
    if st.st_mtime < time.time() - _DAY:
        with suppress(OSError):
            os.utime(marker)
    return True


def mark_done(marker: Path | None) -> None:
    """Leave ``marker`` (from ``done_marker``); an unwritable cache is bypassed silently."""
    if marker is None:
        return
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:
        return


def data_text(raw: bytes, path: Path) -> str:
    """A data file's bytes as text: UTF-8, as the data are kept (their checksums are of those bytes).
    A file saved as UTF-16 or UTF-32 (Notepad's "Unicode") says so: it said "not UTF-8 (byte 0)",
    the position and not the byte, or without a byte-order mark "not valid YAML". Another byte
    that is no UTF-8 names its line."""
    if (wide := wide_encoding(raw[:8])) is not None:
        raise DataFileError(say("errors.data.wide", path=path, encoding=wide[:6].upper()))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DataFileError(say("errors.data.not_utf8", path=path, line=line)) from exc


def load_model(path: Path, model: type[M], *, use_cache: bool = True) -> M:
    """Load one data file as ``model``: from the compiled cache when warm, else parse and cache."""
    raw = read_data_bytes(path)
    cached_at = cache_path(raw, model) if use_cache else None
    cached = cache_read(cached_at)
    if isinstance(cached, model):
        return cached
    value = parse_model(path, data_text(raw, path), model)
    cache_write(cached_at, value)
    return value
