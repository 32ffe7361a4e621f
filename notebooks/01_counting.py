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
# # 01 · Counting bigrams
#
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/makemore-bigram/makemore-bigram/blob/main/notebooks/01_counting.ipynb)
#
# *This series teaches Andrej Karpathy's lecture
# ["The spelled-out intro to language modeling: building makemore"](https://www.youtube.com/watch?v=PaCmpygFfXo)
# ([its notebook](https://github.com/karpathy/nn-zero-to-hero/blob/master/lectures/makemore/makemore_part1_bigrams.ipynb);
# names from [makemore](https://github.com/karpathy/makemore)). What the series adds:
# prose, tested figures and helpers, exercises ([acknowledgements](../README.md#acknowledgements)).*
#
# **The road ahead.** A language model guesses what comes next. *makemore* is a series
# of such models that learn from a list of names and then make up more of them, each a
# step up from the last: this *bigram* model, which looks at one character to guess the
# next; then a multi-layer perceptron (MLP, after Bengio et al. 2003) that reads several
# characters; a WaveNet-style convolutional network (CNN); recurrent networks (RNN, LSTM,
# GRU); and finally a Transformer, the kind of network behind GPT. Each later model
# changes how the guess is made; the data, the loss and the training loop you meet in
# this series stay. (In the video: [the intro, 0:00:00](https://www.youtube.com/watch?v=PaCmpygFfXo&t=0).)
#
# **What you will learn here.** The bigram model ("bi" = two characters at a time)
# needs to know how often each character follows each other character, so this notebook
# is all about counting. You will load 32,033 names, count every pair of neighbouring
# characters, first in a Python dictionary and then in a 27 x 27 table of integers (a
# PyTorch tensor), and check that the project's helper functions give the same answers.
#
# Stuck on something? [Questions learners ask](../docs/questions.md) answers the common
# ones; [differences from the video](../docs/differences.md) lists where this series and
# the lecture part ways, and why.

# %%
# Set-up. In Colab, first fetch this repository so that its helpers can be imported
# (if that fails, say on a lost connection, run this cell again: it tries again).
import sys

if "google.colab" in sys.modules:
    # !test -d /content/makemore-bigram/bigram_helpers || git clone --quiet --depth 1 https://github.com/makemore-bigram/makemore-bigram /content/makemore-bigram
    if "/content/makemore-bigram" not in sys.path:
        sys.path.insert(0, "/content/makemore-bigram")

from bigram_helpers.notebook import start_notebook

names_path = start_notebook()  # gets names.txt if missing; figures are interactive where they can be

# %% [markdown]
# ## What we are building
#
# *makemore* in its smallest form: a model that reads a list of things, here 32,033
# first names, and makes up more like them. In notebook 03 ours makes up these:
#
# ```
# cexze  momasurailezitynn  konimittain  llayn  ka  da  staiyaubrtthrigotai  moliellavo  ke  teda
# ```
#
# Not convincing yet, but they start and end as names tend to. Your run may make other
# names from the same seed, as the video did ([why](../docs/differences.md)). Notebook 04
# learns the same model as a small neural network. It all starts with counting.
#
# ## A first look at the data
#
# *In the video: [reading and exploring the dataset, 0:03:03](https://www.youtube.com/watch?v=PaCmpygFfXo&t=183).*
#
# `names.txt` is a plain text file with one lowercase name on each line; the set-up cell
# above left its path in `names_path`. `read()` gives the whole file as one string, and
# `splitlines()` cuts it at every line break into a list of names.

# %%
with open(names_path) as f:
    words = f.read().splitlines()
len(words)

# %% [markdown]
# That is 32,033 names. Here are the first ten:

# %%
print(words[:10])

# %% [markdown]
# How long are they? The shortest name has 2 characters and the longest has 15:

# %%
shortest = min(len(w) for w in words)
longest = max(len(w) for w in words)
print("shortest:", shortest, [w for w in words if len(w) == shortest][:6], "...")
print("longest: ", longest, [w for w in words if len(w) == longest])

# %% [markdown]
# The file is two lists one after the other: girls' names, then boys' names from line
# 18,030 on, each list with the most popular name first. A name given to both girls and
# boys appears in both lists, which is why 2,539 lines repeat a name from an earlier
# line: `emma` is on line 1 and again on line 26,329.

# %%
boys = 18_030  # the line where the boys' list starts
print(f"lines {boys - 1} to {boys + 2}:", words[boys - 2 : boys + 2])
print("lines that repeat an earlier name:", len(words) - len(set(words)))
print("emma is on lines", [k + 1 for k, w in enumerate(words) if w == "emma"])

# %% [markdown]
# ## One name, several examples
#
# *In the video: [exploring the bigrams in the dataset, 0:06:24](https://www.youtube.com/watch?v=PaCmpygFfXo&t=384), and
# [a single `.` token in place of `<S>` and `<E>`, 0:20:54](https://www.youtube.com/watch?v=PaCmpygFfXo&t=1254).*
#
# Our model only ever looks at two characters at a time: the one it has just seen, and
# the one that comes next. Seen that way, the name `emma` is several examples: `m` can
# follow `e`, `m` can follow `m`, `a` can follow `m`.
#
# It also tells us that `e` is a good way to *start* a name, and that a name may *end*
# after `a`. To learn starts and ends too, we put a marker character at both ends of
# every name: `.`, which no name contains. Before the first letter it means "the name
# starts here", after the last "the name ends here". (The video first uses two markers,
# `<S>` and `<E>`, then replaces both with one `.`, as we do from the start.)
#
# With the markers, `emma` becomes `.emma.`, and its pairs are `.e em mm ma a.`. To list
# them, line the string up against a copy of itself shifted by one place and read down
# the columns:
#
# ```
# chs      = . e m m a .
# chs[1:]  = e m m a .
# pairs    = .e em mm ma a.
# ```
#
# `itertools.pairwise(chs)` does exactly this: it hands out each character together with
# the one after it, as a tuple. (The video writes `zip(chs, chs[1:])`, which gives the
# same pairs.)

# %%
import itertools

chs = "." + "emma" + "."
pairs = list(itertools.pairwise(chs))
print(pairs)
print(" ".join(ch1 + ch2 for ch1, ch2 in pairs))

# %% [markdown]
# A name with $n$ letters has $n + 2$ characters once it is framed, and so $n + 1$ pairs:
# `emma` has 4 letters and 5 pairs. The same holds for every name:

# %%
for w in words[:3]:
    chs = "." + w + "."
    pairs = [ch1 + ch2 for ch1, ch2 in itertools.pairwise(chs)]
    print(f"{w:8} {len(w)} letters, {len(pairs)} pairs: {' '.join(pairs)}")

# %% [markdown]
# ## Counting pairs with a dictionary
#
# *In the video: [counting bigrams in a python dictionary, 0:09:24](https://www.youtube.com/watch?v=PaCmpygFfXo&t=564).*
#
# Now count how often each pair turns up in all 32,033 names. A dictionary does it: the
# key is the pair, a tuple such as `('e', 'm')`, and the value its count so far.
# `counts.get(pair, 0)` reads the count, or 0 for a new pair; we add one and store it.

# %%
counts = {}
for w in words:
    chs = "." + w + "."
    for ch1, ch2 in itertools.pairwise(chs):
        pair = (ch1, ch2)
        counts[pair] = counts.get(pair, 0) + 1

print("distinct pairs:", len(counts))
print("pairs in all:  ", sum(counts.values()))

# %% [markdown]
# There are 627 different pairs, and 228,146 pairs in all. Since a name with $n$ letters
# gives $n + 1$ pairs, the total is the number of letters plus the number of names:
#
# <details><summary>Going deeper: the total as a sum</summary>
#
# $$\sum_{w} \left(\lvert w \rvert + 1\right) = \sum_{w} \lvert w \rvert + 32{,}033 = 196{,}113 + 32{,}033 = 228{,}146,$$
#
# where $\lvert w \rvert$ is the length of the name $w$ and the sum runs over all names.
#
# </details>

# %%
letters = sum(len(w) for w in words)
print(letters, "+", len(words), "=", letters + len(words))
assert letters + len(words) == sum(counts.values())

# %% [markdown]
# Which pairs are the most common? Sort the dictionary's `(pair, count)` items by their
# count, largest first, and look at the top eight:

# %%
most_common = sorted(counts.items(), key=lambda item: item[1], reverse=True)
for pair, count in most_common[:8]:
    print(pair, count)

# %% [markdown]
# The two most common pairs involve the end marker: 6,763 names end in `n` and 6,640 in
# `a`. Then comes `an`, then `.a`: 4,410 names *start* with `a`. Without the marker, half
# of the top eight would not exist.

# %% [markdown]
# ## From characters to numbers: the vocabulary
#
# *In the video: [counting bigrams in a 2D torch tensor, 0:12:45](https://www.youtube.com/watch?v=PaCmpygFfXo&t=765), this section and
# the next.*
#
# A dictionary is easy to read but awkward to compute with. We want to do arithmetic on
# whole rows of counts at once, so we store them in a *tensor*, PyTorch's grid of
# numbers. A tensor is indexed by integers, not letters, so first every character gets a
# number.
#
# The characters in the data are the 26 lowercase letters:

# %%
chars = sorted(set("".join(words)))
print(len(chars), "".join(chars))

# %% [markdown]
# The marker `.` gets 0 and the letters `a` to `z` get 1 to 26: 27 characters, the
# *vocabulary*. We keep the mapping both ways:
#
# - `stoi` ("string to integer") turns a character into its number: `stoi['e']` is 5;
# - `itos` ("integer to string") turns a number back into its character: `itos[5]` is `'e'`.

# %%
stoi = {".": 0}
for i, ch in enumerate(chars, start=1):
    stoi[ch] = i
itos = {i: ch for ch, i in stoi.items()}

print(stoi)
print(stoi["e"], itos[5], len(stoi))

# %% [markdown]
# With the vocabulary, a framed name becomes a list of numbers:

# %%
print([stoi[ch] for ch in ".emma."])

# %% [markdown]
# ## The count matrix `N`
#
# Now we lay the counts out in a square table $N$ with a row and a column for each of the
# 27 characters. The row is the *first* character of a pair, the column the *second*:
#
# $$N_{ij} = \text{how many times the character } \texttt{itos}[j] \text{ comes right after the character } \texttt{itos}[i].$$
#
# So `em` is counted in row `stoi['e']` = 5, column `stoi['m']` = 13. Every possible
# pair, seen or not, has its own cell: $27 \times 27 = 729$ cells.
#
# We start from zeros and add one to a pair's cell each time we see it. Counts are whole
# numbers, so we ask for 32-bit integers (`dtype=torch.int32`) rather than PyTorch's
# default floats. First `emma` alone; `nonzero()` lists the cells that are not zero:

# %%
import torch

N_emma = torch.zeros((27, 27), dtype=torch.int32)
chs = ".emma."
for ch1, ch2 in itertools.pairwise(chs):
    ix1 = stoi[ch1]
    ix2 = stoi[ch2]
    N_emma[ix1, ix2] += 1

for i, j in N_emma.nonzero().tolist():
    # N_emma[i, j] is a tensor holding one number; .item() gives it as a Python int
    print(f"row {i:2} ({itos[i]}), column {j:2} ({itos[j]}): {N_emma[i, j].item()}")

# %% [markdown]
# Five pairs, five cells, each holding a 1; the last pair, `a.`, lands in row 1 (`a`),
# column 0 (the end marker).
#
# Now the whole data set, with the same loop. **This cell is slow: it takes a few
# seconds.** Each `N[ix1, ix2] += 1` is a separate trip from Python into PyTorch, and a
# few microseconds each add up over 228,146 pairs. The end of the notebook meets a
# faster way.

# %%
N = torch.zeros((27, 27), dtype=torch.int32)
for w in words:
    chs = "." + w + "."
    for ch1, ch2 in itertools.pairwise(chs):
        ix1 = stoi[ch1]
        ix2 = stoi[ch2]
        N[ix1, ix2] += 1

print(N.shape, N.dtype)
print("pairs counted:", N.sum().item())

# %% [markdown]
# The table holds all 228,146 pairs. The pair `an` sits in row `stoi['a']` = 1, column
# `stoi['n']` = 14, and holds the number the dictionary gave us:

# %%
print(N[stoi["a"], stoi["n"]].item(), counts[("a", "n")])

# %% [markdown]
# Every one of the 627 pairs has the same count in `N`, and the other $729 - 627 = 102$
# cells are zero: those pairs never occur.

# %%
assert all(N[stoi[ch1], stoi[ch2]].item() == c for (ch1, ch2), c in counts.items())
print("cells that are zero:", (N == 0).sum().item())

# %% [markdown]
# The top-left corner of the table, the marker and `a` to `d`:

# %%
N[:5, :5]

# %% [markdown]
# Row 0 belongs to the start marker, so it counts how many names begin with each
# character: none with `.` (no name is empty), 4,410 with `a`, 1,306 with `b`, and so on.

# %%
print(N[0].tolist())

# %% [markdown]
# It adds up to the number of names, since each name starts once:

# %%
print(N[0].sum().item())

# %% [markdown]
# ## The same answers from `bigram_helpers`
#
# What we built by hand also lives in the project's helper package, `bigram_helpers`,
# tested; later notebooks call the helpers instead of repeating the loops. Each cell
# below `assert`s that a helper agrees with our hand-made result (an `assert` stops with
# an error if its condition is false, so a cell that runs through is a passed check).
#
# `load_words` reads the file as we did, and refuses blank lines or stray spaces with a
# message that names the line:

# %%
from bigram_helpers import bigram_counts, build_vocab, count_bigrams, load_words

assert load_words(names_path) == words
print("load_words: same", len(words), "names")

# %% [markdown]
# `count_bigrams` is the dictionary loop:

# %%
assert count_bigrams(words) == counts
print("count_bigrams: same", len(counts), "pairs")

# %% [markdown]
# `build_vocab` returns both directions in one object: `vocab.stoi` is a dictionary like
# ours, `vocab.itos` a tuple, so `vocab.itos[5]` works as `itos[5]` does.

# %%
vocab = build_vocab(words)
assert vocab.stoi == stoi
assert list(vocab.itos) == [itos[i] for i in range(27)]
print(len(vocab), vocab.itos[:6], vocab.stoi["e"])

# %% [markdown]
# `bigram_counts` builds exactly the same table as our slow loop, much faster, because it
# hands all 228,146 pairs to PyTorch at once instead of making one trip per pair
# ([why the helpers are fast](../benchmarks/README.md#why-the-helpers-are-fast)).

# %%
N_fast = bigram_counts(words, vocab)
assert N_fast.dtype == torch.int32
assert torch.equal(N_fast, N)
print(N_fast.shape, N_fast.dtype, N_fast.sum().item())

# %% [markdown]
# ## What you learned
#
# - A name with markers, `.emma.`, holds one example per pair of neighbours.
# - The vocabulary numbers the 27 characters (`stoi`, `itos`).
# - `N[i, j]` counts how often character `j` follows character `i`.
# - A Python loop over a tensor is slow; handing PyTorch everything at once is fast.
#
# ## What's next
#
# A table of 729 numbers is hard to take in by reading it, so in
# [02_heatmap.ipynb](02_heatmap.ipynb) we draw it as a picture: a heatmap in which every
# cell shows its pair and its count.
