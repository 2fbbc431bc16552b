"""``skilltool intake``: the scripted, resumable interview, and ``intake languages``."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from skilltool import (
    console,
    fsio,
    intake_engine,
    intake_script,
    intake_session,
    messages,
    profile_building,
    profile_files,
    sector_wishes,
    source_date,
)
from skilltool.cli import intake_languages
from skilltool.cli.common import (
    ClientLangOpt,
    ForceOpt,
    LangOpt,
    LocalizedGroup,
    group,
    out_of_score_order,
    several_jobs,
    state,
)
from skilltool.errors import OutputError, UsageError
from skilltool.models import Profile
from skilltool.models.answers import FREE_TEXT
from skilltool.models.intake import TranslationFile

app = group(
    cls=LocalizedGroup,  # not HelpGroup: a bare `skilltool intake` runs the interview
    invoke_without_command=True,
    help=(
        "``skilltool intake`` (its --help text: catalogue key ``help.intake``). Examples:\n"
        "skilltool intake --lang nl --client-lang ar --out UTR-0147.json\n"
        "skilltool intake --resume UTR-0147.json.draft.json\n"
        "skilltool intake --answers examples/answers/syria-civil-engineer.yaml --out profile.json\n"
        "skilltool intake languages\n"
    ),
)


class _Nothing(enum.Enum):
    """A coding question with nothing to choose: skipped going forwards, passed going back."""

    TO_ASK = "nothing to ask"


_NOTHING_TO_ASK = _Nothing.TO_ASK
# what the terminal asker returns: typed text, the skill picks, or a navigation
_Reply = str | dict[str, str] | intake_engine.Nav
_HELP = {"?", ":help", ":hulp", "help", "hulp"}
_BACK = {"<", ":back", ":terug"}
_SKIP = {"-", ":skip", ":over"}


def _nav(command: str) -> intake_engine.Nav | None:
    """The navigation a typed command asks for (help, back, skip), or None for an answer."""
    if command in _HELP:
        return intake_engine.Nav.HELP
    if command in _BACK:
        return intake_engine.Nav.BACK
    if command in _SKIP:
        return intake_engine.Nav.SKIP
    return None


def _default_text(value: object, *, lang: str, separator: str, choices: Sequence[str] = ()) -> str | None:
    """The answer given before, as the prompt offers it (Enter keeps it): a choice by its number,
    as the list above it shows it (it showed ``no`` under "1 Ja, 2 Nee")."""
    if value is None:
        return None
    if isinstance(value, str) and value in choices:
        return str(list(choices).index(value) + 1)
    if isinstance(value, bool):
        return messages.t("value.yes" if value else "value.no", lang)
    if isinstance(value, list):
        return f"{separator} ".join(str(v) for v in value)
    return str(value)


@dataclass
class _Shown:
    """What the terminal asker last showed: the section (and entry) header, and whether the
    caseworker was going back."""

    section: tuple[str, int | None] | None = None
    back: bool = False


def terminal_asker(
    *,
    lang: str,
    translation: TranslationFile | None,
    coders: profile_building.Coders,
) -> intake_engine.Ask:
    """The interactive ``ask``: a rich prompt per question with progress, client text and help."""
    shown = _Shown()

    def ask(p: intake_engine.Prompt) -> _Reply:
        reply = _ask(p)
        if reply is _NOTHING_TO_ASK:  # keep moving the way the caseworker was going
            return intake_engine.Nav.BACK if shown.back else intake_engine.Nav.SKIP
        shown.back = reply is intake_engine.Nav.BACK
        return reply

    def _ask(p: intake_engine.Prompt) -> _Reply | _Nothing:
        q = p.question
        header = None
        where = (p.section.id, p.item if p.section.repeat else None)
        if where != shown.section:
            shown.section = where
            header = messages.t(
                "intake.section",
                lang,
                n=p.section_number,
                total=p.section_count,
                title=p.section.title.get(lang),
            )
            if p.item is not None and not p.is_more:
                header += " · " + messages.t("intake.entry", lang, n=p.item + 1)
        if q.type == "occupation":
            return _pick_occupation(p, lang=lang, coders=coders, header=header, quiet=shown.back)
        if q.type == "skill_review":
            return _pick_skills(p, lang=lang, coders=coders, header=header)
        client = intake_script.client_text(translation, p.text_id)
        client_line = note = None
        if client is not None:
            if client.text is None:
                note = messages.t("intake.missing", lang, language=client.lang)
                client_line = ""
            else:
                client_line = client.text
                mark = messages.t("intake.unreviewed", lang, language=client.lang)  # + the client's words
                note = None if client.reviewed else " · ".join(filter(None, (mark, client.unreviewed)))

        def beside(own: str, text_id: str, *, say_missing: bool = False) -> str:
            # the client's text after the caseworker's, marked when nobody checked it; a choice or
            # a help text without one says so (it showed the Dutch alone, as if the client could read it)
            other = intake_script.client_text(translation, text_id)
            if other is None:
                return own
            if other.text is None:
                missing = messages.t("intake.missing", lang, language=other.lang)
                return f"{own} ({missing})" if say_missing else own
            mark = (
                "" if other.reviewed else f" ({messages.t('intake.unreviewed', lang, language=other.lang)})"
            )
            return f"{own} · {other.text}{mark}"

        choices = [beside(c.text.get(lang), f"{q.id}/choice/{c.value}", say_missing=True) for c in q.choices]
        text = q.text.get(lang)
        if p.is_more and p.item:  # "Nog een opleiding toevoegen?", not "Een opleiding toevoegen? (item 2)"
            entry = messages.t("intake.entry", lang, n=p.item + 1)
            text = q.again.get(lang) if q.again is not None else f"{text} ({entry})"
        hint = messages.t("intake.hint", lang) + (
            f" · {messages.t('intake.yesno', lang)}" if q.type == "bool" else ""
        )
        raw = console.intake_question(
            header=header,
            text=text + (" *" if q.required else ""),
            client=client_line,
            client_note=note,
            choices=choices,
            help_text=(
                beside(q.help.get(lang), f"{p.text_id}/help", say_missing=True) if p.show_help else None
            ),
            error_text=p.error,
            hint=hint,
            default=_default_text(
                p.default, lang=lang, separator=q.separator, choices=[c.value for c in q.choices]
            ),
        )
        nav = _nav(raw.strip().casefold())
        if nav is None and q.id == SECTOR_QUESTION:
            _say_unread(raw.split(q.separator), coders=coders, lang=lang)
        return nav or raw

    return ask


SECTOR_QUESTION = "wishes.sectors"


def _say_unread(wishes: list[str], *, coders: profile_building.Coders, lang: str) -> None:
    """A wished sector ``suggest`` cannot read ("healthcare"): said when it is typed, while the
    caseworker can still go back, not first in the report."""
    why = messages.t("report.sector_not_read", lang)
    for wish in sector_wishes.unread_wishes(coders.ref.sectors, wishes):
        console.warn(messages.t("intake.sector_not_read", lang, wish=wish.strip(), why=why), lang)


def _pick_occupation(
    p: intake_engine.Prompt,
    *,
    lang: str,
    coders: profile_building.Coders,
    header: str | None,
    quiet: bool = False,
) -> str | intake_engine.Nav | _Nothing:
    """The caseworker confirms a code, picks another candidate, or keeps the free text."""
    title = str(p.context.get("title", ""))
    result = coders.occupation.code(title, lang=lang, top=5)
    if not result.candidates:
        if not quiet:
            console.note(messages.t("intake.nocode", lang, title=title))
            if result.problem:  # "geen", "huisvrouw": what to ask instead
                console.note(result.problem)
        return _NOTHING_TO_ASK
    if result.problem and not quiet:  # an activity read as a title, a text cut: what to check
        console.note(result.problem)
    if out_of_score_order(result.candidates) and not quiet:  # 100, 56, 68: why, said once
        console.note(messages.t("code.order_note", lang))
    if (parts := several_jobs(result)) and not quiet:  # one work entry per job: said where it is typed
        console.note(
            messages.t("intake.parts_note", lang, title=title, n=len(parts), parts=" · ".join(parts))
        )
    choices = [f"{c.label} (ISCO {c.isco}, {c.score:.0f})" for c in result.candidates]
    error = p.error
    default = None if result.needs_review else "1"
    if p.default == FREE_TEXT:  # a reopened intake (or going back): the choice made then
        default = "0"
    elif isinstance(p.default, str) and p.default:
        uris = [c.uri for c in result.candidates]
        default = str(uris.index(p.default) + 1) if p.default in uris else p.default
    while True:
        raw = console.intake_question(
            header=header,
            text=messages.t("intake.coded", lang, title=title),
            choices=choices,
            zero=messages.t("intake.keep", lang),
            help_text=p.question.help.get(lang) if p.show_help else None,
            error_text=error,
            hint=messages.t("intake.review_hint" if default else "intake.review_hint_enter", lang),
            default=default,
        )
        header = None
        command = raw.strip().casefold()
        if (nav := _nav(command)) is not None:
            return nav
        if not command:
            return intake_engine.Nav.SKIP
        if command == "0":
            return FREE_TEXT
        if (n := _picked(command, len(result.candidates))) is not None:
            return result.candidates[n - 1].uri
        if command.startswith("http"):  # an ESCO URI pasted from `occupation code`: the engine checks it
            return raw
        # a word typed here ("schilder") was refused as "not an ESCO URI and not 'free_text'"
        error = messages.t("intake.bad_pick", lang, value=raw.strip(), n=len(result.candidates))


def _picked(command: str, count: int) -> int | None:
    """The candidate number typed (1 to ``count``), or None. Decimal digits of any script (``١``)
    are numbers; ``²`` passes ``isdigit`` but not ``int()``, and 5,000 typed digits are over
    ``int()``'s limit: both ended the interview in a ``ValueError`` traceback."""
    if not (command.isdecimal() and len(command) <= 4):
        return None
    return int(command) if 1 <= int(command) <= count else None


def _pick_skills(
    p: intake_engine.Prompt, *, lang: str, coders: profile_building.Coders, header: str | None
) -> dict[str, str] | intake_engine.Nav | _Nothing:
    """For each free-text skill the coder is unsure of: pick a candidate, keep the text, or leave it."""
    picks: dict[str, str] = {}
    asked = False
    given = p.state.get("skills.free_text")  # a list of str, as parse_answer stored it
    texts = [text for text in given if isinstance(text, str)] if isinstance(given, list) else []
    for text in texts:
        result = coders.skill.code(text, lang=lang, top=5)
        if not result.needs_review or not result.candidates:
            continue
        asked = True
        choices = [f"{c.label} ({c.score:.0f})" for c in result.candidates]
        # as suggest says of its missing skills: a Dutch session shows English where ESCO has no Dutch
        english = lang == "nl" and any(coders.skill.english_only(c.skill_id) for c in result.candidates)
        error = p.error
        while True:
            raw = console.intake_question(
                header=header,
                text=messages.t(f"intake.skill_coded{'_en' if english else ''}", lang, text=text),
                choices=choices,
                zero=messages.t("intake.keep", lang),
                help_text=p.question.help.get(lang) if p.show_help else None,
                error_text=error,
                hint=messages.t("intake.review_hint_enter", lang),  # no default: Enter leaves it
            )
            header = None
            command = raw.strip().casefold()
            nav = _nav(command)
            if nav is intake_engine.Nav.HELP or nav is intake_engine.Nav.BACK:
                return nav
            if nav is intake_engine.Nav.SKIP or not command:  # this skill left as it is
                break
            if command == "0":
                picks[text] = FREE_TEXT
                break
            if (n := _picked(command, len(result.candidates))) is not None:
                picks[text] = result.candidates[n - 1].skill_id
                break
            error = messages.t("intake.bad_pick", lang, value=raw.strip(), n=len(result.candidates))
    if not asked:
        return _NOTHING_TO_ASK
    return picks or intake_engine.Nav.SKIP


@app.callback()
def intake_cmd(  # noqa: PLR0917 - a command's options
    ctx: typer.Context,
    lang: LangOpt = "nl",
    client_lang: ClientLangOpt = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="PROFILE.json",
        ),
    ] = None,
    resume: Annotated[
        Path | None,
        typer.Option("--resume", metavar="DRAFT.json|PROFILE.json"),
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="ANSWERS.yaml",
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            metavar="CONFIG.yaml",
        ),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Run the intake: interactively, from a draft (--resume), or from a file (--answers)."""
    if ctx.invoked_subcommand is not None:
        return
    intake_script.check_client_lang(client_lang)
    created = source_date.fixed_now()  # one that is no time is refused before the first question
    if resume is not None and answers is not None:
        raise UsageError(messages.t("usage.one_of", lang, first="--resume", second="--answers"))
    if out is not None:
        fsio.check_output_file(out)  # before the interview, not after it
        fsio.check_not_input(out, answers, config, resume)
        fsio.check_not_taken(out, force=force)
    ref = state(ctx).ref
    coders = profile_building.Coders(ref)

    if answers is not None:
        profile = intake_session.from_answers_file(
            ref, answers, config=config, lang=lang, coders=coders, now=created
        )
        why = messages.t("report.sector_not_read", lang)
        for wish in sector_wishes.unread_wishes(ref.sectors, profile.wishes.sectors):
            console.warn(
                messages.t("intake.sector_not_read_file", lang, path=answers, wish=wish, why=why), lang
            )
        _write(profile, out=out, lang=lang, force=force)
        return

    given = resume is None or getattr(ctx.get_parameter_source("lang"), "name", "") == "COMMANDLINE"
    chosen = lang if given else None  # --resume without --lang: the draft's language
    session = intake_session.open_session(
        ref, lang=chosen, client_lang=client_lang, out=out, resume=resume, config=config, force=force
    )
    for warning in session.warnings:
        console.warn(warning.render(session.lang), session.lang)
    for line in session.notes:
        console.note(line.render(session.lang))
    resume_note = messages.t(
        "intake.resume", session.lang, command=intake_session.resume_command(session.draft_path)
    )
    try:
        intake_session.start(session)
    except intake_session.DraftSaveError as exc:
        console.error(exc.render(session.lang), session.lang)
        if session.resumed:  # the draft on disk is as it was: it can be resumed elsewhere
            console.note(resume_note, always=True)
        raise typer.Exit(1) from None
    console.note(messages.t("intake.saved", session.lang, path=session.draft_path))
    ask = terminal_asker(lang=session.lang, translation=session.translation, coders=coders)
    try:
        with intake_session.held(session):
            profile = intake_session.interview(session, ask, ref=ref, coders=coders, now=created)
            intake_session.finish(
                session,
                profile,
                write=lambda p: _write(
                    p, out=session.out, lang=session.lang, force=None if out is None else force
                ),
            )
    except intake_session.IntakeInterruptedError as exc:
        console.note("", always=True)
        console.note(messages.t("intake.saved", session.lang, path=session.draft_path), always=True)
        console.note(resume_note, always=True)
        raise typer.Exit(exc.exit_code) from None
    except intake_session.DraftSaveError as exc:
        console.error(exc.render(session.lang), session.lang)
        console.note(resume_note, always=True)
        raise typer.Exit(1) from None


def _write(profile: Profile, *, out: Path | None, lang: str, force: bool | None = None) -> None:
    """The profile to ``out`` (stdout without). ``force`` is given when ``--out`` was (and checked
    before the interview): asked again under the file's lock (``fsio.claimed``), so an intake
    started meanwhile on that ``--out`` is never replaced without ``--force``."""
    if out is None:
        console.print_json(profile)
        return
    if force is None:  # the draft's own --out, resumed
        profile_files.write_profile(out, profile)
    else:
        with fsio.claimed(out, force=force, busy=OutputError(messages.say("errors.file.out_busy", path=out))):
            profile_files.write_profile(out, profile)
    console.note(messages.t("status.profile_written", lang, path=out))
    review = sum(1 for w in profile.work if w.needs_review)
    if review:
        console.note(messages.t("intake.work_to_review", lang, n=review))


app.command("languages")(intake_languages.languages_cmd)
