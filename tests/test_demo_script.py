"""``make demo`` runs scripts/demo.sh on the bundled examples: every example file it names exists
(a persona renamed without the script made a clean clone's demo exit 2)."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_every_example_the_demo_names_exists() -> None:
    script = (REPO / "scripts" / "demo.sh").read_text(encoding="utf-8")
    named = sorted(set(re.findall(r"examples/[\w./-]+", script)))
    assert named, "the demo names no example file"
    assert [name for name in named if not (REPO / name).exists()] == []
