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
# ([its notebook](https://github.com/karpathy/nn-zero-to-hero/blob/master/lectures/makemore/makemore_part1_bigrams.ipynb)
# in nn-zero-to-hero; the names come from his [makemore](https://github.com/karpathy/makemore) repository).
# What the series adds: each step explained in prose, in six short notebooks; every figure
# checked by a test; tested helpers; exercises with checks and worked solutions
# ([acknowledgements](../README.md#acknowledgements)).*
#
# **What you will learn.** A language model guesses what comes next. The simplest one
# that still learns something real looks at a single character and guesses the one after
# it: a *bigram* model ("bi" = two characters at a time). Before it can guess, it needs
# to know how often each character follows each other character in real data, so this
# notebook is all about counting. You will load 32,033 first names, see how one short name
# hides several training examples, count every pair of neighbouring characters, first in
# an ordinary Python dictionary and then in a 27 x 27 table of integers (a PyTorch
# tensor), and find out why the obvious way to fill that table is slow. Along the way
# you will meet the helper functions that later notebooks use in place of the hand-written
# code, and check that they give exactly the same answers.

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
# This series builds *makemore* in its smallest form: a model that reads a list of
# things and makes up more things like them. The name, the idea and our list come from
# Andrej Karpathy's [makemore](https://github.com/karpathy/makemore). Our list is 32,033
# first names, and in notebook 03 the model we build makes up names like these:
#
# ```
# cexze  momasurailezitynn  konimittain  llayn  ka  da  staiyaubrtthrigotai  moliellavo  ke  teda
# ```
#
# Those are the first ten names notebook 03 samples, exactly as it printed them with the
# pinned PyTorch 2.13.0 (CPU). Sampling is random, though seeded; another build of
# PyTorch (Colab's, for instance) makes other names from the same seed, and notebook 03
# says why. They are not convincing names yet, but they are not random letters either:
# they start and end as names tend to, and stretches of them read like names. Notebook 04
# then learns the very same model a second way, as a small neural network, which is how
# much bigger models learn too. It all starts with counting.
#
# ## A first look at the data
#
# `names.txt` is a plain text file with one lowercase name on each line; the set-up cell
# above left its path in `names_path`. `open(...)` opens it, `read()` gives the whole
# file as one string, and `splitlines()` cuts that string at every line break, so we get
# a list with one name per item. The `with` block closes the file again as soon as we are
# done with it.

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
# ## One name, several examples
#
# Our model will only ever look at two characters at a time: the one it has just seen,
# and the one that comes next. Seen that way, the name `emma` is not one example but
# several. It tells us that `m` can follow `e`, that `m` can follow `m`, and that `a` can
# follow `m`.
#
# It tells us two more things that are easy to miss: that `e` is a good way to *start* a
# name, and that a name may *end* right after `a`. To let the model learn starts and ends
# as well, we put a special marker character at both ends of every name. We use `.`,
# because no name contains a dot, so it can never be confused with a real letter. The
# marker plays two roles: before the first letter it means "the name starts here", after
# the last letter it means "the name ends here".
#
# With the markers in place, `emma` becomes `.emma.`, and its neighbouring pairs are
# `.e em mm ma a.`. One way to picture how to list them: line the string up against a
# copy of itself shifted by one place, and read down the columns. The 1st character
# meets the 2nd, the 2nd meets the 3rd, and so on, until the shorter copy runs out.
#
# ```
# chs      = . e m m a .
# chs[1:]  = e m m a .
# pairs    = .e em mm ma a.
# ```
#
# Python's standard library does exactly this for us: `itertools.pairwise(chs)` hands out
# each character together with the one after it, as a tuple.

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
# Now do that for all 32,033 names and count how often each pair turns up. A Python
# dictionary is the natural tool: the key is the pair, a tuple such as `('e', 'm')`, and
# the value is how many times we have seen it so far. `counts.get(pair, 0)` reads the
# current count, or 0 for a pair we meet for the first time; we add one and store it back.

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
# There are 627 different pairs, and 228,146 pairs in all. We can check the second number
# without counting anything: every name with $n$ letters gives $n + 1$ pairs, so the total
# is the number of letters plus the number of names,
#
# $$\sum_{w} \left(\lvert w \rvert + 1\right) = \sum_{w} \lvert w \rvert + 32{,}033 = 196{,}113 + 32{,}033 = 228{,}146,$$
#
# where $\lvert w \rvert$ is the length of the name $w$ and the sum runs over all names.

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
# The two most common pairs both involve the end marker: 6,763 names end in `n` and
# 6,640 end in `a`. Then comes `an` inside a name, then `.a`: 4,410 names *start* with
# `a`. The marker is pulling its weight already. Without it, half of the top eight
# would not even exist.

# %% [markdown]
# ## From characters to numbers: the vocabulary
#
# A dictionary is easy to read but awkward to compute with. From the next notebook on we
# want to do arithmetic on whole rows of counts at once, and for that we store them in a
# *tensor*, PyTorch's grid of numbers. A tensor is indexed by integers, not by letters,
# so we first give every character a number.
#
# The characters in the data are the 26 lowercase letters:

# %%
chars = sorted(set("".join(words)))
print(len(chars), "".join(chars))

# %% [markdown]
# We give the marker `.` the number 0 and the letters `a` to `z` the numbers 1 to 26.
# That makes 27 characters in all: this set is the *vocabulary*. We need the mapping
# in both directions, so we keep two dictionaries:
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
# Now we can lay all the counts out in a square table with 27 rows and 27 columns, one row
# and one column for each character. We call it $N$. The row is the *first* character of
# a pair and the column is the *second*:
#
# $$N_{ij} = \text{how many times the character } \texttt{itos}[j] \text{ comes right after the character } \texttt{itos}[i].$$
#
# So the pair `em` is counted in row `stoi['e']` = 5, column `stoi['m']` = 13. Every
# possible pair, seen or not, has its own cell: $27 \times 27 = 729$ cells.
#
# We start from a table of zeros and, for every pair in the data, add one to its cell.
# Counts are whole numbers, so we ask for 32-bit integers (`dtype=torch.int32`) rather
# than PyTorch's default of floating-point numbers.
#
# First with `emma` alone, so that the result is small enough to read. `nonzero()` lists
# the positions of the cells that are not zero:

# %%
import torch

N_emma = torch.zeros((27, 27), dtype=torch.int32)
chs = ".emma."
for ch1, ch2 in itertools.pairwise(chs):
    ix1 = stoi[ch1]
    ix2 = stoi[ch2]
    N_emma[ix1, ix2] += 1

for i, j in N_emma.nonzero().tolist():
    print(f"row {i:2} ({itos[i]}), column {j:2} ({itos[j]}): {N_emma[i, j].item()}")

# %% [markdown]
# Five pairs, five cells, each holding a 1: row 0 (the start marker) has its count in
# column 5 (`e`), and the last pair, `a.`, lands in row 1 (`a`), column 0 (the end
# marker).
#
# Now the whole data set, with exactly the same loop. **This cell is slow: it takes a few
# seconds.** The dictionary loop above did the same number of steps (228,146 of them) in a
# blink, so why? Each `N[ix1, ix2] += 1` is a separate trip from Python into PyTorch: it
# has to read the index, pick out one element of the tensor, add one to it and write it
# back. Each trip costs a few microseconds, which is nothing once and a lot 228,146 times
# over. We run this loop once; the end of the notebook meets a faster way.

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
# The table holds all 228,146 pairs. Any cell can be read by its row and column. The pair
# `an`, for example, sits in row `stoi['a']` = 1, column `stoi['n']` = 14, and holds the
# same number the dictionary gave us:

# %%
print(N[stoi["a"], stoi["n"]].item(), counts[("a", "n")])

# %% [markdown]
# In fact every one of the 627 pairs in the dictionary has the same count in `N`, and the
# other $729 - 627 = 102$ cells are zero, because those pairs never occur:

# %%
assert all(N[stoi[ch1], stoi[ch2]].item() == c for (ch1, ch2), c in counts.items())
print("cells that are zero:", (N == 0).sum().item())

# %% [markdown]
# Here is the top-left corner of the table: the marker and the letters `a` to `d`, both
# as first and as second character.

# %%
N[:5, :5]

# %% [markdown]
# Row 0 is special. Its first character is the start marker, so it counts how many names
# begin with each character: none with `.` (there are no empty names), 4,410 with `a`,
# 1,306 with `b`, and so on.

# %%
print(N[0].tolist())

# %% [markdown]
# The row adds up to the number of names, since each name starts exactly once:

# %%
print(N[0].sum().item())

# %% [markdown]
# ## The same answers from `bigram_helpers`
#
# Everything we built by hand in this notebook also lives in the project's small helper
# package, `bigram_helpers`, where it is tested and a little more careful. Later
# notebooks call these helpers instead of repeating the loops. Each cell below calls one
# helper and `assert`s that it agrees with what we computed by hand (an `assert` stops the
# notebook with an error if its condition is false, so a cell that runs through is a
# passed check).
#
# `load_words` reads the file like `open(...).read().splitlines()` did, and also refuses a
# file with blank lines or stray spaces in it, with a message that names the line:

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
# `build_vocab` returns both directions of the vocabulary in one object: `vocab.stoi` is
# a dictionary like ours, and `vocab.itos` is a tuple, so `vocab.itos[5]` works just as
# `itos[5]` does.

# %%
vocab = build_vocab(words)
assert vocab.stoi == stoi
assert list(vocab.itos) == [itos[i] for i in range(27)]
print(len(vocab), vocab.itos[:6], vocab.stoi["e"])

# %% [markdown]
# `bigram_counts` builds the count matrix, and gives exactly the same table as our
# slow loop: same shape, same type, same numbers in every cell. It gets there in a few
# milliseconds instead of seconds, because it hands all 228,146 pairs to PyTorch at once
# instead of making one trip per pair
# ([Why the helpers are fast](../benchmarks/README.md#why-the-helpers-are-fast) says how).

# %%
N_fast = bigram_counts(words, vocab)
assert N_fast.dtype == torch.int32
assert torch.equal(N_fast, N)
print(N_fast.shape, N_fast.dtype, N_fast.sum().item())

# %% [markdown]
# ## What's next
#
# We now have every count in one 27 x 27 table, `N`. A table of 729 numbers is hard to
# take in by reading it, so in the next notebook,
# [02_heatmap.ipynb](02_heatmap.ipynb), we draw it as a picture: a heatmap in which every
# cell shows its pair and its count, and the patterns of how names start, continue and
# end jump out at a glance.
