"""The twenty-fourth hostile-input and privacy review: what the twenty-third review left alone (a
batch pool's end on Ctrl-C, private reads of the pool, the text limit's two homes, a UTF-16 line)
and a careless data team's reports, workbooks, Parquet files and environment attacked anew."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import multiprocessing
import multiprocessing.pool
import signal
import time
from pathlib import Path
from typing import cast

import pytest
from typer.testing import CliRunner

from skilltool import batch_pool, build, xlsx
from skilltool.cli import app
from skilltool.errors import SourceError
from skilltool.models import SourceManifest

from .pool_fakes import echo_chunk, killed_chunk, waited_for_the_killed

Sources = tuple[Path, SourceManifest]

runner = CliRunner(env={"SKILLTOOL_LANG": "en"})
REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "batch" / "intakes.csv"


def _rows(count: int = 2) -> list[list[str]]:
    """The example export's header and first ``count`` rows, as text."""
    text = EXAMPLE.read_bytes().decode("cp1252")
    return list(csv.reader(io.StringIO(text), delimiter=";"))[: count + 1]


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _errors(out: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO((out / "errors.csv").read_text("utf-8-sig")), delimiter=";"))


# --- the HTML report: a right-to-left override, a word too long for the page -----------------------

RLO = "\u202e"


def _report(tmp_path: Path, answers: dict[str, object]) -> str:
    path = tmp_path / "a.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    profile = tmp_path / "p.json"
    r = runner.invoke(app, ["intake", "--answers", str(path), "--out", str(profile)])
    assert r.exit_code == 0, r.output
    report = tmp_path / "r.html"
    r = runner.invoke(app, ["report", str(profile), "--out", str(report)])
    assert r.exit_code == 0, r.output
    return report.read_text(encoding="utf-8")


def test_an_html_report_drops_a_right_to_left_override_as_the_markdown_one_does(tmp_path: Path) -> None:
    """A right-to-left override (U+202E) pasted with one wished occupation turned every wish after
    it backwards in report.html (``hekkengpj.exe, soep`` showed as ``hekkenpuos ,exe.jpg``): the
    ``<bdi>`` around an answer keeps an override inside it, and a list of wishes is one answer. The
    HTML reports drop the bidi embeddings, overrides and isolates as the Markdown report and the
    terminal do (``templating._CONTROLS``); the letters stay, right-to-left text (an Arabic wish)
    too."""
    html = _report(
        tmp_path,
        {
            "personal": {"client_ref": "UT-24", "municipality": "Zwol\u2066le\u2069"},
            "work": [{"title": f"bouw{RLO}reffak", "country": "Syrië"}],
            "wishes": {"occupations": [f"hekken{RLO}gpj.exe", "soep koken", "نجار"]},
        },
    )
    for control in ("\u202a", "\u202b", "\u202c", "\u202d", RLO, "\u2066", "\u2067", "\u2068", "\u2069"):
        assert control not in html, repr(control)
    assert "hekkengpj.exe, soep koken, نجار" in html
    assert "bouwreffak" in html and "Zwolle" in html


def test_a_word_longer_than_the_page_wraps_in_the_html_reports(tmp_path: Path) -> None:
    """An answer of one long word (a pasted web address, a title typed without spaces) pushed the
    work table past the page: the country, years, code and status columns went off the right edge
    (measured in Chromium: a 400-letter title made the table 2.5 times the page's width, and
    printed on A4 those columns were cut). Every answer sits in ``<bdi>``, which may now break
    anywhere when nothing else fits (``overflow-wrap: anywhere``); the batch report's values too."""
    long = "hekkenlasser" + "L" * 400
    html = _report(tmp_path, {"personal": {"client_ref": "UT-24"}, "work": [{"title": long}]})
    assert f"<bdi>{long}</bdi>" in html
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "bdi { overflow-wrap: anywhere; }" in style
    batch_css = (REPO / "src/skilltool/templates/batch_report.css").read_text(encoding="utf-8")
    assert "overflow-wrap:anywhere" in batch_css.split("td{", 1)[1].split("}", 1)[0]


# --- a duration in a workbook or a Parquet file -----------------------------------------------------


def test_a_duration_is_written_as_a_spreadsheet_shows_it() -> None:
    """A workbook's time over 24 hours (calamine gives a ``timedelta``) and a Parquet ``duration``
    were copied as Python writes them (``1 day, 6:00:00``), which no spreadsheet reads; they are
    ``[h]:mm:ss`` as Excel shows such a cell."""
    assert xlsx.cell_text(dt.timedelta(hours=30)) == "30:00:00"
    assert xlsx.cell_text(dt.timedelta(days=1)) == "24:00:00"
    assert xlsx.cell_text(dt.timedelta(minutes=-15)) == "-0:15:00"
    assert xlsx.cell_text(dt.timedelta(seconds=61, microseconds=5)) == "0:01:01.000005"
    assert xlsx.cell_text(dt.timedelta(0)) == "0:00:00"


def test_a_duration_cell_is_not_coded_as_a_job_title(tmp_path: Path) -> None:
    """``occupation code --input`` on a workbook whose title column held a duration (``30:00`` typed,
    which Excel keeps as a time over a day) coded ``1 day, 6:00:00`` as a worker in child care, with
    no problem to review (for the word "day"). It is copied as ``30:00:00`` and not coded, as a
    date cell is not."""
    book = _xlsx(
        tmp_path / "t.xlsx", [["title"], [dt.timedelta(hours=30)], ["hekken lassen in een werkplaats"]]
    )
    out = tmp_path / "t.csv"
    r = runner.invoke(
        app, ["occupation", "code", "--input", str(book), "--column", "title", "--out", str(out)]
    )
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig")), delimiter=";"))
    assert rows[0]["title"] == "30:00:00"
    assert rows[0]["occupation_1_uri"] == "" and rows[0]["occupation_needs_review"] == "yes"
    assert rows[1]["occupation_1_uri"]  # a title beside it is coded as ever


def test_a_duration_in_a_number_column_says_it_is_a_time(tmp_path: Path) -> None:
    """Hours a week typed as ``36:00`` is a time of a day and a half in the workbook; the row was
    rejected as "not a whole number" of ``1 day, 12:00:00``. It says the cell is a date or time in
    the workbook and what to do, as a date cell does (``xlsx.ValueCell``)."""
    rows: list[list[object]] = [list(r) for r in _rows(1)]
    rows[1][rows[0].index("uren_per_week")] = dt.timedelta(hours=36)
    book = _xlsx(tmp_path / "in.xlsx", rows)
    r = runner.invoke(
        app, ["batch", str(book), "--out", str(tmp_path / "o"), "--workers", "1", "--lang", "en"]
    )
    assert r.exit_code == 0, r.output
    errors = _errors(tmp_path / "o")
    assert [e[2] for e in errors[1:]] == ["uren_per_week"]
    assert errors[1][3].startswith("is a date or time in the workbook, not a number")


# --- a UTF-16 line in a UTF-8 export ------------------------------------------------------------------


def test_utf16_like_needs_nul_bytes_at_one_parity_only() -> None:
    """A line as UTF-16 holds a NUL beside each ASCII or Latin letter; a damaged line holds NULs
    anywhere, and a short one says too little."""
    from skilltool.csv_lines import utf16_like

    assert utf16_like("AB-2;1990;SY;kok\r".encode("utf-16-le"))
    assert utf16_like("AB-2;1990;Syrië;kok".encode("utf-16-be"))
    assert not utf16_like(b"2;k\x00ok;lasser")
    assert not utf16_like(b"\x00\x00\x00\x00\x00\x00")
    assert not utf16_like("A;".encode("utf-16-le")[:3])


def test_a_utf16_line_in_a_utf8_export_is_said_to_be_utf16(tmp_path: Path) -> None:
    """A row copied from a "Unicode text" export into a UTF-8 one was rejected as holding "NUL bytes
    (a damaged or binary line)", which neither says what happened nor what to do (the twenty-first
    to twenty-third reviews left it so). Still rejected (decoding it would be a guess), its reason
    now says the line is UTF-16 and to retype it or save the export once as CSV UTF-8; the batch and
    a coding job alike. A line with a stray NUL still names the NUL bytes."""
    header = ["klantnummer", "geboortejaar", "land_herkomst", "beroep_1"]
    data = (
        (";".join(header) + "\r\n").encode()
        + b"AB-1;1990;SY;hekken lassen\r\n"
        + "AB-2;1991;SY;soep koken\r\n".encode("utf-16-le")
        + b"AB-3;1992;SY;ha\x00ren knippen\r\n"
        + b"AB-4;1993;SY;vloeren leggen\r\n"
    )
    src = tmp_path / "in.csv"
    src.write_bytes(data)
    r = runner.invoke(
        app, ["batch", str(src), "--out", str(tmp_path / "o"), "--workers", "1", "--lang", "en"]
    )
    assert r.exit_code == 0, r.output
    errors = _errors(tmp_path / "o")
    assert [e[1] for e in errors[1:]] == ["AB-2", "AB-3"]
    assert errors[1][3].startswith(
        'the line is saved as UTF-16 ("Unicode text"), not as the rest of the file'
    )
    assert errors[2][3].startswith("the line holds NUL bytes")
    out = tmp_path / "coded.csv"
    r = runner.invoke(
        app,
        [
            "occupation",
            "code",
            "--input",
            str(src),
            "--column",
            "beroep_1",
            "--out",
            str(out),
            "--lang",
            "en",
        ],
    )
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig")), delimiter=";"))
    said = [row["occupation_problem"][:27] for row in rows if row["occupation_problem"]]
    assert said == ["the line is saved as UTF-16", "the line holds NUL bytes (a"]


# --- the batch pool's workers, found without a private attribute -----------------------------------


class _PublicOnly:
    """A pool seen through its public methods only (no ``_pool``)."""

    def __init__(self, pool: multiprocessing.pool.Pool) -> None:
        self.apply_async = pool.apply_async


def test_the_batch_finds_its_workers_without_the_pools_private_list(monkeypatch: pytest.MonkeyPatch) -> None:
    """The batch's wait for a chunk looked whether a worker was gone in the pool's private ``_pool``
    list (``batch_pool._workers_of``), where ``coding_stream`` uses ``active_children``: a pool
    without that list (here a wrapper) never saw its worker killed and waited for good. The
    workers are now the children the pool started (``batch_pool.started_by``), so another child
    of this process that ends meanwhile (a caller's own process) stops nothing."""
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("the pool is forked here")
    monkeypatch.setattr(batch_pool, "WAIT_SECONDS", 0.05)
    fork = multiprocessing.get_context("fork")
    other = fork.Process(target=time.sleep, args=(0.2,))
    other.start()
    previous = signal.signal(signal.SIGALRM, waited_for_the_killed)
    signal.alarm(60)
    try:
        pool, started = batch_pool.started_by(lambda: fork.Pool(1))
        with pool:
            assert [p.pid for p in started] != [other.pid] and len(started) == 1
            other.join()
            monkeypatch.setattr(batch_pool, "run_chunk", echo_chunk)
            taken: list[object] = []
            chunk = [(2, ["a"], False)]
            public = cast(multiprocessing.pool.Pool, _PublicOnly(pool))
            batch_pool.feed_pool(
                public, 2, [(chunk, 0)], lambda result, blank: taken.append(result), started=started
            )
            assert taken == [chunk]  # the other child's end stopped nothing
            monkeypatch.setattr(batch_pool, "run_chunk", killed_chunk)
            with pytest.raises(batch_pool.WorkerLostError):
                batch_pool.feed_pool(
                    public, 2, [([(3, ["b"], False)], 0)], lambda r, b: None, started=started
                )
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# --- a profile edited by hand -------------------------------------------------------------------------


def test_a_profile_edited_into_a_reversed_level_range_is_refused(tmp_path: Path) -> None:
    """A profile's diploma indication edited by hand to ``nlqf_min: 5, nlqf_max: 3`` was read and
    reported as "NLQF 5-3" (every level in a range the data file itself refuses,
    ``LevelRange._ordered``); it is now one line naming the field, as a level of 9 is."""
    answers = tmp_path / "a.json"
    answers.write_text(
        json.dumps(
            {
                "personal": {"client_ref": "UT-24", "country_of_origin": "Syrië"},
                "education": [{"country": "Syrië", "qualification": "baccalaureate", "completed": True}],
            }
        ),
        encoding="utf-8",
    )
    profile = tmp_path / "p.json"
    r = runner.invoke(app, ["intake", "--answers", str(answers), "--out", str(profile)])
    assert r.exit_code == 0, r.output
    data = json.loads(profile.read_text(encoding="utf-8"))
    indication = data["education"][0]["indication"]
    assert indication is not None, "the table has no match for the test's diploma"
    indication["nlqf_min"], indication["nlqf_max"] = 5, 3
    profile.write_text(json.dumps(data), encoding="utf-8")
    r = runner.invoke(app, ["profile", "show", str(profile)])
    assert r.exit_code == 1
    assert r.stderr.strip() == (f"error: {profile}: education.0.indication: min 5 is above max 3"), r.stderr


# --- a data build from a source with a code twice --------------------------------------------------


def test_a_source_with_a_concept_twice_is_refused_naming_both_records(tiny_sources: Sources) -> None:
    """An ESCO occupation or skill file with one ``conceptUri`` twice (a download pasted twice, a
    row copied by hand with other labels) was built without a word: the later record replaced the
    earlier, its labels in ``data/occupations.yaml`` and the earlier ones gone. The build stops
    naming the file, the concept (public ESCO data) and both records; an extra column, a column
    missing and mixed line ends were tried too and hold (built, or one line naming the column)."""
    root, manifest = tiny_sources
    for name in ("esco/en/occupations_en.csv", "esco/en/skills_en.csv"):
        path = root / name
        original = path.read_bytes()
        rows = list(csv.reader(io.StringIO(original.decode("utf-8-sig"))))
        copy = rows[1][:]
        copy[rows[0].index("preferredLabel")] = "a label typed by hand"
        text = io.StringIO()
        csv.writer(text, lineterminator="\n").writerows([*rows, copy])
        path.write_text(text.getvalue(), encoding="utf-8")
        uri = rows[1][rows[0].index("conceptUri")]
        with pytest.raises(SourceError) as caught:
            build.build(manifest, root, accept_new_checksums=True)
        assert caught.value.message == (
            f"{path}: conceptUri {uri} is there twice (records 1 and {len(rows)} under the header), so"
            " one would replace the other; download the file again (or remove the copy) and run again"
        )
        path.write_bytes(original)
    build.build(manifest, root)


# --- the batch's pool ended without Pool.terminate's lock --------------------------------------------


def _forever(chunk: object) -> object:
    time.sleep(3600)
    return chunk  # pragma: no cover - never reached


def test_the_batch_pool_ends_by_join_and_terminates_only_a_pool_that_does_not_end(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``with pool`` ended every batch, and every Ctrl-C or SIGTERM, with ``Pool.terminate``, which
    waits for the task queue's read lock first: a batch finishing normally hung there for good
    (once in 34 stress runs, faulthandler: ``_help_stuff_finish``). ``batch_pool.shut`` closes and
    joins the pool (workers end after the chunk they hold) and ends it, on a thread of its own,
    only when that takes longer than ``SHUTDOWN_SECONDS``; at once when a worker was lost."""
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("the pool is forked here")
    ended: list[str] = []
    real = multiprocessing.pool.Pool.terminate

    def terminate(self: multiprocessing.pool.Pool) -> None:
        ended.append("terminate")
        real(self)

    monkeypatch.setattr(multiprocessing.pool.Pool, "terminate", terminate)
    monkeypatch.setattr(batch_pool, "SHUTDOWN_SECONDS", 0.5)
    fork = multiprocessing.get_context("fork")
    pool = fork.Pool(2)
    assert pool.apply_async(echo_chunk, (1,)).get(10) == 1
    batch_pool.shut(pool)
    assert ended == []  # joined: every worker ended on its own
    pool = fork.Pool(1)
    pool.apply_async(_forever, (1,))
    time.sleep(0.2)
    t = time.monotonic()
    batch_pool.shut(pool)
    assert ended == ["terminate"] and time.monotonic() - t < 10
    pool = fork.Pool(1)
    t = time.monotonic()
    batch_pool.shut(pool, lost=True)
    assert ended == ["terminate", "terminate"] and time.monotonic() - t < 5


def test_a_pool_whose_terminate_hangs_leaves_no_process_behind() -> None:
    """A worker killed while it held the task queue's lock makes ``Pool.terminate`` wait for good
    (seen once in a clean clone's run of the stream test in test_hostile_review23.py: two
    replacement workers still alive 30 s later). ``end_pool`` then kills the processes the pool
    spawned, so a caller's process keeps none."""
    import multiprocessing
    import threading

    from skilltool.batch_signals import end_pool

    release = threading.Event()

    class HangingPool:
        def close(self) -> None:
            pass

        def terminate(self) -> None:
            release.wait(60)  # the lock a killed worker holds (released when the test ends)

    threads = threading.active_count()
    child = multiprocessing.get_context("fork").Process(target=time.sleep, args=(60,), daemon=True)
    child.start()
    started = time.monotonic()
    end_pool(HangingPool(), lost=True, seconds=0.2, spawned=lambda: [child])  # type: ignore[arg-type]
    assert time.monotonic() - started < 5
    assert not child.is_alive()
    # the hung terminate's thread must not outlive the test: a batch forks its workers only when no
    # other thread runs, and a later test in this process (test_batch's build in a child before the
    # fork) found it alive for a minute and took the spawn path
    release.set()
    deadline = time.monotonic() + 5
    while threading.active_count() > threads and time.monotonic() < deadline:
        time.sleep(0.01)
    assert threading.active_count() == threads
