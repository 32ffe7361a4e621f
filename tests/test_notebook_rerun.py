"""A learner can run any notebook cell again, right after itself, and nothing breaks.

Learners re-run cells all the time: to look at an output again, after changing a number,
or by accident. So every code cell of every notebook in ``notebooks/`` must behave when
it is run a second time straight after its first run:

- the second run raises no error (a cell that can only be mended by restarting the
  kernel, such as a second ``loss.backward()`` through a graph that the first one used
  up, is a trap);
- its output equals the first run's, unless the cell is marked as one that goes on: cell
  metadata ``rerun: continues`` (in the ``.py`` twin, ``# %% rerun="continues"``), for a
  cell such as one training step, where running it again is meant to take another step.
  Such a cell must then really show something new on its second run, and the prose next
  to it must say that running it again goes on (it must say "again").

What is compared: the text of each output (stream text such as ``print``'s, and the
``text/plain`` of a result or display), its kind and, for figures, which formats it has;
never the image bytes, which nbval does not compare either. A cell marked
``# NBVAL_IGNORE_OUTPUT`` shows nothing stable (a timing), so only the error check
applies to it.

How it runs: one Jupyter kernel per notebook, started in ``notebooks/`` with the
environment that nbval's kernels get from the repository's ``conftest.py``
(``bigram_helpers.notebook.KERNEL_ENV``: ``BIGRAM_STATIC_FIGURES=1``, ``OMP_NUM_THREADS=1``;
set here too, since plain ``pytest`` collects this module as well). It is a maintainer's
test (marked ``maintainer``): ``python dev.py check`` and CI run it, ``pytest --nbval`` as
typed and a learner's ``python dev.py test`` do not. The cells run top to bottom, each one twice in a row.
Each code cell is its own test (``test_cell_can_run_again[01_counting.ipynb-cell12]``,
the number being the cell's index in the notebook, as in ``test_notebook_prose.py``);
the notebook runs once, the first time one of its cells is tested.

What it costs: every cell runs twice, in one kernel per notebook, all on one core, since
``make test`` hands a whole test file to one worker (``--dist loadfile``). Measured here
(2 cores shared with other work, load average 5): 55 s for all six notebooks, of which
04 takes 20 s (its hand-written training loop, twice), 05_exercises_solutions 11 s, 01
8 s (the slow counting loop, twice), 02 6 s (the big heatmap, drawn twice), 05_exercises
5 s and 03 4 s. On a busier machine one run took 185 s. The time shows in
``--durations``, on the first cell of each notebook, where the notebook runs. In
``make test`` it adds about 45 s of CPU time (user time 79 s without this module, 124 s
with it); with the rest of the suite on the other core, the wall time grew less, from
193 s to 207 s on a machine busy with other work (load average 7).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from bigram_helpers.notebook import KERNEL_ENV, start_kernel  # as nbval's kernels get it

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
IPYNBS = sorted(NOTEBOOKS.glob("*.ipynb"))

# Every notebook run twice takes about a minute: the maintainer's check runs it
# (`python dev.py check`, `.ci/run check`), `pytest --nbval` as typed skips it (conftest.py).
pytestmark = pytest.mark.maintainer

CELL_TIMEOUT = 600  # seconds; the slowest cell (04's training loop) takes about ten

CONTINUES = "continues"


@dataclass(frozen=True)
class Runs:
    """The comparable outputs of one code cell's first and second run."""

    first: tuple
    second: tuple


def cell_source(cell) -> str:
    source = cell.get("source", "")
    return source if isinstance(source, str) else "".join(source)


def comparable(outputs: list) -> tuple:
    """What a learner reads in a cell's outputs: kind, text and formats, without image bytes.

    Consecutive stream outputs of the same stream are joined, since how ``print`` calls are
    split into messages is not something a learner can see.
    """
    items: list[tuple] = []
    for output in outputs:
        kind = output["output_type"]
        if kind == "stream":
            if items and items[-1][:2] == ("stream", output["name"]):
                items[-1] = ("stream", output["name"], items[-1][2] + output["text"])
            else:
                items.append(("stream", output["name"], output["text"]))
        elif kind == "error":
            items.append(("error", output["ename"], output["evalue"]))
        else:  # execute_result, display_data
            data = output.get("data", {})
            items.append((kind, tuple(sorted(data)), data.get("text/plain", "")))
    return tuple(items)


def errors(outputs: tuple) -> list[str]:
    return [f"{item[1]}: {item[2]}" for item in outputs if item[0] == "error"]


_RUNS: dict[Path, dict[int, Runs]] = {}


def rerun(ipynb: Path) -> dict[int, Runs]:
    """Run every code cell of ``ipynb`` twice in a row in one fresh kernel; cached per notebook."""
    if ipynb not in _RUNS:
        nb = nbformat.read(ipynb, as_version=4)
        client = NotebookClient(
            nb,
            timeout=CELL_TIMEOUT,
            kernel_name="python3",
            allow_errors=True,
            resources={"metadata": {"path": str(NOTEBOOKS)}},
        )
        runs = {}
        start_kernel(client, env={**os.environ, **KERNEL_ENV})  # tried again if it does not answer
        with client.setup_kernel():
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                outputs = []
                for _ in range(2):
                    cell.outputs = []
                    client.execute_cell(cell, index)
                    outputs.append(comparable(cell.outputs))
                runs[index] = Runs(*outputs)
        _RUNS[ipynb] = runs
    return _RUNS[ipynb]


def code_cells() -> list:
    params = []
    for ipynb in IPYNBS:
        nb = nbformat.read(ipynb, as_version=4)
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            params.append(pytest.param(ipynb, index, id=f"{ipynb.name}-cell{index}"))
    return params


@pytest.mark.parametrize(("ipynb", "index"), code_cells())
def test_cell_can_run_again(ipynb: Path, index: int) -> None:
    cell = nbformat.read(ipynb, as_version=4).cells[index]
    runs = rerun(ipynb)[index]
    source = cell_source(cell)
    head = source.strip().splitlines()[0] if source.strip() else ""
    where = f"{ipynb.name}, cell {index} ({head!r})"

    if errors(runs.first) and "raises-exception" not in cell.metadata.get("tags", []):
        pytest.fail(f"{where} fails on its first run, so its second run says nothing: {errors(runs.first)}")
    assert errors(runs.second) == errors(runs.first), (
        f"{where} raises an error when run again right after itself: {errors(runs.second)}. A learner "
        "re-runs cells; make the cell rebuild what it uses up (a backward pass needs a fresh forward pass)"
    )
    if "NBVAL_IGNORE_OUTPUT" in source:
        return
    if cell.metadata.get("rerun") == CONTINUES:
        assert runs.second != runs.first, (
            f"{where} is marked `rerun: continues`, but its second run shows the same as its first: "
            "drop the mark"
        )
    else:
        assert runs.second == runs.first, (
            f"{where} shows something else when run again right after itself:\n"
            f"first run:  {runs.first}\nsecond run: {runs.second}\n"
            "Make it give the same result (a cell that draws random numbers seeds its own generator), "
            'or, if it is meant to go on (a training step), mark it `# %% rerun="continues"` and say so '
            "in the prose"
        )


def continuing_cells() -> list:
    params = []
    for ipynb in IPYNBS:
        nb = nbformat.read(ipynb, as_version=4)
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code" and cell.metadata.get("rerun") == CONTINUES:
                params.append(pytest.param(nb.cells, index, id=f"{ipynb.name}-cell{index}"))
    return params


@pytest.mark.parametrize(("cells", "index"), continuing_cells())
def test_a_cell_that_goes_on_says_so(cells: list, index: int) -> None:
    """The markdown cell before or after a ``rerun: continues`` cell tells the learner it goes on."""
    neighbours = [cells[i] for i in (index - 1, index + 1) if 0 <= i < len(cells)]
    prose = " ".join(cell_source(c) for c in neighbours if c.cell_type == "markdown")
    assert "again" in prose.lower(), (
        f"cell {index} is marked `rerun: continues`; the markdown next to it must say what running it "
        "again does"
    )


def test_comparable_ignores_image_bytes_and_message_splits() -> None:
    figure = {"output_type": "display_data", "data": {"image/png": "AAAA", "text/plain": "<Figure>"}}
    redrawn = {"output_type": "display_data", "data": {"image/png": "BBBB", "text/plain": "<Figure>"}}
    assert comparable([figure]) == comparable([redrawn])
    split = [{"output_type": "stream", "name": "stdout", "text": t} for t in ("step 0\n", "step 1\n")]
    whole = [{"output_type": "stream", "name": "stdout", "text": "step 0\nstep 1\n"}]
    assert comparable(split) == comparable(whole)
    other = [{"output_type": "stream", "name": "stdout", "text": "step 0\nstep 2\n"}]
    assert comparable(other) != comparable(whole)
    error = {"output_type": "error", "ename": "RuntimeError", "evalue": "graph freed", "traceback": []}
    assert errors(comparable([error])) == ["RuntimeError: graph freed"]


def test_rerun_catches_cells_that_cannot_run_again(tmp_path: Path) -> None:
    """The check itself: a second backward pass and a cell that counts on are both seen."""
    cells = [
        "import torch\nW = torch.ones(2, requires_grad=True)\nloss = (W * W).sum()",
        "W.grad = None\nloss.backward()\nprint(W.grad)",
        "runs = globals().get('runs', 0) + 1\nprint(runs)",
        "print(W.detach() * 2)",
    ]
    path = tmp_path / "traps.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells]), path)
    backward, counter, stable = (rerun(path)[i] for i in (1, 2, 3))
    assert not errors(backward.first)
    assert any("backward through the graph a second time" in e for e in errors(backward.second))
    assert counter.first != counter.second
    assert stable.first == stable.second
