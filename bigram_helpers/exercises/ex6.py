"""Exercise 6, train the network all the way: ``weights`` (from the seeded ``W``, with ``N`` and ``P``)."""

from __future__ import annotations

import functools
from typing import ClassVar

import torch

from ..counting import bigram_probs
from .core import Several, counted, given_weights, names, optimum_of
from .tables import Optimum, WeightsPart

OPTIMUM_TOL = 1e-4  # within this of the counting model's loss (the notebook's tolerance)
# A loop that stops on a float32 loss within OPTIMUM_TOL may be this much further in float64
# (float32's rounding of a loss near 2.45 is 2.4e-7; one such stop was 1.5e-7 beyond).
FLOAT32_SLACK = 1e-6


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


def _N() -> torch.Tensor:
    return counted(2)


@functools.cache
def _P() -> torch.Tensor:
    return bigram_probs(_N()).double()


@functools.cache
def optimum() -> float:
    """The counting model's loss on all the names."""
    return optimum_of(_N())


def _start() -> torch.Tensor:
    return given_weights().detach()


@functools.cache
def _optimum_W() -> torch.Tensor:
    return train_to_optimum(_start(), _N(), bigram_probs(_N()))


class Weights(WeightsPart):
    name, what = "ex6.weights", "the trained weights W"
    goal_text = f"within {OPTIMUM_TOL} of the counting model's"
    solutions, answer_line = (train_to_optimum,), "W_trained = train_to_optimum(W, N, P)"
    # fmt: off
    hints = (
        ("More steps of notebook 04's loop work, slowly; train_neural makes each step cheap."),
        ("Row i of the gradient is (n_i / n)(softmax(W_i) - P_i): drop the factor n_i / n and every row "
         "moves at the same pace. Compare the factors of '.' and 'q':",
         "print(N.sum(1)[[0, 17]] / N.sum())"),
        ("Repeat W -= 4.0 * (torch.softmax(W, dim=1) - P) on a detached copy until the loss is within "
         "0.0001 of the counting model's:",
         "W_trained = W.detach().clone(); W_trained -= 4.0 * (torch.softmax(W_trained, dim=1) - P)"),
    )
    mistakes = (
        ("untrained", _start, "W is the seeded W as given: not trained (the trainers change W in "
         "place, or return a trained copy: pass that)"),
        ("log_of_p", lambda: _P().log(), "W is log P (or log N), -inf where a pair "
         "never occurs: the counting model written down, not trained; train the given W by gradient "
         "descent"),
        ("smoothed_target", lambda: Several((_N() + 1).double().log(), Optimum(_N() + 1)),
         "softmax(W) is (or fits better than P) a table with fake counts in every cell, such as N + 1: "
         "pairs that never occur get some probability, as smoothing or a penalty on W gives them; the "
         "target is the unsmoothed P"),
        ("probs_not_weights", _P, "these are the probabilities P "
         "themselves (rows sum to 1); pass weights W whose softmax is P"),
        ("reversed", lambda: Optimum(_N().T), "softmax(W) fits the pairs read backwards, the character "
         "before each one: the network was trained with xs and ys swapped; the inputs are xs, the "
         "targets ys"),
        ("training_names_only", lambda: Optimum(counted(2, "train")), "W fits the training names of "
         "exercise 3's split better than all the names: this exercise trains on all of them (xs and ys "
         "of notebook 04, or N and P)"),
        ("transposed", lambda: _optimum_W().T, "W transposed: W.T reaches the goal; row i of W holds "
         "the logits of what follows character i", lambda W: W.T),
    )
    # fmt: on

    counts, start = staticmethod(_N), staticmethod(_start)

    def goal(self):
        return optimum() + OPTIMUM_TOL + FLOAT32_SLACK

    def same(self, W, built):
        """Equal softmax rows (a constant added to a row changes nothing), -inf where the row has -inf."""
        if isinstance(built, Optimum):
            return super().same(W, built)
        if W.shape != built.shape or not torch.equal(torch.isneginf(W), torch.isneginf(built)):
            return False
        if bool(torch.isnan(W).any() | torch.isposinf(W).any()):
            return False
        return bool(((torch.softmax(W, 1) - torch.softmax(built, 1)).abs() <= 1e-5).all())

    def accept(self, W):
        ok = super().accept(W)
        return ok and f"{ok} {optimum():.4f}"

    says: ClassVar[dict[str, str]] = {
        **WeightsPart.says,
        "p_plus_epsilon": "softmax(W) is P with {:.2g} added to every cell, each row normalised again: "
        "a pair that never occurs gets about that much, where P gives it 0; the goal needs W's softmax "
        "to be P itself (a far smaller epsilon, or the given W trained)",
    }

    def symptoms(self, W):
        """P plus an epsilon in every cell (log(P + eps) written down), or the measured run."""
        Q, P = torch.softmax(W, 1), _P()
        unseen = P == 0
        q = Q[unseen][0].item() if bool(unseen.any()) else 0.0
        eps = q / (1 - 27 * q) if 0 < q < 1 / 27 else 0.0
        if eps > 0 and bool(((Q - (P + eps) / (1 + 27 * eps)).abs() <= 1e-5).all()):
            return self.say("p_plus_epsilon", eps)
        return super().symptoms(W)

    def columns_note(self, W):
        by_rows, by_columns = ((torch.softmax(W, d) - _P()).abs().sum().item() for d in (1, 0))
        if by_columns >= by_rows:
            return ""
        return (
            f"; normalised over each column (dim=0), softmax(W) is nearer P ({by_columns:.2f} in all) than "
            f"normalised over each row, dim=1 ({by_rows:.2f}): the softmax belongs on the rows"
        )

    def disagreement(self, W):
        Q, P, itos = torch.softmax(W, 1), _P(), names()[1].itos
        row, col = divmod(int((Q - P).abs().argmax()), 27)
        return (
            f"softmax(W) differs from P most in row '{itos[row]}', column '{itos[col]}': "
            f"{Q[row, col].item():.4f} where P has {P[row, col].item():.4f}"
        )


weights = Weights()
PARTS = {"weights": weights}
__all__ = ["OPTIMUM_TOL", "PARTS", "optimum", "train_to_optimum", "weights"]
