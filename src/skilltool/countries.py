"""Countries: ISO 3166-1 alpha-2 codes and their names in Dutch and English, from pycountry.

``resolve_country`` turns what a caseworker or a CSV export writes ("Syrië", "Syrie", "Syria",
"SY", "SYR", "Turkije", "Eritrea") into the alpha-2 code; ``country_name`` gives the name back.

Codes and names come from pycountry (Debian's iso-codes: ISO 3166-1 with its Dutch gettext
translation); the short name (``common_name``: "Syria", "Iran") is shown where ISO has one. Two
small tables stay here, each entry for a reason: ``_DISPLAY``, countries with short names ISO
lacks (the names are in the message catalogue), and
``_ALIASES``, spellings people and municipal exports write that ISO lacks (without diacritics,
older names, other languages). The index is built once per process on first use.
"""

from __future__ import annotations

import functools
import gettext
import importlib

from skilltool import messages, textnorm

# Countries whose short display name ISO lacks and whose ISO name reads awkwardly in a sentence
# ("Congo, The Democratic Republic of the", "Russian Federation"): the names are in the message
# catalogue (``country.<code>``, Dutch and English).
_DISPLAY = ("CD", "FM", "PS", "RU")


def _display(a2: str) -> tuple[str, str] | None:
    """(English, Dutch) catalogue names of a ``_DISPLAY`` country, else None."""
    if a2 not in _DISPLAY:
        return None
    key = f"country.{a2.lower()}"
    return messages.t(key, "en"), messages.t(key, "nl")


# Spellings people write that the ISO table lacks: without diacritics, older names, other languages.
_ALIASES: dict[str, tuple[str, ...]] = {
    "AF": ("Afganistan", "Afghanistán"),
    "CD": ("DR Congo", "DRC", "Congo-Kinshasa", "Zaire", "Congo Kinshasa"),
    "CG": ("Congo-Brazzaville", "Congo Brazzaville"),
    "CI": ("Ivory Coast", "Cote d'Ivoire"),
    "CZ": ("Tsjechische Republiek",),
    "DE": ("Duitsland",),
    "EG": ("Egypt", "Egypte", "Misr"),
    "ER": ("Eritrée", "Erythrea"),
    "ET": ("Ethiopie", "Ethiopia", "Abessinië"),
    "GB": ("UK", "Great Britain", "Groot-Brittannië", "Engeland", "England"),
    "IQ": ("Irak", "Iraq", "Koerdistan (Irak)", "Iraqi Kurdistan"),
    "IR": ("Perzië", "Persia"),
    "KR": ("Korea", "Zuid Korea"),
    "MA": ("Marokko", "Maroc"),
    "MK": ("Macedonia", "Macedonië", "Noord Macedonie"),
    "MM": ("Burma", "Birma"),
    "NL": ("Holland", "Nederland"),
    "PS": ("Palestina", "Gaza", "Gazastrook", "Westelijke Jordaanoever", "West Bank"),
    "RU": ("Russia", "Rusland", "Russische Federatie"),
    "SD": ("Soedan", "Sudan", "Soudan"),
    "SO": ("Somalie", "Somaliland"),
    "SS": ("Zuid Soedan", "South-Sudan"),
    "SY": ("Syrie", "Syrien", "Syrische Arabische Republiek"),
    "SZ": ("Swaziland",),
    "TR": ("Turkey", "Turkije", "Turkiye", "Turkei"),
    "UA": ("Oekraine", "Ukraina"),
    "US": ("USA", "VS", "Verenigde Staten van Amerika", "America", "Amerika"),
    "YE": ("Jemen", "Yemen"),
}


def normalize_name(text: str) -> str:
    """``textnorm.clean``: ``"Syrië"`` and ``"syrie"`` give ``"syrie"``."""
    return textnorm.clean(text)


def preload() -> None:
    """Import pycountry and rapidfuzz and build the name table now. A batch calls it before it
    forks its workers: they share the table, and none makes a first import of its own (a forked
    child's first import can wait forever on an import lock another thread of the parent held
    when it forked)."""
    _index()
    importlib.import_module("rapidfuzz.process")


@functools.cache
def _index() -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """Normalised name or code -> alpha-2, and alpha-2 -> (English, Dutch) display names.

    Built once per process from pycountry (ISO 3166-1 and its Dutch translation).
    """
    # lazy: pycountry, rapidfuzz (``_resolve``) and langcodes (``languages``) held 5 MB resident
    # in every process that imports the models (bench/suggest 166 -> 161 MB), which a suggesting
    # process mostly never reads (a batch imports them before it forks: ``preload``)
    import pycountry

    dutch = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"])
    by_name: dict[str, str] = {}
    names: dict[str, tuple[str, str]] = {}
    rows: list[tuple[str, str, str, str, tuple[str, ...]]] = []
    for country in pycountry.countries:
        a2, en = country.alpha_2, country.name
        common = getattr(country, "common_name", None)
        official = getattr(country, "official_name", None)
        nl = dutch.gettext(en)
        # the short name (common_name: "Syria", "Iran") reads better in a sentence than the ISO name
        display = _display(a2) or ((common, dutch.gettext(common)) if common else (en, nl))
        names[a2] = display
        for text in (a2, country.alpha_3, en, nl, *display):  # codes and names first: an alias
            by_name.setdefault(normalize_name(text), a2)  # never hides a real name
        other = tuple(t for t in (common, official) if t)
        rows.append((a2, en, nl, display[1], other + tuple(t[4:] for t in other if t.startswith("the "))))
    for a2, en, nl, display_nl, other in rows:
        for text in (*other, *_ALIASES.get(a2, ())):
            by_name.setdefault(normalize_name(text), a2)
        # "Palestina, Staat" -> also "Staat Palestina"; "Korea, Republiek" -> "Republiek Korea"
        for text in (en, nl, display_nl):
            if ", " in text:
                head, tail = text.split(", ", 1)
                by_name.setdefault(normalize_name(f"{tail} {head}"), a2)
    return by_name, names


def is_country_name(word: str) -> bool:
    """Whether ``word`` (one word, normalised) is a country's Dutch or English name, exactly (no
    code: "no" and "it" are words first; no close spelling)."""
    return len(word) >= 4 and word in _index()[0]


def resolve_country(text: str | None) -> str | None:
    """The ISO 3166-1 alpha-2 code for a code or a Dutch or English name; ``None`` when unknown.

    Exact matches on codes (alpha-2, alpha-3) and names come first, ignoring case, diacritics
    and punctuation; then a close spelling of a name of five letters or more ("Afganistan",
    "Eritria"). Two- and three-letter inputs must be exact: "IR" is Iran, never Iraq.
    """
    if not text:
        return None
    return _resolve(text)


@functools.lru_cache(maxsize=4096)
def _resolve(text: str) -> str | None:
    """``resolve_country`` of a non-empty text, memoised (bounded): answers and batch rows repeat the
    same few country names, and an unknown one is looked for among all names (a fuzzy search)."""
    key = normalize_name(text)
    if not key:
        return None
    by_name, _ = _index()
    found = by_name.get(key)
    if found or len(key) < 5:
        return found
    # lazy: see ``_index``; only an unknown spelling of a country is looked for this way
    from rapidfuzz import fuzz, process

    best = process.extractOne(key, by_name.keys(), scorer=fuzz.ratio, score_cutoff=85)
    return by_name[best[0]] if best else None


def country_name(code: str, lang: str = "nl") -> str:
    """The country's name in Dutch (``nl``) or English; the code itself when it is unknown."""
    _, names = _index()
    pair = names.get(code.upper())
    if pair is None:
        return code
    return pair[1] if lang == "nl" else pair[0]


def is_country_code(code: str) -> bool:
    """Whether ``code`` is an assigned ISO 3166-1 alpha-2 code (upper case)."""
    return code in _index()[1]


def all_codes() -> list[str]:
    """Every alpha-2 code in the table, sorted."""
    return sorted(_index()[1])
