"""What every room of the package shares, with no torch import: argument guards, the table layout, the seed.

Everything here runs on NumPy (or plain Python), so the command line can read a count
model and score a word list without loading torch, which takes longer to import (about
1.7 s here) than the whole evaluation.

- :func:`check_int` and :func:`check_real` are the argument guards (``n``, ``max_len``,
  ``steps``, ``vocab_size``, ``smoothing``, ``reg``, ``lr``...); :func:`int_in_range`
  and :func:`real_in_range` are the tests behind them, which the command line's
  argument types use too.
- An n-gram table has one row per context of ``order - 1`` characters: :func:`check_order`
  says which orders a table can have, :func:`context_rows` which row each context is
  (for torch tensors and NumPy arrays alike).
- :func:`count_probs` turns a count table into its probability table, and
  :func:`table_nll` scores examples (counted in a table) under a probability table:
  the lesson modules (``counting``, ``ngram``, ``evaluation``) and the command line
  both use these two.
- :data:`LESSON_SEED` is the seed the lesson draws its weights and samples with.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

__all__ = [
    "LESSON_SEED",
    "MAX_TABLE_CELLS",
    "as_array",
    "check_int",
    "check_order",
    "check_real",
    "context_rows",
    "count_probs",
    "int_in_range",
    "real_in_range",
    "table_nll",
]

LESSON_SEED = 2147483647  # torch.Generator().manual_seed(2147483647), as in the lesson
MAX_TABLE_CELLS = 50_000_000  # a dense (V**(order-1), V) table beyond this is not a teaching model


def int_in_range(value: object, low: int, high: int | None = None) -> bool:
    """Whether ``value`` is an int (not a bool) from ``low`` to ``high`` (no upper limit if None)."""
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and value >= low
        and (high is None or value <= high)
    )


def real_in_range(value: object, low: float | None = None, *, above: bool = False) -> bool:
    """Whether ``value`` is a finite number (not a bool or str), >= ``low`` (> if ``above``) when given."""
    if isinstance(value, (bool, str, bytes)):
        return False
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return math.isfinite(x) and (low is None or x > low or (x == low and not above))


def check_int(value: Any, name: str, low: int, note: str = "") -> None:
    """Raise a ``ValueError`` unless ``value`` is an int >= ``low``; the message names ``name``.

    ``low=1`` reads "must be a positive int"; other limits "must be an int >= low".
    ``note`` follows the limit (``" (2 = bigram, 3 = trigram)"``).
    """
    if not int_in_range(value, low):
        allowed = "a positive int" if low == 1 else f"an int >= {low}"
        raise ValueError(f"{name} must be {allowed}{note}, got {value!r}")


def check_real(value: Any, name: str, low: float | None = None) -> None:
    """Raise a ``ValueError`` unless ``value`` is a finite number (>= ``low`` when given), naming ``name``."""
    if not real_in_range(value, low):
        allowed = "a finite number" + ("" if low is None else f" >= {low:g}")
        raise ValueError(f"{name} must be {allowed}, got {value!r}")


def check_order(order: int, vocab_size: int | None = None) -> None:
    """Raise a ``ValueError`` unless ``order`` is an int >= 2 whose table over ``vocab_size`` fits.

    The table of an order-``order`` model over V characters has ``V**order`` cells; more
    than :data:`MAX_TABLE_CELLS` is refused, naming the highest order that fits, or, when
    not even a bigram fits, how many characters one can have.
    """
    check_int(order, "order", 2, note=" (2 = bigram, 3 = trigram)")
    if vocab_size is None or vocab_size**order <= MAX_TABLE_CELLS:
        return
    size = f"an order-{order} table over {vocab_size:,} characters has {vocab_size**order:,} cells, "
    size += f"more than {MAX_TABLE_CELLS:,}"
    fits = max((k for k in range(2, order) if vocab_size**k <= MAX_TABLE_CELLS), default=None)
    if fits is not None:
        raise ValueError(f"{size}; use a lower order ({fits} or less)")
    raise ValueError(
        f"{size}; even a bigram table fits at most {math.isqrt(MAX_TABLE_CELLS):,} characters (the marker "
        "among them): use a word list with fewer distinct characters"
    )


def context_rows(X: Any, vocab_size: int) -> Any:
    """The row of an n-gram table for each context: shape (P,) from ``X`` of shape (P, order-1).

    ``X[k]`` holds context k's character indices, oldest first (as :func:`ngram_dataset`
    makes them); its row is ``sum_j X[k, j] * V**(order-2-j)``, so ``c1 c2`` is row
    ``c1 * V + c2`` and the all-marker context is row 0. ``X`` is a torch tensor or a
    NumPy array of integers, or an iterable of its ``order - 1`` columns (each (P,),
    oldest first, made one at a time if it is a generator); the rows are the same kind.
    """
    columns = X.T if hasattr(X, "shape") else X
    rows = None
    for column in columns:
        rows = column if rows is None else rows * vocab_size + column
    if rows is None:
        raise ValueError("a context needs at least one character (X has no columns)")
    return rows


def as_array(t: Any) -> np.ndarray:
    """``t`` (a torch tensor, a NumPy array or a nested list) as a NumPy array, sharing memory if it can."""
    if hasattr(t, "detach"):  # a torch tensor: no torch import is needed to read it
        t = t.detach().cpu().numpy()
    return np.asarray(t)


def count_probs(N: Any, smoothing: float = 0) -> tuple[np.ndarray, np.ndarray]:
    """The probability table of the count table ``N``, float32, and a mask of its empty rows.

    ``N`` (a torch tensor or NumPy array of counts, shape (R, V)) gets ``smoothing`` fake
    counts in every cell, as float32 (``float32(N) + float32(smoothing)``, the lesson's
    ``(N + 1).float()``); each row is divided by its total. The totals are added in
    float64, where a row's sum is exact while its nonzero cells span less than 2**20 to
    one (with up to 512 columns; a smoothing of 1e-6 beside a count of 10 spans more),
    and rounded to float32 once: the same in any order and on any machine. With whole
    counts and a whole smoothing they are exact in float32 too, as the lesson adds them.
    Returns ``(P, empty)``: ``P`` float32 (R, V), ``empty`` bool (R,) marking the rows
    whose total is 0, which have no distribution: ``P`` is 0 there (``bigram_probs``
    refuses such a row instead). Negative, NaN or infinite counts or smoothing, and a
    smoothing so large that a row's total overflows float32, are a ``ValueError``.
    """
    check_real(smoothing, "smoothing", 0)
    counts = as_array(N)
    if counts.dtype.kind == "f" and not bool(np.isfinite(counts).all()):
        raise ValueError("N holds NaN or infinite counts; counts must be finite")
    if bool((counts < 0).any()):
        raise ValueError("N holds negative counts; counts must be >= 0")
    counts = counts.astype(np.float32)
    with np.errstate(over="ignore"):
        if smoothing:
            counts = counts + np.float32(smoothing)
        totals = counts.sum(1, dtype=np.float64, keepdims=True).astype(np.float32)
    if not bool(np.isfinite(totals).all()):
        raise ValueError(
            f"smoothing {smoothing:g} is too large: a row's total passes float32's largest number "
            "(3.4e38), and its probabilities would be NaN or 0; use a smaller smoothing"
        )
    empty = totals[:, 0] == 0
    with np.errstate(invalid="ignore", divide="ignore"):
        P = counts / totals
    P[empty] = 0.0
    return P, empty


def table_nll(C: Any, P: Any) -> tuple[float, int, int]:
    """``(nll, n, zero)`` of the examples counted in ``C`` under the probability table ``P``.

    ``C[row, j]`` (integers, a torch tensor or NumPy array) is how many examples have
    context ``row`` and next character ``j``; ``P`` has the same shape (float32 or
    float64). ``n`` is the number of examples, ``zero`` how many have probability 0, and
    ``nll`` the sum of ``-log P`` over them: each distinct probability's log in float64,
    times its count, added exactly (``math.fsum``), so it does not depend on the order of
    the examples (machines differ at most as their float64 logs do, in the last digit or
    two), and is ``inf`` if an example has probability 0.
    ``nll / n`` is the loss. The lesson adds float32 logs one by one instead
    (:func:`~bigram_helpers.evaluation.score`, to reproduce its printed figures); each
    of those logs is within about one float32 step (2**-23 relative) of the float64 one,
    so the two losses agree to about 1e-7 relative (to a few 1e-9 on names.txt).
    """
    counts, probs = as_array(C), as_array(P)
    if counts.shape != probs.shape or counts.dtype.kind not in "iu":
        raise ValueError(
            f"C must be an integer count table shaped like P {probs.shape}, got {counts.dtype} {counts.shape}"
        )
    seen = counts > 0
    counts, probs = counts[seen], probs[seen].astype(np.float64)
    with np.errstate(divide="ignore"):
        logs = np.log(probs)
    nll = 0.0 - math.fsum((counts * logs).tolist())  # 0.0 where every probability is 1, not -0.0
    return nll, int(counts.sum()), int(counts[probs == 0].sum())
