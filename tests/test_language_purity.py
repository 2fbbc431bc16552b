"""Language purity: Dutch output holds no English catalogue text and English output no Dutch one.

The example personas (examples/personas/) go through ``suggest``, ``explain`` (their first
suggestion), ``report`` (HTML and Markdown) and the example batch, in nl and in en, through the
CLI as a caseworker runs them.

The rule for what counts as a text of the other language (documented in docs/messages.md):
take every catalogue text of the other language, cut it at its ``{fields}``, and keep a literal
piece when it
- has at least two words and 12 characters (single words like "ICT", "route", "direct" or
  codes like "NLQF" say nothing about the language),
- differs from the same key's text in the output's language (texts identical in both languages,
  e.g. a sector called "ICT", are not evidence), and
- occurs in no catalogue text of the output's language (a Dutch term of art quoted on purpose in
  the English text, e.g. "indicatie onderwijsniveau" or "Verklaring van vakbekwaamheid", is a
  proper name there, not a slip).
The check is case-sensitive and on the output with HTML tags and entities removed. Besides,
no output in either language shows an internal code that has a display name in the catalogue
(``technology_installation``, ``related_work``, ``recognition_first``, ``occupation_needs_review``).
"""

from __future__ import annotations

import csv
import html
import re
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skilltool import messages, profile_files
from skilltool.cli import app
from skilltool.cli.common import State
from skilltool.models import SENSITIVE_STEPS, DiplomaIndication
from skilltool.models.diplomas import DiplomaEntry
from skilltool.reference import ReferenceData

from .conftest import REPO
from .tracing import every_nth_traced

PERSONAS = sorted((REPO / "examples" / "personas").glob("*.json"))
BATCH = REPO / "examples" / "batch" / "intakes.csv"
ANSWERS = REPO / "examples" / "answers" / "syria-civil-engineer.yaml"
runner = CliRunner()
pytestmark = pytest.mark.usefixtures("one_root_command")  # hundreds of CliRunner runs (conftest)
CODE_KINDS = ("sector", "part", "route", "flag", "review")


@pytest.fixture(scope="module")
def shared_ref() -> ReferenceData:
    return ReferenceData(REPO / "data")


@pytest.fixture(autouse=True)
def _one_reference(shared_ref: ReferenceData, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command here reads the same loaded reference data (hundreds of runs)."""
    monkeypatch.setattr(State, "ref", property(lambda self: shared_ref))


@cache
def foreign_pieces(lang: str) -> tuple[str, ...]:
    """The pieces of the other language's catalogue that must not appear in ``lang`` output."""
    own = messages.catalogue(messages.lang_of(lang))
    other = messages.catalogue("en" if lang == "nl" else "nl")
    own_all = "\n".join(own.values())
    pieces: set[str] = set()
    for key, text in other.items():
        if text == own[key]:
            continue
        for raw in re.split(r"\{[^}]*\}", text):
            piece = raw.strip(" .,;:()'\"-")
            if len(piece) >= 12 and len(piece.split()) >= 2 and piece not in own_all:
                pieces.add(piece)
    return tuple(sorted(pieces))


@cache
def internal_codes() -> tuple[str, ...]:
    """Codes with a display name in the catalogue that look like codes (``a_b``)."""
    keys = messages.catalogue("en")
    return tuple(
        k.split(".", 1)[1] for k in keys if k.split(".", 1)[0] in CODE_KINDS and "_" in k.split(".", 1)[1]
    )


@cache
def _pieces_by_word(lang: str) -> tuple[tuple[str, ...], dict[str, list[int]], list[int]]:
    """``foreign_pieces(lang)``, the numbers of those of three words or more by their second word,
    and the numbers of those of two words."""
    pieces = foreign_pieces(lang)
    by_word: dict[str, list[int]] = {}
    two_words: list[int] = []
    for n, piece in enumerate(pieces):
        inner = piece.split(" ")[1:-1]
        if inner:
            by_word.setdefault(inner[0], []).append(n)
        else:
            two_words.append(n)
    return pieces, by_word, two_words


def impurities(text: str, lang: str) -> list[str]:
    """The other language's catalogue pieces, and raw internal codes, found in ``text``.

    A piece of three words or more is looked for only when its second word is a word of the text
    (the text split at its spaces, as the piece is): where the piece is, so is that word, between
    two spaces. The same list as a search for every piece (1,200 searches: 6 ms of CPU for an
    output of 10-17 kB, 2 ms now; tests27)."""
    plain = html.unescape(re.sub(r"<[^>]+>", " ", text))
    plain = re.sub(r"[ \t]+", " ", plain)
    codes = [
        c
        for c in internal_codes()
        if c in plain and re.search(rf"(?<![\w/-]){re.escape(c)}(?![\w/-])", plain)
    ]
    pieces, by_word, two_words = _pieces_by_word(lang)
    words = set(plain.split(" ")) & by_word.keys()
    maybe = sorted([*two_words, *(n for word in words for n in by_word[word])])
    return [pieces[n] for n in maybe if pieces[n] in plain] + codes


def test_the_rule_finds_a_slip_and_spares_proper_names() -> None:
    """The checker itself: an English sentence in Dutch output is found; a Dutch term of art
    inside the English catalogue, and a text equal in both languages, are not."""
    assert impurities("Suggesties: no matching wish given.", "nl") == ["no matching wish given"]
    assert impurities("Ask for an indicatie onderwijsniveau. Sector: ICT", "en") == []
    assert impurities("geen passende wens genoemd", "nl") == []
    assert impurities("sector: technology_installation", "en") == ["technology_installation"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_rule_finds_every_piece_and_code(lang: str) -> None:
    """A text holding every piece of the other language and every internal code: each is found,
    in the catalogue's order, whichever of its words the checker looks at first (the pieces with
    no tag, entity, tab or double space in them, which the checker's text would change)."""
    plain = [p for p in foreign_pieces(lang) if not re.search(r"[<>&\t]|  ", p)]
    assert len(plain) > 0.9 * len(foreign_pieces(lang))
    text = " | ".join([*plain, *internal_codes()])
    assert impurities(f"<p>{text}</p>", lang) == [*plain, *internal_codes()]


def _run(*args: str) -> str:
    r = runner.invoke(app, list(args))
    assert r.exit_code == 0, r.output
    return r.output


PERSONA_PARTS = 8
"""The personas are checked in this many parts per language (every eighth persona from the
``n``-th on): one test of all 189 was a fifth of the suite's time on one xdist worker."""


def test_the_persona_parts_cover_every_persona_once() -> None:
    """The parts of ``test_persona_outputs_speak_one_language`` leave no persona out."""
    parts = [PERSONAS[part::PERSONA_PARTS] for part in range(PERSONA_PARTS)]
    assert sorted(path for part in parts for path in part) == PERSONAS and len(PERSONAS) > 100


@pytest.mark.parametrize("part", every_nth_traced(range(PERSONA_PARTS)))  # part 0 traced (tests.tracing)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_persona_outputs_speak_one_language(lang: str, part: int, tmp_path: Path) -> None:
    """suggest, explain, report (html, md) for every example persona hold no catalogue text of
    the other language. A diploma's name (as recorded, or the table's name it matched) is a proper
    name, not a sentence: the Ukrainian 'Certificate of complete general secondary education' holds
    the English kind label 'general secondary' and stays as it is."""
    found: dict[str, list[str]] = {}
    for path in PERSONAS[part::PERSONA_PARTS]:
        profile = profile_files.read_profile(path)
        names = {e.qualification for e in profile.education} | {
            i.qualification
            for e in profile.education
            for i in (e.indication, *e.alternatives)
            if i is not None
        }
        outputs = {
            "suggest": _run("suggest", str(path), "--lang", lang),
            "html": _run("report", str(path), "--format", "html", "--lang", lang),
            "md": _run("report", str(path), "--format", "md", "--lang", lang),
        }
        if profile.suggestions or profile.work:
            uri = next((s.uri for s in profile.suggestions), None)
            occupations = (w.coded.uri for w in profile.work if w.coded and "/occupation/" in w.coded.uri)
            uri = uri or next(occupations, None)  # an ISCO group code is no occupation to explain
            if uri:
                outputs["explain"] = _run("explain", str(path), uri, "--lang", lang)
        for kind, said in outputs.items():
            text = said
            for name in sorted(names, key=len, reverse=True):
                text = text.replace(name, " ")
            bad = impurities(text, lang)
            if bad:
                found[f"{path.stem} {kind}"] = bad
    assert found == {}


def test_batch_outputs_speak_one_language(tmp_path: Path) -> None:
    """The example batch in nl and in en (one test: the second run reuses the first's compiled
    data): its terminal summary, errors.csv reasons and report.html hold no catalogue text of
    the other language; with Parquet tables (when pyarrow is there), neither do the suggestions'
    reasons, gaps and evidence nor the next steps, which the tables word from the profiles'
    facts."""
    try:
        import pyarrow.dataset as ds
    except ImportError:  # pragma: no cover - the parquet extra is not installed
        ds = None
    found: dict[str, list[str]] = {}
    for lang in ("nl", "en"):
        out = tmp_path / lang
        fmt = ["--format", "parquet"] if ds is not None else []
        args = ["batch", str(BATCH), "--out", str(out), "--lang", lang, "--workers", "1", *fmt]
        r = runner.invoke(app, args)
        assert r.exit_code == 0, r.output
        texts = {"terminal": r.output, "report.html": (out / "report.html").read_text(encoding="utf-8")}
        with (out / "errors.csv").open(encoding="utf-8-sig") as fh:
            texts["errors.csv"] = "\n".join(" ".join(row) for row in csv.reader(fh))
        if ds is not None:
            sugg = ds.dataset(out / "tables" / "suggestions", format="parquet").to_table().to_pylist()
            steps = ds.dataset(out / "tables" / "next_steps", format="parquet").to_table().to_pylist()
            assert sugg and steps and all(s["reasons"] for s in sugg)
            texts["suggestions"] = "\n".join(
                "; ".join([*s["reasons"], *s["gaps"], *(p["evidence"] for p in s["parts"])]) for s in sugg
            )
            texts["next_steps"] = "\n".join(f"{x['text']} {x['reason'] or ''}" for x in steps)
            assert "suggest." not in texts["suggestions"] + texts["next_steps"]  # words, not keys
        found |= {f"{lang} {name}": bad for name, text in texts.items() if (bad := impurities(text, lang))}
    assert found == {}


@pytest.mark.parametrize(("intake_lang", "lang"), [("nl", "en"), ("en", "nl")])
def test_a_profile_reports_in_another_language_than_its_intake(
    intake_lang: str, lang: str, tmp_path: Path, shared_ref: ReferenceData
) -> None:
    """A profile made by a Dutch intake reports purely in English (and the other way round):
    its diploma route and caveat are facts, its suggestions' and steps' sentences are facts too
    (catalogue keys with parameters), its coded occupations and derived skills are labelled by
    their ESCO id in the report's language."""
    profile = tmp_path / "p.json"
    _run("intake", "--answers", str(ANSWERS), "--lang", intake_lang, "--out", str(profile))
    stored = profile_files.read_profile(profile)
    index = shared_ref.suggest_index
    coded = [
        index.cands[index.by_uri[w.coded.uri]] for w in stored.work if w.coded and w.coded.uri in index.by_uri
    ]
    derived = [s.skill_id for s in stored.skills if s.origin == "derived_from_occupation" and s.skill_id]
    assert coded and derived
    for fmt in ("html", "md"):
        text = _run("report", str(profile), "--format", fmt, "--lang", lang)
        assert impurities(text, lang) == []
        plain = html.unescape(text).replace("\\", "")
        assert all(c.label(lang) in plain for c in coded)
        assert index.skill_labels[derived[0]][0 if lang == "nl" else 1] in plain
        assert "suggest --lang" not in text  # no "stored in the other language" note: all facts


@pytest.mark.parametrize(("intake_lang", "lang"), [("nl", "en"), ("en", "nl")])
def test_stored_reasons_render_in_any_language_when_the_data_changed(
    intake_lang: str, lang: str, tmp_path: Path
) -> None:
    """Issue 15, item 1: a profile stores its suggestions' reasons, gaps, evidence and proposed
    steps as catalogue keys with parameters (no sentence in the intake's language in the file),
    and a report in the other language words them in that language, with no catalogue text of
    the intake's language, even when the reference data no longer know the suggested
    occupations (nothing is derived again)."""
    made = tmp_path / "made.json"
    _run("intake", "--answers", str(ANSWERS), "--lang", intake_lang, "--out", str(made))
    profile = profile_files.read_profile(made)
    assert profile.suggestions and profile.next_steps
    stored = made.read_text(encoding="utf-8")
    first = profile.suggestions[0]
    said = [x.render(intake_lang) for x in (*first.reasons, *first.gaps)]
    assert '"key": "suggest.r_' in stored and not [x for x in said if f'"{x}"' in stored]
    gone = [  # the reference data changed: the suggested occupations are no longer known
        s.model_copy(update={"uri": f"http://data.europa.eu/esco/occupation/gone-{n}"})
        for n, s in enumerate(profile.suggestions)
    ]
    path = tmp_path / "changed.json"
    profile_files.write_profile(path, profile.model_copy(update={"suggestions": gone}))
    # the health and care steps (SENSITIVE_STEPS) are left out of a report without
    # --include-sensitive by design (docs/security.md): only the others must be worded here
    steps = [x for x in profile.next_steps if not isinstance(x.text, str) and x.action not in SENSITIVE_STEPS]
    for fmt in ("html", "md"):
        text = _run("report", str(path), "--format", fmt, "--lang", lang)
        assert impurities(text, lang) == []
        plain = re.sub(r"\s+", " ", html.unescape(text).replace("\\", ""))
        for x in (*first.reasons, *first.gaps):
            assert x.render(lang) in plain
            assert x.render(intake_lang) == x.render(lang) or x.render(intake_lang) not in plain
        assert all(x.text.render(lang) in plain for x in steps if not isinstance(x.text, str))


def _indication(e: DiplomaEntry) -> DiplomaIndication:
    """A profile's diploma indication made from a table entry, as the intake stores it."""
    return DiplomaIndication(
        entry_id=e.id,
        qualification=e.names.display,
        dutch_equivalent=e.dutch_equivalent,
        nlqf_min=e.nlqf.min,
        nlqf_max=e.nlqf.max,
        eqf_min=e.eqf.min,
        eqf_max=e.eqf.max,
        source=e.source,
        score=90,
        basis=e.basis,
        inferred_reason=e.inferred_reason,
    )


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_diploma_source_wording_stays_out_of_the_other_language(
    lang: str, tmp_path: Path, shared_ref: ReferenceData
) -> None:
    """Regression (issue 15): the diploma table's comparison is the source's wording, Dutch on a
    Dutch Nuffic page ("een hbo-bachelor of 2 jaar wo") and English on an English one ("a WO
    bachelor's degree"), and its inferred_reason is English. A report (html, md) and `suggest`
    show the level from its facts in their own language instead: no Dutch wording in English
    output, no English wording or reason in Dutch output, no "Vergelijkbaar met a WO ..."."""
    entries = shared_ref.diplomas.entries
    dutch = next(e for e in entries if e.dutch_equivalent == "een hbo-bachelor of 2 jaar wo")
    english = next(
        e for e in entries if e.dutch_equivalent == "a WO bachelor's degree" and e.basis == "inferred"
    )
    base = profile_files.read_profile(REPO / "examples" / "personas" / "iranian_master_inferred_level.json")
    education = base.education[0].model_copy(
        update={"indication": _indication(english), "alternatives": [_indication(dutch)], "idw_nlqf": None}
    )
    profile = base.model_copy(update={"education": [education]})
    path = tmp_path / "p.json"
    profile_files.write_profile(path, profile)
    outputs = {
        "suggest": _run("suggest", str(path), "--lang", lang),
        "html": html.unescape(_run("report", str(path), "--format", "html", "--lang", lang)),
        "md": _run("report", str(path), "--format", "md", "--lang", lang).replace("\\", ""),
    }
    foreign = (
        [english.dutch_equivalent, english.inferred_reason or "", "Comparable to"]
        if lang == "nl"
        else [dutch.dutch_equivalent, "Vergelijkbaar met"]
    )
    for kind, text in outputs.items():
        assert [f for f in foreign if f and f in text] == [], kind
        assert impurities(text, lang) == [], kind
    ladder = "bachelor (wo)" if lang == "nl" else "bachelor's degree in research-oriented higher education"
    assert ladder in outputs["html"] and ladder in outputs["md"]  # the level, named in the output's language
    if lang == "nl":  # the reason is said in Dutch, with where to read the English details
        assert messages.t("diploma.inferred_reason", "nl") in outputs["html"]
    else:
        assert (english.inferred_reason or "") in outputs["html"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_diploma_commands_speak_one_language(lang: str) -> None:
    """Issue 15: `diploma list`, `levels`, `coverage` and `lookup` (a match, and no sourced
    comparison) have their headings, kinds, counts, notes and hidden-column hint in the chosen
    language, at the default and at a narrow width."""
    commands = [
        ["diploma", "list", "--country", "SY"],
        ["diploma", "levels"],
        ["diploma", "coverage"],
        ["diploma", "lookup", "--country", "SY", "Bachelor"],
        ["diploma", "lookup", "--country", "SY", "Zzyzx certificate"],
    ]
    found: dict[str, list[str]] = {}
    for columns in ("80", "200"):
        for args in commands:
            r = runner.invoke(app, [*args, "--lang", lang], env={"COLUMNS": columns})
            assert r.exit_code == 0, r.output
            if bad := impurities(r.output, lang):
                found[f"{' '.join(args)} @{columns}"] = bad
    assert found == {}
    r = runner.invoke(app, ["diploma", "coverage", "--lang", lang], env={"COLUMNS": "80"})
    assert messages.t("cli.diploma.col.entries", lang) in r.stdout
    assert messages.t("cli.table.hidden", lang, width=80, columns="").split(":")[0] in r.stderr


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_translation_import_errors_speak_the_chosen_language(lang: str, tmp_path: Path) -> None:
    """Issue 15: a refused review workbook is explained in the user's language (`--lang`), one
    line on stderr, with no text of the other language."""
    import openpyxl

    other = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "something"
    wb.save(other)
    r = runner.invoke(app, ["intake", "languages", "--import", str(other), "--lang", lang])
    assert r.exit_code != 0 and "Traceback" not in r.output
    assert len(r.stderr.strip().splitlines()) == 1
    want = messages.t("translation.error.not_workbook", lang, path=other, sheet="texts", about="about")
    assert want in r.stderr and impurities(r.stderr, lang) == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_data_commands_speak_one_language(lang: str) -> None:
    """Issue 15: `data info`, `data validate` and `data diff` have their labels, counts, kinds and
    status lines in the chosen language."""
    data = str(REPO / "data")
    found: dict[str, list[str]] = {}
    stderr: dict[str, str] = {}
    for args in (["data", "info"], ["data", "validate"], ["data", "diff", data, data]):
        r = runner.invoke(app, [*args, "--lang", lang])
        assert r.exit_code == 0, r.output
        stderr[args[1]] = r.stderr
        if bad := impurities(r.output, lang):
            found[" ".join(args)] = bad
    assert found == {}
    assert messages.t("data.all_valid", lang) in stderr["validate"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_intake_errors_speak_the_chosen_language(lang: str, tmp_path: Path) -> None:
    """Issue 15: the intake's errors (a refused answer in the interview, a bad answers file, a
    key no question reads, a file that is no draft) hold no text of the other language."""
    answers = tmp_path / "a.yaml"
    no_draft = tmp_path / "no-draft.json"
    no_draft.write_text('{"kind": "profile"}', encoding="utf-8")
    runs = {
        "interview": (["intake", "--out", str(tmp_path / "p.json")], "T-9\n1,5\nAtlantis\n"),
        "answers": (["intake", "--answers", str(answers)], None),
        "draft": (["intake", "--resume", str(no_draft)], None),
    }
    found: dict[str, list[str]] = {}
    for body in ("personal: {client_ref: X-1, birth_year: 3024}\n", "personal: {client_ref: X-1}\nx: 1\n"):
        answers.write_text(body, encoding="utf-8")
        for name, (args, given) in runs.items():
            r = runner.invoke(app, [*args, "--lang", lang], input=given)
            assert r.exit_code in (1, 130) and "Traceback" not in r.output, r.output
            assert r.stderr.strip()
            if bad := impurities(r.stderr, lang):
                found[name] = bad
    assert found == {}
