"""The intake's questionnaire: loading it with its config, checking it, and its client-language texts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from skilltool.errors import DataFileError, InputFileError, UnknownChoiceError
from skilltool.messages import say
from skilltool.models.answers import (
    CircumstanceAnswers,
    EducationAnswer,
    IntakeAnswers,
    LanguageAnswer,
    LanguageAnswers,
    PersonalAnswers,
    SkillAnswers,
    WishAnswers,
    WorkAnswer,
)
from skilltool.models.base import Bilingual
from skilltool.models.intake import (
    CLIENT_LANGS,
    IntakeConfig,
    LanguageStatus,
    Questionnaire,
    TranslationFile,
)
from skilltool.reference import ReferenceData, load_model
from skilltool.translations import text_ids

# --- loading ---------------------------------------------------------------------------------------


def intake_dir(ref: ReferenceData) -> Path:
    return ref.data_dir / "intake"


def load_questionnaire(ref: ReferenceData, *, config: Path | None = None) -> Questionnaire:
    """The questionnaire of ``data/intake/``, with the sections the config switches off removed.

    ``config`` defaults to ``data/intake/config.yaml`` (absent: nothing switched off).
    """

    path = intake_dir(ref) / "questionnaire.yaml"
    questionnaire = ref.intake_questionnaire
    check_questionnaire(questionnaire, path=path)
    cfg_path = config if config is not None else intake_dir(ref) / "config.yaml"
    if config is None and not cfg_path.exists():
        return questionnaire
    if config is not None and not config.exists():
        raise InputFileError(say("errors.file.missing", path=config, what=say("errors.what.config")))
    return apply_config(questionnaire, load_model(cfg_path, IntakeConfig), path=cfg_path)


def apply_config(questionnaire: Questionnaire, config: IntakeConfig, *, path: Path | str) -> Questionnaire:
    """The questionnaire without the sections ``config`` switches off."""
    ids = {s.id: s for s in questionnaire.sections}
    for sid in config.disabled_sections:
        if sid not in ids:
            raise DataFileError(
                say("errors.intake.unknown_section", path=path, section=repr(sid), known=", ".join(ids))
            )
        if not ids[sid].can_disable:
            raise DataFileError(say("errors.intake.required_section", path=path, section=repr(sid)))
    off = set(config.disabled_sections)
    return questionnaire.model_copy(
        update={"sections": [s for s in questionnaire.sections if s.id not in off]}
    )


def check_questionnaire(questionnaire: Questionnaire, *, path: Path | str) -> None:
    """Every question must land on a field of ``IntakeAnswers``: a typo fails on load, not at the end."""

    models: dict[str, type[BaseModel]] = {
        "personal": PersonalAnswers,
        "languages": LanguageAnswers,
        "languages.other": LanguageAnswer,
        "education": EducationAnswer,
        "work": WorkAnswer,
        "skills": SkillAnswers,
        "wishes": WishAnswers,
        "circumstances": CircumstanceAnswers,
    }
    for section in questionnaire.sections:
        for q in section.questions:
            if section.store == "top":
                fields = IntakeAnswers.model_fields
            elif section.id in models:
                fields = models[section.id].model_fields
            else:
                raise DataFileError(
                    say("errors.intake.section_not_answers", path=path, section=repr(section.id))
                )
            if q.field not in fields:
                raise DataFileError(say("errors.intake.not_a_field", path=path, id=q.id, field=repr(q.field)))
            for sub in q.questions:
                if sub.field not in models[q.id].model_fields:
                    raise DataFileError(
                        say("errors.intake.not_a_field", path=path, id=sub.id, field=repr(sub.field))
                    )


def check_client_lang(client_lang: str | None) -> None:
    """Refuse a ``--client-lang`` that is not a client language: one usage line, in the command's
    ``--lang`` (English in ``.message``: ``render_report(client_lang="xx")`` said it in Dutch)."""
    if client_lang is not None and client_lang not in CLIENT_LANGS:
        raise UnknownChoiceError(
            say("usage.client_lang", given=repr(client_lang), choices=", ".join(CLIENT_LANGS))
        )


def translation_path(ref: ReferenceData, lang: str) -> Path:
    """Where client language ``lang``'s texts live: ``data/intake/i18n/<lang>.yaml``."""
    return intake_dir(ref) / "i18n" / f"{lang}.yaml"


def load_translation(ref: ReferenceData, lang: str) -> TranslationFile:
    """``data/intake/i18n/<lang>.yaml``."""

    if lang not in CLIENT_LANGS:
        raise UnknownChoiceError(say("usage.client_lang", given=repr(lang), choices=", ".join(CLIENT_LANGS)))
    path = translation_path(ref, lang)
    translation = load_model(path, TranslationFile)
    if translation.lang != lang:
        raise DataFileError(
            say("errors.intake.translation_lang", path=path, found=repr(translation.lang), want=repr(lang))
        )
    return translation


def language_status(questionnaire: Questionnaire, translation: TranslationFile) -> LanguageStatus:
    """What a client-language file lacks (missing ids) and what nobody checked (unreviewed ids)."""
    ids = text_ids(questionnaire)
    known = set(ids)
    texts = translation.texts
    return LanguageStatus(
        lang=translation.lang,
        name=translation.name,
        name_en=translation.name_en,
        direction=translation.direction,
        texts=sum(1 for i in ids if i in texts),
        total=len(ids),
        reviewed=sum(1 for i in ids if i in texts and texts[i].reviewed),
        missing=[i for i in ids if i not in texts],
        unreviewed=[i for i in ids if i in texts and not texts[i].reviewed],
        unknown=sorted(set(texts) - known),
    )


def languages_report(ref: ReferenceData) -> list[LanguageStatus]:
    """``intake languages``: the status of every shipped client language (the full script, no config)."""
    questionnaire = ref.intake_questionnaire
    return [language_status(questionnaire, load_translation(ref, lang)) for lang in CLIENT_LANGS]


@dataclass(frozen=True)
class ClientText:
    """A text in the client's language, or the fact that there is none (never a silent fallback)."""

    lang: str
    text: str | None
    reviewed: bool
    direction: str
    unreviewed: str | None = None
    """"Not reviewed" in the client's own language (the script's ``hint.unreviewed``) beside a text
    nobody checked, so that a client who reads neither Dutch nor English sees it too; None when
    the text was reviewed, is missing, or the file has no such words."""


UNREVIEWED_HINT = "hint.unreviewed"


def client_text(translation: TranslationFile | None, text_id: str) -> ClientText | None:
    """The client-language text for ``text_id``; ``text=None`` when the file lacks it."""
    if translation is None:
        return None
    entry = translation.texts.get(text_id)
    hint = translation.texts.get(UNREVIEWED_HINT)
    return ClientText(
        lang=translation.lang,
        text=entry.text if entry else None,
        reviewed=bool(entry and entry.reviewed),
        direction=translation.direction,
        unreviewed=hint.text if hint and entry and not entry.reviewed else None,
    )


def texts_for(questionnaire: Questionnaire, text_id: str) -> Bilingual | None:
    """The caseworker-language texts for any translatable id (section, question, group, text)."""
    for section in questionnaire.sections:
        if section.id == text_id:
            return section.title
        if text_id == f"{section.id}.more":
            return section.more
    for q in questionnaire.all_questions():
        if q.id == text_id:
            return q.text
    return questionnaire.texts.get(text_id)


def check_intake_files(ref: ReferenceData) -> int:
    """``data validate``: the questionnaire, its config and every client-language file; counts questions.

    A language file may lack texts (``intake languages`` lists them) but must not carry ids the
    questionnaire does not have: that is a typo or a stale text.
    """
    questionnaire = load_questionnaire(ref)
    for lang in CLIENT_LANGS:
        status = language_status(questionnaire, load_translation(ref, lang))
        if status.unknown:
            path = translation_path(ref, lang)
            raise DataFileError(say("errors.intake.unknown_text_id", path=path, id=status.unknown[0]))
    return len(questionnaire.all_questions())
