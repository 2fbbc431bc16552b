"""Advice rules from the fourth expert review: a wished occupation is coded like a past job's
title, so a wish in everyday words still matches (the coded occupation, or its unit group); at or
near the state pension age (AOW) the plan proposes no multi-year learn-work route, and past it the
IDW fee sentence does not count on an integration duty; someone who ran an own business gets the
official routes to start again (Bbz, KVK) as an indication."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from skilltool import profile_building, profile_files, suggest, yamlio
from skilltool.cli import app
from skilltool.models import OccupationCode, Profile, WishedOccupation, say
from skilltool.models.answers import IntakeAnswers
from skilltool.reference import ReferenceData
from skilltool.wish_coding import unit_group
from tests.test_intake_profile import Cand, Result
from tests.test_personas import PERSONAS, _ref

NOW = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)
WISH = "zelfbedachte-wens"
"""A made-up wish that is no occupation's label: only its code can match it."""


class _OneCoder:
    """A coder that codes every text to the given candidates."""

    def __init__(self, needs_review: bool, *cands: Cand) -> None:
        self.needs_review, self.cands = needs_review, list(cands)

    def code(self, text: str, *, lang: str = "nl", top: int = 5) -> Result:
        return Result(text, self.needs_review, self.cands[:top])


@cache
def _unit_group_with_members(size: int) -> str:
    """A 4-digit ISCO group with at least ``size`` candidates, none regulated (a regulated group
    without a learn-work route is never suggested to a newcomer: the armed forces' since the
    seventh review), from the data (no title written)."""
    index = _ref().suggest_index
    return next(
        p
        for p, m in sorted(index.by_prefix.items())
        if len(p) == 4 and len(m) >= size and all(index.cands[i].regulated is None for i in m)
    )


def _cand_of(ci: int, score: float = 90.0) -> Cand:
    c = _ref().suggest_index.cands[ci]
    return Cand(c.uri, c.isco, c.label_nl, c.label_nl, score)


def _profile(coder: Any, *, wish: str = WISH, ref: ReferenceData | None = None) -> Profile:
    answers = IntakeAnswers.model_validate(
        {
            "personal": {"client_ref": "R4-1", "country_of_origin": "SY", "birth_year": 1990},
            "languages": {"dutch_cefr": "A2"},
            "wishes": {"occupations": [wish]},
        }
    )
    return profile_building.build_profile(
        answers, ref=ref or _ref(), coder=coder, diplomas=None, lang="nl", now=NOW, today=NOW.date()
    )


def test_a_wish_is_coded_and_kept_in_the_profile() -> None:
    """``build_profile`` codes the wish with the work-title coder: best code, alternatives and the
    review flag are in the profile, and the profile survives a JSON round trip."""
    group = _unit_group_with_members(2)
    first, second = _ref().suggest_index.by_prefix[group][:2]
    profile = _profile(_OneCoder(True, _cand_of(first), _cand_of(second, 80)))
    (wish,) = profile.wishes.coded
    assert wish.text == WISH and wish.needs_review
    assert wish.coded is not None and wish.coded.isco.startswith(group)
    assert len(wish.alternatives) == 1
    again = Profile.model_validate_json(profile.model_dump_json())
    assert again.wishes.coded == profile.wishes.coded


def test_a_surely_coded_wish_matches_its_occupation() -> None:
    """A wish in other words that the coder codes without doubt counts as a wish for that very
    occupation: listed with the own trade and worded as 'wish: this occupation'."""
    ci = _ref().suggest_index.by_prefix[_unit_group_with_members(2)][0]
    cand = _cand_of(ci, 100)
    profile = _profile(_OneCoder(False, cand))
    result = suggest.suggest(profile, ref=_ref(), top=5, lang="en")
    own = [s for s in result.own_trade if s.uri == cand.uri]
    assert own, [s.uri for s in result.own_trade]
    assert "the person's own wished occupation" in [say(t, "en") for t in own[0].fit]


def test_a_doubtful_wish_raises_its_unit_group_marked_for_checking() -> None:
    """A wish the coder flags counts for the candidates of its ISCO unit group: they get the wish
    points and say they are in the wished occupation's group, to be checked; none is listed as the
    wished occupation itself."""
    index = _ref().suggest_index
    group = _unit_group_with_members(3)
    ci = index.by_prefix[group][0]
    profile = _profile(_OneCoder(True, _cand_of(ci)))
    plain = _profile(_OneCoder(True))  # nothing coded: nothing matched
    result = suggest.suggest(profile, ref=_ref(), top=10, lang="en")
    before = suggest.suggest(plain, ref=_ref(), top=10, lang="en")
    assert not result.own_trade and not before.own_trade
    members = {index.cands[i].uri for i in index.by_prefix[group]}
    raised = [s for s in result.suggestions if s.uri in members]
    assert raised, "the wished group has no suggestion"
    count = sum(s.uri in members for s in before.suggestions)
    assert sum(s.uri in members for s in result.suggestions) > count
    fits = " ".join(say(t, "en") for s in raised for t in s.fit)
    assert "group of the person's wished occupation (the wish as coded, to be checked)" in fits, fits


def test_the_unit_group_of_a_broad_code_is_the_tied_specific_one() -> None:
    """A code to a broad ISCO group (2 digits) matches only when a 4-digit candidate inside it
    scores as well; a candidate outside it or scoring lower does not count."""
    broad = OccupationCode(uri="http://data.europa.eu/esco/isco/C83", isco="83", label="-", score=86)
    inside = OccupationCode(uri="u1", isco="8322", label="-", score=86)
    lower = OccupationCode(uri="u2", isco="8331", label="-", score=70)
    outside = OccupationCode(uri="u3", isco="5120", label="-", score=86)
    assert unit_group(WishedOccupation(text="x", coded=broad, alternatives=[inside])) == "8322"
    assert unit_group(WishedOccupation(text="x", coded=broad, alternatives=[lower, outside])) is None
    assert unit_group(WishedOccupation(text="x", coded=inside)) == "8322"
    assert unit_group(WishedOccupation(text="x")) is None


def test_an_exact_label_still_names_the_occupation_without_a_code() -> None:
    """Profiles written before wishes were coded (no ``wishes.coded``) load as they are and a wish
    that is an occupation's exact label still names that occupation."""
    raw = json.loads((PERSONAS / "somali_nurse_bachelor_not_in_table.json").read_text("utf-8"))
    assert "coded" not in raw["wishes"]
    index = _ref().suggest_index
    label = index.cands[0].label_nl
    raw["wishes"]["occupations"] = [label]
    profile = Profile.model_validate(raw)
    result = suggest.suggest(profile, ref=_ref(), top=5, lang="en")
    assert index.cands[0].uri in {s.uri for s in result.own_trade}


def test_a_wish_in_everyday_words_gets_the_protected_title_route() -> None:
    """With the real coder, the everyday word a persona used for her past work (it codes to an ISCO
    group with no ESCO occupation, a regulated profession's) is coded as a wish too, flagged for
    review; the plan names the title's route and says the coding is an indication."""
    ref = _ref()
    title = profile_files.read_profile(PERSONAS / "somali_nurse_bachelor_not_in_table.json").work[0].title
    profile = _profile(profile_building.Coders(ref).occupation, wish=title, ref=ref)
    (wish,) = profile.wishes.coded
    assert wish.coded is not None and wish.needs_review and len(wish.coded.isco) == 4
    result = suggest.suggest(profile, ref=ref, top=5, lang="en")
    steps = {n.action: (say(n.text, "en"), say(n.reason, "en")) for n in result.next_steps}
    text, reason = steps["protected_title"]
    assert "BIG register" in text, text
    assert "The coding is an indication" in reason, reason
    dutch = suggest.suggest(profile, ref=ref, top=5, lang="nl")
    nl = {n.action: say(n.reason, "nl") for n in dutch.next_steps}
    assert "De codering is een indicatie" in nl["protected_title"]


def _aged(name: str, age: int, status: str | None = "keep") -> Profile:
    profile = profile_files.read_profile(PERSONAS / f"{name}.json")
    year = (profile.created or NOW).year
    personal = profile.personal.model_copy(update={"birth_year": year - age})
    update: dict[str, Any] = {"personal": personal}
    if status != "keep":
        update["dutch"] = profile.dutch.model_copy(update={"inburgering": status})
    return profile.model_copy(update=update)


def _steps(profile: Profile, lang: str) -> dict[str, tuple[str, str]]:
    result = suggest.suggest(profile, ref=_ref(), top=5, lang=lang)  # type: ignore[arg-type]
    return {n.action: (say(n.text, lang), say(n.reason, lang)) for n in result.next_steps}


FARMER = "eritrean_farmer_63_z_route"


def test_near_the_pension_age_no_multi_year_learn_work_route() -> None:
    """A 63-year-old got a multi-year BBL as his route: near the AOW age (67 in 2026-2027) the dual
    step proposes training on the job or a short course, says why with the sourced age, and the EVC
    step no longer offers a BBL route; in Dutch too."""
    en = _steps(_aged(FARMER, 63), "en")
    text, reason = en["dual_route"]
    assert "not a learn-work route (BBL) of several years" in text, text
    assert "state pension age (AOW) is 67" in reason and "rijksoverheid.nl" in reason, reason
    assert "BBL" not in en["evc"][0], en["evc"]
    nl = _steps(_aged(FARMER, 63), "nl")
    assert "geen leerwerktraject (BBL) van meerdere jaren" in nl["dual_route"][0]
    assert "AOW-leeftijd is 67" in nl["dual_route"][1]


def test_far_from_the_pension_age_the_learn_work_route_stays() -> None:
    """The same person at 45 still gets the learn-work route (BBL) and the EVC step's BBL option (on
    the B1 route: the Z-route has no BBL step at any age since the sixth review)."""
    at_45 = _aged(FARMER, 45)
    en = _steps(
        at_45.model_copy(update={"dutch": at_45.dutch.model_copy(update={"integration_route": "b1"})}), "en"
    )
    assert "learn-work route (BBL) towards" in en["dual_route"][0], en["dual_route"]
    assert "pension" not in en["dual_route"][1]
    assert "BBL" in en["evc"][0]


def _gaps(profile: Profile, lang: str) -> list[str]:
    result = suggest.suggest(profile, ref=_ref(), top=10, lang=lang)  # type: ignore[arg-type]
    return [say(g, lang) for s in result.suggestions for g in s.gaps]


def test_near_the_pension_age_the_qualification_gap_names_no_bbl_route() -> None:
    """The plan dropped the BBL route near the AOW age, but each suggestion's gap still said
    'through learn-work (BBL)': at 63 the gap names the short routes (in Dutch too), at 45 the
    learn-work route stays."""
    old = [g for g in _gaps(_aged(FARMER, 63), "en") if g.startswith("vocational qualification needed")]
    assert old, "the persona's suggestions name no missing vocational qualification"
    assert all("not a learn-work route (BBL) of several years" in g for g in old), old
    nl = [g for g in _gaps(_aged(FARMER, 63), "nl") if g.startswith("vakopleiding nodig")]
    assert nl and all("geen leerwerktraject (BBL)" in g for g in nl), nl
    young = [g for g in _gaps(_aged(FARMER, 45), "en") if g.startswith("vocational qualification needed")]
    assert young and all("through learn-work (BBL)" in g for g in young), young


def test_past_the_pension_age_an_unknown_status_is_no_free_evaluation() -> None:
    """Past the AOW age the Wet inburgering 2021 obliges no one: with the status not recorded, the
    IDW step does not hold out the free evaluation for people obliged to integrate; a recorded
    obligation keeps its sentence, and a younger person with no status keeps the question."""
    name = "syrian_haccp_a2"
    old = _steps(_aged(name, 70, None), "en")["diploma_evaluation"][0]
    assert "past the state pension age (AOW)" in old, old
    nl = _steps(_aged(name, 70, None), "nl")["diploma_evaluation"][0]
    assert "boven de AOW-leeftijd" in nl, nl
    obliged = _steps(_aged(name, 70, "obliged"), "en")["diploma_evaluation"][0]
    assert "one evaluation is free" in obliged, obliged
    young = _steps(_aged(name, 40, None), "en")["diploma_evaluation"][0]
    assert "Check the integration status" in young and "pension" not in young, young


def _with_work(name: str, title: str, kind: str) -> Profile:
    profile = profile_files.read_profile(PERSONAS / f"{name}.json")
    work = [profile.work[0].model_copy(update={"title": title, "kind": kind})]
    return profile.model_copy(update={"work": work})


def test_an_own_business_gets_the_official_start_routes() -> None:
    """A grocer who ran his own shop (self-employed) got no entrepreneurship route: the plan now
    names the municipality's Bbz and registration at the KVK, marked as an indication, with its
    sources and no amounts; in Dutch too."""
    en = _steps(profile_files.read_profile(PERSONAS / "afghan_grocery_owner.json"), "en")
    text, reason = en["entrepreneurship"]
    assert text.startswith("Indication:") and "Bbz (Besluit bijstandverlening zelfstandigen)" in text, text
    assert "KVK (Kamer van Koophandel)" in text
    assert "rijksoverheid.nl" in reason and "kvk.nl" in reason, reason
    assert not any(ch in text + reason for ch in "€$"), text
    nl = _steps(profile_files.read_profile(PERSONAS / "afghan_grocery_owner.json"), "nl")
    assert nl["entrepreneurship"][0].startswith("Indicatie:") and "Bbz" in nl["entrepreneurship"][0]


def test_an_own_business_said_in_the_title_counts_and_employees_get_none() -> None:
    """'Eigen zaak' said in the title counts when the kind was left at employed (a batch without a
    kind column); an employee, or a child under the qualification duty, gets no such step."""
    name = "afghan_grocery_owner"
    assert "entrepreneurship" in _steps(
        _with_work(name, "zelfbedachte-baan met eigen zaak", "employed"), "en"
    )
    assert "entrepreneurship" not in _steps(_with_work(name, "zelfbedachte-baan", "employed"), "en")
    minor = profile_files.read_profile(PERSONAS / "syrian_17_kwalificatieplicht.json")
    minor = minor.model_copy(
        update={"work": [w.model_copy(update={"kind": "self_employed"}) for w in minor.work]}
    )
    assert "entrepreneurship" not in _steps(minor, "en")


def test_cli_intake_then_suggest_keeps_the_coded_wish_and_the_business_route(tmp_path: Path) -> None:
    """Through the CLI: ``intake --answers`` stores the coded wishes (the profile validates when
    read back) and ``suggest --json`` has the entrepreneurship step for the self-employed shop
    keeper of the shipped example."""
    answers = yamlio.loads((PERSONAS.parent / "answers" / "somalia-shopkeeper.yaml").read_text("utf-8"))
    answers["wishes"]["occupations"].append(WISH)
    src, out = tmp_path / "a.yaml", tmp_path / "p.json"
    src.write_text(yamlio.dumps(answers), "utf-8")
    runner = CliRunner()
    r = runner.invoke(app, ["intake", "--answers", str(src), "--out", str(out)])
    assert r.exit_code == 0, r.output
    profile = profile_files.read_profile(out)
    assert [w.text for w in profile.wishes.coded] == answers["wishes"]["occupations"]
    r = runner.invoke(app, ["suggest", str(out), "--json", "--lang", "en"])
    assert r.exit_code == 0, r.output
    steps = {s["action"]: s for s in json.loads(r.stdout)["next_steps"]}
    assert "entrepreneurship" in steps
