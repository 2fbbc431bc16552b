"""The optional English embedding opinion (``skilltool[embed]``): off and unchanged without the
extra, and with it a deterministic model, a ranking and the coder's use of it for flagged English
titles only. The tests that run the model skip when the extra is not installed."""

from __future__ import annotations

import functools
import pickle

import pytest

from skilltool import embedding_scorer as es
from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData
from tests.test_occupations_props import REPO_DATA

needs_extra = pytest.mark.skipif(
    not es.available(), reason="the embed extra is not installed (pip install -e '.[embed]')"
)

# everyday titles, none from the gold sets
ENGLISH_WEAK = "experienced person for our bakery shop floor"
DUTCH_WEAK = "ervaren kracht voor onze bakkerij winkelvloer"


@functools.cache
def _coder() -> OccupationCoder:
    return OccupationCoder.from_reference(ReferenceData(REPO_DATA))


@functools.cache
def _embedder() -> es.Embedder:
    return es.Embedder.load()


def _toy_scorer(coder: OccupationCoder) -> es.EmbeddingScorer:
    """A scorer over a handful of real occupations' English labels (the full matrix takes a
    minute to embed: too slow for a test)."""
    table = coder._table
    wanted = {
        "baker",
        "shop assistant",
        "software developer",
        "cargo vehicle driver",
        "nurse responsible for general care",
    }
    chosen = [table.label_en.index(label) for label in sorted(wanted)]
    documents: list[list[str]] = [[] for _ in range(table.n_occ)]
    for c in chosen:
        documents[c] = [table.label_en[c]]
    return es.EmbeddingScorer.build(_embedder(), documents)


def test_reads_english_from_the_label_languages() -> None:
    """Asked in English, a title is English unless a known word is only a Dutch label word; asked
    in another language, only when every known word is a word of English labels only."""
    nl, en, both = 1, 2, 3
    assert es.reads_english([en, both], "en")
    assert es.reads_english([], "en")  # nothing known: the requested language decides
    assert not es.reads_english([en, nl], "en")
    assert es.reads_english([en, en], "nl")
    assert not es.reads_english([en, both], "nl")
    assert not es.reads_english([], "nl")


def test_english_labels_per_occupation() -> None:
    """Only English labels of occupations (not groups, not Dutch labels) go into a document."""
    docs = es.english_labels([0, 0, 1, 2, 5], ["en", "nl", "en", "alias", "en"], 3, ["a", "b", "c", "d", "e"])
    assert docs == [["a"], ["c"], []]


@pytest.mark.parametrize("installed", [False, True], ids=["extra missing", "extra installed"])
def test_without_deep_the_coder_is_unchanged(monkeypatch: pytest.MonkeyPatch, installed: bool) -> None:
    """A coder made without ``deep`` (the default) never asks the opinion, with the extra missing
    or installed: it has no embedding scorer, and a flagged English title gets exactly the answer
    of the coder with the opinion's weight at 0."""
    monkeypatch.setattr(es, "available", lambda: installed)
    plain = OccupationCoder.from_reference(ReferenceData(REPO_DATA))
    assert not plain.deep and plain.embedding is None
    result = plain.code(ENGLISH_WEAK, lang="en")
    assert result.needs_review
    monkeypatch.setattr(es, "WEIGHT", 0.0)
    off = OccupationCoder.from_reference(ReferenceData(REPO_DATA)).code(ENGLISH_WEAK, lang="en")
    assert result.model_dump() == off.model_dump()


def test_deep_without_the_extra_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    """``deep`` without the extra is a usage error naming the pip command, in the API and as one
    line on stderr from ``occupation code --deep`` (exit 2, no traceback), in nl and en."""
    from typer.testing import CliRunner

    from skilltool.cli import app
    from skilltool.errors import UsageError

    monkeypatch.setattr(es, "available", lambda: False)
    with pytest.raises(UsageError, match=r"skilltool\[embed\]"):
        OccupationCoder.from_reference(ReferenceData(REPO_DATA), deep=True)
    runner = CliRunner()
    for lang, word in (("en", "needs the optional embed extra"), ("nl", "vraagt de optionele embed-extra")):
        result = runner.invoke(app, ["occupation", "code", "--deep", "--lang", lang, "lasser"])
        assert result.exit_code == 2, result.output
        assert word in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_missing_parts_mean_not_available(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any missing piece (the runtime, the model package) makes the extra unavailable, found
    without importing anything."""
    es.model_files.cache_clear()
    monkeypatch.setattr(es, "MODEL_PACKAGE", "skilltool_no_such_model_package")
    try:
        assert es.model_files() is None
        assert not es.available()
        with pytest.raises(ImportError, match="embed extra"):
            es.Embedder.load()
    finally:
        es.model_files.cache_clear()


@needs_extra
def test_vectors_are_deterministic_and_unit_length() -> None:
    """A text gets the same vector alone and among others (no padding), of unit length, and
    related titles are closer than unrelated ones."""
    import numpy as np

    model = _embedder()
    texts = ["software developer", "software engineer", "nurse", "bakery shop assistant"]
    together = model.embed(texts)
    alone = np.stack([model.embed([t])[0] for t in texts])
    assert np.array_equal(together, alone)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    assert together[0] @ together[1] > together[0] @ together[2]


@needs_extra
def test_scorer_ranks_by_meaning_and_pickles_without_the_model() -> None:
    """The toy scorer puts the occupation a paraphrase means first; pickled, it keeps its arrays
    and drops the model and the title vectors (loaded again on use). The label matrix is kept as
    float16 (memory: the extra stays under the 400 MB of a coding run), the centroids float32."""
    coder = _coder()
    scorer = _toy_scorer(coder)
    assert scorer.labels.dtype == "float16" and scorer.centroids.dtype == "float32"
    labels = coder._table.label_en
    assert labels[scorer.rank("programmer writing code for applications", 3)[0][0]] == "software developer"
    assert labels[scorer.rank("lorry driver", 3)[0][0]] == "cargo vehicle driver"
    again = pickle.loads(pickle.dumps(scorer))
    assert again._embedder is None and not again._titles
    assert again.rank("lorry driver", 1) == scorer.rank("lorry driver", 1)


@needs_extra
def test_coder_asks_the_opinion_for_flagged_english_titles_only() -> None:
    """A flagged English title is ranked by the embedding opinion too; a Dutch title asked in
    Dutch and an exact, unflagged title are not."""
    coder = OccupationCoder.from_reference(ReferenceData(REPO_DATA), deep=True)
    scorer = coder._embedding = _toy_scorer(coder)
    result = coder.code(ENGLISH_WEAK, lang="en")
    assert result.needs_review and scorer.used == 1
    coder.code(DUTCH_WEAK, lang="nl")
    assert scorer.used == 1
    exact = coder.code("baker", lang="en")
    assert not exact.needs_review and scorer.used == 1


def test_rank_vector_is_the_mean_of_centroid_and_closest_label() -> None:
    """Without the model (random unit vectors): each occupation's score is the mean of its
    centroid's cosine and its closest label's (the label rows gathered as spans), best first;
    an occupation's labels count for it only."""
    import numpy as np

    rng = np.random.default_rng(5)
    owner = np.array([0, 0, 0, 1, 2, 2, 3, 4, 4, 4, 4, 5], dtype=np.int32)
    labels = rng.normal(size=(len(owner), es.DIM)).astype(np.float32)
    labels /= np.linalg.norm(labels, axis=1, keepdims=True)
    scorer = es.EmbeddingScorer(labels, owner, 6)
    vector = labels[4] + 0.5 * labels[9]
    vector /= np.linalg.norm(vector)
    expected = []
    for c in range(6):
        mine = labels[owner == c]
        centroid = mine.sum(axis=0) / np.linalg.norm(mine.sum(axis=0))
        closest = max(float(row.astype(np.float16).astype(np.float32) @ vector) for row in mine)
        expected.append((c, (float(centroid @ vector) + closest) / 2))
    expected.sort(key=lambda pair: -pair[1])
    got = scorer.rank_vector(vector, 4)
    assert [c for c, _ in got] == [c for c, _ in expected[:4]]
    assert got[0][0] == 2
    assert np.allclose([s for _, s in got], [s for _, s in expected[:4]], atol=1e-5)
