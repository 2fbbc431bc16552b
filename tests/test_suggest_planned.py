"""What a profile keeps of ``suggest`` (``suggest.planned``, which ``profile_building.add_suggestions``
calls): the same suggestions, own trade and plan as ``suggest``'s result."""

from __future__ import annotations

from pydantic import BaseModel

from skilltool import profile_files, suggest

from .test_suggest_shared_parts import PERSONAS, _ref


def test_what_a_profile_keeps_of_suggest_is_what_suggest_gives() -> None:
    """``suggest.planned`` (what ``add_suggestions`` stores: the own trade, the suggestions, the
    plan) gives the very texts ``suggest`` gives, in both languages, with and without ``fit``;
    only the result's own sentences (empty slots, level, scale, caveat) are left unmade."""
    ref = _ref()
    for path in PERSONAS[::4]:
        profile = profile_files.read_profile(path)
        for lang in ("nl", "en"):
            for fit in (True, False):
                full = suggest.suggest(profile, ref=ref, lang=lang, fit=fit)
                kept = suggest.planned(profile, ref=ref, lang=lang, fit=fit)
                assert [_dump(s) for s in kept.suggestions] == [_dump(s) for s in full.suggestions]
                assert [_dump(s) for s in kept.own_trade] == [_dump(s) for s in full.own_trade]
                assert [_dump(s) for s in kept.next_steps] == [_dump(s) for s in full.next_steps]
                assert kept.person.level == full.person_level


def _dump(model: BaseModel) -> bytes:
    return model.__pydantic_serializer__.to_json(model)
