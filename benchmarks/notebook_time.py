"""The notebook series under nbval against the one-notebook lesson under nbval (``make bench-notebooks``).

The goal: the whole series, executed under nbval the way ``python dev.py nbval`` runs it, takes
less time than the single original lesson notebook with its slow loops. That notebook's
workload is re-created in ``benchmarks/lesson_notebook.py``. This script turns it into an
``.ipynb``, runs it once to store its outputs (so nbval has something to compare, as it
does for the series), and then times, in turns:

- the lesson: ``pytest --nbval lesson.ipynb`` (one kernel; torch's default threads);
- the series: ``python dev.py nbval`` (notebooks side by side, one torch thread per kernel);
- the series one notebook after another: ``pytest --nbval notebooks/`` with the same
  environment but no workers, for the record.

Each time is the wall time of the whole command, pytest's start-up included. The script
prints the best and the median of each, and their ratios to the lesson's. It then says
where the series spends its time (from the one-at-a-time runs, each cell's best run):
the set-up cells (one kernel start each), and the slowest other cells, which are the
slow loops the series keeps on purpose, such as 04's 100 training steps with
``backward()``. It is a measurement, not a test: it fails only when
a run fails, never on speed.

    python benchmarks/notebook_time.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from bigram_helpers.notebook import KERNEL_ENV

ROOT = Path(__file__).resolve().parent.parent
LESSON_SCRIPT = ROOT / "benchmarks" / "lesson_notebook.py"
NOTEBOOKS = ROOT / "notebooks"
SLOWEST = 4  # how many of the series' slowest cells (bar the set-up cells) to list
NOTEBOOK_ENV = KERNEL_ENV  # what nbval's kernels get (conftest.py) and `python dev.py notebooks` uses
PYTEST = [
    "-q",
    "-p",
    "no:hypothesispytest",
    "--nbval",
]  # the flags `python dev.py nbval` gives pytest, bar the workers


def run(cmd: list[str], cwd: Path, env: dict[str, str], what: str) -> float:
    """Run ``cmd`` and return its wall time in seconds; stop the benchmark if it fails."""
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).splitlines()[-30:])
        raise SystemExit(f"{what} failed (exit {done.returncode}): {' '.join(cmd)}\n{tail}")
    return seconds


def cell_times(reports: list[Path]) -> dict[tuple[str, int], float]:
    """Best time of each notebook cell in the JUnit ``reports``: (notebook, code cell number) -> seconds."""
    best: dict[tuple[str, int], float] = {}
    for report in reports:
        for case in ET.parse(report).iter("testcase"):
            name, classname = case.get("name", ""), case.get("classname", "")
            notebook = next((p.name for p in NOTEBOOKS.glob("*.ipynb") if classname.endswith(p.name)), None)
            if notebook is None or not name.startswith("Cell "):
                continue
            key = (notebook, int(name.removeprefix("Cell ")))
            best[key] = min(best.get(key, float("inf")), float(case.get("time", "0")))
    return best


def cell_summary(notebook: str, number: int) -> str:
    """A line that says what code cell ``number`` (nbval counts code cells from 0) of ``notebook`` does."""
    cells = json.loads((NOTEBOOKS / notebook).read_text(encoding="utf-8"))["cells"]
    source = "".join([c for c in cells if c["cell_type"] == "code"][number]["source"])
    lines = [line.strip() for line in source.splitlines() if line.strip()]
    loops = [line for line in lines if line.startswith("for ")]
    return (loops or lines or [""])[0][:60]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="timed runs of each command (default 3)")
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error(f"--repeats must be at least 1, got {args.repeats}")

    names = ROOT / "names.txt"
    if not names.is_file():
        raise SystemExit(f"{names} is missing: run `make data` first")
    bindir = Path(sys.executable).parent
    pytest, jupytext, jupyter = (str(bindir / tool) for tool in ("pytest", "jupytext", "jupyter"))
    plain_env = {k: v for k, v in os.environ.items() if k not in NOTEBOOK_ENV}
    series_env = {**plain_env, **NOTEBOOK_ENV}

    with tempfile.TemporaryDirectory(prefix="lesson-notebook-") as tmp:
        work = Path(tmp)
        shutil.copyfile(names, work / "names.txt")
        lesson = work / "lesson.ipynb"
        subprocess.run(
            [jupytext, "--quiet", "--to", "ipynb", "-o", str(lesson), str(LESSON_SCRIPT)], check=True
        )
        print("storing the lesson notebook's outputs (one untimed run) ...", file=sys.stderr, flush=True)
        run(
            [
                jupyter,
                "nbconvert",
                "--to",
                "notebook",
                "--execute",
                "--inplace",
                "--log-level=ERROR",
                str(lesson),
            ],
            work,
            plain_env,
            "the lesson notebook",
        )

        commands = {
            "lesson (1 notebook)": ([pytest, *PYTEST, "lesson.ipynb"], work, plain_env),
            "series (python dev.py nbval)": ([sys.executable, "dev.py", "nbval"], ROOT, plain_env),
            "series, one at a time": ([pytest, *PYTEST, "-p", "no:xdist", "notebooks/"], ROOT, series_env),
        }
        times: dict[str, list[float]] = {label: [] for label in commands}
        reports = [work / f"series-cells-{k}.xml" for k in range(args.repeats)]
        for k in range(args.repeats):
            for label, (cmd, cwd, env) in commands.items():
                if label == "series, one at a time":
                    cmd = [*cmd, f"--junitxml={reports[k]}"]
                times[label].append(run(cmd, cwd, env, label))
                print(
                    f"  run {k + 1}/{args.repeats}: {label} {times[label][-1]:.1f} s",
                    file=sys.stderr,
                    flush=True,
                )
        cells = cell_times(reports)

    # On a shared machine other work can only make a run slower, so the best run is the
    # steadiest reading; the median is printed beside it.
    lesson = times["lesson (1 notebook)"]
    print(f"\n{os.cpu_count()} cores; wall time of the whole command over {args.repeats} run(s)")
    print(f"{'run':<23} {'best':>7} {'median':>7}  {'vs lesson (best, median)':<25} runs")
    for label, values in times.items():
        best, median = min(values), statistics.median(values)
        ratios = f"{best / min(lesson):.2f}x, {median / statistics.median(lesson):.2f}x"
        runs = " ".join(f"{v:.1f}" for v in values)
        print(f"{label:<23} {best:>5.1f} s {median:>5.1f} s  {ratios:<25} {runs}")
    series = times["series (python dev.py nbval)"]
    faster = [min(series) < min(lesson), statistics.median(series) < statistics.median(lesson)]
    verdict = "met" if all(faster) else ("met on the best runs only" if faster[0] else "NOT met")
    print(f"\ngoal: the series under `dev.py nbval` takes less time than the lesson notebook: {verdict}")

    # Cell 0 of every notebook is the set-up: it starts the kernel and imports torch.
    setup = {key: seconds for key, seconds in cells.items() if key[1] == 0}
    lesson_cells = {key: seconds for key, seconds in cells.items() if key[1] != 0}
    print(f"\nwhere the series spends its time (one at a time, each cell's best of {args.repeats} run(s)):")
    print(f"  {sum(cells.values()):5.1f} s  all {len(cells)} cells")
    print(f"  {sum(setup.values()):5.1f} s  the {len(setup)} set-up cells (kernel start, torch import)")
    for (notebook, number), seconds in sorted(lesson_cells.items(), key=lambda item: -item[1])[:SLOWEST]:
        print(f"  {seconds:5.1f} s  {notebook} Cell {number}: {cell_summary(notebook, number)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
