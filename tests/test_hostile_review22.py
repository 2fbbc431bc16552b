"""The twenty-second hostile-input and privacy review: what the twenty-first review left alone (a
header that mixes separators, list items of any length, the API's lax types, the interview's
answers that contradict each other) and hand-edited profiles, hostile environments and files."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import signal
from pathlib import Path

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

import skilltool
from skilltool import batch_pool, intake_engine, intake_script
from skilltool.answer_parsing import answers_from_mapping
from skilltool.api_checks import AnswersRefusedError
from skilltool.cli import app
from skilltool.errors import InputFileError
from skilltool.intake_engine import Nav, Prompt
from skilltool.models.answers import check_together
from skilltool.reference import ReferenceData

from .pool_fakes import echo_chunk, killed_chunk, waited_for_the_killed

runner = CliRunner()


@pytest.fixture(scope="module")
def ref() -> ReferenceData:
    return skilltool.load_reference()


def test_a_header_that_joins_columns_by_another_separator_says_so(tmp_path: Path) -> None:
    """A header typed with ``,`` in an export of ``;`` (``id,jaar;gemeente``) is read with one cell
    ``id,jaar``: the error named ``id`` and ``jaar`` missing while the header showed them, without
    a word on why. It names the cell by its column and the separator that joins them; a header
    that only lacks a column says no more than before."""
    csv = tmp_path / "in.csv"
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "version: 1\nrequired: [id, jaar]\nfields:\n  personal.client_ref: id\n  personal.birth_year: jaar\n"
        "  personal.municipality: gemeente\n",
        encoding="utf-8",
    )
    csv.write_text("gemeente;id,jaar\nZwolle;AB-1;1990\n", encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        skilltool.run_batch(csv, out=tmp_path / "out", mapping=mapping)
    assert caught.value.message == (
        f"{csv}: missing required column(s) 'id', 'jaar' (column 2 holds 'id', 'jaar' joined by ',',"
        " another separator than the rest of the header: give the header one separator, the one its rows"
        " use); rename them in the export or point --mapping at a mapping for this file (`skilltool batch"
        " template --out DIR` writes one to start from)"
    )
    csv.write_text("gemeente;id;leeftijd\nZwolle;AB-1;30\n", encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        skilltool.run_batch(csv, out=tmp_path / "out", mapping=mapping)
    assert caught.value.message.startswith(f"{csv}: missing required column(s) 'jaar'; rename")
    assert not (tmp_path / "out" / "profiles.jsonl").exists()


def test_a_list_item_over_the_text_limit_is_refused_by_its_place(tmp_path: Path, ref: ReferenceData) -> None:
    """A text answer is held to 2,000 characters, an item of a list answer was not: a skill of a
    pasted document went into the profile and every report. An item over the limit is refused,
    named by its place and never shown; an item at the limit still reads."""
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "personal:\n  client_ref: AB-1\nskills:\n  free_text: [lassen, '" + "q" * 2001 + "']\n",
        encoding="utf-8",
    )
    with pytest.raises(InputFileError) as caught:
        skilltool.read_answers(answers, ref=ref)
    assert caught.value.message == (
        f"{answers}: skills.free_text: item 2 of the list is too long (over 2000 characters); shorten it"
    )
    answers.write_text(
        "personal:\n  client_ref: AB-1\nskills:\n  certificates: ['" + "q" * 2000 + "']\n", encoding="utf-8"
    )
    assert skilltool.read_answers(answers, ref=ref).skills.certificates == ["q" * 2000]


def test_the_api_refuses_bytes_and_sets_in_answers(ref: ReferenceData) -> None:
    """pydantic's lax mode took ``b"AB-1"`` as a text (bytes of any encoding became an answer) and a
    set as a list in Python's order, which changes with ``PYTHONHASHSEED``: the same answers gave
    profiles with the skills in another order from run to run. ``complete_profile`` refuses both
    at their place, without the value; a list and a tuple still read, in their order."""
    cases: list[tuple[dict[str, object], str, str]] = [
        ({"client_ref": b"AB-1"}, "personal.client_ref", "bytes_text"),
        ({"notes": bytearray(b"x")}, "notes", "bytes_text"),
        ({"skills": {"free_text": ["koken", b"lassen"]}}, "skills.free_text.1", "bytes_text"),
        ({"skills": {"confirmed": {b"koken": "free_text"}}}, "skills.confirmed", "bytes_text"),
        ({"skills": {"free_text": {"koken", "lassen"}}}, "skills.free_text", "set_list"),
        ({"wishes": {"sectors": frozenset({"zorg"})}}, "wishes.sectors", "set_list"),
    ]
    for given, where, kind in cases:
        person = {"personal": {"client_ref": "AB-1"}}
        answers = {"personal": given} if "client_ref" in given else {**person, **given}
        with pytest.raises(AnswersRefusedError) as caught:
            skilltool.complete_profile(answers, ref=ref)
        assert caught.value.message.startswith(f"answers.{where}: is ")
        assert [e["type"] for e in caught.value.errors()] == [kind]
        assert "AB-1" not in str(caught.value.errors()) and "koken" not in caught.value.message
    ordered = {"personal": {"client_ref": "AB-1"}, "skills": {"free_text": ("naaien", "koken", "lassen")}}
    profile = skilltool.complete_profile(ordered, ref=ref)
    assert [s.label for s in profile.skills] == ["naaien", "koken", "lassen"]


def test_the_interview_asks_again_for_an_answer_that_contradicts_an_earlier_one() -> None:
    """An answers file, a batch row and the API refuse answers that cannot all be true (a permit
    before the birth year, more years of work than the person has lived); the interview took them
    and wrote the profile of a child with twenty years of work. It now asks again, saying why
    without the values, and keeps the answer given next; without ``together`` (an answers file,
    checked as a whole at its end) the engine asks nothing again."""
    questionnaire = intake_script.load_questionnaire(ReferenceData())
    born = str(dt.date.today().year - 10)
    answers = {
        "personal.client_ref": "ZW-77",
        "personal.birth_year": born,
        "work.+0": "yes",
        "work.0.title": "bakkersknecht",
    }
    sequence = [
        ("personal.permit_date", "1-1-2001"),
        ("personal.permit_date", "1-1-2024"),
        ("work.0.years", "20"),
        ("work.0.years", "9"),
    ]
    prompts: list[Prompt] = []

    def ask(prompt: Prompt) -> object:
        prompts.append(prompt)
        if sequence and sequence[0][0] == prompt.key:
            return sequence.pop(0)[1]
        return answers.get(prompt.key, "no" if prompt.is_more else Nav.SKIP)

    nested = intake_engine.run(questionnaire, ask, together=True)
    assert not sequence
    errors = {p.key: p.error for p in prompts if p.error}
    assert errors == {
        "personal.permit_date": (
            "this puts the residence permit before the birth year; check this answer and the birth year"
        ),
        "work.0.years": (
            "this gives a job or an education more years than the person has lived; check this answer,"
            " the birth year and the years"
        ),
    }
    profile = check_together(answers_from_mapping(nested))
    assert profile.personal.permit_date == dt.date(2024, 1, 1) and profile.work[0].years == 9
    sequence[:] = [("personal.permit_date", "1-1-2001"), ("work.0.years", "20")]
    prompts.clear()
    nested = intake_engine.run(questionnaire, ask)
    assert not sequence and not any(p.error for p in prompts)
    with pytest.raises(ValidationError):
        check_together(answers_from_mapping(nested))


def test_a_draft_edited_into_a_contradiction_is_refused_before_the_first_question(tmp_path: Path) -> None:
    """The interview no longer takes a permit dated before the birth year, but a draft is a file
    anyone can edit: such a draft resumed to the end and wrote the profile. ``--resume`` refuses
    it in one line naming the later answer, before any question; the draft as written resumes."""
    out = tmp_path / "p.json"
    born = dt.date.today().year - 10
    r = runner.invoke(app, ["intake", "--lang", "en", "--out", str(out)], input=f"T-9\n{born}\n")
    assert r.exit_code == 130
    draft = out.with_name(out.name + ".draft.json")
    data = json.loads(draft.read_text(encoding="utf-8"))
    data["state"]["personal.country_of_origin"] = None
    data["state"]["personal.permit_date"] = f"{born - 3}-05-01"
    draft.write_text(json.dumps(data), encoding="utf-8")
    r = runner.invoke(app, ["intake", "--lang", "en", "--resume", str(draft)], input="")
    assert r.exit_code == 1, r.output
    assert r.stderr.strip().splitlines() == [
        f"error: {draft}: answer personal.permit_date: this puts the residence permit before the birth year;"
        " check this answer and the birth year; correct or remove it in the draft"
    ]
    data["state"]["personal.permit_date"] = f"{born + 3}-05-01"
    draft.write_text(json.dumps(data), encoding="utf-8")
    r = runner.invoke(app, ["intake", "--lang", "en", "--resume", str(draft)], input="")
    assert r.exit_code == 130, r.output


def test_a_source_cut_inside_its_last_cell_is_one_line(
    tiny_data: Path, tiny_sources: tuple[Path, object]
) -> None:
    """A download broken off inside the last record's last cell leaves every cell in place (the
    cut record has as many as the header), so the ragged-record check did not see it: accepted
    with ``--update-manifest``, the cut note went into the build without a word. A last line
    without a line end is now one line naming the file and the line; with its line end the
    same source builds."""
    root, _ = tiny_sources
    path = root / "shortage/tightness.csv"
    whole = path.read_text(encoding="utf-8").rstrip("\n") + "no national value in the sources read\n"
    lines = whole.count("\n")
    path.write_text(whole[:-12], encoding="utf-8")  # "...no national value in the s"
    args = ["--data-dir", str(tiny_data), "data", "build", "--sources", str(root), "--update-manifest"]
    r = runner.invoke(app, [*args, "--out", str(tiny_data.parent / "rebuilt"), "--lang", "en"])
    assert r.exit_code == 1, r.output
    assert r.stderr.strip().splitlines() == [
        f"error: {path}:{lines}: the last line has no line end; the file is cut short: download it again"
        " (if it is whole, end its last line)"
    ]
    assert not (tiny_data.parent / "rebuilt").exists()
    path.write_text(whole[:-12] + "\n", encoding="utf-8")
    r = runner.invoke(app, [*args, "--out", str(tiny_data.parent / "rebuilt"), "--lang", "en"])
    assert r.exit_code == 0, r.output


def test_a_worker_killed_under_its_chunk_stops_the_batch_instead_of_hanging(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``multiprocessing.Pool`` replaces a worker that dies but never gives its chunk's result: a
    pool worker sent SIGHUP (or killed by the out-of-memory killer) hung a batch of 920 rows for
    good, the main process idle. The wait now sees the worker gone and stops the batch at its
    last checkpoint with the ``--resume`` hint (exit 1); chunks of live workers come back as before."""
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("the pool is forked here")
    monkeypatch.setattr(batch_pool, "WAIT_SECONDS", 0.05)
    taken: list[object] = []
    previous = signal.signal(signal.SIGALRM, waited_for_the_killed)
    signal.alarm(60)
    try:
        with multiprocessing.get_context("fork").Pool(1) as pool:
            monkeypatch.setattr(batch_pool, "run_chunk", echo_chunk)
            chunk = [(2, ["a"], False)]
            batch_pool.feed_pool(pool, 2, [(chunk, 0)], lambda result, blank: taken.append(result))
            assert taken == [chunk]
            monkeypatch.setattr(batch_pool, "run_chunk", killed_chunk)
            with pytest.raises(batch_pool.WorkerLostError) as caught:
                batch_pool.feed_pool(pool, 2, [([(3, ["b"], False)], 0)], lambda result, blank: None)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert caught.value.exit_code == 1
    assert caught.value.message == (
        "a worker process ended before its rows were done (stopped by a signal, or the system ran out of"
        " memory: try fewer --workers); the batch stopped at its last checkpoint: run the same command"
        " with --resume"
    )


def test_rows_of_one_cell_under_a_header_of_many_are_warned_about(tmp_path: Path) -> None:
    """A header saved with ``,`` over rows with ``;`` (one line retyped, the rest exported) is read
    with ``,``: every row is one cell, and every row was rejected for its client id without a word
    on why. A warning before the rows names the header's separator; rows still all accounted for,
    and an export of one separator throughout says nothing of it."""
    csv = tmp_path / "in.csv"
    csv.write_text("klantnummer,geboortejaar,land_herkomst\nAB-1;1990;SY\nAB-2;1991;SY\n", encoding="utf-8")
    r = runner.invoke(app, ["batch", "run", str(csv), "--out", str(tmp_path / "out"), "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert (
        "warning: in.csv: most rows have one cell where the header has 3 columns split by ',': the rows"
        " use another separator than the header? Then save the export again with one separator throughout"
    ) in r.stderr
    errors = (tmp_path / "out" / "errors.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(errors) == 3
    csv.write_text("klantnummer;geboortejaar;land_herkomst\nAB-1;1990;SY\n", encoding="utf-8")
    r = runner.invoke(app, ["batch", "run", str(csv), "--out", str(tmp_path / "out2"), "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert "one cell" not in r.stderr
