"""A profile as a printable report: self-contained HTML with print styles, or Markdown.

The report is in the caseworker's language (``lang``) with the client's language beside each
heading (``client_lang``), marked when no fluent person has reviewed the translation and shown
as missing when there is none. Right-to-left text is isolated (``dir="rtl"``, ``<bdi>`` in HTML;
Unicode isolates in Markdown) so it is never reordered with the text around it. Health, family
and notes are left out unless ``include_sensitive``.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from skilltool import __version__, messages, relabel
from skilltool.errors import UsageError
from skilltool.intake import client_text, language_name, load_translation, texts_for
from skilltool.models import Profile, Suggestion
from skilltool.models.intake import Questionnaire, TranslationFile
from skilltool.tightness import text as tightness_text

if TYPE_CHECKING:
    from skilltool.reference import ReferenceData

Fmt = Literal["html", "md"]

L: dict[str, dict[str, str]] = {
    "nl": {
        "client": "Klantreferentie",
        "country": "Land",
        "field": "Richting",
        "years": "Jaren",
        "completed": "Afgerond met diploma",
        "documents": "Documenten",
        "idw": "IDW-waardering",
        "idw_nlqf": "NLQF volgens IDW",
        "title": "Functie",
        "kind": "Soort werk",
        "sectors": "Sectoren",
        "occupations": "Beroepen",
        "hours": "Uren per week",
        "travel": "Reistijd (min, enkele reis)",
        "train": "Bereid tot opleiding",
        "route_col": "Route",
        "created": "Gemaakt",
        "language": "Taal",
        "level": "Niveau",
        "yes": "ja",
        "no": "nee",
        "unknown": "onbekend",
        "route": "Inburgeringsroute",
        "dutch_equivalent": "Vergelijkbaar met",
        "source": "Bron",
        "basis": "Herkomst niveau",
        "basis_stated": "genoemd door de bron",
        "basis_inferred": "afgeleid door het project",
        "basis_unknown": "niet vastgelegd",
        "licence_country": "afgegeven in",
        "match": "Overeenkomst",
        "no_comparison": "Geen vergelijking in de tabel gevonden.",
        "not_completed": "Niet afgerond: de indicatie geldt voor het hele diploma, niet voor deze opleiding.",
        "alternatives": "Andere mogelijkheden",
        "caveat": "Let op",
        "coded": "ESCO-beroep",
        "status": "Status",
        "suggested": "voorstel van de tool",
        "confirmed": "bevestigd door klantmanager",
        "free_text": "eigen omschrijving",
        "digital": "Digitale vaardigheden",
        "licences": "Rijbewijzen",
        "certificates": "Certificaten",
        "sector": "Sector",
        "at_level": "op eigen niveau",
        "tightness": "Krapte",
        "why": "Waarom",
        "gaps": "Wat ontbreekt",
        "none": "geen",
        "unreviewed": "niet nagekeken",
        "missing_translation": "geen vertaling in {lang}",
        "esco": "Deze dienst gebruikt de ESCO-classificatie van de Europese Commissie.",
        "generated": "Gemaakt met skilltool {version}.",
        "client_lang_note": (
            "Teksten in {name} zijn machinevertaald of door de ontwikkelaars geschreven en nog niet "
            "door een moedertaalspreker nagekeken, tenzij anders vermeld."
        ),
        "agreed": "afgesproken",
        "proposed": "voorstel",
        "skills_none": "Geen vaardigheden vastgelegd.",
        "route_direct": "direct",
        "route_dual": "duaal / leerwerk",
        "route_recognition_first": "eerst erkenning",
    },
    "en": {
        "client": "Client reference",
        "country": "Country",
        "field": "Field",
        "years": "Years",
        "completed": "Completed with a diploma",
        "documents": "Documents",
        "idw": "IDW evaluation",
        "idw_nlqf": "NLQF according to IDW",
        "title": "Job",
        "kind": "Kind of work",
        "sectors": "Sectors",
        "occupations": "Occupations",
        "hours": "Hours a week",
        "travel": "Travel (min, one way)",
        "train": "Willing to train",
        "route_col": "Route",
        "created": "Created",
        "language": "Language",
        "level": "Level",
        "yes": "yes",
        "no": "no",
        "unknown": "unknown",
        "route": "Integration route",
        "dutch_equivalent": "Comparable to",
        "source": "Source",
        "basis": "Where the level comes from",
        "basis_stated": "stated by the source",
        "basis_inferred": "inferred by the project",
        "basis_unknown": "not recorded",
        "licence_country": "issued in",
        "match": "Match",
        "no_comparison": "No comparison found in the table.",
        "not_completed": "Not completed: the indication is for the full diploma, not for this education.",
        "alternatives": "Other possibilities",
        "caveat": "Note",
        "coded": "ESCO occupation",
        "status": "Status",
        "suggested": "suggested by the tool",
        "confirmed": "confirmed by caseworker",
        "free_text": "free text",
        "digital": "Digital skills",
        "licences": "Driving licences",
        "certificates": "Certificates",
        "sector": "Sector",
        "at_level": "at own level",
        "tightness": "Tightness",
        "why": "Why",
        "gaps": "What is missing",
        "none": "none",
        "unreviewed": "not reviewed",
        "missing_translation": "no {lang} translation",
        "esco": "This service uses the ESCO classification of the European Commission.",
        "generated": "Made with skilltool {version}.",
        "client_lang_note": (
            "Texts in {name} were written by the developers and have not been checked by a fluent "
            "speaker, unless marked otherwise."
        ),
        "agreed": "agreed",
        "proposed": "proposed",
        "skills_none": "No skills recorded.",
        "route_direct": "direct",
        "route_dual": "dual / learn-work",
        "route_recognition_first": "recognition first",
    },
}


# --- a small document model, rendered twice -------------------------------------------------------


@dataclass
class Text:
    """Inline text: ``user`` text (answers, may be any script) is isolated for bidi."""

    value: str
    user: bool = False


@dataclass
class Heading:
    text: str
    client: str | None = None  # the client-language text, or None when not shown
    client_lang: str | None = None
    client_rtl: bool = False
    client_note: str | None = None
    level: int = 2
    user: bool = False  # the text itself is an answer (e.g. a diploma's name): isolate it


@dataclass
class Pairs:
    rows: list[tuple[str, Text]]


@dataclass
class Bullets:
    items: list[list[Text]]


@dataclass
class Table:
    columns: list[str]
    rows: list[list[Text]]


@dataclass
class Para:
    parts: list[Text]
    kind: Literal["plain", "caveat", "review", "small"] = "plain"


Block = Heading | Pairs | Bullets | Table | Para


@dataclass
class Document:
    lang: str
    title: Heading
    blocks: list[Block] = field(default_factory=list)


def _u(value: object) -> Text:
    return Text("" if value is None else str(value), user=True)


def _t(value: object) -> Text:
    return Text("" if value is None else str(value))


class _Builder:
    def __init__(
        self,
        profile: Profile,
        *,
        lang: str,
        questionnaire: Questionnaire,
        translation: TranslationFile | None,
        include_sensitive: bool,
    ) -> None:
        self.p = profile
        self.lang = lang
        self.q = questionnaire
        self.tr = translation
        self.sensitive = include_sensitive
        self.l = L[lang]
        self.choices = {
            q.id: {c.value: c.text.get(lang) for c in q.choices} for q in questionnaire.all_questions()
        }

    # texts
    def label(self, text_id: str) -> str:
        texts = texts_for(self.q, text_id)
        return texts.get(self.lang) if texts is not None else text_id

    def heading(self, text_id: str, *, level: int = 2) -> Heading:
        head = Heading(self.label(text_id), level=level)
        found = client_text(self.tr, text_id)
        if found is not None:
            head.client_lang = found.lang
            head.client_rtl = found.direction == "rtl"
            if found.text is None:
                head.client_note = self.l["missing_translation"].format(lang=found.lang)
            else:
                head.client = found.text
                head.client_note = None if found.reviewed else self.l["unreviewed"]
        return head

    def choice(self, qid: str, value: str | None) -> str:
        if value is None:
            return self.l["unknown"]
        return self.choices.get(qid, {}).get(value, value)

    def yesno(self, value: bool | None) -> str:
        return self.l["unknown"] if value is None else self.l["yes" if value else "no"]

    def country(self, code: str | None) -> str:
        if not code:
            return self.l["unknown"]
        from skilltool.countries import country_name

        return country_name(code, self.lang)

    # sections
    def build(self) -> Document:
        doc = Document(lang=self.lang, title=self.heading("report.title", level=1))
        b = doc.blocks
        b.append(Para([_t(self.label("report.disclaimer"))], kind="caveat"))
        self.personal(b)
        self.languages(b)
        self.education(b)
        self.work(b)
        self.skills(b)
        self.wishes(b)
        stored = self.p.texts_lang
        if stored and stored != self.lang and (self.p.own_trade or self.p.suggestions or self.p.next_steps):
            name = messages.t(f"lang.{stored}", self.lang)
            note = messages.t("profile.texts_other_lang", self.lang, stored=name)
            b.append(Para([_t(note)], kind="review"))
        if self.p.own_trade:
            self.suggestions(b, self.p.own_trade, "report.own_trade")
        if self.p.suggestions:
            self.suggestions(b, self.p.suggestions, "report.suggestions")
        self.next_steps(b)
        if self.sensitive:
            self.sensitive_details(b)
        b.append(Para([_t(self.l["esco"])], kind="small"))
        b.append(
            Para([_t(self.l["generated"].format(version=self.p.tool_version or __version__))], kind="small")
        )
        if self.tr is not None:
            note = self.l["client_lang_note"].format(name=f"{self.tr.name_en} ({self.tr.name})")
            b.append(Para([_t(note)], kind="small"))
        return doc

    def personal(self, b: list[Block]) -> None:
        p = self.p.personal
        b.append(self.heading("personal"))
        b.append(
            Pairs(
                [
                    (self.l["client"], _u(p.client_ref)),
                    (self.label("personal.birth_year"), _u(p.birth_year or self.l["unknown"])),
                    (self.label("personal.country_of_origin"), _t(self.country(p.country_of_origin))),
                    (self.label("personal.permit_date"), _u(p.permit_date or self.l["unknown"])),
                    (self.label("personal.municipality"), _u(p.municipality or self.l["unknown"])),
                    (self.l["created"], _t(self.p.created.date().isoformat() if self.p.created else "")),
                ]
            )
        )

    def languages(self, b: list[Block]) -> None:
        b.append(self.heading("languages"))
        rows = [
            [
                _u(f"{language_name(s.language, self.lang)} ({s.language})"),
                _t(s.cefr or ("" if s.mother_tongue else self.l["unknown"])),
                _t(self.label("report.mother_tongue") if s.mother_tongue else ""),
            ]
            for s in self.p.languages
        ]
        rows.append(
            [
                _t(self.label("report.dutch")),
                _t(self.p.dutch.cefr or self.l["unknown"]),
                _t(
                    self.choice("languages.integration_route", self.p.dutch.integration_route)
                    + (
                        f" · {self.choice('languages.inburgering', self.p.dutch.inburgering)}"
                        if self.p.dutch.inburgering
                        else ""
                    )
                ),
            ]
        )
        b.append(Table([self.l["language"], self.l["level"], ""], rows))

    def education(self, b: list[Block]) -> None:
        b.append(self.heading("education"))
        if not self.p.education:
            b.append(Para([_t(self.l["none"])]))
        for e in self.p.education:
            b.append(Heading(e.qualification, level=3, user=True))
            rows = [
                (self.l["country"], _t(self.country(e.country))),
                (self.l["field"], _u(e.field or self.l["unknown"])),
                (self.l["years"], _t(f"{e.years:g}" if e.years is not None else self.l["unknown"])),
                (self.l["completed"], _t(self.yesno(e.completed))),
                (self.l["documents"], _t(self.choice("education.documents", e.documents))),
                (self.l["idw"], _t(self.choice("education.idw_status", e.idw_status))),
            ]
            if e.idw_nlqf is not None:
                rows.append((self.l["idw_nlqf"], _t(e.idw_nlqf)))
            b.append(Pairs(rows))
            b.append(self.heading("report.diploma_indication", level=4))
            ind = e.indication
            if ind is None:
                b.append(Para([_t(self.l["no_comparison"])], kind="review"))
            else:
                if e.completed is False:
                    b.append(Para([_t(self.l["not_completed"])], kind="review"))
                b.append(
                    Pairs(
                        [
                            (self.l["dutch_equivalent"], _u(ind.dutch_equivalent)),
                            ("NLQF", _t(_range(ind.nlqf_min, ind.nlqf_max))),
                            ("EQF", _t(_range(ind.eqf_min, ind.eqf_max))),
                            (self.l["source"], _u(ind.source)),
                            (self.l["basis"], self._basis(ind.basis, ind.inferred_reason)),
                            (self.l["match"], _t(f"{ind.qualification} ({ind.score:.0f}/100)")),
                        ]
                    )
                )
            if e.alternatives:
                alts = [
                    [
                        _u(a.qualification),
                        _t(f": {a.dutch_equivalent}, NLQF {_range(a.nlqf_min, a.nlqf_max)}"),
                    ]
                    for a in e.alternatives
                ]
                b.append(Para([_t(self.l["alternatives"] + ":")]))
                b.append(Bullets(alts))
            # facts rendered in the report's language; legacy sentences (older profiles) as written
            legacy = [_t(f" ({messages.t('profile.legacy_text', self.lang)})")]
            if e.caveat_key:
                caveat = messages.t(e.caveat_key, self.lang)
                b.append(Para([_t(f"{self.l['caveat']}: "), _t(caveat)], kind="caveat"))
            if e.caveat:
                b.append(Para([_t(f"{self.l['caveat']}: "), _u(e.caveat), *legacy], kind="caveat"))
            if e.route_steps or e.official_route:
                b.append(self.heading("report.official_route", level=4))
                steps = [[_t(messages.t(f"diploma.step.{sid}", self.lang))] for sid in e.route_steps]
                b.append(Bullets(steps + [[_u(step), *legacy] for step in e.official_route]))

    def work(self, b: list[Block]) -> None:
        b.append(self.heading("work"))
        if not self.p.work:
            b.append(Para([_t(self.l["none"])]))
            return
        rows = []
        for w in self.p.work:
            coded = (
                f"{w.coded.label} (ISCO {w.coded.isco}, {w.coded.score:.0f})"
                if w.coded
                else self.l["free_text"]
            )
            status = self.label("report.needs_review") if w.needs_review else self.l[w.confirmation.status]
            rows.append(
                [
                    _u(w.title),
                    _t(self.country(w.country)),
                    _t(f"{w.years:g}" if w.years is not None else ""),
                    _t(self.choice("work.kind", w.kind)),
                    _u(coded),
                    _t(status),
                ]
            )
        b.append(
            Table(
                [
                    self.l["title"],
                    self.l["country"],
                    self.l["years"],
                    self.l["kind"],
                    self.l["coded"],
                    self.l["status"],
                ],
                rows,
            )
        )
        for w in self.p.work:
            if w.needs_review and w.alternatives:
                b.append(
                    Para(
                        [
                            _t(f"{self.label('report.needs_review')}: "),
                            _u(w.title),
                            _t(f" - {self.l['alternatives']}:"),
                        ],
                        kind="review",
                    )
                )
                b.append(Bullets([[_u(f"{a.label} (ISCO {a.isco}, {a.score:.0f})")] for a in w.alternatives]))

    def skills(self, b: list[Block]) -> None:
        b.append(self.heading("skills"))
        groups = [
            ("self_reported", "report.skills_self_reported"),
            ("derived_from_occupation", "report.skills_derived"),
            ("evidenced_by_document", "report.skills_evidenced"),
        ]
        if not self.p.skills:
            b.append(Para([_t(self.l["skills_none"])]))
        for origin, text_id in groups:
            entries = [s for s in self.p.skills if s.origin == origin]
            if not entries:
                continue
            b.append(self.heading(text_id, level=3))
            b.append(Bullets([[_u(s.label), *self._skill_note(s.confirmation.status)] for s in entries]))
        b.append(
            Pairs(
                [
                    (self.l["digital"], _t(self.choice("skills.digital", self.p.digital_skills))),
                    (self.l["licences"], _u(self._licences())),
                    (self.l["certificates"], _u(", ".join(self.p.certificates) or self.l["none"])),
                ]
            )
        )

    def _skill_note(self, status: str) -> list[Text]:
        return [_t(f" ({self.l[status]})")] if status in ("free_text", "confirmed") else []

    def wishes(self, b: list[Block]) -> None:
        w = self.p.wishes
        b.append(self.heading("wishes"))
        b.append(
            Pairs(
                [
                    (self.l["sectors"], _u(", ".join(w.sectors) or self.l["unknown"])),
                    (self.l["occupations"], _u(", ".join(w.occupations) or self.l["unknown"])),
                    (self.l["hours"], _u(w.hours_per_week or self.l["unknown"])),
                    (self.l["travel"], _u(w.max_travel_minutes or self.l["unknown"])),
                    (self.l["train"], _t(self.yesno(w.willing_to_train))),
                ]
            )
        )

    def _basis(self, basis: str | None, reason: str | None) -> Text:
        """Stated or inferred (with the reason): a level the source does not print is never shown
        as if it did (issue 13)."""
        if basis == "inferred":
            return _u(f"{self.l['basis_inferred']}: {reason or '?'}")
        return _t(self.l["basis_stated"] if basis == "stated" else self.l["basis_unknown"])

    def _licences(self) -> str:
        held = ", ".join(self.p.driving_licences)
        if not held:
            return self.l["none"]
        country = self.p.driving_licence_country
        where = self.country(country) if country else self.l["unknown"]
        return f"{held} ({self.l['licence_country']} {where})"

    def suggestions(self, b: list[Block], shown: list[Suggestion], heading: str) -> None:
        b.append(self.heading(heading))
        rows = [
            [
                _u(s.label),
                _t(messages.name("sector", s.sector or "none", self.lang)),
                _t(self.l.get(f"route_{s.route}", s.route)),
                _t(self.l["yes"] if s.at_level else self.l["no"]),
                _u(tightness_text(s.tightness, self.lang)),
            ]
            for s in shown
        ]
        b.append(
            Table(
                [
                    self.l["coded"],
                    self.l["sector"],
                    self.l["route_col"],
                    self.l["at_level"],
                    self.l["tightness"],
                ],
                rows,
            )
        )
        for s in shown:
            if s.reasons or s.gaps:
                items = [[_t(f"{self.l['why']}: "), _u("; ".join(s.reasons))]] if s.reasons else []
                if s.gaps:
                    items.append([_t(f"{self.l['gaps']}: "), _u("; ".join(s.gaps))])
                b.append(Heading(s.label, level=4, user=True))
                b.append(Bullets(items))

    def next_steps(self, b: list[Block]) -> None:
        b.append(self.heading("report.next_steps"))
        if not self.p.next_steps:
            b.append(Para([_t(self.l["none"])]))
            return
        b.append(
            Bullets(
                [
                    [_u(s.text), _t(f" ({self.l['agreed'] if s.agreed else self.l['proposed']})")]
                    + ([_t(" - "), _u(s.reason)] if s.reason else [])
                    for s in self.p.next_steps
                ]
            )
        )

    def sensitive_details(self, b: list[Block]) -> None:
        c = self.p.circumstances
        b.append(self.heading("report.sensitive"))
        b.append(
            Pairs(
                [
                    (self.label("circumstances.care_duties"), _t(self.yesno(c.care_duties))),
                    (
                        self.label("circumstances.health_limits_work"),
                        _t(self.choice("circumstances.health_limits_work", c.health_limits_work)),
                    ),
                    (self.label("notes.notes"), _u(self.p.notes or self.l["none"])),
                ]
            )
        )


def _range(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}-{high}"


# --- HTML -----------------------------------------------------------------------------------------

CSS = """
:root { color-scheme: light; }
body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.4;
       max-width: 48rem; margin: 1.5rem auto; padding: 0 1rem; color: #111; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.2rem; border-bottom: 1px solid #999; margin-top: 1.6rem; padding-bottom: .1rem; }
h3 { font-size: 1.05rem; margin-bottom: .2rem; }
h4 { font-size: .95rem; margin: .6rem 0 .2rem; }
.client { font-weight: normal; color: #333; margin-inline-start: .8rem; }
.client[dir="rtl"] { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", serif; }
.note { font-size: .75em; color: #a33; font-weight: normal; margin-inline-start: .4rem; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0; }
th, td { border: 1px solid #bbb; padding: .2rem .4rem; text-align: start; vertical-align: top; }
th { background: #eee; }
dl.pairs { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .3rem 0; }
dl.pairs dt { font-weight: bold; }
dl.pairs dd { margin: 0; }
.caveat { border-inline-start: 4px solid #c80; padding: .2rem .6rem; background: #fff7e6; }
.review { border-inline-start: 4px solid #a33; padding: .2rem .6rem; background: #fdeeee; }
.small { font-size: .8rem; color: #555; }
@page { size: A4; margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; }
  table, dl.pairs, .caveat, .review { break-inside: avoid; }
  .caveat, .review, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _h(text: Text) -> str:
    escaped = html.escape(text.value)
    return f"<bdi>{escaped}</bdi>" if text.user else escaped


def _html_heading(h: Heading) -> str:
    inner = f"<bdi>{html.escape(h.text)}</bdi>" if h.user else html.escape(h.text)
    if h.client is not None:
        direction = "rtl" if h.client_rtl else "ltr"
        inner += (
            f' <span class="client" lang="{h.client_lang}" dir="{direction}">'
            f"<bdi>{html.escape(h.client)}</bdi></span>"
        )
    if h.client_note:
        inner += f' <span class="note">({html.escape(h.client_note)})</span>'
    return f"<h{h.level}>{inner}</h{h.level}>"


def to_html(doc: Document) -> str:
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{doc.lang}" dir="ltr">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(doc.title.text)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        _html_heading(doc.title),
    ]
    for block in doc.blocks:
        if isinstance(block, Heading):
            out.append(_html_heading(block))
        elif isinstance(block, Pairs):
            items = "".join(f"<dt>{html.escape(k)}</dt><dd>{_h(v)}</dd>" for k, v in block.rows)
            out.append(f'<dl class="pairs">{items}</dl>')
        elif isinstance(block, Bullets):
            out.append(
                "<ul>"
                + "".join("<li>" + "".join(_h(p) for p in item) + "</li>" for item in block.items)
                + "</ul>"
            )
        elif isinstance(block, Table):
            head = "".join(f"<th>{html.escape(c)}</th>" for c in block.columns)
            body = "".join("<tr>" + "".join(f"<td>{_h(c)}</td>" for c in row) + "</tr>" for row in block.rows)
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        else:
            out.append(f'<p class="{block.kind}">' + "".join(_h(p) for p in block.parts) + "</p>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


# --- Markdown -------------------------------------------------------------------------------------

FSI, PDI = "\u2068", "\u2069"  # first strong isolate ... pop directional isolate
RLI = "\u2067"  # right-to-left isolate


_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_MD_PUNCT = re.compile(r"([\\`*_\[\]|~])")
_MD_LINE_START = re.compile(r"^(\s*\d*)([#+\-=.)])")


def _md_escape(text: str) -> str:
    """Text as literal Markdown: HTML (``<`` ``>`` ``&``) as entities, the inline Markdown
    characters backslash-escaped (and a leading ``#`` ``-`` ``+`` ``=`` or ``1.`` that would start a
    block), line breaks as spaces, stray bidi controls dropped.

    CommonMark and GitHub render the result as the same text: a tag stays text (never live
    markup), ``[x](javascript:...)`` never becomes a link, ``**`` never becomes bold.
    """
    text = _BIDI_CONTROLS.sub("", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_PUNCT.sub(r"\\\1", re.sub(r"[\r\n]+", " ", text))
    return _MD_LINE_START.sub(r"\1\\\2", text)


def _needs_isolate(text: str) -> bool:
    """Only text with right-to-left letters needs a bidi isolate around it in plain Markdown."""
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def _m(text: Text) -> str:
    escaped = _md_escape(text.value)
    return f"{FSI}{escaped}{PDI}" if text.user and escaped and _needs_isolate(escaped) else escaped


def _md_heading(h: Heading) -> str:
    text = _md_escape(h.text)
    line = "#" * h.level + " " + (f"{FSI}{text}{PDI}" if h.user and _needs_isolate(text) else text)
    if h.client is not None:
        isolate = RLI if h.client_rtl else FSI
        line += f" · {isolate}{_md_escape(h.client)}{PDI}"
    if h.client_note:
        line += f" ({_md_escape(h.client_note)})"
    return line


def to_markdown(doc: Document) -> str:
    out = [_md_heading(doc.title), ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            out += [_md_heading(block), ""]
        elif isinstance(block, Pairs):
            out += [f"- **{_md_escape(k)}**: {_m(v)}" for k, v in block.rows] + [""]
        elif isinstance(block, Bullets):
            out += ["- " + "".join(_m(p) for p in item) for item in block.items] + [""]
        elif isinstance(block, Table):
            out.append("| " + " | ".join(_md_escape(c) for c in block.columns) + " |")
            out.append("|" + "---|" * len(block.columns))
            out += ["| " + " | ".join(_m(c) for c in row) + " |" for row in block.rows]
            out.append("")
        else:
            text = "".join(_m(p) for p in block.parts)
            out += [
                f"> {text}"
                if block.kind in ("caveat", "review")
                else f"_{text}_"
                if block.kind == "small"
                else text,
                "",
            ]
    return "\n".join(out).rstrip("\n") + "\n"


def render(
    profile: Profile,
    *,
    fmt: Fmt = "html",
    lang: str = "nl",
    client_lang: str | None = None,
    include_sensitive: bool = False,
    ref: ReferenceData | None = None,
) -> str:
    """The profile as a report in ``fmt`` (``html`` or ``md``), in ``lang`` beside ``client_lang``."""
    from skilltool.reference import ReferenceData

    if fmt not in ("html", "md"):
        raise UsageError(f"--format: {fmt!r} is not html or md")
    if lang not in L:
        raise UsageError(f"--lang: {lang!r} is not nl or en")
    data = ref or ReferenceData()
    profile = relabel.in_language(profile, ref=data, lang=lang)  # stored sentences in `lang`
    questionnaire = data.intake_questionnaire
    translation = load_translation(data, client_lang) if client_lang else None
    doc = _Builder(
        profile,
        lang=lang,
        questionnaire=questionnaire,
        translation=translation,
        include_sensitive=include_sensitive,
    ).build()
    return to_html(doc) if fmt == "html" else to_markdown(doc)
