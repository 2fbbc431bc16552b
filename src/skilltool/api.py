"""The Python API: what a data team calls, keyword-only and typed (see docs/python-api.md).

Each function is a thin door onto the same core the CLI uses, so a result here is the result
``skilltool ... --json`` prints. ``import skilltool`` exposes these names lazily (see
``skilltool.__init__``), so the CLI's start-up does not pay for them.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, Protocol, overload

from pydantic import ValidationError

from skilltool import (
    answer_parsing,
    batch,
    bulk_coding,
    datafiles,
    diplomas,
    engine_options,
    fsio,
    intake_script,
    intake_session,
    profile_building,
    profile_files,
    report,
    report_doc,
)
from skilltool import suggest as suggest_core
from skilltool.errors import InputFileError, UsageError
from skilltool.messages import Say, say
from skilltool.models import (
    BatchManifest,
    CodingResult,
    DiplomaLookup,
    Explanation,
    Profile,
    SkillCodingResult,
    SuggestionResult,
)
from skilltool.models.answers import IntakeAnswers
from skilltool.models.diplomas import LookupContext
from skilltool.occupations import OccupationCoder, SkillCoder
from skilltool.reference import ReferenceData

PathLike = str | os.PathLike[str]
Lang = Literal["nl", "en"]


def _check(lang: str, **counts: int) -> None:
    """The options mypy cannot see at run time: ``lang="de"`` gave English without a word and
    ``top=0`` an empty list, where the CLI refuses both (exit 2)."""
    if lang not in ("nl", "en"):
        raise UsageError(say("errors.api.lang", given=repr(lang)))
    for name, value in counts.items():
        if isinstance(value, bool) or not isinstance(value, int):  # top=1.5 was a TypeError from a slice
            raise UsageError(say("errors.api.whole", name=name, kind=type(value).__name__))
        if value < 1:
            raise UsageError(say("errors.batch.at_least_one", option=name))


def _one_of(name: str, value: object, choices: tuple[object, ...]) -> None:
    """A closed-list option mypy cannot hold a caller to: ``engine="spark"`` ran on this machine
    without a word, ``kind="diploma"`` was a ``KeyError``, ``documents="maybe"`` a pydantic dump."""
    if value not in choices:
        shown = ", ".join(repr(c) for c in choices)
        raise UsageError(say("errors.api.choice", name=name, given=repr(value)[:60], choices=shown))


def _flags(**flags: object) -> None:
    """A yes/no argument that is no ``bool``: ``include_sensitive="no"`` (a value read from a
    config file or a form) is true to Python, and the report held the health and care details."""
    for name, value in flags.items():
        if not isinstance(value, bool):
            raise UsageError(say("errors.api.flag", name=name, kind=type(value).__name__))


_NO_PROFILE = object()


def _given(ref: object, profile: object = _NO_PROFILE) -> None:
    """``ref`` (and ``profile`` where one is read) of the right kind: ``ref=None`` or a dict as the
    profile was an ``AttributeError`` from deep inside."""
    if not isinstance(ref, ReferenceData):
        raise UsageError(say("errors.api.not_ref", kind=type(ref).__name__))
    if profile is not _NO_PROFILE and not isinstance(profile, Profile):
        raise UsageError(say("errors.api.not_profile", kind=type(profile).__name__))


class AnswersRefusedError(InputFileError, ValueError):
    """``complete_profile``'s answers that do not validate: one line naming the field and the rule,
    never the value; a ``ValueError`` with ``errors()`` (pydantic's list, without the values) as
    the ``ValidationError`` it was, which printed the value it refused (``input_value='123456789'``:
    a BSN in a log)."""

    def __init__(self, message: Say, errors: list[dict[str, Any]]) -> None:
        super().__init__(message)
        self._errors = errors

    def errors(self) -> list[dict[str, Any]]:
        """pydantic's errors (``type``, ``loc``, ``msg``), the refused values left out."""
        return self._errors


def _one_line(exc: ValidationError, name: str) -> Say:
    """A model's refusal of an argument as one line naming it and the rule (pydantic's own error
    is many lines, and repeats the value)."""
    errors = exc.errors()
    where = ".".join(str(p) for p in (name, *errors[0]["loc"]) if p != "")
    more = say("errors.validation_more", n=len(errors) - 1) if len(errors) > 1 else ""
    return say("errors.api.invalid", name=where, why=datafiles.validation_reason(errors[0]), more=more)


def _text(name: str, value: object) -> None:
    """A text argument that is none (``None`` from an empty cell, ``bytes``): it was an
    ``AttributeError`` from deep inside the coder."""
    if not isinstance(value, str):
        raise UsageError(say("errors.api.text", name=name, kind=type(value).__name__))


def _texts_or_none(**values: object) -> None:
    """Optional text arguments (``delimiter``, ``sheet``, ``encoding``, ``scheduler``): ``delimiter=5``
    (a number read from a config file) was an ``AttributeError`` from the CSV reader, ``encoding=5``
    a ``TypeError`` from the messages, ``scheduler=5`` one from distributed."""
    for name, value in values.items():
        if value is not None:
            _text(name, value)


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
    return ReferenceData(_path(data_dir, "data_dir"))


def occupation_coder(*, ref: ReferenceData, deep: bool = False) -> OccupationCoder:
    """The job-title coder; build it once when coding many titles (``coder.code(title)``).

    ``deep``: also ask the English sentence-embedding opinion for flagged English titles (needs
    the optional extra ``skilltool[embed]``; slower; off by default)."""
    _given(ref)
    _flags(deep=deep)
    return OccupationCoder.from_reference(ref, deep=deep)


def code_occupation(
    title: str, *, ref: ReferenceData, lang: Lang = "nl", top: int = 5, deep: bool = False
) -> CodingResult:
    """Rank ESCO occupations (with ISCO-08 codes) for one job title as a person says it
    (``deep`` as ``occupation code --deep``; see ``occupation_coder``)."""
    _check(lang, top=top)
    _text("title", title)
    return occupation_coder(ref=ref, deep=deep).code(title, lang=lang, top=top)


def code_skill(text: str, *, ref: ReferenceData, lang: Lang = "nl", top: int = 5) -> SkillCodingResult:
    """Rank ESCO skills for one skill as a person says it."""
    _check(lang, top=top)
    _text("text", text)
    _given(ref)
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
    _check(lang, top=top)
    _text("text", text)
    _given(ref)
    _flags(unfinished=unfinished)
    if country is not None:
        _text("country", country)
    _one_of("documents", documents, ("yes", "no", "partial", None))
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
            raise UsageError(_one_line(exc, "")) from None
    return diplomas.lookup(ref.diplomas, country=country, text=text, top=top, lang=lang, context=context)


def read_answers(path: PathLike, *, ref: ReferenceData) -> IntakeAnswers:
    """An ``--answers`` YAML file, checked question by question as the interview would."""
    _given(ref)
    return intake_session.read_answers_file(ref, _path(path, "path"), lang="en")


def complete_profile(
    answers: IntakeAnswers | Mapping[str, object], *, ref: ReferenceData, lang: Lang = "nl"
) -> Profile:
    """Intake answers (the model, or a nested mapping like an answers file) -> a coded profile
    with diploma indications, suggestions and next steps: what ``skilltool intake`` writes."""
    _check(lang)
    _given(ref)
    if isinstance(answers, IntakeAnswers):
        checked = answers
    elif isinstance(answers, Mapping):
        try:  # as an answers file's error: the field and the rule, not pydantic's dump of the value
            checked = answer_parsing.answers_from_mapping(answers)
        except ValidationError as exc:
            kept = [{k: e[k] for k in ("type", "loc", "msg")} for e in exc.errors()]
            raise AnswersRefusedError(_one_line(exc, "answers"), kept) from None
    else:
        raise UsageError(say("errors.api.not_answers", kind=type(answers).__name__))
    return profile_building.complete_profile(checked, ref=ref, lang=lang)


def read_profile(path: PathLike) -> Profile:
    """A profile JSON file (UTF-8, with or without a byte-order mark), validated."""
    return profile_files.read_profile(_path(path, "path"))


def write_profile(path: PathLike, profile: Profile) -> None:
    """Write ``profile`` as JSON, atomically, readable by the owner only."""
    if not isinstance(profile, Profile):
        raise UsageError(say("errors.api.not_profile", kind=type(profile).__name__))
    profile_files.write_profile(_path(path, "path"), profile)


def suggest_occupations(
    profile: Profile, *, ref: ReferenceData, top: int = 10, sector: str | None = None, lang: Lang = "nl"
) -> SuggestionResult:
    """Shortage-sector occupations for ``profile``, with the client's own trade and next steps."""
    _check(lang, top=top)
    _given(ref, profile)
    if sector is not None:
        _text("sector", sector)
    return suggest_core.suggest(profile, ref=ref, top=top, sector=sector, lang=lang)


def explain_occupation(
    profile: Profile, *, ref: ReferenceData, occupation: str, lang: Lang = "nl"
) -> Explanation:
    """Every score part of one occupation (ESCO URI or label) for ``profile``."""
    _check(lang)
    _text("occupation", occupation)
    _given(ref, profile)
    return suggest_core.explain(profile, ref=ref, occupation=occupation, lang=lang)


def render_report(
    profile: Profile,
    *,
    ref: ReferenceData,
    fmt: Literal["html", "md"] = "html",
    lang: Lang = "nl",
    client_lang: str | None = None,
    include_sensitive: bool = False,
) -> str:
    """The printable report of ``profile``, what ``skilltool report`` writes: a self-contained HTML
    page (``fmt="md"``: Markdown) in ``lang``, with ``client_lang``'s headings beside it (ar, fa,
    prs, ti, so, tr, uk); health, care duties and notes only with ``include_sensitive``."""
    _check(lang)
    _given(ref, profile)
    _flags(include_sensitive=include_sensitive)
    intake_script.check_client_lang(client_lang)
    return report.render(
        profile, fmt=fmt, lang=lang, client_lang=client_lang, include_sensitive=include_sensitive, ref=ref
    )


def write_report(
    path: PathLike,
    profile: Profile,
    *,
    ref: ReferenceData,
    fmt: Literal["html", "md"] | None = None,
    lang: Lang = "nl",
    client_lang: str | None = None,
    include_sensitive: bool = False,
    force: bool = False,
) -> Path:
    """``render_report`` written as ``skilltool report --out`` writes it: owner-only and atomically;
    the format from ``fmt``, else from the name's ending (``.html``, ``.md``; another ending is a
    ``UsageError``); an existing file is refused (``OutputError``) unless ``force``. Returns the
    path written. (``Path.write_text`` of ``render_report``'s text leaves the report readable by
    every user of the machine.)"""
    out = _path(path, "path")
    _flags(force=force, include_sensitive=include_sensitive)
    _given(ref, profile)
    fsio.check_not_taken(out, force=force)
    chosen = report_doc.report_format(fmt, out)
    text = render_report(
        profile, ref=ref, fmt=chosen, lang=lang, client_lang=client_lang, include_sensitive=include_sensitive
    )
    fsio.write_text(out, text)
    return out


@overload
def _path(value: PathLike, name: str) -> Path: ...
@overload
def _path(value: PathLike | None, name: str) -> Path | None: ...
def _path(value: PathLike | None, name: str) -> Path | None:
    """A path argument; one with a NUL byte (no file has one) was a ``ValueError`` from ``open``."""
    if value is None:
        return None
    if not isinstance(value, str | os.PathLike):  # data_dir=5: a TypeError from Path
        raise UsageError(say("errors.api.path", name=name, kind=type(value).__name__))
    path = Path(value)
    if "\0" in str(path):
        raise UsageError(say("errors.api.nul", name=name))
    return path


def _progress(progress: Any) -> None:
    """``progress=`` that cannot be called was a ``TypeError`` once the rows were counted."""
    if progress is not None and not callable(progress):
        raise UsageError(say("errors.api.not_callable", name="progress", kind=type(progress).__name__))


def run_batch(
    source: PathLike,
    *,
    out: PathLike,
    mapping: PathLike | None = None,
    data_dir: PathLike | None = None,
    lang: Lang = "nl",
    workers: int = 1,
    output_format: Literal["jsonl", "parquet"] = "jsonl",
    key_file: PathLike | None = None,
    resume: bool = False,
    force: bool = False,
    delimiter: str | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
    xlsx: bool = False,
    engine: Literal["local", "dask"] = "local",
    scheduler: str | None = None,
    partition_rows: int | None = None,
    chunk_size: int = batch.DEFAULT_CHUNK,
    progress: ProgressFactory | None = None,
) -> BatchManifest:
    """Many intakes at once: a CSV or Excel export -> ``out/`` with profiles, summary and errors.

    The same run as ``skilltool batch`` with the same options (``key_file`` is ``--pseudonymise``,
    ``output_format`` is ``--format``); returns what ``out/manifest.json`` records. Unlike the
    command, ``workers`` stays 1 unless given. ``engine="dask"`` needs ``skilltool[dask]``;
    ``scheduler`` and ``partition_rows`` go with it only (a ``UsageError`` without, as the command).
    """
    # workers=0 was an InputFileError (the command's exit 1) where the docs promise a UsageError
    _check(
        lang,
        workers=workers,
        chunk_size=chunk_size,
        **({"partition_rows": partition_rows} if partition_rows is not None else {}),
    )
    _one_of("engine", engine, ("local", "dask"))
    _flags(resume=resume, force=force, xlsx=xlsx)
    _texts_or_none(delimiter=delimiter, sheet=sheet, encoding=encoding, scheduler=scheduler)
    _progress(progress)
    engine_options.dask_only(engine, scheduler, partition_rows)
    job = batch.prepare(
        _path(source, "source"),
        out=_path(out, "out"),
        mapping_path=_path(mapping, "mapping"),
        workers=workers,
        resume=resume,
        force=force,
        delimiter=delimiter,
        sheet=sheet,
        encoding=encoding,
        key_file=_path(key_file, "key_file"),
        lang=lang,
        data_dir=_path(data_dir, "data_dir"),
        xlsx=xlsx,
        output_format=output_format,
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
    _check(lang, top=top, workers=workers)
    _one_of("kind", kind, ("occupation", "skill"))
    _one_of("engine", engine, ("local", "dask"))
    _text("column", column)
    _texts_or_none(delimiter=delimiter, sheet=sheet, encoding=encoding, scheduler=scheduler)
    _flags(deep=deep, force=force)
    _progress(progress)
    spec = bulk_coding.CodingSpec(
        kind=kind, data_dir=_path(data_dir, "data_dir"), lang=lang, top=top, deep=deep
    )
    return bulk_coding.code_file(
        _path(source, "source"),
        column,
        _path(out, "out"),
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
