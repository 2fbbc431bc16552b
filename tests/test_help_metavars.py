"""``--help`` shows readable placeholders (PROFILE.json, LANG, TEXT), never a raw parameter name in
braces (``{path}``) or a bare type (``<str>``) as an option's value (issue 15). (Typer 0.29's plain
help still writes a required argument as ``{NAME}`` in the usage line and its type beside it in
the Arguments list; the name is what we control.)"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from skilltool.cli import app


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        (["report"], ("PROFILE.json", "--client-lang LANG", "--out FILE")),
        (["suggest"], ("PROFILE.json", "--sector SECTOR")),
        (["explain"], ("PROFILE.json", "OCCUPATION")),
        (["diploma", "lookup"], ("TEXT", "--country COUNTRY", "--field FIELD")),
        (["intake"], ("--client-lang LANG",)),
        (["occupation", "code"], ("[TEXT]...",)),
        (["skill", "code"], ("[TEXT]...",)),
    ],
)
def test_help_names_its_placeholders(command: list[str], shown: tuple[str, ...]) -> None:
    """The help of the commands a caseworker reads first has no ``{path}``/``{profile}``/``{text}``
    and no ``<str>``, and names each value by what it is."""
    r = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "100"})
    assert r.exit_code == 0, r.output
    options = [line for line in r.stdout.splitlines() if line.lstrip().startswith("-")]
    assert not [line for line in options if "<str>" in line or "<path>" in line]
    for raw in ("{path}", "{profile}", "{text}", "{occupation}"):
        assert raw not in r.stdout
    for text in shown:
        assert text in r.stdout, text
