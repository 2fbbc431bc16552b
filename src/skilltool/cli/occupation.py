"""``skilltool occupation ...``: code free-text job titles to ESCO and ISCO-08; show an occupation."""

from __future__ import annotations

import os
import shlex
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, TypeVar

import typer

from skilltool import console, engine_options, json_text
from skilltool.cli.common import ForceOpt, JsonOpt, LangOpt, group, out_of_score_order, several_jobs, state
from skilltool.errors import UsageError
from skilltool.messages import t
from skilltool.worker_cap import worker_cap

if TYPE_CHECKING:
    from pydantic import BaseModel

    from skilltool.models import Candidate

_R = TypeVar("_R", bound="BaseModel")

app = group(
    help=(
        "``skilltool occupation`` (its --help text: catalogue key ``help.occupation``). Examples:\n"
        'skilltool occupation code "ik werkte 10 jaar als kapper in Syrië"\n'
        "skilltool occupation show 7212\n"
    ),
)

TextsArg = Annotated[list[str] | None, typer.Argument(metavar="TEXT", show_default=False)]
TopOpt = Annotated[int, typer.Option("--top", "-n", min=1, max=50, metavar="N")]
InputOpt = Annotated[Path | None, typer.Option("--input", "-i", metavar="FILE")]
ColumnOpt = Annotated[str | None, typer.Option("--column", metavar="COLUMN")]
# -c was --column here and --country in `diploma`: it is --country's now; here it still works, with
# a one-line hint, so that a script that used it does not break without a word
ColumnCOpt = Annotated[str | None, typer.Option("-c", metavar="COLUMN", hidden=True)]
OutOpt = Annotated[Path | None, typer.Option("--out", "-o", metavar="FILE")]
EngineOpt = Annotated[str, typer.Option("--engine", metavar="local|dask")]
SchedulerOpt = Annotated[str | None, typer.Option("--scheduler", metavar="ADDRESS")]
PartitionRowsOpt = Annotated[int | None, typer.Option("--partition-rows", min=1, metavar="ROWS")]
WorkersOpt = Annotated[int | None, typer.Option("--workers", "-w", min=1, metavar="N")]
SheetOpt = Annotated[str | None, typer.Option("--sheet", metavar="SHEET")]
DelimiterOpt = Annotated[str | None, typer.Option("--delimiter", metavar="CHAR|tab")]
EncodingOpt = Annotated[str | None, typer.Option("--encoding", metavar="ENCODING")]
DeepOpt = Annotated[bool, typer.Option("--deep")]


_FILE_JOB_ONLY = (
    ("column", "--column"),
    ("out", "--out"),
    ("sheet", "--sheet"),
    ("delimiter", "--delimiter"),
    ("encoding", "--encoding"),
    ("scheduler", "--scheduler"),
    ("partition_rows", "--partition-rows"),
)


def old_column_option(ctx: typer.Context) -> None:
    """``-c COLUMN`` (deprecated, ``ColumnCOpt``): a hint on stderr, and read as ``--column``."""
    p = ctx.params
    if p.get("column_c") is not None:
        console.warn(t("usage.c_is_country", p["lang"]), p["lang"])
        p["column"] = p["column"] or p["column_c"]


def no_file_job_options(ctx: typer.Context) -> None:
    """Texts as arguments or on stdin: an option of a file job is a usage error without ``--input``
    (``occupation code lasser --out X.csv`` wrote nothing and said nothing: the output was looked
    for in vain)."""
    p = ctx.params
    given = [flag for name, flag in _FILE_JOB_ONLY if p.get(name) is not None]
    if p.get("engine", "local") != "local":
        given.append("--engine")
    if p.get("force"):
        given.append("--force")
    if given:
        raise UsageError(t("usage.file_job_only", p["lang"], options=", ".join(given)))


def capped_workers(requested: int, lang: str) -> int:
    """``--workers`` held to the batch's cap (``worker_cap``), with its warning."""
    used, warning = worker_cap(requested)
    if warning is not None:
        console.warn(warning.render(lang), lang)
    return used


COUNTS = ("rows", "coded", "review", "problems", "empty", "unread")  # a file job's, for --json


def file_job(ctx: typer.Context, kind: Literal["occupation", "skill"]) -> None:
    """``occupation code --input`` and ``skill code --input``: code a column of a file into --out
    (texts given as arguments as well are a usage error). The options are the command's own,
    read from ``ctx.params``, so both commands dispatch with one call."""
    # lazy: bulk_coding (readers, dask hooks, both coders) adds ~0.5 s to `occupation --help` (measured)
    from skilltool import bulk_coding

    p = ctx.params
    input: Path = p["input"]
    column: str | None = p["column"]
    out: Path | None = p["out"]
    engine: str = p["engine"]
    if p["texts"]:
        raise UsageError(t("usage.texts_or_input", p["lang"]))
    if not column or out is None:
        raise UsageError(t("usage.input_needs", p["lang"]))
    if engine not in ("local", "dask"):
        raise UsageError(t("usage.engine", p["lang"], given=repr(engine)))
    engine_options.dask_only(engine, p["scheduler"], p["partition_rows"])
    spec = bulk_coding.CodingSpec(
        kind=kind, data_dir=state(ctx).data_dir, lang=p["lang"], top=p["top"], deep=p.get("deep", False)
    )
    summary = bulk_coding.code_file(
        input,
        column,
        out,
        spec,
        sheet=p["sheet"],
        delimiter=p["delimiter"],
        encoding=p["encoding"],
        engine=engine,
        scheduler=p["scheduler"],
        workers=capped_workers(p["workers"], p["lang"]) if p["workers"] else max(1, os.cpu_count() or 1),
        progress=lambda total: console.progress(total, f"{kind} code"),
        force=p["force"],
        partition_rows=p["partition_rows"],
    )
    for warning in summary.warnings:
        console.warn(warning.render(p["lang"]), p["lang"])
    if p["json"]:  # --json with --input was ignored: the counts, as `batch --json` gives its manifest
        console.print_json(
            {
                "input": str(input),
                "out": str(out),
                **{k: getattr(summary, k) for k in COUNTS},
                "unread_rows": summary.unread_rows,
                "warnings": [warning.render(p["lang"]) for warning in summary.warnings],
            }
        )
        return
    console.note(
        t(
            "status.code.file_done",
            p["lang"],
            rows=summary.rows,
            path=out,
            coded=summary.coded,
            review=summary.review,
            problems=summary.problems,
            empty=summary.empty,
        )
    )


class NulLines:
    """The lines on stdin that hold a NUL byte, by number (from 1), each with the input as a result
    shows it, until ``not_text`` takes it. A NUL is in no title or skill as a person types it: such
    a line is damaged or binary, as a coding job's ``--input`` says of a CSV line with one
    (``reason.row.bad_nul``). ``occupation code`` coded the rest of the line, ``kok\0 chef``, while
    ``skill code`` said "not text" of a short one: the coder counts control characters, and one
    NUL in a long line is under its tenth. Lines are read before their results come (a worker
    codes what was read), so a result's number is here when it is shown."""

    def __init__(self) -> None:
        self.shown: dict[int, str] = {}

    def watch(self, lines: Iterable[str]) -> Iterator[str]:
        # lazy: the coder's modules, for stdin only; coding_support 1.3-1.6 s on top of cli.occupation
        # (-X importtime, load 18)
        from skilltool.coding_support import echo

        for number, line in enumerate(lines, start=1):
            if "\x00" in line:
                self.shown[number] = echo(line)
            yield line

    def not_text(self, number: int, result: _R, lang: str) -> _R:
        """``result``, or for a line with a NUL byte no candidate and the problem "not text"."""
        shown = self.shown.pop(number, None)
        if shown is None:
            return result
        from skilltool.coding_support import problem_text  # lazy: as above

        problem = problem_text("binary", lang)
        changes: dict[str, object] = {"input": shown, "normalized": "", "candidates": [], "problem": problem}
        return result.model_copy(update={**changes, "needs_review": True})

    def json_line(self, number: int, coded: tuple[str | None, str], lang: str) -> tuple[str | None, str]:
        """A JSON line of ``coding_stream.json_stream`` (its problem, its line), as ``not_text``."""
        if number not in self.shown:
            return coded
        from skilltool.models import CodingResult  # lazy: as above

        result = self.not_text(number, CodingResult(input="", normalized="", needs_review=True), lang)
        return result.problem, json_text.dumps(result)


def read_lines(
    texts: list[str] | None, lang: str, none_given: str = "usage.no_title"
) -> tuple[Iterator[str], bool, NulLines]:
    """The titles to code, whether they come from stdin (bulk mode), and its lines with a NUL byte.
    TEXT arguments that are all blank are ``none_given`` (a usage error, as ``diploma lookup ""``:
    an empty shell variable was coded as "empty: nothing to code", exit 0).

    Stdin is read as bytes (``coding_stream.stdin_lines``: UTF-8 with replacement characters, lines
    ended by LF, CRLF or a lone CR, each bounded), so a line of binary garbage or an endless line
    becomes a line with a problem, never a crash.
    """
    nul = NulLines()
    if texts and texts != ["-"]:  # typed in a latin-1 terminal: read as a line on stdin is
        if not any(text.strip() for text in texts):
            raise UsageError(t(none_given, lang))
        return iter([console.typed(text) for text in texts]), False, nul
    if sys.stdin.isatty():
        console.note(t("usage.reading_stdin", lang))
    stream = getattr(sys.stdin, "buffer", None)

    def lines() -> Iterator[str]:
        if stream is None:  # a text-only stdin (tests)
            for line in sys.stdin:
                yield line.rstrip("\r\n")
            return
        from skilltool.coding_stream import stdin_lines  # lazy: multiprocessing, for titles on stdin only

        yield from stdin_lines(stream)

    return nul.watch(lines()), True, nul


def stdin_workers(requested: int | None, lang: str) -> int:
    """Processes for titles on stdin: ``--workers`` (at most four per core, as a batch: ``--workers
    100000`` forked a hundred thousand processes; a warning says so), else one per core when stdin
    is a pipe or a file (bulk input), else one (a terminal, or a test's in-memory stdin)."""
    if requested is not None:
        return capped_workers(requested, lang)
    try:
        mode = os.fstat(sys.stdin.fileno()).st_mode
    except (AttributeError, OSError, ValueError):
        return 1  # no real file descriptor (io.UnsupportedOperation is an OSError)
    return max(1, os.cpu_count() or 1) if stat.S_ISFIFO(mode) or stat.S_ISREG(mode) else 1


@app.command()
def code(  # noqa: PLR0917 - a command's options
    ctx: typer.Context,
    texts: TextsArg = None,
    lang: LangOpt = "nl",
    top: TopOpt = 5,
    json: JsonOpt = False,
    input: InputOpt = None,
    column: ColumnOpt = None,
    out: OutOpt = None,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    partition_rows: PartitionRowsOpt = None,
    workers: WorkersOpt = None,
    sheet: SheetOpt = None,
    deep: DeepOpt = False,
    force: ForceOpt = False,
    delimiter: DelimiterOpt = None,
    encoding: EncodingOpt = None,
    column_c: ColumnCOpt = None,
) -> None:
    """``skilltool occupation code`` (its --help text: catalogue key ``help.occupation.code``). Examples:

    skilltool occupation code "ik werkte 10 jaar als kapper in Syrië"
    printf 'lasser\\nelectrition\\nkapster\\n' | skilltool occupation code --json
    skilltool occupation code --input vacatures.xlsx --column functie --out gecodeerd.csv
    """
    # lazy: occupations (rapidfuzz, the models) adds ~0.25 s to `occupation --help` (measured)
    from skilltool.occupations import OccupationCoder

    old_column_option(ctx)
    if input is not None:
        file_job(ctx, "occupation")
        return
    no_file_job_options(ctx)
    lines, bulk, nul = read_lines(texts, lang)
    coder = OccupationCoder.from_reference(state(ctx).ref, deep=deep)
    count = problems = 0
    rows: list[tuple[str, ...]] = []
    source = ctx.get_parameter_source("top")  # several titles: best only, unless --top is given
    ranked = not bulk and source is not None and source.name == "COMMANDLINE"
    if bulk:
        from skilltool import coding_stream  # lazy: multiprocessing, for titles on stdin only

        processes = stdin_workers(workers, lang)
        if json:  # the JSON lines made by the workers (``json_stream``)
            coded = coding_stream.json_stream(coder, lines, lang=lang, top=top, workers=processes)
            for count, made in enumerate(coded, start=1):
                problem, line = nul.json_line(count, made, lang)
                if problem:
                    problems += 1
                    console.warn(f"{t('status.code.line', lang, number=count)}: {problem}", lang)
                console.print_line(line)
            _bulk_done(count, problems, lang)
            return
        results = coding_stream.code_stream(coder, lines, lang=lang, top=top, workers=processes)
    else:
        results = (coder.code(text, lang=lang, top=top) for text in lines)
    for number, coded_line in enumerate(results, start=1):
        result = nul.not_text(number, coded_line, lang)
        count += 1
        if result.problem:
            problems += 1
            where = t("status.code.line", lang, number=number) if bulk else repr(result.input[:60])
            console.warn(f"{where}: {result.problem}", lang)
        if not bulk and (parts := several_jobs(result)):  # "bakker, kok en chauffeur": one list mixes them
            command = shlex.join(["skilltool", "occupation", "code", *parts])
            console.note(t("code.parts_note", lang, title=result.input, n=len(parts), command=command))
        if json:
            console.print_json_line(result)
        elif bulk or (texts and len(texts) > 1):
            review = t("value.yes", lang) if result.needs_review else ""
            # several titles: the best of each, or with --top given the first N of each, numbered
            shown: list[Candidate | None] = list(result.candidates[:top] if ranked else result.candidates[:1])
            for n, c in enumerate(shown or [None], start=1):
                first = (result.input[:60], review) if n == 1 else ("", "")
                cells = (_shown(c, lang), c.isco, f"{c.score:.0f}") if c else ("", "", "")
                rows.append((first[0], *((str(n),) if ranked else ()), *cells, first[1]))
        else:
            if result.candidates:
                console.table(
                    [
                        "#",
                        t("code.score", lang),
                        "ISCO",
                        t("code.occupation", lang),
                        t("code.matched", lang),
                        "ESCO URI",
                    ],
                    [
                        (i, f"{c.score:.0f}", c.isco, _shown(c, lang), c.matched, c.uri)
                        for i, c in enumerate(result.candidates, start=1)
                    ],
                    lang=lang,
                )
            if result.needs_review and result.candidates:
                console.note(t("code.review_note", lang))
            if out_of_score_order(result.candidates):  # 100, 56, 68: said, not left to puzzle over
                console.note(t("code.order_note", lang))
    if rows:
        columns = (
            ["input", "#", "occupation", "ISCO", "score", "review"]
            if ranked
            else ["input", "best_occupation", "ISCO", "score", "review"]
        )
        console.table(
            [t(f"code.{c}", lang) if c not in ("ISCO", "#") else c for c in columns], rows, lang=lang
        )
    if bulk:
        _bulk_done(count, problems, lang)
    elif count == 0:
        raise UsageError(t("usage.no_title", lang))


def _bulk_done(count: int, problems: int, lang: str) -> None:
    """The closing note of titles on stdin (a usage error when there were none)."""
    if count == 0:
        raise UsageError(t("usage.no_title", lang))
    console.note(t("code.done", lang, count=count, problems=problems))


def _shown(candidate: Candidate, lang: str) -> str:
    """A candidate's label, marked when it is an ISCO-08 group rather than one occupation."""
    group = candidate.kind == "isco_group"
    return f"{candidate.label} ({t('code.group', lang)})" if group else candidate.label


@app.command()
def show(
    ctx: typer.Context,
    key: Annotated[
        str,
        typer.Argument(metavar="KEY"),
    ],
    lang: LangOpt = "nl",
    json: JsonOpt = False,
) -> None:
    """``skilltool occupation show`` (its --help text: catalogue key ``help.occupation.show``). Examples:

    skilltool occupation show 7212
    skilltool occupation show http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b
    """
    # lazy: models, occupations (rapidfuzz) and tightness add ~0.25 s to `occupation --help` (measured)
    from skilltool.models import OccupationDetails, Tightness
    from skilltool.occupations import describe  # lazy: as models above
    from skilltool.tightness import gap_text, text  # lazy: as models above

    details = describe(state(ctx).ref, key, lang=lang)
    if json:
        console.print_json(details)
        return

    def tightness_text(tight: Tightness) -> str:
        """The one formatter's text, and why a kind is missing when one is (the group's note)."""
        gap = gap_text(tight, lang) if tight.note else ""
        return text(tight, lang) + (f" [{gap}]" if gap else "")

    if isinstance(details, OccupationDetails):
        console.heading(f"{details.label} ({details.label_other})")
        console.key_values(
            [
                ("ESCO URI", details.uri),
                (t("code.esco_code", lang), details.code),
                ("ISCO-08", f"{details.isco} {details.isco_label}"),
                (t("code.regulated", lang), t("value.yes" if details.regulated else "value.no", lang)),
                (t("code.other_labels", lang), "; ".join(details.alt) or "-"),
                (t("code.brc", lang), _brc(details.brc, details.brc_label, lang) if details.brc else "-"),
                (t("code.tightness", lang), tightness_text(details.tightness)),
            ]
        )
        for title, skills in (("essential", details.essential), ("optional", details.optional)):
            console.heading(f"{t(f'code.{title}', lang)} ({len(skills)})")
            for skill in skills:
                console.line(f"  {skill.label}")
        console.note(t("report.esco", lang))
        return
    console.heading(f"ISCO-08 {details.isco} {details.label}")
    for brc_group in details.tightness:
        brc = _brc(brc_group.brc, brc_group.brc_label, lang)
        console.line(t("code.tightness_of", lang, brc=brc, text=tightness_text(brc_group.tightness)))
    console.table(
        ["ISCO", t("code.occupation", lang), "ESCO URI"],
        [(o.isco, o.label, o.uri) for o in details.occupations],
        lang=lang,
    )


def _brc(code: str, label: str | None, lang: str) -> str:
    """A BRC 2014 group with its name, which is Dutch in every language: the CBS code list the
    data are built from names the groups in Dutch only, and an English name of our own would be
    an unsourced one. An English line says so."""
    if not label:
        return code
    return t("code.brc_named", lang, code=code, label=label)
