"""``batch --format parquet``: a profile as rows of a few tables, joined by ``row`` and ``client_ref``.

The tables and their columns are documented in ``docs/outputs.md``; ``TABLES`` below is the one
definition of them. A table row is built from the finished profile, after pseudonymisation
(``batch.research_copy``), so the rules that decide what a research export may hold apply to
these tables exactly as to ``profiles.jsonl``.

How the engines use this module:

* in each worker a ``TableRows`` collects the rows of one chunk and hands them out as Arrow IPC
  messages (bytes, no schema); the local engine appends those to one ``.arrows`` part file per
  table, so that ``--resume`` can cut them back to a checkpoint like the other part files;
* at the end ``arrows_to_parquet`` turns each part file into ``tables/NAME/part-00000.parquet``;
* the Dask engine writes ``tables/NAME/part-NNNNN.parquet`` per partition straight from the workers.

pyarrow is an optional extra (``pip install 'skilltool[parquet]'``); ``require_pyarrow`` turns its
absence into one line.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from skilltool.errors import UsageError

if TYPE_CHECKING:
    import pyarrow as pa

    from skilltool.models import Profile
    from skilltool.models.batch import ResearchProfile

TABLE_NAMES = (
    "people",
    "work",
    "education",
    "languages",
    "skills",
    "suggestions",
    "next_steps",
    "errors",
)
"""Every table; all but ``errors`` are built from profiles (``errors`` from ``errors.csv``)."""
PROFILE_TABLES = TABLE_NAMES[:-1]
TABLES_DIR = "tables"
ROW_GROUP_ROWS = 64 * 1024
ROW_GROUP_BYTES = 24 * 1024 * 1024  # Arrow bytes held before a row group is written
COMPRESSION = "zstd"


def require_pyarrow() -> None:
    """One line, not a traceback, when the optional extra is not installed."""
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise UsageError(
            "--format parquet needs pyarrow: pip install 'skilltool[parquet]' (or use the default jsonl)"
        ) from None


def _schemas() -> dict[str, pa.Schema]:
    import pyarrow as pa

    s, i8, i16, i32, f32, b = pa.string(), pa.int8(), pa.int16(), pa.int32(), pa.float32(), pa.bool_()
    key = [("row", i32), ("client_ref", s)]
    ls = pa.list_(s)
    part = pa.struct([("name", s), ("points", f32), ("evidence", s)])
    return {
        "people": pa.schema(
            [
                *key,
                ("created", pa.timestamp("ms", tz="UTC")),  # what Parquet stores
                ("birth_year", i16),
                ("birth_years", s),
                ("country_of_origin", s),
                ("permit_date", pa.date32()),
                ("permit_quarter", s),
                ("municipality", s),
                ("dutch_cefr", s),
                ("integration_route", s),
                ("highest_nlqf", s),
                ("highest_nlqf_max", i8),
                ("highest_nlqf_basis", s),
                ("digital_skills", s),
                ("driving_licences", ls),
                ("certificates", ls),
                ("wish_sectors", ls),
                ("wish_occupations", ls),
                ("hours_per_week", i16),
                ("max_travel_minutes", i16),
                ("willing_to_train", b),
                ("care_duties", b),
                ("health_limits_work", s),
                ("notes", s),
                ("review_flags", ls),
            ]
        ),
        "work": pa.schema(
            [
                *key,
                ("position", i16),
                ("title", s),
                ("tasks", s),
                ("country", s),
                ("years", f32),
                ("kind", s),
                ("uri", s),
                ("isco", s),
                ("label", s),
                ("score", f32),
                ("matched", s),
                ("needs_review", b),
                ("confirmation", s),
                ("alternative_uris", ls),
            ]
        ),
        "education": pa.schema(
            [
                *key,
                ("position", i16),
                ("country", s),
                ("qualification", s),
                ("field", s),
                ("years", f32),
                ("completed", b),
                ("documents", s),
                ("idw_status", s),
                ("idw_nlqf", i8),
                ("entry_id", s),
                ("dutch_equivalent", s),
                ("nlqf_min", i8),
                ("nlqf_max", i8),
                ("eqf_min", i8),
                ("eqf_max", i8),
                ("indication_score", f32),
                ("indication_source", s),
                ("alternative_entry_ids", ls),
                ("confirmation", s),
            ]
        ),
        "languages": pa.schema([*key, ("position", i16), ("language", s), ("cefr", s), ("mother_tongue", b)]),
        "skills": pa.schema(
            [
                *key,
                ("position", i16),
                ("skill_id", s),
                ("label", s),
                ("origin", s),
                ("source_ref", s),
                ("confirmation", s),
            ]
        ),
        "suggestions": pa.schema(
            [
                *key,
                ("rank", i16),
                ("uri", s),
                ("isco", s),
                ("label", s),
                ("sector", s),
                ("score", f32),
                ("route", s),
                ("at_level", b),
                ("tightness", s),
                ("tightness_period", s),
                ("tightness_source", s),
                ("tightness_at_least", s),
                ("tightness_kind", s),
                ("tightness_value", f32),
                ("tightness_flags", ls),
                ("tightness_forecast", s),
                ("tightness_forecast_period", s),
                ("tightness_forecast_direction", s),
                ("tightness_forecast_source", s),
                ("regulated", b),
                ("dutch_needed", s),
                ("recognition", s),
                ("reasons", ls),
                ("gaps", ls),
                ("missing_skills", ls),
                ("certificates_missing", ls),
                ("parts", pa.list_(part)),
            ]
        ),
        "next_steps": pa.schema(
            [*key, ("position", i16), ("action", s), ("text", s), ("reason", s), ("agreed", b)]
        ),
        "errors": pa.schema([*key, ("field", s), ("reason", s)]),
    }


_SCHEMAS: dict[str, Any] = {}


def schema(name: str) -> pa.Schema:
    """The Arrow schema of table ``name`` (built once per process)."""
    if not _SCHEMAS:
        _SCHEMAS.update(_schemas())
    return _SCHEMAS[name]


class SpokenLanguage(Protocol):
    """A language row of a profile or of its research copy."""

    @property
    def language(self) -> str: ...
    @property
    def cefr(self) -> str | None: ...
    @property
    def mother_tongue(self) -> bool: ...


class TableRows:
    """The rows of some profiles, per table, as columns; ``batches()`` hands them to Arrow."""

    def __init__(self) -> None:
        self.cols: dict[str, dict[str, list[Any]]] = {
            name: {f.name: [] for f in schema(name)} for name in TABLE_NAMES
        }

    def _add(self, table: str, row: int, ref: str, **values: Any) -> None:
        """One row; a column not given is empty (NULL)."""
        values["row"], values["client_ref"] = row, ref
        for name, col in self.cols[table].items():
            col.append(values.get(name))

    def _people(
        self, row: int, ref: str, highest: tuple[str, int | None, str], flags: list[str], **values: Any
    ) -> None:
        """The person's row: ``values`` plus the highest level (level, max, basis) and the review
        flags, as in ``summary.csv`` (the same for the full and the research export)."""
        self._add(
            "people",
            row,
            ref,
            highest_nlqf=highest[0] or None,
            highest_nlqf_max=highest[1],
            highest_nlqf_basis=highest[2] or None,
            review_flags=flags,
            **values,
        )

    def _languages(self, row: int, ref: str, languages: Iterable[SpokenLanguage]) -> None:
        """The languages rows (the full and the research export keep the same three fields)."""
        for n, lang in enumerate(languages, start=1):
            self._add(
                "languages",
                row,
                ref,
                position=n,
                language=lang.language,
                cefr=lang.cefr,
                mother_tongue=lang.mother_tongue,
            )

    def add_profile(
        self, row: int, profile: Profile, *, highest: tuple[str, int | None, str], flags: list[str]
    ) -> None:
        """One profile's rows; ``highest`` and ``flags`` as in ``summary.csv``."""
        ref = profile.personal.client_ref
        p, w, c = profile.personal, profile.wishes, profile.circumstances
        self._people(
            row,
            ref,
            highest,
            flags,
            created=profile.created,
            birth_year=p.birth_year,
            country_of_origin=p.country_of_origin,
            permit_date=p.permit_date,
            municipality=p.municipality,
            dutch_cefr=profile.dutch.cefr,
            integration_route=profile.dutch.integration_route,
            digital_skills=profile.digital_skills,
            driving_licences=profile.driving_licences,
            certificates=profile.certificates,
            wish_sectors=w.sectors,
            wish_occupations=w.occupations,
            hours_per_week=w.hours_per_week,
            max_travel_minutes=w.max_travel_minutes,
            willing_to_train=w.willing_to_train,
            care_duties=c.care_duties,
            health_limits_work=c.health_limits_work,
            notes=profile.notes,
        )
        for n, job in enumerate(profile.work, start=1):
            code = job.coded
            self._add(
                "work",
                row,
                ref,
                position=n,
                title=job.title,
                tasks=job.tasks,
                country=job.country,
                years=job.years,
                kind=job.kind,
                uri=code.uri if code else None,
                isco=code.isco if code else None,
                label=code.label if code else None,
                score=code.score if code else None,
                matched=code.matched if code else None,
                needs_review=job.needs_review,
                confirmation=job.confirmation.status,
                alternative_uris=[a.uri for a in job.alternatives],
            )
        for n, edu in enumerate(profile.education, start=1):
            ind = edu.indication
            self._add(
                "education",
                row,
                ref,
                position=n,
                country=edu.country,
                qualification=edu.qualification,
                field=edu.field,
                years=edu.years,
                completed=edu.completed,
                documents=edu.documents,
                idw_status=edu.idw_status,
                idw_nlqf=edu.idw_nlqf,
                entry_id=ind.entry_id if ind else None,
                dutch_equivalent=ind.dutch_equivalent if ind else None,
                nlqf_min=ind.nlqf_min if ind else None,
                nlqf_max=ind.nlqf_max if ind else None,
                eqf_min=ind.eqf_min if ind else None,
                eqf_max=ind.eqf_max if ind else None,
                indication_score=ind.score if ind else None,
                indication_source=ind.source if ind else None,
                alternative_entry_ids=[a.entry_id for a in edu.alternatives],
                confirmation=edu.confirmation.status,
            )
        self._languages(row, ref, profile.languages)
        for n, skill in enumerate(profile.skills, start=1):
            self._add(
                "skills",
                row,
                ref,
                position=n,
                skill_id=skill.skill_id,
                label=skill.label,
                origin=skill.origin,
                source_ref=skill.source_ref,
                confirmation=skill.confirmation.status,
            )
        for n, sug in enumerate(profile.suggestions, start=1):
            t = sug.tightness
            self._add(
                "suggestions",
                row,
                ref,
                rank=n,
                uri=sug.uri,
                isco=sug.isco,
                label=sug.label,
                sector=sug.sector,
                score=sug.score,
                route=sug.route,
                at_level=sug.at_level,
                tightness=t.category,
                tightness_period=t.period,
                tightness_source=t.source,
                tightness_at_least=t.at_least,
                tightness_kind=t.kind,
                tightness_value=t.value,
                tightness_flags=t.flags,
                tightness_forecast=t.forecast,
                tightness_forecast_period=t.forecast_period,
                tightness_forecast_direction=t.forecast_direction,
                tightness_forecast_source=t.forecast_source,
                regulated=sug.regulated,
                dutch_needed=sug.dutch_needed,
                recognition=sug.recognition,
                reasons=sug.reasons,
                gaps=sug.gaps,
                missing_skills=sug.missing_skills,
                certificates_missing=sug.certificates_missing,
                parts=[{"name": x.name, "points": x.points, "evidence": x.evidence} for x in sug.parts],
            )
        for n, step in enumerate(profile.next_steps, start=1):
            self._add(
                "next_steps",
                row,
                ref,
                position=n,
                action=step.action,
                text=step.text,
                reason=step.reason,
                agreed=step.agreed,
            )

    def add_research(
        self, row: int, research: ResearchProfile, *, highest: tuple[str, int | None, str], flags: list[str]
    ) -> None:
        """A research export's rows (``--pseudonymise``): what ``batch.research_copy`` keeps, in the
        same columns; every column it does not keep stays empty (NULL)."""
        ref = research.client_ref
        self._people(
            row,
            ref,
            highest,
            flags,
            birth_years=research.birth_years,
            permit_quarter=research.permit_quarter,
            country_of_origin=research.country_of_origin,
            dutch_cefr=research.dutch_cefr,
            integration_route=research.integration_route,
            digital_skills=research.digital_skills,
            driving_licences=research.driving_licences,
            wish_sectors=research.wished_sectors,
            hours_per_week=research.hours_per_week,
            max_travel_minutes=research.max_travel_minutes,
            willing_to_train=research.willing_to_train,
        )
        for n, job in enumerate(research.work, start=1):
            self._add(
                "work",
                row,
                ref,
                position=n,
                country=job.country,
                years=job.years,
                kind=job.kind,
                uri=job.esco_uri,
                isco=job.isco,
                needs_review=job.needs_review,
            )
        for n, edu in enumerate(research.education, start=1):
            self._add(
                "education",
                row,
                ref,
                position=n,
                country=edu.country,
                years=edu.years,
                completed=edu.completed,
                documents=edu.documents,
                idw_status=edu.idw_status,
                idw_nlqf=edu.idw_nlqf,
                entry_id=edu.table_entry,
                nlqf_min=edu.nlqf_min,
                nlqf_max=edu.nlqf_max,
                eqf_min=edu.eqf_min,
                eqf_max=edu.eqf_max,
            )
        self._languages(row, ref, research.languages)
        for n, skill_id in enumerate(research.esco_skills, start=1):
            self._add("skills", row, ref, position=n, skill_id=skill_id)
        for n, sug in enumerate(research.suggestions, start=1):
            self._add(
                "suggestions",
                row,
                ref,
                rank=n,
                uri=sug.esco_uri,
                isco=sug.isco,
                sector=sug.sector,
                score=sug.score,
                route=sug.route,
                at_level=sug.at_level,
                regulated=sug.regulated,
                tightness=sug.tightness,
            )

    def batches(self) -> dict[str, pa.RecordBatch]:
        """One record batch per profile table (empty ones too)."""
        import pyarrow as pa

        return {
            name: pa.RecordBatch.from_pydict(self.cols[name], schema=schema(name)) for name in PROFILE_TABLES
        }

    def ipc_messages(self) -> dict[str, bytes]:
        """Each profile table's rows as one zstd-compressed Arrow IPC record-batch message (no
        schema): the part files stay a fraction of the JSON Lines' size until they become Parquet."""
        import pyarrow as pa

        out: dict[str, bytes] = {}
        options = pa.ipc.IpcWriteOptions(compression="zstd")
        for name, batch in self.batches().items():
            sink = pa.BufferOutputStream()
            writer = pa.ipc.new_stream(sink, schema(name), options=options)
            writer.write_batch(batch)  # not closed: no end-of-stream marker
            data: bytes = sink.getvalue().to_pybytes()
            out[name] = data[len(schema_message(name)) :]
        return out


_SCHEMA_MESSAGES: dict[str, bytes] = {}


def schema_message(name: str) -> bytes:
    """The IPC schema message that starts a table's ``.arrows`` part file."""
    if name not in _SCHEMA_MESSAGES:
        import pyarrow as pa

        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, schema(name)):
            pass
        data: bytes = sink.getvalue().to_pybytes()
        _SCHEMA_MESSAGES[name] = data[: len(data) - 8]  # no end-of-stream marker: batches follow
    return _SCHEMA_MESSAGES[name]


def _batches_of(path: Path) -> Iterator[pa.RecordBatch]:
    import pyarrow as pa

    with pa.OSFile(str(path)) as source:  # read, not mapped: mapped pages would count as memory
        yield from pa.ipc.open_stream(source)


def write_parquet(target: Path, name: str, batches: Iterator[pa.RecordBatch] | list[pa.RecordBatch]) -> int:
    """Write ``batches`` to ``target``, owner-only; returns the rows written.

    A row group is written once ``ROW_GROUP_ROWS`` rows or ``ROW_GROUP_BYTES`` of Arrow data are
    pending, whichever comes first: memory stays bounded however long the table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    for folder in (target.parent.parent, target.parent):  # owner-only like every other output
        folder.mkdir(exist_ok=True, mode=0o700)
    tmp = target.with_name(f".{target.name}.tmp")
    rows = 0
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            with pq.ParquetWriter(fh, schema(name), compression=COMPRESSION) as writer:
                pending: list[pa.RecordBatch] = []
                size = nbytes = 0
                for batch in batches:
                    pending.append(batch)
                    size += batch.num_rows
                    nbytes += batch.nbytes
                    if size >= ROW_GROUP_ROWS or nbytes >= ROW_GROUP_BYTES:
                        writer.write_table(pa.Table.from_batches(pending, schema(name)))
                        rows += size
                        pending, size, nbytes = [], 0, 0
                if pending or rows == 0:
                    writer.write_table(pa.Table.from_batches(pending, schema(name)))
                    rows += size
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return rows


def part_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


def read_messages(messages: list[bytes], name: str) -> list[pa.RecordBatch]:
    """Record batches back from ``TableRows.ipc_messages`` output (zero-copy)."""
    import pyarrow as pa

    return [pa.ipc.read_record_batch(pa.py_buffer(m), schema(name)) for m in messages]


def arrows_to_parquet(arrows: Path, target: Path, name: str) -> int:
    """A ``.arrows`` part file (schema message + record batches) -> one Parquet file."""
    return write_parquet(target, name, _batches_of(arrows))


def error_batches(errors_csv: str) -> list[pa.RecordBatch]:
    """The text of ``errors.csv`` (or a part of it, with or without header) as the ``errors`` table.

    The CSV's formula guard (a leading ``'``) is taken off again: Parquet cells are not formulas.
    """
    import io

    import pyarrow as pa

    from skilltool.tabular import FORMULA_START

    def plain(cell: str) -> str:
        return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell

    cols: dict[str, list[Any]] = {"row": [], "client_ref": [], "field": [], "reason": []}
    for cells in csv.reader(io.StringIO(errors_csv, newline=""), delimiter=";"):
        if not cells or not cells[0].isdigit():
            continue  # the header
        cols["row"].append(int(cells[0]))
        cols["client_ref"].append(plain(cells[1]) or None)
        cols["field"].append(plain(cells[2]) or None)
        cols["reason"].append(plain(cells[3]))
    return [pa.RecordBatch.from_pydict(cols, schema=schema("errors"))]
