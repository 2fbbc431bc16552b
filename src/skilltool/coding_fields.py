"""A secretary said in a legal or a medical workplace: ISCO-08 gives the work there its
own unit groups (3342 legal secretaries, 3344 medical secretaries, beside 4120 secretaries
(general); the ILO's ISCO-08 group definitions, volume 1), while the word for a secretary
matched ESCO's secretary of no field (4120) first and the place after it changed nothing ("secretaresse
bij een advocaat", "secretary at a hospital" went unchecked to 4120).

So a ranking led by an occupation of 4120 is led by its first occupation of the specialised
group when a word of the title names that field and the ranking holds one; the flag is left as
it was (the field is said; docs/coding.md, "A thirteenth blind set").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from skilltool.occupation_rules import to_front
from skilltool.word_lists import word_set

if TYPE_CHECKING:
    from skilltool.label_index import Hit


GENERAL_SECRETARIES = "4120"
_FIELDS = (
    (
        "3342",
        word_set(
            """
            advocaat advocaten advocatenkantoor advocatuur notaris notarissen notariaat notariskantoor
            rechtbank gerechtshof juridisch juridische lawyer lawyers attorney attorneys court courts
            notary legal
            """
        ),
    ),
    (
        "3344",
        word_set(
            """
            ziekenhuis ziekenhuizen kliniek klinieken polikliniek huisarts huisartsenpraktijk
            huisartsenpost tandarts tandartspraktijk dokter medisch medische gezondheidscentrum
            hospital hospitals clinic clinics doctor doctors dentist medical
            """
        ),
    ),
)
"""The specialised unit group and the words that name its field (Dutch and English)."""


def field_first(
    hits: list[Hit],
    normalized: str,
    iscos: Sequence[str],
    n_occ: int,
    members: Callable[[str], Sequence[int]],
) -> list[Hit]:
    """``hits`` led by their first occupation of a specialised secretaries' group (``_FIELDS``)
    when a secretary of no field (4120) leads and a word of the title names that field; without one
    in ``hits``, by the group's first occupation in ESCO's order (``members``: its
    secretariat clerk), shown with the leader's score. Else unchanged."""
    if not hits or hits[0][0] >= n_occ or iscos[hits[0][0]] != GENERAL_SECRETARIES:
        return hits
    words = normalized.split()
    for group, field in _FIELDS:
        if not field.isdisjoint(words):
            special = next((h for h in hits if h[0] < n_occ and iscos[h[0]] == group), None)
            if special is None and members(group):
                special = (members(group)[0], hits[0][1], -1)
            return hits if special is None else to_front(special, hits)
    return hits
