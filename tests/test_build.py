"""The builder: tiny ESCO-format sources -> occupations.yaml and skills.yaml."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from skilltool import build
from skilltool.errors import SourceError, StaleDataError
from skilltool.models import IscoDescriptionsFile, OccupationsFile, SkillsFile, SourceManifest, TitleIndexFile
from skilltool.reference import parse_model

Sources = tuple[Path, SourceManifest]


def _built(sources: Sources) -> tuple[OccupationsFile, SkillsFile]:
    root, manifest = sources
    result = build.build(manifest, root)
    return (
        parse_model("occ", result.occupations_yaml, OccupationsFile),
        parse_model("skills", result.skills_yaml, SkillsFile),
    )


def test_build_joins_languages_relations_and_tightness(tiny_sources: Sources) -> None:
    """Each occupation gets both labels, its skills, its BRC group; tightness comes per group."""
    occ, skills = _built(tiny_sources)
    by_label = {o.label.en: o for o in occ.occupations}
    welder = by_label["welder"]
    assert welder.label.nl == "lasser"
    assert welder.alt.nl == ["lasmedewerker", "lasster"]
    assert welder.isco == "7212" and welder.brc == "0742"
    assert welder.essential == ["weld"]
    electrician = by_label["building electrician"]
    assert electrician.optional == ["weld"]
    assert by_label["nurse responsible for general care"].regulated is True
    groups = {g.code: g.tightness for g in occ.brc_groups}
    [old] = groups["0761"].history
    assert (old.category, old.period, old.kind) == ("zeer krap", "2022Q2", "history")
    assert "stale" in old.flags  # more than 8 quarters before 2026Q1, the newest quarter in the data
    assert "second_hand" in old.flags and old.confidence == "medium"  # not UWV's own page
    [bound] = groups["0742"].history
    assert bound.category is None and bound.at_least == "krap" and "lower_bound" in bound.flags
    assert occ.meta.esco_version == "9.9.9"
    assert "ESCO classification" in occ.meta.acknowledgement
    cut = next(s for s in skills.skills if s.id == "cut")
    assert (cut.nl, cut.alt_nl, cut.alt_en) == ("haar knippen", ["haren knippen"], ["trim hair"])
    assert next(s for s in skills.skills if s.id == "weld").nl is None
    units = {g.code: g.label_cbs for g in occ.isco_groups}
    assert units["7212"] == "Lassers"  # CBS's own Dutch title, from the crosswalk


def test_build_is_byte_identical(tiny_sources: Sources) -> None:
    """The same sources give the same bytes, run after run."""
    root, manifest = tiny_sources
    first, second = build.build(manifest, root), build.build(manifest, root)
    assert first.occupations_yaml == second.occupations_yaml
    assert first.skills_yaml == second.skills_yaml


def test_changed_source_is_refused_without_update_manifest(tiny_sources: Sources) -> None:
    """A source whose checksum differs from the manifest is an error naming the file."""
    root, manifest = tiny_sources
    path = root / "esco/en/occupations_en.csv"
    path.write_text(path.read_text().replace("hairdresser,", "barber,"))
    with pytest.raises(SourceError, match=r"occupations_en\.csv: SHA-256 .* --update-manifest"):
        build.build(manifest, root)
    result = build.build(manifest, root, accept_new_checksums=True)
    assert [m.path for m in result.mismatches] == ["esco/en/occupations_en.csv"]
    assert result.manifest.occupations["en"].sha256 != manifest.occupations["en"].sha256


def test_missing_source_and_missing_column(tiny_sources: Sources) -> None:
    """A missing file or a file without ESCO's columns is one clear error."""
    root, manifest = tiny_sources
    (root / "shortage/tightness.csv").unlink()
    with pytest.raises(SourceError, match=r"tightness\.csv: source file not found"):
        build.build(manifest, root)


def test_build_attaches_current_forecast_and_history(tiny_sources: Sources) -> None:
    """Per BRC group: UWV's 2026Q1 value with the category derived by UWV's thresholds (flagged
    derived) beside ROA's typering as published; ROA's 2030 forecast with direction and openings;
    identical codes only, and each ISCO unit without a value is listed with the reason."""
    occ, _ = _built(tiny_sources)
    groups = {g.code: g.tightness for g in occ.brc_groups}
    welders = groups["0742"]
    assert welders.current is not None and welders.forecast is not None
    assert (welders.current.value, welders.current.category, welders.current.published) == (
        5.2,
        "zeer krap",
        "krap",
    )
    assert welders.current.period == "2026Q1" and "derived" in welders.current.flags
    assert "ROA" in welders.current.source and "UWV" in welders.current.source
    fc = welders.forecast
    assert (fc.category, fc.value, fc.period, fc.direction) == ("groot", 0.801, "2030", "verdere verkrapping")
    assert (fc.job_openings, fc.job_openings_pct, fc.job_openings_typering) == (1000, 22, "gemiddeld")
    assert groups["0512"].current is not None and groups["0512"].current.category == "ruim"
    assert groups["0761"].current is None and groups["0761"].forecast is not None
    nurses = groups["1012"]
    assert nurses.current is None and nurses.forecast is None and "editie 2025" in (nurses.note or "")
    gaps = {(g.isco, g.brc): g for g in occ.tightness_gaps}
    assert gaps[("2221", "1012")].kinds == ["current", "forecast"]
    assert gaps[("7411", "0761")].kinds == ["current"]
    assert gaps[(None, "1224")].reason.startswith("ROA row for BRC 2014 editie 2025 code 1224")
    assert occ.meta.tightness_reference_period == "2026Q1"


@pytest.mark.parametrize(
    ("value", "category"),
    [
        (0.2, "zeer ruim"),
        (0.25, "ruim"),
        (0.67, "gemiddeld"),
        (1.49, "gemiddeld"),
        (1.5, "krap"),
        (4.0, "krap"),
        (4.01, "zeer krap"),
    ],
)
def test_uwv_thresholds(value: float, category: str) -> None:
    """UWV's published thresholds: < 0.25 zeer ruim, 0.25-0.67 ruim, 0.67-1.5 gemiddeld, 1.5-4 krap,
    > 4 zeer krap."""
    assert build.uwv_category(value) == category


def test_title_index_is_carried(tiny_sources: Sources) -> None:
    """CBS's title index becomes cbs_title_index.yaml with its source and checksum."""
    root, manifest = tiny_sources
    index = parse_model("t", build.build(manifest, root).title_index_yaml, TitleIndexFile)
    assert index.titles("7212") == ["booglasser", "lasser"]
    assert index.meta.sha256 == manifest.cbs_title_index.sha256 and index.meta.titles == 4
    assert ("kapper", "5141") in index.pairs()


def test_isco_descriptions_are_carried(tiny_sources: Sources) -> None:
    """ESCO's English description of a unit group becomes isco_descriptions.yaml (whitespace runs
    folded to one space); a broader group and a group without a description are left out."""
    root, manifest = tiny_sources
    path = root / "esco/en/ISCOGroups_en.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    for row in rows[1:]:
        if row[2] in ("7212", "7"):
            row[-1] = f"Group {row[2]} joins  metal\nparts."
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    result = build.build(manifest, root, accept_new_checksums=True)
    got = parse_model("d", result.descriptions_yaml, IscoDescriptionsFile)
    assert got.by_isco == {"7212": "Group 7212 joins metal parts."}
    assert got.meta.unit_groups == 1 and got.meta.path == manifest.isco_groups["en"].path


def test_bad_roa_value_names_line(tiny_sources: Sources) -> None:
    """A non-number in ROA's value column, or an unknown ITKB typering, names the file and line."""
    root, manifest = tiny_sources
    path = root / "shortage/roa.csv"
    path.write_text(path.read_text().replace(",5.2,", ",5.2x,", 1))
    with pytest.raises(SourceError, match=r"roa\.csv:2: column 'current_2026q1_indicator'"):
        build.build(manifest, root, accept_new_checksums=True)
    path.write_text(path.read_text().replace(",5.2x,", ",5.2,").replace("zeer groot", "enorm"))
    with pytest.raises(SourceError, match=r"roa\.csv:3: itkb_2030_typering 'enorm'"):
        build.build(manifest, root, accept_new_checksums=True)


def test_bad_tightness_category(tiny_sources: Sources) -> None:
    """A tightness value that is not a UWV category names the file and line."""
    root, manifest = tiny_sources
    path = root / "shortage/tightness.csv"
    path.write_text(path.read_text().replace("zeer krap", "very tight"))
    with pytest.raises(SourceError, match=r"tightness\.csv:3: tightness 'very tight'"):
        build.build(manifest, root, accept_new_checksums=True)


def test_manifest_round_trip(tiny_sources: Sources) -> None:
    """The manifest YAML the builder writes loads back to the same manifest."""
    _, manifest = tiny_sources
    assert parse_model("m", build.manifest_yaml(manifest), SourceManifest) == manifest


def test_check_current_and_write_live_in_the_core(tiny_sources: Sources, tmp_path: Path) -> None:
    """``build.write`` writes the rebuilt files (sources.yaml only when its sums changed),
    ``build.check_current`` then passes, and names a file that differs from the rebuild."""
    root, manifest = tiny_sources
    result = build.build(manifest, root)
    data = tmp_path / "data"
    data.mkdir()
    written = build.write(result, data, data)
    assert sorted(p.name for p in written) == sorted(build.GENERATED_FILES)
    build.check_current(result, data)
    (data / "skills.yaml").write_text("# edited\n", "utf-8")
    with pytest.raises(StaleDataError, match=r"^skills\.yaml differ\(s\) from what the sources produce"):
        build.check_current(result, data)
    assert not (data / "sources.yaml").exists()


@pytest.mark.parametrize(
    ("note", "source", "confidence", "flags"),
    [
        ("stated on the page", "UWV Spanningsindicator", "high", []),
        ("deduced from the regional table", "UWV Spanningsindicator", "medium", ["derived"]),
        ("medium confidence: one page only", "UWV Spanningsindicator", "medium", []),
        ("please verify this value", "UWV Spanningsindicator", "low", []),
        ("quoted in a news item", "a trade paper", "medium", ["second_hand"]),
        ("quoted, derived and to verify", "UWV via a third-party site", "low", ["derived", "second_hand"]),
    ],
)
def test_a_history_value_takes_its_confidence_from_its_note_and_source(
    note: str, source: str, confidence: str, flags: list[str]
) -> None:
    """A row of ``tightness_nl.csv``: high only for UWV's own page, stated and not deduced; low when
    the note asks to verify; medium otherwise (second-hand, deduced, or said to be medium). Only
    the real sources had such notes (tests25 builds them untraced); these rows are made up."""
    from skilltool.build_tightness import _history_value

    row = {"tightness": "krap", "note": note, "period": "2024Q4", "source": source}
    value = _history_value(Path("tightness_nl.csv"), 2, row)
    assert value is not None
    assert (value.confidence, list(value.flags), value.category) == (confidence, flags, "krap")


@pytest.mark.parametrize("spanning", ["15.9", "16", "16.0"])
def test_a_value_at_uwvs_display_cap_says_it_may_be_higher(spanning: str) -> None:
    """ROA's copy of UWV's values stops at 16 (``SPANNING_CAP``): a value there says that it looks
    like the cap and may be higher; a value below says nothing of it."""
    from skilltool.build_tightness import ROA_COLUMNS, SPANNING_CAP, _roa_values

    row = dict.fromkeys(ROA_COLUMNS, "") | {"current_2026q1_indicator": spanning}
    current, forecast = _roa_values(Path("roa.csv"), 2, row)
    assert current is not None and forecast is None
    assert ("display cap" in (current.note or "")) == (float(spanning) >= SPANNING_CAP)


def test_a_lower_bound_without_a_source_names_the_notes_references_in_order() -> None:
    """A row with no source and no category but a lower bound in its note (``at_least=krap``) is
    sourced to ``shortage/SOURCES.md`` with the note's references in number order, each once."""
    from skilltool.build_tightness import _history_value

    row = {"tightness": "", "note": "at_least=krap (2024Q3) per S12, S3 and S12", "period": "", "source": ""}
    value = _history_value(Path("tightness_nl.csv"), 2, row)
    assert value is not None
    assert (value.source, value.period, value.at_least) == ("shortage/SOURCES.md (S3, S12)", "2024Q3", "krap")
    assert value.category is None and "lower_bound" in value.flags
