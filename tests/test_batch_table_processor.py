"""The batch's row processor for ``--format parquet`` (``batch_processor.table_processor``): the
tables store no ``fit`` sentences, so that processor does not word them; everything else about a
profile is the intake command's (``standard_processor``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from skilltool import answer_parsing, batch, batch_processor
from skilltool.batch_processor import Timer, standard_processor, table_processor
from skilltool.models import Profile

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "batch" / "intakes.csv"
INTAKE = {
    "personal": {"client_ref": "K1", "country_of_origin": "SY"},
    "languages": {"mother_tongues": ["Arabisch"], "dutch_cefr": "A2"},
    "work": [{"title": "lasser", "country": "SY", "years": 6}],
    "skills": {"free_text": ["lassen"]},
    "wishes": {"hours_per_week": 24, "sectors": ["techniek"]},
}


def _without_fit(profile: Profile) -> dict[str, object]:
    data = profile.model_dump()
    for key in ("suggestions", "own_trade"):
        for suggestion in data[key]:
            suggestion["fit"] = []
    return data


def test_table_processor_differs_only_in_the_fit_sentences(tiny_data: Path) -> None:
    """Same profile as the intake command's path, field for field, except that the suggestions'
    and the own trade's ``fit`` lists are empty (the intake's are not, for this person)."""
    answers = answer_parsing.answers_from_mapping(INTAKE)
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    full = standard_processor(tiny_data, "nl")(answers, Timer(), now)
    lean = table_processor(tiny_data, "nl")(answers, Timer(), now)
    assert any(s.fit for s in (*full.suggestions, *full.own_trade)), "nothing to leave out"
    assert all(not s.fit for s in (*lean.suggestions, *lean.own_trade))
    assert lean.suggestions, "the suggestions themselves are made"
    assert _without_fit(lean) == _without_fit(full)


def test_parquet_and_research_batches_use_the_table_processor(tmp_path: Path, tiny_data: Path) -> None:
    """``batch --format parquet`` and a research export (either engine: they share the job's
    factory) run ``table_processor``; JSON Lines of whole profiles the intake command's path."""
    key = tmp_path / "key"
    key.write_bytes(b"k" * 32)
    key.chmod(0o600)
    parquet = batch.prepare(EXAMPLE, out=tmp_path / "p", output_format="parquet", data_dir=tiny_data)
    research = batch.prepare(EXAMPLE, out=tmp_path / "r", key_file=key, data_dir=tiny_data)
    jsonl = batch.prepare(EXAMPLE, out=tmp_path / "j", data_dir=tiny_data)
    assert parquet.factory is batch_processor.table_processor
    assert research.factory is batch_processor.table_processor
    assert jsonl.factory is batch_processor.standard_processor
