"""JSON as skilltool writes it for people and programs (``--json``, JSON Lines on stdout): models
dumped as JSON, UTF-8 text, C1 controls escaped. One function, so the lines a worker process
writes (``coding_stream.json_stream``) are byte for byte the ones ``console`` writes."""

from __future__ import annotations

import json
import re

from pydantic import BaseModel

_C1 = re.compile("[\x7f-\x9f]")


def jsonable(value: object) -> object:
    """Models dumped as JSON (also inside lists, tuples and dicts); anything else as it is."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    return value


def dumps(value: object, indent: int | None = None) -> str:
    """JSON as UTF-8 text; C1 controls escaped too (json escapes only C0), so still valid JSON."""
    text = json.dumps(jsonable(value), ensure_ascii=False, indent=indent)
    return _C1.sub(lambda m: f"\\u{ord(m[0]):04x}", text)
