"""Occupation coding on intake-style titles: what clients and caseworkers type at an intake.

``bench/data/intake_titles.csv`` holds titles written for this bench (not taken from any gold
set): short everyday words, female forms, plurals, misspellings, "ik was ...", a workplace or an
employer after the title, Dutch and English. Each row's ``expect`` is one of

* ISCO-08 unit groups (4 digits; ``|`` between codes where ISCO-08 itself allows more than one
  reading, as a nurse at 2221 or 3221): the answer's first candidate should have one of them;
* ``flag`` or ``flag:PREFIX``: the title is ambiguous at ISCO-4 ("chauffeur", "leraar"), so the
  answer should be flagged for review (``needs_review``), its first candidate within ``PREFIX``
  when one is given;
* ``none``: not an occupation ("student"): no candidates.

Prints top-1 and top-5 (ISCO-4) on the coded rows, the share of answers left unflagged and the
precision of the unflagged first candidates (an unflagged answer to an ambiguous title counts as
wrong), the ambiguous and not-an-occupation rows, then the misses and the confidently wrong
answers (unflagged and wrong), one a line.

``--check-gold`` only compares the file's titles (folded like a query, ``textnorm.clean``) with
the gold sets' titles and prints the file's titles that collide (none may be committed), without
printing anything of the gold sets.

``bench/data/intake_titles_heldout.csv`` (``--file``) is a second set of 271 titles written the
same way, later, with no title of the first and none of the gold sets: statushouders' trades in
everyday Dutch and English, with a place, an employer, "ik was ...". Measure a change on both files.

``bench/data/intake_titles_blind.csv`` (``--file``) is a third set of 238 titles, written blind
(the writer saw only the format and did not run the coder), with more activities ("ik repareerde
vrachtwagens"), workplaces and misspellings: measured before and after the change it prompted in
docs/coding.md ("A blind third set"). ``bench/data/intake_titles_blind2.csv`` is a fourth, written
blind later the same way (248 titles, mostly titles as typed in an intake form's occupation field
with a workplace, an employer or a city; more own businesses): measured on the session's code
before and after the one change it prompted (an own business named by its trade).
``bench/data/intake_titles_blind3.csv`` is a fifth (221 titles, written blind in the tenth
session, more activities, own businesses, female forms and not-an-occupation answers; its writer's
codes are strict: a seamstress is 7531 or 8153, not ESCO's 7533): measured on the code before and
after the session's rules in docs/coding.md. ``bench/data/intake_titles_blind4.csv`` is a sixth
(191 of 260 titles written blind in the eleventh session; the 69 equal to a gold title or holding a
gold phrase, mostly bare trade words, left out): more activities with an object, agriculture,
helpers, studies and sentences that are no occupation. ``bench/data/intake_titles_blind5.csv`` is
a seventh (223 of 260 titles written blind in the twelfth session, 37 with a gold phrase left
out): what caseworkers type quickly into a case file, short notes, two roles, farming and
livestock, small trades, transport, situations. The farming rule was written before it arrived;
its part on hired hands and the situations after its misses were read (docs/coding.md).
``bench/data/intake_titles_blind6.csv`` is an eighth (244 of 260 written blind in the thirteenth
session, 16 with a gold phrase left out), with more public-sector, health, religious, informal
and situation answers and words of the clients' languages; measured before any rule of that
session, then partly tuned on its misses (docs/coding.md, "An eighth blind set").
``bench/data/intake_titles_blind7.csv`` is a ninth (229 of 260 written blind in the fourteenth
session, 31 with a gold phrase left out): a caseworker's shorthand ("mdw", "heftr.ch."), grades
("leerling", "hulp", "senior"), crafts and repair, building trades one by one, riders and drivers
of every vehicle, farming, managers of small and large firms, and women's work described vaguely;
measured before the session's rules, then partly tuned on its misses (docs/coding.md, "A ninth
blind set").
``bench/data/intake_titles_blind8.csv`` is a tenth (236 of 260 written blind in the fifteenth
session, 24 with a gold phrase left out): a volunteer's loose English notes, lines copied from a
CV, public-sector and office work, health and care at every level, hotel, food, shop and market
work, plant operators, mining and oil, IT and telecom, cleaning and security, and words of the
clients' languages next to a Dutch or English one; measured before the session's rules, then
partly tuned on its misses (docs/coding.md, "A tenth blind set").
``bench/data/intake_titles_blind9.csv`` is an eleventh (248 of 260 written blind in the sixteenth
session, 12 with a gold phrase left out): a client's own explanation in half sentences, the
workplace before the role, seasonal and informal work, transport and logistics, building and
installation trades, farming, animals and fishing, crafts and repair, personal services, teaching
and childcare, religion, arts, media, sports, army and police, Dutch and English mixed, and words
of the clients' languages next to a Dutch or English one; measured blind before any change
(docs/coding.md, "An eleventh blind set").
``bench/data/intake_titles_blind10.csv`` is a twelfth (222 of 260 written blind in the seventeenth
session, 38 with a gold phrase left out): health and care below the doctor, office, finance and
public service, ICT and engineering at several levels, factory work named by product or machine,
food, shops and trade, security and cleaning, the level words that change the group (head,
assistant, apprentice, owner), a study and a job in one answer, and words of the clients'
languages; measured blind before any change (docs/coding.md, "A twelfth blind set").
``bench/data/intake_titles_blind11.csv`` is a thirteenth (247 of 260 written blind in the
eighteenth session, 13 with a gold phrase left out): the building trades, installation and
repair, transport and logistics, farming, fishing and animals, crafts, personal services,
teaching at several levels, arts, media and religion, public order, mining and energy, the
self-employed and the family business, level words, and words of the clients' languages
(Urdu and Tamil among them); measured blind before any change (docs/coding.md, "A thirteenth
blind set").
``bench/data/intake_titles_blind12.csv`` is a fourteenth (228 of 260 written blind in the
nineteenth session, 32 with a gold phrase left out): health and care, hospitality and food,
retail and trade, office, finance and public administration, IT and telecom, factories,
engineering and science, law and social work, cleaning, level words, a study and a job in one
answer, and words of the clients' languages; measured blind before any change (docs/coding.md,
"A fourteenth blind set").
``bench/data/intake_titles_blind13.csv`` is a fifteenth (228 of 260 written blind in the
twentieth session, 32 with a gold phrase left out): building trades, transport and logistics,
farming, fishing and animals, education and childcare, personal services, security, armed forces
and police, arts, media, religion and sport, domestic work, mining, energy and repair, level
words and the clients' languages; measured blind before any change (docs/coding.md, "A
fifteenth blind set").
``bench/data/intake_titles_blind14.csv`` is a sixteenth (199 of 260 written blind in the
twenty-first session, 61 equal to a gold title or holding a gold phrase left out): factory and
production work, warehouses and ports, care support, ICT and telecom, clerks, sales from a
market stall up, hotels and catering, cleaning and pest control, crafts, the origin country's
public servants, teachers of every kind, technicians, labs, law, work in transit countries,
home-based work, first jobs, level words and the clients' languages; measured blind before any
change (docs/coding.md, "A sixteenth blind set").
``bench/data/intake_titles_blind15.csv`` is a seventeenth (150 of 260 written blind in the
twenty-second session, 110 equal to a gold title or holding a gold phrase of an earlier set left
out): transport and logistics, construction and finishing trades, farming, fishing and animals,
beauty and personal care, security, police and the military, religion, media, arts, sports,
health professionals, engineers, owners of small businesses, domestic work, combined and seasonal
jobs, activities said instead of a title, level words and the clients' languages; measured blind
before any change (docs/coding.md, "A seventeenth blind set").
``bench/data/intake_titles_blind16.csv`` is an eighteenth (137 of 260 written blind in the
twenty-third session, 123 equal to a gold title or holding a gold phrase of an earlier set left
out): hospitality and food, retail and market trade, cleaning, factories and production,
technical trades and repair, office, finance, law and IT, education and childcare, social work,
interpreters, the origin country's public servants, activities said instead of a title, two jobs
in one answer, level words, situations that are not work and the clients' languages; measured
blind before any change (docs/coding.md, "An eighteenth blind set").
``bench/data/intake_titles_blind17.csv`` is a nineteenth (120 of 260 written blind in the
twenty-fourth session, 140 equal to a gold title or holding a gold phrase of an earlier set left
out): transport and logistics, construction trades, farming, animals and fishing, health and care,
beauty, security, police and the army, arts, media and crafts, engineers and scientists, religious
roles, sports coaches, activities, two jobs in one answer, level words, situations that are not
work and the clients' languages; measured blind before any change (docs/coding.md, "A nineteenth
blind set").
``bench/data/intake_titles_blind18.csv`` is a twentieth (129 of 260 written blind in the
twenty-fifth session, 131 equal to a gold title or holding a gold phrase of an earlier set left
out): food and hospitality, retail and trade, factories and manufacturing, repair and technical
trades, administration and office work, IT and finance, education, law and public work, cleaning and
facilities, activities, two jobs in one answer, level words, situations that are not work and the
clients' languages; measured blind before any change (docs/coding.md, "A twentieth blind set").
``bench/data/intake_titles_blind19.csv`` is a twenty-first (124 of 260 written blind in the
twenty-sixth session, 136 equal to a gold title or holding a gold phrase of an earlier set left
out): health and care, transport and logistics, construction, farming and fishing, beauty and
personal services, security, police and the military, culture, media and religion, sport,
activities, two jobs in one answer, level words, situations that are not work and the clients'
languages; measured blind before any change (docs/coding.md, "A twenty-first blind set").
``bench/data/intake_titles_blind20.csv`` is a twenty-second (122 of 260 written blind in the
twenty-seventh session, 138 equal to a gold title or holding a gold phrase of an earlier set left
out): food and hospitality, retail and trade, manufacturing and repair, cleaning, office, finance
and law, ICT and engineering, education and childcare, activities, two jobs in one answer, level
words, situations that are not work and the clients' languages; measured blind before any change
(docs/coding.md, "A twenty-second blind set").
``bench/data/intake_titles_blind21.csv`` is a twenty-third (138 of 260 written blind in the
twenty-eighth session, 122 equal to a gold title or holding a gold phrase of an earlier set left
out): health and care, transport and logistics, building, farming and animals, security, police,
the army and fire service, beauty and personal services, arts, media, sport and religion, the public
sector and aid organisations, activities, two jobs in one answer, level words, situations that are
not work and the clients' languages; measured blind before any change (docs/coding.md, "A
twenty-third blind set").
``bench/data/intake_titles_blind22.csv`` is a twenty-fourth (171 of 260 written blind in the
twenty-ninth session, 89 equal to a gold or an earlier intake title or holding a phrase of one left
out): owners, directors and managers of a named kind of firm, job titles in the clients' languages
in Latin letters, activities in broken Dutch, the public sector, the army, police, justice,
teaching and religion, health and care with typos, Ukrainian and Iranian professionals, ambiguous
answers and situations that are not work; measured blind before any change (docs/coding.md, "A
twenty-fourth blind set").

``--by-kind`` counts the coded titles per kind of answer (the first part of each row's note:
a plural, a workplace phrase, an activity), with how many are right and flagged: where the
flag and the misses fall, without listing a title.

Run: .venv/bin/python bench/coding_intake.py [--misses] [--check-gold] [--by-kind] [--file PATH]
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TITLES = REPO / "bench" / "data" / "intake_titles.csv"
HELDOUT = REPO / "bench" / "data" / "intake_titles_heldout.csv"
BLIND = REPO / "bench" / "data" / "intake_titles_blind.csv"
BLIND2 = REPO / "bench" / "data" / "intake_titles_blind2.csv"
BLIND3 = REPO / "bench" / "data" / "intake_titles_blind3.csv"
BLIND4 = REPO / "bench" / "data" / "intake_titles_blind4.csv"
BLIND5 = REPO / "bench" / "data" / "intake_titles_blind5.csv"
BLIND6 = REPO / "bench" / "data" / "intake_titles_blind6.csv"
BLIND7 = REPO / "bench" / "data" / "intake_titles_blind7.csv"
BLIND8 = REPO / "bench" / "data" / "intake_titles_blind8.csv"
BLIND9 = REPO / "bench" / "data" / "intake_titles_blind9.csv"
BLIND10 = REPO / "bench" / "data" / "intake_titles_blind10.csv"
BLIND11 = REPO / "bench" / "data" / "intake_titles_blind11.csv"
BLIND12 = REPO / "bench" / "data" / "intake_titles_blind12.csv"
BLIND13 = REPO / "bench" / "data" / "intake_titles_blind13.csv"
BLIND14 = REPO / "bench" / "data" / "intake_titles_blind14.csv"
BLIND15 = REPO / "bench" / "data" / "intake_titles_blind15.csv"
BLIND16 = REPO / "bench" / "data" / "intake_titles_blind16.csv"
BLIND17 = REPO / "bench" / "data" / "intake_titles_blind17.csv"
BLIND18 = REPO / "bench" / "data" / "intake_titles_blind18.csv"
BLIND19 = REPO / "bench" / "data" / "intake_titles_blind19.csv"
BLIND20 = REPO / "bench" / "data" / "intake_titles_blind20.csv"
BLIND21 = REPO / "bench" / "data" / "intake_titles_blind21.csv"
BLIND22 = REPO / "bench" / "data" / "intake_titles_blind22.csv"
GOLD = Path(os.environ.get("SKILLTOOL_GOLD_DIR") or REPO.parent / "shared" / "data" / "gold")


@dataclass(frozen=True)
class Row:
    title: str
    lang: str
    expect: str  # "5120|5131", "flag", "flag:23" or "none"
    note: str

    @property
    def codes(self) -> frozenset[str]:
        return frozenset() if self.kind != "code" else frozenset(self.expect.split("|"))

    @property
    def kind(self) -> str:
        return "flag" if self.expect.startswith("flag") else "none" if self.expect == "none" else "code"

    @property
    def prefix(self) -> str:
        return self.expect.partition(":")[2]


def load(path: Path = TITLES) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [Row(r["title"], r["lang"], r["expect"], r["note"]) for r in csv.DictReader(fh)]
    for row in rows:
        bad = row.kind == "code" and not all(len(c) == 4 and c.isdigit() for c in row.codes)
        if bad or row.lang not in ("nl", "en"):
            sys.exit(f"{path.name}: {row.title!r}: expect must be 4-digit codes, flag[:PREFIX] or none")
    return rows


def gold_titles() -> set[str]:
    """Every title of the gold sets, folded like a query (read here, never printed)."""
    from skilltool import textnorm

    titles: set[str] = set()
    for path in (GOLD / "melo").glob("*/queries.tsv"):
        with path.open(encoding="utf-8") as fh:
            titles |= {textnorm.clean(line.split("\t", 1)[1]) for line in fh if "\t" in line}
    for path in (GOLD / "jobbert_v1").glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as fh:
            titles |= {textnorm.clean(row["text"]) for row in csv.DictReader(fh)}
    return titles


def check_gold(rows: list[Row], path: Path = TITLES) -> int:
    from skilltool import textnorm

    if not GOLD.is_dir():
        sys.exit(f"needs the gold sets in {GOLD}")
    gold = gold_titles()
    hits = [row.title for row in rows if textnorm.clean(row.title) in gold]
    print(f"{len(hits)} of {len(rows)} titles of {path.name} equal a gold-set title (folded):")
    for title in hits:
        print(f"  {title}")
    return 1 if hits else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--misses", action="store_true", help="list every miss, not only the confident ones")
    parser.add_argument("--check-gold", action="store_true", help="list the titles equal to a gold title")
    parser.add_argument(
        "--by-kind",
        action="store_true",
        help="count the coded titles per kind of answer (the note's first part): right, flagged, "
        "flagged and right; where the flag and the misses fall, without listing titles",
    )
    parser.add_argument(
        "--file",
        type=Path,
        default=TITLES,
        help=f"titles to score (default {TITLES.relative_to(REPO)}; held out: {HELDOUT.relative_to(REPO)}; "
        f"blind: {BLIND.relative_to(REPO)}, {BLIND2.relative_to(REPO)}, {BLIND3.relative_to(REPO)}, "
        f"{BLIND4.relative_to(REPO)}, {BLIND5.relative_to(REPO)}, {BLIND6.relative_to(REPO)}, "
        f"{BLIND7.relative_to(REPO)}, {BLIND8.relative_to(REPO)}, {BLIND9.relative_to(REPO)}, "
        f"{BLIND10.relative_to(REPO)}, {BLIND11.relative_to(REPO)}, {BLIND12.relative_to(REPO)}, "
        f"{BLIND13.relative_to(REPO)}, {BLIND14.relative_to(REPO)}, {BLIND15.relative_to(REPO)}, "
        f"{BLIND16.relative_to(REPO)}, {BLIND17.relative_to(REPO)}, {BLIND18.relative_to(REPO)}, "
        f"{BLIND19.relative_to(REPO)}, {BLIND20.relative_to(REPO)}, {BLIND21.relative_to(REPO)}, "
        f"{BLIND22.relative_to(REPO)})",
    )
    args = parser.parse_args()
    path = args.file.resolve()
    rows = load(path)
    if args.check_gold:
        sys.exit(check_gold(rows, path))

    cache = tempfile.TemporaryDirectory()
    os.environ["SKILLTOOL_CACHE_DIR"] = cache.name
    from skilltool.occupations import OccupationCoder
    from skilltool.reference import ReferenceData

    coder = OccupationCoder.from_reference(ReferenceData(REPO / "data"))
    start = time.process_time()
    results = [coder.code(row.title, lang=row.lang, top=5) for row in rows]
    cpu = time.process_time() - start

    coded = top1 = top5 = 0
    unflagged = unflagged_right = judged = 0
    flag_rows = flag_ok = flag_prefix_ok = none_rows = none_ok = 0
    misses: list[str] = []
    confident: list[str] = []
    kinds: dict[str, list[int]] = {}  # kind of answer -> [titles, right, flagged, flagged and right]
    for row, result in zip(rows, results, strict=True):
        codes = [c.isco for c in result.candidates]
        got = f"{codes[0]} {result.candidates[0].label!r}" if codes else "nothing"
        shown = f"{row.title!r} ({row.lang}) want {row.expect} got {got}" + (
            " [flagged]" if result.needs_review else ""
        )
        if row.kind == "none":
            none_rows += 1
            none_ok += not codes
            if codes:
                misses.append(shown)
            continue
        judged += 1
        if row.kind == "code":
            coded += 1
            right = bool(codes) and codes[0] in row.codes
            top1 += right
            top5 += any(c in row.codes for c in codes[:5])
            counts = kinds.setdefault(f"{row.note.split(';')[0].strip() or '-'} ({row.lang})", [0, 0, 0, 0])
            for i, add in enumerate((1, right, result.needs_review, right and result.needs_review)):
                counts[i] += add
        else:
            flag_rows += 1
            flag_ok += result.needs_review
            in_group = bool(codes) and codes[0].startswith(row.prefix)
            flag_prefix_ok += result.needs_review and in_group
            right = False  # an ambiguous title has no right unflagged answer
        if not result.needs_review:
            unflagged += 1
            unflagged_right += right
            if not right:
                confident.append(shown)
        flag_missed = row.kind == "flag" and not (result.needs_review and in_group)
        if (row.kind == "code" and not right) or flag_missed:
            misses.append(shown)

    shown_path = path.relative_to(REPO) if path.is_relative_to(REPO) else path
    print(f"intake titles: {len(rows)} ({shown_path}), coded in {cpu:.2f} CPU s")
    print(f"  ISCO-4 top-1 {top1 / coded:.3f}  top-5 {top5 / coded:.3f} (n={coded})")
    print(
        f"  unflagged {unflagged / judged:.1%} of {judged}; precision of unflagged top-1 "
        f"{unflagged_right / max(unflagged, 1):.3f} ({unflagged_right}/{unflagged})"
    )
    print(
        f"  ambiguous titles flagged {flag_ok}/{flag_rows} (flagged and in the expected group "
        f"{flag_prefix_ok}/{flag_rows}); not an occupation given nothing {none_ok}/{none_rows}"
    )
    print(f"confidently wrong (unflagged, wrong): {len(confident)}")
    for line in confident:
        print(f"  {line}")
    if args.by_kind:
        print("per kind of answer (coded titles): titles, right at top-1, flagged, flagged and right")
        for kind, (n, right_n, flagged_n, both) in sorted(kinds.items(), key=lambda kv: (-kv[1][0], kv[0])):
            print(f"  {kind:40s} {n:4d} {right_n:4d} {flagged_n:4d} {both:4d}")
    if args.misses:
        print(f"misses (top-1 wrong, or an ambiguous title not flagged in its group): {len(misses)}")
        for line in misses:
            print(f"  {line}")
    cache.cleanup()


if __name__ == "__main__":
    main()
