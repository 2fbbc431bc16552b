"""The rules that read the whole answer again once its ranking is placed (``coding_places``) and,
when flagged, read with the label it opens with (``OccupationCoder._opening``): each takes the
ranking and the flag and gives the ranking back, reordered or as it was, or adds to the flag.
A new rule of this kind goes here, in its place in the order, not in ``occupations``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from skilltool.coding_armed_forces import in_armed_forces
from skilltool.coding_fields import field_first
from skilltool.coding_helpers import helper_of_a_trade
from skilltool.coding_lessons import lessons_first
from skilltool.coding_level import care_level_first, level_in_doubt
from skilltool.coding_managers import (
    owner_with_staff,
    said_manager_first,
    said_supervisor_first,
    unsaid_manager_last,
)
from skilltool.coding_schools import said_level_first
from skilltool.coding_stalls import street_food_first

if TYPE_CHECKING:
    from skilltool.label_index import Hit
    from skilltool.occupation_build import _OccupationTable


def answer_rules(
    t: _OccupationTable,
    hits: list[Hit],
    flagged: bool,
    *,
    normalized: str,
    text: str,
    members: Callable[[str], list[int]],
) -> tuple[list[Hit], bool]:
    """``hits`` and ``flagged`` after every rule, in order (``text``: the answer as typed;
    ``normalized``: as ``textnorm`` folds it; ``members``: the occupations of an ISCO-08 group)."""
    # "laborant ziekenhuis", "sloopwerk woningen"
    hits = unsaid_manager_last(hits, flagged, normalized, t.iscos, labels=t.label_nl)
    hits = said_manager_first(
        hits, flagged, normalized, t.iscos, t.n_occ, labels=t.label_nl
    )  # "directeur tapijtfabriek"
    hits = said_supervisor_first(hits, flagged, normalized, t.iscos, t.group_of)  # "ploegleider inpak"
    hits = helper_of_a_trade(hits, flagged, normalized, t.iscos, t.group_of)  # "hulp bij de timmerman"
    hits = lessons_first(hits, flagged, text, t.iscos, t.group_of)  # "gitaarles gegeven"
    hits = street_food_first(hits, flagged, normalized, t.iscos, t.group_of)  # "thee op straat verkocht"
    hits = field_first(hits, normalized, t.iscos, t.n_occ, members)  # "secretary at a clinic"
    hits = said_level_first(hits, flagged, normalized, t.iscos)  # "docent scheikunde op de universiteit"
    flagged = flagged or (bool(hits) and (t.asked(hits[0]) or t.said_beside(hits[0], normalized)))
    flagged = flagged or (bool(hits) and level_in_doubt(normalized, t.iscos[hits[0][0]], text))
    hits = care_level_first(hits, flagged, normalized, t.iscos, t.group_of, text=text)  # "nurse mbo"
    flagged = flagged or (bool(hits) and owner_with_staff(text, t.iscos[hits[0][0]]))
    flagged = flagged or (bool(hits) and in_armed_forces(normalized, t.iscos[hits[0][0]]))
    return hits, flagged
