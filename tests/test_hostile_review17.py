"""The seventeenth hostile-input and privacy review: what the sixteenth left alone (``--encoding``
ignored for a workbook, ``explain`` repeating its argument, sector wishes kept as typed, a date
cell said to be "not a whole number", a second header copy shown by its text, a build's lock
skipped beside a read-only folder), and what the attack found."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock
from typer.testing import CliRunner, Result

from skilltool import folder_replace, fsio
from skilltool.cli import app

from .test_hostile_input import one_error

runner = CliRunner(env={"SKILLTOOL_LANG": "en"})
REPO = Path(__file__).resolve().parent.parent
ANSWERS = REPO / "examples" / "answers" / "eritrea-welder.yaml"
EXAMPLE = REPO / "examples" / "batch" / "intakes.csv"
NAME = "Jan Jansen"


def _rows(count: int = 3) -> list[list[str]]:
    """The example export's header and first ``count`` rows, as text."""
    text = EXAMPLE.read_bytes().decode("cp1252")
    return list(csv.reader(io.StringIO(text), delimiter=";"))[: count + 1]


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, delimiter=";").writerows(rows)
    return path


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _batch(src: Path, out: Path, *extra: str) -> Result:
    return runner.invoke(
        app, ["batch", str(src), "--out", str(out), "--workers", "1", "--lang", "en", *extra]
    )


# --- --encoding, --delimiter and --sheet only where they apply ---------------------------------------


@pytest.mark.usefixtures("real_data_env")
def test_a_csv_option_for_a_workbook_or_a_parquet_file_is_refused(tmp_path: Path) -> None:
    """``--encoding`` (and ``--delimiter``) with an .xlsx or a Parquet file was ignored without a
    word: the reader took it that the code page given had been applied. ``--sheet`` with a CSV
    likewise. Each is a usage error (exit 2) naming the option and the file, before anything is
    written, for ``batch`` and both coding jobs alike."""
    book = _xlsx(tmp_path / "titles.xlsx", [["functie"], ["kapper"]])
    plain = _csv(tmp_path / "titles.csv", [["functie"], ["kapper"]])
    out = tmp_path / "coded.csv"
    job = ["--column", "functie", "--out", str(out), "--lang", "en"]
    cases: list[tuple[list[str], str]] = [
        (
            ["occupation", "code", "--input", str(book), *job, "--encoding", "latin9"],
            "--encoding: for a CSV only",
        ),
        (["skill", "code", "--input", str(book), *job, "--delimiter", ";"], "--delimiter: for a CSV only"),
        (["occupation", "code", "--input", str(plain), *job, "--sheet", "Blad1"], "--sheet: for an Excel"),
    ]
    for args, said in cases:
        r = runner.invoke(app, args)
        assert r.exit_code == 2, r.output
        assert said in one_error(r) and (book.name in r.stderr or plain.name in r.stderr)
    assert not out.exists()
    r = _batch(_xlsx(tmp_path / "in.xlsx", _rows(1)), tmp_path / "o", "--encoding", "cp850")  # type: ignore[arg-type]
    assert r.exit_code == 2 and "in.xlsx is an Excel workbook" in one_error(r)
    r = _batch(_csv(tmp_path / "in.csv", _rows(1)), tmp_path / "o", "--sheet", "Blad1")
    assert r.exit_code == 2 and "in.csv has no sheets" in one_error(r)
    assert not (tmp_path / "o").exists()
    r = runner.invoke(app, ["occupation", "code", "--input", str(book), *job])  # without it: coded
    assert r.exit_code == 0, r.output


@pytest.mark.usefixtures("real_data_env")
def test_a_csv_option_for_a_parquet_file_and_through_the_api(tmp_path: Path) -> None:
    """The same rule for a Parquet file and for ``skilltool.code_file``."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    import skilltool
    from skilltool.errors import UsageError

    src = tmp_path / "titles.parquet"
    pq.write_table(pa.table({"functie": ["kapper"]}), src)
    out = tmp_path / "coded.csv"
    r = runner.invoke(
        app,
        [
            "occupation",
            "code",
            "--input",
            str(src),
            "--column",
            "functie",
            "--out",
            str(out),
            "--encoding",
            "cp1252",
        ],
    )
    assert r.exit_code == 2 and "titles.parquet is a Parquet file" in one_error(r)
    with pytest.raises(UsageError, match=r"^--sheet: for an Excel workbook"):
        skilltool.code_file(src, column="functie", out=out, sheet="Blad1")
    assert not out.exists()


# --- explain and occupation show do not repeat free text -----------------------------------------------


@pytest.mark.usefixtures("real_data_env")
def test_an_unknown_occupation_argument_is_not_repeated(tmp_path: Path) -> None:
    """``explain PROFILE "Jan Jansen 0612345678"`` said ``occupation 'Jan Jansen ########'``, and
    ``occupation show`` repeated it whole, the phone number too: stderr goes into logs of scripts
    that run these commands. The argument is named by its place (OCCUPATION), not repeated."""
    profile = tmp_path / "p.json"
    assert runner.invoke(app, ["intake", "--answers", str(ANSWERS), "--out", str(profile)]).exit_code == 0
    typed = f"{NAME} 0612345678"
    for args, said in (
        (["explain", str(profile), typed], "OCCUPATION: no ESCO occupation has the label given"),
        (
            ["explain", str(profile), f"http://{NAME}"],
            "OCCUPATION: no ESCO occupation in the data has the URI",
        ),
        (["occupation", "show", typed], "OCCUPATION: what was given is not an ESCO occupation URI"),
    ):
        r = runner.invoke(app, [*args, "--lang", "en"])
        assert said in one_error(r)
        assert "Jansen" not in r.output and "0612" not in r.output


# --- sector wishes coded to the data's sector ids ------------------------------------------------------


@pytest.mark.usefixtures("real_data_env")
def test_a_sector_wish_is_kept_as_the_sector_it_names(tmp_path: Path) -> None:
    """A sector wish was kept as typed: ``zorg`` and ``techniek`` were the care and technology
    sectors to ``suggest``, but the research export, which keeps sector ids only, dropped them.
    Each wish that names a sector is its id in the profile (and so in the export); one that names
    none stays as typed in the caseworker's profile and never reaches the export."""
    rows = _rows(2)
    col = rows[0].index("wens_sectoren")
    rows[1][col] = f"zorg,{NAME},ICT,Zorg"
    rows[2][col] = "techniek"
    src = _csv(tmp_path / "in.csv", rows)
    assert _batch(src, tmp_path / "o").exit_code == 0
    profiles = [
        json.loads(line) for line in (tmp_path / "o" / "profiles.jsonl").read_text("utf-8").splitlines()
    ]
    assert [p["wishes"]["sectors"] for p in profiles] == [["care", NAME, "ict"], ["technology_installation"]]
    key = tmp_path / "key"
    key.write_text("k" * 40)
    assert _batch(src, tmp_path / "r", "--pseudonymise", str(key)).exit_code == 0
    text = (tmp_path / "r" / "profiles.jsonl").read_text("utf-8")
    research = sorted(json.loads(line)["wished_sectors"] for line in text.splitlines())  # pseudonym order
    assert research == [["care", "ict"], ["technology_installation"]]
    assert "Jansen" not in text


# --- a date cell in a number column -------------------------------------------------------------------


@pytest.mark.usefixtures("real_data_env")
def test_a_date_cell_in_a_number_column_says_it_is_a_date(tmp_path: Path) -> None:
    """A birth year typed into a column formatted as a date is the date ``1905-06-09`` in the
    workbook; the row was rejected as "not a whole number", which sent the reader looking at the
    year. It says the cell is a date (or TRUE/FALSE) in the workbook and what to do, no value."""
    rows: list[list[object]] = [list(r) for r in _rows(2)]
    header = rows[0]
    rows[1][header.index("geboortejaar")] = dt.datetime(1905, 6, 9)
    rows[2][header.index("beroep_1_jaren")] = True
    r = _batch(_xlsx(tmp_path / "in.xlsx", rows), tmp_path / "o")
    assert r.exit_code == 0, r.output
    errors = list(
        csv.reader(io.StringIO((tmp_path / "o" / "errors.csv").read_text("utf-8-sig")), delimiter=";")
    )
    assert [e[2] for e in errors[1:]] == ["geboortejaar", "beroep_1_jaren"]
    assert errors[1][3].startswith("is a date or time in the workbook, not a number")
    assert errors[2][3].startswith("is TRUE or FALSE in the workbook, not a number")
    assert "1905" not in errors[1][3].split("(")[0] and "06-09" not in errors[1][3]


# --- a second copy of a header cell -------------------------------------------------------------------


@pytest.mark.usefixtures("real_data_env")
def test_a_second_copy_of_a_header_cell_is_named_by_the_first_ones_column(tmp_path: Path) -> None:
    """A header cell near a mapped column's name twice (``Beroep_10``) said ``Beroep_10 (column 49),
    Beroep_10 (column 50, a second copy)``: the text again, and not which column it copied. The
    copy is named by its column and the first's, as every other second copy is."""
    rows = _rows(1)
    width = len(rows[0])
    rows[0] += ["Beroep_10", "Beroep_10"]
    rows[1] += ["a", "b"]
    r = _batch(_csv(tmp_path / "in.csv", rows), tmp_path / "o")
    assert r.exit_code == 0, r.output
    said = (
        f"ignored: Beroep_10 (column {width + 1}), column {width + 2} (a second copy of column {width + 1})"
    )
    assert said in r.stderr
    assert r.stderr.count("Beroep_10") == 1


# --- a data build where a lock cannot be made ---------------------------------------------------------


def _no_lock_beside(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Locks beside a folder cannot be made (its parent read-only, as for another user): the lock
    path's folder is a file."""
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    monkeypatch.setattr(fsio, "folder_lock", lambda target: blocker / f".{target.name}.lock")


def test_a_build_in_place_under_a_read_only_parent_still_excludes_a_build_out(
    tiny_data: Path, tiny_sources: tuple[Path, object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lock beside a data folder built in place was skipped without a word where none could
    be made (a read-only parent): a ``data build --out`` at that folder from another data folder
    (by someone who may write the parent) then moved it aside under the running build. A build
    ``--out`` at a data folder also takes the lock inside it, the one a build in place holds;
    the build in place still runs where only its parent is read-only."""
    root, _ = tiny_sources
    other = tmp_path / "other"
    for path in tiny_data.rglob("*"):
        if path.is_file():
            fsio.write_text(other / path.relative_to(tiny_data), path.read_text(encoding="utf-8"))
    args = [
        "--data-dir",
        str(other),
        "data",
        "build",
        "--sources",
        str(root),
        "--out",
        str(tiny_data),
        "--force",
    ]
    with FileLock(tiny_data / folder_replace.REPLACE_LOCK):  # a build in place running there
        assert "wait for it to end" in one_error(runner.invoke(app, args))
    _no_lock_beside(monkeypatch, tmp_path)
    in_place = ["--data-dir", str(tiny_data), "data", "build", "--sources", str(root), "--update-manifest"]
    r = runner.invoke(app, in_place)
    assert r.exit_code == 0, r.output


def test_a_build_out_where_no_lock_can_be_made_is_refused_before_it_builds(
    tiny_data: Path, tiny_sources: tuple[Path, object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--out`` into a folder whose parent cannot be written went on for the minutes of the build
    and then failed in its rename; it is refused at once, naming the folder and the reason."""
    root, _ = tiny_sources
    _no_lock_beside(monkeypatch, tmp_path)
    from skilltool import build

    called: list[int] = []
    monkeypatch.setattr(build, "build", lambda *a, **k: called.append(1))
    out = tmp_path / "new"
    r = runner.invoke(
        app, ["--data-dir", str(tiny_data), "data", "build", "--sources", str(root), "--out", str(out)]
    )
    line = one_error(r)
    assert line.startswith(f"error: {out}: cannot write (")
    assert not called and not out.exists()


# --- a negative number copied into a spreadsheet output ------------------------------------------------


@pytest.mark.usefixtures("real_data_env")
def test_a_negative_number_is_copied_as_it_is_and_a_formula_still_is_not(tmp_path: Path) -> None:
    """A coding job's copied columns took a ``'`` before every cell starting with ``-`` or ``+``:
    ``-5`` became ``'-5`` in the CSV and the .xlsx (neither reads the ``'`` as a quote prefix), text
    that a sum skipped, and a Parquet decimal ``-0.001`` the same. A plain signed number runs
    nothing and is kept; ``-2+3+cmd|' /C calc'!A0``, ``=1+1`` and ``@SUM(A1)`` stay neutralised."""
    openpyxl = pytest.importorskip("openpyxl")
    from skilltool import table_out

    evil = "-2+3+cmd|' /C calc'!A0"
    src = _csv(
        tmp_path / "in.csv", [["functie", "saldo"], ["kapper", "-5"], ["lasser", "+1,5"], ["kok", evil]]
    )
    for name in ("out.csv", "out.xlsx"):
        out = tmp_path / name
        r = runner.invoke(
            app, ["occupation", "code", "--input", str(src), "--column", "functie", "--out", str(out)]
        )
        assert r.exit_code == 0, r.output
        if name.endswith(".csv"):
            cells = [row[1] for row in csv.reader(io.StringIO(out.read_text("utf-8-sig")), delimiter=";")]
        else:
            cells = [row[1].value for row in openpyxl.load_workbook(out).active.iter_rows()]
        assert cells == ["saldo", "-5", "+1,5", "'" + evil]
    for value in ("=1+1", "@SUM(A1)", "-1+2", "+A1", "-", "--5", "1-2"):
        assert table_out.neutralise(value) == ("'" + value if value[0] in "=@+-" else value)


# --- the Python API given values of the wrong kind -----------------------------------------------------


@pytest.mark.usefixtures("real_data_env")
def test_the_api_refuses_a_flag_that_is_no_bool_and_other_wrong_kinds(tmp_path: Path) -> None:
    """``render_report(include_sensitive="no")`` (a value read from a config file) was true to
    Python: the report held the health and care details. Every yes/no argument is a ``bool`` or a
    one-line ``UsageError``; so are a count that is no whole number (``top=1.5``: a ``TypeError``),
    ``years=-1`` and ``field=5`` (pydantic's many lines), ``sector=5``, a profile or ``ref`` of
    another kind, a path that is no path and a progress bar that cannot be called."""
    import skilltool
    from skilltool.errors import UsageError

    ref = skilltool.load_reference()
    profile = skilltool.read_profile(REPO / "examples" / "personas" / "syrian_cook.json")
    wrong: Any = "no"  # what mypy would refuse, as a caller without it passes them
    half: Any = 1.5
    five: Any = 5
    none: Any = None
    calls: list[tuple[Callable[[], object], str]] = [
        (
            lambda: skilltool.render_report(profile, ref=ref, include_sensitive=wrong),
            "include_sensitive: give True",
        ),
        (
            lambda: skilltool.write_report(tmp_path / "r.html", profile, ref=ref, force=wrong),
            "force: give True",
        ),
        (lambda: skilltool.code_occupation("lasser", ref=ref, deep=wrong), "deep: give True or False"),
        (lambda: skilltool.lookup_diploma("x", ref=ref, unfinished=wrong), "unfinished: give True"),
        (
            lambda: skilltool.code_occupation("lasser", ref=ref, top=half),
            "top: give a whole number (int), not float",
        ),
        (lambda: skilltool.lookup_diploma("x", ref=ref, years=-1), "years: must be at least 0"),
        (lambda: skilltool.lookup_diploma("x", ref=ref, field=five), "field: is not text"),
        (lambda: skilltool.complete_profile(five, ref=ref), "answers: give IntakeAnswers or a mapping"),
        (lambda: skilltool.suggest_occupations(profile, ref=ref, sector=five), "sector: give a text"),
        (lambda: skilltool.render_report(five, ref=ref), "profile: give a Profile"),
        (lambda: skilltool.suggest_occupations(none, ref=ref), "profile: give a Profile"),
        (lambda: skilltool.occupation_coder(ref=five), "ref: give the ReferenceData"),
        (lambda: skilltool.load_reference(data_dir=five), "data_dir: give a path"),
        (
            lambda: skilltool.run_batch(EXAMPLE, out=tmp_path / "o", progress=five),
            "progress: give a function",
        ),
    ]
    for call, said in calls:
        with pytest.raises(UsageError) as exc:
            call()
        assert str(exc.value).startswith(said) and "\n" not in str(exc.value), exc.value
    assert not (tmp_path / "r.html").exists() and not (tmp_path / "o").exists()


@pytest.mark.usefixtures("real_data_env")
def test_answers_the_api_refuses_are_one_line_without_the_value() -> None:
    """``complete_profile`` of a mapping that does not validate raised pydantic's
    ``ValidationError``, whose text repeats each refused value (``input_value='123456789'``: a BSN
    or a name in a data team's log). It is one line naming the field and the rule, still a
    ``ValueError`` whose ``errors()`` give each error's type and place, without the values."""
    import skilltool
    from skilltool.errors import InputFileError

    ref = skilltool.load_reference()
    bad = {"personal": {"client_ref": "K-1", "birth_year": NAME, "country_of_origin": f"{NAME} 0612345678"}}
    with pytest.raises(
        ValueError, match=r"^answers\.personal\.birth_year: is not a whole number \(\+1 more\)$"
    ) as exc:
        skilltool.complete_profile(bad, ref=ref)
    assert isinstance(exc.value, InputFileError)
    errors = exc.value.errors()  # type: ignore[attr-defined]
    assert [e["type"] for e in errors] == ["int_parsing", "country"]
    assert "Jansen" not in repr(errors) and "0612" not in repr(errors)


# --- diploma lookup --years inf -------------------------------------------------------------------------


@pytest.mark.usefixtures("real_data_env")
def test_years_that_is_no_finite_number_is_one_line() -> None:
    """``diploma lookup --years inf`` passed Click's ``min=0`` and ended in pydantic's traceback
    ("Input should be a finite number"); it is a usage error in one line, as ``--years -1`` is."""
    for years in ("inf", "Infinity"):
        r = runner.invoke(
            app, ["diploma", "lookup", "-c", "SY", "shahada thanawiya", "--years", years, "--lang", "en"]
        )
        assert r.exit_code == 2
        assert "--years: give the years studied as a number" in one_error(r)
    r = runner.invoke(
        app, ["diploma", "lookup", "-c", "SY", "shahada thanawiya", "--years", "2", "--lang", "en"]
    )
    assert r.exit_code == 0, r.output
