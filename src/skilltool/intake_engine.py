"""The intake engine: a pure questionnaire walk, from the terminal, a draft or an answers file.

``run(questionnaire, ask)`` walks the script and calls ``ask(prompt)`` for each question; the CLI
passes a terminal prompt, ``--answers`` passes a file reader (``file_asker``), tests pass a dict.
``ask`` returns the raw answer or a ``Nav`` (back, skip, help). Answers are checked by type
(``answer_parsing``) and a bad one is asked again with the reason in ``prompt.error``.

The engine's state is a flat, ordered mapping ``key -> value`` (``personal.birth_year``,
``education.0.country``, ``education.+1`` for "add a second entry?"): the draft the CLI saves
after every answer, and what ``answers=`` resumes from. Going back removes the last answer."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from pydantic import ValidationError

from skilltool import countries, field_names
from skilltool.answer_parsing import AnswerError, CountryResolver, answers_from_mapping, parse_answer, reason
from skilltool.errors import InputFileError
from skilltool.messages import Say, say
from skilltool.models.answers import FREE_TEXT, IntakeAnswers, check_together, conflicts
from skilltool.models.intake import (
    Question,
    Questionnaire,
    Section,
)
from skilltool.reference import format_validation_error

# --- the engine ------------------------------------------------------------------------------------


class Nav(enum.Enum):
    """What ``ask`` returns instead of an answer: go back, skip the question, show its help."""

    BACK = "back"
    SKIP = "skip"
    HELP = "help"


@dataclass(frozen=True)
class Prompt:
    """Everything ``ask`` needs to put one question to a person (or to a file)."""

    key: str
    question: Question
    section: Section
    section_number: int
    section_count: int
    item: int | None = None
    is_more: bool = False
    # answers as the state holds them: parse_answer's Answer, or a draft's JSON until check_draft
    default: object = None
    error: str | None = None  # why the last answer was refused, in the run's ``lang``
    reason: Say | None = None  # the same, unrendered and without the answer (an answers file's error)
    show_help: bool = False
    can_go_back: bool = False
    context: Mapping[str, object] = field(default_factory=dict)
    state: Mapping[str, object] = field(default_factory=dict)

    @property
    def text_id(self) -> str:
        """The id of the shown text in translation files (``education.more`` for "add an entry?")."""
        return self.question.id


# ask(prompt) -> the raw answer (typed text, a YAML value; parse_answer checks it) or a Nav
Ask = Callable[[Prompt], object]


@dataclass(frozen=True)
class _Step:
    key: str
    question: Question
    section: Section
    number: int
    item: int | None
    is_more: bool
    context: dict[str, object]


def _more_question(section: Section, group: Question | None) -> Question:
    if group is not None:
        return Question(id=group.id, type="bool", text=group.text, help=group.help, again=group.again)
    assert section.more is not None
    return Question(
        id=f"{section.id}.more",
        type="bool",
        text=section.more,
        help=section.more_help or section.more,
        again=section.more_again,
    )


def _visible(q: Question, state: Mapping[str, object], prefix: str, item_prefix: str | None) -> bool:
    if q.when is None:
        return True
    ref = q.when.question
    key = ref
    if item_prefix is not None and ref.startswith(prefix + "."):
        key = item_prefix + ref[len(prefix) :]
    value = state.get(key)
    if q.when.answered is not None:
        return (value is not None and value not in ([], "")) == q.when.answered
    if q.when.one_of:
        return value in q.when.one_of
    return bool(value == q.when.equals)


def _walk(questionnaire: Questionnaire, state: Mapping[str, object]) -> list[_Step]:
    """The steps the current answers lead to, in order; answered or not. Pure."""
    steps: list[_Step] = []
    for number, section in enumerate(questionnaire.sections, 1):
        if section.repeat:
            _walk_group(steps, section, None, section.id, section.questions, state, number)
            continue
        for q in section.questions:
            if q.type == "group":
                _walk_group(steps, section, q, q.id, q.questions, state, number)
            elif _visible(q, state, section.id, None):
                steps.append(_Step(q.id, q, section, number, None, False, {}))
    return steps


def _walk_group(  # noqa: PLR0917 - a private helper of _walk
    steps: list[_Step],
    section: Section,
    group: Question | None,
    gid: str,
    questions: Sequence[Question],
    state: Mapping[str, object],
    number: int,
) -> None:
    limit = group.max_items if group is not None else 50
    more = _more_question(section, group)
    for i in range(limit):
        add_key = f"{gid}.+{i}"
        steps.append(_Step(add_key, more, section, number, i, True, {}))
        if state.get(add_key) is not True:
            return
        item_prefix = f"{gid}.{i}"
        context = {
            q.field: state[f"{item_prefix}.{q.field}"]
            for q in questions
            if f"{item_prefix}.{q.field}" in state
        }
        for q in questions:
            if _visible(q, state, gid, item_prefix):
                steps.append(_Step(f"{item_prefix}.{q.field}", q, section, number, i, False, context))


def pending(questionnaire: Questionnaire, state: Mapping[str, object]) -> _Step | None:
    """The first step without an answer, or None when the intake is complete."""
    return next((s for s in _walk(questionnaire, state) if s.key not in state), None)


def run(
    questionnaire: Questionnaire,
    ask: Ask,
    *,
    answers: Mapping[str, object] | None = None,
    on_change: Callable[[dict[str, object]], None] | None = None,
    resolve_country: CountryResolver | None = None,
    today: dt.date | None = None,
    lang: str = "en",
    together: bool = False,
    earlier: Mapping[str, object] | None = None,
) -> dict[str, object]:
    """Ask every (visible, unanswered) question; return the answers as a nested mapping.

    ``earlier``: a flat state whose answers are offered as each question's default (a finished
    intake reopened: Enter keeps the answer given then).

    ``together``: an answer that contradicts an earlier one (``models.answers.conflicts``: years of
    work beyond the age, a permit before the birth year) is refused and asked again, as an answer
    that breaks its own rule is; the interview's, whose caseworker can answer again. (An answers
    file is checked as a whole at its end, naming the later answer.)

    ``lang`` (nl or en) is the language of the reasons in ``prompt.error`` (``prompt.reason``
    holds them unrendered).
    ``answers`` is the flat state of a draft to resume from; ``on_change(state)`` is called
    after every change (an answer, or going back) so the caller can save a draft. The result
    goes through ``answers_from_mapping``.
    """
    state: dict[str, object] = dict(answers or {})
    resolve = resolve_country or countries.resolve_country
    day = today or dt.date.today()
    previous: dict[str, object] = {k: v for k, v in (earlier or {}).items() if k not in state}
    count = len(questionnaire.sections)
    while (step := pending(questionnaire, state)) is not None:
        refused: Say | None = None
        unshown: Say | None = None  # the same reason without the answer (``AnswerError.unshown``)
        show_help = False
        while True:
            prompt = Prompt(
                key=step.key,
                question=step.question,
                section=step.section,
                section_number=step.number,
                section_count=count,
                item=step.item,
                is_more=step.is_more,
                default=previous.get(step.key),
                error=refused.render(lang) if refused is not None else None,
                reason=unshown,
                show_help=show_help,
                can_go_back=bool(state),
                context=step.context,
                state=dict(state),
            )
            reply = ask(prompt)
            if reply is Nav.HELP:
                show_help = True
                continue
            if reply is Nav.BACK:
                if not state:
                    refused = unshown = reason("first")
                    continue
                key, value = state.popitem()
                previous[key] = value
                if on_change is not None:
                    on_change(dict(state))
                break
            if reply is Nav.SKIP or reply is None or (isinstance(reply, str) and not reply.strip()):
                if step.question.required and not step.is_more:
                    unshown = reason("required")  # an answers file's error: no < to type there
                    # in an entry (a yes typed by mistake): the way out, which "-" is not here
                    refused = reason("required_entry") if step.item is not None else unshown
                    continue
                value = False if step.is_more else None
            else:
                try:
                    value = parse_answer(step.question, reply, resolve_country=resolve, today=day)
                except AnswerError as exc:
                    refused, unshown = exc.say, exc.unshown
                    continue
                if together and (clash := _clash(questionnaire, state, step.key, value)):
                    refused = unshown = reason(f"clash_{clash}")
                    continue
            state[step.key] = value
            previous.pop(step.key, None)
            if on_change is not None:
                on_change(dict(state))
            break
    return to_nested(questionnaire, state)


def _clash(questionnaire: Questionnaire, state: Mapping[str, object], key: str, value: object) -> str | None:
    """The kind of contradiction ``value`` for ``key`` would add to ``state``'s answers, or None."""
    before = conflicts(to_nested(questionnaire, state))
    after = conflicts(to_nested(questionnaire, {**state, key: value}))
    return next((kind for kind, _ in sorted(after - before)), None)


def to_nested(questionnaire: Questionnaire, state: Mapping[str, object]) -> dict[str, object]:
    """The flat state as the nested mapping of ``IntakeAnswers`` (visible, answered questions only)."""
    out: dict[str, object] = {}
    for step in _walk(questionnaire, state):
        if step.is_more or state.get(step.key) is None:
            continue
        value = state[step.key]
        section = step.section
        q = step.question
        target = out if section.store == "top" else out.setdefault(section.id, [] if section.repeat else {})
        if step.item is not None:  # an entry of a repeated section or group
            if section.repeat:
                items = target
            else:
                assert isinstance(target, dict)
                gid = q.id.rsplit(".", 1)[0]
                items = target.setdefault(gid.rsplit(".", 1)[1], [])
            assert isinstance(items, list)
            while len(items) <= step.item:
                items.append({})
            target = items[step.item]
        assert isinstance(target, dict)  # built above: a section's, group's or entry's mapping
        if q.type == "occupation" and value == FREE_TEXT:
            target["keep_free_text"] = True
        else:
            target[q.field] = value
    return out


def file_asker(data: Mapping[str, object], *, source: str) -> Ask:
    """An ``ask`` that answers from a nested answers mapping (``--answers FILE.yaml``).

    A missing answer is a skip; a bad one raises ``InputFileError`` naming the file, the
    question and the reason. Keys the questionnaire does not ask are reported too.
    """

    def lookup(key: str) -> tuple[bool, object]:
        node: object = data
        parts = key.split(".")
        for part in parts:
            if isinstance(node, Mapping) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                return False, None
        return True, node

    def ask(prompt: Prompt) -> object:
        if prompt.reason is not None:
            raise InputFileError(
                say("errors.intake.answer", source=source, question=prompt.key, reason=prompt.reason)
            )
        key = prompt.key
        if prompt.is_more:
            gid, index = key.rsplit(".+", 1)
            found, items = lookup(gid)
            if found and not isinstance(items, list):
                raise InputFileError(say("errors.intake.not_entries", source=source, question=gid))
            return "yes" if isinstance(items, list) and int(index) < len(items) else "no"
        if prompt.section.store == "top":
            key = key.split(".", 1)[1]
        if prompt.question.type == "occupation":
            item = key.rsplit(".", 1)[0]
            found, uri = lookup(f"{item}.confirmed_uri")
            if found and uri:
                return uri
            found, keep = lookup(f"{item}.keep_free_text")
            return FREE_TEXT if found and keep is True else Nav.SKIP
        found, value = lookup(key)
        return value if found and value is not None else Nav.SKIP

    return ask


def misshapen(questionnaire: Questionnaire, data: Mapping[str, object], *, source: str) -> Say | None:
    """An answers file's section of the wrong shape, said as such: one value where a section's
    answers (``personal: x``) or a list of entries (``work: lasser``, ``work: [null]``) belong.
    They were "not a question of this intake (typo, or a switched-off section?)", which sent the
    reader looking for a typo."""
    for section in questionnaire.sections:
        if section.store == "top" or section.id not in data:
            continue
        value = data[section.id]
        if section.repeat and not isinstance(value, list | Mapping):
            return say("errors.intake.not_entries", source=source, question=section.id)
        for n, entry in enumerate(value if isinstance(value, list) else [value]):
            if not isinstance(entry, Mapping):
                where = f"{section.id}.{n}" if isinstance(value, list) else section.id
                return say("errors.intake.not_entry", source=source, question=where)
    return None


def unknown_keys(questionnaire: Questionnaire, data: Mapping[str, object]) -> list[tuple[str, str, set[str]]]:
    """Keys of an answers file that no question of the (configured) questionnaire reads: where each
    is (``""`` at the top), the key, and the keys that belong there."""
    known: dict[str, set[str]] = {}
    top: set[str] = set()
    for section in questionnaire.sections:
        for q in section.questions:
            if section.store == "top":
                top.add(q.field)
                continue
            fields = known.setdefault(section.id, set())
            fields.add(q.field)
            if q.type == "occupation":
                fields.add("keep_free_text")
            if q.questions:
                known[q.id] = {sub.field for sub in q.questions}
    sections = top | {k for k in known if "." not in k}
    out: list[tuple[str, str, set[str]]] = []
    for key, value in data.items():
        if key in top:
            continue
        if key not in known:
            out.append(("", str(key), sections))
            continue
        entries = value if isinstance(value, list) else [value]
        for n, entry in enumerate(entries):
            where = f"{key}.{n}" if isinstance(value, list) else key
            if not isinstance(entry, Mapping):  # pragma: no cover - misshapen() said so first
                continue
            for sub, subval in entry.items():
                if sub not in known[key]:
                    out.append((where, str(sub), known[key]))
                elif f"{key}.{sub}" in known and isinstance(subval, list):
                    for m, item in enumerate(subval):
                        if isinstance(item, Mapping):
                            item_keys = known[f"{key}.{sub}"]
                            out.extend(
                                (f"{where}.{sub}.{m}", str(e), item_keys) for e in item if e not in item_keys
                            )
                        else:  # an item that is no mapping: named by its place
                            out.append((f"{where}.{sub}.{m}", "?", set()))
    return out


def unknown_key(source: str, where: str, key: str, fields: set[str]) -> Say:
    """The error for an unknown key of an answers file: shown when it is a field name of ours (a
    switched-off section), else not (a name or a note typed as a key): where it is, and the
    question it is a typo of when one is that close."""
    if field_names.is_field(key):
        return say("errors.intake.unknown_key", source=source, question=f"{where}.{key}" if where else key)
    close = field_names.nearest(key, sorted(fields))
    hint = (
        say("errors.intake.unknown_key_near", field=close) if close else say("errors.intake.unknown_key_hint")
    )
    return say(
        "errors.intake.unknown_key_hidden",
        source=source,
        where=where or say("errors.validation_top"),
        hint=hint,
    )


def run_from_file(
    questionnaire: Questionnaire,
    data: object,
    *,
    source: str,
    resolve_country: CountryResolver | None = None,
    today: dt.date | None = None,
    lang: str = "en",
) -> IntakeAnswers:
    """``--answers FILE``: every answer checked as in the interview; the first bad one is an error."""
    if not isinstance(data, Mapping):
        raise InputFileError(say("errors.intake.not_sections", source=source))
    if "schema_version" in data and "personal" in data:  # a profile given where answers belong
        raise InputFileError(say("errors.intake.profile_as_answers", source=source))
    if (shape := misshapen(questionnaire, data, source=source)) is not None:
        raise InputFileError(shape)
    if extra := unknown_keys(questionnaire, data):
        raise InputFileError(unknown_key(source, *extra[0]))
    nested = run(
        questionnaire,
        file_asker(data, source=source),
        resolve_country=resolve_country,
        today=today,
        lang=lang,
    )
    try:
        return check_together(answers_from_mapping(nested))
    except ValidationError as exc:
        raise InputFileError(format_validation_error(source, exc)) from exc


def check_draft(
    questionnaire: Questionnaire,
    state: Mapping[str, object],
    *,
    source: str,
    resolve_country: CountryResolver | None = None,
    today: dt.date | None = None,
    switched_off: Sequence[Section] = (),
) -> None:
    """``--resume``: every saved answer checked as if typed again, before the first question.

    A draft is a file anyone can edit; an invalid answer is one ``InputFileError`` line naming
    the draft and the answer (in the language the caller renders it in), instead of an
    interview that runs to the end and then fails. Answers in a section of ``switched_off`` (the
    questionnaire's sections this intake leaves out) are refused too: resumed with another
    ``--config`` they were left out of the profile without a word.
    """
    for section in switched_off:
        part = questionnaire.model_copy(update={"sections": [section]})
        if any(not s.is_more and state.get(s.key) is not None for s in _walk(part, state)):
            raise InputFileError(say("errors.intake.draft_section_off", source=source, section=section.id))
    resolve = resolve_country or countries.resolve_country
    day = today or dt.date.today()
    for step in _walk(questionnaire, state):
        if step.key not in state or state[step.key] is None:
            continue
        value = state[step.key]
        try:
            if step.is_more:
                if not isinstance(value, bool):
                    raise AnswerError("bool", value=str(value))
            else:
                parse_answer(step.question, value, resolve_country=resolve, today=day)
        except AnswerError as exc:
            raise InputFileError(
                say("errors.intake.draft_answer", source=source, question=step.key, reason=exc.unshown)
            ) from None
    if not state:  # interrupted at the first question: nothing to check yet, resume asks it
        return
    # answers that contradict each other (an edited draft): the interview would not take them now
    for kind, loc in sorted(conflicts(to_nested(questionnaire, state)))[:1]:
        where = ".".join(str(p) for p in loc)
        raise InputFileError(
            say("errors.intake.draft_answer", source=source, question=where, reason=reason(f"clash_{kind}"))
        )
    try:
        answers_from_mapping(to_nested(questionnaire, state))
    except ValidationError as exc:
        if all(e["type"] == "missing" for e in exc.errors()):
            # an answer still to give: interrupted inside an entry (an education's country given, its
            # qualification not yet) the draft was refused as invalid and could not be resumed
            return
        problem = InputFileError(format_validation_error(source, exc)).text  # a str, or a Say to nest
        raise InputFileError(say("errors.intake.draft_invalid", problem=problem)) from None
