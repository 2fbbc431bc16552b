"""``skilltool profile``: the profile's JSON Schema, and a profile shown for people or as JSON."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from skilltool import console, messages, profile_files, relabel
from skilltool.cli.common import JsonOpt, LangOpt, group, state
from skilltool.errors import DataFileError
from skilltool.formats import level_range

if TYPE_CHECKING:
    from skilltool.reference import ReferenceData

app = group(
    help=(
        "``skilltool profile`` (its --help text: catalogue key ``help.profile``). Examples:\n"
        "skilltool profile schema > profile.schema.json\n"
        "skilltool profile show build/demo/profile.json\n"
    ),
)


@app.command("schema")
def schema_cmd(lang: LangOpt = "nl") -> None:  # every command takes --lang (its help, its errors)
    """``skilltool profile schema`` (its --help text: catalogue key ``help.profile.schema``). Examples:

    skilltool profile schema > profile.schema.json
    """
    console.print_json(profile_files.profile_schema())


@app.command("show")
def show_cmd(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(metavar="PROFILE.json")],
    json_out: JsonOpt = False,
    lang: LangOpt = "nl",
) -> None:
    """``skilltool profile show`` (its --help text: catalogue key ``help.profile.show``). Examples:

    skilltool profile show build/demo/profile.json
    """
    profile = profile_files.read_profile(path)
    if json_out:
        console.print_json(profile)  # the file as it is
        return
    # coded occupations and derived skills in the output's language, as `report` shows them;
    # without reference data here, the labels as stored (the person's own words never change)
    with contextlib.suppress(DataFileError):
        profile = relabel.in_language(profile, ref=state(ctx).ref, lang=lang)
    p = profile.personal

    def t(key: str) -> str:
        return messages.t(f"show.{key}", lang)

    unknown = messages.t("value.unknown", lang)
    route = _route(state(ctx).ref, profile.dutch.integration_route, lang)
    console.key_values(
        [
            (t("client"), p.client_ref),
            ("schema", f"v{profile.schema_version}"),
            (t("created"), profile.created.isoformat() if profile.created else "-"),
            (t("country_of_origin"), p.country_of_origin or unknown),
            (t("birth_year"), p.birth_year or unknown),
            (
                t("dutch"),
                f"{profile.dutch.cefr or unknown} ({route})",
            ),
            (
                t("languages"),
                ", ".join(f"{s.language} {s.cefr or ''}".strip() for s in profile.languages) or "-",
            ),
        ]
    )
    if profile.education:
        console.table(
            [t("education"), t("country"), t("indication"), "NLQF", t("status")],
            [
                (
                    e.qualification,
                    e.country,
                    e.indication.dutch_equivalent if e.indication else t("no_comparison"),
                    level_range(e.indication.nlqf_min, e.indication.nlqf_max) if e.indication else "",
                    t(e.confirmation.status),
                )
                for e in profile.education
            ],
            lang=lang,
        )
    if profile.work:
        console.table(
            [t("work"), t("years"), t("coded_as"), "ISCO", "score", t("status")],
            [
                (
                    w.title,
                    f"{w.years:g}" if w.years is not None else "",
                    w.coded.label if w.coded else f"({t('free_text')})",
                    w.coded.isco if w.coded else "",
                    f"{w.coded.score:.0f}" if w.coded else "",
                    messages.t("review.needs_review", lang) if w.needs_review else t(w.confirmation.status),
                )
                for w in profile.work
            ],
            lang=lang,
        )
    counts: dict[str, int] = {}
    for skill in profile.skills:
        counts[skill.origin] = counts.get(skill.origin, 0) + 1
    console.key_values(
        [
            (t("skills"), ", ".join(f"{n} {t(origin)}" for origin, n in counts.items()) or "-"),
            (t("suggestions"), len(profile.suggestions)),
            (t("next_steps"), len(profile.next_steps)),
        ]
    )


def _route(ref: ReferenceData, route: str | None, lang: str) -> str:
    """The integration route in ``lang`` as the intake asks it ("B1-route"; it showed "route b1", the
    stored code); the code itself when the questionnaire cannot be read."""
    if route is None:
        return messages.t("value.unknown", lang)
    try:
        question = next(
            q for q in ref.intake_questionnaire.all_questions() if q.id == "languages.integration_route"
        )
    except (DataFileError, StopIteration):
        return f"route {route}"
    return next((c.text.get(lang) for c in question.choices if c.value == route), f"route {route}")
