"""One intake as the ``intake`` command runs it: draft create/resume, config merge, version check,
saving after every answer, interruption, and the profile at the end.

The CLI only parses options, supplies the terminal ``ask`` and prints; everything it decides
lives here, so a notebook or another front end gets the same behaviour. Nothing here prints:
what the caseworker must be told comes back as ``Session.warnings`` or as an exception that
carries the draft's path.
"""

from __future__ import annotations

import datetime as dt
import os
import shlex
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
from pydantic import ValidationError

from skilltool import batch_signals, fsio, intake_engine, intake_script, profile_answers, profile_files
from skilltool.answer_parsing import answers_from_mapping
from skilltool.errors import InputFileError, OutputError
from skilltool.intake_engine import Ask
from skilltool.messages import Say, say
from skilltool.models import Profile
from skilltool.models.answers import IntakeAnswers
from skilltool.models.intake import Draft, Questionnaire, TranslationFile
from skilltool.profile_building import Coders, complete_profile
from skilltool.reference import ReferenceData, format_validation_error


class IntakeInterruptedError(Exception):
    """Ctrl-C, SIGTERM or end of input during the interview: every answer so far is in
    ``draft_path``; ``exit_code`` 143 for SIGTERM, else 130."""

    def __init__(self, draft_path: Path, *, exit_code: int = batch_signals.INTERRUPTED) -> None:
        super().__init__(f"intake interrupted; the draft is {draft_path}")
        self.draft_path = draft_path
        self.exit_code = exit_code


class DraftSaveError(OutputError):
    """The draft (or the profile at the end) could not be written; ``draft_path`` can be resumed."""

    def __init__(self, message: str | Say, *, draft_path: Path) -> None:
        super().__init__(message)
        self.draft_path = draft_path


def default_draft_path(out: Path | None, *, now: dt.datetime | None = None) -> Path:
    """Next to ``--out`` (``profile.json.draft.json``), else in the user data folder."""
    if out is not None:
        return out.with_name(out.name + ".draft.json")
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    # the process id too: intakes started in the same second (a script, two windows) shared one
    # draft, each saving its client's answers over the other's
    return (
        Path(platformdirs.user_data_dir("skilltool", appauthor=False))
        / "drafts"
        / f"intake-{stamp}-{os.getpid()}.draft.json"
    )


def resume_command(path: Path) -> str:
    """The command that continues the intake of draft ``path``."""
    return f"skilltool intake --resume {shlex.quote(str(path))}"


@dataclass
class Session:
    """An intake ready to run: the questionnaire (config applied), the draft and where it lives."""

    questionnaire: Questionnaire
    draft: Draft
    draft_path: Path
    out: Path | None
    lang: str
    client_lang: str | None
    translation: TranslationFile | None
    resumed: bool
    warnings: list[Say] = field(default_factory=list)  # rendered by the caller in ``lang``
    notes: list[Say] = field(default_factory=list)  # status lines, rendered the same way

    def save(self, state: dict[str, object]) -> None:
        """Write the draft with ``state``; an ``OutputError`` says why it could not be written."""
        profile_files.save_draft(self.draft_path, self.draft.model_copy(update={"state": state}))


def read_answers_file(
    ref: ReferenceData, answers: Path, *, config: Path | None = None, lang: str = "nl"
) -> IntakeAnswers:
    """An ``--answers`` file checked question by question as the interview would (the questionnaire
    with ``config`` applied); the first bad answer is an ``InputFileError`` with its reason in ``lang``."""
    questionnaire = intake_script.load_questionnaire(ref, config=config)
    data = profile_files.load_answers_file(answers)
    return intake_engine.run_from_file(questionnaire, data, source=str(answers), lang=lang)


def from_answers_file(
    ref: ReferenceData,
    answers: Path,
    *,
    config: Path | None = None,
    lang: str = "nl",
    coders: Coders | None = None,
    now: dt.datetime | None = None,
) -> Profile:
    """``intake --answers FILE``: every answer checked as in the interview, then the profile
    (``now``: its ``created``, else the time it is made)."""
    result = read_answers_file(ref, answers, config=config, lang=lang)
    try:
        return complete_profile(result, ref=ref, coders=coders, lang=lang, now=now)
    except InputFileError as exc:  # a confirmed code the data lack: named by its file and field
        if exc.rule is None or exc.field is None:
            raise
        # the code as given is not repeated (a name typed where a skill's id belongs was)
        raise InputFileError(
            say("errors.intake.unknown_code", source=str(answers), field=exc.field, reason=say(exc.rule))
        ) from None


def open_session(
    ref: ReferenceData,
    *,
    lang: str | None = None,
    client_lang: str | None = None,
    out: Path | None = None,
    resume: Path | None = None,
    config: Path | None = None,
    now: dt.datetime | None = None,
    force: bool = False,
) -> Session:
    """A new intake, or the one in draft ``resume``; options not given come from the draft.

    The draft keeps the language, client language, ``--out`` and ``--config`` it was started
    with (``lang`` None: the draft's, or Dutch for a new one; a language given is used, and kept,
    from now on: a colleague who resumed with ``--lang en`` got the draft's Dutch without a word);
    a draft made with another questionnaire version gives a warning (check the answers);
    its answers are checked against the questionnaire now in use. ``force`` starts afresh over an
    unfinished draft for ``out`` (its answers are lost), unless its interview is going on.
    """
    replaced = False  # an unfinished draft for --out, replaced with --force
    reopened = _finished_profile(resume) if resume is not None else None
    if resume is not None and reopened is not None:
        return _reopen(
            ref,
            reopened,
            resume,
            lang=lang,
            client_lang=client_lang,
            out=out,
            config=config,
            now=now,
            force=force,
        )
    if resume is not None:
        draft = profile_files.load_draft(resume)
        draft_path = resume
        lang = lang or draft.lang
        client_lang = client_lang or draft.client_lang
        out = out or (Path(draft.out) if draft.out else None)
        config = config or (Path(draft.config) if draft.config else None)
    else:
        lang = lang or "nl"
        for given in (out, config):  # the draft is JSON, which cannot hold a name that is not UTF-8
            if given is not None and fsio.shown(given) != str(given):
                raise InputFileError(say("errors.intake.name_not_utf8", path=fsio.shown(given)))
        draft_path = default_draft_path(out, now=now)
        replaced = draft_path.exists() or draft_path.is_symlink()
        if replaced and not force:
            # an intake for this --out interrupted earlier (or running now): starting afresh wrote an
            # empty draft over every answer it holds
            raise OutputError(
                say("errors.intake.draft_exists", path=draft_path, command=resume_command(draft_path))
            )
        if replaced:  # --force: what the user asked, but never under an interview going on
            with held_draft(draft_path):
                pass
        draft = Draft.model_validate(
            {
                "lang": lang,
                "client_lang": client_lang,
                # realpath: absolute, and no error on a link loop (Path.resolve raised one)
                "out": os.path.realpath(out) if out else None,
                "config": os.path.realpath(config) if config else None,
                "started": (now or dt.datetime.now(dt.UTC)).replace(microsecond=0),
                "state": {},
            }
        )
    if out is not None:
        fsio.check_output_file(out)
        if resume is not None and fsio.same_file(out, resume):
            # a draft renamed to its profile's name: the profile was written over it, then removed
            # as the finished draft, every answer lost after "profile written"
            raise OutputError(say("errors.intake.out_is_draft", path=resume))
    questionnaire = intake_script.load_questionnaire(ref, config=config)
    if resume is not None:
        asked = {s.id for s in questionnaire.sections}
        off = [s for s in ref.intake_questionnaire.sections if s.id not in asked]
        intake_engine.check_draft(questionnaire, draft.state, source=str(resume), switched_off=off)
    translation = intake_script.load_translation(ref, client_lang) if client_lang else None
    warnings = [say("warnings.intake.draft_replaced", path=draft_path)] if replaced else []
    if draft.questionnaire_version not in (None, questionnaire.version):
        warnings.append(
            say(
                "warnings.intake.version_changed",
                path=draft_path,
                found=draft.questionnaire_version,
                want=questionnaire.version,
            )
        )
    draft = draft.model_copy(update={"questionnaire_version": questionnaire.version, "lang": lang})
    return Session(
        questionnaire=questionnaire,
        draft=draft,
        draft_path=draft_path,
        out=out,
        lang=lang,
        client_lang=client_lang,
        translation=translation,
        resumed=resume is not None,
        warnings=warnings,
    )


def _finished_profile(path: Path) -> Profile | None:
    """The profile at ``path`` when ``--resume`` was given a finished intake's profile, else None
    (a draft, or a file that is neither: ``load_draft`` then says what is wrong with it)."""
    try:
        profile_files.load_draft(path)
    except InputFileError:
        try:
            return profile_files.read_profile(path)
        except InputFileError:
            return None
    return None


def earlier_answers(questionnaire: Questionnaire, profile: Profile, *, source: str) -> dict[str, object]:
    """``profile``'s answers as the interview's flat state, each checked as an answers file's is."""
    flat: dict[str, object] = {}

    def keep(state: dict[str, object]) -> None:
        flat.clear()
        flat.update(state)

    intake_engine.run(
        questionnaire,
        intake_engine.file_asker(profile_answers.answers_of(profile), source=source),
        on_change=keep,
    )
    return flat


def _reopen(
    ref: ReferenceData,
    profile: Profile,
    path: Path,
    *,
    lang: str | None,
    client_lang: str | None,
    out: Path | None,
    config: Path | None,
    now: dt.datetime | None,
    force: bool,
) -> Session:
    """``intake --resume PROFILE.json``: the finished intake asked again, each question with the
    answer given then as its default (Enter keeps it), in a new draft beside the profile; at the
    end the profile is written again (to ``out``, else over ``path``)."""
    lang = lang or profile.texts_lang or "nl"
    target = out or path
    questionnaire = intake_script.load_questionnaire(ref, config=config)
    earlier = earlier_answers(questionnaire, profile, source=str(path))
    draft_path = default_draft_path(target, now=now)
    replaced = draft_path.exists() or draft_path.is_symlink()
    if replaced and not force:  # a reopening interrupted earlier: its new answers are in that draft
        raise OutputError(
            say("errors.intake.draft_exists", path=draft_path, command=resume_command(draft_path))
        )
    if replaced:
        with held_draft(draft_path):
            pass
    fsio.check_output_file(target)
    draft = Draft.model_validate(
        {
            "lang": lang,
            "client_lang": client_lang,
            "out": os.path.realpath(target),
            "config": os.path.realpath(config) if config else None,
            "started": (now or dt.datetime.now(dt.UTC)).replace(microsecond=0),
            "questionnaire_version": questionnaire.version,
            "state": {},
            "earlier": earlier,
        }
    )
    return Session(
        questionnaire=questionnaire,
        draft=draft,
        draft_path=draft_path,
        out=target,
        lang=lang,
        client_lang=client_lang,
        translation=intake_script.load_translation(ref, client_lang) if client_lang else None,
        resumed=False,
        warnings=[say("warnings.intake.draft_replaced", path=draft_path)] if replaced else [],
        notes=[say("intake.reopened", path=path, out=target)],
    )


def start(session: Session) -> None:
    """Write the draft before the first question, so an interruption can always be resumed."""
    try:
        session.save(dict(session.draft.state))
    except OutputError as exc:
        raise DraftSaveError(exc.text, draft_path=session.draft_path) from None


def held(session: Session) -> AbstractContextManager[None]:
    """One interview per draft at a time (``filelock`` on ``DRAFT.lock``, released by the system if
    the process dies): two windows resuming one draft each saved its answers over the other's,
    without a word. A folder where no lock can be made (read-only) is left to the draft's save."""
    return held_draft(session.draft_path)


@contextmanager
def held_draft(draft_path: Path) -> Iterator[None]:
    """``held`` for the draft at ``draft_path``."""
    path = draft_path.with_name(draft_path.name + ".lock")
    with fsio.exclusive(path, InputFileError(say("errors.intake.draft_in_use", path=draft_path))):
        yield


def interview(
    session: Session,
    ask: Ask,
    *,
    ref: ReferenceData,
    coders: Coders | None = None,
    now: dt.datetime | None = None,
) -> Profile:
    """Ask every question (saving the draft after each answer), then code the profile (``now``:
    its ``created``, ``SOURCE_DATE_EPOCH``'s time; else the time it is made).

    Ctrl-C or end of input raises ``IntakeInterruptedError``; a draft that cannot be saved
    raises ``DraftSaveError``; both name the draft to resume.
    """
    try:
        nested = intake_engine.run(
            session.questionnaire,
            ask,
            answers=session.draft.state,
            on_change=session.save,
            lang=session.lang,
            together=True,
            earlier=session.draft.earlier,
        )
    except (KeyboardInterrupt, EOFError) as exc:
        raise IntakeInterruptedError(session.draft_path, exit_code=batch_signals.exit_code(exc)) from None
    except OutputError as exc:  # the draft could not be saved (full disk, folder made read-only)
        raise DraftSaveError(exc.text, draft_path=session.draft_path) from None
    try:
        answers = answers_from_mapping(nested)
    except ValidationError as exc:
        raise InputFileError(format_validation_error(session.draft_path, exc)) from None
    return complete_profile(answers, ref=ref, coders=coders, lang=session.lang, now=now)


def finish(session: Session, profile: Profile, *, write: Callable[[Profile], None]) -> None:
    """Write the profile with ``write``, then remove the draft (the profile holds every answer now).

    A profile that cannot be written raises ``DraftSaveError``: every answer is in the draft, and
    resuming it writes the profile.
    """
    try:
        write(profile)
    except OutputError as exc:
        raise DraftSaveError(exc.text, draft_path=session.draft_path) from None
    session.draft_path.unlink(missing_ok=True)
