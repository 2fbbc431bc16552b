"""A profile as a printable report: self-contained HTML with print styles, or Markdown.

The report is in the caseworker's language (``lang``) with the client's language beside each
heading (``client_lang``), marked when no fluent person has reviewed the translation and shown
as missing when there is none. Right-to-left text is isolated (``dir="rtl"``, ``<bdi>`` in HTML;
Unicode isolates in Markdown) so it is never reordered with the text around it. Health, family
and notes, and the next steps that come from them (``SENSITIVE_STEPS``), are left out unless
``include_sensitive``.
"""

from __future__ import annotations

import re
from typing import Literal
from urllib.parse import unquote

from skilltool import __version__, diplomas, messages, relabel
from skilltool.countries import country_name
from skilltool.errors import UsageError
from skilltool.formats import level_range
from skilltool.intake_script import client_text, load_translation, texts_for
from skilltool.languages import language_name
from skilltool.models import Profile, SkillEntry, Suggestion, say
from skilltool.models.intake import Questionnaire, TranslationFile
from skilltool.models.profile import public_steps
from skilltool.reference import ReferenceData
from skilltool.report_doc import (
    FSI,
    PDI,
    RLI,
    Block,
    Bullets,
    Document,
    Heading,
    Pairs,
    Para,
    Table,
    Text,
    to_html,
    to_markdown,
)
from skilltool.sector_wishes import wished_sector
from skilltool.tightness import text as tightness_text

__all__ = ["FSI", "PDI", "RLI", "Document", "Fmt", "render", "to_html", "to_markdown"]

Fmt = Literal["html", "md"]


def _u(value: object) -> Text:
    return Text("" if value is None else str(value), user=True)


_URL = re.compile(r"https?://[^\s<>\"]+")


def readable_urls(text: str) -> str:
    """``text`` with each URL's percent-encoding decoded for people (``.../syri%C3%AB/`` ->
    ``.../syrië/``); a browser encodes it again when the address is typed or followed. A URL
    whose decoding would hold a space, a control or an invalid UTF-8 sequence is kept as it is."""

    def decode(match: re.Match[str]) -> str:
        url = match[0]
        try:
            decoded = unquote(url, errors="strict")
        except UnicodeDecodeError:
            return url
        if any(ch.isspace() or not ch.isprintable() for ch in decoded):
            return url
        return decoded

    return _URL.sub(decode, text)


def _link_text(value: object) -> Text:
    """A source or step text (from the reference data) with readable URLs."""
    return _u(readable_urls("" if value is None else str(value)))


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
        ref: ReferenceData,
    ) -> None:
        self.p = profile
        self.ref = ref
        self.lang = lang
        self.q = questionnaire
        self.tr = translation
        self.sensitive = include_sensitive
        # the report's own labels (headings come from the questionnaire's texts)
        self.l = messages.section("report", messages.lang_of(lang))
        self.choices = {
            q.id: {c.value: c.text.get(lang) for c in q.choices} for q in questionnaire.all_questions()
        }

    # texts
    def level_names(self, nlqf_min: int, nlqf_max: int) -> str:
        """An indication's level from its facts, in the report's language (not the source's wording,
        which is in the language of the source's page)."""
        return diplomas.level_names(self.ref, nlqf_min, nlqf_max, self.lang)

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
                head.client_unreviewed = found.unreviewed
        return head

    def choice(self, qid: str, value: str | None) -> str:
        """An answer's choice label as a value beside the report's lower-case yes/no ("Documents:
        yes", not "Yes" as the prompt's option reads); "B1-route" and "Z-route" keep their capital."""
        if value is None:
            return self.l["unknown"]
        label = self.choices.get(qid, {}).get(value, value)
        return label[:1].lower() + label[1:] if label[1:2].islower() else label

    def yesno(self, value: bool | None) -> str:
        return self.l["unknown"] if value is None else self.l["yes" if value else "no"]

    def country(self, code: str | None) -> str:
        if not code:
            return self.l["unknown"]
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
        unconfirmed = sum(1 for w in self.p.work if w.needs_review)
        if unconfirmed and (self.p.own_trade or self.p.suggestions):  # the plan rests on those codes
            b.append(Para([_t(self.l["review_plan"].format(n=unconfirmed))], kind="review"))
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
            name = language_name(self.tr.lang, self.lang)  # "Arabisch" in a Dutch report, not "Arabic"
            note = self.l["client_lang_note"].format(name=f"{name} ({self.tr.name})")
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
        b.append(Table([self.l["language"], self.l["level"], self.l["language_details"]], rows))

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
                            (self.l["dutch_level"], _t(self.level_names(ind.nlqf_min, ind.nlqf_max))),
                            ("NLQF", _t(level_range(ind.nlqf_min, ind.nlqf_max))),
                            ("EQF", _t(level_range(ind.eqf_min, ind.eqf_max))),
                            (self.l["source"], _link_text(ind.source)),
                            (self.l["basis"], self._basis(ind.basis, ind.inferred_reason)),
                            (self.l["match"], _t(f"{ind.qualification} ({ind.score:.0f}/100)")),
                        ]
                    )
                )
            if e.alternatives:
                alts = [
                    [
                        _u(a.qualification),
                        _t(f": {self.level_names(a.nlqf_min, a.nlqf_max)}"),
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
                steps = [[_link_text(messages.t(f"diploma.step.{sid}", self.lang))] for sid in e.route_steps]
                b.append(Bullets(steps + [[_link_text(step), *legacy] for step in e.official_route]))

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
        b.append(Table([self.l[k] for k in ("title", "country", "years", "kind", "coded", "status")], rows))
        for w in self.p.work:
            if w.needs_review:  # what it means and what to do, then the other codes to choose from
                said = [
                    _t(f"{self.label('report.needs_review')}: "),
                    _u(w.title),
                    _t(f" — {self.l['review_code']}"),
                ]
                more = [_t(f" {self.l['alternatives']}:")] if w.alternatives else []
                b.append(Para(said + more, kind="review"))
                if w.alternatives:
                    b.append(
                        Bullets([[_u(f"{a.label} (ISCO {a.isco}, {a.score:.0f})")] for a in w.alternatives])
                    )

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
            if origin == "derived_from_occupation" and self.lang == "nl" and any(map(self._english, entries)):
                b.append(Para([_t(self.l["skills_in_english"])], kind="small"))  # as suggest's gaps say
            b.append(Bullets([[_u(s.label), *self._skill_note(s)] for s in entries]))
        b.append(
            Pairs(
                [
                    (self.l["digital"], _t(self.choice("skills.digital", self.p.digital_skills))),
                    (self.l["licences"], _u(self._licences())),
                    (self.l["certificates"], _u(", ".join(self.p.certificates) or self.l["none_given"])),
                ]
            )
        )

    def _english(self, s: SkillEntry) -> bool:
        skill = self.ref.skill_by_id.get(s.skill_id or "")
        return skill is not None and not skill.nl

    def _skill_note(self, s: SkillEntry) -> list[Text]:
        """A caseworker's choice: kept as said, or confirmed, with the ESCO skill picked (user21)."""
        status = s.confirmation.status
        if status not in ("free_text", "confirmed"):
            return []
        skill = self.ref.skill_by_id.get(s.skill_id) if status == "confirmed" and s.skill_id else None
        if skill is None:
            return [_t(f" ({self.l[status]})")]
        picked = skill.nl if self.lang == "nl" and skill.nl else skill.en
        return [_t(f" ({self.l[status]}: {picked})")]

    def _sector(self, said: str) -> str:
        """A wished sector as said, with the sector ``suggest`` reads it as in the report's language
        ("care (Zorg en welzijn)"), or that it reads none: a wish typed in the other language, or in
        words no sector name has ("healthcare"), was shown as if it counted. A sector code
        ('transport_logistics') is shown as its name."""
        if said == "none":
            return said
        names = messages.catalogue(messages.lang_of(self.lang))
        sid = wished_sector(self.ref.sectors, said)
        if sid is None:
            return f"{said} ({self.l['sector_not_read']})"
        name = names.get(f"sector.{sid}", sid)
        return name if sid == said or said.strip().lower() == name.lower() else f"{said} ({name})"

    def wishes(self, b: list[Block]) -> None:
        w = self.p.wishes
        b.append(self.heading("wishes"))
        b.append(
            Pairs(
                [
                    (self.l["sectors"], _u(", ".join(map(self._sector, w.sectors)) or self.l["unknown"])),
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
        if basis == "inferred":  # the table's reasons are English: Dutch output gets the catalogue's
            why = messages.data_text(reason, "en", self.lang, instead="diploma.inferred_reason")
            return _u(f"{self.l['basis_inferred']}: {why}")
        return _t(self.l["basis_stated"] if basis == "stated" else self.l["basis_unknown"])

    def _licences(self) -> str:
        held = ", ".join(self.p.driving_licences)
        if not held:  # "none" said a skipped question was a person without one: an empty list is both
            return self.l["none_given"]
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
        b.append(Table([self.l[k] for k in ("coded", "sector", "route_col", "at_level", "tightness")], rows))
        for s in shown:
            if s.reasons or s.gaps:
                why = "; ".join(r.render(self.lang) for r in s.reasons)
                items = [[_t(f"{self.l['why']}: "), _u(why)]] if s.reasons else []
                if s.gaps:
                    gaps = "; ".join(g.render(self.lang) for g in s.gaps)
                    items.append([_t(f"{self.l['gaps']}: "), _u(gaps)])
                b.append(Heading(s.label, level=3, user=True))  # under the section's h2
                b.append(Bullets(items))

    def next_steps(self, b: list[Block]) -> None:
        b.append(self.heading("report.next_steps"))
        # the health and care steps reveal what the sensitive details hold: only on request
        # (and what another step adds about them: ``NextStep.public``)
        steps = self.p.next_steps if self.sensitive else public_steps(self.p.next_steps)
        if not steps:
            b.append(Para([_t(self.l["none"])]))
            return
        b.append(
            Bullets(
                [
                    [
                        _link_text(say(s.text, self.lang)),
                        _t(f" ({self.l['agreed'] if s.agreed else self.l['proposed']})"),
                    ]
                    + ([_t(" - "), _link_text(say(s.reason, self.lang))] if s.reason else [])
                    for s in steps
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
    if fmt not in ("html", "md"):
        raise UsageError(messages.say("errors.report.format", given=repr(fmt)))
    if lang not in messages.LANGS:
        raise UsageError(messages.say("errors.report.lang", given=repr(lang)))
    data = ref or ReferenceData()
    profile = relabel.in_language(profile, ref=data, lang=lang)  # stored labels in `lang`
    questionnaire = data.intake_questionnaire
    translation = load_translation(data, client_lang) if client_lang else None
    doc = _Builder(
        profile,
        lang=lang,
        questionnaire=questionnaire,
        translation=translation,
        include_sensitive=include_sensitive,
        ref=data,
    ).build()
    return to_html(doc) if fmt == "html" else to_markdown(doc)
