"""The HTML report of every example renders in headless Chromium, Arabic included.

``make pytest`` installs Debian's ``chromium`` first when it is missing (the ``browser`` step);
these tests skip, saying why, only when no Chromium binary can be found at all. Screenshots go
to ``build/screenshots/`` for people to look at.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from skilltool import intake_engine, intake_script, profile_building, profile_files, report
from skilltool.reference import ReferenceData

from .conftest import REPO
from .test_screenshots import _script

SCRIPT = _script()  # scripts/screenshots.py: finds and runs Chromium
CHROMIUM = SCRIPT.chromium()
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="no Chromium on PATH (Debian: apt-get install chromium; `make pytest` does it as root)",
    ),
]

EXAMPLES = sorted((REPO / "examples" / "answers").glob("*.yaml"))
CLIENT_LANG = {
    "syria-civil-engineer": "ar",
    "eritrea-welder": "ti",
    "afghanistan-nurse": "prs",
    "turkey-teacher": "tr",
    "somalia-shopkeeper": "so",
    "iran-software-developer": "fa",
}
SCREENSHOTS = REPO / "build" / "screenshots"


def _chromium(args: list[str], profile_dir: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    done: subprocess.CompletedProcess[str] = SCRIPT.run_chromium(CHROMIUM, args, profile_dir)
    return done


@pytest.fixture(scope="module")
def ref() -> ReferenceData:
    return ReferenceData()


@pytest.fixture(scope="module")
def coders(ref: ReferenceData) -> profile_building.Coders:
    return profile_building.Coders(ref)


def test_every_example_has_a_client_language() -> None:
    """The table below covers every shipped example (so a new one is not silently untested)."""
    assert {p.stem for p in EXAMPLES} == set(CLIENT_LANG)
    assert len(EXAMPLES) >= 5


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_example_report_renders_in_chromium(
    example: Path, ref: ReferenceData, coders: profile_building.Coders, tmp_path: Path
) -> None:
    """Chromium's DOM holds the report's text in both languages; a screenshot is written under build/."""
    questionnaire = intake_script.load_questionnaire(ref)
    answers = intake_engine.run_from_file(
        questionnaire, profile_files.load_answers_file(example), source=str(example)
    )
    profile = profile_building.complete_profile(answers, ref=ref, coders=coders, lang="nl")
    client_lang = CLIENT_LANG[example.stem]
    page = tmp_path / f"{example.stem}.html"
    page.write_text(
        report.render(profile, fmt="html", lang="nl", client_lang=client_lang, ref=ref), encoding="utf-8"
    )

    dom = _chromium(["--dump-dom", page.as_uri()], tmp_path / "chromium-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    translation = intake_script.load_translation(ref, client_lang)
    expected = [
        profile.personal.client_ref,
        "Vaardighedenprofiel",
        "Werkervaring",
        translation.texts["report.title"].text,
        translation.texts["work"].text,
        *(w.title for w in profile.work),
        *(e.qualification for e in profile.education),
    ]
    for text in expected:
        assert text in dom.stdout, f"{text!r} not in the rendered page of {example.name}"
    if translation.direction == "rtl":
        assert f'lang="{client_lang}" dir="rtl"' in dom.stdout

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / f"{example.stem}.png"
    shot.unlink(missing_ok=True)
    snap = _chromium(
        ["--window-size=1000,2000", f"--screenshot={shot}", page.as_uri()], tmp_path / "chromium-shot"
    )
    assert snap.returncode == 0, snap.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000  # a blank page is a few kB


def test_arabic_text_survives_rendering(ref: ReferenceData, tmp_path: Path) -> None:
    """Syrian example, --client-lang ar: Arabic headings and the Arabic diploma name are in the DOM."""
    example = REPO / "examples" / "answers" / "syria-civil-engineer.yaml"
    questionnaire = intake_script.load_questionnaire(ref)
    answers = intake_engine.run_from_file(
        questionnaire, profile_files.load_answers_file(example), source=str(example)
    )
    profile = profile_building.build_profile(answers, ref=ref, coder=None, diplomas=None)
    page = tmp_path / "ar.html"
    page.write_text(
        report.render(profile, fmt="html", lang="en", client_lang="ar", ref=ref), encoding="utf-8"
    )
    dom = _chromium(["--dump-dom", page.as_uri()], tmp_path / "chromium")
    assert dom.returncode == 0, dom.stderr[-2000:]
    for arabic in ("ملف المهارات", "الخبرة العملية", "اللغات", "الشهادة الثانوية العامة"):
        assert arabic in dom.stdout
