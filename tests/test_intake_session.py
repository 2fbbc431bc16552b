"""The intake command's logic lives in the core (``intake_session``), testable without the CLI:
draft create/resume with its options, the questionnaire-version warning, and Ctrl-C."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from skilltool import intake_session, profile_files
from skilltool.intake_engine import Nav, Prompt
from skilltool.reference import ReferenceData


def test_a_new_session_drafts_next_to_out_and_resume_restores_its_options(tmp_path: Path) -> None:
    """The draft sits next to --out and keeps lang, client language and out for --resume; a draft
    saved before the first answer resumes (regression: it failed with "personal: Field required")."""
    ref = ReferenceData()
    out = tmp_path / "p.json"
    session = intake_session.open_session(ref, lang="en", client_lang="ar", out=out)
    assert session.draft_path == tmp_path / "p.json.draft.json" and not session.resumed
    intake_session.start(session)
    again = intake_session.open_session(ref, resume=session.draft_path)
    assert (again.lang, again.client_lang, again.out, again.resumed) == ("en", "ar", out.resolve(), True)
    assert again.translation is not None and again.warnings == []


def test_an_old_questionnaire_version_is_a_warning(tmp_path: Path) -> None:
    """A draft made with another questionnaire version is resumed with a warning, not refused."""
    ref = ReferenceData()
    session = intake_session.open_session(ref, out=tmp_path / "p.json")
    old = session.draft.model_copy(update={"questionnaire_version": session.questionnaire.version + 1})
    profile_files.save_draft(session.draft_path, old)
    again = intake_session.open_session(ref, resume=session.draft_path)
    assert len(again.warnings) == 1 and "questionnaire version" in str(again.warnings[0])
    assert "versie" in again.warnings[0].render("nl")


def test_ctrl_c_keeps_the_answers_in_the_draft(tmp_path: Path) -> None:
    """KeyboardInterrupt mid-interview raises IntakeInterruptedError naming the draft, which holds
    the answers given so far."""
    ref = ReferenceData()
    session = intake_session.open_session(ref, out=tmp_path / "p.json")
    intake_session.start(session)

    def ask(prompt: Prompt) -> Any:
        if prompt.key == "personal.client_ref":
            return "K-7"
        if prompt.key == "personal.birth_year":
            raise KeyboardInterrupt
        return Nav.SKIP

    with pytest.raises(intake_session.IntakeInterruptedError) as exc:
        intake_session.interview(session, ask, ref=ref)
    assert exc.value.draft_path == session.draft_path
    assert profile_files.load_draft(session.draft_path).state["personal.client_ref"] == "K-7"
    assert intake_session.resume_command(session.draft_path).startswith("skilltool intake --resume ")
