"""Activities whose worker is not the verb's agent noun, as a table: who cuts hair is a
hairdresser, who gives lessons a teacher (``IDIOMS``); ``coding_activity`` reads them first."""

from __future__ import annotations


def _idioms(text: str) -> dict[tuple[str, str], str]:
    """``verb forms : objects : worker`` a line, as a table keyed by (verb form, object)."""
    table: dict[tuple[str, str], str] = {}
    for line in text.strip().splitlines():
        verbs, things, worker = (part.split() for part in line.split(":"))
        table.update({(verb, thing): " ".join(worker) for verb in verbs for thing in things})
    return table


IDIOMS = _idioms(
    """
    knipte knipten knip knipt knippen : haar haren : kapper
    gaf gaven geef geeft geven : les lessen bijles bijlessen : leraar
    verzorgde verzorgden verzorg verzorgt verzorgen : ouderen bejaarden zieken : verzorgende ig
    verfde verfden verf verft verven : muren muur huizen huis woningen : schilder
    vermaakte vermaakten vermaak vermaakt vermaken : kleren kleding : kleermaker
    maakte maakten maak maakt maken : fotos foto : fotograaf
    maakte maakten maak maakt maken naaide naaiden naai naait naaien : kleren jurken : kleermaker
    schoonmaken schoonmaakte schoonmaakten fileren fileerde fileerden : vis vissen : visfileerder
    bijhouden bijgehouden : boeken boekhouding : boekhouder
    bijhouden bijgehouden : administratie : administratief medewerker
    maakte maakten maak maakt maken bouwde bouwden bouw bouwt bouwen : websites website : webontwikkelaar
    ving vingen vang vangt vangen opvangen : kinderen kids : gastouder
    cut cuts cutting : hair : hairdresser
    gave give gives giving : lessons classes : teacher
    cleaned cleaning gutted gutting filleted filleting : fish : visfileerder
    made making built building : websites website : webontwikkelaar
    schreef schreven schrijf schrijft schrijven : nieuws nieuwsberichten artikelen : journalist
    wrote write writes writing : news articles : journalist
    leidde leidden leid leidt leiden : gebed gebeden : imam
    led lead leads leading : prayer prayers : imam
    vervoerde vervoerden vervoer vervoert vervoeren : mensen personen passagiers : chauffeur
    transported transport transports transporting : people passengers : driver
    waste wasten wassen : doden overledenen : uitvaartverzorger
    washed wash washes washing : dead deceased : funeral attendant
    """
)
"""Activities whose worker is not the verb's agent noun: who cuts hair is a hairdresser (kapper),
not a cutter; who gives lessons (les geven) is a teacher; who cares for the elderly or the sick is
a carer (*verzorgende IG*, the Dutch title of the trained carer, unit group 5321); who paints
walls a painter (a *verver* is a dyer); who alters or makes clothes a tailor (*kleren*, the
everyday word: *kleding* is said in a factory too, left to the labels); who cleans or fillets
fish prepares it (a fish trimmer, 7511, not a cleaner of buildings); who keeps the books
(*boeken bijhouden*) a bookkeeper, not a restorer of books; who makes websites develops them
(2513), not a webmaster who runs one; who takes photos a photographer; who writes the news a
journalist; who leads the prayers an imam; who carries people a driver (of cars most often, 8322,
but the vehicle is the client's to say: the drivers' group, flagged); who washes the dead
prepares them for burial (5163); who minds children at home a childminder (gastouder). The object
is part of the idiom and is not said again. Lessons of a kind ("taallessen", "rijlessen") take
that kind's teacher (``coding_activity._lessons``)."""

IDIOM_PASTS = frozenset(verb for verb, _ in IDIOMS if verb.endswith(("de", "te", "den", "ten")))
"""The Dutch past tenses of ``IDIOMS``: one opening an answer is the subject's activity ("verfde muren")."""
