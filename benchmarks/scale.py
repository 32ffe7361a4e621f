"""The command line on ten million words, against the least work that does the same arithmetic.

First it times how long the quick commands take from start to exit (``--help``, an
argument error, evaluating and sampling a small counts model) beside Python, NumPy and
torch starting alone: ``--help`` and argument errors never load torch. Then it makes
(once) a word list of ``--words`` names drawn from names.txt with a fixed seed, in
``build/`` (git-ignored, never committed), and times ``python -m bigram_helpers train
--order 3`` and ``evaluate`` on it, and ``benchmarks/minimal_pass.py`` doing the same
counting and scoring in one NumPy pass, each in its own process. It prints the best and
median wall time, the peak resident memory (``wait4``'s ``ru_maxrss``) and the ratios,
and checks that both give the same mean NLL. Then it measures what the progress bar costs
neural training: steps per second with the bar drawn on a pseudo-terminal and with none.
A measurement, not a test: it never fails on speed.

    python benchmarks/scale.py [--names names.txt] [--words 10000000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch

from bigram_helpers import (
    build_vocab,
    load_words,
    ngram_counts,
    ngram_init_weights,
    train_ngram_neural_counts,
)
from bigram_helpers.cli.command import _Progress
from bigram_helpers.cli.model import load_model

ROOT = Path(__file__).resolve().parent.parent
SEED = 11
TIME_GOAL = 5.0  # at most this many times the minimal pass
MEMORY_GOAL = 2 * 1024**3  # bytes of peak resident memory
NLL_TOLERANCE = 1e-6  # relative


def make_words(names: Path, count: int, dest: Path) -> Path:
    """``count`` names drawn with replacement (seed ``SEED``) from ``names``; made once, then reused."""
    if dest.is_file():
        return dest
    pool = np.array(load_words(names))
    drawn = pool[np.random.default_rng(SEED).integers(0, len(pool), count)]
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_suffix(".part")
    part.write_text("\n".join(drawn.tolist()) + "\n", encoding="ascii")
    part.replace(dest)
    return dest


# A small process starts each measured command and reports its child's wait4 rusage. The
# command cannot be started from here directly: a child started from this big process
# (torch, names) counts this process's peak memory as its own (Linux carries the peak
# across exec).
LAUNCHER = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
with open(sys.argv[1], "w") as f:
    print(elapsed, usage.ru_maxrss, os.waitstatus_to_exitcode(status), file=f)
"""


def measure(args: list[str], runs: int, exit_code: int = 0) -> dict[str, Any]:
    """Best and median wall time, the largest peak resident memory and the stdout of ``runs`` runs."""
    times, peaks, out = [], [], ""
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            report = Path(folder) / "report"
            done = subprocess.run(
                [sys.executable, "-I", "-S", "-c", LAUNCHER, str(report), *args],
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode:
                raise SystemExit(f"{' '.join(args)} failed: {done.stderr.strip()}")
            elapsed, peak, code = report.read_text().split()
        if int(code) != exit_code:
            raise SystemExit(f"{' '.join(args)} failed: {done.stderr.strip()}")
        times.append(float(elapsed))
        peaks.append(int(peak) * 1024)  # kilobytes on Linux
        out = done.stdout
    return {"best": min(times), "median": statistics.median(times), "peak": max(peaks), "out": out}


def gb(n: float) -> str:
    return f"{n / 1024**3:.2f} GB"


def scale_section(names: Path, count: int, runs: int) -> None:
    words = make_words(names, count, ROOT / "build" / f"words-{count}-seed{SEED}.txt")
    model = ROOT / "build" / "scale.model"
    table = ROOT / "build" / "scale-probs.npy"
    cli = [sys.executable, "-m", "bigram_helpers"]
    minimal = [sys.executable, str(ROOT / "benchmarks" / "minimal_pass.py")]
    size = words.stat().st_size
    print(f"\n{words.relative_to(ROOT)}: {count:,} words, {size / 1e6:.0f} MB; {runs} run(s) of each command")

    train = measure([*cli, "train", str(words), "--out", str(model), "--order", "3"], runs)
    np.save(table, load_model(model).probs())
    evaluate = measure([*cli, "evaluate", str(model), str(words), "--json"], runs)
    base_train = measure([*minimal, "train", str(words), "3", "1"], runs)
    base_eval = measure([*minimal, "evaluate", str(words), "3", str(table)], runs)

    # the minimal pass adds float32 logs, the command line float64 ones: 1e-6 is a few float32 steps
    cli_nll = json.loads(evaluate["out"])["mean_nll"]
    same = abs(cli_nll - float(base_eval["out"])) <= NLL_TOLERANCE * cli_nll
    same_train = abs(cli_nll - float(base_train["out"])) <= NLL_TOLERANCE * cli_nll
    header = (
        "task",
        "command",
        "minimal pass",
        "ratio (best, median)",
        "goal",
        "peak memory",
        "met",
        "check",
    )
    rows = []
    for task, ours, base, ok in (
        ("train --order 3", train, base_train, same_train),
        ("evaluate", evaluate, base_eval, same),
    ):
        ratio_best = ours["best"] / base["best"]
        ratio_median = ours["median"] / base["median"]
        met = ratio_best <= TIME_GOAL and ours["peak"] < MEMORY_GOAL
        rows.append(
            (
                task,
                f"{ours['best']:.2f} s",
                f"{base['best']:.2f} s",
                f"{ratio_best:.1f}x, {ratio_median:.1f}x",
                f"<= {TIME_GOAL:g}x, < {gb(MEMORY_GOAL)}",
                f"{gb(ours['peak'])} (minimal {gb(base['peak'])})",
                "yes" if met else "no",
                f"same mean NLL {cli_nll:.6f} (<= {NLL_TOLERANCE:g})" if ok else "MEAN NLL DIFFERS",
            )
        )
    table_print(header, rows, right={1, 2})
    model.unlink()
    table.unlink()


STARTUP_GOAL = 0.5  # seconds: --help, a mistyped argument, evaluate of a counts model and sample of a
# missing model never load torch


def startup_section(names: Path, runs: int) -> None:
    """Wall time from start to exit of the quick commands, beside Python, NumPy and torch starting alone."""
    cli = [sys.executable, "-m", "bigram_helpers"]
    with tempfile.TemporaryDirectory() as folder:
        model = Path(folder) / "bigram.model"
        measure([*cli, "train", str(names), "--out", str(model)], 1)
        commands = [
            ("python -c pass", [sys.executable, "-c", "pass"], 0, False),
            ("python -c 'import numpy'", [sys.executable, "-c", "import numpy"], 0, False),
            ("python -c 'import torch'", [sys.executable, "-c", "import torch"], 0, False),
            ("--help", [*cli, "--help"], 0, True),
            (
                "train --order 1 (argument error)",
                [*cli, "train", str(names), "--out", "x", "--order", "1"],
                2,
                True,
            ),
            ("evaluate a counts model", [*cli, "evaluate", str(model), str(names)], 0, True),
            ("sample missing.model (error)", [*cli, "sample", str(Path(folder) / "missing.model")], 2, True),
            ("sample -n 5 --seed 1", [*cli, "sample", str(model), "-n", "5", "--seed", "1"], 0, False),
        ]
        timed = [(name, measure(args, runs, code), goal) for name, args, code, goal in commands]
    base = timed[0][1]["best"]
    print(f"\nstart-up: wall time from start to exit, best (median) of {runs} runs")
    rows = []
    for name, t, goal in timed:
        met = ("yes" if t["best"] < STARTUP_GOAL else "no") if goal else "-"
        ratio = f"{t['best'] / base:.1f}x"
        rows.append(
            (
                name,
                f"{t['best']:.2f} s ({t['median']:.2f} s)",
                ratio,
                f"< {STARTUP_GOAL:g} s" if goal else "",
                met,
            )
        )
    table_print(("command", "wall time", "vs python -c pass", "goal", "met"), rows, right={1, 2})


def bar_section(names: Path, steps: int, runs: int) -> None:
    """Neural training steps per second on names.txt, the CLI's bar drawn on a pseudo-terminal or not.

    Rates are of CPU time (``time.process_time``) with one torch thread, which other work
    on the machine disturbs less than wall time; the callback's own cost per step is
    timed apart too.
    """
    torch.set_num_threads(1)  # CPU time is then the work itself, not a second thread waiting for a core
    words = load_words(names)
    vocab = build_vocab(words)
    counts = ngram_counts(words, vocab, 2)
    primary, secondary = pty.openpty()
    terminal = os.fdopen(secondary, "w", buffering=1)
    # another process reads the terminal, as a terminal emulator would (a thread here would
    # take the interpreter's lock from training each time the bar draws)
    reader = subprocess.Popen(["cat"], stdin=primary, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(primary)

    def rate(shown: bool) -> float:
        W = ngram_init_weights(len(vocab), torch.Generator().manual_seed(1), 2)
        with _Progress(steps, quiet=not shown, file=terminal) as progress:
            start = time.process_time()
            train_ngram_neural_counts(W, counts, steps, 1.0, on_step=progress.on_step)
            return steps / (time.process_time() - start)

    rates: dict[bool, list[float]] = {False: [], True: []}
    for run in range(runs):  # interleaved, first one then the other, so a busy moment hits both alike
        for shown in (False, True) if run % 2 else (True, False):
            rates[shown].append(rate(shown))
    calls = 200_000
    with _Progress(calls, quiet=False, file=terminal) as progress:
        start = time.process_time()
        for step in range(calls):
            progress.on_step(step, 2.5)
        per_call = (time.process_time() - start) / calls
    terminal.close()
    reader.wait(timeout=10)
    best = {shown: max(r) for shown, r in rates.items()}
    median = {shown: statistics.median(r) for shown, r in rates.items()}
    print(f"\nprogress bar: bigram training on names.txt, {steps:,} steps, best (median) of {runs} runs")
    print(f"  no bar        {best[False]:>9,.0f} ({median[False]:,.0f}) steps per CPU second")
    print(f"  bar on a pty  {best[True]:>9,.0f} ({median[True]:,.0f}) steps per CPU second")
    print(
        f"  the bar costs {1 - best[True] / best[False]:.1%} ({1 - median[True] / median[False]:.1%}); "
        f"its callback alone {per_call * 1e6:.2f} us a step, {per_call * best[False]:.2%} of a step; "
        "goal: a few per cent at most"
    )


def table_print(header: tuple[str, ...], rows: list[tuple[str, ...]], right: set[int]) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for r in [header, *rows]:
        cells = [
            str(c).rjust(w) if i in right else str(c).ljust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ]
        print(" | ".join(cells).rstrip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", default=str(ROOT / "names.txt"), help="the names file (make data)")
    parser.add_argument("--words", type=int, default=10_000_000, help="size of the generated word list")
    parser.add_argument("--runs", type=int, default=3, help="runs of each command")
    parser.add_argument("--bar-steps", type=int, default=3000, help="training steps per progress-bar run")
    parser.add_argument("--no-scale", action="store_true", help="only the progress bar's cost")
    args = parser.parse_args(argv)
    startup_section(Path(args.names), max(args.runs, 5))
    if not args.no_scale:
        scale_section(Path(args.names), args.words, args.runs)
    bar_section(Path(args.names), args.bar_steps, max(args.runs, 5))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
