"""Hostile input, fifteenth review: each case here once mixed two reference-data builds, called a
second YAML document a syntax error, showed what a person typed as a key in an error, or read an
MS-DOS or Mac export as Windows-1252 without a word; now it does not.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from filelock import FileLock
from typer.testing import CliRunner

from skilltool import codepages, folder_replace, fsio, tabular
from skilltool.cli import app
from skilltool.datafiles import parse_model
from skilltool.errors import DataFileError
from skilltool.models import ColumnMapping

from .test_hostile_input import one_error

runner = CliRunner(env={"SKILLTOOL_LANG": "en"})
REPO = Path(__file__).resolve().parent.parent
ANSWERS = REPO / "examples" / "answers" / "afghanistan-nurse.yaml"
PROFILE = REPO / "examples" / "personas" / "syrian_cook.json"

# --- two data builds at once ---------------------------------------------------------------------


def _build_args(data: Path, root: Path) -> list[str]:
    return ["--data-dir", str(data), "data", "build", "--sources", str(root), "--update-manifest"]


def _edit_sources(root: Path, new: str) -> None:
    path = root / "esco/nl/occupations_nl.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("kapper,", f"{new},"), encoding="utf-8")


def test_a_second_data_build_in_place_is_refused_while_the_first_writes(
    tiny_data: Path, tiny_sources: tuple[Path, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two ``data build`` runs in place shared ``data/.replacing/``: the second emptied it while
    the first wrote into it, and either could move the other's files in. The second, started
    while the first writes its files, is refused in one line and touches nothing; the first
    finishes with its own files only."""
    root, _ = tiny_sources
    _edit_sources(root, "kapper (m/v)")
    real = fsio.write_text
    second: list[object] = []

    def writing(target: Path, text: str, *, mode: int = 0o600) -> None:
        if target.parent.name == folder_replace.REPLACE_STAGE and not second:
            second.append(runner.invoke(app, _build_args(tiny_data, root)))
        real(target, text, mode=mode)

    monkeypatch.setattr(fsio, "write_text", writing)
    first = runner.invoke(app, _build_args(tiny_data, root))
    monkeypatch.undo()
    assert first.exit_code == 0, first.output
    assert "another `skilltool data build` is writing into this data folder" in one_error(second[0])  # type: ignore[arg-type]
    assert "kapper (m/v)" in (tiny_data / "occupations.yaml").read_text(encoding="utf-8")
    assert not (tiny_data / folder_replace.REPLACE_LOCK).exists()
    assert not (tiny_data / folder_replace.REPLACE_STAGE).exists()
    r = runner.invoke(app, [*_build_args(tiny_data, root)[:-1], "--check"])
    assert r.exit_code == 0, r.output


def test_a_data_build_is_refused_while_another_process_holds_the_folder(
    tiny_data: Path, tiny_sources: tuple[Path, object]
) -> None:
    """A build held by another process (its lock taken) refuses the second before it reads a
    source: the old files stay; once the first has ended the build runs."""
    root, _ = tiny_sources
    _edit_sources(root, "kapper (m/v)")
    before = {p.name: p.read_bytes() for p in tiny_data.glob("*.yaml")}
    with FileLock(tiny_data / folder_replace.REPLACE_LOCK):
        r = runner.invoke(app, _build_args(tiny_data, root))
        assert "wait for it to end" in one_error(r)
    assert {p.name: p.read_bytes() for p in tiny_data.glob("*.yaml")} == before
    r = runner.invoke(app, _build_args(tiny_data, root))
    assert r.exit_code == 0, r.output


def test_a_data_build_out_copies_no_lock_into_its_folder(
    tiny_data: Path, tiny_sources: tuple[Path, object], tmp_path: Path
) -> None:
    """``data build --out`` copies the data folder while it holds the folder's lock: the lock file
    is no data file and stays out of the copy."""
    root, _ = tiny_sources
    out = tmp_path / "new-data"
    r = runner.invoke(app, [*_build_args(tiny_data, root), "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert (out / "occupations.yaml").exists()
    assert not (out / folder_replace.REPLACE_LOCK).exists()


# --- a second YAML document ------------------------------------------------------------------------


def test_an_answers_file_of_two_documents_says_so_on_the_second_ones_line(
    tiny_data: Path, tmp_path: Path
) -> None:
    """Two answer sets pasted into one file (``---`` between them) were "not valid YAML; fix the
    syntax", which sent the reader hunting for a syntax error; the error says a second document
    begins, on its ``---`` line."""
    path = tmp_path / "two.yaml"
    path.write_text("personal:\n  client_ref: UT-1\n\n---\npersonal:\n  client_ref: UT-2\n", encoding="utf-8")
    r = runner.invoke(app, ["--data-dir", str(tiny_data), "intake", "--answers", str(path)])
    assert f"{path}:4: a second YAML document begins here" in one_error(r)


def test_a_mapping_of_two_documents_says_so() -> None:
    """The same for a batch mapping or a data file (``parse_model``)."""
    with pytest.raises(DataFileError, match=r"m\.yaml:3: a second YAML document"):
        parse_model("m.yaml", "version: 1\n...\n---\nversion: 1\n", ColumnMapping)


# --- an unknown key: where it is, never what it says ----------------------------------------------


def _profile_with(tmp_path: Path, section: str, key: str) -> Path:
    data = json.loads(PROFILE.read_text(encoding="utf-8"))
    target = data if not section else data[section][0] if isinstance(data[section], list) else data[section]
    target[key] = 1
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [["profile", "show"], ["report"], ["suggest"]])
def test_an_unknown_profile_key_is_placed_not_shown(
    tiny_data: Path, tmp_path: Path, command: list[str]
) -> None:
    """A hand-edited profile with a name and a phone number as a key (``"Jansen 0612345678": 1``)
    showed ``Jansen #: unknown key``. Every reader names the place (``personal``) and the fields
    that belong there, never the key."""
    path = _profile_with(tmp_path, "personal", "Jansen 0612345678")
    r = runner.invoke(app, ["--data-dir", str(tiny_data), *command, str(path)])
    line = one_error(r)
    assert "Jansen" not in r.output and "0612" not in r.output
    assert f"{path}: personal: unknown key (not shown: it may hold personal data)" in line
    assert "the fields here: client_ref, birth_year" in line


def test_a_mistyped_profile_key_is_named_by_the_field_it_is_near(tmp_path: Path) -> None:
    """A typo of a field (``clinet_ref``, in a work entry ``titel``) says which field it is near."""
    path = _profile_with(tmp_path, "personal", "clinet_ref")
    line = one_error(runner.invoke(app, ["profile", "show", str(path)]))
    assert line.endswith("personal: unknown key (not shown: it may hold personal data); is it client_ref?")
    path = _profile_with(tmp_path, "work", "titel")
    line = one_error(runner.invoke(app, ["profile", "show", str(path)]))
    assert "work.0: unknown key" in line and line.endswith("is it title?")


def test_an_unknown_answers_key_is_placed_not_shown(tiny_data: Path, tmp_path: Path) -> None:
    """``intake --answers`` named an unknown key as typed (``personal.Jansen 0612: not a question
    of this intake``): now the section, and the question it is near when it is a typo."""
    text = ANSWERS.read_text(encoding="utf-8")
    cases = [
        (text.replace("  client_ref:", "  Jansen 0612: x\n  client_ref:"), "personal: ", "a typo, or"),
        (text.replace("  client_ref:", "  clinet_ref:"), "personal: ", "is it client_ref?"),
        ("Piet de Vries: ja\n" + text, "(top level): ", "a typo, or"),
    ]
    for n, (answers, where, hint) in enumerate(cases):
        path = tmp_path / f"a{n}.yaml"
        path.write_text(answers, encoding="utf-8")
        r = runner.invoke(app, ["--data-dir", str(tiny_data), "intake", "--answers", str(path)])
        line = one_error(r)
        assert f"{path}: {where}a key that is no question of this intake" in line and hint in line
        assert "Jansen" not in r.output and "0612" not in r.output and "Piet" not in r.output
        assert "clinet" not in r.output


# --- an MS-DOS or Mac export ------------------------------------------------------------------------

TEXT = "id;titel;land\r\n1;kok in café;België\r\n2;lasser bij Müller;Curaçao\r\n3;schilder;Eritrea\r\n"


@pytest.mark.parametrize(("codepage", "shown"), [("cp850", "cp850"), ("mac_roman", "mac-roman")])
def test_a_dos_or_mac_export_is_read_in_its_code_page_and_said(
    tmp_path: Path, codepage: str, shown: str
) -> None:
    """A CSV saved as "CSV (MS-DOS)" (code page 850) or by an old Mac (Mac Roman) was read as
    Windows-1252 without a word: ``café`` became ``caf‚`` and ``België`` ``Belgi‰``; a ``ü``
    (0x81, no Windows-1252 character) rejected its row. The letters after lower-case letters tell
    the code page; it is read in it, and a warning says so."""
    path = tmp_path / "x.csv"
    path.write_bytes(TEXT.encode(codepage))
    info = tabular.inspect(path)
    rows = [cells for _, cells in tabular.iter_rows(info)]
    assert [r[1:] for r in rows] == [
        ["kok in café", "België"],
        ["lasser bij Müller", "Curaçao"],
        ["schilder", "Eritrea"],
    ]
    assert info.encoding == shown
    assert len(info.warnings) == 1 and f"read as {shown}" in str(info.warnings[0])


def test_a_dos_export_header_with_a_byte_windows_1252_lacks_is_read(tmp_path: Path) -> None:
    """``ü`` in code page 850 is 0x81, a byte Windows-1252 does not have: in the header it made the
    whole file "not UTF-8 or Windows-1252"."""
    path = tmp_path / "h.csv"
    path.write_bytes("id;functie;begeleider Müller\r\n1;kok;ja\r\n".encode("cp850"))
    assert tabular.inspect(path).header == ["id", "functie", "begeleider Müller"]


def test_a_windows_1252_export_stays_so_without_a_word(tmp_path: Path) -> None:
    """Windows-1252 punctuation after a word (``it’s``, ``enz…``, ``Excel™``, a closing quote)
    and its own letters are no sign of another code page."""
    path = tmp_path / "w.csv"
    text = "id;titel\r\n1;kok in café, enz…\r\n2;it’s “Excel™” werk\r\n3;één\r\n"
    path.write_bytes(text.encode("cp1252"))
    info = tabular.inspect(path)
    assert info.encoding == "windows-1252" and not info.warnings
    assert [c[1] for _, c in tabular.iter_rows(info)] == ["kok in café, enz…", "it’s “Excel™” werk", "één"]


def test_a_byte_no_code_page_reads_as_a_letter_is_warned_once(tmp_path: Path) -> None:
    """When no code page reads the bytes inside words as letters, the file stays Windows-1252 and
    one warning names the first such line and says to save the file as UTF-8."""
    path = tmp_path / "o.csv"
    path.write_bytes(b"id;titel\r\n1;kok\r\n2;las\x80ser\r\n3;sc\x80hilder\r\n")
    info = tabular.inspect(path)
    assert info.codepage == codepages.DEFAULT
    assert (
        len(info.warnings) == 1 and "line 3" in str(info.warnings[0]) and "CSV UTF-8" in str(info.warnings[0])
    )


def test_a_coding_job_on_a_dos_export_codes_the_words_and_says_so(tiny_data: Path, tmp_path: Path) -> None:
    """Through the CLI: ``occupation code --input`` writes the titles with their letters, and the
    warning names the code page once."""
    path = tmp_path / "dos.csv"
    path.write_bytes(TEXT.encode("cp850"))
    out = tmp_path / "out.csv"
    args = ["--data-dir", str(tiny_data), "occupation", "code", "--input", str(path), "--column", "titel"]
    r = runner.invoke(app, [*args, "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert r.stderr.count("warning: dos.csv: not UTF-8") == 1 and "read as cp850" in r.stderr
    written = out.read_text(encoding="utf-8-sig")
    assert "kok in café" in written and "lasser bij Müller" in written


@pytest.mark.parametrize("codepage", ["cp850", "mac_roman"])
def test_country_names_alone_tell_dos_from_mac(tmp_path: Path, codepage: str) -> None:
    """``ë`` and ``ï`` in code page 850 are ``â`` and ``ã`` in Mac Roman (both lower-case letters):
    a file whose only accents are in ``Syrië`` and ``Oekraïne`` stayed Windows-1252 (``Syri‰``)
    until the letters of Dutch words told the two apart."""
    path = tmp_path / "c.csv"
    path.write_bytes("id;land\r\n1;Syrië\r\n2;Oekraïne\r\n3;Somalië\r\n".encode(codepage))
    info = tabular.inspect(path)
    assert [c[1] for _, c in tabular.iter_rows(info)] == ["Syrië", "Oekraïne", "Somalië"]


# --- data validate on a damaged data folder -------------------------------------------------------


def test_data_validate_names_a_damaged_file_once(tiny_data: Path) -> None:
    """A data file cut short failed every check that reads it (``sectors.yaml``: its own and the
    suggestions'), and ``data validate`` printed the same error line twice."""
    path = tiny_data / "sectors.yaml"
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2] + b"\n  - [unclosed\n")
    r = runner.invoke(app, ["--data-dir", str(tiny_data), "data", "validate", "--lang", "en"])
    assert r.exit_code == 1
    lines = r.stderr.splitlines()
    assert len(lines) == len(set(lines)) >= 1, r.stderr
    assert any("sectors.yaml" in line for line in lines)


# --- a coding job on a file without a header --------------------------------------------------------


def test_a_coding_job_without_a_header_does_not_list_a_persons_answers(tmp_path: Path) -> None:
    """A file without a header whose first row holds no number (``Jan Jansen;Syrië;koken;
    diabetes``) had that row listed as "the columns are: ...": a name and a health detail in an
    error line. Only names near the one asked for are shown (a typo of a real header's name)."""
    src = tmp_path / "in.csv"
    src.write_text("Jan Jansen;Syrië;koken;diabetes\nPiet Pieters;Irak;lassen;zwanger\n", encoding="utf-8")
    args = ["skill", "code", "-i", str(src), "--column", "vaardigheid", "-o", str(tmp_path / "o.csv")]
    r = runner.invoke(app, args)
    assert "nor one near it among the 4 names of the first row (not shown" in one_error(r)
    assert "Jansen" not in r.output and "diabetes" not in r.output
    src.write_text("Jan Jansen\nkok\n", encoding="utf-8")
    r = runner.invoke(app, [*args[:5], "functie", *args[6:]])
    assert "the first row holds one name only (not shown)" in one_error(r) and "Jansen" not in r.output
    src.write_text("id;Vaardigheden;plaats\n1;koken;Zwolle\n", encoding="utf-8")
    assert one_error(runner.invoke(app, args)).endswith(
        "no column 'vaardigheid'; near it in the first row: 'Vaardigheden'"
    )


# --- a confirmed code the data lack, in an answers file ---------------------------------------------


def test_a_confirmed_code_the_data_lack_names_the_file_and_not_the_code(
    tiny_data: Path, tmp_path: Path
) -> None:
    """A code confirmed in an answers file that the data lack was ``skills.confirmed.0: 5 is not an
    ESCO skill id in the data``: no file named, and the value as given repeated (a name typed where
    an id belongs). Now the file and the field, not the value."""
    text = ANSWERS.read_text(encoding="utf-8")
    old = "  free_text: [wondverzorging, interpreting Dari-English]\n"
    assert old in text
    new = (
        '  free_text: ["zorgen voor mijn zieke moeder"]\n'
        '  confirmed: {"zorgen voor mijn zieke moeder": 612345678}\n'
    )
    path = tmp_path / "a.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    r = runner.invoke(app, ["--data-dir", str(tiny_data), "intake", "--answers", str(path)])
    line = one_error(r)
    assert line.startswith(f"error: {path}: skills.confirmed.0: the code given is not an ESCO skill id")
    assert "612345678" not in r.output and "moeder" not in r.output
