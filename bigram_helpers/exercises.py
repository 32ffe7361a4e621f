"""Checks for notebook 05's exercises: try first, then find out alone whether the answer is right.

Each exercise is split into parts, and each part is a :class:`Part` reached as
``exN.part`` (``from bigram_helpers.exercises import ex1``):

- ``ex1.counts.check(N3)`` prints one line: correct (with the number that shows it),
  not attempted yet (the answer is still the placeholder ``...``), a specific message
  for a typical mistake, or a generic "not yet" that says what differs. It never raises.
- ``ex1.counts.hint()`` prints the first hint, ``hint(2)`` the second, and so on.
- ``ex1.counts.solution()`` prints the reference code: the source of a function below,
  the very code the tests run and check.
- ``ex1.counts.result(N3)`` returns a :class:`Result` (``status``, ``code``, ``message``)
  without printing; the tests read it.

Every check compares the answer with a reference computed from ``names.txt`` by the
tested helpers, once per process. Floats are compared with the tolerance a part states
and printed to 4 decimals, so the messages are the same on any recent torch (sampled
names are never checked). Where several answers are right (any seeded shuffle that
splits the names 80/10/10), the check tests properties, not one answer.

The exercises, their parts and the inputs the notebook gives:

1. a trigram model (``words``, ``vocab``): ``counts``, ``probs``, ``loss``, ``network``;
2. train/dev/test (``words``): ``split``, a function ``split_names(words, seed)``;
3. choosing smoothing (the split of :func:`given_split`): ``sweep``, ``smoothing``, ``test_loss``;
4. ``W[xs]`` (the seeded ``W`` of :func:`given_weights`): ``logits``, ``grad``;
5. ``F.cross_entropy`` (those logits): ``loss``, ``stable``, a function ``stable_nll(logits, ys)``;
6. training all the way (the same ``W``): ``weights``.
"""

from __future__ import annotations

import functools
import inspect
import math
import numbers
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import torch
import torch.nn.functional as F

from .counting import bigram_probs
from .data import Vocab, build_vocab, load_words
from .neural import bigram_dataset, init_weights, table_loss_and_grad
from .ngram import ngram_counts, ngram_dataset, ngram_init_weights, ngram_probs, train_ngram_neural
from .notebook import names_txt_path

__all__ = [
    "GENERIC_CODES",
    "NETWORK_TARGET",
    "SEED",
    "SMOOTHINGS",
    "SPLIT_SEED",
    "Part",
    "Result",
    "all_parts",
    "ex1",
    "ex2",
    "ex3",
    "ex4",
    "ex5",
    "ex6",
    "given_split",
    "given_weights",
]

SEED = 2147483647  # the lesson's seed, for every W the exercises start from
SPLIT_SEED = 42  # the seed of the split that exercise 3 starts from
SMOOTHINGS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)  # exercise 3's sweep
NETWORK_TARGET = 2.40  # exercise 1: a trained trigram network's loss on all the names, at most
LOSS_TOL = 1e-4  # a loss agrees with the reference within this
SMOOTHING_TOL = 5e-4  # exercise 3: a chosen smoothing's dev loss within this of the sweep's best
OPTIMUM_TOL = 1e-4  # exercise 6: within this of the counting model's loss
PROB_TOL = 1e-5  # probabilities and logits: absolute tolerance
GRAD_TOL = 1e-4  # gradients: float32 autograd sums 228,146 terms in its own order

CORRECT, NOT_ATTEMPTED, MISTAKE, INCORRECT = "correct", "not attempted", "mistake", "incorrect"
_NOT_ATTEMPTED = "Not attempted yet: replace the ... with your answer, then run"

# Codes any part may return when the answer is of the wrong kind or just differs.
GENERIC_CODES = {
    "wrong_type": "the answer is not the kind of object the part asks for",
    "wrong_shape": "a tensor of another shape than the part asks for",
    "wrong_value": "the right kind of answer, but its values differ from the reference",
    "raised": "the function given as the answer raised an exception",
}


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


class _Stop(Exception):  # noqa: N818 (a verdict, not an error)
    """Raised inside a judge to give a verdict at once."""

    def __init__(self, result: Result) -> None:
        super().__init__(result.message)
        self.result = result


def _ok(message: str) -> Result:
    return Result(CORRECT, None, f"Correct: {message}")


def _mistake(code: str, message: str) -> Result:
    return Result(MISTAKE, code, f"Not yet: {message}")


def _differs(code: str, message: str) -> Result:
    return Result(INCORRECT, code, f"Not yet: {message}")


class Part:
    """One checked step of an exercise: ``check``, ``hint``, ``solution`` and ``result``."""

    def __init__(
        self,
        name: str,
        judge: Callable[[object], Result],
        solution: Callable,
        hints: Sequence[str],
        codes: dict[str, str],
    ) -> None:
        self.name = name
        self._judge = judge
        self._solution = solution
        self._hints = tuple(hints)
        self.codes = {**codes, **GENERIC_CODES}  # mistake code -> what it means

    def __repr__(self) -> str:
        return f"<exercise part {self.name}: .check(answer), .hint(), .solution()>"

    def result(self, answer: object) -> Result:
        """Judge ``answer`` without printing; never raises."""
        if answer is Ellipsis:
            return Result(NOT_ATTEMPTED, None, _NOT_ATTEMPTED)
        try:
            result = self._judge(answer)
        except _Stop as stop:
            result = stop.result
        except Exception as exc:  # an answer no judge foresaw: say so, never crash the notebook
            result = _differs("wrong_type", f"could not read this answer ({type(exc).__name__}: {exc})")
        message = " ".join(result.message.split())  # one line, whatever went into it
        return Result(result.status, result.code, message)

    def check(self, answer: object) -> None:
        """Print one line: whether ``answer`` is right, and if not, what differs."""
        print(f"{self.name}: {self.result(answer).message}")

    def hint(self, n: int = 1) -> None:
        """Print hint ``n`` (1 is the gentlest; the last one nearly gives the answer)."""
        count = len(self._hints)
        if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= count:
            print(f"{self.name}: there are hints 1 to {count}; try hint(1)")
            return
        more = f" (hint({n + 1}) says more)" if n < count else ""
        print(f"{self.name} hint {n} of {count}: {self._hints[n - 1]}{more}")

    def solution(self) -> None:
        """Print the reference code for this part (the code the tests run)."""
        print(f"# {self.name}: one way to do it")
        print(inspect.getsource(self._solution).rstrip())


class Exercise:
    """An exercise's parts, as attributes (``ex1.counts``)."""

    def __init__(self, title: str, *parts: Part) -> None:
        self.title = title
        self.parts = {p.name.split(".")[-1]: p for p in parts}
        for key, part in self.parts.items():
            setattr(self, key, part)

    def __repr__(self) -> str:
        return f"<{self.title}: parts {', '.join(self.parts)}>"


# --- reading answers -----------------------------------------------------------------


def _tensor(answer: object, what: str, *, keep_float: bool = False) -> torch.Tensor:
    """The answer as a detached float64 tensor (float32 kept if asked), or a verdict that it is not one."""
    if isinstance(answer, torch.Tensor):
        t = answer.detach()
    elif hasattr(answer, "__array__") and not isinstance(answer, (str, bytes)):
        t = torch.as_tensor(answer.__array__())
    else:
        raise _Stop(_differs("wrong_type", f"expected {what} (a torch tensor), got {type(answer).__name__}"))
    if t.dtype == torch.bool or t.is_complex():
        raise _Stop(_differs("wrong_type", f"expected {what} (a tensor of numbers), got dtype {t.dtype}"))
    return t if keep_float and t.dtype == torch.float32 else t.to(torch.float64)


def _number(answer: object, what: str) -> float:
    """The answer as a Python float (a float, an int, or a one-element tensor)."""
    if isinstance(answer, bool):
        raise _Stop(_differs("wrong_type", f"expected {what} (a number), got {answer!r}"))
    if isinstance(answer, numbers.Real):
        return float(answer)
    if isinstance(answer, torch.Tensor) or hasattr(answer, "__array__"):
        t = _tensor(answer, what)
        if t.numel() == 1:
            return float(t.reshape(()).item())
        raise _Stop(
            _differs("wrong_shape", f"expected {what}, one number, got a tensor of shape {tuple(t.shape)}")
        )
    raise _Stop(_differs("wrong_type", f"expected {what} (a number), got {type(answer).__name__}"))


def _near(x: float, y: float, tol: float = LOSS_TOL) -> bool:
    return math.isfinite(x) and math.isfinite(y) and abs(x - y) <= tol * max(1.0, abs(y))


def _same(a: torch.Tensor, b: torch.Tensor, tol: float = PROB_TOL) -> bool:
    """Equal shapes, NaN in the same places, and elsewhere within ``tol`` of each other."""
    if a.shape != b.shape:
        return False
    b = b.to(a.dtype)
    if not torch.equal(torch.isnan(a), torch.isnan(b)):
        return False
    return a.numel() == 0 or (a - b).abs().nan_to_num(nan=0.0).max().item() <= tol


def _judge_loss(
    x: float, expected: float, n: int, what: str, special: list[tuple[float, str, str]]
) -> Result:
    """A loss: right within ``LOSS_TOL``, one of the ``special`` values, or a common slip."""
    if _near(x, expected):
        return _ok(f"{what} is {x:.4f}")
    for value, code, message in special:
        if _near(x, value) or (math.isinf(value) and x == value):
            return _mistake(code, message)
    common = [
        (expected * n, "loss_sum", f"{x:.4f} is the sum over all {n:,} examples; the loss is their mean"),
        (
            -expected,
            "no_minus",
            "this is the mean log-probability; the loss is its negative (lower is better)",
        ),
        (expected / math.log(2), "bits", "this is in bits (log base 2); use the natural log, torch.log"),
    ]
    for value, code, message in common:
        if _near(x, value):
            return _mistake(code, message)
    if not math.isfinite(x):
        return _differs("wrong_value", f"the loss is {x}: some example got probability 0 (or NaN crept in)")
    return _differs("wrong_value", f"expected {what} of about {expected:.4f}, got {x:.4f}")


def _require_finite(W: torch.Tensor, why: str) -> None:
    """A ``nan_weights`` verdict unless every weight is a finite number."""
    if not bool(torch.isfinite(W).all()):
        raise _Stop(_mistake("nan_weights", f"W holds NaN or inf: {why}"))


def _call(fn: Callable, *args: object) -> object:
    """Call the learner's function; a verdict if it raises, or still returns the placeholder."""
    try:
        out = fn(*args)
    except Exception as exc:
        raise _Stop(_differs("raised", f"your function raised {type(exc).__name__}: {exc}")) from None
    if out is Ellipsis:
        raise _Stop(Result(NOT_ATTEMPTED, None, _NOT_ATTEMPTED))
    return out


# --- references, computed once per process from names.txt ------------------------------


@functools.cache
def _names() -> tuple[list[str], Vocab]:
    words = load_words(names_txt_path())
    return words, build_vocab(words)


def _mean_nll(P: torch.Tensor, words: Sequence[str], order: int) -> float:
    """Average NLL of ``words`` under an n-gram table, in float64 (probability 0 gives inf)."""
    vocab = _names()[1]
    X, Y = ngram_dataset(words, vocab, order)
    rows = X[:, 0] * len(vocab) + X[:, 1] if order == 3 else X[:, 0]
    return -P[rows, Y].double().log().mean().item()


@dataclass(frozen=True)
class _Trigram:
    N3: torch.Tensor  # (V*V, V) int64
    P3: torch.Tensor  # (V*V, V) float64, empty rows 0
    loss: float
    bigram_loss: float


@functools.cache
def _trigram() -> _Trigram:
    words, vocab = _names()
    N3 = ngram_counts(words, vocab, order=3).long()
    P3 = ngram_probs(N3)
    P2 = ngram_probs(ngram_counts(words, vocab, order=2))
    return _Trigram(N3, P3.double(), _mean_nll(P3, words, 3), _mean_nll(P2, words, 2))


def _network_losses(W: torch.Tensor, counts: torch.Tensor) -> float:
    """Mean NLL of a (2V, V) trigram network's ``W`` on the examples tallied in ``counts`` (V*V, V)."""
    v = W.shape[1]
    logits = (W[:v].unsqueeze(1) + W[v:].unsqueeze(0)).reshape(v * v, v)
    log_probs = torch.log_softmax(logits, dim=1)
    seen = counts > 0
    return -(counts[seen] * log_probs[seen]).sum().item() / counts.sum().item()


@functools.cache
def _split_ref() -> tuple[tuple[list[str], list[str], list[str]], dict[str, torch.Tensor]]:
    words, vocab = _names()
    train, dev, test = given_split(words)
    return (train, dev, test), {
        "train3": ngram_counts(train, vocab, order=3),
        "train2": ngram_counts(train, vocab, order=2),
        "all3": ngram_counts(words, vocab, order=3),
    }


@functools.cache
def _examples(split: str, order: int) -> tuple[torch.Tensor, torch.Tensor]:
    """The (row, next character) examples of one split of :func:`given_split`."""
    (train, dev, test), _ = _split_ref()
    vocab = _names()[1]
    X, Y = ngram_dataset({"train": train, "dev": dev, "test": test}[split], vocab, order)
    return (X[:, 0] * len(vocab) + X[:, 1] if order == 3 else X[:, 0]), Y


@functools.cache
def _smoothed_loss(table: str, smoothing: float, split: str) -> float:
    order = 2 if table.endswith("2") else 3
    rows, Y = _examples(split, order)
    return -ngram_probs(_split_ref()[1][table], smoothing)[rows, Y].double().log().mean().item()


@dataclass(frozen=True)
class _Bigram:
    N: torch.Tensor  # (V, V) int64
    P: torch.Tensor  # (V, V) float32
    xs: torch.Tensor
    ys: torch.Tensor
    optimum: float  # the counting model's loss on all the names
    smoothed: float  # the same with one fake count
    W: torch.Tensor  # the seeded initial weights, float32, no grad
    grad: torch.Tensor  # the gradient of the mean NLL at W, float64
    loss: float  # the mean NLL at W


@functools.cache
def _bigram() -> _Bigram:
    words, vocab = _names()
    xs, ys = bigram_dataset(words, vocab)
    N = ngram_counts(words, vocab, order=2).long()
    P = bigram_probs(N)
    W = given_weights(len(vocab)).detach()
    loss, grad = table_loss_and_grad(N.double(), xs.shape[0])(W.double())
    return _Bigram(
        N, P, xs, ys, _mean_nll(P, words, 2), _mean_nll(bigram_probs(N, 1), words, 2), W, grad, loss
    )


def _table_loss(W: torch.Tensor, N: torch.Tensor) -> float:
    log_probs = torch.log_softmax(W, dim=1)
    seen = N > 0
    return -(N[seen] * log_probs[seen]).sum().item() / N.sum().item()


# --- the inputs the notebook gives -----------------------------------------------------


def given_split(words: Sequence[str]) -> tuple[list[str], list[str], list[str]]:
    """The train/dev/test split exercise 3 starts from: :func:`split_names` with seed 42."""
    return split_names(list(words), SPLIT_SEED)


def given_weights(vocab_size: int = 27) -> torch.Tensor:
    """The weights exercises 4 to 6 start from: the lesson's seeded (V, V) ``W``, ``requires_grad=True``."""
    return init_weights(vocab_size, torch.Generator().manual_seed(SEED))


# --- exercise 1: a trigram model ------------------------------------------------------------


def _table(answer: object, what: str) -> tuple[torch.Tensor, bool]:
    """An answer read as a (V*V, V) table; True if it came as (V, V, V)."""
    v = len(_names()[1])
    t = _tensor(answer, what)
    if tuple(t.shape) == (v, v, v):
        return t.reshape(v * v, v), True
    if tuple(t.shape) == (v, v * v):
        raise _Stop(
            _mistake(
                "transposed",
                f"shape {(v, v * v)}: one row per context, one column per next character, so ({v * v}, {v})",
            )
        )
    if tuple(t.shape) == (v, v):
        raise _Stop(
            _mistake(
                "bigram_table",
                f"a ({v}, {v}) table has one row per character: that is the bigram; a trigram "
                f"needs a row per pair of characters, ({v * v}, {v})",
            )
        )
    if tuple(t.shape) != (v * v, v):
        raise _Stop(
            _differs(
                "wrong_shape", f"expected shape ({v * v}, {v}) (or ({v}, {v}, {v})), got {tuple(t.shape)}"
            )
        )
    return t, False


def _judge_counts(answer: object) -> Result:
    ref = _trigram().N3
    v = ref.shape[1]
    t, cube = _table(answer, "the trigram counts N3")
    total = round(t.sum().item()) if bool(torch.isfinite(t).all()) else -1
    if torch.equal(t, ref.double()):
        note = f" (a {v}x{v}x{v} table, read as {v * v} x {v})" if cube else ""
        return _ok(f"{total:,} trigrams in {int((ref.sum(1) > 0).sum())} contexts that occur{note}")
    one_marker = ref.clone()
    one_marker[0] = 0  # with one '.' before a name, the context '..' never occurs
    if torch.equal(t, one_marker.double()):
        return _mistake(
            "one_start_marker",
            f"{total:,} trigrams instead of {ref.sum().item():,}: put two '.' before each "
            "name, so that its first letter has a context ('..')",
        )
    reversed_ = ref.view(v, v, v).transpose(0, 1).reshape(v * v, v)
    if torch.equal(t, reversed_.double()):
        return _mistake(
            "context_reversed",
            "the context c1 c2 (older first) belongs in row c1 * 27 + c2; yours is c2 * 27 + c1",
        )
    if total == ref.sum().item():
        wrong = (t != ref).sum().item()
        return _differs("wrong_value", f"the total {total:,} is right, but {wrong:,} of the cells differ")
    return _differs(
        "wrong_value", f"expected {ref.sum().item():,} trigrams in all, got {t.sum().item():,.0f}"
    )


def _judge_probs(answer: object) -> Result:
    tri = _trigram()
    ref, N3 = tri.P3, tri.N3.double()
    v = ref.shape[1]
    t, cube = _table(answer, "the trigram probabilities P3")
    empty = N3.sum(1) == 0
    seen_ok = _same(t[~empty], ref[~empty])
    if seen_ok and bool(torch.isnan(t[empty]).all()):
        return _mistake(
            "nan_rows",
            f"the {int(empty.sum())} contexts that never occur have 0 / 0 = NaN rows; give "
            "them zeros (e.g. divide by the row sums clamped to at least 1)",
        )
    empty_rows = t[empty]
    if seen_ok and bool(((empty_rows == 0).all(1) | (empty_rows - 1 / v).abs().le(PROB_TOL).all(1)).all()):
        return _ok(
            f"each of the {int((~empty).sum())} contexts that occur has a row summing to "
            f"1; row '.e' gives 'm' {t[5, 13].item():.4f}"
        )
    no_keepdim = N3.view(v, v, v) / N3.view(v, v, v).sum(2)  # what broadcasting does without keepdim
    if cube and _same(t, no_keepdim.reshape(v * v, v)):
        return _mistake(
            "no_keepdim",
            "without keepdim=True the row sums broadcast along the wrong axis; use N3.sum(2, keepdim=True)",
        )
    if not bool(torch.isfinite(t).all()):
        return _differs("wrong_value", "the table holds NaN or inf outside the rows that never occur")
    if _same(t, N3):
        return _mistake("counts_not_probs", "these are the counts; divide each row by its sum")
    col = t.sum(0)
    if bool(((col - 1).abs() < 1e-4).sum() > v // 2) and not bool(((t.sum(1) - 1).abs() < 1e-4).all()):
        return _mistake(
            "columns_normalised", "the columns sum to 1, not the rows: divide by N3.sum(1, keepdim=True)"
        )
    if bool((t > 0).all()) and bool(((t.sum(1) - 1).abs() < 1e-4).all()):
        return _mistake(
            "smoothed",
            "every entry is above 0, so the table is smoothed; this part asks for the plain "
            "counts, normalised",
        )
    bad = int((~torch.isclose(t, ref, rtol=0, atol=PROB_TOL)).any(1)[~empty].sum())
    return _differs(
        "wrong_value", f"{bad} of the rows of contexts that occur differ from N3 normalised row by row"
    )


def _judge_trigram_loss(answer: object) -> Result:
    tri = _trigram()
    x = _number(answer, "the trigram's loss")
    special = [
        (
            tri.bigram_loss,
            "bigram_loss",
            f"{x:.4f} is the bigram's loss; score the trigram table with two characters of context",
        )
    ]
    return _judge_loss(
        x, tri.loss, int(tri.N3.sum()), "the trigram counting model's loss on all the names", special
    )


def _judge_network(answer: object) -> Result:
    tri = _trigram()
    v = tri.N3.shape[1]
    t = _tensor(answer, "the trained weights W")
    if tuple(t.shape) == (v, v):
        return _mistake(
            "last_char_only",
            f"a ({v}, {v}) W sees one character: that is the bigram network "
            f"(loss about {tri.bigram_loss:.2f}); "
            f"feed both context characters, {2 * v} inputs",
        )
    if tuple(t.shape) == (v * v, v):
        return _mistake(
            "pair_inputs",
            f"a ({v * v}, {v}) W gives every pair of characters a row of its own: the counting table "
            f"again, as a network; this part asks for {2 * v} inputs, one one-hot vector per character",
        )
    if tuple(t.shape) == (2, v, v):
        t = t.reshape(2 * v, v)
    if tuple(t.shape) != (2 * v, v):
        return _differs("wrong_shape", f"expected W of shape ({2 * v}, {v}), got {tuple(t.shape)}")
    _require_finite(t, "the learning rate is too high, or a probability of 0 went into a log")
    counts = tri.N3.double()
    loss = _network_losses(t, counts)
    if loss <= NETWORK_TARGET:
        return _ok(f"loss {loss:.4f} on all the names, below the bigram's {tri.bigram_loss:.4f}")
    last_only = _network_losses(torch.cat([torch.zeros_like(t[:v]), t[v:]]), counts)
    if last_only <= tri.bigram_loss + 0.05:
        return _mistake(
            "last_char_only",
            f"only the newer character's weights learned (loss {loss:.4f}): the older character's "
            f"one-hot goes in the first {v} inputs",
        )
    if _network_losses(torch.cat([t[v:], t[:v]]), counts) <= NETWORK_TARGET:
        return _mistake(
            "context_reversed",
            f"the blocks are swapped: the older character (X[:, 0]) goes in the first {v} "
            f"inputs, the newer in the last {v}",
        )
    return _differs(
        "undertrained",
        f"loss {loss:.4f}; train until it is below {NETWORK_TARGET:.2f} (the solution gets there "
        "in 100 steps at lr 30)",
    )


# --- exercise 2: train, dev, test ----------------------------------------------------------


def _split_props(parts: object, words: list[str]) -> tuple[list[str], list[str], list[str]]:
    """The split checked for everything that one call can show; a verdict if something is off."""
    if not isinstance(parts, (tuple, list)) or len(parts) != 3:
        raise _Stop(
            _differs(
                "wrong_type", f"expected (train, dev, test), three lists of names; got {type(parts).__name__}"
            )
        )
    if (
        any(isinstance(p, torch.Tensor) for p in parts)
        or sum(len(p) for p in parts) == _trigram().N3.sum().item()
    ):
        raise _Stop(
            _mistake(
                "split_pairs",
                "split the names, not the pairs (or examples): all the examples of one name "
                "belong to the same split",
            )
        )
    if not all(isinstance(p, (list, tuple)) and all(isinstance(w, str) for w in p) for p in parts):
        raise _Stop(_differs("wrong_type", "each of train, dev and test must be a list of names (str)"))
    train, dev, test = (list(p) for p in parts)
    n, sizes = len(words), [len(train), len(dev), len(test)]
    all_names = Counter(words)
    if sum(sizes) < n:
        raise _Stop(
            _mistake(
                "lost_names",
                f"{sizes[0]:,} + {sizes[1]:,} + {sizes[2]:,} = {sum(sizes):,} names, not "
                f"{n:,}: rounding each share down loses names; let the test set take what "
                "is left",
            )
        )
    if sum(sizes) > n or Counter(train) + Counter(dev) + Counter(test) != all_names:
        if sum(sizes) > n:
            message = f"{sum(sizes):,} names in all, more than the {n:,} lines: the splits overlap"
            raise _Stop(_mistake("overlap", f"{message} (check where each slice starts and ends)"))
        raise _Stop(_differs("wrong_value", "the three splits together are not the lines of names.txt"))
    for size, share, name in zip(sizes, (0.8, 0.1, 0.1), ("train", "dev", "test"), strict=True):
        if abs(size - share * n) > 2:
            raise _Stop(
                _mistake(
                    "wrong_sizes",
                    f"{name} has {size:,} names; 80/10/10 of {n:,} is about {0.8 * n:,.0f} "
                    f"/ {0.1 * n:,.0f} / {0.1 * n:,.0f}",
                )
            )
    unshuffled = {
        "of the file: names.txt is sorted by popularity": words,
        "of the names sorted alphabetically": sorted(words),
    }
    for where, order in unshuffled.items():
        if Counter(train) == Counter(order[: len(train)]):
            message = f"the training set is the first 80% {where}; shuffle (with a seed) before you cut"
            raise _Stop(_mistake("not_shuffled", message))
    return train, dev, test


def _judge_split(answer: object) -> Result:
    words = _names()[0]
    if isinstance(answer, (tuple, list)):
        _split_props(answer, words)
        return _mistake(
            "not_a_function",
            "this split looks right; pass the function itself, check(split_names), so that "
            "the check can see it is seeded",
        )
    if not callable(answer):
        return _differs(
            "wrong_type", f"expected the function split_names(words, seed), got {type(answer).__name__}"
        )
    given = list(words)
    first = _call(answer, given, SPLIT_SEED)
    if given != words:
        return _mistake(
            "shuffled_in_place",
            "your function reorders the list it is given (random.shuffle does): shuffle "
            "a copy, or the indices, so that words stays as read",
        )
    train, dev, test = _split_props(first, words)
    again = _call(answer, list(words), SPLIT_SEED)
    if [list(p) for p in again] != [train, dev, test]:
        return _mistake(
            "unseeded",
            "two calls with the same seed gave different splits: use a generator seeded "
            "with the seed argument",
        )
    other = _call(answer, list(words), SPLIT_SEED + 1)
    if [list(p) for p in other] == [train, dev, test]:
        return _mistake(
            "seed_ignored", "seeds 42 and 43 give the same split: does your function use its seed argument?"
        )
    return _ok(
        f"{len(train):,} / {len(dev):,} / {len(test):,} names, each line in exactly one split, "
        "the same split for the same seed"
    )


# --- exercise 3: tune on dev, report test once -------------------------------------------------


def _judge_sweep(answer: object) -> Result:
    if isinstance(answer, (list, tuple)) and len(answer) == len(SMOOTHINGS):
        answer = dict(zip(SMOOTHINGS, answer, strict=True))
    if not isinstance(answer, dict):
        return _differs("wrong_type", f"expected a dict {{smoothing: dev loss}}, got {type(answer).__name__}")
    if len(answer) > 100:
        return _differs("wrong_value", f"{len(answer)} values is more than a sweep needs (at most 100)")
    sweep = {_number(k, "a smoothing"): _number(x, "a dev loss") for k, x in answer.items()}
    if any(k == 0 for k in sweep):
        return _mistake(
            "zero_in_sweep",
            "smoothing 0 gives an infinite dev loss (a dev trigram never seen in training "
            "gets probability 0); start the sweep above 0",
        )
    if any(not math.isfinite(k) or k < 0 for k in sweep):
        return _differs("wrong_value", "every smoothing must be a number above 0")
    if len(sweep) < 3:
        return _mistake(
            "too_few", f"{len(sweep)} value(s): try several, over a wide range (such as SMOOTHINGS)"
        )

    def matches(table: str, split: str) -> bool:
        return all(_near(x, _smoothed_loss(table, k, split)) for k, x in sweep.items())

    if matches("train3", "dev"):
        best = min(sweep, key=sweep.get)
        return _ok(f"{len(sweep)} dev losses; the lowest is {sweep[best]:.4f}, at smoothing {best:g}")
    for table, split, code, message in (
        ("train3", "train", "train_loss", "these are training losses: judge each smoothing on the dev names"),
        (
            "train3",
            "test",
            "test_loss",
            "these are test losses: the test set stays locked until the choice is made; use dev",
        ),
        (
            "all3",
            "dev",
            "counted_on_all",
            "these counts include the dev names: count on the training names only",
        ),
        ("train2", "dev", "bigram_sweep", "these are the bigram's dev losses: sweep the trigram (order 3)"),
    ):
        if matches(table, split):
            return _mistake(code, message)
    k, x = next((k, x) for k, x in sweep.items() if not _near(x, _smoothed_loss("train3", k, "dev")))
    return _differs(
        "wrong_value",
        f"at smoothing {k:g} the dev loss should be {_smoothed_loss('train3', k, 'dev'):.4f}, "
        f"got {x:.4f} (the split of given_split, trigram counts of the training names)",
    )


def _grid_best() -> tuple[float, float]:
    return min((_smoothed_loss("train3", k, "dev"), k) for k in SMOOTHINGS)


def _judge_smoothing(answer: object) -> Result:
    k = _number(answer, "the chosen smoothing")
    best_dev, best_k = _grid_best()
    if k == 0:
        return _mistake(
            "zero", "smoothing 0 makes the dev loss infinite (a dev trigram never seen in training)"
        )
    if not math.isfinite(k) or k < 0 or k > 1e6:
        return _differs("wrong_value", f"a smoothing is a fake count above 0, got {k}")
    dev = _smoothed_loss("train3", k, "dev")
    if dev <= best_dev + SMOOTHING_TOL:
        return _ok(
            f"smoothing {k:g} gives dev loss {dev:.4f} (the sweep's best: {best_dev:.4f} at {best_k:g})"
        )
    if k <= min(SMOOTHINGS):
        return _mistake(
            "chosen_on_train",
            "the training loss always prefers the smallest smoothing; choose the one with "
            f"the lowest dev loss ({dev:.4f} at {k:g})",
        )
    if k == 1:
        return _mistake(
            "lesson_default",
            "1 is notebook 03's fake count, not a choice: pick the smoothing with the lowest dev loss",
        )
    return _differs(
        "wrong_value",
        f"smoothing {k:g} gives dev loss {dev:.4f}, more than {SMOOTHING_TOL} above the lowest "
        "dev loss of the sweep: choose by the dev losses",
    )


def _judge_test_loss(answer: object) -> Result:
    x = _number(answer, "the test loss")
    _, best_k = _grid_best()
    expected = _smoothed_loss("train3", best_k, "test")
    n = sum(len(w) + 1 for w in _split_ref()[0][2])
    special = [
        (
            _smoothed_loss("train3", best_k, "dev"),
            "dev_loss",
            "this is the dev loss; evaluate the chosen model once on the test names",
        ),
        (
            _smoothed_loss("train3", best_k, "train"),
            "train_loss",
            "this is the training loss; evaluate on the test names",
        ),
        (
            _smoothed_loss("train3", 1.0, "test"),
            "lesson_default",
            "this is the test loss with smoothing 1, not the smoothing chosen on dev",
        ),
        (
            math.inf,
            "unsmoothed",
            "without smoothing a test trigram never seen in training gets probability 0",
        ),
    ]
    return _judge_loss(x, expected, n, f"the test loss at smoothing {best_k:g}", special)


# --- exercise 4: W[xs] ----------------------------------------------------------------------------


def _judge_logits(answer: object) -> Result:
    b = _bigram()
    ref = b.W[b.xs].double()
    t = _tensor(answer, "the logits", keep_float=True)  # 6 million numbers: no copy to float64
    columns = "W[:, xs] picks columns of W; the one-hot product picks rows: W[xs]"
    if tuple(t.shape) == tuple(reversed(ref.shape)):
        return _mistake("columns", columns)
    if tuple(t.shape) != tuple(ref.shape):
        return _differs(
            "wrong_shape",
            f"expected shape {tuple(ref.shape)}, one row of logits per pair, got {tuple(t.shape)}",
        )
    if _same(t, ref):
        return _ok(f"{ref.shape[0]:,} rows of logits, the same as one-hot @ W")
    if _same(t, b.W.T[b.xs].double()):
        return _mistake("columns", columns + " (transposing W[:, xs] does not undo that)")
    if _same(t, b.W[b.ys].double()):
        return _mistake("indexed_by_ys", "these rows are picked by ys; the input characters are xs")
    if _same(t, torch.softmax(ref, dim=1)):
        return _mistake(
            "probs_not_logits",
            "these are probabilities (the softmax); the logits are the rows of W themselves",
        )
    return _differs(
        "wrong_value",
        "the shape is right but the values differ: use W as given (freshly initialised), indexed by xs",
    )


def _judge_grad(answer: object) -> Result:
    b = _bigram()
    if answer is None:
        return _mistake(
            "grad_none", "W.grad is None: run loss.backward() first (W must have requires_grad=True)"
        )
    t = _tensor(answer, "W.grad")
    if tuple(t.shape) != tuple(b.grad.shape):
        return _differs(
            "wrong_shape", f"expected a gradient shaped like W, {tuple(b.grad.shape)}, got {tuple(t.shape)}"
        )
    if _same(t, b.grad, GRAD_TOL):
        return _ok(
            f"the gradient of the mean loss {b.loss:.4f}, largest entry {b.grad.abs().max().item():.4f}"
        )
    for k in range(2, 6):
        if _same(t, k * b.grad, GRAD_TOL):
            return _mistake(
                "grad_accumulated",
                f"{k} times the gradient: backward() adds to W.grad, so set W.grad = None "
                "before each backward pass",
            )
    if _same(t / b.xs.shape[0], b.grad, GRAD_TOL):
        return _mistake(
            "grad_of_sum", "this is the gradient of the summed loss; take the mean over the pairs"
        )
    if _same(t, -b.grad, GRAD_TOL):
        return _mistake(
            "grad_negated",
            "the sign is flipped: the gradient of the loss points uphill, and the step subtracts it",
        )
    return _differs(
        "wrong_value",
        f"the gradient differs by up to {(t - b.grad).abs().max().item():.4f}: W as given, "
        "loss = mean NLL of W[xs]",
    )


# --- exercise 5: F.cross_entropy ------------------------------------------------------------------


def _judge_ce_loss(answer: object) -> Result:
    b = _bigram()
    x = _number(answer, "the loss")
    logits = b.W[b.xs]
    n = b.xs.shape[0]
    special = [
        (
            F.cross_entropy(torch.softmax(logits, dim=1), b.ys).item(),
            "probs_passed",
            "F.cross_entropy takes the logits, and does the softmax itself; you gave it probabilities",
        ),
        (
            F.nll_loss(logits, b.ys).item(),
            "nll_loss_on_logits",
            "F.nll_loss expects log-probabilities; on raw logits it skips the softmax: use "
            "F.cross_entropy(logits, ys)",
        ),
        (
            b.loss * n,
            "reduction_sum",
            f"{x:.4f} is the sum (reduction='sum'); the loss is the mean, F.cross_entropy's default",
        ),
    ]
    return _judge_loss(x, b.loss, n, "the loss", special)


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
)


def _judge_stable(answer: object) -> Result:
    if not callable(answer):
        return _differs(
            "wrong_type", f"expected your function stable_nll(logits, ys), got {type(answer).__name__}"
        )
    b = _bigram()
    logits = b.W[b.xs]
    x = _number(_call(answer, logits, b.ys), "the loss your function returns")
    if not _near(x, b.loss):
        return _differs(
            "wrong_value",
            f"on the ordinary logits W[xs] your function gives {x:.4f}, F.cross_entropy {b.loss:.4f}",
        )
    for row, target, code, message in _STRESS:
        z, y = torch.tensor([row]), torch.tensor([target])
        got = _number(_call(answer, z, y), "the loss your function returns")
        if not _near(got, F.cross_entropy(z, y).item(), tol=1e-5):
            return _mistake(code, f"on the logits {row} (target {target}) it gives {got}: {message}")
    return _ok(
        f"{x:.4f} on W[xs], as F.cross_entropy, and finite on rows such as [101, 102, 103] and [-200, 0, 0]"
    )


# --- exercise 6: train all the way --------------------------------------------------------------


def _judge_weights(answer: object) -> Result:
    b = _bigram()
    t = _tensor(answer, "the trained weights W")
    if tuple(t.shape) != tuple(b.N.shape):
        return _differs("wrong_shape", f"expected W of shape {tuple(b.N.shape)}, got {tuple(t.shape)}")
    _require_finite(t, "the steps were too large (lower the learning rate) and training blew up")
    N = b.N.double()
    loss = _table_loss(t, N)
    gap = loss - b.optimum
    if gap <= OPTIMUM_TOL:
        return _ok(f"loss {loss:.4f}, within {OPTIMUM_TOL} of the counting model's {b.optimum:.4f}")
    if bool((t >= 0).all()) and bool(((t.sum(1) - 1).abs() < 1e-4).all()):
        return _mistake(
            "probs_not_weights",
            "these look like probabilities (rows sum to 1); pass the weights W whose softmax they are",
        )
    grad = (N.sum(1, keepdim=True) * torch.softmax(t, dim=1) - N) / N.sum()
    decay = 2 * t / t.numel()  # the gradient of mean(W**2)
    reg = -(grad * decay).sum().item() / (decay * decay).sum().clamp(min=1e-30).item()
    if reg > 1e-4 and (grad + reg * decay).norm() <= 0.1 * grad.norm():
        return _mistake(
            "reg_positive",
            f"W sits where the penalty (reg about {reg:.2g}) balances the data: the optimum "
            "of the counts needs reg = 0",
        )
    if _near(loss, b.smoothed):
        return _mistake(
            "smoothed_target",
            f"loss {loss:.4f} is the smoothed model's ({b.smoothed:.4f}); the target is the "
            f"unsmoothed P, {b.optimum:.4f}",
        )
    return _differs(
        "not_converged",
        f"loss {loss:.4f}, {gap:.4f} above the counting model's {b.optimum:.4f}: keep training",
    )


# --- the reference solutions (what solution() prints; the tests run them) --------------------------


def trigram_counts(words, vocab):
    """N3, (V*V, V): row c1*V + c2 counts what follows the context c1 c2 (older first)."""
    counts = Counter()
    for w in words:
        chs = [".", ".", *w, "."]  # two markers: the first letter has the context '..'
        counts.update(zip(chs, chs[1:], chs[2:], strict=False))
    V, stoi = len(vocab), vocab.stoi
    N3 = torch.zeros((V * V, V), dtype=torch.int64)
    for (c1, c2, c3), n in counts.items():
        N3[stoi[c1] * V + stoi[c2], stoi[c3]] = n
    return N3


def trigram_probs(N3):
    """Each row divided by its sum; a context that never occurs keeps a row of zeros (not 0/0)."""
    totals = N3.sum(1, keepdim=True)
    return N3 / totals.clamp(min=1)


def trigram_loss(P3, words, vocab):
    """Mean negative log-likelihood of words under the trigram table P3."""
    X, Y = ngram_dataset(words, vocab, order=3)
    rows = X[:, 0] * len(vocab) + X[:, 1]
    return -P3[rows, Y].log().mean().item()


def trigram_network(words, vocab, steps=100, lr=30.0):
    """A (2V, V) W: the one-hot vectors of both context characters side by side, trained."""
    X, Y = ngram_dataset(words, vocab, order=3)
    W = ngram_init_weights(len(vocab), torch.Generator().manual_seed(2147483647), order=3)
    train_ngram_neural(W, X, Y, steps=steps, lr=lr)  # the lesson's loop, computed from the counts
    return W


def split_names(words, seed):
    """Shuffle a copy with a seeded generator, then cut 80% / 10% / the rest."""
    perm = torch.randperm(len(words), generator=torch.Generator().manual_seed(seed)).tolist()
    shuffled = [words[i] for i in perm]
    n_train, n_dev = int(0.8 * len(words)), int(0.1 * len(words))
    return shuffled[:n_train], shuffled[n_train : n_train + n_dev], shuffled[n_train + n_dev :]


def dev_sweep(train, dev, vocab, smoothings):
    """{smoothing: dev loss} of the trigram counted on the training names (trigram_loss is ex1's)."""
    N3 = ngram_counts(train, vocab, order=3)
    return {k: trigram_loss(ngram_probs(N3, k), dev, vocab) for k in smoothings}


def best_smoothing(sweep):
    """The smoothing with the lowest dev loss."""
    return min(sweep, key=sweep.get)


def loss_on_test(train, test, vocab, smoothing):
    """The chosen model, counted on the training names, judged once on the test names."""
    N3 = ngram_counts(train, vocab, order=3)
    return trigram_loss(ngram_probs(N3, smoothing), test, vocab)


def logits_by_indexing(W, xs):
    """Row xs[k] of W, for every k: what one_hot(xs) @ W computes, without the zeros."""
    return W[xs]


def gradient_by_indexing(W, xs, ys):
    """W.grad after one backward pass of the mean NLL, with W[xs] as the logits."""
    W.grad = None  # backward() adds to W.grad: start from nothing
    counts = W[xs].exp()
    probs = counts / counts.sum(1, keepdim=True)
    loss = -probs[torch.arange(len(ys)), ys].log().mean()
    loss.backward()
    return W.grad


def loss_by_cross_entropy(logits, ys):
    """The same mean NLL, by PyTorch: raw logits in, softmax and log inside."""
    return F.cross_entropy(logits, ys)


def stable_nll(logits, ys):
    """Mean NLL from logits that cannot overflow or underflow: shift by each row's largest logit."""
    m = logits.max(1, keepdim=True).values
    log_sum = m.squeeze(1) + (logits - m).exp().sum(1).log()
    return (log_sum - logits[torch.arange(len(ys)), ys]).mean()


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


# --- the exercises ---------------------------------------------------------------------------------

ex1 = Exercise(
    "Exercise 1: a trigram model",
    Part(
        "ex1.counts",
        _judge_counts,
        trigram_counts,
        [
            "Frame each name with two '.' before it and one after: 'emma' gives '..emma.'.",
            "Slide a window of three characters: zip(chs, chs[1:], chs[2:]); count each (c1, c2, c3).",
            "Store the count of c1 c2 -> c3 at N3[stoi[c1] * 27 + stoi[c2], stoi[c3]], in a (729, 27) table.",
        ],
        {
            "one_start_marker": "one '.' before each name instead of two (196,113 trigrams)",
            "context_reversed": "the context's row built as c2 * 27 + c1",
            "transposed": "next characters in the rows, contexts in the columns",
            "bigram_table": "a 27 x 27 table: the bigram counts",
        },
    ),
    Part(
        "ex1.probs",
        _judge_probs,
        trigram_probs,
        [
            "As for the bigram: divide each row by its sum, with keepdim=True so that it "
            "broadcasts along the row.",
            "Some contexts never occur (what follows 'a.'?): their sum is 0, and 0 / 0 is NaN.",
            "N3 / N3.sum(1, keepdim=True).clamp(min=1) leaves those rows at 0.",
        ],
        {
            "nan_rows": "rows of contexts that never occur are 0/0 = NaN",
            "no_keepdim": "a (27, 27, 27) table divided by sums without keepdim",
            "counts_not_probs": "the counts, not normalised",
            "columns_normalised": "columns sum to 1 instead of rows",
            "smoothed": "fake counts added (not asked for here)",
            "transposed": "next characters in the rows",
            "bigram_table": "a 27 x 27 table",
        },
    ),
    Part(
        "ex1.loss",
        _judge_trigram_loss,
        trigram_loss,
        [
            "The loss is the mean, over all 228,146 examples, of -log(probability of the next character).",
            "ngram_dataset(words, vocab, order=3) gives X (the two context characters) and "
            "Y; the row is X[:, 0] * 27 + X[:, 1].",
            "-P3[rows, Y].log().mean()",
        ],
        {
            "bigram_loss": "the bigram's loss",
            "loss_sum": "the sum instead of the mean",
            "no_minus": "the log-likelihood, without the minus sign",
            "bits": "logs in base 2",
        },
    ),
    Part(
        "ex1.network",
        _judge_network,
        trigram_network,
        [
            "The input is the two one-hot vectors side by side: 54 numbers, so W is (54, 27).",
            "Only the first matrix multiply changes: logits = one_hot(X).float().view(-1, "
            "54) @ W; the rest is notebook 04's.",
            "train_ngram_neural(W, X, Y, steps=100, lr=30) runs the lesson's loop quickly.",
        ],
        {
            "last_char_only": "a network that sees only the last character",
            "context_reversed": "the two context characters in swapped blocks of W",
            "nan_weights": "training blew up",
            "undertrained": "not trained far enough",
            "pair_inputs": "one input per pair of characters (729), not per character",
        },
    ),
)

ex2 = Exercise(
    "Exercise 2: train, dev and test",
    Part(
        "ex2.split",
        _judge_split,
        split_names,
        [
            "names.txt is sorted by popularity: shuffle before you cut, or the splits hold "
            "different kinds of names.",
            "torch.randperm(len(words), generator=torch.Generator().manual_seed(seed)) gives "
            "a shuffled order of the indices.",
            "Cut at int(0.8 * n) and int(0.8 * n) + int(0.1 * n); the test set takes the "
            "rest, so no name is lost.",
        ],
        {
            "not_a_function": "the split itself instead of the function that makes it",
            "shuffled_in_place": "the function reorders the list it is given",
            "split_pairs": "pairs (or examples) split instead of names",
            "lost_names": "a name lost to rounding",
            "overlap": "splits that share lines",
            "wrong_sizes": "not 80/10/10",
            "not_shuffled": "cut without shuffling",
            "unseeded": "a different split on every call",
            "seed_ignored": "the same split for every seed",
        },
    ),
)

ex3 = Exercise(
    "Exercise 3: tune on dev, report test once",
    Part(
        "ex3.sweep",
        _judge_sweep,
        dev_sweep,
        [
            "Count the trigrams of the training names once; each smoothing is then one ngram_probs call.",
            "Judge every smoothing on the dev names: "
            "{k: loss of ngram_probs(N3_train, k) on dev for k in SMOOTHINGS}.",
            "The loss is ex1's trigram loss, on dev_words.",
        ],
        {
            "zero_in_sweep": "smoothing 0 in the sweep (infinite dev loss)",
            "too_few": "fewer than three values",
            "train_loss": "the sweep judged on the training names",
            "test_loss": "the sweep judged on the test names",
            "counted_on_all": "counts that include the dev names",
            "bigram_sweep": "the bigram swept instead of the trigram",
        },
    ),
    Part(
        "ex3.smoothing",
        _judge_smoothing,
        best_smoothing,
        [
            "The best smoothing is the one whose dev loss is lowest.",
            "min(sweep, key=sweep.get)",
        ],
        {
            "zero": "no smoothing at all",
            "chosen_on_train": "the smallest value, as the training loss prefers",
            "lesson_default": "notebook 03's single fake count, not chosen",
        },
    ),
    Part(
        "ex3.test_loss",
        _judge_test_loss,
        loss_on_test,
        [
            "Count on the training names, smooth with the chosen value, and score the test names, once.",
            "trigram_loss(ngram_probs(N3_train, k), test_words, vocab)",
        ],
        {
            "dev_loss": "the dev loss reported as the test loss",
            "train_loss": "the training loss reported",
            "lesson_default": "the test loss at smoothing 1",
            "unsmoothed": "infinite: no smoothing",
            "loss_sum": "the sum instead of the mean",
            "no_minus": "without the minus sign",
            "bits": "logs in base 2",
        },
    ),
)

ex4 = Exercise(
    "Exercise 4: W[xs] instead of one-hot",
    Part(
        "ex4.logits",
        _judge_logits,
        logits_by_indexing,
        [
            "one_hot(xs) @ W picks row xs[k] of W for example k.",
            "Indexing a tensor with a tensor of indices picks those rows: W[xs].",
        ],
        {
            "columns": "W[:, xs], columns instead of rows",
            "indexed_by_ys": "rows picked by ys",
            "probs_not_logits": "the softmax of the logits",
        },
    ),
    Part(
        "ex4.grad",
        _judge_grad,
        gradient_by_indexing,
        [
            "Build the loss from W[xs] as in notebook 04, call loss.backward(), and pass W.grad.",
            "backward() adds to W.grad: set W.grad = None before each backward pass.",
        ],
        {
            "grad_none": "no backward pass yet",
            "grad_accumulated": "gradients of two backward passes added up",
            "grad_of_sum": "the gradient of the summed loss",
            "grad_negated": "the gradient with its sign flipped",
        },
    ),
)

ex5 = Exercise(
    "Exercise 5: F.cross_entropy",
    Part(
        "ex5.loss",
        _judge_ce_loss,
        loss_by_cross_entropy,
        [
            "F.cross_entropy takes the raw logits (not probabilities) and the targets.",
            "F.cross_entropy(logits, ys)",
        ],
        {
            "probs_passed": "softmax probabilities passed to F.cross_entropy",
            "nll_loss_on_logits": "F.nll_loss on raw logits",
            "reduction_sum": "reduction='sum'",
            "no_minus": "without the minus sign",
            "bits": "logs in base 2",
        },
    ),
    Part(
        "ex5.stable",
        _judge_stable,
        stable_nll,
        [
            "The softmax does not change when the same number is subtracted from every logit of a row.",
            "Subtract each row's largest logit: then no exp overflows, and the sum is at least 1.",
            "log softmax(z)_y = z_y - m - log(sum exp(z - m)): never form the probability itself.",
        ],
        {
            "not_stable": "exp overflows on large logits",
            "subtracts_min": "subtracts the smallest logit instead of the largest",
            "underflow": "takes the log of a probability that rounded to 0",
        },
    ),
)

ex6 = Exercise(
    "Exercise 6: train the network all the way",
    Part(
        "ex6.weights",
        _judge_weights,
        train_to_optimum,
        [
            "More steps of notebook 04's loop work, slowly; train_neural makes each step cheap.",
            "Row i of the gradient is (n_i / n)(softmax(W_i) - P_i): drop the factor n_i "
            "/ n and every row moves at the same pace.",
            "Repeat W -= 4.0 * (torch.softmax(W, dim=1) - P) until the loss is within 0.0001 "
            "of the counting model's.",
        ],
        {
            "nan_weights": "training blew up",
            "probs_not_weights": "probabilities passed instead of W",
            "reg_positive": "trained with a penalty reg > 0",
            "smoothed_target": "compared with the smoothed P",
            "not_converged": "not there yet",
        },
    ),
)


def all_parts() -> list[Part]:
    """Every part of every exercise, in order."""
    return [p for ex in (ex1, ex2, ex3, ex4, ex5, ex6) for p in ex.parts.values()]
