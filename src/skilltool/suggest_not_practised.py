"""Occupations not practised in the Netherlands (``data/regulated_nl.yaml``, ``not_practised``).

They are never suggested: ``suggest_index_build`` leaves them out of the candidates and keeps what
``suggest`` needs of them here (``NotPractisedTable``, compiled with the index and cached with it,
so a batch never loads the occupation records for them). When one is the person's own trade (a
coded past job, or a wished occupation named by one of its labels), its own-trade entry gets, as
its first gap, a text saying it is not practised here, why (the law or fact, with its date) and
which related work has a route here (``suggest.g_not_practised``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from skilltool.errors import DataFileError
from skilltool.messages import say
from skilltool.models import Suggestion, Text
from skilltool.suggest_texts import words, x

if TYPE_CHECKING:
    from skilltool.reference import ReferenceData


@dataclass(frozen=True, slots=True)
class NotPractisedTable:
    """The not-practised occupations as ``suggest`` needs them, in plain strings."""

    texts: dict[str, tuple[str, str, str, str]] = field(default_factory=dict)
    """Occupation URI -> (reason in Dutch, in English, related work in Dutch, in English)."""
    by_label: dict[str, str] = field(default_factory=dict)
    """Normalised Dutch or English label (preferred or alternative) -> occupation URI."""

    def gap(self, uri: str) -> Text | None:
        """The first gap of the occupation ``uri`` when it is not practised here, else None."""
        found = self.texts.get(uri)
        if found is None:
            return None
        reason_nl, reason_en, related_nl, related_en = found
        return x("g_not_practised", reason=words(reason_nl, reason_en), related=words(related_nl, related_en))

    def wished(self, wishes: Iterable[str]) -> list[str]:
        """URIs of not-practised occupations among ``wishes`` (normalised as the index normalises
        labels: ``suggest_index.norm``), in the order named."""
        found: list[str] = []
        for key in wishes:
            uri = self.by_label.get(key)
            if uri is not None and uri not in found:
                found.append(uri)
        return found


def compile_table(ref: ReferenceData, norm: Callable[[str], str]) -> NotPractisedTable:
    """The reasons, related work and labels (normalised by ``norm``, the index's) of every
    occupation not practised here; run by the index build."""
    items = ref.regulated_nl.not_practised
    if not items:
        return NotPractisedTable()
    by_en = {occ.label.get("en"): occ for occ in ref.occupations.occupations}
    table = NotPractisedTable()
    for item in items:
        related = [by_en[label] for label in item.related if label in by_en]
        related_nl = ", ".join(o.label.get("nl") or o.label.get("en") for o in related)
        related_en = ", ".join(o.label.get("en") for o in related)
        table.texts[item.uri] = (item.reason.nl, item.reason.en, related_nl, related_en)
        occ = ref.occupation_by_uri.get(item.uri)
        if occ is not None:
            for text in (occ.label.nl, occ.label.en, *occ.alt.nl, *occ.alt.en):
                if text and (key := norm(text)):
                    table.by_label.setdefault(key, item.uri)
    return table


def said_first(table: NotPractisedTable, suggestion: Suggestion) -> Suggestion:
    """``suggestion`` with the not-practised gap first, when its occupation is not practised here."""
    gap = table.gap(suggestion.uri)
    if gap is None:
        return suggestion
    return suggestion.model_copy(update={"gaps": [gap, *suggestion.gaps]})


def check_not_practised(ref: ReferenceData, labels: set[str]) -> int:
    """Each entry's URI and English preferred label name the same ESCO occupation, and each
    related label is one of ``labels`` (the English preferred labels): part of the regulated
    file's cross-check (``suggest_checks.check_regulated``, run by ``data validate`` and the
    index build). The number of entries."""
    path = ref.path("regulated_nl.yaml")
    items = ref.regulated_nl.not_practised
    for n, item in enumerate(items):
        occ = ref.occupation_by_uri.get(item.uri)
        if occ is None or occ.label.get("en") != item.label:
            where, label = f"not_practised.{n}", repr(item.label)
            msg = say("errors.data.uri_label", path=path, field=where, uri=item.uri, label=label)
            raise DataFileError(msg)
        for related in item.related:
            if related not in labels:
                where = f"not_practised.{n}.related"
                msg = say("errors.data.no_esco_label", path=path, field=where, label=repr(related))
                raise DataFileError(msg)
    return len(items)
