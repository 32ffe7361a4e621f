"""Invariants that hold for any word list over any alphabet (property-based, hypothesis)."""

from __future__ import annotations

import math

import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lesson_reference import lesson_training

from bigram_helpers import (
    bigram_counts,
    bigram_dataset,
    bigram_probs,
    build_vocab,
    count_bigrams,
    init_weights,
    sample_names,
    score,
    train_neural,
)

MARKER = "."
# Letters, digits, punctuation and symbols from all of Unicode (no whitespace, no
# control or surrogate characters), never the marker.
CHARACTERS = st.characters(categories=("L", "N", "P", "S", "M"), exclude_characters=MARKER)


@st.composite
def word_lists(draw, max_words: int = 12):
    alphabet = draw(st.lists(CHARACTERS, min_size=1, max_size=8, unique=True))
    word = st.text(alphabet=st.sampled_from(alphabet), min_size=1, max_size=10)
    return draw(st.lists(word, min_size=1, max_size=max_words))


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(word_lists())
def test_counts_sum_to_the_number_of_pairs(words):
    vocab = build_vocab(words)
    N = bigram_counts(words, vocab)
    n_pairs = sum(len(w) + 1 for w in words)
    assert int(N.sum()) == n_pairs
    assert sum(count_bigrams(words).values()) == n_pairs
    for (a, b), c in count_bigrams(words).items():
        assert int(N[vocab.stoi[a], vocab.stoi[b]]) == c


@SETTINGS
@given(word_lists(), st.floats(min_value=0.0, max_value=10.0))
def test_rows_sum_to_one(words, smoothing):
    N = bigram_counts(words, build_vocab(words))
    P = bigram_probs(N, smoothing=smoothing) if smoothing > 0 else None
    if P is None:
        # Unsmoothed, only rows with counts have a distribution: every character is
        # followed by something (at least the marker), so every row has counts.
        P = bigram_probs(N)
    assert torch.allclose(P.sum(1), torch.ones(P.shape[0]), atol=1e-5)
    assert bool((P >= 0).all())


@SETTINGS
@given(word_lists(), word_lists(), st.floats(min_value=1e-3, max_value=10.0))
def test_smoothing_never_gives_zero_or_infinite_loss(train, test, smoothing):
    vocab = build_vocab(train + test)
    P = bigram_probs(bigram_counts(train, vocab), smoothing=smoothing)
    assert bool((P > 0).all())
    s = score(test, P, vocab)
    assert math.isfinite(s.log_likelihood) and math.isfinite(s.mean_nll)


@SETTINGS
@given(word_lists(), st.floats(min_value=0.0, max_value=5.0))
def test_average_nll_is_the_mean_of_pair_nlls(words, smoothing):
    vocab = build_vocab(words)
    P = bigram_probs(bigram_counts(words, vocab), smoothing=smoothing)
    s = score(words, P, vocab)
    assert s.n == sum(len(w) + 1 for w in words) == len(s.log_probs)
    assert s.mean_nll >= 0
    assert math.isclose(s.mean_nll, -sum(s.log_probs) / s.n, rel_tol=1e-12, abs_tol=1e-12)


@SETTINGS
@given(word_lists(), st.integers(min_value=0, max_value=2**31), st.floats(min_value=0.0, max_value=3.0))
def test_samples_use_only_vocabulary_characters(words, seed, smoothing):
    vocab = build_vocab(words)
    P = bigram_probs(bigram_counts(words, vocab), smoothing=smoothing)
    names = sample_names(P, vocab, 10, torch.Generator().manual_seed(seed), max_len=50)
    assert len(names) == 10
    for name in names:
        assert MARKER not in name
        assert set(name) <= set(vocab.itos[1:])
        assert len(name) <= 50


@settings(max_examples=25, deadline=None)
@given(word_lists(), st.integers(min_value=0, max_value=2**31), st.floats(min_value=0.1, max_value=20.0))
def test_fast_and_taught_training_agree(words, seed, lr):
    vocab = build_vocab(words)
    xs, ys = bigram_dataset(words, vocab)
    W_fast = init_weights(len(vocab), torch.Generator().manual_seed(seed))
    W_taught = init_weights(len(vocab), torch.Generator().manual_seed(seed))
    fast = train_neural(W_fast, xs, ys, steps=5, lr=lr, reg=0.01)
    taught = lesson_training(W_taught, xs, ys, steps=5, lr=lr, reg=0.01)
    assert max(abs(a - b) for a, b in zip(fast, taught, strict=True)) < 1e-4
    assert torch.allclose(W_fast.detach(), W_taught.detach(), atol=1e-4)
