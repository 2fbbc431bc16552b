"""ESCO's skills of each occupation as evidence for a flagged English title (docs/coding.md,
"Skills as evidence for English vacancy titles").

A vacancy title often says what the work is about in words no occupation label has ("payroll",
"weighbridge", "production support"), while ESCO links every occupation to its essential skills,
whose English labels do ("process payroll", "operate weighbridge"). Each ISCO-08 unit group is one
document of the stemmed words of its occupations' essential skills (preferred and alternative
English labels), TF-IDF weighted (1 + log tf, IDF over the unit groups) and L2-normalised; a
title's stemmed words score each unit group by cosine. The learned re-ranker adds
``SKILL_WEIGHT`` x that cosine to each occupation candidate of the group (``coding_rerank.rank``):
a third opinion on the candidates the two others found, never a candidate of its own.

Built from ``occupations.yaml`` (the essential skill ids) and ``skills.yaml`` (their labels), on
the first flagged English title, and cached apart from the index (the warm start does not load
it). Pure Python dictionaries: a title costs one pass over its words' postings.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from skilltool import reference, textnorm

if TYPE_CHECKING:
    from skilltool.models.reference import Occupation, Skill


@dataclass(frozen=True)
class SkillEvidence:
    """Stemmed word -> its IDF, and unit group -> the word's IDF x its normalised TF-IDF weight in
    the group's document (``postings``)."""

    idf: dict[str, float]
    postings: dict[str, dict[str, float]]

    def groups(self, words: Iterable[str], units: Iterable[str], weight: float = 1.0) -> dict[str, float]:
        """Each unit group of ``units`` (4-digit ISCO-08 codes) -> ``weight`` x the cosine between
        the title's words (``coding_support.prepare``'s) and the group's skill words (0 when they
        share none). Only the asked groups are scored: a title's candidates span a few."""
        stems = [s for s in sorted({textnorm.stem(word) for word in words}) if s in self.idf]  # fixed order
        if not stems:
            return {}
        scale = weight / math.sqrt(sum(self.idf[s] ** 2 for s in stems))
        rows = [self.postings[s] for s in stems]
        return {g: scale * sum(row.get(g, 0.0) for row in rows) for g in set(units)}


def _words(texts: Iterable[str | None], stems: dict[str, str]) -> set[str]:
    """The stemmed content words of English skill labels (stems memoised in ``stems``)."""
    out: set[str] = set()
    for text in texts:
        if not text:
            continue
        for word in textnorm.tokens(textnorm.clean(text), "en"):
            stem = stems.get(word)
            if stem is None:
                stem = stems[word] = textnorm.stem(word)
            out.add(stem)
    return out


def build(occupations: Sequence[Occupation], skills: Mapping[str, Skill]) -> SkillEvidence:
    """The evidence of each unit group's essential skills (a skill id the skills file lacks is
    skipped; an occupation without skills adds nothing)."""
    stems: dict[str, str] = {}
    of_skill: dict[str, set[str]] = {}
    counts: dict[str, dict[str, int]] = {}
    for occupation in occupations:
        tf = counts.setdefault(occupation.isco[:4], {})
        for sid in occupation.essential:
            words = of_skill.get(sid)
            if words is None:
                skill = skills.get(sid)
                words = of_skill[sid] = _words([skill.en, *skill.alt_en], stems) if skill else set()
            for word in words:
                tf[word] = tf.get(word, 0) + 1
    df: dict[str, int] = {}
    for tf in counts.values():
        for word in tf:
            df[word] = df.get(word, 0) + 1
    n = max(len(counts), 1)
    idf = {word: math.log(1.0 + n / c) for word, c in df.items()}
    postings: dict[str, dict[str, float]] = {}
    for group in sorted(counts):
        vector = {w: (1.0 + math.log(c)) * idf[w] for w, c in counts[group].items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        for word in sorted(vector):
            postings.setdefault(word, {})[group] = idf[word] * vector[word] / norm
    return SkillEvidence(idf, postings)


def load(data_dir: Path | None, key: bytes | None) -> SkillEvidence | None:
    """The evidence of the data in ``data_dir``, from the cache when warm (``key``: the coder's
    n-gram key, which holds the code and ``occupations.yaml``; None: build, do not cache); None
    without a data folder or a skills file."""
    if data_dir is None:
        return None
    raw = reference.read_optional_bytes(data_dir / "skills.yaml")
    if not raw:
        return None
    cached_at = reference.cache_path(key + b"\0skills\0" + raw, SkillEvidence) if key else None
    evidence = reference.cache_read(cached_at)
    if not isinstance(evidence, SkillEvidence):
        ref = reference.ReferenceData(data_dir)
        evidence = build(ref.occupations.occupations, ref.skill_by_id)
        reference.cache_write(cached_at, evidence)
    return evidence
