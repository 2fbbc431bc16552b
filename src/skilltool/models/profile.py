"""The profile: one person's coded skills profile, as the intake builds it and batch writes it.

Versioned (``schema_version``; version 2 added the licence's issuing country, the inburgering
status and where a diploma level comes from; version 3 stores an education's official route and
caveat as facts (step ids, a catalogue key) that every output renders in its own language, instead
of sentences in the intake's language; version 4 does the same for suggestions and next steps:
their sentences are ``Text`` (a catalogue key with parameters); an older profile is migrated on
load, see
``Profile._migrate``). Fields marked sensitive (health, family, caseworker notes) are
optional and minimal, and ``Profile.public()`` drops them, with the next steps that come from them
(``SENSITIVE_STEPS``), for employer-facing and research output.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from skilltool.models.base import BoundedWhole, CefrLevel, CountryCode, Number, Record, invalid
from skilltool.models.profile_migration import (
    education_v2_to_v3,
    sentence_keys,
    step_v3_to_v4,
    suggestion_v3_to_v4,
    texts_lang,
)
from skilltool.models.sensitive_text import tells_health_or_family
from skilltool.models.texts import Join, Text

PROFILE_SCHEMA_VERSION = 4

WorkKind = Literal["employed", "self_employed", "family_business", "informal", "volunteer"]
SkillOrigin = Literal["self_reported", "derived_from_occupation", "evidenced_by_document"]
IntegrationRoute = Literal["b1", "onderwijs", "z", "none", "unknown"]
ConfirmationStatus = Literal["suggested", "confirmed", "free_text"]
InburgeringStatus = Literal["obliged", "exempt", "finished", "temporary_protection", "unknown"]
Route = Literal["direct", "dual", "recognition_first"]

SENSITIVE_STEPS = frozenset({"health", "care"})
"""Next-step actions that reveal health or family details (the plan's health and care steps): kept
out of employer-facing and research output like the circumstances they come from
(``Profile.public()``, the report unless ``include_sensitive``)."""

SENSITIVE_ADDITIONS = frozenset({"suggest.s_work_health"})
"""Sentences the plan adds to another step that tell what a sensitive detail holds (a placement
"only in work that ... fits the person's health"): dropped with the sensitive steps
(``NextStep.public``)."""

_CLIENT_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,63}")
_BSN = re.compile(r"\d{8,9}")
# A BSN as letters and forms print it (``1234.56.789``; ``123-456-789``): nine digits in groups that
# pass the BSN's eleven test (``_eleven_test``), so that a grouped case number such as ``2024-0001``
# or ``2024-00-123`` (one in eleven of those pass) stays a case number. It was taken as a valid
# client id and written into every output.
_BSN_GROUPED = re.compile(r"\d{2,4}(?:[._/-]\d{2,4}){1,3}")
# A BSN labelled as one (``BSN-123456782``, ``bsn123456782``, ``SOFI_12345678``): eight or nine
# digits after the word, however they are grouped. A case number with nine digits and no such
# label (``UT-111222333``) stays a case number.
_BSN_LABELLED = re.compile(r"(?i)(?<![a-z])(?:bsn|sofi)[._/-]?(?:\d[._/-]?){7,8}\d(?!\d)")
# A BSN with a mark or a number beside it and no letter in the id (``123456782.`` copied from a
# sentence, ``123456782-1``, ``2024/123456782``): nine digits in a row that pass the eleven test.
# Only a letter tells a case number; eight digits are a date as often (``20240101-0001``).
_DIGITS_AND_MARKS = re.compile(r"[0-9._/-]+")
_DIGIT_RUN = re.compile(r"(?<!\d)\d{9}(?!\d)")
# A Dutch phone number as people write it (``0612345678``, ``06-12345678``, ``06.12.34.56.78``,
# ``030-1234567``, ``0031612345678``), alone or labelled (``tel-0612345678``, ``mobiel_06...``):
# an export whose id column holds the phone, or a mapping naming the wrong column, made it a valid
# id in every output. Ten digits from 0 in the groups phone numbers take, so a case number such as
# ``01-2024-0001`` (three groups) or a zero-padded ``0000012345`` stays valid.
_PHONE_STARTS = frozenset("0tTmMgGpP")  # a phone's first character: most ids skip the pattern
_PHONE = re.compile(
    r"(?i)(?:(?<![a-z])(?:tel|telefoon|mobiel|mob|gsm|phone)[._/-]?)?"
    r"(?:0[1-9]\d{8}|0031[1-9]\d{8}|0(?=[1-9]\d{0,2}[-./]\d{6,8}$)[\d]{2,4}[-./]\d{6,8}|06[-./]\d{2}(?:[-./]?\d{2}){3})"
)


def _eleven_test(digits: str) -> bool:
    """The BSN's check ("elfproef"): the digits weighed 9, 8, ..., 2 and the last -1 sum to a
    multiple of 11."""
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 == 0


_BSN_IN_TEXT = re.compile(r"(?<![\d.,/-])\d{3,4}([ .-]?)\d{2,3}\1\d{3}(?![\d.,/-]\d|\d)")
"""Nine digits in a text as a BSN is written (``123456782``, ``1234.56.782``, ``123 456 782``), not
part of a longer number (a phone number, an amount, a date)."""


def holds_bsn(text: str) -> bool:
    """Whether free text holds a number that passes the BSN's eleven test, as a BSN is written (nine
    digits in a row, or grouped 3-3-3 / 4-2-3 by spaces, dots or hyphens); all zeros is none."""
    for found in _BSN_IN_TEXT.finditer(text):
        digits = "".join(c for c in found.group() if c.isdigit())
        if len(digits) == 9 and digits != "000000000" and _eleven_test(digits):
            return True
    return False


def client_ref_problem(text: str) -> str | None:
    """Why ``text`` cannot be a client reference (``bsn``, ``phone``, ``invisible``: a character nobody sees,
    such as a zero-width space or a direction mark; ``ref_chars``), or None when it can.

    The one rule for client ids: a validator on ``Personal`` (so every reader of a stored profile
    refuses a bad id: ``profile show``, ``report``, ``suggest``, ``explain``) and on
    ``PersonalAnswers`` (the interactive intake, ``--answers``, every batch row); batch also uses
    it to decide whether an id may be shown in ``errors.csv``. No names, no BSN, no markup: a
    pseudonymous case reference.
    """
    if _BSN.fullmatch(text):
        return "bsn"
    if _BSN_GROUPED.fullmatch(text):
        digits = "".join(c for c in text if c.isdigit())
        if len(digits) == 9 and _eleven_test(digits):
            return "bsn"
    if _BSN_LABELLED.search(text):
        return "bsn"
    if _DIGITS_AND_MARKS.fullmatch(text) and any(map(_eleven_test, _DIGIT_RUN.findall(text))):
        return "bsn"
    if text[:1] in _PHONE_STARTS and _PHONE.fullmatch(text) and sum(map(str.isdigit, text)) in (10, 13):
        return "phone"
    if _CLIENT_REF.fullmatch(text):
        return None
    if any(unicodedata.category(c) in ("Cf", "Cc") for c in text):  # pasted along, unseen
        return "invisible"
    return "ref_chars"


def check_client_ref(value: str) -> str:
    """``value`` when it is a valid client reference; else the validation error of its rule (its
    texts: catalogue ``reason.value.client_ref_<problem>``)."""
    problem = client_ref_problem(value)
    if problem is not None:
        raise invalid(f"client_ref_{problem}")
    return value


class Confirmation(Record):
    """Whether a code was confirmed by a person or is only the tool's suggestion."""

    status: ConfirmationStatus = "suggested"
    by: Literal["caseworker"] | None = None
    on: date | None = None


class Personal(Record):
    """Who the profile is about, pseudonymously: no name, no BSN, no address."""

    client_ref: str = Field(min_length=1, max_length=64, description="Pseudonymous client reference.")
    birth_year: BoundedWhole = Field(default=None, ge=1900, le=2100)
    country_of_origin: CountryCode | None = None
    permit_date: date | None = None
    municipality: str | None = None

    @field_validator("client_ref")
    @classmethod
    def _client_ref(cls, value: str) -> str:
        return check_client_ref(value)


class LanguageSkill(Record):
    """A language the person speaks, with a CEFR level where known."""

    language: str = Field(description="ISO 639 code, e.g. 'ar', 'ti', 'prs', 'en'.")
    cefr: CefrLevel | None = None
    mother_tongue: bool = False


class DutchLanguage(Record):
    """Dutch level and the integration route (Wet inburgering 2021: B1, onderwijs, Z-route)."""

    cefr: CefrLevel | None = None
    integration_route: IntegrationRoute | None = None
    inburgering: InburgeringStatus | None = Field(
        default=None,
        description="Inburgering status where the client knows it: obliged (Wet inburgering), exempt, "
        "finished (diploma received), temporary_protection (e.g. Ukrainians; not obliged).",
    )


class DiplomaIndication(Record):
    """A diploma-table match: the Dutch comparable qualification and its NLQF/EQF range."""

    entry_id: str
    qualification: str
    dutch_equivalent: str
    nlqf_min: int = Field(ge=1, le=8)
    nlqf_max: int = Field(ge=1, le=8)
    eqf_min: int = Field(ge=1, le=8)
    eqf_max: int = Field(ge=1, le=8)
    source: str
    score: float = Field(ge=0, le=100)
    basis: Literal["stated", "inferred"] | None = Field(
        default=None,
        description="stated: the source prints this NLQF/EQF; inferred: the project derived it (see reason).",
    )
    inferred_reason: str | None = Field(
        default=None, description="Why and how an inferred level was derived."
    )

    @model_validator(mode="after")
    def _ordered(self) -> DiplomaIndication:  # a hand-edited 5-3 was shown as "NLQF 5-3"
        for low, high in ((self.nlqf_min, self.nlqf_max), (self.eqf_min, self.eqf_max)):
            if low > high:
                raise invalid("level_order", min=low, max=high)
        return self


class Education(Record):
    """One education entry as the person names it, with the tool's indication of its level."""

    country: CountryCode | None = None
    qualification: str
    field: str | None = None
    years: Number = Field(default=None, ge=0, le=30)
    completed: bool | None = None
    documents: Literal["yes", "no", "partial"] | None = None
    idw_status: Literal["none", "applied", "evaluated", "indicatie"] | None = None
    idw_nlqf: BoundedWhole = Field(default=None, ge=1, le=8, description="Level IDW stated, if evaluated.")
    indication: DiplomaIndication | None = None
    alternatives: list[DiplomaIndication] = Field(default_factory=list)
    caveat_key: str | None = Field(
        default=None,
        description="What the indication cannot say: a message catalogue key (e.g. 'diploma.caveat'), "
        "rendered in the output's language.",
    )
    route_steps: list[str] = Field(
        default_factory=list,
        description="Steps to an official evaluation (IDW, BIG, ...) as step ids "
        "(e.g. 'idw-diplomawaardering'), rendered in the output's language.",
    )
    caveat: str | None = Field(
        default=None,
        description="Legacy (profiles before version 3): a caveat sentence that could not be mapped "
        "back to a catalogue key; shown as written, marked as not translated.",
    )
    official_route: list[str] = Field(
        default_factory=list,
        description="Legacy (profiles before version 3): route sentences that could not be mapped "
        "back to a step id; shown as written, marked as not translated.",
    )
    confirmation: Confirmation = Field(default_factory=Confirmation)


class OccupationCode(Record):
    """An ESCO occupation a free-text title was coded to."""

    uri: str
    isco: str
    label: str
    score: float = Field(ge=0, le=100)
    matched: str | None = Field(default=None, description="The label that matched.")


class WorkExperience(Record):
    """One job or activity: paid, self-employed, family business, informal and unpaid work all count."""

    title: str
    tasks: str | None = None
    country: CountryCode | None = None
    years: Number = Field(default=None, ge=0, le=70)
    kind: WorkKind | None = Field(default=None, description="None: not said (never assumed employed).")
    coded: OccupationCode | None = None
    alternatives: list[OccupationCode] = Field(default_factory=list)
    needs_review: bool = False
    confirmation: Confirmation = Field(default_factory=Confirmation)


class SkillEntry(Record):
    """One skill with where it came from."""

    label: str
    skill_id: str | None = Field(default=None, description="ESCO skill id, when coded.")
    origin: SkillOrigin = "self_reported"
    source_ref: str | None = Field(
        default=None, description="The occupation URI or document the skill was derived from."
    )
    confirmation: Confirmation = Field(default_factory=Confirmation)


class WishedOccupation(Record):
    """A wished occupation as the person said it, coded like a past job's title (the same coder):
    the best ESCO occupation or ISCO group, the next candidates, and whether a person should check."""

    text: str
    coded: OccupationCode | None = None
    alternatives: list[OccupationCode] = Field(default_factory=list)
    needs_review: bool = False


class Wishes(Record):
    """What the person wants: sectors, occupations, hours, travel, willingness to train."""

    sectors: list[str] = Field(default_factory=list)
    occupations: list[str] = Field(default_factory=list)
    hours_per_week: BoundedWhole = Field(default=None, ge=0, le=60)
    max_travel_minutes: BoundedWhole = Field(default=None, ge=0, le=240)
    willing_to_train: bool | None = None
    coded: list[WishedOccupation] = Field(
        default_factory=list,
        description="The wished occupations, coded (an older profile has none: a wish then matches "
        "an occupation by its exact label only).",
    )


class Circumstances(Record):
    """Sensitive and minimal: kept out of employer-facing and research output."""

    care_duties: bool | None = None
    health_limits_work: Literal["yes", "no", "rather_not_say"] | None = None


class NextStep(Record):
    """An agreed or proposed action with the reason for it: a ``Text`` when ``suggest`` proposed it,
    a plain string when the caseworker typed it (kept as written)."""

    action: str
    text: str | Text
    reason: str | Text | None = None
    agreed: bool = False

    def public(self) -> NextStep:
        """The step without an addition that tells a sensitive detail (``SENSITIVE_ADDITIONS``):
        a work-experience step said "only in work that fits the person's health" in every report;
        a step typed by the caseworker that tells one (``tells_health_or_family``) held back."""
        typed = [t for t in (self.text, self.reason) if isinstance(t, str)]
        if any(map(tells_health_or_family, typed)):
            return self.model_copy(update={"text": Text(key="report.step_held_back"), "reason": None})
        text = _without_sensitive(self.text)
        return self if text is self.text else self.model_copy(update={"text": text})


def public_steps(steps: Iterable[NextStep]) -> list[NextStep]:
    """The next steps employer-facing and research output may show: none of ``SENSITIVE_STEPS``,
    and the others without what they add about them (``NextStep.public``)."""
    return [s.public() for s in steps if s.action not in SENSITIVE_STEPS]


def _without_sensitive(text: str | Text) -> str | Text:
    """``text`` without the sentences of ``SENSITIVE_ADDITIONS`` it joins (``suggest_plan._then``)."""
    join = text.params.get("items") if isinstance(text, Text) else None
    if not isinstance(text, Text) or not isinstance(join, Join):
        return text
    kept = [i for i in join.items if not (isinstance(i, Text) and i.key in SENSITIVE_ADDITIONS)]
    if len(kept) == len(join.items):
        return text
    if len(kept) == 1 and isinstance(kept[0], Text):
        return kept[0]
    joined = join.model_copy(update={"items": kept})
    return text.model_copy(update={"params": {**text.params, "items": joined}})


class TightnessRef(Record):
    """Tightness as shown on a suggestion: the value that counts as 'now' (UWV's current value, else
    the newest older one) with its period, source and flags, and ROA's 2030 forecast, or unknown."""

    category: str
    period: str | None = None
    source: str | None = None
    at_least: str | None = Field(
        default=None, description="A sourced lower bound when the exact category is unknown."
    )
    kind: str | None = Field(default=None, description="current or history (the kind of the 'now' value).")
    value: float | None = Field(
        default=None, description="UWV's spanning value the category was derived from."
    )
    flags: list[str] = Field(
        default_factory=list, description="derived, second_hand, lower_bound, stale (older than 8 quarters)."
    )
    forecast: str | None = Field(default=None, description="ROA's ITKB bottleneck typering by 2030.")
    forecast_period: str | None = None
    forecast_direction: str | None = None
    forecast_source: str | None = None


class ScorePart(Record):
    """One visible part of a suggestion's score, with its evidence."""

    name: str
    points: float
    evidence: Text


class Suggestion(Record):
    """A suggested occupation (a shortage sector boosts it, never filters), with its fit, why, what is
    missing and the route."""

    uri: str
    isco: str
    label: str
    sector: str = Field(description="Shortage sector id, or '' outside the shortage sectors.")
    score: float = Field(description="0-100: the sum of the parts (their maxima add up to at most 100).")
    fit: list[Text] = Field(
        default_factory=list,
        description="Why the occupation really fits: related past work, half the essential skills, a wish. "
        "Empty only for the person's own trade shown whatever its fit.",
    )
    parts: list[ScorePart] = Field(default_factory=list)
    route: Route
    at_level: bool
    tightness: TightnessRef
    reasons: list[Text] = Field(default_factory=list)
    gaps: list[Text] = Field(default_factory=list)
    regulated: bool = False
    dutch_needed: str | None = Field(default=None, description="CEFR level the work needs (assumption).")
    missing_skills: list[str] = Field(default_factory=list, description="A few essential skills, by label.")
    certificates_missing: list[str] = Field(default_factory=list)
    recognition: Text | None = Field(
        default=None, description="The official recognition route and authority, where one is needed."
    )
    caveat: Text = Field(
        default_factory=lambda: Text(key="suggest.caveat"),
        description="Says that the suggestion is an indication.",
    )


class Profile(Record):
    """A person's coded skills profile."""

    schema_version: Literal[4] = 4
    created: datetime | None = None
    texts_lang: Literal["nl", "en"] | None = Field(
        default=None,
        description="The language the stored reference-data labels (coded occupations, derived "
        "skills, a suggestion's label and missing skills) are in; an output in another language "
        "labels them again by their ESCO id (``skilltool.relabel``). Sentences are stored as facts.",
    )
    tool_version: str | None = None
    personal: Personal
    languages: list[LanguageSkill] = Field(default_factory=list)
    dutch: DutchLanguage = Field(default_factory=DutchLanguage)
    education: list[Education] = Field(default_factory=list)
    work: list[WorkExperience] = Field(default_factory=list)
    skills: list[SkillEntry] = Field(default_factory=list)
    digital_skills: Literal["none", "basic", "good", "advanced"] | None = None
    driving_licences: list[str] = Field(default_factory=list, description="EU categories: B, C, CE, D ...")
    driving_licence_country: CountryCode | None = Field(
        default=None,
        description="Country that issued the driving licence: decides whether it counts here, can be "
        "exchanged (RDW) or needs CBR exams. Unknown: the licence is not counted as valid here.",
    )
    certificates: list[str] = Field(default_factory=list, description="E.g. VCA, forklift, HACCP.")
    wishes: Wishes = Field(default_factory=Wishes)
    circumstances: Circumstances = Field(default_factory=Circumstances)
    notes: str | None = Field(default=None, description="Caseworker notes: sensitive, free text.")
    next_steps: list[NextStep] = Field(default_factory=list)
    own_trade: list[Suggestion] = Field(
        default_factory=list,
        description="The person's own trade: every coded past and wished occupation, with route and gaps.",
    )
    suggestions: list[Suggestion] = Field(default_factory=list)

    @field_validator("schema_version", mode="before")
    @classmethod
    def _readable_version(cls, value: Any) -> Any:
        """After ``_migrate`` only this version is left; any other says what to do: a higher one is
        a newer skilltool's profile (update), anything else no version at all. Both said "must be
        one of 4", which reads as a count and names no way out."""
        if value == PROFILE_SCHEMA_VERSION and type(value) is int:
            return value
        if type(value) is int and PROFILE_SCHEMA_VERSION < value < 100:  # never echo a long number (a BSN)
            raise invalid("profile_newer", version=value, current=PROFILE_SCHEMA_VERSION)
        raise invalid("profile_version", current=PROFILE_SCHEMA_VERSION)

    @model_validator(mode="before")
    @classmethod
    def _migrate(cls, data: Any) -> Any:
        """Upgrade an older profile, one version at a time.

        1 -> 2: version 1 lacks only optional fields, which stay unknown (licence country,
        inburgering status, level basis). 2 -> 3: each education's caveat and official route were
        sentences in the intake's language; a sentence equal to a catalogue text (in Dutch or
        English) becomes its key or step id, anything else stays as legacy text, shown as written
        and marked as not translated. 3 -> 4: suggestions' and proposed next steps' sentences (fit,
        evidence, reasons, gaps, recognition, caveat, step text and reason) become ``Text`` facts
        where they are a catalogue text with numbers or codes as parameters; anything else stays
        as written, marked with its language (``texts_lang``). Agreed steps stay as typed."""
        if not isinstance(data, dict):
            return data
        if data.get("schema_version") == 1:
            data = {**data, "schema_version": 2}
        if data.get("schema_version") == 2:
            data = {**data, "schema_version": 3}
            if isinstance(data.get("education"), list):
                known = sentence_keys()
                data["education"] = [education_v2_to_v3(e, known) for e in data["education"]]
            data.setdefault("texts_lang", texts_lang(data))
        if data.get("schema_version") == 3:
            data = {**data, "schema_version": 4}
            lang = data.get("texts_lang")
            for name in ("own_trade", "suggestions"):
                if isinstance(data.get(name), list):
                    data[name] = [suggestion_v3_to_v4(item, lang) for item in data[name]]
            if isinstance(data.get("next_steps"), list):
                data["next_steps"] = [step_v3_to_v4(step, lang) for step in data["next_steps"]]
        return data

    def public(self) -> Profile:
        """A copy without sensitive details (health, family, notes, the next steps that come
        from them: ``SENSITIVE_STEPS``, and what other steps add about them:
        ``SENSITIVE_ADDITIONS``) for employer or research use."""
        update = {
            "circumstances": Circumstances(),
            "notes": None,
            "next_steps": public_steps(self.next_steps),
        }
        return self.model_copy(update=update, deep=True)
