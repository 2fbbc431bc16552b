"""The twenty-first hostile-input and privacy review: the Python API with odd types, answers files
with YAML's own features, mappings that point two fields at one column, answers that contradict
each other, ``--resume`` after the code changed, and what the twentieth review left alone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

import skilltool
from skilltool import datafiles, yamlio
from skilltool.errors import InputFileError, UsageError
from skilltool.models.answers import MAX_ENTRIES
from skilltool.reference import ReferenceData

from .test_batch import MAPPING, interrupted_at_a4, run


@pytest.fixture(scope="module")
def ref() -> ReferenceData:
    return skilltool.load_reference()


def _calls(tmp_path: Path, ref: ReferenceData) -> list[tuple[str, Callable[[], object]]]:
    profile = skilltool.complete_profile({"personal": {"client_ref": "AB-1"}}, ref=ref)
    csv = tmp_path / "in.csv"
    csv.write_text("id;titel\n1;lasser\n", encoding="utf-8")
    return [
        ("path", lambda: skilltool.read_profile(None)),  # type: ignore[arg-type]
        ("path", lambda: skilltool.write_profile(None, profile)),  # type: ignore[arg-type]
        ("path", lambda: skilltool.write_report(None, profile, ref=ref)),  # type: ignore[arg-type]
        ("path", lambda: skilltool.read_answers(None, ref=ref)),  # type: ignore[arg-type]
        ("source", lambda: skilltool.run_batch(None, out=tmp_path / "o")),  # type: ignore[arg-type]
        ("out", lambda: skilltool.run_batch(csv, out=None)),  # type: ignore[arg-type]
        ("source", lambda: skilltool.code_file(None, column="titel", out=tmp_path / "c.csv")),  # type: ignore[arg-type]
        ("out", lambda: skilltool.code_file(csv, column="titel", out=None)),  # type: ignore[arg-type]
    ]


def test_none_for_a_path_the_api_needs_is_a_usage_error(tmp_path: Path, ref: ReferenceData) -> None:
    """``None`` where a path belongs (a notebook's config left a path empty) is a ``UsageError``
    naming the argument, as ``data_dir=5`` is: it was an ``AttributeError`` (``'NoneType' object
    has no attribute 'stat'``) or a ``TypeError`` from deep inside, in six functions."""
    for name, call in _calls(tmp_path, ref):
        with pytest.raises(UsageError) as caught:
            call()
        assert caught.value.message == f"{name}: give a path (str or pathlib.Path), not NoneType"
    assert not (tmp_path / "o").exists() and not (tmp_path / "c.csv").exists()


def test_the_coder_the_api_hands_out_checks_its_arguments(ref: ReferenceData) -> None:
    """``occupation_coder`` hands out the coder itself, whose ``code`` and ``code_many`` checked
    nothing: ``None`` (an empty cell) or bytes raised an ``AttributeError`` from inside,
    ``top=-1`` gave all candidates but the last, ``lang="de"`` Dutch without a word, and one title
    given as the column (``code_many("kapper")``) was coded letter by letter. Each is now the
    ``UsageError`` ``code_occupation`` raises; a list of titles is coded as before."""
    coder = skilltool.occupation_coder(ref=ref)
    refused: list[tuple[Callable[[], object], str]] = [
        (lambda: coder.code(None), "text: give a text (str), not NoneType"),  # type: ignore[arg-type]
        (lambda: coder.code(b"kapper"), "text: give a text (str), not bytes"),  # type: ignore[arg-type]
        (lambda: coder.code("kapper", top=-1), "top: give 1 or more"),
        (lambda: coder.code("kapper", top=True), "top: give a whole number (int), not bool"),
        (lambda: coder.code("kapper", lang="de"), 'lang=\'de\': give "nl" or "en"'),
        (lambda: coder.code_many(["kapper", None]), "text: give a text (str), not NoneType"),  # type: ignore[list-item]
        (lambda: coder.code_many(["kapper"], top=0), "top: give 1 or more"),
        (lambda: coder.code_many("kapper"), "texts: give a list of texts (one per title), not one text"),
    ]
    for call, message in refused:
        with pytest.raises(UsageError) as caught:
            call()
        assert caught.value.message == message
    many = coder.code_many(iter(["kapper", ""]), top=2)  # any iterable of texts, as before
    assert [r.model_dump() for r in many] == [coder.code(t, top=2).model_dump() for t in ["kapper", ""]]


def test_a_merge_key_given_twice_is_a_duplicate_key(tmp_path: Path, ref: ReferenceData) -> None:
    """Two ``<<`` merges in one mapping of an answers file (``<<: {birth_year: 1990}`` then
    ``<<: {birth_year: 1991}``) took the second without a word, where every other key given twice
    is refused; one ``<<`` of several mappings, and a key that overrides a merged one, still read."""
    twice = tmp_path / "twice.yaml"
    twice.write_text(
        "personal:\n  client_ref: AB-1\n  <<: {birth_year: 1990}\n  <<: {birth_year: 1991}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputFileError) as caught:
        skilltool.read_answers(twice, ref=ref)
    message = f"{twice}:4: the key '<<' is given twice (first on line 3); keep one of them"
    assert caught.value.message == message
    once = tmp_path / "once.yaml"
    once.write_text(
        "a: &a {birth_year: 1990}\nb: &b {country_of_origin: SY}\n"
        "personal:\n  client_ref: AB-1\n  <<: [*a, *b]\n  birth_year: 1991\n",
        encoding="utf-8",
    )
    assert yamlio.loads(once.read_text(encoding="utf-8"))["personal"] == {
        "client_ref": "AB-1",
        "birth_year": 1991,
        "country_of_origin": "SY",
    }


def test_two_answers_mapped_to_one_column_are_refused(tmp_path: Path) -> None:
    """A mapping that points two answers at one column (a line copied and its column left
    unchanged; here health and the notes) read every row's cell into both: the health answer went
    into the notes, and a country into the municipality, without a word. It is one line naming
    both answers and the column, before any row is read; nothing is written."""
    csv = tmp_path / "in.csv"
    csv.write_text("id;jaar;gezondheid\nAB-1;1990;nee\n", encoding="utf-8")
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "version: 1\nrequired: [id]\nfields:\n  personal.client_ref: id\n  personal.birth_year: jaar\n"
        "  circumstances.health_limits_work: {column: gezondheid, values: {nee: 'no'}}\n"
        "  notes: Gezondheid\n",
        encoding="utf-8",
    )
    with pytest.raises(InputFileError) as caught:
        skilltool.run_batch(csv, out=tmp_path / "out", mapping=mapping)
    assert caught.value.message == (
        f"{mapping}: circumstances.health_limits_work and notes both read column 'Gezondheid';"
        " give each answer a column of its own"
    )
    assert not (tmp_path / "out" / "profiles.jsonl").exists()
    groups = "groups:\n  work:\n    numbered: 2\n    fields: {title: 'functie_{n}', country: 'land_{n}'}\n"
    mapping.write_text(  # a group's field and a single answer on one column: the same
        "version: 1\nrequired: [id]\nfields:\n  personal.client_ref: id\n"
        "  personal.country_of_origin: land_1\n" + groups,
        encoding="utf-8",
    )
    csv.write_text("id;functie_1;land_1;functie_2;land_2\nAB-1;lasser;SY;;\n", encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        skilltool.run_batch(csv, out=tmp_path / "out", mapping=mapping)
    assert "personal.country_of_origin and work.country both read column 'land_1'" in caught.value.message


def test_answers_that_cannot_all_be_true_are_refused_at_the_later_one(
    tmp_path: Path, ref: ReferenceData
) -> None:
    """Each answer passed its own rule, so a child born in 2015 with a permit of 2001 and 60 years
    of work became a profile (a birth year and years swapped between columns). A permit before
    the birth year, and a job or an education of more years than the person has lived, are now
    refused at that answer, by a batch row (its column, never the value), an answers file and
    the API; years of work at the age itself, and years over several jobs, still pass."""
    csv = tmp_path / "in.csv"
    csv.write_text(
        "klantnummer;geboortejaar;land_herkomst;beroep_1;beroep_1_jaren;datum_verblijfsvergunning\n"
        "AB-1;2015;SY;lasser;60;1-1-2020\n"
        "AB-2;2015;SY;lasser;5;1-1-2001\n"
        "AB-3;1990;SY;lasser;30;1-1-2020\n",
        encoding="utf-8",
    )
    manifest = skilltool.run_batch(csv, out=tmp_path / "out", lang="en")
    assert (manifest.counts.rows_written, manifest.counts.rows_rejected) == (1, 2)
    errors = (tmp_path / "out" / "errors.csv").read_text(encoding="utf-8-sig").splitlines()
    assert errors[1:] == [
        "2;AB-1;beroep_1_jaren;is more years than the person has lived (see the birth year)",
        "3;AB-2;datum_verblijfsvergunning;is before the birth year",
    ]
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "personal: {client_ref: AB-4, birth_year: 2015}\neducation:\n  - {qualification: x, years: 25}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputFileError) as caught:
        skilltool.read_answers(answers, ref=ref)
    assert caught.value.message == (
        f"{answers}: education.0.years: is more years than the person has lived (see the birth year)"
    )
    person = {"personal": {"client_ref": "AB-5", "birth_year": dt.date.today().year - 35}}
    work = [{"title": "lasser", "years": 30}, {"title": "kapper", "years": 30}]
    assert len(skilltool.complete_profile({**person, "work": work}, ref=ref).work) == 2
    with pytest.raises(ValueError, match=r"answers\.work\.2\.years: is more years"):
        skilltool.complete_profile({**person, "work": [*work, {"title": "kok", "years": 40}]}, ref=ref)


def test_a_resume_after_the_code_changed_is_refused(
    tiny_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checkpoint's fingerprint held the version number, which stays while the code changes
    (a checkout pulled between the crash and ``--resume``, a development build installed): the
    rest of the rows were coded by other rules, the outputs a mix of two coders without a word.
    It holds the code's own fingerprint now (``datafiles.code_fingerprint``, as the compiled
    cache does); the same code resumes as before."""
    mapping = tmp_path / "m.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    src, out = interrupted_at_a4(tmp_path, mapping, monkeypatch, data_dir=tiny_data)
    code = datafiles.code_fingerprint()
    monkeypatch.setattr(datafiles, "code_fingerprint", lambda: "another build")
    with pytest.raises(InputFileError, match=r"version \(or code\)"):
        run(src, out, mapping, data_dir=tiny_data, resume=True)
    monkeypatch.setattr(datafiles, "code_fingerprint", lambda: code)
    manifest = run(src, out, mapping, data_dir=tiny_data, resume=True)
    assert manifest.resumed and manifest.counts.rows_read == 6


def test_a_list_answer_of_more_entries_than_any_intake_is_refused(tmp_path: Path, ref: ReferenceData) -> None:
    """An answers file of 500,000 skills (12 MB, under the file limit) took 85 s and 1 GB and
    wrote a 111 MiB profile that ``profile show``, ``report`` and ``suggest`` then refused as
    too big to be a profile: written, never to be read again. A list answer holds at most
    ``MAX_ENTRIES`` entries, refused naming the field before anything is coded."""
    answers = tmp_path / "a.yaml"
    skills = "".join(f"    - vaardigheid {n}\n" for n in range(MAX_ENTRIES + 1))
    answers.write_text(f"personal: {{client_ref: AB-1}}\nskills:\n  free_text:\n{skills}", encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        skilltool.read_answers(answers, ref=ref)
    assert caught.value.message == f"{answers}: skills.free_text: has more than {MAX_ENTRIES} entries"
    kept = answers.read_text(encoding="utf-8").rsplit("    - ", 1)[0]
    answers.write_text(kept, encoding="utf-8")
    assert len(skilltool.read_answers(answers, ref=ref).skills.free_text) == MAX_ENTRIES
    with pytest.raises(ValueError, match=rf"answers\.work: has more than {MAX_ENTRIES} entries"):
        skilltool.complete_profile(
            {"personal": {"client_ref": "AB-2"}, "work": [{"title": "lasser"}] * (MAX_ENTRIES + 1)}, ref=ref
        )


@pytest.mark.parametrize("end", ["\n", "\r\n"])
def test_the_row_after_a_utf16_line_is_not_rejected_for_its_nul(tmp_path: Path, end: str) -> None:
    """A UTF-16 line pasted into a UTF-8 export (two exports put together) ends in ``\\n\\0``: the
    line end's NUL started the next line, and that good row was rejected as holding NUL bytes
    (what the twentieth review left alone). The NUL goes with the UTF-16 line now; that line is
    still rejected, saying it is UTF-16 (the twenty-fourth review: it named the NUL bytes), and every
    row is accounted for."""
    header = f"klantnummer;geboortejaar;land_herkomst;beroep_1{end}".encode()
    pasted = f"AB-2;1990;SY;kok{end}".encode("utf-16-le")
    data = header + f"AB-1;1990;SY;lasser{end}".encode() + pasted + f"AB-3;1990;SY;kapper{end}".encode()
    csv = tmp_path / "in.csv"
    csv.write_bytes(data)
    manifest = skilltool.run_batch(csv, out=tmp_path / "out", lang="en")
    counts = manifest.counts
    assert (counts.rows_written, counts.rows_rejected) == (2, 1)
    errors = (tmp_path / "out" / "errors.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(errors) == 2 and errors[1].startswith("3;AB-2;;") and "UTF-16" in errors[1]
    profiles = (tmp_path / "out" / "profiles.jsonl").read_text(encoding="utf-8")
    assert '"client_ref":"AB-1"' in profiles and '"client_ref":"AB-3"' in profiles
