"""Batch through the real code path (profile_building.build_profile + suggestions) on the bundled data.

Includes the acceptance test: a real ``skilltool batch`` process is killed with SIGKILL midway,
resumed with ``--resume``, and its outputs are identical to an uninterrupted run's.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from skilltool import batch, batch_mapping, tabular

from .conftest import REPO
from .test_batch import assert_accounted, read_csv
from .test_report_browser import CHROMIUM, _chromium

EXAMPLE = REPO / "examples" / "batch" / "intakes.csv"
SKILLTOOL = Path(sys.executable).with_name("skilltool")
COMPARED = ("profiles.jsonl", "summary.csv", "errors.csv", "report.html")


pytestmark = pytest.mark.usefixtures("real_data_env")


def test_example_export_through_the_real_path(tmp_path: Path) -> None:
    """The bundled export: 13 profiles coded and suggested, the 9 planted bad rows rejected."""
    job = batch.prepare(EXAMPLE, out=tmp_path / "out", workers=1, lang="en")
    m = batch.run(job)
    out = tmp_path / "out"
    assert_accounted(out, m, data_rows=22)
    assert (m.counts.rows_written, m.counts.rows_rejected, m.counts.blank_rows_skipped) == (13, 9, 1)
    assert m.input.encoding == "windows-1252"
    assert m.input.delimiter == ";"
    errors = read_csv(out / "errors.csv")[1:]
    assert [int(r[0]) for r in errors] == [15, 16, 17, 18, 19, 20, 21, 23, 24]
    assert errors[-1][1:3] == ["UT-2024-0022", "land_herkomst"]  # raised by build_profile, column named
    assert errors[-1][3] == "is not a country we know; use a Dutch or English name or the ISO code"
    assert "Narnia" not in (out / "errors.csv").read_text(encoding="utf-8-sig")  # the rule, never the cell
    summary = {r[1]: r for r in read_csv(out / "summary.csv")[1:]}
    assert summary["UT-2024-0001"][4].startswith("7212 ")  # lasser -> ISCO 7212 welders
    assert summary["UT-2024-0001"][3] in {"stated", "inferred", "idw"}  # issue 13: level basis
    assert summary["UT-2024-0001"][2] == "2-3"  # Syrian technical baccalaureate: an indication
    assert summary["UT-2024-0001"][5]  # and suggestions, each with tightness now and to 2030
    assert "2030: " in summary["UT-2024-0001"][5] and "2026Q1" in summary["UT-2024-0001"][5]
    first = json.loads((out / "profiles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["personal"]["country_of_origin"] == "SY"
    assert first["created"] == "2025-11-28T00:00:00Z"
    assert first["suggestions"] and first["education"][0]["indication"]
    second = json.loads((out / "profiles.jsonl").read_text(encoding="utf-8").splitlines()[1])
    assert second["notes"] == "Twee jonge kinderen; zoekt werk\nin de ochtend."
    assert m.timings.coding > 0 and m.timings.suggesting > 0
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count("<svg") >= 5
    assert "Tightness of the first suggestion, now and to 2030" in html and "2030: " in html
    assert not any(tag in html for tag in ("<script", " src=", "<link", "href=", "url("))  # self-contained
    assert "UT-2024" not in html  # counts only


def test_one_code_path_with_the_intake(tmp_path: Path) -> None:
    """A batch row gives the same profile as profile_building.complete_profile on the same answers."""
    from skilltool import profile_building
    from skilltool.reference import ReferenceData

    job = batch.prepare(EXAMPLE, out=tmp_path / "out", workers=1, lang="nl")
    batch.run(job)
    got = json.loads((tmp_path / "out" / "profiles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    cells = next(cells for _, cells in tabular.iter_rows(job.info))
    answers = batch_mapping.row_to_answers(cells, job.mapping)
    ref = ReferenceData()
    want = profile_building.complete_profile(answers, ref=ref, lang="nl")
    want = want.model_copy(update={"created": None})
    got.pop("created")
    assert got == json.loads(want.model_dump_json(exclude_none=True))


BIG = 4_000
"""Rows of the export the kill test interrupts: it is killed as soon as it has written profiles
past its first checkpoint, and must not have finished by then. Its batch checkpoints every ``KILL_CHECKPOINT``
seconds instead of every second (``_cmd_checkpointing_often``), so that first checkpoint comes
after some 300 rows (about 6,000 rows a second on two workers; the rows repeat), and the batch
still has more than half a second of rows to go, 50 times the test's look every 10 ms; slower on
a busy machine, which slows those rows alike. With the one-second checkpoint it took 12,000 rows
(at 1,500 it finished before it could be killed), three runs of which cost 24 s of CPU."""
KILL_CHECKPOINT = 0.05
ROWS_CTRL_C = 8_000
"""The Ctrl-C test's rows: the batch is held (SIGSTOP) as soon as its first profiles are written,
so it is still mid-run, with its folder locked, however long the second batch's start-up takes;
it needs only rows enough to be seen running (it had 40,000 rows when it raced that start-up)."""


def _sigint_default() -> None:
    """Ctrl-C as in a terminal: a shell that starts a job in the background (as some CI runners
    do) makes it ignore SIGINT, the batch inherits that, and Python then never raises
    KeyboardInterrupt, so the test would see a batch that ran to the end."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _big_export(path: Path, n: int) -> None:
    """``n`` rows made from the example's rows (good and bad), each with its own id."""
    info = tabular.inspect(EXAMPLE)
    rows = [cells for _, cells in tabular.iter_rows(info) if not tabular.is_blank(cells)]
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(info.header)
    for i in range(n):
        row = list(rows[i % len(rows)])
        if row[0] and i % len(rows) != 15:  # keep the planted duplicate a duplicate
            row[0] = f"{row[0]}-{i}"
        w.writerow(row)
    path.write_bytes(buf.getvalue().encode("cp1252"))


def _cmd(src: Path, out: Path, *extra: str) -> list[str]:
    return [
        str(SKILLTOOL),
        "batch",
        str(src),
        "--out",
        str(out),
        "--workers",
        "2",
        "--chunk-size",
        "40",
        *extra,
    ]


def _cmd_checkpointing_often(src: Path, out: Path) -> list[str]:
    """``skilltool batch`` as ``_cmd`` runs it, in a process of its own, but writing its checkpoint
    every ``KILL_CHECKPOINT`` seconds (the command's own code path otherwise: ``cli.main``)."""
    code = (
        "import sys; from skilltool import batch; from skilltool.cli import main; "
        f"batch.CHECKPOINT_SECONDS = {KILL_CHECKPOINT}; sys.argv[0] = 'skilltool'; main()"
    )
    return [sys.executable, "-c", code, *_cmd(src, out)[1:]]


def test_sigkill_midway_then_resume_gives_identical_outputs(tmp_path: Path) -> None:
    """Kill -9 a running batch (main process and workers), resume, compare with a clean run."""
    src = tmp_path / "big.csv"
    _big_export(src, BIG)
    env = {**os.environ}
    clean = tmp_path / "clean"
    done = subprocess.run(_cmd(src, clean), capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr

    out = tmp_path / "out"
    proc = subprocess.Popen(
        _cmd_checkpointing_often(src, out),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )
    state_file = out / batch.WORK_DIR / "state.json"
    profiles = out / batch.WORK_DIR / "profiles.jsonl.part"
    deadline = time.monotonic() + 120
    killed_at = 0
    while time.monotonic() < deadline and proc.poll() is None:
        # held (SIGSTOP) while it is looked at: killed only once it has written profiles past its
        # checkpoint, which --resume must cut off (a resume that kept them failed this test)
        os.killpg(proc.pid, signal.SIGSTOP)
        try:
            state = json.loads(state_file.read_text())
            killed_at, past = state["last_row"], profiles.stat().st_size > state["offsets"]["profiles.jsonl"]
        except (OSError, ValueError, KeyError):
            killed_at, past = 0, False
        if killed_at > 0 and past:
            os.killpg(proc.pid, signal.SIGKILL)
            break
        os.killpg(proc.pid, signal.SIGCONT)
        time.sleep(0.01)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the batch finished before it could be killed"
    assert not (out / "manifest.json").exists()

    refused = subprocess.run(_cmd(src, out), capture_output=True, text=True, env=env, check=False)
    assert refused.returncode == 1
    assert "--resume" in refused.stderr

    resumed = subprocess.run(_cmd(src, out, "--resume"), capture_output=True, text=True, env=env, check=False)
    assert resumed.returncode == 0, resumed.stderr
    for name in COMPARED:
        assert (out / name).read_bytes() == (clean / name).read_bytes(), name
    a = json.loads((out / "manifest.json").read_text())
    b = json.loads((clean / "manifest.json").read_text())
    assert a["resumed"] and not b["resumed"]
    for m in (a, b):
        m.pop("timings"), m.pop("resumed")
    assert a == b
    assert a["counts"]["rows_read"] == BIG == a["counts"]["rows_written"] + a["counts"]["rows_rejected"]
    assert 0 < killed_at < BIG + 2


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on PATH (Debian: apt-get install chromium)")
def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    """report.html of the example batch loads in headless Chromium with its charts in the DOM."""
    job = batch.prepare(EXAMPLE, out=tmp_path / "out", workers=1)
    batch.run(job)
    page = tmp_path / "out" / "report.html"
    dom = _chromium(["--dump-dom", page.as_uri()], tmp_path / "chromium")
    assert dom.returncode == 0, dom.stderr
    assert dom.stdout.count("<svg") >= 5
    assert "Batchrapport" in dom.stdout


def test_ctrl_c_exits_130_and_a_second_batch_is_refused_meanwhile(tmp_path: Path) -> None:
    """SIGINT to the process group: exit 130 with the --resume hint; one batch per folder at a time."""
    src = tmp_path / "big.csv"
    _big_export(src, ROWS_CTRL_C)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        _cmd(src, out),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=_sigint_default,  # noqa: PLW1509 - no threads in the test process here
    )
    state_file = out / batch.WORK_DIR / "state.json"
    profiles = out / batch.WORK_DIR / "profiles.jsonl.part"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and not state_file.exists():
        time.sleep(0.01)
    headers = profiles.stat().st_size  # written before state.json
    while time.monotonic() < deadline and proc.poll() is None and profiles.stat().st_size == headers:
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGSTOP)  # held mid-run (main process and workers), its folder locked
    assert proc.poll() is None, "the batch finished before it could be held"
    # the folder is locked from before state.json is first written until the batch ends
    second = subprocess.run(_cmd(src, out, "--resume"), capture_output=True, text=True, check=False)
    assert second.returncode == 1
    assert "er loopt al een batch in deze map" in second.stderr  # Dutch by default
    os.killpg(proc.pid, signal.SIGINT)  # then interrupt it where it was held, and let it go on
    os.killpg(proc.pid, signal.SIGCONT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.strip().splitlines()[-1].endswith("Geef hetzelfde commando met --resume om verder te gaan")
    done = subprocess.run(_cmd(src, out, "--resume", "--json"), capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    c = json.loads(done.stdout)["counts"]
    assert c["rows_read"] == ROWS_CTRL_C == c["rows_written"] + c["rows_rejected"]


def test_research_tables_on_the_real_path_hold_nothing_the_json_lines_do_not(tmp_path: Path) -> None:
    """--pseudonymise --format parquet on the example export, real code path: every text in the
    tables is in the JSON Lines research export of the same run, and no raw client id is."""
    from .test_batch_parquet import assert_tables_within_json_lines

    key = tmp_path / "key"
    key.write_bytes(b"0123456789abcdef0123456789abcdef\n")
    jsonl, parquet = tmp_path / "jsonl", tmp_path / "parquet"
    batch.run(batch.prepare(EXAMPLE, out=jsonl, workers=1, lang="en", key_file=key))
    batch.run(
        batch.prepare(EXAMPLE, out=parquet, workers=1, lang="en", key_file=key, output_format="parquet")
    )
    found = assert_tables_within_json_lines(jsonl, parquet)
    assert not any("UT-2024" in text for text in found)
    for name in ("summary.csv", "errors.csv", "report.html"):
        assert (parquet / name).read_bytes() == (jsonl / name).read_bytes(), name


def test_research_exports_keep_the_codes_of_wished_occupations(tmp_path: Path) -> None:
    """A research export kept the wished sectors but dropped the wished occupations whole: their
    codes (``wishes.coded``) are now kept, without the words, in the JSON Lines and in the Parquet
    tables (``wish_uris``, ``wish_iscos``); the full export's tables carry them too."""
    import pyarrow.parquet as pq

    key = tmp_path / "key"
    key.write_bytes(b"0123456789abcdef0123456789abcdef\n")
    jsonl, parquet, full = tmp_path / "jsonl", tmp_path / "parquet", tmp_path / "full"
    batch.run(batch.prepare(EXAMPLE, out=jsonl, workers=1, lang="en", key_file=key))
    research = [
        json.loads(line) for line in (jsonl / "profiles.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    wished = [w for r in research for w in r["wished_occupations"]]
    assert wished, "the example export's wishes were not coded"
    assert all(set(w) == {"esco_uri", "isco", "needs_review"} and w["isco"].isdigit() for w in wished), wished
    batch.run(
        batch.prepare(EXAMPLE, out=parquet, workers=1, lang="en", key_file=key, output_format="parquet")
    )
    people = pq.read_table(parquet / "tables" / "people").to_pylist()
    assert sorted(i for p in people for i in p["wish_iscos"]) == sorted(w["isco"] for w in wished)
    assert all(p["wish_occupations"] is None for p in people)
    batch.run(batch.prepare(EXAMPLE, out=full, workers=1, lang="en", output_format="parquet"))
    rows = pq.read_table(full / "tables" / "people").to_pylist()
    said = [p for p in rows if p["wish_occupations"]]
    assert said and all(
        len(p["wish_uris"]) == len(p["wish_iscos"]) <= len(p["wish_occupations"]) for p in said
    )
    assert sorted(i for p in rows for i in p["wish_iscos"]) == sorted(w["isco"] for w in wished)
