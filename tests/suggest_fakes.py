"""Tiny suggestion data that fit the four tiny ESCO occupations of conftest (welder 7212,
electrician 7411, hairdresser 5141, nurse 2221): two sectors, the real weights trimmed to codes
that exist, and the real nurse entry of regulated_nl.yaml (no occupations not practised)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from skilltool import fsio, yamlio

REPO = Path(__file__).resolve().parents[1]

TINY_SECTORS = """\
version: 1
sources:
  s1:
    {title: "Source", publisher: "UWV", url: "https://example.org/1", published: null, read_on: "2026-11-28"}
sectors:
  - id: care
    name: {nl: "Zorg en welzijn", en: "Care and welfare"}
    reason: {nl: "Krap.", en: "Tight."}
    sources: [s1]
    isco: ["2221"]
  - id: technology_installation
    name: {nl: "Techniek en installatie", en: "Technology and installation"}
    reason: {nl: "Krap.", en: "Tight."}
    sources: [s1]
    isco: ["7"]
"""


def tiny_weights() -> dict[str, Any]:
    """The real weights with ISCO-specific rules cut down to the tiny codes."""
    data: dict[str, Any] = yamlio.loads((REPO / "data" / "suggest_weights.yaml").read_text("utf-8"))
    data["dutch_needed"]["by_isco"] = {}
    data["wishes"]["part_time_sectors"] = ["care"]
    data["routes"]["training_first_isco"] = []
    data["routes"]["entry_below_except"] = []
    data["routes"]["certificate_entry_isco"] = []
    data["routes"]["dutch_rules_isco"] = []
    data["certificate_rules"] = [
        {**rule, "isco": ["7411"]} for rule in data["certificate_rules"] if "7411" in rule["isco"]
    ]
    return data


def tiny_regulated() -> dict[str, Any]:
    data: dict[str, Any] = yamlio.loads((REPO / "data" / "regulated_nl.yaml").read_text("utf-8"))
    data["professions"] = [
        {**p, "isco": ["2221"], "interim_esco_en": []}  # the tiny ESCO data lack its interim jobs
        for p in data["professions"]
        if p["id"] == "verpleegkundige"
    ]
    data["not_practised"] = []  # the real entries name occupations the tiny ESCO data lack
    return data


@cache
def _tiny_suggest_texts() -> tuple[str, str]:
    """suggest_weights.yaml and regulated_nl.yaml of the tiny data, made once per process: every
    ``tiny_data`` (354 tests) wrote the same two texts, parsing and dumping the real files each time
    (50 ms of CPU under coverage, most of the fixture's 80; tests26). The committed files do not
    change during a run, and a string is never changed in place."""
    return yamlio.dumps(tiny_weights()), yamlio.dumps(tiny_regulated())


def write_tiny_suggest_data(data: Path) -> None:
    """Write sectors.yaml, suggest_weights.yaml and regulated_nl.yaml into a tiny data folder."""
    weights, regulated = _tiny_suggest_texts()
    fsio.write_text(data / "sectors.yaml", TINY_SECTORS)
    fsio.write_text(data / "suggest_weights.yaml", weights)
    fsio.write_text(data / "regulated_nl.yaml", regulated)
