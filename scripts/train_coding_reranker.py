"""Train the learned re-ranker of flagged occupation titles (``skilltool.coding_rerank``) on the
source taxonomies' own labels, and write its weights to ``data/coding_reranker.yaml``.

Training queries, only from the source data (never a gold set): every Dutch and English ESCO
alternative label of an occupation (its unit group is the answer) and every title of CBS's Dutch
title index (its unit group is the answer). The queries are split into ``FOLDS`` folds by a hash
of their text; each fold is coded against an index (and an n-gram second opinion) built without
that fold's labels, so a query never finds itself and the model cannot learn "an exact match
wins": it learns how to order the candidates of a title that ESCO does not spell. Only queries the
coder would flag and send to the second opinion are kept, as at run time, and only those whose
candidates hold the answer and something else (the others carry no ordering to learn).

The model: a linear score over ``coding_rerank.FEATURES``, trained with a listwise softmax loss
(the answer's candidates against the rest of the title's candidates), L2-regularised, by full-batch
gradient descent with numpy; the features are standardised while training and the weights written
back on the raw features.

Run: .venv/bin/python scripts/train_coding_reranker.py [--cache /tmp/rerank.npz] [--l2 0.01]
(a few minutes on one core; ``--cache`` keeps the features for a rerun with another ``--l2``).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
import zlib
from pathlib import Path

import numpy as np
import yaml

from skilltool import coding_rerank, textnorm
from skilltool import coding_weights as cw
from skilltool.coding_support import context_from, prepare
from skilltool.occupation_build import build_occupation_table
from skilltool.occupation_data import load_cbs_titles
from skilltool.occupation_rules import keeps_lead
from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData

REPO = Path(__file__).resolve().parents[1]
OUT = "coding_reranker.yaml"
FOLDS = 5
LEFT_OUT = ("support_found", "support_cosine")
"""Left out by default: with them the tuning halves gained 0.002 more at top-1 (JobBERT
validation), but the coder's re-ranking took twice as long (their pass over every hit)."""


def say(line: str) -> None:
    """A progress line on stderr."""
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def queries(ref: ReferenceData) -> list[tuple[int, str, str, str, str]]:
    """(concept, text, language, unit group, source) for every training query, deduplicated."""
    occupations = ref.occupations.occupations
    groups = ref.occupations.isco_groups
    n = len(occupations)
    out: dict[tuple[int, str], tuple[int, str, str, str, str]] = {}
    for i, occ in enumerate(occupations):
        if len(occ.isco) != 4:
            continue
        for lang in ("nl", "en"):
            for alt in getattr(occ.alt, lang):
                out.setdefault((i, alt.casefold()), (i, alt, lang, occ.isco, f"esco_alt_{lang}"))
    group_of = {g.code: n + k for k, g in enumerate(groups)}
    for code, titles in load_cbs_titles(ref).items():
        if code in group_of and len(code) == 4:
            for title in titles:
                out.setdefault((group_of[code], title.casefold()), (group_of[code], title, "nl", code, "cbs"))
    return list(out.values())


def collect(
    ref: ReferenceData, limit: int | None, seed: int, pool: int, floor: float
) -> dict[str, np.ndarray]:
    """The feature rows of every kept query's candidates, with labels and query ids."""
    items = queries(ref)
    if limit is not None and limit < len(items):
        items = random.Random(seed).sample(items, limit)  # noqa: S311 (a reproducible sample, not a secret)
    folds: list[list[tuple[int, str, str, str, str]]] = [[] for _ in range(FOLDS)]
    for item in items:
        folds[zlib.crc32(textnorm.clean(item[1]).encode()) % FOLDS].append(item)
    xs: list[list[float]] = []
    ys: list[float] = []
    qs: list[int] = []
    langs: list[bool] = []  # per row: the title is English
    tops: list[float] = []  # per row: the title's best lexical score (exact titles are not re-ranked)
    sources: dict[str, int] = {}
    qid = 0
    for f, fold in enumerate(folds):
        started = time.process_time()
        # every query of the fold, and the same text of the same concept in another language, is out
        hold_out = frozenset((c, text.casefold()) for c, text, _, _, _ in fold)
        table = build_occupation_table(ref, hold_out=hold_out)
        coder = OccupationCoder(table)
        ngrams = coder.ngrams
        assert ngrams is not None
        ix = table.index
        units = coding_rerank.unit_sizes(table.iscos, table.n_occ)
        kept = 0
        for _, text, lang, gold, source in fold:
            normalized, words, _ = prepare(text)
            if not words:
                continue
            found = ix.search(
                words, lang=lang, limit=cw.POOL + cw.GROUP_EXTRA, context_from=context_from(normalized, words)
            )
            lex = coder._lexical(words, found, lang=lang, top=5)
            if not lex.second:
                continue
            hits = lex.hits
            lead = hits[:1] if keeps_lead(hits, table.iscos, table.n_occ, deep_keep=None) else []
            rest = [(c, s) for c, s, _ in hits[len(lead) :]]
            ranked = ngrams.rank(words, pool, floor=floor)
            concepts, rows = coding_rerank.features(
                rest,
                lex.found,
                ranked,
                iscos=table.iscos,
                n_occ=table.n_occ,
                index=ix,
                unit_sizes=units,
                lang=lang,
                words=len(words),
            )
            labels = [float(table.iscos[c] == gold) for c in concepts]
            if not 0 < sum(labels) < len(labels):
                continue
            xs.extend(rows)
            ys.extend(labels)
            qs.extend([qid] * len(rows))
            tops.extend([hits[0][1] if hits else 0.0] * len(rows))
            langs.extend([lang == "en"] * len(rows))
            qid += 1
            kept += 1
            sources[source] = sources.get(source, 0) + 1
        say(
            f"fold {f + 1}/{FOLDS}: {len(fold)} queries, {kept} kept, "
            f"{time.process_time() - started:.0f} s CPU"
        )
    return {
        "x": np.asarray(xs, dtype=np.float64),
        "y": np.asarray(ys, dtype=np.float64),
        "q": np.asarray(qs, dtype=np.int64),
        "top": np.asarray(tops, dtype=np.float64),
        "english": np.asarray(langs, dtype=bool),
        "sources": np.asarray(sorted(sources.items()), dtype=object),
        "asked": np.asarray(len(items)),
    }


def train(x: np.ndarray, y: np.ndarray, q: np.ndarray, *, l2: float, steps: int = 400) -> np.ndarray:
    """Weights on the raw features minimising the mean listwise softmax loss per query
    (-log of the answer's candidates' share of exp(score)) plus ``l2`` x |w|^2 (standardised)."""
    mean = x.mean(axis=0)
    std = x.std(axis=0)
    std[std == 0] = 1.0
    z = (x - mean) / std
    n_q = int(q.max()) + 1
    starts = np.flatnonzero(np.r_[True, q[1:] != q[:-1]])  # a query's rows are contiguous
    w = np.zeros(z.shape[1])
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    lr, b1, b2 = 0.05, 0.9, 0.999
    for t in range(1, steps + 1):
        s = z @ w
        top = np.maximum.reduceat(s, starts)
        e = np.exp(s - top[q])
        all_sum = np.bincount(q, weights=e, minlength=n_q)
        pos_sum = np.bincount(q, weights=e * y, minlength=n_q)
        # d loss / d s: softmax over all minus softmax over the answer's candidates
        grad_s = e / all_sum[q] - y * e / np.maximum(pos_sum[q], 1e-300)
        g = z.T @ grad_s / n_q + 2 * l2 * w
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        w -= lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + 1e-8)
        if t == steps or t % 100 == 0:
            loss = float(np.mean(np.log(all_sum) - np.log(np.maximum(pos_sum, 1e-300)))) + l2 * float(w @ w)
            say(f"step {t}: loss {loss:.4f}")
    raw: np.ndarray = w / std
    return raw


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=REPO / "data")
    parser.add_argument("--cache", type=Path, help="keep / reuse the collected features here (.npz)")
    parser.add_argument("--l2", type=float, default=0.001)
    parser.add_argument(
        "--below",
        type=float,
        default=cw.REVIEW_EXACT,
        help="train on the titles whose best lexical score is under this (the re-ranker's titles)",
    )
    parser.add_argument("--pool", type=int, default=cw.NGRAM_POOL, help="the n-gram list's length")
    parser.add_argument("--floor", type=float, default=cw.NGRAM_MIN, help="the n-gram list's cosine floor")
    parser.add_argument(
        "--blend",
        type=float,
        default=0.05,
        help="the score fusion's score plus this x the learned score",
    )
    parser.add_argument("--lang", choices=("nl", "en"), help="train on the titles of one language only")
    parser.add_argument(
        "--drop",
        nargs="*",
        default=list(LEFT_OUT),
        choices=coding_rerank.FEATURES,
        help="features left out (weight 0)",
    )
    parser.add_argument("--limit", type=int, help="at most this many queries (a random sample)")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--out", type=Path, help=f"the weights file (default: DATA/{OUT})")
    args = parser.parse_args()
    ref = ReferenceData(args.data)
    if args.cache is not None and args.cache.exists():
        got = dict(np.load(args.cache, allow_pickle=True))
    else:
        got = collect(ref, args.limit, args.seed, args.pool, args.floor)
        if args.cache is not None:
            np.savez(args.cache, **got)
    for name in args.drop:  # a feature left out: its column zeroed, so its weight stays 0
        got["x"][:, coding_rerank.FEATURES.index(name)] = 0.0
    keep = got["top"] < args.below
    if args.lang is not None:
        keep &= got["english"] == (args.lang == "en")
    x, y = got["x"][keep], got["y"][keep]
    q = np.unique(got["q"][keep], return_inverse=True)[1]
    learned = train(x, y, q, l2=args.l2)
    # the score fusion's own score (occupation_rules.combine: lexical / 100, FUSE_ABSENT / 100 when
    # the lexical list lacks it, + NGRAM_WEIGHT x cosine) plus ``blend`` x the learned score: one
    # linear score, so the run time has one dot product
    fusion = np.zeros(len(coding_rerank.FEATURES))
    names = list(coding_rerank.FEATURES)
    fusion[names.index("lexical")] = 1.0
    fusion[names.index("in_lexical")] = -cw.FUSE_ABSENT / 100.0
    fusion[names.index("cosine")] = cw.NGRAM_WEIGHT
    weights = fusion + args.blend * learned
    sources = {str(k): int(v) for k, v in got["sources"]}
    digest = {
        name: hashlib.sha256(ref.path(name).read_bytes()).hexdigest()
        for name in ("occupations.yaml", "cbs_title_index.yaml", "occupation_aliases.yaml")
        if ref.path(name).exists()
    }
    doc = {
        "meta": {
            "generated_by": "scripts/train_coding_reranker.py",
            "source": (
                "ESCO v1.1.1 alternative labels (Dutch and English) and CBS's Dutch title index "
                "(CBS, Beroepenclassificatie BRC 2014, editie 2025) as queries; no gold set"
            ),
            "method": (
                f"{FOLDS}-fold: each fold's labels held out of the index and the n-gram scorer it is "
                "coded against; only flagged titles sent to the second opinion, whose candidates hold "
                f"the answer's unit group and another; linear listwise softmax loss, L2 {args.l2} on "
                f"standardised features, {int(got['asked'])} queries asked; written as the score "
                f"fusion's weights plus {args.blend} x the learned ones (blend chosen on the tuning "
                "halves: JobBERT validation, MELO titles in CBS's index)"
            ),
            "queries": sources,
            "trained_queries": int(q.max()) + 1 if len(q) else 0,
            "candidates": len(y),
            "applies_below": args.below,
            "ngram_pool": args.pool,
            "ngram_floor": args.floor,
            "blend": args.blend,
            "left_out": list(args.drop),
            "data_sha256": digest,
        },
        "features": list(coding_rerank.FEATURES),
        "weights": [round(float(w), 6) for w in weights],
    }
    out = args.out or args.data / OUT
    header = (
        "# GENERATED by scripts/train_coding_reranker.py from ESCO's and CBS's own labels. Do not edit.\n"
    )
    out.write_text(header + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    for name, w in zip(coding_rerank.FEATURES, weights, strict=True):
        say(f"{name:>15} {w:+.4f}")
    say(f"wrote {out}")


if __name__ == "__main__":
    main()
