"""Every hint's code and every printed solution of notebook 05 runs where it is shown, and passes.

The test plays a learner who works through ``notebooks/05_exercises.py`` top to bottom:
it runs the notebook's cells in one namespace, and at each answer cell (the cell before
a ``exN.part.check(...)`` cell) it first runs the answer cell as it stands (the check
then says "not attempted"), then each hint's code in turn on a copy of the namespace
there (hint 2 after hint 1, as a learner reads them), and then pastes the printed
solution in place of the answer cell: the check that follows must say "Correct". The
notebook goes on from the solution's namespace, as for a learner who did the part.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest
import torch

from bigram_helpers.exercises import all_parts

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "05_exercises.py"
CHECK = re.compile(r"^(ex\d\.\w+)\.check\(", re.MULTILINE)


def code_cells(path: Path) -> list[str]:
    """The code cells of a jupytext percent file, in order (markdown cells left out)."""
    cells, current, is_code = [], [], False
    for line in path.read_text().splitlines():
        if line.startswith("# %%"):
            if is_code and current:
                cells.append("\n".join(current))
            current, is_code = [], "[markdown]" not in line
            continue
        current.append(line)
    if is_code and current:
        cells.append("\n".join(current))
    return [c for c in cells if c.strip()]  # the jupytext header comes before the first cell


def run(code: str, namespace: dict, where: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, where, "exec"), namespace)
    return out.getvalue()


def copy_namespace(namespace: dict) -> dict:
    """A copy in which the hints may change tensors without touching the learner's."""
    return {
        k: v.detach().clone().requires_grad_(v.requires_grad) if isinstance(v, torch.Tensor) else v
        for k, v in namespace.items()
    }


@pytest.fixture(scope="module")
def walk():
    """{part name: (check output as the cell stands, [hint errors], check output after the solution)}."""
    parts = {p.name: p for p in all_parts()}
    cells = code_cells(NOTEBOOK)
    namespace: dict = {"__name__": "__main__"}
    seen = {}
    for i, cell in enumerate(cells):
        match = CHECK.search(cell)
        if match is None:
            if i + 1 < len(cells) and CHECK.search(cells[i + 1]):
                continue  # an answer cell: run with its check, below
            run(cell, namespace, f"<05 cell {i}>")
            continue
        part = parts[match.group(1)]
        answer_cell = cells[i - 1]
        as_is = copy_namespace(namespace)
        run(answer_cell, as_is, f"<05 answer cell of {part.name}>")
        placeholder = run(cell, as_is, f"<05 check of {part.name}>")
        hint_errors = []
        trial = copy_namespace(namespace)
        for n, hint in enumerate(part.hints, 1):
            if hint.code:
                try:
                    run(hint.code, trial, f"<{part.name} hint {n}>")
                except Exception as exc:
                    hint_errors.append(f"hint {n}: {type(exc).__name__}: {exc}")
        for k, v in as_is.items():  # what the hints left undefined keeps the answer cell's placeholder
            trial.setdefault(k, v)
        after_hints = run(cell, trial, f"<05 check of {part.name}>")
        run(part.solution_source(), namespace, f"<{part.name} solution>")
        solved = run(cell, namespace, f"<05 check of {part.name}>")
        seen[part.name] = (placeholder, hint_errors, after_hints, solved)
    return seen


@pytest.mark.parametrize("part", [p.name for p in all_parts()])
def test_each_part_has_its_place(walk, part):
    assert part in walk, f"no cell of 05_exercises checks {part}"


@pytest.mark.parametrize("part", [p.name for p in all_parts()])
def test_answer_cell_as_it_stands_is_not_attempted(walk, part):
    placeholder = walk[part][0]
    assert placeholder == f"{part}: Not attempted yet: replace the ... with your answer, then run\n"


@pytest.mark.parametrize("part", [p.name for p in all_parts()])
def test_hints_run_where_they_are_shown(walk, part):
    _, hint_errors, after_hints, _ = walk[part]
    assert hint_errors == []
    assert after_hints.count("\n") == 1  # the check still prints one line


@pytest.mark.parametrize("part", [p.name for p in all_parts()])
def test_printed_solution_pasted_in_place_passes(walk, part):
    solved = walk[part][3]
    assert solved.startswith(f"{part}: Correct: "), solved
    assert solved.count("\n") == 1


def test_training_hint_alone_does_not_pass(walk):
    """ex1.network's last hint trains W3, but the check also needs the learner's forward pass."""
    assert "Correct" not in walk["ex1.network"][2]
