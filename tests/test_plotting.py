"""The heatmap: what is drawn, on which Axes, with any backend."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # no display in CI; the helper must not care which backend runs

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


def draw_by_hand(N, vocab, ax):
    """Notebook 02's hand-written heatmap cell, on the given axes."""
    largest = N.max().item()
    ax.imshow(N, cmap="Blues")
    for i in range(27):
        for j in range(27):
            pair = vocab.itos[i] + vocab.itos[j]
            count = N[i, j].item()
            colour = "white" if count > largest / 2 else "gray"
            ax.text(j, i, pair, ha="center", va="bottom", color=colour)
            ax.text(j, i, str(count), ha="center", va="top", color=colour)
    ax.set_axis_off()


def describe(ax):
    """What the picture on ``ax`` shows: its image, its colormap, whether the axes show, and every label."""
    (image,) = ax.get_images()
    labels = [(t.get_text(), t.get_position(), t.get_ha(), t.get_va(), t.get_color()) for t in ax.texts]
    return image.get_array().tolist(), image.get_cmap().name, ax.axison, labels


def test_helper_draws_the_notebooks_hand_drawn_heatmap(N, vocab):
    # Notebook 02 says the helper draws the picture its hand-written cell drew; this is the check.
    fig, (hand, helper) = plt.subplots(1, 2)
    try:
        draw_by_hand(N, vocab, hand)
        assert plot_bigram_heatmap(N, vocab, ax=helper) is helper
        assert describe(helper) == describe(hand)
    finally:
        plt.close(fig)
