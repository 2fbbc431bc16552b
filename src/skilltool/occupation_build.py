"""Compiling the occupation coder's index (``build_occupation_table``): ESCO's labels in both
languages, the curated aliases, CBS's unit-group titles and title index, and ISCO-08 groups as
concepts; pickled in the user's cache by ``OccupationCoder.from_reference``."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from skilltool import place_names, reference, textnorm
from skilltool.coding_cbs import cbs_families, cbs_heads, label_heads, title_heads
from skilltool.coding_rerank import RERANKER_FILE, Reranker, load
from skilltool.coding_support import build_key, read_without_gc
from skilltool.coding_weights import (
    ISCO_URI,
    KIND_ALIAS,
    KIND_ALT,
    KIND_CBS,
    KIND_CBS_TITLE,
    KIND_GROUP,
    KIND_HIDDEN,
    KIND_PREFERRED,
    LANG_BITS,
    REVIEW_NEAR,
)
from skilltool.datafiles import read_optional_bytes
from skilltool.label_index import Hit, LabelIndex
from skilltool.label_shortlist import _ids
from skilltool.models import Candidate
from skilltool.models.base import built
from skilltool.occupation_data import (
    ALIASES_FILE,
    CBS_TITLES_FILE,
    load_aliases,
    load_cbs_titles,
    short_form,
    without_level_note,
)

if TYPE_CHECKING:
    from pathlib import Path

    from skilltool.occupation_skills import SkillEvidence
    from skilltool.reference import ReferenceData


_NGRAM_LEFT_OUT = "alias"
"""The language of the curated aliases in other languages than Dutch and English (Arabic, Persian,
Turkish, Ukrainian, Russian ..., in any script): they stay out of the n-gram documents. Such a word
is found exactly, or with a letter off, in the lexical index; in the n-gram documents its rare
n-grams only lengthened the vectors of the common occupations it names (cook, driver, nurse ...),
which then lost cosine to every Dutch and English title: with the Ukrainian and Russian aliases in
them JobBERT test top-1 fell 0.355 -> 0.348; with none of these aliases in them it is 0.356."""


@dataclass
class _OccupationTable:
    """What the coder needs of each occupation, as plain lists (pickled with the index)."""

    uris: list[str]
    iscos: list[str]
    label_nl: list[str]
    label_en: list[str]
    index: LabelIndex
    n_occ: int = 0  # concepts from this index on are ISCO-08 groups, not occupations
    group_of: dict[str, int] | None = None  # ISCO-08 code -> its group concept
    # stem of a Dutch head word -> the ISCO-08 group most CBS titles with that head share
    # (monteur: gasmonteur, automonteur, ... -> 7), see ``cbs_families``
    families: dict[str, str] | None = None
    # stem of a Dutch head word -> unit group -> CBS titles with that head (``cbs_heads``): a
    # one-word title ESCO puts elsewhere is flagged (``cbs_elsewhere``)
    heads: dict[str, dict[str, int]] | None = None
    # Dutch label id of an occupation -> unit group -> CBS titles with all its words, for the labels
    # CBS reads in another unit group (``label_heads``): a title matched by one is flagged too
    label_heads: dict[int, dict[str, int]] | None = None
    # the learned re-ranker of flagged titles (data/coding_reranker.yaml), None without the file
    reranker: Reranker | None = None
    # ESCO's skills per unit group as evidence for flagged English titles (``occupation_skills``):
    # loaded on first use from ``skills_dir`` (set by ``OccupationCoder.from_reference`` after
    # the table is cached, so neither is pickled with it), shared by every coder of this table
    skills_dir: Path | None = None
    skills: SkillEvidence | None = None
    # (concept, case-folded text) of the aliases marked ``ask``: a word of several occupations or
    # levels ("moallem", a teacher of any school), an answer they lead stays flagged (``asked``)
    ask_aliases: frozenset[tuple[int, str]] = frozenset()

    def asked(self, hit: Hit) -> bool:
        """Whether a candidate was matched by an alias marked ``ask`` (its label, by label id)."""
        if not self.ask_aliases or hit[2] < 0:
            return False
        return (hit[0], self.index.label_text[hit[2]].casefold()) in self.ask_aliases

    def said_beside(self, hit: Hit, normalized: str) -> bool:
        """Whether a candidate was matched by a client-language alias (a word in another language
        than Dutch or English) and the answer says more than that word, a place or a number: the
        rest may say another kind of the work ("... in a shoe factory, at the sewing machine", "...
        with a cart in the street"), which the alias alone cannot weigh."""
        if hit[2] < 0 or self.index.label_lang[hit[2]] in LANG_BITS:
            return False
        own = {self.index.words[t] for t in self.index.label_tokens[hit[2]]}
        return any(
            w not in own and not any(ch.isdigit() for ch in w) and not place_names.known(w)
            for w in normalized.split()
        )

    def documents(self) -> list[list[str]]:
        """Per occupation its normalised labels, no alias in another language than Dutch or English
        (``_NGRAM_LEFT_OUT``): what the n-gram second opinion is built from.
        Derived from the index when the opinion is built (a cold cache), not kept in the table:
        a batch's processes would otherwise carry them (5 MB) for nothing."""
        documents: list[list[str]] = [[] for _ in range(self.n_occ)]
        for lid, concept in enumerate(self.index.label_concept):
            if concept < self.n_occ and self.index.label_lang[lid] != _NGRAM_LEFT_OUT:
                documents[concept].append(textnorm.clean(self.index.label_text[lid]))
        return documents

    def named(self, hit: Hit) -> bool:
        """Whether a first candidate is an occupation matched by its own label or a near spelling
        of it (``REVIEW_NEAR``): what an activity read as its worker needs to go unflagged."""
        return hit[0] < self.n_occ and hit[1] >= REVIEW_NEAR

    def candidates(self, hits: Sequence[Hit], lang: str) -> list[Candidate]:
        """(concept, score, label id) -> result candidates; label id -1: matched by no one label.
        Built without validation (the values come from the validated data), each from a dict made
        here (``built``), the table's lists read once a call: 10.2 -> 8.9 microseconds a title."""
        labels = self.label_nl if lang == "nl" else self.label_en
        others = self.label_en if lang == "nl" else self.label_nl
        uris, iscos, texts, n_occ = self.uris, self.iscos, self.index.label_text, self.n_occ
        out = []
        for c, score, lid in hits:
            label = labels[c] or others[c]
            values: dict[str, object] = {
                "uri": uris[c],
                "isco": iscos[c],
                "label": label,
                "matched": texts[lid] if lid >= 0 else label,
                "score": round(score, 1),
                "kind": "isco_group" if c >= n_occ else "occupation",
            }
            out.append(built(Candidate, values))
        return out


def build_occupation_table(
    ref: ReferenceData, *, hold_out: frozenset[tuple[int, str]] = frozenset()
) -> _OccupationTable:
    """Compile ESCO labels (both languages, all kinds) and the curated aliases. ``hold_out``:
    (concept, case-folded text) pairs left out of the index (the re-ranker's training codes each
    label against an index without it, ``scripts/train_coding_reranker.py``)."""
    occupations = ref.occupations.occupations
    position = {o.uri: i for i, o in enumerate(occupations)}
    entries: list[tuple[int, str, float, str]] = []
    for i, occ in enumerate(occupations):
        for lang in ("nl", "en"):
            pref = getattr(occ.label, lang)
            if pref:
                entries.append((i, pref, KIND_PREFERRED, lang))
            entries.extend((i, alt, KIND_ALT, lang) for alt in getattr(occ.alt, lang))
            entries.extend((i, hidden, KIND_HIDDEN, lang) for hidden in getattr(occ.hidden, lang))
    ask_aliases: set[tuple[int, str]] = set()
    for alias in load_aliases(ref).aliases:
        if alias.uri in position:
            lang = alias.language if alias.language in ("nl", "en") else _NGRAM_LEFT_OUT
            entries.append((position[alias.uri], alias.alias, KIND_ALIAS, lang))
            if alias.ask:
                ask_aliases.add((position[alias.uri], alias.alias.casefold()))
    best_known: dict[str, int] = {}  # unit group -> its occupation with the most names
    names = [1 + len(o.alt.nl) + len(o.alt.en) for o in occupations]
    for i, occ in enumerate(occupations):
        if occ.isco not in best_known or names[i] > names[best_known[occ.isco]]:
            best_known[occ.isco] = i
    for group in ref.occupations.isco_groups:
        if group.label_cbs and group.code in best_known:
            entries.append((best_known[group.code], group.label_cbs, KIND_CBS, "nl"))
    # ISCO-08 groups are concepts too, after the occupations: their ESCO labels and CBS's titles
    groups = ref.occupations.isco_groups
    n = len(occupations)
    group_of = {g.code: n + k for k, g in enumerate(groups)}
    for k, group in enumerate(groups):
        for lang in ("nl", "en"):
            text = getattr(group.label, lang)
            if text:
                entries.append((n + k, text, KIND_GROUP, lang))
    cbs_titles = load_cbs_titles(ref)
    for code, titles in cbs_titles.items():
        if code in group_of:
            entries.extend((group_of[code], title, KIND_CBS_TITLE, "nl") for title in titles)
            shorts = {form for title in titles if (form := short_form(title))}  # "verzorgende ig"
            shorts |= {form for title in titles if (form := without_level_note(title))}  # "tig-lasser"
            entries.extend((group_of[code], form, KIND_CBS_TITLE, "nl") for form in sorted(shorts))
    if hold_out:
        entries = [e for e in entries if (e[0], e[1].casefold()) not in hold_out]
    index = LabelIndex(entries, heads_alike=True)  # user22: as the skill index (docs/coding.md)
    asked = {
        lid
        for lid, text in enumerate(index.label_text)
        if (index.label_concept[lid], text.casefold()) in ask_aliases
    }
    index.asked = frozenset(key for key, found in index.exact.items() if asked.intersection(_ids(found)))
    cbs_words = title_heads(index, cbs_titles)
    heads = cbs_heads(cbs_words)
    families = cbs_families(heads, set(group_of))
    prior = list(index.concept_prior)
    prior.extend([0.0] * (n + len(groups) - len(prior)))
    for c in range(n, len(prior)):
        prior[c] = 0.0  # a group's many CBS titles are not a sign that it is common
    index.concept_prior = prior
    rerank_path = ref.path(RERANKER_FILE)
    raw_rerank = read_optional_bytes(rerank_path)
    reranker = load(raw_rerank, str(rerank_path)) if raw_rerank else None
    return _OccupationTable(
        uris=[o.uri for o in occupations] + [ISCO_URI + g.code for g in groups],
        iscos=[o.isco for o in occupations] + [g.code for g in groups],
        label_nl=[o.label.nl or "" for o in occupations] + [g.label.get("nl") or "" for g in groups],
        label_en=[o.label.en or "" for o in occupations] + [g.label.get("en") or "" for g in groups],
        index=index,
        n_occ=n,
        group_of=group_of,
        families=families,
        heads=heads,
        label_heads=label_heads(index, [o.isco for o in occupations], n, cbs_words),
        reranker=reranker,
        ask_aliases=frozenset(ask_aliases),
    )


def load_table(ref: ReferenceData) -> tuple[_OccupationTable, bytes]:
    """The compiled table of a data folder, from the cache when warm (else built and cached),
    with its cache key: a digest of the code's build key and every input of the table."""
    raw = reference.read_data_bytes(ref.path("occupations.yaml"))
    optional = (ALIASES_FILE, CBS_TITLES_FILE, RERANKER_FILE)  # every input of the table is in the key
    # a digest, not the inputs themselves: the coder keeps the key for its lazily loaded parts,
    # and a batch's workers would carry the 7 MB of raw files it was joined from
    key = hashlib.sha256(
        b"\0".join([build_key(), raw, *(reference.read_optional_bytes(ref.path(f)) for f in optional)])
    ).digest()
    cached_at = reference.cache_path(key, _OccupationTable)
    table = read_without_gc(cached_at)
    if not isinstance(table, _OccupationTable):
        table = build_occupation_table(ref)
        reference.cache_write(cached_at, table)
    table.skills_dir = ref.data_dir  # ESCO's skills of the same data (``skills``; not cached)
    return table, key
