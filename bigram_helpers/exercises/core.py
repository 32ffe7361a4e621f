"""The part contract of notebook 05's checks, and the one judge every part goes through.

**A part** (``ex1.counts``) is one subclass of :class:`Part` that declares, in one place:

- ``name``, ``what`` (the answer as a message names it), ``hints`` (each a sentence, or a
  sentence and one line of code that runs where the answer cell is; each becomes a
  :class:`Hint`), ``solutions`` (the functions ``solution()`` prints) and ``answer_line``
  (pasted after them, it makes the answer);
- ``mistakes``: its mistakes as data, rows ``(code, build, message[, undo])`` (each becomes a
  :class:`Mistake`): ``build()`` makes the mistaken answer from the reference pipeline (the
  mistake written as code; a :class:`Several` when it has several forms), ``undo`` maps a
  mistaken answer back to a right one (transposing, swapping two blocks);
- ``says``: the message template of each other code its ``read`` or ``symptoms`` may give
  (besides the generic :data:`SAYS`), filled in by :meth:`Part.say`;
- ``read(*answers)``: the answer in one comparable form (a float64 CPU tensor, a float, a
  dict, or the measured behaviour of a function), or a :class:`Result` when its type or
  shape already settles the verdict;
- ``accept(value)``: the sentence ``Correct: ...`` ends with, or ``None``;
- ``same(value, built)``: whether two read answers agree within the part's tolerance;
- ``symptoms(value)``: measured facts about an answer no row explains (a constant ratio or
  offset to the reference, which rows or entries differ, NaN or inf and where, whether a
  function's result depends on its input), never a cause.

:func:`judge` runs every part the same way: placeholder -> ``read`` -> ``accept`` -> the rows
-> ``symptoms``. A row names its mistake only when it alone reproduces the answer (its
``build()`` is ``same`` as the answer, or its ``undo`` turns the answer into one ``accept``
takes). ``check`` prints the verdict as one line and never raises.

:class:`NumberPart` (below) and ``TablePart`` (:mod:`.tables`) supply ``read``, ``same`` and
``symptoms`` from a ``reference()``; ``WeightsPart`` judges trained weights by their loss.
Tolerances: every comparison is ``|answer - reference| <= atol + rtol * |reference|``.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import io
import math
import numbers
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, NamedTuple

import torch

from ..data import Vocab, build_vocab, load_words
from ..evaluation import mean_nll
from ..neural import bigram_dataset, init_weights
from ..ngram import ngram_counts, ngram_dataset
from ..notebook import names_txt_path

__all__ = [
    "CORRECT",
    "INCORRECT",
    "MISTAKE",
    "NOT_ATTEMPTED",
    "SAYS",
    "SEED",
    "SPLIT_SEED",
    "Hint",
    "Mistake",
    "NumberPart",
    "Part",
    "Result",
    "Several",
    "Tolerance",
    "given_split",
    "given_weights",
    "judge",
]

SEED = 2147483647  # the lesson's seed, for every W the exercises start from
CORRECT, NOT_ATTEMPTED, MISTAKE, INCORRECT = "correct", "not attempted", "mistake", "incorrect"
# What the reader sees for the codes any part may give ("{}": the text is measured where it is said).
SAYS = {
    "wrong_type": "{}",
    "wrong_shape": "{}",
    "symptom": "{}",
    "raised": "your function raised {}: {:.160}",
    "returned_none": "your function returned None: is a return missing? (random.shuffle and list.sort work "
    "in place and return None)",
    "none_used": "your function raised {}: {:.160}: something it used is None (random.shuffle and list.sort "
    "work in place and return None: shuffle a copy, then use the copy)",
    "low_precision": "{} is {} (half precision), which keeps about {} significant digits: too few here; "
    "compute in float32 (the default) or pass t.float()",
    "not_reduced": "{:,} numbers (shape {}), one per example, whose mean is the answer, {:.4f}: take .mean()",
    "rounded": "{} is {:g}, the right value rounded to {}: pass it unrounded (round only to print)",
}
_UNSPECIFIC = ("symptom", "wrong_type", "wrong_shape", "raised", "returned_none")


@dataclass(frozen=True)
class Tolerance:
    """``|x - ref| <= atol + rtol * |ref|``, elementwise: the rounding an honest answer may carry."""

    rtol: float
    atol: float


# Losses: notebook 03's float32 loop over 228,146 logs drifts 3.3e-5 relative from the float64
# mean; 1e-4 (three times that) still tells apart a single fake count (1.6e-4 above).
LOSS = Tolerance(rtol=1e-4, atol=1e-7)
# Probabilities and logits: one float32 division or softmax, a few ulps per entry.
PROB = Tolerance(rtol=1e-5, atol=1e-7)
# Gradients: float32 autograd sums a row's thousands of terms in its own order, so the error
# scales with the row: 2e-3 of the row's largest entry (5 times the worst honest error seen).
GRAD = Tolerance(rtol=2e-3, atol=1e-8)
_LOW_PRECISION = {torch.float16: 3, torch.bfloat16: 2}  # significant digits each keeps


@dataclass(frozen=True)
class Result:
    """A verdict: ``status``, ``code`` (a key of the part's ``codes``, None when correct), ``message``."""

    status: str
    code: str | None
    message: str

    @property
    def correct(self) -> bool:
        return self.status == CORRECT


UNTRIED = Result(NOT_ATTEMPTED, None, "Not attempted yet: replace the ... with your answer, then run")


def say(code: str, *fields: object, says: dict[str, str] = SAYS, **named: object) -> Result:
    """The verdict ``code``, its template from ``says`` filled by ``fields``: facts, or a slip it names.

    The status is ``incorrect`` for the unspecific codes (what differs, an unreadable type),
    ``mistake`` for the rest (a named mistake, or a fact that is itself the slip).
    """
    text = says[code].format(*fields, **named)
    return Result(INCORRECT if code in _UNSPECIFIC else MISTAKE, code, f"Not yet: {text}")


class Several(tuple):
    """What a row's builder returns when the mistake has several forms: each is tried."""

    def __new__(cls, *forms: object) -> Several:
        return super().__new__(cls, forms)


class Hint(NamedTuple):
    """One hint: a sentence, and optionally one line of code that runs where the answer cell is."""

    text: str
    code: str | None = None


class Mistake(NamedTuple):
    """One mistake as data: its code, the builder of the mistaken answer, its message, maybe its undoing."""

    code: str
    build: Callable[[], object]
    message: str
    undo: Callable[[object], object] | None = None


class Part:
    """One checked step of an exercise (see the module's docstring for the contract)."""

    name = ""
    what = "the answer"
    answer_line = ""
    solutions: tuple[Callable, ...] = ()
    hints: tuple[Hint, ...] = ()
    mistakes: tuple[Mistake, ...] = ()
    says: ClassVar[dict[str, str]] = {}

    def __init_subclass__(cls) -> None:
        cls.hints = tuple(Hint(h) if isinstance(h, str) else Hint(*h) for h in cls.hints)
        cls.mistakes = tuple(Mistake(*row) for row in cls.mistakes)

    def say(self, code: str, *fields: object, **named: object) -> Result:
        """The verdict ``code``, its template (the part's or a generic one) filled in; ``{p}`` is the part."""
        return say(code, *fields, says=self.codes, p=self, **named)

    @functools.cached_property
    def rows(self) -> list[tuple[Mistake, object]]:
        """Each row with the answer its builder makes (built once)."""
        return [(m, self.prepare(m.build())) for m in self.mistakes]

    def prepare(self, built: object) -> object:
        """A row's built answer in read form (a tuple: several candidates, each prepared)."""
        return Several(*(self.prepare(b) for b in built)) if isinstance(built, Several) else self.read(built)

    @property
    def codes(self) -> dict[str, str]:
        """Every code the part may give, with its message (or template)."""
        return {**SAYS, **self.says, **{m.code: m.message for m in self.mistakes}}

    def __repr__(self) -> str:
        return f"<exercise part {self.name}: .check(answer), .hint(), .solution()>"

    def result(self, *answers: object) -> Result:
        """Judge the answer without printing; never raises."""
        try:
            with warnings.catch_warnings():  # the verdict is the one line (torch warns on read-only arrays)
                warnings.simplefilter("ignore")
                verdict = judge(self, answers)
        except Exception as exc:  # an answer no reader foresaw: say so, never crash the notebook
            verdict = say("wrong_type", f"could not read this answer ({type(exc).__name__}: {exc})")
        return Result(verdict.status, verdict.code, " ".join(verdict.message.split()))

    def check(self, *answers: object) -> None:
        """Print one line: whether the answer is right, and if not, what differs."""
        print(f"{self.name}: {self.result(*answers).message}")

    def hint(self, n: int = 1) -> None:
        """Print hint ``n`` (1 is the gentlest; the last one nearly gives the answer)."""
        count = len(self.hints)
        if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= count:
            print(f"{self.name}: there are hints 1 to {count}; try hint(1)")
            return
        text, code = self.hints[n - 1]
        more = f" (hint({n + 1}) says more)" if n < count else ""
        print(f"{self.name} hint {n} of {count}: {text}{f' Try: {code}' if code else ''}{more}")

    def solution_source(self) -> str:
        """The reference functions' source, then the answer line: what :meth:`solution` prints."""
        sources = "\n\n\n".join(inspect.getsource(fn).rstrip() for fn in self.solutions)
        return f"{sources}\n\n\n{self.answer_line}" if self.answer_line else sources

    def solution(self) -> None:
        """Print the reference code for this part (the code the tests run), ready to paste."""
        print(f"# {self.name}: one way to do it (paste it into the answer cell)")
        print(self.solution_source())


def judge(part: Part, answers: tuple) -> Result:
    """Placeholder -> read -> accept -> the one row that reproduces the answer -> measured symptoms."""
    if not answers or any(a is Ellipsis for a in answers):
        return UNTRIED
    value = part.read(*answers)
    if isinstance(value, Result):
        return value
    verdict = part.accept(value)
    if verdict is not None:
        return Result(CORRECT, None, f"Correct: {verdict}")
    hits = {m.code: m for m, built in part.rows if _reproduces(part, m, value, built)}
    if len(hits) == 1:
        row = next(iter(hits.values()))
        return Result(MISTAKE, row.code, f"Not yet: {row.message}")
    found = part.symptoms(value)
    return found if isinstance(found, Result) else say("symptom", found)


def _reproduces(part: Part, row: Mistake, value: object, built: object) -> bool:
    candidates = built if isinstance(built, Several) else (built,)
    if any(not isinstance(b, Result) and part.same(value, b) for b in candidates):
        return True
    if row.undo is None:
        return False
    return part.accept(row.undo(value)) is not None  # an undo (.T, halves swapped) gets W of its 2-D shape


# --- reading answers -----------------------------------------------------------------


def read_tensor(answer: object, what: str) -> torch.Tensor | Result:
    """The answer as a detached float64 CPU tensor (``.source_dtype`` kept), or the verdict on its type.

    Reads torch tensors on any device, of any layout and of any real dtype, NumPy arrays and
    anything with ``__array__``; float16 and bfloat16 are named (too few digits for any part).
    """
    if isinstance(answer, torch.Tensor) or (hasattr(answer, "device") and hasattr(answer, "cpu")):
        try:
            t = answer.cpu()
            t = t.detach() if isinstance(t, torch.Tensor) else torch.as_tensor(t.__array__())
        except Exception as exc:
            return say(
                "wrong_type",
                f"{what} is on device {answer.device} and could not be copied to the CPU "
                f"({exc}); pass a torch tensor that .cpu() can copy",
            )
        t = t.as_subclass(torch.Tensor) if type(t) is not torch.Tensor else t
        t = t.to_dense() if t.layout != torch.strided else t  # a sparse table counts as its entries
    elif hasattr(answer, "__array__") and not isinstance(answer, (str, bytes)):
        try:
            t = torch.as_tensor(answer.__array__())
        except Exception:
            return say("wrong_type", f"{what}: could not read this {type(answer).__name__} as numbers")
    else:
        return say("wrong_type", f"expected {what} (a torch tensor), got {type(answer).__name__}")
    if t.dtype in _LOW_PRECISION:
        return say("low_precision", what, str(t.dtype)[6:], _LOW_PRECISION[t.dtype])
    if t.dtype == torch.bool or t.is_complex():
        return say("wrong_type", f"expected {what} (a tensor of real numbers), got dtype {str(t.dtype)[6:]}")
    out = t.to(torch.float64)
    out.source_dtype = t.dtype
    return out


def read_number(answer: object, what: str, reference: float | None = None) -> float | Result:
    """The answer as a float: a Python or NumPy number, or a one-element tensor or array.

    Many numbers whose mean is ``reference`` are named (one value per example, not reduced).
    """
    if isinstance(answer, (bool, str)):
        return say("wrong_type", f"expected {what} (a number), got {answer!r:.24}")
    if isinstance(answer, numbers.Real):
        return float(answer)
    if not (isinstance(answer, torch.Tensor) or hasattr(answer, "__array__") or hasattr(answer, "device")):
        extra = ": its .mean_nll is the loss" if hasattr(answer, "mean_nll") else ""
        return say("wrong_type", f"expected {what} (a number), got a {type(answer).__name__}{extra}")
    t = read_tensor(answer, what)
    if isinstance(t, Result) or t.numel() == 1:
        return t if isinstance(t, Result) else float(t.reshape(()).item())
    mean = t.mean().item() if t.numel() else math.nan
    if reference is not None and close(mean, reference):
        return say("not_reduced", t.numel(), tuple(t.shape), mean)
    return say(
        "wrong_shape",
        f"expected {what}, one number; got a tensor of shape {tuple(t.shape)} (mean {mean:.4g})",
    )


@contextlib.contextmanager
def quiet():
    """Keep what a learner's function prints or warns while the check runs it out of the check's line."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def call(fn: Callable, *args: object) -> object:
    """The learner's function called on ``args``, or the verdict when it raises or returns nothing.

    Tensors that do not require grad go in as copies: a function that changes its input in place
    (``logits -= m``) leaves the check's own inputs as they were.
    """
    args = tuple(a.clone() if isinstance(a, torch.Tensor) and not a.requires_grad else a for a in args)
    try:
        with quiet():
            out = fn(*args)
    except Exception as exc:
        return say("none_used" if "NoneType" in str(exc) else "raised", type(exc).__name__, str(exc))
    if out is Ellipsis:
        return UNTRIED
    return say("returned_none") if out is None else out


# --- comparing and measuring -----------------------------------------------------------


def close(x: float, y: float, tol: Tolerance = LOSS) -> bool:
    """Equal infinities, or both finite and ``|x - y| <= atol + rtol * |y|``."""
    if math.isinf(x) or math.isinf(y):
        return x == y
    return math.isfinite(x) and math.isfinite(y) and abs(x - y) <= tol.atol + tol.rtol * abs(y)


def close_tensors(a: torch.Tensor, b: torch.Tensor, tol: Tolerance = PROB) -> bool:
    """Equal shapes, NaN in the same places, equal infinities, and elsewhere within ``tol``."""
    if a.shape != b.shape:
        return False
    b = b.to(a.dtype)
    if not torch.equal(torch.isnan(a), torch.isnan(b)):
        return False
    diff = (a - b).abs().nan_to_num(nan=0.0)
    bound = tol.atol + tol.rtol * b.abs().nan_to_num(nan=0.0)
    return bool(((torch.isinf(a) & (a == b)) | (diff <= bound)).all())


def rounded_to(x: float, ref: float) -> str | None:
    """'2 decimals' when ``x`` is ``ref`` rounded to 2 decimals (to float32's rounding); 1 to 3, or None."""
    d = next((d for d in (1, 2, 3) if abs(x - round(ref, d)) <= 1e-7 * max(1.0, abs(ref))), None)
    return d and decimals(d)


def rounded_entries(t: torch.Tensor, ref: torch.Tensor) -> str:
    """'every entry is the reference's rounded to 2 decimals...' when it is (0 to 4 decimals), or ''.

    Each entry may be the float64 reference rounded, or its float32 value rounded (they differ
    where an entry lies within float32's rounding of a half). A reference that rounding to d
    decimals leaves as it is (whole counts) is never said to be rounded.
    """
    tol = Tolerance(1e-6, 1e-7)
    for d in range(5 if t.shape == ref.shape else 0):
        forms = (torch.round(ref, decimals=d), torch.round(ref.float(), decimals=d).double())
        if all(close_tensors(ref, r, tol) for r in forms):
            continue
        if bool(torch.stack([(t - r).abs() <= tol.atol + tol.rtol * r.abs() for r in forms]).any(0).all()):
            return f"every entry is the reference's rounded to {decimals(d)}: keep them unrounded"
    return ""


def decimals(d: int) -> str:
    """'1 decimal', '2 decimals'."""
    return f"{d} decimal{'s' * (d != 1)}"


_CONSTANTS = {-1.0: "-1", 1 / math.log(2): "1 / ln 2 (bits)", 1 / math.log(10): "1 / ln 10 (log10)"}


def constant_name(k: float) -> str:
    """'3', '-1', '1.443, that is 1 / ln 2 (bits)', '0.03704, that is 1/27', or the number itself.

    ``k`` may carry float32's rounding (0.1%): a whole number or 1/m is named up to 1,000, and
    beyond that only the number of examples.
    """
    n = len(examples(2)[1])
    named = {**_CONSTANTS, n: f"{n:,}, the number of examples", 1 / n: f"1/{n:,}, one over the examples"}
    for value, name in named.items():
        if abs(k - value) <= 1e-3 * abs(value):
            return f"{k:.4g}, that is {name}"
    m = round(1 / k) if k else 0
    if 0 < abs(k) < 0.5 and abs(m) <= 1000 and abs(1 / k - m) < 1e-3 * abs(m):
        return f"{k:.4g}, that is 1/{m}"
    whole = round(k) != 1 and abs(k) <= 1000 and abs(k - round(k)) < 1e-3 * max(1.0, abs(k))
    return f"{round(k)}" if whole else ratio_text(k)


def ratio_text(k: float) -> str:
    """``k`` to 4 significant digits, or to 6 within 1% of 1 (where 4 would round it to about 1)."""
    return f"{k:.6g}" if abs(k - 1) < 0.01 else f"{k:.4g}"


def tensor_symptoms(t: torch.Tensor, ref: torch.Tensor, label: Callable[[tuple], str], tol: Tolerance) -> str:
    """Measured facts about ``t`` against ``ref``: shape, NaN/inf, a constant ratio or offset, what differs.

    Every part's ``ref`` is finite with a non-zero entry: once the NaN/inf fact is ruled out, ``t``
    is finite too (the masks below need not look for NaN or inf) and some entry is ``seen`` by the ratio.
    """
    if t.shape != ref.shape:
        if t.dim() == 2 and tuple(t.shape) == tuple(ref.shape)[::-1] and close_tensors(t.T, ref, tol):
            swapped = "transposed: rows and columns swapped"
            return f"shape {tuple(t.shape)} is the expected {tuple(ref.shape)} {swapped}"
        return f"expected shape {tuple(ref.shape)}, got {tuple(t.shape)}"
    for name, f in _TRANSFORMS if t.dim() == 2 else _TRANSFORMS[:3]:
        if close_tensors(t, f(ref), Tolerance(1e-4, 1e-6)):
            return f"every entry is {name}"
    if rounded := rounded_entries(t, ref):
        return rounded
    bad = ~torch.isfinite(t) & torch.isfinite(ref)
    if bool(bad.any()):
        first = label((int(bad.nonzero()[0, 0]), 0)).split(",")[0]
        rows = len({int(i) for i in bad.nonzero()[:, 0]})
        where = f"where the reference is finite, in {rows} rows (first: {first})"
        return f"{int(bad.sum()):,} entries are NaN or inf {where}"
    seen = ref.abs() > 1e-12  # never empty, and t is finite from here on: see the docstring
    ratio = t[seen] / ref[seen]
    k = ratio[0].item()
    if bool(((ratio - k).abs() <= 1e-4 * abs(k)).all()) and abs(k - 1) > 1e-4:
        return f"every entry is k times the reference, k = {constant_name(k)}"
    offset, blur = (t - ref).flatten(), 1e-6 + 1e-5 * ref.abs().max()
    if offset[0].abs() > 10 * blur and bool(((offset - offset[0]).abs() <= blur).all()):
        return f"every entry is the reference plus {offset[0].item():.6g}"
    k = ((t[seen] * ref[seen]).sum() / (ref[seen] ** 2).sum()).item()  # float32 sums blur small entries
    if abs(k - 1) > 1e-3 and bool(((t - k * ref).abs() <= 1e-3 * abs(k) * ref.abs().max()).all()):
        return f"every entry is k times the reference (to 0.1% of the largest), k = {constant_name(k)}"
    bad = ~((t - ref).abs() <= tol.atol + tol.rtol * ref.abs())  # the entries that differ beyond tol
    return where_it_differs(t, ref, bad) + first_difference(t, ref, bad, label)


_TRANSFORMS: tuple[tuple[str, Callable[[torch.Tensor], torch.Tensor]], ...] = (
    ("the log of the reference's", torch.log),
    ("log(1 + the reference's)", torch.log1p),
    ("exp of the reference's", torch.exp),
    ("the softmax over each row of the reference", lambda x: torch.softmax(x, 1)),
    ("the log_softmax over each row of the reference", lambda x: torch.log_softmax(x, 1)),
)


def where_it_differs(t: torch.Tensor, ref: torch.Tensor, bad: torch.Tensor) -> str:
    """What the differing entries (``bad``, two or more) share: all where the reference is 0; each at
    the answer's least or greatest value, with the reference beyond it; or one value."""
    if int(bad.sum()) < 2:
        return ""
    got, want, n = t[bad], ref[bad], int(bad.sum())
    lo, hi = got.min().item(), got.max().item()
    if bool((want == 0).all()):
        value = f"{lo:g}" if lo == hi else f"from {lo:g} to {hi:g}"
        return f"the {n:,} entries that differ are those that are 0 in the reference, here {value}; "
    floor = (got == lo) & (want < lo) & (lo == t.min().item())
    ceiling = (got == hi) & (want > hi) & (hi == t.max().item())
    if bool((floor | ceiling).all()) and not (lo == hi and bool(floor.any()) and bool(ceiling.any())):
        if lo != hi:
            return (
                f"the {n:,} entries that differ are {lo:g} or {hi:g}, the answer's least and greatest "
                "values, where the reference lies beyond them; "
            )
        above = bool(ceiling.any())
        side = (
            "greatest value, where the reference is greater" if above else "least value, where it is smaller"
        )
        return f"the {n:,} entries that differ are all {lo:g}, the answer's {side}; "
    return f"the {n:,} entries that differ are all {lo:g}; " if lo == hi else ""


def first_difference(
    a: torch.Tensor, b: torch.Tensor, bad: torch.Tensor, label: Callable[[tuple], str]
) -> str:
    """How many entries (``bad``), in how many rows, differ from the reference; the first with both values."""
    if not bool(bad.any()):
        return "every entry agrees with the reference"
    idx = tuple(int(i) for i in bad.nonzero()[0])
    rows = int(bad.reshape(len(a), -1).any(1).sum()) if a.dim() > 1 else 1
    return (
        f"{int(bad.sum()):,} of the {a.numel():,} entries differ, in {rows} of {len(a)} rows; the first, at "
        f"{label(idx)}, is {a[idx].item():.6g} where {b[idx].item():.6g} is expected"
    )


# A mean NLL in nats misreported: (code, message, the misreported loss of x over n examples and m names).
SLIPS: tuple[tuple[str, str, Callable[[float, int, int], float]], ...] = (
    ("loss_sum", "the sum over all {n:,} examples; the loss is their mean", lambda x, n, m: x * n),
    (
        "per_name",
        "the sum over the examples divided by the {m:,} names; divide by the {n:,} examples",
        lambda x, n, m: x * n / m,
    ),
    ("no_minus", "the mean log-probability; the loss is its negative (minus sign)", lambda x, n, m: -x),
    ("bits", "in bits (log base 2); use the natural log, torch.log", lambda x, n, m: x / math.log(2)),
    ("log10", "in log base 10; use the natural log, torch.log", lambda x, n, m: x / math.log(10)),
    ("perplexity", "exp(loss), the perplexity; the loss is its log", lambda x, n, m: math.exp(x)),
)


def slips(reference: Callable[[Callable], object], n: int, m: int, skip: tuple[str, ...] = ()) -> list:
    """The rows of :data:`SLIPS` but ``skip``; ``reference(f)`` builds the answer with each loss x as f(x)."""
    return [
        (code, lambda f=f: reference(lambda x: f(x, n, m)), text.format(n=n, m=m))
        for code, text, f in SLIPS
        if code not in skip
    ]


class NumberPart(Part):
    """One number compared with ``reference()`` within ``tol``; ``right`` formats a right answer."""

    tol = LOSS
    right = ""

    def read(self, answer: object) -> object:
        x, ref = read_number(answer, self.what, self.reference()), self.reference()
        if isinstance(x, float) and not close(x, ref, self.tol) and (d := rounded_to(x, ref)):
            return say("rounded", self.what, x, d)
        return x

    def accept(self, value: float) -> str | None:
        return self.right.format(value) if close(value, self.reference(), self.tol) else None

    def same(self, value: float, built: float) -> bool:
        return close(value, built, self.tol)

    def symptoms(self, x: float) -> str:
        """NaN or inf, or the ratio to the reference and the difference."""
        ref, what = self.reference(), self.what
        if math.isnan(x) or math.isinf(x):
            return f"{what} is {x}; the reference is {ref:.4f}"
        ratio = f"{ratio_text(x / ref)} times the reference" if ref else "the reference is 0"
        return f"{what} is {x:.4f}, the reference {ref:.4f}: {ratio}, a difference of {x - ref:+.4f}"


# --- the lesson's inputs and the references built from them, once per process -----------


@functools.cache
def names() -> tuple[list[str], Vocab]:
    """The lesson's words and vocabulary."""
    words = load_words(names_txt_path())
    return words, build_vocab(words)


def given_weights(vocab_size: int = 27) -> torch.Tensor:
    """The lesson's seeded (V, V) ``W`` (``requires_grad=True``), as exercises 4 to 6 start from it."""
    return init_weights(vocab_size, torch.Generator().manual_seed(SEED))


SPLIT_SEED = 42  # the seed of the split exercise 3 starts from


def shuffled(words: list[str], seed: int) -> list[str]:
    """The words in the order of ``torch.randperm`` with a generator seeded ``seed``."""
    return [words[i] for i in torch.randperm(len(words), generator=torch.Generator().manual_seed(seed))]


def cut(order: list[str]) -> tuple[list[str], list[str], list[str]]:
    """The first 80% of ``order``, the next 10%, and the rest."""
    a, b = int(0.8 * len(order)), int(0.1 * len(order))
    return order[:a], order[a : a + b], order[a + b :]


def given_split(words: list[str]) -> tuple[list[str], list[str], list[str]]:
    """The train/dev/test split exercise 3 starts from: a seeded shuffle, cut 80% / 10% / the rest."""
    return cut(shuffled(words, SPLIT_SEED))


@functools.cache
def words_in(split: str = "all") -> list[str]:
    """The names of one part of :func:`given_split` ("train", "dev", "test", "train+dev"), or "all"."""
    train, dev, test = given_split(names()[0])
    return {"train": train, "dev": dev, "test": test, "train+dev": train + dev, "all": names()[0]}[split]


@functools.cache
def counted(order: int, on: str = "all") -> torch.Tensor:
    """The n-gram counts (int32, (V**(order-1), V)) of the names in ``on``."""
    return ngram_counts(words_in(on), names()[1], order)


@functools.cache
def examples(order: int, split: str = "all") -> tuple[torch.Tensor, torch.Tensor]:
    """``(X, Y)`` of :func:`ngram_dataset` for the names in ``split``; order 2 gives (P,) ``xs``."""
    if order == 2:
        return bigram_dataset(words_in(split), names()[1])
    return ngram_dataset(words_in(split), names()[1], order)


def nll(P: torch.Tensor, order: int, split: str = "all") -> float:
    """The mean NLL of the table ``P`` on the examples of ``split``."""
    return mean_nll(P, *examples(order, split))


def name_means(P: torch.Tensor, order: int, split: str = "all") -> float:
    """The mean over the names of ``split`` of each name's own mean NLL under ``P`` (not the examples')."""
    X, Y = examples(order, split)
    rows = X if order == 2 else X[:, 0] * P.shape[1] + X[:, 1]
    losses = -P[rows, Y].double().log()
    return torch.stack([w.mean() for w in losses.split([len(w) + 1 for w in words_in(split)])]).mean().item()


def optimum_of(counts: torch.Tensor) -> float:
    """The lowest mean NLL any table reaches on the examples tallied in ``counts``: their own row shares'."""
    seen, n = counts > 0, counts.double()
    return -(n[seen] * (n / n.sum(1, keepdim=True)).log()[seen]).sum().item() / n.sum().item()


def table_loss(W: torch.Tensor, counts: torch.Tensor) -> float:
    """Mean NLL of weights whose softmax rows are a table, on the examples tallied in ``counts``."""
    log_probs = torch.log_softmax(W.double(), dim=1)
    seen = counts > 0
    return -(counts[seen] * log_probs[seen]).sum().item() / counts.sum().item()
