"""The skill coder on everyday texts made up for the user20 review: candidates before and after.

Thirty-five skills as a caseworker types them (Dutch, and English with ``en:``), none from a gold
set. ``--write FILE`` writes each text's top five labels as JSON; ``--compare FILE`` prints, for
each text whose candidates differ from FILE's, the first label before and after and the labels
gone and new, then the totals. ``PYTHONPATH=/path/to/other/src`` runs another checkout's coder
on this checkout's data (``SKILLTOOL_CACHE_DIR`` apart, as the compiled table differs).

Run: PYTHONPATH=../other-checkout/src .venv/bin/python bench/skill_texts.py --write /tmp/before.json
     PYTHONPATH=src .venv/bin/python bench/skill_texts.py --compare /tmp/before.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from skilltool import load_reference
from skilltool.occupations import SkillCoder

TEXTS = [
    "koken",
    "koken voor grote groepen",
    "naaien",
    "kleding naaien",
    "tegelwerk",
    "bedden opmaken",
    "kinderen opvangen",
    "oma verzorgd",
    "ouderen verzorgend",
    "schoonmaak en wassen",
    "ramen wassen",
    "vloeren dweilen",
    "auto repareren",
    "brood bakken",
    "haar knippen",
    "heftruck rijden",
    "klanten helpen",
    "kassa",
    "Excel",
    "boekhouden",
    "metselen",
    "schilderen",
    "lassen",
    "vrachtwagen rijden",
    "tuin onderhouden",
    "computer repareren",
    "tolken Arabisch Nederlands",
    "en:cooking for many people",
    "en:sewing",
    "en:repairing phones",
    "en:driving a forklift",
    "en:caring for elderly",
    "en:cleaning offices",
    "en:selling vegetables at the market",
    "en:bookkeeping",
]


def labels() -> dict[str, list[str]]:
    """Each text's top five candidate labels, in the coder's order."""
    coder = SkillCoder.from_reference(load_reference())
    found = {}
    for text in TEXTS:
        lang = "en" if text.startswith("en:") else "nl"
        result = coder.code(text.removeprefix("en:"), lang=lang, top=5)
        found[text] = [c.label for c in result.candidates]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path)
    parser.add_argument("--compare", type=Path)
    args = parser.parse_args()
    after = labels()
    if args.write:
        args.write.write_text(json.dumps(after, ensure_ascii=False, indent=0), encoding="utf-8")
    if args.compare:
        before: dict[str, list[str]] = json.loads(args.compare.read_text(encoding="utf-8"))
        first = 0
        for text, was in before.items():
            now = after.get(text, [])
            if was != now:
                gone = [x for x in was if x not in now]
                new = [x for x in now if x not in was]
                print(f"{text!r}: first {was[:1]} -> {now[:1]}; gone {gone}; new {new}")
            first += was[:1] != now[:1]
        shown = sum(map(len, before.values())), sum(map(len, after.values()))
        print(f"texts {len(before)}; candidates {shown[0]} -> {shown[1]}; first changed on {first}")


if __name__ == "__main__":
    main()
