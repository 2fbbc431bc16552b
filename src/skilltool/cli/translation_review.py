"""``intake languages --export/--import``: a client language's texts as a workbook for an
interpreter, and the reviewed workbook read back into ``data/intake/i18n/<lang>.yaml``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from skilltool import console, fsio, intake_script, messages, translations
from skilltool.errors import InputFileError, UsageError
from skilltool.models.intake import CLIENT_LANGS
from skilltool.reference import ReferenceData


def export(
    ref: ReferenceData, lang: str, out: Path | None, *, ui_lang: str = "nl", force: bool = False
) -> None:
    """Write the review workbook of ``lang`` to ``out`` (an existing one only with ``force``); the
    status line in ``ui_lang``."""
    if lang not in CLIENT_LANGS:
        raise UsageError(
            messages.t("usage.export_lang", ui_lang, given=repr(lang), choices=", ".join(CLIENT_LANGS))
        )
    if out is None or out.suffix.lower() != ".xlsx":
        raise UsageError(messages.t("usage.export_out", ui_lang))
    fsio.check_output_file(out)
    fsio.check_not_taken(out, force=force)
    questionnaire = ref.intake_questionnaire
    count = translations.export_workbook(questionnaire, intake_script.load_translation(ref, lang), out)
    console.note(messages.t("translation.exported", ui_lang, count=count, language=lang, path=out))


def import_(ref: ReferenceData, workbook: Path, reviewer: str | None, *, ui_lang: str = "nl") -> None:
    """Read a reviewed workbook back into its language's file; the status line in ``ui_lang``."""
    read = translations.read_workbook(workbook)
    lang = str(read.about.get("lang") or "")
    if lang not in CLIENT_LANGS:
        raise InputFileError(messages.say("errors.intake.workbook_lang", path=workbook, given=repr(lang)))
    translation = intake_script.load_translation(ref, lang)
    questionnaire = ref.intake_questionnaire
    result = translations.import_workbook(
        questionnaire, translation, read, reviewer=reviewer, today=date.today()
    )
    path = intake_script.translation_path(ref, lang)
    if result.reviewed:
        order = translations.text_ids(questionnaire)
        fsio.write_text(path, translations.dumps(result.translation, order=order), mode=0o644)
    console.note(
        messages.t(
            "translation.imported",
            ui_lang,
            path=path,
            reviewed=len(result.reviewed),
            changed=len(result.changed),
        )
    )
