"""Exercise 4, ``W[xs]`` instead of one-hot: ``logits``, ``grad`` (the seeded ``W`` of ``given_weights``)."""

from __future__ import annotations

import functools
import math

import torch
import torch.nn.functional as F

from ..neural import table_loss_and_grad
from .core import GRAD, Several, counted, examples, given_weights, names
from .tables import TablePart


def _W() -> torch.Tensor:
    return given_weights().detach()


def logits_by_indexing(W, xs):
    """Row xs[k] of W, for every k: what one_hot(xs) @ W computes, without the zeros."""
    return W[xs]


def _xs() -> torch.Tensor:
    return examples(2)[0]


class Logits(TablePart):
    name, what = "ex4.logits", "the logits"
    solutions, answer_line = (logits_by_indexing,), "logits = logits_by_indexing(W, xs)"
    # fmt: off
    hints = (
        ("one_hot(xs) @ W picks row xs[k] of W for example k."),
        ("Indexing a tensor with a tensor of indices picks those rows:",
         "print(W[torch.tensor([0, 5])].shape)"),
    )
    mistakes = (
        ("columns", lambda: Several(_W()[:, _xs()], _W().T[_xs()]),
         "W[:, xs] (or W.T[xs]) picks columns of W; the one-hot product picks rows: W[xs]"),
        ("indexed_by_ys", lambda: _W()[examples(2)[1]], "these rows are picked by ys; the inputs are xs"),
        ("probs_not_logits", lambda: torch.softmax(_W()[_xs()], dim=1),
         "these are probabilities (the softmax); the logits are the rows of W themselves"),
        ("counts_not_logits", lambda: _W()[_xs()].exp(),
         "these are exp(logits), the 'counts'; the logits are the rows of W themselves"),
        ("off_by_one", lambda: Several(_W()[_xs()[:-1]], _W()[_xs()[1:]]),
         "a row short, (228145, 27): there is one row per pair, 228,146; index W with all of xs"),
        ("W_itself", _W, "this is W itself, a row for each of the 27 characters (W[xs.unique()] gives it "
         "too): the logits have a row for each example, W[xs], (228146, 27)"),
        ("integer_dtype", lambda: _W().long()[_xs()],
         "the logits are whole numbers: an integer dtype cuts off every fraction of W; keep float32"),
    )
    # fmt: on

    def reference(self):
        return _W()[_xs()].double()

    def accept(self, t):
        return (
            f"{len(t):,} rows of logits, the same as one-hot @ W" if self.same(t, self.reference()) else None
        )

    def symptoms(self, t):
        """Rows of W picked by another index (a consistent map of each xs value to a row), or what differs."""
        xs, W = _xs(), _W().double()
        if t.shape != (len(xs), 27):
            return super().symptoms(t)
        first = [int((xs == i).nonzero()[0, 0]) for i in range(27)]
        hits = [((W - t[k]).abs() <= 1e-6 + 1e-5 * W.abs()).all(1).nonzero()[:, 0].tolist() for k in first]
        if any(len(h) != 1 for h in hits) or not self.same(t, W[torch.tensor([h[0] for h in hits])[xs]]):
            return super().symptoms(t)
        itos, (i, j) = names()[1].itos, next((i, h[0]) for i, h in enumerate(hits) if h[0] != i)
        shifts = {(h[0] - i + 13) % 27 - 13 for i, h in enumerate(hits)}  # each in -13 .. 13
        shift = f" (every index shifted by {shifts.pop():+d})" if len(shifts) == 1 else ""
        return (
            f"each row is a row of W, but picked by another index{shift}: where xs is {i} ('{itos[i]}') "
            f"it is W[{j}] ('{itos[j]}'); one-hot @ W picks W[xs]"
        )


logits = Logits()


def gradient_by_indexing(W, xs, ys):
    """W.grad after one backward pass of the mean NLL, with W[xs] as the logits (built here, anew)."""
    W.grad = None  # backward() adds to W.grad: start from nothing
    counts = W[xs].exp()
    probs = counts / counts.sum(1, keepdim=True)
    loss = -probs[torch.arange(len(ys)), ys].log().mean()
    loss.backward()
    return W.grad


@functools.cache
def reference_grad() -> tuple[float, torch.Tensor]:
    """The mean NLL at the seeded W, and its gradient (float64, from the pair counts)."""
    return table_loss_and_grad(counted(2).double(), len(_xs()))(_W().double())


def _ref() -> torch.Tensor:
    return reference_grad()[1]


def _column_grad() -> torch.Tensor:
    """W.grad of the mean NLL with the softmax over each column (dim=0)."""
    (xs, ys), W = examples(2), _W().double().requires_grad_()
    (-torch.log_softmax(W[xs], 0)[torch.arange(len(ys)), ys].mean()).backward()
    return W.grad


def _grad_after_steps() -> Several:
    """The gradient at the seeded W after one or two of notebook 04's steps, W.data += -50 * W.grad."""
    W, forms = _W().double(), []
    for _ in range(2):
        W = W - 50 * table_loss_and_grad(counted(2).double(), len(_xs()))(W)[1]
        forms.append(table_loss_and_grad(counted(2).double(), len(_xs()))(W)[1])
    return Several(*forms)


def _logits_grad() -> torch.Tensor:
    z = _W()[examples(2)[0]].double().requires_grad_()
    F.cross_entropy(z, examples(2)[1]).backward()
    return z.grad


class Grad(TablePart):
    name, what, tol = "ex4.grad", "W.grad", GRAD
    solutions, answer_line = (gradient_by_indexing,), "grad = gradient_by_indexing(W, xs, ys)"
    # fmt: off
    hints = (
        ("Build the loss from W[xs] in this very cell, as in notebook 04, call loss.backward(), and pass "
         "W.grad:", "counts = W[xs].exp(); probs = counts / counts.sum(1, keepdim=True)"),
        ("backward() adds to W.grad: set W.grad = None before each backward pass.", "W.grad = None"),
    )
    mistakes = (
        ("grad_accumulated", lambda: Several(*(k * _ref() for k in range(2, 11))), "a whole multiple "
         "of the gradient: backward() adds to W.grad; set W.grad = None before each pass"),
        ("grad_of_sum", lambda: _ref() * len(_xs()), "the gradient of the summed loss; take the mean"),
        ("grad_negated", lambda: -_ref(),
         "the gradient with its sign flipped: the loss is minus the mean log-probability"),
        ("grad_transposed", lambda: _ref().T, "W.grad transposed: rows and columns swapped"),
        ("softmax_axis", _column_grad,
         "the gradient of a softmax over each column (dim=0); normalise each row, dim=1"),
        ("grad_log10", lambda: _ref() / math.log(10),
         "the gradient of the loss in log base 10: use torch.log"),
        ("grad_bits", lambda: _ref() / math.log(2),
         "the gradient of the loss in log base 2: use torch.log"),
        ("weights_not_grad", _W, "these are the weights W themselves; the answer is W.grad"),
        ("grad_with_penalty", lambda: _ref() + 0.02 * _W().double() / 729, "the gradient of notebook "
         "04's penalised loss (0.01 * mean(W**2)); this part asks for the mean NLL"),
        ("grad_after_step", _grad_after_steps, "the gradient at weights that have taken notebook 04's "
         "step (W.data += -50 * W.grad) since the given cell: this part asks for it at the given W; "
         "leave W unchanged (run the given cell again to get it back)"),
        ("grad_zero", lambda: torch.zeros(27, 27, dtype=torch.float64), "every entry is 0, where the "
         "gradient has no zero: no gradient reached this tensor (W.grad zeroed after the backward pass, a "
         "detached W, or a tensor of zeros made instead); read W.grad right after loss.backward()"),
        ("grad_of_logits", _logits_grad,
         "shape (228146, 27): the gradient of the logits; W.grad has W's shape, (27, 27)"),
    )
    says = {  # noqa: RUF012 (read only)
        "grad_none": "W.grad is None: no backward pass has reached W yet (run loss.backward(); W needs "
        "requires_grad=True)"}
    # fmt: on

    reference = staticmethod(_ref)

    def read(self, answer):
        if answer is None:
            return self.say("grad_none")
        return super().read(answer)

    def same(self, t, built):
        if t.shape != built.shape or not bool(torch.isfinite(t).all()):
            return False
        scale = built.abs().amax(1, keepdim=True) if built.dim() == 2 else built.abs().max()
        return bool(((t - built).abs() <= GRAD.atol + GRAD.rtol * scale).all())

    def accept(self, t):
        loss, ref = reference_grad()
        if self.same(t, ref):
            return f"the gradient of the mean loss {loss:.4f}, largest entry {ref.abs().max().item():.4f}"
        return None


grad = Grad()
PARTS = {"logits": logits, "grad": grad}
__all__ = ["PARTS", "grad", "logits"]
