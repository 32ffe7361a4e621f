"""Exercise 4, ``W[xs]`` instead of one-hot: ``logits``, ``grad`` (the seeded ``W`` of ``given_weights``)."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import torch

from ..neural import bigram_dataset, table_loss_and_grad
from ..ngram import ngram_counts
from .core import (
    GRAD,
    PROB,
    Hint,
    Part,
    close_tensors,
    differs,
    first_difference,
    given_weights,
    mistake,
    names,
    ok,
    parts_of,
    read_tensor,
)

TITLE = "Exercise 4: W[xs] instead of one-hot"


@dataclass(frozen=True)
class _Bigram:
    N: torch.Tensor  # (V, V) int64
    xs: torch.Tensor
    ys: torch.Tensor
    W: torch.Tensor  # the seeded initial weights, float32, no grad
    grad: torch.Tensor  # the gradient of the mean NLL at W, float64
    loss: float  # the mean NLL at W


@functools.cache
def bigram_reference() -> _Bigram:
    """The bigram examples, the seeded W, and the mean NLL and its gradient there (float64)."""
    words, vocab = names()
    xs, ys = bigram_dataset(words, vocab)
    N = ngram_counts(words, vocab, order=2).long()
    W = given_weights(len(vocab)).detach()
    loss, grad = table_loss_and_grad(N.double(), xs.shape[0])(W.double())
    return _Bigram(N, xs, ys, W, grad, loss)


def _label(idx: tuple) -> str:
    itos = names()[1].itos
    if len(idx) == 2 and idx[1] < len(itos):
        return f"row {idx[0]}, column {idx[1]} ('{itos[idx[1]]}')"
    return str(idx)


@functools.cache
def _column_grad() -> torch.Tensor:
    """The gradient a learner gets with the softmax over dim 0 (each column normalised), float64."""
    b = bigram_reference()
    W = b.W.double().requires_grad_()
    logits = W[b.xs]
    probs = logits.exp() / logits.exp().sum(0, keepdim=True)
    (-probs[torch.arange(len(b.ys)), b.ys].log().mean()).backward()
    return W.grad


# --- part 1: the logits ------------------------------------------------------------------------


def logits_by_indexing(W, xs):
    """Row xs[k] of W, for every k: what one_hot(xs) @ W computes, without the zeros."""
    return W[xs]


def _judge_logits(answer: object) -> object:
    b = bigram_reference()
    ref = b.W[b.xs].double()
    t = read_tensor(answer, "the logits")
    columns = "W[:, xs] picks columns of W; the one-hot product picks rows: W[xs]"
    if tuple(t.shape) == tuple(reversed(ref.shape)):
        return mistake("columns", columns)
    if (
        t.dim() == 2
        and t.shape[1] == ref.shape[1]
        and abs(t.shape[0] - ref.shape[0]) <= 2
        and t.shape != ref.shape
    ):
        return mistake(
            "off_by_one",
            f"shape {tuple(t.shape)}: {abs(t.shape[0] - ref.shape[0])} row(s) "
            f"{'short' if t.shape[0] < ref.shape[0] else 'too many'}; there is one row per pair, "
            f"{ref.shape[0]:,} of them: index W with all of xs",
        )
    if tuple(t.shape) != tuple(ref.shape):
        return differs(
            "wrong_shape",
            f"expected shape {tuple(ref.shape)}, one row of logits per pair, got {tuple(t.shape)}",
        )
    if close_tensors(t, ref):
        return ok(f"{ref.shape[0]:,} rows of logits, the same as one-hot @ W")
    if close_tensors(t, b.W.T[b.xs].double()):
        return mistake("columns", columns + " (transposing W[:, xs] does not undo that)")
    if close_tensors(t, b.W[b.ys].double()):
        return mistake("indexed_by_ys", "these rows are picked by ys; the input characters are xs")
    if close_tensors(t, torch.softmax(ref, dim=1)):
        return mistake(
            "probs_not_logits",
            "these are probabilities (the softmax); the logits are the rows of W themselves",
        )
    dtype = getattr(t, "source_dtype", None)
    if dtype is not None and not dtype.is_floating_point:
        return mistake(
            "integer_dtype",
            f"the logits are integers ({str(dtype).removeprefix('torch.')}): converting W to an integer "
            "dtype cuts off every fraction; keep W as it is (float32)",
        )
    if close_tensors(t, ref.exp()):
        return mistake(
            "counts_not_logits",
            "these are exp(logits), the 'counts'; the logits are the rows of W themselves",
        )
    return differs(
        "wrong_value",
        f"the shape is right but {first_difference(t, ref, PROB, _label)} (W as given, indexed by xs)",
    )


logits = Part(
    "ex4.logits",
    _judge_logits,
    logits_by_indexing,
    "logits = logits_by_indexing(W, xs)",
    [
        Hint("one_hot(xs) @ W picks row xs[k] of W for example k."),
        Hint(
            "Indexing a tensor with a tensor of indices picks those rows:",
            "print(W[torch.tensor([0, 5])].shape)",
        ),
    ],
    {
        "columns": "W[:, xs], columns instead of rows",
        "indexed_by_ys": "rows picked by ys",
        "probs_not_logits": "the softmax of the logits",
        "counts_not_logits": "exp of the logits",
        "off_by_one": "a row or two short (or too many)",
        "integer_dtype": "logits as integers",
    },
)


# --- part 2: the gradient ----------------------------------------------------------------------


def gradient_by_indexing(W, xs, ys):
    """W.grad after one backward pass of the mean NLL, with W[xs] as the logits (built here, anew)."""
    W.grad = None  # backward() adds to W.grad: start from nothing
    counts = W[xs].exp()
    probs = counts / counts.sum(1, keepdim=True)
    loss = -probs[torch.arange(len(ys)), ys].log().mean()
    loss.backward()
    return W.grad


def _close_grad(t: torch.Tensor, ref: torch.Tensor) -> bool:
    """Within GRAD of ``ref``, the relative part scaled by each row's largest entry."""
    bound = GRAD.atol + GRAD.rtol * ref.abs().amax(1, keepdim=True)
    return bool(((t - ref).abs() <= bound).all())


def _judge_grad(answer: object) -> object:
    b = bigram_reference()
    if answer is None:
        return mistake(
            "grad_none", "W.grad is None: run loss.backward() first (W must have requires_grad=True)"
        )
    t = read_tensor(answer, "W.grad")
    if t.dim() == 2 and t.shape[0] == b.xs.shape[0] and t.shape[1] == b.grad.shape[1]:
        return mistake(
            "grad_of_logits",
            f"shape {tuple(t.shape)}: this is the gradient with respect to the logits (one row per pair); "
            "W.grad, the gradient of the leaf W, has W's shape (27, 27)",
        )
    if tuple(t.shape) != tuple(b.grad.shape):
        return differs(
            "wrong_shape", f"expected a gradient shaped like W, {tuple(b.grad.shape)}, got {tuple(t.shape)}"
        )
    if not bool(torch.isfinite(t).all()):
        return differs(
            "wrong_value", f"{int((~torch.isfinite(t)).sum())} entries of the gradient are NaN or inf"
        )
    if _close_grad(t, b.grad):
        return ok(
            f"the gradient of the mean loss {b.loss:.4f}, largest entry {b.grad.abs().max().item():.4f}"
        )
    if bool((t == 0).all()):
        return mistake(
            "grad_zero",
            "every entry is 0: W.grad was reset after the backward pass (or the loss did not depend on W); "
            "read W.grad right after loss.backward()",
        )
    for k in range(2, 11):
        if _close_grad(t, k * b.grad):
            return mistake(
                "grad_accumulated",
                f"{k} times the gradient: backward() adds to W.grad, so set W.grad = None before each "
                "backward pass",
            )
    if _close_grad(t / b.xs.shape[0], b.grad):
        return mistake("grad_of_sum", "this is the gradient of the summed loss; take the mean over the pairs")
    if _close_grad(t, b.grad.T):
        return mistake(
            "grad_transposed", "this is the gradient transposed (W.grad.T): rows and columns swapped"
        )
    if _close_grad(t, _column_grad()):
        return mistake(
            "softmax_axis",
            "this is the gradient of a softmax taken over each column (dim=0); normalise each row, dim=1",
        )
    for base, name in ((10, "log10"), (2, "bits")):
        if _close_grad(t * math.log(base), b.grad):
            return mistake(
                f"grad_{name}",
                f"the gradient of the loss in log base {base}: use the natural log, torch.log",
            )
    if _close_grad(t, -b.grad):
        return mistake(
            "grad_negated",
            "the sign is flipped: the gradient of the loss points uphill, and the step subtracts it",
        )
    if close_tensors(t, b.W.double()):
        return mistake("weights_not_grad", "these are the weights W themselves; the answer is W.grad")
    decay = 2 * b.W.double() / b.W.numel()  # the gradient of mean(W ** 2)
    reg = ((t - b.grad) * decay).sum().item() / (decay * decay).sum().item()
    if reg > 0 and _close_grad(t, b.grad + reg * decay):
        return mistake(
            "grad_with_penalty",
            f"this is the gradient of the penalised loss (reg about {reg:.2g} * mean(W**2)); this part asks "
            "for "
            "the plain mean NLL",
        )
    scale = b.grad.abs().amax(1, keepdim=True)
    bad = ~((t - b.grad).abs() <= GRAD.atol + GRAD.rtol * scale)
    idx = tuple(int(i) for i in bad.nonzero()[0])
    return differs(
        "wrong_value",
        f"{int(bad.sum())} of the {t.numel()} entries differ; the first, at {_label(idx)}, is "
        f"{t[idx].item():.6g} where {b.grad[idx].item():.6g} is expected (W as given, loss = mean NLL of "
        "W[xs])",
    )


grad = Part(
    "ex4.grad",
    _judge_grad,
    gradient_by_indexing,
    "grad = gradient_by_indexing(W, xs, ys)",
    [
        Hint(
            "Build the loss from W[xs] in this very cell, as in notebook 04, call loss.backward(), and pass "
            "W.grad:",
            "counts = W[xs].exp(); probs = counts / counts.sum(1, keepdim=True)",
        ),
        Hint(
            "backward() adds to W.grad: set W.grad = None before each backward pass.",
            "W.grad = None",
        ),
    ],
    {
        "grad_none": "no backward pass yet",
        "grad_zero": "W.grad reset to zeros after the backward pass",
        "grad_accumulated": "gradients of two backward passes added up",
        "grad_of_sum": "the gradient of the summed loss",
        "grad_negated": "the gradient with its sign flipped",
        "grad_with_penalty": "the gradient of the penalised loss",
        "weights_not_grad": "W instead of W.grad",
        "grad_of_logits": "the gradient of the logits",
        "grad_transposed": "W.grad.T",
        "softmax_axis": "the gradient of a softmax over dim 0",
        "grad_log10": "the gradient of the loss in log base 10",
        "grad_bits": "the gradient of the loss in log base 2",
    },
)

PARTS = parts_of(globals())

__all__ = ["PARTS", "TITLE", "bigram_reference", "grad", "logits"]
