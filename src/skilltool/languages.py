"""Languages a caseworker meets: ISO 639 codes and their names, from CLDR via ``langcodes``.

Names in Dutch and English and each language's own name (autonym) come from ``langcodes`` with
``language_data`` (Unicode CLDR). ``OVERRIDES`` holds the few names the municipal practice uses
that CLDR lacks or names otherwise, each with the reason; ``ALIASES`` holds other names people
type (``Farsi``). The offered languages' names are read from the library once and kept in the
compiled-data cache (``_offered``): reading any name through ``langcodes`` loads CLDR's name
tables whole (18 MB resident in every process, 0.2 s), which a batch worker or an intake then
never pays.
"""

from __future__ import annotations

import importlib
from functools import cache
from importlib.metadata import version

from skilltool import datafiles, textnorm

# The languages the intake offers and the research export keeps, most frequent first.
LANGUAGES: tuple[str, ...] = (
    "ar", "fa", "prs", "ps", "ti", "am", "so", "tr", "uk", "ru", "ku", "kmr", "ckb", "en", "fr", "de",
    "nl", "es", "it", "ur", "hi", "sw", "om", "tig", "aii", "hy", "az", "uz", "pt", "zh", "ka", "sq",
    "bs", "sr", "ha", "ln",
)  # fmt: skip

# code -> (Dutch, English, own name) where CLDR does not give the name in use here.
OVERRIDES: dict[str, tuple[str, str, str]] = {
    # CLDR folds Dari into Persian as fa-AF ("Perzisch (Afghanistan)"); Afghan clients and the
    # municipality say Dari, and the own name is دری.
    "prs": ("Dari", "Dari", "دری"),
    # CLDR has only the English "Northern Kurdish" and no Dutch name; Kurmanji is the name in use.
    "kmr": ("Kurmanji", "Kurmanji", "Kurmancî"),
    # CLDR has only the English "Assyrian Neo-Aramaic".
    "aii": ("Assyrisch", "Assyrian", "ܣܘܪܝܝܐ"),
}

# Other names people type for a language (matched like the names above, case-insensitively).
ALIASES: dict[str, tuple[str, ...]] = {
    "fa": ("Farsi", "Perzisch", "Persian"),
    "ckb": ("Sorani", "کوردی"),
    "kmr": ("Kurmanji", "Kurmanci"),
    "aii": ("Neo-Aramaic", "Assyrian Neo-Aramaic", "Soureth"),
    "om": ("Oromo", "Afaan Oromoo"),
    "ku": ("Kurdî",),
}

Names = tuple[str, str, str]


def preload() -> None:
    """Import langcodes now, before a batch forks its workers (``countries.preload``)."""
    importlib.import_module("langcodes")


def _library_names(code: str) -> Names | None:
    """(Dutch, English, own name) from CLDR; None when CLDR has no name for the code."""
    import langcodes  # lazy: see _lookup

    language = langcodes.Language.get(code)
    english = language.display_name("en")
    if english.startswith("Unknown language"):  # langcodes' text for a code without a name
        return None
    return language.display_name("nl"), english, language.autonym()


def _lookup(code: str) -> Names | None:
    if code in OVERRIDES:
        return OVERRIDES[code]
    # lazy: see ``countries._index``; the offered languages' names come from the cache
    # (``_offered``), so most processes never import langcodes
    import langcodes

    try:
        return _library_names(code)
    except (langcodes.tag_parser.LanguageTagError, ValueError):
        return None


class OfferedNames(dict[str, Names | None]):
    """The names of ``LANGUAGES`` as the library gives them (the compiled-data cache's entry)."""


@cache
def _offered() -> dict[str, Names | None]:
    """``_lookup`` of every offered language, from the cache when this code and these library
    versions made it (the cache key holds both), else looked up and cached."""
    key = f"{version('langcodes')}:{version('language_data')}:{','.join(LANGUAGES)}".encode()
    at = datafiles.cache_path(key, OfferedNames)
    names = datafiles.cache_read(at)
    if not isinstance(names, OfferedNames):
        names = OfferedNames({code: _lookup(code) for code in LANGUAGES})
        datafiles.cache_write(at, names)
    return names


@cache
def _names(code: str) -> Names | None:
    offered = _offered()
    return offered[code] if code in offered else _lookup(code)


@cache
def _index() -> dict[str, str]:
    """Every name and alias of the offered languages (normalised) -> code."""
    index: dict[str, str] = {}
    for code in LANGUAGES:
        names = _names(code) or ()
        for name in (code, *names, *ALIASES.get(code, ())):
            index.setdefault(textnorm.clean(name), code)
    return index


def resolve_language(text: str) -> str | None:
    """ISO 639 code of an offered language for a code or a Dutch, English or own name; None when
    unknown."""
    return _index().get(textnorm.clean(text))


def language_name(code: str, lang: str = "nl") -> str:
    """The language's name in Dutch (``nl``) or English (any other ``lang``); the code itself when
    no name is known."""
    names = _names(code)
    if names is None:
        return code
    return names[0] if lang == "nl" else names[1]


def own_name(code: str) -> str:
    """The language's name in itself (``العربية``), or the code when unknown."""
    names = _names(code)
    return code if names is None else names[2]
