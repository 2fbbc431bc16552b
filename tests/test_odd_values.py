"""Odd values in number fields, files in odd encodings, junk as a job title: each once got a
reason that did not help (``invalid value (int_parsing_size)``, ``must be at most 70.0`` for
NaN, ``not UTF-8 (byte 0)``), was read as another number (``1_0`` as 10) or was coded as an
occupation; now each is refused with a reason that says what to do, in the user's language.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from skilltool import batch_mapping, coding_support, messages
from skilltool.cli import app
from skilltool.models.answers import IntakeAnswers
from skilltool.occupations import OccupationCoder
from skilltool.reference import ReferenceData

from .conftest import REPO
from .test_errors_io import one_error

runner = CliRunner()
PROFILE = REPO / "examples" / "personas" / "syrian_civil_engineer.json"
ANSWERS = REPO / "examples" / "answers" / "eritrea-welder.yaml"
LONG = "9" * 5000  # more digits than int() reads (4,300)


HEADER = [
    "klantnummer",
    "geboortejaar",
    "land_herkomst",
    "uren_per_week",
    "beroep_1",
    "beroep_1_jaren",
    "opleiding_1",
    "opleiding_1_jaren",
]


@pytest.fixture(scope="module")
def mapping() -> batch_mapping.CompiledMapping:
    cols, _, _ = batch_mapping.load_mapping(None)
    return batch_mapping.compile_mapping(cols, list(HEADER), source="in.csv", mapping_name="default")


def _row(cells: dict[str, str]) -> list[str]:
    values = {"klantnummer": "T-1", "beroep_1": "lasser", "opleiding_1": "mbo", **cells}
    return [values.get(h, "") for h in HEADER]


def row_reason(mapping: batch_mapping.CompiledMapping, lang: str = "en", **cells: str) -> str:
    """The errors.csv reason of one row (``column: reason``) with these cells, else ``"ok"``."""
    try:
        batch_mapping.row_to_answers(_row(cells), mapping, lang=lang)
    except batch_mapping.RowError as exc:
        return f"{exc.field}: {exc.reason}"
    return "ok"


def row_answers(mapping: batch_mapping.CompiledMapping, **cells: str) -> IntakeAnswers:
    return batch_mapping.row_to_answers(_row(cells), mapping, lang="en")


def show_profile(tmp_path: Path, where: tuple[str | int, ...], literal: str, lang: str = "en") -> Result:
    """``profile show`` of the example profile with the field at ``where`` written as ``literal``
    (JSON text as a hand edit or another program may leave it: ``NaN``, ``1e400``)."""
    data = json.loads(PROFILE.read_text(encoding="utf-8"))
    target = data
    for part in where[:-1]:
        target = target[part]
    target[where[-1]] = "@@VALUE@@"
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data, indent=2).replace('"@@VALUE@@"', literal), encoding="utf-8")
    return runner.invoke(app, ["profile", "show", str(path), "--lang", lang])


def answers_file(tmp_path: Path, old: str, new: str, *, encoding: str = "utf-8") -> Path:
    text = ANSWERS.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "a.yaml"
    path.write_text(text.replace(old, new, 1), encoding=encoding)
    return path


def intake(path: Path, lang: str = "en") -> Result:
    return runner.invoke(app, ["intake", "--answers", str(path), "--lang", lang])


# --- 1. a number too large for any integer -------------------------------------------------------


@pytest.mark.parametrize(
    ("literal", "negative"),
    [("1e400", "-1e400"), ("1e30", "-1e30"), (f'"{LONG}"', f'"-{LONG}"')],
    ids=["1e400", "1e30", "text"],
)
def test_hours_too_large_for_an_integer_in_a_profile_say_the_range(
    tmp_path: Path, literal: str, negative: str
) -> None:
    """``"hours_per_week": 1e30`` said "invalid value (int_parsing_size)" (1e400: "(finite_number)"),
    the rule's name; now the field's bound says what is allowed, as for 61."""
    r = show_profile(tmp_path, ("wishes", "hours_per_week"), literal)
    assert one_error(r).endswith("p.json: wishes.hours_per_week: must be at most 60")
    r = show_profile(tmp_path, ("wishes", "hours_per_week"), negative, lang="nl")
    assert one_error(r).endswith("p.json: wishes.hours_per_week: moet minstens 0 zijn")


def test_a_number_of_thousands_of_digits_in_a_profile_is_named_as_such(tmp_path: Path) -> None:
    """JSON's parser refuses a number of over 4,300 digits: that was "not valid JSON; is this
    really the profile?"; now the line and what is wrong with it."""
    r = show_profile(tmp_path, ("wishes", "hours_per_week"), LONG)
    said = one_error(r)
    assert "thousands of digits" in said and "correct it" in said and "99999" not in said


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_batch_cell_with_thousands_of_digits_says_the_range(
    mapping: batch_mapping.CompiledMapping, lang: str
) -> None:
    said = row_reason(mapping, lang, uren_per_week=LONG)
    assert said == (
        "uren_per_week: must be at most 60" if lang == "en" else "uren_per_week: mag hoogstens 60 zijn"
    )
    assert row_reason(mapping, uren_per_week="-" + LONG) == "uren_per_week: must be at least 0"
    assert row_reason(mapping, uren_per_week="61") == "uren_per_week: must be at most 60"  # as before
    assert row_answers(mapping, uren_per_week="36").wishes.hours_per_week == 36


def test_an_answers_file_with_thousands_of_digits_says_the_range(tmp_path: Path) -> None:
    """The YAML reader keeps such a number as text; it was "'########' is not a whole number"."""
    said = one_error(intake(answers_file(tmp_path, "hours_per_week: 40", f"hours_per_week: {LONG}")))
    assert said.endswith("wishes.hours_per_week: the answer is above the highest allowed, 60"), said
    said = one_error(intake(answers_file(tmp_path, "birth_year: 1996", f"birth_year: {LONG}")))
    assert "personal.birth_year: the answer is not a year between 1930 and" in said, said


def test_every_pydantic_error_a_hostile_profile_can_cause_has_a_text() -> None:
    """A type without a catalogue text is shown as "invalid value (<type>)": the ones a hand-edited
    profile, answers file or batch row can reach have one now."""
    for kind in (
        "int_parsing_size",
        "finite_number",
        "datetime_parsing",
        "datetime_type",
        "datetime_from_date_parsing",
    ):
        for lang in ("en", "nl"):
            assert messages.key_fields(f"reason.value.{kind}") is not None, kind
            assert "(" + kind not in messages.t(f"reason.value.{kind}", lang)


# --- 2. NaN and infinity -------------------------------------------------------------------------

NOT_A_NUMBER = {"en": "is not a number (NaN or infinity)", "nl": "is geen getal (NaN of oneindig)"}


@pytest.mark.parametrize("cell", ["nan", "NaN", "inf", "-inf", "Infinity", "1e999"])
def test_nan_and_infinity_in_a_batch_cell_are_not_a_number(
    mapping: batch_mapping.CompiledMapping, cell: str
) -> None:
    """Python's float() reads ``nan`` and ``inf``: years of ``nan`` said "must be at most 70.0"
    (``-inf``: "must be at least 0.0"). Now "not a number", in the batch's language."""
    for lang in ("en", "nl"):
        said = row_reason(mapping, lang, beroep_1_jaren=cell)
        assert said.startswith(f"beroep_1_jaren: {NOT_A_NUMBER[lang]}"), said
    assert row_reason(mapping, opleiding_1_jaren=cell).startswith(f"opleiding_1_jaren: {NOT_A_NUMBER['en']}")


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_nan_in_a_profile_is_not_a_number(tmp_path: Path, literal: str) -> None:
    for lang in ("en", "nl"):
        said = one_error(show_profile(tmp_path, ("work", 0, "years"), literal, lang=lang))
        assert f"p.json: work.0.years: {NOT_A_NUMBER[lang]}; " in said, said


@pytest.mark.parametrize("answer", [".nan", "nan", ".inf", "-.inf", "1e999"])
def test_nan_in_an_answers_file_is_not_a_number(tmp_path: Path, answer: str) -> None:
    """The interview's parser took float("nan") as a number within the range (every comparison
    with NaN is false); the model then said "must be at most 70.0"; "inf" was "inf is above the
    highest allowed, 70"."""
    said = one_error(intake(answers_file(tmp_path, "years: 4\n", f"years: {answer}\n")))
    assert said.endswith(f"work.0.years: the answer {NOT_A_NUMBER['en']}; give a number such as 3 or 2,5")


# --- 3. UTF-16 files ------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_an_answers_file_saved_as_utf16_is_read(tmp_path: Path, encoding: str) -> None:
    """Notepad's "Unicode" (UTF-16, with a byte-order mark or without) said "not UTF-8 (byte 0)";
    now it is read as a CSV export in UTF-16 is (``csv_lines.whole_text``)."""
    path = answers_file(tmp_path, "hours_per_week: 40", "hours_per_week: 32", encoding=encoding)
    out = tmp_path / "p.json"
    r = runner.invoke(app, ["-q", "intake", "--answers", str(path), "--out", str(out), "--lang", "en"])
    assert r.exit_code == 0, r.output
    profile = json.loads(out.read_text(encoding="utf-8"))
    assert profile["wishes"]["hours_per_week"] == 32 and profile["personal"]["municipality"] == "Zwolle"


def test_a_broken_utf16_answers_file_says_so(tmp_path: Path) -> None:
    path = answers_file(tmp_path, "x", "x", encoding="utf-16")
    path.write_bytes(path.read_bytes()[:101])  # an odd number of bytes: cut in a character
    for lang, said in (
        ("en", "the file starts as UTF-16 but is not valid UTF-16; save it as UTF-8"),
        ("nl", "het bestand begint als UTF-16 maar is geen geldige UTF-16; sla het op als UTF-8"),
    ):
        assert one_error(intake(path, lang)) == f"{path}: {said}"


def test_a_profile_saved_as_utf16_is_read(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(PROFILE.read_text(encoding="utf-8"), encoding="utf-16")
    r = runner.invoke(app, ["profile", "show", str(path), "--lang", "en"])
    assert r.exit_code == 0, r.output


def test_a_batch_mapping_saved_as_utf16_is_read(tmp_path: Path) -> None:
    """``--mapping`` in UTF-16 said "the mapping is not UTF-8"."""
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "fields:\n  personal.client_ref: klantnummer\n  personal.municipality: gemeente\n", encoding="utf-16"
    )
    src = tmp_path / "in.csv"
    src.write_text("klantnummer;gemeente\nT-1;Utrecht\n", encoding="utf-8")
    out = tmp_path / "out"
    r = runner.invoke(
        app, ["-q", "batch", str(src), "--mapping", str(mapping), "--out", str(out), "--workers", "1"]
    )
    assert r.exit_code == 0, r.output
    assert '"municipality":"Utrecht"' in (out / "profiles.jsonl").read_text(encoding="utf-8").replace(" ", "")


# --- 4. digit groups: 1_0 is not ten -------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "cell"), [("uren_per_week", "1_0"), ("beroep_1_jaren", "5_0"), ("opleiding_1_jaren", "1_2.5")]
)
def test_underscores_in_a_number_cell_are_refused(
    mapping: batch_mapping.CompiledMapping, column: str, cell: str
) -> None:
    """int() and float() (and pydantic) read digit groups: a cell "1_0" was 10 hours a week,
    "5_0" 50 years of work. Now refused, saying how to write the number."""
    assert (
        row_reason(mapping, **{column: cell})
        == f"{column}: is not a number: write the digits without _ (such as 10 or 2,5)"
    )
    assert (
        row_reason(mapping, "nl", **{column: cell})
        == f"{column}: is geen getal: schrijf de cijfers zonder _ (zoals 10 of 2,5)"
    )


def test_what_caseworkers_type_in_number_cells_is_still_read(mapping: batch_mapping.CompiledMapping) -> None:
    answers = row_answers(mapping, uren_per_week=" 32 ", beroep_1_jaren="2,5", opleiding_1_jaren=" 3.5 ")
    assert answers.wishes.hours_per_week == 32
    assert answers.work[0].years == 2.5 and answers.education[0].years == 3.5


def test_underscores_in_a_profile_number_are_refused(tmp_path: Path) -> None:
    said = one_error(show_profile(tmp_path, ("work", 0, "years"), '"5_0"'))
    assert said.endswith(
        "p.json: work.0.years: is not a number: write the digits without _ (such as 10 or 2,5)"
    )


NOT_WHOLE = "hours_per_week: the answer is not a whole number"
NOT_A_NUMBER_YEARS = "work.0.years: the answer is not a number; type one number, such as 10 or 2.5"


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ("years: 4\n", "years: 5_0\n", NOT_A_NUMBER_YEARS),
        ("years: 4\n", 'years: "5_0"\n', NOT_A_NUMBER_YEARS),
        ("hours_per_week: 40", "hours_per_week: 1_0", f"wishes.{NOT_WHOLE}"),
        ("hours_per_week: 40", "hours_per_week: 0x24", f"wishes.{NOT_WHOLE}"),
        ("hours_per_week: 40", "hours_per_week: 1:30", f"wishes.{NOT_WHOLE}"),
    ],
)
def test_numbers_in_other_forms_in_an_answers_file_are_refused(
    tmp_path: Path, old: str, new: str, said: str
) -> None:
    """YAML 1.1 reads ``1_0`` as 10, ``0x24`` as 36 and ``1:30`` as 90 (base 60): each was taken
    as that number. They stay text now, which the question's rule refuses."""
    assert one_error(intake(answers_file(tmp_path, old, new))).endswith(said)


def test_a_number_with_a_leading_zero_in_an_answers_file_is_decimal(tmp_path: Path) -> None:
    """YAML 1.1 reads ``036`` as octal (30); a person means 36."""
    from skilltool import yamlio

    assert yamlio.loads("a: 036\nb: 40\nc: -3\nd: 0\ne: 2.5\nf: 1_0\n") == {
        "a": "036",
        "b": 40,
        "c": -3,
        "d": 0,
        "e": 2.5,
        "f": "1_0",
    }
    out = tmp_path / "p.json"
    path = answers_file(tmp_path, "hours_per_week: 40", "hours_per_week: 036")
    r = runner.invoke(app, ["-q", "intake", "--answers", str(path), "--out", str(out), "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert json.loads(out.read_text(encoding="utf-8"))["wishes"]["hours_per_week"] == 36


# --- 5. a formula, a web address or markup as a job title ----------------------------------------

JUNK = [
    '=HYPERLINK("http://x.invalid","y")',
    " =1+1",
    "=cmd|' /C calc'!A0",
    "@SUM(A1:A9)",
    '+HYPERLINK("x")',
    "<img src=x onerror=alert(1)>",
    "lasser <script>alert(1)</script>",
    "<!-- x -->",
    "http://x.invalid/lasser",
    "https://www.x.invalid",
    "www.x.invalid",
    "javascript:alert(1)",
]
TITLES = [
    "medewerker t/m",
    "C++ programmeur",
    "auto-monteur",
    "kok (restaurant)",
    "ICT'er",
    "Bachelor of Science",
]
TITLES += [
    "C#-programmeur",
    "- lasser (bouw)",
    "barbier < 2 jaar",
    "webbouwer http",
    "@home zorg",
    "ict: www-beheer",
]


@pytest.fixture
def coder(tiny_data: Path) -> OccupationCoder:
    return OccupationCoder.from_reference(ReferenceData(tiny_data))


@pytest.mark.parametrize("text", JUNK)
def test_a_formula_url_or_markup_is_not_coded(coder: OccupationCoder, text: str) -> None:
    """Its words ("hyperlink", "img", "http", "lasser") were coded as an occupation (flagged for
    review). Now no candidate, flagged, and the problem in the coding language; ``code`` and
    ``code_many`` agree."""
    assert coding_support.prepare_title(text)[1:] == ([], "not_a_title")
    for lang in ("nl", "en"):
        result = coder.code(text, lang=lang)
        assert result.candidates == [] and result.needs_review, result
        assert result.problem == messages.t("coding.problem.not_a_title", lang)
        assert coder.code_many([text, "lasser"], lang=lang)[0] == result


@pytest.mark.parametrize("text", TITLES)
def test_titles_with_punctuation_are_still_titles(text: str) -> None:
    _, words, problem = coding_support.prepare_title(text)
    assert words and problem is None, (text, words, problem)


def test_the_not_a_title_problem_says_what_to_do(tiny_data: Path) -> None:
    assert "type the job title" in messages.t("coding.problem.not_a_title", "en")
    assert "typ de beroepsnaam" in messages.t("coding.problem.not_a_title", "nl")
    args = ["--data-dir", str(tiny_data), "occupation", "code", "--json", "--lang", "en", "--workers", "1"]
    r = runner.invoke(app, args, input='=HYPERLINK("http://x.invalid","lasser")\nlasser\n')
    assert r.exit_code == 0, r.output
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [bool(x["candidates"]) for x in lines] == [False, True]
    assert lines[0]["problem"] == messages.t("coding.problem.not_a_title", "en")


def test_the_json_schemas_keep_the_bounds_of_the_guarded_numbers() -> None:
    """The guards of the number fields (``BoundedWhole``, ``Number``) must not change the published
    schema: inside a union member with a validator pydantic wrote the bounds as ``ge``/``le``,
    which no JSON Schema validator knows, instead of ``minimum``/``maximum``."""
    from skilltool.profile_files import profile_schema

    for schema in (profile_schema(), IntakeAnswers.model_json_schema()):
        text = json.dumps(schema)
        assert '"ge":' not in text and '"le":' not in text
    hours = profile_schema()["$defs"]["Wishes"]["properties"]["hours_per_week"]
    assert {"maximum": 60, "minimum": 0, "type": "integer"} in hours["anyOf"]
