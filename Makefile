# The README's commands. Each target sets up what it needs (virtual environment,
# pinned packages, the package itself, names.txt) and is quick when that is done.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed

.PHONY: help setup data lab test lint format unit nbval notebooks book bench bench-notebooks test-browser clean

help:
	@echo "make help    this list"
	@echo "make setup   the virtual environment (.venv) with the pinned packages and the package itself"
	@echo "make data    fetch and verify names.txt (NAMES_TXT_SOURCE=path-or-url to choose the source)"
	@echo "make lab     open the notebook series in JupyterLab"
	@echo "make test    lint, then pytest --nbval: the unit tests and every notebook cell"
	@echo "make lint    ruff check and ruff format --check, as CI runs them"
	@echo "make format  apply ruff's formatting and fixable lint"
	@echo "make unit    the unit tests only (tests/), no notebooks"
	@echo "make nbval   the notebooks only, under nbval, one per core"
	@echo "make notebooks  re-run every notebook top to bottom and store its outputs"
	@echo "make book    build the series as a static site in build/book/html from the stored outputs"
	@echo "make test-browser  the notebooks in JupyterLab and the book, in headless Chromium (installs chromium via apt)"
	@echo "make bench   time the lesson's loops against the helpers, the CLI's start-up, and the CLI on 10M words (not a test)"
	@echo "make bench-notebooks  time the series under nbval against the one-notebook lesson (not a test)"
	@echo "make clean   remove .venv, caches and the built book"

setup: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

FETCH := $(PY) -m bigram_helpers.fetch --dest names.txt

data: $(STAMP)
	$(FETCH)

# The test and bench targets only need the file to be there: `make data` and every
# notebook's set-up cell verify it, and starting Python (and torch) for a checksum on
# every run would cost seconds.
names.txt: | $(STAMP)
	$(FETCH)

lab: $(STAMP) data
	$(BIN)/jupyter lab notebooks/

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

unit: $(STAMP) names.txt
	$(BIN)/pytest tests

# How the tests run a notebook: conftest.py gives nbval's kernels static figures and one
# torch thread each; `make notebooks` stores outputs under the same settings (NOTEBOOK_ENV).
# `make nbval` runs the notebooks alone, side by side, one per worker (pytest-xdist, a
# worker per core), without Hypothesis's pytest plugin (no notebook uses it; loading it
# costs a second in every worker).
NOTEBOOK_ENV := BIGRAM_STATIC_FIGURES=1 OMP_NUM_THREADS=1
NBVAL_WORKERS ?= auto

nbval: $(STAMP) names.txt
	$(BIN)/pytest -p no:hypothesispytest --nbval -n $(NBVAL_WORKERS) --dist loadfile notebooks/

# The test command: `pytest --nbval` as a maintainer types it (the unit tests and every
# notebook cell; conftest.py sets the kernels' figure mode and threads), with the files
# spread over the cores. TEST_WORKERS=0 runs it serially, exactly as typed.
TEST_WORKERS ?= auto

test: lint names.txt
	$(BIN)/pytest --nbval -n $(TEST_WORKERS) --dist loadfile

# The book: a static site (Sphinx, myst-nb, sphinx-book-theme) in build/book/html, built from
# the notebooks' stored outputs without running them (book/build.py). Its Python packages
# are in requirements-book.txt; MathJax (served by the site) and axe-core (for the tests)
# are pinned in book/package-lock.json and installed with npm.
BOOK_STAMP := $(VENV)/.book-installed
NPM_STAMP := book/node_modules/.installed

$(BOOK_STAMP): requirements-book.txt $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-book.txt
	touch $(BOOK_STAMP)

$(NPM_STAMP): book/package.json book/package-lock.json
	npm ci --prefix book --no-audit --no-fund
	touch $(NPM_STAMP)

book: $(BOOK_STAMP) $(NPM_STAMP)
	$(PY) book/build.py

# What a learner sees: JupyterLab runs 02 and 04 in Debian's headless Chromium, driven by
# playwright (no browser download), and the ipympl figures must render live. Screenshots
# go to artifacts/; BIGRAM_README_SCREENSHOT=1 also refreshes docs/jupyterlab-heatmap.png
# and docs/book-math.png (notebook 03 in the book). The book (built first) is read page
# by page: no request to another host, typeset math, search, next/previous, links and
# anchors, axe-core.
# `make unit` skips these tests: they only run with BIGRAM_BROWSER_TESTS=1. Each test has
# its own time budget; `timeout` (SIGINT, so JupyterLab and Chromium are still stopped) is
# the last resort.
CHROMIUM ?= /usr/bin/chromium
test-browser: $(STAMP) names.txt book
	@test -x $(CHROMIUM) || { \
		SUDO=$$(test "$$(id -u)" -eq 0 || echo sudo); \
		$$SUDO apt-get update && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver; }
	BIGRAM_BROWSER_TESTS=1 BIGRAM_CHROMIUM=$(CHROMIUM) \
		timeout --signal=INT --kill-after=60 900 $(BIN)/pytest -v -s tests/browser

# Stored outputs come from a clean run with static figures (see CONTRIBUTING.md).
notebooks: $(STAMP) names.txt
	$(BIN)/jupytext --sync notebooks/*.ipynb
	$(NOTEBOOK_ENV) $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.record_timing=False notebooks/*.ipynb
	$(BIN)/jupytext --sync notebooks/*.ipynb

# The helpers against the lesson's loops, then the command line on a generated 10M-word
# list (made once in build/, git-ignored) against a minimal NumPy pass, and what the
# progress bar costs training.
bench: $(STAMP) names.txt
	$(PY) benchmarks/bench.py
	$(PY) benchmarks/scale.py

# The series under nbval (as `make nbval` runs it) against the one-notebook lesson.
bench-notebooks: $(STAMP) names.txt
	$(PY) benchmarks/notebook_time.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis build/book book/node_modules
