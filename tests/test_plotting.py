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
        assert colors["an"] == "white" and colors["zz"] == "black"  # readable on dark and light cells
        assert colors["ar"] == "black"  # a mid-blue square: black reads better there than white
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


def notebook_02_cell(marker: str) -> str:
    """The one code cell of notebook 02 whose source holds ``marker``."""
    cells = json.loads(NOTEBOOK_02.read_text(encoding="utf-8"))["cells"]
    sources = ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]
    (cell,) = [source for source in sources if marker in source]
    return cell


def hand_drawn_heatmap(N, vocab):
    """The Axes notebook 02 draws by hand: its label-colour cell, then its heatmap cell.

    show_figure is plt.show() outside IPython, which does nothing under Agg.
    """
    from bigram_helpers.notebook import show_figure
    from bigram_helpers.plotting import describe_count_heatmap

    namespace = {"N": N, "vocab": vocab, "plt": plt, "show_figure": show_figure}
    namespace["describe_count_heatmap"] = describe_count_heatmap
    exec(notebook_02_cell("def label_colour"), namespace)
    exec(notebook_02_cell("ax.text(j, i, pair"), namespace)
    return namespace["ax"]


def wcag_luminance(rgb) -> float:
    """Relative luminance of an sRGB colour in [0, 1] (WCAG 2.x), written here apart from the helper."""
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((wcag_luminance(a), wcag_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def label_contrasts(ax) -> list[tuple[str, float]]:
    """Each label of a heatmap Axes with its WCAG contrast against the colour of the square it sits on."""
    from matplotlib.colors import to_rgb

    (image,) = ax.get_images()
    table = image.get_array()
    out = []
    for t in ax.texts:
        j, i = (round(c) for c in t.get_position())
        square = image.cmap(image.norm(table[i, j]))
        out.append((t.get_text(), contrast(to_rgb(t.get_color()), square)))
    return out


def test_every_heatmap_label_reaches_wcag_contrast(N, vocab):
    # WCAG 2.x asks 4.5:1 for text; black or white, whichever is better, always gives >= 4.58
    for ax in (plot_bigram_heatmap(N, vocab), hand_drawn_heatmap(N, vocab)):
        try:
            measured = label_contrasts(ax)
            assert len(measured) == 2 * 27 * 27
            worst = min(measured, key=lambda item: item[1])
            assert worst[1] >= 4.5, worst
        finally:
            plt.close(ax.figure)


def test_label_colour_picks_the_better_of_black_and_white():
    from bigram_helpers.plotting import label_colour

    assert label_colour((1.0, 1.0, 1.0)) == "black" and label_colour((0.0, 0.0, 0.0, 1.0)) == "white"
    # the lightest blue a mid-grey label failed on (ar, el, ri: about 1.7:1 in grey)
    for rgb in [(0.42, 0.68, 0.84), (0.03, 0.19, 0.42), (0.5, 0.5, 0.5), (0.2, 0.6, 0.3)]:
        colour = label_colour(rgb)
        other = "white" if colour == "black" else "black"
        text = {"black": (0, 0, 0), "white": (1, 1, 1)}
        chosen = contrast(text[colour], rgb)
        assert chosen >= contrast(text[other], rgb) and chosen >= 4.5


def describe(ax):
    """What the picture on ``ax`` shows: its image, its colormap, whether the axes show, and every label."""
    (image,) = ax.get_images()
    labels = [(t.get_text(), t.get_position(), t.get_ha(), t.get_va(), t.get_color()) for t in ax.texts]
    return image.get_array().tolist(), image.get_cmap().name, ax.axison, labels


def test_helper_draws_what_notebook_02_draws_by_hand(N, vocab):
    # Notebook 02 says that the helper draws the picture its hand-written cells drew; this
    # runs those cells and compares label by label, colours included.
    hand = hand_drawn_heatmap(N, vocab)
    helper = plot_bigram_heatmap(N, vocab)
    try:
        assert describe(helper) == describe(hand)
    finally:
        plt.close(hand.figure)
        plt.close(helper.figure)
