"""A small stand-in for the per-row code path, for batch tests that pin batch's own behaviour.

It is deliberately simple and deterministic; the real path (profile_building.build_profile + suggest) is
covered by the tests marked as using it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from skilltool.batch import RowFn, Timer
from skilltool.models import (
    Circumstances,
    DiplomaIndication,
    DutchLanguage,
    Education,
    OccupationCode,
    Personal,
    Profile,
    Suggestion,
    TightnessRef,
    WorkExperience,
)
from skilltool.models.answers import IntakeAnswers

INTERRUPT_AT: str | None = None
"""Tests set a client id here: the fake then acts as if Ctrl-C was pressed on that row."""

CODES = {"lasser": ("7212", "lasser"), "kapster": ("5141", "kapper"), "kok": ("5120", "kok")}


def fake_processor(data_dir: Path | None, lang: str) -> RowFn:
    """Codes three titles, indicates NLQF 4 for any completed diploma, suggests 'lasser'."""

    def run(answers: IntakeAnswers, timer: Timer, now: dt.datetime) -> Profile:
        if INTERRUPT_AT is not None and answers.personal.client_ref == INTERRUPT_AT:
            raise KeyboardInterrupt
        work = []
        for w in answers.work:
            code = CODES.get(w.title.strip().lower())
            work.append(
                WorkExperience(
                    title=w.title,
                    tasks=w.tasks,
                    years=w.years,
                    coded=OccupationCode(uri=f"esco:{code[1]}", isco=code[0], label=code[1], score=100)
                    if code
                    else None,
                    needs_review=code is None,
                )
            )
        education = [
            Education(
                qualification=e.qualification,
                indication=DiplomaIndication(
                    entry_id="x",
                    qualification=e.qualification,
                    dutch_equivalent="havo",
                    nlqf_min=4,
                    nlqf_max=4,
                    eqf_min=4,
                    eqf_max=4,
                    source="test",
                    score=90,
                )
                if e.completed
                else None,
            )
            for e in answers.education
        ]
        suggestions = (
            [
                Suggestion(
                    uri="esco:lasser",
                    isco="7212",
                    label="lasser",
                    sector="technology_installation",
                    score=80,
                    route="direct",
                    at_level=True,
                    tightness=TightnessRef(category="unknown"),
                )
            ]
            if work
            else []
        )
        return Profile(
            created=now,
            personal=Personal(
                client_ref=answers.personal.client_ref,
                birth_year=answers.personal.birth_year,
                permit_date=answers.personal.permit_date,
                municipality=answers.personal.municipality,
            ),
            circumstances=Circumstances(**answers.circumstances.model_dump()),
            dutch=DutchLanguage(cefr=answers.languages.dutch_cefr),
            work=work,
            education=education,
            notes=answers.notes,
            suggestions=suggestions,
        )

    return run


BUILD_LOG: Path | None = None
"""Tests set a file here: ``recording_processor`` appends the building process's id to it."""


def recording_processor(data_dir: Path | None, lang: str) -> RowFn:
    """``fake_processor``, noting which process built it (also in a Dask worker, through the
    environment variable ``SKILLTOOL_TEST_BUILD_LOG``)."""
    log_path = BUILD_LOG or (Path(p) if (p := os.environ.get("SKILLTOOL_TEST_BUILD_LOG")) else None)
    if log_path is not None:
        with log_path.open("a", encoding="utf-8") as log:
            log.write(f"{os.getpid()}\n")
    return fake_processor(data_dir, lang)
