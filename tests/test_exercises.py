"""Notebook 05's checks: the planted mistakes come from the parts' own rows; right answers pass.

Each part declares its mistakes as rows (``bigram_helpers.exercises.core``): the planted
test runs every form each row's builder makes through the part's check and expects that
row's code, so each code is written once, and two rows that made the same answer would
fail here (neither could be named). Besides: the worked solutions pass; answers a
learner may give that no row covers get measured symptoms, never a named cause; no answer
makes a check raise; answers on a GPU, in float16 or float64, as NumPy arrays or Python
numbers are read or named. ``tests/test_exercises_in_place.py`` pastes the printed solutions
and hints into notebook 05 itself; ``tests/test_exercises_learners.py`` is an independent
table of learners' answers, written from the notebooks alone.
"""

from __future__ import annotations

import functools
import itertools
import math
import os
import random
import re
import subprocess
import sys
import textwrap
import types
import warnings

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bigram_helpers.exercises as E
from bigram_helpers import (
    bigram_counts,
    bigram_dataset,
    bigram_probs,
    neural_loss,
    ngram_counts,
    ngram_probs,
    score,
    train_neural,
)
from bigram_helpers.exercises import SMOOTHINGS, ex1, ex2, ex3, ex4, ex5, ex6
from bigram_helpers.exercises.core import Several
from bigram_helpers.exercises.tables import Optimum
from bigram_helpers.ngram import ngram_dataset, ngram_init_weights, ngram_score, train_ngram_neural_counts

V = 27
C, NA, M, X = E.CORRECT, E.NOT_ATTEMPTED, E.MISTAKE, E.INCORRECT


class Ctx:
    """The inputs the notebook gives, and the reference answers, built once for all the tests."""

    @functools.cached_property
    def words(self):
        return E.core.names()[0]

    @functools.cached_property
    def vocab(self):
        return E.core.names()[1]

    @functools.cached_property
    def N3(self):
        return E.trigram_counts(self.words, self.vocab)

    @functools.cached_property
    def P3(self):
        return E.trigram_probs(self.N3)

    @functools.cached_property
    def loss3(self):
        return E.trigram_loss(self.P3, self.words, self.vocab)

    @functools.cached_property
    def X3Y3(self):
        return ngram_dataset(self.words, self.vocab, 3)

    def W3_start(self):
        return ngram_init_weights(V, torch.Generator().manual_seed(E.SEED), order=3)

    @functools.cached_property
    def W3(self):
        return E.trigram_network(self.W3_start(), *self.X3Y3).detach()

    @functools.cached_property
    def split(self):
        return E.given_split(self.words)

    @functools.cached_property
    def sweep(self):
        return E.ex3.dev_sweep(self.split[0], self.split[1], self.vocab, SMOOTHINGS)

    def test_loss_at(self, k):
        return E.ex3.loss_on_test(self.split[0], self.split[2], self.vocab, k)

    @functools.cached_property
    def xs(self):
        return bigram_dataset(self.words, self.vocab)[0]

    @functools.cached_property
    def ys(self):
        return bigram_dataset(self.words, self.vocab)[1]

    @functools.cached_property
    def W(self):
        return E.given_weights()

    @functools.cached_property
    def N(self):
        return bigram_counts(self.words, self.vocab)

    @functools.cached_property
    def P(self):
        return bigram_probs(self.N)

    def grad(self):
        return E.ex4.gradient_by_indexing(E.given_weights(), self.xs, self.ys)

    @functools.cached_property
    def W_optimum(self):
        return E.train_to_optimum(E.given_weights(), self.N, self.P)


CTX = Ctx()


def answers_for(part, built):
    """The check's arguments for one answer of ``part`` (the network also takes the forward pass)."""
    if part is ex1._FORWARD:
        return (CTX.W3, built)
    if part is ex1.network:
        return (built, E.trigram_nn_loss)
    return (built,)


def forms(row):
    built = row.build()
    return len(built) if isinstance(built, Several) else 1


PLANTED = [
    (part, row, i)
    for part in [*E.all_parts(), ex1._FORWARD]
    for row in part.mistakes
    for i in range(forms(row))
]


@pytest.mark.parametrize(
    "planted",
    PLANTED,
    ids=[f"{p.name}{'-forward' * (p is ex1._FORWARD)}-{r.code}-{i}" for p, r, i in PLANTED],
)
def test_each_row_names_the_answer_it_builds(planted):
    part, row, i = planted
    built = row.build()
    answer = built[i] if isinstance(built, Several) else built
    if isinstance(answer, Optimum):  # weights trained on those examples, as a learner's would be
        answer = E.train_to_optimum(E.given_weights(), answer.counts, bigram_probs(answer.counts))
    judged = ex1.network if part is ex1._FORWARD else part
    result = judged.result(*answers_for(part, answer))
    assert (result.status, result.code) == (M, row.code), result.message
    assert "\n" not in result.message


def test_the_given_split_is_the_solution_of_exercise_2_with_seed_42():
    assert E.given_split(CTX.words) == E.split_names(CTX.words, 42)


def test_the_smallest_smoothing_is_the_one_the_training_names_prefer():
    """ex3.smoothing's smallest_smoothing message says both: check that they are one smoothing."""
    assert min(SMOOTHINGS, key=lambda k: ex3.loss_at(k, "train")) == min(SMOOTHINGS)


def test_the_split_sizes_the_slips_are_written_with():
    assert (E.ex3._size("dev"), E.ex3._size("test")) == (E.ex3.DEV_SIZE, E.ex3.TEST_SIZE)


def test_every_code_is_known_to_its_part():
    for part in E.all_parts():
        for row in part.mistakes:
            assert row.code in part.codes
    assert set(ex1._FORWARD.codes) <= set(ex1.network.codes)


# Right answers written otherwise than the solutions, and wrong ones no row covers (measured symptoms).
def split_with_random(words, seed):
    import random

    order = list(words)
    random.Random(seed).shuffle(order)
    a, b = int(0.8 * len(order)), int(0.1 * len(order))
    return order[:a], order[a : a + b], order[a + b :]


def split_by_hash(words, seed):
    order = sorted(words, key=lambda w: hash((seed, w)))
    a, b = int(0.8 * len(order)), int(0.1 * len(order))
    return order[:a], order[a : a + b], order[a + b :]


def split_rolled(words, seed):
    order = list(np.roll(np.array(words, dtype=object), seed))
    a, b = int(0.8 * len(order)), int(0.1 * len(order))
    return order[:a], order[a : a + b], order[a + b :]


def shift_positive_max(z, y):
    m = z.max(1, keepdim=True).values.clamp(min=0)
    return (m.squeeze(1) + (z - m).exp().sum(1).log() - z[torch.arange(len(y)), y]).mean()


def shift_by_mean(z, y):
    z = z - z.mean(1, keepdim=True)
    probs = z.exp() / z.exp().sum(1, keepdim=True)
    return -probs[torch.arange(len(y)), y].log().mean()


def clamped(z, y):
    z = z.clamp(-80, 80)
    probs = z.exp() / z.exp().sum(1, keepdim=True)
    return -probs[torch.arange(len(y)), y].log().mean()


def trained_with_penalty(c):
    W = E.given_weights()
    train_neural(W, c.xs, c.ys, steps=10_000, lr=70, reg=0.01)
    return W.detach()


def reversed_model(c):
    """W trained to the optimum of the pairs read backwards (xs and ys swapped)."""
    W = E.given_weights()
    train_ngram_neural_counts(W, c.N.T.contiguous(), steps=2000, lr=50)
    return W.detach()


def trained_on_train_split(c):
    N_train = ngram_counts(c.split[0], c.vocab, 2)
    return E.train_to_optimum(E.given_weights(), N_train, ngram_probs(N_train))


def stepped_W_then_cross_entropy(c):
    W = E.given_weights()
    train_neural(W, c.xs, c.ys, steps=1, lr=50)  # exercise 4's W stepped, notebook 04's habit
    return F.cross_entropy(E.ex5.given_logits()[0], c.ys)


# (part, answer builder, status, code; None: any code but a named row's)
CASES = [
    (ex1.counts, lambda c: c.N3, C, None),
    (ex1.counts, lambda c: read_only(c.N3), C, None),  # and no warning besides the line (see below)
    (ex1.counts, lambda c: c.N3.view(V, V, V).int(), C, None),
    (ex1.counts, lambda c: ..., NA, None),
    (ex1.counts, lambda c: c.N3 + 0.5, X, "symptom"),
    (ex1.probs, lambda c: c.P3, C, None),
    (ex1.probs, lambda c: torch.where(c.N3.sum(1, keepdim=True) == 0, 1 / V, c.P3), C, None),
    (ex1.probs, lambda c: c.P3 + 1e-9, C, None),  # 1e-9 where a context never occurs: 0, to rounding
    (ex1.probs, lambda c: ..., NA, None),
    (ex1.loss, lambda c: c.loss3, C, None),
    (ex1.loss, lambda c: torch.tensor(c.loss3), C, None),
    (ex1.loss, lambda c: ..., NA, None),
    (ex1.loss, lambda c: torch.full((228_146,), c.loss3), M, "not_reduced"),
    (ex1.loss, lambda c: 3.0, X, "symptom"),
    (ex1.loss, lambda c: round(c.loss3, 2), M, "rounded"),
    (ex1.network, lambda c: (c.W3, E.trigram_nn_loss), C, None),
    (ex1.network, lambda c: (c.W3.double().numpy(), E.trigram_nn_loss), C, None),
    (ex1.network, lambda c: ..., NA, None),
    (ex1.network, lambda c: (c.W3, lambda W, X, Y: ...), NA, None),
    (ex1.network, lambda c: c.W3, M, "no_forward"),
    (ex1.network, lambda c: (c.W3, lambda W, X, Y: F.one_hot(X, 27).float() @ W), M, "forward_shape"),
    (ex1.network, lambda c: ([4.2, 3.1, 2.9], E.trigram_nn_loss), M, "list_of_losses"),
    (ex1.network, lambda c: (c.W3, lambda W, X, Y: E.trigram_nn_loss(W, *c.X3Y3)), M, "ignores_inputs"),
    (ex1.network, lambda c: (c.W3, one_hot_26), M, "forward_classes"),
    (ex1.network, lambda c: (c.W3, lambda X, Y, W: E.trigram_nn_loss(W, X, Y)), M, "argument_order"),
    (
        ex1.network,
        lambda c: (c.W3, lambda W, X, Y: E.trigram_nn_loss(W.detach(), X, Y)),
        M,
        "forward_detached",
    ),
    # raises as f(W, X, Y), and in the order it was written for gives twice the loss: no order is named
    (ex1.network, lambda c: (c.W3, lambda X, W, Y: 2 * E.trigram_nn_loss(W, X, Y)), X, "raised"),
    # requires grad, but no gradient flows back to W: backward() would leave W.grad None
    (
        ex1.network,
        lambda c: (c.W3, lambda W, X, Y: torch.tensor(E.trigram_nn_loss(W, X, Y).item(), requires_grad=True)),
        M,
        "forward_detached",
    ),
    # no num_classes: the first names' largest index is 22, so 23 per character, side by side
    (
        ex1.network,
        lambda c: (c.W3, lambda W, X, Y: F.cross_entropy(F.one_hot(X).float().flatten(1) @ W, Y)),
        M,
        "forward_width",
    ),
    (ex1.network, lambda c: (-3 * c.W3, E.trigram_nn_loss), M, "loss_went_up"),
    (ex1.network, lambda c: (0.5 * c.W3, E.trigram_nn_loss), M, "keep_training"),
    (ex2.split, lambda c: E.split_names, C, None),
    (ex2.split, lambda c: split_with_random, C, None),
    (ex2.split, lambda c: ..., NA, None),
    (ex2.split, lambda c: lambda words, seed: ..., NA, None),
    (ex2.split, lambda c: E.split_names(c.words, 42), M, "not_a_function"),
    (ex2.split, lambda c: split_by_hash, M, "hash_order"),
    (ex2.split, lambda c: split_rolled, M, "unshuffled"),
    (ex2.split, lambda c: split_as_dict, X, "symptom"),
    (ex2.split, lambda c: split_as_tuples, X, "wrong_type"),  # the text asks for three lists
    (ex3.sweep, lambda c: c.sweep, C, None),
    (ex3.sweep, lambda c: {torch.tensor(k).item(): x for k, x in c.sweep.items()}, C, None),  # float32 keys
    (ex3.sweep, lambda c: ..., NA, None),
    (ex3.sweep, lambda c: list(c.sweep.values()), X, "wrong_type"),
    (ex3.sweep, lambda c: {str(k): x for k, x in c.sweep.items()}, M, "string_keys"),
    (ex3.sweep, lambda c: dict.fromkeys(c.sweep, c.sweep[1.0]), X, "symptom"),
    (ex3.smoothing, lambda c: 0.1, C, None),
    (ex3.smoothing, lambda c: 0.15, C, None),
    (ex3.smoothing, lambda c: ..., NA, None),
    (ex3.smoothing, lambda c: c.sweep, M, "the_sweep"),
    (ex3.smoothing, lambda c: 0.0005, X, "symptom"),
    (ex3.test_loss, lambda c: c.test_loss_at(0.1), C, None),
    (ex3.test_loss, lambda c: c.test_loss_at(0.15), C, None),
    (ex3.test_loss, lambda c: ..., NA, None),
    (ex3.test_loss, lambda c: round(c.test_loss_at(0.1), 3), M, "rounded"),
    (ex4.logits, lambda c: c.W[c.xs], C, None),
    (ex4.logits, lambda c: F.one_hot(c.xs, V).float() @ c.W, C, None),
    (ex4.logits, lambda c: ..., NA, None),
    (ex4.logits, lambda c: c.W[c.xs].T, X, "symptom"),
    (ex4.logits, lambda c: c.W[(c.xs - 1) % V], X, "symptom"),
    (ex4.grad, lambda c: c.grad(), C, None),
    (ex4.grad, lambda c: ..., NA, None),
    (ex4.grad, lambda c: None, M, "grad_none"),
    (ex4.grad, lambda c: c.grad() + 0.01, X, "symptom"),
    (ex5.loss, lambda c: F.cross_entropy(E.ex5.given_logits()[0], c.ys), C, None),
    (ex5.loss, stepped_W_then_cross_entropy, C, None),
    (ex5.loss, lambda c: ..., NA, None),
    # 3.76 is also label_smoothing=0.05's loss, within tolerance: the rounding is said, not that
    (ex5.loss, lambda c: round(F.cross_entropy(E.ex5.given_logits()[0], c.ys).item(), 2), M, "rounded"),
    (ex5.stable, lambda c: E.stable_nll, C, None),
    (ex5.stable, lambda c: stable_summed_in_float32, C, None),  # W[xs]'s total drifts 1.5e-5 in float32
    (ex5.stable, lambda c: F.cross_entropy, C, None),
    (ex5.stable, lambda c: ..., NA, None),
    (ex5.stable, lambda c: lambda logits, ys: ..., NA, None),
    (ex5.stable, lambda c: shift_positive_max, M, "positive_shift"),
    (ex5.stable, lambda c: shift_by_mean, M, "subtracts_mean"),
    (ex5.stable, lambda c: clamped, X, "symptom"),
    (ex5.stable, lambda c: 3.759, X, "wrong_type"),
    (ex6.weights, lambda c: c.W_optimum, C, None),
    # stops 1.5e-7 beyond the goal in float64, within float32's rounding of the loss
    (ex6.weights, lambda c: hint_3_until_float32_within_tolerance(c), C, None),
    (ex6.weights, lambda c: torch.log(c.N + 2.0), M, "smoothed_target"),  # said as "such as N + 1"
    (ex6.weights, lambda c: torch.round(c.W_optimum, decimals=1), M, "rounded_weights"),
    (ex6.weights, lambda c: torch.softmax(c.W, 1), M, "probabilities"),
    (ex6.weights, lambda c: ..., NA, None),
    (ex6.weights, lambda c: [3.76, 3.37, 3.15], M, "list_of_losses"),
    (ex6.weights, lambda c: trained_with_penalty(c), M, "penalty_balance"),
    (ex6.weights, lambda c: torch.log(c.P + 1e-3), M, "p_plus_epsilon"),
    (ex6.weights, lambda c: c.W3, X, "wrong_shape"),
]


def one_hot_26(W, X, Y):
    """num_classes=26: the reshape to 54 inputs fails (the lesson's letters run to 26)."""
    return F.cross_entropy(F.one_hot(X.clamp(max=25), num_classes=26).float().view(-1, 54) @ W, Y)


def split_as_dict(words, seed):
    train, dev, test = E.split_names(words, seed)
    return {"train": train, "dev": dev, "test": test}


def split_as_tuples(words, seed):
    return tuple(tuple(part) for part in E.split_names(words, seed))


def stable_summed_in_float32(logits, ys):
    """A right stable NLL whose total runs example by example in float32, as a per-row loop adds it."""
    m = logits.max(1, keepdim=True).values
    losses = m.squeeze(1) + (logits - m).exp().sum(1).log() - logits[torch.arange(len(ys)), ys]
    return float(np.cumsum(losses.detach().numpy(), dtype=np.float32)[-1]) / len(ys)


def hint_3_until_float32_within_tolerance(c):
    """Hint 3's step, repeated until the float32 loss, as neural_loss gives it, is within 1e-4."""
    counting_loss = score(c.words, c.P, c.vocab).mean_nll
    W = E.given_weights().detach().clone()
    for step in itertools.count():  # the loss is measured from step 2,200 on (it stops at 2,298)
        if step >= 2200 and neural_loss(W, c.xs, c.ys).item() - counting_loss < ex6.OPTIMUM_TOL:
            assert step > 2200, "measure from an earlier step"
            return W
        W -= 4.0 * (torch.softmax(W, dim=1) - c.P)


def read_only(t):
    array = t.numpy().copy()
    array.setflags(write=False)  # torch warns when it reads such an array
    return array


def case_id(case):
    part, _, status, code = case
    return f"{part.name}-{code or status}"


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_check_gives(case):
    part, build, status, code = case
    answer = build(CTX)
    result = (
        part.result(*answer) if isinstance(answer, tuple) and part is ex1.network else part.result(answer)
    )
    assert (result.status, result.code) == (status, code), result.message
    assert "\n" not in result.message


def stride_26_counts(c):
    X, Y = c.X3Y3
    N3 = torch.zeros((V * V, V), dtype=torch.int64)
    return N3.index_put_((X[:, 0] * 26 + X[:, 1], Y), torch.ones(len(Y), dtype=torch.int64), accumulate=True)


def clamped_log(W, X, Y):
    """Right while no probability falls under 1e-10: larger weights show the clamp."""
    probs = torch.softmax(F.one_hot(X, V).float().view(-1, 2 * V) @ W, 1)
    return -probs[torch.arange(len(Y)), Y].clamp(min=1e-10).log().mean()


def mean_over_cells(W, X, Y):
    log_probs = torch.log_softmax(F.one_hot(X, V).float().view(-1, 2 * V) @ W, 1)
    return -(log_probs * F.one_hot(Y, V)).mean()


def clamped_to_80(logits, ys):
    """Softmax of the logits clamped to [-80, 80]: a row such as [101, 102, 103] becomes all equal."""
    z = logits.clamp(-80, 80)
    return -torch.log_softmax(z, 1)[torch.arange(len(ys)), ys].mean()


def stride_26_probs(c):
    N3 = stride_26_counts(c)
    return N3 / N3.sum(1, keepdim=True).clamp(min=1)


def grad_with_a_nan(c):
    grad = c.grad().clone()
    grad[3, 5] = math.nan
    return grad


def scores_not_losses(c):
    """The sweep's values as ngram_score's results, not their .mean_nll."""
    P = ngram_probs(ngram_counts(c.split[0], c.vocab, 3), 0.1)
    return {0.1: ngram_score(c.split[1], P, c.vocab, order=3)}


class ItemsRaise(dict):
    """A dict whose items() raises: an answer no reader foresaw."""

    def items(self):
        raise RuntimeError("items() failed")


# What a measured symptom must say about an answer no row explains (the fact it measured), or
# what an unreadable answer is told.
SYMPTOMS = [
    (ex1.counts, stride_26_counts, ["its row were c1 * 26 + c2", "has row c1 * 27 + c2"]),
    (ex1.probs, lambda c: (c.N3 + 0.001) / (c.N3 + 0.001).sum(1, keepdim=True), ["plus 0.001", "smoothing"]),
    (ex1.network, lambda c: (c.W3, mean_over_cells), ["k = 0.03704, that is 1/27"]),
    (ex2.split, lambda c: split_as_dict, ["returns a dict"]),
    (
        ex3.sweep,
        lambda c: {k: round(x, 2) for k, x in c.sweep.items()},
        ["the right ones rounded to 2 decimals"],
    ),
    (ex3.sweep, lambda c: dict.fromkeys(c.sweep, c.sweep[1.0]), ["smoothing 1", "do not change"]),
    (ex4.logits, lambda c: c.W[(c.xs - 1) % V], ["shifted by -1", "where xs is 0 ('.') it is W[26]"]),
    (ex4.grad, lambda c: c.grad() / len(c.xs), ["k times", "that is 1/228,146"]),
    (ex4.grad, lambda c: c.grad() * len(c.xs) / 27, ["k times", "k = 845"]),
    (ex4.logits, lambda c: c.W[c.xs] * 1.0005, ["k times the reference, k = 1.0005"]),
    (ex1.probs, lambda c: torch.round(c.P3, decimals=3), ["the reference's rounded to 3 decimals"]),
    (ex4.logits, lambda c: torch.round(c.W[c.xs], decimals=2), ["the reference's rounded to 2 decimals"]),
    (ex1.counts, lambda c: c.N3.float().clamp(min=1e-10), ["those that are 0 in the reference, here 1e-10"]),
    (ex1.counts, lambda c: c.N3.clamp(min=1), ["those that are 0 in the reference, here 1;"]),
    (
        ex1.counts,
        lambda c: c.N3.clamp(max=100),
        ["are all 100, the answer's greatest value, where the reference"],
    ),
    (ex4.logits, lambda c: c.W[c.xs].clamp(-1, 1), ["are -1 or 1, the answer's least and greatest values"]),
    (ex1.counts, lambda c: c.N3.float().log1p(), ["every entry is log(1 + the reference's)"]),
    (
        ex4.logits,
        lambda c: torch.log_softmax(c.W[c.xs], 1),
        ["the log_softmax over each row of the reference"],
    ),
    (ex1.network, lambda c: (c.W3, clamped_log), ["for a W four times larger"]),
    (ex1.network, lambda c: (c.W3, lambda W, X, Y: E.trigram_nn_loss(c.W3, X, Y)), ["each of the three W"]),
    (ex5.stable, lambda c: lambda logits, ys: torch.tensor(3.759), ["3.759 on each of the 10 logits"]),
    (ex1.probs, lambda c: torch.full((V * V, V), 1 / V), ["entries that differ are all 0.037037; 19,680 of"]),
    (ex5.stable, lambda c: clamped_to_80, ["[[101.0, 102.0, 103.0]]", "1.09861 (ln 3: the loss when"]),
    (ex1.counts, lambda c: c.N3[:, : V - 1], ["expected shape (729, 27), got (729, 26)"]),
    (ex1.probs, stride_26_probs, ["its row were c1 * 26 + c2", "has row c1 * 27 + c2"]),
    (ex4.grad, grad_with_a_nan, ["1 entries are NaN or inf where the reference is finite, in 1 rows"]),
    (ex1.counts, lambda c: np.array(["a", "b"]), ["could not read this ndarray as numbers"]),
    (ex1.counts, lambda c: c.N3 > 0, ["(a tensor of real numbers), got dtype bool"]),
    (ex1.network, lambda c: (c.W3, 2.4), ["the second answer is your forward pass, a function; got float"]),
    (ex3.sweep, scores_not_losses, ["expected a dev loss (a number)", "its .mean_nll is the loss"]),
    (
        ex3.sweep,
        lambda c: ItemsRaise({0.1: 2.0}),
        ["could not read this answer (RuntimeError: items() failed)"],
    ),
]


@pytest.mark.parametrize(
    "part, build, says", SYMPTOMS, ids=[f"{p.name}-{i}" for i, (p, _, _) in enumerate(SYMPTOMS)]
)
def test_a_measured_symptom_says_what_it_measured(part, build, says):
    answer = build(CTX)
    result = part.result(*answer) if isinstance(answer, tuple) else part.result(answer)
    assert result.status == X and all(s in result.message for s in says), result.message


def test_where_the_network_differs_most_is_a_context_that_occurs():
    """A context no name has (such as 'u.') has no examples: its probabilities are any W's guess."""
    W = E.ex1._trained3().float()
    W[V] += 10 * torch.randn(V, generator=torch.Generator().manual_seed(0))  # newer character '.'
    result = ex1.network.result(W, E.trigram_nn_loss)
    first, second = result.message.rsplit("(context '", 1)[1][:2]
    stoi = CTX.vocab.stoi
    assert result.code == "off_the_way" and CTX.N3[stoi[first] * V + stoi[second]].sum() > 0, result.message


def test_a_part_typed_alone_names_itself_and_what_it_can_do():
    """What a learner sees on typing ``ex1.counts`` in a cell: the part, and methods that exist."""
    for part in E.all_parts():
        shown = repr(part)
        assert part.name in shown
        methods = re.findall(r"\.(\w+)\(", shown)
        assert methods and all(callable(getattr(part, m, None)) for m in methods), shown


def test_a_cap_is_said_only_where_every_entry_lies_within_it():
    """Entries that differ, all at one value beyond which the reference lies, are no cap when
    other entries of the answer lie beyond that value too (counts lost, not capped); a cap is
    said as what was measured, never as "clamped" (the answer may have overwritten, not clamped)."""
    lost = torch.where(CTX.N3 > 1000, 0, CTX.N3)  # the largest counts dropped; those up to 1000 kept
    one_more = CTX.N3.clone()
    one_more[0, 5] += 1
    for answer, says in ((lost, "the 21 entries that differ are all 0; "), (one_more, "1 of the 19,683")):
        message = ex1.counts.result(answer).message
        assert "greatest" not in message and "least" not in message and says in message, message
    capped = ex1.counts.result(CTX.N3.clamp(max=1000)).message
    assert "all 1000, the answer's greatest value, where the reference is greater" in capped
    assert "clamp" not in capped


def test_a_check_prints_no_warning_while_it_reads_an_answer():
    """torch warns when it reads a read-only NumPy array; the check's one line is all the learner sees."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert ex1.counts.result(read_only(CTX.N3)).correct


def test_every_part_has_a_correct_and_a_placeholder_case():
    for part in E.all_parts():
        statuses = {case[2] for case in CASES if case[0] is part}
        assert {C, NA} <= statuses, part.name


@pytest.mark.parametrize("build", [reversed_model, trained_on_train_split], ids=["reversed", "train-split"])
def test_keep_training_is_said_only_on_the_way_to_the_goal(build):
    """Weights that converged elsewhere are not told to train on, though more steps lower their loss."""
    result = ex6.weights.result(build(CTX))
    assert result.status == M and result.code != "keep_training", result.message
    assert "keep training" not in result.message


def test_keep_training_is_said_for_weights_on_the_way():
    W = E.given_weights()
    train_neural(W, CTX.xs, CTX.ys, steps=100, lr=50)
    result = ex6.weights.result(W)
    assert result.code == "keep_training" and "2.4727" in result.message, result.message


def test_a_gradient_passed_as_weights_is_not_told_to_train_on():
    result = ex6.weights.result(CTX.grad())
    assert result.code != "keep_training" and not result.correct, result.message


def test_a_hash_ordered_split_really_moves_in_a_new_interpreter():
    """The check's salted hash() stands in for another PYTHONHASHSEED: a real second interpreter agrees."""
    code = textwrap.dedent(
        """
        import sys
        words = sys.stdin.read().split()
        order = sorted(words, key=lambda w: hash((42, w)))
        print(order[0], order[-1])
        """
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            input="\n".join(CTX.words[:500]),
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(runs) == 2
    assert ex2.split.result(split_by_hash).code == "hash_order"


def seeded_by(key):
    """A split whose generator is seeded with ``key(seed)``: hash() of an int is the same in every
    interpreter, hash() of a string is not (PYTHONHASHSEED)."""

    def split_names(words, seed):
        order = random.Random(key(seed)).sample(words, k=len(words))
        a, b = int(0.8 * len(words)), int(0.1 * len(words))
        return order[:a], order[a : a + b], order[a + b :]

    return split_names


def test_a_seed_hashed_from_a_string_is_seen_to_move_and_one_from_an_int_is_not():
    assert ex2.split.result(seeded_by(lambda seed: hash(f"names-{seed}"))).code == "hash_order"
    assert ex2.split.result(seeded_by(lambda seed: hash(seed))).correct
    assert ex2.split.result(seeded_by(lambda seed: hash((seed, 7)))).correct


def test_check_prints_one_line(capsys):
    ex1.loss.check(...)
    ex1.loss.check(CTX.loss3)
    ex1.loss.hint(2)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "ex1.loss: Not attempted yet: replace the ... with your answer, then run"
    assert lines[1] == "ex1.loss: Correct: the trigram counting model's loss on all the names is 2.1857"
    assert lines[2].startswith("ex1.loss hint 2 of 3: ")
    assert len(lines) == 3


def chatty(fn):
    """``fn`` as a learner debugging it might write it: it prints and warns on every call."""

    def run(*args):
        print("shapes:", [getattr(a, "shape", None) for a in args])
        warnings.warn("a learner's own warning", stacklevel=2)
        return fn(*args)

    return run


@pytest.mark.parametrize(
    "part, answers",
    [
        (ex2.split, lambda: (chatty(E.split_names),)),
        (ex5.stable, lambda: (chatty(E.stable_nll),)),
        (ex1.network, lambda: (CTX.W3, chatty(E.trigram_nn_loss))),
        (ex1.network, lambda: (CTX.W3, chatty(lambda X, Y, W: E.trigram_nn_loss(W, X, Y)))),
    ],
)
def test_a_function_that_prints_still_gets_one_line(part, answers, capsys):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning that escaped the check would raise here
        part.check(*answers())
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 1 and captured.out.startswith(f"{part.name}: "), captured.out
    assert captured.err == ""


def test_a_function_that_changes_its_input_in_place_leaves_the_checks_inputs_alone():
    logits = E.ex5.given_logits()[0].clone()

    def exp_in_place(z, y):
        z.exp_()
        return -(z / z.sum(1, keepdim=True))[torch.arange(len(y)), y].log().mean()

    assert not ex5.stable.result(exp_in_place).correct
    assert torch.equal(E.ex5.given_logits()[0], logits)
    assert ex5.stable.result(E.stable_nll).correct


# The inputs each solution takes, as the notebook gives them.
SOLUTION_ARGS = {
    "ex1.counts": lambda c: (c.words, c.vocab),
    "ex1.probs": lambda c: (c.N3,),
    "ex1.loss": lambda c: (c.P3, c.words, c.vocab),
    "ex1.network": lambda c: (c.W3_start(), *c.X3Y3),
    "ex2.split": None,  # the function itself is the answer
    "ex3.sweep": lambda c: (c.split[0], c.split[1], c.vocab, SMOOTHINGS),
    "ex3.smoothing": lambda c: (c.sweep,),
    "ex3.test_loss": lambda c: (c.split[0], c.split[2], c.vocab, 0.1),
    "ex4.logits": lambda c: (E.given_weights(), c.xs),
    "ex4.grad": lambda c: (E.given_weights(), c.xs, c.ys),
    "ex5.loss": lambda c: (E.given_weights()[c.xs], c.ys),
    "ex5.stable": None,
    "ex6.weights": lambda c: (E.given_weights(), c.N, c.P),
}
EXTRA_ANSWERS = {"ex1.network": (E.trigram_nn_loss,)}  # the forward pass goes with W3


@pytest.mark.parametrize("part", E.all_parts(), ids=[p.name for p in E.all_parts()])
def test_solution_prints_its_source_and_passes_its_check(part, capsys):
    import inspect

    part.solution()
    printed = capsys.readouterr().out
    for fn in part.solutions:
        assert inspect.getsource(fn).rstrip() in printed
    assert part.answer_line in printed
    args = SOLUTION_ARGS[part.name]
    answer = part.solutions[-1] if args is None else part.solutions[-1](*args(CTX))
    result = part.result(answer, *EXTRA_ANSWERS.get(part.name, ()))
    assert result.correct, result.message


ANSWERS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=5),
    st.lists(st.floats(allow_nan=True), max_size=4),
    st.dictionaries(st.floats(allow_nan=True), st.floats(allow_nan=True), max_size=4),
    st.tuples(st.lists(st.text(max_size=3), max_size=3), st.integers(), st.none()),
    st.builds(
        lambda shape, dtype, fill: torch.full(shape, fill).to(dtype),
        st.lists(st.sampled_from([0, 1, 2, 3, 27, 54, 729]), max_size=3).map(tuple),
        st.sampled_from([torch.float32, torch.float64, torch.int64, torch.int32, torch.bool, torch.uint8]),
        st.sampled_from([0.0, 1.0, -1.0, 0.5, math.nan, math.inf, -math.inf]),
    ),
    st.builds(  # tensors of the shapes the parts expect, with arbitrary values
        lambda shape, seed, scale: torch.randn(shape, generator=torch.Generator().manual_seed(seed)) * scale,
        st.sampled_from([(729, 27), (27, 27, 27), (54, 27), (27, 27), (27, 729), (1,), ()]),
        st.integers(0, 2**16),
        st.sampled_from([0.0, 1.0, 1e6, -1e30, math.nan]),
    ),
    st.builds(lambda value: lambda *args: value, st.one_of(st.none(), st.floats(), st.text(max_size=3))),
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(part=st.sampled_from(E.all_parts()), answer=ANSWERS)
def test_result_never_raises(part, answer):
    result = part.result(answer)
    assert result.status in {C, NA, M, X}
    assert result.code is None or result.code in part.codes
    assert (result.code is None) == (result.status in {C, NA})
    assert result.message and "\n" not in result.message


@pytest.mark.parametrize("part", E.all_parts(), ids=[p.name for p in E.all_parts()])
def test_hints_are_graded_one_line_each(part, capsys):
    count = len(part.hints)
    assert count >= 2, f"{part.name} needs at least two hints, from a nudge to nearly the answer"
    for n in range(1, count + 1):
        part.hint(n)
    part.hint(count + 1)
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines[:count]] == [
        f"{part.name} hint {n} of {count}" for n in range(1, count + 1)
    ]
    assert lines[count] == f"{part.name}: there are hints 1 to {count}; try hint(1)"


class FakeCuda(torch.Tensor):
    """A tensor that says it lives on a GPU, as a Colab GPU runtime's tensors do; .cpu() brings it back."""

    @property
    def device(self):
        return types.SimpleNamespace(type="cuda", index=0)

    def cpu(self):
        return self.as_subclass(torch.Tensor)


class CudaLike:
    """Not a tensor at all, but shaped like one on a GPU (``.device.type == "cuda"``, ``.cpu()``)."""

    def __init__(self, t, cpu_works=True):
        self._t, self._cpu_works = t, cpu_works
        self.device = types.SimpleNamespace(type="cuda", index=0)

    def cpu(self):
        if not self._cpu_works:
            raise RuntimeError("CUDA error: no kernel image is available")
        return self._t


# One correct tensor answer (or a builder of one) for each part that takes a tensor or a number.
TENSOR_ANSWERS = {
    "ex1.counts": lambda c: c.N3,
    "ex1.probs": lambda c: c.P3,
    "ex1.loss": lambda c: torch.tensor(c.loss3),
    "ex3.test_loss": lambda c: torch.tensor(c.test_loss_at(0.1)),
    "ex4.logits": lambda c: c.W[c.xs].detach(),
    "ex4.grad": lambda c: c.grad(),
    "ex5.loss": lambda c: F.cross_entropy(c.W[c.xs], c.ys),
    "ex6.weights": lambda c: c.W_optimum,
}
PARTS_BY_NAME = {p.name: p for p in E.all_parts()}


@pytest.mark.parametrize("name", list(TENSOR_ANSWERS))
@pytest.mark.parametrize("wrap", ["fake_cuda_subclass", "cuda_like", "float64", "numpy", "sparse"])
def test_answers_on_other_devices_and_dtypes_are_read(name, wrap):
    t = TENSOR_ANSWERS[name](CTX).detach()
    answer = {
        "fake_cuda_subclass": lambda: t.as_subclass(FakeCuda),
        "cuda_like": lambda: CudaLike(t),
        "float64": lambda: t.double(),
        "numpy": lambda: t.double().numpy(),
        "sparse": lambda: t.to_sparse(),  # a table built with torch.sparse_coo_tensor, say
    }[wrap]()
    result = PARTS_BY_NAME[name].result(answer)
    assert result.correct, result.message


@pytest.mark.parametrize("name", list(TENSOR_ANSWERS))
def test_a_float16_answer_is_named_as_too_few_digits(name):
    result = PARTS_BY_NAME[name].result(TENSOR_ANSWERS[name](CTX).detach().half())
    assert (result.status, result.code) == (M, "low_precision"), result.message
    assert "float16" in result.message


@pytest.mark.parametrize("name", list(TENSOR_ANSWERS))
def test_a_gpu_tensor_that_cannot_come_back_is_named(name):
    result = PARTS_BY_NAME[name].result(CudaLike(TENSOR_ANSWERS[name](CTX).detach(), cpu_works=False))
    assert result.status == X and "cuda" in result.message


@pytest.mark.parametrize("name", ["ex1.loss", "ex3.test_loss", "ex5.loss", "ex3.smoothing"])
def test_python_and_numpy_numbers_are_read(name):
    value = {
        "ex1.loss": CTX.loss3,
        "ex3.test_loss": CTX.test_loss_at(0.1),
        "ex5.loss": F.cross_entropy(CTX.W[CTX.xs], CTX.ys).item(),
        "ex3.smoothing": 0.1,
    }[name]
    for answer in (value, np.float64(value), np.float32(value), np.array(value)):
        result = PARTS_BY_NAME[name].result(answer)
        assert result.correct, (type(answer), result.message)


def test_integer_tensors_are_read_where_integers_make_sense():
    assert ex1.counts.result(CTX.N3.int()).correct
    assert ex1.counts.result(CTX.N3.numpy().astype("int32")).correct
    assert ex3.smoothing.result(torch.tensor(1)).code == "lesson_default"
    assert ex1.probs.result(CTX.P3.long()).status in {
        M,
        X,
    }  # all zeros but the certain rows: judged, not raised
