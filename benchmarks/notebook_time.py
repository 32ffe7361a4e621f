"""The notebook series under nbval against the one-notebook lesson under nbval (``make bench-notebooks``).

The goal: the whole series, executed under nbval the way ``make nbval`` runs it, takes
less time than the single original lesson notebook with its slow loops. That notebook's
workload is re-created in ``benchmarks/lesson_notebook.py``. This script turns it into an
``.ipynb``, runs it once to store its outputs (so nbval has something to compare, as it
does for the series), and then times, in turns:

- the lesson: ``pytest --nbval lesson.ipynb`` (one kernel; torch's default threads);
- the series: ``make nbval`` (notebooks side by side, one torch thread per kernel);
- the series one notebook after another: ``pytest --nbval notebooks/`` with the same
  environment but no workers, for the record.

Each time is the wall time of the whole command, pytest's start-up included. The script
prints the best and the median of each, and their ratios to the lesson's. It is a
measurement, not a test: it fails only when a run fails, never on speed.

    python benchmarks/notebook_time.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LESSON_SCRIPT = ROOT / "benchmarks" / "lesson_notebook.py"
NOTEBOOK_ENV = {"BIGRAM_STATIC_FIGURES": "1", "OMP_NUM_THREADS": "1"}  # as the Makefile's NOTEBOOK_ENV
PYTEST = [
    "-q",
    "-p",
    "no:hypothesispytest",
    "--nbval",
]  # the flags `make nbval` gives pytest, bar the workers


def run(cmd: list[str], cwd: Path, env: dict[str, str], what: str) -> float:
    """Run ``cmd`` and return its wall time in seconds; stop the benchmark if it fails."""
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).splitlines()[-30:])
        raise SystemExit(f"{what} failed (exit {done.returncode}): {' '.join(cmd)}\n{tail}")
    return seconds


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
            "series (make nbval)": (["make", "--no-print-directory", "-s", "nbval"], ROOT, plain_env),
            "series, one at a time": ([pytest, *PYTEST, "-p", "no:xdist", "notebooks/"], ROOT, series_env),
        }
        times: dict[str, list[float]] = {label: [] for label in commands}
        for k in range(args.repeats):
            for label, (cmd, cwd, env) in commands.items():
                times[label].append(run(cmd, cwd, env, label))
                print(
                    f"  run {k + 1}/{args.repeats}: {label} {times[label][-1]:.1f} s",
                    file=sys.stderr,
                    flush=True,
                )

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
    series = times["series (make nbval)"]
    faster = [min(series) < min(lesson), statistics.median(series) < statistics.median(lesson)]
    verdict = "met" if all(faster) else ("met on the best runs only" if faster[0] else "NOT met")
    print(f"\ngoal: the series under `make nbval` takes less time than the lesson notebook: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
