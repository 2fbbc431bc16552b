"""A profile's stored suggestion and next-step sentences, in another language.

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
from skilltool.models import NextStep, Profile, Suggestion
from skilltool.reference import ReferenceData


def _same(a: list[Suggestion], b: list[Suggestion]) -> bool:
    return [(s.uri, s.route, s.at_level) for s in a] == [(s.uri, s.route, s.at_level) for s in b]


def in_language(profile: Profile, *, ref: ReferenceData, lang: str) -> Profile:
    """``profile`` with its suggestions and next steps worded in ``lang`` where they can be."""
    want = messages.lang_of(lang)
    stored = profile.texts_lang
    derived = profile.suggestions or profile.own_trade or profile.next_steps
    if stored is None or stored == want or not derived:
        return profile
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
