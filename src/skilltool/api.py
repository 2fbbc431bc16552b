"""The Python API: what a data team calls, keyword-only and typed (see docs/python-api.md).

Each function is a thin door onto the same core the CLI uses, so a result here is the result
``skilltool ... --json`` prints. ``import skilltool`` exposes these names lazily (see
``skilltool.__init__``), so the CLI's start-up does not pay for them.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Literal, Protocol

from pydantic import ValidationError

from skilltool import (
    answer_parsing,
    api_checks,
    batch,
    bulk_coding,
    diplomas,
    engine_options,
    fsio,
    intake_script,
    intake_session,
    profile_building,
    profile_files,
    report,
    report_doc,
    source_date,
)
from skilltool import suggest as suggest_core
from skilltool.api_checks import AnswersRefusedError, PathLike, RefusedAnswer
from skilltool.errors import OutputError, UsageError
from skilltool.messages import say
from skilltool.models import (
    BatchManifest,
    CodingResult,
    DiplomaLookup,
    Explanation,
    Profile,
    SkillCodingResult,
    SuggestionResult,
)
from skilltool.models.answers import IntakeAnswers, check_together
from skilltool.models.diplomas import LookupContext
from skilltool.occupations import OccupationCoder, SkillCoder
from skilltool.reference import ReferenceData

Lang = Literal["nl", "en"]
Fmt = Literal["html", "md"]
__all__ = ["AnswersRefusedError", "PathLike", "RefusedAnswer"]  # re-exported: their home is api_checks


class ProgressBar(Protocol):
    """What ``run_batch(progress=...)`` calls: a context manager that yields ``advance(rows)``."""

    def __enter__(self) -> _Advance: ...
    def __exit__(self, *exc: object) -> bool | None: ...


class _Advance(Protocol):
    def __call__(self, rows: int, /) -> None: ...


class ProgressFactory(Protocol):
    """Makes one ``ProgressBar`` per batch run (for example a tqdm or rich bar)."""

    def __call__(self) -> ProgressBar: ...


class SizedProgressFactory(Protocol):
    """Makes one ``ProgressBar`` per file job, given the number of rows (``tqdm(total=rows)``)."""

    def __call__(self, rows: int, /) -> ProgressBar: ...


def load_reference(*, data_dir: PathLike | None = None) -> ReferenceData:
    """The reference data of a ``data/`` folder (default: the data the package carries).

    Files load on first use, so keep one ``ReferenceData`` and pass it to every call.
    """
    return ReferenceData(api_checks.optional_path(data_dir, "data_dir"))


def occupation_coder(*, ref: ReferenceData, deep: bool = False) -> OccupationCoder:
    """The job-title coder; build it once when coding many titles (``coder.code(title)``).

    ``deep``: also ask the English sentence-embedding opinion for flagged English titles (needs
    the optional extra ``skilltool[embed]``; slower; off by default)."""
    api_checks.given(ref)
    api_checks.flags(deep=deep)
    return OccupationCoder.from_reference(ref, deep=deep)


def code_occupation(
    title: str, *, ref: ReferenceData, lang: Lang = "nl", top: int = 5, deep: bool = False
) -> CodingResult:
    """Rank ESCO occupations (with ISCO-08 codes) for one job title as a person says it
    (``deep`` as ``occupation code --deep``; see ``occupation_coder``)."""
    api_checks.check(lang, top=top)
    api_checks.text("title", title)
    return occupation_coder(ref=ref, deep=deep).code(title, lang=lang, top=top)


def code_skill(text: str, *, ref: ReferenceData, lang: Lang = "nl", top: int = 5) -> SkillCodingResult:
    """Rank ESCO skills for one skill as a person says it."""
    api_checks.check(lang, top=top)
    api_checks.text("text", text)
    api_checks.given(ref)
    return SkillCoder.from_reference(ref).code(text, lang=lang, top=top)


def lookup_diploma(
    text: str,
    *,
    ref: ReferenceData,
    country: str | None = None,
    top: int = 5,
    lang: Lang = "nl",
    documents: Literal["yes", "no", "partial"] | None = None,
    unfinished: bool = False,
    field: str | None = None,
    years: float | None = None,
    context: LookupContext | None = None,
) -> DiplomaLookup:
    """Compare a foreign qualification with Dutch ones: an indication with its source and route.

    ``country`` is a code or a Dutch or English name; ``None`` searches every country. What the
    caseworker knows chooses the route, as the command's options do: ``documents`` ("yes", "no",
    "partial"; ``--documents``), ``unfinished=True`` (``--unfinished``), ``field`` (``--field``),
    ``years`` studied (``--years``: a finished programme less than half as long as an entry's is not
    that diploma, as in the intake). ``context=LookupContext(...)`` is the older form of the same
    (deprecated; not with them).
    """
    api_checks.check(lang, top=top)
    api_checks.text("text", text)
    api_checks.given(ref)
    api_checks.flags(unfinished=unfinished)
    if country is not None:
        api_checks.text("country", country)
    api_checks.one_of("documents", documents, ("yes", "no", "partial", None))
    api_checks.number_or_none("years", years)
    if context is not None:
        if documents is not None or unfinished or field is not None or years is not None:
            raise UsageError(say("errors.api.context_and_options"))
        warnings.warn(
            "lookup_diploma(context=LookupContext(...)) is deprecated; "
            "give documents=, unfinished=, field= and years= instead",
            DeprecationWarning,
            stacklevel=2,
        )
    else:
        completed = False if unfinished else None
        try:  # years=-1, years=nan, field=5: pydantic's many lines, with the value
            context = LookupContext(documents=documents, completed=completed, years=years, field=field)
        except ValidationError as exc:
            raise UsageError(api_checks.one_line(exc, "")) from None
    return diplomas.lookup(ref.diplomas, country=country, text=text, top=top, lang=lang, context=context)


def read_answers(path: PathLike, *, ref: ReferenceData, config: PathLike | None = None) -> IntakeAnswers:
    """An ``--answers`` YAML file, checked question by question as the interview would; ``config``
    is ``intake --config`` (the sections an organisation switches off; answers for them are refused)."""
    api_checks.given(ref)
    cfg = api_checks.optional_path(config, "config")
    return intake_session.read_answers_file(ref, api_checks.path(path, "path"), config=cfg, lang="en")


def complete_profile(
    answers: IntakeAnswers | Mapping[str, object], *, ref: ReferenceData, lang: Lang = "nl"
) -> Profile:
    """Intake answers (the model, or a nested mapping like an answers file) -> a coded profile
    with diploma indications, suggestions and next steps: what ``skilltool intake`` writes, created
    at ``$SOURCE_DATE_EPOCH`` when it is set (``source_date.fixed_now``), as ``intake`` and
    ``run_batch`` take it: two runs gave two files where the command gave one."""
    api_checks.check(lang)
    api_checks.given(ref)
    if not isinstance(answers, IntakeAnswers | Mapping):
        raise UsageError(say("errors.api.not_answers", kind=type(answers).__name__))
    try:  # as an answers file's error: the field and the rule, not pydantic's dump of the value
        if not isinstance(answers, IntakeAnswers):
            api_checks.plain_answers(answers)
            answers = answer_parsing.answers_from_mapping(answers)
        else:  # a model made by hand holds texts of any length: held to the same limit
            api_checks.plain_answers(answers.model_dump())
        checked = check_together(answers)  # and the answers together (a model's too)
    except ValidationError as exc:
        kept = [RefusedAnswer(type=e["type"], loc=e["loc"], msg=e["msg"]) for e in exc.errors()]
        raise AnswersRefusedError(api_checks.one_line(exc, "answers"), kept) from None
    now = source_date.fixed_now()
    return profile_building.complete_profile(checked, ref=ref, lang=lang, now=now)


def read_profile(path: PathLike) -> Profile:
    """A profile JSON file (UTF-8, with or without a byte-order mark), validated."""
    return profile_files.read_profile(api_checks.path(path, "path"))


def write_profile(path: PathLike, profile: Profile, *, force: bool = False) -> None:
    """Write ``profile`` as JSON, atomically, readable by the owner only; an existing file is
    replaced only with ``force`` (``OutputError``), as ``intake --out`` and ``write_report`` do."""
    if not isinstance(profile, Profile):
        raise UsageError(say("errors.api.not_profile", kind=type(profile).__name__))
    api_checks.flags(force=force)
    out = api_checks.path(path, "path")
    api_checks.not_taken(out, force=force, name="path")
    busy = OutputError(say("errors.file.out_busy", path=out))
    with api_checks.in_keywords("path"), fsio.claimed(out, force=force, busy=busy):
        profile_files.write_profile(out, profile)


def suggest_occupations(
    profile: Profile, *, ref: ReferenceData, top: int = 10, sector: str | None = None, lang: Lang = "nl"
) -> SuggestionResult:
    """Shortage-sector occupations for ``profile``, with the client's own trade and next steps."""
    api_checks.check(lang, top=top)
    api_checks.given(ref, profile)
    if sector is not None:
        api_checks.text("sector", sector)
    return suggest_core.suggest(profile, ref=ref, top=top, sector=sector, lang=lang)


def explain_occupation(
    profile: Profile, *, ref: ReferenceData, occupation: str, lang: Lang = "nl"
) -> Explanation:
    """Every score part of one occupation (ESCO URI or label) for ``profile``."""
    api_checks.check(lang)
    api_checks.text("occupation", occupation)
    api_checks.given(ref, profile)
    return suggest_core.explain(profile, ref=ref, occupation=occupation, lang=lang)


def render_report(
    profile: Profile,
    *,
    ref: ReferenceData,
    format: Fmt = "html",
    lang: Lang = "nl",
    client_lang: str | None = None,
    include_sensitive: bool = False,
    fmt: Fmt | None = None,
) -> str:
    """The printable report of ``profile``, what ``skilltool report`` writes: a self-contained HTML
    page (``format="md"``: Markdown, as ``--format md``) in ``lang``, with ``client_lang``'s headings
    beside it (ar, fa, prs, ti, so, tr, uk); health, care duties and notes only with
    ``include_sensitive``. ``fmt=`` is the older name of ``format=`` (deprecated)."""
    format = api_checks.renamed("render_report", ("fmt", fmt), ("format", format), default="html")
    api_checks.check(lang)
    api_checks.given(ref, profile)
    api_checks.flags(include_sensitive=include_sensitive)
    intake_script.check_client_lang(client_lang)
    return report.render(
        profile, fmt=format, lang=lang, client_lang=client_lang, include_sensitive=include_sensitive, ref=ref
    )


def write_report(
    path: PathLike,
    profile: Profile,
    *,
    ref: ReferenceData,
    format: Fmt | None = None,
    lang: Lang = "nl",
    client_lang: str | None = None,
    include_sensitive: bool = False,
    force: bool = False,
    fmt: Fmt | None = None,
) -> Path:
    """``render_report`` written as ``skilltool report --out`` writes it: owner-only and atomically;
    the format from ``format`` (``fmt``, deprecated), else from the name's ending (``.html``,
    ``.md``; another ending is a ``UsageError``); an existing file is refused (``OutputError``)
    unless ``force``. Returns the path written. (``Path.write_text`` of ``render_report``'s text
    leaves the report readable by every user of the machine.)"""
    format = api_checks.renamed("write_report", ("fmt", fmt), ("format", format), default=None)
    out = api_checks.path(path, "path")
    api_checks.flags(force=force, include_sensitive=include_sensitive)
    api_checks.given(ref, profile)
    api_checks.not_taken(out, force=force, name="path")
    chosen = report_doc.report_format(format, out)
    text = render_report(
        profile,
        ref=ref,
        format=chosen,
        lang=lang,
        client_lang=client_lang,
        include_sensitive=include_sensitive,
    )
    busy = OutputError(say("errors.file.out_busy", path=out))
    with api_checks.in_keywords("path"), fsio.claimed(out, force=force, busy=busy):
        fsio.write_text(out, text)
    return out


def run_batch(
    source: PathLike,
    *,
    out: PathLike,
    mapping: PathLike | None = None,
    data_dir: PathLike | None = None,
    lang: Lang = "nl",
    workers: int = 1,
    format: Literal["jsonl", "parquet"] = "jsonl",
    pseudonymise: PathLike | None = None,
    resume: bool = False,
    force: bool = False,
    delimiter: str | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
    xlsx: bool = False,
    engine: Literal["local", "dask"] = "local",
    scheduler: str | None = None,
    partition_rows: int | None = None,
    chunk_size: int | None = None,
    progress: ProgressFactory | None = None,
    output_format: Literal["jsonl", "parquet"] | None = None,
    key_file: PathLike | None = None,
) -> BatchManifest:
    """Many intakes at once: a CSV or Excel export -> ``out/`` with profiles, summary and errors.

    The same run as ``skilltool batch`` with the same options by the same names (``format`` is
    ``--format``, ``pseudonymise`` the key file of ``--pseudonymise``; ``output_format`` and
    ``key_file`` are their older names, deprecated); returns what ``out/manifest.json`` records. Unlike the
    command, ``workers`` stays 1 unless given. ``engine="dask"`` needs ``skilltool[dask]``;
    ``scheduler`` and ``partition_rows`` go with it only (a ``UsageError`` without, as the command).
    """
    format = api_checks.renamed(
        "run_batch", ("output_format", output_format), ("format", format), default="jsonl"
    )
    pseudonymise = api_checks.renamed(
        "run_batch", ("key_file", key_file), ("pseudonymise", pseudonymise), default=None
    )
    # workers=0 was an InputFileError (the command's exit 1) where the docs promise a UsageError
    api_checks.check(
        lang,
        workers=workers,
        **({"chunk_size": chunk_size} if chunk_size is not None else {}),
        **({"partition_rows": partition_rows} if partition_rows is not None else {}),
    )
    api_checks.one_of("engine", engine, ("local", "dask"))
    api_checks.one_of("format", format, batch.FORMATS)  # was an InputFileError; the command's exit 2
    api_checks.flags(resume=resume, force=force, xlsx=xlsx)
    api_checks.texts_or_none(delimiter=delimiter, sheet=sheet, encoding=encoding, scheduler=scheduler)
    api_checks.progress(progress)
    engine_options.dask_only(engine, scheduler, partition_rows)
    with api_checks.in_keywords("out"):
        job = batch.prepare(
            api_checks.path(source, "source"),
            out=api_checks.path(out, "out"),
            mapping_path=api_checks.optional_path(mapping, "mapping"),
            workers=workers,
            resume=resume,
            force=force,
            delimiter=delimiter,
            sheet=sheet,
            encoding=encoding,
            key_file=api_checks.optional_path(pseudonymise, "pseudonymise"),
            lang=lang,
            data_dir=api_checks.optional_path(data_dir, "data_dir"),
            xlsx=xlsx,
            output_format=format,
            chunk_size=chunk_size,
        )
        if engine == "dask":
            # lazy: dask is the optional [dask] extra
            from skilltool import batch_dask

            options = batch_dask.DaskOptions(scheduler=scheduler, partition_rows=partition_rows)
            return batch_dask.run(job, options, progress=progress)
        return batch.run(job, progress=progress)


def code_file(
    source: PathLike,
    *,
    column: str,
    out: PathLike,
    kind: Literal["occupation", "skill"] = "occupation",
    data_dir: PathLike | None = None,
    lang: Lang = "nl",
    top: int = 5,
    sheet: str | None = None,
    delimiter: str | None = None,
    encoding: str | None = None,
    workers: int = 1,
    engine: Literal["local", "dask"] = "local",
    scheduler: str | None = None,
    partition_rows: int | None = None,
    deep: bool = False,
    force: bool = False,
    progress: SizedProgressFactory | None = None,
) -> bulk_coding.Summary:
    """Code ``column`` of a CSV, XLSX or Parquet file into ``out`` (its suffix picks the format):
    every row again, in order, with the candidates as extra columns (``occupation_1_uri``, ...,
    ``occupation_needs_review``, ``occupation_problem``; ``skill_1_id``, ... for skills).

    What ``skilltool occupation code --input`` (``kind="skill"``: ``skill code --input``) does;
    returns the counts (rows, coded, empty, review, problems) and the reader's warnings. An
    existing ``out`` is refused (``OutputError``) unless ``force``, as ``--force`` does.
    ``scheduler`` and ``partition_rows`` (rows per task) go with ``engine="dask"``, as in ``run_batch``.
    """
    api_checks.check(lang, top=top, workers=workers)
    api_checks.one_of("kind", kind, ("occupation", "skill"))
    api_checks.one_of("engine", engine, ("local", "dask"))
    api_checks.text("column", column)
    api_checks.texts_or_none(delimiter=delimiter, sheet=sheet, encoding=encoding, scheduler=scheduler)
    api_checks.flags(deep=deep, force=force)
    api_checks.progress(progress)
    spec = bulk_coding.CodingSpec(
        kind=kind, data_dir=api_checks.optional_path(data_dir, "data_dir"), lang=lang, top=top, deep=deep
    )
    with api_checks.in_keywords("out"):
        return bulk_coding.code_file(
            api_checks.path(source, "source"),
            column,
            api_checks.path(out, "out"),
            spec,
            sheet=sheet,
            delimiter=delimiter,
            encoding=encoding,
            engine=engine,
            scheduler=scheduler,
            workers=workers,
            progress=progress,
            force=force,
            partition_rows=partition_rows,
        )
