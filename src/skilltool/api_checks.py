"""The API's argument checks: what mypy holds a caller to but Python does not at run time, each
refused as the command refuses it (a ``UsageError``, one line naming the argument), and the old
keyword names kept for a while (``renamed``)."""

from __future__ import annotations

import contextlib
import os
import warnings
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TypedDict, TypeVar

from pydantic import ValidationError
from pydantic_core import InitErrorDetails

from skilltool import datafiles, fsio
from skilltool.answer_parsing import MAX_TEXT
from skilltool.errors import InputFileError, OutputError, SkilltoolError, UsageError
from skilltool.messages import Say, say
from skilltool.models import Profile
from skilltool.models.base import invalid
from skilltool.reference import ReferenceData

PathLike = str | os.PathLike[str]
T = TypeVar("T")


def check(lang: str, **counts: int) -> None:
    """The options mypy cannot see at run time: ``lang="de"`` gave English without a word and
    ``top=0`` an empty list, where the CLI refuses both (exit 2)."""
    if lang not in ("nl", "en"):
        raise UsageError(say("errors.api.lang", given=repr(lang)))
    for name, value in counts.items():
        if isinstance(value, bool) or not isinstance(value, int):  # top=1.5 was a TypeError from a slice
            raise UsageError(say("errors.api.whole", name=name, kind=type(value).__name__))
        if value < 1:
            raise UsageError(say("errors.batch.at_least_one", option=name))


def one_of(name: str, value: object, choices: tuple[object, ...]) -> None:
    """A closed-list option mypy cannot hold a caller to: ``engine="spark"`` ran on this machine
    without a word, ``kind="diploma"`` was a ``KeyError``, ``documents="maybe"`` a pydantic dump."""
    if value not in choices:
        shown = ", ".join(repr(c) for c in choices)
        raise UsageError(say("errors.api.choice", name=name, given=repr(value)[:60], choices=shown))


def flags(**flags: object) -> None:
    """A yes/no argument that is no ``bool``: ``include_sensitive="no"`` (a value read from a
    config file or a form) is true to Python, and the report held the health and care details."""
    for name, value in flags.items():
        if not isinstance(value, bool):
            raise UsageError(say("errors.api.flag", name=name, kind=type(value).__name__))


def number_or_none(name: str, value: object) -> None:
    """A number argument that may be left out: ``years=True`` (a form's "finished: yes" in the wrong
    field) was one year studied, which left out every programme of more than two, and ``"3"``
    was read as 3, where ``top`` refuses both."""
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise UsageError(say("errors.api.number", name=name, kind=type(value).__name__))


NO_PROFILE = object()


def given(ref: object, profile: object = NO_PROFILE) -> None:
    """``ref`` (and ``profile`` where one is read) of the right kind: ``ref=None`` or a dict as the
    profile was an ``AttributeError`` from deep inside."""
    if not isinstance(ref, ReferenceData):
        raise UsageError(say("errors.api.not_ref", kind=type(ref).__name__))
    if profile is not NO_PROFILE and not isinstance(profile, Profile):
        raise UsageError(say("errors.api.not_profile", kind=type(profile).__name__))


class RefusedAnswer(TypedDict):
    """One refusal in ``AnswersRefusedError.errors()``: pydantic's error without the value."""

    type: str
    loc: tuple[int | str, ...]
    msg: str


class AnswersRefusedError(InputFileError, ValueError):
    """``complete_profile``'s answers that do not validate: one line naming the field and the rule,
    never the value; a ``ValueError`` with ``errors()`` (pydantic's list, without the values) as
    the ``ValidationError`` it was, which printed the value it refused (``input_value='123456789'``:
    a BSN in a log)."""

    def __init__(self, message: Say, errors: list[RefusedAnswer]) -> None:
        super().__init__(message)
        self._errors = errors

    def errors(self) -> list[RefusedAnswer]:
        """pydantic's errors (``type``, ``loc``, ``msg``), the refused values left out."""
        return self._errors


def one_line(exc: ValidationError, name: str) -> Say:
    """A model's refusal of an argument as one line naming it and the rule (pydantic's own error
    is many lines, and repeats the value)."""
    errors = exc.errors()
    where = ".".join(str(p) for p in (name, *errors[0]["loc"]) if p != "")
    more = say("errors.validation_more", n=len(errors) - 1) if len(errors) > 1 else ""
    return say("errors.api.invalid", name=where, why=datafiles.validation_reason(errors[0]), more=more)


_DEEPEST = 8  # answers nest four levels (work, an entry, a field); deeper is the model's to refuse


def plain_answers(answers: Mapping[str, object]) -> None:
    """Answers given as a mapping hold no ``bytes`` and no ``set``: pydantic's lax mode read
    ``b"AB-1"`` as a text (a file's bytes in any encoding became an answer, undecodable ones
    ``string_unicode``) and a set as a list in Python's order, which changes from run to run
    (``PYTHONHASHSEED``): the skills, and the profile written, came out in another order each time.
    No text is longer than an answers file's (``answer_parsing.MAX_TEXT``, 2,000 characters): a
    20 MB note and 100 skills of 100,000 characters took 147 s and made a 29 MiB profile that
    ``write_profile`` wrote and ``read_profile`` (and every command) refused as too big.
    Raises ``ValidationError`` at each such value, as the model's own rules do."""
    problems: list[InitErrorDetails] = []

    def walk(value: object, loc: tuple[str | int, ...]) -> None:
        if isinstance(value, str):
            if len(value) > MAX_TEXT:  # never the value itself
                long = invalid("text_too_long", limit=MAX_TEXT)
                problems.append(InitErrorDetails(type=long, loc=loc, input=""))
        elif isinstance(value, bytes | bytearray | memoryview):
            problems.append(InitErrorDetails(type=invalid("bytes_text"), loc=loc, input=type(value).__name__))
        elif isinstance(value, set | frozenset):
            problems.append(InitErrorDetails(type=invalid("set_list"), loc=loc, input=type(value).__name__))
        elif len(loc) < _DEEPEST and isinstance(value, Mapping):
            for key, item in value.items():
                walk(key, loc)  # a skill's text is a key of ``skills.confirmed``
                walk(item, (*loc, str(key)))
        elif len(loc) < _DEEPEST and isinstance(value, list | tuple):
            for n, item in enumerate(value):
                walk(item, (*loc, n))

    walk(answers, ())
    if problems:
        raise ValidationError.from_exception_data("IntakeAnswers", problems)


def text(name: str, value: object) -> None:
    """A text argument that is none (``None`` from an empty cell, ``bytes``): it was an
    ``AttributeError`` from deep inside the coder."""
    if not isinstance(value, str):
        raise UsageError(say("errors.api.text", name=name, kind=type(value).__name__))


def texts_or_none(**values: object) -> None:
    """Optional text arguments (``delimiter``, ``sheet``, ``encoding``, ``scheduler``): ``delimiter=5``
    (a number read from a config file) was an ``AttributeError`` from the CSV reader, ``encoding=5``
    a ``TypeError`` from the messages, ``scheduler=5`` one from distributed."""
    for name, value in values.items():
        if value is not None:
            text(name, value)


def path(value: PathLike, name: str) -> Path:
    """A path argument; one with a NUL byte (no file has one) was a ``ValueError`` from ``open``,
    and ``None`` (a path a notebook's config left empty) an ``AttributeError`` from deep inside."""
    if value is None:
        raise UsageError(say("errors.api.path", name=name, kind=type(value).__name__))
    return _path(value, name)


def optional_path(value: PathLike | None, name: str) -> Path | None:
    """``path`` for an argument that may be left out (``None``: not given)."""
    return None if value is None else _path(value, name)


def _path(value: PathLike, name: str) -> Path:
    if not isinstance(value, str | os.PathLike):  # data_dir=5: a TypeError from Path
        raise UsageError(say("errors.api.path", name=name, kind=type(value).__name__))
    path = Path(value)
    if "\0" in str(path):
        raise UsageError(say("errors.api.nul", name=name))
    return path


def not_taken(out: Path, *, force: bool, name: str) -> None:
    """``fsio.check_not_taken`` in the API's words: the refusal names the keyword and
    ``force=True``, not the command's ``--force`` and ``--out`` (user19 left it saying so)."""
    fsio.check_output_file(out)
    if not force and (out.exists() or out.is_symlink()):
        taken = "errors.api.out_exists" if out.exists() else "errors.api.out_dangling"
        raise OutputError(say(taken, name=name, path=repr(str(out))))


# a refusal the core words for the command -> the same in the API's keywords
_IN_KEYWORDS = {
    "errors.file.out_exists": "errors.api.out_exists",
    "errors.file.out_dangling": "errors.api.out_dangling",
    "errors.batch.out_taken": "errors.api.out_taken",
    "errors.batch.out_taken_resume": "errors.api.out_taken",
    "errors.batch.interrupted_here": "errors.api.interrupted_here",
}


@contextlib.contextmanager
def in_keywords(name: str) -> Iterator[None]:
    """Reword an existing output's refusal from deeper in the core (``code_file``, ``run_batch``):
    ``force=True`` and ``resume=True`` where the command says ``--force`` and ``--resume``; ``name``
    is the keyword of the output. The error keeps its class (the command's exit code)."""
    try:
        yield
    except SkilltoolError as exc:
        said = exc.say
        key = _IN_KEYWORDS.get(said.key) if said is not None else None
        if key is None or said is None:
            raise
        params = {**said.params, "name": name, "path": repr(str(said.params.get("path", "")))}
        raise type(exc)(say(key, **params), rule=exc.rule, field=exc.field) from None


def progress(progress: object) -> None:
    """``progress=`` that cannot be called was a ``TypeError`` once the rows were counted."""
    if progress is not None and not callable(progress):
        raise UsageError(say("errors.api.not_callable", name="progress", kind=type(progress).__name__))


def renamed(function: str, old: tuple[str, T | None], new: tuple[str, T], *, default: T) -> T:
    """A keyword given by its old name (``fmt=``, ``output_format=``, ``key_file=``; the command's
    names are ``--format`` and ``--pseudonymise``): still honoured, with a ``DeprecationWarning``
    naming the new one; both at once, disagreeing, is a ``UsageError``."""
    (old_name, old_value), (new_name, new_value) = old, new
    if old_value is None:
        return new_value
    if new_value not in (default, old_value):
        raise UsageError(say("errors.api.renamed_both", old=old_name, new=new_name))
    warnings.warn(
        f"{function}({old_name}=...) is deprecated; give {new_name}= (the command's --{new_name})",
        DeprecationWarning,
        stacklevel=3,
    )
    return old_value


def coder_arguments(texts: Sequence[object], lang: str, top: int) -> None:
    """The coder's own arguments (``OccupationCoder.code``), as ``code_occupation`` checks them: the
    coder is the API's too (``api.occupation_coder``), and ``None`` from an empty cell was an
    ``AttributeError`` from inside, ``top=0`` no candidates and ``top=-1`` all but the last,
    ``lang="de"`` Dutch without a word."""
    if lang not in ("nl", "en"):
        raise UsageError(say("errors.api.lang", given=repr(lang)))
    if isinstance(top, bool) or not isinstance(top, int):
        raise UsageError(say("errors.api.whole", name="top", kind=type(top).__name__))
    if top < 1:
        raise UsageError(say("errors.batch.at_least_one", option="top"))
    for text in texts:
        if not isinstance(text, str):
            raise UsageError(say("errors.api.text", name="text", kind=type(text).__name__))
