"""What a new user met (user14): a caseworker, a municipal data team and a researcher, each from a
fresh clone with the README and ``--help`` only. Each test pins one thing that stopped or misled
them (docs/python-api.md, "What a new user met (user14)")."""

from __future__ import annotations

import types
import typing

import yaml
from typer.testing import CliRunner

from skilltool.cli import app
from skilltool.models.base import Bilingual
from skilltool.models.regulated import NotPractised, RegulatedFile, RegulatedProfession

from .conftest import REPO

runner = CliRunner()
DOCTOR = REPO / "examples" / "personas" / "afghan_md_big_b1.json"  # a regulated profession, CBGV


def _bilingual(annotation: object) -> bool:
    args = typing.get_args(annotation) if isinstance(annotation, types.UnionType) else (annotation,)
    return Bilingual in args


# Text fields of regulated_nl.yaml that no output shows (the model's own ids, the legal basis kept
# for the curator, the curator's note on what is assumed, ESCO's English label and a period).
NOT_SHOWN = {"id", "registry", "assumption", "uri", "label", "period"}


def test_regulated_texts_have_both_languages() -> None:
    """Every text of data/regulated_nl.yaml an output shows is given in Dutch and in English (the
    body that decides was Dutch only: "(CIBG / BIG-register, advies van de CBGV)" in English output);
    a new text field must be bilingual or said here not to be shown."""
    for model in (RegulatedProfession, NotPractised):
        for name, field in model.model_fields.items():
            if field.annotation is str or field.annotation == str | None:
                assert name in NOT_SHOWN, f"{model.__name__}.{name}: a shown text needs nl and en"
    text = (REPO / "data" / "regulated_nl.yaml").read_text("utf-8")
    data = RegulatedFile.model_validate(yaml.safe_load(text))
    items: list[RegulatedProfession | NotPractised] = [*data.professions, *data.not_practised]
    seen = 0
    for item in items:
        for name, field in type(item).model_fields.items():
            value = getattr(item, name)
            if _bilingual(field.annotation) and value is not None:
                assert value.nl.strip() and value.en.strip(), f"{name} of {item}"
                seen += 1
    assert seen > 3 * len(data.professions)  # name, route and authority of each at least


def test_suggest_and_report_name_the_body_in_english() -> None:
    """`suggest --lang en` and `report --lang en` name the deciding body in English (also in a
    stored profile's next steps), and in Dutch with `--lang nl`."""
    en = runner.invoke(app, ["suggest", str(DOCTOR), "--lang", "en", "--top", "3"], env={"COLUMNS": "300"})
    assert en.exit_code == 0, en.output
    assert "advice of the" in en.stdout and "advies van de" not in en.stdout
    nl = runner.invoke(app, ["suggest", str(DOCTOR), "--lang", "nl", "--top", "3"], env={"COLUMNS": "300"})
    assert "advies van de" in nl.stdout
    report = runner.invoke(app, ["report", str(DOCTOR), "--lang", "en", "--format", "md"])
    assert report.exit_code == 0, report.output
    assert "advice of the" in report.stdout and "advies van de" not in report.stdout
