"""A finished profile's answers, as an ``--answers`` file holds them: what ``intake --resume
PROFILE.json`` offers again, one question at a time, so that a caseworker can correct an answer
after the intake ended (the draft is removed when the profile is written).

Every answer the intake stores is in the profile as it was given (titles, tasks, qualification
names, free-text skills and the caseworker's picks, wishes, agreed steps); what the tool added
(codes it chose itself, derived skills, suggestions, the plan's own steps) is left out and made
again from the corrected answers. A work title the coder read as the person's own family care
never became work and cannot come back.
"""

from __future__ import annotations

from skilltool.models import Profile
from skilltool.models.answers import FREE_TEXT


def answers_of(profile: Profile) -> dict[str, object]:
    """The nested answers mapping that gives ``profile`` again (``intake_engine.file_asker``'s input)."""
    p = profile.personal
    picks: dict[str, str] = {}
    free_text: list[str] = []
    for s in profile.skills:
        if s.origin != "self_reported":
            continue
        free_text.append(s.label)
        if s.confirmation.by == "caseworker":  # picked in the intake: a code, or 0 (keep the text)
            picks[s.label] = s.skill_id if s.confirmation.status == "confirmed" and s.skill_id else FREE_TEXT
    return {
        "personal": {
            "client_ref": p.client_ref,
            "birth_year": p.birth_year,
            "country_of_origin": p.country_of_origin,
            "permit_date": p.permit_date,
            "municipality": p.municipality,
        },
        "languages": {
            "mother_tongues": [x.language for x in profile.languages if x.mother_tongue],
            "other": [
                {"language": x.language, "cefr": x.cefr} for x in profile.languages if not x.mother_tongue
            ],
            "dutch_cefr": profile.dutch.cefr,
            "integration_route": profile.dutch.integration_route,
            "inburgering": profile.dutch.inburgering,
        },
        "education": [
            {
                "country": e.country,
                "qualification": e.qualification,
                "field": e.field,
                "years": e.years,
                "completed": e.completed,
                "documents": e.documents,
                "idw_status": e.idw_status,
                "idw_nlqf": e.idw_nlqf,
            }
            for e in profile.education
        ],
        "work": [
            {
                "title": w.title,
                "confirmed_uri": w.coded.uri if w.confirmation.status == "confirmed" and w.coded else None,
                "keep_free_text": w.confirmation.status == "free_text" or None,
                "tasks": w.tasks,
                "country": w.country,
                "years": w.years,
                "kind": w.kind,
            }
            for w in profile.work
        ],
        "skills": {
            "free_text": free_text,
            "confirmed": picks,
            "digital": profile.digital_skills,
            "driving_licences": list(profile.driving_licences),
            "driving_licence_country": profile.driving_licence_country,
            "certificates": list(profile.certificates),
        },
        "wishes": {
            "sectors": list(profile.wishes.sectors),
            "occupations": list(profile.wishes.occupations),
            "hours_per_week": profile.wishes.hours_per_week,
            "max_travel_minutes": profile.wishes.max_travel_minutes,
            "willing_to_train": profile.wishes.willing_to_train,
        },
        "circumstances": {
            "care_duties": profile.circumstances.care_duties,
            "health_limits_work": profile.circumstances.health_limits_work,
        },
        # the notes section is stored at the top, as in an answers file
        "notes": profile.notes,
        "agreed_next_steps": [s.text for s in profile.next_steps if s.agreed and isinstance(s.text, str)],
    }
