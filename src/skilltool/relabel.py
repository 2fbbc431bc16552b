"""A profile's stored suggestion and next-step sentences, in another language.

Coded occupations and skills derived from them are labelled again by their ESCO id.
The profile keeps the person's facts and codes; its suggestions and next steps are derived from
them by ``suggest`` (the intake stores them in its own language, ``Profile.texts_lang``). An
output in another language renders them again from the same facts and reference data, and takes
the new words only when the derivation gives the very same suggestions (URI, route, at level, in
the same order) and next steps (the same actions): then only the language differs. Otherwise
(other reference data) the stored sentences stay as written and the output marks them as
stored in the other language. Steps ``suggest`` does not make (agreed in the intake) are the
caseworker's own words and stay as written.
"""

from __future__ import annotations

from skilltool import messages, suggest
from skilltool.models import NextStep, OccupationCode, Profile, SkillEntry, Suggestion
from skilltool.reference import ReferenceData
from skilltool.suggest_index import SuggestIndex


def _same(a: list[Suggestion], b: list[Suggestion]) -> bool:
    return [(s.uri, s.route, s.at_level) for s in a] == [(s.uri, s.route, s.at_level) for s in b]


def _occupation(code: OccupationCode, index: SuggestIndex, lang: str) -> OccupationCode:
    at = index.by_uri.get(code.uri)
    return code if at is None else code.model_copy(update={"label": index.cands[at].label(lang)})


def _skill(entry: SkillEntry, index: SuggestIndex, lang: str) -> SkillEntry:
    labels = index.skill_labels.get(entry.skill_id or "")
    if entry.origin != "derived_from_occupation" or labels is None:
        return entry  # the person's or caseworker's own words
    return entry.model_copy(update={"label": labels[0 if lang == "nl" else 1]})


def _codes_in(profile: Profile, index: SuggestIndex, lang: str) -> Profile:
    """Coded occupations and derived skills labelled in ``lang`` by their ESCO id."""
    work = [
        w.model_copy(
            update={
                "coded": _occupation(w.coded, index, lang) if w.coded else None,
                "alternatives": [_occupation(a, index, lang) for a in w.alternatives],
            }
        )
        for w in profile.work
    ]
    return profile.model_copy(
        update={"work": work, "skills": [_skill(s, index, lang) for s in profile.skills]}
    )


def in_language(profile: Profile, *, ref: ReferenceData, lang: str) -> Profile:
    """``profile`` with its suggestions and next steps worded in ``lang`` where they can be."""
    want = messages.lang_of(lang)
    stored = profile.texts_lang
    if stored is None or stored == want:
        return profile
    profile = _codes_in(profile, ref.suggest_index, want)
    if not (profile.suggestions or profile.own_trade or profile.next_steps):
        return profile.model_copy(update={"texts_lang": want})
    # the intake asks for the default top 10; a longer stored list was asked for on purpose
    result = suggest.suggest(profile, ref=ref, top=max(len(profile.suggestions), 10), lang=want)
    own = list(result.own_trade)
    sugg = list(result.suggestions)[: len(profile.suggestions)]
    if not (_same(own, profile.own_trade) and _same(sugg, profile.suggestions)):
        return profile
    fresh: dict[str, list[NextStep]] = {}
    for step in result.next_steps:
        fresh.setdefault(step.action, []).append(step)
    steps: list[NextStep] = []
    for step in profile.next_steps:
        if step.action not in fresh:  # not derived (e.g. agreed in the intake): the caseworker's words
            steps.append(step)
            continue
        pool = fresh[step.action]
        if not pool:
            return profile.model_copy(update={"own_trade": own, "suggestions": sugg})
        steps.append(pool.pop(0).model_copy(update={"agreed": step.agreed}))
    return profile.model_copy(
        update={"own_trade": own, "suggestions": sugg, "next_steps": steps, "texts_lang": want}
    )
