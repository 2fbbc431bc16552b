"""The plain copy of the weights' values read per route and suggestion (``suggest_rules``): the
same values as the weights, and a new copy as soon as the index holds other weights."""

from __future__ import annotations

import dataclasses

from skilltool import suggest_scoring
from skilltool.suggest_person import person_of
from skilltool.suggest_rules import HotRules, hot_rules

from .test_suggest_shared_parts import _profiles, _ref


def test_the_copy_holds_the_weights_values() -> None:
    """Every value of ``HotRules`` is the one its model holds (a list as a set of the same items)."""
    index = _ref().suggest_index
    w = index.weights
    hot = hot_rules(index)
    assert hot is hot_rules(index)  # made once
    routes = w.routes
    assert hot.weights is w
    assert hot.direct_max_dutch_gap == routes.direct_max_dutch_gap
    assert hot.related_digits_for_entry == routes.related_digits_for_entry
    assert hot.skills_share_for_entry == routes.skills_share_for_entry
    assert hot.qualification_needed_from_isco_skill_level == routes.qualification_needed_from_isco_skill_level
    assert hot.training_first_isco == frozenset(routes.training_first_isco)
    assert hot.certificate_entry_isco == frozenset(routes.certificate_entry_isco)
    assert hot.dutch_rules_isco == frozenset(routes.dutch_rules_isco)
    assert hot.distinctive_min_count == routes.fit.distinctive_min_count
    assert hot.distinctive_for_entry_from_skill_level == routes.distinctive_for_entry_from_skill_level
    assert hot.max_missing_shown == w.skills.max_missing_shown
    assert hot.part_time_max_hours == w.wishes.part_time_max_hours
    assert hot.part_time_sectors == frozenset(w.wishes.part_time_sectors)
    assert hot.max_per_isco_unit == w.selection.max_per_isco_unit
    assert len(dataclasses.fields(HotRules)) == 14  # a value added to the copy is added above too


def test_other_weights_give_a_new_copy_and_routes_follow_them() -> None:
    """An index given other weights (a test's, a rebuilt index's) is never read through the copy of
    the old ones: with no Dutch gap allowed for a direct start, a job asking more Dutch than the
    person has is a dual route with the Dutch reason, whatever the copy made before held."""
    index = dataclasses.replace(_ref().suggest_index, hot=None)
    before = hot_rules(index)
    routes = index.weights.routes.model_copy(update={"direct_max_dutch_gap": 0})
    index.weights = index.weights.model_copy(update={"routes": routes})
    after = hot_rules(index)
    assert after is not before and after.weights is index.weights
    assert after.direct_max_dutch_gap == 0
    p = person_of(_profiles()[0], index, "nl")
    # one CEFR step short: within the data's gap (1), beyond the new one (0)
    c = next(c for c in index.cands if c.dutch_needed == p.dutch + 1 and c.regulated is None)
    assert c.dutch_needed - p.dutch <= before.direct_max_dutch_gap
    route, why = suggest_scoring.route_for(index, p, c, 0)
    assert route == "dual" and "what_dutch" in why
