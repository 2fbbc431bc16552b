"""The Dutch and English texts of suggestions: evidence, reasons, gaps, routes and plan steps.

One table, (Dutch, English) per key, filled with ``str.format`` fields; ``t`` picks the language.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "caveat": (
        "Indicatie voor begeleiding, geen officiële beoordeling of beroepserkenning.",
        "Indication for guidance, not an official assessment or professional recognition.",
    ),
    "ev_skills": (
        "{e} van {ne} essentiële en {o} van {no} optionele vaardigheden aanwezig",
        "{e} of {ne} essential and {o} of {no} optional skills held",
    ),
    "ev_related_same": ("eerder gewerkt als {label}{short}", "worked as {label} before{short}"),
    "ev_related_isco": (
        "eerder werk als {label} deelt ISCO-groep {prefix}{short}",
        "past work as {label} shares ISCO group {prefix}{short}",
    ),
    "ev_related_none": ("geen verwant eerder werk", "no related past work"),
    "short": (" (korter dan een jaar: half)", " (under a year: half)"),
    "ev_level_unknown": (
        "niveau van de persoon onbekend (geen diploma-indicatie of geschoold werk)",
        "the person's level is unknown (no diploma indication or skilled work)",
    ),
    "ev_level": (
        "niveau NLQF {level} ({basis}); beroep vraagt NLQF {lo}-{hi} (ISCO-vaardigheidsniveau {band})",
        "level NLQF {level} ({basis}); the job asks NLQF {lo}-{hi} (ISCO skill level {band})",
    ),
    "ev_dutch": (
        "Nederlands {have}{unknown}; werk vraagt {need} ({basis})",
        "Dutch {have}{unknown}; the work needs {need} ({basis})",
    ),
    "db_regulated": (
        "erkenningsroute {name}, zie regulated_nl.yaml",
        "recognition route {name}, see regulated_nl.yaml",
    ),
    "db_isco": ("aanname van het project voor ISCO {code}", "project assumption for ISCO {code}"),
    "db_level": (
        "aanname van het project voor ISCO-vaardigheidsniveau {code}",
        "project assumption for ISCO skill level {code}",
    ),
    "unknown_dutch": (" (onbekend, geteld als nog geen Nederlands)", " (unknown, counted as no Dutch yet)"),
    "ev_tight": ("krapte nu: {text}; bron: {source}", "tightness now: {text}; source: {source}"),
    "ev_tight_stale": (
        "krapte nu: {text}: telt 0 punten (ouder dan 8 kwartalen)",
        "tightness now: {text}: counts 0 points (older than 8 quarters)",
    ),
    "ev_tight_unknown": ("krapte nu onbekend: telt neutraal", "tightness now unknown: counts as neutral"),
    "ev_forecast": ("{text}{direction}", "{text}{direction}"),
    "ev_direction": ("; verwachte ontwikkeling 2025-2030: {direction}", "; expected 2025-2030: {direction}"),
    "ev_forecast_unknown": (
        "prognose tot 2030 onbekend: telt neutraal",
        "forecast to 2030 unknown: counts as neutral",
    ),
    "ev_wish_sector": ("wens: sector {name}", "wish: sector {name}"),
    "ev_wish_occ": ("wens: dit beroep", "wish: this occupation"),
    "ev_wish_part_time": (
        "wens: deeltijd ({hours} uur), komt veel voor in deze sector",
        "wish: part-time ({hours} hours), common in this sector",
    ),
    "ev_wish_none": ("geen passende wens genoemd", "no matching wish given"),
    "ev_cert_none": ("geen rijbewijs of certificaat nodig", "no licence or certificate needed"),
    "ev_cert_all": ("heeft {items}", "holds {items}"),
    "ev_cert_missing": ("nog nodig: {items}", "still needed: {items}"),
    "basis_idw": ("IDW-waardering", "IDW evaluation"),
    "basis_indication": ("indicatie diploma, nog niet officieel", "diploma indication, not official yet"),
    "basis_work": ("werkervaring", "work experience"),
    "r_sector": ("tekortsector {name}", "shortage sector {name}"),
    "r_skills": ("{e} van {ne} essentiële vaardigheden aanwezig", "{e} of {ne} essential skills held"),
    "r_related": ("verwant aan eerder werk als {label}", "related to past work as {label}"),
    "r_at_level": ("op het eigen niveau (NLQF {lo}-{hi})", "at the person's own level (NLQF {lo}-{hi})"),
    "r_tight": ("krapte: {text}", "tightness: {text}"),
    "r_wish": ("past bij de wensen", "matches the wishes"),
    "g_skills": ("ontbrekende kernvaardigheden: {items}", "missing essential skills: {items}"),
    "g_dutch": ("Nederlands {need} nodig (nu {have})", "Dutch {need} needed (now {have})"),
    "g_recognition": (
        "erkenning nodig, gereglementeerd beroep ({name}): {route}",
        "recognition needed, regulated profession ({name}): {route}",
    ),
    "g_regulated_training": (
        "gereglementeerd beroep ({name}): alleen met een erkende of Nederlandse opleiding",
        "regulated profession ({name}): only with a recognised or Dutch qualification",
    ),
    "g_qualification": (
        "vakopleiding nodig: via leren en werken (BBL) of een omscholingstraject",
        "vocational qualification needed: through learn-work (BBL) or a retraining route",
    ),
    "g_idw": (
        "laat het diploma waarderen (IDW) om dit niveau aan werkgevers te laten zien",
        "have the diploma evaluated (IDW) to show this level to employers",
    ),
    "g_certs": ("nodig: {items}", "needed: {items}"),
    "licence": ("rijbewijs {x}", "driving licence {x}"),
    # next steps
    "s_idw": (
        "Vraag diplomawaardering aan bij IDW voor '{q}' (gratis één keer voor inburgeringsplichtigen).",
        "Apply for an IDW credential evaluation of '{q}' (free once for people obliged to integrate).",
    ),
    "s_idw_indicatie": (
        "Vraag bij IDW een 'indicatie onderwijsniveau' aan voor '{q}': dat kan zonder documenten.",
        "Ask IDW for an 'indicatie onderwijsniveau' for '{q}': possible without documents.",
    ),
    "s_idw_reason": (
        "Het niveau is nu alleen een indicatie uit de diplomatabel; werkgevers en opleidingen vragen "
        "een officiële waardering, en suggesties op niveau ({job}) hangen ervan af.",
        "The level is only an indication from the diploma table; employers and schools ask for an "
        "official evaluation, and at-level suggestions ({job}) depend on it.",
    ),
    "s_recognition": (
        "Start de erkenningsroute voor {name}: {route}",
        "Start the recognition route for {name}: {route}",
    ),
    "s_recognition_reason": (
        "{name} is een gereglementeerd beroep; zonder erkenning ({authority}) mag {label} niet "
        "zelfstandig worden uitgeoefend.",
        "{name} is a regulated profession; without recognition ({authority}) {label} cannot be "
        "practised independently.",
    ),
    "s_language": (
        "Taalroute naar Nederlands {need}: NT2-les naast werk of opleiding (bijv. staatsexamen NT2 I "
        "voor B1, II voor B2).",
        "Language route to Dutch {need}: Dutch as a second language alongside work or training (e.g. "
        "state exam NT2 I for B1, II for B2).",
    ),
    "s_language_unknown": (
        "Laat het niveau Nederlands vaststellen en plan een taalroute.",
        "Have the Dutch level assessed and plan a language route.",
    ),
    "s_language_reason": (
        "{job} vraagt Nederlands {need}; nu {have}.",
        "{job} needs Dutch {need}; now {have}.",
    ),
    "s_language_target": (
        "De Wet inburgering 2021 mikt op {need}; nu {have}. Meer Nederlands opent werk op een hoger niveau.",
        "The 2021 integration law aims at {need}; now {have}. More Dutch opens work at a higher level.",
    ),
    "s_dual": (
        "Onderzoek een duale route (taal en werk samen) of leerwerktraject (BBL) richting {job} ({sector}).",
        "Explore a dual route (language and work together) or learn-work route (BBL) towards {job} "
        "({sector}).",
    ),
    "s_dual_reason": (
        "Voor {job} ontbreekt nog {what}; leren en werken tegelijk is de snelste weg.",
        "For {job} {what} is still missing; learning while working is the fastest way.",
    ),
    "what_dutch": ("Nederlands", "Dutch"),
    "what_qualification": ("een vakopleiding", "a vocational qualification"),
    "what_licence": ("een rijbewijs of certificaat", "a licence or certificate"),
    "s_certs": ("Haal {items}.", "Obtain {items}."),
    "s_certs_reason": ("{job} vraagt dit; {note}", "{job} asks for this; {note}"),
    "s_work": (
        "Zoek een werkervaringsplaats of proefplaatsing, bijvoorbeeld als {job} ({sector}).",
        "Look for a work-experience place or trial placement, for example as {job} ({sector}).",
    ),
    "s_work_reason_direct": (
        "{job} kan op korte termijn; een proefplaatsing laat werkgever en persoon zonder risico "
        "kennismaken en levert Nederlandse werkervaring op.",
        "{job} can start soon; a trial placement lets employer and person meet without risk and "
        "gives Dutch work experience.",
    ),
    "s_work_reason_none": (
        "Er is nog geen werkervaring vastgelegd; een werkervaringsplaats bouwt ervaring, taal en "
        "referenties op.",
        "No work experience is recorded yet; a work-experience place builds experience, language and "
        "references.",
    ),
    "s_network_high": (
        "Koppel een buddy of mentor uit het eigen vakgebied en zoek de beroepsvereniging op.",
        "Arrange a buddy or mentor from the person's own field and contact the professional association.",
    ),
    "s_network": (
        "Bouw een netwerk op: buddy of maatje, taalcafé, vrijwilligerswerk in de gekozen sector.",
        "Build a network: a buddy, a language café, volunteer work in the chosen sector.",
    ),
    "s_network_reason": (
        "Weinig netwerk is een van de grootste drempels naar werk; een netwerk in de sector opent "
        "deuren en oefent de taal.",
        "A small network is one of the main barriers to work; a network in the sector opens doors "
        "and practises the language.",
    ),
}


def t(key: str, lang: str, **kw: object) -> str:
    """The text ``key`` in ``lang`` (``nl``; anything else is English), its fields filled in."""
    nl, en = TEXTS[key]
    text = nl if lang == "nl" else en
    return text.format(**kw) if kw else text
