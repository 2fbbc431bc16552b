"""The sixteenth hostile-input and privacy review: what the fifteenth left alone (an answers-file
error and a header warning that repeated what a person typed, two ``data build --out`` at once, a
UTF-16 data file said to be wrong at "byte 0", no ``--encoding``), and what the attack found."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock
from typer.testing import CliRunner, Result

from skilltool import fsio
from skilltool.cli import app

from .test_hostile_input import one_error

runner = CliRunner(env={"SKILLTOOL_LANG": "en"})
REPO = Path(__file__).resolve().parent.parent
ANSWERS = REPO / "examples" / "answers" / "eritrea-welder.yaml"
EXAMPLE = REPO / "examples" / "batch" / "intakes.csv"
NAME = "Jan Jansen"


# --- an answers file's error names the field and the place, never the answer -----------------------


def _answers(tmp_path: Path, old: str, new: str) -> Path:
    text = ANSWERS.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "a.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.usefixtures("real_data_env")
@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            "  certificates: []\n",
            f'  certificates: []\n  confirmed: {{"zorgen voor mijn zieke moeder": "{NAME}"}}\n',
            "skills.confirmed: item 1: the answer is not an ESCO skill id or 'free_text'",
        ),
        (
            "driving_licences: []",
            f"driving_licences: [B, {NAME}]",
            "skills.driving_licences: item 2 is not an EU",
        ),
        (
            "mother_tongues: [Tigrinya]",
            f"mother_tongues: [Tigrinya, '{NAME} 7']",
            "mother_tongues: item 2 is not",
        ),
        ("birth_year: 1996", f"birth_year: {NAME}", "personal.birth_year: the answer is not a whole number"),
        (
            "country_of_origin: Eritrea",
            f"country_of_origin: {NAME}",
            "country_of_origin: the answer is not a country",
        ),
        ("dutch_cefr: A1", f"dutch_cefr: {NAME}", "languages.dutch_cefr: the answer is not a CEFR level"),
    ],
)
def test_an_answers_file_error_names_the_field_and_place_not_the_answer(
    tmp_path: Path, old: str, new: str, said: str
) -> None:
    """An answers-file error repeated the refused answer cut to 60 characters: a free-text skill
    and its pick (``confirmed: {"zorgen voor mijn zieke moeder": "Jan Jansen"}``: a health detail
    and a name), a name typed into a number or list field. It names the field, the item of a list
    or mapping, and the rule; what was written there is not shown."""
    r = runner.invoke(app, ["intake", "--answers", str(_answers(tmp_path, old, new)), "--lang", "en"])
    line = one_error(r)
    assert said in line, line
    assert "Jansen" not in r.output and "moeder" not in r.output


def test_the_interview_still_repeats_the_answer_just_typed(tmp_path: Path) -> None:
    """The interactive prompt shows the answer it refuses (typed a moment ago, on the same screen),
    as before: only a file's error leaves it out."""
    r = runner.invoke(app, ["intake", "--lang", "en", "--out", str(tmp_path / "p.json")], input="T-9\n3024\n")
    assert "3024 is not a year between" in r.output


def test_a_tampered_draft_names_the_answer_by_its_field(tmp_path: Path) -> None:
    """``--resume`` of a draft whose answer breaks a rule names the answer's field, not its text."""
    out = tmp_path / "p.json"
    runner.invoke(app, ["intake", "--lang", "en", "--out", str(out)], input="T-9\n1977\n")
    draft = out.with_name(out.name + ".draft.json")
    data = json.loads(draft.read_text(encoding="utf-8"))
    data["state"]["personal.birth_year"] = NAME
    draft.write_text(json.dumps(data), encoding="utf-8")
    r = runner.invoke(app, ["intake", "--lang", "en", "--resume", str(draft)], input="")
    assert "answer personal.birth_year: the answer is not a whole number" in one_error(r)
    assert "Jansen" not in r.output


# --- a header cell the mapping does not read ---------------------------------------------------------


def _export(tmp_path: Path, extra: list[str]) -> Path:
    lines = EXAMPLE.read_bytes().decode("cp1252").splitlines()
    rows = list(csv.reader(lines[:3], delimiter=";"))
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow([*rows[0], *extra])
    for cells in rows[1:]:
        writer.writerow([*cells, *(["x"] * len(extra))])
    path = tmp_path / "in.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


@pytest.mark.usefixtures("real_data_env")
def test_an_unused_header_cell_is_named_by_its_column(tmp_path: Path) -> None:
    """A note typed into the header (``Jan Jansen belt terug``) went into the "columns not in the
    mapping" warning, on the terminal and in ``manifest.json``, with only long numbers masked. A
    cell is named by its column; one near a column the mapping names (a typo of ``beroep_1``) is
    still shown, as that is what the reader looks for; a second copy says of which column."""
    width = len(EXAMPLE.read_bytes().split(b"\r\n", 1)[0].split(b";"))
    src = _export(tmp_path, [f"{NAME} belt terug", "beroep_9", "Klantmanager", "Klantmanager"])
    out = tmp_path / "out"
    r = runner.invoke(app, ["batch", str(src), "--out", str(out), "--workers", "1", "--lang", "en"])
    assert r.exit_code == 0, r.output
    expected = (
        f"columns not in the mapping, ignored: column {width + 1}, beroep_9 (column {width + 2}), "
        f"column {width + 3}, column {width + 4} (a second copy of column {width + 3})"
    )
    assert expected in r.stderr
    manifest = (out / "manifest.json").read_text(encoding="utf-8")
    assert "Jansen" not in r.output + manifest and "Klantmanager" not in manifest


# --- two data builds into one target -----------------------------------------------------------------


def _build_args(data: Path, root: Path, out: Path) -> list[str]:
    return ["--data-dir", str(data), "data", "build", "--sources", str(root), "--out", str(out), "--force"]


def test_a_data_build_out_is_refused_while_another_writes_that_target(
    tiny_data: Path, tiny_sources: tuple[Path, object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``data build --out DIR`` from two data folders at once each held its own folder's lock only;
    the renames of ``folder_replace.replace_folder`` then raced. The target is locked too: a second build
    into it, from another data folder, is refused in one line while the first writes; the first
    ends with a complete folder."""
    root, _ = tiny_sources
    other = tmp_path / "other-data"
    other.mkdir()
    for path in tiny_data.rglob("*"):
        if path.is_file():
            fsio.write_text(other / path.relative_to(tiny_data), path.read_text(encoding="utf-8"))
    out = tmp_path / "new-data"
    real = fsio.write_text
    second: list[object] = []

    def writing(target: Path, text: str, *, mode: int = 0o600) -> None:
        if target.parent.name.startswith(f".{out.name}.") and not second:
            second.append(runner.invoke(app, _build_args(other, root, out)))
        real(target, text, mode=mode)

    monkeypatch.setattr(fsio, "write_text", writing)
    first = runner.invoke(app, _build_args(tiny_data, root, out))
    monkeypatch.undo()
    assert first.exit_code == 0, first.output
    said = one_error(second[0])  # type: ignore[arg-type]
    assert f"{out}: another `skilltool data build` is writing into this data folder" in said
    assert (out / "occupations.yaml").exists()
    assert not fsio.folder_lock(out).exists()


def test_a_build_in_place_is_refused_while_a_build_out_replaces_that_folder(
    tiny_data: Path, tiny_sources: tuple[Path, object]
) -> None:
    """A build in place and a build ``--out`` at the same folder take the same lock (beside it)."""
    root, _ = tiny_sources
    args = ["--data-dir", str(tiny_data), "data", "build", "--sources", str(root), "--update-manifest"]
    with FileLock(fsio.folder_lock(tiny_data)):
        assert "wait for it to end" in one_error(runner.invoke(app, args))
    assert runner.invoke(app, args).exit_code == 0


# --- a data file saved as UTF-16 -------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_a_data_file_saved_as_utf16_says_so(tiny_data: Path, encoding: str) -> None:
    """``data validate`` of a data file saved as "Unicode" said "not UTF-8 (byte 0)": the position,
    not the byte, and without a byte-order mark "not valid YAML". It says what the file is."""
    path = tiny_data / "dutch_qualifications.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))
    r = runner.invoke(app, ["--data-dir", str(tiny_data), "data", "validate"])
    label = encoding[:6].upper()
    assert f'{path}: the file is saved as {label} ("Unicode" text), not UTF-8; save it as UTF-8' in one_error(
        r
    )


def test_a_data_file_with_a_windows_byte_names_its_line(tiny_data: Path) -> None:
    """Another byte that is no UTF-8 (a Windows-1252 ``é``) names the line, not the byte's offset."""
    path = tiny_data / "dutch_qualifications.yaml"
    path.write_bytes(path.read_bytes() + "# café\n".encode("cp1252"))
    lines = path.read_bytes().count(b"\n")
    r = runner.invoke(app, ["--data-dir", str(tiny_data), "data", "validate"])
    assert f"{path}:{lines}: not UTF-8; save the file as UTF-8" in one_error(r)


# --- --encoding: a CSV whose code page the letters do not tell ------------------------------------


def _example_in(tmp_path: Path, encoding: str, name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(EXAMPLE.read_bytes().decode("cp1252").encode(encoding))
    return path


def _batch(src: Path, out: Path, *extra: str) -> Result:
    return runner.invoke(
        app, ["batch", str(src), "--out", str(out), "--workers", "1", "--lang", "en", *extra]
    )


@pytest.mark.usefixtures("real_data_env")
def test_encoding_reads_every_line_in_the_code_page_given(tmp_path: Path) -> None:
    """A data team knows the code page its system exports in; without ``--encoding`` a file whose
    letters do not tell (an ISO-8859-15 export: ``€`` where Windows-1252 has ``¤``) was read as
    Windows-1252 and could not be told otherwise. Given, every line is read in it, nothing is
    guessed or warned, and ``manifest.json`` records it (``input.encoding``, ``options.encoding``)."""
    text = "klantnummer;geboortejaar;land_herkomst;notities\r\nUT-1;1990;Syrië;prijs 5 €\r\n"
    src = tmp_path / "in.csv"
    src.write_bytes(text.encode("iso-8859-15"))
    out = tmp_path / "out"
    r = _batch(src, out, "--encoding", "iso-8859-15")
    assert r.exit_code == 0, r.output
    assert "encoding" not in r.stderr and "code page" not in r.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["input"]["encoding"] == manifest["options"]["encoding"] == "iso8859-15"
    profile = json.loads((out / "profiles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert "prijs 5 €" in json.dumps(profile, ensure_ascii=False)
    r = _batch(src, tmp_path / "out2")  # without it: Windows-1252, as before
    assert r.exit_code == 0, r.output
    profile = json.loads((tmp_path / "out2" / "profiles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert "prijs 5 ¤" in json.dumps(profile, ensure_ascii=False)


@pytest.mark.usefixtures("real_data_env")
def test_a_byte_the_encoding_given_cannot_read_rejects_its_row(tmp_path: Path) -> None:
    """``--encoding utf-8`` on a Windows-1252 export: each line with a byte UTF-8 cannot read is a
    row in errors.csv saying so (not read as Windows-1252 behind the option's back); every row is
    accounted for."""
    src = _example_in(tmp_path, "cp1252")
    out = tmp_path / "out"
    r = _batch(src, out, "--encoding", "utf-8")
    assert r.exit_code == 0, r.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    counts = manifest["counts"]
    assert counts["rows_read"] == counts["rows_written"] + counts["rows_rejected"]
    errors = (out / "errors.csv").read_text(encoding="utf-8-sig")
    assert "which the encoding given with --encoding cannot read" in errors


@pytest.mark.parametrize(
    ("encoding", "given", "said"),
    [
        ("utf-16", "cp1252", "first bytes say it is UTF-16, not the --encoding given"),
        ("utf-8-sig", "cp850", "starts with a UTF-8 byte-order mark: it is UTF-8, not cp850"),
        ("cp1252", "klingon", "--encoding 'klingon': no encoding of that name"),
        ("cp1252", "rot13", "--encoding 'rot13': a CSV cannot be read in it line by line"),
        ("cp1252", "cp500", "--encoding 'cp500': a CSV cannot be read in it line by line"),
    ],
)
def test_an_encoding_that_cannot_be_the_files_is_one_line(
    tmp_path: Path, encoding: str, given: str, said: str
) -> None:
    """An encoding the file's own first bytes contradict (a byte-order mark), no encoding at all,
    or one a CSV cannot be split into lines in (EBCDIC, rot13): one line, nothing written."""
    src = _example_in(tmp_path, encoding)
    out = tmp_path / "out"
    r = _batch(src, out, "--encoding", given)
    assert said in one_error(r)
    assert not (out / "manifest.json").exists()


@pytest.mark.usefixtures("real_data_env")
def test_encoding_utf16_without_a_mark_and_the_coding_jobs(tmp_path: Path) -> None:
    """``--encoding utf-16-le`` reads a file without a byte-order mark; the coding jobs take the
    same option (``occupation code``, ``skill code``), and refuse it without ``--input``."""
    src = tmp_path / "titles.csv"
    src.write_bytes("functie;land\r\nkapper;Curaçao\r\n".encode("cp850"))
    out = tmp_path / "coded.csv"
    args = ["--input", str(src), "--column", "functie", "--out", str(out), "--lang", "en"]
    r = runner.invoke(app, ["occupation", "code", *args, "--encoding", "cp850"])
    assert r.exit_code == 0, r.output
    assert "Curaçao" in out.read_text(encoding="utf-8-sig")
    assert "warning" not in r.stderr
    r = runner.invoke(app, ["skill", "code", *args, "--encoding", "cp850", "--force"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["occupation", "code", "kapper", "--encoding", "cp850", "--lang", "en"])
    assert r.exit_code == 2 and "--encoding" in r.stderr
    wide = _example_in(tmp_path, "utf-16-le", "wide.csv")
    r = _batch(wide, tmp_path / "out", "--encoding", "utf-16-le")
    assert r.exit_code == 0, r.output


@pytest.mark.usefixtures("real_data_env")
def test_resume_with_another_encoding_is_refused(tmp_path: Path) -> None:
    """The encoding is part of what a ``--resume`` must keep: the rows left would be read otherwise."""
    from skilltool import batch

    src = _example_in(tmp_path, "cp850")
    job = batch.prepare(src, out=tmp_path / "o", encoding="cp850")
    other = batch.prepare(src, out=tmp_path / "o", encoding="cp1252")
    plain = batch.prepare(src, out=tmp_path / "o")
    assert len({job.fingerprint(), other.fingerprint(), plain.fingerprint()}) == 3


# --- the Python API given values mypy would have refused ----------------------------------------


@pytest.mark.usefixtures("real_data_env")
def test_the_api_refuses_a_choice_it_does_not_have(tmp_path: Path) -> None:
    """``run_batch(engine="spark")`` and ``code_file(engine="spark")`` ran on this machine without
    a word (the command refuses ``--engine spark``); ``code_file(kind="diploma")`` was a
    ``KeyError`` and ``lookup_diploma(documents="maybe")`` a multi-line pydantic error. Each is a
    one-line ``UsageError`` now, and nothing is written."""
    import skilltool
    from skilltool.errors import UsageError

    out = tmp_path / "out"
    with pytest.raises(UsageError, match=r"^engine='spark': give one of 'local', 'dask'$"):
        skilltool.run_batch(EXAMPLE, out=out, engine="spark")  # type: ignore[arg-type]
    coded = tmp_path / "coded.csv"
    with pytest.raises(UsageError, match=r"^engine='spark'"):
        skilltool.code_file(EXAMPLE, column="beroep_1", out=coded, engine="spark")  # type: ignore[arg-type]
    with pytest.raises(UsageError, match=r"^kind='diploma': give one of 'occupation', 'skill'$"):
        skilltool.code_file(EXAMPLE, column="beroep_1", out=coded, kind="diploma")  # type: ignore[arg-type]
    assert not out.exists() and not coded.exists()
    ref = skilltool.load_reference()
    with pytest.raises(UsageError, match=r"^documents='maybe': give one of"):
        skilltool.lookup_diploma("x", ref=ref, country="SY", documents="maybe")  # type: ignore[arg-type]


@pytest.mark.usefixtures("real_data_env")
def test_the_api_refuses_no_text_and_a_path_with_a_nul_byte(tmp_path: Path) -> None:
    """``None`` (an empty cell of a data frame) as a title, a diploma name or an occupation was an
    ``AttributeError`` from inside the coder; a path with a NUL byte a ``ValueError`` from
    ``open``; a dict as the profile to write an ``AttributeError``. Each is a ``UsageError`` naming
    the argument."""
    import skilltool
    from skilltool.errors import UsageError

    ref = skilltool.load_reference()
    profile = skilltool.read_profile(REPO / "examples" / "personas" / "syrian_cook.json")
    calls: list[tuple[Callable[[], object], str]] = [
        (lambda: skilltool.code_occupation(None, ref=ref), "title: give a text"),  # type: ignore[arg-type]
        (lambda: skilltool.code_skill(b"lassen", ref=ref), "text: give a text (str), not bytes"),  # type: ignore[arg-type]
        (lambda: skilltool.lookup_diploma(None, ref=ref), "text: give a text"),  # type: ignore[arg-type]
        (lambda: skilltool.explain_occupation(profile, ref=ref, occupation=None), "occupation:"),  # type: ignore[arg-type]
        (lambda: skilltool.read_profile("a\0b.json"), "path: a path with a NUL byte"),
        (lambda: skilltool.write_profile(tmp_path / "p\0.json", profile), "path: a path with a NUL byte"),
        (lambda: skilltool.write_profile(tmp_path / "p.json", {"a": 1}), "profile: give a Profile"),  # type: ignore[arg-type]
        (lambda: skilltool.run_batch(EXAMPLE, out=tmp_path / "o\0"), "out: a path with a NUL byte"),
        (lambda: skilltool.load_reference(data_dir="da\0ta"), "data_dir: a path with a NUL byte"),
    ]
    for call, said in calls:
        with pytest.raises(UsageError) as exc:
            call()
        assert str(exc.value).startswith(said), exc.value
    assert not (tmp_path / "p.json").exists()
