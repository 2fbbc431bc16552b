"""A batch's start skips work done before on the same data by the same code (``datafiles.done_marker``):
validating the reference data and compiling the row processor's caches in a child process."""

from __future__ import annotations

from pathlib import Path

import pytest

from skilltool import batch_input
from skilltool.datafiles import done_marker, mark_done
from skilltool.errors import DataFileError


def test_the_marker_names_the_data_the_code_and_the_work(tmp_path: Path, isolated_cache: Path) -> None:
    data = tmp_path / "data"
    (data / "sub").mkdir(parents=True)
    (data / "a.yaml").write_text("a: 1\n", encoding="utf-8")
    (data / "sub" / "b.yaml").write_text("b: 2\n", encoding="utf-8")
    first = done_marker(data, "validated")
    assert first is not None and first.parent == isolated_cache
    assert done_marker(data, "validated") == first
    assert done_marker(data, "built:x:nl") != first
    (data / "sub" / "b.yaml").write_text("b: 3\n", encoding="utf-8")  # a file deeper down changed
    before = done_marker(data, "validated")
    assert before != first
    (data / "notes.txt").write_text("x", encoding="utf-8")  # not a data file
    assert done_marker(data, "validated") == before
    (data / "c.yaml").write_text("", encoding="utf-8")  # a file added
    changed = done_marker(data, "validated")
    assert changed is not None and changed != before and not changed.exists()
    mark_done(changed)
    assert changed.exists()


def test_no_cache_no_marker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKILLTOOL_CACHE_DIR", "")  # the cache switched off: always do the work
    assert done_marker(tmp_path, "validated") is None
    mark_done(None)


def test_valid_data_is_checked_once(
    tiny_data: Path, isolated_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second batch on the same data does not validate it again; a changed file is validated,
    and a broken one still refused."""
    children: list[int] = []

    def in_this_process(fn):  # type: ignore[no-untyped-def]
        children.append(1)
        return True, fn() or ""

    monkeypatch.setattr(batch_input, "run_in_child", in_this_process)
    batch_input.check_reference_data(tiny_data, "en")
    batch_input.check_reference_data(tiny_data, "en")
    assert children == [1]
    sectors = tiny_data / "sectors.yaml"
    sectors.write_text(sectors.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    batch_input.check_reference_data(tiny_data, "en")
    assert children == [1, 1]
    sectors.write_text("sectors: [", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"sectors\.yaml"):
        batch_input.check_reference_data(tiny_data, "en")
    with pytest.raises(DataFileError, match=r"sectors\.yaml"):  # a refusal leaves no marker
        batch_input.check_reference_data(tiny_data, "en")


def test_a_child_that_did_its_work_is_not_run_again(
    tmp_path: Path, isolated_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    results = iter([(False, ""), (True, ""), (True, "")])
    runs: list[int] = []

    def child(fn):  # type: ignore[no-untyped-def]
        runs.append(1)
        return next(results)

    monkeypatch.setattr(batch_input, "run_in_child", child)
    marker = done_marker(tmp_path, "built:f:nl")
    batch_input.run_in_child_once(lambda: None, marker)  # the child failed: no marker
    batch_input.run_in_child_once(lambda: None, marker)
    batch_input.run_in_child_once(lambda: None, marker)
    assert runs == [1, 1]
    batch_input.run_in_child_once(lambda: None, None)  # no cache: always run
    assert runs == [1, 1, 1]
