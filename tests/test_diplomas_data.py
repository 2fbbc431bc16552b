"""Validation of the diploma data files: corrupt files fail with one line, the real files pass."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from skilltool import datatools, diploma_coverage, diplomas
from skilltool.errors import DataFileError
from skilltool.models.diplomas import LookupContext
from skilltool.reference import ReferenceData
from tests.test_diplomas import BACHELOR, MEDICINE, entry, tiny_file

REPO = Path(__file__).resolve().parents[1]


def write(tmp_path: Path, data: dict[str, Any]) -> ReferenceData:
    (tmp_path / "diploma_equivalences.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return ReferenceData(tmp_path)


def load_error(tmp_path: Path, data: dict[str, Any]) -> str:
    ref = write(tmp_path, data)
    with pytest.raises(DataFileError) as info:
        _ = ref.diplomas
    message = info.value.message
    assert "\n" not in message
    assert "diploma_equivalences.yaml" in message
    return message


def test_tiny_valid_file_loads(tmp_path: Path) -> None:
    """A small well-formed file loads through the reference loader with its index."""
    ref = write(tmp_path, tiny_file(entry(), BACHELOR, without_level=[MEDICINE]))
    table = ref.diplomas
    assert [e.id for e in table.entries] == ["sy-general-secondary", "sy-bachelor"]
    assert diplomas.lookup(table, country="SY", text="ijaza").matches[0].entry_id == "sy-bachelor"


def test_entry_without_source_is_rejected(tmp_path: Path) -> None:
    """An entry with no source key fails on entries.0.source."""
    bad = entry()
    del bad["source"]
    assert "entries.0.source" in load_error(tmp_path, tiny_file(bad))


def test_entry_with_unlisted_source_is_rejected(tmp_path: Path) -> None:
    """A source key that is not under `sources` fails, naming the key and the entry."""
    message = load_error(tmp_path, tiny_file(entry(), entry(id="sy-x", source="nuffic-xx")))
    assert "entries.1.source" in message and "nuffic-xx" in message


def test_nlqf_min_above_max_is_rejected(tmp_path: Path) -> None:
    """NLQF min 5 above max 4 fails on entries.0.nlqf."""
    message = load_error(tmp_path, tiny_file(entry(nlqf={"min": 5, "max": 4}, eqf={"min": 5, "max": 4})))
    assert "entries.0.nlqf" in message and "min 5 is above max 4" in message


def test_eqf_contradicting_nlqf_is_rejected(tmp_path: Path) -> None:
    """EQF must equal NLQF (NLQF n is EQF n)."""
    message = load_error(tmp_path, tiny_file(entry(eqf={"min": 5, "max": 5})))
    assert "entries.0" in message and "contradicts nlqf" in message


def test_level_out_of_range_is_rejected(tmp_path: Path) -> None:
    """NLQF 9 does not exist."""
    message = load_error(tmp_path, tiny_file(entry(nlqf={"min": 4, "max": 9}, eqf={"min": 4, "max": 9})))
    assert "entries.0.nlqf.max" in message


def test_unknown_key_is_rejected(tmp_path: Path) -> None:
    """A typo in a key is an unknown key, not silently ignored."""
    message = load_error(tmp_path, tiny_file(entry(dutch_equivalnt="havo")))
    assert "entries.0: unknown key" in message and "is it dutch_equivalent?" in message


def test_duplicate_id_is_rejected(tmp_path: Path) -> None:
    """Two entries with one id fail on the second."""
    assert "entries.1.id" in load_error(tmp_path, tiny_file(entry(), entry()))


def test_unknown_country_code_is_rejected(tmp_path: Path) -> None:
    """XX matches the pattern but is no ISO 3166-1 country."""
    message = load_error(tmp_path, tiny_file(entry(country="XX")))
    assert "entries.0.country" in message and "'XX'" in message


def test_inferred_without_reason_is_rejected(tmp_path: Path) -> None:
    """basis: inferred needs inferred_reason."""
    bad = copy.deepcopy(BACHELOR)
    bad["inferred_reason"] = None
    assert "inferred_reason" in load_error(tmp_path, tiny_file(bad))


def test_unlevelled_comparison_needs_a_listed_source(tmp_path: Path) -> None:
    """A comparison without a level is cross-checked like an entry."""
    bad = dict(MEDICINE, source="nope")
    assert "without_level.0.source" in load_error(tmp_path, tiny_file(entry(), without_level=[bad]))


def test_data_validate_reports_the_diploma_file(tmp_path: Path) -> None:
    """`data validate` covers the diploma file through datatools.curated_files()."""
    assert "diploma_equivalences.yaml" in datatools.curated_files()
    assert "dutch_qualifications.yaml" in datatools.curated_files()
    ref = write(tmp_path, tiny_file(entry(eqf={"min": 3, "max": 3})))
    problems = datatools.validate_all(ref)
    assert any("diploma_equivalences.yaml" in str(p) and "contradicts nlqf" in str(p) for p in problems)


def test_ladder_rejects_eqf_contradiction(tmp_path: Path) -> None:
    """The Dutch ladder file is checked the same way."""
    ladder = yaml.safe_load((REPO / "data" / "dutch_qualifications.yaml").read_text("utf-8"))
    ladder["levels"][0]["eqf"] = 3
    (tmp_path / "dutch_qualifications.yaml").write_text(yaml.safe_dump(ladder, allow_unicode=True), "utf-8")
    with pytest.raises(DataFileError, match=r"dutch_qualifications.yaml: levels.0"):
        _ = ReferenceData(tmp_path).dutch_qualifications


# --- the committed data ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def real() -> ReferenceData:
    return ReferenceData(REPO / "data")


def test_real_files_are_valid(real: ReferenceData) -> None:
    """The committed diploma table and ladder load and cross-check."""
    assert len(real.diplomas.entries) >= 80
    assert [lv.id for lv in diplomas.dutch_levels(real)][:2] == ["vmbo-bb", "mbo-1"]


def test_real_entries_are_sourced_and_honest(real: ReferenceData) -> None:
    """Every entry cites a listed source with a URL; every inferred level says why."""
    table = real.diplomas
    for e in table.entries:
        assert table.file.sources[e.source].url.startswith("https://")
        if e.basis == "inferred":
            assert e.inferred_reason


def test_real_ladder_matches_nuffic(real: ReferenceData) -> None:
    """havo 4, vwo 4+, mbo 1-4, associate degree 5, bachelors 6, masters 7, doctorate 8."""
    by_id = {lv.id: lv for lv in diplomas.dutch_levels(real)}
    expected = {
        "havo": 4, "vwo": 4, "mbo-1": 1, "mbo-2": 2, "mbo-3": 3, "mbo-4": 4, "associate-degree": 5,
        "hbo-bachelor": 6, "wo-bachelor": 6, "hbo-master": 7, "wo-master": 7, "doctorate": 8,
    }  # fmt: skip
    assert {k: by_id[k].nlqf for k in expected} == expected
    assert by_id["vwo"].nlqf_label == "4+"


def test_real_coverage_reaches_twelve_priority_countries(real: ReferenceData) -> None:
    """At least 12 of the 16 priority countries have entries."""
    cov = diploma_coverage.coverage(real.diplomas)
    assert cov.priority_covered >= 12
    assert cov.priority_total == 16


def test_real_syrian_general_secondary_is_havo(real: ReferenceData) -> None:
    """The acceptance case on the real table, in transliteration and Arabic script."""
    for text in ("shahada thanawiya", "الشهادة الثانوية العامة"):
        best = diplomas.lookup(real.diplomas, country="Syrië", text=text).matches[0]
        assert best.qualification == "General Secondary Education Certificate"
        assert (best.nlqf_min, best.nlqf_max) == (4, 4)
        assert "havo" in best.dutch_equivalent
        assert best.basis == "stated"


def test_real_every_name_finds_its_own_entry(real: ReferenceData) -> None:
    """Each name of each entry (any script) finds that entry with score 100 in its country; an entry
    for named fields only (``fields``) with one of its fields given, as the intake gives it."""
    table = real.diplomas
    for e in table.entries:
        context = LookupContext(field=e.fields[0]) if e.fields else None
        for name in e.names.all():
            result = diplomas.lookup(table, country=e.country, text=name, top=50, context=context)
            scores = {m.entry_id: m.score for m in result.matches}
            assert scores.get(e.id) == 100.0, (e.id, name, scores)
