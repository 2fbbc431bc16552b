"""Batch core with a small fake per-row processor: mapping, accounting, outputs, resume, privacy.

The fake (tests/batch_fakes.py) stands in for profile_building.build_profile + suggestions so these tests
pin batch's own behaviour quickly; tests/test_batch_real.py runs the real code path.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from skilltool import batch, batch_mapping, table_out
from skilltool.errors import InputFileError
from skilltool.models import BatchManifest, ColumnMapping

from . import batch_fakes
from .batch_fakes import fake_processor
from .test_tabular import write_merged_xlsx

MAPPING = """\
version: 1
required: [id]
fields:
  personal.client_ref: id
  personal.birth_year: jaar
  personal.permit_date: datum
  personal.municipality: gemeente
  languages.dutch_cefr: nl
  languages.mother_tongues: {column: talen, split: ","}
  circumstances.health_limits_work: {column: gezondheid, values: {ja: "yes", nee: "no"}}
  notes: notitie
groups:
  work:
    numbered: 2
    fields: {title: "beroep_{n}", years: "jaren_{n}", tasks: "taken_{n}"}
  education:
    split: "|"
    fields: {qualification: opleiding, completed: afgerond}
"""
HEADER = [
    "id",
    "jaar",
    "nl",
    "beroep_1",
    "jaren_1",
    "beroep_2",
    "jaren_2",
    "opleiding",
    "afgerond",
    "notitie",
]


@pytest.fixture
def mapping(tmp_path: Path) -> Path:
    path = tmp_path / "mapping.yaml"
    path.write_text(MAPPING, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764288000")


def write_csv(
    path: Path, rows: list[list[str]], *, header: list[str] = HEADER, encoding: str = "utf-8"
) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def person(cid: str, **kw: str) -> list[str]:
    base = {"id": cid, "jaar": "1988", "nl": "A2", "beroep_1": "lasser", "jaren_1": "5"}
    base.update(kw)
    return [base.get(h, "") for h in HEADER]


def run(src: Path, out: Path, mapping: Path, **kw: object) -> BatchManifest:
    options: dict[str, object] = {"workers": 1, "factory": fake_processor, "chunk_size": 3}
    options.update(kw)
    job = batch.prepare(src, out=out, mapping_path=mapping, **options)  # type: ignore[arg-type]
    return batch.run(job)


def interrupted_at_a4(
    tmp_path: Path, mapping: Path, monkeypatch: pytest.MonkeyPatch, **kw: object
) -> tuple[Path, Path]:
    """Six rows (A0-A5) in ``in.csv`` and a run of them interrupted at A4: the input and the output
    folder, its checkpoint left for a ``--resume``."""
    src = write_csv(tmp_path / "in.csv", [person(f"A{i}") for i in range(6)])
    out = tmp_path / "out"
    monkeypatch.setattr(batch_fakes, "INTERRUPT_AT", "A4")
    with pytest.raises(batch.BatchInterruptedError):
        run(src, out, mapping, **kw)
    monkeypatch.setattr(batch_fakes, "INTERRUPT_AT", None)
    return src, out


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh, delimiter=";"))


def assert_accounted(out: Path, manifest: BatchManifest, *, data_rows: int) -> None:
    """rows read = profiles + errors, from the files themselves, and every data row was read."""
    profiles = (out / "profiles.jsonl").read_text(encoding="utf-8").splitlines()
    errors = read_csv(out / "errors.csv")[1:]
    summary = read_csv(out / "summary.csv")[1:]
    c = manifest.counts
    assert c.rows_read == data_rows
    assert c.rows_read == len(profiles) + len(errors)
    assert (c.rows_written, c.rows_rejected) == (len(profiles), len(errors))
    assert len(summary) == len(profiles)
    on_disk = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert on_disk["counts"] == c.model_dump()
    if manifest.options["pseudonymised"]:  # a research summary has no row: its people are the profiles'
        refs = [json.loads(line)["client_ref"] for line in profiles]
        assert sorted(r[0] for r in summary) == sorted(refs) and len(set(refs)) == len(refs)
        return
    rows = sorted([int(r[0]) for r in errors] + [int(r[0]) for r in summary])
    assert len(rows) == len(set(rows)), "a row was written twice"


# --- mapping ---------------------------------------------------------------------------------


def test_numbered_and_split_groups_and_recoding(mapping: Path) -> None:
    """Numbered columns and delimited cells both become lists; values are recoded and typed."""
    m, _, _ = batch_mapping.load_mapping(mapping)
    header = [*HEADER, "datum", "talen", "gezondheid", "gemeente"]
    compiled = batch_mapping.compile_mapping(m, header, source="x.csv", mapping_name="m.yaml")
    cells = person("A1", beroep_2="kok", jaren_2="2,5", opleiding="Baccalaureate|Lisans", afgerond="ja|nee")
    cells += ["14-3-2023", "Arabisch, Koerdisch", "Nee", "n.v.t."]
    answers = batch_mapping.row_to_answers(cells, compiled)
    assert [w.title for w in answers.work] == ["lasser", "kok"]
    assert answers.work[1].years == 2.5
    assert [(e.qualification, e.completed) for e in answers.education] == [
        ("Baccalaureate", True),
        ("Lisans", False),
    ]
    assert str(answers.personal.permit_date) == "2023-03-14"
    assert answers.languages.mother_tongues == ["Arabisch", "Koerdisch"]
    assert answers.circumstances.health_limits_work == "no"
    assert answers.personal.municipality is None


def test_row_errors_name_the_column_not_the_value(mapping: Path) -> None:
    """A bad cell is reported by its column; the cell's content is not repeated."""
    m, _, _ = batch_mapping.load_mapping(mapping)
    compiled = batch_mapping.compile_mapping(m, HEADER, source="x.csv", mapping_name="m.yaml")
    with pytest.raises(batch_mapping.RowError) as exc:
        batch_mapping.row_to_answers(person("A1", jaren_2="secret", beroep_2="kok"), compiled)
    assert exc.value.field == "jaren_2"
    assert "secret" not in exc.value.reason
    with pytest.raises(batch_mapping.RowError) as exc:
        batch_mapping.row_to_answers(person("A1", opleiding="a|b", afgerond="ja"), compiled)
    assert exc.value.field == "opleiding"
    assert "opleiding: 2 / afgerond: 1" in exc.value.reason


def test_mapping_typos_are_one_line(tmp_path: Path) -> None:
    """A key that is not an answer field, or a group without numbered/split, names itself."""
    bad = ColumnMapping.model_validate(
        {"fields": {"personal.client_ref": "id", "personal.birth_yaer": "jaar"}}
    )
    with pytest.raises(InputFileError, match=r"'personal.birth_yaer' is not an answer field; known here: "):
        batch_mapping.compile_mapping(bad, ["id"], source="x.csv", mapping_name="m.yaml")
    bad = ColumnMapping.model_validate(
        {"fields": {"personal.client_ref": "id"}, "groups": {"work": {"fields": {"title": "b"}}}}
    )
    with pytest.raises(InputFileError, match="either 'numbered'"):
        batch_mapping.compile_mapping(bad, ["id"], source="x.csv", mapping_name="m.yaml")
    path = tmp_path / "m.yaml"
    path.write_text("version: 1\nfields: {personal.client_ref: id}\nextra: 1\n")
    # a key that is no field name is not shown (the fifteenth review): the fields that belong there are
    with pytest.raises(InputFileError, match=r"m.yaml: \(top level\): unknown key .*fields here: version,"):
        batch_mapping.load_mapping(path)


# --- accounting, file by file ----------------------------------------------------------------


def test_example_like_rows_are_accounted(tmp_path: Path, mapping: Path) -> None:
    """Good and bad rows: each lands in exactly one of profiles.jsonl and errors.csv."""
    rows = [
        person("A1"),
        person("A2", jaar="1850"),
        person("", beroep_1="kok"),
        person("A4", nl="B3"),
        person("A5", beroep_2="kok", jaren_2="3"),
    ]
    src = write_csv(tmp_path / "in.csv", rows)
    out = tmp_path / "out"
    m = run(src, out, mapping)
    assert_accounted(out, m, data_rows=5)
    errors = read_csv(out / "errors.csv")
    assert errors[0] == ["row", "client_ref", "field", "reason"]
    assert [(r[0], r[1], r[2]) for r in errors[1:]] == [
        ("3", "A2", "jaar"),
        ("4", "", "id"),
        ("5", "A4", "nl"),
    ]
    summary = read_csv(out / "summary.csv")
    assert summary[0] == [
        "row",
        "client_ref",
        "highest_nlqf",
        "level_basis",
        "coded_occupations",
        "top_suggestions",
        "review_flags",
    ]
    assert summary[2][:5] == ["6", "A5", "", "", "7212 lasser; 5120 kok"]
    # each top suggestion with its tightness now and to 2030, through the one formatter
    assert summary[2][5] == "lasser (krapte onbekend)"


def test_empty_file_is_an_error_and_writes_nothing(tmp_path: Path, mapping: Path) -> None:
    """Empty file: one error, exit 1 in the CLI, no outputs (0 rows read, 0 written)."""
    src = tmp_path / "empty.csv"
    src.write_bytes(b"")
    with pytest.raises(InputFileError, match="empty"):
        run(src, tmp_path / "out", mapping)
    assert not (tmp_path / "out").exists()


def test_header_only(tmp_path: Path, mapping: Path) -> None:
    """Header only: every output is written, with zero rows."""
    src = write_csv(tmp_path / "h.csv", [])
    out = tmp_path / "out"
    m = run(src, out, mapping)
    assert_accounted(out, m, data_rows=0)
    assert (out / "profiles.jsonl").read_bytes() == b""
    assert "report.html" in m.outputs


def test_missing_required_columns_named_together(tmp_path: Path, mapping: Path) -> None:
    """Every missing required column in one message, before any row is processed."""
    src = write_csv(tmp_path / "m.csv", [["1", "x"]], header=["klant", "jaar"])
    with pytest.raises(InputFileError) as exc:
        run(src, tmp_path / "out", mapping)
    assert "missing required column(s) 'id'" in exc.value.message
    assert "\n" not in exc.value.message
    m = ColumnMapping.model_validate({"required": ["jaar", "land"], "fields": {"personal.client_ref": "id"}})
    with pytest.raises(InputFileError, match="'id', 'jaar', 'land'"):
        batch_mapping.compile_mapping(m, ["naam"], source="m.csv", mapping_name="m.yaml")


def test_ragged_rows(tmp_path: Path, mapping: Path) -> None:
    """Extra filled cells reject the row; a row cut short (Excel drops trailing ;) is read."""
    long_row = [*person("A2"), "extra"]
    short_row = person("A3")[:4]
    src = write_csv(tmp_path / "r.csv", [person("A1"), long_row, short_row, [*person("A4"), ""]])
    out = tmp_path / "out"
    m = run(src, out, mapping)
    assert_accounted(out, m, data_rows=4)
    errors = read_csv(out / "errors.csv")[1:]
    assert [(r[0], r[1]) for r in errors] == [("3", "A2")]
    assert "11 cells but the header has 10" in errors[0][3] or "11 cellen" in errors[0][3]


def test_a_line_break_in_an_unquoted_cell_rejects_both_parts(tmp_path: Path, mapping: Path) -> None:
    """A cell with a line break and no quotes cuts one person's answers into two short lines whose
    cells add up to the header's (plus one for the break): both are rejected, naming the lines,
    instead of the first being written with its later answers silently empty."""
    cut = ";".join(person("A2", beroep_1="lasser\nbij een werf", notitie="n"))
    text = "\r\n".join([";".join(HEADER), ";".join(person("A1")), cut, ";".join(person("A3"))]) + "\r\n"
    src = tmp_path / "s.csv"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    m = run(src, out, mapping, lang="en")
    assert_accounted(out, m, data_rows=4)
    errors = read_csv(out / "errors.csv")[1:]
    assert [(r[0], r[1]) for r in errors] == [("3", "A2"), ("4", "")]
    assert all("lines 3 to 4" in r[3] and "line break inside a cell" in r[3] for r in errors)


def test_an_over_long_cell_in_a_group_column_is_named_by_its_column(tmp_path: Path, mapping: Path) -> None:
    """A cell over the limit in a numbered group's column (a job title) is named by that column,
    not "column 4": only single fields were searched for the name."""
    src = write_csv(tmp_path / "g.csv", [person("A1", beroep_1="x" * 100_001)])
    out = tmp_path / "out"
    run(src, out, mapping, lang="en")
    assert [row[2] for row in read_csv(out / "errors.csv")[1:]] == ["beroep_1"]


def test_a_one_megabyte_cell(tmp_path: Path, mapping: Path) -> None:
    """A 1 MB cell rejects its row with the column named; the rows around it are fine."""
    src = write_csv(tmp_path / "b.csv", [person("A1"), person("A2", notitie="x" * 1_048_576), person("A3")])
    out = tmp_path / "out"
    m = run(src, out, mapping, lang="en")
    assert_accounted(out, m, data_rows=3)
    errors = read_csv(out / "errors.csv")[1:]
    assert errors == [
        [
            "3",
            "A2",
            "notitie",
            "the cell has 1,048,576 characters (limit 100,000); an unclosed quote or pasted document?",
        ]
    ]


def test_duplicate_ids(tmp_path: Path, mapping: Path) -> None:
    """A repeated client id: the first row is kept, later ones are rejected and listed."""
    src = write_csv(tmp_path / "d.csv", [person("A1"), person("A2"), person("A1"), person(" A1 ")])
    out = tmp_path / "out"
    m = run(src, out, mapping, lang="en")
    assert_accounted(out, m, data_rows=4)
    errors = read_csv(out / "errors.csv")[1:]
    assert [(r[0], r[1], r[2]) for r in errors] == [("4", "A1", "id"), ("5", "A1", "id")]
    assert errors[0][3].startswith("duplicate client id")


def test_seen_ids_beyond_the_merge() -> None:
    """The compact id store finds repeats before and after merging into its sorted array."""
    seen = batch.SeenIds()
    assert not any(seen.add(f"K{i}") for i in range(140_000))  # two merges, then a few recent
    assert all(seen.add(f"K{i}") for i in (0, 5, 65_535, 65_536, 131_071, 131_072, 139_999))
    assert not seen.add("K140000")
    stored = list(seen.sorted)
    assert len(stored) == 131_072 and stored == sorted(set(stored))


def test_mixed_encodings(tmp_path: Path, mapping: Path) -> None:
    """A UTF-8 export with a pasted Windows-1252 line: every row read, the line reported."""
    good = write_csv(tmp_path / "a.csv", [person("A1", notitie="Syrië")]).read_bytes()
    line = ";".join(person("A2", notitie="Oekraïne")).encode("cp1252") + b"\r\n"
    src = tmp_path / "mixed.csv"
    src.write_bytes(good + line)
    out = tmp_path / "out"
    m = run(src, out, mapping)
    assert_accounted(out, m, data_rows=2)
    assert m.input.encoding == "mixed utf-8/windows-1252"
    assert any("regel(s) 3 bevatten Windows-1252" in w for w in m.warnings)  # in the batch's language (nl)
    notes = [
        json.loads(x)["notes"] for x in (out / "profiles.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert notes == ["Syrië", "Oekraïne"]


def test_xlsx_with_merged_cells_and_dates(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """An .xlsx with a merged column and date cells: dates typed, merged values per row."""
    src = tmp_path / "in.xlsx"
    write_merged_xlsx(src)
    mapping = tmp_path / "xm.yaml"
    mapping.write_text(
        "version: 1\nfields:\n  personal.client_ref: klantnummer\n  personal.municipality: gemeente\n"
        "  personal.permit_date: datum\n  personal.birth_year: geboortejaar\n"
        "  wishes.hours_per_week: uren\n"
    )
    out = tmp_path / "out"
    m = run(src, out, mapping)
    assert m.input.kind == "xlsx"
    assert m.counts.blank_rows_skipped == 1
    assert_accounted(out, m, data_rows=4)
    errors = read_csv(out / "errors.csv")[1:]
    assert [(r[0], r[2]) for r in errors] == [("3", "uren"), ("6", "geboortejaar")]
    profiles = [json.loads(x)["personal"] for x in (out / "profiles.jsonl").read_text().splitlines()]
    assert profiles == [
        {"client_ref": "A1", "birth_year": 1988, "permit_date": "2023-03-14", "municipality": "Utrecht"},
        {"client_ref": "A3", "birth_year": 1979, "permit_date": "2022-05-06", "municipality": "Utrecht"},
    ]


def test_undecodable_input_stops_before_any_output(tmp_path: Path, mapping: Path) -> None:
    """A file whose first line is neither UTF-8 nor Windows-1252: one error with the line, no
    outputs."""
    src = tmp_path / "x.csv"
    src.write_bytes(b"\x81" + write_csv(tmp_path / "ok.csv", [person("A1")]).read_bytes())
    with pytest.raises(InputFileError, match=r"x.csv:1: byte 0x81"):
        run(src, tmp_path / "out", mapping)
    assert not (tmp_path / "out").exists()


def test_a_row_with_nul_or_undecodable_bytes_is_rejected_alone(tmp_path: Path, mapping: Path) -> None:
    """A damaged line (NUL bytes, a byte neither UTF-8 nor Windows-1252) stopped the whole batch;
    now that row goes to errors.csv with its reason and every other row is written."""
    src = tmp_path / "x.csv"
    ok = write_csv(tmp_path / "ok.csv", [person("A1")]).read_bytes()
    src.write_bytes(ok + b"A2;\x81\r\nA3;1\x00980\r\n" + ok.split(b"\r\n", 1)[1].replace(b"A1", b"A4"))
    run(src, tmp_path / "out", mapping)
    errors = [
        line.split(";")[:2] for line in (tmp_path / "out" / "errors.csv").read_text("utf-8-sig").splitlines()
    ]
    assert errors[1:] == [["3", "A2"], ["4", "A3"]]
    written = [
        json.loads(x)["personal"]["client_ref"]
        for x in (tmp_path / "out" / "profiles.jsonl").read_text().splitlines()
    ]
    assert written == ["A1", "A4"]


# --- outputs ---------------------------------------------------------------------------------


def test_outputs_are_owner_only_and_work_dir_is_gone(tmp_path: Path, mapping: Path) -> None:
    """Every output is 0600; the work folder is removed after a complete run."""
    src = write_csv(tmp_path / "in.csv", [person("A1"), person("A2")])
    out = tmp_path / "out"
    m = run(src, out, mapping, xlsx=True)
    for name in m.outputs:
        assert (out / name).stat().st_mode & 0o777 == 0o600, name
    assert not (out / batch.WORK_DIR).exists()
    assert sorted(p.name for p in out.iterdir()) == sorted(m.outputs)


def test_formula_injection_is_inert(tmp_path: Path, mapping: Path) -> None:
    """Formulas stay text: a formula as client id is refused by the id rule (and never shown), a
    formula as column name is neutralised where errors.csv names the column; xlsx has no <f>."""
    payload = '=HYPERLINK("http://x","y")'
    header = [payload if h == "jaar" else h for h in HEADER]
    formula_mapping = tmp_path / "formula.yaml"
    formula_mapping.write_text(
        MAPPING.replace("personal.birth_year: jaar", f"personal.birth_year: '{payload}'")
    )
    rows = [person(payload), person("+1"), person("@A2"), person("-2+3"), person("K-1", jaar="1850")]
    rows.append(person("K-2"))
    src = write_csv(tmp_path / "f.csv", rows, header=header)
    out = tmp_path / "out"
    m = run(src, out, formula_mapping, xlsx=True)
    assert_accounted(out, m, data_rows=6)
    assert m.counts.rows_written == 1
    cells = [c for row in read_csv(out / "summary.csv") for c in row] + [
        c for row in read_csv(out / "errors.csv") for c in row
    ]
    assert not any(c.startswith(table_out.FORMULA_START) for c in cells)
    assert "'" + payload in cells  # the column named in errors.csv, neutralised
    assert not any(c in ("+1", "@A2", "-2+3", "'+1", "'@A2", "'-2+3") for c in cells)  # ids never shown
    with zipfile.ZipFile(out / "summary.xlsx") as zf:
        assert b"<f>" not in zf.read("xl/worksheets/sheet1.xml")
    wb = openpyxl.load_workbook(out / "summary.xlsx")
    values = [c.value for row in wb.active.iter_rows() for c in row]
    wb.close()
    assert not any(isinstance(v, str) and v.startswith(table_out.FORMULA_START) for v in values)


def test_pseudonymise(tmp_path: Path, mapping: Path) -> None:
    """Keyed hashes replace ids everywhere; notes, tasks and health answers are dropped."""
    key = tmp_path / "key"
    key.write_bytes(b"0123456789abcdef0123456789abcdef\n")
    header = [*HEADER, "taken_1", "gezondheid"]
    rows = [
        [*person("K-1001", notitie="Rugklachten"), "lassen bij Fokker", "ja"],
        [*person("K-1002", jaar="1850"), "", ""],
    ]
    src = write_csv(tmp_path / "p.csv", rows, header=header)
    out = tmp_path / "out"
    m = run(src, out, mapping, key_file=key)
    assert m.options["pseudonymised"] is True
    expected = batch.pseudonym(b"0123456789abcdef0123456789abcdef", "K-1001")
    text = "".join((out / name).read_text(encoding="utf-8") for name in m.outputs)
    for secret in ("K-1001", "K-1002", "Rugklachten", "Fokker", "rather_not_say", '"yes"'):
        assert secret not in text, secret
    profile = json.loads((out / "profiles.jsonl").read_text(encoding="utf-8"))
    assert profile["kind"] == "skilltool-research-profile"
    assert profile["client_ref"] == expected
    assert profile["birth_years"] == "1985-1989"
    assert "notes" not in profile and "circumstances" not in profile
    assert profile["work"][0] == {
        "esco_uri": "esco:lasser",
        "isco": "7212",
        "years": 5.0,
        "needs_review": False,
    }  # no kind of work was given: none is written (it was "employed", assumed)
    errors = read_csv(out / "errors.csv")[1:]
    assert errors[0][1] == batch.pseudonym(b"0123456789abcdef0123456789abcdef", "K-1002")
    assert batch.pseudonym(b"another key of sixteen+ bytes", "K-1001") != expected
    short = tmp_path / "short"
    short.write_bytes(b"abc")
    with pytest.raises(InputFileError, match="at least 32 random bytes"):
        batch.read_key(short)


def test_parallel_output_equals_serial(tmp_path: Path, mapping: Path) -> None:
    """Two worker processes give byte-identical outputs to one (deterministic order)."""
    rows = [person(f"A{i}", beroep_1=["lasser", "kok", "kapster", "onbekend"][i % 4]) for i in range(40)]
    rows[7][1] = "1850"
    src = write_csv(tmp_path / "in.csv", rows)
    one, two = tmp_path / "one", tmp_path / "two"
    run(src, one, mapping)
    run(src, two, mapping, workers=2)
    for name in ("profiles.jsonl", "summary.csv", "errors.csv", "report.html"):
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_caches_are_compiled_in_a_child_before_the_workers_fork(
    tmp_path: Path, mapping: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With workers, the row processor is built first in a short-lived child (a cold cache is
    compiled there, so the parent never holds the parsed data files), then in the parent."""
    import os

    log = tmp_path / "built.txt"
    monkeypatch.setattr(batch_fakes, "BUILD_LOG", log)
    # a cache of its own: the child is skipped once a batch of the run left its done marker
    # (``run_in_child_once``), which made the test depend on the order the tests ran in
    monkeypatch.setenv("SKILLTOOL_CACHE_DIR", str(tmp_path / "cache"))
    src = write_csv(tmp_path / "in.csv", [person(f"A{i}") for i in range(6)])
    run(src, tmp_path / "out", mapping, workers=2, factory=batch_fakes.recording_processor)
    child, parent = (int(x) for x in log.read_text(encoding="utf-8").split())
    assert parent == os.getpid() != child


# --- resume ----------------------------------------------------------------------------------


def test_interrupt_then_resume_matches_an_uninterrupted_run(
    tmp_path: Path, mapping: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C mid-run keeps the checkpoint; --resume finishes with no row twice or lost."""
    rows = [person(f"A{i}") for i in range(20)]
    rows[3][1] = "1850"
    rows[11][0] = "A2"  # a duplicate of a row done before the interruption
    src = write_csv(tmp_path / "in.csv", rows)
    whole = tmp_path / "whole"
    run(src, whole, mapping)

    out = tmp_path / "out"
    monkeypatch.setattr(batch, "CHECKPOINT_SECONDS", 0.0)
    monkeypatch.setattr(batch_fakes, "INTERRUPT_AT", "A13")
    with pytest.raises(batch.BatchInterruptedError) as exc:
        run(src, out, mapping)
    assert exc.value.exit_code == 130
    assert "--resume" in exc.value.message
    state = json.loads((out / batch.WORK_DIR / "state.json").read_text())
    assert 0 < state["last_row"] < 21
    with pytest.raises(InputFileError, match="add --resume"):
        run(src, out, mapping)
    monkeypatch.setattr(batch_fakes, "INTERRUPT_AT", None)
    m = run(src, out, mapping, resume=True)
    assert m.resumed
    assert_accounted(out, m, data_rows=20)
    for name in ("profiles.jsonl", "summary.csv", "errors.csv", "report.html"):
        assert (out / name).read_bytes() == (whole / name).read_bytes(), name


def test_resume_refuses_another_input(tmp_path: Path, mapping: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A checkpoint belongs to one input, mapping and key: resuming with another one is refused."""
    src, out = interrupted_at_a4(tmp_path, mapping, monkeypatch)
    write_csv(src, [person(f"B{i}") for i in range(6)])
    with pytest.raises(InputFileError, match="another input"):
        run(src, out, mapping, resume=True)


def test_template_reads_back(tmp_path: Path) -> None:
    """`batch template` files are a working start: its CSV and XLSX run with its mapping."""
    paths = batch.write_template(tmp_path / "t")
    assert [p.name for p in paths] == ["mapping.yaml", "intakes.csv", "intakes.xlsx"]
    for src in paths[1:]:
        out = tmp_path / f"out-{src.suffix[1:]}"
        m = run(src, out, paths[0])
        assert (m.counts.rows_written, m.counts.rows_rejected) == (2, 0)
        assert_accounted(out, m, data_rows=2)


def test_data_validate_checks_the_default_mapping(tmp_path: Path) -> None:
    """The bundled mapping passes `data validate`; a mapping key that is no answer field fails it."""
    from skilltool.errors import DataFileError
    from skilltool.reference import ReferenceData, default_data_dir

    assert batch.check_default_mapping(ReferenceData(default_data_dir())) > 30
    (tmp_path / "batch").mkdir()
    (tmp_path / "batch" / "default_mapping.yaml").write_text(
        "version: 1\nfields: {personal.client_ref: id, personal.shoe_size: maat}\n"
    )
    with pytest.raises(DataFileError, match=r"'personal\.shoe_size' is not an answer field"):
        batch.check_default_mapping(ReferenceData(tmp_path))


def test_validation_reasons_in_dutch_and_english(mapping: Path) -> None:
    """Row errors from validation read in the chosen language and never echo the cell."""
    m, _, _ = batch_mapping.load_mapping(mapping)
    compiled = batch_mapping.compile_mapping(m, HEADER, source="x.csv", mapping_name="m.yaml")
    cases = [
        (person("A1", jaar="1850"), "jaar", "moet minstens 1900 zijn", "must be at least 1900"),
        (person("A1", jaar="negentien"), "jaar", "is geen geheel getal", "is not a whole number"),
        (person("A1", nl="B3"), "nl", "'C1' of 'C2'", "'C1' or 'C2'"),
    ]
    for cells, column, nl, en in cases:
        for lang, text in (("nl", nl), ("en", en)):
            with pytest.raises(batch_mapping.RowError) as exc:
                batch_mapping.row_to_answers(cells, compiled, lang=lang)
            assert exc.value.field == column
            assert text in exc.value.reason
            assert "negentien" not in exc.value.reason and "B3" not in exc.value.reason


def test_summary_highest_level_and_review_flags() -> None:
    """IDW's level wins; an unfinished diploma's indication is no level; flags say what to check."""
    from skilltool.models import DiplomaIndication, Education, Personal, Profile

    ind = DiplomaIndication(
        entry_id="x",
        qualification="q",
        dutch_equivalent="d",
        nlqf_min=5,
        nlqf_max=6,
        eqf_min=5,
        eqf_max=6,
        source="s",
        score=90,
    )
    base = Profile(personal=Personal(client_ref="A"))
    unfinished = base.model_copy(
        update={"education": [Education(qualification="q", indication=ind, completed=False)]}
    )
    assert batch.summary_row(2, unfinished).highest_nlqf == ""
    done = base.model_copy(
        update={"education": [Education(qualification="q", indication=ind, completed=True)]}
    )
    assert batch.summary_row(2, done).highest_nlqf == "5-6"
    idw = done.model_copy(update={"education": [*done.education, Education(qualification="r", idw_nlqf=4)]})
    assert batch.summary_row(2, idw).highest_nlqf == "5-6"
    idw7 = done.model_copy(update={"education": [Education(qualification="r", idw_nlqf=7)]})
    assert batch.summary_row(2, idw7).highest_nlqf == "7"
    assert batch.summary_row(2, idw7).level_basis == "idw"
    inferred = ind.model_copy(update={"basis": "inferred", "inferred_reason": "ladder"})
    carried = base.model_copy(
        update={"education": [Education(qualification="q", indication=inferred, completed=True)]}
    )
    assert batch.summary_row(2, carried).level_basis == "inferred"  # issue 13: basis carried to batch
    assert batch.review_flags(base) == ["dutch_level_unknown", "no_suggestions"]
