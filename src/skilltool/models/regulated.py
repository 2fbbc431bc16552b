"""Schema of ``data/regulated_nl.yaml``: Dutch regulated professions with their competent
authority and route, which foreign driving licences count, and occupations not practised in the
Netherlands (split from ``models.suggest``, docs/advice.md section 3)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from skilltool.models.base import Bilingual, CefrLevel, CountryCode, IscoCode, Strict, invalid
from skilltool.models.suggest import DataSource, _check_sources, _check_unique_ids


class RegulatedProfession(Strict):
    """A Dutch regulated profession (or protected title) and the official recognition route."""

    id: str = Field(pattern=r"^[a-z_]+$")
    name: Bilingual
    isco: list[IscoCode] = Field(
        default_factory=list, description="ISCO-08 prefixes of the profession (the longest prefix wins)."
    )
    esco_en: list[str] = Field(
        default_factory=list,
        description="ESCO English preferred labels of occupations in the profession (exact; wins over isco).",
    )
    related_isco: list[IscoCode] = Field(
        default_factory=list,
        description="Past work in these ISCO groups also counts as work in the profession "
        "(recognition first).",
    )
    interim_esco_en: list[str] = Field(
        default_factory=list,
        description="ESCO English preferred labels of jobs in the same field open without this "
        "recognition (assisting in a doctor's surgery, for a doctor): fit for someone who worked in the "
        "profession, as interim work (project assumption, docs/advice.md section 1).",
    )
    wish_names: list[str] = Field(
        default_factory=list,
        description="Names of the protected title itself as a caseworker writes a wish for it "
        "('verzorgende IG'): the plan names the title's route even when the ESCO occupation that "
        "carries the name is open without it (docs/advice.md section 3).",
    )
    registry: Bilingual = Field(
        description="The register or legal basis, e.g. 'BIG-register (Wet BIG, artikel 3)' (names of laws "
        "and registers stay as they are in English): `explain` shows it as the legal basis."
    )
    authority: Bilingual = Field(
        description="The competent authority that recognises a foreign qualification."
    )
    route: Bilingual = Field(description="The official route in one or two sentences.")
    dutch_needed: CefrLevel | None = Field(
        default=None, description="Dutch level the recognition route asks for, where a source states it."
    )
    learn_work: bool = Field(
        description="A Dutch learn-work route (BBL, zij-instroom) leads into it without a foreign "
        "qualification in the profession; when false, the profession is only suggested to people "
        "who worked in it (recognition first)."
    )
    by_exam: bool = Field(
        default=False,
        description="The route is Dutch exams and training (CBR, SVPB), not an assessment of foreign "
        "papers: missing diploma documents do not hold it up (docs/advice.md section 4).",
    )
    closed_abroad: bool = Field(
        default=False,
        description="A qualification from outside the EU gives no access: the route is a Dutch degree, "
        "not a recognition (advocaat, judge, notary; docs/advice.md, sixth expert review).",
    )
    title_only: bool = Field(
        default=False,
        description="Only the title is protected, not the work (Wet op de architectentitel): without "
        "registration the work is open, under another name (docs/advice.md).",
    )
    training_title: bool = Field(
        default=False,
        description="Wet BIG article 34: the training title is protected, not the work; without "
        "recognition the person may not use the title, while work under supervision without it is not "
        "forbidden (reserved procedures aside) (docs/advice.md, twenty-third expert review).",
    )
    nationality: bool = Field(
        default=False,
        description="Open only to Dutch nationals (the armed forces): no recognition or training "
        "gives access with a residence permit (docs/advice.md, seventh expert review).",
    )
    mbo_bbl: bool = Field(
        default=False,
        description="The Dutch diploma exists at mbo level 4, also as BBL (mbo-4 verpleegkundige): the "
        "plan names the mbo route too, though ESCO files the occupation under professionals.",
    )
    dutch_diploma: list[str] = Field(
        default_factory=list,
        description="Word starts naming the Dutch diploma that qualifies for the profession, in an "
        "education entry's name or field ('verpleegkund'): with it the route is `dutch_route`.",
    )
    dutch_route: Bilingual | None = Field(
        default=None, description="The route with that Dutch diploma (registration, no recognition)."
    )
    untrained_route: Bilingual | None = Field(
        default=None,
        description="The way in without a foreign qualification in the profession (no teacher training and "
        "no paid teaching abroad: nothing for DUO to recognise; zij-instroom, a Dutch programme): the plan "
        "says it instead of a recognition (docs/advice.md, twenty-seventh expert review).",
    )
    dutch_diploma_nlqf: int | None = Field(
        default=None,
        ge=1,
        le=8,
        description="The NLQF level of the Dutch diploma `dutch_diploma` names, where a source gives it "
        "(the SVPB's Beveiliger is issued only with the mbo-2 diploma): held as a certificate, it covers "
        "foreign schooling below it as a Dutch education entry does (twenty-fifth expert review).",
    )
    sources: list[str] = Field(default_factory=list)
    assumption: str | None = Field(
        default=None,
        description="What the project assumes without a source; null when fully sourced. A note for "
        "the data's curators and reviewers (English, as docs/advice.md): how ESCO occupations were "
        "matched and which value is not in a source. Not shown in the outputs: the Dutch level a "
        "route asks for is given there as the project's reading of the sources, with the body that "
        "decides (`authority`).",
    )

    @model_validator(mode="after")
    def _sourced(self) -> RegulatedProfession:
        if not self.sources:
            raise invalid("no_source")
        # a profession of Dutch exams (code 95) has a route with its Dutch licences, without diploma words
        if bool(self.dutch_diploma) != (self.dutch_route is not None) and not (
            self.by_exam and self.dutch_route
        ):
            raise invalid("dutch_diploma_route")
        if not self.isco and not self.esco_en and not self.assumption:
            raise invalid("profession_no_occupation")
        return self


class ProtectionLicences(Strict):
    """Licences that count here without exchange while their holder is under temporary protection
    (Regulation (EU) 2022/1280 for licences issued by Ukraine)."""

    countries: list[CountryCode] = Field(min_length=1)
    period: str = Field(
        pattern=r"^\d{4}(-\d{2}(-\d{2})?)?/(\.\.|\d{4}(-\d{2}(-\d{2})?)?)$",
        description="Since when (ISO 8601 interval; '..': as long as the temporary protection lasts).",
    )
    sources: list[str] = Field(min_length=1)


class LicenceExchange(Strict):
    """Which foreign driving licences count in the Netherlands, and which can be exchanged."""

    eu_eea: list[CountryCode] = Field(min_length=1, description="Valid here and exchangeable.")
    agreements: dict[CountryCode, list[str]] = Field(
        default_factory=dict, description="Exchange agreement: country -> exchangeable categories."
    )
    temporary_protection: ProtectionLicences | None = None
    sources: list[str] = Field(min_length=1)
    assumption: str | None = None


class NotPractised(Strict):
    """An occupation that is not practised in the Netherlands (forbidden, or the institution does
    not exist here): never suggested; as a person's own trade its first gap says so."""

    uri: str = Field(pattern=r"^http://data\.europa\.eu/esco/occupation/", description="ESCO occupation URI.")
    label: str = Field(min_length=1, description="Its ESCO English preferred label (checked against uri).")
    reason: Bilingual = Field(description="Why it is not practised here, with the law or fact and its date.")
    period: str = Field(
        pattern=r"^\d{4}(-\d{2}(-\d{2})?)?/(\.\.|\d{4}(-\d{2}(-\d{2})?)?)$",
        description="Since when (ISO 8601 interval; '..' for an open end), e.g. '2021-01-08/..'.",
    )
    related: list[str] = Field(
        min_length=1, description="ESCO English preferred labels of related work with a route here."
    )
    sources: list[str] = Field(min_length=1)


class RegulatedFile(Strict):
    """``data/regulated_nl.yaml``."""

    version: Literal[1]
    sources: dict[str, DataSource]
    professions: list[RegulatedProfession] = Field(min_length=1)
    licence_exchange: LicenceExchange
    not_practised: list[NotPractised] = Field(
        description="Occupations not practised in the Netherlands (an empty list when none is known)."
    )

    @model_validator(mode="after")
    def _check(self) -> RegulatedFile:
        _check_unique_ids("professions", [p.id for p in self.professions])
        for n, prof in enumerate(self.professions):
            _check_sources(f"professions.{n}.sources", prof.sources, self.sources)
        _check_sources("licence_exchange.sources", self.licence_exchange.sources, self.sources)
        if (protection := self.licence_exchange.temporary_protection) is not None:
            _check_sources("licence_exchange.temporary_protection.sources", protection.sources, self.sources)
        _check_unique_ids("not_practised", [x.uri for x in self.not_practised])
        for n, item in enumerate(self.not_practised):
            _check_sources(f"not_practised.{n}.sources", item.sources, self.sources)
        return self
