"""Occupation and skill coding: the curated aliases file and the results of coding free text."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from skilltool.models.base import IscoCode, Strict
from skilltool.models.reference import Tightness

AliasLanguage = Literal[
    "nl",
    "en",
    "ar",
    "ar-Latn",
    "fa",
    "fa-Latn",
    "prs-Latn",
    "tr",
    "ku-Latn",
    "ckb",
    "so",
    "ti",
    "ti-Latn",
    "am-Latn",
    "ps-Latn",
    "uk",
    "uk-Latn",
    "ru",
    "ru-Latn",
    "fr",
    "es",
    "ur-Latn",
]


class OccupationAlias(Strict):
    """One word people use for an occupation that ESCO lacks, mapped to an ESCO occupation."""

    alias: str = Field(min_length=1, max_length=80)
    language: AliasLanguage
    uri: str = Field(pattern=r"^http://data\.europa\.eu/esco/occupation/[0-9a-f-]{36}$")
    esco_label: str = Field(description="The English preferred label of `uri`, checked on load.")
    note: str = Field(min_length=1, description="Why this alias maps here; doubts a caseworker should know.")
    ask: bool = Field(
        default=False,
        description="The word names several occupations or levels (a teacher of any school, a driver "
        "of any vehicle): an answer it leads stays flagged, for the caseworker to ask what the note says.",
    )


class OccupationAliasesFile(Strict):
    """``data/occupation_aliases.yaml``."""

    version: Literal[1]
    aliases: list[OccupationAlias]


class SkillAlias(Strict):
    """One everyday word for a skill that ESCO has no label for in that language."""

    alias: str = Field(min_length=1, max_length=80)
    language: AliasLanguage
    skill_id: str = Field(pattern=r"^[0-9A-Za-z-]{1,64}$", description="An ESCO skill id (skills.yaml).")
    esco_label: str = Field(description="The English preferred label of the skill, checked on load.")
    note: str = Field(min_length=1, description="Why this alias maps here.")


class SkillAliasesFile(Strict):
    """``data/skill_aliases.yaml``."""

    version: Literal[1]
    aliases: list[SkillAlias]


class Candidate(Strict):
    """One ESCO occupation a text may mean, with the label that matched and a score 0-100."""

    uri: str
    isco: IscoCode
    label: str = Field(description="Preferred label in the requested language.")
    matched: str = Field(
        description=(
            "The ESCO label, alias or CBS title that matched the text; the candidate's own label "
            "when no single label did (a family's group, or a candidate of the second opinion)."
        )
    )
    score: float = Field(ge=0, le=100)
    kind: Literal["occupation", "isco_group"] = Field(
        default="occupation",
        description=(
            "'isco_group': the candidate is an ISCO-08 group (``uri`` is ESCO's ISCO URI, ``isco`` "
            "has 1-4 digits), for a title that names a whole family (leraar, verkoper) or a CBS "
            "title whose group has no fitting ESCO occupation."
        ),
    )


class CodingResult(Strict):
    """Free text coded to ESCO occupations: best first; ``needs_review`` when a person should check."""

    input: str
    normalized: str
    needs_review: bool
    candidates: list[Candidate] = Field(default_factory=list)
    problem: str | None = Field(
        default=None, description="Why nothing (or only part of the text) could be coded."
    )

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


class SkillCandidate(Strict):
    """One ESCO skill a text may mean."""

    skill_id: str
    label: str
    matched: str
    score: float = Field(ge=0, le=100)


class SkillCodingResult(Strict):
    """Free text coded to ESCO skills, best first."""

    input: str
    normalized: str
    needs_review: bool
    candidates: list[SkillCandidate] = Field(default_factory=list)
    problem: str | None = None


class SkillRef(Strict):
    """A skill by id with its label in the requested language."""

    id: str
    label: str


class OccupationSummary(Strict):
    uri: str
    isco: IscoCode
    label: str


BRC_LABEL = (
    "CBS's name of the BRC 2014 group, Dutch in every language: the CBS code list the data are "
    "built from names the groups in Dutch only."
)


class OccupationDetails(Strict):
    """``occupation show URI``: labels, skills and tightness of one ESCO occupation."""

    uri: str
    code: str
    isco: IscoCode
    isco_label: str
    label: str
    label_other: str = Field(description="The preferred label in the other language.")
    alt: list[str] = Field(description="Alternative labels in the requested language.")
    regulated: bool
    essential: list[SkillRef]
    optional: list[SkillRef]
    brc: str | None
    brc_label: str | None = Field(description=BRC_LABEL)
    tightness: Tightness
    tightness_text: str = Field(
        default="", description="Tightness now and to 2030 side by side, in the requested language."
    )


class BrcTightness(Strict):
    """The tightness of one BRC group, named as ``OccupationDetails`` names its own."""

    brc: str
    brc_label: str | None = Field(description=BRC_LABEL)
    tightness: Tightness
    tightness_text: str = Field(
        description="Tightness now and to 2030 side by side, in the requested language."
    )


class IscoGroupDetails(Strict):
    """``occupation show ISCO``: an ISCO-08 group, its ESCO occupations and tightness."""

    isco: IscoCode
    label: str
    occupations: list[OccupationSummary]
    tightness: list[BrcTightness] = Field(
        description="Tightness per BRC group the occupations belong to, by BRC code. (Was a list of "
        "[label, tightness] pairs, which a JSON reader could only take apart by position.)"
    )
