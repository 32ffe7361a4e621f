# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 02 · Seeing the counts
#
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/makemore-bigram/makemore-bigram/blob/main/notebooks/02_heatmap.ipynb)
#
# *This series teaches Andrej Karpathy's lecture
# ["The spelled-out intro to language modeling: building makemore"](https://www.youtube.com/watch?v=PaCmpygFfXo)
# ([its notebook](https://github.com/karpathy/nn-zero-to-hero/blob/master/lectures/makemore/makemore_part1_bigrams.ipynb);
# names from [makemore](https://github.com/karpathy/makemore)). What the series adds:
# prose, tested figures and helpers, exercises ([acknowledgements](../README.md#acknowledgements)).*
#
# **What you will learn.** Notebook 01 stored the counts of every pair of neighbouring
# characters in a 27 x 27 table, `N`: 729 numbers, too many to take in one by one. Here
# you draw the table as a *heatmap*, each cell a square that is darker the more often its
# pair occurs, labelled with the pair and its count. Then you learn to read it: where
# names start and end, and which cells hold a zero, the trouble of the next notebook.

# %%
# Set-up. In Colab, first fetch this repository so that its helpers can be imported
# (if that fails, say on a lost connection, run this cell again: it tries again).
import sys

if "google.colab" in sys.modules:
    # !test -d /content/makemore-bigram/bigram_helpers || git clone --quiet --depth 1 https://github.com/makemore-bigram/makemore-bigram /content/makemore-bigram
    if "/content/makemore-bigram" not in sys.path:
        sys.path.insert(0, "/content/makemore-bigram")

from bigram_helpers.notebook import start_notebook

# the big heatmap below fills its figure, so its picture needs no cropping (which would draw it twice)
names_path = start_notebook(crop_figures=False)

# %% [markdown]
# ## The counts again
#
# Notebook 01 built these by hand and checked that the helpers agree, so here we call
# them:
#
# - `load_words` reads `names.txt` into a list of names;
# - `build_vocab` numbers the characters: `.` is 0, `a` to `z` are 1 to 26
#   (`vocab.stoi` goes from character to number, `vocab.itos` back again);
# - `bigram_counts` fills the 27 x 27 table `N`, where `N[i, j]` counts how often the
#   character `vocab.itos[j]` comes right after `vocab.itos[i]`.

# %%
from bigram_helpers import bigram_counts, build_vocab, load_words

words = load_words(names_path)
vocab = build_vocab(words)
N = bigram_counts(words, vocab)
print(len(words), "names,", len(vocab), "characters,", N.sum().item(), "pairs")
print("N:", N.shape, N.dtype)
print("largest count:", N.max().item())

# %% [markdown]
# ## A table as a picture
#
# *In the video: [visualizing the bigram tensor, 0:18:19](https://www.youtube.com/watch?v=PaCmpygFfXo&t=1099).*
#
# Matplotlib's `imshow` ("image show") draws a table as an image: each cell becomes a
# square, row 0 at the top and column 0 on the left. Its colour comes from a *colormap*;
# `"Blues"` runs from almost white to dark blue. The smallest count in `N` (0) gets the
# lightest colour, the largest (6,763) the darkest, and a count in between lands that
# fraction of the way along the scale, $t_{ij} = N_{ij} / 6763$. Two examples:

# %%
for count in (3000, 50):
    t = count / N.max().item()
    print(f"a count of {count:,} sits at t = {t:.4f} of the way along the scale")

# %% [markdown]
# A count of 3,000 is a middling blue; a count of 50 looks white. First the bare
# picture, with no labels:

# %%
import matplotlib.pyplot as plt

from bigram_helpers.notebook import show_figure  # plt.show(), described in words
from bigram_helpers.plotting import describe_count_heatmap

fig, ax = plt.subplots(figsize=(5, 5))
ax.imshow(N, cmap="Blues")
show_figure(fig, describe_count_heatmap(N, vocab))

# %% [markdown]
# A few dark squares stand out: the most common pairs of notebook 01. Row 0 and column 0
# are busier than most; we will see why. But without labels we cannot tell which square
# is which pair.
#
# ## The labelled heatmap, by hand
#
# We draw the same image larger and write two labels into every square: the pair (such
# as `an`) and its count. A label must stand out from its square: black text vanishes
# on dark blue, white text on pale blue. So for each square we pick black or white,
# whichever contrasts more with its colour. `blues(t)` gives the colour at fraction `t`
# of the scale, as red, green, blue and opacity between 0 and 1; from those the function
# works out how bright the square looks and compares the two contrasts.
#
# <details><summary>Going deeper: how the contrast is measured</summary>
#
# The web's accessibility guidelines (WCAG) measure how bright a colour looks as its
# *relative luminance* $L$: each of red, green and blue is first turned into the light a
# screen gives out for it (the `linear` values), then the three are weighed by how
# strongly the eye responds to each, green most. The contrast of two colours is
# $(L_1 + 0.05) / (L_2 + 0.05)$, the brighter one on top; black has $L = 0$ and white
# $L = 1$. WCAG asks at least 4.5:1 for text, and the better of black and white always
# gets at least $\sqrt{21}$, about 4.6:1, whatever the square's colour. A mid-grey label, as the video
# draws, reaches only about 1.7:1 on the blue of `ar` or `el`. The project's tests
# measure every label of this picture.
#
# </details>

# %%
blues = plt.get_cmap("Blues")
largest = N.max().item()


def label_colour(count):
    """Black or white, whichever stands out more on the square of this count."""
    r, g, b, _ = blues(count / largest)  # the square's colour, as imshow picks it
    linear = []
    for c in (r, g, b):  # each channel as the light the screen gives out
        linear.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    on_black = (luminance + 0.05) / 0.05  # contrast of black text on the square
    on_white = 1.05 / (luminance + 0.05)  # contrast of white text on the square
    return "black" if on_black >= on_white else "white"


print(label_colour(50), label_colour(3000), label_colour(largest))

# %% [markdown]
# `ax.text(x, y, s)` writes `s` at the point `(x, y)`, and in an `imshow` picture the
# centre of the square in row `i`, column `j` is at `x = j`, `y = i`. Mind the order: `x`
# is the horizontal position, the *column*; swapping them would put every label on the
# wrong square (`an` on the square of `na`). `ha="center"` centres a label, `va="bottom"`
# puts the pair in the upper half and `va="top"` the count in the lower half.
# `ax.set_axis_off()` hides the axes, since the labels say everything, and
# `fig.subplots_adjust` stretches the picture over the figure, bar a strip on the left
# for JupyterLab's toolbar. The cell draws 27 x 27 x 2 = 1,458 labels, so it takes a
# moment.

# %%
fig, ax = plt.subplots(figsize=(16, 16))
# fill the figure, bar a strip on the left for the toolbar
fig.subplots_adjust(left=0.04, right=1, bottom=0, top=1)
ax.imshow(N, cmap="Blues")
for i in range(27):
    for j in range(27):
        pair = vocab.itos[i] + vocab.itos[j]
        count = N[i, j].item()
        colour = label_colour(count)
        ax.text(j, i, pair, ha="center", va="bottom", color=colour)
        ax.text(j, i, str(count), ha="center", va="top", color=colour)
ax.set_axis_off()
print(len(ax.texts), "labels")
show_figure(fig, describe_count_heatmap(N, vocab, labelled=True))

# %% [markdown]
# The project's helper `plot_bigram_heatmap(N, vocab)` draws this same picture, labels
# and colours alike, for a table of any size.
#
# ## How to read the heatmap
#
# **Row = first character, column = second.** The pair `an` is in row `a` (number 1) and
# column `n` (number 14), one of the darkest squares:

# %%
print(N[vocab.stoi["a"], vocab.stoi["n"]].item())

# %% [markdown]
# `na` is a different square with a different count: order matters.

# %%
print(N[vocab.stoi["n"], vocab.stoi["a"]].item())

# %% [markdown]
# **Row 0 is how names start.** Its first character is the marker `.`, so column `j`
# counts the names that begin with `vocab.itos[j]`. The commonest first letters, and the
# rarest:

# %%
starts = {vocab.itos[j]: N[0, j].item() for j in range(1, 27)}
by_count = sorted(starts.items(), key=lambda item: item[1], reverse=True)
print("most common: ", by_count[:5])
print("least common:", by_count[-3:])

# %% [markdown]
# **Column 0 is how names end.** Row `i` of it counts the names that end with
# `vocab.itos[i]`; the two darkest squares, `n.` and `a.`, are here:

# %%
ends = {vocab.itos[i]: N[i, 0].item() for i in range(1, 27)}
by_count = sorted(ends.items(), key=lambda item: item[1], reverse=True)
print("most common: ", by_count[:5])
print("least common:", by_count[-3:])

# %% [markdown]
# Each name starts once and ends once, so both add up to the number of names:

# %%
assert N[0].sum().item() == N[:, 0].sum().item() == len(words)
print(N[0].sum().item(), N[:, 0].sum().item())

# %% [markdown]
# **The top-left square, `..`, is zero.** It would be a name with no letters, and there
# are none.

# %%
assert N[0, 0].item() == 0
print(N[0, 0].item())

# %% [markdown]
# **A row shows what tends to follow a character.** `q` is rare, and 206 times out of
# 272 it is followed by `u`. Every non-zero square in its row:

# %%
q = vocab.stoi["q"]
print({vocab.itos[j]: N[q, j].item() for j in range(27) if N[q, j] > 0})
print("total:", N[q].sum().item())

# %% [markdown]
# ## Pairs we never saw
#
# 102 squares hold a zero: pairs that occur nowhere in the 32,033 names, the
# $729 - 627$ missing from notebook 01's dictionary:

# %%
zeros = [vocab.itos[i] + vocab.itos[j] for i, j in (N == 0).nonzero().tolist()]
print(len(zeros), "pairs never seen:")
print(" ".join(zeros))

# %% [markdown]
# Most are pairs names avoid: `qj`, `jq`, `xj`, `zq`. Only `..` is in row 0 or column 0:
# every letter starts and ends at least one name. By eye, a count of 1 is as pale as 0
# (`bc` and `cb` look alike); the printed counts tell them apart.

# %%
print("bc:", N[vocab.stoi["b"], vocab.stoi["c"]].item())
print("cb:", N[vocab.stoi["c"], vocab.stoi["b"]].item())

# %% [markdown]
# These zeros will matter. Notebook 03 turns each row into probabilities, so a zero count
# becomes a probability of zero: the model will call a name with `qj` *impossible*, and
# its score infinitely bad. We will fix it by pretending we saw every pair a little.
#
# ## What you learned
#
# - `imshow` draws a table as a picture; a colormap turns each count into a colour.
# - `ax.text(j, i, ...)` labels the square in row `i`, column `j` (x is the column).
# - A label is readable when it contrasts enough with its square: black or white, by
#   the square's brightness.
# - Row 0 is how names start, column 0 how they end; a row shows what follows its
#   character; the 102 zeros are pairs never seen.
#
# Questions? [Questions learners ask](../docs/questions.md) answers the common ones.
#
# ## What's next
#
# Counts say how often; a model needs to say how likely. In
# [03_sampling_and_loss.ipynb](03_sampling_and_loss.ipynb) we turn every row of `N` into
# probabilities, make up new names one character at a time, and measure the model with
# one number, the loss.
