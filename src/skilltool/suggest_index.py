"""The compiled suggestion index: every shortage-sector occupation as the ranking needs it.

The records here (``Candidate``, ``RegInfo``, ``LicenceRules``, ``CertInfo``, ``SuggestIndex``) are plain
lists, dicts and small slotted classes; ``suggest_index_build`` builds them from the reference data and
caches them by the data files' content (``load_index``), so a warm ``suggest`` starts fast."""

from __future__ import annotations

import re
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from skilltool import suggest_not_practised
from skilltool.memo import Generations, Memo
from skilltool.models import ScorePart, Suggestion, SuggestWeights, TightnessRef

if TYPE_CHECKING:
    from array import array

    from skilltool.models import Text
    from skilltool.reference import ReferenceData
    from skilltool.suggest_arrays import BoolArray, CandArrays
    from skilltool.suggest_build import StaticTexts
    from skilltool.suggest_missing import Labels
    from skilltool.suggest_rules import HotRules
    from skilltool.suggest_scoring import GroupTable

INDEX_FORMAT = "suggest-index-38"  # bump when Candidate or SuggestIndex change (invalidates the cache)
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def norm(text: str) -> str:
    """Lower case, letters and digits only: how sector, wish and certificate names are compared."""
    return _NON_ALNUM.sub("", text.lower())


@dataclass(slots=True)
class Candidate:
    """One occupation as the ranking needs it, precomputed."""

    uri: str
    isco: str
    code_key: tuple[int, ...]
    label_nl: str
    label_en: str
    sector: str
    band: str
    skill_level: int
    nlqf_min: int
    nlqf_max: int
    dutch_needed: int
    dutch_basis: str
    tight: TightnessRef
    """Tightness now and to 2030, as shown (``skilltool.tightness``)."""
    tight_now: float
    """Points for tightness now (0 when unknown or stale)."""
    tight_fc: float
    """Points for the 2030 forecast (a separate, smaller part)."""
    tight_points: float
    """``tight_now + tight_fc``: the class part the ranking adds (shown as two parts)."""
    regulated: str | None
    cert_rule: int
    essential: tuple[str, ...]
    n_optional: int
    group: int = -1
    essential_points: float = 0.0
    """Skill points per essential skill held (weight / number of essential skills)."""
    optional_points: float = 0.0
    """Skill points per optional skill held."""
    distinctive: tuple[str, ...] = ()
    """Its essential skills that few occupations share (``suggest_fit``): part of skills fit."""
    mbo_route: bool = False
    """Its regulated profession's Dutch diploma exists at mbo level 4, also as BBL (``mbo_bbl``)."""

    def label(self, lang: str) -> str:
        return (self.label_nl or self.label_en) if lang == "nl" else (self.label_en or self.label_nl)

    @property
    def professional(self) -> bool:
        """ISCO skill level 4: a missing qualification is an hbo/wo one (shortened or part-time programme,
        recognition; never the mbo BBL), unless its diploma is mbo too (a nurse: ``mbo_route``)."""
        return self.skill_level >= 4 and not self.mbo_route

    def skills_held(self, held: Container[str], optional: Iterable[str]) -> tuple[int, int]:
        """How many of its essential skills and of ``optional`` (its optional skill ids) are in ``held``."""
        return sum(1 for s in self.essential if s in held), sum(1 for s in optional if s in held)


@dataclass(slots=True)
class RegInfo:
    name_nl: str
    name_en: str
    authority: tuple[str, str]  # the body that decides (nl, en)
    route_nl: str
    route_en: str
    learn_work: bool
    interim: tuple[str, ...] = ()  # URIs of jobs open meanwhile (``interim_esco_en``)
    by_exam: bool = False  # Dutch exams, not foreign papers: missing documents do not hold it up
    title_only: bool = False  # only the title is protected: the work is open without it
    closed_abroad: bool = False  # a non-EU qualification gives no access: a Dutch degree is the route
    nationality: bool = False  # open to Dutch nationals only (the armed forces): nothing to recognise
    dutch_diploma: tuple[str, ...] = ()  # word starts (textnorm.clean) of the Dutch qualifying diploma
    dutch_route: tuple[str, str] = ("", "")  # the route with it (nl, en): registration
    dutch_needed: str = ""  # the Dutch level the route asks for (CEFR), "" when no source states one
    training_title: bool = False  # Wet BIG art. 34: the title is protected, work under supervision is not
    dutch_nlqf: int = 0  # the NLQF level of the Dutch diploma it names, 0 when no source gives one
    untrained: tuple[str, str] = ("", "")  # the way in without a foreign qualification in it (nl, en)


@dataclass(slots=True)
class LicenceRules:
    """Which foreign driving licences count here (regulated_nl.yaml ``licence_exchange``)."""

    eu_eea: frozenset[str]
    agreements: dict[str, frozenset[str]]
    protection: frozenset[str] = frozenset()  # countries whose licences count under temporary protection


@dataclass(slots=True)
class CertInfo:
    licences: tuple[str, ...]
    certificates: tuple[str, ...]
    note_nl: str
    note_en: str


@dataclass(slots=True)
class SuggestIndex:
    """Everything ``suggest`` needs, compiled from the data files once."""

    weights: SuggestWeights
    cands: list[Candidate]
    by_uri: dict[str, int]
    occ_isco: dict[str, str]
    occ_essential: dict[str, tuple[str, ...]]
    """Essential skill ids of every occupation (not only the candidates), in the data's order."""
    occ_optional: list[tuple[str, ...]]
    """Optional skill ids of each candidate (by index): the own trade counts those a person holds
    from here, so a batch never loads ESCO's occupation records (~30 MB per process)."""
    inv_essential: dict[str, array[int]]
    inv_optional: dict[str, array[int]]
    """Skill id -> the candidates listing it, as flat arrays (``suggest_compact``, like the tuples below)."""
    by_prefix: dict[str, tuple[int, ...]]
    by_label: dict[str, tuple[int, ...]]
    groups: list[tuple[int, ...]]
    skill_labels: dict[str, tuple[str, str]]
    """(Dutch, English) label of every essential skill of any occupation: profiles derive skills
    from them (``intake``), so a batch never loads the 13,896 skill models."""
    sector_names: dict[str, tuple[str, str]]
    sector_order: list[str]
    regulated: dict[str, RegInfo]
    certs: list[CertInfo]
    not_practised: suggest_not_practised.NotPractisedTable  # occupations not practised here
    dutch_by_prefix: dict[str, int] = field(default_factory=dict)
    reg_by_prefix: dict[str, str] = field(default_factory=dict)
    reg_by_uri: dict[str, str] = field(default_factory=dict)
    """Every occupation (not only candidates) in a regulated profession -> its regulated_nl.yaml id."""
    reg_related: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """ISCO prefix -> regulated professions for which past work in that group counts (related_isco)."""
    licences: LicenceRules = field(default_factory=lambda: LicenceRules(frozenset(), {}))
    residual: frozenset[str] = frozenset()
    group_labels: dict[str, tuple[str, str]] = field(default_factory=dict)  # ISCO-08 code -> (nl, en)
    """ISCO-08's residual groups ("Other ...", "n.e.c."): sharing one is no related work (suggest_fit)."""
    outside: dict[str, tuple[Candidate, tuple[str, ...]]] = field(default_factory=dict)
    """Non-candidates (not practised here) -> candidate record, optional skill ids: no records loaded."""
    entry_below: dict[str, frozenset[str]] = field(default_factory=dict)  # suggest_fit.entry_below
    text_memo: Memo[tuple[str, object], tuple[Any, ...]] = field(default_factory=lambda: Memo(20_000))
    """Texts worked out once per input (a sector wish, a person's level basis, a coded job's facts): a
    tuple of another shape per key's first part, which its one reader unpacks (hence ``Any``)."""
    missing_memo: Memo[tuple[str, ...], tuple[Labels, Labels, Text]] = field(
        default_factory=lambda: Memo(2_000)
    )
    """The missing skills' labels and gap text per tuple of skill ids (``suggest_missing``)."""
    static_texts: dict[str, StaticTexts] = field(default_factory=dict)
    """An occupation's own texts and parts by URI (``suggest_build``): a plain dict, one per occupation."""
    score_part_memo: Memo[tuple[object, ...], ScorePart] = field(default_factory=lambda: Memo(5_000))
    """Shown parts (skills, related work, level, Dutch) by every input they are made of, shared by
    all with those inputs (``suggest_build``); 5,000 of ~1 KB (20,000: 5 MB more, the same rate)."""
    built_memo: Generations[tuple[object, ...], Suggestion] = field(default_factory=lambda: Generations(2048))
    """Whole suggestions by their every input (``suggest_reuse``): two generations of 2,048, ~1.1 KB each."""
    group_parts_memo: Memo[tuple[object, ...], GroupTable] = field(default_factory=lambda: Memo(1024))
    """Class parts of every group per person signature (level, Dutch, wishes, licences; about 3 KB
    each with their columns): a pure function's results, so a batch pays for each signature once."""
    part_memo: Memo[tuple[str, object], list[float]] = field(default_factory=lambda: Memo(10_000))
    ranked_memo: Memo[bytes, tuple[array[int], array[int], array[int], list[tuple[str, str]]]] = field(
        default_factory=lambda: Memo(8192)
    )
    left_out_memo: Memo[tuple[object, ...], tuple[set[int], BoolArray]] = field(
        default_factory=lambda: Memo(256)
    )
    """The groups left out, and the candidates kept, per sector asked and regulated professions worked
    in (``part_memo``: parts per input; ``ranked_memo``: whole rankings per person signature)."""
    arrays: CandArrays | None = None
    """The candidates' columns as numpy arrays: ``cand_arrays()`` builds them on first use."""
    hot: HotRules | None = None  # the weights' values read per route and suggestion: ``suggest_rules``

    def compiled(self, uri: str) -> Candidate | None:
        """The compiled record of an occupation: a candidate's, or one not practised here
        (``outside``); None for any other occupation (its record is in ESCO's files only)."""
        at = self.by_uri.get(uri)
        if at is not None:
            return self.cands[at]
        outside = self.outside.get(uri)
        return outside[0] if outside is not None else None

    def named_prefix(self, isco: str, digits: int) -> str | None:
        """``isco``'s first ``digits`` digits, unless it is shorter or that group is residual
        ("Other ...", "n.e.c."): a prefix past work shares with a candidate as related work."""
        prefix = isco[:digits]
        return prefix if len(isco) >= digits and prefix not in self.residual else None

    def optional_of(self, uri: str, ref: ReferenceData) -> tuple[str, ...]:
        """An occupation's optional skill ids: from the index when it holds them, else its records'."""
        at = self.by_uri.get(uri)
        if at is not None:
            return self.occ_optional[at]
        if uri in self.outside:
            return self.outside[uri][1]
        return tuple(map(skill_id, ref.occupation_by_uri[uri].optional))

    def reg_code(self, rid: str | None) -> int:
        """A regulated profession id as a small int (its place among the sorted ids), -1 for None."""
        return -1 if rid is None else sorted(self.regulated).index(rid)

    def cand_arrays(self) -> CandArrays:
        """The candidates' columns and inverted tables as numpy arrays, built on the first ranking
        (numpy is imported only then; a fresh index, as cached on disk, has none)."""
        if self.arrays is None:
            # lazy: numpy adds ~0.2 s (-X importtime) to `data validate`/`data info`, which never rank
            from skilltool.suggest_arrays import CandArrays

            self.arrays = CandArrays.build(
                group=[c.group for c in self.cands],
                essential_points=[c.essential_points for c in self.cands],
                optional_points=[c.optional_points for c in self.cands],
                n_essential=[len(c.essential) for c in self.cands],
                distinctive=[c.distinctive for c in self.cands],
                skill_level=[c.skill_level for c in self.cands],
                regulated=[self.reg_code(c.regulated) for c in self.cands],
                inv_essential=self.inv_essential,
                inv_optional=self.inv_optional,
                by_prefix=self.by_prefix,
                by_uri=self.by_uri,
                fit_rule=self.weights.routes.fit,
            )
        return self.arrays


def skill_id(value: str) -> str:
    """An ESCO skill URI's id (its last path segment); an id stays as it is."""
    return value.rsplit("/", 1)[-1]
