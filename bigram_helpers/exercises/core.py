"""The machinery every exercise of notebook 05 shares: parts, verdicts, answer readers, tolerances.

A :class:`Part` is one checked step (``ex1.counts``): ``check(answer)`` prints one line,
``result(answer)`` returns the :class:`Result` the tests read, ``hint(n)`` and
``solution()`` print help. A judge (one function per part, in the exercise's module)
reads the answer with :func:`read_tensor` or :func:`read_number`, compares it with a
reference computed once per process from ``names.txt``, and returns a verdict; a reader
or a judge may also stop at once by raising :class:`Verdict`.

Tolerances are stated here, each with the rounding it allows for: every comparison is
``|answer - reference| <= atol + rtol * |reference|`` (:func:`close`), the form of
``torch.isclose``.
"""

from __future__ import annotations

import functools
import inspect
import math
import numbers
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import torch

from ..data import Vocab, build_vocab, load_words
from ..neural import init_weights
from ..notebook import names_txt_path

__all__ = [
    "CORRECT",
    "GENERIC_CODES",
    "GRAD",
    "INCORRECT",
    "LOSS",
    "MISTAKE",
    "NOT_ATTEMPTED",
    "PROB",
    "READER_CODES",
    "SEED",
    "SLIP_CODES",
    "Hint",
    "Part",
    "Result",
    "Tolerance",
    "Verdict",
    "close",
    "close_tensors",
    "given_weights",
    "judge_loss",
    "read_number",
    "read_tensor",
]

SEED = 2147483647  # the lesson's seed, for every W the exercises start from

CORRECT, NOT_ATTEMPTED, MISTAKE, INCORRECT = "correct", "not attempted", "mistake", "incorrect"
NOT_ATTEMPTED_MESSAGE = "Not attempted yet: replace the ... with your answer, then run"

# Codes any part may return when the answer is of the wrong kind or just differs.
GENERIC_CODES = {
    "wrong_type": "the answer is not the kind of object the part asks for",
    "wrong_shape": "a tensor of another shape than the part asks for",
    "wrong_value": "the right kind of answer, but its values differ from the reference",
    "raised": "the function given as the answer raised an exception",
}
# Mistakes the answer readers see in any part (each a mistake the answer itself shows).
READER_CODES = {
    "low_precision": "a float16 or bfloat16 tensor: too few digits for any part",
    "not_reduced": "one value per example where one number (their mean) is asked",
    "in_place_none": "None from a function that works in place (random.shuffle, list.sort)",
}


@dataclass(frozen=True)
class Tolerance:
    """``|x - ref| <= atol + rtol * |ref|``, elementwise: the rounding an honest answer may carry."""

    rtol: float
    atol: float


# Losses. The reference is a float64 mean. An honest float32 answer differs from it by the
# rounding of each probability (relative 6e-8, so 6e-8 on each log) plus that of the sum:
# torch's sums are pairwise (error about 1e-7), but notebook 03's loop adds 228,146 float32
# logs one by one, and its running total (up to 5.6e5, where a float32 step is 0.03) drifts:
# that loop ends at 2.454094 for the float64 2.454014, 3.3e-5 relative. So 1e-4 relative
# (three times that), which still tells apart the nearest slip a check names: the bigram
# with one fake count, 2.454417, 1.6e-4 relative above the unsmoothed loss.
LOSS = Tolerance(rtol=1e-4, atol=1e-7)
# Probabilities and logits: one division (or none) in float32, relative 6e-8 per entry;
# 1e-5 relative and 1e-7 absolute leave room for a softmax or exp(log) (a few ulps each)
# and still see a probability moved by a single fake count in 1e4 of a row's total.
PROB = Tolerance(rtol=1e-5, atol=1e-7)
# Gradients: float32 autograd adds the 228,146 examples' terms into W.grad in its own order,
# so the rounding of an entry scales with its row (the terms it sums), not with the entry:
# against the float64 reference, W[xs] with F.cross_entropy is off by at most 4.1e-4 of the
# row's largest entry (1.1e-5 absolute), one-hot @ W by 3e-6 of it. So each entry may differ
# by 2e-3 of its row's largest entry (5 times the worst honest error), plus 1e-8. That
# rejects notebook 04's penalised gradient (its term 2 * 0.01 * W / 729 exceeds that bound
# in 80% of the entries) and a gradient whose entries below 1e-4 were set to 0 (16% of them,
# up to 0.15 of their row's largest). ``rtol`` is applied to the row's largest entry.
GRAD = Tolerance(rtol=2e-3, atol=1e-8)

# float16 and bfloat16 carry only 11 and 8 bits (relative rounding 2 ** -10 and 2 ** -7),
# more than any tolerance above: such an answer is named as a mistake, never compared.
_LOW_PRECISION = {torch.float16: 2.0**-10, torch.bfloat16: 2.0**-7}


@dataclass(frozen=True)
class Result:
    """What a check found: ``status`` (correct, not attempted, mistake, incorrect), ``code``, ``message``.

    ``code`` names the mistake (a key of the part's ``codes``); it is ``None`` when the
    answer is correct or not attempted. ``message`` is the one line ``check`` prints.
    """

    status: str
    code: str | None
    message: str

    @property
    def correct(self) -> bool:
        return self.status == CORRECT


class Verdict(Exception):  # noqa: N818 (a verdict, not an error)
    """Raised inside a judge or a reader to give a verdict at once."""

    def __init__(self, result: Result) -> None:
        super().__init__(result.message)
        self.result = result


def ok(message: str) -> Result:
    return Result(CORRECT, None, f"Correct: {message}")


def mistake(code: str, message: str) -> Result:
    """A mistake the answer itself shows (the message names the cause)."""
    return Result(MISTAKE, code, f"Not yet: {message}")


def differs(code: str, message: str) -> Result:
    """No known mistake: the message says what differs, never a cause it cannot see."""
    return Result(INCORRECT, code, f"Not yet: {message}")


def not_attempted() -> Result:
    return Result(NOT_ATTEMPTED, None, NOT_ATTEMPTED_MESSAGE)


@dataclass(frozen=True)
class Hint:
    """One hint: a sentence, and optionally one line of code that runs where the answer cell is."""

    text: str
    code: str | None = None

    def line(self) -> str:
        return f"{self.text} Try: {self.code}" if self.code else self.text


class Part:
    """One checked step of an exercise: ``check``, ``hint``, ``solution`` and ``result``.

    ``solution`` is the reference function (its source is what ``solution()`` prints and
    what the tests run) and ``answer_line`` the line that, pasted after it into the
    answer cell of notebook 05, makes the answer (``"N3 = trigram_counts(words, vocab)"``).
    """

    def __init__(
        self,
        name: str,
        judge: Callable[..., Result],
        solution: Callable | tuple[Callable, ...],
        answer_line: str,
        hints: Sequence[Hint | str],
        codes: dict[str, str],
    ) -> None:
        self.name = name
        self._judge = judge
        self._solutions = solution if isinstance(solution, tuple) else (solution,)
        self._solution = self._solutions[-1]  # the function the answer line calls
        self.answer_line = answer_line
        self._hints = tuple(h if isinstance(h, Hint) else Hint(h) for h in hints)
        self.codes = {**codes, **READER_CODES, **GENERIC_CODES}  # mistake code -> what it means

    def __repr__(self) -> str:
        return f"<exercise part {self.name}: .check(answer), .hint(), .solution()>"

    @property
    def hints(self) -> tuple[Hint, ...]:
        return self._hints

    def result(self, *answers: object) -> Result:
        """Judge the answer without printing; never raises."""
        if not answers or any(a is Ellipsis for a in answers):
            return not_attempted()
        try:
            result = self._judge(*answers)
        except Verdict as stop:
            result = stop.result
        except TypeError as exc:  # called with too many or too few answers
            result = differs("wrong_type", f"could not read this answer ({type(exc).__name__}: {exc})")
        except Exception as exc:  # an answer no judge foresaw: say so, never crash the notebook
            result = differs("wrong_type", f"could not read this answer ({type(exc).__name__}: {exc})")
        message = " ".join(str(result.message).split())  # one line, whatever went into it
        return Result(result.status, result.code, message)

    def check(self, *answers: object) -> None:
        """Print one line: whether the answer is right, and if not, what differs."""
        print(f"{self.name}: {self.result(*answers).message}")

    def hint(self, n: int = 1) -> None:
        """Print hint ``n`` (1 is the gentlest; the last one nearly gives the answer)."""
        count = len(self._hints)
        if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= count:
            print(f"{self.name}: there are hints 1 to {count}; try hint(1)")
            return
        more = f" (hint({n + 1}) says more)" if n < count else ""
        print(f"{self.name} hint {n} of {count}: {self._hints[n - 1].line()}{more}")

    def solution_source(self) -> str:
        """What :meth:`solution` prints after its title: the function, then the answer line."""
        sources = "\n\n\n".join(inspect.getsource(fn).rstrip() for fn in self._solutions)
        return f"{sources}\n\n\n{self.answer_line}" if self.answer_line else sources

    def solution(self) -> None:
        """Print the reference code for this part (the code the tests run), ready to paste."""
        print(f"# {self.name}: one way to do it (paste it into the answer cell)")
        print(self.solution_source())


def parts_of(module_globals: dict[str, object]) -> dict[str, Part]:
    """The parts an exercise module defines, by attribute name, in the order they were defined."""
    return {k: v for k, v in module_globals.items() if isinstance(v, Part)}


# --- reading answers -----------------------------------------------------------------


def _dtype_name(t: torch.Tensor) -> str:
    return str(t.dtype).removeprefix("torch.")


def read_tensor(answer: object, what: str) -> torch.Tensor:
    """The answer as a detached float64 CPU tensor, or a verdict naming what it is instead.

    Reads torch tensors on any device (a Colab GPU's ``cuda`` tensors are copied to the
    CPU) and of any real dtype, NumPy arrays, and anything else with ``__array__``; a
    float16 or bfloat16 answer is a ``low_precision`` mistake (too few digits for any part).
    The tensor keeps a ``source_dtype`` attribute: the dtype the answer came in.
    """
    source_dtype = None
    if isinstance(answer, torch.Tensor):
        t = answer.detach()
        source_dtype = t.dtype
        if t.device.type != "cpu":
            try:
                t = t.cpu()
            except Exception as exc:
                raise Verdict(
                    differs(
                        "wrong_type",
                        f"{what} is on device {t.device} and could not be copied to the CPU: {exc}",
                    )
                ) from None
        if type(t) is not torch.Tensor:  # a subclass: read its numbers as a plain tensor
            t = t.as_subclass(torch.Tensor)
    elif hasattr(answer, "device") and callable(getattr(answer, "cpu", None)):  # a tensor-like on a device
        try:
            moved = answer.cpu()
            moved = moved.detach() if callable(getattr(moved, "detach", None)) else moved
            t = moved if isinstance(moved, torch.Tensor) else torch.as_tensor(moved.__array__())
        except Exception:
            raise Verdict(
                differs(
                    "wrong_type",
                    f"{what} is on device {getattr(answer, 'device', '?')} and could not be read: "
                    "pass it as a torch tensor (.cpu() copies it to the CPU)",
                )
            ) from None
        source_dtype = t.dtype
    elif hasattr(answer, "__array__") and not isinstance(answer, (str, bytes)):
        try:
            t = torch.as_tensor(answer.__array__())
        except Exception:
            raise Verdict(
                differs("wrong_type", f"{what}: could not read this {type(answer).__name__} as numbers")
            ) from None
        source_dtype = t.dtype
    else:
        raise Verdict(differs("wrong_type", f"expected {what} (a torch tensor), got {type(answer).__name__}"))
    if source_dtype in _LOW_PRECISION:
        raise Verdict(
            mistake(
                "low_precision",
                f"{what} is {_dtype_name(t)} (half precision), which keeps only about "
                f"{3 if source_dtype == torch.float16 else 2} significant digits: too few for this part; "
                "compute in float32 (the default) or pass t.float()",
            )
        )
    if t.dtype == torch.bool or t.is_complex():
        raise Verdict(
            differs("wrong_type", f"expected {what} (a tensor of numbers), got dtype {_dtype_name(t)}")
        )
    out = t.to(torch.float64)
    out.source_dtype = source_dtype
    return out


def read_number(answer: object, what: str) -> float:
    """The answer as a Python float: a float, an int, a NumPy scalar, or a one-element tensor."""
    if isinstance(answer, bool):
        raise Verdict(differs("wrong_type", f"expected {what} (a number), got {answer!r}"))
    if isinstance(answer, numbers.Real):
        return float(answer)
    if isinstance(answer, torch.Tensor) or hasattr(answer, "__array__") or hasattr(answer, "device"):
        t = read_tensor(answer, what)
        if t.numel() == 1:
            return float(t.reshape(()).item())
        if t.dim() == 1 and t.numel() >= 10:  # many values, one per example: not averaged
            raise Verdict(
                mistake(
                    "not_reduced",
                    f"expected {what}, one number, got {t.numel():,} of them (shape {tuple(t.shape)}): one "
                    "loss per example; the loss is their mean, .mean()",
                )
            )
        raise Verdict(
            differs("wrong_shape", f"expected {what}, one number, got a tensor of shape {tuple(t.shape)}")
        )
    if isinstance(answer, str):
        raise Verdict(differs("wrong_type", f"expected {what} (a number), got the string {answer[:20]!r}"))
    if hasattr(answer, "mean_nll"):
        raise Verdict(
            differs(
                "wrong_type",
                f"expected {what} (a number), got a {type(answer).__name__}: its .mean_nll is the loss",
            )
        )
    raise Verdict(differs("wrong_type", f"expected {what} (a number), got {type(answer).__name__}"))


def close(x: float, y: float, tol: Tolerance = LOSS) -> bool:
    """Both finite and ``|x - y| <= atol + rtol * |y|``."""
    return math.isfinite(x) and math.isfinite(y) and abs(x - y) <= tol.atol + tol.rtol * abs(y)


def close_tensors(a: torch.Tensor, b: torch.Tensor, tol: Tolerance = PROB) -> bool:
    """Equal shapes, NaN in the same places, equal infinities, and elsewhere within ``tol``."""
    if a.shape != b.shape:
        return False
    b = b.to(a.dtype)
    if not torch.equal(torch.isnan(a), torch.isnan(b)):
        return False
    if a.numel() == 0:
        return True
    diff = (a - b).abs().nan_to_num(nan=0.0)
    bound = tol.atol + tol.rtol * b.abs().nan_to_num(nan=0.0)
    same_inf = torch.isinf(a) & (a == b)
    return bool((same_inf | (diff <= bound)).all())


def first_difference(a: torch.Tensor, b: torch.Tensor, tol: Tolerance, label: Callable[[tuple], str]) -> str:
    """'N of the M entries differ; the first, at LABEL, is X where Y is expected' (same shapes)."""
    bound = tol.atol + tol.rtol * b.abs()
    bad = ~((a - b).abs() <= bound) & ~(torch.isinf(a) & (a == b))
    bad |= torch.isnan(a) ^ torch.isnan(b)
    count = int(bad.sum())
    if count == 0:
        return "all entries agree"
    idx = tuple(int(i) for i in bad.nonzero()[0])
    return (
        f"{count:,} of the {a.numel():,} entries differ; the first, at {label(idx)}, is "
        f"{a[idx].item():.6g} where {b[idx].item():.6g} is expected"
    )


def call(fn: Callable, *args: object) -> object:
    """Call the learner's function; a verdict if it raises, or still returns the placeholder."""
    try:
        out = fn(*args)
    except Exception as exc:
        text = f"your function raised {type(exc).__name__}: {exc}"
        if "NoneType" in str(exc):
            raise Verdict(
                mistake(
                    "in_place_none",
                    f"{text}: something is None; random.shuffle and list.sort work in place and return None, "
                    "so shuffle a copy and keep using the copy",
                )
            ) from None
        if "dtype" in str(exc) and ("Long" in str(exc) or "long" in str(exc)):
            text += " (F.one_hot gives integers: turn them into floats with .float() before the @)"
        raise Verdict(differs("raised", text)) from None
    if out is Ellipsis:
        raise Verdict(not_attempted())
    if out is None:
        raise Verdict(
            mistake(
                "in_place_none",
                "your function returned None: is the return missing? (random.shuffle and "
                "list.sort work in place and return None)",
            )
        )
    return out


def refuse_losses(answer: object, trainer: str, weights: str) -> None:
    """A ``list_of_losses`` verdict for a list of numbers given where trained weights are asked."""
    if isinstance(answer, (list, tuple)) and answer and all(isinstance(x, numbers.Real) for x in answer):
        raise Verdict(
            mistake(
                "list_of_losses",
                f"this is a list of {len(answer)} numbers (the losses {trainer} returns, one per step); "
                f"the answer is {weights} itself, which training changes in place",
            )
        )


def require_finite(W: torch.Tensor, code: str, why: str) -> None:
    """A verdict unless every weight is a finite number."""
    if not bool(torch.isfinite(W).all()):
        bad = int((~torch.isfinite(W)).sum())
        raise Verdict(mistake(code, f"{bad:,} of the weights are NaN or inf: {why}"))


# --- references, computed once per process from names.txt ------------------------------


@functools.cache
def names() -> tuple[list[str], Vocab]:
    """The lesson's words and vocabulary."""
    words = load_words(names_txt_path())
    return words, build_vocab(words)


def given_weights(vocab_size: int = 27) -> torch.Tensor:
    """The weights exercises 4 to 6 start from: the lesson's seeded (V, V) ``W``, ``requires_grad=True``."""
    return init_weights(vocab_size, torch.Generator().manual_seed(SEED))


def table_loss(W: torch.Tensor, counts: torch.Tensor) -> float:
    """Mean NLL of weights whose softmax rows are a table, on the examples tallied in ``counts``."""
    log_probs = torch.log_softmax(W, dim=1)  # shifted by each row's largest logit: nothing overflows
    seen = counts > 0
    return -(counts[seen] * log_probs[seen]).sum().item() / counts.sum().item()


def loss_slips(x: float, expected: float, n: int, n_names: int) -> tuple[str, str] | None:
    """(code, message) when ``x`` is ``expected`` (a mean NLL in nats over ``n`` examples) misreported.

    Each slip is a fixed transform of the right loss: a sum instead of a mean (over the
    examples, or over the names), a sign, another base of the log, the perplexity.
    """
    slips = [
        (expected * n, "loss_sum", f"{x:.4f} is the sum over all {n:,} examples; the loss is their mean"),
        (
            expected * n / n_names,
            "per_name",
            f"{x:.4f} is the sum over the examples divided by the {n_names:,} names; divide by the "
            f"{n:,} examples (one per character plus one per end)",
        ),
        (
            -expected,
            "no_minus",
            "this is the mean log-probability; the loss is its negative (lower is better)",
        ),
        (expected / math.log(2), "bits", "this is in bits (log base 2); use the natural log, torch.log"),
        (expected / math.log(10), "log10", "this is in log base 10; use the natural log, torch.log"),
        (math.exp(expected), "perplexity", f"{x:.4f} is exp(loss), the perplexity; the loss is its log"),
    ]
    for value, code, message in slips:
        if close(x, value):
            return code, message
    return None


SLIP_CODES = {
    "loss_sum": "the sum instead of the mean",
    "per_name": "summed over the examples, divided by the number of names",
    "no_minus": "the log-likelihood, without the minus sign",
    "bits": "logs in base 2",
    "log10": "logs in base 10",
    "perplexity": "exp(loss), the perplexity",
}


def judge_loss(
    x: float,
    expected: float,
    n: int,
    n_names: int,
    what: str,
    special: Sequence[tuple[float, str, str]] = (),
) -> Result:
    """A loss: right within ``LOSS``, one of the ``special`` values, or a common slip (:func:`loss_slips`)."""
    if close(x, expected):
        return ok(f"{what} is {x:.4f}")
    for value, code, message in special:
        if close(x, value) or (math.isinf(value) and x == value):
            return mistake(code, message)
    slip = loss_slips(x, expected, n, n_names)
    if slip:
        return mistake(*slip)
    if math.isnan(x):
        return differs("wrong_value", "the loss is NaN: a 0 / 0 or an inf - inf somewhere on the way")
    if math.isinf(x):
        return differs("wrong_value", f"the loss is {x}: some example got probability 0")
    return differs("wrong_value", f"expected {what} of {expected:.4f}, got {x:.4f} ({x - expected:+.4f})")
