"""``report.render``: bilingual headings, right-to-left isolation, review flags, sensitive parts."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from skilltool import report
from skilltool.errors import UsageError
from skilltool.models import (
    Circumstances,
    Confirmation,
    DiplomaIndication,
    DutchLanguage,
    Education,
    LanguageSkill,
    NextStep,
    OccupationCode,
    Personal,
    Profile,
    SkillEntry,
    Suggestion,
    Text,
    TightnessRef,
    Words,
    WorkExperience,
)
from skilltool.models.answers import WorkAnswer
from skilltool.models.batch import BatchManifest
from skilltool.reference import ReferenceData

from .conftest import REPO

OCC = "http://data.europa.eu/esco/occupation/"


def make_profile() -> Profile:
    """A small profile with Arabic free text, a doubtful code, a suggestion and sensitive fields."""
    return Profile(
        created=dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC),
        tool_version="0.1.0",
        personal=Personal(
            client_ref="UTR-7", birth_year=1988, country_of_origin="SY", municipality="Utrecht"
        ),
        languages=[LanguageSkill(language="ar", mother_tongue=True), LanguageSkill(language="en", cefr="B2")],
        dutch=DutchLanguage(cefr="A2", integration_route="b1"),
        education=[
            Education(
                country="SY",
                qualification="الشهادة الثانوية العامة",
                indication=DiplomaIndication(
                    entry_id="sy-x",
                    qualification="General Secondary Education Certificate",
                    dutch_equivalent="havodiploma",
                    nlqf_min=4,
                    nlqf_max=4,
                    eqf_min=4,
                    eqf_max=4,
                    source="Nuffic",
                    score=88,
                ),
                caveat="Indicatie, geen officiële waardering",
                official_route=["Vraag een diplomawaardering aan bij IDW"],
            )
        ],
        work=[
            WorkExperience(
                title="monteur <script>alert(1)</script>",
                years=3,
                coded=OccupationCode(uri=OCC + "a", isco="7411", label="elektricien", score=61),
                alternatives=[
                    OccupationCode(uri=OCC + "b", isco="7233", label="monteur landbouwmachines", score=58)
                ],
                needs_review=True,
            ),
            WorkExperience(
                title="lasser",
                coded=OccupationCode(uri=OCC + "c", isco="7212", label="lasser", score=100),
                confirmation=Confirmation(status="confirmed", by="caseworker", on=dt.date(2026, 11, 28)),
            ),
        ],
        skills=[
            SkillEntry(label="koken | bakken", origin="self_reported"),
            SkillEntry(
                label="use welding equipment",
                skill_id="w",
                origin="derived_from_occupation",
                source_ref=OCC + "c",
            ),
            SkillEntry(label="VCA", origin="evidenced_by_document", source_ref="certificate: VCA"),
        ],
        certificates=["VCA"],
        circumstances=Circumstances(care_duties=True, health_limits_work="yes"),
        notes="VERTROUWELIJK-NOTITIE",
        next_steps=[NextStep(action="agreed", text="IDW aanvragen", agreed=True)],
        suggestions=[
            Suggestion(
                uri=OCC + "c",
                isco="7212",
                label="lasser",
                sector="techniek",
                score=80,
                route="direct",
                at_level=True,
                tightness=TightnessRef(category="zeer krap", period="2024Q4", forecast="groot"),
                reasons=[Text(key="suggest.r_related", params={"label": Words(nl="lasser", en="welder")})],
                gaps=[Text(key="suggest.g_dutch", params={"need": "B1", "have": "A2"})],
            )
        ],
    )


@pytest.fixture(scope="module")
def ref() -> ReferenceData:
    return ReferenceData()


def test_html_puts_the_client_language_beside_each_heading(ref: ReferenceData) -> None:
    """Arabic headings sit in dir=rtl spans with <bdi>, marked unreviewed, in a self-contained page."""
    html = report.render(make_profile(), fmt="html", lang="nl", client_lang="ar", ref=ref)
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="nl" dir="ltr">' in html
    assert '<span class="client" lang="ar" dir="rtl"><bdi>ملف المهارات</bdi></span>' in html
    assert '(niet nagekeken · <span lang="ar" dir="rtl"><bdi>لم تتم مراجعتها</bdi></span>)' in html
    assert "<bdi>الشهادة الثانوية العامة</bdi>" in html
    assert "@media print" in html and "@page" in html
    assert "<link" not in html and "<script" not in html and "http-equiv" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_ltr_client_language_is_not_marked_rtl(ref: ReferenceData) -> None:
    """Turkish headings are left-to-right."""
    html = report.render(make_profile(), fmt="html", lang="en", client_lang="tr", ref=ref)
    assert '<span class="client" lang="tr" dir="ltr"><bdi>Beceri profili</bdi></span>' in html
    assert '(not reviewed · <span lang="tr" dir="ltr"><bdi>gözden geçirilmedi</bdi></span>)' in html


def test_report_content(ref: ReferenceData) -> None:
    """Languages, diploma indication with caveat and route, review flags, skills by origin."""
    html = report.render(make_profile(), fmt="html", lang="en", ref=ref)
    for text in (
        "Arabic (ar)",
        "senior general secondary education (HAVO) diploma",  # the level from its facts, in English
        "Indicatie, geen officiële waardering",
        "Vraag een diplomawaardering aan bij IDW",
        "Still to be reviewed",
        "monteur landbouwmachines (ISCO 7233, 58)",
        "confirmed by caseworker",
        "Self-reported",
        "Derived from work experience",
        "Evidenced by a document",
        "Suggested occupations",
        "very tight (UWV, 2024Q4); to 2030: large bottlenecks (ROA)",
        "related to past work as welder",  # stored as a fact, worded in the report's language
        "Dutch B1 needed (now A2)",
        "IDW aanvragen",
        "This service uses the ESCO classification of the European Commission.",
    ):
        assert text in html, text


def test_sensitive_details_only_on_request(ref: ReferenceData) -> None:
    """Health, care duties and notes are left out unless include_sensitive."""
    plain = report.render(make_profile(), fmt="md", lang="nl", ref=ref)
    assert "VERTROUWELIJK" not in plain and "Gevoelige gegevens" not in plain
    full = report.render(make_profile(), fmt="md", lang="nl", include_sensitive=True, ref=ref)
    assert "VERTROUWELIJK-NOTITIE" in full and "## Gevoelige gegevens" in full


def test_markdown_isolates_right_to_left_text(ref: ReferenceData) -> None:
    """Markdown wraps Arabic headings in RLI..PDI and answers in FSI..PDI; table pipes are escaped."""
    md = report.render(make_profile(), fmt="md", lang="nl", client_lang="ar", ref=ref)
    assert md.startswith(
        "# Vaardighedenprofiel · \u2067ملف المهارات\u2069 (niet nagekeken · \u2067لم تتم مراجعتها\u2069)\n"
    )
    assert "### \u2068الشهادة الثانوية العامة\u2069" in md
    assert "koken \\| bakken" in md


def test_a_missing_translation_is_shown_as_missing(tmp_path: Path) -> None:
    """A heading without a client-language text says so; it never shows another language instead."""
    data = tmp_path / "data"
    shutil.copytree(REPO / "data" / "intake", data / "intake")
    shutil.copy(REPO / "data" / "dutch_qualifications.yaml", data)  # the level's names (NLQF ladder)
    so = data / "intake" / "i18n" / "so.yaml"
    so.write_text(
        "\n".join(line for line in so.read_text(encoding="utf-8").splitlines() if "  languages:" not in line)
        + "\n",
        encoding="utf-8",
    )
    html = report.render(make_profile(), fmt="html", lang="en", client_lang="so", ref=ReferenceData(data))
    assert '<h2>Languages <span class="note">(no so translation)</span></h2>' in html


def test_bad_format_or_language() -> None:
    """An unknown format or language is a usage error."""
    with pytest.raises(UsageError, match="--format"):
        report.render(make_profile(), fmt="pdf", lang="nl")  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="--lang"):
        report.render(make_profile(), fmt="md", lang="de")


def test_report_says_where_a_level_comes_from(ref: ReferenceData) -> None:
    """Issue 13: an inferred level is shown as inferred, with the reason, never as if the source
    printed it; the licence shows where it was issued, and the inburgering status is shown."""
    profile = make_profile()
    ind = profile.education[0].indication
    assert ind is not None
    edu = profile.education[0].model_copy(
        update={"indication": ind.model_copy(update={"basis": "inferred", "inferred_reason": "Dutch ladder"})}
    )
    profile = profile.model_copy(
        update={
            "education": [edu],
            "driving_licences": ["B"],
            "driving_licence_country": "SY",
            "dutch": DutchLanguage(cefr="A2", integration_route="b1", inburgering="obliged"),
        }
    )
    md = report.render(profile, fmt="md", lang="en", ref=ref)
    assert "inferred by the project: Dutch ladder" in md
    assert "B (issued in Syria)" in md
    assert "obliged to integrate" in md
    unknown = report.render(make_profile(), fmt="md", lang="en", ref=ref)
    assert "not recorded" in unknown


def test_report_shows_the_own_trade(ref: ReferenceData) -> None:
    """Issue 13: the own trade (past and wished occupations, with route and gaps) has its own
    section before the suggestions."""
    profile = make_profile()
    own = profile.suggestions[0].model_copy(update={"label": "eigen vak lasser"})
    md = report.render(profile.model_copy(update={"own_trade": [own]}), fmt="md", lang="en", ref=ref)
    assert "Own trade" in md and md.index("eigen vak lasser") < md.index("Suggested occupations")


def test_every_template_escapes_markup_and_quotes() -> None:
    """The Jinja2 environment autoescapes every template (whatever its file name; it ships as package
    data): a title, an answer and a chart label with a tag and quotes stay text in both reports."""
    from collections import Counter
    from importlib import resources

    from skilltool import batch_report, templating
    from skilltool.report_doc import Document, Heading, Para, Text

    names = {f.name for f in (resources.files("skilltool") / "templates").iterdir()}
    assert {"report.html.j2", "batch_report.html.j2", "report.css", "batch_report.css"} <= names
    assert templating.ENV.autoescape is True
    evil = '"><script>alert(1)</script>'
    doc = Document(lang="nl", title=Heading(evil), blocks=[Para([Text(evil, user=True)])])
    html = report.to_html(doc)
    assert "<script>" not in html and "<title>&#34;&gt;&lt;script&gt;" in html
    assert "<bdi>&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</bdi>" in html
    manifest = tiny_manifest(evil, rows=2)
    page = batch_report.render(manifest, {"occupations": Counter({evil: 2})}, lang="en")
    assert "<script>" not in page and page.count("&#34;&gt;&lt;script&gt;") >= 3


def test_source_urls_are_shown_decoded() -> None:
    """Issue 15: the person report shows readable URLs (`.../syrië/`), not percent-encoding;
    a URL whose decoding would hold a space or invalid UTF-8 stays as it is."""
    from skilltool.report import readable_urls

    text = "Nuffic, Syrië: https://www.nuffic.nl/onderwerpen/onderwijs-en-diplomas-syri%C3%AB/ (2024)"
    assert (
        readable_urls(text)
        == "Nuffic, Syrië: https://www.nuffic.nl/onderwerpen/onderwijs-en-diplomas-syrië/ (2024)"
    )
    assert readable_urls("https://x.nl/a%20b") == "https://x.nl/a%20b"
    assert readable_urls("https://x.nl/%FF") == "https://x.nl/%FF"
    assert readable_urls("no url, 50%") == "no url, 50%"


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_report_shows_the_source_url_decoded(ref: ReferenceData, fmt: str) -> None:
    """The diploma indication's source URL reaches the HTML and Markdown report decoded."""
    profile = make_profile()
    edu = profile.education[0]
    assert edu.indication is not None
    source = "Nuffic: https://www.nuffic.nl/onderwerpen/onderwijs-en-diplomas-syri%C3%AB/"
    indication = edu.indication.model_copy(update={"source": source})
    profile = profile.model_copy(update={"education": [edu.model_copy(update={"indication": indication})]})
    out = report.render(profile, fmt=fmt, lang="nl", ref=ref)  # type: ignore[arg-type]
    assert "onderwijs-en-diplomas-syrië/" in out
    assert "%C3%AB" not in out


def tiny_manifest(path: str = "in.csv", *, rows: int = 3) -> BatchManifest:
    """A batch manifest of ``rows`` rows read from ``path``, all written: what the report's tests
    render around their counts."""
    return BatchManifest.model_validate(
        {
            "tool_version": "0",
            "created": "x",
            "input": {"path": path, "sha256": "0" * 64, "kind": "csv"},
            "mapping": "m",
            "mapping_sha256": "0",
            "data_dir": "d",
            "data_versions": {},
            "options": {},
            "timings": {},
            "counts": {"rows_read": rows, "rows_written": rows, "rows_rejected": 0, "blank_rows_skipped": 0},
        },
        strict=False,
    )


@pytest.mark.parametrize(
    ("typed", "held_back"),
    [
        ("afspraak bedrijfsarts over rugklachten", True),
        ("eerst kinderopvang regelen, dan solliciteren", True),
        ("talk to her husband about the night shifts", True),
        ("cv bijwerken en twee vacatures bekijken", False),
        ("starts at the warehouse on monday", False),  # "starts" holds no doctor (arts)
    ],
)
def test_a_typed_step_that_tells_health_or_family_is_held_back(
    ref: ReferenceData, typed: str, held_back: bool
) -> None:
    """An agreed step is the caseworker's own words; one that names a health or family detail stays
    out of the report made without include_sensitive (and out of ``Profile.public()``)."""
    profile = make_profile().model_copy(
        update={"next_steps": [NextStep(action="agreed", text=typed, agreed=True)]}
    )
    plain = report.render(profile, fmt="md", lang="nl", ref=ref)
    assert (typed not in plain) is held_back
    assert ("hier weggelaten" in plain) is held_back
    assert typed in report.render(profile, fmt="md", lang="nl", include_sensitive=True, ref=ref)
    public = profile.public().next_steps
    assert (public[0].text != typed) is held_back


def test_a_kind_of_work_not_said_is_unknown_not_employed(ref: ReferenceData) -> None:
    """A skipped "Soort werk" was stored as employed and the report said so; it is None now, shown
    as unknown, and the answers model does not assume it either."""
    assert WorkAnswer(title="bakker").kind is None
    work = WorkExperience(title="bakker", years=3)
    assert work.kind is None
    profile = make_profile().model_copy(update={"work": [work]})
    md = report.render(profile, fmt="md", lang="nl", ref=ref)
    row = next(line for line in md.splitlines() if "bakker" in line)
    assert "onbekend" in row and "loondienst" not in row
