"""Exercise 3, tune on dev, report test once: ``sweep``, ``smoothing``, ``test_loss`` (``given_split``)."""

from __future__ import annotations

import functools
import math

from ..ngram import ngram_counts, ngram_probs, ngram_score
from .core import (
    NumberPart,
    Part,
    Several,
    close,
    counted,
    examples,
    name_means,
    nll,
    read_number,
    rounded_to,
    say,
    slips,
    words_in,
)

SMOOTHINGS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)  # the sweep
# A chosen smoothing is right when its dev loss is within this of the sweep's best: the dev
# loss is flat near its minimum (0.1 and 0.15 differ by 4e-4 there); a grid step away costs 2e-3.
SMOOTHING_TOL = 5e-4
_FINE = tuple(10 ** (-3 + 4 * i / 160) for i in range(161))  # 0.001 to 10, for the accepted range
DEV_SIZE, TEST_SIZE = (22_760, 3_203), (22_567, 3_204)  # (examples, names) of given_split's dev and test


@functools.cache
def loss_at(k: float, split: str, counted_on: str = "train", order: int = 3) -> float:
    """The dev (or other split's) loss of the table counted on ``counted_on`` with smoothing ``k``."""
    return nll(ngram_probs(counted(order, counted_on), k), order, split)


def _size(split: str) -> tuple[int, int]:
    """(examples, names) of one split."""
    return len(examples(3, split)[1]), len(words_in(split))


@functools.cache
def accepted() -> tuple[float, ...]:
    """Smoothings (a fine grid and the sweep's) with a dev loss within SMOOTHING_TOL of the sweep's best."""
    best = min(loss_at(k, "dev") for k in SMOOTHINGS)
    return tuple(k for k in sorted({*_FINE, *SMOOTHINGS}) if loss_at(k, "dev") <= best + SMOOTHING_TOL)


def _best() -> float:
    return min(SMOOTHINGS, key=lambda k: loss_at(k, "dev"))


def dev_sweep(train_words, dev_words, vocab, smoothings):
    """{smoothing: dev loss} of the trigram counted on the training names, scored by ngram_score."""
    N3_train = ngram_counts(train_words, vocab, order=3)
    return {k: ngram_score(dev_words, ngram_probs(N3_train, k), vocab, order=3).mean_nll for k in smoothings}


def _sweep(split: str = "dev", counted_on: str = "train", order: int = 3, f=lambda x: x) -> dict:
    return {k: f(loss_at(k, split, counted_on, order)) for k in SMOOTHINGS}


def _smoothed_probs_loss(k: float) -> float:
    """The dev loss of the training table's probabilities plus ``k``, each row normalised again."""
    P = ngram_probs(counted(3, "train")).double() + k
    return nll(P / P.sum(1, keepdim=True), 3, "dev")


def _grid(split: str, ks=None) -> Several:
    return Several(*(loss_at(k, split) for k in (accepted() if ks is None else ks)))


def _off(sweep: dict) -> list[tuple[float, float]]:
    """The (smoothing, loss) pairs of a sweep that are not the trigram's dev loss there."""
    return [(k, x) for k, x in sweep.items() if not (k > 0 and close(x, loss_at(k, "dev")))]


class Sweep(Part):
    name, what = "ex3.sweep", "the sweep"
    solutions, answer_line = (dev_sweep,), "dev_losses = dev_sweep(train_words, dev_words, vocab, SMOOTHINGS)"
    # fmt: off
    hints = (
        ("Count the trigrams of the training names once; each smoothing is then one ngram_probs call:",
         "N3_train = ngram_counts(train_words, vocab, order=3)"),
        ("Score each smoothed table on the dev names, as the given cell scores one on the training "
         "names:",
         "print(ngram_score(dev_words, ngram_probs(N3_train, 1.0), vocab, order=3).mean_nll)"),
        ("Then one dict comprehension over SMOOTHINGS:",
         "dev_losses = {k: ngram_score(dev_words, ngram_probs(N3_train, k), vocab, order=3).mean_nll "
         "for k in SMOOTHINGS}"),
    )
    mistakes = (
        ("train_loss", lambda: _sweep("train"),
         "these are training losses: judge each smoothing on dev"),
        ("test_loss", lambda: _sweep("test"),
         "these are test losses: the test set stays locked until the choice is made; use dev"),
        ("counted_on_all", lambda: Several(_sweep(counted_on="all"), _sweep(counted_on="train+dev")),
         "these counts include the dev names: count on the training names only"),
        ("bigram_sweep", lambda: _sweep(order=2),
         "these are the bigram's dev losses: sweep the trigram"),
        ("index_keys", lambda: dict(enumerate(_sweep().values())), "the keys are positions 0, 1, 2, "
         "... (enumerate gives positions): key each loss by its smoothing"),
        ("mean_of_name_means", lambda: {k: name_means(ngram_probs(counted(3, "train"), k), 3, "dev")
                                        for k in SMOOTHINGS},
         "each is the mean over the dev names of each name's mean loss; average over all the examples"),
        ("smoothed_probs", lambda: {k: _smoothed_probs_loss(k) for k in SMOOTHINGS},
         "each is the dev loss with the smoothing added to the probabilities, normalised again, not to the "
         "counts: ngram_probs(N3_train, k) adds the fake counts to the counts"),
        ("one_fake_count_kept", lambda: {k: loss_at(k + 1, "dev") for k in SMOOTHINGS},
         "each is the dev loss of smoothing k + 1 (notebook 03's one fake count kept, k added on top): "
         "add k alone, ngram_probs(N3_train, k)"),
        ("zero_in_sweep", lambda: {0.0: math.inf, **_sweep()},
         "smoothing 0 gives an infinite dev loss (a dev trigram unseen in training): start above 0"),
        *slips(lambda f: _sweep(f=f), *DEV_SIZE),
    )
    says = {  # noqa: RUF012 (read only)
        "string_keys": "the keys are strings (such as '0.1'): key each dev loss by the smoothing itself, a "
        "number, {{k: ... for k in SMOOTHINGS}}"}
    # fmt: on

    def read(self, answer):
        if not isinstance(answer, dict) or not 0 < len(answer) <= 200:
            got = type(answer).__name__ + (f" of {len(answer)}" if isinstance(answer, dict) else "")
            return say(
                "wrong_type",
                f"expected a dict {{smoothing: dev loss}} (the next part picks its best key), got {got}",
            )
        if any(isinstance(k, str) for k in answer):
            return self.say("string_keys")
        out = {}
        for k, x in answer.items():
            key, value = read_number(k, "a smoothing"), read_number(x, "a dev loss")
            if not isinstance(key, float) or not isinstance(value, float):
                return value if isinstance(key, float) else key
            out[next((s for s in SMOOTHINGS if abs(key - s) <= 1e-6 * s), key)] = value  # float32 keys too
        return out

    def accept(self, sweep):
        if not set(SMOOTHINGS) <= set(sweep) or _off(sweep):
            return None
        best = min(sweep, key=sweep.get)
        return f"{len(sweep)} dev losses; the lowest is {sweep[best]:.4f}, at smoothing {best:g}"

    def same(self, sweep, built):
        return set(sweep) == set(built) and all(close(x, built[k]) for k, x in sweep.items())

    def symptoms(self, sweep):
        wrong, n, first = _off(sweep), len(sweep), next(iter(sweep.values()))
        if n > 1 and all(close(x, first) for x in sweep.values()):
            at = [f"{k:g}" for k in SMOOTHINGS if close(first, loss_at(k, "dev"))]
            where = f": the dev loss of smoothing {at[0]}" if at else ""
            return f"the {n} dev losses are all {first:.4f}{where}; they do not change with the smoothing"
        places = {rounded_to(x, loss_at(k, "dev")) if k > 0 else None for k, x in sweep.items()}
        if len(places) == 1 and (d := places.pop()):
            return f"the {n} dev losses are the right ones rounded to {d}: keep them unrounded"
        if not wrong:
            missing = ", ".join(f"{k:g}" for k in SMOOTHINGS if k not in sweep)
            return f"these {n} dev losses are right, but smoothings of SMOOTHINGS are missing ({missing})"
        k, x = wrong[0]
        want = f"{loss_at(k, 'dev'):.4f}" if k > 0 else "no number (a smoothing is above 0)"
        return (
            f"{len(wrong)} of the {n} dev losses differ from the trigram's counted on the "
            f"training names and scored on dev_words; at smoothing {k:g} that is {want}, yours {x:.4f}"
        )


sweep = Sweep()


def choose_smoothing(dev_losses):
    """The smoothing with the lowest dev loss."""
    return min(dev_losses, key=dev_losses.get)


class Smoothing(NumberPart):
    name, what = "ex3.smoothing", "the chosen smoothing"
    solutions, answer_line = (choose_smoothing,), "best_smoothing = choose_smoothing(dev_losses)"
    # fmt: off
    hints = (
        ("The best smoothing is the one whose dev loss is lowest (the key, not the loss)."),
        ("min with a key function finds it:", "print(min(dev_losses, key=dev_losses.get))"),
    )
    mistakes = (
        ("smallest_smoothing", lambda: min(SMOOTHINGS), "this is the smallest "
         "smoothing of the sweep, the one with the lowest training loss (and what min(dev_losses) or "
         "sorted(dev_losses.items()) gives: they compare the keys), not the one with the lowest dev "
         "loss: min(dev_losses, key=dev_losses.get)"),
        ("lesson_default", lambda: 1.0,
         "1 is notebook 03's single fake count, not a choice: pick the lowest dev loss"),
        ("index_not_value", lambda: float(SMOOTHINGS.index(_best())), "this is the position of the "
         "best smoothing in SMOOTHINGS; the answer is the smoothing itself"),
        ("loss_not_smoothing", lambda: min(loss_at(k, "dev") for k in SMOOTHINGS),
         "this is the lowest dev loss; the answer is the smoothing that gives it"),
        ("highest_dev_loss", lambda: max(SMOOTHINGS, key=lambda k: loss_at(k, "dev")),
         "this smoothing has the highest dev loss of the sweep: pick the lowest"),
        ("zero", lambda: 0.0,
         "smoothing 0 makes the dev loss infinite (a dev trigram unseen in training)"),
    )
    says = {  # noqa: RUF012 (read only)
        "the_sweep": "this is the whole sweep; the answer is one smoothing, the key with the lowest dev loss"}
    # fmt: on

    def read(self, answer):
        if isinstance(answer, dict):
            return self.say("the_sweep")
        return read_number(answer, self.what)

    def accept(self, k):
        best = loss_at(_best(), "dev")
        if not 0 < k < 1e6 or (dev := loss_at(k, "dev")) > best + SMOOTHING_TOL:
            return None
        return f"smoothing {k:g} gives dev loss {dev:.4f} (the sweep's best: {best:.4f} at {_best():g})"

    def symptoms(self, k):
        if not 0 < k < 1e6:
            return f"a smoothing is a fake count above 0; got {k}"
        dev, best = loss_at(k, "dev"), loss_at(_best(), "dev")
        return (
            f"smoothing {k:g} gives dev loss {dev:.4f}, {dev - best:.4f} above the sweep's best {best:.4f} "
            f"(at {_best():g}); more than {SMOOTHING_TOL} above it is not the best"
        )


smoothing = Smoothing()


def loss_on_test(train_words, test_words, vocab, smoothing):
    """The chosen model, counted on the training names, judged once on the test names."""
    N3_train = ngram_counts(train_words, vocab, order=3)
    return ngram_score(test_words, ngram_probs(N3_train, smoothing), vocab, order=3).mean_nll


class TestLoss(NumberPart):
    name, what = "ex3.test_loss", "the test loss"
    solutions = (loss_on_test,)
    answer_line = "test_loss = loss_on_test(train_words, test_words, vocab, best_smoothing)"
    # fmt: off
    hints = (
        ("Count on the training names, smooth with the chosen value, and score the test names, once."),
        ("As in the sweep, with test_words instead of dev_words:",
         "test_loss = ngram_score(test_words, ngram_probs(ngram_counts(train_words, vocab, 3), "
         "best_smoothing), vocab, order=3).mean_nll"),
    )
    mistakes = (
        ("dev_loss", lambda: _grid("dev"),
         "this is the dev loss; evaluate the chosen model on the test names"),
        ("train_loss", lambda: _grid("train"),
         "this is the training loss; evaluate on the test names"),
        ("lesson_default", lambda: loss_at(1.0, "test"),
         "this is the test loss with smoothing 1, not with the smoothing chosen on dev"),
        ("other_smoothing",
         lambda: _grid("test", [k for k in SMOOTHINGS if k not in {*accepted(), 1}]),
         "this is the test loss of a smoothing other than the one dev chose"),
        ("counted_on_all", lambda: loss_at(_best(), "test", "all"),
         "this model's counts include the test names: count on the training names only"),
        ("counted_on_train_dev", lambda: loss_at(_best(), "test", "train+dev"),
         "this model is counted on the training and dev names: count on the training names only, as in "
         "the sweep"),
        ("bigram", lambda: loss_at(_best(), "test", order=2),
         "this is the bigram's test loss; the model chosen here is the trigram"),
        ("unsmoothed", lambda: math.inf,
         "infinite: without smoothing a test trigram never seen in training gets probability 0"),
        ("mean_of_name_means", lambda: name_means(ngram_probs(counted(3, "train"), _best()), 3, "test"),
         "the mean over the test names of each name's mean loss; average over all the examples at once"),
        *slips(lambda f: f(loss_at(_best(), "test")), *TEST_SIZE),
    )
    # fmt: on

    def reference(self):
        return loss_at(_best(), "test")

    def accept(self, x):
        losses = [loss_at(k, "test") for k in accepted()]
        if not (close(x, min(losses)) or close(x, max(losses)) or min(losses) <= x <= max(losses)):
            return None
        k = min(accepted(), key=lambda k: abs(loss_at(k, "test") - x))
        return (
            f"the test loss {x:.4f}: the model chosen on dev (smoothing about {k:.2g}), judged once on test"
        )


test_loss = TestLoss()
PARTS = {"sweep": sweep, "smoothing": smoothing, "test_loss": test_loss}
__all__ = ["PARTS", "SMOOTHINGS", "SMOOTHING_TOL", "smoothing", "sweep", "test_loss"]
