"""Foreign qualification -> Dutch level: a sourced indication, never an evaluation.

``lookup(table, country=..., text=...)`` finds the entries of ``data/diploma_equivalences.yaml``
whose names (original script, transliterations, English) are closest to what the person calls
their diploma, and returns them ranked with a 0-100 score, the Dutch comparison and NLQF/EQF
range as the source words it, the official route (IDW, BIG) chosen by context, and the caveat.
An unknown qualification, or a country without entries, gives no matches and still the route.

Matching is rapidfuzz over two keys per name: a plain one (case, diacritics, Arabic/Persian letter
variants and the article "al-"/"ال" removed) and a phonetic one that also collapses common
transliteration variants (th/s, ou/u, aa/a, ee/i, q/k, double letters), so "shahada thanawiya",
"al-shahadah al-thanawiyyah", "الشهادة الثانوية العامة" and "sanawiya" reach the same entry.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

from skilltool import messages
from skilltool.countries import country_name, is_country_code, resolve_country
from skilltool.datafiles import load_model
from skilltool.diploma_names import (
    Alias,
    aliases_of,
    best_match,
    min_years,
    normalize,
    out_of_scope,
    phonetic,
    qualifiers,
    too_short,
)
from skilltool.diploma_routes import (
    CAVEAT,
    ROUTE_STEPS,
    mentions_care,
    mentions_veterinary,
    no_comparison_text,
    route_steps,
)
from skilltool.errors import DataFileError, UnknownChoiceError
from skilltool.formats import level_range
from skilltool.messages import say
from skilltool.models import DiplomaIndication, Education
from skilltool.models.base import Lang
from skilltool.models.diplomas import (
    DiplomaEntry,
    DiplomaEquivalencesFile,
    DiplomaLookup,
    DiplomaMatch,
    DiplomaNames,
    DiplomaSource,
    DutchLevel,
    DutchQualificationsFile,
    LookupContext,
    MatchedSource,
    RouteStep,
    UnlevelledComparison,
    UnlevelledMatch,
)

__all__ = [
    "CAVEAT",
    "PRIORITY_COUNTRIES",
    "ROUTE_STEPS",
    "DiplomaLookup",
    "DiplomaMatch",
    "DiplomaTable",
    "HighestLevel",
    "LookupContext",
    "RouteStep",
    "check_equivalences",
    "check_ladder",
    "dutch_levels",
    "education_context",
    "highest_indication",
    "highest_level",
    "highest_nlqf",
    "lookup",
    "lookup_education",
    "normalize",
    "phonetic",
    "qualifiers",
    "route_steps",
]

EQUIVALENCES_FILE = "diploma_equivalences.yaml"
LADDER_FILE = "dutch_qualifications.yaml"

# The main origin countries of statushouders first, then others (issue 4).
PRIORITY_COUNTRIES: tuple[str, ...] = (
    "SY", "ER", "AF", "TR", "IR", "IQ", "YE", "SO", "SD", "ET",
    "UA", "RU", "EG", "MA", "PK", "NG",
)  # fmt: skip

MIN_SCORE = 70.0


# --- the table -----------------------------------------------------------------------------------


@dataclass
class DiplomaTable:
    """The validated equivalence table with its name index, grouped by country."""

    file: DiplomaEquivalencesFile
    path: str = EQUIVALENCES_FILE
    _entry_aliases: dict[str, list[Alias]] = field(default_factory=dict, repr=False)
    _unlevelled_aliases: dict[str, list[Alias]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._entry_aliases = {e.id: aliases_of(e.names) for e in self.file.entries}
        self._unlevelled_aliases = {u.id: aliases_of(u.names) for u in self.file.without_level}

    @classmethod
    def load(cls, path: Path) -> DiplomaTable:
        """Load, validate and cross-check ``path`` (one-line ``DataFileError`` on any problem)."""
        data = load_model(path, DiplomaEquivalencesFile)
        check_equivalences(data, path=str(path))
        return cls(data, str(path))

    @property
    def entries(self) -> list[DiplomaEntry]:
        return self.file.entries

    @property
    def without_level(self) -> list[UnlevelledComparison]:
        return self.file.without_level

    def source(self, key: str) -> MatchedSource:
        src: DiplomaSource = self.file.sources[key]
        return MatchedSource(
            key=key, title=src.title, publisher=src.publisher, url=src.url, read_on=src.read_on
        )

    def countries(self) -> list[str]:
        """Countries with at least one entry or stated comparison, sorted."""
        return sorted({e.country for e in self.entries} | {u.country for u in self.without_level})

    def for_country(self, country: str | None) -> list[DiplomaEntry]:
        return [e for e in self.entries if country is None or e.country == country]


def _check_id_and_source(  # noqa: PLR0917 - private, one line of a data file's checks
    path: str, where: str, item_id: str, source: str, seen: set[str], sources: Container[str]
) -> None:
    """One entry of a data file: its id not used before (then remembered), its source listed."""
    if item_id in seen:
        raise DataFileError(say("errors.data.id_twice", path=path, where=where, id=item_id))
    seen.add(item_id)
    if source not in sources:
        raise DataFileError(
            say("errors.data.source_unlisted", path=path, where=where, source=source, id=item_id)
        )


def check_equivalences(data: DiplomaEquivalencesFile, *, path: str = EQUIVALENCES_FILE) -> None:
    """Checks across the file: sources exist, ids are unique, countries are ISO codes."""
    seen: set[str] = set()
    items: list[tuple[str, DiplomaEntry | UnlevelledComparison]] = [
        *((f"entries.{i}", e) for i, e in enumerate(data.entries)),
        *((f"without_level.{i}", u) for i, u in enumerate(data.without_level)),
    ]
    for where, item in items:
        _check_id_and_source(path, where, item.id, item.source, seen, data.sources)
        if not is_country_code(item.country):
            raise DataFileError(
                say("errors.data.not_iso_country", path=path, where=where, country=item.country, id=item.id)
            )


def check_ladder(data: DutchQualificationsFile, *, path: str = LADDER_FILE) -> None:
    """Checks across the ladder file: sources exist, ids are unique."""
    seen: set[str] = set()
    for i, level in enumerate(data.levels):
        _check_id_and_source(path, f"levels.{i}", level.id, level.source, seen, data.sources)


def load_ladder(path: Path) -> DutchQualificationsFile:
    """Load and cross-check the Dutch ladder file."""
    data = load_model(path, DutchQualificationsFile)
    check_ladder(data, path=str(path))
    return data


def dutch_levels(ref: object) -> list[DutchLevel]:
    """The Dutch qualification ladder, lowest first (``ref`` is a ``ReferenceData``)."""
    ladder: DutchQualificationsFile = ref.dutch_qualifications  # type: ignore[attr-defined]
    return sorted(ladder.levels, key=lambda lv: (lv.nlqf, lv.nlqf_label))


def level_names(ref: object, nlqf_min: int, nlqf_max: int, lang: str) -> str:
    """An indication's level rendered from its facts in ``lang``: ``NLQF 6: <the Dutch diplomas at
    that level>``, by the ladder's per-language names (``name_nl``/``name_en``, the English one with
    the Dutch term of art in brackets). Used where the table's ``dutch_equivalent`` (the source's
    wording, in the language of the source's page) would put one language into the other's output."""
    names = "; ".join(
        lv.name_nl if lang == "nl" else lv.name_en
        for lv in dutch_levels(ref)
        if nlqf_min <= lv.nlqf <= nlqf_max
    )
    return messages.t("diploma.level_names", lang, level=level_range(nlqf_min, nlqf_max), names=names or "-")


# --- lookup --------------------------------------------------------------------------------------


def _display(entry: DiplomaEntry, text: str, about: str) -> str:
    """The entry's English name closest to the name given or to name and field, whichever is closer
    (on name and field only, an engineering bachelor's was 'Bachelor in Veterinary Medicine')."""
    english = [n for n in entry.names.english if n]
    if len(english) <= 1:
        return entry.names.display
    aliases = aliases_of(DiplomaNames(original=[], transliterations=[], english=english))

    def score(alias: Alias) -> float:
        return max(best_match(q, [alias], strict=False)[0] for q in (text, about or text))

    best, name = max(((score(a), a.name) for a in aliases), key=lambda pair: pair[0])  # first of equals
    return name if best >= 60 else entry.names.display


def _match(
    table: DiplomaTable, entry: DiplomaEntry, score: float, matched: str, *, text: str = "", about: str = ""
) -> DiplomaMatch:
    return DiplomaMatch(
        entry_id=entry.id,
        country=entry.country,
        qualification=_display(entry, text or matched, about),
        matched=matched,
        kind=entry.kind,
        typical_duration=entry.typical_duration,
        dutch_equivalent=entry.dutch_equivalent,
        nlqf_min=entry.nlqf.min,
        nlqf_max=entry.nlqf.max,
        eqf_min=entry.eqf.min,
        eqf_max=entry.eqf.max,
        conditions=list(entry.conditions),
        basis=entry.basis,
        inferred_reason=entry.inferred_reason,
        note=entry.note,
        source=table.source(entry.source),
        score=round(score, 1),
    )


def resolve_country_or_fail(country: str) -> str:
    """The alpha-2 code for ``country``, or an ``UnknownChoiceError`` that says what to give (a
    usage error, exit 2, and a ``NotFoundError``)."""
    code = resolve_country(country)
    if code is None:
        # not repeated (a value from a case file may be a name), as ``explain``'s occupation is not
        raise UnknownChoiceError(say("errors.diploma.unknown_country"))
    return code


MAX_NAME_CHARS = 300
"""A diploma name is matched on its first 300 characters (as job titles are, ``textnorm.MAX_CHARS``):
no real qualification name is longer, and a pasted 100 KB text then costs what a name costs."""


def lookup(
    table: DiplomaTable,
    *,
    country: str | None,
    text: str,
    top: int = 5,
    lang: str = "nl",
    context: LookupContext | None = None,
    min_score: float = MIN_SCORE,
) -> DiplomaLookup:
    """Ranked entries of ``country`` (code or Dutch/English name; ``None``: all) matching ``text``.

    Every result carries the caveat and the official route; with no match, ``matches`` is empty
    and ``no_comparison`` says so (and which entry the years left out, when they did). Raises
    ``UnknownChoiceError`` (a ``NotFoundError``, exit 2) for a country name it cannot resolve.
    """
    code = resolve_country_or_fail(country) if country else None
    text = text[:MAX_NAME_CHARS]  # a pasted document must not take seconds per entry
    scored: list[tuple[float, int, DiplomaEntry, str]] = []
    years = context.years if context is not None and context.completed is not False else None
    about = f"{text} {context.field}" if context is not None and context.field else text
    short: list[tuple[float, DiplomaEntry]] = []  # matched by name, left out by the years alone
    for i, entry in enumerate(table.entries):
        if (code is not None and entry.country != code) or out_of_scope(entry, None, about):
            continue  # another country's, or another field's
        if too_short(years, entry.typical_duration):  # far longer than the one followed
            score, _ = best_match(text, table._entry_aliases[entry.id])
            if score >= min_score:
                short.append((score, entry))
            continue
        score, matched = best_match(text, table._entry_aliases[entry.id])  # same qualifiers only
        if score >= min_score:
            scored.append((score, i, entry, matched))
    scored.sort(key=lambda item: (-item[0], item[1]))
    matches = [_match(table, e, s, m, text=text, about=about) for s, _, e, m in scored[: max(top, 0)]]

    unlevelled: list[UnlevelledMatch] = []
    for comparison in table.without_level:
        if code is not None and comparison.country != code:
            continue
        score, matched = best_match(text, table._unlevelled_aliases[comparison.id])
        if score >= min_score:
            unlevelled.append(
                UnlevelledMatch(
                    id=comparison.id,
                    country=comparison.country,
                    qualification=comparison.names.display,
                    matched=matched,
                    kind=comparison.kind,
                    dutch_comparison=comparison.dutch_comparison,
                    source=table.source(comparison.source),
                    score=round(score, 1),
                    note=comparison.note,
                )
            )
    unlevelled.sort(key=lambda u: -u.score)
    if unlevelled and matches and unlevelled[0].score > matches[0].score:
        # The best answer is a comparison without a level (e.g. a medical degree compared to part of
        # a Dutch master): a weaker levelled match must not stand in for it as a level.
        matches = []

    ctx = context or LookupContext()
    best_names = [m.matched for m in matches[:1]] + [u.matched for u in unlevelled[:1]]
    top_unlevelled = unlevelled[0] if unlevelled else None
    if top_unlevelled is not None and matches and top_unlevelled.score < matches[0].score:
        top_unlevelled = None  # a levelled entry is the better answer
    professional = bool(matches and matches[0].kind == "professional") or bool(
        top_unlevelled is not None and top_unlevelled.kind == "professional"
    )
    care = not mentions_veterinary([text, ctx.field or "", *best_names]) and (
        professional or mentions_care([text, ctx.field or ""])
    )
    lang_: Lang = "en" if lang == "en" else "nl"
    shorter = None
    if short and years is not None:  # say why nothing matched: the years given, not the name
        entry = max(short, key=lambda item: item[0])[1]
        shorter = (entry.names.display, years, min_years(entry.typical_duration) or 0)
    return DiplomaLookup(
        query=text,
        country=code,
        country_name=country_name(code, lang_) if code else None,
        lang=lang_,
        matches=matches,
        without_level=unlevelled[:top],
        no_comparison=None if matches or unlevelled else no_comparison_text(code, too_short=shorter),
        official_route=route_steps(context=ctx, regulated_care=care),
        caveat=CAVEAT.get(lang_),
        caveats=CAVEAT,
    )


# --- for the profile and the suggestions engine ------------------------------------------------


class EducationLike(Protocol):
    """An education entry as answered (``EducationAnswer``) or in a profile (``Education``)."""

    @property
    def country(self) -> str | None: ...
    @property
    def qualification(self) -> str: ...
    @property
    def documents(self) -> Literal["yes", "no", "partial"] | None: ...
    @property
    def completed(self) -> bool | None: ...
    @property
    def years(self) -> float | None: ...
    @property
    def field(self) -> str | None: ...


def education_context(education: EducationLike) -> LookupContext:
    """What of an education entry shapes the route: documents, finished or not, years, field."""
    return LookupContext(
        documents=education.documents,
        completed=education.completed,
        years=education.years,
        field=education.field,
    )


def lookup_education(
    table: DiplomaTable,
    education: EducationLike,
    *,
    lang: str = "nl",
    top: int = 5,
) -> DiplomaLookup:
    """``lookup`` for one education entry (of an intake or a profile): its country, name and context.

    The route follows the entry: documents missing, studies unfinished, a care field. An entry
    without a country searches every country.
    """
    return lookup(
        table,
        country=education.country,
        text=education.qualification,
        top=top,
        lang=lang,
        context=education_context(education),
    )


def highest_indication(education: Iterable[Education]) -> DiplomaIndication | None:
    """The highest diploma indication of a person's finished education entries.

    Highest by the lower bound of the NLQF range (what the source guarantees), then the upper
    bound, then the match score. Entries marked unfinished (``completed is False``) do not count:
    an unfinished programme does not give the diploma's level.
    """
    best: DiplomaIndication | None = None
    for entry in education:
        ind = entry.indication
        if ind is None or entry.completed is False:
            continue
        if best is None or (ind.nlqf_min, ind.nlqf_max, ind.score) > (
            best.nlqf_min,
            best.nlqf_max,
            best.score,
        ):
            best = ind
    return best


@dataclass(frozen=True)
class HighestLevel:
    """A person's highest NLQF level: a range (``low`` == ``high`` for one level) and its basis:
    ``idw`` (evaluated), ``stated`` (the source prints it), ``inferred``, or ``""`` (not recorded)."""

    low: int
    high: int
    basis: str

    @property
    def text(self) -> str:
        """``4`` or ``4-6``, as every output writes a range (``formats.level_range``)."""
        return level_range(self.low, self.high)


def highest_level(education: Iterable[Education]) -> HighestLevel | None:
    """The one rule for a person's highest level, used by the batch summary, its report and the
    suggestions' "at level" check.

    Per entry an IDW evaluation (one level) wins over the table's indication; an entry marked
    unfinished (``completed is False``) counts only with an IDW evaluation, since an unfinished
    programme does not give the diploma's level. Highest by the lower bound (what the source
    guarantees), then the upper bound, then the match score (IDW counts as certain).
    """
    best: tuple[int, int, float] | None = None
    found: HighestLevel | None = None
    for entry in education:
        if entry.idw_nlqf is not None:
            key, level = (
                (entry.idw_nlqf, entry.idw_nlqf, 101.0),
                HighestLevel(entry.idw_nlqf, entry.idw_nlqf, "idw"),
            )
        elif entry.indication is not None and entry.completed is not False:
            ind = entry.indication
            key, level = (
                (ind.nlqf_min, ind.nlqf_max, ind.score),
                HighestLevel(ind.nlqf_min, ind.nlqf_max, ind.basis or ""),
            )
        else:
            continue
        if best is None or key > best:
            best, found = key, level
    return found


def highest_nlqf(education: Sequence[Education]) -> int | None:
    """The highest NLQF level to plan with: the lower bound of ``highest_level``."""
    level = highest_level(education)
    return level.low if level is not None else None
