"""Settings for every pytest run in this repository, above all `pytest --nbval` as typed.

nbval runs each notebook in a fresh Jupyter kernel, and a kernel inherits this process's
environment. With nbval on, ``bigram_helpers.notebook.KERNEL_ENV`` (the one place that
says it) is set for those kernels, unless already set:

- ``BIGRAM_STATIC_FIGURES=1``: the notebooks' set-up (``bigram_helpers.notebook``) then
  draws plain pictures, which nbval does not compare, instead of ipympl widgets, whose
  stored output would differ on every run. JupyterLab and Colab are not affected.
- ``OMP_NUM_THREADS=1``: one torch thread per kernel, as when the stored outputs were
  made (``python dev.py notebooks``), so that sums come out in the same order; two
  notebooks run side by side also do not fight over two cores.

A kernel that does not start is started again. nbval gives each notebook's new kernel 60
seconds to answer; now and then one never does (a run in CI once lost every cell of a
notebook to "Kernel didn't respond in 60 seconds"). nbval then shuts that kernel down and
raises. With nbval on, ``bigram_helpers.notebook.retry_kernel_start`` wraps nbval's start
so that a failed start is tried again with a new kernel, up to ``KERNEL_STARTS`` times in
all, with a warning that pytest's summary shows; only the last failure fails the notebook.

The unit tests choose their own torch threads (``tests/conftest.py``); these variables
only reach the kernels, which start after them.

**The learner's test and the maintainer's check.** A test marked ``maintainer`` (a whole
file: ``pytestmark = pytest.mark.maintainer``) runs only with ``--maintainer``: those that
take long (every notebook run twice, a fresh clone set up from nothing) or need the
maintainer's tools (``requirements-dev.txt``). So ``pytest --nbval`` as typed, and the
learner's ``python dev.py test``, skip them; ``python dev.py check`` (in CI, ``.ci/run
check``) runs them. Mark any new test file that takes more than a few seconds.
"""

from __future__ import annotations

import importlib.util
import os

import nbval.kernel
import pytest

from bigram_helpers.notebook import KERNEL_ENV, retry_kernel_start

MAINTAINER_HINT = "the maintainer's check: `python dev.py check`, or pytest --maintainer"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--maintainer",
        action="store_true",
        help="also run the tests marked `maintainer` (slow, or needing requirements-dev.txt)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"maintainer: runs only in {MAINTAINER_HINT}")
    if getattr(config.option, "nbval", False) or getattr(config.option, "nbval_lax", False):
        for name, value in KERNEL_ENV.items():
            os.environ.setdefault(name, value)
        if not getattr(nbval.kernel.start_new_kernel, "retries_kernel_start", False):
            nbval.kernel.start_new_kernel = retry_kernel_start(nbval.kernel.start_new_kernel)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--maintainer"):
        return
    skip = pytest.mark.skip(reason=MAINTAINER_HINT)
    for item in items:
        if item.get_closest_marker("maintainer"):
            item.add_marker(skip)


# The type-along notebooks (notebooks/type-along/, made by `python dev.py type-along`) are
# the lesson notebooks with their outputs cleared: nbval would run every cell again and
# compare nothing, doubling the time of `pytest --nbval` for no check.
# tests/test_type_along.py keeps them equal to the notebooks that nbval does run.
collect_ignore = ["notebooks/type-along"]
# The browser tests import playwright, one of the maintainer's packages: a learner's
# venv (requirements.txt only) does not collect them.
if importlib.util.find_spec("playwright") is None:
    collect_ignore.append("tests/browser")
