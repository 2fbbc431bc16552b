"""The intake's language table: ISO 639 codes and the names caseworkers and clients use.

The intake itself lives by domain: ``questionnaire`` (the script, its config and translations),
``intake_engine`` (the walk: terminal, draft, ``--answers``), ``answer_parsing`` (typed answers
and their reasons), ``profile_building`` (answers -> coded profile) and ``profile_files``.
"""

from __future__ import annotations

import re

FREE_TEXT = "free_text"
"""The answer to an ``occupation`` question that keeps the title uncoded."""


# Languages a caseworker will meet most: ISO 639 code -> names in Dutch and English (and own name).
LANGUAGES: dict[str, tuple[str, ...]] = {
    "ar": ("Arabisch", "Arabic", "العربية"),
    "fa": ("Perzisch", "Farsi", "Persian", "فارسی"),
    "prs": ("Dari", "دری"),
    "ps": ("Pasjtoe", "Pashto", "پښتو"),
    "ti": ("Tigrinya", "Tigrinya", "ትግርኛ"),
    "am": ("Amhaars", "Amharic", "አማርኛ"),
    "so": ("Somalisch", "Somali", "Soomaali"),
    "tr": ("Turks", "Turkish", "Türkçe"),
    "uk": ("Oekraïens", "Ukrainian", "українська"),
    "ru": ("Russisch", "Russian", "русский"),
    "ku": ("Koerdisch", "Kurdish", "Kurdî"),
    "kmr": ("Kurmanji", "Kurmanji"),
    "ckb": ("Sorani", "Sorani", "کوردی"),
    "en": ("Engels", "English"),
    "fr": ("Frans", "French", "français"),
    "de": ("Duits", "German", "Deutsch"),
    "nl": ("Nederlands", "Dutch"),
    "es": ("Spaans", "Spanish", "español"),
    "it": ("Italiaans", "Italian", "italiano"),
    "ur": ("Urdu", "Urdu", "اردو"),
    "hi": ("Hindi", "Hindi"),
    "sw": ("Swahili", "Swahili", "Kiswahili"),
    "om": ("Oromo", "Oromo", "Afaan Oromoo"),
    "tig": ("Tigre", "Tigre"),
    "aii": ("Assyrisch", "Assyrian", "Neo-Aramaic"),
    "hy": ("Armeens", "Armenian"),
    "az": ("Azerbeidzjaans", "Azerbaijani"),
    "uz": ("Oezbeeks", "Uzbek"),
    "pt": ("Portugees", "Portuguese", "português"),
    "zh": ("Chinees", "Chinese", "中文"),
    "ka": ("Georgisch", "Georgian"),
    "sq": ("Albanees", "Albanian", "shqip"),
    "bs": ("Bosnisch", "Bosnian"),
    "sr": ("Servisch", "Serbian"),
    "ha": ("Hausa", "Hausa"),
    "ln": ("Lingala", "Lingala"),
}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().casefold())


_LANGUAGE_INDEX: dict[str, str] = {
    _norm(name): code for code, names in LANGUAGES.items() for name in (code, *names)
}


def resolve_language(text: str) -> str | None:
    """ISO 639 code for a code or a Dutch, English or own-script language name; None when unknown."""
    return _LANGUAGE_INDEX.get(_norm(text))


def language_name(code: str, lang: str = "nl") -> str:
    """The language's name in Dutch or English; the code itself when unknown."""
    names = LANGUAGES.get(code)
    if not names:
        return code
    return names[0] if lang == "nl" or len(names) == 1 else names[1]
