"""The heatmap: what is drawn, on which Axes, with any backend."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # no display in CI; the helper must not care which backend runs

import json
from pathlib import Path

import matplotlib.pyplot as plt
import pytest
import torch

from bigram_helpers import build_vocab, plot_bigram_heatmap


def test_heatmap_of_N(N, vocab):
    ax = plot_bigram_heatmap(N, vocab)
    try:
        assert not ax.axison
        (image,) = ax.get_images()
        assert image.get_cmap().name == "Blues"
        assert (image.get_array() == N.numpy()).all()
        texts = [t.get_text() for t in ax.texts]
        assert len(texts) == 2 * 27 * 27
        # each cell: its pair, then its count; row 'a' (1), column 'n' (14)
        cell = 2 * (1 * 27 + 14)
        assert texts[cell : cell + 2] == ["an", "5438"]
        assert texts[0:2] == ["..", "0"]
        colors = {t.get_text(): t.get_color() for t in ax.texts}
        assert colors["an"] == "white" and colors["zz"] == "gray"  # readable on dark and light cells
        ax.figure.canvas.draw()  # renders without error
    finally:
        plt.close(ax.figure)


def test_draws_on_a_given_axes():
    words = ["ab", "ba"]
    v = build_vocab(words)
    fig, axes = plt.subplots(1, 2)
    try:
        from bigram_helpers import bigram_counts

        out = plot_bigram_heatmap(bigram_counts(words, v), v, ax=axes[1])
        assert out is axes[1]
        assert len(axes[0].texts) == 0 and len(axes[1].texts) == 2 * 9
    finally:
        plt.close(fig)


def test_large_and_float_counts_are_written_in_full():
    v = build_vocab(["a"])
    N = torch.tensor([[0, 1_234_567], [2, 0]])
    ax = plot_bigram_heatmap(N, v)
    try:
        assert "1234567" in [t.get_text() for t in ax.texts]
    finally:
        plt.close(ax.figure)
    ax = plot_bigram_heatmap(torch.tensor([[0.5, 0.25], [0.125, 0.0]]), v)
    try:
        assert {"0.5", "0.25", "0.125", "0"} <= {t.get_text() for t in ax.texts}
    finally:
        plt.close(ax.figure)


def test_shape_must_match_vocab(vocab):
    with pytest.raises(ValueError, match=r"shape \(27, 27\)"):
        plot_bigram_heatmap(torch.zeros(5, 5), vocab)


NOTEBOOK_02 = Path(__file__).resolve().parent.parent / "notebooks" / "02_heatmap.ipynb"


def hand_drawn_heatmap_cell() -> str:
    """The code cell of notebook 02 that draws the labelled heatmap by hand."""
    cells = json.loads(NOTEBOOK_02.read_text(encoding="utf-8"))["cells"]
    sources = ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]
    (cell,) = [source for source in sources if "ax.text(j, i, pair" in source]
    return cell


def describe(ax):
    """What the picture on ``ax`` shows: its image, its colormap, whether the axes show, and every label."""
    (image,) = ax.get_images()
    labels = [(t.get_text(), t.get_position(), t.get_ha(), t.get_va(), t.get_color()) for t in ax.texts]
    return image.get_array().tolist(), image.get_cmap().name, ax.axison, labels


def test_helper_draws_what_notebook_02_draws_by_hand(N, vocab):
    # Notebook 02 says that the helper draws the picture its hand-written cell drew; this
    # runs that cell (show_figure is plt.show() outside IPython, which does nothing under
    # Agg) and compares label by label.
    from bigram_helpers.notebook import show_figure
    from bigram_helpers.plotting import describe_count_heatmap

    namespace = {"N": N, "vocab": vocab, "plt": plt, "show_figure": show_figure}
    namespace["describe_count_heatmap"] = describe_count_heatmap
    exec(hand_drawn_heatmap_cell(), namespace)
    hand = namespace["ax"]
    helper = plot_bigram_heatmap(N, vocab)
    try:
        assert describe(helper) == describe(hand)
    finally:
        plt.close(hand.figure)
        plt.close(helper.figure)
