"""Parts whose answer is a tensor (:class:`TablePart`) or trained weights (:class:`WeightsPart`)."""

from __future__ import annotations

from typing import ClassVar, NamedTuple

import torch

from ..ngram import train_ngram_neural_counts
from .core import (
    PROB,
    Part,
    Result,
    Tolerance,
    close_tensors,
    decimals,
    names,
    optimum_of,
    read_tensor,
    table_loss,
    tensor_symptoms,
)

__all__ = ["Optimum", "TablePart", "WeightsPart"]


class TablePart(Part):
    """A tensor answer compared entry by entry with ``reference()`` (float64) within ``tol``.

    ``cube`` is the other shape the part reads as the reference's (a (27, 27, 27) table
    for a (729, 27) one); ``label(idx)`` names an entry in a message.
    """

    tol: Tolerance = PROB
    cube: tuple[int, ...] | None = None

    def label(self, idx: tuple) -> str:
        """'row 3, column 5 ('e')': an entry of a (rows, 27) table, whose columns are the characters."""
        return f"row {idx[0]}, column {idx[1]} ('{names()[1].itos[idx[1]]}')"

    def read(self, answer: object) -> object:
        t = read_tensor(answer, self.what)
        if isinstance(t, Result) or self.cube is None or tuple(t.shape) != self.cube:
            return t
        out = t.reshape(self.reference().shape)
        out.source_dtype = t.source_dtype
        return out

    def same(self, value: torch.Tensor, built: torch.Tensor) -> bool:
        return close_tensors(value, built, self.tol)

    def symptoms(self, value: torch.Tensor) -> str:
        return tensor_symptoms(value, self.reference(), self.label, self.tol)


class Optimum(NamedTuple):
    """A row's mistaken answer as the examples it fits: weights trained on other ``counts``."""

    counts: torch.Tensor


class WeightsPart(Part):
    """Trained weights: right when their loss (from the counts) reaches ``goal()``.

    A subclass gives ``counts()`` (the examples tallied), ``start()`` (the weights the
    exercise starts from), ``goal()`` and ``disagreement(W)`` (where the weights differ most
    from the reference); ``loss_of(W)`` is the mean NLL on the counts; ``lr`` and ``steps``
    are the short run of the lesson's method (:func:`train_ngram_neural_counts`) tried from
    the learner's weights before "train on" is said.
    """

    shape: tuple[int, int] = (27, 27)
    lr, steps = 50.0, 100
    goal_text = ""
    says: ClassVar[dict[str, str]] = {
        "list_of_losses": "a list of {} numbers, not weights: the trainers return the list of losses and "
        "change W in place, so call them on their own line and pass W itself",
        "nan_weights": "{:,} weights are NaN or inf, in rows {}",
        "rounded_weights": "every weight is rounded to {}: pass the weights as training left them",
        "probabilities": "every row of these weights sums to 1, with no entry below 0: probabilities, as "
        "softmax(W) gives; pass the weights W whose softmax they are",
        "loss_went_up": "the loss is {:.4f}, above {:.4f}, the loss of the weights the exercise starts "
        "from: if these weights come from training, its steps went uphill; each step must go down the "
        "gradient (W.data -= lr * W.grad), with a learning rate small enough that the loss falls at every "
        "step{}",
        "penalty_balance": "the loss is {:.4f} ({p.goal_text} is the goal), and its gradient at your weights "
        "is -{reg:.2g} * 2 W / {}: W sits where a penalty reg * mean(W**2) with reg about {reg:.2g} balances "
        "the data; the goal is the loss without a penalty (reg=0)",
        "keep_training": "the loss is {:.4f}, down from {:.4f} but not yet {p.goal_text}; {p.steps} more "
        "steps of the lesson's method from your weights (lr {p.lr:g}) took it to {:.4f}: keep training",
        "off_the_way": "the loss is {:.4f} ({p.goal_text} is the goal), but your weights are not on the "
        "lesson's way there: {p.steps} more steps of its method took the loss to {:.4f}, in another "
        "direction than your steps from the start; {}",
    }

    def logits(self, W: torch.Tensor) -> torch.Tensor:
        return W

    def loss_of(self, W: torch.Tensor) -> float:
        return table_loss(self.logits(W), self.counts().double())

    def read(self, answer: object) -> object:
        if isinstance(answer, (list, tuple)) and answer and all(isinstance(x, (int, float)) for x in answer):
            return self.say("list_of_losses", len(answer))
        t = read_tensor(answer, self.what)
        if isinstance(t, Result) or tuple(t.shape) == self.shape:
            return t
        return self.say("wrong_shape", f"expected {self.what} of shape {self.shape}, got {tuple(t.shape)}")

    def prepare(self, built: object) -> object:
        return built if isinstance(built, Optimum) else super().prepare(built)

    def same(self, value: torch.Tensor, built: object) -> bool:
        """Equal weights; for an :class:`Optimum`, weights four times nearer its optimum than the goal's."""
        if not isinstance(built, Optimum):
            return close_tensors(value, built, PROB)
        own = self.loss_of(value) - optimum_of(self.counts())
        there = table_loss(self.logits(value), built.counts.double()) - optimum_of(built.counts)
        return there <= min(0.01, own / 4)

    def accept(self, value: torch.Tensor) -> str | None:
        if not bool(torch.isfinite(value).all()):
            return None
        loss = self.loss_of(value)
        return f"loss {loss:.4f} on all the names, {self.goal_text}" if loss <= self.goal() else None

    def trained(self, W: torch.Tensor, steps: int, lr: float) -> torch.Tensor:
        """A float32 copy of ``W`` after ``steps`` of the lesson's method (``.grad``: the last step's)."""
        run = W.detach().clone().float().requires_grad_()
        train_ngram_neural_counts(run, self.counts(), steps=steps, lr=lr)
        return run

    def continued(self, W: torch.Tensor) -> float:
        """The loss after a short run of the lesson's method from ``W``."""
        return self.loss_of(self.trained(W, self.steps, self.lr).detach().double())

    def symptoms(self, W: torch.Tensor) -> Result:
        """NaN or inf; a loss above the start; a balancing penalty; "keep training" only on the way."""
        bad = ~torch.isfinite(W)
        if bool(bad.any()):
            return self.say("nan_weights", int(bad.sum()), sorted({int(i) for i in bad.nonzero()[:, 0]})[:6])
        rounded = (d for d in range(3) if close_tensors(W, torch.round(W, decimals=d), Tolerance(0, 1e-6)))
        if len(W.unique()) > 2 and (d := next(rounded, None)) is not None:  # not all 0, say
            return self.say("rounded_weights", decimals(d))
        if bool((W >= 0).all()) and bool(((W.sum(1) - 1).abs() <= 1e-4).all()):
            return self.say("probabilities")
        loss, start = self.loss_of(W), self.loss_of(self.start().double())
        if loss > start + 1e-4:
            return self.say("loss_went_up", loss, start, self.columns_note(W))
        after, reg = self.continued(W), self.balancing_penalty(W)
        if reg is not None:
            return self.say("penalty_balance", loss, W.numel(), reg=reg)
        if after < loss - 1e-7 and self.on_the_way(W):
            return self.say("keep_training", loss, start, after)
        return self.say("off_the_way", loss, after, self.disagreement(W))

    def columns_note(self, W: torch.Tensor) -> str:
        return ""

    def gradient(self, W: torch.Tensor) -> torch.Tensor:
        """The gradient of the mean NLL at ``W`` (float64), from the counts."""
        return self.trained(W, 1, 0.0).grad.double()

    def balancing_penalty(self, W: torch.Tensor) -> float | None:
        """The reg > 1e-4 (if any) at which gradient + reg * 2W / n is under a tenth of the gradient."""
        g, decay = self.gradient(W), 2 * W / W.numel()
        reg = -(g * decay).sum().item() / max((decay * decay).sum().item(), 1e-30)
        return reg if reg > 1e-4 and (g + reg * decay).norm() <= 0.1 * g.norm() else None

    def on_the_way(self, W: torch.Tensor) -> bool:
        """Whether the steps taken from the start point the way the steps still to take go."""
        taken = (W - self.start().double()).flatten()
        ahead = -self.gradient(W).flatten()
        cos = (taken @ ahead) / (taken.norm() * ahead.norm()).clamp(min=1e-30)
        return cos.item() > 0.2
