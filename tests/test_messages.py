"""The message catalogue (skilltool/messages/{nl,en}.yaml) and the profile's facts (schema v3)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from skilltool import diplomas, messages
from skilltool.models import Profile

REPO = Path(__file__).resolve().parents[1]


def test_every_key_exists_in_both_languages_with_the_same_fields() -> None:
    """A key missing in one language, or a ``{field}`` that differs between the two, fails here
    (the catalogue never falls back to the other language)."""
    nl, en = messages.catalogue("nl"), messages.catalogue("en")
    assert sorted(set(nl) ^ set(en)) == []
    differing = {k: (messages.fields(nl[k]), messages.fields(en[k])) for k in nl}
    assert {k: v for k, v in differing.items() if v[0] != v[1]} == {}
    assert all(re.fullmatch(r"[a-z0-9_][a-z0-9_.-]*", k) for k in nl)
    assert all(nl[k].strip() and en[k].strip() for k in nl)


def test_a_missing_key_is_an_error_and_a_fact_renders_in_either_language() -> None:
    """``t`` raises on an unknown key (no silent fallback); a ``Msg`` with a nested ``Msg`` and a
    list renders in the language asked for, and survives a JSON round trip."""
    with pytest.raises(KeyError):
        messages.t("no.such.key", "nl")
    msg = messages.Msg(
        key="suggest.g_dutch", params={"need": "B1", "have": messages.Msg(key="value.unknown")}
    )
    assert messages.render(msg, "nl") == "Nederlands B1 nodig (nu onbekend)"
    assert messages.render(msg, "en") == "Dutch B1 needed (now unknown)"
    assert messages.Msg.model_validate_json(msg.model_dump_json()) == msg
    lst = messages.Msg(key="suggest.g_certs", params={"items": ["VCA", messages.Msg(key="lang.nl")]})
    assert messages.render(lst, "en") == "needed: VCA, Dutch"


def test_sector_names_match_the_sector_data() -> None:
    """The catalogue's sector names are the ones data/sectors.yaml gives (no second, drifting copy)."""
    data = yaml.safe_load((REPO / "data" / "sectors.yaml").read_text(encoding="utf-8"))
    sectors = {s["id"]: s["name"] for s in data["sectors"]}
    for lang in messages.LANGS:
        names = {k.removeprefix("sector."): v for k, v in messages.catalogue(lang).items()}
        assert {sid: names.get(sid) for sid in sectors} == {sid: n[lang] for sid, n in sectors.items()}


def test_route_steps_and_caveat_come_from_the_catalogue() -> None:
    """Each official route step's texts are the catalogue's ``diploma.step.<id>``."""
    for sid, step in diplomas.ROUTE_STEPS.items():
        assert step.text.nl == messages.t(f"diploma.step.{sid}", "nl")
        assert step.text.en == messages.t(f"diploma.step.{sid}", "en")
    assert diplomas.CAVEAT.en == messages.t("diploma.caveat", "en")


def _v2_profile(caveat: str, route: list[str]) -> dict[str, object]:
    return {
        "schema_version": 2,
        "personal": {"client_ref": "OLD-2"},
        "education": [{"country": "SY", "qualification": "Bachelor", "caveat": caveat, "official_route": route}],
    }


def test_version_2_sentences_map_back_to_facts() -> None:
    """A version-2 profile's Dutch caveat and route sentences become the catalogue key and step
    ids, so an English report renders them in English."""
    step = diplomas.STEP_DIPLOMAWAARDERING
    data = _v2_profile(diplomas.CAVEAT.nl, [step.text.nl, diplomas.STEP_DOCUMENTS.text.en])
    profile = Profile.model_validate(data)
    edu = profile.education[0]
    assert profile.schema_version == 3
    assert edu.caveat_key == "diploma.caveat" and edu.caveat is None
    assert edu.route_steps == [step.id, diplomas.STEP_DOCUMENTS.id]
    assert edu.official_route == []


def test_version_2_unknown_sentences_stay_as_marked_legacy_text() -> None:
    """A sentence the catalogue does not know (edited by hand, or from an older tool) is kept as
    written, and the report marks it as not translated instead of pretending it is English."""
    from skilltool import report
    from skilltool.reference import ReferenceData

    data = _v2_profile("Een eigen waarschuwing.", ["Bel de gemeente.", diplomas.STEP_BIG.text.nl])
    profile = Profile.model_validate(data)
    edu = profile.education[0]
    assert edu.caveat == "Een eigen waarschuwing." and edu.caveat_key is None
    assert edu.official_route == ["Bel de gemeente."] and edu.route_steps == [diplomas.STEP_BIG.id]
    out = report.render(profile, ref=ReferenceData(), fmt="md", lang="en")
    assert "Bel de gemeente. (text from an older profile, not translated)" in out
    assert diplomas.STEP_BIG.text.en in out and diplomas.STEP_BIG.text.nl not in out
