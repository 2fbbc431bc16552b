"""Regenerate the README's screenshots (docs/screenshots/) with headless Chromium.

    .venv/bin/python scripts/screenshots.py            # writes docs/screenshots/*.png
    .venv/bin/python scripts/screenshots.py --out DIR  # somewhere else (the test uses a temp dir)

Three pages at print width (A4 at 96 dpi: 794 CSS pixels), made through the CLI exactly as a
caseworker would: the person report of the Syrian civil engineer in Dutch with Arabic beside it,
of the Eritrean welder in English with Tigrinya, and the batch report of the bundled example
export. Needs Chromium on PATH (`make browser` installs Debian's as root).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PRINT_WIDTH = 794  # A4 (210 mm) at 96 CSS pixels per inch
HEIGHT = 2400

# (file name, answers file, report language, client language)
PERSON_REPORTS = (
    ("person-report-nl-ar.png", "syria-civil-engineer", "nl", "ar"),
    ("person-report-en-ti.png", "eritrea-welder", "en", "ti"),
)
BATCH_REPORT = "batch-report.png"
SHOTS = (*(name for name, *_ in PERSON_REPORTS), BATCH_REPORT)


def chromium() -> str | None:
    """The Chromium binary on PATH (the browser tests use this one too)."""
    names = ("chromium", "chromium-browser", "google-chrome")
    return next((found for name in names if (found := shutil.which(name))), None)


def _skilltool(*args: str) -> None:
    cmd = [sys.executable, "-m", "skilltool", "--quiet", *args]
    subprocess.run(cmd, check=True, cwd=REPO, stdout=subprocess.DEVNULL)


def run_chromium(browser: str, args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    """Headless Chromium with ``args``, a throwaway profile folder (also its HOME) and no
    background traffic; the browser tests run it through here as well."""
    cmd = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        *args,
    ]
    env = {**os.environ, "HOME": str(profile)}
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False, env=env)


def _shoot(browser: str, page: Path, shot: Path, work: Path) -> None:
    args = [
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        f"--window-size={PRINT_WIDTH},{HEIGHT}",
        f"--screenshot={shot}",
        page.as_uri(),
    ]
    done = run_chromium(browser, args, work / f"chromium-{shot.stem}")
    if done.returncode != 0 or not shot.is_file():
        raise RuntimeError(f"chromium could not take {shot.name}: {done.stderr[-500:]}")


def take(out: Path, only: tuple[str, ...] = SHOTS) -> list[Path]:
    """Make the pages in a temporary folder and write their screenshots (those named in ``only``)
    to ``out``."""
    browser = chromium()
    if browser is None:
        raise RuntimeError("no Chromium on PATH (Debian: apt-get install chromium; `make browser` as root)")
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="skilltool-shots-") as tmp:
        work = Path(tmp)
        for name, example, lang, client_lang in PERSON_REPORTS:
            if name not in only:
                continue
            profile = work / f"{example}.json"
            page = work / f"{example}.html"
            answers = REPO / "examples" / "answers" / f"{example}.yaml"
            _skilltool("intake", "--answers", str(answers), "--lang", lang, "--out", str(profile))
            _skilltool(
                "report", str(profile), "--lang", lang, "--client-lang", client_lang, "--out", str(page)
            )
            _shoot(browser, page, out / name, work)
            written.append(out / name)
        if BATCH_REPORT not in only:
            return written
        batch_out = work / "batch"
        _skilltool("batch", "run", str(REPO / "examples" / "batch" / "intakes.csv"), "--out", str(batch_out))
        _shoot(browser, batch_out / "report.html", out / BATCH_REPORT, work)
        written.append(out / BATCH_REPORT)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args(argv)
    try:
        for path in take(args.out):
            sys.stdout.write(f"{path}\n")
    except (RuntimeError, subprocess.CalledProcessError) as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
