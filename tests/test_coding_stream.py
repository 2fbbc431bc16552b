"""``coding_stream.code_stream``: titles on stdin coded on worker processes, in order (tiny data)."""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from skilltool import json_text
from skilltool.coding_stream import _json_line, code_stream, json_stream
from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData

TITLES = ["lasser", "", "electrition", "kapster", "zzqx", "hair stylist", "onderwaterlasser"]


@pytest.fixture
def coder(tiny_data: Path) -> OccupationCoder:
    return OccupationCoder.from_reference(ReferenceData(tiny_data))


def test_workers_give_the_results_of_one_process_in_order(coder: OccupationCoder) -> None:
    """Two worker processes return exactly the results of coding line by line, in input order
    (more lines than one chunk, so several chunks are in flight)."""
    lines = TITLES * 50
    expected = [coder.code(text, lang="en", top=3) for text in lines]
    got = list(code_stream(coder, iter(lines), lang="en", top=3, workers=2))
    assert got == expected


def test_a_waiting_line_is_answered_without_more_input(coder: OccupationCoder) -> None:
    """A program that sends one title and waits for its answer gets it: the next line is only
    given after the previous result arrived (a chunk never waits to fill up)."""
    answered = threading.Event()

    def lines() -> Iterator[str]:
        for text in ("lasser", "kapster", "electrition"):
            answered.clear()
            yield text
            if not answered.wait(timeout=30):
                raise AssertionError(f"no answer for {text!r} before the next line")

    results = []
    for result in code_stream(coder, lines(), lang="nl", top=1, workers=2):
        results.append(result.candidates[0].isco)
        answered.set()
    assert results == ["7212", "5141", "7411"]


def test_one_worker_codes_here(coder: OccupationCoder) -> None:
    """One worker: no processes, the lines are coded in this one (the same results)."""
    assert list(code_stream(coder, iter(TITLES), lang="nl", top=5, workers=1)) == [
        coder.code(text, lang="nl", top=5) for text in TITLES
    ]


def test_json_lines_from_workers_are_the_ones_written_here(coder: OccupationCoder) -> None:
    """``json_stream``: the JSON line each worker process writes is ``json_text.dumps`` of the
    result one process gives, with its problem, in input order (odd lines included: an empty
    one, a typo, one no label shares a word with)."""
    lines = TITLES * 40
    expected = [(r.problem, json_text.dumps(r)) for r in (coder.code(x, lang="en", top=3) for x in lines)]
    assert list(json_stream(coder, iter(lines), lang="en", top=3, workers=2)) == expected
    assert list(json_stream(coder, iter(TITLES), lang="en", top=3, workers=1)) == expected[: len(TITLES)]


def test_a_json_line_made_by_hand_is_json_texts(coder: OccupationCoder) -> None:
    """``_json_line`` builds the dict by hand (the fast path): byte for byte ``json_text.dumps``
    of the result, for plain titles, text outside ASCII, DEL, C1 controls and the line
    separators (which only ``json_text`` escapes), a result without candidates, and a score
    that is not a float, a score that is not finite, a flag that is not a bool and a field that
    is not a text (each given to ``json_text`` as it is)."""
    odd = ["kapper café", "lasser\x7f", "lasser\x85bij", "kok\u2028", "", "zzqx", 'a "quote" \\ back']
    results = [coder.code(x, lang=lang, top=5) for x in TITLES + odd for lang in ("nl", "en")]
    first = results[0]
    with_int, with_inf, with_nan = (
        first.model_copy(update={"candidates": [c.model_copy(update={"score": s}) for c in first.candidates]})
        for s in (100, float("inf"), float("nan"))
    )
    flag_int = first.model_copy(update={"needs_review": 1})
    an_int = [first.candidates[0].model_copy(update={"isco": 7212})]
    isco_int = first.model_copy(update={"candidates": an_int})
    for result in [*results, with_int, with_inf, with_nan]:
        assert _json_line(result) == (result.problem, json_text.dumps(result)), result.input
    with warnings.catch_warnings():  # pydantic warns of the field's type, on both sides alike
        warnings.simplefilter("ignore", UserWarning)
        for result in (flag_int, isco_int):
            assert _json_line(result) == (result.problem, json_text.dumps(result)), result.input
