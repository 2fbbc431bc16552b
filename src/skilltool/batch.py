"""Batch: many intakes from a CSV or Excel export to profiles, a summary, errors, a report.

Every input row is accounted for: it ends up as a line of ``profiles.jsonl`` (and of
``summary.csv``) or as a line of ``errors.csv``; ``manifest.json`` says ``rows_read ==
rows_written + rows_rejected``. Lines with no cell filled in are not rows; they are counted
apart (``blank_rows_skipped``).

How it runs:

* ``tabular.inspect`` makes one pass over the file (checksum, encoding, delimiter, header, row
  count for the progress bar); the column mapping is checked against the header before any row.
* The main process streams rows, drops blank ones, rejects repeated client ids, and sends chunks
  to worker processes (forked after the row processor is built once, sharing it copy-on-write;
  ``spawn`` where fork is unavailable, each worker then building it from the compiled-data
  cache). At most two chunks per worker are in flight, so memory does not grow with the input.
* Each row goes through ``batch_mapping.row_to_answers`` (mapping and validation), then the row
  processor: by default ``intake.build_profile`` and ``intake.add_suggestions``, the code path of
  ``skilltool intake``. Tests inject a small fake processor instead.
* Results come back in input order and are appended to part files in ``OUT/.batch-work/``; a
  checkpoint (``state.json``: byte offsets of the part files, last row done, counters) is written
  at most every second. ``--resume`` truncates the part files to the checkpoint and continues
  after its last row: no row twice, none lost. At the end the part files are renamed into place.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import hashlib
import hmac
import io
import json
import os
import shutil
import time
from array import array
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from skilltool import __version__, fsio, messages, tabular
from skilltool.batch_mapping import (
    DEFAULT_MAPPING,
    CompiledMapping,
    RowError,
    column_source,
    compile_mapping,
    load_mapping,
    reason_text,
    row_answers_and_columns,
)
from skilltool.diplomas import highest_level
from skilltool.errors import InputFileError, OutputError, SkilltoolError, UsageError
from skilltool.models import Profile
from skilltool.models.answers import IntakeAnswers, client_ref_problem
from skilltool.models.batch import (
    BatchCounts,
    BatchInput,
    BatchManifest,
    BatchTimings,
    ColumnMapping,
    ErrorRow,
    ResearchEducation,
    ResearchLanguage,
    ResearchProfile,
    ResearchSuggestion,
    ResearchWork,
    SummaryRow,
)

if TYPE_CHECKING:
    from skilltool.reference import ReferenceData

WORK_DIR = ".batch-work"
STATE_VERSION = 1
DEFAULT_CHUNK = 100  # rows; a chunk of profiles is ~30 KB a row, held a few times over in flight
OUTPUTS = ("profiles.jsonl", "summary.csv", "errors.csv", "report.html", "manifest.json")
SUMMARY_HEADER = list(SummaryRow.model_fields)
ERROR_HEADER = list(ErrorRow.model_fields)
PART_FILES = ("profiles.jsonl", "summary.csv", "errors.csv")
FORMATS = ("jsonl", "parquet")
ARROWS_DIR = "arrows"


def part_files(fmt: str) -> tuple[str, ...]:
    """The part files a run appends to: profiles as JSON Lines, or one Arrow stream per table."""
    if fmt != "parquet":
        return PART_FILES
    from skilltool.batch_parquet import PROFILE_TABLES

    return ("summary.csv", "errors.csv", *(f"{ARROWS_DIR}/{name}.arrows" for name in PROFILE_TABLES))


MIN_KEY_BYTES = 16
CHECKPOINT_SECONDS = 1.0


class BatchInterruptedError(SkilltoolError):
    """Ctrl-C during a batch: the checkpoint is kept, ``--resume`` continues."""

    exit_code = 130


# --- the per-row processor -------------------------------------------------------------------


@dataclass
class Timer:
    """Seconds a worker spent per stage; the processor adds to ``coding`` and ``suggesting``."""

    coding: float = 0.0
    suggesting: float = 0.0


class RowFn(Protocol):
    """Answers -> the finished profile (coded, with suggestions), dated ``now``."""

    def __call__(self, answers: IntakeAnswers, timer: Timer, now: dt.datetime) -> Profile: ...


ProcessorFactory = Callable[[Path | None, str], RowFn]
"""(data dir, lang) -> the per-row function. Called once per worker; must be picklable."""


class _MemoDiplomas:
    """``diplomas.lookup`` on one table, memoised (bounded, least recently used first out):
    exports repeat the same diploma names a lot.

    ``intake.build_profile`` accepts a callable in place of the table; the lookup itself is the
    one in ``skilltool.diplomas``. Results are read, never changed, so sharing them is safe.
    """

    def __init__(self, table: Any, size: int = 4096) -> None:
        from skilltool import diplomas

        def lookup(country: str | None, text: str, top: int, lang: str, context: Any) -> Any:
            return diplomas.lookup(table, country=country, text=text, top=top, lang=lang, context=context)

        self._lookup = functools.lru_cache(maxsize=size)(lookup)

    def __call__(self, *, country: str | None, text: str, top: int, lang: str, context: Any) -> Any:
        return self._lookup(country, text, top, lang, context)


class MemoCoder:
    """``coder.code`` memoised on its inputs (bounded, least recently used first out): exports
    repeat the same job titles and skills a lot. Results are read, never changed."""

    def __init__(self, coder: Any, size: int = 4096) -> None:
        def code(text: str, lang: str, top: int) -> Any:
            return coder.code(text, lang=lang, top=top)

        self._code = functools.lru_cache(maxsize=size)(code)

    def code(self, text: str, *, lang: str = "nl", top: int = 5) -> Any:
        return self._code(text, lang, top)


WARM_UP = {
    "personal": {"client_ref": "warm-up", "country_of_origin": "SY"},
    "languages": {"mother_tongues": ["Arabisch"], "dutch_cefr": "A2"},
    "education": [{"qualification": "Baccalaureate", "country": "SY", "completed": True}],
    "work": [{"title": "lasser", "country": "SY", "years": 6}],
    "skills": {"free_text": ["lassen"]},
    "wishes": {"hours_per_week": 24, "sectors": ["techniek"]},
}
"""One made-up intake run before the workers fork, so that the data every row needs (suggestion
index, skills, both coders, country names...) is loaded once and shared, not loaded again in each
worker. It has a free-text skill so that the skill coder (~130 MB) is among them."""


def standard_processor(data_dir: Path | None, lang: str) -> RowFn:
    """The intake command's code path: ``intake.build_profile``, then ``intake.add_suggestions``.

    These are the two steps of ``intake.complete_profile`` (what ``skilltool intake`` runs),
    called one by one so the time of each can be measured. The coders and tables are built once
    per worker from the compiled-data cache; repeated titles and skills hit ``MemoCoder`` and
    repeated diploma names ``_MemoDiplomas``.
    """
    from skilltool import answer_parsing, profile_building
    from skilltool.reference import ReferenceData

    ref = ReferenceData(data_dir)
    coders = profile_building.Coders(ref)
    coders.occupation.preload()  # before the workers fork, so that they share it
    occupation, skill = MemoCoder(coders.occupation), MemoCoder(coders.skill)
    diplomas = _MemoDiplomas(coders.diplomas) if coders.diplomas is not None else None

    def run(answers: IntakeAnswers, timer: Timer, now: dt.datetime) -> Profile:
        t0 = time.perf_counter()
        profile = profile_building.build_profile(
            answers,
            ref=ref,
            coder=occupation,
            diplomas=diplomas,
            skill_coder=skill,
            lang=lang,
            now=now,
            today=now.date(),
        )
        t1 = time.perf_counter()
        profile = profile_building.add_suggestions(profile, ref=ref, lang=lang)
        timer.coding += t1 - t0
        timer.suggesting += time.perf_counter() - t1
        return profile

    with suppress(SkilltoolError, ValueError):  # dropped; it only loads what a row needs
        run(answer_parsing.answers_from_mapping(WARM_UP), Timer(), dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    return run


# --- pseudonymisation ------------------------------------------------------------------------


def read_key(path: Path) -> bytes:
    """The secret key for ``--pseudonymise``: at least 16 bytes, kept by the data owner."""
    if path.exists():
        fsio.check_input_file(path, "the key file")
    try:
        key = path.read_bytes().strip()
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read the key file ({exc.strerror})") from None
    if len(key) < MIN_KEY_BYTES:
        raise InputFileError(
            f"{path}: the key has {len(key)} bytes; use at least 32 random bytes, "
            "e.g. `head -c 32 /dev/urandom | base64 > KEYFILE`"
        )
    return key


def pseudonym(key: bytes, client_ref: str) -> str:
    """A keyed HMAC-SHA256 of the client id: the same id and key give the same pseudonym."""
    return "ps-" + hmac.new(key, client_ref.strip().encode("utf-8"), hashlib.sha256).hexdigest()[:40]


def birth_year_band(year: int | None) -> str | None:
    """A birth year as its 5-year band: 1987 -> '1985-1989'."""
    if year is None:
        return None
    low = year - year % 5
    return f"{low}-{low + 4}"


def permit_quarter(day: dt.date | None) -> str | None:
    """A permit date as its quarter: 2024-03-14 -> '2024-Q1'."""
    return None if day is None else f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def research_copy(profile: Profile, *, sector_ids: frozenset[str] = frozenset()) -> ResearchProfile:
    """The research export of a profile: coded values only, quasi-identifiers generalised.

    Kept: ESCO URIs and ISCO-08 codes (not titles), NLQF/EQF indications (not diploma names),
    CEFR levels, ISO country and language codes, closed-list answers (driving licence
    categories, sector ids of the reference data), hours, travel time. Generalised: birth
    year to a 5-year band, permit date to a quarter. Dropped: municipality, every free text
    (work titles and tasks, qualification names and fields, free-text skills, certificates,
    wished occupations, notes, next steps), health and care duties, suggestion texts.
    """
    from skilltool.languages import LANGUAGES
    from skilltool.models.answers import LICENCES

    p = profile.personal
    return ResearchProfile(
        client_ref=p.client_ref,
        birth_years=birth_year_band(p.birth_year),
        permit_quarter=permit_quarter(p.permit_date),
        country_of_origin=p.country_of_origin,
        languages=[
            ResearchLanguage(language=lang.language, cefr=lang.cefr, mother_tongue=lang.mother_tongue)
            for lang in profile.languages
            if lang.language in LANGUAGES
        ],
        dutch_cefr=profile.dutch.cefr,
        integration_route=profile.dutch.integration_route,
        education=[
            ResearchEducation(
                country=e.country,
                years=e.years,
                completed=e.completed,
                documents=e.documents,
                idw_status=e.idw_status,
                idw_nlqf=e.idw_nlqf,
                nlqf_min=e.indication.nlqf_min if e.indication else None,
                nlqf_max=e.indication.nlqf_max if e.indication else None,
                eqf_min=e.indication.eqf_min if e.indication else None,
                eqf_max=e.indication.eqf_max if e.indication else None,
                table_entry=e.indication.entry_id if e.indication else None,
            )
            for e in profile.education
        ],
        work=[
            ResearchWork(
                esco_uri=w.coded.uri if w.coded else None,
                isco=w.coded.isco if w.coded else None,
                country=w.country,
                years=w.years,
                kind=w.kind,
                needs_review=w.needs_review,
            )
            for w in profile.work
        ],
        esco_skills=list(dict.fromkeys(s.skill_id for s in profile.skills if s.skill_id is not None)),
        digital_skills=profile.digital_skills,
        driving_licences=[d for d in profile.driving_licences if d in LICENCES],
        wished_sectors=[s for s in profile.wishes.sectors if s in sector_ids],
        hours_per_week=profile.wishes.hours_per_week,
        max_travel_minutes=profile.wishes.max_travel_minutes,
        willing_to_train=profile.wishes.willing_to_train,
        suggestions=[
            ResearchSuggestion(
                esco_uri=s.uri,
                isco=s.isco,
                sector=s.sector,
                score=s.score,
                route=s.route,
                at_level=s.at_level,
                regulated=s.regulated,
                tightness=s.tightness.category,
            )
            for s in profile.suggestions
        ],
    )


# --- summary and counters --------------------------------------------------------------------


def _nlqf_text(profile: Profile) -> tuple[str, int | None, str]:
    """The highest level (``diplomas.highest_level``, the one rule) as the summary writes it: the
    range text, its upper bound, and its basis ('' when unknown)."""
    level = highest_level(profile.education)
    if level is None:
        return "", None, ""
    return level.text, level.high, level.basis


def review_flags(profile: Profile) -> list[str]:
    """Why a person should look at this profile before using it."""
    flags: list[str] = []
    if any(w.needs_review for w in profile.work):
        flags.append("occupation_needs_review")
    if any(w.coded is None for w in profile.work):
        flags.append("occupation_not_coded")
    if any(e.indication is None and e.idw_nlqf is None for e in profile.education):
        flags.append("diploma_no_indication")
    if profile.dutch.cefr is None:
        flags.append("dutch_level_unknown")
    if not profile.suggestions:
        flags.append("no_suggestions")
    return flags


def summary_row(row: int, profile: Profile, lang: str = "nl") -> SummaryRow:
    """The summary line of one profile; each top suggestion with its tightness now and to 2030."""
    from skilltool.tightness import text as tightness_text

    nlqf, _, basis = _nlqf_text(profile)
    return SummaryRow(
        row=row,
        client_ref=profile.personal.client_ref,
        highest_nlqf=nlqf,
        level_basis=basis,
        coded_occupations="; ".join(f"{w.coded.isco} {w.coded.label}" for w in profile.work if w.coded),
        top_suggestions="; ".join(
            f"{s.label} ({tightness_text(s.tightness, lang, short=True)})" for s in profile.suggestions[:3]
        ),
        review_flags=" ".join(review_flags(profile)),
    )


def _count_profile(stats: dict[str, Counter[str]], profile: Profile, lang: str = "nl") -> None:
    _, top, _ = _nlqf_text(profile)
    stats["nlqf"][str(top) if top is not None else "unknown"] += 1
    stats["dutch"][profile.dutch.cefr or "unknown"] += 1
    stats["country"][profile.personal.country_of_origin or "unknown"] += 1
    for w in profile.work:
        stats["occupations"][f"{w.coded.isco} {w.coded.label}" if w.coded else "(not coded)"] += 1
    for sector in dict.fromkeys(s.sector for s in profile.suggestions[:3]):
        stats["sectors"][sector] += 1
    if profile.suggestions:
        from skilltool.tightness import text as tightness_text

        stats["tightness"][tightness_text(profile.suggestions[0].tightness, lang, short=True)] += 1
    flags = review_flags(profile)
    stats["review"]["needs review" if flags else "ok"] += 1
    for flag in flags:
        stats["flags"][flag] += 1


STAT_KEYS = ("nlqf", "dutch", "country", "occupations", "sectors", "tightness", "review", "flags", "rejected")


def _new_stats() -> dict[str, Counter[str]]:
    return {k: Counter() for k in STAT_KEYS}


# --- workers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkerConfig:
    """What a worker needs to process rows; picklable (sent once to each worker)."""

    mapping: CompiledMapping
    data_dir: Path | None
    lang: str
    key: bytes | None
    created: str
    factory: ProcessorFactory
    format: str = "jsonl"


@dataclass
class ChunkResult:
    """One chunk's output, in input order, ready to append."""

    last_row: int
    profiles: bytes
    summary: bytes
    errors: bytes
    written: int
    rejected: int
    stats: dict[str, Counter[str]]
    coding: float
    suggesting: float
    tables: dict[str, bytes] = field(default_factory=dict)
    """``--format parquet``: each profile table's rows as an Arrow IPC message."""


Chunk = list[tuple[int, list[str], bool]]  # (row number, cells, is a repeated id)


class _Worker:
    def __init__(self, config: WorkerConfig) -> None:
        self.config = config
        self.fn = config.factory(config.data_dir, config.lang)
        self.created = dt.datetime.fromisoformat(config.created)
        self.sector_ids: frozenset[str] = frozenset()
        if config.key:  # wished sectors survive the research export only as known sector ids
            from skilltool.reference import ReferenceData

            with suppress(SkilltoolError):
                self.sector_ids = frozenset(s.id for s in ReferenceData(config.data_dir).sectors.sectors)

    def process(self, chunk: Chunk) -> ChunkResult:
        cfg = self.config
        timer = Timer()
        stats = _new_stats()
        profiles: list[bytes] = []
        summary = io.StringIO()
        errors = io.StringIO()
        ssink, esink = tabular.CsvSink(summary), tabular.CsvSink(errors)
        rejected = written = 0
        tables = None
        if cfg.format == "parquet":
            from skilltool.batch_rows import TableRows

            tables = TableRows()
        for rowno, cells, duplicate in chunk:
            raw_id = cells[cfg.mapping.id_index].strip() if cfg.mapping.id_index < len(cells) else ""
            shown_id = ""  # an id that is not a valid reference (a name, a BSN) is never shown
            if raw_id and (cfg.key or client_ref_problem(raw_id) is None):
                shown_id = pseudonym(cfg.key, raw_id) if cfg.key else raw_id
            try:
                if isinstance(cells, tabular.BrokenRecord):
                    stats["rejected"]["(unclosed quote)"] += 1
                    key = "quote_opened" if cells.opened == rowno else "quote_swallowed"
                    raise RowError("", reason_text(key, cfg.lang, opened=cells.opened, last=cells.last))
                if duplicate:
                    raise RowError(cfg.mapping.id_column, reason_text("duplicate_id", cfg.lang))
                if raw_id and (problem := client_ref_problem(raw_id)) is not None:  # also when hashed
                    raise RowError(
                        cfg.mapping.id_column, messages.t(f"reason.value.client_ref_{problem}", cfg.lang)
                    )
                answers, columns = row_answers_and_columns(
                    cells, cfg.mapping, lang=cfg.lang, client_ref=shown_id if cfg.key else None
                )
            except RowError as exc:
                rejected += 1
                if not isinstance(cells, tabular.BrokenRecord):
                    stats["rejected"][exc.field or "(row)"] += 1
                err = ErrorRow(row=rowno, client_ref=shown_id, field=exc.field, reason=exc.reason)
                esink.row([err.row, err.client_ref, err.field, err.reason])
                continue
            try:
                profile = self.fn(answers, timer, self.created)
            except SkilltoolError as exc:
                rejected += 1
                column, reason = _profile_error(exc, columns, cfg.lang)
                stats["rejected"][column or "(profile)"] += 1
                esink.row([rowno, shown_id, column, reason])
                continue
            except Exception as exc:  # noqa: BLE001 - one row's bug must not sink 100,000 others
                rejected += 1
                stats["rejected"]["(internal error)"] += 1
                esink.row(
                    [rowno, shown_id, "", f"internal error ({type(exc).__name__}); please report this row"]
                )
                continue
            written += 1
            if cfg.key:  # the research export: codes only; the tables get exactly what it keeps
                research = research_copy(profile, sector_ids=self.sector_ids)
                if tables is not None:
                    tables.add_research(
                        rowno, research, highest=_nlqf_text(profile), flags=review_flags(profile)
                    )
                else:
                    profiles.append(research.model_dump_json(exclude_none=True).encode() + b"\n")
            elif tables is not None:
                tables.add_profile(rowno, profile, highest=_nlqf_text(profile), flags=review_flags(profile))
            else:
                profiles.append(Profile.__pydantic_serializer__.to_json(profile, exclude_none=True) + b"\n")
            s = summary_row(rowno, profile, cfg.lang)
            ssink.row(
                [
                    s.row,
                    s.client_ref,
                    s.highest_nlqf,
                    s.level_basis,
                    s.coded_occupations,
                    s.top_suggestions,
                    s.review_flags,
                ]
            )
            _count_profile(stats, profile, cfg.lang)
        return ChunkResult(
            last_row=chunk[-1][0],
            profiles=b"".join(profiles),
            summary=summary.getvalue().encode("utf-8"),
            errors=errors.getvalue().encode("utf-8"),
            written=written,
            rejected=rejected,
            stats=stats,
            coding=timer.coding,
            suggesting=timer.suggesting,
            tables=tables.ipc_messages() if tables is not None else {},
        )


def _profile_error(
    exc: SkilltoolError, columns: dict[tuple[str | int, ...], str], lang: str = "nl"
) -> tuple[str, str]:
    """``work.1.country: 'X' is not ...`` -> (the column of work 1's country, the rule).

    The reason is the error's value-free ``rule``, never its message (which may quote the
    cell): errors.csv names the column and the rule, not what the person answered.
    """
    head, sep, _ = exc.message.partition(": ")
    column = ""
    if sep and " " not in head:
        loc = tuple(int(p) if p.isdigit() else p for p in head.split("."))
        column = columns.get(loc, head)
    rule = exc.rule or "reason.unprocessable"
    # a rule is a message catalogue key (in the batch's language) or, from older code, a text
    return column, messages.t(rule, lang) if rule in messages.catalogue(messages.lang_of(lang)) else rule


_WORKER: _Worker | None = None


def _ignore_sigint() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process handles Ctrl-C
    if hasattr(signal, "pthread_sigmask"):  # started with SIGINT blocked: see _sigint_blocked
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


@contextmanager
def _sigint_blocked() -> Iterator[None]:
    """SIGINT blocked in this thread (and inherited by processes forked meanwhile) for the block;
    a SIGINT that arrives meanwhile is delivered when it ends."""
    import signal

    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _init_worker(config: WorkerConfig) -> None:
    _ignore_sigint()
    _init_worker_body(config)


def _init_worker_body(config: WorkerConfig) -> None:
    global _WORKER  # noqa: PLW0603 - one per worker process, set once by the pool initializer
    _WORKER = _Worker(config)


def _run_chunk(chunk: Chunk) -> ChunkResult:
    """One chunk in a pool worker. Afterwards what is still alive (mostly the memos of repeated
    titles, diplomas and suggestions) is frozen out of the garbage collector's reach, after one
    collection of what the chunk left: otherwise every full collection walks all memoised
    objects again (seconds per 10,000 rows) and touches their pages."""
    import gc

    assert _WORKER is not None
    result = _WORKER.process(chunk)
    gc.collect()
    gc.freeze()
    return result


# --- checkpoint ------------------------------------------------------------------------------


@dataclass
class _State:
    """The checkpoint in ``.batch-work/state.json``."""

    fingerprint: str
    created: str
    last_row: int = 0
    offsets: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PART_FILES, 0))
    counts: BatchCounts = field(default_factory=BatchCounts)
    stats: dict[str, Counter[str]] = field(default_factory=_new_stats)
    timings: BatchTimings = field(default_factory=BatchTimings)
    resumed: bool = False

    def dump(self) -> str:
        return json.dumps(
            {
                "version": STATE_VERSION,
                "fingerprint": self.fingerprint,
                "created": self.created,
                "last_row": self.last_row,
                "offsets": self.offsets,
                "counts": self.counts.model_dump(),
                "stats": {k: dict(v) for k, v in self.stats.items()},
                "timings": self.timings.model_dump(),
            },
            sort_keys=True,
        )

    @classmethod
    def load(cls, path: Path) -> _State | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != STATE_VERSION:
                return None
            stats = _new_stats()
            for k, v in data["stats"].items():
                stats[k] = Counter(v)
            return cls(
                fingerprint=data["fingerprint"],
                created=data["created"],
                last_row=int(data["last_row"]),
                offsets={k: int(v) for k, v in data["offsets"].items()},
                counts=BatchCounts.model_validate(data["counts"]),
                stats=stats,
                timings=BatchTimings.model_validate(data["timings"]),
                resumed=True,
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None


def _created_time() -> str:
    """Now, or ``$SOURCE_DATE_EPOCH`` (reproducible output: two runs give identical files)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).isoformat()
    return dt.datetime.now(tz=dt.UTC).replace(microsecond=0).isoformat()


# --- the run ---------------------------------------------------------------------------------


@dataclass
class BatchJob:
    """A checked batch, ready to run: input inspected, mapping compiled, options fixed."""

    info: tabular.TableInfo
    mapping: CompiledMapping
    mapping_path: Path
    mapping_sha256: str
    out: Path
    workers: int
    resume: bool
    lang: str
    key: bytes | None
    data_dir: Path | None
    chunk_size: int
    xlsx: bool
    factory: ProcessorFactory
    prepare_seconds: float
    warnings: list[str] = field(default_factory=list)
    format: str = "jsonl"

    @property
    def total(self) -> int:
        """Data rows in the input (blank lines included for XLSX padding; for the progress bar)."""
        return self.info.rows

    @property
    def work_dir(self) -> Path:
        return self.out / WORK_DIR

    def fingerprint(self) -> str:
        """What must not change between a run and its ``--resume``."""
        key_id = hmac.new(self.key, b"skilltool-key-check", hashlib.sha256).hexdigest() if self.key else ""
        parts = [
            __version__,
            self.info.sha256,
            self.mapping_sha256,
            self.lang,
            key_id,
            str(self.chunk_size),
            str(self.info.delimiter),
            str(self.info.sheet),
            self.factory.__module__ + "." + self.factory.__qualname__,
            self.format,
        ]
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def prepare(
    input_path: Path,
    *,
    out: Path,
    mapping_path: Path | None = None,
    workers: int = 1,
    resume: bool = False,
    force: bool = False,
    delimiter: str | None = None,
    sheet: str | None = None,
    key_file: Path | None = None,
    lang: str = "nl",
    data_dir: Path | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    xlsx: bool = False,
    factory: ProcessorFactory | None = None,
    output_format: str = "jsonl",
) -> BatchJob:
    """Check everything that can be checked before a row is processed; one-line errors.

    Reads the whole input once (checksum, encoding, row count), loads and compiles the mapping
    against the header, reads the pseudonymisation key and refuses to overwrite an interrupted
    batch's work unless ``resume`` is given, or an earlier result unless ``force`` is given.
    """
    t0 = time.perf_counter()
    if resume and force:
        raise UsageError("--resume and --force: give one (continue the interrupted batch, or start again)")
    check_out_dir(out)
    if out.is_dir() and not out.is_symlink():
        os.close(_lock_dir(out))  # a batch running there: say so now, not after reading the input
        if not force:
            check_out_free(out, resume=resume)
    if workers < 1:
        raise InputFileError("--workers: give 1 or more")
    if chunk_size < 1:
        raise InputFileError("--chunk-size: give 1 or more")
    if output_format not in FORMATS:
        raise InputFileError(f"--format {output_format!r}: give one of {', '.join(FORMATS)}")
    if output_format == "parquet":
        from skilltool.batch_parquet import require_pyarrow

        require_pyarrow()
    mapping, mpath, msha = load_mapping(mapping_path, data_dir=data_dir)
    key = read_key(key_file) if key_file else None
    info = tabular.inspect(
        input_path, delimiter=tabular.parse_delimiter(delimiter) if delimiter else None, sheet=sheet
    )
    compiled = compile_mapping(mapping, info.header, source=str(input_path), mapping_name=str(mpath))
    warnings = list(info.warnings)
    if compiled.unused_columns:
        names = ", ".join(compiled.unused_columns[:8])
        more = f" (+{len(compiled.unused_columns) - 8} more)" if len(compiled.unused_columns) > 8 else ""
        warnings.append(f"{input_path.name}: columns not in the mapping, ignored: {names}{more}")
    absent = sorted(
        {s.column for s in compiled.fields if s.index is None}
        | {s.column for g in compiled.groups for s in g.entries[0] if s.index is None}
    )
    if absent:
        warnings.append(
            f"{input_path.name}: mapped columns not in the file, read as empty: {', '.join(absent[:8])}"
        )
    job = BatchJob(
        info=info,
        mapping=compiled,
        mapping_path=mpath,
        mapping_sha256=msha,
        out=out,
        workers=workers,
        resume=resume,
        lang=lang,
        key=key,
        data_dir=data_dir,
        chunk_size=chunk_size,
        xlsx=xlsx,
        factory=factory or standard_processor,
        prepare_seconds=0.0,
        warnings=warnings,
        format=output_format,
    )
    if job.work_dir.is_symlink() or (job.work_dir.exists() and not job.work_dir.is_dir()):
        raise OutputError(
            f"{job.work_dir}: not the batch's own work folder (a link or a file); "
            "remove it and run again (a batch never writes through a link)"
        )
    if factory is None:
        check_reference_data(data_dir, lang)
    if (job.work_dir / "state.json").exists() and not (resume or force):
        os.close(_lock_dir(out))  # a batch still running there is another message
        raise InputFileError(
            f"{job.work_dir}: an interrupted batch is here; add --resume to continue it, "
            "or --force to start again"
        )
    job.prepare_seconds = time.perf_counter() - t0
    return job


def check_out_dir(out: Path) -> None:
    """``--out`` must be a folder or not exist yet: one line for a file, a link to a file or a
    dangling link in the way (a batch never writes through a link)."""
    if out.is_symlink() and not out.exists():
        raise OutputError(f"{out}: a symbolic link to nothing; remove it or choose another --out folder")
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: is a file, not a folder; --out needs a folder (it is created if missing)")


def check_out_free(out: Path, *, resume: bool) -> None:
    """An earlier result is never overwritten silently: ``--out`` must be empty or hold an
    interrupted batch (which needs ``--resume``, checked in ``prepare``); else ``--force``.

    The message counts the entries but names none (a file name may be a client's reference).
    """
    if (out / WORK_DIR / "state.json").exists():
        return
    try:
        entries = sorted(p.name for p in out.iterdir() if p.name != WORK_DIR)  # checked in prepare
    except OSError as exc:
        raise OutputError(fsio.os_error_message(out, exc)) from None
    if not entries:
        return
    what = (
        "an earlier batch's result (manifest.json)"
        if "manifest.json" in entries
        else f"{len(entries)} other file(s) or folder(s)"
    )
    if resume:
        what += ", and no interrupted batch to resume"
    raise OutputError(f"{out}: holds {what}; add --force to replace it, or choose an empty or new --out")


def check_reference_data(data_dir: Path | None, lang: str) -> None:
    """Validate the reference data before the first row, as ``data validate`` does; raises
    ``DataFileError`` naming the file and field. Runs in a short-lived child process where fork
    exists (the big models it loads stay out of this process, which never needs them)."""
    from skilltool import datatools
    from skilltool.errors import DataFileError
    from skilltool.reference import ReferenceData

    def check() -> str | None:
        problems = datatools.validate_all(ReferenceData(data_dir))
        return problems[0] if problems else None

    if not hasattr(os, "fork"):  # pragma: no cover - Windows
        problem = check()
    else:
        import signal

        read_end, write_end = os.pipe()
        with _sigint_blocked():
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child's coverage is not collected
                signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends the child, silently
        if pid == 0:  # pragma: no cover - the child's coverage is not collected
            code = 0
            try:
                os.close(read_end)
                found = check()
                os.write(write_end, (found or "").encode("utf-8")[:60_000])
            except BaseException:  # noqa: BLE001 - the parent reports what it can
                code = 1
            os._exit(code)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as fh:
            message = fh.read().decode("utf-8", "replace")
        _, status = os.waitpid(pid, 0)
        # the child failed unexpectedly: find out here, in this process
        problem = check() if os.waitstatus_to_exitcode(status) != 0 else message or None
    if problem:
        raise DataFileError(f"{problem}; the batch did not start (check with `skilltool data validate`)")


class SeenIds:
    """Client ids seen so far, as 64-bit hashes: 8 bytes per id in a sorted array, not a set of str.

    New hashes go to a small set; every 65,536 they are merged into the sorted array with numpy
    (through a Python list of ints, a million ids peaked at 62 MB; this way at about 30 MB). A
    collision of two different ids needs about 4 billion ids; this process's ``hash`` is enough
    because the set never leaves it (a resumed run rebuilds it from the rows already done).
    """

    def __init__(self) -> None:
        self.sorted: array[int] = array("q")
        self.recent: set[int] = set()

    def add(self, value: str) -> bool:
        """Remember ``value``; True when it was seen before."""
        h = hash(value)
        if h in self.recent:
            return True
        i = bisect.bisect_left(self.sorted, h)
        if i < len(self.sorted) and self.sorted[i] == h:
            return True
        self.recent.add(h)
        if len(self.recent) >= 65_536:
            self._merge()
        return False

    def _merge(self) -> None:
        import numpy as np

        old = np.frombuffer(self.sorted, dtype=np.int64)
        fresh = np.sort(np.fromiter(self.recent, dtype=np.int64, count=len(self.recent)))
        merged = np.insert(old, old.searchsorted(fresh), fresh)  # no duplicates: add() checked
        del old  # the view must go before the array it looks at can be replaced
        self.sorted = array("q")
        self.sorted.frombytes(merged.data.cast("B"))
        self.recent = set()


def _chunks(
    job: BatchJob, state: _State, seen: SeenIds, clock: dict[str, float]
) -> Iterator[tuple[Chunk, int]]:
    """Chunks of non-blank rows after the checkpoint, and blank lines skipped in each."""
    idx = job.mapping.id_index
    chunk: Chunk = []
    blank = 0
    t = time.perf_counter()
    for rowno, cells in tabular.iter_rows(job.info):
        if tabular.is_blank(cells):
            if rowno > state.last_row:
                blank += 1
            continue
        raw_id = cells[idx].strip() if idx < len(cells) else ""
        duplicate = seen.add(raw_id) if raw_id else False
        if rowno <= state.last_row:
            continue  # done before the interruption: only its id is remembered
        chunk.append((rowno, cells, duplicate))
        if len(chunk) >= job.chunk_size:
            clock["reading"] += time.perf_counter() - t
            yield chunk, blank
            t = time.perf_counter()
            chunk, blank = [], 0
    clock["reading"] += time.perf_counter() - t
    if chunk or blank:
        yield chunk, blank


ProgressFactory = Callable[[], AbstractContextManager[Callable[[int], None]]]


def run(job: BatchJob, *, progress: ProgressFactory | None = None) -> BatchManifest:
    """Process every row of ``job``; write the outputs in ``job.out``; return the manifest.

    ``progress`` (from the CLI: a progress bar) is entered once the workers exist, so that they
    are forked before any other thread runs; it yields ``advance(rows)``.
    """
    started = time.perf_counter()
    check_out_dir(job.out)
    try:
        job.out.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise OutputError(fsio.os_error_message(job.out, exc)) from None
    lock = _lock_dir(job.out)
    try:
        return _run_locked(job, started, progress)
    except KeyboardInterrupt:  # landed outside the row loop's handler (setting up, finishing)
        raise BatchInterruptedError("interrupted. Run the same command with --resume to continue") from None
    except OSError as exc:  # a full disk, a folder made read-only meanwhile
        raise OutputError(fsio.os_error_message(exc.filename or job.out, exc, then=RESUME_HINT)) from None
    except OutputError as exc:  # the same, met by an atomic write (state.json, the report)
        raise OutputError(exc.message + RESUME_HINT) from None
    finally:
        os.close(lock)


RESUME_HINT = "; the batch stopped at its last checkpoint: run the same command with --resume"


def _lock_dir(out: Path) -> int:
    """An exclusive lock on the output folder for as long as the batch runs (one batch per folder)."""
    import fcntl

    fd = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise InputFileError(
            f"{out}: another batch is running in this folder; wait for it or choose another --out"
        ) from None
    return fd


def _run_locked(job: BatchJob, started: float, progress: ProgressFactory | None) -> BatchManifest:
    work = job.work_dir
    fingerprint = job.fingerprint()
    state = _State.load(work / "state.json") if job.resume else None
    if state is not None and state.fingerprint != fingerprint:
        raise InputFileError(
            f"{work}: the interrupted batch was run on another input, mapping, key or version; "
            "remove that folder to start again"
        )
    if state is None:
        if work.exists():
            shutil.rmtree(work)
        work.mkdir(mode=0o700)
        state = _State(fingerprint=fingerprint, created=_created_time())
        state.timings = BatchTimings(total=job.prepare_seconds, prepare=job.prepare_seconds)
        _write_part_headers(work, job.format)
        state.offsets = {name: (work / (name + ".part")).stat().st_size for name in part_files(job.format)}
        fsio.write_text(work / "state.json", state.dump())
    prior = state.timings.model_copy()
    for name in part_files(job.format):  # a crash while renaming the outputs into place: take them back
        part, final = work / (name + ".part"), job.out / name
        if not part.exists() and final.exists():
            final.replace(part)
    handles = _open_parts(work, state)
    clock = {"reading": 0.0, "writing": 0.0, "coding": 0.0, "suggesting": 0.0}
    seen = SeenIds()
    config = worker_config(job, state.created)
    last_checkpoint = time.monotonic()
    advance: Callable[[int], None] | None = None

    def take(result: ChunkResult, blank: int) -> None:
        nonlocal last_checkpoint
        t = time.perf_counter()
        if result.profiles:
            handles["profiles.jsonl"].write(result.profiles)
        for name, data in result.tables.items():
            handles[f"{ARROWS_DIR}/{name}.arrows"].write(data)
        handles["summary.csv"].write(result.summary)
        handles["errors.csv"].write(result.errors)
        assert state is not None
        state.last_row = max(state.last_row, result.last_row)
        tally(
            state,
            clock,
            written=result.written,
            rejected=result.rejected,
            blank=blank,
            stats=result.stats,
            coding=result.coding,
            suggesting=result.suggesting,
        )
        if time.monotonic() - last_checkpoint >= CHECKPOINT_SECONDS:
            _checkpoint(work, state, handles, prior, clock, started)
            last_checkpoint = time.monotonic()
        clock["writing"] += time.perf_counter() - t
        if advance is not None:
            advance(result.written + result.rejected)

    try:
        with _workers(job, config) as pool, progress() if progress else nullcontext(None) as tick:
            advance = tick
            chunks = _chunks(job, state, seen, clock)
            if pool is None:
                worker = _Worker(config)
                for chunk, blank in chunks:
                    take(worker.process(chunk) if chunk else _empty(state.last_row), blank)
            else:
                _feed_pool(pool, job.workers * 2, chunks, take)
    except KeyboardInterrupt:
        raise BatchInterruptedError(
            f"interrupted; {state.counts.rows_read} rows done. Run the same command with --resume to continue"
        ) from None
    finally:
        for fh in handles.values():
            fh.close()
    _checkpoint(work, state, None, prior, clock, started)
    if job.format == "parquet":
        t = time.perf_counter()
        _local_tables(work)
        clock["writing"] += time.perf_counter() - t
    return _finish(job, state, prior, clock, started)


def worker_config(job: BatchJob, created: str) -> WorkerConfig:
    """What every worker of ``job`` needs (either engine), with the run's ``created`` time."""
    return WorkerConfig(
        mapping=job.mapping,
        data_dir=job.data_dir,
        lang=job.lang,
        key=job.key,
        created=created,
        factory=job.factory,
        format=job.format,
    )


def tally(
    state: _State,
    clock: dict[str, float],
    *,
    written: int,
    rejected: int,
    blank: int,
    stats: Mapping[str, Mapping[str, int]],
    coding: float,
    suggesting: float,
) -> None:
    """Add one chunk's (local) or partition's (Dask) counts, statistics and worker seconds to
    the run's: the manifest's counts and the summary's statistics come from here alone."""
    c = state.counts
    c.rows_written += written
    c.rows_rejected += rejected
    c.rows_read += written + rejected
    c.blank_rows_skipped += blank
    for k, v in stats.items():
        state.stats[k].update(v)
    clock["coding"] += coding
    clock["suggesting"] += suggesting


def _empty(last_row: int) -> ChunkResult:
    return ChunkResult(last_row, b"", b"", b"", 0, 0, _new_stats(), 0.0, 0.0)


@contextmanager
def _workers(job: BatchJob, config: WorkerConfig) -> Iterator[Any]:
    """The worker pool (``None`` for one worker: rows are processed in this process).

    Where ``fork`` exists and no other thread runs, the row processor is built here once and the
    workers are forked from this process: they share the reference data copy-on-write (frozen
    out of the garbage collector's reach so that it stays shared). Elsewhere each ``spawn``
    worker builds it from the compiled-data cache.
    """
    global _WORKER  # noqa: PLW0603 - handed to forked workers, cleared afterwards
    if job.workers == 1:
        yield None
        return
    import gc
    import multiprocessing
    import threading

    fork = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    if fork:
        _warm_caches_in_child(config)
        _WORKER = _Worker(config)
        gc.freeze()
    # Ctrl-C is blocked while the workers start: a worker forked with Python's SIGINT handler
    # would otherwise die with a KeyboardInterrupt traceback before its initializer ignores
    # SIGINT. A Ctrl-C meanwhile waits and is delivered here when unblocked, as a
    # KeyboardInterrupt inside the batch's handler.
    with _sigint_blocked():
        if fork:
            pool = multiprocessing.get_context("fork").Pool(job.workers, initializer=_ignore_sigint)
        else:
            pool = multiprocessing.get_context("spawn").Pool(
                job.workers, initializer=_init_worker, initargs=(config,)
            )
    try:
        with pool:
            yield pool
    finally:
        if fork:
            _WORKER = None
            gc.unfreeze()


def _warm_caches_in_child(config: WorkerConfig) -> None:
    """Build the row processor once in a short-lived child, so that a cold cache (first run after
    an install or upgrade) is compiled there: compiling parses the occupation and skill files
    (about 110 MB of models) that this process would otherwise keep and share with every worker.
    On a warm cache the child only loads it again (under a second). Errors are left to the
    parent, which meets the same error next and reports it."""
    import os
    import signal

    with _sigint_blocked():
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child's coverage is not collected
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends the child, silently
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        code = 0
        try:
            config.factory(config.data_dir, config.lang)
        except BaseException:  # noqa: BLE001 - the parent reports it
            code = 1
        os._exit(code)
    os.waitpid(pid, 0)


def _feed_pool(
    pool: Any,
    window: int,
    chunks: Iterable[tuple[Chunk, int]],
    take: Callable[[ChunkResult, int], None],
) -> None:
    """At most ``window`` chunks in flight; results taken in input order."""
    pending: deque[tuple[Any, int, int]] = deque()
    for chunk, blank in chunks:
        if chunk:
            pending.append((pool.apply_async(_run_chunk, (chunk,)), blank, chunk[-1][0]))
        else:
            pending.append((None, blank, 0))
        while len(pending) >= window:
            _take_next(pending, take)
    while pending:
        _take_next(pending, take)


def _take_next(pending: deque[tuple[Any, int, int]], take: Callable[[ChunkResult, int], None]) -> None:
    handle, blank, _ = pending.popleft()
    take(handle.get() if handle is not None else _empty(0), blank)


def _write_part_headers(work: Path, fmt: str) -> None:
    (work / ARROWS_DIR).mkdir(mode=0o700, exist_ok=True)
    for name in part_files(fmt):
        fd = os.open(work / (name + ".part"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            if name == "summary.csv":
                fh.write(_csv_bytes(SUMMARY_HEADER, bom=True))
            elif name == "errors.csv":
                fh.write(_csv_bytes(ERROR_HEADER, bom=True))
            elif name.endswith(".arrows"):
                from skilltool.batch_parquet import schema_message

                fh.write(schema_message(Path(name).stem))


def _csv_bytes(header: list[str], *, bom: bool) -> bytes:
    buf = io.StringIO()
    if bom:
        buf.write("\ufeff")
    tabular.CsvSink(buf).row(header)
    return buf.getvalue().encode("utf-8")


def _open_parts(work: Path, state: _State) -> dict[str, IO[bytes]]:
    """Open the part files for appending, cut back to the checkpoint (drops a half-written chunk)."""
    handles: dict[str, IO[bytes]] = {}
    for name in state.offsets:
        path = work / (name + ".part")
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        fh = os.fdopen(fd, "r+b")
        fh.truncate(state.offsets[name])
        fh.seek(state.offsets[name])
        handles[name] = fh
    return handles


def _timings(prior: BatchTimings, clock: dict[str, float], started: float) -> BatchTimings:
    return BatchTimings(
        total=prior.total + time.perf_counter() - started,
        prepare=prior.prepare,
        reading=prior.reading + clock["reading"],
        coding=prior.coding + clock["coding"],
        suggesting=prior.suggesting + clock["suggesting"],
        writing=prior.writing + clock["writing"],
        report=prior.report,
    )


def _checkpoint(  # noqa: PLR0917 - private helper, called twice
    work: Path,
    state: _State,
    handles: dict[str, IO[bytes]] | None,
    prior: BatchTimings,
    clock: dict[str, float],
    started: float,
) -> None:
    if handles is not None:
        for name, fh in handles.items():
            fh.flush()
            os.fsync(fh.fileno())
            state.offsets[name] = fh.tell()
    else:
        state.offsets = {name: (work / (name + ".part")).stat().st_size for name in state.offsets}
    state.timings = _timings(prior, clock, started)
    fsio.write_text(work / "state.json", state.dump())


def data_versions(data_dir: Path | None) -> dict[str, str]:
    """ESCO version and the SHA-256 (first 16 hex) of every data file, for the manifest.

    Reads ``sources.yaml`` for the ESCO version: the batch's main process never loads ESCO.
    """
    from skilltool.reference import ReferenceData, default_data_dir

    root = (data_dir or default_data_dir()).resolve()
    versions: dict[str, str] = {}
    try:
        versions["esco"] = ReferenceData(root).manifest.esco_version
    except SkilltoolError:
        versions["esco"] = "unknown"
    for path in sorted(root.glob("*.yaml")):
        versions[path.name] = fsio.sha256_file(path)[:16]
    return versions


def _local_tables(work: Path) -> None:
    """``--format parquet``: the Arrow part files and ``errors.csv`` -> ``.batch-work/tables/``."""
    from skilltool import batch_parquet as bp

    tables = work / bp.TABLES_DIR
    shutil.rmtree(tables, ignore_errors=True)  # a conversion cut short before a --resume
    for name in bp.PROFILE_TABLES:
        bp.arrows_to_parquet(work / f"{ARROWS_DIR}/{name}.arrows.part", tables / name / bp.part_name(0), name)
    errors = (work / "errors.csv.part").read_text(encoding="utf-8-sig")
    bp.write_parquet(tables / "errors" / bp.part_name(0), "errors", bp.error_batches(errors))


def _finish(
    job: BatchJob,
    state: _State,
    prior: BatchTimings,
    clock: dict[str, float],
    started: float,
    *,
    options: dict[str, str | int | bool | None] | None = None,
) -> BatchManifest:
    """Summary and report, manifest last; ``.batch-work`` -> the outputs. ``options``: the engine's."""
    from skilltool import batch_report

    work = job.work_dir
    t = time.perf_counter()
    counts = state.counts
    if counts.rows_read != counts.rows_written + counts.rows_rejected:  # pragma: no cover - a bug
        raise AssertionError("batch lost track of a row")
    counts.rows_unclosed_quote = state.stats["rejected"].get("(unclosed quote)", 0)
    parquet = job.format == "parquet"
    outputs = [name for name in OUTPUTS if not (parquet and name == "profiles.jsonl")]
    if job.xlsx:
        _summary_xlsx(work / "summary.csv.part", work / "summary.xlsx.part")
        outputs.insert(2, "summary.xlsx")
    manifest = BatchManifest(
        tool_version=__version__,
        created=state.created,
        input=BatchInput(
            path=job.info.path.name,
            sha256=job.info.sha256,
            kind="xlsx" if job.info.kind == "xlsx" else "csv",
            encoding=job.info.encoding,
            delimiter=job.info.delimiter,
            sheet=job.info.sheet,
        ),
        mapping=job.mapping_path.name,
        mapping_sha256=job.mapping_sha256,
        data_dir=str((job.data_dir or _default_data_dir()).resolve()),
        data_versions=data_versions(job.data_dir),
        options={
            "workers": job.workers,
            "chunk_size": job.chunk_size,
            "lang": job.lang,
            "pseudonymised": job.key is not None,
            "research_export": (
                "coded values only; birth year as 5-year band, permit date as quarter, "
                "municipality dropped, free text dropped"
                if job.key is not None
                else None
            ),
            "xlsx": job.xlsx,
            "format": job.format,
            **(options or {}),
        },
        counts=counts,
        timings=_timings(prior, clock, started),
        resumed=state.resumed,
        warnings=job.warnings,
        outputs=outputs[:-1] + _table_outputs(job) + outputs[-1:],
    )
    html = batch_report.render(manifest, state.stats, lang=job.lang, sector_names=_sector_names(job))
    fsio.write_text(work / "report.html.part", html)
    manifest.timings.report = prior.report + time.perf_counter() - t
    manifest.timings.total = prior.total + time.perf_counter() - started
    fsio.write_text(work / "manifest.json.part", manifest.model_dump_json(indent=2) + "\n")
    if not job.xlsx:
        (job.out / "summary.xlsx").unlink(missing_ok=True)  # a stale one from an earlier run
    _replace_tables(job)
    for name in outputs:  # manifest last: its presence says the rest is complete
        (work / (name + ".part")).replace(job.out / name)
    shutil.rmtree(work)
    return manifest


def _table_outputs(job: BatchJob) -> list[str]:
    if job.format != "parquet":
        return []
    from skilltool.batch_parquet import TABLE_NAMES, TABLES_DIR

    return [f"{TABLES_DIR}/{name}/" for name in TABLE_NAMES]


def _replace_tables(job: BatchJob) -> None:
    """Parquet: ``.batch-work/tables`` -> ``OUT/tables``; stale outputs of the other format go."""
    from skilltool.batch_parquet import TABLE_NAMES, TABLES_DIR

    final = job.out / TABLES_DIR
    ours = final.is_dir() and all(p.name in TABLE_NAMES for p in final.iterdir())
    if job.format != "parquet":
        if ours:
            shutil.rmtree(final)
        return
    (job.out / "profiles.jsonl").unlink(missing_ok=True)
    staged = job.work_dir / TABLES_DIR
    if staged.exists():
        if ours:
            shutil.rmtree(final)
        staged.replace(final)


def _sector_names(job: BatchJob) -> dict[str, str]:
    """Sector id -> its name in the report's language (``sectors.yaml`` only, a small file)."""
    from skilltool.reference import ReferenceData

    try:
        return {s.id: s.name.get(job.lang) for s in ReferenceData(job.data_dir).sectors.sectors}
    except SkilltoolError:
        return {}


def _default_data_dir() -> Path:
    from skilltool.reference import default_data_dir

    return default_data_dir()


def _summary_xlsx(csv_part: Path, target: Path) -> None:
    import csv

    with csv_part.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter=";")
        header = next(reader)
        rows = ([_unquote(c) for c in row] for row in reader)
        tabular.write_xlsx(target, [_unquote(h) for h in header], rows, title="summary")


def _unquote(cell: str) -> str:
    """Undo the CSV neutralisation; ``write_xlsx`` neutralises again (one rule, one place)."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(tabular.FORMULA_START) else cell


def check_default_mapping(ref: ReferenceData) -> int:
    """``data validate``: the default mapping loads and every key is an answer field; counts columns."""
    from skilltool.errors import DataFileError
    from skilltool.reference import load_model

    path = ref.path(str(DEFAULT_MAPPING))
    mapping = load_model(path, ColumnMapping)
    header, _ = template_rows(mapping)
    try:
        compiled = compile_mapping(mapping, header, source=str(path), mapping_name=str(path))
    except InputFileError as exc:
        raise DataFileError(exc.message) from None
    return len(compiled.fields) + sum(len(e) for g in compiled.groups for e in g.entries)


def write_template(out: Path, *, lang: str = "nl", data_dir: Path | None = None) -> list[Path]:
    """``batch template``: the default mapping and an example CSV and XLSX that it reads."""
    mapping, mpath, _ = load_mapping(None, data_dir=data_dir)
    header, rows = template_rows(mapping)
    paths = [out / "mapping.yaml", out / "intakes.csv", out / "intakes.xlsx"]
    fsio.write_bytes(paths[0], mpath.read_bytes())
    tabular.write_csv(paths[1], header, rows)
    tabular.write_xlsx(paths[2], header, rows, title="intakes")
    return paths


TEMPLATE_EXAMPLES: list[dict[str, str]] = [
    {
        "personal.client_ref": "K-0001",
        "personal.birth_year": "1988",
        "personal.country_of_origin": "Syrië",
        "personal.permit_date": "14-03-2024",
        "personal.municipality": "Utrecht",
        "languages.mother_tongues": "Arabisch",
        "languages.dutch_cefr": "A2",
        "work.title": "lasser",
        "work.years": "6",
        "work.country": "Syrië",
        "education.qualification": "Secondary Vocational Certificate",
        "education.country": "Syrië",
        "education.years": "3",
        "education.completed": "ja",
    },
    {
        "personal.client_ref": "K-0002",
        "personal.birth_year": "1995",
        "personal.country_of_origin": "Eritrea",
        "personal.permit_date": "2023-11-02",
        "personal.municipality": "Utrecht",
        "languages.mother_tongues": "Tigrinya",
        "languages.dutch_cefr": "A1",
        "work.title": "kapster",
        "work.years": "4",
        "work.country": "Eritrea",
    },
]


def template_rows(mapping: ColumnMapping) -> tuple[list[str], list[list[str]]]:
    """The header a mapping reads (numbered groups up to 2) and two example people."""
    header: list[str] = []
    keys: list[str] = []
    for key, src in mapping.fields.items():
        header.append(column_source(src).column)
        keys.append(key)
    for gkey, group in mapping.groups.items():
        top = min(group.numbered or 1, 2)
        for n in range(1, top + 1):
            for fkey, src in group.fields.items():
                header.append(column_source(src).column.replace("{n}", str(n)))
                keys.append(f"{gkey}.{fkey}" if n == 1 else "")
    rows = [[example.get(k, "") if k else "" for k in keys] for example in TEMPLATE_EXAMPLES]
    return header, rows
