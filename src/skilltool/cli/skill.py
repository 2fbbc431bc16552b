"""``skilltool skill ...``: code free-text skills to ESCO skills."""

from __future__ import annotations

import typer

from skilltool import console
from skilltool.cli.common import ForceOpt, JsonOpt, LangOpt, group, state
from skilltool.cli.occupation import (
    ColumnCOpt,
    ColumnOpt,
    DelimiterOpt,
    EncodingOpt,
    EngineOpt,
    InputOpt,
    OutOpt,
    PartitionRowsOpt,
    SchedulerOpt,
    SheetOpt,
    TextsArg,
    TopOpt,
    WorkersOpt,
    file_job,
    no_file_job_options,
    old_column_option,
    read_lines,
)
from skilltool.errors import UsageError
from skilltool.messages import t

app = group(
    help=(
        "``skilltool skill`` (its --help text: catalogue key ``help.skill``). Examples:\n"
        'skilltool skill code "haar knippen"\n'
    ),
)


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
    force: ForceOpt = False,
    delimiter: DelimiterOpt = None,
    encoding: EncodingOpt = None,
    column_c: ColumnCOpt = None,
) -> None:
    """``skilltool skill code`` (its --help text: catalogue key ``help.skill.code``). Examples:

    skilltool skill code "haar knippen"
    skilltool skill code --lang en "forklift driving" "welding"
    skilltool skill code --input cv-regels.csv --column vaardigheid --out skills.parquet
    """
    # lazy: skill_coding (rapidfuzz, the models, the skill index) adds ~0.3 s to `skill --help` (measured)
    from skilltool.skill_coding import SkillCoder

    old_column_option(ctx)
    if input is not None:
        file_job(ctx, "skill")
        return
    no_file_job_options(ctx)
    lines, bulk, nul = read_lines(texts, lang, "usage.no_skill")
    coder = SkillCoder.from_reference(state(ctx).ref)
    count = 0
    for number, text in enumerate(lines, start=1):
        result = nul.not_text(number, coder.code(text, lang=lang, top=top), lang)
        count += 1
        if result.problem:
            where = t("status.code.line", lang, number=number) if bulk else repr(result.input[:60])
            console.warn(f"{where}: {result.problem}", lang)
        if json:
            console.print_json_line(result)
            continue
        if result.candidates:
            console.table(
                ["#", t("code.score", lang), t("code.skill", lang), t("code.matched", lang), "ESCO id"],
                [
                    (i, f"{c.score:.0f}", c.label, c.matched, c.skill_id)
                    for i, c in enumerate(result.candidates, start=1)
                ],
                title=result.input[:60] if (bulk or (texts and len(texts) > 1)) else None,
                lang=lang,
            )
    if count == 0:
        raise UsageError(t("usage.no_skill", lang))
