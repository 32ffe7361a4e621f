"""Every notebook is a jupytext pair: ``notebooks/NN_topic.ipynb`` and ``notebooks/NN_topic.py``.

The ``.ipynb`` keeps the outputs, the ``.py`` (percent format) is the reviewable twin. The
two must say the same thing: the ``.py`` must be exactly what jupytext writes from the
``.ipynb``, so a change made to one twin and not synced to the other fails here.
"""

from __future__ import annotations

from pathlib import Path

import jupytext
import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
SYNC_HINT = "run `jupytext --sync notebooks/*.ipynb` (or `make notebooks`) and commit both files"

IPYNBS = sorted(NOTEBOOKS.glob("*.ipynb"))
SCRIPTS = sorted(NOTEBOOKS.glob("*.py"))


def expected_script(ipynb: Path) -> str:
    """The percent-format script jupytext makes from ``ipynb``."""
    return jupytext.writes(jupytext.read(ipynb), fmt="py:percent")


@pytest.mark.parametrize("ipynb", IPYNBS, ids=[p.name for p in IPYNBS])
def test_notebook_has_paired_script(ipynb: Path) -> None:
    script = ipynb.with_suffix(".py")
    assert script.is_file(), (
        f"{ipynb.name} has no paired {script.name}; create it with "
        f"`jupytext --set-formats ipynb,py:percent notebooks/{ipynb.name}`, then {SYNC_HINT}"
    )
    actual = script.read_text(encoding="utf-8")
    assert actual == expected_script(ipynb), (
        f"{script.name} is out of sync with {ipynb.name}: one twin was edited without the other; {SYNC_HINT}"
    )


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.name for p in SCRIPTS])
def test_script_has_paired_notebook(script: Path) -> None:
    ipynb = script.with_suffix(".ipynb")
    assert ipynb.is_file(), (
        f"{script.name} has no paired {ipynb.name}; create it with "
        f"`jupytext --to ipynb notebooks/{script.name}`, then run it (`make notebooks`) to store its outputs"
    )


def test_there_are_notebooks() -> None:
    assert IPYNBS, f"no notebooks found in {NOTEBOOKS}"
