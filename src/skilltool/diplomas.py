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

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from skilltool import messages
from skilltool.countries import country_name, is_country_code, resolve_country
from skilltool.errors import DataFileError, NotFoundError
from skilltool.models import DiplomaIndication, Education
from skilltool.models.base import Lang
from skilltool.models.diplomas import (
    BilingualText,
    Coverage,
    CoverageRow,
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
    "DiplomaLookup",
    "DiplomaMatch",
    "DiplomaTable",
    "LookupContext",
    "RouteStep",
    "check_equivalences",
    "check_ladder",
    "coverage",
    "dutch_levels",
    "highest_indication",
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

# --- normalisation -----------------------------------------------------------------------------

_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_MAP = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
        "ة": "ه", "ۀ": "ه", "ى": "ي", "ی": "ي", "ئ": "ي", "ؤ": "و",
        "ک": "ك", "ڪ": "ك",
        "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4",
        "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
        "\u200c": " ", "\u200d": "",
        "ı": "i", "ʿ": "", "ʾ": "", "'": "", "’": "", "‘": "", "`": "",
    }
)  # fmt: skip
_CYRILLIC = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e", "є": "ye",
        "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "i", "к": "k", "л": "l", "м": "m",
        "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
        "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e",
        "ю": "yu", "я": "ya",
    }
)  # fmt: skip
_NON_WORD = re.compile(r"[^\w]+")
_ARTICLE = re.compile(r"\b(?:al|el)\s+")
_ARABIC_ARTICLE = re.compile(r"(?<!\S)(?:و)?ال(?=\S{2,})")
# Transliteration variants, applied in order to the plain key (Latin letters only).
_PHONETIC = (
    ("sch", "sh"), ("tch", "ch"), ("kh", "h"), ("gh", "g"), ("th", "s"), ("dh", "z"), ("ph", "f"),
    ("ck", "k"), ("q", "k"), ("c", "k"), ("ou", "u"), ("oo", "u"), ("ee", "i"), ("aa", "a"),
    ("ii", "i"), ("uu", "u"), ("w", "v"), ("y", "i"), ("e", "i"), ("o", "u"),
)  # fmt: skip
_DOUBLE = re.compile(r"(\w)\1+")
_FINAL_H = re.compile(r"(?<=[aiu])h\b")


def normalize(text: str) -> str:
    """Case-folded, without diacritics, Arabic/Persian letter variants unified, "al-" removed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_MAP)
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    text = unicodedata.normalize("NFC", text)  # recompose Arabic/Cyrillic letters NFKD split up
    text = " ".join(_NON_WORD.sub(" ", text).split())
    text = _ARTICLE.sub("", text + " ").strip()
    text = _ARABIC_ARTICLE.sub("", text)
    return " ".join(text.split())


def phonetic(text: str) -> str:
    """A coarser key: Cyrillic transliterated, common transliteration variants collapsed."""
    key = normalize(text).translate(_CYRILLIC)
    for old, new in _PHONETIC:
        key = key.replace(old, new)
    key = _FINAL_H.sub("", key)
    return _DOUBLE.sub(r"\1", key)


def _score(query: str, alias: str) -> float:
    """0-100: mostly rapidfuzz's WRatio (partial and token matches), nudged by the plain ratio."""
    if not query or not alias:
        return 0.0
    if query == alias:
        return 100.0
    if len(alias) <= 3 or len(query) <= 3:  # "BA", "ND", "bac": only a whole word counts
        return 90.0 if alias in query.split() or query in alias.split() else 0.0
    return 0.85 * fuzz.WRatio(query, alias) + 0.15 * fuzz.ratio(query, alias)


# Words every diploma name shares: matching on them alone would tie "forklift course certificate"
# to any "... Certificate". They are dropped from both sides unless nothing else is left.
_GENERIC = frozenset(
    (
        "certificate", "certificates", "certificaat", "diploma", "diplomas", "diplom", "diplomasi",
        "degree", "graduation", "of", "the", "in", "and", "for", "a", "an", "van", "de", "het", "een",
        "en", "school", "education", "onderwijs", "shahada", "shahadat", "شهاده",
    )
)  # fmt: skip


def _core(key: str) -> str:
    return " ".join(word for word in key.split() if word not in _GENERIC and word not in _GENERIC_SOUND)


_GENERIC_SOUND = frozenset(phonetic(word) for word in _GENERIC)


@dataclass(frozen=True)
class _Alias:
    plain: str
    sound: str
    plain_core: str
    sound_core: str
    name: str
    quals: frozenset[str] = frozenset()


def _aliases(names: DiplomaNames) -> list[_Alias]:
    seen: set[tuple[str, str]] = set()
    out = []
    for name in names.all():
        plain, sound = normalize(name), phonetic(name)
        if plain and (plain, sound) not in seen:
            seen.add((plain, sound))
            out.append(_Alias(plain, sound, _core(plain), _core(sound), name, qualifiers(name)))
    return out


def _best(query: str, aliases: Sequence[_Alias], *, strict: bool = True) -> tuple[float, str]:
    """The best score of ``query`` against ``aliases`` and the alias's name. ``strict``: only
    aliases with the query's degree qualifiers count (a master never matches a bachelor's name)."""
    plain, sound = normalize(query), phonetic(query)
    plain_core, sound_core = _core(plain), _core(sound)
    wanted = qualifiers(query) if strict else None
    best, best_name = 0.0, ""
    for alias in aliases:
        if wanted is not None and alias.quals != wanted:
            continue
        if plain == alias.plain or sound == alias.sound:
            score = 100.0
        elif plain_core and alias.plain_core:
            score = max(_score(plain_core, alias.plain_core), _score(sound_core, alias.sound_core))
        else:  # one side is only generic words ("Diploma"): compare the whole names
            score = max(_score(plain, alias.plain), _score(sound, alias.sound))
        if score > best:
            best, best_name = score, alias.name
    return best, best_name


# --- degree qualifiers ----------------------------------------------------------------------------
# A qualifier changes the degree: "Yüksek Lisans" is a Turkish master, "Lisans" the bachelor; "Ön
# Lisans" the associate degree. A query and an entry must carry the same qualifiers, so a master
# never matches the bachelor (and the other way round); when no entry carries the query's
# qualifiers there is no match: no level rather than a wrong one. Written as word starts, in the
# scripts and spellings of the covered countries (compared after ``normalize``).
_QUALIFIER_WORDS: dict[str, tuple[str, ...]] = {
    "master": (
        "master", "magist", "mahist", "магіст", "магист", "yuksek lisans", "arshad", "ارشد",
        "ماجستير", "majistir", "magister", "msc", "m sc", "mba", "llm", "mphil", "fogh lisans",
        "foq lisans", "فوق ليسانس",
    ),
    "doctorate": (
        "doktora", "doktori", "doctorate", "doctor of philosophy", "phd", "ph d", "dphil", "دكتوراه",
        "دكتري", "kandidat nauk", "кандидат наук", "доктор наук", "doktor nauk",
    ),
    "specialist": ("specialist", "spetsialist", "spetsialista", "спеціаліст", "специалист"),
    "junior": (
        "junior", "molodsh", "molodsj", "молодш", "on lisans", "onlisans", "associate", "kardani",
        "كارداني",
    ),
}  # fmt: skip
_QUALIFIER_RE = {
    group: re.compile(
        "|".join(
            rf"(?<!\w){re.escape(normalize(w))}" + (r"(?!\w)" if len(normalize(w)) <= 4 else "")
            for w in words
        )
    )
    for group, words in _QUALIFIER_WORDS.items()
}


def qualifiers(text: str) -> frozenset[str]:
    """The degree qualifiers in ``text`` (master, doctorate, specialist, junior). A name is only
    compared with names that carry the same qualifiers (``_best``)."""
    key = normalize(text)
    return frozenset(group for group, rx in _QUALIFIER_RE.items() if rx.search(key))


# --- the table -----------------------------------------------------------------------------------


@dataclass
class DiplomaTable:
    """The validated equivalence table with its name index, grouped by country."""

    file: DiplomaEquivalencesFile
    path: str = EQUIVALENCES_FILE
    _entry_aliases: dict[str, list[_Alias]] = field(default_factory=dict, repr=False)
    _unlevelled_aliases: dict[str, list[_Alias]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._entry_aliases = {e.id: _aliases(e.names) for e in self.file.entries}
        self._unlevelled_aliases = {u.id: _aliases(u.names) for u in self.file.without_level}

    @classmethod
    def load(cls, path: Path) -> DiplomaTable:
        """Load, validate and cross-check ``path`` (one-line ``DataFileError`` on any problem)."""
        from skilltool.reference import load_model

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


def check_equivalences(data: DiplomaEquivalencesFile, *, path: str = EQUIVALENCES_FILE) -> None:
    """Checks across the file: sources exist, ids are unique, countries are ISO codes."""
    seen: set[str] = set()
    items: list[tuple[str, DiplomaEntry | UnlevelledComparison]] = [
        *((f"entries.{i}", e) for i, e in enumerate(data.entries)),
        *((f"without_level.{i}", u) for i, u in enumerate(data.without_level)),
    ]
    for where, item in items:
        if item.id in seen:
            raise DataFileError(f"{path}: {where}.id: '{item.id}' is used twice; ids must be unique")
        seen.add(item.id)
        if item.source not in data.sources:
            raise DataFileError(
                f"{path}: {where}.source: '{item.source}' ({item.id}) is not listed under sources; "
                "add the source or fix the key"
            )
        if not is_country_code(item.country):
            raise DataFileError(
                f"{path}: {where}.country: '{item.country}' ({item.id}) is not an ISO 3166-1 alpha-2 code"
            )


def check_ladder(data: DutchQualificationsFile, *, path: str = LADDER_FILE) -> None:
    """Checks across the ladder file: sources exist, ids are unique."""
    seen: set[str] = set()
    for i, level in enumerate(data.levels):
        if level.id in seen:
            raise DataFileError(f"{path}: levels.{i}.id: '{level.id}' is used twice; ids must be unique")
        seen.add(level.id)
        if level.source not in data.sources:
            raise DataFileError(
                f"{path}: levels.{i}.source: '{level.source}' is not listed under sources; "
                "add the source or fix the key"
            )


def load_ladder(path: Path) -> DutchQualificationsFile:
    """Load and cross-check the Dutch ladder file."""
    from skilltool.reference import load_model

    data = load_model(path, DutchQualificationsFile)
    check_ladder(data, path=str(path))
    return data


def dutch_levels(ref: object) -> list[DutchLevel]:
    """The Dutch qualification ladder, lowest first (``ref`` is a ``ReferenceData``)."""
    ladder: DutchQualificationsFile = ref.dutch_qualifications  # type: ignore[attr-defined]
    return sorted(ladder.levels, key=lambda lv: (lv.nlqf, lv.nlqf_label))


# --- texts: caveat, route ------------------------------------------------------------------------


def _bi(key: str) -> BilingualText:
    """A catalogue text (``skilltool/messages``) in both languages."""
    return BilingualText(nl=messages.t(key, "nl"), en=messages.t(key, "en"))


CAVEAT = _bi("diploma.caveat")

_IDW_INBURGERING = "https://idw.nl/en/inburgering"
_IDW_INBURGERING_NL = "https://idw.nl/nl/inburgering.html"
_IDW_DIPLOMA = "https://idw.nl/nl/diplomawaardering.html"
_IDW_DOCUMENTS = "https://idw.nl/nl/vereiste-documenten.html"
_BIG = "https://www.bigregister.nl/buitenlands-diploma/procedures/verklaring-vakbekwaamheid"

STEP_DIPLOMAWAARDERING = RouteStep(
    id="idw-diplomawaardering",
    when="always",
    url=_IDW_INBURGERING,
    text=_bi("diploma.step.idw-diplomawaardering"),
)
STEP_INDICATIE = RouteStep(
    id="idw-indicatie-onderwijsniveau",
    when="documents_missing",
    url=_IDW_INBURGERING_NL,
    text=_bi("diploma.step.idw-indicatie-onderwijsniveau"),
)
STEP_OPLEIDINGSWAARDERING = RouteStep(
    id="idw-opleidingswaardering",
    when="unfinished",
    url=_IDW_DIPLOMA,
    text=_bi("diploma.step.idw-opleidingswaardering"),
)
STEP_BIG = RouteStep(
    id="big-verklaring-vakbekwaamheid",
    when="regulated_care",
    url=_BIG,
    text=_bi("diploma.step.big-verklaring-vakbekwaamheid"),
)
STEP_DOCUMENTS = RouteStep(
    id="documents-translation",
    when="always",
    url=_IDW_DOCUMENTS,
    text=_bi("diploma.step.documents-translation"),
)


# the steps by id: a profile stores the ids (facts) and the report renders them in its language
ROUTE_STEPS = {
    s.id: s
    for s in (STEP_DIPLOMAWAARDERING, STEP_INDICATIE, STEP_OPLEIDINGSWAARDERING, STEP_BIG, STEP_DOCUMENTS)
}


def _no_comparison(country: str | None) -> BilingualText:
    where_nl = f" uit {country_name(country, 'nl')}" if country else ""
    where_en = f" from {country_name(country, 'en')}" if country else ""
    return BilingualText(
        nl=(
            f"Geen vergelijking met bron gevonden voor dit diploma{where_nl}: het Nederlandse niveau is "
            "onbekend. Raad het niet; een diplomawaardering van IDW geeft het niveau."
        ),
        en=(
            f"No sourced comparison found for this diploma{where_en}: its Dutch level is unknown. Do "
            "not guess; an IDW credential evaluation gives the level."
        ),
    )


# Words that point to a regulated care profession (BIG), in the languages caseworkers meet.
_CARE_WORDS = (
    "medicine", "medical", "doctor of medicine", "physician", "surgery", "mbbs", "dentist", "dental",
    "dentistry", "pharmacy", "pharmacist", "pharm", "nurse", "nursing", "midwife", "midwifery",
    "physiotherap", "psycholog", "psychotherap", "geneeskunde", "arts", "huisarts", "tandarts",
    "tandheelkunde", "apotheker", "farmacie", "verpleeg", "verloskund", "fysiotherap",
    "طب", "صيدل", "تمريض", "اسنان", "پزشک", "دندان", "داروساز", "پرستار",
    "tib", "tibb", "saydala", "tamrid", "pezeshki", "doktor", "vrach", "medsestra",
)  # fmt: skip


_VETERINARY_WORDS = ("veterinar", "diergeneeskunde", "dierenarts", "بيطري", "دامپزشک")


def _mentions_veterinary(texts: Iterable[str]) -> bool:
    """Veterinary medicine is regulated, but not through the BIG register."""
    return any(word in normalize(text) for text in texts for word in _VETERINARY_WORDS)


def _mentions_care(texts: Iterable[str]) -> bool:
    for text in texts:
        words = normalize(text)
        for word in _CARE_WORDS:
            if len(word) <= 4 and word.isascii():
                if word in words.split():
                    return True
            elif word in words:
                return True
    return False


def route_steps(
    *,
    context: LookupContext | None = None,
    regulated_care: bool = False,
) -> list[RouteStep]:
    """The official route for this case, most specific step first.

    No documents -> IDW's Indicatie onderwijsniveau (with partial documents after the normal
    waardering); unfinished studies -> opleidingswaardering; a care profession -> the BIG route.
    """
    ctx = context or LookupContext()
    steps: list[RouteStep] = []
    if regulated_care:
        steps.append(STEP_BIG)
    if ctx.documents == "no":
        steps.append(STEP_INDICATIE)
    elif ctx.completed is False:
        steps.append(STEP_OPLEIDINGSWAARDERING)
    else:
        steps.append(STEP_DIPLOMAWAARDERING)
        if ctx.documents == "partial":  # what is missing may still get an indicatie
            steps.append(STEP_INDICATIE)
    if ctx.documents != "no" and STEP_DIPLOMAWAARDERING not in steps:
        steps.append(STEP_DIPLOMAWAARDERING)  # who it is free for, and how long it takes
    steps.append(STEP_DOCUMENTS)
    return steps


# --- lookup --------------------------------------------------------------------------------------


def _display(entry: DiplomaEntry, query: str) -> str:
    """The entry's English name closest to the query: a Syrian pharmacy degree shows 'Bachelor in
    Pharmacy', not the entry's first name 'Bachelor in Architecture'."""
    english = [n for n in entry.names.english if n]
    if len(english) <= 1:
        return entry.names.display
    names = DiplomaNames(original=[], transliterations=[], english=english)
    best, name = _best(query, _aliases(names), strict=False)
    return name if best >= 60 else entry.names.display


def _match(
    table: DiplomaTable, entry: DiplomaEntry, score: float, matched: str, query: str = ""
) -> DiplomaMatch:
    return DiplomaMatch(
        entry_id=entry.id,
        country=entry.country,
        qualification=_display(entry, query or matched),
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
    """The alpha-2 code for ``country``, or a ``NotFoundError`` that says what to give."""
    code = resolve_country(country)
    if code is None:
        raise NotFoundError(
            f"unknown country '{country}'; give an ISO code (SY) or a name in Dutch or English (Syrië, Syria)"
        )
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
    and ``no_comparison`` says so. Raises ``NotFoundError`` for a country name it cannot resolve.
    """
    code = resolve_country_or_fail(country) if country else None
    text = text[:MAX_NAME_CHARS]  # a pasted document must not take seconds per entry
    scored: list[tuple[float, int, DiplomaEntry, str]] = []
    for i, entry in enumerate(table.entries):
        if code is not None and entry.country != code:
            continue
        score, matched = _best(text, table._entry_aliases[entry.id])  # same qualifiers only
        if score >= min_score:
            scored.append((score, i, entry, matched))
    scored.sort(key=lambda item: (-item[0], item[1]))
    about = f"{text} {context.field}" if context is not None and context.field else text
    matches = [_match(table, e, s, m, about) for s, _, e, m in scored[: max(top, 0)]]

    unlevelled: list[UnlevelledMatch] = []
    for comparison in table.without_level:
        if code is not None and comparison.country != code:
            continue
        score, matched = _best(text, table._unlevelled_aliases[comparison.id])
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
    care = not _mentions_veterinary([text, ctx.field or "", *best_names]) and (
        professional or _mentions_care([text, ctx.field or ""])
    )
    lang_: Lang = "en" if lang == "en" else "nl"
    return DiplomaLookup(
        query=text,
        country=code,
        country_name=country_name(code, lang_) if code else None,
        lang=lang_,
        matches=matches,
        without_level=unlevelled[:top],
        no_comparison=None if matches or unlevelled else _no_comparison(code),
        official_route=route_steps(context=ctx, regulated_care=care),
        caveat=CAVEAT.get(lang_),
        caveats=CAVEAT,
    )


# --- for the profile and the suggestions engine ------------------------------------------------


def lookup_education(
    table: DiplomaTable, education: Education, *, lang: str = "nl", top: int = 5
) -> DiplomaLookup:
    """``lookup`` for one education entry of a profile: its country, name and context.

    The route follows the entry: documents missing, studies unfinished, a care field. An entry
    without a country searches every country.
    """
    context = LookupContext(
        documents=education.documents,
        completed=education.completed,
        years=education.years,
        field=education.field,
    )
    return lookup(
        table, country=education.country, text=education.qualification, top=top, lang=lang, context=context
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


def highest_nlqf(education: Sequence[Education]) -> int | None:
    """The highest NLQF level to plan with: an IDW-stated level wins over the table's indication."""
    levels = [e.idw_nlqf for e in education if e.idw_nlqf is not None]
    ind = highest_indication(education)
    if ind is not None:
        levels.append(ind.nlqf_min)
    return max(levels) if levels else None


# --- coverage ----------------------------------------------------------------------------------


def coverage(table: DiplomaTable, *, lang: str = "nl") -> Coverage:
    """Entries per country and kind, stated vs inferred, and which priority countries are missing."""
    rows = []
    for code in sorted(set(table.countries()) | set(PRIORITY_COUNTRIES), key=_priority_order):
        entries = table.for_country(code)
        unlevelled = [u for u in table.without_level if u.country == code]
        rows.append(
            CoverageRow(
                country=code,
                country_name=country_name(code, lang),
                entries=len(entries),
                stated=sum(1 for e in entries if e.basis == "stated"),
                inferred=sum(1 for e in entries if e.basis == "inferred"),
                without_level=len(unlevelled),
                by_kind=dict(sorted(Counter(e.kind for e in entries).items())),
            )
        )
    covered = [c for c in PRIORITY_COUNTRIES if table.for_country(c)]
    return Coverage(
        countries=rows,
        priority_covered=len(covered),
        priority_total=len(PRIORITY_COUNTRIES),
        priority_missing=[c for c in PRIORITY_COUNTRIES if c not in covered],
        entries=len(table.entries),
        stated=sum(1 for e in table.entries if e.basis == "stated"),
        inferred=sum(1 for e in table.entries if e.basis == "inferred"),
    )


def _priority_order(code: str) -> tuple[int, str]:
    return (PRIORITY_COUNTRIES.index(code), code) if code in PRIORITY_COUNTRIES else (99, code)
