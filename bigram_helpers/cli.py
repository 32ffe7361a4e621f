"""Command line: make more of anything. Train, sample and evaluate n-gram models on any word list.

    python -m bigram_helpers train WORDS.txt --out MODEL [--model counts|neural] [--order 2|3]
        [--smoothing K] [--steps N --lr LR --reg R] [--split 0.8,0.1,0.1 --seed S] [--marker M] [--quiet]
    python -m bigram_helpers sample MODEL [-n 20] [--seed S] [--max-len L]
    python -m bigram_helpers evaluate MODEL WORDS.txt [--json] [--skip-unknown]

(also installed as ``makemore-bigram``). WORDS.txt is UTF-8, one word per line, in any
alphabet: the vocabulary is the set of characters of the training words. Every error
is one line ``error: ...`` on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

import torch

from .data import Vocab, build_vocab, check_word, load_words
from .model import Model, load_model, save_model
from .ngram import (
    ngram_counts,
    ngram_dataset,
    ngram_init_weights,
    ngram_sample,
    ngram_score,
    train_ngram_neural,
)
from .sampling import SamplingWarning

__all__ = ["main"]

DEFAULT_SEED = 2147483647  # the lesson's seed
DEFAULTS = {"smoothing": 1.0, "steps": 100, "lr": 50.0, "reg": 0.0}
SPLIT_NAMES = ("train", "dev", "test")


class CliError(Exception):
    """A problem the user can fix; printed as one ``error:`` line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"error: {message} (see {self.prog} --help)\n")


def _parse_split(text: str) -> tuple[float, float, float]:
    try:
        parts = tuple(float(x) for x in text.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 3 or not all(math.isfinite(x) and x >= 0 for x in parts):
        raise argparse.ArgumentTypeError(
            f"--split must be three fractions >= 0 for train,dev,test such as 0.8,0.1,0.1, got {text!r}"
        )
    if abs(sum(parts) - 1) > 1e-6 or parts[0] == 0:
        raise argparse.ArgumentTypeError(
            f"--split fractions must add up to 1 with a train fraction > 0, got {text!r}"
        )
    return parts  # type: ignore[return-value]


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {text!r}")
    return value


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
    t.add_argument("words", metavar="WORDS", help="word list: UTF-8, one word per line")
    t.add_argument("--out", required=True, metavar="MODEL", help="where to save the model")
    t.add_argument(
        "--model", choices=("counts", "neural"), default="counts", help="counts (default) or neural"
    )
    t.add_argument("--order", type=int, default=2, help="2 = bigram (default), 3 = trigram")
    t.add_argument(
        "--smoothing",
        type=float,
        default=None,
        metavar="K",
        help=f"counts: fake count added to every cell (default {DEFAULTS['smoothing']:g})",
    )
    t.add_argument(
        "--steps", type=int, default=None, help=f"neural: gradient steps (default {DEFAULTS['steps']})"
    )
    t.add_argument(
        "--lr", type=float, default=None, help=f"neural: learning rate (default {DEFAULTS['lr']:g})"
    )
    t.add_argument(
        "--reg",
        type=float,
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
        type=int,
        default=DEFAULT_SEED,
        help=f"seed of the split and of neural weights (default {DEFAULT_SEED})",
    )
    t.add_argument(
        "--marker", default=".", help="start/end marker; a character no word contains (default '.')"
    )
    t.add_argument(
        "--quiet", action="store_true", help="no progress bar (there is none when stderr is not a terminal)"
    )

    s = sub.add_parser(
        "sample", help="make more words from a saved model", description="Sample words from MODEL."
    )
    s.add_argument("model", metavar="MODEL", help="a model file saved by train")
    s.add_argument("-n", type=_positive_int, default=10, help="how many words (default 10)")
    s.add_argument(
        "--seed", type=int, default=None, help="seed, for the same words every time (default: random)"
    )
    s.add_argument(
        "--max-len", type=_positive_int, default=100, help="cut a word off at this length (default 100)"
    )

    e = sub.add_parser(
        "evaluate",
        help="the model's loss (mean NLL) on a word list",
        description="Score WORDS under MODEL: the mean negative log-likelihood per example "
        "(each character and each word end is one example).",
    )
    e.add_argument("model", metavar="MODEL", help="a model file saved by train")
    e.add_argument("words", metavar="WORDS", help="word list: UTF-8, one word per line")
    e.add_argument("--json", action="store_true", help="print one JSON object instead of a sentence")
    e.add_argument(
        "--skip-unknown",
        action="store_true",
        help="leave out (and count) words with a character the model has never seen, instead of an error",
    )
    return parser


def _known(words: Sequence[str], vocab: Vocab) -> tuple[list[str], list[tuple[int, str, str]]]:
    """Split words into those the vocabulary covers and ``(line, word, char)`` for the others."""
    known: list[str] = []
    unknown: list[tuple[int, str, str]] = []
    for number, word in enumerate(words, start=1):
        check_word(word, vocab.marker)
        bad = next((ch for ch in word if ch not in vocab), None)
        if bad is None:
            known.append(word)
        else:
            unknown.append((number, word, bad))
    return known, unknown


def _split(words: list[str], fractions: tuple[float, float, float] | None, seed: int) -> dict[str, list[str]]:
    if fractions is None:
        return {"train": list(words), "dev": [], "test": []}
    perm = torch.randperm(len(words), generator=torch.Generator().manual_seed(seed)).tolist()
    shuffled = [words[i] for i in perm]
    n_train = int(fractions[0] * len(words))
    n_dev = int(fractions[1] * len(words))
    if n_train == 0:
        raise CliError(
            f"--split gives the training set no words (there are only {len(words)}); raise its fraction"
        )
    return {
        "train": shuffled[:n_train],
        "dev": shuffled[n_train : n_train + n_dev],
        "test": shuffled[n_train + n_dev :],
    }


def _progress(steps: int, quiet: bool):
    from tqdm import tqdm

    return tqdm(
        total=steps, desc="training", unit="step", disable=quiet or not sys.stderr.isatty(), leave=False
    )


def _train(args: argparse.Namespace) -> int:
    given = {name: getattr(args, name) for name in DEFAULTS if getattr(args, name) is not None}
    wrong = [name for name in given if (name == "smoothing") != (args.model == "counts")]
    if wrong:
        flags = ", ".join(f"--{name}" for name in wrong)
        raise CliError(f"{flags} do(es) not apply to --model {args.model}; leave it out or change --model")
    opts = {**DEFAULTS, **given}
    out = Path(args.out)
    if not out.parent.is_dir():
        raise CliError(f"cannot save the model to {args.out!r}: folder {str(out.parent)!r} does not exist")
    if out.is_dir():
        raise CliError(f"cannot save the model to {args.out!r}: it is a folder; give a file name")

    words = load_words(args.words)
    build_vocab(words, args.marker)  # checks every word (empty, marker) before splitting
    splits = _split(words, args.split, args.seed)
    vocab = build_vocab(splits["train"], args.marker)
    how = (
        "in order"
        if args.split is None
        else f"split {args.split[0]:g}/{args.split[1]:g}/{args.split[2]:g} (seed {args.seed})"
    )
    sizes = ", ".join(f"{name} {len(splits[name]):,}" for name in SPLIT_NAMES if splits[name])
    print(f"{args.words}: {len(words):,} words, {how}: {sizes}")
    print(
        f"vocabulary: {len(vocab)} characters "
        f"(marker {vocab.marker!r} + {len(vocab) - 1} from the training words)"
    )

    training: dict[str, object] = {
        "words_file": os.path.basename(args.words),
        "words": len(words),
        "split": list(args.split) if args.split else None,
        "seed": args.seed,
    }
    if args.model == "counts":
        N = ngram_counts(splits["train"], vocab, args.order)
        model = Model("counts", args.order, vocab, N, smoothing=opts["smoothing"], training=training)
        print(f"counted {int(N.sum()):,} {args.order}-grams, smoothing {opts['smoothing']:g}")
    else:
        if opts["steps"] < 0:
            raise CliError(f"--steps must be >= 0, got {opts['steps']}")
        X, Y = ngram_dataset(splits["train"], vocab, args.order)
        W = ngram_init_weights(len(vocab), torch.Generator().manual_seed(args.seed), args.order)
        with _progress(opts["steps"], args.quiet) as bar:

            def on_step(step: int, loss: float) -> None:
                bar.set_postfix(loss=f"{loss:.4f}", refresh=False)
                bar.update(1)

            losses = train_ngram_neural(W, X, Y, opts["steps"], opts["lr"], opts["reg"], on_step=on_step)
        W = W.detach().requires_grad_(False)
        model = Model("neural", args.order, vocab, W, training=training)
        training.update(steps=opts["steps"], lr=opts["lr"], reg=opts["reg"])
        if losses:
            training.update(first_loss=losses[0], last_loss=losses[-1])
            print(
                f"trained {opts['steps']} steps (lr {opts['lr']:g}, reg {opts['reg']:g}) "
                f"on {X.shape[0]:,} examples: "
                f"loss {losses[0]:.4f} -> {losses[-1]:.4f}"
            )
    P = model.probs()
    results = {}
    print(f"{'split':<6} {'words':>9} {'examples':>10} {'mean NLL':>9}")
    for name in SPLIT_NAMES:
        if not splits[name]:
            continue
        known, unknown = _known(splits[name], vocab)
        note = f"  ({_words(len(unknown))} with unseen characters left out)" if unknown else ""
        if not known:
            print(f"{name:<6} {0:>9,} {0:>10,} {'-':>9}{note}")
            continue
        sc = ngram_score(known, P, vocab, args.order)
        results[name] = {
            "mean_nll": sc.mean_nll,
            "n": sc.n,
            "words": len(known),
            "skipped_words": len(unknown),
        }
        print(f"{name:<6} {len(known):>9,} {sc.n:>10,} {sc.mean_nll:>9.4f}{note}")
    training["results"] = {k: {**v, "mean_nll": _json_float(v["mean_nll"])} for k, v in results.items()}
    try:
        save_model(model, out)
    except OSError as exc:
        raise CliError(f"cannot save the model to {args.out!r}: {exc.strerror or exc}") from None
    print(f"saved {args.model} model (order {args.order}, {len(vocab)} characters) to {args.out}")
    return 0


def _words(count: int, with_count: bool = True) -> str:
    noun = "word" if count == 1 else "words"
    return f"{count:,} {noun}" if with_count else noun


def _json_float(x: float) -> float | None:
    return x if math.isfinite(x) else None


def _sample(args: argparse.Namespace) -> int:
    model = load_model(args.model)
    g = torch.Generator()
    if args.seed is None:
        g.seed()
    else:
        g.manual_seed(args.seed)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SamplingWarning)
        names = ngram_sample(model.probs(), model.vocab, args.n, g, model.order, args.max_len)
    for name in names:
        print(name)
    for w in caught:
        print(f"warning: {w.message}", file=sys.stderr)
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    model = load_model(args.model)
    words = load_words(args.words)
    known, unknown = _known(words, model.vocab)
    if unknown and not args.skip_unknown:
        line, word, ch = unknown[0]
        more = (
            f" (and {len(unknown) - 1:,} more such {_words(len(unknown) - 1, False)})"
            if len(unknown) > 1
            else ""
        )
        raise CliError(
            f"{args.words!r} line {line}: word {word!r} has character {ch!r}, which model {args.model!r} "
            f"has never seen{more}; pass --skip-unknown to leave such words out"
        )
    if not known:
        raise CliError(f"every word of {args.words!r} has a character model {args.model!r} has never seen")
    sc = ngram_score(known, model.probs(), model.vocab, model.order)
    zero = sum(1 for p in sc.probs if p == 0)
    if args.json:
        report = {
            "mean_nll": _json_float(sc.mean_nll),
            "nll": _json_float(sc.nll),
            "n": sc.n,
            "words": len(known),
            "skipped_words": len(unknown),
            "zero_probability": zero,
            "kind": model.kind,
            "order": model.order,
            "model": args.model,
            "words_file": args.words,
        }
        print(json.dumps(report, ensure_ascii=False, allow_nan=False))
        return 0
    skipped = f", {_words(len(unknown))} with unseen characters left out" if unknown else ""
    print(
        f"{args.words}: mean NLL {sc.mean_nll:.4f} over {sc.n:,} examples ({_words(len(known))}{skipped}) "
        f"under {model.kind} order-{model.order} model {args.model}"
    )
    if zero:
        print(f"{zero:,} examples have probability 0 under this model (train with smoothing > 0)")
    return 0


def main(argv: Sequence[str] | None = None, prog: str = "makemore-bigram") -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit status."""
    args = _build_parser(prog).parse_args(argv)
    command = {"train": _train, "sample": _sample, "evaluate": _evaluate}[args.command]
    try:
        return command(args)
    except (CliError, ValueError, TypeError, OSError, FloatingPointError) as exc:
        if isinstance(exc, BrokenPipeError):  # e.g. `sample ... | head`: the reader left; not an error
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return 0
        message = " ".join(str(exc).split("\n"))
        print(f"error: {message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
