"""ESCO's skills of each occupation, and the words of each unit group, as evidence for a flagged
English title (docs/coding.md, "Skills as evidence for English vacancy titles").

A vacancy title often says what the work is about in words no occupation label has ("payroll",
"weighbridge", "production support"), while ESCO links every occupation to its essential skills,
whose English labels do ("process payroll", "operate weighbridge"). Each ISCO-08 unit group is one
document of the stemmed words of its occupations' essential skills (preferred and alternative
English labels), TF-IDF weighted (1 + log tf, IDF over the unit groups) and L2-normalised; a
title's stemmed words score each unit group by cosine. A second document per unit group holds its
own words: ESCO's English description of the group (what its workers do, with examples of its
occupations; ``data/isco_descriptions.yaml``) and the English labels (preferred, alternative,
hidden) of its occupations, weighted and normalised the same way. The learned re-ranker adds
``SKILL_WEIGHT`` x the skills' cosine + ``GROUP_WORDS_WEIGHT`` x the group words' cosine to each
occupation candidate of the group (``coding_rerank.rank``): a third opinion on the candidates the
two others found, never a candidate of its own.

Built from ``occupations.yaml`` (the essential skill ids, the labels), ``skills.yaml`` (the skills'
labels) and ``isco_descriptions.yaml`` (optional: without it the group words are the labels only),
on the first flagged English title, and cached apart from the index (the warm start does not load
it). Pure Python dictionaries: a title costs one pass over its words' postings per document.
"""

from __future__ import annotations

import functools
import math
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from skilltool import reference, textnorm
from skilltool.models.reference import IscoDescriptionsFile

if TYPE_CHECKING:
    from skilltool.models.reference import Occupation, Skill


@dataclass(frozen=True)
class Documents:
    """One document per unit group: stemmed word -> its IDF, and word -> (the unit groups that
    have it, sorted; the word's IDF x its normalised TF-IDF weight in each group's document).

    A row is a tuple and a flat array, not a dict of float objects: 6 MB instead of 11 for both
    documents, which every coding process and batch worker carries (and pickles in its cache); the
    row of a word a title has is made a dict once (``met``), where each group the title's
    candidates span is looked up."""

    idf: dict[str, float]
    postings: dict[str, tuple[tuple[str, ...], Sequence[float]]]
    met: dict[str, dict[str, float]] = field(default_factory=dict, compare=False, repr=False)
    """The rows of the words titles have met, as dicts (unit group -> value), made on first use:
    bounded by the vocabulary (the whole documents as dicts, 11 MB, at worst; some 2,600 rows after
    6,000 English titles). Not pickled: a cached evidence starts without them."""

    def __getstate__(self) -> dict[str, object]:
        return {"idf": self.idf, "postings": self.postings}

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in (*state.items(), ("met", {})):
            object.__setattr__(self, name, value)

    def cosines(self, stems: set[str], units: set[str], weight: float, out: dict[str, float]) -> None:
        """Add ``weight`` x the cosine between the title's ``stems`` and each group of ``units``
        to ``out`` (nothing when the documents share no word with the title)."""
        idf = self.idf
        known = [s for s in sorted(stems) if s in idf]  # a fixed order: the same sums every run
        if not known or not weight:
            return
        scale = weight / math.sqrt(sum(idf[s] ** 2 for s in known))
        sums = dict.fromkeys(units, 0.0)
        met = self.met
        for s in known:  # word by word, in that order (one loop, no generator per group)
            row = met.get(s)
            if row is None:  # a dict look-up per group instead of a bisection: 21 -> 13 microseconds a call
                groups, values = self.postings[s]
                row = met[s] = dict(zip(groups, values, strict=True))
            for g in sums:
                if g in row:
                    sums[g] += row[g]
        for g, total in sums.items():
            out[g] = out.get(g, 0.0) + scale * total


@dataclass(frozen=True)
class SkillEvidence:
    """The unit groups' essential skills (``skills``) and their own words (``words``: ESCO's
    description of the group and its occupations' English labels)."""

    skills: Documents
    words: Documents

    def groups(
        self, words: Iterable[str], units: Iterable[str], weight: float = 1.0, words_weight: float = 0.0
    ) -> dict[str, float]:
        """Each unit group of ``units`` (4-digit ISCO-08 codes) -> ``weight`` x the cosine between
        the title's words (``coding_support.prepare``'s) and the group's skill words, plus
        ``words_weight`` x the cosine with the group's own words; empty when neither document knows
        a word of the title. Only the asked groups are scored: a title's candidates span a few."""
        stems = {_stem(word) for word in words}
        asked = set(units)
        out: dict[str, float] = {}
        self.skills.cosines(stems, asked, weight, out)
        self.words.cosines(stems, asked, words_weight, out)
        return out


_stem = functools.lru_cache(maxsize=1 << 16)(textnorm.stem)
"""``textnorm.stem``, memoised: a title's words are stemmed for every flagged English title."""


def _words(texts: Iterable[str | None], stems: dict[str, str]) -> set[str]:
    """The stemmed content words of English skill labels (stems memoised in ``stems``)."""
    return {stem for text in texts if text for stem in _stems(text, stems)}


def build(
    occupations: Sequence[Occupation],
    skills: Mapping[str, Skill],
    descriptions: Mapping[str, str] | None = None,
) -> SkillEvidence:
    """The evidence of each unit group's essential skills (a skill id the skills file lacks is
    skipped; an occupation without skills adds nothing) and of its own words (``descriptions``:
    unit group -> ESCO's English description; a group without one has its labels only)."""
    stems: dict[str, str] = {}
    of_skill: dict[str, set[str]] = {}
    counts: dict[str, dict[str, int]] = {}
    own: dict[str, dict[str, int]] = {}
    for occupation in occupations:
        tf = counts.setdefault(occupation.isco[:4], {})
        for sid in occupation.essential:
            words = of_skill.get(sid)
            if words is None:
                skill = skills.get(sid)
                words = of_skill[sid] = _words([skill.en, *skill.alt_en], stems) if skill else set()
            for word in words:
                tf[word] = tf.get(word, 0) + 1
        tf = own.setdefault(occupation.isco[:4], {})
        for label in (occupation.label.en, *occupation.alt.en, *occupation.hidden.en):
            for word in _words([label], stems):
                tf[word] = tf.get(word, 0) + 1
    for group, text in sorted((descriptions or {}).items()):
        if group in own:  # a group with no occupation is never a candidate
            tf = own[group]
            for word in _stems(text, stems):
                tf[word] = tf.get(word, 0) + 1
    return SkillEvidence(_documents(counts), _documents(own))


def _stems(text: str, stems: dict[str, str]) -> list[str]:
    """The stemmed content words of an English text, each time it has them (for a term count)."""
    out = []
    for word in textnorm.tokens(textnorm.clean(text), "en"):
        stem = stems.get(word)
        if stem is None:
            stem = stems[word] = textnorm.stem(word)
        out.append(stem)
    return out


def _documents(counts: Mapping[str, Mapping[str, int]]) -> Documents:
    """TF-IDF documents (1 + log tf, IDF log(1 + groups / df) over the groups, L2-normalised) of
    unit group -> word -> count."""
    df: dict[str, int] = {}
    for tf in counts.values():
        for word in tf:
            df[word] = df.get(word, 0) + 1
    n = max(len(counts), 1)
    idf = {word: math.log(1.0 + n / c) for word, c in df.items()}
    rows: dict[str, dict[str, float]] = {}
    for group in sorted(counts):  # each row's groups in sorted order
        vector = {w: (1.0 + math.log(c)) * idf[w] for w, c in counts[group].items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        for word in sorted(vector):
            rows.setdefault(word, {})[group] = idf[word] * vector[word] / norm
    return Documents(idf, {w: (tuple(row), array("d", row.values())) for w, row in rows.items()})


def load(data_dir: Path | None, key: bytes | None) -> SkillEvidence | None:
    """The evidence of the data in ``data_dir``, from the cache when warm (``key``: the coder's
    n-gram key, a digest of the code and ``occupations.yaml``; None: build, do not cache); None
    without a data folder or a skills file (an older data folder without
    ``isco_descriptions.yaml``: the group words are its occupations' labels only)."""
    if data_dir is None:
        return None
    raw = reference.read_optional_bytes(data_dir / "skills.yaml")
    if not raw:
        return None
    described = reference.read_optional_bytes(data_dir / DESCRIPTIONS)
    cached_at = (
        reference.cache_path(key + b"\0skills\0" + raw + b"\0descriptions\0" + described, SkillEvidence)
        if key
        else None
    )
    evidence = reference.cache_read(cached_at)
    if not isinstance(evidence, SkillEvidence):
        ref = reference.ReferenceData(data_dir)
        texts = ref.file(DESCRIPTIONS, IscoDescriptionsFile).by_isco if described else None
        evidence = build(ref.occupations.occupations, ref.skill_by_id, texts)
        reference.cache_write(cached_at, evidence)
    return evidence


DESCRIPTIONS = "isco_descriptions.yaml"
