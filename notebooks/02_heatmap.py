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
# ([its notebook](https://github.com/karpathy/nn-zero-to-hero/blob/master/lectures/makemore/makemore_part1_bigrams.ipynb)
# in nn-zero-to-hero; the names come from his [makemore](https://github.com/karpathy/makemore) repository).
# What the series adds: each step explained in prose, in six short notebooks; every figure
# checked by a test; tested helpers; exercises with checks and worked solutions
# ([acknowledgements](../README.md#acknowledgements)).*
#
# **What you will learn.** In the first notebook we counted every pair of neighbouring
# characters in 32,033 names and stored the counts in a 27 x 27 table, `N`. That is 729
# numbers: too many to understand by reading them one by one. Here you will turn the table
# into a picture, a *heatmap*, in which every cell is a coloured square that is darker the
# more often its pair occurs, labelled with the pair and its count. You will draw it by
# hand with matplotlib and then learn to read it: where to look for how names start and
# end, what the cell in the top-left corner says, and why the cells that hold a zero will
# cause trouble in the next notebook.

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
# Notebook 01 built the words, the vocabulary and the count matrix by hand and checked
# that three helpers give the same results, so here we simply call them:
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
# Matplotlib's `imshow` ("image show") draws a table of numbers as an image: each cell
# becomes a small square, laid out just as the table prints, with row 0 at the top and
# column 0 on the left. The colour of a square comes from a *colormap*, a scale of
# colours. We use `"Blues"`, which runs from almost white to dark blue. By default
# `imshow` stretches the scale over the numbers it is given: the smallest count in `N`
# (0) gets the lightest colour, the largest (6,763) the darkest, and a count in between
# lands at the fraction
#
# $$t_{ij} = \frac{N_{ij} - \min N}{\max N - \min N} = \frac{N_{ij}}{6763}$$
#
# of the way along the scale. Two examples:

# %%
for count in (3000, 50):
    print(f"a count of {count:,} sits at t = {count / N.max().item():.4f} of the way along the scale")

# %% [markdown]
# A count of 3,000 is a middling blue; a count of 50 is so close to the light end that it
# looks white.
#
# First the bare picture, with no labels, to see the overall pattern:

# %%
import matplotlib.pyplot as plt

from bigram_helpers.notebook import show_figure  # plt.show(), with the picture described in words
from bigram_helpers.plotting import describe_count_heatmap

fig, ax = plt.subplots(figsize=(5, 5))
ax.imshow(N, cmap="Blues")
show_figure(fig, describe_count_heatmap(N, vocab))

# %% [markdown]
# A few dark squares stand out at once: they are the most common pairs we found in the
# first notebook. The top row (row 0) and the left-most column (column 0) are also busier
# than most; we will see in a moment what they mean. But without labels we cannot tell
# which square is which pair.
#
# ## The labelled heatmap, by hand
#
# We draw the same image, much larger, and write two labels into every square: the pair
# itself (such as `an`) and its count. `ax.text(x, y, s)` writes the string `s` at the
# point `(x, y)` of the picture, and in an `imshow` picture the centre of the square in
# row `i`, column `j` is at `x = j`, `y = i`.
#
# Mind the order: `x` is the horizontal position, so it is the *column*, and `y` is
# the vertical position, so it is the *row*. Swapping them is an easy slip: the picture
# would then be labelled along its diagonal mirror, and every label would sit on the
# wrong square (`an` on the square of `na`).
#
# Two options place the labels within a square: `ha="center"` centres each one
# horizontally, `va="bottom"` puts the bottom of the pair's text at the centre (so the
# pair sits in the upper half) and `va="top"` puts the top of the count's text there (so
# the count sits in the lower half). Grey text is easy to read on the pale squares but
# gets lost on the darkest ones, so on squares past the middle of the colour scale
# ($t_{ij} > 0.5$, a count above 6,763 / 2) we write in white instead. Finally
# `ax.set_axis_off()` hides the axes and their tick numbers: the labels already say
# everything. Without tick numbers the picture needs no margin around it, so
# `fig.subplots_adjust` stretches the axes over the figure, all but a narrow strip on
# the left where JupyterLab shows the interactive figure's toolbar.
#
# The cell draws 27 x 27 x 2 = 1,458 labels, so it takes a moment.

# %%
largest = N.max().item()

fig, ax = plt.subplots(figsize=(16, 16))
fig.subplots_adjust(left=0.04, right=1, bottom=0, top=1)  # fill the figure, bar the toolbar's strip
ax.imshow(N, cmap="Blues")
for i in range(27):
    for j in range(27):
        pair = vocab.itos[i] + vocab.itos[j]
        count = N[i, j].item()
        colour = "white" if count > largest / 2 else "gray"
        ax.text(j, i, pair, ha="center", va="bottom", color=colour)
        ax.text(j, i, str(count), ha="center", va="top", color=colour)
ax.set_axis_off()
print(len(ax.texts), "labels")
show_figure(fig, describe_count_heatmap(N, vocab, labelled=True))

# %% [markdown]
# The project's helper `plot_bigram_heatmap(N, vocab)` draws this same picture, a little
# faster (it reads the table once rather than cell by cell), for a table of any size.
#
# ## How to read the heatmap
#
# **Row = first character, column = second.** To find a pair, go down to the row of its
# first character, then across to the column of its second. The pair `an` is in row `a`
# (the second row, number 1) and column `n` (number 14), one of the darkest squares:

# %%
print(N[vocab.stoi["a"], vocab.stoi["n"]].item())

# %% [markdown]
# The square of `na` (row `n`, column `a`) is a different square, with a different count:
# the table is not symmetric, because the order of the characters matters.

# %%
print(N[vocab.stoi["n"], vocab.stoi["a"]].item())

# %% [markdown]
# **Row 0 is how names start.** Its first character is the marker `.`, so the square in
# column `j` counts the names that begin with `vocab.itos[j]`. The most popular first
# letters, and the rarest:

# %%
starts = {vocab.itos[j]: N[0, j].item() for j in range(1, 27)}
by_count = sorted(starts.items(), key=lambda item: item[1], reverse=True)
print("most common: ", by_count[:5])
print("least common:", by_count[-3:])

# %% [markdown]
# **Column 0 is how names end.** Its second character is the marker, so the square in row
# `i` counts the names that end with `vocab.itos[i]`. This is where the two darkest squares
# of the whole picture are, `n.` and `a.`:

# %%
ends = {vocab.itos[i]: N[i, 0].item() for i in range(1, 27)}
by_count = sorted(ends.items(), key=lambda item: item[1], reverse=True)
print("most common: ", by_count[:5])
print("least common:", by_count[-3:])

# %% [markdown]
# Each name starts once and ends once, so row 0 and column 0 both add up to the number of
# names:

# %%
assert N[0].sum().item() == N[:, 0].sum().item() == len(words)
print(N[0].sum().item(), N[:, 0].sum().item())

# %% [markdown]
# **The top-left square, `..`, is zero.** That pair would be a start marker followed
# straight away by an end marker: a name with no letters at all. There are no empty names
# in the data (`load_words` would have refused one), so this square can never be
# anything but zero.

# %%
assert N[0, 0].item() == 0
print(N[0, 0].item())

# %% [markdown]
# **A row shows what tends to follow a character.** Row `q` is a good example: `q` is
# rare (272 pairs start with it), and most of the time, 206 times out of 272, it is
# followed by `u`. Here is every non-zero square in that row:

# %%
q = vocab.stoi["q"]
print({vocab.itos[j]: N[q, j].item() for j in range(27) if N[q, j] > 0})
print("total:", N[q].sum().item())

# %% [markdown]
# ## Pairs we never saw
#
# Some squares hold a zero: their pair does not occur anywhere in the 32,033 names.
# There are 102 of them, exactly the $27 \times 27 - 627 = 729 - 627$ pairs that were
# missing from the dictionary in the first notebook:

# %%
zeros = [vocab.itos[i] + vocab.itos[j] for i, j in (N == 0).nonzero().tolist()]
print(len(zeros), "pairs never seen:")
print(" ".join(zeros))

# %% [markdown]
# Most of them are pairs that English-looking names simply avoid: `qj`, `jq`, `xj`, `zq`,
# `vq`, `fq`. Notice how many start or end with `q` or `x`, the rarest letters. Only one
# zero is in row 0 or column 0, the impossible `..`: every letter starts at least one name
# and ends at least one name.
#
# Be careful when spotting zeros by eye: the colour scale runs up to 6,763, so a count of
# 1 is just as pale as a count of 0. The squares of `bc` and `cb` look the same, yet one
# pair occurs once and the other never. The printed counts are what tell them apart.

# %%
print("bc:", N[vocab.stoi["b"], vocab.stoi["c"]].item())
print("cb:", N[vocab.stoi["c"], vocab.stoi["b"]].item())

# %% [markdown]
# These zeros will matter in the next notebook. There we turn each row of counts into
# probabilities by dividing it by its total, so a zero count becomes a probability of
# exactly zero: the model will claim that a name containing, say, `qj` is *impossible*.
# When we then measure how well the model explains a name (through the logarithm of its
# probabilities), one impossible pair is enough to make the score infinitely bad, since
# $\log 0 = -\infty$. We will see it happen, and fix it by pretending we had seen every
# pair at least a little.
#
# ## What's next
#
# Counts say how often; a model needs to say how likely. In the next notebook,
# [03_sampling_and_loss.ipynb](03_sampling_and_loss.ipynb), we turn every row of `N` into
# a probability distribution, use it to make up new names one character at
# a time, and measure how good the model is with a single number, the loss.
