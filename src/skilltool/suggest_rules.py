"""The few rule values read for every route and suggestion, copied out of the weights once per index.

``SuggestWeights`` and its parts are pydantic models, and ``BaseModel`` defines ``__getattr__``, so
Python never specialises a read of their attributes: each goes through ``slot_tp_getattr_hook``
(about 390 instructions against some 20 for a slot). ``route_for`` read six of them a call, some 15
calls a batch row (bench/suggest_instructions.py: 477 model attribute reads a row, 7.8 % of the
suggesting step's instructions). The weights are frozen, so a copy stays right for as long as the
index holds the same weights object (``hot_rules`` checks that by identity).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from skilltool.models.suggest import SuggestWeights
    from skilltool.suggest_index import SuggestIndex


@dataclass(frozen=True, slots=True)
class HotRules:
    """Plain copies of the weights' values ``route_for``, ``_core_held``, ``select`` and
    ``build_suggestion`` read (the same values: see ``RouteRules``, ``FitRules``, ``SkillWeights``,
    ``WishWeights``, ``SelectionRules``)."""

    weights: SuggestWeights
    """The weights copied from: a copy is used only while the index holds this very object."""
    direct_max_dutch_gap: int
    related_digits_for_entry: dict[int, int]
    skills_share_for_entry: float
    qualification_needed_from_isco_skill_level: int
    training_first_isco: frozenset[str]
    """``RouteRules.training_first_isco`` as a set: the same membership, without a list scan."""
    certificate_entry_isco: frozenset[str]
    """``RouteRules.certificate_entry_isco`` as a set."""
    dutch_rules_isco: frozenset[str]
    """``RouteRules.dutch_rules_isco`` as a set."""
    distinctive_min_count: int
    distinctive_for_entry_from_skill_level: int
    max_missing_shown: int
    part_time_max_hours: int
    part_time_sectors: frozenset[str]
    max_per_isco_unit: int


def hot_rules(index: SuggestIndex) -> HotRules:
    """``index``'s ``HotRules``, made on first use and again whenever its weights were replaced."""
    hot = index.hot
    w = index.weights
    if hot is None or hot.weights is not w:
        routes = w.routes
        hot = index.hot = HotRules(
            weights=w,
            direct_max_dutch_gap=routes.direct_max_dutch_gap,
            related_digits_for_entry=dict(routes.related_digits_for_entry),
            skills_share_for_entry=routes.skills_share_for_entry,
            qualification_needed_from_isco_skill_level=routes.qualification_needed_from_isco_skill_level,
            training_first_isco=frozenset(routes.training_first_isco),
            certificate_entry_isco=frozenset(routes.certificate_entry_isco),
            dutch_rules_isco=frozenset(routes.dutch_rules_isco),
            distinctive_min_count=routes.fit.distinctive_min_count,
            distinctive_for_entry_from_skill_level=routes.distinctive_for_entry_from_skill_level,
            max_missing_shown=w.skills.max_missing_shown,
            part_time_max_hours=w.wishes.part_time_max_hours,
            part_time_sectors=frozenset(w.wishes.part_time_sectors),
            max_per_isco_unit=w.selection.max_per_isco_unit,
        )
    return hot
