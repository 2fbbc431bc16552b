"""Shared bits of the command modules: the per-invocation state, common options, and the one help
style of the CLI (plain text, in the language of ``--lang``/``SKILLTOOL_LANG``, from the catalogue).
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer
from typer._click.exceptions import UsageError as ClickUsageError
from typer.core import TyperCommand, TyperGroup

if TYPE_CHECKING:
    # typer vendors Click; its classes type the overrides
    from typer._click import Context, HelpFormatter, Parameter
    from typer._click.shell_completion import CompletionItem

    from skilltool.models import Candidate, CodingResult
    from skilltool.reference import ReferenceData


@dataclass
class State:
    """What the root callback learned: where the data are. Reference data load lazily."""

    data_dir: Path | None = None
    _ref: ReferenceData | None = field(default=None, repr=False)

    @property
    def ref(self) -> ReferenceData:
        if self._ref is None:
            # lazy: the reference module loads pydantic and every data model, hundreds of ms (measured)
            from skilltool.reference import ReferenceData

            self._ref = ReferenceData(self.data_dir)
        return self._ref


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    if not isinstance(obj, State):  # a sub-app invoked on its own (tests)
        obj = State()
        ctx.find_root().obj = obj
    return obj


LANG_META = "skilltool.lang"  # ctx.meta key (shared by all contexts of one invocation)
ARGS = "skilltool.args"  # ctx.meta key: every argument, as the root group was given them


def _remember_lang(ctx: typer.Context, value: str) -> str:
    ctx.meta[LANG_META] = value
    return value


def output_lang(ctx: Context) -> Literal["nl", "en"]:
    """The language the command speaks: its ``--lang`` once parsed, else ``SKILLTOOL_LANG``, else
    Dutch (the root group renders a core error in it, whatever command raised it; ``--help``
    speaks it too, so ``--lang`` counts for help when it comes before ``--help``)."""
    lang = ctx.meta.get(LANG_META) or os.environ.get("SKILLTOOL_LANG")
    return "en" if lang == "en" else "nl"


# --- help in the user's language -------------------------------------------------------------
# Every help text lives in the message catalogue (skilltool/messages/{nl,en}.yaml) under a key
# derived from the command path and the parameter: ``help.batch.run`` (the command's text),
# ``help.batch.run.short`` (its line in the group's list, else the text's first paragraph),
# ``help.batch.run.opt.out`` (option --out), ``help.batch.run.arg.input`` (argument INPUT); an
# option every command has (--lang, --json, --help) falls back to ``help.opt.<name>``; the root is
# ``help.root``. The command classes below fill them in when help is formatted, in the language of
# ``output_lang``. The docstring (or the group's help=) keeps the examples: its lines that start
# with ``skilltool `` (command lines read the same in every language); the rest of it is for the
# reader of the code and is not shown.


def help_path(ctx: Context) -> tuple[str, ...]:
    """The command names from the root to ``ctx``'s command (``("batch", "run")``; ``()`` for the root)."""
    names: list[str] = []
    while ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    return tuple(reversed(names))


def help_key(path: tuple[str, ...]) -> str:
    """The catalogue key of the help text of the command at ``path``."""
    return "help." + (".".join(path) if path else "root")


def param_key(param: Parameter) -> str:
    """``opt.<long name>`` for an option (``--fail-on-rejects`` -> ``opt.fail_on_rejects``),
    ``arg.<name>`` for an argument."""
    if param.param_type_name == "argument":
        return f"arg.{param.name}"
    long = [o for o in param.opts if o.startswith("--")] or list(param.opts)
    return "opt." + max(long, key=len).lstrip("-").replace("-", "_")


def param_help_keys(path: tuple[str, ...], param: Parameter) -> tuple[str, str]:
    """The catalogue keys of a parameter's help, the command's own first, then the shared one."""
    own = param_key(param)
    return f"{help_key(path)}.{own}", f"help.{own}"


def _catalogue(lang: str) -> dict[str, str]:
    # lazy: the catalogue loads yaml; only a help page, an error or a command's output needs it
    from skilltool import messages

    return messages.catalogue(messages.lang_of(lang))


def param_help(path: tuple[str, ...], param: Parameter, lang: str) -> str:
    """The help text of ``param`` in ``lang``; a parameter without one is a bug (``KeyError``,
    every parameter is pinned by tests/test_help_lang.py)."""
    texts = _catalogue(lang)
    for key in param_help_keys(path, param):
        if key in texts:
            return texts[key]
    raise KeyError(f"no help text for {param_key(param)} of {help_key(path)}")


def examples(doc: str | None) -> list[str]:
    """The example command lines of a docstring or group help: the lines that start with
    ``skilltool `` or pipe into it (``printf ... | skilltool ...``)."""
    lines = (line.strip() for line in (doc or "").splitlines())
    return [line for line in lines if line.startswith("skilltool ") or " | skilltool " in line]


def help_text(path: tuple[str, ...], doc: str | None, lang: str) -> str:
    """A command's help in ``lang``: the catalogue's paragraphs (a paragraph of several lines is
    kept as written, a one-line paragraph is wrapped to the terminal), then the examples."""
    texts = _catalogue(lang)
    paragraphs = [f"\b\n{p}" if "\n" in p else p for p in texts[help_key(path)].strip().split("\n\n")]
    found = examples(doc)
    if found:
        paragraphs.append(texts["help.examples"])
        paragraphs.append("\b\n" + "\n".join(f"  {line}" for line in found))
    return "\n\n".join(paragraphs)


def short_help(path: tuple[str, ...], lang: str, limit: int = 45) -> str:
    """The line a group shows for a command: ``help.<path>.short``, else the first paragraph."""
    # lazy: Click's helper, only for a help page
    from typer._click.utils import make_default_short_help

    texts = _catalogue(lang)
    short = texts.get(help_key(path) + ".short")
    if short is not None:
        return short
    return make_default_short_help(texts[help_key(path)].split("\n\n")[0], limit)


_EXTRA = re.compile(r"  \[([^\[\]]*)\]$")


def _localize_extra(help_: str, lang: str) -> str:
    """Click's ``[default: x; required; env var: Y]`` after an option's help, in ``lang``."""
    match = _EXTRA.search(help_)
    if match is None or lang != "nl":
        return help_
    texts = _catalogue(lang)
    parts = []
    for part in match.group(1).split("; "):
        if part.startswith("default: "):
            parts.append(texts["help.default"].format(value=part.removeprefix("default: ")))
        elif part.startswith("env var: "):
            parts.append(texts["help.envvar"].format(value=part.removeprefix("env var: ")))
        else:
            parts.append(texts["help.required"] if part == "required" else part)
    return f"{help_[: match.start()]}  [{'; '.join(parts)}]"


def format_help(
    command: TyperCommand | TyperGroup, ctx: Context, formatter: HelpFormatter, *, names: list[str]
) -> None:
    """Write ``command``'s help page: usage, text, arguments, options and (a group's) commands
    ``names``, in the language of ``output_lang``, the texts from the catalogue."""
    lang = output_lang(ctx)
    path = help_path(ctx)
    texts = _catalogue(lang)
    # Typer writes a required argument as {PROFILE.json}: a user copied the braces; the usual
    # convention is the bare name (optional ones keep their [ ])
    pieces = " ".join(command.collect_usage_pieces(ctx)).replace("{", "").replace("}", "")
    formatter.write_usage(ctx.command_path, pieces, f"{texts['help.usage']} ")
    formatter.write_paragraph()
    with formatter.indentation():
        formatter.write_text(help_text(path, command.help, lang))
    rows: dict[str, list[tuple[str, str]]] = {"argument": [], "option": []}
    for param in command.get_params(ctx):
        param.help = param_help(path, param, lang)  # type: ignore[attr-defined]
        record = param.get_help_record(ctx)
        if record is not None and param.param_type_name in rows:
            name = record[0]
            if param.param_type_name == "argument":  # its metavar says what it is, not a Python type
                name = name.split(" <", 1)[0]  # ("TEXT <list[str]>", "PROFILE.json <path>")
            rows[param.param_type_name].append((name, _localize_extra(record[1], lang)))
    for kind, heading in (("argument", "help.arguments"), ("option", "help.options")):
        if rows[kind]:
            with formatter.section(texts[heading]):
                formatter.write_dl(rows[kind])
    if names:  # by the catalogue only, so the root's help loads no command module
        # two lines of the column: a first sentence cut at one line ended mid-phrase ("List per client
        # language the texts that are missing and..."), which does not say what the command does
        limit = 2 * (formatter.width - 6 - max(len(name) for name in names))
        with formatter.section(texts["help.commands"]):
            formatter.write_dl([(name, short_help((*path, name), lang, limit)) for name in names])


def _fill_param_help(command: TyperCommand | TyperGroup, ctx: Context) -> None:
    """Give ``command``'s parameters their catalogue text, for shell completion's descriptions
    (zsh and fish show them)."""
    lang, path = output_lang(ctx), help_path(ctx)
    for param in command.get_params(ctx):
        param.help = param_help(path, param, lang)  # type: ignore[attr-defined]


# Click's own usage errors (a mistyped option, a missing argument, a bad choice), by their English
# text: this Click has no translation hook, so each known form is matched and said from the
# catalogue (``click.*``) in the command's language; an unknown form is shown as Click wrote it.
_CLICK_FORMS = (
    (re.compile(r"No such option: (?P<name>\S+) \(Possible options: (?P<options>.*)\)"), "no_option_options"),
    (re.compile(r"No such option: (?P<name>\S+)"), "no_option"),
    (re.compile(r"No such command (?P<name>'.*')\."), "no_command"),
    (re.compile(r"Missing argument (?P<name>.+)\."), "missing_argument"),
    (re.compile(r"Missing option (?P<name>.+)\."), "missing_option"),
    (re.compile(r"Option (?P<name>'.+') requires an argument\."), "needs_value"),
    (re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)"), "extra_arguments"),
    (
        re.compile(r"Invalid value for (?P<name>.+?)(?: \(env var: (?P<env>'[^']*')\))?: (?P<detail>.*)"),
        "invalid",
    ),
)
_CLICK_DETAILS = (
    (re.compile(r"Value error, (?P<value>'.*') is not one of (?P<choices>.*)\."), "not_one_of"),
    (re.compile(r"Input should be a valid integer.*"), "not_integer"),
    (re.compile(r"Input should be a valid number.*"), "not_number"),
    # an option's min= and max= (``--top 0``, ``--workers 0``): pydantic's English in a Dutch line
    (re.compile(r"Input should be greater than or equal to (?P<limit>\S+)"), "at_least"),
    (re.compile(r"Input should be less than or equal to (?P<limit>\S+)"), "at_most"),
)


# the root's own options, which go before the command
_ROOT_OPTIONS = {"--data-dir": "data_dir", "--quiet": "quiet", "-q": "quiet"}


def click_message(message: str, lang: str, where: str = "") -> str:
    """Click's usage-error ``message`` in ``lang`` (as written when its form is not known);
    ``where``: the group it was given to ("diploma"), for a ``--lang`` there."""
    texts = _catalogue(lang)
    for pattern, key in _CLICK_FORMS:
        match = pattern.fullmatch(message)
        if match is None:
            continue
        params = match.groupdict()
        if key.startswith("no_option") and params["name"] == "--lang":
            # `skilltool --lang en data info`: every command takes --lang, the root and groups do not
            return texts["click.no_option_lang"].format(where=f"skilltool {where}".strip())
        if key.startswith("no_option") and params["name"] in _ROOT_OPTIONS:
            # the other way round: `skilltool data validate --data-dir DIR` (or `-q`) after the command
            return texts[f"click.no_option_{_ROOT_OPTIONS[params['name']]}"]
        if key == "invalid":
            detail = params.pop("detail")
            for detail_pattern, detail_key in _CLICK_DETAILS:
                found = detail_pattern.fullmatch(detail)
                if found is not None:
                    detail = texts[f"click.{detail_key}"].format(**found.groupdict())
                    break
            env = params.pop("env")
            name = params["name"] + (texts["click.env"].format(name=env) if env else "")
            return texts["click.invalid"].format(name=name, detail=detail)
        return texts[f"click.{key}"].format(**params)
    return message


class LocalUsageError(ClickUsageError):
    """A Click usage error shown in the command's language: usage line, hint, message."""

    def __init__(self, original: ClickUsageError, ctx: Context, args: list[str]) -> None:
        self.lang = output_lang(ctx) if LANG_META in ctx.meta else lang_in(args) or output_lang(ctx)
        # lazy: yaml (messages) ~10 ms on `skilltool --version`, as in _catalogue
        from skilltool.messages import without_long_args

        group = ctx.command_path.removeprefix(ctx.find_root().command_path).strip()
        text = click_message(original.format_message(), self.lang, group)
        super().__init__(without_long_args(text, [*args, *ctx.meta.get(ARGS, ())]), ctx)

    def show(self, file: Any = None) -> None:
        texts = _catalogue(self.lang)
        lines = []
        if self.ctx is not None:
            # without Typer's braces, as on the help page (format_help)
            usage = self.ctx.get_usage().removeprefix("Usage:").replace("{", "").replace("}", "")
            lines.append(f"{texts['help.usage']}{usage}")
            lines.append(texts["click.try"].format(command=f"{self.ctx.command_path} -h") + "\n")
        lines.append(f"{texts['click.error']} {self.format_message()}")
        typer.echo("\n".join(lines), err=True)


def lang_in(args: list[str]) -> Literal["nl", "en"] | None:
    """``--lang`` among the arguments Click could not finish parsing (its callback never ran)."""
    for n, arg in enumerate(args):
        value = arg.removeprefix("--lang=") if arg.startswith("--lang=") else None
        if arg == "--lang" and n + 1 < len(args):
            value = args[n + 1]
        if value in ("nl", "en"):
            return "nl" if value == "nl" else "en"
    return None


def _local(exc: ClickUsageError, ctx: Context, args: list[str]) -> ClickUsageError:
    return exc if isinstance(exc, LocalUsageError) else LocalUsageError(exc, exc.ctx or ctx, args)


_LANG_SPELLINGS = {
    **dict.fromkeys(("nl", "nld", "dut", "dutch", "nederlands"), "nl"),
    **dict.fromkeys(("en", "eng", "english", "engels"), "en"),
}


def spelled_lang(value: str) -> Literal["nl", "en"] | None:
    """``nl`` or ``en`` for a way people write them (``NL``, ``nl-NL``, ``nl_BE.UTF-8``, ``dutch``,
    ``Engels``), else None: ``--lang NL`` was refused ("'NL' is geen van 'nl', 'en'")."""
    found = _LANG_SPELLINGS.get(re.split(r"[-_.@]", value.strip().casefold(), maxsplit=1)[0])
    return "nl" if found == "nl" else "en" if found == "en" else None


def _plain_lang(args: list[str]) -> list[str]:
    """``args`` with a ``--lang`` value as it is spelt turned into ``nl`` or ``en`` (an unknown
    one is left for Click's error)."""
    plain = list(args)
    for n, arg in enumerate(plain):
        if arg == "--lang" and n + 1 < len(plain) and (lang := spelled_lang(plain[n + 1])):
            plain[n + 1] = lang
        elif arg.startswith("--lang=") and (lang := spelled_lang(arg.removeprefix("--lang="))):
            plain[n] = f"--lang={lang}"
    return plain


def _parse_local(
    parse: Callable[[Context, list[str]], list[str]], ctx: Context, args: list[str]
) -> list[str]:
    """Click's ``parse_args`` with its usage errors in the command's language (for the command and
    the group classes below), and ``--lang`` as people spell it (``NL``, ``nl-NL``, ``dutch``)."""
    args[:] = _plain_lang(args)
    env = os.environ.get("SKILLTOOL_LANG")
    if env is not None and env not in ("nl", "en") and (lang := spelled_lang(env)):
        os.environ["SKILLTOOL_LANG"] = lang  # read by Click for --lang, and by output_lang
    given = list(args)  # Click's parser consumes the list
    try:
        return parse(ctx, args)
    except ClickUsageError as exc:
        raise _local(exc, ctx, given) from None


class HelpCommand(TyperCommand):
    """A command whose help comes from the catalogue in the user's language."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        return _parse_local(super().parse_args, ctx, args)

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        format_help(self, ctx, formatter, names=[])

    def shell_complete(self, ctx: Context, incomplete: str) -> list[CompletionItem]:
        _fill_param_help(self, ctx)
        return super().shell_complete(ctx, incomplete)


class LocalizedGroup(TyperGroup):
    """A group whose help, and its list of commands, come from the catalogue in the user's language."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        return _parse_local(super().parse_args, ctx, args)

    def resolve_command(self, ctx: Context, args: list[str]) -> tuple[str | None, Any, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except ClickUsageError as exc:
            raise _local(exc, ctx, args) from None

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        format_help(self, ctx, formatter, names=self.list_commands(ctx))

    def shell_complete(self, ctx: Context, incomplete: str) -> list[CompletionItem]:
        _fill_param_help(self, ctx)
        items = super().shell_complete(ctx, incomplete)
        names, path, lang = set(self.list_commands(ctx)), help_path(ctx), output_lang(ctx)
        for item in items:
            if item.value in names:
                item.help = short_help((*path, item.value), lang)
        return items


class HelpGroup(LocalizedGroup):
    """A command group that, called without a command, prints its help on stdout and exits 0.

    (Click's ``no_args_is_help`` exits 2, as for a usage error; asking a group what it does is
    not an error.) Every group of the CLI uses this class, the root included, except ``intake``
    (bare ``skilltool intake`` runs the interview)."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        if not args and not ctx.resilient_parsing:
            typer.echo(ctx.get_help())
            ctx.exit(0)
        return super().parse_args(ctx, args)


class _App(typer.Typer):
    """A Typer app whose commands are ``HelpCommand``s (help from the catalogue)."""

    def command(  # type: ignore[override]
        self, name: str | None = None, *, cls: type[TyperCommand] | None = None, **settings: Any
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        return super().command(name, cls=cls or HelpCommand, **settings)


def group(help: str = "", *, cls: type[LocalizedGroup] = HelpGroup, **settings: Any) -> typer.Typer:
    """A sub-app (``skilltool diploma`` ...) in the CLI's one help style: plain text help (no rich
    boxes, flags without a ``<bool>`` metavar) from the catalogue (key ``help.<name>``), help on a
    bare call, completion only at the top. ``help`` holds the group's examples (lines starting
    with ``skilltool ``); the words come from the catalogue."""
    return _App(help=help, cls=cls, rich_markup_mode=None, add_completion=False, **settings)


JsonOpt = Annotated[bool, typer.Option("--json")]
ForceOpt = Annotated[bool, typer.Option("--force")]
LangOpt = Annotated[
    Literal["nl", "en"],
    typer.Option("--lang", envvar="SKILLTOOL_LANG", callback=_remember_lang, is_eager=True, metavar="nl|en"),
]
ClientLangOpt = Annotated[
    str | None,
    typer.Option("--client-lang", metavar="LANG", show_default=False),
]


def out_of_score_order(candidates: Sequence[Candidate]) -> bool:
    """Whether a candidate scores above one listed before it: the coder spreads its list over
    ISCO groups and orders an uncertain title by a second opinion, so the score alone is no order."""
    return any(b.score > a.score + 0.5 for a, b in itertools.pairwise(candidates))


def several_jobs(result: CodingResult) -> list[str]:
    """The jobs an uncertain answer names side by side ("bakker, kok en chauffeur"), as said, or []:
    one list of candidates then mixes them, and a reader looking for one code per job is told to
    give them apart. The coder's own split (``coding_parts.parts_of``); an exact name is one job."""
    if not result.needs_review:
        return []
    # lazy: only a coding command needs the coder's split; 22-105 ms on top of cli.common
    # (-X importtime, five runs at load 18)
    from skilltool import coding_parts

    return coding_parts.parts_of(result.input)
