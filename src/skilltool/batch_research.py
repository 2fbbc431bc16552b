"""Batch: ``--pseudonymise``: the key, the keyed pseudonym and the research copy of a profile."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import hmac
from pathlib import Path

from skilltool import csv_lines, fsio
from skilltool.errors import InputFileError
from skilltool.languages import LANGUAGES
from skilltool.messages import say
from skilltool.models import Profile
from skilltool.models.answers import LICENCES
from skilltool.models.batch import (
    ResearchEducation,
    ResearchLanguage,
    ResearchProfile,
    ResearchSuggestion,
    ResearchWish,
    ResearchWork,
)

MIN_KEY_BYTES = 16
MAX_KEY_BYTES = 4096
"""A key is a line of random characters (32 random bytes in base64 are 44); a bigger file is
another file given by mistake (the export itself): refused by its size, never read whole."""


def read_key(path: Path) -> bytes:
    """The secret key for ``--pseudonymise``: 16 to 4,096 bytes, kept by the data owner."""
    if not path.exists() and not path.is_symlink():  # a first export has no key yet: say how to make one
        raise InputFileError(say("errors.batch.key_missing", path=path))
    too_big = say("errors.batch.key_too_big", path=path, limit=MAX_KEY_BYTES >> 10)
    raw = fsio.read_input(path, say("errors.what.key_file"), limit=MAX_KEY_BYTES, too_big=too_big)
    key = _key_text(raw).strip()
    if len(key) < MIN_KEY_BYTES:
        raise InputFileError(say("errors.batch.key_short", path=path, count=len(key)))
    return key


def _key_text(raw: bytes) -> bytes:
    """A key file saved again by Notepad (UTF-8 with a byte-order mark, or "Unicode": UTF-16) is
    the same key: the mark dropped, a UTF-16 or UTF-32 text read as the ASCII it holds. Its bytes
    were the key as they were, so every pseudonym changed and an export no longer linked to the
    earlier ones, without a word. A key of random bytes stays as it is."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8) :]
    if (wide := csv_lines.wide_encoding(raw[:8])) is None:
        return raw
    try:
        text = raw.decode(wide).removeprefix("\ufeff")
    except UnicodeDecodeError:
        return raw
    return text.encode("ascii") if text.isascii() and text.strip().isprintable() else raw


def pseudonym(key: bytes, client_ref: str) -> str:
    """A keyed HMAC-SHA256 of the client id: the same id and key give the same pseudonym."""
    return "ps-" + hmac.new(key, client_ref.strip().encode("utf-8"), hashlib.sha256).hexdigest()[:40]


def birth_year_band(year: int | None) -> str | None:
    """A birth year as its 5-year band: 1987 -> '1985-1989'."""
    if year is None:
        return None
    low = year - year % 5
    return f"{low}-{low + 4}"


def permit_quarter(day: dt.date | None) -> str | None:
    """A permit date as its quarter: 2024-03-14 -> '2024-Q1'."""
    return None if day is None else f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def research_copy(profile: Profile, *, sector_ids: frozenset[str] = frozenset()) -> ResearchProfile:
    """The research export of a profile: coded values only, quasi-identifiers generalised.

    Kept: ESCO URIs and ISCO-08 codes (not titles), NLQF/EQF indications (not diploma names),
    CEFR levels, ISO country and language codes, closed-list answers (driving licence
    categories, sector ids of the reference data), hours, travel time. Generalised: birth
    year to a 5-year band, permit date to a quarter. Dropped: municipality, every free text
    (work titles and tasks, qualification names and fields, free-text skills, certificates,
    the words of wished occupations (their codes are kept), notes, next steps), health and care
    duties, suggestion texts.
    """
    p = profile.personal
    return ResearchProfile(
        client_ref=p.client_ref,
        birth_years=birth_year_band(p.birth_year),
        permit_quarter=permit_quarter(p.permit_date),
        country_of_origin=p.country_of_origin,
        languages=[
            ResearchLanguage(language=lang.language, cefr=lang.cefr, mother_tongue=lang.mother_tongue)
            for lang in profile.languages
            if lang.language in LANGUAGES
        ],
        dutch_cefr=profile.dutch.cefr,
        integration_route=profile.dutch.integration_route,
        education=[
            ResearchEducation(
                country=e.country,
                years=e.years,
                completed=e.completed,
                documents=e.documents,
                idw_status=e.idw_status,
                idw_nlqf=e.idw_nlqf,
                nlqf_min=e.indication.nlqf_min if e.indication else None,
                nlqf_max=e.indication.nlqf_max if e.indication else None,
                eqf_min=e.indication.eqf_min if e.indication else None,
                eqf_max=e.indication.eqf_max if e.indication else None,
                table_entry=e.indication.entry_id if e.indication else None,
            )
            for e in profile.education
        ],
        work=[
            ResearchWork(
                esco_uri=w.coded.uri if w.coded else None,
                isco=w.coded.isco if w.coded else None,
                country=w.country,
                years=w.years,
                kind=w.kind,
                needs_review=w.needs_review,
            )
            for w in profile.work
        ],
        esco_skills=list(dict.fromkeys(s.skill_id for s in profile.skills if s.skill_id is not None)),
        digital_skills=profile.digital_skills,
        driving_licences=[d for d in profile.driving_licences if d in LICENCES],
        wished_sectors=[s for s in profile.wishes.sectors if s in sector_ids],
        wished_occupations=[
            ResearchWish(esco_uri=w.coded.uri, isco=w.coded.isco, needs_review=w.needs_review)
            for w in profile.wishes.coded
            if w.coded is not None
        ],
        hours_per_week=profile.wishes.hours_per_week,
        max_travel_minutes=profile.wishes.max_travel_minutes,
        willing_to_train=profile.wishes.willing_to_train,
        suggestions=[
            ResearchSuggestion(
                esco_uri=s.uri,
                isco=s.isco,
                sector=s.sector,
                score=s.score,
                route=s.route,
                at_level=s.at_level,
                regulated=s.regulated,
                tightness=s.tightness.category,
            )
            for s in profile.suggestions
        ],
    )
