"""The official route for a foreign diploma (IDW, BIG, documents) and the caveat every
indication carries: which steps apply follows the entry's context (documents, finished, field).
"""

from __future__ import annotations

from collections.abc import Iterable

from skilltool.countries import country_name
from skilltool.diploma_names import normalize
from skilltool.models.diplomas import (
    BilingualText,
    LookupContext,
    RouteStep,
)

# --- texts: caveat, route ------------------------------------------------------------------------

CAVEAT = BilingualText(
    nl=(
        "Indicatie, geen officiële waardering: dit is de algemene vergelijking uit de genoemde bron "
        "(meestal Nuffic) voor dit soort diploma, geen beoordeling van het diploma van deze persoon. "
        "Er zijn geen rechten aan te ontlenen. Alleen IDW geeft een persoonlijke diplomawaardering; "
        "ook die geeft geen toestemming om in een gereglementeerd beroep te werken."
    ),
    en=(
        "An indication, not an evaluation: this is the source's general comparison (usually Nuffic) "
        "for this kind of diploma, not an assessment of this person's diploma. No rights can be "
        "derived from it. Only IDW gives a personal credential evaluation; even that does not give "
        "permission to work in a regulated profession."
    ),
)

_IDW_INBURGERING = "https://idw.nl/en/inburgering"
_IDW_INBURGERING_NL = "https://idw.nl/nl/inburgering.html"
_IDW_DIPLOMA = "https://idw.nl/nl/diplomawaardering.html"
_IDW_DOCUMENTS = "https://idw.nl/nl/vereiste-documenten.html"
_BIG = "https://www.bigregister.nl/buitenlands-diploma/procedures/verklaring-vakbekwaamheid"

STEP_DIPLOMAWAARDERING = RouteStep(
    id="idw-diplomawaardering",
    when="always",
    url=_IDW_INBURGERING,
    text=BilingualText(
        nl=(
            "Vraag bij IDW (idw.nl) een diplomawaardering aan: een schriftelijk advies over het "
            "Nederlandse niveau van één diploma, meestal het hoogste. Gratis, één keer, voor wie op of "
            "na 1 januari 2015 inburgeringsplichtig werd en daarover de brief van DUO kreeg, zolang het "
            "inburgeringsdiploma nog niet behaald is; ook gratis met een goedkeurende "
            "verklaring van UWV bij een ZW-, WAZ-, WAO-, WIA- of Wajong-uitkering; anders kost een "
            "waardering geld (bedrag op idw.nl). Behandeltijd: meestal ongeveer 6 werkweken nadat "
            "de aanvraag compleet is, de laatste tijd soms tot 10 werkweken (kijk op idw.nl)."
        ),
        en=(
            "Apply to IDW (idw.nl) for a credential evaluation (diplomawaardering): a written advice on "
            "the Dutch level of one diploma, usually the highest. Free, once, for people who became "
            "obliged to integrate (inburgeringsplichtig) on or after 1 January 2015 and received DUO's "
            "letter about it, as long as they do not yet have their inburgeringsdiploma; also "
            "free with an approving statement from UWV for people on a ZW, WAZ, WAO, WIA or Wajong "
            "benefit; otherwise there is a fee (amount on idw.nl). Processing time: usually about 6 "
            "working weeks after the application is complete, recently up to 10 working weeks "
            "(check idw.nl)."
        ),
    ),
)
STEP_INDICATIE = RouteStep(
    id="idw-indicatie-onderwijsniveau",
    when="documents_missing",
    url=_IDW_INBURGERING_NL,
    text=BilingualText(
        nl=(
            "Geen diploma of cijferlijst meer, en niet veilig op te vragen in het land van herkomst? "
            "Doe toch een aanvraag bij IDW en geef aan dat er geen documenten zijn. Wie als vluchteling "
            "kwam, krijgt dan een Indicatie onderwijsniveau: een beschrijving in het Nederlands van het "
            "niveau van de gevolgde opleiding."
        ),
        en=(
            "No diploma or transcript left, and no safe way to request them from the country of "
            "origin? Apply to IDW anyway and state that there are no documents. People who came as "
            "refugees then receive an Indicatie onderwijsniveau (indication of education level): a "
            "description in Dutch of the level of the education they followed."
        ),
    ),
)
STEP_OPLEIDINGSWAARDERING = RouteStep(
    id="idw-opleidingswaardering",
    when="unfinished",
    url=_IDW_DIPLOMA,
    text=BilingualText(
        nl=(
            "Opleiding niet afgemaakt? Is minstens één schooljaar (1000 uur onderwijs) afgerond, dan "
            "kan IDW vaak een opleidingswaardering geven: een advies over met welk niveau de "
            "niet-afgeronde opleiding in Nederland vergelijkbaar is. Cursussen korter dan 1000 uur en "
            "opleidingen buiten het reguliere onderwijs (bijv. een particulier instituut) waardeert "
            "IDW niet."
        ),
        en=(
            "Studies not finished? If at least one school year (1,000 hours of education) was "
            "completed, IDW can often give an opleidingswaardering (evaluation of unfinished "
            "studies): an advice on which Dutch level the unfinished programme compares to. Courses "
            "shorter than 1,000 hours and programmes outside regular education (e.g. a private "
            "institute) are not evaluated."
        ),
    ),
)
STEP_BIG = RouteStep(
    id="big-verklaring-vakbekwaamheid",
    when="regulated_care",
    url=_BIG,
    text=BilingualText(
        nl=(
            "Zorgberoep zoals arts, tandarts, apotheker of verpleegkundige? Een niveau-indicatie of "
            "diplomawaardering geeft geen recht om het beroep uit te oefenen. Met een diploma van "
            "buiten de EU vraagt u bij het BIG-register (CIBG, namens de minister van VWS) een "
            "Verklaring van vakbekwaamheid aan; artsen, tandartsen en verpleegkundigen maken daarbij "
            "een beroepsinhoudelijke toets (BI-toets). Pas daarna is BIG-registratie mogelijk. De "
            "procedure duurt gemiddeld 6 maanden tot 1,5 jaar."
        ),
        en=(
            "A care profession such as doctor, dentist, pharmacist or nurse? A level indication or "
            "credential evaluation does not give the right to practise. With a diploma from outside "
            "the EU, apply to the BIG register (CIBG, for the Minister of Health) for a Verklaring van "
            "vakbekwaamheid (certificate of competence); doctors, dentists and nurses also take a "
            "professional knowledge test (BI-toets). Only then is BIG registration possible. The "
            "procedure takes 6 months to 1.5 years on average."
        ),
    ),
)
STEP_DOCUMENTS = RouteStep(
    id="documents-translation",
    when="always",
    url=_IDW_DOCUMENTS,
    text=BilingualText(
        nl=(
            "Documenten en vertalingen: IDW vraagt een kopie van het diploma, de cijferlijsten en een "
            "identiteitsbewijs of verblijfsvergunning. Bij een aanvraag voor inburgering is een "
            "beëdigde vertaling niet nodig (IDW laat zo nodig zelf vertalen). Bij andere aanvragen "
            "vraagt IDW een beëdigde vertaling van documenten die niet in het Nederlands, Engels, "
            "Duits of Frans zijn, tenzij de onderwijsinstelling ook een Engelse versie gaf. Voor de "
            "BIG-procedure moeten documenten in een andere taal dan Nederlands of Engels vertaald zijn."
        ),
        en=(
            "Documents and translations: IDW asks for a copy of the diploma, the transcripts and an "
            "identity document or residence permit. For an application under the integration "
            "programme no sworn translation is needed (IDW has documents translated itself where "
            "needed). For other applications IDW asks for a sworn translation of documents not in "
            "Dutch, English, German or French, unless the school also issued an English version. For "
            "the BIG procedure, documents in a language other than Dutch or English must be translated."
        ),
    ),
)


def _no_comparison(country: str | None) -> BilingualText:
    where_nl = f" uit {country_name(country, 'nl')}" if country else ""
    where_en = f" from {country_name(country, 'en')}" if country else ""
    return BilingualText(
        nl=(
            f"Geen vergelijking met bron gevonden voor dit diploma{where_nl}: het Nederlandse niveau is "
            "onbekend. Raad het niet; een diplomawaardering van IDW geeft het niveau."
        ),
        en=(
            f"No sourced comparison found for this diploma{where_en}: its Dutch level is unknown. Do "
            "not guess; an IDW credential evaluation gives the level."
        ),
    )


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


def _mentions_veterinary(texts: Iterable[str]) -> bool:
    """Veterinary medicine is regulated, but not through the BIG register."""
    return any(word in normalize(text) for text in texts for word in _VETERINARY_WORDS)


def _mentions_care(texts: Iterable[str]) -> bool:
    for text in texts:
        words = normalize(text)
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
