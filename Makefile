# The README's commands. Each target sets up what it needs (virtual environment,
# pinned packages, the package itself, names.txt) and is quick when that is done.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed

.PHONY: help setup data lab test lint format unit nbval notebooks clean

help:
	@echo "make lab     open the notebook series in JupyterLab"
	@echo "make test    lint, unit tests and every notebook under nbval"
	@echo "make data    fetch and verify names.txt (NAMES_TXT_SOURCE=path-or-url to choose the source)"
	@echo "make format  apply ruff's formatting and fixable lint"
	@echo "make notebooks  re-run every notebook top to bottom and store its outputs"

setup: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

data: $(STAMP)
	$(PY) -m bigram_helpers.fetch --dest names.txt

lab: $(STAMP) data
	$(BIN)/jupyter lab notebooks/

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

unit: $(STAMP) data
	$(BIN)/pytest tests

nbval: $(STAMP) data
	@if ls notebooks/*.ipynb >/dev/null 2>&1; then \
		BIGRAM_STATIC_FIGURES=1 $(BIN)/pytest --nbval notebooks/ ; \
	else \
		echo "nbval: no notebooks yet"; \
	fi

test: lint unit nbval

# Stored outputs come from a clean run with static figures (see CONTRIBUTING.md).
notebooks: $(STAMP) data
	$(BIN)/jupytext --sync notebooks/*.ipynb
	BIGRAM_STATIC_FIGURES=1 $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.record_timing=False notebooks/*.ipynb
	$(BIN)/jupytext --sync notebooks/*.ipynb

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
