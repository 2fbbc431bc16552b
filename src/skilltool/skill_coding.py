"""Free text (a skill as a person says it) to ranked ESCO skills, on the same ``LabelIndex`` and
language prior as occupations: English labels, Dutch where ESCO v1.2.1's collections have them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from skilltool import reference
from skilltool.coding_support import (
    build_key,
    context_from,
    echo,
    no_answer,
    prepare,
    problem_text,
    read_without_gc,
)
from skilltool.coding_weights import KIND_ALIAS, KIND_ALT, KIND_PREFERRED, REVIEW_BELOW
from skilltool.errors import DataFileError
from skilltool.label_index import LabelIndex
from skilltool.messages import say
from skilltool.models import SkillCandidate, SkillCodingResult
from skilltool.textnorm import clean

if TYPE_CHECKING:
    from skilltool.reference import ReferenceData

ALIASES_FILE = "skill_aliases.yaml"


@dataclass
class _SkillTable:
    ids: list[str]
    label_nl: list[str]
    label_en: list[str]
    index: LabelIndex
    # every occupation label and alias, normalised as a text is: a title given to the skill coder
    # ("Verzorgende IG") matched a skill by a word's ending alone ("planten verzorgen")
    occupation_titles: frozenset[str] = frozenset()
    # Dutch words that mean something else in English (``_false_friends``): "brood" (bread) found
    # English "brood stock"
    false_friends: frozenset[str] = frozenset()


class SkillCoder:
    """Free text (a skill as a person says it) to ranked ESCO skills."""

    def __init__(self, table: _SkillTable) -> None:
        self._table = table
        self._at: dict[str, int] | None = None  # skill id -> row, made when first asked

    @classmethod
    def from_reference(cls, ref: ReferenceData) -> SkillCoder:
        """The coder for a data folder: from the compiled cache when warm, else built and cached."""
        raw = reference.read_data_bytes(ref.path("skills.yaml"))
        aliases = ref.path(ALIASES_FILE)
        raw += b"\0" + (reference.read_data_bytes(aliases) if aliases.exists() else b"")
        for name in ("occupations.yaml", "occupation_aliases.yaml"):  # the titles (~10 ms to hash)
            raw += b"\0" + reference.read_optional_bytes(ref.path(name))
        cached_at = reference.cache_path(b"%s\0%s" % (build_key(), raw), _SkillTable)
        table = read_without_gc(cached_at)
        if not isinstance(table, _SkillTable):
            table = build_skill_table(ref)
            reference.cache_write(cached_at, table)
        return cls(table)

    def english_only(self, skill_id: str) -> bool:
        """Whether ESCO has no Dutch label for ``skill_id``: a Dutch session then shows the English
        one, and says so (v1.1.1 has Dutch labels for about a sixth of the skills)."""
        if self._at is None:
            self._at = {s: i for i, s in enumerate(self._table.ids)}
        at = self._at.get(skill_id)
        return at is not None and not self._table.label_nl[at]

    def code(self, text: str, *, lang: str = "nl", top: int = 5) -> SkillCodingResult:
        """Rank ESCO skills for ``text``; never raises on odd input (see ``problem``)."""
        normalized, words, problem = prepare(text)
        if words and no_answer(text):  # as for a title: "=HYPERLINK(...)" came back as wagon coupling
            words, problem = [], "not_a_skill"
        t = self._table
        context = context_from(normalized, words)
        limit = max(top, 5)
        hits = t.index.search(words, lang=lang, limit=2 * limit, context_from=context) if words else []
        # the index's first ``limit`` after the guesses are gone (more are asked for to fill their
        # places), then the false friends after the rest, as before
        hits = _said_in_part(t.index, hits, words)
        if lang == "nl":
            hits = _no_homographs(t.index, hits, words, t.false_friends)
        hits = _false_friends_last(t.index, hits[:limit], words, lang)
        labels = t.label_nl if lang == "nl" else t.label_en
        candidates = [
            SkillCandidate(
                skill_id=t.ids[c],
                label=labels[c] or t.label_en[c],
                matched=t.index.label_text[lid],
                score=round(score, 1),
            )
            for c, score, lid in hits
        ]
        if words and not candidates:
            problem = problem or "no_skill"
        if (
            problem in (None, "no_skill")
            and normalized in t.occupation_titles
            and "".join(words) not in t.index.exact
        ):
            problem = "an_occupation"  # a title ("kapper"): say where it is coded, not only "no skill"
        review = not candidates or candidates[0].score < REVIEW_BELOW
        if not review:
            label = hits[0][2]
            said, matched = set(words), set(t.index.label_sorted[label].split())
            # a match that shares no word with the text, only letters, is checked ("tuinieren"
            # came back as the language "Iers", unflagged); so is one through a label in the other
            # language unless it has the text's words as written: a word ending may mean something
            # else there (Dutch *lassen*, to weld, met English *lasers*)
            review = not said & matched or (
                t.index.label_lang[label] not in (lang, "alias") and not said <= matched
            )
        return SkillCodingResult(
            input=echo(text),
            normalized=normalized,
            needs_review=review,
            candidates=candidates[:top],
            problem=problem_text(problem, lang),
        )


def _false_friends_last(
    index: LabelIndex, hits: list[tuple[int, float, int]], words: list[str], lang: str
) -> list[tuple[int, float, int]]:
    """Hits through a label in the other language that shares no word with the text as written
    after the rest, each group in the index's order. The index ranks a skill with many matching
    labels above one with a single label, and a Dutch word ending matches English ones: "TIG
    lasser" (a welder) ranked the skill "lasers" (eight English labels) above "welding
    techniques", found by its Dutch label "lassen", at a lower score. The review rule below
    flags the same matches."""
    said = set(words)

    def friend(hit: tuple[int, float, int]) -> bool:
        lid = hit[2]
        return index.label_lang[lid] in (lang, "alias") or bool(said & set(index.label_sorted[lid].split()))

    return [h for h in hits if friend(h)] + [h for h in hits if not friend(h)]


def _said_in_part(
    index: LabelIndex, hits: list[tuple[int, float, int]], words: list[str]
) -> list[tuple[int, float, int]]:
    """Without the hits through a label found by one word's ending or stem alone: a label that
    shares no word with the text as written, has a word the text does not reach at all, is
    reached by one word of the text only, and scores under ``REVIEW_BELOW``. "oma verzorgd" gave
    only "planten verzorgen", "kinderen opvangen" "kinds of paint", laying tiles (*leggen*) "clean horse's
    legs": a guess is worse than no candidate (a free text the caseworker keeps). A label sharing
    a word stays ("koken": "cooking"), as does one the text reaches whole ("lasser": "lasers"),
    through two of its words ("repairing phones": "repair cell phone devices") or at a high score
    (a compound said in two words: "tuin onderhouden", "tuinonderhoud")."""
    said = set(words)
    each = {word: index.reached([word]) for word in said}
    reached = index.reached(words).union(*each.values())

    def guessed(hit: tuple[int, float, int]) -> bool:
        _, score, lid = hit
        tokens = set(index.label_tokens[lid])
        if score >= REVIEW_BELOW or said & set(index.label_sorted[lid].split()) or tokens <= reached:
            return False
        return sum(1 for found in each.values() if tokens & found) < 2  # one word alone

    return [h for h in hits if not guessed(h)]


def _no_homographs(
    index: LabelIndex, hits: list[tuple[int, float, int]], words: list[str], dutch: frozenset[str]
) -> list[tuple[int, float, int]]:
    """Without the hits of a Dutch session through an English label that shares with the text only
    Dutch false friends (``_false_friends``), reaches one of its several words alone and scores
    under ``REVIEW_BELOW``: "brood bakken" (bread baking) listed "manage capture broodstock
    operations" through "collect brood stock". The index saw "brood" as English, as no Dutch
    skill label has it, so the language prior was not applied (and it lowers a score, it keeps
    the candidate). A label the text reaches by two words, or at a high score, stays, and so does
    one through a word both languages use alike ("bus", "hotel", "pallets")."""
    if len(set(words)) < 2:
        return hits
    each = {word: index.reached([word]) for word in set(words)}

    def homograph(hit: tuple[int, float, int]) -> bool:
        _, score, lid = hit
        if score >= REVIEW_BELOW or index.label_lang[lid] != "en":
            return False
        shared = set(words) & set(index.label_sorted[lid].split())
        tokens = set(index.label_tokens[lid])
        return bool(shared) and shared <= dutch and sum(1 for found in each.values() if tokens & found) < 2

    return [h for h in hits if not homograph(h)]


def build_skill_table(ref: ReferenceData) -> _SkillTable:
    """Compile ESCO skill labels: English preferred and alternative, Dutch where ESCO has them."""
    skills = ref.skills.skills
    entries: list[tuple[int, str, float, str]] = []
    for i, skill in enumerate(skills):
        entries.append((i, skill.en, KIND_PREFERRED, "en"))
        entries.extend((i, alt, KIND_ALT, "en") for alt in skill.alt_en)
        if skill.nl:
            entries.append((i, skill.nl, KIND_PREFERRED, "nl"))
        entries.extend((i, alt, KIND_ALT, "nl") for alt in skill.alt_nl)
    if ref.path(ALIASES_FILE).exists():  # curated everyday words (data/skill_aliases.yaml)
        at = {s.id: i for i, s in enumerate(skills)}
        for alias in ref.skill_aliases.aliases:
            lang = alias.language if alias.language in ("nl", "en") else "alias"
            entries.append((at[alias.skill_id], alias.alias, KIND_ALIAS, lang))
    return _SkillTable(
        ids=[s.id for s in skills],
        label_nl=[s.nl or "" for s in skills],
        label_en=[s.en for s in skills],
        index=LabelIndex(entries, heads_alike=True),
        occupation_titles=_occupation_titles(ref),
        false_friends=_false_friends(ref),
    )


def _false_friends(ref: ReferenceData) -> frozenset[str]:
    """Words of ESCO's Dutch occupation labels (complete in Dutch, where the skills' are not) whose
    first five letters begin no word of any English occupation label: "brood" (brood- en
    banketbakker, baker) is one; "bus", "hotel", "pallets" (pallet) and "diagnose" (diagnostic)
    are not. Normalised as a text is. A Dutch word that English spells alike but means otherwise
    with the same start ("recepten", prescriptions, and reception) is not caught: the rule keeps
    a candidate rather than lose one."""
    if not ref.path("occupations.yaml").exists():
        return frozenset()
    dutch: set[str] = set()
    starts: set[str] = set()
    for occ in ref.occupations.occupations:
        dutch.update(w for x in (occ.label.nl or "", *occ.alt.nl) if x for w in prepare(x)[1])
        starts.update(w[:5] for x in (occ.label.en, *occ.alt.en) if x for w in prepare(x)[1])
    return frozenset(w for w in dutch if w[:5] not in starts)


def _occupation_titles(ref: ReferenceData) -> frozenset[str]:
    """Each ESCO occupation's labels (preferred and alternative, both languages) and the curated
    occupation aliases, normalised as ``prepare`` normalises a text."""
    labels: list[str] = []
    if ref.path("occupations.yaml").exists():
        for occ in ref.occupations.occupations:
            labels.extend(x for x in (occ.label.nl, occ.label.en) if x)
            labels.extend((*occ.alt.nl, *occ.alt.en))
    if ref.path("occupation_aliases.yaml").exists():
        labels.extend(a.alias for a in ref.occupation_aliases.aliases)
    return frozenset(prepare(label)[0] for label in labels)


def check_skill_aliases(ref: ReferenceData) -> int:
    """Cross-check ``data/skill_aliases.yaml`` against ``skills.yaml``; return the count.

    Each ``skill_id`` must be a skill with ``esco_label`` as its English label; no alias may be a
    label of any skill already (it would add nothing, or point elsewhere) nor be listed twice."""
    path = ref.path(ALIASES_FILE)
    skills = {s.id: s for s in ref.skills.skills}
    taken = {clean(x) for s in skills.values() for x in (s.en, s.nl or "", *s.alt_en, *s.alt_nl) if x}
    seen: set[str] = set()
    for i, alias in enumerate(ref.skill_aliases.aliases):
        skill = skills.get(alias.skill_id)
        if skill is None or skill.en != alias.esco_label:
            english = repr(skill.en) if skill else "-"
            raise DataFileError(
                say("errors.data.skill_alias", path=path, i=i, label=repr(alias.esco_label), english=english)
            )
        key = clean(alias.alias)
        if key in taken or key in seen:
            raise DataFileError(say("errors.data.skill_alias_taken", path=path, i=i, alias=repr(alias.alias)))
        seen.add(key)
    return len(ref.skill_aliases.aliases)
