"""Seeing the counts: the count matrix drawn as a labelled heatmap.

Lesson step 2: every cell of ``N`` is a square whose colour grows with its count,
labelled with its two characters and the count itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import torch

from .data import Vocab

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_bigram_heatmap"]


def plot_bigram_heatmap(N: torch.Tensor, vocab: Vocab, ax: Axes | None = None) -> Axes:
    """Draw ``N`` (shape (V, V)) as a blue heatmap, each cell labelled with its pair and count.

    Row i / column j is the pair ``itos[i] + itos[j]``. Draws on ``ax`` if given,
    otherwise on a new square figure sized to the vocabulary. The axes are turned off
    (the labels say everything). Works with any matplotlib backend: inline, ipympl,
    or Agg for files and tests. Returns the Axes.
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
