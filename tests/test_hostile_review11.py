"""Hostile input, eleventh review: each case here once lost a finished profile after saying it
was written, took one of two answers given for a question without a word, or called a draft of a
newer skilltool no draft at all; now it does not.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import gc
import json
import os
import pickle
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import filelock
import pytest
from typer.testing import CliRunner

from skilltool import (
    batch,
    batch_dask,
    datafiles,
    fsio,
    intake_session,
    json_text,
    profile_building,
    table_out,
    textnorm,
)
from skilltool.cli import app
from skilltool.errors import OutputError
from skilltool.models import Profile

from .batch_fakes import fake_processor
from .test_cli_intake import SCRIPT, FakeSkillCoder

runner = CliRunner()


def _draft(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


_HEAD = '{"kind": "skilltool-intake-draft", "version": 1, "lang": "nl", "started": "2026-01-05T10:00:00Z"'


def test_a_draft_renamed_to_its_profiles_name_is_not_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A draft records the ``--out`` it was started with. Renamed to that name (``p.json.draft.json``
    to ``p.json``) and resumed, the profile was written over the draft, then the draft was removed
    as finished: "profile written", exit 0, and no file at all. Now it is one line before the first
    question, the draft kept; with ``--out`` and another name it finishes."""
    monkeypatch.setattr(profile_building.Coders, "skill", property(lambda self: FakeSkillCoder()))
    out = tmp_path / "p.json"
    r = runner.invoke(app, ["intake", "--lang", "en", "--out", str(out)], input="\n".join(SCRIPT[:-3]) + "\n")
    assert r.exit_code == 130, r.output
    out.with_name(out.name + ".draft.json").rename(out)
    kept = out.read_bytes()
    r = runner.invoke(
        app, ["intake", "--lang", "en", "--resume", str(out)], input="\n".join(SCRIPT[-3:]) + "\n"
    )
    assert r.exit_code == 1
    assert r.stderr.strip() == (
        f"error: {out}: the draft records this file as the profile to write (a draft renamed to its "
        "profile's name?); resume it with --out and another name"
    )
    assert out.read_bytes() == kept
    other = tmp_path / "profile.json"
    r = runner.invoke(
        app,
        ["intake", "--lang", "en", "--resume", str(out), "--out", str(other)],
        input="\n".join(SCRIPT[-3:]) + "\n",
    )
    assert r.exit_code == 0, r.output
    assert Profile.model_validate_json(other.read_text(encoding="utf-8")).personal.client_ref == "T-0001"
    assert not out.exists()  # the draft, finished


def test_a_draft_with_an_answer_twice_is_refused(tmp_path: Path) -> None:
    """A draft edited by hand with an answer added beside the saved one (``birth_year`` twice):
    the JSON parser took the last one without a word, so the profile held an answer the caseworker
    never saw asked. Now one line naming the key, as for a profile; the draft is left as it is."""
    draft = _draft(
        tmp_path / "d.json",
        _HEAD + ', "state": {"personal.client_ref": "UT-1", "personal.birth_year": 1990, '
        '"personal.birth_year": 1970}}',
    )
    kept = draft.read_bytes()
    r = runner.invoke(app, ["intake", "--lang", "en", "--resume", str(draft)], input="")
    assert r.exit_code == 1
    assert (
        r.stderr.strip()
        == f"error: {draft}: the key 'personal.birth_year' is given twice in one object; keep one of them"
    )
    assert draft.read_bytes() == kept


def test_a_draft_cut_short_names_its_line_in_the_users_words(tmp_path: Path) -> None:
    """A draft copied half (a full USB stick, a sync that stopped) said "(top level): invalid value
    (json_invalid)", the parser's own type name; now the line where it stops, as for a profile."""
    draft = _draft(tmp_path / "d.json", _HEAD + ',\n "state": {"personal.client_ref": "UT')
    r = runner.invoke(app, ["intake", "--lang", "en", "--resume", str(draft)], input="")
    assert r.exit_code == 1
    assert r.stderr.strip() == f"error: {draft}:2: not valid JSON; is this really the intake draft?"
    r = runner.invoke(app, ["intake", "--resume", str(draft)], input="")
    assert "json_invalid" not in r.stderr and "geen geldige JSON" in r.stderr


def test_a_draft_of_a_newer_skilltool_says_so(tmp_path: Path) -> None:
    """A draft of version 2 (a newer skilltool on another desk) was "version: must be one of 1; is
    this an intake draft?"; now it says whose draft it is and what to do. A number that is no
    version (a long one may be a BSN) is still not echoed."""
    draft = _draft(tmp_path / "d.json", _HEAD.replace('"version": 1', '"version": 2') + ', "state": {}}')
    r = runner.invoke(app, ["intake", "--lang", "en", "--resume", str(draft)], input="")
    assert r.exit_code == 1
    assert r.stderr.strip() == (
        f"error: {draft}: version: is 2: a draft of a newer skilltool (this one reads version 1); "
        "finish the intake with that skilltool, or update this one"
    )
    draft = _draft(
        tmp_path / "d.json", _HEAD.replace('"version": 1', '"version": 123456782') + ', "state": {}}'
    )
    r = runner.invoke(app, ["intake", "--lang", "en", "--resume", str(draft)], input="")
    assert r.exit_code == 1
    assert "123456782" not in r.stderr
    assert r.stderr.strip().endswith("; is this an intake draft?")


def test_an_ordinary_draft_still_resumes(tmp_path: Path) -> None:
    draft = _draft(tmp_path / "d.json", _HEAD + ', "state": {"personal.client_ref": "UT-1"}}')
    r = runner.invoke(app, ["intake", "--lang", "en", "--resume", str(draft)], input="")
    assert r.exit_code == 130, r.output
    assert json.loads(draft.read_text(encoding="utf-8"))["state"] == {"personal.client_ref": "UT-1"}


def test_a_coding_job_under_a_title_line_reads_the_header_below_it(tmp_path: Path) -> None:
    """A workbook with a title merged over the columns above the header (as case systems export a
    report) listed the title once per column ("the columns are: Intakes 2024, Intakes 2024, ...")
    and said nothing of what to do; a CSV with a title line listed it alone. Review 11 made it say
    "remove it"; since user22 the title is skipped (``header_rows``) and every row is coded."""
    import openpyxl  # slow to import: only this test writes a workbook

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Intakes 2024", None, None])
    sheet.merge_cells("A1:C1")
    sheet.append(["id", "functie", "jaren"])
    sheet.append(["1", "lasser", 3])
    src = tmp_path / "in.xlsx"
    book.save(src)
    csv = tmp_path / "in.csv"
    csv.write_text("Intakes 2024\nid;functie\n1;lasser\n", encoding="utf-8")
    for given in (src, csv):
        for command in ("occupation", "skill"):
            out = tmp_path / f"out-{command}-{given.suffix[1:]}.csv"
            r = runner.invoke(
                app,
                [command, "code", "--lang", "en", "-i", str(given), "--column", "functie", "-o", str(out)],
            )
            assert r.exit_code == 0, r.output
            assert "row(s) 1 above the header (row 2) read as a title and skipped" in r.stderr
            assert "Intakes 2024" not in r.stderr
            assert len(out.read_text(encoding="utf-8-sig").splitlines()) == 2  # the header and the row


_CONTROL = re.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]")


def test_an_html_report_carries_no_control_characters(tmp_path: Path) -> None:
    """An answer pasted from a terminal (``ESC]0;...BEL`` sets its title, ``ESC[2J`` clears it) or
    holding a NUL went into ``report.html`` as it was: no valid HTML, and ``cat report.html`` ran
    the sequences. The Markdown report dropped them since the third review; the HTML reports
    (``templating``: every printed value) now do too. The letters around them stay."""
    answers = tmp_path / "a.yaml"
    answers.write_text(
        json.dumps(
            {
                "personal": {"client_ref": "UT-9", "municipality": "Utr\x1b[2Jecht", "birth_year": 1990},
                "work": [{"title": "las\x00ser\x07", "country": "Syrië"}],
                "notes": "a\x1b]0;title\x07b\x9bc",
            }
        ),
        encoding="utf-8",
    )
    profile = tmp_path / "p.json"
    r = runner.invoke(app, ["intake", "--answers", str(answers), "--out", str(profile)])
    assert r.exit_code == 0, r.output
    for fmt in ("html", "md"):
        report = tmp_path / f"r.{fmt}"
        r = runner.invoke(
            app, ["report", str(profile), "--format", fmt, "--include-sensitive", "--out", str(report)]
        )
        assert r.exit_code == 0, r.output
        text = report.read_text(encoding="utf-8")
        assert not _CONTROL.search(text), fmt
        assert "2Jecht" in text and "0;titlebc" in text
    assert "lasser" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_json_lines_stay_one_line_for_every_reader() -> None:
    """A title pasted from a web page with U+2028 (or U+2029) in it went into ``occupation code
    --json`` (JSON Lines) raw: valid JSON, but a reader that splits on every line break (Python's
    ``splitlines``, editors, older JavaScript) read two broken lines for one title. They are
    escaped now, as C1 controls were (``json_text.dumps``); the text read back is the same."""
    titles = ["las\u2028ser", "kok\u2029chef", "kapper"]
    r = runner.invoke(app, ["occupation", "code", "--json", "--top", "1"], input="\n".join(titles) + "\n")
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert [json.loads(line)["input"] for line in lines] == titles
    assert json_text.dumps({"a": "x\u2028y\x85z"}) == '{"a": "x\\u2028y\\u0085z"}'


def test_a_title_with_a_next_line_or_vertical_tab_is_text() -> None:
    """A line break as a Word document (NEL, U+0085) or a FileMaker or Mac export (vertical tab,
    form feed) writes it inside a cell counted as a sign of binary data, as LF did before the
    seventh review: ``kok`` + NEL + ``chef`` was "not text (binary data or a wrong encoding)".
    Binary data is still not text."""
    for title in ("kok\x85chef", "kapster\x0b", "las\x0cser", "kapster\r\n"):
        assert not textnorm.looks_binary(title), repr(title)
    assert textnorm.looks_binary("\x00\x01\x02lasser")
    r = runner.invoke(app, ["occupation", "code", "--json", "--top", "1"], input="kok\x85chef\nkapster\x0b\n")
    assert r.exit_code == 0, r.output
    assert [json.loads(line)["problem"] for line in r.stdout.splitlines()] == [None, None]


def test_an_intake_interrupted_inside_an_entry_can_be_resumed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C (or end of input) at an education entry's qualification, its country answered: the
    draft held an entry without its required qualification, and ``--resume`` refused it ("education.0.
    qualification: is required; correct or remove that answer in the draft"), so the interview could
    only go on after editing JSON by hand. An answer still to give is no error: the resumed interview
    asks it. (Every point of the scripted interview was tried; this was the one.)"""
    monkeypatch.setattr(profile_building.Coders, "skill", property(lambda self: FakeSkillCoder()))
    at = SCRIPT.index("Secondary School Leaving Certificate")
    out = tmp_path / "p.json"
    r = runner.invoke(app, ["intake", "--lang", "en", "--out", str(out)], input="\n".join(SCRIPT[:at]) + "\n")
    assert r.exit_code == 130, r.output
    draft = out.with_name(out.name + ".draft.json")
    state = json.loads(draft.read_text(encoding="utf-8"))["state"]
    assert "education.0.country" in state and "education.0.qualification" not in state
    r = runner.invoke(app, ["intake", "--resume", str(draft)], input="\n".join(SCRIPT[at:]) + "\n")
    assert r.exit_code == 0, r.output
    profile = Profile.model_validate_json(out.read_text(encoding="utf-8"))
    assert profile.education[0].qualification == "Secondary School Leaving Certificate"
    assert not draft.exists()


def test_a_draft_resumed_with_a_config_that_leaves_out_its_answers_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A draft with an education entry, resumed with ``--config`` switching education off (another
    office's config, or the organisation's changed meanwhile): the interview went on, and the
    profile came out without the education the client had given, not a word said. An ``--answers``
    file with such answers was refused already; a draft now is too, and resumes as it began."""
    monkeypatch.setattr(profile_building.Coders, "skill", property(lambda self: FakeSkillCoder()))
    at = SCRIPT.index("lasser")  # the work section: education answered
    out = tmp_path / "p.json"
    r = runner.invoke(app, ["intake", "--lang", "en", "--out", str(out)], input="\n".join(SCRIPT[:at]) + "\n")
    assert r.exit_code == 130, r.output
    draft = out.with_name(out.name + ".draft.json")
    kept = draft.read_bytes()
    config = tmp_path / "cfg.yaml"
    config.write_text("disabled_sections: [education]\n", encoding="utf-8")
    command = ["intake", "--lang", "en", "--resume", str(draft)]
    r = runner.invoke(app, [*command, "--config", str(config)], input="\n".join(SCRIPT[at:]) + "\n")
    assert r.exit_code == 1
    assert r.stderr.strip() == (
        f"error: {draft}: the draft holds answers of section education, which this intake leaves out "
        "(another --config?); resume it with the config it was started with, so that no answer is lost"
    )
    assert draft.read_bytes() == kept and not out.exists()
    config.write_text("disabled_sections: [circumstances]\n", encoding="utf-8")  # not answered yet
    r = runner.invoke(app, [*command, "--config", str(config)], input="")
    assert r.exit_code == 130, r.output
    r = runner.invoke(app, command, input="\n".join(SCRIPT[at:]) + "\n")
    assert r.exit_code == 0, r.output
    profile = Profile.model_validate_json(out.read_text(encoding="utf-8"))
    assert profile.education[0].qualification == "Secondary School Leaving Certificate"


def test_an_intake_started_afresh_never_writes_over_an_unfinished_draft(tmp_path: Path) -> None:
    """``intake --out UTR-1.json`` again (``--resume`` forgotten the next day) wrote an empty draft
    over the interrupted one: every answer given was lost. Now it says the draft is there and the
    command that goes on with it; the draft is kept."""
    out = tmp_path / "UTR-1.json"
    r = runner.invoke(app, ["intake", "--lang", "en", "--out", str(out)], input="UT-1\n1990\n")
    assert r.exit_code == 130, r.output
    draft = out.with_name(out.name + ".draft.json")
    kept = draft.read_bytes()
    r = runner.invoke(app, ["intake", "--lang", "en", "--out", str(out)], input="UT-2\n")
    assert r.exit_code == 1
    assert r.stderr.strip() == (
        f"error: {draft}: an unfinished intake is there for this --out (interrupted, or going on in "
        f"another window); go on with: skilltool intake --resume {draft}; or start again with --force "
        "(its answers are lost)"
    )
    assert draft.read_bytes() == kept


def test_intakes_started_in_the_same_second_get_drafts_of_their_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without ``--out`` the draft was named by the second it started: six intakes a script started
    at once shared one draft, each saving its client's answers over the others', and each was told
    to resume that one file (another client's answers). The process id sets them apart."""
    now = dt.datetime(2026, 1, 5, 10, 0, 0)
    names = set()
    for pid in (101, 102):
        monkeypatch.setattr(os, "getpid", lambda pid=pid: pid)
        names.add(intake_session.default_draft_path(None, now=now).name)
    assert names == {"intake-20260105-100000-101.draft.json", "intake-20260105-100000-102.draft.json"}


def test_a_cache_write_on_a_full_disk_leaves_no_part_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A compiled-data cache written to a full disk (or stopped by Ctrl-C) left its temporary
    ``.tmp-*.pickle`` with what fitted: on a 200 KB file system the first run left one that filled
    it, and one more at every run. On a shared disk that kept profiles and batch outputs from being
    written too. The part is removed; the cache is bypassed as before, and Ctrl-C still stops."""

    def dump_then_fail(exc: BaseException) -> object:
        def dump(value: object, fh: Any, protocol: int | None = None) -> None:
            fh.write(b"x" * 4096)
            raise exc

        return dump

    cache = tmp_path / "cache"
    target = cache / "Thing-0123.pickle"
    monkeypatch.setattr(pickle, "dump", dump_then_fail(OSError(errno.ENOSPC, "No space left on device")))
    datafiles.cache_write(target, {"a": 1})
    assert list(cache.iterdir()) == []
    monkeypatch.setattr(pickle, "dump", dump_then_fail(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        datafiles.cache_write(target, {"a": 1})
    assert list(cache.iterdir()) == []
    monkeypatch.undo()
    datafiles.cache_write(target, {"a": 1})
    assert [p.name for p in cache.iterdir()] == [target.name]


class _FullDisk:
    """A file that takes ``room`` bytes, then fails as a full disk does."""

    def __init__(self, fh: Any, room: int) -> None:
        self._fh, self._room = fh, room

    def write(self, data: bytes) -> int:
        self._room -= len(data)
        if self._room < 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        return int(self._fh.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._fh, name)


def test_an_xlsx_output_on_a_full_disk_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``occupation code --out X.xlsx`` on a full disk gave its one error line, then, when openpyxl's
    zip was collected, two "Exception ignored in: ZipFile.__del__ ... I/O operation on closed
    file" tracebacks on stderr: the zip wrote its end to the file the atomic writer had closed.
    Nothing is left of the zip's writing now; the output is not written and no part stays."""
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    real = fsio.atomic_writer

    @contextlib.contextmanager
    def full(path: Path, **options: Any) -> Iterator[Any]:
        with real(path, **options) as fh:
            yield _FullDisk(fh, 2000)

    monkeypatch.setattr(fsio, "atomic_writer", full)
    out = tmp_path / "o.xlsx"
    rows = [[str(i), f"lasser {i}", "x" * 50] for i in range(300)]
    with pytest.raises(OutputError) as caught:
        table_out.write_xlsx(out, ["id", "functie", "noot"], rows, title="coded")
    assert "No space left on device" in str(caught.value.text)
    del caught
    gc.collect()
    assert unraisable == []
    assert list(tmp_path.iterdir()) == []


class _Done:
    def __init__(self, value: object) -> None:
        self._value = value

    def result(self) -> object:
        return self._value


class _InProcessClient:
    """A Dask client that runs each task at once, here: the driver's handling without a cluster."""

    def submit(self, fn: Any, *args: Any, pure: bool = True) -> _Done:
        return _Done(fn(*args))

    def scheduler_info(self) -> dict[str, dict[str, object]]:
        return {"workers": {"w": {}}}


def in_process_dask(monkeypatch: pytest.MonkeyPatch, distributed: Any) -> None:
    """``batch_dask``'s cluster as ``_InProcessClient``: each partition run at once, in this process."""
    monkeypatch.setattr(
        batch_dask, "client_for", lambda scheduler, workers: contextlib.nullcontext(_InProcessClient())
    )
    monkeypatch.setattr(batch_dask, "preloaded_workers", lambda task, scheduler: contextlib.nullcontext())
    monkeypatch.setattr(distributed, "wait", lambda futures, return_when=None: (set(futures), set()))


def test_a_dask_partition_stopped_by_a_full_disk_is_one_line_with_the_resume_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``batch --engine dask`` on a full disk: distributed's worker logged "Compute Failed", the key,
    the task, the exception and a traceback (six lines on stderr) before the error line, and the
    line lacked the local engine's "the batch stopped at its last checkpoint: run the same command
    with --resume". A partition's own error now comes back as a value (``partition_outcome``; the
    worker logs nothing), and ``batch_dask.run`` says what ``batch.run`` says."""
    distributed = pytest.importorskip("distributed")

    def full_disk(task: Any, index: int, chunk: Any, blank: int) -> object:
        path = Path(task.work if task else "out") / batch_dask.PARTS_DIR / f"profiles-{index:05d}.jsonl"
        raise OutputError(fsio.os_error_message(path, OSError(errno.ENOSPC, "No space left on device")))

    monkeypatch.setattr(batch_dask, "run_partition", full_disk)
    failed = batch_dask.partition_outcome(None, 0, [], 0)  # type: ignore[arg-type]
    assert isinstance(failed, batch_dask.PartitionFailed) and isinstance(failed.error, OutputError)
    in_process_dask(monkeypatch, distributed)
    src = tmp_path / "in.csv"
    src.write_text(
        "klantnummer;geboortejaar;land_herkomst\nUT-1;1990;Syrië\nUT-2;1985;Eritrea\n", encoding="utf-8"
    )
    job = batch.prepare(src, out=tmp_path / "out", workers=1, factory=fake_processor)
    with pytest.raises(OutputError) as caught:
        batch_dask.run(job, batch_dask.DaskOptions(partition_rows=1))
    text = caught.value.render("en")
    assert re.search(r"profiles-0000\d\.jsonl: cannot write \(No space left on device\)", text)
    assert text.endswith("the batch stopped at its last checkpoint: run the same command with --resume")


def test_an_option_out_of_its_range_is_said_in_the_commands_language() -> None:
    """``--top 0``, ``--top 51`` or ``--workers 0`` gave pydantic's English ("Input should be greater
    than or equal to 1") inside the Dutch line ("Fout: ongeldige waarde voor '--top': Input should
    be ..."); Click's other usage errors are said in the command's language. Now these are too."""
    for args, line in (
        (
            ["skill", "code", "--top", "0", "x"],
            "Fout: ongeldige waarde voor '--top' / '-n': moet minstens 1 zijn",
        ),
        (
            ["occupation", "code", "--lang", "en", "--top", "51", "x"],
            "Error: Invalid value for '--top' / '-n': must be at most 50",
        ),
        (
            ["batch", "run", "x.csv", "--workers", "0"],
            "Fout: ongeldige waarde voor '--workers' / '-w': moet minstens 1 zijn",
        ),
    ):
        r = runner.invoke(app, args)
        assert r.exit_code == 2
        assert r.stderr.strip().splitlines()[-1] == line


def test_one_draft_is_not_resumed_in_two_windows_at_once(tmp_path: Path) -> None:
    """Two windows resuming one draft each saved its own answers over the other's after every
    question, and both told the caseworker the draft held them. The second now stops in one line
    while the first holds the draft; once that one ends, the draft resumes, and no lock file stays."""
    draft = _draft(tmp_path / "d.json", _HEAD + ', "state": {"personal.client_ref": "UT-1"}}')
    lock = filelock.FileLock(tmp_path / "d.json.lock")
    with lock.acquire(timeout=0):  # the first window, mid-interview
        r = runner.invoke(app, ["intake", "--lang", "en", "--resume", str(draft)], input="1990\n")
        assert r.exit_code == 1
        assert r.stderr.strip().splitlines()[-1] == (
            f"error: {draft}: this intake is going on in another window or terminal; go on there, "
            "or end it there first"
        )
        assert "personal.birth_year" not in draft.read_text(encoding="utf-8")
    r = runner.invoke(app, ["intake", "--lang", "en", "--resume", str(draft)], input="1990\n")
    assert r.exit_code == 130, r.output
    assert json.loads(draft.read_text(encoding="utf-8"))["state"]["personal.birth_year"] == 1990
    assert not (tmp_path / "d.json.lock").exists()
