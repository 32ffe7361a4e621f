"""The same bigram model as a one-layer neural network, trained by gradient descent.

Lesson step 4: each pair is a training example (input character -> next character).
The input is one-hot encoded and multiplied by a V x V weight matrix ``W``; the
result (logits) is read as log-counts, ``exp`` turns it into counts and normalising
each row gives probabilities (together: the softmax). The loss is the average
negative log-probability of the correct next character.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence

import torch
import torch.nn.functional as F

from .data import Vocab, pair_indices

__all__ = ["bigram_dataset", "init_weights", "neural_loss", "neural_probs", "train_neural"]


def bigram_dataset(words: Sequence[str], vocab: Vocab) -> tuple[torch.Tensor, torch.Tensor]:
    """The training set of pairs: ``(xs, ys)``, int64 tensors of shape (P,).

    ``xs[k]`` is the index of a character and ``ys[k]`` the index of the one that
    follows it; for ``emma``: xs ``[0, 5, 13, 13, 1]``, ys ``[5, 13, 13, 1, 0]``.
    """
    return pair_indices(words, vocab)


def init_weights(vocab_size: int, generator: torch.Generator) -> torch.Tensor:
    """Random weights ``W``: float32, shape (V, V), standard normal, ``requires_grad=True``.

    Column j of ``W`` is the j-th neuron: it has one weight per input character.
    """
    if isinstance(vocab_size, bool) or not isinstance(vocab_size, int) or vocab_size <= 0:
        raise ValueError(f"vocab_size must be a positive int, got {vocab_size!r}")
    if not isinstance(generator, torch.Generator):
        raise TypeError("generator must be a torch.Generator (e.g. torch.Generator().manual_seed(42))")
    return torch.randn((vocab_size, vocab_size), generator=generator, requires_grad=True)


def _check_training_set(W: torch.Tensor, xs: torch.Tensor, ys: torch.Tensor) -> None:
    if W.dim() != 2 or W.shape[0] != W.shape[1]:
        raise ValueError(f"W must be a square (V, V) matrix, got shape {tuple(W.shape)}")
    if xs.dim() != 1 or ys.dim() != 1 or xs.shape != ys.shape:
        raise ValueError(
            f"xs and ys must be 1-D and the same length, got shapes {tuple(xs.shape)} and {tuple(ys.shape)}"
        )
    if xs.numel() == 0:
        raise ValueError("xs and ys are empty; there are no pairs to learn from")
    if xs.is_floating_point() or ys.is_floating_point():
        raise ValueError("xs and ys must hold integer character indices")
    v = W.shape[0]
    for name, t in (("xs", xs), ("ys", ys)):
        if int(t.min()) < 0 or int(t.max()) >= v:
            raise ValueError(f"{name} holds indices outside 0..{v - 1}, the rows of W")


def _check_reg(reg: float) -> None:
    if isinstance(reg, bool) or not math.isfinite(reg) or reg < 0:
        raise ValueError(f"reg must be a finite number >= 0, got {reg!r}")


def neural_loss(W: torch.Tensor, xs: torch.Tensor, ys: torch.Tensor, reg: float = 0.0) -> torch.Tensor:
    """The loss exactly as the lesson builds it: a 0-dim tensor that can ``backward()``.

    ``xenc = one_hot(xs).float()`` (P, V); ``logits = xenc @ W`` (P, V);
    ``counts = logits.exp()``; ``probs = counts / counts.sum(1, keepdim=True)``; the loss
    is ``-probs[range(P), ys].log().mean() + reg * (W**2).mean()``.
    """
    _check_training_set(W, xs, ys)
    _check_reg(reg)
    xenc = F.one_hot(xs, num_classes=W.shape[0]).float()
    logits = xenc @ W
    counts = logits.exp()
    probs = counts / counts.sum(1, keepdim=True)
    return -probs[torch.arange(xs.shape[0]), ys].log().mean() + reg * (W**2).mean()


def neural_probs(W: torch.Tensor) -> torch.Tensor:
    """The network's probability table: the softmax of each row of ``W``, shape (V, V).

    Row i is what the network predicts after character i (a one-hot input picks row i
    of ``W``), so this table can be sampled and scored like the counting model's ``P``.
    """
    with torch.no_grad():
        counts = W.exp()
        return counts / counts.sum(1, keepdim=True)


def train_neural(
    W: torch.Tensor,
    xs: torch.Tensor,
    ys: torch.Tensor,
    steps: int,
    lr: float,
    reg: float = 0.0,
) -> list[float]:
    """Full-batch gradient descent on ``W`` (shape (V, V)) in place; return the loss before each step.

    Gives the same losses as the lesson's loop of :func:`neural_loss`, ``backward`` and
    ``W.data += -lr * W.grad`` (within float rounding), but much faster. Multiplying a
    one-hot row by ``W`` just picks a row of ``W``, so every example with the same
    input character has the same prediction: the loss and its gradient depend on the
    data only through the pair counts ``C`` (V, V). With ``S = softmax(W)`` and ``P``
    pairs, the loss is ``-(C * log S).sum() / P`` and its gradient
    ``(C.sum(1, keepdim=True) * S - C) / P`` (plus ``2 * reg * W / W.numel()``): each
    step costs V*V work, not P*V. The sums are taken in float64; ``W`` keeps its dtype.
    After each step ``W.grad`` holds the gradient just used, as after ``backward()``.

    A non-finite loss or weight stops training with a ``FloatingPointError`` naming the
    step (lower ``lr``).
    """
    _check_training_set(W, xs, ys)
    _check_reg(reg)
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 0:
        raise ValueError(f"steps must be an int >= 0, got {steps!r}")
    if isinstance(lr, bool) or not isinstance(lr, numbers.Real) or not math.isfinite(lr):
        raise ValueError(f"lr (learning rate) must be a finite number, got {lr!r}")
    if not bool(torch.isfinite(W).all()):
        raise FloatingPointError("W holds NaN or inf before training; initialise it again")
    v = W.shape[0]
    n = xs.shape[0]
    counts = torch.bincount(xs * v + ys, minlength=v * v).view(v, v).double()
    row_totals = counts.sum(1, keepdim=True)
    seen = counts > 0  # only these cells enter the loss (0 * log 0 would be NaN)
    decay = 2 * reg / W.numel()
    losses: list[float] = []
    for step in range(steps):
        w = W.detach().double()
        log_s = torch.log_softmax(w, dim=1)
        loss_value = (-(counts * log_s.where(seen, 0.0)).sum() / n).item()
        if reg:
            loss_value += reg * (w * w).mean().item()
        if not math.isfinite(loss_value):
            raise FloatingPointError(
                f"the loss became {loss_value} at step {step}; training stopped (lower lr, now {lr})"
            )
        losses.append(loss_value)
        grad = row_totals * log_s.exp_()
        grad -= counts
        grad /= n
        if reg:
            grad += decay * w
        W.grad = grad.to(W.dtype)
        W.data += -lr * W.grad
        if not bool(torch.isfinite(W).all()):
            raise FloatingPointError(
                f"the weights became NaN or inf at step {step}; training stopped (lower lr, now {lr})"
            )
    return losses
