"""Diploma names as people write them: normalised and phonetic keys, fuzzy matching, qualifiers.

Matching is rapidfuzz over two keys per name: a plain one (case, diacritics, Arabic/Persian letter
variants and the article "al-"/"ال" removed) and a phonetic one that also collapses common
transliteration variants (th/s, ou/u, aa/a, ee/i, q/k, double letters), so "shahada thanawiya",
"al-shahadah al-thanawiyyah", "الشهادة الثانوية العامة" and "sanawiya" reach the same entry.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from skilltool import textnorm
from skilltool.models.diplomas import DiplomaEntry, DiplomaNames

# --- normalisation -----------------------------------------------------------------------------

_CYRILLIC = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e", "є": "ye",
        "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "i", "к": "k", "л": "l", "м": "m",
        "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
        "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e",
        "ю": "yu", "я": "ya",
    }
)  # fmt: skip
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
    """``textnorm.clean`` (case, diacritics, Arabic/Persian letter variants), then "al-" removed."""
    text = textnorm.clean(text)  # the one folding: case, accents, Arabic letter variants
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
class Alias:
    """One name of a diploma, keyed for ``best_match``: plain and phonetic, whole and without
    generic words, with its degree qualifiers."""

    plain: str
    sound: str
    plain_core: str
    sound_core: str
    name: str
    quals: frozenset[str] = frozenset()
    grades: frozenset[int] = frozenset()


def aliases_of(names: DiplomaNames) -> list[Alias]:
    """The distinct keyed names of a diploma (an entry's names, or those a query is compared to)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for name in names.all():
        plain, sound = normalize(name), phonetic(name)
        if plain and (plain, sound) not in seen:
            seen.add((plain, sound))
            keyed = (_core(plain), _core(sound), name, qualifiers(name), grade_numbers(name))
            out.append(Alias(plain, sound, *keyed))
    return out


def best_match(query: str, aliases: Sequence[Alias], *, strict: bool = True) -> tuple[float, str]:
    """The best score of ``query`` against ``aliases`` and the alias's name. ``strict``: only
    aliases with the query's degree qualifiers count (a master never matches a bachelor's name)."""
    plain, sound = normalize(query), phonetic(query)
    plain_core, sound_core = _core(plain), _core(sound)
    wanted = qualifiers(query) if strict else None
    grades = grade_numbers(query)
    best, best_name = 0.0, ""
    for alias in aliases:
        if wanted is not None and alias.quals != wanted:
            continue
        if grades and alias.grades and not grades & alias.grades:  # grade 14 is not the 12th grade
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


# A school year named by number ("12th grade", "grade 14"): a diploma after another year than the
# alias's is another diploma (twenty-fourth review: an Afghan teacher training college's "grade 14"
# diploma, two years after secondary school, matched the 12th grade certificate at 78).
_GRADE_RE = re.compile(r"(?<!\w)(?:(\d{1,2})(?:st|nd|rd|th)?\s*grade|grade\s*(\d{1,2}))(?!\w)")


def grade_numbers(text: str) -> frozenset[int]:
    """The school years a diploma's name gives by number ('12th Grade' -> {12}); empty when none."""
    return frozenset(int(a or b) for a, b in _GRADE_RE.findall(normalize(text)))


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
    compared with names that carry the same qualifiers (``best_match``)."""
    key = normalize(text)
    return frozenset(group for group, rx in _QUALIFIER_RE.items() if rx.search(key))


# A degree named as one ("Doctor of Dental Surgery", "MBBS", "Bachelor of ...", "Lisans") is higher
# education, whatever the table knows of it: the action plan does not take a secondary certificate
# with a known level for the highest diploma beside it (``suggest_highest.degree_key``). Word starts,
# compared after ``normalize``; "doctor of philosophy" is a doctorate (``qualifiers``) anyway.
_DEGREE_WORDS = (
    "bachelor", "lisans", "licence", "licenciatura", "karshenasi", "bakalavr", "бакалавр", "بكالوريوس",
    "ليسانس", "کارشناسی", "mbbs", "mbchb", "doctor of", "bsc", "b sc", "llb",
)  # fmt: skip
_DEGREE_RE = re.compile(
    "|".join(
        rf"(?<!\w){re.escape(normalize(w))}" + (r"(?!\w)" if len(normalize(w)) <= 4 else "")
        for w in _DEGREE_WORDS
    )
)


def names_a_degree(text: str) -> bool:
    """Whether a diploma's name calls it a higher-education degree (bachelor or a professional
    'Doctor of ...'); the degree qualifiers (master, doctorate, ...) are ``qualifiers``."""
    return _DEGREE_RE.search(normalize(text)) is not None


# --- programme length ----------------------------------------------------------------------------

_DURATION = re.compile(r"^(?:usually\s+)?(\d+)(?:\s*(?:-|to|or)\s*\d+)?\s+years?\b")


def min_years(typical_duration: str | None) -> int | None:
    """The shortest programme length a source's typical duration states: "5 years", "2-3 years",
    "3 or 4 years", "usually 4 years", "9 years (primary + lower secondary)"; None when it states
    none or only a bound ("at most 1 year")."""
    found = _DURATION.match((typical_duration or "").strip().lower())
    return int(found.group(1)) if found else None


def too_short(years: float | None, typical_duration: str | None) -> bool:
    """Whether a finished programme of ``years`` cannot be the entry's diploma: the entry's programme
    takes more than twice as long. A two-year intermediate-institute diploma matched a Syrian
    five-year professional bachelor of the same field on the field's name and was shown at NLQF 6."""
    if years is None or years <= 0:  # the usual case: no duration recorded, nothing to parse
        return False
    least = min_years(typical_duration)
    return least is not None and 2 * years < least


def out_of_scope(entry: DiplomaEntry, years: float | None, about: str) -> bool:
    """Whether a diploma (its name and field, ``about``) cannot be ``entry``: a finished programme
    far shorter (``too_short``), or an entry for named fields only whose fields ``about`` names none
    of. A Syrian 'Bachelor of Arts in English Literature' matched the five-year professional bachelor
    (architecture, engineering, dentistry, pharmacy, veterinary medicine) on 'Bachelor in
    Architecture', with the BIG route attached."""
    if too_short(years, entry.typical_duration):
        return True
    if not entry.fields:  # (nearly every entry: ``lookup`` asks this of each, the text unchanged)
        return False
    key = normalize(about)
    return not any(re.search(rf"(?<!\w){re.escape(normalize(word))}", key) for word in entry.fields)
