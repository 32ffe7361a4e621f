"""What every room of the package shares, with no torch import: argument guards, the table layout, the seed.

- :func:`check_int` and :func:`check_real` are the argument guards (``n``, ``max_len``,
  ``steps``, ``vocab_size``, ``smoothing``, ``reg``, ``lr``...); :func:`int_in_range`
  and :func:`real_in_range` are the tests behind them, which the command line's
  argument types use too.
- An n-gram table has one row per context of ``order - 1`` characters: :func:`check_order`
  says which orders a table can have, :func:`context_rows` which row each context is
  (for torch tensors and NumPy arrays alike).
- :data:`LESSON_SEED` is the seed the lesson draws its weights and samples with.
"""

from __future__ import annotations

import math
from typing import Any

__all__ = [
    "LESSON_SEED",
    "MAX_TABLE_CELLS",
    "check_int",
    "check_order",
    "check_real",
    "context_rows",
    "int_in_range",
    "real_in_range",
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
    than :data:`MAX_TABLE_CELLS` is refused (use a lower order).
    """
    check_int(order, "order", 2, note=" (2 = bigram, 3 = trigram)")
    if vocab_size is not None and vocab_size**order > MAX_TABLE_CELLS:
        raise ValueError(
            f"an order-{order} table over {vocab_size} characters has {vocab_size**order:,} cells, "
            f"more than {MAX_TABLE_CELLS:,}; use a lower order"
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
