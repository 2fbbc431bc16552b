"""Feasibility of an English sentence-embedding second opinion for flagged occupation titles.

Embeds ESCO occupations' English labels (preferred, alternative; hidden optional) with
all-MiniLM-L6-v2 (int8 ONNX, run on onnxruntime: the optional ``skilltool[embed]`` extra) and
measures, on the JobBERT validation half (the tuning half; ``--test`` scores the test half once
with the chosen setting):

* embedding-only ISCO-4 top-1 / top-5 (occupations ranked by the cosine to the centroid of their
  labels, to their closest label, and the mean of both, which the scorer uses);
* the coder with the embedding ranking fused into its second opinion (reciprocal ranks, as the
  n-gram second opinion), for a small grid of fusion settings;
* throughput of the embedding (titles per second, one at a time and in batches), the time to
  embed the labels and the memory of the model and the label matrix.

Run: .venv/bin/python bench/embedding_feasibility.py            (validation half, the grid)
     .venv/bin/python bench/embedding_feasibility.py --test     (also the test half, once)
Needs the gold sets in ../shared/data/gold/ and ``pip install -e '.[embed]'``.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from coding import GOLD, GoldSet, Item, gold_maps, load_jobbert  # noqa: E402


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--test", action="store_true", help="also score the test half (once)")
    parser.add_argument("--grid", action="store_true", help="the full fusion grid (slow)")
    args = parser.parse_args()

    import tempfile

    cache = tempfile.TemporaryDirectory()
    os.environ["SKILLTOOL_CACHE_DIR"] = cache.name

    from skilltool import embedding_scorer as es
    from skilltool.coding_weights import FUSE_KEEP_FIRST
    from skilltool.occupations import OccupationCoder
    from skilltool.reference import ReferenceData

    ref = ReferenceData(REPO / "data")
    isco_of, uri_of_label = gold_maps(ref)
    sets: list[GoldSet] = [load_jobbert(GOLD / "jobbert_v1/jobbert_v1_titles.csv", uri_of_label, isco_of)]
    if args.test:
        sets.append(load_jobbert(GOLD / "jobbert_v1/jobbert_v1_titles.test.csv", uri_of_label, isco_of))

    chosen = (es.WEIGHT, es.KEEP_FIRST, es.STRONG)
    rss0 = rss_mib()
    start = time.perf_counter()
    model = es.Embedder.load()
    print(f"model load {time.perf_counter() - start:.2f} s; peak RSS {rss0:.0f} -> {rss_mib():.0f} MiB")
    coder = OccupationCoder.from_reference(ref)
    table = coder._table
    start, cpu = time.perf_counter(), time.process_time()
    ix = table.index
    documents = es.english_labels(ix.label_concept, ix.label_lang, table.n_occ, ix.label_text)
    label_vecs = model.embed([text for labels in documents for text in labels])
    owner = np.array([c for c, labels in enumerate(documents) for _ in labels], dtype=np.int32)
    scorer = es.EmbeddingScorer(label_vecs, owner, table.n_occ)
    scorer._embedder = model
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"label embeddings: {len(owner)} English labels of {len(scorer.concepts)} occupations in "
        f"{took:.1f} s wall ({cpu:.1f} s CPU); label vectors {label_vecs.nbytes / 2**20:.1f} MiB, "
        f"centroids {scorer.centroids.nbytes / 2**20:.1f} MiB; peak RSS {rss_mib():.0f} MiB"
    )
    from skilltool.coding_support import prepare

    starts = scorer.starts

    def similarity(vectors: np.ndarray, how: str) -> np.ndarray:
        """(titles, occupations) similarity, in chunks (one BLAS product each)."""
        out = np.zeros((len(vectors), len(scorer.concepts)), dtype=np.float32)
        for i in range(0, len(vectors), 500):
            part = vectors[i : i + 500]
            cent = part @ scorer.centroids.T
            best = np.maximum.reduceat(part @ label_vecs.T, starts, axis=1)
            out[i : i + 500] = cent if how == "centroid" else best if how == "max" else (cent + best) / 2
        return out

    def topk(matrix: np.ndarray, k: int) -> np.ndarray:
        idx = np.argpartition(-matrix, k, axis=1)[:, :k]
        order = np.argsort(-np.take_along_axis(matrix, idx, axis=1), axis=1, kind="stable")
        return np.take_along_axis(idx, order, axis=1)

    for gold in sets:
        items = [i for i in gold.items if i.isco]
        n = len(items)
        titles = list(dict.fromkeys(i.title for i in items))
        joined = {t: " ".join(prepare(t)[1]) for t in titles}
        texts = list(dict.fromkeys(joined.values()))
        start, cpu = time.perf_counter(), time.process_time()
        vecs = model.embed(texts)
        took, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(
            f"== {gold.name}: {n} titles; embedded {len(texts)} distinct (normalised words, as the "
            f"coder does) in batches: {len(texts) / took:,.0f}/s wall, {len(texts) / cpu:,.0f}/s CPU"
        )
        one = texts[:300]
        start, cpu = time.perf_counter(), time.process_time()
        for t in one:
            scorer._titles.clear()
            scorer.rank(t, 20)
        took, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(
            f"   one title per call, embed + rank (the coder's path): "
            f"{len(one) / took:,.0f}/s wall, {len(one) / cpu:,.0f}/s CPU"
        )
        row = {t: i for i, t in enumerate(texts)}
        for how in ("centroid", "max", "mean of both"):
            top = topk(similarity(vecs, how), 5)
            t1 = t5 = 0
            for item in items:
                codes = [table.iscos[int(scorer.concepts[j])] for j in top[row[joined[item.title]]]]
                t1 += codes[0] == item.isco
                t5 += item.isco in codes
            print(
                f"   embedding only, occupation = {how} of its labels: top-1 {t1 / n:.3f} top-5 {t5 / n:.3f}"
            )
        t1 = t5 = 0
        for item in items:
            codes = [table.iscos[c] for c, _ in scorer.rank_vector(vecs[row[joined[item.title]]], 5)]
            t1 += codes[0] == item.isco
            t5 += item.isco in codes
        print(
            f"   embedding only, mean of both, shortlist (the coder's): top-1 {t1 / n:.3f} top-5 {t5 / n:.3f}"
        )
        raw = model.embed(titles)
        top = topk(similarity(raw, "mean of both"), 5)
        t1 = sum(table.iscos[int(scorer.concepts[top[i, 0]])] == it.isco for i, it in enumerate(items))
        t5 = sum(
            it.isco in {table.iscos[int(scorer.concepts[j])] for j in top[i]} for i, it in enumerate(items)
        )
        print(
            f"   embedding only, mean of both, the raw title embedded: top-1 {t1 / n:.3f} top-5 {t5 / n:.3f}"
        )
        scorer.prime(texts, vecs)  # the grid runs at coder speed

        def run(
            label: str, *, weight: float, keep_first: bool, strong: bool, items: list[Item] = items
        ) -> None:
            fused = OccupationCoder.from_reference(ref, deep=True)
            fused._embedding = scorer
            es.WEIGHT, es.KEEP_FIRST, es.STRONG = weight, keep_first, strong
            scorer.used = 0
            t1 = t5 = 0
            for item in items:
                result = fused.code(item.title, lang="en", top=5)
                codes = [c.isco for c in result.candidates]
                t1 += bool(codes) and codes[0] == item.isco
                t5 += item.isco in codes
            print(
                f"   {label:<44} top-1 {t1 / len(items):.3f} top-5 {t5 / len(items):.3f}  "
                f"(embedding used on {scorer.used} titles)"
            )

        run("coder as is (no embedding)", weight=0.0, keep_first=FUSE_KEEP_FIRST, strong=False)
        grid = (
            [(2.0, True, True)] + [(w, False, s) for w in (1.0, 1.5, 2.0, 3.0, 5.0) for s in (False, True)]
            if args.grid and gold is sets[0]
            else [(chosen[0], chosen[1], chosen[2])]
        )
        for w, k, s in grid:
            run(f"fused w={w} keep_first={k} strong_too={s}", weight=w, keep_first=k, strong=s)
    print(f"peak RSS {rss_mib():.0f} MiB; load average {os.getloadavg()[0]:.1f}")
    cache.cleanup()


if __name__ == "__main__":
    main()
