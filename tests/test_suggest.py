"""The suggestion core on tiny data: parts, routes, gaps, the action plan, and the data checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from skilltool import fsio, suggest, suggest_index, yamlio
from skilltool.errors import DataFileError, InputFileError, NotFoundError, UsageError
from skilltool.models import Profile
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


def test_candidates_are_the_sector_occupations(ref: ReferenceData) -> None:
    """Welder, electrician and nurse are in a sector; the hairdresser (5141) is not."""
    result = suggest.suggest(_profile(), ref=ref, top=10)
    assert sorted(s.isco for s in result.suggestions) == ["2221", "7212", "7411"]
    assert all(s.sector in {"care", "technology_installation"} for s in result.suggestions)


def test_score_is_the_sum_of_seven_named_parts(ref: ReferenceData) -> None:
    """Every suggestion shows the same seven parts, and its score is exactly their sum."""
    profile = _profile(work=[_coded("welder", "7212", "lasser")], dutch={"cefr": "A2"})
    for s in suggest.suggest(profile, ref=ref).suggestions:
        assert [p.name for p in s.parts] == list(suggest.PART_NAMES)
        assert s.score == pytest.approx(sum(p.points for p in s.parts), abs=1e-9)
        assert all(p.evidence for p in s.parts)


def test_past_work_ranks_its_own_occupation_first(ref: ReferenceData) -> None:
    """A welder's own occupation wins on skills and same-occupation experience."""
    profile = _profile(work=[_coded("welder", "7212", "lasser")], dutch={"cefr": "A2"})
    first = suggest.suggest(profile, ref=ref).suggestions[0]
    assert first.isco == "7212"
    parts = {p.name: p.points for p in first.parts}
    assert parts["skills"] == 30.0  # every essential skill of the welder
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
    assert nurse.recognition and "BIG" in nurse.recognition
    assert any("recognition needed" in g for g in nurse.gaps)


def test_regulated_without_experience_is_a_learn_work_route(ref: ReferenceData) -> None:
    """Nursing has a learn-work route: without nursing work it is dual, never direct."""
    nurse = next(s for s in suggest.suggest(_profile(), ref=ref).suggestions if s.isco == "2221")
    assert nurse.route == "dual"


def test_unknown_tightness_is_neutral(ref: ReferenceData) -> None:
    """Unknown tightness (now and forecast) gives 0 points and says so; the current UWV value counts
    by its derived category; a value older than 8 quarters counts 0 and says so; the 2030 forecast
    is a separate, smaller part."""
    by_isco = {s.isco: s for s in suggest.suggest(_profile(), ref=ref, lang="en").suggestions}
    nurse = {p.name: p for p in by_isco["2221"].parts}
    assert nurse["tightness"].points == 0.0 and "neutral" in nurse["tightness"].evidence
    assert nurse["tightness_forecast"].points == 0.0 and "neutral" in nurse["tightness_forecast"].evidence
    assert by_isco["2221"].tightness.category == "unknown"
    welder = {p.name: p for p in by_isco["7212"].parts}
    assert welder["tightness"].points == 6.0  # 5.2 is zeer krap by UWV's thresholds (ROA: krap)
    assert "very tight (UWV, 2026Q1, derived from 5.2)" in welder["tightness"].evidence
    assert (
        welder["tightness_forecast"].points == 2.0
        and "large bottlenecks" in welder["tightness_forecast"].evidence
    )
    assert by_isco["7212"].tightness.value == 5.2 and by_isco["7212"].tightness.forecast == "groot"
    electrician = {p.name: p for p in by_isco["7411"].parts}
    assert electrician["tightness"].points == 0.0  # zeer krap in 2022Q2: stale
    assert "counts 0 points (older than 8 quarters)" in electrician["tightness"].evidence
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
    assert tightness.text(TightnessRef(category="unknown"), "nl") == "onbekend; tot 2030: onbekend"
    assert tightness.text(now, "nl", short=True) == "zeer krap 2026Q1, 2030: grote knelpunten"


def test_missing_certificate_is_a_gap(ref: ReferenceData) -> None:
    """The electrician needs VCA (tiny rule): missing it is a gap, holding it scores points."""
    e = next(s for s in suggest.suggest(_profile(), ref=ref).suggestions if s.isco == "7411")
    assert e.certificates_missing == ["VCA"]
    with_vca = _profile(certificates=["vca"])
    e = next(s for s in suggest.suggest(with_vca, ref=ref).suggestions if s.isco == "7411")
    assert e.certificates_missing == []
    assert {p.name: p.points for p in e.parts}["certificates"] == 4.0


def test_dutch_gap_decides_direct_or_dual(ref: ReferenceData) -> None:
    """A job one CEFR step away can start directly; two or more steps is a dual route."""
    welder = [_coded("welder", "7212", "lasser")]
    near = suggest.suggest(_profile(work=welder, dutch={"cefr": "A1"}), ref=ref).suggestions
    far = suggest.suggest(_profile(work=welder, dutch={"cefr": "pre-A1"}), ref=ref).suggestions
    assert next(s for s in near if s.isco == "7212").route == "direct"
    assert next(s for s in far if s.isco == "7212").route == "dual"


def test_wished_sector_adds_points_and_is_shown(ref: ReferenceData) -> None:
    """A wish for 'zorg' matches the care sector by its Dutch name and adds the wish weight."""
    plain = suggest.suggest(_profile(), ref=ref).suggestions
    wished = suggest.suggest(_profile(wishes={"sectors": ["zorg"]}), ref=ref).suggestions
    before = next(s for s in plain if s.sector == "care").score
    after = next(s for s in wished if s.sector == "care").score
    assert after - before == 15.0


def test_sector_filter_and_unknown_sector(ref: ReferenceData) -> None:
    """--sector keeps one sector; an unknown name is a usage error listing the ids."""
    result = suggest.suggest(_profile(), ref=ref, sector="Techniek")
    assert {s.sector for s in result.suggestions} == {"technology_installation"}
    with pytest.raises(UsageError, match="use one of care, technology_installation"):
        suggest.suggest(_profile(), ref=ref, sector="mining")


def test_languages_give_the_texts(ref: ReferenceData) -> None:
    """Reasons, gaps, next steps and the caveat follow --lang."""
    nl = suggest.suggest(_profile(), ref=ref, lang="nl")
    en = suggest.suggest(_profile(), ref=ref, lang="en")
    assert nl.caveat.startswith("Indicatie") and en.caveat.startswith("Indication")
    assert all(s.caveat == en.caveat for s in en.suggestions)
    assert nl.next_steps[-1].action == en.next_steps[-1].action == "network"


def test_empty_profile_gets_routes_and_a_plan(ref: ReferenceData) -> None:
    """No work, no diploma, no Dutch: suggestions anyway, none at level, a plan with reasons."""
    result = suggest.suggest(_profile(), ref=ref)
    assert result.suggestions and not any(s.at_level for s in result.suggestions)
    actions = [n.action for n in result.next_steps]
    assert actions[0] == "language" and "network" in actions
    assert all(n.reason for n in result.next_steps)


def test_top_limits_and_rejects_zero(ref: ReferenceData) -> None:
    """--top N gives at most N; 0 is a usage error."""
    assert len(suggest.suggest(_profile(), ref=ref, top=1).suggestions) == 1
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
    assert not outside.in_sector and outside.rank == 0
    assert outside.suggestion.score == pytest.approx(sum(p.points for p in outside.suggestion.parts))
    with pytest.raises(NotFoundError, match="no ESCO occupation"):
        suggest.explain(profile, ref=ref, occupation="astronaut")


def test_read_profile_errors_are_one_line(tmp_path: Path) -> None:
    """A missing file, broken JSON and a wrong field each give one line naming the file."""
    with pytest.raises(InputFileError, match="file not found"):
        suggest.read_profile(tmp_path / "nope.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(InputFileError, match="not valid JSON"):
        suggest.read_profile(bad)
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"personal": {"client_ref": "x"}, "dutch": {"cefr": "B3"}}')
    with pytest.raises(InputFileError) as exc:
        suggest.read_profile(wrong)
    assert "wrong.json: dutch.cefr:" in exc.value.message and "\n" not in exc.value.message


def test_index_is_cached_on_disk(tiny_data: Path) -> None:
    """The compiled index is built once and then read from the cache (same content, no rebuild)."""
    first = suggest_index.load_index(ReferenceData(tiny_data))
    second = suggest_index.load_index(ReferenceData(tiny_data))
    assert first is not second and [c.uri for c in first.cands] == [c.uri for c in second.cands]


def _rewrite(path: Path, change: Any) -> None:
    data = yamlio.loads(path.read_text("utf-8"))
    change(data)
    fsio.write_text(path, yamlio.dumps(data))


def test_sector_with_unknown_isco_is_a_data_error(tiny_data: Path) -> None:
    """An ISCO code that ESCO lacks fails the cross-check with the file and field named."""
    _rewrite(tiny_data / "sectors.yaml", lambda d: d["sectors"][0]["isco"].append("9999"))
    with pytest.raises(DataFileError, match=r"sectors.yaml: sectors.0.isco: ISCO-08 code '9999'"):
        suggest_index.check_sectors(ReferenceData(tiny_data))


def test_sector_overlap_is_a_data_error(tiny_data: Path) -> None:
    """A unit group in two sectors is rejected, naming both."""
    _rewrite(tiny_data / "sectors.yaml", lambda d: d["sectors"][0]["isco"].append("7411"))
    with pytest.raises(DataFileError, match="7411 is in sectors care and technology_installation"):
        suggest_index.check_sectors(ReferenceData(tiny_data))


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
        suggest_index.check_weights(ReferenceData(tiny_data))


def test_regulated_needs_a_source_or_an_assumption(tiny_data: Path) -> None:
    """A regulated profession with neither sources nor a stated assumption is refused."""

    def strip(d: dict[str, Any]) -> None:
        d["professions"][0]["sources"] = []
        d["professions"][0]["assumption"] = None

    _rewrite(tiny_data / "regulated_nl.yaml", strip)
    with pytest.raises(DataFileError, match="give sources"):
        ReferenceData(tiny_data).regulated_nl  # noqa: B018


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
    assert step.action == "diploma_evaluation" and "'bachelor'" in step.text


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
