"""The twenty-ninth hostile-input and privacy review: what the twenty-seventh review left alone (a
BSN typed as a free-text skill) and what changed since (see docs/security.md, "Twenty-ninth
review")."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from skilltool import messages
from skilltool.cli import app
from skilltool.models.answers import SkillAnswers
from skilltool.models.client_ref import holds_bsn

from .test_security import ANSWERS, batch_cmd, error_line, read_errors, row, write_rows

runner = CliRunner(env={"SKILLTOOL_LANG": "en"})
BSN = "111222333"  # passes the eleven test (a made-up number)


def test_a_number_that_passes_the_eleven_test_is_a_likely_bsn_in_free_text() -> None:
    """Nine digits as a BSN is written (in a row, or grouped 3-3-3 or 4-2-3) that pass the eleven
    test; not a phone number, an amount, a year, nine digits that fail the test, or all zeros."""
    for text in (f"BSN {BSN}", f"lassen {BSN}", "1112.22.333", "111-222-333", "111 222 333", f"{BSN}."):
        assert holds_bsn(text), text
    for text in (
        "0612345678",
        "06-111222333",
        "123456789",
        "€ 111.222.333,00",
        "2024",
        "000000000",
        "lassen",
    ):
        assert not holds_bsn(text), text


def test_a_bsn_in_a_free_text_skill_is_refused_naming_the_field_not_the_number(tmp_path: Path) -> None:
    """A free-text skill holding a likely BSN (the twenty-seventh review's item 2: it went into the
    profile and the report) is refused as typed in the wrong field: the model's error is at the
    item; an answers file (and the interview, asking again) stops with one line naming the field
    and the item (``answer_parsing.parse_answer``); a batch row is rejected naming the column. The
    number is in no message and no output."""
    with pytest.raises(ValidationError) as exc:
        SkillAnswers(free_text=["lassen", f"bsn {BSN}"])
    error = exc.value.errors()[0]
    assert error["loc"] == ("free_text", 1) and error["type"] == "likely_bsn"
    assert BSN not in error["msg"]
    reason = messages.t("reason.value.likely_bsn", "en")
    answers = tmp_path / "a.yaml"
    text = ANSWERS.read_text(encoding="utf-8").replace("repairing bicycles", f"BSN {BSN}")
    answers.write_text(text, encoding="utf-8")
    r = runner.invoke(
        app, ["intake", "--lang", "en", "--answers", str(answers), "--out", str(tmp_path / "p.json")]
    )
    assert r.exit_code == 1
    line = error_line(r)
    assert messages.t("answer.likely_bsn", "en", n=2) in line and "skills.free_text" in line
    assert BSN not in r.output
    assert not (tmp_path / "p.json").exists()
    src = write_rows(tmp_path / "in.csv", [row("K-1", vaardigheden=f"lassen|{BSN}"), row("K-2")])
    out = tmp_path / "out"
    r = batch_cmd(str(src), "--out", str(out))
    assert r.exit_code == 0, r.output
    errors = read_errors(out)
    assert [e[:3] for e in errors] == [["2", "K-1", "vaardigheden"]] and reason in errors[0][3]
    for path in out.iterdir():
        assert BSN not in path.read_text(encoding="utf-8", errors="replace"), path.name
    assert BSN not in r.output
