"""How the second opinion fills a flagged title's list: a fusion grid and the candidates' ceiling.

Captures, once per title of a gold set, what the coder has before the fusion (the lexical list
after its rules, the review flag, whether the second opinion is asked, the label search's 20
hits) and the n-gram ranking to depth 50, then replays the fusion
(``OccupationCoder._second_opinion`` and ``occupation_rules.specialisations``) with other
settings, without coding again. With the coder's own settings the replay gives the coder's
answers (checked: ``--check``).

Also prints the ceiling of what a fusion of these lists can reach: the share of titles whose gold
ISCO-08 unit group is anywhere among the lexical hits and the n-gram ranking's first 5/20/50.

The learned re-ranker (``coding_rerank``) is replayed from its weight files (``--weights``, written
by ``scripts/train_coding_reranker.py``), also blended with the score fusion (``--blend``).

Tune on the tuning halves only (``--sets tune``: the JobBERT validation half, the MELO Dutch titles
present in CBS's index); read the test halves once (``--sets test``).

Run: .venv/bin/python bench/coding_fusion.py --sets tune --grid
     .venv/bin/python bench/coding_fusion.py --sets tune --weights data/coding_reranker.yaml --evidence
     .venv/bin/python bench/coding_fusion.py --sets tune --weights /tmp/w.yaml --blend 0.05 0.1
"""

from __future__ import annotations

import argparse
import itertools
import pickle
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from coding import GOLD, REPO, GoldSet, Item, cbs_titles, load_jobbert, load_melo
from skilltool import coding_rerank, textnorm
from skilltool import coding_weights as cw
from skilltool import occupation_rules as rules
from skilltool.coding_support import context_from, prepare
from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData

DEPTH = 50


@dataclass
class Captured:
    gold: str  # ISCO-4
    hits: list[tuple[int, float, int]]  # the lexical list after its rules (before the fusion)
    found: list[int]  # the label search's hits (concepts)
    flagged: bool
    second: bool
    ngram: list[tuple[int, float]]  # the n-gram ranking, depth DEPTH, no floor
    words: list[str]
    coded: list[str]  # the coder's own ISCO codes, first five
    resolved: list[tuple[int, float, int]]  # the label search's hits, groups resolved (re-ranker)
    lang: str


def capture(coder: OccupationCoder, gold: GoldSet, items: list[Item]) -> list[Captured]:
    out = []
    ix = coder._table.index
    ng = coder.ngrams
    assert ng is not None
    for item in items:
        if not item.isco:
            continue
        _, words, _ = prepare(item.title)
        if not words:
            out.append(Captured(item.isco, [], [], True, False, [], [], [], [], gold.lang))
            continue
        normalized = textnorm.normalize(item.title)
        context = context_from(normalized, words)
        found = ix.search(words, lang=gold.lang, limit=cw.POOL + cw.GROUP_EXTRA, context_from=context)
        lex = coder._lexical(words, found, lang=gold.lang, top=5)
        ngram = ng.rank(words, DEPTH, floor=0.0) if lex.flagged else []
        coded = [c.isco for c in coder.code(item.title, lang=gold.lang, top=5).candidates]
        out.append(
            Captured(
                item.isco,
                lex.hits,
                [c for c, _, _ in found],
                lex.flagged,
                lex.second,
                ngram,
                words,
                coded,
                lex.found,
                gold.lang,
            )
        )
    return out


def replay(coder: OccupationCoder, cap: Captured, s: dict[str, Any]) -> list[str]:
    """The first five ISCO codes with setting ``s``: ``mode`` "score" (``occupation_rules.combine``:
    keys w, absent, keep, pool, floor) or "rrf" (``occupation_rules.fuse``: keys k, w, keep, pool,
    floor, spread, keep_above: the lead kept only when it scored at least this)."""
    t = coder._table
    hits = cap.hits
    second = cap.second
    if "below" in s:  # another NGRAM_BELOW: which flagged titles are asked
        second = cap.flagged and (not hits or not s["below"] <= hits[0][1] < cw.REVIEW_EXACT)
    if second and s["w"] > 0:
        # the coder keeps a leading group concept (``groups``; before: a broader one only)
        # (``groups``: one that matched well, ``NGRAM_BELOW`` or more, as ``occupation_rules.keeps_lead``)
        group = bool(hits) and hits[0][0] >= t.n_occ
        broad = group and (len(t.iscos[hits[0][0]]) < 4 or (s["groups"] and hits[0][1] >= cw.NGRAM_BELOW))
        keep = bool(hits) and s["keep"] and hits[0][1] >= s.get("keep_above", 0.0)
        lead = hits[:1] if hits and (keep or broad) else []
        rest = hits[len(lead) :]
        shown: dict[int, tuple[float, int]] = {c: (score, lid) for c, score, lid in rest}
        mode, floor, pool = s["mode"], s["floor"], s["pool"]
        if mode == "learned" and hits and hits[0][1] >= s.get("learned_below", 1000.0):
            # an exact but contested title keeps the score fusion, with its n-gram list
            mode, floor, pool = "score", BASE["floor"], BASE["pool"]
        ngram = [(c, v) for c, v in cap.ngram if v >= floor][:pool]
        for c, cosine in ngram:
            shown.setdefault(c, (100.0 * cosine, -1))
        if mode == "learned" and s.get("blend"):  # the blend replay orders the hits too
            for c, value, lid in cap.resolved:
                shown.setdefault(c, (value, lid))
        taken = [t.iscos[c] for c, _, _ in lead]
        if s.get("groupcos"):  # a group concept is as similar as its most similar occupation
            best: dict[str, float] = {}
            for c, cosine in ngram:
                best.setdefault(t.iscos[c], cosine)
            ngram = ngram + [(c, best[t.iscos[c]]) for c, _, _ in rest if c >= t.n_occ and t.iscos[c] in best]
        if mode == "learned":
            concepts, rows = coding_rerank.features(
                [(c, score) for c, score, _ in rest],
                cap.resolved,
                ngram,
                iscos=t.iscos,
                n_occ=t.n_occ,
                index=t.index,
                unit_sizes=unit_sizes(coder),
                lang=cap.lang,
                words=len(cap.words),
            )
            weights = s["weights"]
            if s.get("blend"):  # the fusion's own score plus blend x the learned score
                lam = s["blend"]
                base = [
                    (r[0] if r[1] else s["absent"] / 100.0)
                    + s["w"] * r[4]
                    + lam * sum(a * b for a, b in zip(weights, r, strict=True))
                    for r in rows
                ]
                ranked = sorted(range(len(concepts)), key=lambda i: -base[i])
                order = rules.spread([concepts[i] for i in ranked], t.iscos, taken)
            else:  # the coder's own path (``coding_rerank.scores``): the same order, faster
                static = _STATICS.get(id(weights))
                if static is None:
                    static = _STATICS[id(weights)] = coding_rerank.statics(
                        weights, t.iscos, t.n_occ, t.index.concept_prior
                    )
                learned = coding_rerank.scores(
                    [(c, value) for c, value, _ in rest],
                    cap.resolved,
                    ngram,
                    weights=weights,
                    static=static,
                    labels={},
                    index=t.index,
                    n_occ=t.n_occ,
                    lang=cap.lang,
                    iscos=t.iscos,
                    words=len(cap.words),
                )
                skill_weight = s.get("skills", cw.SKILL_WEIGHT)  # the skills' evidence (English titles)
                words_weight = s.get("group_words", cw.GROUP_WORDS_WEIGHT)  # the group's own words
                if (skill_weight or words_weight) and cap.lang == "en" and coder.skills is not None:
                    coding_rerank.add_skills(
                        learned,
                        coder.skills,
                        cap.words,
                        iscos=t.iscos,
                        n_occ=t.n_occ,
                        weight=skill_weight,
                        words_weight=words_weight,
                        support=s.get("support", cw.GROUP_SUPPORT),
                    )
                ranked = sorted(learned, key=learned.__getitem__, reverse=True)
                order = rules.spread(ranked, t.iscos, taken)
        elif mode == "score":
            order = rules.combine(
                [(c, score) for c, score, _ in rest],
                ngram,
                t.iscos,
                weight=s["w"],
                absent=s["absent"],
                taken=taken,
            )
        else:
            order = rules.fuse([([c for c, _, _ in rest], 1.0), ([c for c, _ in ngram], s["w"])], k=s["k"])
            if s.get("spread"):
                order = rules.spread(order, t.iscos, taken)
        hits = lead + [(c, *shown[c]) for c in order[: 5 - len(lead)]]
    if hits and hits[0][0] >= t.n_occ:
        assert coder.ngrams is not None
        hits = rules.specialisations(t, coder._members, coder.ngrams, cap.words, hits, top=5)
    return [t.iscos[c] for c, _, _ in hits[:5]]


_UNITS: dict[int, dict[str, int]] = {}
_STATICS: dict[int, list[float]] = {}


def unit_sizes(coder: OccupationCoder) -> dict[str, int]:
    """Occupations per ISCO-08 unit group (the re-ranker's ``unit_size``)."""
    got = _UNITS.get(id(coder))
    if got is None:
        got = _UNITS[id(coder)] = coding_rerank.unit_sizes(coder._table.iscos, coder._table.n_occ)
    return got


def measure(coder: OccupationCoder, caps: list[Captured], s: dict[str, Any]) -> tuple[float, float]:
    one = five = 0
    for cap in caps:
        codes = replay(coder, cap, s)
        one += bool(codes) and codes[0] == cap.gold
        five += cap.gold in codes
    n = max(len(caps), 1)
    return one / n, five / n


def ceiling(coder: OccupationCoder, caps: list[Captured]) -> str:
    t = coder._table
    flagged = [c for c in caps if c.flagged]
    parts = [f"flagged {len(flagged)}/{len(caps)}"]
    lex = sum(c.gold in {t.iscos[x] for x in c.found} | {t.iscos[h[0]] for h in c.hits} for c in flagged)
    parts.append(f"gold in lexical hits (20) {lex / max(len(flagged), 1):.3f}")
    for depth in (5, 20, 50):
        ng = sum(c.gold in {t.iscos[x] for x, _ in c.ngram[:depth]} for c in flagged)
        both = sum(
            c.gold
            in {t.iscos[x] for x in c.found}
            | {t.iscos[h[0]] for h in c.hits}
            | {t.iscos[x] for x, _ in c.ngram[:depth]}
            for c in flagged
        )
        parts.append(
            f"n-gram@{depth} {ng / max(len(flagged), 1):.3f}, either {both / max(len(flagged), 1):.3f}"
        )
    return "; ".join(parts) + " (of flagged titles)"


BASE = {
    "mode": "score",
    "w": cw.NGRAM_WEIGHT,
    "absent": cw.FUSE_ABSENT,
    "keep": cw.FUSE_KEEP_FIRST,
    "pool": cw.NGRAM_POOL,
    "floor": cw.NGRAM_MIN,
    "groups": True,
}
"""The score fusion (``--check`` compares the coder with it when the data has no re-ranker;
with ``data/coding_reranker.yaml``, with the re-ranker's setting)."""
OLD = {"mode": "rrf", "k": 10.0, "w": 1.0, "keep": True, "pool": 20, "floor": 0.1, "groups": False}
"""The setting before #12's fifth accuracy round: reciprocal ranks, the lexical first candidate kept."""


def learned(path: Path) -> dict[str, Any]:
    """The setting of a re-ranker weights file (``scripts/train_coding_reranker.py``)."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    meta = doc["meta"]
    return {
        **BASE,
        "mode": "learned",
        "weights": doc["weights"],
        "file": path.name,
        "learned_below": meta["applies_below"],
        "pool": meta["ngram_pool"],
        "floor": meta["ngram_floor"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sets", choices=("tune", "test"), default="tune")
    parser.add_argument("--grid", action="store_true", help="the fusion grid (else the base setting)")
    parser.add_argument(
        "--weights",
        type=Path,
        nargs="*",
        default=[],
        help="re-ranker weight files (scripts/train_coding_reranker.py) to replay as well",
    )
    parser.add_argument(
        "--blend", type=float, nargs="*", default=[], help="also the fusion's score plus this x the learned"
    )
    parser.add_argument(
        "--evidence",
        action="store_true",
        help="with --weights: the English evidence's group-words weight and group support varied",
    )
    parser.add_argument("--captures", type=Path, help="keep / reuse the captured lists here (pickle)")
    parser.add_argument(
        "--check", action="store_true", help="the replay of the base gives the coder's answers"
    )
    args = parser.parse_args()
    ref = ReferenceData(REPO / "data")
    coder = OccupationCoder.from_reference(ref)
    isco_of = {o.uri: o.isco for o in ref.occupations.occupations}
    uri_of_label: dict[str, str] = {}
    for o in ref.occupations.occupations:
        if o.label.en:
            uri_of_label.setdefault(o.label.en.lower(), o.uri)
    melo = load_melo(GOLD / "melo/nld_q_nl_c_nl", isco_of)
    cbs = cbs_titles()
    if args.sets == "tune":
        sets = [
            (melo, [i for i in melo.items if textnorm.clean(i.title) in cbs], "MELO in CBS's index"),
            (
                load_jobbert(GOLD / "jobbert_v1/jobbert_v1_titles.csv", uri_of_label, isco_of),
                None,
                "JobBERT validation",
            ),
        ]
    else:
        sets = [
            (
                melo,
                [i for i in melo.items if textnorm.clean(i.title) not in cbs],
                "MELO absent from CBS's index",
            ),
            (melo, None, "MELO Dutch all"),
            (load_melo(GOLD / "melo/bel_q_nl_c_nl", isco_of), None, "MELO Flemish"),
            (
                load_jobbert(GOLD / "jobbert_v1/jobbert_v1_titles.test.csv", uri_of_label, isco_of),
                None,
                "JobBERT test",
            ),
        ]
    shipped = REPO / "data" / coding_rerank.RERANKER_FILE
    captured = []
    stored = None
    if args.captures is not None and args.captures.exists():
        stored = pickle.loads(args.captures.read_bytes())
    for k, (gold, items, name) in enumerate(sets):
        if stored is not None:
            caps = stored[k][1]
        else:
            caps = capture(coder, gold, items if items is not None else gold.items)
        captured.append((name, caps))
        print(f"== {name}: {len(caps)} titles; {ceiling(coder, caps)}", flush=True)
        if args.check:
            own = learned(shipped) if shipped.exists() else BASE
            bad = sum(replay(coder, c, own) != c.coded for c in caps)
            print(f"   replay of the coder's setting differs on {bad} titles")
    if args.captures is not None and stored is None:
        args.captures.write_bytes(pickle.dumps(captured))
    grid = [OLD, BASE]
    for path in args.weights:
        grid.append(learned(path))
        grid += [{**grid[-1], "blend": lam} for lam in args.blend]
        if args.evidence:  # GROUP_WORDS_WEIGHT and GROUP_SUPPORT (the skills at SKILL_WEIGHT)
            base = grid[-1 - len(args.blend)]
            grid += [
                {**base, "group_words": words, "support": support}
                for words, support in itertools.product((0.0, 0.6, 0.8, 1.0, 1.3), (0.0, 0.03, 0.05))
            ]
    if args.grid:
        grid += [{**BASE, "groups": False}, {**BASE, "groupcos": True, "groups": False}]
        grid += [{**BASE, "below": below} for below in (60.0, 80.0, 90.0, 101.0)]
        grid += [
            {**OLD, "k": k, "w": w, "spread": True, "keep_above": keep}
            for k, w, keep in itertools.product((3.0, 5.0, 10.0), (1.0, 1.25, 1.5), (0.0, 50.0))
        ]
        grid += [
            {**BASE, "w": w, "absent": absent, "keep": keep, "pool": pool}
            for w, absent, keep, pool in itertools.product(
                (0.5, 0.75, 1.0), (10.0, 20.0, 30.0), (False, True), (20, 50)
            )
        ]
    for s in grid:
        row = "  ".join(
            f"{name.split()[0]} {one:.3f}/{five:.3f}"
            for name, caps in captured
            for one, five in [measure(coder, caps, s)]
        )
        shown = {k: v for k, v in s.items() if k != "weights"}
        print(f"{shown}: {row}", flush=True)


if __name__ == "__main__":
    main()
