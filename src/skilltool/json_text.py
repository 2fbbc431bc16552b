"""JSON as skilltool writes it for people and programs (``--json``, JSON Lines on stdout): models
dumped as JSON, UTF-8 text, C1 controls escaped. One function, so the lines a worker process
writes (``coding_stream.json_stream``) are byte for byte the ones ``console`` writes."""

from __future__ import annotations

import json
import re

from pydantic import BaseModel

# C1 controls (NEL among them) and the Unicode line and paragraph separators: JSON may hold them
# raw, but a reader that splits on every line break (Python's splitlines, editors, pre-2019
# JavaScript) broke one JSON line of a title pasted from a web page into two, neither valid. And
# the bidi embeddings, overrides and isolates ``console.clean`` takes off every other line: raw in
# ``--json`` on a terminal, a U+202E in a pasted title showed the rest of the line backwards. The
# direction marks too (LRM, RLM, ALM: U+200E, U+200F, U+061C): invisible, raw they drew the JSON's
# quotes and commas beside them into a right-to-left run; escaped, a reader sees they are there
_C1 = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


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
    """JSON as UTF-8 text; C1 controls, U+2028/U+2029 and bidi controls escaped too (json escapes
    only C0), so still valid JSON, one line stays one line for every reader, and shows as written."""
    text = json.dumps(jsonable(value), ensure_ascii=False, indent=indent)
    return _C1.sub(lambda m: f"\\u{ord(m[0]):04x}", text)
