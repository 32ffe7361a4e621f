# Shortcuts for those who have make. Each target calls `python dev.py` (the project's
# commands, with nothing but Python) or `.ci/run` (what needs bash, npm or apt: the book,
# the browser tests), the one place where each command is said. `make help` lists them.

PYTHON ?= python3
DEV := $(PYTHON) dev.py

.PHONY: help setup data lab test check lint format nbval notebooks type-along book test-browser bench bench-notebooks clean

help:
	@echo "make help    this list"
	@echo "make setup   the virtual environment (.venv) with the learner's pinned packages and the package itself"
	@echo "make data    fetch and verify names.txt (python dev.py data --source PATH_OR_URL to choose the source)"
	@echo "make lab     open your copies of the notebooks (my-notebooks/) in JupyterLab"
	@echo "make test    the learner's test: pytest --nbval (the unit tests and every notebook cell)"
	@echo "make check   the maintainer's check: lint, then the tests that make test leaves out"
	@echo "make lint    ruff check and ruff format --check, as CI runs them"
	@echo "make format  apply ruff's formatting and fixable lint"
	@echo "make nbval   the notebooks alone under nbval, side by side"
	@echo "make notebooks  re-run every notebook top to bottom and store its outputs"
	@echo "make type-along  write notebooks/type-along/: notebooks 01-04 with every output cleared"
	@echo "make book    build the series as a static site in build/book/html from the stored outputs"
	@echo "make test-browser  the notebooks in JupyterLab and the book, in headless Chromium (installs chromium via apt)"
	@echo "make bench   time the lesson's loops against the helpers, the CLI's start-up, and the CLI on 10M words (not a test)"
	@echo "make bench-notebooks  time the series under nbval against the one-notebook lesson (not a test)"
	@echo "make clean   remove .venv, caches and the built book (never my-notebooks/)"

setup:
	$(DEV) setup

data:
	$(DEV) data

lab:
	$(DEV) lab

# TEST_WORKERS=0 runs the files one at a time, as `pytest --nbval` typed does.
TEST_WORKERS ?= auto

test:
	$(DEV) test --workers $(TEST_WORKERS)

check:
	$(DEV) check --workers $(TEST_WORKERS)

lint:
	$(DEV) lint

format:
	$(DEV) format

nbval:
	$(DEV) nbval

notebooks:
	$(DEV) notebooks

type-along:
	$(DEV) type-along

book:
	bash .ci/run book

test-browser:
	bash .ci/run browser

bench:
	$(DEV) bench

bench-notebooks:
	$(DEV) bench-notebooks

clean:
	$(DEV) clean
