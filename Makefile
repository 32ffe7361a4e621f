# The README's commands. Each target sets up what it needs (virtual environment,
# pinned packages, the package itself, names.txt) and is quick when that is done.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed

.PHONY: help setup data lab test lint format unit nbval notebooks bench bench-notebooks test-browser clean

help:
	@echo "make lab     open the notebook series in JupyterLab"
	@echo "make test    lint, unit tests and every notebook under nbval"
	@echo "make test-browser  run the notebooks in JupyterLab in headless Chromium (installs chromium via apt)"
	@echo "make data    fetch and verify names.txt (NAMES_TXT_SOURCE=path-or-url to choose the source)"
	@echo "make format  apply ruff's formatting and fixable lint"
	@echo "make notebooks  re-run every notebook top to bottom and store its outputs"
	@echo "make bench   time the lesson's loops against the helpers, and the CLI on 10M words (not a test)"
	@echo "make bench-notebooks  time the series under nbval against the one-notebook lesson (not a test)"

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

# How the tests run a notebook: static figures (see CONTRIBUTING.md) and one torch thread
# per kernel. The notebooks run side by side, one per worker (pytest-xdist, a worker per
# core); with one thread each, two kernels on two cores do not fight over the cores.
# Hypothesis's pytest plugin is left out (no notebook uses it; loading it costs a second
# in every worker). `make notebooks` stores outputs under the same settings.
NOTEBOOK_ENV := BIGRAM_STATIC_FIGURES=1 OMP_NUM_THREADS=1
NBVAL_WORKERS ?= auto

nbval: $(STAMP) names.txt
	$(NOTEBOOK_ENV) $(BIN)/pytest -p no:hypothesispytest --nbval -n $(NBVAL_WORKERS) --dist loadfile notebooks/

test: lint unit nbval

# What a learner sees: JupyterLab runs 02 and 04 in Debian's headless Chromium, driven by
# playwright (no browser download), and the ipympl figures must render live. Screenshots
# go to artifacts/; BIGRAM_README_SCREENSHOT=1 also refreshes docs/jupyterlab-heatmap.png.
# `make unit` skips these tests: they only run with BIGRAM_BROWSER_TESTS=1. Each test has
# its own time budget; `timeout` (SIGINT, so JupyterLab and Chromium are still stopped) is
# the last resort.
CHROMIUM ?= /usr/bin/chromium
test-browser: $(STAMP) names.txt
	@test -x $(CHROMIUM) || { \
		SUDO=$$(test "$$(id -u)" -eq 0 || echo sudo); \
		$$SUDO apt-get update && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver; }
	BIGRAM_BROWSER_TESTS=1 BIGRAM_CHROMIUM=$(CHROMIUM) \
		timeout --signal=INT --kill-after=60 600 $(BIN)/pytest -v -s tests/browser

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
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
