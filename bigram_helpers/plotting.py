"""Seeing the counts: the count matrix drawn as a labelled heatmap, and every figure put into words.

Lesson step 2: every cell of ``N`` is a square whose colour grows with its count,
labelled with its two characters and the count itself, in black or white, whichever
contrasts more with the square (:func:`label_colour`). The ``describe_*`` functions
write the text alternative of each kind of figure the series draws, from its data; the
``plot_*`` functions of notebooks 03 and 04 draw a figure and leave its text
alternative on it, where :func:`bigram_helpers.notebook.show_figure` finds it.
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
    "ALT_ATTRIBUTE",
    "describe_bars",
    "describe_count_heatmap",
    "describe_lines",
    "describe_one_hot",
    "describe_softmax",
    "label_colour",
    "plot_bigram_heatmap",
    "plot_log_curve",
    "plot_loss_curve",
    "plot_one_hot",
    "plot_row_comparison",
    "plot_softmax_row",
]

# The attribute of a Figure drawn by a plot_* function that holds its text alternative.
ALT_ATTRIBUTE = "bigram_alt"


def label_colour(background: Sequence[float]) -> str:
    """``"black"`` or ``"white"``: whichever has the larger WCAG contrast with ``background``.

    ``background`` is an sRGB colour as matplotlib gives it, ``(r, g, b)`` or
    ``(r, g, b, a)`` in [0, 1] (alpha is ignored). The contrast of two colours is
    ``(L1 + 0.05) / (L2 + 0.05)`` of their relative luminances; black has luminance 0
    and white 1, so the better of the two always reaches at least 4.58:1, above the
    4.5:1 that WCAG asks of text.
    """
    r, g, b = (float(c) for c in tuple(background)[:3])
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    on_black = (luminance + 0.05) / 0.05
    on_white = 1.05 / (luminance + 0.05)
    return "black" if on_black >= on_white else "white"


def plot_bigram_heatmap(N: torch.Tensor, vocab: Vocab, ax: Axes | None = None) -> Axes:
    """Draw ``N`` (shape (V, V)) as a blue heatmap, each cell labelled with its pair and count.

    Each label is black or white, whichever contrasts more with its square
    (:func:`label_colour`). Row i / column j is the pair ``itos[i] + itos[j]``. Draws on ``ax`` if given,
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
    image = ax.imshow(counts.numpy(), cmap="Blues")
    fontsize = max(4.0, min(9.0, 240.0 / v))
    values = counts.tolist()
    for i in range(v):
        for j in range(v):
            value = values[i][j]
            label = str(value) if isinstance(value, int) else f"{value:.4g}"
            # black or white, whichever reads better on this square's blue
            color = label_colour(image.cmap(image.norm(value)))
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


def describe_softmax(logits: torch.Tensor, labels: Sequence[str], *, title: str, top: int = 3) -> str:
    """A text alternative for :func:`plot_softmax_row`: the softmax of ``logits`` (shape (V,)) in three steps.

    ``labels`` name the V entries. Says, for the logits, their exponentials and the
    probabilities, the ``top`` largest entries with their values, and the two sums that
    matter: the total the exponentials are divided by, and the probabilities' total.
    """
    values = logits.detach().double().cpu()
    if values.dim() != 1 or len(values) != len(labels):
        raise ValueError(f"logits must have shape ({len(labels)},), got {tuple(logits.shape)}")
    counts = values.exp()
    probs = counts / counts.sum()

    def largest(row: torch.Tensor) -> str:
        xs = row.tolist()
        return _listing([f"{labels[k]} {_number(xs[k])}" for k in _top(xs, top)])

    low, high = min(values.tolist()), max(values.tolist())
    return (
        f"{title}: three bar charts of the same {len(labels)} characters ({labels[0]} to {labels[-1]}), "
        f"each bar labelled with its value. Top, the logits, from {_number(low)} to {_number(high)}; "
        f"largest {largest(values)}. Middle, exp of each logit, all positive, the 'counts'; largest "
        f"{largest(counts)}; they add up to {_number(counts.sum().item())}. Bottom, each count divided "
        f"by that total: the probabilities, which add up to 1; largest {largest(probs)}."
    )


def _with_alt(fig, alt: str):
    """``fig``, carrying ``alt`` as its text alternative (read by ``show_figure``)."""
    setattr(fig, ALT_ATTRIBUTE, alt)
    return fig


def plot_softmax_row(logits: torch.Tensor, labels: Sequence[str], *, title: str):
    """Draw the softmax of one row of logits (shape (V,)) step by step: logits, exp, normalise.

    Three bar charts, one above the other, share the V characters named by ``labels``;
    every bar is labelled with its value (2 decimals, the probabilities 3). Returns the
    Figure, its text alternative (:func:`describe_softmax`) attached for ``show_figure``.
    """
    import matplotlib.pyplot as plt

    alt = describe_softmax(logits, labels, title=title)
    values = logits.detach().double().cpu()
    counts = values.exp()
    probs = counts / counts.sum()
    fig, axes = plt.subplots(3, 1, figsize=(11, 7.5), sharex=True)
    steps = (
        (values, "logit", "1. the logits: any real numbers", 2),
        (counts, "exp(logit)", f"2. exp: positive 'counts', adding up to {counts.sum().item():.2f}", 2),
        (probs, "probability", f"3. divided by {counts.sum().item():.2f}: probabilities, adding up to 1", 3),
    )
    positions = list(range(len(labels)))
    for ax, (row, ylabel, heading, digits) in zip(axes, steps, strict=True):
        bars = ax.bar(positions, row.tolist(), color="tab:blue" if row is not values else "tab:gray")
        ax.bar_label(
            bars, labels=[f"{x:.{digits}f}" for x in row.tolist()], fontsize=7, rotation=90, padding=2
        )
        ax.axhline(0, color="black", linewidth=0.5)
        ax.set_ylabel(ylabel)
        ax.set_title(heading, loc="left", fontsize=10)
        low, high = min(0.0, min(row.tolist())), max(0.0, max(row.tolist()))
        span = high - low or 1.0
        ax.set_ylim(low - (0.35 * span if low < 0 else 0), high + 0.35 * span)
    axes[-1].set_xticks(positions, list(labels))
    fig.suptitle(title)
    fig.tight_layout()
    return _with_alt(fig, alt)


def plot_log_curve(marks: Mapping[str, float]):
    """Draw log x for probabilities x in (0, 1], with each of ``marks`` (name: x) as a labelled point.

    Returns the Figure, its text alternative (:func:`describe_lines`, with the marks)
    attached for ``show_figure``. Raises ``ValueError`` for a mark outside (0, 1].
    """
    import matplotlib.pyplot as plt

    for name, x in marks.items():
        if not 0 < x <= 1:
            raise ValueError(f"mark {name!r} must be a probability in (0, 1], got {x}")
    x = torch.linspace(0.0001, 1, 2000)
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.plot(x, torch.log(x))
    ax.axhline(0, color="gray", linewidth=0.5)
    for name, prob in marks.items():
        ax.plot(prob, math.log(prob), "o")
        offset = (-8, -14) if prob > 0.5 else (6, -14)
        ax.annotate(
            name,
            (prob, math.log(prob)),
            textcoords="offset points",
            xytext=offset,
            ha="right" if prob > 0.5 else "left",
        )
    ax.set_xlabel("probability x")
    ax.set_ylabel("log x")
    ax.set_title("log x on (0, 1]: zero at 1, falling without end towards 0")
    fig.tight_layout()
    alt = describe_lines(
        {"log x": (x.tolist(), torch.log(x).tolist())},
        x_label="probability x",
        y_label="log x",
        lines={"log x = 0": 0.0},
        points={name: (prob, math.log(prob)) for name, prob in marks.items()},
    )
    return _with_alt(fig, alt)


def plot_one_hot(rows: torch.Tensor, row_labels: Sequence[str], column_labels: Sequence[str], *, title: str):
    """Draw one-hot vectors (shape (R, C)) as a grid: a dark square where a row holds its 1.

    ``row_labels`` name the R rows (inputs), ``column_labels`` the C columns. Returns the
    Figure, its text alternative (:func:`describe_one_hot`) attached for ``show_figure``.
    """
    import matplotlib.pyplot as plt

    alt = describe_one_hot(rows, row_labels, column_labels, title=title)
    fig, ax = plt.subplots(figsize=(8, 0.4 * len(row_labels) + 1))
    ax.imshow(rows.detach().cpu().float(), cmap="Blues")
    ax.set_xticks(range(len(column_labels)), list(column_labels))
    ax.set_yticks(range(len(row_labels)), list(row_labels))
    ax.set_xlabel("column of the one-hot vector")
    ax.set_ylabel("input")
    ax.set_title(title[:1].lower() + title[1:])
    fig.tight_layout()
    return _with_alt(fig, alt)


def plot_loss_curve(
    losses: Sequence[float], *, final_loss: float, target: float, target_name: str, title: str
):
    """Draw a training loss by step, with a zoom on its end that shows the gap to ``target``.

    ``losses`` are the losses before each update; ``final_loss`` is the loss after the
    last update, drawn as a point at step ``len(losses)``; ``target`` (called
    ``target_name``) is a dashed line. The right panel zooms in on the last fifth of the
    steps, where the gap between the final loss and the target is marked with an
    arrow and its size. Returns the Figure with its text alternative attached.
    """
    import matplotlib.pyplot as plt

    n = len(losses)
    if n < 2:
        raise ValueError(f"losses needs at least 2 values to draw a curve, got {n}")
    steps = [*range(n), n]
    ys = [float(x) for x in losses] + [float(final_loss)]
    gap = float(final_loss) - float(target)
    fig, (whole, end) = plt.subplots(1, 2, figsize=(10, 3.5), gridspec_kw={"width_ratios": [3, 2]})
    start = n - max(2, n // 5)
    for ax, first in ((whole, 0), (end, start)):
        ax.plot(steps[first:], ys[first:], label="the network's loss")
        ax.plot([n], [final_loss], "o", color="tab:blue")
        ax.axhline(target, color="gray", linestyle="--", label=target_name)
        ax.set_xlabel("step")
    whole.set_ylabel("loss (average NLL)")
    whole.set_title(title, fontsize=10)
    whole.legend()
    low, high = min(target, *ys[start:]), max(ys[start:])
    margin = 0.15 * (high - low or 1.0)
    end.set_ylim(low - margin, high + margin)
    end.annotate("", xy=(n, target), xytext=(n, final_loss), arrowprops={"arrowstyle": "<->"})
    end.annotate(
        f"gap {gap:.4f}",
        (n, (final_loss + target) / 2),
        textcoords="offset points",
        xytext=(-8, 0),
        ha="right",
        va="center",
    )
    end.set_title(f"the last {n - start} steps, zoomed in", fontsize=10)
    fig.tight_layout()
    alt = describe_lines(
        {"the network's loss": (steps, ys)},
        x_label="step",
        y_label="loss (average NLL)",
        title=title,
        lines={f"{target_name} (dashed)": target},
        points={"the loss after the last update": (n, final_loss)},
    )
    alt += (
        f" A second panel zooms in on steps {start} to {n}: the final loss, {_number(final_loss)}, "
        f"stays {_number(gap)} above {target_name}, {_number(target)}."
    )
    return _with_alt(fig, alt)


def plot_row_comparison(
    first: torch.Tensor, second: torch.Tensor, vocab: Vocab, chars: Sequence[str], *, names: tuple[str, str]
):
    """Bar charts, one per character in ``chars``: that row of two tables (shape (V, V)) side by side.

    ``names`` label the two tables (``first``'s bars on the left of each pair). Returns
    the Figure, its text alternative (:func:`describe_bars` for each panel) attached.
    """
    import matplotlib.pyplot as plt

    v = len(vocab)
    for table in (first, second):
        if tuple(table.shape) != (v, v):
            raise ValueError(f"both tables must have shape ({v}, {v}), got {tuple(table.shape)}")
    fig, axes = plt.subplots(1, len(chars), figsize=(5 * len(chars), 3), sharey=True, squeeze=False)
    positions = torch.arange(v)
    panels = []
    for k, (ax, ch) in enumerate(zip(axes[0], chars, strict=True)):
        i = vocab.stoi[ch]
        ax.bar(positions - 0.2, first[i].detach().cpu(), width=0.4, label=names[0])
        ax.bar(positions + 0.2, second[i].detach().cpu(), width=0.4, label=names[1])
        ax.set_xticks(range(v), list(vocab.itos))
        ax.set_title(f"next character after {ch!r}")
        side = f"Panel {k + 1} of {len(chars)}"
        panels.append(
            describe_bars(
                {names[0]: first[i].tolist(), names[1]: second[i].tolist()},
                vocab.itos,
                title=f"{side}, next character after {ch!r}",
                y_label="probability",
            )
        )
    axes[0][0].set_ylabel("probability")
    axes[0][0].legend()
    fig.tight_layout()
    return _with_alt(fig, " ".join(panels))
