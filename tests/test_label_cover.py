"""Pass 2's coverage (``label_cover``) gives the plain loop's floats, bit for bit, for one, two and
more query terms (its shortcuts for one and two terms are a speed change only)."""

from __future__ import annotations

import random

import pytest

from skilltool.label_cover import coverage
from skilltool.label_index import _Term

Cover = list[tuple[float, float]]


def _plain(
    terms: list[_Term], weights_q: list[float], labels: list[int], tokens: list[list[int]], idf: list[float]
) -> Cover:
    qmap: dict[int, list[tuple[int, float]]] = {}
    for pos, term in enumerate(terms):
        for tid, strength in term.expansions:
            qmap.setdefault(tid, []).append((pos, strength))
    out = []
    for lid in labels:
        best_pos: dict[int, float] = {}
        matched_label = 0.0
        for tid in tokens[lid]:
            hits = qmap.get(tid)
            if hits is None:
                continue
            top = 0.0
            for pos, strength in hits:
                if strength > best_pos.get(pos, 0.0):
                    best_pos[pos] = strength
                top = max(top, strength)
            matched_label += idf[tid] * top
        matched_query = 0.0
        for pos, strength in best_pos.items():
            matched_query += weights_q[pos] * strength
        out.append((matched_query, matched_label))
    return out


@pytest.mark.parametrize("n_terms", [1, 2, 3, 5])
def test_coverage_is_the_plain_loop(n_terms: int) -> None:
    rng = random.Random(n_terms)
    words = 40
    idf = [rng.uniform(0.1, 9.0) for _ in range(words)]
    tokens = [rng.sample(range(words), rng.randint(1, 5)) for _ in range(300)]
    strengths = (1.0, 0.9, 0.85, 0.7, 1 / 3, 0.0)  # ties and a zero strength on purpose
    for _ in range(200):
        terms = [
            _Term(
                rng.uniform(0.5, 8.0),
                [(rng.randrange(words), rng.choice(strengths)) for _ in range(rng.randint(0, 8))],
                1,
            )
            for _ in range(n_terms)
        ]
        weights_q = [term.weight * rng.choice((1.0, 0.5)) for term in terms]
        labels = rng.sample(range(len(tokens)), 60)
        assert coverage(terms, weights_q, labels, tokens, idf) == _plain(
            terms, weights_q, labels, tokens, idf
        )
