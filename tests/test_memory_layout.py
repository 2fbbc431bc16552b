"""Layout decisions that keep a batch's processes small (issue 16, bench/scale.py's per-process
memory): what the row processor loads before the workers fork, and the shapes of what it shares.

Each test pins one decision, so that a change that undoes it fails here rather than only in a
memory benchmark nobody runs on every commit."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import gc
import os
import pickle
import subprocess
import sys
import weakref
from array import array
from itertools import chain
from pathlib import Path

import pytest

from skilltool import answer_parsing, profile_building, profile_sources, suggest_compact
from skilltool.batch_processor import Timer, standard_processor
from skilltool.reference import ReferenceData
from skilltool.suggest_index_build import build_index

from .batch_fakes import fake_processor

INTAKE = {
    "personal": {"client_ref": "K1", "country_of_origin": "SY"},
    "languages": {"mother_tongues": ["Arabisch"], "dutch_cefr": "A2"},
    "work": [{"title": "lasser", "country": "SY", "years": 6}],
    "skills": {"free_text": ["lassen"]},
}


def test_row_processor_never_loads_the_occupation_records(
    tiny_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The processor the workers fork from (and a row it processes, own trade included) reads only
    the compiled caches, never ESCO's occupation records (~30 MB that each process would copy)."""
    standard_processor(tiny_data, "nl")  # a cold cache is compiled from the records: not counted
    loads: list[Path] = []
    records = ReferenceData.__dict__["occupations"]
    assert isinstance(records, functools.cached_property)

    def counted(self: ReferenceData) -> object:
        loads.append(self.data_dir)
        return records.func(self)

    monkeypatch.setattr(ReferenceData, "occupations", property(counted))
    run = standard_processor(tiny_data, "nl")
    answers = answer_parsing.answers_from_mapping(INTAKE)
    profile = run(answers, Timer(), dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert profile.work[0].coded is not None
    assert profile.own_trade, "the own trade (which counts optional skills) was built"
    assert loads == []


def test_a_job_coded_to_an_isco_group_loads_no_occupation_records(
    tiny_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A job coded to an ISCO-08 group (the occupation coder's answer for *chauffeur* or
    *schoonmaker*, not an ESCO occupation) gets no own-trade entry, and finding that out reads
    the index's URIs, not ESCO's occupation records: the records (about 90 MB of RSS) were
    loaded after the fork in every batch process by the first such row."""
    run = standard_processor(tiny_data, "nl")
    answers = answer_parsing.answers_from_mapping(INTAKE)
    profile = run(answers, Timer(), dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    coded = profile.work[0].coded
    assert coded is not None
    group = coded.model_copy(update={"uri": f"http://data.europa.eu/esco/isco/C{coded.isco[:3]}"})
    work = [profile.work[0].model_copy(update={"coded": group})]
    loads: list[Path] = []
    records = ReferenceData.__dict__["occupations"]

    def counted(self: ReferenceData) -> object:
        loads.append(self.data_dir)
        return records.func(self)

    monkeypatch.setattr(ReferenceData, "occupations", property(counted))
    ref = ReferenceData(tiny_data)
    again = profile_building.add_suggestions(profile.model_copy(update={"work": work}), ref=ref, lang="nl")
    assert group.uri not in {s.uri for s in again.own_trade}
    assert loads == []


def test_a_confirmed_code_loads_no_occupation_records(
    tiny_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A row whose job a caseworker confirmed (``confirmed_uri``) takes the code's group and label
    from the suggestion index, as the coder's answer would: the same code, no records loaded."""
    run = standard_processor(tiny_data, "nl")
    coded = run(answer_parsing.answers_from_mapping(INTAKE), Timer(), dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    uri = coded.work[0].coded.uri if coded.work[0].coded else ""
    records = ReferenceData.__dict__["occupations"]
    expected = next(o for o in records.func(ReferenceData(tiny_data)).occupations if o.uri == uri)
    loads: list[Path] = []

    def counted(self: ReferenceData) -> object:
        loads.append(self.data_dir)
        return records.func(self)

    monkeypatch.setattr(ReferenceData, "occupations", property(counted))
    job = {"title": "lasser", "country": "SY", "years": 6, "confirmed_uri": uri}
    confirmed = {**INTAKE, "work": [job]}
    run = standard_processor(tiny_data, "nl")
    profile = run(
        answer_parsing.answers_from_mapping(confirmed), Timer(), dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    )
    code = profile.work[0].coded
    assert code is not None and profile.work[0].confirmation.status == "confirmed"
    assert (code.uri, code.isco, code.label) == (uri, expected.isco, expected.label.get("nl"))
    assert loads == []


def test_own_trade_optional_skills_come_from_the_index(tiny_data: Path) -> None:
    """The index holds each candidate's optional skill ids, equal to the records' own."""
    ref = ReferenceData(tiny_data)
    index = build_index(ref)
    assert any(index.occ_optional)
    for c, optional in zip(index.cands, index.occ_optional, strict=True):
        assert optional == tuple(ref.occupation_by_uri[c.uri].optional)
        assert index.optional_of(c.uri, ref) is optional


def test_one_string_object_per_skill_id(tiny_data: Path) -> None:
    """Every table of the index that names a skill shares one string object per id (the pickle
    then stores it once): essential, optional, inverted tables and labels."""
    index = build_index(ReferenceData(tiny_data))
    first: dict[str, str] = {}

    def same(sid: str) -> None:
        assert first.setdefault(sid, sid) is sid, sid

    for sid in index.skill_labels:
        same(sid)
    for sid in index.inv_essential:
        same(sid)
    for sid in index.inv_optional:
        same(sid)
    for c, optional in zip(index.cands, index.occ_optional, strict=True):
        assert c.essential is index.occ_essential[c.uri]
        for sid in (*c.essential, *optional):
            same(sid)
    assert first


def test_occupations_share_one_string_per_skill_id(tiny_data: Path) -> None:
    """Loaded occupation records name each skill id with one string object (their cache's pickle
    stores it once), whatever occupation lists it, essential or optional."""
    occupations = ReferenceData(tiny_data).occupations.occupations
    first: dict[str, str] = {}
    for occ in occupations:
        for sid in (*occ.essential, *occ.optional):
            assert first.setdefault(sid, sid) is sid, sid
    assert len(first) < sum(len(o.essential) + len(o.optional) for o in occupations)


def test_index_tables_load_compact_and_name_the_same_candidates(tiny_data: Path) -> None:
    """The pickled index keeps its compact shapes (``suggest_compact``): the inverted skill tables
    are flat arrays, equal candidate lists and equal tightness records one object each; each table
    names exactly the candidates the data give it."""
    index = pickle.loads(pickle.dumps(build_index(ReferenceData(tiny_data))))
    for table, skills_of in (
        (index.inv_essential, [c.essential for c in index.cands]),
        (index.inv_optional, index.occ_optional),
    ):
        assert table and all(isinstance(row, array) for row in table.values())
        want: dict[str, list[int]] = {}
        for i, skills in enumerate(skills_of):
            for sid in skills:
                want.setdefault(sid, []).append(i)
        assert {sid: list(row) for sid, row in table.items()} == want
    for table in (index.by_label, index.by_prefix):
        rows: dict[tuple[int, ...], tuple[int, ...]] = {}
        assert all(rows.setdefault(row, row) is row for row in table.values())
    tights = {id(c.tight) for c in index.cands}
    assert len(tights) == len({c.tight.model_dump_json() for c in index.cands})
    first = index.cands[0]
    twin = dataclasses.replace(first, uri="twin", tight=first.tight.model_copy(deep=True))
    suggest_compact.share_tightness([first, twin])
    assert twin.tight is first.tight


@pytest.mark.parametrize(("fmt", "backend"), [("parquet", "system"), ("jsonl", None)])
def test_parquet_workers_use_the_system_allocator(fmt: str, backend: str | None) -> None:
    """A parquet worker's Arrow buffers come from malloc, not the wheel's mimalloc/jemalloc, which
    kept ~42 MB of freed pages per worker; a JSON Lines worker leaves Arrow alone."""
    pa = pytest.importorskip("pyarrow")
    from skilltool.batch_worker import Worker, WorkerConfig

    before = pa.default_memory_pool()
    other = pa.mimalloc_memory_pool() if before.backend_name == "system" else before
    pa.set_memory_pool(other)  # a pool that is not the system one, to see the worker change it
    try:
        config = WorkerConfig(
            mapping=None,  # type: ignore[arg-type]  # not read when the worker is built
            data_dir=None,
            lang="nl",
            key=None,
            created="2026-01-01T00:00:00+00:00",
            factory=fake_processor,
            format=fmt,
        )
        Worker(config)
        assert pa.default_memory_pool().backend_name == (backend or other.backend_name)
    finally:
        pa.set_memory_pool(before)


def test_label_index_loads_with_one_int_per_id_and_answers_the_same() -> None:
    """A pickled label index travels as flat typed arrays and loads with one int object per id
    (pickle alone made a fresh int per occurrence, 32 bytes each); it answers as the built one."""
    from skilltool.label_index import LabelIndex

    words = [f"{stem}{n}" for n in range(150) for stem in ("lasser", "kapper")]  # ids past 256
    entries = [(n // 3, f"{w} {words[(n * 7) % len(words)]}", 1.0, "nl") for n, w in enumerate(words)]
    entries += [(n, w, 0.9, "en") for n, w in enumerate(words)]
    built = LabelIndex(entries)
    loaded = pickle.loads(pickle.dumps(built))
    for name, value in vars(built).items():
        again = getattr(loaded, name)
        assert list(again) == list(value) if isinstance(again, array) else again == value, name
    assert isinstance(loaded.label_kind, array) and isinstance(loaded.concept_prior, array)
    canonical: dict[int, int] = {}
    ids = [*loaded.vocab.values(), *chain.from_iterable(loaded.label_tokens)]
    for table in (loaded.exact, loaded.exact_stem):
        ids += chain.from_iterable((v,) if isinstance(v, int) else v for v in table.values())
    ids += [*loaded.compounds, *chain.from_iterable(loaded.compounds.values())]
    ids += chain.from_iterable(loaded.by_stem.values())
    assert sum(1 for i in ids if i > 256) > 100  # past the interpreter's cache of small ints
    assert all(canonical.setdefault(i, i) is i for i in ids)
    for q in (["lasser7"], ["kapper12", "lasser140"], ["kapers3"]):
        assert loaded.search(q, lang="nl", limit=5) == built.search(q, lang="nl", limit=5)


def test_a_worker_gives_the_heaps_free_pages_back_every_few_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ``TRIM_CHUNKS`` chunks a worker returns glibc's free heap pages (``malloc_trim``):
    without it each batch process kept about 40 MB of freed pages resident (bench/scale.py)."""
    from skilltool import batch_worker

    trims: list[int] = []
    monkeypatch.setattr(batch_worker, "trim_freed", lambda: trims.append(1))
    monkeypatch.setattr(batch_worker, "_CHUNKS", [0])
    monkeypatch.setattr(gc, "freeze", lambda: None)  # a worker's freeze; not in this test process
    monkeypatch.setattr(gc, "collect", lambda *_: 0)  # a full collection of this big process: 0.4 s each
    monkeypatch.setattr(batch_worker, "unfrozen_generation", lambda: 2)  # nothing of this process listed
    for _ in range(2 * batch_worker.TRIM_CHUNKS + 1):
        batch_worker.after_chunk()
    assert len(trims) == 2


class _Node:
    """An object that can be in a reference cycle and be watched by a weak reference."""

    me: object = None


def test_after_a_chunk_a_cycle_of_garbage_in_the_oldest_generation_is_collected_not_frozen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``after_chunk`` collects the oldest generation that holds anything before it freezes: a
    cycle an automatic collection moved there between two chunks is freed, not frozen for good."""
    from skilltool import batch_worker

    freezes: list[int] = []
    monkeypatch.setattr(gc, "freeze", lambda: freezes.append(1))  # not in this test process
    node = _Node()
    node.me = node
    gone = weakref.ref(node)
    gc.collect(1)  # alive: moved to the oldest generation
    assert any(obj is node for obj in gc.get_objects(2))
    del node
    assert batch_worker.unfrozen_generation() == 2
    batch_worker.after_chunk()
    assert gone() is None
    assert freezes == [1]


_YOUNG_SCRIPT = """
import gc, weakref
from skilltool import batch_worker
class Node:
    me = None
gc.disable()
gc.collect()
gc.freeze()  # as after the chunk before: every generation empty
node = Node()
node.me = node
gone = weakref.ref(node)
del node  # a cycle of garbage the chunk left, in the youngest generation
seen = []
collect = gc.collect
gc.collect = lambda generation=2: seen.append(generation) or collect(generation)
batch_worker.after_chunk()
print(seen, gone() is None)
"""


def test_after_a_chunk_only_the_youngest_generation_is_collected_when_the_others_are_empty() -> None:
    """With the older generations empty (everything frozen after the last chunk, the chunk run with
    the collector paused) ``after_chunk`` collects the youngest only, which frees the chunk's
    cycles as a full collection would, without emptying the interpreter's free lists (a full
    collection's extra work: about 25 us a row, docs/scale.md scale24)."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    out = subprocess.run(
        [sys.executable, "-c", _YOUNG_SCRIPT], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.split() == ["[0]", "True"]


def test_trim_freed_never_raises() -> None:
    """``trim_freed`` is a no-op, not an error, on a C library without ``malloc_trim``."""
    from skilltool import batch_worker

    batch_worker.trim_freed()


def test_leaving_the_preloaded_processor_frees_what_it_and_the_rows_left(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """When the workers are done (``preloaded``'s exit, before the main process writes the Parquet
    tables), the per-run memos are emptied and the processor's objects in reference cycles, kept
    by the freeze, are collected before the heap's free pages are given back (mem22: they stayed
    resident through the conversion)."""
    import weakref

    from skilltool import batch_pool, batch_summary, batch_worker
    from skilltool.memo import RUN_MEMOS

    class Node:
        """A processor object in a reference cycle (as the reference data's are)."""

        other: object = None

    held: list[Node] = []
    seen: list[weakref.ref[Node]] = []
    order: list[str] = []

    def install() -> None:
        a, b = Node(), Node()
        a.other, b.other = b, a
        held.append(a)
        seen.append(weakref.ref(a))

    def release() -> None:
        order.append("released")
        gc.collect()

    monkeypatch.setattr(batch_pool, "release_freed", release)
    monkeypatch.setattr(batch_pool, "run_in_child_once", lambda *_: None)  # no child: the fake is built
    config = batch_worker.WorkerConfig(
        mapping=None,  # type: ignore[arg-type]  # not read: the processor is the test's
        data_dir=None,
        lang="nl",
        key=None,
        created="",
        factory=fake_processor,
    )

    def clear() -> None:
        held.clear()
        batch_worker.clear_worker()

    with batch_pool.preloaded(config, install=install, clear=clear):
        token = object()
        profile_sources._CODES.put(id(token), (token, []))
        batch_summary._SHORT.put((id(token), "nl"), (token, ""))  # type: ignore[arg-type]
        assert seen[0]() is not None
    assert order == ["released"]
    assert seen[0]() is None, "a frozen cycle of the processor outlived the batch's rows"
    assert [len(m.data) for m in RUN_MEMOS] == [0] * len(RUN_MEMOS)
    assert {id(profile_sources._CODES), id(batch_summary._SHORT)} <= {id(m) for m in RUN_MEMOS}


def test_a_batch_process_collects_after_a_chunk_before_the_collector_is_on_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``run_chunk`` (and the Dask partition) runs ``after_chunk`` while the chunk's pause of the
    collector lasts: switched on first, the collector collected the chunk's thousands of new
    objects at once, and ``after_chunk`` then went over them again (docs/scale.md, scale26). A
    library caller's ``Worker.process`` (one worker) collects nothing of its own."""
    from skilltool import batch_worker

    config = batch_worker.WorkerConfig(
        mapping=None,  # type: ignore[arg-type]  # not read: ``_process`` is the test's
        data_dir=None,
        lang="nl",
        key=None,
        created="2026-01-01T00:00:00+00:00",
        factory=fake_processor,
    )
    worker = batch_worker.Worker(config)
    seen: list[str] = []
    done = batch_worker.empty_result(3)

    def rows(chunk: object) -> batch_worker.ChunkResult:
        seen.append(f"rows, gc on {gc.isenabled()}")
        return done

    def after() -> None:
        seen.append(f"after, gc on {gc.isenabled()}")

    monkeypatch.setattr(worker, "_process", rows)
    monkeypatch.setattr(batch_worker, "after_chunk", after)
    monkeypatch.setattr(batch_worker, "_WORKER", worker)
    assert gc.isenabled()
    assert batch_worker.run_chunk([(3, ["x"], False)]) is done
    assert seen == ["rows, gc on False", "after, gc on False"]
    assert gc.isenabled()
    seen.clear()
    assert worker.process([(3, ["x"], False)]) is done
    assert seen == ["rows, gc on False"]
    assert gc.isenabled()
