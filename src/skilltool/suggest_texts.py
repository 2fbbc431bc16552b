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
        "Vraag diplomawaardering aan bij IDW voor '{q}'.",
        "Apply for an IDW credential evaluation of '{q}'.",
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
        "Onderzoek een duale route (taal en werk samen) of leerwerktraject (BBL) richting {job}{sector}.",
        "Explore a dual route (language and work together) or learn-work route (BBL) towards {job}{sector}.",
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
        "Zoek een werkervaringsplaats of proefplaatsing, bijvoorbeeld als {job}{sector}.",
        "Look for a work-experience place or trial placement, for example as {job}{sector}.",
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
    "s_work_reason_route": (
        "{job} kan nog niet direct (zie de route); een werkervaringsplaats past in die route en bouwt "
        "Nederlandse werkervaring op.",
        "{job} cannot start directly yet (see the route); a work-experience place fits in that route and "
        "builds Dutch work experience.",
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
    # --- issue 13: fit, slots, scale, own trade, level basis, plan rules ---
    "score_scale": (
        "Score 0-100: de som van de delen; 100 = elk deel op zijn maximum. Alleen beroepen met aantoonbare "
        "fit (verwant eerder werk, minstens de helft van de kernvaardigheden of een eigen wens) vullen een "
        "plek.",
        "Score 0-100: the sum of the parts; 100 = every part at its maximum. Only occupations with real fit "
        "(related past work, at least half of the essential skills, or the person's own wish) fill a slot.",
    ),
    "ev_sector_yes": (
        "tekortsector {name}: extra punten (geen filter)",
        "shortage sector {name}: a boost (no filter)",
    ),
    "ev_sector_no": ("geen tekortsector: geen extra punten", "not a shortage sector: no boost"),
    "fit_same": ("eigen beroep: eerder gewerkt als {label}", "own trade: worked as {label} before"),
    "fit_related": (
        "verwant werk: {label} (zelfde ISCO-groep {prefix})",
        "related work: {label} (same ISCO group {prefix})",
    ),
    "fit_skills": ("{e} van {ne} kernvaardigheden aanwezig", "{e} of {ne} essential skills held"),
    "fit_wish": ("zelf gewenst beroep", "the person's own wished occupation"),
    "own_past": ("eigen beroep (werkervaring)", "own trade (work experience)"),
    "own_wish": ("gewenst beroep", "wished occupation"),
    "slot_none_fit": (
        "Geen enkel beroep past aantoonbaar: geen verwant eerder werk in dezelfde ISCO-groep, van geen "
        "beroep de helft van de kernvaardigheden en geen gewenst beroep. Leg werkervaring (ook informeel), "
        "vaardigheden of een gewenst beroep vast.",
        "No occupation has real fit: no related past work in the same ISCO group, no occupation with half "
        "of its essential skills and no wished occupation. Record work experience (informal work counts), "
        "skills or a wished occupation.",
    ),
    "slot_at_level_unknown": (
        "Niveau onbekend (geen diploma-indicatie, IDW-waardering of jaren geschoold werk): een suggestie "
        "'op niveau' kan niet worden bepaald.",
        "Level unknown (no diploma indication, IDW evaluation or years of skilled work): an 'at level' "
        "suggestion cannot be chosen.",
    ),
    "slot_at_level": (
        "Geen beroep met aantoonbare fit op NLQF {level}.",
        "No occupation with real fit at NLQF {level}.",
    ),
    "slot_direct": (
        "Geen beroep met aantoonbare fit kan direct starten: {why}.",
        "No occupation with real fit can start directly: {why}.",
    ),
    "slot_dual": (
        "Geen beroep met aantoonbare fit heeft een duale route (leren en werken).",
        "No occupation with real fit has a dual (learn-work) route.",
    ),
    "slot_sector": (
        "Geen beroep met aantoonbare fit in de gewenste sector {name}; bespreek een gewenst beroep of "
        "vrijwilligerswerk in die sector.",
        "No occupation with real fit in the wished sector {name}; discuss a wished occupation or volunteer "
        "work in that sector.",
    ),
    "slot_work": (
        "Geen werkervaringsplaats voor te stellen zonder een beroep met aantoonbare fit.",
        "No work-experience place to propose without an occupation with real fit.",
    ),
    "why_regulated": ("gereglementeerd beroep", "regulated profession"),
    "basis_stated": (
        "diploma-indicatie (bron noemt het niveau), nog niet officieel",
        "diploma indication (the source states the level), not official yet",
    ),
    "basis_inferred": (
        "diploma-indicatie afgeleid door het project ({reason}), nog niet officieel",
        "diploma indication inferred by the project ({reason}), not official yet",
    ),
    "basis_work_level": (
        "werkniveau: afgeleid uit jaren geschoold werk, geen diplomaniveau",
        "work level: derived from years of skilled work, not a diploma level",
    ),
    "g_regulated_body": (
        "gereglementeerd beroep ({name}): alleen met erkenning of een Nederlandse opleiding; {route}",
        "regulated profession ({name}): only with recognition or a Dutch qualification; {route}",
    ),
    # plan
    "s_idw_fee_free": (
        " Voor inburgeringsplichtigen met de brief van DUO is één waardering gratis.",
        " For people obliged to integrate with the DUO letter, one evaluation is free.",
    ),
    "s_idw_fee_paid": (
        " Let op: de gratis waardering geldt alleen voor inburgeringsplichtigen die hun inburgeringsdiploma "
        "nog niet hebben; {who} betaalt het tarief van IDW.",
        " Note: the free evaluation is only for people obliged to integrate who have not yet received their "
        "integration diploma; {who} pays IDW's fee.",
    ),
    "s_idw_fee_unknown": (
        " Gratis alleen voor inburgeringsplichtigen (brief van DUO) zonder inburgeringsdiploma; anders "
        "betaald. Vraag de inburgeringsstatus na.",
        " Free only for people obliged to integrate (DUO letter) without an integration diploma; otherwise "
        "paid. Check the integration status.",
    ),
    "who_exempt": ("wie vrijgesteld is van inburgering", "someone exempt from inburgering"),
    "who_finished": ("wie de inburgering al heeft afgerond", "someone who already finished inburgering"),
    "who_temporary": (
        "wie tijdelijke bescherming heeft (niet inburgeringsplichtig)",
        "someone under temporary protection (not obliged to integrate)",
    ),
    "s_idw_highest_reason": (
        "IDW waardeert per aanvraag één diploma, meestal het hoogste; '{q}' is het hoogste diploma. {rest}",
        "IDW evaluates one diploma per application, usually the highest; '{q}' is the highest diploma. "
        "{rest}",
    ),
    "s_evc": (
        "Leg vakmanschap zonder papieren vast: EVC-procedure (ervaringscertificaat) of een "
        "praktijkverklaring, "
        "eventueel als mbo-BBL-traject met vrijstellingen, richting {job}.",
        "Record skills without papers: a recognition-of-prior-learning procedure (EVC, ervaringscertificaat) "
        "or a praktijkverklaring, possibly as an mbo BBL route with exemptions, towards {job}.",
    ),
    "s_evc_reason": (
        "Er zijn (deels) geen diplomadocumenten; wat nog ontbreekt aan papieren wordt zichtbaar via EVC, "
        "voordat stappen die documenten vragen (erkenning, BIG, DUO) zinvol zijn.",
        "Diploma documents are (partly) missing; EVC makes skills visible before steps that need "
        "documents (recognition, BIG, DUO) make sense.",
    ),
    "s_recognition_after_papers": (
        " Eerst: IDW-indicatie onderwijsniveau en EVC (de erkenningsprocedure vraagt documenten).",
        " First: the IDW indicatie onderwijsniveau and EVC (the recognition procedure asks for documents).",
    ),
    "s_education": (
        "Bespreek een opleidingsroute: mbo of hbo in Nederland, met een schakeljaar/voorbereidend jaar "
        "(taal, rekenen, studievaardigheden) en, voor hoger onderwijs, begeleiding door het UAF.",
        "Discuss an education route: mbo or hbo in the Netherlands, with a transition/preparatory year "
        "(language, maths, study skills) and, for higher education, support from the UAF.",
    ),
    "s_education_reason": (
        "{why}: een Nederlandse opleiding geeft een erkend diploma en opent werk op een hoger niveau.",
        "{why}: a Dutch qualification gives a recognised diploma and opens work at a higher level.",
    ),
    "why_young": ("Jonger dan 28", "Under 28"),
    "why_onderwijsroute": ("Inburgering via de onderwijsroute", "Integrating through the education route"),
    "s_licence_exam": (
        "Rijbewijs {items} uit {country} wordt in Nederland niet omgewisseld: theorie- en praktijkexamen "
        "bij het CBR{code95}.",
        "Licence {items} from {country} cannot be exchanged in the Netherlands: theory and practical exams "
        "at the CBR{code95}.",
    ),
    "s_licence_exchange": (
        "Wissel het rijbewijs ({items}) uit {country} om via de gemeente (RDW){rest}{code95}.",
        "Exchange the licence ({items}) from {country} through the municipality (RDW){rest}{code95}.",
    ),
    "s_licence_exchange_rest": (
        "; voor {items} geldt dat niet: examen bij het CBR",
        "; for {items} this does not apply: exams at the CBR",
    ),
    "s_licence_unknown": (
        "Vraag na in welk land het rijbewijs ({items}) is afgegeven: dat bepaalt of het hier geldt, "
        "omgewisseld kan worden (RDW) of CBR-examens nodig zijn{code95}.",
        "Ask which country issued the licence ({items}): that decides whether it is valid here, can be "
        "exchanged (RDW) or needs CBR exams{code95}.",
    ),
    "s_code95": (
        "; voor beroepsmatig rijden met C of D daarna code 95 (basiskwalificatie, CBR)",
        "; for professional driving with C or D then code 95 (initial qualification, CBR)",
    ),
    "s_licence_reason": (
        "Een rijbewijs van buiten de EU/EER geldt hier maar kort; rijwerk kan pas met een geldig "
        "Nederlands of EU-rijbewijs.",
        "A licence from outside the EU/EEA is valid here only briefly; driving work needs a valid Dutch or "
        "EU licence.",
    ),
}


def t(key: str, lang: str, **kw: object) -> str:
    """The text ``key`` in ``lang`` (``nl``; anything else is English), its fields filled in."""
    nl, en = TEXTS[key]
    text = nl if lang == "nl" else en
    return text.format(**kw) if kw else text
