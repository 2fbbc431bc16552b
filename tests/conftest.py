"""Shared fixtures: tiny ESCO-format sources written inside the tests, and isolation."""

from __future__ import annotations

import csv
import gc
import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

import skilltool
from skilltool import build, datafiles, fsio, reference, suggest_index_build
from skilltool.models import SourceFile, SourceManifest
from skilltool.reference import ReferenceData

from . import warm_cache

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
SHARED_REASON = f"needs the shared source data at {SHARED_DATA} (absent on this machine)"

requires_shared = pytest.mark.skipif(not SHARED_DATA.is_dir(), reason=SHARED_REASON)

# Hypothesis's default deadline (200 ms an example) off for every property test: under load a
# tiny example took longer and the test failed for its timing alone (tests28: test_coding_batch's
# test_code_many_equals_code_on_any_text, 312 ms in a run of the suite at load 18; 7 of the 11
# files with property tests set no deadline of their own). What a test checks is its assertions; a
# hang still fails on pytest-timeout's limit.
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")


def pytest_configure(config: pytest.Config) -> None:
    """An xdist worker starts with ``COLUMNS=80`` in its environment, and rich fixes a console's
    width for good when it is made while ``COLUMNS`` is set: the width tests would then depend on
    the worker. Unset, each test's own ``COLUMNS`` decides, as in a run in one process."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        os.environ.pop("COLUMNS", None)


@pytest.fixture(scope="session")
def compiled_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One compiled-data cache for the whole run, shared by the xdist workers of one run.

    Sharing it is safe: every entry is keyed by the SHA-256 of the data file's bytes, the class it
    was compiled to and the code fingerprint (see ``reference.cache_path``), and written by an
    atomic rename, so a test can only ever read what the same data and code compile to. What it
    saves: the real data compiled from cold costs about 6 s of CPU, once per test before.
    Tests about the cache itself (cold start, corrupt entry, races) set their own folder, or take
    ``isolated_cache``.
    """
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):  # basetemp is pytest-N/popen-gwK: share pytest-N
        base = base.parent
    path = base / "compiled-cache"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture(scope="session", autouse=True)
def _run_cache_for_every_scope(compiled_cache: Path) -> Iterator[None]:
    """``$SKILLTOOL_CACHE_DIR`` is the run's compiled cache for the whole session, not only inside
    each test (``_shared_compiled_cache``): a module- or class-scoped fixture is set up before a
    test's own fixtures, and read the environment the run was started with. So
    ``tests/test_new_user20.py``'s skill coder was read from, or built under coverage's tracer into,
    the user's own cache (``make test``: the platform's; these sessions: ``$SKILLTOOL_CACHE_DIR``),
    never the one the warm-up had filled (tests29)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SKILLTOOL_CACHE_DIR", str(compiled_cache))
        yield


WARM_UP_FROM = 200
"""A run of at least this many tests compiles the committed data up front (``_warm_compiled_cache``);
a run of a few test files compiles only what its tests touch."""


SLOW_FIRST = (
    "tests/test_suggest_reuse.py::test_personas_alike_share_only_what_building_anew_gives",
    "tests/test_batch_real.py::test_sigkill_midway_then_resume_gives_identical_outputs",
    "tests/test_batch_real.py::test_ctrl_c_exits_130_and_a_second_batch_is_refused_meanwhile",
    "tests/test_cli_data.py::test_shared_label_change_is_detected",
    "tests/test_batch_dask.py::test_the_local_cluster_refuses_a_client_without_its_certificate",
    "tests/test_screenshots.py::test_script_takes_screenshots_at_print_width",
    "tests/test_occupations_props.py::test_real_preferred_labels_code_to_themselves",
    "tests/test_cli_data.py::test_committed_data_is_current_with_shared_sources",
    "tests/test_coding_batch.py::test_code_many_answers_as_code_on_the_committed_data",
    "tests/test_language_purity.py::test_persona_outputs_speak_one_language",
    "tests/test_suggest_shared_parts.py::test_shared_parts_are_the_ones_built_fresh",
    "tests/test_coding_rerank.py::test_the_committed_weights_load_and_apply_to_non_exact_titles",
    "tests/test_coding_rerank.py::test_a_flagged_title_follows_the_weights",
    "tests/test_packaging.py::test_installed_tool_finds_its_data",
    "tests/test_profile_json.py::test_every_persona_with_suggestions_is_written_as_pydantic_writes_it",
    "tests/test_coding_batch.py::test_code_many_equals_code_on_any_text",
    "tests/test_language_purity.py::test_data_commands_speak_one_language",
    "tests/test_security.py::test_full_disk_during_a_batch_then_resume",
    "tests/test_suggest_property.py::test_property_fast_ranking_is_exact",
)
"""The suite's longest tests (CPU seconds with their processes, most first; tests20), which an
xdist worker takes first in a run of the whole suite (``pytest_collection_modifyitems``). In file
order the longest (24 s of CPU) came last on one worker, which ran on alone for some 110 s of wall
under load after the other had finished. ``make test`` splits with ``--dist worksteal``: the first
worker's half starts with these, and a worker whose queue runs dry takes half of the other's
queue, which by then holds short tests only, so the two end within a short test of each other.
A renamed test here only loses its place. ``tests/test_coding_real.py``'s bulk test left the list
(tests25): it reads the skill coder from the run's compiled cache since tests24 (its file 0.6 s of
CPU in a run of the suite, tests24; 19 s alone under coverage, where it builds the coder)."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In an xdist worker's run of the whole suite, the ``SLOW_FIRST`` tests first (in that order;
    a parametrized test's every case), the rest in their order. Every worker collects the same
    order, as xdist requires; a run in one process or of a few files keeps the file order."""
    if not os.environ.get("PYTEST_XDIST_WORKER") or len(items) < WARM_UP_FROM:
        return
    rank = {name: i for i, name in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("[", 1)[0], len(SLOW_FIRST)))


@pytest.fixture(scope="session", autouse=True)
def _warm_compiled_cache(request: pytest.FixtureRequest, compiled_cache: Path) -> None:
    """Compile the committed data into the run's shared cache once, split between the workers.

    Without it, the first test on each xdist worker that needs (say) the skill coder built it
    from cold, at the same time as the other worker: the same ~30 s of CPU twice. Each worker
    runs ``tests.warm_cache`` in a child process, outside coverage's tracer, but for the
    suggestion index (``warm_cache.TRACED``), built here; each artefact is built under its own
    file lock, the workers taking them in a different order (see that module). The worker then
    reads what was built, noting which cache entries are the committed data's
    (``_memo_cache_read``). Only for a large run (``WARM_UP_FROM`` tests), so that running one
    test file does not compile what it never uses.
    """
    if len(request.session.items) < WARM_UP_FROM:
        return
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    shift = int(worker.removeprefix("gw") or 0)
    env = {**os.environ, "SKILLTOOL_CACHE_DIR": str(compiled_cache)}
    # the child imports the skilltool this process imported (a checkout's src or the installed one)
    env["PYTHONPATH"] = os.pathsep.join([str(Path(skilltool.__file__).parents[1]), env.get("PYTHONPATH", "")])
    warmed = subprocess.run(
        [sys.executable, "-m", "tests.warm_cache", str(compiled_cache), str(shift)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert warmed.returncode == 0, warmed.stderr
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SKILLTOOL_CACHE_DIR", str(compiled_cache))
        mp.delenv("SKILLTOOL_DATA_DIR", raising=False)
        for module in (datafiles, reference, suggest_index_build):  # note the entries of the committed data
            mp.setattr(module, "cache_read", lambda path: _memo_cache_read(_committed(path)))
            mp.setattr(module, "cache_write", lambda path, value: _write_to_disk(_committed(path), value))
        ref = ReferenceData(REPO / "data")
        for name, step in warm_cache.steps(shift):
            # the child's artefacts are read from the cache (built here only if it could not write)
            warm_cache.build(compiled_cache, ref, name, step)
    # What the worker holds now (the compiled data, the modules) lives as long as it does: kept
    # out of the garbage collector's full passes, which otherwise walked all of it again and again
    # (9 % of the CPU of three persona language parts without coverage, measured; 1.4 % after).
    # Garbage made later is collected as before.
    gc.collect()
    gc.freeze()


GC_ROUNDS = 5
"""pytest's own number of full collections when it ends (``_pytest.unraisableexception.cleanup``)."""


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """Collect the garbage until a full collection finds none, then freeze what is left.

    After the last test pytest collects the garbage ``GC_ROUNDS`` times over all a process holds,
    so that a finaliser's unraisable exception is still reported (tests21: 12.5 s of wall at the
    end of a run at load 4.6, most of the two workers' stack samples there). Once a collection
    finds nothing unreachable, every object left is alive: freezing them hides no garbage, and
    pytest's rounds then walk only what is made after. At most ``GC_ROUNDS`` rounds here; when
    garbage is still found after them, nothing is frozen and pytest collects as before.

    Only in a process whose warm-up froze its data already (``_warm_compiled_cache``, a run of the
    whole suite): frozen objects are not freed at exit, and duckdb then reports its leaked
    instances on stderr (the collect-only pass of ``make prepare`` printed them)."""
    if not gc.get_freeze_count():
        return
    for _ in range(GC_ROUNDS):
        if not gc.collect():
            gc.freeze()
            return


@pytest.fixture(autouse=True)
def _shared_compiled_cache(compiled_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test reads and writes the run's compiled-data cache, never the user's own cache;
    entries of that cache are unpickled once per worker process (``_memo_cache_read``)."""
    monkeypatch.setenv("SKILLTOOL_CACHE_DIR", str(compiled_cache))
    for module in (datafiles, reference, suggest_index_build):
        monkeypatch.setattr(module, "cache_read", _memo_cache_read)


_UNPICKLED: dict[Path, object] = {}
_COMMITTED: set[Path] = set()
_read_from_disk = datafiles.cache_read
_write_to_disk = datafiles.cache_write


def _committed(path: Path | None) -> Path | None:
    if path is not None:
        _COMMITTED.add(path)
    return path


def _memo_cache_read(path: Path | None) -> Any:
    """``cache_read`` for the run's shared compiled cache, unpickled once per worker process.

    An entry's path is the SHA-256 of the data file's bytes, the class and the code fingerprint,
    and it is written once by an atomic rename, so the same path always holds the same value:
    handing back the object unpickled before is what reading the file again would give. It saves
    the ~1 s of CPU that a fresh ``ReferenceData`` (and each coder, and the suggestion index)
    costs per test. Only the entries of the committed data that ``_warm_compiled_cache`` compiled
    or read in this worker (so only in a run of the whole suite), and only entries found: the
    tiny data of the fixtures, and any cache of a test's own (``isolated_cache``, cold starts,
    corrupt entries), are read from disk every time, as the program does, so a test that checks
    that a load gives a fresh object, or an empty word cache, still sees one.
    """
    if path not in _COMMITTED:
        return _read_from_disk(path)
    if path in _UNPICKLED:
        return _UNPICKLED[path]
    value = _read_from_disk(path)
    if value is not None:
        _UNPICKLED[path] = value
    return value


@pytest.fixture(scope="module")
def one_root_command() -> Iterator[None]:
    """``CliRunner`` runs of one test module share one root command (``skilltool.cli.app``).

    ``typer.testing.CliRunner.invoke`` builds the root group from the Typer app on every run, its
    four parameters' converters with it (tests23: 11 % of the CPU of a persona language part, 121
    runs; the commands themselves are built once per process, ``cli._load_command``). A Click
    command keeps no state of a run (that lives in its ``Context``), so a sweep of hundreds of runs
    can share one. Not for tests of shell completion: Typer decides the shell of
    ``--show-completion`` when it builds the root (tests23: two tests of ``test_cli_help.py``
    failed with one root for the whole run)."""
    import typer.main
    import typer.testing

    from skilltool.cli import app

    root = typer.main.get_command(app)
    build = typer.main.get_command

    def get_command(typer_app: typer.Typer) -> Any:
        return root if typer_app is app else build(typer_app)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(typer.testing, "_get_command", get_command)
        yield


@pytest.fixture
def real_data_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The checkout's own data/ folder (``$SKILLTOOL_DATA_DIR`` unset) and a fixed build time, so
    outputs that carry a timestamp are reproducible."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764288000")
    monkeypatch.delenv("SKILLTOOL_DATA_DIR", raising=False)


@pytest.fixture
def isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty compiled-data cache of this test's own, for tests that need a cold start."""
    path = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("SKILLTOOL_CACHE_DIR", str(path))
    return path


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


OCC = "http://data.europa.eu/esco/occupation/"
SKILL = "http://data.europa.eu/esco/skill/"
OCC_HEADER = [
    "conceptType",
    "conceptUri",
    "iscoGroup",
    "preferredLabel",
    "altLabels",
    "hiddenLabels",
    "status",
    "modifiedDate",
    "regulatedProfessionNote",
    "scopeNote",
    "definition",
    "inScheme",
    "description",
    "code",
]
UNREG = "http://data.europa.eu/esco/regulated-professions/unregulated"
REG = "http://data.europa.eu/esco/regulated-professions/regulated"


def _occ(uri: str, isco: str, label: str, alts: str, code: str, reg: str = UNREG) -> list[str]:
    return [
        "Occupation",
        OCC + uri,
        isco,
        label,
        alts,
        "",
        "released",
        "",
        reg,
        "",
        "",
        "",
        "",
        code,
    ]


def write_tiny_sources(root: Path) -> SourceManifest:
    """Write a four-occupation ESCO download (en + nl), a crosswalk and a tightness table."""
    _write_csv(
        root / "esco/en/occupations_en.csv",
        OCC_HEADER,
        [
            _occ("welder", "7212", "welder", "welding operator\nwelding technician", "7212.1"),
            _occ("electrician", "7411", "building electrician", "electrician", "7411.1"),
            _occ("hairdresser", "5141", "hairdresser", "hair stylist", "5141.1"),
            _occ(
                "nurse",
                "2221",
                "nurse responsible for general care",
                "general nurse",
                "2221.1",
                REG,
            ),
        ],
    )
    _write_csv(
        root / "esco/nl/occupations_nl.csv",
        OCC_HEADER,
        [
            _occ("welder", "7212", "lasser", "lasster\nlasmedewerker", "7212.1"),
            _occ("electrician", "7411", "installatie-elektricien", "elektricien", "7411.1"),
            _occ("hairdresser", "5141", "kapper", "kapster\nhaarstylist", "5141.1"),
            _occ("nurse", "2221", "verpleegkundige", "", "2221.1", REG),
        ],
    )
    skill_header = [
        "conceptType",
        "conceptUri",
        "skillType",
        "reuseLevel",
        "preferredLabel",
        "altLabels",
        "hiddenLabels",
        "status",
        "modifiedDate",
        "scopeNote",
        "definition",
        "inScheme",
        "description",
    ]
    skills = [
        ("weld", "use welding equipment", "operate welder"),
        ("wire", "install electric wiring", ""),
        ("cut", "cut hair", "trim hair"),
        ("care", "provide nursing care", ""),
    ]
    _write_csv(
        root / "esco/en/skills_en.csv",
        skill_header,
        [
            [
                "KnowledgeSkillCompetence",
                SKILL + sid,
                "skill/competence",
                "sector-specific",
                label,
                alt,
                "",
                "released",
                "",
                "",
                "",
                "",
                "",
            ]
            for sid, label, alt in skills
        ],
    )
    _write_csv(
        root / "esco/nl/transversalSkillsCollection_nl.csv",
        [
            "conceptType",
            "conceptUri",
            "preferredLabel",
            "status",
            "skillType",
            "reuseLevel",
            "altLabels",
            "description",
        ],
        [
            [
                "KnowledgeSkillCompetence",
                SKILL + "cut",
                "haar knippen",
                "released",
                "skill/competence",
                "",
                "haren knippen",
                "",
            ]
        ],
    )
    isco_header = [
        "conceptType",
        "conceptUri",
        "code",
        "preferredLabel",
        "status",
        "altLabels",
        "inScheme",
        "description",
    ]
    groups = [
        ("7", "Craft workers", "Ambachtslieden"),
        ("7212", "Welders", "Lassers"),
        ("7411", "Building electricians", "Elektriciens"),
        ("5141", "Hairdressers", "Kappers"),
        ("2221", "Nursing professionals", "Verpleegkundigen"),
    ]
    for lang, col in (("en", 1), ("nl", 2)):
        _write_csv(
            root / f"esco/{lang}/ISCOGroups_{lang}.csv",
            isco_header,
            [["ISCOGroup", "", g[0], g[col], "released", "", "", ""] for g in groups],
        )
    _write_csv(
        root / "esco/relations/occupationSkillRelations.csv",
        ["occupationUri", "relationType", "skillType", "skillUri"],
        [
            [OCC + "welder", "essential", "skill/competence", SKILL + "weld"],
            [OCC + "electrician", "essential", "skill/competence", SKILL + "wire"],
            [OCC + "electrician", "optional", "skill/competence", SKILL + "weld"],
            [OCC + "hairdresser", "essential", "skill/competence", SKILL + "cut"],
            [OCC + "nurse", "essential", "skill/competence", SKILL + "care"],
        ],
    )
    _write_csv(
        root / "shortage/crosswalk.csv",
        ["isco08_unit", "isco08_unit_label", "brc_group", "brc_group_label", "brc_class"],
        [
            ["7212", "Lassers", "0742", "Metaalbewerkers", "07"],
            ["7411", "Elektriciens", "0761", "Elektriciens", "07"],
            ["5141", "Kappers", "0512", "Kappers", "05"],
            ["2221", "Verpleegkundigen", "1012", "Verpleegkundigen", "10"],
        ],
    )
    _write_csv(
        root / "shortage/tightness.csv",
        ["brc_group", "brc_group_label", "tightness", "period", "source", "note"],
        [
            ["0742", "Metaalbewerkers", "unknown", "", "", "at_least=krap (bound)"],
            ["0761", "Elektriciens", "zeer krap", "2022Q2", "S5 https://example.org", ""],
            ["0512", "Kappers", "unknown", "", "", "no value"],
            ["1012", "Verpleegkundigen", "unknown", "", "", ""],
        ],
    )

    roa_rows: list[dict[str, str]] = [
        # welders: UWV 5.2 (zeer krap by UWV's thresholds; ROA's typering says krap), large bottlenecks
        {
            "brc_group": "0742",
            "brc_group_label_brc2014": "Metaalbewerkers",
            "itkb_2030_typering": "groot",
            "itkb_2030_indicator": "0.801",
            "current_2026q1_typering": "krap",
            "current_2026q1_indicator": "5.2",
            "direction_2025_2030": "verdere verkrapping",
            "expansion_demand_n": "100",
            "expansion_demand_pct6y": "2",
            "replacement_demand_n": "900",
            "replacement_demand_pct6y": "20",
            "job_openings_n": "1000",
            "job_openings_pct6y": "22",
            "job_openings_typering": "gemiddeld",
            "comparable_groups": "Elektriciens",
        },
        # electricians: no current value; very large bottlenecks to 2030
        {
            "brc_group": "0761",
            "brc_group_label_brc2014": "Elektriciens",
            "itkb_2030_typering": "zeer groot",
            "itkb_2030_indicator": "0.77",
            "direction_2025_2030": "blijft krap",
            "expansion_demand_n": "200",
            "expansion_demand_pct6y": "3",
            "replacement_demand_n": "1800",
            "replacement_demand_pct6y": "25",
            "job_openings_n": "2000",
            "job_openings_pct6y": "28",
            "job_openings_typering": "hoog",
        },
        # hairdressers: 0.5 is ruim by UWV's thresholds (ROA: gemiddeld); no bottlenecks
        {
            "brc_group": "0512",
            "brc_group_label_brc2014": "Kappers",
            "itkb_2030_typering": "geen",
            "itkb_2030_indicator": "0.9",
            "current_2026q1_typering": "gemiddeld",
            "current_2026q1_indicator": "0.5",
            "direction_2025_2030": "verruiming",
            "expansion_demand_n": "-10",
            "expansion_demand_pct6y": "-1",
            "replacement_demand_n": "300",
            "replacement_demand_pct6y": "10",
            "job_openings_n": "290",
            "job_openings_pct6y": "9",
            "job_openings_typering": "laag",
        },
        # a code of the 2025 edition that the crosswalk does not have (nurses 1012 have no row)
        {
            "brc_group": "1224",
            "brc_group_label_brc2014": "Nieuwe groep",
            "itkb_2030_typering": "enige",
            "itkb_2030_indicator": "0.85",
            "current_2026q1_typering": "krap",
            "current_2026q1_indicator": "2.0",
            "direction_2025_2030": "evenwicht",
            "expansion_demand_n": "0",
            "expansion_demand_pct6y": "0",
            "replacement_demand_n": "10",
            "replacement_demand_pct6y": "10",
            "job_openings_n": "10",
            "job_openings_pct6y": "10",
            "job_openings_typering": "laag",
        },
        {
            "brc_group": "999999",
            "brc_group_label_brc2014": "Nederland, alle beroepen",
            "expansion_demand_n": "1",
            "expansion_demand_pct6y": "1",
            "replacement_demand_n": "1",
            "replacement_demand_pct6y": "1",
            "job_openings_n": "1",
            "job_openings_pct6y": "1",
            "job_openings_typering": "gemiddeld",
        },
    ]
    roa_header = list(roa_rows[0])  # the real file's column order: the columns build reads and more
    assert set(roa_header) >= build.ROA_COLUMNS
    _write_csv(root / "shortage/roa.csv", roa_header, [[r.get(c, "") for c in roa_header] for r in roa_rows])
    _write_csv(
        root / "cbs/titles.csv",
        ["title", "isco08"],
        [["lasser", "7212"], ["booglasser", "7212"], ["elektricien", "7411"], ["kapper", "5141"]],
    )

    def f(rel: str) -> SourceFile:
        return SourceFile(path=rel, sha256=hashlib.sha256((root / rel).read_bytes()).hexdigest())

    return SourceManifest(
        esco_version="9.9.9",
        occupations={"en": f("esco/en/occupations_en.csv"), "nl": f("esco/nl/occupations_nl.csv")},
        skills_en=f("esco/en/skills_en.csv"),
        skills_nl=[f("esco/nl/transversalSkillsCollection_nl.csv")],
        isco_groups={"en": f("esco/en/ISCOGroups_en.csv"), "nl": f("esco/nl/ISCOGroups_nl.csv")},
        occupation_skill_relations=f("esco/relations/occupationSkillRelations.csv"),
        isco_brc_crosswalk=f("shortage/crosswalk.csv"),
        tightness=f("shortage/tightness.csv"),
        roa_ais=f("shortage/roa.csv"),
        cbs_title_index=f("cbs/titles.csv"),
    )


@pytest.fixture
def tiny_sources(tmp_path: Path) -> tuple[Path, SourceManifest]:
    """A folder of tiny ESCO-format sources and the manifest that names them."""
    root = tmp_path / "sources"
    return root, write_tiny_sources(root)


@pytest.fixture
def tiny_data(tiny_sources: tuple[Path, SourceManifest], tmp_path: Path) -> Iterator[Path]:
    """A data folder built from the tiny sources: sources.yaml, occupations.yaml, skills.yaml,
    cbs_title_index.yaml, isco_descriptions.yaml."""
    root, manifest = tiny_sources
    data = tmp_path / "data"
    result = build.build(manifest, root)
    fsio.write_text(data / "sources.yaml", build.manifest_yaml(manifest))
    fsio.write_text(data / "occupations.yaml", result.occupations_yaml)
    fsio.write_text(data / "skills.yaml", result.skills_yaml)
    fsio.write_text(data / "cbs_title_index.yaml", result.title_index_yaml)
    fsio.write_text(data / "isco_descriptions.yaml", result.descriptions_yaml)
    # curated files that refer to nothing in ESCO: the real ones work with the tiny occupations
    for name in ("diploma_equivalences.yaml", "dutch_qualifications.yaml", "batch/default_mapping.yaml"):
        fsio.write_text(data / name, (REPO / "data" / name).read_text("utf-8"))
    for path in sorted((REPO / "data" / "intake").rglob("*.yaml")):  # the intake script and its texts
        fsio.write_text(data / path.relative_to(REPO / "data"), path.read_text("utf-8"))
    # the real aliases point at real ESCO URIs, which the tiny occupations lack: an empty list
    fsio.write_text(data / "occupation_aliases.yaml", "version: 1\naliases: []\n")
    fsio.write_text(data / "skill_aliases.yaml", "version: 1\naliases: []\n")  # as above: real skill ids
    from .suggest_fakes import write_tiny_suggest_data

    write_tiny_suggest_data(data)
    yield data
