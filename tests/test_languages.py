"""``skilltool.languages``: language names from CLDR (langcodes), the overrides, and resolving."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from skilltool import languages, report
from skilltool.models import LanguageSkill, Personal, Profile


@pytest.mark.parametrize(
    ("code", "nl", "en"),
    [
        ("prs", "Dari", "Dari"),
        ("ar", "Arabisch", "Arabic"),
        ("ti", "Tigrinya", "Tigrinya"),
        ("fa", "Perzisch", "Persian"),
    ],
)
def test_names_in_dutch_and_english(code: str, nl: str, en: str) -> None:
    """Names come from CLDR or the documented override; Dari's English name is "Dari", not the
    Arabic-script one (regression: the hand-written table gave دری)."""
    assert languages.language_name(code, "nl") == nl
    assert languages.language_name(code, "en") == en


def test_every_offered_language_has_names_and_an_own_name() -> None:
    """No offered language falls back to its code, and none carries langcodes' 'unknown' text."""
    for code in languages.LANGUAGES:
        for lang in ("nl", "en"):
            name = languages.language_name(code, lang)
            assert name != code and "[" not in name, (code, lang, name)
        assert languages.own_name(code) != code
    assert languages.own_name("prs") == "دری"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Dari", "prs"),
        ("  dari ", "prs"),
        ("دری", "prs"),
        ("Farsi", "fa"),
        ("perzisch", "fa"),
        ("العربية", "ar"),
        ("Sorani", "ckb"),
        ("Kurmanji", "kmr"),
        ("Koerdisch", "ku"),
        ("Assyrisch", "aii"),
        ("Tigre", "tig"),
        ("ትግርኛ", "ti"),
        ("so", "so"),
    ],
)
def test_resolve_by_code_name_alias_or_own_name(typed: str, code: str) -> None:
    """A code, a Dutch, English or own name, or a common alias resolves to the offered code."""
    assert languages.resolve_language(typed) == code


@pytest.mark.parametrize("typed", ["Klingon", "", "xx", "Bengaals"])
def test_unknown_or_not_offered_names_do_not_resolve(typed: str) -> None:
    """Only offered languages resolve; anything else is None (the caller asks again or keeps it)."""
    assert languages.resolve_language(typed) is None


@pytest.mark.parametrize("code", ["xx", "", "x-y!", "qaa"])
def test_a_code_without_a_name_is_shown_as_itself(code: str) -> None:
    """A code CLDR cannot name (or no code at all) never crashes and is shown as it is."""
    assert languages.language_name(code, "en") == code


def test_a_language_outside_the_list_still_gets_its_name() -> None:
    """CLDR names languages the intake does not offer, so a report shows "Bengaals", not "bn"."""
    assert languages.language_name("bn", "nl") == "Bengaals"


def test_english_report_names_dari_in_english() -> None:
    """The English report shows "Dari (prs)" (regression: "(prs) دری" from the Arabic-script name)."""
    profile = Profile(
        personal=Personal(client_ref="K-1"), languages=[LanguageSkill(language="prs", mother_tongue=True)]
    )
    md = report.render(profile, fmt="md", lang="en")
    assert "| Dari (prs) |" in md and "دری" not in md


def test_offered_names_come_from_the_cache_without_loading_cldr_tables(isolated_cache: Path) -> None:
    """A warm cache spares every process CLDR's name tables (18 MB resident): a fresh process
    names and resolves the offered languages without importing ``language_data.name_data``."""
    languages._offered.cache_clear()
    languages._names.cache_clear()
    assert languages.language_name("prs") == "Dari"  # computed here, written to the cache
    code = (
        "import sys; from skilltool import languages; "
        "print(languages.language_name('ar', 'en'), languages.resolve_language('Tigrinya'), "
        "'language_data.name_data' in sys.modules)"
    )
    env = {**os.environ, "SKILLTOOL_CACHE_DIR": str(isolated_cache)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["Arabic", "ti", "False"]
    languages._offered.cache_clear()
    languages._names.cache_clear()
