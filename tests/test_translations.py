"""Client-language texts: every client-facing text has an id, and a municipality can get them
reviewed through a workbook (`intake languages --export/--import`)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from skilltool import intake_script, translations
from skilltool.cli import app
from skilltool.models.intake import CLIENT_LANGS, TranslationFile
from skilltool.reference import ReferenceData, load_model

from .conftest import REPO

runner = CliRunner()
I18N = REPO / "data" / "intake" / "i18n"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder with a copy of data/intake (the import writes there, never into the repo)."""
    shutil.copytree(REPO / "data" / "intake", tmp_path / "data" / "intake")
    return tmp_path / "data"


def _export(data_dir: Path, lang: str, out: Path) -> None:
    args = ["--data-dir", str(data_dir), "intake", "languages", "--export", lang, "--out", str(out)]
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    assert out.is_file()


def _row(ws: object, text_id: str) -> int:
    for row in ws.iter_rows(min_row=2):  # type: ignore[attr-defined]
        if row[0].value == text_id:
            return int(row[0].row)
    raise AssertionError(text_id)


def _status(data_dir: Path, lang: str) -> dict[str, object]:
    r = runner.invoke(app, ["--data-dir", str(data_dir), "intake", "languages", "--json"])
    assert r.exit_code == 0, r.output
    return next(s for s in json.loads(r.stdout) if s["lang"] == lang)


def test_text_ids_cover_questions_help_and_choices() -> None:
    """Every question, its help and each of its choices is a text a translation must cover."""
    q = ReferenceData(None).intake_questionnaire
    ids = set(translations.text_ids(q))
    for question in q.all_questions():
        assert question.id in ids and question.id + "/help" in ids
        for choice in question.choices:
            assert f"{question.id}/choice/{choice.value}" in ids
    assert "work.kind/choice/employed" in ids and "report.title" in ids


def test_round_trip_marks_the_edited_text_reviewed(data_dir: Path, tmp_path: Path) -> None:
    """Acceptance: export ar, edit one text with openpyxl, import; `intake languages` now counts it
    reviewed (with initials and date in the file), and no other text changed status."""
    out = tmp_path / "ar.xlsx"
    _export(data_dir, "ar", out)
    before = _status(data_dir, "ar")
    assert "work.kind/choice/employed" in before["unreviewed"]  # type: ignore[operator]
    wb = openpyxl.load_workbook(out)
    ws = wb["texts"]
    row = _row(ws, "work.kind/choice/employed")
    assert ws.cell(row, 3).value == "In loondienst" and ws.cell(row, 4).value == "Employed"
    ws.cell(row, 5).value = "موظف بأجر"
    wb.save(out)
    r = runner.invoke(
        app, ["--data-dir", str(data_dir), "intake", "languages", "--import", str(out), "--reviewer", "AB"]
    )
    assert r.exit_code == 0, r.output
    after = _status(data_dir, "ar")
    assert after["reviewed"] == before["reviewed"] + 1  # type: ignore[operator]
    assert "work.kind/choice/employed" not in after["unreviewed"]  # type: ignore[operator]
    saved = load_model(data_dir / "intake" / "i18n" / "ar.yaml", TranslationFile)
    text = saved.texts["work.kind/choice/employed"]
    assert (text.text, text.reviewed, text.reviewer) == ("موظف بأجر", True, "AB")
    assert text.reviewed_on == date.today()
    table = runner.invoke(app, ["--data-dir", str(data_dir), "intake", "languages"], env={"COLUMNS": "120"})
    assert "ar    Arabisch" in table.stdout and " 1 " in table.stdout.splitlines()[2]


def test_initials_mark_an_unchanged_text_reviewed(data_dir: Path, tmp_path: Path) -> None:
    """A text that is right as it is gets reviewed by initials in 'checked' (no --reviewer needed)."""
    out = tmp_path / "tr.xlsx"
    _export(data_dir, "tr", out)
    wb = openpyxl.load_workbook(out)
    ws = wb["texts"]
    ws.cell(_row(ws, "work"), 9).value = "CD"
    wb.save(out)
    r = runner.invoke(app, ["--data-dir", str(data_dir), "intake", "languages", "--import", str(out)])
    assert r.exit_code == 0, r.output
    saved = load_model(data_dir / "intake" / "i18n" / "tr.yaml", TranslationFile)
    assert saved.texts["work"].reviewed and saved.texts["work"].reviewer == "CD"
    assert not saved.texts["skills"].reviewed


def _refused(data_dir: Path, out: Path, *args: str) -> str:
    before = (data_dir / "intake" / "i18n" / "ar.yaml").read_bytes()
    cmd = [
        "--data-dir",
        str(data_dir),
        "intake",
        "languages",
        "--import",
        str(out),
        "--reviewer",
        "AB",
        "--lang",
        "en",
    ]
    r = runner.invoke(app, [*cmd, *args])
    assert r.exit_code != 0 and "Traceback" not in r.output
    assert len(r.stderr.strip().splitlines()) == 1 and r.stderr.startswith("error:"), r.stderr
    assert (data_dir / "intake" / "i18n" / "ar.yaml").read_bytes() == before  # nothing written
    return r.stderr


def test_workbook_of_another_questionnaire_version_is_refused(data_dir: Path, tmp_path: Path) -> None:
    """A workbook exported for another questionnaire version: one line naming both versions."""
    out = tmp_path / "ar.xlsx"
    _export(data_dir, "ar", out)
    wb = openpyxl.load_workbook(out)
    about = wb["about"]
    for row in about.iter_rows():
        if row[0].value == "questionnaire_version":
            row[1].value = 99
    ws = wb["texts"]
    ws.cell(_row(ws, "work"), 5).value = "العمل"
    wb.save(out)
    assert "version 99" in _refused(data_dir, out)


def test_placeholder_mismatch_is_refused(data_dir: Path, tmp_path: Path) -> None:
    """A translation with a {placeholder} the source does not have is refused, naming the row."""
    out = tmp_path / "ar.xlsx"
    _export(data_dir, "ar", out)
    wb = openpyxl.load_workbook(out)
    ws = wb["texts"]
    row = _row(ws, "work")
    ws.cell(row, 5).value = "العمل {name}"
    wb.save(out)
    message = _refused(data_dir, out)
    assert f"row {row}" in message and "placeholder" in message


def test_placeholders_are_compared_with_the_source() -> None:
    """A placeholder kept as in the source passes; a renamed or dropped one does not."""
    assert translations.placeholders("{count} من {total}") == translations.placeholders("{total} van {count}")
    assert translations.placeholders("{aantal}") != translations.placeholders("{count}")


def test_changed_source_text_is_refused(data_dir: Path, tmp_path: Path) -> None:
    """A row whose Dutch source was edited in the workbook (or changed since) is refused."""
    out = tmp_path / "ar.xlsx"
    _export(data_dir, "ar", out)
    wb = openpyxl.load_workbook(out)
    ws = wb["texts"]
    row = _row(ws, "work")
    ws.cell(row, 3).value = "Iets anders"
    ws.cell(row, 5).value = "العمل"
    wb.save(out)
    assert "source" in _refused(data_dir, out)


def test_not_a_review_workbook_is_refused(data_dir: Path, tmp_path: Path) -> None:
    """Any other .xlsx (or a text file) is one line, not a traceback."""
    other = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["a", "b"])
    wb.save(other)
    assert "review workbook" in _refused(data_dir, other)
    text = tmp_path / "x.xlsx"
    text.write_text("not a zip")
    _refused(data_dir, text)


def test_export_needs_an_xlsx_out(data_dir: Path) -> None:
    """--export without --out FILE.xlsx is a usage error (exit 2), as is an unknown language."""
    r = runner.invoke(app, ["--data-dir", str(data_dir), "intake", "languages", "--export", "ar"])
    assert r.exit_code == 2 and "--out" in r.stderr
    r = runner.invoke(
        app, ["--data-dir", str(data_dir), "intake", "languages", "--export", "xx", "--out", "x.xlsx"]
    )
    assert r.exit_code == 2 and "--export: 'xx' is geen cliënttaal" in r.stderr


@pytest.mark.parametrize("lang", CLIENT_LANGS)
def test_shipped_translations_are_honest_and_in_the_one_layout(lang: str) -> None:
    """Each shipped file is in `translations.dumps`'s layout (an import rewrites only what it
    changes), has no unknown ids, and no text claims `reviewed` without reviewer and date."""
    path = I18N / f"{lang}.yaml"
    translation = load_model(path, TranslationFile)
    q = ReferenceData(None).intake_questionnaire
    order = translations.text_ids(q)
    assert translations.dumps(translation, order=order) == path.read_text(encoding="utf-8")
    assert intake_script.language_status(q, translation).unknown == []
    for text_id, text in translation.texts.items():
        if text.reviewed:
            assert text.reviewer and text.reviewed_on, text_id
