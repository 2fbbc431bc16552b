"""Batch: the summary line of a profile and the run's statistics (counted per chunk, summed)."""

from __future__ import annotations

from collections import Counter

from skilltool.diplomas import highest_level
from skilltool.memo import Memo, per_run
from skilltool.models import Profile, TightnessRef
from skilltool.models.base import construct
from skilltool.models.batch import ErrorRow, SummaryRow
from skilltool.tightness import text as tightness_text

SUMMARY_HEADER = list(SummaryRow.model_fields)
RESEARCH_SUMMARY_HEADER = SUMMARY_HEADER[1:]
"""A research export's ``summary.csv`` has no ``row``: it would undo each pseudonym for whoever
holds the input (``batch_order``)."""


def summary_header(research: bool) -> list[str]:
    """The header of ``summary.csv``: without ``row`` in a research export (``--pseudonymise``)."""
    return RESEARCH_SUMMARY_HEADER if research else SUMMARY_HEADER


ERROR_HEADER = list(ErrorRow.model_fields)
Highest = tuple[str, int | None, str]
"""The highest level as the summary writes it: range text, upper bound, basis."""


_SHORT: Memo[tuple[int, str], tuple[TightnessRef, str]] = per_run(Memo(4_096))
"""The short tightness texts (``_short``), per tightness object and language."""


def _short(ref: TightnessRef, lang: str) -> str:
    """``tightness.text(ref, lang, short=True)``, worked out once per object: a suggestion's
    tightness is its candidate's, shared by every suggestion of it and never changed, and each row
    words four. The entry holds the object, so its identity is not reused while it is kept."""
    key = (id(ref), lang)
    hit = _SHORT.get(key)
    if hit is None or hit[0] is not ref:
        hit = _SHORT.put(key, (ref, tightness_text(ref, lang, short=True)))
    return hit[1]


def highest_nlqf(profile: Profile) -> Highest:
    """The highest level (``diplomas.highest_level``, the one rule) as the summary writes it: the
    range text, its upper bound, and its basis ('' when unknown)."""
    level = highest_level(profile.education)
    if level is None:
        return "", None, ""
    return level.text, level.high, level.basis


def review_flags(profile: Profile) -> list[str]:
    """Why a person should look at this profile before using it."""
    flags: list[str] = []
    if any(w.needs_review for w in profile.work):
        flags.append("occupation_needs_review")
    if any(w.coded is None for w in profile.work):
        flags.append("occupation_not_coded")
    if any(e.indication is None and e.idw_nlqf is None for e in profile.education):
        flags.append("diploma_no_indication")
    if profile.dutch.cefr is None:
        flags.append("dutch_level_unknown")
    if not profile.suggestions:
        flags.append("no_suggestions")
    return flags


def summary_row(
    row: int,
    profile: Profile,
    lang: str = "nl",
    *,
    highest: Highest | None = None,
    flags: list[str] | None = None,
) -> SummaryRow:
    """The summary line of one profile; each top suggestion with its tightness now and to 2030.
    ``highest`` and ``flags``: ``highest_nlqf`` and ``review_flags`` of ``profile`` when the caller
    has them already (the batch uses them three times per row)."""
    nlqf, _, basis = highest if highest is not None else highest_nlqf(profile)
    return construct(  # every field, in order, each a str or the row number: nothing to check
        SummaryRow,
        row=row,
        client_ref=profile.personal.client_ref,
        highest_nlqf=nlqf,
        level_basis=basis,
        coded_occupations="; ".join(f"{w.coded.isco} {w.coded.label}" for w in profile.work if w.coded),
        top_suggestions="; ".join(
            f"{s.label} ({_short(s.tightness, lang)})" for s in profile.suggestions[:3]
        ),
        review_flags=" ".join(flags if flags is not None else review_flags(profile)),
    )


def profile_counts(
    profile: Profile, lang: str = "nl", *, highest: Highest | None = None, flags: list[str] | None = None
) -> list[tuple[str, str]]:
    """What one written profile adds to the run's statistics, as (table, key) pairs, worked out
    before any is counted: a row whose outputs fail half-way counts in no table (``batch_worker``)."""
    _, top, _ = highest if highest is not None else highest_nlqf(profile)
    counts = [
        ("nlqf", str(top) if top is not None else "unknown"),
        ("dutch", profile.dutch.cefr or "unknown"),
        ("country", profile.personal.country_of_origin or "unknown"),
    ]
    counts.extend(
        ("occupations", f"{w.coded.isco} {w.coded.label}" if w.coded else "(not coded)") for w in profile.work
    )
    counts.extend(("sectors", sector) for sector in dict.fromkeys(s.sector for s in profile.suggestions[:3]))
    if profile.suggestions:
        counts.append(("tightness", _short(profile.suggestions[0].tightness, lang)))
    if flags is None:
        flags = review_flags(profile)
    counts.append(("review", "needs review" if flags else "ok"))
    counts.extend(("flags", flag) for flag in flags)
    return counts


# "reasons": a rejection's column and reason (as errors.csv words them, never a cell's content), tab between
STAT_KEYS = (
    "nlqf",
    "dutch",
    "country",
    "occupations",
    "sectors",
    "tightness",
    "review",
    "flags",
    "rejected",
    "reasons",
)


def new_stats() -> dict[str, Counter[str]]:
    """Empty statistics: one counter per table of the report."""
    return {k: Counter() for k in STAT_KEYS}
