"""Seeing the counts: the count matrix drawn as a labelled heatmap, and every figure put into words.

Lesson step 2: every cell of ``N`` is a square whose colour grows with its count,
labelled with its two characters and the count itself. The ``describe_*`` functions
write the text alternative of each kind of figure the series draws, from its data.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import torch

from .data import Vocab

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "describe_bars",
    "describe_count_heatmap",
    "describe_lines",
    "describe_one_hot",
    "plot_bigram_heatmap",
]


def plot_bigram_heatmap(N: torch.Tensor, vocab: Vocab, ax: Axes | None = None) -> Axes:
    """Draw ``N`` (shape (V, V)) as a blue heatmap, each cell labelled with its pair and count.

    Row i / column j is the pair ``itos[i] + itos[j]``. Draws on ``ax`` if given,
    otherwise on a new square figure sized to the vocabulary. The axes are turned off
    (the labels say everything). Works with any matplotlib backend: inline, ipympl,
    or Agg for files and tests. Returns the Axes; its text alternative is
    ``describe_count_heatmap(N, vocab, labelled=True)``.
    """
    v = len(vocab)
    if N.dim() != 2 or tuple(N.shape) != (v, v):
        raise ValueError(f"N must have shape ({v}, {v}) to match the vocabulary, got {tuple(N.shape)}")
    if ax is None:
        import matplotlib.pyplot as plt

        side = max(4.0, 0.6 * v)
        _, ax = plt.subplots(figsize=(side, side))
    counts = N.detach().cpu()
    ax.imshow(counts.numpy(), cmap="Blues")
    fontsize = max(4.0, min(9.0, 240.0 / v))
    values = counts.tolist()
    # Labels are grey on light cells and white on the darkest ones, where grey would vanish.
    dark = float(counts.max()) / 2 if counts.numel() else 0.0
    for i in range(v):
        for j in range(v):
            value = values[i][j]
            label = str(value) if isinstance(value, int) else f"{value:.4g}"
            color = "white" if dark > 0 and value > dark else "gray"
            pair = vocab.itos[i] + vocab.itos[j]
            ax.text(j, i, pair, ha="center", va="bottom", color=color, fontsize=fontsize)
            ax.text(j, i, label, ha="center", va="top", color=color, fontsize=fontsize)
    ax.set_axis_off()
    return ax


# Text alternatives. Each figure the series draws comes with a sentence or three saying
# what a sighted reader takes from it, worked out from the numbers it plots (so it stays
# true when the data change). ``bigram_helpers.notebook.show_figure`` stores the text as
# the picture's ``alt`` (and its plain-text form) in the notebook's output.


def _number(x: float) -> str:
    """A number as the descriptions write it: integers with thousands commas, others to 4 decimals."""
    x = float(x)
    if math.isinf(x):
        return "infinity" if x > 0 else "minus infinity"
    if x == int(x) and abs(x) < 1e15:
        return f"{int(x):,}"
    if abs(x) < 0.001:
        return f"{x:.2g}"
    return f"{x:.4f}"


def _listing(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _top(values: Sequence[float], k: int) -> list[int]:
    """Indices of the k largest values (ties: the smaller index first), zeros left out."""
    order = sorted(range(len(values)), key=lambda i: (-values[i], i))
    return [i for i in order[:k] if values[i] > 0]


def describe_count_heatmap(N: torch.Tensor, vocab: Vocab, *, labelled: bool = False, top: int = 3) -> str:
    """A text alternative for the heatmap of ``N`` (shape (V, V)), as :func:`plot_bigram_heatmap` draws it.

    Says what the axes are, which ``top`` squares are darkest and their counts, where row
    and column ``vocab.marker`` (how words start and how they end) peak, and how many
    squares are 0. ``labelled=True`` adds that every square is labelled with its pair and
    count (the helper's picture; the bare ``imshow`` of notebook 02 has no labels).
    """
    v = len(vocab)
    if N.dim() != 2 or tuple(N.shape) != (v, v):
        raise ValueError(f"N must have shape ({v}, {v}) to match the vocabulary, got {tuple(N.shape)}")
    values = N.detach().cpu().tolist()
    flat = [x for row in values for x in row]
    itos, m = vocab.itos, vocab.marker

    def largest(cells: Sequence[float], name) -> str:
        top_cells = _top(cells, top)
        return _listing([f"{name(k)} ({_number(cells[k])})" for k in top_cells]) if top_cells else "nowhere"

    darkest = largest(flat, lambda k: f"'{itos[k // v]}{itos[k % v]}'")
    starts = largest(values[0], lambda j: itos[j])
    ends = largest([row[0] for row in values], lambda i: itos[i])
    zeros = sum(1 for x in flat if x == 0)
    order = f"{itos[0]}, {itos[1]} to {itos[-1]}" if v > 2 else ", ".join(itos)
    return (
        f"Heatmap of the pair counts, {v} rows by {v} columns: the row is a pair's first character "
        f"and the column its second, both in the order {order}; the darker the blue, the larger the count"
        + ("; every square is labelled with its pair and its count" if labelled else "")
        + f". The darkest squares are {darkest}. Row {m} (how words start) is largest at {starts}; "
        f"column {m} (how words end) at {ends}. {zeros:,} of the {v * v:,} squares are 0 (white)."
    )


def describe_lines(
    series: Mapping[str, tuple[Sequence[float], Sequence[float]]],
    *,
    x_label: str,
    y_label: str,
    title: str = "",
    x_log: bool = False,
    lines: Mapping[str, float] | None = None,
    points: Mapping[str, tuple[float, float]] | None = None,
) -> str:
    """A text alternative for a line chart: each curve's start, end and extremes, and its marks.

    ``series`` maps each curve's name to its points ``(xs, ys)`` (equal lengths, in drawing
    order). ``lines`` are horizontal lines (name: height), ``points`` marked points (name:
    ``(x, y)``). A curve's lowest or highest point is named when it is not at an end.
    """
    head = f"{title}: a line chart" if title else "A line chart"
    parts = [f"{head} of {y_label} against {x_label}" + (" (a logarithmic axis)." if x_log else ".")]
    for name, (xs, ys) in series.items():
        xs, ys = [float(x) for x in xs], [float(y) for y in ys]
        if not xs or len(xs) != len(ys):
            raise ValueError(
                f"series {name!r} needs as many x as y values, and at least one: got {len(xs)} and {len(ys)}"
            )
        ends = (0, len(ys) - 1)

        def at(k: int, xs=xs, ys=ys) -> str:
            return f"{_number(ys[k])} at {x_label} {_number(xs[k])}"

        verb = "falls" if ys[-1] < ys[0] else "rises" if ys[-1] > ys[0] else "goes"
        name = name[:1].upper() + name[1:]  # it starts a sentence
        text = f"{name} {verb} from {at(0)} to {at(-1)}" if len(ys) > 1 else f"{name} is {at(0)}"
        lowest, highest = min(range(len(ys)), key=ys.__getitem__), max(range(len(ys)), key=ys.__getitem__)
        extremes = [f"lowest {at(lowest)}"] if lowest not in ends else []
        extremes += [f"highest {at(highest)}"] if highest not in ends else []
        parts.append(text + (", " + " and ".join(extremes) if extremes else "") + ".")
    for name, y in (lines or {}).items():
        parts.append(f"A horizontal line marks {name} at {_number(y)}.")
    for name, (x, y) in (points or {}).items():
        parts.append(f"Marked: {name}, at {x_label} {_number(x)}, {y_label} {_number(y)}.")
    return " ".join(parts)


def describe_bars(
    series: Mapping[str, Sequence[float]],
    categories: Sequence[str],
    *,
    title: str,
    y_label: str,
    top: int = 3,
) -> str:
    """A text alternative for a bar chart with a group of bars per category, one bar per series.

    Names the ``top`` categories with the tallest bars of the first series, with every
    series' value there, and the category where the first two series differ most.
    """
    names = list(series)
    values = {name: [float(x) for x in series[name]] for name in names}
    if not names or any(len(values[n]) != len(categories) for n in names):
        raise ValueError(f"every series needs one value per category ({len(categories)})")
    first = values[names[0]]

    def group(k: int) -> str:
        return f"{categories[k]} (" + "; ".join(f"{n} {_number(values[n][k])}" for n in names) + ")"

    tallest = [group(k) for k in _top(first, top)]
    text = (
        f"{title}: a bar chart of {y_label} for each of the {len(categories)} characters "
        f"({categories[0]} to {categories[-1]}), one bar each for {_listing(names)}. "
        f"The tallest {names[0]} bars: {_listing(tallest) if tallest else 'none, all are 0'}."
    )
    if len(names) > 1:
        second = values[names[1]]
        k = max(range(len(first)), key=lambda i: (abs(first[i] - second[i]), -i))
        text += f" The two differ most at {group(k)}."
    return text


def describe_one_hot(
    rows: torch.Tensor, row_labels: Sequence[str], column_labels: Sequence[str], *, title: str
) -> str:
    """A text alternative for a picture of one-hot vectors (shape (R, C)): which column is 1 in each row.

    ``row_labels`` name the R rows, ``column_labels`` the C columns. Raises ``ValueError``
    if a row is not one 1 among 0s (the picture would then say something else).
    """
    r, c = rows.shape if rows.dim() == 2 else (-1, -1)
    if (r, c) != (len(row_labels), len(column_labels)):
        raise ValueError(
            f"rows must have shape ({len(row_labels)}, {len(column_labels)}), got {tuple(rows.shape)}"
        )
    hot = []
    for label, row in zip(row_labels, rows.tolist(), strict=True):
        ones = [j for j, x in enumerate(row) if x != 0]
        if len(ones) != 1 or row[ones[0]] != 1:
            raise ValueError(f"row {label} is not one-hot: {row}")
        hot.append(f"{label} in column {column_labels[ones[0]]}")
    return (
        f"{title}: a grid of {r} rows (one per input) by {c} columns "
        f"({column_labels[0]} to {column_labels[-1]}), "
        f"white (0) but for one dark blue square (1) in each row: {_listing(hot)}."
    )
