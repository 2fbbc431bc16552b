"""The learned re-ranker of flagged occupation titles (``coding_rerank``): its features, its order,
its weights file, and where the coder applies it, on tiny made-up concepts and the committed data."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
import yaml

from skilltool import coding_rerank
from skilltool.coding_head import opening_label
from skilltool.coding_rerank import FEATURES, Reranker, features, load, order
from skilltool.coding_weights import KIND_ALT, KIND_CBS_TITLE, KIND_HIDDEN, KIND_PREFERRED
from skilltool.errors import DataFileError
from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData

REPO_DATA = Path(__file__).resolve().parents[1] / "data"

# concepts 0-3 are occupations (0 and 1 share a unit group), 4 is the group concept 2330
ISCOS = ["2310", "2310", "2330", "2341", "2330"]
# label id -> kind and language; the index's prior per concept
INDEX = SimpleNamespace(
    label_kind=[KIND_PREFERRED, KIND_ALT, KIND_HIDDEN, KIND_CBS_TITLE],
    label_lang=["nl", "en", "nl", "nl"],
    concept_prior=[1.0, 2.0, 0.5, 0.0, 0.0],
)
UNITS = {"2310": 2, "2330": 1, "2341": 1}
F = {name: i for i, name in enumerate(FEATURES)}


def _features(words: int = 1) -> tuple[list[int], list[list[float]]]:
    return features(
        [(0, 60.0), (2, 50.0)],  # the lexical list after its rules
        [(0, 60.0, 0), (2, 50.0, 1), (4, 45.0, 3), (1, 40.0, 2)],  # the label search's hits
        [(3, 0.5), (0, 0.3), (1, 0.2)],  # the n-gram list
        iscos=ISCOS,
        n_occ=4,
        index=cast(Any, INDEX),
        unit_sizes=UNITS,
        lang="nl",
        words=words,
    )


def test_features_of_each_candidate() -> None:
    """Every candidate of the three lists gets one row, in order of first appearance, with its
    lexical score, ranks, cosine, the kind and language of its label, its group support."""
    concepts, rows = _features()
    assert concepts == [0, 2, 4, 1, 3]
    assert all(len(r) == len(FEATURES) for r in rows)
    first = dict(zip(FEATURES, rows[0], strict=True))
    assert first["lexical"] == 0.6 and first["in_lexical"] == 1.0
    assert first["found"] == 0.6 and first["found_rank"] == 1.0
    assert first["cosine"] == 0.3 and first["ngram_rank"] == 0.5 and first["in_ngram"] == 1.0
    assert first["kind_alt"] == first["kind_hidden"] == first["kind_other"] == 0.0  # a preferred label
    assert first["lang_match"] == 1.0 and first["group"] == 0.0
    assert first["names"] == 1.0 and first["unit_size"] == pytest.approx(math.log(3))
    assert first["support_found"] == pytest.approx(0.4)  # concept 1 of the same unit group
    assert first["support_cosine"] == pytest.approx(0.2)
    assert first["cosine_share"] == pytest.approx(0.6) and first["found_gap"] == 0.0
    assert first["both"] == 1.0
    second = dict(zip(FEATURES, rows[1], strict=True))
    assert second["kind_alt"] == 1.0 and second["lang_match"] == 0.0  # an English alternative label
    assert second["in_ngram"] == 0.0 and second["cosine"] == 0.0
    group = dict(zip(FEATURES, rows[2], strict=True))
    assert group["group"] == 1.0 and group["kind_other"] == 1.0 and group["in_lexical"] == 0.0
    assert group["support_found"] == pytest.approx(0.5)  # occupation 2 shares its code
    assert dict(zip(FEATURES, rows[3], strict=True))["kind_hidden"] == 1.0
    only_ngram = dict(zip(FEATURES, rows[4], strict=True))
    assert only_ngram["found"] == 0.0 and only_ngram["found_gap"] == -1.0
    assert only_ngram["ngram_rank"] == 1.0 and only_ngram["cosine_share"] == 1.0


def test_long_title_features_only_for_three_words_or_more() -> None:
    """``long_cosine`` / ``long_found`` repeat the cosine and the hits' score for a long title only."""
    _, short = _features(words=2)
    _, long = _features(words=3)
    assert short[0][F["long_cosine"]] == short[0][F["long_found"]] == 0.0
    assert long[0][F["long_cosine"]] == 0.3 and long[0][F["long_found"]] == 0.6


def test_order_is_by_the_dot_product_ties_keep_their_order() -> None:
    """The candidates go best first by weights . row; equal scores keep the given order."""
    concepts, rows = _features()
    by_cosine = [1.0 if name == "cosine" else 0.0 for name in FEATURES]
    assert order(concepts, rows, by_cosine) == [3, 0, 1, 2, 4]
    assert order(concepts, rows, [0.0] * len(FEATURES)) == concepts


def _weights_file(**change: Any) -> bytes:
    doc: dict[str, Any] = {
        "meta": {"applies_below": 99.95, "ngram_pool": 50, "ngram_floor": 0.05},
        "features": list(FEATURES),
        "weights": [0.5] * len(FEATURES),
    }
    doc.update(change)
    return yaml.safe_dump(doc).encode()


def test_load_reads_the_weights_and_where_they_apply() -> None:
    """A weights file gives its weights, the titles it applies to and the n-gram list it needs."""
    got = load(_weights_file(), "w.yaml")
    assert got == Reranker((0.5,) * len(FEATURES), 99.95, 50, 0.05)


@pytest.mark.parametrize(
    "change",
    [
        {"features": list(FEATURES)[:-1]},
        {"weights": [0.5] * (len(FEATURES) - 1)},
        {"weights": [".nan"] * len(FEATURES)},
        {"weights": ["many"] * len(FEATURES)},
        {"meta": {}},
    ],
)
def test_load_refuses_a_file_of_another_version(change: dict[str, Any]) -> None:
    """Other features, a missing or non-numeric weight, a missing setting: one ``DataFileError``
    naming the file and the script that writes it."""
    with pytest.raises(DataFileError, match=r"w\.yaml.*train_coding_reranker"):
        load(_weights_file(**change), "w.yaml")


def _coder(reranker: Reranker | None) -> OccupationCoder:
    """The committed data's coder with ``reranker`` in place of the committed weights; its n-gram
    scorer is the committed table's (the re-ranker is no input of it), as ``from_reference`` reads it."""
    table, key = _table_and_key()
    return OccupationCoder(dataclasses.replace(table, reranker=reranker), ngram_key=key + b"\0ngrams")


_TABLES: dict[str, Any] = {}


def _table_and_key() -> Any:
    """The committed data's compiled table and its cache key, as ``OccupationCoder.from_reference``
    reads them (the run's compiled cache): the n-gram scorer of a copy built anew under coverage's
    tracer cost some 3 s of CPU (tests26)."""
    from skilltool.occupation_build import load_table

    if "t" not in _TABLES:
        _TABLES["t"] = load_table(ReferenceData(REPO_DATA))
    return _TABLES["t"]


def _table() -> Any:
    return _table_and_key()[0]


def test_the_committed_weights_load_and_apply_to_non_exact_titles() -> None:
    """``data/coding_reranker.yaml`` loads with this version's features and applies below an
    exact match (an exact but contested title keeps the score fusion)."""
    from skilltool.occupation_build import build_occupation_table

    path = REPO_DATA / coding_rerank.RERANKER_FILE
    got = load(path.read_bytes(), str(path))
    assert got.below <= 100.0
    # built here, under coverage's tracer: the suite's one build of the committed table there (its
    # CBS titles and aliases reach lines of coding_cbs, occupation_build and occupation_data that
    # the tiny data do not; tests26 measured them lost when this read the compiled cache)
    assert build_occupation_table(ReferenceData(REPO_DATA)).reranker == got
    assert _table().reranker == got


def test_the_unflagged_path_does_not_change() -> None:
    """An exact, uncontested title is answered the same with and without the re-ranker (it only
    orders flagged titles)."""
    cosine_only = Reranker(tuple(1.0 if n == "cosine" else 0.0 for n in FEATURES), 99.95, 20, 0.1)
    for title in ("lasser", "loodgieter", "timmerman"):
        plain = _coder(None).code(title)
        assert not plain.needs_review
        assert _coder(cosine_only).code(title) == plain


def test_a_flagged_title_follows_the_weights() -> None:
    """With cosine-only weights a flagged, non-exact title's candidates (after a leading group)
    come in the n-gram list's order, spread over unit groups; without the re-ranker they do not
    have to. (The title opens with no whole label: one that does may lead instead, ``coding_head``.)"""
    cosine_only = Reranker(tuple(1.0 if n == "cosine" else 0.0 for n in FEATURES), 99.95, 20, 0.1)
    coder = _coder(cosine_only)
    title = "chocolade banket bakker"
    assert opening_label(coder._table.index, title, title) is None
    result = coder.code(title, top=5)
    assert result.needs_review
    ngrams = coder.ngrams
    assert ngrams is not None
    ranked = ngrams.rank(title.split(), 20, floor=0.1)
    seen: set[str] = set()
    expected = []
    for c, _ in ranked:
        isco = coder._table.iscos[c]
        if isco not in seen:
            expected.append(coder._table.uris[c])
            seen.add(isco)
    got = [c.uri for c in result.candidates if c.kind == "occupation"]
    assert got == expected[: len(got)]


@pytest.mark.parametrize(("words", "support"), [(1, True), (3, True), (3, False)])
def test_scores_is_the_dot_product_of_the_features(words: int, support: bool) -> None:
    """The coder's fast path (``scores``: the weights folded into each list's pass) gives every
    candidate ``weights . features`` up to one constant per title, for any weights, with and
    without the group support features (left out: their pass is skipped)."""
    weights = [((7 * i) % 11 - 5) / 3.0 for i in range(len(FEATURES))]
    if not support:
        weights[F["support_found"]] = weights[F["support_cosine"]] = 0.0
    concepts, rows = _features(words=words)
    static = coding_rerank.statics(weights, ISCOS, 4, INDEX.concept_prior)
    assert static[0] == pytest.approx(weights[F["names"]] * 1.0 + weights[F["unit_size"]] * math.log(3))
    index = SimpleNamespace(**vars(INDEX), label_concept=[0, 2, 4, 1])
    fast = coding_rerank.scores(
        [(0, 60.0), (2, 50.0)],
        [(0, 60.0, 0), (2, 50.0, 1), (4, 45.0, 3), (1, 40.0, 2)],
        [(3, 0.5), (0, 0.3), (1, 0.2)],
        weights=weights,
        static=static,
        labels={},
        index=cast(Any, index),
        n_occ=4,
        lang="nl",
        iscos=ISCOS,
        words=words,
    )
    # the candidates of the two lists (concept 4 is only a hit: left out), in their first order
    assert list(fast) == [0, 2, 3, 1]
    dot = {
        c: sum(w * x for w, x in zip(weights, r, strict=True)) for c, r in zip(concepts, rows, strict=True)
    }
    shift = dot[0] - fast[0]
    assert {c: v + shift for c, v in fast.items()} == pytest.approx({c: dot[c] for c in fast})


def test_the_committed_weights_were_trained_on_the_committed_data() -> None:
    """The weights file records the SHA-256 of the data files it was trained on; a change to the
    occupations, the aliases or CBS's titles without retraining (``scripts/train_coding_reranker.py``)
    fails here, as ``data build --check`` does for the generated files."""
    import hashlib

    meta = yaml.safe_load((REPO_DATA / coding_rerank.RERANKER_FILE).read_text(encoding="utf-8"))["meta"]
    assert meta["data_sha256"], "the weights file names no data files"
    for name, digest in meta["data_sha256"].items():
        assert hashlib.sha256((REPO_DATA / name).read_bytes()).hexdigest() == digest, (
            f"{name} changed since the re-ranker was trained: rerun scripts/train_coding_reranker.py"
        )
