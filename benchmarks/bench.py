"""The lesson's way against the helpers' way, timed on the full names set (``make bench``).

Each task runs the lesson's plain loop and the matching helper on all 32,033 names,
checks that they give the same answer, and prints the median time of several repeats
and the ratio. The slow loops take seconds, so they run only a few times. This is a
measurement, not a test: it never fails on speed (only on a wrong answer).

    python benchmarks/bench.py [--names names.txt] [--repeats-slow 3] [--repeats-fast 15]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import torch

from bigram_helpers import (
    bigram_counts,
    bigram_dataset,
    bigram_probs,
    build_vocab,
    load_words,
    ngram_counts,
    ngram_dataset,
    ngram_init_weights,
    sample_names,
    train_neural,
    train_ngram_neural,
)

# The lesson's loops have one home, tests/lesson_reference.py, where the tests check the
# helpers against them; the benchmark times those same loops, so it imports them from there
# (tests/ is not a package, so put it on the path, as pytest does for the tests).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from lesson_reference import (
    SEED,
    lesson_counts,
    lesson_sample,
    lesson_training,
    lesson_trigram_counts,
    lesson_trigram_dataset,
)

STEPS = 100
LR = 50
LOSS_TOLERANCE = 1e-5


def timed(fn: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    """Median wall time of ``repeats`` calls of ``fn`` and the result of the last one."""
    times = []
    result = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def fmt_time(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.0f} us"


def main(argv: list[str] | None = None) -> int:
    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", default=str(root / "names.txt"), help="the names file (make data)")
    parser.add_argument("--repeats-slow", type=int, default=3, help="repeats of each slow lesson loop")
    parser.add_argument("--repeats-fast", type=int, default=15, help="repeats of each helper")
    parser.add_argument("--threads", type=int, default=None, help="torch threads (default: torch's choice)")
    args = parser.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    slow, fast = args.repeats_slow, args.repeats_fast

    words = load_words(args.names)
    vocab = build_vocab(words)
    stoi, itos = vocab.stoi, vocab.itos
    print(
        f"{len(words):,} names; {os.cpu_count()} cores, torch {torch.__version__} "
        f"({torch.get_num_threads()} threads), Python {platform.python_version()}; "
        f"medians of {slow} runs of a lesson loop and {fast} of a helper"
    )
    rows = []
    failed = False

    def add(task: str, t_lesson: float, t_helper: float, goal: float | None, check: str, ok: bool) -> None:
        nonlocal failed
        failed = failed or not ok
        ratio = t_lesson / t_helper
        met = "" if goal is None else ("yes" if ratio >= goal else "no")
        goal_text = "-" if goal is None else f">= {goal:g}x"
        rows.append((task, fmt_time(t_lesson), fmt_time(t_helper), f"{ratio:,.0f}x", goal_text, met, check))
        print(f"  done: {task}", file=sys.stderr, flush=True)

    # 1. Counting the 27 x 27 matrix.
    t_loop, N_loop = timed(lambda: lesson_counts(words, stoi), slow)
    t_fast, N_fast = timed(lambda: bigram_counts(words, vocab), fast)
    same = torch.equal(N_loop, N_fast)
    add("bigram counts (27x27)", t_loop, t_fast, 100, "same counts" if same else "COUNTS DIFFER", same)

    # 2. 100 steps of neural training, bigram.
    xs, ys = bigram_dataset(words, vocab)

    def helper_bigram() -> list[float]:
        W = torch.randn((27, 27), generator=torch.Generator().manual_seed(SEED), requires_grad=True)
        return train_neural(W, xs, ys, STEPS, LR)

    def lesson_bigram() -> list[float]:
        W = torch.randn((27, 27), generator=torch.Generator().manual_seed(SEED), requires_grad=True)
        return lesson_training(W, xs, ys, STEPS, LR)

    t_loop, loss_loop = timed(lesson_bigram, slow)
    t_fast, loss_fast = timed(helper_bigram, fast)
    diff = max(abs(a - b) for a, b in zip(loss_loop, loss_fast, strict=True))
    ok = diff <= LOSS_TOLERANCE
    check = f"max loss diff {diff:.1e} ({'<=' if ok else 'OVER'} 1e-5); last {loss_fast[-1]:.6f}"
    add(f"{STEPS} bigram training steps", t_loop, t_fast, 300, check, ok)

    # 3. Counting the 27 x 27 x 27 trigram table.
    t_loop, N3_loop = timed(lambda: lesson_trigram_counts(words, stoi), slow)
    t_fast, N3_fast = timed(lambda: ngram_counts(words, vocab, order=3), fast)
    same = torch.equal(N3_loop.view(27 * 27, 27), N3_fast)
    add("trigram counts (27x27x27)", t_loop, t_fast, 100, "same counts" if same else "COUNTS DIFFER", same)

    # 4. 100 steps of neural training, trigram (two one-hot inputs side by side: 54 -> 27).
    X, Y = ngram_dataset(words, vocab, order=3)
    X_lesson, Y_lesson = lesson_trigram_dataset(words, stoi)  # the lesson's way, as a cross-check
    same_data = torch.equal(X, X_lesson) and torch.equal(Y, Y_lesson)

    def lesson_trigram() -> list[float]:
        W = torch.randn((54, 27), generator=torch.Generator().manual_seed(SEED), requires_grad=True)
        return lesson_training(W, X_lesson, Y_lesson, STEPS, LR)

    def helper_trigram() -> list[float]:
        W = ngram_init_weights(27, torch.Generator().manual_seed(SEED), order=3)
        return train_ngram_neural(W, X, Y, STEPS, LR)

    t_loop, loss_loop = timed(lesson_trigram, slow)
    t_fast, loss_fast = timed(helper_trigram, fast)
    diff = max(abs(a - b) for a, b in zip(loss_loop, loss_fast, strict=True))
    ok = diff <= LOSS_TOLERANCE and same_data
    within = "<=" if diff <= LOSS_TOLERANCE else "OVER"
    check = f"max loss diff {diff:.1e} ({within} 1e-5); last {loss_fast[-1]:.6f}"
    if not same_data:
        check += "; EXAMPLES DIFFER"
    add(f"{STEPS} trigram training steps", t_loop, t_fast, 300, check, ok)

    # 5. Sampling 1,000 names: the helper is the lesson's loop (same draws, same names), so ~1x.
    P = bigram_probs(N_fast, smoothing=1)
    t_loop, names_loop = timed(
        lambda: lesson_sample(P, itos, 1000, torch.Generator().manual_seed(SEED)), slow
    )
    t_fast, names_fast = timed(
        lambda: sample_names(P, vocab, 1000, torch.Generator().manual_seed(SEED)), slow
    )
    same = names_loop == names_fast
    check = "same names (same loop by design)" if same else "NAMES DIFFER"
    add("sampling 1,000 names", t_loop, t_fast, None, check, same)

    header = ("task", "lesson's way", "helpers' way", "ratio", "goal", "met", "check")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    right = {1, 2, 3}
    print()
    for r in [header, *rows]:
        cells = [
            str(c).rjust(w) if i in right else str(c).ljust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ]
        print(" | ".join(cells).rstrip())
    if failed:
        print("\na check failed: the helper does not give the lesson's answer", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
