"""The official route for a foreign diploma (IDW, BIG, documents) and the caveat every
indication carries: which steps apply follows the entry's context (documents, finished, field).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from skilltool import messages
from skilltool.countries import country_name
from skilltool.diploma_names import normalize
from skilltool.models.diplomas import (
    BilingualText,
    LookupContext,
    RouteStep,
    RouteWhen,
)

# --- texts: caveat, route ------------------------------------------------------------------------


def _bi(key: str) -> BilingualText:
    """A catalogue text (``skilltool/messages``) in both languages."""
    return BilingualText(nl=messages.t(key, "nl"), en=messages.t(key, "en"))


CAVEAT = _bi("diploma.caveat")


def _step(id: str, when: RouteWhen, url: str) -> RouteStep:
    """A route step; its text is the catalogue's ``diploma.step.<id>``."""
    return RouteStep(id=id, when=when, url=url, text=_bi(f"diploma.step.{id}"))


STEP_DIPLOMAWAARDERING = _step("idw-diplomawaardering", "always", "https://idw.nl/en/inburgering")
STEP_INDICATIE = _step(
    "idw-indicatie-onderwijsniveau", "documents_missing", "https://idw.nl/nl/inburgering.html"
)
STEP_OPLEIDINGSWAARDERING = _step(
    "idw-opleidingswaardering", "unfinished", "https://idw.nl/nl/diplomawaardering.html"
)
STEP_BIG = _step(
    "big-verklaring-vakbekwaamheid",
    "regulated_care",
    "https://www.bigregister.nl/buitenlands-diploma/procedures/verklaring-vakbekwaamheid",
)
STEP_DOCUMENTS = _step("documents-translation", "always", "https://idw.nl/nl/vereiste-documenten.html")


# the steps by id: a profile stores the ids (facts) and the report renders them in its language
ROUTE_STEPS = {
    s.id: s
    for s in (STEP_DIPLOMAWAARDERING, STEP_INDICATIE, STEP_OPLEIDINGSWAARDERING, STEP_BIG, STEP_DOCUMENTS)
}


def no_comparison_text(
    country: str | None, *, too_short: tuple[str, float, int] | None = None
) -> BilingualText:
    """What to do when no sourced comparison matched: do not guess, IDW gives the level.
    ``too_short`` (name, years given, the entry's least years): the best entry the name matched
    but the years left out, said so that a wrong duration can be seen and put right."""

    def words(lang: str) -> str:
        where = (
            messages.t("diploma.no_comparison_from", lang, country=country_name(country, lang))
            if country
            else ""
        )
        text = messages.t("diploma.no_comparison", lang, where=where)
        if too_short is not None:
            name, years, least = too_short
            text += " " + messages.t(
                "diploma.left_out_by_years", lang, name=name, years=f"{years:g}", least=least
            )
        return text

    return BilingualText(nl=words("nl"), en=words("en"))


# Words that point to a regulated care profession (BIG), in the languages caseworkers meet.
_CARE_WORDS = (
    "medicine", "medical", "doctor of medicine", "physician", "surgery", "mbbs", "dentist", "dental",
    "dentistry", "pharmacy", "pharmacist", "pharm", "nurse", "nursing", "midwife", "midwifery",
    "physiotherap", "psycholog", "psychotherap", "geneeskunde", "arts", "huisarts", "tandarts",
    "tandheelkunde", "apotheker", "farmacie", "verpleeg", "verloskund", "fysiotherap",
    "طب", "صيدل", "تمريض", "اسنان", "پزشک", "دندان", "داروساز", "پرستار",
    "tib", "tibb", "saydala", "tamrid", "pezeshki", "doktor", "vrach", "medsestra",
)  # fmt: skip


_VETERINARY_WORDS = ("veterinar", "diergeneeskunde", "dierenarts", "بيطري", "دامپزشک")


def mentions_veterinary(texts: Iterable[str]) -> bool:
    """Veterinary medicine is regulated, but not through the BIG register."""
    return any(word in normalize(text) for text in texts for word in _VETERINARY_WORDS)


# "arts" is the Dutch word for a doctor, and English for a degree's field: a "Bachelor of Arts in
# English Literature" was given the BIG route (fifth expert review). The English phrases are no doctor.
_ARTS_DEGREE = re.compile(r"\b(?:of|fine|liberal|visual|performing|applied|martial) arts\b")


def mentions_care(texts: Iterable[str]) -> bool:
    """A word of a regulated care profession (BIG) in any of ``texts``; short Latin words whole."""
    for text in texts:
        words = _ARTS_DEGREE.sub(" ", normalize(text))
        for word in _CARE_WORDS:
            if len(word) <= 4 and word.isascii():
                if word in words.split():
                    return True
            elif word in words:
                return True
    return False


def route_steps(
    *,
    context: LookupContext | None = None,
    regulated_care: bool = False,
) -> list[RouteStep]:
    """The official route for this case, most specific step first.

    No documents -> IDW's Indicatie onderwijsniveau (with partial documents after the normal
    waardering); unfinished studies -> opleidingswaardering; a care profession -> the BIG route.
    """
    ctx = context or LookupContext()
    steps: list[RouteStep] = []
    if regulated_care:
        steps.append(STEP_BIG)
    if ctx.documents == "no":
        steps.append(STEP_INDICATIE)
    elif ctx.completed is False:
        steps.append(STEP_OPLEIDINGSWAARDERING)
    else:
        steps.append(STEP_DIPLOMAWAARDERING)
        if ctx.documents == "partial":  # what is missing may still get an indicatie
            steps.append(STEP_INDICATIE)
    if ctx.documents != "no" and STEP_DIPLOMAWAARDERING not in steps:
        steps.append(STEP_DIPLOMAWAARDERING)  # who it is free for, and how long it takes
    steps.append(STEP_DOCUMENTS)
    return steps
