"""A past job whose code the coder flagged and no caseworker confirmed: one definition
(``WorkExperience.unconfirmed``), read by the person's likely skills and by a result's count."""

from __future__ import annotations

import pytest

from skilltool.models import Confirmation, OccupationCode, WorkExperience
from skilltool.suggest import suggest
from skilltool.suggest_person import person_of
from tests.test_personas import _ref
from tests.test_personas import persona as _persona

CODE = OccupationCode(uri="u", isco="7212", label="welder", score=80)


@pytest.mark.parametrize(
    ("coded", "flagged", "status", "unconfirmed"),
    [
        (CODE, True, "suggested", True),
        (CODE, True, "free_text", True),
        (CODE, True, "confirmed", False),  # the caseworker confirmed the flagged code
        (CODE, False, "suggested", False),  # the coder was sure
        (None, True, "suggested", False),  # no code: nothing to confirm
    ],
)
def test_unconfirmed_is_a_flagged_code_nobody_confirmed(
    coded: OccupationCode | None, flagged: bool, status: str, unconfirmed: bool
) -> None:
    """Flagged, coded and not confirmed, and nothing else, is unconfirmed work."""
    job = WorkExperience(
        title="x",
        coded=coded,
        needs_review=flagged,
        confirmation=Confirmation.model_validate({"status": status}),
    )
    assert job.unconfirmed is unconfirmed


def test_the_count_and_the_likely_skills_follow_the_one_definition() -> None:
    """A persona's first coded job flagged: the result counts it, and its skills are likely (not held);
    confirmed, neither."""
    profile = _persona("turkish_welder")
    at = next(i for i, w in enumerate(profile.work) if w.coded is not None)
    ref = _ref()
    for status, count in (("suggested", 1), ("confirmed", 0)):
        work = list(profile.work)
        work[at] = work[at].model_copy(
            update={"needs_review": True, "confirmation": Confirmation.model_validate({"status": status})}
        )
        flagged = profile.model_copy(update={"work": work})
        assert sum(w.unconfirmed for w in flagged.work) == count
        assert suggest(flagged, ref=ref, top=3).unconfirmed_work == count
        assert bool(person_of(flagged, ref.suggest_index, "nl").likely) is (count == 1)
