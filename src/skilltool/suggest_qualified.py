"""What the person already holds for a regulated profession in the Netherlands: a Dutch qualifying
diploma (registered, not recognised) or, for a profession of Dutch exams, the Dutch licences and
certificates its work asks (twenty-third review). Either way nothing foreign is left to recognise."""

from __future__ import annotations

import re

from skilltool.models import Profile
from skilltool.suggest_index import SuggestIndex, norm
from skilltool.suggest_scoring import licences_held
from skilltool.textnorm import clean


def dutch_qualified(profile: Profile, index: SuggestIndex) -> dict[str, str]:
    """The regulated professions whose Dutch qualifying diploma the person completed (a word of
    ``dutch_diploma`` starts a word of a Dutch education entry's name or field), each with that
    diploma's name. A nurse with a Dutch mbo-4 diploma was sent to the BIG register's route for a
    qualification from outside the EU; a Dutch diploma is registered, not recognised."""
    found: dict[str, str] = {}
    for edu in profile.education:
        if edu.country != "NL" or edu.completed is not True:
            continue
        text = " " + clean(f"{edu.qualification} {edu.field or ''}")  # clean: words, one space apart
        for rid, reg in index.regulated.items():
            if any(f" {word}" in text for word in reg.dutch_diploma):  # starts a word of the text
                found.setdefault(rid, edu.qualification)
    # a certificate that names the profession's Dutch diploma: a Dutch exam's paper (the SVPB's
    # 'Beveiliger 2', which no foreign body awards), or a registration in the BIG register that names the
    # profession (twenty-fourth review: both were sent to the recognition route as foreign papers)
    for cert in profile.certificates:
        text = " " + clean(cert)
        for rid, reg in index.regulated.items():
            named = any(f" {word}" in text for word in reg.dutch_diploma)
            if named and (reg.by_exam or big_registered(cert)):
                found.setdefault(rid, cert)
    return found


_BIG = re.compile(r"(?<![^\W_])big(?![^\W_])", re.IGNORECASE)  # the word ('BIG-registratie'), not 'bigger'


def big_registered(held: str) -> bool:
    """Whether what is held for a profession (``dutch_qualified``'s value) is a BIG registration, not a
    diploma: nothing is left to recognise or to register."""
    return _BIG.search(held) is not None


def exams_passed(
    index: SuggestIndex, uris: list[str], licences: set[str], certificates: set[str]
) -> dict[str, str]:
    """The professions of Dutch exams (``by_exam``, with a ``dutch_route``) whose past occupation's
    certificate rule the person meets with Dutch or EU licences and certificates, each with what is held
    ('rijbewijs C, code 95'): nothing is left to recognise. A driver of lorries with a Dutch licence C
    and code 95 was told to start the recognition route and take the CBR's exams (twenty-third review)."""
    found: dict[str, str] = {}
    for uri in uris:
        rid, at = index.reg_by_uri.get(uri), index.by_uri.get(uri)
        if (
            rid is None
            or at is None
            or not index.regulated[rid].by_exam
            or not index.regulated[rid].dutch_route[0]
        ):
            continue
        if (r := index.cands[at].cert_rule) < 0 or not (
            index.certs[r].licences or index.certs[r].certificates
        ):
            continue
        rule = index.certs[r]
        if licences_held(rule.licences, licences) and all(norm(x) in certificates for x in rule.certificates):
            held = [f"rijbewijs {x}" for x in rule.licences if x != "B"] + list(rule.certificates)
            found.setdefault(rid, ", ".join(held))
    return found
