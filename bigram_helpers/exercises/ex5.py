"""Exercise 5, ``F.cross_entropy``: ``loss``, ``stable`` (a function ``stable_nll(logits, ys)``)."""

from __future__ import annotations

import functools

import torch
import torch.nn.functional as F

from .core import (
    SLIP_CODES,
    Hint,
    Part,
    Tolerance,
    call,
    close,
    differs,
    judge_loss,
    loss_slips,
    mistake,
    names,
    ok,
    parts_of,
    read_number,
)
from .ex4 import bigram_reference

TITLE = "Exercise 5: F.cross_entropy"
# A stress row's loss is a handful of float32 operations on numbers up to 1e3: relative 1e-5.
STRESS = Tolerance(rtol=1e-5, atol=1e-6)


# --- part 1: the loss, by PyTorch ----------------------------------------------------------------


def loss_by_cross_entropy(logits, ys):
    """The same mean NLL, by PyTorch: raw logits in, softmax and log inside."""
    return F.cross_entropy(logits, ys)


@functools.cache
def _ce_specials() -> tuple[float, float]:
    b = bigram_reference()
    logits = b.W[b.xs]
    return (
        F.cross_entropy(torch.softmax(logits, dim=1), b.ys).item(),
        F.nll_loss(logits, b.ys).item(),
        F.cross_entropy(logits, b.xs).item(),
    )


def _judge_ce_loss(answer: object) -> object:
    b = bigram_reference()
    x = read_number(answer, "the loss")
    n = b.xs.shape[0]
    probs_passed, nll_on_logits, xs_as_targets = _ce_specials()
    special = [
        (
            probs_passed,
            "probs_passed",
            "F.cross_entropy takes the logits, and does the softmax itself; you gave it probabilities",
        ),
        (
            nll_on_logits,
            "nll_loss_on_logits",
            "F.nll_loss expects log-probabilities; on raw logits it skips the softmax: use "
            "F.cross_entropy(logits, ys)",
        ),
        (
            xs_as_targets,
            "wrong_targets",
            "these are the losses of predicting xs, the inputs: the targets are ys, the next characters",
        ),
        (
            b.loss * n,
            "reduction_sum",
            f"{x:.4f} is the sum (reduction='sum'); the loss is the mean, F.cross_entropy's default",
        ),
    ]
    return judge_loss(x, b.loss, n, len(names()[0]), "the loss", special)


loss = Part(
    "ex5.loss",
    _judge_ce_loss,
    loss_by_cross_entropy,
    "loss = loss_by_cross_entropy(logits, ys)",
    [
        Hint("F.cross_entropy takes the raw logits (not probabilities) and the targets."),
        Hint("One call, with its default reduction (the mean):", "loss = F.cross_entropy(logits, ys)"),
    ],
    {
        "probs_passed": "softmax probabilities passed to F.cross_entropy",
        "nll_loss_on_logits": "F.nll_loss on raw logits",
        "reduction_sum": "reduction='sum'",
        "wrong_targets": "xs as the targets",
        **SLIP_CODES,
    },
)


# --- part 2: a loss that does not break -------------------------------------------------------------


def stable_nll(logits, ys):
    """Mean NLL from logits that cannot overflow or underflow: shift by each row's largest logit."""
    m = logits.max(1, keepdim=True).values
    log_sum = m.squeeze(1) + (logits - m).exp().sum(1).log()
    return (log_sum - logits[torch.arange(len(ys)), ys]).mean()


_OVERFLOW = "exp of a large logit overflows to inf, and inf / inf is NaN"
_STRESS = (  # (row of logits, target, mistake, message): where a hand-written softmax breaks
    ([101.0, 102.0, 103.0], 0, "not_stable", f"{_OVERFLOW}: subtract each row's largest logit before exp"),
    (
        [0.0, 100.0, 200.0],
        2,
        "subtracts_min",
        f"{_OVERFLOW}: the smallest logit leaves exp(200); subtract the largest",
    ),
    (
        [-200.0, 0.0, 0.0],
        0,
        "underflow",
        "a probability of about e^-200 rounds to 0 and its log is -inf: use log softmax "
        "= z - m - log(sum exp(z - m)) without forming the probability",
    ),
    (  # beyond float64's range too (exp overflows above 709.8): float64 alone does not save a naive softmax
        [1000.0, 1001.0, 1002.0],
        0,
        "not_stable",
        "exp(1000) overflows even in float64 (anything above e^709.8 does): subtract each row's largest "
        "logit",
    ),
    (
        [-1000.0, 0.0, 0.0],
        0,
        "underflow",
        "a probability of e^-1000 rounds to 0 even in float64, and its log is -inf: go straight to "
        "log softmax = z - m - log(sum exp(z - m))",
    ),
    (
        [3.0e4, -3.0e4, 0.0],
        1,
        "not_stable",
        "on logits far apart the loss is their difference (6e4 here): subtract the largest, never exp it",
    ),
)


def _judge_stable(answer: object) -> object:
    if not callable(answer):
        return differs(
            "wrong_type", f"expected your function stable_nll(logits, ys), got {type(answer).__name__}"
        )
    b = bigram_reference()
    logits = b.W[b.xs]
    out = call(answer, logits, b.ys)
    if isinstance(out, torch.Tensor) and out.numel() == len(b.ys) and out.numel() > 1:
        return mistake(
            "not_reduced",
            f"your function returns {out.numel():,} numbers, one loss per example: return their .mean()",
        )
    x = read_number(out, "the loss your function returns")
    if close(x, -torch.log_softmax(logits.double(), dim=0)[torch.arange(len(b.ys)), b.ys].mean().item()):
        return mistake(
            "softmax_axis",
            f"on the ordinary logits your function gives {x:.4f}, not {b.loss:.4f}: its softmax runs over "
            "each column (dim=0); take the max, the exp-sum and the log over each row, dim=1",
        )
    slip = loss_slips(x, b.loss, len(b.ys), len(names()[0]))
    if slip:
        return mistake(slip[0], f"on the ordinary logits your function gives {x:.4f}: {slip[1]}")
    shifted = logits - logits.max(0, keepdim=True).values  # each column's largest, not each row's
    if close(x, F.cross_entropy(shifted, b.ys).item()) and not close(x, b.loss):
        return mistake(
            "max_over_columns",
            f"on the ordinary logits your function gives {x:.4f}, not {b.loss:.4f}: it subtracts each "
            "column's largest logit (dim=0); subtract each row's, max(1, keepdim=True)",
        )
    if not close(x, b.loss):
        return differs(
            "wrong_value",
            f"on the ordinary logits W[xs] your function gives {x:.4f}, F.cross_entropy {b.loss:.4f}",
        )
    for row, target, code, message in _STRESS:
        z, y = torch.tensor([row]), torch.tensor([target])
        got = read_number(call(answer, z, y), "the loss your function returns")
        want = F.cross_entropy(z.double(), y).item()
        if not close(got, want, STRESS):
            return mistake(
                code, f"on the logits {row} (target {target}) it gives {got:.6g}, not {want:.6g}: {message}"
            )
    z = torch.tensor([[1000.0, 1001.0, 1002.0], [0.0, 1.0, 2.0]])
    y = torch.tensor([0, 0])
    got = read_number(call(answer, z, y), "the loss your function returns")
    want = F.cross_entropy(z.double(), y).item()
    if not close(got, want, STRESS):
        return mistake(
            "global_max",
            f"on the two rows [1000, 1001, 1002] and [0, 1, 2] together it gives {got:.6g}, not {want:.6g}: "
            "the shift must be each row's own largest logit, max(1, keepdim=True), not the largest of "
            "the whole tensor (the second row then underflows to 0)",
        )
    return ok(
        f"{x:.4f} on W[xs], as F.cross_entropy, and right on rows such as [101, 102, 103], "
        "[1000, 1001, 1002] and [-1000, 0, 0]"
    )


stable = Part(
    "ex5.stable",
    _judge_stable,
    stable_nll,
    "",
    [
        Hint("The softmax does not change when the same number is subtracted from every logit of a row."),
        Hint(
            "Subtract each row's largest logit: then no exp overflows, and the sum is at least 1.",
            "m = torch.tensor([[101.0, 102.0, 103.0]]).max(1, keepdim=True).values; print(m)",
        ),
        Hint("log softmax(z)_y = z_y - m - log(sum exp(z - m)): never form the probability itself."),
    ],
    {
        "not_stable": "exp overflows on large logits",
        "subtracts_min": "subtracts the smallest logit instead of the largest",
        "max_over_columns": "subtracts each column's largest logit",
        "softmax_axis": "the softmax over each column (dim=0)",
        "global_max": "subtracts the largest logit of the whole tensor",
        **SLIP_CODES,
        "underflow": "takes the log of a probability that rounded to 0",
    },
)

PARTS = parts_of(globals())

__all__ = ["PARTS", "TITLE", "loss", "stable", "stable_nll"]
