"""Whole suggestions shared between people: the key of everything ``build_suggestion`` reads of
the person, so that one built suggestion serves everyone with the same inputs; and the score parts
shared the same way per their few inputs (``new_part``).

A batch's people repeat (common titles, the same derived skills, the same few levels): of 42,544
suggestions built for 5,000 generated rows, 7,409 were different. The ranking inputs a suggestion
is made of (skill counts, the related past job, the class parts, the route) are worked out first
(they are cheap next to the texts, parts, reasons and gaps); then the suggestion is looked up by
them and the rest of the person's few facts that its words read. A suggestion is read, never
changed in place (``said_first`` and ``relabel`` make copies), like the texts and parts it holds,
so sharing one is safe. ``tests/test_suggest_reuse.py`` checks that every field of a shared
suggestion is what building it anew gives.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from skilltool.models import ScorePart
from skilltool.models.base import construct
from skilltool.suggest_qualified import big_registered

if TYPE_CHECKING:
    from skilltool.memo import Memo
    from skilltool.models import Text
    from skilltool.suggest_index import Candidate, SuggestIndex
    from skilltool.suggest_person import Person
    from skilltool.suggest_scoring import ClassParts, Related

Made = tuple[int, int, "Related", "ClassParts", str, list[str], list[str], list[str], list["Text"]]
"""What ``build_suggestion`` works out before it looks for a built suggestion: the essential and
optional skills held, the related past job, the class parts, the route and its reasons, the held
and missing certificates, the ``fit`` sentences."""


def built_key(
    index: SuggestIndex,
    p: Person,
    c: Candidate,
    made: Made,
    *,
    lacking: list[str],
    at_level: bool,
    basis: str,
    likely: int = 0,
) -> tuple[object, ...]:
    """Everything a built suggestion of ``c`` is made of (``suggest_build.build_suggestion``, in its
    order): ``made``, the missing skills it names (``lacking``, ``suggest_missing.first_lacking``),
    whether the person is at its level (``at_level``), the level basis's key (``basis``,
    ``_person_texts``) and the person's few facts its words read. The ``fit`` sentences are keyed
    by identity: the suggestion kept with the key holds them, so no other object can take their
    ``id`` while the entry exists."""
    e, o, related, class_points, route, why, held, missing, fit_words = made
    job = related.job
    at = index.by_uri.get(c.uri, -1)
    return (
        c.uri,
        p.lang,
        e,
        o,
        related.points,
        related.digits,
        None if job is None else (job.uri, job.label, job.factor < 1),
        class_points,
        route,
        "what_qualification" in why,
        "what_rules" in why,
        tuple(held),
        tuple(missing),
        tuple(map(id, fit_words)),
        tuple(lacking),
        at_level,
        basis,
        likely,  # the essential skills held only through a flagged code (worded as likely)
        p.dutch,
        p.dutch_known,
        c.sector in p.wish_sectors,
        at in p.wish_cands,
        at in p.wish_review,
        # the hours, which the wishes part's evidence can name when that part has points
        p.hours if class_points.wish or at in p.wish_cands else None,
        # held, and whether a registration (its gap says so: suggest_qualified.big_registered)
        c.regulated is not None and c.regulated in p.dutch_qualified,
        c.regulated is not None and big_registered(p.dutch_qualified.get(c.regulated, "")),
        p.near_pension,
        c.isco[:4] in p.entry,
        p.edu_unofficial,
    )


def new_part(
    memo: Memo[tuple[object, ...], ScorePart],
    key: tuple[object, ...],
    name: str,
    points: float,
    evidence: Callable[..., Text],
    /,
    *args: object,
    **kwargs: object,
) -> ScorePart:
    """The score part ``name`` of the inputs ``key``, not in the index's memo yet: built with
    ``evidence(*args, **kwargs)`` and kept (a part is read, never changed, so sharing it is safe).
    The caller looks in the memo first, inline: packing the arguments for a call that then found
    the part was most of a hit's cost (5 parts a suggestion)."""
    return memo.put(key, construct(ScorePart, name=name, points=points, evidence=evidence(*args, **kwargs)))
