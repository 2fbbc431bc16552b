"""Diploma lookup core: matching, ranking, routes, caveat, indications, on tiny in-memory tables."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skilltool import diploma_coverage, diplomas
from skilltool.diplomas import DiplomaTable, LookupContext, lookup
from skilltool.errors import NotFoundError
from skilltool.models import DiplomaIndication, Education
from skilltool.models.diplomas import DiplomaEquivalencesFile

SOURCE = {
    "title": "Onderwijs en diploma's Syrië",
    "publisher": "Nuffic",
    "url": "https://www.nuffic.nl/example-sy",
    "published": None,
    "read_on": "2026-11-28",
}


def entry(**over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "sy-general-secondary",
        "country": "SY",
        "names": {
            "original": ["الشهادة الثانوية العامة"],
            "transliterations": ["al-shahada al-thanawiya al-amma", "shahada thanawiya"],
            "english": ["General Secondary Education Certificate"],
        },
        "kind": "general_secondary",
        "dutch_equivalent": "havodiploma",
        "nlqf": {"min": 4, "max": 4},
        "eqf": {"min": 4, "max": 4},
        "source": "nuffic-sy",
        "basis": "stated",
    }
    base.update(over)
    return base


def tiny_file(*entries: dict[str, Any], without_level: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "version": 1,
        "sources": {"nuffic-sy": SOURCE},
        "entries": list(entries),
        "without_level": without_level or [],
    }


VOCATIONAL = entry(
    id="sy-vocational-secondary",
    names={
        "original": ["الشهادة الثانوية المهنية"],
        "transliterations": ["shahada thanawiya mihaniya"],
        "english": ["Vocational Secondary Education Certificate"],
    },
    kind="vocational_secondary",
    dutch_equivalent="mbo-diploma kwalificatieniveau 2 of 3",
    nlqf={"min": 2, "max": 3},
    eqf={"min": 2, "max": 3},
)
BACHELOR = entry(
    id="sy-bachelor",
    names={"original": ["الإجازة"], "transliterations": ["ijaza"], "english": ["Bachelor"]},
    kind="bachelor",
    dutch_equivalent="hbo-bachelor of 2 jaar wo",
    nlqf={"min": 6, "max": 6},
    eqf={"min": 6, "max": 6},
    basis="inferred",
    inferred_reason="level of the HBO bachelor on the Dutch ladder",
)
MEDICINE = {
    "id": "sy-medicine",
    "country": "SY",
    "names": {"english": ["Bachelor in Medicine"]},
    "kind": "professional",
    "dutch_comparison": "1 year of a 3-year WO master's degree in medicine",
    "source": "nuffic-sy",
}


@pytest.fixture
def table() -> DiplomaTable:
    data = DiplomaEquivalencesFile.model_validate(
        tiny_file(entry(), VOCATIONAL, BACHELOR, without_level=[MEDICINE])
    )
    diplomas.check_equivalences(data)
    return DiplomaTable(data)


@pytest.mark.parametrize(
    "text",
    [
        "shahada thanawiya",
        "Shahadat al-Thanawiyya al-Amma",
        "al-shahadah al-thanawiyyah al-aammah",
        "sanawiya amma",
        "الشهادة الثانوية العامة",
        "الشهاده الثانويه العامه",
        "شهادة ثانوية عامة",
        "General Secondary Education Certificate",
        "general secondary educaton certficate",
    ],
)
def test_scripts_transliterations_typos_and_english_find_the_same_entry(
    table: DiplomaTable, text: str
) -> None:
    """Arabic script (letter variants too), transliterations, typos and English all rank havo first."""
    result = lookup(table, country="SY", text=text)
    assert result.matches, text
    best = result.matches[0]
    assert best.entry_id == "sy-general-secondary"
    assert (best.nlqf_min, best.nlqf_max) == (4, 4)
    assert "havo" in best.dutch_equivalent


def test_matches_are_ranked_with_scores(table: DiplomaTable) -> None:
    """The exact name scores 100 and outranks the longer vocational name that contains it."""
    result = lookup(table, country="SY", text="shahada thanawiya")
    ids = [m.entry_id for m in result.matches]
    assert ids[:2] == ["sy-general-secondary", "sy-vocational-secondary"]
    scores = [m.score for m in result.matches]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] == 100.0
    assert 0 < scores[1] < 100


def test_country_as_dutch_or_english_name(table: DiplomaTable) -> None:
    """ "Syrië", "Syria" and "sy" all select the Syrian entries."""
    for country in ("Syrië", "Syria", "sy", "Syrie"):
        result = lookup(table, country=country, text="shahada thanawiya")
        assert result.country == "SY"
        assert result.matches[0].entry_id == "sy-general-secondary"


def test_other_country_has_no_matches_but_the_route(table: DiplomaTable) -> None:
    """A country without entries gives empty matches, the no-comparison sentence and the route."""
    result = lookup(table, country="Somalië", text="shahada thanawiya")
    assert result.country == "SO"
    assert result.matches == []
    assert result.no_comparison is not None
    assert "Somalië" in result.no_comparison.nl
    assert "Somalia" in result.no_comparison.en
    assert result.official_route[0].id == "idw-diplomawaardering"


def test_unknown_qualification_gives_empty_matches_and_route(table: DiplomaTable) -> None:
    """Text that resembles nothing is not forced onto an entry."""
    result = lookup(table, country="SY", text="forklift course certificate")
    assert result.matches == []
    assert result.no_comparison is not None
    assert result.official_route


def test_unknown_country_is_an_error_saying_what_to_give(table: DiplomaTable) -> None:
    """A country the table cannot resolve is a NotFoundError that says what to give, without
    repeating the value (eighteenth review: it may be a person's text)."""
    with pytest.raises(NotFoundError, match="ISO code") as caught:
        lookup(table, country="Atlantis", text="bachelor")
    assert "Atlantis" not in str(caught.value)


def test_every_result_carries_the_caveat_in_both_languages(table: DiplomaTable) -> None:
    """The caveat says indication, not evaluation, in nl and en; `caveat` follows --lang."""
    nl = lookup(table, country="SY", text="ijaza", lang="nl")
    en = lookup(table, country="SY", text="ijaza", lang="en")
    assert "geen officiële waardering" in nl.caveat
    assert "not an evaluation" in en.caveat
    assert nl.caveats == en.caveats


def test_route_depends_on_context(table: DiplomaTable) -> None:
    """No documents -> indicatie; unfinished -> opleidingswaardering; otherwise the waardering."""

    def ids(ctx: LookupContext | None) -> list[str]:
        return [s.id for s in lookup(table, country="SY", text="ijaza", context=ctx).official_route]

    assert ids(None) == ["idw-diplomawaardering", "documents-translation"]
    assert ids(LookupContext(documents="no"))[0] == "idw-indicatie-onderwijsniveau"
    assert "idw-diplomawaardering" not in ids(LookupContext(documents="no"))
    assert ids(LookupContext(completed=False))[0] == "idw-opleidingswaardering"
    assert ids(LookupContext(documents="partial"))[:2] == [
        "idw-diplomawaardering",
        "idw-indicatie-onderwijsniveau",
    ]
    assert ids(LookupContext(field="verpleegkunde"))[0] == "big-verklaring-vakbekwaamheid"


def test_route_steps_are_sourced_and_bilingual() -> None:
    """Every step has Dutch and English text and a source URL; the facts are the sourced ones."""
    steps = diplomas.route_steps(
        context=LookupContext(documents="partial", completed=True), regulated_care=True
    )
    for step in steps:
        assert step.url.startswith("https://")
        assert step.text.nl and step.text.en
    waardering = next(s for s in steps if s.id == "idw-diplomawaardering")
    assert "1 januari 2015" in waardering.text.nl
    assert "6 werkweken" in waardering.text.nl and "10 werkweken" in waardering.text.nl
    assert "inburgeringsdiploma" in waardering.text.nl
    documents = next(s for s in steps if s.id == "documents-translation")
    assert "inburgering is een beëdigde vertaling niet nodig" in documents.text.nl
    assert "no sworn translation is needed" in documents.text.en
    assert documents.url == "https://idw.nl/nl/vereiste-documenten.html"


def test_medical_degree_gets_the_unlevelled_comparison_and_big(table: DiplomaTable) -> None:
    """A medical degree is never given the general bachelor's level: no level, the stated text, BIG."""
    result = lookup(table, country="SY", text="Bachelor in Medicine")
    assert result.matches == []
    assert result.without_level[0].id == "sy-medicine"
    assert result.no_comparison is None
    assert result.official_route[0].id == "big-verklaring-vakbekwaamheid"


def test_plain_bachelor_keeps_its_level_and_no_big(table: DiplomaTable) -> None:
    """ "ijaza" is the bachelor; the weaker medicine comparison does not add the BIG route."""
    result = lookup(table, country="SY", text="ijaza")
    assert result.matches[0].entry_id == "sy-bachelor"
    assert "big-verklaring-vakbekwaamheid" not in [s.id for s in result.official_route]


def test_without_country_searches_everything(table: DiplomaTable) -> None:
    """country=None searches all entries and names no country."""
    result = lookup(table, country=None, text="shahada thanawiya")
    assert result.country is None
    assert result.matches[0].entry_id == "sy-general-secondary"


def test_top_limits_matches(table: DiplomaTable) -> None:
    """top=1 returns one match."""
    assert len(lookup(table, country="SY", text="shahada thanawiya", top=1).matches) == 1


def test_to_indication(table: DiplomaTable) -> None:
    """A match becomes the profile's DiplomaIndication with its levels, source and score."""
    match = lookup(table, country="SY", text="shahada thanawiya").matches[0]
    ind = match.to_indication()
    assert isinstance(ind, DiplomaIndication)
    assert (ind.entry_id, ind.nlqf_min, ind.nlqf_max, ind.eqf_min, ind.eqf_max) == (
        "sy-general-secondary",
        4,
        4,
        4,
        4,
    )
    assert "https://www.nuffic.nl/example-sy" in ind.source
    assert ind.score == 100.0


def _edu(nlqf: tuple[int, int] | None, *, completed: bool | None = True, idw: int | None = None) -> Education:
    ind = None
    if nlqf is not None:
        ind = DiplomaIndication(
            entry_id=f"e{nlqf[0]}{nlqf[1]}",
            qualification="q",
            dutch_equivalent="d",
            nlqf_min=nlqf[0],
            nlqf_max=nlqf[1],
            eqf_min=nlqf[0],
            eqf_max=nlqf[1],
            source="s",
            score=90,
            basis="stated",
        )
    return Education(qualification="x", indication=ind, completed=completed, idw_nlqf=idw)


def test_highest_indication_uses_the_lower_bound_and_skips_unfinished() -> None:
    """Highest by NLQF min then max; an unfinished programme does not give its level."""
    education = [_edu((2, 3)), _edu((4, 4)), _edu((3, 6)), _edu((7, 7), completed=False), _edu(None)]
    best = diplomas.highest_indication(education)
    assert best is not None and (best.nlqf_min, best.nlqf_max) == (4, 4)
    assert diplomas.highest_indication([]) is None
    assert diplomas.highest_nlqf(education) == 4


def test_highest_nlqf_prefers_an_idw_level_when_higher() -> None:
    """An IDW-stated level counts alongside the table's indications."""
    assert diplomas.highest_nlqf([_edu((4, 4)), _edu(None, idw=6)]) == 6
    assert diplomas.highest_nlqf([_edu(None)]) is None


def test_coverage_counts_per_country_kind_and_basis(table: DiplomaTable) -> None:
    """Coverage counts stated vs inferred per country and lists the priority countries missing."""
    cov = diploma_coverage.coverage(table)
    sy = next(r for r in cov.countries if r.country == "SY")
    assert (sy.entries, sy.stated, sy.inferred, sy.without_level) == (3, 2, 1, 1)
    assert sy.by_kind == {"bachelor": 1, "general_secondary": 1, "vocational_secondary": 1}
    assert cov.priority_covered == 1
    assert "ER" in cov.priority_missing and "SY" not in cov.priority_missing


def test_normalize_unifies_arabic_and_persian_letter_variants() -> None:
    """Alef forms, ta marbuta, Persian yeh/kaf, diacritics and the article collapse to one key."""
    assert diplomas.normalize("الشَّهَادَة") == diplomas.normalize("شهاده")
    assert diplomas.normalize("إجازة") == diplomas.normalize("اجازه")
    assert diplomas.normalize("کارشناسی") == diplomas.normalize("كارشناسي")
    assert diplomas.normalize("Diploması Lisesi") == "diplomasi lisesi"
    assert diplomas.normalize("al-Shahāda el-ʿamma") == "shahada amma"


def test_phonetic_collapses_transliteration_variants() -> None:
    """th/s, ou/u, aa/a, ee/i, q/k and doubled letters give one key; Cyrillic is transliterated."""
    assert diplomas.phonetic("thanawiyya") == diplomas.phonetic("sanawiya")
    assert diplomas.phonetic("taqani") == diplomas.phonetic("takani")
    assert diplomas.phonetic("shahaadah") == diplomas.phonetic("shahada")
    assert diplomas.phonetic("Диплом магистра") == diplomas.phonetic("diplom magistra")


@given(st.text(max_size=40))
def test_normalize_is_idempotent(text: str) -> None:
    """Normalising twice gives the same key as normalising once."""
    once = diplomas.normalize(text)
    assert diplomas.normalize(once) == once


def test_lookup_education_uses_the_entry_context(table: DiplomaTable) -> None:
    """An unfinished nursing study without documents: indicatie and BIG, country from the entry."""
    edu = Education(
        country="SY", qualification="ijaza", field="nursing", completed=False, documents="no", years=2
    )
    result = diplomas.lookup_education(table, edu, lang="en")
    assert result.country == "SY"
    assert result.matches[0].entry_id == "sy-bachelor"
    ids = [s.id for s in result.official_route]
    assert ids[:2] == ["big-verklaring-vakbekwaamheid", "idw-indicatie-onderwijsniveau"]
