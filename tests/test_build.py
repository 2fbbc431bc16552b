"""The builder: tiny ESCO-format sources -> occupations.yaml and skills.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from skilltool import build
from skilltool.errors import SourceError
from skilltool.models import OccupationsFile, SkillsFile, SourceManifest
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
    assert groups["0761"].category == "zeer krap" and groups["0761"].period == "2022Q2"
    assert groups["0742"].category == "unknown" and groups["0742"].at_least == "krap"
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
