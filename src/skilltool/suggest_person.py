"""The person as the ranking sees them: what ``suggest`` needs to know about one profile,
worked out once (skills, past work and the related-work points it gives, level, Dutch, wishes,
licences, certificates)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from skilltool import messages
from skilltool.models import CEFR_ORDER, Education, Lang, Profile, Text, WishedOccupation
from skilltool.models.suggest import PlanRules
from skilltool.suggest_index import SuggestIndex, norm, skill_id
from skilltool.suggest_keys import longest_prefix
from skilltool.suggest_qualified import dutch_qualified, exams_passed
from skilltool.suggest_scoring import round2
from skilltool.suggest_texts import x
from skilltool.wish_coding import match_sector, unit_group

CEFR_NAMES = list(CEFR_ORDER)
"""CEFR levels by their place in ``CEFR_ORDER`` (``Person.dutch`` is a place)."""


@dataclass(slots=True)
class Past:
    uri: str
    isco: str
    label: str
    factor: float
    band_nlqf: int | None
    same: float
    """Related-work points for the same occupation (rounded)."""
    prefixes: tuple[tuple[str, float, int], ...]
    """(ISCO prefix, rounded related-work points, its digits) in the weights' order: what a
    candidate sharing that prefix gets, worked out once per job instead of per candidate."""


@dataclass(slots=True)
class Person:
    """What the ranking needs to know about one profile, computed once."""

    lang: Lang
    skills: set[str]
    past: list[Past]
    edu_level: int | None
    edu_basis: str
    edu_unofficial: bool
    exp_level: int | None
    dutch: int
    dutch_known: bool
    wish_sectors: set[str]
    wish_cands: set[int]
    hours: int | None
    licences: set[str]
    """Licences that count here: issued in the EU/EEA, or by Ukraine to someone under temporary
    protection (regulated_nl.yaml ``licence_exchange``)."""
    licences_held: set[str]
    """Every licence the person holds, wherever issued."""
    licence_country: str | None
    certificates: set[str]
    edu_reason: str
    """Why an inferred diploma level was inferred (empty otherwise)."""
    fit_prefixes: set[str]
    """ISCO prefixes (related_digits and longer) of past work: a candidate there has related-work fit."""

    level: int | None
    """The higher of the education and the experience level: what level fit compares."""
    rel_prefix: dict[str, float]
    """ISCO prefix (2-4 digits) of past work -> related-work points it gives (the best job)."""
    rel_uri: dict[str, float]
    """Past occupation URI -> same-occupation points."""
    regulated: set[str]
    """Regulated professions (regulated_nl.yaml ids) the person worked in."""
    interim: dict[str, str]
    """URI -> regulated profession: jobs of that profession's field open without its recognition
    (``interim_esco_en``), fit as interim work for someone who worked in it."""
    interim_at: frozenset[int]
    """The candidates (``SuggestIndex.cands`` positions) of ``interim``'s jobs."""
    to_recognise: bool
    """Something a recognition route can start from: a completed (or not said) diploma above
    primary level or of unknown level, or paid work (employed, self-employed) in a regulated
    profession, which asked for one. Volunteer or informal work alone is not."""
    group_regulated: frozenset[str] = frozenset()
    """Regulated professions of past work coded to an ISCO group only (no ESCO occupation: the
    intake codes 'verpleegkundige' to 3221): no suggestion carries their route, the plan names it."""
    wish_listed: frozenset[int] = frozenset()
    """The wished candidates named by the wish itself (an exact label, or the occupation a wish was
    coded to without doubt): listed with the own trade. A wish matched through its ISCO unit group
    only raises that group's candidates in the ranking."""
    wish_review: frozenset[int] = frozenset()
    """Wished candidates found only through the unit group of a coded wish: worded as the wish's
    group, to be checked, not as the wished occupation itself."""
    dutch_qualified: dict[str, str] = field(default_factory=dict)
    """Regulated profession -> the completed Dutch diploma that qualifies for it (``dutch_diploma``
    in regulated_nl.yaml: an mbo-4 'Verpleegkundige'): registration, not recognition, is its route,
    and it counts as the qualification of the field's interim jobs. Counted in ``regulated``."""
    dutch_level: int = 0
    """The NLQF level of a Dutch diploma held for a regulated profession (``RegInfo.dutch_nlqf``), 0 when
    none or unknown: it covers foreign schooling below it (``suggest_highest.below_dutch``)."""
    evc_done: bool = False
    """A certificate names an ervaringscertificaat: the EVC procedure was done, the plan asks no new one
    (twenty-fifth review: a home carer with the Dutch ervaringscertificaat was sent to EVC again)."""
    entry: frozenset[str] = frozenset()
    """ISCO unit groups at a lower skill level that ISCO-08 names beside a group of the person's paid
    work of the years that count (``SuggestIndex.entry_below``): entered without a qualification."""
    near_pension: bool = False
    worked_here: frozenset[str] = frozenset()
    """ISCO unit groups of coded work done in the Netherlands: work under the Dutch rules
    (``routes.dutch_rules_isco``) done here is its entry, done abroad related work only."""
    """A training route of years would end at or past the state pension age (``near_pension``):
    a missing qualification is worded without the multi-year BBL route, as the plan does."""
    likely: frozenset[str] = frozenset()
    """Skills held only through work whose code the coder flagged and nobody confirmed
    (``WorkExperience.needs_review``): counted as held, but worded as likely, to be confirmed
    (twenty-seventh review: "62 of 62 essential skills" stood on a code nobody confirmed)."""
    uncoded_work: bool = False
    """Work is recorded that has no code (kept as the caseworker's free text): not in ``past``."""
    texts: tuple[object, ...] | None = field(default=None, compare=False, repr=False)
    """What every suggestion for this person words alike, worked out by the first one
    (``suggest_build``): not part of the ranking's input."""


EARNING_KINDS = ("employed", "self_employed", "family_business")
"""Work that earned (a family business too): its entry-level jobs and its regulated profession count."""


def age_of(profile: Profile) -> int | None:
    """Years of age from the birth year (the intake asks the year only), in the profile's year."""
    if profile.personal.birth_year is None:
        return None
    year = profile.created.year if profile.created else datetime.now(tz=UTC).year
    return year - profile.personal.birth_year


def near_pension(years_old: int | None, rules: PlanRules) -> bool:
    """Whether a training route of ``long_training_years`` would end at or past the state pension
    age (AOW): then no BBL or education route of years is proposed."""
    return years_old is not None and years_old >= rules.pension_age - rules.long_training_years


def dutch_of(profile: Profile) -> str | None:
    if profile.dutch.cefr:
        return profile.dutch.cefr
    for lang in profile.languages:
        if lang.language.lower() in {"nl", "nld", "dut", "dutch", "nederlands"} and lang.cefr:
            return lang.cefr
    return None


def person_of(profile: Profile, index: SuggestIndex, lang: Lang) -> Person:
    w = index.weights
    # one read (a model's is slow); an id without "/" is its own skill_id (the call was half the time)
    skills = {sid if "/" not in sid else skill_id(sid) for s in profile.skills if (sid := s.skill_id)}
    past: list[Past] = []
    entry: set[str] = set()
    exp_level: int | None = None
    paid_regulated = False  # paid work in a regulated profession or a group that counts for one
    guessed: set[str] = set()  # essential skills of flagged, unconfirmed codes (Person.likely)
    for job in profile.work:
        coded = job.coded
        if coded is None:
            continue
        uri, isco = coded.uri, coded.isco or index.occ_isco.get(coded.uri, "")
        (guessed if job.unconfirmed else skills).update(index.occ_essential.get(uri, ()))
        paid, factor, band_nlqf, same, prefixes = _job_facts(index, uri, isco, job.kind, job.years)
        paid_regulated = paid_regulated or paid
        if band_nlqf is not None:
            exp_level = max(exp_level or 0, band_nlqf)
            if job.kind in EARNING_KINDS:
                entry.update(index.entry_below.get(isco[:4], ()))
        past.append(Past(uri, isco, coded.label, factor, band_nlqf, same, prefixes))
    edu_level: int | None = None
    edu_basis = ""
    edu_reason = ""
    unofficial = False
    for edu in profile.education:
        level, basis, reason = None, "", ""
        idw = edu.idw_nlqf is not None
        if edu.idw_nlqf is not None:
            level, basis = edu.idw_nlqf, "basis_idw"
        elif edu.indication is not None and edu.completed is not False:
            level = edu.indication.nlqf_min
            basis = {"stated": "basis_stated", "inferred": "basis_inferred"}.get(
                edu.indication.basis or "", "basis_indication"
            )
            if edu.country == "NL":  # a Dutch diploma's level is the ladder's, not an indication
                basis = "basis_dutch"
            reason = edu.indication.inferred_reason or "?"
        # the highest level; at a tie IDW's evaluation, not a table's indication (twentieth review)
        if level is not None and (edu_level is None or level > edu_level or (level == edu_level and idw)):
            edu_level, edu_basis, unofficial = level, basis, basis not in ("basis_idw", "basis_dutch")
            edu_reason = reason if basis == "basis_inferred" else ""
    likely = frozenset(guessed - skills)
    skills |= likely
    rel_prefix: dict[str, float] = {}
    rel_uri: dict[str, float] = {}
    for pj in past:
        rel_uri[pj.uri] = max(rel_uri.get(pj.uri, 0.0), pj.same)
        for key, pts, _ in pj.prefixes:
            rel_prefix[key] = max(rel_prefix.get(key, 0.0), pts)
    regulated = {rid for pj in past if (rid := index.reg_by_uri.get(pj.uri))}
    group_regulated = frozenset(rid for pj in past if (rid := group_profession(index, pj.uri, pj.isco)))
    regulated |= group_regulated
    for pj in past:  # past work that counts for a profession's recognition (a teacher coded as lecturer)
        for n in range(len(pj.isco), 0, -1):
            regulated.update(index.reg_related.get(pj.isco[:n], ()))
    qualified = dutch_qualified(profile, index)
    regulated.update(qualified)
    interim = {uri: rid for rid in sorted(regulated) for uri in index.regulated[rid].interim}
    # Person.to_recognise: a diploma above primary level (or of unknown level), or paid regulated work
    to_recognise = paid_regulated or any(
        edu.completed is not False and _level_or_2(edu) >= 2 for edu in profile.education
    )
    fit_digits = w.routes.fit.related_digits
    fit_prefixes = {
        prefix for pj in past for n in range(fit_digits, 5) if (prefix := index.named_prefix(pj.isco, n))
    }
    cefr = dutch_of(profile)
    dutch = CEFR_ORDER[cefr or w.dutch.unknown_counts_as]
    wish_sectors = {sid for text in profile.wishes.sectors if (sid := match_sector(index, text))}
    wish_cands, wish_listed, wish_review = wished_candidates(profile, index)
    held = {x.strip().upper() for x in profile.driving_licences if x.strip()}
    country = profile.driving_licence_country
    # EU/EEA licences count; so does a Ukrainian one while its holder is under temporary protection
    protected = country in index.licences.protection and profile.dutch.inburgering == "temporary_protection"
    licences = held if country is not None and (country in index.licences.eu_eea or protected) else set()
    certificates = _certificates(index, profile.certificates) if profile.certificates else set()
    for rid, held_text in exams_passed(index, [pj.uri for pj in past], licences, certificates).items():
        qualified.setdefault(rid, held_text)
    return Person(
        lang=lang,
        skills=skills,
        past=past,
        edu_level=edu_level,
        edu_basis=edu_basis,
        edu_unofficial=unofficial,
        exp_level=exp_level,
        level=max((x for x in (edu_level, exp_level) if x is not None), default=None),
        rel_prefix=rel_prefix,
        rel_uri=rel_uri,
        regulated=regulated,
        interim=interim,
        interim_at=frozenset(index.by_uri[uri] for uri in interim if uri in index.by_uri),
        dutch=dutch,
        dutch_known=cefr is not None,
        wish_sectors=wish_sectors,
        wish_cands=wish_cands,
        wish_listed=wish_listed,
        wish_review=wish_review,
        hours=profile.wishes.hours_per_week,
        licences=licences,
        licences_held=held,
        licence_country=country,
        certificates=certificates,
        edu_reason=edu_reason,
        to_recognise=to_recognise,
        fit_prefixes=fit_prefixes,
        group_regulated=group_regulated,
        dutch_qualified=qualified,
        dutch_level=max((index.regulated[rid].dutch_nlqf for rid in qualified), default=0),
        evc_done=any(_EVC_DONE.search(c) for c in profile.certificates),
        near_pension=near_pension(age_of(profile), w.plan),
        uncoded_work=any(job.coded is None for job in profile.work),
        likely=likely,
        entry=frozenset(entry),
        worked_here=frozenset(
            job.coded.isco[:4] for job in profile.work if job.coded and job.coded.isco and job.country == "NL"
        ),
    )


Prefixes = tuple[tuple[str, float, int], ...]


def _job_facts(
    index: SuggestIndex, uri: str, isco: str, kind: str | None, years: float | None
) -> tuple[bool, float, int | None, float, Prefixes]:
    """What a coded job gives, the same for every job with its occupation, code, kind and years:
    whether it is paid work in a regulated profession (or a group that counts for one), its
    experience factor, its level band (``Past.band_nlqf``), and its same-occupation and prefix
    points (``Past.same``, ``Past.prefixes``). Remembered per index (``text_memo``): worked out
    per job, with the weights' model attributes read each time, it was a third of ``person_of``."""
    key = ("job", (uri, isco, kind, years))
    hit = index.text_memo.get(key)
    if hit is None:
        w = index.weights
        # work whose kind was not said (None) counts as paid, as most is: the profile says "unknown"
        paid = kind in ("employed", "self_employed", None) and (
            uri in index.reg_by_uri
            or any(isco[:n] in index.reg_related for n in range(1, 5))
            or group_profession(index, uri, isco) is not None
        )
        factor = 1.0
        if years is not None and years < w.related_work.min_years_full:
            factor = w.related_work.short_experience_factor
        band_nlqf = None
        if isco and isco[:1] in w.level_by_isco_major:
            band = w.level_by_isco_major[isco[:1]]
            if years is None or years >= w.level.min_years_experience:
                band_nlqf = band.nlqf_min  # informal or volunteer work: at most a skill level 2 job's
                if kind in ("informal", "volunteer"):
                    band_nlqf = min(band_nlqf, w.level.informal_work_max_nlqf)
        rules = w.related_work
        prefixes = tuple(
            (prefix, round2(pts * factor), n)
            for n, pts in rules.by_isco_digits.items()
            if (prefix := index.named_prefix(isco, n))
        )
        same = round2(rules.same_occupation * factor)
        hit = index.text_memo.put(key, (paid, factor, band_nlqf, same, prefixes))
    return hit


def _certificates(index: SuggestIndex, said: list[str]) -> set[str]:
    """The certificates as rules name them: one under another name counts as the one a rule names
    ('VCA basis' is VCA). The table of other names is worked out once per index (``text_memo``):
    built for every person it was 4 % of ``suggest``'s time in a batch (56 names through ``norm``)."""
    hit = index.text_memo.get(("certificate_names", ""))
    if hit is None:
        names = index.weights.certificate_names
        also = {norm(alias): norm(name) for name, aliases in names.items() for alias in aliases}
        hit = index.text_memo.put(("certificate_names", ""), (also,))
    also = hit[0]
    return {also.get(c, c) for c in map(norm, said)}


# an ervaringscertificaat is what an EVC procedure gives (MBO Raad, Erkenning Verworven Competenties): held,
# the procedure was done (twenty-fifth review)
_EVC_DONE = re.compile(r"ervaringscertificaat|experience certificate|(?<![^\W_])evc(?![^\W_])", re.IGNORECASE)


# a wish to run an own business ('eigen cateringbedrijf', 'own company'), which the coder codes to a
# manager of the trade (ISCO major group 1): the person wants to be self-employed, not hired as a
# manager of a restaurant or of road transport through an hbo programme (fourteenth review); the
# entrepreneurship step takes it up (suggest_business)
_BUSINESS_WISH = re.compile(
    r"\b(?:eigen|own)\s+\w*(?:bedrijf|zaak|zaakje|onderneming|business|company)\b|\bzzp\b"
)


def says_business(text: str) -> bool:
    """Whether a wish says an own business ('eigen cateringbedrijf', 'own company', 'zzp')."""
    return bool(_BUSINESS_WISH.search(text.casefold()))


def business_wish(text: str, isco: str | None, unsure: bool = False) -> bool:
    """Whether a wished occupation's ``text``, coded to ``isco``, is a wish to run an own business
    that the coder read as a manager's job (``_BUSINESS_WISH``), or did not settle (``unsure``:
    'eigen garagebedrijf' coded, to be checked, to receptionists' group 4226 made a garage owner's
    learn-work step a receptionist's; sixteenth review)."""
    return isco is not None and (isco.startswith("1") or unsure) and says_business(text)


def wished_candidates(
    profile: Profile, index: SuggestIndex
) -> tuple[set[int], frozenset[int], frozenset[int]]:
    """(every wished candidate, those the wish names, those only in a coded wish's unit group).

    A wish the coder is sure of is the occupation it was coded to. Otherwise a wish that is an
    occupation's exact label (Dutch or English, preferred or alternative) names it, unless the
    coder, unsure, puts other work first: ESCO gives 'dierenarts' (veterinarian) as an alternative
    label of two veterinary technicians' occupations only (ISCO 3240: insemination, horses' teeth), listed
    as the vet's own wished occupation. Then, as for a wish in other words, the code counts: every
    candidate of its ISCO unit group (``wish_coding.unit_group``), marked as found through the group.
    Without a coding (older profiles) the exact label names as before."""
    business = {
        norm(w.text)
        for w in profile.wishes.coded
        if w.coded and business_wish(w.text, w.coded.isco, w.needs_review)
    }
    best = {
        norm(w.text): (index.by_uri.get(w.coded.uri), w.needs_review)
        for w in profile.wishes.coded
        if w.coded is not None
    }
    cands: set[int] = set()
    named_by_label: set[str] = set(business)  # wishes an exact label names (or a business wish: none)
    for text in profile.wishes.occupations:
        key = norm(text)
        if key in business:
            continue
        named = index.by_label.get(key, ())
        at, unsure = best.get(key, (None, True))
        if at is not None and not unsure:
            cands.add(at)  # an exact label may be other work's too ('apotheker': a medical goods shop's)
        elif named and (at is None or at in named):
            cands.update(named)
            named_by_label.add(key)
    listed = set(cands)
    review: set[int] = set()
    for wish in profile.wishes.coded:
        if wish.coded is None or norm(wish.text) in named_by_label:
            continue  # nothing coded, or the exact label already named it
        at = index.by_uri.get(wish.coded.uri)
        if at is not None and (not wish.needs_review or _names_preferred(index, at, wish.text)):
            cands.add(at)
            listed.add(at)
            if not wish.needs_review:
                continue
        group = unit_group(wish)
        members = index.by_prefix.get(group, ()) if group is not None else _profession_members(index, wish)
        fresh = set(members) - cands
        cands.update(fresh)
        review.update(fresh)
    return cands, frozenset(listed), frozenset(review - listed)


def _names_preferred(index: SuggestIndex, at: int, text: str) -> bool:
    """The wish holds the coded occupation's preferred label as whole words ('winkelmedewerker
    supermarkt'): the person named it, with a qualifier, even when the coder is unsure. Without this
    an unsure coding made every occupation of the unit group equally wished, and a Z-route client who
    wants shop work got a dealer in antiques as her learn-work step (thirteenth review). An alternative
    label does not count ('dierenarts' is one of two veterinary technicians', see above)."""
    c = index.cands[at]
    words = " ".join(re.findall(r"\w+", text.lower()))
    labels = (" ".join(re.findall(r"\w+", label.lower())) for label in (c.label_nl, c.label_en))
    return any(label and f" {label} " in f" {words} " for label in labels)


def _profession_members(index: SuggestIndex, wish: WishedOccupation) -> tuple[int, ...]:
    """A wish coded to a group too broad for a unit group ('arts': 221, doctors) whose occupations
    all belong to one regulated profession (``group_profession``): that profession's candidates in
    the group. The wish of a doctor was otherwise lost, and his own profession never shown."""
    code = wish.coded
    rid = group_profession(index, code.uri, code.isco) if code is not None else None
    if code is None or rid is None:
        return ()
    return tuple(
        n
        for n, c in enumerate(index.cands)
        if c.isco.startswith(code.isco) and index.reg_by_uri.get(c.uri) == rid
    )


def group_profession(index: SuggestIndex, uri: str, isco: str) -> str | None:
    """The regulated profession of work coded to an ISCO group rather than an ESCO occupation
    (its URI is none of the occupations'), by the profession's longest ISCO prefix; else None.
    A group broader than the profession's prefixes ('arts' codes to 221, doctors' prefixes are 2211
    and 2212) counts when every occupation inside it belongs to that one profession: a doctor coded
    to 221 got no suggestion and no BIG step."""
    if uri in index.occ_isco or not isco:
        return None
    # remembered per index and code (``text_memo``): the look-through of every occupation cost a
    # batch 8 % more instructions a row, as the family titles of many rows code to a group
    key = ("group_profession", isco)
    hit = index.text_memo.get(key)
    if hit is None:
        hit = index.text_memo.put(key, (_group_profession(index, isco) or "",))
    return hit[0] or None


def _group_profession(index: SuggestIndex, isco: str) -> str | None:
    hit = longest_prefix(index.reg_by_prefix, isco)
    if hit is not None:
        return hit[1]
    inside = {index.reg_by_uri.get(u) for u, code in index.occ_isco.items() if code.startswith(isco)}
    return inside.pop() if len(inside) == 1 else None  # one profession only (never None alone)


def _level_or_2(edu: Education) -> int:
    """The highest level an education entry may have (IDW's, else the indication's top); 2, above
    primary, when unknown: an unknown diploma is still one to assess."""
    if edu.idw_nlqf is not None:
        return edu.idw_nlqf
    return edu.indication.nlqf_max if edu.indication is not None else 2


def level_basis(p: Person) -> str | None:
    """Where the person's level comes from, in words: never a work level shown as a diploma level."""
    basis = level_basis_text(p)
    return None if basis is None else basis.render(p.lang)


def level_basis_text(p: Person) -> Text | None:
    """``level_basis`` as a fact (a ``Text``), for the evidence a suggestion stores."""
    if p.level is None:
        return None
    if p.edu_level is not None and p.edu_level >= (p.exp_level or 0):
        # the reason goes on a line of its own (``level_reason``), not inside the level's brackets
        return x("basis_by_project" if p.edu_basis == "basis_inferred" else p.edu_basis)
    if p.edu_basis == "basis_idw":  # an IDW evaluation below the work level is said, not hidden (section 27)
        return x("basis_work_over_idw", nlqf=p.edu_level)
    return x("basis_work_level")


def level_reason(p: Person) -> str | None:
    """Why the project inferred the person's level, in ``p.lang``, when ``level_basis`` says it did:
    a line of its own, not nested in the level's parentheses. The diploma table's reasons are
    English: Dutch output gets the catalogue's pointer to them instead."""
    if p.level is None or p.edu_basis != "basis_inferred" or p.edu_level is None:
        return None
    if p.edu_level < (p.exp_level or 0):
        return None
    return messages.data_text(p.edu_reason, "en", p.lang, instead="diploma.inferred_reason")
