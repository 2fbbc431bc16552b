"""Hostile input, thirteenth review: each case here once repeated a BSN, a phone number or an
e-mail address typed in the wrong field in an error line, ...; now it does not.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from skilltool import answer_parsing
from skilltool.cli import app

from .test_hostile_input import one_error

runner = CliRunner()


# --- a grouped BSN, a phone number or an e-mail address in a refused answer ----------------------

IDENTIFIERS = [
    ("123 456 782", "123 456"),
    ("1234.56.782", "1234.56"),
    ("06 1234 5678", "1234 5678"),
    ("+31 6 1234 5678", "1234 5678"),
    ("j.jansen@voorbeeld.nl", "jansen@"),
]


@pytest.mark.parametrize(("typed", "part"), IDENTIFIERS)
def test_an_answers_file_error_never_repeats_a_grouped_number_or_an_address(
    tmp_path: Path, typed: str, part: str
) -> None:
    """A BSN or a phone number written in groups, or an e-mail address, typed in the wrong field of
    an answers file was repeated whole in the error line (only eight digits in a row were
    masked); now it is ``########`` or ``###@###``, and the field is still named."""
    answers = tmp_path / "a.yaml"
    answers.write_text(f'personal:\n  client_ref: X-1\n  birth_year: "{typed}"\n', encoding="utf-8")
    r = runner.invoke(app, ["intake", "--answers", str(answers), "--lang", "en"])
    line = one_error(r)
    assert "personal.birth_year" in line and "#" in line
    assert part not in r.output


def test_a_refused_date_or_word_is_still_shown() -> None:
    """What a person needs to see to correct an answer stays: a date (eight digits with marks), a
    word, a short number."""
    assert answer_parsing.shown("14-03-1987") == "14-03-1987"
    assert answer_parsing.shown("zeventig") == "zeventig"
    assert answer_parsing.shown("2025-13-45") == "2025-13-45"
    assert answer_parsing.shown("mail: a@b.nl of 06 1234 5678") == "mail: ###@### of ########"
