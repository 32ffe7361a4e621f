"""Command line: make more of anything. Train, sample and evaluate n-gram models on any word list.

    python -m bigram_helpers train WORDS.txt --out MODEL [--model counts|neural] [--order 2|3]
        [--smoothing K] [--steps N --lr LR --reg R] [--split 0.8,0.1,0.1 --seed S] [--marker M] [--strip]
        [--quiet] [--force]
    python -m bigram_helpers sample MODEL [-n 20] [--seed S] [--max-len L]
    python -m bigram_helpers evaluate MODEL WORDS.txt [--json] [--skip-unknown] [--strip]

(also installed as ``makemore-bigram``). WORDS.txt is UTF-8, one word per line, in any
alphabet: the vocabulary is the set of characters of the training words; ``-`` reads
it from standard input. Blank lines at its end are ignored; ``--strip`` strips every
line and skips blank ones anywhere. Every error is one line ``error: ...`` on stderr and exit
status 2. The work of each verb is one call into :mod:`bigram_helpers.cli.runs`, imported
when the verb runs, so ``--help`` and a mistyped argument answer without loading torch
(and ``sample`` reads the model file, and refuses a missing or damaged one, before it does).
Counts are said as "1 word", "2 words" (:func:`plural`); hints name the flags (``--strip``,
``--marker '|'``), never the Python keywords.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from ..shared import LESSON_SEED, int_in_range, real_in_range

__all__ = ["DEFAULTS", "json_float", "main", "plural"]

# The command line's defaults, the one place they are set: the parser's help shows them and
# runs.train_file takes them as its keyword defaults.
DEFAULTS = {
    "model": "counts",
    "order": 2,
    "smoothing": 1.0,
    "steps": 100,
    "lr": 50.0,
    "reg": 0.0,
    "seed": LESSON_SEED,
    "marker": ".",
    "n": 10,
    "max_len": 100,
}
ONE_KIND = ("smoothing", "steps", "lr", "reg")  # smoothing for counts only, the others for neural only
MAX_SEED = 2**64 - 1  # torch.Generator.manual_seed takes 64 bits
MAX_ORDER = 25  # even over 2 characters, order 26 needs a table of more than 50,000,000 cells


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"error: {message} (see {self.prog} --help)\n")


def _parse_split(text: str) -> tuple[float, float, float]:
    try:
        parts = tuple(float(x) for x in text.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 3 or not all(real_in_range(x, 0) for x in parts):
        raise argparse.ArgumentTypeError(
            f"--split must be three fractions >= 0 for train,dev,test such as 0.8,0.1,0.1, got {text!r}"
        )
    if abs(sum(parts) - 1) > 1e-6 or parts[0] == 0:
        raise argparse.ArgumentTypeError(
            f"--split fractions must add up to 1 with a train fraction > 0, got {text!r}"
        )
    return parts  # type: ignore[return-value]


def _whole(low: int, high: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high`` (no limit if None)."""
    allowed = f"a whole number from {low:,} to {high:,}" if high is not None else f"a whole number >= {low:,}"

    def parse(text: str) -> int:
        try:
            value: int | None = int(text)
        except ValueError:
            value = None
        if not int_in_range(value, low, high):
            raise argparse.ArgumentTypeError(f"must be {allowed}, got {text!r}")
        return value

    return parse


def _real(low: float, *, above: bool = False) -> Callable[[str], float]:
    """An argparse type: a finite number >= ``low`` (> ``low`` if ``above``)."""
    allowed = f"a finite number {'>' if above else '>='} {low:g}"

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not real_in_range(value, low, above=above):
            raise argparse.ArgumentTypeError(f"must be {allowed}, got {text!r}")
        return value

    return parse


def _one_character(text: str) -> str:
    """An argparse type: exactly one character (the start/end marker)."""
    if len(text) != 1:
        raise argparse.ArgumentTypeError(f"must be one character, got {text!r}")
    return text


STRIP_HELP = (
    "strip whitespace from the ends of every line and skip blank lines (without it, a blank line "
    "between words or whitespace around a word is an error; blank lines at the end are always ignored)"
)


def _build_parser(prog: str) -> argparse.ArgumentParser:
    parser = _Parser(
        prog=prog,
        description="Make more of anything: character-level n-gram models (bigram, trigram...) "
        "of any file of one word per line.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="{train,sample,evaluate}")

    t = sub.add_parser(
        "train",
        help="train a model on a word list and save it",
        description="Train a model on WORDS (UTF-8, one word per line, any alphabet), "
        "print the loss on each split and save it to --out.",
    )
    t.add_argument("words", metavar="WORDS", help="word list: UTF-8, one word per line; - for standard input")
    t.add_argument(
        "--out",
        required=True,
        metavar="MODEL",
        help="where to save the model; an existing model file is replaced, any other existing file "
        "only with --force, and never the word list",
    )
    t.add_argument(
        "--force", action="store_true", help="replace --out even if it exists and is not a model file"
    )
    t.add_argument(
        "--model", choices=("counts", "neural"), default=DEFAULTS["model"], help="counts (default) or neural"
    )
    t.add_argument(
        "--order",
        type=_whole(2, MAX_ORDER),
        default=DEFAULTS["order"],
        help=f"2 = bigram (default), 3 = trigram, ... up to {MAX_ORDER}",
    )
    t.add_argument(
        "--smoothing",
        type=_real(0),
        default=None,
        metavar="K",
        help=f"counts: fake count added to every cell (default {DEFAULTS['smoothing']:g})",
    )
    t.add_argument(
        "--steps", type=_whole(0), default=None, help=f"neural: gradient steps (default {DEFAULTS['steps']})"
    )
    t.add_argument(
        "--lr",
        type=_real(0, above=True),
        default=None,
        help=f"neural: learning rate > 0 (default {DEFAULTS['lr']:g})",
    )
    t.add_argument(
        "--reg",
        type=_real(0),
        default=None,
        help=f"neural: weight of (W**2).mean() in the loss (default {DEFAULTS['reg']:g})",
    )
    t.add_argument(
        "--split",
        type=_parse_split,
        default=None,
        metavar="TRAIN,DEV,TEST",
        help="shuffle the words (with --seed) and split them, e.g. 0.8,0.1,0.1; "
        "the model learns from train only (default: train on every word, in order)",
    )
    t.add_argument(
        "--seed",
        type=_whole(0, MAX_SEED),
        default=DEFAULTS["seed"],
        help=f"seed of the split and of neural weights, 0 to 2**64-1 (default {DEFAULTS['seed']})",
    )
    t.add_argument(
        "--marker",
        type=_one_character,
        default=DEFAULTS["marker"],
        help=f"start/end marker; a character no word contains (default {DEFAULTS['marker']!r})",
    )
    t.add_argument("--strip", action="store_true", help=STRIP_HELP)
    t.add_argument(
        "--quiet", action="store_true", help="no progress bar (there is none when stderr is not a terminal)"
    )

    s = sub.add_parser(
        "sample", help="make more words from a saved model", description="Sample words from MODEL."
    )
    s.add_argument("model", metavar="MODEL", help="a model file saved by train")
    s.add_argument(
        "-n", type=_whole(1), default=DEFAULTS["n"], help=f"how many words (default {DEFAULTS['n']})"
    )
    s.add_argument(
        "--seed",
        type=_whole(0, MAX_SEED),
        default=None,
        help="seed, 0 to 2**64-1, for the same words every time (default: random)",
    )
    s.add_argument(
        "--max-len",
        type=_whole(1),
        default=DEFAULTS["max_len"],
        help=f"cut a word off at this length (default {DEFAULTS['max_len']})",
    )

    e = sub.add_parser(
        "evaluate",
        help="the model's loss (mean NLL) on a word list",
        description="Score WORDS under MODEL: the mean negative log-likelihood per example "
        "(each character and each word end is one example).",
    )
    e.add_argument("model", metavar="MODEL", help="a model file saved by train")
    e.add_argument("words", metavar="WORDS", help="word list: UTF-8, one word per line; - for standard input")
    e.add_argument("--json", action="store_true", help="print one JSON object instead of a sentence")
    e.add_argument(
        "--skip-unknown",
        action="store_true",
        help="leave out (and count) words with a character the model has never seen, instead of an error",
    )
    e.add_argument("--strip", action="store_true", help=STRIP_HELP)
    return parser


class _Progress:
    """The training progress bar, on a terminal only: ``on_step`` moves it, ``say`` prints a line.

    The bar is drawn at the first step, so the lines said before training (the word list,
    the vocabulary) are on the screen above it, and ``say`` clears it for good before it
    prints, so no text is ever written on the bar's line. The loss it shows is formatted at
    most every ``mininterval`` seconds (when tqdm may redraw), so a step pays for a clock
    read and tqdm's counter, not for formatting; the last loss is drawn once more before the
    bar is cleared.
    """

    def __init__(self, steps: int, quiet: bool, file: TextIO | None = None) -> None:
        self.file = sys.stderr if file is None else file
        self.steps = steps
        self.shown = not quiet and self.file.isatty()
        self.bar: Any = None
        self.next_postfix = 0.0
        self.loss: float | None = None

    def on_step(self, step: int, loss: float) -> None:
        if not self.shown:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=self.steps, desc="training", unit="step", leave=False, file=self.file)
        self.loss = loss
        now = time.monotonic()
        if now >= self.next_postfix:
            self.bar.set_postfix(loss=f"{loss:.4f}", refresh=False)
            self.next_postfix = now + self.bar.mininterval
        self.bar.update(1)

    def say(self, text: str) -> None:
        """Print ``text`` as a line of the output; a bar already drawn is cleared first, for good."""
        if self.bar is not None:
            self.close()
        print(text)

    def close(self) -> None:
        """Clear the bar, if it was drawn, after drawing the last loss; no step draws it again."""
        self.shown = False
        if self.bar is None:
            return
        if self.loss is not None:
            self.bar.set_postfix(loss=f"{self.loss:.4f}")
        self.bar.close()
        self.bar = None

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _train(args: argparse.Namespace) -> int:
    from .runs import train_file

    given = {name: getattr(args, name) for name in ONE_KIND if getattr(args, name) is not None}
    wrong = [name for name in given if (name == "smoothing") != (args.model == "counts")]
    if wrong:
        flags = ", ".join(f"--{name}" for name in wrong)
        verb, them = ("does", "it") if len(wrong) == 1 else ("do", "them")
        raise ValueError(
            f"{flags} {verb} not apply to --model {args.model}; leave {them} out or change --model"
        )
    opts = {**DEFAULTS, **given}
    steps = opts["steps"] if args.model == "neural" else 0
    with _Progress(steps, args.quiet or args.model != "neural") as progress:
        train_file(
            args.words,
            args.out,
            kind=args.model,
            order=args.order,
            smoothing=opts["smoothing"],
            steps=opts["steps"],
            lr=opts["lr"],
            reg=opts["reg"],
            split=args.split,
            seed=args.seed,
            marker=args.marker,
            strip=args.strip,
            force=args.force,
            say=progress.say,
            on_step=progress.on_step,
        )
    return 0


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``count`` and ``noun``, plural unless ``count`` is 1: ``"1 word"``, ``"2,048 words"``.

    ``nouns`` is the plural where it is not ``noun + "s"``.
    """
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


def json_float(x: float) -> float | None:
    """``x``, or ``None`` (JSON's null) if it is infinite or NaN, which JSON cannot hold."""
    return x if math.isfinite(x) else None


def _sample(args: argparse.Namespace) -> int:
    from .runs import sample_file

    names, warned = sample_file(args.model, args.n, args.seed, args.max_len)
    for name in names:
        print(name)
    for message in warned:
        print(f"warning: {message}", file=sys.stderr)
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from .runs import evaluate_file

    ev = evaluate_file(args.model, args.words, skip_unknown=args.skip_unknown, strip=args.strip)
    if args.json:
        report = {
            "mean_nll": json_float(ev.mean_nll),
            "nll": json_float(ev.nll),
            "n": ev.n,
            "words": ev.words,
            "skipped_words": ev.skipped,
            "zero_probability": ev.zero,
            "kind": ev.model.kind,
            "order": ev.model.order,
            "model": args.model,
            "words_file": ev.words_file,
        }
        print(json.dumps(report, ensure_ascii=False, allow_nan=False))
        return 0
    skipped = f", {ev.skipped:,} with unseen characters left out" if ev.skipped else ""
    print(
        f"{ev.words_file}: mean NLL {ev.mean_nll:.4f} over {plural(ev.n, 'example')} "
        f"({plural(ev.words, 'word')}{skipped}) under {ev.model.kind} order-{ev.model.order} "
        f"model {args.model}"
    )
    if ev.zero:
        has = "has" if ev.zero == 1 else "have"
        print(
            f"{plural(ev.zero, 'example')} {has} probability 0 under this model "
            "(train with --smoothing above 0)"
        )
    return 0


def main(argv: Sequence[str] | None = None, prog: str = "makemore-bigram") -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit status."""
    args = _build_parser(prog).parse_args(argv)
    command = {"train": _train, "sample": _sample, "evaluate": _evaluate}[args.command]
    try:
        return command(args)
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `sample ... | head`: the reader left; not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except MemoryError:
        print("error: out of memory; try a smaller word list or a lower --order", file=sys.stderr)
        return 2
    except Exception as exc:  # every failure is one line, never a traceback
        message = " ".join(str(exc).split("\n"))
        if isinstance(exc, ModuleNotFoundError):  # python -m bigram_helpers checks first; an import may not
            message += f": this Python ({sys.executable}) lacks it; run the command in the project's .venv"
        elif not isinstance(exc, (ValueError, TypeError, OSError, FloatingPointError)):
            message = f"unexpected {type(exc).__name__}: {message} (please report this)"
        print(f"error: {message}", file=sys.stderr)
        return 2
