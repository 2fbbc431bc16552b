"""What a new user met (user25): a caseworker, a municipal data team and a researcher, each from
the README and ``--help`` only, and the things user24 left. Each test pins one thing that stopped
or misled them (docs/python-api.md, "What a new user met (user25)")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import skilltool
from skilltool import intake_script, intake_session
from skilltool.cli import app
from skilltool.models.intake import TranslationFile

runner = CliRunner()
EXAMPLES = Path(__file__).parent.parent / "examples"


# --- the caseworker: "not reviewed" in words the client reads ---------------------------------------


def _file(**texts: dict[str, object]) -> TranslationFile:
    return TranslationFile.model_validate(
        {"lang": "so", "name": "Soomaali", "name_en": "Somali", "direction": "ltr", "texts": texts}
    )


def test_an_unreviewed_client_text_carries_not_reviewed_in_the_clients_words() -> None:
    """The mark beside a text nobody checked was "(niet nagekeken)" only, in a language the client
    may not read; the script's own ``hint.unreviewed`` in the client's language now comes with it,
    and only beside a text that is there and not reviewed."""
    tr = _file(
        **{
            "work": {"text": "Shaqo", "reviewed": False},
            "skills": {"text": "Xirfado", "reviewed": True, "reviewer": "RV", "reviewed_on": "2026-01-05"},
            "hint.unreviewed": {"text": "lama hubin", "reviewed": False},
        }
    )
    assert intake_script.client_text(tr, "work").unreviewed == "lama hubin"  # type: ignore[union-attr]
    assert intake_script.client_text(tr, "skills").unreviewed is None  # type: ignore[union-attr]
    assert intake_script.client_text(tr, "wishes").unreviewed is None  # type: ignore[union-attr]
    no_words = _file(work={"text": "Shaqo", "reviewed": False})
    assert intake_script.client_text(no_words, "work").unreviewed is None  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("lang", "client", "marked"),
    [
        ("nl", "so", "(so, niet nagekeken · lama hubin)"),
        ("en", "ar", "(ar, not reviewed · لم تتم مراجعتها)"),
    ],
)
def test_the_interview_marks_an_unreviewed_question_in_the_clients_words(
    tmp_path: Path, lang: str, client: str, marked: str
) -> None:
    """The client reads the question in their language and, beside it, that nobody checked it."""
    r = runner.invoke(
        app,
        ["intake", "--lang", lang, "--client-lang", client, "--out", str(tmp_path / "p.json")],
        input="ZZ-25\n",
    )
    assert marked in r.stdout + r.stderr, r.stdout + r.stderr


@pytest.fixture(scope="module")
def profile_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("p") / "p.json"
    answers = EXAMPLES / "answers" / "eritrea-welder.yaml"
    r = runner.invoke(app, ["intake", "--answers", str(answers), "--out", str(out)])
    assert r.exit_code == 0, r.output
    return out


def test_the_printed_plan_marks_an_unreviewed_heading_in_the_clients_words(profile_json: Path) -> None:
    """The report printed for the client put "(niet nagekeken)" beside each Arabic heading; the
    same words in Arabic now follow, isolated right to left (Markdown) or with lang and dir (HTML)."""
    md = runner.invoke(app, ["report", str(profile_json), "--format", "md", "--client-lang", "ar"])
    assert md.exit_code == 0, md.output
    assert "(niet nagekeken · \u2067لم تتم مراجعتها\u2069)" in md.stdout
    html = runner.invoke(app, ["report", str(profile_json), "--client-lang", "ti", "--lang", "en"])
    assert html.exit_code == 0, html.output
    assert '(not reviewed · <span lang="ti" dir="ltr"><bdi>ኣይተመርመረን</bdi></span>)' in html.stdout


# --- the caseworker: a draft resumed the next day by a colleague ------------------------------------


def test_a_draft_resumed_with_lang_speaks_that_language_and_keeps_it(tmp_path: Path) -> None:
    """``intake --resume DRAFT --lang en`` went on in the draft's Dutch without a word; a language
    given now wins (and is kept in the draft), one not given is still the draft's."""
    out = tmp_path / "p.json"
    first = runner.invoke(app, ["intake", "--out", str(out)], input="ZZ-25\n")
    draft = tmp_path / "p.json.draft.json"
    assert json.loads(draft.read_text(encoding="utf-8"))["lang"] == "nl", first.output
    again = runner.invoke(app, ["intake", "--resume", str(draft), "--lang", "en"], input="")
    assert "Year of birth" in again.stdout + again.stderr, again.output
    assert json.loads(draft.read_text(encoding="utf-8"))["lang"] == "en"
    plain = runner.invoke(app, ["intake", "--resume", str(draft)], input="")
    assert "Year of birth" in plain.stdout + plain.stderr, plain.output


def test_a_new_session_without_lang_is_dutch() -> None:
    """``open_session`` without a draft and without a language starts in Dutch, as before."""
    ref = skilltool.load_reference()
    session = intake_session.open_session(ref, lang=None, out=None)
    assert session.lang == "nl"


# --- the researcher: a coded CSV opened in a Dutch Excel --------------------------------------------


def test_a_coded_csv_writes_its_scores_with_a_decimal_comma(tmp_path: Path) -> None:
    """The CSV is the Dutch Excel dialect (``;``, BOM), but its scores had a decimal point, which
    Dutch Excel reads as text or a date: a score is now ``67,4``, and the text copied from the
    input is left as it was."""
    src = tmp_path / "in.csv"
    src.write_text("functie;uren\nkapster in een salon;32.5\n", encoding="utf-8")
    out = tmp_path / "coded.csv"
    r = runner.invoke(
        app, ["occupation", "code", "--input", str(src), "--column", "functie", "--out", str(out)]
    )
    assert r.exit_code == 0, r.output
    head, row = (line.split(";") for line in out.read_text(encoding="utf-8-sig").splitlines()[:2])
    cells = dict(zip(head, row, strict=True))
    assert cells["uren"] == "32.5"
    score = cells["occupation_1_score"]
    assert "," in score and "." not in score, score
    assert 0 < float(score.replace(",", ".")) <= 100
