"""Hostile input, fourteenth review: each case here once stopped a batch or left a row in some of
its outputs and not in others, left a mix of old and new reference data, left a temporary file of
a killed run beside its outputs, or counted one client typed twice as two people; now it does not.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skilltool import batch, batch_research, batch_summary, batch_worker, folder_replace, fsio
from skilltool.cli import app
from skilltool.models import Profile

from . import batch_fakes
from .test_batch import assert_accounted, mapping, person, read_csv, run, write_csv
from .test_hostile_input import one_error

runner = CliRunner(env={"SKILLTOOL_LANG": "en"})

__all__ = ["mapping"]  # the fixture, used by name

# --- a row whose outputs meet a bug after its profile was built ------------------------------------


def _failing_for(client: str, real: object) -> object:
    """``real``, raising for the profile of ``client`` (a bug met after the profile was built)."""

    def call(row: int, profile: Profile, *args: object, **kw: object) -> object:
        if profile.personal.client_ref == client:
            raise RuntimeError("Jansen 06 1234 5678")  # text that must never reach an output
        return real(row, profile, *args, **kw)  # type: ignore[operator]

    return call


def test_a_row_whose_summary_line_fails_is_rejected_alone(
    tmp_path: Path, mapping: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug met while a built profile's summary line was made (or its research copy, or its
    statistics) raised out of the chunk: the batch stopped with a traceback. Now that row is in
    ``errors.csv`` as an internal error (the kind, never the text), in no other output, and every
    other row of its chunk is written."""
    monkeypatch.setattr(batch_worker, "summary_row", _failing_for("A2", batch_summary.summary_row))
    src = write_csv(tmp_path / "in.csv", [person(f"A{i}") for i in range(6)])
    out = tmp_path / "out"
    m = run(src, out, mapping, lang="en")
    assert_accounted(out, m, data_rows=6)
    assert (m.counts.rows_written, m.counts.rows_rejected) == (5, 1)
    errors = read_csv(out / "errors.csv")[1:]
    assert errors == [["4", "A2", "", errors[0][3]]]
    assert "RuntimeError" in errors[0][3]
    assert '"client_ref":"A2"' not in (out / "profiles.jsonl").read_text(encoding="utf-8")
    said = "".join(p.read_text(encoding="utf-8") for p in out.iterdir() if p.is_file())
    # a timing in the manifest (0.00012345299910521135) held the digits by chance (tests24): decimals
    # are left out, the error's text has none
    assert "1234" not in re.sub(r"\d+\.\d+(?:e-?\d+)?", "", said)


def test_a_research_row_whose_copy_fails_is_rejected_alone(
    tmp_path: Path, mapping: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same in a research export: the research copy is made after the profile was built."""

    def broken(profile: Profile, **kw: object) -> object:
        if profile.personal.birth_year == 1950:
            raise ValueError("kapot")
        return real(profile, **kw)  # type: ignore[arg-type]

    real = batch_research.research_copy
    monkeypatch.setattr(batch_worker, "research_copy", broken)
    key = tmp_path / "key.txt"
    key.write_text("k" * 32, encoding="utf-8")
    rows = [person(f"A{i}") for i in range(4)]
    rows[1] = person("A1", jaar="1950")
    src = write_csv(tmp_path / "in.csv", rows)
    out = tmp_path / "out"
    m = run(src, out, mapping, key_file=key, lang="en")
    assert_accounted(out, m, data_rows=4)
    assert m.counts.rows_rejected == 1
    assert "ValueError" in read_csv(out / "errors.csv")[1][3]


def _tables(out: Path) -> dict[str, list[int]]:
    pq = pytest.importorskip("pyarrow.parquet")
    return {d.name: sorted(pq.read_table(d).column("row").to_pylist()) for d in (out / "tables").iterdir()}


def test_a_row_whose_table_rows_fail_half_way_is_in_no_table(
    tmp_path: Path, mapping: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--format parquet``: a profile's rows go into six tables one after the other; a bug past
    the first left the row in ``people`` (and whatever came before) while the batch stopped. Now
    the rows added are taken back: the row is in ``errors`` and in no profile table."""
    pytest.importorskip("pyarrow")
    from skilltool.batch_rows import TableRows

    real = TableRows.add_profile

    def half_way(self: TableRows, row: int, profile: Profile, **kw: object) -> None:
        real(self, row, profile, **kw)  # type: ignore[arg-type]
        if profile.personal.client_ref == "A1":
            raise KeyError("next_steps")

    monkeypatch.setattr(TableRows, "add_profile", half_way)
    src = write_csv(tmp_path / "in.csv", [person(f"A{i}") for i in range(4)])
    out = tmp_path / "out"
    m = run(src, out, mapping, output_format="parquet")
    assert (m.counts.rows_written, m.counts.rows_rejected) == (3, 1)
    tables = _tables(out)
    assert tables["people"] == tables["work"] == [2, 4, 5]
    assert tables["errors"] == [3]


def test_a_row_arrow_cannot_take_is_rejected_not_its_chunk(
    tmp_path: Path, mapping: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A chunk's table rows become Arrow columns at once, so one row's value that does not fit its
    column's type failed every row of the chunk (the batch stopped). Now each row is tried alone
    after such a failure: that row is rejected, the others are written."""
    pytest.importorskip("pyarrow")
    from skilltool.batch_rows import TableRows

    real = TableRows.add_profile

    def bad_value(self: TableRows, row: int, profile: Profile, **kw: object) -> None:
        real(self, row, profile, **kw)  # type: ignore[arg-type]
        if profile.personal.client_ref == "A2":
            people = self.rows["people"]
            people[-1] = (*people[-1][:3], "no year", *people[-1][4:])

    monkeypatch.setattr(TableRows, "add_profile", bad_value)
    src = write_csv(tmp_path / "in.csv", [person(f"A{i}") for i in range(4)])
    out = tmp_path / "out"
    m = run(src, out, mapping, output_format="parquet")
    assert (m.counts.rows_written, m.counts.rows_rejected) == (3, 1)
    summary = [int(r[0]) for r in read_csv(out / "summary.csv")[1:]]
    tables = _tables(out)
    assert tables["people"] == summary == [2, 3, 5]
    assert tables["errors"] == [4]


# --- one client typed twice, in another case -------------------------------------------------------

SAME_CLIENT = ["UT-7", "ut-7", " UT-7 ", "UT-7\u00a0", "\uff35\uff34-7"]


@pytest.mark.parametrize("again", SAME_CLIENT[1:])
def test_one_client_id_in_another_case_or_form_is_a_duplicate(
    tmp_path: Path, mapping: Path, again: str
) -> None:
    """``UT-7`` and ``ut-7`` (or the id with spaces around it, or in full-width letters) were two
    people: two profiles, two pseudonyms, counted twice in every table. The second is now the
    duplicate it is, in ``errors.csv``."""
    src = write_csv(tmp_path / "in.csv", [person("UT-7"), person("A1"), person(again)])
    out = tmp_path / "out"
    m = run(src, out, mapping, lang="en")
    assert (m.counts.rows_written, m.counts.rows_rejected) == (2, 1)
    error = read_csv(out / "errors.csv")[1]
    assert error[0] == "4" and "duplicate" in error[3]


def test_a_resumed_batch_finds_the_same_duplicates(
    tmp_path: Path, mapping: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch interrupted after ``UT-7`` and resumed still rejects ``ut-7`` further on: the
    resumed run reads the ids before its checkpoint through the same key."""
    # one creation time for both runs, as test_batch's own fixture sets it: a resumed run keeps its
    # first start's, and the two starts fell in different seconds now and then (a failure at random)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764288000")
    rows = [person(f"A{i}") for i in range(10)]
    rows[1] = person("UT-7")
    rows[8] = person("ut-7")
    src = write_csv(tmp_path / "in.csv", rows)
    whole = tmp_path / "whole"
    run(src, whole, mapping)
    out = tmp_path / "out"
    monkeypatch.setattr(batch, "CHECKPOINT_SECONDS", 0.0)
    monkeypatch.setattr(batch_fakes, "INTERRUPT_AT", "A6")
    with pytest.raises(batch.BatchInterruptedError):
        run(src, out, mapping)
    assert json.loads((out / batch.WORK_DIR / "state.json").read_text())["last_row"] >= 3
    monkeypatch.setattr(batch_fakes, "INTERRUPT_AT", None)
    m = run(src, out, mapping, resume=True)
    assert m.resumed and m.counts.rows_rejected == 1
    for name in ("profiles.jsonl", "summary.csv", "errors.csv"):
        assert (out / name).read_bytes() == (whole / name).read_bytes(), name


# --- data build replaces its files as a set --------------------------------------------------------


def _stop_after_moving(monkeypatch: pytest.MonkeyPatch, moves: int) -> None:
    """Stop ``replace_files`` (a kill) after ``moves`` of its staged files were moved into place."""
    real = Path.replace
    done = [0]

    def replace(self: Path, target: str | Path) -> Path:
        if self.parent.name == folder_replace.REPLACE_STAGE and Path(target).parent != self.parent:
            if done[0] == moves:
                raise KeyboardInterrupt
            done[0] += 1
        return real(self, target)

    monkeypatch.setattr(Path, "replace", replace)


def _build_args(data: Path, root: Path) -> list[str]:
    return ["--data-dir", str(data), "data", "build", "--sources", str(root), "--update-manifest"]


def test_a_data_build_stopped_while_moving_its_files_in_is_finished_next_time(
    tiny_data: Path, tiny_sources: tuple[Path, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``data build`` wrote its generated files into the data folder one by one: a kill between two
    left new ``occupations.yaml`` beside old ``skills.yaml``, a folder that looked complete and that
    every command read. Now the files are written and checked aside first, then a mark names them,
    then they are moved in: a command meets the mark and says to run the build again, which
    finishes the move."""
    root, _ = tiny_sources
    path = root / "esco/nl/occupations_nl.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("kapper,", "kapper (m/v),"), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in tiny_data.glob("*.yaml")}
    _stop_after_moving(monkeypatch, 3)  # (in name order: cbs_title_index, isco_descriptions, occupations)
    r = runner.invoke(app, _build_args(tiny_data, root))
    assert r.exit_code == 130, r.output  # a kill, as far as the folder can tell
    monkeypatch.undo()
    assert folder_replace.unfinished_replace(tiny_data)
    changed = [p.name for p in tiny_data.glob("*.yaml") if p.read_bytes() != before[p.name]]
    assert changed == ["occupations.yaml"]  # a mix: new occupations, old skills and sources
    r = runner.invoke(app, ["--data-dir", str(tiny_data), "occupation", "show", "7212"])
    assert "stopped while it replaced" in one_error(r)
    r = runner.invoke(app, _build_args(tiny_data, root))
    assert r.exit_code == 0, r.output
    assert not folder_replace.unfinished_replace(tiny_data)
    assert not (tiny_data / folder_replace.REPLACE_STAGE).exists()
    r = runner.invoke(app, [*_build_args(tiny_data, root)[:-1], "--check"])
    assert r.exit_code == 0, r.output


def test_a_data_build_stopped_before_its_mark_leaves_the_old_files(
    tiny_data: Path, tiny_sources: tuple[Path, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stopped while its files were written aside, a build has replaced nothing: the data are the
    old ones, read as before, and the next build removes what was written aside."""
    root, _ = tiny_sources
    path = root / "esco/nl/occupations_nl.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("kapper,", "kapper (m/v),"), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in tiny_data.glob("*.yaml")}
    real = fsio.write_text

    def killed(target: Path, text: str, *, mode: int = 0o600) -> None:
        if target.name == folder_replace.REPLACE_MARK:
            raise KeyboardInterrupt
        real(target, text, mode=mode)

    monkeypatch.setattr(fsio, "write_text", killed)
    r = runner.invoke(app, _build_args(tiny_data, root))
    assert r.exit_code == 130, r.output  # a kill, as far as the folder can tell
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in tiny_data.glob("*.yaml")} == before
    assert not folder_replace.unfinished_replace(tiny_data)
    r = runner.invoke(app, _build_args(tiny_data, root))
    assert r.exit_code == 0, r.output
    assert "kapper (m/v)" in (tiny_data / "occupations.yaml").read_text(encoding="utf-8")
    assert not (tiny_data / folder_replace.REPLACE_STAGE).exists()


def _dead_writer() -> str:
    """A writer (``fsio.writer``) of this machine whose process has ended (its id not reused yet,
    as good as certain)."""
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True
    )
    return f"{fsio.writer().split('.')[0]}.{int(child.stdout)}"


def test_a_data_build_out_killed_between_its_renames_gets_its_folder_back(tmp_path: Path) -> None:
    """``data build --out DIR`` over an earlier folder moves it aside, then the new one in: a kill
    between the two renames left no ``DIR`` at all, only ``.DIR.old-PID``. The next replacement of
    ``DIR`` puts the old folder back first (and removes a half-copied new one)."""
    source = tmp_path / "source"
    source.mkdir()
    (source / "a.yaml").write_text("a: 1\n", encoding="utf-8")
    target = tmp_path / "data-new"
    dead = _dead_writer()
    aside = tmp_path / f".data-new.old-{dead}"
    aside.mkdir()
    (aside / "a.yaml").write_text("a: old\n", encoding="utf-8")
    half = tmp_path / f".data-new.{dead}-abcd1234.tmp"
    half.mkdir()
    folder_replace._recover_folder(target)
    assert (target / "a.yaml").read_text(encoding="utf-8") == "a: old\n"
    assert not aside.exists() and not half.exists()
    folder_replace.replace_folder(source, target, {"b.yaml": "b: 2\n"})
    assert sorted(p.name for p in target.iterdir()) == ["a.yaml", "b.yaml"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data-new", "source"]


# --- the temporary file of a killed run ------------------------------------------------------------


def test_a_killed_writers_temporary_file_is_removed_by_the_next_write(tmp_path: Path) -> None:
    """A profile, report or coded file being written when ``kill -9`` came stayed beside its target
    as ``.NAME.XXXXXXXX.tmp`` (owner-only, the personal data it held), one more at every killed run.
    Its name now holds its process's id: the next write of that target removes it once the process
    is gone; a live writer's file is left alone."""
    answers = tmp_path / "a.yaml"
    answers.write_text("personal:\n  client_ref: UT-1\n", encoding="utf-8")
    out = tmp_path / "p.json"
    dead = tmp_path / f".p.json.{_dead_writer()}-abcd1234.tmp"
    live = tmp_path / f".p.json.{fsio.writer().split('.')[0]}.{os.getppid()}-abcd1234.tmp"
    elsewhere = tmp_path / ".p.json.abcdef.1-abcd1234.tmp"  # another machine's: never judged
    for one in (dead, live, elsewhere):
        one.write_text('{"personal": {"client_ref": "UT-1", "birth', encoding="utf-8")
    r = runner.invoke(app, ["intake", "--answers", str(answers), "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert out.exists() and not dead.exists() and live.exists() and elsewhere.exists()


def test_resume_removes_the_temporary_files_a_kill_left(
    tmp_path: Path, mapping: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch killed while it wrote its checkpoint or a Parquet table left ``.state.json...tmp``
    in its work folder; they stayed until a resumed run finished (for good when it stopped again).
    ``--resume`` removes them before it goes on."""
    src = write_csv(tmp_path / "in.csv", [person(f"A{i}") for i in range(8)])
    out = tmp_path / "out"
    monkeypatch.setattr(batch, "CHECKPOINT_SECONDS", 0.0)
    monkeypatch.setattr(batch_fakes, "INTERRUPT_AT", "A3")
    with pytest.raises(batch.BatchInterruptedError):
        run(src, out, mapping)
    work = out / batch.WORK_DIR
    left = [work / f".state.json.{_dead_writer()}-abcd1234.tmp", work / "arrows" / ".people.arrows.part.tmp"]
    left[1].parent.mkdir(exist_ok=True)
    for one in left:
        one.write_text("UT-1;1987;lasser", encoding="utf-8")
    monkeypatch.setattr(batch_fakes, "INTERRUPT_AT", "A6")
    with pytest.raises(batch.BatchInterruptedError):
        run(src, out, mapping, resume=True)
    assert not any(p.exists() for p in left)
    monkeypatch.setattr(batch_fakes, "INTERRUPT_AT", None)
    m = run(src, out, mapping, resume=True)
    assert_accounted(out, m, data_rows=8)
