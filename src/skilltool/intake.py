"""The intake, by domain.

``intake_script`` (the questionnaire, its config and translations), ``intake_engine`` (the walk:
terminal, draft, ``--answers``), ``intake_session`` (drafts, resume, Ctrl-C), ``answer_parsing``
(typed answers and their reasons), ``profile_building`` (answers -> coded profile) and
``profile_files``. Language names live in ``skilltool.languages``.
"""

from __future__ import annotations

FREE_TEXT = "free_text"
"""The answer to an ``occupation`` question that keeps the title uncoded."""
