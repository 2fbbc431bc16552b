"""Occupations not practised in the Netherlands (``not_practised`` in data/regulated_nl.yaml):
never suggested, said first when they are the person's own trade, checked against ESCO.

The rules on tiny data (a tiny occupation declared not practised), the real entries (fur farming,
jury work) on the repository's data."""

from __future__ import annotations

from functools import cache, cached_property
from pathlib import Path
from typing import Any

import pytest

from skilltool import fsio, suggest, suggest_checks, yamlio
from skilltool.errors import DataFileError
from skilltool.models import Lang, NotPractised, Profile, Suggestion, SuggestionResult
from skilltool.reference import ReferenceData

from .conftest import REPO

OCC = "http://data.europa.eu/esco/occupation/"
FUR = OCC + "0ee5a71a-3c85-48af-bf81-824d3561737a"
JURY = OCC + "76884a72-d8b8-4819-bd40-71d6420a9a42"
PEACE = OCC + "f634ce9b-68a5-4a8a-af4a-ed13fc0deba9"
UNDERGROUND_MINER = OCC + "4cdfac8c-b000-4279-985e-31bc1fbe2447"  # sixteenth review
UNDERGROUND_MACHINES = OCC + "425f4904-3a7a-4ad0-ac5b-42b38392f768"
GAP = "suggest.g_not_practised"


def _profile(**kw: Any) -> Profile:
    return Profile.model_validate({"personal": {"client_ref": "T-1"}, "dutch": {"cefr": "B1"}, **kw})


def _coded(uri: str, isco: str, label: str) -> dict[str, Any]:
    return {"title": label, "years": 6, "coded": {"uri": uri, "isco": isco, "label": label, "score": 95}}


def _first_gap(s: Suggestion) -> str | None:
    return s.gaps[0].key if s.gaps else None


# --- tiny data: the rules ------------------------------------------------------------------------


def _hairdresser_not_practised(data: Path, **change: Any) -> None:
    path = data / "regulated_nl.yaml"
    doc = yamlio.loads(path.read_text("utf-8"))
    source = next(iter(doc["sources"]))
    entry = {
        "uri": OCC + "hairdresser",
        "label": "hairdresser",
        "reason": {"nl": "Verboden (test).", "en": "Banned (test)."},
        "period": "2021-01-08/..",
        "related": ["welder"],
        "sources": [source],
    }
    doc["not_practised"] = [{**entry, **change}]
    fsio.write_text(path, yamlio.dumps(doc))


def test_an_occupation_not_practised_is_never_suggested_but_shown_as_own_trade(tiny_data: Path) -> None:
    """Declared not practised, the hairdresser is no candidate: not suggested to a hairdresser nor
    to someone who wishes it, while the other occupations still are; as the own trade (past job or
    wish) it is shown, its first gap saying it is not practised here and naming the related work
    (in the output's language)."""
    _hairdresser_not_practised(tiny_data)
    ref = ReferenceData(tiny_data)
    assert OCC + "hairdresser" not in ref.suggest_index.by_uri
    assert OCC + "welder" in ref.suggest_index.by_uri
    past = _profile(work=[_coded(OCC + "hairdresser", "5141", "kapper")])
    wish = _profile(wishes={"occupations": ["kapster", "lasser"]})  # an alternative Dutch label
    for profile in (past, wish):
        for lang in ("nl", "en"):
            result = suggest.suggest(profile, ref=ref, lang=lang)
            assert all(s.isco != "5141" for s in result.suggestions)
            own = {s.uri: s for s in result.own_trade}
            hair = own[OCC + "hairdresser"]
            assert _first_gap(hair) == GAP
            text = hair.gaps[0].render(lang)
            if lang == "nl":
                assert "niet uitgeoefend" in text and "Verboden (test)." in text and "lasser" in text
            else:
                assert "not practised" in text and "Banned (test)." in text and "welder" in text
    wished = suggest.suggest(wish, ref=ref)
    assert [s.isco for s in wished.suggestions] == ["7212"]  # the other wish is still suggested
    assert all(_first_gap(s) != GAP for s in wished.own_trade if s.isco != "5141")
    explained = suggest.explain(past, ref=ref, occupation="kapper", lang="en")
    assert explained.rank == 0 and _first_gap(explained.suggestion) == GAP


def test_a_not_practised_own_trade_is_built_from_the_index_alone(
    tiny_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index keeps the candidate record and optional skills of an occupation that is never a
    candidate, so a batch worker that meets one as someone's past job does not load ESCO's
    occupation records after the fork; the entry equals the one built from the records."""
    # the electrician: its optional skill (welding) is one the person holds, so it is counted
    _hairdresser_not_practised(tiny_data, uri=OCC + "electrician", label="building electrician")
    weld = {"label": "lassen", "skill_id": "weld"}
    past = _profile(work=[_coded(OCC + "electrician", "7411", "elektricien")], skills=[weld])
    from_records = ReferenceData(tiny_data)
    from_records.suggest_index.outside.clear()  # the old way: built from the records
    expected = suggest.suggest(past, ref=from_records).own_trade
    ref = ReferenceData(tiny_data)
    assert ref.suggest_index.outside[OCC + "electrician"][1] == ("weld",)
    records = ReferenceData.__dict__["occupations"]
    assert isinstance(records, cached_property)
    loads: list[Path] = []

    def counted(self: ReferenceData) -> object:
        loads.append(self.data_dir)
        return records.func(self)

    monkeypatch.setattr(ReferenceData, "occupations", property(counted))
    assert suggest.suggest(past, ref=ref).own_trade == expected
    assert loads == []


def test_without_entries_nothing_changes(tiny_data: Path) -> None:
    """``not_practised: []`` (the tiny data's default): the hairdresser is suggested as before."""
    ref = ReferenceData(tiny_data)
    assert ref.regulated_nl.not_practised == []
    result = suggest.suggest(_profile(work=[_coded(OCC + "hairdresser", "5141", "kapper")]), ref=ref)
    assert result.suggestions[0].isco == "5141"
    assert all(_first_gap(s) != GAP for s in [*result.own_trade, *result.suggestions])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"label": "hair stylist"}, "no ESCO occupation"),  # an alternative label, not the preferred one
        ({"uri": OCC + "nobody"}, "no ESCO occupation"),
        ({"related": ["barber"]}, "no ESCO occupation has the English label 'barber'"),
    ],
)
def test_the_data_check_refuses_an_entry_esco_does_not_have(
    tiny_data: Path, change: dict[str, Any], message: str
) -> None:
    """``data validate``'s cross-check: the URI and the English preferred label must name the same
    ESCO occupation, and related work must exist; the error names the file and the entry."""
    _hairdresser_not_practised(tiny_data, **change)
    with pytest.raises(DataFileError, match=message) as caught:
        suggest_checks.check_regulated(ReferenceData(tiny_data))
    assert "regulated_nl.yaml" in str(caught.value) and "not_practised.0" in str(caught.value)


@pytest.mark.parametrize(
    ("change", "field"),
    [({"sources": []}, "sources"), ({"sources": ["nope"]}, "sources"), ({"period": "since 2021"}, "period")],
)
def test_an_entry_needs_known_sources_and_a_period(
    tiny_data: Path, change: dict[str, Any], field: str
) -> None:
    """Every entry is sourced (ids of the file's sources) and has an ISO 8601 period."""
    _hairdresser_not_practised(tiny_data, **change)
    with pytest.raises(DataFileError, match=f"not_practised.0.{field}"):
        ReferenceData(tiny_data).regulated_nl  # noqa: B018


# --- the repository's data -----------------------------------------------------------------------


@cache
def _real() -> ReferenceData:
    return ReferenceData(REPO / "data")


@cache
def _result(kind: str, lang: Lang) -> SuggestionResult:
    if kind == "past":
        profile = _profile(work=[_coded(FUR, "6129", "pelsdierhouder")])
    else:
        profile = _profile(wishes={"occupations": ["jurycoördinator", "pelsdierfokker"]})
    return suggest.suggest(profile, ref=_real(), lang=lang)


@pytest.mark.usefixtures("real_data_env")
def test_the_real_entries_are_sourced_and_pass_the_data_check() -> None:
    """Fur farming (banned since 8 January 2021), jury work (no jury trials) and the justice of the
    peace (no such office since 1838; sixth review) are listed, each with sources of the file, and
    pass the ESCO cross-check."""
    ref = _real()
    entries: dict[str, NotPractised] = {x.uri: x for x in ref.regulated_nl.not_practised}
    assert set(entries) == {FUR, JURY, PEACE, UNDERGROUND_MINER, UNDERGROUND_MACHINES}
    assert entries[PEACE].period.startswith("1838")
    assert entries[FUR].period == "2021-01-08/.." and "8 januari 2021" in entries[FUR].reason.nl
    assert entries[JURY].period.startswith("1813")
    assert suggest_checks.check_regulated(ref) >= len(ref.regulated_nl.professions) + 5
    assert (
        entries[UNDERGROUND_MINER].period == "1975-01-01/.."
        and "1974" in entries[UNDERGROUND_MINER].reason.nl
    )
    for uri in entries:
        assert uri not in ref.suggest_index.by_uri


@pytest.mark.usefixtures("real_data_env")
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_fur_breeder_hears_it_is_banned_and_gets_related_animal_work(lang: Lang) -> None:
    """A past fur breeder: the own trade says first that fur farming is banned here and names
    livestock and animal-care work; fur breeding itself is never among the suggestions, related
    animal work is."""
    result = _result("past", lang)
    own = result.own_trade[0]
    assert own.uri == FUR and _first_gap(own) == GAP
    text = own.gaps[0].render(lang)
    assert "2021" in text
    assert ("medewerker veeteelt" if lang == "nl" else "livestock worker") in text
    assert FUR not in {s.uri for s in result.suggestions}
    assert any(s.isco.startswith("612") for s in result.suggestions)


@pytest.mark.usefixtures("real_data_env")
def test_wishes_for_jury_work_and_fur_farming_are_answered_not_suggested() -> None:
    """Wished by one of their labels, both are in the own trade with the gap first, and neither
    is suggested."""
    result = _result("wish", "en")
    own = {s.uri: s for s in result.own_trade}
    assert {FUR, JURY} <= set(own)
    assert _first_gap(own[JURY]) == GAP and "jury" in own[JURY].gaps[0].render("en")
    assert "legal assistant" in own[JURY].gaps[0].render("en")
    assert not {FUR, JURY} & {s.uri for s in result.suggestions}
