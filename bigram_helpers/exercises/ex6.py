"""Exercise 6, train the network all the way: ``weights`` (from the seeded ``W``, with ``N`` and ``P``)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import torch

from ..counting import bigram_probs
from ..evaluation import mean_nll
from ..neural import bigram_dataset
from .core import (
    Hint,
    Part,
    differs,
    mistake,
    names,
    ok,
    parts_of,
    read_tensor,
    refuse_losses,
    require_finite,
    table_loss,
)
from .ex4 import bigram_reference

TITLE = "Exercise 6: train the network all the way"
OPTIMUM_TOL = 1e-4  # within this of the counting model's loss (the notebook's tolerance)


@dataclass(frozen=True)
class _Target:
    P: torch.Tensor  # (V, V) float64, the counting model
    smoothed: torch.Tensor  # (V, V) float64, one fake count per cell
    optimum: float  # the counting model's loss on all the names
    start: float  # the given W's loss
    column_optimum: float  # the best loss a softmax over the columns (dim=0) can reach on N
    column_start: float  # that loss at the given W
    column_start_distance: float  # sum |softmax(W, dim=0) - P| at the given W


def _column_loss(W: torch.Tensor, N: torch.Tensor) -> float:
    """The loss a learner minimises with softmax(W, dim=0): each column normalised instead of each row."""
    return table_loss(W.T, N.T)


@functools.cache
def _target() -> _Target:
    words, vocab = names()
    b = bigram_reference()
    N = b.N.double()
    P = bigram_probs(b.N).double()
    column_best = (N / N.sum(0, keepdim=True)).log().T  # log of the column-normalised counts, as rows
    return _Target(
        P,
        bigram_probs(b.N, 1).double(),
        mean_nll(P, *bigram_dataset(words, vocab)),
        b.loss,
        table_loss(column_best.nan_to_num(neginf=-1e9), N.T),
        _column_loss(b.W.double(), N),
        (torch.softmax(b.W.double(), dim=0) - P).abs().sum().item(),
    )


def train_to_optimum(W, N, P, tolerance=1e-4):
    """Steps along softmax(W_i) - P_i, each row's own gradient, until the loss is within tolerance."""
    W = W.detach().clone()
    seen = N > 0
    n = N.sum().item()
    optimum = -(N[seen] * P[seen].double().log()).sum().item() / n

    def loss(W):
        return -(N[seen] * torch.log_softmax(W.double(), dim=1)[seen]).sum().item() / n

    while loss(W) - optimum >= tolerance:
        for _ in range(100):
            W -= 4.0 * (torch.softmax(W, dim=1) - P)
    return W


def _judge_weights(answer: object) -> object:
    b, target = bigram_reference(), _target()
    refuse_losses(answer, "train_neural", "W")
    t = read_tensor(answer, "the trained weights W")
    if tuple(t.shape) != tuple(b.N.shape):
        return differs("wrong_shape", f"expected W of shape {tuple(b.N.shape)}, got {tuple(t.shape)}")
    zero = b.N == 0
    if bool(torch.isneginf(t[zero]).all()) and bool(torch.isfinite(t[~zero]).all()):
        return mistake(
            "log_of_p",
            f"W is -inf in exactly the {int(zero.sum())} cells whose pair never occurs: that is log P (or "
            "log N), the counting model written down, not trained; train the given W with gradient descent",
        )
    require_finite(t, "nan_weights", "training blew up (a learning rate too high, or a log of 0 went in)")
    N = b.N.double()
    loss = table_loss(t, N)
    gap = loss - target.optimum
    if gap <= OPTIMUM_TOL:
        return ok(f"loss {loss:.4f}, within {OPTIMUM_TOL} of the counting model's {target.optimum:.4f}")
    if bool((t >= 0).all()) and bool(((t.sum(1) - 1).abs() < 1e-4).all()):
        return mistake(
            "probs_not_weights",
            "these look like probabilities (rows sum to 1); pass the weights W whose softmax they are",
        )
    column = _column_loss(t, N)
    P = target.P
    by_columns = (torch.softmax(t, dim=0) - P).abs().sum().item()
    went_up = loss > target.start + 1e-4
    if (column < target.column_start - 0.5 and column - target.column_optimum < gap / 2) or (
        went_up
        and by_columns < 0.8 * target.column_start_distance
        and by_columns < (torch.softmax(t, dim=1) - P).abs().sum().item()
    ):
        return mistake(
            "softmax_axis",
            f"W fits softmax(W, dim=0): its columns were normalised (loss {loss:.4f} with rows); "
            "the softmax runs over each row, dim=1",
        )
    S = torch.softmax(t, dim=1)
    to_smoothed = (S - target.smoothed).abs().amax(1)
    to_plain = (S - target.P).abs().amax(1)
    if bool((to_smoothed < to_plain).all()) and to_smoothed.max().item() < 2e-3:
        return mistake(
            "smoothed_target",
            f"softmax(W) matches, row by row, the table with one fake count per cell (loss {loss:.4f}); "
            f"the target is the unsmoothed P, {target.optimum:.4f}",
        )
    grad = (N.sum(1, keepdim=True) * S - N) / N.sum()
    decay = 2 * t / t.numel()  # the gradient of mean(W**2)
    reg = -(grad * decay).sum().item() / (decay * decay).sum().clamp(min=1e-30).item()
    if reg > 1e-4 and (grad + reg * decay).norm() <= 0.1 * grad.norm():
        return mistake(
            "reg_positive",
            f"W sits where the penalty (reg about {reg:.2g}) balances the data: the optimum of the counts "
            "needs reg = 0",
        )
    if loss > target.start + 1e-4:
        return mistake(
            "loss_went_up",
            f"loss {loss:.4f}, above the {target.start:.4f} that W starts from: the steps went uphill; "
            "check the sign of the step (W -= lr * grad) and the learning rate",
        )
    if abs(loss - target.start) <= 1e-4:
        return mistake("untrained", f"loss {loss:.4f}, where W starts: W was not trained (or a copy was)")
    return mistake(
        "not_converged",
        f"loss {loss:.4f}: down from {target.start:.4f}, still {gap:.4f} above the counting model's "
        f"{target.optimum:.4f}; keep training",
    )


weights = Part(
    "ex6.weights",
    _judge_weights,
    train_to_optimum,
    "W_trained = train_to_optimum(W, N, P)",
    [
        Hint("More steps of notebook 04's loop work, slowly; train_neural makes each step cheap."),
        Hint(
            "Row i of the gradient is (n_i / n)(softmax(W_i) - P_i): drop the factor n_i / n and every row "
            "moves at the same pace. Compare the factors of '.' and 'q':",
            "print(N.sum(1)[[0, 17]] / N.sum())",
        ),
        Hint(
            "Repeat W -= 4.0 * (torch.softmax(W, dim=1) - P) on a detached copy until the loss is within "
            "0.0001 "
            "of the counting model's:",
            "W_trained = W.detach().clone(); W_trained -= 4.0 * (torch.softmax(W_trained, dim=1) - P)",
        ),
    ],
    {
        "log_of_p": "log P written down instead of trained",
        "nan_weights": "training blew up",
        "probs_not_weights": "probabilities passed instead of W",
        "list_of_losses": "the list of losses instead of W",
        "softmax_axis": "softmax over the columns (dim=0)",
        "reg_positive": "trained with a penalty reg > 0",
        "smoothed_target": "trained towards the smoothed P",
        "loss_went_up": "the loss rose above where training started",
        "untrained": "W as it started",
        "not_converged": "not there yet",
    },
)

PARTS = parts_of(globals())

__all__ = ["OPTIMUM_TOL", "PARTS", "TITLE", "train_to_optimum", "weights"]
