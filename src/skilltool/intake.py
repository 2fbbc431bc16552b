"""The intake, by domain.

``intake_script`` (the questionnaire, its config and translations), ``intake_engine`` (the walk:
terminal, draft, ``--answers``), ``intake_session`` (drafts, resume, Ctrl-C), ``answer_parsing``
(typed answers and their reasons), ``profile_building`` (answers -> coded profile) and
``profile_files``. Language names live in ``skilltool.languages``.

The constant ``FREE_TEXT`` lives with the answer models (``skilltool.models.answers``); it is
named here too so ``skilltool.intake.FREE_TEXT`` keeps working.
"""

from __future__ import annotations

from skilltool.models.answers import FREE_TEXT

__all__ = ["FREE_TEXT"]
