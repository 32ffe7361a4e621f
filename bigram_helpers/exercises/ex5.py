"""Exercise 5, ``F.cross_entropy``: ``loss``, ``stable`` (a function ``stable_nll(logits, ys)``).

Both start from the seeded ``W`` of :func:`~.core.given_weights`, whatever exercise 4 did to its own.
"""

from __future__ import annotations

import functools
import math

import torch
import torch.nn.functional as F

from .core import (
    NumberPart,
    Part,
    Result,
    Several,
    Tolerance,
    call,
    close,
    examples,
    given_weights,
    read_number,
    say,
    slips,
)

# A stress row's loss is a handful of float32 operations on numbers up to 3e4: relative 1e-5.
STRESS = Tolerance(rtol=1e-5, atol=1e-6)


@functools.cache
def given_logits() -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Exercise 5's logits ``given_weights()[xs]``, with ``xs`` and ``ys``."""
    xs, ys = examples(2)
    return given_weights().detach()[xs], xs, ys


def loss_by_cross_entropy(logits, ys):
    """The same mean NLL, by PyTorch: raw logits in, softmax and log inside."""
    return F.cross_entropy(logits, ys)


def _ce(fn=F.cross_entropy, logits=lambda z: z, targets=2, **kw) -> float:
    """``fn`` of the logits against ys (``targets=2``), xs (1), or ``targets(ys)``."""
    z, *xs_ys = given_logits()
    return fn(logits(z), targets(xs_ys[1]) if callable(targets) else xs_ys[targets - 1], **kw).item()


@functools.cache
def reference_loss() -> float:
    return _ce(logits=torch.Tensor.double)


class Loss(NumberPart):
    name, what = "ex5.loss", "the loss"
    solutions, answer_line = (loss_by_cross_entropy,), "loss = loss_by_cross_entropy(logits, ys)"
    # fmt: off
    hints = (
        ("F.cross_entropy takes the raw logits (not probabilities) and the targets."),
        ("One call, with its default reduction (the mean):", "loss = F.cross_entropy(logits, ys)"),
    )
    mistakes = (
        ("probs_passed", lambda: _ce(logits=lambda z: torch.softmax(z, 1)),
         "F.cross_entropy takes the logits and does the softmax itself; you gave it probabilities"),
        ("exp_passed", lambda: _ce(logits=torch.exp), "F.cross_entropy takes the logits and does the "
         "exp itself; you gave it exp(logits)"),
        ("clamped_logits", lambda: Several(*(_ce(logits=lambda z, m=m: z.clamp(min=m)) for m in (0, 1e-10))),
         "the logits clamped at 0 (clamp(min=...)): logits may be negative; pass them as they are"),
        ("nll_loss_on_logits", lambda: _ce(F.nll_loss), "F.nll_loss expects log-probabilities; "
         "on raw logits it skips the softmax: use F.cross_entropy"),
        ("wrong_targets", lambda: _ce(targets=1),
         "the loss of predicting xs, the inputs: the targets are ys, the next characters"),
        ("ignore_index", lambda: _ce(logits=torch.Tensor.double, ignore_index=0), "the mean over the "
         "examples whose target is not 0: ignore_index=0 leaves out each name's end marker '.', which the "
         "loss counts too"),
        ("label_smoothing", lambda: Several(*(_ce(label_smoothing=e) for e in (0.1, 0.05, 0.2))),
         "the loss with label_smoothing: it scores a blend of each target and the uniform; leave it out"),
        ("some_examples",  # the first n examples alone, a quick try on a slice
         lambda: Several(*(_ce(logits=lambda z, n=n: z[:n], targets=lambda y, n=n: y[:n])
                           for n in (10, 32, 100, 1000, 10_000))),
         "the loss of some of the examples only, the first n (logits[:n]); the loss is the mean over all "
         "228,146"),
        ("binary", lambda: _ce(F.binary_cross_entropy_with_logits, targets=lambda y: F.one_hot(y).float()),
         "F.binary_cross_entropy_with_logits scores 27 separate yes/no questions per example; the "
         "softmax over the 27 characters is F.cross_entropy's"),
        ("reduction_sum", lambda: _ce(logits=torch.Tensor.double, reduction="sum"),
         "the sum (reduction='sum'); the loss is the mean, F.cross_entropy's default"),
        *slips(lambda f: f(reference_loss()), 228_146, 32_033, skip=("loss_sum",)),
    )
    # fmt: on
    reference, right = staticmethod(reference_loss), "the loss is {:.4f}, as F.cross_entropy gives it"


loss = Loss()


def stable_nll(logits, ys):
    """Mean NLL from logits that cannot overflow or underflow: shift by each row's largest logit."""
    m = logits.max(1, keepdim=True).values
    log_sum = m.squeeze(1) + (logits - m).exp().sum(1).log()
    return (log_sum - logits[torch.arange(len(ys)), ys]).mean()


# The logits the function is run on (besides exercise 5's own): large, all negative, mixed,
# huge, and two rows of very different sizes together.
PROBES = (
    ([[101.0, 102.0, 103.0]], [0]),
    ([[0.0, 100.0, 200.0]], [2]),
    ([[0.0, 150.0, 150.0]], [1]),
    ([[-200.0, 0.0, 0.0]], [0]),
    ([[1000.0, 1001.0, 1002.0]], [0]),
    ([[-1000.0, -1001.0, -1002.0]], [0]),
    ([[-1000.0, 0.0, 0.0]], [0]),
    ([[3.0e4, -3.0e4, 0.0]], [1]),
    ([[1000.0, 1001.0, 1002.0], [0.0, 1.0, 2.0]], [0, 0]),
)


def _near(a: float, b: float, i: int) -> bool:
    """Input 0 (W[xs], 228,146 examples) within LOSS; a probe within float32's rounding of its logits."""
    if i == 0:
        return close(a, b)
    scale = max(abs(x) for row in PROBES[i - 1][0] for x in row)
    tol = Tolerance(STRESS.rtol, STRESS.atol + 4e-7 * scale)
    return close(a, b, tol) or (math.isnan(a) and math.isnan(b))


def _naive(z, y):
    probs = z.exp() / z.exp().sum(1, keepdim=True)
    return -probs[torch.arange(len(y)), y].log().mean()


def _base(b: float):
    return lambda z, y: F.cross_entropy(z.double(), y) / math.log(b)


_MAXES = (lambda z: z.amax(1, keepdim=True), lambda z: z.max())  # each row's, or the whole tensor's


def _shifted(z, y, shift, dim=1, unshifted_pick: bool = False):
    """The mean of log(sum exp(z - m)) - (z - m)_y, with m = ``shift(z)``: the sum over each row (``dim=1``)
    or the whole tensor (``None``); the pick is z_y, m never put back, when ``unshifted_pick``."""
    m = shift(z)
    sums = (z - m).exp().sum(dim) if dim is not None else (z - m).exp().sum()
    picked = (z if unshifted_pick else z - m)[torch.arange(len(y)), y]
    return (sums.log() - picked).mean()


def _column_log_softmax(z, y):
    """The mean NLL with the softmax over each column (dim=0)."""
    return -torch.log_softmax(z, 0)[torch.arange(len(y)), y].mean()


def _column_lse(z, y):
    """The mean of each column's log-sum-exp (dim=0), minus the mean target logit."""
    return torch.logsumexp(z, 0).mean() - z[torch.arange(len(y)), y].mean()


class Stable(Part):
    name, what = "ex5.stable", "stable_nll"
    solutions = (stable_nll,)
    # fmt: off
    says = {  # noqa: RUF012 (read only)
        "not_reduced": "your function returns {:,} numbers, one loss per example: return their .mean()"}
    hints = (
        ("The softmax does not change when the same number is subtracted from every logit of a row."),
        ("Subtract each row's largest logit: then no exp overflows, and the sum is at least 1.",
         "m = torch.tensor([[101.0, 102.0, 103.0]]).max(1, keepdim=True).values; print(m)"),
        ("log softmax(z)_y = z_y - m - log(sum exp(z - m)): never form the probability itself."),
    )
    # fmt: on

    def read(self, fn):
        if not callable(fn):
            got = type(fn).__name__
            return say("wrong_type", f"expected your function stable_nll(logits, ys), got {got}")
        z, _, ys = given_logits()
        values = [self.run(fn, z, ys), *(self.run(fn, torch.tensor(r), torch.tensor(t)) for r, t in PROBES)]
        return next((v for v in values if isinstance(v, Result)), tuple(values))

    def run(self, fn, logits: torch.Tensor, ys: torch.Tensor) -> float | Result:
        """The loss ``fn`` returns on ``logits``, or the verdict when it raises or returns one per example."""
        out = call(fn, logits, ys)
        if isinstance(out, Result):
            return out
        if isinstance(out, torch.Tensor) and out.numel() == len(ys) > 1:
            return self.say("not_reduced", out.numel())
        return read_number(out, "the loss your function returns")

    def reference(self) -> tuple[float, ...]:
        return self.prepare(lambda z, y: F.cross_entropy(z.double(), y))

    def same(self, got, built):
        return all(_near(a, b, i) for i, (a, b) in enumerate(zip(got, built, strict=True)))

    def accept(self, got):
        if not self.same(got, self.reference()):
            return None
        return (
            f"{got[0]:.4f} on W[xs], as F.cross_entropy, and right on rows such as [101, 102, 103], "
            "[1000, 1001, 1002] and [-1000, -1001, -1002]"
        )

    # fmt: off
    mistakes = (
        ("not_stable", lambda: Several(_naive, lambda z, y: _naive(z.double(), y)), "exp of a "
         "large logit overflows to inf, and inf / inf is NaN: subtract each row's largest logit"),
        ("subtracts_min", lambda: lambda z, y: _naive(z - z.min(1, keepdim=True).values, y),
         "subtracting each row's smallest logit leaves large exponents that overflow; subtract the "
         "largest"),
        ("subtracts_mean", lambda: lambda z, y: _naive(z - z.mean(1, keepdim=True), y),
         "subtracting each row's mean leaves the largest logit far above 0 in a spread-out row, and "
         "its exp overflows; subtract the largest"),
        ("underflow", lambda: lambda z, y: _naive(z - z.max(1, keepdim=True).values, y),
         "a probability that rounds to 0 has log -inf: go straight to the log softmax, "
         "z - m - log(sum exp(z - m)), never forming the probability"),
        ("global_max", lambda: lambda z, y: _shifted(z, y, lambda z: z.max()),
         "the shift must be each row's own largest logit, max(1, keepdim=True), not the whole "
         "tensor's"),
        ("sum_over_all", lambda: Several(*(lambda z, y, m=m: _shifted(z, y, m, None) for m in _MAXES)),
         "its sum of exponentials runs over the whole tensor, not each row: sum(1) gives one per row"),
        ("max_over_columns", lambda: Several(lambda z, y: _naive(z - z.max(0, keepdim=True).values, y),
                                             lambda z, y: _shifted(z, y, lambda z: z.amax(0, keepdim=True))),
         "it subtracts each column's largest logit (dim=0); subtract each row's, max(1, "
         "keepdim=True)"),
        ("max_not_added_back", lambda: lambda z, y: _shifted(z, y, _MAXES[0], unshifted_pick=True),
         "the shift m is taken out of the log-sum-exp but not out of the target's logit (or not added "
         "back): log softmax(z)_y = z_y - m - log(sum exp(z - m)); so it is off by each row's largest logit"),
        ("positive_shift", lambda: lambda z, y: _shifted(z, y, lambda z: z.amax(1, keepdim=True).clamp(0)),
         "on a row of large negative logits ([-1000, -1001, -1002]) every exp underflows to 0: it does "
         "not shift such a row by its largest logit (as max(0, the row's largest) would not); shift "
         "every row by its own largest logit"),
        ("softmax_axis", lambda: Several(_column_log_softmax, _column_lse),
         "its softmax (or log-sum-exp) runs over each column (dim=0); take the max, the exp-sum and the log "
         "over each row"),
        ("no_target", lambda: lambda z, y: torch.logsumexp(z, 1).mean(), "it returns the mean of each "
         "row's log-sum-exp alone; each example's loss subtracts its target's logit from it, "
         "log(sum exp z) - z_y"),
        ("loss_sum", lambda: lambda z, y: F.cross_entropy(z.double(), y, reduction="sum"),
         "it returns the sum over the examples; the loss is their mean"),
        ("no_minus", lambda: lambda z, y: -F.cross_entropy(z.double(), y),
         "it returns the mean log-probability; the loss is its negative (minus sign)"),
        ("log10", lambda: _base(10), "it is in log base 10; use the natural log"),
        ("bits", lambda: _base(2), "it is in bits (log base 2); use the natural log"),
    )
    # fmt: on

    def symptoms(self, got):
        ref = self.reference()
        if all(close(x, got[0]) for x in got):
            same = f"it gives {got[0]:.6g} on each of the {len(got)} logits it was run on"
            return f"{same}: it does not change with them"
        where = [i for i, (a, b) in enumerate(zip(got, ref, strict=True)) if not _near(a, b, i)]
        i = where[0]
        shown = "W[xs]" if i == 0 else f"{PROBES[i - 1][0]} (targets {PROBES[i - 1][1]})"
        n = 27 if i == 0 else len(PROBES[i - 1][0][0])  # logits in a row
        even = f" (ln {n}: the loss when a row's {n} logits are all equal)"
        even = even if close(got[i], math.log(n)) else ""
        return (
            f"on the logits {shown} it gives {got[i]:.6g}{even} where {ref[i]:.6g} is right; "
            f"it differs on {len(where)} of the {len(ref)} inputs it was run on"
        )


stable = Stable()
PARTS = {"loss": loss, "stable": stable}
__all__ = ["PARTS", "given_logits", "loss", "stable", "stable_nll"]
