"""What every step of the action plan (``suggest_plan.next_steps``) reads: the person, the work in
view and the facts of the profile that several steps weigh (age, school, integration route, papers,
foreign diplomas), made once by ``plan_context``, and the words the steps share (a job's label, a
sector's name, the work-experience sentence)."""

from __future__ import annotations

from dataclasses import dataclass

from skilltool.diploma_dutch import STARTKWALIFICATIE, names_rung
from skilltool.models import Education, Profile, Suggestion, Text, Words
from skilltool.suggest_build import occupation_label
from skilltool.suggest_highest import below_dutch, degree_key, newcomers_class
from skilltool.suggest_index import SuggestIndex
from skilltool.suggest_person import Person, age_of
from skilltool.suggest_texts import then as _then
from skilltool.suggest_texts import words as _w
from skilltool.suggest_texts import x as _x

_PRIMARY_WORDS = (
    "primary", "elementary", "basisschool", "basisonderwijs", "ibtidai", "ibtidaiya", "ابتدائي", "ابتدایی",
    "ilkokul", "ilkogretim", "nachalnaya", "початков", "начальн", "dugsi hoose", "elementary school",
    "lagere school",  # the primary school's Dutch name before the basisschool of 1985 (nineteenth review)
)  # fmt: skip


def is_primary(edu: Education) -> bool:
    """Primary school only: IDW evaluates education towards a diploma (the highest): no IDW step."""
    if edu.indication is not None and edu.indication.nlqf_max <= 1:
        return True
    text = edu.qualification.casefold()
    return any(word in text for word in _PRIMARY_WORDS)


def startkwalificatie(profile: Profile) -> str | None:
    """The name of a Dutch havo, vwo or mbo level 2-4 diploma, read as the diploma's level is
    (``diploma_dutch``): the startkwalificatie that ends the qualification duty; None without one."""
    return dutch_diploma(profile, STARTKWALIFICATIE)


def dutch_diploma(profile: Profile, rungs: frozenset[str]) -> str | None:
    """The name of the first finished Dutch diploma on one of ``rungs``; None without one."""
    dutch = (e.qualification for e in profile.education if e.country == "NL" and e.completed is not False)
    return next((q for q in dutch if names_rung(q, rungs)), None)


@dataclass(slots=True)
class PlanContext:
    """One profile's plan inputs and the facts its steps share (``plan_context`` makes them)."""

    profile: Profile
    index: SuggestIndex
    person: Person
    suggestions: list[Suggestion]
    own: list[Suggestion]
    anchor: Suggestion | None  # the first job at level, else the first suggestion, else the own trade's
    on_diploma: Suggestion | None  # the first job at level by the diploma itself (not by years of work)
    no_papers: bool  # foreign schooling no Dutch diploma covers, its documents missing or partial
    foreign: list[Education]  # foreign education past primary school no Dutch diploma covers
    done: list[Education]  # of those, the finished
    unfinished_highest: bool  # an unfinished programme above every finished one
    health: bool  # health limits work: suitable work first, a placement waits for the talk
    years_old: int | None
    minor: bool  # under 18 without a startkwalificatie: the qualification duty
    studying: Education | None  # a Dutch programme in progress (no ISK past 18)
    onderwijs: bool  # integrating through the onderwijsroute, the full-time taalschakeltraject first
    z_route: bool  # no exam, no B1 aim: as far as feasible
    pension: int  # the state pension (AOW) age
    past_pension: bool
    near_aow: bool  # a training route of years would end at or after the AOW age

    def label(self, s: Suggestion | None) -> Words | str:
        return "-" if s is None else occupation_label(self.index, s.uri, s.label)

    def sector_name(self, sid: str) -> Words | str:
        nl, en = self.index.sector_names.get(sid, ("", ""))
        return _w(f" ({nl})", f" ({en})") if nl or en else ""

    def placed(self, text: Text) -> Text:
        """The suggestions do not know the limits: with health limits a placement waits for the talk."""
        return _x("join", items=_then(text, _x("s_work_health"))) if self.health else text

    def work(self, s: Suggestion) -> Text:
        """The work-experience sentence: a minor's or a student's work experience is part of school."""
        key = "s_work_dutch" if self.studying is not None else "s_work_study" if self.onderwijs else "s_work"
        return _x("s_work_minor" if self.minor else key, job=self.label(s), sector=self.sector_name(s.sector))


def plan_context(
    profile: Profile,
    suggestions: list[Suggestion],
    *,
    index: SuggestIndex,
    person: Person,
    own: list[Suggestion],
) -> PlanContext:
    """The facts the plan's steps share, read from the profile once."""
    at_level = [s for s in suggestions if s.at_level]
    anchor = at_level[0] if at_level else (suggestions[0] if suggestions else (own[0] if own else None))
    # the first job at level by the diploma itself: one at level by years of work does not hang on the
    # evaluation (eleventh review: a history degree's evaluation "decided" an embroidery machine job)
    edu_level = person.edu_level
    on_diploma = next(
        (
            s
            for s in at_level
            if (c := index.compiled(s.uri)) and edu_level and c.nlqf_min <= edu_level <= c.nlqf_max
        ),
        None,
    )
    # foreign schooling a finished Dutch diploma covers needs neither IDW nor EVC for its papers
    covered = {id(e) for e in below_dutch(profile.education, person.dutch_level)}
    no_papers = any(
        e.documents in ("no", "partial")
        for e in profile.education
        if e.country != "NL" and id(e) not in covered
    )
    # under 18 without a startkwalificatie: the qualification duty, school first and work only
    # within it (Leerplichtwet 1969 art. 4a; rijksoverheid.nl, startkwalificatie)
    years_old = age_of(profile)
    minor = years_old is not None and years_old < 18 and not startkwalificatie(profile)
    # a Dutch programme in progress: finishing it gives the Dutch diploma, which no other route
    # gives sooner; EVC, a new education route or a placement outside it would cut across it
    running = (e for e in profile.education if e.country == "NL" and e.completed is False)
    studying = next((e for e in running if not newcomers_class(e, years_old)), None)  # no ISK past 18
    # the onderwijsroute: the full-time taalschakeltraject towards mbo, hbo or wo comes first
    # (Divosa, Wet inburgering in vraag en antwoord; Schulinck): work and EVC come within it or after
    # a leerroute belongs to the integration duty: exempt or finished takes none (twelfth review)
    obliged = profile.dutch.inburgering not in ("exempt", "finished")
    onderwijs = profile.dutch.integration_route == "onderwijs" and obliged and not minor and studying is None
    foreign = [
        e for e in profile.education if e.country != "NL" and not is_primary(e) and id(e) not in covered
    ]
    # An unfinished programme is no diploma: the highest finished one is evaluated, and studies left
    # unfinished get IDW's opleidingswaardering (at least a school year done), named beside it or alone
    done = [e for e in foreign if e.completed is not False]
    unfinished = [e for e in foreign if e.completed is False]
    unfinished_highest = bool(unfinished) and max(map(degree_key, unfinished))[:2] > max(
        (degree_key(e)[:2] for e in done), default=(-1, -1)
    )
    # at or near the state pension age (AOW): no multi-year training route (BBL, education)
    pension = index.weights.plan.pension_age
    return PlanContext(
        profile=profile,
        index=index,
        person=person,
        suggestions=suggestions,
        own=own,
        anchor=anchor,
        on_diploma=on_diploma,
        no_papers=no_papers,
        foreign=foreign,
        done=done,
        unfinished_highest=unfinished_highest,
        health=profile.circumstances.health_limits_work == "yes",
        years_old=years_old,
        minor=minor,
        studying=studying,
        onderwijs=onderwijs,
        z_route=profile.dutch.integration_route == "z",
        pension=pension,
        past_pension=years_old is not None and years_old >= pension,
        near_aow=person.near_pension,
    )
