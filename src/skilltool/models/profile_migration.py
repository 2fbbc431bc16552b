"""Reading older profiles: the sentence-to-fact steps of ``Profile._migrate`` (2 -> 3: an
education's caveat and official route; 3 -> 4: the suggestions' and next steps' sentences).

A stored sentence equal to a catalogue text (in Dutch or English) becomes its key, with its
parameters when they are numbers or codes (the same in every language); anything else stays as
written, marked with its language, and every output shows it as not translated."""

from __future__ import annotations

import re
import string
from functools import cache
from typing import Any

from skilltool import messages

_STEP_PREFIX = "diploma.step."


@cache
def sentence_keys() -> dict[str, str]:
    """Every caveat and route-step sentence, in Dutch and English, to its key (built once: it is
    read for every version-2 profile loaded)."""
    return {
        messages.t(key, lang).strip(): key
        for lang in messages.LANGS
        for key in messages.catalogue(lang)
        if key == "diploma.caveat" or key.startswith(_STEP_PREFIX)
    }


def texts_lang(data: dict[str, Any]) -> str | None:
    """The language of a version-2 profile's stored suggestions: the one whose caveat they carry."""
    for item in [*(data.get("suggestions") or []), *(data.get("own_trade") or [])]:
        caveat = item.get("caveat") if isinstance(item, dict) else None
        for lang in messages.LANGS:
            if caveat == messages.t("suggest.caveat", lang):
                return lang
    return None


def education_v2_to_v3(entry: Any, known: dict[str, str]) -> Any:
    """A version-2 education entry with its sentences mapped back to facts where they match
    (``known``: ``sentence_keys()``)."""
    if not isinstance(entry, dict):
        return entry
    out = dict(entry)
    caveat = out.get("caveat")
    if isinstance(caveat, str) and known.get(caveat.strip()) == "diploma.caveat":
        out["caveat"] = None
        out["caveat_key"] = "diploma.caveat"
    steps: list[str] = []
    legacy: list[Any] = []
    for text in out.get("official_route") or []:
        key = known.get(text.strip()) if isinstance(text, str) else None
        if key is not None and key.startswith(_STEP_PREFIX):
            steps.append(key.removeprefix(_STEP_PREFIX))
        else:
            legacy.append(text)
    out["route_steps"] = steps
    out["official_route"] = legacy
    return out


_CEFR = {"pre-A1", "A1", "A2", "B1", "B2", "C1", "C2"}


@cache
def _suggest_patterns() -> tuple[dict[str, str], list[tuple[re.Pattern[str], str]]]:
    """The ``suggest.*`` catalogue texts of both languages, to map a version-3 sentence back to its
    key: field-less texts by their words, the others as a pattern with a group per field."""
    exact: dict[str, str] = {}
    patterns: list[tuple[re.Pattern[str], str]] = []
    for lang in messages.LANGS:
        for key, text in messages.catalogue(lang).items():
            if not key.startswith("suggest."):
                continue
            if not messages.fields(text):
                exact.setdefault(text.strip(), key)
                continue
            regex, seen = "", set()
            for literal, name, _, _ in string.Formatter().parse(text):
                regex += re.escape(literal)
                if name:
                    regex += f"(?P={name})" if name in seen else f"(?P<{name}>.+?)"
                    seen.add(name)
            patterns.append((re.compile(regex), key))
    return exact, patterns


def _code(value: str) -> int | float | str | None:
    """A captured parameter that is the same in every language (a number or a CEFR level), else
    None: a word could be in the other language, so a sentence with one stays as written."""
    if re.fullmatch(r"-?\d+", value):
        return int(value)
    if re.fullmatch(r"-?\d+\.\d+", value):
        return float(value)
    return value if value in _CEFR else None


def _text_v3_to_v4(value: Any, lang: str | None) -> Any:
    """A version-3 sentence as a ``Text``: its key and parameters when it is a catalogue text whose
    parameters are numbers or codes, else as written in ``lang`` (the profile's ``texts_lang``)."""
    if not isinstance(value, str):
        return value
    exact, patterns = _suggest_patterns()
    text = value.strip()
    if text in exact:
        return {"key": exact[text]}
    for regex, key in patterns:
        found = regex.fullmatch(text)
        if found is None:
            continue
        params = {name: _code(v) for name, v in found.groupdict().items()}
        if all(v is not None for v in params.values()):
            return {"key": key, "params": params}
    return {"written": value, "lang": lang}


def suggestion_v3_to_v4(item: Any, lang: str | None) -> Any:
    if not isinstance(item, dict):
        return item
    out = dict(item)
    for name in ("fit", "reasons", "gaps"):
        if isinstance(out.get(name), list):
            out[name] = [_text_v3_to_v4(v, lang) for v in out[name]]
    if isinstance(out.get("parts"), list):
        out["parts"] = [
            {**part, "evidence": _text_v3_to_v4(part.get("evidence"), lang)}
            if isinstance(part, dict)
            else part
            for part in out["parts"]
        ]
    if out.get("recognition") is not None:
        out["recognition"] = _text_v3_to_v4(out["recognition"], lang)
    if out.get("caveat") == "":
        del out["caveat"]
    elif "caveat" in out:
        out["caveat"] = _text_v3_to_v4(out["caveat"], lang)
    return out


def step_v3_to_v4(step: Any, lang: str | None) -> Any:
    """A proposed step's sentences as ``Text``; an agreed step is the caseworker's words, kept."""
    if not isinstance(step, dict) or step.get("action") == "agreed":
        return step
    out = dict(step)
    for name in ("text", "reason"):
        if out.get(name) is not None:
            out[name] = _text_v3_to_v4(out[name], lang)
    return out
