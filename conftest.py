"""Settings for every pytest run in this repository, above all `pytest --nbval` as typed.

nbval runs each notebook in a fresh Jupyter kernel, and a kernel inherits this process's
environment. With nbval on, two variables are set for those kernels (unless already set):

- ``BIGRAM_STATIC_FIGURES=1``: the notebooks' set-up (``bigram_helpers.notebook``) then
  draws plain pictures, which nbval does not compare, instead of ipympl widgets, whose
  stored output would differ on every run. JupyterLab and Colab are not affected.
- ``OMP_NUM_THREADS=1``: one torch thread per kernel, as when the stored outputs were
  made (``make notebooks``), so that sums come out in the same order; two notebooks run
  side by side (``make test``) also do not fight over two cores.

The unit tests choose their own torch threads (``tests/conftest.py``); these variables
only reach the kernels, which start after them.
"""

from __future__ import annotations

import os

import pytest

KERNEL_ENV = {"BIGRAM_STATIC_FIGURES": "1", "OMP_NUM_THREADS": "1"}


def pytest_configure(config: pytest.Config) -> None:
    if getattr(config.option, "nbval", False) or getattr(config.option, "nbval_lax", False):
        for name, value in KERNEL_ENV.items():
            os.environ.setdefault(name, value)


# The type-along notebooks (notebooks/type-along/, made by `make type-along`) are the lesson
# notebooks with their outputs cleared: nbval would run every cell again and compare nothing,
# doubling the time of `pytest --nbval` for no check. tests/test_type_along.py keeps them
# equal to the notebooks that nbval does run, cell for cell.
collect_ignore = ["notebooks/type-along"]
