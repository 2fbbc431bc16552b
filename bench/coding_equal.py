"""Same answers before and after a speed change: the occupation coder's full output on generated titles.

Speed work on the coder must not change a single answer. This script codes a fixed set of titles
made from the committed data (ESCO labels in Dutch and English, CBS's Dutch titles, and variants
of them: a dropped letter, words swapped, a word cut off, two labels' words mixed, a seniority
word or a workplace added, a compound joined; no gold-set title) with ``--lang nl`` and
``--lang en`` and writes, per title and language, the review flag, the problem and every
candidate (URI, ISCO code, kind, label, matched label, score) as one JSON line.

``--bench-sets`` adds the titles the benchmarks code: every distinct title of the gold sets
``bench/coding.py`` reads (when ``../shared/data/gold`` is there; they are read at run time, never
written into the repository) and of ``bench/data/intake_titles*.csv``; each answer is then the
result's whole JSON (``model_dump_json``: input, normalised text, flag, problem, every candidate
with all its fields), from ``code`` and from ``code_many``.

Run it on the code before a change with ``--write before.jsonl``, then on the code after it with
``--check before.jsonl``: it prints the number of answers that differ (and the first few), for
``code`` one title at a time and for the batch path ``code_many`` (where the coder has it), and
exits 1 when any does. ``PYTHONPATH=/path/to/other/src`` runs another checkout's coder on the
same data (``--data-dir``, default this repository's ``data/``). ``--against CHECKOUT`` does both
in one run: this script writes the other checkout's answers (its ``src`` and ``data``) in a
child process, then checks this checkout's against them.

Run: .venv/bin/python bench/coding_equal.py --write /tmp/before.jsonl   (about 10 s)
     .venv/bin/python bench/coding_equal.py --check /tmp/before.jsonl
     .venv/bin/python bench/coding_equal.py --against /tmp/base --bench-sets   (about 2 minutes)
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXTRA_WORDS = ("senior", "junior", "medewerker", "assistent", "hoofd", "bij gemeente", "at hospital")


def titles(data_dir: Path, n: int, seed: int) -> list[str]:
    """``n`` titles drawn from the data's labels, about half of them altered (deterministic)."""
    from skilltool.reference import ReferenceData

    ref = ReferenceData(data_dir)
    labels: list[str] = []
    for occ in ref.occupations.occupations:
        for lang in ("nl", "en"):
            labels.extend(t for t in (getattr(occ.label, lang), *getattr(occ.alt, lang)) if t)
    if ref.path("cbs_title_index.yaml").exists():
        labels.extend(title for title, _ in ref.cbs_title_index.pairs())
    labels = sorted(set(labels))
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        words = rng.choice(labels).split()
        how = rng.randrange(9)
        if how == 1:  # a letter dropped from the longest word
            i = max(range(len(words)), key=lambda k: len(words[k]))
            w = words[i]
            if len(w) > 4:
                cut = rng.randrange(1, len(w) - 1)
                words[i] = w[:cut] + w[cut + 1 :]
        elif how == 2 and len(words) > 1:  # words swapped
            rng.shuffle(words)
        elif how == 3 and len(words) > 1:  # the first or the last word only
            words = [words[0] if rng.random() < 0.5 else words[-1]]
        elif how == 4:  # two labels' words mixed
            other = rng.choice(labels).split()
            words = words[: max(1, len(words) // 2)] + other[len(other) // 2 :]
        elif how == 5:  # a seniority word or a workplace
            words.insert(0 if rng.random() < 0.5 else len(words), rng.choice(EXTRA_WORDS))
        elif how == 6 and len(words) > 1:  # a compound joined
            words = ["".join(words[:2]), *words[2:]]
        out.append(" ".join(words))
    return out


def bench_titles(data_dir: Path) -> list[str]:
    """The distinct titles of the gold sets ``bench/coding.py`` scores (none without them) and of
    the intake bench sets, sorted."""
    sys.path.insert(0, str(REPO / "bench"))
    import coding  # bench/coding.py: its loaders and its gold folder
    from skilltool.reference import ReferenceData

    found: set[str] = set()
    for path in sorted((REPO / "bench" / "data").glob("intake_titles*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            found.update(row["title"] for row in csv.DictReader(handle))
    if coding.GOLD.is_dir():
        ref = ReferenceData(data_dir)
        isco_of, uri_of_label = coding.gold_maps(ref)
        sets = [
            coding.load_melo(coding.GOLD / "melo" / name, isco_of)
            for name in ("nld_q_nl_c_nl", "bel_q_nl_c_nl")
        ]
        for name in ("jobbert_v1_titles.test.csv", "jobbert_v1_titles.csv"):
            sets.append(coding.load_jobbert(coding.GOLD / "jobbert_v1" / name, uri_of_label, isco_of))
        found.update(item.title for gold in sets for item in gold.items)
    return sorted(found)


def answers(data_dir: Path, texts: list[str], *, many: bool = False, whole: bool = False) -> list[str]:
    """One JSON line per (title, language): the coder's whole answer (``many``: from
    ``code_many`` on chunks of 500 titles, which must give the same answers as ``code``;
    ``whole``: the result's own JSON, every field)."""
    from skilltool.occupations import OccupationCoder
    from skilltool.reference import ReferenceData

    coder = OccupationCoder.from_reference(ReferenceData(data_dir))
    lines = []
    for lang in ("nl", "en"):
        if many and hasattr(coder, "code_many"):
            results = [
                r for i in range(0, len(texts), 500) for r in coder.code_many(texts[i : i + 500], lang=lang)
            ]
        else:
            results = [coder.code(text, lang=lang, top=5) for text in texts]
        for text, r in zip(texts, results, strict=True):
            if whole:
                lines.append(json.dumps([lang, r.model_dump_json()], ensure_ascii=False))
                continue
            cands = [[c.uri, c.isco, c.kind, c.label, c.matched, c.score] for c in r.candidates]
            lines.append(
                json.dumps([text, lang, r.normalized, r.needs_review, r.problem, cands], ensure_ascii=False)
            )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--write", type=Path, help="write the answers to this file")
    what.add_argument("--check", type=Path, help="compare the answers with this file")
    what.add_argument("--against", type=Path, help="compare with another checkout's coder, in one run")
    parser.add_argument("--bench-sets", action="store_true", help="add the gold and intake titles")
    parser.add_argument("--titles", type=int, default=3000, help="titles, each coded in nl and en")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--data-dir", type=Path, default=REPO / "data")
    args = parser.parse_args()
    os.environ.setdefault("SKILLTOOL_CACHE_DIR", str(Path(tempfile.gettempdir()) / "skilltool-coding-equal"))
    texts = titles(args.data_dir, args.titles, args.seed)
    if args.bench_sets:
        texts += bench_titles(args.data_dir)
    scratch = tempfile.TemporaryDirectory(prefix="coding-equal-")  # the other side's answers
    if args.against:
        args.check = Path(scratch.name) / "before.jsonl"
        other = [
            sys.executable,
            __file__,
            "--write",
            str(args.check),
            "--data-dir",
            str(args.against / "data"),
        ]
        other += ["--titles", str(args.titles), "--seed", str(args.seed)] + ["--bench-sets"] * args.bench_sets
        env = {**os.environ, "PYTHONPATH": str(args.against / "src")}
        subprocess.run(other, check=True, env=env)
    if args.write:
        lines = answers(args.data_dir, texts, whole=args.bench_sets)
        args.write.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(lines):,} answers written to {args.write}")
        return
    before = args.check.read_text(encoding="utf-8").splitlines()
    failed = False
    for how, many in (("code", False), ("code_many", True)):
        lines = answers(args.data_dir, texts, many=many, whole=args.bench_sets)
        if len(before) != len(lines):
            sys.exit(f"{args.check}: {len(before):,} answers, now {len(lines):,}: not the same titles")
        differ = [(a, b) for a, b in zip(before, lines, strict=True) if a != b]
        for a, b in differ[:5]:
            print(f"before: {a}\nnow:    {b}")
        print(f"{how}: {len(differ):,} of {len(lines):,} answers differ")
        failed = failed or bool(differ)
    scratch.cleanup()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
