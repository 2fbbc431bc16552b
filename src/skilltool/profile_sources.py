"""What building a profile takes from the coders and the diploma lookup, and their answers made
into profile entries once per answer.

The protocols name what ``profile_building.build_profile`` reads of an occupation or skill
coder's result and of a diploma lookup (the real ones, batch's memos and a test's fakes all fit);
``_per_result`` makes a result's entries once, ``_derived_skills`` an occupation's essential
skills once per reference data.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from skilltool import diplomas as diploma_module
from skilltool import messages
from skilltool.diplomas import DiplomaTable
from skilltool.memo import Memo, per_run
from skilltool.models import (
    DiplomaIndication,
    OccupationCode,
    SkillEntry,
)
from skilltool.models.answers import EducationAnswer
from skilltool.models.diplomas import BilingualText, LookupContext
from skilltool.reference import ReferenceData


class CandidateLike(Protocol):
    """What a profile keeps of an occupation coder's candidate (``models.coding.Candidate``)."""

    @property
    def uri(self) -> str: ...
    @property
    def isco(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def matched(self) -> str: ...
    @property
    def score(self) -> float: ...


class SkillCandidateLike(Protocol):
    """What a profile keeps of a skill coder's candidate (``models.coding.SkillCandidate``)."""

    @property
    def skill_id(self) -> str: ...


class OccupationResultLike(Protocol):
    """An occupation coder's answer (``models.coding.CodingResult``): candidates, best first."""

    @property
    def needs_review(self) -> bool: ...
    @property
    def candidates(self) -> Sequence[CandidateLike]: ...


class SkillResultLike(Protocol):
    """A skill coder's answer (``models.coding.SkillCodingResult``): candidates, best first."""

    @property
    def needs_review(self) -> bool: ...
    @property
    def candidates(self) -> Sequence[SkillCandidateLike]: ...


class OccupationCoding(Protocol):
    """Codes a work title (``OccupationCoder``, batch's memo, a test's fake)."""

    def code(self, text: str, *, lang: str = ..., top: int = ...) -> OccupationResultLike: ...


class SkillCoding(Protocol):
    """Codes a skill as a person says it (``SkillCoder``, batch's memo, a test's fake)."""

    def code(self, text: str, *, lang: str = ..., top: int = ...) -> SkillResultLike: ...


class IndicationLike(Protocol):
    """One diploma match (``models.diplomas.DiplomaMatch``)."""

    def to_indication(self) -> DiplomaIndication: ...


class RouteStepLike(Protocol):
    """One step of the official route (``models.diplomas.RouteStep``)."""

    @property
    def id(self) -> str: ...
    @property
    def text(self) -> BilingualText | str: ...


class DiplomaLookupLike(Protocol):
    """A diploma lookup's answer (``models.diplomas.DiplomaLookup``)."""

    @property
    def matches(self) -> Sequence[IndicationLike]: ...
    @property
    def caveat(self) -> str | None: ...
    @property
    def official_route(self) -> Sequence[RouteStepLike]: ...


class DiplomaLookupFn(Protocol):
    """A diploma lookup as a function (batch's memo, a test's fake), keyword arguments as
    ``diplomas.lookup`` takes them."""

    def __call__(
        self, *, country: str, text: str, top: int, lang: str, context: LookupContext | None
    ) -> DiplomaLookupLike: ...


S = TypeVar("S")
T = TypeVar("T")
_CODES: Memo[int, tuple[object, list[OccupationCode]]] = per_run(Memo(2_000))
_INDICATIONS: Memo[int, tuple[object, list[DiplomaIndication]]] = per_run(Memo(2_000))


def _per_result(
    memo: Memo[int, tuple[object, list[T]]], result: object, items: Sequence[S], make: Callable[[S], T]
) -> list[T]:
    """A new list of ``make`` of each of ``items`` (a coder's or a diploma lookup's ``result``'s
    candidates), made and validated once per result object: batch's memos (``MemoCoder``,
    ``_MemoDiplomas``) answer a repeated title or diploma with the same result, whose candidates
    were validated again for every row (the occupation codes: 2% of a row's instructions). The
    entry holds the result, so its identity is not reused while kept; bounded (least recently
    used out), 2,000 results cover a caseload's titles and diplomas. What is made is shared
    between profiles and never changed in place (like ``_derived_skills``' entries); a result
    whose validation fails is not kept and fails again."""
    hit = memo.get(id(result))
    if hit is None:
        hit = memo.put(id(result), (result, [make(x) for x in items]))
    return list(hit[1])


def _indication(match: IndicationLike) -> DiplomaIndication:
    return match.to_indication()


def _lookup_diploma(
    diplomas: DiplomaTable | DiplomaLookupFn, *, country: str, answer: EducationAnswer, lang: str
) -> DiplomaLookupLike:
    """The diploma lookup for one answer: a callable (tests, batch's memo) or a ``DiplomaTable``."""
    if isinstance(diplomas, DiplomaTable):
        return diploma_module.lookup_education(diplomas, answer, top=3, lang=lang)
    context = diploma_module.education_context(answer)
    return diplomas(country=country, text=answer.qualification, top=3, lang=lang, context=context)


def _is_step_id(step_id: object) -> bool:
    """Whether ``step_id`` names a route step with texts in the message catalogue."""
    return isinstance(step_id, str) and f"diploma.step.{step_id}" in messages.catalogue("en")


def _caveat_fact(text: str | None) -> tuple[str | None, str | None]:
    """(catalogue key, legacy text) of a lookup's caveat: the key when it is the catalogue's caveat."""
    if not text:
        return None, None
    if text in (messages.t("diploma.caveat", lang) for lang in messages.LANGS):
        return "diploma.caveat", None
    return None, text


def _route_text(step: RouteStepLike, lang: str) -> str:
    return step.text if isinstance(step.text, str) else step.text.get(lang)


_DERIVED: weakref.WeakKeyDictionary[
    ReferenceData, Memo[tuple[str, str], tuple[tuple[str, SkillEntry], ...]]
] = weakref.WeakKeyDictionary()


def _derived_skills(ref: ReferenceData, uri: str, lang: str) -> tuple[tuple[str, SkillEntry], ...]:
    """(skill id, entry) for each essential skill of occupation ``uri``, origin
    ``derived_from_occupation``. Memoised per reference data (a batch codes the same occupations
    over and over); the entries are shared between profiles and never changed."""
    memo = _DERIVED.get(ref)
    if memo is None:  # bounded, least recently used out: a few hundred occupations cover a caseload
        memo = _DERIVED[ref] = Memo(1_000)
    found = memo.get((uri, lang))
    if found is None:
        # from the compiled suggestion index, not the occupation and skill models: a batch then
        # never loads those (68 MB that every worker would share and partly copy)
        index = ref.suggest_index
        li = 0 if lang == "nl" else 1
        entries: list[tuple[str, SkillEntry]] = []
        for sid in index.occ_essential.get(uri, ()):
            label = index.skill_labels.get(sid, (sid, sid))[li]
            entries.append(
                (sid, SkillEntry(label=label, skill_id=sid, origin="derived_from_occupation", source_ref=uri))
            )
        found = memo.put((uri, lang), tuple(entries))
    return found
