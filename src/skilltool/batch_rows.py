"""``batch --format parquet``: one chunk's profiles as rows of the tables ``batch_parquet`` defines.

A table row is built from the finished profile, after pseudonymisation (``batch.research_copy``),
so the rules that decide what a research export may hold apply to these tables exactly as to
``profiles.jsonl``. The columns are those of ``batch_parquet.schema`` (documented in
``docs/outputs.md``); a column a row does not give is empty (NULL).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

import pyarrow as pa

from skilltool.batch_parquet import PROFILE_TABLES, TABLE_NAMES, schema, schema_message
from skilltool.models import say

if TYPE_CHECKING:
    from skilltool.models import Profile, Text
    from skilltool.models.batch import ResearchProfile


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
        self.cols: dict[str, dict[str, list[object]]] = {
            name: {f.name: [] for f in schema(name)} for name in TABLE_NAMES
        }
        self._rendered: dict[tuple[int, str], tuple[Text, str]] = {}

    def _say(self, text: Text, lang: str) -> str:
        """``text.render(lang)``, once per text object of this chunk: a suggestion's texts are
        mostly shared (``suggest_texts.x``: a candidate's tightness, sector and level texts
        recur in every profile it is suggested in), and rendering them was some 12% of a Parquet
        run. Keyed on the object, which the entry holds (so its identity is not reused while the
        entry exists); texts are never changed in place."""
        hit = self._rendered.get((id(text), lang))
        if hit is None:
            hit = self._rendered[id(text), lang] = (text, text.render(lang))
        return hit[1]

    def _add(self, table: str, row: int, ref: str, **values: object) -> None:
        """One row; a column not given is empty (NULL)."""
        values["row"], values["client_ref"] = row, ref
        for name, col in self.cols[table].items():
            col.append(values.get(name))

    def _people(
        self, row: int, ref: str, highest: tuple[str, int | None, str], flags: list[str], **values: object
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
        lang = profile.texts_lang or "nl"  # the batch's language: stored texts are worded in it
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
                recognition=(self._say(sug.recognition, lang) if sug.recognition is not None else "") or None,
                reasons=[self._say(x, lang) for x in sug.reasons],
                gaps=[self._say(x, lang) for x in sug.gaps],
                missing_skills=sug.missing_skills,
                certificates_missing=sug.certificates_missing,
                parts=[
                    {"name": x.name, "points": x.points, "evidence": self._say(x.evidence, lang)}
                    for x in sug.parts
                ],
            )
        for n, step in enumerate(profile.next_steps, start=1):
            self._add(
                "next_steps",
                row,
                ref,
                position=n,
                action=step.action,
                text=say(step.text, lang),
                reason=say(step.reason, lang) or None,
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
        return {
            name: pa.RecordBatch.from_pydict(self.cols[name], schema=schema(name)) for name in PROFILE_TABLES
        }

    def ipc_messages(self) -> dict[str, bytes]:
        """Each profile table's rows as one zstd-compressed Arrow IPC record-batch message (no
        schema): the part files stay a fraction of the JSON Lines' size until they become Parquet."""
        out: dict[str, bytes] = {}
        options = pa.ipc.IpcWriteOptions(compression="zstd")
        for name, batch in self.batches().items():
            sink = pa.BufferOutputStream()
            writer = pa.ipc.new_stream(sink, schema(name), options=options)
            writer.write_batch(batch)  # not closed: no end-of-stream marker
            data: bytes = sink.getvalue().to_pybytes()
            out[name] = data[len(schema_message(name)) :]
        return out
