# The two commands of the README: `make demo` and `make test`. Both set up from nothing.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
SHARED ?= ../shared/data

.PHONY: install demo test lint types pytest prepare pytest-run browser bench check-data clean messages

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

## demo: set up and run the main job on the bundled example data
demo: install
	@bash scripts/demo.sh

## test: set up and run every check (lint, format, types, tests with coverage)
# mypy runs on one core: the tests' preparation (`prepare`) runs beside it on the other. From cold
# (a clean clone has no .mypy_cache) mypy took 13.8 s of CPU and the collection 9.5 s (tests22,
# measured apart): starting pytest beside mypy instead would win a few seconds of one core at most
test: install lint
	@$(MAKE) --no-print-directory -j2 types prepare
	@$(MAKE) --no-print-directory pytest-run

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

types: install
	$(BIN)/mypy

## pytest: the tests on every core (pytest-xdist; PYTEST_WORKERS=0 runs them in one process)
# --dist worksteal: a worker that runs dry takes half of the other's queue; with the longest tests
# first (tests/conftest.py SLOW_FIRST) the workers end together (tests20)
PYTEST_WORKERS ?= auto
pytest: prepare pytest-run

# compileall: where PYTHONDONTWRITEBYTECODE is set (as in these sessions) every skilltool the tests
# start compiled the package's modules again (0.2-0.3 s of CPU a start, measured). Collecting once
# with bytecode allowed writes the test files with pytest's assert rewriting done: each xdist worker
# reads them instead of rewriting all of them under coverage's tracer (15 s of CPU a worker to
# collect, 6.6 s from those files; tests19; 2.7 s a worker with them, tests24). pytest checks each
# file's size and mtime before use.
prepare: install
	$(PY) -m compileall -q src
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/pytest --collect-only -q -p no:cacheprovider >/dev/null \
	  || echo "note: collecting the tests failed; the run shows why"

# coverage's report analyses every module of src/skilltool (tokenise, parse, compile: 3.7 s of CPU
# for its 193 files, tests29), and pytest-cov did it twice after the last test, once for the total
# it checks against --cov-fail-under and once for the table. With no report and no floor asked of
# pytest-cov it only combines the workers' data; `coverage report` then analyses once, prints the
# same table and total, and fails under the same floor (exit 2)
pytest-run: install browser
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal --cov --cov-report= --cov-fail-under=0 -q
	$(BIN)/coverage report --precision=2 --fail-under=94

## browser: Debian's chromium for the report rendering tests; installed when missing and running as root
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing chromium (apt-get) for the report rendering tests"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core) \
	      || echo "warning: could not install chromium; the browser tests will be skipped"; \
	  else \
	    echo "note: chromium not found and not root with apt-get; the browser tests will be skipped"; \
	  fi; }

## check-data: is data/occupations.yaml current with the sources in $(SHARED)?
check-data: install
	$(BIN)/skilltool data build --sources $(SHARED) --check

## messages: compile src/skilltool/messages/*.yaml to the JSON the tool reads (after editing a text)
messages: install
	$(PY) -m skilltool.messages

bench: install
	$(PY) bench/load.py

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache .coverage

## screenshots: regenerate docs/screenshots/*.png (person and batch reports) with headless Chromium
screenshots: install browser
	$(PY) scripts/screenshots.py
