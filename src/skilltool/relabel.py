"""A profile's stored labels in another language.

The profile stores sentences as facts (``Text``: a catalogue key with parameters, rendered by
every output in its own language), so nothing needs to be derived again to translate them. What
stays in the language the profile was made in (``Profile.texts_lang``) are labels from the
reference data: coded occupations, skills derived from them, a suggestion's occupation label and
its missing skills. This module labels them again in the output's language by their ESCO id (an
ISCO-08 group by its code; missing skills by their label in the stored language); a label the
reference data no longer know stays as written. The person's and caseworker's own words always
stay as written. A profile without ``texts_lang`` (made before it) is labelled again too.
"""

from __future__ import annotations

from skilltool import messages
from skilltool.errors import DataFileError
from skilltool.models import OccupationCode, Profile, SkillEntry, Suggestion
from skilltool.reference import ReferenceData
from skilltool.suggest_build import group_names
from skilltool.suggest_index import SuggestIndex


def _label(index: SuggestIndex, uri: str, label: str, lang: str) -> str:
    at = index.by_uri.get(uri)
    if at is not None:
        return index.cands[at].label(lang)
    group = group_names(index, uri)  # work coded to an ISCO-08 group
    return label if group is None else group[0 if lang == "nl" else 1]


def _occupation(code: OccupationCode, index: SuggestIndex, lang: str) -> OccupationCode:
    return code.model_copy(update={"label": _label(index, code.uri, code.label, lang)})


def _skill(entry: SkillEntry, index: SuggestIndex, lang: str) -> SkillEntry:
    labels = index.skill_labels.get(entry.skill_id or "")
    if entry.origin != "derived_from_occupation" or labels is None:
        return entry  # the person's or caseworker's own words
    return entry.model_copy(update={"label": labels[0 if lang == "nl" else 1]})


def _suggestion(s: Suggestion, index: SuggestIndex, lang: str, skills: dict[str, str]) -> Suggestion:
    return s.model_copy(
        update={
            "label": _label(index, s.uri, s.label, lang),
            "missing_skills": [skills.get(label, label) for label in s.missing_skills],
        }
    )


def in_language(profile: Profile, *, ref: ReferenceData, lang: str) -> Profile:
    """``profile`` with its reference-data labels in ``lang`` where the data know them."""
    want = messages.lang_of(lang)
    stored = profile.texts_lang
    if stored == want:
        return profile
    try:
        index = ref.suggest_index
    except DataFileError:
        if stored is None:  # nothing says the labels are not in `lang` already: shown as stored
            return profile
        raise
    work = [
        w.model_copy(
            update={
                "coded": _occupation(w.coded, index, want) if w.coded else None,
                "alternatives": [_occupation(a, index, want) for a in w.alternatives],
            }
        )
        for w in profile.work
    ]
    skills: dict[str, str] = {}
    if any(s.missing_skills for s in (*profile.own_trade, *profile.suggestions)):
        dst = 1 if want == "en" else 0
        # a profile made before texts_lang (60 of the example personas) showed its Dutch labels in
        # English reports: its language unknown, a label is looked up in both
        sources = (0, 1) if stored is None else (1 - dst,)
        skills = {pair[src]: pair[dst] for src in sources for pair in index.skill_labels.values()}
    return profile.model_copy(
        update={
            "work": work,
            "skills": [_skill(s, index, want) for s in profile.skills],
            "own_trade": [_suggestion(s, index, want, skills) for s in profile.own_trade],
            "suggestions": [_suggestion(s, index, want, skills) for s in profile.suggestions],
            "texts_lang": want,
        }
    )
