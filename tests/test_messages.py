"""The message catalogue (skilltool/messages/{nl,en}.yaml) and the profile's facts (schema v3)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from skilltool import diploma_routes, diplomas, messages
from skilltool.cli import app
from skilltool.errors import InputFileError, OutputError
from skilltool.models import Profile

runner = CliRunner()

REPO = Path(__file__).resolve().parents[1]


def test_every_key_exists_in_both_languages_with_the_same_fields() -> None:
    """A key missing in one language, or a ``{field}`` that differs between the two, fails here
    (the catalogue never falls back to the other language)."""
    nl, en = messages.catalogue("nl"), messages.catalogue("en")
    assert sorted(set(nl) ^ set(en)) == []
    differing = {k: (messages.fields(nl[k]), messages.fields(en[k])) for k in nl}
    assert {k: v for k, v in differing.items() if v[0] != v[1]} == {}
    assert all(re.fullmatch(r"[a-z0-9_][a-z0-9_.-]*", k) for k in nl)
    assert all(nl[k].strip() and en[k].strip() for k in nl)


def test_a_missing_key_is_an_error_and_a_code_without_a_name_shows_as_is() -> None:
    """``t`` raises on an unknown key (no silent fallback to the other language); ``name`` gives a
    code's display name in either language."""
    with pytest.raises(KeyError):
        messages.t("no.such.key", "nl")
    assert messages.t("suggest.g_dutch", "nl", need="B1", have="A2") == "Nederlands B1 nodig (nu A2)"
    assert messages.name("route", "recognition_first", "en") == "recognition first"
    assert messages.name("sector", "technology_installation", "nl") == "Techniek en installatie"
    assert messages.name("sector", "not_a_sector", "nl") == "not_a_sector"


def test_sector_names_match_the_sector_data() -> None:
    """The catalogue's sector names are the ones data/sectors.yaml gives (no second, drifting copy)."""
    data = yaml.safe_load((REPO / "data" / "sectors.yaml").read_text(encoding="utf-8"))
    sectors = {s["id"]: s["name"] for s in data["sectors"]}
    for lang in messages.LANGS:
        names = {k.removeprefix("sector."): v for k, v in messages.catalogue(lang).items()}
        assert {sid: names.get(sid) for sid in sectors} == {sid: n[lang] for sid, n in sectors.items()}


def test_route_steps_and_caveat_come_from_the_catalogue() -> None:
    """Each official route step's texts are the catalogue's ``diploma.step.<id>``."""
    for sid, step in diplomas.ROUTE_STEPS.items():
        assert step.text.nl == messages.t(f"diploma.step.{sid}", "nl")
        assert step.text.en == messages.t(f"diploma.step.{sid}", "en")
    assert diplomas.CAVEAT.en == messages.t("diploma.caveat", "en")


def _v2_profile(caveat: str, route: list[str]) -> dict[str, object]:
    return {
        "schema_version": 2,
        "personal": {"client_ref": "OLD-2"},
        "education": [
            {"country": "SY", "qualification": "Bachelor", "caveat": caveat, "official_route": route}
        ],
    }


def test_version_2_sentences_map_back_to_facts() -> None:
    """A version-2 profile's Dutch caveat and route sentences become the catalogue key and step
    ids, so an English report renders them in English."""
    step = diploma_routes.STEP_DIPLOMAWAARDERING
    data = _v2_profile(diplomas.CAVEAT.nl, [step.text.nl, diploma_routes.STEP_DOCUMENTS.text.en])
    profile = Profile.model_validate(data)
    edu = profile.education[0]
    assert profile.schema_version == 4
    assert edu.caveat_key == "diploma.caveat" and edu.caveat is None
    assert edu.route_steps == [step.id, diploma_routes.STEP_DOCUMENTS.id]
    assert edu.official_route == []


def test_version_2_unknown_sentences_stay_as_marked_legacy_text() -> None:
    """A sentence the catalogue does not know (edited by hand, or from an older tool) is kept as
    written, and the report marks it as not translated instead of pretending it is English."""
    from skilltool import report
    from skilltool.reference import ReferenceData

    data = _v2_profile("Een eigen waarschuwing.", ["Bel de gemeente.", diploma_routes.STEP_BIG.text.nl])
    profile = Profile.model_validate(data)
    edu = profile.education[0]
    assert edu.caveat == "Een eigen waarschuwing." and edu.caveat_key is None
    assert edu.official_route == ["Bel de gemeente."] and edu.route_steps == [diploma_routes.STEP_BIG.id]
    out = report.render(profile, ref=ReferenceData(), fmt="md", lang="en")
    assert "Bel de gemeente. (text from an older profile, not translated)" in out
    assert diploma_routes.STEP_BIG.text.en in out and diploma_routes.STEP_BIG.text.nl not in out


def test_a_rule_key_is_worded_in_the_batch_language() -> None:
    """errors.csv: an intake rule (a catalogue key) in the batch's language, never the English
    fallback among Dutch reasons; a value rule from pydantic likewise."""
    from skilltool import batch, batch_mapping
    from skilltool.errors import InputFileError

    exc = InputFileError(
        "work.0.country: 'Atlantis' is not a country we know",
        rule="reason.unknown_country",
        field="work.0.country",
    )
    column, reason = batch._profile_error(exc, {("work", 0, "country"): "beroep_1_land"}, "nl")
    assert column == "beroep_1_land" and reason == messages.t("reason.unknown_country", "nl")
    assert "Atlantis" not in reason
    _, fallback = batch._profile_error(InputFileError("broken"), {}, "nl")
    assert fallback == messages.t("reason.unprocessable", "nl")
    error = {"type": "greater_than_equal", "ctx": {"ge": 0}}
    assert batch_mapping.validation_reason(error, "nl") == "moet minstens 0 zijn"
    assert batch_mapping.validation_reason({"type": "licence"}, "en").startswith(
        "is not an EU driving licence category (AM"
    )
    assert (
        batch_mapping.validation_reason({"type": "no_such_rule"}, "nl") == "ongeldige waarde (no_such_rule)"
    )


def test_version_3_sentences_become_keys_or_stay_marked_as_written() -> None:
    """Migration 3 -> 4: a stored suggestion's and proposed step's sentence equal to a catalogue
    text (numbers and CEFR codes as its parameters) becomes its key and parameters, so an English
    report words it in English; a sentence with a word in it (a label, which could be in the
    other language) stays as written, marked with its language and shown as not translated; an
    agreed step stays the caseworker's words. It holds whatever the reference data say now (the
    occupation is gone)."""
    from skilltool import report
    from skilltool.models import Text
    from skilltool.reference import ReferenceData

    nl = "nl"
    skills = messages.t("suggest.r_skills", nl, e=3, ne=5)
    dutch = messages.t("suggest.g_dutch", nl, need="B1", have="A2")
    labelled = messages.t("suggest.r_related", nl, label="lasser")
    data = {
        "schema_version": 3,
        "texts_lang": nl,
        "personal": {"client_ref": "OLD-3"},
        "suggestions": [
            {
                "uri": "http://data.europa.eu/esco/occupation/not-any-more",
                "isco": "9999",
                "label": "verdwenen beroep",
                "sector": "",
                "score": 50,
                "route": "direct",
                "at_level": False,
                "tightness": {"category": "unknown"},
                "fit": [messages.t("suggest.fit_wish", nl)],
                "parts": [
                    {"name": "wishes", "points": 0, "evidence": messages.t("suggest.ev_wish_none", nl)}
                ],
                "reasons": [labelled, skills],
                "gaps": [dutch],
                "caveat": messages.t("suggest.caveat", nl),
            }
        ],
        "next_steps": [
            {"action": "agreed", "text": "IDW aanvragen", "agreed": True},
            {"action": "network", "text": messages.t("suggest.s_network", nl), "reason": "Eigen reden."},
        ],
    }
    profile = Profile.model_validate(data)
    assert profile.schema_version == 4
    s = profile.suggestions[0]
    assert s.reasons == [
        Text(written=labelled, lang="nl"),
        Text(key="suggest.r_skills", params={"e": 3, "ne": 5}),
    ]
    assert s.gaps == [Text(key="suggest.g_dutch", params={"need": "B1", "have": "A2"})]
    assert s.fit == [Text(key="suggest.fit_wish")] and s.caveat == Text(key="suggest.caveat")
    assert s.parts[0].evidence == Text(key="suggest.ev_wish_none")
    agreed, network = profile.next_steps
    assert agreed.text == "IDW aanvragen"
    assert network.text == Text(key="suggest.s_network") and network.reason == Text(
        written="Eigen reden.", lang="nl"
    )
    assert Profile.model_validate_json(profile.model_dump_json()) == profile  # written as 4, read back
    out = report.render(profile, ref=ReferenceData(), fmt="md", lang="en").replace("\\", "")
    assert messages.t("suggest.r_skills", "en", e=3, ne=5) in out and skills not in out
    assert messages.t("suggest.g_dutch", "en", need="B1", have="A2") in out and dutch not in out
    assert messages.t("suggest.s_network", "en") in out
    assert f"{labelled} ({messages.t('profile.legacy_text', 'en')})" in out
    assert "IDW aanvragen" in out and f"IDW aanvragen ({messages.t('profile.legacy_text', 'en')})" not in out


def test_a_text_must_be_a_catalogue_key_with_its_fields() -> None:
    """A stored text with a key the catalogue lacks, or other parameters than its fields, is refused
    on load (one validation error naming the key), never a crash in a later report."""
    from pydantic import ValidationError

    from skilltool.models import Text

    with pytest.raises(ValidationError, match="not a message catalogue key"):
        Text.model_validate({"key": "suggest.no_such_text"})
    with pytest.raises(ValidationError, match="takes the parameters"):
        Text.model_validate({"key": "suggest.r_skills", "params": {"e": 1}})
    with pytest.raises(ValidationError, match="catalogue key or the text as written"):
        Text.model_validate({})


def test_profile_show_speaks_the_chosen_language() -> None:
    """``profile show --lang nl`` has Dutch labels and statuses, ``--lang en`` English ones."""
    from typer.testing import CliRunner

    from skilltool.cli import app

    path = REPO / "examples" / "personas" / "syrian_cook.json"
    nl = CliRunner().invoke(app, ["profile", "show", str(path), "--lang", "nl"])
    en = CliRunner().invoke(app, ["profile", "show", str(path), "--lang", "en"])
    assert nl.exit_code == 0 and en.exit_code == 0, nl.output + en.output
    assert "land van herkomst" in nl.output and "bevestigd" in nl.output and "confirmed" not in nl.output
    assert "country of origin" in en.output and "bevestigd" not in en.output


def test_nested_text_facts_serialise_by_type_and_read_back() -> None:
    """A Text whose parameters nest data words, a joined list and another Text serialises each
    value by its own type (params and items are serialised as-any for speed) and reads back equal."""
    from skilltool.models.texts import Join, Text, Words

    inner = Text(key="suggest.r_related", params={"label": Words(nl="lasser", en="welder")})
    text = Text(
        key="suggest.ev_related_same",
        params={"label": Join(items=[Words(nl="kok", en="cook"), inner, 3]), "short": ""},
    )
    data = json.loads(text.model_dump_json())
    assert data["params"]["label"]["items"][0] == {"nl": "kok", "en": "cook"}
    assert data["params"]["label"]["items"][1] == {
        "key": "suggest.r_related",
        "params": {"label": {"nl": "lasser", "en": "welder"}},
    }
    assert data["params"]["label"]["items"][2] == 3 and "written" not in data
    assert Text.model_validate_json(text.model_dump_json()) == text
    assert "welder" in text.render("en") and "lasser" in text.render("nl")


def test_say_checks_its_key_and_fields_where_the_message_is_made() -> None:
    """``say`` refuses an unknown key or other fields at once (a bug, found where it was made)."""
    with pytest.raises(KeyError, match=r"no\.such\.key"):
        messages.say("no.such.key")
    with pytest.raises(TypeError, match=r"errors\.file\.missing"):
        messages.say("errors.file.missing", path="x")


def test_an_error_made_with_say_is_english_as_a_string_and_rendered_in_either_language() -> None:
    """A core error keeps one message per language: ``str`` (logs, Python callers) is English,
    ``render`` gives nl or en with nested texts in the same language, ``text`` carries it on."""
    error = InputFileError(
        messages.say("errors.file.missing", path="a.csv", what=messages.say("errors.what.export"))
    )
    assert str(error) == error.message == "a.csv: no such file; check the name and folder of the export"
    assert error.render("nl") == "a.csv: bestand bestaat niet; controleer de naam en de map van de export"
    assert error.render("en") == error.message
    again = OutputError(error.text)
    assert again.render("nl") == error.render("nl")
    plain = InputFileError("as written")
    assert plain.render("nl") == plain.text == "as written"


def test_skilltool_lang_sets_the_language_of_errors(tmp_path: Path) -> None:
    """Without --lang a command speaks SKILLTOOL_LANG (else Dutch), its errors too."""
    missing = str(tmp_path / "none.json")
    dutch = runner.invoke(app, ["report", missing])
    english = runner.invoke(app, ["report", missing], env={"SKILLTOOL_LANG": "en"})
    assert dutch.exit_code == english.exit_code == 1
    assert "bestand bestaat niet" in dutch.stderr and "het profiel" in dutch.stderr
    assert "no such file" in english.stderr and "the profile" in english.stderr


def test_ctrl_c_says_interrupted_in_the_command_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C in any command: exit 130 and one status line in the command's language."""

    def interrupt(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(diplomas, "dutch_levels", interrupt)
    nl = runner.invoke(app, ["diploma", "levels"])
    en = runner.invoke(app, ["diploma", "levels", "--lang", "en"])
    assert nl.exit_code == en.exit_code == 130
    assert nl.stderr.strip() == "onderbroken" and en.stderr.strip() == "interrupted"


def test_a_bad_data_dir_is_named_in_the_chosen_language(tmp_path: Path) -> None:
    """The root's --data-dir check runs before any command's --lang: SKILLTOOL_LANG, else Dutch."""
    args = ["--data-dir", str(tmp_path / "nope"), "diploma", "list"]
    dutch = runner.invoke(app, args)
    english = runner.invoke(app, args, env={"SKILLTOOL_LANG": "en"})
    assert dutch.exit_code == english.exit_code == 2
    assert (
        dutch.stderr
        == f"fout: --data-dir {tmp_path / 'nope'}: map bestaat niet; geef de map data/ van een checkout\n"
    )
    assert "no such folder" in english.stderr


@pytest.mark.parametrize(
    ("args", "dutch", "english"),
    [
        (
            ["suggest", "x.json", "--top"],
            "optie '--top' vraagt om een waarde.",
            "Option '--top' requires an argument.",
        ),
        (
            ["suggest", "x.json", "--top", "abc"],
            "'--top' / '-n': geen geheel getal",
            "'--top' / '-n': not a whole number",
        ),
        (["report"], "argument 'PROFILE.json' ontbreekt.", "Missing argument 'PROFILE.json'."),
        (["occupation", "nope"], "onbekende opdracht 'nope'.", "No such command 'nope'."),
        (
            ["suggest", "x.json", "y.json"],
            "onverwacht extra argument (y.json)",
            "unexpected extra argument(s) (y.json)",
        ),
    ],
)
def test_click_usage_errors_speak_the_command_language(args: list[str], dutch: str, english: str) -> None:
    """A mistyped command line: exit 2, usage, hint and error in the command's language."""
    nl = runner.invoke(app, args)
    en = runner.invoke(app, args, env={"SKILLTOOL_LANG": "en"})
    assert nl.exit_code == en.exit_code == 2
    assert nl.stderr.startswith("Gebruik: skilltool ") and nl.stderr.rstrip().endswith(dutch)
    assert "Typ 'skilltool " in nl.stderr and "Fout: " in nl.stderr
    assert en.stderr.startswith("Usage: skilltool ") and en.stderr.rstrip().endswith(english)


def test_lang_before_a_mistyped_option_counts() -> None:
    """``--lang en`` before the mistake: English, although Click never finished parsing it."""
    r = runner.invoke(app, ["suggest", "--lang", "en", "x.json", "--top"])
    assert r.exit_code == 2 and r.stderr.rstrip().endswith("Error: Option '--top' requires an argument.")


def test_an_unknown_click_message_is_shown_as_written() -> None:
    """A Click message of a form the catalogue does not know stays as Click wrote it."""
    from skilltool.cli.common import click_message

    assert click_message("Something new happened.", "nl") == "Something new happened."


def test_every_forecast_direction_in_the_data_has_a_name_in_both_languages() -> None:
    """ROA's expected development (a Dutch phrase in the source) is named in the output's
    language, never shown in Dutch in English evidence; an unknown phrase stays as written."""
    from skilltool import tightness

    data = (REPO / "data" / "occupations.yaml").read_text(encoding="utf-8")
    phrases = set(re.findall(r"^\s*direction: (.+)$", data, flags=re.MULTILINE))
    assert phrases, "the generated data hold no forecast direction"
    for phrase in phrases:
        assert tightness.direction_text(phrase, "en") != phrase, phrase
        assert tightness.direction_text(phrase, "nl") == phrase
    assert tightness.direction_text("verdere verkrapping", "en") == "tightening further"
    assert tightness.direction_text("iets nieuws", "en") == "iets nieuws"


def test_the_compiled_catalogues_are_current() -> None:
    """nl.json and en.json hold what their YAML says: after editing a text, run `make messages`."""
    for lang in messages.LANGS:
        shipped = (Path(messages.__file__).parent / f"{lang}.json").read_text(encoding="utf-8")
        assert shipped == messages.compiled(lang), f"messages/{lang}.json is stale: run `make messages`"


def test_a_stale_or_damaged_compiled_catalogue_gives_way_to_the_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The JSON is only a faster read: one that does not match its YAML, or does not parse, or is
    missing, is ignored and the YAML read (an edit not yet compiled shows at once)."""
    source = Path(messages.__file__).parent
    (tmp_path / "en.yaml").write_text("greeting: hello {name}\n", encoding="utf-8")
    monkeypatch.setattr(messages, "_FOLDER", tmp_path)
    read = messages.catalogue.__wrapped__  # past the memo
    for json_text in (None, "{not json", (source / "en.json").read_text(encoding="utf-8")):
        if json_text is not None:
            (tmp_path / "en.json").write_text(json_text, encoding="utf-8")
        assert read("en") == {"greeting": "hello {name}"}
    monkeypatch.undo()
    (tmp_path / "out").mkdir()
    written = messages.write_compiled(tmp_path / "out")
    assert [p.name for p in written] == ["nl.json", "en.json"]
    assert json.loads(written[1].read_text(encoding="utf-8"))["texts"] == messages.catalogue("en")


def test_reading_the_catalogue_imports_no_yaml() -> None:
    """A help page or an error reads the compiled catalogue: yaml (9 ms) is not imported for it."""
    code = (
        "import sys; from skilltool import messages; messages.catalogue('nl'); messages.catalogue('en');"
        "sys.exit('yaml' in sys.modules or 'importlib.resources' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
