"""``models.base.updated``: ``model_copy(update=...)`` without its copy dispatches (scale29)."""

from __future__ import annotations

from skilltool.models import Personal, Profile
from skilltool.models.base import updated


def _profile() -> Profile:
    return Profile.model_validate(
        {"personal": {"client_ref": "K-1", "birth_year": 1990}, "created": "2026-01-01T00:00:00Z"}
    )


def test_updated_is_model_copy() -> None:
    """The same fields, fields set, extra and private as ``model_copy(update=...)``, a new object
    whose ``__dict__`` and fields set are its own (the original unchanged)."""
    profile = _profile()
    update: dict[str, object] = {"texts_lang": "en", "suggestions": []}
    mine, theirs = updated(profile, update), profile.model_copy(update=update)
    assert type(mine) is Profile
    assert mine == theirs
    assert vars(mine) == vars(theirs)
    assert mine.model_fields_set == theirs.model_fields_set
    assert mine.__pydantic_extra__ == theirs.__pydantic_extra__
    assert mine.__pydantic_private__ == theirs.__pydantic_private__
    assert mine.model_dump_json(exclude_unset=True) == theirs.model_dump_json(exclude_unset=True)
    assert vars(mine) is not vars(profile)
    assert mine.model_fields_set is not profile.model_fields_set
    assert "texts_lang" not in profile.model_fields_set


def test_updated_keeps_sub_models_shared() -> None:
    """A shallow copy, as ``model_copy``: the fields not updated are the same objects."""
    profile = _profile()
    mine = updated(profile, {"texts_lang": "en"})
    assert mine.personal is profile.personal
    assert isinstance(mine.personal, Personal)
