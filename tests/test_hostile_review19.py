"""The nineteenth hostile-input and privacy review: what the eighteenth left alone (a Parquet
``binary`` column copied as Python writes bytes, the API's clock, two coding jobs on one ``--out``, a
header cell with a letter of another script, a data file that is a link loop said twice), and what
the attack found."""

from __future__ import annotations

import datetime as dt
import fcntl
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import skilltool
from skilltool import bulk_coding, fsio
from skilltool.cli import app
from skilltool.models import Profile
from skilltool.xlsx import blob_text, cell_text

from .test_hostile_input import one_error
from .test_hostile_review18 import output_rows

runner = CliRunner(env={"SKILLTOOL_LANG": "en"})
REPO = Path(__file__).resolve().parent.parent
ANSWERS = REPO / "examples" / "answers" / "eritrea-welder.yaml"


def code_job(src: Path, column: str, out: Path, *more: str) -> list[str]:
    return ["occupation", "code", "--input", str(src), "--column", column, "--out", str(out), *more]


# --- a Parquet binary column is copied as DuckDB writes a BLOB ------------------------------------


def test_bytes_are_written_as_duckdb_writes_a_blob() -> None:
    """``cell_text`` of bytes: printable ASCII as it is, every other byte, the backslash and the
    quotes as ``\\xAB``; it was Python's ``b'\\x00\\x01'``, quotes and ``b`` included. A UTF-8 text in
    a binary column is escaped too: a value must not change form with its content."""
    assert cell_text(b"\x00\x01") == "\\x00\\x01"
    assert cell_text(b"ab c~") == "ab c~"
    assert cell_text(b"a\\b'\"") == "a\\x5Cb\\x27\\x22"
    assert cell_text("é".encode()) == "\\xC3\\xA9"
    assert cell_text(bytearray(b"\x7f")) == "\\x7F"
    assert cell_text([b"\x00", "x"]) == '["\\\\x00", "x"]'  # inside a list: the same text, as JSON


def test_a_blob_text_is_what_duckdb_writes_and_reads_back() -> None:
    """The text is DuckDB's own for a BLOB (``CAST(blob AS VARCHAR)``), and ``CAST(text AS BLOB)``
    gives the bytes back, every byte value among them."""
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    every = bytes(range(256))
    assert blob_text(every) == con.execute("SELECT ?::BLOB::VARCHAR", [every]).fetchone()[0]
    assert con.execute("SELECT ?::BLOB", [blob_text(every)]).fetchone()[0] == every


@pytest.mark.usefixtures("real_data_env")
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_parquet_binary_column_is_copied_as_blob_text(tmp_path: Path, suffix: str) -> None:
    """A coding job copies a Parquet ``binary`` and ``fixed_size_binary`` column into a CSV or XLSX
    as DuckDB's BLOB text (``\\x00\\x01``), not as ``b'\\x00\\x01'``; a value that would run as a
    formula is still neutralised."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table(
        {
            "titel": ["kok", "lasser"],
            "bytes": pa.array([b"\x00\x01", b"=1+1"], pa.binary()),
            "vast": pa.array([b"ab", b"\xff\x00"], pa.binary(2)),
        }
    )
    src = tmp_path / "in.parquet"
    pq.write_table(table, src)
    out = tmp_path / f"out{suffix}"
    r = runner.invoke(app, code_job(src, "titel", out))
    assert r.exit_code == 0, r.output
    rows = output_rows(out)
    assert [row[1:3] for row in rows[1:3]] == [["\\x00\\x01", "ab"], ["'=1+1", "\\xFF\\x00"]]


# --- the API's complete_profile takes SOURCE_DATE_EPOCH ------------------------------------------


@pytest.mark.usefixtures("real_data_env")
def test_the_api_and_an_answers_file_take_source_date_epoch_for_every_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``complete_profile`` (the API) is created at ``$SOURCE_DATE_EPOCH`` as ``intake`` and
    ``run_batch`` are: two runs of a script gave two files where the command gave one. A
    caseworker's confirmation (a title kept as free text) is dated that day too, in the API and
    ``intake --answers``, as a batch dates it: it was the clock's day beside a fixed ``created``."""
    yaml_text = ANSWERS.read_text(encoding="utf-8").replace(
        "    kind: employed\n", "    kind: employed\n    keep_free_text: true\n", 1
    )
    answers = tmp_path / "a.yaml"
    answers.write_text(yaml_text, encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")  # 1970-01-02
    ref = skilltool.load_reference()
    profiles = [skilltool.complete_profile(skilltool.read_answers(answers, ref=ref), ref=ref, lang="en")]
    r = runner.invoke(app, ["intake", "--answers", str(answers)])
    assert r.exit_code == 0, r.output
    profiles.append(Profile.model_validate_json(r.stdout))
    for profile in profiles:
        assert profile.created == dt.datetime(1970, 1, 2, tzinfo=dt.UTC)
        kept = [w.confirmation for w in profile.work if w.confirmation.status == "free_text"]
        assert kept and all(c.on == dt.date(1970, 1, 2) for c in kept)
    same = {"tool_version"}
    assert profiles[0].model_dump(exclude=same) == profiles[1].model_dump(exclude=same)


# --- two coding jobs on one --out -----------------------------------------------------------------


@pytest.mark.usefixtures("real_data_env")
def test_a_coding_job_while_another_writes_its_out_is_refused(tmp_path: Path) -> None:
    """A second coding job on an ``--out`` another one is writing is one line, with ``--force``
    too, and leaves nothing: both passed the "taken" check and the second replaced the first's
    result. The lock is ``filelock``'s (flock), as a batch's, beside the output."""
    src = tmp_path / "in.csv"
    src.write_text("titel\nkok\n", encoding="utf-8")
    out = tmp_path / "coded.csv"
    with fsio.folder_lock(out).open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # another job, mid-write
        for more in ([], ["--force"]):
            line = one_error(runner.invoke(app, code_job(src, "titel", out, *more)))
            assert "another coding job is writing this file" in line
    assert not out.exists()
    r = runner.invoke(app, code_job(src, "titel", out))  # released: the job runs
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["coded.csv", "in.csv"]  # no lock file left


@pytest.mark.usefixtures("real_data_env")
def test_a_coding_job_whose_out_was_written_meanwhile_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An ``--out`` that another job finished while this one read its input is refused without
    ``--force`` (the check is asked again under the lock), and the other's result is kept."""
    src = tmp_path / "in.csv"
    src.write_text("titel\nkok\n", encoding="utf-8")
    out = tmp_path / "coded.csv"
    opened = bulk_coding._open_source

    def other_job_ends(*args: object, **kwargs: object) -> bulk_coding.Source:
        out.write_text("the other job's result\n", encoding="utf-8")
        return opened(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(bulk_coding, "_open_source", other_job_ends)
    line = one_error(runner.invoke(app, code_job(src, "titel", out)))
    assert "already exists" in line
    assert out.read_text(encoding="utf-8") == "the other job's result\n"


# --- a header cell with a letter of another script --------------------------------------------------


@pytest.mark.usefixtures("real_data_env")
def test_a_header_cell_with_a_letter_of_another_script_is_said(tmp_path: Path) -> None:
    """``klаntnummer`` with a Cyrillic ``а`` looks like ``klantnummer`` in every font: the missing
    column error of a batch and of a coding job says which column holds which letter; it named the
    column missing beside a cell that showed it. A plain typo gets no such note."""
    src = tmp_path / "in.csv"
    src.write_text("kl\u0430ntnummer;beroep_1\nK-1;lasser\n", encoding="utf-8")
    note = "column 1 holds U+0430 CYRILLIC SMALL LETTER A, a letter of another script, where 'klantnummer'"
    line = one_error(runner.invoke(app, ["batch", str(src), "--out", str(tmp_path / "out")]))
    assert "missing required column(s) 'klantnummer'" in line and note in line
    line = one_error(runner.invoke(app, code_job(src, "klantnummer", tmp_path / "c.csv")))
    assert "no column 'klantnummer'" in line and note in line
    src.write_text("klantnumer;beroep_1\nK-1;lasser\n", encoding="utf-8")
    line = one_error(runner.invoke(app, code_job(src, "klantnummer", tmp_path / "c.csv")))
    assert "another script" not in line


def test_other_script_needs_letters_of_another_script_only() -> None:
    """Only letters of another script make the note: a Latin letter with an accent, a digit, or a
    word mostly in another script (a header in that language) make none."""
    from skilltool.header_cells import other_script

    assert other_script("klantnummer", ["kl\u0430ntnummer"]) != ""
    assert other_script("naam", ["näam"]) == ""  # Latin both
    assert other_script("beroep_1", ["beroep_l"]) == ""  # a letter for a digit: a typo
    assert other_script("klant", ["\u043a\u043b\u0430nt"]) == ""  # three of five letters


# --- data validate: a data file that is a link loop, or missing, is one line ----------------------


@pytest.mark.parametrize("damage", ["loop", "missing", "dangling"])
def test_a_data_file_that_loops_or_is_missing_is_said_once(tiny_data: Path, damage: str) -> None:
    """``data validate`` names a data file that is a link loop, missing or a dangling link in one
    line: a loop's "cannot read (Too many levels of symbolic links)" was followed by "data file not
    found", a missing ``sectors.yaml``'s "not found; check --data-dir" by "not found"."""
    target = tiny_data / "sectors.yaml"
    target.unlink()
    if damage != "missing":
        target.symlink_to(target.name if damage == "loop" else "nothing-here.yaml")
    r = runner.invoke(app, ["--data-dir", str(tiny_data), "data", "validate"])
    line = one_error(r)
    assert "sectors.yaml" in line
    assert r.stderr.count("sectors.yaml") == 1


# --- a bidi override in --json on a terminal ------------------------------------------------------


@pytest.mark.usefixtures("real_data_env")
@pytest.mark.parametrize(
    ("command", "stdin"),
    [
        (["occupation", "code", "--json"], "\u202elasser\n"),
        (["diploma", "lookup", "--country", "SY", "--json", "\u202eshahada\u2066"], None),
    ],
)
def test_json_on_stdout_escapes_bidi_controls(command: list[str], stdin: str | None) -> None:
    """A right-to-left override (U+202E) or an isolate pasted along with a title is escaped in
    ``--json`` (``\\u202e``), as ``console.clean`` takes it off every other line: raw, the terminal
    showed the rest of the line backwards. The JSON value is the same."""
    r = runner.invoke(app, command, input=stdin)
    assert r.exit_code == 0, r.output
    assert "\u202e" not in r.stdout and "\u2066" not in r.stdout
    assert "\\u202e" in r.stdout
    first = json.loads(r.stdout.splitlines()[0]) if stdin else json.loads(r.stdout)
    assert (first.get("input") or first.get("query")).startswith("\u202e")
