"""Notebook 05's checks: each accepts its reference, sees ``...`` as not attempted, and names each mistake.

The table ``CASES`` is the authoring copy of the exercises: for every part, the
reference answer, the placeholder, and one answer per typical mistake, each with the
status and mistake code the check must give. A test makes sure that every mistake code
a part can return is planted here (the loss slips of ``SLIP_CODES``, shared by every
loss, at least once); Hypothesis makes sure that no answer makes a check raise; answers
on a GPU, in float16 or float64, as NumPy arrays or Python numbers are read or named; and
each solution passes its own check. ``tests/test_exercises_in_place.py`` pastes the printed
solutions and hints into notebook 05 itself; ``tests/test_exercises_learners.py`` is an
independent table of learners' answers, written from the notebooks alone.
"""

from __future__ import annotations

import functools
import inspect
import math
import random
import types

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lesson_reference import lesson_grams

import bigram_helpers
import bigram_helpers.exercises as E
from bigram_helpers import (
    bigram_counts,
    bigram_dataset,
    bigram_probs,
    ngram_counts,
    ngram_probs,
    train_neural,
)
from bigram_helpers.exercises import SMOOTHINGS, ex1, ex2, ex3, ex4, ex5, ex6
from bigram_helpers.exercises.core import READER_CODES, SLIP_CODES
from bigram_helpers.ngram import ngram_dataset, ngram_init_weights

V = 27


class Ctx:
    """The inputs the notebook gives, and the reference answers, built once for all the cases."""

    @functools.cached_property
    def words(self):
        return E.core.names()[0]

    @functools.cached_property
    def vocab(self):
        return E.core.names()[1]

    def counts_by_hand(self, markers=2, reverse=False):
        """A (729, 27) table from plain-Python trigram counts; ``markers`` start markers before each name."""
        stoi = self.vocab.stoi
        grams = lesson_grams(self.words, 3)  # '..emma.': two markers
        table = torch.zeros((V * V, V), dtype=torch.int64)
        for (c1, c2, c3), n in ((tuple(g), n) for g, n in grams.items()):
            if markers == 1 and c1 + c2 == "..":
                continue  # '.emma.' has no trigram '..e'
            row = stoi[c2] * V + stoi[c1] if reverse else stoi[c1] * V + stoi[c2]
            table[row, stoi[c3]] += n
        return table

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
    def bigram_W(self):
        W = E.given_weights()
        train_neural(W, self.xs, self.ys, steps=100, lr=50)
        return W.detach()

    @functools.cached_property
    def split(self):
        return E.given_split(self.words)

    @functools.cache  # noqa: B019 (one context object lives for the whole run)
    def sweep(self, order=3, on="dev", counted_on="train"):
        train, dev, test = self.split
        source = {"train": train, "all": self.words}[counted_on]
        target = {"train": train, "dev": dev, "test": test}[on]
        N_ = ngram_counts(source, self.vocab, order)
        X, Y = ngram_dataset(target, self.vocab, order)
        rows = X[:, 0] * V + X[:, 1] if order == 3 else X[:, 0]
        return {k: -ngram_probs(N_, k)[rows, Y].double().log().mean().item() for k in SMOOTHINGS}

    def loss_at(self, smoothing, on):
        train, dev, test = self.split
        P = ngram_probs(ngram_counts(train, self.vocab, 3), smoothing)
        return mean_nll(P, {"train": train, "dev": dev, "test": test}[on], self.vocab, 3)

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

    def grad(self, passes=1, total=False):
        W = E.given_weights()
        for _ in range(passes):
            logits = W[self.xs]
            loss = F.cross_entropy(logits, self.ys, reduction="sum" if total else "mean")
            loss.backward()
        return W.grad


def mean_nll(P, words, vocab, order):
    return bigram_helpers.mean_nll(P, *ngram_dataset(words, vocab, order))


def cut(names):
    n = len(names)
    a, b = int(0.8 * n), int(0.1 * n)
    return names[:a], names[a : a + b], names[a + b :]


def split_with_random(words, seed):  # another right answer: Python's random, seeded
    order = list(words)
    random.Random(seed).shuffle(order)
    return cut(order)


def split_in_place(words, seed):
    random.Random(seed).shuffle(words)
    return cut(words)


def split_unseeded(words, seed):
    return cut(random.sample(words, len(words)))


def split_fixed_seed(words, seed):
    return split_with_random(words, 0)


def split_lost(words, seed):
    order = random.Random(seed).sample(words, len(words))
    n = len(order)
    a, b = int(0.8 * n), int(0.1 * n)
    return order[:a], order[a : a + b], order[a + b : a + 2 * b]


def split_overlap(words, seed):
    order = random.Random(seed).sample(words, len(words))
    a, b = int(0.8 * len(order)), int(0.1 * len(order))
    return order[:a], order[a : a + b + 1], order[a + b :]


def split_halves(words, seed):
    order = random.Random(seed).sample(words, len(words))
    half = len(order) // 2
    return order[:half], order[half : half + half // 2], order[half + half // 2 :]


def split_pairs(words, seed):
    xs, _ = bigram_dataset(words, E.core.names()[1])
    return cut(xs)


def split_raises(words, seed):
    raise KeyError(seed)


def split_renamed(words, seed):
    train, dev, test = split_with_random(words, seed)
    return [w.upper() for w in train], dev, test


def naive_nll(logits, ys):
    probs = logits.exp() / logits.exp().sum(1, keepdim=True)
    return -probs[torch.arange(len(ys)), ys].log().mean()


def min_shift_nll(logits, ys):
    return naive_nll(logits - logits.min(1, keepdim=True).values, ys)


def probs_then_log_nll(logits, ys):
    return naive_nll(logits - logits.max(1, keepdim=True).values, ys)


def nan_like(t):
    out = t.clone().detach()
    out[0, 0] = float("nan")
    return out


def trained_with_reg(c):
    W = E.given_weights()
    train_neural(W, c.xs, c.ys, steps=1000, lr=50, reg=0.01)
    return W.detach()


def with_row_swapped(P3):
    out = P3.clone()
    out[5] = out[5].flip(0)
    return out


def no_end(N3):
    out = N3.clone()
    out[:, 0] = 0
    return out


def per_name_mean(c):
    X, Y = ngram_dataset(c.words, c.vocab, 3)
    nll = -c.P3[X[:, 0] * V + X[:, 1], Y].double().log()
    return torch.stack([p.mean() for p in nll.split([len(w) + 1 for w in c.words])]).mean().item()


def penalised_grad(c):
    W = E.given_weights()
    (F.cross_entropy(W[c.xs], c.ys) + 0.01 * (W**2).mean()).backward()
    return W.grad


def logits_grad(c):
    logits = c.W[c.xs].detach().requires_grad_()
    F.cross_entropy(logits, c.ys).backward()
    return logits.grad


def global_max_nll(z, y):
    m = z.max()  # the largest logit of the whole tensor, not of each row
    return (m + (z - m).exp().sum(1).log() - z[torch.arange(len(y)), y]).mean()


def end_twice(c):
    """The extra trigrams of '..emma..': one per name, 'a.' followed by '.'."""
    extra = torch.zeros((V * V, V), dtype=torch.int64)
    for w in c.words:
        extra[c.vocab.stoi[w[-1]] * V, 0] += 1
    return extra


class Args(tuple):
    """Several answers for one check: ``part.result(*args)``."""


def forward_newer_only(W, X, Y):
    return F.cross_entropy(W[V + X[:, 1]], Y)


def forward_sum(W, X, Y):
    return E.trigram_nn_loss(W, X, Y) * len(Y)


def forward_wrong(W, X, Y):
    return E.trigram_nn_loss(W, X, Y) + 0.5


def net(W, forward=E.trigram_nn_loss):
    return Args((W, forward))


def split_set(words, seed):
    return split_with_random(sorted(set(words)), seed)


def column_softmax_trained(c):
    W = E.given_weights().detach().clone()
    N = c.N.double()
    for _ in range(300):
        S = torch.softmax(W.double(), dim=0)
        W -= (50 * (N.sum(0, keepdim=True) * S - N) / N.sum()).float()
    return W


ANY = object()  # the status alone is checked
C, NA, M, X = E.CORRECT, E.NOT_ATTEMPTED, E.MISTAKE, E.INCORRECT

# (part, answer builder, status, code)
CASES = [
    (ex1.counts, lambda c: c.N3, C, None),
    (ex1.counts, lambda c: ngram_counts(c.words, c.vocab, 3).view(V, V, V), C, None),
    (ex1.counts, lambda c: ..., NA, None),
    (ex1.counts, lambda c: c.counts_by_hand(markers=1), M, "one_start_marker"),
    (ex1.counts, lambda c: c.counts_by_hand(reverse=True), M, "context_reversed"),
    (ex1.counts, lambda c: c.N3.T, M, "transposed"),
    (ex1.counts, lambda c: c.N, M, "bigram_table"),
    (ex1.counts, lambda c: no_end(c.N3), M, "no_end_marker"),
    (ex1.counts, lambda c: c.N3.view(V, V, V).permute(2, 0, 1), M, "axes_order"),
    (ex1.counts, lambda c: c.N3.half(), M, "low_precision"),
    (
        ex1.counts,
        lambda c: c.N3 + end_twice(c),
        M,
        "two_end_markers",
    ),
    (ex1.counts, lambda c: ngram_counts(sorted(set(c.words)), c.vocab, 3), M, "duplicates_dropped"),
    (ex1.counts, lambda c: c.N3.int(), C, None),
    (ex1.counts, lambda c: c.N3 + 1, M, "smoothed_counts"),
    (ex1.counts, lambda c: c.P3, M, "probs_not_counts"),
    (ex1.counts, lambda c: torch.zeros(10), X, "wrong_shape"),
    (ex1.counts, lambda c: "N3", X, "wrong_type"),
    (ex1.counts, lambda c: c.N3 + (c.N3 > 0), X, "wrong_value"),
    (ex1.probs, lambda c: c.P3, C, None),
    (ex1.probs, lambda c: ngram_probs(c.N3).view(V, V, V), C, None),
    (ex1.probs, lambda c: torch.where(c.N3.sum(1, keepdim=True) == 0, 1 / V, c.P3), C, None),
    (ex1.probs, lambda c: ..., NA, None),
    (ex1.probs, lambda c: c.N3 / c.N3.sum(1, keepdim=True), M, "nan_rows"),
    (ex1.probs, lambda c: c.N3.view(V, V, V) / c.N3.view(V, V, V).sum(2), M, "no_keepdim"),
    (ex1.probs, lambda c: c.N3.float(), M, "counts_not_probs"),
    (ex1.probs, lambda c: c.N3 // c.N3.sum(1, keepdim=True).clamp(min=1), M, "integer_division"),
    (ex1.probs, lambda c: c.N3 / c.N3.sum(), M, "normalised_by_total"),
    (ex1.probs, lambda c: c.P3.log(), M, "log_probs"),
    (ex1.probs, lambda c: c.N3 / c.N3.sum(0, keepdim=True), M, "columns_normalised"),
    (ex1.probs, lambda c: ngram_probs(c.N3, 1), M, "smoothed"),
    (ex1.probs, lambda c: c.P3.T, M, "transposed"),
    (ex1.probs, lambda c: c.P, M, "bigram_table"),
    (ex1.probs, lambda c: with_row_swapped(c.P3), X, "wrong_value"),
    (ex1.loss, lambda c: c.loss3, C, None),
    (ex1.loss, lambda c: torch.tensor(c.loss3), C, None),
    (ex1.loss, lambda c: ..., NA, None),
    (ex1.loss, lambda c: mean_nll(c.P, c.words, c.vocab, 2), M, "bigram_loss"),
    (ex1.loss, lambda c: c.loss3 * 228_146, M, "loss_sum"),
    (ex1.loss, lambda c: -c.loss3, M, "no_minus"),
    (ex1.loss, lambda c: c.loss3 / math.log(2), M, "bits"),
    (ex1.loss, lambda c: c.loss3 / math.log(10), M, "log10"),
    (ex1.loss, lambda c: math.exp(c.loss3), M, "perplexity"),
    (ex1.loss, lambda c: c.loss3 * 228_146 / 32_033, M, "per_name"),
    (ex1.loss, lambda c: mean_nll(ngram_probs(c.N3, 1), c.words, c.vocab, 3), M, "smoothed_loss"),
    (ex1.loss, lambda c: per_name_mean(c), M, "mean_of_name_means"),
    (ex1.loss, lambda c: torch.tensor(c.loss3, dtype=torch.float16), M, "low_precision"),
    (ex1.loss, lambda c: torch.full((228_146,), c.loss3), M, "not_reduced"),
    (ex1.loss, lambda c: 3.0, X, "wrong_value"),
    (ex1.loss, lambda c: math.inf, X, "wrong_value"),
    (ex1.loss, lambda c: torch.ones(3), X, "wrong_shape"),
    (ex1.loss, lambda c: "2.19", X, "wrong_type"),
    (ex1.network, lambda c: net(c.W3), C, None),
    (ex1.network, lambda c: net(c.W3.double().numpy()), C, None),
    (ex1.network, lambda c: ..., NA, None),
    (ex1.network, lambda c: net(c.W3, lambda W, X, Y: ...), NA, None),
    (ex1.network, lambda c: c.W3, X, "no_forward"),
    (ex1.network, lambda c: net(c.W3, forward_newer_only), M, "forward_last_char_only"),
    (
        ex1.network,
        lambda c: net(c.W3, lambda W, X, Y: E.trigram_nn_loss(torch.cat([W[V:], W[:V]]), X, Y)),
        M,
        "forward_blocks_swapped",
    ),
    (ex1.network, lambda c: net(c.W3, forward_sum), M, "forward_sum"),
    (
        ex1.network,
        lambda c: net(c.W3, lambda W, X, Y: E.trigram_nn_loss(W, X, Y).item()),
        M,
        "forward_detached",
    ),
    (ex1.network, lambda c: net(c.W3, lambda W, X, Y: -E.trigram_nn_loss(W, X, Y)), M, "forward_no_minus"),
    (ex1.network, lambda c: net(c.W3, forward_wrong), X, "forward_wrong"),
    (ex1.network, lambda c: net(c.bigram_W), M, "last_char_only"),
    (ex1.network, lambda c: net(torch.cat([torch.randn(V, V), c.bigram_W])), M, "last_char_only"),
    (ex1.network, lambda c: net(torch.cat([c.W3[V:], c.W3[:V]])), M, "context_reversed"),
    (ex1.network, lambda c: net(nan_like(c.W3)), M, "nan_weights"),
    (ex1.network, lambda c: net(torch.log(c.P3 + 1e-3)), M, "pair_inputs"),
    (ex1.network, lambda c: net(c.W3_start()), M, "untrained"),
    (ex1.network, lambda c: net(-3 * c.W3), M, "loss_went_up"),
    (ex1.network, lambda c: net(0.5 * c.W3), M, "undertrained"),
    (ex1.network, lambda c: net([4.2, 3.1, 2.9]), M, "list_of_losses"),
    (ex1.network, lambda c: net(torch.zeros(10, V)), X, "wrong_shape"),
    (ex2.split, lambda c: E.split_names, C, None),
    (ex2.split, lambda c: split_with_random, C, None),
    (ex2.split, lambda c: ..., NA, None),
    (ex2.split, lambda c: lambda words, seed: ..., NA, None),  # the notebook's placeholder function
    (ex2.split, lambda c: E.split_names(c.words, 42), M, "not_a_function"),
    (ex2.split, lambda c: split_in_place, M, "shuffled_in_place"),
    (ex2.split, lambda c: split_pairs, M, "split_pairs"),
    (ex2.split, lambda c: split_lost, M, "lost_names"),
    (ex2.split, lambda c: split_set, M, "duplicates_dropped"),
    (ex2.split, lambda c: lambda words, seed: split_with_random(words, seed)[:2], M, "not_three"),
    (
        ex2.split,
        lambda c: lambda words, seed: cut(random.Random(seed).sample(range(len(words)), len(words))),
        M,
        "indices_not_names",
    ),
    (ex2.split, lambda c: lambda words, seed: random.Random(seed).shuffle(list(words)), M, "in_place_none"),
    (ex2.split, lambda c: split_overlap, M, "overlap"),
    (ex2.split, lambda c: split_halves, M, "wrong_sizes"),
    (ex2.split, lambda c: lambda words, seed: cut(words), M, "not_shuffled"),
    (ex2.split, lambda c: lambda words, seed: cut(sorted(words)), M, "not_shuffled"),
    (ex2.split, lambda c: split_unseeded, M, "unseeded"),
    (ex2.split, lambda c: split_fixed_seed, M, "seed_ignored"),
    (ex2.split, lambda c: 42, X, "wrong_type"),
    (ex2.split, lambda c: split_raises, X, "raised"),
    (ex2.split, lambda c: split_renamed, X, "wrong_value"),
    (ex3.sweep, lambda c: c.sweep(), C, None),
    (ex3.sweep, lambda c: list(c.sweep().values()), C, None),
    (ex3.sweep, lambda c: ..., NA, None),
    (ex3.sweep, lambda c: {0: math.inf, **c.sweep()}, M, "zero_in_sweep"),
    (ex3.sweep, lambda c: dict(enumerate(c.sweep().values())), M, "index_keys"),
    (ex3.sweep, lambda c: {str(k): x for k, x in c.sweep().items()}, M, "string_keys"),
    (ex3.sweep, lambda c: dict(list(c.sweep().items())[:5]), M, "missing_smoothings"),
    (ex3.sweep, lambda c: {k: x / math.log(2) for k, x in c.sweep().items()}, M, "bits"),
    (ex3.sweep, lambda c: dict(list(c.sweep().items())[:2]), M, "too_few"),
    (ex3.sweep, lambda c: c.sweep(on="train"), M, "train_loss"),
    (ex3.sweep, lambda c: c.sweep(on="test"), M, "test_loss"),
    (ex3.sweep, lambda c: c.sweep(counted_on="all"), M, "counted_on_all"),
    (ex3.sweep, lambda c: c.sweep(order=2), M, "bigram_sweep"),
    (ex3.sweep, lambda c: "sweep", X, "wrong_type"),
    (ex3.sweep, lambda c: {k: 3.0 for k in SMOOTHINGS}, X, "wrong_value"),
    (ex3.smoothing, lambda c: 0.1, C, None),
    (ex3.smoothing, lambda c: 0.15, C, None),
    (ex3.smoothing, lambda c: ..., NA, None),
    (ex3.smoothing, lambda c: 0, M, "zero"),
    (ex3.smoothing, lambda c: 0.001, M, "chosen_on_train"),
    (ex3.smoothing, lambda c: 1, M, "lesson_default"),
    (ex3.smoothing, lambda c: c.sweep(), M, "the_sweep"),
    (ex3.smoothing, lambda c: SMOOTHINGS.index(0.1), M, "index_not_value"),
    (ex3.smoothing, lambda c: c.sweep()[0.1], M, "loss_not_smoothing"),
    (ex3.smoothing, lambda c: 10.0, X, "wrong_value"),
    (ex3.smoothing, lambda c: "0.1", X, "wrong_type"),
    (ex3.test_loss, lambda c: c.loss_at(0.1, "test"), C, None),
    (ex3.test_loss, lambda c: c.loss_at(0.15, "test"), C, None),
    (ex3.test_loss, lambda c: c.loss_at(0.15, "dev"), M, "dev_loss"),
    (ex3.test_loss, lambda c: c.loss_at(0.001, "test"), M, "other_smoothing"),
    (
        ex3.test_loss,
        lambda c: mean_nll(ngram_probs(ngram_counts(c.words, c.vocab, 3), 0.1), c.split[2], c.vocab, 3),
        M,
        "counted_on_all",
    ),
    (
        ex3.test_loss,
        lambda c: mean_nll(ngram_probs(ngram_counts(c.split[0], c.vocab, 2), 0.1), c.split[2], c.vocab, 2),
        M,
        "bigram",
    ),
    (ex3.test_loss, lambda c: ..., NA, None),
    (ex3.test_loss, lambda c: c.loss_at(0.1, "dev"), M, "dev_loss"),
    (ex3.test_loss, lambda c: c.loss_at(0.1, "train"), M, "train_loss"),
    (ex3.test_loss, lambda c: c.loss_at(1.0, "test"), M, "lesson_default"),
    (ex3.test_loss, lambda c: c.loss_at(0, "test"), M, "unsmoothed"),
    (ex3.test_loss, lambda c: c.loss_at(0.1, "test") * sum(len(w) + 1 for w in c.split[2]), M, "loss_sum"),
    (ex3.test_loss, lambda c: -c.loss_at(0.1, "test"), M, "no_minus"),
    (ex3.test_loss, lambda c: c.loss_at(0.1, "test") / math.log(2), M, "bits"),
    (ex3.test_loss, lambda c: 3.0, X, "wrong_value"),
    (ex4.logits, lambda c: c.W[c.xs], C, None),
    (ex4.logits, lambda c: F.one_hot(c.xs, V).float() @ c.W, C, None),
    (ex4.logits, lambda c: ..., NA, None),
    (ex4.logits, lambda c: c.W[:, c.xs], M, "columns"),
    (ex4.logits, lambda c: c.W[:, c.xs].T, M, "columns"),
    (ex4.logits, lambda c: c.W[c.ys], M, "indexed_by_ys"),
    (ex4.logits, lambda c: torch.softmax(c.W[c.xs], dim=1), M, "probs_not_logits"),
    (ex4.logits, lambda c: c.W[c.xs].exp(), M, "counts_not_logits"),
    (ex4.logits, lambda c: c.W[c.xs[:-1]], M, "off_by_one"),
    (ex4.logits, lambda c: c.W.long()[c.xs], M, "integer_dtype"),
    (ex4.logits, lambda c: c.W[c.xs].detach().double().numpy(), C, None),
    (ex4.logits, lambda c: c.W, X, "wrong_shape"),
    (ex4.logits, lambda c: (2 * c.W)[c.xs], X, "wrong_value"),
    (ex4.logits, lambda c: [1, 2, 3], X, "wrong_type"),
    (ex4.grad, lambda c: c.grad(), C, None),
    (ex4.grad, lambda c: ..., NA, None),
    (ex4.grad, lambda c: None, M, "grad_none"),
    (ex4.grad, lambda c: c.grad(passes=2), M, "grad_accumulated"),
    (ex4.grad, lambda c: c.grad(total=True), M, "grad_of_sum"),
    (ex4.grad, lambda c: -c.grad(), M, "grad_negated"),
    (ex4.grad, lambda c: torch.zeros(V, V), M, "grad_zero"),
    (ex4.grad, lambda c: E.given_weights(), M, "weights_not_grad"),
    (ex4.grad, lambda c: logits_grad(c), M, "grad_of_logits"),
    (ex4.grad, lambda c: c.grad().T, M, "grad_transposed"),
    (ex4.grad, lambda c: E.ex4._column_grad(), M, "softmax_axis"),
    (ex4.grad, lambda c: c.grad() / math.log(10), M, "grad_log10"),
    (ex4.grad, lambda c: c.grad() / math.log(2), M, "grad_bits"),
    (ex4.grad, lambda c: penalised_grad(c), M, "grad_with_penalty"),
    (ex4.grad, lambda c: torch.where(c.grad().abs() < 1e-4, 0.0, c.grad()), X, "wrong_value"),
    (ex4.grad, lambda c: c.grad()[0], X, "wrong_shape"),
    (ex4.grad, lambda c: c.grad() + 0.01, X, "wrong_value"),
    (ex5.loss, lambda c: F.cross_entropy(c.W[c.xs], c.ys), C, None),
    (ex5.loss, lambda c: ..., NA, None),
    (ex5.loss, lambda c: F.cross_entropy(torch.softmax(c.W[c.xs], 1), c.ys), M, "probs_passed"),
    (ex5.loss, lambda c: F.nll_loss(c.W[c.xs], c.ys), M, "nll_loss_on_logits"),
    (ex5.loss, lambda c: F.cross_entropy(c.W[c.xs], c.ys, reduction="sum"), M, "reduction_sum"),
    (ex5.loss, lambda c: -F.cross_entropy(c.W[c.xs], c.ys), M, "no_minus"),
    (ex5.loss, lambda c: F.cross_entropy(c.W[c.xs], c.ys) / math.log(2), M, "bits"),
    (ex5.loss, lambda c: F.cross_entropy(c.W[c.xs], c.xs), M, "wrong_targets"),
    (ex5.loss, lambda c: 1.0, X, "wrong_value"),
    (ex5.stable, lambda c: E.stable_nll, C, None),
    (ex5.stable, lambda c: F.cross_entropy, C, None),
    (ex5.stable, lambda c: ..., NA, None),
    (ex5.stable, lambda c: lambda logits, ys: ..., NA, None),
    (ex5.stable, lambda c: naive_nll, M, "not_stable"),
    (ex5.stable, lambda c: lambda z, y: naive_nll(z.double(), y), M, "not_stable"),
    (ex5.stable, lambda c: lambda z, y: naive_nll(z - z.max(), y), M, "underflow"),
    (ex5.stable, lambda c: min_shift_nll, M, "subtracts_min"),
    (ex5.stable, lambda c: lambda z, y: (z.logsumexp(1) - z[torch.arange(len(y)), y]).sum(), M, "loss_sum"),
    (
        ex5.stable,
        lambda c: lambda z, y: -torch.log_softmax(z, 0)[torch.arange(len(y)), y].mean(),
        M,
        "softmax_axis",
    ),
    (ex5.stable, lambda c: global_max_nll, M, "global_max"),
    (
        ex5.stable,
        lambda c: lambda z, y: naive_nll(z - z.max(0, keepdim=True).values, y),
        M,
        "max_over_columns",
    ),
    (ex5.stable, lambda c: probs_then_log_nll, M, "underflow"),
    (ex5.stable, lambda c: lambda logits, ys: 0.0, X, "wrong_value"),
    (ex5.stable, lambda c: lambda logits: logits, X, "raised"),
    (ex5.stable, lambda c: 3.759, X, "wrong_type"),
    (ex6.weights, lambda c: E.train_to_optimum(E.given_weights(), c.N, c.P), C, None),
    (ex6.weights, lambda c: ..., NA, None),
    (ex6.weights, lambda c: nan_like(c.bigram_W), M, "nan_weights"),
    (ex6.weights, lambda c: torch.softmax(c.bigram_W, 1), M, "probs_not_weights"),
    (ex6.weights, trained_with_reg, M, "reg_positive"),
    (ex6.weights, lambda c: bigram_probs(c.N, 1).log(), M, "smoothed_target"),
    (ex6.weights, lambda c: torch.log(c.P), M, "log_of_p"),
    (ex6.weights, lambda c: E.given_weights(), M, "untrained"),
    (ex6.weights, lambda c: E.given_weights().detach() * 5, M, "loss_went_up"),
    (ex6.weights, column_softmax_trained, M, "softmax_axis"),
    (ex6.weights, lambda c: c.bigram_W, M, "not_converged"),
    (ex6.weights, lambda c: [3.76, 3.37, 3.15], M, "list_of_losses"),
    (ex6.weights, lambda c: c.W3, X, "wrong_shape"),
]

CTX = Ctx()


def case_id(case):
    part, _, status, code = case
    return f"{part.name}-{code or status}"


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_check_recognises(case):
    part, build, status, code = case
    answer = build(CTX)
    result = part.result(*answer) if isinstance(answer, Args) else part.result(answer)
    assert (result.status, result.code) == (status, code), result.message
    assert "\n" not in result.message


def test_every_mistake_code_is_planted():
    planted = {(case[0].name, case[3]) for case in CASES}
    for part in E.all_parts():
        for code in part.codes:
            if code in E.GENERIC_CODES or code in SLIP_CODES or code in READER_CODES:
                assert any(c == code for _, c in planted), f"no case plants the generic code {code!r}"
            else:
                assert (part.name, code) in planted, f"{part.name} can say {code!r}, but no case plants it"


def test_every_part_has_a_correct_and_a_placeholder_case():
    for part in E.all_parts():
        statuses = {case[2] for case in CASES if case[0] is part}
        assert {C, NA} <= statuses, part.name


def test_check_prints_one_line(capsys):
    ex1.loss.check(...)
    ex1.loss.check(CTX.loss3)
    ex1.loss.hint(2)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "ex1.loss: Not attempted yet: replace the ... with your answer, then run"
    assert lines[1] == "ex1.loss: Correct: the trigram counting model's loss on all the names is 2.1857"
    assert lines[2].startswith("ex1.loss hint 2 of 3: ")
    assert len(lines) == 3


# The inputs each solution takes, as the notebook gives them (tests/test_exercises_in_place.py
# runs the printed source itself, pasted into 05_exercises).
SOLUTION_ARGS = {
    "ex1.counts": lambda c: (c.words, c.vocab),
    "ex1.probs": lambda c: (c.N3,),
    "ex1.loss": lambda c: (c.P3, c.words, c.vocab),
    "ex1.network": lambda c: (c.W3_start(), *c.X3Y3),
    "ex2.split": None,  # the function itself is the answer
    "ex3.sweep": lambda c: (c.split[0], c.split[1], c.vocab, SMOOTHINGS),
    "ex3.smoothing": lambda c: (c.sweep(),),
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
    part.solution()
    printed = capsys.readouterr().out
    for fn in part._solutions:
        assert inspect.getsource(fn).rstrip() in printed
    assert part.answer_line in printed
    args = SOLUTION_ARGS[part.name]
    answer = part._solution if args is None else part._solution(*args(CTX))
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
    count = len(part._hints)
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
    "ex3.test_loss": lambda c: torch.tensor(c.loss_at(0.1, "test")),
    "ex4.logits": lambda c: c.W[c.xs].detach(),
    "ex4.grad": lambda c: c.grad(),
    "ex5.loss": lambda c: F.cross_entropy(c.W[c.xs], c.ys),
    "ex6.weights": lambda c: E.train_to_optimum(E.given_weights(), c.N, c.P),
}
PARTS_BY_NAME = {p.name: p for p in E.all_parts()}


@pytest.mark.parametrize("name", list(TENSOR_ANSWERS))
@pytest.mark.parametrize("wrap", ["fake_cuda_subclass", "cuda_like", "float64", "numpy"])
def test_answers_on_other_devices_and_dtypes_are_read(name, wrap):
    t = TENSOR_ANSWERS[name](CTX).detach()
    answer = {
        "fake_cuda_subclass": lambda: t.as_subclass(FakeCuda),
        "cuda_like": lambda: CudaLike(t),
        "float64": lambda: t.double(),
        "numpy": lambda: t.double().numpy(),
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
        "ex3.test_loss": CTX.loss_at(0.1, "test"),
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
    result = ex1.probs.result(CTX.P3.long())  # all zeros but the certain rows: named, not raised
    assert result.code == "integer_division" and "integer dtype" in result.message
