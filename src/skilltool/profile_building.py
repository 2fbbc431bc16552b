"""From intake answers to a coded profile: the one path for the intake CLI, ``--answers`` and batch rows.

``build_profile(answers, ref=, coder=, diplomas=)`` codes work titles and skills, looks up
diplomas, derives skills from coded occupations and records what is confirmed and by whom;
``complete_profile`` adds the suggestions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from skilltool import __version__, coding_situations, messages
from skilltool.diploma_dutch import dutch_indication
from skilltool.diplomas import DiplomaTable
from skilltool.errors import InputFileError, NotFoundError
from skilltool.languages import resolve_language
from skilltool.models import (
    Circumstances,
    Confirmation,
    DiplomaIndication,
    DutchLanguage,
    Education,
    LanguageSkill,
    NextStep,
    OccupationCode,
    Personal,
    Profile,
    SkillEntry,
    WorkExperience,
    say,
)
from skilltool.models.answers import FREE_TEXT, IntakeAnswers
from skilltool.models.base import updated
from skilltool.models.values import today as current_day
from skilltool.occupations import OccupationCoder, SkillCoder
from skilltool.profile_sources import (
    _CODES,
    _INDICATIONS,
    DiplomaLookupFn,
    OccupationCoding,
    SkillCoding,
    _caveat_fact,
    _derived_skills,
    _indication,
    _is_step_id,
    _lookup_diploma,
    _per_result,
    _route_text,
)
from skilltool.reference import ReferenceData
from skilltool.suggest import Planned, planned
from skilltool.wish_coding import confirmed_code, occupation_code, wishes_of

# --- answers -> profile ----------------------------------------------------------------------------


def _unknown_code(field: str, code: str, rule: str) -> InputFileError:
    """A confirmed code the reference data lacks; ``rule`` (a catalogue key) is errors.csv's reason
    and ``field`` its column, so the row's answer is never quoted there."""
    say = messages.say("errors.profile.unknown_code", field=field, code=code, reason=messages.say(rule))
    return InputFileError(say, rule=rule, field=field)


def build_profile(
    answers: IntakeAnswers,
    *,
    ref: ReferenceData,
    coder: OccupationCoding | None,
    diplomas: DiplomaTable | DiplomaLookupFn | None,
    skill_coder: SkillCoding | None = None,
    lang: str = "nl",
    today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Profile:
    """Turn intake answers into a coded profile: THE path for the intake CLI and for batch rows.

    - work titles are coded by ``coder`` (best candidate, alternatives, ``needs_review``), unless
      the caseworker confirmed a code (``confirmed_uri``) or kept the free text;
    - wished occupations are coded by the same ``coder`` (``wish_coding``);
    - free-text skills are coded by ``skill_coder`` when given, else kept as free text;
    - each coded occupation that needs no review adds its essential ESCO skills
      (origin ``derived_from_occupation``, ``source_ref`` the occupation URI);
    - certificates become skills evidenced by a document;
    - education entries get the diploma table's indication, its caveat and the official route.
    """
    day = today or current_day()
    # made when a code was confirmed (one object for the profile's confirmed codes); most rows have none
    confirmed: Confirmation | None = None
    p = answers.personal
    personal = Personal(
        client_ref=p.client_ref,
        birth_year=p.birth_year,
        country_of_origin=p.country_of_origin,
        permit_date=p.permit_date,
        municipality=p.municipality,
    )

    languages: list[LanguageSkill] = []
    for name in answers.languages.mother_tongues:
        code = resolve_language(name) or name
        languages.append(LanguageSkill(language=code, mother_tongue=True))
    for other in answers.languages.other:
        languages.append(
            LanguageSkill(language=resolve_language(other.language) or other.language, cefr=other.cefr)
        )

    education: list[Education] = []
    for e in answers.education:
        country = e.country
        indication: DiplomaIndication | None = None
        alternatives: list[DiplomaIndication] = []
        caveat: str | None = None
        caveat_key: str | None = None
        route: list[str] = []
        step_ids: list[str] = []
        if country == "NL":  # a Dutch diploma: the ladder's level, no IDW route (diploma_dutch)
            indication = (
                dutch_indication(ref.dutch_qualifications, e.qualification)
                if e.completed is not False
                else None
            )
        elif country is not None and diplomas is not None:
            try:
                found = _lookup_diploma(diplomas, country=country, answer=e, lang=lang)
            except NotFoundError:
                found = None
            if found is not None:
                matches = _per_result(_INDICATIONS, found, found.matches, _indication)
                indication = matches[0] if matches else None
                alternatives = matches[1:]
                # facts, not sentences: the output renders them in its own language (schema v3)
                caveat_key, caveat = _caveat_fact(found.caveat)
                step_ids = [st.id for st in found.official_route if _is_step_id(st.id)]
                route = [_route_text(st, lang) for st in found.official_route if st.id not in step_ids]
        education.append(
            Education(
                country=country,
                qualification=e.qualification,
                field=e.field,
                years=e.years,
                completed=e.completed,
                documents=e.documents,
                idw_status=e.idw_status,
                idw_nlqf=e.idw_nlqf,
                indication=indication,
                alternatives=alternatives,
                caveat=caveat,
                caveat_key=caveat_key,
                official_route=route,
                route_steps=step_ids,
            )
        )

    work: list[WorkExperience] = []
    for n, w in enumerate(answers.work):
        if not (w.confirmed_uri or w.keep_free_text) and _private(w.title, coder, lang):
            continue  # own family care said as a job: no work, and a family detail reports showed; no care
            # duty is inferred from it (a past answer: the intake's own question records care duties)
        country = w.country
        coded: OccupationCode | None = None
        alternatives_w: list[OccupationCode] = []
        needs_review = False
        confirmation = Confirmation()
        if w.confirmed_uri:
            coded = confirmed_code(ref, w.confirmed_uri, lang)
            if coded is None:
                raise _unknown_code(f"work.{n}.confirmed_uri", w.confirmed_uri, "reason.unknown_occupation")
            confirmation = confirmed = confirmed or Confirmation(status="confirmed", by="caseworker", on=day)
        else:
            result = coder.code(w.title, lang=lang, top=5) if coder is not None else None
            candidates = (
                _per_result(_CODES, result, result.candidates, occupation_code) if result is not None else []
            )
            if w.keep_free_text:
                alternatives_w = candidates
                confirmation = Confirmation(status="free_text", by="caseworker", on=day)
            else:
                coded = candidates[0] if candidates else None
                alternatives_w = candidates[1:]
                needs_review = bool(result is None or result.needs_review or coded is None)
        work.append(
            WorkExperience(
                title=w.title,
                tasks=w.tasks,
                country=country,
                years=w.years,
                kind=w.kind,
                coded=coded,
                alternatives=alternatives_w,
                needs_review=needs_review,
                confirmation=confirmation,
            )
        )

    skills: list[SkillEntry] = []
    seen: set[str] = set()
    for n, text in enumerate(answers.skills.free_text):
        pick = answers.skills.confirmed.get(text)
        if pick == FREE_TEXT:
            skills.append(
                SkillEntry(
                    label=text,
                    origin="self_reported",
                    confirmation=Confirmation(status="free_text", by="caseworker", on=day),
                )
            )
            continue
        if pick is not None:
            picked = ref.skill_by_id.get(pick)
            if picked is None:
                raise _unknown_code(f"skills.confirmed.{n}", pick, "reason.unknown_skill")
            confirmed = confirmed or Confirmation(status="confirmed", by="caseworker", on=day)
            skills.append(
                SkillEntry(label=text, skill_id=pick, origin="self_reported", confirmation=confirmed)
            )
            seen.add(pick)
            continue
        skill_result = skill_coder.code(text, lang=lang, top=3) if skill_coder is not None else None
        best = skill_result.candidates[0] if skill_result is not None and skill_result.candidates else None
        if skill_result is not None and best is not None and not skill_result.needs_review:
            skills.append(SkillEntry(label=text, skill_id=best.skill_id, origin="self_reported"))
            seen.add(best.skill_id)
        else:
            skills.append(
                SkillEntry(label=text, origin="self_reported", confirmation=Confirmation(status="free_text"))
            )
    for cert in answers.skills.certificates:
        skills.append(
            SkillEntry(label=cert, origin="evidenced_by_document", source_ref=f"certificate: {cert}")
        )
    for job in work:
        if job.coded is None or job.needs_review:
            continue
        for sid, entry in _derived_skills(ref, job.coded.uri, lang):
            if sid not in seen:
                seen.add(sid)
                skills.append(entry)

    # proposals (IDW, language, routes) come from suggest.suggest; here only what was agreed
    steps = [NextStep(action="agreed", text=text, agreed=True) for text in answers.agreed_next_steps]

    return Profile(
        created=now or dt.datetime.now(dt.UTC).replace(microsecond=0),
        tool_version=__version__,
        personal=personal,
        languages=languages,
        dutch=DutchLanguage(
            cefr=answers.languages.dutch_cefr,
            integration_route=answers.languages.integration_route,
            inburgering=answers.languages.inburgering,
        ),
        education=education,
        work=work,
        skills=skills,
        digital_skills=answers.skills.digital,
        driving_licences=list(answers.skills.driving_licences),
        driving_licence_country=answers.skills.driving_licence_country,
        certificates=list(answers.skills.certificates),
        wishes=wishes_of(answers.wishes, coder, lang=lang, ref=ref),
        circumstances=Circumstances(**answers.circumstances.model_dump()),
        notes=answers.notes,
        next_steps=steps,
    )


def _private(title: str, coder: OccupationCoding | None, lang: str) -> bool:
    """A title of one's own health, a detention or family care, with no work the coder codes."""
    if not coding_situations.private_situation(title):
        return False
    return coder is None or not coder.code(title, lang=lang, top=5).candidates


# --- the intake's last step: real coders, then the suggestions -------------------------------------


@dataclass
class Coders:
    """The coders and tables an intake needs, built on first use (loading ESCO takes a moment)."""

    ref: ReferenceData
    _occupation: OccupationCoder | None = None
    _skill: SkillCoder | None = None

    @property
    def occupation(self) -> OccupationCoder:
        if self._occupation is None:
            self._occupation = OccupationCoder.from_reference(self.ref)
        return self._occupation

    @property
    def skill(self) -> SkillCoder:
        if self._skill is None:
            self._skill = SkillCoder.from_reference(self.ref)
        return self._skill

    @property
    def diplomas(self) -> DiplomaTable:
        return self.ref.diplomas


def complete_profile(
    answers: IntakeAnswers,
    *,
    ref: ReferenceData,
    coders: Coders | None = None,
    lang: str = "nl",
    now: dt.datetime | None = None,
) -> Profile:
    """The intake CLI's last step: ``build_profile`` with the real coders, then the suggestions.
    ``now``: the profile's ``created`` (``source_date.fixed_now``), else the time it is made."""
    tools = coders or Coders(ref)
    profile = build_profile(
        answers,
        ref=ref,
        coder=tools.occupation,
        diplomas=tools.diplomas,
        skill_coder=tools.skill,
        lang=lang,
        now=now,
        today=now.date() if now else None,  # a confirmation's date, as a batch's: not the clock's
    )
    return add_suggestions(profile, ref=ref, lang=lang)


def add_suggestions(profile: Profile, *, ref: ReferenceData, lang: str = "nl", fit: bool = True) -> Profile:
    """The profile with ``suggest.suggest``'s suggestions and its next steps (not duplicating ours);
    ``fit=False``: as ``suggest``'s (``fit`` left empty); only what it keeps is made (``planned``)."""
    result = planned(profile, ref=ref, lang="en" if lang == "en" else "nl", fit=fit)
    return with_planned(profile, result, lang)


def with_planned(profile: Profile, result: Planned, lang: str) -> Profile:
    """``profile`` with ``result``'s own trade, suggestions and the next steps it has not got yet
    (``add_suggestions``; a batch worker makes ``result`` in stages, ``batch_processor``)."""
    seen = {(s.action, say(s.text, lang)) for s in profile.next_steps}
    actions = {action for action, _ in seen}
    steps = list(profile.next_steps) + [
        s for s in result.next_steps if s.action not in actions or (s.action, say(s.text, lang)) not in seen
    ]
    own, suggestions, texts = list(result.own_trade), list(result.suggestions), "en" if lang == "en" else "nl"
    update = {"own_trade": own, "suggestions": suggestions, "next_steps": steps, "texts_lang": texts}
    return updated(profile, update)
