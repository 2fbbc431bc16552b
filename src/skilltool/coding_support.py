"""What both coders share around the index: the input line prepared as words, the echo shown
back, and the cache of the compiled index (its key and a fast read)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from skilltool import messages, reference, textnorm
from skilltool.coding_weights import (
    CONTEXT_FACTOR,
    INDEX_VERSION,
    KIND_ALIAS,
    KIND_ALT,
    KIND_CBS,
    KIND_HIDDEN,
    KIND_PREFERRED,
    NOISE_FACTOR,
)
from skilltool.models import CodingResult

# the modules whose source the compiled index depends on (weights, rules, layout)
CODER_MODULES = (
    "coding_rerank.py",
    "coding_weights.py",
    "coding_support.py",
    "label_index.py",
    "label_shortlist.py",
    "occupations.py",
    "occupation_build.py",
    "occupation_rules.py",
    "occupation_skills.py",
    "skill_coding.py",
    "ngram_scorer.py",
    "textnorm.py",
)


def build_key() -> bytes:
    """What the compiled index depends on besides the data: the coder modules' and the
    normaliser's source (weights, rules, layout), so any change to them rebuilds the index."""
    weights = (KIND_PREFERRED, KIND_ALT, KIND_HIDDEN, KIND_ALIAS, KIND_CBS, NOISE_FACTOR)
    here = Path(__file__).parent
    return b"%d\0%s\0" % (INDEX_VERSION, repr(weights).encode()) + b"\0".join(
        (here / name).read_bytes() for name in CODER_MODULES
    )


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector paused for the block (restored as it was, also on an error).

    For work that builds many objects it keeps alive to the end and makes no reference cycles:
    unpickling the index, and ``OccupationCoder.code_many``, which holds a batch's intermediate
    lists until the batch is done; the collector would scan them (and the coder's ~150,000
    long-lived objects in its full passes) again and again for nothing. Measured in
    docs/coding.md ("Seventh round")."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_without_gc(path: Path | None) -> object:
    """``reference.cache_read`` with the garbage collector paused: unpickling a hundred thousand
    small lists is three times faster when the collector does not scan them half-way."""
    with gc_paused():
        return reference.cache_read(path)


def echo(text: str) -> str:
    """The input as shown back: control characters as '?', cut when absurdly long, so one bad
    line can neither flood nor garble the output."""
    text = text[: textnorm.MAX_CHARS + 1]
    if not text.isprintable() or "\ufffd" in text:
        text = "".join("?" if textnorm.is_control(ch) else ch for ch in text)
    return text if len(text) <= textnorm.MAX_CHARS else text[: textnorm.MAX_CHARS] + "..."


def prepare(text: str) -> tuple[str, list[str], str | None]:
    """Normalised text, its words, and a problem to report (a ``coding.problem.*`` code, or None;
    ``problem_text`` words it)."""
    if not text.strip():
        return "", [], "empty"
    if textnorm.looks_binary(text):
        return "", [], "binary"
    normalized = textnorm.normalize(text)
    words = list(dict.fromkeys(textnorm.tokens(normalized)))  # a repeated word counts once
    if not words:
        return normalized, [], "no_letters"
    if len(text) > textnorm.MAX_CHARS:
        return normalized, words, "too_long"
    return normalized, words, None


def problem_text(code: str | None, lang: str) -> str | None:
    """A coding problem (``prepare``'s code, or ``no_occupation``/``no_skill``) as the result's
    sentence in the coding language (``nl``; anything else English), like every other text the
    command shows."""
    if code is None:
        return None
    if code == "too_long":
        return messages.t("coding.problem.too_long", lang, limit=textnorm.MAX_CHARS)
    return messages.t(f"coding.problem.{code}", lang)


def context_from(normalized: str, words: list[str]) -> int | None:
    start = textnorm.context_start(normalized) if CONTEXT_FACTOR < 1.0 else None
    return start if start is not None and start < len(words) else None


def problem_result(text: str, normalized: str, problem: str | None, lang: str) -> CodingResult:
    """The result for a title that cannot be coded (empty, binary, ...): flagged, no candidates,
    the problem in ``lang``."""
    return CodingResult(
        input=echo(text),
        normalized=normalized,
        needs_review=True,
        candidates=[],
        problem=problem_text(problem or "empty", lang),
    )
