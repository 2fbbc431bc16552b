"""Issue 15: the errors and warnings of the input files, the batch and bulk coding, in the
command's language (catalogue keys ``errors.csv|xlsx|batch|mapping|bulk|os.*``, ``warnings.*``).

Each error is made with ``messages.say`` where it is raised: ``str(error)`` stays English (logs,
Python callers, errors.csv's column parsing), the CLI renders it in ``--lang``. errors.csv reasons
are catalogue texts in the batch's language and never quote a cell.
"""

from __future__ import annotations

import csv
import errno
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from skilltool import batch, batch_worker, fsio, messages, tabular
from skilltool.cli import app
from skilltool.errors import DataFileError, InputFileError, OutputError

from .batch_fakes import fake_processor
from .conftest import REPO
from .test_language_purity import impurities

runner = CliRunner()
EXAMPLE = REPO / "examples" / "batch" / "intakes.csv"
LANGS = ("nl", "en")


@pytest.fixture(autouse=True)
def _fake(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "standard_processor", fake_processor)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764288000")


def batch_cmd(*args: str) -> Result:
    return runner.invoke(app, ["batch", *args, "--workers", "1"])


def one_error(r: Result) -> str:
    """The one stderr line of a refused command (no traceback), without ``error: ``."""
    assert r.exit_code != 0 and "Traceback" not in r.output, r.output
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith(("error: ", "fout: ")), lines[0]  # the prefix is in --lang too
    return lines[0].split(": ", 1)[1]


HEADER = "klantnummer;geboortejaar;land_herkomst;extra"  # the default mapping's required columns


def rows(n: int) -> list[str]:
    """``n`` one-line data rows for ``HEADER`` (non-ASCII in each, for the encoding checks)."""
    return [f"UT-{i};198{i % 10};Oekraïne;x" for i in range(1, n + 1)]


# --- errors of the input file, the mapping and the options, in both languages ---------------------


@pytest.mark.parametrize("lang", LANGS)
def test_input_file_errors_speak_the_chosen_language(lang: str, tmp_path: Path) -> None:
    """A refused export (old .xls, UTF-16, empty, bad delimiter, missing columns, unknown sheet)
    is one stderr line in ``--lang``: the catalogue text with the file named, and no text of the
    other language."""
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0")
    utf16 = tmp_path / "u16.csv"
    utf16.write_bytes("klantnummer;jaar\n1;1980\n".encode("utf-16") + b"\x00\xd8")  # a lone surrogate
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"\n\n")
    short = tmp_path / "short.csv"
    short.write_text("client;jaar\n1;1980\n", encoding="utf-8")
    xlsx = tmp_path / "t" / "intakes.xlsx"
    assert runner.invoke(app, ["batch", "template", "--out", str(tmp_path / "t")]).exit_code == 0
    cases = [
        ([str(xls)], messages.t("errors.xlsx.old_xls", lang, path=xls)),
        ([str(utf16)], messages.t("errors.csv.utf16_invalid", lang, path=utf16, line=3, encoding="UTF-16")),
        ([str(empty)], messages.t("errors.csv.empty", lang, path=empty)),
        ([str(EXAMPLE), "--delimiter", ";;"], messages.t("errors.csv.delimiter", lang, given="';;'")),
        (
            [str(xlsx), "--sheet", "nope"],
            messages.t("errors.xlsx.no_sheet", lang, path=xlsx, sheet="'nope'", sheets="intakes"),
        ),
    ]
    for args, want in cases:
        r = batch_cmd(*args, "--out", str(tmp_path / "out"), "--lang", lang)
        line = one_error(r)
        assert line == want, (args, line)
        assert impurities(line, lang) == [], line
    line = one_error(batch_cmd(str(short), "--out", str(tmp_path / "out"), "--lang", lang))
    assert line.startswith(f"{short}: ") and "'klantnummer'" in line
    params = {"source": short, "names": "@", "row": "", "script": ""}
    missing = messages.t("errors.mapping.missing_columns", lang, **params).split("@")
    assert missing[0] in line and missing[1] in line and impurities(line, lang) == []
    assert not (tmp_path / "out" / "manifest.json").exists()


def test_a_batch_error_is_english_as_a_string_and_dutch_on_the_command_line(tmp_path: Path) -> None:
    """The same refusal (--out holds an earlier result) as the Python API sees it (English
    ``str``) and as the CLI shows it by default (Dutch), with the nested "what" in Dutch too."""
    out = tmp_path / "out"
    assert batch_cmd(str(EXAMPLE), "--out", str(out)).exit_code == 0
    with pytest.raises(OutputError) as caught:
        batch.check_out_free(out, resume=False)
    assert str(caught.value) == (
        f"{out}: holds an earlier batch's result (manifest.json); add --force to replace it, "
        "or choose an empty or new --out"
    )
    dutch = one_error(batch_cmd(str(EXAMPLE), "--out", str(out)))
    assert dutch == caught.value.render("nl")
    assert dutch == (
        f"{out}: bevat het resultaat van een eerdere batch (manifest.json); voeg --force toe om dat "
        "te vervangen, of kies een lege of nieuwe map voor --out"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_bulk_coding_errors_speak_the_chosen_language(lang: str, tmp_path: Path) -> None:
    """`occupation code --input`: an unknown column and --out over the input file, in --lang
    (the option checks run before any reference data is loaded)."""
    src = tmp_path / "t.csv"
    src.write_text("id;functie\n1;lasser\n", encoding="utf-8")
    base = ["occupation", "code", "--input", str(src), "--lang", lang]
    line = one_error(runner.invoke(app, [*base, "--column", "functie", "-o", str(src)]))
    assert line == messages.t("errors.bulk.out_is_input", lang, path=src)
    linked = tmp_path / "same.csv"  # a hard link: another name for the input file
    os.link(src, linked)
    line = one_error(runner.invoke(app, [*base, "--column", "functie", "-o", str(linked)]))
    assert line == messages.t("errors.bulk.out_is_input", lang, path=linked)
    assert src.read_text(encoding="utf-8") == "id;functie\n1;lasser\n"
    line = one_error(runner.invoke(app, [*base, "--column", "functie", "-o", str(tmp_path / "x.json")]))
    assert line == messages.t(
        "errors.bulk.out_kind", lang, path=tmp_path / "x.json", kinds=".csv, .xlsx, .parquet"
    )
    assert impurities(line, lang) == []


# --- warnings --------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_reader_and_mapping_warnings_speak_the_chosen_language(lang: str, tmp_path: Path) -> None:
    """Mixed encodings, an unclosed quote, unmapped columns: warnings on stderr in --lang (the
    unclosed quote again after the counts), in manifest.json too, and nothing of the other
    language in them; the report counts the quote's rejections under a name in --lang."""
    body = [HEADER, *rows(6)]
    body[2] = body[2].replace(";", ';"', 1)  # line 3: a quote opened in the second cell, never closed
    src = tmp_path / "in.csv"
    src.write_bytes(
        "\r\n".join(body[:4]).encode("utf-8") + b"\r\n" + "\r\n".join(body[4:]).encode("cp1252") + b"\r\n"
    )
    out = tmp_path / "out"
    r = batch_cmd(str(src), "--out", str(out), "--lang", lang)
    assert r.exit_code == 0, r.output
    prefix = messages.t("console.warning", lang) + " "
    warnings = [ln.removeprefix(prefix) for ln in r.stderr.splitlines() if ln.startswith(prefix)]
    extra = messages.t("warnings.batch.column_at", lang, n=HEADER.split(";").index("extra") + 1)
    names = messages.t("warnings.batch.unused_columns", lang, name="in.csv", names=extra, more="")
    assert names in warnings
    mixed = messages.t("warnings.csv.mixed_encoding", lang, name="in.csv", lines="5, 6, 7", more="")
    assert mixed in warnings
    prefix = messages.t(tabular.QUOTE_WARNING, lang, name="in.csv", where="@", more="", lines=0).split("@")[0]
    quote = [w for w in warnings if w.startswith(prefix)]
    assert len(quote) == 2 and quote[0] == quote[1], r.stderr  # before the run and after the counts
    assert quote[0].startswith(prefix + messages.t("warnings.csv.span", lang, first=3, last=7))
    assert all(impurities(w, lang) == [] for w in warnings), warnings
    manifest = (out / "manifest.json").read_text(encoding="utf-8")
    assert names in manifest.replace('\\"', '"')
    report = (out / "report.html").read_text(encoding="utf-8")  # rejected "by column": named in lang
    assert messages.t("batch.rejected_by.unclosed_quote", lang) in report


def test_quote_spans_and_more_nest_in_either_language(tmp_path: Path) -> None:
    """Six runaway quotes: five spans named, joined in the warning's language, and "1 more"."""
    spans = [(2 + 3 * i, 3 + 3 * i) for i in range(6)]
    (warning,) = tabular._quote_warnings(tmp_path / "x.csv", spans)
    assert warning.render("en") == (
        "x.csv: unclosed quote: a quote opened on line 2 (through 3), line 5 (through 6), line 8 "
        "(through 9), line 11 (through 12), line 14 (through 15) and 1 more runs over the following "
        "records; those 12 line(s) are rejected one by one (see errors.csv); fix the quote and run "
        "them again"
    )
    assert (
        "regel 2 (t/m 3), regel 5 (t/m 6), regel 8 (t/m 9), regel 11 (t/m 12), regel 14 (t/m 15) en nog 1"
        in (warning.render("nl"))
    )


# --- errors.csv: reasons in the batch's language, never the message ------------------------------


def failing_processor(data_dir: Path | None, lang: str) -> batch.RowFn:
    """The fake path, but the second row meets a broken data file and the third a bug."""
    fake = fake_processor(data_dir, lang)
    seen: list[int] = []

    def run(answers, timer, now):  # type: ignore[no-untyped-def]
        seen.append(1)
        if len(seen) == 2:
            raise DataFileError(messages.say("errors.file.not_yaml", path=Path("data") / "occupations.yaml"))
        if len(seen) == 3:
            raise RuntimeError("a bug")
        return fake(answers, timer, now)

    return run


@pytest.mark.parametrize("lang", LANGS)
def test_errors_csv_reasons_of_a_file_level_problem_and_a_bug_are_in_the_batch_language(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A data-file problem met while building one row's profile: errors.csv names no column (the
    message starts with a file's path, not an answer's) and gives the value-free catalogue
    reason in the batch's language; an internal error likewise. The rows around are written."""
    monkeypatch.setattr(batch, "standard_processor", failing_processor)
    src = tmp_path / "in.csv"
    src.write_text("\n".join([HEADER, *rows(4)]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    r = batch_cmd(str(src), "--out", str(out), "--lang", lang)
    assert r.exit_code == 0, r.output
    with (out / "errors.csv").open(encoding="utf-8-sig") as fh:
        errors = list(csv.reader(fh, delimiter=";"))[1:]
    assert [(e[0], e[2], e[3]) for e in errors] == [
        ("3", "", messages.t("reason.unprocessable", lang)),
        ("4", "", messages.t("errors.batch.internal_error", lang, kind="RuntimeError")),
    ]
    assert impurities("\n".join(e[3] for e in errors), lang) == []


def test_profile_error_takes_the_column_from_the_answer_the_error_names() -> None:
    """``profile_error`` maps the error's ``field`` (an answer path) to its column, whatever the
    message says or in which language it renders; an error that names no answer (a data file's)
    gives no column, also when its message starts like an answer path."""
    columns: dict[tuple[str | int, ...], str] = {("work", 0, "country"): "beroep_1_land"}
    plain = InputFileError(
        "'X' is not a country we know", rule="reason.unknown_country", field="work.0.country"
    )
    assert batch_worker.profile_error(plain, columns, "nl") == (
        "beroep_1_land",
        messages.t("reason.unknown_country", "nl"),
    )
    made = InputFileError(
        messages.say("errors.mapping.not_field", where="work.0.country", field="'x'", known="a"),
        field="work.0.country",
    )
    assert made.render("nl") != made.message
    assert batch_worker.profile_error(made, columns, "nl")[0] == "beroep_1_land"
    unmapped = InputFileError("no column", field="skills.confirmed.2")
    assert batch_worker.profile_error(unmapped, columns, "en")[0] == "skills.confirmed.2"
    lookalike = InputFileError("work.0.country: looks like an answer path, names none")
    assert batch_worker.profile_error(lookalike, columns, "en")[0] == ""
    data = DataFileError(messages.say("errors.file.not_yaml", path=Path("data") / "x.yaml"))
    assert batch_worker.profile_error(data, columns, "en") == ("", messages.t("reason.unprocessable", "en"))


# --- OS errors -------------------------------------------------------------------------------------


def test_every_os_advice_has_a_text_and_renders_in_both_languages(tmp_path: Path) -> None:
    """Each errno the writer advises on has a catalogue text; the OS's own words stay as given."""
    for code in (*fsio._ADVICE, errno.EIO):
        exc = OSError(code, "Some OS words")
        message = fsio.os_error_message(tmp_path / "f", exc)
        assert message.render("en").startswith(f"{tmp_path / 'f'}: cannot write (Some OS words); ")
        assert message.render("nl").startswith(f"{tmp_path / 'f'}: kan niet schrijven (Some OS words); ")
    full = fsio.os_error_message("x", OSError(errno.ENOSPC, "No space left on device"))
    assert full.render("nl") == (
        "x: kan niet schrijven (No space left on device); de schijf is vol; maak ruimte vrij of "
        "schrijf ergens anders heen"
    )


def test_a_stopped_batch_keeps_the_resume_hint_in_either_language(tmp_path: Path) -> None:
    """A disk error during a batch: the OS message, the advice and the --resume hint, nested."""
    stopped = batch.stopped(fsio.os_error_message(tmp_path, OSError(errno.EROFS, "Read-only file system")))
    assert stopped.render("en").endswith(
        "write somewhere else; the batch stopped at its last checkpoint: run the same command with --resume"
    )
    assert stopped.render("nl").endswith(
        "schrijf ergens anders heen; de batch is gestopt bij het laatste controlepunt: geef hetzelfde "
        "commando met --resume"
    )
    assert "Read-only file system" in stopped.render("nl")


def test_csv_decoding_errors_name_file_and_line_in_both_languages(tmp_path: Path) -> None:
    """NUL bytes and an undecodable byte on the first line (the file is no text export; on a
    later line they reject that row only): file and line named, English ``str``, Dutch render."""
    nul = tmp_path / "nul.csv"
    nul.write_bytes(b"a;\x00b\n1;2\n")
    with pytest.raises(InputFileError) as caught:
        tabular.inspect(nul)
    assert str(caught.value).startswith(f"{nul}:1: contains NUL bytes")
    assert caught.value.render("nl").startswith(f"{nul}:1: bevat NUL-bytes")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"a;\x81\n1;2\n")
    with pytest.raises(InputFileError) as caught:
        tabular.inspect(bad)
    assert caught.value.render("nl") == (
        f"{bad}:1: byte 0x81 is geen UTF-8 en geen Windows-1252; sla het bestand op als 'CSV UTF-8'"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_bulk_coding_passes_on_the_readers_warnings(lang: str, tiny_data: Path, tmp_path: Path) -> None:
    """`occupation code --input` on a UTF-8 export with a pasted Windows-1252 line: every row coded,
    and the mixed-encoding warning shown in --lang before the summary line (it was dropped)."""
    src = tmp_path / "t.csv"
    src.write_bytes("id;functie\n1;lasser Syrië\n".encode() + "2;kapster Oekraïne\n".encode("cp1252"))
    out = tmp_path / "o.csv"
    r = runner.invoke(
        app,
        [
            "--data-dir",
            str(tiny_data),
            "occupation",
            "code",
            "-i",
            str(src),
            "--column",
            "functie",
            "-o",
            str(out),
            "--lang",
            lang,
        ],
    )
    assert r.exit_code == 0, r.output
    lines = r.stderr.strip().splitlines()
    mixed = messages.t("warnings.csv.mixed_encoding", lang, name="t.csv", lines="3", more="")
    assert lines[0] == f"{messages.t('console.warning', lang)} {mixed}"
    done = messages.t("status.code.file_done", lang, rows=2, path=out, coded=2, review=0, problems=0, empty=0)
    assert lines[-1].startswith(done.split(" (")[0])
    assert impurities(r.stderr, lang) == []


@pytest.mark.parametrize("lang", LANGS)
def test_xlsx_summary_too_big_is_refused_before_the_first_row(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--xlsx`` on more data rows than a sheet holds failed after the last row, when
    summary.xlsx was written (and again after each --resume): now one line before any row is read,
    naming the file and the way out, and nothing is written. (The sheet's limit made small here.)"""
    from skilltool import batch_input

    rows = tabular.inspect(EXAMPLE).rows
    monkeypatch.setattr(batch_input, "XLSX_MAX_ROWS", rows)  # one data row fewer than the export's
    out = tmp_path / "out"
    r = runner.invoke(
        app, ["batch", str(EXAMPLE), "--out", str(out), "--xlsx", "--workers", "1", "--lang", lang]
    )
    line = one_error(r)
    assert "intakes.csv" in line and "--xlsx" in line and f"{rows:,}" in line, line
    assert not out.exists() or not any(out.iterdir()), sorted(out.iterdir())
    monkeypatch.setattr(batch_input, "XLSX_MAX_ROWS", rows + 1)  # exactly full: runs
    r = runner.invoke(
        app, ["batch", str(EXAMPLE), "--out", str(out), "--xlsx", "--workers", "1", "--lang", lang]
    )
    assert r.exit_code == 0, r.output
    assert (out / "summary.xlsx").is_file()


def test_workers_beyond_four_per_core_are_capped_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--workers 100000`` on a small file started a hundred thousand processes: at most four per
    processor core are started, a warning line says so, and the manifest records what was used."""
    import json

    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    out = tmp_path / "out"
    r = runner.invoke(app, ["batch", str(EXAMPLE), "--out", str(out), "--workers", "100000", "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert "--workers 100000: 4 used, at most four per processor core (1)" in r.stderr, r.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["workers"] == 4
