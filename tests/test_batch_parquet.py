"""``batch --format parquet`` with the small fake processor: tables, accounting, privacy, resume."""

from __future__ import annotations

import json
import stat
import sys
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from skilltool import batch, batch_parquet
from skilltool.errors import UsageError

from . import batch_fakes
from .test_batch import HEADER, mapping, person, read_csv, run, write_csv

__all__ = ["mapping"]  # the fixture, imported for these tests

KEY = b"0123456789abcdef0123456789abcdef"


@pytest.fixture(autouse=True)
def _fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764288000")


def table(out: Path, name: str) -> list[dict[str, Any]]:
    """A table's rows, sorted by row and position (or rank)."""
    t = ds.dataset(out / "tables" / name, format="parquet").to_table()
    keys = [(k, "ascending") for k in ("row", "position", "rank") if k in t.column_names]
    rows: list[dict[str, Any]] = t.sort_by(keys).to_pylist()
    return rows


def strings(value: Any) -> set[str]:
    """Every string inside a value (lists, dicts and structs walked)."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(strings(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(strings(v) for v in value)) if value else set()
    return set()


def assert_tables_within_json_lines(jsonl: Path, parquet: Path) -> set[str]:
    """Every text in the Parquet tables is also in the JSON Lines run's profiles, summary or errors
    (the tables may leave out, never add); returns the texts found."""
    allowed: set[str] = set()
    for line in (jsonl / "profiles.jsonl").read_text(encoding="utf-8").splitlines():
        allowed |= strings(json.loads(line))
    for name in ("summary.csv", "errors.csv"):
        for cells in read_csv(jsonl / name)[1:]:
            allowed |= set(cells) | set(cells[-1].split())  # review flags: a list in the tables
    found: set[str] = set()
    for name in batch_parquet.TABLE_NAMES:
        for row in table(parquet, name):
            found |= strings(row)
    assert found, "no text at all"
    assert found <= allowed, found - allowed
    return found


def rows_of_people() -> list[list[str]]:
    rows = [
        person(f"A{i}", beroep_2="kok", jaren_2="2", opleiding="Bac|Lisans", afgerond="ja|nee")
        for i in range(9)
    ]
    rows[2][1] = "1850"  # rejected: birth year
    rows[5][0] = "A1"  # rejected: repeated id
    rows.insert(4, [""] * len(HEADER))  # a blank line: not a row
    return rows


def test_tables_hold_every_profile_and_error(tmp_path: Path, mapping: Path) -> None:
    """One people row per profile, child tables per list entry, errors as errors.csv; owner-only."""
    src = write_csv(tmp_path / "in.csv", rows_of_people())
    out = tmp_path / "out"
    m = run(src, out, mapping, output_format="parquet")
    assert (m.counts.rows_read, m.counts.rows_written, m.counts.rows_rejected) == (9, 7, 2)
    assert m.options["format"] == "parquet"
    assert not (out / "profiles.jsonl").exists()
    assert [f"tables/{n}/" for n in batch_parquet.TABLE_NAMES] == [
        o for o in m.outputs if o.startswith("tables/")
    ]
    people = table(out, "people")
    header, *summary = read_csv(out / "summary.csv")
    col = {name: i for i, name in enumerate(header)}
    assert [(p["row"], p["client_ref"]) for p in people] == [(int(s[0]), s[1]) for s in summary]
    assert people[0]["highest_nlqf"] == summary[0][col["highest_nlqf"]] == "4"
    assert people[0]["highest_nlqf_basis"] == (summary[0][col["level_basis"]] or None)
    assert people[0]["review_flags"] == summary[0][col["review_flags"]].split()
    work = table(out, "work")
    assert len(work) == 2 * len(people)
    assert [(w["position"], w["title"], w["isco"]) for w in work[:2]] == [
        (1, "lasser", "7212"),
        (2, "kok", "5120"),
    ]
    education = table(out, "education")
    assert [(e["qualification"], e["nlqf_max"], e["entry_id"]) for e in education[:2]] == [
        ("Bac", 4, "x"),  # the fake indicates NLQF 4 for a completed diploma
        ("Lisans", None, None),
    ]
    suggestions = table(out, "suggestions")
    assert {s["row"] for s in suggestions} == {p["row"] for p in people}
    assert all(s["rank"] == 1 and s["at_level"] for s in suggestions)
    errors = table(out, "errors")
    assert [(e["row"], e["client_ref"], e["field"]) for e in errors] == [
        (int(r[0]), r[1], r[2]) for r in read_csv(out / "errors.csv")[1:]
    ]
    for name in batch_parquet.TABLE_NAMES:  # the documented schema, one file per table locally
        files = list((out / "tables" / name).iterdir())
        assert [f.name for f in files] == ["part-00000.parquet"]
        written = [(f.name, str(f.type).replace("element", "item")) for f in pq.read_schema(files[0])]
        assert written == [(f.name, str(f.type)) for f in batch_parquet.schema(name)], name
        assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
        assert stat.S_IMODE(files[0].parent.stat().st_mode) == 0o700
    assert stat.S_IMODE((out / "tables").stat().st_mode) == 0o700
    assert not (out / batch.WORK_DIR).exists()


def test_the_tables_hold_nothing_the_json_lines_do_not(tmp_path: Path, mapping: Path) -> None:
    """Pseudonymised: every text in the tables is also in the JSON Lines run's outputs, so what
    the research export drops from profiles (ids, notes, tasks, health) is not in Parquet either."""
    key = tmp_path / "key"
    key.write_bytes(KEY + b"\n")
    header = [*HEADER, "taken_1", "gezondheid"]
    rows = [
        [*person("K-1001", notitie="Rugklachten"), "lassen bij Fokker", "ja"],
        [*person("K-1002", jaar="1850"), "", ""],
        [*person("K-1003", opleiding="Bac", afgerond="ja"), "", "nee"],
    ]
    src = write_csv(tmp_path / "p.csv", rows, header=header)
    jsonl, parquet = tmp_path / "jsonl", tmp_path / "parquet"
    run(src, jsonl, mapping, key_file=key)
    run(src, parquet, mapping, key_file=key, output_format="parquet")
    found = assert_tables_within_json_lines(jsonl, parquet)
    for secret in ("K-1001", "K-1002", "Rugklachten", "Fokker"):
        assert not any(secret in s for s in found), secret
    people = table(parquet, "people")
    assert people[0]["client_ref"] == batch.pseudonym(KEY, "K-1001")
    assert (people[0]["notes"], people[0]["health_limits_work"]) == (None, None)
    assert (people[0]["birth_year"], people[0]["birth_years"]) == (None, "1985-1989")  # generalised
    assert all(w["tasks"] is None for w in table(parquet, "work"))
    assert table(parquet, "errors")[0]["client_ref"] == batch.pseudonym(KEY, "K-1002")
    for name in ("summary.csv", "errors.csv", "report.html"):
        assert (parquet / name).read_bytes() == (jsonl / name).read_bytes(), name


def test_interrupt_then_resume_gives_the_same_tables(
    tmp_path: Path, mapping: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C mid-run, then --resume: the Arrow part files are cut back to the checkpoint, so the
    tables equal an uninterrupted run's (no row twice, none lost)."""
    rows = [person(f"A{i}") for i in range(20)]
    rows[3][1] = "1850"
    src = write_csv(tmp_path / "in.csv", rows)
    whole = tmp_path / "whole"
    run(src, whole, mapping, output_format="parquet")
    out = tmp_path / "out"
    monkeypatch.setattr(batch, "CHECKPOINT_SECONDS", 0.0)
    monkeypatch.setattr(batch_fakes, "INTERRUPT_AT", "A13")
    with pytest.raises(batch.BatchInterruptedError):
        run(src, out, mapping, output_format="parquet")
    assert 0 < json.loads((out / batch.WORK_DIR / "state.json").read_text())["last_row"] < 21
    monkeypatch.setattr(batch_fakes, "INTERRUPT_AT", None)
    with pytest.raises(Exception, match="another input"):  # the format is part of the checkpoint
        run(src, out, mapping, resume=True)
    m = run(src, out, mapping, resume=True, output_format="parquet")
    assert m.resumed and m.counts.rows_read == 20
    for name in batch_parquet.TABLE_NAMES:
        assert table(out, name) == table(whole, name), name
    for name in ("summary.csv", "errors.csv"):
        assert (out / name).read_bytes() == (whole / name).read_bytes()


def test_switching_format_replaces_the_other_formats_outputs(tmp_path: Path, mapping: Path) -> None:
    """A parquet run (--force) in a folder of a jsonl run removes the stale profiles.jsonl, and back."""
    src = write_csv(tmp_path / "in.csv", [person("A1")])
    out = tmp_path / "out"
    run(src, out, mapping)
    run(src, out, mapping, output_format="parquet", force=True)
    assert not (out / "profiles.jsonl").exists() and (out / "tables" / "people").is_dir()
    run(src, out, mapping, force=True)
    assert (out / "profiles.jsonl").exists() and not (out / "tables").exists()


def test_unknown_format_and_missing_pyarrow_are_one_line(
    tmp_path: Path, mapping: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--format xml and a missing optional extra each give a one-line error naming the fix."""
    src = write_csv(tmp_path / "in.csv", [person("A1")])
    with pytest.raises(Exception, match="give one of jsonl, parquet"):
        run(src, tmp_path / "o1", mapping, output_format="xml")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(UsageError, match=r"pip install 'skilltool\[parquet\]'"):
        run(src, tmp_path / "o2", mapping, output_format="parquet")


def test_outputs_doc_lists_every_column() -> None:
    """docs/outputs.md documents each table and every column of the schema in the code."""
    doc = (Path(__file__).resolve().parents[1] / "docs" / "outputs.md").read_text(encoding="utf-8")
    for name in batch_parquet.TABLE_NAMES:
        assert f"### `{name}`" in doc, name
        section = doc.split(f"### `{name}`", 1)[1].split("\n### ", 1)[0]
        for field in batch_parquet.schema(name):
            assert f"`{field.name}`" in section, f"{name}.{field.name}"


def test_row_groups_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """write_parquet ends a row group at ROW_GROUP_ROWS rows or ROW_GROUP_BYTES of Arrow data, so
    the final conversion holds a bounded amount whatever the table's length."""
    errors = "".join(f"{i};K{i};col;reason {i}\r\n" for i in range(1, 101))
    batches = [b.slice(i, 10) for b in batch_parquet.error_batches(errors) for i in range(0, 100, 10)]
    monkeypatch.setattr(batch_parquet, "ROW_GROUP_ROWS", 25)
    target = tmp_path / "t" / "errors" / "part-00000.parquet"
    assert batch_parquet.write_parquet(target, "errors", iter(batches)) == 100
    assert pq.ParquetFile(target).metadata.num_row_groups == 4  # 30 + 30 + 30 + 10
    monkeypatch.setattr(batch_parquet, "ROW_GROUP_ROWS", 10**6)
    monkeypatch.setattr(batch_parquet, "ROW_GROUP_BYTES", 1)
    assert batch_parquet.write_parquet(target, "errors", iter(batches)) == 100
    assert pq.ParquetFile(target).metadata.num_row_groups == 10
    assert pq.read_table(target).column("row").to_pylist() == list(range(1, 101))


def test_json_lines_need_no_pyarrow(tmp_path: Path, mapping: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The default install has no pyarrow: a JSON Lines batch never imports it."""
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    src = write_csv(tmp_path / "in.csv", [person("A1"), person("A2", jaar="1850")])
    m = run(src, tmp_path / "out", mapping)
    assert (m.counts.rows_written, m.counts.rows_rejected) == (1, 1)
    assert (tmp_path / "out" / "profiles.jsonl").exists()


def test_rendered_texts_are_per_object_and_language() -> None:
    """The Parquet rows render each stored text once per worker (``TableRows._say``): the same text
    object gives its own words in each language, and another text object its own words, never
    a remembered rendering of another text or language."""
    from skilltool.batch_rows import TableRows
    from skilltool.suggest_texts import words, x

    rows = TableRows()
    text = x("r_related", label=words("lasser", "welder"))
    assert rows._say(text, "nl") == text.render("nl")
    assert rows._say(text, "en") == text.render("en") != text.render("nl")
    assert rows._say(text, "nl") == text.render("nl")  # from the memo: still Dutch
    for n in range(20):  # new objects (ids of freed ones may recur): each renders its own words
        other = x("r_related", label=words(f"beroep {n}", f"job {n}"))
        assert rows._say(other, "en") == other.render("en")
        assert f"job {n}" in rows._say(other, "en")


def test_rendered_memo_is_kept_across_chunks_and_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker's chunks share one memo of rendered texts and score parts (``batch_rows.Rendered``),
    which starts again once it holds ``RENDERED_MAX`` entries of either kind (per language)."""
    from skilltool import batch_rows
    from skilltool.models import ScorePart
    from skilltool.suggest_texts import words, x

    monkeypatch.setattr(batch_rows, "RENDERED_MAX", 3)
    memo = batch_rows.Rendered()
    first, second = batch_rows.TableRows(memo), batch_rows.TableRows(memo)
    text = x("r_related", label=words("lasser", "welder"))
    assert first._say(text, "en") == second._say(text, "en") == text.render("en")
    assert len(memo.memos("en")[0]) == 1  # the second chunk's rows found it
    part = ScorePart(name="skills", points=1.5, evidence=text)
    assert memo.part(part, "nl") == ("skills", 1.5, text.render("nl"))
    assert memo.part(part, "nl") is memo.part(part, "nl")
    others = [x("r_related", label=words(f"beroep {n}", f"job {n}")) for n in range(5)]
    for other in others:
        assert other.render("en") == second._say(other, "en")
        assert len(memo.memos("en")[0]) <= 3
    parts = [ScorePart(name="level", points=float(n), evidence=text) for n in range(5)]
    for n, p in enumerate(parts):
        assert memo.part(p, "en")[1] == float(n)
        assert len(memo.memos("en")[1]) <= 3


def test_part_file_frames_round_trip_and_a_cut_frame_is_refused(tmp_path: Path) -> None:
    """A ``.arrows`` part file is a run of ``pack_batch`` frames (each chunk's IPC message
    compressed whole): read back into the same rows, in order, with the same Arrow sizes (which
    decide where a row group ends); a frame cut short is an error, never a silently shorter table."""
    errors = "".join(f"{i};K{i};col;reason {i}\r\n" for i in range(1, 41))
    batches = [b.slice(i, 10) for b in batch_parquet.error_batches(errors) for i in range(0, 40, 10)]
    frames = [batch_parquet.pack_batch(b) for b in batches]
    back = batch_parquet.read_messages(frames, "errors")
    assert [b.equals(a) and b.nbytes == a.nbytes for a, b in zip(batches, back, strict=True)] == [True] * 4
    part = tmp_path / "errors.arrows.part"
    part.write_bytes(b"".join(frames))
    target = tmp_path / "t" / "errors" / "part-00000.parquet"
    assert batch_parquet.arrows_to_parquet(part, target, "errors") == 40
    assert pq.read_table(target).column("row").to_pylist() == list(range(1, 41))
    for cut in (len(frames[0]) + 5, len(frames[0]) + 20):  # inside a header, inside a message
        part.write_bytes(b"".join(frames)[:cut])
        with pytest.raises(ValueError, match="cut short"):
            batch_parquet.arrows_to_parquet(part, target, "errors")


def _value(t: Any, i: int) -> Any:
    """A value of Arrow type ``t`` (one of the tables' types), None for every fifth ``i``."""
    import datetime as dt

    import pyarrow as pa

    if i % 5 == 4:
        return None
    if pa.types.is_list(t):
        return [_value(t.value_type, i + 1 + k) for k in range(i % 4)]
    if pa.types.is_struct(t):
        return tuple(_value(f.type, i + k) if k else f"part {i}" for k, f in enumerate(t))
    if pa.types.is_boolean(t):
        return i % 2 == 0
    if pa.types.is_integer(t):
        return i % 100
    if pa.types.is_floating(t):
        return i * 0.25
    if pa.types.is_timestamp(t):
        return dt.datetime(2026, 1, 1 + i % 28, tzinfo=dt.UTC)
    if pa.types.is_date(t):
        return dt.date(2026, 1, 1 + i % 28)
    return f"waarde {i} é"


def test_table_rows_become_the_same_record_batches_as_column_by_column() -> None:
    """``TableRows.batches`` converts a table's rows at once as a struct array: for every table and
    every type its columns have (lists, lists of structs, dates, times, missing values, empty
    tables) the record batch has the columns, the Arrow size and the IPC bytes that converting it
    column by column gives (the part files, and where a row group ends, stay as they were)."""
    import pyarrow as pa

    from skilltool.batch_rows import TableRows

    rows = TableRows()
    for name in batch_parquet.PROFILE_TABLES:
        fields = list(batch_parquet.schema(name))
        count = 0 if name == "languages" else 13
        rows.rows[name] = [tuple(_value(f.type, r + k) for k, f in enumerate(fields)) for r in range(count)]
    made = rows.batches()
    for name in batch_parquet.PROFILE_TABLES:
        sch = batch_parquet.schema(name)
        columns = list(zip(*rows.rows[name], strict=True)) or [()] * len(sch)
        arrays = [pa.array(col, type=f.type) for col, f in zip(columns, sch, strict=True)]
        alone = pa.RecordBatch.from_arrays(arrays, schema=sch)
        assert made[name].schema.equals(sch), name
        assert made[name].equals(alone), name
        assert made[name].nbytes == alone.nbytes, name
        assert made[name].serialize().to_pybytes() == alone.serialize().to_pybytes(), name
    rows.rows["languages"] = [(1, "K1", 1)]  # a row short of values: refused, never padded
    with pytest.raises(pa.ArrowInvalid):
        rows.batches()


def test_tables_converted_in_threads_are_the_same_bytes(
    tmp_path: Path, mapping: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``local_tables(threads=2)`` (the local engine's end conversion with two or more workers)
    writes every table with the same bytes as one table after the other, and a part file cut short
    still fails the conversion with its one-line error."""
    import shutil

    from skilltool import batch_output
    from skilltool.batch_state import ARROWS_DIR

    kept = tmp_path / "kept"
    real = batch_output.local_tables

    def keep_then_convert(work: Path, **kw: Any) -> None:
        shutil.copytree(work, kept)
        real(work, **kw)

    monkeypatch.setattr(batch, "local_tables", keep_then_convert)
    run(write_csv(tmp_path / "in.csv", rows_of_people()), tmp_path / "out", mapping, output_format="parquet")
    done = {}
    for threads in (1, 2):
        work = shutil.copytree(kept, tmp_path / f"work{threads}")
        batch_output.local_tables(work, threads=threads)
        tables = work / batch_parquet.TABLES_DIR
        done[threads] = {p.relative_to(tables): p.read_bytes() for p in sorted(tables.rglob("*.parquet"))}
    assert len(done[1]) == len(batch_parquet.TABLE_NAMES)
    assert done[1] == done[2]
    cut = shutil.copytree(kept, tmp_path / "cut")
    part = cut / f"{ARROWS_DIR}/suggestions.arrows.part"
    part.write_bytes(part.read_bytes()[:-5])
    with pytest.raises(ValueError, match="cut short"):
        batch_output.local_tables(cut, threads=2)


def test_a_ctrl_c_in_the_threaded_conversion_begins_no_other_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Ctrl-C (or a failure) while two tables are converted at once is raised once those are
    done; the tables still waiting are not converted first (they were: a pool left to end its
    queue converted all seven before the interrupt reached the batch)."""
    import threading
    import time

    from skilltool import batch_output
    from skilltool.batch_state import ARROWS_DIR

    work = tmp_path / "work"
    (work / ARROWS_DIR).mkdir(parents=True)
    for name in batch_parquet.PROFILE_TABLES:  # sizes order the queue: people first
        size = 100 if name == "people" else 10
        (work / f"{ARROWS_DIR}/{name}.arrows.part").write_bytes(b"x" * size)
    begun: list[str] = []
    lock = threading.Lock()

    def fake(arrows: Path, target: Path, name: str) -> int:
        with lock:
            begun.append(name)
        if name == "people":
            raise KeyboardInterrupt
        time.sleep(0.3)
        return 0

    monkeypatch.setattr(batch_parquet, "arrows_to_parquet", fake)
    with pytest.raises(KeyboardInterrupt):
        batch_output.local_tables(work, threads=2)
    assert begun[0] == "people"
    assert len(begun) <= 3 < len(batch_parquet.PROFILE_TABLES)
