"""The persona profiles in examples/personas/ against their NAME.expect.yaml, on the real data.

Also the invariants that must hold for every persona: the score is the sum of its parts on a 0-100
scale, nothing that needs C1 is a direct start for someone at A1 or below, no regulated occupation
is ever direct, every suggestion has real fit, every coded past occupation is in the own trade,
every suggestion says it is an indication, and the fast ranking is exactly the brute-force ranking.

The expectations are must / must-not constraints written from the rules and their sources
(docs/advice.md), not copied from the tool's output.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

from skilltool import profile_files, suggest, yamlio
from skilltool.models import CEFR_ORDER, Education, NextStep, Profile, SuggestionResult, say
from skilltool.models.profile import DiplomaIndication
from skilltool.reference import ReferenceData
from skilltool.suggest_index import SuggestIndex

from .conftest import REPO
from .tracing import every_nth_traced

PERSONAS = REPO / "examples" / "personas"
NAMES = sorted(p.stem for p in PERSONAS.glob("*.json"))


class Expect(BaseModel):
    """What a persona's NAME.expect.yaml may assert (unknown keys are an error)."""

    model_config = ConfigDict(extra="forbid")

    top: int = 10
    min_suggestions: int = 0
    max_suggestions: int | None = None
    at_level: bool | None = None
    sectors_in_top5: list[str] = []
    isco_in_top: list[str] = []
    isco_route: dict[str, str] = {}
    routes_present: list[str] = []
    no_direct_above: str | None = None
    gaps_contain: list[str] = []
    next_steps: list[str] = []
    next_steps_absent: list[str] = []
    first_step: str | None = None
    step_text_contains: dict[str, str] = {}
    # issue 13: own trade, fit, slots, regulation, plan rules
    own_trade_isco: dict[str, str] = {}
    """ISCO prefix -> route ('any' for any route) that must be in the own trade."""
    own_trade_gaps_contain: list[str] = []
    never_direct_isco: list[str] = []
    isco_absent: list[str] = []
    empty_slots: list[str] = []
    gaps_absent: list[str] = []
    step_text_absent: dict[str, str] = {}
    steps_before: list[tuple[str, str]] = []
    """(a, b): step a comes before step b."""
    level_basis_contains: str | None = None
    no_level: bool = False
    work_experience_isco: str | None = None
    """The work-experience placement names a suggestion in this ISCO group."""


@cache
def _ref() -> ReferenceData:
    return ReferenceData(REPO / "data")


def persona(name: str) -> Profile:
    """The profile of persona ``name`` (examples/personas), as every command reads it."""
    return profile_files.read_profile(PERSONAS / f"{name}.json")


def run_suggest(profile: Profile, lang: str = "nl") -> SuggestionResult:
    """The ten suggestions of ``profile`` on the committed data, as the expert reviews read them."""
    return suggest.suggest(profile, ref=_ref(), top=10, lang=lang)  # type: ignore[arg-type]


def steps(name: str, lang: str = "nl") -> dict[str, str]:
    """Persona ``name``'s plan as the expert reviews read it: each step's action and its text."""
    return {n.action: say(n.text, lang) for n in run_suggest(persona(name), lang).next_steps}


def step_texts(result: SuggestionResult, action: str, lang: str = "nl") -> tuple[str, str]:
    """The text and the reason of the first next step of ``action``, in ``lang``."""
    step = next(n for n in result.next_steps if n.action == action)
    return say(step.text, lang), say(step.reason, lang)


def _expect(name: str) -> Expect:
    return Expect.model_validate(yamlio.loads((PERSONAS / f"{name}.expect.yaml").read_text("utf-8")))


def test_there_are_enough_varied_personas() -> None:
    """At least 45 personas (issue 13), each with its expectations beside it, from at least 8
    countries."""
    assert len(NAMES) >= 45
    assert all((PERSONAS / f"{n}.expect.yaml").exists() for n in NAMES)
    countries = {profile_files.read_profile(PERSONAS / f"{n}.json").personal.country_of_origin for n in NAMES}
    assert len(countries) >= 8


@pytest.mark.parametrize("name", NAMES)
def test_persona(name: str) -> None:
    """Every property in NAME.expect.yaml holds for the persona's suggestions and next steps."""
    exp = _expect(name)
    profile = profile_files.read_profile(PERSONAS / f"{name}.json")
    result = suggest.suggest(profile, ref=_ref(), top=exp.top, lang="nl")
    sugg = result.suggestions
    assert len(sugg) >= exp.min_suggestions
    if exp.max_suggestions is not None:
        assert len(sugg) <= exp.max_suggestions, [s.label for s in sugg]
    if exp.at_level:
        assert any(s.at_level for s in sugg), "no suggestion at the person's level"
    for sector in exp.sectors_in_top5:
        assert sector in {s.sector for s in sugg[:5]}, f"{sector} not in the top five"
    for prefix in exp.isco_in_top:
        assert any(s.isco.startswith(prefix) for s in sugg), f"no ISCO {prefix} suggestion"
    for prefix, route in exp.isco_route.items():
        hits = [s for s in sugg if s.isco.startswith(prefix)]
        assert hits and all(s.route == route for s in hits), f"ISCO {prefix}: {[s.route for s in hits]}"
    for route in exp.routes_present:
        assert any(s.route == route for s in sugg), f"no {route} suggestion"
    if exp.no_direct_above:
        limit = CEFR_ORDER[exp.no_direct_above]
        for s in sugg:
            assert s.route != "direct" or CEFR_ORDER[s.dutch_needed or "C2"] <= limit, s.label
    gaps = " | ".join(g.render("nl") for s in sugg for g in s.gaps)
    for text in exp.gaps_contain:
        assert text in gaps, f"{text!r} not in the gaps"
    actions = [n.action for n in result.next_steps]
    assert set(exp.next_steps) <= set(actions), actions
    assert not set(exp.next_steps_absent) & set(actions), actions
    if exp.first_step:
        assert actions[0] == exp.first_step, actions
    for action, text in exp.step_text_contains.items():
        assert text in next(say(n.text, "nl") for n in result.next_steps if n.action == action)
    for action, text in exp.step_text_absent.items():
        assert all(text not in say(n.text, "nl") for n in result.next_steps if n.action == action), action
    for first, then in exp.steps_before:
        assert first in actions and then in actions and actions.index(first) < actions.index(then), actions
    for prefix, route in exp.own_trade_isco.items():
        own = [s for s in result.own_trade if s.isco.startswith(prefix)]
        assert own, f"ISCO {prefix} not in the own trade"
        assert route == "any" or all(s.route == route for s in own), [s.route for s in own]
    own_gaps = " | ".join(g.render("nl") for s in result.own_trade for g in s.gaps)
    for text in exp.own_trade_gaps_contain:
        assert text in own_gaps, f"{text!r} not in the own trade's gaps"
    for prefix in exp.never_direct_isco:
        for s in (*sugg, *result.own_trade):
            assert not (s.isco.startswith(prefix) and s.route == "direct"), s.label
    for prefix in exp.isco_absent:
        assert not any(s.isco.startswith(prefix) for s in sugg), f"ISCO {prefix} suggested"
    for text in exp.gaps_absent:
        assert text not in gaps, f"{text!r} in the gaps"
    slots = {e.slot for e in result.empty_slots}
    assert set(exp.empty_slots) <= slots, slots
    if exp.level_basis_contains:
        assert exp.level_basis_contains in (result.level_basis or ""), result.level_basis
    if exp.no_level:
        assert result.person_level is None
    if exp.work_experience_isco:
        step = next(n for n in result.next_steps if n.action == "work_experience")
        words = say(step.text, "nl")
        placed = [s for s in sugg if re.search(rf"(?<!\w){re.escape(s.label)}(?!\w)", words)]  # a word
        assert placed and all(s.isco.startswith(exp.work_experience_isco) for s in placed), words


@pytest.mark.parametrize("name", NAMES)
def test_persona_invariants(name: str) -> None:
    """Score = sum of parts; no C1 job as a direct start at A1 or below; every suggestion carries
    the caveat, a route and, when regulated and recognition comes first, the official route."""
    profile = profile_files.read_profile(PERSONAS / f"{name}.json")
    result = suggest.suggest(profile, ref=_ref(), lang="en")
    index = _ref().suggest_index
    dutch = CEFR_ORDER[profile.dutch.cefr or "pre-A1"]
    for s in (*result.suggestions, *result.own_trade):
        assert 0 <= s.score <= 100
        if s.uri in index.reg_by_uri:
            assert s.regulated and s.route != "direct", s.label
    occupations = {j.coded.uri for j in profile.work if j.coded and j.coded.uri in index.occ_isco}
    assert occupations <= {s.uri for s in result.own_trade}  # an ISCO group code has no own trade
    assert all(s.fit for s in result.suggestions)
    assert bool(result.suggestions) != ("suggestions" in {e.slot for e in result.empty_slots})
    for s in result.suggestions:
        assert s.score == pytest.approx(sum(p.points for p in s.parts), abs=1e-9)
        assert s.caveat.render("en").startswith("Indication")
        if dutch <= CEFR_ORDER["A1"] and s.dutch_needed in ("C1", "C2"):
            assert s.route != "direct"
        if s.route == "recognition_first":
            assert s.regulated and s.recognition
    assert result.next_steps and all(n.reason for n in result.next_steps)
    for step in result.next_steps:  # a stored plan must load again: every text has its own fields
        NextStep.model_validate(step.model_dump(mode="json"))


def test_explain_blocked_regulated_profession() -> None:
    """A doctor's job for a nurse is explained (parts, BIG note) but has no rank: never suggested."""
    profile = profile_files.read_profile(PERSONAS / "iranian_nurse.json")
    result = suggest.explain(profile, ref=_ref(), occupation="huisarts", lang="en")
    assert result.in_sector and result.rank == 0
    assert any("regulated profession" in g.render("en") for g in result.suggestion.gaps)
    assert result.suggestion.route == "dual"


def _brute(index: SuggestIndex, p: suggest.Person) -> list[suggest.Entry]:
    ess, opt, _ = suggest._touched(index, p)
    out = []
    for n, c in enumerate(index.cands):
        if suggest._blocked(index, p, c):
            continue
        parts = suggest._parts(index, p, c, ess.get(n, 0), opt.get(n, 0))
        out.append((-suggest._score(parts), n))
    return sorted(out)


@pytest.mark.parametrize("name", every_nth_traced(NAMES[::3]))  # one in eight traced (tests.tracing)
def test_fast_ranking_equals_brute_force(name: str) -> None:
    """The lazy ranking (touched candidates scored one by one, the rest by group) gives exactly
    the order and scores of scoring every candidate with ``_parts``, and ``explain`` ranks an
    occupation where that order puts it."""
    index = _ref().suggest_index
    profile = profile_files.read_profile(PERSONAS / f"{name}.json")
    p = suggest._person(profile, index, "nl")
    stream, _, _ = suggest._stream(index, p, sector=None)
    brute = _brute(index, p)
    assert list(stream) == brute
    # explain's rank (read from the lazy ranking) counts the brute-force entries before it: the
    # first, a middle and the last candidate
    for at in sorted({0, len(brute) // 2, len(brute) - 1}):
        ci = brute[at][1]
        explained = suggest.explain(profile, ref=_ref(), occupation=index.cands[ci].uri, lang="nl")
        assert explained.rank == 1 + sum(1 for e in brute if e < (-explained.suggestion.score, ci)) > 0
    keys = [(c.code_key, c.uri) for c in index.cands]
    assert keys == sorted(keys)  # index order is the tie-break order
    for c in index.cands:
        pts, _, digits = suggest._related(index, p, c)
        assert suggest._related_fast(p, c) == (pts, digits)


def test_persona_files_are_valid_profiles() -> None:
    """Each persona JSON is a valid Profile whose coded work uses real ESCO URIs and ISCO codes:
    an occupation's, or an ISCO group's as the intake codes some titles ('verpleegkundige': 3221)."""
    by_uri = _ref().occupation_by_uri
    groups = _ref().isco_by_code
    for name in NAMES:
        profile = profile_files.read_profile(Path(PERSONAS / f"{name}.json"))
        for job in profile.work:
            assert job.coded is not None
            if job.coded.uri.startswith("http://data.europa.eu/esco/isco/C"):
                assert job.coded.uri.endswith(f"/C{job.coded.isco}") and job.coded.isco in groups
            else:
                assert by_uri[job.coded.uri].isco == job.coded.isco


def test_persona_diploma_indications_match_the_table() -> None:
    """Every diploma indication in a persona names a real entry of data/diploma_equivalences.yaml
    with the same country and NLQF/EQF range, so the personas stay consistent with the table."""
    table = yamlio.loads((REPO / "data" / "diploma_equivalences.yaml").read_text("utf-8"))
    entries = {e["id"]: e for e in table["entries"]}
    checked = 0
    for name in NAMES:
        for edu in profile_files.read_profile(PERSONAS / f"{name}.json").education:
            if edu.indication is None:
                continue
            if edu.country == "NL":  # a Dutch diploma: the ladder's rung (skilltool.diploma_dutch)
                rung = next(
                    lv
                    for lv in _ref().dutch_qualifications.levels
                    if f"nl-{lv.id}" == edu.indication.entry_id
                )
                assert (edu.indication.nlqf_min, edu.indication.nlqf_max) == (rung.nlqf, rung.nlqf), name
                continue
            entry = entries[edu.indication.entry_id]
            assert entry["country"] == edu.country, name
            assert (edu.indication.nlqf_min, edu.indication.nlqf_max) == (
                entry["nlqf"]["min"],
                entry["nlqf"]["max"],
            )
            assert (edu.indication.eqf_min, edu.indication.eqf_max) == (
                entry["eqf"]["min"],
                entry["eqf"]["max"],
            )
            checked += 1
    assert checked >= 12


def education(
    country: str, name: str, nlqf: int | None, years: float | None = None, *, completed: bool = True
) -> Education:
    """An education for the expert reviews' made-up clients, with a diploma indication at ``nlqf``
    (none when None)."""
    indication = None
    if nlqf is not None:
        indication = DiplomaIndication(
            entry_id="x", qualification=name, dutch_equivalent="x", nlqf_min=nlqf, nlqf_max=nlqf,
            eqf_min=nlqf, eqf_max=nlqf, source="test", score=100.0, basis="stated",
        )  # fmt: skip
    return Education(
        country=country, qualification=name, completed=completed, years=years, indication=indication
    )
