"""Hostile input, tenth review: each case here once read rows that were not the input its outputs
name, put answers under other questions, let a BSN through as a client id, repeated a pasted text
whole, replaced a result, a checkpoint or a read-only file without a word, or cut a profile's
line; now it does not."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from skilltool import batch, tabular
from skilltool.cli import app
from skilltool.errors import InputFileError
from skilltool.models.client_ref import client_ref_problem

from . import batch_fakes
from .batch_fakes import fake_processor
from .test_hostile_input import HEADER, assert_batch_hides_bsn, export, one_error, row

runner = CliRunner()


# --- an input that changes between the checks and the reading -----------------------------------


def _grow(src: Path, rows: int) -> None:
    src.write_text(export([row(f"UT-{i}") for i in range(rows)]), encoding="utf-8")


def test_an_export_that_grows_while_a_batch_reads_it_stops_without_a_result(tmp_path: Path) -> None:
    """A batch reads its input twice: once for the checks (checksum, header, mapping, row count),
    once for the rows. An export still being written (or replaced by another one) between the two
    gave a complete result whose ``manifest.json`` named a checksum of a file it did not read: 9
    rows processed, 5 counted in, the rows mapped through the first file's header. Now the rows'
    own checksum is compared with the checked one and the batch stops, with no manifest."""
    src = tmp_path / "in.csv"
    _grow(src, 5)
    out = tmp_path / "out"
    job = batch.prepare(src, out=out, factory=fake_processor, lang="en")
    _grow(src, 9)
    with pytest.raises(InputFileError) as caught:
        batch.run(job)
    assert caught.value.render("en") == (
        f"{src}: the file changed while it was read (is it still being written, or was it "
        "replaced?); wait until it is complete and run again (a batch: with --force)"
    )
    assert not (out / "manifest.json").exists()
    again = batch.prepare(src, out=out, factory=fake_processor, lang="en", force=True)
    assert batch.run(again).counts.rows_read == 9


def test_a_workbook_replaced_after_its_checks_is_not_read(tmp_path: Path) -> None:
    """The same for an .xlsx, whose bomb checks ran on the first file: another workbook in its place
    (columns in another order) was read through the first one's header, unchecked."""
    src = tmp_path / "in.xlsx"

    def save(header: list[str], cid: str) -> None:
        wb = openpyxl.Workbook()
        ws = wb.active
        assert ws is not None
        ws.append(header)
        ws.append([dict(zip(HEADER, row(cid), strict=True))[h] for h in header])
        wb.save(src)

    save(HEADER, "UT-1")
    job = batch.prepare(src, out=tmp_path / "out", factory=fake_processor, lang="en")
    save(list(reversed(HEADER)), "UT-2")
    with pytest.raises(InputFileError, match="changed while it was read"):
        batch.run(job)
    assert not (tmp_path / "out" / "manifest.json").exists()


def test_an_input_deleted_before_its_rows_are_read_is_not_a_write_error(tmp_path: Path) -> None:
    """An input moved away after the checks: the batch said "cannot write (No such file or
    directory) ... run the same command with --resume", about its own input."""
    src = tmp_path / "in.csv"
    _grow(src, 3)
    job = batch.prepare(src, out=tmp_path / "out", factory=fake_processor, lang="en")
    src.unlink()
    with pytest.raises(InputFileError) as caught:
        batch.run(job)
    assert caught.value.render("en") == f"{src}: cannot read (No such file or directory); check the file"


def test_a_coding_job_on_a_file_that_changes_writes_nothing(
    tiny_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``occupation code --input``: rows of a file that changed after its header was read were coded
    from the column the first header named. Now one line, and no output."""
    src = tmp_path / "in.csv"
    src.write_text("functie;x\nlasser;1\n", encoding="utf-8")
    checked = tabular.inspect

    def inspect_then_change(path: Path, **kw: str | None) -> tabular.TableInfo:
        info = checked(path, **kw)
        src.write_text("x;functie\n1;lasser\n2;kok\n", encoding="utf-8")
        return info

    monkeypatch.setattr(tabular, "inspect", inspect_then_change)
    out = tmp_path / "coded.csv"
    args = ["--data-dir", str(tiny_data), "occupation", "code", "--input", str(src), "--column", "functie"]
    line = one_error(runner.invoke(app, [*args, "--out", str(out), "--lang", "en"]))
    assert "changed while it was read" in line
    assert not out.exists()


def test_an_unchanged_input_still_reads(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(b"\xff\xfe" + export([row("UT-1"), row("UT-2")]).encode("utf-16-le"))  # transcoded
    job = batch.prepare(src, out=tmp_path / "out", factory=fake_processor, lang="en")
    assert batch.run(job).counts.rows_written == 2
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["input"]["sha256"] == job.info.sha256


# --- a delimiter without quotes in a cell ---------------------------------------------------------


def _shifted_export(tmp_path: Path) -> Path:
    """Three rows; in the second a travel time typed as ``45;ja`` without quotes moves the
    training, care-duty and health answers one column to the right: care duties become "ja"."""
    values = {"max_reistijd_min": "45", "bereid_tot_scholing": "ja", "zorgtaken": "nee"}
    rows = [[values.get(h, c) for h, c in zip(HEADER, row(f"UT-{i}"), strict=True)] for i in range(3)]
    lines = export(rows).split("\r\n")
    at = HEADER.index("max_reistijd_min")
    cells = lines[2].split(";")
    cells[at] = "45;ja"
    lines[2] = ";".join(cells)
    src = tmp_path / "in.csv"
    src.write_text("\r\n".join(lines), encoding="utf-8")
    return src


def test_a_row_shifted_by_a_delimiter_without_quotes_is_rejected(tmp_path: Path) -> None:
    """A row with one cell more than the header and every other row, the extra cell empty (the
    last answers of most rows are): its answers sat one column to the right of their questions
    and passed, a care duty the person does not have among them. The ragged-row rule looked only
    for something in the cells past the header. Now the row is rejected as ragged."""
    src = _shifted_export(tmp_path)
    assert tabular.inspect(src).row_width == len(HEADER)
    job = batch.prepare(src, out=tmp_path / "out", factory=fake_processor, lang="en")
    counts = batch.run(job).counts
    assert (counts.rows_written, counts.rows_rejected) == (2, 1)
    errors = (tmp_path / "out" / "errors.csv").read_text(encoding="utf-8-sig").splitlines()
    assert errors[1] == (
        f'3;UT-1;;"the row has {len(HEADER) + 1} cells but the header has {len(HEADER)}; '
        'is there an unquoted delimiter in a cell?"'
    )


def test_rows_that_all_end_in_an_empty_cell_past_the_header_still_read(tmp_path: Path) -> None:
    """An export whose every row has a delimiter at its end (one empty cell past the header) is
    no shifted row: most rows have that many cells."""
    src = tmp_path / "in.csv"
    lines = export([row("UT-1"), row("UT-2")]).split("\r\n")
    src.write_text("\r\n".join([lines[0], *(ln + ";" for ln in lines[1:] if ln)]) + "\r\n", encoding="utf-8")
    job = batch.prepare(src, out=tmp_path / "out", factory=fake_processor, lang="en")
    assert batch.run(job).counts.rows_written == 2


def test_a_coding_job_does_not_code_a_shifted_title(tiny_data: Path, tmp_path: Path) -> None:
    """``occupation code --input``: a country written ``Syrië; Turkije`` put Turkije into the title
    column, coded as a job title."""
    src = tmp_path / "in.csv"
    src.write_text("land;functie;x\nSyrië;lasser;\nSyrië; Turkije;lasser;\nEritrea;kok;\n", encoding="utf-8")
    out = tmp_path / "coded.csv"
    args = ["--data-dir", str(tiny_data), "occupation", "code", "--input", str(src), "--column", "functie"]
    r = runner.invoke(app, [*args, "--out", str(out), "--lang", "en"])
    assert r.exit_code == 0, r.output
    coded = out.read_text(encoding="utf-8-sig").splitlines()
    assert "4 cells but the header has 3" in coded[2]
    assert "cells but the header" not in coded[1] + coded[3]


# --- a BSN with a mark or a number beside it ------------------------------------------------------


def test_a_bsn_with_a_mark_or_a_number_beside_it_is_no_client_id() -> None:
    """A BSN copied from a sentence with its full stop (``123456782.``), or with a number added
    (``123456782-1``, ``2024/123456782``), passed the client-id rule: only the BSN alone, grouped
    or labelled was caught. An id of digits and marks only that holds nine digits in a row passing
    the eleven test is refused as a BSN; case numbers with a letter, or whose nine digits fail the
    test, and date-numbered ones stay valid."""
    for bsn in ("123456782.", "123456782-", "123456782-1", "123456782/1", "123456782_1", "2024/123456782"):
        assert client_ref_problem(bsn) == "bsn", bsn
    valid = ("123456783.", "2024/123456783", "UT-123456782", "20240101-0001", "1234567820-1", "2024-00-123")
    for ref in valid:
        assert client_ref_problem(ref) is None, ref


def test_a_batch_row_with_a_bsn_and_a_full_stop_is_rejected_without_showing_it(tmp_path: Path) -> None:
    assert_batch_hides_bsn(tmp_path, "123456782.", "123456782")


# --- a text pasted as an option's value -----------------------------------------------------------

PASTED = "Jan Jansen 123456782 " * 5000


@pytest.mark.parametrize(
    "args",
    [
        ["intake", "--client-lang", PASTED, "--answers", "a.yaml"],
        ["report", "p.json", "--format", PASTED],
        ["batch", "run", "in.csv", "--delimiter", PASTED],
        ["batch", "run", "in.csv", f"--delimiter={PASTED}"],
        ["batch", "run", "in.csv", "--engine", PASTED],
        ["occupation", "code", "--input", "in.csv", "--column", PASTED, "--out", "coded.csv"],
        ["diploma", "lookup", "x", "--documents", PASTED],
        ["intake", "languages", "--export", PASTED, "--out", "review.xlsx"],
    ],
)
def test_a_text_pasted_as_an_options_value_is_cut_in_its_error(
    tiny_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """``--client-lang``, ``--delimiter``, ``--format``, ``--engine``, ``--column``, ``--export`` and
    every choice Click checks repeated the value whole: a 100 KB error line holding whatever was
    pasted, a BSN too (earlier reviews cut ``--country``, ``--sheet``, ``--sector`` and ``occupation
    show`` one by one). The CLI now cuts any argument that names no file in its error line."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.csv").write_text("functie\nlasser\n", encoding="utf-8")
    r = runner.invoke(app, ["--data-dir", str(tiny_data), *args, "--lang", "en"])
    assert r.exit_code != 0
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    last = r.stderr.strip().splitlines()[-1]
    assert last.lower().startswith("error:"), r.stderr[:300]
    assert len(r.stderr) < 600, r.stderr[:300]
    assert "Jan Jansen ######## Jan Jansen" in last
    assert "123456782" not in r.stderr


def test_a_long_path_in_an_error_stays_whole(tmp_path: Path) -> None:
    """A path longer than the cut (deep folders) is still named whole: an error names its file."""
    deep = tmp_path.joinpath(*["map-" + "x" * 60] * 4, "intakes.csv")
    r = runner.invoke(app, ["batch", "run", str(deep), "--lang", "en"])
    assert str(deep) in one_error(r)


# --- two batches started at once on one --out -------------------------------------------------------


def test_a_batch_that_finished_meanwhile_is_not_replaced_without_force(tmp_path: Path) -> None:
    """``--out`` was checked once, when the input was read (``prepare``), and the lock taken only
    later: a second batch started at the same time, which found the folder empty, replaced the
    first one's complete result once it had finished, without ``--force``. The checks are made
    again under the lock."""
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text(export([row("UT-1")]), encoding="utf-8")
    second.write_text(export([row("UT-2"), row("UT-3")]), encoding="utf-8")
    out = tmp_path / "out"
    late = batch.prepare(second, out=out, factory=fake_processor, lang="en")
    batch.run(batch.prepare(first, out=out, factory=fake_processor, lang="en"))
    with pytest.raises(InputFileError) as caught:
        batch.run(late)
    assert caught.value.render("en") == (
        f"{out}: holds an earlier batch's result (manifest.json); add --force to replace it, or "
        "choose an empty or new --out"
    )
    assert "UT-1" in (out / "summary.csv").read_text(encoding="utf-8-sig")
    forced = batch.prepare(second, out=out, factory=fake_processor, lang="en", force=True)
    assert batch.run(forced).counts.rows_written == 2


def test_a_batch_interrupted_meanwhile_keeps_its_checkpoint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same for a first batch interrupted meanwhile: the second one removed its checkpoint (the
    work of the rows done) without ``--force``."""
    src = tmp_path / "in.csv"
    src.write_text(export([row(f"UT-{i}") for i in range(5)]), encoding="utf-8")
    out = tmp_path / "out"
    late = batch.prepare(src, out=out, factory=fake_processor, lang="en", chunk_size=1)
    monkeypatch.setattr(batch, "CHECKPOINT_SECONDS", 0.0)
    monkeypatch.setattr(batch_fakes, "INTERRUPT_AT", "UT-3")
    with pytest.raises(batch.BatchInterruptedError):
        batch.run(batch.prepare(src, out=out, factory=fake_processor, lang="en", chunk_size=1))
    monkeypatch.setattr(batch_fakes, "INTERRUPT_AT", None)
    with pytest.raises(InputFileError, match="an interrupted batch is here; add --resume"):
        batch.run(late)
    resumed = batch.run(
        batch.prepare(src, out=out, factory=fake_processor, lang="en", chunk_size=1, resume=True)
    )
    assert resumed.resumed and resumed.counts.rows_written == 5


# --- a read-only file at the output's name ------------------------------------------------------------

ANSWERS = Path(__file__).parents[1] / "examples" / "answers" / "eritrea-welder.yaml"


def test_a_read_only_file_is_not_replaced(tmp_path: Path) -> None:
    """``intake --answers --out p.json`` and ``report --out`` over a file made read-only (``chmod
    a-w``: a profile whose codes a caseworker confirmed, kept) replaced it without a word: the
    atomic rename needs only the folder to be writable. Now one line, the file as it was; a link
    to a read-only file is still replaced (the file it points to is left as it is)."""
    profile = tmp_path / "p.json"
    assert runner.invoke(app, ["intake", "--answers", str(ANSWERS), "--out", str(profile)]).exit_code == 0
    kept = tmp_path / "kept.json"
    kept.write_text('{"kept": true}\n', encoding="utf-8")
    kept.chmod(0o444)
    report = tmp_path / "r.html"
    report.write_text("kept\n", encoding="utf-8")
    report.chmod(0o400)
    cases = [
        (["intake", "--answers", str(ANSWERS), "--out", str(kept)], kept),
        (["report", str(profile), "--out", str(report)], report),
    ]
    for args, target in cases:
        before = target.read_bytes()
        line = one_error(runner.invoke(app, [*args, "--lang", "en"]))
        assert line == (
            f"error: {target}: is a read-only file, which this would replace; make it writable "
            "(chmod u+w) if it may be replaced, or choose another name"
        )
        assert target.read_bytes() == before
    link = tmp_path / "link.html"
    link.symlink_to(report)
    assert runner.invoke(app, ["report", str(profile), "--out", str(link), "--force"]).exit_code == 0
    assert report.read_text(encoding="utf-8") == "kept\n" and not link.is_symlink()


# --- a Dask batch's done records on --resume ----------------------------------------------------------


def test_a_damaged_or_lying_done_record_runs_its_partition_again(tmp_path: Path) -> None:
    """``--engine dask --resume`` read every ``parts/done-NNNNN.json`` as it was: one that is no
    JSON, no object or lacks a count ended the resumed batch in a traceback, and one whose counts
    are not its partition's rows was taken, so rows went missing from the counts without a word.
    Now such a record is not trusted and its partition runs again, as a damaged ``state.json``
    starts afresh."""
    from skilltool import batch_dask

    src = tmp_path / "in.csv"
    src.write_text(export([row(f"UT-{i}") for i in range(6)]), encoding="utf-8")
    out = tmp_path / "out"
    job = batch.prepare(src, out=out, workers=2, factory=fake_processor)
    out.mkdir()
    fingerprint = batch_dask._fingerprint(job, 2)
    batch_dask._start(job, fingerprint)
    parts = out / batch.WORK_DIR / batch_dask.PARTS_DIR
    good = {"index": 3, "written": 2, "rejected": 0, "blank": 0, "stats": {}}
    good |= {"coding": 0.0, "suggesting": 0.0, "writing": 0.0, "pid": 1}
    (parts / "done-00000.json").write_text("{", encoding="utf-8")
    (parts / "done-00001.json").write_text("[]", encoding="utf-8")
    (parts / "done-00002.json").write_text(json.dumps({**good, "index": 7}), encoding="utf-8")
    (parts / "done-00003.json").write_text(json.dumps(good), encoding="utf-8")
    (parts / "done-00004.json").write_text(json.dumps({**good, "index": 4, "written": "x"}), encoding="utf-8")
    _, done = batch_dask._start(dataclasses.replace(job, resume=True), fingerprint)
    assert list(done) == [3]
    chunk = [(2, ["x"], False), (3, ["y"], False)]
    assert batch_dask._holds(done[3], chunk, 0)
    assert not batch_dask._holds(done[3], chunk[:1], 0)  # a row not counted: run again
    assert not batch_dask._holds(done[3], chunk, 1) and not batch_dask._holds(None, chunk, 0)


# --- Unicode's other line breaks in an answer ------------------------------------------------------------


def test_unicode_line_breaks_in_an_answer_keep_one_profile_one_line(tmp_path: Path) -> None:
    """A cell holding U+2028, U+2029 or NEL (U+0085; pasted from a web page or a Word document) went
    raw into its line of ``profiles.jsonl``: valid JSON, but ``str.splitlines()`` (and JavaScript
    readers) cut the line there, so one profile read as broken lines. They are the line break they
    stand for now."""
    src = tmp_path / "in.csv"
    first = row("UT-1")
    first[HEADER.index("beroep_1")] = "lasser\u2028kok\x85bakker\u2029monteur"
    src.write_text(export([first, row("UT-2")]), encoding="utf-8")
    job = batch.prepare(src, out=tmp_path / "out", factory=fake_processor, lang="en")
    assert batch.run(job).counts.rows_written == 2
    lines = (tmp_path / "out" / "profiles.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert json.loads(lines[0])["work"][0]["title"] == "lasser\nkok\nbakker\nmonteur"
