"""The neural bigram: data set, weights, the lesson's loss, and fast training."""

from __future__ import annotations

import itertools
import math

import pytest
import torch
from lesson_reference import SEED, lesson_training

from bigram_helpers import (
    bigram_dataset,
    bigram_probs,
    build_vocab,
    init_weights,
    neural_loss,
    neural_probs,
    train_neural,
)

# The documented trajectory comes from an older torch; float32 means over 228,146
# losses are summed in a build-dependent order, so it is checked to 1e-5 (observed
# differences here are below 2e-6). The emma loss is a single small float32
# computation and is checked exactly.
TRAJ_TOL = 1e-5


@pytest.fixture(scope="module")
def data(words, vocab):
    return bigram_dataset(words, vocab)


def lesson_w():
    return init_weights(27, torch.Generator().manual_seed(SEED))


def test_emma_pairs(vocab):
    xs, ys = bigram_dataset(["emma"], vocab)
    assert xs.tolist() == [0, 5, 13, 13, 1]
    assert ys.tolist() == [5, 13, 13, 1, 0]
    assert xs.dtype == ys.dtype == torch.int64


def test_all_pairs(data):
    xs, ys = data
    assert xs.shape == ys.shape == (228146,)


def test_init_weights_is_the_lessons_randn():
    W = lesson_w()
    expected = torch.randn((27, 27), generator=torch.Generator().manual_seed(SEED))
    assert W.shape == (27, 27) and W.requires_grad and W.dtype == torch.float32
    assert torch.equal(W.detach(), expected)


def test_emma_loss_is_exact(vocab):
    loss = neural_loss(lesson_w(), *bigram_dataset(["emma"], vocab))
    assert loss.item() == 3.7693049907684326


def test_backward_fills_a_gradient_of_ws_shape_and_a_step_helps(data):
    xs, ys = data
    W = lesson_w()
    loss = neural_loss(W, xs, ys)
    loss.backward()
    assert W.grad is not None and W.grad.shape == W.shape
    W.data += -50 * W.grad
    assert neural_loss(W, xs, ys).item() < loss.item()


@pytest.fixture(scope="module")
def fast_losses(data):
    W = lesson_w()
    losses = train_neural(W, *data, steps=100, lr=50)
    return losses, W


def test_documented_trajectory(fast_losses):
    losses, _ = fast_losses
    assert len(losses) == 100
    assert losses[0] == pytest.approx(3.758953809738159, abs=TRAJ_TOL)
    assert losses[1] == pytest.approx(3.371098756790161, abs=TRAJ_TOL)
    assert losses[-1] == pytest.approx(2.47287654876709, abs=TRAJ_TOL)
    assert all(b < a for a, b in itertools.pairwise(losses))


def test_fast_training_agrees_with_the_lessons_loop(words, vocab):
    """The full 100 steps of the lesson's one-hot loop at the lesson's rate, on every fourth name.

    The agreement is algebra (the loss reads the data only through the pair counts), so
    it does not depend on how many names there are; a quarter of them keeps the loop to
    a few seconds. ``make bench`` runs the same comparison on all of them.
    """
    xs, ys = bigram_dataset(words[::4], vocab)
    W_fast, W = lesson_w(), lesson_w()
    losses = train_neural(W_fast, xs, ys, steps=100, lr=50)
    reference = lesson_training(W, xs, ys, steps=100, lr=50)
    assert max(abs(a - b) for a, b in zip(losses, reference, strict=True)) < 1e-5
    assert losses[-1] < losses[0] - 1  # it learned: the comparison is not of two flat lines
    assert torch.allclose(W_fast.detach(), W.detach(), atol=1e-4)


def test_fast_training_agrees_with_regularisation(words, vocab):
    xs, ys = bigram_dataset(words[:2000], vocab)
    W1, W2 = lesson_w(), lesson_w()
    fast = train_neural(W1, xs, ys, steps=30, lr=10, reg=0.01)
    reference = lesson_training(W2, xs, ys, steps=30, lr=10, reg=0.01)
    assert max(abs(a - b) for a, b in zip(fast, reference, strict=True)) < 1e-5


def test_grad_is_the_autograd_gradient(data):
    W = lesson_w()
    neural_loss(W, *data, reg=0.01).backward()
    autograd = W.grad.clone()
    W2 = lesson_w()
    train_neural(W2, *data, steps=1, lr=0.0, reg=0.01)
    assert torch.allclose(W2.grad, autograd, atol=1e-7)


def test_trained_network_approaches_the_counts(words, vocab, data, N):
    W = lesson_w()
    train_neural(W, *data, steps=300, lr=50)
    P = bigram_probs(N)
    rows_seen = N.sum(1) > 0
    # the rows the data visits most are learnt best; all are close
    assert float((neural_probs(W) - P)[rows_seen].abs().max()) < 0.05


def test_regularisation_pulls_towards_uniform(data):
    W_plain, W_reg = lesson_w(), lesson_w()
    train_neural(W_plain, *data, steps=50, lr=50)
    train_neural(W_reg, *data, steps=50, lr=50, reg=1.0)
    uniform = torch.full((27, 27), 1 / 27)
    assert (neural_probs(W_reg) - uniform).abs().mean() < (neural_probs(W_plain) - uniform).abs().mean()


def test_neural_probs_rows_are_distributions():
    P = neural_probs(lesson_w())
    assert torch.allclose(P.sum(1), torch.ones(27), atol=1e-6)
    assert torch.allclose(P, torch.softmax(lesson_w().detach(), dim=1), atol=1e-7)


def test_zero_steps_changes_nothing(data):
    W = lesson_w()
    before = W.detach().clone()
    assert train_neural(W, *data, steps=0, lr=50) == []
    assert torch.equal(W.detach(), before)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"steps": -1, "lr": 1.0}, "steps must be an int >= 0"),
        ({"steps": 1.5, "lr": 1.0}, "steps must be an int >= 0"),
        ({"steps": 1, "lr": math.nan}, "lr .*finite"),
        ({"steps": 1, "lr": math.inf}, "lr .*finite"),
        ({"steps": 1, "lr": 1.0, "reg": -0.1}, "reg must be a finite number >= 0"),
    ],
)
def test_bad_arguments(data, kwargs, match):
    with pytest.raises(ValueError, match=match):
        train_neural(lesson_w(), *data, **kwargs)


def test_divergence_stops_with_the_step(data):
    W = lesson_w()
    with pytest.raises(FloatingPointError, match="at step 0"):
        train_neural(W, *data, steps=10, lr=1e39)
    W = lesson_w()
    W.data[0, 0] = math.nan
    with pytest.raises(FloatingPointError, match="before training"):
        train_neural(W, *data, steps=1, lr=1.0)


def test_bad_training_sets():
    W = lesson_w()
    v = build_vocab(["ab"])
    xs, ys = bigram_dataset(["ab"], v)
    with pytest.raises(ValueError, match="same length"):
        train_neural(W, xs, ys[:-1], steps=1, lr=1.0)
    with pytest.raises(ValueError, match="empty"):
        neural_loss(W, xs[:0], ys[:0])
    with pytest.raises(ValueError, match=r"outside 0\.\.26"):
        neural_loss(W, xs + 30, ys)
    with pytest.raises(ValueError, match="integer"):
        neural_loss(W, xs.float(), ys)


@pytest.mark.parametrize("bad", [0, -1, True, 2.0])
def test_bad_vocab_size(bad):
    with pytest.raises(ValueError, match="vocab_size"):
        init_weights(bad, torch.Generator())


def test_softmax_is_safe_for_large_logits():
    from bigram_helpers import ngram_neural_probs, softmax

    logits = torch.tensor([[1000.0, 999.0, 0.0], [-1000.0, -1001.0, -2000.0], [0.5, 0.25, 0.0]])
    P = softmax(logits)
    assert bool(torch.isfinite(P).all())
    e1 = math.exp(-1)
    assert P[0].tolist() == pytest.approx([1 / (1 + e1), e1 / (1 + e1), 0.0], abs=1e-7)
    assert P[1].tolist() == pytest.approx([1 / (1 + e1), e1 / (1 + e1), 0.0], abs=1e-7)
    # a row the lesson's formula handles is the lesson's formula, bit for bit
    lesson = logits[2:].exp() / logits[2:].exp().sum(1, keepdim=True)
    assert torch.equal(P[2:], lesson)
    # the network's tables built on it: weights past exp's float32 range give probabilities, not NaN
    W = lesson_w().detach() * 100
    expected = torch.softmax(W.double(), dim=1).float()
    assert torch.allclose(neural_probs(W), expected, atol=1e-6)
    assert bool(torch.isfinite(ngram_neural_probs(torch.cat([W, W]), 3)).all())
    assert not bool(torch.isfinite(W.exp() / W.exp().sum(1, keepdim=True)).all())  # the naive way fails


def test_neural_probs_is_the_lessons_softmax_bit_for_bit():
    W = lesson_w().detach()
    counts = W.exp()
    assert torch.equal(neural_probs(W), counts / counts.sum(1, keepdim=True))


def test_neural_loss_and_its_gradient_are_the_lessons_bit_for_bit(data):
    """neural_loss reads its probabilities through softmax; for the lesson's weights that is exp / sum."""
    xs, ys = data
    W, W_lesson = lesson_w(), lesson_w()
    loss = neural_loss(W, xs, ys)
    loss.backward()
    counts = (torch.nn.functional.one_hot(xs, 27).float() @ W_lesson).exp()
    probs = counts / counts.sum(1, keepdim=True)
    lesson = -probs[torch.arange(len(ys)), ys].log().mean()
    lesson.backward()
    assert loss.item() == lesson.item() == pytest.approx(3.758953809738159, abs=TRAJ_TOL)
    assert torch.equal(W.grad, W_lesson.grad)
