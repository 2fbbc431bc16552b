"""Client-language texts of the intake and their review by a fluent person.

Every text a client sees has an id: a section (``work``), a question (``work.kind``), its help
(``work.kind/help``), one of its choices (``work.kind/choice/employed``), the "add another?"
question of a repeated section (``work.more``, help ``work.more/help``) and the other texts of
the questionnaire (``report.title``). ``source_texts`` lists them with the Dutch and English
source, in interview order.

A municipality gets the texts reviewed without editing YAML: ``export_workbook`` writes one
language as an .xlsx for an interpreter (source beside the draft), ``import_workbook`` reads it
back: a text the reviewer changed or initialled becomes ``reviewed: true`` with ``reviewer`` and
``reviewed_on``. A workbook made for another questionnaire version, a source text that changed
since the export, or a placeholder (``{name}``) that does not match the source is refused before
anything is written. ``dumps`` writes ``data/intake/i18n/<lang>.yaml`` in its one layout.
"""

from __future__ import annotations

import io
import json
import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from skilltool.errors import InputFileError
from skilltool.messages import Say, say
from skilltool.models.intake import Questionnaire, TranslatedText, TranslationFile

HELP = "/help"
CHOICE = "/choice/"

# the workbook: one sheet of texts, one of facts the import checks
SHEET = "texts"
ABOUT = "about"
KIND = "skilltool-translation-review"
COLUMNS = ("id", "kind", "nl", "en", "translation", "status", "reviewer", "reviewed_on", "checked")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@dataclass(frozen=True)
class SourceText:
    """One client-facing text: its id, what it is, and the Dutch and English source."""

    id: str
    kind: str  # section, question, help, choice, text
    nl: str
    en: str


def source_texts(questionnaire: Questionnaire) -> list[SourceText]:
    """Every client-facing text of ``questionnaire`` in interview order (the translation's ids)."""
    out: list[SourceText] = []
    for section in questionnaire.sections:
        out.append(SourceText(section.id, "section", section.title.nl, section.title.en))
        questions = [q for parent in section.questions for q in (parent, *parent.questions)]
        for q in questions:
            out.append(SourceText(q.id, "question", q.text.nl, q.text.en))
            out.append(SourceText(q.id + HELP, "help", q.help.nl, q.help.en))
            out.extend(
                SourceText(f"{q.id}{CHOICE}{c.value}", "choice", c.text.nl, c.text.en) for c in q.choices
            )
        if section.more is not None:
            more = f"{section.id}.more"
            out.append(SourceText(more, "question", section.more.nl, section.more.en))
            if section.more_help is not None:
                out.append(SourceText(more + HELP, "help", section.more_help.nl, section.more_help.en))
    out.extend(SourceText(key, "text", t.nl, t.en) for key, t in questionnaire.texts.items())
    return out


def text_ids(questionnaire: Questionnaire) -> list[str]:
    """The ids of ``source_texts``: what a complete translation covers."""
    return [s.id for s in source_texts(questionnaire)]


def placeholders(text: str) -> list[str]:
    """The ``{name}`` placeholders of ``text``, sorted (what a translation must keep)."""
    return sorted(_PLACEHOLDER.findall(text))


# --- the YAML file -----------------------------------------------------------------------------


def _scalar(value: str) -> str:
    # a JSON string is a valid YAML double-quoted scalar
    return json.dumps(value, ensure_ascii=False)


def dumps(translation: TranslationFile, *, order: list[str]) -> str:
    """``data/intake/i18n/<lang>.yaml`` text: a header, then one line per text in ``order`` (ids
    not in ``order`` last, sorted), each ``id: {text: ..., reviewed: ..., reviewer, reviewed_on}``."""
    lines = [
        f"# Client-language texts for the intake and report: {translation.name_en}.",
        "# Drafts written by the developers are `reviewed: false`; a text is `reviewed: true`, with",
        "# `reviewer` (a role or initials, never a client) and `reviewed_on`, only after a fluent",
        "# person checked it: `skilltool intake languages --export/--import` (a workbook for an",
        "# interpreter). `skilltool intake languages` lists missing and unreviewed ids.",
        f"lang: {translation.lang}",
        f"name: {_scalar(translation.name)}",
        f"name_en: {translation.name_en}",
        f"direction: {translation.direction}",
    ]
    if translation.note is not None:
        lines.append(f"note: {_scalar(translation.note)}")
    lines.append("texts:")
    known = set(order)
    ids = [i for i in order if i in translation.texts] + sorted(set(translation.texts) - known)
    for text_id in ids:
        t = translation.texts[text_id]
        parts = [f"text: {_scalar(t.text)}", f"reviewed: {'true' if t.reviewed else 'false'}"]
        if t.reviewer is not None:
            parts.append(f"reviewer: {_scalar(t.reviewer)}")
        if t.reviewed_on is not None:
            parts.append(f"reviewed_on: {t.reviewed_on.isoformat()}")
        lines.append(f"  {text_id}: {{{', '.join(parts)}}}")
    return "\n".join(lines) + "\n"


# --- export --------------------------------------------------------------------------------------


def export_workbook(questionnaire: Questionnaire, translation: TranslationFile, out: Path) -> int:
    """Write the review workbook for ``translation`` to ``out``; returns the number of texts."""
    # lazy: openpyxl costs start-up time; the interview imports this module for text_ids only
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill  # lazy: see above
    from openpyxl.worksheet.datavalidation import DataValidation  # lazy: see above

    from skilltool import fsio  # lazy: with the workbook code above

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    lang = translation.lang
    headers = {
        "id": "id",
        "kind": "kind",
        "nl": "Nederlands (bron / source)",
        "en": "English (source)",
        "translation": f"{translation.name_en} ({lang}): correct or write here",
        "status": "status",
        "reviewer": "reviewer",
        "reviewed_on": "reviewed on",
        "checked": "checked: your initials when the text is right",
    }
    ws.append([headers[c] for c in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    sources = source_texts(questionnaire)
    for s in sources:
        t = translation.texts.get(s.id)
        status = "missing" if t is None else "reviewed" if t.reviewed else "unreviewed"
        ws.append(
            [
                s.id,
                s.kind,
                s.nl,
                s.en,
                t.text if t else None,
                status,
                t.reviewer if t else None,
                t.reviewed_on.isoformat() if t and t.reviewed_on else None,
                None,
            ]
        )
    editable = PatternFill("solid", fgColor="FFF2CC")
    for row in ws.iter_rows(min_row=2, max_row=len(sources) + 1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        row[COLUMNS.index("translation")].fill = editable
        row[COLUMNS.index("checked")].fill = editable
        if translation.direction == "rtl":
            row[COLUMNS.index("translation")].alignment = Alignment(
                wrap_text=True, vertical="top", horizontal="right", readingOrder=2
            )
    for letter, width in zip("ABCDEFGHI", (30, 9, 45, 45, 45, 11, 10, 11, 14), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "C2"
    checked = DataValidation(type="textLength", operator="between", formula1="1", formula2="10")
    checked.add(f"I2:I{len(sources) + 1}")
    ws.add_data_validation(checked)
    about = wb.create_sheet(ABOUT)
    for key, value in (
        ("kind", KIND),
        ("lang", lang),
        ("questionnaire_version", questionnaire.version),
        ("texts", len(sources)),
        (
            "how",
            "Correct or write the text in the yellow column, or put your initials in 'checked' when "
            "it is right as it is. Keep every {placeholder} exactly as in the source. Do not change "
            "the other columns. Return the file; it is read with "
            "`skilltool intake languages --import FILE.xlsx --reviewer INITIALS`.",
        ),
    ):
        about.append([key, value])
    about.column_dimensions["A"].width = 24
    about.column_dimensions["B"].width = 90
    buffer = io.BytesIO()
    wb.save(buffer)
    fsio.write_bytes(out, buffer.getvalue(), mode=0o644)
    return len(sources)


# --- import --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    """What an import changed: the translation to write and the ids newly marked reviewed."""

    translation: TranslationFile
    reviewed: list[str]
    changed: list[str]


@dataclass(frozen=True)
class ReviewWorkbook:
    """A review workbook as read: its ``about`` facts and its text rows (row number, column -> value)."""

    path: Path
    about: dict[str, object]  # the about sheet's cells, as openpyxl read them
    rows: list[tuple[int, dict[str, str]]]


def _cell(value: object) -> str:
    return "" if value is None else str(value).strip()


MAX_ROWS = 100_000
"""The last row read of a review workbook's text sheet: it has one row per text (hundreds)."""
_DAMAGED = (zipfile.BadZipFile, zlib.error, KeyError, OSError, ValueError, IndexError, SyntaxError)
"""What openpyxl raises on a damaged workbook: broken XML (``ParseError`` is a ``SyntaxError``), a
cell whose value does not fit its type, a shared string that is not there, a damaged zip stream."""


def read_workbook(path: Path) -> ReviewWorkbook:
    """Read a review workbook once: the ``about`` facts and the text rows (errors: catalogue keys).
    openpyxl's own warnings (a date cell out of range, an unknown extension) are not shown: they
    are lines on stderr beside ours that name no file, and a cell they concern is read as it is."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _read_workbook(path)


def _read_workbook(path: Path) -> ReviewWorkbook:
    # lazy: openpyxl costs start-up time; the interview imports this module for text_ids only
    import openpyxl

    from skilltool import fsio  # lazy: with openpyxl above
    from skilltool.xlsx_checks import check_xlsx_size  # lazy: with openpyxl above

    fsio.check_input_file(path, say("errors.what.workbook"))
    try:
        check_xlsx_size(path)
    except InputFileError as exc:  # "a CSV named .xlsx? name it .csv" is no advice for a review workbook
        if isinstance(exc.text, Say) and exc.text.key == "errors.xlsx.is_text":
            raise InputFileError(say("translation.error.text_file", path=path)) from None
        raise
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except _DAMAGED as exc:
        raise InputFileError(say("translation.error.unreadable", path=path, detail=exc)) from None
    try:
        if ABOUT not in wb.sheetnames or SHEET not in wb.sheetnames:
            raise InputFileError(say("translation.error.not_workbook", path=path, sheet=SHEET, about=ABOUT))
        # max_col: read-only openpyxl pads every row to the sheet's declared dimension, so a
        # <dimension ref="A1:XFD1048576"> and one far cell made a 5 KB file run for minutes
        about_rows = wb[ABOUT].iter_rows(max_row=100, max_col=2, values_only=True)  # five facts
        about = {_cell(r[0]): r[1] for r in about_rows if r and r[0] is not None}
        rows: list[tuple[int, dict[str, str]]] = []
        texts = wb[SHEET].iter_rows(min_row=2, max_col=len(COLUMNS), values_only=True)
        for number, values in enumerate(texts, start=2):
            if number > MAX_ROWS:  # rows up to a far one come as empty rows, one by one
                raise InputFileError(
                    say("translation.error.too_many_rows", path=path, sheet=SHEET, limit=MAX_ROWS)
                )
            cells = [_cell(v) for v in values][: len(COLUMNS)]
            if not any(cells):
                continue
            cells += [""] * (len(COLUMNS) - len(cells))
            rows.append((number, dict(zip(COLUMNS, cells, strict=True))))
    except _DAMAGED as exc:  # openpyxl's read-only sheets parse while they are read
        raise InputFileError(say("translation.error.unreadable", path=path, detail=exc)) from None
    finally:
        wb.close()
    return ReviewWorkbook(path, about, rows)


def import_workbook(
    questionnaire: Questionnaire,
    translation: TranslationFile,
    workbook: ReviewWorkbook,
    *,
    reviewer: str | None,
    today: date,
) -> ImportResult:
    """``translation`` with the reviewed texts of ``workbook`` (``read_workbook``); nothing is written.

    A row counts as reviewed when its text differs from the current one (corrected or newly
    written) or its ``checked`` cell holds initials; the reviewer is ``checked`` or else
    ``reviewer``. An empty translation cell leaves the text as it is. Refused with one line
    (file, row, id) on: another kind of file, another language or questionnaire version, an
    unknown id, a source text changed since the export, a placeholder that does not match
    (catalogue keys: the CLI shows them in the user's language).
    """
    path, about, rows = workbook.path, workbook.about, workbook.rows
    if _cell(about.get("kind")) != KIND:
        raise InputFileError(say("translation.error.not_ours", path=path, about=ABOUT))
    made_for = _cell(about.get("lang"))
    if made_for != translation.lang:
        raise InputFileError(
            say("translation.error.other_lang", path=path, found=made_for, want=translation.lang)
        )
    version = _cell(about.get("questionnaire_version"))
    if version != str(questionnaire.version):
        raise InputFileError(
            say(
                "translation.error.other_version",
                path=path,
                found=version or "(-)",
                want=questionnaire.version,
            )
        )
    sources = {s.id: s for s in source_texts(questionnaire)}
    texts = dict(translation.texts)
    reviewed: list[str] = []
    changed: list[str] = []
    seen: set[str] = set()
    for number, row in rows:
        where = say("translation.error.row", path=path, number=number)
        text_id = row["id"]
        source = sources.get(text_id)
        if source is None:
            raise InputFileError(say("translation.error.unknown_id", where=where, id=text_id))
        if text_id in seen:
            raise InputFileError(say("translation.error.twice", where=where, id=text_id))
        seen.add(text_id)
        if row["nl"] != source.nl.strip() or row["en"] != source.en.strip():
            raise InputFileError(say("translation.error.source_changed", where=where, id=text_id))
        new = row["translation"]
        current = texts.get(text_id)
        initials = row["checked"] or None
        if not new or (current is not None and new == current.text.strip() and initials is None):
            continue  # nothing written and nothing checked: as it was
        if placeholders(new) != placeholders(source.nl):
            none = say("translation.error.none")
            raise InputFileError(
                say(
                    "translation.error.placeholders",
                    where=where,
                    id=text_id,
                    found=", ".join(placeholders(new)) or none,
                    want=", ".join(placeholders(source.nl)) or none,
                )
            )
        who = initials or reviewer
        if not who:
            raise InputFileError(say("translation.error.no_reviewer", where=where, id=text_id))
        if len(who) > 10:
            raise InputFileError(say("translation.error.reviewer_long", where=where, id=text_id))
        if current is None or new != current.text.strip():
            changed.append(text_id)
        texts[text_id] = TranslatedText(text=new, reviewed=True, reviewer=who, reviewed_on=today)
        reviewed.append(text_id)
    return ImportResult(
        translation=translation.model_copy(update={"texts": texts}), reviewed=reviewed, changed=changed
    )
