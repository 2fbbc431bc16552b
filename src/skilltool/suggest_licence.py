"""The plan's driving-licence step (docs/advice.md sections 7 and 10d): which foreign licences count
here, exchange (RDW) or CBR exams, code 95, the Ukrainian licence under temporary protection, and
whether driving is the work in view (the step then comes early). Split from ``suggest_plan``."""

from __future__ import annotations

from skilltool.models import Suggestion, Text
from skilltool.suggest_index import SuggestIndex
from skilltool.suggest_person import Person
from skilltool.suggest_texts import t as _t
from skilltool.suggest_texts import words as _w
from skilltool.suggest_texts import x as _x


def driving_work(index: SuggestIndex, person: Person, work: tuple[Suggestion, ...]) -> bool:
    """Driving is the work in view: past work as a driver (ISCO 83), or a suggestion or own trade
    whose certificate rule asks for a driving licence."""
    if any(j.isco.startswith("83") for j in person.past):
        return True
    for s in work:
        ci = index.by_uri.get(s.uri)
        rule = index.cands[ci].cert_rule if ci is not None else -1
        if rule >= 0 and index.certs[rule].licences:
            return True
    return False


def licence_step(index: SuggestIndex, person: Person, status: str | None) -> tuple[Text, Text] | None:
    """Exchange (RDW) or CBR exams for licences issued outside the EU/EEA, or the question which
    country issued them; code 95 for C/D. A licence from Ukraine counts without either while its
    holder is under temporary protection (EU Regulation 2022/1280; ``status``: the inburgering
    status, where temporary protection is recorded), and the plan asks when the status is unknown."""
    country = person.licence_country
    protection = country in index.licences.protection
    held = sorted(person.licences_held)
    pro = any(x[:1] in ("C", "D") for x in held) or any(j.isco[:4] in ("8331", "8332") for j in person.past)
    if protection and person.licences:  # counted (suggest_person): under temporary protection
        code95_tp: Text | str = _x("s_code95_protection") if pro else ""
        text = _x("s_licence_protection", items=", ".join(held), code95=code95_tp)
        return text, _x("s_licence_protection_reason")
    foreign = sorted(person.licences_held - person.licences)
    if not foreign:
        return None
    code95: Text | str = _x("s_code95") if pro else ""
    items = ", ".join(foreign)
    if country is None:
        return _x("s_licence_unknown", items=items, code95=code95), _x("s_licence_reason")
    if protection and status in (None, "unknown"):
        return _x("s_licence_protection_ask", items=items, code95=code95), _x("s_licence_reason")
    # lazy: pycountry adds ~0.09 s to importing suggest (-X importtime); read only for foreign licences
    from skilltool.countries import country_name

    name = _w(country_name(country, "nl"), country_name(country, "en"))
    allowed = index.licences.agreements.get(country)
    if allowed:
        ok = [x for x in foreign if x[:1] in allowed and len(x) == 1]
        rest = [x for x in foreign if x not in ok]
        if ok:
            more: Text | str = _x("s_licence_exchange_rest", items=", ".join(rest)) if rest else ""
            text = _x("s_licence_exchange", items=", ".join(ok), country=name, rest=more, code95=code95)
            return text, _x("s_licence_reason")
    return _x("s_licence_exam", items=items, country=name, code95=code95), _x("s_licence_reason")


def licence_named(person: Person) -> frozenset[str]:
    """The certificate items (as ``suggest_scoring.cert_status`` words them) that ``licence_step``
    already names: a licence the person holds from outside the EU/EEA that does not count here, and
    code 95 when that step names it. The certificate step leaves them out (nineteenth review: a taxi
    driver read "get licence B" beside the step that sends his Iraqi licence B to the CBR's exams)."""
    foreign = person.licences_held - person.licences
    if not foreign:
        return frozenset()
    pro = any(x[:1] in ("C", "D") for x in person.licences_held) or any(
        j.isco[:4] in ("8331", "8332") for j in person.past
    )
    items = {_t("licence", person.lang, x=x) for x in foreign}
    return frozenset(items | {"code 95"} if pro else items)
