"""Real fit on skills (``suggest_fit``): a shared block of skills is not the job itself."""

from __future__ import annotations

import pytest

from skilltool.models.suggest import FitRules
from skilltool.suggest_fit import distinctive_held, distinctive_ok, distinctive_skills, skills_fit

RULE = FitRules(
    related_digits=3,
    skills_share=0.5,
    skills_min_held=3,
    distinctive_max_occupations=2,
    distinctive_min_count=2,
    distinctive_share=0.25,
    distinctive_min_held=1,
    distinctive_for_minor_group_from_skill_level=4,
)


def test_distinctive_skills_are_those_few_occupations_share() -> None:
    essential = {
        "a": ("method", "publish", "theology", "scripture"),
        "b": ("method", "publish", "dosage"),
        "c": ("method", "publish", "assay"),
    }
    found = distinctive_skills(essential, ["a", "b"], max_occupations=2)
    assert found == {"a": ("theology", "scripture"), "b": ("dosage",)}  # the data's order kept


def test_a_shared_block_alone_is_no_fit() -> None:
    """Like a pharmacist and a religion researcher: most essential skills held, all of them the
    research block, none of what makes the job."""
    assert not skills_fit(RULE, essential=35, held=29, distinctive=4, held_distinctive=0)
    assert skills_fit(RULE, essential=35, held=29, distinctive=4, held_distinctive=1)


def test_too_few_distinctive_skills_to_ask_and_the_half_rule_still_holds() -> None:
    assert skills_fit(RULE, essential=10, held=5, distinctive=1, held_distinctive=0)
    assert skills_fit(RULE, essential=10, held=5, distinctive=0, held_distinctive=0)
    assert not skills_fit(RULE, essential=10, held=4, distinctive=4, held_distinctive=4)
    assert not skills_fit(RULE, essential=0, held=0, distinctive=0, held_distinctive=0)


@pytest.mark.parametrize("held", [set(), {"x"}, {"x", "y", "z"}])
def test_distinctive_held_counts_membership(held: set[str]) -> None:
    assert distinctive_held(("x", "y", "q"), held) == len(held & {"x", "y", "q"})


def test_the_shipped_weights_carry_the_rule() -> None:
    """The thresholds live in data/suggest_weights.yaml (read and checked like every weight)."""
    from skilltool import yamlio
    from skilltool.models import SuggestWeights

    from .conftest import REPO

    weights = SuggestWeights.model_validate(
        yamlio.loads((REPO / "data/suggest_weights.yaml").read_text("utf-8"))
    )
    fit = weights.routes.fit
    assert fit.distinctive_max_occupations >= 1 and 0 < fit.distinctive_share <= 1


def test_distinctive_ok_asks_only_where_there_are_enough() -> None:
    assert distinctive_ok(RULE, distinctive=1, held_distinctive=0)
    assert not distinctive_ok(RULE, distinctive=8, held_distinctive=1)
    assert distinctive_ok(RULE, distinctive=8, held_distinctive=2)


def test_one_shared_skill_of_two_is_no_fit() -> None:
    assert not skills_fit(RULE, essential=2, held=1, distinctive=0, held_distinctive=0)
    assert not skills_fit(RULE, essential=4, held=2, distinctive=0, held_distinctive=0)
    assert skills_fit(RULE, essential=5, held=3, distinctive=0, held_distinctive=0)


def test_one_distinctive_skill_alone_is_incidental() -> None:
    """With ``distinctive_min_held`` 2 (the shipped value), one of five distinctive skills is no fit
    though it is a fifth, as a midwife's one of a clinical perfusion scientist's five; two are; an
    occupation with fewer distinctive skills than that asks all of them."""
    rule = RULE.model_copy(update={"distinctive_share": 0.2, "distinctive_min_held": 2})
    assert not distinctive_ok(rule, distinctive=5, held_distinctive=1)
    assert distinctive_ok(rule, distinctive=5, held_distinctive=2)
    assert distinctive_ok(rule, distinctive=23, held_distinctive=5)  # an optician for an optometrist
    assert not distinctive_ok(rule, distinctive=23, held_distinctive=4)  # under a fifth
    assert not distinctive_ok(rule, distinctive=2, held_distinctive=1)
    assert distinctive_ok(rule, distinctive=2, held_distinctive=2)
    assert distinctive_ok(rule, distinctive=1, held_distinctive=0)  # too few to ask


def test_a_shared_minor_group_needs_some_of_the_jobs_own_skills() -> None:
    """For professionals a shared minor group counts with the distinctive share; where the job has
    too few distinctive skills to ask, with at least ``skills_min_held`` essential ones (an
    economist held none of a social worker's 61); below that skill level it always counts."""
    from skilltool.suggest_fit import minor_group_ok

    def ok(level: int, held: int, n: int, hd: int) -> bool:
        return minor_group_ok(
            RULE, skill_level=level, essential_held=held, distinctive=n, held_distinctive=hd
        )

    assert not ok(4, 0, 0, 0)  # the social worker for an economist
    assert ok(4, 3, 0, 0)
    assert ok(4, 0, 8, 2) and not ok(4, 30, 8, 1)  # enough distinctive ones decide
    assert ok(3, 0, 0, 0) and ok(2, 0, 8, 0)  # technicians and trades: the group itself
