"""Exercise 3, tune on dev, report test once: ``sweep``, ``smoothing``, ``test_loss`` (``given_split``)."""

from __future__ import annotations

import functools
import math

import torch

from ..ngram import ngram_counts, ngram_dataset, ngram_probs, ngram_score
from ..shared import context_rows
from .core import (
    SLIP_CODES,
    Hint,
    Part,
    close,
    differs,
    judge_loss,
    loss_slips,
    mistake,
    names,
    ok,
    parts_of,
    read_number,
)
from .ex2 import given_split

TITLE = "Exercise 3: tune on dev, report test once"
SMOOTHINGS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)  # the sweep
# A chosen smoothing is right when its dev loss is within this of the sweep's best: the dev
# loss is flat near its minimum (0.1 and 0.15 differ by 4e-4 there), and any value on that
# flat stretch is an honest choice; a grid step away (0.03 or 0.3) costs 2e-3 or more.
SMOOTHING_TOL = 5e-4
_FINE = tuple(10 ** (-3 + 4 * i / 160) for i in range(161))  # 0.001 to 10, for the accepted range


@functools.cache
def _split_ref() -> tuple[tuple[list[str], list[str], list[str]], dict[str, torch.Tensor]]:
    words, vocab = names()
    train, dev, test = given_split(words)
    return (train, dev, test), {
        "train3": ngram_counts(train, vocab, order=3),
        "train2": ngram_counts(train, vocab, order=2),
        "all3": ngram_counts(words, vocab, order=3),
        "traindev3": ngram_counts(train + dev, vocab, order=3),
    }


@functools.cache
def _examples(split: str, order: int) -> tuple[torch.Tensor, torch.Tensor]:
    """The (row, next character) examples of one split of :func:`given_split`."""
    (train, dev, test), _ = _split_ref()
    X, Y = ngram_dataset({"train": train, "dev": dev, "test": test}[split], names()[1], order)
    return context_rows(X, len(names()[1])), Y


@functools.cache
def _smoothed_loss(table: str, smoothing: float, split: str) -> float:
    order = 2 if table.endswith("2") else 3
    rows, Y = _examples(split, order)
    return -ngram_probs(_split_ref()[1][table], smoothing)[rows, Y].double().log().mean().item()


def _size(split: str) -> tuple[int, int]:
    """(examples, names) of one split."""
    words = dict(zip(("train", "dev", "test"), _split_ref()[0], strict=True))[split]
    return sum(len(w) + 1 for w in words), len(words)


# --- part 1: the sweep -------------------------------------------------------------------------


def dev_sweep(train_words, dev_words, vocab, smoothings):
    """{smoothing: dev loss} of the trigram counted on the training names, scored by ngram_score."""
    N3_train = ngram_counts(train_words, vocab, order=3)
    return {k: ngram_score(dev_words, ngram_probs(N3_train, k), vocab, order=3).mean_nll for k in smoothings}


def _numeric(key: object) -> object:
    """A key such as '0.1' read as the number it spells (a sweep keyed by f'{k}' is still a sweep)."""
    if isinstance(key, str):
        try:
            return float(key)
        except ValueError:
            return key
    return key


def _judge_sweep(answer: object) -> object:
    if isinstance(answer, (list, tuple)) and len(answer) == len(SMOOTHINGS):
        answer = dict(zip(SMOOTHINGS, answer, strict=True))
    if not isinstance(answer, dict):
        return differs("wrong_type", f"expected a dict {{smoothing: dev loss}}, got {type(answer).__name__}")
    if len(answer) > 100:
        return differs("wrong_value", f"{len(answer)} values is more than a sweep needs (at most 100)")
    if any(isinstance(k, str) and not isinstance(_numeric(k), str) for k in answer):
        return mistake(
            "string_keys",
            "the keys are strings (such as '0.1'): key each dev loss by the smoothing itself, a number, "
            "{k: ... for k in SMOOTHINGS}, so that the next part can pick the best key",
        )
    sweep = {read_number(k, "a smoothing"): read_number(x, "a dev loss") for k, x in answer.items()}
    if set(sweep) == set(range(len(sweep))) and len(sweep) <= len(SMOOTHINGS):
        by_position = {SMOOTHINGS[int(i)]: x for i, x in sweep.items()}
        if all(close(x, _smoothed_loss("train3", k, "dev")) for k, x in by_position.items()):
            return mistake(
                "index_keys",
                f"the keys are positions 0 to {len(sweep) - 1}, not the smoothings (enumerate gives "
                "positions): key each dev loss by its smoothing, {k: ... for k in SMOOTHINGS}",
            )
    if 0 in sweep and math.isinf(sweep[0]):
        return mistake(
            "zero_in_sweep",
            "smoothing 0 gives an infinite dev loss (a dev trigram never seen in training gets "
            "probability 0); start the sweep above 0",
        )
    if any(not math.isfinite(k) or k <= 0 for k in sweep):
        bad = next(k for k in sweep if not math.isfinite(k) or k <= 0)
        return differs("wrong_value", f"every smoothing must be a number above 0; the sweep holds {bad:g}")
    if len(sweep) < 3:
        return mistake(
            "too_few", f"{len(sweep)} value(s): try several, over a wide range (such as SMOOTHINGS)"
        )

    def matches(table: str, split: str) -> bool:
        return all(close(x, _smoothed_loss(table, k, split)) for k, x in sweep.items())

    missing = [k for k in SMOOTHINGS if k not in sweep]
    if matches("train3", "dev") and missing:
        return mistake(
            "missing_smoothings",
            f"these {len(sweep)} dev losses are right, but {len(missing)} of the 9 smoothings of SMOOTHINGS "
            f"are missing ({', '.join(f'{k:g}' for k in missing)}): score every one of them",
        )
    if matches("train3", "dev"):
        best = min(sweep, key=sweep.get)
        return ok(f"{len(sweep)} dev losses; the lowest is {sweep[best]:.4f}, at smoothing {best:g}")
    for table, split, code, message in (
        ("train3", "train", "train_loss", "these are training losses: judge each smoothing on the dev names"),
        (
            "train3",
            "test",
            "test_loss",
            "these are test losses: the test set stays locked until the choice is made; use dev",
        ),
        (
            "all3",
            "dev",
            "counted_on_all",
            "these counts include the dev names: count on the training names only",
        ),
        (
            "traindev3",
            "dev",
            "counted_on_all",
            "these counts include the dev names: count on the training names only",
        ),
        ("train2", "dev", "bigram_sweep", "these are the bigram's dev losses: sweep the trigram (order 3)"),
    ):
        if matches(table, split):
            return mistake(code, message)
    n, n_names = _size("dev")
    slips = {
        (loss_slips(x, _smoothed_loss("train3", k, "dev"), n, n_names) or ("", ""))[0]
        for k, x in sweep.items()
    }
    if len(slips) == 1 and "" not in slips:
        code = slips.pop()
        k, x = next(iter(sweep.items()))
        return mistake(
            code,
            loss_slips(x, _smoothed_loss("train3", k, "dev"), n, n_names)[1] + " (every value of the sweep)",
        )
    k, x = next((k, x) for k, x in sweep.items() if not close(x, _smoothed_loss("train3", k, "dev")))
    wrong = sum(not close(x, _smoothed_loss("train3", k, "dev")) for k, x in sweep.items())
    return differs(
        "wrong_value",
        f"{wrong} of the {len(sweep)} dev losses differ; at smoothing {k:g} it should be "
        f"{_smoothed_loss('train3', k, 'dev'):.4f}, got {x:.4f} (the split of given_split, trigram "
        "counts of the training names, scored on dev_words)",
    )


sweep = Part(
    "ex3.sweep",
    _judge_sweep,
    dev_sweep,
    "dev_losses = dev_sweep(train_words, dev_words, vocab, SMOOTHINGS)",
    [
        Hint(
            "Count the trigrams of the training names once; each smoothing is then one ngram_probs call:",
            "N3_train = ngram_counts(train_words, vocab, order=3)",
        ),
        Hint(
            "Score each smoothed table on the dev names, as the given cell scores one on the training names:",
            "print(ngram_score(dev_words, ngram_probs(N3_train, 1.0), vocab, order=3).mean_nll)",
        ),
        Hint(
            "Then one dict comprehension over SMOOTHINGS:",
            "dev_losses = {k: ngram_score(dev_words, ngram_probs(N3_train, k), vocab, order=3).mean_nll "
            "for k in SMOOTHINGS}",
        ),
    ],
    {
        "index_keys": "dev losses keyed by their positions, not by the smoothings",
        "string_keys": "dev losses keyed by strings",
        "missing_smoothings": "some smoothings of SMOOTHINGS left out",
        "zero_in_sweep": "smoothing 0 in the sweep (infinite dev loss)",
        "too_few": "fewer than three values",
        "train_loss": "the sweep judged on the training names",
        "test_loss": "the sweep judged on the test names",
        "counted_on_all": "counts that include the dev names",
        "bigram_sweep": "the bigram swept instead of the trigram",
        **SLIP_CODES,
    },
)


# --- part 2: the choice -----------------------------------------------------------------------


def _grid_best() -> tuple[float, float]:
    return min((_smoothed_loss("train3", k, "dev"), k) for k in SMOOTHINGS)


@functools.cache
def _accepted() -> tuple[float, ...]:
    """Smoothings (a fine grid and the sweep's) with a dev loss within SMOOTHING_TOL of the sweep's best."""
    best_dev, _ = _grid_best()
    return tuple(
        k
        for k in sorted({*_FINE, *SMOOTHINGS})
        if _smoothed_loss("train3", k, "dev") <= best_dev + SMOOTHING_TOL
    )


def choose_smoothing(dev_losses):
    """The smoothing with the lowest dev loss."""
    return min(dev_losses, key=dev_losses.get)


def _judge_smoothing(answer: object) -> object:
    if isinstance(answer, dict):
        return mistake(
            "the_sweep",
            "this is the whole sweep; the answer is one smoothing: the key with the lowest dev loss",
        )
    k = read_number(answer, "the chosen smoothing")
    best_dev, best_k = _grid_best()
    if k == 0:
        return mistake(
            "zero", "smoothing 0 makes the dev loss infinite (a dev trigram never seen in training)"
        )
    if not math.isfinite(k) or k < 0 or k > 1e6:
        return differs("wrong_value", f"a smoothing is a fake count above 0, got {k}")
    if any(close(k, _smoothed_loss("train3", s, "dev")) for s in SMOOTHINGS):
        return mistake(
            "loss_not_smoothing",
            f"{k:.4f} looks like a dev loss; the answer is the smoothing that gives the lowest one",
        )
    dev = _smoothed_loss("train3", k, "dev")
    if (
        dev > best_dev + SMOOTHING_TOL
        and float(k).is_integer()
        and 0 <= int(k) < len(SMOOTHINGS)
        and SMOOTHINGS[int(k)] in _accepted()
    ):
        return mistake(
            "index_not_value",
            f"{k:g} is the position of the best smoothing in SMOOTHINGS (an index); the answer is the "
            f"smoothing itself, SMOOTHINGS[{int(k)}] = {SMOOTHINGS[int(k)]:g}",
        )
    if dev <= best_dev + SMOOTHING_TOL:
        return ok(
            f"smoothing {k:g} gives dev loss {dev:.4f} (the sweep's best: {best_dev:.4f} at {best_k:g})"
        )
    if k <= min(SMOOTHINGS):
        return mistake(
            "chosen_on_train",
            "the training loss always prefers the smallest smoothing; choose the one with the lowest "
            f"dev loss (yours gives {dev:.4f} at {k:g}, the best {best_dev:.4f})",
        )
    if k == 1:
        return mistake(
            "lesson_default",
            "1 is notebook 03's fake count, not a choice: pick the smoothing with the lowest dev loss",
        )
    return differs(
        "wrong_value",
        f"smoothing {k:g} gives dev loss {dev:.4f}, {dev - best_dev:.4f} above the sweep's best "
        f"{best_dev:.4f} (at {best_k:g}); more than {SMOOTHING_TOL} is not the best",
    )


smoothing = Part(
    "ex3.smoothing",
    _judge_smoothing,
    choose_smoothing,
    "best_smoothing = choose_smoothing(dev_losses)",
    [
        Hint("The best smoothing is the one whose dev loss is lowest (the key, not the loss)."),
        Hint("min with a key function finds it:", "print(min(dev_losses, key=dev_losses.get))"),
    ],
    {
        "the_sweep": "the whole sweep instead of one smoothing",
        "index_not_value": "the position of the best smoothing instead of its value",
        "zero": "no smoothing at all",
        "loss_not_smoothing": "a dev loss instead of a smoothing",
        "chosen_on_train": "the smallest value, as the training loss prefers",
        "lesson_default": "notebook 03's single fake count, not chosen",
    },
)


# --- part 3: the test loss ---------------------------------------------------------------------


def loss_on_test(train_words, test_words, vocab, smoothing):
    """The chosen model, counted on the training names, judged once on the test names."""
    N3_train = ngram_counts(train_words, vocab, order=3)
    return ngram_score(test_words, ngram_probs(N3_train, smoothing), vocab, order=3).mean_nll


def _range(split: str) -> tuple[float, float]:
    losses = [_smoothed_loss("train3", k, split) for k in _accepted()]
    return min(losses), max(losses)


def _in_range(x: float, lo_hi: tuple[float, float]) -> bool:
    lo, hi = lo_hi
    return close(x, lo) or close(x, hi) or lo <= x <= hi


def _judge_test_loss(answer: object) -> object:
    x = read_number(answer, "the test loss")
    _, best_k = _grid_best()
    n, n_names = _size("test")
    if _in_range(x, _range("test")):
        k = min(_accepted(), key=lambda k: abs(_smoothed_loss("train3", k, "test") - x))
        return ok(
            f"the test loss {x:.4f}: the model you chose on dev (smoothing about {k:.2g}), judged once on "
            "the test names"
        )
    if _in_range(x, _range("dev")):
        return mistake("dev_loss", "this is the dev loss; evaluate the chosen model once on the test names")
    if _in_range(x, _range("train")):
        return mistake("train_loss", "this is the training loss; evaluate on the test names")
    special = [
        (
            _smoothed_loss("train3", 1.0, "test"),
            "lesson_default",
            "this is the test loss with smoothing 1, not the smoothing chosen on dev",
        ),
        *(
            (
                _smoothed_loss("train3", k, "test"),
                "other_smoothing",
                f"this is the test loss at smoothing {k:g}; report the model chosen on dev ({best_k:g})",
            )
            for k in SMOOTHINGS
            if k not in _accepted() and k != 1.0
        ),
        (
            _smoothed_loss("all3", best_k, "test"),
            "counted_on_all",
            "this model's counts include the test names themselves: count on the training names only",
        ),
        (
            _smoothed_loss("train2", best_k, "test"),
            "bigram",
            "this is the bigram's test loss; the model chosen here is the trigram",
        ),
        (
            math.inf,
            "unsmoothed",
            "without smoothing a test trigram never seen in training gets probability 0",
        ),
    ]
    return judge_loss(
        x,
        _smoothed_loss("train3", best_k, "test"),
        n,
        n_names,
        f"the test loss at smoothing {best_k:g}",
        special,
    )


test_loss = Part(
    "ex3.test_loss",
    _judge_test_loss,
    loss_on_test,
    "test_loss = loss_on_test(train_words, test_words, vocab, best_smoothing)",
    [
        Hint("Count on the training names, smooth with the chosen value, and score the test names, once."),
        Hint(
            "As in the sweep, with test_words instead of dev_words:",
            "test_loss = ngram_score(test_words, ngram_probs(ngram_counts(train_words, vocab, 3), "
            "best_smoothing), vocab, order=3).mean_nll",
        ),
    ],
    {
        "dev_loss": "the dev loss reported as the test loss",
        "train_loss": "the training loss reported",
        "lesson_default": "the test loss at smoothing 1",
        "other_smoothing": "the test loss of a smoothing not chosen on dev",
        "counted_on_all": "counted on all the names, test names included",
        "bigram": "the bigram's test loss",
        "unsmoothed": "infinite: no smoothing",
        **SLIP_CODES,
    },
)

PARTS = parts_of(globals())

__all__ = ["PARTS", "SMOOTHINGS", "SMOOTHING_TOL", "TITLE", "smoothing", "sweep", "test_loss"]
