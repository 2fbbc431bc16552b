"""Occupation-coding benchmark: accuracy on the gold sets, throughput, memory, and a naive baseline.

Prints, in one run, for skilltool's coder and for a naive baseline (rapidfuzz ``WRatio`` over all
ESCO labels, the way a first attempt would do it):

* top-1 and top-5 accuracy at ISCO-08 unit group (4 digits) and at ESCO URI on
  - MELO ``nld_q_nl_c_nl``: 2,605 Dutch official titles (UWV "Dutch NOC") mapped to ESCO;
  - MELO ``bel_q_nl_c_nl``: 328 Flemish titles (never looked at while tuning);
  - JobBERT v1 test half: 15,463 English vacancy titles labelled with an ESCO preferred label
    (the validation half, ``--jobbert-validation``, is the one used for tuning);
* MELO Dutch split into titles present in CBS's Dutch title index (``data/cbs_title_index.yaml``, which
  the coder uses as a name source) and titles absent from it: the second is the honest measure of
  generalisation;
* ``needs_review``: the share flagged and the precision of the unflagged top-1 (ISCO-4);
* throughput: distinct titles per second after load, one at a time (``code``) and in batches
  (``code_many``), on a stream where titles repeat, and through the CLI bulk path
  (``occupation code --json --top 5`` on stdin, JobBERT test titles, after start-up);
* load time (cold build and warm cache), peak memory, and `skilltool occupation code lasser` wall time.

The baseline is slow (about 5 titles per second), so it runs on a fixed random sample of each set
(``--baseline-sample``); skilltool is scored on the same sample next to it.

Run: .venv/bin/python bench/coding.py            (about two minutes on 2 cores)
     .venv/bin/python bench/coding.py --quick    (baseline sample of 50, no CLI timing)
     .venv/bin/python bench/coding.py --speed --cache /tmp/stc_bench   (the speed part alone, warm)

``--speed`` prints the throughput rows and the peak memory only (no accuracy, no baseline); with
``PYTHONPATH=OTHER/src`` it measures another checkout's coder (and CLI) on the same titles, for an
A/B taken in turns. ``--cache DIR`` keeps the compiled data in ``DIR`` instead of a fresh temporary
folder, so a second run loads it warm (the "cold build" line is then a warm load).
"""

from __future__ import annotations

import argparse
import ast
import csv
import math
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from skilltool.occupations import OccupationCoder
    from skilltool.reference import ReferenceData

REPO = Path(__file__).resolve().parents[1]
GOLD = Path(os.environ.get("SKILLTOOL_GOLD_DIR") or REPO.parent / "shared" / "data" / "gold")
PY = sys.executable
BATCH = 512  # titles per ``code_many`` call in the batch throughput rows


@dataclass
class Item:
    title: str
    uri: str | None  # ESCO occupation URI in v1.1.1, or None
    isco: str | None  # 4-digit ISCO-08, or None


@dataclass
class GoldSet:
    name: str
    lang: str
    items: list[Item]
    notes: str


def gold_maps(ref: ReferenceData) -> tuple[dict[str, str], dict[str, str]]:
    """What the gold loaders need of the reference data: ISCO-08 code by occupation URI, and the
    URI by English preferred label (lower case; the first occupation of a shared label)."""
    isco_of = {o.uri: o.isco for o in ref.occupations.occupations}
    uri_of_label: dict[str, str] = {}
    for o in ref.occupations.occupations:
        if o.label.en:
            uri_of_label.setdefault(o.label.en.lower(), o.uri)
    return isco_of, uri_of_label


def load_melo(folder: Path, isco_of: dict[str, str]) -> GoldSet:
    """MELO TREC-style files -> one target per query.

    A target that is an ESCO occupation in v1.1.1 counts at URI and ISCO-4. A target that is an
    ISCO group URI counts at ISCO-4 only when the group has 4 digits (else it is left out). A
    target not in v1.1.1 is left out. The counts of each are printed.
    """
    queries = dict(
        line.rstrip("\n").split("\t", 1) for line in (folder / "queries.tsv").open(encoding="utf-8")
    )
    concept = dict(
        line.rstrip("\n").split("\t", 1) for line in (folder / "concept_mapping.tsv").open(encoding="utf-8")
    )
    targets: dict[str, set[str]] = {}
    for line in (folder / "annotations.tsv").open(encoding="utf-8"):
        qid, _, cid, _ = line.rstrip("\n").split("\t")
        targets.setdefault(qid, set()).add(concept[cid])
    items = []
    counts = {
        "occupation": 0,
        "isco4 group": 0,
        "shorter isco group (left out)": 0,
        "not in v1.1.1 (left out)": 0,
    }
    multi = 0
    for qid, title in queries.items():
        uris = sorted(targets.get(qid, ()))
        if len(uris) != 1:
            multi += 1
        uri = uris[0] if uris else ""
        if uri in isco_of:
            items.append(Item(title, uri, isco_of[uri]))
            counts["occupation"] += 1
        elif "/isco/C" in uri:
            code = uri.rsplit("/C", 1)[1]
            if len(code) == 4:
                items.append(Item(title, None, code))
                counts["isco4 group"] += 1
            else:
                counts["shorter isco group (left out)"] += 1
        else:
            counts["not in v1.1.1 (left out)"] += 1
    notes = ", ".join(f"{k}: {v}" for k, v in counts.items()) + f"; queries with != 1 target: {multi}"
    return GoldSet(folder.name, "nl", items, notes)


def load_jobbert(path: Path, uri_of_label: dict[str, str], isco_of: dict[str, str]) -> GoldSet:
    """JobBERT rows: the label is an ESCO (1.0.5) English preferred label; rows whose label is not a
    v1.1.1 preferred label are left out (counted)."""
    items = []
    missing = 0
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            uri = uri_of_label.get(row["label"].strip().lower())
            if uri is None:
                missing += 1
                continue
            items.append(Item(row["text"], uri, isco_of[uri]))
    return GoldSet(
        path.name, "en", items, f"rows kept: {len(items)}, label not in v1.1.1 (left out): {missing}"
    )


Ranker = Callable[[str, str], list[tuple[str, str]]]  # (title, lang) -> [(uri, isco)] best first


@dataclass
class Scores:
    n: int
    isco1: float
    isco5: float
    uri1: float
    uri5: float
    uri_n: int


def score(ranker: Ranker, gold: GoldSet, items: Sequence[Item]) -> Scores:
    isco1 = isco5 = uri1 = uri5 = uri_n = 0
    n = 0
    for item in items:
        ranked = ranker(item.title, gold.lang)[:5]
        if item.isco:
            n += 1
            codes = [isco for _, isco in ranked]
            isco1 += bool(codes) and codes[0] == item.isco
            isco5 += item.isco in codes
        if item.uri:
            uri_n += 1
            uris = [uri for uri, _ in ranked]
            uri1 += bool(uris) and uris[0] == item.uri
            uri5 += item.uri in uris
    return Scores(n, isco1 / max(n, 1), isco5 / max(n, 1), uri1 / max(uri_n, 1), uri5 / max(uri_n, 1), uri_n)


def ranker_of(coder: OccupationCoder) -> Ranker:
    def ranked(title: str, lang: str) -> list[tuple[str, str]]:
        return [(c.uri, c.isco) for c in coder.code(title, lang=lang, top=5).candidates]

    return ranked


def fmt(s: Scores) -> str:
    return (
        f"ISCO-4 top-1 {s.isco1:.3f}  top-5 {s.isco5:.3f} (n={s.n})   "
        f"URI top-1 {s.uri1:.3f}  top-5 {s.uri5:.3f} (n={s.uri_n})"
    )


def review_split(coder: OccupationCoder, gold: GoldSet, items: Sequence[Item] | None = None) -> str:
    """How often needs_review is set, and the ISCO-4 top-1 accuracy with and without it (the
    precision of unflagged answers)."""
    counts = {True: [0, 0], False: [0, 0]}
    for item in gold.items if items is None else items:
        if not item.isco:
            continue
        result = coder.code(item.title, lang=gold.lang)
        best = result.candidates[0].isco if result.candidates else None
        counts[result.needs_review][0] += 1
        counts[result.needs_review][1] += best == item.isco
    flagged, clear = counts[True], counts[False]
    total = flagged[0] + clear[0]
    return (
        f"needs_review on {flagged[0] / total:.0%}: top-1 right {flagged[1] / max(flagged[0], 1):.3f} "
        f"when flagged; precision of unflagged top-1 {clear[1] / max(clear[0], 1):.3f} "
        f"({clear[0]} unflagged)"
    )


def cbs_titles() -> set[str]:
    """The titles of CBS's Dutch title index as the coder has them, normalised like a query."""
    from skilltool import textnorm
    from skilltool.reference import ReferenceData

    ref = ReferenceData(REPO / "data")
    if not ref.path("cbs_title_index.yaml").exists():
        return set()
    return {textnorm.clean(title) for title, _ in ref.cbs_title_index.pairs()}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cli_bulk(
    env: dict[str, str], titles: list[str], lang: str, workers: int | None = None
) -> tuple[float, float, int, float]:
    """(titles per second after start-up, start-up seconds, output lines, titles per CPU second
    after start-up) of ``skilltool occupation code --json --top 5`` reading ``titles`` on stdin
    (``--workers``: its default, one process per core, or the number given). Start-up is the wall
    (and CPU) time of the same command on one title; the cache is warm. The CPU figure (all its
    processes) is the fairer one on a shared machine: it does not count waiting for a core."""
    argv = [PY, "-m", "skilltool", "occupation", "code", "--json", "--top", "5", "--lang", lang]
    if workers is not None:
        argv += ["--workers", str(workers)]
    one = titles[0] + "\n"
    subprocess.run(argv, env=env, input=one, text=True, check=True, capture_output=True)  # warm
    start, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(argv, env=env, input=one, text=True, check=True, capture_output=True)
    startup, startup_cpu = time.perf_counter() - start, _children_cpu() - cpu
    text = "\n".join(titles) + "\n"
    start, cpu = time.perf_counter(), _children_cpu()
    out = subprocess.run(argv, env=env, input=text, text=True, check=True, capture_output=True)
    took, took_cpu = time.perf_counter() - start, _children_cpu() - cpu
    lines = out.stdout.count("\n")
    # nan, not a huge number, when noise on a busy machine made start-up look longer than the run
    per_cpu = len(titles) / (took_cpu - startup_cpu) if took_cpu > startup_cpu else math.nan
    return len(titles) / (took - startup) if took > startup else math.nan, startup, lines, per_cpu


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def gold_titles_in_code(titles: set[str]) -> tuple[list[str], list[str]]:
    """Gold-set titles found in the coder: (string literals or aliases equal to a title, single
    words of the normaliser's and the coder's word lists that happen to equal a one-word title:
    stopwords, places, the words for a worker, the workers of irregular verbs)."""
    from skilltool import textnorm
    from skilltool.coding_support import CODER_MODULES
    from skilltool.reference import ReferenceData

    found = []
    for path in (REPO / "src/skilltool" / name for name in CODER_MODULES):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and text.strip().lower() in titles:
                found.append(f"{path.name}: {text.strip()!r}")
    for alias in ReferenceData(REPO / "data").occupation_aliases.aliases:
        if alias.alias.strip().lower() in titles:
            found.append(f"occupation_aliases.yaml: {alias.alias!r}")
    from skilltool import coding_activity, coding_places, owner_phrases, place_names

    words = textnorm.STOPWORDS | textnorm.NOISE | place_names.PLACES | set(coding_places.WORKERS_EN)
    words |= set(coding_places.WORKERS_NL) | set(coding_activity.IRREGULAR.values())
    words |= set(owner_phrases.DRIVERS)
    return sorted(set(found)), sorted(w for w in words if w in titles)


def coder_peak_mib(
    env: dict[str, str], title: str = "lasser", lang: str = "nl", *, deep: bool = False
) -> float:
    """Peak RSS of a fresh process that loads the cached coder and codes 2,000 titles (``title``
    with a number; with ``deep``, an English one takes the embedding opinion).

    Measured through a small wrapper process (RUSAGE_CHILDREN): a child forked straight from this
    big process would inherit its high-water mark.
    """
    work = (
        "from skilltool.reference import ReferenceData as R;"
        f"from skilltool.occupations import OccupationCoder as C; c = C.from_reference(R(), deep={deep});"
        f"[c.code(f'{title} {{i}}', lang={lang!r}) for i in range(2000)]"
    )
    wrapper = (
        "import resource,subprocess,sys;"
        f"subprocess.run([sys.executable,'-c',{work!r}],check=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([PY, "-c", wrapper], env=env, check=True, capture_output=True, text=True)
    return int(out.stdout.strip()) / 1024


def cli_wall(env: dict[str, str], runs: int = 5) -> float:
    argv = [PY, "-m", "skilltool", "occupation", "code", "lasser"]
    subprocess.run(argv, env=env, check=True, capture_output=True)  # warm the cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--baseline-sample", type=int, default=150, help="titles per set for the baseline")
    parser.add_argument("--quick", action="store_true", help="small baseline sample, no CLI timing")
    parser.add_argument("--jobbert-validation", action="store_true", help="also score the tuning half")
    parser.add_argument(
        "--deep",
        action="store_true",
        help="with the embedding opinion (skilltool[embed]; off by default)",
    )
    parser.add_argument("--misses", type=int, default=0, help="print N top-1 ISCO misses per set")
    parser.add_argument(
        "--speed",
        action="store_true",
        help="the speed part alone: throughput (core, stream, CLI bulk path) and peak memory",
    )
    parser.add_argument(
        "--cache", type=Path, help="keep the compiled data in this folder (warm on a second run)"
    )
    args = parser.parse_args()
    if not GOLD.is_dir():
        sys.exit(f"needs the gold sets in {GOLD}")
    sample_n = 50 if args.quick else args.baseline_sample

    env = dict(os.environ)
    cache = tempfile.TemporaryDirectory()
    os.environ["SKILLTOOL_CACHE_DIR"] = env["SKILLTOOL_CACHE_DIR"] = str(args.cache or cache.name)

    from skilltool.occupations import OccupationCoder
    from skilltool.reference import ReferenceData

    start = time.perf_counter()
    ref = ReferenceData(REPO / "data")
    coder = OccupationCoder.from_reference(ref)
    cold = time.perf_counter() - start
    isco_of, uri_of_label = gold_maps(ref)
    all_labels: list[str] = []
    label_uri: list[str] = []
    for o in ref.occupations.occupations:
        for lang in ("nl", "en"):
            texts = [getattr(o.label, lang), *getattr(o.alt, lang), *getattr(o.hidden, lang)]
            for text in texts:
                if text:
                    all_labels.append(text)
                    label_uri.append(o.uri)
    del ref
    start = time.perf_counter()
    warm_ref = ReferenceData(REPO / "data")
    coder = OccupationCoder.from_reference(warm_ref, deep=args.deep)
    warm = time.perf_counter() - start
    n_occ, n_labels = coder.size
    from skilltool import embedding_scorer

    embed_note = "not asked (as by default; --deep asks it): flagged titles get the n-gram opinion only"
    if args.deep:  # the optional extra: its label vectors are built once, here
        if not embedding_scorer.available():
            parser.error("--deep needs the embed extra: pip install -e '.[embed]'")
        start = time.perf_counter()
        _ = OccupationCoder.from_reference(warm_ref, deep=True).embedding
        embed_note = f"--deep; English label vectors built and cached in {time.perf_counter() - start:.1f} s"

    def embed_used() -> int:
        scorer = coder.embedding if args.deep else None
        return scorer.used if scorer is not None else 0

    sets = [
        load_melo(GOLD / "melo/nld_q_nl_c_nl", isco_of),
        load_melo(GOLD / "melo/bel_q_nl_c_nl", isco_of),
        load_jobbert(GOLD / "jobbert_v1/jobbert_v1_titles.test.csv", uri_of_label, isco_of),
    ]
    if args.jobbert_validation:
        sets.append(load_jobbert(GOLD / "jobbert_v1/jobbert_v1_titles.csv", uri_of_label, isco_of))

    def ours(title: str, lang: str) -> list[tuple[str, str]]:
        return [(c.uri, c.isco) for c in coder.code(title, lang=lang, top=5).candidates]

    def baseline(title: str, lang: str) -> list[tuple[str, str]]:
        from rapidfuzz import fuzz, process, utils

        ranked: list[tuple[str, str]] = []
        for _, _, i in process.extract(
            title, all_labels, scorer=fuzz.WRatio, processor=utils.default_process, limit=60
        ):
            uri = label_uri[i]
            if all(uri != u for u, _ in ranked):
                ranked.append((uri, isco_of[uri]))
            if len(ranked) == 5:
                break
        return ranked

    from skilltool import textnorm

    cbs = cbs_titles()
    print("skilltool occupation coding benchmark")
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores; "
        f"index: {n_occ} occupations, {n_labels} labels"
    )
    print(f"load: cold build {cold:.2f} s, warm (cached index) {warm:.3f} s")
    print(f"embedding opinion (skilltool[embed]): {embed_note}")
    rr = coder._table.reranker
    print(
        "learned re-ranker of flagged non-exact titles (data/coding_reranker.yaml): "
        + (f"on, n-gram list {rr.pool} at cosine >= {rr.floor}" if rr else "absent: the score fusion")
    )
    print()
    for gold in [] if args.speed else sets:
        print(f"== {gold.name} ({gold.lang}): {gold.notes}")
        start, used = time.perf_counter(), embed_used()
        s = score(ours, gold, gold.items)
        took = time.perf_counter() - start
        print(f"  skilltool  full set   {fmt(s)}   [{len(gold.items) / took:,.0f} titles/s]")
        print(f"             embedding opinion used on {embed_used() - used:,} titles")
        if embed_used() > used:  # the same set without it, to compare
            weight, embedding_scorer.WEIGHT = embedding_scorer.WEIGHT, 0.0
            without = score(ranker_of(OccupationCoder.from_reference(warm_ref)), gold, gold.items)
            embedding_scorer.WEIGHT = weight
            print(f"  without the embedding opinion: {fmt(without)}")
        print(f"             {review_split(coder, gold)}")
        if gold.name == "nld_q_nl_c_nl" and cbs:
            for name, part in (
                ("in the CBS index", [i for i in gold.items if textnorm.clean(i.title) in cbs]),
                ("absent from it", [i for i in gold.items if textnorm.clean(i.title) not in cbs]),
            ):
                print(f"  titles {name} ({len(part)}): {fmt(score(ours, gold, part))}")
                print(f"             {review_split(coder, gold, part)}")
        if args.misses:
            shown = 0
            for item in gold.items:
                got = ours(item.title, gold.lang)
                if item.isco and (not got or got[0][1] != item.isco):
                    print(f"    miss: {item.title!r} want {item.isco} got {got[:1]}")
                    shown += 1
                    if shown >= args.misses:
                        break
    print()
    titles = {item.title for gold in sets for item in gold.items}
    distinct = sorted(titles)
    fresh = OccupationCoder.from_reference(warm_ref, deep=args.deep)
    start = time.perf_counter()
    fresh.preload()  # loading the second opinion and the batch arrays is load time, not coding
    preload = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    for title in distinct:
        fresh.code(title, lang="nl")
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"load average: {os.getloadavg()[0]:.2f} (other processes share the 2 cores)")
    if args.deep:
        print(f"embedding opinion used on {fresh.embedding.used if fresh.embedding else 0:,} of these titles")
    print(
        f"core speed, {len(distinct):,} distinct titles of the sets above, one process, a fresh coder each "
        f"(no memo hits; wall is below CPU when other processes share the cores; the second opinion "
        f"and the batch arrays loaded beforehand, {preload:.2f} s):"
    )
    print(
        f"  one title at a time (`code`): {len(distinct) / cpu:,.0f} titles per CPU second, "
        f"{len(distinct) / took:,.0f}/s wall ({took:.2f} s)"
    )
    batched = OccupationCoder.from_reference(warm_ref, deep=args.deep)
    batched.preload()
    start, cpu = time.perf_counter(), time.process_time()
    for i in range(0, len(distinct), BATCH):
        batched.code_many(distinct[i : i + BATCH], lang="nl")
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"  the whole stream in batches of {BATCH} (`code_many`, the core's batch API; the CLI stdin "
        f"path and the file job use it): {len(distinct) / cpu:,.0f} titles per CPU second, "
        f"{len(distinct) / took:,.0f}/s wall ({took:.2f} s)  <- the issue's 'distinct titles/s, core, "
        "whole stream, one process'"
    )
    rng = random.Random(7)
    weights = [1.0 / (rank + 1) for rank in range(len(distinct))]
    shuffled = distinct[:]
    rng.shuffle(shuffled)
    stream = rng.choices(shuffled, weights=weights, k=100_000)
    stream_coder = OccupationCoder.from_reference(warm_ref, deep=args.deep)
    start = time.perf_counter()
    for title in stream:
        stream_coder.code(title, lang="nl")
    took = time.perf_counter() - start
    print(
        f"throughput, stream of 100,000 with repeats (Zipf, {len(set(stream)):,} distinct): "
        f"{len(stream) / took:,.0f} titles/s"
    )
    stream_coder = OccupationCoder.from_reference(warm_ref, deep=args.deep)
    start = time.perf_counter()
    for i in range(0, len(stream), BATCH):
        stream_coder.code_many(stream[i : i + BATCH], lang="nl")
    took = time.perf_counter() - start
    print(f"the same stream in batches of {BATCH} (`code_many`): {len(stream) / took:,.0f} titles/s")
    jobbert_test = next(g for g in sets if g.name.endswith(".test.csv"))
    bulk_titles = list(dict.fromkeys(item.title.replace("\n", " ") for item in jobbert_test.items))
    for workers, how in ((None, f"default: {os.cpu_count()} worker processes"), (1, "--workers 1")):
        rate, startup, lines, per_cpu = cli_bulk(env, bulk_titles, "en", workers)
        print(
            f"CLI bulk path (`occupation code --json --top 5` on stdin, {how}, {len(bulk_titles):,} "
            f"distinct JobBERT test titles, {lines:,} JSON lines): {rate:,.0f} titles/s wall, "
            f"{per_cpu:,.0f} per CPU second, after start-up ({startup:.2f} s)"
        )
    print(f"peak RSS of this benchmark process so far (gold sets, ESCO models, coder): {peak_mib():.0f} MiB")
    first = coder_peak_mib(env)  # builds the index if the cache is not warm yet
    print(
        f"peak RSS of a process that loads the cached coder and codes 2,000 titles: "
        f"{coder_peak_mib(env):.0f} MiB (first run: {first:.0f} MiB)"
    )
    if args.deep:
        print(
            "the same with --deep and 2,000 flagged English titles (the embedding opinion loaded): "
            f"{coder_peak_mib(env, 'helper in our bakery shop', 'en', deep=True):.0f} MiB"
        )
    if args.speed:
        cache.cleanup()
        return
    print()
    print(
        f"== naive baseline: rapidfuzz WRatio over all {len(all_labels):,} labels, "
        f"on a random sample of {sample_n} titles per set (seed 1), skilltool on the same sample"
    )
    rng = random.Random(1)
    for gold in sets:
        sample = rng.sample(gold.items, min(sample_n, len(gold.items)))
        start = time.perf_counter()
        b = score(baseline, gold, sample)
        took = time.perf_counter() - start
        print(f"  {gold.name}")
        print(f"    baseline   {fmt(b)}   [{len(sample) / took:,.1f} titles/s]")
        print(f"    skilltool  {fmt(score(ours, gold, sample))}")
    print(f"peak RSS with baseline: {peak_mib():.0f} MiB")
    print()
    if not args.quick:
        print(f"`skilltool occupation code lasser`, warm, median of 5: {cli_wall(env):.3f} s wall")
    gold_titles = set()
    for path in [*(GOLD / "melo").glob("*/queries.tsv")]:
        gold_titles |= {line.split("\t", 1)[1].strip().lower() for line in path.open(encoding="utf-8")}
    for path in (GOLD / "jobbert_v1").glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as fh:
            gold_titles |= {row["text"].strip().lower() for row in csv.DictReader(fh)}
    hits, words = gold_titles_in_code(gold_titles)
    print(f"gold-set titles found as string literals in the coder or as aliases: {len(hits)}")
    for hit in hits:
        print(f"  {hit}")
    print(f"single words of the word lists (stopwords, places, workers) equal to a gold title: {words}")
    cache.cleanup()


if __name__ == "__main__":
    main()
