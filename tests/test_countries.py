"""Country names and codes: what caseworkers and CSV exports write resolves to ISO 3166-1 alpha-2."""

from __future__ import annotations

import subprocess
import sys

import pytest

from skilltool.countries import all_codes, country_name, is_country_code, resolve_country

from .conftest import REPO


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Syrië", "SY"), ("Syrie", "SY"), ("Syria", "SY"), ("SY", "SY"), ("sy", "SY"), ("SYR", "SY"),
        ("Syrian Arab Republic", "SY"), ("Turkije", "TR"), ("Turkey", "TR"), ("Türkiye", "TR"),
        ("Oekraïne", "UA"), ("Oekraine", "UA"), ("Rusland", "RU"), ("Russia", "RU"), ("Marokko", "MA"),
        ("Egypte", "EG"), ("Soedan", "SD"), ("Zuid-Soedan", "SS"), ("Somalië", "SO"), ("Ethiopië", "ET"),
        ("Irak", "IQ"), ("Iraq", "IQ"), ("Jemen", "YE"), ("Iran", "IR"), ("Afghanistan", "AF"),
        ("Eritrea", "ER"), ("Pakistan", "PK"), ("Nigeria", "NG"), ("  eritrea ", "ER"),
        ("Staat Palestina", "PS"), ("DR Congo", "CD"), ("Nederland", "NL"),
    ],
)  # fmt: skip
def test_resolves_codes_and_dutch_and_english_names(text: str, code: str) -> None:
    """Codes (any case, alpha-3 too) and names with or without diacritics resolve."""
    assert resolve_country(text) == code


def test_close_spellings_of_long_names_resolve() -> None:
    """Typos in names of five letters or more still resolve."""
    assert resolve_country("Afganistan") == "AF"
    assert resolve_country("Eritria") == "ER"
    assert resolve_country("Etiopie") == "ET"


def test_short_inputs_must_be_exact() -> None:
    """'IR' is Iran and 'IQ' Iraq: two-letter input is never fuzzy; 'Iran' is not 'Iraq'."""
    assert resolve_country("IR") == "IR"
    assert resolve_country("IQ") == "IQ"
    assert resolve_country("Iran") == "IR"
    assert resolve_country("Niger") == "NE"


@pytest.mark.parametrize("text", ["", None, "Atlantis", "XX", "???"])
def test_unknown_is_none(text: str | None) -> None:
    """Unknown input gives None, never a guess."""
    assert resolve_country(text) is None


def test_country_name_in_both_languages() -> None:
    """Names come back in Dutch or English; an unknown code comes back as itself."""
    assert country_name("SY", "nl") == "Syrië"
    assert country_name("SY", "en") == "Syria"
    assert country_name("ER", "nl") == "Eritrea"
    assert country_name("ET", "nl") == "Ethiopië"
    assert country_name("RU", "en") == "Russia"
    assert country_name("ZZ", "nl") == "ZZ"


def test_table_is_the_whole_iso_list() -> None:
    """All 249 ISO 3166-1 codes are known; every name resolves back to its own code."""
    codes = all_codes()
    assert len(codes) == 249
    assert is_country_code("SY") and not is_country_code("XX")
    for code in codes:
        assert resolve_country(code) == code
        for lang in ("nl", "en"):
            assert resolve_country(country_name(code, lang)) == code, (code, lang)


def test_names_come_from_pycountry_with_its_dutch_translation() -> None:
    """The ISO short name where there is one (Iran, not 'Iran, Islamic Republic of'), translated by
    pycountry's Dutch catalogue; the few documented overrides where ISO has only a long name."""
    assert (country_name("IR", "en"), country_name("IR", "nl")) == ("Iran", "Iran")
    assert (country_name("KR", "en"), country_name("KR", "nl")) == ("South Korea", "Zuid-Korea")
    assert (country_name("CD", "en"), country_name("CD", "nl")) == (
        "Democratic Republic of the Congo",
        "Democratische Republiek Congo",
    )
    assert (country_name("RU", "en"), country_name("RU", "nl")) == ("Russia", "Rusland")
    assert country_name("DE", "nl") == "Duitsland" and country_name("MA", "nl") == "Marokko"


@pytest.mark.parametrize(
    ("text", "code"),
    [("State of Eritrea", "ER"), ("Islamic Republic of Iran", "IR"), ("Russian Federation", "RU"),
     ("Republiek Korea", "KR"), ("Holland", "NL"), ("Gazastrook", "PS")],
)  # fmt: skip
def test_official_names_and_municipal_spellings_resolve(text: str, code: str) -> None:
    """ISO official names (with or without 'the'), turned-round Dutch names and the spellings in
    ``_ALIASES`` that ISO lacks all resolve."""
    assert resolve_country(text) == code


def test_suggest_loads_no_country_or_language_tables() -> None:
    """Importing ``suggest`` (and with it the profile models) imports neither pycountry, rapidfuzz
    nor langcodes: they are read on a country's or a language's first use, which most processes
    that suggest never have (5 MB resident less in bench/suggest)."""
    code = (
        "import sys, skilltool.suggest; "
        "print(sorted(m for m in ('pycountry', 'rapidfuzz', 'langcodes') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_batch_imports_them_before_it_forks_its_workers() -> None:
    """The batch's ``preloaded`` (the local pool and a Dask ``LocalCluster`` fork from it) imports
    pycountry, rapidfuzz and langcodes and builds the country table first, so a forked worker
    never makes a first import of its own beside a lock another thread held at the fork."""
    code = (
        "import sys\n"
        "from skilltool import batch, batch_worker\n"
        "from tests.batch_fakes import fake_processor\n"
        "config = batch_worker.WorkerConfig(\n"
        "    mapping=None, data_dir=None, lang='nl', key=None, created='', factory=fake_processor\n"
        ")\n"
        "with batch.preloaded(config, install=lambda: None, clear=lambda: None):\n"
        "    print(sorted(m for m in ('pycountry', 'rapidfuzz.process', 'langcodes') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=REPO)
    assert out.stdout.strip() == "['langcodes', 'pycountry', 'rapidfuzz.process']", out.stderr
