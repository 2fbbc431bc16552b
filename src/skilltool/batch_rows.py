"""``batch --format parquet``: one chunk's profiles as rows of the tables ``batch_parquet`` defines.

A table row is built from the finished profile, after pseudonymisation (``batch.research_copy``),
so the rules that decide what a research export may hold apply to these tables exactly as to
``profiles.jsonl``. The columns are those of ``batch_parquet.schema`` (documented in
``docs/outputs.md``); a column a row does not give is empty (NULL).

Each row is a tuple of its table's columns in schema order (``None`` for an empty one), turned
into Arrow column by column at the end of the chunk: a dict per row and a list per column cost
a third of the Parquet path's own time (bench/batch.py, cProfile).
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter
from typing import TYPE_CHECKING, Protocol, cast

import pyarrow as pa

from skilltool.batch_parquet import PROFILE_TABLES, pack_batch, schema

if TYPE_CHECKING:
    from skilltool.models import Profile, ScorePart, Text
    from skilltool.models.batch import ResearchProfile

RENDERED_MAX = 5_000
"""Rendered texts (and score parts) a worker keeps across chunks; a memo starts again when full.
20,000 cost a worker some 25 MB more (it keeps parts and texts alive that are never met again)
for no less CPU (bench: 5,000 generated rows, one process)."""

SUGGESTIONS_MAX = 4_096
"""Suggestions' columns a worker keeps (``Rendered.suggestions``): as many as the suggest index
keeps built suggestions (``SuggestIndex.built_memo``); an entry of one it has let go never hits."""

_SKILL = attrgetter("skill_id", "label", "origin", "source_ref", "confirmation.status")
"""A skills row's columns after the row, client and position."""
_TIGHTNESS = attrgetter(
    "category",
    "period",
    "source",
    "at_least",
    "kind",
    "value",
    "flags",
    "forecast",
    "forecast_period",
    "forecast_direction",
    "forecast_source",
)
"""A suggestions row's tightness columns."""
PartStruct = tuple[str, float, str]
"""A score part in the suggestions table: name, points, evidence (``batch_parquet``'s struct)."""
_STRUCTS: dict[str, pa.StructType] = {}
"""Each table's fields as one struct type (``_struct``), made once per process like its schema."""


def _struct(name: str) -> pa.StructType:
    found = _STRUCTS.get(name)
    if found is None:
        found = _STRUCTS[name] = pa.struct(schema(name))
    return found


class Rendered:
    """What the table rows render from shared objects, kept by a worker across its chunks: the
    words of a ``Text`` and the struct of a ``ScorePart`` (name, points, evidence), per object and
    language. Keyed on the object's identity, which the entry holds (so it is not reused while
    the entry exists); texts and parts are never changed in place. One dict per language keyed
    on the bare ``id`` (no key tuple per look-up: some 160 look-ups a profile)."""

    def __init__(self) -> None:
        self._texts: dict[str, dict[int, tuple[Text, str]]] = {}
        self._parts: dict[str, dict[int, tuple[ScorePart, PartStruct]]] = {}
        self.suggestions: dict[str, dict[int, tuple[object, tuple[object, ...]]]] = {}
        """A suggestion's columns after the row, client and position, per language: a suggestion
        is shared whole by the people with the same inputs (``suggest_reuse``), so most are hits."""
        self.columns: dict[int, tuple[object, tuple[object, ...]]] = {}
        """The columns ``TableRows`` reads of a shared object in every language (a derived skill's
        entry, a candidate's tightness: ``profile_building``, ``suggest_build``), kept like the
        texts: a pydantic model's attribute is a slow look-up (its ``__getattr__`` keeps Python
        from specialising it), and these were some 350 of them a profile."""

    def memos(self, lang: str) -> tuple[dict[int, tuple[Text, str]], dict[int, tuple[ScorePart, PartStruct]]]:
        """The texts' and the parts' memo of ``lang`` (read by ``TableRows`` for a hit, filled
        through ``text`` and ``part`` on a miss)."""
        texts = self._texts.get(lang)
        if texts is None:
            texts = self._texts[lang] = {}
            self._parts[lang] = {}
        return texts, self._parts[lang]

    def text(self, text: Text, lang: str) -> str:
        texts = self.memos(lang)[0]
        hit = texts.get(id(text))
        if hit is None:
            if len(texts) >= RENDERED_MAX:
                texts.clear()
            hit = texts[id(text)] = (text, text.render(lang))
        return hit[1]

    def values(self, obj: object, read: attrgetter[tuple[object, ...]]) -> tuple[object, ...]:
        """``read(obj)``, once per object (a miss of ``columns``; the caller reads the hits)."""
        if len(self.columns) >= RENDERED_MAX:
            self.columns.clear()
        hit = self.columns[id(obj)] = (obj, read(obj))
        return hit[1]

    def part(self, part: ScorePart, lang: str) -> PartStruct:
        """A part as its struct's values in schema order (Arrow converts a tuple to a struct in
        about half the time of a dict); Arrow only reads it (most parts are shared:
        ``suggest_build``)."""
        parts = self.memos(lang)[1]
        hit = parts.get(id(part))
        if hit is None:
            if len(parts) >= RENDERED_MAX:
                parts.clear()
            value = (part.name, part.points, self.text(part.evidence, lang))
            hit = parts[id(part)] = (part, value)
        return hit[1]


class SpokenLanguage(Protocol):
    """A language row of a profile or of its research copy."""

    @property
    def language(self) -> str: ...
    @property
    def cefr(self) -> str | None: ...
    @property
    def mother_tongue(self) -> bool: ...


class TableRows:
    """The rows of some profiles, per table, as tuples; ``batches()`` hands them to Arrow.

    ``rendered``: the memo of rendered texts, kept by the worker across its chunks (a new one
    when not given)."""

    def __init__(self, rendered: Rendered | None = None) -> None:
        self.rows: dict[str, list[tuple[object, ...]]] = {name: [] for name in PROFILE_TABLES}
        self.rendered = Rendered() if rendered is None else rendered

    def mark(self) -> tuple[int, ...]:
        """How many rows each table holds now: ``undo`` goes back to it."""
        return tuple(len(rows) for rows in self.rows.values())

    def undo(self, mark: tuple[int, ...]) -> None:
        """Drop the rows added since ``mark``: a profile whose rows failed half-way (a bug in one
        table's columns) leaves none in the others (``batch_worker``)."""
        for rows, n in zip(self.rows.values(), mark, strict=True):
            del rows[n:]

    def failing_rows(self) -> dict[int, Exception]:
        """Row number -> the error of a row whose values Arrow cannot take in its table's types,
        each value tried alone (slow: only after a chunk's tables failed, ``batch_worker``)."""
        failed: dict[int, Exception] = {}
        for name in PROFILE_TABLES:
            fields = list(schema(name))
            for row in self.rows[name]:
                try:
                    for value, f in zip(row, fields, strict=True):
                        pa.array([value], type=f.type)
                except Exception as exc:  # noqa: BLE001 - Arrow's errors have no one base
                    failed.setdefault(cast(int, row[0]), exc)
        return failed

    def drop(self, rows: set[int]) -> None:
        """Leave out every table row of the input rows ``rows``."""
        for name, table in self.rows.items():
            self.rows[name] = [r for r in table if r[0] not in rows]

    def _say(self, text: Text, lang: str) -> str:
        """``text.render(lang)``, once per text object: a suggestion's texts are mostly shared
        (``suggest_texts.x``: a candidate's tightness, sector and level texts recur in every
        profile it is suggested in), and rendering them was some 12% of a Parquet run."""
        return self.rendered.text(text, lang)

    def _said(self, text: str | Text | None, lang: str) -> str:
        """``models.say``: a ``Text`` rendered (through the memo), a plain string as written."""
        if text is None:
            return ""
        return text if isinstance(text, str) else self._say(text, lang)

    def _languages(self, row: int, ref: str, languages: Iterable[SpokenLanguage]) -> None:
        """The languages rows (the full and the research export keep the same three fields)."""
        self.rows["languages"].extend(
            (row, ref, n, lang.language, lang.cefr, lang.mother_tongue) for n, lang in enumerate(languages, 1)
        )

    def add_profile(
        self, row: int, profile: Profile, *, highest: tuple[str, int | None, str], flags: list[str]
    ) -> None:
        """One profile's rows; ``highest`` and ``flags`` as in ``summary.csv``."""
        ref = profile.personal.client_ref
        p, w, c = profile.personal, profile.wishes, profile.circumstances
        out = self.rows
        out["people"].append(
            (
                row,
                ref,
                profile.created,
                p.birth_year,
                None,  # birth_years
                p.country_of_origin,
                p.permit_date,
                None,  # permit_quarter
                p.municipality,
                profile.dutch.cefr,
                profile.dutch.integration_route,
                highest[0] or None,
                highest[1],
                highest[2] or None,
                profile.digital_skills,
                profile.driving_licences,
                profile.certificates,
                w.sectors,
                w.occupations,
                [x.coded.uri for x in w.coded if x.coded is not None],
                [x.coded.isco for x in w.coded if x.coded is not None],
                w.hours_per_week,
                w.max_travel_minutes,
                w.willing_to_train,
                c.care_duties,
                c.health_limits_work,
                profile.notes,
                flags,
            )
        )
        work = out["work"]
        for n, job in enumerate(profile.work, start=1):
            code = job.coded
            work.append(
                (row, ref, n, job.title, job.tasks, job.country, job.years, job.kind)
                + (
                    (code.uri, code.isco, code.label, code.score, code.matched)
                    if code
                    else (None, None, None, None, None)
                )
                + (job.needs_review, job.confirmation.status, [a.uri for a in job.alternatives])
            )
        education = out["education"]
        for n, edu in enumerate(profile.education, start=1):
            ind = edu.indication
            education.append(
                (
                    row,
                    ref,
                    n,
                    edu.country,
                    edu.qualification,
                    edu.field,
                    edu.years,
                    edu.completed,
                    edu.documents,
                    edu.idw_status,
                    edu.idw_nlqf,
                )
                + (
                    (
                        ind.entry_id,
                        ind.dutch_equivalent,
                        ind.nlqf_min,
                        ind.nlqf_max,
                        ind.eqf_min,
                        ind.eqf_max,
                        ind.score,
                        ind.source,
                    )
                    if ind
                    else (None,) * 8
                )
                + ([a.entry_id for a in edu.alternatives], edu.confirmation.status)
            )
        self._languages(row, ref, profile.languages)
        values, cget = self.rendered.values, self.rendered.columns.get
        out["skills"].extend(
            (row, ref, n) + (k[1] if (k := cget(id(s))) is not None else values(s, _SKILL))
            for n, s in enumerate(profile.skills, start=1)
        )
        lang = profile.texts_lang or "nl"  # the batch's language: stored texts are worded in it
        say, part = self.rendered.text, self.rendered.part
        texts, parts = self.rendered.memos(lang)  # hits read here, without a call (most are hits)
        tget, pget = texts.get, parts.get
        suggestions = out["suggestions"]
        built = self.rendered.suggestions.get(lang)
        if built is None or len(built) >= SUGGESTIONS_MAX:
            built = self.rendered.suggestions[lang] = {}
        for n, sug in enumerate(profile.suggestions, start=1):
            if (b := built.get(id(sug))) is not None:
                suggestions.append((row, ref, n, *b[1]))
                continue
            f = vars(sug)  # one attribute look-up instead of fifteen (see ``Rendered.columns``)
            t, recognition = f["tightness"], f["recognition"]
            columns = (
                (f["uri"], f["isco"], f["label"], f["sector"], f["score"], f["route"])
                + (f["at_level"],)
                + (k[1] if (k := cget(id(t))) is not None else values(t, _TIGHTNESS))
                + (
                    f["regulated"],
                    f["dutch_needed"],
                    (say(recognition, lang) if recognition is not None else "") or None,
                    [h[1] if (h := tget(id(x))) is not None else say(x, lang) for x in f["reasons"]],
                    [h[1] if (h := tget(id(x))) is not None else say(x, lang) for x in f["gaps"]],
                    f["missing_skills"],
                    f["certificates_missing"],
                    [q[1] if (q := pget(id(x))) is not None else part(x, lang) for x in f["parts"]],
                )
            )
            built[id(sug)] = (sug, columns)
            suggestions.append((row, ref, n, *columns))
        out["next_steps"].extend(
            (row, ref, n, s.action, self._said(s.text, lang), self._said(s.reason, lang) or None, s.agreed)
            for n, s in enumerate(profile.next_steps, start=1)
        )

    def add_research(
        self, row: int, research: ResearchProfile, *, highest: tuple[str, int | None, str], flags: list[str]
    ) -> None:
        """A research export's rows (``--pseudonymise``): what ``batch.research_copy`` keeps, in the
        same columns; every column it does not keep stays empty (NULL)."""
        ref = research.client_ref
        out = self.rows
        out["people"].append(
            (
                row,
                ref,
                None,  # created
                None,  # birth_year
                research.birth_years,
                research.country_of_origin,
                None,  # permit_date
                research.permit_quarter,
                None,  # municipality
                research.dutch_cefr,
                research.integration_route,
                highest[0] or None,
                highest[1],
                highest[2] or None,
                research.digital_skills,
                research.driving_licences,
                None,  # certificates
                research.wished_sectors,
                None,  # wish_occupations
                [x.esco_uri for x in research.wished_occupations],
                [x.isco for x in research.wished_occupations],
                research.hours_per_week,
                research.max_travel_minutes,
                research.willing_to_train,
                None,  # care_duties
                None,  # health_limits_work
                None,  # notes
                flags,
            )
        )
        out["work"].extend(
            (
                row,
                ref,
                n,
                None,
                None,
                j.country,
                j.years,
                j.kind,
                j.esco_uri,
                j.isco,
                None,
                None,
                None,
                j.needs_review,
                None,
                None,
            )
            for n, j in enumerate(research.work, start=1)
        )
        out["education"].extend(
            (
                row,
                ref,
                n,
                e.country,
                None,
                None,
                e.years,
                e.completed,
                e.documents,
                e.idw_status,
                e.idw_nlqf,
                e.table_entry,
                None,
                e.nlqf_min,
                e.nlqf_max,
                e.eqf_min,
                e.eqf_max,
                None,
                None,
                None,
                None,
            )
            for n, e in enumerate(research.education, start=1)
        )
        self._languages(row, ref, research.languages)
        out["skills"].extend(
            (row, ref, n, skill_id, None, None, None, None)
            for n, skill_id in enumerate(research.esco_skills, 1)
        )
        out["suggestions"].extend(
            (row, ref, n, s.esco_uri, s.isco, None, s.sector, s.score, s.route, s.at_level, s.tightness)
            + (None,) * 10
            + (s.regulated,)
            + (None,) * 7
            for n, s in enumerate(research.suggestions, start=1)
        )

    def batches(self) -> dict[str, pa.RecordBatch]:
        """One record batch per profile table (empty ones too): the rows converted at once as a
        struct array of the table's fields, one ``pa.array`` call a table instead of one a column
        (115 a chunk, each with its own set-up: a tenth of the conversion), the same columns and
        bytes (``tests/test_batch_parquet.py``). A row of the wrong length is refused (``ArrowInvalid``)."""
        return {
            name: pa.RecordBatch.from_struct_array(pa.array(self.rows[name], type=_struct(name)))
            for name in PROFILE_TABLES
        }

    def ipc_messages(self) -> dict[str, bytes]:
        """Each profile table's rows as one part-file frame (``batch_parquet.pack_batch``: the
        Arrow IPC record-batch message, no schema, LZ4-compressed whole): the part files stay a
        fraction of the JSON Lines' size until they become Parquet (they are deleted then)."""
        return {name: pack_batch(batch) for name, batch in self.batches().items()}
