"""``profile show --lang`` shows the coded occupations in the output's language, as ``report``
does (``relabel.in_language``); the person's own words stay as written, and without reference
data the stored labels are shown."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from skilltool.cli import app

REPO = Path(__file__).resolve().parents[1]
PERSONA = REPO / "examples" / "personas" / "afghan_homemaker_sewing_for_neighbours.json"  # made in Dutch
runner = CliRunner()


def test_the_coded_occupation_is_shown_in_the_output_language() -> None:
    english = runner.invoke(app, ["profile", "show", str(PERSONA), "--lang", "en"])
    assert english.exit_code == 0, english.output
    assert "sewing machinist" in english.output
    assert "naaister" in english.output  # the title as the person said it
    dutch = runner.invoke(app, ["profile", "show", str(PERSONA), "--lang", "nl"])
    assert dutch.exit_code == 0, dutch.output
    assert "sewing machinist" not in dutch.output


def test_without_reference_data_the_stored_labels_are_shown(tmp_path: Path) -> None:
    empty = tmp_path / "no-data"
    empty.mkdir()
    result = runner.invoke(app, ["--data-dir", str(empty), "profile", "show", str(PERSONA), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "naaister" in result.output and "sewing machinist" not in result.output


def test_json_is_the_file_as_it_is() -> None:
    result = runner.invoke(app, ["profile", "show", str(PERSONA), "--lang", "en", "--json"])
    assert result.exit_code == 0, result.output
    assert (
        json.loads(result.output)["work"][0]["coded"] == json.loads(PERSONA.read_text())["work"][0]["coded"]
    )
