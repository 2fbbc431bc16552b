"""The suggestion core on tiny data: parts, routes, gaps, the action plan, and the data checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from skilltool import fsio, profile_files, suggest, suggest_checks, suggest_index_build, yamlio
from skilltool.errors import DataFileError, InputFileError, NotFoundError, UsageError
from skilltool.models import Profile, say
from skilltool.reference import ReferenceData

OCC = "http://data.europa.eu/esco/occupation/"


def _profile(**kw: Any) -> Profile:
    return Profile.model_validate({"personal": {"client_ref": "T-1"}, **kw})


def _coded(uri: str, isco: str, label: str, years: float | None = 5) -> dict[str, Any]:
    return {
        "title": label,
        "years": years,
        "coded": {"uri": OCC + uri, "isco": isco, "label": label, "score": 90},
    }


@pytest.fixture
def ref(tiny_data: Path) -> ReferenceData:
    return ReferenceData(tiny_data)


ALL = ["lasser", "installatie-elektricien", "verpleegkundige", "kapper"]


def test_sector_is_a_boost_not_a_filter(ref: ReferenceData) -> None:
    """Issue 13: every occupation is a candidate; one in a shortage sector gets the sector boost.
    The hairdresser (5141, no sector) is suggested for a hairdresser, with 0 sector points."""
    result = suggest.suggest(_profile(wishes={"occupations": ALL}), ref=ref, top=10)
    assert sorted(s.isco for s in result.suggestions) == ["2221", "5141", "7212", "7411"]
    sector = {s.isco: {p.name: p.points for p in s.parts}["sector"] for s in result.suggestions}
    assert sector == {"2221": 4.0, "5141": 0.0, "7212": 4.0, "7411": 4.0}
    hairdresser = _profile(work=[_coded("hairdresser", "5141", "kapper")])
    own = suggest.suggest(hairdresser, ref=ref)
    assert own.suggestions[0].isco == "5141" and own.suggestions[0].sector == ""
    assert [s.isco for s in own.own_trade] == ["5141"]


def test_no_fit_fills_no_slot(ref: ReferenceData) -> None:
    """Issue 13: without related work, half the essential skills or a wish nothing is suggested,
    and the empty slot says why."""
    result = suggest.suggest(_profile(), ref=ref, lang="en")
    assert result.suggestions == []
    assert result.empty_slots[0].slot == "suggestions"
    assert "No occupation has real fit" in result.empty_slots[0].reason
    assert "100" in result.score_scale


def test_score_is_the_sum_of_seven_named_parts(ref: ReferenceData) -> None:
    """Every suggestion shows the same seven parts, and its score is exactly their sum."""
    profile = _profile(work=[_coded("welder", "7212", "lasser")], dutch={"cefr": "A2"})
    for s in suggest.suggest(profile, ref=ref).suggestions:
        assert [p.name for p in s.parts] == list(suggest.PART_NAMES)
        assert s.score == pytest.approx(sum(p.points for p in s.parts), abs=1e-9)
        assert all(p.evidence.render("nl") for p in s.parts)


def test_past_work_ranks_its_own_occupation_first(ref: ReferenceData) -> None:
    """A welder's own occupation wins on skills and same-occupation experience."""
    profile = _profile(work=[_coded("welder", "7212", "lasser")], dutch={"cefr": "A2"})
    first = suggest.suggest(profile, ref=ref).suggestions[0]
    assert first.isco == "7212"
    parts = {p.name: p.points for p in first.parts}
    assert parts["skills"] == 24.0  # every essential skill of the welder
    assert parts["related_work"] == 20.0
    assert first.route == "direct" and first.at_level


def test_same_job_with_and_without_years_ranks(ref: ReferenceData) -> None:
    """Regression: the same job twice, with unknown years (sets a level) and with one year (too
    short for a level, counted in full), made the ranking memo's key compare None with a number
    (a TypeError, and 2% of a batch's rows rejected as internal errors)."""
    work = [_coded("welder", "7212", "lasser", years=None), _coded("welder", "7212", "lasser", years=1)]
    result = suggest.suggest(_profile(work=work), ref=ref)
    assert result.suggestions[0].isco == "7212"
    again = suggest.suggest(_profile(work=work[::-1]), ref=ref)  # the same ranking, from the memo
    assert [s.uri for s in again.suggestions] == [s.uri for s in result.suggestions]


def test_regulated_with_experience_is_recognition_first(ref: ReferenceData) -> None:
    """A nurse's own profession is 'recognition_first' and names the BIG route as a gap."""
    profile = _profile(work=[_coded("nurse", "2221", "verpleegkundige")], dutch={"cefr": "B1"})
    nurse = next(s for s in suggest.suggest(profile, ref=ref, lang="en").suggestions if s.isco == "2221")
    assert nurse.route == "recognition_first" and nurse.regulated
    assert nurse.recognition and "BIG" in nurse.recognition.render("en")
    assert any("recognition needed" in g.render("en") for g in nurse.gaps)


def test_regulated_without_experience_is_a_learn_work_route(ref: ReferenceData) -> None:
    """Nursing has a learn-work route: wished without nursing work it is dual, never direct, and
    the gap names the body."""
    profile = _profile(wishes={"occupations": ["verpleegkundige"]})
    nurse = next(s for s in suggest.suggest(profile, ref=ref, lang="en").suggestions if s.isco == "2221")
    assert nurse.route == "dual"
    assert any("regulated profession" in g.render("en") and "BIG" in g.render("en") for g in nurse.gaps)


def test_unknown_tightness_is_neutral(ref: ReferenceData) -> None:
    """Unknown tightness (now and forecast) gives 0 points and says so; the current UWV value counts
    by its derived category; a value older than 8 quarters counts 0 and says so; the 2030 forecast
    is a separate, smaller part."""
    wished = _profile(wishes={"occupations": ALL})
    by_isco = {s.isco: s for s in suggest.suggest(wished, ref=ref, lang="en").suggestions}
    nurse = {p.name: p for p in by_isco["2221"].parts}
    assert nurse["tightness"].points == 0.0 and "neutral" in nurse["tightness"].evidence.render("en")
    assert nurse["tightness_forecast"].points == 0.0 and "neutral" in nurse[
        "tightness_forecast"
    ].evidence.render("en")
    assert by_isco["2221"].tightness.category == "unknown"
    welder = {p.name: p for p in by_isco["7212"].parts}
    assert welder["tightness"].points == 6.0  # 5.2 is zeer krap by UWV's thresholds (ROA: krap)
    assert "very tight (UWV, 2026Q1, derived from 5.2)" in welder["tightness"].evidence.render("en")
    assert welder["tightness_forecast"].points == 2.0 and "large bottlenecks" in welder[
        "tightness_forecast"
    ].evidence.render("en")
    assert by_isco["7212"].tightness.value == 5.2 and by_isco["7212"].tightness.forecast == "groot"
    electrician = {p.name: p for p in by_isco["7411"].parts}
    assert electrician["tightness"].points == 0.0  # zeer krap in 2022Q2: stale
    assert "counts 0 points (older than 8 quarters)" in electrician["tightness"].evidence.render("en")
    assert electrician["tightness_forecast"].points == 3.0
    assert by_isco["7411"].tightness.period == "2022Q2" and "stale" in by_isco["7411"].tightness.flags


def test_tightness_points_and_text() -> None:
    """Points: a lower bound counts as that bound, stale counts 0, unknown 0; the one formatter puts
    current and forecast side by side in both languages."""
    from skilltool import tightness
    from skilltool.models import TightnessRef

    w = ReferenceData().suggest_weights
    bound = TightnessRef(category="unknown", at_least="krap", period="2024Q4", flags=["lower_bound"])
    assert tightness.points(w, bound) == (4.0, 0.0)
    assert tightness.points(w, bound.model_copy(update={"flags": ["lower_bound", "stale"]})) == (0.0, 0.0)
    assert tightness.points(w, TightnessRef(category="unknown")) == (0.0, 0.0)
    now = TightnessRef(
        category="zeer krap",
        period="2026Q1",
        value=5.2,
        kind="current",
        flags=["derived"],
        forecast="groot",
        forecast_period="2030",
    )
    assert (
        tightness.text(now, "nl")
        == "zeer krap (UWV, 2026Q1, afgeleid van 5.2); tot 2030: grote knelpunten (ROA)"
    )
    assert (
        tightness.text(now, "en")
        == "very tight (UWV, 2026Q1, derived from 5.2); to 2030: large bottlenecks (ROA)"
    )
    assert tightness.text(bound, "en") == "at least tight (UWV, 2024Q4, lower bound); to 2030: unknown"
    assert tightness.text(TightnessRef(category="unknown"), "nl") == "onbekend, nu en tot 2030"
    assert tightness.text(now, "nl", short=True) == "zeer krap 2026Q1, 2030: grote knelpunten"


def test_missing_certificate_is_a_gap(ref: ReferenceData) -> None:
    """The electrician needs VCA and NEN 3140: a missing one is a gap, holding both scores points
    (however the certificate is written)."""
    wish = {"occupations": ["installatie-elektricien"]}
    e = next(s for s in suggest.suggest(_profile(wishes=wish), ref=ref).suggestions if s.isco == "7411")
    assert e.certificates_missing == ["VCA", "NEN 3140"]
    with_vca = _profile(certificates=["vca"], wishes=wish)
    e = next(s for s in suggest.suggest(with_vca, ref=ref).suggestions if s.isco == "7411")
    assert e.certificates_missing == ["NEN 3140"]
    with_both = _profile(certificates=["vca", "NEN3140"], wishes=wish)
    e = next(s for s in suggest.suggest(with_both, ref=ref).suggestions if s.isco == "7411")
    assert e.certificates_missing == []
    assert {p.name: p.points for p in e.parts}["certificates"] == 1.0


def test_dutch_gap_decides_direct_or_dual(ref: ReferenceData) -> None:
    """A job one CEFR step away can start directly; two or more steps is a dual route."""
    welder = [_coded("welder", "7212", "lasser")]
    near = suggest.suggest(_profile(work=welder, dutch={"cefr": "A1"}), ref=ref).suggestions
    far = suggest.suggest(_profile(work=welder, dutch={"cefr": "pre-A1"}), ref=ref).suggestions
    assert next(s for s in near if s.isco == "7212").route == "direct"
    assert next(s for s in far if s.isco == "7212").route == "dual"


def test_wished_sector_adds_points_and_is_shown(ref: ReferenceData) -> None:
    """A wish for 'zorg' matches the care sector by its Dutch name and adds the wish weight."""
    occ = {"occupations": ["verpleegkundige"]}
    plain = suggest.suggest(_profile(wishes=occ), ref=ref).suggestions
    wished = suggest.suggest(_profile(wishes={**occ, "sectors": ["zorg"]}), ref=ref).suggestions
    before = next(s for s in plain if s.sector == "care").score
    after = next(s for s in wished if s.sector == "care").score
    assert after - before == 4.0


def test_sector_filter_and_unknown_sector(ref: ReferenceData) -> None:
    """--sector keeps one sector; an unknown name is a usage error listing the ids."""
    result = suggest.suggest(_profile(wishes={"occupations": ALL}), ref=ref, sector="Techniek")
    assert {s.sector for s in result.suggestions} == {"technology_installation"}
    with pytest.raises(UsageError, match="use one of care, technology_installation"):
        suggest.suggest(_profile(), ref=ref, sector="mining")


def test_languages_give_the_texts(ref: ReferenceData) -> None:
    """Reasons, gaps, next steps and the caveat follow --lang."""
    nl = suggest.suggest(_profile(), ref=ref, lang="nl")
    en = suggest.suggest(_profile(), ref=ref, lang="en")
    assert nl.caveat.startswith("Indicatie") and en.caveat.startswith("Indication")
    assert all(s.caveat.render("en") == en.caveat for s in en.suggestions)
    assert all(s.caveat.render("nl") == nl.caveat for s in en.suggestions)  # a fact: any language
    assert nl.next_steps[-1].action == en.next_steps[-1].action == "network"


def test_empty_profile_gets_routes_and_a_plan(ref: ReferenceData) -> None:
    """No work, no diploma, no Dutch: no suggestion (nothing fits), empty slots that say why, and
    still a plan with reasons."""
    result = suggest.suggest(_profile(), ref=ref)
    assert not result.suggestions
    assert {"suggestions", "at_level", "work_experience"} <= {e.slot for e in result.empty_slots}
    actions = [n.action for n in result.next_steps]
    assert actions[0] == "language" and "network" in actions
    assert all(n.reason for n in result.next_steps)


def test_top_limits_and_rejects_zero(ref: ReferenceData) -> None:
    """--top N gives at most N; 0 is a usage error."""
    wished = _profile(wishes={"occupations": ALL})
    assert len(suggest.suggest(wished, ref=ref, top=1).suggestions) == 1
    with pytest.raises(UsageError):
        suggest.suggest(_profile(), ref=ref, top=0)


def test_explain_by_label_uri_and_outside_sector(ref: ReferenceData) -> None:
    """explain finds an occupation by label or URI, ranks it, and handles one outside the sectors."""
    profile = _profile(work=[_coded("welder", "7212", "lasser")])
    by_label = suggest.explain(profile, ref=ref, occupation="lasser")
    by_uri = suggest.explain(profile, ref=ref, occupation=OCC + "welder")
    assert by_label.suggestion.uri == by_uri.suggestion.uri == OCC + "welder"
    assert by_label.rank == 1 and by_label.in_sector
    outside = suggest.explain(profile, ref=ref, occupation="kapper")
    assert not outside.in_sector and outside.rank > 1  # a candidate all the same, ranked
    assert outside.suggestion.score == pytest.approx(sum(p.points for p in outside.suggestion.parts))
    with pytest.raises(NotFoundError, match="no ESCO occupation"):
        suggest.explain(profile, ref=ref, occupation="astronaut")


def test_read_profile_errors_are_one_line(tmp_path: Path) -> None:
    """A missing file, broken JSON and a wrong field each give one line naming the file."""
    with pytest.raises(InputFileError, match="no such file; check the name and folder of the profile"):
        profile_files.read_profile(tmp_path / "nope.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(InputFileError, match="not valid JSON"):
        profile_files.read_profile(bad)
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"personal": {"client_ref": "x"}, "dutch": {"cefr": "B3"}}')
    with pytest.raises(InputFileError) as exc:
        profile_files.read_profile(wrong)
    assert "wrong.json: dutch.cefr:" in exc.value.message and "\n" not in exc.value.message


def test_index_is_cached_on_disk(tiny_data: Path) -> None:
    """The compiled index is built once and then read from the cache (same content, no rebuild)."""
    first = suggest_index_build.load_index(ReferenceData(tiny_data))
    second = suggest_index_build.load_index(ReferenceData(tiny_data))
    assert first is not second and [c.uri for c in first.cands] == [c.uri for c in second.cands]


def _rewrite(path: Path, change: Any) -> None:
    data = yamlio.loads(path.read_text("utf-8"))
    change(data)
    fsio.write_text(path, yamlio.dumps(data))


def test_sector_with_unknown_isco_is_a_data_error(tiny_data: Path) -> None:
    """An ISCO code that ESCO lacks fails the cross-check with the file and field named."""
    _rewrite(tiny_data / "sectors.yaml", lambda d: d["sectors"][0]["isco"].append("9999"))
    with pytest.raises(DataFileError, match=r"sectors.yaml: sectors.0.isco: ISCO-08 code '9999'"):
        suggest_checks.check_sectors(ReferenceData(tiny_data))


def test_sector_overlap_is_a_data_error(tiny_data: Path) -> None:
    """A unit group in two sectors is rejected, naming both."""
    _rewrite(tiny_data / "sectors.yaml", lambda d: d["sectors"][0]["isco"].append("7411"))
    with pytest.raises(DataFileError, match="7411 is in sectors care and technology_installation"):
        suggest_checks.check_sectors(ReferenceData(tiny_data))


def test_sector_unknown_source_is_a_data_error(tiny_data: Path) -> None:
    """A sector citing a source id that is not defined fails on load."""
    _rewrite(tiny_data / "sectors.yaml", lambda d: d["sectors"][0]["sources"].append("nope"))
    with pytest.raises(DataFileError, match="unknown source id 'nope'"):
        ReferenceData(tiny_data).sectors  # noqa: B018


def test_weights_must_keep_unknown_tightness_neutral(tiny_data: Path) -> None:
    """A non-zero weight for unknown tightness is refused: unknown is never a penalty or bonus."""
    _rewrite(tiny_data / "suggest_weights.yaml", lambda d: d["tightness"].update(unknown=-2))
    with pytest.raises(DataFileError, match="unknown is neutral"):
        ReferenceData(tiny_data).suggest_weights  # noqa: B018


def test_weights_unknown_part_time_sector(tiny_data: Path) -> None:
    """A part-time sector id that is not in sectors.yaml fails the cross-check."""
    _rewrite(tiny_data / "suggest_weights.yaml", lambda d: d["wishes"].update(part_time_sectors=["x"]))
    with pytest.raises(DataFileError, match="unknown sector id 'x'"):
        suggest_checks.check_weights(ReferenceData(tiny_data))


def test_regulated_needs_a_source_or_an_assumption(tiny_data: Path) -> None:
    """A regulated profession with neither sources nor a stated assumption is refused."""

    def strip(d: dict[str, Any]) -> None:
        d["professions"][0]["sources"] = []
        d["professions"][0]["assumption"] = None

    _rewrite(tiny_data / "regulated_nl.yaml", strip)
    with pytest.raises(DataFileError, match="give at least one source"):
        ReferenceData(tiny_data).regulated_nl  # noqa: B018


def test_weights_training_first_group_must_exist(tiny_data: Path) -> None:
    """An ISCO code in ``routes.training_first_isco`` that the data lack fails the cross-check."""
    _rewrite(tiny_data / "suggest_weights.yaml", lambda d: d["routes"].update(training_first_isco=["5412"]))
    with pytest.raises(DataFileError, match=r"routes\.training_first_isco: .*'5412'"):
        suggest_checks.check_weights(ReferenceData(tiny_data))


def test_regulated_interim_job_must_be_an_esco_label(tiny_data: Path) -> None:
    """An interim job (``interim_esco_en``) that names no ESCO occupation fails the cross-check,
    with the file and field."""
    _rewrite(tiny_data / "regulated_nl.yaml", lambda d: d["professions"][0].update(interim_esco_en=["x y"]))
    with pytest.raises(DataFileError, match=r"professions\.0\.interim_esco_en: .*'x y'"):
        suggest_checks.check_regulated(ReferenceData(tiny_data))


def test_idw_step_names_the_highest_diploma(ref: ReferenceData) -> None:
    """The free IDW evaluation is proposed for the highest foreign diploma, not the first listed."""

    def edu(q: str, lo: int) -> dict[str, Any]:
        ind = {"entry_id": q, "qualification": q, "dutch_equivalent": "x", "source": "s", "score": 90}
        return {
            "qualification": q,
            "country": "SY",
            "indication": {**ind, "nlqf_min": lo, "nlqf_max": lo, "eqf_min": lo, "eqf_max": lo},
        }

    profile = _profile(education=[edu("secondary", 4), edu("bachelor", 6)])
    step = suggest.suggest(profile, ref=ref, lang="en").next_steps[0]
    assert step.action == "diploma_evaluation" and "'bachelor'" in say(step.text, "en")


def test_no_second_idw_step_when_an_evaluation_is_under_way(ref: ReferenceData) -> None:
    """Regression: with the bachelor already applied for at IDW, the plan must not propose
    evaluating the secondary certificate instead (IDW is free once)."""

    def edu(q: str, lo: int, status: str) -> dict[str, Any]:
        ind = {"entry_id": q, "qualification": q, "dutch_equivalent": "x", "source": "s", "score": 90}
        return {
            "qualification": q,
            "country": "SY",
            "idw_status": status,
            "indication": {**ind, "nlqf_min": lo, "nlqf_max": lo, "eqf_min": lo, "eqf_max": lo},
        }

    profile = _profile(education=[edu("secondary", 4, "none"), edu("bachelor", 6, "applied")])
    steps = suggest.suggest(profile, ref=ref, lang="en").next_steps
    assert "diploma_evaluation" not in [s.action for s in steps]


# --- issue 13: plan rules, licences, migration ---------------------------------------------------


def _edu(q: str, lo: int, **kw: Any) -> dict[str, Any]:
    ind = {"entry_id": q, "qualification": q, "dutch_equivalent": "x", "source": "s", "score": 90}
    return {
        "qualification": q,
        "country": "SY",
        "indication": {**ind, "nlqf_min": lo, "nlqf_max": lo, "eqf_min": lo, "eqf_max": lo},
        **kw,
    }


@pytest.mark.parametrize(
    ("status", "text"),
    [
        ("obliged", "one evaluation is free"),
        (
            "exempt",
            "someone released (ontheffing) or exempted (vrijstelling) from the integration duty pays IDW's",
        ),
        ("finished", "someone who already finished inburgering pays IDW's fee"),
        ("temporary_protection", "temporary protection (not obliged to integrate) pays IDW's fee"),
        (None, "Check the integration status"),
    ],
)
def test_idw_fee_sentence_fits_the_inburgering_status(
    ref: ReferenceData, status: str | None, text: str
) -> None:
    """IDW is free once only for people obliged to integrate without the integration diploma
    (idw.nl/inburgering): the plan never promises 'free' to anyone else."""
    profile = _profile(education=[_edu("bachelor", 6)], dutch={"inburgering": status})
    step = next(
        n for n in suggest.suggest(profile, ref=ref, lang="en").next_steps if n.action == "diploma_evaluation"
    )
    assert text in say(step.text, "en")
    if status != "obliged":
        assert "is free." not in say(step.text, "en")


def test_no_idw_step_for_primary_school_only(ref: ReferenceData) -> None:
    """Five years of primary school is not a diploma IDW evaluates: no IDW step."""
    profile = _profile(education=[{"qualification": "primary school", "country": "SY", "years": 5}])
    assert "diploma_evaluation" not in [n.action for n in suggest.suggest(profile, ref=ref).next_steps]


def test_no_papers_means_indicatie_and_evc_before_recognition(ref: ReferenceData) -> None:
    """A nurse without documents: IDW's indicatie onderwijsniveau and EVC come before the BIG
    procedure, and the recognition step says the papers come first."""
    profile = _profile(
        work=[_coded("nurse", "2221", "verpleegkundige")],
        education=[_edu("bachelor nursing", 6, documents="no")],
        dutch={"cefr": "B1"},
    )
    steps = suggest.suggest(profile, ref=ref, lang="en").next_steps
    actions = [n.action for n in steps]
    assert actions.index("diploma_evaluation") < actions.index("evc") < actions.index("recognition")
    assert "indicatie onderwijsniveau" in say(steps[0].text, "en")
    assert "First: the IDW indicatie" in next(say(n.text, "en") for n in steps if n.action == "recognition")


def test_work_level_is_labelled_as_work_level(ref: ReferenceData) -> None:
    """A level from years of skilled work is a work level, never shown as a diploma level."""
    result = suggest.suggest(_profile(work=[_coded("nurse", "2221", "verpleegkundige")]), ref=ref, lang="en")
    assert result.level_basis is not None and result.level_basis.startswith("work level")
    level = next(p for p in result.suggestions[0].parts if p.name == "level")
    assert "work level" in level.evidence.render("en")


def test_inferred_diploma_level_says_so(ref: ReferenceData) -> None:
    """basis: inferred travels from the indication into the level's evidence; the reason beside it
    (``level_reason``), not nested in its parentheses."""
    edu = _edu("bachelor", 6)
    edu["indication"] |= {"basis": "inferred", "inferred_reason": "from the Dutch ladder"}
    result = suggest.suggest(_profile(education=[edu]), ref=ref, lang="en")
    assert result.level_basis == "diploma indication inferred by the project, not official yet"
    assert result.level_reason == "from the Dutch ladder"


@pytest.mark.parametrize(
    ("age", "route", "expected"), [(19, None, True), (40, "onderwijs", True), (40, "b1", False)]
)
def test_education_route_for_the_young_and_the_onderwijsroute(
    ref: ReferenceData, age: int, route: str | None, expected: bool
) -> None:
    """Under 28 or on the education route: the plan has an education step (mbo/hbo, schakeljaar, UAF)."""
    profile = _profile(
        personal={"client_ref": "T-1", "birth_year": 2026 - age},
        created="2026-06-01T00:00:00Z",
        dutch={"integration_route": route},
    )
    steps = suggest.suggest(profile, ref=ref, lang="en").next_steps
    assert ("education" in [n.action for n in steps]) is expected
    if expected:
        assert "UAF" in next(say(n.text, "en") for n in steps if n.action == "education")


@pytest.mark.parametrize(
    ("country", "held", "text"),
    [
        ("SY", ["B", "C"], "cannot be exchanged in the Netherlands: theory and practical exams at the CBR"),
        ("JP", ["B"], "Exchange the licence (B) from Japan through the municipality (RDW)"),
        (None, ["B"], "Ask which country issued the licence"),
    ],
)
def test_foreign_licence_needs_exchange_or_cbr(
    ref: ReferenceData, country: str | None, held: list[str], text: str
) -> None:
    """A licence from outside the EU/EEA is not taken as valid: exchange where an agreement exists
    (RDW list), else CBR exams; code 95 for C/D; the licence does not count for the job."""
    wish = {"occupations": ["installatie-elektricien"]}
    profile = _profile(driving_licences=held, driving_licence_country=country, wishes=wish)
    result = suggest.suggest(profile, ref=ref, lang="en")
    step = next(n for n in result.next_steps if n.action == "driving_licence")
    assert text in say(step.text, "en")
    assert ("code 95" in say(step.text, "en")) is ("C" in held)


def test_dutch_licence_counts_and_needs_no_step(ref: ReferenceData) -> None:
    """A Dutch (EU) licence is valid here: no licence step."""
    profile = _profile(driving_licences=["B"], driving_licence_country="NL")
    assert "driving_licence" not in [n.action for n in suggest.suggest(profile, ref=ref).next_steps]


def test_older_profile_is_migrated_to_the_current_version() -> None:
    """A version 1 profile loads as the current version (4) with the new fields unknown, and is
    written as 4; an unknown future version is refused."""
    profile = Profile.model_validate({"schema_version": 1, "personal": {"client_ref": "OLD"}})
    assert profile.schema_version == 4
    assert profile.driving_licence_country is None and profile.dutch.inburgering is None
    assert '"schema_version":4' in profile.model_dump_json()
    with pytest.raises(ValueError, match="schema_version"):
        Profile.model_validate({"schema_version": 5, "personal": {"client_ref": "NEW"}})
