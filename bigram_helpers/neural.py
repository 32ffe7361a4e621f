"""The same bigram model as a one-layer neural network, trained by gradient descent.

Lesson step 4: each pair is a training example (input character -> next character).
The input is one-hot encoded and multiplied by a V x V weight matrix ``W``; the
result (logits) is read as log-counts, ``exp`` turns it into counts and normalising
each row gives probabilities (together: the softmax). The loss is the average
negative log-probability of the correct next character. (``ngram.py`` reuses the
checks, the forward pass and the training loop here for longer contexts.)

Training from the count table (the one place this is derived; :func:`train_neural`,
:func:`~bigram_helpers.ngram.train_ngram_neural` and
:func:`~bigram_helpers.ngram.train_ngram_neural_counts` rely on it). Multiplying a
one-hot input by ``W`` picks rows of ``W``, so every example with the same context gets
the same logits ``z`` (for the bigram, row i of ``W``; for a longer context, one row of
each of W's ``order - 1`` blocks, added). The loss therefore reads the data only
through the count table ``C`` (contexts x next characters). With ``S = softmax(z)``
row by row and P examples, the loss is ``-(C * log S).sum() / P`` and the gradient of
a context's logits is ``(C.sum(1, keepdim=True) * S - C) / P``; W's gradient adds
those up over the contexts that use each of its rows (plus ``2 * reg * W / W.numel()``
for the regulariser). A step costs at most V**order work, not P*(order-1)*V, and gives
the lesson's losses within float rounding. Sums are taken in float64.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import torch
import torch.nn.functional as F

from .counting import tally
from .data import Vocab, pair_indices
from .shared import check_int, check_real

__all__ = ["bigram_dataset", "init_weights", "neural_loss", "neural_probs", "softmax", "train_neural"]


class DivergenceError(FloatingPointError):
    """Training stopped at ``step`` because the loss or the weights stopped being finite numbers."""

    def __init__(self, message: str, step: int) -> None:
        super().__init__(message)
        self.step = step


LossAndGrad = Callable[[torch.Tensor], tuple[float, torch.Tensor]]  # w -> (loss, gradient), in float64


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
    check_int(vocab_size, "vocab_size", 1)
    if not isinstance(generator, torch.Generator):
        raise TypeError("generator must be a torch.Generator (e.g. torch.Generator().manual_seed(42))")
    return torch.randn((vocab_size, vocab_size), generator=generator, requires_grad=True)


def _check_training_set(W: torch.Tensor, xs: torch.Tensor, ys: torch.Tensor) -> None:
    """Raise a ``ValueError`` unless ``xs`` and ``ys`` are a training set of pairs for the (V, V) ``W``."""
    if W.dim() != 2 or W.shape[0] != W.shape[1]:
        raise ValueError(f"W must be a square (V, V) matrix, got shape {tuple(W.shape)}")
    if xs.dim() != 1 or ys.dim() != 1 or xs.shape != ys.shape:
        raise ValueError(
            f"xs and ys must be 1-D and the same length, got shapes {tuple(xs.shape)} and {tuple(ys.shape)}"
        )
    check_indices(xs, ys, W.shape[0])


def check_indices(
    xs: torch.Tensor,
    ys: torch.Tensor,
    v: int,
    names: tuple[str, str] = ("xs", "ys"),
    examples: str = "pairs",
    indexing: str = "rows",
) -> None:
    """Raise a ``ValueError`` unless there are ``examples`` and all are character indices in ``0..v-1``."""
    a, b = names
    if ys.numel() == 0:
        raise ValueError(f"{a} and {b} are empty; there are no {examples} to learn from")
    if xs.is_floating_point() or ys.is_floating_point():
        raise ValueError(f"{a} and {b} must hold integer character indices")
    for name, t in ((a, xs), (b, ys)):
        if int(t.min()) < 0 or int(t.max()) >= v:
            raise ValueError(f"{name} holds indices outside 0..{v - 1}, the {indexing} of W")


def check_reg(reg: float) -> None:
    """Raise a ``ValueError`` unless ``reg`` is a finite number >= 0."""
    check_real(reg, "reg", 0)


def neural_loss(W: torch.Tensor, xs: torch.Tensor, ys: torch.Tensor, reg: float = 0.0) -> torch.Tensor:
    """The loss exactly as the lesson builds it: a 0-dim tensor that can ``backward()``.

    ``xenc = one_hot(xs).float()`` (P, V); ``logits = xenc @ W`` (P, V);
    ``counts = logits.exp()``; ``probs = counts / counts.sum(1, keepdim=True)``; the loss
    is ``-probs[range(P), ys].log().mean() + reg * (W**2).mean()``.
    """
    _check_training_set(W, xs, ys)
    check_reg(reg)
    xenc = F.one_hot(xs, num_classes=W.shape[0]).float()
    return forward_loss(xenc, W, ys, reg)


def forward_loss(xenc: torch.Tensor, W: torch.Tensor, ys: torch.Tensor, reg: float) -> torch.Tensor:
    """The lesson's forward pass from one-hot inputs ``xenc`` (P, inputs) to the (regularised) mean NLL.

    ``probs`` is :func:`softmax` of the logits: the lesson's ``exp`` then row division, bit
    for bit (gradients too) while the logits stay within +-:data:`SAFE_LOGIT`.
    """
    logits = xenc @ W
    probs = softmax(logits)
    return -probs[torch.arange(ys.shape[0]), ys].log().mean() + reg * (W**2).mean()


SAFE_LOGIT = 64.0  # exp of a logit within +-64 neither overflows nor underflows float32, even summed


def softmax(logits: torch.Tensor) -> torch.Tensor:
    """The softmax of each row of ``logits`` (shape (R, V)), safe for logits of any size.

    A row whose largest logit is beyond +-:data:`SAFE_LOGIT` has that logit subtracted
    before ``exp`` (which changes nothing in exact arithmetic: the factor ``exp(-max)``
    cancels in the division), so no ``exp`` overflows and no row's sum is 0: logits of
    1000 give the right probabilities, not ``inf / inf = NaN``. Every other row is the
    lesson's own ``logits.exp()`` divided by its row sum, to the last bit (the lesson's
    figures and stored outputs come from that float order). Every row sums to 1 within
    rounding; same dtype and shape as ``logits``.
    """
    if logits.dim() != 2 or logits.shape[1] == 0:
        raise ValueError(f"logits must be a 2-D (rows, V) table, got shape {tuple(logits.shape)}")
    top = logits.amax(1, keepdim=True)
    counts = (logits - torch.where(top.abs() > SAFE_LOGIT, top, 0)).exp()
    return counts / counts.sum(1, keepdim=True)


def neural_probs(W: torch.Tensor) -> torch.Tensor:
    """The network's probability table: the :func:`softmax` of each row of ``W``, shape (V, V).

    Row i is what the network predicts after character i (a one-hot input picks row i
    of ``W``), so this table can be sampled and scored like the counting model's ``P``.
    """
    with torch.no_grad():
        return softmax(W)


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
    ``W.data += -lr * W.grad`` (within float rounding), but much faster: it trains from
    the pair counts (V, V), as the module docstring derives, so each step costs V*V
    work, not P*V. ``W`` keeps its dtype. After each step ``W.grad`` holds the gradient
    just used, as after ``backward()``.

    A non-finite loss or weight stops training with a ``FloatingPointError`` naming the
    step (lower ``lr``).
    """
    _check_training_set(W, xs, ys)
    v = W.shape[0]
    counts = tally(xs, ys, v, v).double()
    return descend(W, table_loss_and_grad(counts, xs.shape[0]), steps, lr, reg)


def table_loss_and_grad(counts: torch.Tensor, n: int) -> LossAndGrad:
    """``w -> (loss, gradient)`` for a float64 table of logits ``w`` shaped like the pair ``counts``."""
    row_totals = counts.sum(1, keepdim=True)
    seen = counts > 0  # only these cells enter the loss (0 * log 0 would be NaN)

    def loss_and_grad(w: torch.Tensor) -> tuple[float, torch.Tensor]:
        log_s = torch.log_softmax(w, dim=1)
        loss_value = (-(counts * log_s.where(seen, 0.0)).sum() / n).item()
        grad = row_totals * log_s.exp_()
        grad -= counts
        grad /= n
        return loss_value, grad

    return loss_and_grad


def descend(
    W: torch.Tensor,
    loss_and_grad: LossAndGrad,
    steps: int,
    lr: float,
    reg: float,
    *,
    on_step: Callable[[int, float], None] | None = None,
) -> list[float]:
    """Check the settings, then run ``steps`` of gradient descent on ``W``; return each step's loss."""
    check_reg(reg)
    check_int(steps, "steps", 0)
    check_real(lr, "lr (learning rate)")
    if not bool(torch.isfinite(W).all()):
        raise FloatingPointError("W holds NaN or inf before training; initialise it again")
    decay = 2 * reg / W.numel()
    losses: list[float] = []
    for step in range(steps):
        w = W.detach().double()
        loss_value, grad = loss_and_grad(w)
        if reg:
            loss_value += reg * (w * w).mean().item()
        if not math.isfinite(loss_value):
            raise DivergenceError(
                f"the loss became {loss_value} at step {step}; training stopped (lower lr, now {lr})", step
            )
        losses.append(loss_value)
        if reg:
            grad += decay * w
        W.grad = grad.to(W.dtype)
        W.data += -lr * W.grad
        if not bool(torch.isfinite(W).all()):
            raise DivergenceError(
                f"the weights became NaN or inf at step {step}; training stopped (lower lr, now {lr})", step
            )
        if on_step is not None:
            on_step(step, loss_value)
    return losses
