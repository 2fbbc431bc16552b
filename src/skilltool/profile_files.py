"""Profile, draft and answers files: the one reader and writer of each.

``read_profile`` is the only way a profile file is read (``suggest``, ``explain``, ``report``,
``profile show``, the Python API): UTF-8 with or without a byte-order mark (or UTF-16), validated against
the one schema, any problem one line naming the file and field.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic.json_schema import JsonSchemaValue

from skilltool import csv_lines, fsio, messages
from skilltool.datafiles import load_yaml
from skilltool.errors import InputFileError
from skilltool.messages import say
from skilltool.models import Profile
from skilltool.models.intake import Draft
from skilltool.reference import format_validation_error

M = TypeVar("M", bound=BaseModel)

# How every file a person may have saved is read: UTF-8, a byte-order mark (Windows editors)
# ignored, or UTF-16 (Notepad's and Excel's "Unicode") as a CSV export is (``csv_lines.whole_text``).


Kind = Literal["profile", "draft", "answers"]  # what a file holds: names it in messages


MAX_FILE_BYTES = 16 << 20
"""A profile, draft or answers file is read whole: one this big is not what the tool wrote (a
profile with ten suggestions is about 50 KB; the largest notes fit many times over)."""


def _read_text(path: Path, kind: Kind) -> str:
    raw = fsio.read_input(path, say(f"errors.what.{kind}"), limit=MAX_FILE_BYTES)
    try:
        return csv_lines.whole_text(raw, path)
    except UnicodeDecodeError as exc:
        raise InputFileError(say("errors.file.not_utf8", path=path, byte=exc.start)) from exc


def _validate_json(model: type[M], path: Path, text: str, *, kind: Kind) -> M:
    try:
        value = model.model_validate_json(text)
    except ValidationError as exc:
        if (first := exc.errors()[0])["type"] == "json_invalid":
            # the line where parsing stopped (the parser's own words are English: not shown)
            error = str(first.get("ctx", {}).get("error", ""))
            line = re.search(r" at line (\d+) column", error)
            where = f":{line[1]}" if line else ""
            if error.startswith("number out of range"):  # thousands of digits: valid JSON, unreadable
                raise InputFileError(say("errors.file.json_number", path=path, where=where)) from exc
            if error.startswith("trailing characters"):  # a batch's profiles.jsonl: "not valid JSON"
                what = say(f"errors.what.{kind}")
                raise InputFileError(say("errors.file.json_more", path=path, where=where, what=what)) from exc
            raise InputFileError(
                say("errors.file.not_json", path=path, where=where, what=say(f"errors.what.{kind}"))
            ) from exc
        problem = format_validation_error(path, exc)
        if kind == "draft" and first["type"] != "draft_newer":  # say what the file may not be
            problem = say("errors.intake.not_a_draft", problem=InputFileError(problem).text)
        raise InputFileError(problem) from exc
    _no_duplicate_keys(path, text)
    return value


class _KeyTwiceError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _pairs(pairs: list[tuple[str, object]]) -> dict[str, object]:
    out = dict(pairs)
    if len(out) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _KeyTwiceError(key)
            seen.add(key)
    return out


def _no_duplicate_keys(path: Path, text: str) -> None:
    """A key given twice in one object: refused (the JSON parser let the last one win, silently),
    as a YAML file's is (``yamlio``). A second parse, with the standard library: a profile is a few
    KB, about a millisecond."""
    try:
        json.loads(text, object_pairs_hook=_pairs)
    except _KeyTwiceError as twice:
        key = repr(messages.clip(twice.key, 40))
        raise InputFileError(say("errors.file.json_key_twice", path=path, key=key)) from None


def read_profile(path: Path) -> Profile:
    """Read and validate a profile JSON file; a problem is one line naming the file and field."""
    return _validate_json(Profile, path, _read_text(path, "profile"), kind="profile")


def write_profile(path: Path, profile: Profile) -> None:
    """Write a profile as JSON, atomically, owner-only."""
    fsio.write_text(path, profile.model_dump_json(indent=2, exclude_none=False) + "\n")


def profile_schema() -> JsonSchemaValue:
    """The JSON Schema of the profile (``profile schema``)."""
    schema = Profile.model_json_schema()
    schema["$id"] = (
        f"https://skilltool.invalid/profile-v{Profile.model_fields['schema_version'].default}.json"
    )
    return schema


def save_draft(path: Path, draft: Draft) -> None:
    """Write the draft atomically, readable by the owner only (it holds personal answers)."""
    fsio.write_text(path, draft.model_dump_json(indent=1) + "\n")


def load_draft(path: Path) -> Draft:
    """Read a draft saved by ``save_draft``; a problem is one line naming the file."""
    # as a profile is read: a draft cut short names its line, and a key twice (an answer changed
    # by hand beside the saved one) is refused, not the last one taken without a word
    return _validate_json(Draft, path, _read_text(path, "draft"), kind="draft")


def load_answers_file(path: Path) -> object:
    """The parsed YAML of an ``--answers`` file (checked later, question by question)."""
    return load_yaml(
        path,
        _read_text(path, "answers"),
        InputFileError,
        lambda where, _problem: say("errors.file.not_yaml", path=f"{path}{where}"),
    )
